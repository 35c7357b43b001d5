// Review mode's pure logic: one colour slot per analyst, the chosen analysts' annotations in one
// text order for j/k, the review keys, and the lines that describe a decision.
import type { AnalystColumn, ReviewItem, ReviewState } from "../../api";
import type { KeyPress } from "../../shared/keys";

/** How many analyst colours there are; the seventh analyst shares the first one's. */
export const ANALYST_COLOURS = 6;

/** The colour slot of the `i`-th analyst chosen. */
export const colourSlot = (i: number) => ((i % ANALYST_COLOURS) + ANALYST_COLOURS) % ANALYST_COLOURS;

/** A span to paint in the article (UTF-16), in its analyst's colour slot. */
export interface PaintedSpan {
  id: string;
  slot: number;
  start: number;
  end: number;
}

/** One annotation in review order, with the column (analyst) it is in. */
export interface ReviewEntry {
  column: number;
  item: ReviewItem;
}

/** Every annotation of the columns in text order (then by analyst), for moving with j/k. */
export function reviewOrder(columns: readonly AnalystColumn[]): ReviewEntry[] {
  const entries = columns.flatMap((c, column) => c.items.map((item) => ({ column, item })));
  return entries.sort(
    (a, b) =>
      a.item.annotation.start - b.item.annotation.start ||
      a.item.annotation.end - b.item.annotation.end ||
      a.column - b.column,
  );
}

/** The next position from `current` in a list of `count`, stopping at both ends. */
export function step(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + direction));
}

/** Which review states the filter shows, in the order `f` cycles through them. */
export const STATE_FILTERS: readonly (ReviewState | null)[] = [null, "pending", "accepted", "rejected"];

export function nextFilter(current: ReviewState | null): ReviewState | null {
  const i = STATE_FILTERS.indexOf(current);
  return STATE_FILTERS[(i + 1) % STATE_FILTERS.length] ?? null;
}

/** What a key press asks review mode to do. */
export type ReviewAction =
  | { kind: "move"; direction: 1 | -1 }
  | { kind: "decide"; decision: ReviewState }
  | { kind: "comment" }
  | { kind: "filter" }
  | { kind: "consensus" }
  | { kind: "help" };

const REVIEW_KEYS: Record<string, ReviewAction> = {
  j: { kind: "move", direction: 1 },
  ArrowDown: { kind: "move", direction: 1 },
  k: { kind: "move", direction: -1 },
  ArrowUp: { kind: "move", direction: -1 },
  a: { kind: "decide", decision: "accepted" },
  r: { kind: "decide", decision: "rejected" },
  p: { kind: "decide", decision: "pending" },
  c: { kind: "comment" },
  f: { kind: "filter" },
  v: { kind: "consensus" },
  "?": { kind: "help" },
};

/** Resolve a key press in review mode; keys with Ctrl, Alt or Meta are left to others. */
export function resolveReviewKey(press: KeyPress): ReviewAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  return REVIEW_KEYS[press.key] ?? null;
}

/** The keys, for the help overlay and the hint line. */
export const REVIEW_KEY_HELP: readonly [string, string][] = [
  ["j / k (review)", "Next / previous annotation, across the analysts, in text order"],
  ["a / r / p (review)", "Accept / reject / set back to pending"],
  ["c (review)", "Comment on the annotation (Enter saves, Esc cancels)"],
  ["f (review)", "Show all, pending, accepted or rejected annotations"],
  ["v (review)", "Show the consensus: the accepted spans"],
];

/** "Accepted by Rosa, 3 May 14:02" or "Pending". */
export function decisionLine(item: ReviewItem, format: (iso: string) => string): string {
  const state = item.annotation.review_state;
  const name = state.charAt(0).toUpperCase() + state.slice(1);
  if (state === "pending" || !item.reviewer) return name;
  const when = item.reviewed_at ? `, ${format(item.reviewed_at)}` : "";
  return `${name} by ${item.reviewer.name}${when}`;
}

/** How many of the entries are in each review state. */
export function stateCounts(entries: readonly ReviewEntry[]): Record<ReviewState, number> {
  const counts: Record<ReviewState, number> = { pending: 0, accepted: 0, rejected: 0 };
  for (const e of entries) counts[e.item.annotation.review_state] += 1;
  return counts;
}

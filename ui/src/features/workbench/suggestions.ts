// Suggested figures and quotes as the workbench lists them: what each says beside its words, the
// label an accepted one is tagged with, and the moves between them. Pure: offsets are whatever the
// caller gives (the gateway's list carries code points and UTF-16 spans).
import type { Label, SuggestionKind } from "../../api";
import type { Suggestion } from "../../api/suggestions";
import { describeFigure } from "./figureValue";

/** Anything in a suggestion list: a key and where it is. */
export interface Keyed {
  key: string;
  span: { start: number; end: number };
}

/** What the list shows beside the words: the figure as read, or who said the quote. */
export function describeSuggestion(s: Suggestion): string {
  if (s.kind === "quote") return s.attributes.speaker ? `said by ${s.attributes.speaker}` : "speaker not found";
  return s.attributes.figure ? describeFigure(s.attributes.figure) : "";
}

/** The label an accepted suggestion is tagged with: the active label of that kind, built-in first. */
export function labelForKind(labels: readonly Label[], kind: SuggestionKind): Label | null {
  const fitting = labels.filter((l) => l.kind === kind && !l.retired);
  return fitting.find((l) => l.builtin) ?? fitting[0] ?? null;
}

/** The neighbour of `key` among the items that can be current, wrapping around. */
export function stepKey(items: readonly Keyed[], key: string | null, direction: 1 | -1, skip: ReadonlySet<string> = new Set()): string | null {
  const open = items.filter((x) => !skip.has(x.key) || x.key === key);
  if (open.length === 0) return null;
  const index = open.findIndex((x) => x.key === key);
  if (index < 0) return (direction === 1 ? open[0] : open[open.length - 1])?.key ?? null;
  const next = open[(index + direction + open.length) % open.length];
  return next && next.key !== key ? next.key : null;
}

/** The item to make current once `key` leaves the list: the next one, or the previous at the end. */
export function successor(items: readonly Keyed[], key: string, skip: ReadonlySet<string> = new Set()): string | null {
  const index = items.findIndex((x) => x.key === key);
  const candidates = [...items.slice(index + 1), ...items.slice(0, Math.max(index, 0)).reverse()];
  return candidates.find((x) => x.key !== key && !skip.has(x.key))?.key ?? null;
}

/** The first item that starts at or after `offset`, else the first. */
export function firstFrom(items: readonly Keyed[], offset: number): string | null {
  return (items.find((x) => x.span.start >= offset) ?? items[0])?.key ?? null;
}

/** The shortest item covering `offset`, for a click on the text. */
export function keyAt(items: readonly Keyed[], offset: number): string | null {
  let best: Keyed | null = null;
  for (const x of items) {
    const covers = x.span.start <= offset && offset < x.span.end;
    if (covers && (!best || x.span.end - x.span.start < best.span.end - best.span.start)) best = x;
  }
  return best?.key ?? null;
}

/** The list without items of `kind` that overlap `span` (tagged by hand meanwhile). */
export function withoutCovered<T extends Keyed & { kind: SuggestionKind }>(items: readonly T[], kind: SuggestionKind, span: { start: number; end: number }): T[] {
  return items.filter((x) => x.kind !== kind || x.span.end <= span.start || span.end <= x.span.start);
}

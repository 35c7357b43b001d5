// Suggested figures and quotes as the workbench lists them: one list in text order, with the
// attributes an accepted suggestion is saved with, and the moves between them. Pure: offsets are
// whatever the caller gives (code points from the core; the gateway adds the UTF-16 spans).
import type { AlternativeFigure, ArticleSuggestions, Attributes, Label, SuggestionKind } from "../../api";
import { describeFigure } from "./figureValue";

/** One suggestion, at code-point offsets. */
export interface Suggestion {
  /** Stable while the list is open: kind and code-point span. */
  key: string;
  kind: SuggestionKind;
  start: number;
  end: number;
  /** The words suggested. */
  text: string;
  /** What an accepted suggestion is saved with. */
  attributes: Attributes;
  /** Other readings of a figure's numbers. */
  alternatives: AlternativeFigure[];
}

/** Anything in a suggestion list: a key and where it is. */
export interface Keyed {
  key: string;
  span: { start: number; end: number };
}

export function emptyAttributes(): Attributes {
  return { speaker: null, figure: null, verdict: null, note: "", tags: [] };
}

const keyOf = (kind: SuggestionKind, start: number, end: number) => `${kind}:${start}:${end}`;

/** Figures and quotes merged into one list in text order (a figure before a quote at the same place). */
export function suggestionList(found: ArticleSuggestions): Suggestion[] {
  const figures: Suggestion[] = found.figures.map((f) => ({
    key: keyOf("figure", f.start, f.end),
    kind: "figure",
    start: f.start,
    end: f.end,
    text: f.text,
    attributes: { ...emptyAttributes(), figure: f.prefill.figure },
    alternatives: f.prefill.alternatives,
  }));
  const quotes: Suggestion[] = found.quotes.map(({ quote, speaker }) => ({
    key: keyOf("quote", quote.start, quote.end),
    kind: "quote",
    start: quote.start,
    end: quote.end,
    text: quote.text,
    attributes: { ...emptyAttributes(), speaker },
    alternatives: [],
  }));
  return [...figures, ...quotes].sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
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

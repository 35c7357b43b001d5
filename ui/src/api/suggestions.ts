// Suggested figures and quotes as the core sends them, turned into one list in text order with
// the attributes an accepted suggestion is saved with. Offsets stay code points, as the core gave
// them; the workbench gateway adds the UTF-16 spans.
import type { AlternativeFigure, ArticleSuggestions, Attributes, SuggestionKind } from "./generated/core";

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

/** Attributes with nothing filled in. */
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

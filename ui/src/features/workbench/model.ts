// What the workbench works with, apart from its state: the target it opens, drafts being saved,
// the caret, and what it asks of the reader and the suggestion list (their exported functions).
import type { Attributes, LabelKind } from "../../api";
import type { Span16 } from "../../api/workbench";

/** What to open: an article, and in it an annotation or matched words (code points) to show. */
export interface OpenTarget {
  articleId: string;
  annotationId?: string;
  span?: [number, number];
}

/** A tag not yet committed: shown as saving, or with the reason it failed. */
export interface Draft {
  key: string;
  labelId: string;
  span: Span16;
  /** The selected text, so a failed draft says which words it holds. */
  quote: string;
  error: string | null;
  /** Attributes to save with it (an accepted suggestion's); else they are read from the text. */
  attributes?: Attributes;
}

/** What the workbench asks of the reader (ReaderText). */
export interface ReaderHandle {
  selectionSpan(): Span16 | null;
  select(span: Span16): void;
  clearSelection(): void;
  reveal(span: Span16): Promise<void>;
  blockStarts(): number[];
}

/** What the workbench asks of the suggestion list (SuggestionList). */
export interface SuggestionsHandle {
  toggle(from?: number): Promise<void>;
  close(): void;
  step(direction: 1 | -1): void;
  accept(): void;
  dismiss(): Promise<void>;
  pickAt(offset: number): boolean;
  dropCovered(kind: LabelKind, span: Span16): void;
  marks(): { others: Span16[]; current: Span16[] };
}

/** A caret (caret mode): where the selection started and where it ends, in UTF-16 units. */
export type Caret = { anchor: number; focus: number };

// Which spans the workbench marks over its annotations, as a pure function of its state: the
// selected and hovered annotation, drafts being saved, and the caret (one grapheme wide).
import type { Span16, ViewAnnotation } from "../../api/workbench";
import type { Mark } from "../../shared/highlights";
import { snapToGraphemes } from "../../shared/text/snap";
import type { Caret, Draft } from "./model";

/** What the marks are drawn from. */
export interface MarkedState {
  views: readonly ViewAnnotation[];
  selectedId: string | null;
  hoveredId: string | null;
  drafts: readonly Draft[];
  caret: Caret | null;
  /** The article's text; null before it has arrived. */
  text: string | null;
}

/** Every annotation mark with its spans (an empty list clears that mark). */
export function annotationMarks(state: MarkedState): [Mark, Span16[]][] {
  const spanOf = (id: string | null) => state.views.find((v) => v.annotation.id === id)?.span ?? null;
  const selected = spanOf(state.selectedId);
  const hovered = spanOf(state.hoveredId);
  return [
    ["selected", selected ? [selected] : []],
    ["hovered", hovered ? [hovered] : []],
    ["pending", state.drafts.filter((d) => !d.error).map((d) => d.span)],
    ["caret", state.caret && state.text !== null ? caretMark(state.text, state.caret) : []],
  ];
}

/** The grapheme at the caret's end (the last one when it is at the very end); none in an empty text. */
function caretMark(text: string, caret: Caret): Span16[] {
  const at = Math.min(caret.focus, text.length - 1);
  return at >= 0 ? [{ start: at, end: snapToGraphemes(text, at, at + 1)[1] }] : [];
}

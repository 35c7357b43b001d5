// Keyboard selection in the reader: move a caret by word or by paragraph. Word edges come from
// Intl.Segmenter over a small window, so a caret step costs the same in a 1 MB article.
import { isWordSegment } from "../../shared/text/snap";

const WINDOW = 256;
const segmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(locale: string | undefined): Intl.Segmenter {
  const key = locale ?? "";
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/** Offset of the next word start after `offset` (or the text end), or of the previous word start. */
export function wordStep(text: string, offset: number, direction: 1 | -1, locale?: string): number {
  const from = Math.max(0, direction === 1 ? offset : offset - WINDOW);
  const to = Math.min(text.length, direction === 1 ? offset + WINDOW : offset);
  const starts: number[] = [];
  for (const part of wordSegmenter(locale).segment(text.slice(from, to))) {
    if (isWordSegment(part)) starts.push(from + part.index);
  }
  if (direction === 1) {
    const next = starts.find((s) => s > offset);
    if (next !== undefined) return next;
    return to >= text.length ? text.length : wordStep(text, to, 1, locale);
  }
  const previous = starts.filter((s) => s < offset).pop();
  if (previous !== undefined) return previous;
  return from <= 0 ? 0 : wordStep(text, from, -1, locale);
}

/** Offset of the next (or previous) paragraph start among sorted `starts`. */
export function paragraphStep(starts: readonly number[], offset: number, direction: 1 | -1, length: number): number {
  if (direction === 1) return starts.find((s) => s > offset) ?? length;
  return [...starts].reverse().find((s) => s < offset) ?? 0;
}

/** A keyboard caret: the selection runs from `anchor` to `focus` (UTF-16 offsets). */
export interface Caret {
  anchor: number;
  focus: number;
}

/** Move the caret's focus by a word or a paragraph; without `extend` the anchor follows it. */
export function moveCaretBy(
  text: string,
  caret: Caret,
  move: { unit: "word" | "paragraph"; direction: 1 | -1; extend: boolean },
  blockStarts: readonly number[],
  locale?: string,
): Caret {
  const focus =
    move.unit === "word"
      ? wordStep(text, caret.focus, move.direction, locale)
      : paragraphStep(blockStarts, caret.focus, move.direction, text.length);
  return { anchor: move.extend ? caret.anchor : focus, focus };
}

/** The span a caret selects, or null when it selects nothing. */
export function caretSelection(caret: Caret): { start: number; end: number } | null {
  const [start, end] = [Math.min(caret.anchor, caret.focus), Math.max(caret.anchor, caret.focus)];
  return end > start ? { start, end } : null;
}

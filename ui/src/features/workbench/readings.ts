// The readings of a figure's number that the attribute editor offers to switch between: the one
// the article's language gives, and the others ("1.823" as 1823 or as 1.823).
import type { Figure, FigurePrefill, ReadingReason } from "../../api";
import { describeFigure } from "./figureValue";

/** One way to read a figure, with what to show for it. */
export interface Reading {
  figure: Figure;
  /** The figure for reading: "1 823 EUR". */
  text: string;
  /** Why it can be read so: "(the other decimal mark)". */
  why: string;
}

const WHY: Record<ReadingReason, string> = {
  decimal_mark: "(the other decimal mark)",
  short_scale: "(“billion” as a thousand million)",
};

/** Every reading, the article's own first. */
export function figureReadings(prefill: FigurePrefill): Reading[] {
  const own = { figure: prefill.figure, text: describeFigure(prefill.figure), why: "(as the article’s language reads it)" };
  const others = prefill.alternatives.map((a) => ({ figure: a.figure, text: describeFigure(a.figure), why: WHY[a.reason] }));
  return [own, ...others];
}

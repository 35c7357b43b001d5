// One-line summaries of what an analyst attached, for lists.
import type { Attributes } from "../../api";

/** "Mara Ellison", "more than 600 accounts", "≈ 274000 USD", "mostly false · #rt #ads". */
export function describeAttributes(a: Attributes): string {
  const parts: string[] = [];
  if (a.speaker) parts.push(a.speaker);
  if (a.figure) {
    const f = a.figure;
    parts.push([f.qualifier, f.value, f.currency, f.unit].filter(Boolean).join(" "));
  }
  if (a.verdict) parts.push(a.verdict);
  if (a.tags.length) parts.push(a.tags.map((t) => `#${t}`).join(" "));
  if (a.note) parts.push("note");
  return parts.join(" · ");
}

import { describe, expect, it } from "vitest";
import type { ViewAnnotation } from "../../api/workbench";
import { annotationMarks, type MarkedState } from "./marks";

const view = (id: string, start: number, end: number) =>
  ({ annotation: { id }, placement: { status: "exact" }, span: { start, end } }) as unknown as ViewAnnotation;

const base: MarkedState = {
  views: [view("a", 0, 5), view("b", 6, 9)],
  selectedId: null,
  hoveredId: null,
  drafts: [],
  caret: null,
  text: "Hello big 👍🏽 world",
};

describe("annotation marks", () => {
  it("marks the selected and hovered annotations and clears what is not there", () => {
    const marks = new Map(annotationMarks({ ...base, selectedId: "b", hoveredId: "a" }));
    expect(marks.get("selected")).toEqual([{ start: 6, end: 9 }]);
    expect(marks.get("hovered")).toEqual([{ start: 0, end: 5 }]);
    expect(marks.get("pending")).toEqual([]);
    expect(marks.get("caret")).toEqual([]);
  });

  it("marks drafts being saved but not failed ones", () => {
    const draft = { key: "d1", labelId: "L", span: { start: 1, end: 3 }, quote: "el", error: null };
    const failed = { ...draft, key: "d2", span: { start: 4, end: 5 }, error: "no" };
    expect(new Map(annotationMarks({ ...base, drafts: [draft, failed] })).get("pending")).toEqual([{ start: 1, end: 3 }]);
  });

  it("marks the whole grapheme at the caret, and the last one when the caret is at the end", () => {
    const text = base.text ?? "";
    const thumb = text.indexOf("👍");
    expect(new Map(annotationMarks({ ...base, caret: { anchor: 0, focus: thumb } })).get("caret")).toEqual([{ start: thumb, end: thumb + 4 }]);
    const end = text.length;
    expect(new Map(annotationMarks({ ...base, caret: { anchor: 0, focus: end } })).get("caret")).toEqual([{ start: end - 1, end }]);
    expect(new Map(annotationMarks({ ...base, text: "", caret: { anchor: 0, focus: 0 } })).get("caret")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { rowsInView, scrollRowIntoView, stepCursor } from "./virtualRows";

describe("virtual rows", () => {
  it("renders the rows in view with a margin, never past the ends", () => {
    expect(rowsInView(0, 100, 50, 1000, 1)).toEqual([0, 1, 2, 3]);
    expect(rowsInView(500, 100, 50, 1000, 1)).toEqual([9, 10, 11, 12]);
    expect(rowsInView(49_900, 100, 50, 1000, 1)).toEqual([997, 998, 999]);
    expect(rowsInView(0, 100, 50, 0)).toEqual([]);
  });

  it("moves the cursor with the arrows only, within the rows", () => {
    expect(stepCursor("ArrowDown", 0, 3)).toBe(1);
    expect(stepCursor("ArrowDown", 2, 3)).toBe(2);
    expect(stepCursor("ArrowUp", 0, 3)).toBe(0);
    expect(stepCursor("Enter", 0, 3)).toBeNull();
  });

  it("scrolls just enough to show a row", () => {
    const scroller = { scrollTop: 100, clientHeight: 200 };
    scrollRowIntoView(scroller, 1, 50);
    expect(scroller.scrollTop).toBe(50);
    scrollRowIntoView(scroller, 10, 50);
    expect(scroller.scrollTop).toBe(350);
    scrollRowIntoView(scroller, 8, 50);
    expect(scroller.scrollTop).toBe(350);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_SCROLL_HEIGHT, ROW_BASE_STEP, rowBase, rowShift, rowTop, rowsInView, scrollHeightFor, scrollRowIntoView, stepCursor, virtualTop } from "./virtualRows";

describe("virtual rows", () => {
  it("renders the rows in view and more around them, never past the ends", () => {
    for (const scrollTop of [0, 37, 500, 12_345, 49_900]) {
      const rows = rowsInView(scrollTop, 100, 50, 1000);
      const firstInView = Math.floor(scrollTop / 50);
      expect(rows).toContain(firstInView);
      expect(rows).toContain(Math.min(999, firstInView + 2));
      expect(rows[0]).toBeGreaterThanOrEqual(0);
      expect(rows.at(-1)).toBeLessThanOrEqual(999);
      rows.slice(1).forEach((r, i) => expect(r).toBe((rows[i] ?? 0) + 1));
    }
    expect(rowsInView(0, 100, 50, 0)).toEqual([]);
  });

  it("keeps the same rows while scrolling within a step, so most frames change nothing", () => {
    const at = (scrollTop: number) => rowsInView(scrollTop, 600, 44, 100_000).join();
    let changes = 0;
    for (let y = 44_000; y < 54_000; y += 40) if (at(y) !== at(y - 40)) changes++;
    // 10,000 px is 227 rows; the range moves two screens (28 rows) at a time.
    expect(changes).toBeLessThanOrEqual(9);
    expect(changes).toBeGreaterThan(0);
  });

  it("moves the cursor with the arrows only, within the rows", () => {
    expect(stepCursor("ArrowDown", 0, 3)).toBe(1);
    expect(stepCursor("ArrowDown", 2, 3)).toBe(2);
    expect(stepCursor("ArrowUp", 0, 3)).toBe(0);
    expect(stepCursor("Enter", 0, 3)).toBeNull();
  });

  it("scrolls just enough to show a row", () => {
    const scroller = { scrollTop: 100, clientHeight: 200 };
    scrollRowIntoView(scroller, 1, 50, 1000);
    expect(scroller.scrollTop).toBe(50);
    scrollRowIntoView(scroller, 10, 50, 1000);
    expect(scroller.scrollTop).toBe(350);
    scrollRowIntoView(scroller, 8, 50, 1000);
    expect(scroller.scrollTop).toBe(350);
  });
});

describe("a million rows", () => {
  const ROW = 44;
  const TOTAL = 1_000_000;
  const VIEW = 600;
  const bottom = MAX_SCROLL_HEIGHT - VIEW;

  it("keeps the scrollable height under the cap, and short lists at their own height", () => {
    expect(scrollHeightFor(TOTAL, ROW)).toBe(MAX_SCROLL_HEIGHT);
    expect(scrollHeightFor(100, ROW)).toBe(4400);
    expect(virtualTop(1234, VIEW, ROW, 100)).toBe(1234);
  });

  it("reaches the last row at the bottom and the first at the top", () => {
    expect(rowsInView(0, VIEW, ROW, TOTAL)[0]).toBe(0);
    expect(rowsInView(bottom, VIEW, ROW, TOTAL).at(-1)).toBe(TOTAL - 1);
    // The last row sits at the bottom of the view.
    expect(rowTop(TOTAL - 1, bottom, VIEW, ROW, TOTAL) + ROW).toBeCloseTo(bottom + VIEW, 6);
  });

  it("places the rows in view one after another, starting in the view", () => {
    const scrollTop = bottom / 2;
    const rows = rowsInView(scrollTop, VIEW, ROW, TOTAL);
    const tops = rows.map((i) => rowTop(i, scrollTop, VIEW, ROW, TOTAL));
    const firstInView = tops.findIndex((top) => top + ROW > scrollTop);
    expect(tops[firstInView]).toBeLessThanOrEqual(scrollTop);
    expect(tops.at(-1)).toBeGreaterThanOrEqual(scrollTop + VIEW - ROW);
    tops.slice(1).forEach((top, i) => expect(top - (tops[i] ?? 0)).toBeCloseTo(ROW, 6));
  });

  it("scrolls any row into view, the last one included", () => {
    for (const index of [0, 123_456, 500_000, 987_654, TOTAL - 1]) {
      const scroller = { scrollTop: 0, clientHeight: VIEW };
      scrollRowIntoView(scroller, index, ROW, TOTAL);
      const top = rowTop(index, scroller.scrollTop, VIEW, ROW, TOTAL);
      expect(top).toBeGreaterThanOrEqual(scroller.scrollTop - 1e-6);
      expect(top + ROW).toBeLessThanOrEqual(scroller.scrollTop + VIEW + 1e-6);
      expect(rowsInView(scroller.scrollTop, VIEW, ROW, TOTAL)).toContain(index);
    }
  });

  it("moves the rendered rows' block rarely, and still puts every row where it goes", () => {
    let rangeMoves = 0;
    let baseMoves = 0;
    let misplaced = 0;
    let previous = { first: -1, base: -1 };
    for (let scrollTop = 0; scrollTop < bottom; scrollTop += 4999) {
      const rows = rowsInView(scrollTop, VIEW, ROW, TOTAL);
      const first = rows[0] ?? 0;
      const base = rowBase(first, ROW);
      if (first !== previous.first) rangeMoves++;
      if (base !== previous.base) baseMoves++;
      previous = { first, base };
      for (const index of [first, rows.at(-1) ?? 0]) {
        const inBlock = index * ROW - base;
        const placed = base - rowShift(scrollTop, VIEW, ROW, TOTAL) + inBlock;
        if (inBlock < 0 || inBlock >= 2 * ROW_BASE_STEP) misplaced++;
        if (Math.abs(placed - rowTop(index, scrollTop, VIEW, ROW, TOTAL)) > 1e-3) misplaced++;
      }
    }
    expect(misplaced).toBe(0);
    // 44,000,000 px of rows: the block moves about 44 times while the range moves ~1,600 times.
    expect(rangeMoves).toBeGreaterThan(1000);
    expect(baseMoves).toBeLessThanOrEqual(Math.ceil((TOTAL * ROW) / ROW_BASE_STEP) + 1);
  });
});

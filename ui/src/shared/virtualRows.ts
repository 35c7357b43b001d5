// The arithmetic of the virtualised lists (library, annotation table, side panel): which rows to
// render for a scroll position, where each goes, how ↑/↓ move the cursor, and scrolling a row into
// view.
//
// A million rows of 44 px would need an element 44,000,000 px tall, and WebKit clamps heights near
// 33,554,431 px (layout units are 1/64 px in 32 bits): the last rows could never be scrolled to. So
// the scrollable height is capped, and past the cap a scroll position stands for the same
// fraction of the rows' full height (the tables scroll one to one from there: tallScroll.ts);
// rows are placed relative to the scroll position.

/** The tallest scrollable height used, well under every engine's limit. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Height of the element that gives the list its scrollbar. */
export function scrollHeightFor(total: number, rowHeight: number): number {
  return Math.min(total * rowHeight, MAX_SCROLL_HEIGHT);
}

/** Where the view starts in the rows' full height, for a scroll position. */
export function virtualTop(scrollTop: number, viewHeight: number, rowHeight: number, total: number): number {
  const full = total * rowHeight;
  const capped = scrollHeightFor(total, rowHeight);
  if (full <= capped) return scrollTop;
  const range = capped - viewHeight;
  return range <= 0 ? 0 : (Math.min(1, Math.max(0, scrollTop / range)) * (full - viewHeight));
}

/** The scroll position that starts the view at `top` in the rows' full height. */
export function scrollTopFor(top: number, viewHeight: number, rowHeight: number, total: number): number {
  const full = total * rowHeight;
  const capped = scrollHeightFor(total, rowHeight);
  if (full <= capped) return top;
  return full - viewHeight <= 0 ? 0 : (top / (full - viewHeight)) * (capped - viewHeight);
}

/** How far the rows are drawn above their place in the full height at a scroll position: 0 unless
 *  the height is capped. Row `index` goes at `index * rowHeight - rowShift(...)`. */
export function rowShift(scrollTop: number, viewHeight: number, rowHeight: number, total: number): number {
  return virtualTop(scrollTop, viewHeight, rowHeight, total) - scrollTop;
}

/** How far apart the bases of the rendered rows' block are (see `rowBase`). */
export const ROW_BASE_STEP = 1_000_000;

/** The offset the block of rendered rows is moved by, so that row `index` sits at
 *  `index * rowHeight - base` inside it: a multiple of ROW_BASE_STEP, so it stays the same while
 *  many screens scroll by. A row that stays rendered then keeps its place in the block, and a
 *  frame that adds and removes rows leaves the others untouched, where moving the block with
 *  every step would restyle and lay out every row. Row offsets stay below 2 * ROW_BASE_STEP,
 *  far from the engine's clamp. */
export function rowBase(firstRow: number, rowHeight: number): number {
  return Math.floor((firstRow * rowHeight) / ROW_BASE_STEP) * ROW_BASE_STEP;
}

/** Where row `index` goes inside the scrollable element. */
export function rowTop(index: number, scrollTop: number, viewHeight: number, rowHeight: number, total: number): number {
  return index * rowHeight - virtualTop(scrollTop, viewHeight, rowHeight, total) + scrollTop;
}

/** Indices of the rows to render: those in view and two screens or more either side. The range
 *  moves in steps of two screens, not with every pixel: a frame that only scrolls is copied on
 *  screen by the browser, while one that also adds and removes rows costs several times more
 *  without a GPU. Steps of two screens, against one, halved the frames dropped by a fast fling
 *  (400 px a frame) in the corpus bench; four screens did no better. */
export function rowsInView(scrollTop: number, viewHeight: number, rowHeight: number, total: number): number[] {
  return rowsFrom(virtualTop(scrollTop, viewHeight, rowHeight, total), viewHeight, rowHeight, total);
}

/** The rows to render (as `rowsInView`) when the view starts at `top` in the rows' full height. */
export function rowsFrom(top: number, viewHeight: number, rowHeight: number, total: number): number[] {
  const perView = Math.max(1, Math.ceil(viewHeight / rowHeight));
  const step = Math.max(8, 2 * perView);
  const block = Math.floor(Math.floor(top / rowHeight) / step) * step;
  const first = Math.max(0, block - step);
  const last = Math.min(total, block + 2 * step + perView);
  return Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i);
}

/** The cursor after ArrowDown/ArrowUp, clamped to the rows; null for any other key. */
export function stepCursor(key: string, cursor: number, total: number): number | null {
  if (key !== "ArrowDown" && key !== "ArrowUp") return null;
  return Math.max(0, Math.min(total - 1, cursor + (key === "ArrowDown" ? 1 : -1)));
}

/** Scroll just enough that row `index` of `total` is fully in view. */
export function scrollRowIntoView(
  scroller: { scrollTop: number; clientHeight: number },
  index: number,
  rowHeight: number,
  total: number,
): void {
  const view = scroller.clientHeight;
  const current = virtualTop(scroller.scrollTop, view, rowHeight, total);
  const top = index * rowHeight;
  let wanted: number | null = null;
  if (top < current) wanted = top;
  else if (top + rowHeight > current + view) wanted = top + rowHeight - view;
  if (wanted !== null) scroller.scrollTop = scrollTopFor(wanted, view, rowHeight, total);
}

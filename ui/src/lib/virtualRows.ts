// The arithmetic of the virtualised lists (library, annotation table, side panel): which rows to
// render for a scroll position, how ↑/↓ move the cursor, and scrolling a row into view.

/** Indices of the rows to render: those in view, with `margin` rows either side. */
export function rowsInView(scrollTop: number, viewHeight: number, rowHeight: number, total: number, margin = 5): number[] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - margin);
  const count = Math.max(0, Math.min(total - first, Math.ceil(viewHeight / rowHeight) + 2 * margin));
  return Array.from({ length: count }, (_, i) => first + i);
}

/** The cursor after ArrowDown/ArrowUp, clamped to the rows; null for any other key. */
export function stepCursor(key: string, cursor: number, total: number): number | null {
  if (key !== "ArrowDown" && key !== "ArrowUp") return null;
  return Math.max(0, Math.min(total - 1, cursor + (key === "ArrowDown" ? 1 : -1)));
}

/** Scroll just enough that row `index` is fully in view. */
export function scrollRowIntoView(scroller: { scrollTop: number; clientHeight: number }, index: number, rowHeight: number): void {
  const top = index * rowHeight;
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + rowHeight - scroller.clientHeight;
}

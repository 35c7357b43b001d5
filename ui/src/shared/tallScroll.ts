// Scrolling a list taller than the scrollable height allows (a million rows; see virtualRows.ts).
//
// Mapping every scroll position to the same fraction of the rows (virtualTop) makes the rows move
// several times faster than the scroll (5.5 times for a million rows of 44 px): a wheel notch
// skips rows, and every frame of a scroll moves the rendered rows, so every frame is laid out and
// painted again, where a list that scrolls natively is only copied on screen. So the rows follow
// the scroll one to one from an offset (the view's top in the rows' full height is the scroll
// position plus the offset), and the offset changes only
// - on a jump (the scrollbar dragged, a key that moves far): the jump lands where the fraction says;
// - when the scroll pauses, or comes within a screen of either end while the rows have not: the
//   scroll position is moved back to where the fraction puts the rows shown, and the offset with
//   it, so nothing moves on screen and both ends stay reachable.
// Lists that fit under the cap scroll natively with an offset of 0.

import { rowShift, scrollHeightFor, scrollTopFor } from "./virtualRows";

/** Where the scroll stands: the element's scroll position and the offset of the rows from it. */
export interface ScrollPlace {
  scrollTop: number;
  offset: number;
}

/** A list's geometry: view and row heights (px) and the number of rows. */
export interface ListShape {
  view: number;
  row: number;
  total: number;
}

const fullHeight = (s: ListShape) => s.total * s.row;
const cappedHeight = (s: ListShape) => scrollHeightFor(s.total, s.row);
const isCapped = (s: ListShape) => fullHeight(s) > cappedHeight(s);
const lastScrollTop = (s: ListShape) => Math.max(0, cappedHeight(s) - s.view);
const clamp = (x: number, low: number, high: number) => Math.min(Math.max(x, low), high);

/** Where the view starts in the rows' full height. The offset is taken within what the list's
 *  current length allows: a list that shrank (new filters) may not have scrolled since. */
export function viewTop(place: ScrollPlace, shape: ListShape): number {
  const offset = isCapped(shape) ? clamp(place.offset, 0, fullHeight(shape) - cappedHeight(shape)) : 0;
  return clamp(place.scrollTop + offset, 0, Math.max(0, fullHeight(shape) - shape.view));
}

/** The offset after the scroll position moved from `from` to `place.scrollTop`: kept, unless
 *  the move was a jump (more than two screens) or reached an end, where the fraction decides. */
export function offsetAfterScroll(from: number, place: ScrollPlace, shape: ListShape): number {
  if (!isCapped(shape)) return 0;
  const to = place.scrollTop;
  const atEnd = to !== from && (to <= 0 || to >= lastScrollTop(shape) - 0.5);
  if (Math.abs(to - from) > 2 * shape.view || atEnd) return rowShift(to, shape.view, shape.row, shape.total);
  return clamp(place.offset, 0, fullHeight(shape) - cappedHeight(shape));
}

/** The place that shows the same rows with the scroll position where the fraction puts them, or
 *  null if it is (nearly) there already. */
export function settledPlace(place: ScrollPlace, shape: ListShape): ScrollPlace | null {
  if (!isCapped(shape)) return null;
  const top = viewTop(place, shape);
  const scrollTop = Math.round(scrollTopFor(top, shape.view, shape.row, shape.total));
  return Math.abs(scrollTop - place.scrollTop) < 1 ? null : { scrollTop, offset: top - scrollTop };
}

/** True when the scroll position is within a screen of an end the rows have not reached. */
export function nearUnreachedEnd(place: ScrollPlace, shape: ListShape): boolean {
  if (!isCapped(shape)) return false;
  const top = viewTop(place, shape);
  const nearTop = place.scrollTop < shape.view && top > place.scrollTop;
  const nearBottom = place.scrollTop > lastScrollTop(shape) - shape.view && top < place.scrollTop + fullHeight(shape) - cappedHeight(shape);
  return nearTop || nearBottom;
}

/** The place that brings row `index` just fully into view, or null if it is in view. */
export function placeShowingRow(place: ScrollPlace, index: number, shape: ListShape): ScrollPlace | null {
  const current = viewTop(place, shape);
  const top = index * shape.row;
  let wanted: number | null = null;
  if (top < current) wanted = top;
  else if (top + shape.row > current + shape.view) wanted = top + shape.row - shape.view;
  if (wanted === null) return null;
  if (!isCapped(shape)) return { scrollTop: wanted, offset: 0 };
  const oneToOne = wanted - place.offset;
  if (oneToOne >= 0 && oneToOne <= lastScrollTop(shape)) return { scrollTop: oneToOne, offset: place.offset };
  const scrollTop = Math.round(scrollTopFor(wanted, shape.view, shape.row, shape.total));
  return { scrollTop, offset: wanted - scrollTop };
}

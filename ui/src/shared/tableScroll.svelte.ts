// The scroll state of a virtual table (library, annotation table), as reactive state: the
// element's scroll position, the rows' offset from it (see tallScroll.ts) and the view's height.

import { nearUnreachedEnd, offsetAfterScroll, placeShowingRow, settledPlace, viewTop, type ListShape, type ScrollPlace } from "./tallScroll";

/** How long the scroll must rest before its position is moved to where the fraction says. */
const SETTLE_MS = 160;

export class TableScroll {
  scrollTop = $state(0);
  offset = $state(0);
  height = $state(600);
  /** The position the last scroll event (or our own move) left; the next event's move is from it. */
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly rowHeight: number;
  private readonly total: () => number;

  constructor(rowHeight: number, total: () => number) {
    this.rowHeight = rowHeight;
    this.total = total;
  }

  private get shape(): ListShape {
    return { view: this.height, row: this.rowHeight, total: this.total() };
  }

  private get place(): ScrollPlace {
    return { scrollTop: this.scrollTop, offset: this.offset };
  }

  /** Where the view starts in the rows' full height. */
  get top(): number {
    return viewTop(this.place, this.shape);
  }

  /** The element scrolled. */
  onScroll(element: HTMLElement): void {
    const scrollTop = element.scrollTop;
    this.offset = offsetAfterScroll(this.last, { scrollTop, offset: this.offset }, this.shape);
    this.scrollTop = this.last = scrollTop;
    clearTimeout(this.timer);
    if (nearUnreachedEnd(this.place, this.shape)) this.moveTo(element, settledPlace(this.place, this.shape));
    else this.timer = setTimeout(() => this.moveTo(element, settledPlace(this.place, this.shape)), SETTLE_MS);
  }

  /** Scroll just enough that row `index` is fully in view. */
  showRow(element: HTMLElement, index: number): void {
    this.moveTo(element, placeShowingRow(this.place, index, this.shape));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private moveTo(element: HTMLElement | undefined, place: ScrollPlace | null): void {
    if (!place) return;
    this.offset = place.offset;
    this.scrollTop = this.last = place.scrollTop;
    if (element) element.scrollTop = place.scrollTop;
  }
}

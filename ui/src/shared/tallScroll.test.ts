import { describe, expect, it } from "vitest";
import { nearUnreachedEnd, offsetAfterScroll, placeShowingRow, settledPlace, viewTop, type ScrollPlace } from "./tallScroll";
import { MAX_SCROLL_HEIGHT, virtualTop } from "./virtualRows";

const MILLION = { view: 600, row: 44, total: 1_000_000 };
const SHORT = { view: 600, row: 44, total: 1_000 };
const LAST = MAX_SCROLL_HEIGHT - MILLION.view;
const FULL = MILLION.total * MILLION.row;

/** A wheel scroll: `steps` moves of `by` px from `place`, each handled as a scroll event. */
function wheel(place: ScrollPlace, by: number, steps: number): { place: ScrollPlace; tops: number[] } {
  const tops: number[] = [];
  let at = place;
  for (let i = 0; i < steps; i++) {
    const scrollTop = Math.min(Math.max(at.scrollTop + by, 0), LAST);
    at = { scrollTop, offset: offsetAfterScroll(at.scrollTop, { scrollTop, offset: at.offset }, MILLION) };
    tops.push(viewTop(at, MILLION));
  }
  return { place: at, tops };
}

describe("scrolling a million rows", () => {
  it("moves the rows one to one with the wheel, so the offset, and the rows drawn, stay put", () => {
    const start = { scrollTop: 4_000_000, offset: 0 };
    const settled = settledPlace(start, MILLION) ?? start;
    const { place, tops } = wheel(settled, 40, 100);
    expect(place.offset).toBe(settled.offset);
    tops.forEach((top, i) => expect(top - viewTop(settled, MILLION)).toBeCloseTo(40 * (i + 1), 6));
  });

  it("lands a jump (the scrollbar dragged) where the fraction says", () => {
    const place = { scrollTop: LAST / 2, offset: 0 };
    const offset = offsetAfterScroll(100, place, MILLION);
    expect(viewTop({ ...place, offset }, MILLION)).toBeCloseTo(virtualTop(LAST / 2, 600, 44, 1_000_000), 3);
  });

  it("settles the scroll position where the fraction puts the rows shown, without moving them", () => {
    const place = { scrollTop: 1_000_000, offset: 123_456 };
    const settled = settledPlace(place, MILLION);
    expect(settled).not.toBeNull();
    expect(viewTop(settled as ScrollPlace, MILLION)).toBeCloseTo(viewTop(place, MILLION), 6);
    expect(settled?.scrollTop).toBe(Math.round((1_123_456 * LAST) / (FULL - 600)));
    expect(settledPlace(settled as ScrollPlace, MILLION)).toBeNull();
  });

  it("keeps both ends reachable by the wheel alone", () => {
    // Settled in the middle, then wheeled up without a pause: near the top the position is moved
    // back to where the fraction says, until the first row shows.
    let place = settledPlace({ scrollTop: 2_000_000, offset: 0 }, MILLION) as ScrollPlace;
    for (let i = 0; i < 100_000 && viewTop(place, MILLION) > 0; i++) {
      place = wheel(place, -400, 1).place;
      if (nearUnreachedEnd(place, MILLION)) place = settledPlace(place, MILLION) ?? place;
    }
    expect(viewTop(place, MILLION)).toBe(0);
    for (let i = 0; i < 200_000 && viewTop(place, MILLION) < FULL - 600; i++) {
      place = wheel(place, 400, 1).place;
      if (nearUnreachedEnd(place, MILLION)) place = settledPlace(place, MILLION) ?? place;
    }
    expect(viewTop(place, MILLION)).toBeCloseTo(FULL - 600, 6);
  });

  it("brings a row into view one to one when it can, and anywhere when it cannot", () => {
    const place = settledPlace({ scrollTop: 3_000_000, offset: 0 }, MILLION) as ScrollPlace;
    const top = viewTop(place, MILLION);
    const below = Math.ceil((top + 600) / 44);
    const next = placeShowingRow(place, below, MILLION) as ScrollPlace;
    expect(next.offset).toBe(place.offset);
    expect(viewTop(next, MILLION) + 600).toBeCloseTo((below + 1) * 44, 6);
    expect(placeShowingRow(next, below, MILLION)).toBeNull();
    for (const index of [0, 999_999, 10]) {
      const far = placeShowingRow(place, index, MILLION) as ScrollPlace;
      const shown = viewTop(far, MILLION);
      expect(index * 44).toBeGreaterThanOrEqual(shown - 1e-6);
      expect(index * 44 + 44).toBeLessThanOrEqual(shown + 600 + 1e-6);
      expect(far.scrollTop).toBeGreaterThanOrEqual(0);
      expect(far.scrollTop).toBeLessThanOrEqual(LAST);
    }
  });

  it("leaves a list that fits under the cap to scroll natively", () => {
    const place = { scrollTop: 5_000, offset: 0 };
    expect(offsetAfterScroll(0, place, SHORT)).toBe(0);
    expect(settledPlace(place, SHORT)).toBeNull();
    expect(nearUnreachedEnd(place, SHORT)).toBe(false);
    expect(viewTop(place, SHORT)).toBe(5_000);
    expect(placeShowingRow(place, 0, SHORT)).toEqual({ scrollTop: 0, offset: 0 });
  });

  it("shows the right rows when the list shrinks under the cap before it scrolls again", () => {
    const place = { scrollTop: 5_000, offset: 3_000_000 };
    expect(viewTop(place, SHORT)).toBe(5_000);
    // Still over the cap, but shorter: the offset is held within what this length allows.
    const half = { ...MILLION, total: 250_000 };
    expect(viewTop({ scrollTop: 0, offset: 9_000_000 }, half)).toBe(250_000 * 44 - MAX_SCROLL_HEIGHT);
  });
});

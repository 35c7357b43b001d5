// Which of the reader's sections hold their text: the ones on screen and one on each side, found by
// binary search over the sections' positions, so following the scroll costs a few layout reads.

import type { Section } from "./chunks";

/** Inclusive range of section indices whose text is rendered. */
export interface Live {
  first: number;
  last: number;
}

/** Index of the first of `count` items whose bottom edge (`bottomOf(i)`, increasing with `i`) is below
 *  `y`; the last index when none is; 0 when there are no items. */
export function firstIndexBelow(count: number, bottomOf: (i: number) => number, y: number): number {
  let low = 0;
  let high = Math.max(0, count - 1);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bottomOf(middle) > y) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The sections to render when `firstSeen`..`lastSeen` are on screen: those and one more on each side. */
export function liveAround(firstSeen: number, lastSeen: number, count: number): Live {
  const first = Math.max(0, Math.min(firstSeen, lastSeen) - 1);
  return { first, last: Math.max(first, Math.min(count - 1, Math.max(firstSeen, lastSeen) + 1)) };
}

/** Index of the section holding chunk `chunk` (0 for no sections). */
export function sectionOfChunk(sections: readonly Section[], chunk: number): number {
  return Math.max(0, firstIndexBelow(sections.length, (i) => (sections[i]?.first ?? 0) + (sections[i]?.chunks.length ?? 0), chunk));
}

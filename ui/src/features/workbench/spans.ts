// Pure helpers over the workbench's annotations, kept in text order: insertion, lookup by offset
// (the innermost span wins, so a claim inside a quote can be clicked), and j/k movement.

/** Anything with an id and a drawn span (UTF-16); orphans have no span. */
export interface Placed {
  id: string;
  span: { start: number; end: number } | null;
}

/** Text order: by start, longer first, then id; orphans last. */
export function compareSpans(a: Placed, b: Placed): number {
  if (!a.span || !b.span) return a.span ? -1 : b.span ? 1 : a.id.localeCompare(b.id);
  return a.span.start - b.span.start || b.span.end - a.span.end || a.id.localeCompare(b.id);
}

/** A copy of `items` with `item` inserted or replaced, still in text order. */
export function upsertInOrder<T extends Placed>(items: readonly T[], item: T): T[] {
  const rest = items.filter((x) => x.id !== item.id);
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const probe = rest[mid];
    if (probe && compareSpans(probe, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  rest.splice(lo, 0, item);
  return rest;
}

/** The innermost annotation covering `offset`, or null. */
export function innermostAt<T extends Placed>(items: readonly T[], offset: number): T | null {
  let best: T | null = null;
  for (const item of items) {
    const span = item.span;
    if (!span || span.start > offset) continue;
    if (offset < span.end && (!best?.span || span.end - span.start < best.span.end - best.span.start)) best = item;
  }
  return best;
}

/** Every annotation covering `offset` (for hover on overlaps). */
export function allAt<T extends Placed>(items: readonly T[], offset: number): T[] {
  return items.filter((x) => x.span && x.span.start <= offset && offset < x.span.end);
}

/** The neighbour of `currentId` in `items`, wrapping around; the first or last if none is current. */
export function step<T extends Placed>(items: readonly T[], currentId: string | null, direction: 1 | -1): T | null {
  const placed = items.filter((x) => x.span);
  if (placed.length === 0) return null;
  const index = placed.findIndex((x) => x.id === currentId);
  if (index < 0) return (direction === 1 ? placed[0] : placed[placed.length - 1]) ?? null;
  return placed[(index + direction + placed.length) % placed.length] ?? null;
}

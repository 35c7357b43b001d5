// Snapping selections so that a span never splits a grapheme cluster and, for word snapping, never
// stops in the middle of a word. Articles can be 1 MB, so no function here segments the whole text:
//
// * Grapheme boundaries come from segmenting only the stretch between two "safe" positions around the
//   offset. A safe position is one where UAX #29 breaks whatever comes before it (see isSafeBreak), so it
//   is a true boundary, and segmenting from one safe position to another gives exactly the boundaries the
//   whole text would. In ordinary text the stretch is a few code units; it grows with the cluster, so a
//   letter with 100 combining marks costs about 100 units, never the whole article.
// * Word edges come from segmenting a window of about 64 units either side of the edge, its ends moved to
//   safe positions. Word rules look a couple of characters past a window end, so a word that comes close
//   to a window end is not trusted and the window is widened.

type Granularity = "grapheme" | "word";

const segmenters = new Map<string, Intl.Segmenter>();

/** One Intl.Segmenter per granularity and locale: constructing one loads ICU rule data, which is slow. */
function segmenter(granularity: Granularity, locale?: string): Intl.Segmenter {
  const key = `${granularity}|${locale ?? ""}`;
  let cached = segmenters.get(key);
  if (cached === undefined) {
    try {
      cached = new Intl.Segmenter(locale || undefined, { granularity });
    } catch (error) {
      // An article's language tag can be malformed; the default locale segments it well enough.
      if (!(error instanceof RangeError)) throw error;
      cached = new Intl.Segmenter(undefined, { granularity });
    }
    segmenters.set(key, cached);
  }
  return cached;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The code point that ends just before UTF-16 offset `offset` (0 < offset). */
function codePointBefore(text: string, offset: number): number {
  const unit = text.charCodeAt(offset - 1);
  if (isLowSurrogate(unit) && isHighSurrogate(text.charCodeAt(offset - 2))) {
    return text.codePointAt(offset - 2) ?? unit;
  }
  return unit;
}

function isHangul(codePoint: number): boolean {
  // Conjoining jamo, extended jamo A and B, and precomposed syllables (a superset of GB6–GB8's classes).
  return (
    (codePoint >= 0x1100 && codePoint <= 0x11ff) ||
    (codePoint >= 0xa960 && codePoint <= 0xa97f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7ff)
  );
}

function isRegionalIndicator(codePoint: number): boolean {
  return codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
}

// Per-character grapheme classes, asked of the engine's own segmenter rather than a Unicode table of
// ours, so they can never disagree with the segmenter about the Unicode version.
const attachesCache = new Map<number, boolean>();
const prependsCache = new Map<number, boolean>();

function isOneCluster(sample: string): boolean {
  const segments = segmenter("grapheme").segment(sample)[Symbol.iterator]();
  segments.next();
  return segments.next().done === true;
}

/** Extend, ZWJ or SpacingMark (GB9, GB9a): joins whatever precedes it. Nothing below U+0300 does. */
function attaches(codePoint: number): boolean {
  if (codePoint < 0x300) return false;
  let result = attachesCache.get(codePoint);
  if (result === undefined) {
    result = isOneCluster(`a${String.fromCodePoint(codePoint)}`);
    attachesCache.set(codePoint, result);
  }
  return result;
}

/** Prepend (GB9b): joins whatever follows it. Nothing below U+0300 does. */
function prepends(codePoint: number): boolean {
  if (codePoint < 0x300) return false;
  let result = prependsCache.get(codePoint);
  if (result === undefined) {
    result = isOneCluster(`${String.fromCodePoint(codePoint)}a`);
    prependsCache.set(codePoint, result);
  }
  return result;
}

/** True if UAX #29 puts a grapheme boundary at `offset` whatever precedes the two characters around it.
 *  Every rule that forbids a break either looks only at the pair (CR LF, Hangul, Extend, SpacingMark,
 *  Prepend, a pair of regional indicators) or needs the left character to be Extend, ZWJ or a virama
 *  (emoji ZWJ sequences, Indic conjuncts, which attaches() catches), so checking the pair is enough. */
function isSafeBreak(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const after = text.codePointAt(offset) ?? 0;
  if (isLowSurrogate(after) && isHighSurrogate(text.charCodeAt(offset - 1))) return false;
  const before = codePointBefore(text, offset);
  if (before === 0x0d) return after !== 0x0a;
  if (before < 0x300 && after < 0x300) return true; // the common case: no class below U+0300 joins
  if (attaches(after) || attaches(before) || prepends(before)) return false;
  if (isHangul(before) && isHangul(after)) return false;
  return !(isRegionalIndicator(before) && isRegionalIndicator(after));
}

function safeBreakAtOrBefore(text: string, offset: number): number {
  while (!isSafeBreak(text, offset)) offset--;
  return offset;
}

function safeBreakAtOrAfter(text: string, offset: number): number {
  while (!isSafeBreak(text, offset)) offset++;
  return offset;
}

/** The grapheme boundaries around `offset`: [offset, offset] on a boundary, else the enclosing cluster. */
function clusterAround(text: string, offset: number): [number, number] {
  if (isSafeBreak(text, offset)) return [offset, offset];
  const from = safeBreakAtOrBefore(text, offset - 1);
  const to = safeBreakAtOrAfter(text, offset + 1);
  const cluster = segmenter("grapheme").segment(text.slice(from, to)).containing(offset - from);
  if (cluster === undefined) return [offset, offset]; // unreachable: from <= offset < to
  const start = from + cluster.index;
  return start === offset ? [offset, offset] : [start, start + cluster.segment.length];
}

function checkOffset(text: string, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new RangeError(`UTF-16 offset ${offset} is outside 0..${text.length}`);
  }
}

function checkRange(text: string, start: number, end: number): void {
  checkOffset(text, start);
  checkOffset(text, end);
  if (start > end) throw new RangeError(`range start ${start} is after its end ${end}`);
}

/** True if `offset` (UTF-16) is a grapheme boundary. Throws RangeError outside 0..text.length. */
export function isGraphemeBoundary(text: string, offset: number): boolean {
  checkOffset(text, offset);
  const [start, end] = clusterAround(text, offset);
  return start === offset && end === offset;
}

/** Widen [start, end) (UTF-16) outward to grapheme cluster boundaries. Throws RangeError for offsets
 *  outside 0..text.length or start > end. An empty range inside a cluster widens to that cluster. */
export function snapToGraphemes(text: string, start: number, end: number): [number, number] {
  checkRange(text, start, end);
  return [clusterAround(text, start)[0], clusterAround(text, end)[1]];
}

const WORD_RADII = [64, 512, 4096] as const;
// Word rules (WB6, WB7, WB11, WB12) look up to two characters past a boundary; a segment this close to a
// cut window end may have been split or joined wrongly, so it is not trusted.
const EDGE_MARGIN = 8;

interface Piece {
  start: number;
  end: number;
  isWordLike: boolean;
}

/** A word segment: engines disagree on whether numbers ("274") are `isWordLike` (WebKit says no),
 *  so any segment with a letter or digit counts. */
export function isWordSegment(segment: Intl.SegmentData): boolean {
  return segment.isWordLike === true || /[\p{L}\p{N}]/u.test(segment.segment);
}

/** The word segment holding the code unit at `unit`, from a window [from, to) of the text. */
function wordPiece(text: string, from: number, to: number, unit: number, locale?: string): Piece {
  const found = segmenter("word", locale).segment(text.slice(from, to)).containing(unit - from);
  if (found === undefined) return { start: unit, end: unit + 1, isWordLike: false }; // unreachable
  const start = from + found.index;
  return { start, end: start + found.segment.length, isWordLike: isWordSegment(found) };
}

/** Where the word that `offset` falls strictly inside begins ("start") or ends ("end"); `offset` itself
 *  if it is not inside a word, or if the word is too long (> 4096 units) to find its edge cheaply. */
function wordEdge(text: string, offset: number, side: "start" | "end", locale?: string): number {
  // The start edge looks at the character after the offset, the end edge at the one before.
  const unit = side === "start" ? offset : offset - 1;
  for (const radius of WORD_RADII) {
    const from = safeBreakAtOrBefore(text, Math.max(0, offset - radius));
    const to = safeBreakAtOrAfter(text, Math.min(text.length, offset + radius));
    const piece = wordPiece(text, from, to, unit, locale);
    const cut = (from > 0 && piece.start - from < EDGE_MARGIN) || (to < text.length && to - piece.end < EDGE_MARGIN);
    if (cut) continue;
    if (!piece.isWordLike) return offset;
    return side === "start" ? piece.start : piece.end;
  }
  return offset;
}

const WHITESPACE = /\s/;

/** Trim whitespace off both ends of [start,end), then widen each end to the edge of the word it falls inside
 *  (Intl.Segmenter word granularity with `isWordLike`), then to grapheme boundaries. Punctuation stays as selected.
 *  If the trimmed span is empty, return the grapheme-snapped original. `locale` is the article's language (optional).
 *  Throws RangeError for offsets outside 0..text.length or start > end. */
export function snapToWords(text: string, start: number, end: number, locale?: string): [number, number] {
  checkRange(text, start, end);
  let trimmedStart = start;
  let trimmedEnd = end;
  while (trimmedStart < trimmedEnd && WHITESPACE.test(text.charAt(trimmedStart))) trimmedStart++;
  while (trimmedEnd > trimmedStart && WHITESPACE.test(text.charAt(trimmedEnd - 1))) trimmedEnd--;
  if (trimmedStart === trimmedEnd) return snapToGraphemes(text, start, end);
  const wordStart = wordEdge(text, trimmedStart, "start", locale);
  const wordEnd = wordEdge(text, trimmedEnd, "end", locale);
  return snapToGraphemes(text, wordStart, wordEnd);
}

// The reader renders a long article as many block elements, one text node each, grouped in sections of which
// only those near the view hold their text (see ReaderText.svelte). Chunks end at paragraph breaks where possible,
// so a block is a paragraph; an overlong paragraph is split at a line, then at a space, and as a last resort
// at any grapheme boundary, so a chunk never ends inside a character a reader would see as one.

import { isGraphemeBoundary, snapToGraphemes } from "./snap";

/** A run of the article text rendered as one block; `start` is its UTF-16 offset in the article text. */
export interface Chunk {
  start: number;
  text: string;
}

const NEWLINE = 0x0a;
const WHITESPACE = /\s/;

function checkLimit(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`${name} ${value} must be an integer >= ${minimum}`);
}

/** Where the chunk starting at `start` ends when the text has a newline run that ends it before the hard limit. */
function newlineEnd(text: string, start: number, softLimit: number, hardLimit: number): number | undefined {
  const stop = Math.min(text.length, start + hardLimit);
  for (let at = start; at < stop; at++) {
    if (text.charCodeAt(at) !== NEWLINE) continue;
    let after = at + 1;
    while (text.charCodeAt(after) === NEWLINE) after++;
    // A paragraph break ends the chunk; past the soft limit, so does a single line break. The newlines
    // stay at the end of the chunk, and a position after "\n" is always a grapheme boundary (GB4).
    if (after - at >= 2 || after - start > softLimit) return after;
    at = after - 1;
  }
  return undefined;
}

/** Where a chunk that reached the hard limit without ending at a newline is cut: after the last whitespace
 *  before the limit, else at the last grapheme boundary before it. A single grapheme cluster longer than
 *  the limit is kept whole rather than split. */
function hardEnd(text: string, start: number, limit: number): number {
  for (let end = limit; end > start; end--) {
    if (WHITESPACE.test(text.charAt(end - 1)) && isGraphemeBoundary(text, end)) return end;
  }
  const [before, after] = snapToGraphemes(text, limit, limit);
  return before > start ? before : after;
}

/** Split text into chunks: end a chunk after a run of 2+ newlines (a paragraph break, the newlines stay at the end
 *  of the chunk); a chunk longer than `softLimit` (default 2000 UTF-16 units) also ends after the next single "\n";
 *  a chunk that reaches `hardLimit` (default 8000) without any newline ends at the last whitespace before the limit,
 *  or failing that at the last grapheme boundary before it (never inside a surrogate pair or a grapheme cluster).
 *  Concatenating the chunks' texts gives back `text`; empty text gives `[]`. */
export function chunkText(text: string, softLimit = 2000, hardLimit = 8000): Chunk[] {
  checkLimit("softLimit", softLimit, 0);
  checkLimit("hardLimit", hardLimit, 1);
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < text.length) {
    let end = newlineEnd(text, start, softLimit, hardLimit);
    if (end === undefined) end = start + hardLimit >= text.length ? text.length : hardEnd(text, start, start + hardLimit);
    chunks.push({ start, text: text.slice(start, end) });
    start = end;
  }
  return chunks;
}

/** Index of the chunk containing UTF-16 offset `offset` (binary search over chunk starts; offset === text length
 *  maps to the last chunk). Returns -1 for an empty chunk list; throws RangeError for an offset outside the text. */
export function chunkAt(chunks: readonly Chunk[], offset: number): number {
  const last = chunks[chunks.length - 1];
  if (last === undefined) return -1;
  const textLength = last.start + last.text.length;
  if (!Number.isInteger(offset) || offset < 0 || offset > textLength) {
    throw new RangeError(`UTF-16 offset ${offset} is outside 0..${textLength}`);
  }
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((chunks[middle]?.start ?? Infinity) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Consecutive chunks drawn as one section; `first` is the index of its first chunk. */
export interface Section {
  first: number;
  chunks: Chunk[];
  /** Estimated height in lines, for the browser to reserve before the section is laid out. */
  lines: number;
}

/** Group chunks into sections of about `targetLength` UTF-16 units (a chunk is never split). The reader gives
 *  text only to the sections near the view and an estimated height to the others; deciding which sections
 *  are near costs little with a few hundred of them. Lines are estimated at `lineLength`
 *  units per line plus one per line break. */
export function groupChunks(chunks: readonly Chunk[], targetLength = 12000, lineLength = 80): Section[] {
  checkLimit("targetLength", targetLength, 1);
  checkLimit("lineLength", lineLength, 1);
  const sections: Section[] = [];
  let current: Section | null = null;
  let length = 0;
  chunks.forEach((chunk, index) => {
    if (!current || length >= targetLength) {
      current = { first: index, chunks: [], lines: 0 };
      sections.push(current);
      length = 0;
    }
    current.chunks.push(chunk);
    current.lines += estimateLines(chunk.text, lineLength);
    length += chunk.text.length;
  });
  return sections;
}

function estimateLines(text: string, lineLength: number): number {
  let lines = 0;
  for (const line of text.split("\n")) lines += Math.max(1, Math.ceil(line.length / lineLength));
  return lines;
}

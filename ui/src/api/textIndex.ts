// Offsets in the database are code points; JavaScript strings and DOM Ranges count UTF-16 code units.
// The API gateway converts between the two with one TextIndex per article text. An article can be 1 MB
// with 10,000 annotations, so a conversion must not walk the whole text: the index remembers the UTF-16
// offset of every BLOCK-th code point and a conversion scans at most one block from a checkpoint.

const BLOCK_BITS = 8;
const BLOCK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK - 1;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Code units taken by the code point at `utf16`. A lone surrogate counts as one code point of one unit,
 *  as `Array.from` and Rust's lossy decoding both treat it as a single unit of text. */
function unitsAt(text: string, utf16: number): 1 | 2 {
  return isHighSurrogate(text.charCodeAt(utf16)) && isLowSurrogate(text.charCodeAt(utf16 + 1)) ? 2 : 1;
}

/** Converts offsets in one text between UTF-16 code units and code points. */
export class TextIndex {
  /** The text the offsets refer to. */
  readonly text: string;
  /** Length of the text in UTF-16 code units (`text.length`). */
  readonly lengthUtf16: number;
  /** Length of the text in code points (`Array.from(text).length`). */
  readonly lengthCodePoints: number;
  /** #checkpoints[k] is the UTF-16 offset of code point k * BLOCK, up to and including the end. */
  readonly #checkpoints: Uint32Array;

  /** Indexes `text` in one pass. */
  constructor(text: string) {
    this.text = text;
    this.lengthUtf16 = text.length;
    // A text never has more code points than code units, so this is enough checkpoints.
    const checkpoints = new Uint32Array((text.length >>> BLOCK_BITS) + 1);
    let codePoints = 0;
    for (let utf16 = 0; utf16 < text.length; codePoints++) {
      if ((codePoints & BLOCK_MASK) === 0) checkpoints[codePoints >>> BLOCK_BITS] = utf16;
      utf16 += unitsAt(text, utf16);
    }
    // The end gets a checkpoint too when it falls on a block edge, so toUtf16(length) needs no special case.
    if ((codePoints & BLOCK_MASK) === 0) checkpoints[codePoints >>> BLOCK_BITS] = text.length;
    this.lengthCodePoints = codePoints;
    this.#checkpoints = checkpoints.subarray(0, (codePoints >>> BLOCK_BITS) + 1);
  }

  /** Code point offset -> UTF-16 offset; throws RangeError beyond the end (or for a negative or fractional offset). */
  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.lengthCodePoints) {
      throw new RangeError(`code point offset ${codePoint} is outside 0..${this.lengthCodePoints}`);
    }
    // Text without astral characters needs no conversion; that is most articles.
    if (this.lengthCodePoints === this.lengthUtf16) return codePoint;
    let utf16 = this.#checkpoint(codePoint >>> BLOCK_BITS);
    for (let left = codePoint & BLOCK_MASK; left > 0; left--) utf16 += unitsAt(this.text, utf16);
    return utf16;
  }

  /** UTF-16 offset -> code point offset; throws RangeError beyond the end, for a negative or fractional
   *  offset, or inside a surrogate pair (such an offset names no code point boundary). */
  toCodePoint(utf16: number): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.lengthUtf16) {
      throw new RangeError(`UTF-16 offset ${utf16} is outside 0..${this.lengthUtf16}`);
    }
    const text = this.text;
    if (isLowSurrogate(text.charCodeAt(utf16)) && isHighSurrogate(text.charCodeAt(utf16 - 1))) {
      throw new RangeError(`UTF-16 offset ${utf16} is inside a surrogate pair`);
    }
    if (this.lengthCodePoints === this.lengthUtf16) return utf16;
    const block = this.#blockAtOrBefore(utf16);
    let codePoint = block << BLOCK_BITS;
    for (let at = this.#checkpoint(block); at < utf16; codePoint++) at += unitsAt(text, at);
    return codePoint;
  }

  #checkpoint(block: number): number {
    const utf16 = this.#checkpoints[block];
    if (utf16 === undefined) throw new RangeError(`no checkpoint ${block}`); // unreachable after validation
    return utf16;
  }

  /** The last block whose checkpoint is at or before `utf16` (binary search; checkpoints increase strictly). */
  #blockAtOrBefore(utf16: number): number {
    let low = 0;
    let high = this.#checkpoints.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#checkpoint(middle) <= utf16) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

import { describe, expect, it } from "vitest";
import { TextIndex } from "./textIndex";
import { PIECES, randomInt, randomText, seededRandom } from "../testing/testText";

/** UTF-16 offset of every code point boundary, by walking Array.from (the slow reference). */
function naiveUtf16Offsets(text: string): number[] {
  const offsets = [0];
  for (const char of Array.from(text)) offsets.push((offsets[offsets.length - 1] ?? 0) + char.length);
  return offsets;
}

describe("TextIndex", () => {
  it("treats ASCII, Cyrillic, Arabic and Hebrew as one unit per code point", () => {
    for (const text of ["Hello", PIECES.cyrillic, PIECES.arabic, PIECES.hebrew, PIECES.devanagari]) {
      const index = new TextIndex(text);
      expect(index.lengthUtf16).toBe(text.length);
      expect(index.lengthCodePoints).toBe(text.length);
      expect(index.toUtf16(3)).toBe(3);
      expect(index.toCodePoint(3)).toBe(3);
    }
  });

  it("counts precomposed é as one code point and decomposed é as two", () => {
    expect(new TextIndex("caf\u00e9!").lengthCodePoints).toBe(5);
    const decomposed = new TextIndex("cafe\u0301!");
    expect(decomposed.lengthCodePoints).toBe(6);
    expect(decomposed.toUtf16(5)).toBe(5);
  });

  it("counts an astral emoji as one code point and two code units", () => {
    const index = new TextIndex("a\u{1F600}b");
    expect(index.lengthUtf16).toBe(4);
    expect(index.lengthCodePoints).toBe(3);
    expect(index.toUtf16(2)).toBe(3);
    expect(index.toCodePoint(3)).toBe(2);
  });

  it("counts each code point of a ZWJ family and of flags", () => {
    const family = new TextIndex(PIECES.family); // man ZWJ woman ZWJ girl
    expect(family.lengthCodePoints).toBe(5);
    expect(family.lengthUtf16).toBe(8);
    expect(family.toUtf16(2)).toBe(3);
    const flags = new TextIndex(PIECES.flags); // 🇺🇦🇫🇷: four regional indicators
    expect(flags.lengthCodePoints).toBe(4);
    expect(flags.toUtf16(2)).toBe(4);
    expect(flags.toCodePoint(8)).toBe(4);
  });

  it("converts around mathematical bold letters in Latin text", () => {
    const index = new TextIndex("x \u{1D400}\u{1D401} y");
    expect(index.toUtf16(4)).toBe(6);
    expect(index.toCodePoint(6)).toBe(4);
    expect(index.toCodePoint(index.lengthUtf16)).toBe(index.lengthCodePoints);
  });

  it("converts with emoji at the very start and the very end", () => {
    const index = new TextIndex("\u{1F600}text\u{1F600}");
    expect(index.toUtf16(0)).toBe(0);
    expect(index.toUtf16(1)).toBe(2);
    expect(index.toUtf16(6)).toBe(8);
    expect(index.toCodePoint(8)).toBe(6);
    expect(index.toCodePoint(6)).toBe(5);
  });

  it("handles empty text", () => {
    const index = new TextIndex("");
    expect(index.lengthCodePoints).toBe(0);
    expect(index.toUtf16(0)).toBe(0);
    expect(index.toCodePoint(0)).toBe(0);
    expect(() => index.toUtf16(1)).toThrow(RangeError);
  });

  it("throws RangeError beyond the end, below zero and for fractions", () => {
    const index = new TextIndex("a\u{1F600}");
    expect(() => index.toUtf16(3)).toThrow(RangeError);
    expect(() => index.toUtf16(-1)).toThrow(RangeError);
    expect(() => index.toUtf16(0.5)).toThrow(RangeError);
    expect(() => index.toCodePoint(4)).toThrow(RangeError);
    expect(() => index.toCodePoint(Number.NaN)).toThrow(RangeError);
  });

  it("throws RangeError inside a surrogate pair", () => {
    const index = new TextIndex("a\u{1F600}b");
    expect(() => index.toCodePoint(2)).toThrow(RangeError);
    expect(index.toCodePoint(1)).toBe(1);
  });

  it("counts a lone surrogate as one code point, as Array.from does", () => {
    const text = "a\ud800b\udc00";
    const index = new TextIndex(text);
    expect(index.lengthCodePoints).toBe(Array.from(text).length);
    expect(index.toCodePoint(2)).toBe(2);
  });

  it("stays exact at block edges when every code point is astral", () => {
    const text = "\u{1F600}".repeat(256 * 3);
    const index = new TextIndex(text);
    for (const codePoint of [0, 255, 256, 257, 511, 512, 768]) {
      expect(index.toUtf16(codePoint)).toBe(codePoint * 2);
      expect(index.toCodePoint(codePoint * 2)).toBe(codePoint);
    }
  });

  it("agrees with Array.from at every code point boundary of long random texts", () => {
    const random = seededRandom(20261129);
    for (let round = 0; round < 12; round++) {
      const text = randomText(random, 100 + randomInt(random, 400)); // several 256-code-point blocks
      const index = new TextIndex(text);
      const offsets = naiveUtf16Offsets(text);
      expect(index.lengthCodePoints).toBe(offsets.length - 1);
      // Compared as whole arrays: one expect per offset would make the test slow, not stricter.
      expect(offsets.map((_, codePoint) => index.toUtf16(codePoint))).toEqual(offsets);
      expect(offsets.map((utf16) => index.toCodePoint(utf16))).toEqual(offsets.map((_, codePoint) => codePoint));
    }
  });

  it("throws inside every surrogate pair of a long random text", () => {
    const text = randomText(seededRandom(7), 400);
    const index = new TextIndex(text);
    const boundaries = new Set(naiveUtf16Offsets(text));
    let inside = 0;
    for (let utf16 = 0; utf16 <= text.length; utf16++) {
      if (boundaries.has(utf16)) continue;
      inside++;
      expect(() => index.toCodePoint(utf16)).toThrow(RangeError);
    }
    expect(inside).toBeGreaterThan(50);
  });
});

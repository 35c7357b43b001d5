import { describe, expect, it } from "vitest";
import { isGraphemeBoundary, snapToGraphemes, snapToWords } from "./snap";
import { PIECES, graphemeBoundaries, randomInt, randomText, seededRandom } from "../../testing/testText";

/** snapToWords computed by segmenting the whole text (the slow reference). */
function referenceSnapToWords(text: string, start: number, end: number): [number, number] {
  const boundaries = graphemeBoundaries(text);
  const floor = (offset: number) => {
    while (!boundaries.has(offset)) offset--;
    return offset;
  };
  const ceil = (offset: number) => {
    while (!boundaries.has(offset)) offset++;
    return offset;
  };
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (s === e) return [floor(start), ceil(end)];
  for (const { index, segment, isWordLike } of new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)) {
    const segmentEnd = index + segment.length;
    if (isWordLike && index < s && s < segmentEnd) s = index;
    if (isWordLike && index < e && e < segmentEnd) e = segmentEnd;
  }
  return [floor(s), ceil(e)];
}

describe("isGraphemeBoundary", () => {
  it("finds every offset of ASCII, Cyrillic, Arabic and Hebrew letters a boundary", () => {
    for (const text of [PIECES.ascii, PIECES.cyrillic, PIECES.arabic, PIECES.hebrew]) {
      for (let offset = 0; offset <= text.length; offset++) expect(isGraphemeBoundary(text, offset)).toBe(true);
    }
  });

  it("rejects offsets inside decomposed é, a surrogate pair, a ZWJ family and a flag", () => {
    expect(isGraphemeBoundary("cafe\u0301", 4)).toBe(false);
    expect(isGraphemeBoundary("caf\u00e9", 3)).toBe(true);
    expect(isGraphemeBoundary("a\u{1F600}b", 2)).toBe(false);
    expect(isGraphemeBoundary("a\u{1D400}b", 2)).toBe(false);
    for (let offset = 1; offset < 8; offset++) expect(isGraphemeBoundary(PIECES.family, offset)).toBe(false);
    expect(isGraphemeBoundary(PIECES.flags, 2)).toBe(false);
    expect(isGraphemeBoundary(PIECES.flags, 4)).toBe(true);
  });

  it("pairs regional indicators from the start of their run", () => {
    // 🇺 then 🇺🇦🇫🇷: the lone indicator pairs with the next one, shifting every later pair by one.
    const text = `x${PIECES.loneIndicator}${PIECES.flags}`;
    expect(isGraphemeBoundary(text, 5)).toBe(true);
    expect(isGraphemeBoundary(text, 7)).toBe(false);
    expect(isGraphemeBoundary(text, 9)).toBe(true);
  });

  it("keeps Hangul jamo and Devanagari conjuncts whole", () => {
    expect(isGraphemeBoundary(PIECES.hangulJamo, 1)).toBe(false);
    expect(isGraphemeBoundary(PIECES.hangulJamo, 2)).toBe(false);
    const kssa = "\u0915\u094d\u0937"; // क्ष: KA, VIRAMA, SSA
    expect(isGraphemeBoundary(kssa, 1)).toBe(false);
    expect(isGraphemeBoundary(kssa, 2)).toBe(false);
  });

  it("breaks after a newline even before a combining mark", () => {
    expect(isGraphemeBoundary("line\n\u0301", 5)).toBe(true);
    expect(isGraphemeBoundary("one\ntwo", 4)).toBe(true);
  });

  it("throws RangeError outside the text", () => {
    expect(() => isGraphemeBoundary("abc", 4)).toThrow(RangeError);
    expect(() => isGraphemeBoundary("abc", -1)).toThrow(RangeError);
  });

  it("agrees with segmenting the whole text at every offset of long random texts", () => {
    const random = seededRandom(1);
    for (let round = 0; round < 8; round++) {
      const text = randomText(random, 200);
      const boundaries = graphemeBoundaries(text);
      const found = Array.from({ length: text.length + 1 }, (_, offset) => isGraphemeBoundary(text, offset));
      expect(found).toEqual(Array.from({ length: text.length + 1 }, (_, offset) => boundaries.has(offset)));
    }
  });

  it("agrees with segmenting the whole text when joiners, prepends and controls are mixed at random", () => {
    // Single characters from every class that can join a neighbour, plus lone surrogates and CR.
    const joiners = ["a", " ", "\n", "\r", "\u0301", "\u200d", "\u{1F600}", "\u{1F1FA}", "\u0915\u094d", "\u0937",
      "\u0600", "\u1100", "\u1161", "\uac00", "\u0e33", "\u00ad", "\ud800", "\udc00"];
    const random = seededRandom(11);
    for (let round = 0; round < 100; round++) {
      const text = Array.from({ length: 40 }, () => joiners[randomInt(random, joiners.length)]).join("");
      const boundaries = graphemeBoundaries(text);
      const found = Array.from({ length: text.length + 1 }, (_, offset) => isGraphemeBoundary(text, offset));
      expect(found).toEqual(Array.from({ length: text.length + 1 }, (_, offset) => boundaries.has(offset)));
    }
  });
});

describe("snapToGraphemes", () => {
  it("leaves ASCII and precomposed é as selected", () => {
    expect(snapToGraphemes("Hello", 1, 3)).toEqual([1, 3]);
    expect(snapToGraphemes("caf\u00e9!", 3, 4)).toEqual([3, 4]);
  });

  it("widens over a combining accent, an emoji half and a whole ZWJ family", () => {
    expect(snapToGraphemes("cafe\u0301!", 2, 4)).toEqual([2, 5]);
    expect(snapToGraphemes("a\u{1F600}b", 2, 2)).toEqual([1, 3]);
    expect(snapToGraphemes(`x${PIECES.family}y`, 3, 4)).toEqual([1, 9]);
    expect(snapToGraphemes(PIECES.flags, 2, 6)).toEqual([0, 8]);
  });

  it("widens to emoji at the very start and the very end", () => {
    const text = "\u{1F600} hi \u{1F600}";
    expect(snapToGraphemes(text, 1, 7)).toEqual([0, 8]);
  });

  it("widens to a letter with 100 combining marks far from any window edge", () => {
    const before = "x ".repeat(100);
    const text = `${before}${PIECES.longCluster} ${"y ".repeat(100)}`;
    const clusterEnd = before.length + PIECES.longCluster.length;
    expect(snapToGraphemes(text, before.length + 50, before.length + 51)).toEqual([before.length, clusterEnd]);
    expect(isGraphemeBoundary(text, before.length + 99)).toBe(false);
    expect(isGraphemeBoundary(text, clusterEnd)).toBe(true);
  });

  it("throws RangeError for a reversed or out-of-range span", () => {
    expect(() => snapToGraphemes("abc", 2, 1)).toThrow(RangeError);
    expect(() => snapToGraphemes("abc", 0, 4)).toThrow(RangeError);
  });

  it("returns the nearest enclosing boundaries, idempotently, for random spans", () => {
    const random = seededRandom(2);
    for (let round = 0; round < 20; round++) {
      const text = randomText(random, 80);
      const boundaries = graphemeBoundaries(text);
      for (let trial = 0; trial < 50; trial++) {
        const a = randomInt(random, text.length + 1);
        const b = randomInt(random, text.length + 1);
        const [start, end] = [Math.min(a, b), Math.max(a, b)];
        const [snappedStart, snappedEnd] = snapToGraphemes(text, start, end);
        expect(boundaries.has(snappedStart) && boundaries.has(snappedEnd)).toBe(true);
        expect(snappedStart <= start && end <= snappedEnd).toBe(true);
        for (let offset = snappedStart + 1; offset <= start; offset++) expect(boundaries.has(offset)).toBe(false);
        for (let offset = end; offset < snappedEnd; offset++) expect(boundaries.has(offset)).toBe(false);
        expect(snapToGraphemes(text, snappedStart, snappedEnd)).toEqual([snappedStart, snappedEnd]);
      }
    }
  });
});

describe("snapToWords", () => {
  it("widens to whole words and keeps punctuation as selected", () => {
    // "Hello, world." — "ello, wor" becomes "Hello, world" without the full stop.
    expect(snapToWords(PIECES.ascii, 1, 10)).toEqual([0, 12]);
    expect(snapToWords(PIECES.ascii, 5, 6)).toEqual([5, 6]);
    expect(snapToWords(PIECES.ascii, 4, 13)).toEqual([0, 13]);
  });

  it("trims whitespace before widening", () => {
    expect(snapToWords("one  two  three", 3, 10)).toEqual([5, 8]);
  });

  it("returns the grapheme-snapped original when only whitespace is selected", () => {
    expect(snapToWords("one   two", 4, 5)).toEqual([4, 5]);
    // The space carries a combining accent, so the whole cluster comes back.
    expect(snapToWords("one \u0301  two", 3, 4)).toEqual([3, 5]);
  });

  it("keeps an apostrophe inside a word", () => {
    expect(snapToWords("they don't go", 6, 7)).toEqual([5, 10]);
  });

  it("widens inside decomposed é and after the combining accent", () => {
    expect(snapToWords("un cafe\u0301 noir", 4, 7)).toEqual([3, 8]);
    expect(snapToWords("un caf\u00e9 noir", 4, 6)).toEqual([3, 7]);
  });

  it("widens in Cyrillic, Arabic, Hebrew and Devanagari", () => {
    expect(snapToWords(PIECES.cyrillic, 2, 4, "ru")).toEqual([0, 6]);
    expect(snapToWords(PIECES.arabic, 7, 9, "ar")).toEqual([6, 13]);
    expect(snapToWords(PIECES.hebrew, 1, 2, "he")).toEqual([0, 4]);
    expect(snapToWords(PIECES.devanagari, 8, 9, "hi")).toEqual([7, 15]);
  });

  it("widens to emoji at the very start and the very end without taking them as words", () => {
    const text = "\u{1F600} hi \u{1F600}";
    expect(snapToWords(text, 1, 7)).toEqual([0, 8]);
    expect(snapToWords(text, 4, 5)).toEqual([3, 5]);
  });

  it("widens across a line that came from CRLF text", () => {
    expect(snapToWords("line one\nline two", 6, 11)).toEqual([5, 13]);
  });

  it("finds the edges of a word longer than the first window", () => {
    const text = `a ${"x".repeat(300)} b`;
    expect(snapToWords(text, 150, 151)).toEqual([2, 302]);
  });

  it("leaves the selection as made inside a word too long to be a word", () => {
    const text = "x".repeat(10_000);
    expect(snapToWords(text, 5000, 5001)).toEqual([5000, 5001]);
  });

  it("falls back to the default locale for a malformed language tag", () => {
    expect(snapToWords(PIECES.cyrillic, 2, 4, "not a locale!")).toEqual([0, 6]);
    expect(snapToWords(PIECES.cyrillic, 2, 4, "")).toEqual([0, 6]);
  });

  it("agrees with segmenting the whole text, contains the trimmed span and is idempotent", () => {
    const random = seededRandom(3);
    for (let round = 0; round < 20; round++) {
      const text = randomText(random, 60);
      const boundaries = graphemeBoundaries(text);
      for (let trial = 0; trial < 25; trial++) {
        const a = randomInt(random, text.length + 1);
        const b = randomInt(random, text.length + 1);
        const [start, end] = [Math.min(a, b), Math.max(a, b)];
        const snapped = snapToWords(text, start, end);
        expect(snapped).toEqual(referenceSnapToWords(text, start, end));
        expect(boundaries.has(snapped[0]) && boundaries.has(snapped[1])).toBe(true);
        const trimmed = text.slice(start, end).trim();
        expect(text.slice(snapped[0], snapped[1]).includes(trimmed)).toBe(true);
        expect(snapToWords(text, snapped[0], snapped[1])).toEqual(snapped);
      }
    }
  });
});

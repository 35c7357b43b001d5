import { describe, expect, it } from "vitest";
import { chunkAt, chunkText, groupChunks, type Chunk } from "./chunks";
import { PIECES, graphemeBoundaries, randomInt, randomText, seededRandom } from "../../testing/testText";

const texts = (chunks: readonly Chunk[]) => chunks.map((chunk) => chunk.text);

/** chunkAt the slow way: the last chunk starting at or before the offset. */
function linearChunkAt(chunks: readonly Chunk[], offset: number): number {
  let found = -1;
  chunks.forEach((chunk, index) => {
    if (chunk.start <= offset) found = index;
  });
  return found;
}

/** The invariants every chunking keeps, checked against segmenting the whole text. */
function expectWellFormed(text: string, chunks: readonly Chunk[], hardLimit: number): void {
  expect(texts(chunks).join("")).toBe(text);
  const boundaries = graphemeBoundaries(text);
  let start = 0;
  for (const chunk of chunks) {
    expect(chunk.start).toBe(start);
    expect(chunk.text.length).toBeGreaterThan(0);
    expect(boundaries.has(chunk.start)).toBe(true);
    // Over the hard limit only by trailing newlines, or because one cluster is longer than the limit.
    const body = chunk.text.replace(/\n+$/, "");
    const oneCluster = graphemeBoundaries(chunk.text).size === 2;
    expect(chunk.text.length <= hardLimit || body.length < hardLimit || oneCluster).toBe(true);
    start += chunk.text.length;
  }
}

describe("chunkText", () => {
  it("gives no chunks for empty text", () => {
    expect(chunkText("")).toEqual([]);
  });

  it("ends a chunk after a paragraph break, keeping the newlines at its end", () => {
    expect(chunkText("one\n\ntwo")).toEqual([
      { start: 0, text: "one\n\n" },
      { start: 5, text: "two" },
    ]);
    expect(texts(chunkText("a\n\n\n\nb\n\n"))).toEqual(["a\n\n\n\n", "b\n\n"]);
  });

  it("keeps single line breaks inside a chunk below the soft limit", () => {
    expect(texts(chunkText("line one\nline two\n"))).toEqual(["line one\nline two\n"]);
  });

  it("ends a chunk past the soft limit at the next single line break", () => {
    expect(texts(chunkText("abcdef\nghi\njkl", 4, 100))).toEqual(["abcdef\n", "ghi\njkl"]);
  });

  it("cuts a chunk without newlines after the last whitespace before the hard limit", () => {
    expect(texts(chunkText("aaa bbb ccc", 100, 6))).toEqual(["aaa ", "bbb ", "ccc"]);
    expect(texts(chunkText("Привет мир", 100, 8))).toEqual(["Привет ", "мир"]);
    expect(texts(chunkText("مرحبا بالعالم", 100, 8))).toEqual(["مرحبا ", "بالعالم"]);
  });

  it("cuts at the last grapheme boundary when there is no whitespace", () => {
    expect(texts(chunkText("ab\u{1F600}cd", 100, 3))).toEqual(["ab", "\u{1F600}c", "d"]);
    expect(texts(chunkText(`x${PIECES.family}y`, 100, 4))).toEqual(["x", PIECES.family, "y"]);
    expect(texts(chunkText("abcde\u0301f", 100, 5))).toEqual(["abcd", "e\u0301f"]);
  });

  it("does not cut after a space that carries a combining mark", () => {
    expect(texts(chunkText("aaa \u0301bbbb", 100, 6))).toEqual(["aaa \u0301b", "bbb"]);
  });

  it("keeps a cluster longer than the hard limit whole", () => {
    expect(texts(chunkText(`b${PIECES.longCluster}c`, 100, 10))).toEqual(["b", PIECES.longCluster, "c"]);
  });

  it("keeps emoji at the very start and end of the text whole", () => {
    expect(texts(chunkText("\u{1F600}\u{1F600}\u{1F600}", 100, 3))).toEqual(["\u{1F600}", "\u{1F600}", "\u{1F600}"]);
  });

  it("splits a long article into paragraphs under the default limits", () => {
    const paragraph = `${PIECES.hebrew} ${PIECES.devanagari} ${PIECES.cyrillic}.`;
    const text = Array.from({ length: 50 }, () => paragraph).join("\n\n");
    const chunks = chunkText(text);
    expect(chunks).toHaveLength(50);
    expectWellFormed(text, chunks, 8000);
  });

  it("throws RangeError for limits that are not whole numbers in range", () => {
    expect(() => chunkText("abc", 10, 0)).toThrow(RangeError);
    expect(() => chunkText("abc", -1, 10)).toThrow(RangeError);
    expect(() => chunkText("abc", 1.5, 10)).toThrow(RangeError);
  });

  it("keeps its invariants for random texts and limits", () => {
    const random = seededRandom(4);
    for (let round = 0; round < 60; round++) {
      const text = randomText(random, 20 + randomInt(random, 80));
      const softLimit = randomInt(random, 60);
      const hardLimit = 1 + randomInt(random, 120);
      expectWellFormed(text, chunkText(text, softLimit, hardLimit), hardLimit);
    }
  });

  it("keeps its invariants for long random texts under the default limits", () => {
    const random = seededRandom(5);
    for (let round = 0; round < 3; round++) {
      const text = randomText(random, 2000).replace(/\n/g, round === 0 ? "\n" : " ");
      expectWellFormed(text, chunkText(text), 8000);
    }
  });
});

describe("chunkAt", () => {
  it("finds the chunk holding an offset, and the last chunk for the text length", () => {
    const chunks = chunkText("one\n\ntwo");
    expect([0, 4, 5, 7, 8].map((offset) => chunkAt(chunks, offset))).toEqual([0, 0, 1, 1, 1]);
  });

  it("returns -1 for no chunks and throws RangeError outside the text", () => {
    expect(chunkAt([], 0)).toBe(-1);
    const chunks = chunkText("one\n\ntwo");
    expect(() => chunkAt(chunks, 9)).toThrow(RangeError);
    expect(() => chunkAt(chunks, -1)).toThrow(RangeError);
  });

  it("agrees with a linear search at every offset of random chunkings", () => {
    const random = seededRandom(6);
    for (let round = 0; round < 20; round++) {
      const text = randomText(random, 1 + randomInt(random, 100));
      const chunks = chunkText(text, randomInt(random, 40), 1 + randomInt(random, 60));
      const offsets = Array.from({ length: text.length + 1 }, (_, offset) => offset);
      expect(offsets.map((offset) => chunkAt(chunks, offset))).toEqual(offsets.map((offset) => linearChunkAt(chunks, offset)));
    }
  });
});

describe("groupChunks", () => {
  const chunk = (start: number, length: number) => ({ start, text: "x".repeat(length - 1) + "\n" });

  it("keeps every chunk once, in order, in sections of about the target length", () => {
    const chunks = Array.from({ length: 10 }, (_, i) => chunk(i * 100, 100));
    const sections = groupChunks(chunks, 250);
    expect(sections.map((s) => s.chunks.length)).toEqual([3, 3, 3, 1]);
    expect(sections.map((s) => s.first)).toEqual([0, 3, 6, 9]);
    expect(sections.flatMap((s) => s.chunks)).toEqual(chunks);
  });

  it("gives no sections for no chunks, and one section for one long chunk", () => {
    expect(groupChunks([])).toEqual([]);
    expect(groupChunks([chunk(0, 50_000)], 100).map((s) => s.chunks.length)).toEqual([1]);
  });

  it("estimates a line per line break and per line length of text", () => {
    const [section] = groupChunks([{ start: 0, text: "a".repeat(200) + "\n\nshort\n" }], 1000, 80);
    // 200 units -> 3 lines, the empty line -> 1, "short" -> 1, the empty tail after the last "\n" -> 1.
    expect(section?.lines).toBe(6);
  });

  it("throws RangeError for a target or line length below 1", () => {
    expect(() => groupChunks([], 0)).toThrow(RangeError);
    expect(() => groupChunks([], 10, 0)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { firstIndexBelow, liveAround, sectionOfChunk } from "./sections";
import { groupChunks } from "./chunks";

describe("firstIndexBelow", () => {
  const bottoms = [100, 200, 300, 400];
  const bottomOf = (i: number) => bottoms[i] ?? 0;

  it("finds the first item whose bottom is below y", () => {
    expect(firstIndexBelow(4, bottomOf, 0)).toBe(0);
    expect(firstIndexBelow(4, bottomOf, 100)).toBe(1);
    expect(firstIndexBelow(4, bottomOf, 150)).toBe(1);
    expect(firstIndexBelow(4, bottomOf, 399)).toBe(3);
  });

  it("gives the last item past the end and 0 for no items", () => {
    expect(firstIndexBelow(4, bottomOf, 10_000)).toBe(3);
    expect(firstIndexBelow(0, bottomOf, 50)).toBe(0);
  });

  it("agrees with a linear search", () => {
    const tops = Array.from({ length: 50 }, (_, i) => i * 37 + (i % 3) * 5);
    for (let y = -10; y < 2000; y += 13) {
      const linear = tops.findIndex((b) => b > y);
      expect(firstIndexBelow(tops.length, (i) => tops[i] ?? 0, y)).toBe(linear < 0 ? tops.length - 1 : linear);
    }
  });
});

describe("liveAround", () => {
  it("adds one section on each side, within the article", () => {
    expect(liveAround(3, 4, 10)).toEqual({ first: 2, last: 5 });
    expect(liveAround(0, 0, 10)).toEqual({ first: 0, last: 1 });
    expect(liveAround(9, 9, 10)).toEqual({ first: 8, last: 9 });
    expect(liveAround(0, 0, 1)).toEqual({ first: 0, last: 0 });
  });
});

describe("sectionOfChunk", () => {
  it("finds the section that holds a chunk", () => {
    const chunks = Array.from({ length: 10 }, (_, i) => ({ start: i * 10, text: "123456789\n" }));
    const sections = groupChunks(chunks, 30); // chunks 0-2, 3-5, 6-8, 9
    expect([0, 2, 3, 5, 6, 8, 9].map((c) => sectionOfChunk(sections, c))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
});

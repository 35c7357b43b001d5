import { describe, expect, it } from "vitest";
import { labelRules, overlaps, rgbTriplet } from "./highlights";

describe("label colours", () => {
  it("turns #rrggbb into an rgb triplet and falls back to grey", () => {
    expect(rgbTriplet("#4e9fd9")).toBe("78 159 217");
    expect(rgbTriplet("red")).toBe("128 128 128");
  });

  it("writes one translucent highlight rule per label, by position", () => {
    expect(labelRules([{ color: "#000000" }, { color: "#ffffff" }])).toEqual([
      "::highlight(cd-label-0) { background-color: rgb(0 0 0 / 0.33); }",
      "::highlight(cd-label-1) { background-color: rgb(255 255 255 / 0.33); }",
    ]);
  });
});

describe("overlaps", () => {
  it("needs a shared code unit; touching ends do not count", () => {
    expect(overlaps({ start: 0, end: 5 }, { start: 4, end: 9 })).toBe(true);
    expect(overlaps({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(false);
    expect(overlaps({ start: 3, end: 4 }, { start: 0, end: 100 })).toBe(true);
  });
});

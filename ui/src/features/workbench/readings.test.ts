import { describe, expect, it } from "vitest";
import { figureReadings } from "./readings";

describe("figureReadings", () => {
  it("lists the article's reading first, then the others with why", () => {
    const readings = figureReadings({
      figure: { value: "1823", currency: "EUR", unit: null, qualifier: null },
      alternatives: [{ figure: { value: "1.823", currency: "EUR", unit: null, qualifier: null }, reason: "decimal_mark" }],
    });
    expect(readings.map((r) => r.text)).toEqual(["1\u202f823 EUR", "1.823 EUR"]);
    expect(readings[1]?.why).toBe("(the other decimal mark)");
    expect(readings[1]?.figure.value).toBe("1.823");
  });

  it("has one reading when the number is unambiguous", () => {
    const readings = figureReadings({ figure: { value: "600", currency: null, unit: "fake accounts", qualifier: "more than" }, alternatives: [] });
    expect(readings.map((r) => r.text)).toEqual(["more than 600 fake accounts"]);
  });
});

import { describe, expect, it } from "vitest";
import { groupDigits, parseDecimal } from "./figureValue";

describe("parseDecimal", () => {
  it("keeps exact decimals, dropping group spaces and trailing zeros", () => {
    expect(parseDecimal("274000")).toBe("274000");
    expect(parseDecimal(" 274 000 ")).toBe("274000");
    expect(parseDecimal("1900000.50")).toBe("1900000.5");
    expect(parseDecimal("0.1")).toBe("0.1");
    expect(parseDecimal("007")).toBe("7");
    expect(parseDecimal("12345678901234567890.123")).toBe("12345678901234567890.123");
  });

  it("refuses what is not an unambiguous decimal", () => {
    for (const bad of ["", "1,823", "1.9 million", "abc", "1.2.3", "$274"]) expect(parseDecimal(bad)).toBeNull();
  });
});

describe("groupDigits", () => {
  it("groups thousands with thin spaces and keeps the dot as the decimal mark", () => {
    expect(groupDigits("1823")).toBe("1\u202f823");
    expect(groupDigits("1.823")).toBe("1.823");
    expect(groupDigits("2500000.25")).toBe("2\u202f500\u202f000.25");
    expect(groupDigits("-600")).toBe("-600");
  });
});

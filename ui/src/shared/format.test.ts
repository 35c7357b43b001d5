import { describe, expect, it } from "vitest";
import { plural, shortDate } from "./format";

describe("format", () => {
  it("counts in the singular and plural", () => {
    expect(plural(1, "annotation")).toBe("1 annotation");
    expect(plural(0, "annotation")).toBe("0 annotations");
    expect(plural(12n, "article")).toBe("12 articles");
  });

  it("leaves an unparseable timestamp as it is", () => {
    expect(shortDate("yesterday")).toBe("yesterday");
    expect(shortDate("2026-11-29T12:00:00.000Z")).toMatch(/^2026-11-(29|30)$/);
  });
});

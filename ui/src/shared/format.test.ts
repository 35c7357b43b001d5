import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, plural, shortDate, shortPath } from "./format";

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

  it("shows sizes and times the way people read them", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(812)).toBe("812 bytes");
    expect(formatBytes(14_200)).toBe("14.2 kB");
    expect(formatBytes(999_999)).toBe("1.0 MB");
    expect(formatBytes(3_400_000)).toBe("3.4 MB");
    expect(formatBytes(250_000_000)).toBe("250 MB");
    expect(formatDuration(42)).toBe("under 0.1 s");
    expect(formatDuration(60)).toBe("0.1 s");
    expect(formatDuration(420)).toBe("0.4 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(125_000)).toBe("2 min 05 s");
  });

  it("shortens paths to their folder and name", () => {
    expect(shortPath("/home/ana/news/2024/story.html")).toBe("2024/story.html");
    expect(shortPath("C:\\news\\story.txt")).toBe("news/story.txt");
    expect(shortPath("story.txt")).toBe("story.txt");
  });
});

import { describe, expect, it } from "vitest";
import { countedProgress, doneShare } from "./jobs";

describe("jobs", () => {
  it("measures progress safely", () => {
    expect(doneShare(0, 0)).toBe(0);
    expect(doneShare(250, 1000)).toBe(0.25);
    expect(doneShare(12, 10)).toBe(1);
  });

  it("counts records with thousands separators, and waits before the first report", () => {
    const view = countedProgress({ done: 1200, total: 240_000 }, "annotations");
    expect(view.count).toBe("1,200 of 240,000 annotations");
    expect(view.fraction).toBe(0.005);
    expect(view.current).toBeNull();
    const waiting = countedProgress(null, "texts");
    expect(waiting.count).toBeNull();
    expect(waiting.waiting).toBe("Starting…");
    expect(waiting.fraction).toBe(0);
  });
});

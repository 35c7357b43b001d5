import { afterEach, describe, expect, it, vi } from "vitest";
import { watchDataVersion } from "./dataVersion";

describe("watching the data version", () => {
  afterEach(() => vi.useRealTimers());

  it("reports a change only when the number moves, and trouble once per stretch", async () => {
    vi.useFakeTimers();
    const answers: (number | Error)[] = [1, 1, 2, new Error("locked"), new Error("locked"), 2, 3];
    const read = () => {
      const next = answers.shift() ?? 3;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    };
    const changes: number[] = [];
    const troubles: unknown[] = [];
    const watch = watchDataVersion(read, () => changes.push(1), (t) => troubles.push(t), 1000);
    for (let i = 0; i < 7; i++) await watch.check();
    watch.stop();
    expect(changes.length).toBe(2);
    expect(troubles.length).toBe(1);
  });
});

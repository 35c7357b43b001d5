import { describe, expect, it } from "vitest";
import { innermostAt, step, upsertInOrder, type Placed } from "./spans";

const at = (id: string, start: number, end: number): Placed => ({ id, span: { start, end } });
const orphan = (id: string): Placed => ({ id, span: null });

describe("spans in text order", () => {
  it("inserts by start, longer spans first, orphans last", () => {
    let items: Placed[] = [];
    for (const item of [at("b", 10, 12), orphan("z"), at("a", 0, 5), at("outer", 10, 30)]) {
      items = upsertInOrder(items, item);
    }
    expect(items.map((x) => x.id)).toEqual(["a", "outer", "b", "z"]);
    items = upsertInOrder(items, at("a", 40, 45));
    expect(items.map((x) => x.id)).toEqual(["outer", "b", "a", "z"]);
  });

  it("finds the innermost span at an offset, and none past the end", () => {
    const items = [at("quote", 0, 50), at("claim", 10, 20)];
    expect(innermostAt(items, 15)?.id).toBe("claim");
    expect(innermostAt(items, 25)?.id).toBe("quote");
    expect(innermostAt(items, 50)).toBeNull();
  });

  it("steps forward and back with wrap-around, skipping orphans", () => {
    const items = [at("a", 0, 1), at("b", 2, 3), orphan("o")];
    expect(step(items, null, 1)?.id).toBe("a");
    expect(step(items, null, -1)?.id).toBe("b");
    expect(step(items, "b", 1)?.id).toBe("a");
    expect(step(items, "a", -1)?.id).toBe("b");
    expect(step([orphan("o")], null, 1)).toBeNull();
  });
});

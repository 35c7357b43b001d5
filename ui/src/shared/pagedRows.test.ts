import { describe, expect, it } from "vitest";
import { PagedRows } from "./pagedRows.svelte";

/** A listing of `total` numbered rows that records which offsets were asked for. */
function listing(total: number) {
  const asked: number[] = [];
  const rows = new PagedRows<number>(
    async (offset, limit) => {
      asked.push(offset);
      return { total, rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i) };
    },
    (reason) => {
      throw reason;
    },
    100,
  );
  return { rows, asked };
}

describe("paged rows", () => {
  it("loads the pages around the rows shown, half a page ahead either way", async () => {
    const { rows, asked } = listing(1000);
    await rows.ensure(0, 10);
    expect(asked).toEqual([0]);
    expect(rows.total).toBe(1000);
    // Rows 140..160 shown: rows 90..210 wanted, so pages 0 (loaded), 1 and 2.
    await rows.ensure(140, 160);
    expect(asked).toEqual([0, 100, 200]);
    expect(rows.row(205)).toBe(205);
    expect(rows.row(305)).toBeUndefined();
  });

  it("never asks for pages past the end once the total is known, nor twice for one page", async () => {
    const { rows, asked } = listing(1000);
    await rows.ensure(0, 1);
    await rows.ensure(980, 1000);
    await rows.ensure(960, 1000);
    expect(asked).toEqual([0, 900]);
    expect(rows.row(999)).toBe(999);
  });

  it("starts over on reset", async () => {
    const { rows, asked } = listing(1000);
    await rows.ensure(450, 460);
    rows.reset();
    await rows.ensure(0, 1);
    expect(asked).toEqual([400, 500, 0]);
    expect(rows.row(450)).toBeUndefined();
  });
});

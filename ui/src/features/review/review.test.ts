import { describe, expect, it } from "vitest";
import type { AnalystColumn, ReviewItem, ReviewState } from "../../api";
import {
  colourSlot, decisionLine, nextFilter, resolveReviewKey, reviewOrder, stateCounts, step,
} from "./review";

function item(id: string, start: number, end: number, state: ReviewState = "pending"): ReviewItem {
  return {
    annotation: { id, start, end, review_state: state } as ReviewItem["annotation"],
    source_file: null,
    reviewer: state === "pending" ? null : { id: "r", name: "Rosa" } as ReviewItem["reviewer"],
    reviewed_at: state === "pending" ? null : "2026-05-03T14:02:00Z",
    last_comment: null,
    decisions: 0,
    open_conflicts: 0,
  };
}

const column = (name: string, items: ReviewItem[]) =>
  ({ analyst: { id: name, name }, items }) as AnalystColumn;

const press = (key: string, extra: Partial<KeyboardEvent> = {}) => ({
  key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra,
});

describe("review order", () => {
  it("interleaves the analysts' annotations in text order, ties by analyst", () => {
    const order = reviewOrder([
      column("alice", [item("a1", 0, 10), item("a2", 40, 50)]),
      column("boris", [item("b1", 0, 10), item("b2", 5, 20)]),
    ]);
    expect(order.map((e) => e.item.annotation.id)).toEqual(["a1", "b1", "b2", "a2"]);
    expect(order.map((e) => e.column)).toEqual([0, 1, 1, 0]);
  });

  it("steps stop at both ends and start from the first or last", () => {
    expect(step(-1, 3, 1)).toBe(0);
    expect(step(-1, 3, -1)).toBe(2);
    expect(step(2, 3, 1)).toBe(2);
    expect(step(0, 3, -1)).toBe(0);
    expect(step(0, 0, 1)).toBe(-1);
  });

  it("counts review states", () => {
    const order = reviewOrder([column("a", [item("1", 0, 1, "accepted"), item("2", 1, 2), item("3", 2, 3, "rejected")])]);
    expect(stateCounts(order)).toEqual({ pending: 1, accepted: 1, rejected: 1 });
  });
});

describe("review keys", () => {
  it("maps a, r, p, c, j, k, f, v and leaves modified keys alone", () => {
    expect(resolveReviewKey(press("a"))).toEqual({ kind: "decide", decision: "accepted" });
    expect(resolveReviewKey(press("r"))).toEqual({ kind: "decide", decision: "rejected" });
    expect(resolveReviewKey(press("p"))).toEqual({ kind: "decide", decision: "pending" });
    expect(resolveReviewKey(press("c"))).toEqual({ kind: "comment" });
    expect(resolveReviewKey(press("j"))).toEqual({ kind: "move", direction: 1 });
    expect(resolveReviewKey(press("k"))).toEqual({ kind: "move", direction: -1 });
    expect(resolveReviewKey(press("f"))).toEqual({ kind: "filter" });
    expect(resolveReviewKey(press("v"))).toEqual({ kind: "consensus" });
    expect(resolveReviewKey(press("a", { ctrlKey: true }))).toBeNull();
    expect(resolveReviewKey(press("4"))).toBeNull();
  });

  it("cycles the state filter through all, pending, accepted, rejected", () => {
    expect(nextFilter(null)).toBe("pending");
    expect(nextFilter("pending")).toBe("accepted");
    expect(nextFilter("rejected")).toBeNull();
  });
});

describe("display", () => {
  it("gives each analyst a colour slot, wrapping after six", () => {
    expect([0, 1, 5, 6].map(colourSlot)).toEqual([0, 1, 5, 0]);
  });

  it("says who decided and when, or pending", () => {
    expect(decisionLine(item("1", 0, 1), (t) => t)).toBe("Pending");
    expect(decisionLine(item("1", 0, 1, "accepted"), () => "3 May")).toBe("Accepted by Rosa, 3 May");
  });
});

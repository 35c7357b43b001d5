import { describe, expect, it } from "vitest";
import type { Label } from "../../api";
import { found } from "../../testing/articleSuggestions";
import {
  describeSuggestion,
  firstFrom,
  keyAt,
  labelForKind,
  stepKey,
  successor,
  withoutCovered,
  type Keyed,
} from "./suggestions";
import { suggestionList } from "../../api/suggestions";


const items = (spans: [number, number][]): Keyed[] => spans.map(([start, end]) => ({ key: `k${start}`, span: { start, end } }));

describe("describeSuggestion", () => {
  it("describes a figure as read and a quote by its speaker", () => {
    const [accounts, dollars, quote] = suggestionList(found);
    if (!accounts || !dollars || !quote) throw new Error("three suggestions expected");
    expect(describeSuggestion(accounts)).toBe("more than 600 fake accounts");
    expect(describeSuggestion(dollars)).toBe("274\u202f000 USD");
    expect(describeSuggestion(quote)).toBe("said by Peskov");
    const unattributed = { ...quote, attributes: { ...quote.attributes, speaker: null } };
    expect(describeSuggestion(unattributed)).toBe("speaker not found");
  });

  it("spells a range from its qualifier", () => {
    const range = suggestionList({
      figures: [
        {
          start: 0,
          end: 30,
          text: "zwischen 2 und 3 Millionen Euro",
          prefill: { figure: { value: "2000000", currency: "EUR", unit: null, qualifier: "between 2000000 and 3000000" }, alternatives: [] },
        },
      ],
      quotes: [],
    })[0];
    expect(range && describeSuggestion(range)).toBe("between 2\u202f000\u202f000 and 3\u202f000\u202f000 EUR");
  });
});

describe("moving between suggestions", () => {
  const list = items([[0, 5], [10, 15], [20, 25]]);

  it("steps forward and back, wrapping, and starts at an end when none is current", () => {
    expect(stepKey(list, "k0", 1)).toBe("k10");
    expect(stepKey(list, "k20", 1)).toBe("k0");
    expect(stepKey(list, "k0", -1)).toBe("k20");
    expect(stepKey(list, null, 1)).toBe("k0");
    expect(stepKey(list, null, -1)).toBe("k20");
    expect(stepKey(items([[0, 5]]), "k0", 1)).toBeNull();
  });

  it("skips suggestions being dismissed", () => {
    expect(stepKey(list, "k0", 1, new Set(["k10"]))).toBe("k20");
    expect(successor(list, "k0", new Set(["k10"]))).toBe("k20");
  });

  it("moves to the next one when the current one leaves, or back at the end", () => {
    expect(successor(list, "k10")).toBe("k20");
    expect(successor(list, "k20")).toBe("k10");
    expect(successor(items([[0, 5]]), "k0")).toBeNull();
  });

  it("starts from a place in the text and finds the one under a click", () => {
    expect(firstFrom(list, 12)).toBe("k20");
    expect(firstFrom(list, 99)).toBe("k0");
    expect(firstFrom([], 0)).toBeNull();
    expect(keyAt([...list, { key: "wide", span: { start: 0, end: 30 } }], 12)).toBe("k10");
    expect(keyAt(list, 7)).toBeNull();
  });
});

describe("labels and tags made meanwhile", () => {
  const label = (id: string, kind: Label["kind"], extra: Partial<Label> = {}): Label => ({
    id,
    name: id,
    kind,
    color: "#4fb06d",
    hotkey: null,
    builtin: false,
    retired: false,
    ...extra,
  });

  it("tags with the active label of the suggestion's kind, built-in first", () => {
    const labels = [label("own-figure", "figure"), label("figure", "figure", { builtin: true }), label("quote", "quote", { retired: true })];
    expect(labelForKind(labels, "figure")?.id).toBe("figure");
    expect(labelForKind(labels, "quote")).toBeNull();
  });

  it("drops suggestions of the same kind that a new annotation overlaps", () => {
    const list = [
      { key: "a", kind: "figure" as const, span: { start: 0, end: 10 } },
      { key: "b", kind: "quote" as const, span: { start: 0, end: 10 } },
      { key: "c", kind: "figure" as const, span: { start: 10, end: 20 } },
    ];
    expect(withoutCovered(list, "figure", { start: 5, end: 8 }).map((x) => x.key)).toEqual(["b", "c"]);
  });
});

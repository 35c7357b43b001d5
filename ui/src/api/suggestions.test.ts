import { describe, expect, it } from "vitest";
import type { ArticleSuggestions } from "./generated/core";
import { suggestionList } from "./suggestions";

const found: ArticleSuggestions = {
  figures: [
    {
      start: 50,
      end: 65,
      text: "274 000 dollars",
      prefill: { figure: { value: "274000", currency: "USD", unit: null, qualifier: null }, alternatives: [] },
    },
    {
      start: 19,
      end: 43,
      text: "plus de 600 faux comptes",
      prefill: { figure: { value: "600", currency: null, unit: "fake accounts", qualifier: "more than" }, alternatives: [] },
    },
  ],
  quotes: [
    {
      quote: { start: 69, end: 102, text: "Nous n’avons jamais payé personne", mark_start: 67, mark_end: 104, speaker: null },
      speaker: "Peskov",
      known_speakers: [],
    },
  ],
};

describe("suggestionList", () => {
  it("merges figures and quotes in text order with their prefilled attributes", () => {
    const list = suggestionList(found);
    expect(list.map((s) => s.text)).toEqual(["plus de 600 faux comptes", "274 000 dollars", "Nous n’avons jamais payé personne"]);
    expect(list.map((s) => s.key)).toEqual(["figure:19:43", "figure:50:65", "quote:69:102"]);
    expect(list[1]?.attributes.figure).toEqual({ value: "274000", currency: "USD", unit: null, qualifier: null });
    expect(list[2]?.attributes.speaker).toBe("Peskov");
    expect(list[2]?.attributes.figure).toBeNull();
  });
});

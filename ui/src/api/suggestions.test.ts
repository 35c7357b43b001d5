import { describe, expect, it } from "vitest";
import { found } from "../testing/articleSuggestions";
import { suggestionList } from "./suggestions";


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

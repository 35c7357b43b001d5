// The suggestions the core finds in a short French paragraph: two figures and a quote. Shared by
// the gateway's and the workbench's tests, which must agree on what the wire brings.
import type { ArticleSuggestions } from "../api/generated/core";

export const found: ArticleSuggestions = {
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

import { describe, expect, it } from "vitest";
import { describeAttributes } from "./describe";

describe("describeAttributes", () => {
  it("summarises a figure, a verdict, tags and the presence of a note", () => {
    expect(
      describeAttributes({
        speaker: null,
        figure: { value: "274000", currency: "USD", unit: null, qualifier: "about" },
        verdict: "mostly false",
        note: "see archive",
        tags: ["rt", "ads"],
      }),
    ).toBe("about 274000 USD · mostly false · #rt #ads · note");
  });

  it("is empty when nothing is attached", () => {
    expect(describeAttributes({ speaker: null, figure: null, verdict: null, note: "", tags: [] })).toBe("");
  });
});

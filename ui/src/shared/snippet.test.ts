import { describe, expect, it } from "vitest";
import { snippetParts } from "./snippet";

describe("snippetParts", () => {
  it("splits marked words from the text around them", () => {
    expect(snippetParts("…RT a \uE000dépensé\uE001 274 \uE000000\uE001…")).toEqual([
      { text: "…RT a ", marked: false },
      { text: "dépensé", marked: true },
      { text: " 274 ", marked: false },
      { text: "000", marked: true },
      { text: "…", marked: false },
    ]);
  });

  it("keeps markup-looking text as plain text", () => {
    expect(snippetParts("<img src=x> \uE000ok\uE001")).toEqual([
      { text: "<img src=x> ", marked: false },
      { text: "ok", marked: true },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { MergeFileSummary } from "../../api/generated/core";
import { mergeLine, mergeProgressView } from "./merging";

function file(name: string, change: Partial<MergeFileSummary>): MergeFileSummary {
  return {
    file: name, analysts_added: 0, labels_added: 0, articles_added: 0, articles_matched: 0, annotations_added: 0,
    annotations_updated: 0, annotations_unchanged: 0, conflicts_new: 0, conflicts_known: 0, decisions_added: 0,
    history_added: 0, skipped: [], ...change,
  };
}

describe("merging", () => {
  it("shows the articles of the file being merged, and waits for the first report", () => {
    const view = mergeProgressView({ file: "boris.claimdesk", articles_done: 3, articles_total: 12 });
    expect([view.count, view.current, view.currentTitle]).toEqual(["3 of 12 articles", "Merging boris.claimdesk", "boris.claimdesk"]);
    expect(view.fraction).toBe(0.25);
    const waiting = mergeProgressView(null);
    expect([waiting.count, waiting.current]).toEqual([null, null]);
  });

  it("sums every file in one line and says when the merge stopped early", () => {
    const files = [
      file("a", { annotations_added: 2, annotations_updated: 1, conflicts_new: 1 }),
      file("b", { annotations_added: 1, annotations_unchanged: 4, conflicts_new: 1, conflicts_known: 3 }),
    ];
    expect(mergeLine({ files, cancelled: false, elapsed_ms: 10 })).toBe("3 added · 1 updated · 4 unchanged · 2 in conflict");
    expect(mergeLine({ files, cancelled: true, elapsed_ms: 10 })).toBe(
      "3 added · 1 updated · 4 unchanged · 2 in conflict · stopped early: merge again to finish",
    );
  });
});

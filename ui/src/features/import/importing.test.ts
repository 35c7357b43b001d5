import { describe, expect, it } from "vitest";
import type { ImportProgress, ImportSummary } from "../../api/generated/core";
import {
  ENCODINGS, columnMap, fractionDone, groupItems, guessImportFormat, importProgressView, megabytesToBytes, mayHoldCorpus, summaryLine, timeLeft,
} from "./importing";

function progress(change: Partial<ImportProgress>): ImportProgress {
  return {
    files_done: 1, files_total: 4, current: "a.txt", imported: 1, duplicates: 0, skipped: 0, failed: 0,
    bytes_done: 0, bytes_total: 0, elapsed_ms: 0, remaining_ms: null, ...change,
  };
}

describe("importing", () => {
  it("reads the size cap in megabytes and refuses what is not a positive number", () => {
    expect(megabytesToBytes("50")).toBe(50 * 1024 * 1024);
    expect(megabytesToBytes(" 0,5 ")).toBe(512 * 1024);
    expect(megabytesToBytes("0")).toBeNull();
    expect(megabytesToBytes("-3")).toBeNull();
    expect(megabytesToBytes("ten")).toBeNull();
    expect(megabytesToBytes("")).toBeNull();
  });

  it("maps blank columns to the field's own name and trims the rest", () => {
    const map = columnMap({ text: " body ", title: "", url: "link", outlet: "", author: " ", date: "published_at", language: "" });
    expect(map).toEqual({ text: "body", title: null, url: "link", outlet: null, author: null, date: "published_at", language: null });
  });

  it("notices corpora and folders among the chosen paths", () => {
    expect(mayHoldCorpus(["/a/story.html", "/a/b.txt", "/a/.hidden.md"])).toBe(false);
    expect(mayHoldCorpus(["/home/ana/news"])).toBe(true);
    expect(mayHoldCorpus(["/home/ana/news/"])).toBe(true);
    expect(mayHoldCorpus(["/a/story.html", "/a/corpus.CSV"])).toBe(true);
    expect(mayHoldCorpus(["/a/lines.jsonl"])).toBe(true);
  });

  it("says how long is left in words, and nothing before an estimate", () => {
    expect(timeLeft(progress({ remaining_ms: null }))).toBe("");
    expect(timeLeft(progress({ files_done: 0, remaining_ms: 5000 }))).toBe("");
    expect(timeLeft(progress({ remaining_ms: 4000 }))).toBe("a few seconds left");
    expect(timeLeft(progress({ remaining_ms: 42_000 }))).toBe("about 40 seconds left");
    expect(timeLeft(progress({ remaining_ms: 61_000 }))).toBe("about 1 minute left");
    expect(timeLeft(progress({ remaining_ms: 25 * 60_000 }))).toBe("about 25 minutes left");
    expect(timeLeft(progress({ remaining_ms: 3 * 3_600_000 }))).toBe("about 3 hours left");
  });

  it("measures progress by bytes when there are any, else by files", () => {
    expect(fractionDone(progress({ bytes_done: 50, bytes_total: 200 }))).toBe(0.25);
    expect(fractionDone(progress({ files_done: 2, files_total: 4 }))).toBe(0.5);
    expect(fractionDone(progress({ files_done: 0, files_total: 0 }))).toBe(0);
  });

  it("groups the summary with problems first and says how it went in one line", () => {
    const summary: ImportSummary = {
      imported: 1, duplicates: 1, skipped: 0, failed: 1, cancelled: false, elapsed_ms: 2345,
      items: [
        { source: "a.txt", outcome: "imported", article_id: "id-a", title: "A", lossy: false },
        { source: "b.txt", outcome: "duplicate", existing: "id-a" },
        { source: "c.txt", outcome: "failed", reason: "binary" },
      ],
    };
    const groups = groupItems(summary);
    expect(groups.failed.map((i) => i.source)).toEqual(["c.txt"]);
    expect(groups.duplicate.map((i) => i.source)).toEqual(["b.txt"]);
    expect(groups.imported.map((i) => i.source)).toEqual(["a.txt"]);
    expect(summaryLine(summary)).toBe("1 imported, 1 already in the library, 1 failed in 2.3 s.");
    expect(summaryLine({ ...summary, cancelled: true, elapsed_ms: 300 })).toBe(
      "Cancelled: 1 imported, 1 already in the library, 1 failed in under a second.",
    );
  });

  it("offers automatic first and every encoding once", () => {
    expect(ENCODINGS[0]?.value).toBeNull();
    const labels = ENCODINGS.map((e) => e.value);
    expect(new Set(labels).size).toBe(labels.length);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15]) expect(labels).toContain(`iso-8859-${n}`);
  });

  it("guesses the tool that wrote an annotation file from its name", () => {
    expect(guessImportFormat("/data/tasks.JSON")).toBe("label_studio");
    expect(guessImportFormat("/data/project.jsonl")).toBe("doccano");
  });

  it("shows an import's files, the file being read and its tallies, and waits for the first report", () => {
    const view = importProgressView(progress({ files_done: 3, files_total: 4000, current: "/home/ana/bulk/0003.txt", failed: 2, remaining_ms: 4000 }));
    expect(view.count).toBe("3 of 4000 files");
    expect(view.current).toBe("Reading bulk/0003.txt");
    expect(view.currentTitle).toBe("/home/ana/bulk/0003.txt");
    expect(view.timeLeft).toBe("a few seconds left");
    expect(view.tally.map((t) => [t.name, t.count, t.bad])).toEqual([
      ["imported", 1, false], ["already in the library", 0, false], ["skipped", 0, false], ["failed", 2, true],
    ]);
    expect(importProgressView(progress({ files_total: 1, current: null })).count).toBe("1 of 1 file");
    expect(importProgressView(progress({ current: null })).current).toBe("Finishing…");
    const waiting = importProgressView(null);
    expect([waiting.count, waiting.waiting, waiting.current]).toEqual([null, "Looking for files…", null]);
  });
});

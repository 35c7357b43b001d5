import { describe, expect, it } from "vitest";
import type { Annotator, ExportSummary, Filters, Label } from "../../api/generated/core";
import {
  FORMATS, countLine, describeFilters, summaryFacts,
} from "./exporting";

const none: Filters = {
  labels: [], annotators: [], outlets: [], languages: [], published_from: null, published_to: null,
  tags: [], review_states: [], currency: null, assigned_to: null,
};
const labels = [
  { id: "L1", name: "claim" },
  { id: "L2", name: "quote" },
] as Label[];
const annotators = [{ id: "A1", name: "Ana Lytic" }] as Annotator[];

describe("exporting", () => {
  it("lists the six formats the core writes, each with one line", () => {
    expect(FORMATS.map((f) => f.format)).toEqual(["csv", "jsonl", "w3c", "claim_review", "doccano", "label_studio"]);
    for (const f of FORMATS) expect(f.line).toMatch(/^[^\n]{10,90}$/);
  });

  it("says nothing about filters that do not narrow", () => {
    expect(describeFilters(none, labels, annotators)).toEqual([]);
  });

  it("names the active filters in words", () => {
    const filters: Filters = {
      ...none, labels: ["L1", "L2"], annotators: ["A1"], outlets: ["Le Monde"], languages: ["fr"],
      published_from: "2024-01-01", tags: ["rt"], review_states: ["accepted"], currency: "USD",
    };
    expect(describeFilters(filters, labels, annotators)).toEqual([
      "Labels: claim, quote", "Analyst: Ana Lytic", "Outlet: Le Monde", "Language: fr",
      "Published from 2024-01-01", "Tag: #rt", "Review: accepted", "Figures in USD",
    ]);
    expect(describeFilters({ ...none, labels: ["L1"], published_from: "2024-01-01", published_to: "2024-06-30" }, labels, annotators))
      .toEqual(["Label: claim", "Published 2024-01-01 to 2024-06-30"]);
    expect(describeFilters({ ...none, published_to: "2024-06-30" }, labels, annotators)).toEqual(["Published until 2024-06-30"]);
  });

  it("counts what will be exported, in the format's words", () => {
    expect(countLine({ annotations: 12, articles: 3 }, "csv")).toBe("12 annotations in 3 articles will be exported.");
    expect(countLine({ annotations: 60000, articles: 1200 }, "jsonl")).toBe("60,000 annotations in 1,200 articles will be exported.");
    expect(countLine({ annotations: 1, articles: 1 }, "w3c")).toBe("1 annotation in 1 article will be exported.");
    expect(countLine({ annotations: 0, articles: 0 }, "csv")).toBe("No annotation matches these filters.");
    expect(countLine({ annotations: 2, articles: 1 }, "claim_review")).toBe("2 claims with a verdict in 1 article will be exported.");
    expect(countLine({ annotations: 1, articles: 1 }, "claim_review")).toBe("1 claim with a verdict in 1 article will be exported.");
    expect(countLine({ annotations: 0, articles: 0 }, "claim_review")).toBe("No claim with a verdict matches these filters.");
  });

  it("sums up an export", () => {
    const summary: ExportSummary = { format: "claim_review", annotations: 1234, articles: 5, bytes: 2048, cancelled: false, elapsed_ms: 300 };
    expect(summaryFacts(summary)).toEqual([["Claims", "1,234"], ["Articles", "5"], ["Size", "2.0 kB"], ["Time", "0.3 s"]]);
  });
});

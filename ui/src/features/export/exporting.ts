// What the export dialog says, as pure functions: the formats and profiles with a line each,
// the active filters in words, the count, and the summary's facts.
import type {
  Annotator, CsvProfile, ExportFormat, ExportSize, ExportSummary, Filters, Label,
} from "../../api/generated/core";
import { formatBytes, formatDuration } from "../../shared/format";

/** A format as the dialog lists it. */
export interface FormatChoice {
  format: ExportFormat;
  name: string;
  line: string;
}

/** Every format, in the order the dialog lists them (and the digit that picks each). */
export const FORMATS: readonly FormatChoice[] = [
  { format: "csv", name: "CSV", line: "One row per annotation, for spreadsheets, pandas and R." },
  { format: "jsonl", name: "JSONL", line: "Full fidelity: every field, one JSON object per annotation." },
  { format: "w3c", name: "W3C Web Annotation", line: "The web standard (JSON-LD) for annotation tools and archives." },
  { format: "claim_review", name: "ClaimReview", line: "schema.org fact-checks: only claims that have a verdict." },
  { format: "doccano", name: "doccano", line: "Texts and their labelled spans, for doccano (UTF-16 offsets)." },
  { format: "label_studio", name: "Label Studio", line: "Tasks with spans and their attributes, for Label Studio." },
];

/** The two ways to write CSV, in plain words. */
export const PROFILES: readonly { profile: CsvProfile; name: string; line: string }[] = [
  { profile: "spreadsheet", name: "Spreadsheet (Excel, LibreOffice)", line: "formulas neutralised, BOM" },
  { profile: "raw", name: "Raw (pandas, R)", line: "byte-faithful" },
];

/** The active filters in words, one entry each; empty when nothing narrows. */
export function describeFilters(filters: Filters, labels: readonly Label[], annotators: readonly Annotator[]): string[] {
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? "a retired label";
  const analystName = (id: string) => annotators.find((a) => a.id === id)?.name ?? "an analyst";
  const list = (heading: string, values: readonly string[]) => (values.length ? [`${heading}: ${values.join(", ")}`] : []);
  const { published_from: from, published_to: to } = filters;
  const dates = from && to ? `Published ${from} to ${to}` : from ? `Published from ${from}` : to ? `Published until ${to}` : null;
  return [
    ...list(filters.labels.length === 1 ? "Label" : "Labels", filters.labels.map(labelName)),
    ...list("Analyst", filters.annotators.map(analystName)),
    ...list("Outlet", filters.outlets),
    ...list("Language", filters.languages),
    ...(dates ? [dates] : []),
    ...list("Tag", filters.tags.map((t) => `#${t}`)),
    ...list("Review", filters.review_states),
    ...(filters.currency ? [`Figures in ${filters.currency}`] : []),
  ];
}

/** "1,200 annotations in 3 articles will be exported." */
export function countLine(size: ExportSize, format: ExportFormat): string {
  const claims = format === "claim_review";
  if (size.annotations === 0) return claims ? "No claim with a verdict matches these filters." : "No annotation matches these filters.";
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
  const what = claims ? count(size.annotations, "claim with a verdict", "claims with a verdict") : count(size.annotations, "annotation", "annotations");
  return `${what} in ${count(size.articles, "article", "articles")} will be exported.`;
}

/** The summary's lines: what was written, how big, how long. */
export function summaryFacts(summary: ExportSummary): [string, string][] {
  const annotations = summary.format === "claim_review" ? "Claims" : "Annotations";
  return [
    [annotations, summary.annotations.toLocaleString("en")],
    ["Articles", summary.articles.toLocaleString("en")],
    ["Size", formatBytes(summary.bytes)],
    ["Time", formatDuration(summary.elapsed_ms)],
  ];
}

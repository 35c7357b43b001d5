// What the import dialog shows, as pure functions: the encodings on offer, the size cap in
// megabytes, the column mapping, the progress view, the summary grouped by outcome, and which tool wrote
// an annotation file.
import type { ColumnMap, ImportFormat, ImportItem, ImportProgress, ImportSummary } from "../../api/generated/core";
import { shortPath } from "../../shared/format";
import type { JobProgressView } from "../../shared/jobs";

/** An encoding the analyst can choose; `value` is its WHATWG label, null for automatic. */
export interface EncodingChoice {
  value: string | null;
  name: string;
}

/**
 * Legacy encodings by their WHATWG labels, as browsers decode them. ISO-8859-1 and ISO-8859-9
 * are read as windows-1252 and windows-1254, their supersets, as every browser does.
 */
export const ENCODINGS: readonly EncodingChoice[] = [
  { value: null, name: "Automatic (UTF-8, or what an HTML page declares)" },
  { value: "utf-8", name: "UTF-8" },
  { value: "windows-1252", name: "Western European (windows-1252)" },
  { value: "iso-8859-1", name: "Western European (ISO-8859-1, read as windows-1252)" },
  { value: "iso-8859-15", name: "Western European with euro sign (ISO-8859-15)" },
  { value: "windows-1250", name: "Central European (windows-1250)" },
  { value: "iso-8859-2", name: "Central European (ISO-8859-2)" },
  { value: "iso-8859-3", name: "South European (ISO-8859-3)" },
  { value: "iso-8859-4", name: "Baltic (ISO-8859-4)" },
  { value: "iso-8859-13", name: "Baltic (ISO-8859-13)" },
  { value: "windows-1257", name: "Baltic (windows-1257)" },
  { value: "windows-1251", name: "Cyrillic (windows-1251)" },
  { value: "iso-8859-5", name: "Cyrillic (ISO-8859-5)" },
  { value: "koi8-r", name: "Cyrillic, Russian (KOI8-R)" },
  { value: "koi8-u", name: "Cyrillic, Ukrainian (KOI8-U)" },
  { value: "ibm866", name: "Cyrillic, DOS (IBM866)" },
  { value: "windows-1256", name: "Arabic (windows-1256)" },
  { value: "iso-8859-6", name: "Arabic (ISO-8859-6)" },
  { value: "windows-1253", name: "Greek (windows-1253)" },
  { value: "iso-8859-7", name: "Greek (ISO-8859-7)" },
  { value: "windows-1255", name: "Hebrew (windows-1255)" },
  { value: "iso-8859-8", name: "Hebrew (ISO-8859-8)" },
  { value: "windows-1254", name: "Turkish (windows-1254)" },
  { value: "iso-8859-9", name: "Turkish (ISO-8859-9, read as windows-1254)" },
  { value: "iso-8859-10", name: "Nordic (ISO-8859-10)" },
  { value: "iso-8859-14", name: "Celtic (ISO-8859-14)" },
  { value: "iso-8859-16", name: "South-Eastern European (ISO-8859-16)" },
  { value: "windows-874", name: "Thai (windows-874)" },
  { value: "windows-1258", name: "Vietnamese (windows-1258)" },
  { value: "gb18030", name: "Chinese, simplified (GB18030)" },
  { value: "big5", name: "Chinese, traditional (Big5)" },
  { value: "shift_jis", name: "Japanese (Shift_JIS)" },
  { value: "euc-jp", name: "Japanese (EUC-JP)" },
  { value: "euc-kr", name: "Korean (EUC-KR)" },
  { value: "utf-16le", name: "UTF-16 little-endian, no byte-order mark" },
  { value: "utf-16be", name: "UTF-16 big-endian, no byte-order mark" },
];

/** The corpus fields, in the order the form lists them, with what each holds. */
export const CORPUS_FIELDS: readonly { field: keyof ColumnMap; hint: string }[] = [
  { field: "text", hint: "The article text" },
  { field: "title", hint: "Headline" },
  { field: "url", hint: "Where it was found" },
  { field: "outlet", hint: "Publication" },
  { field: "author", hint: "Byline" },
  { field: "date", hint: "Publication date" },
  { field: "language", hint: "Language tag" },
];

const MEGABYTE = 1024 * 1024;

/** The size cap typed in megabytes as bytes; null unless it is a positive number. */
export function megabytesToBytes(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const bytes = Math.round(Number(trimmed) * MEGABYTE);
  return bytes > 0 ? bytes : null;
}

/** A column mapping from the form's fields: blank means the field's own column name. */
export function columnMap(typed: Record<keyof ColumnMap, string>): ColumnMap {
  const column = (value: string) => (value.trim() === "" ? null : value.trim());
  return {
    text: column(typed.text),
    title: column(typed.title),
    url: column(typed.url),
    outlet: column(typed.outlet),
    author: column(typed.author),
    date: column(typed.date),
    language: column(typed.language),
  };
}

/**
 * Whether the column mapping may matter: a chosen path is a corpus (CSV or JSONL), or has no
 * extension and so is most likely a folder, which may hold corpora.
 */
export function mayHoldCorpus(paths: readonly string[]): boolean {
  return paths.some((p) => {
    const name = p.split(/[\\/]/).filter(Boolean).pop() ?? "";
    return /\.(csv|tsv|jsonl|ndjson)$/i.test(name) || !/.\.[^.]+$/.test(name);
  });
}

/** "about 2 minutes left", "a few seconds left"; empty until an estimate exists. */
export function timeLeft(progress: ImportProgress): string {
  const ms = progress.remaining_ms;
  if (ms === null || progress.files_done === 0) return "";
  const seconds = Math.round(ms / 1000);
  if (seconds < 10) return "a few seconds left";
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} seconds left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${minutes} minute${minutes === 1 ? "" : "s"} left`;
  const hours = Math.round(minutes / 30) / 2;
  return `about ${hours} hours left`;
}

/** Share of the work done, 0 to 1, by bytes when the files have any, else by files. */
export function fractionDone(progress: ImportProgress): number {
  const [done, total] =
    progress.bytes_total > 0
      ? [progress.bytes_done, progress.bytes_total]
      : [progress.files_done, progress.files_total];
  return total > 0 ? Math.min(1, done / total) : 0;
}

/** What the progress view shows of an import: files, time left, the file read, the tallies. */
export function importProgressView(progress: ImportProgress | null): JobProgressView {
  const base = { waiting: "Looking for files…", timeLeft: "", current: null, currentTitle: "", tally: [] };
  if (!progress) return { ...base, count: null, fraction: 0 };
  const files = progress.files_total;
  return {
    ...base,
    count: `${progress.files_done} of ${files} file${files === 1 ? "" : "s"}`,
    fraction: fractionDone(progress),
    timeLeft: timeLeft(progress),
    current: progress.current ? `Reading ${shortPath(progress.current)}` : "Finishing…",
    currentTitle: progress.current ?? "",
    tally: [
      { name: "imported", count: progress.imported, bad: false },
      { name: "already in the library", count: progress.duplicates, bad: false },
      { name: "skipped", count: progress.skipped, bad: false },
      { name: "failed", count: progress.failed, bad: progress.failed > 0 },
    ],
  };
}

/** The summary's items, grouped as the dialog lists them: problems first. */
export interface SummaryGroups {
  failed: ImportItem[];
  skipped: ImportItem[];
  duplicate: ImportItem[];
  imported: ImportItem[];
}

export function groupItems(summary: ImportSummary): SummaryGroups {
  const groups: SummaryGroups = { failed: [], skipped: [], duplicate: [], imported: [] };
  for (const item of summary.items) groups[item.outcome].push(item);
  return groups;
}

/** One line saying how it went: "3 imported, 1 duplicate, 1 failed". */
export function summaryLine(summary: ImportSummary): string {
  const parts = [
    `${summary.imported} imported`,
    summary.duplicates ? `${summary.duplicates} already in the library` : "",
    summary.skipped ? `${summary.skipped} skipped` : "",
    summary.failed ? `${summary.failed} failed` : "",
  ].filter(Boolean);
  const seconds = summary.elapsed_ms / 1000;
  const took = seconds < 1 ? "in under a second" : `in ${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  return `${summary.cancelled ? "Cancelled: " : ""}${parts.join(", ")} ${took}.`;
}

/** Which tool wrote a file to import, from its name: doccano writes JSONL, Label Studio JSON. */
export function guessImportFormat(path: string): ImportFormat {
  return /\.json$/i.test(path) ? "label_studio" : "doccano";
}

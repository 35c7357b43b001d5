// Importing articles: the system's file dialog (opened by Rust), bulk imports with progress
// as a job (see ./jobs), paste, an article's import record, and files dropped on the window.
import type {
  ArticleId,
  ImportOptions,
  ImportProgress,
  PastedArticle,
} from "./generated/core";
import { call } from "./call";
import { runJob } from "./jobs";

/** Ask for files to import; empty when the analyst closes the dialog. */
export const pickImportFiles = () => call("pick_import_files");

/** Ask for a folder to import with its subfolders; null when the dialog is closed. */
export const pickImportFolder = () => call("pick_import_folder");

/**
 * Import files, folders and corpora. `onProgress` hears about ten reports a second while it
 * runs and none after the returned promise settles.
 */
export const importPaths = (
  paths: string[],
  options: ImportOptions,
  onProgress: (progress: ImportProgress) => void,
) => runJob("import", "import_paths", { paths, options }, onProgress);

/** Store a pasted article, or learn which article already has its text. */
export const importPastedArticle = (pasted: PastedArticle) =>
  call("import_pasted_article", { pasted });

/** How an article was imported; null for articles from before import records were kept. */
export const getArticleSource = (id: ArticleId) => call("get_article_source", { id });

/** The DOM event the window dispatches for drags and drops of files (see `file_drop.rs`). */
export const DROP_EVENT = "claimdesk:drop";

/** A drag of files over the window, or their drop. */
export interface FileDrop {
  kind: "enter" | "leave" | "drop";
  paths: string[];
}

function isFileDrop(value: unknown): value is FileDrop {
  if (typeof value !== "object" || value === null) return false;
  const { kind, paths } = value as Partial<FileDrop>;
  return (
    (kind === "enter" || kind === "leave" || kind === "drop") &&
    Array.isArray(paths) &&
    paths.every((p) => typeof p === "string")
  );
}

/** Listen for files dragged over and dropped on the window; returns the way to stop. */
export function onFileDrop(handler: (drop: FileDrop) => void): () => void {
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (isFileDrop(detail)) handler(detail);
  };
  window.addEventListener(DROP_EVENT, listener);
  return () => window.removeEventListener(DROP_EVENT, listener);
}

/** Options with every default: the form starts from these. */
export function defaultImportOptions(): ImportOptions {
  return {
    max_bytes: 50 * 1024 * 1024,
    max_depth: 512,
    max_seconds: 10,
    encoding: null,
    lossy: false,
    columns: { text: null, title: null, url: null, outlet: null, author: null, date: null, language: null },
  };
}

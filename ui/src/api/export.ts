// Exporting annotations, and importing doccano and Label Studio files: the system's save and
// open dialogs (opened by Rust, which then accepts only the path they returned), the count
// before an export, progress through a channel, and cancel.
import { Channel } from "@tauri-apps/api/core";
import type {
  AnnotationImportOptions,
  ExportFormat,
  ExportProgress,
  ExportRequest,
} from "./generated/core";
import { call } from "./call";

/** Ask where to save an export of `format`; null when the analyst closes the dialog. */
export const pickExportPath = (format: ExportFormat) => call("pick_export_path", { format });

/** How many annotations, in how many articles, `request` would export. */
export const countExport = (request: ExportRequest) => call("count_export", { request });

/** Run a long-running command with a progress channel that falls silent once it settles. */
async function withProgress<T>(
  onProgress: (progress: ExportProgress) => void,
  run: (channel: Channel<ExportProgress>) => Promise<T>,
): Promise<T> {
  let settled = false;
  const channel = new Channel<ExportProgress>((progress) => {
    if (!settled) onProgress(progress);
  });
  try {
    return await run(channel);
  } finally {
    settled = true;
  }
}

/**
 * Export to the path `pickExportPath` returned. `onProgress` hears about ten reports a second;
 * a cancelled export leaves the file at `path` as it was.
 */
export const exportAnnotations = (
  path: string,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
) => withProgress(onProgress, (channel) => call("export_annotations", { path, request, onProgress: channel }));

/** Stop the running export or annotation import at the next record. */
export const cancelExport = () => call("cancel_export");

/** Ask for a doccano (.jsonl) or Label Studio (.json) file; null when the dialog is closed. */
export const pickAnnotationFile = () => call("pick_annotation_file");

/** Import the file `pickAnnotationFile` returned. */
export const importAnnotationFile = (
  path: string,
  options: AnnotationImportOptions,
  onProgress: (progress: ExportProgress) => void,
) => withProgress(onProgress, (channel) => call("import_annotation_file", { path, options, onProgress: channel }));

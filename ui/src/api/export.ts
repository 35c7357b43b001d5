// Exporting annotations, and importing doccano and Label Studio files: the system's save and
// open dialogs (opened by Rust, which then accepts only the path they returned), the count
// before an export, and the export and import as jobs (see ./jobs).
import type {
  AnnotationImportOptions,
  ExportFormat,
  ExportProgress,
  ExportRequest,
} from "./generated/core";
import { call } from "./call";
import { runJob } from "./jobs";

/** Ask where to save an export of `format`; null when the analyst closes the dialog. */
export const pickExportPath = (format: ExportFormat) => call("pick_export_path", { format });

/** How many annotations, in how many articles, `request` would export. */
export const countExport = (request: ExportRequest) => call("count_export", { request });

/**
 * Export to the path `pickExportPath` returned. `onProgress` hears about ten reports a second;
 * a cancelled export leaves the file at `path` as it was.
 */
export const exportAnnotations = (
  path: string,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
) => runJob("export", "export_annotations", { path, request }, onProgress);

/** Ask for a doccano (.jsonl) or Label Studio (.json) file; null when the dialog is closed. */
export const pickAnnotationFile = () => call("pick_annotation_file");

/** Import the file `pickAnnotationFile` returned. */
export const importAnnotationFile = (
  path: string,
  options: AnnotationImportOptions,
  onProgress: (progress: ExportProgress) => void,
) => runJob("annotation_import", "import_annotation_file", { path, options }, onProgress);

// Team work: which database file is open (open, recent files, the number that moves when
// another writer commits), review of analysts side by side, merge conflicts, merging
// teammates' files with progress, and the agreement table with its CSV export.
import type {
  AgreementQuery,
  AnnotatorId,
  ArticleId,
  ConflictId,
  ConflictResolution,
  MergeProgress,
  NewReview,
  ReviewQuery,
} from "./generated/core";
import { call } from "./call";
import { runJob } from "./jobs";

/** Ask for a database file to open; null when the dialog is closed. */
export const pickDatabaseFile = () => call("pick_database_file");

/** Switch to another database file; a refused file leaves the current one open and unchanged. */
export const openDatabase = (path: string) => call("open_database", { path });

/** Database files opened lately, most recent first. */
export const listRecentDatabases = () => call("list_recent_databases");

/** A number that changes when another window or process commits to the open file. */
export const getDataVersion = () => call("get_data_version");

export const listArticleAnalysts = (articleId: ArticleId) =>
  call("list_article_analysts", { articleId });

export const reviewSheet = (articleId: ArticleId, query: ReviewQuery) =>
  call("review_sheet", { articleId, query });

export const reviewAnnotation = (reviewer: AnnotatorId, review: NewReview) =>
  call("review_annotation", { reviewer, review });

export const getConsensus = (articleId: ArticleId) => call("get_consensus", { articleId });

export const listConflicts = (openOnly: boolean, articleId: ArticleId | null) =>
  call("list_conflicts", { openOnly, articleId });

export const resolveConflict = (resolver: AnnotatorId, id: ConflictId, resolution: ConflictResolution) =>
  call("resolve_conflict", { resolver, id, resolution });

export const getAgreement = (query: AgreementQuery) => call("get_agreement", { query });

/** Ask where to save the agreement CSV; null when the dialog is closed. */
export const pickAgreementCsvPath = () => call("pick_agreement_csv_path");

/** Write the agreement table as CSV; resolves to the number of rows written. */
export const exportAgreement = (query: AgreementQuery, path: string) =>
  call("export_agreement", { query, path });

/** Ask for teammates' files to merge; empty when the dialog is closed. */
export const pickMergeFiles = () => call("pick_merge_files");

/** Merge files into the open database; `onProgress` hears reports until the promise settles. */
export const mergeFiles = (paths: string[], onProgress: (progress: MergeProgress) => void) =>
  runJob("merge", "merge_files", { paths }, onProgress);

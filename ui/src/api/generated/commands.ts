// Generated from the command functions by `make bindings`. Do not edit: change the command.

import type { Channel } from "@tauri-apps/api/core";
import type { JobKind, Startup } from "./app";
import type { AgreementQuery, AgreementReport, AnalystColumn, AnalystProgress, Annotation, AnnotationId, AnnotationImportOptions, AnnotationImportSummary, AnnotationPage, AnnotationPatch, AnnotationQuery, Annotator, AnnotatorId, Article, ArticleAnnotations, ArticleId, ArticleSource, ArticleSuggestions, ArticleSummary, AssignReport, AssignRequest, ConflictId, ConflictResolution, ConsensusSpan, DismissedSuggestion, ExportFormat, ExportProgress, ExportRequest, ExportSize, ExportSummary, Facets, FigurePrefill, Filters, ImportOptions, ImportOutcome, ImportProgress, ImportSummary, Joined, Label, LabelId, LabelPatch, LibraryPage, LibraryQuery, MergeConflict, MergeProgress, MergeSummary, NewAnnotation, NewDismissal, NewLabel, NewReview, PastedArticle, Preferences, ReviewDecision, ReviewQuery, SearchResults, SpeakerPrefill, SyncConflict, SyncProgress, SyncReport, SyncResolution, TeamStatus, UndoState } from "./core";

/** Every command the app registers: the arguments the webview sends (null: none) and what it resolves to. */
export interface Commands {
  article_assignees: { args: { article: ArticleId }; result: [AnnotatorId, boolean][] };
  assign_articles: { args: { lead: AnnotatorId; request: AssignRequest }; result: AssignReport };
  cancel_job: { args: { job: JobKind }; result: boolean };
  count_export: { args: { request: ExportRequest }; result: ExportSize };
  create_annotation: { args: { actor: AnnotatorId; annotation: NewAnnotation }; result: Annotation };
  create_label: { args: { label: NewLabel }; result: Label };
  create_sample_article: { args: null; result: Article };
  delete_annotation: { args: { actor: AnnotatorId; id: AnnotationId }; result: Annotation };
  dismiss_suggestion: { args: { actor: AnnotatorId; dismissal: NewDismissal }; result: DismissedSuggestion };
  ensure_annotator: { args: { name: string }; result: Annotator };
  export_agreement: { args: { query: AgreementQuery; path: string }; result: number };
  export_annotations: { args: { path: string; request: ExportRequest; onProgress: Channel<ExportProgress> }; result: ExportSummary };
  extend_to_quote: { args: { articleId: ArticleId; start: number; end: number }; result: [number, number] | null };
  get_agreement: { args: { query: AgreementQuery }; result: AgreementReport };
  get_article: { args: { id: ArticleId }; result: Article };
  get_article_source: { args: { id: ArticleId }; result: ArticleSource | null };
  get_consensus: { args: { articleId: ArticleId }; result: ConsensusSpan[] };
  get_data_version: { args: null; result: number };
  get_startup: { args: null; result: Startup };
  get_undo_state: { args: { actor: AnnotatorId; articleId: ArticleId }; result: UndoState };
  get_verdict_scale: { args: null; result: string[] };
  import_annotation_file: { args: { path: string; options: AnnotationImportOptions; onProgress: Channel<ExportProgress> }; result: AnnotationImportSummary };
  import_pasted_article: { args: { pasted: PastedArticle }; result: ImportOutcome };
  import_paths: { args: { paths: string[]; options: ImportOptions; onProgress: Channel<ImportProgress> }; result: ImportSummary };
  join_team: { args: { url: string; project: string; password: string; analyst: AnnotatorId }; result: Joined };
  list_annotation_table: { args: { query: AnnotationQuery }; result: AnnotationPage };
  list_annotators: { args: null; result: Annotator[] };
  list_article_analysts: { args: { articleId: ArticleId }; result: Annotator[] };
  list_article_annotations: { args: { articleId: ArticleId }; result: ArticleAnnotations };
  list_articles: { args: null; result: ArticleSummary[] };
  list_conflicts: { args: { openOnly: boolean; articleId: ArticleId | null }; result: MergeConflict[] };
  list_facets: { args: null; result: Facets };
  list_labels: { args: null; result: Label[] };
  list_library: { args: { query: LibraryQuery }; result: LibraryPage };
  list_recent_databases: { args: null; result: string[] };
  list_speakers: { args: null; result: string[] };
  list_suggestions: { args: { articleId: ArticleId; actor: AnnotatorId }; result: ArticleSuggestions };
  list_sync_conflicts: { args: null; result: SyncConflict[] };
  merge_files: { args: { paths: string[]; onProgress: Channel<MergeProgress> }; result: MergeSummary };
  open_database: { args: { path: string }; result: Startup };
  parse_figure: { args: { articleId: ArticleId; start: number; end: number }; result: FigurePrefill | null };
  pick_agreement_csv_path: { args: null; result: string | null };
  pick_annotation_file: { args: null; result: string | null };
  pick_database_file: { args: null; result: string | null };
  pick_export_path: { args: { format: ExportFormat }; result: string | null };
  pick_import_files: { args: null; result: string[] };
  pick_import_folder: { args: null; result: string | null };
  pick_merge_files: { args: null; result: string[] };
  redo_annotation: { args: { actor: AnnotatorId; articleId: ArticleId }; result: Annotation | null };
  resolve_conflict: { args: { resolver: AnnotatorId; id: ConflictId; resolution: ConflictResolution }; result: MergeConflict };
  resolve_sync_conflict: { args: { reviewer: AnnotatorId; id: string; resolution: SyncResolution }; result: null };
  retire_label: { args: { id: LabelId }; result: Label };
  review_annotation: { args: { reviewer: AnnotatorId; review: NewReview }; result: ReviewDecision };
  review_sheet: { args: { articleId: ArticleId; query: ReviewQuery }; result: AnalystColumn[] };
  search: { args: { text: string; filters: Filters; limit: number }; result: SearchResults };
  set_assignment_done: { args: { article: ArticleId; analyst: AnnotatorId; done: boolean }; result: null };
  set_preferences: { args: { preferences: Preferences }; result: Preferences };
  set_verdict_scale: { args: { scale: string[] }; result: string[] };
  suggest_speaker: { args: { articleId: ArticleId; start: number; end: number }; result: SpeakerPrefill };
  sync_now: { args: { onProgress: Channel<SyncProgress> }; result: SyncReport };
  team_progress: { args: null; result: AnalystProgress[] };
  team_status: { args: null; result: TeamStatus };
  undo_annotation: { args: { actor: AnnotatorId; articleId: ArticleId }; result: Annotation | null };
  update_annotation: { args: { actor: AnnotatorId; id: AnnotationId; patch: AnnotationPatch }; result: Annotation };
  update_label: { args: { id: LabelId; patch: LabelPatch }; result: Label };
}

/** A command's name. */
export type CommandName = keyof Commands;

// The gateway from the UI to Rust: one typed function per command. Components import from here
// (or from ./workbench for offset-aware annotation calls) and never call `invoke` themselves.
import type { Startup } from "./generated/app";
import type {
  Annotator,
  Article,
  ArticleId,
  ArticleSummary,
  Label,
  LabelId,
  LabelPatch,
  NewLabel,
  Preferences,
  Facets,
  Filters,
  LibraryPage,
  LibraryQuery,
  AnnotationPage,
  AnnotationQuery,
  SearchResults,
} from "./generated/core";
import { call } from "./call";

export type * from "./generated/app";
export type * from "./generated/core";
export { ClaimdeskError, toClaimdeskError } from "./call";

export const getStartup = () => call<Startup>("get_startup");
export const setPreferences = (preferences: Preferences) => call<Preferences>("set_preferences", { preferences });

export const createSampleArticle = () => call<Article>("create_sample_article");
export const listArticles = () => call<ArticleSummary[]>("list_articles");
export const getArticle = (id: ArticleId) => call<Article>("get_article", { id });

export const listLabels = () => call<Label[]>("list_labels");
export const createLabel = (label: NewLabel) => call<Label>("create_label", { label });
export const updateLabel = (id: LabelId, patch: LabelPatch) => call<Label>("update_label", { id, patch });
export const retireLabel = (id: LabelId) => call<Label>("retire_label", { id });
export const getVerdictScale = () => call<string[]>("get_verdict_scale");
export const setVerdictScale = (scale: string[]) => call<string[]>("set_verdict_scale", { scale });

export const ensureAnnotator = (name: string) => call<Annotator>("ensure_annotator", { name });
export const listAnnotators = () => call<Annotator[]>("list_annotators");
export const listSpeakers = () => call<string[]>("list_speakers");

export const listLibrary = (query: LibraryQuery) => call<LibraryPage>("list_library", { query });
export const listAnnotationTable = (query: AnnotationQuery) => call<AnnotationPage>("list_annotation_table", { query });
export const search = (text: string, filters: Filters, limit: number) =>
  call<SearchResults>("search", { text, filters, limit });
export const listFacets = () => call<Facets>("list_facets");

/** No narrowing at all. */
export function noFilters(): Filters {
  return {
    labels: [],
    annotators: [],
    outlets: [],
    languages: [],
    published_from: null,
    published_to: null,
    tags: [],
    review_states: [],
    currency: null,
  };
}

// The gateway from the UI to Rust: one typed function per command. Components import from here
// (or from ./workbench for offset-aware annotation calls) and never call `invoke` themselves.
import type {
  ArticleId,
  LabelId,
  LabelPatch,
  NewLabel,
  Preferences,
  Filters,
  LibraryQuery,
  AnnotationQuery,
} from "./generated/core";
import { call } from "./call";

export type * from "./generated/app";
export type * from "./generated/core";
export { ClaimdeskError, toClaimdeskError } from "./call";

export const getStartup = () => call("get_startup");
export const setPreferences = (preferences: Preferences) => call("set_preferences", { preferences });

export const createSampleArticle = () => call("create_sample_article");
export const listArticles = () => call("list_articles");
export const getArticle = (id: ArticleId) => call("get_article", { id });

export const listLabels = () => call("list_labels");
export const createLabel = (label: NewLabel) => call("create_label", { label });
export const updateLabel = (id: LabelId, patch: LabelPatch) => call("update_label", { id, patch });
export const retireLabel = (id: LabelId) => call("retire_label", { id });
export const getVerdictScale = () => call("get_verdict_scale");
export const setVerdictScale = (scale: string[]) => call("set_verdict_scale", { scale });

export const ensureAnnotator = (name: string) => call("ensure_annotator", { name });
export const listAnnotators = () => call("list_annotators");
export const listSpeakers = () => call("list_speakers");

export const listLibrary = (query: LibraryQuery) => call("list_library", { query });
export const listAnnotationTable = (query: AnnotationQuery) => call("list_annotation_table", { query });
export const search = (text: string, filters: Filters, limit: number) =>
  call("search", { text, filters, limit });
export const listFacets = () => call("list_facets");

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
    assigned_to: null,
  };
}

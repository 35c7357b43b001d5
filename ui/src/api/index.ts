// The one gateway from the UI to Rust: one typed function per command. Components never call
// `invoke` themselves, so every failure arrives here as a ClaimdeskError with a kind and a message
// a person can act on.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorKind, IpcError, Startup } from "./generated/app";
import type {
  Annotation,
  AnnotationId,
  AnnotationPatch,
  Annotator,
  AnnotatorId,
  Article,
  ArticleId,
  ArticleSummary,
  Label,
  LabelId,
  LabelPatch,
  NewAnnotation,
  NewLabel,
  PastedArticle,
} from "./generated/core";

export type * from "./generated/app";
export type * from "./generated/core";

/** A failed command, as the Rust side classified it. */
export class ClaimdeskError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "ClaimdeskError";
    this.kind = kind;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).kind === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

/** Turn whatever a rejected invoke gives into a ClaimdeskError. */
export function toClaimdeskError(reason: unknown): ClaimdeskError {
  if (reason instanceof ClaimdeskError) return reason;
  if (isIpcError(reason)) return new ClaimdeskError(reason.kind, reason.message);
  const text = reason instanceof Error ? reason.message : String(reason);
  return new ClaimdeskError("internal", `Claimdesk could not reach its back end (${text}).`);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toClaimdeskError(reason);
  }
}

export const getStartup = () => call<Startup>("get_startup");

export const createPastedArticle = (pasted: PastedArticle) =>
  call<Article>("create_pasted_article", { pasted });
export const listArticles = () => call<ArticleSummary[]>("list_articles");
export const getArticle = (id: ArticleId) => call<Article>("get_article", { id });

export const createAnnotation = (actor: AnnotatorId, annotation: NewAnnotation) =>
  call<Annotation>("create_annotation", { actor, annotation });
export const updateAnnotation = (actor: AnnotatorId, id: AnnotationId, patch: AnnotationPatch) =>
  call<Annotation>("update_annotation", { actor, id, patch });
export const deleteAnnotation = (actor: AnnotatorId, id: AnnotationId) =>
  call<Annotation>("delete_annotation", { actor, id });
export const listAnnotations = (articleId: ArticleId) =>
  call<Annotation[]>("list_annotations", { articleId });

export const listLabels = () => call<Label[]>("list_labels");
export const createLabel = (label: NewLabel) => call<Label>("create_label", { label });
export const updateLabel = (id: LabelId, patch: LabelPatch) => call<Label>("update_label", { id, patch });
export const retireLabel = (id: LabelId) => call<Label>("retire_label", { id });

export const ensureAnnotator = (name: string) => call<Annotator>("ensure_annotator", { name });
export const listAnnotators = () => call<Annotator[]>("list_annotators");

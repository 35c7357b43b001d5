// The workbench's view of annotations: offsets converted once, here, between the database's code
// points and the UTF-16 units that DOM ranges and JavaScript strings use.
import { TextIndex } from "../lib/text/textIndex";
import type {
  Annotation,
  AnnotationId,
  AnnotatorId,
  Article,
  ArticleAnnotations,
  ArticleId,
  Attributes,
  LabelId,
  Placement,
  ReaderAnnotation,
  UndoState,
} from "./generated/core";
import { call } from "./call";
import { markPhase } from "../lib/timing";

/** A span in UTF-16 code units, `end` exclusive. */
export interface Span16 {
  start: number;
  end: number;
}

/** An annotation as the workbench draws it: where it is now (UTF-16), or nowhere if orphaned. */
export interface ViewAnnotation {
  annotation: ReaderAnnotation;
  placement: Placement;
  /** Where to draw it; null for an orphan. */
  span: Span16 | null;
}

/** An open article with its offset index. */
export interface LoadedArticle {
  article: Article;
  index: TextIndex;
}

export function toView(index: TextIndex, annotation: ReaderAnnotation, placement: Placement): ViewAnnotation {
  let span: Span16 | null = null;
  if (placement.status === "exact") {
    span = { start: index.toUtf16(annotation.start), end: index.toUtf16(annotation.end) };
  } else if (placement.status === "moved") {
    span = { start: index.toUtf16(placement.start), end: index.toUtf16(placement.end) };
  }
  return { annotation, placement, span };
}

/** Load an article and its annotations, converted for drawing. Both requests start at once; the
 *  text usually arrives first, so the reader can lay it out while the annotations are on their way. */
export function openArticle(id: ArticleId): { loaded: Promise<LoadedArticle>; views: Promise<ViewAnnotation[]> } {
  const article = call<Article>("get_article", { id });
  const placed = call<ArticleAnnotations>("list_article_annotations", { articleId: id });
  const loaded = article.then((a) => {
    markPhase("cd:open:text");
    const index = new TextIndex(a.text);
    markPhase("cd:open:index");
    return { article: a, index };
  });
  const views = Promise.all([loaded, placed]).then(([{ index }, { annotations, displaced }]) => {
    markPhase("cd:open:fetched");
    const moved = new Map(displaced.map((d) => [d.id, d.placement]));
    return annotations.map((a) => toView(index, a, moved.get(a.id) ?? { status: "exact" }));
  });
  return { loaded, views };
}

/** Tag a span (UTF-16) with a label; resolves once the database has committed it. */
export async function tagSpan(
  actor: AnnotatorId,
  loaded: LoadedArticle,
  labelId: LabelId,
  span: Span16,
  attributes: Attributes,
): Promise<ViewAnnotation> {
  const annotation = await call<Annotation>("create_annotation", {
    actor,
    annotation: {
      article_id: loaded.article.id,
      label_id: labelId,
      start: loaded.index.toCodePoint(span.start),
      end: loaded.index.toCodePoint(span.end),
      attributes,
    },
  });
  return toView(loaded.index, annotation, { status: "exact" });
}

/** Relabel, move (UTF-16 span) or re-attribute an annotation. */
export async function editAnnotation(
  actor: AnnotatorId,
  loaded: LoadedArticle,
  id: AnnotationId,
  change: { labelId?: LabelId; span?: Span16; attributes?: Attributes },
): Promise<ViewAnnotation> {
  const span = change.span
    ? ([loaded.index.toCodePoint(change.span.start), loaded.index.toCodePoint(change.span.end)] as [number, number])
    : null;
  const annotation = await call<Annotation>("update_annotation", {
    actor,
    id,
    patch: { label_id: change.labelId ?? null, span, attributes: change.attributes ?? null },
  });
  return toView(loaded.index, annotation, { status: "exact" });
}

/** Delete an annotation (a tombstone in the database). */
export const removeAnnotation = (actor: AnnotatorId, id: AnnotationId) =>
  call<Annotation>("delete_annotation", { actor, id });

/** Undo or redo the analyst's latest change here: the annotation as it is now, and whether that
 *  change deleted it; null when there was nothing to do. */
export async function stepHistory(
  direction: "undo" | "redo",
  actor: AnnotatorId,
  loaded: LoadedArticle,
): Promise<{ view: ViewAnnotation; deleted: boolean } | null> {
  const command = direction === "undo" ? "undo_annotation" : "redo_annotation";
  const annotation = await call<Annotation | null>(command, { actor, articleId: loaded.article.id });
  return annotation ? { view: toView(loaded.index, annotation, { status: "exact" }), deleted: annotation.deleted } : null;
}

export const getUndoState = (actor: AnnotatorId, articleId: ArticleId) =>
  call<UndoState>("get_undo_state", { actor, articleId });

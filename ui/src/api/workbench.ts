// The workbench's view of annotations: offsets converted once, here, between the database's code
// points and the UTF-16 units that DOM ranges and JavaScript strings use.
import { TextIndex } from "./textIndex";
import type {
  AnnotationId,
  AnnotatorId,
  Article,
  ArticleId,
  Attributes,
  LabelId,
  LabelKind,
  Placement,
  ReaderAnnotation,
} from "./generated/core";
import { call } from "./call";
import { emptyAttributes, suggestionList, type Suggestion } from "./suggestions";

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
 *  text usually arrives first, so the reader can lay it out while the annotations are on their way.
 *  `onPhase` hears each step's name as it ends ("cd:open:text", "cd:open:index", "cd:open:fetched"),
 *  for the view's timing marks. */
export function openArticle(
  id: ArticleId,
  onPhase: (name: string) => void = () => undefined,
): { loaded: Promise<LoadedArticle>; views: Promise<ViewAnnotation[]> } {
  const article = call("get_article", { id });
  const placed = call("list_article_annotations", { articleId: id });
  const loaded = article.then((a) => {
    onPhase("cd:open:text");
    const index = new TextIndex(a.text);
    onPhase("cd:open:index");
    return { article: a, index };
  });
  const views = Promise.all([loaded, placed]).then(([{ index }, { annotations, displaced }]) => {
    onPhase("cd:open:fetched");
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
  const annotation = await call("create_annotation", {
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
  const annotation = await call("update_annotation", {
    actor,
    id,
    patch: { label_id: change.labelId ?? null, span, attributes: change.attributes ?? null },
  });
  return toView(loaded.index, annotation, { status: "exact" });
}

/** Delete an annotation (a tombstone in the database). */
export const removeAnnotation = (actor: AnnotatorId, id: AnnotationId) =>
  call("delete_annotation", { actor, id });

/** Undo or redo the analyst's latest change here: the annotation as it is now, and whether that
 *  change deleted it; null when there was nothing to do. */
export async function stepHistory(
  direction: "undo" | "redo",
  actor: AnnotatorId,
  loaded: LoadedArticle,
): Promise<{ view: ViewAnnotation; deleted: boolean } | null> {
  const command = direction === "undo" ? "undo_annotation" : "redo_annotation";
  const annotation = await call(command, { actor, articleId: loaded.article.id });
  return annotation ? { view: toView(loaded.index, annotation, { status: "exact" }), deleted: annotation.deleted } : null;
}

export const getUndoState = (actor: AnnotatorId, articleId: ArticleId) =>
  call("get_undo_state", { actor, articleId });

/** A suggestion with where to draw it (UTF-16). */
export interface ViewSuggestion extends Suggestion {
  span: Span16;
}

/** [start, end) of a UTF-16 span in code points, for a command. */
const codePoints = (loaded: LoadedArticle, span: Span16) => ({
  start: loaded.index.toCodePoint(span.start),
  end: loaded.index.toCodePoint(span.end),
});

/** The figures and quotes to offer the analyst on the open article, in text order. */
export async function loadSuggestions(actor: AnnotatorId, loaded: LoadedArticle): Promise<ViewSuggestion[]> {
  const found = await call("list_suggestions", { articleId: loaded.article.id, actor });
  const span = (s: Suggestion) => ({ start: loaded.index.toUtf16(s.start), end: loaded.index.toUtf16(s.end) });
  return suggestionList(found).map((s) => ({ ...s, span: span(s) }));
}

/** Dismiss a suggestion for the analyst; resolves once the database has committed it. */
export const dismissSuggestion = (actor: AnnotatorId, loaded: LoadedArticle, s: Suggestion) =>
  call("dismiss_suggestion", {
    actor,
    dismissal: { article_id: loaded.article.id, kind: s.kind, start: s.start, end: s.end },
  });

/** The figure in a selection (UTF-16) as attributes, with its other readings; null if none. */
export const prefillFigure = (loaded: LoadedArticle, span: Span16) =>
  call("parse_figure", { articleId: loaded.article.id, ...codePoints(loaded, span) });

/** The speaker to prefill for the quote in a selection (UTF-16). */
export const suggestSpeaker = (loaded: LoadedArticle, span: Span16) =>
  call("suggest_speaker", { articleId: loaded.article.id, ...codePoints(loaded, span) });

/** A selection (UTF-16) extended to the whole quote it lies in; null when no quote is involved. */
export async function extendToQuote(loaded: LoadedArticle, span: Span16): Promise<Span16 | null> {
  const found = await call("extend_to_quote", {
    articleId: loaded.article.id,
    ...codePoints(loaded, span),
  });
  return found ? { start: loaded.index.toUtf16(found[0]), end: loaded.index.toUtf16(found[1]) } : null;
}

/** What a new tag of this kind starts with: a figure as read from the span, a quote's speaker. */
export async function prefillAttributes(loaded: LoadedArticle, kind: LabelKind, span: Span16): Promise<Attributes> {
  const attributes = emptyAttributes();
  if (kind === "figure") attributes.figure = (await prefillFigure(loaded, span))?.figure ?? null;
  if (kind === "quote") attributes.speaker = (await suggestSpeaker(loaded, span)).speaker;
  return attributes;
}

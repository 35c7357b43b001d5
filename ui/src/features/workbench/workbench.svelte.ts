// The workbench's state for one open article, apart from its keys and markup: the article and its
// annotations, drafts being saved, what is selected, hovered, hidden or open, and every change the
// analyst makes. Every change goes through the Rust commands; the view changes only once the
// command has returned, so what is shown as saved is committed. Create it while the component
// initialises: its effects repaint the highlights whenever what they show changes.
import { tick } from "svelte";
import { toClaimdeskError, type Annotator, type Attributes, type Label } from "../../api";
import {
  editAnnotation,
  extendToQuote,
  openArticle,
  prefillAttributes,
  removeAnnotation,
  stepHistory,
  tagSpan,
  type LoadedArticle,
  type Span16,
  type ViewAnnotation,
} from "../../api/workbench";
import type { HighlightLayer } from "../../shared/highlights";
import { snapToGraphemes, snapToWords } from "../../shared/text/snap";
import { endTimingAfterPaint, markPhase, startTiming } from "../../shared/timing";
import { caretSelection, moveCaretBy } from "./caret";
import type { KeyAction } from "./keymap";
import { annotationMarks } from "./marks";
import { innermostAt, step, upsertInOrder } from "./spans";
import type { Caret, Draft, OpenTarget, ReaderHandle, SuggestionsHandle } from "./model";
import { escapeStep, labelHotkeys, type KeyTarget } from "./workbenchKeys";

/** The component's props, read afresh on every use. */
export interface WorkbenchProps {
  focus: OpenTarget;
  annotator: Annotator;
  labels: Label[];
  snapWords: boolean;
}

/** One open article in the workbench; `props` gives the component's current props. */
export class WorkbenchState implements KeyTarget {
  loaded = $state<LoadedArticle | null>(null);
  // Raw state: 10,000 annotations must not each become a deep proxy; the array is always replaced.
  views = $state.raw<ViewAnnotation[]>([]);
  drafts = $state<Draft[]>([]);
  selectedId = $state<string | null>(null);
  hoveredId = $state<string | null>(null);
  /** Replaced whole on every change, never changed in place: a plain set is all it needs. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  hiddenLabels = $state<ReadonlySet<string>>(new Set());
  editing = $state(false);
  helpOpen = $state(false);
  caret = $state<Caret | null>(null);
  problem = $state<string | null>(null);
  notice = $state<string | null>(null);
  reader = $state<ReaderHandle | undefined>();
  suggestions = $state<SuggestionsHandle | undefined>();
  suggesting = $state(false);
  /** The annotations have arrived (the text may be shown before them); keys wait for both. */
  annotationsLoaded = $state(false);

  readonly #props: () => WorkbenchProps;
  #layer: HighlightLayer | null = null;
  #draftCounter = 0;
  #painted = false;

  // Rebuilt whole when the labels change, never changed in place.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  labelById: ReadonlyMap<string, Label> = $derived(new Map(this.labels.map((l) => [l.id, l])));
  hotkeys = $derived(labelHotkeys(this.labels));
  items = $derived(this.views.map((v) => ({ id: v.annotation.id, span: v.span, view: v })));
  visible = $derived(this.items.filter((x) => !this.hiddenLabels.has(x.view.annotation.label_id)));
  selected = $derived(this.views.find((v) => v.annotation.id === this.selectedId) ?? null);

  constructor(props: () => WorkbenchProps) {
    this.#props = props;
    $effect(() => {
      void [this.selectedId, this.hoveredId, this.drafts, this.caret, this.views];
      this.repaintMarks();
    });
    // Suggestions are painted apart, so that hovering does not redraw them all.
    $effect(() => this.repaintSuggestions());
    $effect(() => {
      for (const label of this.labels) this.#layer?.setVisible(label.id, !this.hiddenLabels.has(label.id));
    });
  }

  get labels(): Label[] { return this.#props().labels; }
  /** The article and its annotations have both arrived: keys act from then on. */
  get ready(): boolean { return this.loaded !== null && this.annotationsLoaded; }
  get caretMode(): boolean { return this.caret !== null; }

  /** Load the article, then its annotations, timing each phase. */
  async open(): Promise<void> {
    startTiming("cd:open");
    const opening = openArticle(this.#props().focus.articleId, markPhase);
    // A failure to load the annotations is reported below, or by the article's own failure.
    opening.views.catch(() => undefined);
    try {
      this.loaded = await opening.loaded;
      this.views = await opening.views;
      markPhase("cd:open:views");
      this.annotationsLoaded = true;
      this.#paintAnnotations();
    } catch (reason) {
      this.problem = toClaimdeskError(reason).message;
    }
  }

  /** The reader's highlight layer, or null where the system cannot draw highlights. */
  attachLayer(next: HighlightLayer | null): void {
    markPhase("cd:open:reader");
    this.#layer = next;
    if (!next) {
      this.problem = "This system cannot draw highlights (no CSS Custom Highlight API); annotations are listed on the right.";
      return;
    }
    next.setLabels(this.labels);
    this.#paintAnnotations();
  }

  /** Once both the reader and the annotations are there (in either order): draw them all. */
  #paintAnnotations(): void {
    const layer = this.#layer;
    if (!layer || !this.annotationsLoaded || this.#painted) return;
    this.#painted = true;
    for (const v of this.views) if (v.span) layer.set(v.annotation.id, v.span, v.annotation.label_id);
    this.repaintMarks();
    markPhase("cd:open:layer");
    void endTimingAfterPaint("cd:open");
    // The reader's handle is bound only after its own mount, which may be what called this.
    void tick().then(() => {
      markPhase("cd:open:flushed");
      this.#showFocus();
    });
  }

  /** Opened from search or the table: go to the annotation or the matched words. */
  #showFocus(): void {
    const focus = this.#props().focus;
    if (focus.annotationId) return this.focusAnnotation(focus.annotationId, true);
    if (!focus.span || !this.loaded || !this.#layer) return;
    const index = this.loaded.index;
    this.#revealAndFlash({ start: index.toUtf16(focus.span[0]), end: index.toUtf16(focus.span[1]) }, 1200);
  }

  /** Scroll to a span (rendering it first if it is far away) and flash it for `ms`. */
  #revealAndFlash(span: Span16, ms: number): void {
    void this.reader?.reveal(span).then(() => {
      this.#layer?.mark("flash", [span]);
      setTimeout(() => this.#layer?.mark("flash", []), ms);
    });
  }

  /** Draw the selection, hover, pending drafts and caret. */
  repaintMarks(): void {
    const layer = this.#layer;
    if (!layer) return;
    const { views, selectedId, hoveredId, drafts, caret } = this;
    for (const [mark, spans] of annotationMarks({ views, selectedId, hoveredId, drafts, caret, text: this.loaded?.article.text ?? null })) {
      layer.mark(mark, spans);
    }
  }

  /** Draw the suggestions, the current one apart. */
  repaintSuggestions(): void {
    const marks = this.suggestions?.marks() ?? { others: [], current: [] };
    this.#layer?.mark("suggested", marks.others);
    this.#layer?.mark("suggested-current", marks.current);
  }

  #show(view: ViewAnnotation): void {
    this.views = upsertInOrder(this.items, { id: view.annotation.id, span: view.span, view }).map((x) => x.view);
    if (view.span) this.#layer?.set(view.annotation.id, view.span, view.annotation.label_id);
  }

  #forget(id: string): void {
    this.views = this.views.filter((v) => v.annotation.id !== id);
    this.#layer?.remove(id);
    if (this.selectedId === id) this.selectedId = null;
  }

  #fail(reason: unknown): string {
    const message = toClaimdeskError(reason).message;
    this.problem = message;
    return message;
  }

  /** The span to tag: the selection, snapped so it never splits a word (if wanted) or a grapheme. */
  #spanToTag(): Span16 | null {
    const raw = this.reader?.selectionSpan() ?? null;
    if (!raw || !this.loaded) return null;
    const text = this.loaded.article.text;
    const lang = this.loaded.article.meta.language ?? undefined;
    const [start, end] = this.#props().snapWords ? snapToWords(text, raw.start, raw.end, lang) : snapToGraphemes(text, raw.start, raw.end);
    return end > start ? { start, end } : null;
  }

  async #tag(labelId: string): Promise<void> {
    startTiming("cd:tag");
    const span = this.#spanToTag();
    if (!span) return this.selected ? this.#relabel(labelId) : undefined;
    this.reader?.clearSelection();
    this.caret = null;
    await this.tagWith(labelId, span);
  }

  /** Tag a span; without attributes given, a figure's or quote's are read from the text. */
  async tagWith(labelId: string, span: Span16, attributes?: Attributes): Promise<void> {
    const quote = this.loaded?.article.text.slice(span.start, span.end) ?? "";
    const draft: Draft = { key: `draft-${++this.#draftCounter}`, labelId, span, quote, error: null, attributes };
    // The save is sent before the draft is drawn: drawing it (side panel, marks) runs first
    // otherwise, and delayed the command by 10 to 30 ms on a 1 MB article.
    const saving = this.#saveDraft(draft);
    this.drafts = [...this.drafts, draft];
    await saving;
  }

  async #saveDraft(draft: Draft): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const kind = this.labelById.get(draft.labelId)?.kind ?? "custom";
    try {
      const attributes = draft.attributes ?? (await prefillAttributes(loaded, kind, draft.span));
      const view = await tagSpan(this.#props().annotator.id, loaded, draft.labelId, draft.span, attributes);
      markPhase("cd:tag:saved");
      this.drafts = this.drafts.filter((d) => d.key !== draft.key);
      this.suggestions?.dropCovered(kind, draft.span);
      this.#show(view);
      this.selectedId = view.annotation.id;
      markPhase("cd:tag:shown");
      void endTimingAfterPaint("cd:tag");
    } catch (reason) {
      // The draft stays, marked, until the analyst retries or discards it.
      const error = this.#fail(reason);
      this.drafts = this.drafts.map((d) => (d.key === draft.key ? { ...d, error } : d));
    }
  }

  /** Send a failed draft again. */
  retryDraft(draft: Draft): void {
    this.drafts = this.drafts.map((d) => (d.key === draft.key ? { ...d, error: null } : d));
    void this.#saveDraft(draft);
  }

  discardDraft(draft: Draft): void {
    this.drafts = this.drafts.filter((d) => d.key !== draft.key);
  }

  async #relabel(labelId: string): Promise<void> {
    const selected = this.selected;
    if (!this.loaded || !selected || selected.annotation.label_id === labelId) return;
    try {
      this.#show(await editAnnotation(this.#props().annotator.id, this.loaded, selected.annotation.id, { labelId }));
    } catch (reason) {
      this.#fail(reason);
    }
  }

  /** Save the editor's attributes; the reason it failed, or null once saved. */
  async saveAttributes(attributes: Attributes): Promise<string | null> {
    const selected = this.selected;
    if (!this.loaded || !selected) return "Nothing is selected.";
    try {
      this.#show(await editAnnotation(this.#props().annotator.id, this.loaded, selected.annotation.id, { attributes }));
      this.editing = false;
      return null;
    } catch (reason) {
      return toClaimdeskError(reason).message;
    }
  }

  async #remove(): Promise<void> {
    if (!this.selected) return;
    const id = this.selected.annotation.id;
    const next = step(this.visible, id, 1);
    try {
      await removeAnnotation(this.#props().annotator.id, id);
      this.#forget(id);
      this.selectedId = next && next.id !== id ? next.id : null;
    } catch (reason) {
      this.#fail(reason);
    }
  }

  async #history(direction: "undo" | "redo"): Promise<void> {
    if (!this.loaded) return;
    try {
      const stepped = await stepHistory(direction, this.#props().annotator.id, this.loaded);
      if (!stepped) {
        this.notice = direction === "undo" ? "Nothing to undo on this article." : "Nothing to redo on this article.";
        return;
      }
      const { view, deleted } = stepped;
      if (deleted) this.#forget(view.annotation.id);
      else {
        this.#show(view);
        this.selectedId = view.annotation.id;
        if (view.span) void this.reader?.reveal(view.span);
      }
    } catch (reason) {
      this.#fail(reason);
    }
  }

  /** Select an annotation and bring it into view, flashing it if asked. */
  focusAnnotation(id: string, flash: boolean): void {
    this.selectedId = id;
    const span = this.views.find((v) => v.annotation.id === id)?.span;
    if (!span) return;
    if (flash) this.#revealAndFlash(span, 700);
    else void this.reader?.reveal(span);
  }

  /** Open the editor on an annotation. */
  edit(id: string): void {
    this.selectedId = id;
    this.editing = true;
  }

  #moveCaret(action: Extract<KeyAction, { kind: "caret-move" }>): void {
    if (!this.caret || !this.loaded) return;
    const text = this.loaded.article.text;
    const caret = moveCaretBy(text, this.caret, action, this.reader?.blockStarts() ?? [], this.loaded.article.meta.language ?? undefined);
    this.caret = caret;
    const span = caretSelection(caret);
    // Revealed first: the caret's paragraph may not be rendered until then.
    void this.reader?.reveal({ start: caret.focus, end: Math.min(caret.focus + 1, text.length) }).then(() => {
      if (span) this.reader?.select(span);
      else this.reader?.clearSelection();
    });
  }

  /** Widen the selection (or the caret) to the quote around it. */
  async #extendQuote(): Promise<void> {
    const span = this.reader?.selectionSpan() ?? (this.caret ? { start: this.caret.focus, end: this.caret.focus } : null);
    if (!this.loaded || !span) return void (this.notice = "Select a word inside a quote first.");
    try {
      const quote = await extendToQuote(this.loaded, span);
      if (!quote) return void (this.notice = "No quotation marks around the selection.");
      if (this.caret) this.caret = { anchor: quote.start, focus: quote.end };
      this.reader?.select(quote);
    } catch (reason) {
      this.#fail(reason);
    }
  }

  #toggleCaret(): void {
    const start = this.selected?.span?.start ?? 0;
    this.caret = this.caret ? null : { anchor: start, focus: start };
    if (!this.caret) this.reader?.clearSelection();
  }

  #escape(): void {
    const open = { helpOpen: this.helpOpen, editing: this.editing, caretMode: this.caretMode, suggesting: this.suggesting };
    switch (escapeStep(open)) {
      case "close-help": this.helpOpen = false; return;
      case "stop-editing": this.editing = false; return;
      case "leave-caret": this.caret = null; this.reader?.clearSelection(); return;
      case "close-suggestions": this.suggestions?.close(); return;
      case "clear-selection": this.reader?.clearSelection(); this.selectedId = null;
    }
  }

  /** Do what a key asked for. */
  perform(action: KeyAction): void {
    this.notice = null;
    switch (action.kind) {
      case "extend-quote": return void this.#extendQuote();
      case "suggestions-toggle": return void this.suggestions?.toggle(this.selected?.span?.start ?? 0);
      case "suggestion-step": return this.suggestions?.step(action.direction);
      case "suggestion-accept": return this.suggestions?.accept();
      case "suggestion-dismiss": return void this.suggestions?.dismiss();
      case "tag": return void this.#tag(action.labelId);
      case "edit": if (this.selected) this.editing = true; return;
      case "delete": return void this.#remove();
      case "undo": return void this.#history("undo");
      case "redo": return void this.#history("redo");
      case "next":
      case "previous": {
        const target = step(this.visible, this.selectedId, action.kind === "next" ? 1 : -1);
        if (target) this.focusAnnotation(target.id, false);
        return;
      }
      case "help": this.helpOpen = !this.helpOpen; return;
      case "caret-toggle": return this.#toggleCaret();
      case "caret-move": return this.#moveCaret(action);
      case "escape": return this.#escape();
    }
  }

  /** A click or hover on the text at `offset` (UTF-16). */
  point(offset: number, kind: "click" | "hover"): void {
    const hit = innermostAt(this.visible, offset);
    if (kind === "hover") this.hoveredId = hit?.id ?? null;
    else if (!(this.suggesting && this.suggestions?.pickAt(offset))) this.selectedId = hit?.id ?? null;
  }
}

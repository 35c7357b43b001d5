// Paints annotations with the CSS Custom Highlight API: Range objects over the reader's text
// nodes, grouped into one Highlight per label, so no element is ever wrapped around a span.
// WebKit re-examines every registered range after any change to the page (measured: 3.5 s per
// change with 10,000 ranges, 40 ms without), so only the annotations in and near the blocks on
// screen are registered; the rest wait as plain spans until they scroll near. Labels' colours go
// into a constructed stylesheet (allowed by our CSP, unlike inline styles).
import { chunkAt, type Chunk } from "./text/chunks";

/** A span in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** Marks drawn over the label colours, in increasing priority. Suggestions lie lowest among
 *  them: the analyst's selection, hover and pending tags show above a suggestion. */
export type Mark = "suggested" | "suggested-current" | "hovered" | "selected" | "pending" | "flash" | "caret";
const MARKS: readonly Mark[] = ["suggested", "suggested-current", "hovered", "selected", "pending", "flash", "caret"];

/** "#4e9fd9" -> "78 159 217", for rgb(... / alpha). */
export function rgbTriplet(hex: string): string {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  if (Number.isNaN(n) || hex.length !== 7) return "128 128 128";
  return `${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255}`;
}

/** The stylesheet rules for label highlights, by highlight name. */
export function labelRules(labels: readonly { color: string }[]): string[] {
  return labels.map(
    (label, i) => `::highlight(cd-label-${i}) { background-color: rgb(${rgbTriplet(label.color)} / 0.33); }`,
  );
}

/** True when two spans share at least one code unit. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

export class HighlightLayer {
  private readonly chunks: readonly Chunk[];
  /** The text node of chunk `i`, if that part of the article is rendered now. */
  private readonly nodeAt: (i: number) => Text | undefined;
  private readonly byLabel = new Map<string, Highlight>();
  /** Every annotation drawn, registered or not. */
  private readonly spans = new Map<string, { span: Span; labelId: string }>();
  /** The ranges registered now: those inside the window. */
  private readonly ranges = new Map<string, { range: Range; labelId: string }>();
  /** The stretch of text (UTF-16) whose annotations are registered. */
  private window: Span = { start: 0, end: 0 };
  private readonly sheet = new CSSStyleSheet();
  private names = new Map<string, string>();

  constructor(chunks: readonly Chunk[], nodeAt: (i: number) => Text | undefined) {
    this.chunks = chunks;
    this.nodeAt = nodeAt;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    for (const mark of MARKS) {
      const highlight = new Highlight();
      highlight.priority = 10 + MARKS.indexOf(mark);
      CSS.highlights.set(`cd-${mark}`, highlight);
    }
  }

  /** One highlight per label, coloured by the label. */
  setLabels(labels: readonly { id: string; color: string }[]): void {
    this.sheet.replaceSync(labelRules(labels).join("\n"));
    labels.forEach((label, i) => {
      const highlight = this.byLabel.get(label.id) ?? new Highlight();
      this.byLabel.set(label.id, highlight);
      this.names.set(label.id, `cd-label-${i}`);
      CSS.highlights.set(`cd-label-${i}`, highlight);
    });
  }

  /** Show or hide every highlight of one label (the side panel's filter). */
  setVisible(labelId: string, visible: boolean): void {
    const name = this.names.get(labelId);
    const highlight = this.byLabel.get(labelId);
    if (!name || !highlight) return;
    if (visible) CSS.highlights.set(name, highlight);
    else CSS.highlights.delete(name);
  }

  /** A DOM range over a span of the article text; null if part of it is not rendered now. */
  rangeFor(span: Span): Range | null {
    const start = this.position(span.start);
    const end = this.position(span.end);
    if (!start || !end) return null;
    const range = document.createRange();
    range.setStart(start[0], start[1]);
    range.setEnd(end[0], end[1]);
    return range;
  }

  /** Draw (or redraw) one annotation. */
  set(id: string, span: Span, labelId: string): void {
    this.remove(id);
    this.spans.set(id, { span, labelId });
    if (overlaps(span, this.window)) this.register(id, span, labelId);
  }

  remove(id: string): void {
    this.spans.delete(id);
    this.unregister(id);
  }

  /** Register exactly the annotations that overlap `window` (the blocks on and near screen). */
  showWindow(window: Span): void {
    if (window.start === this.window.start && window.end === this.window.end) return;
    this.window = window;
    for (const [id, entry] of this.ranges) {
      const drawn = this.spans.get(id);
      if (!drawn || !overlaps(drawn.span, window)) this.unregister(id, entry);
    }
    for (const [id, { span, labelId }] of this.spans) {
      if (!this.ranges.has(id) && overlaps(span, window)) this.register(id, span, labelId);
    }
  }

  private register(id: string, span: Span, labelId: string): void {
    const range = this.rangeFor(span);
    if (!range) return;
    this.ranges.set(id, { range, labelId });
    this.byLabel.get(labelId)?.add(range);
  }

  private unregister(id: string, entry = this.ranges.get(id)): void {
    if (!entry) return;
    this.byLabel.get(entry.labelId)?.delete(entry.range);
    this.ranges.delete(id);
  }

  /** Replace everything drawn for one kind of mark. */
  mark(mark: Mark, spans: readonly Span[]): void {
    const highlight = CSS.highlights.get(`cd-${mark}`);
    if (!highlight) return;
    highlight.clear();
    for (const span of spans) {
      const range = span.end > span.start ? this.rangeFor(span) : null;
      if (range) highlight.add(range);
    }
  }

  dispose(): void {
    for (const name of [...CSS.highlights.keys()]) if (name.startsWith("cd-")) CSS.highlights.delete(name);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.ranges.clear();
    this.spans.clear();
    this.byLabel.clear();
  }

  private position(offset: number): [Text, number] | null {
    const i = chunkAt(this.chunks, offset);
    const chunk = this.chunks[i];
    const node = this.nodeAt(i);
    return chunk && node ? [node, Math.min(offset - chunk.start, chunk.text.length)] : null;
  }
}

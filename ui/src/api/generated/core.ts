// Generated from the Rust types by `make bindings`. Do not edit: change the Rust type.

export type ArticleId = string;

export type AnnotationId = string;

export type LabelId = string;

export type AnnotatorId = string;

export type EventId = string;

export type SourceKind = "paste" | "text" | "markdown" | "html";

export type ArticleMeta = { 
/**
 * Headline; never empty once stored (the first line of the text stands in).
 */
title: string, 
/**
 * Publication or site, e.g. "RT".
 */
outlet: string | null, 
/**
 * Byline.
 */
author: string | null, 
/**
 * Publication date as given by the source (ISO 8601 date or date-time).
 */
published: string | null, 
/**
 * Where the article was found.
 */
url: string | null, 
/**
 * BCP 47 language tag, e.g. "fr" or "ru".
 */
language: string | null, };

export type PastedArticle = { 
/**
 * The pasted text, exactly as pasted.
 */
text: string, 
/**
 * Metadata typed into the form.
 */
meta: ArticleMeta, };

export type Article = { 
/**
 * Identity.
 */
id: ArticleId, 
/**
 * Descriptive fields.
 */
meta: ArticleMeta, 
/**
 * How the article arrived.
 */
source_kind: SourceKind, 
/**
 * File name or path it was imported from, if any.
 */
source_name: string | null, 
/**
 * When it was captured into Claimdesk.
 */
captured_at: string, 
/**
 * The text that offsets refer to.
 */
text: string, 
/**
 * Lower-case hex SHA-256 of `text` in UTF-8.
 */
text_sha256: string, 
/**
 * Length of `text` in code points.
 */
char_count: number, };

export type ArticleSummary = { 
/**
 * Identity.
 */
id: ArticleId, 
/**
 * Descriptive fields.
 */
meta: ArticleMeta, 
/**
 * When it was captured.
 */
captured_at: string, 
/**
 * Length in code points.
 */
char_count: number, 
/**
 * Live (not deleted) annotations on it.
 */
annotation_count: number, };

export type LabelKind = "claim" | "quote" | "figure" | "custom";

export type Label = { 
/**
 * Identity; the three built-in labels have the same id in every file.
 */
id: LabelId, 
/**
 * Display name, unique among active labels.
 */
name: string, 
/**
 * Which typed attributes apply.
 */
kind: LabelKind, 
/**
 * Highlight colour, `#rrggbb`.
 */
color: string, 
/**
 * Single-key shortcut, unique among active labels.
 */
hotkey: string | null, 
/**
 * Built-in labels cannot be retired.
 */
builtin: boolean, 
/**
 * Retired labels keep their annotations but are not offered for new ones.
 */
retired: boolean, };

export type NewLabel = { 
/**
 * Display name.
 */
name: string, 
/**
 * Highlight colour, `#rrggbb`.
 */
color: string, 
/**
 * Single lower-case letter or digit.
 */
hotkey: string | null, };

export type LabelPatch = { 
/**
 * New name.
 */
name: string | null, 
/**
 * New colour.
 */
color: string | null, 
/**
 * New hotkey; `Some(None)` is not expressible in JSON, so an empty string clears it.
 */
hotkey: string | null, };

export type Annotator = { 
/**
 * Identity.
 */
id: AnnotatorId, 
/**
 * Name as typed by the analyst.
 */
name: string, };

export type Figure = { 
/**
 * Exact decimal value, never a float: "1,9 million" is 1900000.
 */
value: string, 
/**
 * ISO 4217 code, upper case, when the figure is money.
 */
currency: string | null, 
/**
 * What is counted, when it is not money: "promoted tweets", "accounts".
 */
unit: string | null, 
/**
 * "more than", "about", "nearly"...
 */
qualifier: string | null, };

export type Attributes = { 
/**
 * Who is quoted.
 */
speaker: string | null, 
/**
 * The figure's value and unit.
 */
figure: Figure | null, 
/**
 * A claim's verdict, from the team's scale.
 */
verdict: string | null, 
/**
 * Free text.
 */
note: string, 
/**
 * Free tags, trimmed, unique, in the order given.
 */
tags: Array<string>, };

export type ReviewState = "pending" | "accepted" | "rejected";

export type Annotation = { 
/**
 * Identity.
 */
id: AnnotationId, 
/**
 * The article the span is in.
 */
article_id: ArticleId, 
/**
 * The label.
 */
label_id: LabelId, 
/**
 * First code point of the span.
 */
start: number, 
/**
 * One past the last code point of the span.
 */
end: number, 
/**
 * The quoted text, `text[start..end]` when stored.
 */
exact: string, 
/**
 * Up to 32 code points before the span.
 */
prefix: string, 
/**
 * Up to 32 code points after the span.
 */
suffix: string, 
/**
 * What the analyst attached.
 */
attributes: Attributes, 
/**
 * Who made it.
 */
annotator_id: AnnotatorId, 
/**
 * When it was made.
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, 
/**
 * Review decision.
 */
review_state: ReviewState, 
/**
 * Tombstone: deleted annotations are kept so that merges and undo know about them.
 */
deleted: boolean, };

export type NewAnnotation = { 
/**
 * The article.
 */
article_id: ArticleId, 
/**
 * The label.
 */
label_id: LabelId, 
/**
 * First code point.
 */
start: number, 
/**
 * One past the last code point.
 */
end: number, 
/**
 * Attributes to start with.
 */
attributes: Attributes, };

export type AnnotationPatch = { 
/**
 * Relabel.
 */
label_id: LabelId | null, 
/**
 * Move the span: `[start, end]` in code points.
 */
span: [number, number] | null, 
/**
 * Replace all attributes.
 */
attributes: Attributes | null, };

export type Entity = "article" | "annotation" | "label";

export type Action = "create" | "update" | "delete" | "undo" | "redo";

export type HistoryEvent = { 
/**
 * Identity.
 */
id: EventId, 
/**
 * Kind of record.
 */
entity: Entity, 
/**
 * The record's id.
 */
entity_id: string, 
/**
 * What happened.
 */
action: Action, 
/**
 * For undo and redo: the event reverted or re-applied.
 */
reverts: EventId | null, 
/**
 * Who did it (imports have no analyst).
 */
actor_id: AnnotatorId | null, 
/**
 * When.
 */
at: string, 
/**
 * The record before, as JSON.
 */
before: unknown, 
/**
 * The record after, as JSON.
 */
after: unknown, };

export type UndoState = { 
/**
 * Changes that can be undone.
 */
undo_depth: number, 
/**
 * Undone changes that can be redone.
 */
redo_depth: number, };

export type Placement = { "status": "exact" } | { "status": "moved", 
/**
 * New first code point.
 */
start: number, 
/**
 * New end (exclusive).
 */
end: number, 
/**
 * 0 to 1: how sure we are.
 */
confidence: number, } | { "status": "orphan" };

export type Displaced = { 
/**
 * The annotation.
 */
id: AnnotationId, 
/**
 * Where it is now, or that it is orphaned.
 */
placement: Placement, };

export type ReaderAnnotation = { 
/**
 * Identity.
 */
id: AnnotationId, 
/**
 * The label.
 */
label_id: LabelId, 
/**
 * First code point of the stored span.
 */
start: number, 
/**
 * One past the last code point of the stored span.
 */
end: number, 
/**
 * The quoted text as stored.
 */
exact: string, 
/**
 * What the analyst attached.
 */
attributes: Attributes, };

export type ArticleAnnotations = { 
/**
 * Live annotations in text order.
 */
annotations: Array<ReaderAnnotation>, 
/**
 * Annotations not at their stored offsets: moved (with confidence) or orphaned.
 */
displaced: Array<Displaced>, };

export type Preferences = { 
/**
 * The analyst's name, asked on first run; recorded on every annotation.
 */
analyst_name: string | null, 
/**
 * Widen selections to whole words before tagging.
 */
snap_to_words: boolean, };

export type Filters = { 
/**
 * Annotations with one of these labels.
 */
labels: Array<LabelId>, 
/**
 * Annotations by one of these analysts.
 */
annotators: Array<AnnotatorId>, 
/**
 * Articles from one of these outlets (as written).
 */
outlets: Array<string>, 
/**
 * Articles in one of these languages (BCP 47 tags; "fr" also matches "fr-CA").
 */
languages: Array<string>, 
/**
 * Articles published on or after this date (YYYY-MM-DD).
 */
published_from: string | null, 
/**
 * Articles published on or before this date (YYYY-MM-DD).
 */
published_to: string | null, 
/**
 * Annotations carrying one of these tags.
 */
tags: Array<string>, 
/**
 * Annotations in one of these review states.
 */
review_states: Array<ReviewState>, 
/**
 * Figures in this currency (ISO 4217).
 */
currency: string | null, 
/**
 * Articles assigned to this analyst (and not unassigned).
 */
assigned_to: AnnotatorId | null, };

export type Facets = { 
/**
 * Outlets of live articles.
 */
outlets: Array<string>, 
/**
 * Languages of live articles.
 */
languages: Array<string>, 
/**
 * Tags on live annotations.
 */
tags: Array<string>, };

export type LibrarySort = "title" | "outlet" | "published" | "language" | "captured" | "annotations";

export type LibraryQuery = { 
/**
 * Narrowing.
 */
filters: Filters, 
/**
 * Sort key.
 */
sort: LibrarySort, 
/**
 * Largest first.
 */
descending: boolean, 
/**
 * Rows to skip.
 */
offset: number, 
/**
 * Rows to return (at most 1,000).
 */
limit: number, };

export type LabelCount = { 
/**
 * The label.
 */
label_id: LabelId, 
/**
 * Live annotations with it.
 */
count: number, };

export type LibraryRow = { 
/**
 * The article.
 */
id: ArticleId, 
/**
 * Its metadata.
 */
meta: ArticleMeta, 
/**
 * When it was captured.
 */
captured_at: string, 
/**
 * Live annotations in all.
 */
annotations: number, 
/**
 * Live annotations per label.
 */
label_counts: Array<LabelCount>, 
/**
 * Annotations not reviewed yet.
 */
pending: number, 
/**
 * Annotations accepted.
 */
accepted: number, 
/**
 * Annotations rejected.
 */
rejected: number, };

export type LibraryPage = { 
/**
 * Matching articles in all.
 */
total: number, 
/**
 * This page.
 */
rows: Array<LibraryRow>, };

export type AnnotationSort = "article" | "label" | "annotator" | "created" | "updated" | "review";

export type AnnotationQuery = { 
/**
 * Narrowing.
 */
filters: Filters, 
/**
 * Sort key.
 */
sort: AnnotationSort, 
/**
 * Largest first.
 */
descending: boolean, 
/**
 * Rows to skip.
 */
offset: number, 
/**
 * Rows to return (at most 1,000).
 */
limit: number, };

export type AnnotationRow = { 
/**
 * The annotation.
 */
id: AnnotationId, 
/**
 * Its article.
 */
article_id: ArticleId, 
/**
 * The article's title.
 */
article_title: string, 
/**
 * Its label.
 */
label_id: LabelId, 
/**
 * The quote.
 */
exact: string, 
/**
 * A quote's speaker.
 */
speaker: string | null, 
/**
 * A figure's exact value.
 */
value: string | null, 
/**
 * A figure's currency.
 */
currency: string | null, 
/**
 * A figure's unit.
 */
unit: string | null, 
/**
 * A claim's verdict.
 */
verdict: string | null, 
/**
 * Who made it.
 */
annotator_id: AnnotatorId, 
/**
 * Their name.
 */
annotator_name: string, 
/**
 * When it was made.
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, 
/**
 * Review decision.
 */
review_state: ReviewState, };

export type AnnotationPage = { 
/**
 * Matching annotations in all.
 */
total: number, 
/**
 * This page.
 */
rows: Array<AnnotationRow>, };

export type ArticleHit = { 
/**
 * The article.
 */
article_id: ArticleId, 
/**
 * Its title.
 */
title: string, 
/**
 * The matching passage, with marked words.
 */
snippet: string, 
/**
 * Code-point span of the first match in the text, if it is in the text.
 */
span: [number, number] | null, };

export type AnnotationHit = { 
/**
 * The annotation.
 */
annotation_id: AnnotationId, 
/**
 * Its article.
 */
article_id: ArticleId, 
/**
 * The article's title.
 */
title: string, 
/**
 * Its label.
 */
label_id: LabelId, 
/**
 * The matching field, with marked words.
 */
snippet: string, };

export type SearchResults = { 
/**
 * Matching articles.
 */
articles: Array<ArticleHit>, 
/**
 * Matching annotations.
 */
annotations: Array<AnnotationHit>, 
/**
 * The articles are ranked; false when more matched than are ranked: newest first.
 */
articles_ranked: boolean, 
/**
 * The annotations are ranked; false when more matched than are ranked: newest first.
 */
annotations_ranked: boolean, };

export type Qualifier = "more than" | "at least" | "about" | "nearly" | "up to" | "less than";

export type ReadingReason = "decimal_mark" | "short_scale";

export type FigureReading = { 
/**
 * The value, or a range's lower bound.
 */
value: string, 
/**
 * A range's upper bound.
 */
upper: string | null, 
/**
 * Why the words can be read this way.
 */
reason: ReadingReason, };

export type ParsedFigure = { 
/**
 * The exact value, or a range's lower bound.
 */
value: string, 
/**
 * A range's upper bound ("between 2 and 3 million").
 */
upper: string | null, 
/**
 * ISO 4217 code, when the figure is money.
 */
currency: string | null, 
/**
 * What is counted, in English ("fake accounts", "promoted tweets"), when not money.
 */
unit: string | null, 
/**
 * "more than", "about"...
 */
qualifier: Qualifier | null, 
/**
 * Other readings of the same words, for the analyst to pick instead.
 */
alternatives: Array<FigureReading>, };

export type FigureCandidate = { 
/**
 * First code point of the phrase (qualifier included).
 */
start: number, 
/**
 * One past its last code point.
 */
end: number, 
/**
 * The phrase as written.
 */
text: string, 
/**
 * What it says.
 */
figure: ParsedFigure, };

export type SpeakerEvidence = "named" | "described" | "earlier_mention" | "continued_quote";

export type SpeakerSuggestion = { 
/**
 * The name or description as written ("Dmitri Peskov", "a ministry spokesman").
 */
name: string, 
/**
 * Where it is written.
 */
start: number, 
/**
 * One past its end.
 */
end: number, 
/**
 * How it was found.
 */
evidence: SpeakerEvidence, 
/**
 * The attribution's verb or phrase as written ("a déclaré", "according to").
 */
cue: string, };

export type QuoteCandidate = { 
/**
 * First code point of the quoted words.
 */
start: number, 
/**
 * One past the last quoted code point.
 */
end: number, 
/**
 * The quoted words.
 */
text: string, 
/**
 * The opening mark.
 */
mark_start: number, 
/**
 * One past the closing mark.
 */
mark_end: number, 
/**
 * Who said it, when the text says so.
 */
speaker: SpeakerSuggestion | null, };

export type SpeakerMatch = { 
/**
 * The speaker as stored.
 */
name: string, 
/**
 * 1 for the attributed name itself, lower for partial or distant matches.
 */
score: number, };

export type QuoteSuggestion = { 
/**
 * Where the quote is and what its attribution says.
 */
quote: QuoteCandidate, 
/**
 * The speaker to prefill: a well-matching known speaker, else the attributed name.
 */
speaker: string | null, 
/**
 * Known speakers that fit, best first.
 */
known_speakers: Array<SpeakerMatch>, };

export type Suggestions = { 
/**
 * Money amounts and counted figures, in text order.
 */
figures: Array<FigureCandidate>, 
/**
 * Quotes, in text order.
 */
quotes: Array<QuoteSuggestion>, };

export type FigurePrefill = { 
/**
 * The attributes as read by the article's language.
 */
figure: Figure, 
/**
 * The same figure read another way ("1.823" as 1823 rather than 1.823).
 */
alternatives: Array<AlternativeFigure>, };

export type AlternativeFigure = { 
/**
 * The attributes under this reading.
 */
figure: Figure, 
/**
 * Why the words can be read this way.
 */
reason: ReadingReason, };

export type FigureSuggestion = { 
/**
 * First code point of the phrase.
 */
start: number, 
/**
 * One past its last code point.
 */
end: number, 
/**
 * The phrase as written.
 */
text: string, 
/**
 * What to prefill, and the other readings.
 */
prefill: FigurePrefill, };

export type ArticleSuggestions = { 
/**
 * Figures, in text order.
 */
figures: Array<FigureSuggestion>, 
/**
 * Quotes, in text order.
 */
quotes: Array<QuoteSuggestion>, };

export type SuggestionKind = "figure" | "quote";

export type NewDismissal = { 
/**
 * The article.
 */
article_id: ArticleId, 
/**
 * Figure or quote.
 */
kind: SuggestionKind, 
/**
 * First code point of the suggested span.
 */
start: number, 
/**
 * One past its last code point.
 */
end: number, };

export type DismissedSuggestion = { 
/**
 * The article.
 */
article_id: ArticleId, 
/**
 * Figure or quote.
 */
kind: SuggestionKind, 
/**
 * First code point of the span.
 */
start: number, 
/**
 * One past its last code point.
 */
end: number, 
/**
 * The words the span covered when it was dismissed.
 */
exact: string, 
/**
 * When.
 */
dismissed_at: string, };

export type SpeakerPrefill = { 
/**
 * The attributed speaker (under its known spelling when one fits well), else the best
 * fitting known speaker; none when nothing fits.
 */
speaker: string | null, 
/**
 * Known speakers that fit, best first.
 */
known_speakers: Array<SpeakerMatch>, };

export type SourceFormat = "paste" | "text" | "markdown" | "html" | "jsonl" | "csv";

export type ArticleSource = { 
/**
 * The source format.
 */
format: SourceFormat, 
/**
 * The decoder used, by its WHATWG name ("UTF-8", "windows-1252", "KOI8-R").
 */
encoding: string, 
/**
 * Whether undecodable bytes were replaced by U+FFFD.
 */
lossy: boolean, 
/**
 * How many malformed byte sequences were replaced.
 */
replacements: number, 
/**
 * Byte offset in the source of the first replaced sequence.
 */
first_invalid_byte: number | null, };

export type ColumnMap = { 
/**
 * The article text; required (default column: `text`).
 */
text: string | null, 
/**
 * Headline (default column: `title`).
 */
title: string | null, 
/**
 * Where the article was found (default column: `url`).
 */
url: string | null, 
/**
 * Publication (default column: `outlet`).
 */
outlet: string | null, 
/**
 * Byline (default column: `author`).
 */
author: string | null, 
/**
 * Publication date (default column: `date`).
 */
date: string | null, 
/**
 * Language tag (default column: `language`).
 */
language: string | null, };

export type ImportOptions = { 
/**
 * Files (and corpus rows) larger than this are refused, in bytes.
 */
max_bytes: number, 
/**
 * HTML pages nested deeper than this are refused.
 */
max_depth: number, 
/**
 * One article taking longer than this to read and extract is refused, in seconds.
 */
max_seconds: number, 
/**
 * Encoding label (WHATWG names: "windows-1252", "iso-8859-2", "koi8-r"...) for files that
 * carry no byte-order mark. It overrides a page's own `<meta charset>`. `None`: UTF-8, or
 * what the page declares.
 */
encoding: string | null, 
/**
 * Replace undecodable bytes with U+FFFD and flag the article, instead of refusing the file.
 */
lossy: boolean, 
/**
 * Which corpus columns (CSV) or keys (JSONL) hold which field.
 */
columns: ColumnMap, };

export type ImportProgress = { 
/**
 * Files finished.
 */
files_done: number, 
/**
 * Files found to import.
 */
files_total: number, 
/**
 * The file (and row) being read; absent once the import has finished.
 */
current: string | null, 
/**
 * Articles stored so far.
 */
imported: number, 
/**
 * Sources whose text was already stored.
 */
duplicates: number, 
/**
 * Files passed over (not an article format).
 */
skipped: number, 
/**
 * Sources refused or unreadable.
 */
failed: number, 
/**
 * Bytes of the files read so far.
 */
bytes_done: number, 
/**
 * Bytes of all the files found.
 */
bytes_total: number, 
/**
 * Time since the import started, in milliseconds.
 */
elapsed_ms: number, 
/**
 * Estimated time left, in milliseconds, from the bytes read so far.
 */
remaining_ms: number | null, };

export type ItemOutcome = { "outcome": "imported", 
/**
 * Its id.
 */
article_id: ArticleId, 
/**
 * Its title.
 */
title: string, 
/**
 * Whether undecodable bytes were replaced (a lossy import).
 */
lossy: boolean, } | { "outcome": "duplicate", 
/**
 * The article that has it.
 */
existing: ArticleId, } | { "outcome": "skipped", 
/**
 * Why.
 */
reason: string, } | { "outcome": "failed", 
/**
 * Why.
 */
reason: string, };

export type ImportItem = { 
/**
 * The file path, with the row for corpora ("corpus.csv, row 12").
 */
source: string, } & ({ "outcome": "imported", 
/**
 * Its id.
 */
article_id: ArticleId, 
/**
 * Its title.
 */
title: string, 
/**
 * Whether undecodable bytes were replaced (a lossy import).
 */
lossy: boolean, } | { "outcome": "duplicate", 
/**
 * The article that has it.
 */
existing: ArticleId, } | { "outcome": "skipped", 
/**
 * Why.
 */
reason: string, } | { "outcome": "failed", 
/**
 * Why.
 */
reason: string, });

export type ImportSummary = { 
/**
 * Articles stored.
 */
imported: number, 
/**
 * Sources whose text was already stored.
 */
duplicates: number, 
/**
 * Files passed over.
 */
skipped: number, 
/**
 * Sources refused or unreadable.
 */
failed: number, 
/**
 * Whether the import was cancelled before the end; what was stored before stays.
 */
cancelled: boolean, 
/**
 * How long it took, in milliseconds.
 */
elapsed_ms: number, 
/**
 * Each source in the order read, with its outcome.
 */
items: Array<ImportItem>, };

export type ImportOutcome = { "outcome": "imported", 
/**
 * Its id.
 */
article_id: ArticleId, 
/**
 * Its title.
 */
title: string, } | { "outcome": "duplicate", 
/**
 * The article that already has this text.
 */
existing: ArticleId, };

export type ExportFormat = "csv" | "jsonl" | "w3c" | "claim_review" | "doccano" | "label_studio";

export type CsvProfile = "spreadsheet" | "raw";

export type OffsetUnit = "code_point" | "utf16";

export type ExportRequest = { 
/**
 * The file format.
 */
format: ExportFormat, 
/**
 * For CSV: spreadsheet (the default) or raw.
 */
profile: CsvProfile, 
/**
 * Which annotations: the corpus filters of the library and the annotation table.
 */
filters: Filters, 
/**
 * For doccano and Label Studio: the unit their offsets count, when not the tool's default
 * (doccano: UTF-16; Label Studio: code points).
 */
offset_unit: OffsetUnit | null, };

export type ExportProgress = { 
/**
 * Records (annotations, or documents when importing) handled so far.
 */
done: number, 
/**
 * Records in all.
 */
total: number, };

export type ExportSize = { 
/**
 * Annotations that pass the filters (for ClaimReview, claims with a verdict).
 */
annotations: number, 
/**
 * Distinct articles they belong to.
 */
articles: number, };

export type ExportSummary = { 
/**
 * The format written.
 */
format: ExportFormat, 
/**
 * Annotations written (for ClaimReview, claims with a verdict).
 */
annotations: number, 
/**
 * Distinct articles they belong to.
 */
articles: number, 
/**
 * Bytes written.
 */
bytes: number, 
/**
 * Cancelled before the end: nothing was written to the target (a file already there is
 * unchanged).
 */
cancelled: boolean, 
/**
 * How long it took, in milliseconds.
 */
elapsed_ms: number, };

export type ImportFormat = "doccano" | "label_studio";

export type AnnotationImportOptions = { 
/**
 * The file's format.
 */
format: ImportFormat, 
/**
 * The analyst the spans are credited to (neither tool's file says who in a way that
 * carries over).
 */
annotator: string, 
/**
 * The unit the file's offsets count, when not the tool's default (doccano: UTF-16; Label
 * Studio: code points).
 */
offset_unit: OffsetUnit | null, };

export type ImportProblem = { 
/**
 * Where in the file: "line 3", "task 2".
 */
place: string, 
/**
 * What was wrong.
 */
message: string, };

export type AnnotationImportSummary = { 
/**
 * Documents read from the file.
 */
documents: number, 
/**
 * Articles stored because no stored article had the document's text.
 */
articles_created: number, 
/**
 * Documents whose text was already stored.
 */
articles_matched: number, 
/**
 * Annotations stored.
 */
annotations_created: number, 
/**
 * Spans already stored, left as they were.
 */
duplicates: number, 
/**
 * Labels created because the file named them and the database had no such label.
 */
labels_created: Array<string>, 
/**
 * What was passed over, and why.
 */
problems: Array<ImportProblem>, 
/**
 * Cancelled before the end: the documents before the cancel are stored.
 */
cancelled: boolean, 
/**
 * How long it took, in milliseconds.
 */
elapsed_ms: number, };

export type ReviewId = string;

export type ConflictId = string;

export type FileSharing = { 
/**
 * The team marked the file as shared (the mark travels with the file).
 */
marked_shared: boolean, 
/**
 * The file is on a network file system (NFS, SMB/CIFS, AFS, Ceph...).
 */
on_network_fs: boolean, 
/**
 * The journal this connection uses: `wal`, `delete` (a rollback journal) or `memory`.
 */
journal_mode: string, };

export type NewReview = { 
/**
 * The annotation reviewed.
 */
annotation_id: AnnotationId, 
/**
 * Accept, reject, or set back to pending; `None` for a comment alone.
 */
decision: ReviewState | null, 
/**
 * What the reviewer says about it; may be empty when there is a decision.
 */
comment: string, };

export type ReviewDecision = { 
/**
 * Identity.
 */
id: ReviewId, 
/**
 * The annotation reviewed.
 */
annotation_id: AnnotationId, 
/**
 * Who reviewed.
 */
reviewer: Annotator, 
/**
 * The decision, or `None` for a comment alone.
 */
decision: ReviewState | null, 
/**
 * The comment (empty when there was none).
 */
comment: string, 
/**
 * When.
 */
decided_at: string, };

export type ReviewQuery = { 
/**
 * The analysts to compare; empty means everyone who annotated the article.
 */
analysts: Array<AnnotatorId>, 
/**
 * Only annotations in these review states; empty means any.
 */
review_states: Array<ReviewState>, };

export type ReviewItem = { 
/**
 * The annotation (its `annotator_id` is the analyst).
 */
annotation: Annotation, 
/**
 * The file it was merged from, if it was merged in.
 */
source_file: string | null, 
/**
 * Who made the current decision, if any.
 */
reviewer: Annotator | null, 
/**
 * When the current decision was made.
 */
reviewed_at: string | null, 
/**
 * The latest comment, if any.
 */
last_comment: string | null, 
/**
 * Decisions and comments recorded so far.
 */
decisions: number, 
/**
 * Merge conflicts on it that nobody settled yet.
 */
open_conflicts: number, };

export type AnalystColumn = { 
/**
 * The analyst.
 */
analyst: Annotator, 
/**
 * Their live annotations that pass the query, in text order.
 */
items: Array<ReviewItem>, };

export type ConsensusSpan = { 
/**
 * The label.
 */
label_id: LabelId, 
/**
 * First code point.
 */
start: number, 
/**
 * One past the last code point.
 */
end: number, 
/**
 * The quoted text.
 */
exact: string, 
/**
 * The accepted annotations with this label and span.
 */
annotation_ids: Array<AnnotationId>, 
/**
 * Their analysts, without repeats.
 */
analysts: Array<AnnotatorId>, };

export type ConflictResolution = "kept_ours" | "took_theirs";

export type TheirVersion = { 
/**
 * Who reviewed it there.
 */
reviewer_id: AnnotatorId | null, 
/**
 * When it was reviewed there (RFC 3339).
 */
reviewed_at: string | null, 
/**
 * Identity.
 */
id: AnnotationId, 
/**
 * The article the span is in.
 */
article_id: ArticleId, 
/**
 * The label.
 */
label_id: LabelId, 
/**
 * First code point of the span.
 */
start: number, 
/**
 * One past the last code point of the span.
 */
end: number, 
/**
 * The quoted text, `text[start..end]` when stored.
 */
exact: string, 
/**
 * Up to 32 code points before the span.
 */
prefix: string, 
/**
 * Up to 32 code points after the span.
 */
suffix: string, 
/**
 * What the analyst attached.
 */
attributes: Attributes, 
/**
 * Who made it.
 */
annotator_id: AnnotatorId, 
/**
 * When it was made.
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, 
/**
 * Review decision.
 */
review_state: ReviewState, 
/**
 * Tombstone: deleted annotations are kept so that merges and undo know about them.
 */
deleted: boolean, };

export type MergeConflict = { 
/**
 * Identity.
 */
id: ConflictId, 
/**
 * The file the other version came from (its name).
 */
source_file: string, 
/**
 * The version in this file now.
 */
ours: Annotation, 
/**
 * The version from the other file.
 */
theirs: TheirVersion, 
/**
 * When the merge found it.
 */
found_at: string, 
/**
 * How it was settled; `None` while open.
 */
resolution: ConflictResolution | null, 
/**
 * Who settled it.
 */
resolver_id: AnnotatorId | null, 
/**
 * When it was settled.
 */
resolved_at: string | null, };

export type MergeFileSummary = { 
/**
 * The file's name.
 */
file: string, 
/**
 * Analysts this file did not know yet.
 */
analysts_added: number, 
/**
 * Labels added (a label with the same name as an active one is matched instead).
 */
labels_added: number, 
/**
 * Articles added.
 */
articles_added: number, 
/**
 * Articles matched to one already here by their text.
 */
articles_matched: number, 
/**
 * Annotations added.
 */
annotations_added: number, 
/**
 * Annotations replaced by the source's newer version of them.
 */
annotations_updated: number, 
/**
 * Annotations already here in the same or a newer version.
 */
annotations_unchanged: number, 
/**
 * Annotations whose two versions differ: new conflicts to review.
 */
conflicts_new: number, 
/**
 * Conflicts found again, as recorded by an earlier merge (open or settled).
 */
conflicts_known: number, 
/**
 * Review decisions and comments added.
 */
decisions_added: number, 
/**
 * History events added.
 */
history_added: number, 
/**
 * What was left out, and why.
 */
skipped: Array<string>, };

export type MergeSummary = { 
/**
 * One entry per source file, in the order given.
 */
files: Array<MergeFileSummary>, 
/**
 * Stopped before the end; what was merged stays, and merging again finishes the work.
 */
cancelled: boolean, 
/**
 * How long it took, in milliseconds.
 */
elapsed_ms: number, };

export type MergeProgress = { 
/**
 * The file being merged.
 */
file: string, 
/**
 * Articles of that file done.
 */
articles_done: number, 
/**
 * Articles in that file.
 */
articles_total: number, };

export type AgreementUnit = "character" | "token";

export type AgreementQuery = { 
/**
 * The corpus filters; `annotators` chooses the analysts (empty: everyone), `labels` the
 * labels (empty: every label used).
 */
filters: Filters, 
/**
 * Code points or tokens.
 */
unit: AgreementUnit, 
/**
 * Add a row set for every article, not only the corpus.
 */
per_article: boolean, };

export type LabelRef = { 
/**
 * Identity.
 */
id: LabelId, 
/**
 * Name.
 */
name: string, };

export type AgreementRow = { 
/**
 * The article, or `None` for the corpus.
 */
article_id: ArticleId | null, 
/**
 * Its title.
 */
article_title: string | null, 
/**
 * The label, or `None` for all labels together.
 */
label: LabelRef | null, 
/**
 * The first analyst of the pair, or `None` for all analysts (alpha only).
 */
analyst_a: Annotator | null, 
/**
 * The second analyst of the pair.
 */
analyst_b: Annotator | null, 
/**
 * Articles compared.
 */
articles: number, 
/**
 * Units compared (for all analysts: units two or more of them labelled).
 */
units: number, 
/**
 * The first analyst's spans (pairs only).
 */
spans_a: number | null, 
/**
 * The second analyst's spans.
 */
spans_b: number | null, 
/**
 * Span F1, exact matches.
 */
f1_exact: number | null, 
/**
 * Span F1, overlapping matches.
 */
f1_overlap: number | null, 
/**
 * Cohen's kappa over units (pairs only).
 */
cohen_kappa: number | null, 
/**
 * Krippendorff's alpha, nominal, over units.
 */
krippendorff_alpha: number | null, };

export type AgreementReport = { 
/**
 * Code points or tokens.
 */
unit: AgreementUnit, 
/**
 * The analysts compared, by name.
 */
analysts: Array<Annotator>, 
/**
 * The labels compared, by name.
 */
labels: Array<LabelRef>, 
/**
 * Articles that two or more of the analysts annotated.
 */
articles: number, 
/**
 * Corpus rows first (all labels, then each label; pairs, then all analysts), then each
 * article's when asked for.
 */
rows: Array<AgreementRow>, };

export type ServerProblem = "unreachable" | "wrong_password" | "tls" | "access_denied" | "project_removed" | "newer_schema" | "not_set_up" | "other";

export type SyncLink = { 
/**
 * The server's address, without a password.
 */
server: string, 
/**
 * The project's id on the server.
 */
project_id: string, 
/**
 * The project's name.
 */
project_name: string, 
/**
 * The analyst id this file writes as on the server.
 */
analyst_id: string, 
/**
 * This file's device id (its own ops never conflict with each other).
 */
device_id: string, 
/**
 * The last server version pulled.
 */
cursor: number, 
/**
 * When the file was joined (RFC 3339).
 */
joined_at: string, 
/**
 * When the last full sync ended (RFC 3339).
 */
synced_at: string | null, };

export type TeamStatus = { 
/**
 * The project the file is joined to, if any.
 */
link: SyncLink | null, 
/**
 * Local changes waiting to be sent.
 */
pending: number, 
/**
 * Conflicts not settled yet.
 */
open_conflicts: number, };

export type SecretPlace = "keyring" | "file";

export type JoinReport = { 
/**
 * The link now in the file.
 */
link: SyncLink, 
/**
 * Rows queued for the first push (everything the file had).
 */
queued: number, };

export type Joined = { 
/**
 * What the join did.
 */
report: JoinReport, 
/**
 * The keyring, or a file only the analyst can read.
 */
password_kept_in: SecretPlace, };

export type SyncPhase = "push" | "pull" | "done";

export type SyncProgress = { 
/**
 * The half running.
 */
phase: SyncPhase, 
/**
 * Ops sent or rows received so far in this half.
 */
done: number, 
/**
 * How many there are in all in this half (as known when it started).
 */
total: number, };

export type SyncReport = { 
/**
 * Ops the server applied now.
 */
pushed: number, 
/**
 * Ops it had applied before (a retry after a lost acknowledgement).
 */
already_applied: number, 
/**
 * Ops of ours that made a conflict.
 */
conflicts: number, 
/**
 * Rows received and stored.
 */
pulled: number, 
/**
 * Rows received but waiting for a row they refer to.
 */
parked: number, 
/**
 * Local changes still waiting (after a cancel, or made during the round).
 */
pending: number, 
/**
 * The round was cancelled; the next one goes on from where it stopped.
 */
cancelled: boolean, };

export type SyncConflict = { 
/**
 * Its id (the id of the op that met the conflict).
 */
id: string, 
/**
 * What kind of row (`annotation`, `article`, `label`...).
 */
entity: string, 
/**
 * The row.
 */
entity_id: string, 
/**
 * The fields in conflict.
 */
fields: Array<string>, 
/**
 * Their values at the base both changes started from.
 */
base: Record<string, unknown>, 
/**
 * The change that came second (not applied).
 */
ours: Record<string, unknown>, 
/**
 * What the server kept.
 */
theirs: Record<string, unknown>, 
/**
 * Who made the change that came second.
 */
our_author: AnnotatorId | null, 
/**
 * Who made the change the server kept.
 */
their_author: AnnotatorId | null, 
/**
 * When the server found it (RFC 3339).
 */
found_at: string, 
/**
 * `kept_theirs` or `took_ours` once settled.
 */
resolution: string | null, 
/**
 * What the row is, in words: an annotation's quote, an article's title, a label's name.
 */
about: string | null, };

export type SyncResolution = "kept_theirs" | "took_ours";

export type AssignRequest = { 
/**
 * The articles (a selection, or a search's results).
 */
articles: Array<ArticleId>, 
/**
 * The analysts to share them among.
 */
analysts: Array<AnnotatorId>, 
/**
 * How many analysts each article goes to (1, or 2 for agreement).
 */
per_article: number, };

export type AssignReport = { 
/**
 * New assignments.
 */
assigned: number, 
/**
 * Pairs that were already assigned.
 */
already: number, };

export type AnalystProgress = { 
/**
 * The analyst.
 */
analyst_id: AnnotatorId, 
/**
 * Their name.
 */
name: string, 
/**
 * Articles assigned to them.
 */
assigned: number, 
/**
 * Assigned articles they annotated at least once.
 */
started: number, 
/**
 * Assigned articles they marked done.
 */
done: number, 
/**
 * Their live annotations, everywhere.
 */
annotations: number, 
/**
 * Of those, not reviewed yet.
 */
pending_reviews: number, };

//! Hostile content planted straight into a database (through the core, and raw SQL where the
//! core's own limits would shorten it: a teammate's file can hold anything). Every payload points
//! its remote loads at the canary and every script at markers and commands whose effects the
//! tests look for afterwards: a deleted annotation, a written file, a changed title.

use std::path::{Path, PathBuf};

use claimdesk_core::db::queries::review_decisions::NewReview;
use claimdesk_core::model::ids::{AnnotationId, AnnotatorId, LabelId};
use claimdesk_core::model::{
    Article, ArticleMeta, Attributes, NewAnnotation, NewLabel, PastedArticle,
};
use claimdesk_core::model::{Figure, ReviewState};
use claimdesk_core::Store;
use rusqlite::params;
use serde_json::json;

/// The word the search test types: it stands next to payloads in the text and in a note.
pub const SEARCH_WORD: &str = "Zanzibarquill";
const CLAIM: &str = "00000000-0000-7000-8000-000000000001";
const FIGURE: &str = "00000000-0000-7000-8000-000000000003";

/// What a script that ran would aim at, so that its effects can be looked for.
pub struct Traps {
    /// `http://127.0.0.1:PORT` of the canary.
    pub origin: String,
    /// The analyst whose annotation a script would delete.
    pub actor: String,
    /// The annotation a script would delete.
    pub victim: String,
    /// Where a script would write the agreement table (that command takes any path).
    pub agreement_csv: PathBuf,
    /// Where a script would export annotations (refused anyway unless chosen in a dialog).
    pub export_csv: PathBuf,
}

impl Traps {
    pub fn new(origin: String, actor: &str, victim: &str, dir: &Path) -> Traps {
        Traps {
            origin,
            actor: actor.to_owned(),
            victim: victim.to_owned(),
            agreement_csv: dir.join("pwned-agreement.csv"),
            export_csv: dir.join("pwned-export.csv"),
        }
    }

    /// Script that sets the markers and calls commands through the IPC internals.
    fn script(&self) -> String {
        let internals = "window.__TAURI_INTERNALS__";
        format!(
            "window.__pwned=1;document.title='pwned';\
             {internals}.invoke('delete_annotation',{{actor:'{}',id:'{}'}});\
             {internals}.invoke('export_agreement',{{query:{{unit:'character',per_article:false}},path:'{}'}});\
             {internals}.invoke('export_annotations',{{path:'{}',request:{{}}}})",
            self.actor,
            self.victim,
            self.agreement_csv.display(),
            self.export_csv.display()
        )
    }

    /// Every payload, once. The full script rides on the four classic carriers; the others set
    /// the markers only, to keep fields within the core's length limits.
    pub fn payloads(&self) -> Vec<String> {
        let (o, s, m) = (&self.origin, self.script(), MARK);
        vec![
            format!("<img src=\"{o}/img\" onerror=\"{s}\">"),
            format!("<script>{s}</script>"),
            format!("<svg onload=\"{s}\"><image href=\"{o}/svg-image\"/></svg>"),
            format!("<a href=\"javascript:{s}\" target=\"_blank\">javascript link</a>"),
            format!("javascript:{m}"),
            format!("<iframe src=\"{o}/iframe\" srcdoc=\"<script>{m}</script>\"></iframe>"),
            format!("<link rel=\"stylesheet\" href=\"{o}/link.css\">"),
            format!("<style>@import url(\"{o}/import.css\"); body {{ background: url(\"{o}/style-bg\") }}</style>"),
            format!("<div style=\"background-image: url('{o}/inline-style')\">styled</div>"),
            format!("<meta http-equiv=\"refresh\" content=\"0; url={o}/refresh\">"),
            format!("<object data=\"{o}/object\"></object><embed src=\"{o}/embed\">"),
            format!("<video poster=\"{o}/poster\"><source src=\"{o}/video\" onerror=\"{m}\"></video>"),
            format!("<details open ontoggle=\"{m}\">details</details>"),
            format!("<input autofocus onfocus=\"{m}\">"),
            format!("<form action=\"{o}/form\"><button formaction=\"{o}/formaction\">go</button></form>"),
            format!("<base href=\"{o}/base/\">"),
            format!("\"><img src=\"{o}/attribute-breakout\" onerror=\"{m}\">"),
            format!("</textarea><img src=\"{o}/textarea-breakout\" onerror=\"{m}\">"),
            format!("<math><mtext><table><mglyph><style><img src=\"{o}/mxss\" onerror=\"{m}\">"),
            format!("\u{E000}<img src=\"{o}/snippet\" onerror=\"{m}\">\u{E001}"),
            format!("{{@html '<img src=\"{o}/svelte\">'}}"),
        ]
    }

    /// A note for the test to type into the attribute editor (no private-use characters:
    /// WebDriver reads those as keys).
    pub fn typed_note(&self) -> String {
        let (o, s) = (&self.origin, self.script());
        format!(
            "typed <img src=\"{o}/typed\" onerror=\"{s}\"> <script>{MARK}</script> \
             </textarea><svg onload=\"{MARK}\"> <iframe src=\"{o}/typed-iframe\">"
        )
    }

    /// Short payloads for fields the core limits to 60 characters (tags).
    pub fn short_payloads(&self) -> Vec<String> {
        let o = &self.origin;
        vec![
            format!("<img src={o}/t onerror=__pwned=1>"),
            "<script>__pwned=1</script>".to_owned(),
            "<svg onload=__pwned=1>".to_owned(),
        ]
    }
}

/// The markers alone, for payloads that only need to prove a script ran.
const MARK: &str = "window.__pwned=1;document.title='pwned'";

/// The values stored, read back from the file: what the window must show as text.
pub struct Planted {
    pub article_id: String,
    pub title: String,
    pub outlet: String,
    pub author: String,
    pub text: String,
    pub label: String,
    pub analysts: [String; 2],
    pub speaker: String,
    pub verdict: String,
    pub note: String,
    pub tags: Vec<String>,
    pub comment: String,
    pub unit: String,
    pub claim_id: String,
}

/// A hostile article annotated by two hostile analysts, with a hostile custom label, verdict
/// scale, attributes and review comment.
pub fn plant(store: &mut Store, db: &Path, traps: &Traps) -> Planted {
    let payloads = traps.payloads();
    let line = payloads.join(" ");
    let first = store.ensure_annotator("Hostile analyst one").unwrap().id;
    let second = store.ensure_annotator("Hostile analyst two").unwrap().id;
    let article = hostile_article(store, traps);
    let verdict = format!("verdict {line}");
    let scale = vec!["true".into(), "false".into(), verdict.clone()];
    store.set_verdict_scale(scale).unwrap();
    let custom = NewLabel {
        name: "custom".into(),
        color: "#aa3366".into(),
        hotkey: None,
    };
    let label = store.create_label(custom).unwrap().id;
    let attributes = Attributes {
        speaker: Some(format!("speaker {line}")),
        verdict: Some(verdict),
        note: format!("note {SEARCH_WORD}\n{}", payloads.join("\n")),
        tags: traps.short_payloads(),
        figure: None,
    };
    let none = Attributes::default;
    let claim = tag(store, &first, &article, CLAIM, &payloads[0], attributes);
    tag(store, &second, &article, CLAIM, &payloads[0], none());
    tag(
        store,
        &first,
        &article,
        label.as_str(),
        &payloads[2],
        none(),
    );
    let figure = figure_attributes(&line);
    tag(store, &second, &article, FIGURE, "274 000 dollars", figure);
    let review = NewReview {
        annotation_id: AnnotationId::from(claim.as_str()),
        decision: Some(ReviewState::Accepted),
        comment: format!("comment {}", payloads[..4].join(" ")),
    };
    store.review_annotation(&second, review).unwrap();
    rename(db, &line, &first, &second, &label);
    read_back(db, &article.id.to_string(), &claim)
}

/// Every payload in the text (the snippet one next to the search word), the title, outlet,
/// author, date, language and URL.
fn hostile_article(store: &mut Store, traps: &Traps) -> Article {
    let payloads = traps.payloads();
    let line = payloads.join(" ");
    let text = format!(
        "Hostile report {SEARCH_WORD} {}\n\n{}\n\nThe ministry spent 274 000 dollars.\n",
        payloads[19],
        payloads.join("\n\n")
    );
    let meta = ArticleMeta {
        title: format!("title {line}"),
        outlet: Some(format!("outlet {line}")),
        author: Some(format!("author {line}")),
        published: Some(payloads[1].clone()),
        language: Some(payloads[2].clone()),
        url: Some(format!("javascript:{}", traps.script())),
    };
    store
        .create_pasted_article(PastedArticle { text, meta })
        .unwrap()
}

/// A figure whose unit and qualifier are hostile (built from JSON: the value is a decimal).
fn figure_attributes(line: &str) -> Attributes {
    let figure: Figure = serde_json::from_value(json!({
        "value": "274000", "currency": null,
        "unit": format!("unit {line}"), "qualifier": format!("qualifier {line}"),
    }))
    .unwrap();
    Attributes {
        figure: Some(figure),
        ..Attributes::default()
    }
}

/// Names longer than the core accepts, as a teammate's file may carry them.
fn rename(db: &Path, line: &str, first: &AnnotatorId, second: &AnnotatorId, label: &LabelId) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let set_name = "UPDATE annotators SET name = ?1 WHERE id = ?2";
    conn.execute(
        set_name,
        params![format!("analyst {line}"), first.to_string()],
    )
    .unwrap();
    conn.execute(
        set_name,
        params![format!("second analyst {line}"), second.to_string()],
    )
    .unwrap();
    conn.execute(
        "UPDATE labels SET name = ?1 WHERE id = ?2",
        params![format!("label {line}"), label.to_string()],
    )
    .unwrap();
}

/// Tag the first occurrence of `needle`; returns the annotation's id.
pub fn tag(
    store: &mut Store,
    who: &AnnotatorId,
    article: &Article,
    label: &str,
    needle: &str,
    attributes: Attributes,
) -> String {
    let byte = article.text.find(needle).expect("needle in the article");
    let start = article.text[..byte].chars().count() as i64;
    let new = NewAnnotation {
        article_id: article.id.clone(),
        label_id: LabelId::from(label),
        start,
        end: start + needle.chars().count() as i64,
        attributes,
    };
    store.create_annotation(who, new).unwrap().id.to_string()
}

fn read_back(db: &Path, article_id: &str, claim_id: &str) -> Planted {
    let conn = rusqlite::Connection::open(db).unwrap();
    let one = |sql: &str, id: &str| -> String {
        conn.query_row(sql, [id], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    let of_article = |c: &str| {
        one(
            &format!("SELECT {c} FROM articles WHERE id = ?1"),
            article_id,
        )
    };
    let of_claim = |c: &str| {
        one(
            &format!("SELECT {c} FROM annotations WHERE id = ?1"),
            claim_id,
        )
    };
    let analyst = |prefix: &str| one(ANALYST_BY_PREFIX, prefix);
    Planted {
        article_id: article_id.to_owned(),
        title: of_article("title"),
        outlet: of_article("outlet"),
        author: of_article("author"),
        text: of_article("text"),
        label: one("SELECT name FROM labels WHERE kind = ?1", "custom"),
        analysts: [analyst("analyst "), analyst("second analyst ")],
        speaker: of_claim("speaker"),
        verdict: of_claim("verdict"),
        note: of_claim("note"),
        tags: one(TAG_LINES, claim_id)
            .lines()
            .map(str::to_owned)
            .collect(),
        comment: one(COMMENT, claim_id),
        unit: one(UNIT, article_id),
        claim_id: claim_id.to_owned(),
    }
}

const ANALYST_BY_PREFIX: &str =
    "SELECT name FROM annotators WHERE substr(name, 1, length(?1)) = ?1";
const TAG_LINES: &str = "SELECT group_concat(tag, char(10)) FROM
    (SELECT tag FROM annotation_tags WHERE annotation_id = ?1 ORDER BY position)";
const COMMENT: &str = "SELECT comment FROM review_decisions WHERE annotation_id = ?1";
const UNIT: &str = "SELECT unit FROM annotations WHERE article_id = ?1 AND unit IS NOT NULL";

/// Everything a script could change that the tests did not: rows of articles, annotations,
/// tags, labels, analysts and review decisions, with the note of `except` (edited by the test
/// through the window) left out.
pub fn snapshot(db: &Path, except: Option<&str>) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let except = except.unwrap_or("");
    let queries = [
        "SELECT id || '|' || title || '|' || ifnull(deleted_at, 'live') FROM articles ORDER BY id",
        "SELECT id || '|' || label_id || '|' || start || '-' || \"end\" || '|' || ifnull(speaker, '')
            || '|' || ifnull(verdict, '') || '|' || CASE id WHEN ?1 THEN '(edited)' ELSE note END
            || '|' || review_state || '|' || ifnull(deleted_at, 'live') FROM annotations ORDER BY id",
        "SELECT annotation_id || '|' || tag FROM annotation_tags ORDER BY annotation_id, tag",
        "SELECT id || '|' || name || '|' || color || '|' || ifnull(retired_at, 'live') FROM labels ORDER BY id",
        "SELECT id || '|' || name FROM annotators ORDER BY id",
        "SELECT id || '|' || ifnull(decision, '') || '|' || comment FROM review_decisions ORDER BY id",
        "SELECT key || '|' || value FROM settings ORDER BY key",
    ];
    let mut rows = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(sql).unwrap();
        let wants_id = sql.contains("?1");
        let mapped = |r: &rusqlite::Row<'_>| r.get::<_, String>(0);
        let found: Vec<String> = if wants_id {
            stmt.query_map([except], mapped)
                .unwrap()
                .map(Result::unwrap)
                .collect()
        } else {
            stmt.query_map([], mapped)
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        rows.extend(found);
    }
    rows
}

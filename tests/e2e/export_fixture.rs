//! The databases the export tests start from, and what the database holds read back with plain
//! SQL, as the oracle an exported file is compared with.

use std::collections::HashMap;
use std::path::Path;

use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, PastedArticle, SourceKind};
use claimdesk_core::Store;
use serde_json::{json, Value};

use crate::harness::TestHome;

pub const CLAIM: &str = "00000000-0000-7000-8000-000000000001";
const QUOTE: &str = "00000000-0000-7000-8000-000000000002";
const FIGURE: &str = "00000000-0000-7000-8000-000000000003";
pub const HOSTILE: &str = "=HYPERLINK(\"http://x\")";
const TEXT_FR: &str = "👨‍👩‍👧 Bilan 📊\n\nLe ministre a déclaré : « Nous, les \"vrais\",\nnous payons. » \
                       RT a dépensé 274 000 dollars.\n\nUn lien =HYPERLINK(\"http://x\") circule.\n";
const TEXT_EN: &str = "🙂 A spokesman said the figures were \"made up\", and moved on.\n";

/// Tag the first occurrence of `needle`, with `attributes` given as JSON.
fn tag(
    store: &mut Store,
    who: &str,
    article: &PastedArticleId,
    label: &str,
    needle: &str,
    attributes: Value,
) {
    let byte = article.text.find(needle).expect("needle in text");
    let start = article.text[..byte].chars().count() as i64;
    let me = store.ensure_annotator(who).unwrap().id;
    let new = NewAnnotation {
        article_id: article.id.clone(),
        label_id: label.into(),
        start,
        end: start + needle.chars().count() as i64,
        attributes: serde_json::from_value::<Attributes>(attributes).unwrap(),
    };
    store.create_annotation(&me, new).unwrap();
}

struct PastedArticleId {
    id: claimdesk_core::model::ids::ArticleId,
    text: String,
}

fn paste(store: &mut Store, text: &str, title: &str, language: &str) -> PastedArticleId {
    let meta = ArticleMeta {
        title: title.into(),
        outlet: Some("Le Monde, \"édition\"".into()),
        language: Some(language.into()),
        published: Some("2024-03-01".into()),
        url: Some("https://example.org/a?x=1,2".into()),
        ..ArticleMeta::default()
    };
    let article = store
        .create_pasted_article(PastedArticle {
            text: text.into(),
            meta,
        })
        .unwrap();
    PastedArticleId {
        id: article.id,
        text: article.text,
    }
}

/// Two articles, emoji before every span: a quote with a comma, quotes and a line break, a
/// figure whose note is a spreadsheet formula, a claim over a formula in the text itself.
pub fn seed(home: &TestHome) {
    let mut store = Store::open(&home.db).unwrap();
    let fr = paste(&mut store, TEXT_FR, "@RT: dépenses", "fr");
    let en = paste(&mut store, TEXT_EN, "Figures", "en");
    let speaker = json!({ "speaker": "Le ministre", "note": "", "tags": ["a, b", "\"q\""] });
    tag(
        &mut store,
        "Ana Lytic",
        &fr,
        QUOTE,
        "Nous, les \"vrais\",\nnous payons.",
        speaker,
    );
    let figure = json!({ "figure": { "value": "274000", "currency": "USD", "unit": null, "qualifier": null },
                         "note": HOSTILE, "tags": [] });
    tag(
        &mut store,
        "Ana Lytic",
        &fr,
        FIGURE,
        "274 000 dollars",
        figure,
    );
    let claim = json!({ "verdict": "false", "note": "+1 -1 @x", "tags": ["-neg"] });
    tag(&mut store, "Boris Ng", &fr, CLAIM, HOSTILE, claim);
    let claim = json!({ "verdict": "misleading", "note": "line one\r\nline two", "tags": [] });
    tag(
        &mut store,
        "Boris Ng",
        &en,
        CLAIM,
        "the figures were \"made up\"",
        claim,
    );
}

/// What the database holds for each live annotation, by CSV column, read with plain SQL.
pub fn database_rows(db: &Path) -> HashMap<String, HashMap<&'static str, String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT n.id, a.id, a.title, a.outlet, a.language, l.name, n.exact, n.start, n.\"end\",
                    coalesce(n.speaker, ''), coalesce(n.figure_value, ''), coalesce(n.currency, ''),
                    coalesce(n.verdict, ''), n.note, p.name,
                    (SELECT coalesce(group_concat(tag, '; '), '') FROM
                        (SELECT tag FROM annotation_tags t WHERE t.annotation_id = n.id ORDER BY position))
             FROM annotations n JOIN articles a ON a.id = n.article_id JOIN labels l ON l.id = n.label_id
             JOIN annotators p ON p.id = n.annotator_id WHERE n.deleted_at IS NULL",
        )
        .unwrap();
    let columns = [
        "annotation_id",
        "article_id",
        "title",
        "outlet",
        "language",
        "label",
        "exact",
        "start",
        "end",
        "speaker",
        "value",
        "currency",
        "verdict",
        "note",
        "annotator",
        "tags",
    ];
    let rows = stmt
        .query_map([], |r| {
            let mut row = HashMap::new();
            for (i, name) in columns.iter().enumerate() {
                let value: rusqlite::types::Value = r.get(i)?;
                let text = match value {
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    _ => String::new(),
                };
                row.insert(*name, text);
            }
            Ok(row)
        })
        .unwrap();
    rows.map(|r| r.unwrap())
        .map(|r| (r["annotation_id"].clone(), r))
        .collect()
}

/// `articles` articles with `per_article` claims each, tagged through the core; then each
/// annotation copied `copies` times with plain SQL (ids with a suffix), so that the export runs
/// for seconds without minutes of seeding. The search index does not know the copies, which
/// the export does not read.
pub fn seed_many(home: &TestHome, articles: usize, per_article: usize, copies: usize) {
    tagged_articles(&home.db, "Ana Lytic", articles, per_article);
    let conn = rusqlite::Connection::open(&home.db).unwrap();
    conn.execute(
        "WITH RECURSIVE copy(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM copy WHERE k < ?1)
         INSERT INTO annotations (id, article_id, label_id, start, \"end\", exact, prefix, suffix,
                                  note, annotator_id, created_at, updated_at)
         SELECT n.id || '-' || k, article_id, label_id, start, \"end\", exact, prefix, suffix,
                note, annotator_id, created_at, updated_at
         FROM annotations n, copy",
        [copies as i64],
    )
    .unwrap();
}

/// `articles` articles in the file at `db`, each tagged `per_article` times by `analyst`, in one
/// batch.
pub fn tagged_articles(db: &Path, analyst: &str, articles: usize, per_article: usize) {
    let mut store = Store::open(db).unwrap();
    let me = store.ensure_annotator(analyst).unwrap().id;
    let text = "😀 word ".repeat(per_article);
    store
        .batch(|batch| {
            for n in 0..articles {
                let article = batch.create_article(NewArticle {
                    meta: ArticleMeta {
                        title: format!("Article {n}"),
                        ..ArticleMeta::default()
                    },
                    source_kind: SourceKind::Paste,
                    source_name: None,
                    original: Vec::new(),
                    text: format!("{n} {text}"),
                })?;
                let skip = n.to_string().chars().count() as i64 + 1;
                for k in 0..per_article as i64 {
                    let start = skip + k * 7 + 2;
                    let new = NewAnnotation {
                        article_id: article.id.clone(),
                        label_id: CLAIM.into(),
                        start,
                        end: start + 4,
                        attributes: Attributes {
                            note: "=1+1".into(),
                            ..Attributes::default()
                        },
                    };
                    batch.create_annotation(&me, new)?;
                }
            }
            Ok(())
        })
        .unwrap();
}

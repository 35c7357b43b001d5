//! Writes the seed corpora in `corpus/<target>/` from the core's own fixtures and API:
//! `cargo run --manifest-path src-tauri/fuzz/Cargo.toml --example make_seeds`. Seeds are kept
//! small: the fuzzer finds its way from a few good examples, and git keeps every byte.

use std::path::{Path, PathBuf};

use claimdesk_core::db::migrations::{migration_names, APPLICATION_ID};
use claimdesk_core::db::queries::articles::text_sha256;
use claimdesk_core::model::ids::AnnotatorId;
use claimdesk_core::model::{ArticleMeta, Attributes, Figure, NewAnnotation, PastedArticle};
use claimdesk_core::Store;

/// Pages from the importer's fixtures that are small and cover charsets and hostile markup.
const HTML_FIXTURES: [&str; 5] = [
    "hostile_page.html",
    "fr_windows1252.html",
    "en_utf16le_bom.html",
    "ru_koi8r.html",
    "en_daily_ledger.html",
];
/// Languages in the order of `LANGUAGES` in `fuzz_targets/figure_parser.rs` (first byte).
const FIGURE_LANGUAGES: [&str; 6] = ["", "en", "fr", "de", "es", "ru"];
const ARTICLE: &str = "Le ministère a dépensé « près de 1,9 million d'euros », selon Mme Roy.\n\
                       Plus de 500 comptes 🤖 ont relayé le message.";

fn main() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = fuzz.join("../core/tests/fixtures");
    html_seeds(&fixtures.join("html"), &fuzz.join("corpus/html_import"));
    figure_seeds(
        &fixtures.join("figures.tsv"),
        &fuzz.join("corpus/figure_parser"),
    );
    database_seeds(&fuzz.join("corpus/untrusted_db"));
}

fn html_seeds(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in HTML_FIXTURES {
        std::fs::copy(from.join(name), to.join(name)).unwrap();
    }
}

/// One seed per phrase of the table: the language byte, a selection of the whole phrase, the
/// phrase.
fn figure_seeds(table: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let text = std::fs::read_to_string(table).unwrap();
    let rows = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("language\t"));
    for (i, line) in rows.enumerate() {
        let mut fields = line.split('\t');
        let (language, phrase) = (fields.next().unwrap(), fields.next().unwrap());
        let Some(lang) = FIGURE_LANGUAGES.iter().position(|l| *l == language) else {
            continue;
        };
        let mut seed = vec![lang as u8, 0, 255];
        seed.extend_from_slice(format!("Selon le rapport, {phrase}.").as_bytes());
        std::fs::write(to.join(format!("phrase_{i:03}")), seed).unwrap();
    }
}

/// A current database with an article, two annotations and a review, and one from schema
/// version 5 (what a merge migrates through a copy), both compacted to 512-byte pages.
fn database_seeds(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let current = to.join("current.sqlite");
    let _ = std::fs::remove_file(&current);
    let mut store = Store::open(&current).unwrap();
    let analyst = store.ensure_annotator("Ana, \"the\" analyst").unwrap().id;
    let pasted = PastedArticle {
        text: ARTICLE.into(),
        meta: ArticleMeta {
            title: "=Dépenses".into(),
            language: Some("fr".into()),
            ..ArticleMeta::default()
        },
    };
    let article = store.create_pasted_article(pasted).unwrap();
    annotate(&mut store, &analyst, &article.id);
    drop(store);
    compact(&current);
    older_database(&to.join("version5.sqlite"));
    for path in [current, to.join("version5.sqlite")] {
        Store::open_untrusted(&path).unwrap();
    }
}

fn annotate(
    store: &mut Store,
    analyst: &AnnotatorId,
    article: &claimdesk_core::model::ids::ArticleId,
) {
    let labels = store.list_labels().unwrap();
    let figure = labels
        .iter()
        .find(|l| l.name == "figure")
        .unwrap()
        .id
        .clone();
    let quote = labels
        .iter()
        .find(|l| l.name == "quote")
        .unwrap()
        .id
        .clone();
    let attributes = Attributes {
        figure: Some(Figure {
            value: "1900000".parse().unwrap(),
            currency: Some("EUR".into()),
            unit: None,
            qualifier: Some("nearly".into()),
        }),
        tags: vec!["ads".into(), "+1".into()],
        ..Attributes::default()
    };
    let spans = [
        (figure, "près de 1,9 million d'euros", attributes),
        (
            quote,
            "« près de 1,9 million d'euros »",
            Attributes::default(),
        ),
    ];
    for (label_id, quoted, attributes) in spans {
        let start = ARTICLE[..ARTICLE.find(quoted).unwrap()].chars().count() as i64;
        let new = NewAnnotation {
            article_id: article.clone(),
            label_id,
            start,
            end: start + quoted.chars().count() as i64,
            attributes,
        };
        store.create_annotation(analyst, new).unwrap();
    }
}

/// Rewrite the file with small pages and a rollback journal: a tenth of the size, same content.
fn compact(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;")
        .unwrap();
}

/// The schema of the first five migrations, one article, and that version in the header.
fn older_database(path: &PathBuf) {
    let _ = std::fs::remove_file(path);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/migrations");
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA page_size = 512;").unwrap();
    for name in migration_names().take(5) {
        conn.execute_batch(&std::fs::read_to_string(dir.join(name)).unwrap())
            .unwrap();
    }
    conn.execute(
        "INSERT INTO articles (id, title, captured_at, source_kind, original_bytes, text,
                               text_sha256, char_count)
         VALUES ('0190f000-0000-7000-8000-000000000001', 'Old', '2026-01-02T00:00:00.000Z',
                 'paste', x'', ?1, ?2, ?3)",
        rusqlite::params![
            ARTICLE,
            text_sha256(ARTICLE),
            ARTICLE.chars().count() as i64
        ],
    )
    .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA user_version = 5; PRAGMA application_id = {APPLICATION_ID}; VACUUM;"
    ))
    .unwrap();
}

//! HTML pages imported from the fixtures in `tests/fixtures/html`: made-up news pages in English,
//! French and Russian with their furniture (cookie banners, navigation, share bars, comment
//! sections, "most read" lists, embedded posts), legacy charsets, UTF-16, and a hostile page.
//! Each `NAME.html` has the expected text in `NAME.txt` and metadata in `NAME.json`.

use std::path::{Path, PathBuf};

use claimdesk_core::import::{import_file, ImportOptions, ImportOutcome};
use claimdesk_core::model::{Article, SourceKind};
use claimdesk_core::Store;
use serde::Deserialize;

use crate::support::temp_store;

#[derive(Debug, Deserialize, PartialEq)]
struct ExpectedMeta {
    title: String,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<String>,
    url: Option<String>,
    language: Option<String>,
    encoding: String,
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn import_page(store: &mut Store, path: &Path, options: &ImportOptions) -> Article {
    match import_file(store, path, options).unwrap() {
        ImportOutcome::Imported { article_id, .. } => store.get_article(&article_id).unwrap(),
        other => panic!("{} was not imported: {other:?}", path.display()),
    }
}

fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_fixture_page_gives_its_expected_text_and_metadata() {
    let (_dir, mut store) = temp_store();
    let pages = pages();
    assert!(pages.len() >= 7, "fixtures missing: {pages:?}");
    for page in pages {
        let article = import_page(&mut store, &page, &ImportOptions::default());
        let expected_text = std::fs::read_to_string(page.with_extension("txt")).unwrap();
        assert_eq!(
            article.text,
            expected_text.trim_end_matches('\n'),
            "{}",
            page.display()
        );
        let expected: ExpectedMeta =
            serde_json::from_str(&std::fs::read_to_string(page.with_extension("json")).unwrap())
                .unwrap();
        let source = store.get_article_source(&article.id).unwrap().unwrap();
        let actual = ExpectedMeta {
            title: article.meta.title.clone(),
            outlet: article.meta.outlet.clone(),
            author: article.meta.author.clone(),
            published: article.meta.published.clone(),
            url: article.meta.url.clone(),
            language: article.meta.language.clone(),
            encoding: source.encoding,
        };
        assert_eq!(actual, expected, "{}", page.display());
        assert_eq!(article.source_kind, SourceKind::Html);
        assert_eq!(
            store.get_article_original(&article.id).unwrap(),
            std::fs::read(&page).unwrap(),
            "original bytes of {}",
            page.display()
        );
    }
}

#[test]
fn hostile_page_keeps_only_the_visible_article_text() {
    let (_dir, mut store) = temp_store();
    let article = import_page(
        &mut store,
        &fixture("hostile_page.html"),
        &ImportOptions::default(),
    );
    for leaked in [
        "alert('",
        "tracker",
        "javascript",
        "Injected",
        "Template",
        "SVG",
        "Foreign",
        "Iframe",
        "Srcdoc",
        "fallback",
        "Picture alt",
        "Form",
        "Math",
        "Hidden",
        "Commented",
        "cdata",
        "enable JavaScript",
        "onerror",
    ] {
        assert!(
            !article.text.contains(leaked),
            "{leaked} leaked into the text:\n{}",
            article.text
        );
    }
    assert_eq!(
        article.meta.url, None,
        "a javascript: canonical is not a URL"
    );
}

#[test]
fn an_analysts_encoding_overrides_the_pages_declaration() {
    let (dir, mut store) = temp_store();
    let page = dir.path().join("mislabelled.html");
    let body = "<meta charset=utf-8><p>Кремль</p>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(body);
    std::fs::write(&page, &bytes).unwrap();
    let err = import_file(&mut store, &page, &ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("mislabelled.html is not valid UTF-8"),
        "{err}"
    );
    let options = ImportOptions {
        encoding: Some("windows-1251".into()),
        ..ImportOptions::default()
    };
    assert_eq!(import_page(&mut store, &page, &options).text, "Кремль");
}

#[test]
fn invalid_bytes_are_refused_with_their_offset_or_imported_lossy_and_flagged() {
    let (dir, mut store) = temp_store();
    let page = dir.path().join("broken.html");
    std::fs::write(&page, b"<p>caf\xC3\xA9 \xFF ok</p>").unwrap();
    let err = import_file(&mut store, &page, &ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("broken.html") && err.to_string().contains("offset 9"),
        "{err}"
    );
    let lossy = ImportOptions {
        lossy: true,
        ..ImportOptions::default()
    };
    let article = import_page(&mut store, &page, &lossy);
    assert_eq!(article.text, "café \u{FFFD} ok");
    let source = store.get_article_source(&article.id).unwrap().unwrap();
    assert!(source.lossy);
    assert_eq!(
        (source.replacements, source.first_invalid_byte),
        (1, Some(9))
    );
}

#[test]
fn the_same_page_imported_twice_is_a_duplicate() {
    let (_dir, mut store) = temp_store();
    let page = fixture("en_daily_ledger.html");
    let first = import_page(&mut store, &page, &ImportOptions::default());
    let again = import_file(&mut store, &page, &ImportOptions::default()).unwrap();
    assert_eq!(again, ImportOutcome::Duplicate { existing: first.id });
    assert_eq!(store.list_articles().unwrap().len(), 1);
}

#[test]
fn pages_beyond_the_limits_are_refused_with_the_reason() {
    let (dir, mut store) = temp_store();
    let deep = dir.path().join("deep.html");
    std::fs::write(&deep, format!("<body>{}x", "<div>".repeat(100_000))).unwrap();
    let err = import_file(&mut store, &deep, &ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("deep.html nests elements more than 512 deep"),
        "{err}"
    );
    let small = ImportOptions {
        max_bytes: 1024,
        ..ImportOptions::default()
    };
    let big = fixture("en_daily_ledger.html");
    let err = import_file(&mut store, &big, &small).unwrap_err();
    assert!(
        err.to_string().contains("larger than the 1 KB limit"),
        "{err}"
    );
    let empty = dir.path().join("furniture.html");
    std::fs::write(
        &empty,
        "<nav>Home</nav><script>x()</script><footer>(c)</footer>",
    )
    .unwrap();
    let err = import_file(&mut store, &empty, &ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("holds no article text"), "{err}");
    assert!(store.list_articles().unwrap().is_empty());
}

#[test]
fn pasted_text_keeps_its_form_metadata_and_is_not_stored_twice() {
    use claimdesk_core::import::import_pasted;
    use claimdesk_core::model::provenance::SourceFormat;
    use claimdesk_core::model::{ArticleMeta, PastedArticle};
    let (_dir, mut store) = temp_store();
    let pasted = PastedArticle {
        text: "Заявление\r\nПресс-служба опровергла сообщения.".into(),
        meta: ArticleMeta {
            title: "Заявление пресс-службы".into(),
            outlet: Some("Курьер".into()),
            ..ArticleMeta::default()
        },
    };
    let ImportOutcome::Imported { article_id, title } =
        import_pasted(&mut store, pasted.clone()).unwrap()
    else {
        panic!("the paste was not stored");
    };
    assert_eq!(title, "Заявление пресс-службы");
    let source = store.get_article_source(&article_id).unwrap().unwrap();
    assert_eq!((source.format, source.lossy), (SourceFormat::Paste, false));
    assert_eq!(
        import_pasted(&mut store, pasted).unwrap(),
        ImportOutcome::Duplicate {
            existing: article_id
        }
    );
}

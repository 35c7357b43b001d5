use claimdesk_core::db::queries::articles::text_sha256;
use claimdesk_core::import::sample::sample_article;
use claimdesk_core::import::{import_text_file, ImportOutcome};
use claimdesk_core::model::{ArticleMeta, PastedArticle, SourceKind};
use claimdesk_core::Error;

use crate::support::*;

#[test]
fn pasted_text_is_stored_with_newlines_normalised_and_nothing_else() {
    let (_dir, mut store) = temp_store();
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let expected = MIXED_TEXT_CRLF.replace("\r\n", "\n");
    let stored = store.get_article(&article.id).unwrap();
    assert_eq!(stored.text, expected);
    assert_eq!(stored.text_sha256, text_sha256(&expected));
    assert_eq!(stored.char_count, expected.chars().count() as i64);
    assert_eq!(stored.source_kind, SourceKind::Paste);
    assert_eq!(
        store.get_article_original(&article.id).unwrap(),
        MIXED_TEXT_CRLF.as_bytes()
    );
}

#[test]
fn title_defaults_to_first_line_and_metadata_is_trimmed() {
    let (_dir, mut store) = temp_store();
    let article = store
        .create_pasted_article(PastedArticle {
            text: "\n  Headline here  \nBody.".into(),
            meta: ArticleMeta {
                outlet: Some("  RT ".into()),
                url: Some("   ".into()),
                ..ArticleMeta::default()
            },
        })
        .unwrap();
    assert_eq!(article.meta.title, "Headline here");
    assert_eq!(article.meta.outlet.as_deref(), Some("RT"));
    assert_eq!(article.meta.url, None);
}

#[test]
fn empty_paste_is_refused_with_a_reason() {
    let (_dir, mut store) = temp_store();
    let err = store
        .create_pasted_article(PastedArticle {
            text: " \r\n\t".into(),
            meta: ArticleMeta::default(),
        })
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("no text")),
        "{err}"
    );
    assert!(store.list_articles().unwrap().is_empty());
}

#[test]
fn articles_list_newest_first_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.sqlite");
    {
        let mut store = claimdesk_core::Store::open(&path).unwrap();
        paste(&mut store, "First article");
        paste(&mut store, "Second article");
    }
    let store = claimdesk_core::Store::open(&path).unwrap();
    let titles: Vec<String> = store
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.meta.title)
        .collect();
    assert_eq!(titles, ["Second article", "First article"]);
}

#[test]
fn importing_the_same_text_file_twice_reports_a_duplicate() {
    let (dir, mut store) = temp_store();
    let path = dir.path().join("story.txt");
    std::fs::write(&path, format!("\u{feff}{MIXED_TEXT_CRLF}")).unwrap();
    let first = import_text_file(&mut store, &path).unwrap();
    let ImportOutcome::Imported { article_id, title } = first else {
        panic!("expected an import, got {first:?}");
    };
    assert_eq!(title, "Nouvelles du jour 🇫🇷");
    let text = store.get_article(&article_id).unwrap().text;
    assert!(!text.starts_with('\u{feff}') && !text.contains('\r'));
    let again = import_text_file(&mut store, &path).unwrap();
    assert_eq!(
        again,
        ImportOutcome::Duplicate {
            existing: article_id
        }
    );
    assert_eq!(store.list_articles().unwrap().len(), 1);
}

#[test]
fn invalid_utf8_file_is_refused_naming_the_offset() {
    let (dir, mut store) = temp_store();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"caf\xe9 au lait").unwrap();
    let err = import_text_file(&mut store, &path).unwrap_err().to_string();
    assert!(
        err.contains("latin1.txt") && err.contains("offset 3"),
        "{err}"
    );
}

#[test]
fn the_sample_article_has_a_claim_a_quote_and_figures_to_tag() {
    let (_dir, mut store) = temp_store();
    let sample = store.create_pasted_article(sample_article()).unwrap();
    for phrase in [
        "274,000 dollars",
        "1,823 promoted posts",
        "600 accounts",
        "said Mara Ellison",
    ] {
        assert!(sample.text.contains(phrase), "{phrase}");
    }
    assert!(sample.meta.outlet.unwrap().contains("fictional"));
}

#[test]
fn a_failed_batch_leaves_nothing_behind() {
    use claimdesk_core::db::queries::articles::NewArticle;
    use claimdesk_core::model::SourceKind;
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let new = |text: &str| NewArticle {
        meta: ArticleMeta::default(),
        source_kind: SourceKind::Text,
        source_name: None,
        original: text.as_bytes().to_vec(),
        text: text.to_owned(),
    };
    let result = store.batch(|batch| {
        let a = batch.create_article(new("First article in the batch"))?;
        batch.create_annotation(&me, span_of(&a, CLAIM, "First"))?;
        batch.create_article(new("   "))
    });
    assert!(result.is_err());
    assert!(store.list_articles().unwrap().is_empty());
    let count = store
        .batch(|batch| {
            for i in 0..3 {
                let a = batch.create_article(new(&format!("Article {i} in a good batch")))?;
                batch.create_annotation(&me, span_of(&a, CLAIM, "good"))?;
            }
            Ok(3)
        })
        .unwrap();
    assert_eq!(store.list_articles().unwrap().len(), count);
    assert!(store.search_index_is_consistent().unwrap());
}

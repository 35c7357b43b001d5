//! Shared fixtures.

use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, PastedArticle};
use claimdesk_core::{model::ids::AnnotatorId, model::Article, Store};

/// The built-in labels' ids, the same in every file.
pub const CLAIM: &str = "00000000-0000-7000-8000-000000000001";
pub const QUOTE: &str = "00000000-0000-7000-8000-000000000002";
pub const FIGURE: &str = "00000000-0000-7000-8000-000000000003";

/// A short article mixing scripts, emoji and accents, as pasted from a CRLF source.
pub const MIXED_TEXT_CRLF: &str = "Nouvelles du jour 🇫🇷\r\n\r\nRT a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde».\r\nПредставитель заявил: «это ложь». Famille 👨‍👩‍👧 et café.\r\n";

/// A store in a fresh temporary folder (kept alive by the returned guard).
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).unwrap();
    (dir, store)
}

/// Paste `text` as an article.
pub fn paste(store: &mut Store, text: &str) -> Article {
    store
        .create_pasted_article(PastedArticle {
            text: text.to_owned(),
            meta: ArticleMeta::default(),
        })
        .unwrap()
}

/// An analyst named Ana.
pub fn analyst(store: &mut Store) -> AnnotatorId {
    store.ensure_annotator("Ana").unwrap().id
}

/// Code-point offset of the first occurrence of `needle` in `text`.
pub fn cp_offset(text: &str, needle: &str) -> i64 {
    let byte = text.find(needle).unwrap();
    text[..byte].chars().count() as i64
}

/// Code-point slice, as Python's `text[start:end]` would give.
pub fn cp_slice(text: &str, start: i64, end: i64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// A new annotation with `label` on the first occurrence of `needle` in the article.
pub fn span_of(article: &Article, label: &str, needle: &str) -> NewAnnotation {
    let start = cp_offset(&article.text, needle);
    NewAnnotation {
        article_id: article.id.clone(),
        label_id: LabelId::from(label),
        start,
        end: start + needle.chars().count() as i64,
        attributes: Attributes::default(),
    }
}

/// The titles of the articles a search found, in order.
pub fn titles(results: &claimdesk_core::db::queries::search::SearchResults) -> Vec<&str> {
    results.articles.iter().map(|h| h.title.as_str()).collect()
}

#![no_main]
//! Any bytes, imported as an HTML page the way the app imports a file: the default size, nesting
//! and time limits, the page's own charset. The import either refuses the page with a reason or
//! stores an article whose text holds to the data model (newlines normalised, hash and length
//! matching, original bytes kept) and comes out the same when the page is read again. For pages
//! that are UTF-8, the parser's own tree is the oracle for where the text may come from: never
//! from inside a script, style, hidden or other element the importer documents as never text.

use std::collections::HashSet;
use std::path::Path;

use claimdesk_core::db::queries::articles::text_sha256;
use claimdesk_core::import::{import_file, ImportOptions, ImportOutcome};
use claimdesk_core::{Error, Store};
use claimdesk_fuzz::fresh_file;
use libfuzzer_sys::fuzz_target;
use scraper::node::Element;
use scraper::{Html, Node};

/// The elements `import/html/furniture.rs` documents as never article text, wherever they are.
const NEVER_TEXT: [&str; 27] = [
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "svg", "math",
    "object", "embed", "canvas", "video", "audio", "map", "nav", "aside", "form", "button",
    "select", "textarea", "input", "dialog", "footer", "head", "title", "menu",
];

/// ARIA roles the importer treats as page furniture.
const FURNITURE_ROLES: [&str; 8] = [
    "navigation",
    "banner",
    "complementary",
    "contentinfo",
    "search",
    "dialog",
    "alertdialog",
    "menu",
];

fuzz_target!(|bytes: &[u8]| {
    let path = fresh_file("page.html", bytes);
    import_checked(&path, bytes, &ImportOptions::default());
    // Read as UTF-8 whatever the page declares, so that the oracle parses the same text.
    if let Ok(page) = std::str::from_utf8(bytes) {
        let options = ImportOptions {
            encoding: Some("utf-8".into()),
            ..ImportOptions::default()
        };
        if let Some(text) = import_checked(&path, bytes, &options) {
            assert_text_is_visible(page, &text);
        }
    }
});

/// Import `path` into a fresh store and check the stored article; `None` when it was refused.
fn import_checked(path: &Path, bytes: &[u8], options: &ImportOptions) -> Option<String> {
    let mut store = Store::open_in_memory().expect("an in-memory store");
    let id = match import_file(&mut store, path, options) {
        Ok(ImportOutcome::Imported { article_id, .. }) => article_id,
        Ok(other) => panic!("an empty store reported {other:?}"),
        // Refusals (not decodable, a binary file, too deep, too slow, no text) are expected.
        Err(Error::InvalidInput(_)) => return None,
        Err(err) => panic!("the import failed with something other than a refusal: {err:?}"),
    };
    let article = store.get_article(&id).expect("the imported article");
    let text = &article.text;
    assert!(
        !text.trim().is_empty(),
        "an article without text was stored"
    );
    assert!(
        !text.contains('\r'),
        "line endings were not normalised: {text:?}"
    );
    assert_eq!(article.text_sha256, text_sha256(text));
    assert_eq!(article.char_count, text.chars().count() as i64);
    let original = store.get_article_original(&id).expect("the original bytes");
    assert!(
        original == bytes,
        "the original bytes were not kept as read"
    );
    // The same page read again gives the same text, found as a duplicate of this article.
    match import_file(&mut store, path, options) {
        Ok(ImportOutcome::Duplicate { existing }) => assert_eq!(existing, id),
        other => panic!("reading the same page again gave {other:?}"),
    }
    Some(article.text)
}

/// Whether the importer documents `element`'s content as never article text, whatever the
/// class names say: by its tag, its furniture role, or its `hidden` or `aria-hidden` attribute.
/// `<html>` itself is left out: when nothing else can hold the article the importer reads the
/// whole document, attributes or not.
fn is_never_text(element: &Element) -> bool {
    if element.name() == "html" {
        return false;
    }
    let role = element.attr("role").map(|r| r.trim().to_ascii_lowercase());
    NEVER_TEXT.contains(&element.name())
        || role.is_some_and(|r| FURNITURE_ROLES.contains(&r.as_str()))
        || element.attr("hidden").is_some()
        || element.attr("aria-hidden").map(str::trim) == Some("true")
}

/// Every character of the article text, except the spaces and newlines that layout adds, occurs
/// in a text node of the page that is not inside a never-text element. A character found only
/// inside a script (or style, form, navigation...) reached the article from there.
fn assert_text_is_visible(page: &str, text: &str) {
    let page = page.strip_prefix('\u{feff}').unwrap_or(page);
    let html = Html::parse_document(page);
    let mut visible: HashSet<char> = HashSet::new();
    for node in html.tree.nodes() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| match a.value() {
            Node::Element(e) => is_never_text(e),
            _ => false,
        });
        if !hidden {
            visible.extend(t.chars());
        }
    }
    for c in text.chars() {
        assert!(
            matches!(c, ' ' | '\n') || visible.contains(&c),
            "{c:?} in the article text occurs only inside never-text elements\ntext: {text:?}"
        );
    }
}

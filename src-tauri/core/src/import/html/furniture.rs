//! Telling an article from the page around it (the article's root is found in [`super::root`]).
//! Inside the root, page furniture is dropped: elements that never show article text (scripts, styles, forms,
//! embedded frames, SVG), navigation, asides and footers, hidden elements, and elements whose
//! class or id names a cookie banner, comment section, "most read" list, share bar, newsletter
//! box and the like. These are heuristics; the fixtures in `tests/fixtures/html` pin them.

use scraper::node::Element;

/// Elements whose content is never article text, wherever they are.
const NEVER_TEXT: [&str; 27] = [
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "svg", "math",
    "object", "embed", "canvas", "video", "audio", "map", "nav", "aside", "form", "button",
    "select", "textarea", "input", "dialog", "footer", "head", "title", "menu",
];
/// ARIA roles of page furniture.
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
/// Class or id words (split on `-`, `_`, spaces) that mark furniture.
const FURNITURE_WORDS: [&str; 39] = [
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "footer",
    "gdpr",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "overlay",
    "paywall",
    "popular",
    "popup",
    "promo",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "trending",
];
/// Class or id words that mark the site's banner outside an article, and the article's own
/// headline block inside one ("article-header").
const BANNER_WORDS: [&str; 3] = ["header", "masthead", "topbar"];
/// Furniture names written as one word or across separators ("most-read", "mostRead").
const FURNITURE_COMPOUNDS: [&str; 10] = [
    "mostread",
    "mostpopular",
    "mostviewed",
    "mostshared",
    "readmore",
    "readalso",
    "alsoread",
    "seealso",
    "morestories",
    "commentssection",
];

/// How strictly furniture is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassRules {
    /// Tags, roles, hidden attributes, and class or id names.
    Apply,
    /// Tags, roles and hidden attributes only: the fallback when class names emptied the article.
    Ignore,
}

/// Whether `element` and everything in it is left out of the article text. `in_article` says
/// whether it lies inside an `<article>` or `<main>`: there a `<header>` holds the headline and
/// byline, elsewhere it is the site's banner.
pub fn is_furniture(element: &Element, in_article: bool, rules: ClassRules) -> bool {
    let name = element.name();
    if NEVER_TEXT.contains(&name) || (name == "header" && !in_article) {
        return true;
    }
    if is_hidden(element) {
        return true;
    }
    if let Some(role) = element.attr("role") {
        if FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    // Embedded posts arrive as blockquotes whose classes name the network ("social-embed").
    rules == ClassRules::Apply && name != "blockquote" && has_furniture_name(element, in_article)
}

/// Hidden by attribute or inline style: not visible, so not article text.
fn is_hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    if element.attr("aria-hidden").map(str::trim) == Some("true") {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

fn has_furniture_name(element: &Element, in_article: bool) -> bool {
    [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
        .any(|value| names_furniture(value, in_article))
}

/// Whether a class or id value names furniture.
fn names_furniture(value: &str, in_article: bool) -> bool {
    let lower = value.to_lowercase();
    let mut compact = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if FURNITURE_WORDS.contains(&word) || (!in_article && BANNER_WORDS.contains(&word)) {
            return true;
        }
        compact.push_str(word);
    }
    FURNITURE_COMPOUNDS.iter().any(|c| compact.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_names_match_words_not_fragments() {
        for furniture in [
            "cookie-banner",
            "comments-section",
            "js-share-bar",
            "most-read",
            "mostRead",
            "block block--newsletter",
            "ad",
            "taboola-feed",
        ] {
            assert!(names_furniture(furniture, true), "{furniture}");
        }
        for article in [
            "article-body",
            "commentary",
            "byline",
            "headline",
            "adjacent",
            "loading",
        ] {
            assert!(!names_furniture(article, true), "{article}");
        }
        assert!(names_furniture("site-header", false));
        assert!(!names_furniture("article-header", true));
    }
}

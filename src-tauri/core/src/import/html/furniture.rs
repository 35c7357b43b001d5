//! Telling an article from the page around it. The article's root is the `<article>` holding most
//! of the page's paragraph text, else `[itemprop=articleBody]`, `<main>`, `<body>`. Inside it,
//! page furniture is dropped: elements that never show article text (scripts, styles, forms,
//! embedded frames, SVG), navigation, asides and footers, hidden elements, and elements whose
//! class or id names a cookie banner, comment section, "most read" list, share bar, newsletter
//! box and the like. These are heuristics; the fixtures in `tests/fixtures/html` pin them.

use scraper::node::Element;
use scraper::{ElementRef, Html};

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

/// The element whose text is the article.
pub fn content_root(html: &Html) -> ElementRef<'_> {
    let body_text = paragraph_chars(html.root_element());
    let best_article = html
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "article" && can_hold_article(*e))
        .map(|e| (paragraph_chars(e), e))
        .max_by_key(|(chars, _)| *chars);
    // A teaser `<article>` in a list must not stand for a page whose story is elsewhere.
    if let Some((chars, article)) = best_article {
        if chars > 0 && chars * 3 >= body_text {
            return article;
        }
    }
    let first = |pred: &dyn Fn(&Element) -> bool| {
        html.root_element()
            .descendent_elements()
            .find(|e| pred(e.value()) && can_hold_article(*e))
    };
    first(&|e| has_word(e.attr("itemprop"), "articlebody"))
        .or_else(|| first(&|e| e.name() == "main" || e.attr("role") == Some("main")))
        .or_else(|| first(&|e| e.name() == "body"))
        .unwrap_or_else(|| html.root_element())
}

/// Whether `element` may be the article's root: neither it nor an ancestor is furniture. A root
/// is read whole, so a `<script itemprop=articleBody>` or a hidden `<main>` would otherwise give
/// its contents as the article. Class names are not held against the root itself (an
/// "article-body share-enabled" wrapper is still the article); its tag, role and visibility are.
fn can_hold_article(element: ElementRef<'_>) -> bool {
    !is_furniture(element.value(), true, ClassRules::Ignore) && !inside_furniture(element)
}

/// Whether an ancestor of `element` is furniture (a teaser in a "related" box, for one).
fn inside_furniture(element: ElementRef<'_>) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_furniture(a.value(), true, ClassRules::Apply))
}

/// Characters of paragraph text under `element`, outside furniture.
fn paragraph_chars(element: ElementRef<'_>) -> usize {
    element
        .descendent_elements()
        .filter(|e| e.value().name() == "p" && !inside_furniture(*e))
        .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
        .sum()
}

fn has_word(value: Option<&str>, word: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)))
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

    #[test]
    fn the_article_with_most_paragraph_text_is_the_root() {
        let page = Html::parse_document(
            "<body><aside class=related><article><p>Teaser teaser teaser teaser</p></article></aside>\
             <article id=story><h1>Story</h1><p>The real story text.</p></article></body>",
        );
        assert_eq!(content_root(&page).value().id(), Some("story"));
    }

    #[test]
    fn a_script_nav_or_hidden_element_is_never_the_root() {
        // Found by the html_import fuzz target: the script's source became the article text.
        for page in [
            "<body id=b><p>Text.</p><script itemprop=articleBody>var x;</script></body>",
            "<body id=b><p>Text.</p><nav role=main>Home</nav></body>",
            "<body id=b><p>Text.</p><main hidden><p>Draft.</p></main></body>",
        ] {
            let page = Html::parse_document(page);
            assert_eq!(content_root(&page).value().id(), Some("b"));
        }
    }

    #[test]
    fn a_teaser_article_does_not_stand_for_the_page() {
        let page = Html::parse_document(
            "<body><main id=m><p>A long story told in paragraphs, the bulk of the page text.</p>\
             <p>More of it.</p><article><p>Teaser</p></article></main></body>",
        );
        assert_eq!(content_root(&page).value().id(), Some("m"));
    }
}

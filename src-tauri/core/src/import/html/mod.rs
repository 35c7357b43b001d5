//! HTML pages to article text and metadata, in Rust, with html5ever: the page is parsed into a
//! tree and only text and metadata are read from it. Nothing in the page runs or loads (no
//! scripts, styles, images, frames, refreshes); URLs are kept as metadata only when they are
//! http or https. The text is what a reader sees of the article itself, without the page
//! furniture around it (see [`furniture`] for how that is told apart).

mod furniture;
mod json_ld;
mod metadata;
mod parse;
mod text;

use std::time::Instant;

use scraper::{ElementRef, Html};

use crate::model::ArticleMeta;
use furniture::ClassRules;
pub use parse::ParseRefusal;

/// An article read from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageArticle {
    /// The article's visible text.
    pub text: String,
    /// What the page says about itself.
    pub meta: ArticleMeta,
}

/// Parse a decoded page and read its article, within a nesting limit and a deadline.
pub fn read_page(
    page: &str,
    max_depth: u32,
    deadline: Instant,
) -> Result<PageArticle, ParseRefusal> {
    let html = parse::parse_document(page, max_depth, deadline)?;
    Ok(extract(&html))
}

/// The article text and metadata of a parsed page.
fn extract(html: &Html) -> PageArticle {
    let root = furniture::content_root(html);
    let mut body = text::visible_text(root, ClassRules::Apply);
    if body.is_empty() {
        // A class name can mislead (a wrapper called "has-comments"); some text beats none.
        body = text::visible_text(root, ClassRules::Ignore);
    }
    let text = match headline_outside(html, root) {
        Some(headline) if !body.starts_with(&headline) => format!("{headline}\n\n{body}"),
        _ => body,
    };
    PageArticle {
        text,
        meta: metadata::page_metadata(html),
    }
}

/// The page's `<h1>` when the article root (an `articleBody`, say) leaves it out: the headline
/// is part of what was published.
fn headline_outside(html: &Html, root: ElementRef<'_>) -> Option<String> {
    if matches!(root.value().name(), "body" | "html")
        || root.descendent_elements().any(|e| e.value().name() == "h1")
    {
        return None;
    }
    let h1 = html.root_element().descendent_elements().find(|e| {
        e.value().name() == "h1"
            && !furniture::is_furniture(e.value(), true, ClassRules::Ignore)
            && !e
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| furniture::is_furniture(a.value(), true, ClassRules::Apply))
    })?;
    let headline = text::visible_text(h1, ClassRules::Apply);
    (!headline.is_empty()).then_some(headline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn read(page: &str) -> PageArticle {
        read_page(page, 512, Instant::now() + Duration::from_secs(30)).unwrap()
    }

    #[test]
    fn an_article_body_gets_the_headline_above_it() {
        let page = read(
            "<body><nav>Home</nav><h1>Big news</h1><div itemprop=articleBody><p>Body.</p></div>\
             <footer>(c)</footer></body>",
        );
        assert_eq!(page.text, "Big news\n\nBody.");
        assert_eq!(page.meta.title, "Big news");
    }

    #[test]
    fn a_hidden_headline_is_not_added() {
        let page = read("<body><h1 hidden>Draft title</h1><main><p>Body.</p></main></body>");
        assert_eq!(page.text, "Body.");
    }

    #[test]
    fn a_misleading_wrapper_class_does_not_empty_the_article() {
        let page = read("<body><div class='post has-comments'><p>Only text.</p></div></body>");
        assert_eq!(page.text, "Only text.");
    }
}

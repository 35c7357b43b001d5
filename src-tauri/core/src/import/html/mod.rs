//! HTML pages to article text and metadata, in Rust, with html5ever: the page is parsed into a
//! tree and only text and metadata are read from it. Nothing in the page runs or loads (no
//! scripts, styles, images, frames, refreshes); URLs are kept as metadata only when they are
//! http or https. The text is what a reader sees of the article itself, without the page
//! furniture around it (see [`furniture`] for how that is told apart).
//!
//! A page is hostile until read: parsing is held to a nesting depth and a node count (so the
//! tree, and memory, stay bounded), and every pass after it (finding the article, laying out its
//! text, reading metadata) visits each node a bounded number of times, all under ONE deadline
//! shared from the first byte decoded to the last character laid out.

mod deadline;
mod furniture;
mod json_ld;
mod metadata;
mod parse;
mod root;
mod sink;
mod text;

use scraper::{ElementRef, Html};

use crate::model::ArticleMeta;
pub use deadline::Deadline;
use furniture::ClassRules;
pub use parse::{ParseRefusal, MAX_NODES};

/// An article read from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageArticle {
    /// The article's visible text.
    pub text: String,
    /// What the page says about itself.
    pub meta: ArticleMeta,
}

/// Parse a decoded page and read its article, within a nesting limit and the deadline.
pub fn read_page(
    page: &str,
    max_depth: u32,
    deadline: &mut Deadline,
) -> Result<PageArticle, ParseRefusal> {
    let html = parse::parse_document(page, max_depth, deadline)?;
    extract(&html, deadline)
}

/// The article text and metadata of a parsed page.
fn extract(html: &Html, deadline: &mut Deadline) -> Result<PageArticle, ParseRefusal> {
    let landmarks = root::find_landmarks(html, deadline)?;
    let root = landmarks.root;
    let mut body = text::visible_text(root, ClassRules::Apply, deadline)?;
    if body.is_empty() {
        // A class name can mislead (a wrapper called "has-comments"); some text beats none.
        body = text::visible_text(root, ClassRules::Ignore, deadline)?;
    }
    let text = match headline_outside(root, landmarks.headline, deadline)? {
        Some(headline) if !body.starts_with(&headline) => format!("{headline}\n\n{body}"),
        _ => body,
    };
    Ok(PageArticle {
        text,
        meta: metadata::page_metadata(html, deadline)?,
    })
}

/// The page's first `<h1>` outside furniture when the article root (an `articleBody`, say)
/// has no `<h1>` of its own: the headline is part of what was published.
fn headline_outside(
    root: ElementRef<'_>,
    headline: Option<ElementRef<'_>>,
    deadline: &mut Deadline,
) -> Result<Option<String>, ParseRefusal> {
    if matches!(root.value().name(), "body" | "html") {
        return Ok(None);
    }
    for element in root.descendent_elements() {
        deadline.tick()?;
        if element.value().name() == "h1" {
            return Ok(None);
        }
    }
    let Some(h1) = headline else {
        return Ok(None);
    };
    let headline = text::visible_text(h1, ClassRules::Apply, deadline)?;
    Ok((!headline.is_empty()).then_some(headline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn read(page: &str) -> PageArticle {
        let mut deadline = Deadline::new(Instant::now() + Duration::from_secs(30));
        read_page(page, 512, &mut deadline).unwrap()
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

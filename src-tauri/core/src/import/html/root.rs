//! Finding the article in the page: its root is the `<article>` holding most of the page's
//! paragraph text, else `[itemprop=articleBody]`, `<main>`, `<body>`; its headline is the first
//! `<h1>` outside furniture. Paragraph text is the text inside a `<p>` with no furniture around
//! it (see [`super::furniture`]).
//!
//! All of this comes from ONE walk over the tree, in time linear in the page: each element is
//! judged furniture once, on the way in, and a count of open furniture elements says whether a
//! node lies inside furniture; each `<article>`'s paragraph text is summed on the way out, from
//! its children's sums. (Asking each paragraph about its ancestors, and each article about its
//! paragraphs, was quadratic: a page of nested articles or of paragraphs under a long class
//! attribute took minutes.)

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::deadline::Deadline;
use super::furniture::{is_furniture, ClassRules};
use super::parse::ParseRefusal;

/// Where the article is in a page.
#[derive(Debug, Clone, Copy)]
pub struct Landmarks<'a> {
    /// The element whose text is the article.
    pub root: ElementRef<'a>,
    /// The first `<h1>` that is neither furniture nor inside furniture.
    pub headline: Option<ElementRef<'a>>,
}

/// Find the article's root and headline in one walk, within the deadline.
pub fn find_landmarks<'a>(
    html: &'a Html,
    deadline: &mut Deadline,
) -> Result<Landmarks<'a>, ParseRefusal> {
    let top = html.root_element();
    let mut walk = Walk::default();
    walk.run(top, deadline)?;
    let best_article = walk
        .best_article
        .filter(|best| best.chars > 0 && best.chars * 3 >= walk.total_chars)
        .map(|best| best.element);
    // A teaser `<article>` in a list must not stand for a page whose story is elsewhere: an
    // article is the root only when it holds a third of the page's paragraph text.
    let root = best_article
        .or(walk.article_body)
        .or(walk.main)
        .or(walk.body)
        .unwrap_or(top);
    Ok(Landmarks {
        root,
        headline: walk.headline,
    })
}

/// An `<article>` that may be the root, with its paragraph text.
#[derive(Debug, Clone, Copy)]
struct Candidate<'a> {
    element: ElementRef<'a>,
    chars: usize,
    /// Its place in document order: of two articles with as much text, the later wins.
    order: usize,
}

/// An element open during the walk.
struct Frame<'a> {
    element: ElementRef<'a>,
    /// Paragraph characters under it so far.
    chars: usize,
    furniture: bool,
    paragraph: bool,
    /// Its document order, if it is an article that may be the root.
    article: Option<usize>,
}

/// What the walk has found so far.
#[derive(Default)]
struct Walk<'a> {
    best_article: Option<Candidate<'a>>,
    article_body: Option<ElementRef<'a>>,
    main: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
    headline: Option<ElementRef<'a>>,
    total_chars: usize,
    open: Vec<Frame<'a>>,
    /// Open elements that are furniture: above zero, everything met is inside furniture.
    in_furniture: usize,
    /// Open `<p>` elements.
    in_paragraph: usize,
    elements_seen: usize,
}

impl<'a> Walk<'a> {
    fn run(&mut self, top: ElementRef<'a>, deadline: &mut Deadline) -> Result<(), ParseRefusal> {
        for edge in top.traverse() {
            deadline.tick()?;
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(_) => self.enter(ElementRef::wrap(node)),
                    Node::Text(text) if self.in_paragraph > 0 && self.in_furniture == 0 => {
                        if let Some(parent) = self.open.last_mut() {
                            parent.chars += text.trim().chars().count();
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) if node.value().is_element() => self.leave(),
                Edge::Close(_) => {}
            }
        }
        Ok(())
    }

    fn enter(&mut self, element: Option<ElementRef<'a>>) {
        let Some(element) = element else { return };
        let value = element.value();
        let name = value.name();
        let strict = is_furniture(value, true, ClassRules::Ignore);
        let furniture = strict || is_furniture(value, true, ClassRules::Apply);
        // A root is read whole, so neither it nor an ancestor may be furniture (a
        // `<script itemprop=articleBody>` would give its source as the article). Class names
        // are not held against the root itself: "article-body share-enabled" is the article.
        let can_hold = !strict && self.in_furniture == 0;
        let order = self.elements_seen;
        self.elements_seen += 1;
        if can_hold {
            let first = |slot: &mut Option<ElementRef<'a>>, found: bool| {
                if found && slot.is_none() {
                    *slot = Some(element);
                }
            };
            first(
                &mut self.article_body,
                has_word(value.attr("itemprop"), "articlebody"),
            );
            first(
                &mut self.main,
                name == "main" || value.attr("role") == Some("main"),
            );
            first(&mut self.body, name == "body");
            first(&mut self.headline, name == "h1");
        }
        self.in_furniture += usize::from(furniture);
        self.in_paragraph += usize::from(name == "p");
        self.open.push(Frame {
            element,
            chars: 0,
            furniture,
            paragraph: name == "p",
            article: (can_hold && name == "article").then_some(order),
        });
    }

    fn leave(&mut self) {
        let Some(frame) = self.open.pop() else { return };
        self.in_furniture -= usize::from(frame.furniture);
        self.in_paragraph -= usize::from(frame.paragraph);
        if let Some(order) = frame.article {
            let better = self
                .best_article
                .is_none_or(|best| (frame.chars, order) > (best.chars, best.order));
            if better {
                self.best_article = Some(Candidate {
                    element: frame.element,
                    chars: frame.chars,
                    order,
                });
            }
        }
        match self.open.last_mut() {
            Some(parent) => parent.chars += frame.chars,
            None => self.total_chars += frame.chars,
        }
    }
}

fn has_word(value: Option<&str>, word: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn root_id(page: &str) -> Option<String> {
        let page = Html::parse_document(page);
        let mut deadline = Deadline::new(Instant::now() + Duration::from_secs(60));
        let landmarks = find_landmarks(&page, &mut deadline).unwrap();
        landmarks.root.value().id().map(str::to_owned)
    }

    #[test]
    fn the_article_with_most_paragraph_text_is_the_root() {
        let id = root_id(
            "<body><aside class=related><article><p>Teaser teaser teaser teaser</p></article></aside>\
             <article id=story><h1>Story</h1><p>The real story text.</p></article></body>",
        );
        assert_eq!(id.as_deref(), Some("story"));
    }

    #[test]
    fn a_script_nav_or_hidden_element_is_never_the_root() {
        // Found by the html_import fuzz target: the script's source became the article text.
        for page in [
            "<body id=b><p>Text.</p><script itemprop=articleBody>var x;</script></body>",
            "<body id=b><p>Text.</p><nav role=main>Home</nav></body>",
            "<body id=b><p>Text.</p><main hidden><p>Draft.</p></main></body>",
        ] {
            assert_eq!(root_id(page).as_deref(), Some("b"), "{page}");
        }
    }

    #[test]
    fn a_teaser_article_does_not_stand_for_the_page() {
        let id = root_id(
            "<body><main id=m><p>A long story told in paragraphs, the bulk of the page text.</p>\
             <p>More of it.</p><article><p>Teaser</p></article></main></body>",
        );
        assert_eq!(id.as_deref(), Some("m"));
    }

    #[test]
    fn of_nested_articles_with_the_same_text_the_innermost_is_the_root() {
        let id = root_id(
            "<body><article id=outer><article id=inner><p>Story.</p></article></article></body>",
        );
        assert_eq!(id.as_deref(), Some("inner"));
    }

    #[test]
    fn paragraphs_inside_furniture_do_not_count() {
        let id = root_id(
            "<body><main id=m><p>Short story.</p></main>\
             <div class=comments><article><p>A very long comment that goes on and on.</p></article></div></body>",
        );
        assert_eq!(id.as_deref(), Some("m"));
    }
}

//! Parsing a page with html5ever under limits. The page is fed to the parser in chunks so that the
//! time limit is checked while parsing, and every tag passes a depth guard first: html5ever's
//! scope checks walk the stack of open elements for each tag, so a page nested 100,000 deep would
//! take minutes. The guard keeps its own approximate stack of open elements (void elements and
//! elements whose end tag is implied by their next sibling are not counted) and stops feeding the
//! tree builder once it is deeper than the limit. The nodes built are counted too (see
//! [`super::sink`]) and the parser is stopped past [`MAX_NODES`], which bounds the memory a page
//! can take whatever its size. Nothing in the page runs or loads: html5ever only builds a tree.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{LocalName, TokenizerResult};
use scraper::Html;

use super::deadline::Deadline;
use super::sink::CountingSink;

/// Bytes handed to the parser between two checks of the time limit.
const CHUNK_BYTES: usize = 16 * 1024;
/// Most element and comment nodes and attributes a page may build. News pages have a few
/// thousand; a very long page a few tens of thousands. Once parsed, an element with its text
/// takes about three hundred bytes and an attribute about forty, so this keeps the tree of any
/// page under about 150 MB.
pub const MAX_NODES: usize = 500_000;

/// Elements that never have content.
const VOID: [&str; 18] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements closed by their next sibling (a new `<a>` closes the open one) or ignored outside
/// their table, so that a long run of unclosed `<p>`, `<li>` or `<a>` is not mistaken for nesting.
const SELF_LIMITING: [&str; 15] = [
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot", "head", "body",
    "a", "nobr",
];

/// Why a page could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseRefusal {
    /// Elements nested deeper than the limit.
    TooDeep,
    /// The time limit passed while reading the page.
    TooSlow,
    /// More nodes and attributes than [`MAX_NODES`].
    NodeLimit,
}

/// Parse `text` as an HTML document, refusing pages nested deeper than `max_depth`, building
/// more than [`MAX_NODES`] nodes and attributes, or still parsing at `deadline`.
pub fn parse_document(
    text: &str,
    max_depth: u32,
    deadline: &Deadline,
) -> Result<Html, ParseRefusal> {
    let created = Rc::new(Cell::new(0));
    let builder = TreeBuilder::new(
        CountingSink::new(Rc::clone(&created)),
        TreeBuilderOpts::default(),
    );
    let guard = DepthGuard::new(builder, max_depth as usize, created);
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let queue = BufferQueue::default();
    for chunk in chunks(text, CHUNK_BYTES) {
        queue.push_back(StrTendril::from_slice(chunk));
        // The tokenizer pauses at each `</script>` and `<meta charset>`; scripts never run
        // and the charset was settled before decoding, so it simply goes on.
        while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
        if let Some(refusal) = tokenizer.sink.refusal.get() {
            return Err(refusal);
        }
        deadline.check()?;
    }
    tokenizer.end();
    Ok(tokenizer.sink.inner.sink.finish())
}

/// Slices of at most about `size` bytes, cut on character boundaries.
fn chunks(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        Some(chunk)
    })
}

/// A token sink in front of the tree builder that tracks nesting depth and the nodes built.
struct DepthGuard<S> {
    inner: S,
    open: RefCell<Vec<LocalName>>,
    /// Open `<svg>` and `<math>` elements: inside them `<x/>` really closes itself.
    foreign: Cell<usize>,
    max_depth: usize,
    /// Nodes the tree builder has created so far.
    created: Rc<Cell<usize>>,
    /// Why the tree builder is no longer fed, once it is not.
    refusal: Cell<Option<ParseRefusal>>,
}

impl<S> DepthGuard<S> {
    fn new(inner: S, max_depth: usize, created: Rc<Cell<usize>>) -> Self {
        DepthGuard {
            inner,
            open: RefCell::new(Vec::new()),
            foreign: Cell::new(0),
            max_depth,
            created,
            refusal: Cell::new(None),
        }
    }

    fn track(&self, tag: &Tag) {
        let name: &str = &tag.name;
        let mut open = self.open.borrow_mut();
        match tag.kind {
            TagKind::StartTag => {
                let closes_itself = tag.self_closing && self.foreign.get() > 0;
                if closes_itself || VOID.contains(&name) || SELF_LIMITING.contains(&name) {
                    return;
                }
                if name == "svg" || name == "math" {
                    self.foreign.set(self.foreign.get() + 1);
                }
                open.push(tag.name.clone());
                if open.len() > self.max_depth {
                    self.refusal.set(Some(ParseRefusal::TooDeep));
                }
            }
            TagKind::EndTag => {
                // Like the parser's "any other end tag": close up to the nearest open one.
                if let Some(at) = open.iter().rposition(|n| *n == tag.name) {
                    let closed = open.split_off(at);
                    let foreign = closed
                        .iter()
                        .filter(|n| &***n == "svg" || &***n == "math")
                        .count();
                    self.foreign.set(self.foreign.get().saturating_sub(foreign));
                }
            }
        }
    }
}

impl<S: TokenSink> TokenSink for DepthGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if self.refusal.get().is_none() && self.created.get() > MAX_NODES {
            self.refusal.set(Some(ParseRefusal::NodeLimit));
        }
        if self.refusal.get().is_some() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            self.track(tag);
        }
        if self.refusal.get().is_some() {
            return TokenSinkResult::Continue;
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn later() -> Deadline {
        Deadline::new(Instant::now() + Duration::from_secs(60))
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let page = format!("<body>{}x", "<div>".repeat(100_000));
        let started = Instant::now();
        assert_eq!(
            parse_document(&page, 512, &later()).err(),
            Some(ParseRefusal::TooDeep)
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn long_runs_of_unclosed_paragraphs_and_items_are_not_nesting() {
        let page = format!(
            "<body>{}<ul>{}</ul>{}",
            "<p>para".repeat(5_000),
            "<li>item".repeat(5_000),
            "<br><img src=x><hr><a href=#>link".repeat(5_000)
        );
        let html = parse_document(&page, 64, &later()).unwrap();
        assert!(html.root_element().text().any(|t| t == "item"));
    }

    #[test]
    fn nesting_within_the_limit_parses() {
        let page = format!("<body>{}deep{}", "<div>".repeat(100), "</div>".repeat(100));
        let html = parse_document(&page, 512, &later()).unwrap();
        assert!(html.root_element().text().any(|t| t == "deep"));
    }

    #[test]
    fn a_passed_deadline_stops_parsing() {
        let page = "<p>x</p>".repeat(10_000);
        assert_eq!(
            parse_document(&page, 512, &Deadline::new(Instant::now())).err(),
            Some(ParseRefusal::TooSlow)
        );
    }

    #[test]
    fn formatting_elements_reopened_in_every_paragraph_are_counted() {
        // 300 formatting elements left active are re-opened in each of 10,000 short paragraphs:
        // three million elements from a 150 KB page, unless the count stops the parser.
        let open: String = (0..300).map(|i| format!("<b id={i}>")).collect();
        let page = format!("<p>{open}</p>{}", "<p>x</p>".repeat(10_000));
        assert_eq!(
            parse_document(&page, 512, &later()).err(),
            Some(ParseRefusal::NodeLimit)
        );
    }

    #[test]
    fn attributes_count_toward_the_limit() {
        let attributes: String = (0..300).map(|i| format!(" a{i}")).collect();
        let page = format!("<body>{}", format!("<i{attributes}>x</i>").repeat(2_000));
        assert_eq!(
            parse_document(&page, 512, &later()).err(),
            Some(ParseRefusal::NodeLimit)
        );
    }

    #[test]
    fn chunks_cut_on_character_boundaries() {
        let text = "é".repeat(10);
        let pieces: Vec<&str> = chunks(&text, 3).collect();
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| p.len() == 4));
    }
}

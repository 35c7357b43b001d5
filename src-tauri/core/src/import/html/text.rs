//! The visible text of an element, laid out the way a reader sees it: paragraphs separated by a
//! blank line, line breaks kept, runs of spaces and newlines in the markup collapsed to one space,
//! `<pre>` kept as written. Entities were decoded by the parser. Non-breaking spaces are text,
//! not layout, and stay (French puts one before « : ; ! ? »). Close to the browser's
//! `innerText`, without a style sheet. One pass over the tree, each node once, within the page's
//! deadline; nothing already written is scanned again.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::deadline::Deadline;
use super::furniture::{is_furniture, ClassRules};
use super::parse::ParseRefusal;

/// Elements that end a paragraph: a blank line after them.
const PARAGRAPHS: [&str; 14] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "table",
    "hr",
];
/// Elements that start on a line of their own.
const LINES: [&str; 18] = [
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "figure",
    "figcaption",
    "caption",
    "section",
    "article",
    "header",
    "main",
    "address",
    "details",
    "summary",
    "fieldset",
    "legend",
    "center",
];

/// The text of `root`, furniture left out.
pub fn visible_text(
    root: ElementRef<'_>,
    rules: ClassRules,
    deadline: &mut Deadline,
) -> Result<String, ParseRefusal> {
    let mut out = TextLayout::default();
    let mut skipping = None;
    let mut articles = 0usize;
    for edge in root.traverse() {
        deadline.tick()?;
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => out.push_text(&text.text),
                    Node::Element(element) => {
                        let in_article = articles > 0 || node.id() == root.id();
                        if is_furniture(element, in_article, rules) && node.id() != root.id() {
                            skipping = Some(node.id());
                            continue;
                        }
                        articles += usize::from(is_article_container(element.name()));
                        out.open(element.name());
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    articles -= usize::from(is_article_container(element.name()));
                    out.close(element.name());
                }
            }
        }
    }
    Ok(out.finish())
}

fn is_article_container(name: &str) -> bool {
    name == "article" || name == "main"
}

/// Text being laid out: breaks and spaces are held until the next visible character, so that
/// none is left at the start or end of a line.
#[derive(Default)]
struct TextLayout {
    out: String,
    /// Newlines owed before the next character: 1 for a new line, 2 for a new paragraph.
    breaks: usize,
    /// Newlines at the end of `out`, kept as a count so that a page of a million `<br>` is not
    /// scanned again at each one.
    trailing_newlines: usize,
    space: bool,
    pre: usize,
}

impl TextLayout {
    fn open(&mut self, name: &str) {
        match name {
            "br" => self.line_break(),
            "pre" => {
                self.block(2);
                self.pre += 1;
            }
            "td" | "th" => self.space = true,
            _ => self.block_for(name),
        }
    }

    fn close(&mut self, name: &str) {
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
        self.block_for(name);
    }

    fn block_for(&mut self, name: &str) {
        if PARAGRAPHS.contains(&name) {
            self.block(2);
        } else if LINES.contains(&name) {
            self.block(1);
        }
    }

    fn block(&mut self, newlines: usize) {
        self.breaks = self.breaks.max(newlines);
        self.space = false;
    }

    /// `<br>`: a newline of its own, on top of any block break owed.
    fn line_break(&mut self) {
        self.flush_breaks();
        self.push_char('\n');
        self.space = false;
    }

    fn push_char(&mut self, c: char) {
        self.out.push(c);
        self.trailing_newlines = if c == '\n' {
            self.trailing_newlines + 1
        } else {
            0
        };
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 {
                self.flush_breaks();
                self.push_char(c);
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.space = true;
            } else {
                self.flush_breaks();
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.push_char(' ');
                }
                self.space = false;
                self.push_char(c);
            }
        }
    }

    /// Write the newlines owed, counting those already at the end (a `<br>` before `</p>`).
    fn flush_breaks(&mut self) {
        if self.breaks == 0 {
            return;
        }
        if !self.out.is_empty() {
            for _ in self.trailing_newlines..self.breaks {
                self.push_char('\n');
            }
        }
        self.breaks = 0;
        self.space = false;
    }

    fn finish(self) -> String {
        let text = self.out.trim_end_matches(['\n', ' ']);
        text.trim_start_matches('\n').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    use std::time::{Duration, Instant};

    fn text_of(body: &str) -> String {
        let page = Html::parse_document(body);
        let mut deadline = Deadline::new(Instant::now() + Duration::from_secs(60));
        visible_text(page.root_element(), ClassRules::Apply, &mut deadline).unwrap()
    }

    #[test]
    fn paragraphs_lines_and_spaces_are_laid_out_as_read() {
        assert_eq!(
            text_of("<h1> Title\n here </h1><p>One  <b>bold</b>\n word.</p><p>Two<br>lines</p><div>Three</div>"),
            "Title here\n\nOne bold word.\n\nTwo\nlines\n\nThree"
        );
        assert_eq!(text_of("<ul><li>a</li><li>b</li></ul>end"), "a\nb\n\nend");
        assert_eq!(text_of("<p>a<br></p><p>b</p>"), "a\n\nb");
    }

    #[test]
    fn entities_decode_and_non_breaking_spaces_stay() {
        assert_eq!(
            text_of("<p>&laquo;&nbsp;Non&nbsp;!&nbsp;&raquo; &amp; caf&eacute; &#x1F4F0;</p>"),
            "«\u{a0}Non\u{a0}!\u{a0}» & café 📰"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_whitespace() {
        assert_eq!(
            text_of("<p>x</p><pre>a  b\n  c</pre><p>y</p>"),
            "x\n\na  b\n  c\n\ny"
        );
    }

    #[test]
    fn scripts_styles_and_hidden_elements_leave_no_text() {
        assert_eq!(
            text_of(
                "<p>Shown<script>alert(1)</script><style>p{}</style></p>\
                 <p hidden>no</p><p style='display: none'>no</p><span aria-hidden=true>no</span>"
            ),
            "Shown"
        );
    }

    #[test]
    fn line_breaks_after_a_long_run_of_them_are_still_counted() {
        let page = format!("<p>a{}</p><p>b</p>", "<br>".repeat(3));
        assert_eq!(text_of(&page), "a\n\n\nb");
    }
}

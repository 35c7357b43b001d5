//! Pairs quotation marks of many typographic traditions: « » and ‹ › (French, Russian,
//! Spanish), » « and › ‹ (German, Danish), “ ” and ‘ ’ (English), „ “ and ‚ ‘ (German, Czech),
//! „ ” (Polish, Romanian), ” ” (Swedish), straight " and ', 「 」 and 『 』 (CJK).
//!
//! Invariants: a quote never crosses a blank line; straight and symmetric marks never cross a
//! line break. A mark that can both open and close (", ”, ', ») closes when a quote it can end
//! is open and it touches a word on its left, and opens when it touches a word on its right. An
//! apostrophe inside a word (l’État, don't) is never a mark. An opener met again while the same
//! opener is still open ends the older quote unclosed, which is how multi-paragraph quotes
//! that repeat the opening mark are written.

use crate::text::scan::Scan;

/// A pair of marks: code points of the opening and the closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuotePair {
    /// The opening mark.
    pub(crate) open: usize,
    /// The closing mark.
    pub(crate) close: usize,
}

/// An open quote: where its mark is, and which marks can close it.
struct Open {
    at: usize,
    mark: char,
    closers: &'static [char],
}

/// Languages that open with » and close with «.
const REVERSED_GUILLEMETS: &[&str] = &["de", "da", "cs", "sk", "sl", "hr", "hu"];

/// Every quote whose marks pair up, in order of their closing mark.
pub(crate) fn pair_quotes(scan: &Scan, language: Option<&str>) -> Vec<QuotePair> {
    let primary = language.and_then(|l| l.split(['-', '_']).next());
    let reversed = match primary {
        Some(p) => REVERSED_GUILLEMETS.contains(&p.to_ascii_lowercase().as_str()),
        None => true,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut pairs = Vec::new();
    for i in 0..scan.len() {
        let Some(c) = scan.at(i) else { break };
        if c == '\n' {
            if scan.at(i + 1) == Some('\n') {
                stack.clear();
            } else {
                stack.retain(|o| !is_symmetric(o.mark));
            }
            continue;
        }
        if let Some(pos) = closing_position(scan, &stack, i, c) {
            pairs.push(QuotePair {
                open: stack[pos].at,
                close: i,
            });
            stack.truncate(pos);
        } else if let Some(closers) = opener(scan, i, c, reversed) {
            if let Some(pos) = stack.iter().position(|o| o.mark == c) {
                stack.truncate(pos);
            }
            stack.push(Open {
                at: i,
                mark: c,
                closers,
            });
        }
    }
    pairs
}

/// The stack position of the quote that the mark at `i` closes, if it closes one.
fn closing_position(scan: &Scan, stack: &[Open], i: usize, c: char) -> Option<usize> {
    let pos = stack.iter().rposition(|o| o.closers.contains(&c))?;
    let allowed = match c {
        '"' | '\'' | '’' | '”' => touches_word_on_left(scan, i) && !inside_word(scan, i),
        _ => true,
    };
    let empty = scan
        .slice(stack[pos].at + 1, i)
        .chars()
        .all(char::is_whitespace);
    (allowed && !empty).then_some(pos)
}

/// The marks that close a quote opened by the mark at `i`, if it opens one.
fn opener(scan: &Scan, i: usize, c: char, reversed: bool) -> Option<&'static [char]> {
    let left = touches_word_on_right(scan, i);
    let closers: &'static [char] = match c {
        '«' => &['»'],
        '‹' => &['›'],
        '»' if reversed && left => &['«'],
        '›' if reversed && left => &['‹'],
        '“' => &['”'],
        '„' => &['“', '”'],
        '‚' => &['‘', '’'],
        '”' if left => &['”'],
        '‘' if left => &['’'],
        '"' if left => &['"'],
        '\'' if left && !inside_word(scan, i) => &['\''],
        '「' => &['」'],
        '『' => &['』'],
        _ => return None,
    };
    Some(closers)
}

/// Marks written the same at both ends, which line breaks end.
fn is_symmetric(c: char) -> bool {
    matches!(c, '"' | '\'' | '”')
}

/// Whether the mark at `i` has text right after it and a space, start or bracket before it.
fn touches_word_on_right(scan: &Scan, i: usize) -> bool {
    let next_is_text = scan.at(i + 1).is_some_and(|c| !c.is_whitespace());
    let before_is_open = scan
        .before(i)
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'));
    next_is_text && before_is_open
}

/// Whether the mark at `i` has text right before it.
fn touches_word_on_left(scan: &Scan, i: usize) -> bool {
    scan.before(i).is_some_and(|c| !c.is_whitespace())
}

/// An apostrophe between two letters: "don't", "l’État".
fn inside_word(scan: &Scan, i: usize) -> bool {
    scan.before(i).is_some_and(char::is_alphabetic)
        && scan.at(i + 1).is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, language: Option<&str>) -> Vec<String> {
        let scan = Scan::new(text);
        let mut pairs = pair_quotes(&scan, language);
        pairs.sort_by_key(|p| p.open);
        pairs
            .iter()
            .map(|p| scan.slice(p.open + 1, p.close))
            .collect()
    }

    #[test]
    fn pairs_marks_of_many_traditions() {
        for (text, language, inner) in [
            ("Il a dit « non merci » hier.", Some("fr"), " non merci "),
            ("He said “no thanks” today.", Some("en"), "no thanks"),
            ("Er sagte „nein danke“ heute.", Some("de"), "nein danke"),
            ("Er sagte »nein danke« heute.", Some("de"), "nein danke"),
            (
                "Powiedział „nie, dziękuję” wczoraj.",
                Some("pl"),
                "nie, dziękuję",
            ),
            ("Han sa ”nej tack” i går.", Some("sv"), "nej tack"),
            ("He said \"no thanks\" today.", None, "no thanks"),
            ("Il a dit ‹ non › hier.", Some("fr"), " non "),
            ("彼は「いいえ」と言った。", Some("ja"), "いいえ"),
        ] {
            assert_eq!(quoted(text, language), [inner], "{text}");
        }
    }

    #[test]
    fn nested_quotes_pair_inside_outer_ones() {
        let found = quoted("“He called it ‘fake news’ again,” she said.", Some("en"));
        assert_eq!(found, ["He called it ‘fake news’ again,", "fake news"]);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let found = quoted("L’État a dit « c’est faux » et ‘don’t’ aussi.", Some("fr"));
        assert_eq!(found, [" c’est faux ", "don’t"]);
    }

    #[test]
    fn quotes_stop_at_a_blank_line() {
        let found = quoted("« Premier paragraphe\n\nSecond » fin.", Some("fr"));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_repeated_opener_restarts_a_multi_paragraph_quote() {
        let found = quoted("“First part\n“Second part” end.", Some("en"));
        assert_eq!(found, ["Second part"]);
    }

    #[test]
    fn french_closing_guillemets_do_not_open_quotes() {
        let found = quoted("fin » puis « vrai » encore", Some("fr"));
        assert_eq!(found, [" vrai "]);
    }
}

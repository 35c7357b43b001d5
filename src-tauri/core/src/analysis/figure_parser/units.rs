//! Counted units after a number: "600 fake accounts", "1 200 tweets sponsorisés",
//! "3.000 gefälschte Konten", "500 cuentas falsas", "600 фейковых аккаунтов".
//!
//! Invariant: the unit is named in English whatever the article's language (see
//! [`unit_words`](super::unit_words)), with "fake" or "promoted" in front when the text says so.
//! Up to two other words may stand between the number and the noun ("600 pro-Kremlin accounts"),
//! but never a function word, a month or a time unit, so that "5 March accounts" counts nothing.

use super::unit_words::{FAKE, HEADS, NOT_BETWEEN, PROMOTABLE, PROMOTED};
use crate::text::scan::Scan;

/// Most unlisted words accepted between a number and its noun.
const MAX_UNLISTED_WORDS: usize = 2;

/// Most adjectives accepted after the noun ("comptes factices").
const MAX_TRAILING_ADJECTIVES: usize = 2;

/// A counted unit found after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitHit {
    /// One past its last code point.
    pub(crate) end: usize,
    /// Its English name, e.g. "fake accounts".
    pub(crate) unit: String,
}

/// The adjectives seen around the noun.
#[derive(Debug, Default)]
struct Adjectives {
    promoted: bool,
    fake: bool,
}

impl Adjectives {
    /// Consume an adjective at `i`, returning its end.
    fn take(&mut self, scan: &Scan, i: usize) -> Option<usize> {
        if let Some(end) = longest_form(scan, i, FAKE) {
            self.fake = true;
            Some(end)
        } else if let Some(end) = longest_form(scan, i, PROMOTED) {
            self.promoted = true;
            Some(end)
        } else {
            None
        }
    }

    fn name(&self, head: &str) -> String {
        if self.fake {
            format!("fake {head}")
        } else if self.promoted && PROMOTABLE.contains(&head) {
            format!("promoted {head}")
        } else {
            head.to_owned()
        }
    }
}

/// The unit whose first word is at `i`. `allow_unlisted` lets unlisted words stand before the
/// noun; callers refuse them after a bare year-like number.
pub(crate) fn unit_after(scan: &Scan, i: usize, allow_unlisted: bool) -> Option<UnitHit> {
    let mut adjectives = Adjectives::default();
    let mut unlisted = 0;
    let mut at = i;
    let (mut end, mut head) = loop {
        if let Some(hit) = head_at(scan, at) {
            break hit;
        }
        if let Some(end) = adjectives.take(scan, at) {
            at = scan.skip_blanks(end);
            continue;
        }
        let end = scan.word_end(at)?;
        if let Some(hit) = compound_head(scan, at, end) {
            break hit;
        }
        if !allow_unlisted || unlisted == MAX_UNLISTED_WORDS || is_form(scan, at, end, NOT_BETWEEN)
        {
            return None;
        }
        unlisted += 1;
        at = scan.skip_blanks(end);
    };
    // A compound counts its last noun: "ad accounts" are accounts, "page views" are views.
    let next = scan.skip_blanks(end);
    if next > end {
        if let Some((compound_end, compound_head)) = head_at(scan, next) {
            (end, head) = (compound_end, compound_head);
        }
    }
    for _ in 0..MAX_TRAILING_ADJECTIVES {
        match adjectives.take(scan, scan.skip_blanks(end)) {
            Some(adjective_end) => end = adjective_end,
            None => break,
        }
    }
    Some(UnitHit {
        end,
        unit: adjectives.name(head),
    })
}

/// End of the longest of the `|`-separated forms written at `i`.
fn longest_form(scan: &Scan, i: usize, forms: &str) -> Option<usize> {
    forms
        .split('|')
        .filter_map(|form| scan.phrase_at(i, form, false))
        .max()
}

/// Whether the word `start..end` is one of the forms.
fn is_form(scan: &Scan, start: usize, end: usize, forms: &str) -> bool {
    forms
        .split('|')
        .any(|form| scan.phrase_at(start, form, false) == Some(end))
}

/// The noun at the end of a hyphenated compound: "Telegram-Kanäle" counts channels.
fn compound_head(scan: &Scan, start: usize, end: usize) -> Option<(usize, &'static str)> {
    let last_hyphen = (start..end).rev().find(|&i| scan.at(i) == Some('-'))?;
    head_at(scan, last_hyphen + 1).filter(|&(head_end, _)| head_end == end)
}

fn head_at(scan: &Scan, i: usize) -> Option<(usize, &'static str)> {
    HEADS
        .iter()
        .filter_map(|&(name, forms)| Some((longest_form(scan, i, forms)?, name)))
        .max_by_key(|(end, _)| *end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> Option<String> {
        let scan = Scan::new(text);
        unit_after(&scan, 0, true).map(|hit| {
            assert!(hit.end <= scan.len());
            hit.unit
        })
    }

    #[test]
    fn units_are_named_in_english() {
        for (text, expected) in [
            ("accounts were removed", "accounts"),
            ("comptes", "accounts"),
            ("Konten", "accounts"),
            ("cuentas", "accounts"),
            ("аккаунтов", "accounts"),
            ("promoted tweets", "promoted tweets"),
            ("tweets sponsorisés", "promoted tweets"),
            ("gesponserte Beiträge", "promoted posts"),
            ("cuentas falsas", "fake accounts"),
            ("faux comptes Facebook", "fake accounts"),
            ("Fake-Konten", "fake accounts"),
            ("фейковых аккаунтов", "fake accounts"),
            ("рекламных объявлений", "ads"),
            ("sponsored ads", "ads"),
            ("Facebook ad accounts", "accounts"),
            ("pro-Kremlin Telegram channels", "channels"),
            ("Telegram-Kanäle", "channels"),
        ] {
            assert_eq!(unit(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn function_words_months_and_long_gaps_count_nothing() {
        for text in [
            "March accounts",
            "the accounts",
            "years of posts",
            "very many different accounts",
            "accountants",
        ] {
            assert_eq!(unit(text), None, "{text}");
        }
    }

    #[test]
    fn unlisted_words_can_be_refused() {
        let scan = Scan::new("Facebook accounts");
        assert_eq!(unit_after(&scan, 0, false), None);
        let scan = Scan::new("fake accounts");
        assert!(unit_after(&scan, 0, false).is_some());
    }
}

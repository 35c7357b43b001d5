//! Character-level scanning shared by the figure parser and the quote finder.
//!
//! Invariant: every position is a code-point index into the scanned text, so the spans these
//! modules return are canonical offsets without conversion. Lexicon phrases are matched against a
//! folded copy of the text that has exactly one character per code point of the original:
//! lower case (first character of the lower-case mapping), every white space as a plain space and
//! the typographic apostrophe as `'`. Phrases are written in that folded form.

/// A text split into code points, with its folded twin for lexicon matching.
pub(crate) struct Scan {
    chars: Vec<char>,
    folded: Vec<char>,
}

impl Scan {
    /// Index `text`.
    pub(crate) fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let folded = chars.iter().map(|&c| fold(c)).collect();
        Scan { chars, folded }
    }

    /// Length in code points.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// The code point at `i`, if any.
    pub(crate) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The code point before `i`, if any.
    pub(crate) fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }

    /// The text between two code-point offsets.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars[start.min(end)..end].iter().collect()
    }

    /// First position at or after `i` that is not a blank (space, tab, no-break spaces).
    pub(crate) fn skip_blanks(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_blank) {
            i += 1;
        }
        i
    }

    /// Position just after the last non-blank before `i` (walks back over blanks).
    pub(crate) fn skip_blanks_back(&self, mut i: usize) -> usize {
        while self.before(i).is_some_and(is_blank) {
            i -= 1;
        }
        i
    }

    /// End of `phrase` if it is written at `i`, as a whole word where it starts or ends with a
    /// letter or digit. `exact_case` compares the original text instead of the folded one.
    pub(crate) fn phrase_at(&self, i: usize, phrase: &str, exact_case: bool) -> Option<usize> {
        let source = if exact_case {
            &self.chars
        } else {
            &self.folded
        };
        let mut end = i;
        for p in phrase.chars() {
            if source.get(end) != Some(&p) {
                return None;
            }
            end += 1;
        }
        let first = phrase.chars().next()?;
        let last = phrase.chars().last()?;
        if first.is_alphabetic() && self.before(i).is_some_and(char::is_alphabetic) {
            return None;
        }
        if last.is_alphanumeric() && self.at(end).is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some(end)
    }

    /// Start of `phrase` if it is written so that it ends at `end`, as a whole word.
    pub(crate) fn phrase_before(
        &self,
        end: usize,
        phrase: &str,
        exact_case: bool,
    ) -> Option<usize> {
        let start = end.checked_sub(phrase.chars().count())?;
        let first = phrase.chars().next()?;
        if first.is_alphanumeric() && self.before(start).is_some_and(char::is_alphanumeric) {
            return None;
        }
        self.phrase_at(start, phrase, exact_case)
            .filter(|&e| e == end)
            .map(|_| start)
    }

    /// The longest entry of `lexicon` written at `i`, with its end.
    pub(crate) fn longest_at<'a, T>(
        &self,
        i: usize,
        lexicon: &'a [(&'static str, T)],
        exact_case: bool,
    ) -> Option<(usize, &'a T)> {
        lexicon
            .iter()
            .filter_map(|(phrase, value)| Some((self.phrase_at(i, phrase, exact_case)?, value)))
            .max_by_key(|(end, _)| *end)
    }

    /// The longest entry of `lexicon` that ends at `end`, with its start.
    pub(crate) fn longest_before<'a, T>(
        &self,
        end: usize,
        lexicon: &'a [(&'static str, T)],
        exact_case: bool,
    ) -> Option<(usize, &'a T)> {
        lexicon
            .iter()
            .filter_map(|(phrase, value)| {
                Some((self.phrase_before(end, phrase, exact_case)?, value))
            })
            .min_by_key(|(start, _)| *start)
    }

    /// The word (letters, marks, inner hyphens and apostrophes) starting at `i`, as its end.
    pub(crate) fn word_end(&self, i: usize) -> Option<usize> {
        if !self.at(i).is_some_and(char::is_alphabetic) {
            return None;
        }
        let mut end = i + 1;
        loop {
            match self.at(end) {
                Some(c) if is_word_char(c) => end += 1,
                Some('-' | '\'' | '’') if self.at(end + 1).is_some_and(char::is_alphabetic) => {
                    end += 2
                }
                _ => return Some(end),
            }
        }
    }

    /// The word that ends at `end`, as its start.
    pub(crate) fn word_start(&self, end: usize) -> Option<usize> {
        if !self.before(end).is_some_and(is_word_char) {
            return None;
        }
        let mut start = end - 1;
        loop {
            match self.before(start) {
                Some(c) if is_word_char(c) => start -= 1,
                Some('-' | '\'' | '’') if self.before(start - 1).is_some_and(is_word_char) => {
                    start -= 2
                }
                _ => return Some(start),
            }
        }
    }
}

/// Letters, combining marks and digits inside a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Combining diacritics that decomposed text places after a letter.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Space, tab and the no-break spaces typography puts inside numbers and before French
/// punctuation; never a line break.
pub(crate) fn is_blank(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

fn fold(c: char) -> char {
    if c.is_whitespace() {
        return ' ';
    }
    if c == '’' {
        return '\'';
    }
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_in_folded_text() {
        let scan = Scan::new("Plus\u{a0}de 5 millions d’euros");
        assert_eq!(scan.phrase_at(0, "plus de", false), Some(7));
        assert_eq!(scan.phrase_at(10, "million", false), None);
        assert_eq!(scan.phrase_at(10, "millions", false), Some(18));
        assert_eq!(scan.phrase_before(21, "d'", false), Some(19));
    }

    #[test]
    fn exact_case_phrases_compare_the_original() {
        let scan = Scan::new("5 USD and usd");
        assert!(scan.phrase_at(2, "USD", true).is_some());
        assert!(scan.phrase_at(10, "USD", true).is_none());
    }

    #[test]
    fn longest_entry_wins() {
        let lexicon = [("mil", 3u32), ("mil millones", 9)];
        let scan = Scan::new("2 mil millones");
        assert_eq!(scan.longest_at(2, &lexicon, false), Some((14, &9)));
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        let scan = Scan::new("le porte-parole d’Alstom, dit-il");
        assert_eq!(scan.slice(3, scan.word_end(3).unwrap()), "porte-parole");
        assert_eq!(scan.slice(scan.word_start(24).unwrap(), 24), "d’Alstom");
    }
}

//! Units of agreement and their labels. A unit is one code point of the article text, or one
//! token (a word: a run the Unicode word-boundary rules delimit that holds a letter or digit;
//! spaces and punctuation are no token). Each analyst gives each unit the **set** of labels of
//! their spans covering it (a token is covered when any of its code points is), or the empty
//! set, "none". So one analyst's overlapping spans of one label are one label there, and spans
//! of two labels over the same text give that text the combined category ("claim+quote"): the
//! all-labels figures compare these sets as categories, and each label's figures compare
//! "has the label" against "has not", whatever else is there.
//!
//! Sets are bit masks (bit `i` is the `i`-th label compared), so at most 64 labels at a time.

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

/// What one agreement unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Character,
    Token,
}

/// One analyst's spans on an article: (label bit, start, end).
pub(crate) type CoderSpans = Vec<(u64, i64, i64)>;

/// How many units carry each combination of the coders' label sets (coders in the order
/// given). Most units of an article carry "none" from everyone, so this is small.
pub(crate) type Patterns = HashMap<Vec<u64>, u64>;

/// The units' label sets per coder, counted by combination.
pub(crate) fn unit_patterns(text: &str, kind: UnitKind, coders: &[CoderSpans]) -> Patterns {
    let chars = text.chars().count();
    let (units, unit_of_char) = match kind {
        UnitKind::Character => (chars, None),
        UnitKind::Token => {
            let (count, map) = tokens(text, chars);
            (count, Some(map))
        }
    };
    let masks: Vec<Vec<u64>> = coders
        .iter()
        .map(|spans| coder_masks(spans, units, chars, unit_of_char.as_deref()))
        .collect();
    let mut patterns = Patterns::new();
    let mut key = vec![0u64; coders.len()];
    for unit in 0..units {
        for (slot, mask) in key.iter_mut().zip(&masks) {
            *slot = mask[unit];
        }
        match patterns.get_mut(key.as_slice()) {
            Some(count) => *count += 1,
            None => {
                patterns.insert(key.clone(), 1);
            }
        }
    }
    patterns
}

fn coder_masks(
    spans: &CoderSpans,
    units: usize,
    chars: usize,
    unit_of_char: Option<&[u32]>,
) -> Vec<u64> {
    let mut masks = vec![0u64; units];
    for &(bit, start, end) in spans {
        let start = usize::try_from(start).unwrap_or(0).min(chars);
        let end = usize::try_from(end).unwrap_or(0).min(chars);
        for c in start..end {
            let unit = match unit_of_char {
                None => c,
                Some(map) if map[c] != u32::MAX => map[c] as usize,
                Some(_) => continue,
            };
            masks[unit] |= bit;
        }
    }
    masks
}

/// The number of tokens and, for each code point, its token (`u32::MAX` for none).
fn tokens(text: &str, chars: usize) -> (usize, Vec<u32>) {
    let mut unit_of_char = vec![u32::MAX; chars];
    let mut count = 0u32;
    let mut at = 0usize;
    for word in text.split_word_bounds() {
        let len = word.chars().count();
        if word.chars().any(char::is_alphanumeric) {
            unit_of_char[at..at + len].fill(count);
            count += 1;
        }
        at += len;
    }
    (count as usize, unit_of_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_carry_the_set_of_labels_covering_them() {
        // "abcdef": coder 0 has label 1 on [0,4) and label 2 on [2,6) (overlapping labels);
        // coder 1 has label 1 on [0,2) twice (overlapping spans of one label count once).
        let coders = vec![vec![(1, 0, 4), (2, 2, 6)], vec![(1, 0, 2), (1, 0, 2)]];
        let p = unit_patterns("abcdef", UnitKind::Character, &coders);
        assert_eq!(p.get(&vec![1, 1]), Some(&2));
        assert_eq!(p.get(&vec![3, 0]), Some(&2));
        assert_eq!(p.get(&vec![2, 0]), Some(&2));
        assert_eq!(p.values().sum::<u64>(), 6);
    }

    #[test]
    fn tokens_are_words_and_a_partly_covered_word_counts() {
        // Tokens: "RT", "a", "dépensé", "274", "000", "😀" is no token (no letter or digit).
        let text = "RT a dépensé 274 000 😀.";
        let start = text.chars().position(|c| c == 'p').unwrap() as i64;
        let coders = vec![vec![(1, start, start + 2)], vec![]];
        let p = unit_patterns(text, UnitKind::Token, &coders);
        assert_eq!(p.values().sum::<u64>(), 5);
        assert_eq!(p.get(&vec![1, 0]), Some(&1));
    }

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let text = "é😀x";
        let coders = vec![vec![(1, 2, 3)], vec![(1, 2, 3)]];
        let p = unit_patterns(text, UnitKind::Character, &coders);
        assert_eq!(p.get(&vec![1, 1]), Some(&1));
        assert_eq!(p.get(&vec![0, 0]), Some(&2));
    }
}

//! Ranges between two amounts: "between 2 and 3 million", "entre 2 et 3 millions",
//! "zwischen 2 und 3 Millionen", "entre 2 y 3 millones", "от 2 до 3 млн", "2 to 3", "2-3", "2–3".
//!
//! Invariant: a joiner that also means plain "and" (and, et, und, y, и) makes a range only after
//! an opening word (between, entre, zwischen, между), so that "5 posts and 3 videos" stay two
//! figures. A lower bound written without a scale takes the upper bound's scale when that keeps
//! the range in order ("2 to 3 million" is two to three million).

use rust_decimal::Decimal;

use crate::text::scan::Scan;

/// Words that join the two ends, and whether they need an opening word.
const JOINERS: &[(&str, bool)] = &[
    ("and", true),
    ("et", true),
    ("und", true),
    ("y", true),
    ("и", true),
    ("to", false),
    ("à", false),
    ("a", false),
    ("bis", false),
    ("до", false),
];

/// Words that open a range.
const OPENERS: &[(&str, bool)] = &[
    ("between", true),
    ("from", false),
    ("entre", true),
    ("de", false),
    ("zwischen", true),
    ("von", false),
    ("между", true),
    ("от", false),
];

/// Where the upper bound starts, after the joiner that follows a lower bound ending at `end`,
/// and whether that joiner needs an opening word.
pub(crate) fn joiner_after(scan: &Scan, end: usize) -> Option<(usize, bool)> {
    if let Some(dash @ ('-' | '–' | '—')) = scan.at(end) {
        let after = if dash == '-' {
            end + 1
        } else {
            scan.skip_blanks(end + 1)
        };
        return Some((after, false));
    }
    let at = scan.skip_blanks(end);
    if at == end {
        return None;
    }
    if let Some('–' | '—') = scan.at(at) {
        return Some((scan.skip_blanks(at + 1), false));
    }
    let (joiner_end, &needs_opener) = scan.longest_at(at, JOINERS, false)?;
    let next = scan.skip_blanks(joiner_end);
    (next > joiner_end).then_some((next, needs_opener))
}

/// The opening word that ends just before `start` (blanks between): its first code point.
/// `only_between` asks for the openers that pair with "and" joiners.
pub(crate) fn opener_before(scan: &Scan, start: usize, only_between: bool) -> Option<usize> {
    let end = scan.skip_blanks_back(start);
    if end == start {
        return None;
    }
    scan.longest_before(end, OPENERS, false)
        .filter(|(_, &between)| between || !only_between)
        .map(|(at, _)| at)
}

/// The lower bound's value when it borrows the upper bound's scale: `bare * factor` if that is
/// not above `upper`, else `bare` as written.
pub(crate) fn lower_with_shared_scale(bare: Decimal, factor: Decimal, upper: Decimal) -> Decimal {
    match bare.checked_mul(factor) {
        Some(scaled) if scaled <= upper => scaled,
        _ => bare,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_joiners_need_a_blank_on_both_sides() {
        let scan = Scan::new("2 to 3 million");
        assert_eq!(joiner_after(&scan, 1), Some((5, false)));
        let scan = Scan::new("2 and 3");
        assert_eq!(joiner_after(&scan, 1), Some((6, true)));
        let scan = Scan::new("2 tons");
        assert_eq!(joiner_after(&scan, 1), None);
    }

    #[test]
    fn dashes_join_glued_or_spaced() {
        assert_eq!(joiner_after(&Scan::new("2-3"), 1), Some((2, false)));
        assert_eq!(joiner_after(&Scan::new("2 – 3"), 1), Some((4, false)));
        assert_eq!(joiner_after(&Scan::new("2 - 3"), 1), None);
    }

    #[test]
    fn openers_before_the_lower_bound() {
        let scan = Scan::new("zwischen 2");
        assert_eq!(opener_before(&scan, 9, true), Some(0));
        let scan = Scan::new("from 2");
        assert_eq!(opener_before(&scan, 5, true), None);
        assert_eq!(opener_before(&scan, 5, false), Some(0));
    }

    #[test]
    fn a_bare_lower_bound_borrows_the_scale_only_when_it_stays_below() {
        let million = Decimal::from(1_000_000);
        let upper = Decimal::from(3_000_000);
        assert_eq!(
            lower_with_shared_scale(Decimal::from(2), million, upper),
            Decimal::from(2_000_000)
        );
        assert_eq!(
            lower_with_shared_scale(Decimal::from(500_000), million, upper),
            Decimal::from(500_000)
        );
    }
}

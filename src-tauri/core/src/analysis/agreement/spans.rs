//! Span F1 between two analysts, per label. Each analyst's spans are a set (the same label on
//! the same span twice counts once). **Exact**: a span matches when the other analyst has the
//! same label on the same `start`/`end`; F1 = 2 * matches / (|A| + |B|). **Overlap**: a span
//! matches when the other has the same label on a span sharing at least one code point; taking
//! A as reference, recall = A's spans that match / |A| and precision = B's spans that match /
//! |B|, and F1 is their harmonic mean (the "lenient" F1 of shared tasks). Counts add up across
//! labels and articles before F1 is taken (micro-average), so a corpus figure weighs every span
//! alike. Both analysts with no span: undefined (`None`).

use std::collections::BTreeSet;

/// One analyst's spans of one label on one article: `(start, end)`, code points.
pub(crate) type SpanSet = BTreeSet<(i64, i64)>;

/// What two analysts' spans have in common; adds up.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpanTally {
    pub spans_a: u64,
    pub spans_b: u64,
    pub exact: u64,
    pub a_overlapped: u64,
    pub b_overlapped: u64,
}

impl SpanTally {
    /// Compare two analysts' spans of one label on one article.
    pub fn compare(a: &SpanSet, b: &SpanSet) -> SpanTally {
        let overlapped =
            |span: &(i64, i64), other: &SpanSet| other.iter().any(|o| o.0 < span.1 && span.0 < o.1);
        SpanTally {
            spans_a: a.len() as u64,
            spans_b: b.len() as u64,
            exact: a.intersection(b).count() as u64,
            a_overlapped: a.iter().filter(|s| overlapped(s, b)).count() as u64,
            b_overlapped: b.iter().filter(|s| overlapped(s, a)).count() as u64,
        }
    }

    /// Add another tally.
    pub fn add(&mut self, other: SpanTally) {
        self.spans_a += other.spans_a;
        self.spans_b += other.spans_b;
        self.exact += other.exact;
        self.a_overlapped += other.a_overlapped;
        self.b_overlapped += other.b_overlapped;
    }

    /// F1 with exact matches.
    pub fn f1_exact(&self) -> Option<f64> {
        let total = self.spans_a + self.spans_b;
        (total > 0).then(|| 2.0 * self.exact as f64 / total as f64)
    }

    /// F1 with overlapping matches.
    pub fn f1_overlap(&self) -> Option<f64> {
        if self.spans_a + self.spans_b == 0 {
            return None;
        }
        if self.spans_a == 0 || self.spans_b == 0 {
            return Some(0.0);
        }
        let recall = self.a_overlapped as f64 / self.spans_a as f64;
        let precision = self.b_overlapped as f64 / self.spans_b as f64;
        if recall + precision == 0.0 {
            return Some(0.0);
        }
        Some(2.0 * precision * recall / (precision + recall))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(spans: &[(i64, i64)]) -> SpanSet {
        spans.iter().copied().collect()
    }

    /// A: [0,5) [10,20) [30,40); B: [0,5) [12,18) [50,60) [55,58).
    /// Exact: 1 match, F1 = 2 / 7. Overlap: A's [0,5) and [10,20) are overlapped (2 of 3);
    /// B's [0,5) and [12,18) are (2 of 4). P = 1/2, R = 2/3, F1 = 2 * (1/3) / (7/6) = 4/7.
    #[test]
    fn exact_and_overlap_f1_by_hand() {
        let t = SpanTally::compare(
            &set(&[(0, 5), (10, 20), (30, 40)]),
            &set(&[(0, 5), (12, 18), (50, 60), (55, 58)]),
        );
        assert_eq!((t.spans_a, t.spans_b, t.exact), (3, 4, 1));
        assert_eq!((t.a_overlapped, t.b_overlapped), (2, 2));
        assert!((t.f1_exact().unwrap() - 2.0 / 7.0).abs() < 1e-12);
        assert!((t.f1_overlap().unwrap() - 4.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn touching_spans_do_not_overlap_and_empty_sides_give_zero_or_nothing() {
        let t = SpanTally::compare(&set(&[(0, 5)]), &set(&[(5, 9)]));
        assert_eq!(t.f1_overlap(), Some(0.0));
        assert_eq!(t.f1_exact(), Some(0.0));
        let t = SpanTally::compare(&set(&[(0, 5)]), &set(&[]));
        assert_eq!(t.f1_overlap(), Some(0.0));
        let t = SpanTally::compare(&set(&[]), &set(&[]));
        assert_eq!((t.f1_exact(), t.f1_overlap()), (None, None));
    }

    #[test]
    fn tallies_add_before_f1_is_taken() {
        let mut total = SpanTally::compare(&set(&[(0, 5)]), &set(&[(0, 5)]));
        total.add(SpanTally::compare(&set(&[(0, 5), (6, 9)]), &set(&[])));
        // 1 exact match out of 3 + 1 spans.
        assert!((total.f1_exact().unwrap() - 0.5).abs() < 1e-12);
    }
}

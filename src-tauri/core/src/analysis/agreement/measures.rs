//! Cohen's kappa and Krippendorff's alpha (nominal) over categorical labels of units.
//!
//! Kappa, for two analysts: `(p_o - p_e) / (1 - p_e)`, where `p_o` is the share of units they
//! labelled alike and `p_e = sum_c p_a(c) * p_b(c)` the share expected by chance from each one's
//! own label frequencies (Cohen 1960; scikit-learn's `cohen_kappa_score` computes the same).
//!
//! Alpha, for any number of analysts with missing values: from the coincidence matrix, a unit
//! labelled by `m_u >= 2` analysts adds `n_uc` values of category `c` and
//! `n_uc (n_uc - 1) / (m_u - 1)` matching pairs; with `n` the pairable values, `n_c` those of
//! category `c` and `o` the matching pairs, `alpha = 1 - (n - 1) (n - o) / (n^2 - sum_c n_c^2)`
//! (Krippendorff, *Computing Krippendorff's Alpha-Reliability*, 2011, nominal data). Units that
//! one analyst alone labelled are not pairable and add nothing.
//!
//! Both are undefined (`None`) when every value is the same category: 0 / 0.

use std::collections::HashMap;

/// Counts of (analyst A's category, analyst B's category) over units.
pub(crate) type Confusion = HashMap<(u64, u64), u64>;

/// Cohen's kappa from a confusion table.
pub(crate) fn cohen_kappa(confusion: &Confusion) -> Option<f64> {
    let total: u64 = confusion.values().sum();
    if total == 0 {
        return None;
    }
    let n = total as f64;
    let mut agree = 0u64;
    let mut by_a: HashMap<u64, u64> = HashMap::new();
    let mut by_b: HashMap<u64, u64> = HashMap::new();
    for (&(a, b), &count) in confusion {
        if a == b {
            agree += count;
        }
        *by_a.entry(a).or_default() += count;
        *by_b.entry(b).or_default() += count;
    }
    let observed = agree as f64 / n;
    let expected: f64 = by_a
        .iter()
        .map(|(c, &na)| na as f64 / n * by_b.get(c).map_or(0.0, |&nb| nb as f64 / n))
        .sum();
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// Krippendorff's alpha, built unit by unit.
#[derive(Debug, Default, Clone)]
pub(crate) struct AlphaTally {
    /// Pairable values.
    values: f64,
    /// Matching pairs, each weighted by 1 / (m_u - 1).
    matches: f64,
    /// Pairable values by category.
    by_category: HashMap<u64, f64>,
}

impl AlphaTally {
    /// Add `weight` units, each labelled `labels` by the analysts who labelled it.
    pub fn add_unit(&mut self, labels: &[u64], weight: u64) {
        let m = labels.len();
        if m < 2 || weight == 0 {
            return;
        }
        let w = weight as f64;
        let mut equal_ordered_pairs = 0usize;
        for (i, a) in labels.iter().enumerate() {
            equal_ordered_pairs += labels
                .iter()
                .enumerate()
                .filter(|&(j, b)| i != j && a == b)
                .count();
            *self.by_category.entry(*a).or_default() += w;
        }
        self.values += w * m as f64;
        self.matches += w * equal_ordered_pairs as f64 / (m - 1) as f64;
    }

    /// Add two analysts' confusion table: each cell is that many two-value units.
    pub fn add_confusion(&mut self, confusion: &Confusion) {
        for (&(a, b), &count) in confusion {
            self.add_unit(&[a, b], count);
        }
    }

    /// Add another tally (of other units).
    pub fn absorb(&mut self, other: &AlphaTally) {
        self.values += other.values;
        self.matches += other.matches;
        for (category, count) in &other.by_category {
            *self.by_category.entry(*category).or_default() += count;
        }
    }

    /// The coefficient, or `None` when it is undefined.
    pub fn alpha(&self) -> Option<f64> {
        let n = self.values;
        let spread = n * n - self.by_category.values().map(|c| c * c).sum::<f64>();
        if n < 2.0 || spread.abs() < 1e-9 {
            return None;
        }
        Some(1.0 - (n - 1.0) * (n - self.matches) / spread)
    }
}

/// The confusion table of one label: a unit is 1 when its categories (label bit sets) hold
/// `bit`, else 0.
pub(crate) fn for_label(confusion: &Confusion, bit: u64) -> Confusion {
    let mut out = Confusion::new();
    for (&(a, b), &count) in confusion {
        *out.entry((u64::from(a & bit != 0), u64::from(b & bit != 0)))
            .or_default() += count;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[((u64, u64), u64)]) -> Confusion {
        cells.iter().copied().collect()
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    /// 10 units: both 1 on 4, both 0 on 4, A 1 / B 0 on 1, A 0 / B 1 on 1.
    /// p_o = 0.8, p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5, kappa = 0.3 / 0.5 = 0.6.
    /// Alpha: n = 20, n_1 = n_0 = 10, matching pairs o = 2 * 8 = 16,
    /// alpha = 1 - 19 * 4 / (400 - 200) = 1 - 76 / 200 = 0.62.
    #[test]
    fn kappa_and_alpha_of_a_balanced_table_by_hand() {
        let t = table(&[((1, 1), 4), ((0, 0), 4), ((1, 0), 1), ((0, 1), 1)]);
        close(cohen_kappa(&t), 0.6);
        let mut alpha = AlphaTally::default();
        alpha.add_confusion(&t);
        close(alpha.alpha(), 0.62);
    }

    /// 20 units, A: 1 on 8, B: 1 on 5, both 1 on 4. p_o = (4 + 11) / 20 = 0.75,
    /// p_e = 0.4 * 0.25 + 0.6 * 0.75 = 0.55, kappa = 0.2 / 0.45 = 4 / 9.
    /// Alpha: n = 40, n_1 = 13, n_0 = 27, o = 30, alpha = 1 - 39 * 10 / (1600 - 169 - 729)
    /// = 312 / 702, which is 4 / 9 too (the balanced table shows the two can differ).
    #[test]
    fn kappa_and_alpha_of_an_unbalanced_table_by_hand() {
        let t = table(&[((1, 1), 4), ((1, 0), 4), ((0, 1), 1), ((0, 0), 11)]);
        close(cohen_kappa(&t), 4.0 / 9.0);
        let mut alpha = AlphaTally::default();
        alpha.add_confusion(&t);
        close(alpha.alpha(), 1.0 - 390.0 / 702.0);
    }

    #[test]
    fn perfect_agreement_is_one_and_one_category_is_undefined() {
        let t = table(&[((1, 1), 3), ((0, 0), 7)]);
        close(cohen_kappa(&t), 1.0);
        let mut alpha = AlphaTally::default();
        alpha.add_confusion(&t);
        close(alpha.alpha(), 1.0);
        let t = table(&[((0, 0), 10)]);
        assert_eq!(cohen_kappa(&t), None);
        let mut alpha = AlphaTally::default();
        alpha.add_confusion(&t);
        assert_eq!(alpha.alpha(), None);
    }

    /// Krippendorff (2011), the nominal example with missing values: 4 observers, 12 units
    /// (values 1..5, missing as absent). He reports alpha = 0.743 for nominal data.
    #[test]
    fn alpha_matches_krippendorffs_published_example() {
        let units: [&[u64]; 12] = [
            &[1, 1, 1],
            &[2, 2, 3, 2],
            &[3, 3, 3, 3],
            &[3, 3, 3, 3],
            &[2, 2, 2, 2],
            &[1, 2, 3, 4],
            &[4, 4, 4, 4],
            &[1, 1, 2, 1],
            &[2, 2, 2, 2],
            &[5, 5, 5],
            &[1, 1],
            &[3],
        ];
        let mut alpha = AlphaTally::default();
        for unit in units {
            alpha.add_unit(unit, 1);
        }
        let value = alpha.alpha().unwrap();
        assert!((value - 0.743).abs() < 0.0005, "{value}");
    }

    #[test]
    fn a_label_table_folds_label_sets_to_present_or_absent() {
        // Categories are bit sets: 1 = claim, 2 = quote, 3 = both.
        let t = table(&[((3, 1), 2), ((2, 0), 1), ((0, 0), 5)]);
        let claim = for_label(&t, 1);
        assert_eq!(claim.get(&(1, 1)), Some(&2));
        assert_eq!(claim.get(&(0, 0)), Some(&6));
        let quote = for_label(&t, 2);
        assert_eq!(quote.get(&(1, 0)), Some(&3));
        assert_eq!(quote.get(&(0, 0)), Some(&5));
    }
}

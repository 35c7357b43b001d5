//! Agreement figures on a ten-character article, computed by hand (see each value's comment),
//! for pairs, for all three analysts, for all labels and per label, with filters and per
//! article rows; and the CSV.

use claimdesk_core::analysis::agreement::{AgreementQuery, AgreementReport, AgreementRow};
use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{Attributes, NewAnnotation};
use claimdesk_core::Store;

use crate::support::*;

/// Ana: claim [0,4), quote [2,6). Boris: claim [0,3), claim [8,10). Carla: claim [0,4).
/// Per character (1 = claim, 2 = quote, 3 = both, 0 = none):
/// Ana   1 1 3 3 2 2 0 0 0 0
/// Boris 1 1 1 0 0 0 0 0 1 1
/// Carla 1 1 1 1 0 0 0 0 0 0
fn three_analysts() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let article = paste(&mut store, "abcdefghij");
    let spans = [
        ("Ana", CLAIM, 0, 4),
        ("Ana", QUOTE, 2, 6),
        ("Boris", CLAIM, 0, 3),
        ("Boris", CLAIM, 8, 10),
        ("Carla", CLAIM, 0, 4),
    ];
    for (name, label, start, end) in spans {
        let who = store.ensure_annotator(name).unwrap().id;
        let new = NewAnnotation {
            article_id: article.id.clone(),
            label_id: LabelId::from(label),
            start,
            end,
            attributes: Attributes::default(),
        };
        store.create_annotation(&who, new).unwrap();
    }
    (dir, store)
}

fn row<'a>(
    report: &'a AgreementReport,
    label: Option<&str>,
    pair: Option<(&str, &str)>,
) -> &'a AgreementRow {
    report
        .rows
        .iter()
        .find(|r| {
            r.article_id.is_none()
                && r.label.as_ref().map(|l| l.name.as_str()) == label
                && match pair {
                    Some((a, b)) => {
                        r.analyst_a.as_ref().map(|x| x.name.as_str()) == Some(a)
                            && r.analyst_b.as_ref().map(|x| x.name.as_str()) == Some(b)
                    }
                    None => r.analyst_a.is_none(),
                }
        })
        .unwrap_or_else(|| panic!("no row for {label:?} {pair:?}"))
}

fn close(value: Option<f64>, expected: f64) {
    let value = value.expect("defined");
    assert!((value - expected).abs() < 1e-9, "{value} != {expected}");
}

#[test]
fn pair_figures_for_all_labels_by_hand() {
    let (_dir, store) = three_analysts();
    let report = store.agreement(&AgreementQuery::default()).unwrap();
    assert_eq!(report.articles, 1);
    let names: Vec<&str> = report.analysts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Boris", "Carla"]);
    let r = row(&report, None, Some(("Ana", "Boris")));
    assert_eq!((r.units, r.spans_a, r.spans_b), (10, Some(2), Some(2)));
    // Agree on 4 of 10: p_o = 0.4; p_e = 0.2 * 0.5 (claim) + 0.4 * 0.5 (none) = 0.3.
    close(r.cohen_kappa, 0.1 / 0.7);
    // n = 20, 8 matching pairs, n_c = 7, 2, 2, 9: 1 - 19 * 12 / (400 - 138).
    close(r.krippendorff_alpha, 1.0 - 228.0 / 262.0);
    // No span alike; Ana's claim and Boris's first overlap: P = 1/2, R = 1/2.
    close(r.f1_exact, 0.0);
    close(r.f1_overlap, 0.5);
}

#[test]
fn pair_figures_per_label_by_hand() {
    let (_dir, store) = three_analysts();
    let report = store.agreement(&AgreementQuery::default()).unwrap();
    let claim = row(&report, Some("claim"), Some(("Ana", "Boris")));
    // 2x2: both 3, Ana only 1, Boris only 2, neither 4: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    close(claim.cohen_kappa, 0.4);
    // n = 20, o = 14, n_1 = 9, n_0 = 11: 1 - 19 * 6 / 198.
    close(claim.krippendorff_alpha, 1.0 - 114.0 / 198.0);
    close(claim.f1_exact, 0.0);
    // Ana's [0,4) overlaps (R = 1); one of Boris's two does (P = 1/2): F1 = 2/3.
    close(claim.f1_overlap, 2.0 / 3.0);
    let quote = row(&report, Some("quote"), Some(("Ana", "Boris")));
    // Boris never says quote: p_e = p_o = 0.6, kappa = 0; alpha = 1 - 19 * 8 / 128.
    close(quote.cohen_kappa, 0.0);
    close(quote.krippendorff_alpha, 1.0 - 152.0 / 128.0);
    let same = row(&report, Some("claim"), Some(("Ana", "Carla")));
    close(same.f1_exact, 1.0);
    close(same.cohen_kappa, 1.0);
}

#[test]
fn alpha_for_all_three_analysts_by_hand() {
    let (_dir, store) = three_analysts();
    let report = store.agreement(&AgreementQuery::default()).unwrap();
    let all = row(&report, None, None);
    // Matching pairs per unit / 2: 3 3 1 0 1 1 3 3 1 1 = 17; n = 30; n_c = 11, 2, 2, 15.
    close(all.krippendorff_alpha, 1.0 - 29.0 * 13.0 / (900.0 - 354.0));
    assert_eq!((all.cohen_kappa, all.f1_exact, all.units), (None, None, 10));
}

#[test]
fn filters_choose_analysts_and_labels_and_articles_get_their_own_rows() {
    let (_dir, store) = three_analysts();
    let ids: Vec<_> = store
        .list_annotators()
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    let query = AgreementQuery {
        filters: Filters {
            annotators: ids[..2].to_vec(),
            labels: vec![LabelId::from(QUOTE)],
            ..Filters::default()
        },
        per_article: true,
        ..AgreementQuery::default()
    };
    let report = store.agreement(&query).unwrap();
    assert_eq!(report.analysts.len(), 2);
    let labels: Vec<&str> = report.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(labels, ["quote"]);
    assert!(
        report.rows.iter().all(|r| r.analyst_a.is_some()),
        "two analysts: no group row"
    );
    // Corpus and the one article: all labels and quote, one pair each.
    assert_eq!(report.rows.len(), 4);
    let per_article = report
        .rows
        .iter()
        .filter(|r| r.article_id.is_some())
        .count();
    assert_eq!(per_article, 2);
    // Only quotes are compared now: Ana's quote against nothing.
    close(row(&report, None, Some(("Ana", "Boris"))).cohen_kappa, 0.0);
}

#[test]
fn the_csv_has_a_row_per_table_row() {
    let (dir, store) = three_analysts();
    let report = store.agreement(&AgreementQuery::default()).unwrap();
    let path = dir.path().join("agreement.csv");
    claimdesk_core::analysis::agreement::export_agreement_csv(&report, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), report.rows.len() + 1);
    assert!(text.starts_with("scope,article_id,"));
    assert!(text.contains("corpus,,,(all labels),Ana,Boris,1,10,2,2,0.0,0.5,"));
}

//! The agreement table as CSV: one flat row per table row, figures with full precision (an
//! undefined figure is an empty cell). Article ids and titles, label and analyst names come from
//! the data, which may come from a teammate's file, so every text cell goes through
//! [`defuse_cell`]: a cell that a spreadsheet would run as a formula gets a leading `'`. The
//! file is written through [`SafeFile`]: complete, synced, renamed over its target, folder synced.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{AgreementReport, AgreementRow};
use crate::error::{Error, Result};
use crate::files::safe_write::SafeFile;
use crate::interchange::spreadsheet_safety::defuse_cell;

/// The header, in order.
pub const AGREEMENT_CSV_COLUMNS: &[&str] = &[
    "scope",
    "article_id",
    "article_title",
    "label",
    "analyst_a",
    "analyst_b",
    "articles",
    "units",
    "spans_a",
    "spans_b",
    "f1_exact",
    "f1_overlap",
    "cohen_kappa",
    "krippendorff_alpha",
];

#[derive(Serialize)]
struct CsvRow {
    scope: &'static str,
    article_id: String,
    article_title: String,
    label: String,
    analyst_a: String,
    analyst_b: String,
    articles: u32,
    units: u64,
    spans_a: Option<u64>,
    spans_b: Option<u64>,
    f1_exact: Option<f64>,
    f1_overlap: Option<f64>,
    cohen_kappa: Option<f64>,
    krippendorff_alpha: Option<f64>,
}

fn text_cell(value: &str) -> String {
    defuse_cell(value).into_owned()
}

fn csv_row(row: &AgreementRow) -> CsvRow {
    let analyst = |a: &Option<crate::model::Annotator>| {
        a.as_ref()
            .map_or_else(|| "(all analysts)".to_owned(), |a| text_cell(&a.name))
    };
    CsvRow {
        scope: if row.article_id.is_some() {
            "article"
        } else {
            "corpus"
        },
        article_id: row
            .article_id
            .as_ref()
            .map(|a| text_cell(&a.0))
            .unwrap_or_default(),
        article_title: text_cell(row.article_title.as_deref().unwrap_or_default()),
        label: row
            .label
            .as_ref()
            .map_or_else(|| "(all labels)".to_owned(), |l| text_cell(&l.name)),
        analyst_a: analyst(&row.analyst_a),
        analyst_b: analyst(&row.analyst_b),
        articles: row.articles,
        units: row.units,
        spans_a: row.spans_a,
        spans_b: row.spans_b,
        f1_exact: row.f1_exact,
        f1_overlap: row.f1_overlap,
        cohen_kappa: row.cohen_kappa,
        krippendorff_alpha: row.krippendorff_alpha,
    }
}

/// Write the table as CSV to `out`.
pub fn write_agreement_csv(report: &AgreementReport, out: impl Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let failed = |e: csv::Error| Error::invalid(format!("cannot write the agreement CSV: {e}"));
    if report.rows.is_empty() {
        writer.write_record(AGREEMENT_CSV_COLUMNS).map_err(failed)?;
    }
    for row in &report.rows {
        writer.serialize(csv_row(row)).map_err(failed)?;
    }
    // A writer's drop ignores errors: flush explicitly.
    writer
        .flush()
        .map_err(|e| Error::io("writing the agreement CSV", e))
}

/// Write the table as CSV to `path`, replacing it only once complete.
pub fn export_agreement_csv(report: &AgreementReport, path: &Path) -> Result<()> {
    let mut file = SafeFile::create(path)?;
    write_agreement_csv(report, &mut file)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::agreement::{AgreementUnit, LabelRef};
    use crate::model::ids::{AnnotatorId, LabelId};
    use crate::model::Annotator;

    fn row() -> AgreementRow {
        AgreementRow {
            article_id: None,
            article_title: None,
            label: Some(LabelRef {
                id: LabelId::from("l"),
                name: "claim".into(),
            }),
            analyst_a: Some(Annotator {
                id: AnnotatorId::from("a"),
                name: "=Ana".into(),
            }),
            analyst_b: None,
            articles: 2,
            units: 10,
            spans_a: Some(3),
            spans_b: None,
            f1_exact: Some(0.5),
            f1_overlap: None,
            cohen_kappa: Some(0.6),
            krippendorff_alpha: Some(0.62),
        }
    }

    #[test]
    fn rows_are_flat_with_empty_cells_for_undefined_figures_and_defused_names() {
        let report = AgreementReport {
            unit: AgreementUnit::Character,
            analysts: vec![],
            labels: vec![],
            articles: 2,
            rows: vec![row()],
        };
        let mut out = Vec::new();
        write_agreement_csv(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), AGREEMENT_CSV_COLUMNS.join(","));
        assert_eq!(
            lines.next().unwrap(),
            "corpus,,,claim,'=Ana,(all analysts),2,10,3,,0.5,,0.6,0.62"
        );
    }

    #[test]
    fn every_text_cell_is_defused_including_the_article_id_and_full_width_starts() {
        let mut hostile = row();
        hostile.article_id = Some(crate::model::ids::ArticleId::from("=1+1"));
        hostile.article_title = Some("  =HYPERLINK(\"http://evil.example\")".into());
        hostile.label = Some(LabelRef {
            id: LabelId::from("l"),
            name: "\u{FF20}SUM(1)".into(),
        });
        hostile.analyst_b = Some(Annotator {
            id: AnnotatorId::from("b"),
            name: "\u{FF1D}1".into(),
        });
        let report = AgreementReport {
            unit: AgreementUnit::Character,
            analysts: vec![],
            labels: vec![],
            articles: 1,
            rows: vec![hostile],
        };
        let mut out = Vec::new();
        write_agreement_csv(&report, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(&out[..]);
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[1], "'=1+1");
        assert_eq!(&record[2], "'  =HYPERLINK(\"http://evil.example\")");
        assert_eq!(&record[3], "'\u{FF20}SUM(1)");
        assert_eq!(&record[4], "'=Ana");
        assert_eq!(&record[5], "'\u{FF1D}1");
    }

    #[test]
    fn the_file_replaces_its_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("agreement.csv");
        std::fs::write(&target, "old").unwrap();
        let report = AgreementReport {
            unit: AgreementUnit::Character,
            analysts: vec![],
            labels: vec![],
            articles: 2,
            rows: vec![row()],
        };
        export_agreement_csv(&report, &target).unwrap();
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.starts_with(&AGREEMENT_CSV_COLUMNS.join(",")), "{text}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

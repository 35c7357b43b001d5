//! The agreement table as CSV: one flat row per table row, figures with full precision (an
//! undefined figure is an empty cell). Article titles and analyst names come from the data, so
//! a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR, LF first) gets
//! a leading `'`. The file is written beside its target and renamed over it once complete.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{AgreementReport, AgreementRow};
use crate::error::{Error, Result};

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

const FORMULA_TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r', '\n'];

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
    if value.starts_with(FORMULA_TRIGGERS) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
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
            .map(|a| a.0.clone())
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
    let context = || format!("cannot write {}", path.display());
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".agreement.")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| Error::io(context(), e))?;
    write_agreement_csv(report, std::io::BufWriter::new(temp.as_file_mut()))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(context(), e))?;
    temp.persist(path)
        .map_err(|e| Error::io(context(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{AgreementUnit, LabelRef};
    use crate::ids::{AnnotatorId, LabelId};
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
}

use proptest::prelude::*;

use super::*;

/// Cells a spreadsheet could run, with what the rule must make of them.
const HOSTILE: &[&str] = &[
    "=1+1",
    "=HYPERLINK(\"http://evil.example\",\"clic\")",
    "=cmd|' /C calc'!A0",
    "+1",
    "+SUM(1)",
    "-1+1",
    "-2+3",
    "-",
    "--5",
    "-5-",
    "-1e5",
    "-.5",
    "@x",
    "@SUM(1)",
    "  =1+1",
    " -5",
    "\u{3000}=1",
    "\u{00A0}=1",
    "\u{200B}=1",
    "\u{FEFF}+1",
    "\t=1",
    "\r=1",
    "\n=1",
    "\tx",
    "\rx",
    "\nx",
    "\t",
    "\u{1}x",
    "＝1",
    "＝1+1",
    "＋1",
    "－1+1",
    "－1",
    "＠SUM(1)",
    "\u{FE66}1",
    "\u{FE62}1",
    "\u{FE63}1",
    "\u{FE6B}x",
    "\u{2212}1",
    " \u{3000}\t＝1",
];

/// Cells that must be written as they are: numbers, and text that cannot start a formula.
const HARMLESS: &[&str] = &[
    "",
    " ",
    "   ",
    "\u{3000}",
    "\u{00A0} \u{3000}",
    "RT",
    "2+3",
    "é=1",
    "'quoted",
    "'=1",
    "x =1",
    "5",
    "-5",
    "-0.25",
    "0.5",
    "1900000",
    "-0",
    "1.",
    "1e5",
    "(all analysts)",
    "0190a3c2-7f1e-7c3d-9e8a-1b2c3d4e5f60",
];

#[test]
fn every_hostile_cell_gets_one_leading_quote() {
    for hostile in HOSTILE {
        assert_eq!(
            defuse_cell(hostile),
            format!("'{hostile}"),
            "{hostile:?} must be defused"
        );
    }
}

#[test]
fn numbers_and_ordinary_text_are_written_as_they_are() {
    for harmless in HARMLESS {
        assert_eq!(defuse_cell(harmless), *harmless, "{harmless:?} must stay");
    }
}

#[test]
fn only_plain_decimals_count_as_numbers() {
    for number in ["0", "-0", "5", "-5", "-0.25", "1900000", "12.000"] {
        assert!(is_plain_number(number), "{number:?}");
    }
    for not_number in [
        "", "-", ".5", "-.5", "5.", "+5", "-1e5", " 5", "5 ", "－1", "１", "1,5", "--5", "-1-1",
    ] {
        assert!(!is_plain_number(not_number), "{not_number:?}");
    }
}

/// Blank characters a hostile cell may put before its trigger.
fn blanks() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            ' ', '\t', '\r', '\n', '\u{3000}', '\u{00A0}', '\u{2003}', '\u{200B}', '\u{FEFF}',
            '\u{1}',
        ]),
        0..4,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn the_result_is_the_value_or_a_quote_before_it(value in any::<String>()) {
        let out = defuse_cell(&value);
        let quoted = format!("'{}", value);
        prop_assert!(out == value || *out == quoted);
    }

    #[test]
    fn defusing_twice_changes_nothing_more(value in any::<String>()) {
        let once = defuse_cell(&value).into_owned();
        prop_assert_eq!(defuse_cell(&once), once.as_str());
    }

    #[test]
    fn a_trigger_after_any_blanks_is_defused_unless_the_cell_is_a_number(
        blanks in blanks(),
        trigger in prop::sample::select(FORMULA_TRIGGERS.to_vec()),
        rest in any::<String>(),
    ) {
        let value = format!("{blanks}{trigger}{rest}");
        let out = defuse_cell(&value);
        if is_plain_number(&value) {
            prop_assert_eq!(out, value.as_str());
        } else {
            prop_assert_eq!(out.into_owned(), format!("'{value}"));
        }
    }

    #[test]
    fn decimal_numbers_stay_numbers(whole in any::<i64>(), fraction in proptest::option::of(0u32..)) {
        let value = match fraction {
            Some(f) => format!("{whole}.{f}"),
            None => whole.to_string(),
        };
        prop_assert_eq!(defuse_cell(&value), value.as_str());
    }

    #[test]
    fn figure_values_as_stored_stay_numbers(mantissa in any::<i64>(), scale in 0u32..28) {
        let value = rust_decimal::Decimal::new(mantissa, scale).to_string();
        prop_assert!(is_plain_number(&value), "{}", value);
        prop_assert_eq!(defuse_cell(&value), value.as_str());
    }

    #[test]
    fn text_that_starts_with_a_letter_or_digit_is_never_changed(
        first in "[A-Za-z0-9\u{00C0}-\u{024F}\u{0600}-\u{06FF}]",
        rest in any::<String>(),
    ) {
        let value = format!("{first}{rest}");
        prop_assert_eq!(defuse_cell(&value), value.as_str());
    }

    #[test]
    fn a_defused_cell_survives_a_csv_round_trip(value in any::<String>()) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record([defuse_cell(&value).as_ref()]).unwrap();
        let bytes = writer.into_inner().unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
        let record = reader.records().next().unwrap().unwrap();
        let written = defuse_cell(&value);
        prop_assert_eq!(&record[0], written.as_ref());
    }
}

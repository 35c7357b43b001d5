//! The one rule that keeps a CSV cell from running as a formula when a spreadsheet opens the
//! file ("CSV injection", OWASP). Every CSV writer of the project passes every text cell of its
//! spreadsheet-facing output through [`defuse_cell`]: ids, names, labels, titles, notes, tags,
//! figure values, whatever the cell holds, since any of them can come from a teammate's file.
//!
//! The rule, in order:
//!
//! 1. A *plain decimal number*: an optional ASCII `-`, ASCII digits, and optionally `.` and more
//!    ASCII digits (`-5`, `-0.25`, `1900000`), is written as it is. A spreadsheet reads it as a
//!    number, which is what a figure value or an offset must stay, and a number cannot run.
//!    Nothing else counts as a number here: `+1`, `-1+1`, `-1e5`, ` -5`, `－1` are text.
//! 2. A cell whose first character is a control character (tab, CR, LF and the rest of C0/C1)
//!    is defused: OWASP lists tab and CR as formula starts, and spreadsheets may strip them.
//! 3. A cell whose first character that is not *blank* (Unicode white space, a control
//!    character, or a zero-width character such as U+200B or U+FEFF, which spreadsheets may
//!    trim or ignore) is a *trigger* is defused. The triggers are `=`, `+`, `-` and `@`, their
//!    full-width forms (`＝ ＋ － ＠`, U+FF1D, U+FF0B, U+FF0D, U+FF20), their small forms
//!    (U+FE66, U+FE62, U+FE63, U+FE6B) and the minus sign U+2212, all of which a spreadsheet
//!    may normalise to the ASCII character before it parses the cell.
//! 4. Anything else is written as it is: a cell that is only white space, or that starts with a
//!    letter, a digit, a quote or any other character.
//!
//! *Defused* means one `'` is put before the value and nothing else changes, so the value can be
//! read back by removing that one character. Spreadsheets show a cell that starts with `'` as
//! text. Invariants: the result is the value or `'` followed by the value; defusing a defused
//! cell changes nothing more; a cell that a spreadsheet could run never comes out unchanged.

use std::borrow::Cow;

/// Characters that start a formula in a spreadsheet, in ASCII and in the forms a spreadsheet
/// may fold to ASCII (full-width, small, the minus sign).
const FORMULA_TRIGGERS: [char; 13] = [
    '=', '+', '-', '@', // ASCII
    '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', // full-width ＝ ＋ － ＠
    '\u{FE66}', '\u{FE62}', '\u{FE63}', '\u{FE6B}', // small ﹦ ﹢ ﹣ ﹫
    '\u{2212}', // minus sign −
];

/// Zero-width characters that are not Unicode white space but that a spreadsheet may trim or
/// ignore before a formula start.
const ZERO_WIDTH: [char; 6] = [
    '\u{180E}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// The cell as a spreadsheet will show it without running it: `value` itself, or `'` followed
/// by `value` when a spreadsheet could read it as a formula (see the module documentation for
/// the rule). Plain decimal numbers such as `-0.25` stay as they are, so they stay numbers.
pub fn defuse_cell(value: &str) -> Cow<'_, str> {
    if needs_defusing(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Whether `value` is a plain decimal number: an optional ASCII `-`, one or more ASCII digits,
/// and optionally `.` followed by one or more ASCII digits. This is the form in which the
/// project stores figure values (rust_decimal's `Display`), and the only form of number the
/// spreadsheet profile writes without a `'`.
pub fn is_plain_number(value: &str) -> bool {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

fn needs_defusing(value: &str) -> bool {
    if is_plain_number(value) {
        return false;
    }
    let mut chars = value.chars();
    match chars.next() {
        None => false,
        Some(first) if first.is_control() => true,
        Some(first) => std::iter::once(first)
            .chain(chars)
            .find(|c| !is_blank(*c))
            .is_some_and(|c| FORMULA_TRIGGERS.contains(&c)),
    }
}

/// White space, control characters and zero-width characters: what may come before a formula
/// start without stopping a spreadsheet from running it.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c.is_control() || ZERO_WIDTH.contains(&c)
}

#[cfg(test)]
mod tests;

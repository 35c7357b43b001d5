//! What an annotation file from another tool holds, once read: documents (a text, its metadata,
//! its labelled spans), whatever the tool. Offsets arrive in the tool's unit and refer to the
//! text as the file has it; Claimdesk stores the text with line endings made `\n` and a leading
//! BOM removed, so [`StoredOffsets`] carries each offset over to that text.

use crate::model::{ArticleMeta, Attributes};
use crate::text::offsets::{normalize_newlines, OffsetMap};

use super::OffsetUnit;

/// One text with its spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    /// Where it is in the file, for messages: "line 3", "task 2".
    pub place: String,
    /// The text as the file has it.
    pub text: String,
    /// Metadata the file carries.
    pub meta: ArticleMeta,
    /// Labelled spans.
    pub spans: Vec<Span>,
    /// Things in the document that could not be read, reported and passed over.
    pub problems: Vec<String>,
}

/// A labelled span, offsets in the tool's unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Span {
    pub start: u64,
    pub end: u64,
    pub label: String,
    pub attributes: Attributes,
}

/// Carries offsets from a tool's unit in the file's text to code points in the stored text.
pub(crate) struct StoredOffsets<'a> {
    raw: OffsetMap<'a>,
    unit: OffsetUnit,
    /// Stored code point for each raw code point (and one past the end), when the two differ.
    shift: Option<Vec<usize>>,
}

impl<'a> StoredOffsets<'a> {
    pub fn new(raw: &'a str, unit: OffsetUnit) -> StoredOffsets<'a> {
        let shift = (raw.starts_with('\u{feff}') || raw.contains('\r')).then(|| shifts(raw));
        StoredOffsets {
            raw: OffsetMap::new(raw),
            unit,
            shift,
        }
    }

    /// The stored code-point span for a span in the tool's unit, or why there is none.
    pub fn span(&self, start: u64, end: u64) -> Result<(i64, i64), String> {
        let start = self.code_point(start)?;
        let end = self.code_point(end)?;
        let stored = |cp: usize| match &self.shift {
            Some(shift) => shift[cp],
            None => cp,
        };
        let (start, end) = (stored(start), stored(end));
        let to_i64 = |n: usize| i64::try_from(n).map_err(|_| format!("offset {n} is too large"));
        Ok((to_i64(start)?, to_i64(end)?))
    }

    fn code_point(&self, offset: u64) -> Result<usize, String> {
        let offset =
            usize::try_from(offset).map_err(|_| format!("offset {offset} is too large"))?;
        match self.unit {
            OffsetUnit::CodePoint if offset <= self.raw.len_chars() => Ok(offset),
            OffsetUnit::CodePoint => Err(format!(
                "offset {offset} is beyond the text's {} characters",
                self.raw.len_chars()
            )),
            OffsetUnit::Utf16 => self.raw.utf16_to_char(offset).map_err(|e| e.to_string()),
        }
    }
}

/// For each code point of `raw`, where it lands in `normalize_newlines(raw)`; mirrors that
/// function (a leading BOM goes, CRLF and lone CR become LF).
fn shifts(raw: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(raw.len() + 1);
    let mut stored = 0;
    let mut previous = None;
    for (i, c) in raw.chars().enumerate() {
        out.push(stored);
        let dropped = (i == 0 && c == '\u{feff}') || (c == '\n' && previous == Some('\r'));
        if !dropped {
            stored += 1;
        }
        previous = Some(c);
    }
    out.push(stored);
    debug_assert_eq!(stored, normalize_newlines(raw).chars().count());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored_slice(raw: &str, unit: OffsetUnit, start: u64, end: u64) -> String {
        let (s, e) = StoredOffsets::new(raw, unit).span(start, end).unwrap();
        normalize_newlines(raw)
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect()
    }

    #[test]
    fn utf16_offsets_after_astral_characters_become_code_points() {
        // "😀 John": John is at UTF-16 3..7 and code points 2..6.
        assert_eq!(stored_slice("😀 John", OffsetUnit::Utf16, 3, 7), "John");
        assert_eq!(stored_slice("😀 John", OffsetUnit::CodePoint, 2, 6), "John");
    }

    #[test]
    fn offsets_into_crlf_text_land_on_the_normalised_text() {
        let raw = "\u{feff}One\r\nTwo\rThree";
        assert_eq!(stored_slice(raw, OffsetUnit::CodePoint, 6, 9), "Two");
        assert_eq!(stored_slice(raw, OffsetUnit::CodePoint, 10, 15), "Three");
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_surrogate_pair_are_refused() {
        let offsets = StoredOffsets::new("a😀b", OffsetUnit::Utf16);
        assert!(offsets.span(2, 3).is_err(), "inside the pair");
        assert!(offsets.span(0, 9).is_err(), "past the end");
        assert!(StoredOffsets::new("ab", OffsetUnit::CodePoint)
            .span(0, 3)
            .is_err());
    }
}

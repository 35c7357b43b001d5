//! Conversions between the offset units that meet in this app, and the
//! grapheme rules every annotation span obeys.
//!
//! Invariants: canonical offsets are Unicode scalar values (code points) into
//! the article text, with `end` exclusive, as the W3C Web Annotation model
//! requires and as Python's `text[start:end]` slices. The webview speaks
//! UTF-16 code units and Rust strings are UTF-8 bytes; this module is the only
//! place that converts between the three. A stored span never splits an
//! extended grapheme cluster, and article text has had its line endings
//! normalised to `\n` by [`normalize_newlines`] before any offset is taken.

use unicode_segmentation::{GraphemeCursor, GraphemeIncomplete, UnicodeSegmentation};

mod error;
#[cfg(test)]
mod tests;

pub use error::{OffsetError, Side, Unit};

/// Number of code points before which the quote context is cut on each side.
pub const CONTEXT_CHARS: usize = 32;

/// Code points between checkpoints: a conversion scans at most this many.
const BLOCK: usize = 64;

/// Normalise text as imported: strip one leading U+FEFF, turn "\r\n" and lone
/// "\r" into "\n". Nothing else (no NFC), so offsets stay stable.
pub fn normalize_newlines(raw: &str) -> String {
    let body = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// The selector text for a span: the span itself plus bounded context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The text of the span.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] code points before the span, whole clusters only.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points after the span, whole clusters only.
    pub suffix: String,
}

/// One place in the text, counted in all three units at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Pos {
    char: usize,
    byte: usize,
    utf16: usize,
}

/// Precomputed index over one text for fast conversions.
///
/// Keeps a checkpoint every 64 code points, so each conversion is a binary
/// search plus a scan of at most one block; grapheme questions are answered
/// by a [`GraphemeCursor`] that only reads the characters around the offset.
#[derive(Debug, Clone)]
pub struct OffsetMap<'a> {
    text: &'a str,
    checkpoints: Vec<Pos>,
    end: Pos,
}

impl<'a> OffsetMap<'a> {
    /// Index `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut pos = Pos::default();
        for c in text.chars() {
            if pos.char % BLOCK == 0 {
                checkpoints.push(pos);
            }
            pos = step(pos, c);
        }
        if pos.char % BLOCK == 0 {
            checkpoints.push(pos);
        }
        OffsetMap {
            text,
            checkpoints,
            end: pos,
        }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.end.char
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.end.utf16
    }

    /// Convert a code point offset to a UTF-16 offset.
    pub fn char_to_utf16(&self, cp: usize) -> Result<usize, OffsetError> {
        Ok(self.pos_of_char(cp)?.utf16)
    }

    /// Convert a UTF-16 offset to a code point offset; rejects an offset
    /// between the halves of a surrogate pair.
    pub fn utf16_to_char(&self, unit: usize) -> Result<usize, OffsetError> {
        check_range(unit, self.end.utf16, Unit::Utf16)?;
        let block = self.checkpoints.partition_point(|p| p.utf16 <= unit);
        let pos = self.scan(block.saturating_sub(1), |p| p.utf16 >= unit);
        if pos.utf16 == unit {
            Ok(pos.char)
        } else {
            Err(OffsetError::InsideSurrogatePair { offset: unit })
        }
    }

    /// Convert a code point offset to a UTF-8 byte offset.
    pub fn char_to_byte(&self, cp: usize) -> Result<usize, OffsetError> {
        Ok(self.pos_of_char(cp)?.byte)
    }

    /// Convert a UTF-8 byte offset to a code point offset; rejects an offset
    /// that is not on a char boundary.
    pub fn byte_to_char(&self, byte: usize) -> Result<usize, OffsetError> {
        check_range(byte, self.end.byte, Unit::Byte)?;
        if !self.text.is_char_boundary(byte) {
            return Err(OffsetError::InsideUtf8Sequence { offset: byte });
        }
        let block = self.checkpoints.partition_point(|p| p.byte <= byte);
        Ok(self.scan(block.saturating_sub(1), |p| p.byte >= byte).char)
    }

    /// The text between two code point offsets; an empty span is allowed.
    pub fn slice(&self, start: usize, end: usize) -> Result<&'a str, OffsetError> {
        let (from, to) = (self.pos_of_char(start)?, self.pos_of_char(end)?);
        if start > end {
            return Err(OffsetError::Reversed { start, end });
        }
        Ok(self.text.get(from.byte..to.byte).unwrap_or_default())
    }

    /// Whether a code point offset lies between two grapheme clusters (the
    /// ends of the text always do).
    pub fn is_grapheme_boundary(&self, cp: usize) -> Result<bool, OffsetError> {
        let (before, after) = self.enclosing(cp)?;
        Ok(before == after)
    }

    /// Widen a span outward to the nearest grapheme boundaries (start moves
    /// left, end moves right). An empty span on a boundary stays empty.
    pub fn snap_to_graphemes(
        &self,
        start: usize,
        end: usize,
    ) -> Result<(usize, usize), OffsetError> {
        let (lo, _) = self.enclosing(start)?;
        let (_, hi) = self.enclosing(end)?;
        if start > end {
            return Err(OffsetError::Reversed { start, end });
        }
        Ok((lo, hi))
    }

    /// Check a span: start <= end <= len, start < end, both on grapheme boundaries.
    pub fn check_span(&self, start: usize, end: usize) -> Result<(), OffsetError> {
        check_range(start, self.end.char, Unit::CodePoint)?;
        check_range(end, self.end.char, Unit::CodePoint)?;
        if start > end {
            return Err(OffsetError::Reversed { start, end });
        }
        if start == end {
            return Err(OffsetError::Empty { at: start });
        }
        for (cp, side) in [(start, Side::Start), (end, Side::End)] {
            if !self.is_grapheme_boundary(cp)? {
                return Err(OffsetError::SplitsGrapheme { start, end, side });
            }
        }
        Ok(())
    }

    /// The quote selector for a valid span (see [`Self::check_span`]):
    /// exact = text[start..end], prefix = up to [`CONTEXT_CHARS`] code points
    /// before, suffix = up to [`CONTEXT_CHARS`] after. The context is cut at
    /// code points but shrunk to a grapheme boundary at its outer edge, so it
    /// never carries half a cluster.
    pub fn quote(&self, start: usize, end: usize) -> Result<Quote, OffsetError> {
        self.check_span(start, end)?;
        // The span ends are boundaries, so shrinking stops at them at worst.
        let (_, prefix_start) = self.enclosing(start.saturating_sub(CONTEXT_CHARS))?;
        let suffix_end = end.saturating_add(CONTEXT_CHARS).min(self.end.char);
        let (suffix_end, _) = self.enclosing(suffix_end)?;
        Ok(Quote {
            exact: self.slice(start, end)?.to_owned(),
            prefix: self.slice(prefix_start, start)?.to_owned(),
            suffix: self.slice(end, suffix_end)?.to_owned(),
        })
    }

    fn pos_of_char(&self, cp: usize) -> Result<Pos, OffsetError> {
        check_range(cp, self.end.char, Unit::CodePoint)?;
        Ok(self.scan(cp / BLOCK, |p| p.char >= cp))
    }

    /// Walk forward from checkpoint `block` to the first position where
    /// `done` holds, or the end of the text.
    fn scan(&self, block: usize, done: impl Fn(&Pos) -> bool) -> Pos {
        // A missing checkpoint cannot happen for in-range offsets; starting
        // from the beginning of the text is still correct, only slower.
        let mut pos = self.checkpoints.get(block).copied().unwrap_or_default();
        let rest = self.text.get(pos.byte..).unwrap_or_default();
        let mut chars = rest.chars();
        while !done(&pos) {
            match chars.next() {
                Some(c) => pos = step(pos, c),
                None => break,
            }
        }
        pos
    }

    /// The nearest grapheme boundaries at or before, and at or after, `cp`.
    fn enclosing(&self, cp: usize) -> Result<(usize, usize), OffsetError> {
        let byte = self.char_to_byte(cp)?;
        let (before, after) = self.enclosing_bytes(byte);
        if before == after {
            return Ok((cp, cp));
        }
        Ok((self.byte_to_char(before)?, self.byte_to_char(after)?))
    }

    fn enclosing_bytes(&self, byte: usize) -> (usize, usize) {
        let local = self
            .cursor(byte, |c, t| c.is_boundary(t, 0))
            .and_then(|on| {
                if on {
                    return Some((byte, byte));
                }
                let before = self.cursor(byte, |c, t| c.prev_boundary(t, 0))??;
                let after = self.cursor(byte, |c, t| c.next_boundary(t, 0))??;
                Some((before, after))
            });
        local.unwrap_or_else(|| self.enclosing_bytes_by_full_scan(byte))
    }

    /// Run one cursor query at `byte`, answering any request for pre-context.
    ///
    /// The whole text goes in as a single chunk starting at 0: a `&str` costs
    /// nothing to pass, the cursor reads only the characters around the
    /// offset, and since the chunk reaches the start of the text it can
    /// always decide and never asks for more. The pre-context arm is there in
    /// case a future version of the crate behaves otherwise. The one
    /// non-local case is a run of regional indicators, whose pairing the
    /// cursor settles by counting back to the start of the run.
    fn cursor<T>(
        &self,
        byte: usize,
        query: impl Fn(&mut GraphemeCursor, &str) -> Result<T, GraphemeIncomplete>,
    ) -> Option<T> {
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        for _ in 0..4 {
            match query(&mut cursor, self.text) {
                Ok(answer) => return Some(answer),
                Err(GraphemeIncomplete::PreContext(upto)) => {
                    cursor.provide_context(self.text.get(..upto)?, 0);
                }
                Err(_) => return None,
            }
        }
        None
    }

    /// O(n) answer used only if the cursor ever refuses to decide.
    fn enclosing_bytes_by_full_scan(&self, byte: usize) -> (usize, usize) {
        let mut before = 0;
        for (at, _) in self.text.grapheme_indices(true) {
            if at == byte {
                return (at, at);
            }
            if at > byte {
                return (before, at);
            }
            before = at;
        }
        if byte >= self.text.len() {
            (self.text.len(), self.text.len())
        } else {
            (before, self.text.len())
        }
    }
}

fn step(pos: Pos, c: char) -> Pos {
    Pos {
        char: pos.char + 1,
        byte: pos.byte + c.len_utf8(),
        utf16: pos.utf16 + c.len_utf16(),
    }
}

fn check_range(offset: usize, len: usize, unit: Unit) -> Result<(), OffsetError> {
    if offset > len {
        return Err(OffsetError::OutOfRange { offset, len, unit });
    }
    Ok(())
}

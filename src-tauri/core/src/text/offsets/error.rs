//! What an offset is counted in, and why an offset or span was refused.

use std::fmt;

/// The unit an offset is counted in, named in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values, the canonical unit.
    CodePoint,
    /// UTF-16 code units, as JavaScript counts.
    Utf16,
    /// UTF-8 bytes, as Rust strings count.
    Byte,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::CodePoint => "code point",
            Unit::Utf16 => "UTF-16 code unit",
            Unit::Byte => "byte",
        })
    }
}

/// Which end of a span an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The inclusive start.
    Start,
    /// The exclusive end.
    End,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Start => "start",
            Side::End => "end",
        })
    }
}

/// Why an offset or span was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OffsetError {
    /// The offset lies past the end of the text.
    #[error("{unit} offset {offset} is beyond the text length of {len} {unit}s")]
    OutOfRange {
        /// The offending offset.
        offset: usize,
        /// Length of the text in the same unit.
        len: usize,
        /// The unit both are counted in.
        unit: Unit,
    },
    /// A UTF-16 offset points between the two halves of a surrogate pair.
    #[error("UTF-16 offset {offset} falls inside a surrogate pair")]
    InsideSurrogatePair {
        /// The offending UTF-16 offset.
        offset: usize,
    },
    /// A byte offset points inside a multi-byte UTF-8 sequence.
    #[error("byte offset {offset} falls inside a UTF-8 sequence")]
    InsideUtf8Sequence {
        /// The offending byte offset.
        offset: usize,
    },
    /// The span's start lies after its end.
    #[error("span start {start} is after its end {end}")]
    Reversed {
        /// Start, in code points.
        start: usize,
        /// End, in code points.
        end: usize,
    },
    /// The span covers no text where a non-empty one is required.
    #[error("span at code point {at} is empty")]
    Empty {
        /// Where the empty span sits, in code points.
        at: usize,
    },
    /// One end of the span lies inside a grapheme cluster.
    #[error("span {start}..{end} splits a grapheme cluster at its {side}")]
    SplitsGrapheme {
        /// Start, in code points.
        start: usize,
        /// End, in code points.
        end: usize,
        /// The end that is not on a grapheme boundary.
        side: Side,
    },
}

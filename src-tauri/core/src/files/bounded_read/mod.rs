//! Reading untrusted files within limits, while reading: every reader of other people's files
//! (corpora, doccano, Label Studio) goes through this module, so that one 2 GB row, line or file
//! is refused after at most the limit has been read, never after it has been buffered.
//!
//! - [`BoundedReader`] counts the bytes it hands out and fails with [`LimitExceeded`] once a
//!   whole-file limit or a per-record limit is passed. The record limit is measured from a mark
//!   the caller sets at each record's start through the shared [`ReadMeter`], which is how a
//!   parser that owns the reader (the csv crate, serde_json) is bounded per record.
//! - [`LineReader`] reads one line at a time into the caller's buffer and refuses a line longer
//!   than its limit without holding the rest of it: the rest is skipped up to the next newline,
//!   so the following lines are read as usual.
//! - [`read_json_items`] parses a JSON array item by item from a bounded reader, so memory
//!   follows the largest item, not the file.
//!
//! A new format reads through one of these three, with its limits from the import options.
//!
//! Invariant: a reader never hands out more than one byte past a limit, and none of them ever
//! holds more than its limit (plus one byte and the inner reader's own buffer) of one record or
//! line.

mod json_items;
mod lines;

use std::cell::Cell;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

pub(crate) use json_items::{item_record_limit, read_json_items, JsonItemsError};
pub(crate) use lines::LineReader;

/// Buffer for reading untrusted files: large enough that skipping a long line or reading a big
/// file takes few system calls, small beside any limit.
pub(crate) const READ_BUFFER: usize = 64 * 1024;

/// Which limit a [`BoundedReader`] stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// The whole file is larger than its limit.
    File,
    /// The current record (row, task) is larger than its limit.
    Record,
}

/// The error a [`BoundedReader`] returns, carried inside an [`io::Error`] so that it passes
/// through any parser; [`exceeded`] finds it again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LimitExceeded(pub Limit);

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Limit::File => f.write_str("the file is larger than its limit"),
            Limit::Record => f.write_str("a record is larger than its limit"),
        }
    }
}

impl std::error::Error for LimitExceeded {}

/// The limit an I/O error (possibly wrapped by a parser) reports having passed, if any.
pub(crate) fn exceeded(err: &io::Error) -> Option<Limit> {
    err.get_ref()
        .and_then(|e| e.downcast_ref::<LimitExceeded>())
        .map(|e| e.0)
}

/// Byte counts and limits shared between a [`BoundedReader`] and the code that drives the parser
/// reading from it (which marks where each record starts).
#[derive(Debug)]
pub(crate) struct ReadMeter {
    read: Cell<u64>,
    record_start: Cell<u64>,
    file_limit: u64,
    record_limit: u64,
}

impl ReadMeter {
    /// A meter allowing `file_limit` bytes in all and `record_limit` bytes from each record mark
    /// (`u64::MAX`: no limit).
    pub fn new(file_limit: u64, record_limit: u64) -> Rc<ReadMeter> {
        Rc::new(ReadMeter {
            read: Cell::new(0),
            record_start: Cell::new(0),
            file_limit,
            record_limit,
        })
    }

    /// A record starts at byte `offset` of the file.
    pub fn start_record_at(&self, offset: u64) {
        self.record_start.set(offset);
    }

    /// A record starts after the bytes handed out so far.
    pub fn start_record(&self) {
        self.record_start.set(self.read.get());
    }

    /// Bytes handed out so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.get()
    }

    /// Bytes that may still be handed out before a limit is reached.
    fn room(&self) -> u64 {
        let read = self.read.get();
        let record_end = self.record_start.get().saturating_add(self.record_limit);
        self.file_limit.min(record_end).saturating_sub(read)
    }

    /// The limit passed by the bytes handed out so far, if any.
    fn passed(&self) -> Option<Limit> {
        let read = self.read.get();
        if read > self.file_limit {
            Some(Limit::File)
        } else if read > self.record_start.get().saturating_add(self.record_limit) {
            Some(Limit::Record)
        } else {
            None
        }
    }
}

/// A reader that fails with [`LimitExceeded`] once its [`ReadMeter`]'s file or record limit is
/// passed. It hands out at most one byte past a limit, so that "exactly the limit" still reads
/// to its end; the next read call then fails.
pub(crate) struct BoundedReader<R> {
    inner: R,
    meter: Rc<ReadMeter>,
}

impl<R: Read> BoundedReader<R> {
    /// Read `inner` within the limits of `meter`.
    pub fn new(inner: R, meter: Rc<ReadMeter>) -> BoundedReader<R> {
        BoundedReader { inner, meter }
    }
}

impl<R: Read> Read for BoundedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(limit) = self.meter.passed() {
            return Err(io::Error::other(LimitExceeded(limit)));
        }
        // One byte past the room tells "more than the limit" from "exactly the limit".
        let past = self.meter.room().saturating_add(1);
        let allowed = buf.len().min(usize::try_from(past).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..allowed])?;
        self.meter.read.set(self.meter.read.get() + n as u64);
        match self.meter.passed() {
            Some(limit) => Err(io::Error::other(LimitExceeded(limit))),
            None => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(meter: Rc<ReadMeter>, input: &[u8], marks: &[u64]) -> io::Result<Vec<u8>> {
        let mut reader = BoundedReader::new(input, meter.clone());
        let mut out = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            if marks.contains(&meter.bytes_read()) {
                meter.start_record();
            }
            match reader.read(&mut byte)? {
                0 => return Ok(out),
                _ => out.push(byte[0]),
            }
        }
    }

    #[test]
    fn a_file_of_exactly_its_limit_reads_and_one_byte_more_fails() {
        let exact = read_all(ReadMeter::new(5, u64::MAX), b"12345", &[]).unwrap();
        assert_eq!(exact, b"12345");
        let err = read_all(ReadMeter::new(5, u64::MAX), b"123456", &[]).unwrap_err();
        assert_eq!(exceeded(&err), Some(Limit::File));
    }

    #[test]
    fn each_record_is_measured_from_its_mark() {
        let meter = ReadMeter::new(u64::MAX, 4);
        let fine = read_all(meter, b"aaaabbbbcccc", &[4, 8]).unwrap();
        assert_eq!(fine.len(), 12);
        let err = read_all(ReadMeter::new(u64::MAX, 4), b"aaaabbbbbcc", &[4]).unwrap_err();
        assert_eq!(exceeded(&err), Some(Limit::Record));
        let err = io::Error::other("unrelated");
        assert_eq!(exceeded(&err), None);
    }
}

//! Lines of bounded length: a line over the limit is skipped up to its newline without being
//! held, so the reader stays within the limit and goes on at the next line.

use std::io::{self, BufRead, Read};

/// Where one line lies in the file, and whether it fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number, counting blank lines.
    pub number: u64,
    /// Byte offset of the line's first byte in the file.
    pub start: u64,
    /// Whether the line was longer than the limit (and so skipped, not read into the buffer).
    pub too_long: bool,
}

/// Lines of at most `max_line` bytes (not counting the newline), read without ever buffering
/// more than that (and one byte) of one line.
pub(crate) struct LineReader<R> {
    inner: R,
    max_line: u64,
    number: u64,
    offset: u64,
}

impl<R: BufRead> LineReader<R> {
    /// Read lines from `inner`, refusing those longer than `max_line` bytes.
    pub fn new(inner: R, max_line: u64) -> LineReader<R> {
        LineReader {
            inner,
            max_line,
            number: 0,
            offset: 0,
        }
    }

    /// Bytes of the file consumed so far (the lines read, with their newlines).
    pub fn bytes_read(&self) -> u64 {
        self.offset
    }

    /// The next line into `buf` (cleared first, without its `\n`), or `None` at the end of the
    /// file. A line longer than the limit leaves `buf` empty and says so in [`Line::too_long`];
    /// the next call reads the line after it.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
        buf.clear();
        let start = self.offset;
        // The line and its newline: one byte more than that means the line is too long.
        let room = self.max_line.saturating_add(1);
        let read = (&mut self.inner).take(room).read_until(b'\n', buf)? as u64;
        if read == 0 {
            return Ok(None);
        }
        self.offset += read;
        let ended = buf.last() == Some(&b'\n');
        let too_long = read == room && !ended;
        if too_long {
            // The rest of the line is skipped, not read: nothing more of it is held.
            *buf = Vec::new();
            self.offset += self.inner.skip_until(b'\n')? as u64;
        } else if ended {
            buf.pop();
        }
        self.number += 1;
        Ok(Some(Line {
            number: self.number,
            start,
            too_long,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<(u64, bool, String)> {
        let mut reader = LineReader::new(io::BufReader::with_capacity(4, input), max);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(line) = reader.next_line(&mut buf).unwrap() {
            out.push((
                line.number,
                line.too_long,
                String::from_utf8_lossy(&buf).into_owned(),
            ));
        }
        out
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_read() {
        let got = lines(b"short\nmuch too long a line\n\nlast", 10);
        assert_eq!(
            got,
            [
                (1, false, "short".into()),
                (2, true, String::new()),
                (3, false, String::new()),
                (4, false, "last".into()),
            ]
        );
    }

    #[test]
    fn a_line_of_exactly_the_limit_fits() {
        assert_eq!(
            lines(b"0123456789\n", 10),
            [(1, false, "0123456789".into())]
        );
        assert_eq!(lines(b"0123456789a", 10), [(1, true, String::new())]);
    }

    #[test]
    fn the_buffer_never_holds_more_than_the_limit() {
        let long = vec![b'x'; 100_000];
        let mut reader = LineReader::new(io::BufReader::new(&long[..]), 1000);
        let mut buf = Vec::new();
        let line = reader.next_line(&mut buf).unwrap().unwrap();
        assert!(line.too_long);
        assert!(buf.capacity() <= 1000 + 8192, "{}", buf.capacity());
        assert_eq!(reader.bytes_read(), 100_000);
    }
}

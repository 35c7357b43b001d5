//! Bytes to text through encoding_rs, the decoders browsers use. The encoding is, in order: a
//! byte-order mark (UTF-8, UTF-16LE, UTF-16BE), the one the analyst chose, the one an HTML page
//! declares, UTF-8. Invalid bytes are refused with the file and byte offset named, unless the
//! analyst asked for a lossy import, which replaces them with U+FFFD and says how many.

use encoding_rs::{DecoderResult, Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};

/// Bytes of an HTML page searched for a `<meta charset>` declaration. The WHATWG prescan reads
/// 1,024; pages often put a long `<head>` first, so we look a little further.
const CHARSET_PRESCAN_BYTES: usize = 4096;

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without the byte-order mark.
    pub text: String,
    /// The decoder used.
    pub encoding: &'static Encoding,
    /// How many malformed sequences were replaced by U+FFFD (lossy imports only).
    pub replacements: u64,
    /// Byte offset in the file of the first malformed sequence, if any was replaced.
    pub first_invalid_byte: Option<u64>,
}

impl Decoded {
    /// Whether bytes were replaced.
    pub fn is_lossy(&self) -> bool {
        self.replacements > 0
    }
}

/// The encoding an analyst named, by its WHATWG label ("latin1" and "iso-8859-1" mean
/// windows-1252, as in every browser).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(encoding) if encoding != REPLACEMENT => Ok(encoding),
        _ => Err(Error::invalid(format!(
            "unknown encoding \"{label}\": use a name such as utf-8, windows-1252, iso-8859-2, \
             iso-8859-5, koi8-r or utf-16le"
        ))),
    }
}

/// Decode a file's bytes. `chosen` is the analyst's encoding, `declared` the page's own.
pub fn decode(
    bytes: &[u8],
    source: &str,
    chosen: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
    lossy: bool,
) -> Result<Decoded> {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, bom_len),
        None => (chosen.or(declared).unwrap_or(UTF_8), 0),
    };
    if encoding != UTF_16LE && encoding != UTF_16BE {
        refuse_binary(bytes, source)?;
    }
    let body = &bytes[bom_len..];
    let offset = |at: usize| (at + bom_len) as u64;
    match decode_body(encoding, body, lossy) {
        Ok((text, replacements, first)) => Ok(Decoded {
            text,
            encoding,
            replacements,
            first_invalid_byte: first.map(offset),
        }),
        Err(at) => Err(Error::invalid(format!(
            "{source} is not valid {} text (first bad byte at offset {}): import it with its \
             encoding (for example windows-1252 or koi8-r), or as lossy to replace the bad bytes \
             and flag the article",
            encoding.name(),
            offset(at)
        ))),
    }
}

/// Decode without a BOM; on a malformed sequence, refuse with its offset unless `lossy`.
fn decode_body(
    encoding: &'static Encoding,
    body: &[u8],
    lossy: bool,
) -> std::result::Result<(String, u64, Option<usize>), usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = |len: usize| decoder_capacity(encoding, len);
    let mut text = String::with_capacity(capacity(body.len()));
    let (mut pos, mut replacements, mut first) = (0, 0u64, None);
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok((text, replacements, first)),
            DecoderResult::OutputFull => text.reserve(capacity(body.len() - pos) + 4),
            DecoderResult::Malformed(bad, after) => {
                let at = pos - usize::from(after) - usize::from(bad);
                if !lossy {
                    return Err(at);
                }
                first.get_or_insert(at);
                replacements += 1;
                text.push('\u{FFFD}');
            }
        }
    }
}

/// Room for the decoded text: UTF-8 never needs more than three bytes per input byte.
fn decoder_capacity(encoding: &'static Encoding, len: usize) -> usize {
    if encoding == UTF_8 {
        len
    } else {
        len.saturating_mul(3)
    }
}

/// Refuse files that are not text, with what they look like. UTF-16 is checked by the caller:
/// its ASCII has NUL bytes.
fn refuse_binary(bytes: &[u8], source: &str) -> Result<()> {
    const SIGNATURES: [(&[u8], &str); 8] = [
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive or office document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "a program"),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(Error::invalid(format!(
            "{source} is {what}, not a text or HTML file"
        )));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::invalid(format!(
            "{source} looks like a binary file, not text (NUL byte at offset {at}); if it is \
             UTF-16 text without a byte-order mark, import it with the encoding utf-16le"
        )));
    }
    Ok(())
}

/// The encoding an HTML page declares in `<meta charset>` or `<meta http-equiv content>` near
/// its start. A page declaring UTF-16 in ASCII bytes is not UTF-16: browsers read it as UTF-8.
pub fn declared_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut rest = lower.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(label) = charset_in_tag(&tag[..end]) {
            let encoding = Encoding::for_label(label)?;
            return Some(match encoding {
                e if e == UTF_16LE || e == UTF_16BE => UTF_8,
                e if e == REPLACEMENT => return None,
                e => e,
            });
        }
        rest = &tag[end..];
    }
    None
}

/// The label after `charset=` inside one lower-cased `<meta ...>` tag.
fn charset_in_tag(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let after = tag[at + b"charset".len()..].trim_ascii_start();
    let after = after.strip_prefix(b"=")?.trim_ascii_start();
    let after = after
        .strip_prefix(b"\"")
        .or_else(|| after.strip_prefix(b"'"))
        .unwrap_or(after);
    let len = after
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
        .unwrap_or(after.len());
    (len > 0).then(|| &after[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{KOI8_R, WINDOWS_1252};

    #[test]
    fn a_bom_wins_over_every_declaration() {
        let bytes = b"\xEF\xBB\xBFcaf\xC3\xA9";
        let decoded = decode(bytes, "f", Some(WINDOWS_1252), Some(KOI8_R), false).unwrap();
        assert_eq!(decoded.text, "café");
        assert_eq!(decoded.encoding, UTF_8);
        let utf16: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0].to_vec();
        assert_eq!(decode(&utf16, "f", None, None, false).unwrap().text, "hi");
    }

    #[test]
    fn invalid_bytes_are_refused_with_their_offset_or_replaced_when_lossy() {
        let err = decode(b"ab\xFFcd", "page.html", None, None, false).unwrap_err();
        assert!(
            err.to_string()
                .contains("page.html is not valid UTF-8 text (first bad byte at offset 2)"),
            "{err}"
        );
        let lossy = decode(b"ab\xFFcd\xFE", "page.html", None, None, true).unwrap();
        assert_eq!(lossy.text, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!((lossy.replacements, lossy.first_invalid_byte), (2, Some(2)));
        let with_bom = decode(b"\xEF\xBB\xBFab\xFF", "f", None, None, false).unwrap_err();
        assert!(with_bom.to_string().contains("offset 5"), "{with_bom}");
    }

    #[test]
    fn legacy_charsets_decode_through_their_decoder() {
        let koi8 = decode(b"\xf0\xd2\xc9\xd7\xc5\xd4", "f", Some(KOI8_R), None, false).unwrap();
        assert_eq!(koi8.text, "Привет");
        let cp1252 = decode(
            b"\x93caf\xe9\x94 \x80",
            "f",
            None,
            Some(WINDOWS_1252),
            false,
        )
        .unwrap();
        assert_eq!(cp1252.text, "\u{201C}café\u{201D} €");
    }

    #[test]
    fn binary_files_are_refused_with_what_they_look_like() {
        let pdf = decode(b"%PDF-1.7\n", "report.txt", None, None, false).unwrap_err();
        assert!(
            pdf.to_string().contains("report.txt is a PDF document"),
            "{pdf}"
        );
        let nul = decode(b"ab\0cd", "x.txt", None, None, true).unwrap_err();
        assert!(nul.to_string().contains("NUL byte at offset 2"), "{nul}");
    }

    #[test]
    fn page_charset_is_found_in_meta_tags() {
        let page = |s: &str| declared_html_charset(s.as_bytes()).map(Encoding::name);
        assert_eq!(page("<head><META CHARSET='KOI8-R'>"), Some("KOI8-R"));
        assert_eq!(
            page(r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#),
            Some("windows-1252")
        );
        assert_eq!(page("<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(page("<meta name=description content=charset>"), None);
        assert_eq!(page("<p>no declaration</p>"), None);
        assert_eq!(encoding_for_label("latin1").unwrap().name(), "windows-1252");
        assert!(encoding_for_label("klingon").is_err());
    }
}

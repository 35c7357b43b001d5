//! One file, one article: plain text and Markdown kept as written, HTML reduced to its article.
//! Every limit is checked here: the kind of file and its size before it is opened, the nesting
//! depth and node count while parsing, and one deadline over the whole of it, from reading the
//! bytes to the last character of text. Nothing here touches the store: the result is a draft,
//! stored (briefly) by the caller.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use encoding_rs::Encoding;

use super::commit::Draft;
use super::decode::{declared_html_charset, decode, Decoded};
use super::html::{read_page, Deadline, ParseRefusal, MAX_NODES};
use super::options::ImportOptions;
use crate::error::{Error, Result};
use crate::files::file_kind::ensure_regular_file;
use crate::model::provenance::{ArticleSource, SourceFormat};
use crate::model::ArticleMeta;

/// Read one text, Markdown or HTML file into a draft article.
pub(crate) fn read_document(
    path: &Path,
    format: SourceFormat,
    options: &ImportOptions,
    chosen: Option<&'static Encoding>,
) -> Result<Draft> {
    let mut deadline =
        Deadline::new(Instant::now() + Duration::from_secs(u64::from(options.max_seconds)));
    let source = path.display().to_string();
    let bytes = read_capped(path, options.max_bytes)?;
    let declared = match format {
        SourceFormat::Html => declared_html_charset(&bytes),
        _ => None,
    };
    let decoded = decode(&bytes, &source, chosen, declared, options.lossy)?;
    let record = source_record(format, &decoded);
    let check = |deadline: &Deadline| {
        deadline
            .check()
            .map_err(|refusal| refused(refusal, &source, options))
    };
    check(&deadline)?;
    // The decoded text is moved, not copied, and an HTML page's is dropped once read: a page near
    // the size limit is then in memory as bytes, text and tree, never twice over.
    let (text, meta) = match format {
        SourceFormat::Html => {
            let page = read_page(&decoded.text, options.max_depth, &mut deadline)
                .map_err(|refusal| refused(refusal, &source, options))?;
            drop(decoded.text);
            (page.text, page.meta)
        }
        SourceFormat::Markdown => {
            let meta = markdown_meta(&decoded.text);
            (decoded.text, meta)
        }
        _ => (decoded.text, ArticleMeta::default()),
    };
    check(&deadline)?;
    if text.trim().is_empty() {
        return Err(Error::invalid(format!(
            "{source} holds no article text{}",
            if format == SourceFormat::Html {
                " (nothing visible outside navigation, banners and scripts)"
            } else {
                ""
            }
        )));
    }
    Ok(Draft::new(&text, meta, bytes, record).named(source))
}

/// The source record of a decoded file or row.
pub(crate) fn source_record(format: SourceFormat, decoded: &Decoded) -> ArticleSource {
    ArticleSource {
        format,
        encoding: decoded.encoding.name().to_owned(),
        lossy: decoded.is_lossy(),
        replacements: i64::try_from(decoded.replacements).unwrap_or(i64::MAX),
        first_invalid_byte: decoded
            .first_invalid_byte
            .map(|b| i64::try_from(b).unwrap_or(i64::MAX)),
    }
}

/// Read a regular file of at most `max_bytes`. A folder, named pipe, socket or device is refused
/// before it is opened. The cap is applied while reading too: a file still growing cannot slip
/// past a size read earlier.
pub(crate) fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let context = || format!("reading {}", path.display());
    ensure_regular_file(path)?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(context(), e))?;
    let meta = file.metadata().map_err(|e| Error::io(context(), e))?;
    let too_large = || {
        Error::invalid(format!(
            "{} is larger than the {} limit for one article: it was not imported (raise the \
             size limit to import it)",
            path.display(),
            describe_bytes(max_bytes)
        ))
    };
    if meta.len() > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(context(), e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// "50 MB", "512 KB", "100 bytes".
pub(crate) fn describe_bytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MB && b % MB == 0 => format!("{} MB", b / MB),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

fn refused(refusal: ParseRefusal, source: &str, options: &ImportOptions) -> Error {
    Error::invalid(match refusal {
        ParseRefusal::TooDeep => format!(
            "{source} nests elements more than {} deep, far beyond any article page: it was \
             refused (raise the nesting limit to import it anyway)",
            options.max_depth
        ),
        ParseRefusal::TooSlow => format!(
            "{source} took longer than {} s to read; it may be built to slow readers down: it \
             was refused (raise the time limit to import it anyway)",
            options.max_seconds
        ),
        ParseRefusal::NodeLimit => format!(
            "{source} has more than {MAX_NODES} elements and attributes, far beyond any article \
             page; it may be built to exhaust memory: it was refused (copy the article's text \
             and paste it instead)"
        ),
    })
}

/// A Markdown file's title is its first heading, when it opens with one.
fn markdown_meta(text: &str) -> ArticleMeta {
    let first = text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let title = match first.strip_prefix('#') {
        Some(heading) => heading.trim_start_matches('#').trim().to_owned(),
        None => String::new(),
    };
    ArticleMeta {
        title,
        ..ArticleMeta::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_titles_come_from_the_first_heading() {
        assert_eq!(
            markdown_meta("\n## Une  histoire\n\ntexte").title,
            "Une  histoire"
        );
        assert_eq!(markdown_meta("plain first line").title, "");
    }

    #[test]
    fn byte_limits_are_described_in_round_units() {
        assert_eq!(describe_bytes(50 * 1024 * 1024), "50 MB");
        assert_eq!(describe_bytes(2048), "2 KB");
        assert_eq!(describe_bytes(1000), "1000 bytes");
    }
}

//! The article sizes the benches run at. Density stays that of the 1 MB fixture (one annotation
//! per 100 bytes of text), so a curve over sizes shows how cost grows with the article alone.

/// Bytes of text per annotation.
const BYTES_PER_ANNOTATION: usize = 100;

/// The sizes run when `CLAIMDESK_BENCH_ARTICLE_SIZES` is not set.
pub const DEFAULT_SIZES: &str = "64K,256K,1M,4M";

/// An article of `bytes` bytes of text with `annotations` annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleSize {
    pub bytes: usize,
    pub annotations: usize,
}

impl ArticleSize {
    /// The fixture the README's figures are for: 1 MB, 10,000 annotations.
    pub const ONE_MB: ArticleSize = ArticleSize::of_bytes(1_000_000);

    pub const fn of_bytes(bytes: usize) -> ArticleSize {
        ArticleSize {
            bytes,
            annotations: bytes / BYTES_PER_ANNOTATION,
        }
    }

    /// "64 KB", "1 MB", "4 MB" (decimal units, as the sizes are given).
    pub fn label(&self) -> String {
        if self.bytes >= 1_000_000 && self.bytes.is_multiple_of(1_000_000) {
            format!("{} MB", self.bytes / 1_000_000)
        } else if self.bytes >= 1_000 {
            format!("{} KB", self.bytes / 1_000)
        } else {
            format!("{} B", self.bytes)
        }
    }

    /// The article's title, as the library shows it.
    pub fn title(&self) -> String {
        format!(
            "Benchmark: {} article with {} annotations",
            self.label(),
            thousands(self.annotations)
        )
    }

    /// The size and annotation count, as the results' parameters.
    pub fn params(&self) -> serde_json::Value {
        serde_json::json!({ "article_bytes": self.bytes, "annotations": self.annotations })
    }
}

/// The sizes in `CLAIMDESK_BENCH_ARTICLE_SIZES` ("64K,256K,1M,4M": K and M are 1,000 and
/// 1,000,000 bytes), or [`DEFAULT_SIZES`].
pub fn from_env() -> Result<Vec<ArticleSize>, String> {
    let spec =
        std::env::var("CLAIMDESK_BENCH_ARTICLE_SIZES").unwrap_or_else(|_| DEFAULT_SIZES.to_owned());
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse)
        .collect::<Result<Vec<_>, _>>()
        .and_then(|sizes| {
            if sizes.is_empty() {
                Err("CLAIMDESK_BENCH_ARTICLE_SIZES names no size".to_owned())
            } else {
                Ok(sizes)
            }
        })
}

fn parse(size: &str) -> Result<ArticleSize, String> {
    let upper = size.to_ascii_uppercase();
    let (number, scale) = match upper.trim_end_matches('B') {
        s if s.ends_with('M') => (&s[..s.len() - 1], 1_000_000.0),
        s if s.ends_with('K') => (&s[..s.len() - 1], 1_000.0),
        s => (s, 1.0),
    };
    match number.trim().parse::<f64>() {
        Ok(n) if n * scale >= 1_000.0 => Ok(ArticleSize::of_bytes((n * scale) as usize)),
        _ => Err(format!(
            "CLAIMDESK_BENCH_ARTICLE_SIZES: {size:?} is not a size of at least 1K (e.g. 64K, 1M)"
        )),
    }
}

/// 10000 -> "10,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

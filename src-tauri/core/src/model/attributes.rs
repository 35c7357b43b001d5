//! Validation and tidying of what analysts attach to a span, so that every writer stores the same
//! shape: trimmed text, no empty strings (absent instead), upper-case ISO 4217 codes, unique tags.

use crate::error::{Error, Result};
use crate::model::{Attributes, Figure};

/// Longest note accepted, in code points; notes are for remarks, not for copies of articles.
const MAX_NOTE_CHARS: usize = 20_000;
/// Longest single tag, in code points.
const MAX_TAG_CHARS: usize = 60;

/// Refuse control characters in a one-line value (a name, a tag). SQLite's `length()` stops at a
/// NUL, so such a value would also fail the schema's checks with an unhelpful error.
pub(crate) fn refuse_control_chars(what: &str, value: &str) -> Result<()> {
    match value.chars().find(|c| c.is_control()) {
        None => Ok(()),
        Some(c) => Err(Error::invalid(format!(
            "{what} contains an invisible control character (U+{:04X}): retype it",
            u32::from(c)
        ))),
    }
}

/// Refuse NUL in free text (notes, comments), where line breaks and tabs are welcome.
pub(crate) fn refuse_nul(what: &str, value: &str) -> Result<()> {
    if value.contains('\0') {
        return Err(Error::invalid(format!(
            "{what} contains a NUL character (U+0000): remove it"
        )));
    }
    Ok(())
}

/// Check and tidy attributes before they are stored.
pub fn clean_attributes(attrs: Attributes) -> Result<Attributes> {
    refuse_nul("the note", &attrs.note)?;
    // Imported speakers may carry a line break; only NUL, which SQLite's checks trip on, is refused.
    for field in [&attrs.speaker, &attrs.verdict].into_iter().flatten() {
        refuse_nul("the speaker or verdict", field)?;
    }
    if attrs.note.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::invalid(format!(
            "the note is longer than {MAX_NOTE_CHARS} characters: shorten it"
        )));
    }
    Ok(Attributes {
        speaker: tidy(attrs.speaker),
        figure: attrs.figure.map(clean_figure).transpose()?,
        verdict: tidy(attrs.verdict),
        note: attrs.note.replace("\r\n", "\n").trim().to_owned(),
        tags: clean_tags(attrs.tags)?,
    })
}

fn clean_figure(figure: Figure) -> Result<Figure> {
    let currency = tidy(figure.currency).map(|c| c.to_ascii_uppercase());
    if let Some(code) = &currency {
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::invalid(format!(
                "\"{code}\" is not an ISO 4217 currency code: use three letters such as USD, EUR, RUB"
            )));
        }
    }
    Ok(Figure {
        value: figure.value.normalize(),
        currency,
        unit: tidy(figure.unit),
        qualifier: tidy(figure.qualifier),
    })
}

fn clean_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut seen = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim();
        refuse_control_chars("a tag", tag)?;
        if tag.is_empty() || seen.iter().any(|t: &String| t == tag) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid(format!(
                "the tag \"{tag}\" is longer than {MAX_TAG_CHARS} characters"
            )));
        }
        seen.push(tag.to_owned());
    }
    Ok(seen)
}

fn tidy(field: Option<String>) -> Option<String> {
    field.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn control_characters_are_refused_with_a_message() {
        let with = |tags: Vec<&str>, note: &str| Attributes {
            tags: tags.into_iter().map(str::to_owned).collect(),
            note: note.into(),
            ..Attributes::default()
        };
        let err = clean_attributes(with(vec!["\0\0"], "")).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        assert!(err.to_string().contains("U+0000"), "{err}");
        assert!(clean_attributes(with(vec![], "a\0b")).is_err());
        let kept = clean_attributes(with(vec!["ok"], "line one\n\tline two")).unwrap();
        assert_eq!(kept.note, "line one\n\tline two");
    }

    #[test]
    fn currency_codes_are_upper_cased_and_checked() {
        let figure = |currency: &str| Attributes {
            figure: Some(Figure {
                value: Decimal::from(274_000),
                currency: Some(currency.into()),
                unit: None,
                qualifier: None,
            }),
            ..Attributes::default()
        };
        let cleaned = clean_attributes(figure(" usd ")).unwrap();
        assert_eq!(cleaned.figure.unwrap().currency.as_deref(), Some("USD"));
        assert!(clean_attributes(figure("dollars")).is_err());
    }

    #[test]
    fn values_keep_their_exact_decimal() {
        let value = Decimal::from_str("1900000.00").unwrap();
        let attrs = Attributes {
            figure: Some(Figure {
                value,
                currency: None,
                unit: Some("promoted tweets".into()),
                qualifier: Some("more than".into()),
            }),
            ..Attributes::default()
        };
        let figure = clean_attributes(attrs).unwrap().figure.unwrap();
        assert_eq!(figure.value.to_string(), "1900000");
    }

    #[test]
    fn tags_are_trimmed_and_unique_and_empty_fields_become_absent() {
        let attrs = Attributes {
            speaker: Some("  ".into()),
            tags: vec![" rt ".into(), "rt".into(), "".into(), "ads".into()],
            ..Attributes::default()
        };
        let cleaned = clean_attributes(attrs).unwrap();
        assert_eq!(cleaned.speaker, None);
        assert_eq!(cleaned.tags, vec!["rt", "ads"]);
    }
}

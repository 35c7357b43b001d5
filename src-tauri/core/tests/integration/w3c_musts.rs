//! The MUST requirements of the W3C Web Annotation Data Model, as the web-platform-tests
//! `annotation-model` suite states them in `annotations/annotationMusts.test` (54 assertions),
//! written here as plain checks so the project needs no outside files or packages. Each failure
//! names the WPT assertion it stands for. `uri` and `date-time` follow the loose patterns that
//! suite validates with (a scheme and no spaces; `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`).

use serde_json::Value;

const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const SELECTORS: [&str; 8] = [
    "FragmentSelector",
    "CssSelector",
    "XPathSelector",
    "TextQuoteSelector",
    "TextPositionSelector",
    "DataPositionSelector",
    "SvgSelector",
    "RangeSelector",
];

/// The requirements `annotation` breaks (empty when it meets them all).
pub fn must_failures(annotation: &Value) -> Vec<String> {
    let mut f = Failures(Vec::new());
    let a = annotation;
    f.check(
        "3.1-annotationContextValidated",
        has_value(&a["@context"], ANNO_CONTEXT),
    );
    f.check(
        "3.1-annotationIdValidated",
        a["id"].as_str().is_some_and(is_uri),
    );
    f.check(
        "3.1-annotationTypeValidated",
        has_value(&a["type"], "Annotation"),
    );
    f.check("3.1-targetKeyFound", !a["target"].is_null());
    f.check(
        "3.2.5-notBodyBodyValue",
        a["body"].is_null() || a["bodyValue"].is_null(),
    );
    f.check(
        "3.2.5-bodyValueValidated",
        a["bodyValue"].is_null() || a["bodyValue"].is_string(),
    );
    common_keys(&mut f, "annotation", a);
    f.check(
        "3.3.1-annotationGeneratedValidated",
        optional(&a["generated"], |v| v.as_str().is_some_and(is_date_time)),
    );
    for body in items(&a["body"]) {
        f.check("3.2-bodyObjectsRecognized", recognised(body));
        resource(&mut f, "body", body);
    }
    for target in items(&a["target"]) {
        f.check("3.2-targetObjectsRecognized", recognised(target));
        f.check(
            "3.2.4-targNoTypeTextualBody",
            !has_value(&target["type"], "TextualBody"),
        );
        resource(&mut f, "targ", target);
    }
    let styled = items(&a["body"])
        .chain(items(&a["target"]))
        .any(|r| !r["styleClass"].is_null());
    f.check(
        "4.4-styleClassValidIfPresent",
        !styled || !a["stylesheet"].is_null(),
    );
    f.0
}

struct Failures(Vec<String>);

impl Failures {
    fn check(&mut self, assertion: &str, ok: bool) {
        if !ok && !self.0.iter().any(|a| a == assertion) {
            self.0.push(assertion.to_owned());
        }
    }
}

/// A single value, or each value of an array.
fn items(value: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Value::Null => Box::new(std::iter::empty()),
        Value::Array(items) => Box::new(items.iter()),
        single => Box::new(std::iter::once(single)),
    }
}

fn has_value(value: &Value, wanted: &str) -> bool {
    items(value).any(|v| v.as_str() == Some(wanted))
}

fn optional(value: &Value, ok: impl Fn(&Value) -> bool) -> bool {
    value.is_null() || ok(value)
}

/// A scheme, then no white space (the suite's `uri` format).
fn is_uri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !s.chars().any(char::is_whitespace)
}

/// `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh[:]mm)`.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let head = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !head {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    match rest {
        "Z" | "z" => true,
        zone => {
            let z = zone.as_bytes();
            matches!(z.first(), Some(b'+' | b'-'))
                && ((z.len() == 6 && z[3] == b':' && digits_in(&z[1..3]) && digits_in(&z[4..]))
                    || (z.len() == 5 && digits_in(&z[1..])))
        }
    }
}

fn digits_in(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

/// `created`, `modified`, `rights`, `canonical`, `via` on an annotation, body or target.
fn common_keys(f: &mut Failures, who: &str, o: &Value) {
    let date = |v: &Value| v.as_str().is_some_and(is_date_time);
    let uris = |v: &Value| items(v).all(|u| u.as_str().is_some_and(is_uri));
    f.check(
        &format!("3.3.1-{who}CreatedValidated"),
        optional(&o["created"], date),
    );
    f.check(
        &format!("3.3.1-{who}ModifiedValidated"),
        optional(&o["modified"], date),
    );
    f.check(
        &format!("3.3.6-{who}RightsValidated"),
        optional(&o["rights"], uris),
    );
    f.check(
        &format!("3.3.7-{who}CanonicalValidated"),
        optional(&o["canonical"], |v| v.as_str().is_some_and(is_uri)),
    );
    f.check(
        &format!("3.3.7-{who}ViaValidated"),
        optional(&o["via"], uris),
    );
}

/// A body or target: an IRI, an External Web Resource, a Textual Body, a Choice or a Specific
/// Resource.
fn recognised(r: &Value) -> bool {
    match r {
        Value::String(s) => is_uri(s),
        Value::Object(o) => {
            o.contains_key("id")
                || o.contains_key("source")
                || has_value(&r["type"], "TextualBody")
                || o.contains_key("value")
                || (has_value(&r["type"], "Choice") && r["items"].is_array())
        }
        _ => false,
    }
}

/// The rules on one body or target (`who` is `body` or `targ`, as the suite names them).
fn resource(f: &mut Failures, who: &str, r: &Value) {
    if !r.is_object() {
        return;
    }
    let direction = |v: &Value| matches!(v.as_str(), Some("ltr" | "rtl" | "auto"));
    for o in std::iter::once(r).chain(Some(&r["source"]).filter(|s| s.is_object())) {
        f.check(
            &format!("3.2.1-{who}TextDirectionValidated"),
            optional(&o["textDirection"], direction),
        );
        common_keys(f, who, o);
    }
    let has = |key: &str| !r[key].is_null();
    if has_value(&r["type"], "Choice") {
        f.check(&format!("3.2.4-{who}ChoiceSetNoValue"), !has("value"));
        f.check(&format!("4-{who}ChoiceSetNoSource"), !has("source"));
        f.check(&format!("3.3.5-{who}ChoiceSetNoPurpose"), !has("purpose"));
    } else if has("source") {
        f.check(
            &format!("3.2.7-{who}SpecificResourceNoItems"),
            !has("items"),
        );
        f.check(&format!("4-{who}SpecificResourceNoValue"), !has("value"));
        for selector in items(&r["selector"]) {
            let ok = selector_valid(selector, f);
            f.check("4.2-selectorValidIfPresent", ok);
        }
        for state in items(&r["state"]) {
            f.check("4.3-stateValidIfPresent", state_valid(state));
        }
    } else if has_value(&r["type"], "TextualBody") || has("value") {
        f.check(&format!("3.2.7-{who}EmbeddedTextualNoItems"), !has("items"));
        f.check(&format!("4-{who}EmbeddedTextualNoSource"), !has("source"));
    } else {
        f.check(&format!("3.2.7-{who}EWRNoItems"), !has("items"));
        f.check(&format!("3.3.5-{who}EWRNoPurpose"), !has("purpose"));
    }
}

fn selector_valid(s: &Value, f: &mut Failures) -> bool {
    if let Some(iri) = s.as_str() {
        return is_uri(iri);
    }
    let Some(kind) = s["type"].as_str().filter(|t| SELECTORS.contains(t)) else {
        return false;
    };
    let single_string = |key: &str| s[key].is_string();
    let position = |key: &str| s[key].as_u64().is_some();
    let ok = match kind {
        "FragmentSelector" | "CssSelector" | "XPathSelector" => {
            let ok = single_string("value");
            f.check("4.2-fragmentCssXPathSelectorValid", ok);
            ok
        }
        "TextQuoteSelector" => {
            let ok = single_string("exact")
                && ["prefix", "suffix"]
                    .iter()
                    .all(|k| s[*k].is_null() || s[*k].is_string());
            f.check("4.2.4-textQuoteSelectorValid", ok);
            ok
        }
        "TextPositionSelector" | "DataPositionSelector" => {
            let ok = position("start") && position("end");
            f.check("4.2-TextDataPositionSelectorValid", ok);
            ok
        }
        "SvgSelector" => {
            let ok = single_string("value") || !s["id"].is_null();
            f.check("4.2.7-svgSelectorValid", ok);
            ok
        }
        _ => {
            let ok = !s["startSelector"].is_null() && !s["endSelector"].is_null();
            f.check("4.2.8-rangeSelectorValid", ok);
            ok
        }
    };
    let refined = items(&s["refinedBy"]).all(|r| selector_valid(r, f) || state_valid(r));
    f.check("4.3.3-refinedByValidated", refined);
    ok && refined
}

fn state_valid(s: &Value) -> bool {
    if let Some(iri) = s.as_str() {
        return is_uri(iri);
    }
    let has = |key: &str| !s[key].is_null();
    match s["type"].as_str() {
        Some("TimeState") => has("sourceDate") != (has("sourceDateStart") && has("sourceDateEnd")),
        Some("HttpRequestState") => s["value"].is_string(),
        _ => false,
    }
}

#[cfg(test)]
mod checker {
    use super::*;
    use serde_json::json;

    fn valid() -> Value {
        json!({
            "@context": ANNO_CONTEXT,
            "id": "urn:uuid:01890a5d-ac96-774b-bcce-b302099a8204",
            "type": "Annotation",
            "created": "2024-05-01T10:00:00.250Z",
            "body": { "type": "TextualBody", "value": "claim", "purpose": "classifying" },
            "target": {
                "source": "urn:uuid:01890a5d-ac96-774b-bcce-b302099a8205",
                "selector": [
                    { "type": "TextQuoteSelector", "exact": "x" },
                    { "type": "TextPositionSelector", "start": 0, "end": 1 },
                ],
            },
        })
    }

    /// What a case breaks, how, and the assertion that must catch it.
    type Case = (&'static str, fn(&mut Value), &'static str);

    /// Each break of a MUST is caught, and named after the suite's assertion.
    #[test]
    fn the_checker_catches_what_the_suite_catches() {
        assert!(must_failures(&valid()).is_empty());
        let cases: [Case; 9] = [
            (
                "no context",
                |a| a["@context"] = Value::Null,
                "3.1-annotationContextValidated",
            ),
            (
                "bare uuid",
                |a| a["id"] = json!("01890a5d"),
                "3.1-annotationIdValidated",
            ),
            (
                "a Note",
                |a| a["type"] = json!("Note"),
                "3.1-annotationTypeValidated",
            ),
            (
                "no target",
                |a| a["target"] = Value::Null,
                "3.1-targetKeyFound",
            ),
            (
                "both",
                |a| a["bodyValue"] = json!("x"),
                "3.2.5-notBodyBodyValue",
            ),
            (
                "no seconds",
                |a| a["created"] = json!("2024-05-01 10:00"),
                "3.3.1-annotationCreatedValidated",
            ),
            (
                "string start",
                |a| a["target"]["selector"][1]["start"] = json!("0"),
                "4.2-TextDataPositionSelectorValid",
            ),
            (
                "negative end",
                |a| a["target"]["selector"][1]["end"] = json!(-1),
                "4.2-selectorValidIfPresent",
            ),
            (
                "no exact",
                |a| a["target"]["selector"][0] = json!({"type": "TextQuoteSelector"}),
                "4.2.4-textQuoteSelectorValid",
            ),
        ];
        for (what, break_it, assertion) in cases {
            let mut a = valid();
            break_it(&mut a);
            let failures = must_failures(&a);
            assert!(
                failures.iter().any(|f| f == assertion),
                "{what}: {failures:?}"
            );
        }
        let mut textual_target = valid();
        textual_target["target"] = json!({ "type": "TextualBody", "value": "x" });
        assert!(must_failures(&textual_target).contains(&"3.2.4-targNoTypeTextualBody".into()));
    }
}

//! The printed report (tables of timings and where the time goes) and the figures kept for the
//! report generator.

use serde_json::{json, Value};

use crate::detail::Detail;
use crate::fixture::results::{Figure, Run, Stats};
use crate::fixture::sizes::thousands;
use crate::fixture::ArticleSize;
use crate::memory::{mb, Memory};

/// Everything measured at one article size.
pub(crate) struct Report {
    pub(crate) size: ArticleSize,
    pub(crate) open_page: Vec<f64>,
    pub(crate) open_wall: Vec<f64>,
    pub(crate) tag_page: Vec<f64>,
    pub(crate) tag_wall: Vec<f64>,
    pub(crate) painted: i64,
    pub(crate) memory_after_open: Memory,
    pub(crate) memory_after_tags: Memory,
    pub(crate) detail: Option<Detail>,
}

impl Report {
    /// Add this size's figures to `run`; returns what is worth keeping besides them.
    pub(crate) fn keep(&self, run: &mut Run) -> Value {
        let params = self.size.params();
        for (name, samples) in [
            ("open (cd:open)", &self.open_page),
            ("open, click to painted", &self.open_wall),
            ("tag (cd:tag)", &self.tag_page),
            ("tag, key to painted", &self.tag_wall),
        ] {
            run.add(Figure::new(name, "ms", samples.clone(), params.clone()));
        }
        let m = &self.memory_after_open;
        for (name, kb) in [
            ("memory after open, app process", m.app_rss_kb),
            ("memory after open, web process", m.web_rss_kb),
        ] {
            run.add(Figure::new(name, "MB", vec![mb(kb)], params.clone()));
        }
        let detail = self.detail.as_ref().map(|d| {
            json!({ "open": d.open, "page_costs": d.page_costs, "paint_costs": d.paint_costs,
                    "interaction_costs": d.interaction_costs })
        });
        json!({ "size": params, "highlights_registered": self.painted, "detail": detail })
    }

    pub(crate) fn print(&self, runs: usize, tags: usize) {
        println!();
        println!(
            "## Webview bench: {} article, {} annotations ({runs} opens, {tags} tags)",
            self.size.label(),
            thousands(self.size.annotations)
        );
        println!();
        println!("| measure | n | median | p95 | max |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        row(
            "open: workbench mounted -> highlights painted (`cd:open`, in page)",
            &self.open_page,
        );
        row(
            "open: click -> `cd:open` seen (driver wall time)",
            &self.open_wall,
        );
        row(
            "tag: key -> committed -> painted (`cd:tag`, in page)",
            &self.tag_page,
        );
        row(
            "tag: key sent -> `cd:tag` seen (driver wall time)",
            &self.tag_wall,
        );
        println!();
        println!(
            "Highlights registered after opening (those in and near the blocks on screen): {}.",
            self.painted
        );
        for (when, m) in [
            ("after opening", &self.memory_after_open),
            ("after tagging", &self.memory_after_tags),
        ] {
            println!(
                "Memory {when}: app process RSS {:.0} MB (peak {:.0} MB), WebKit web process RSS {:.0} MB (peak {:.0} MB).",
                mb(m.app_rss_kb),
                mb(m.app_peak_kb),
                mb(m.web_rss_kb),
                mb(m.web_peak_kb)
            );
        }
        if let Some(detail) = &self.detail {
            print_detail(detail);
        }
    }
}

fn print_detail(d: &Detail) {
    match &d.js_heap {
        Value::Null => println!("performance.memory: not available in this WebKit."),
        heap => println!("performance.memory: {heap}"),
    }
    println!();
    println!("### Where an open's time goes (one more open, not counted above)");
    println!();
    println!("{}", describe_open(&d.open));
    println!();
    println!("{}", describe_page_costs(&d.page_costs));
    println!();
    println!("{}", describe_paint_costs(&d.paint_costs));
    println!();
    println!(
        "Changes that touch no annotation, to two frames later (median of 3): `j` (select the \
         next annotation; the side panel scrolls and may add rows) {} ms; hovering the text {} ms.",
        d.interaction_costs["next"], d.interaction_costs["hover"]
    );
}

fn describe_open(detail: &Value) -> String {
    let mut out = format!("`cd:open` took {} ms. ", detail["total"]);
    let ipc = detail["ipc"].as_array().cloned().unwrap_or_default();
    if ipc.is_empty() {
        out.push_str("No IPC request was seen. ");
    }
    for request in ipc {
        out.push_str(&format!(
            "IPC `{}`: sent at +{} ms, response headers at +{} ms, JSON parsed at +{} ms. ",
            request["command"].as_str().unwrap_or("?"),
            request["sent"],
            request["headers"],
            request["parsed"]
        ));
    }
    let phases = detail["phases"].as_array().cloned().unwrap_or_default();
    let phases: Vec<String> = phases
        .iter()
        .map(|p| format!("`{}` +{} ms", p["name"].as_str().unwrap_or("?"), p["at"]))
        .collect();
    if !phases.is_empty() {
        out.push_str(&format!("Phases: {}. ", phases.join(", ")));
    }
    let gaps = detail
        .get("gaps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let gaps: Vec<String> = gaps
        .iter()
        .map(|g| format!("+{}..+{}", g["from"], g["to"]))
        .collect();
    out.push_str(&format!(
        "Frames not painted for more than 50 ms: {}.",
        if gaps.is_empty() {
            "none".to_owned()
        } else {
            gaps.join(", ")
        }
    ));
    out
}

fn describe_page_costs(c: &Value) -> String {
    if c.get("error").is_some() {
        return format!("Timing the parts failed: {c}");
    }
    format!(
        "Each part alone, from the page (median of 5): `get_article` {} ms; \
         `list_article_annotations` {} ms ({} annotations, {:.1} MB of JSON); both in parallel, \
         as the workbench calls them, {} ms; `JSON.parse` of that list {} ms; 10,000 DOM ranges \
         made and added to a Highlight {} ms; two frames on an idle page {} ms.",
        c["article"],
        c["list"],
        c["annotations"],
        c["listBytes"].as_f64().unwrap_or(0.0) / 1e6,
        c["both"],
        c["parse"],
        c["ranges"],
        c["frames"]
    )
}

fn describe_paint_costs(c: &Value) -> String {
    if c.get("error").is_some() {
        return format!("Timing repaints failed: {c}");
    }
    format!(
        "Rendering around the highlights, each to two frames later: nothing changed {} ms; one \
         range added to a mark {} ms. A DOM change anywhere in the page (an empty element \
         appended to the body): {} ms with the 10,000 label highlights registered as live Ranges, \
         {} ms with them unregistered, {} ms with the same spans registered as StaticRanges. \
         Registering highlights: the same 10,000 spans as StaticRanges {} ms; 1,000 StaticRanges \
         spread over the article {} ms; 10,000 StaticRanges in the first blocks (on screen) {} ms; \
         putting the label highlights back {} ms.",
        c["idle"],
        c["markChange"],
        c["mutationLive"],
        c["mutationNone"],
        c["mutationStatic"],
        c["registerStaticSame"],
        c["registerSpread1000"],
        c["registerOnScreen10000"],
        c["restore"]
    )
}

fn row(what: &str, xs: &[f64]) {
    let stats = Stats::of(xs);
    println!(
        "| {what} | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
        xs.len(),
        stats.median,
        stats.p95,
        stats.max
    );
}

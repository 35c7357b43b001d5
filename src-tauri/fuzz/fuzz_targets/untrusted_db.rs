#![no_main]
//! Any bytes as a teammate's database file, read the ways the app and the CLI read someone
//! else's file: `Store::open_untrusted` then the queries and exports a preview runs, a merge
//! into an empty store (which checks each source and migrates a copy of an older one), and
//! `claimdesk-cli check`. Each either refuses the file with an error or reads it; none may
//! panic, hang (libFuzzer's `-timeout` catches that), change the file, or leave files beside it.

use std::ops::ControlFlow;
use std::path::Path;

use claimdesk_core::db::check::check_database;
use claimdesk_core::interchange::ExportProgress;
use claimdesk_core::interchange::{export_to_writer, ExportFormat, ExportRequest};
use claimdesk_core::team::merge::merge_files;
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::Store;
use claimdesk_fuzz::{fresh_file, scratch_listing};
use libfuzzer_sys::fuzz_target;

/// Articles read one by one from a file that opened: enough to reach odd rows, few enough to
/// keep each input fast.
const ARTICLES_READ: usize = 20;

fuzz_target!(|bytes: &[u8]| {
    let path = fresh_file("teammate.sqlite", bytes);
    let listing = scratch_listing();

    read_untrusted(&path);
    let _ = check_database(&path);
    let mut team = Store::open_in_memory().expect("an in-memory store");
    let _ = merge_files(
        &mut team,
        std::slice::from_ref(&path),
        &mut |_: &MergeProgress| ControlFlow::Continue(()),
    );

    let after = std::fs::read(&path).expect("the file is still there");
    assert!(after == bytes, "reading an untrusted file changed it");
    assert_eq!(
        scratch_listing(),
        listing,
        "files were left beside the untrusted file"
    );
});

/// Open the file as untrusted and read everything a preview or an export would read.
fn read_untrusted(path: &Path) {
    let Ok(store) = Store::open_untrusted(path) else {
        return;
    };
    let _ = store.list_labels();
    let _ = store.list_annotators();
    if let Ok(articles) = store.list_articles() {
        for summary in articles.iter().take(ARTICLES_READ) {
            let _ = store.get_article(&summary.id);
            let _ = store.list_annotations(&summary.id);
        }
    }
    for format in ExportFormat::ALL {
        let request = ExportRequest {
            format,
            ..ExportRequest::default()
        };
        let mut out = Vec::new();
        let _ = export_to_writer(&store, &request, &mut out, &mut |_: &ExportProgress| {
            ControlFlow::Continue(())
        });
    }
}

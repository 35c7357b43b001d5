//! Files dropped on the window. The window sees the drop (with the files' paths) before the page
//! does; we hand it to the page as a DOM event, `claimdesk:drop`, that the import dialog listens
//! for. The page then imports through the same command as files chosen in the dialog, after the
//! analyst has seen the list and the options. A DOM event needs no IPC permission, unlike Tauri's
//! own event bus, so the webview's capability stays our commands and nothing else.
//!
//! The page itself can dispatch that DOM event with any paths in it, so the event only shows
//! what was dropped: the paths are approved here, as the system reports the drop
//! (`approved_paths`), and a made-up drop names paths the import refuses.

use std::path::PathBuf;

use serde_json::json;
use tauri::{DragDropEvent, Manager, WebviewWindow, WindowEvent};

use crate::approved_paths::ApprovedPaths;

/// The DOM event dispatched on `window`; its `detail` is `{ kind, paths }`, `kind` one of
/// `enter`, `leave`, `drop`.
pub const DROP_EVENT: &str = "claimdesk:drop";

/// Forward drags and drops on `window` to its page.
pub fn forward_drops(window: &WebviewWindow) {
    let page = window.clone();
    window.on_window_event(move |event| {
        let WindowEvent::DragDrop(drag) = event else {
            return;
        };
        if let DragDropEvent::Drop { paths, .. } = drag {
            page.state::<ApprovedPaths>().grant_dropped(paths);
        }
        if let Some(script) = drop_script(drag) {
            if let Err(err) = page.eval(script) {
                log::warn!("could not pass a file drop to the page: {err}");
            }
        }
    });
}

/// The script that dispatches the page event for `drag`; none for moves over the window.
fn drop_script(drag: &DragDropEvent) -> Option<String> {
    let detail = match drag {
        DragDropEvent::Enter { paths, .. } => json!({ "kind": "enter", "paths": texts(paths) }),
        DragDropEvent::Drop { paths, .. } => json!({ "kind": "drop", "paths": texts(paths) }),
        DragDropEvent::Leave => json!({ "kind": "leave", "paths": [] }),
        _ => return None,
    };
    // JSON is a JavaScript expression, so paths with quotes or markup stay data.
    Some(format!(
        "window.dispatchEvent(new CustomEvent({}, {{ detail: {detail} }}));",
        json!(DROP_EVENT)
    ))
}

fn texts(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::PhysicalPosition;

    #[test]
    fn a_drop_becomes_a_page_event_with_the_paths_as_data() {
        let drag = DragDropEvent::Drop {
            paths: vec![
                PathBuf::from("/in/a \"quoted\" name.html"),
                PathBuf::from("/in/b'</script>.txt"),
            ],
            position: PhysicalPosition::new(1.0, 2.0),
        };
        let script = drop_script(&drag).unwrap();
        assert_eq!(
            script,
            r#"window.dispatchEvent(new CustomEvent("claimdesk:drop", { detail: {"kind":"drop","paths":["/in/a \"quoted\" name.html","/in/b'</script>.txt"]} }));"#
        );
    }

    #[test]
    fn moves_are_not_forwarded_and_leaving_clears() {
        let over = DragDropEvent::Over {
            position: PhysicalPosition::new(1.0, 2.0),
        };
        assert_eq!(drop_script(&over), None);
        let leave = drop_script(&DragDropEvent::Leave).unwrap();
        assert!(leave.contains(r#"{"kind":"leave","paths":[]}"#), "{leave}");
    }
}

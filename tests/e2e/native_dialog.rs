//! The system's file dialogs, answered the way an analyst does with the keyboard. They are GTK
//! windows of the app's own process, opened from Rust and not in the webview, so WebDriver
//! cannot see them; xdotool (X11) finds the dialog by its title, focuses it, types the path into
//! its name field (or, in an open dialog, its location field) and presses Enter. The path then
//! reaches the page and the export exactly as a path clicked together in the dialog would.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long a dialog may take to appear on a loaded machine.
const DIALOG_TIMEOUT: Duration = Duration::from_secs(30);

fn xdotool(args: &[&str]) -> Option<String> {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool must be installed: `make test-e2e` installs it");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The id of the visible window whose title matches `pattern` (a regular expression).
async fn wait_for_window(pattern: &str) -> String {
    let deadline = Instant::now() + DIALOG_TIMEOUT;
    loop {
        let found = xdotool(&["search", "--onlyvisible", "--name", pattern])
            .and_then(|out| out.lines().next().map(str::to_owned));
        if let Some(id) = found {
            return id;
        }
        if Instant::now() > deadline {
            screenshot_screen("failed-dialog");
            panic!("no dialog window titled {pattern} (see test-output/e2e/failed-dialog.png)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The visible windows, by id.
fn visible_windows() -> Vec<String> {
    xdotool(&["search", "--onlyvisible", "--name", ""])
        .map(|out| out.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Focus the dialog titled `title`, then type `keys_first` and `path` and press Enter.
async fn type_path(title: &str, keys_first: &str, path: &Path) {
    let window = wait_for_window(&format!("^{title}$")).await;
    // GTK maps the window before its widgets take keys: give it a moment.
    tokio::time::sleep(Duration::from_millis(400)).await;
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "--clearmodifiers", keys_first]);
    let path = path.to_str().expect("a UTF-8 path");
    xdotool(&["type", "--delay", "5", path]).expect("typed the path");
    xdotool(&["key", "Return"]).expect("pressed Enter");
}

/// Answer a folder dialog with `folder`, typed into its location field with a trailing `/`.
/// GTK completes the name as it is typed (with the only subfolder, say), so the completion it
/// selected is deleted before Enter, which then chooses the folder typed.
pub async fn open_folder(title: &str, folder: &Path) {
    let window = wait_for_window(&format!("^{title}$")).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
    let path = format!("{}/", folder.to_str().expect("a UTF-8 path"));
    xdotool(&["type", "--delay", "5", &path]).expect("typed the path");
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["key", "Delete"]).expect("deleted the completion");
    xdotool(&["key", "Return"]).expect("pressed Enter");
}

/// Answer a save dialog with `path` (the folder must exist), as typed into its name field.
pub async fn save_as(title: &str, path: &Path) {
    type_path(title, "ctrl+a", path).await;
}

/// Answer a save dialog with `path`, a file that exists, and confirm that it may be replaced
/// (GTK asks in a small new window whose default button is Replace).
pub async fn save_as_replacing(title: &str, path: &Path) {
    wait_for_window(&format!("^{title}$")).await;
    let before = visible_windows();
    type_path(title, "ctrl+a", path).await;
    let deadline = Instant::now() + DIALOG_TIMEOUT;
    let confirm = loop {
        if let Some(new) = visible_windows().into_iter().find(|w| !before.contains(w)) {
            break new;
        }
        assert!(
            Instant::now() < deadline,
            "GTK did not ask to replace {path:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    xdotool(&["windowfocus", "--sync", &confirm]);
    xdotool(&["key", "Return"]).expect("pressed Enter");
}

/// Save the whole screen (the system's dialogs included) under `test-output/e2e/`.
pub fn screenshot_screen(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-output/e2e");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("{name}.png"));
    let _ = Command::new("import")
        .args(["-window", "root", &file.display().to_string()])
        .status();
}

/// Answer an open dialog with `path`, typed into its location field (Ctrl+L). The field
/// completes as it is typed, and the first Enter may only accept the completion: Enter again
/// until the dialog is gone.
pub async fn open(title: &str, path: &Path) {
    let pattern = format!("^{title}$");
    type_path(title, "ctrl+l", path).await;
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let Some(window) = xdotool(&["search", "--onlyvisible", "--name", &pattern])
            .and_then(|out| out.lines().next().map(str::to_owned))
        else {
            return;
        };
        xdotool(&["windowfocus", "--sync", &window]);
        xdotool(&["key", "Return"]);
    }
    screenshot_screen("failed-dialog");
    panic!("the open dialog stayed open (see test-output/e2e/failed-dialog.png)");
}

/// Choose `paths` one at a time, as an analyst does: click `button` (which opens the open
/// dialog titled `title`), answer it with the path, and wait until the page lists the file's
/// name in `list`. The paths then come back from the dialog, the only way a command takes them.
pub async fn choose_each(
    app: &mut crate::harness::App,
    button: &str,
    title: &str,
    list: &str,
    paths: &[&Path],
) {
    for path in paths {
        app.click(button).await;
        if path.is_dir() {
            open_folder(title, path).await;
        } else {
            open(title, path).await;
        }
        let name = path.file_name().expect("a file name").to_string_lossy();
        let listed = format!(
            "const e = document.querySelector({list:?}); return e && e.textContent.includes({name:?}) || null;"
        );
        app.wait_until(&listed).await;
    }
}

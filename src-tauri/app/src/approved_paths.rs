//! The files and folders the analyst chose, and the only ones a command may touch. The page
//! never names a path on its own: a path is approved when the Rust side hands it out itself,
//! from a native dialog it opened, a drop the window received from the system, or its own list
//! of recent databases (kept in the preferences file, which the page cannot write). Script that
//! got into the page (a hostile article, a teammate's file) can send any path it likes to a
//! command; every command that reads or writes a file checks it here first and refuses the rest,
//! before anything is opened.
//!
//! Paths are compared as they were handed out, component by component (as `Path` compares: a
//! `.` component or a trailing `/` changes nothing): a `..` detour, a symlink beside the file or
//! a relative spelling of the same file is a different path and is refused. Nothing is resolved
//! on the file system, so the check itself reads nothing. Files to read stay
//! approved for the session (the analyst may import or merge them again); a save target is only
//! the one path its save dialog returned last.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tauri_plugin_dialog::FilePath;

use crate::ipc_error::{ErrorKind, IpcError};

/// What a path was approved for: a file chosen to import is not a database to open, and a save
/// target is not a file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Files and folders of articles to import.
    ImportSource,
    /// Teammates' database files to merge.
    MergeSource,
    /// A database file to switch the window to.
    Database,
    /// A doccano or Label Studio file of annotations to import.
    AnnotationFile,
    /// Where an export of annotations is written.
    ExportTarget,
    /// Where the agreement table is written.
    AgreementTarget,
}

impl Purpose {
    /// A save target is the one path its dialog returned last; the others accumulate.
    fn is_save_target(self) -> bool {
        matches!(self, Purpose::ExportTarget | Purpose::AgreementTarget)
    }

    /// What the analyst should do to approve a path for this purpose.
    fn how_to_choose(self) -> &'static str {
        match self {
            Purpose::ImportSource => {
                "choose the files in the import dialog or drop them on the window"
            }
            Purpose::MergeSource => "choose the files in the merge dialog or drop them on it",
            Purpose::Database => "choose the file with Open database… or from the recent files",
            Purpose::AnnotationFile => "choose the file in the annotation import dialog",
            Purpose::ExportTarget => "choose where to save the export with Save as…",
            Purpose::AgreementTarget => "choose where to save the table with Export CSV…",
        }
    }
}

/// How many paths to read are remembered per purpose; past it the oldest choices are dropped
/// (a folder of 10,000 files is one path, so this is only a bound on a long session).
const READ_PATHS_MAX: usize = 10_000;

/// The paths handed out this session, by purpose.
#[derive(Debug, Default)]
pub struct ApprovedPaths {
    granted: Mutex<Granted>,
}

#[derive(Debug, Default)]
struct Granted {
    /// Paths to read, in the order they were approved.
    reads: HashMap<Purpose, VecDeque<PathBuf>>,
    /// The same paths as sets, for the check.
    read_sets: HashMap<Purpose, HashSet<PathBuf>>,
    /// The last path each save dialog returned.
    targets: HashMap<Purpose, PathBuf>,
}

impl ApprovedPaths {
    /// The lock never stays poisoned: what it guards is a list that is whole after every step.
    fn granted(&self) -> MutexGuard<'_, Granted> {
        self.granted.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Approve `path` for `purpose`: it came from a dialog the Rust side opened, a drop, or the
    /// recent files.
    pub fn grant(&self, purpose: Purpose, path: &Path) {
        let mut guard = self.granted();
        let granted = &mut *guard;
        if purpose.is_save_target() {
            granted.targets.insert(purpose, path.to_owned());
            return;
        }
        if !granted
            .read_sets
            .entry(purpose)
            .or_default()
            .insert(path.to_owned())
        {
            return;
        }
        let order = granted.reads.entry(purpose).or_default();
        order.push_back(path.to_owned());
        if order.len() > READ_PATHS_MAX {
            if let Some(oldest) = order.pop_front() {
                if let Some(set) = granted.read_sets.get_mut(&purpose) {
                    set.remove(&oldest);
                }
            }
        }
    }

    /// Approve a path a native dialog returned and give it to the page as text; a non-file URI
    /// (not produced on desktop) is dropped.
    pub fn hand_out(&self, purpose: Purpose, picked: FilePath) -> Option<String> {
        let path = picked.into_path().ok()?;
        self.grant(purpose, &path);
        Some(path.to_string_lossy().into_owned())
    }

    /// Approve what the system dropped on the window: articles to import or files to merge,
    /// whichever dialog the page shows.
    pub fn grant_dropped(&self, paths: &[PathBuf]) {
        for path in paths {
            self.grant(Purpose::ImportSource, path);
            self.grant(Purpose::MergeSource, path);
        }
    }

    /// Whether `path` was handed out for `purpose`.
    pub fn is_approved(&self, purpose: Purpose, path: &Path) -> bool {
        let granted = self.granted();
        if purpose.is_save_target() {
            granted.targets.get(&purpose).map(PathBuf::as_path) == Some(path)
        } else {
            granted
                .read_sets
                .get(&purpose)
                .is_some_and(|set| set.contains(path))
        }
    }

    /// Refuse `path` unless it was handed out for `purpose`; nothing has been read or written.
    pub fn check(&self, purpose: Purpose, path: &Path) -> Result<(), IpcError> {
        if self.is_approved(purpose, path) {
            return Ok(());
        }
        log::warn!(
            "refused {purpose:?} path the analyst did not choose: {}",
            path.display()
        );
        Err(IpcError {
            kind: ErrorKind::NotChosen,
            message: format!(
                "Claimdesk only uses files you chose: {}, then try again. ({} was not chosen.)",
                purpose.how_to_choose(),
                path.display()
            ),
        })
    }

    /// [`ApprovedPaths::check`] for a save target, which is then used up: writing there again
    /// takes the save dialog again, so script in the page cannot repeat an export over the
    /// analyst's file with other contents.
    pub fn take_target(&self, purpose: Purpose, path: &Path) -> Result<(), IpcError> {
        self.check(purpose, path)?;
        self.granted().targets.remove(&purpose);
        Ok(())
    }

    /// [`ApprovedPaths::check`] for every path; the first one refused refuses them all.
    pub fn check_all(&self, purpose: Purpose, paths: &[PathBuf]) -> Result<(), IpcError> {
        paths.iter().try_for_each(|path| self.check(purpose, path))
    }

    /// The folder of the last path approved for `purpose`, to open its dialog there again.
    pub fn last_folder(&self, purpose: Purpose) -> Option<PathBuf> {
        let granted = self.granted();
        let last = if purpose.is_save_target() {
            granted.targets.get(&purpose)
        } else {
            granted.reads.get(&purpose).and_then(|paths| paths.back())
        };
        last.and_then(|path| path.parent()).map(Path::to_path_buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(paths: &ApprovedPaths, purpose: Purpose, path: &str) -> bool {
        paths.check(purpose, Path::new(path)).is_err()
    }

    #[test]
    fn nothing_is_approved_until_handed_out() {
        let paths = ApprovedPaths::default();
        for purpose in [
            Purpose::ImportSource,
            Purpose::MergeSource,
            Purpose::Database,
            Purpose::AnnotationFile,
            Purpose::ExportTarget,
            Purpose::AgreementTarget,
        ] {
            let err = paths.check(purpose, Path::new("/etc/passwd")).unwrap_err();
            assert_eq!(err.kind, ErrorKind::NotChosen);
            assert!(err.message.contains("only uses files you chose"), "{err:?}");
        }
    }

    #[test]
    fn a_path_is_approved_exactly_and_only_for_its_purpose() {
        let paths = ApprovedPaths::default();
        paths.grant(Purpose::ImportSource, Path::new("/home/ana/news/a.html"));
        assert!(!refused(
            &paths,
            Purpose::ImportSource,
            "/home/ana/news/a.html"
        ));
        for other in [
            "/home/ana/news/../news/a.html",
            "/home/ana/news",
            "news/a.html",
        ] {
            assert!(refused(&paths, Purpose::ImportSource, other), "{other}");
        }
        assert!(refused(
            &paths,
            Purpose::MergeSource,
            "/home/ana/news/a.html"
        ));
        assert!(refused(&paths, Purpose::Database, "/home/ana/news/a.html"));
    }

    #[test]
    fn a_save_target_is_only_the_last_path_its_dialog_returned() {
        let paths = ApprovedPaths::default();
        paths.grant(Purpose::ExportTarget, Path::new("/home/ana/one.csv"));
        paths.grant(Purpose::ExportTarget, Path::new("/home/ana/two.csv"));
        assert!(refused(&paths, Purpose::ExportTarget, "/home/ana/one.csv"));
        assert!(!refused(&paths, Purpose::ExportTarget, "/home/ana/two.csv"));
        assert!(refused(
            &paths,
            Purpose::AgreementTarget,
            "/home/ana/two.csv"
        ));
        assert!(refused(&paths, Purpose::ImportSource, "/home/ana/two.csv"));
        assert_eq!(
            paths.last_folder(Purpose::ExportTarget),
            Some(PathBuf::from("/home/ana"))
        );
        let two = Path::new("/home/ana/two.csv");
        assert!(paths.take_target(Purpose::ExportTarget, two).is_ok());
        assert!(
            paths.take_target(Purpose::ExportTarget, two).is_err(),
            "a save target is used once"
        );
    }

    #[test]
    fn a_drop_approves_importing_and_merging_but_not_opening_or_writing() {
        let paths = ApprovedPaths::default();
        paths.grant_dropped(&[PathBuf::from("/in/alice.sqlite")]);
        assert!(!refused(&paths, Purpose::ImportSource, "/in/alice.sqlite"));
        assert!(!refused(&paths, Purpose::MergeSource, "/in/alice.sqlite"));
        assert!(refused(&paths, Purpose::Database, "/in/alice.sqlite"));
        assert!(refused(&paths, Purpose::ExportTarget, "/in/alice.sqlite"));
        let all = [
            PathBuf::from("/in/alice.sqlite"),
            PathBuf::from("/etc/passwd"),
        ];
        assert!(paths.check_all(Purpose::MergeSource, &all).is_err());
        assert!(paths.check_all(Purpose::MergeSource, &all[..1]).is_ok());
    }

    #[test]
    fn the_oldest_paths_are_forgotten_past_the_bound() {
        let paths = ApprovedPaths::default();
        for i in 0..=READ_PATHS_MAX {
            paths.grant(Purpose::ImportSource, Path::new(&format!("/f/{i}")));
        }
        assert!(refused(&paths, Purpose::ImportSource, "/f/0"));
        assert!(!refused(&paths, Purpose::ImportSource, "/f/1"));
        let last = format!("/f/{READ_PATHS_MAX}");
        assert!(!refused(&paths, Purpose::ImportSource, &last));
    }
}

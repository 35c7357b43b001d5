//! Helpers shared by the fuzz targets in `fuzz_targets/`. Each target drives the core's public
//! API the way the app does and checks invariants that must hold for any input, not only that
//! nothing panics.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A folder private to this fuzzing process, for targets that must hand the core a real file.
/// One per process, made once: creating a folder per input would cost more than the input.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder for the fuzzer"))
        .path()
}

/// `name` in the scratch folder, written with `bytes` after whatever an earlier input left
/// beside it (SQLite's `-wal`, `-shm` and `-journal` files) is removed.
pub fn fresh_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch_dir().join(name);
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sibling(&path, suffix));
    }
    std::fs::write(&path, bytes).expect("writing the fuzz input to the scratch folder");
    path
}

/// `path` with `suffix` appended to its file name (`a.sqlite` -> `a.sqlite-wal`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The names in the scratch folder, sorted.
pub fn scratch_listing() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(scratch_dir())
        .expect("listing the scratch folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The code points `start..end` of `text`, as the core's offsets count them.
pub fn chars_between(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

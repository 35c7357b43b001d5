//! TypeScript generated from the app: the declarations of its own boundary types (errors,
//! start-up state), generated like the core's, and the command table (`commands`, checked
//! against the commands lib.rs registers by `handler`). A test fails when a committed file is
//! stale (`make bindings` rewrites it). Compiled only with the `bindings` feature, like the
//! core's.

pub mod commands;
pub mod handler;
pub mod ts_type;

use ts_rs::TS;

use crate::ipc_error::{ErrorKind, IpcError};
use crate::jobs::JobKind;
use crate::state::Startup;

/// Where the generated file lives, relative to the repository root.
pub const TYPES_FILE: &str = "ui/src/api/generated/app.ts";

/// The generated file's full text.
pub fn typescript_declarations() -> String {
    let decls = [
        "import type { Preferences } from \"./core\";".to_owned(),
        format!("export {}", ErrorKind::decl()),
        format!("export {}", IpcError::decl()),
        format!("export {}", JobKind::decl()),
        format!("export {}", Startup::decl()),
    ];
    claimdesk_core::bindings::generated_file(&decls)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::commands::{command_table, COMMANDS_FILE};
    use super::ts_type::Declared;
    use super::*;

    /// Fails when the committed `file` differs from `expected`; rewrites it first when
    /// UPDATE_BINDINGS is set (`make bindings`).
    fn assert_current(file: &str, expected: &str) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, expected).unwrap();
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{file} is stale: run `make bindings` and commit the result"
        );
    }

    #[test]
    fn generated_typescript_is_current() {
        assert_current(TYPES_FILE, &typescript_declarations());
    }

    #[test]
    fn generated_command_table_is_current() {
        let declared = Declared::from_files(
            &claimdesk_core::bindings::typescript_declarations(),
            &typescript_declarations(),
        );
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let table = command_table(root, &declared).unwrap_or_else(|e| panic!("{e}"));
        assert_current(COMMANDS_FILE, &table);
    }
}

//! TypeScript declarations of the app's own boundary types (errors, start-up state), generated
//! like the core's; a test fails when the committed file is stale (`make bindings` rewrites it).
//! Compiled only with the `bindings` feature, like the core's.

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
    use super::*;

    #[test]
    fn generated_typescript_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TYPES_FILE);
        let expected = typescript_declarations();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{TYPES_FILE} is stale: run `make bindings` and commit the result"
        );
    }
}

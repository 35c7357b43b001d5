//! The team server password of an analyst: kept in the system keyring where there is one
//! (Secret Service on Linux desktops, Keychain, Credential Manager), else in a file only its
//! owner may read (0600, in a 0700 folder of the app's configuration). Never in the SQLite file,
//! never in a log, never in an error message.
//!
//! `CLAIMDESK_SECRET_STORE=file` skips the keyring (for a machine whose keyring should not be
//! used, and for tests, which must not touch a developer's keyring).

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

const KEYRING_SERVICE: &str = "org.claimdesk.workbench";

/// Where a password was put.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SecretPlace {
    /// The system keyring.
    Keyring,
    /// A file readable by its owner only.
    File,
}

/// The passwords of one user of this machine, keyed by server and analyst.
#[derive(Debug, Clone)]
pub struct Credentials {
    folder: PathBuf,
    use_keyring: bool,
}

impl Credentials {
    /// Passwords under `config_folder` (the app's configuration folder) when there is no keyring.
    pub fn new(config_folder: &Path) -> Credentials {
        let file_only = std::env::var("CLAIMDESK_SECRET_STORE").is_ok_and(|v| v == "file");
        Credentials {
            folder: config_folder.join("credentials"),
            use_keyring: !file_only,
        }
    }

    /// Keep `password` for `key` (see `ServerAddress::credential_key`).
    pub fn save(&self, key: &str, password: &str) -> Result<SecretPlace> {
        if self.use_keyring {
            let saved =
                keyring::Entry::new(KEYRING_SERVICE, key).and_then(|e| e.set_password(password));
            if saved.is_ok() {
                // A copy in a file from an earlier machine setup would be stale now.
                let _ = std::fs::remove_file(self.file_for(key));
                return Ok(SecretPlace::Keyring);
            }
        }
        self.save_to_file(key, password)?;
        Ok(SecretPlace::File)
    }

    /// The password kept for `key`, if any.
    pub fn load(&self, key: &str) -> Result<Option<String>> {
        if self.use_keyring {
            if let Ok(password) =
                keyring::Entry::new(KEYRING_SERVICE, key).and_then(|e| e.get_password())
            {
                return Ok(Some(password));
            }
        }
        match std::fs::read_to_string(self.file_for(key)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io("cannot read the saved team password", e)),
        }
    }

    /// Forget the password kept for `key`, wherever it is.
    pub fn forget(&self, key: &str) -> Result<()> {
        if self.use_keyring {
            if let Ok(entry) = keyring::Entry::new(KEYRING_SERVICE, key) {
                let _ = entry.delete_credential();
            }
        }
        match std::fs::remove_file(self.file_for(key)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io("cannot remove the saved team password", e)),
        }
    }

    /// The file a key's password goes to: named by a hash, so that no server name or analyst
    /// name reaches the file system.
    fn file_for(&self, key: &str) -> PathBuf {
        let digest = Sha256::digest(key.as_bytes());
        let name: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.folder.join(name)
    }

    fn save_to_file(&self, key: &str, password: &str) -> Result<()> {
        let cannot = |e| Error::io("cannot save the team password", e);
        create_private_folder(&self.folder).map_err(cannot)?;
        let path = self.file_for(key);
        let temporary = path.with_extension("new");
        let _ = std::fs::remove_file(&temporary);
        let mut file = private_file(&temporary).map_err(cannot)?;
        file.write_all(password.as_bytes()).map_err(cannot)?;
        file.sync_all().map_err(cannot)?;
        std::fs::rename(&temporary, &path).map_err(cannot)
    }
}

#[cfg(unix)]
fn create_private_folder(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)?;
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn create_private_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn file_only(folder: &Path) -> Credentials {
        Credentials {
            folder: folder.join("credentials"),
            use_keyring: false,
        }
    }

    #[test]
    fn a_password_without_keyring_is_in_a_file_only_its_owner_can_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = file_only(dir.path());
        let key = "ana@db.example.org:5432/team";
        assert_eq!(store.load(key).unwrap(), None);
        assert_eq!(store.save(key, "s3cret pass").unwrap(), SecretPlace::File);
        assert_eq!(store.load(key).unwrap().as_deref(), Some("s3cret pass"));
        let file = store.file_for(key);
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let folder_mode = std::fs::metadata(&store.folder)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(folder_mode, 0o700);
        assert!(
            !file.to_string_lossy().contains("ana"),
            "no names in file names"
        );
        store.save(key, "changed").unwrap();
        assert_eq!(store.load(key).unwrap().as_deref(), Some("changed"));
        store.forget(key).unwrap();
        assert_eq!(store.load(key).unwrap(), None);
    }
}

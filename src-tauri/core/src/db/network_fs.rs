//! Is a database file on a network share? SQLite's WAL mode keeps its index in shared memory,
//! which processes on different machines do not share, so a file on NFS, SMB/CIFS and the like
//! must use a rollback journal (SQLite's own documentation on WAL). We ask the kernel which
//! file system holds the file's folder (`statfs`); when it cannot say, we assume a local disk.

use std::path::Path;

/// True when `path` (or, for a file not created yet, its folder) is on a network file system.
pub fn is_on_network_fs(path: &Path) -> bool {
    let probe = if path.exists() {
        path
    } else {
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    };
    imp::is_network(probe)
}

#[cfg(target_os = "linux")]
mod imp {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    /// `f_type` magic numbers of network file systems (from linux/magic.h and the file systems'
    /// own sources). FUSE is left out: it is sshfs as often as a local encrypted folder.
    const NETWORK_MAGICS: &[(i64, &str)] = &[
        (0x6969, "NFS"),
        (0x517B, "SMB"),
        (0xFF53_4D42, "CIFS"),
        (0xFE53_4D42, "SMB2"),
        (0x5346_414F, "AFS"),
        (0x6B41_4653, "kAFS"),
        (0x0027_E0EB, "CODA"),
        (0x00C3_6400, "Ceph"),
        (0x0BD0_0BD0, "Lustre"),
        (0x4741_5346, "GPFS"),
        (0x0102_1997, "9p"),
        (0x564C, "NCP"),
    ];

    pub(super) fn is_network(path: &Path) -> bool {
        fs_magic(path).is_some_and(is_network_magic)
    }

    pub(super) fn is_network_magic(magic: i64) -> bool {
        NETWORK_MAGICS.iter().any(|(m, _)| *m == magic)
    }

    fn fs_magic(path: &Path) -> Option<i64> {
        let c_path = CString::new(path.as_os_str().as_bytes()).ok()?;
        // SAFETY: `statfs` writes one `struct statfs` into the zeroed buffer we own and reads
        // the NUL-terminated path; both outlive the call.
        let mut buf: libc::statfs = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::statfs(c_path.as_ptr(), &mut buf) };
        // f_type's width differs between architectures; the magics fit in 32 bits.
        #[allow(clippy::unnecessary_cast)]
        (rc == 0).then_some((buf.f_type as i64) & 0xFFFF_FFFF)
    }
}

#[cfg(target_os = "macos")]
mod imp {
    use std::ffi::{CStr, CString};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    const NETWORK_NAMES: &[&str] = &["nfs", "smbfs", "afpfs", "webdav", "cifs", "ftp"];

    pub(super) fn is_network(path: &Path) -> bool {
        let Ok(c_path) = CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: as on Linux: one struct we own, one NUL-terminated path.
        let mut buf: libc::statfs = unsafe { std::mem::zeroed() };
        if unsafe { libc::statfs(c_path.as_ptr(), &mut buf) } != 0 {
            return false;
        }
        // SAFETY: the kernel NUL-terminates f_fstypename.
        let name = unsafe { CStr::from_ptr(buf.f_fstypename.as_ptr()) };
        NETWORK_NAMES.contains(&name.to_string_lossy().as_ref())
    }
}

#[cfg(windows)]
mod imp {
    use std::path::{Component, Path, Prefix};

    /// A UNC path (`\\server\share\...`) is a network share; mapped drive letters are not
    /// detected, so a team marks such a file as shared instead.
    pub(super) fn is_network(path: &Path) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        matches!(
            absolute.components().next(),
            Some(Component::Prefix(p)) if matches!(p.kind(), Prefix::UNC(..) | Prefix::VerbatimUNC(..))
        )
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
mod imp {
    pub(super) fn is_network(_path: &std::path::Path) -> bool {
        false
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_folder_is_local() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_on_network_fs(&dir.path().join("not-yet.sqlite")));
    }

    #[test]
    fn nfs_and_smb_magics_are_network_and_ext4_is_not() {
        assert!(imp::is_network_magic(0x6969));
        assert!(imp::is_network_magic(0xFF53_4D42));
        assert!(!imp::is_network_magic(0xEF53));
    }
}

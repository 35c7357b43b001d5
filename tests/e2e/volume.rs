//! Small real filesystems for the fault tests: a tmpfs that can be filled to the last byte, and
//! an ext4 image on a loop device that the kernel can be told to turn read-only, as it does when
//! a USB stick or a disk reports an error under `errors=remount-ro`. Mounting needs root (CI runs
//! as root); without it the tests fail and say so rather than pass without trying.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted volume, unmounted (and its loop device released) when dropped.
pub struct Volume {
    _dir: tempfile::TempDir,
    mount_point: PathBuf,
}

impl Volume {
    /// A tmpfs of `bytes`.
    pub fn tmpfs(bytes: u64) -> Volume {
        let dir = tempfile::tempdir().expect("temp dir");
        let mount_point = dir.path().join("volume");
        std::fs::create_dir(&mount_point).expect("mount point");
        let size = format!("size={bytes}");
        run(
            "mount",
            &["-t", "tmpfs", "-o", &size, "tmpfs", path_str(&mount_point)],
        );
        Volume {
            _dir: dir,
            mount_point,
        }
    }

    /// An ext4 filesystem of `bytes` in an image file on a loop device, mounted so that an
    /// error makes the kernel remount it read-only.
    pub fn ext4(bytes: u64) -> Volume {
        let dir = tempfile::tempdir().expect("temp dir");
        let image = dir.path().join("volume.img");
        std::fs::File::create(&image)
            .and_then(|f| f.set_len(bytes))
            .expect("image file");
        run("mkfs.ext4", &["-q", "-F", path_str(&image)]);
        let mount_point = dir.path().join("volume");
        std::fs::create_dir(&mount_point).expect("mount point");
        run(
            "mount",
            &[
                "-o",
                "loop,errors=remount-ro",
                path_str(&image),
                path_str(&mount_point),
            ],
        );
        Volume {
            _dir: dir,
            mount_point,
        }
    }

    /// The folder at the root of the volume.
    pub fn path(&self) -> &Path {
        &self.mount_point
    }

    /// Write a filler file until the volume has no byte left; returns its path.
    pub fn fill(&self) -> PathBuf {
        let filler = self.mount_point.join("filler");
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&filler)
            .expect("filler file");
        let block = vec![0u8; 4096];
        loop {
            match file.write_all(&block).and_then(|_| file.sync_data()) {
                Ok(()) => continue,
                Err(err) if err.raw_os_error() == Some(28) => break,
                Err(err) => panic!("filling the volume: {err}"),
            }
        }
        // Any partial block left over must go too.
        while file.write_all(&[0u8]).is_ok() && file.sync_data().is_ok() {}
        filler
    }

    /// Report an error on the ext4 volume, as a failing disk would: the kernel remounts it
    /// read-only at once, under the open files.
    pub fn fail_disk(&self) {
        let device = output(
            "findmnt",
            &["-n", "-o", "SOURCE", path_str(&self.mount_point)],
        );
        let name = Path::new(device.trim())
            .file_name()
            .expect("a device name")
            .to_string_lossy()
            .into_owned();
        std::fs::write(
            format!("/sys/fs/ext4/{name}/trigger_fs_error"),
            "claimdesk fault test",
        )
        .expect("ext4 accepts a test error (trigger_fs_error)");
        let options = output(
            "findmnt",
            &["-n", "-o", "OPTIONS", path_str(&self.mount_point)],
        );
        let read_only = options
            .trim()
            .split(',')
            .any(|o| o == "ro" || o == "emergency_ro");
        assert!(read_only, "the volume is still writable: {options}");
    }
}

impl Drop for Volume {
    fn drop(&mut self) {
        // Lazy, so a process that has not quite let go cannot keep the mount alive.
        let _ = Command::new("umount")
            .args(["-l", path_str(&self.mount_point)])
            .status();
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

fn run(program: &str, args: &[&str]) {
    output(program, args);
}

fn output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not start: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}. The fault tests mount small filesystems and need root \
         (CI runs as root) and loop devices.",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

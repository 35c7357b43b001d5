//! When a child dies, and how: SIGKILL, at a moment chosen before it starts.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// How often a watched child and its file are looked at.
const POLL: Duration = Duration::from_millis(1);

/// Growth of the header's page count that means a batch is landing (a batch adds about 4,400
/// pages); a checkpoint of a few tagging changes left in a WAL moves it by a page or two.
const BATCH_GROWTH: u32 = 1_000;

/// The moment an import child is killed.
#[derive(Debug)]
pub enum Moment {
    /// This long after it started.
    After(Duration),
    /// This long after the page count in the file's header grows by a batch. In WAL mode that is the
    /// checkpoint copying the committed batch into the file; with a rollback journal, the commit
    /// writing its pages. Both windows are too short for a delay picked in advance to hit often.
    AfterHeaderMoves(Duration),
}

impl Moment {
    /// A third anywhere from the start to just past the commit, a third around the commit, a
    /// third during the commit or the checkpoint that follows it. Until an import has shown when
    /// its commit comes, every moment is of the third kind.
    pub fn pick(rng: &mut fastrand::Rng, commit_after: Option<Duration>) -> Moment {
        match (rng.u8(0..3), commit_after) {
            (0, Some(usual)) => Moment::After(usual.mul_f64(rng.f64() * 1.05)),
            (1, Some(usual)) => Moment::After(usual.mul_f64(0.85 + rng.f64() * 0.2)),
            _ => Moment::AfterHeaderMoves(Duration::from_millis(rng.u64(0..16))),
        }
    }
}

/// How the child ended.
pub enum End {
    Killed,
    /// It finished before the moment came: its status, and how long it ran.
    Finished(ExitStatus, Duration),
}

/// Kill the child at `moment`, watching `db`'s header; also returns how long after the start
/// the header's page count grew by a batch, if it did.
pub fn kill_import(child: Child, db: &Path, moment: &Moment) -> (End, Option<Duration>) {
    let mut header = HeaderWatch::new(db);
    let end = kill_when(child, |elapsed| {
        let moved = header.moved_after(elapsed);
        match moment {
            Moment::After(delay) => elapsed >= *delay,
            Moment::AfterHeaderMoves(delay) => moved.is_some_and(|t| elapsed >= t + *delay),
        }
    });
    (end, header.moved)
}

/// Kill the child with SIGKILL once `now(elapsed)` says so, unless it ends first.
pub fn kill_when(mut child: Child, mut now: impl FnMut(Duration) -> bool) -> End {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            return End::Finished(status, started.elapsed());
        }
        if now(started.elapsed()) {
            break;
        }
        std::thread::sleep(POLL);
    }
    // std's kill is SIGKILL on Unix: no handler, no flush, no rollback. The page cache survives
    // it, so the suite tests atomicity and recovery, not what fsync makes durable.
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("child reaped");
    match status.signal() {
        Some(_) => End::Killed,
        // It ended on its own just before the kill.
        None => End::Finished(status, started.elapsed()),
    }
}

/// The page count in a database file's header, and when it grew by a batch.
struct HeaderWatch {
    path: PathBuf,
    first: u32,
    moved: Option<Duration>,
}

impl HeaderWatch {
    fn new(path: &Path) -> HeaderWatch {
        HeaderWatch {
            path: path.to_owned(),
            first: page_count(path).unwrap_or(0),
            moved: None,
        }
    }

    /// When the page count grew by a batch, noting `now` if it has just done so.
    fn moved_after(&mut self, now: Duration) -> Option<Duration> {
        if self.moved.is_none()
            && page_count(&self.path).is_some_and(|n| n >= self.first + BATCH_GROWTH)
        {
            self.moved = Some(now);
        }
        self.moved
    }
}

fn page_count(path: &Path) -> Option<u32> {
    let mut header = [0u8; 32];
    let mut file = std::fs::File::open(path).ok()?;
    file.read_exact(&mut header).ok()?;
    Some(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]))
}

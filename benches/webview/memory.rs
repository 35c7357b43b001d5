//! Resident memory of the app and its WebKit processes, from /proc.

use std::path::Path;

/// Resident memory of the app process and of the WebKit processes it started.
#[derive(Default)]
pub(crate) struct Memory {
    pub(crate) app_rss_kb: u64,
    pub(crate) app_peak_kb: u64,
    pub(crate) web_rss_kb: u64,
    pub(crate) web_peak_kb: u64,
}

impl Memory {
    pub(crate) fn read(app_pid: u32) -> Memory {
        let mut memory = Memory {
            app_rss_kb: status_kb(app_pid, "VmRSS:").unwrap_or(0),
            app_peak_kb: status_kb(app_pid, "VmHWM:").unwrap_or(0),
            ..Memory::default()
        };
        for (pid, ppid, comm) in processes() {
            if ppid == app_pid && comm.starts_with("WebKitWebProces") {
                memory.web_rss_kb += status_kb(pid, "VmRSS:").unwrap_or(0);
                memory.web_peak_kb += status_kb(pid, "VmHWM:").unwrap_or(0);
            }
        }
        memory
    }
}

/// The claimdesk process started for this bench: the one whose CLAIMDESK_DB is our file.
pub(crate) fn find_app_pid(db: &Path) -> Option<u32> {
    let wanted = format!("CLAIMDESK_DB={}", db.display());
    processes()
        .into_iter()
        .filter(|(_, _, comm)| comm == "claimdesk")
        .map(|(pid, _, _)| pid)
        .find(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|&b| b == 0).any(|var| var == wanted.as_bytes()))
                .unwrap_or(false)
        })
}

/// (pid, parent pid, command name) of every process.
fn processes() -> Vec<(u32, u32, String)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let (open, close) = (stat.find('(')?, stat.rfind(')')?);
        let comm = stat.get(open + 1..close)?.to_owned();
        let ppid = stat.get(close + 2..)?.split(' ').nth(1)?.parse().ok()?;
        Some((pid, ppid, comm))
    })
    .collect()
}

/// A `kB` line of /proc/<pid>/status.
fn status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.trim_start_matches(key)
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

pub(crate) fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

//! A pseudo-terminal for a child's standard error, so that a test sees what a person at a
//! terminal would: the CLI draws its progress line only there.

use std::fs::File;
use std::io::Read;
use std::os::fd::FromRawFd;
use std::process::{Command, Output, Stdio};

/// Both ends of a fresh pseudo-terminal, 100 columns wide.
pub struct Terminal {
    /// The side a terminal emulator reads: everything the child writes comes out here.
    reader: File,
    /// The side the child writes to, as its standard error.
    screen: File,
}

impl Terminal {
    pub fn open() -> Terminal {
        let (mut reader, mut screen) = (-1, -1);
        let size = libc::winsize {
            ws_row: 24,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors into the given ints and reads `size`; no name
        // buffer and no termios are passed.
        let opened = unsafe {
            libc::openpty(
                &mut reader,
                &mut screen,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned by nobody else.
        unsafe {
            Terminal {
                reader: File::from_raw_fd(reader),
                screen: File::from_raw_fd(screen),
            }
        }
    }

    /// Run `command` with its standard error on this terminal: its output (standard error
    /// empty), and everything it wrote to the terminal.
    pub fn run(self, mut command: Command) -> (Output, String) {
        let Terminal { mut reader, screen } = self;
        command.stderr(Stdio::from(screen));
        // Read while the child runs, so that its writes never wait for room.
        let drawn = std::thread::spawn(move || {
            let mut seen = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                match reader.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => seen.extend_from_slice(&chunk[..n]),
                    Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO: the last writer closed its end.
                    Err(_) => break,
                }
            }
            seen
        });
        let output = command.output().expect("the CLI runs");
        // The command holds our copy of the child's end; closing it lets the reader see the end.
        drop(command);
        let drawn = drawn.join().expect("the terminal reader");
        (output, String::from_utf8_lossy(&drawn).into_owned())
    }
}

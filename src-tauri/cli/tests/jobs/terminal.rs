//! A pseudo-terminal for a child's standard error, so that a test sees what a person at a
//! terminal would: the CLI draws its progress line only there.

use std::fs::File;
use std::io::Read;
use std::os::fd::FromRawFd;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

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
    pub fn run(self, command: Command) -> (Output, String) {
        self.spawn(command).finish()
    }

    /// Start `command` with its standard error on this terminal and its standard output piped.
    pub fn spawn(self, mut command: Command) -> OnTerminal {
        let Terminal { mut reader, screen } = self;
        // A terminal emulator names its kind; without it (or with "dumb") nothing is drawn, as
        // a line redrawn in place needs cursor movement.
        command
            .stderr(Stdio::from(screen))
            .stdout(Stdio::piped())
            .env("TERM", "xterm");
        let child = command.spawn().expect("the CLI starts");
        // The command holds our copy of the child's end; closing it lets the reader see the end.
        drop(command);
        let drawn = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&drawn);
        // Read while the child runs, so that its writes never wait for room.
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            loop {
                match reader.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => seen.lock().unwrap().extend_from_slice(&chunk[..n]),
                    Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO: the last writer closed its end.
                    Err(_) => break,
                }
            }
        });
        OnTerminal {
            child,
            drawn,
            reader,
        }
    }
}

/// A child whose standard error is a terminal the test reads.
pub struct OnTerminal {
    pub child: Child,
    drawn: Arc<Mutex<Vec<u8>>>,
    reader: JoinHandle<()>,
}

impl OnTerminal {
    /// A view of what the child writes to the terminal, to look at while it runs.
    pub fn screen(&self) -> Screen {
        Screen(Arc::clone(&self.drawn))
    }

    /// Wait for the child: its output, and everything it wrote to the terminal.
    pub fn finish(self) -> (Output, String) {
        let output = self.child.wait_with_output().expect("the CLI ends");
        self.reader.join().expect("the terminal reader");
        (output, Screen(self.drawn).text())
    }
}

/// What a child has written to its terminal.
pub struct Screen(Arc<Mutex<Vec<u8>>>);

impl Screen {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

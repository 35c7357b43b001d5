//! A loopback server that only counts: every connection made to it is recorded with its request
//! line. Hostile fixtures point their remote resources at it, so that anything the window
//! fetched, ran or followed shows up here.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Canary {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Canary {
    /// Listen on 127.0.0.1 at a free port.
    pub fn start() -> Canary {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().expect("its address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (requests, stop) = (requests.clone(), stop.clone());
            std::thread::spawn(move || serve(listener, &requests, &stop))
        };
        let canary = Canary {
            port,
            requests,
            stop,
            thread: Some(thread),
        };
        canary.check_it_hears();
        canary
    }

    /// A canary that cannot hear would prove nothing: knock once, wait for the knock to be
    /// recorded, then forget it.
    fn check_it_hears(&self) {
        let mut knock = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to canary");
        knock
            .write_all(b"GET /self-check HTTP/1.1\r\n\r\n")
            .expect("knock");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while self.requests().is_empty() {
            assert!(
                std::time::Instant::now() < deadline,
                "the canary heard nothing"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(self.requests(), ["GET /self-check HTTP/1.1"]);
        if let Ok(mut list) = self.requests.lock() {
            list.clear();
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The request lines received so far (a connection that sent nothing counts as "(silent)").
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for Canary {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(listener: TcpListener, requests: &Mutex<Vec<String>>, stop: &AtomicBool) {
    while !stop.load(Ordering::Acquire) {
        match listener.accept() {
            Ok((stream, _)) => {
                let line = first_line(stream);
                if let Ok(mut list) = requests.lock() {
                    list.push(line);
                }
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Read the request line and answer 204, so that a client does not retry.
fn first_line(mut stream: TcpStream) -> String {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut line = String::new();
    let _ = BufReader::new(&stream).read_line(&mut line);
    let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    match line.trim() {
        "" => "(silent)".to_owned(),
        request => request.to_owned(),
    }
}

//! The link against servers that misbehave, each a few lines on the loopback: one that never
//! answers (a hung server) must not hold up the game when the game lets go of the link, and a
//! class that has ended says so instead of a bare refusal.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use kam_class::protocol::Pacing;
use kam_class::{Client, Link};
use kam_sim::Decision;

/// A server that accepts every connection and never answers; the connections stay open.
fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    address
}

/// A server that answers every request with `status` and `body`.
fn answering(status: u16, body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut request = vec![0; length];
                let _ = reader.read_exact(&mut request);
                let answer = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = reader.get_mut().write_all(answer.as_bytes());
            });
        }
    });
    address
}

#[test]
fn letting_go_of_a_link_whose_server_hangs_does_not_wait_for_the_server() {
    let address = silent_server();
    let link = Link::start(
        Client::new(&address),
        "t".into(),
        Pacing::Rounds,
        vec![Decision::WalkAway],
        0,
    );
    // The link is now waiting for the server's answer to its submission.
    std::thread::sleep(Duration::from_millis(300));
    let dropped = Instant::now();
    drop(link);
    assert!(
        dropped.elapsed() < Duration::from_secs(1),
        "the game waited {:?} for a server that does not answer (a frozen window)",
        dropped.elapsed()
    );
}

#[test]
fn a_submission_refused_because_the_class_ended_marks_the_class_ended() {
    let address = answering(
        410,
        r#"{"error":"this class has ended: nothing more is recorded"}"#,
    );
    let link = Link::start(
        Client::new(&address),
        "t".into(),
        Pacing::Free,
        vec![Decision::WalkAway],
        0,
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while link.state().refused.is_none() {
        assert!(Instant::now() < deadline, "the refusal never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    let state = link.state();
    assert!(state.ended, "{state:?}");
    assert!(!state.seat_gone);
}

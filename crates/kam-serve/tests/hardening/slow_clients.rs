//! Finding 1: idle, half-sent requests must not stall the server. A connection that does not
//! finish its request head in time is closed, one address cannot hold more than its share of
//! connections, and a normal request is answered meanwhile.
//!
//! Loopback only: the idle clients come from 127.0.0.2 (all of 127.0.0.0/8 is this machine
//! on Linux), the normal request from 127.0.0.1, so the per-address cap is what is tested.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::harness::Server;

const HALF_A_REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: kam\r\nX-Slow: ";

async fn half_sent_from(from: [u8; 4], to: std::net::SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind((from, 0).into())?;
    let mut stream = socket.connect(to).await?;
    stream.write_all(HALF_A_REQUEST).await?;
    Ok(stream)
}

/// True when the server closed the connection (end of stream or reset) within `wait`.
async fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buffer = [0u8; 256];
    loop {
        match tokio::time::timeout(wait, stream.read(&mut buffer)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            // An error answer before closing is fine too: keep reading to the close.
            Ok(Ok(_)) => continue,
        }
    }
}

async fn normal_request(to: std::net::SocketAddr) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(to).await?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: kam\r\nConnection: close\r\n\r\n")
        .await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    Ok(answer)
}

#[test]
fn a_half_sent_request_is_closed_when_its_head_is_late() {
    let server = Server::start_with(kam_serve::Tuning {
        header_read_timeout: Duration::from_secs(1),
        ..kam_serve::Tuning::default()
    });
    let addr = server.addr();
    server.runtime.block_on(async {
        let mut stream = half_sent_from([127, 0, 0, 2], addr).await.unwrap();
        let started = Instant::now();
        assert!(
            closed_within(&mut stream, Duration::from_secs(5)).await,
            "a half-sent request was still held after 5 s"
        );
        assert!(started.elapsed() >= Duration::from_millis(900));
        // An idle keep-alive connection is closed the same way.
        let mut idle = TcpStream::connect(addr).await.unwrap();
        idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: kam\r\n\r\n")
            .await
            .unwrap();
        assert!(closed_within(&mut idle, Duration::from_secs(5)).await);
    });
}

#[test]
fn a_request_whose_body_comes_too_slowly_is_answered_408_and_closed() {
    let server = Server::start_with(kam_serve::Tuning {
        request_with_body_timeout: Duration::from_secs(1),
        ..kam_serve::Tuning::default()
    });
    let addr = server.addr();
    server.runtime.block_on(async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(
                b"POST /api/join HTTP/1.1\r\nHost: kam\r\nContent-Type: application/json\r\n\
                  Content-Length: 100\r\n\r\n{\"code\": ",
            )
            .await
            .unwrap();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
            .await
            .expect("a request with a stalled body was still held after 5 s");
        assert!(read.is_ok());
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    });
}

#[test]
fn many_idle_connections_from_one_address_do_not_stop_a_normal_request() {
    let server = Server::start_with(kam_serve::Tuning {
        connections_per_address: 50,
        ..kam_serve::Tuning::default()
    });
    let addr = server.addr();
    server.runtime.block_on(async {
        let mut idle = Vec::new();
        for _ in 0..200 {
            idle.push(half_sent_from([127, 0, 0, 2], addr).await.unwrap());
        }
        let started = Instant::now();
        let answer = tokio::time::timeout(Duration::from_secs(1), normal_request(addr))
            .await
            .expect("a normal request waited more than 1 s")
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(started.elapsed() < Duration::from_secs(1));
        // The address's connections past its cap were closed at once.
        let mut closed = 0;
        for stream in &mut idle {
            if closed_within(stream, Duration::from_millis(20)).await {
                closed += 1;
            }
        }
        assert!(
            closed >= 150,
            "only {closed} of 200 idle connections were closed"
        );
    });
}

/// The stall as the hostile test found it: a server with few file descriptors (the hard
/// limit lowered to 256, so it cannot raise its own) and more half-sent connections than
/// that. The server runs in a child process (this test binary again, running
/// [`child_server_with_256_files`]), so its descriptors are its own.
#[test]
fn more_idle_connections_than_the_file_limit_do_not_stop_a_normal_request() {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "slow_clients::child_server_with_256_files",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    let addr: std::net::SocketAddr = lines
        // libtest prints "test NAME ... " before the test's own output, on the same line.
        .find_map(|line| {
            line.ok()?
                .split_once("listening on ")?
                .1
                .trim()
                .parse()
                .ok()
        })
        .expect("the child server says where it listens");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answered = runtime.block_on(async {
        let mut idle = Vec::new();
        for _ in 0..300 {
            if let Ok(stream) = half_sent_from([127, 0, 0, 2], addr).await {
                idle.push(stream);
            }
        }
        let answered = tokio::time::timeout(Duration::from_secs(1), normal_request(addr)).await;
        drop(idle);
        answered
    });
    drop(child.stdin.take());
    let _ = child.kill();
    let _ = child.wait();
    let answer = answered
        .expect("a normal request waited more than 1 s")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

const CHILD: &str = "KAM_SERVE_TEST_CHILD";

#[test]
#[ignore = "the server of more_idle_connections_than_the_file_limit_do_not_stop_a_normal_request, run in a child process"]
fn child_server_with_256_files() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    rlimit::setrlimit(rlimit::Resource::NOFILE, 256, 256).unwrap();
    let server = Server::start();
    println!("listening on {}", server.addr());
    // Serve until the parent closes our input.
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    drop(server);
}

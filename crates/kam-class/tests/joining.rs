//! The game's client against a real class server started in this process: a join whose answer
//! is lost is sent again and gets its seat, a taken name stays taken for any other join, and a
//! seat the instructor removes stops its game's link with a typed outcome.
//!
//! Lost answers are made by a proxy between the client and the server that lets the request
//! through and drops the server's answer, as a Wi-Fi drop or a timeout would.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kam_class::protocol::Pacing;
use kam_class::{CallError, Client, JoinAttempt, Link};
use serde_json::{Value, json};

struct Server {
    runtime: tokio::runtime::Runtime,
    running: Option<kam_serve::Running>,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let options = kam_serve::ServeOptions {
            db: Some(format!(
                "sqlite://{}",
                dir.path().join("class.db").display()
            )),
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: None,
            rate_per_address: 10_000.0,
            rate_per_seat: 1_000.0,
        };
        let running = runtime.block_on(kam_serve::start(&options, None)).unwrap();
        Server {
            runtime,
            running: Some(running),
            _dir: dir,
        }
    }

    fn addr(&self) -> SocketAddr {
        self.running.as_ref().unwrap().addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.stop());
        }
    }
}

/// The instructor's side, through the API with the session's key.
struct Instructor {
    base: String,
    agent: ureq::Agent,
    id: String,
    code: String,
    key: String,
}

impl Instructor {
    fn create(server: &Server) -> Instructor {
        let base = format!("http://{}", server.addr());
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let body = json!({ "scenario": "tutorial", "seed": "7", "pacing": "free" });
        let created: Value = serde_json::from_str(
            &agent
                .post(format!("{base}/api/sessions"))
                .header("Content-Type", "application/json")
                .send(body.to_string())
                .unwrap()
                .body_mut()
                .read_to_string()
                .unwrap(),
        )
        .unwrap();
        let text = |k: &str| created[k].as_str().unwrap().to_owned();
        Instructor {
            id: text("id"),
            code: text("code"),
            key: text("secret"),
            base,
            agent,
        }
    }

    fn roster(&self) -> Vec<Value> {
        let mut answer = self
            .agent
            .get(format!("{}/api/sessions/{}", self.base, self.id))
            .header("Authorization", &format!("Bearer {}", self.key))
            .call()
            .unwrap();
        let view: Value =
            serde_json::from_str(&answer.body_mut().read_to_string().unwrap()).unwrap();
        view["roster"].as_array().unwrap().clone()
    }

    fn remove(&self, seat: i64) {
        let answer = self
            .agent
            .post(format!(
                "{}/api/sessions/{}/seats/{seat}/remove",
                self.base, self.id
            ))
            .header("Authorization", &format!("Bearer {}", self.key))
            .send("")
            .unwrap();
        assert_eq!(answer.status().as_u16(), 204);
    }
}

/// A TCP proxy to the server that loses the answers of its first `answers_to_lose`
/// connections (the request reaches the server; the answer never reaches the client), and
/// counts connections and status polls.
struct Proxy {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    status_polls: Arc<AtomicUsize>,
}

impl Proxy {
    fn start(upstream: SocketAddr, answers_to_lose: usize) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let status_polls = Arc::new(AtomicUsize::new(0));
        let (counted, polls) = (Arc::clone(&connections), Arc::clone(&status_polls));
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let lose = counted.fetch_add(1, Ordering::SeqCst) < answers_to_lose;
                let server = TcpStream::connect(upstream).unwrap();
                let (to_server, from_client) =
                    (server.try_clone().unwrap(), client.try_clone().unwrap());
                let polls = Arc::clone(&polls);
                std::thread::spawn(move || forward(from_client, to_server, Some(&polls)));
                std::thread::spawn(move || {
                    if lose {
                        lose_answer(server, client);
                    } else {
                        forward(server, client, None);
                    }
                });
            }
        });
        Proxy {
            addr,
            connections,
            status_polls,
        }
    }
}

fn forward(mut from: TcpStream, mut to: TcpStream, status_polls: Option<&AtomicUsize>) {
    let mut buf = [0u8; 16 * 1024];
    while let Ok(n @ 1..) = from.read(&mut buf) {
        if let Some(polls) = status_polls {
            let polled = buf[..n]
                .windows(b"GET /api/status".len())
                .filter(|w| *w == b"GET /api/status")
                .count();
            polls.fetch_add(polled, Ordering::SeqCst);
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// Waits until the server starts answering (so the join is done and committed), then cuts
/// both connections: the client never sees the answer.
fn lose_answer(mut server: TcpStream, client: TcpStream) {
    let mut first = [0u8; 1];
    let _ = server.read(&mut first);
    let _ = client.shutdown(Shutdown::Both);
    let _ = server.shutdown(Shutdown::Both);
}

#[test]
fn a_join_whose_answer_is_lost_is_sent_again_and_gets_its_seat() {
    let server = Server::start();
    let instructor = Instructor::create(&server);
    let proxy = Proxy::start(server.addr(), 1);
    let client = Client::new(&proxy.addr.to_string());
    let seat = client
        .join(&instructor.code, "  Mei   Lin ")
        .expect("the join is sent again after its answer was lost, and gets the seat");
    assert!(
        proxy.connections.load(Ordering::SeqCst) >= 2,
        "the first answer was lost, so the seat came from a resend"
    );
    assert_eq!(seat.name, "Mei Lin", "the name as the server stored it");
    let roster = instructor.roster();
    assert_eq!(roster.len(), 1, "one join, one seat: {roster:?}");
    assert_eq!(roster[0]["name"], "Mei Lin");
    let direct = Client::new(&server.addr().to_string());
    assert!(
        direct.status(&seat.token).is_ok(),
        "the resend's token holds the seat"
    );
}

#[test]
fn a_taken_name_is_refused_to_any_other_join() {
    let server = Server::start();
    let instructor = Instructor::create(&server);
    let client = Client::new(&server.addr().to_string());
    let attempt = JoinAttempt::new(&instructor.code, "Mei Lin");
    let other = JoinAttempt::new(&instructor.code, "Mei Lin");
    for id in [attempt.join_id(), other.join_id()] {
        assert!(
            id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "32 hex digits: {id}"
        );
    }
    assert_ne!(attempt.join_id(), other.join_id(), "one join id per join");
    // The same join sent twice (its first answer lost on the way) is one seat.
    client.send_join(&attempt).unwrap();
    let again = client
        .send_join(&attempt)
        .expect("a resend gets the seat back");
    assert_eq!(again.name, "Mei Lin");
    assert_eq!(instructor.roster().len(), 1);
    // Another join for the name (another computer, or the game's next join) is refused.
    for refused in [
        client.send_join(&other),
        client.join(&instructor.code, "mei lin"),
    ] {
        match refused {
            Err(CallError::Refused {
                status: 409,
                refusal,
            }) => assert!(
                refusal.error.contains("joined already"),
                "{}",
                refusal.error
            ),
            other => panic!("expected the name-taken refusal, got {other:?}"),
        }
    }
    assert_eq!(instructor.roster().len(), 1);
}

#[test]
fn a_removed_seat_stops_its_link_with_a_typed_outcome() {
    let server = Server::start();
    let instructor = Instructor::create(&server);
    let proxy = Proxy::start(server.addr(), 0);
    let client = Client::new(&proxy.addr.to_string());
    let seat = client.join(&instructor.code, "Ann").unwrap();
    let link = Link::start(client, seat.token, Pacing::Free, Vec::new(), 0);
    let wait_for = |what: &str, done: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !done() {
            assert!(Instant::now() < deadline, "{what} never happened");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("a first status", &|| link.state().status.is_some());
    assert!(!link.state().seat_gone);
    instructor.remove(instructor.roster()[0]["seat"].as_i64().unwrap());
    wait_for("the removal showing", &|| link.state().seat_gone);
    assert!(
        link.state().refused.is_some(),
        "a game that reads only `refused` still shows the trouble"
    );
    // A dead token polled every 2 s counts against the classroom's shared address limit.
    let polls = proxy.status_polls.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(4500));
    assert_eq!(
        proxy.status_polls.load(Ordering::SeqCst),
        polls,
        "the link keeps polling a seat that is gone"
    );
}

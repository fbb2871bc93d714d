//! What an operator watches (issue 20): `/healthz`, the Prometheus counters at `/metrics`,
//! and the request log, which names routes by template and never carries a seat token, a
//! rejoin code or an instructor key.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use kam_class::{Client, robot};

use crate::harness::{Server, create};

/// Everything the request log has written in this test binary.
///
/// The server answers on its runtime's worker threads, where a thread-local subscriber
/// (`tracing::subscriber::with_default`) does not reach, so the capture is the process's
/// global subscriber, installed once. Other tests' requests land in it too, which only
/// widens what the "no secrets" check covers.
fn captured_log() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    Arc::clone(LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&log);
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || Capture(Arc::clone(&writer)))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        log
    }))
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn healthz_answers_ok_on_a_fresh_server_without_a_key() {
    let server = Server::start();
    let answer = server.http().get("/healthz", None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.json(),
        serde_json::json!({ "status": "ok", "database": "ok" })
    );
    assert_eq!(answer.header("cache-control"), Some("no-store"));
}

#[test]
fn metrics_count_requests_by_route_template_and_the_log_holds_no_secret() {
    let log = captured_log();
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "classroom_en", "free");
    let client = Client::new(&server.base());
    let seat = client.join(&session.code, "Ann").unwrap();
    robot::play(&client, &seat, kam_sim::StrategyId::Expert, Some(1)).unwrap();
    assert_eq!(http.get("/api/status", Some(&seat.token)).status, 200);
    assert_eq!(http.get("/api/status", Some("not-a-token")).status, 401);
    // The instructor link: its key is in the path.
    let entered = http.get(&format!("/i/{}/key/{}", session.id, session.key), None);
    assert!(entered.status < 400, "{}", entered.body);
    assert_eq!(http.get("/no/such/page", None).status, 404);

    let metrics = http.get("/metrics", None);
    assert_eq!(metrics.status, 200);
    assert_eq!(metrics.header("cache-control"), Some("no-store"));
    let text = &metrics.body;
    for series in [
        r#"kam_serve_http_requests_total{route="/api/sessions",status="200"} 1"#,
        r#"kam_serve_http_requests_total{route="/api/status",status="200"} 1"#,
        r#"kam_serve_http_requests_total{route="/api/status",status="401"} 1"#,
        r#"kam_serve_http_requests_total{route="unmatched",status="404"} 1"#,
        "kam_serve_sse_streams_open 0",
        "kam_serve_database_errors_total 0",
    ] {
        assert!(text.contains(series), "no {series} in:\n{text}");
    }
    assert!(
        text.contains(r#"kam_serve_http_requests_total{route="/i/{id}/key/{secret}",status="#),
        "{text}"
    );
    let submissions = text
        .lines()
        .find_map(|l| l.strip_prefix("kam_serve_submission_duration_seconds_count "))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or_else(|| panic!("no submission histogram in:\n{text}"));
    assert!(submissions > 0, "{text}");
    for secret in [&seat.token, &seat.rejoin, &session.key] {
        assert!(!text.contains(secret.as_str()), "a secret in the metrics");
    }
    drop(server);

    let log = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    let submit_line = log
        .lines()
        .find(|l| l.contains("route=/api/submit") && l.contains(&session.id))
        .unwrap_or_else(|| panic!("no submission of this class in the log:\n{log}"));
    for field in ["method=POST", "status=200", "latency_ms="] {
        assert!(submit_line.contains(field), "no {field} in {submit_line}");
    }
    assert!(log.contains("route=/i/{id}/key/{secret}"), "{log}");
    for secret in [&seat.token, &seat.rejoin, &session.key] {
        assert!(
            !log.contains(secret.as_str()),
            "a secret in the log:\n{log}"
        );
    }
}

/// A trainee's request is logged with its session and its seat, so an operator can tell whose
/// refusal or fault a log line is about (the token itself is never logged).
#[test]
fn a_seats_requests_are_logged_with_its_seat() {
    let log = captured_log();
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "free");
    let client = Client::new(&server.base());
    let _first = client.join(&session.code, "Ann").unwrap();
    let second = client.join(&session.code, "Bo").unwrap();
    assert_eq!(http.get("/api/status", Some(&second.token)).status, 200);
    drop(server);
    let log = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("route=/api/status") && l.contains(&session.id))
        .unwrap_or_else(|| panic!("no status poll of this class in the log:\n{log}"));
    assert!(line.contains("seat=2"), "{line}");
    assert!(!line.contains(second.token.as_str()), "{line}");
}

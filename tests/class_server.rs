//! `kam serve` end to end through its real HTTP API: a class created, trainees joining and
//! playing with built-in strategies, rounds released, the report exported and verified; the
//! refusals of the threat model; a server killed mid-class.
//!
//! Every test runs against SQLite, and against PostgreSQL too when `KAM_TEST_POSTGRES` holds
//! a database address (`.ci/run` installs and starts one and sets it).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kam_class::protocol::{Pacing, Submission};
use kam_class::{CallError, Client, Link, robot};
use kam_sim::{Decision, Plan, Visit};

/// The class report the `kam` binary gives the server, for in-process servers: its own file.
#[path = "../src/class_report.rs"]
mod class_report;
use class_report::ClassReport as CliReport;

/// The databases to test against: a fresh SQLite file, and PostgreSQL when configured.
fn databases(dir: &Path) -> Vec<String> {
    let mut out = vec![format!("sqlite://{}", dir.join("class.db").display())];
    if let Ok(url) = std::env::var("KAM_TEST_POSTGRES")
        && !url.is_empty()
    {
        out.push(url);
    }
    out
}

struct Server {
    runtime: tokio::runtime::Runtime,
    running: Option<kam_serve::Running>,
}

impl Server {
    fn start(db: &str) -> Server {
        // The tests are one client address playing a whole class.
        Server::start_limited(db, 10_000.0, 1_000.0)
    }

    fn start_limited(db: &str, rate_per_address: f64, rate_per_seat: f64) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let options = kam_serve::ServeOptions {
            db: Some(db.to_owned()),
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: None,
            rate_per_address,
            rate_per_seat,
        };
        let running = runtime
            .block_on(kam_serve::start(&options, Some(Arc::new(CliReport))))
            .unwrap();
        Server {
            runtime,
            running: Some(running),
        }
    }

    fn base(&self) -> String {
        format!("http://{}", self.running.as_ref().unwrap().addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.stop());
        }
    }
}

/// Plain HTTP calls, as an instructor's browser or script makes them.
struct Http {
    base: String,
    agent: ureq::Agent,
}

impl Http {
    fn new(base: &str) -> Http {
        Http {
            base: base.to_owned(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .into(),
        }
    }

    fn post(&self, path: &str, key: Option<&str>, body: &str) -> (u16, String) {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/json");
        if let Some(key) = key {
            request = request.header("Authorization", &format!("Bearer {key}"));
        }
        let mut response = request.send(body).unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    fn get(&self, path: &str, key: Option<&str>) -> (u16, Vec<u8>) {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(key) = key {
            request = request.header("Authorization", &format!("Bearer {key}"));
        }
        let mut response = request.call().unwrap();
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .unwrap_or_default();
        (status, bytes)
    }

    fn view(&self, id: &str, key: &str) -> serde_json::Value {
        let (status, body) = self.get(&format!("/api/sessions/{id}"), Some(key));
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        serde_json::from_slice(&body).unwrap()
    }
}

struct Session {
    id: String,
    code: String,
    key: String,
}

fn create(http: &Http, scenario: &str, pacing: &str) -> Session {
    let body = serde_json::json!({ "scenario": scenario, "seed": "class-7B", "pacing": pacing });
    let (status, text) = http.post("/api/sessions", None, &body.to_string());
    assert_eq!(status, 200, "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    Session {
        id: v["id"].as_str().unwrap().to_owned(),
        code: v["code"].as_str().unwrap().to_owned(),
        key: v["secret"].as_str().unwrap().to_owned(),
    }
}

/// The instructor starts a class in rounds: the first round is theirs to release.
fn start(http: &Http, session: &Session) {
    let (status, text) = http.post(
        &format!("/api/sessions/{}/release", session.id),
        Some(&session.key),
        "",
    );
    assert_eq!(status, 200, "{text}");
}

fn unpack(tar_bytes: &[u8], into: &Path) -> Vec<PathBuf> {
    let mut archive = tar::Archive::new(tar_bytes);
    archive.unpack(into).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(into.join("results"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_class_of_twenty_plays_in_rounds_and_its_results_verify() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let server = Server::start(&db);
        let http = Http::new(&server.base());
        let session = create(&http, "classroom_en", "rounds");
        let strategies = kam_sim::StrategyId::BENCHMARKS;
        let client = Client::new(&server.base());
        let seats: Vec<_> = (0..20)
            .map(|i| {
                client
                    .join(&session.code, &format!("Trainee {i:02}"))
                    .unwrap()
            })
            .collect();
        assert!(seats.iter().all(|s| s.pacing == Pacing::Rounds));
        start(&http, &session);
        let players: Vec<_> = seats
            .into_iter()
            .enumerate()
            .map(|(i, seat)| {
                let client = client.clone();
                let strategy = strategies[i % strategies.len()];
                std::thread::spawn(move || robot::play(&client, &seat, strategy, None))
            })
            .collect();
        let games: Vec<_> = players
            .into_iter()
            .map(|p| p.join().unwrap().expect("every trainee plays to the end"))
            .collect();

        let view = http.view(&session.id, &session.key);
        let roster = view["roster"].as_array().unwrap();
        assert_eq!(roster.len(), 20);
        let months = view["months"].as_u64().unwrap();
        assert_eq!(
            view["released"].as_u64(),
            Some(months),
            "every round was released"
        );
        for (line, played) in roster.iter().zip(&games) {
            assert_eq!(line["status"], "finished", "{line}");
            // The server's score is its own replay's, and agrees with the trainee's game.
            let local = kam_sim::score_game(&played.game).composite;
            assert_eq!(
                line["composite"].as_f64().unwrap().to_bits(),
                local.to_bits()
            );
        }
        assert!(!view["lessons"].as_array().unwrap().is_empty());

        // The result files verify with `kam report`, and nothing is flagged.
        let (status, tar_bytes) = http.get(
            &format!("/i/{}/results.tar", session.id),
            Some(&session.key),
        );
        assert_eq!(status, 200);
        let out = tempfile::tempdir().unwrap();
        let files = unpack(&tar_bytes, out.path());
        assert_eq!(files.len(), 20);
        let (scenario, _) = kam_sim::load_file(&out.path().join("scenario.ron")).unwrap();
        let report = kam_cli::report::build(&files, &[scenario], kam_cli::report::Unfinished::Flag);
        assert!(
            report.flagged.is_empty(),
            "{:?}",
            report.flagged.first().map(|f| &f.reason)
        );
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.groups[0].trainees.len(), 20);

        let (status, csv) = http.get(&format!("/i/{}/report.csv", session.id), Some(&session.key));
        assert_eq!(status, 200);
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Trainee 07"), "{csv}");
        let (status, html) = http.get(
            &format!("/i/{}/report.html", session.id),
            Some(&session.key),
        );
        assert_eq!(status, 200);
        assert!(String::from_utf8(html).unwrap().contains("Trainee 19"));
    }
}

#[test]
fn the_instructor_releases_a_round_and_a_late_trainee_rejoins_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let server = Server::start(&db);
        let http = Http::new(&server.base());
        let session = create(&http, "tutorial", "rounds");
        let client = Client::new(&server.base());
        let ann = client.join(&session.code, "Ann").unwrap();
        let bob = client.join(&session.code, "Bob").unwrap();
        // Ann plays month 1; Bob has not, so month 1 is not released yet.
        let played = robot::play(&client, &ann, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        assert_eq!(played.game.turn(), 2);
        assert_eq!(client.status(&ann.token).unwrap().released, 0);
        let view = http.view(&session.id, &session.key);
        assert_eq!(view["roster"][0]["status"], "waiting");
        assert_eq!(view["roster"][1]["status"], "planning");
        // Ann cannot plan month 2 until it opens.
        let mut game = played.game;
        let early = Submission {
            from: game.log().len(),
            decisions: vec![Decision::Plan(Plan::default())],
        };
        assert!(matches!(
            client.submit(&ann.token, &early),
            Err(CallError::Unreachable(_))
        ));
        assert_eq!(
            client.status(&ann.token).unwrap().recorded,
            game.log().len()
        );
        // The instructor releases the round by hand.
        let (status, _) = http.post(
            &format!("/api/sessions/{}/release", session.id),
            Some(&session.key),
            "",
        );
        assert_eq!(status, 200);
        assert_eq!(client.status(&ann.token).unwrap().released, 1);
        game.decide(Decision::Plan(Plan::default())).unwrap();
        assert!(client.submit(&ann.token, &early).is_ok());

        // Bob's computer dies; he rejoins from another with his rejoin code and carries on.
        let wrong = client.rejoin(&session.code, "Bob", "WRONGCODE");
        assert!(
            matches!(wrong, Err(CallError::Refused { status: 403, .. })),
            "{wrong:?}"
        );
        let again = client.rejoin(&session.code, "bob", &bob.rejoin).unwrap();
        assert_eq!(again.name, "Bob");
        assert!(
            client.status(&bob.token).is_err(),
            "the old token stops working"
        );
        let played = robot::play(&client, &again, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        assert_eq!(played.game.turn(), 2);
    }
}

#[test]
fn refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let server = Server::start(&db);
        let http = Http::new(&server.base());
        let a = create(&http, "tutorial", "free");
        let b = create(&http, "tutorial", "free");
        let client = Client::new(&server.base());
        let ann = client.join(&a.code, "Ann").unwrap();
        let played = robot::play(&client, &ann, kam_sim::StrategyId::Expert, Some(2)).unwrap();
        let recorded = played.game.log().len();
        let before = http.view(&a.id, &a.key);

        // Instructor pages and actions need the right key, and one session's key opens no other.
        // (The API answers a request with no key at all 401, as HTTP would.)
        let (status, _) = http.get(&format!("/api/sessions/{}", a.id), None);
        assert_eq!(status, 401, "the API without a key");
        for (path, key) in [
            (format!("/api/sessions/{}", a.id), Some("0".repeat(64))),
            (format!("/api/sessions/{}", a.id), Some(b.key.clone())),
            (format!("/i/{}", a.id), Some(b.key.clone())),
            (format!("/i/{}/results.tar", a.id), None),
            (format!("/i/{}/report.csv", a.id), Some(ann.token.clone())),
            (format!("/i/{}/seat/1", a.id), Some(b.key.clone())),
            (
                "/api/sessions/nosuchsession".to_owned(),
                Some(a.key.clone()),
            ),
        ] {
            let (status, _) = http.get(&path, key.as_deref());
            assert_eq!(status, 403, "{path} with {key:?}");
        }
        for action in ["release", "end"] {
            let (status, _) = http.post(
                &format!("/api/sessions/{}/{action}", a.id),
                Some(&b.key),
                "",
            );
            assert_eq!(status, 403, "{action}");
        }

        // Trainees: a bad token, a replayed or out-of-order submission, a decision that does
        // not replay, malformed and oversized bodies.
        let plan = |account| {
            Decision::Plan(Plan {
                visits: vec![Visit {
                    account: kam_sim::AccountId(account),
                    stakeholder: kam_sim::MemberId(0),
                    approach: kam_sim::ApproachId(0),
                }],
                resources: vec![],
            })
        };
        let submit = |token: &str, from: usize, decisions: Vec<Decision>| {
            let body = serde_json::to_string(&Submission { from, decisions }).unwrap();
            http.post("/api/submit", Some(token), &body).0
        };
        assert_eq!(submit("not-a-token", recorded, vec![plan(0)]), 401);
        assert_eq!(submit("", recorded, vec![plan(0)]), 401);
        assert_eq!(submit(&ann.token, 0, played.game.log()[..1].to_vec()), 409);
        assert_eq!(submit(&ann.token, recorded + 3, vec![plan(0)]), 409);
        assert_eq!(submit(&ann.token, recorded, vec![plan(99)]), 422);
        assert_eq!(submit(&ann.token, recorded, vec![Decision::Choose(7)]), 422);
        assert_eq!(submit(&ann.token, recorded, vec![]), 400);
        let (status, _) = http.post(
            "/api/submit",
            Some(&ann.token),
            "{\"from\": 1, \"decisions\": [",
        );
        assert!(status == 400 || status == 422, "malformed JSON: {status}");
        assert_eq!(oversized(&server.base(), "/api/submit", &ann.token), 413);
        assert_eq!(oversized(&server.base(), "/api/sessions", ""), 413);
        let (status, _) = http.post(
            "/api/join",
            None,
            &serde_json::json!({"code": a.code, "name": "x".repeat(41)}).to_string(),
        );
        assert_eq!(status, 400);
        let (status, _) = http.post(
            "/api/join",
            None,
            &serde_json::json!({"code": a.code, "name": "ann"}).to_string(),
        );
        assert_eq!(status, 409, "a name is taken whatever its case");
        let (status, _) = http.post(
            "/api/join",
            None,
            &serde_json::json!({"code": "NOPE99", "name": "Eve"}).to_string(),
        );
        assert_eq!(status, 404);
        let (status, text) = http.post(
            "/api/sessions",
            None,
            &serde_json::json!({"scenario": "(id: \"x\", accounts: [", "pacing": "free"})
                .to_string(),
        );
        assert_eq!(status, 422);
        assert!(text.contains("uploaded.ron:1:"), "located errors: {text}");

        // Nothing changed: the seat holds what it held, and the class looks the same.
        assert_eq!(client.status(&ann.token).unwrap().recorded, recorded);
        let after = http.view(&a.id, &a.key);
        assert_eq!(before["roster"], after["roster"]);
        assert_eq!(before["version"], after["version"]);

        // Once ended, nothing more is recorded.
        assert_eq!(
            http.post(&format!("/api/sessions/{}/end", a.id), Some(&a.key), "")
                .0,
            204
        );
        let mut game = played.game;
        while game.is_planning() && game.log().len() == recorded {
            game.decide(Decision::Plan(Plan::default())).unwrap();
        }
        assert_eq!(
            submit(&ann.token, recorded, game.log()[recorded..].to_vec()),
            410
        );
    }
}

/// The instructor's actions, through the API and through the dashboard's forms, are refused
/// without the session's key or with another session's, as a header or as the browser's
/// cookie: 403, in JSON for the API (401 with no key at all) and as a page for the browser, and
/// the class is unchanged.
#[test]
fn instructor_actions_without_the_key_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let server = Server::start(&db);
        let http = Http::new(&server.base());
        let a = create(&http, "tutorial", "rounds");
        let b = create(&http, "tutorial", "rounds");
        let before = http.view(&a.id, &a.key);
        let (json, form) = ("application/json", "application/x-www-form-urlencoded");
        for credential in [
            None,
            Some(("Authorization", format!("Bearer {}", b.key))),
            Some(("Cookie", format!("kam_key_{}={}", a.id, b.key))),
        ] {
            for (path, content_type, body) in [
                (format!("/api/sessions/{}/release", a.id), json, ""),
                (
                    format!("/api/sessions/{}/extend", a.id),
                    json,
                    "{\"minutes\": 5}",
                ),
                (format!("/api/sessions/{}/end", a.id), json, ""),
                (format!("/i/{}/release", a.id), form, ""),
                (format!("/i/{}/extend", a.id), form, "minutes=5"),
                (format!("/i/{}/end", a.id), form, ""),
            ] {
                let mut request = http
                    .agent
                    .post(format!("{}{path}", http.base))
                    .header("Content-Type", content_type);
                if let Some((name, value)) = &credential {
                    request = request.header(*name, value);
                }
                let mut response = request.send(body).unwrap();
                let status = response.status().as_u16();
                let text = response.body_mut().read_to_string().unwrap_or_default();
                let api = path.starts_with("/api/");
                let expected = if api && credential.is_none() {
                    401
                } else {
                    403
                };
                assert_eq!(status, expected, "{path} with {credential:?}: {text}");
                if api {
                    let refusal: serde_json::Value = serde_json::from_str(&text).unwrap();
                    assert!(
                        refusal["detail"]
                            .as_str()
                            .unwrap()
                            .contains("instructor link"),
                        "{text}"
                    );
                } else {
                    assert!(text.contains("Not possible (403)"), "{path}: {text}");
                }
            }
        }
        assert_eq!(before, http.view(&a.id, &a.key));
        // With the key, the same release goes through: the refusals above were the key's.
        let (status, text) =
            http.post(&format!("/api/sessions/{}/release", a.id), Some(&a.key), "");
        assert_eq!(status, 200, "{text}");
        assert_eq!(http.view(&a.id, &a.key)["released"], 1);
    }
}

#[test]
fn trainee_names_are_escaped_in_every_page_and_neutralised_in_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&databases(dir.path())[0]);
    let http = Http::new(&server.base());
    let session = create(&http, "tutorial", "free");
    let client = Client::new(&server.base());
    let name = "<script>alert(1)</script>";
    let seat = client.join(&session.code, name).unwrap();
    let formula = client.join(&session.code, "=HYPERLINK(\"x\")").unwrap();
    robot::play(&client, &seat, kam_sim::StrategyId::Expert, None).unwrap();
    robot::play(&client, &formula, kam_sim::StrategyId::Even, None).unwrap();
    for path in ["", "/live", "/seat/1", "/report.html"] {
        let (status, body) = http.get(&format!("/i/{}{path}", session.id), Some(&session.key));
        assert_eq!(status, 200, "{path}");
        let body = String::from_utf8(body).unwrap();
        assert!(!body.contains(name), "{path} shows the name unescaped");
    }
    let (_, csv) = http.get(&format!("/i/{}/report.csv", session.id), Some(&session.key));
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains("\n=HYPERLINK"),
        "{csv}"
    );
}

/// Announces a 2 MiB body and sends only its start, as a client pushing a huge upload would;
/// the server must refuse it from the announced length alone.
fn oversized(base: &str, path: &str, token: &str) -> u16 {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Authorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n{{\"from\": 0, ",
        2 << 20
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = [0u8; 64];
    let n = stream.read(&mut answer).unwrap();
    let line = String::from_utf8_lossy(&answer[..n]);
    line.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn_kam_serve(db: &str, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["serve", "--db", db, "--addr", &format!("127.0.0.1:{port}")])
        .args(["--rate-per-address", "10000", "--rate-per-seat", "1000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "kam serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

/// The game's link keeps playing through an outage: the server is killed (SIGKILL) mid-class
/// and restarted; every acknowledged decision is still there exactly once, and the games end
/// with the server's record equal to the trainees'.
#[test]
fn a_server_killed_mid_class_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let port = free_port();
        let mut server = spawn_kam_serve(&db, port);
        let base = format!("http://127.0.0.1:{port}");
        let http = Http::new(&base);
        let session = create(&http, "classroom_en", "free");
        let trainees: Vec<_> = (0..6)
            .map(|i| {
                let client = Client::new(&base);
                let seat = client.join(&session.code, &format!("T{i}")).unwrap();
                let mut game = robot::game_for(&seat).unwrap();
                let link = Link::start(client, seat.token.clone(), seat.pacing, Vec::new(), 0);
                let seed = seat.seed;
                std::thread::spawn(move || {
                    let mut strategy = kam_sim::StrategyId::Expert.build(seed);
                    // A person's pace, so the kill lands mid-game.
                    while let Some(d) = kam_sim::next_decision(&game, strategy.as_mut()) {
                        game.decide(d).unwrap();
                        link.update(game.log());
                        std::thread::sleep(Duration::from_millis(40));
                    }
                    let flushed = link.flush(Duration::from_secs(60));
                    (game, flushed, link.state())
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(700));
        let acknowledged_before = http.view(&session.id, &session.key)["roster"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["month"].as_u64().unwrap())
            .sum::<u64>();
        server.kill().unwrap();
        server.wait().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        let mut server = spawn_kam_serve(&db, port);
        let results: Vec<_> = trainees.into_iter().map(|t| t.join().unwrap()).collect();
        let view = http.view(&session.id, &session.key);
        assert!(
            acknowledged_before > 6,
            "the kill came after some months were played"
        );
        for ((game, flushed, state), line) in results.iter().zip(view["roster"].as_array().unwrap())
        {
            assert!(flushed, "{state:?}");
            assert!(game.is_finished());
            assert_eq!(state.acknowledged, game.log().len());
            assert_eq!(line["status"], "finished");
            let local = kam_sim::score_game(game).composite;
            assert_eq!(
                line["composite"].as_f64().unwrap().to_bits(),
                local.to_bits()
            );
        }
        // Exactly once: the archive's logs are the games' logs, no more, no less.
        let (_, tar_bytes) = http.get(
            &format!("/i/{}/results.tar", session.id),
            Some(&session.key),
        );
        let out = tempfile::tempdir().unwrap();
        let files = unpack(&tar_bytes, out.path());
        for (file, (game, _, _)) in files.iter().zip(&results) {
            let record = kam_sim::read_record(file).unwrap();
            assert_eq!(record.decisions, game.log());
        }
        server.kill().unwrap();
        server.wait().unwrap();
    }
}

/// Two servers sharing one database serve one class: trainees on either, one dashboard.
#[test]
fn two_servers_share_one_database() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let one = Server::start(&db);
        let two = Server::start(&db);
        let session = create(&Http::new(&one.base()), "tutorial", "rounds");
        start(&Http::new(&one.base()), &session);
        let players: Vec<_> = (0..4)
            .map(|i| {
                let base = if i % 2 == 0 { one.base() } else { two.base() };
                let client = Client::new(&base);
                let seat = client.join(&session.code, &format!("P{i}")).unwrap();
                std::thread::spawn(move || {
                    robot::play(&client, &seat, kam_sim::StrategyId::Expert, None)
                })
            })
            .collect();
        for p in players {
            p.join().unwrap().unwrap();
        }
        for server in [&one, &two] {
            let view = Http::new(&server.base()).view(&session.id, &session.key);
            let roster = view["roster"].as_array().unwrap();
            assert_eq!(roster.len(), 4);
            assert!(
                roster.iter().all(|l| l["status"] == "finished"),
                "{roster:?}"
            );
        }
    }
}

/// A client that floods the server is slowed with 429s, which record nothing, while the
/// requests within its allowance go through.
#[test]
fn a_flooding_client_is_rate_limited_and_refused_requests_record_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = databases(dir.path()).remove(0);
    let server = Server::start_limited(&db, 1.0, 1.0);
    let http = Http::new(&server.base());
    let session = create(&http, "tutorial", "free");
    let mut statuses = Vec::new();
    for i in 0..30 {
        let body = serde_json::json!({"code": session.code, "name": format!("F{i}")}).to_string();
        statuses.push(http.post("/api/join", None, &body).0);
    }
    let joined = statuses.iter().filter(|s| **s == 200).count();
    assert!(joined >= 5, "the burst allowance passes: {statuses:?}");
    assert!(
        statuses.contains(&429),
        "the flood is refused: {statuses:?}"
    );
    std::thread::sleep(Duration::from_millis(1100));
    let view = http.view(&session.id, &session.key);
    assert_eq!(view["roster"].as_array().unwrap().len(), joined);
}

/// A round whose deadline passes is released by the server itself, without anyone pressing
/// a button, and the next round gets its own deadline.
#[test]
fn an_overdue_round_is_released_by_the_server_itself() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path()) {
        let server = Server::start(&db);
        let http = Http::new(&server.base());
        let body = serde_json::json!({
            "scenario": "tutorial", "pacing": "rounds", "round_minutes": 5
        });
        let (status, text) = http.post("/api/sessions", None, &body.to_string());
        assert_eq!(status, 200, "{text}");
        let created: serde_json::Value = serde_json::from_str(&text).unwrap();
        let (id, code, key) = (
            created["id"].as_str().unwrap(),
            created["code"].as_str().unwrap(),
            created["secret"].as_str().unwrap(),
        );
        let client = Client::new(&server.base());
        let ann = client.join(code, "Ann").unwrap();
        let _bob = client.join(code, "Bob").unwrap();
        robot::play(&client, &ann, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        assert_eq!(
            client.status(&ann.token).unwrap().released,
            0,
            "Bob has not played"
        );
        let deadline = http.view(id, key)["deadline_in"].as_i64().unwrap();
        assert!(
            (290..=300).contains(&deadline),
            "five minutes to go: {deadline}"
        );
        // Time passes: the deadline is moved into the past, as the clock would.
        let store = server
            .runtime
            .block_on(kam_serve::db::Db::open(&db))
            .unwrap();
        server
            .runtime
            .block_on(store.set_deadline(id, Some(kam_serve::db::now_ms() - 1_000)))
            .unwrap();
        let started = Instant::now();
        while client.status(&ann.token).unwrap().released == 0 {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "never released"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let next = http.view(id, key)["deadline_in"].as_i64().unwrap();
        assert!(
            (290..=300).contains(&next),
            "the next round has its own deadline: {next}"
        );
        server.runtime.block_on(store.close());
    }
}

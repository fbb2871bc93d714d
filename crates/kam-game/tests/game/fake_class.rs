//! A stand-in class server on the loopback for the game's class tests: it answers joins,
//! submissions and status polls the way `kam serve` does (the protocol's JSON, written out
//! here, since kam-game's tests do not build the server), and each test sets how it behaves:
//! answering, silent (a hung server), cutting every connection (a dead one), refusing, or no
//! longer knowing the seat (taken up on another computer).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use kam_game::session::{Action, Screen, Session};

pub const CODE: &str = "K7QM3A";

/// How the server answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// As `kam serve` does.
    Answer,
    /// Reads each request and never answers, like a stopped server process.
    Silent,
    /// Closes every connection at once, like a server gone.
    Cut,
    /// Refuses every submission with this status and sentence.
    Refuse(u16, String),
    /// Knows no seat (401), like a seat taken up on another computer.
    SeatGone,
}

pub struct State {
    pub mode: Mode,
    pub pacing: &'static str,
    pub recorded: usize,
    pub released: u32,
    pub ended: bool,
    /// The join id of each join received, in order.
    pub join_ids: Vec<String>,
    /// Joins answered with a seat.
    pub joins_answered: usize,
    /// Connections held by [`Mode::Silent`], closed when the mode changes.
    held: Vec<TcpStream>,
}

pub struct FakeClass {
    pub address: String,
    state: Arc<Mutex<State>>,
}

impl FakeClass {
    /// A class of the tutorial at `pacing` ("free" or "rounds"), answering.
    pub fn start(pacing: &'static str) -> FakeClass {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let state = Arc::new(Mutex::new(State {
            mode: Mode::Answer,
            pacing,
            recorded: 0,
            released: 0,
            ended: false,
            join_ids: Vec::new(),
            joins_answered: 0,
            held: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &shared));
            }
        });
        FakeClass { address, state }
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// Changes how the server answers; connections a silent server held are cut.
    pub fn set_mode(&self, mode: Mode) {
        let mut state = self.state();
        state.mode = mode;
        for stream in state.held.drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

fn serve(stream: TcpStream, shared: &Mutex<State>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut length = 0;
    let mut token = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
            if name.eq_ignore_ascii_case("authorization") {
                token = value.trim().trim_start_matches("Bearer ").to_owned();
            }
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_owned();
    let mut state = shared.lock().unwrap();
    if path == "/api/join" {
        state
            .join_ids
            .push(body["join_id"].as_str().unwrap_or_default().to_owned());
    }
    let (status, answer) = match state.mode.clone() {
        Mode::Silent => {
            state.held.push(reader.into_inner());
            return;
        }
        Mode::Cut => return,
        _ if path == "/api/join" => {
            state.joins_answered += 1;
            (200, seat(state.pacing, state.released))
        }
        Mode::SeatGone => (
            401,
            r#"{"error":"this game's class seat is not known here"}"#.to_owned(),
        ),
        _ if token != "t" => (401, r#"{"error":"no such seat"}"#.to_owned()),
        _ if path == "/api/status" => (200, status(&state)),
        Mode::Refuse(code, why) => (code, serde_json::json!({ "error": why }).to_string()),
        _ if state.ended => (
            410,
            r#"{"error":"this class has ended: nothing more is recorded"}"#.to_owned(),
        ),
        Mode::Answer => {
            let from = body["from"].as_u64().unwrap_or(0) as usize;
            let count = body["decisions"].as_array().map_or(0, Vec::len);
            if from != state.recorded {
                let why = format!("the server holds {}", state.recorded);
                let refusal = serde_json::json!({ "error": why, "recorded": state.recorded });
                (409, refusal.to_string())
            } else {
                state.recorded += count;
                (200, status(&state))
            }
        }
    };
    drop(state);
    let answer = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    );
    let _ = reader.get_mut().write_all(answer.as_bytes());
}

fn status(state: &State) -> String {
    serde_json::json!({
        "recorded": state.recorded,
        "released": state.released,
        "ended": state.ended,
    })
    .to_string()
}

/// The seat `kam serve` gives a first join to a class of the tutorial.
fn seat(pacing: &str, released: u32) -> String {
    let (file, text) = kam_sim::bundled_scenario("tutorial").unwrap();
    let (prepared, _) = kam_sim::load_str(file, text).unwrap();
    serde_json::json!({
        "token": "t",
        "rejoin": "ABCD3467",
        "name": "Ann",
        "scenario": text,
        "scenario_hash": kam_sim::scenario_hash(&prepared),
        "seed": 7,
        "pacing": pacing,
        "show_scores": false,
        "coach": true,
        "decisions": [],
        "status": { "recorded": 0, "released": released, "ended": false },
    })
    .to_string()
}

/// A session on `dir` at the title, in `lang`, with the join form filled in for `server`.
pub fn title(dir: &std::path::Path, server: &str, lang: kam_game::i18n::Lang) -> Session {
    let mut s = Session::new(Some(dir.to_owned()));
    s.lang = lang;
    s.title.form.lang = Some(lang);
    s.title.form.server = server.to_owned();
    s.title.form.join_code = CODE.into();
    s.title.form.player = "Ann".into();
    s
}

/// Calls `done` every 20 ms until it is true; panics after `seconds`.
pub fn wait_until(seconds: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !done() {
        assert!(Instant::now() < deadline, "{what} never happened");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A game of `class` joined from the title (waiting for the join's answer, as the game's
/// frames would).
pub fn joined(dir: &std::path::Path, class: &FakeClass, lang: kam_game::i18n::Lang) -> Session {
    let mut s = title(dir, &class.address, lang);
    s.apply(Action::JoinClass);
    wait_until(10, "the join", || {
        s.poll_class();
        s.game().is_some()
    });
    s
}

/// Plays the month on screen as a trainee would (the plan as it is, the first answer to each
/// event, walking away from a negotiation) up to its report.
pub fn play_month(s: &mut Session) {
    if s.screen == Screen::Briefing {
        s.apply(Action::BeginTurns);
    }
    for _ in 0..100 {
        match s.screen {
            Screen::Turn => {
                s.apply(Action::EndTurn);
                if s.play.as_ref().unwrap().confirm.is_some() {
                    s.apply(Action::Confirm);
                }
            }
            Screen::Event => {
                s.apply(Action::Choose(0));
                s.apply(Action::Continue);
            }
            Screen::Negotiation => {
                s.apply(Action::WalkAway);
                s.apply(Action::Continue);
            }
            Screen::Report => return,
            other => panic!("unexpected {other:?}"),
        }
    }
    panic!("the month never ended");
}

/// The link's state of the session's class seat.
pub fn link(s: &Session) -> kam_class::LinkState {
    s.class.seat.as_ref().expect("a class game").link.state()
}

//! A class the instructor set to a difficulty: the game joined to it plays at that difficulty,
//! not the scenario's own, and a restarted game resumes the class game at it.
//!
//! The class server is a stand-in on the loopback that answers the one join with a seat, as
//! `kam serve` does (kam-game's tests do not build the server); the seat's JSON is the
//! protocol's, written out here.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;

use kam_game::session::{Action, Screen, Session};
use kam_sim::scenario::Difficulty;

const CODE: &str = "K7QM3A";

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The seat `kam serve` gives a first join to a class of `classroom_en` set to `difficulty`
/// (`None`: no difficulty field, as from an older server).
fn seat_json(difficulty: Option<&str>) -> String {
    let difficulty = difficulty
        .map(|name| format!(r#","difficulty":"{name}""#))
        .unwrap_or_default();
    let (file, text) = kam_sim::bundled_scenario("classroom_en").unwrap();
    let (prepared, _) = kam_sim::load_str(file, text).unwrap();
    format!(
        r#"{{"token":"t","rejoin":"ABCD3467","name":"Ann","scenario":{},"scenario_hash":"{}","seed":7,"pacing":"free","show_scores":true,"coach":true{difficulty},"decisions":[],"status":{{"recorded":0,"released":{},"ended":false}}}}"#,
        json_string(text),
        kam_sim::scenario_hash(&prepared),
        prepared.scenario.turns
    )
}

/// A class server that answers one join with `seat`, then stops listening (the game's link
/// finds it offline, which keeps the game playing locally).
fn class_server_answering(seat: String) -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let served = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap();
            }
        }
        let mut request = vec![0; length];
        reader.read_exact(&mut request).unwrap();
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{seat}",
            seat.len()
        );
        reader.get_mut().write_all(answer.as_bytes()).unwrap();
    });
    (address, served)
}

/// A game on `dir` that joined the class at `server` from the title form.
fn join(dir: &Path, server: &str) -> Session {
    let mut s = Session::new(Some(dir.to_owned()));
    s.title.form.server = server.to_owned();
    s.title.form.join_code = CODE.into();
    s.title.form.player = "Ann".into();
    s.apply(Action::JoinClass);
    // The join runs in the background; the game's frames take its answer.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.class.joining.is_some() && std::time::Instant::now() < deadline {
        s.poll_class();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        s.class.join_problem.is_none() && s.game().is_some(),
        "the join failed: {:?}",
        s.class.join_problem
    );
    s
}

#[test]
fn a_class_set_to_hard_plays_at_hard_and_resumes_at_hard() {
    let dir = tempfile::tempdir().unwrap();
    let (server, served) = class_server_answering(seat_json(Some("hard")));
    let mut s = join(dir.path(), &server);
    served.join().unwrap();
    let game = s.game().unwrap();
    assert_eq!(
        game.scenario().difficulty(),
        Difficulty::Normal,
        "the scenario's own is another difficulty, or this test proves nothing"
    );
    assert_eq!(game.prepared().difficulty, Difficulty::Hard);
    assert!(!s.coach_on(), "Hard has no coach, even in a practice class");

    s.autoplay_until(kam_sim::StrategyId::Expert, Screen::Report)
        .unwrap();
    s.autosave_now();
    let played = s.game().unwrap().log().len();
    drop(s);

    let mut s = Session::new(Some(dir.path().to_owned()));
    s.apply(Action::Resume);
    assert!(
        s.class.seat.is_some(),
        "the class game comes back with its seat"
    );
    let game = s.game().unwrap();
    assert_eq!(game.log().len(), played);
    assert_eq!(game.prepared().difficulty, Difficulty::Hard);
}

#[test]
fn a_class_at_the_scenarios_own_difficulty_plays_at_it() {
    let dir = tempfile::tempdir().unwrap();
    // What an older server sends: no difficulty at all.
    let (server, served) = class_server_answering(seat_json(None));
    let s = join(dir.path(), &server);
    served.join().unwrap();
    assert_eq!(s.game().unwrap().prepared().difficulty, Difficulty::Normal);
}

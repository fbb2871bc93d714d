//! Finding 3, the lock-out: a join whose answer was lost is sent again with the same join id
//! and gets the same seat back, with secrets that work; anyone else asking for that name is
//! still refused.

use serde_json::json;

use crate::harness::{Server, create};

const JOIN_ID: &str = "d3b07384d113edec49eaa6238ad5ff00";

#[test]
fn a_resent_join_with_the_same_join_id_gets_the_same_seat_with_working_secrets() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "rounds");
    let join = json!({ "code": session.code, "name": "Mei Lin", "join_id": JOIN_ID });
    let first = http.post_json("/api/join", None, &join);
    assert_eq!(first.status, 200, "{}", first.body);
    // The answer is lost; the game sends the same join again.
    let again = http.post_json("/api/join", None, &join);
    assert_eq!(
        again.status, 200,
        "the resent join was refused: {}",
        again.body
    );
    let (first, again) = (first.json(), again.json());
    assert_eq!(again["name"], "Mei Lin");
    assert_eq!(http.view(&session)["roster"].as_array().unwrap().len(), 1);
    // The second answer's secrets are the seat's now; the first answer's token is not.
    let token = again["token"].as_str().unwrap();
    assert_eq!(http.get("/api/status", Some(token)).status, 200);
    assert_eq!(
        http.get("/api/status", first["token"].as_str()).status,
        401,
        "two tokens hold one seat"
    );
    let rejoin = json!({ "code": session.code, "name": "Mei Lin", "rejoin": again["rejoin"] });
    let answer = http.post_json("/api/rejoin", None, &rejoin);
    assert_eq!(
        answer.status, 200,
        "the resent join's rejoin code: {}",
        answer.body
    );
    let stale = json!({ "code": session.code, "name": "Mei Lin", "rejoin": first["rejoin"] });
    assert_eq!(http.post_json("/api/rejoin", None, &stale).status, 403);
}

#[test]
fn a_taken_name_is_refused_without_the_join_id_that_took_it() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "rounds");
    let first = http.post_json(
        "/api/join",
        None,
        &json!({ "code": session.code, "name": "Mei Lin", "join_id": JOIN_ID }),
    );
    assert_eq!(first.status, 200, "{}", first.body);
    for other in [
        json!({ "code": session.code, "name": "mei lin", "join_id": "another-computer-0123456789" }),
        json!({ "code": session.code, "name": "Mei Lin" }),
    ] {
        let answer = http.post_json("/api/join", None, &other);
        assert_eq!(answer.status, 409, "{other}: {}", answer.body);
    }
    // A join id that is no id (too short to be chosen at random) is refused as such.
    let answer = http.post_json(
        "/api/join",
        None,
        &json!({ "code": session.code, "name": "Ann", "join_id": "1" }),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(http.view(&session)["roster"].as_array().unwrap().len(), 1);
}

#[test]
fn a_join_id_returns_the_seat_only_before_it_has_played() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "free");
    let join = json!({ "code": session.code, "name": "Mei Lin", "join_id": JOIN_ID });
    let seat: kam_class::protocol::Seat =
        serde_json::from_str(&http.post_json("/api/join", None, &join).body).unwrap();
    let client = kam_class::Client::new(&server.base());
    kam_class::robot::play(&client, &seat, "expert", Some(1)).unwrap();
    // From now on the seat holds a game: only its rejoin code takes it to another computer.
    let answer = http.post_json("/api/join", None, &join);
    assert_eq!(answer.status, 409, "{}", answer.body);
    assert!(answer.body.contains("rejoin code"), "{}", answer.body);
}

//! Finding 3, the lock-out: a join whose answer was lost is sent again with the same join id
//! and gets the same seat back, with secrets that work; anyone else asking for that name is
//! still refused.

use serde_json::json;

use crate::harness::{create, servers};

const JOIN_ID: &str = "d3b07384d113edec49eaa6238ad5ff00";

#[test]
fn a_resent_join_with_the_same_join_id_gets_the_same_seat_with_working_secrets() {
    for server in servers() {
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
}

#[test]
fn a_taken_name_is_refused_without_the_join_id_that_took_it() {
    for server in servers() {
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
}

#[test]
fn a_join_id_returns_the_seat_only_before_it_has_played() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "tutorial", "free");
        let join = json!({ "code": session.code, "name": "Mei Lin", "join_id": JOIN_ID });
        let seat: kam_class::protocol::Seat =
            serde_json::from_str(&http.post_json("/api/join", None, &join).body).unwrap();
        let client = kam_class::Client::new(&server.base());
        kam_class::robot::play(&client, &seat, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        // From now on the seat holds a game: only its rejoin code takes it to another computer.
        let answer = http.post_json("/api/join", None, &join);
        assert_eq!(answer.status, 409, "{}", answer.body);
        assert!(answer.body.contains("rejoin code"), "{}", answer.body);
    }
}

/// Many trainees joining one class at the same moment each get a seat of their own: on
/// PostgreSQL, sixteen connections pick the next seat number at once, and a join that lost
/// that race too often was answered 409 "name taken" for a name nobody had (seen once in a
/// 500-seat load run).
#[test]
fn joins_at_the_same_moment_each_get_a_seat_and_no_name_is_called_taken() {
    const TRAINEES: usize = 48;
    for server in servers() {
        let http = server.http();
        let session = create(&http, "tutorial", "rounds");
        let base = server.base();
        let statuses: Vec<(u16, String)> = std::thread::scope(|scope| {
            let joins: Vec<_> = (0..TRAINEES)
                .map(|i| {
                    let (base, code) = (base.clone(), session.code.clone());
                    scope.spawn(move || {
                        let http = crate::harness::Http::to(&base);
                        let join = json!({ "code": code, "name": format!("Trainee {i}") });
                        let answer = http.post_json("/api/join", None, &join);
                        (answer.status, answer.body)
                    })
                })
                .collect();
            joins.into_iter().map(|j| j.join().unwrap()).collect()
        });
        let refused: Vec<_> = statuses.iter().filter(|(s, _)| *s != 200).collect();
        assert!(refused.is_empty(), "{} refused: {refused:?}", refused.len());
        let roster = http.view(&session)["roster"].as_array().unwrap().clone();
        assert_eq!(roster.len(), TRAINEES);
    }
}

/// The seat numbering beneath a join, without the join's Argon2 work spacing the inserts out:
/// sixty-four seats added to one class at once each get a number, and none is refused as a
/// taken name.
#[test]
fn seats_added_at_the_same_moment_each_get_their_own_number() {
    const SEATS: usize = 64;
    for server in servers() {
        let http = server.http();
        let session = create(&http, "tutorial", "rounds");
        let db = std::sync::Arc::new(server.db());
        let added: Vec<_> = server.runtime.block_on(async {
            let tasks: Vec<_> = (0..SEATS)
                .map(|i| {
                    let (db, id) = (std::sync::Arc::clone(&db), session.id.clone());
                    tokio::spawn(async move {
                        let (name, hash) = (format!("Trainee {i}"), format!("{i:064x}"));
                        let seat = kam_serve::db::NewSeat {
                            name: &name,
                            token_hash: &hash,
                            rejoin_hash: &hash,
                            join_hash: None,
                        };
                        db.add_seat(&id, &seat).await.map_err(|e| match e {
                            kam_serve::db::WriteError::Conflict => "conflict".to_owned(),
                            kam_serve::db::WriteError::Db(e) => e.to_string(),
                        })
                    })
                })
                .collect();
            let mut added = Vec::new();
            for task in tasks {
                added.push(task.await.unwrap());
            }
            added
        });
        let refused: Vec<_> = added.iter().filter_map(|a| a.as_ref().err()).collect();
        assert!(refused.is_empty(), "{} refused: {refused:?}", refused.len());
        let mut numbers: Vec<i64> = added.into_iter().map(Result::unwrap).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=SEATS as i64).collect::<Vec<_>>());
    }
}

//! Finding 6: storage that anyone can fill, and requests nobody limited. Session creation is
//! limited per address, unknown seat tokens are limited per address, and ended classes are
//! deleted after the retention period.

use std::time::Duration;

use crate::harness::{Server, create, servers};

#[test]
fn session_creation_is_limited_per_address() {
    let server = Server::start_with(kam_serve::Tuning {
        sessions_per_address: kam_serve::Allowance {
            burst: 3,
            every: Duration::from_secs(3600),
        },
        ..kam_serve::Tuning::default()
    });
    let http = server.http();
    for _ in 0..3 {
        create(&http, "tutorial", "free");
    }
    let body = serde_json::json!({ "scenario": "tutorial", "pacing": "free" });
    let answer = http.post_json("/api/sessions", None, &body);
    assert_eq!(answer.status, 429, "{}", answer.body);
    assert!(answer.json()["detail"].as_str().unwrap().contains("class"));
    // The browser's form is the same limit.
    let answer = http.call(
        "POST",
        "/sessions",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "bundled=tutorial&pacing=free",
    );
    assert_eq!(answer.status, 429, "{}", answer.body);
}

#[test]
fn unknown_seat_tokens_are_limited_per_address() {
    let server = Server::start_with(kam_serve::Tuning {
        unknown_tokens_per_address: kam_serve::Allowance {
            burst: 5,
            every: Duration::from_secs(3600),
        },
        ..kam_serve::Tuning::default()
    });
    let http = server.http();
    let statuses: Vec<u16> = (0..8)
        .map(|i| http.get("/api/status", Some(&format!("{i:064x}"))).status)
        .collect();
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
}

#[test]
fn ended_classes_past_the_retention_period_are_deleted_with_their_seats() {
    for server in servers() {
        let http = server.http();
        let ended = create(&http, "tutorial", "free");
        let running = create(&http, "tutorial", "free");
        let abandoned = create(&http, "tutorial", "free");
        let client = kam_class::Client::new(&server.base());
        let ann = client.join(&ended.code, "Ann").unwrap();
        kam_class::robot::play(&client, &ann, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        client.join(&running.code, "Bo").unwrap();
        let end = http.post_json(
            &format!("/api/sessions/{}/end", ended.id),
            Some(&ended.key),
            &serde_json::Value::Null,
        );
        assert_eq!(end.status, 204, "{}", end.body);
        let db = server.db();
        // As if the retention period had passed for everything ended before now.
        let deleted = server
            .runtime
            .block_on(db.delete_expired(kam_serve::db::now_ms() + 1_000))
            .unwrap();
        // The ended class, and the one nobody ever joined.
        assert_eq!(deleted.len(), 2, "{deleted:?}");
        assert_eq!(
            server
                .runtime
                .block_on(db.decision_count(&ended.id))
                .unwrap(),
            0
        );
        let gone = http.get(&format!("/api/sessions/{}", ended.id), Some(&ended.key));
        assert_eq!(gone.status, 403, "{}", gone.body);
        let gone = http.get(
            &format!("/api/sessions/{}", abandoned.id),
            Some(&abandoned.key),
        );
        assert_eq!(gone.status, 403, "{}", gone.body);
        // The running class, with its seat, stays.
        assert_eq!(http.view(&running)["roster"].as_array().unwrap().len(), 1);
    }
}

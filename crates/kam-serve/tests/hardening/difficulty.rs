//! The class form's difficulty: a class created at Hard keeps it and says so to every seat and
//! on the dashboard, and a difficulty the form never offers is refused before anything is
//! stored (a forged or mistyped value is not read as "the scenario's own").

use crate::harness::{Server, Session};

/// Class sessions stored in the server's database.
fn sessions_stored(server: &Server) -> i64 {
    server.runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&server.database.url).await.unwrap();
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM class_sessions")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        count
    })
}

fn post_form(server: &Server, body: &str) -> crate::harness::Answer {
    server.http().call(
        "POST",
        "/sessions",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body,
    )
}

#[test]
fn a_class_created_at_hard_joins_at_hard_and_its_dashboard_says_so() {
    let server = Server::start();
    let http = server.http();
    let page = http.get("/", None).body;
    assert!(page.contains(r#"name="difficulty""#), "{page}");
    for name in ["easy", "normal", "hard"] {
        assert!(page.contains(&format!(r#"value="{name}""#)), "{name}");
    }

    let answer = post_form(
        &server,
        "bundled=classroom_en&pacing=free&coach=on&difficulty=hard",
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    let location = answer.header("Location").unwrap();
    let (id, key) = location
        .strip_prefix("/i/")
        .and_then(|rest| rest.split_once("/key/"))
        .unwrap();
    let view = http.get(&format!("/api/sessions/{id}"), Some(key)).json();
    assert_eq!(view["difficulty"], "hard");
    let session = Session {
        id: id.to_owned(),
        code: view["code"].as_str().unwrap().to_owned(),
        key: key.to_owned(),
    };

    let join = serde_json::json!({ "code": session.code, "name": "Ann" });
    let seat = http.post_json("/api/join", None, &join);
    assert_eq!(seat.status, 200, "{}", seat.body);
    assert_eq!(seat.json()["difficulty"], "hard");

    let dashboard = http.call(
        "GET",
        &format!("/i/{}", session.id),
        &[("Cookie", &session.cookie())],
        "",
    );
    assert!(
        dashboard.body.contains("practice · Hard"),
        "{}",
        dashboard.body
    );
}

#[test]
fn a_class_at_the_scenarios_own_difficulty_sends_none() {
    let server = Server::start();
    let http = server.http();
    let answer = post_form(&server, "bundled=classroom_en&pacing=free&difficulty=");
    assert_eq!(answer.status, 303, "{}", answer.body);
    let location = answer.header("Location").unwrap();
    let (id, key) = location
        .strip_prefix("/i/")
        .and_then(|rest| rest.split_once("/key/"))
        .unwrap();
    let view = http.get(&format!("/api/sessions/{id}"), Some(key)).json();
    assert_eq!(view["difficulty"], "normal", "classroom_en's own");
    let join = serde_json::json!({ "code": view["code"], "name": "Ann" });
    let seat = http.post_json("/api/join", None, &join).json();
    // Absent, so a game plays the scenario's own whatever its version.
    assert!(seat.get("difficulty").is_none(), "{seat}");
}

#[test]
fn an_unknown_difficulty_is_refused_and_creates_nothing() {
    let server = Server::start();
    let answer = post_form(
        &server,
        "bundled=classroom_en&pacing=free&difficulty=extreme",
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(
        answer.body.contains("no difficulty `extreme`"),
        "{}",
        answer.body
    );
    assert!(
        answer.body.contains("The class was not created"),
        "the form comes back with the error"
    );

    let body = serde_json::json!({ "scenario": "classroom_en", "pacing": "free", "difficulty": "extreme" });
    let answer = server.http().post_json("/api/sessions", None, &body);
    assert!(
        (400..500).contains(&answer.status),
        "{}: {}",
        answer.status,
        answer.body
    );
    assert!(
        answer.body.contains("unknown difficulty `extreme`"),
        "{}",
        answer.body
    );
    assert_eq!(sessions_stored(&server), 0);
}

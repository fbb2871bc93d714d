//! Finding 8, the instructor's pages on a shared computer: nothing of them is cached, the key
//! is not in the dashboard's HTML, and the key cookie does not outlive a teaching day.

use crate::harness::{Server, create};

#[test]
fn instructor_pages_are_not_stored_and_the_dashboard_does_not_hold_the_key() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "free");
    let cookie = session.cookie();
    for path in ["", "/live", "/report.csv", "/results.tar"] {
        let answer = http.call(
            "GET",
            &format!("/i/{}{path}", session.id),
            &[("Cookie", &cookie)],
            "",
        );
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(answer.header("Cache-Control"), Some("no-store"), "{path}");
        assert!(!answer.body.contains(&session.key), "{path} holds the key");
    }
    let api = http.get(&format!("/api/sessions/{}", session.id), Some(&session.key));
    assert_eq!(api.header("Cache-Control"), Some("no-store"));
}

#[test]
fn the_key_cookie_lives_twelve_hours_and_only_for_its_session() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "free");
    let answer = http.get(&format!("/i/{}/key/{}", session.id, session.key), None);
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("Cache-Control"), Some("no-store"));
    let cookie = answer.header("Set-Cookie").unwrap();
    assert!(cookie.contains("Max-Age=43200"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(
        cookie.contains(&format!("Path=/i/{}", session.id)),
        "{cookie}"
    );
}

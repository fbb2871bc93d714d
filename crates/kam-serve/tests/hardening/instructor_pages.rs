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

/// The dashboard's "Release the round" form follows the API's rules: a class at free pacing
/// has no round to release (400), an ended class releases nothing (410), each as a page. Until
/// the rules moved into `Classroom`, the form answered these with a redirect and did nothing.
#[test]
fn the_release_form_refuses_what_the_api_refuses() {
    for server in crate::harness::servers() {
        let http = server.http();
        let own = server.base();
        let form = ("Content-Type", "application/x-www-form-urlencoded");
        let release = |session: &crate::harness::Session| {
            let cookie = session.cookie();
            http.call(
                "POST",
                &format!("/i/{}/release", session.id),
                &[form, ("Cookie", &cookie), ("Origin", &own)],
                "",
            )
        };
        let free = create(&http, "tutorial", "free");
        let answer = release(&free);
        assert_eq!(answer.status, 400, "{}", answer.body);
        assert!(
            answer.body.contains("o rounds to release"),
            "{}",
            answer.body
        );

        let rounds = create(&http, "tutorial", "rounds");
        let end = http.post_json(
            &format!("/api/sessions/{}/end", rounds.id),
            Some(&rounds.key),
            &serde_json::Value::Null,
        );
        assert_eq!(end.status, 204, "{}", end.body);
        let answer = release(&rounds);
        assert_eq!(answer.status, 410, "{}", answer.body);
        assert!(
            answer.body.contains("This class has ended"),
            "{}",
            answer.body
        );
        assert_eq!(http.view(&rounds)["released"], 0);
    }
}

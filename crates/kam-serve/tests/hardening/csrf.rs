//! Finding 2: a page on another origin (another port of the same host, another subdomain)
//! must not be able to make the instructor's browser release, extend or end a class.

use crate::harness::{Server, create};

/// Every state-changing instructor route, as (path, content type, body); `{id}` is the session.
const ACTIONS: [(&str, &str, &str); 6] = [
    ("/i/{id}/release", "application/x-www-form-urlencoded", ""),
    (
        "/i/{id}/extend",
        "application/x-www-form-urlencoded",
        "minutes=5",
    ),
    ("/i/{id}/end", "application/x-www-form-urlencoded", ""),
    ("/api/sessions/{id}/release", "application/json", ""),
    (
        "/api/sessions/{id}/extend",
        "application/json",
        "{\"minutes\": 5}",
    ),
    ("/api/sessions/{id}/end", "application/json", ""),
];

#[test]
fn instructor_actions_from_another_origin_are_refused_and_change_nothing() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "rounds");
    let before = http.view(&session);
    let cookie = session.cookie();
    let bearer = format!("Bearer {}", session.key);
    let same_host_other_port = format!("http://127.0.0.1:{}", server.addr().port() + 1);
    for (path, content_type, body) in ACTIONS {
        let path = path.replace("{id}", &session.id);
        let credential = if path.starts_with("/api/") {
            ("Authorization", bearer.as_str())
        } else {
            ("Cookie", cookie.as_str())
        };
        let forged: [&[(&str, &str)]; 6] = [
            &[("Origin", "http://evil.example")],
            &[("Origin", same_host_other_port.as_str())],
            &[("Origin", "null")],
            // A sandboxed frame on another site: its origin hidden, its site not.
            &[("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
            // No Origin: the browser's own word on where the request came from.
            &[("Sec-Fetch-Site", "same-site")],
            &[("Sec-Fetch-Site", "cross-site")],
        ];
        for extra in forged {
            let mut headers = vec![("Content-Type", content_type), credential];
            headers.extend_from_slice(extra);
            let answer = http.call("POST", &path, &headers, body);
            assert_eq!(answer.status, 403, "{path} with {extra:?}: {}", answer.body);
            assert!(
                answer.body.contains("another site"),
                "{path} with {extra:?}: the refusal says why: {}",
                answer.body
            );
        }
    }
    // A browser's form post carries the cookie and no way to say where it came from only if
    // it is not a browser: without Origin and Sec-Fetch-Site the cookie alone is not enough.
    let answer = http.call(
        "POST",
        &format!("/i/{}/release", session.id),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        "",
    );
    assert_eq!(answer.status, 403, "{}", answer.body);
    assert_eq!(
        before,
        http.view(&session),
        "a refused request changed the class"
    );
}

#[test]
fn instructor_actions_from_the_servers_own_origin_go_through() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "rounds");
    let cookie = session.cookie();
    let own = server.base();
    let release = format!("/i/{}/release", session.id);
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let answer = http.call(
        "POST",
        &release,
        &[form, ("Cookie", &cookie), ("Origin", &own)],
        "",
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(http.view(&session)["released"], 1);
    // A browser that sends only Sec-Fetch-Site.
    let answer = http.call(
        "POST",
        &release,
        &[form, ("Cookie", &cookie), ("Sec-Fetch-Site", "same-origin")],
        "",
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(http.view(&session)["released"], 2);
    // Chromium's own form post from a page whose referrer policy hides the origin: `Origin:
    // null` with `Sec-Fetch-Site: same-origin` (the hand class run saw every button refused).
    let answer = http.call(
        "POST",
        &release,
        &[
            form,
            ("Cookie", &cookie),
            ("Origin", "null"),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        "",
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(http.view(&session)["released"], 3);
    // A script with the key (no browser, so neither header) is not a forgery.
    let answer = http.post_json(
        &format!("/api/sessions/{}/release", session.id),
        Some(&session.key),
        &serde_json::Value::Null,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(http.view(&session)["released"], 4);
}

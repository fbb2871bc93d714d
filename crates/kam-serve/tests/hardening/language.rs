//! Issue 21, the instructor's side in the instructor's language: every page in Chinese or
//! English as the browser asks (`Accept-Language`, with its weights) or as the page's
//! 中文 / English switch chose (a cookie, which wins); the `lang` attribute says which; a
//! Chinese page holds no English sentence of the catalogue; the class report is asked for in
//! the page's language and its downloads are named after the class.

use std::sync::Arc;

use kam_class::{Client, robot};
use kam_serve::words::{Lang, Say};

use crate::harness::{Answer, AskedReport, Http, Server, Session, create, create_titled};

fn page(http: &Http, path: &str, headers: &[(&str, &str)]) -> Answer {
    let answer = http.call("GET", path, headers, "");
    assert!(
        [200, 403, 404].contains(&answer.status),
        "{path}: {} {}",
        answer.status,
        answer.body
    );
    answer
}

/// The `lang` attribute of a page's `<html>`.
fn html_lang(answer: &Answer) -> &str {
    let at = answer
        .body
        .find("<html lang=\"")
        .unwrap_or_else(|| panic!("no <html lang>: {}", answer.body));
    let rest = &answer.body[at + 12..];
    &rest[..rest.find('"').unwrap()]
}

#[test]
fn accept_language_chooses_by_its_weights() {
    let server = Server::start();
    let http = server.http();
    let cases: [(Option<&str>, &str); 10] = [
        (None, "en"),
        (Some("zh-CN,zh;q=0.9,en;q=0.8"), "zh-CN"),
        (Some("en-US,en;q=0.9,zh-CN;q=0.8"), "en"),
        (Some("zh-Hans"), "zh-CN"),
        (Some("zh"), "zh-CN"),
        (Some("en;q=0.5, zh;q=0.9"), "zh-CN"),
        (Some("de-DE, zh;q=0.5"), "zh-CN"),
        (Some("fr-FR, de;q=0.9"), "en"),
        (Some("zh;q=0, en;q=0.1"), "en"),
        (Some("en, zh"), "en"),
    ];
    for (asked, expected) in cases {
        let headers: Vec<(&str, &str)> = asked.iter().map(|a| ("Accept-Language", *a)).collect();
        let answer = page(&http, "/", &headers);
        assert_eq!(html_lang(&answer), expected, "Accept-Language: {asked:?}");
        let lang = if expected == "en" { Lang::En } else { Lang::Zh };
        assert!(
            answer.body.contains(Say::CreateButton.t(lang)),
            "Accept-Language: {asked:?}: the page is not in {expected}"
        );
    }
}

#[test]
fn the_switch_is_remembered_and_wins_over_accept_language() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "classroom_zh", "rounds");
    let dashboard = format!("/i/{}", session.id);

    // The switch sets a cookie for a year and goes back to the page, without `lang`.
    let switched = http.call("GET", &format!("{dashboard}?lang=zh"), &[], "");
    assert_eq!(switched.status, 303, "{}", switched.body);
    assert_eq!(switched.header("Location"), Some(dashboard.as_str()));
    let cookie = switched.header("Set-Cookie").unwrap();
    for part in ["kam_lang=zh", "Path=/", "Max-Age=31536000", "SameSite=Lax"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    // From a form's address (an error page's switch), back to the page the form is on.
    let switched = http.call("GET", &format!("{dashboard}/release?lang=en"), &[], "");
    assert_eq!(switched.status, 303);
    assert_eq!(switched.header("Location"), Some(dashboard.as_str()));
    assert!(
        switched
            .header("Set-Cookie")
            .unwrap()
            .starts_with("kam_lang=en;")
    );

    // The cookie wins over the browser's languages, both ways.
    let key = session.cookie();
    for (cookie, accept, expected) in [
        ("kam_lang=zh", "en-US,en;q=0.9", "zh-CN"),
        ("kam_lang=en", "zh-CN,zh;q=0.9", "en"),
        // Not a value of the switch: the browser's languages decide.
        ("kam_lang=fr", "zh-CN,zh;q=0.9", "zh-CN"),
    ] {
        let cookies = format!("{key}; {cookie}");
        let headers = [("Cookie", cookies.as_str()), ("Accept-Language", accept)];
        for path in [dashboard.clone(), "/".to_owned()] {
            let answer = page(&http, &path, &headers);
            assert_eq!(
                html_lang(&answer),
                expected,
                "{path} with {cookie}, {accept}"
            );
        }
    }
}

/// Every English sentence of the catalogue longer than a word (each piece between its
/// places), as it may appear in a page.
fn english_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for key in Say::ALL {
        for piece in key.t(Lang::En).split("{}") {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece.split_whitespace().count() > 1 {
                out.push(piece.to_owned());
            }
        }
    }
    out
}

fn assert_all_chinese(what: &str, answer: &Answer) {
    assert_eq!(html_lang(answer), "zh-CN", "{what}: {}", answer.body);
    let body = answer
        .body
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    for sentence in english_sentences() {
        assert!(
            !body.contains(&sentence),
            "{what}: the Chinese page says “{sentence}”: {}",
            answer.body
        );
    }
}

#[test]
fn every_chinese_page_is_in_chinese_only() {
    let server = Server::start();
    let http = server.http();
    let zh = [("Accept-Language", "zh-CN,zh;q=0.9")];
    let client = Client::new(&server.base());

    // A class in rounds: one trainee has played the open month, one holds it, one is excused.
    let rounds = create(&http, "classroom_zh", "rounds");
    let ann = client.join(&rounds.code, "Ann").unwrap();
    client.join(&rounds.code, "Bo").unwrap();
    client.join(&rounds.code, "Cy").unwrap();
    robot::play(&client, &ann, kam_sim::StrategyId::Expert, Some(1)).unwrap();
    let auth = format!("Bearer {}", rounds.key);
    let excused = http.call(
        "POST",
        &format!("/api/sessions/{}/seats/3/excuse", rounds.id),
        &[("Authorization", &auth)],
        "",
    );
    assert_eq!(excused.status, 204, "{}", excused.body);
    let extended = http.post_json(
        &format!("/api/sessions/{}/extend", rounds.id),
        Some(&rounds.key),
        &serde_json::json!({ "minutes": 5 }),
    );
    assert_eq!(extended.status, 204, "{}", extended.body);

    // A free class with a finished game (teaching points, a debrief), then ended.
    let free = create(&http, "classroom_zh", "free");
    let dee = client.join(&free.code, "Dee").unwrap();
    robot::play(&client, &dee, kam_sim::StrategyId::Expert, None).unwrap();

    let cookie = |session: &Session| session.cookie();
    let with = |session: &Session| {
        vec![
            ("Cookie".to_owned(), cookie(session)),
            ("Accept-Language".to_owned(), "zh-CN,zh;q=0.9".to_owned()),
        ]
    };
    let get = |path: String, headers: Vec<(String, String)>| {
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        page(&http, &path, &headers)
    };
    let pages = [
        (
            "the create form",
            get(
                "/".to_owned(),
                vec![(zh[0].0.to_owned(), zh[0].1.to_owned())],
            ),
        ),
        (
            "a rounds dashboard",
            get(format!("/i/{}", rounds.id), with(&rounds)),
        ),
        (
            "a seat that played a month",
            get(format!("/i/{}/seat/1", rounds.id), with(&rounds)),
        ),
        (
            "a free dashboard",
            get(format!("/i/{}", free.id), with(&free)),
        ),
        (
            "a finished game",
            get(format!("/i/{}/seat/1", free.id), with(&free)),
        ),
        (
            "the instructor link",
            get(format!("/i/{}/link", free.id), with(&free)),
        ),
        (
            "a wrong key",
            get(
                format!("/i/{}", free.id),
                vec![(zh[0].0.to_owned(), zh[0].1.to_owned())],
            ),
        ),
        (
            "no such seat",
            get(format!("/i/{}/seat/9", free.id), with(&free)),
        ),
    ];
    for (what, answer) in &pages {
        assert_all_chinese(what, answer);
    }
    let ended = http.call(
        "POST",
        &format!("/api/sessions/{}/end", free.id),
        &[("Authorization", &format!("Bearer {}", free.key))],
        "",
    );
    assert_eq!(ended.status, 204);
    assert_all_chinese(
        "an ended dashboard",
        &get(format!("/i/{}", free.id), with(&free)),
    );

    // A form that does not create its class comes back in Chinese, its refusal too.
    let refused = http.call(
        "POST",
        "/sessions",
        &[("Content-Type", "application/x-www-form-urlencoded"), zh[0]],
        "bundled=classroom_zh&pacing=free&difficulty=extreme",
    );
    assert_eq!(refused.status, 400);
    assert_all_chinese("a refused form", &refused);
    assert!(
        refused.body.contains("没有“extreme”这个难度"),
        "{}",
        refused.body
    );
    // A scenario file that does not load: its errors located, in Chinese.
    let broken = http.call(
        "POST",
        "/sessions",
        &[("Content-Type", "application/x-www-form-urlencoded"), zh[0]],
        "scenario_file=%28id%3A+%22mine%22%2C+turns%3A+%22four%22%29&pacing=free",
    );
    assert_eq!(broken.status, 422, "{}", broken.body);
    assert_all_chinese("a broken scenario file", &broken);
    assert!(broken.body.contains("uploaded.ron:1:"), "{}", broken.body);
    assert!(broken.body.contains("错误："), "{}", broken.body);
    // A refusal of a form in the page's language (a forged origin: an error page).
    let forged = http.call(
        "POST",
        &format!("/i/{}/release", rounds.id),
        &[
            ("Cookie", &rounds.cookie()),
            ("Origin", "http://evil.example"),
            zh[0],
        ],
        "",
    );
    assert_eq!(forged.status, 403);
    assert_all_chinese("a forged release", &forged);
    assert!(
        forged.body.contains(Say::AnotherSite.t(Lang::Zh)),
        "{}",
        forged.body
    );
}

#[test]
fn every_english_page_says_it_is_english() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "classroom_en", "rounds");
    let cookie = session.cookie();
    for path in [
        "/".to_owned(),
        format!("/i/{}", session.id),
        format!("/i/{}/link", session.id),
        format!("/i/{}/seat/9", session.id),
    ] {
        let answer = page(&http, &path, &[("Cookie", &cookie)]);
        assert_eq!(html_lang(&answer), "en", "{path}");
    }
    let wrong = page(&http, &format!("/i/{}", session.id), &[]);
    assert_eq!(wrong.status, 403);
    assert_eq!(html_lang(&wrong), "en");
    assert!(wrong.body.contains("instructor link"), "{}", wrong.body);
}

#[test]
fn the_report_is_asked_for_in_the_page_s_language_and_named_after_the_class() {
    let server = Server::start_reporting(Arc::new(AskedReport));
    let http = server.http();
    let session = create_titled(&http, "classroom_en", "free", "2025春季班 B组");
    let cookie = session.cookie();
    let code = &session.code;

    // The scenario is English; the page is Chinese: the report is asked for in Chinese.
    let zh = format!("{cookie}; kam_lang=zh");
    let html = http.call(
        "GET",
        &format!("/i/{}/report.html", session.id),
        &[("Cookie", &zh)],
        "",
    );
    assert_eq!(html.status, 200, "{}", html.body);
    assert!(html.body.contains("lang=Zh"), "{}", html.body);
    assert!(html.body.contains("title=2025春季班 B组"), "{}", html.body);
    let disposition = html.header("Content-Disposition").unwrap();
    assert_eq!(
        disposition,
        format!(
            "inline; filename=\"class-{code}.html\"; \
             filename*=UTF-8''2025%E6%98%A5%E5%AD%A3%E7%8F%AD-B%E7%BB%84-{code}.html"
        )
    );
    let csv = http.call(
        "GET",
        &format!("/i/{}/report.csv", session.id),
        &[("Cookie", &cookie), ("Accept-Language", "zh-CN")],
        "",
    );
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.body.starts_with("lang=Zh"), "{}", csv.body);
    assert!(
        csv.header("Content-Disposition")
            .unwrap()
            .starts_with(&format!(
                "attachment; filename=\"class-{code}.csv\"; filename*=UTF-8''2025%E6%98%A5"
            )),
        "{:?}",
        csv.header("Content-Disposition")
    );

    // An English page, an English title: the report in English, an ASCII name.
    let english = create_titled(&http, "classroom_zh", "free", "Spring cohort, group B");
    let csv = http.call(
        "GET",
        &format!("/i/{}/report.csv", english.id),
        &[("Cookie", &english.cookie()), ("Accept-Language", "en-GB")],
        "",
    );
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.body.starts_with("lang=En"), "{}", csv.body);
    let name = format!("Spring-cohort-group-B-{}.csv", english.code);
    assert_eq!(
        csv.header("Content-Disposition").unwrap(),
        format!("attachment; filename=\"{name}\"; filename*=UTF-8''{name}")
    );
    let tar = http.call(
        "GET",
        &format!("/i/{}/results.tar", english.id),
        &[("Cookie", &english.cookie())],
        "",
    );
    assert_eq!(tar.status, 200);
    assert!(
        tar.header("Content-Disposition")
            .unwrap()
            .contains(&format!(
                "filename=\"Spring-cohort-group-B-{}-results.tar\"",
                english.code
            ))
    );
}

//! Finding 10, rounds that stop holding results back: once one trainee is alone at the front
//! (after a manual release here), their months must not release on their own submissions; a
//! trainee behind holds every round until they submit it, catches up month by month, and the
//! dashboard names who holds the round.

use kam_class::protocol::Seat;
use kam_class::{Client, robot};

use crate::harness::{Http, Session, create, servers};

/// Plays `months` more months of a seat, from what the server holds of it (a rejoin gives
/// the seat's recorded decisions, as a second computer would get them).
fn play_on(client: &Client, session: &Session, seat: &Seat, months: u32) {
    let now = client
        .rejoin(&session.code, &seat.name, &seat.rejoin)
        .unwrap();
    robot::play(client, &now, kam_sim::StrategyId::Expert, Some(months)).unwrap();
}

fn release(http: &Http, session: &Session) {
    http.release(session);
}

/// The playtest's class: the first trainee to join played month after month alone while the
/// others were still joining. The first round is the instructor's to release.
#[test]
fn the_first_trainee_to_join_does_not_play_ahead_of_a_class_still_joining() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "classroom_en", "rounds");
        let client = Client::new(&server.base());
        let first = client.join(&session.code, "First").unwrap();
        robot::play(&client, &first, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        assert_eq!(
            http.view(&session)["released"],
            0,
            "month 1 released on the only trainee's submission"
        );
        let dashboard = http.call(
            "GET",
            &format!("/i/{}", session.id),
            &[("Cookie", &session.cookie())],
            "",
        );
        assert!(
            dashboard.body.contains("Start the class"),
            "the dashboard does not say how to start: {}",
            dashboard.body
        );
        release(&http, &session);
        assert_eq!(http.view(&session)["released"], 1);
    }
}

fn holding(view: &serde_json::Value) -> Vec<String> {
    view["roster"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["holds_round"] == true)
        .map(|line| line["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_trainee_alone_at_the_front_does_not_release_months_while_another_is_behind() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "classroom_en", "rounds");
        let client = Client::new(&server.base());
        let ann = client.join(&session.code, "Ann").unwrap();
        let bo = client.join(&session.code, "Bo").unwrap();

        play_on(&client, &session, &ann, 1);
        assert_eq!(holding(&http.view(&session)), ["Bo"]);
        // The instructor releases month 1 without waiting for Bo.
        release(&http, &session);
        assert_eq!(http.view(&session)["released"], 1);

        // Ann plays month 2 alone at the front: Bo, still on month 1, holds it.
        play_on(&client, &session, &ann, 1);
        let view = http.view(&session);
        assert_eq!(
            view["released"], 1,
            "month 2 was released on Ann's submission alone"
        );
        assert_eq!(holding(&view), ["Bo"]);

        // Bo catches up month 1 (already released): that releases nothing new.
        play_on(&client, &session, &bo, 1);
        let view = http.view(&session);
        assert_eq!(view["released"], 1);
        assert_eq!(holding(&view), ["Bo"]);

        // Bo submits month 2: the whole class has played it, so it is released.
        play_on(&client, &session, &bo, 1);
        let view = http.view(&session);
        assert_eq!(view["released"], 2);
        assert_eq!(holding(&view), ["Ann", "Bo"], "month 3 waits for both");

        // The dashboard page names who holds the round.
        let page = http.call(
            "GET",
            &format!("/i/{}/live", session.id),
            &[("Cookie", &session.cookie())],
            "",
        );
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("holds the round"), "{}", page.body);
    }
}

/// The dashboard compares like with like (issue 21, item 5): a trainee who has not played is
/// "not started", not 0.0 and far behind the expert, and ranks last; the others are ranked by
/// their score against the expert's after as many months.
#[test]
fn the_leaderboard_ranks_by_the_gap_after_the_same_months_and_says_not_started() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "classroom_en", "free");
        let client = Client::new(&server.base());
        let ahead = client.join(&session.code, "Ahead").unwrap();
        let _idle = client.join(&session.code, "Idle").unwrap();
        let behind = client.join(&session.code, "Behind").unwrap();
        robot::play(&client, &ahead, kam_sim::StrategyId::Random, Some(4)).unwrap();
        robot::play(&client, &behind, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        let view = http.view(&session);
        let roster = view["roster"].as_array().unwrap();
        let line = |name: &str| roster.iter().find(|l| l["name"] == name).unwrap().clone();
        assert_eq!(line("Idle")["started"], false);
        assert_eq!(line("Ahead")["months_played"], 4);
        let page = http.call(
            "GET",
            &format!("/i/{}/live", session.id),
            &[("Cookie", &session.cookie())],
            "",
        );
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("not started"), "{}", page.body);
        // The leaderboard's order: by the gap, the idle seat last.
        let at = |name: &str| page.body.find(&format!(">{name}<")).unwrap();
        let gap = |name: &str| line(name)["against_expert"].as_f64().unwrap();
        let (first, second) = if gap("Ahead") >= gap("Behind") {
            ("Ahead", "Behind")
        } else {
            ("Behind", "Ahead")
        };
        assert!(at(first) < at(second) && at(second) < at("Idle"));
    }
}

/// The drill-down names each answered event and the answer in the scenario's words (issue 21,
/// item 5), not "choice 3".
#[test]
fn the_drill_down_names_the_event_and_the_answer() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "classroom_en", "free");
        let client = Client::new(&server.base());
        let seat = client.join(&session.code, "Ann").unwrap();
        let played = robot::play(&client, &seat, kam_sim::StrategyId::Expert, None).unwrap();
        let record = played
            .game
            .choices()
            .first()
            .expect("the classroom has events")
            .clone();
        let scenario = played.game.scenario();
        let event = &scenario.events[record.event];
        let page = http.call(
            "GET",
            &format!("/i/{}/seat/1", session.id),
            &[("Cookie", &session.cookie())],
            "",
        );
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(!page.body.contains("with choice"), "{}", page.body);
        // Each in quotation marks once: the scenario's own (`"We hear…"`) are made curly.
        let said = format!(
            "answered {} with {}",
            kam_serve::words::quoted(&event.title),
            kam_serve::words::quoted(&event.choices[record.choice].label)
        );
        let escaped = said
            .replace('&', "&amp;")
            .replace('\'', "&#39;")
            .replace('"', "&quot;");
        assert!(
            page.body.contains(&said) || page.body.contains(&escaped),
            "{said}"
        );
    }
}

/// *Extend the deadline* on a round without one would silently create one (issue 21, item
/// 5): the dashboard names it *Set a deadline* and asks first.
#[test]
fn setting_a_deadline_where_there_is_none_asks_first() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "classroom_en", "rounds");
        let page = http.call(
            "GET",
            &format!("/i/{}", session.id),
            &[("Cookie", &session.cookie())],
            "",
        );
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Set a deadline"), "{}", page.body);
        assert!(
            page.body.contains("This round has no deadline"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("Extend the deadline"));
    }
}

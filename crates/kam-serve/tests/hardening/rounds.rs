//! Finding 10, rounds that stop holding results back: once one trainee is alone at the front
//! (after a manual release here), their months must not release on their own submissions; a
//! trainee behind holds every round until they submit it, catches up month by month, and the
//! dashboard names who holds the round.

use kam_class::protocol::Seat;
use kam_class::{Client, robot};

use crate::harness::{Http, Server, Session, create};

/// Plays `months` more months of a seat, from what the server holds of it (a rejoin gives
/// the seat's recorded decisions, as a second computer would get them).
fn play_on(client: &Client, session: &Session, seat: &Seat, months: u32) {
    let now = client
        .rejoin(&session.code, &seat.name, &seat.rejoin)
        .unwrap();
    robot::play(client, &now, "expert", Some(months)).unwrap();
}

fn release(http: &Http, session: &Session) {
    let path = format!("/api/sessions/{}/release", session.id);
    let auth = format!("Bearer {}", session.key);
    let answer = http.call("POST", &path, &[("Authorization", &auth)], "");
    assert_eq!(answer.status, 200, "{}", answer.body);
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
    let server = Server::start();
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

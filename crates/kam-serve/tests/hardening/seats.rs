//! Finding 3, the blocked round: a seat that never plays, or one the instructor excused, does
//! not hold a round back; the instructor can excuse and remove seats from the dashboard.

use std::time::Duration;

use kam_class::protocol::Seat;
use kam_class::{Client, robot};

use crate::harness::{Session, create, servers, servers_with};

fn join(client: &Client, session: &Session, name: &str) -> Seat {
    client.join(&session.code, name).unwrap()
}

#[test]
fn a_ghost_seat_that_never_played_does_not_hold_a_round() {
    for server in servers_with(|| kam_serve::Tuning {
        offline_after: Duration::from_secs(1),
        ..kam_serve::Tuning::default()
    }) {
        let http = server.http();
        let session = create(&http, "classroom_en", "rounds");
        let client = Client::new(&server.base());
        // The ghost: its join answer was lost, so nothing ever uses its seat.
        let _ghost = join(&client, &session, "Lost Answer");
        let players = [
            join(&client, &session, "Ann"),
            join(&client, &session, "Bo"),
        ];
        std::thread::sleep(Duration::from_millis(1500));
        // The instructor starts the class (month 1 is theirs to release); month 2 is the
        // first round the class releases by itself.
        http.release(&session);
        for seat in &players {
            robot::play(&client, seat, kam_sim::StrategyId::Expert, Some(2)).unwrap();
        }
        assert_eq!(
            http.view(&session)["released"],
            2,
            "month 2 is held by a seat that never played"
        );
    }
}

#[test]
fn an_excused_seat_does_not_hold_a_round_and_a_removed_seat_leaves_the_class() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "classroom_en", "rounds");
        let client = Client::new(&server.base());
        let ann = join(&client, &session, "Ann");
        let bo = join(&client, &session, "Bo");
        let cy = join(&client, &session, "Cy");
        http.release(&session);
        robot::play(&client, &ann, kam_sim::StrategyId::Expert, Some(2)).unwrap();
        // Bo and Cy are online and have not played month 2: the round waits for them.
        assert_eq!(http.view(&session)["released"], 1);
        let own = server.base();
        let cookie = session.cookie();
        let form = |path: String| {
            http.call(
                "POST",
                &path,
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Cookie", &cookie),
                    ("Origin", &own),
                ],
                "",
            )
        };
        let answer = form(format!("/i/{}/seat/2/excuse", session.id));
        assert_eq!(answer.status, 303, "{}", answer.body);
        let answer = form(format!("/i/{}/seat/3/remove", session.id));
        assert_eq!(answer.status, 303, "{}", answer.body);
        let view = http.view(&session);
        let roster = view["roster"].as_array().unwrap();
        assert_eq!(
            roster.len(),
            2,
            "the removed seat is still on the roster: {roster:?}"
        );
        assert_eq!(roster[1]["excused"], true);
        // Nobody left holds month 2 (Bo is excused, Cy is gone): it is released.
        assert_eq!(view["released"], 2);
        // The removed seat's token no longer works; its name can be taken again.
        assert_eq!(http.get("/api/status", Some(&cy.token)).status, 401);
        join(&client, &session, "Cy");
        // The excused seat still plays, and is recorded.
        robot::play(&client, &bo, kam_sim::StrategyId::Expert, Some(1)).unwrap();
        assert!(http.view(&session)["roster"][1]["month"].as_u64().unwrap() > 1);
        // An unknown seat is refused, and changes nothing.
        let before = http.view(&session);
        assert_eq!(
            form(format!("/i/{}/seat/99/excuse", session.id)).status,
            404
        );
        assert_eq!(before, http.view(&session));
    }
}

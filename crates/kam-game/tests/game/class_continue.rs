//! Issue 20, finding 13: after *Continue saved game* of a class game, the top bar said
//! "sent 0/N" while the server held most of it, and the report of the month the instructor
//! released while the game was closed was skipped for the next month's plan. The save now
//! keeps what the server acknowledged, and the game continues at the unread report.

use std::time::Duration;

use egui_kittest::kittest::Queryable;
use kam_game::i18n::Lang;
use kam_game::session::{Action, Screen, Session};

use crate::fake_class::{FakeClass, Mode, joined, link, play_month, wait_until};
use crate::support::harness;

#[test]
fn continue_shows_what_the_server_holds_and_the_report_released_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let class = FakeClass::start("rounds");
    let mut s = joined(dir.path(), &class, Lang::En);
    play_month(&mut s);
    let month_1 = s.game().unwrap().log().len();
    wait_until(15, "month 1 acknowledged", || {
        link(&s).acknowledged == month_1
    });
    class.state().released = 1;
    wait_until(15, "the release of month 1", || {
        link(&s).status.is_some_and(|st| st.released == 1)
    });
    s.apply(Action::Continue);
    assert_eq!(s.screen, Screen::Turn);
    // Month 2 is played while the server hangs: nothing of it is acknowledged.
    class.set_mode(Mode::Silent);
    play_month(&mut s);
    let made = s.game().unwrap().log().len();
    assert!(made > month_1);
    drop(s);

    // The game restarts and continues while the server still hangs.
    let mut s = Session::new(Some(dir.path().to_owned()));
    s.lang = Lang::En;
    s.apply(Action::Resume);
    let mut h = harness(s);
    h.run_steps(3);
    let sent = format!("sent {month_1}/{made}");
    assert!(
        h.query_by_label_contains(&sent).is_some(),
        "the top bar counts what the server acknowledged before the restart ({sent})"
    );
    assert!(h.query_by_label_contains("sent 0/").is_none());
    assert!(
        h.query_by_label_contains("Month 2 of 6").is_some(),
        "the month waiting is the month played"
    );

    // The server comes back; month 2 is sent and released at once.
    class.state().released = 2;
    class.set_mode(Mode::Answer);
    wait_until(20, "month 2 acknowledged and released", || {
        let l = link(h.state());
        l.acknowledged == made && l.status.is_some_and(|st| st.released == 2)
    });
    for _ in 0..5 {
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        h.state().screen,
        Screen::Report,
        "the report of the month released while the game was closed is shown"
    );
    assert!(h.query_by_label_contains("Waiting for the class").is_none());
    assert!(h.query_by_label_contains("Month 2 of 6").is_some());
    assert!(h.query_by_label_contains("Next month").is_some());
}

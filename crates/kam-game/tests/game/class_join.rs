//! Issue 20, finding 11: *Join a class* froze the window for about 10 s when the address did
//! not answer, with no sign of it and the previous attempt's error still on screen. A join now
//! runs off the UI thread: "connecting to ADDRESS…" with Cancel (and Esc), the old error
//! gone, a cancelled join's late answer ignored, and a retry sending the same join id (so it
//! gets the seat the cancelled join may have taken).

use std::time::{Duration, Instant};

use bevy_egui::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kam_game::i18n::Lang;
use kam_game::session::{Screen, Session};

use crate::fake_class::{FakeClass, Mode, title, wait_until};
use crate::support::harness;

fn click_button(h: &Harness<'static, Session>, label: &str) {
    h.query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap_or_else(|| panic!("no button {label}"))
        .click();
}

/// Runs frames, 20 ms apart, until `done` or `seconds` pass.
fn frames_until(
    h: &mut Harness<'static, Session>,
    seconds: u64,
    what: &str,
    done: impl Fn(&Harness<'static, Session>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        h.run_steps(1);
        if done(h) {
            return;
        }
        assert!(Instant::now() < deadline, "{what} never happened");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A port on the loopback nothing listens on.
fn dead_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

#[test]
fn a_join_that_gets_no_answer_shows_connecting_and_esc_cancels_it() {
    let dir = tempfile::tempdir().unwrap();
    let class = FakeClass::start("free");
    let mut h = harness(title(dir.path(), &dead_address(), Lang::En));
    h.run_steps(2);
    // A first attempt to a wrong address: its error is on screen.
    click_button(&h, "Join a class");
    frames_until(&mut h, 10, "the first join's error", |h| {
        h.query_by_label_contains("Could not join the class")
            .is_some()
    });

    // The right address, but the server does not answer.
    class.set_mode(Mode::Silent);
    h.state_mut().title.form.server = class.address.clone();
    let clicked = Instant::now();
    click_button(&h, "Join a class");
    h.run_steps(2);
    assert!(
        clicked.elapsed() < Duration::from_millis(1500),
        "the window froze for {:?} while joining",
        clicked.elapsed()
    );
    let connecting = format!("Connecting to the class server at {}", class.address);
    assert!(
        h.query_by_label_contains(&connecting).is_some(),
        "the join in progress is shown"
    );
    assert!(
        h.query_by_label_contains("Could not join the class")
            .is_none(),
        "the last attempt's error is gone"
    );
    assert!(h.query_by_label_contains("Cancel").is_some());

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label_contains(&connecting).is_none());
    assert_eq!(h.state().screen, Screen::Title);

    // The server wakes up: the cancelled join, sent again by its thread, gets its seat, and
    // the game ignores it.
    class.set_mode(Mode::Answer);
    wait_until(15, "the cancelled join's late answer", || {
        class.state().joins_answered >= 1
    });
    for _ in 0..10 {
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(h.state().screen, Screen::Title);
    assert!(
        h.state().game().is_none(),
        "a cancelled join starts nothing"
    );
    assert!(h.state().class.seat.is_none());

    // Joining again sends the same join id, and gets the seat.
    click_button(&h, "Join a class");
    frames_until(&mut h, 15, "the second join", |h| {
        h.state().screen == Screen::Briefing
    });
    assert!(h.state().class.seat.is_some());
    let ids = class.state().join_ids.clone();
    assert!(ids.len() >= 2, "{ids:?}");
    assert!(
        ids.iter().all(|id| id.len() == 32 && *id == ids[0]),
        "every send of the join, cancelled or not, has one join id: {ids:?}"
    );
}

#[test]
fn the_cancel_button_stops_a_join_in_chinese_too() {
    let dir = tempfile::tempdir().unwrap();
    let class = FakeClass::start("free");
    class.set_mode(Mode::Silent);
    let mut h = harness(title(dir.path(), &class.address, Lang::Zh));
    h.run_steps(2);
    let clicked = Instant::now();
    click_button(&h, "加入班级");
    h.run_steps(2);
    assert!(clicked.elapsed() < Duration::from_millis(1500));
    let connecting = format!("正在连接班级服务器 {}", class.address);
    assert!(h.query_by_label_contains(&connecting).is_some());
    // The dialog fades in over a few frames, and takes clicks once it is there.
    h.run_steps(6);
    click_button(&h, "取消 (Esc)");
    h.run_steps(2);
    assert!(h.query_by_label_contains(&connecting).is_none());
    assert_eq!(h.state().screen, Screen::Title);
    class.set_mode(Mode::Answer);
}

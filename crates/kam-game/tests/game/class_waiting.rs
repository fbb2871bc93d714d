//! Issue 20, finding 12: the waiting screen of a class in rounds said "your decisions are in"
//! when nothing had been sent (offline, or refused), and Esc did nothing on it. It now says
//! what is true (sent, not sent yet, refused and why) and Esc or its button goes back to the
//! title screen, where the class game stays saved with anything not yet sent.

use bevy_egui::egui;
use egui_kittest::kittest::Queryable;
use kam_game::i18n::Lang;
use kam_game::session::{Action, Screen, Session};

use crate::fake_class::{FakeClass, Mode, joined, link, play_month, wait_until};
use crate::support::harness;

/// A rounds class whose first month has just been played, with the server behaving as `mode`
/// from before the month ended; waits until the link has heard `heard`.
fn month_played(
    dir: &std::path::Path,
    lang: Lang,
    mode: Mode,
    heard: impl Fn(&kam_class::LinkState) -> bool,
) -> (FakeClass, Session) {
    let class = FakeClass::start("rounds");
    let mut s = joined(dir, &class, lang);
    class.set_mode(mode);
    play_month(&mut s);
    wait_until(15, "the link's answer", || heard(&link(&s)));
    (class, s)
}

#[test]
fn offline_the_waiting_screen_says_nothing_was_sent_and_esc_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_class, s) = month_played(dir.path(), Lang::En, Mode::Cut, |l| l.offline.is_some());
    let made = s.game().unwrap().log().len();
    let mut h = harness(s);
    h.run_steps(3);
    assert!(h.query_by_label_contains("Waiting for the class").is_some());
    assert!(
        h.query_by_label_contains("Not sent yet").is_some(),
        "the screen says the month is not sent"
    );
    assert!(
        h.query_by_label_contains("are in").is_none(),
        "nothing claims the month was handed in"
    );
    assert!(
        h.query_by_label_contains("Back to the title screen")
            .is_some(),
        "a visible way back"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    let s = h.state();
    assert_eq!(s.screen, Screen::Title, "Esc leaves the waiting screen");
    let save = s
        .title
        .autosave
        .as_ref()
        .expect("the class game is offered");
    assert!(save.class.is_some());
    assert_eq!(
        save.record.decisions.len(),
        made,
        "the month not yet sent is saved"
    );
}

#[test]
fn a_refused_month_says_so_with_the_servers_reason_and_the_button_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let why = "decision 1 does not replay on the server's copy of your game";
    let (_class, s) = month_played(dir.path(), Lang::En, Mode::Refuse(422, why.into()), |l| {
        l.refused.is_some()
    });
    let mut h = harness(s);
    h.run_steps(3);
    assert!(h.query_by_label_contains("did not accept").is_some());
    assert!(
        h.query_by_label_contains(why).is_some(),
        "the server's reason"
    );
    assert!(h.query_by_label_contains("are in").is_none());
    h.get_by_label_contains("Back to the title screen").click();
    h.run_steps(2);
    assert_eq!(h.state().screen, Screen::Title);
}

#[test]
fn a_month_the_server_holds_is_sent_and_waits_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (_class, s) = month_played(dir.path(), Lang::Zh, Mode::Answer, |l| {
        l.made > 0 && l.acknowledged == l.made
    });
    let mut h = harness(s);
    h.run_steps(3);
    assert!(h.query_by_label_contains("等待全班完成本月").is_some());
    assert!(h.query_by_label_contains("已发送").is_some());
    assert!(h.query_by_label_contains("还没有发送").is_none());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().screen, Screen::Title);
    // And back: the class game continues at its waiting month.
    h.state_mut().apply(Action::Resume);
    h.run_steps(2);
    assert!(h.query_by_label_contains("等待全班完成本月").is_some());
}

/// A month the server acknowledged stays "sent" when the server then stops answering (a hand
/// run with a killed server read "not sent yet" for a month the server held).
#[test]
fn a_month_the_server_holds_stays_sent_when_the_server_then_goes_silent() {
    let dir = tempfile::tempdir().unwrap();
    let (class, s) = month_played(dir.path(), Lang::En, Mode::Answer, |l| {
        l.made > 0 && l.acknowledged == l.made
    });
    class.set_mode(Mode::Cut);
    wait_until(15, "the link to notice", || link(&s).offline.is_some());
    let mut h = harness(s);
    h.run_steps(3);
    assert!(h.query_by_label_contains("Sent:").is_some());
    assert!(h.query_by_label_contains("Not sent yet").is_none());
    assert!(
        h.query_by_label_contains("does not answer just now")
            .is_some()
    );
}

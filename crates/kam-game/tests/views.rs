//! The views under egui_kittest: no window, no GPU, only the accessibility tree.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kam_game::session::ScenarioSource;
use kam_game::{Screen, Session};
use kam_sim::engine::{Pending, Visit};

fn harness(session: Session) -> Harness<'static, Session> {
    Harness::builder()
        .with_size(bevy_egui::egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, s: &mut Session| {
                for action in kam_game::ui::show(ui, s) {
                    s.apply(action);
                }
            },
            session,
        )
}

fn tutorial() -> Session {
    let mut s = Session::new(None);
    assert!(s.start(ScenarioSource::Bundled("tutorial".into()), "", "Tester"));
    s.lang = kam_game::i18n::Lang::En;
    s.screen = Screen::Turn;
    s
}

#[test]
fn over_allocation_is_refused_with_the_engines_reason() {
    let mut s = tutorial();
    let capacity = s.game().unwrap().scenario().means.visits_per_turn as usize;
    // Fill the plan to capacity, then ask for one visit more through the UI.
    s.draft.visits = (0..capacity)
        .map(|_| Visit {
            account: 0,
            stakeholder: 0,
            approach: 0,
        })
        .collect();
    assert!(s.game().unwrap().check_plan(&s.draft).is_ok());
    let mut h = harness(s);
    h.query_all_by_label_contains("Add visit")
        .next()
        .expect("a visit button")
        .click();
    h.run();
    assert_eq!(
        h.state().draft.visits.len(),
        capacity,
        "the extra visit is not planned"
    );
    let message = h.state().message.clone().expect("a refusal message");
    assert!(message.contains(&format!("only {capacity}")), "{message}");
    assert!(
        h.query_by_label_contains("fit in a turn").is_some(),
        "the refusal is on screen"
    );
}

#[test]
fn an_event_choice_shows_its_feedback() {
    let mut s = tutorial();
    s.autoplay_until("expert", Screen::Event).unwrap();
    assert_eq!(s.screen, Screen::Event);
    let Some(Pending::Event { event, .. }) = s.game().unwrap().pending().cloned() else {
        panic!("no event")
    };
    let choice = s.game().unwrap().scenario().events[event].choices[0].clone();
    let mut h = harness(s);
    h.get_by_label_contains(&format!("1. {}", choice.label))
        .click();
    h.run();
    assert!(h.state().feedback.is_some());
    let snippet: String = choice.feedback.chars().take(25).collect();
    assert!(
        h.query_by_label_contains(&snippet).is_some(),
        "feedback `{snippet}` is shown"
    );
    assert!(h.query_by_label("Continue").is_some());
}

#[test]
fn the_language_switch_changes_the_ui_text() {
    let mut s = Session::new(None);
    s.lang = kam_game::i18n::Lang::En;
    let mut h = harness(s);
    assert!(h.query_by_label("Scenarios").is_some());
    h.get_by_label("中文").click();
    h.run();
    assert_eq!(h.state().lang, kam_game::i18n::Lang::Zh);
    assert!(h.query_by_label("训练场景").is_some());
    assert!(h.query_by_label("Scenarios").is_none());
}

#[test]
fn every_screen_draws_without_panicking() {
    let mut s = tutorial();
    s.autoplay("expert").unwrap();
    for screen in [
        Screen::Title,
        Screen::Briefing,
        Screen::Turn,
        Screen::Report,
        Screen::Debrief,
    ] {
        s.screen = screen;
        let mut h = harness(s);
        h.run();
        s = h.into_state();
    }
}

#[test]
fn the_turn_is_played_from_the_keyboard() {
    let s = tutorial();
    let mut h = harness(s);
    h.key_press(bevy_egui::egui::Key::Num1);
    h.run();
    assert_eq!(h.state().draft.visits.len(), 1, "1 visits the first person");
    h.key_press(bevy_egui::egui::Key::ArrowDown);
    h.run();
    h.key_press(bevy_egui::egui::Key::Num1);
    h.run();
    assert_eq!(
        h.state().draft.visits[1].account,
        1,
        "↓ moves to the next account"
    );
    h.key_press(bevy_egui::egui::Key::Backspace);
    h.run();
    assert_eq!(
        h.state().draft.visits.len(),
        1,
        "Backspace takes the last visit back"
    );
    h.key_press(bevy_egui::egui::Key::Enter);
    h.run();
    assert_ne!(h.state().screen, Screen::Turn, "Enter ends the turn");
    assert_eq!(
        h.state().game().unwrap().history(0).len()
            + usize::from(h.state().game().unwrap().pending().is_some()),
        1
    );
}

/// A class game in rounds whose month is played but not released: the report waits, and the
/// top bar says the server cannot be reached while the game plays on.
#[test]
fn a_class_game_waits_for_its_round_and_plays_on_offline() {
    let mut s = tutorial();
    let scenario = kam_sim::bundled::by_name("tutorial").unwrap().1.to_owned();
    let saved = kam_game::class::SavedSeat {
        // Nothing listens on port 9 of the loopback: the link stays offline.
        server: "127.0.0.1:9".into(),
        code: "K7QM3A".into(),
        name: "Tester".into(),
        token: "t".into(),
        rejoin: "ABCD3467".into(),
        pacing: kam_class::Pacing::Rounds,
        show_scores: true,
        scenario,
    };
    let game = s.game().unwrap().clone();
    s.class = Some(kam_game::class::ClassSeat::connect(saved, &game, 0));
    s.apply(kam_game::session::Action::EndTurn);
    // Answer whatever the month brought, so the month is played.
    while let Some(Pending::Event { .. }) = s.game().unwrap().pending() {
        let game = s.game.as_mut().unwrap();
        game.decide(kam_sim::engine::Decision::Choose(0)).unwrap();
    }
    assert_eq!(s.game().unwrap().turn(), 2);
    let log = s.game().unwrap().log().to_vec();
    s.class.as_ref().unwrap().link.update(&log);
    s.screen = Screen::Report;
    let mut h = harness(s);
    // The waiting screen keeps redrawing (a spinner, and checks for the release).
    h.run_steps(3);
    assert!(
        h.query_by_label("Waiting for the class").is_some(),
        "the report waits for the round's release"
    );
    assert!(h.query_by_label_contains("Turn report").is_none());
    assert!(
        h.query_by_label_contains("Score so far").is_some(),
        "the instructor let this class see its scores"
    );
    let class = h.state().class.as_ref().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while class.link.state().offline.is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (line, more, trouble) = kam_game::class::status_line(class, kam_game::i18n::Lang::En);
    assert!(trouble && line.contains("offline"), "{line}");
    assert!(
        more.contains("ABCD3467"),
        "the rejoin code is at hand: {more}"
    );
    assert_eq!(class.link.state().acknowledged, 0);
    assert!(
        class.link.state().made > 0,
        "the month's decisions wait to be sent"
    );
}

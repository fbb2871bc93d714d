//! Issue 20 item 9: a class game's save is never wiped by starting another game. After a
//! restart the title preselects the tutorial, and one Enter used to start it and overwrite the
//! class game's autosave (its seat and its months not yet sent).

use std::path::Path;

use bevy_egui::egui;
use egui_kittest::kittest::Queryable;
use kam_game::class::{ClassSeat, SavedSeat};
use kam_game::i18n::Lang;
use kam_game::session::{Action, ScenarioSource, Screen, Session};

const CODE: &str = "K7QM3A";

use crate::support::harness;

/// A class game one month in, autosaved in `dir`, as a trainee leaves it when the game closes.
fn save_a_class_game(dir: &Path) -> usize {
    let mut s = Session::new(Some(dir.to_owned()));
    assert!(s.start(ScenarioSource::Bundled("classroom_en".into()), "", "Ann"));
    let seat = SavedSeat {
        // Nothing listens on port 9 of the loopback: the month is played, not sent.
        server: "127.0.0.1:9".into(),
        code: CODE.into(),
        name: "Ann".into(),
        token: "t".into(),
        rejoin: "ABCD3467".into(),
        pacing: kam_class::Pacing::Free,
        show_scores: true,
        coach: true,
        scenario: kam_sim::bundled_scenario("classroom_en")
            .unwrap()
            .1
            .to_owned(),
        acknowledged: 0,
    };
    let game = s.game().unwrap().clone();
    s.class.seat = Some(ClassSeat::connect(seat, &game, 0));
    s.autoplay_until(kam_sim::StrategyId::Expert, Screen::Report)
        .unwrap();
    s.autosave_now();
    s.game().unwrap().log().len()
}

/// The game restarted on `dir`, at the title, in English.
fn restart(dir: &Path) -> Session {
    let mut s = Session::new(Some(dir.to_owned()));
    s.lang = Lang::En;
    s.title.form.lang = Some(Lang::En);
    s
}

fn saved_class_code(s: &Session) -> Option<String> {
    s.title
        .autosave
        .as_ref()
        .and_then(|save| save.class.as_ref())
        .map(|seat| seat.code.clone())
}

#[test]
fn enter_on_the_title_starts_the_tutorial_and_the_class_game_stays_saved() {
    let dir = tempfile::tempdir().unwrap();
    let played = save_a_class_game(dir.path());
    let s = restart(dir.path());
    assert_eq!(saved_class_code(&s).as_deref(), Some(CODE));
    let mut h = harness(s);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().screen, Screen::Briefing);
    assert_eq!(h.state().game().unwrap().scenario().id, "tutorial");
    // The tutorial's first month ends with an autosave.
    h.state_mut().autosave_now();
    drop(h);

    let mut s = restart(dir.path());
    assert_eq!(
        saved_class_code(&s).as_deref(),
        Some(CODE),
        "the class game is the saved game offered after the tutorial was saved"
    );
    let other = s
        .title
        .autosave
        .as_ref()
        .and_then(|save| save.other.as_ref());
    assert_eq!(
        other.map(|o| o.record.scenario_id.as_str()),
        Some("tutorial"),
        "the tutorial is saved too"
    );
    s.apply(Action::Resume);
    assert!(
        s.class.seat.is_some(),
        "the class game comes back with its seat"
    );
    assert_eq!(s.game().unwrap().scenario().id, "classroom");
    assert_eq!(
        s.game().unwrap().log().len(),
        played,
        "every decision of the class game, sent or not"
    );
}

#[test]
fn the_title_offers_both_saved_games_and_the_other_one_resumes() {
    let dir = tempfile::tempdir().unwrap();
    save_a_class_game(dir.path());
    let mut s = restart(dir.path());
    s.apply(Action::Start);
    s.autosave_now();
    let mut h = harness(restart(dir.path()));
    h.run();
    assert!(
        h.query_by_label_contains(&format!("Class {CODE}"))
            .is_some()
    );
    h.get_by_label("Continue saved game").click();
    h.run();
    let s = h.state();
    assert_eq!(s.game().unwrap().scenario().id, "tutorial");
    assert!(s.class.seat.is_none(), "the tutorial is no class game");
    drop(h);
    assert_eq!(
        saved_class_code(&restart(dir.path())).as_deref(),
        Some(CODE),
        "resuming the other game leaves the class game saved"
    );
}

#[test]
fn a_class_game_saved_by_an_older_version_is_kept_too() {
    let dir = tempfile::tempdir().unwrap();
    save_a_class_game(dir.path());
    // Older versions kept every game, a class game too, in the one autosave file.
    let class_file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("autosave.ron"))
        .unwrap();
    std::fs::rename(&class_file, kam_game::session::autosave_path(dir.path())).unwrap();
    let mut s = restart(dir.path());
    assert_eq!(saved_class_code(&s).as_deref(), Some(CODE));
    s.apply(Action::Start);
    s.autosave_now();
    assert_eq!(
        saved_class_code(&restart(dir.path())).as_deref(),
        Some(CODE),
        "the tutorial's save did not replace the older version's class save"
    );
}

/// The leave dialog says the game is autosaved: the plan drawn up for the month comes back
/// with it (a playtest left mid-plan, continued, and found the month's plan empty).
#[test]
fn a_game_left_mid_plan_comes_back_with_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(Some(dir.path().to_owned()));
    assert!(s.start(ScenarioSource::Bundled("classroom_en".into()), "", "Ann"));
    s.apply(Action::BeginTurns);
    s.apply(Action::AddVisit(kam_sim::Visit {
        account: kam_sim::AccountId(1),
        stakeholder: kam_sim::MemberId(0),
        approach: kam_sim::ApproachId(0),
    }));
    let planned = s.play.as_ref().unwrap().draft.plan.clone();
    assert_eq!(planned.visits.len(), 1, "the visit is planned");
    // What leaving the game does before the title shows.
    s.autosave_now();

    let mut again = restart(dir.path());
    again.apply(Action::Resume);
    assert_eq!(again.screen, Screen::Turn);
    assert_eq!(again.play.as_ref().unwrap().draft.plan, planned);

    // A month later the saved plan is that month's no more: the new month starts empty.
    again.apply(Action::EndTurn);
    again.apply(Action::Confirm);
    again.autosave_now();
    let mut later = restart(dir.path());
    later.apply(Action::Resume);
    assert!(later.play.as_ref().unwrap().draft.plan.visits.is_empty());
}

//! The screen flow without a window: MinimalPlugins, driven by actions through the game's
//! own systems.

use bevy::prelude::*;
use kam_game::session::{self, ScenarioSource};
use kam_game::{Action, Actions, Screen, Session, core_plugin};
use kam_sim::{Pending, Visit};

fn app(data: &std::path::Path) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.insert_resource(Session::new(Some(data.to_owned())));
    app.add_plugins(core_plugin);
    app.update();
    app
}

fn act(app: &mut App, action: Action) {
    app.world_mut().resource_mut::<Actions>().0.push(action);
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    // The session's screen is the one record of where the player is.
    app.world().resource::<Session>().screen
}

fn tutorial_index(app: &App) -> usize {
    let s = app.world().resource::<Session>();
    s.title
        .catalog
        .iter()
        .position(|e| e.source == ScenarioSource::Bundled("tutorial".into()))
        .expect("tutorial is bundled")
}

#[test]
fn title_to_debrief_through_every_kind_of_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    assert_eq!(screen(&app), Screen::Title);
    let i = tutorial_index(&app);
    {
        let mut s = app.world_mut().resource_mut::<Session>();
        s.title.form.selected = Some(i);
        s.title.form.player = "Alice".into();
        s.title.form.seed = "class-7B".into();
    }
    act(&mut app, Action::Start);
    assert_eq!(screen(&app), Screen::Briefing);
    let seed = app.world().resource::<Session>().game().unwrap().seed();
    assert_eq!(
        seed,
        session::seed_from_code("class-7B", 0),
        "a class code hashes to the seed"
    );
    act(&mut app, Action::Back);
    assert_eq!(screen(&app), Screen::Title);
    act(&mut app, Action::Start);
    act(&mut app, Action::BeginTurns);
    assert_eq!(screen(&app), Screen::Turn);

    let mut seen = vec![Screen::Title, Screen::Briefing, Screen::Turn];
    for _ in 0..500 {
        let now = screen(&app);
        if !seen.contains(&now) {
            seen.push(now);
        }
        match now {
            Screen::Turn => {
                // One visit to the first person of each live account, then end the turn.
                let visits: Vec<Visit> = {
                    let s = app.world().resource::<Session>();
                    let game = s.game().unwrap();
                    (0..game.accounts().len())
                        .filter(|&a| !game.accounts()[a].churned)
                        .map(|a| Visit {
                            account: kam_sim::AccountId(a),
                            stakeholder: kam_sim::MemberId(0),
                            approach: kam_sim::ApproachId(a % game.scenario().approaches.len()),
                        })
                        .collect()
                };
                for v in visits {
                    act(&mut app, Action::AddVisit(v));
                }
                act(&mut app, Action::EndTurn);
                // Visits or budget left: the game asks first; yes.
                act(&mut app, Action::Confirm);
                assert_ne!(
                    screen(&app),
                    Screen::Turn,
                    "ending the turn leaves the turn screen"
                );
            }
            Screen::Event => {
                act(&mut app, Action::Choose(0));
                assert!(
                    app.world()
                        .resource::<Session>()
                        .play
                        .as_ref()
                        .unwrap()
                        .feedback
                        .is_some(),
                    "an answer shows feedback"
                );
                act(&mut app, Action::Continue);
            }
            Screen::Negotiation => {
                act(&mut app, Action::MakeOffer);
                if app
                    .world()
                    .resource::<Session>()
                    .play
                    .as_ref()
                    .unwrap()
                    .nego
                    .summary
                    .is_none()
                {
                    act(&mut app, Action::WalkAway);
                }
                assert!(
                    app.world()
                        .resource::<Session>()
                        .play
                        .as_ref()
                        .unwrap()
                        .nego
                        .summary
                        .is_some()
                );
                act(&mut app, Action::Continue);
            }
            Screen::Report => {
                assert!(
                    session::autosave_path(dir.path()).exists(),
                    "a finished turn is autosaved"
                );
                act(&mut app, Action::Continue);
            }
            Screen::Debrief => break,
            Screen::Title | Screen::Briefing => panic!("unexpected {now:?}"),
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    for s in [Screen::Event, Screen::Report, Screen::Debrief] {
        assert!(seen.contains(&s), "{s:?} was never shown: {seen:?}");
    }
    let session = app.world().resource::<Session>();
    assert!(session.game().unwrap().is_finished());
    assert!(
        session.play.as_ref().unwrap().expert.is_some(),
        "the debrief compares with the expert"
    );

    act(&mut app, Action::Export);
    let exported = app
        .world()
        .resource::<Session>()
        .play
        .as_ref()
        .unwrap()
        .exported
        .clone()
        .expect("exported");
    let record = kam_sim::read_record(&exported).unwrap();
    assert_eq!(record.player, "Alice");
    assert!(record.finished);
}

#[test]
fn an_autosave_resumes_at_the_same_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let i = tutorial_index(&app);
    app.world_mut()
        .resource_mut::<Session>()
        .title
        .form
        .selected = Some(i);
    act(&mut app, Action::Start);
    act(&mut app, Action::BeginTurns);
    // Play turns until one ends (answering whatever comes up).
    loop {
        match screen(&app) {
            Screen::Turn => {
                act(&mut app, Action::EndTurn);
                act(&mut app, Action::Confirm);
            }
            Screen::Event => {
                act(&mut app, Action::Choose(0));
                act(&mut app, Action::Continue);
            }
            Screen::Negotiation => {
                act(&mut app, Action::WalkAway);
                act(&mut app, Action::Continue);
            }
            Screen::Report => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    let turn = app.world().resource::<Session>().game().unwrap().turn();

    let mut again = self::app(dir.path());
    assert!(
        again.world().resource::<Session>().title.autosave.is_some(),
        "the title offers the autosave"
    );
    act(&mut again, Action::Resume);
    let s = again.world().resource::<Session>();
    assert_eq!(s.game().unwrap().turn(), turn);
    assert!(
        s.game().unwrap().pending().is_none()
            || matches!(s.game().unwrap().pending(), Some(Pending::Event { .. }))
    );
    assert_eq!(screen(&again), Screen::Turn);
}

#[test]
fn a_broken_scenario_is_shown_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.ron");
    std::fs::write(&file, "(id: \"x\", title: 3,").unwrap();
    let mut app = app(dir.path());
    {
        let mut s = app.world_mut().resource_mut::<Session>();
        s.title.form.selected = None;
        s.title.form.file_path = file.display().to_string();
    }
    act(&mut app, Action::Start);
    assert_eq!(screen(&app), Screen::Title);
    let s = app.world().resource::<Session>();
    let e = s.title.error.as_ref().expect("the error is shown");
    assert!(
        e.lines[0].starts_with(&format!("{}:", file.display())),
        "FILE:LINE:COL, got {}",
        e.lines[0]
    );
    assert!(!e.what_to_do.is_empty());
}

#[test]
fn an_unreadable_autosave_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(session::autosave_path(dir.path()), "not a save").unwrap();
    let s = Session::new(Some(dir.path().to_owned()));
    assert!(s.title.autosave.is_none());
    assert!(s.title.error.is_some());
}

#[test]
fn class_codes_hash_deterministically() {
    assert_eq!(session::seed_from_code("", 42), 42);
    assert_eq!(session::seed_from_code(" 17 ", 42), 17);
    assert_eq!(
        session::seed_from_code("Class-A", 0),
        session::seed_from_code("class-a", 0)
    );
    assert_ne!(
        session::seed_from_code("class-a", 0),
        session::seed_from_code("class-b", 0)
    );
}

#[test]
fn a_watched_file_reloads_and_shows_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("watched.ron");
    let (_, src) = kam_sim::BUNDLED_SCENARIOS
        .iter()
        .find(|(f, _)| *f == "tutorial.ron")
        .unwrap();
    std::fs::write(&file, src).unwrap();
    let mut s = Session::new(None);
    assert!(s.start(ScenarioSource::File(file.clone()), "", "w"));
    s.screen = Screen::Turn;
    // Broken: the errors replace the game screen, located in the file.
    std::fs::write(&file, "(id: \"t\",\n  turns: \"four\",\n)").unwrap();
    s.reload();
    assert_eq!(s.screen, Screen::Title);
    let e = s.title.error.clone().expect("errors shown");
    assert!(
        e.lines
            .iter()
            .all(|l| l.starts_with(&format!("{}:", file.display()))),
        "{:?}",
        e.lines
    );
    // Fixed: back at the first turn.
    std::fs::write(&file, src).unwrap();
    s.reload();
    assert_eq!(s.screen, Screen::Turn);
    assert!(s.title.error.is_none());
    assert_eq!(s.game().unwrap().turn(), 1);
}

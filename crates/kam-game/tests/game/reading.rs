//! Reading the people (issue 19), the game's side: what each difficulty shows of a person on
//! the turn screen, and the trainee's reading kept in the save.

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kam_game::i18n::{K, Lang};
use kam_game::session::{Action, ScenarioSource};
use kam_game::{Screen, Session};
use kam_sim::Reading;
use kam_sim::scenario::{Difficulty, Need, Style};
use kam_sim::{Decision, Pending, Plan, Visit};

use crate::support::harness;

/// The English classroom at its first turn, at `difficulty`.
fn classroom(difficulty: Difficulty, data: Option<std::path::PathBuf>) -> Session {
    let mut s = Session::new(data);
    s.title.form.difficulty = Some(difficulty);
    assert!(s.start(ScenarioSource::Bundled("classroom_en".into()), "", "T"));
    s.lang = Lang::En;
    s.screen = Screen::Turn;
    s
}

fn fit_words() -> [&'static str; 4] {
    [K::FitGood, K::FitWeak, K::FitPoor, K::FitWasted].map(|k| k.t(Lang::En))
}

fn count_fit_words(h: &Harness<'_, Session>) -> usize {
    fit_words()
        .iter()
        .map(|w| h.query_all_by_label(w).count())
        .sum()
}

#[test]
fn easy_shows_the_labels_and_every_fit_word() {
    let mut h = harness(classroom(Difficulty::Easy, None));
    h.run();
    let game = h.state().game().unwrap();
    let people = game.accounts()[0].people.len();
    let style = game.accounts()[0].people[0].person.style;
    assert!(
        h.query_by_label(kam_game::i18n::style(Lang::En, style))
            .is_some()
    );
    assert_eq!(count_fit_words(&h), people);
    assert!(h.query_by_label(K::WhatTheySay.t(Lang::En)).is_none());
}

#[test]
fn normal_hides_the_labels_and_shows_a_fit_word_once_a_visit_has_shown_it() {
    let mut s = classroom(Difficulty::Normal, None);
    let style = s.game().unwrap().accounts()[0].people[0].person.style;
    // Month 1: one visit to the first person with the first approach.
    s.play.as_mut().unwrap().draft.approach = 0;
    let visit = Visit {
        account: kam_sim::AccountId(0),
        stakeholder: kam_sim::MemberId(0),
        approach: kam_sim::ApproachId(0),
    };
    let mut h = harness(s);
    h.run();
    assert!(
        h.query_by_label(kam_game::i18n::style(Lang::En, style))
            .is_none(),
        "no style label at Normal"
    );
    assert_eq!(count_fit_words(&h), 0, "no fit word before any visit");
    assert!(h.query_by_label(K::WhatTheySay.t(Lang::En)).is_some());
    assert!(h.query_all_by_label(K::FitNotSeen.t(Lang::En)).count() > 0);
    {
        let s = h.state_mut();
        let game = s.game_mut().unwrap();
        game.decide(Decision::Plan(Plan {
            visits: vec![visit],
            resources: vec![],
        }))
        .unwrap();
        while let Some(p) = game.pending().cloned() {
            let d = match p {
                Pending::Event { .. } => Decision::Choose(0),
                Pending::Negotiation(_) => Decision::WalkAway,
            };
            game.decide(d).unwrap();
        }
        s.play.as_mut().unwrap().draft.selected = 0;
        s.play.as_mut().unwrap().draft.approach = 0;
    }
    h.run();
    assert_eq!(
        count_fit_words(&h),
        1,
        "the visited person's fit word for the pitch used, and no other"
    );
    // Their reaction is on screen, in their own words.
    let said = kam_sim::reactions(h.state().game().unwrap())[0]
        .words
        .pick(Lang::En);
    assert!(h.query_by_label_contains(said).is_some());
}

#[test]
fn hard_shows_no_fit_word_no_preview_and_no_coach() {
    let mut s = classroom(Difficulty::Hard, None);
    s.play.as_mut().unwrap().draft.approach = 0;
    let mut h = harness(s);
    h.run();
    h.state_mut().apply(Action::AddVisit(Visit {
        account: kam_sim::AccountId(0),
        stakeholder: kam_sim::MemberId(0),
        approach: kam_sim::ApproachId(0),
    }));
    h.run();
    assert_eq!(count_fit_words(&h), 0);
    assert!(h.query_by_label(K::FitNotSeen.t(Lang::En)).is_none());
    assert!(
        h.query_by_label(K::PlanEffect.t(Lang::En)).is_none(),
        "no preview"
    );
    assert!(!h.state().coach_on());
}

#[test]
fn a_reading_is_kept_in_the_save_and_comes_back_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = classroom(Difficulty::Normal, Some(dir.path().to_owned()));
    let reading = Reading {
        style: Some(Style::C),
        need: Some(Need::Security),
    };
    s.apply(Action::Read {
        account: 2,
        stakeholder: 0,
        reading,
    });
    assert_eq!(s.game().unwrap().accounts()[2].people[0].reading, reading);
    // The same reading again is no new decision.
    let logged = s.game().unwrap().log().len();
    s.apply(Action::Read {
        account: 2,
        stakeholder: 0,
        reading,
    });
    assert_eq!(s.game().unwrap().log().len(), logged);

    let mut again = Session::new(Some(dir.path().to_owned()));
    again.apply(Action::Resume);
    let game = again.game().expect("the autosave resumes");
    assert_eq!(game.accounts()[2].people[0].reading, reading);
    assert_eq!(game.prepared().difficulty, Difficulty::Normal);
}

#[test]
fn the_debrief_shows_how_each_person_was_read() {
    let mut s = classroom(Difficulty::Normal, None);
    let real = s.game().unwrap().accounts()[1].people[0].person.style;
    s.apply(Action::Read {
        account: 1,
        stakeholder: 0,
        reading: Reading {
            style: Some(real),
            need: None,
        },
    });
    let game = s.game_mut().unwrap();
    let mut expert = kam_sim::StrategyId::Expert.build(game.seed());
    kam_sim::play_out(game, expert.as_mut()).unwrap();
    s.screen = Screen::Debrief;
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label(K::ReadPeople.t(Lang::En)).is_some());
    // The person read right from month 1 says so; the others were never read.
    assert_eq!(
        h.query_all_by_label_contains(&kam_game::i18n::tf(Lang::En, K::StyleRightFrom, 1))
            .count(),
        1
    );
    assert!(
        h.query_all_by_label_contains(K::NoReadingNoted.t(Lang::En))
            .count()
            > 1
    );
}

/// An event speaks through the account's most influential person: after an answer their
/// reply is on screen, in their real style's words.
#[test]
fn an_events_answer_gets_the_speakers_reply() {
    let mut s = classroom(Difficulty::Normal, None);
    let mut months = 0;
    while !matches!(s.game().unwrap().pending(), Some(Pending::Event { .. })) {
        s.apply(Action::EndTurn);
        s.apply(Action::Confirm);
        months += 1;
        assert!(months < 12, "an event fires in the classroom");
        if let Some(Pending::Negotiation(_)) = s.game().unwrap().pending() {
            s.game_mut().unwrap().decide(Decision::WalkAway).unwrap();
        }
        s.play.as_mut().unwrap().feedback = None;
        s.screen = Screen::Turn;
    }
    let Some(Pending::Event { event, account, .. }) = s.game().unwrap().pending().cloned() else {
        unreachable!()
    };
    s.screen = Screen::Event;
    s.apply(Action::Choose(0));
    let f = s
        .play
        .as_ref()
        .unwrap()
        .feedback
        .clone()
        .expect("the answer's feedback");
    let (_, words) = kam_sim::answer_reaction(s.game().unwrap(), event, account, f.choice).unwrap();
    let words = words.pick(Lang::En);
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label_contains(words).is_some(), "{words}");
    assert!(
        h.query_by_label_contains(K::SpeaksForThem.t(Lang::En))
            .is_some()
    );
}

/// The cues are wrapped sentences, but the resources grid below them stays on one line per
/// row in the game's own fonts (a screenshot showed its buttons broken into a column of
/// characters once the cues' wrapping leaked into it).
#[test]
fn the_resources_below_the_cues_stay_unwrapped() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = classroom(Difficulty::Normal, None);
        s.lang = lang;
        let mut h = harness(s);
        kam_game::ui::setup(&h.ctx);
        h.run();
        let label = K::AddResource.t(lang);
        let button = h
            .query_all_by_label(label)
            .next()
            .unwrap_or_else(|| panic!("{lang:?}: an {label} button"));
        let rect = button.rect();
        assert!(
            rect.height() < 40.0,
            "{lang:?}: the {label} button is {rect:?}: wrapped"
        );
    }
}

/// The reading pickers open beside the table, never over the cues and reactions below it (a
/// playtest could not read a person's cues while choosing their style), and choosing in one
/// records the reading.
#[test]
fn a_reading_picker_opens_beside_the_table_and_records_the_choice() {
    let mut h = harness(classroom(Difficulty::Normal, None));
    kam_game::ui::setup(&h.ctx);
    h.run();
    // The last person's style picker: the one nearest the cues below the table.
    let unread = format!("{} ▸", K::NotRead.t(Lang::En));
    let pickers: Vec<_> = h.query_all_by_label(&unread).collect();
    assert!(pickers.len() >= 2, "a style and a need picker a person");
    let picker = pickers.into_iter().rev().nth(1).unwrap();
    let picker_rect = picker.rect();
    picker.click();
    h.run();
    let sequential = kam_game::i18n::style(Lang::En, Style::B);
    let option = h.get_by_label(sequential);
    let option_rect = option.rect();
    assert!(
        option_rect.left() >= picker_rect.right() - 1.0,
        "the list opens to the right: picker {picker_rect:?}, option {option_rect:?}"
    );
    // No option of the open list lies over any cue.
    let game = h.state().game().unwrap().clone();
    let people = game.accounts()[0].people.len();
    let options: Vec<egui::Rect> = [kam_game::i18n::style(Lang::En, Style::A), sequential]
        .iter()
        .map(|name| h.get_by_label(name).rect())
        .collect();
    for p in 0..people {
        for cue in kam_sim::person_cues(&game, 0, p) {
            let cue = cue.said.words(Lang::En);
            let shown = h.get_by_label_contains(cue).rect();
            for rect in &options {
                assert!(!rect.intersects(shown), "the list covers the cue {cue:?}");
            }
        }
    }
    let option = h.get_by_label(sequential);
    option.click();
    h.run();
    let people = &h.state().game().unwrap().accounts()[0].people;
    assert_eq!(people.last().unwrap().reading.style, Some(Style::B));
}

/// The buying centre's columns stay put when a visit is added ("×1" appears by the name).
#[test]
fn adding_a_visit_does_not_shift_the_buying_centres_columns() {
    let mut h = harness(classroom(Difficulty::Normal, None));
    kam_game::ui::setup(&h.ctx);
    h.run();
    let column = |h: &Harness<'_, Session>| {
        h.query_all_by_label(K::AddVisit.t(Lang::En))
            .next()
            .expect("an add-visit button")
            .rect()
            .left()
    };
    let before = column(&h);
    h.state_mut().apply(Action::AddVisit(Visit {
        account: kam_sim::AccountId(0),
        stakeholder: kam_sim::MemberId(0),
        approach: kam_sim::ApproachId(0),
    }));
    h.run();
    assert!(h.query_by_label("×1").is_some());
    let after = column(&h);
    assert!(
        (after - before).abs() < 0.5,
        "the column moved from {before} to {after}"
    );
}

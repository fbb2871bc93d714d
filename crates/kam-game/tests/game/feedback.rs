//! Feedback that tells the truth (issue 18, the game's side): the coach speaks about a plan
//! once there is one, losses are announced with their odds, and switching the language
//! re-words everything on screen.

use egui_kittest::kittest::Queryable;
use kam_game::i18n::{K, Lang};
use kam_game::session::{Action, ScenarioSource};
use kam_game::{Screen, Session};
use kam_sim::{Game, Pending, Visit};

use crate::support::harness;

/// The tutorial at its first turn, in English, played by `player`.
fn tutorial(player: &str) -> Session {
    let mut s = Session::new(None);
    assert!(s.start(ScenarioSource::Bundled("tutorial".into()), "", player));
    s.lang = Lang::En;
    s.screen = Screen::Turn;
    s
}

/// Ends the month with nothing planned and answers whatever it brings with the first answer.
fn play_an_empty_month(s: &mut Session) {
    s.apply(Action::EndTurn);
    s.apply(Action::Confirm);
    while let Some(Pending::Event { .. }) = s.game().unwrap().pending() {
        s.game_mut()
            .unwrap()
            .decide(kam_sim::Decision::Choose(0))
            .unwrap();
    }
    s.play.as_mut().unwrap().feedback = None;
    s.screen = Screen::Turn;
}

/// Month 2 opens with an empty plan after an empty month 1: the coach says nothing about "0
/// visits planned" before anything is planned (a playtest read it as a false accusation). It
/// speaks once a visit is on the plan, or once the trainee tries to end the month.
#[test]
fn the_coach_waits_for_a_plan_or_the_end_of_the_month() {
    let mut s = tutorial("Tester");
    play_an_empty_month(&mut s);
    assert_eq!(s.game().unwrap().turn(), 2);
    assert!(
        !kam_sim::coach_hints(s.game().unwrap(), &s.play.as_ref().unwrap().draft.plan).is_empty(),
        "the empty plan breaks a lesson (the A account is under-served twice running)"
    );
    let mut h = harness(s);
    h.run();
    assert!(
        h.query_by_label("Coach (practice mode)").is_none(),
        "no hint on the untouched plan a month opens with"
    );

    // Trying to end the month: the hint is in the question, and stays once it is answered.
    h.state_mut().apply(Action::EndTurn);
    h.run();
    assert!(h.query_by_label_contains("End the month (Enter)").is_some());
    // In the question and behind it, in the dossier.
    assert_eq!(
        h.query_all_by_label("Coach (practice mode)").count(),
        2,
        "the coach speaks when the month is about to end"
    );
    let said = h
        .query_all_by_label_contains("Allocate effort by value")
        .count();
    assert!(said > 0);
    h.state_mut().apply(Action::Cancel);
    h.run();
    assert!(h.query_by_label("Coach (practice mode)").is_some());

    // A month begun by a visit: the coach speaks about the plan on the table.
    let mut s = tutorial("Tester");
    play_an_empty_month(&mut s);
    let a_account = (0..s.game().unwrap().accounts().len())
        .find(|a| s.game().unwrap().scenario().accounts[*a].tier == kam_sim::scenario::Tier::A)
        .unwrap();
    let other = (0..s.game().unwrap().accounts().len())
        .find(|a| *a != a_account)
        .unwrap();
    s.apply(Action::AddVisit(Visit {
        account: kam_sim::AccountId(other),
        stakeholder: kam_sim::MemberId(0),
        approach: kam_sim::ApproachId(0),
    }));
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label("Coach (practice mode)").is_some());
    // What last month did is said to be last month's.
    let game = h.state().game().unwrap();
    let hint = kam_sim::coach_hints(game, &h.state().play.as_ref().unwrap().draft.plan)
        .into_iter()
        .find(|x| x.account().index() == a_account)
        .expect("the A account's hint");
    let text = hint.words(game, Lang::En);
    assert!(text.contains("last month"), "{text}");
}

/// ↑/↓ stop at the first and last account: ↑ pressed "to get to the top" once wrapped round
/// and put a month's visits on the wrong account (a playtest).
#[test]
fn up_and_down_stop_at_the_ends_of_the_account_list() {
    let s = tutorial("Tester");
    let last = s.game().unwrap().accounts().len() - 1;
    let mut h = harness(s);
    h.key_press(bevy_egui::egui::Key::ArrowUp);
    h.run();
    assert_eq!(
        h.state().play.as_ref().unwrap().draft.selected,
        0,
        "↑ at the top stays there"
    );
    for _ in 0..=last + 2 {
        h.key_press(bevy_egui::egui::Key::ArrowDown);
        h.run();
    }
    assert_eq!(
        h.state().play.as_ref().unwrap().draft.selected,
        last,
        "↓ at the bottom stays there"
    );
    h.key_press(bevy_egui::egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().play.as_ref().unwrap().draft.selected, last - 1);
}

/// Plays classroom games with the random strategy, seed after seed, until a month closes with
/// `found` true of it; returns the session at that month's report.
fn first_month_where(lang: Lang, found: impl Fn(&Game) -> bool) -> Session {
    let scenario = match lang {
        Lang::En => "classroom_en",
        Lang::Zh => "classroom_zh",
    };
    for seed in 0..200u64 {
        let mut s = Session::new(None);
        assert!(s.start(
            ScenarioSource::Bundled(scenario.into()),
            &seed.to_string(),
            "Tester"
        ));
        s.lang = lang;
        let game = s.game_mut().unwrap();
        let mut random = kam_sim::StrategyId::Random.build(seed);
        while !game.is_finished() {
            let month = game.turn();
            let d = kam_sim::next_decision(game, random.as_mut()).unwrap();
            game.decide(d).unwrap();
            if game.turn() != month && found(game) {
                s.screen = Screen::Report;
                return s;
            }
        }
    }
    panic!("no game of 200 had such a month");
}

/// The accounts lost in the month just closed by its defection draw.
fn lost_by_draw(game: &Game) -> Vec<usize> {
    (0..game.accounts().len())
        .filter(|&a| match game.history(a) {
            [.., before, last] => !before.churned && last.churned && last.defection_chance > 0.0,
            [last] => last.churned && last.defection_chance > 0.0,
            [] => false,
        })
        .collect()
}

/// A lost account is announced at the top of its month's report with its satisfaction and the
/// chance it had of defecting (a playtest found it one line in a long list); afterwards it
/// shows no trend and no share, as it has none.
#[test]
fn a_lost_account_is_announced_with_its_odds_and_shows_no_share_after() {
    for lang in [Lang::En, Lang::Zh] {
        // Not the last month: the month after is looked at too.
        let s = first_month_where(lang, |g| !g.is_finished() && !lost_by_draw(g).is_empty());
        let game = s.game().unwrap();
        let a = lost_by_draw(game)[0];
        let last = game.history(a).last().unwrap().clone();
        let name = game.scenario().accounts[a].name.clone();
        let share = game.accounts()[a].share;
        let mut h = harness(s);
        h.run();
        let banner = h.get_by_label(K::LostThisMonth.t(lang)).rect();
        let line =
            kam_game::i18n::lost_account(lang, &name, last.satisfaction, last.defection_chance);
        let notice = h.get_by_label(&line).rect();
        assert!(
            line.contains(&kam_game::i18n::chance(last.defection_chance)),
            "{line}"
        );
        // At the top: above the first account's card of the month.
        let first_card = h
            .query_all_by_label(&h.state().game().unwrap().scenario().accounts[0].name)
            .map(|n| n.rect())
            .filter(|r| r.left() < banner.right())
            .map(|r| r.top())
            .fold(f32::INFINITY, f32::min);
        assert!(
            banner.top() < notice.top() && notice.bottom() < first_card,
            "{lang:?}: the notice {notice:?} tops the report (first card at {first_card})"
        );

        // The next month: the lost account's dossier shows no share and its row no trend.
        h.state_mut().apply(Action::Continue);
        h.state_mut().apply(Action::SelectAccount(a));
        h.run();
        assert_eq!(h.state().screen, Screen::Turn);
        let shown = format!("{share:.1}%");
        assert!(
            share <= 0.05 || h.query_by_label(&shown).is_none(),
            "{lang:?}: a lost account's share {shown} is not shown"
        );
        assert!(
            h.query_all_by_label("—").count() >= 2,
            "share and trend are —"
        );
    }
}

/// A lost deal is announced with the chance of winning it had; against good odds it says the
/// dice decided, not the trainee.
#[test]
fn a_lost_opportunity_is_announced_with_its_chance() {
    let lost_deal = |g: &Game| {
        (0..g.accounts().len()).any(|a| {
            g.history(a)
                .last()
                .is_some_and(|r| r.closes.iter().any(|c| !c.won))
        })
    };
    let s = first_month_where(Lang::En, lost_deal);
    let game = s.game().unwrap();
    let (a, close) = (0..game.accounts().len())
        .find_map(|a| {
            game.history(a)
                .last()
                .and_then(|r| r.closes.iter().find(|c| !c.won))
                .map(|c| (a, *c))
        })
        .unwrap();
    let opportunity = game.accounts()[a].opportunities[close.opportunity]
        .opportunity
        .name
        .clone();
    let account = game.scenario().accounts[a].name.clone();
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label("Lost this month").is_some());
    let line = kam_game::i18n::lost_opportunity(Lang::En, &opportunity, &account, &close);
    assert!(
        line.starts_with(&format!("{opportunity} ({account}) is lost")),
        "{line}"
    );
    assert!(
        h.query_by_label(&line).is_some(),
        "the lost opportunity is announced: {line}"
    );
    assert!(
        line.contains(&kam_game::i18n::chance(close.chance)),
        "{line}"
    );
    assert_eq!(line.contains("bad luck"), close.chance >= 0.5, "{line}");
}

/// Switching the language on the debrief re-words the "try next time" cards (they were worded
/// once, in the language the game finished in: a playtest saw English cards under Chinese
/// titles) and the top bar's "Autosaved"; a game started without a name shows the language's
/// default name. Back in the first language, the cards are the very ones shown before.
#[test]
fn switching_the_language_rewords_the_cards_the_status_and_the_default_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(Some(dir.path().to_path_buf()));
    assert!(s.start(ScenarioSource::Bundled("tutorial".into()), "", ""));
    s.lang = Lang::En;
    s.screen = Screen::Turn;
    s.autoplay(kam_sim::StrategyId::Random).unwrap();
    assert_eq!(s.screen, Screen::Debrief);
    assert_eq!(
        s.play.as_ref().unwrap().notice.as_deref(),
        Some("Autosaved")
    );
    let english = s.play.as_ref().unwrap().try_next_time().to_vec();
    assert!(!english.is_empty());
    let prepared = std::sync::Arc::clone(s.game().unwrap().prepared());
    let words = |m: &kam_sim::Mistake, lang| m.words(&prepared.scenario, lang);
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label("Debrief — player").is_some());
    assert!(
        h.query_all_by_label_contains(&words(&english[0], Lang::En))
            .count()
            > 0
    );

    h.get_by_label("中文").click();
    h.run();
    h.run();
    let chinese = h.state().play.as_ref().unwrap().try_next_time().to_vec();
    // The cards have no language: the same cards, worded again.
    assert_eq!(chinese, english);
    for card in &chinese {
        let (zh, en) = (words(card, Lang::Zh), words(card, Lang::En));
        assert_ne!(zh, en);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
    }
    // The start of each card (a long card may be laid out with line breaks of its own).
    let start = |text: &str| text.chars().take(12).collect::<String>();
    assert!(
        h.query_all_by_label_contains(&start(&words(&english[0], Lang::En)))
            .count()
            == 0
    );
    assert!(
        h.query_all_by_label_contains(&start(&words(&chinese[0], Lang::Zh)))
            .count()
            > 0
    );
    assert!(h.query_by_label("已自动保存").is_some());
    assert!(h.query_by_label("Autosaved").is_none());
    assert!(h.query_by_label("复盘 — 学员").is_some());

    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().play.as_ref().unwrap().try_next_time(), english);
    assert!(h.query_by_label("Autosaved").is_some());
}

/// Esc from a later month opens the briefing, whose button leads back to that month (it said
/// "Begin the first turn" mid-game).
#[test]
fn the_briefing_leads_back_to_the_month_under_way() {
    let mut s = tutorial("Tester");
    s.screen = Screen::Briefing;
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label("Begin the first month").is_some());
    let mut s = h.into_state();
    s.screen = Screen::Turn;
    play_an_empty_month(&mut s);
    s.apply(Action::Back);
    assert_eq!(s.screen, Screen::Briefing);
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label("Begin the first month").is_none());
    h.get_by_label("Back to month 2").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Turn);
}

/// The coach's hints appear when the first visit of a month is added: they must not push the
/// buying centre down under the pointer (a playtest clicked "Add visit" again and hit another
/// person's row). The people list and its buttons stay where they were; the hints are shown.
#[test]
fn the_coachs_hints_do_not_move_the_buying_centre() {
    let mut s = tutorial("Tester");
    play_an_empty_month(&mut s);
    let mut h = harness(s);
    h.run();
    assert!(h.query_by_label("Coach (practice mode)").is_none());
    let heading = h.get_by_label("Buying centre").rect();
    let buttons: Vec<_> = h.get_all_by_label("Add visit").map(|b| b.rect()).collect();
    assert!(!buttons.is_empty());

    h.get_all_by_label("Add visit").next().unwrap().click();
    h.run();
    assert_eq!(h.state().play.as_ref().unwrap().draft.plan.visits.len(), 1);
    let coach = h.get_by_label("Coach (practice mode)").rect();
    assert_eq!(h.get_by_label("Buying centre").rect(), heading);
    let after: Vec<_> = h.get_all_by_label("Add visit").map(|b| b.rect()).collect();
    assert_eq!(
        after, buttons,
        "the people's buttons stay under the pointer"
    );
    // Below the people list, and in the window.
    assert!(coach.min.y > buttons.last().unwrap().max.y);
    assert!(coach.max.y <= 800.0);
}

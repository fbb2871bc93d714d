//! Reading the people on the turn screen (issue 19): from `Normal` difficulty up the dossier
//! shows no style or need, but the trainee's own reading of each person (two pickers that send
//! [`Action::Read`]), the person's cues and their reactions to past visits, and a pitch's fit
//! word only once a visit has shown it (never at `Hard`). At `Easy` the labels show as before.

use bevy_egui::egui::{self, RichText};
use kam_sim::Game;
use kam_sim::Reading;
use kam_sim::scenario::{Need, Style};

use crate::i18n::{self, K, Lang};
use crate::session::Action;
use crate::ui;

/// The style · need cell of a person's row: the labels at `Easy`, else the trainee's reading.
pub fn style_and_need_cell(
    ui: &mut egui::Ui,
    game: &Game,
    account: usize,
    stakeholder: usize,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let person = &game.accounts()[account].people[stakeholder];
    if game.prepared().difficulty.shows_style_and_need() {
        ui.vertical(|ui| {
            ui.label(i18n::style(lang, person.person.style))
                .on_hover_text(K::TipStyle.t(lang));
            ui.label(RichText::new(i18n::need(lang, person.person.need)).small());
        });
        return;
    }
    let reading = person.reading;
    let unread = K::NotRead.t(lang);
    ui.vertical(|ui| {
        let mut style = reading.style;
        picker(
            ui,
            ("reading-style", account, stakeholder),
            &mut style,
            Style::ALL.map(|s| (s, i18n::style(lang, s))),
            unread,
            K::TipReading.t(lang),
        );
        let mut need = reading.need;
        picker(
            ui,
            ("reading-need", account, stakeholder),
            &mut need,
            Need::ALL.map(|n| (n, i18n::need(lang, n))),
            unread,
            K::TipReading.t(lang),
        );
        let chosen = Reading { style, need };
        if chosen != reading {
            actions.push(Action::Read {
                account,
                stakeholder,
                reading: chosen,
            });
        }
    });
}

/// The reading pickers' width: room for the longest Chinese name; an English one is cut.
const PICKER_WIDTH: f32 = 84.0;

/// A drop-down for one half of a reading that opens to its right and upwards, over the
/// support and visit cells of this row and those above, so the cues and reactions under the
/// table stay in view while the trainee chooses (egui's combo box opens downwards, over
/// them). The button keeps its width whatever is chosen (a long name is cut, the whole name
/// shows on hover), so the columns beside it do not move.
fn picker<T: Copy + PartialEq, const N: usize>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut Option<T>,
    options: [(T, &str); N],
    unread: &str,
    tip: &str,
) -> egui::Response {
    let shown = options
        .iter()
        .find(|(o, _)| Some(*o) == *value)
        .map_or(unread, |(_, name)| *name);
    let button = ui.add_sized(
        [PICKER_WIDTH, ui.spacing().interact_size.y],
        egui::Button::new(format!("{shown} ▸")).truncate(),
    );
    egui::Popup::menu(&button)
        .id(egui::Id::new(id))
        .align(egui::RectAlign::RIGHT_END)
        .align_alternatives(&[egui::RectAlign::RIGHT_START, egui::RectAlign::LEFT_END])
        .show(|ui| {
            ui.selectable_value(value, None, unread);
            for (option, name) in options {
                ui.selectable_value(value, Some(option), name);
            }
        });
    button.on_hover_text(format!("{shown}\n\n{tip}"))
}

/// The header of the style · need column at this game's difficulty.
pub fn style_and_need_header(ui: &mut egui::Ui, game: &Game, lang: Lang) {
    if game.prepared().difficulty.shows_style_and_need() {
        ui::header(
            ui,
            &format!("{} · {}", K::Style.t(lang), K::Need.t(lang)),
            K::TipStyle.t(lang),
        );
    } else {
        ui::header(ui, K::YourReading.t(lang), K::TipReading.t(lang));
    }
}

/// The fit word of `approach` for the person, as the difficulty allows: always at `Easy`,
/// once a visit has shown it at `Normal`, never at `Hard` (an empty cell).
pub fn fit_label(
    ui: &mut egui::Ui,
    game: &Game,
    account: usize,
    stakeholder: usize,
    approach: usize,
    lang: Lang,
) {
    let Some(pitch) = game.scenario().approaches.get(approach) else {
        return;
    };
    let seen = kam_sim::fit_seen(
        game,
        kam_sim::AccountId(account),
        kam_sim::MemberId(stakeholder),
        kam_sim::ApproachId(approach),
    );
    let difficulty = game.prepared().difficulty;
    if difficulty.shows_fit(seen) {
        let person = &game.accounts()[account].people[stakeholder].person;
        let (word, colour) = fit_word(kam_sim::model::fit(pitch, person), lang);
        ui.label(RichText::new(word).small().color(colour));
    } else if difficulty.shows_fit(true) {
        ui.label(
            RichText::new(K::FitNotSeen.t(lang))
                .small()
                .color(ui::MUTED),
        )
        .on_hover_text(K::TipFitNotSeen.t(lang));
    }
}

/// What each present person of the account says and does, and how they reacted to the last
/// visit: the material a reading is made from. Nothing at `Easy`, where the labels show.
pub fn what_they_say(ui: &mut egui::Ui, game: &Game, account: usize, lang: Lang) {
    if game.prepared().difficulty.shows_style_and_need() {
        return;
    }
    // The grid above lays out unwrapped; these are sentences. Wrapped in a scope of their
    // own: the resources grid below must stay unwrapped (a screenshot showed its buttons
    // broken into a column of characters).
    ui.scope(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        cues_and_reactions(ui, game, account, lang);
    });
}

/// The cues of each present person of the account and their reaction to the last visit.
fn cues_and_reactions(ui: &mut egui::Ui, game: &Game, account: usize, lang: Lang) {
    ui::subsection_heading(ui, K::WhatTheySay.t(lang)).on_hover_text(K::TipWhatTheySay.t(lang));
    let reactions = kam_sim::reactions(game);
    let people = &game.accounts()[account].people;
    for (p, person) in people.iter().enumerate().filter(|(_, p)| p.present) {
        ui.label(RichText::new(&person.person.name).strong());
        for cue in kam_sim::person_cues(game, account, p) {
            ui::kinsoku::label(ui, &format!("· {}", cue.said.words(lang)), |r| r.small());
        }
        // The last visit's reaction, in the person's own voice.
        if let Some(r) = reactions
            .iter()
            .rev()
            .find(|r| r.account.index() == account && r.stakeholder.index() == p)
        {
            let approach = game
                .scenario()
                .approaches
                .get(r.approach.index())
                .map_or("", |a| a.name.as_str());
            let said = reaction_words(lang, r);
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    i18n::tf(lang, K::AfterVisitInMonth, r.month),
                    i18n::paren(lang, approach),
                ))
                .small()
                .color(ui::MUTED),
            );
            // Slanted Chinese is harder to read: the quotes mark the words as theirs.
            ui::kinsoku::label(ui, &said, |r| match lang {
                Lang::Zh => r.small(),
                Lang::En => r.small().italics(),
            });
        }
        ui.add_space(2.0);
    }
}

/// A reaction as quoted speech: 「style words」「need words」 in Chinese, one quotation in
/// English; the need words only when the visit showed them.
fn reaction_words(lang: Lang, r: &kam_sim::Reaction) -> String {
    let words = r.words.pick(lang);
    match (lang, r.need_words.map(|n| n.pick(lang))) {
        (Lang::Zh, Some(need)) => {
            format!("{}{}", i18n::quote(lang, words), i18n::quote(lang, need))
        }
        (Lang::En, Some(need)) => i18n::quote(lang, format!("{words} {need}")),
        (_, None) => i18n::quote(lang, words),
    }
}

/// What the people said after this month's visits, for the month's report (not at `Easy`).
pub fn month_reactions(ui: &mut egui::Ui, game: &Game, month: u32, lang: Lang) {
    if game.prepared().difficulty.shows_style_and_need() {
        return;
    }
    let said: Vec<_> = kam_sim::reactions(game)
        .into_iter()
        .filter(|r| r.month == month)
        .collect();
    if said.is_empty() {
        return;
    }
    ui.label(RichText::new(K::WhatTheySaid.t(lang)).strong())
        .on_hover_text(K::TipWhatTheySay.t(lang));
    for r in said {
        let account = &game.scenario().accounts[r.account].name;
        let person = &game.accounts()[r.account].people[r.stakeholder].person.name;
        let approach = game
            .scenario()
            .approaches
            .get(r.approach.index())
            .map_or("", |a| a.name.as_str());
        let who = format!("{person}{} · {approach}", i18n::paren(lang, account));
        let words = reaction_words(lang, &r);
        ui::kinsoku::label(ui, &i18n::labelled(lang, &who, words), |r| r.small());
    }
    ui.add_space(6.0);
}

/// The debrief's "how you read the people": each person's reading against the truth, when it
/// was right, what gave them away and what the misreading cost.
pub fn people_review(
    ui: &mut egui::Ui,
    game: &Game,
    review: &[kam_sim::PersonReading],
    lang: Lang,
) {
    if review.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui::section_heading(ui, K::ReadPeople.t(lang)).on_hover_text(K::TipReadPeople.t(lang));
    ui::card(ui, |ui| {
        ui.set_width(ui.available_width());
        for r in review {
            person_read(ui, game, r, lang);
            ui.add_space(4.0);
        }
    });
}

/// One person of the review: the reading beside the truth, the facts of it, and the cue and
/// reaction that gave them away.
fn person_read(ui: &mut egui::Ui, game: &Game, r: &kam_sim::PersonReading, lang: Lang) {
    let account = &game.scenario().accounts[r.account].name;
    let person = &game.accounts()[r.account].people[r.stakeholder].person.name;
    let style_of =
        |style: Option<Style>| style.map_or(K::NotRead.t(lang), |s| i18n::style(lang, s));
    let need_of = |need: Option<Need>| need.map_or(K::NotRead.t(lang), |n| i18n::need(lang, n));
    let read = |style, need| format!("{} · {}", style_of(style), need_of(need));
    // Style and need are judged apart: a reading right on one and wrong on the other is half
    // green, half red (a playtest saw a wrong need shown all green).
    let colour = |right: bool| if right { ui::GREEN } else { ui::RED };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{person}{}", i18n::paren(lang, account))).strong());
        let style = i18n::labelled(lang, K::YourReading.t(lang), style_of(r.reading.style));
        ui.label(RichText::new(style).color(colour(r.reading.style == Some(r.style))));
        let need = format!("· {}", need_of(r.reading.need));
        ui.label(RichText::new(need).color(colour(r.reading.need == Some(r.need))));
        let truth = read(Some(r.style), Some(r.need));
        ui.label(i18n::labelled(lang, K::ReallyIs.t(lang), truth));
    });
    ui.label(RichText::new(reading_facts(r, lang).join(lang.pick("；", "; "))).small());
    if let Some(cue) = &r.telling_cue {
        ui.label(
            RichText::new(i18n::labelled(lang, K::TellingCue.t(lang), cue.words(lang)))
                .small()
                .color(ui::MUTED),
        );
    }
    if let Some((month, said)) = &r.telling_reaction {
        let when = i18n::tf(lang, K::TheySaidInMonth, month);
        let said = i18n::labelled(lang, &when, i18n::quote(lang, said.pick(lang)));
        ui.label(RichText::new(said).small().color(ui::MUTED));
    }
}

/// What the review says of a reading: since when it was right (or that it never was), the
/// months it was right, the visits that suited the person, and what pitching every visit to suit them would have gained.
fn reading_facts(r: &kam_sim::PersonReading, lang: Lang) -> Vec<String> {
    let mut facts = vec![match (r.style_right_from, r.reading.style) {
        (Some(m), _) => i18n::tf(lang, K::StyleRightFrom, m),
        (None, None) => K::NoReadingNoted.t(lang).to_owned(),
        (None, Some(_)) => K::StyleNeverRight.t(lang).to_owned(),
    }];
    if r.reading.need.is_some_and(|need| need != r.need) {
        facts.push(K::NeedReadWrong.t(lang).to_owned());
    }
    if r.months_right > 0 && r.style_right_from.is_none() {
        // Right for a while, then changed or cleared: the months still count.
        facts.push(format!(
            "{}/{} {}",
            r.months_right,
            r.months,
            K::MonthsReadRight.t(lang)
        ));
    }
    if r.visits > 0 {
        facts.push(format!(
            "{}/{} {}",
            r.suited_visits,
            r.visits,
            K::SuitedVisits.t(lang)
        ));
    }
    if let Some(cost) = r.cost.filter(|c| *c > 0.05) {
        facts.push(i18n::labelled(
            lang,
            K::MisreadingCost.t(lang),
            format!("{cost:.1} {}", K::PointsUnit.t(lang)),
        ));
    }
    facts
}

/// How a pitch's fit reads to the trainee, by the model's own thresholds.
fn fit_word(fit: f64, lang: Lang) -> (&'static str, egui::Color32) {
    use kam_sim::model::{GOOD_FIT, SUPPORT_NEUTRAL_FIT, WASTED_FIT};
    if fit >= GOOD_FIT {
        (K::FitGood.t(lang), ui::GREEN)
    } else if fit >= SUPPORT_NEUTRAL_FIT {
        (K::FitWeak.t(lang), ui::MUTED)
    } else if fit > WASTED_FIT {
        (K::FitPoor.t(lang), ui::RED)
    } else {
        (K::FitWasted.t(lang), ui::RED)
    }
}

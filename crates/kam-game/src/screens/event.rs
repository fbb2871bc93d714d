//! Event dialogs after a turn ends: a rumour, an objection, a change in the buying centre…
//! The player picks an answer (click, or keys 1–9), then sees the feedback that teaches why,
//! the courseware's verdict and what the answer did to the account.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use egui::RichText;
use kam_sim::Pending;

use crate::i18n::{self, K};
use crate::session::{Action, Screen, Session};
use crate::ui;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        ui::view_system(view).run_if(crate::session::on_screen(Screen::Event)),
    );
}

pub(crate) const NUMBER_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    ui::top_bar(root, s, &mut actions);
    ui::guide_banner(root, s, &mut actions);
    let Some(game) = s.game() else { return actions };
    let sc = game.scenario();
    // The event on screen: the one answered (feedback) or the one pending.
    let (event, account, repeat) = match (&s.feedback, game.pending()) {
        (Some(f), _) => (f.event, f.account, 0),
        (
            None,
            Some(Pending::Event {
                event,
                account,
                repeat,
            }),
        ) => (*event, *account, *repeat),
        _ => return actions,
    };
    let def = &sc.events[event];
    let answered = s.feedback.is_some();
    let order = game.answer_order(event, account);
    ui::bottom_bar(root, K::EventHint.t(lang), |ui| {
        if answered && ui::primary(ui, K::Continue.t(lang)).clicked() {
            actions.push(Action::Continue);
        }
    });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(760.0);
                ui::card(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        RichText::new(format!(
                            "{} · {}",
                            i18n::event_kind(lang, def.kind),
                            sc.accounts[account].name
                        ))
                        .color(ui::MUTED),
                    );
                    ui.label(RichText::new(&def.title).size(22.0).strong());
                    if repeat > 0 {
                        ui.label(
                            RichText::new(i18n::tf(
                                lang,
                                K::Repeat,
                                i18n::ordinal(lang, repeat + 1),
                            ))
                            .color(ui::RED),
                        );
                    }
                    ui.add_space(6.0);
                    ui.label(RichText::new(&def.text).size(15.0));
                    // Who speaks for the account: their reply to the answer carries their style.
                    let speaker = kam_sim::event_speaker(game, event, account)
                        .map(|p| &game.accounts()[account].people[p].person);
                    if let Some(who) = speaker {
                        let title = if who.title.is_empty() {
                            String::new()
                        } else {
                            i18n::paren(lang, &who.title)
                        };
                        ui.label(
                            RichText::new(i18n::labelled(
                                lang,
                                K::RaisedBy.t(lang),
                                format!("{}{title}", who.name),
                            ))
                            .color(ui::MUTED),
                        );
                    }
                    if !answered
                        && s.coach_on()
                        && let Some(hint) = kam_sim::objection_hint(game, event, account, lang)
                    {
                        ui.add_space(6.0);
                        crate::screens::turn::coach_card(ui, &[hint], lang);
                    }
                    ui.add_space(10.0);
                    match &s.feedback {
                        None => {
                            ui.label(RichText::new(K::Choose.t(lang)).strong());
                            // Shuffled for the seed: the verdict is not in the position.
                            for (shown, &i) in order.iter().enumerate() {
                                let c = &def.choices[i];
                                let mut text = format!("{}. {}", shown + 1, c.label);
                                if c.cost > 0.0 {
                                    text.push_str(&i18n::paren(
                                        lang,
                                        format!("{} {}", K::Cost.t(lang), i18n::money(c.cost)),
                                    ));
                                }
                                let button = egui::Button::new(RichText::new(text).size(15.0))
                                    .min_size(egui::vec2(ui.available_width(), 32.0));
                                let mut response = ui.add(button);
                                if c.cost > 0.0 {
                                    // Not the visit budget: the engine books it against this
                                    // account's profit this month.
                                    response = response.on_hover_text(K::TipChoiceCost.t(lang));
                                }
                                if response.clicked() {
                                    actions.push(Action::Choose(i));
                                }
                            }
                            // Said, not only hovered: a playtest took an answer's cost for
                            // the visit budget and wondered why it could exceed what was left.
                            if order.iter().any(|&i| def.choices[i].cost > 0.0) {
                                ui.label(
                                    RichText::new(K::TipChoiceCost.t(lang))
                                        .small()
                                        .color(ui::MUTED),
                                );
                            }
                        }
                        Some(f) => {
                            let c = &def.choices[f.choice];
                            ui.label(
                                RichText::new(i18n::labelled(
                                    lang,
                                    K::YourAnswer.t(lang),
                                    &c.label,
                                ))
                                .strong(),
                            );
                            ui.add_space(6.0);
                            egui::Frame::group(ui.style())
                                .inner_margin(10.0)
                                .stroke(egui::Stroke::new(2.0, ui::verdict_color(c.verdict)))
                                .show(ui, |ui| {
                                    ui.set_width(ui.available_width());
                                    ui.label(
                                        RichText::new(format!(
                                            "{} — {}",
                                            K::Feedback.t(lang),
                                            i18n::verdict(lang, c.verdict)
                                        ))
                                        .color(ui::verdict_color(c.verdict))
                                        .strong(),
                                    );
                                    ui.label(RichText::new(&c.feedback).size(15.0));
                                    if let Some((p, words)) = kam_sim::answer_reaction(
                                        game, event, account, f.choice, lang,
                                    ) {
                                        let name = &game.accounts()[account].people[p].person.name;
                                        let quoted = i18n::quote(lang, &words);
                                        ui::kinsoku::label(
                                            ui,
                                            &i18n::labelled(lang, name, quoted),
                                            |r| match lang {
                                                i18n::Lang::Zh => r,
                                                i18n::Lang::En => r.italics(),
                                            },
                                        );
                                    }
                                    if let Some(lesson) = def.lesson {
                                        ui.label(
                                            RichText::new(i18n::labelled(
                                                lang,
                                                K::TeachingPoints.t(lang),
                                                kam_sim::lesson_name(lesson, lang),
                                            ))
                                            .color(ui::MUTED),
                                        );
                                    }
                                });
                            ui.add_space(6.0);
                            ui.horizontal(|ui| {
                                for (k, i) in
                                    [(K::Satisfaction, 0), (K::Relationship, 1), (K::Share, 2)]
                                {
                                    let d = f.after[i] - f.before[i];
                                    ui.label(format!("{} {:.1} →", k.t(lang), f.before[i]));
                                    ui.label(RichText::new(format!("{:.1}", f.after[i])).strong());
                                    ui.label(ui::delta_text(d));
                                    ui.add_space(10.0);
                                }
                            });
                        }
                    }
                });
            });
        });
    });
    if answered {
        if ui::enter(root) {
            actions.push(Action::Continue);
        }
    } else {
        // Key N picks the answer shown N-th.
        for (k, &i) in NUMBER_KEYS.iter().zip(&order) {
            if ui::key(root, *k) {
                actions.push(Action::Choose(i));
            }
        }
    }
    actions
}

//! Event dialogs after a turn ends: a rumour, an objection, a change in the buying centre…
//! The player picks an answer (click, or keys 1–9), then sees the feedback that teaches why,
//! the courseware's verdict and what the answer did to the account.

use bevy_egui::egui;
use egui::RichText;
use kam_sim::scenario::Event;
use kam_sim::{AccountId, EventId, Game, Pending};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Feedback, Session};
use crate::ui;

/// The event on screen: which one, raised by which account, the how-manieth time.
struct Raised<'a> {
    def: &'a Event,
    event: EventId,
    account: AccountId,
    repeat: u32,
}

/// The event pending (or just answered), its answers or the feedback on the answer given.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    let around = ui::Around {
        guide: true,
        class_wait: false,
    };
    let Some(play) = ui::game_screen(root, s, around, &mut actions) else {
        return actions;
    };
    let game = &play.game;
    // The event on screen: the one answered (feedback) or the one pending.
    let (event, account, repeat) = match (&play.feedback, game.pending()) {
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
    let raised = Raised {
        def: &game.scenario().events[event],
        event,
        account,
        repeat,
    };
    let order = game.answer_order(event, account);
    ui::bottom_bar(root, K::EventHint.t(lang), |ui| {
        if play.feedback.is_some() && ui::primary(ui, K::Continue.t(lang)).clicked() {
            actions.push(Action::Continue);
        }
    });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(760.0);
                ui::card(ui, |ui| {
                    ui.set_width(ui.available_width());
                    event_story(ui, game, &raised, lang);
                    if play.feedback.is_none()
                        && s.coach_on()
                        && let Some(hint) = kam_sim::objection_hint(game, event, account)
                    {
                        ui.add_space(6.0);
                        ui::coach_card(ui, &[hint], game, lang);
                    }
                    ui.add_space(10.0);
                    match &play.feedback {
                        None => answers(ui, raised.def, &order, lang, &mut actions),
                        Some(f) => answered(ui, game, &raised, f, lang),
                    }
                });
            });
        });
    });
    if play.feedback.is_some() {
        if ui::enter(root) {
            actions.push(Action::Continue);
        }
    } else {
        // Key N picks the answer shown N-th.
        for (k, &i) in ui::NUMBER_KEYS.iter().zip(&order) {
            if ui::key(root, *k) {
                actions.push(Action::Choose(i));
            }
        }
    }
    actions
}

/// What happened: the kind and account, the title, a repeat's count, the text, and who
/// speaks for the account.
fn event_story(ui: &mut egui::Ui, game: &Game, raised: &Raised, lang: Lang) {
    let (def, account) = (raised.def, raised.account);
    ui.label(
        RichText::new(format!(
            "{} · {}",
            i18n::event_kind(lang, def.kind),
            game.scenario().accounts[account].name
        ))
        .color(ui::MUTED),
    );
    ui.label(
        RichText::new(&def.title)
            .size(ui::STORY_TITLE_SIZE)
            .strong(),
    );
    if raised.repeat > 0 {
        let nth = i18n::ordinal(lang, raised.repeat + 1);
        ui.label(RichText::new(i18n::tf(lang, K::Repeat, nth)).color(ui::RED));
    }
    ui.add_space(6.0);
    ui.label(RichText::new(&def.text).size(ui::SUBSECTION_SIZE));
    // Who speaks for the account: their reply to the answer carries their style.
    let speaker = kam_sim::event_speaker(game, raised.event, account)
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
                K::SpeaksForThem.t(lang),
                format!("{}{title}", who.name),
            ))
            .color(ui::MUTED),
        );
    }
}

/// The answers, in the order shuffled for the seed (the verdict is not in the position).
fn answers(ui: &mut egui::Ui, def: &Event, order: &[usize], lang: Lang, actions: &mut Vec<Action>) {
    ui.label(RichText::new(K::Choose.t(lang)).strong());
    for (shown, &i) in order.iter().enumerate() {
        let c = &def.choices[i];
        let mut text = format!("{}. {}", shown + 1, c.label);
        if c.cost > 0.0 {
            text.push_str(&i18n::paren(
                lang,
                format!("{} {}", K::Cost.t(lang), i18n::money(c.cost)),
            ));
        }
        let button = egui::Button::new(RichText::new(text).size(ui::SUBSECTION_SIZE))
            .min_size(egui::vec2(ui.available_width(), 32.0));
        let mut response = ui.add(button);
        if c.cost > 0.0 {
            // Not the visit budget: the engine books it against this account's profit this
            // month.
            response = response.on_hover_text(K::TipChoiceCost.t(lang));
        }
        if response.clicked() {
            actions.push(Action::Choose(i));
        }
    }
    // Said, not only hovered: a playtest took an answer's cost for the visit budget and
    // wondered why it could exceed what was left.
    if order.iter().any(|&i| def.choices[i].cost > 0.0) {
        ui.label(
            RichText::new(K::TipChoiceCost.t(lang))
                .small()
                .color(ui::MUTED),
        );
    }
}

/// The answer given, the feedback that teaches why with the speaker's reply, and what the
/// answer did to the account.
fn answered(ui: &mut egui::Ui, game: &Game, raised: &Raised, f: &Feedback, lang: Lang) {
    let c = &raised.def.choices[f.choice];
    ui.label(RichText::new(i18n::labelled(lang, K::YourAnswer.t(lang), &c.label)).strong());
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
            ui.label(RichText::new(&c.feedback).size(ui::SUBSECTION_SIZE));
            let (event, account) = (raised.event, raised.account);
            if let Some((p, words)) = kam_sim::answer_reaction(game, event, account, f.choice) {
                let name = &game.accounts()[account].people[p].person.name;
                let quoted = i18n::quote(lang, words.pick(lang));
                ui::kinsoku::label(ui, &i18n::labelled(lang, name, quoted), |r| match lang {
                    Lang::Zh => r,
                    Lang::En => r.italics(),
                });
            }
            if let Some(lesson) = raised.def.lesson {
                ui.label(
                    RichText::new(i18n::labelled(
                        lang,
                        K::TeachingPoints.t(lang),
                        kam_sim::words::lesson(lang, lesson),
                    ))
                    .color(ui::MUTED),
                );
            }
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        for (k, i) in [(K::Satisfaction, 0), (K::Relationship, 1), (K::Share, 2)] {
            let d = f.after[i] - f.before[i];
            ui.label(format!("{} {:.1} →", k.t(lang), f.before[i]));
            ui.label(RichText::new(format!("{:.1}", f.after[i])).strong());
            ui.label(ui::delta_text(d));
            ui.add_space(10.0);
        }
    });
}

//! The chrome around a screen's content: the top bar (scenario, month, what-if, class line,
//! language), the bottom bar with the keyboard hint, the guide's banner, the question before
//! something is lost, and the screen that waits for the class.

use bevy_egui::egui;
use egui::RichText;

use super::kinsoku;
use super::theme::*;
use super::widgets::{coach_card, enter, key, primary};
use crate::class::{ClassSeat, Delivery};
use crate::i18n::{self, K, Lang};
use crate::session::{Action, Confirm, Play, Screen, Session};

/// What a game screen draws around its content besides the top bar.
#[derive(Clone, Copy)]
pub struct Around {
    /// The guided first game's banner, on the screens its steps are about.
    pub guide: bool,
    /// The waiting screen instead of the content while the class has not released the
    /// month (rounds).
    pub class_wait: bool,
}

/// The start every game screen shares: the top bar, the guide's banner and the wait for the
/// class as `around` asks; the game in hand to draw, or `None` when there is nothing more to
/// draw (no game, or the class is waited for).
pub fn game_screen<'s>(
    root: &mut egui::Ui,
    s: &'s Session,
    around: Around,
    actions: &mut Vec<Action>,
) -> Option<&'s Play> {
    top_bar(root, s, actions);
    if around.guide {
        guide_banner(root, s, actions);
    }
    if around.class_wait && s.waiting_for_class() {
        actions.extend(waiting_for_class(root, s));
        return None;
    }
    s.play.as_ref()
}

/// The bar atop every in-game screen: scenario, month, language switch, status line.
pub fn top_bar(ui: &mut egui::Ui, s: &Session, actions: &mut Vec<Action>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(K::AppTitle.t(s.lang))
                    .strong()
                    .size(SECTION_SIZE),
            );
            if let Some(play) = &s.play {
                game_line(ui, s, play, actions);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                lang_switch(ui, s.lang, actions);
                if let Some(n) = s.play.as_ref().and_then(|p| p.notice.as_ref()) {
                    ui.label(RichText::new(n).color(MUTED).small());
                }
                if let Some(seat) = &s.class.seat {
                    class_line(ui, s, seat);
                }
            });
        });
    });
}

/// The top bar's scenario, month, and the what-if badge with its way out.
fn game_line(ui: &mut egui::Ui, s: &Session, play: &Play, actions: &mut Vec<Action>) {
    let game = &play.game;
    ui.separator();
    ui.label(RichText::new(&game.scenario().title).size(SUBSECTION_SIZE));
    ui.separator();
    // The month the screen is about: once a month has closed (its report, or a deal's summary
    // read after the last decision), that month, not the next.
    let closed = game.pending().is_none()
        && !matches!(s.screen, Screen::Turn | Screen::Briefing | Screen::Title);
    let turn = match game.history(0).last() {
        Some(last) if closed => last.turn,
        _ => game.turn(),
    }
    .min(game.scenario().turns);
    let scenario = game.scenario();
    ui.label(i18n::month_of(
        s.lang,
        scenario.turn_unit,
        turn,
        scenario.turns,
    ));
    // Always in view while it lasts: a what-if is practice, never the result.
    if let Some(w) = &play.what_if {
        ui.separator();
        ui.label(
            RichText::new(i18n::tf(s.lang, K::WhatIfFrom, w.month))
                .strong()
                .color(YELLOW),
        )
        .on_hover_text(K::WhatIfNotResult.t(s.lang));
        // A way out at any point, not only from the what-if's debrief: it is practice, and the
        // original is kept whole beside it.
        if ui.small_button(K::LeaveWhatIf.t(s.lang)).clicked() {
            actions.push(Action::LeaveWhatIf);
        }
    }
}

/// The top bar's class line: the score so far when the instructor shows it, and where the
/// decisions stand with the server.
fn class_line(ui: &mut egui::Ui, s: &Session, seat: &ClassSeat) {
    // The instructor decides whether a class sees its scores while it plays.
    if seat.saved.show_scores
        && let Some(game) = s.game()
    {
        let score = kam_sim::score_game(game).composite;
        ui.label(
            RichText::new(format!("{} {score:.1}", K::ScoreSoFar.t(s.lang)))
                .small()
                .strong(),
        );
    }
    let (line, more, trouble) = crate::class::status_line(seat, s.lang);
    ui.label(
        RichText::new(line)
            .small()
            .color(if trouble { RED } else { MUTED }),
    )
    .on_hover_text(more);
    if trouble {
        // Keep redrawing so the line clears when the server is back.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(1));
    }
}

/// 中文 / English buttons.
pub fn lang_switch(ui: &mut egui::Ui, lang: Lang, actions: &mut Vec<Action>) {
    for (l, name) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
        if ui.selectable_label(lang == l, name).clicked() && lang != l {
            actions.push(Action::SetLang(l));
        }
    }
}

/// A bottom bar with the keyboard hint and the screen's main buttons (right-aligned).
pub fn bottom_bar(ui: &mut egui::Ui, hint: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Panel::bottom("bottom_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(hint).color(MUTED).small());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add);
        });
        ui.add_space(4.0);
    });
}

/// The guided first game's banner, under the top bar on the screen its step is about.
pub fn guide_banner(root: &mut egui::Ui, s: &Session, actions: &mut Vec<Action>) {
    use crate::guide::Step;
    let Some(play) = &s.play else { return };
    let Some(step) = play.guide else { return };
    // An event can come before the report: the banner then explains the event.
    let text = if step.screen() == s.screen {
        step.text()
    } else if s.screen == Screen::Event && play.feedback.is_none() {
        Step::AnswerEvent.text()
    } else {
        return;
    };
    egui::Panel::top("guide").show(root, |ui| {
        egui::Frame::new()
            .fill(GUIDE_FILL)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(K::Guide.t(s.lang)).strong().color(BLUE));
                    ui.add(egui::Label::new(text.t(s.lang)).wrap());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.small_button(K::SkipGuide.t(s.lang)).clicked() {
                            actions.push(Action::SkipGuide);
                        }
                    });
                });
            });
    });
}

/// The question in the play's `confirm`, as a modal dialog: Enter says yes, Esc says no.
pub fn confirm_dialog(root: &mut egui::Ui, s: &Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(question) = s.play.as_ref().and_then(|p| p.confirm) else {
        return actions;
    };
    let lang = s.lang;
    let (title, body, yes) = question_words(s, question);
    // Ending the month is the last moment the coach can speak about its plan: said here too,
    // in view above the buttons, not only behind the dialog.
    let hints = match question {
        Confirm::EndTurn { .. } => s.coach_hints(),
        Confirm::LeaveGame => &[],
    };
    egui::Modal::new(egui::Id::new("confirm")).show(root.ctx(), |ui| {
        ui.set_width(380.0);
        kinsoku::label(ui, &title, |r| r.heading());
        ui.add_space(6.0);
        kinsoku::label(ui, &body, |r| r);
        if let Some(game) = s.game()
            && !hints.is_empty()
        {
            ui.add_space(6.0);
            coach_card(ui, hints, game, lang);
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if primary(ui, &format!("{yes} (Enter)")).clicked() {
                actions.push(Action::Confirm);
            }
            if ui
                .button(format!("{} (Esc)", K::KeepPlaying.t(lang)))
                .clicked()
            {
                actions.push(Action::Cancel);
            }
        });
    });
    if enter(root) {
        actions.push(Action::Confirm);
    } else if key(root, egui::Key::Escape) {
        actions.push(Action::Cancel);
    }
    actions
}

/// A question's title, body and yes-button.
fn question_words(s: &Session, question: Confirm) -> (String, String, &'static str) {
    let lang = s.lang;
    match question {
        Confirm::EndTurn {
            visits_left,
            budget_left,
        } => (
            K::EndTurnQuestion.t(lang).to_owned(),
            format!(
                "{} {visits_left} · {} {}",
                K::VisitsLeft.t(lang),
                s.money_label(K::BudgetLeft),
                i18n::money(budget_left)
            ),
            K::EndTurnAnyway.t(lang),
        ),
        Confirm::LeaveGame => (
            K::LeaveQuestion.t(lang).to_owned(),
            K::LeaveBody.t(lang).to_owned(),
            K::LeaveGame.t(lang),
        ),
    }
}

/// Rounds: the month is played; its report waits for the instructor's release. The screen
/// says where the month's decisions stand (sent, not sent yet, refused and why), never that
/// they are in when they are not, and Esc or its button goes back to the title screen: the
/// game and anything not yet sent stay saved (issue 20, finding 12).
pub fn waiting_for_class(root: &mut egui::Ui, s: &Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    let Some(seat) = &s.class.seat else {
        return actions;
    };
    let delivery = crate::class::delivery(&seat.link.state());
    bottom_bar(root, K::WaitLeaveHint.t(lang), |ui| {
        if primary(ui, K::WaitLeave.t(lang)).clicked() {
            actions.push(Action::Back);
        }
    });
    egui::CentralPanel::default().show(root, |ui| {
        ui.add_space(80.0);
        ui.vertical_centered(|ui| {
            ui.set_max_width(640.0);
            ui.heading(K::WaitingForClass.t(lang));
            ui.add_space(12.0);
            delivery_lines(ui, seat, &delivery, lang);
            if !matches!(delivery, Delivery::Refused(_)) {
                ui.add_space(12.0);
                ui.spinner();
            }
        });
    });
    if key(root, egui::Key::Escape) {
        actions.push(Action::Back);
    }
    // The link checks the server every two seconds; redraw to notice the release.
    root.ctx()
        .request_repaint_after(std::time::Duration::from_millis(500));
    actions
}

/// Where the month's decisions stand with the server, as the waiting screen says it.
fn delivery_lines(ui: &mut egui::Ui, seat: &ClassSeat, delivery: &Delivery, lang: Lang) {
    let technical = |why: &str| i18n::labelled(lang, K::TechnicalDetail.t(lang), why);
    match delivery {
        Delivery::Sent => {
            ui.label(K::WaitSent.t(lang));
        }
        Delivery::SentOffline(why) => {
            ui.label(K::WaitSent.t(lang));
            ui.label(
                RichText::new(i18n::tf(lang, K::WaitSentServerSilent, seat.address())).color(MUTED),
            )
            .on_hover_text(technical(why));
        }
        Delivery::Sending => {
            ui.label(K::WaitSending.t(lang));
        }
        Delivery::Offline(why) => {
            ui.label(RichText::new(i18n::tf(lang, K::WaitQueued, seat.address())).color(RED))
                .on_hover_text(technical(why));
        }
        Delivery::Refused(why) => {
            ui.label(RichText::new(i18n::tf(lang, K::WaitRefused, why)).color(RED));
            ui.label(K::RefusedTodo.t(lang));
        }
        // Not waited on (`ClassSeat::waiting`).
        Delivery::SeatGone | Delivery::Ended => {}
    }
}

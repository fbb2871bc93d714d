//! The title screen: pick a bundled scenario or open a file, name the player, set a seed or
//! class code and the UI language, or continue an autosaved game (a class game and another
//! game are saved apart, and both are offered).

use bevy_egui::egui;
use egui::RichText;

use crate::i18n::{self, K};
use crate::session::{Action, Autosave, Session};
use crate::ui;

/// The title screen: the scenario list, the form, the class join and any saved game.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    ui::bottom_bar(root, K::TitleHint.t(lang), |ui| {
        if ui::primary(ui, K::Start.t(lang)).clicked() {
            actions.push(Action::Start);
        }
        if let Some(save) = &s.title.autosave
            && ui.button(continue_label(save, lang)).clicked()
        {
            actions.push(Action::Resume);
        }
    });
    egui::CentralPanel::default().show(root, |ui| {
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new(K::AppTitle.t(lang)).size(28.0).strong());
                ui.label(RichText::new(K::AppSubtitle.t(lang)).color(ui::MUTED));
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                ui::lang_switch(ui, lang, &mut actions);
                ui.label(K::UiLanguage.t(lang));
            });
        });
        ui.add_space(8.0);
        if let Some(e) = &s.title.error {
            ui::error_box(ui, e, lang);
            ui.add_space(6.0);
        }
        if let Some(save) = &s.title.autosave {
            let resume_other = saved_games(ui, save, lang, &mut actions);
            ui.add_space(6.0);
            if resume_other {
                s.offer_other_save();
                actions.push(Action::Resume);
            }
        }
        ui.columns(2, |cols| {
            scenario_list(&mut cols[0], s);
            settings(&mut cols[1], s);
            join_class(&mut cols[1], s, &mut actions);
        });
    });
    if s.title.message.is_some() && s.title.form.selected.is_some() {
        s.title.message = None;
    }
    // A join under way holds the screen: nothing else starts meanwhile (its answer would
    // replace it), and Esc or Cancel stops waiting for it.
    if let Some(pending) = &s.class.joining {
        actions.extend(joining_dialog(root, &pending.address, lang));
        return actions;
    }
    // Enter in the class fields joins the class; anywhere else it starts the chosen game.
    if ui::enter(root) && !actions.contains(&Action::JoinClass) {
        actions.push(Action::Start);
    }
    let no_text_focus = !root.ctx().egui_wants_keyboard_input();
    if no_text_focus && !s.title.catalog.is_empty() {
        let n = s.title.catalog.len();
        if ui::key(root, egui::Key::ArrowDown) {
            s.title.form.selected = Some(s.title.form.selected.map_or(0, |i| (i + 1) % n));
        }
        if ui::key(root, egui::Key::ArrowUp) {
            s.title.form.selected = Some(s.title.form.selected.map_or(0, |i| (i + n - 1) % n));
        }
    }
    actions
}

/// The saved games found: the first to continue, and the other when a class game and
/// another are both saved; true when the other's "continue" was clicked.
fn saved_games(
    ui: &mut egui::Ui,
    save: &Autosave,
    lang: i18n::Lang,
    actions: &mut Vec<Action>,
) -> bool {
    let mut resume_other = false;
    ui::card(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(K::SavedGameFound.t(lang)).strong());
            ui.label(save_line(save, lang));
            if ui.button(continue_label(save, lang)).clicked() {
                actions.push(Action::Resume);
            }
        });
        if let Some(other) = &save.other {
            ui.horizontal(|ui| {
                ui.label(save_line(other, lang));
                if ui.button(continue_label(other, lang)).clicked() {
                    resume_other = true;
                }
            });
        }
        if save.class.is_some() || save.other.is_some() {
            ui.label(
                RichText::new(K::ClassSaveKept.t(lang))
                    .small()
                    .color(ui::MUTED),
            );
        }
    });
    resume_other
}

/// A saved game as the title lists it: the class and its code first for a class game.
fn save_line(save: &Autosave, lang: i18n::Lang) -> String {
    // The scenario as it was opened: the bundled name or the file's (both classrooms' ids are
    // `classroom`, so a Chinese and an English save read alike by id); a class game's by id.
    let scenario = match (&save.class, save.source.strip_prefix("bundled:")) {
        (Some(_), _) => save.record.scenario_id.clone(),
        (None, Some(name)) => name.to_owned(),
        (None, None) => std::path::Path::new(&save.source).file_name().map_or_else(
            || save.record.scenario_id.clone(),
            |f| f.to_string_lossy().into_owned(),
        ),
    };
    let mut game = format!(
        "{} · {} · {} {}",
        scenario,
        save.record.player,
        K::TurnsPlayed.t(lang),
        save.record.turns_played
    );
    // A what-if says so: its months are the what-if's, and the game that counts is finished.
    if let Some((month, _)) = &save.what_if {
        game = format!("{game} · {}", i18n::tf(lang, K::WhatIfFrom, month));
    }
    match &save.class {
        Some(seat) => format!("{} {} · {game}", K::ClassLine.t(lang), seat.code),
        None => game,
    }
}

fn continue_label(save: &Autosave, lang: i18n::Lang) -> &'static str {
    if save.class.is_some() {
        K::ContinueClassGame.t(lang)
    } else {
        K::ContinueSaved.t(lang)
    }
}

fn scenario_list(ui: &mut egui::Ui, s: &mut Session) {
    let lang = s.lang;
    ui.heading(K::Scenarios.t(lang));
    for (i, entry) in s.title.catalog.iter().enumerate() {
        let selected = s.title.form.selected == Some(i);
        let frame = egui::Frame::group(ui.style())
            .inner_margin(8.0)
            .fill(if selected {
                ui::SELECTED_FILL
            } else {
                ui::CARD_FILL
            })
            .stroke(egui::Stroke::new(
                if selected { 2.0 } else { 1.0 },
                if selected { ui::BLUE } else { ui::MUTED },
            ));
        let response = frame
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                match &entry.loaded {
                    Ok(p) => {
                        let sc = &p.scenario;
                        ui.label(RichText::new(&sc.title).strong().size(ui::SECTION_SIZE));
                        ui.label(&sc.description);
                        ui.label(
                            RichText::new(format!(
                                "{} {} · {} {} · {} {} · {} {}",
                                K::Language.t(lang),
                                i18n::language_name(sc.language),
                                K::Difficulty.t(lang),
                                i18n::difficulty(lang, sc.difficulty()),
                                K::Length.t(lang),
                                i18n::game_length(lang, sc.turns, sc.turn_unit),
                                sc.accounts.len(),
                                K::Accounts.t(lang),
                            ))
                            .color(ui::MUTED),
                        );
                    }
                    Err(d) => {
                        ui.label(RichText::new(entry.source.label()).strong());
                        ui.label(
                            RichText::new(crate::i18n::labelled(lang, K::Error.t(lang), d.len()))
                                .color(ui::RED),
                        );
                    }
                }
            })
            .response
            .interact(egui::Sense::click());
        if response.clicked() {
            s.title.form.selected = Some(i);
        }
        ui.add_space(4.0);
    }
    ui.add_space(6.0);
    ui.label(RichText::new(K::OpenFile.t(lang)).strong());
    ui.horizontal(|ui| {
        ui.label(K::FilePath.t(lang));
        let r = ui.add(
            egui::TextEdit::singleline(&mut s.title.form.file_path)
                .hint_text("scenarios/my.ron")
                .desired_width(280.0),
        );
        if r.changed() || r.gained_focus() {
            s.title.form.selected = None;
        }
    });
    if let Some(m) = &s.title.message {
        ui.label(RichText::new(m).color(ui::RED));
    }
}

fn settings(ui: &mut egui::Ui, s: &mut Session) {
    let lang = s.lang;
    ui.heading(K::Start.t(lang));
    egui::Grid::new("title_form")
        .num_columns(2)
        .spacing([12.0, 10.0])
        .show(ui, |ui| {
            ui.label(K::PlayerName.t(lang));
            ui.add(egui::TextEdit::singleline(&mut s.title.form.player).desired_width(240.0));
            ui.end_row();
            ui.label(K::SeedOrCode.t(lang));
            let default_seed = s
                .title
                .form
                .selected
                .and_then(|i| s.title.catalog.get(i))
                .and_then(|e| e.loaded.as_ref().ok())
                .map(|p| p.scenario.seed.to_string())
                .unwrap_or_default();
            ui.add(
                egui::TextEdit::singleline(&mut s.title.form.seed)
                    .hint_text(default_seed)
                    .desired_width(240.0),
            );
            ui.end_row();
        });
    ui.label(RichText::new(K::SeedHint.t(lang)).small().color(ui::MUTED));
}

/// "Join a class": the server's address, the join code and (on another computer) the rejoin
/// code; the player's name above is the name in the class.
fn join_class(ui: &mut egui::Ui, s: &mut Session, actions: &mut Vec<Action>) {
    let lang = s.lang;
    ui.add_space(12.0);
    ui::card(ui, |ui| {
        ui.label(
            RichText::new(K::JoinClass.t(lang))
                .strong()
                .size(ui::SECTION_SIZE),
        );
        ui.label(
            RichText::new(K::JoinClassHint.t(lang))
                .small()
                .color(ui::MUTED),
        );
        let mut entered = false;
        egui::Grid::new("join_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let mut field = |ui: &mut egui::Ui, label: K, text: &mut String, hint: &str| {
                    ui.label(label.t(lang));
                    let r = ui.add(
                        egui::TextEdit::singleline(text)
                            .hint_text(hint)
                            .desired_width(240.0),
                    );
                    entered |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.end_row();
                };
                field(
                    ui,
                    K::ClassServer,
                    &mut s.title.form.server,
                    "192.168.1.10:8080",
                );
                field(ui, K::JoinCode, &mut s.title.form.join_code, "K7QM3A");
                field(ui, K::RejoinCode, &mut s.title.form.rejoin, "");
            });
        let ready =
            !s.title.form.server.trim().is_empty() && !s.title.form.join_code.trim().is_empty();
        let clicked = ui
            .add_enabled(ready, egui::Button::new(K::JoinClass.t(lang)))
            .clicked();
        if clicked || (entered && ready) {
            actions.push(Action::JoinClass);
        }
        // Below the button, so a second click lands on it still.
        if let Some(problem) = &s.class.join_problem {
            join_problem(ui, problem, lang);
        }
    });
}

/// Why the last join got no seat and what to do, in the UI's language; the network's or the
/// server's own words only on hover.
fn join_problem(ui: &mut egui::Ui, problem: &crate::class::JoinProblem, lang: i18n::Lang) {
    ui.add_space(6.0);
    egui::Frame::group(ui.style())
        .fill(ui::ALARM_FILL)
        .stroke(egui::Stroke::new(1.0, ui::RED))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.label(RichText::new(K::CannotJoin.t(lang)).color(ui::RED).strong());
            ui.label(problem.what(lang));
            ui.label(
                RichText::new(i18n::labelled(
                    lang,
                    K::WhatToDo.t(lang),
                    problem.what_to_do(lang),
                ))
                .strong(),
            );
            if let Some(cause) = problem.technical() {
                ui.label(
                    RichText::new(K::TechnicalDetail.t(lang))
                        .small()
                        .color(ui::MUTED),
                )
                .on_hover_text(cause);
            }
        });
}

/// "Connecting to ADDRESS…" over the title while a join waits for its answer.
fn joining_dialog(root: &mut egui::Ui, address: &str, lang: i18n::Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Modal::new(egui::Id::new("joining")).show(root.ctx(), |ui| {
        ui.set_width(380.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(i18n::tf(lang, K::ConnectingTo, address));
        });
        ui.add_space(10.0);
        if ui
            .button(format!("{} (Esc)", K::JoinCancel.t(lang)))
            .clicked()
        {
            actions.push(Action::CancelJoin);
        }
    });
    if ui::key(root, egui::Key::Escape) {
        actions.push(Action::CancelJoin);
    }
    // The answer is taken between frames: keep them coming while it is awaited.
    root.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
    actions
}

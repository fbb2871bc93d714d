//! Shared egui plumbing: the embedded CJK font, the look, the root `Ui` each screen draws into,
//! the system that wires a view function to Bevy, and small widgets every screen uses.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::{Color32, RichText};
use kam_sim::WarningLevel;
use kam_sim::scenario::Verdict;

use crate::i18n::{K, Lang};
use crate::session::{Action, Screen, Session};

pub mod kinsoku;

/// Droid Sans Fallback (Apache-2.0): Chinese glyphs for egui, which ships none.
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf");

/// A screen's view: draws the session and returns what the player did.
pub type View = fn(&mut egui::Ui, &mut Session) -> Vec<Action>;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, setup_context.run_if(run_once));
}

fn setup_context(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    setup(ctx);
    Ok(())
}

/// The game's fonts: egui's defaults, with egui's monospace font (Hack) as a fallback for the
/// proportional family too (it has the arrows, dots and squares the UI draws, which Ubuntu and
/// the emoji fonts lack), and the CJK font as the last fallback of both families.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "cjk".into(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    let proportional = fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default();
    if !proportional.iter().any(|f| f == "Hack") {
        proportional.push("Hack".into());
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("cjk".into());
    }
    fonts
}

/// Installs the fonts ([`font_definitions`]) and the game's look.
pub fn setup(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        // Solid scroll bars take their own strip: egui's floating ones were drawn over the
        // first row of the buying centre (seen in a hand playtest).
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        style
            .text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(14.0));
        style
            .text_styles
            .insert(egui::TextStyle::Button, egui::FontId::proportional(14.0));
        style
            .text_styles
            .insert(egui::TextStyle::Heading, egui::FontId::proportional(20.0));
        style
            .text_styles
            .insert(egui::TextStyle::Small, egui::FontId::proportional(12.0));
    });
}

/// A background `Ui` covering the window, for panels to be placed in.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The Bevy system for one screen: draw the view, apply its actions, follow the session's
/// screen, and ask for another frame when something changed (the app is otherwise idle).
#[allow(clippy::type_complexity)]
pub fn view_system(
    view: View,
) -> impl FnMut(EguiContexts, ResMut<Session>, MessageWriter<RequestRedraw>) -> Result {
    move |mut contexts, mut session, mut redraw| {
        let ctx = contexts.ctx_mut()?.clone();
        let mut ui = root_ui(&ctx);
        let actions = view(&mut ui, &mut session);
        if !actions.is_empty() {
            for action in actions {
                session.apply(action);
            }
            // The next frame draws whatever screen the session is on now.
            ctx.request_repaint();
            redraw.write(RequestRedraw);
        }
        Ok(())
    }
}

/// Runs a view as a whole window would, for tests and for screens that show another's view.
pub fn show(ui: &mut egui::Ui, session: &mut Session) -> Vec<Action> {
    let view: View = match session.screen {
        Screen::Title => crate::screens::title::view,
        Screen::Briefing => crate::screens::briefing::view,
        Screen::Turn => crate::screens::turn::view,
        Screen::Event => crate::screens::event::view,
        Screen::Negotiation => crate::screens::negotiation::view,
        Screen::Report => crate::screens::report::view,
        Screen::Debrief => crate::screens::debrief::view,
    };
    view(ui, session)
}

pub const RED: Color32 = Color32::from_rgb(200, 40, 40);
pub const YELLOW: Color32 = Color32::from_rgb(190, 140, 0);
pub const BLUE: Color32 = Color32::from_rgb(40, 100, 200);
pub const GREEN: Color32 = Color32::from_rgb(30, 140, 60);
pub const MUTED: Color32 = Color32::from_rgb(110, 110, 120);

pub fn warning_color(level: WarningLevel) -> Color32 {
    match level {
        WarningLevel::Red => RED,
        WarningLevel::Yellow => YELLOW,
        WarningLevel::Blue => BLUE,
    }
}

pub fn verdict_color(v: Verdict) -> Color32 {
    match v {
        Verdict::Good => GREEN,
        Verdict::Neutral => YELLOW,
        Verdict::Poor => RED,
    }
}

/// A signed change, green up and red down.
pub fn delta_text(x: f64) -> RichText {
    let color = if x > 0.05 {
        GREEN
    } else if x < -0.05 {
        RED
    } else {
        MUTED
    };
    RichText::new(crate::i18n::delta(x)).color(color)
}

/// [`delta_text`] for a change of `metric`, coloured by whether it is good for us: longer
/// payment days cost us credit, so a rise there is red, not green.
pub fn metric_delta_text(metric: kam_sim::Metric, x: f64) -> RichText {
    let good = if metric == kam_sim::Metric::PaymentDays {
        -x
    } else {
        x
    };
    delta_text(x).color(if good > 0.05 {
        GREEN
    } else if good < -0.05 {
        RED
    } else {
        MUTED
    })
}

/// The last cell of a grid row: one line of `text` given the room left in the row (a grid
/// cell alone is as narrow as its column) but at least `min_width`, as tall and centred as the
/// row's other cells, cut with … at the edge; egui shows a cut label whole on hover. A wrapped
/// cell made its row taller and sat below it; an uncut one widened the page.
pub fn rest_of_row(ui: &mut egui::Ui, text: RichText, min_width: f32) {
    let room = (ui.clip_rect().right() - ui.cursor().left() - 8.0).max(min_width);
    ui.allocate_ui_with_layout(
        egui::vec2(room, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

/// A column header with its explanation on hover.
pub fn header(ui: &mut egui::Ui, text: &str, help: &str) {
    let label = ui.label(RichText::new(text).strong());
    // No help, no tooltip: an empty one is a blank box over the cell below (a playtest).
    if !help.is_empty() {
        label.on_hover_text(help);
    }
}

/// `label: value` with a tooltip on both.
pub fn stat(ui: &mut egui::Ui, label: &str, value: impl Into<RichText>, help: &str) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(label).color(MUTED))
            .on_hover_text(help);
        ui.label(value.into().strong()).on_hover_text(help);
    });
}

/// The bar atop every in-game screen: scenario, turn, language switch, status line.
pub fn top_bar(ui: &mut egui::Ui, s: &Session, actions: &mut Vec<Action>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(K::AppTitle.t(s.lang)).strong().size(16.0));
            if let Some(game) = s.game() {
                ui.separator();
                ui.label(RichText::new(&game.scenario().title).size(15.0));
                ui.separator();
                // The month the screen is about: once a month has closed (its report, or a
                // deal's summary read after the last decision), that month, not the next.
                let closed = game.pending().is_none()
                    && !matches!(s.screen, Screen::Turn | Screen::Briefing | Screen::Title);
                let turn = match game.history(0).last() {
                    Some(last) if closed => last.turn,
                    _ => game.turn(),
                }
                .min(game.scenario().turns);
                ui.label(crate::i18n::month_of(s.lang, turn, game.scenario().turns));
                // Always in view while it lasts: a what-if is practice, never the result.
                if let Some(w) = &s.what_if {
                    ui.separator();
                    ui.label(
                        RichText::new(crate::i18n::tf(s.lang, K::WhatIfFrom, w.month))
                            .strong()
                            .color(YELLOW),
                    )
                    .on_hover_text(K::WhatIfNotResult.t(s.lang));
                    // A way out at any point, not only from the what-if's debrief: it is
                    // practice, and the original is kept whole beside it.
                    if ui.small_button(K::LeaveWhatIf.t(s.lang)).clicked() {
                        actions.push(Action::LeaveWhatIf);
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                lang_switch(ui, s.lang, actions);
                if let Some(n) = &s.notice {
                    ui.label(RichText::new(n).color(MUTED).small());
                }
                if let Some(class) = &s.class {
                    // The instructor decides whether a class sees its scores while it plays.
                    if class.saved.show_scores
                        && let Some(game) = s.game()
                    {
                        let score = kam_sim::score_game(game).composite;
                        ui.label(
                            RichText::new(format!("{} {score:.1}", K::ScoreSoFar.t(s.lang)))
                                .small()
                                .strong(),
                        );
                    }
                    let (line, more, trouble) = crate::class::status_line(class, s.lang);
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
            });
        });
    });
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

/// A primary button, larger and filled.
pub fn primary(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(
        egui::Button::new(
            RichText::new(text)
                .strong()
                .color(Color32::WHITE)
                .size(15.0),
        )
        .fill(Color32::from_rgb(30, 90, 170))
        .min_size(egui::vec2(120.0, 30.0)),
    )
}

/// Whether a key was pressed this frame (and no text field is being edited, for plain keys).
pub fn key(ui: &egui::Ui, key: egui::Key) -> bool {
    ui.input(|i| i.key_pressed(key))
}

/// How often `key` was pressed since the last frame: on a slow renderer two quick presses
/// arrive in one frame, and [`key`] would count them once (a playtest's keys were "dropped").
pub fn presses(ui: &egui::Ui, key: egui::Key) -> usize {
    ui.input(|i| i.num_presses(key))
}

/// Enter, unless a focused widget takes it (a focused button is pressed with Enter, too).
pub fn enter(ui: &egui::Ui) -> bool {
    key(ui, egui::Key::Enter) && ui.ctx().memory(|m| m.focused().is_none())
}

/// A framed card.
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::group(ui.style())
        .fill(Color32::from_rgb(250, 250, 252))
        .inner_margin(10.0)
        .show(ui, add)
        .inner
}

/// The error box: what went wrong, where, and what to do.
pub fn error_box(ui: &mut egui::Ui, e: &crate::session::ErrorBox, lang: Lang) {
    egui::Frame::group(ui.style())
        .fill(Color32::from_rgb(255, 238, 238))
        .stroke(egui::Stroke::new(1.0, RED))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.label(RichText::new(&e.title).color(RED).strong().size(16.0));
            egui::ScrollArea::vertical()
                .id_salt("error_lines")
                .max_height(180.0)
                .show(ui, |ui| {
                    for line in &e.lines {
                        ui.label(RichText::new(line).monospace());
                    }
                });
            ui.label(
                RichText::new(crate::i18n::labelled(
                    lang,
                    K::WhatToDo.t(lang),
                    &e.what_to_do,
                ))
                .strong(),
            );
        });
}

/// Shortens text to `max` columns with an ellipsis, counting a Chinese character as two
/// columns (it is drawn about twice as wide as a Latin letter), so a cut that fits a column in
/// English fits it in Chinese too.
pub fn ellipsize(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let width = |c: char| c.width().unwrap_or(0);
    if text.chars().map(width).sum::<usize>() <= max {
        return text.to_owned();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        // One column stays free for the ellipsis.
        if used + width(c) + 1 > max {
            break;
        }
        used += width(c);
        kept.push(c);
    }
    // "Huaxing…", not "Huaxing …": a cut at a word's end drops the space.
    let mut short = kept.trim_end().to_owned();
    short.push('…');
    short
}

/// The guided first game's banner, under the top bar on the screen its step is about.
pub fn guide_banner(root: &mut egui::Ui, s: &Session, actions: &mut Vec<Action>) {
    use crate::guide::Step;
    let Some(step) = s.guide else { return };
    // An event can come before the report: the banner then explains the event.
    let text = if step.screen() == s.screen {
        step.text()
    } else if s.screen == crate::session::Screen::Event && s.feedback.is_none() {
        Step::AnswerEvent.text()
    } else {
        return;
    };
    egui::Panel::top("guide").show(root, |ui| {
        egui::Frame::new()
            .fill(Color32::from_rgb(226, 240, 255))
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

/// The question in [`Session::confirm`], as a modal dialog: Enter says yes, Esc says no.
pub fn confirm_dialog(root: &mut egui::Ui, s: &Session) -> Vec<Action> {
    use crate::session::Confirm;
    let mut actions = Vec::new();
    let Some(question) = s.confirm else {
        return actions;
    };
    let lang = s.lang;
    let (title, body, yes) = match question {
        Confirm::EndTurn {
            visits_left,
            budget_left,
        } => (
            K::EndTurnQuestion.t(lang).to_owned(),
            format!(
                "{} {visits_left} · {} {}",
                K::VisitsLeft.t(lang),
                s.money_label(K::BudgetLeft),
                crate::i18n::money(budget_left)
            ),
            K::EndTurnAnyway.t(lang),
        ),
        Confirm::LeaveGame => (
            K::LeaveQuestion.t(lang).to_owned(),
            K::LeaveBody.t(lang).to_owned(),
            K::LeaveGame.t(lang),
        ),
    };
    // Ending the month is the last moment the coach can speak about its plan: said here too,
    // in view above the buttons, not only behind the dialog.
    let hints = match question {
        Confirm::EndTurn { .. } => s.coach_hints(),
        Confirm::LeaveGame => Vec::new(),
    };
    egui::Modal::new(egui::Id::new("confirm")).show(root.ctx(), |ui| {
        ui.set_width(380.0);
        kinsoku::label(ui, &title, |r| r.heading());
        ui.add_space(6.0);
        kinsoku::label(ui, &body, |r| r);
        if !hints.is_empty() {
            ui.add_space(6.0);
            crate::screens::turn::coach_card(ui, &hints, lang);
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

#[cfg(test)]
mod tests {
    use super::ellipsize;

    #[test]
    fn ellipsize_counts_chinese_characters_as_two_columns() {
        assert_eq!(ellipsize("Huaxing Auto Parts", 9), "Huaxing…");
        assert_eq!(ellipsize("Ruifeng", 9), "Ruifeng");
        assert_eq!(ellipsize("华星汽车零部件", 9), "华星汽车…");
        assert_eq!(ellipsize("宏达建材", 9), "宏达建材");
    }
}

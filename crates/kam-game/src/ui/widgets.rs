//! Small widgets every screen uses: numbers with their change, headers and stats with their
//! explanation on hover, cards, buttons, keys, the coach's card and the error box.

use bevy_egui::egui;
use egui::{Color32, RichText};

use super::theme::*;
use crate::i18n::{K, Lang};

/// Keys 1–9: an event's answers, a person of the selected account on the turn screen.
pub const NUMBER_KEYS: [egui::Key; 9] = [
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

/// A primary button, larger and filled.
pub fn primary(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(
        egui::Button::new(
            RichText::new(text)
                .strong()
                .color(Color32::WHITE)
                .size(SUBSECTION_SIZE),
        )
        .fill(PRIMARY_FILL)
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
        .fill(CARD_FILL)
        .inner_margin(10.0)
        .show(ui, add)
        .inner
}

/// The error box: what went wrong, where, and what to do.
pub fn error_box(ui: &mut egui::Ui, e: &crate::session::ErrorBox, lang: Lang) {
    egui::Frame::group(ui.style())
        .fill(ALARM_FILL)
        .stroke(egui::Stroke::new(1.0, RED))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(&e.title)
                    .color(RED)
                    .strong()
                    .size(SECTION_SIZE),
            );
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

/// The coach's hints on `game` (at most three, then how many more), each under the name of
/// the lesson it is about.
pub fn coach_card(ui: &mut egui::Ui, hints: &[kam_sim::Hint], game: &kam_sim::Game, lang: Lang) {
    egui::Frame::group(ui.style())
        .fill(COACH_FILL)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            ui.label(RichText::new(K::Coach.t(lang)).strong().color(BLUE));
            for hint in hints.iter().take(3) {
                let text = crate::i18n::labelled(
                    lang,
                    kam_sim::words::lesson(lang, hint.lesson()),
                    hint.words(game, lang),
                );
                super::kinsoku::label(ui, &text, |r| r.small());
            }
            if hints.len() > 3 {
                ui.label(
                    RichText::new(format!("+{}", hints.len() - 3))
                        .small()
                        .color(MUTED),
                );
            }
        });
}

/// A row of the plan with its "×" remove button: the button, then one line of `text`.
pub fn removable_row(ui: &mut egui::Ui, lang: Lang, add: impl FnOnce(&mut egui::Ui)) -> bool {
    ui.horizontal(|ui| {
        let removed = ui
            .small_button("×")
            .on_hover_text(K::Remove.t(lang))
            .clicked();
        add(ui);
        removed
    })
    .inner
}

/// A section heading inside a screen's scroll area.
pub fn section_heading(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.label(RichText::new(text).strong().size(SECTION_SIZE))
}

/// A heading inside a panel (buying centre, resources, pipeline…).
pub fn subsection_heading(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.label(RichText::new(text).strong().size(SUBSECTION_SIZE))
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

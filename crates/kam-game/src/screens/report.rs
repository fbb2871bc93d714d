//! The turn report: what changed in each account and why, cause by cause as the engine
//! attributed it, with charts of the game so far.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use egui::RichText;
use egui_plot::{Line, Plot, PlotPoints, Points};
use kam_sim::engine::{Game, Metric};
use kam_sim::explain::{cause_text, metric_name};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Screen, Session};
use crate::ui;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        ui::view_system(view).run_if(crate::session::on_screen(Screen::Report)),
    );
}

pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    ui::top_bar(root, s, &mut actions);
    ui::guide_banner(root, s, &mut actions);
    let Some(game) = s.game() else { return actions };
    if let Some(class) = &s.class
        && class.waiting(game, &class.link.state())
    {
        waiting_for_class(root, lang);
        return actions;
    }
    let finished = game.is_finished();
    ui::bottom_bar(root, K::EnterContinues.t(lang), |ui| {
        let label = if finished { K::ToDebrief } else { K::NextTurn };
        if ui::primary(ui, label.t(lang)).clicked() {
            actions.push(Action::Continue);
        }
    });
    let turn = game.history(0).last().map_or(0, |r| r.turn);
    egui::Panel::right("report_charts")
        .exact_size(500.0)
        .show(root, |ui| {
            ui.heading(K::Charts.t(lang));
            chart(
                ui,
                game,
                "report_sat",
                K::OverTime.t(lang),
                |r| r.satisfaction,
                |s, _| Some(s.satisfaction),
                250.0,
                lang,
            );
            chart(
                ui,
                game,
                "report_profit",
                K::ProfitOverTime.t(lang),
                |r| r.profit.total(),
                |_, _| None,
                250.0,
                lang,
            );
        });
    egui::CentralPanel::default().show(root, |ui| {
        ui.heading(format!(
            "{} — {} {turn}",
            K::TurnReport.t(lang),
            K::Turn.t(lang)
        ));
        let profit: f64 = (0..game.accounts().len())
            .filter_map(|a| game.history(a).last())
            .map(|r| r.profit.total())
            .sum();
        ui::stat(
            ui,
            &s.money_label(K::ProfitThisTurn),
            i18n::money(profit),
            K::TipProfitScore.t(lang),
        );
        ui.label(RichText::new(K::WhatChanged.t(lang)).strong());
        // Each month's report opens at its first account.
        egui::ScrollArea::vertical()
            .id_salt(("report", turn))
            .show(ui, |ui| {
                // The first turn compares with the starting position.
                let start = (turn == 1)
                    .then(|| Game::new(std::sync::Arc::clone(game.prepared()), game.seed()));
                for a in 0..game.accounts().len() {
                    account_changes(ui, game, start.as_ref(), a, lang);
                }
            });
    });
    if ui::enter(root) {
        actions.push(Action::Continue);
    }
    actions
}

fn account_changes(ui: &mut egui::Ui, game: &Game, start: Option<&Game>, a: usize, lang: Lang) {
    let h = game.history(a);
    let Some(last) = h.last() else { return };
    let def = &game.scenario().accounts[a];
    let (sat0, rel0, share0, rev0) = match h {
        [.., prev, _] => (
            prev.satisfaction,
            prev.relationship,
            prev.share,
            prev.revenue,
        ),
        _ => match start {
            Some(g) => {
                let s0 = &g.accounts()[a];
                (
                    s0.satisfaction,
                    s0.relationship(),
                    s0.share,
                    s0.revenue(def.potential),
                )
            }
            None => (
                last.satisfaction,
                last.relationship,
                last.share,
                last.revenue,
            ),
        },
    };
    ui::card(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&def.name).strong().size(15.0));
            if last.churned {
                ui.label(RichText::new(K::Lost.t(lang)).color(ui::RED).strong());
            }
            for (m, before, after) in [
                (Metric::Satisfaction, sat0, last.satisfaction),
                (Metric::Relationship, rel0, last.relationship),
                (Metric::Share, share0, last.share),
                (Metric::Revenue, rev0, last.revenue),
            ] {
                ui.label(RichText::new(metric_name(m, lang)).color(ui::MUTED))
                    .on_hover_text(kam_sim::explain::metric_help(m, lang));
                ui.label(format!("{after:.1}"));
                ui.label(ui::delta_text(after - before));
            }
        });
        // Each change at the scale it is shown at (prices in points of list price).
        let shown = |c: &kam_sim::engine::Cause| c.delta * kam_sim::explain::shown_scale(c.metric);
        let mut causes = last.causes.clone();
        causes.sort_by(|x, y| shown(y).abs().total_cmp(&shown(x).abs()));
        // Rows rather than a grid, so a long cause wraps within the card instead of being cut.
        for c in causes.iter().filter(|c| shown(c).abs() >= 0.05) {
            ui.horizontal_top(|ui| {
                // A fixed column that a long name ("Expected price (% of list)") wraps within
                // instead of pushing the value out of line.
                ui.allocate_ui(egui::vec2(96.0, 14.0), |ui| {
                    ui.set_width(96.0);
                    ui.add(
                        egui::Label::new(
                            RichText::new(metric_name(c.metric, lang))
                                .small()
                                .color(ui::MUTED),
                        )
                        .wrap(),
                    );
                });
                ui.add_sized(
                    [48.0, 14.0],
                    egui::Label::new(ui::metric_delta_text(c.metric, shown(c))),
                );
                ui.add(egui::Label::new(cause_text(game, a, c, lang)).wrap());
            });
        }
    });
}

/// One line per account over the turns played, from the starting position (turn 0) when
/// `start` gives it.
#[allow(clippy::too_many_arguments)]
pub fn chart(
    ui: &mut egui::Ui,
    game: &Game,
    id: &str,
    title: &str,
    value: impl Fn(&kam_sim::engine::TurnRecord) -> f64,
    start: impl Fn(&kam_sim::engine::AccountState, &kam_sim::scenario::Account) -> Option<f64>,
    height: f32,
    lang: Lang,
) {
    ui.label(RichText::new(title).strong());
    let initial = Game::new(std::sync::Arc::clone(game.prepared()), game.seed());
    let turns = game.scenario().turns as f64;
    Plot::new(id)
        .id(egui::Id::new(id))
        .height(height)
        // A chart to read, not to explore: a drag on an axis or a right-drag would zoom in
        // and keep the zoom for the rest of the game (a playtest's charts stopped at month 6).
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_axis_zoom_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .auto_bounds([false, true])
        .x_axis_label(K::Turn.t(lang))
        .show(ui, |plot| {
            // The months of the game and no further, set every frame so nothing remembered
            // can move them; the vertical range follows the data, all of which is in view.
            // A quarter month each side, so the first and last markers are not cut in half
            // by the frame.
            plot.set_plot_bounds_x(-0.25..=turns + 0.25);
            for (a, acc) in game.scenario().accounts.iter().enumerate() {
                let first = start(&initial.accounts()[a], acc).map(|y| [0.0, y]);
                let points: Vec<[f64; 2]> = first
                    .into_iter()
                    .chain(game.history(a).iter().map(|r| [r.turn as f64, value(r)]))
                    .collect();
                let color = PALETTE[a % PALETTE.len()];
                plot.points(
                    Points::new(acc.name.clone(), PlotPoints::from(points.clone()))
                        .radius(2.5)
                        .color(color),
                );
                plot.line(Line::new(acc.name.clone(), PlotPoints::from(points)).color(color));
            }
        });
    // The legend, under the plot where it hides no line.
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for (a, acc) in game.scenario().accounts.iter().enumerate() {
            let color = PALETTE[a % PALETTE.len()];
            // Whole entries: a name is never split from its dot across lines.
            ui.add(
                egui::Label::new(
                    RichText::new(format!("● {}", acc.name))
                        .small()
                        .color(color),
                )
                .extend(),
            );
        }
    });
}

/// Distinct colours for up to twelve accounts.
const PALETTE: [egui::Color32; 12] = [
    egui::Color32::from_rgb(31, 119, 180),
    egui::Color32::from_rgb(255, 127, 14),
    egui::Color32::from_rgb(44, 160, 44),
    egui::Color32::from_rgb(214, 39, 40),
    egui::Color32::from_rgb(148, 103, 189),
    egui::Color32::from_rgb(140, 86, 75),
    egui::Color32::from_rgb(227, 119, 194),
    egui::Color32::from_rgb(127, 127, 127),
    egui::Color32::from_rgb(188, 189, 34),
    egui::Color32::from_rgb(23, 190, 207),
    egui::Color32::from_rgb(0, 0, 128),
    egui::Color32::from_rgb(128, 0, 0),
];

/// Rounds: the month is played and sent; its report waits for the instructor's release.
pub(crate) fn waiting_for_class(root: &mut egui::Ui, lang: Lang) {
    egui::CentralPanel::default().show(root, |ui| {
        ui.add_space(80.0);
        ui.vertical_centered(|ui| {
            ui.heading(K::WaitingForClass.t(lang));
            ui.add_space(12.0);
            ui.label(K::WaitingBody.t(lang));
            ui.add_space(12.0);
            ui.spinner();
        });
    });
    // The link checks the server every two seconds; redraw to notice the release.
    root.ctx()
        .request_repaint_after(std::time::Duration::from_millis(500));
}

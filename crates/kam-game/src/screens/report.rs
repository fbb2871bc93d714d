//! The turn report: what changed in each account and why, cause by cause as the engine
//! attributed it, with charts of the game so far.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use egui::RichText;
use egui_plot::{Line, Plot, PlotPoints, Points};
use kam_sim::{Game, Metric};
use kam_sim::{cause_text, metric_name};

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
    if s.waiting_for_class() {
        actions.extend(waiting_for_class(root, s));
        return actions;
    }
    let Some(game) = s.game() else { return actions };
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
        // Losses first, each with the odds it had: one line in the list of changes below went
        // unseen (a playtest lost an account "silently").
        let lost = losses(game, lang);
        if !lost.is_empty() {
            loss_banner(ui, &lost, lang);
        }
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
                super::people::month_reactions(ui, game, turn, lang);
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
                    .on_hover_text(kam_sim::metric_help(m, lang));
                ui.label(format!("{after:.1}"));
                ui.label(ui::delta_text(after - before));
            }
        });
        // Each change at the scale it is shown at (prices in points of list price).
        let shown = |c: &kam_sim::Cause| c.delta * kam_sim::shown_scale(c.metric);
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

/// What the month just closed lost: each account lost (with its satisfaction and the chance
/// it had of defecting, or the cause when no draw took it) and each opportunity the customer
/// decided against (with the chance of winning it had), in the order of the accounts.
pub(crate) fn losses(game: &Game, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    for (a, def) in game.scenario().accounts.iter().enumerate() {
        let h = game.history(a);
        let Some(last) = h.last() else { continue };
        let was_lost = h.len() >= 2 && h[h.len() - 2].churned;
        if last.churned && !was_lost {
            lines.push(if last.defection_chance > 0.0 {
                i18n::lost_account(lang, &def.name, last.satisfaction, last.defection_chance)
            } else {
                // Lost without a draw: a renewal walked away from or an answer that lost the
                // account takes its revenue, so the largest loss of revenue names the cause.
                let cause = last
                    .causes
                    .iter()
                    .filter(|c| c.metric == Metric::Revenue && c.source != kam_sim::Source::Churn)
                    .min_by(|x, y| x.delta.total_cmp(&y.delta))
                    .map_or_else(
                        || K::Lost.t(lang).to_owned(),
                        |c| match c.source {
                            kam_sim::Source::Negotiation { negotiation } => {
                                let n = &game.scenario().negotiations[negotiation];
                                let title = if n.title.is_empty() { &n.id } else { &n.title };
                                i18n::no_renewal(lang, title)
                            }
                            _ => cause_text(game, a, c, lang),
                        },
                    );
                i18n::lost_account_because(lang, &def.name, &cause)
            });
        }
        for close in last.closes.iter().filter(|c| !c.won) {
            if let Some(o) = game.accounts()[a].opportunities.get(close.opportunity) {
                lines.push(i18n::lost_opportunity(
                    lang,
                    &o.opportunity.name,
                    &def.name,
                    close,
                ));
            }
        }
    }
    lines
}

/// The month's losses, framed in red at the top of its report.
fn loss_banner(ui: &mut egui::Ui, lines: &[String], lang: Lang) {
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(255, 238, 238))
        .stroke(egui::Stroke::new(1.5, ui::RED))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(K::LostThisMonth.t(lang))
                    .strong()
                    .size(16.0)
                    .color(ui::RED),
            );
            for line in lines {
                ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
            }
        });
    ui.add_space(6.0);
}

/// One account's points on a chart: its starting value when there is one, then each month
/// played up to the month it was lost in. A lost account's line ends there instead of running
/// on flat, which read as an account still held (a playtest).
fn chart_points(
    first: Option<f64>,
    history: &[kam_sim::TurnRecord],
    value: impl Fn(&kam_sim::TurnRecord) -> f64,
) -> Vec<[f64; 2]> {
    let months = history
        .iter()
        .position(|r| r.churned)
        .map_or(history.len(), |lost| lost + 1);
    first
        .map(|y| [0.0, y])
        .into_iter()
        .chain(history[..months].iter().map(|r| [r.turn as f64, value(r)]))
        .collect()
}

/// One line per account over the turns played, from the starting position (turn 0) when
/// `start` gives it.
#[allow(clippy::too_many_arguments)]
pub fn chart(
    ui: &mut egui::Ui,
    game: &Game,
    id: &str,
    title: &str,
    value: impl Fn(&kam_sim::TurnRecord) -> f64,
    start: impl Fn(&kam_sim::AccountState, &kam_sim::scenario::Account) -> Option<f64>,
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
                let first = start(&initial.accounts()[a], acc);
                let points = chart_points(first, game.history(a), &value);
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

/// Rounds: the month is played; its report waits for the instructor's release. The screen
/// says where the month's decisions stand (sent, not sent yet, refused and why), never that
/// they are in when they are not, and Esc or its button goes back to the title screen: the
/// game and anything not yet sent stay saved (issue 20, finding 12).
pub(crate) fn waiting_for_class(root: &mut egui::Ui, s: &Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    let Some(class) = &s.class else {
        return actions;
    };
    let delivery = crate::class::delivery(&class.link.state());
    ui::bottom_bar(root, K::WaitLeaveHint.t(lang), |ui| {
        if ui::primary(ui, K::WaitLeave.t(lang)).clicked() {
            actions.push(Action::Back);
        }
    });
    egui::CentralPanel::default().show(root, |ui| {
        ui.add_space(80.0);
        ui.vertical_centered(|ui| {
            ui.set_max_width(640.0);
            ui.heading(K::WaitingForClass.t(lang));
            ui.add_space(12.0);
            let technical = |why: &str| i18n::labelled(lang, K::TechnicalDetail.t(lang), why);
            match &delivery {
                crate::class::Delivery::Sent => {
                    ui.label(K::WaitSent.t(lang));
                }
                crate::class::Delivery::SentOffline(why) => {
                    ui.label(K::WaitSent.t(lang));
                    ui.label(
                        RichText::new(i18n::tf(lang, K::WaitSentServerSilent, class.address()))
                            .color(ui::MUTED),
                    )
                    .on_hover_text(technical(why));
                }
                crate::class::Delivery::Sending => {
                    ui.label(K::WaitSending.t(lang));
                }
                crate::class::Delivery::Offline(why) => {
                    ui.label(
                        RichText::new(i18n::tf(lang, K::WaitQueued, class.address()))
                            .color(ui::RED),
                    )
                    .on_hover_text(technical(why));
                }
                crate::class::Delivery::Refused(why) => {
                    ui.label(RichText::new(i18n::tf(lang, K::WaitRefused, why)).color(ui::RED));
                    ui.label(K::RefusedTodo.t(lang));
                }
                // Not waited on (`ClassSeat::waiting`).
                crate::class::Delivery::SeatGone | crate::class::Delivery::Ended => {}
            }
            if !matches!(delivery, crate::class::Delivery::Refused(_)) {
                ui.add_space(12.0);
                ui.spinner();
            }
        });
    });
    if ui::key(root, egui::Key::Escape) {
        actions.push(Action::Back);
    }
    // The link checks the server every two seconds; redraw to notice the release.
    root.ctx()
        .request_repaint_after(std::time::Duration::from_millis(500));
    actions
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A classroom game played by the random strategy until an account is lost before its
    /// last month, with the account.
    pub(crate) fn game_with_a_lost_account() -> (Game, usize) {
        let (file, src) = kam_sim::bundled_scenario("classroom_en").unwrap();
        let (prepared, _) = kam_sim::load_str(file, src).unwrap();
        for seed in 0..200 {
            let game = kam_sim::play(&prepared, kam_sim::StrategyId::Random, seed).unwrap();
            let turns = game.scenario().turns as usize;
            if let Some(a) = (0..game.accounts().len())
                .find(|&a| game.history(a).iter().take(turns - 1).any(|r| r.churned))
            {
                return (game, a);
            }
        }
        panic!("no random game lost an account before its last month");
    }

    /// A lost account's line ends at the month it was lost in, instead of running on flat to
    /// the end of the game as if the account were still held.
    #[test]
    fn a_lost_accounts_line_ends_at_the_month_it_was_lost() {
        let (game, a) = game_with_a_lost_account();
        let history = game.history(a);
        let lost_in = history.iter().find(|r| r.churned).unwrap().turn;
        let points = chart_points(Some(50.0), history, |r| r.satisfaction);
        assert_eq!(points.first(), Some(&[0.0, 50.0]));
        assert_eq!(points.last().map(|p| p[0]), Some(f64::from(lost_in)));
        assert!(
            history.len() > points.len() - 1,
            "the game went on after the loss"
        );
        // An account kept runs to the end.
        let kept = (0..game.accounts().len())
            .find(|&k| !game.accounts()[k].churned)
            .unwrap();
        assert_eq!(
            chart_points(None, game.history(kept), |r| r.satisfaction).len(),
            game.history(kept).len()
        );
    }

    /// An account lost at a renewal walked away from had no draw: the notice names the
    /// negotiation instead of odds it never had.
    #[test]
    fn a_renewal_walked_away_from_is_named_as_the_cause_of_the_loss() {
        use kam_sim::{Decision, Pending};
        let (file, src) = kam_sim::bundled_scenario("classroom_en").unwrap();
        let (prepared, _) = kam_sim::load_str(file, src).unwrap();
        let mut game = Game::new(std::sync::Arc::clone(&prepared), 11);
        let mut expert = kam_sim::StrategyId::Expert.build(11);
        while let Some(d) = kam_sim::next_decision(&game, expert.as_mut()) {
            let renewal = match game.pending() {
                Some(Pending::Negotiation(n)) => {
                    prepared.scenario.negotiations[n.negotiation].kind
                        == kam_sim::scenario::NegotiationKind::Renewal
                }
                _ => false,
            };
            let month = game.turn();
            game.decide(if renewal { Decision::WalkAway } else { d })
                .unwrap();
            if renewal {
                // Played to the end of the month, where the report is read.
                while game.turn() == month {
                    let d = kam_sim::next_decision(&game, expert.as_mut()).unwrap();
                    game.decide(d).unwrap();
                }
                let said = losses(&game, Lang::En);
                assert!(
                    said.iter().any(|l| l.contains("ended without a deal")),
                    "{said:?}"
                );
                return;
            }
        }
        panic!("the game had no renewal");
    }

    /// The loss is announced in its own month only, with its odds.
    #[test]
    fn a_loss_is_announced_in_its_month_with_its_odds() {
        let (game, a) = game_with_a_lost_account();
        let lost_in = game.history(a).iter().position(|r| r.churned).unwrap();
        let name = &game.scenario().accounts[a].name;
        let mut log_until = Game::new(std::sync::Arc::clone(game.prepared()), game.seed());
        // Replay up to the end of the month the account was lost in.
        for d in game.log() {
            if log_until.history(a).len() > lost_in {
                break;
            }
            log_until.decide(d.clone()).unwrap();
        }
        let said = losses(&log_until, Lang::En);
        assert!(
            said.iter()
                .any(|l| l.starts_with(&format!("{name} is lost"))),
            "{said:?}"
        );
        let record = &log_until.history(a)[lost_in];
        if record.defection_chance > 0.0 {
            assert!(
                said.iter()
                    .any(|l| l.contains(&i18n::chance(record.defection_chance))),
                "{said:?}"
            );
        }
        // The month after says nothing more of it.
        if lost_in + 1 < game.history(a).len() {
            let mut next = log_until.clone();
            for d in &game.log()[next.log().len()..] {
                if next.history(a).len() > lost_in + 1 {
                    break;
                }
                next.decide(d.clone()).unwrap();
            }
            assert!(
                losses(&next, Lang::En)
                    .iter()
                    .all(|l| !l.starts_with(&format!("{name} is lost"))),
            );
        }
    }
}

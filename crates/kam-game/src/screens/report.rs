//! The turn report: what changed in each account and why, cause by cause as the engine
//! attributed it, with charts of the game so far.

use bevy_egui::egui;
use egui::RichText;
use kam_sim::{AccountState, Game, Metric};
use kam_sim::{cause_text, metric_name};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Play, Session};
use crate::ui;
use crate::ui::chart::ChartSpec;

/// The month's report: losses first, the profit, each account's changes with their causes,
/// and the charts; or the wait for the class's release.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    let around = ui::Around {
        guide: true,
        class_wait: true,
    };
    let Some(play) = ui::game_screen(root, s, around, &mut actions) else {
        return actions;
    };
    let game = &play.game;
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
            let spec = |id, title| ChartSpec {
                id,
                title,
                height: 250.0,
            };
            let satisfaction = spec("report_sat", K::OverTime.t(lang));
            let start = |s: &AccountState, _: &_| Some(s.satisfaction);
            ui::chart(ui, play, satisfaction, |r| r.satisfaction, start, lang);
            let profit = spec("report_profit", K::ProfitOverTime.t(lang));
            ui::chart(ui, play, profit, |r| r.profit.total(), |_, _| None, lang);
        });
    egui::CentralPanel::default().show(root, |ui| {
        ui.heading(format!(
            "{} — {}",
            K::TurnReport.t(lang),
            i18n::turn_number(lang, game, turn)
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
                for a in 0..game.accounts().len() {
                    account_changes(ui, play, turn, a, lang);
                }
            });
    });
    if ui::enter(root) {
        actions.push(Action::Continue);
    }
    actions
}

/// One account's month: its metrics before and after, then each cause of a change, largest
/// first. The first month compares with the starting position.
fn account_changes(ui: &mut egui::Ui, play: &Play, turn: u32, a: usize, lang: Lang) {
    let game = &play.game;
    let start = play.opening.get(a).filter(|_| turn == 1);
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
            Some(s0) => (
                s0.satisfaction,
                s0.relationship(),
                s0.share,
                s0.revenue(def.potential),
            ),
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
            ui.label(RichText::new(&def.name).strong().size(ui::SUBSECTION_SIZE));
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
        .fill(ui::ALARM_FILL)
        .stroke(egui::Stroke::new(1.5, ui::RED))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(K::LostThisMonth.t(lang))
                    .strong()
                    .size(ui::SECTION_SIZE)
                    .color(ui::RED),
            );
            for line in lines {
                ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
            }
        });
    ui.add_space(6.0);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A classroom game played by the random strategy until an account is lost before its
    /// last month, with the account.
    pub(crate) fn game_with_a_lost_account() -> (Game, usize) {
        let prepared = kam_sim::bundled_prepared("classroom_en").unwrap();
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

    /// An account lost at a renewal walked away from had no draw: the notice names the
    /// negotiation instead of odds it never had.
    #[test]
    fn a_renewal_walked_away_from_is_named_as_the_cause_of_the_loss() {
        use kam_sim::{Decision, Pending};
        let prepared = kam_sim::bundled_prepared("classroom_en").unwrap();
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

//! The briefing: the story, the objectives, how the score is weighted, the means per turn and
//! an overview of the accounts, before the first turn.

use bevy_egui::egui;
use egui::RichText;
use kam_sim::metric_help;
use kam_sim::{Game, Metric};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Play, Session};
use crate::ui;

/// The briefing: the story and objectives beside the score, the means and (in a class) the
/// rejoin code, then an overview of the accounts.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    ui::top_bar(root, s, &mut actions);
    // Opened with Esc from a later month, the briefing leads back to that month, not to "the
    // first turn" (a playtest).
    let begin = match s.game() {
        Some(game) if game.turn() > 1 && !game.is_finished() => {
            i18n::back_to_turn(lang, game.scenario().turn_unit, game.turn())
        }
        _ => K::BeginGame.t(lang).to_owned(),
    };
    ui::bottom_bar(root, K::EnterConfirms.t(lang), |ui| {
        if ui::primary(ui, &begin).clicked() {
            actions.push(Action::BeginTurns);
        }
        if ui.button(K::Back.t(lang)).clicked() {
            actions.push(Action::Back);
        }
    });
    let Some(play) = &s.play else { return actions };
    let sc = play.game.scenario();
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(format!("{} — {}", K::Briefing.t(lang), sc.title));
            ui.add_space(4.0);
            ui.columns(2, |cols| {
                story(&mut cols[0], &play.game, lang);
                let ui = &mut cols[1];
                if let Some(seat) = &s.class.seat {
                    class_card(ui, &seat.saved, lang);
                    ui.add_space(6.0);
                }
                score_weights(ui, &play.game, lang);
                means(ui, s, &play.game);
                for w in &play.warnings {
                    ui.label(RichText::new(w.render(lang)).small().color(ui::YELLOW));
                }
            });
            ui.add_space(8.0);
            overview(ui, play, lang);
        });
    });
    if play.confirm.is_some() {
        actions.extend(ui::confirm_dialog(root, s));
        return actions;
    }
    if ui::enter(root) {
        actions.push(Action::BeginTurns);
    }
    if ui::key(root, egui::Key::Escape) {
        actions.push(Action::Back);
    }
    actions
}

/// The scenario's story and objectives.
fn story(ui: &mut egui::Ui, game: &Game, lang: Lang) {
    let sc = game.scenario();
    ui.label(RichText::new(K::Story.t(lang)).strong());
    let story = if sc.briefing.is_empty() {
        &sc.description
    } else {
        &sc.briefing
    };
    ui::kinsoku::label(ui, story, |r| r);
    ui.add_space(8.0);
    if !sc.objectives.is_empty() {
        ui.label(RichText::new(K::Objectives.t(lang)).strong());
        for o in &sc.objectives {
            ui.label(format!("• {o}"));
        }
    }
}

/// The class and the rejoin code, shown where it cannot be missed: the only way back to this
/// seat from another computer.
fn class_card(ui: &mut egui::Ui, seat: &crate::class::SavedSeat, lang: Lang) {
    ui::card(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "{} {} · {}",
                K::ClassLine.t(lang),
                seat.code,
                seat.name
            ))
            .strong(),
        );
        ui.horizontal(|ui| {
            ui.label(K::RejoinLine.t(lang));
            ui.label(RichText::new(&seat.rejoin).monospace().size(20.0).strong());
        });
        ui.label(
            RichText::new(K::RejoinHint.t(lang))
                .small()
                .color(ui::MUTED),
        );
    });
}

/// How the score is weighted, and the grade thresholds.
fn score_weights(ui: &mut egui::Ui, game: &Game, lang: Lang) {
    ui::card(ui, |ui| {
        ui.label(RichText::new(K::ScoreWeights.t(lang)).strong());
        let w = &game.scenario().scoring;
        let total = w.total_weight().max(1e-9);
        egui::Grid::new("weights").show(ui, |ui| {
            for (k, v, help) in [
                (
                    K::Retention,
                    w.retention_weight,
                    K::TipRetention.t(lang).to_owned(),
                ),
                (
                    K::Profit,
                    w.profit_weight,
                    K::TipProfitScore.t(lang).to_owned(),
                ),
                (
                    K::Satisfaction,
                    w.satisfaction_weight,
                    metric_help(Metric::Satisfaction, lang),
                ),
            ] {
                ui.label(k.t(lang)).on_hover_text(&help);
                ui.label(format!("{:.0} %", 100.0 * v / total))
                    .on_hover_text(&help);
                ui.end_row();
            }
            ui.label(K::GradeThresholds.t(lang));
            let g = w.grades;
            ui.label(format!(
                "{:.0} / {:.0} / {:.0} / {:.0}",
                g[0], g[1], g[2], g[3]
            ));
            ui.end_row();
        });
    });
}

/// The means per turn and the game's length.
fn means(ui: &mut egui::Ui, s: &Session, game: &Game) {
    let (lang, sc) = (s.lang, game.scenario());
    ui::card(ui, |ui| {
        ui.label(RichText::new(K::Means.t(lang)).strong());
        ui::stat(
            ui,
            K::VisitsPerTurn.t(lang),
            sc.means.visits_per_turn.to_string(),
            K::TipVisitsLeft.t(lang),
        );
        ui::stat(
            ui,
            &s.money_label(K::BudgetPerTurn),
            i18n::money(sc.means.budget_per_turn),
            K::TipBudgetLeft.t(lang),
        );
        ui::stat(
            ui,
            K::Length.t(lang),
            i18n::game_length(lang, sc.turns, sc.turn_unit),
            "",
        );
    });
}

/// Every account at a glance, one row each.
fn overview(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let game = &play.game;
    ui::section_heading(ui, K::Overview.t(lang));
    egui::Grid::new("overview")
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui::header(ui, K::Account.t(lang), "");
            ui::header(ui, K::Industry.t(lang), "");
            ui::header(ui, K::Tier.t(lang), K::TipTier.t(lang));
            ui::header(ui, K::Revenue.t(lang), &metric_help(Metric::Revenue, lang));
            ui::header(ui, K::Margin.t(lang), K::TipMargin.t(lang));
            ui::header(
                ui,
                K::Satisfaction.t(lang),
                &metric_help(Metric::Satisfaction, lang),
            );
            ui::header(ui, K::Norm.t(lang), K::TipNorm.t(lang));
            ui::header(ui, K::Notes.t(lang), "");
            ui.end_row();
            for (a, acc) in game.scenario().accounts.iter().enumerate() {
                let st = &game.accounts()[a];
                ui.label(RichText::new(&acc.name).strong());
                ui.label(&acc.industry);
                ui.label(i18n::tier(lang, acc.tier));
                ui.label(i18n::money(st.revenue(acc.potential)));
                ui.label(format!("{:.0} %", st.margin));
                ui.label(format!("{:.0}", st.satisfaction));
                ui.label(format!("{:.1}", game.prepared().norms[a]));
                // One line on its account's row (seen misplaced in two playtests).
                ui::rest_of_row(ui, RichText::new(&acc.notes).color(ui::MUTED), 160.0);
                ui.end_row();
            }
        });
}

//! The charts of the report and the debrief: one line per account over the months played,
//! from the starting position, with a legend under the plot.

use bevy_egui::egui;
use egui::RichText;
use egui_plot::{Line, Plot, PlotPoints, Points};
use kam_sim::{AccountState, TurnRecord};

use super::theme::PALETTE;
use crate::i18n::{K, Lang};
use crate::session::Play;

/// Which chart: its egui id, its title and its height.
pub struct ChartSpec<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub height: f32,
}

/// One account's points on a chart: its starting value when there is one, then each month
/// played up to the month it was lost in. A lost account's line ends there instead of running
/// on flat, which read as an account still held (a playtest).
pub(crate) fn chart_points(
    first: Option<f64>,
    history: &[TurnRecord],
    value: impl Fn(&TurnRecord) -> f64,
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

/// One line per account over the months played, from the starting position (month 0) when
/// `start` gives it.
pub fn chart(
    ui: &mut egui::Ui,
    play: &Play,
    spec: ChartSpec,
    value: impl Fn(&TurnRecord) -> f64,
    start: impl Fn(&AccountState, &kam_sim::scenario::Account) -> Option<f64>,
    lang: Lang,
) {
    let game = &play.game;
    ui.label(RichText::new(spec.title).strong());
    let turns = game.scenario().turns as f64;
    Plot::new(spec.id)
        .id(egui::Id::new(spec.id))
        .height(spec.height)
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
                let first = play.opening.get(a).and_then(|s| start(s, acc));
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
    legend(ui, game);
}

/// The legend, under the plot where it hides no line.
fn legend(ui: &mut egui::Ui, game: &kam_sim::Game) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::report::tests::game_with_a_lost_account;

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
}

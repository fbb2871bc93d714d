//! Final scores: retention, profit and satisfaction, their weighted composite and a grade.
//!
//! Accounts count by their profit potential (wallet × margin), not by headcount: losing the
//! high-volume, low-margin account costs little, losing a producing A account costs a lot,
//! which is the courseware's point about which customers are key.

use serde::{Deserialize, Serialize};

use crate::engine::Game;
use crate::model;
use crate::scenario::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Value-weighted share of accounts kept, 0 to 100.
    pub retention: f64,
    /// Total profit over the game, in money.
    pub profit: f64,
    /// What the accounts kept are still worth: a year of profit at their final terms, for as
    /// long as each is expected to stay ([`model::future_profit`]).
    #[serde(default)]
    pub future_profit: f64,
    /// Profit plus future profit against the scenario's floor and target, 0 to 100.
    pub profit_score: f64,
    /// Value-weighted satisfaction averaged over the turns played (a lost account counts as 0
    /// from the turn it was lost), 0 to 100: steady care scores, a last-minute push does not.
    pub satisfaction: f64,
    /// Weighted mean of retention, profit score and satisfaction, 0 to 100.
    pub composite: f64,
    pub grade: Grade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    F,
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

/// How much an account counts in retention and satisfaction ([`model::account_weight`]).
pub fn account_weight(scenario: &Scenario, a: usize) -> f64 {
    model::account_weight(&scenario.accounts[a])
}

/// Profit per turn of an account at the scenario's starting terms.
pub fn baseline_profit_rate(scenario: &Scenario, a: usize) -> f64 {
    let acc = &scenario.accounts[a];
    model::profit_rate(acc, acc.share, acc.margin, &acc.contract)
}

/// The profit floor and target: the scenario's own, else derived from the starting position
/// (keeping every account at its starting terms for the whole game and the year after earns
/// 60 of 100).
pub fn profit_range(scenario: &Scenario) -> (f64, f64) {
    let baseline: f64 = (0..scenario.accounts.len())
        .map(|a| baseline_profit_rate(scenario, a))
        .sum::<f64>()
        * (scenario.turns as f64 + model::turns_per_year(scenario.turn_unit));
    let periods = scenario.turns as f64 + model::turns_per_year(scenario.turn_unit);
    let gross: f64 = scenario
        .accounts
        .iter()
        .map(|a| {
            model::gross_margin(
                model::list_revenue(a.potential, a.share),
                a.contract.price_level,
                a.margin,
            )
            .max(0.0)
        })
        .sum::<f64>()
        * periods;
    let scale = baseline
        .abs()
        .max(gross * model::PROFIT_RANGE_MIN_SHARE_OF_GROSS);
    let floor = scenario
        .scoring
        .profit_floor
        .unwrap_or(baseline.min(0.0) - scale * model::PROFIT_FLOOR_MARGIN);
    let target = scenario
        .scoring
        .profit_target
        .unwrap_or(floor + (baseline - floor) / model::BASELINE_PROFIT_SCORE);
    if target > floor {
        (floor, target)
    } else {
        (floor, floor + 1.0)
    }
}

pub fn grade(scenario: &Scenario, composite: f64) -> Grade {
    let g = scenario.scoring.grades;
    if composite >= g[0] {
        Grade::A
    } else if composite >= g[1] {
        Grade::B
    } else if composite >= g[2] {
        Grade::C
    } else if composite >= g[3] {
        Grade::D
    } else {
        Grade::F
    }
}

/// Scores a game as it stands (a finished game for the final result).
pub fn score(game: &Game) -> Scores {
    let prepared = game.prepared();
    let scenario = &prepared.scenario;
    let (mut retention, mut satisfaction, mut profit, mut future) = (0.0, 0.0, 0.0, 0.0);
    for (a, state) in game.accounts().iter().enumerate() {
        let w = prepared.weights[a];
        let history = game.history(a);
        if !state.churned {
            retention += 100.0 * w;
            future += model::future_profit(
                &scenario.accounts[a],
                state.share,
                state.margin,
                &state.contract,
                crate::engine::churn_hazard(state, false),
                scenario.turn_unit,
            );
        }
        // Before the first turn ends, the starting position stands in for the average.
        satisfaction += w * if history.is_empty() {
            state.satisfaction
        } else {
            history
                .iter()
                .map(|r| if r.churned { 0.0 } else { r.satisfaction })
                .sum::<f64>()
                / history.len() as f64
        };
        profit += history.iter().map(|r| r.profit.total()).sum::<f64>();
    }
    // Weights sum to 1 only up to rounding; a trainee must never see 100.00000000000003.
    let retention = retention.clamp(0.0, 100.0);
    let satisfaction = satisfaction.clamp(0.0, 100.0);
    let (floor, target) = prepared.profit_range;
    let profit_score = (100.0 * (profit + future - floor) / (target - floor)).clamp(0.0, 100.0);
    let s = &scenario.scoring;
    let total_weight = s.total_weight();
    let composite = if total_weight > 0.0 {
        (s.retention_weight * retention
            + s.profit_weight * profit_score
            + s.satisfaction_weight * satisfaction)
            / total_weight
    } else {
        0.0
    };
    Scores {
        retention,
        profit,
        future_profit: future,
        profit_score,
        satisfaction,
        composite,
        grade: grade(scenario, composite),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The derived profit range moves continuously as the baseline profit passes through 0:
    /// before model 4 a baseline near 0 collapsed the range to a width of 1, so a scenario
    /// whose accounts barely broke even scored profit in steps of 100 points.
    #[test]
    fn the_profit_range_is_continuous_through_a_baseline_of_zero() {
        let prepared = crate::bundled::prepared("tutorial").unwrap();
        let base = prepared.scenario.clone();
        // Raise one account's cost to serve until the baseline crosses 0, and watch the range.
        let baseline = |s: &Scenario| {
            (0..s.accounts.len())
                .map(|a| baseline_profit_rate(s, a))
                .sum::<f64>()
        };
        let mut widths = Vec::new();
        let mut crossed = false;
        let mut s = base.clone();
        for step in 0..2000 {
            s.accounts[0].cost_to_serve = base.accounts[0].cost_to_serve + step as f64 * 0.05;
            let (floor, target) = profit_range(&s);
            crossed |= baseline(&s) < 0.0;
            widths.push(target - floor);
        }
        assert!(crossed, "the baseline must pass through 0");
        let smallest = widths.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(smallest > 10.0, "the range collapsed to {smallest}");
        for w in widths.windows(2) {
            assert!(
                (w[1] - w[0]).abs() < 0.05 * w[0].max(w[1]),
                "the range jumps from {} to {}",
                w[0],
                w[1]
            );
        }
    }
}

//! Final scores: retention, profit and satisfaction, their weighted composite and a grade.
//!
//! Accounts count by their profit potential (wallet × margin), not by headcount: losing the
//! high-volume, low-margin account costs little, losing a producing A account costs a lot,
//! which is the courseware's point about which customers are key.

use serde::{Deserialize, Serialize};

use crate::engine::Game;
use crate::scenario::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Value-weighted share of accounts kept, 0 to 100.
    pub retention: f64,
    /// Total profit over the game, in money.
    pub profit: f64,
    /// Profit against the scenario's floor and target, 0 to 100.
    pub profit_score: f64,
    /// Value-weighted final satisfaction (lost accounts count as 0), 0 to 100.
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

/// How much an account counts in retention and satisfaction: its profit potential, with a
/// floor so a zero-margin account still counts a little.
pub fn account_weight(scenario: &Scenario, a: usize) -> f64 {
    let acc = &scenario.accounts[a];
    (acc.potential * acc.margin.max(0.0) / 100.0)
        .max(acc.potential * 0.005)
        .max(1e-6)
}

/// Profit per turn of an account at the scenario's starting terms.
pub fn baseline_profit_rate(scenario: &Scenario, a: usize) -> f64 {
    let acc = &scenario.accounts[a];
    let list = acc.potential * acc.share / 100.0;
    let revenue = list * acc.contract.price_level;
    list * (acc.contract.price_level - (1.0 - acc.margin / 100.0))
        - acc.cost_to_serve
        - acc.contract.service_cost
        - crate::engine::credit_cost(revenue, acc.credit_risk, acc.contract.payment_days)
}

/// The profit floor and target: the scenario's own, else derived from the starting position
/// (keeping every account at its starting terms for the whole game earns 60 of 100).
pub fn profit_range(scenario: &Scenario) -> (f64, f64) {
    let baseline: f64 = (0..scenario.accounts.len())
        .map(|a| baseline_profit_rate(scenario, a))
        .sum::<f64>()
        * scenario.turns as f64;
    let floor = scenario
        .scoring
        .profit_floor
        .unwrap_or(baseline.min(0.0) - baseline.abs() * 0.2);
    let target = scenario
        .scoring
        .profit_target
        .unwrap_or(floor + (baseline - floor) / 0.6);
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
    let (mut retention, mut satisfaction, mut profit) = (0.0, 0.0, 0.0);
    for (a, state) in game.accounts().iter().enumerate() {
        let w = prepared.weights[a];
        if !state.churned {
            retention += 100.0 * w;
            satisfaction += w * state.satisfaction;
        }
        profit += game
            .history(a)
            .iter()
            .map(|r| r.profit.total())
            .sum::<f64>();
    }
    // Weights sum to 1 only up to rounding; a trainee must never see 100.00000000000003.
    let retention = retention.clamp(0.0, 100.0);
    let satisfaction = satisfaction.clamp(0.0, 100.0);
    let (floor, target) = prepared.profit_range;
    let profit_score = (100.0 * (profit - floor) / (target - floor)).clamp(0.0, 100.0);
    let s = &scenario.scoring;
    let total_weight = s.retention_weight + s.profit_weight + s.satisfaction_weight;
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
        profit_score,
        satisfaction,
        composite,
        grade: grade(scenario, composite),
    }
}

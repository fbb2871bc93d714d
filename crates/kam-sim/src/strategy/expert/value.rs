//! The expert's value model: what an account adds to the final composite from now on, valued
//! over the turns left with [`crate::model`]'s own rules, and the marginal values the plan and
//! the answers are chosen by.

use super::Expert;
use crate::engine::{self, AccountState, Game};
use crate::ids::{AccountId, EventId};
use crate::model;
use crate::scenario::EventKind;

/// A point of satisfaction or relationship added to an account before it is valued, for
/// marginal values without copying the account.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Nudge {
    pub(super) satisfaction: f64,
    pub(super) relationship: f64,
}

/// What an account in `state` adds to the final composite from now on: its satisfaction held
/// where it is (the expert plans to keep it there) less what a price gap and open objections
/// will cost, share following satisfaction and competitors, profit at its terms (margin,
/// price, cost to serve, credit) and the year after the game ([`model::future_profit`]), and
/// the account surviving each turn against the churn hazard unless `ignore_risk`.
pub(super) fn account_value(
    game: &Game,
    a: usize,
    state: &AccountState,
    ignore_risk: bool,
    open: f64,
    nudge: Nudge,
) -> f64 {
    if state.churned {
        return 0.0;
    }
    let prepared = game.prepared();
    let scenario = &prepared.scenario;
    let def = &scenario.accounts[a];
    let w = prepared.weights[a];
    let (floor, target) = prepared.profit_range;
    let turns_left = scenario.turns.saturating_sub(game.turn()) + 1;
    let relationship = (state.relationship() + nudge.relationship).clamp(0.0, 100.0);
    let mut pressure = state.pressure;
    let mut s = (state.satisfaction + nudge.satisfaction).clamp(0.0, 100.0);
    let mut share = state.share;
    let mut reference = state.reference_price;
    // The expert plans to hold satisfaction against today's pressure; a state with more (or
    // less) pressure than the account has now drags more (or less) every turn.
    let pressure_now = game.accounts()[a].pressure;
    let (mut survive, mut profit, mut satisfaction) = (1.0, 0.0, 0.0);
    for _ in 0..turns_left {
        let price =
            model::price_expectation(&state.contract, reference, scenario.turn_unit.months());
        s = (s + price.satisfaction + model::competitor_drag(pressure)
            - model::competitor_drag(pressure_now)
            + model::open_objection_drag(open))
        .clamp(0.0, 100.0);
        pressure = (pressure + price.pressure).clamp(0.0, 100.0);
        reference = price.reference_price;
        share =
            (share + model::share_trend(s, share) + model::erosion(pressure, share, relationship))
                .clamp(0.0, 100.0);
        if !ignore_risk {
            survive *= 1.0 - model::churn_hazard(s, pressure, relationship, false);
        }
        profit += survive * model::profit_rate(def, share, state.margin, &state.contract);
        satisfaction += survive * s;
    }
    // Open opportunities: the margin of each, at the odds the account's satisfaction and
    // relationship give it when the customer decides ([`model::close_chance`]), so effort that
    // keeps an account with a deal in its funnel satisfied and close is valued too.
    let pipeline: f64 = state
        .opportunities
        .iter()
        .filter(|o| o.status == engine::OpportunityStatus::Open)
        .map(|o| {
            o.opportunity.value * state.margin / 100.0
                * model::close_chance(o.stage, s, relationship)
        })
        .sum();
    profit += survive * pipeline;
    let hazard = if ignore_risk {
        0.0
    } else {
        model::churn_hazard(s, pressure, relationship, false)
    };
    profit += survive
        * model::future_profit(
            def,
            share,
            state.margin,
            &state.contract,
            hazard,
            scenario.turn_unit,
        );
    let sc = &scenario.scoring;
    let total = sc.total_weight();
    if total <= 0.0 {
        return 0.0;
    }
    (sc.retention_weight * 100.0 * w * survive
        + sc.profit_weight * 100.0 * profit / (target - floor)
        + sc.satisfaction_weight * w * satisfaction / scenario.turns.max(1) as f64)
        / total
}

/// How many times the account's unsolved (but solvable) objections have been raised: each
/// weighs on it every turn ([`model::open_objection_drag`]).
pub(super) fn open_objections(game: &Game, a: usize) -> f64 {
    game.scenario()
        .events
        .iter()
        .enumerate()
        .filter(|(e, def)| {
            def.kind == EventKind::Objection
                && def.choices.iter().any(|c| c.resolves)
                && !game.is_resolved(EventId(*e), AccountId(a))
        })
        .map(|(e, _)| game.times_fired(EventId(e), AccountId(a)) as f64)
        .sum()
}

/// Composite points one more visit to account `a` (after `planned` this month) is worth through
/// its funnel: effort moves each open opportunity up a stage ([`model::stage_progress_chance`]),
/// and a higher stage closes more often ([`model::close_chance`]), for its margin.
pub(super) fn funnel_gain(game: &Game, a: usize, planned: u32) -> f64 {
    let norm = game.prepared().norms[a].max(0.5);
    let state = &game.accounts()[a];
    let relationship = state.relationship();
    let effort = planned as f64 / norm;
    let more = model::stage_progress_chance(relationship, effort + 1.0 / norm)
        - model::stage_progress_chance(relationship, effort);
    if more <= 0.0 {
        return 0.0;
    }
    let margin: f64 = state
        .opportunities
        .iter()
        .filter(|o| {
            o.status == engine::OpportunityStatus::Open
                && o.stage < model::FUNNEL_STAGES
                && game.turn() < o.opportunity.close_turn
        })
        .map(|o| {
            let up = model::close_chance(o.stage + 1, state.satisfaction, relationship)
                - model::close_chance(o.stage, state.satisfaction, relationship);
            o.opportunity.value * state.margin / 100.0 * up
        })
        .sum();
    more * margin * money_value(game)
}

/// Composite points one unit of money is worth.
pub(super) fn money_value(game: &Game) -> f64 {
    let (floor, target) = game.prepared().profit_range;
    let sc = &game.scenario().scoring;
    let total = sc.total_weight();
    if total <= 0.0 {
        return 0.0;
    }
    sc.profit_weight * 100.0 / (target - floor) / total
}

/// Marginal values of one point of satisfaction and one of relationship for an account.
#[derive(Clone, Copy, Default)]
pub(super) struct Marginal {
    pub(super) satisfaction: f64,
    pub(super) relationship: f64,
}

impl Expert {
    pub(super) fn value(&self, game: &Game, a: usize, state: &AccountState) -> f64 {
        let open = open_objections(game, a);
        account_value(
            game,
            a,
            state,
            self.habits.ignore_warnings,
            open,
            Nudge::default(),
        )
    }

    pub(super) fn marginal(&self, game: &Game, a: usize, base: f64) -> Marginal {
        let state = &game.accounts()[a];
        let open = open_objections(game, a);
        let nudged =
            |nudge| account_value(game, a, state, self.habits.ignore_warnings, open, nudge) - base;
        Marginal {
            satisfaction: nudged(Nudge {
                satisfaction: 1.0,
                relationship: 0.0,
            }),
            relationship: nudged(Nudge {
                satisfaction: 0.0,
                relationship: 1.0,
            }),
        }
    }
}

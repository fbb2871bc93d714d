//! Property tests: whatever legal decisions a player makes, every value stays finite and in
//! range, attributions add up to each change, and money adds up.

mod common;

use std::sync::Arc;

use kam_sim::{Decision, Game, Prepared};
use proptest::prelude::*;

const EPS: f64 = 1e-6;

fn check_ranges(game: &Game) {
    for (a, s) in game.accounts().iter().enumerate() {
        let [sat, rel, share, revenue, ..] = common::metrics(game, a);
        for (what, v) in [
            ("satisfaction", sat),
            ("relationship", rel),
            ("share", share),
            ("pressure", s.pressure),
        ] {
            assert!(
                v.is_finite() && (0.0..=100.0).contains(&v),
                "account {a} {what} = {v}"
            );
        }
        assert!(
            revenue.is_finite() && revenue >= 0.0,
            "account {a} revenue = {revenue}"
        );
        assert!(
            s.margin.is_finite()
                && s.contract.price_level.is_finite()
                && s.contract.payment_days >= 0.0
        );
        for p in &s.people {
            assert!(
                p.support.is_finite() && (0.0..=100.0).contains(&p.support),
                "support {}",
                p.support
            );
        }
        if s.churned {
            assert_eq!(revenue, 0.0, "a lost account still pays");
        }
        for o in &s.opportunities {
            assert!((1..=6).contains(&o.stage), "funnel stage {}", o.stage);
        }
    }
    let scores = kam_sim::score_game(game);
    for v in [
        scores.retention,
        scores.profit_score,
        scores.satisfaction,
        scores.composite,
    ] {
        assert!(
            v.is_finite() && (0.0..=100.0).contains(&v),
            "score {v} out of 0..=100: {scores:?}"
        );
    }
    assert!(scores.profit.is_finite());
}

/// Plays a whole game with arbitrary legal decisions and checks every invariant on the way.
fn check_game(prepared: &Arc<Prepared>, game_seed: u64, player_seed: u64) {
    let mut game = Game::new(Arc::clone(prepared), game_seed);
    let n = prepared.scenario.accounts.len();
    let mut before: Vec<[f64; 9]> = (0..n).map(|a| common::metrics(&game, a)).collect();
    let mut lost: Vec<bool> = vec![false; n];
    let mut budget_spent_by_turn = Vec::new();
    common::play_any(&mut game, player_seed, |game, decision| {
        check_ranges(game);
        if let Decision::Plan(plan) = decision {
            let cost = game.plan_cost(plan);
            assert!(
                cost <= prepared.scenario.means.budget_per_turn + EPS,
                "spent {cost} over budget"
            );
            budget_spent_by_turn.push(cost);
        }
        for (a, was_lost) in lost.iter_mut().enumerate() {
            let now = game.accounts()[a].churned;
            assert!(now || !*was_lost, "account {a} came back after being lost");
            *was_lost = now;
        }
    });
    // A record per account per turn; each metric's change is the sum of its attributions.
    for (a, before) in before.iter_mut().enumerate() {
        let history = game.history(a);
        assert_eq!(
            history.len(),
            prepared.scenario.turns as usize,
            "account {a} history length"
        );
        for record in history {
            let after = record.metrics();
            for (i, metric) in common::METRICS.iter().enumerate() {
                let explained: f64 = record
                    .causes
                    .iter()
                    .filter(|c| c.metric == *metric)
                    .map(|c| c.delta)
                    .sum();
                let change = after[i] - before[i];
                assert!(
                    (explained - change).abs() <= EPS * (1.0 + change.abs()),
                    "account {a} turn {} {metric:?}: changed {change} but causes explain {explained}",
                    record.turn
                );
            }
            // One-off money: every amount in the profit's one-off line has a named cause.
            let cash: f64 = record
                .causes
                .iter()
                .filter(|c| c.metric == kam_sim::Metric::Cash)
                .map(|c| c.delta)
                .sum();
            assert!(
                (cash - record.profit.one_off).abs() <= EPS * (1.0 + cash.abs()),
                "account {a} turn {}: one-off money {} but causes explain {cash}",
                record.turn,
                record.profit.one_off
            );
            assert!(
                record
                    .causes
                    .iter()
                    .all(|c| c.delta.is_finite() && c.delta != 0.0)
            );
            *before = after;
        }
    }
    // Money: the resource lines of every account in a turn are what the turn's plan cost
    // (event choices with a cost book under one-off), and the score's profit is the sum of
    // every profit line of every account in every turn.
    for (t, spent) in budget_spent_by_turn.iter().enumerate() {
        let booked: f64 = (0..n).map(|a| game.history(a)[t].profit.resources).sum();
        assert!(
            (booked - spent).abs() <= EPS * (1.0 + spent),
            "turn {}: plan cost {spent}, booked {booked}",
            t + 1
        );
    }
    let total: f64 = (0..n)
        .flat_map(|a| game.history(a).iter().map(|r| r.profit.total()))
        .sum();
    let scores = kam_sim::score_game(&game);
    assert!(
        (scores.profit - total).abs() <= EPS * (1.0 + total.abs()),
        "profit {} vs lines {total}",
        scores.profit
    );
    for a in 0..n {
        for r in game.history(a) {
            if r.churned {
                assert_eq!(r.revenue, 0.0);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_scenarios_stay_in_range_and_add_up(
        accounts in 1usize..30,
        turns in 1u32..30,
        scenario_seed in any::<u64>(),
        game_seed in any::<u64>(),
        player_seed in any::<u64>(),
    ) {
        let prepared = Prepared::new(kam_sim::generate_scenario(accounts, turns, scenario_seed));
        check_game(&prepared, game_seed, player_seed);
    }

    #[test]
    fn bundled_scenarios_stay_in_range_and_add_up(
        which in 0usize..kam_sim::BUNDLED_SCENARIOS.len(),
        game_seed in any::<u64>(),
        player_seed in any::<u64>(),
    ) {
        let (_, prepared) = common::bundled().swap_remove(which);
        check_game(&prepared, game_seed, player_seed);
    }
}

#[test]
fn illegal_plans_are_refused_and_change_nothing() {
    use kam_sim::{AccountId, ApproachId, MemberId, Plan, ResourceId, ResourceUse, Visit};
    for (name, prepared) in common::bundled() {
        let game = Game::new(Arc::clone(&prepared), 1);
        let means = &prepared.scenario.means;
        let visit = Visit {
            account: AccountId(0),
            stakeholder: MemberId(0),
            approach: ApproachId(0),
        };
        let too_many = Plan {
            visits: vec![visit; means.visits_per_turn as usize + 1],
            resources: vec![],
        };
        let dearest = (0..means.resources.len())
            .max_by(|&a, &b| means.resources[a].cost.total_cmp(&means.resources[b].cost))
            .expect("bundled scenarios have resources");
        let units = (means.budget_per_turn / means.resources[dearest].cost).floor() as u32 + 1;
        let over_budget = Plan {
            visits: vec![],
            resources: (0..prepared.scenario.accounts.len())
                .map(|account| ResourceUse {
                    account: AccountId(account),
                    resource: ResourceId(dearest),
                    units: units.div_ceil(prepared.scenario.accounts.len() as u32),
                })
                .collect(),
        };
        let bad_account = Plan {
            visits: vec![Visit {
                account: AccountId(999),
                ..visit
            }],
            resources: vec![],
        };
        for plan in [too_many, over_budget, bad_account] {
            assert!(game.check_plan(&plan).is_err(), "{name}: {plan:?} accepted");
            let mut copy = game.clone();
            assert!(copy.decide(Decision::Plan(plan)).is_err());
            assert_eq!(
                format!("{:?}", copy.accounts()),
                format!("{:?}", game.accounts()),
                "{name}"
            );
            assert!(copy.log().is_empty(), "{name}: a refused plan was logged");
        }
    }
}

//! The model teaches: on every bundled scenario, over 1000 seeds, the mean composite score
//! ranks expert > tier-norms > even > random, and expert beats even by at least 10 %.
//! If an engine or scenario change breaks this, the game has stopped rewarding good KAM
//! practice, whatever else still works.

mod common;

use kam_sim::StrategyId;

const SEEDS: u64 = 1000;

#[test]
fn every_bundled_scenario_rewards_skill() {
    let mut failures = Vec::new();
    for (name, prepared) in common::bundled() {
        let mean = |strategy: StrategyId| {
            let scores = kam_sim::score_runs(&prepared, strategy, 0, SEEDS).unwrap();
            scores.iter().map(|s| s.composite).sum::<f64>() / SEEDS as f64
        };
        let [expert, tier_norms, even, random] = [
            StrategyId::Expert,
            StrategyId::TierNorms,
            StrategyId::Even,
            StrategyId::Random,
        ]
        .map(mean);
        let line = format!(
            "{name}: expert {expert:.2}, tier-norms {tier_norms:.2}, even {even:.2}, random {random:.2}"
        );
        eprintln!("{line}");
        if !(expert > tier_norms && tier_norms > even && even > random && expert >= 1.10 * even) {
            failures.push(line);
        }
    }
    assert!(
        failures.is_empty(),
        "scenarios that do not reward skill:\n{}",
        failures.join("\n")
    );
}

/// The probe of issue 18: the tutorial's A account loses money through 730-day terms and full
/// credit risk. An account's weight follows what it can bring net of cost to serve and credit
/// (`model::account_weight`, down to half its gross potential), so the expert, which rightly
/// stops investing in it, gains on random play: 66.7 against 61.3 over these seeds, where the
/// gross weight of model 3 gave 64.3 against 61.1 (the issue's own probe, not in the
/// repository, had the expert under random).
#[test]
fn a_loss_making_a_account_does_not_outweigh_the_rest() {
    let prepared = common::bundled()
        .into_iter()
        .find(|(n, _)| n.contains("tutorial"))
        .unwrap()
        .1;
    let mut scenario = prepared.scenario.clone();
    let a = scenario
        .accounts
        .iter()
        .position(|a| a.id == "northwind")
        .unwrap();
    scenario.accounts[a].contract.payment_days = 730.0;
    scenario.accounts[a].credit_risk = 100.0;
    let account = &scenario.accounts[a];
    assert!(
        kam_sim::model::profit_rate(account, account.share, account.margin, &account.contract)
            < 0.0,
        "the probe account must lose money at its terms"
    );
    let probe = kam_sim::Prepared::new(scenario);
    let mean = |strategy: StrategyId| {
        let scores = kam_sim::score_runs(&probe, strategy, 0, 200).unwrap();
        scores.iter().map(|s| s.composite).sum::<f64>() / 200.0
    };
    let (expert, random) = (mean(StrategyId::Expert), mean(StrategyId::Random));
    eprintln!("probe: expert {expert:.1}, random {random:.1}");
    assert!(
        expert > random + 5.0,
        "expert {expert:.1}, random {random:.1}"
    );
}

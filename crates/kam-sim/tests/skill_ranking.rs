//! The model teaches: on every bundled scenario, over 1000 seeds, the mean composite score
//! ranks expert > tier-norms > even > random, and expert beats even by at least 10 %.
//! If an engine or scenario change breaks this, the game has stopped rewarding good KAM
//! practice, whatever else still works.

mod common;

const SEEDS: u64 = 1000;

#[test]
fn every_bundled_scenario_rewards_skill() {
    let mut failures = Vec::new();
    for (name, prepared) in common::bundled() {
        let mean = |strategy: &str| {
            let scores = kam_sim::batch::scores(&prepared, strategy, 0, SEEDS).unwrap();
            scores.iter().map(|s| s.composite).sum::<f64>() / SEEDS as f64
        };
        let [expert, tier_norms, even, random] =
            ["expert", "tier-norms", "even", "random"].map(mean);
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

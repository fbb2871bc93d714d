//! The model teaches what the courseware teaches, proven by ablation over 1000 seeds on every
//! bundled scenario and on three scenarios written from the docs alone (`model_scenarios/`: a
//! tight one in another industry, a generous one in Chinese, a quarterly one):
//!
//! - `expert` > `tier-norms` > `even` > `random`, `expert` ≥ 1.25 × `even`, and the expert's
//!   p10 and p90 differ (the seed matters);
//! - halving the visits costs the expert ≥ 5 points (effort is scarce); making every pitch fit
//!   every style alike costs ≥ 4 (style matters); removing every price concession costs at
//!   most 1 (the discount is no crutch);
//! - each teaching point the scenario exercises is worth ≥ 3 points to the expert, and each bad
//!   habit costs ≥ 3 ([`kam_sim::Ablation::ALL`]).
//!
//! A check the model could not meet on a scenario would be listed in [`KNOWN_GAPS`] with its
//! figure in docs/model.md; every other check must hold, and a listed gap that closes fails
//! the test too, so the list stays true. The list is empty.

mod common;

use std::sync::Arc;

use kam_sim::Distribution;
use kam_sim::Prepared;
use kam_sim::StrategyId;
use kam_sim::{MIN_WORTH, ScenarioVariant};

const SEEDS: u64 = 1000;

/// (scenario, check) pairs the model does not meet yet: see docs/model.md, "What is left".
/// Empty: every check holds on every scenario.
const KNOWN_GAPS: &[(&str, &str)] = &[];

fn scenarios() -> Vec<(String, Arc<Prepared>)> {
    common::bundled_and_model_scenarios()
}

fn composites(prepared: &Arc<Prepared>, strategy: StrategyId) -> Vec<f64> {
    kam_sim::score_runs(prepared, strategy, 0, SEEDS)
        .unwrap()
        .iter()
        .map(|s| s.composite)
        .collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn every_taught_behaviour_pays_and_every_bad_habit_costs() {
    let mut failures = Vec::new();
    let mut closed = Vec::new();
    let mut report = Vec::new();
    for (name, prepared) in scenarios() {
        let mut check = |what: &str, ok: bool, figure: String| {
            let known = KNOWN_GAPS.contains(&(name.as_str(), what));
            report.push(format!(
                "{name:<24} {what:<22} {figure:<34} {}",
                match (ok, known) {
                    (true, false) => "ok",
                    (false, true) => "known gap",
                    (false, false) => "FAILED",
                    (true, true) => "gap closed: remove from KNOWN_GAPS",
                }
            ));
            match (ok, known) {
                (false, false) => failures.push(format!("{name}: {what}: {figure}")),
                (true, true) => closed.push(format!("{name}: {what}")),
                _ => {}
            }
        };
        let expert = composites(&prepared, StrategyId::Expert);
        let [tier, even, random] = [StrategyId::TierNorms, StrategyId::Even, StrategyId::Random]
            .map(|s| mean(&composites(&prepared, s)));
        let e = mean(&expert);
        check(
            "ranking",
            e > tier && tier > even && even > random,
            format!("{e:.1} > {tier:.1} > {even:.1} > {random:.1}"),
        );
        check(
            "expert >= 1.25 x even",
            e >= 1.25 * even,
            format!("{:.2} x", e / even),
        );
        let d = Distribution::of(expert.iter().copied());
        check(
            "p10 != p90",
            d.p10 != d.p90,
            format!("{:.2} .. {:.2}", d.p10, d.p90),
        );
        for (variant, what, ok) in [
            (
                ScenarioVariant::HalfVisits,
                "half visits",
                (|x: f64| x >= 5.0) as fn(f64) -> bool,
            ),
            (ScenarioVariant::EqualFit, "equal fit", |x| x >= 4.0),
            (ScenarioVariant::NoConcessions, "no concessions", |x| {
                x <= 1.0
            }),
        ] {
            let changed = mean(&composites(
                &kam_sim::scenario_variant(&prepared, variant),
                StrategyId::Expert,
            ));
            check(what, ok(e - changed), format!("costs {:.2}", e - changed));
        }
        for w in kam_sim::teaching_values(&prepared, 0, SEEDS).unwrap() {
            if w.exercised {
                check(
                    w.strategy.name(),
                    w.worth >= MIN_WORTH,
                    format!("worth {:.2} ± {:.2}", w.worth, w.interval),
                );
            }
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "the model does not teach:\n{}",
        failures.join("\n")
    );
    assert!(
        closed.is_empty(),
        "known gaps closed, update KNOWN_GAPS:\n{}",
        closed.join("\n")
    );
}

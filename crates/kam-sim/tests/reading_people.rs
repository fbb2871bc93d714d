//! Reading the people (issue 19), on every bundled scenario and the scenarios written for the
//! model tests, each played at `Normal`:
//!
//! - pitching each person by what their layer suggests (`stereotype-pitch`) costs the expert at
//!   least [`STEREOTYPE_COST`] points: reading people is worth something (all but the
//!   tutorial, which plays at `Easy` with people who are what their titles suggest);
//! - the expert at `Normal`, reading only cues and reactions, stays within
//!   [`READING_GAP`] points of itself at `Easy`, where the labels are shown: the reading is
//!   learnable from what the game shows;
//! - at `Hard` (one style cue a person, the need read from reactions) the expert still beats
//!   pitching by layer: the exam is harder, and reading still pays.
//!
//! The figures are printed, and recorded in docs/model.md.

mod common;

use kam_sim::StrategyId;
use kam_sim::scenario::Difficulty;

const SEEDS: u64 = 200;
const STEREOTYPE_COST: f64 = 5.0;
const READING_GAP: f64 = 3.0;

fn mean_composite(prepared: &std::sync::Arc<kam_sim::Prepared>, strategy: StrategyId) -> f64 {
    let scores = kam_sim::score_runs(prepared, strategy, 0, SEEDS).unwrap();
    scores.iter().map(|s| s.composite).sum::<f64>() / scores.len() as f64
}

#[test]
fn reading_people_pays_and_can_be_learnt_from_cues() {
    let mut failures = Vec::new();
    for (name, prepared) in common::bundled_and_model_scenarios() {
        let normal = prepared.at_difficulty(Difficulty::Normal);
        let easy = prepared.at_difficulty(Difficulty::Easy);
        let expert_normal = mean_composite(&normal, StrategyId::Expert);
        let expert_easy = mean_composite(&easy, StrategyId::Expert);
        let hard = prepared.at_difficulty(Difficulty::Hard);
        let expert_hard = mean_composite(&hard, StrategyId::Expert);
        let stereotype = mean_composite(
            &normal,
            StrategyId::Ablation(kam_sim::Ablation::StereotypePitch),
        );
        let cost = expert_normal - stereotype;
        let gap = expert_easy - expert_normal;
        println!(
            "{name:<24} expert easy {expert_easy:5.1} normal {expert_normal:5.1} (gap {gap:+.1}) hard {expert_hard:5.1} stereotype-pitch {stereotype:5.1} (cost {cost:+.1})"
        );
        if expert_hard <= stereotype && name != "tutorial.ron" {
            failures.push(format!(
                "{name}: the expert at hard ({expert_hard:.1}) does no better than pitching by layer ({stereotype:.1})"
            ));
        }
        // The tutorial plays at Easy, and its three people are what their titles suggest: it
        // teaches the labels before the reading.
        if cost < STEREOTYPE_COST && name != "tutorial.ron" {
            failures.push(format!("{name}: stereotype-pitch costs only {cost:.1}"));
        }
        if gap.abs() > READING_GAP {
            failures.push(format!("{name}: expert at normal is {gap:.1} below easy"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

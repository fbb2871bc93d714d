//! What each teaching point is worth in a scenario: the expert against itself with one
//! teaching point removed ([`crate::strategy::Ablation`]), and against the scenario changed so
//! that a lesson has nothing to act on (half the visits, every pitch alike, no price
//! concessions). Differences are paired by seed, with a 95 % interval.

use std::sync::Arc;

use serde::Serialize;

use crate::batch;
use crate::engine::Prepared;
use crate::strategy::{Ablation, AblationKind, StrategyId};

/// What one teaching point is worth to the expert in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Worth {
    /// The ablation strategy (serialized as its name).
    pub strategy: StrategyId,
    pub teaching_point: &'static str,
    /// True for a bad habit (its worth is what it costs), false for a taught behaviour.
    pub bad_habit: bool,
    /// Whether the scenario gives the teaching point anything to act on.
    pub exercised: bool,
    pub expert_mean: f64,
    pub ablated_mean: f64,
    /// Mean of expert − ablated composite over the seeds: what the behaviour is worth, or
    /// what the habit costs.
    pub worth: f64,
    /// Half-width of the 95 % interval of `worth`.
    pub interval: f64,
}

/// Below this many composite points a teaching point is too cheap to teach.
pub const MIN_WORTH: f64 = 3.0;

/// Mean and 95 % half-interval of paired differences.
fn paired(expert: &[f64], other: &[f64]) -> (f64, f64) {
    let n = expert.len().min(other.len());
    if n == 0 {
        return (0.0, 0.0);
    }
    let d: Vec<f64> = (0..n).map(|i| expert[i] - other[i]).collect();
    let mean = d.iter().sum::<f64>() / n as f64;
    let var = if n > 1 {
        d.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };
    (mean, 1.96 * (var / n as f64).sqrt())
}

fn composites(
    prepared: &Arc<Prepared>,
    strategy: StrategyId,
    seed: u64,
    runs: u64,
) -> Result<Vec<f64>, String> {
    Ok(batch::scores(prepared, strategy, seed, runs)?
        .iter()
        .map(|s| s.composite)
        .collect())
}

/// Every ablation's worth over `runs` seeds from `seed`.
pub fn teaching_values(
    prepared: &Arc<Prepared>,
    seed: u64,
    runs: u64,
) -> Result<Vec<Worth>, String> {
    let expert = composites(prepared, StrategyId::Expert, seed, runs)?;
    let expert_mean = expert.iter().sum::<f64>() / expert.len().max(1) as f64;
    Ablation::ALL
        .into_iter()
        .map(|ablation| {
            let other = composites(prepared, StrategyId::Ablation(ablation), seed, runs)?;
            let (worth, interval) = paired(&expert, &other);
            Ok(Worth {
                strategy: StrategyId::Ablation(ablation),
                teaching_point: ablation.teaching_point(),
                bad_habit: ablation.kind() == AblationKind::BadHabit,
                exercised: ablation.exercised(prepared),
                expert_mean,
                ablated_mean: other.iter().sum::<f64>() / other.len().max(1) as f64,
                worth,
                interval,
            })
        })
        .collect()
}

/// A scenario changed so that one lesson has nothing to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Half the visits a turn (rounded down, at least one): is effort scarce?
    HalfVisits,
    /// Every approach fits every style alike, no need bonus: does the pitch matter?
    EqualFit,
    /// No resource that trades margin for goodwill: is the discount a crutch?
    NoConcessions,
}

/// `prepared` changed by `variant`.
pub fn variant(prepared: &Prepared, variant: Variant) -> Arc<Prepared> {
    let mut scenario = prepared.scenario.clone();
    match variant {
        Variant::HalfVisits => {
            scenario.means.visits_per_turn = (scenario.means.visits_per_turn / 2).max(1)
        }
        Variant::EqualFit => {
            for approach in &mut scenario.approaches {
                approach.style_fit = [1.0; 4];
                approach.needs.clear();
            }
        }
        Variant::NoConcessions => scenario.means.resources.retain(|r| r.margin >= 0.0),
    }
    Prepared::new(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_differences_have_an_interval() {
        let (mean, half) = paired(&[3.0, 4.0, 5.0], &[1.0, 1.0, 1.0]);
        assert_eq!(mean, 3.0);
        assert!(half > 0.0 && half < 3.0);
        assert_eq!(paired(&[], &[]), (0.0, 0.0));
    }
}

//! Many games at once: one strategy over a run of seeds, and the distribution of its scores.
//!
//! Used by `kam simulate`, the balance lab and the test that the model rewards skill.

use std::sync::Arc;

use serde::Serialize;

use crate::engine::{Game, Prepared};
use crate::score::{self, Scores};
use crate::strategy;

/// Plays one game with a named strategy.
pub fn play(prepared: &Arc<Prepared>, strategy: &str, seed: u64) -> Result<Game, String> {
    let mut player = strategy::by_name(strategy, seed)
        .ok_or_else(|| format!("unknown strategy `{strategy}`"))?;
    let mut game = Game::new(Arc::clone(prepared), seed);
    strategy::play_out(&mut game, player.as_mut())
        .map_err(|e| format!("{strategy} made an illegal decision: {e}"))?;
    Ok(game)
}

/// Scores of `runs` games with seeds `seed`, `seed + 1`, …
pub fn scores(
    prepared: &Arc<Prepared>,
    strategy: &str,
    seed: u64,
    runs: u64,
) -> Result<Vec<Scores>, String> {
    (0..runs)
        .map(|i| play(prepared, strategy, seed.wrapping_add(i)).map(|g| score::score(&g)))
        .collect()
}

/// Mean and percentiles of a sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Distribution {
    pub mean: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Distribution {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Distribution {
        let mut v: Vec<f64> = values.into_iter().collect();
        if v.is_empty() {
            return Distribution {
                mean: 0.0,
                p10: 0.0,
                p50: 0.0,
                p90: 0.0,
            };
        }
        v.sort_by(f64::total_cmp);
        // Nearest-rank percentiles: each is a score some game really had.
        let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        Distribution {
            mean: v.iter().sum::<f64>() / v.len() as f64,
            p10: rank(0.10),
            p50: rank(0.50),
            p90: rank(0.90),
        }
    }
}

/// A strategy's results over many seeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub strategy: String,
    pub composite: Distribution,
    pub retention: Distribution,
    pub profit: Distribution,
    pub satisfaction: Distribution,
}

impl Summary {
    pub fn of(strategy: &str, scores: &[Scores]) -> Summary {
        Summary {
            strategy: strategy.to_owned(),
            composite: Distribution::of(scores.iter().map(|s| s.composite)),
            retention: Distribution::of(scores.iter().map(|s| s.retention)),
            profit: Distribution::of(scores.iter().map(|s| s.profit)),
            satisfaction: Distribution::of(scores.iter().map(|s| s.satisfaction)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let d = Distribution::of((1..=10).map(f64::from));
        assert_eq!((d.mean, d.p10, d.p50, d.p90), (5.5, 1.0, 5.0, 9.0));
        let one = Distribution::of([3.0]);
        assert_eq!((one.p10, one.p90), (3.0, 3.0));
    }
}

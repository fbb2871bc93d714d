//! Many games at once: one strategy over a run of seeds, and the distribution of its scores.
//!
//! Used by `kam simulate`, the balance lab and the test that the model rewards skill.

use std::sync::Arc;

use serde::Serialize;

use crate::engine::{Game, Prepared};
use crate::score::{self, Scores};
use crate::strategy::{self, StrategyId};

/// Plays one game with a built-in strategy; the error says which illegal decision it made (a
/// bug in a strategy, never in a scenario that validates).
pub fn play(prepared: &Arc<Prepared>, strategy: StrategyId, seed: u64) -> Result<Game, String> {
    let mut player = strategy.build(seed);
    let mut game = Game::new(Arc::clone(prepared), seed);
    strategy::play_out(&mut game, player.as_mut())
        .map_err(|e| format!("{strategy} made an illegal decision: {e}"))?;
    Ok(game)
}

/// Scores of `runs` games with seeds `seed`, `seed + 1`, …, played on every core; the result
/// is the same whatever the number of threads (each game is independent and kept in order).
pub fn scores(
    prepared: &Arc<Prepared>,
    strategy: StrategyId,
    seed: u64,
    runs: u64,
) -> Result<Vec<Scores>, String> {
    let seeds: Vec<u64> = (0..runs).map(|i| seed.wrapping_add(i)).collect();
    par_map(&seeds, |&s| {
        play(prepared, strategy, s).map(|g| score::score(&g))
    })
    .into_iter()
    .collect()
}

/// The number of threads batch work uses: `KAM_THREADS` if set (1 for a single core), else
/// every core.
pub fn threads() -> usize {
    std::env::var("KAM_THREADS")
        .ok()
        .and_then(|t| t.parse::<usize>().ok())
        .filter(|&t| t > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f` over `items` on [`threads`] threads, results in the order of `items`.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    par_map_progress(items, f, &|_| {})
}

/// [`par_map`], calling `progress` with the number of items done after each one (from any
/// thread), for a progress bar.
pub fn par_map_progress<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<R> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let f = |item: &T| {
        let r = f(item);
        progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
        r
    };
    let threads = threads().min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    // Each thread takes the next item when it is free, so cheap and dear games (a naive
    // strategy and the expert) spread evenly over the cores; results go back in item order.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)) {
                slots[i] = Some(r);
            }
        }
        slots
    });
    slots
        .iter_mut()
        .map(|r| r.take().expect("every item was mapped"))
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
    pub strategy: StrategyId,
    pub composite: Distribution,
    pub retention: Distribution,
    pub profit: Distribution,
    pub satisfaction: Distribution,
}

impl Summary {
    pub fn of(strategy: StrategyId, scores: &[Scores]) -> Summary {
        Summary {
            strategy,
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
    fn parallel_map_keeps_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let out = par_map(&items, |x| x * 3);
        assert_eq!(out, items.iter().map(|x| x * 3).collect::<Vec<_>>());
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let d = Distribution::of((1..=10).map(f64::from));
        assert_eq!((d.mean, d.p10, d.p50, d.p90), (5.5, 1.0, 5.0, 9.0));
        let one = Distribution::of([3.0]);
        assert_eq!((one.p10, one.p90), (3.0, 3.0));
    }
}

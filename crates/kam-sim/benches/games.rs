//! Speed of the simulation: whole games per strategy on the classroom scenario and on a
//! generated large portfolio (200 accounts, 36 turns), load-plus-validate of a scenario, and
//! the end-of-game debrief.
//! Figures are recorded in BENCHMARKS.md; run with `cargo bench -p kam-sim --bench games`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kam_sim::Prepared;

fn classroom() -> (&'static str, &'static str) {
    kam_sim::BUNDLED_SCENARIOS
        .iter()
        .copied()
        .find(|(f, _)| *f == "classroom_en.ron")
        .expect("bundled classroom")
}

fn games(c: &mut Criterion) {
    let (file, src) = classroom();
    let (prepared, _) = kam_sim::load_str(file, src).expect("valid");
    let mut group = c.benchmark_group("classroom game");
    group.throughput(Throughput::Elements(1));
    for name in kam_sim::StrategyId::BENCHMARKS {
        let mut seed = 0;
        group.bench_function(name.name(), |b| {
            b.iter(|| {
                seed += 1;
                black_box(kam_sim::play(&prepared, name, seed).unwrap())
            })
        });
    }
    group.finish();

    let large = Prepared::new(kam_sim::generate_scenario(200, 36, 1));
    let mut group = c.benchmark_group("generated 200 accounts x 36 turns game");
    group
        .throughput(Throughput::Elements(1))
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for name in kam_sim::StrategyId::BENCHMARKS {
        let mut seed = 0;
        group.bench_function(name.name(), |b| {
            b.iter(|| {
                seed += 1;
                black_box(kam_sim::play(&large, name, seed).unwrap())
            })
        });
    }
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load and validate");
    for (file, src) in kam_sim::BUNDLED_SCENARIOS {
        group.throughput(Throughput::Bytes(src.len() as u64));
        group.bench_function(file, |b| {
            b.iter(|| black_box(kam_sim::load_str(file, black_box(src)).is_ok()))
        });
    }
    let large = ron::ser::to_string_pretty(
        &kam_sim::generate_scenario(200, 36, 1),
        ron::ser::PrettyConfig::new(),
    )
    .expect("serialisable");
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.bench_function("generated 200 accounts", |b| {
        b.iter(|| black_box(kam_sim::load_str("large.ron", &large).is_ok()))
    });
    group.finish();
}

/// What `kam simulate classroom --strategy all --runs 1000` does, minus printing.
fn simulate_all(c: &mut Criterion) {
    let (file, src) = classroom();
    let mut group = c.benchmark_group("simulate classroom all strategies x 1000 runs");
    group.sample_size(10);
    group.bench_function("load + 5000 games", |b| {
        b.iter(|| {
            let (prepared, _) = kam_sim::load_str(file, src).unwrap();
            for name in kam_sim::StrategyId::BENCHMARKS {
                black_box(kam_sim::StrategySummary::of(
                    name,
                    &kam_sim::score_runs(&prepared, name, 1, 1000).unwrap(),
                ));
            }
        })
    });
    group.finish();
}

/// The debrief a trainee waits for at the end of a 12-month classroom game: the verdicts, the
/// draws decided by chance, "try next time" (which replays the game for each decision it
/// weighs) and, the classroom playing at Normal, how each person was read (a replay per person
/// pitched unsuited), for a careless game (many faults to weigh) and the expert's.
fn debrief(c: &mut Criterion) {
    let (file, src) = classroom();
    let (prepared, _) = kam_sim::load_str(file, src).expect("valid");
    let mut group = c.benchmark_group("classroom debrief");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for name in [kam_sim::StrategyId::Random, kam_sim::StrategyId::Expert] {
        let game = kam_sim::play(&prepared, name, 3).unwrap();
        group.bench_function(
            format!("{name}: verdicts + chance + try next time + reading"),
            |b| {
                b.iter(|| {
                    black_box((
                        kam_sim::debrief_game(&game),
                        kam_sim::costliest_mistakes(&game),
                        kam_sim::review_reading(&game),
                    ))
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, games, loading, simulate_all, debrief);
criterion_main!(benches);

//! Prints what each teaching point is worth in scenario files, for tuning a scenario:
//! `cargo run --release -p kam-sim --example ablate -- FILE... [--runs N]`.

use kam_sim::ScenarioVariant;
use kam_sim::StrategyId;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(300u64);
    if let Some(path) = args
        .iter()
        .position(|a| a == "--write-large")
        .and_then(|i| args.get(i + 1))
    {
        // The generated 200-account, 36-turn portfolio as a scenario file, for timing
        // `kam validate --teaching` on it.
        let scenario = kam_sim::generate_scenario(200, 36, 1);
        let text = ron::ser::to_string_pretty(&scenario, ron::ser::PrettyConfig::new()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    if args.iter().any(|a| a == "--time-large") {
        // The expert on a generated 200-account, 36-turn portfolio, one thread.
        let large = kam_sim::Prepared::new(kam_sim::generate_scenario(200, 36, 1));
        for name in [StrategyId::Expert, StrategyId::Even] {
            let start = std::time::Instant::now();
            let games = 5;
            for seed in 0..games {
                kam_sim::play(&large, name, seed).unwrap();
            }
            println!(
                "{name} on 200 accounts x 36 turns: {:.1} ms a game",
                start.elapsed().as_secs_f64() * 1000.0 / games as f64
            );
        }
    }
    for file in args.iter().filter(|a| a.ends_with(".ron")) {
        let prepared = match kam_sim::load_file(std::path::Path::new(file)) {
            Ok((p, _)) => p,
            Err(e) => {
                eprintln!("{file}: {e:?}");
                continue;
            }
        };
        let mean = |p: &std::sync::Arc<kam_sim::Prepared>, s: StrategyId| {
            let v = kam_sim::score_runs(p, s, 0, runs).unwrap();
            let m = v.iter().map(|x| x.composite).sum::<f64>() / runs as f64;
            let d = kam_sim::Distribution::of(v.iter().map(|x| x.composite));
            (m, d.p10, d.p90)
        };
        println!("== {file} ({runs} seeds)");
        if std::env::var_os("KAM_DEBUG_CONCESSIONS").is_some() {
            concessions(&prepared, runs);
            continue;
        }
        for s in kam_sim::StrategyId::BENCHMARKS {
            let (m, p10, p90) = mean(&prepared, s);
            println!("  {s:<12} {m:6.2}  p10 {p10:6.2} p90 {p90:6.2}");
        }
        let expert = mean(&prepared, StrategyId::Expert).0;
        for (v, name) in [
            (ScenarioVariant::HalfVisits, "half visits"),
            (ScenarioVariant::EqualFit, "equal fit"),
            (ScenarioVariant::NoConcessions, "no concessions"),
        ] {
            let p = kam_sim::scenario_variant(&prepared, v);
            let m = mean(&p, StrategyId::Expert).0;
            println!(
                "  expert with {name:<15} {m:6.2}  (expert − it: {:+.2})",
                expert - m
            );
        }
        for w in kam_sim::teaching_values(&prepared, 0, runs).unwrap() {
            println!(
                "  {:<16} worth {:+6.2} ± {:.2}  {}{}",
                w.strategy,
                w.worth,
                w.interval,
                if w.exercised { "" } else { "(not exercised) " },
                w.teaching_point
            );
        }
    }
}

/// `KAM_DEBUG_CONCESSIONS=1`: where the expert gives concessions (turn, account).
fn concessions(prepared: &std::sync::Arc<kam_sim::Prepared>, runs: u64) {
    let mut by: std::collections::BTreeMap<(u32, String), u32> = Default::default();
    for seed in 0..runs {
        let mut game = kam_sim::Game::new(prepared.clone(), seed);
        let mut s = kam_sim::StrategyId::Expert.build(seed);
        while let Some(d) = kam_sim::next_decision(&game, s.as_mut()) {
            if let kam_sim::Decision::Plan(p) = &d {
                for r in &p.resources {
                    if prepared.scenario.means.resources[r.resource].margin < 0.0 {
                        *by.entry((
                            game.turn(),
                            prepared.scenario.accounts[r.account].id.clone(),
                        ))
                        .or_default() += 1;
                    }
                }
            }
            game.decide(d).unwrap();
        }
    }
    for ((t, a), n) in by {
        println!("  concession turn {t} {a}: {n}");
    }
}

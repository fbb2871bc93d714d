//! Scenario tuning aid: validates a scenario file, then prints each strategy's mean scores.
//!
//! `cargo run --release -p kam-sim --example rank -- FILE [RUNS]`

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: rank FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let prepared = match kam_sim::load_file(std::path::Path::new(path)) {
        Ok((prepared, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            prepared
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    };
    for name in kam_sim::StrategyId::BENCHMARKS {
        let started = std::time::Instant::now();
        let scores = kam_sim::score_runs(&prepared, name, 0, runs).expect("strategy plays legally");
        let mean = |f: fn(&kam_sim::Scores) -> f64| scores.iter().map(f).sum::<f64>() / runs as f64;
        println!(
            "{name:>10}: composite {:5.1}  retention {:5.1}  profit {:5.1}  satisfaction {:5.1}  ({:?}/game)",
            mean(|s| s.composite),
            mean(|s| s.retention),
            mean(|s| s.profit_score),
            mean(|s| s.satisfaction),
            started.elapsed() / runs as u32
        );
    }
}

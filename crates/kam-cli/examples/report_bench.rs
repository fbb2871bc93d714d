//! Times `kam report` on a class of 200 result files on the classroom scenario.
//!
//!     cargo run --release -p kam-cli --example report_bench [-- RESULTS]
//!
//! Two classes are timed: the usual one (everyone on the class code's seed, strategies mixed so
//! the games differ) and the worst case (every trainee on a different seed, so the expert must
//! be replayed 200 times). The budget is 2 s each in release builds.

use std::time::Instant;

use clap::Parser;
use kam_cli::{Cli, Io};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let (file, src) = kam_sim::BUNDLED_SCENARIOS
        .iter()
        .copied()
        .find(|(f, _)| f.starts_with("classroom"))
        .expect("the classroom scenario is bundled");
    let prepared = kam_sim::load_str(file, src).expect("classroom loads").0;
    let class_seed = prepared.scenario.seed;
    for (label, distinct_seeds) in [("one class seed", false), ("a seed per trainee", true)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let made = Instant::now();
        for i in 0..n {
            let strategy =
                kam_sim::StrategyId::BENCHMARKS[i as usize % kam_sim::StrategyId::BENCHMARKS.len()];
            // Strategies with randomness play differently per game: vary their stream.
            let seed = if distinct_seeds {
                class_seed + i
            } else {
                class_seed
            };
            let mut player = strategy.build(i);
            let mut game = kam_sim::Game::new(prepared.clone(), seed);
            kam_sim::play_out(&mut game, player.as_mut()).expect("legal game");
            let path = dir.path().join(format!("trainee{i:03}.ron"));
            kam_sim::write_record_atomic(
                &path,
                &kam_sim::record_game(&game, &format!("Trainee {i}")),
            )
            .expect("write");
        }
        let made = made.elapsed();
        let csv = dir.path().join("class.csv");
        let html = dir.path().join("class.html");
        let argv = [
            "kam",
            "report",
            dir.path().to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
        ];
        let cli = Cli::parse_from(argv);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let start = Instant::now();
        let status = kam_cli::run(
            cli.command.expect("command"),
            &mut Io {
                out: &mut out,
                err: &mut err,
                lang: cli.output_lang,
            },
        );
        let took = start.elapsed();
        let text = String::from_utf8_lossy(&out);
        println!(
            "{label}: {n} results ({:.2} s to write) -> kam report in {:.3} s, exit {status}, {}",
            made.as_secs_f64(),
            took.as_secs_f64(),
            text.lines().next().unwrap_or("")
        );
        assert_eq!(status, kam_cli::OK, "{}", String::from_utf8_lossy(&err));
    }
}

use kam_sim::{Game, Prepared, generate_scenario, score_game};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(8);
    let turns: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(12);
    let runs: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200);
    let sc = Prepared::new(generate_scenario(n, turns, 7));
    for name in kam_sim::StrategyId::BENCHMARKS {
        let t = std::time::Instant::now();
        let (mut c, mut r, mut p, mut s) = (0.0, 0.0, 0.0, 0.0);
        for seed in 0..runs {
            let mut g = Game::new(sc.clone(), seed);
            let mut st = name.build(seed);
            kam_sim::play_out(&mut g, st.as_mut()).unwrap();
            let x = score_game(&g);
            c += x.composite;
            r += x.retention;
            p += x.profit_score;
            s += x.satisfaction;
        }
        let k = runs as f64;
        println!(
            "{name:>10}: composite {:.1} retention {:.1} profit {:.1} sat {:.1}  ({:?}/game)",
            c / k,
            r / k,
            p / k,
            s / k,
            t.elapsed() / runs as u32
        );
    }
}

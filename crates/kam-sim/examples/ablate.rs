//! Prints what each teaching point is worth in scenario files, for tuning a scenario:
//! `cargo run --release -p kam-sim --example ablate -- FILE... [--runs N]`.

use kam_sim::ablation::{self, Variant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(300u64);
    for file in args.iter().filter(|a| a.ends_with(".ron")) {
        let prepared = match kam_sim::load::load_file(std::path::Path::new(file)) {
            Ok((p, _)) => p,
            Err(e) => {
                eprintln!("{file}: {e:?}");
                continue;
            }
        };
        let mean = |p: &std::sync::Arc<kam_sim::engine::Prepared>, s: &str| {
            let v = kam_sim::batch::scores(p, s, 0, runs).unwrap();
            let m = v.iter().map(|x| x.composite).sum::<f64>() / runs as f64;
            let d = kam_sim::batch::Distribution::of(v.iter().map(|x| x.composite));
            (m, d.p10, d.p90)
        };
        println!("== {file} ({runs} seeds)");
        for s in kam_sim::strategy::NAMES {
            let (m, p10, p90) = mean(&prepared, s);
            println!("  {s:<12} {m:6.2}  p10 {p10:6.2} p90 {p90:6.2}");
        }
        let expert = mean(&prepared, "expert").0;
        for (v, name) in [
            (Variant::HalfVisits, "half visits"),
            (Variant::EqualFit, "equal fit"),
            (Variant::NoConcessions, "no concessions"),
        ] {
            let p = ablation::variant(&prepared, v);
            let m = mean(&p, "expert").0;
            println!(
                "  expert with {name:<15} {m:6.2}  (expert − it: {:+.2})",
                expert - m
            );
        }
        for w in ablation::teaching_values(&prepared, 0, runs).unwrap() {
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

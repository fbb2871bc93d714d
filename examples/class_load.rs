//! The class server under load, on loopback: N simulated trainees play a whole game each at
//! once through the real HTTP API; prints p50/p99 submission latency and throughput, then
//! checks that every acknowledged submission is in the server's record exactly once.
//!
//! `cargo run --release --example class_load -- [--db URL] [--trainees 200]`
//! (without --db: a fresh SQLite file). Figures go in BENCHMARKS.md.

use std::time::{Duration, Instant};

use kam_class::{Client, robot};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let trainees: usize = flag("--trainees")
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = flag("--db")
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("load.db").display()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let options = kam_serve::ServeOptions {
        db: Some(db.clone()),
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: None,
        rate_per_address: 1e6,
        rate_per_seat: 1e6,
    };
    let running = runtime.block_on(kam_serve::start(&options, None))?;
    let base = format!("http://{}", running.addr);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let answer = agent
        .post(format!("{base}/api/sessions"))
        .header("Content-Type", "application/json")
        .send(r#"{"scenario": "classroom_en", "pacing": "free"}"#)
        .map_err(|e| e.to_string())?
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    let created: serde_json::Value = serde_json::from_str(&answer).map_err(|e| e.to_string())?;
    let code = created["code"].as_str().ok_or("no code")?.to_owned();
    let client = Client::new(&base);
    let seats: Vec<_> = (0..trainees)
        .map(|i| {
            client
                .join(&code, &format!("load {i:03}"))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    let strategies = kam_sim::StrategyId::BENCHMARKS;
    let started = Instant::now();
    let players: Vec<_> = seats
        .into_iter()
        .enumerate()
        .map(|(i, seat)| {
            let client = client.clone();
            std::thread::spawn(move || {
                robot::play(&client, &seat, strategies[i % strategies.len()], None)
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::new();
    let mut games = Vec::new();
    for p in players {
        let played = p.join().map_err(|_| "a trainee panicked")??;
        latencies.extend(&played.latencies);
        games.push(played.game);
    }
    let wall = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let decisions: usize = games.iter().map(|g| g.log().len()).sum();
    println!(
        "{} trainees x {} months on {}: {} submissions ({} decisions) in {:.2} s: {:.0} submissions/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        trainees,
        games[0].scenario().turns,
        if db.starts_with("sqlite") {
            "SQLite"
        } else {
            "PostgreSQL"
        },
        latencies.len(),
        decisions,
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
    );
    // Exactly once: the server holds each trainee's log, no more and no less.
    let db_handle = runtime.block_on(kam_serve::db::Db::open(&db))?;
    let session = created["id"].as_str().ok_or("no id")?;
    let stored = runtime
        .block_on(db_handle.decision_count(session))
        .map_err(|e| e.to_string())?;
    if stored as usize != decisions {
        return Err(format!(
            "the server holds {stored} decisions, the trainees made {decisions}"
        ));
    }
    println!("every acknowledged decision is stored exactly once ({stored})");
    runtime.block_on(async {
        db_handle.close().await;
        running.stop().await;
    });
    Ok(())
}

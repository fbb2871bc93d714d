//! Simulated trainees for a live class: joins N seats to a running `kam serve` and plays them
//! with built-in strategies, a month at a time, at a person's pace. The dashboard's browser
//! test (tests/browser) fills its class with these; an instructor can try a dashboard with them.
//!
//! `class_robots SERVER CODE [N] [PAUSE_MS]`, e.g. `class_robots 127.0.0.1:8080 K7QM3A 12 800`.

use std::time::Duration;

use kam_class::{Client, robot};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(server), Some(code)) = (args.first(), args.get(1)) else {
        eprintln!("usage: class_robots SERVER CODE [N] [PAUSE_MS]");
        return std::process::ExitCode::from(2);
    };
    let count: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(8);
    let pause = Duration::from_millis(args.get(3).and_then(|n| n.parse().ok()).unwrap_or(500));
    let client = Client::new(server);
    let names = [
        "Ann", "Bo", "Chen Wei", "Dana", "Eli", "Fang", "Gus", "Hui", "Ivo", "Jin",
    ];
    let strategies = kam_sim::StrategyId::BENCHMARKS;
    let players: Vec<_> = (0..count)
        .map(|i| {
            let name = format!("{} {}", names[i % names.len()], i + 1);
            let seat = match client.join(code, &name) {
                Ok(seat) => seat,
                Err(e) => {
                    eprintln!("class_robots: {name} cannot join: {e}");
                    std::process::exit(1);
                }
            };
            let client = client.clone();
            let strategy = strategies[i % strategies.len()];
            std::thread::spawn(move || {
                // One month per call, with a pause between months as a person would take.
                let mut seat = seat;
                loop {
                    let played = robot::play(&client, &seat, strategy, Some(1))?;
                    if played.game.is_finished() {
                        return Ok::<_, String>(());
                    }
                    std::thread::sleep(pause);
                    seat.decisions = played.game.log().to_vec();
                    seat.status = client.status(&seat.token).map_err(|e| e.to_string())?;
                }
            })
        })
        .collect();
    let mut failed = false;
    for p in players {
        if let Ok(Err(e)) | Err(e) = p.join().map_err(|_| "panicked".to_owned()) {
            eprintln!("class_robots: {e}");
            failed = true;
        }
    }
    if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}

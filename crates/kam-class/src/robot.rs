//! A simulated trainee: plays a seat with a built-in strategy through the real HTTP API, a
//! month per submission, waiting for rounds like a person would. The tests, the load test and
//! the dashboard's browser test fill a class with these.

use std::time::{Duration, Instant};

use kam_sim::Game;

use crate::client::{CallError, Client};
use crate::protocol::{Pacing, Seat, Submission};

/// What a robot's game came to, and how long the server took to acknowledge each month.
pub struct Played {
    pub game: Game,
    pub latencies: Vec<Duration>,
}

/// Loads the scenario a seat plays, at the class's difficulty, and replays what the server
/// holds of it.
pub fn game_for(seat: &Seat) -> Result<Game, String> {
    let (prepared, _) = kam_sim::load_str("class.ron", &seat.scenario).map_err(|errors| {
        format!(
            "the class's scenario does not load here: {}",
            errors.first().map(|e| e.to_string()).unwrap_or_default()
        )
    })?;
    if kam_sim::scenario_hash(&prepared) != seat.scenario_hash {
        return Err(
            "the class's scenario reads differently here: is this game another version?".into(),
        );
    }
    let prepared = match seat.difficulty {
        Some(difficulty) => prepared.at_difficulty(difficulty),
        None => prepared,
    };
    Game::replay(prepared, seat.seed, &seat.decisions)
        .map_err(|(i, e)| format!("the server's decision {} does not replay here: {e}", i + 1))
}

/// Plays `seat` with `strategy` from where the server's record of it stands, until the game
/// ends (or `months` more months are played).
pub fn play(
    client: &Client,
    seat: &Seat,
    strategy: kam_sim::StrategyId,
    months: Option<u32>,
) -> Result<Played, String> {
    let mut game = game_for(seat)?;
    let mut player = strategy.build(seat.seed);
    let mut acknowledged = seat.decisions.len();
    let mut released = seat.status.released;
    let mut latencies = Vec::new();
    let last_month = months.map_or(u32::MAX, |m| game.turn().saturating_add(m));
    while !game.is_finished() && game.turn() < last_month {
        // Rounds: month N opens once month N - 1 is released.
        while seat.pacing == Pacing::Rounds && game.turn() > released + 1 {
            std::thread::sleep(Duration::from_millis(200));
            match client.status(&seat.token) {
                Ok(status) if status.ended => return Err("the class ended".into()),
                Ok(status) => released = status.released,
                Err(CallError::Unreachable(_)) => {}
                Err(e) => return Err(e.to_string()),
            }
        }
        let month = game.turn();
        while !game.is_finished() && game.turn() == month {
            let decision =
                kam_sim::next_decision(&game, player.as_mut()).ok_or("the strategy has no move")?;
            game.decide(decision).map_err(|e| e.to_string())?;
        }
        let submission = Submission {
            from: acknowledged,
            decisions: game.log()[acknowledged..].to_vec(),
        };
        let started = Instant::now();
        let mut pause = Duration::from_millis(100);
        let status = loop {
            match client.submit(&seat.token, &submission) {
                Ok(status) => break status,
                Err(CallError::Unreachable(why)) => {
                    if started.elapsed() > Duration::from_secs(60) {
                        return Err(format!("gave up after a minute: {why}"));
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_secs(2));
                }
                Err(e) => return Err(e.to_string()),
            }
        };
        latencies.push(started.elapsed());
        acknowledged = status.recorded;
        released = status.released;
    }
    Ok(Played { game, latencies })
}

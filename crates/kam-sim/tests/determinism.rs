//! Determinism, tested the A/B Street way: the same scenario, seed and decisions give the same
//! game bit for bit, and a save taken mid-game and restored plays on to the same end.

mod common;

use std::sync::Arc;

use kam_sim::{Game, Prepared};

/// Everything a game has produced, printed exactly (Debug prints each f64 so that it parses
/// back to the same bits, so equal fingerprints mean bit-equal games).
fn fingerprint(game: &Game) -> String {
    let histories: Vec<_> = (0..game.accounts().len())
        .map(|a| game.history(a))
        .collect();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        game.accounts(),
        histories,
        game.log(),
        game.choices(),
        game.negotiation_records(),
        kam_sim::score_game(game)
    )
}

fn scenarios() -> Vec<(String, Arc<Prepared>)> {
    let mut all: Vec<(String, Arc<Prepared>)> = common::bundled()
        .into_iter()
        .map(|(name, prepared)| (name.to_owned(), prepared))
        .collect();
    all.push((
        "generated 40x24".into(),
        Prepared::new(kam_sim::generate_scenario(40, 24, 11)),
    ));
    all
}

#[test]
fn two_runs_with_the_same_seed_are_bit_identical() {
    for (name, prepared) in scenarios() {
        for player in kam_sim::StrategyId::BENCHMARKS {
            for seed in [0, 7, u64::MAX] {
                let first = kam_sim::play(&prepared, player, seed).unwrap();
                let second = kam_sim::play(&prepared, player, seed).unwrap();
                assert_eq!(
                    fingerprint(&first),
                    fingerprint(&second),
                    "{name}, {player}, seed {seed}"
                );
            }
        }
    }
}

#[test]
fn different_seeds_give_different_games() {
    // Guards the test above against a fingerprint that ignores the randomness.
    for (name, prepared) in scenarios() {
        let games: Vec<String> = (0..5)
            .map(|seed| {
                fingerprint(&kam_sim::play(&prepared, kam_sim::StrategyId::Random, seed).unwrap())
            })
            .collect();
        let distinct: std::collections::HashSet<&String> = games.iter().collect();
        assert!(distinct.len() > 1, "{name}: five seeds played identically");
    }
}

#[test]
fn a_save_restored_mid_game_reaches_the_same_end() {
    for (name, prepared) in scenarios() {
        for seed in [3, 1234] {
            let straight = kam_sim::play(&prepared, kam_sim::StrategyId::Random, seed).unwrap();
            let half = straight.log().len() / 2;

            // Play half the log, save through the real file format, restore, play the rest.
            let mut first_half = Game::new(Arc::clone(&prepared), seed);
            for decision in &straight.log()[..half] {
                first_half.decide(decision.clone()).unwrap();
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("autosave.ron");
            kam_sim::write_record_atomic(&path, &kam_sim::record_game(&first_half, "tester"))
                .unwrap();
            let saved = kam_sim::read_record(&path).unwrap();
            assert!(
                !saved.finished,
                "{name}: a half-played game is saved as finished"
            );
            let mut resumed = kam_sim::restore_record(Arc::clone(&prepared), &saved).unwrap();
            assert_eq!(
                fingerprint(&resumed),
                fingerprint(&first_half),
                "{name}: restore changed the game"
            );
            for decision in &straight.log()[half..] {
                resumed.decide(decision.clone()).unwrap();
            }
            assert_eq!(
                fingerprint(&resumed),
                fingerprint(&straight),
                "{name}, seed {seed}: resumed game diverged"
            );
        }
    }
}

#[test]
fn strategies_resume_like_players() {
    // The game's autoplay and a trainee who saves and quits use the same path: the strategy
    // asked again after a restore must continue the same game.
    for (name, prepared) in common::bundled() {
        let straight = kam_sim::play(&prepared, kam_sim::StrategyId::Expert, 5).unwrap();
        let mut game = Game::new(Arc::clone(&prepared), 5);
        let mut player = kam_sim::StrategyId::Expert.build(5);
        while game.turn() <= prepared.scenario.turns / 2 {
            let d = kam_sim::next_decision(&game, player.as_mut()).unwrap();
            game.decide(d).unwrap();
        }
        let mut resumed =
            kam_sim::restore_record(Arc::clone(&prepared), &kam_sim::record_game(&game, "x"))
                .unwrap();
        kam_sim::play_out(&mut resumed, kam_sim::StrategyId::Expert.build(5).as_mut()).unwrap();
        assert_eq!(fingerprint(&resumed), fingerprint(&straight), "{name}");
    }
}

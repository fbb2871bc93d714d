//! A class's aggregates: how each account fared across the trainees' games, and which
//! teaching points they missed. One model for everything that summarises a class (the class
//! server's dashboard, `kam report`), so the two show the same numbers in the same order.
//!
//! A game is first reduced to a [`GameTally`] (cheap to keep per trainee: the server caches
//! one per seat), and a [`ClassSummary`] is made from the tallies.

use std::sync::Arc;

use crate::debrief::lessons_missed;
use crate::engine::{Game, Prepared};
use crate::scenario::Lesson;
use crate::score::{Scores, score};
use crate::strategy::{StrategyId, next_decision};

/// One game reduced to what a class summary counts.
#[derive(Debug, Clone, PartialEq)]
pub struct GameTally {
    /// Per account, in the scenario's order: still kept (not churned).
    pub kept: Vec<bool>,
    /// Per account: satisfaction now (at the end, for a finished game).
    pub satisfaction: Vec<f64>,
    /// The teaching points the game assessed, each with whether it was missed at least once.
    /// Empty while the game runs: a lesson is judged on the whole game.
    pub lessons: Vec<(Lesson, bool)>,
}

impl GameTally {
    pub fn of(game: &Game) -> GameTally {
        GameTally {
            kept: game.accounts().iter().map(|a| !a.churned).collect(),
            satisfaction: game.accounts().iter().map(|a| a.satisfaction).collect(),
            lessons: if game.is_finished() {
                lessons_missed(game)
            } else {
                Vec::new()
            },
        }
    }
}

/// How one account fared across the class.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountTally {
    /// Games that kept it.
    pub kept: usize,
    /// Games counted.
    pub of: usize,
    /// Mean satisfaction in the games that kept it (0 when none did): a lost account's
    /// satisfaction says nothing about how it was served.
    pub mean_satisfaction: f64,
}

impl AccountTally {
    /// The share of games that kept it (0 of no games is 0).
    pub fn kept_share(&self) -> f64 {
        self.kept as f64 / self.of.max(1) as f64
    }
}

/// How many games missed a teaching point, of those that assessed it.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonTally {
    pub lesson: Lesson,
    pub missed: usize,
    pub assessed: usize,
}

impl LessonTally {
    pub fn missed_share(&self) -> f64 {
        self.missed as f64 / self.assessed.max(1) as f64
    }
}

/// A class's aggregates over its games.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassSummary {
    /// Per account, in the scenario's order.
    pub accounts: Vec<AccountTally>,
    /// Most missed first: by the share of games that missed it, then by how many did, then
    /// in the catalogue's order (so ties come out the same whatever order the games came in).
    pub lessons: Vec<LessonTally>,
}

impl ClassSummary {
    /// The summary of `games`, all played on one scenario of `accounts` accounts.
    pub fn of<'a>(accounts: usize, games: impl IntoIterator<Item = &'a GameTally>) -> ClassSummary {
        let games: Vec<&GameTally> = games.into_iter().collect();
        let accounts = (0..accounts)
            .map(|a| {
                let kept: Vec<&&GameTally> = games
                    .iter()
                    .filter(|g| g.kept.get(a).copied().unwrap_or(false))
                    .collect();
                // Summed in the games' order, as both summaries always did (floating-point
                // addition is not associative, and the numbers shown must not move).
                let mean_satisfaction = if kept.is_empty() {
                    0.0
                } else {
                    kept.iter().map(|g| g.satisfaction[a]).sum::<f64>() / kept.len() as f64
                };
                AccountTally {
                    kept: kept.len(),
                    of: games.len(),
                    mean_satisfaction,
                }
            })
            .collect();
        let mut lessons: Vec<LessonTally> = Vec::new();
        for (lesson, missed) in games.iter().flat_map(|g| &g.lessons) {
            match lessons.iter_mut().find(|t| t.lesson == *lesson) {
                Some(tally) => {
                    tally.missed += usize::from(*missed);
                    tally.assessed += 1;
                }
                None => lessons.push(LessonTally {
                    lesson: *lesson,
                    missed: usize::from(*missed),
                    assessed: 1,
                }),
            }
        }
        lessons.sort_by(|x, y| {
            y.missed_share()
                .total_cmp(&x.missed_share())
                .then(y.missed.cmp(&x.missed))
                .then(x.lesson.cmp(&y.lesson))
        });
        ClassSummary { accounts, lessons }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(kept: &[bool], satisfaction: &[f64], lessons: &[(Lesson, bool)]) -> GameTally {
        GameTally {
            kept: kept.to_vec(),
            satisfaction: satisfaction.to_vec(),
            lessons: lessons.to_vec(),
        }
    }

    /// The numbers both summaries gave before they were one, on a fixed class: kept counts
    /// and shares, the mean satisfaction of the games that kept an account, and the lessons
    /// most missed first.
    #[test]
    fn a_fixed_class_sums_up_as_before() {
        let (a, b, c) = (Lesson::Tiering, Lesson::Allocation, Lesson::Negotiation);
        let games = [
            tally(&[true, false], &[70.0, 10.0], &[(a, true), (b, false)]),
            tally(
                &[true, true],
                &[50.0, 40.0],
                &[(a, false), (b, true), (c, true)],
            ),
            tally(&[false, true], &[5.0, 60.0], &[(a, true)]),
            // A game still running: counted for the accounts, not for the lessons.
            tally(&[true, true], &[61.0, 30.0], &[]),
        ];
        let summary = ClassSummary::of(2, &games);
        assert_eq!(
            summary.accounts,
            vec![
                AccountTally {
                    kept: 3,
                    of: 4,
                    mean_satisfaction: (70.0 + 50.0 + 61.0) / 3.0,
                },
                AccountTally {
                    kept: 3,
                    of: 4,
                    mean_satisfaction: (40.0 + 60.0 + 30.0) / 3.0,
                },
            ]
        );
        assert_eq!(summary.accounts[0].kept_share(), 0.75);
        let lessons: Vec<(Lesson, usize, usize)> = summary
            .lessons
            .iter()
            .map(|t| (t.lesson, t.missed, t.assessed))
            .collect();
        // c: 1 of 1; a: 2 of 3; b: 1 of 2.
        assert_eq!(lessons, vec![(c, 1, 1), (a, 2, 3), (b, 1, 2)]);
    }

    #[test]
    fn no_games_is_zero_everywhere() {
        let summary = ClassSummary::of(3, &[]);
        assert_eq!(summary.accounts.len(), 3);
        assert!(
            summary
                .accounts
                .iter()
                .all(|t| t.kept == 0 && t.of == 0 && t.mean_satisfaction == 0.0)
        );
        assert_eq!(summary.accounts[0].kept_share(), 0.0);
        assert!(summary.lessons.is_empty());
    }

    /// A finished game's tally carries its lessons; the same game before its end, none.
    #[test]
    fn a_tally_judges_lessons_only_on_a_finished_game() {
        let (file, text) = crate::bundled::SCENARIOS[0];
        let (prepared, _) = crate::load::load_str(file, text).unwrap();
        let finished =
            crate::batch::play(&prepared, crate::strategy::StrategyId::Expert, 3).unwrap();
        let tally = GameTally::of(&finished);
        assert_eq!(tally.lessons, lessons_missed(&finished));
        assert!(!tally.lessons.is_empty());
        assert_eq!(tally.kept.len(), prepared.scenario.accounts.len());
        let started = Game::new(prepared, 3);
        assert!(GameTally::of(&started).lessons.is_empty());
    }
}

/// The expert's game on a seed, scored once at its end and after every month: what a trainee
/// is measured against, a finished game by the final scores and one counted before its end
/// after as many months (like with like, so a straggler is not ranked against finished games).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpertRun {
    /// The scores at the end of the game.
    pub scores: Scores,
    /// The composite after each month, index 0 the start and the last the end.
    pub by_month: Vec<f64>,
}

impl ExpertRun {
    /// The expert's composite after `months` months (the final one past the end).
    pub fn after(&self, months: u32) -> f64 {
        self.by_month
            .get(months as usize)
            .or(self.by_month.last())
            .copied()
            .unwrap_or(self.scores.composite)
    }
}

/// Plays the expert on `seed` once, scoring it after each month and at the end.
/// An error is the engine refusing the expert's own decision, a bug in the expert.
pub fn expert_run(prepared: &Arc<Prepared>, seed: u64) -> Result<ExpertRun, String> {
    let mut expert = StrategyId::Expert.build(seed);
    let mut game = Game::new(Arc::clone(prepared), seed);
    let mut by_month = vec![score(&game).composite];
    while let Some(decision) = next_decision(&game, expert.as_mut()) {
        let before = game.turn();
        game.decide(decision).map_err(|e| e.to_string())?;
        if game.turn() > before || game.is_finished() {
            by_month.push(score(&game).composite);
        }
    }
    Ok(ExpertRun {
        scores: score(&game),
        by_month,
    })
}

#[cfg(test)]
mod expert_tests {
    use super::*;

    #[test]
    fn the_expert_run_plays_the_same_game_as_the_expert_and_ends_at_its_final_score() {
        let prepared = crate::bundled::prepared("tutorial").unwrap();
        let run = expert_run(&prepared, 3).unwrap();
        assert_eq!(run.by_month.len(), prepared.scenario.turns as usize + 1);
        let played = crate::batch::play(&prepared, StrategyId::Expert, 3).unwrap();
        assert_eq!(run.scores, score(&played));
        assert_eq!(run.by_month.last().copied(), Some(run.scores.composite));
        assert_eq!(run.after(0), run.by_month[0]);
        assert_eq!(
            run.after(99),
            run.scores.composite,
            "past the end: the final score"
        );
    }
}

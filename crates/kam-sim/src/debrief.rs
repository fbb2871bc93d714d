//! The debrief: which of the courseware's teaching points the player met or missed, the
//! decisions that mattered, and each account's story told by its largest causes.
//!
//! Debriefing is where a simulation teaches (DOMAIN.md §3), so every verdict here names its
//! evidence in numbers the player can check against their own game.
//!
//! The debrief is worked out once, in no language: each face words it where it shows it
//! (`crate::words::debrief`, `crate::words::verdict`), so a language switch words it again
//! without judging the game again.

use crate::chance::{self, ChanceDraw};
use crate::engine::{Cause, Game, Metric};
use crate::ids::{AccountId, EventId};
use crate::negotiation_verdict::negotiation_verdicts;
use crate::scenario::{Lesson, Verdict};
use crate::score::{self, Scores};
use crate::verdict::{self, Evidence};

pub use crate::verdict::LessonOutcome;

/// An event's answer that mattered: the event and choice are the scenario's indices.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDecision {
    pub turn: u32,
    pub account: AccountId,
    pub event: EventId,
    pub choice: usize,
    pub verdict: Verdict,
}

/// An account's game in one place: kept or lost, and the causes that moved it most.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountStory {
    pub account: AccountId,
    pub retained: bool,
    pub satisfaction_change: f64,
    pub profit: f64,
    /// The largest causes of satisfaction change over the game, each summed over its months
    /// (`delta` is the sum), largest first.
    pub causes: Vec<Cause>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    pub scores: Scores,
    pub lessons: Vec<LessonOutcome>,
    pub decisions: Vec<KeyDecision>,
    pub accounts: Vec<AccountStory>,
    /// The draws that moved the score, with their odds: luck, shown apart from the verdicts.
    pub chance: Vec<ChanceDraw>,
}

/// Each teaching point the game was assessed on, once, with whether it was missed at least
/// once (a class report's and a class server's "most missed" count these).
pub fn lessons_missed(game: &Game) -> Vec<(Lesson, bool)> {
    let mut out: Vec<(Lesson, bool)> = Vec::new();
    for l in debrief(game).lessons {
        match out.iter_mut().find(|(x, _)| *x == l.lesson) {
            Some(entry) => entry.1 |= !l.met,
            None => out.push((l.lesson, !l.met)),
        }
    }
    out
}

/// The debrief of `game`: its teaching points, the answers that mattered, each account's story
/// and what chance decided.
pub fn debrief(game: &Game) -> Debrief {
    let scenario = game.scenario();
    // Each teaching point judged by the decisions and their expected worth (crate::verdict).
    let mut lessons = verdict::visits_verdicts(game);
    lessons.extend(verdict::allocation_verdict(game));
    lessons.extend(verdict::tiering_verdict(game));
    lessons.push(verdict::warning_verdict(game));
    lessons.extend(verdict::pipeline_verdict(game));
    lessons.extend(verdict::discount_verdict(game));
    lessons.extend(verdict::objection_verdicts(game));

    // Negotiations: a deal both sides can live with, judged against what the table allowed.
    lessons.extend(
        negotiation_verdicts(game)
            .into_iter()
            .map(|(n, verdict)| LessonOutcome {
                lesson: Lesson::Negotiation,
                met: verdict.met(),
                evidence: Evidence::Negotiation {
                    negotiation: n,
                    verdict,
                },
            }),
    );

    // Event answers, by the lesson each event practises.
    let mut decisions = Vec::new();
    for c in game.choices() {
        if let Some(lesson) = scenario.events[c.event].lesson
            && c.verdict != Verdict::Neutral
        {
            lessons.push(LessonOutcome {
                lesson,
                met: c.verdict == Verdict::Good,
                evidence: Evidence::Answer {
                    event: c.event,
                    choice: c.choice,
                },
            });
        }
        decisions.push(KeyDecision {
            turn: c.turn,
            account: c.account,
            event: c.event,
            choice: c.choice,
            verdict: c.verdict,
        });
    }
    lessons.sort_by_key(|l| (l.lesson, l.met));

    Debrief {
        scores: score::score(game),
        lessons,
        decisions,
        accounts: (0..scenario.accounts.len())
            .map(|a| account_story(game, a))
            .collect(),
        chance: chance::draws(game),
    }
}

/// An account's story: kept or lost, its change in satisfaction and profit, and the five
/// largest causes of its satisfaction's change, each summed over the game.
fn account_story(game: &Game, a: usize) -> AccountStory {
    let history = game.history(a);
    let mut causes: Vec<Cause> = Vec::new();
    for record in history {
        for cause in record
            .causes
            .iter()
            .filter(|c| c.metric == Metric::Satisfaction)
        {
            match causes.iter_mut().find(|c| c.source == cause.source) {
                Some(entry) => entry.delta += cause.delta,
                None => causes.push(*cause),
            }
        }
    }
    causes.sort_by(|x, y| y.delta.abs().total_cmp(&x.delta.abs()));
    causes.truncate(5);
    let start = &game.scenario().accounts[a];
    AccountStory {
        account: AccountId(a),
        retained: !game.accounts()[a].churned,
        satisfaction_change: history.last().map_or(0.0, |r| r.satisfaction) - start.satisfaction,
        profit: history.iter().map(|r| r.profit.total()).sum(),
        causes,
    }
}

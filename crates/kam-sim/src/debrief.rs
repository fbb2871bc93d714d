//! The debrief: which of the courseware's teaching points the player met or missed, the
//! decisions that mattered, and each account's story told by its largest causes.
//!
//! Debriefing is where a simulation teaches (DOMAIN.md §3), so every verdict here names its
//! evidence in numbers the player can check against their own game.

use crate::chance::{self, ChanceDraw};
use crate::engine::{Game, Metric};
use crate::explain::cause_text_over_game;
use crate::negotiation_verdict::negotiation_verdicts;
use crate::scenario::{Language, Lesson, Verdict};
use crate::score::{self, Scores};
use crate::verdict;

pub use crate::verdict::LessonOutcome;

#[derive(Debug, Clone, PartialEq)]
pub struct KeyDecision {
    pub turn: u32,
    pub account: String,
    pub text: String,
    pub verdict: Verdict,
    pub feedback: String,
}

/// An account's game in one place: kept or lost, and the causes that moved it most.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountStory {
    pub account: usize,
    pub name: String,
    pub retained: bool,
    pub satisfaction_change: f64,
    pub profit: f64,
    /// The largest summed causes of satisfaction change over the game, largest first.
    pub causes: Vec<(String, f64)>,
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
    for l in debrief(game, game.scenario().language).lessons {
        match out.iter_mut().find(|(x, _)| *x == l.lesson) {
            Some(entry) => entry.1 |= !l.met,
            None => out.push((l.lesson, !l.met)),
        }
    }
    out
}

pub fn debrief(game: &Game, lang: Language) -> Debrief {
    let scenario = game.scenario();
    // Each teaching point judged by the decisions and their expected worth (crate::verdict).
    let mut lessons = verdict::visits_verdicts(game, lang);
    lessons.extend(verdict::allocation_verdict(game, lang));
    lessons.extend(verdict::tiering_verdict(game, lang));
    lessons.push(verdict::warning_verdict(game, lang));
    lessons.extend(verdict::pipeline_verdict(game, lang));
    lessons.extend(verdict::discount_verdict(game, lang));
    lessons.extend(verdict::objection_verdicts(game, lang));

    // Negotiations: a deal both sides can live with, judged against what the table allowed.
    lessons.extend(
        negotiation_verdicts(game)
            .into_iter()
            .map(|(n, met, v)| LessonOutcome {
                lesson: Lesson::Negotiation,
                met,
                evidence: v.evidence(&scenario.negotiations[n].title, lang),
            }),
    );

    // Event answers, by the lesson each event practises.
    let mut decisions = Vec::new();
    for c in game.choices() {
        let e = &scenario.events[c.event];
        let choice = &e.choices[c.choice];
        if let Some(lesson) = e.lesson
            && c.verdict != Verdict::Neutral
        {
            lessons.push(LessonOutcome {
                lesson,
                met: c.verdict == Verdict::Good,
                evidence: match lang {
                    Language::Zh => format!("{}：{}", e.title, choice.label),
                    Language::En => format!("{} — {}", e.title, choice.label),
                },
            });
        }
        decisions.push(KeyDecision {
            turn: c.turn,
            account: scenario.accounts[c.account].name.clone(),
            text: lang.pick(
                format!("{}：{}", e.title, choice.label),
                format!("{}: {}", e.title, choice.label),
            ),
            verdict: c.verdict,
            feedback: choice.feedback.clone(),
        });
    }
    lessons.sort_by_key(|l| (l.lesson, l.met));

    let accounts = (0..scenario.accounts.len())
        .map(|a| {
            let history = game.history(a);
            let mut causes: Vec<(String, f64)> = Vec::new();
            for record in history {
                for cause in record
                    .causes
                    .iter()
                    .filter(|c| c.metric == Metric::Satisfaction)
                {
                    let text = cause_text_over_game(game, a, cause, lang);
                    match causes.iter_mut().find(|(t, _)| *t == text) {
                        Some(entry) => entry.1 += cause.delta,
                        None => causes.push((text, cause.delta)),
                    }
                }
            }
            causes.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()));
            causes.truncate(5);
            AccountStory {
                account: a,
                name: scenario.accounts[a].name.clone(),
                retained: !game.accounts()[a].churned,
                satisfaction_change: history.last().map_or(0.0, |r| r.satisfaction)
                    - scenario.accounts[a].satisfaction,
                profit: history.iter().map(|r| r.profit.total()).sum(),
                causes,
            }
        })
        .collect();

    Debrief {
        scores: score::score(game),
        lessons,
        decisions,
        accounts,
        chance: chance::draws(game, lang),
    }
}

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
use crate::scenario::{Language, Lesson, Verdict};
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

/// The share of the profit rate a deal must keep to count as win-win: giving up more than a
/// tenth of it is buying agreement (courseware: trade concessions, never give them away).
pub const WIN_WIN_PROFIT_KEPT: f64 = 0.9;

/// Whether a negotiation ended win-win: a deal that keeps [`WIN_WIN_PROFIT_KEPT`] of the
/// profit rate it started from.
pub fn is_win_win(deal: bool, profit_rate_before: f64, profit_rate_after: f64) -> bool {
    deal && profit_rate_after >= profit_rate_before * WIN_WIN_PROFIT_KEPT - 1e-9
}

/// A negotiation's outcome judged by the same rule as the debrief's teaching point, in words.
pub fn deal_verdict(
    deal: bool,
    profit_rate_before: f64,
    profit_rate_after: f64,
    lang: Language,
) -> String {
    let kept = if profit_rate_before.abs() > 1e-9 {
        100.0 * profit_rate_after / profit_rate_before
    } else {
        100.0
    };
    if is_win_win(deal, profit_rate_before, profit_rate_after) {
        if kept > 100.5 {
            let more = kept - 100.0;
            lang.pick(
                format!("双赢：达成了协议，每月利润比原来还高 {more:.0}%。"),
                format!("Win-win: a deal that raises the profit rate by {more:.0}%."),
            )
        } else {
            lang.pick(
                format!("双赢：达成了协议，每月利润保住了原来的 {kept:.0}%。"),
                format!("Win-win: a deal that keeps {kept:.0}% of the profit rate."),
            )
        }
    } else if deal {
        lang.pick(
            format!("达成了协议，但每月利润只剩原来的 {kept:.0}%：让步换来的不够，不是双赢。"),
            format!(
                "A deal, but only {kept:.0}% of the profit rate is left: the concessions bought too little back, so not win-win."
            ),
        )
    } else if profit_rate_after < profit_rate_before - 0.05 {
        // Walking away from a renewal is not "nothing changes": the contract lapses.
        lang.pick(
            format!(
                "没有达成协议，这代价很高：每月利润 {profit_rate_before:.1} → {profit_rate_after:.1}（合同没有续上）。"
            ),
            format!(
                "No deal, and it costs: profit per month {profit_rate_before:.1} → {profit_rate_after:.1} (the contract was not renewed)."
            ),
        )
    } else {
        lang.pick(
            "没有达成协议：条件保持原样，客户的要求也没有得到回应。".to_owned(),
            "No deal: the terms stay as they were, and the buyer's demands went unanswered."
                .to_owned(),
        )
    }
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

    // Negotiations: a deal both sides can live with.
    for r in game.negotiation_records() {
        let win_win = is_win_win(r.deal.is_some(), r.profit_rate_before, r.profit_rate_after);
        lessons.push(LessonOutcome {
            lesson: Lesson::Negotiation,
            met: win_win,
            evidence: Evidence::Negotiation {
                negotiation: r.negotiation,
                deal: r.deal.is_some(),
                before: r.profit_rate_before,
                after: r.profit_rate_after,
                win_win,
            },
        });
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The negotiation screen's verdict and the debrief's teaching point judge a deal alike:
    /// a deal that gives away more than a tenth of the profit rate is not win-win, however it
    /// is reached.
    #[test]
    fn a_deal_is_win_win_only_if_it_keeps_the_profit() {
        assert!(is_win_win(true, 20.0, 18.5));
        assert!(!is_win_win(true, 20.0, 17.5));
        assert!(!is_win_win(false, 20.0, 20.0));
        let en = |deal, after| deal_verdict(deal, 20.0, after, Language::En);
        assert!(en(true, 18.5).starts_with("Win-win") && en(true, 18.5).contains("92%"));
        assert!(en(true, 17.5).contains("not win-win") && en(true, 17.5).contains("88%"));
        assert!(en(false, 20.0).starts_with("No deal: the terms stay"));
        assert!(
            en(false, 0.0).contains("20.0 → 0.0"),
            "walking away from a renewal says what it cost"
        );
        assert_ne!(
            deal_verdict(true, 20.0, 18.5, Language::Zh),
            deal_verdict(true, 20.0, 17.5, Language::Zh)
        );
    }
}

//! The debrief's "you and the expert": month by month, what the trainee did and what the
//! built-in `expert` did on the same seed, with the reason for each of the expert's choices
//! taken from the model (the norm it served, the fit of its pitches, the verdict of its
//! answers, what its offers were worth to the buyer).
//!
//! The lines are typed ([`MonthLine`], [`PlanLine`]); `crate::words::compare` words them.

use std::ops::ControlFlow;

use crate::engine::{Decision, Game, Pending, Plan, ResourceUse, Visit};
use crate::ids::{AccountId, EventId, NegotiationId};
use crate::model;

/// One month of two games.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthComparison {
    pub month: u32,
    pub you: Vec<MonthLine>,
    pub expert: Vec<MonthLine>,
}

/// One decision of a month (a plan, one line per account it touches).
#[derive(Debug, Clone, PartialEq)]
pub enum MonthLine {
    Plan(PlanLine),
    /// An event's answer: the scenario's event, the account it came from and the choice.
    Answer {
        event: EventId,
        account: AccountId,
        choice: usize,
    },
    /// An offer in a negotiation: an option per issue, and what it was worth to the buyer.
    Offer {
        negotiation: NegotiationId,
        offer: Vec<usize>,
        buyer_value: f64,
    },
    WalkedAway,
}

/// A plan's line: an account it touches, or that it planned nothing at all.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanLine {
    /// Who at the account is visited with which pitch, which resources it gets, and (for the
    /// expert) why.
    Account {
        account: AccountId,
        visits: Vec<Visit>,
        resources: Vec<ResourceUse>,
        reasons: Option<PlanReasons>,
    },
    NothingPlanned,
}

/// Why the expert planned an account so: its visit norm, and whether every pitch suits the
/// person visited (false without visits).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanReasons {
    pub norm: f64,
    pub every_pitch_fits: bool,
}

/// Both games month by month (the same scenario and seed).
pub fn months(you: &Game, expert: &Game) -> Vec<MonthComparison> {
    let (mine, theirs) = (by_month(you, false), by_month(expert, true));
    let months = mine.len().max(theirs.len());
    (0..months)
        .map(|m| MonthComparison {
            month: m as u32 + 1,
            you: mine.get(m).cloned().unwrap_or_default(),
            expert: theirs.get(m).cloned().unwrap_or_default(),
        })
        .collect()
}

/// A game's decisions, grouped by the month they were made in.
fn by_month(game: &Game, reasons: bool) -> Vec<Vec<MonthLine>> {
    let mut out: Vec<Vec<MonthLine>> = Vec::new();
    crate::record::walk_log(game, |_, decision, replay| {
        let month = replay.turn() as usize;
        if out.len() < month {
            out.resize(month, Vec::new());
        }
        let lines = &mut out[month - 1];
        match (decision, replay.pending().cloned()) {
            (Decision::Plan(plan), _) => lines.extend(
                plan_lines(replay, plan, reasons)
                    .into_iter()
                    .map(MonthLine::Plan),
            ),
            (Decision::Choose(c), Some(Pending::Event { event, account, .. })) => {
                lines.push(MonthLine::Answer {
                    event,
                    account,
                    choice: *c,
                });
            }
            (Decision::Offer(offer), Some(Pending::Negotiation(state))) => {
                let n = &game.scenario().negotiations[state.negotiation];
                lines.push(MonthLine::Offer {
                    negotiation: state.negotiation,
                    offer: offer.clone(),
                    buyer_value: Game::buyer_value(n, offer),
                });
            }
            (Decision::WalkAway, _) => lines.push(MonthLine::WalkedAway),
            _ => {}
        }
        ControlFlow::Continue(())
    });
    out
}

/// A plan, one line per account it touches (who is visited with which pitch, which
/// resources), as it reads in `game`, the game it is about to be played in; with `reasons`,
/// each line also gives the account's visit norm and whether every pitch fits.
pub fn plan_lines(game: &Game, plan: &Plan, reasons: bool) -> Vec<PlanLine> {
    let scenario = game.scenario();
    let mut lines = Vec::new();
    for a in (0..scenario.accounts.len()).map(AccountId) {
        let visits: Vec<Visit> = plan
            .visits
            .iter()
            .filter(|v| v.account == a)
            .copied()
            .collect();
        let resources: Vec<ResourceUse> = plan
            .resources
            .iter()
            .filter(|r| r.account == a)
            .copied()
            .collect();
        if visits.is_empty() && resources.is_empty() {
            continue;
        }
        let state = &game.accounts()[a];
        let reasons = reasons.then(|| PlanReasons {
            norm: game.prepared().norms[a],
            every_pitch_fits: visits.iter().all(|v| {
                model::fit(
                    &scenario.approaches[v.approach],
                    &state.people[v.stakeholder].person,
                ) >= model::GOOD_FIT
            }) && !visits.is_empty(),
        });
        lines.push(PlanLine::Account {
            account: a,
            visits,
            resources,
            reasons,
        });
    }
    if plan.visits.is_empty() && plan.resources.is_empty() {
        lines.push(PlanLine::NothingPlanned);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Lang;

    #[test]
    fn every_month_of_both_games_is_told_and_the_expert_gives_reasons() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let you = crate::batch::play(&prepared, crate::strategy::StrategyId::Even, 5).unwrap();
        let expert = crate::batch::play(&prepared, crate::strategy::StrategyId::Expert, 5).unwrap();
        let months = months(&you, &expert);
        let words = |game: &Game, lines: &[MonthLine]| -> Vec<String> {
            lines.iter().map(|l| l.words(game, Lang::En)).collect()
        };
        assert_eq!(months.len() as u32, prepared.scenario.turns);
        for m in &months {
            assert!(
                !m.you.is_empty() && !m.expert.is_empty(),
                "month {}",
                m.month
            );
        }
        assert!(
            months
                .iter()
                .flat_map(|m| words(&expert, &m.expert))
                .any(|l| l.contains("norm of"))
        );
        assert!(
            months
                .iter()
                .flat_map(|m| words(&expert, &m.expert))
                .any(|l| l.contains("a good answer"))
        );
        assert!(
            months
                .iter()
                .flat_map(|m| words(&you, &m.you))
                .all(|l| !l.contains("norm of"))
        );
    }
}

//! The expert's answers to events: each answer valued by the account it leaves, its money and
//! the expected cost of an objection that comes back.

use super::Expert;
use super::value::{Nudge, account_value, money_value, open_objections};
use crate::engine::Game;
use crate::ids::{AccountId, EventId};
use crate::model;
use crate::scenario::{Effect, EventKind, Trigger, Verdict};

impl Expert {
    /// The answer to `event` at `account`: the one worth most, never one the courseware calls
    /// poor when there is another, unless a habit says otherwise.
    pub(super) fn answer(&mut self, game: &Game, event: EventId, account: AccountId) -> usize {
        let def = &game.scenario().events[event];
        let n = def.choices.len();
        let mut allowed: Vec<usize> = (0..n).collect();
        let habits = self.habits;
        if habits.worst_rumour && matches!(def.kind, EventKind::Rumour { .. }) {
            if let Some(c) = allowed
                .iter()
                .copied()
                .find(|&c| def.choices[c].verdict == Verdict::Poor)
            {
                return c;
            }
            return (0..n)
                .map(|c| (c, self.answer_value(game, event, account, c)))
                .fold((0, f64::MAX), |b, x| if x.1 < b.1 { x } else { b })
                .0;
        }
        if habits.ignore_warnings
            && matches!(def.kind, EventKind::WarningSign | EventKind::PaymentDelay)
        {
            // Short-sighted: the cheapest answer, then the one that pleases most right now,
            // blind to payment terms, pressure and what the sign says about the future.
            let pleases = |c: usize| {
                def.choices[c]
                    .effects
                    .iter()
                    .map(|e| match e {
                        Effect::Satisfaction(x) => *x,
                        _ => 0.0,
                    })
                    .sum::<f64>()
            };
            return (0..n)
                .min_by(|&x, &y| {
                    def.choices[x]
                        .cost
                        .total_cmp(&def.choices[y].cost)
                        .then(pleases(y).total_cmp(&pleases(x)))
                })
                .unwrap_or(0);
        }
        if habits.stop_gap && def.kind == EventKind::Objection {
            let stop_gaps: Vec<usize> = allowed
                .iter()
                .copied()
                .filter(|&c| !def.choices[c].resolves)
                .collect();
            if !stop_gaps.is_empty() {
                allowed = stop_gaps;
            }
        } else if allowed
            .iter()
            .any(|&c| def.choices[c].verdict != Verdict::Poor)
        {
            // An expert never takes the answer the courseware calls poor when there is another.
            allowed.retain(|&c| def.choices[c].verdict != Verdict::Poor);
        }
        allowed
            .into_iter()
            .map(|c| (c, self.answer_value(game, event, account, c)))
            .fold((0, f64::MIN), |b, x| if x.1 > b.1 { x } else { b })
            .0
    }

    /// What answering `choice` is worth: the account after it, its money, and for an answer
    /// that leaves an objection unsolved, the expected cost of its coming back.
    fn answer_value(&self, game: &Game, event: EventId, id: AccountId, choice: usize) -> f64 {
        let def = &game.scenario().events[event];
        let money = money_value(game);
        let (after, cash) = game.after_choice(event, id, choice);
        // The value model numbers accounts by position.
        let account = id.index();
        // An objection some answer can solve weighs on the account every turn until solved:
        // solving it lifts that weight, leaving it open adds its likely returns.
        let mut open = open_objections(game, account);
        let solvable = def.kind == EventKind::Objection && def.choices.iter().any(|c| c.resolves);
        let fired = game.times_fired(event, id);
        let turns_after = game.scenario().turns.saturating_sub(game.turn());
        let returns = match def.trigger {
            Trigger::Conditional {
                probability,
                max_times,
                ..
            } => model::expected_repeats(fired, max_times, probability, turns_after),
            Trigger::Scripted { .. } => (0.0, 0.0),
        };
        if solvable {
            if def.choices[choice].resolves {
                open -= fired as f64;
            } else {
                open += returns.0 / 2.0;
            }
        }
        let mut value = account_value(
            game,
            account,
            &after,
            self.habits.ignore_warnings,
            open,
            Nudge::default(),
        ) + money * cash;
        if let Trigger::Conditional { .. } = def.trigger
            && !def.choices[choice].resolves
        {
            let effects = &game.prepared().resolved.repeat_effects[event];
            if !effects.is_empty() {
                let weight = returns.1;
                let now = self.value(game, account, &game.accounts()[account]);
                let (hit, hit_cash) = game.after_effects(id, effects, 1.0);
                let one_repeat = now - self.value(game, account, &hit) - money * hit_cash;
                value -= weight * one_repeat;
            }
        }
        value
    }
}

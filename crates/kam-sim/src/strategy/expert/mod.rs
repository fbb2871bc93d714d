//! The expert: CALLPLAN with a value model of the score, the role model the debrief and the
//! coach compare a trainee with, and (with [`Habits`]) each ablation. How it values an account
//! is [`value`], how it plans a month [`plan`], how it answers an event [`answer`] and how it
//! negotiates [`negotiate`].

mod answer;
mod negotiate;
mod plan;
mod value;

use rand_chacha::ChaCha8Rng;

use super::Strategy;
use crate::engine::{Decision, Game, NegotiationState, Plan};
use crate::ids::{AccountId, EventId};

/// Which teaching points the expert forgets; all false is the expert itself.
#[derive(Debug, Clone, Copy, Default)]
pub(in crate::strategy) struct Habits {
    pub(in crate::strategy) spread_visits: bool,
    pub(in crate::strategy) random_pitch: bool,
    pub(in crate::strategy) worst_rumour: bool,
    pub(in crate::strategy) stop_gap: bool,
    pub(in crate::strategy) ignore_warnings: bool,
    pub(in crate::strategy) concede: bool,
    pub(in crate::strategy) discount_all: bool,
    pub(in crate::strategy) over_serve: bool,
    pub(in crate::strategy) stereotype_pitch: bool,
}

/// CALLPLAN with a value model of the score: every visit, resource, answer and offer goes where
/// it adds most to the final composite, valued over the turns left with the model's own rules.
pub(in crate::strategy) struct Expert {
    pub(in crate::strategy) habits: Habits,
    pub(in crate::strategy) rng: ChaCha8Rng,
}

impl Strategy for Expert {
    fn plan(&mut self, game: &Game) -> Plan {
        // What each account is worth as it stands, the baseline of every marginal value.
        let base: Vec<f64> = (0..game.accounts().len())
            .map(|a| self.value(game, a, &game.accounts()[a]))
            .collect();
        let visits = self.plan_visits(game, &base);
        let resources = self.plan_resources(game, &visits, &base);
        Plan { visits, resources }
    }

    fn choose(&mut self, game: &Game, event: EventId, account: AccountId) -> usize {
        self.answer(game, event, account)
    }

    fn negotiate(&mut self, game: &Game, state: &NegotiationState) -> Decision {
        self.offer(game, state)
    }
}

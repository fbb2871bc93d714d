//! Built-in strategies that play whole games headless, events and negotiations included.
//!
//! They are benchmarks for trainees and instructors: `random` (legal but aimless), `even`
//! (the same effort for every account), `tier-norms` (the courseware's visit norms by tier),
//! `pareto` (the top fifth of accounts first) and `expert` (CALLPLAN: each visit and resource
//! to the highest marginal return, style-matched pitches, good event and negotiation choices).
//! Only `expert` knows about communication styles; the others pick a pitch at random, as a
//! salesperson who has not learned the four quadrants would.
//!
//! The ablations ([`Ablation`]) are the expert with exactly one teaching point removed or
//! replaced by the bad habit the courseware warns against; what each costs the expert is what
//! that teaching point is worth in a scenario (`kam balance`).
//!
//! The expert values everything through [`crate::model`] and the engine's own previews
//! ([`Game::after_choice`], [`Game::after_resource`], [`Game::after_deal`]): it sees what the
//! engine applies, and nothing re-implements the model here.
//!
//! One job per file: [`id`] names the strategies, [`naive`] plays the benchmarks a trainee might
//! play, and [`expert`] is the role model (its value model, plan, answers and offers).

mod expert;
mod id;
mod naive;

pub use id::{Ablation, AblationKind, StrategyId, UnknownStrategy};

use crate::engine::{self, Decision, Game, NegotiationState, Pending, Plan, ResourceUse};
use crate::ids::{AccountId, EventId, ResourceId};

/// Decides for a game whenever it waits for a decision.
pub trait Strategy {
    fn plan(&mut self, game: &Game) -> Plan;
    /// The answer to `event` at `account`, by its position among the event's choices.
    fn choose(&mut self, game: &Game, event: EventId, account: AccountId) -> usize;
    fn negotiate(&mut self, game: &Game, state: &NegotiationState) -> Decision;
}

/// The decision a strategy makes for the game's current state.
pub fn next_decision(game: &Game, strategy: &mut dyn Strategy) -> Option<Decision> {
    if game.is_finished() {
        return None;
    }
    Some(match game.pending() {
        None => Decision::Plan(strategy.plan(game)),
        Some(Pending::Event { event, account, .. }) => {
            Decision::Choose(strategy.choose(game, *event, *account))
        }
        Some(Pending::Negotiation(state)) => strategy.negotiate(game, state),
    })
}

/// Plays a game to its end.
pub fn play_out(game: &mut Game, strategy: &mut dyn Strategy) -> Result<(), engine::DecisionError> {
    while let Some(decision) = next_decision(game, strategy) {
        game.decide(decision)?;
    }
    Ok(())
}

/// The accounts not lost yet.
fn live_accounts(game: &Game) -> Vec<usize> {
    (0..game.accounts().len())
        .filter(|&a| !game.accounts()[a].churned)
        .collect()
}

/// Units of `resource` already planned for `account`.
fn units_used(uses: &[ResourceUse], account: AccountId, resource: ResourceId) -> u32 {
    uses.iter()
        .filter(|u| u.account == account && u.resource == resource)
        .map(|u| u.units)
        .sum()
}

//! The names of a scenario's and a game's things as the typed messages' words quote them,
//! "?" for an index a scenario edited under a saved finding no longer has: one lookup each,
//! for every family of words.

use crate::engine::{Game, ResourceUse};
use crate::ids::{AccountId, ApproachId, MemberId};
use crate::scenario::{Negotiation, Scenario};

/// An account's name as the scenario gives it.
pub(super) fn account_name(scenario: &Scenario, account: AccountId) -> &str {
    scenario
        .accounts
        .get(account.index())
        .map_or("?", |a| a.name.as_str())
}

/// A person's name as the game has them (events bring new people).
pub(super) fn person_name(game: &Game, account: AccountId, stakeholder: MemberId) -> &str {
    game.accounts()
        .get(account.index())
        .and_then(|a| a.people.get(stakeholder.index()))
        .map_or("?", |p| p.person.name.as_str())
}

/// An approach's name.
pub(super) fn approach_name(scenario: &Scenario, approach: ApproachId) -> &str {
    scenario
        .approaches
        .get(approach.index())
        .map_or("?", |p| p.name.as_str())
}

/// The name of the resource a plan line uses.
pub(super) fn resource_name<'a>(scenario: &'a Scenario, r: &ResourceUse) -> &'a str {
    scenario
        .means
        .resources
        .get(r.resource.index())
        .map_or("?", |x| x.name.as_str())
}

/// An offer's option labels, one per issue in the negotiation's order (an option the issue
/// does not have is left out); each face joins them as its sentence needs.
pub(super) fn option_labels<'a>(def: &'a Negotiation, offer: &[usize]) -> Vec<&'a str> {
    def.issues
        .iter()
        .zip(offer)
        .filter_map(|(issue, &o)| issue.options.get(o).map(|x| x.label.as_str()))
        .collect()
}

//! The scenario's string references resolved once, when it is prepared: which account an
//! event or a negotiation concerns, which negotiation an answer opens, and whom a support
//! effect targets (everyone, or one person). The engine applies these resolved forms every
//! turn instead of searching the scenario by id; the authoring types stay string-based.

use std::collections::HashMap;
use std::sync::Arc;

use crate::ids::{AccountId, NegotiationId, PersonId};
use crate::model;
use crate::scenario::{Effect, Opportunity, Scenario, Stakeholder, Trigger};

/// The accounts an event can fire for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventScope {
    /// Every account (a conditional event without an account).
    Every,
    /// One account.
    Account(AccountId),
    /// None: the event names an account the scenario does not have.
    Nowhere,
}

/// Whom a support effect reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every present person of the account (the author's empty id).
    Everyone,
    /// The present person with this id.
    Person(PersonId),
}

/// An [`Effect`] with its references resolved: the form the engine and the previews apply.
#[derive(Debug, Clone, PartialEq)]
pub enum ResolvedEffect {
    Satisfaction(f64),
    Support(Target, f64),
    Share(f64),
    Pressure(f64),
    Margin(f64),
    Cash(f64),
    PaymentDays(f64),
    RemoveStakeholder(PersonId),
    /// Shared, so adding the person in a game (or a what-if copy) does not copy them.
    AddStakeholder(Arc<Stakeholder>, PersonId),
    AddOpportunity(Arc<Opportunity>),
    /// The negotiation opened, `None` when the id names none (then nothing opens).
    StartNegotiation(Option<NegotiationId>),
    Lose,
}

/// Every reference of a scenario, resolved: one entry per event, choice and negotiation.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Per event, the accounts it can fire for.
    pub event_scope: Vec<EventScope>,
    /// Per event and choice, what answering it does.
    pub choice_effects: Vec<Vec<Vec<ResolvedEffect>>>,
    /// Per event, what each return of it does ([`model::repeat_effects`]), once per unit of
    /// repeat.
    pub repeat_effects: Vec<Vec<ResolvedEffect>>,
    /// Per negotiation, the account the scenario opens it with.
    pub negotiation_account: Vec<Option<AccountId>>,
    /// Per negotiation, the person across the table, if the author named one.
    pub negotiation_buyer: Vec<Option<PersonId>>,
    /// Per account, its people at the start, in the scenario's order.
    pub account_people: Vec<Vec<PersonId>>,
}

/// Numbers each distinct person id in the order first met.
#[derive(Default)]
struct People {
    ids: HashMap<String, PersonId>,
}

impl People {
    fn id(&mut self, name: &str) -> PersonId {
        let next = PersonId(self.ids.len());
        *self.ids.entry(name.to_owned()).or_insert(next)
    }
}

impl Resolved {
    pub fn new(scenario: &Scenario) -> Resolved {
        // The first account with an id, as a search in account order would find.
        let account = |id: &str| {
            scenario
                .accounts
                .iter()
                .position(|a| a.id == id)
                .map(AccountId)
        };
        let negotiation = |id: &str| {
            scenario
                .negotiations
                .iter()
                .position(|n| n.id == id)
                .map(NegotiationId)
        };
        let mut people = People::default();
        let account_people: Vec<Vec<PersonId>> = scenario
            .accounts
            .iter()
            .map(|a| a.stakeholders.iter().map(|s| people.id(&s.id)).collect())
            .collect();
        let mut resolve = |effect: &Effect| match effect {
            Effect::Satisfaction(x) => ResolvedEffect::Satisfaction(*x),
            Effect::Support(id, x) if id.is_empty() => {
                ResolvedEffect::Support(Target::Everyone, *x)
            }
            Effect::Support(id, x) => ResolvedEffect::Support(Target::Person(people.id(id)), *x),
            Effect::Share(x) => ResolvedEffect::Share(*x),
            Effect::Pressure(x) => ResolvedEffect::Pressure(*x),
            Effect::Margin(x) => ResolvedEffect::Margin(*x),
            Effect::Cash(x) => ResolvedEffect::Cash(*x),
            Effect::PaymentDays(x) => ResolvedEffect::PaymentDays(*x),
            Effect::RemoveStakeholder(id) => ResolvedEffect::RemoveStakeholder(people.id(id)),
            Effect::AddStakeholder(person) => {
                ResolvedEffect::AddStakeholder(Arc::new(person.clone()), people.id(&person.id))
            }
            Effect::AddOpportunity(o) => ResolvedEffect::AddOpportunity(Arc::new(o.clone())),
            Effect::StartNegotiation(id) => ResolvedEffect::StartNegotiation(negotiation(id)),
            Effect::Lose => ResolvedEffect::Lose,
        };
        let event_scope = scenario
            .events
            .iter()
            .map(|e| match &e.trigger {
                Trigger::Scripted { account: id, .. }
                | Trigger::Conditional {
                    account: Some(id), ..
                } => account(id).map_or(EventScope::Nowhere, EventScope::Account),
                Trigger::Conditional { account: None, .. } => EventScope::Every,
            })
            .collect();
        let choice_effects = scenario
            .events
            .iter()
            .map(|e| {
                e.choices
                    .iter()
                    .map(|c| c.effects.iter().map(&mut resolve).collect())
                    .collect()
            })
            .collect();
        let repeat_effects = scenario
            .events
            .iter()
            .map(|e| {
                model::repeat_effects(e.kind, &e.on_repeat)
                    .iter()
                    .map(&mut resolve)
                    .collect()
            })
            .collect();
        let negotiation_account = scenario
            .negotiations
            .iter()
            .map(|n| account(&n.account))
            .collect();
        let negotiation_buyer = scenario
            .negotiations
            .iter()
            .map(|n| n.buyer.as_deref().map(|id| people.id(id)))
            .collect();
        Resolved {
            event_scope,
            choice_effects,
            repeat_effects,
            negotiation_account,
            negotiation_buyer,
            account_people,
        }
    }
}

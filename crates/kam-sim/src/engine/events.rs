//! Events: which fire each turn (scripted, conditional and random), what an answer does,
//! and how repeated objections escalate (part of the engine, split out of `engine.rs` to keep
//! each file to one job).

use super::*;

impl Game {
    pub(super) fn queue_events(&mut self) {
        let prepared = Arc::clone(&self.prepared);
        let scenario = &prepared.scenario;
        let turn = self.turn;
        for (e, event) in scenario.events.iter().enumerate() {
            let e = EventId(e);
            let scope = prepared.resolved.event_scope[e];
            match &event.trigger {
                Trigger::Scripted { turn: t, .. } => {
                    if *t != turn {
                        continue;
                    }
                    if let EventScope::Account(a) = scope
                        && !self.accounts[a].churned
                    {
                        self.fire(e, a);
                    }
                }
                Trigger::Conditional {
                    account: _,
                    probability,
                    when,
                    from_turn,
                    to_turn,
                    max_times,
                } => {
                    if turn < *from_turn || to_turn.is_some_and(|t| turn > t) {
                        continue;
                    }
                    for a in self.account_ids() {
                        let concerned = match scope {
                            EventScope::Every => true,
                            EventScope::Account(only) => only == a,
                            EventScope::Nowhere => false,
                        };
                        if !concerned {
                            continue;
                        }
                        let tally = self.tallies[e][a];
                        if self.accounts[a].churned || tally.resolved || tally.fired >= *max_times {
                            continue;
                        }
                        if !when.iter().all(|c| self.holds(a, c)) {
                            continue;
                        }
                        if self.chance(Draw::Event(e, a)) < *probability {
                            self.fire(e, a);
                        }
                    }
                }
            }
        }
        for (g, negotiation) in scenario.negotiations.iter().enumerate() {
            let g = NegotiationId(g);
            let Some(a) = prepared.resolved.negotiation_account[g] else {
                continue;
            };
            let opens = negotiation
                .turn
                .or(scenario.accounts[a].contract.renewal_turn);
            if opens == Some(turn) && !self.accounts[a].churned {
                self.open_negotiation(g, a);
            }
        }
    }

    pub(super) fn holds(&self, a: AccountId, condition: &Condition) -> bool {
        let s = &self.accounts[a];
        match condition {
            Condition::SatisfactionBelow(x) => s.satisfaction < *x,
            Condition::SatisfactionAbove(x) => s.satisfaction > *x,
            Condition::PressureAbove(x) => s.pressure > *x,
            Condition::SupportBelow(x) => s.relationship() < *x,
            Condition::NeglectedFor(n) => s.neglected_for >= *n,
            Condition::Tier(t) => self.scenario().accounts[a].tier == *t,
        }
    }

    pub(super) fn fire(&mut self, event: EventId, account: AccountId) {
        let repeat = self.tallies[event][account].fired;
        self.tallies[event][account].fired += 1;
        let prepared = Arc::clone(&self.prepared);
        if repeat > 0 {
            for effect in &prepared.resolved.repeat_effects[event] {
                self.effect(
                    account,
                    Source::RepeatedObjection { event },
                    effect,
                    repeat as f64,
                );
            }
        }
        self.pending.push_back(Pending::Event {
            event,
            account,
            repeat,
        });
    }

    pub(super) fn open_negotiation(&mut self, negotiation: NegotiationId, account: AccountId) {
        let already = self
            .pending
            .iter()
            .any(|p| matches!(p, Pending::Negotiation(n) if n.negotiation == negotiation))
            || self
                .negotiations
                .iter()
                .any(|r| r.negotiation == negotiation && r.turn == self.turn);
        if !already {
            self.pending
                .push_back(Pending::Negotiation(NegotiationState {
                    negotiation,
                    account,
                    round: 1,
                    exchanges: Vec::new(),
                }));
        }
    }

    pub(super) fn effect(
        &mut self,
        a: AccountId,
        source: Source,
        effect: &ResolvedEffect,
        scale: f64,
    ) {
        match effect {
            ResolvedEffect::Cash(x) => self.book_cash(a, source, x * scale),
            ResolvedEffect::StartNegotiation(g) => {
                if let Some(g) = g {
                    self.open_negotiation(*g, a);
                }
            }
            // Lost by the answer: the answer is the cause.
            ResolvedEffect::Lose => self.apply(a, source, |s| s.churned = true),
            ResolvedEffect::RemoveStakeholder(_) | ResolvedEffect::AddStakeholder(..) => self
                .apply(a, buying_centre_change(source), |s| {
                    apply_effect(s, effect, scale)
                }),
            _ => self.apply(a, source, |s| apply_effect(s, effect, scale)),
        }
    }

    /// Whether an objection raised for an account has been solved.
    pub fn is_resolved(&self, event: EventId, account: AccountId) -> bool {
        self.tallies
            .get(event.index())
            .and_then(|t| t.get(account.index()))
            .is_some_and(|t| t.resolved)
    }

    /// How often an event has fired for an account so far.
    pub fn times_fired(&self, event: EventId, account: AccountId) -> u32 {
        self.tallies
            .get(event.index())
            .and_then(|t| t.get(account.index()))
            .map_or(0, |t| t.fired)
    }

    pub(super) fn choose(&mut self, choice: usize) -> Result<(), DecisionError> {
        let Some(Pending::Event { event, account, .. }) = self.pending.front().cloned() else {
            return Err(DecisionError::NoPendingEvent);
        };
        let prepared = Arc::clone(&self.prepared);
        let def = &prepared.scenario.events[event];
        let chosen = def
            .choices
            .get(choice)
            .ok_or(DecisionError::NoSuchChoice(choice))?;
        self.pending.pop_front();
        for effect in &prepared.resolved.choice_effects[event][choice] {
            self.effect(account, Source::Choice { event, choice }, effect, 1.0);
        }
        if chosen.cost != 0.0 {
            self.book_cash(account, Source::Choice { event, choice }, -chosen.cost);
        }
        if chosen.resolves {
            self.tallies[event][account].resolved = true;
        }
        self.choices.push(ChoiceRecord {
            turn: self.turn,
            event,
            account,
            choice,
            verdict: chosen.verdict,
        });
        Ok(())
    }
}

/// What an effect does to an account's state, and the money it brings. The one definition of
/// an event's effects, for the engine and for anyone weighing an answer.
pub(super) fn effect_on(s: &mut AccountState, effect: &ResolvedEffect, scale: f64) -> f64 {
    match effect {
        ResolvedEffect::Cash(x) => return x * scale,
        ResolvedEffect::Lose => s.churned = true,
        ResolvedEffect::StartNegotiation(_) => {}
        _ => apply_effect(s, effect, scale),
    }
    0.0
}

/// The state-only effects (everything but money, losing the account and negotiations).
pub(super) fn apply_effect(s: &mut AccountState, effect: &ResolvedEffect, scale: f64) {
    match effect {
        ResolvedEffect::Satisfaction(x) => s.satisfaction += x * scale,
        ResolvedEffect::Support(target, x) => {
            for p in s.people.iter_mut().filter(|p| {
                p.present
                    && match target {
                        Target::Everyone => true,
                        Target::Person(id) => p.id == *id,
                    }
            }) {
                p.support += x * scale;
            }
        }
        ResolvedEffect::Share(x) => s.share += x * scale,
        ResolvedEffect::Pressure(x) => s.pressure += x * scale,
        ResolvedEffect::Margin(x) => s.margin = (s.margin + x * scale).clamp(-100.0, 100.0),
        ResolvedEffect::PaymentDays(x) => {
            s.contract.payment_days = (s.contract.payment_days + x * scale).max(0.0)
        }
        ResolvedEffect::RemoveStakeholder(id) => {
            for p in s.people.iter_mut().filter(|p| p.id == *id) {
                p.present = false;
            }
        }
        ResolvedEffect::AddStakeholder(person, id) => {
            match s.people.iter_mut().find(|p| p.id == *id) {
                Some(p) => p.present = true,
                None => s.people.push(PersonState {
                    id: *id,
                    person: Arc::clone(person),
                    support: person.support,
                    present: true,
                    reading: crate::reading::Reading::default(),
                }),
            }
        }
        ResolvedEffect::AddOpportunity(o) => {
            if !s.opportunities.iter().any(|x| x.opportunity.id == o.id) {
                s.opportunities.push(OpportunityState {
                    opportunity: Arc::clone(o),
                    stage: o.stage,
                    status: OpportunityStatus::Open,
                });
            }
        }
        ResolvedEffect::Cash(_) | ResolvedEffect::Lose | ResolvedEffect::StartNegotiation(_) => {}
    }
}

//! The turn engine: a deterministic state machine that turns decisions into outcomes.
//!
//! A turn goes Planning → (events and negotiations, one at a time) → end of turn. Every change
//! to an account goes through [`Game::apply`], which measures the account's satisfaction,
//! relationship, share and revenue before and after and records the difference against its
//! cause; so the explanations add up to the change by construction, not by bookkeeping.
//!
//! Randomness never comes from a shared stream: each draw gets its own ChaCha generator seeded
//! from (seed, turn, what is drawn). Two trainees with the same seed see the same rumours even
//! when their decisions differ, and a replayed decision log reproduces a game bit for bit.
//!
//! This file holds the state and the plan; the rest of a turn lives beside it, on the same
//! `Game`: `events` (which fire, what an answer does), `negotiation` (offers, the buyer, the
//! deal), `month_end` (share, pipeline, defection, the month's record) and `preview` (what an
//! answer, resource, deal or plan would do, for the coach and the strategies).

use std::collections::VecDeque;
use std::sync::Arc;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod events;
mod month_end;
mod negotiation;
mod preview;
mod resolved;

pub use preview::PlanPreview;
pub use resolved::{EventScope, Resolved, ResolvedEffect, Target};
use serde::{Deserialize, Serialize};

use crate::catalogue;
use crate::ids::{AccountId, ApproachId, EventId, MemberId, NegotiationId, PersonId, ResourceId};
use crate::model;
use crate::reading::Reading;
use crate::scenario::*;

/// A scenario with every default filled in, shared cheaply between games.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub scenario: Scenario,
    /// Visits per turn each account needs (its norm scaled to the turn unit).
    pub norms: Vec<f64>,
    /// Each account's ADBUDG half-saturation `d` ([`model::half_saturation`]).
    pub half_saturation: Vec<f64>,
    /// Each account's weight in retention and satisfaction; they sum to 1.
    pub weights: Vec<f64>,
    /// Total profit scoring 0 and 100.
    pub profit_range: (f64, f64),
    /// What the trainee is shown of the people: the scenario's own difficulty unless a player
    /// or a class chose another ([`Prepared::at_difficulty`]). Not part of the content hash:
    /// it changes what is shown, never a number of the model.
    pub difficulty: Difficulty,
    /// The scenario's string references resolved once, for the engine's turns.
    pub resolved: Resolved,
}

impl Prepared {
    /// The same scenario played at `difficulty` (the `--difficulty` of `kam play`, `simulate`
    /// and `balance`, or a class's setting).
    pub fn at_difficulty(self: &Arc<Self>, difficulty: Difficulty) -> Arc<Prepared> {
        if self.difficulty == difficulty {
            return Arc::clone(self);
        }
        let mut copy = Prepared::clone(self);
        copy.difficulty = difficulty;
        Arc::new(copy)
    }

    pub fn new(mut scenario: Scenario) -> Arc<Prepared> {
        if scenario.approaches.is_empty() {
            scenario.approaches = catalogue::standard_approaches(scenario.language);
        }
        if scenario.means.resources.is_empty() {
            scenario.means.resources = catalogue::standard_resources(scenario.language);
        }
        let months = scenario.turn_unit.months();
        let norms = scenario
            .accounts
            .iter()
            .map(|a| model::monthly_visit_norm(a) * months)
            .collect();
        let raw: Vec<f64> = scenario
            .accounts
            .iter()
            .map(model::account_weight)
            .collect();
        let total: f64 = raw.iter().sum();
        let weights = raw
            .iter()
            .map(|w| if total > 0.0 { w / total } else { 0.0 })
            .collect();
        let profit_range = crate::score::profit_range(&scenario);
        let half_saturation = scenario
            .accounts
            .iter()
            .zip(&norms)
            .map(|(a, &norm)| model::half_saturation(&a.response, norm))
            .collect();
        Arc::new(Prepared {
            difficulty: scenario.difficulty(),
            resolved: Resolved::new(&scenario),
            scenario,
            half_saturation,
            norms,
            weights,
            profit_range,
        })
    }
}

/// The trainee's allocation for one turn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub visits: Vec<Visit>,
    pub resources: Vec<ResourceUse>,
}

/// One visit: an account, a member of its buying centre, and the approach taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub account: AccountId,
    pub stakeholder: MemberId,
    pub approach: ApproachId,
}

/// Units of one resource spent on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceUse {
    pub account: AccountId,
    pub resource: ResourceId,
    pub units: u32,
}

/// Why a plan was refused. Over-allocation is an error, never silently clamped.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanError {
    NotPlanning,
    TooManyVisits {
        planned: u32,
        capacity: u32,
    },
    OverBudget {
        planned: f64,
        budget: f64,
    },
    NoSuchAccount(AccountId),
    AccountLost(AccountId),
    NoSuchStakeholder {
        account: AccountId,
        stakeholder: MemberId,
    },
    StakeholderLeft {
        account: AccountId,
        stakeholder: MemberId,
    },
    NoSuchApproach(ApproachId),
    NoSuchResource(ResourceId),
    TooManyUnits {
        account: AccountId,
        resource: ResourceId,
        planned: u32,
        max: u32,
    },
}

impl std::error::Error for PlanError {}

/// Everything a player decides; the decision log of a game is a list of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Decision {
    Plan(Plan),
    /// Answer the pending event with this choice.
    Choose(usize),
    /// Put an offer on the table: one option index per issue.
    Offer(Vec<usize>),
    /// Leave the negotiation table.
    WalkAway,
    /// Record the trainee's reading of a person (their guess at style and need). Allowed at
    /// any point of a turn; it changes nothing in the model and ends no turn.
    Read {
        account: AccountId,
        stakeholder: MemberId,
        reading: Reading,
    },
}

/// What caused a change, by index into the scenario (a visit's person and an opportunity by
/// their position in the account the cause is recorded against).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    Visit {
        stakeholder: MemberId,
        approach: ApproachId,
    },
    /// No visit at all: relationships cool (the response curve's floor).
    Cooling,
    /// Visits too few or too poorly pitched for the account: the floor the visits did not lift.
    UnderServed,
    /// The price paid stands above what the customer learned to expect from a concession.
    PriceExpectation,
    /// Someone left or joined the buying centre (the event, whatever the answer).
    BuyingCentreChange {
        event: EventId,
    },
    /// A stakeholder's support cools when nobody visits them.
    PersonCooling,
    Resource {
        resource: ResourceId,
    },
    Competitor,
    /// An answer to an event: `choice` is its position among the event's choices.
    Choice {
        event: EventId,
        choice: usize,
    },
    /// An objection came back unresolved.
    RepeatedObjection {
        event: EventId,
    },
    /// An objection raised before is still unsolved.
    OpenObjection {
        event: EventId,
    },
    Negotiation {
        negotiation: NegotiationId,
    },
    /// Share follows satisfaction: happy customers buy more of their wallet from us.
    SatisfactionTrend,
    OpportunityAdvanced {
        opportunity: usize,
    },
    OpportunityWon {
        opportunity: usize,
    },
    OpportunityLost {
        opportunity: usize,
    },
    /// Last turn's one-off revenue does not recur.
    OneOffEnded,
    Churn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    Satisfaction,
    Relationship,
    Share,
    Revenue,
    /// Gross margin in percent of list-price revenue.
    Margin,
    /// Contract price relative to list.
    PriceLevel,
    /// The price the customer expects, relative to list.
    ExpectedPrice,
    PaymentDays,
    /// One-off money this turn (in or out), part of the profit's one-off line.
    Cash,
    /// The funnel forecast: Σ open opportunity value × stage win rate.
    Forecast,
}

impl Metric {
    /// The metrics measured on an account's state, in the order of [`AccountState::metrics`].
    pub const STATE: [Metric; 9] = [
        Metric::Satisfaction,
        Metric::Relationship,
        Metric::Share,
        Metric::Revenue,
        Metric::Margin,
        Metric::PriceLevel,
        Metric::ExpectedPrice,
        Metric::PaymentDays,
        Metric::Forecast,
    ];
}

/// One attributed change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub source: Source,
    pub metric: Metric,
    pub delta: f64,
}

/// The lines of an account's profit in a turn; they add up to the profit.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct ProfitLines {
    pub gross_margin: f64,
    pub cost_to_serve: f64,
    pub resources: f64,
    pub credit_cost: f64,
    pub one_off: f64,
}

impl ProfitLines {
    pub fn total(&self) -> f64 {
        self.gross_margin - self.cost_to_serve - self.resources - self.credit_cost + self.one_off
    }
}

impl TurnRecord {
    /// The explained metrics at the end of the turn, in the order of [`Metric::STATE`].
    pub fn metrics(&self) -> [f64; 9] {
        [
            self.satisfaction,
            self.relationship,
            self.share,
            self.revenue,
            self.margin,
            self.price_level,
            self.expected_price,
            self.payment_days,
            self.forecast,
        ]
    }
}

/// An account at the end of one turn, with why it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    pub satisfaction: f64,
    pub relationship: f64,
    pub share: f64,
    pub revenue: f64,
    pub margin: f64,
    pub price_level: f64,
    pub expected_price: f64,
    pub payment_days: f64,
    pub forecast: f64,
    pub profit: ProfitLines,
    pub visits: u32,
    pub churned: bool,
    /// The chance of defection drawn at this month's end ([`churn_hazard`]); 0 when none was
    /// drawn. Kept so a loss can be explained by the odds it had, not only announced.
    #[serde(default)]
    pub defection_chance: f64,
    /// Each opportunity the customer decided at this month's end, with the chance it had and
    /// how the draw fell: the debrief shows these apart as luck, and judges the work done.
    #[serde(default)]
    pub closes: Vec<CloseDraw>,
    pub causes: Vec<Cause>,
}

/// One opportunity decided by the customer: the chance of winning it had then
/// ([`model::close_chance`]) and whether it was won.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CloseDraw {
    /// Index into the account's opportunities.
    pub opportunity: usize,
    pub stage: u32,
    pub satisfaction: f64,
    pub relationship: f64,
    pub chance: f64,
    pub won: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonState {
    /// The person's id as the scenario was prepared ([`Resolved`]): what effects name them by.
    pub id: PersonId,
    /// Shared with the scenario: what-if copies of a game must stay cheap.
    pub person: Arc<Stakeholder>,
    pub support: f64,
    pub present: bool,
    /// The trainee's reading of the person's style and need ([`Decision::Read`]).
    #[serde(default)]
    pub reading: Reading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpportunityStatus {
    Open,
    Won,
    Lost,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpportunityState {
    pub opportunity: Arc<Opportunity>,
    pub stage: u32,
    pub status: OpportunityStatus,
}

impl OpportunityState {
    pub fn win_rate(&self) -> f64 {
        model::stage_win_rate(self.stage)
    }
}

/// An account as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountState {
    pub satisfaction: f64,
    pub share: f64,
    pub pressure: f64,
    /// Margin in percent of list-price revenue.
    pub margin: f64,
    pub contract: Contract,
    /// The price level the customer expects; below the contract's after a concession.
    pub reference_price: f64,
    /// The price level last agreed (at the start, or in a negotiation), before any discount.
    pub agreed_price: f64,
    pub people: Vec<PersonState>,
    pub opportunities: Vec<OpportunityState>,
    pub churned: bool,
    /// Turns in a row with fewer visits than the norm.
    pub neglected_for: u32,
    /// One-off revenue booked this turn (opportunities won).
    pub one_off_revenue: f64,
}

impl AccountState {
    /// The account at the start; `people` are its stakeholders' resolved ids, in order.
    fn new(account: &Account, people: &[PersonId]) -> AccountState {
        AccountState {
            satisfaction: account.satisfaction,
            share: account.share,
            pressure: account.pressure,
            margin: account.margin,
            contract: account.contract.clone(),
            reference_price: account.contract.price_level,
            agreed_price: account.contract.price_level,
            people: account
                .stakeholders
                .iter()
                .zip(people)
                .map(|(s, &id)| PersonState {
                    id,
                    person: Arc::new(s.clone()),
                    support: s.support,
                    present: true,
                    reading: Reading::default(),
                })
                .collect(),
            opportunities: account
                .opportunities
                .iter()
                .map(|o| OpportunityState {
                    opportunity: Arc::new(o.clone()),
                    stage: o.stage,
                    status: OpportunityStatus::Open,
                })
                .collect(),
            churned: false,
            neglected_for: 0,
            one_off_revenue: 0.0,
        }
    }

    /// Support for us across the buying centre, weighted by influence (0 to 100).
    pub fn relationship(&self) -> f64 {
        let (sum, weight) = self
            .people
            .iter()
            .filter(|p| p.present)
            .fold((0.0, 0.0), |(s, w), p| {
                (s + p.support * p.person.influence, w + p.person.influence)
            });
        // Clamped because a weighted mean of values at 100 can round to just above it.
        if weight > 0.0 {
            (sum / weight).clamp(0.0, 100.0)
        } else {
            0.0
        }
    }

    /// Revenue per turn at the current share and price, plus this turn's one-off revenue.
    pub fn revenue(&self, potential: f64) -> f64 {
        if self.churned {
            0.0
        } else {
            model::list_revenue(potential, self.share) * self.contract.price_level
                + self.one_off_revenue
        }
    }

    /// The explained metrics, in the order of [`Metric::STATE`].
    pub fn metrics(&self, potential: f64) -> [f64; 9] {
        [
            self.satisfaction,
            self.relationship(),
            self.share,
            self.revenue(potential),
            self.margin,
            self.contract.price_level,
            self.reference_price,
            self.contract.payment_days,
            self.forecast(),
        ]
    }

    /// Sales-funnel forecast (销售预计): Σ open value × stage win rate.
    pub fn forecast(&self) -> f64 {
        self.opportunities
            .iter()
            .filter(|o| o.status == OpportunityStatus::Open)
            .map(|o| o.opportunity.value * o.win_rate())
            .sum()
    }

    pub(crate) fn clamp(&mut self) {
        self.satisfaction = self.satisfaction.clamp(0.0, 100.0);
        self.share = self.share.clamp(0.0, 100.0);
        self.pressure = self.pressure.clamp(0.0, 100.0);
        for p in &mut self.people {
            p.support = p.support.clamp(0.0, 100.0);
        }
    }
}

/// What the player must deal with before the turn can end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Pending {
    Event {
        event: EventId,
        account: AccountId,
        repeat: u32,
    },
    Negotiation(NegotiationState),
}

/// A negotiation under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NegotiationState {
    pub negotiation: NegotiationId,
    pub account: AccountId,
    /// 1-based round the next offer is made in.
    pub round: u32,
    /// The buyer's answers so far.
    pub exchanges: Vec<Exchange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    pub offer: Vec<usize>,
    pub reply: BuyerReply,
}

fn first_time() -> u32 {
    1
}

/// How the buyer answers an offer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum BuyerReply {
    Accept,
    /// Not enough; the buyer presses on this issue (index into the negotiation's issues), their
    /// highest priority the offer has not met ([`Game::pressed_issue`]).
    Counter {
        issue: usize,
        /// How many times in this negotiation the buyer has now pressed on this issue (1 the
        /// first time): a demand that repeats is what the buyer values most.
        #[serde(default = "first_time")]
        times: u32,
    },
    /// The buyer takes the competitor's offer.
    WalkAway,
}

/// One answered event, kept for the debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceRecord {
    pub turn: u32,
    pub event: EventId,
    pub account: AccountId,
    /// The answer's position among the event's choices.
    pub choice: usize,
    pub verdict: Verdict,
}

/// One finished negotiation, kept for the debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NegotiationRecord {
    pub turn: u32,
    pub negotiation: NegotiationId,
    pub account: AccountId,
    /// The agreed options, or none when there was no deal.
    pub deal: Option<Vec<usize>>,
    pub rounds: u32,
    /// The buyer's value of the deal (0 to 100).
    pub buyer_value: f64,
    /// Our profit per turn at the new terms, against before.
    pub profit_rate_before: f64,
    pub profit_rate_after: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
struct Tally {
    fired: u32,
    resolved: bool,
}

/// Why a decision was refused: typed, so each layer can say it in the player's language
/// (`refusals.rs` has the words; `Display` is the English).
#[derive(Debug, Clone, PartialEq)]
pub enum DecisionError {
    Plan(PlanError),
    NoPendingEvent,
    NoSuchChoice(usize),
    NoPendingNegotiation,
    BadOffer(OfferError),
    Finished,
    NoSuchPerson {
        account: AccountId,
        stakeholder: MemberId,
    },
}

/// Why an offer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferError {
    /// The offer picks an option for `given` issues; the negotiation has `issues`.
    WrongLength { given: usize, issues: usize },
    /// Issue `issue` has no option number `option`.
    NoSuchOption { issue: usize, option: usize },
}

impl std::error::Error for DecisionError {}

/// A game in progress.
#[derive(Debug, Clone)]
pub struct Game {
    prepared: Arc<Prepared>,
    seed: u64,
    turn: u32,
    accounts: Vec<AccountState>,
    /// Each account's turn records, the past the debrief explains.
    records: Vec<Vec<TurnRecord>>,
    pending: VecDeque<Pending>,
    tallies: Vec<Vec<Tally>>,
    /// Visits per account in the turn being resolved.
    turn_visits: Vec<u32>,
    /// Spend per account in the turn being resolved.
    turn_spend: Vec<ProfitLines>,
    turn_causes: Vec<Vec<Cause>>,
    log: Vec<Decision>,
    choices: Vec<ChoiceRecord>,
    negotiations: Vec<NegotiationRecord>,
    finished: bool,
}

/// Distinguishes what a random draw is for, so each has its own stream.
#[derive(Clone, Copy)]
enum Draw {
    Event(EventId, AccountId),
    /// An account's opportunity, by its position among the account's opportunities.
    Progress(AccountId, usize),
    Close(AccountId, usize),
    Churn(AccountId),
    AnswerOrder(EventId, AccountId),
}

impl Game {
    pub fn new(prepared: Arc<Prepared>, seed: u64) -> Game {
        let scenario = &prepared.scenario;
        let accounts: Vec<AccountState> = scenario
            .accounts
            .iter()
            .zip(&prepared.resolved.account_people)
            .map(|(account, people)| AccountState::new(account, people))
            .collect();
        let n = accounts.len();
        Game {
            seed,
            turn: 1,
            pending: VecDeque::new(),
            tallies: vec![vec![Tally::default(); n]; scenario.events.len()],
            turn_visits: vec![0; n],
            turn_spend: vec![ProfitLines::default(); n],
            turn_causes: vec![Vec::new(); n],
            records: vec![Vec::new(); n],
            accounts,
            log: Vec::new(),
            choices: Vec::new(),
            negotiations: Vec::new(),
            finished: scenario.turns == 0,
            prepared,
        }
    }

    /// Plays a decision log from the start.
    pub fn replay(
        prepared: Arc<Prepared>,
        seed: u64,
        log: &[Decision],
    ) -> Result<Game, (usize, DecisionError)> {
        let mut game = Game::new(prepared, seed);
        for (i, d) in log.iter().enumerate() {
            game.decide(d.clone()).map_err(|e| (i, e))?;
        }
        Ok(game)
    }

    pub fn prepared(&self) -> &Arc<Prepared> {
        &self.prepared
    }

    pub fn scenario(&self) -> &Scenario {
        &self.prepared.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The turn being played, 1-based; past the last turn once the game is finished.
    pub fn turn(&self) -> u32 {
        self.turn
    }

    pub fn accounts(&self) -> &[AccountState] {
        &self.accounts
    }

    /// Every account's id, in the scenario's order (the positions of [`Game::accounts`]).
    pub fn account_ids(&self) -> impl Iterator<Item = AccountId> + use<> {
        (0..self.accounts.len()).map(AccountId)
    }

    /// An account's turn records so far, first turn first. By position, like
    /// [`Game::accounts`] (an [`AccountId`]'s is [`AccountId::index`]): the reports that read
    /// the past walk the accounts in order.
    pub fn history(&self, account: usize) -> &[TurnRecord] {
        &self.records[account]
    }

    /// A copy for what-if evaluation: the present state without the past (history, log).
    pub fn lookahead_copy(&self) -> Game {
        Game {
            prepared: Arc::clone(&self.prepared),
            seed: self.seed,
            turn: self.turn,
            accounts: self.accounts.clone(),
            records: vec![Vec::new(); self.accounts.len()],
            pending: self.pending.clone(),
            tallies: self.tallies.clone(),
            turn_visits: self.turn_visits.clone(),
            turn_spend: self.turn_spend.clone(),
            turn_causes: vec![Vec::new(); self.accounts.len()],
            log: Vec::new(),
            choices: Vec::new(),
            negotiations: Vec::new(),
            finished: self.finished,
        }
    }

    pub fn log(&self) -> &[Decision] {
        &self.log
    }

    pub fn choices(&self) -> &[ChoiceRecord] {
        &self.choices
    }

    pub fn negotiation_records(&self) -> &[NegotiationRecord] {
        &self.negotiations
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    pub fn pending(&self) -> Option<&Pending> {
        self.pending.front()
    }

    pub fn is_planning(&self) -> bool {
        !self.finished && self.pending.is_empty()
    }

    /// Applies any decision; the one entry point, so the log is always complete.
    pub fn decide(&mut self, decision: Decision) -> Result<(), DecisionError> {
        if self.finished {
            return Err(DecisionError::Finished);
        }
        match &decision {
            Decision::Plan(plan) => self.submit_plan(plan).map_err(DecisionError::Plan)?,
            Decision::Choose(c) => {
                self.choose(*c)?;
            }
            Decision::Offer(offer) => {
                self.offer(offer)?;
            }
            Decision::WalkAway => self.walk_away()?,
            Decision::Read {
                account,
                stakeholder,
                reading,
            } => {
                let person = self
                    .accounts
                    .get_mut(account.index())
                    .and_then(|a| a.people.get_mut(stakeholder.index()))
                    .ok_or(DecisionError::NoSuchPerson {
                        account: *account,
                        stakeholder: *stakeholder,
                    })?;
                person.reading = *reading;
                // A reading is a note in the margin: the turn goes on.
                self.log.push(decision);
                return Ok(());
            }
        }
        self.log.push(decision);
        self.advance_if_resolved();
        Ok(())
    }

    /// Checks a plan against capacity, budget and the scenario, without playing it.
    pub fn check_plan(&self, plan: &Plan) -> Result<(), PlanError> {
        if !self.is_planning() {
            return Err(PlanError::NotPlanning);
        }
        let scenario = self.scenario();
        let capacity = scenario.means.visits_per_turn;
        let planned = plan.visits.len() as u32;
        if planned > capacity {
            return Err(PlanError::TooManyVisits { planned, capacity });
        }
        for v in &plan.visits {
            let account = self
                .accounts
                .get(v.account.index())
                .ok_or(PlanError::NoSuchAccount(v.account))?;
            if account.churned {
                return Err(PlanError::AccountLost(v.account));
            }
            let person =
                account
                    .people
                    .get(v.stakeholder.index())
                    .ok_or(PlanError::NoSuchStakeholder {
                        account: v.account,
                        stakeholder: v.stakeholder,
                    })?;
            if !person.present {
                return Err(PlanError::StakeholderLeft {
                    account: v.account,
                    stakeholder: v.stakeholder,
                });
            }
            if v.approach.index() >= scenario.approaches.len() {
                return Err(PlanError::NoSuchApproach(v.approach));
            }
        }
        let mut cost = 0.0;
        for (i, r) in plan.resources.iter().enumerate() {
            let account = self
                .accounts
                .get(r.account.index())
                .ok_or(PlanError::NoSuchAccount(r.account))?;
            if account.churned {
                return Err(PlanError::AccountLost(r.account));
            }
            let resource = scenario
                .means
                .resources
                .get(r.resource.index())
                .ok_or(PlanError::NoSuchResource(r.resource))?;
            let units: u32 = plan.resources[..=i]
                .iter()
                .filter(|o| o.account == r.account && o.resource == r.resource)
                .map(|o| o.units)
                .sum();
            if units > resource.max_per_account {
                return Err(PlanError::TooManyUnits {
                    account: r.account,
                    resource: r.resource,
                    planned: units,
                    max: resource.max_per_account,
                });
            }
            cost += resource.cost * r.units as f64;
        }
        if cost > scenario.means.budget_per_turn + 1e-9 {
            return Err(PlanError::OverBudget {
                planned: cost,
                budget: scenario.means.budget_per_turn,
            });
        }
        Ok(())
    }

    /// Money a plan's resources cost.
    pub fn plan_cost(&self, plan: &Plan) -> f64 {
        let resources = &self.scenario().means.resources;
        plan.resources
            .iter()
            .filter_map(|r| {
                resources
                    .get(r.resource.index())
                    .map(|res| res.cost * r.units as f64)
            })
            .sum()
    }

    fn rng(&self, draw: Draw) -> ChaCha8Rng {
        let (kind, a, b) = match draw {
            Draw::Event(e, a) => (1u64, e.index() as u64, a.index() as u64),
            Draw::Progress(a, o) => (2, a.index() as u64, o as u64),
            Draw::Close(a, o) => (3, a.index() as u64, o as u64),
            Draw::Churn(a) => (4, a.index() as u64, 0),
            Draw::AnswerOrder(e, a) => (5, e.index() as u64, a.index() as u64),
        };
        let mut h = self.seed ^ 0x9E37_79B9_7F4A_7C15;
        for word in [self.turn as u64, kind, a, b] {
            h = splitmix(h ^ word);
        }
        ChaCha8Rng::seed_from_u64(h)
    }

    /// The order an event's answers are shown in: shuffled so the first is not always the
    /// best, and the same for everyone with the game's seed (a class discusses one screen).
    /// Only the display changes: decisions name answers by their index in the scenario, so
    /// replays do not depend on it. Drawn from a stream of its own, so it changes no other draw.
    pub fn answer_order(&self, event: EventId, account: AccountId) -> Vec<usize> {
        let n = self
            .scenario()
            .events
            .get(event.index())
            .map_or(0, |e| e.choices.len());
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = self.rng(Draw::AnswerOrder(event, account));
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            order.swap(i, j);
        }
        order
    }

    fn chance(&self, draw: Draw) -> f64 {
        self.rng(draw).random::<f64>()
    }

    /// Changes an account and records what the change did to each metric, against `source`.
    fn apply(
        &mut self,
        account: AccountId,
        source: Source,
        change: impl FnOnce(&mut AccountState),
    ) {
        let potential = self.prepared.scenario.accounts[account].potential;
        let state = &mut self.accounts[account];
        let before = state.metrics(potential);
        change(state);
        state.clamp();
        let after = state.metrics(potential);
        for (i, metric) in Metric::STATE.into_iter().enumerate() {
            self.attribute(account, source, metric, after[i] - before[i]);
        }
    }

    /// Records `delta` of `metric` against `source`, adding to an earlier cause of the same kind.
    fn attribute(&mut self, account: AccountId, source: Source, metric: Metric, delta: f64) {
        if delta == 0.0 {
            return;
        }
        let causes = &mut self.turn_causes[account];
        match causes
            .iter_mut()
            .find(|c| c.source == source && c.metric == metric)
        {
            Some(c) => c.delta += delta,
            None => causes.push(Cause {
                source,
                metric,
                delta,
            }),
        }
    }

    /// One-off money in or out this turn, booked in the profit's one-off line with its cause.
    fn book_cash(&mut self, account: AccountId, source: Source, amount: f64) {
        self.turn_spend[account].one_off += amount;
        self.attribute(account, source, Metric::Cash, amount);
    }

    fn submit_plan(&mut self, plan: &Plan) -> Result<(), PlanError> {
        self.check_plan(plan)?;
        self.apply_plan(plan);
        self.queue_events();
        Ok(())
    }

    /// A plan's certain effects: visits, resources, and what the month does to every account
    /// (price resentment, open objections, the competitor); no random draw is made here.
    fn apply_plan(&mut self, plan: &Plan) {
        let prepared = Arc::clone(&self.prepared);
        let scenario = &prepared.scenario;
        self.turn_visits.iter_mut().for_each(|v| *v = 0);
        self.turn_spend
            .iter_mut()
            .for_each(|s| *s = ProfitLines::default());
        for a in self.account_ids() {
            if self.accounts[a].one_off_revenue != 0.0 {
                self.apply(a, Source::OneOffEnded, |s| s.one_off_revenue = 0.0);
            }
        }

        for a in self.account_ids() {
            if self.accounts[a].churned {
                continue;
            }
            // A customer who learned to expect a lower price resents paying the full one.
            let state = &self.accounts[a];
            if model::price_gap_points(&state.contract, state.reference_price) > 0.0 {
                let effect = model::price_expectation(
                    &state.contract,
                    state.reference_price,
                    scenario.turn_unit.months(),
                );
                self.apply(a, Source::PriceExpectation, |s| {
                    s.satisfaction += effect.satisfaction;
                    s.pressure += effect.pressure;
                    s.reference_price = effect.reference_price;
                });
            }
            for e in (0..scenario.events.len()).map(EventId) {
                let tally = self.tallies[e][a];
                let def = &scenario.events[e];
                if def.kind == EventKind::Objection
                    && tally.fired > 0
                    && !tally.resolved
                    && def.choices.iter().any(|c| c.resolves)
                {
                    let drag = model::open_objection_drag(tally.fired as f64);
                    self.apply(a, Source::OpenObjection { event: e }, |s| {
                        s.satisfaction += drag
                    });
                }
            }
            self.respond_to_visits(a, plan);
        }

        for (i, use_) in plan.resources.iter().enumerate() {
            let resource = &scenario.means.resources[use_.resource];
            let earlier: u32 = plan.resources[..i]
                .iter()
                .filter(|u| u.account == use_.account && u.resource == use_.resource)
                .map(|u| u.units)
                .sum();
            let strength = model::resource_strength(earlier, use_.units);
            let a = use_.account;
            self.turn_spend[a].resources += resource.cost * use_.units as f64;
            let source = Source::Resource {
                resource: use_.resource,
            };
            let revenue = self.accounts[a].revenue(scenario.accounts[a].potential);
            if resource.margin != 0.0 {
                self.book_cash(a, source, revenue * resource.margin * strength / 100.0);
            }
            let landed =
                resource_landing(resource, strength, self.turn_visits[a], prepared.norms[a]);
            self.apply(a, source, |s| apply_resource(s, resource, strength, landed));
        }

        for a in self.account_ids() {
            if self.accounts[a].churned {
                continue;
            }
            let drag = model::competitor_drag(self.accounts[a].pressure);
            self.apply(a, Source::Competitor, |s| s.satisfaction += drag);
        }
    }

    /// The account's response to this turn's visits (ADBUDG), each visit credited with its share
    /// of the gain, and each person's support moved by how well they were pitched to.
    fn respond_to_visits(&mut self, a: AccountId, plan: &Plan) {
        let prepared = Arc::clone(&self.prepared);
        let scenario = &prepared.scenario;
        let def = &scenario.accounts[a];
        let norm = prepared.norms[a];
        let visits: Vec<&Visit> = plan.visits.iter().filter(|v| v.account == a).collect();
        self.turn_visits[a] = visits.len() as u32;
        let fits: Vec<f64> = visits
            .iter()
            .map(|v| {
                model::fit(
                    &scenario.approaches[v.approach],
                    &self.accounts[a].people[v.stakeholder].person,
                )
            })
            .collect();
        let weights: Vec<f64> = visits
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let earlier = visits[..i]
                    .iter()
                    .filter(|u| u.stakeholder == v.stakeholder)
                    .count() as u32;
                let person = &self.accounts[a].people[v.stakeholder];
                model::visit_weight(
                    &scenario.approaches[v.approach],
                    &person.person,
                    person.support,
                    earlier,
                    scenario.turn_unit.months(),
                )
            })
            .collect();
        let x: f64 = weights.iter().sum();
        let response = model::adbudg(&def.response, prepared.half_saturation[a], x);
        // Who the change is credited to: with no visit, cooling; when the visits lift the
        // account, the whole change is theirs by effort; when they do not lift it above the
        // floor, their gain is theirs and the rest is the shortfall.
        let credited = if response >= 0.0 && x > 0.0 {
            response
        } else {
            response - def.response.min
        };
        if visits.is_empty() {
            self.apply(a, Source::Cooling, |s| s.satisfaction += response);
        } else if credited != response {
            let floor = response - credited;
            self.apply(a, Source::UnderServed, |s| s.satisfaction += floor);
        }
        for ((v, w), f) in visits.iter().zip(&weights).zip(&fits) {
            let share_of_gain = if x > 0.0 { credited * w / x } else { 0.0 };
            let source = Source::Visit {
                stakeholder: v.stakeholder,
                approach: v.approach,
            };
            let person = v.stakeholder;
            let f = *f;
            self.apply(a, source, |s| {
                s.satisfaction += share_of_gain;
                let p = &mut s.people[person];
                p.support += model::support_gain(f, p.support);
            });
        }
        let unvisited: Vec<MemberId> = (0..self.accounts[a].people.len())
            .map(MemberId)
            .filter(|&p| {
                self.accounts[a].people[p].present && !visits.iter().any(|v| v.stakeholder == p)
            })
            .collect();
        if !unvisited.is_empty() {
            self.apply(a, Source::PersonCooling, |s| {
                for p in unvisited {
                    s.people[p].support -= model::PERSON_COOLING;
                }
            });
        }
        self.accounts[a].neglected_for = if model::is_under_visited(visits.len() as u32, norm) {
            self.accounts[a].neglected_for + 1
        } else {
            0
        };
    }

    fn advance_if_resolved(&mut self) {
        if !self.pending.is_empty() || self.finished {
            return;
        }
        // Nothing pending after a decision: the turn is over (a new game has no log yet).
        if !self.log.is_empty() {
            self.end_turn();
        }
    }
}

/// How much of a resource's goodwill lands: a price concession works without a visit;
/// everything else is delivered through the account plan and lands in proportion to the
/// contact the account had ([`model::resource_contact`]).
fn resource_landing(resource: &Resource, strength: f64, visits: u32, norm: f64) -> f64 {
    if resource.margin < 0.0 {
        strength
    } else {
        strength * model::resource_contact(visits, norm)
    }
}

/// What a resource does to an account's state; its money is booked by the caller.
fn apply_resource(s: &mut AccountState, resource: &Resource, strength: f64, landed: f64) {
    s.satisfaction += resource.satisfaction * landed;
    s.share += resource.share * landed;
    s.pressure += resource.pressure * landed;
    for p in s.people.iter_mut().filter(|p| p.present) {
        p.support += resource.support * landed;
    }
    (s.contract.price_level, s.reference_price) = model::after_concession(
        s.contract.price_level,
        s.reference_price,
        resource.margin,
        strength,
    );
}

/// Someone leaving or arriving is the event's doing, not the answer's.
fn buying_centre_change(source: Source) -> Source {
    match source {
        Source::Choice { event, .. } | Source::RepeatedObjection { event } => {
            Source::BuyingCentreChange { event }
        }
        other => other,
    }
}

/// Per-turn probability an account in `state` defects ([`model::churn_hazard`]).
pub fn churn_hazard(state: &AccountState, renewal: bool) -> f64 {
    if state.churned {
        return 0.0;
    }
    model::churn_hazard(
        state.satisfaction,
        state.pressure,
        state.relationship(),
        renewal,
    )
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

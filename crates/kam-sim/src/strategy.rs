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

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::engine::{
    self, AccountState, Decision, Game, NegotiationState, Pending, Plan, Prepared, ResourceUse,
    Visit,
};
use crate::model;
use crate::reading;
use crate::scenario::{Effect, EventKind, Trigger, Verdict};
use crate::score;

/// Whether an ablation removes a taught behaviour or adds a bad habit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AblationKind {
    /// The expert without a behaviour the courseware teaches: what the behaviour is worth.
    TaughtBehaviour,
    /// The expert with a habit the courseware warns against: what the habit costs.
    BadHabit,
}

/// One ablation: the expert with one teaching point taken away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ablation {
    SpreadVisits,
    RandomPitch,
    StereotypePitch,
    WorstRumour,
    StopGap,
    IgnoreWarnings,
    Concede,
    DiscountAll,
    OverServe,
}

impl Ablation {
    /// Every ablation, in the order of the courseware's teaching points.
    pub const ALL: [Ablation; 9] = [
        Ablation::SpreadVisits,
        Ablation::RandomPitch,
        Ablation::StereotypePitch,
        Ablation::WorstRumour,
        Ablation::StopGap,
        Ablation::IgnoreWarnings,
        Ablation::Concede,
        Ablation::DiscountAll,
        Ablation::OverServe,
    ];

    /// What `--strategy` takes for it.
    pub const fn name(self) -> &'static str {
        match self {
            Ablation::SpreadVisits => "spread-visits",
            Ablation::RandomPitch => "random-pitch",
            Ablation::StereotypePitch => "stereotype-pitch",
            Ablation::WorstRumour => "worst-rumour",
            Ablation::StopGap => "stop-gap",
            Ablation::IgnoreWarnings => "ignore-warnings",
            Ablation::Concede => "concede",
            Ablation::DiscountAll => "discount-all",
            Ablation::OverServe => "over-serve",
        }
    }

    pub const fn kind(self) -> AblationKind {
        match self {
            Ablation::Concede | Ablation::DiscountAll | Ablation::OverServe => {
                AblationKind::BadHabit
            }
            _ => AblationKind::TaughtBehaviour,
        }
    }

    /// The teaching point, as the courseware puts it (in English; both languages are
    /// [`crate::words::teaching_point`]'s).
    pub const fn teaching_point(self) -> &'static str {
        match self {
            Ablation::SpreadVisits => "allocate scarce visits by value and potential",
            Ablation::RandomPitch => "speak to each person's style and needs",
            Ablation::StereotypePitch => {
                "read each person's style and needs from what they say and do"
            }
            Ablation::WorstRumour => "handle competitor rumours calmly",
            Ablation::StopGap => "solve a repeated objection for good",
            Ablation::IgnoreWarnings => "watch the warning signs and act in time",
            Ablation::Concede => "conceding the buyer's first demand instead of trading (win-win)",
            Ablation::DiscountAll => "buying loyalty with a discount for every account",
            Ablation::OverServe => "over-serving the biggest-revenue account",
        }
    }

    /// Whether a scenario, at the difficulty it is played, gives this teaching point anything
    /// to act on.
    pub fn exercised(self, prepared: &Prepared) -> bool {
        let s = &prepared.scenario;
        match self {
            Ablation::SpreadVisits | Ablation::OverServe => s.accounts.len() > 1,
            Ablation::RandomPitch => true,
            // From `Normal` up the labels are hidden and the people must be read.
            Ablation::StereotypePitch => !prepared.difficulty.shows_style_and_need(),
            Ablation::WorstRumour => s
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Rumour { .. }) && e.choices.len() > 1),
            Ablation::StopGap => s.events.iter().any(|e| {
                e.kind == EventKind::Objection
                    && e.choices.iter().any(|c| c.resolves)
                    && e.choices.iter().any(|c| !c.resolves)
            }),
            Ablation::IgnoreWarnings => s
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::WarningSign | EventKind::PaymentDelay)),
            Ablation::Concede => !s.negotiations.is_empty(),
            Ablation::DiscountAll => {
                let standard = s.means.resources.is_empty();
                standard || s.means.resources.iter().any(|r| r.margin < 0.0)
            }
        }
    }

    /// The one habit this ablation gives the expert.
    fn habits(self) -> Habits {
        let none = Habits::default();
        match self {
            Ablation::SpreadVisits => Habits {
                spread_visits: true,
                ..none
            },
            Ablation::RandomPitch => Habits {
                random_pitch: true,
                ..none
            },
            Ablation::StereotypePitch => Habits {
                stereotype_pitch: true,
                ..none
            },
            Ablation::WorstRumour => Habits {
                worst_rumour: true,
                ..none
            },
            Ablation::StopGap => Habits {
                stop_gap: true,
                ..none
            },
            Ablation::IgnoreWarnings => Habits {
                ignore_warnings: true,
                ..none
            },
            Ablation::Concede => Habits {
                concede: true,
                ..none
            },
            Ablation::DiscountAll => Habits {
                discount_all: true,
                ..none
            },
            Ablation::OverServe => Habits {
                over_serve: true,
                ..none
            },
        }
    }
}

/// A built-in strategy: the benchmarks and the ablations, named once here. Parsed from and
/// shown as the name `--strategy` takes; serialized as that name too, so result files keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StrategyId {
    Random,
    Even,
    TierNorms,
    Pareto,
    Expert,
    Ablation(Ablation),
}

impl StrategyId {
    /// The benchmark strategies, weakest first.
    pub const BENCHMARKS: [StrategyId; 5] = [
        StrategyId::Random,
        StrategyId::Even,
        StrategyId::TierNorms,
        StrategyId::Pareto,
        StrategyId::Expert,
    ];

    /// Every built-in strategy: the benchmarks, then the ablations.
    pub const ALL: [StrategyId; 14] = {
        let mut all = [StrategyId::Random; 14];
        let mut i = 0;
        while i < 14 {
            all[i] = if i < 5 {
                StrategyId::BENCHMARKS[i]
            } else {
                StrategyId::Ablation(Ablation::ALL[i - 5])
            };
            i += 1;
        }
        all
    };

    /// What `--strategy` takes, in both languages.
    pub const fn name(self) -> &'static str {
        match self {
            StrategyId::Random => "random",
            StrategyId::Even => "even",
            StrategyId::TierNorms => "tier-norms",
            StrategyId::Pareto => "pareto",
            StrategyId::Expert => "expert",
            StrategyId::Ablation(a) => a.name(),
        }
    }

    /// One line on what it does, for `kam strategies` and the game, in English: the
    /// descriptions in both languages are [`crate::words::strategy_description`]'s.
    pub fn describe(self) -> &'static str {
        crate::words::strategy_description(crate::words::Lang::En, self.name())
    }

    /// The strategy, with its own random stream derived from the game's seed.
    pub fn build(self, seed: u64) -> Box<dyn Strategy> {
        let rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED0F_57A7_E6E5);
        let naive = |kind| {
            Box::new(Naive {
                kind,
                rng: rng.clone(),
            }) as Box<dyn Strategy>
        };
        let expert = |habits| {
            Box::new(Expert {
                habits,
                rng: rng.clone(),
            }) as Box<dyn Strategy>
        };
        match self {
            StrategyId::Random => naive(Kind::Random),
            StrategyId::Even => naive(Kind::Even),
            StrategyId::TierNorms => naive(Kind::TierNorms),
            StrategyId::Pareto => naive(Kind::Pareto),
            StrategyId::Expert => expert(Habits::default()),
            StrategyId::Ablation(a) => expert(a.habits()),
        }
    }
}

impl std::fmt::Display for StrategyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, not `write_str`: tables align strategies with `{:<12}`.
        f.pad(self.name())
    }
}

/// A name that is no built-in strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStrategy(pub String);

impl std::fmt::Display for UnknownStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown strategy `{}`", self.0)
    }
}

impl std::error::Error for UnknownStrategy {}

impl std::str::FromStr for StrategyId {
    type Err = UnknownStrategy;

    fn from_str(name: &str) -> Result<StrategyId, UnknownStrategy> {
        StrategyId::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| UnknownStrategy(name.to_owned()))
    }
}

impl serde::Serialize for StrategyId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for StrategyId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<StrategyId, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// Decides for a game whenever it waits for a decision.
pub trait Strategy {
    fn plan(&mut self, game: &Game) -> Plan;
    fn choose(&mut self, game: &Game, event: usize, account: usize) -> usize;
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

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Random,
    Even,
    TierNorms,
    Pareto,
}

struct Naive {
    kind: Kind,
    rng: ChaCha8Rng,
}

fn live_accounts(game: &Game) -> Vec<usize> {
    (0..game.accounts().len())
        .filter(|&a| !game.accounts()[a].churned)
        .collect()
}

/// Present people of an account, most influential first.
fn people_by_influence(game: &Game, a: usize) -> Vec<usize> {
    let people = &game.accounts()[a].people;
    let mut order: Vec<usize> = (0..people.len()).filter(|&p| people[p].present).collect();
    order.sort_by(|&x, &y| {
        people[y]
            .person
            .influence
            .total_cmp(&people[x].person.influence)
    });
    order
}

impl Naive {
    /// How many visits each account gets this turn.
    fn visit_counts(&mut self, game: &Game) -> Vec<u32> {
        let n = game.accounts().len();
        let capacity = game.scenario().means.visits_per_turn;
        let live = live_accounts(game);
        let mut counts = vec![0u32; n];
        if live.is_empty() {
            return counts;
        }
        match self.kind {
            Kind::Random => {
                for _ in 0..capacity {
                    counts[live[self.rng.random_range(0..live.len())]] += 1;
                }
            }
            Kind::Even => {
                let start = game.turn() as usize;
                for i in 0..capacity as usize {
                    counts[live[(start + i) % live.len()]] += 1;
                }
            }
            Kind::TierNorms | Kind::Pareto => {
                let mut order = live.clone();
                if self.kind == Kind::TierNorms {
                    order.sort_by_key(|&a| game.scenario().accounts[a].tier);
                } else {
                    let s = game.scenario();
                    order.sort_by(|&x, &y| {
                        score::account_weight(s, y).total_cmp(&score::account_weight(s, x))
                    });
                }
                let top = if self.kind == Kind::Pareto {
                    live.len().div_ceil(5)
                } else {
                    0
                };
                let mut left = capacity;
                for (rank, &a) in order.iter().enumerate() {
                    // Fractional norms alternate: 1.5 a turn is 1 then 2.
                    let norm = game.prepared().norms[a];
                    let t = game.turn() as f64;
                    let mut want = ((norm * t).floor() - (norm * (t - 1.0)).floor()) as u32;
                    if rank < top {
                        want *= 2;
                    }
                    let give = want.min(left);
                    counts[a] += give;
                    left -= give;
                }
                // Spare capacity goes to the first-ranked accounts.
                let mut i = 0;
                while left > 0 {
                    counts[order[i % order.len().min(top.max(1).max(order.len() / 3).max(1))]] += 1;
                    left -= 1;
                    i += 1;
                }
            }
        }
        counts
    }

    /// How a trainee who has not learned the lessons spends: on the accounts they visit most
    /// this turn, the resource that looks most generous for its price, one unit each, until
    /// about half the budget is used; never a discount (they were not told they may give one).
    /// `random` buys random resources, discounts included, for a random part of the budget.
    fn resources(&mut self, game: &Game, counts: &[u32]) -> Vec<ResourceUse> {
        let scenario = game.scenario();
        let catalogue = &scenario.means.resources;
        let budget = scenario.means.budget_per_turn;
        let live = live_accounts(game);
        let mut uses: Vec<ResourceUse> = Vec::new();
        if live.is_empty() || catalogue.is_empty() {
            return uses;
        }
        let mut left = budget;
        if self.kind == Kind::Random {
            let target = budget * self.rng.random::<f64>();
            for _ in 0..2 * live.len() {
                let a = live[self.rng.random_range(0..live.len())];
                let r = self.rng.random_range(0..catalogue.len());
                let used = units_used(&uses, a, r);
                if budget - left < target
                    && used < catalogue[r].max_per_account
                    && catalogue[r].cost <= left
                {
                    uses.push(ResourceUse {
                        account: a,
                        resource: r,
                        units: 1,
                    });
                    left -= catalogue[r].cost;
                }
            }
            return uses;
        }
        let looks_generous = |r: usize| {
            let x = &catalogue[r];
            (x.satisfaction + x.support / 2.0 + 2.0 * x.share) / x.cost.max(1.0)
        };
        let mut favourite: Vec<usize> = (0..catalogue.len())
            .filter(|&r| catalogue[r].margin >= 0.0)
            .collect();
        favourite.sort_by(|&x, &y| looks_generous(y).total_cmp(&looks_generous(x)));
        let mut order = live.clone();
        order.sort_by_key(|&a| std::cmp::Reverse(counts[a]));
        for a in order.into_iter().filter(|&a| counts[a] > 0) {
            if budget - left >= NAIVE_SPEND * budget {
                break;
            }
            if let Some(&r) = favourite.iter().find(|&&r| catalogue[r].cost <= left) {
                uses.push(ResourceUse {
                    account: a,
                    resource: r,
                    units: 1,
                });
                left -= catalogue[r].cost;
            }
        }
        uses
    }
}

/// The part of the budget a naive trainee spends.
const NAIVE_SPEND: f64 = 0.5;

fn units_used(uses: &[ResourceUse], account: usize, resource: usize) -> u32 {
    uses.iter()
        .filter(|u| u.account == account && u.resource == resource)
        .map(|u| u.units)
        .sum()
}

impl Strategy for Naive {
    fn plan(&mut self, game: &Game) -> Plan {
        let approaches = game.scenario().approaches.len();
        let mut visits = Vec::new();
        let counts = self.visit_counts(game);
        for (a, &count) in counts.iter().enumerate() {
            let people = people_by_influence(game, a);
            if people.is_empty() {
                continue;
            }
            for i in 0..count as usize {
                let stakeholder = if self.kind == Kind::Random {
                    people[self.rng.random_range(0..people.len())]
                } else {
                    people[i % people.len()]
                };
                let approach = self.rng.random_range(0..approaches);
                visits.push(Visit {
                    account: a,
                    stakeholder,
                    approach,
                });
            }
        }
        Plan {
            visits,
            resources: self.resources(game, &counts),
        }
    }

    fn choose(&mut self, game: &Game, event: usize, _account: usize) -> usize {
        let n = game.scenario().events[event].choices.len();
        self.rng.random_range(0..n.max(1))
    }

    fn negotiate(&mut self, game: &Game, state: &NegotiationState) -> Decision {
        let def = &game.scenario().negotiations[state.negotiation];
        if self.kind == Kind::Random {
            return Decision::Offer(
                def.issues
                    .iter()
                    .map(|i| self.rng.random_range(0..i.options.len()))
                    .collect(),
            );
        }
        // Concede the same step on every issue each round, from our best towards theirs:
        // splitting the difference without knowing what the buyer values most.
        let step = state.round as usize - 1;
        Decision::Offer(
            def.issues
                .iter()
                .map(|issue| {
                    let mut order: Vec<usize> = (0..issue.options.len()).collect();
                    order.sort_by(|&x, &y| {
                        issue.options[x]
                            .buyer_value
                            .total_cmp(&issue.options[y].buyer_value)
                    });
                    order[step.min(order.len() - 1)]
                })
                .collect(),
        )
    }
}

/// Which teaching points the expert forgets; all false is the expert itself.
#[derive(Debug, Clone, Copy, Default)]
struct Habits {
    spread_visits: bool,
    random_pitch: bool,
    worst_rumour: bool,
    stop_gap: bool,
    ignore_warnings: bool,
    concede: bool,
    discount_all: bool,
    over_serve: bool,
    stereotype_pitch: bool,
}

/// CALLPLAN with a value model of the score: every visit, resource, answer and offer goes where
/// it adds most to the final composite, valued over the turns left with the model's own rules.
struct Expert {
    habits: Habits,
    rng: ChaCha8Rng,
}

/// What an account in `state` adds to the final composite from now on: its satisfaction held
/// where it is (the expert plans to keep it there) less what a price gap and open objections
/// will cost, share following satisfaction and competitors, profit at its terms (margin,
/// price, cost to serve, credit) and the year after the game ([`model::future_profit`]), and
/// the account surviving each turn against the churn hazard unless `ignore_risk`.
/// A point of satisfaction or relationship added to an account before it is valued, for
/// marginal values without copying the account.
#[derive(Debug, Clone, Copy, Default)]
struct Nudge {
    satisfaction: f64,
    relationship: f64,
}

fn account_value(
    game: &Game,
    a: usize,
    state: &AccountState,
    ignore_risk: bool,
    open: f64,
    nudge: Nudge,
) -> f64 {
    if state.churned {
        return 0.0;
    }
    let prepared = game.prepared();
    let scenario = &prepared.scenario;
    let def = &scenario.accounts[a];
    let w = prepared.weights[a];
    let (floor, target) = prepared.profit_range;
    let turns_left = scenario.turns.saturating_sub(game.turn()) + 1;
    let relationship = (state.relationship() + nudge.relationship).clamp(0.0, 100.0);
    let mut pressure = state.pressure;
    let mut s = (state.satisfaction + nudge.satisfaction).clamp(0.0, 100.0);
    let mut share = state.share;
    let mut reference = state.reference_price;
    // The expert plans to hold satisfaction against today's pressure; a state with more (or
    // less) pressure than the account has now drags more (or less) every turn.
    let pressure_now = game.accounts()[a].pressure;
    let (mut survive, mut profit, mut satisfaction) = (1.0, 0.0, 0.0);
    for _ in 0..turns_left {
        let price =
            model::price_expectation(&state.contract, reference, scenario.turn_unit.months());
        s = (s + price.satisfaction + model::competitor_drag(pressure)
            - model::competitor_drag(pressure_now)
            + model::open_objection_drag(open))
        .clamp(0.0, 100.0);
        pressure = (pressure + price.pressure).clamp(0.0, 100.0);
        reference = price.reference_price;
        share =
            (share + model::share_trend(s, share) + model::erosion(pressure, share, relationship))
                .clamp(0.0, 100.0);
        if !ignore_risk {
            survive *= 1.0 - model::churn_hazard(s, pressure, relationship, false);
        }
        profit += survive * model::profit_rate(def, share, state.margin, &state.contract);
        satisfaction += survive * s;
    }
    // Open opportunities: the margin of each, at the odds the account's satisfaction and
    // relationship give it when the customer decides ([`model::close_chance`]), so effort that
    // keeps an account with a deal in its funnel satisfied and close is valued too.
    let pipeline: f64 = state
        .opportunities
        .iter()
        .filter(|o| o.status == engine::OpportunityStatus::Open)
        .map(|o| {
            o.opportunity.value * state.margin / 100.0
                * model::close_chance(o.stage, s, relationship)
        })
        .sum();
    profit += survive * pipeline;
    let hazard = if ignore_risk {
        0.0
    } else {
        model::churn_hazard(s, pressure, relationship, false)
    };
    profit += survive
        * model::future_profit(
            def,
            share,
            state.margin,
            &state.contract,
            hazard,
            scenario.turn_unit,
        );
    let sc = &scenario.scoring;
    let total = sc.retention_weight + sc.profit_weight + sc.satisfaction_weight;
    if total <= 0.0 {
        return 0.0;
    }
    (sc.retention_weight * 100.0 * w * survive
        + sc.profit_weight * 100.0 * profit / (target - floor)
        + sc.satisfaction_weight * w * satisfaction / scenario.turns.max(1) as f64)
        / total
}

/// How many times the account's unsolved (but solvable) objections have been raised: each
/// weighs on it every turn ([`model::open_objection_drag`]).
fn open_objections(game: &Game, a: usize) -> f64 {
    game.scenario()
        .events
        .iter()
        .enumerate()
        .filter(|(e, def)| {
            def.kind == EventKind::Objection
                && def.choices.iter().any(|c| c.resolves)
                && !game.is_resolved(*e, a)
        })
        .map(|(e, _)| game.times_fired(e, a) as f64)
        .sum()
}

/// Composite points one more visit to account `a` (after `planned` this month) is worth through
/// its funnel: effort moves each open opportunity up a stage ([`model::stage_progress_chance`]),
/// and a higher stage closes more often ([`model::close_chance`]), for its margin.
fn funnel_gain(game: &Game, a: usize, planned: u32) -> f64 {
    let norm = game.prepared().norms[a].max(0.5);
    let state = &game.accounts()[a];
    let relationship = state.relationship();
    let effort = planned as f64 / norm;
    let more = model::stage_progress_chance(relationship, effort + 1.0 / norm)
        - model::stage_progress_chance(relationship, effort);
    if more <= 0.0 {
        return 0.0;
    }
    let margin: f64 = state
        .opportunities
        .iter()
        .filter(|o| {
            o.status == engine::OpportunityStatus::Open
                && o.stage < model::STAGE_WIN_RATES.len() as u32
                && game.turn() < o.opportunity.close_turn
        })
        .map(|o| {
            let up = model::close_chance(o.stage + 1, state.satisfaction, relationship)
                - model::close_chance(o.stage, state.satisfaction, relationship);
            o.opportunity.value * state.margin / 100.0 * up
        })
        .sum();
    more * margin * money_value(game)
}

/// Composite points one unit of money is worth.
fn money_value(game: &Game) -> f64 {
    let (floor, target) = game.prepared().profit_range;
    let sc = &game.scenario().scoring;
    let total = sc.retention_weight + sc.profit_weight + sc.satisfaction_weight;
    if total <= 0.0 {
        return 0.0;
    }
    sc.profit_weight * 100.0 / (target - floor) / total
}

/// Marginal values of one point of satisfaction and one of relationship for an account.
#[derive(Clone, Copy, Default)]
struct Marginal {
    satisfaction: f64,
    relationship: f64,
}

impl Expert {
    fn value(&self, game: &Game, a: usize, state: &AccountState) -> f64 {
        let open = open_objections(game, a);
        account_value(
            game,
            a,
            state,
            self.habits.ignore_warnings,
            open,
            Nudge::default(),
        )
    }

    fn marginal(&self, game: &Game, a: usize, base: f64) -> Marginal {
        let state = &game.accounts()[a];
        let open = open_objections(game, a);
        let nudged =
            |nudge| account_value(game, a, state, self.habits.ignore_warnings, open, nudge) - base;
        Marginal {
            satisfaction: nudged(Nudge {
                satisfaction: 1.0,
                relationship: 0.0,
            }),
            relationship: nudged(Nudge {
                satisfaction: 0.0,
                relationship: 1.0,
            }),
        }
    }

    /// The pitch for each person of each account: the best-fitting approach (the four-quadrant
    /// lesson), or one at random for `random-pitch`. (approach, fit, effective weight)
    fn pitches(&mut self, game: &Game) -> Vec<Vec<(usize, f64, f64)>> {
        let approaches = &game.scenario().approaches;
        let mut out = Vec::with_capacity(game.accounts().len());
        for (a, state) in game.accounts().iter().enumerate() {
            let mut row = Vec::with_capacity(state.people.len());
            for (p, person) in state.people.iter().enumerate() {
                // The person as the expert can know them at this difficulty (issue 19): it
                // reads cues and reactions as a trainee would, never the hidden labels.
                let seen = reading::believed(game, a, p, self.habits.stereotype_pitch);
                let pick = if self.habits.random_pitch {
                    self.rng.random_range(0..approaches.len())
                } else {
                    (0..approaches.len())
                        .map(|k| (k, model::fit(&approaches[k], &seen)))
                        .fold((0, f64::MIN), |b, x| if x.1 > b.1 { x } else { b })
                        .0
                };
                let approach = &approaches[pick];
                row.push((
                    pick,
                    model::fit(approach, &seen),
                    model::visit_weight(approach, &seen, person.support, 0, 1.0),
                ));
            }
            out.push(row);
        }
        out
    }

    fn plan_visits(&mut self, game: &Game, base: &[f64]) -> Vec<Visit> {
        let scenario = game.scenario();
        let n = game.accounts().len();
        let capacity = scenario.means.visits_per_turn;
        let live = live_accounts(game);
        let values: Vec<Marginal> = (0..n)
            .map(|a| {
                if game.accounts()[a].churned {
                    Marginal::default()
                } else {
                    self.marginal(game, a, base[a])
                }
            })
            .collect();
        let pitches = self.pitches(game);
        let mut x = vec![0.0; n];
        // Each person's support as the plan so far leaves it, and the visits planned to them.
        let mut support: Vec<Vec<(f64, u32)>> = game
            .accounts()
            .iter()
            .map(|s| s.people.iter().map(|p| (p.support, 0)).collect())
            .collect();
        // The best next visit to an account: its effect on satisfaction (ADBUDG) and on the
        // person's support, each at the account's marginal value.
        let best_visit = |a: usize, x: f64, support: &[(f64, u32)]| -> Option<(f64, Visit, f64)> {
            let def = &scenario.accounts[a];
            let state = &game.accounts()[a];
            let influence: f64 = state
                .people
                .iter()
                .filter(|p| p.present)
                .map(|p| p.person.influence)
                .sum();
            let d = game.prepared().half_saturation[a];
            let now = model::adbudg(&def.response, d, x);
            let mut best: Option<(f64, Visit, f64)> = None;
            for (p, person) in state.people.iter().enumerate().filter(|(_, p)| p.present) {
                let (k, fit, w) = pitches[a][p];
                let (held, seen) = support[p];
                let w = w * model::repetition(seen, game.scenario().turn_unit.months());
                let ds = model::adbudg(&def.response, d, x + w) - now;
                let dr =
                    model::support_gain(fit, held) * person.person.influence / influence.max(1e-9);
                let planned: u32 = support.iter().map(|(_, seen)| seen).sum();
                let gain = values[a].satisfaction * ds
                    + values[a].relationship * dr
                    + funnel_gain(game, a, planned);
                if best.as_ref().is_none_or(|b| gain > b.0) {
                    let visit = Visit {
                        account: a,
                        stakeholder: p,
                        approach: k,
                    };
                    best = Some((gain, visit, w));
                }
            }
            best
        };
        let mut visits: Vec<Visit> = Vec::new();
        // Books a visit into the plan: the account's effort and the person's support move.
        let book = |visit: Visit,
                    w: f64,
                    x: &mut [f64],
                    support: &mut [Vec<(f64, u32)>],
                    visits: &mut Vec<Visit>| {
            let a = visit.account;
            x[a] += w;
            let fit = pitches[a][visit.stakeholder].1;
            let (s, seen) = &mut support[a][visit.stakeholder];
            *s = (*s + model::support_gain(fit, *s)).clamp(0.0, 100.0);
            *seen += 1;
            visits.push(visit);
        };
        let take =
            |a: usize, x: &mut [f64], support: &mut [Vec<(f64, u32)>], visits: &mut Vec<Visit>| {
                let Some((_, visit, w)) = best_visit(a, x[a], &support[a]) else {
                    return false;
                };
                book(visit, w, x, support, visits);
                true
            };
        if self.habits.spread_visits && !live.is_empty() {
            // The same number of visits for every account, whatever it is worth.
            let start = game.turn() as usize;
            for i in 0..capacity as usize {
                let a = live[(start + i) % live.len()];
                take(a, &mut x, &mut support, &mut visits);
            }
            return visits;
        }
        if self.habits.over_serve
            && let Some(big) = biggest_revenue(game)
        {
            let want = (2.0 * game.prepared().norms[big]).ceil() as u32;
            for _ in 0..want.min(capacity) {
                take(big, &mut x, &mut support, &mut visits);
            }
        }
        let mut candidates: Vec<Option<(f64, Visit, f64)>> = vec![None; n];
        for &a in &live {
            candidates[a] = best_visit(a, x[a], &support[a]);
        }
        while (visits.len() as u32) < capacity {
            // Ties go to the account listed first, as a scan in account order would.
            let best = candidates
                .iter()
                .flatten()
                .fold(None::<&(f64, Visit, f64)>, |b, c| {
                    if b.is_none_or(|b| c.0 > b.0) {
                        Some(c)
                    } else {
                        b
                    }
                });
            let Some(&(_, visit, w)) = best else { break };
            let a = visit.account;
            book(visit, w, &mut x, &mut support, &mut visits);
            candidates[a] = best_visit(a, x[a], &support[a]);
        }
        visits
    }

    fn plan_resources(&self, game: &Game, visits: &[Visit], base: &[f64]) -> Vec<ResourceUse> {
        let scenario = game.scenario();
        let catalogue = &scenario.means.resources;
        let n = game.accounts().len();
        let money = money_value(game);
        let live = live_accounts(game);
        let mut visit_count = vec![0u32; n];
        for v in visits {
            visit_count[v.account] += 1;
        }
        let mut left = scenario.means.budget_per_turn;
        let mut uses: Vec<ResourceUse> = Vec::new();
        let buy = |a: usize, r: usize, uses: &mut Vec<ResourceUse>, left: &mut f64| {
            if units_used(uses, a, r) < catalogue[r].max_per_account && catalogue[r].cost <= *left {
                uses.push(ResourceUse {
                    account: a,
                    resource: r,
                    units: 1,
                });
                *left -= catalogue[r].cost;
                true
            } else {
                false
            }
        };
        if self.habits.discount_all {
            for &a in &live {
                for r in (0..catalogue.len()).filter(|&r| catalogue[r].margin < 0.0) {
                    while buy(a, r, &mut uses, &mut left) {}
                }
            }
        }
        if self.habits.over_serve
            && let Some(big) = biggest_revenue(game)
        {
            for r in (0..catalogue.len()).filter(|&r| catalogue[r].margin >= 0.0) {
                while buy(big, r, &mut uses, &mut left) {}
            }
        }
        // Gain of the next unit of each resource for an account, per unit of budget.
        // A unit's gain depends only on the account, the resource and the units before it, so
        // each is valued once however often the choice is looked at again.
        // (units before, gain) of the last unit valued, per account and resource.
        let mut known: Vec<Option<(u32, f64)>> = vec![None; n * catalogue.len()];
        let mut best_for = |a: usize, uses: &[ResourceUse], left: f64| -> Option<(f64, usize)> {
            let mut best: Option<(f64, usize)> = None;
            for (r, res) in catalogue.iter().enumerate() {
                let used = units_used(uses, a, r);
                // The role model does not buy satisfaction with price (teaching point 7): a
                // discount was worth 0.3 points to it at most when it could (docs/model.md,
                // "no concessions"), yet it gave one in every game, mostly to C accounts, and
                // the debrief showed trainees an expert who discounts.
                if res.margin < 0.0 || used >= res.max_per_account || res.cost > left {
                    continue;
                }
                let slot = &mut known[a * catalogue.len() + r];
                let gain = match *slot {
                    Some((units, gain)) if units == used => gain,
                    _ => {
                        let (after, cash) = game.after_resource(a, r, used, visit_count[a]);
                        let gain =
                            self.value(game, a, &after) - base[a] + money * (cash - res.cost);
                        *slot = Some((used, gain));
                        gain
                    }
                };
                let ratio = gain / res.cost.max(1.0);
                if gain > 0.0 && best.is_none_or(|b| ratio > b.0) {
                    best = Some((ratio, r));
                }
            }
            best
        };
        let mut candidates: Vec<Option<(f64, usize)>> = vec![None; n];
        for &a in &live {
            candidates[a] = best_for(a, &uses, left);
        }
        loop {
            let best = candidates
                .iter()
                .enumerate()
                .filter_map(|(a, c)| c.map(|(ratio, r)| (ratio, a, r)))
                .fold(None::<(f64, usize, usize)>, |b, c| {
                    if b.is_none_or(|b| c.0 > b.0) {
                        Some(c)
                    } else {
                        b
                    }
                });
            let Some((_, a, r)) = best else { break };
            if !buy(a, r, &mut uses, &mut left) {
                candidates[a] = None;
                continue;
            }
            // Less budget left can rule out what other accounts wanted.
            for &b in &live {
                if b == a || candidates[b].is_some_and(|(_, r)| catalogue[r].cost > left) {
                    candidates[b] = best_for(b, &uses, left);
                }
            }
        }
        uses
    }

    /// What answering `choice` is worth: the account after it, its money, and for an answer
    /// that leaves an objection unsolved, the expected cost of its coming back.
    fn answer_value(&self, game: &Game, event: usize, account: usize, choice: usize) -> f64 {
        let def = &game.scenario().events[event];
        let money = money_value(game);
        let (after, cash) = game.after_choice(event, account, choice);
        // An objection some answer can solve weighs on the account every turn until solved:
        // solving it lifts that weight, leaving it open adds its likely returns.
        let mut open = open_objections(game, account);
        let solvable = def.kind == EventKind::Objection && def.choices.iter().any(|c| c.resolves);
        let fired = game.times_fired(event, account);
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
            let effects = model::repeat_effects(def.kind, &def.on_repeat);
            if !effects.is_empty() {
                let weight = returns.1;
                let now = self.value(game, account, &game.accounts()[account]);
                let (hit, hit_cash) = game.after_effects(account, &effects, 1.0);
                let one_repeat = now - self.value(game, account, &hit) - money * hit_cash;
                value -= weight * one_repeat;
            }
        }
        value
    }
}

/// The live account with the biggest revenue now (the predecessor's "biggest customer").
fn biggest_revenue(game: &Game) -> Option<usize> {
    let scenario = game.scenario();
    live_accounts(game).into_iter().max_by(|&x, &y| {
        let r = |a: usize| game.accounts()[a].revenue(scenario.accounts[a].potential);
        r(x).total_cmp(&r(y)).then(y.cmp(&x))
    })
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

    fn choose(&mut self, game: &Game, event: usize, account: usize) -> usize {
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

    fn negotiate(&mut self, game: &Game, state: &NegotiationState) -> Decision {
        let def = &game.scenario().negotiations[state.negotiation];
        let offers = all_offers(def.issues.iter().map(|i| i.options.len()).collect());
        // What each deal is worth to us: the account as the deal leaves it, valued over the
        // turns left (price, payment terms, share, satisfaction, the risk of losing it).
        let ours = |i: usize| {
            game.after_deal(state.negotiation, &offers[i])
                .map_or(f64::MIN, |after| self.value(game, state.account, &after))
        };
        let buyer_values: Vec<f64> = offers.iter().map(|o| Game::buyer_value(def, o)).collect();
        if self.habits.concede {
            // The buyer's first demand, granted: the offer they like most.
            let best = (0..offers.len())
                .max_by(|&x, &y| buyer_values[x].total_cmp(&buyer_values[y]))
                .unwrap_or(0);
            return Decision::Offer(offers.get(best).cloned().unwrap_or_default());
        }
        // A well-prepared KAM (充分准备) knows what the buyer values: offer the deal best for
        // us that the buyer accepts now, or anchor low while a later round promises better.
        let best_at = |round: u32| {
            let needed = game.buyer_threshold(state.negotiation, round);
            (0..offers.len())
                .filter(|&i| buyer_values[i] + 1e-9 >= needed)
                .map(|i| (ours(i), &offers[i]))
                .max_by(|x, y| x.0.total_cmp(&y.0))
        };
        let now = best_at(state.round);
        let later = if state.round < def.rounds {
            best_at(def.rounds)
        } else {
            None
        };
        let lowest = || {
            offers
                .iter()
                .min_by(|x, y| Game::buyer_value(def, x).total_cmp(&Game::buyer_value(def, y)))
        };
        let pick = match (now, later) {
            (Some(now), Some(later)) if later.0 > now.0 => lowest(),
            (Some(now), _) => Some(now.1),
            (None, Some(_)) => lowest(),
            (None, None) => offers
                .iter()
                .max_by(|x, y| Game::buyer_value(def, x).total_cmp(&Game::buyer_value(def, y))),
        };
        Decision::Offer(pick.cloned().unwrap_or_default())
    }
}

/// Every combination of one option per issue.
fn all_offers(sizes: Vec<usize>) -> Vec<Vec<usize>> {
    let mut offers = vec![Vec::new()];
    for size in sizes {
        offers = offers
            .into_iter()
            .flat_map(|o: Vec<usize>| (0..size.max(1)).map(move |i| [o.clone(), vec![i]].concat()))
            .collect();
    }
    offers
}

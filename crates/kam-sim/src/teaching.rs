//! Does a scenario teach? Simulation-based checks an instructor runs before class.
//!
//! `validate` reads a scenario and says what is wrong with it on paper. This module plays it:
//! every built-in strategy over many seeds (the *balance lab*), and from those games it says
//! what does not teach in practice — an account nobody can keep, an event that never fires, a
//! budget that never binds, an answer that is best every time at no cost — and whether the
//! score rewards skill at all (expert against random and even, skill against luck).
//!
//! Every warning carries a path into the scenario (`accounts[3]`, `events[2].choices[1]`) so
//! the loader's span lookup ([`crate::load::span_at`]) can turn it into a line and column.

use std::sync::Arc;

use crate::batch::Distribution;
use crate::engine::{Decision, Game, Prepared};
use crate::problems::{Flaw, Problem};
use crate::scenario::{Condition, Effect, Event, EventKind, Scenario, Trigger, Verdict};
use crate::score::{self, Scores};
use crate::strategy::StrategyId;

/// An account is "impossible" when every strategy loses it in at least this share of games.
pub const LOST_BY_ALL: f64 = 0.95;
/// An event "never fires" when it fires in fewer than this share of all games.
pub const RARE_EVENT: f64 = 0.01;
/// The budget "never binds" when the expert's mean spend stays below this share of it every turn.
pub const IDLE_BUDGET: f64 = 0.5;
/// A choice is "dominant in practice" when the expert picked it every time, at least this often.
pub const DOMINANT_MIN_FIRINGS: u32 = 3;

/// Skill thresholds of the verdict (composite points, 0 to 100).
pub const EXPERT_OVER_RANDOM: f64 = 10.0;
pub const EXPERT_OVER_EVEN: f64 = 5.0;
/// Share of seeds on which the expert must beat random on the same seed.
pub const EXPERT_BEATS_RANDOM_SHARE: f64 = 0.9;

/// What kind of teaching problem a warning reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// Every strategy, the expert included, loses the account in almost every game.
    AccountUnkeepable,
    /// The event (almost) never fires in the games played.
    EventNeverFires,
    /// Even the expert leaves most of the budget unspent every turn.
    BudgetNeverBinds,
    /// The expert always picks this answer, and it has no downside.
    DominantChoice,
    /// A rumour or objection answer without feedback: the trainee learns nothing from it.
    MissingFeedback,
    /// An answer rated good spends more than the others, or buys volume, at an account that
    /// loses money at its starting terms: it contradicts the course on margin squeezers.
    GoodAnswerFeedsLoss,
    /// In more than half of the events the costliest answer is the good one: "pick the
    /// expensive answer" wins without the lesson.
    CostGivesVerdict,
    /// A rumour answer rated poor raises satisfaction: the feedback says one thing, the
    /// figures another.
    PoorAnswerPleases,
    /// Spending the budget turns the expert's profit negative, and it still scores more than
    /// without any budget: the budget buys the score.
    BudgetBuysScore,
}

impl WarningKind {
    /// The kind's name in English ([`crate::words::teaching_warning`] in either language).
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::AccountUnkeepable => "account cannot be kept",
            WarningKind::EventNeverFires => "event never fires",
            WarningKind::BudgetNeverBinds => "budget never binds",
            WarningKind::BudgetBuysScore => "budget buys the score",
            WarningKind::DominantChoice => "dominant choice",
            WarningKind::MissingFeedback => "missing feedback",
            WarningKind::GoodAnswerFeedsLoss => "good answer feeds a loss-maker",
            WarningKind::CostGivesVerdict => "cost gives the verdict away",
            WarningKind::PoorAnswerPleases => "poor answer pleases",
        }
    }
}

/// One teaching problem, located by a path into the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct TeachingWarning {
    pub path: String,
    pub kind: WarningKind,
    /// What was found, with its figures ([`Flaw::render`] says it).
    pub flaw: Flaw,
}

impl TeachingWarning {
    /// The flaw in English.
    pub fn message(&self) -> String {
        self.flaw.to_string()
    }
}

impl std::fmt::Display for TeachingWarning {
    /// In English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.path, self.kind.label(), self.flaw)
    }
}

/// What one game did, in the figures the balance lab needs.
#[derive(Debug, Clone, PartialEq)]
pub struct GameStats {
    pub seed: u64,
    pub scores: Scores,
    /// Per account: still a customer at the end.
    pub retained: Vec<bool>,
    /// Per account: final satisfaction (0 when lost).
    pub satisfaction: Vec<f64>,
    /// Per event: how many times it fired in this game (over all accounts).
    pub fired: Vec<u32>,
    /// Per event, per choice: how many times it was picked.
    pub picks: Vec<Vec<u32>>,
    /// Per turn: money spent (resources and paid answers) as a share of the turn's budget.
    pub spend: Vec<f64>,
}

impl GameStats {
    pub fn of(game: &Game) -> GameStats {
        let scenario = game.scenario();
        let retained: Vec<bool> = game.accounts().iter().map(|s| !s.churned).collect();
        let satisfaction = game
            .accounts()
            .iter()
            .map(|s| if s.churned { 0.0 } else { s.satisfaction })
            .collect();
        let mut fired = vec![0u32; scenario.events.len()];
        let mut picks: Vec<Vec<u32>> = scenario
            .events
            .iter()
            .map(|e| vec![0; e.choices.len()])
            .collect();
        let turns = scenario.turns as usize;
        let mut spent = vec![0.0; turns];
        for c in game.choices() {
            fired[c.event] += 1;
            picks[c.event][c.choice] += 1;
            if let Some(t) = (c.turn as usize).checked_sub(1).filter(|t| *t < turns) {
                spent[t] += scenario.events[c.event].choices[c.choice].cost;
            }
        }
        let plans = game.log().iter().filter_map(|d| match d {
            Decision::Plan(plan) => Some(plan),
            _ => None,
        });
        for (t, plan) in plans.enumerate().take(turns) {
            spent[t] += game.plan_cost(plan);
        }
        let budget = scenario.means.budget_per_turn;
        let spend = spent
            .iter()
            .map(|s| if budget > 0.0 { s / budget } else { 0.0 })
            .collect();
        GameStats {
            seed: game.seed(),
            scores: score::score(game),
            retained,
            satisfaction,
            fired,
            picks,
            spend,
        }
    }
}

/// One strategy's games.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyRun {
    pub strategy: StrategyId,
    pub games: Vec<GameStats>,
}

impl StrategyRun {
    pub fn composite(&self) -> Distribution {
        Distribution::of(self.games.iter().map(|g| g.scores.composite))
    }

    /// Share of games in which account `a` was kept.
    pub fn retained(&self, a: usize) -> f64 {
        share(
            self.games.iter().filter(|g| g.retained[a]).count(),
            self.games.len(),
        )
    }

    /// Share of games in which event `e` fired at least once.
    pub fn fired(&self, e: usize) -> f64 {
        share(
            self.games.iter().filter(|g| g.fired[e] > 0).count(),
            self.games.len(),
        )
    }

    /// Per choice of event `e`: how many times it was picked over all games.
    pub fn picks(&self, e: usize) -> Vec<u32> {
        let n = self.games.first().map_or(0, |g| g.picks[e].len());
        (0..n)
            .map(|c| self.games.iter().map(|g| g.picks[e][c]).sum())
            .collect()
    }

    /// Per turn: mean share of the budget spent.
    pub fn spend(&self) -> Vec<f64> {
        let turns = self.games.first().map_or(0, |g| g.spend.len());
        let n = self.games.len().max(1) as f64;
        (0..turns)
            .map(|t| self.games.iter().map(|g| g.spend[t]).sum::<f64>() / n)
            .collect()
    }
}

fn share(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// Every built-in strategy played over the same run of seeds.
#[derive(Debug, Clone)]
pub struct Lab {
    pub prepared: Arc<Prepared>,
    pub seed: u64,
    pub runs: u64,
    /// In the order of [`StrategyId::BENCHMARKS`].
    pub strategies: Vec<StrategyRun>,
}

impl Lab {
    pub fn strategy(&self, id: StrategyId) -> Option<&StrategyRun> {
        self.strategies.iter().find(|s| s.strategy == id)
    }

    pub fn games(&self) -> usize {
        self.strategies.iter().map(|s| s.games.len()).sum()
    }
}

/// Plays every built-in strategy on seeds `seed`, `seed + 1`, … (`runs` games each), using
/// the machine's cores. Deterministic: the result does not depend on the number of threads.
pub fn lab(prepared: &Arc<Prepared>, seed: u64, runs: u64) -> Result<Lab, String> {
    lab_with_progress(prepared, seed, runs, &|_, _| {})
}

/// [`lab`], calling `progress(games done, games in all)` as games finish.
fn lab_with_progress(
    prepared: &Arc<Prepared>,
    seed: u64,
    runs: u64,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Lab, String> {
    let jobs: Vec<(usize, u64)> = (0..StrategyId::BENCHMARKS.len())
        .flat_map(|s| (0..runs).map(move |i| (s, seed.wrapping_add(i))))
        .collect();
    let total = jobs.len();
    let all = crate::batch::par_map_progress(
        &jobs,
        |&(s, seed)| {
            crate::batch::play(prepared, StrategyId::BENCHMARKS[s], seed).map(|g| GameStats::of(&g))
        },
        &|done| progress(done, total),
    );
    let mut strategies: Vec<StrategyRun> = StrategyId::BENCHMARKS
        .into_iter()
        .map(|strategy| StrategyRun {
            strategy,
            games: Vec::new(),
        })
        .collect();
    for ((s, _), stats) in jobs.iter().zip(all) {
        strategies[*s].games.push(stats?);
    }
    Ok(Lab {
        prepared: Arc::clone(prepared),
        seed,
        runs,
        strategies,
    })
}

/// Games per strategy the teaching review plays when not told: 200 for a classroom-sized
/// scenario, fewer for big ones (each game of a big scenario already holds many accounts and
/// turns to count), never below 20.
pub fn default_runs(scenario: &Scenario) -> u64 {
    let size = (scenario.accounts.len().max(1) as u64) * u64::from(scenario.turns.max(1));
    (200 * 120 / size).clamp(20, 200)
}

/// Plays the scenario `runs` times per strategy (from its own seed) and reports what does not
/// teach. Includes the checks that need no games ([`review_static`]).
pub fn review(prepared: &Arc<Prepared>, runs: u64) -> Vec<TeachingWarning> {
    review_with_progress(prepared, runs, &|_, _| {})
}

/// [`review`] with a progress callback (games done, games in all).
pub fn review_with_progress(
    prepared: &Arc<Prepared>,
    runs: u64,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<TeachingWarning> {
    match lab_with_progress(prepared, prepared.scenario.seed, runs, progress) {
        Ok(lab) => review_lab(&lab),
        Err(_) => review_static(&prepared.scenario),
    }
}

/// The accounts an event can happen at: its own, or every account its tier conditions allow.
fn event_accounts(scenario: &Scenario, event: &Event) -> Vec<usize> {
    let (account, when) = match &event.trigger {
        Trigger::Scripted { account, .. } => (Some(account), &[][..]),
        Trigger::Conditional { account, when, .. } => (account.as_ref(), &when[..]),
    };
    (0..scenario.accounts.len())
        .filter(|&a| {
            let def = &scenario.accounts[a];
            account.is_none_or(|id| &def.id == id)
                && when
                    .iter()
                    .all(|c| !matches!(c, Condition::Tier(t) if *t != def.tier))
        })
        .collect()
}

/// The answer that costs strictly more than every other answer of the event, if any.
fn costliest(event: &Event) -> Option<usize> {
    let (best, cost) = event
        .choices
        .iter()
        .enumerate()
        .map(|(c, x)| (c, x.cost))
        .fold((None, 0.0), |(b, top), (c, cost)| {
            if cost > top {
                (Some(c), cost)
            } else {
                (b, top)
            }
        });
    let best = best?;
    let unique = event
        .choices
        .iter()
        .enumerate()
        .all(|(c, x)| c == best || x.cost < cost);
    unique.then_some(best)
}

/// Good answers that put more into an account losing money at its starting terms
/// ([`score::baseline_profit_rate`] below 0): the costliest answer, or one that buys volume
/// (cost to serve grows with it, so the loss does too). The course says to serve a margin
/// squeezer at standard level and renegotiate its terms, not to raise the effort.
fn good_answers_feeding_losses(scenario: &Scenario, out: &mut Vec<TeachingWarning>) {
    for (e, event) in scenario.events.iter().enumerate() {
        let losing: Vec<usize> = event_accounts(scenario, event)
            .into_iter()
            .filter(|&a| score::baseline_profit_rate(scenario, a) < 0.0)
            .collect();
        if losing.is_empty() {
            continue;
        }
        let accounts: Vec<String> = losing
            .iter()
            .map(|&a| scenario.accounts[a].id.clone())
            .collect();
        let rates: Vec<f64> = losing
            .iter()
            .map(|&a| score::baseline_profit_rate(scenario, a))
            .collect();
        let costliest = costliest(event);
        for (c, choice) in event.choices.iter().enumerate() {
            if choice.verdict != Verdict::Good {
                continue;
            }
            let volume = choice
                .effects
                .iter()
                .any(|x| matches!(x, Effect::Share(v) if *v > 0.0));
            let costliest = if costliest == Some(c) {
                Some(choice.cost)
            } else if volume {
                None
            } else {
                continue;
            };
            let conditional = match event.trigger {
                Trigger::Scripted { .. } => None,
                Trigger::Conditional { .. } => Some(event.id.clone()),
            };
            out.push(TeachingWarning {
                path: format!("events[{e}].choices[{c}]"),
                kind: WarningKind::GoodAnswerFeedsLoss,
                flaw: Flaw::FeedsLoss {
                    label: choice.label.clone(),
                    costliest,
                    conditional,
                    accounts: accounts.clone(),
                    rates: rates.clone(),
                },
            });
        }
    }
}

/// Warns when, in more than half of the events, the costliest answer is the good one: a
/// trainee then learns "pick the expensive answer" instead of the lesson.
fn cost_gives_verdict(scenario: &Scenario, out: &mut Vec<TeachingWarning>) {
    let events: Vec<&Event> = scenario
        .events
        .iter()
        .filter(|e| e.choices.len() >= 2)
        .collect();
    let telling: Vec<&str> = events
        .iter()
        .filter(|e| costliest(e).is_some_and(|c| e.choices[c].verdict == Verdict::Good))
        .map(|e| e.id.as_str())
        .collect();
    if events.len() >= 2 && 2 * telling.len() > events.len() {
        out.push(TeachingWarning {
            path: "events".into(),
            kind: WarningKind::CostGivesVerdict,
            flaw: Flaw::CostGivesVerdict {
                telling: telling.iter().map(|&id| id.to_owned()).collect(),
                events: events.len(),
            },
        });
    }
}

/// A poor answer to a rumour that raises satisfaction tells the trainee it worked.
fn poor_rumour_answers_that_please(scenario: &Scenario, out: &mut Vec<TeachingWarning>) {
    for (e, event) in scenario.events.iter().enumerate() {
        if !matches!(event.kind, EventKind::Rumour { .. }) {
            continue;
        }
        for (c, choice) in event.choices.iter().enumerate() {
            let pleases: f64 = choice
                .effects
                .iter()
                .map(|x| match x {
                    Effect::Satisfaction(v) => *v,
                    _ => 0.0,
                })
                .sum();
            if choice.verdict == Verdict::Poor && pleases > 0.0 {
                out.push(TeachingWarning {
                    path: format!("events[{e}].choices[{c}].effects"),
                    kind: WarningKind::PoorAnswerPleases,
                    flaw: Flaw::PoorPleases {
                        label: choice.label.clone(),
                        pleases,
                    },
                });
            }
        }
    }
}

/// Checks that read the scenario only: rumours and objections whose answers explain nothing,
/// answers whose price or numbers contradict their verdict.
fn review_static(scenario: &Scenario) -> Vec<TeachingWarning> {
    let mut out = Vec::new();
    good_answers_feeding_losses(scenario, &mut out);
    cost_gives_verdict(scenario, &mut out);
    poor_rumour_answers_that_please(scenario, &mut out);
    for (e, event) in scenario.events.iter().enumerate() {
        let objection = match event.kind {
            EventKind::Rumour { .. } => false,
            EventKind::Objection => true,
            _ => continue,
        };
        for (c, choice) in event.choices.iter().enumerate() {
            if choice.feedback.trim().is_empty() {
                out.push(TeachingWarning {
                    path: format!("events[{e}].choices[{c}].feedback"),
                    kind: WarningKind::MissingFeedback,
                    flaw: Flaw::MissingFeedback {
                        label: choice.label.clone(),
                        objection,
                        event: event.id.clone(),
                    },
                });
            }
        }
    }
    out
}

/// Teaching warnings from games already played, plus the static ones.
pub fn review_lab(lab: &Lab) -> Vec<TeachingWarning> {
    let scenario = &lab.prepared.scenario;
    let mut out = Vec::new();
    if lab.games() == 0 {
        return review_static(scenario);
    }

    for (a, account) in scenario.accounts.iter().enumerate() {
        let best = lab
            .strategies
            .iter()
            .map(|s| (s.retained(a), s.strategy.name()))
            .fold((-1.0, ""), |b, x| if x.0 > b.0 { x } else { b });
        if best.0 <= 1.0 - LOST_BY_ALL {
            out.push(TeachingWarning {
                path: format!("accounts[{a}]"),
                kind: WarningKind::AccountUnkeepable,
                flaw: Flaw::Unkeepable {
                    account: account.id.clone(),
                    lost: LOST_BY_ALL * 100.0,
                    best: best.1.to_owned(),
                    kept: best.0 * 100.0,
                },
            });
        }
    }

    let games = lab.games();
    for (e, event) in scenario.events.iter().enumerate() {
        let fired: usize = lab
            .strategies
            .iter()
            .map(|s| s.games.iter().filter(|g| g.fired[e] > 0).count())
            .sum();
        if (fired as f64) < RARE_EVENT * games as f64 || fired == 0 {
            out.push(TeachingWarning {
                path: format!("events[{e}].trigger"),
                kind: WarningKind::EventNeverFires,
                flaw: Flaw::NeverFired {
                    event: event.id.clone(),
                    fired,
                    games,
                    runs: lab.runs,
                },
            });
        }
    }

    if let Some(expert) = lab.strategy(StrategyId::Expert)
        && scenario.means.budget_per_turn > 0.0
        && !expert.games.is_empty()
    {
        let spend = expert.spend();
        let most = spend.iter().copied().fold(0.0, f64::max);
        if most < IDLE_BUDGET {
            out.push(TeachingWarning {
                path: "means.budget_per_turn".into(),
                kind: WarningKind::BudgetNeverBinds,
                flaw: Flaw::BudgetIdle {
                    most: most * 100.0,
                    budget: scenario.means.budget_per_turn,
                    games: expert.games.len(),
                },
            });
        }
    }

    if let Some(expert) = lab.strategy(StrategyId::Expert)
        && scenario.means.budget_per_turn > 0.0
        && !expert.games.is_empty()
    {
        out.extend(budget_buys_score(&lab.prepared, expert));
    }

    if let Some(expert) = lab.strategy(StrategyId::Expert) {
        for (e, event) in scenario.events.iter().enumerate() {
            if event.choices.len() < 2 {
                continue;
            }
            let picks = expert.picks(e);
            let total: u32 = picks.iter().sum();
            if total < DOMINANT_MIN_FIRINGS {
                continue;
            }
            let Some(c) = picks.iter().position(|&n| n == total) else {
                continue;
            };
            let choice = &event.choices[c];
            if choice.cost <= 0.0 && !choice.effects.iter().any(has_downside) {
                out.push(TeachingWarning {
                    path: format!("events[{e}].choices[{c}]"),
                    kind: WarningKind::DominantChoice,
                    flaw: Flaw::Dominant {
                        label: choice.label.clone(),
                        total,
                        event: event.id.clone(),
                    },
                });
            }
        }
    }

    out.extend(review_static(scenario));
    out
}

/// Whether the budget buys the score: the expert's in-game profit is negative with the budget
/// and not without it, yet the same expert on the same seeds with no resource to buy scores less
/// (issue 18: a budget loose enough to buy the composite teaches spending, not key account
/// management).
fn budget_buys_score(prepared: &Arc<Prepared>, expert: &StrategyRun) -> Option<TeachingWarning> {
    let scenario = &prepared.scenario;
    let n = expert.games.len() as f64;
    let profit = expert.games.iter().map(|g| g.scores.profit).sum::<f64>() / n;
    if profit >= 0.0 {
        return None;
    }
    // The same budget for event answers, but no resource to spend it on.
    let mut frugal = scenario.clone();
    // (Prepared::new has already filled in the standard catalogue where the file names none.)
    for r in &mut frugal.means.resources {
        r.max_per_account = 0;
    }
    let frugal = Prepared::new(frugal);
    let (mut without, mut profit_without) = (0.0, 0.0);
    for g in &expert.games {
        let game = crate::batch::play(&frugal, crate::strategy::StrategyId::Expert, g.seed).ok()?;
        let scores = score::score(&game);
        without += scores.composite / n;
        profit_without += scores.profit / n;
    }
    let with = expert.composite().mean;
    let spent = expert.spend().iter().sum::<f64>() * scenario.means.budget_per_turn;
    (profit_without >= 0.0 && with > without).then(|| TeachingWarning {
        path: "means.budget_per_turn".into(),
        kind: WarningKind::BudgetBuysScore,
        flaw: Flaw::BudgetBuysScore {
            spent,
            profit_without,
            profit,
            with,
            without,
        },
    })
}

/// Teaching warnings as located diagnostics (warnings, FILE:LINE:COL) against the scenario's
/// source text, as `kam validate` prints them.
pub fn locate(file: &str, src: &str, warnings: &[TeachingWarning]) -> Vec<crate::load::Diagnostic> {
    let root = ron_located::parse(src).ok();
    warnings
        .iter()
        .map(|w| {
            let pos = root
                .as_ref()
                .map(|r| crate::load::span_at(r, &w.path).start);
            crate::load::Diagnostic {
                file: file.to_owned(),
                line: pos.map_or(1, |p| p.line),
                col: pos.map_or(1, |p| p.col),
                severity: crate::load::Severity::Warning,
                problem: Problem::Teaching {
                    kind: w.kind,
                    flaw: w.flaw.clone(),
                    path: w.path.clone(),
                },
            }
        })
        .collect()
}

/// Whether an effect costs the player something.
fn has_downside(effect: &Effect) -> bool {
    match effect {
        Effect::Satisfaction(x) | Effect::Share(x) | Effect::Margin(x) | Effect::Cash(x) => {
            *x < 0.0
        }
        Effect::Support(_, x) => *x < 0.0,
        Effect::Pressure(x) | Effect::PaymentDays(x) => *x > 0.0,
        Effect::RemoveStakeholder(_) | Effect::Lose => true,
        Effect::AddStakeholder(_) | Effect::AddOpportunity(_) | Effect::StartNegotiation(_) => {
            false
        }
    }
}

/// One test of whether a scenario rewards skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkillTest {
    /// The expert's mean is ahead of random play's by [`EXPERT_OVER_RANDOM`].
    ExpertBeatsRandom,
    /// The expert's mean is ahead of even spreading's by [`EXPERT_OVER_EVEN`].
    AllocationPays,
    /// The expert beats random play on the same seed in [`EXPERT_BEATS_RANDOM_SHARE`] of games.
    SkillWinsSeedBySeed,
    /// The expert's own spread between seeds is smaller than the expert−random gap.
    SkillOutweighsLuck,
    /// The expert's median reaches the B grade.
    GoodGradeReachable,
    /// Random play's median stays below the B grade.
    RandomDoesNotPass,
}

impl SkillTest {
    /// Its name in English, as `kam balance` has always printed it.
    pub fn label(self) -> &'static str {
        match self {
            SkillTest::ExpertBeatsRandom => "expert beats random",
            SkillTest::AllocationPays => "allocation by value pays",
            SkillTest::SkillWinsSeedBySeed => "skill wins seed by seed",
            SkillTest::SkillOutweighsLuck => "skill outweighs luck",
            SkillTest::GoodGradeReachable => "a good grade is reachable",
            SkillTest::RandomDoesNotPass => "random play does not pass",
        }
    }
}

/// The figures a skill check weighed, and the line it had to clear: typed, so each tool says
/// them in its reader's language (`kam balance`'s words), with the numbers the check used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SkillEvidence {
    /// The expert's mean composite against another strategy's, the gap, and the gap needed.
    MeanGap {
        expert: f64,
        other: f64,
        gap: f64,
        needs: f64,
    },
    /// Seeds on which the expert beat random play, of `games`, and the share needed.
    SeedWins {
        wins: usize,
        games: usize,
        needs_share: f64,
    },
    /// The expert's p90 − p10 between seeds against the expert−random gap.
    SpreadAgainstGap { spread: f64, gap: f64 },
    /// A strategy's median composite against the B grade's threshold.
    MedianAgainstGrade { median: f64, grade: f64 },
}

/// One test of whether a scenario rewards skill, with what it found.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillCheck {
    pub test: SkillTest,
    pub passed: bool,
    pub evidence: SkillEvidence,
}

/// Does the score reward skill? Expert against random and even, seed by seed, and skill
/// against luck. Each check states its threshold.
pub fn skill_checks(lab: &Lab) -> Vec<SkillCheck> {
    let (Some(expert), Some(random), Some(even)) = (
        lab.strategy(StrategyId::Expert),
        lab.strategy(StrategyId::Random),
        lab.strategy(StrategyId::Even),
    ) else {
        return Vec::new();
    };
    let (e, r, v) = (expert.composite(), random.composite(), even.composite());
    let mut checks = Vec::new();
    let gap = e.mean - r.mean;
    checks.push(SkillCheck {
        test: SkillTest::ExpertBeatsRandom,
        passed: gap >= EXPERT_OVER_RANDOM,
        evidence: SkillEvidence::MeanGap {
            expert: e.mean,
            other: r.mean,
            gap,
            needs: EXPERT_OVER_RANDOM,
        },
    });
    let even_gap = e.mean - v.mean;
    checks.push(SkillCheck {
        test: SkillTest::AllocationPays,
        passed: even_gap >= EXPERT_OVER_EVEN,
        evidence: SkillEvidence::MeanGap {
            expert: e.mean,
            other: v.mean,
            gap: even_gap,
            needs: EXPERT_OVER_EVEN,
        },
    });
    let pairs = expert
        .games
        .iter()
        .zip(&random.games)
        .filter(|(x, y)| x.seed == y.seed);
    let (mut wins, mut n) = (0usize, 0usize);
    for (x, y) in pairs {
        n += 1;
        if x.scores.composite > y.scores.composite {
            wins += 1;
        }
    }
    checks.push(SkillCheck {
        test: SkillTest::SkillWinsSeedBySeed,
        passed: share(wins, n) >= EXPERT_BEATS_RANDOM_SHARE,
        evidence: SkillEvidence::SeedWins {
            wins,
            games: n,
            needs_share: EXPERT_BEATS_RANDOM_SHARE,
        },
    });
    let spread = e.p90 - e.p10;
    checks.push(SkillCheck {
        test: SkillTest::SkillOutweighsLuck,
        passed: spread < gap,
        evidence: SkillEvidence::SpreadAgainstGap { spread, gap },
    });
    let grade = lab.prepared.scenario.scoring.grades[1];
    checks.push(SkillCheck {
        test: SkillTest::GoodGradeReachable,
        passed: e.p50 >= grade,
        evidence: SkillEvidence::MedianAgainstGrade {
            median: e.p50,
            grade,
        },
    });
    checks.push(SkillCheck {
        test: SkillTest::RandomDoesNotPass,
        passed: r.p50 < grade,
        evidence: SkillEvidence::MedianAgainstGrade {
            median: r.p50,
            grade,
        },
    });
    checks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use crate::scenario::*;

    fn kinds(w: &[TeachingWarning]) -> Vec<WarningKind> {
        w.iter().map(|w| w.kind).collect()
    }

    fn small() -> Scenario {
        generate(6, 6, 3)
    }

    #[test]
    fn lab_is_deterministic_and_complete() {
        let prepared = Prepared::new(small());
        let a = lab(&prepared, 5, 4).unwrap();
        let b = lab(&prepared, 5, 4).unwrap();
        assert_eq!(a.strategies, b.strategies);
        assert_eq!(a.games(), 4 * StrategyId::BENCHMARKS.len());
        for s in &a.strategies {
            assert_eq!(
                s.games.iter().map(|g| g.seed).collect::<Vec<_>>(),
                vec![5, 6, 7, 8]
            );
        }
    }

    #[test]
    fn an_account_nobody_can_keep_is_flagged() {
        let mut s = small();
        // Scripted loss in turn 1: nothing the trainee does can keep it.
        s.events.push(Event {
            id: "doomed".into(),
            kind: EventKind::Other,
            title: "Bankrupt".into(),
            text: "They go under.".into(),
            trigger: Trigger::Scripted {
                turn: 1,
                account: s.accounts[2].id.clone(),
            },
            choices: vec![Choice {
                label: "Accept it".into(),
                effects: vec![Effect::Lose],
                feedback: "Nothing to be done.".into(),
                verdict: Verdict::Neutral,
                resolves: false,
                cost: 0.0,
            }],
            on_repeat: Vec::new(),
            lesson: None,
            speaker: None,
        });
        let w = review(&Prepared::new(s), 6);
        assert!(
            w.iter()
                .any(|w| w.kind == WarningKind::AccountUnkeepable && w.path == "accounts[2]"),
            "{w:#?}"
        );
        let fine = review(&Prepared::new(small()), 6);
        assert!(
            !kinds(&fine).contains(&WarningKind::AccountUnkeepable),
            "{fine:#?}"
        );
    }

    #[test]
    fn an_event_that_never_fires_is_flagged() {
        let mut s = small();
        if let Trigger::Conditional { when, .. } = &mut s.events[0].trigger {
            // Satisfaction above 99 and below 1 at once: never.
            when.push(Condition::SatisfactionAbove(99.0));
            when.push(Condition::SatisfactionBelow(1.0));
        }
        let w = review(&Prepared::new(s), 6);
        assert!(
            w.iter()
                .any(|w| w.kind == WarningKind::EventNeverFires && w.path == "events[0].trigger"),
            "{w:#?}"
        );
    }

    #[test]
    fn an_idle_budget_is_flagged_and_a_tight_one_is_not() {
        let mut s = small();
        s.means.budget_per_turn = 1_000_000.0;
        let w = review(&Prepared::new(s), 4);
        assert!(
            w.iter()
                .any(|w| w.kind == WarningKind::BudgetNeverBinds
                    && w.path == "means.budget_per_turn"),
            "{w:#?}"
        );
        let w = review(&Prepared::new(small()), 4);
        assert!(
            !kinds(&w).contains(&WarningKind::BudgetNeverBinds),
            "{w:#?}"
        );
    }

    /// A budget the expert spends on resources that please more than they earn buys the
    /// composite while the game loses money: flagged. The bundled
    /// scenarios' budgets are not.
    #[test]
    fn a_budget_that_buys_the_score_is_flagged() {
        let mut s = bundled("classroom_en");
        // Resources that please a lot and cost a lot, and a budget exactly what they absorb.
        for r in &mut s.means.resources {
            r.cost *= 8.0;
            r.satisfaction = r.satisfaction.max(0.0) * 2.0 + 4.0;
            r.margin = 0.0;
        }
        let absorbable: f64 = s
            .means
            .resources
            .iter()
            .map(|r| r.cost * r.max_per_account as f64)
            .sum::<f64>()
            * s.accounts.len() as f64;
        s.means.budget_per_turn = absorbable * 0.5;
        let w = review(&Prepared::new(s), 4);
        let found = w.iter().find(|w| w.kind == WarningKind::BudgetBuysScore);
        assert!(found.is_some(), "{w:#?}");
        assert!(found.unwrap().message().contains("buys the score"));
        for name in ["classroom_en", "tutorial"] {
            let w = review(&Prepared::new(bundled(name)), 4);
            assert!(
                !kinds(&w).contains(&WarningKind::BudgetBuysScore),
                "{name}: {w:#?}"
            );
        }
    }

    #[test]
    fn a_free_answer_with_no_downside_the_expert_always_picks_is_dominant() {
        let mut s = small();
        let a = s.accounts[0].id.clone();
        let event = |cost: f64| Event {
            id: "free_lunch".into(),
            kind: EventKind::Objection,
            title: "Price again".into(),
            text: "They raise the price.".into(),
            trigger: Trigger::Scripted {
                turn: 2,
                account: a.clone(),
            },
            choices: vec![
                Choice {
                    label: "Grumble".into(),
                    effects: vec![Effect::Satisfaction(-2.0)],
                    feedback: "No.".into(),
                    verdict: Verdict::Poor,
                    resolves: false,
                    cost: 0.0,
                },
                Choice {
                    label: "Solve it".into(),
                    effects: vec![
                        Effect::Satisfaction(8.0),
                        Effect::Support(String::new(), 5.0),
                    ],
                    feedback: "Yes.".into(),
                    verdict: Verdict::Good,
                    resolves: true,
                    cost,
                },
            ],
            on_repeat: Vec::new(),
            lesson: Some(Lesson::Objection),
            speaker: None,
        };
        s.events.push(event(0.0));
        let n = s.events.len() - 1;
        let w = review(&Prepared::new(s.clone()), 5);
        assert!(
            w.iter().any(|w| w.kind == WarningKind::DominantChoice
                && w.path == format!("events[{n}].choices[1]")),
            "{w:#?}"
        );
        s.events[n] = event(2.0);
        let w = review(&Prepared::new(s), 5);
        assert!(
            !w.iter().any(|w| w.kind == WarningKind::DominantChoice
                && w.path.starts_with(&format!("events[{n}]"))),
            "a paid answer is a trade-off: {w:#?}"
        );
    }

    #[test]
    fn warnings_are_located_in_the_source() {
        let (file, src) = crate::bundled::SCENARIOS[0];
        let w = TeachingWarning {
            path: "events[1].choices[0]".into(),
            kind: WarningKind::DominantChoice,
            flaw: Flaw::Dominant {
                label: "x".into(),
                total: 3,
                event: "e".into(),
            },
        };
        let d = locate(file, src, &[w]);
        let line = src.lines().nth(d[0].line as usize - 1).unwrap();
        assert!(
            d[0].line > 100 && line.trim_start().starts_with('('),
            "{d:?}: {line}"
        );
        assert!(
            d[0].to_string().contains(
                ": warning: dominant choice: the expert picked \"x\" all 3 times `e` fired"
            ),
            "{}",
            d[0]
        );
    }

    #[test]
    fn rumour_answers_without_feedback_are_flagged() {
        let mut s = small();
        s.events[0].choices[1].feedback = "  ".into();
        let w = review_static(&s);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].path, "events[0].choices[1].feedback");
        assert!(review_static(&small()).is_empty());
    }

    #[test]
    fn bundled_scenarios_teach() {
        for (file, src) in crate::bundled::SCENARIOS {
            let (prepared, _) = crate::load::load_str(file, src).unwrap();
            let w = review(&prepared, 10);
            assert!(
                !w.iter().any(|w| matches!(
                    w.kind,
                    WarningKind::AccountUnkeepable | WarningKind::MissingFeedback
                )),
                "{file}: {w:#?}"
            );
        }
    }

    fn bundled(name: &str) -> Scenario {
        crate::bundled::prepared(name).unwrap().scenario.clone()
    }

    fn of_kind(w: &[TeachingWarning], kind: WarningKind) -> Vec<TeachingWarning> {
        w.iter().filter(|w| w.kind == kind).cloned().collect()
    }

    #[test]
    fn bundled_scenarios_do_not_contradict_the_course() {
        for (file, src) in crate::bundled::SCENARIOS {
            let (prepared, _) = crate::load::load_str(file, src).unwrap();
            let w = review_static(&prepared.scenario);
            assert!(w.is_empty(), "{file}: {w:#?}");
        }
    }

    #[test]
    fn a_good_answer_that_puts_more_into_a_loss_maker_is_flagged() {
        let mut s = bundled("classroom_en");
        let hongda = s.accounts.iter().position(|a| a.id == "hongda").unwrap();
        assert!(score::baseline_profit_rate(&s, hongda) < 0.0);
        let e = s
            .events
            .iter()
            .position(|e| e.id == "defection_signs")
            .unwrap();
        // As the playtest met it: the dearest answer (a monthly priority visit) rated good, on
        // a warning sign that can fire at Hongda.
        s.events[e].choices[0].cost = 4.0;
        let w = of_kind(&review_static(&s), WarningKind::GoodAnswerFeedsLoss);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_eq!(w[0].path, format!("events[{e}].choices[0]"));
        assert!(
            w[0].message().contains("spends the most of any answer (4)")
                && w[0].message().contains("can happen at `hongda`"),
            "{}",
            w[0].message()
        );
        // Kept to the A accounts by its trigger, it never meets Hongda.
        if let Trigger::Conditional { when, .. } = &mut s.events[e].trigger {
            when.push(Condition::Tier(Tier::A));
        }
        assert!(of_kind(&review_static(&s), WarningKind::GoodAnswerFeedsLoss).is_empty());
        // A good answer that buys Hongda more volume deepens the loss.
        let squeeze = s
            .events
            .iter()
            .position(|e| e.id == "hongda_squeeze")
            .unwrap();
        s.events[squeeze].choices[0]
            .effects
            .push(Effect::Share(5.0));
        let w = of_kind(&review_static(&s), WarningKind::GoodAnswerFeedsLoss);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_eq!(w[0].path, format!("events[{squeeze}].choices[0]"));
        assert!(
            w[0].message().contains("buys more volume, at `hongda`"),
            "{}",
            w[0].message()
        );
    }

    #[test]
    fn prices_that_predict_the_verdict_are_flagged() {
        let mut s = bundled("tutorial");
        assert!(of_kind(&review_static(&s), WarningKind::CostGivesVerdict).is_empty());
        for event in &mut s.events {
            for choice in &mut event.choices {
                choice.cost = if choice.verdict == Verdict::Good {
                    3.0
                } else {
                    1.0
                };
            }
        }
        let w = of_kind(&review_static(&s), WarningKind::CostGivesVerdict);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_eq!(w[0].path, "events");
        assert!(
            w[0].message().starts_with("in 4 of the 4 events"),
            "{}",
            w[0].message()
        );
        // Two of four is not more than half; a tie for the dearest answer tells nothing.
        for choice in &mut s.events[0].choices {
            choice.cost = 1.0;
        }
        s.events[1].choices[1].cost = 3.0;
        assert!(of_kind(&review_static(&s), WarningKind::CostGivesVerdict).is_empty());
    }

    #[test]
    fn a_poor_rumour_answer_that_pleases_is_flagged() {
        let mut s = bundled("classroom_zh");
        assert_eq!(s.events[0].id, "rumour_takeover");
        assert!(of_kind(&review_static(&s), WarningKind::PoorAnswerPleases).is_empty());
        s.events[0].choices[2].effects[0] = Effect::Satisfaction(1.0);
        let w = of_kind(&review_static(&s), WarningKind::PoorAnswerPleases);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_eq!(w[0].path, "events[0].choices[2].effects");
    }

    /// The tutorial teaches what its debrief grades: every teaching point graded over many
    /// games is named in its objectives, in the debrief's words, and the briefing and the
    /// account's notes say how an opportunity moves up the funnel and closes.
    #[test]
    fn the_tutorial_names_every_lesson_it_grades() {
        let prepared = crate::bundled::prepared("tutorial").unwrap();
        let s = &prepared.scenario;
        let mut graded = Vec::new();
        for name in [
            StrategyId::Expert,
            StrategyId::Random,
            StrategyId::Even,
            StrategyId::TierNorms,
        ] {
            for seed in 0..8 {
                let game = crate::batch::play(&prepared, name, seed).unwrap();
                for (lesson, _) in crate::debrief::lessons_missed(&game) {
                    if !graded.contains(&lesson) {
                        graded.push(lesson);
                    }
                }
            }
        }
        assert!(graded.contains(&Lesson::Pipeline), "{graded:?}");
        let objectives = s.objectives.join("\n").to_lowercase();
        for lesson in graded {
            let name = crate::words::lesson(Language::En, lesson).to_lowercase();
            assert!(
                objectives.contains(&name),
                "the tutorial grades `{name}` but its objectives do not name it"
            );
        }
        let account = s
            .accounts
            .iter()
            .find(|a| !a.opportunities.is_empty())
            .unwrap();
        let opportunity = &account.opportunities[0];
        for text in [&s.briefing, &account.notes] {
            for words in [
                "up a stage".to_owned(),
                format!("month {}", opportunity.close_turn),
            ] {
                assert!(text.contains(&words), "`{words}` missing from: {text}");
            }
        }
        for words in [
            format!("stage {} of 6", opportunity.stage),
            format!(
                "{:.0} % win rate",
                crate::model::stage_win_rate(opportunity.stage) * 100.0
            ),
            "visit".to_owned(),
            "satisfied".to_owned(),
        ] {
            assert!(
                s.briefing.contains(&words),
                "`{words}` missing from the briefing"
            );
        }
    }

    #[test]
    fn the_generated_scenario_rewards_skill_and_checks_state_thresholds() {
        let prepared = Prepared::new(generate(8, 8, 11));
        let lab = lab(&prepared, 1, 12).unwrap();
        let checks = skill_checks(&lab);
        assert_eq!(checks.len(), 6);
        let beats = checks
            .iter()
            .find(|c| c.test == SkillTest::ExpertBeatsRandom)
            .unwrap();
        match beats.evidence {
            SkillEvidence::MeanGap { gap, needs, .. } => {
                assert_eq!(needs, EXPERT_OVER_RANDOM);
                assert_eq!(beats.passed, gap >= needs);
            }
            other => panic!("expert against random weighs means: {other:?}"),
        }
    }
}

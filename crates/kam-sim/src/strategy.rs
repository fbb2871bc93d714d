//! Built-in strategies that play whole games headless, events and negotiations included.
//!
//! They are benchmarks for trainees and instructors: `random` (legal but aimless), `even`
//! (the same effort for every account), `tier-norms` (the courseware's visit norms by tier),
//! `pareto` (the top fifth of accounts first) and `expert` (CALLPLAN: each visit and resource
//! to the highest marginal return, style-matched pitches, good event and negotiation choices).
//! Only `expert` knows about communication styles; the others pick a pitch at random, as a
//! salesperson who has not learned the four quadrants would.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::engine::{self, Decision, Game, NegotiationState, Pending, Plan, ResourceUse, Visit};
use crate::score;

pub const NAMES: [&str; 5] = ["random", "even", "tier-norms", "pareto", "expert"];

/// One line per strategy, for `kam strategies` and the game.
pub fn describe(name: &str) -> &'static str {
    match name {
        "random" => "legal but aimless: random accounts, people, pitches, resources and answers",
        "even" => "the same number of visits for every account, pitches at random",
        "tier-norms" => "the courseware's visit norms by tier (A first), pitches at random",
        "pareto" => "the top fifth of accounts by value first (the 80/20 rule), pitches at random",
        "expert" => {
            "CALLPLAN: each visit and resource to the highest marginal return, pitch matched to style, good answers"
        }
        _ => "",
    }
}

/// Decides for a game whenever it waits for a decision.
pub trait Strategy {
    fn plan(&mut self, game: &Game) -> Plan;
    fn choose(&mut self, game: &Game, event: usize, account: usize) -> usize;
    fn negotiate(&mut self, game: &Game, state: &NegotiationState) -> Decision;
}

/// A strategy by name, with its own random stream derived from the game's seed.
pub fn by_name(name: &str, seed: u64) -> Option<Box<dyn Strategy>> {
    let rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED0F_57A7_E6E5);
    let naive = |kind| {
        Some(Box::new(Naive {
            kind,
            rng: rng.clone(),
        }) as Box<dyn Strategy>)
    };
    match name {
        "random" => naive(Kind::Random),
        "even" => naive(Kind::Even),
        "tier-norms" => naive(Kind::TierNorms),
        "pareto" => naive(Kind::Pareto),
        "expert" => Some(Box::new(Expert)),
        _ => None,
    }
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
        Some(Pending::Negotiation(state)) => strategy.negotiate(game, &state.clone()),
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

    fn resources(&mut self, game: &Game) -> Vec<ResourceUse> {
        let scenario = game.scenario();
        let catalogue = &scenario.means.resources;
        let mut live = live_accounts(game);
        let mut left = scenario.means.budget_per_turn;
        let mut uses: Vec<ResourceUse> = Vec::new();
        if live.is_empty() || catalogue.is_empty() {
            return uses;
        }
        match self.kind {
            Kind::TierNorms => live.sort_by_key(|&a| scenario.accounts[a].tier),
            Kind::Pareto => {
                live.sort_by(|&x, &y| {
                    score::account_weight(scenario, y)
                        .total_cmp(&score::account_weight(scenario, x))
                });
                live.truncate(live.len().div_ceil(5));
            }
            _ => {}
        }
        let attempts = 4 * live.len() * catalogue.len();
        for i in 0..attempts {
            let (a, r) = match self.kind {
                Kind::Random => (
                    live[self.rng.random_range(0..live.len())],
                    self.rng.random_range(0..catalogue.len()),
                ),
                _ => (
                    live[i % live.len()],
                    (i / live.len() + game.turn() as usize) % catalogue.len(),
                ),
            };
            let used: u32 = uses
                .iter()
                .filter(|u| u.account == a && u.resource == r)
                .map(|u| u.units)
                .sum();
            let cost = catalogue[r].cost;
            if used < catalogue[r].max_per_account && cost <= left && catalogue[r].margin >= 0.0 {
                uses.push(ResourceUse {
                    account: a,
                    resource: r,
                    units: 1,
                });
                left -= cost;
            }
        }
        uses
    }
}

impl Strategy for Naive {
    fn plan(&mut self, game: &Game) -> Plan {
        let approaches = game.scenario().approaches.len();
        let mut visits = Vec::new();
        for (a, count) in self.visit_counts(game).into_iter().enumerate() {
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
            resources: self.resources(game),
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

/// CALLPLAN with a value model of the score.
struct Expert;

/// Changes to one account whose value the expert weighs.
#[derive(Clone, Copy, Default)]
struct Nudge {
    satisfaction: f64,
    relationship: f64,
    share: f64,
    pressure: f64,
}

/// The expert's estimate of what an account adds to the final composite score if its state
/// were nudged: satisfaction held steady over the remaining turns, share following it, the
/// account surviving each turn against the churn hazard.
fn account_value(game: &Game, a: usize, nudge: Nudge) -> f64 {
    account_value_of(game, a, &game.accounts()[a], nudge)
}

/// [`account_value`] for account `a` in `state` instead of its present state.
fn account_value_of(game: &Game, a: usize, state: &engine::AccountState, nudge: Nudge) -> f64 {
    let prepared = game.prepared();
    let scenario = &prepared.scenario;
    if state.churned {
        return 0.0;
    }
    let def = &scenario.accounts[a];
    let w = prepared.weights[a];
    let (floor, target) = prepared.profit_range;
    let s = (state.satisfaction + nudge.satisfaction).clamp(0.0, 100.0);
    let relationship = (state.relationship() + nudge.relationship).clamp(0.0, 100.0);
    let pressure = (state.pressure + nudge.pressure).clamp(0.0, 100.0);
    let mut share = (state.share + nudge.share).clamp(0.0, 100.0);
    let unit_margin = state.contract.price_level - (1.0 - state.margin / 100.0);
    let fixed = def.cost_to_serve + state.contract.service_cost;
    let hazard = engine::hazard(s, pressure, relationship, false);
    let turns_left = scenario.turns.saturating_sub(game.turn()) + 1;
    let (mut survive, mut profit) = (1.0, 0.0);
    for _ in 0..turns_left {
        share += if s >= 55.0 {
            0.06 * (s - 55.0) / 45.0 * (100.0 - share)
        } else {
            -0.08 * (55.0 - s) / 55.0 * share
        };
        share -= 0.08 * pressure / 100.0 * share * (1.0 - relationship / 100.0);
        survive *= 1.0 - hazard;
        profit += survive * (def.potential * share / 100.0 * unit_margin - fixed);
    }
    let sc = &scenario.scoring;
    let total = sc.retention_weight + sc.profit_weight + sc.satisfaction_weight;
    (sc.retention_weight * 100.0 * w * survive
        + sc.profit_weight * 100.0 * profit / (target - floor)
        + sc.satisfaction_weight * w * survive * s)
        / total
}

/// Marginal values of one point of satisfaction, relationship, share and pressure.
fn marginal_values(game: &Game, a: usize) -> Nudge {
    let base = account_value(game, a, Nudge::default());
    let d = |n: Nudge| account_value(game, a, n) - base;
    Nudge {
        satisfaction: d(Nudge {
            satisfaction: 1.0,
            ..Nudge::default()
        }),
        relationship: d(Nudge {
            relationship: 1.0,
            ..Nudge::default()
        }),
        share: d(Nudge {
            share: 1.0,
            ..Nudge::default()
        }),
        pressure: d(Nudge {
            pressure: 1.0,
            ..Nudge::default()
        }),
    }
}

/// Composite points one unit of money is worth.
fn money_value(game: &Game) -> f64 {
    let (floor, target) = game.prepared().profit_range;
    let sc = &game.scenario().scoring;
    sc.profit_weight * 100.0
        / (target - floor)
        / (sc.retention_weight + sc.profit_weight + sc.satisfaction_weight)
}

impl Strategy for Expert {
    fn plan(&mut self, game: &Game) -> Plan {
        let scenario = game.scenario();
        let n = game.accounts().len();
        let values: Vec<Nudge> = (0..n).map(|a| marginal_values(game, a)).collect();
        // The pitch that fits each person best: the four-quadrant lesson.
        let pitches: Vec<Vec<(usize, f64, f64)>> = game
            .accounts()
            .iter()
            .map(|state| {
                state
                    .people
                    .iter()
                    .map(|person| {
                        (0..scenario.approaches.len())
                            .map(|k| {
                                let approach = &scenario.approaches[k];
                                (
                                    k,
                                    engine::fit(approach, &person.person),
                                    engine::visit_weight(approach, &person.person),
                                )
                            })
                            .fold(
                                (0, f64::MIN, 0.0),
                                |best, x| if x.1 > best.1 { x } else { best },
                            )
                    })
                    .collect()
            })
            .collect();
        let live = live_accounts(game);
        let mut x = vec![0.0; n];
        let mut support: Vec<Vec<f64>> = game
            .accounts()
            .iter()
            .map(|s| s.people.iter().map(|p| p.support).collect())
            .collect();
        // The best next visit to each account; a visit changes only its own account, so only
        // that account's best is looked for again.
        let best_visit = |a: usize, x: f64, support: &[f64]| -> Option<(f64, Visit, f64)> {
            let def = &scenario.accounts[a];
            let norm = game.prepared().norms[a];
            let state = &game.accounts()[a];
            let influence: f64 = state
                .people
                .iter()
                .filter(|p| p.present)
                .map(|p| p.person.influence)
                .sum();
            let now = engine::adbudg(&def.response, norm, x);
            let mut best: Option<(f64, Visit, f64)> = None;
            for (p, person) in state.people.iter().enumerate().filter(|(_, p)| p.present) {
                let (k, fit, w) = pitches[a][p];
                let ds = engine::adbudg(&def.response, norm, x + w) - now;
                let dr = engine::support_gain(fit, support[p]) * person.person.influence
                    / influence.max(1e-9);
                let gain = values[a].satisfaction * ds + values[a].relationship * dr;
                if best.as_ref().is_none_or(|b| gain > b.0) {
                    best = Some((
                        gain,
                        Visit {
                            account: a,
                            stakeholder: p,
                            approach: k,
                        },
                        w,
                    ));
                }
            }
            best
        };
        let mut candidates: Vec<Option<(f64, Visit, f64)>> = vec![None; n];
        for &a in &live {
            candidates[a] = best_visit(a, 0.0, &support[a]);
        }
        let mut visits = Vec::new();
        for _ in 0..scenario.means.visits_per_turn {
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
            x[a] += w;
            let fit = pitches[a][visit.stakeholder].1;
            let s = &mut support[a][visit.stakeholder];
            *s = (*s + engine::support_gain(fit, *s)).clamp(0.0, 100.0);
            visits.push(visit);
            candidates[a] = best_visit(a, x[a], &support[a]);
        }

        let money = money_value(game);
        let mut left = scenario.means.budget_per_turn;
        let mut resources: Vec<ResourceUse> = Vec::new();
        loop {
            let mut best: Option<(f64, ResourceUse)> = None;
            for a in live_accounts(game) {
                let revenue = game.accounts()[a].revenue(scenario.accounts[a].potential);
                for (r, res) in scenario.means.resources.iter().enumerate() {
                    let used: u32 = resources
                        .iter()
                        .filter(|u| u.account == a && u.resource == r)
                        .map(|u| u.units)
                        .sum();
                    if used >= res.max_per_account || res.cost > left {
                        continue;
                    }
                    let k = 0.5f64.powi(used as i32);
                    let v = values[a];
                    let gain = k
                        * (v.satisfaction * res.satisfaction
                            + v.relationship * res.support
                            + v.share * res.share
                            + v.pressure * res.pressure)
                        - money * (res.cost - k * revenue * res.margin / 100.0);
                    let ratio = gain / res.cost.max(1.0);
                    if gain > 0.0 && best.as_ref().is_none_or(|b| ratio > b.0) {
                        best = Some((
                            ratio,
                            ResourceUse {
                                account: a,
                                resource: r,
                                units: 1,
                            },
                        ));
                    }
                }
            }
            let Some((_, pick)) = best else { break };
            left -= scenario.means.resources[pick.resource].cost;
            resources.push(pick);
        }
        Plan { visits, resources }
    }

    fn choose(&mut self, game: &Game, event: usize, account: usize) -> usize {
        // Look one step ahead: answer each way on a copy and keep the best-valued outcome.
        let n = game.scenario().events[event].choices.len();
        let money = money_value(game);
        let value = |g: &Game| account_value(g, account, Nudge::default());
        (0..n)
            .map(|c| {
                let mut copy = game.lookahead_copy();
                let _ = copy.decide(Decision::Choose(c));
                let cost = game.scenario().events[event].choices[c].cost;
                (c, value(&copy) - money * cost)
            })
            .fold((0, f64::MIN), |b, x| if x.1 > b.1 { x } else { b })
            .0
    }

    fn negotiate(&mut self, game: &Game, state: &NegotiationState) -> Decision {
        // A well-prepared KAM (充分准备) knows what the buyer values: offer the deal best for
        // us that the buyer accepts now, or anchor low while a later round promises better.
        let def = &game.scenario().negotiations[state.negotiation];
        let offers = all_offers(def.issues.iter().map(|i| i.options.len()).collect());
        // What each deal is worth to us: the account as the deal leaves it, valued over the
        // turns left (terms, satisfaction and the risk of losing it).
        let ours = |i: usize| {
            game.after_deal(state.negotiation, &offers[i])
                .map_or(f64::MIN, |after| {
                    account_value_of(game, state.account, &after, Nudge::default())
                })
        };
        let buyer_values: Vec<f64> = offers.iter().map(|o| Game::buyer_value(def, o)).collect();
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
        let pick = match (now, later) {
            (Some(now), Some(later)) if later.0 > now.0 => offers
                .iter()
                .min_by(|x, y| Game::buyer_value(def, x).total_cmp(&Game::buyer_value(def, y))),
            (Some(now), _) => Some(now.1),
            (None, Some(_)) => offers
                .iter()
                .min_by(|x, y| Game::buyer_value(def, x).total_cmp(&Game::buyer_value(def, y))),
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

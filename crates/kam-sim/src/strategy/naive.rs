//! The benchmark strategies a trainee might play without the lessons: `random`, `even`,
//! `tier-norms` and `pareto`. They spread visits by a rule of thumb, pitch at random and buy the
//! resource that looks most generous.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::{Strategy, live_accounts, units_used};
use crate::engine::{Decision, Game, NegotiationState, Plan, ResourceUse, Visit};
use crate::ids::{AccountId, ApproachId, EventId, MemberId, ResourceId};
use crate::score;

/// Which rule of thumb a naive strategy plays by.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Random,
    Even,
    TierNorms,
    Pareto,
}

/// A benchmark strategy: a rule of thumb and its own random stream.
pub(super) struct Naive {
    pub(super) kind: Kind,
    pub(super) rng: ChaCha8Rng,
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
                let (a, r) = (AccountId(a), ResourceId(r));
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
                    account: AccountId(a),
                    resource: ResourceId(r),
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
                    account: AccountId(a),
                    stakeholder: MemberId(stakeholder),
                    approach: ApproachId(approach),
                });
            }
        }
        Plan {
            visits,
            resources: self.resources(game, &counts),
        }
    }

    fn choose(&mut self, game: &Game, event: EventId, _account: AccountId) -> usize {
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

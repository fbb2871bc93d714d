//! Shared by kam-sim's integration tests: scenarios to test on and a player that makes any
//! legal decision.

#![allow(dead_code)]

use std::sync::Arc;

use kam_sim::{
    AccountId, ApproachId, Decision, Game, MemberId, Metric, Pending, Plan, Prepared, ResourceId,
    ResourceUse, Visit,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every bundled scenario, loaded and validated.
pub fn bundled() -> Vec<(&'static str, Arc<Prepared>)> {
    kam_sim::BUNDLED_SCENARIOS
        .iter()
        .map(|(file, src)| {
            let (prepared, _) = kam_sim::load_str(file, src).unwrap_or_else(|e| {
                panic!(
                    "{file} is invalid: {}",
                    e.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            (*file, prepared)
        })
        .collect()
}

/// A player that picks uniformly among legal moves, including the edges: no visits at all,
/// every visit spent, the whole budget spent, walking away from a negotiation.
pub struct AnyLegal {
    rng: ChaCha8Rng,
}

impl AnyLegal {
    pub fn new(seed: u64) -> AnyLegal {
        AnyLegal {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    pub fn decide(&mut self, game: &Game) -> Decision {
        match game.pending() {
            None => Decision::Plan(self.plan(game)),
            Some(Pending::Event { event, .. }) => {
                let n = game.scenario().events[*event].choices.len();
                Decision::Choose(self.rng.random_range(0..n.max(1)))
            }
            Some(Pending::Negotiation(state)) => {
                if self.rng.random_bool(0.1) {
                    Decision::WalkAway
                } else {
                    let n = &game.scenario().negotiations[state.negotiation];
                    Decision::Offer(
                        n.issues
                            .iter()
                            .map(|i| self.rng.random_range(0..i.options.len().max(1)))
                            .collect(),
                    )
                }
            }
        }
    }

    fn plan(&mut self, game: &Game) -> Plan {
        let scenario = game.scenario();
        let open: Vec<usize> = (0..scenario.accounts.len())
            .filter(|&a| !game.accounts()[a].churned)
            .collect();
        let mut plan = Plan::default();
        if open.is_empty() {
            return plan;
        }
        let capacity = scenario.means.visits_per_turn;
        let visits = match self.rng.random_range(0..4) {
            0 => 0,
            1 => capacity,
            _ => self.rng.random_range(0..=capacity),
        };
        for _ in 0..visits {
            let account = open[self.rng.random_range(0..open.len())];
            let present: Vec<usize> = game.accounts()[account]
                .people
                .iter()
                .enumerate()
                .filter(|(_, p)| p.present)
                .map(|(i, _)| i)
                .collect();
            if present.is_empty() || scenario.approaches.is_empty() {
                continue;
            }
            plan.visits.push(Visit {
                account: AccountId(account),
                stakeholder: MemberId(present[self.rng.random_range(0..present.len())]),
                approach: ApproachId(self.rng.random_range(0..scenario.approaches.len())),
            });
        }
        let mut left = scenario.means.budget_per_turn;
        for _ in 0..self.rng.random_range(0..6) {
            if scenario.means.resources.is_empty() {
                break;
            }
            let resource = self.rng.random_range(0..scenario.means.resources.len());
            let account = open[self.rng.random_range(0..open.len())];
            let def = &scenario.means.resources[resource];
            let used: u32 = plan
                .resources
                .iter()
                .filter(|r| r.account == AccountId(account) && r.resource == ResourceId(resource))
                .map(|r| r.units)
                .sum();
            if def.cost <= left && used < def.max_per_account {
                plan.resources.push(ResourceUse {
                    account: AccountId(account),
                    resource: ResourceId(resource),
                    units: 1,
                });
                left -= def.cost;
            }
        }
        plan
    }
}

/// Plays a game to the end with [`AnyLegal`], calling `check` after every decision.
pub fn play_any(game: &mut Game, seed: u64, mut check: impl FnMut(&Game, &Decision)) {
    let mut player = AnyLegal::new(seed);
    while !game.is_finished() {
        let decision = player.decide(game);
        game.decide(decision.clone())
            .unwrap_or_else(|e| panic!("a legal decision was refused: {decision:?}: {e:?}"));
        check(game, &decision);
    }
}

/// An account's explained metrics as they stand, in the order of [`Metric::STATE`].
pub fn metrics(game: &Game, a: usize) -> [f64; 9] {
    game.accounts()[a].metrics(game.scenario().accounts[a].potential)
}

pub const METRICS: [Metric; 9] = Metric::STATE;

/// Every bundled scenario, then every scenario written for the model tests
/// (`tests/model_scenarios/`), by file name.
pub fn bundled_and_model_scenarios() -> Vec<(String, Arc<Prepared>)> {
    let mut out: Vec<(String, Arc<Prepared>)> = bundled()
        .into_iter()
        .map(|(n, p)| (n.to_owned(), p))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/model_scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for file in files {
        let (prepared, _) = kam_sim::load_file(&file)
            .unwrap_or_else(|e| panic!("{} does not load: {e:?}", file.display()));
        out.push((
            file.file_name().unwrap().to_string_lossy().into_owned(),
            prepared,
        ));
    }
    out
}

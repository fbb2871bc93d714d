//! The expert's month: each visit to the person and account where it adds most (pitched to the
//! person as the expert reads them), then each unit of budget likewise.

use rand::RngExt;

use super::Expert;
use super::value::{Marginal, funnel_gain, money_value};
use crate::engine::{Game, ResourceUse, Visit};
use crate::ids::{AccountId, ApproachId, MemberId, ResourceId};
use crate::model;
use crate::reading;
use crate::strategy::{live_accounts, units_used};

impl Expert {
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

    pub(super) fn plan_visits(&mut self, game: &Game, base: &[f64]) -> Vec<Visit> {
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
                        account: AccountId(a),
                        stakeholder: MemberId(p),
                        approach: ApproachId(k),
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
            let a = visit.account.index();
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
            let a = visit.account.index();
            book(visit, w, &mut x, &mut support, &mut visits);
            candidates[a] = best_visit(a, x[a], &support[a]);
        }
        visits
    }

    pub(super) fn plan_resources(
        &self,
        game: &Game,
        visits: &[Visit],
        base: &[f64],
    ) -> Vec<ResourceUse> {
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
            let (id, resource) = (AccountId(a), ResourceId(r));
            if units_used(uses, id, resource) < catalogue[r].max_per_account
                && catalogue[r].cost <= *left
            {
                uses.push(ResourceUse {
                    account: id,
                    resource,
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
                let used = units_used(uses, AccountId(a), ResourceId(r));
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
                        let (after, cash) =
                            game.after_resource(AccountId(a), ResourceId(r), used, visit_count[a]);
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
}

/// The live account with the biggest revenue now (the predecessor's "biggest customer").
fn biggest_revenue(game: &Game) -> Option<usize> {
    let scenario = game.scenario();
    live_accounts(game).into_iter().max_by(|&x, &y| {
        let r = |a: usize| game.accounts()[a].revenue(scenario.accounts[a].potential);
        r(x).total_cmp(&r(y)).then(y.cmp(&x))
    })
}

//! Previews: what an answer, a resource, a deal or a whole plan would do, computed on a copy
//! of the game with the engine's own code, for the coach, the strategies and the offer
//! builder. Nothing here changes the game or draws from the seed.

use super::events::effect_on;
use super::*;

/// A plan's expected effect on one account by the month's end ([`Game::preview_plan`]):
/// (now, expected) pairs, and the month's expected profit and defection risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanPreview {
    pub satisfaction: (f64, f64),
    pub share: (f64, f64),
    pub revenue: (f64, f64),
    pub profit: f64,
    pub churn_risk: f64,
}

impl Game {
    /// The account as answering the pending `event` with `choice` would leave it, and the
    /// one-off money the answer brings (its cost and cash effects), for weighing answers before
    /// giving one. The same effects the engine applies; negotiations it opens are not included.
    pub fn after_choice(
        &self,
        event: EventId,
        account: AccountId,
        choice: usize,
    ) -> (AccountState, f64) {
        let def = &self.scenario().events[event];
        let mut state = self.accounts[account].clone();
        let mut cash = 0.0;
        if let Some(chosen) = def.choices.get(choice) {
            cash -= chosen.cost;
            for effect in &self.prepared.resolved.choice_effects[event][choice] {
                cash += effect_on(&mut state, effect, 1.0);
            }
        }
        state.clamp();
        (state, cash)
    }

    /// The account after `effects` at `scale` (an objection's repeat, say), with the money they
    /// bring.
    pub fn after_effects(
        &self,
        account: AccountId,
        effects: &[ResolvedEffect],
        scale: f64,
    ) -> (AccountState, f64) {
        let mut state = self.accounts[account].clone();
        let cash = effects
            .iter()
            .map(|e| effect_on(&mut state, e, scale))
            .sum();
        state.clamp();
        (state, cash)
    }

    /// The account after one more unit of `resource` (after `earlier` units this turn) with
    /// `visits` visits this turn, and the money it brings (a concession's cost; the budget spent
    /// is not included). The same rules as a played plan.
    pub fn after_resource(
        &self,
        account: AccountId,
        resource: ResourceId,
        earlier: u32,
        visits: u32,
    ) -> (AccountState, f64) {
        let prepared = &self.prepared;
        let resource = &prepared.scenario.means.resources[resource];
        let mut state = self.accounts[account].clone();
        let strength = model::resource_strength(earlier, 1);
        let revenue = state.revenue(prepared.scenario.accounts[account].potential);
        let cash = revenue * resource.margin * strength / 100.0;
        let landed = resource_landing(resource, strength, visits, prepared.norms[account]);
        apply_resource(&mut state, resource, strength, landed);
        state.clamp();
        (state, cash)
    }

    /// [`Game::preview_plan`] as the trainee can know it: at `Easy` the same; from `Normal` up,
    /// each person taken as the trainee read them (their title's stereotype,
    /// [`crate::reading::stereotype`], for what is not read yet), so the preview never shows how
    /// a pitch suits a person the labels would have shown (issue 19: a trainee could probe
    /// each pitch by watching the preview).
    pub fn preview_plan_as_read(&self, plan: &Plan) -> Result<Vec<PlanPreview>, PlanError> {
        if self.prepared.difficulty.shows_style_and_need() {
            return self.preview_plan(plan);
        }
        let mut as_read = self.lookahead_copy();
        for account in &mut as_read.accounts {
            for p in &mut account.people {
                let (style, need) = crate::reading::stereotype(&p.person);
                let mut person = Stakeholder::clone(&p.person);
                person.style = p.reading.style.unwrap_or(style);
                person.need = p.reading.need.unwrap_or(need);
                p.person = Arc::new(person);
            }
        }
        as_read.preview_plan(plan)
    }

    /// What a plan is expected to do to every account by the month's end: the model's certain
    /// effects only (visits, resources, price resentment, open objections, the competitor,
    /// share following satisfaction), never the seed's draws (events, deals, defection). The
    /// coach's preview while planning; the game itself is untouched.
    pub fn preview_plan(&self, plan: &Plan) -> Result<Vec<PlanPreview>, PlanError> {
        self.check_plan(plan)?;
        let mut copy = self.lookahead_copy();
        copy.apply_plan(plan);
        let scenario = &self.prepared.scenario;
        Ok(self
            .account_ids()
            .map(|a| {
                if !copy.accounts[a].churned {
                    copy.settle_share(a);
                }
                let potential = scenario.accounts[a].potential;
                let (before, after) = (&self.accounts[a], &copy.accounts[a]);
                PlanPreview {
                    satisfaction: (before.satisfaction, after.satisfaction),
                    share: (before.share, after.share),
                    revenue: (before.revenue(potential), after.revenue(potential)),
                    profit: copy.month_profit(a).total(),
                    churn_risk: copy.churn_hazard(a.index()),
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::Reading;

    /// At Normal the preview follows the trainee's reading, not the hidden labels: unread, a
    /// person is previewed as their title suggests; read right, as they are.
    #[test]
    fn the_preview_at_normal_shows_the_reading_not_the_person() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let mut game = Game::new(prepared.at_difficulty(Difficulty::Normal), 3);
        // A person whose title misleads, visited with the pitch that suits them best.
        let (a, p) = (0..game.accounts().len())
            .flat_map(|a| (0..game.accounts()[a].people.len()).map(move |p| (a, p)))
            .find(|&(a, p)| {
                let person = &game.accounts()[a].people[p].person;
                crate::reading::stereotype(person).0 != person.style
            })
            .expect("someone is not what their title suggests");
        let person = game.accounts()[a].people[p].person.clone();
        let approaches = &game.scenario().approaches;
        let best = (0..approaches.len())
            .max_by(|&x, &y| {
                model::fit(&approaches[x], &person).total_cmp(&model::fit(&approaches[y], &person))
            })
            .unwrap();
        let plan = Plan {
            visits: vec![Visit {
                account: AccountId(a),
                stakeholder: MemberId(p),
                approach: ApproachId(best),
            }],
            resources: vec![],
        };
        let truth = game.preview_plan(&plan).unwrap()[a].satisfaction.1;
        let unread = game.preview_plan_as_read(&plan).unwrap()[a].satisfaction.1;
        assert_ne!(
            truth.to_bits(),
            unread.to_bits(),
            "unread, the truth does not show"
        );
        game.decide(Decision::Read {
            account: AccountId(a),
            stakeholder: MemberId(p),
            reading: Reading {
                style: Some(person.style),
                need: Some(person.need),
            },
        })
        .unwrap();
        let read = game.preview_plan_as_read(&plan).unwrap()[a].satisfaction.1;
        assert_eq!(
            truth.to_bits(),
            read.to_bits(),
            "read right, the preview is the truth"
        );
    }
}

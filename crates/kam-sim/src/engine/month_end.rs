//! The month's end: share follows satisfaction, the pipeline moves, defection is drawn, and
//! each account's month is recorded with its profit lines (part of the engine, split out of
//! `engine.rs` to keep each file to one job).

use super::*;

impl Game {
    pub(super) fn end_turn(&mut self) {
        let prepared = Arc::clone(&self.prepared);
        let scenario = &prepared.scenario;
        let turn = self.turn;
        for a in self.account_ids() {
            let def = &scenario.accounts[a];
            let mut defection_chance = 0.0;
            let mut closes = Vec::new();
            if !self.accounts[a].churned {
                self.settle_share(a);
                closes = self.progress_funnel(a);
                defection_chance = self.draw_churn(a);
            }
            let profit = self.month_profit(a);
            let state = &self.accounts[a];
            let revenue = state.revenue(def.potential);
            let record = TurnRecord {
                turn,
                satisfaction: state.satisfaction,
                relationship: state.relationship(),
                share: state.share,
                revenue,
                margin: state.margin,
                price_level: state.contract.price_level,
                expected_price: state.reference_price,
                payment_days: state.contract.payment_days,
                forecast: state.forecast(),
                profit,
                visits: self.turn_visits[a],
                churned: state.churned,
                defection_chance,
                closes,
                // The next turn's list starts with room for a typical turn's causes.
                causes: std::mem::replace(&mut self.turn_causes[a], Vec::with_capacity(16)),
            };
            self.records[a].push(record);
        }
        self.turn += 1;
        if self.turn > scenario.turns {
            self.finished = true;
        }
    }

    /// Share follows satisfaction, and competitors erode what the relationship does not
    /// protect (the month's end, before any draw).
    pub(super) fn settle_share(&mut self, a: AccountId) {
        let s = &self.accounts[a];
        let trend = model::share_trend(s.satisfaction, s.share);
        self.apply(a, Source::SatisfactionTrend, |st| st.share += trend);
        let s = &self.accounts[a];
        let erosion = model::erosion(s.pressure, s.share, s.relationship());
        self.apply(a, Source::Competitor, |st| st.share += erosion);
    }

    /// The month's profit lines of an account as it stands: the spending booked this month
    /// plus margin, cost to serve and credit at its present share and terms.
    pub(super) fn month_profit(&self, a: AccountId) -> ProfitLines {
        let def = &self.prepared.scenario.accounts[a];
        let state = &self.accounts[a];
        let mut profit = self.turn_spend[a];
        if !state.churned {
            let revenue = state.revenue(def.potential);
            let list = model::list_revenue(def.potential, state.share);
            profit.gross_margin =
                model::gross_margin(list, state.contract.price_level, state.margin)
                    + state.one_off_revenue * state.margin / 100.0;
            profit.cost_to_serve = model::cost_to_serve(def, state.share, &state.contract);
            profit.credit_cost =
                model::credit_cost(revenue, def.credit_risk, state.contract.payment_days);
        }
        profit
    }

    /// Moves each open opportunity up the funnel, or lets the customer decide it in its close
    /// month; returns the decisions drawn, with their odds.
    pub(super) fn progress_funnel(&mut self, a: AccountId) -> Vec<CloseDraw> {
        let norm = self.prepared.norms[a].max(0.5);
        let effort = self.turn_visits[a] as f64 / norm;
        let relationship = self.accounts[a].relationship();
        let satisfaction = self.accounts[a].satisfaction;
        let mut closes = Vec::new();
        for o in 0..self.accounts[a].opportunities.len() {
            let opp = &self.accounts[a].opportunities[o];
            if opp.status != OpportunityStatus::Open {
                continue;
            }
            let opportunity = o;
            if self.turn < opp.opportunity.close_turn {
                let p = model::stage_progress_chance(relationship, effort);
                if opp.stage < model::FUNNEL_STAGES && self.chance(Draw::Progress(a, o)) < p {
                    self.apply(a, Source::OpportunityAdvanced { opportunity }, |s| {
                        s.opportunities[o].stage += 1
                    });
                }
            } else {
                let stage = opp.stage;
                let chance = model::close_chance(stage, satisfaction, relationship);
                let won = self.chance(Draw::Close(a, o)) < chance;
                if won {
                    let value = opp.opportunity.value;
                    self.apply(a, Source::OpportunityWon { opportunity }, |s| {
                        s.opportunities[o].status = OpportunityStatus::Won;
                        s.one_off_revenue += value;
                    });
                } else {
                    self.apply(a, Source::OpportunityLost { opportunity }, |s| {
                        s.opportunities[o].status = OpportunityStatus::Lost
                    });
                }
                closes.push(CloseDraw {
                    opportunity,
                    stage,
                    satisfaction,
                    relationship,
                    chance,
                    won,
                });
            }
        }
        closes
    }

    /// Per-turn probability the account defects now; by position, like [`Game::history`].
    pub fn churn_hazard(&self, a: usize) -> f64 {
        churn_hazard(
            &self.accounts[a],
            self.scenario().accounts[a].contract.renewal_turn == Some(self.turn),
        )
    }

    /// Draws whether account `a` defects this month; returns the chance it had.
    pub(super) fn draw_churn(&mut self, a: AccountId) -> f64 {
        let renewal = self.accounts[a].contract.renewal_turn == Some(self.turn)
            && !self
                .negotiations
                .iter()
                .any(|r| r.account == a && r.turn == self.turn);
        // A customer that has just signed a contract with us does not leave in the same month
        // (a playtest saw a renewal signed and the account lost together, with no cause named).
        let signed_now = self
            .negotiations
            .iter()
            .any(|r| r.account == a && r.turn == self.turn && r.deal.is_some());
        if signed_now {
            return 0.0;
        }
        let hazard = churn_hazard(&self.accounts[a], renewal);
        if hazard > 0.0 && self.chance(Draw::Churn(a)) < hazard {
            self.apply(a, Source::Churn, |s| s.churned = true);
        }
        hazard
    }
}

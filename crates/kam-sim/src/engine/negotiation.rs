//! Negotiations: the buyer's value of an offer and the bar it must clear each round, the
//! buyer's answers, and what an agreed deal does to the account (part of the engine: the same
//! game state, split out of `engine.rs` to keep each file to one job).

use super::*;

impl Game {
    /// The buyer's value (0 to 100) of an offer, weighted by their hidden priorities.
    pub fn buyer_value(negotiation: &Negotiation, offer: &[usize]) -> f64 {
        let total: f64 = negotiation
            .issues
            .iter()
            .map(|i| i.buyer_weight.max(0.0))
            .sum();
        if total <= 0.0 {
            return 0.0;
        }
        negotiation
            .issues
            .iter()
            .zip(offer)
            .map(|(issue, &o)| {
                issue.buyer_weight.max(0.0) * issue.options.get(o).map_or(0.0, |x| x.buyer_value)
            })
            .sum::<f64>()
            / total
    }

    /// How much the buyer could still gain on each issue of an offer, in points of buyer value
    /// (0 to 100, like [`Game::buyer_value`]): the issue's weight times the room between the
    /// offered option and the buyer's best option on it, over the sum of the weights.
    pub fn room_to_gain(negotiation: &Negotiation, offer: &[usize]) -> Vec<f64> {
        let total: f64 = negotiation
            .issues
            .iter()
            .map(|i| i.buyer_weight.max(0.0))
            .sum();
        negotiation
            .issues
            .iter()
            .enumerate()
            .map(|(i, issue)| {
                if total <= 0.0 {
                    return 0.0;
                }
                let best = issue
                    .options
                    .iter()
                    .map(|x| x.buyer_value)
                    .fold(0.0, f64::max);
                let given = offer
                    .get(i)
                    .and_then(|&o| issue.options.get(o))
                    .map_or(0.0, |x| x.buyer_value);
                issue.buyer_weight.max(0.0) * (best - given).max(0.0) / total
            })
            .collect()
    }

    /// The buyer's priorities for an offer that falls short: the issues where it leaves them
    /// room to gain, the most to gain first ([`Game::room_to_gain`]: weight × room), ties to
    /// the higher weight, then to the issue listed first. This is the order the buyer names
    /// them in, and the first is the issue they press ([`Game::pressed_issue`]).
    pub fn buyer_priorities(negotiation: &Negotiation, offer: &[usize]) -> Vec<usize> {
        let gain = Game::room_to_gain(negotiation, offer);
        let mut order: Vec<usize> = (0..gain.len()).filter(|&i| gain[i] > 1e-9).collect();
        order.sort_by(|&a, &b| {
            gain[b]
                .total_cmp(&gain[a])
                .then(
                    negotiation.issues[b]
                        .buyer_weight
                        .total_cmp(&negotiation.issues[a].buyer_weight),
                )
                .then(a.cmp(&b))
        });
        order
    }

    /// The issue a buyer presses when an offer falls short: their first priority, the one
    /// where the offer leaves them most to gain ([`Game::buyer_priorities`]). Pressing where it
    /// matters most to them, round after round, is how a buyer reveals what they value, as the
    /// courseware teaches ("what the customer raises again and again is what they value
    /// most"): the demand repeats until it is met, then the next priority is heard. An offer
    /// already at the buyer's best everywhere is pressed on their highest-weighted issue.
    /// Whether the issue *must* change is a separate question, answered by the numbers
    /// ([`crate::negotiation_review::Table::signal`]).
    pub fn pressed_issue(negotiation: &Negotiation, offer: &[usize]) -> usize {
        Game::buyer_priorities(negotiation, offer)
            .first()
            .copied()
            .or_else(|| {
                (0..negotiation.issues.len()).max_by(|&a, &b| {
                    negotiation.issues[a]
                        .buyer_weight
                        .total_cmp(&negotiation.issues[b].buyer_weight)
                        .then(b.cmp(&a))
                })
            })
            .unwrap_or(0)
    }

    /// What the buyer needs to accept in `round`: they concede from their opening towards
    /// their walk-away, at a pace set by the style of the person across the table, and a
    /// supportive buyer asks for less. Never below what the competitor offers.
    pub fn buyer_threshold(&self, negotiation: NegotiationId, round: u32) -> f64 {
        let scenario = self.scenario();
        let n = &scenario.negotiations[negotiation];
        let Some(a) = self.negotiation_account(negotiation) else {
            return n.opening;
        };
        let buyer = self.prepared.resolved.negotiation_buyer[negotiation].and_then(|id| {
            self.accounts[a]
                .people
                .iter()
                .find(|p| p.id == id && p.present)
        });
        let style = buyer.map_or(Style::A, |p| p.person.style);
        let support = buyer.map_or_else(|| self.accounts[a].relationship(), |p| p.support);
        let progress = if n.rounds <= 1 {
            1.0
        } else {
            (round.saturating_sub(1)) as f64 / (n.rounds - 1) as f64
        };
        let state = &self.accounts[a];
        let learned_discount = model::learned_demand(state.agreed_price, state.reference_price);
        let threshold = n.opening
            - (n.opening - n.walk_away) * model::concession_pace(style, progress)
            - model::relationship_allowance(style, support)
            - model::satisfaction_allowance(state.satisfaction)
            + learned_discount;
        threshold
            .max(n.competitor_offer)
            .max(n.walk_away.min(n.competitor_offer.max(0.0)))
    }

    pub(super) fn offer(&mut self, offer: &[usize]) -> Result<BuyerReply, DecisionError> {
        let Some(Pending::Negotiation(state)) = self.pending.front().cloned() else {
            return Err(DecisionError::NoPendingNegotiation);
        };
        let prepared = Arc::clone(&self.prepared);
        let def = &prepared.scenario.negotiations[state.negotiation];
        if offer.len() != def.issues.len() {
            return Err(DecisionError::BadOffer(OfferError::WrongLength {
                given: offer.len(),
                issues: def.issues.len(),
            }));
        }
        if let Some((issue, &option)) = offer
            .iter()
            .enumerate()
            .find(|(i, o)| **o >= def.issues[*i].options.len())
        {
            return Err(DecisionError::BadOffer(OfferError::NoSuchOption {
                issue,
                option,
            }));
        }
        let value = Game::buyer_value(def, offer);
        let reply = if value + 1e-9 >= self.buyer_threshold(state.negotiation, state.round) {
            BuyerReply::Accept
        } else if state.round >= def.rounds {
            BuyerReply::WalkAway
        } else {
            let issue = Game::pressed_issue(def, offer);
            let times = 1 + state
                .exchanges
                .iter()
                .filter(|x| matches!(x.reply, BuyerReply::Counter { issue: i, .. } if i == issue))
                .count() as u32;
            BuyerReply::Counter { issue, times }
        };
        if let Some(Pending::Negotiation(s)) = self.pending.front_mut() {
            s.exchanges.push(Exchange {
                offer: offer.to_vec(),
                reply,
            });
            s.round += 1;
        }
        match reply {
            BuyerReply::Accept => self.close_negotiation(Some(offer.to_vec())),
            BuyerReply::WalkAway => self.close_negotiation(None),
            BuyerReply::Counter { .. } => {}
        }
        Ok(reply)
    }

    /// The account as accepting `offer` in the pending negotiation would leave it, for
    /// weighing offers before making one (the deal's later effects play out in the turns).
    pub fn after_deal(&self, negotiation: NegotiationId, offer: &[usize]) -> Option<AccountState> {
        let def = self.scenario().negotiations.get(negotiation.index())?;
        let a = self.negotiation_account(negotiation)?;
        let mut state = self.accounts[a].clone();
        settle(def, offer, self.turn, &mut state);
        state.clamp();
        Some(state)
    }

    /// The account a negotiation is with: the one it was opened for when it is under way (an
    /// event may open it for the account the event concerns), else the scenario's.
    pub fn negotiation_account(&self, negotiation: NegotiationId) -> Option<AccountId> {
        let opened = self.pending.iter().find_map(|p| match p {
            Pending::Negotiation(n) if n.negotiation == negotiation => Some(n.account),
            _ => None,
        });
        opened.or_else(|| {
            *self
                .prepared
                .resolved
                .negotiation_account
                .get(negotiation.index())?
        })
    }

    pub(super) fn walk_away(&mut self) -> Result<(), DecisionError> {
        if !matches!(self.pending.front(), Some(Pending::Negotiation(_))) {
            return Err(DecisionError::NoPendingNegotiation);
        }
        self.close_negotiation(None);
        Ok(())
    }

    /// Profit per turn the account makes at its current terms, before one-offs.
    /// Our profit per turn with the negotiation's account if `offer` were agreed now (the
    /// offer builder shows it against [`Game::profit_rate`] before the offer is made).
    pub fn deal_profit_rate(&self, negotiation: NegotiationId, offer: &[usize]) -> Option<f64> {
        let a = self.negotiation_account(negotiation)?;
        let state = self.after_deal(negotiation, offer)?;
        Some(if state.churned {
            0.0
        } else {
            model::profit_rate(
                &self.scenario().accounts[a],
                state.share,
                state.margin,
                &state.contract,
            )
        })
    }

    pub fn profit_rate(&self, a: AccountId) -> f64 {
        let s = &self.accounts[a];
        if s.churned {
            return 0.0;
        }
        model::profit_rate(&self.scenario().accounts[a], s.share, s.margin, &s.contract)
    }

    pub(super) fn close_negotiation(&mut self, deal: Option<Vec<usize>>) {
        let Some(Pending::Negotiation(state)) = self.pending.pop_front() else {
            return;
        };
        let prepared = Arc::clone(&self.prepared);
        let def = &prepared.scenario.negotiations[state.negotiation];
        let a = state.account;
        let before = self.profit_rate(a);
        let source = Source::Negotiation {
            negotiation: state.negotiation,
        };
        let turn = self.turn;
        let value = deal.as_ref().map_or(0.0, |d| Game::buyer_value(def, d));
        match &deal {
            Some(offer) => self.apply(a, source, |s| settle(def, offer, turn, s)),
            // A renewal without a deal loses the account, and the walk-out is why.
            None if def.kind == NegotiationKind::Renewal => {
                self.apply(a, source, |s| s.churned = true)
            }
            None => self.apply(a, source, |s| s.satisfaction += model::NO_DEAL_SATISFACTION),
        }
        let after = self.profit_rate(a);
        self.negotiations.push(NegotiationRecord {
            turn,
            negotiation: state.negotiation,
            account: a,
            rounds: state.exchanges.len() as u32,
            deal,
            buyer_value: value,
            profit_rate_before: before,
            profit_rate_after: after,
        });
    }
}

/// What an agreed deal does to an account: the terms of each chosen option, and a deal both
/// sides can live with settles the account. The one place a negotiation's outcome is defined.
pub(super) fn settle(def: &Negotiation, offer: &[usize], turn: u32, s: &mut AccountState) {
    for (issue, &o) in def.issues.iter().zip(offer) {
        let Some(option) = issue.options.get(o) else {
            continue;
        };
        if let Some(p) = option.price_level {
            s.contract.price_level = p;
        }
        if let Some(x) = option.share {
            s.share = x;
        }
        if let Some(d) = option.payment_days {
            s.contract.payment_days = d;
        }
        if let Some(l) = option.length {
            s.contract.renewal_turn = Some(turn + l);
        }
        if let Some(c) = option.service_cost {
            s.contract.service_cost = c;
        }
    }
    // The signed price is what the customer now expects.
    s.reference_price = s.contract.price_level;
    s.agreed_price = s.contract.price_level;
    s.satisfaction += model::deal_satisfaction(Game::buyer_value(def, offer));
    s.pressure -= model::DEAL_PRESSURE_RELIEF;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy;

    /// Plays `name` with the expert until its first negotiation opens.
    fn at_first_negotiation(name: &str) -> (Game, NegotiationState) {
        let prepared = crate::bundled::prepared(name).unwrap();
        let mut game = Game::new(prepared, 7);
        let mut expert = crate::strategy::StrategyId::Expert.build(7);
        loop {
            if let Some(Pending::Negotiation(state)) = game.pending() {
                return (game.clone(), state.clone());
            }
            let decision = strategy::next_decision(&game, expert.as_mut())
                .expect("the scenario has a negotiation before its end");
            game.decide(decision).unwrap();
        }
    }

    /// Each issue's option the buyer likes least.
    fn worst_for_buyer(def: &Negotiation) -> Vec<usize> {
        def.issues
            .iter()
            .map(|issue| {
                (0..issue.options.len())
                    .min_by(|&a, &b| {
                        issue.options[a]
                            .buyer_value
                            .total_cmp(&issue.options[b].buyer_value)
                    })
                    .unwrap()
            })
            .collect()
    }

    fn best_for_buyer(issue: &Issue) -> usize {
        (0..issue.options.len())
            .max_by(|&a, &b| {
                issue.options[a]
                    .buyer_value
                    .total_cmp(&issue.options[b].buyer_value)
            })
            .unwrap()
    }

    #[test]
    fn the_buyer_presses_their_top_priority_until_it_is_met_then_the_next() {
        for name in ["classroom_en", "classroom_zh"] {
            let (mut game, state) = at_first_negotiation(name);
            let def = game.scenario().negotiations[state.negotiation].clone();
            assert!(
                def.rounds >= 3,
                "{name}: needs three rounds to show repetition"
            );
            let mut by_weight: Vec<usize> = (0..def.issues.len()).collect();
            by_weight.sort_by(|&a, &b| {
                def.issues[b]
                    .buyer_weight
                    .total_cmp(&def.issues[a].buyer_weight)
            });
            let (top, second) = (by_weight[0], by_weight[1]);

            // A stingy offer, twice: the same demand, counted.
            let stingy = worst_for_buyer(&def);
            let mut after_first = None;
            for round in 1..=2 {
                let reply = game.offer(&stingy).unwrap();
                assert_eq!(
                    reply,
                    BuyerReply::Counter {
                        issue: top,
                        times: round
                    },
                    "{name}: round {round}"
                );
                after_first.get_or_insert_with(|| game.clone());
            }
            // The top priority met in full instead, in round 2: the buyer now names their
            // second priority (or accepts, and presses nothing).
            let mut game = after_first.unwrap();
            let mut conceded = stingy.clone();
            conceded[top] = best_for_buyer(&def.issues[top]);
            match game.offer(&conceded).unwrap() {
                BuyerReply::Counter { issue, times } => {
                    assert_eq!((issue, times), (second, 1), "{name}")
                }
                other => assert_eq!(other, BuyerReply::Accept, "{name}"),
            }
        }
    }

    /// The buyer presses where the offer leaves them most to gain, not merely their heaviest
    /// issue: on the Huaxing renewal, payment terms weigh 4 and price 3, but with 60 days on
    /// the table (35 points short of their best) and the price kept (70 short), price is where
    /// they gain most (3 × 70 > 4 × 35), so price is pressed and named first.
    #[test]
    fn the_buyer_presses_where_the_offer_leaves_them_most_to_gain() {
        let (game, _) = at_first_negotiation("classroom_en");
        let def = game
            .scenario()
            .negotiations
            .iter()
            .find(|n| n.id == "huaxing_renewal")
            .unwrap();
        let topic = |i: usize| def.issues[i].topic;
        let mut offer = worst_for_buyer(def);
        let terms = (0..def.issues.len())
            .find(|&i| topic(i) == Topic::PaymentTerms)
            .unwrap();
        offer[terms] = 1; // 60 days
        let order = Game::buyer_priorities(def, &offer);
        let named: Vec<Topic> = order.iter().map(|&i| topic(i)).collect();
        assert_eq!(
            named,
            [
                Topic::Price,
                Topic::PaymentTerms,
                Topic::ServiceLevel,
                Topic::ContractLength
            ]
        );
        assert_eq!(topic(Game::pressed_issue(def, &offer)), Topic::Price);
        let gain = Game::room_to_gain(def, &offer);
        assert!((gain[terms] - 4.0 * 35.0 / 10.0).abs() < 1e-9);
    }

    #[test]
    fn an_offer_already_best_for_the_buyer_everywhere_is_pressed_on_the_top_priority() {
        let (game, state) = at_first_negotiation("classroom_en");
        let def = &game.scenario().negotiations[state.negotiation];
        let best: Vec<usize> = def.issues.iter().map(best_for_buyer).collect();
        let top = (0..def.issues.len())
            .max_by(|&a, &b| {
                def.issues[a]
                    .buyer_weight
                    .total_cmp(&def.issues[b].buyer_weight)
            })
            .unwrap();
        assert_eq!(Game::pressed_issue(def, &best), top);
    }
}

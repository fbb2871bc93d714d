//! What a negotiation's numbers say, in words that agree with them.
//!
//! Two things a trainee reads at the table are computed here from the scenario's numbers, so
//! they cannot contradict what the buyer accepts:
//! - the buyer's answer to an offer that falls short ([`BuyerSignal`]): an issue is said to
//!   *have to* change only when no offer the buyer would accept, this round or later, leaves
//!   it where the offer has it; otherwise the buyer names their priorities in order (weight ×
//!   room to gain, [`Game::buyer_priorities`]), in the voice of their communication style;
//! - the review after the deal or no deal ([`Review`]): the cheapest winning offer (the
//!   acceptable offer that keeps us the most profit per turn), what the trainee's outcome gave
//!   away against it, and whether an offer at list price could win at all.
//!
//! Both read a [`Table`]: the negotiation's numbers taken while it is under way (the account
//! does not change between rounds, and a closed deal changes it), so the game takes it when
//! the negotiation opens and keeps it for the summary.
//!
//! Both are typed here ([`BuyerSignal`], [`ReviewLine`]) and worded in
//! `words/negotiation.rs`; the verdict on the outcome, judged against this review, is in
//! `negotiation_verdict.rs`.

use crate::engine::Game;
use crate::ids::NegotiationId;
use crate::negotiation_verdict::NOTHING_GIVEN_AWAY;
use crate::scenario::{Negotiation, NegotiationKind};

/// Slack for comparing buyer values, as the engine's acceptance does.
const EPS: f64 = 1e-9;

/// One offer (one option per issue) with what it is worth to each side.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub offer: Vec<usize>,
    /// Its value to the buyer (0 to 100, [`Game::buyer_value`]).
    pub buyer_value: f64,
    /// Our profit per turn with the account if it were agreed ([`Game::deal_profit_rate`]).
    pub profit_rate: f64,
}

/// A negotiation's numbers while it is under way: what the buyer needs each round and every
/// possible offer priced for both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub negotiation: NegotiationId,
    pub kind: NegotiationKind,
    /// What the buyer needs in each round ([`Game::buyer_threshold`]): round `r` is
    /// `bars[r - 1]`.
    pub bars: Vec<f64>,
    /// The competitor's offer as the buyer values it: no bar is below it.
    pub competitor_offer: f64,
    /// Our profit per turn with the account at its terms before the negotiation.
    pub profit_now: f64,
    /// Every combination of one option per issue.
    pub offers: Vec<Priced>,
}

/// One issue the buyer asks for in an answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ask {
    pub issue: usize,
    /// Points of buyer value the offer would gain with the buyer's best option on this issue
    /// ([`Game::room_to_gain`]).
    pub gain: f64,
    /// No offer the buyer would accept this round or later leaves this issue where the offer
    /// has it: it has to change.
    pub must: bool,
}

/// What the buyer may truthfully say about an offer that falls short.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyerSignal {
    /// The issues where the offer leaves the buyer room to gain, their first priority first
    /// ([`Game::buyer_priorities`]). Those that must change come first, since an issue must
    /// change exactly when its room to gain exceeds the slack every acceptable offer leaves.
    pub asks: Vec<Ask>,
    /// Whether any offer reaches what the buyer needs this round or later.
    pub winnable: bool,
}

impl BuyerSignal {
    /// The issues that have to change, in the buyer's order.
    pub fn musts(&self) -> impl Iterator<Item = usize> + '_ {
        self.asks.iter().filter(|a| a.must).map(|a| a.issue)
    }
}

/// Where list price stands in a negotiation with a price issue.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPrice {
    /// The price issue and its option with the highest price level.
    pub issue: usize,
    pub option: usize,
    /// The most an offer at that price is worth to the buyer.
    pub best_value: f64,
    /// The most profit per turn an offer at that price keeps among those that reach what the
    /// buyer needs by the last round; none when no offer at that price can win.
    pub best_rate: Option<f64>,
}

impl ListPrice {
    /// Whether some offer at that price reaches what the buyer needs by the last round.
    pub fn can_win(&self) -> bool {
        self.best_rate.is_some()
    }
}

/// The review of a closed negotiation against its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub kind: NegotiationKind,
    /// The least the buyer needed in any round (the last round's bar, as a rule).
    pub bar: f64,
    pub competitor_offer: f64,
    /// The most any offer is worth to the buyer.
    pub best_value: f64,
    /// The acceptable offer that keeps us the most profit per turn (the higher buyer value on
    /// a tie); none when no offer reaches the bar.
    pub cheapest_win: Option<Priced>,
    /// Where list price stands; none without an issue that sets the price.
    pub list_price: Option<ListPrice>,
    /// The trainee's deal, priced; none when there was no deal.
    pub deal: Option<Priced>,
    /// Our profit per turn before the negotiation.
    pub profit_now: f64,
    /// Our profit per turn without a deal: nothing after a renewal (the account is lost), the
    /// terms as they were after a tender.
    pub no_deal_rate: f64,
}

impl Review {
    /// Our profit per turn with the outcome the trainee reached.
    pub fn outcome_rate(&self) -> f64 {
        self.deal
            .as_ref()
            .map_or(self.no_deal_rate, |d| d.profit_rate)
    }

    /// Profit per turn the outcome kept less than the cheapest winning offer (0 when it kept
    /// as much or more); none when no offer could win.
    pub fn given_away(&self) -> Option<f64> {
        let win = self.cheapest_win.as_ref()?;
        Some((win.profit_rate - self.outcome_rate()).max(0.0))
    }

    /// The review, one line each: the cheapest winning offer, what the outcome gave away
    /// against it, and where list price stood. Worded by [`ReviewLine::words`].
    pub fn lines(&self) -> Vec<ReviewLine> {
        let mut lines = vec![match &self.cheapest_win {
            Some(win) => ReviewLine::CheapestWin {
                offer: win.offer.clone(),
                buyer_value: win.buyer_value,
                bar: self.bar,
                profit_rate: win.profit_rate,
            },
            None => ReviewLine::NoWin {
                best_value: self.best_value,
                bar: self.bar,
            },
        }];
        if let Some(win) = &self.cheapest_win {
            lines.push(self.outcome_line(win));
        }
        lines.extend(self.list_price_line());
        lines
    }

    /// What the outcome kept against the cheapest winning offer.
    fn outcome_line(&self, win: &Priced) -> ReviewLine {
        let given = self.given_away().unwrap_or(0.0);
        let rate = self.outcome_rate();
        let cost_nothing = given < NOTHING_GIVEN_AWAY;
        match &self.deal {
            Some(_) if cost_nothing => ReviewLine::KeptAsMuch,
            Some(_) => ReviewLine::GaveAway { rate, given },
            None if self.kind == NegotiationKind::Renewal && cost_nothing => {
                ReviewLine::RenewalLostCostNothing {
                    profit_now: self.profit_now,
                    win_rate: win.profit_rate,
                }
            }
            None if self.kind == NegotiationKind::Renewal => ReviewLine::RenewalLost {
                profit_now: self.profit_now,
                win_rate: win.profit_rate,
            },
            None if cost_nothing => ReviewLine::NoDealCostNothing { rate },
            None => ReviewLine::NoDealGaveAway { rate, given },
        }
    }

    /// Where list price stood: it could not win (against the competitor, or the bar), or a
    /// deal that cut the price is told whether keeping it would have kept more.
    fn list_price_line(&self) -> Option<ReviewLine> {
        let list = self.list_price.as_ref()?;
        let (issue, option, best_value) = (list.issue, list.option, list.best_value);
        let Some(best_rate) = list.best_rate else {
            return Some(if best_value + EPS < self.competitor_offer {
                ReviewLine::ListPriceCannotBeatCompetitor {
                    issue,
                    option,
                    competitor_offer: self.competitor_offer,
                    best_value,
                }
            } else {
                ReviewLine::ListPriceCannotClose {
                    issue,
                    option,
                    best_value,
                    bar: self.bar,
                }
            });
        };
        let deal = self
            .deal
            .as_ref()
            .filter(|d| d.offer.get(issue) != Some(&option))?;
        // Cutting the price is a mistake only where keeping it would have kept us more.
        Some(if best_rate >= deal.profit_rate + NOTHING_GIVEN_AWAY {
            ReviewLine::PriceNeedNotBeCut {
                issue,
                option,
                best_value,
                best_rate,
            }
        } else {
            ReviewLine::PriceCutWasRight {
                issue,
                option,
                best_rate,
            }
        })
    }
}

/// One line of a negotiation's review, with the numbers it states; worded by
/// [`ReviewLine::words`] (`words/negotiation.rs`). Issues and options are indices into the
/// negotiation's definition; rates are profit per turn.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewLine {
    /// The acceptable offer that keeps us the most, its buyer value against the bar.
    CheapestWin {
        offer: Vec<usize>,
        buyer_value: f64,
        bar: f64,
        profit_rate: f64,
    },
    /// No offer reaches the bar: the best for the buyer is worth `best_value`.
    NoWin { best_value: f64, bar: f64 },
    /// The deal keeps as much as the cheapest winning offer.
    KeptAsMuch,
    /// The deal keeps `rate`, `given` less than the cheapest winning offer.
    GaveAway { rate: f64, given: f64 },
    /// No deal on a renewal: the account is lost, where the cheapest win kept more.
    RenewalLost { profit_now: f64, win_rate: f64 },
    /// No deal on a renewal, but no winning offer kept more than losing the account.
    RenewalLostCostNothing { profit_now: f64, win_rate: f64 },
    /// No deal: profit stays at `rate`, `given` less than the cheapest win kept.
    NoDealGaveAway { rate: f64, given: f64 },
    /// No deal: profit stays at `rate`, no less than any winning offer kept.
    NoDealCostNothing { rate: f64 },
    /// No offer at list price is worth as much to the buyer as the competitor's.
    ListPriceCannotBeatCompetitor {
        issue: usize,
        option: usize,
        competitor_offer: f64,
        best_value: f64,
    },
    /// No offer at list price reaches the bar.
    ListPriceCannotClose {
        issue: usize,
        option: usize,
        best_value: f64,
        bar: f64,
    },
    /// The deal cut the price, and a winning offer at list price would have kept more
    /// (`best_rate`, the most one keeps).
    PriceNeedNotBeCut {
        issue: usize,
        option: usize,
        best_value: f64,
        best_rate: f64,
    },
    /// The deal cut the price, and no winning offer at list price would have kept more.
    PriceCutWasRight {
        issue: usize,
        option: usize,
        best_rate: f64,
    },
}

impl Table {
    /// The negotiation's numbers as the game stands: take it while the negotiation is under way
    /// (or before it opens); after a deal the account's terms have changed. None when the
    /// negotiation or its account is not in the scenario.
    pub fn new(game: &Game, negotiation: NegotiationId) -> Option<Table> {
        let def = game.scenario().negotiations.get(negotiation.index())?;
        let account = game.negotiation_account(negotiation)?;
        let bars = (1..=def.rounds.max(1))
            .map(|r| game.buyer_threshold(negotiation, r))
            .collect();
        let offers = all_offers(def)
            .into_iter()
            .map(|offer| {
                let buyer_value = Game::buyer_value(def, &offer);
                let profit_rate = game.deal_profit_rate(negotiation, &offer).unwrap_or(0.0);
                Priced {
                    offer,
                    buyer_value,
                    profit_rate,
                }
            })
            .collect();
        Some(Table {
            negotiation,
            kind: def.kind,
            bars,
            competitor_offer: def.competitor_offer,
            profit_now: game.profit_rate(account),
            offers,
        })
    }

    /// The least the buyer needs from `round` (1-based) to the last: an offer below it in
    /// `round` can still be accepted later only if it reaches this.
    pub fn bar_from(&self, round: u32) -> f64 {
        let from = (round.max(1) as usize - 1).min(self.bars.len().saturating_sub(1));
        self.bars[from..].iter().copied().fold(f64::MAX, f64::min)
    }

    /// What the buyer may truthfully say about `offer` made in `round`: their priorities for it,
    /// and which of them have to change for any deal this round or later.
    pub fn signal(&self, def: &Negotiation, round: u32, offer: &[usize]) -> BuyerSignal {
        let bar = self.bar_from(round);
        let best: Vec<usize> = def.issues.iter().map(best_option).collect();
        let winnable = Game::buyer_value(def, &best) + EPS >= bar;
        let gain = Game::room_to_gain(def, offer);
        let asks = Game::buyer_priorities(def, offer)
            .into_iter()
            .map(|issue| {
                // The best an offer can do with this issue left as it is: the buyer's best
                // everywhere else (a buyer value is a weighted sum, one option per issue).
                let mut kept = best.clone();
                kept[issue] = offer.get(issue).copied().unwrap_or(0);
                let must = winnable && Game::buyer_value(def, &kept) + EPS < bar;
                Ask {
                    issue,
                    gain: gain[issue],
                    must,
                }
            })
            .collect();
        BuyerSignal { asks, winnable }
    }

    /// The review of the negotiation closed with `deal` (none: no deal).
    pub fn review(&self, def: &Negotiation, deal: Option<&[usize]>) -> Review {
        let bar = self.bar_from(1);
        let acceptable = |p: &&Priced| p.buyer_value + EPS >= bar;
        let cheapest_win = self
            .offers
            .iter()
            .filter(acceptable)
            .max_by(|a, b| {
                a.profit_rate
                    .total_cmp(&b.profit_rate)
                    .then(a.buyer_value.total_cmp(&b.buyer_value))
            })
            .cloned();
        let best_value = self
            .offers
            .iter()
            .map(|p| p.buyer_value)
            .fold(0.0, f64::max);
        let list_price = def
            .issues
            .iter()
            .enumerate()
            .find_map(|(i, issue)| {
                let option = (0..issue.options.len())
                    .filter(|&k| issue.options[k].price_level.is_some())
                    .max_by(|&a, &b| {
                        let level = |k: usize| issue.options[k].price_level.unwrap_or(0.0);
                        level(a).total_cmp(&level(b)).then(b.cmp(&a))
                    })?;
                Some((i, option))
            })
            .map(|(issue, option)| {
                let at_list = self.offers.iter().filter(|p| p.offer[issue] == option);
                let best_value = at_list.clone().map(|p| p.buyer_value).fold(0.0, f64::max);
                ListPrice {
                    issue,
                    option,
                    best_value,
                    best_rate: at_list
                        .filter(acceptable)
                        .map(|p| p.profit_rate)
                        .max_by(f64::total_cmp),
                }
            });
        let deal = deal.map(|offer| {
            self.offers
                .iter()
                .find(|p| p.offer == offer)
                .cloned()
                .unwrap_or_else(|| Priced {
                    offer: offer.to_vec(),
                    buyer_value: Game::buyer_value(def, offer),
                    profit_rate: self.profit_now,
                })
        });
        Review {
            kind: self.kind,
            bar,
            competitor_offer: self.competitor_offer,
            best_value,
            cheapest_win,
            list_price,
            deal,
            profit_now: self.profit_now,
            no_deal_rate: match self.kind {
                NegotiationKind::Renewal => 0.0,
                NegotiationKind::Tender => self.profit_now,
            },
        }
    }
}

/// Every combination of one option per issue, the first issue slowest.
pub fn all_offers(def: &Negotiation) -> Vec<Vec<usize>> {
    let mut offers = vec![Vec::new()];
    for issue in &def.issues {
        offers = offers
            .into_iter()
            .flat_map(|o: Vec<usize>| {
                (0..issue.options.len().max(1)).map(move |k| {
                    let mut next = o.clone();
                    next.push(k);
                    next
                })
            })
            .collect();
    }
    offers
}

/// The option the buyer likes most on an issue (the first on a tie).
fn best_option(issue: &crate::scenario::Issue) -> usize {
    (0..issue.options.len())
        .rev()
        .max_by(|&a, &b| {
            issue.options[a]
                .buyer_value
                .total_cmp(&issue.options[b].buyer_value)
        })
        .unwrap_or(0)
}

/// The buyer's value of an offer as a sum anyone can check: "(4×20 + 2×80 + 3×90 + 1×90) / 10
/// = 60", each issue's weight times the buyer's value of the option offered, over the weights.
pub fn value_formula(def: &Negotiation, offer: &[usize]) -> String {
    let total: f64 = def.issues.iter().map(|i| i.buyer_weight.max(0.0)).sum();
    let terms: Vec<String> = def
        .issues
        .iter()
        .zip(offer)
        .map(|(issue, &o)| {
            let v = issue.options.get(o).map_or(0.0, |x| x.buyer_value);
            format!("{}×{}", number(issue.buyer_weight.max(0.0)), number(v))
        })
        .collect();
    // The result as exact as the terms: "= 64.5", not a rounded "= 64" the sum does not give.
    format!(
        "({}) / {} = {}",
        terms.join(" + "),
        number(total),
        number(Game::buyer_value(def, offer))
    )
}

/// A weight or value as written: whole numbers without decimals, else one decimal.
fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The English classroom's tender, the negotiation these tests and the words' tests read.
    pub(crate) fn tender() -> Negotiation {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        prepared
            .scenario
            .negotiations
            .iter()
            .find(|n| n.id == "haichuan_tender")
            .unwrap()
            .clone()
    }

    #[test]
    fn the_buyers_value_is_written_out_as_a_sum_anyone_can_check() {
        // The playtest's best offer at list price: list price, 30 %, 90 days, resident.
        let def = tender();
        assert_eq!(
            value_formula(&def, &[0, 2, 2, 1]),
            "(4×20 + 2×80 + 3×90 + 1×90) / 10 = 60"
        );
    }
}

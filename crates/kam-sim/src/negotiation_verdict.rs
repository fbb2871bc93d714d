//! The verdict on a negotiation's outcome: one rule for the negotiation screen's verdict, the
//! debrief's teaching point and the review's lines.
//!
//! A deal is judged by what it was worth against what the table allowed (DOMAIN.md §1.7:
//! trade concessions, never give them away): it is win-win when it keeps
//! [`WIN_WIN_PROFIT_KEPT`] of the profit rate, and it is not blamed when no winning offer
//! would have kept more (the review's cheapest winning offer, [`Review::given_away`]), however
//! little that is. No deal is blamed only when a winning offer would have kept more than the
//! outcome: not when no offer could win, nor when losing cost nothing.
//!
//! Typed here ([`DealVerdict`]); worded in `words/negotiation.rs`.

use std::ops::ControlFlow;

use crate::engine::{Game, NegotiationRecord, Pending};
use crate::ids::NegotiationId;
use crate::negotiation_review::{Review, Table};

/// The share of the profit rate a deal must keep to count as win-win: giving up more than a
/// tenth of it is buying agreement (courseware: trade concessions, never give them away).
pub const WIN_WIN_PROFIT_KEPT: f64 = 0.9;

/// Profit per turn under which a difference counts as nothing: the review shows profit to one
/// decimal, so a smaller difference would read as none.
pub const NOTHING_GIVEN_AWAY: f64 = 0.05;

/// Whether a negotiation ended win-win: a deal that keeps [`WIN_WIN_PROFIT_KEPT`] of the
/// profit rate it started from.
pub fn is_win_win(deal: bool, profit_rate_before: f64, profit_rate_after: f64) -> bool {
    deal && profit_rate_after >= profit_rate_before * WIN_WIN_PROFIT_KEPT - 1e-9
}

/// What a negotiation's outcome was worth against what was possible, with the numbers that
/// say so (profit per turn before and after the negotiation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DealVerdict {
    /// A deal that keeps at least [`WIN_WIN_PROFIT_KEPT`] of the profit rate.
    WinWin { before: f64, after: f64 },
    /// A deal under the win-win bar that keeps as much as the cheapest winning offer: the
    /// table allowed nothing better.
    BestAllowed { before: f64, after: f64 },
    /// A deal under the win-win bar that keeps less than the cheapest winning offer (or one
    /// judged without its table).
    GaveTooMuch { before: f64, after: f64 },
    /// No deal, and the contract lapsed, where a winning offer would have kept more.
    NoDealLapsed { before: f64, after: f64 },
    /// No deal, the terms stay, where a winning offer would have kept more (or judged
    /// without its table).
    NoDealUnanswered,
    /// No deal, and no offer reached what the buyer needed (`bar`; the best for the buyer
    /// was worth `best_value`). `lapsed`: the contract lapsed all the same.
    NoDealUnwinnable {
        before: f64,
        after: f64,
        lapsed: bool,
        best_value: f64,
        bar: f64,
    },
    /// No deal, and no winning offer would have kept more than the outcome (the most one
    /// kept: `best_rate`). `lapsed`: the contract lapsed.
    NoDealCostNothing {
        before: f64,
        after: f64,
        lapsed: bool,
        best_rate: f64,
    },
}

impl DealVerdict {
    /// Judges an outcome (`deal`: whether one was agreed; profit per turn before and after)
    /// against the table's `review` of it. Without a review only the win-win bar can judge.
    pub fn judge(deal: bool, before: f64, after: f64, review: Option<&Review>) -> DealVerdict {
        let given = review.and_then(Review::given_away);
        let nothing_given = given.is_some_and(|g| g < NOTHING_GIVEN_AWAY);
        let lapsed = after < before - NOTHING_GIVEN_AWAY;
        match review {
            _ if is_win_win(deal, before, after) => DealVerdict::WinWin { before, after },
            _ if deal && nothing_given => DealVerdict::BestAllowed { before, after },
            _ if deal => DealVerdict::GaveTooMuch { before, after },
            Some(r) if r.cheapest_win.is_none() => DealVerdict::NoDealUnwinnable {
                before,
                after,
                lapsed,
                best_value: r.best_value,
                bar: r.bar,
            },
            Some(r) if nothing_given => DealVerdict::NoDealCostNothing {
                before,
                after,
                lapsed,
                best_rate: r.cheapest_win.as_ref().map_or(0.0, |w| w.profit_rate),
            },
            _ if lapsed => DealVerdict::NoDealLapsed { before, after },
            _ => DealVerdict::NoDealUnanswered,
        }
    }

    /// Whether the outcome meets the teaching point: win-win, or the best the table allowed.
    pub fn met(&self) -> bool {
        matches!(
            self,
            DealVerdict::WinWin { .. }
                | DealVerdict::BestAllowed { .. }
                | DealVerdict::NoDealUnwinnable { .. }
                | DealVerdict::NoDealCostNothing { .. }
        )
    }
}

/// A closed negotiation judged against the table's review of it (none: judged by the win-win
/// bar alone).
pub fn deal_verdict(record: &NegotiationRecord, review: Option<&Review>) -> DealVerdict {
    DealVerdict::judge(
        record.deal.is_some(),
        record.profit_rate_before,
        record.profit_rate_after,
        review,
    )
}

/// Every closed negotiation of `game`, in the order they closed, with its verdict (whether it
/// met the teaching point is [`DealVerdict::met`]). Each is judged against its table as it
/// stood when the negotiation opened, found by replaying the game.
pub fn negotiation_verdicts(game: &Game) -> Vec<(NegotiationId, DealVerdict)> {
    let reviews = reviews(game);
    game.negotiation_records()
        .iter()
        .zip(reviews)
        .map(|(r, review)| (r.negotiation, deal_verdict(r, review.as_ref())))
        .collect()
}

/// The review of each closed negotiation, in order, from its table as the negotiation opened
/// (negotiations come one at a time, so they open in the order they close).
fn reviews(game: &Game) -> Vec<Option<Review>> {
    let records = game.negotiation_records();
    let mut tables: Vec<Option<Table>> = Vec::new();
    if !records.is_empty() {
        crate::record::walk_log(game, |_, _, before| {
            if let Some(Pending::Negotiation(state)) = before.pending()
                && state.exchanges.is_empty()
            {
                tables.push(Table::new(before, state.negotiation));
            }
            if tables.len() < records.len() {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
    }
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let table = tables.get(i)?.as_ref()?;
            let def = game.scenario().negotiations.get(r.negotiation.index())?;
            (table.negotiation == r.negotiation).then(|| table.review(def, r.deal.as_deref()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::negotiation_review::{Priced, ReviewLine};
    use crate::scenario::{Language, NegotiationKind, TurnUnit};

    /// A review whose cheapest winning offer keeps `win` (none: no offer could win) and whose
    /// deal keeps `deal` (none: no deal), from a profit rate of `now`.
    fn review(kind: NegotiationKind, now: f64, win: Option<f64>, deal: Option<f64>) -> Review {
        let priced = |offer: usize, profit_rate: f64| Priced {
            offer: vec![offer],
            buyer_value: 65.0,
            profit_rate,
        };
        Review {
            kind,
            bar: 60.0,
            competitor_offer: 50.0,
            best_value: if win.is_some() { 70.0 } else { 55.0 },
            cheapest_win: win.map(|r| priced(0, r)),
            list_price: None,
            deal: deal.map(|r| priced(1, r)),
            profit_now: now,
            no_deal_rate: match kind {
                NegotiationKind::Renewal => 0.0,
                NegotiationKind::Tender => now,
            },
        }
    }

    /// The outcome of `r` judged against it, as the game records it.
    fn judged(r: &Review) -> DealVerdict {
        DealVerdict::judge(r.deal.is_some(), r.profit_now, r.outcome_rate(), Some(r))
    }

    /// A quarterly scenario's verdicts count profit per quarter, never "per month" (they did
    /// whatever the unit).
    #[test]
    fn a_verdict_counts_profit_in_the_scenarios_unit() {
        // A renewal lost: the profit before and after, per turn.
        let lapsed = DealVerdict::judge(false, 20.0, 0.0, None);
        for unit in [TurnUnit::Month, TurnUnit::Quarter] {
            let other = match unit {
                TurnUnit::Month => TurnUnit::Quarter,
                TurnUnit::Quarter => TurnUnit::Month,
            };
            for lang in [Language::En, Language::Zh] {
                let words = lapsed.words(unit, lang);
                let own = crate::words::turn_unit(lang, unit);
                let wrong = crate::words::turn_unit(lang, other);
                assert!(words.contains(own), "{words}");
                assert!(!words.contains(wrong), "{words}");
            }
        }
    }

    /// Without its table a deal is judged by the win-win bar alone: a deal that gives away
    /// more than a tenth of the profit rate is not win-win.
    #[test]
    fn a_deal_is_win_win_only_if_it_keeps_the_profit() {
        assert!(is_win_win(true, 20.0, 18.5));
        assert!(!is_win_win(true, 20.0, 17.5));
        assert!(!is_win_win(false, 20.0, 20.0));
        let en = |deal, after| {
            DealVerdict::judge(deal, 20.0, after, None).words(TurnUnit::Month, Language::En)
        };
        assert!(en(true, 18.5).starts_with("Win-win") && en(true, 18.5).contains("92%"));
        assert!(en(true, 17.5).contains("not win-win") && en(true, 17.5).contains("88%"));
        assert!(en(false, 20.0).starts_with("No deal: the terms stay"));
        assert!(
            en(false, 0.0).contains("20.0 → 0.0"),
            "walking away from a renewal says what it cost"
        );
        let zh = |after| {
            DealVerdict::judge(true, 20.0, after, None).words(TurnUnit::Month, Language::Zh)
        };
        assert_ne!(zh(18.5), zh(17.5));
    }

    /// A deal under the bar that keeps as much as the cheapest winning offer is the best the
    /// table allowed: met, and said so; one that keeps less gave too much.
    #[test]
    fn a_deal_under_the_bar_is_blamed_only_against_a_better_win() {
        let best = review(NegotiationKind::Renewal, 20.0, Some(15.0), Some(15.0));
        let verdict = judged(&best);
        assert!(
            matches!(verdict, DealVerdict::BestAllowed { .. }),
            "{verdict:?}"
        );
        assert!(verdict.met());
        assert!(best.lines().contains(&ReviewLine::KeptAsMuch));
        let words = verdict.words(TurnUnit::Month, Language::En);
        assert!(
            words.contains("75%") && words.contains("best this table allowed"),
            "{words}"
        );
        assert!(
            !verdict
                .words(TurnUnit::Month, Language::Zh)
                .contains("不是双赢")
        );

        let worse = review(NegotiationKind::Renewal, 20.0, Some(15.0), Some(12.0));
        let verdict = judged(&worse);
        assert!(
            matches!(verdict, DealVerdict::GaveTooMuch { .. }),
            "{verdict:?}"
        );
        assert!(!verdict.met());
        assert!(
            verdict
                .words(TurnUnit::Month, Language::En)
                .contains("not win-win")
        );
    }

    /// No deal is blamed only when a winning offer would have kept more than the outcome.
    #[test]
    fn no_deal_claims_no_loss_the_numbers_do_not_show() {
        use NegotiationKind::{Renewal, Tender};
        // No offer could win: the renewal lapses all the same, and that is no one's mistake.
        let unwinnable = judged(&review(Renewal, 20.0, None, None));
        assert!(unwinnable.met(), "{unwinnable:?}");
        let words = unwinnable.words(TurnUnit::Month, Language::En);
        assert!(
            words.contains("no offer could win") && words.contains("20.0 → 0.0"),
            "{words}"
        );
        assert!(!words.contains("it costs"), "{words}");
        let tender = judged(&review(Tender, 6.0, None, None));
        assert!(tender.met());
        assert!(
            tender
                .words(TurnUnit::Month, Language::En)
                .contains("the terms stay")
        );
        // Winning would have kept less than the terms as they are: losing cost nothing.
        let cheap_loss = judged(&review(Tender, 6.0, Some(5.0), None));
        assert!(
            matches!(
                cheap_loss,
                DealVerdict::NoDealCostNothing { lapsed: false, .. }
            ),
            "{cheap_loss:?}"
        );
        assert!(cheap_loss.met());
        assert!(
            cheap_loss
                .words(TurnUnit::Month, Language::En)
                .contains("cost nothing")
        );
        // A renewal whose every winning offer loses money: losing it cost nothing either,
        // and the review says the same.
        let losing = review(Renewal, 20.0, Some(-1.0), None);
        assert!(judged(&losing).met(), "{:?}", judged(&losing));
        assert!(matches!(
            losing.lines()[1],
            ReviewLine::RenewalLostCostNothing { .. }
        ));
        // A winning offer would have kept more: blamed, as before.
        let lapsed = judged(&review(Renewal, 20.0, Some(15.0), None));
        assert_eq!(
            lapsed,
            DealVerdict::NoDealLapsed {
                before: 20.0,
                after: 0.0
            }
        );
        assert!(!lapsed.met());
        let unanswered = judged(&review(Tender, 6.0, Some(10.0), None));
        assert_eq!(unanswered, DealVerdict::NoDealUnanswered);
        assert!(!unanswered.met());
    }
}

//! The expert's offers in a negotiation: every combination of options, each valued by the
//! account the deal leaves, against what the buyer accepts round by round.

use super::Expert;
use crate::engine::{Decision, Game, NegotiationState};

impl Expert {
    /// The offer in a negotiation: the deal best for us that the buyer accepts now, or an
    /// anchor while a later round promises better.
    pub(super) fn offer(&mut self, game: &Game, state: &NegotiationState) -> Decision {
        let def = &game.scenario().negotiations[state.negotiation];
        let offers = all_offers(def.issues.iter().map(|i| i.options.len()).collect());
        // What each deal is worth to us: the account as the deal leaves it, valued over the
        // turns left (price, payment terms, share, satisfaction, the risk of losing it).
        let ours = |i: usize| {
            game.after_deal(state.negotiation, &offers[i])
                .map_or(f64::MIN, |after| {
                    self.value(game, state.account.index(), &after)
                })
        };
        let buyer_values: Vec<f64> = offers.iter().map(|o| Game::buyer_value(def, o)).collect();
        if self.habits.concede {
            // The buyer's first demand, granted: the offer they like most.
            let best = (0..offers.len())
                .max_by(|&x, &y| buyer_values[x].total_cmp(&buyer_values[y]))
                .unwrap_or(0);
            return Decision::Offer(offers.get(best).cloned().unwrap_or_default());
        }
        // A well-prepared KAM (充分准备) knows what the buyer values: offer the deal best for
        // us that the buyer accepts now, or anchor low while a later round promises better.
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
        let lowest = || {
            offers
                .iter()
                .min_by(|x, y| Game::buyer_value(def, x).total_cmp(&Game::buyer_value(def, y)))
        };
        let pick = match (now, later) {
            (Some(now), Some(later)) if later.0 > now.0 => lowest(),
            (Some(now), _) => Some(now.1),
            (None, Some(_)) => lowest(),
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

//! The negotiation's verdict, its teaching point and its review judge an outcome by one rule,
//! against the best the table allowed (`kam_sim::DealVerdict`): a trainee who plays the
//! review's cheapest winning offer is never told the concessions bought too little back, and
//! the review says the price need not have been cut only when an offer at list price would
//! have kept more than the deal.
//!
//! Both were found in a hand playtest of the classroom played evenly (seed 0): the renewal's
//! bar is so high there that even the cheapest winning offer keeps only 78 % of the profit
//! rate, and it cuts the price, since every winning offer at list price gives away costlier
//! terms.

mod common;

use std::sync::Arc;

use kam_sim::scenario::Language;
use kam_sim::{DealVerdict, Decision, Game, OfferTable, Pending, Prepared, ReviewLine};

/// Plays `prepared` with `strategy` on `seed`, except at the table: there the trainee offers
/// the review's cheapest winning offer every round (walks away when none can win). Returns
/// the game and each negotiation's table as it opened.
fn play_the_cheapest_win(
    prepared: &Arc<Prepared>,
    strategy: &str,
    seed: u64,
) -> (Game, Vec<OfferTable>) {
    let mut game = Game::new(Arc::clone(prepared), seed);
    let mut player = strategy.parse::<kam_sim::StrategyId>().unwrap().build(seed);
    let mut tables: Vec<OfferTable> = Vec::new();
    while let Some(decision) = kam_sim::next_decision(&game, player.as_mut()) {
        let decision = match game.pending() {
            Some(Pending::Negotiation(state)) => {
                if state.exchanges.is_empty() {
                    tables.push(OfferTable::new(&game, state.negotiation).unwrap());
                }
                let def = &game.scenario().negotiations[state.negotiation];
                let review = tables.last().unwrap().review(def, None);
                review
                    .cheapest_win
                    .map_or(Decision::WalkAway, |w| Decision::Offer(w.offer))
            }
            _ => decision,
        };
        game.decide(decision).unwrap();
    }
    (game, tables)
}

fn scenario(name: &str) -> Arc<Prepared> {
    common::bundled_and_model_scenarios()
        .into_iter()
        .find(|(n, _)| n.starts_with(name))
        .unwrap()
        .1
}

#[test]
fn the_cheapest_winning_offer_is_never_blamed() {
    let mut best_under_the_bar = 0;
    for (name, prepared) in common::bundled_and_model_scenarios() {
        for strategy in ["even", "random", "expert"] {
            for seed in 0..4 {
                let (game, tables) = play_the_cheapest_win(&prepared, strategy, seed);
                let records = game.negotiation_records();
                assert_eq!(records.len(), tables.len(), "{name}");
                for (r, table) in records.iter().zip(&tables) {
                    let def = &game.scenario().negotiations[r.negotiation];
                    let review = table.review(def, r.deal.as_deref());
                    let verdict = kam_sim::deal_verdict(r, Some(&review));
                    assert!(verdict.met(), "{name} {strategy} {seed}: {verdict:?}");
                    if matches!(verdict, DealVerdict::BestAllowed { .. }) {
                        best_under_the_bar += 1;
                    }
                    for lang in [Language::En, Language::Zh] {
                        let words = verdict.words(game.scenario().turn_unit, lang);
                        assert!(
                            !words.contains("not win-win") && !words.contains("不是双赢"),
                            "{name} {strategy} {seed}: {words}"
                        );
                        let lines = review.lines();
                        assert!(lines.contains(&ReviewLine::KeptAsMuch), "{lines:?}");
                    }
                }
                // The debrief's teaching point judges by the same rule, from the game alone.
                let judged = kam_sim::negotiation_verdicts(&game);
                assert_eq!(judged.len(), records.len(), "{name}");
                for (r, table) in records.iter().zip(&tables) {
                    let def = &game.scenario().negotiations[r.negotiation];
                    let review = table.review(def, r.deal.as_deref());
                    let verdict = kam_sim::deal_verdict(r, Some(&review));
                    assert!(judged.contains(&(r.negotiation, verdict)), "{judged:?}");
                    assert!(verdict.met(), "{verdict:?}");
                }
                // (The point also counts discounts given without a trade: not judged here.)
                let debrief = kam_sim::debrief_game(&game);
                for r in records {
                    let l = debrief
                        .lessons
                        .iter()
                        .find(|l| {
                            matches!(l.evidence, kam_sim::Evidence::Negotiation { negotiation, .. }
                                if negotiation == r.negotiation)
                        })
                        .unwrap();
                    let words = l.evidence.words(game.scenario(), Language::En);
                    assert!(l.met, "{name} {strategy} {seed}: {words}");
                }
            }
        }
    }
    assert!(
        best_under_the_bar > 0,
        "some game's best deal keeps under the win-win bar (the playtest's)"
    );
}

/// The playtest's renewal and the logistics tender: the cheapest winning offer cuts the price,
/// and the best offer at list price keeps less, so the review says cutting it was right.
#[test]
fn the_price_need_not_have_been_cut_only_when_list_price_kept_more() {
    let mut checked = 0;
    for (name, strategy) in [("classroom_en", "even"), ("logistics_generous", "expert")] {
        let (game, tables) = play_the_cheapest_win(&scenario(name), strategy, 0);
        for (table, r) in tables.iter().zip(game.negotiation_records()) {
            let def = &game.scenario().negotiations[r.negotiation];
            let review = table.review(def, r.deal.as_deref());
            let (Some(deal), Some(list)) = (&review.deal, &review.list_price) else {
                continue;
            };
            let Some(best_rate) = list.best_rate else {
                continue;
            };
            if deal.offer[list.issue] == list.option {
                continue;
            }
            checked += 1;
            assert!(best_rate < deal.profit_rate, "{name}: {best_rate}");
            assert!(
                review.lines().contains(&ReviewLine::PriceCutWasRight {
                    issue: list.issue,
                    option: list.option,
                    best_rate,
                }),
                "{name}: {:?}",
                review.lines()
            );
            for lang in [Language::En, Language::Zh] {
                let text = review.words(def, game.scenario(), lang).join("\n");
                assert!(
                    !text.contains("need not have been cut") && !text.contains("价格本不必让"),
                    "{name}: {text}"
                );
                assert!(
                    text.contains(lang.pick("降价没有错", "Cutting the price was right")),
                    "{name}: {text}"
                );
            }
        }
    }
    assert_eq!(checked, 2, "both games cut the price to win");
}

/// The other way round: a deal that cut the price where list price would have kept more is
/// told so, with what list price would have kept.
#[test]
fn a_needless_price_cut_is_named_with_what_list_price_kept() {
    let prepared = scenario("classroom_en");
    let (game, tables) = play_the_cheapest_win(&prepared, "expert", 0);
    let (table, r) = tables
        .iter()
        .zip(game.negotiation_records())
        .find(|(t, _)| game.scenario().negotiations[t.negotiation].id == "huaxing_renewal")
        .unwrap();
    let def = &game.scenario().negotiations[r.negotiation];
    let list = table.review(def, None).list_price.unwrap();
    let win = table.review(def, None).cheapest_win.unwrap();
    assert_eq!(
        win.offer[list.issue], list.option,
        "the expert's renewal keeps list price"
    );
    let mut cut = win.offer.clone();
    cut[list.issue] = (list.option + 1) % def.issues[list.issue].options.len();
    let review = table.review(def, Some(&cut));
    let best_rate = list.best_rate.unwrap();
    assert!(best_rate > review.deal.as_ref().unwrap().profit_rate);
    let text = review.words(def, game.scenario(), Language::En).join("\n");
    assert!(
        text.contains("The price need not have been cut")
            && text.contains(&format!("{best_rate:.1}")),
        "{text}"
    );
}

//! The buyer's words and the review after a negotiation hold to the numbers
//! (`kam_sim::negotiation_review`): a must is said only when no acceptable offer leaves the
//! issue where it is, the renewal buyer never calls price a must when full price wins, and the
//! tender's review names the cheapest winning offer and says list price cannot win.

mod common;

use std::sync::Arc;

use kam_sim::scenario::{Issue, Language, Negotiation, Style, Topic};
use kam_sim::{BuyerReply, Decision, Game, NegotiationId, Pending, Prepared};
use kam_sim::{OfferTable, counter_words, negotiation_offers, says_must, value_formula};

/// Plays `prepared` with `strategy` on `seed` and hands over the game at each negotiation as it
/// opens (before the first offer).
fn at_each_negotiation(
    prepared: &Arc<Prepared>,
    strategy: &str,
    seed: u64,
    mut each: impl FnMut(&Game),
) {
    let mut game = Game::new(Arc::clone(prepared), seed);
    let mut player = strategy.parse::<kam_sim::StrategyId>().unwrap().build(seed);
    while let Some(decision) = kam_sim::next_decision(&game, player.as_mut()) {
        if let Some(Pending::Negotiation(state)) = game.pending()
            && state.exchanges.is_empty()
        {
            each(&game);
        }
        game.decide(decision).unwrap();
    }
}

/// The negotiation under way, its definition and the buyer's style.
fn open(game: &Game) -> (NegotiationId, Negotiation, Style) {
    let Some(Pending::Negotiation(state)) = game.pending() else {
        panic!("no negotiation")
    };
    let def = game.scenario().negotiations[state.negotiation].clone();
    let style = def
        .buyer
        .as_ref()
        .and_then(|id| {
            game.accounts()[state.account]
                .people
                .iter()
                .find(|p| &p.person.id == id)
        })
        .map_or(Style::A, |p| p.person.style);
    (state.negotiation, def, style)
}

/// Makes `offer` and returns the buyer's answer.
fn offer(game: &mut Game, offer: &[usize]) -> BuyerReply {
    game.decide(Decision::Offer(offer.to_vec())).unwrap();
    match game.pending() {
        Some(Pending::Negotiation(s)) => s.exchanges.last().unwrap().reply,
        _ if game.negotiation_records().last().unwrap().deal.is_some() => BuyerReply::Accept,
        _ => BuyerReply::WalkAway,
    }
}

fn worst(issue: &Issue) -> usize {
    (0..issue.options.len())
        .min_by(|&a, &b| {
            issue.options[a]
                .buyer_value
                .total_cmp(&issue.options[b].buyer_value)
        })
        .unwrap()
}

fn option(def: &Negotiation, topic: Topic, label: &str) -> (usize, usize) {
    let i = def.issues.iter().position(|x| x.topic == topic).unwrap();
    let k = def.issues[i]
        .options
        .iter()
        .position(|o| o.label == label)
        .unwrap_or_else(|| panic!("no option {label:?}"));
    (i, k)
}

fn scenario(name: &str) -> Arc<Prepared> {
    common::bundled()
        .into_iter()
        .find(|(file, _)| file.strip_suffix(".ron") == Some(name))
        .unwrap()
        .1
}

/// Every scenario with a negotiation: the bundled ones and the hold-out scenarios written from
/// the docs.
fn with_negotiations() -> Vec<(String, Arc<Prepared>)> {
    let mut all: Vec<(String, Arc<Prepared>)> = common::bundled()
        .into_iter()
        .map(|(f, p)| (f.to_owned(), p))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/model_scenarios");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let (prepared, _) = kam_sim::load_str(&file, &src).unwrap();
        all.push((file, prepared));
    }
    all.retain(|(_, p)| !p.scenario.negotiations.is_empty());
    all
}

/// The property, over every offer of every negotiation of every scenario at the table as
/// several players reach it: an issue is called a must exactly when no offer the buyer would
/// accept this round or later (checked offer by offer) leaves it where the offer has it, and
/// the words say "has to change" only then. The engine presses the buyer's first priority,
/// and accepts exactly what reaches the table's bar for the round.
#[test]
fn a_must_is_said_only_when_no_acceptable_offer_keeps_the_issue() {
    let mut checked = 0;
    for (name, prepared) in with_negotiations() {
        for (strategy, seed) in [("expert", 1), ("random", 2), ("concede", 3), ("even", 4)] {
            at_each_negotiation(&prepared, strategy, seed, |game| {
                let (n, def, style) = open(game);
                let table = OfferTable::new(game, n).unwrap();
                let lang = game.scenario().language;
                let offers = negotiation_offers(&def);
                for o in &offers {
                    // The engine, in round 1: it accepts exactly at the table's bar and presses
                    // the signal's first priority otherwise.
                    let signal = table.signal(&def, 1, o);
                    let mut g = game.clone();
                    let reply = offer(&mut g, o);
                    let value = Game::buyer_value(&def, o);
                    match reply {
                        BuyerReply::Accept => assert!(value + 1e-9 >= table.bars[0]),
                        BuyerReply::Counter { issue, times } => {
                            assert!(value + 1e-9 < table.bars[0], "{name} {o:?}");
                            if let Some(first) = signal.asks.first() {
                                assert_eq!(issue, first.issue, "{name} {o:?}");
                            }
                            let words = counter_words(lang, style, &def, &signal, issue, times);
                            assert_eq!(
                                says_must(&words),
                                signal.asks.iter().any(|a| a.must),
                                "{name} {}: {words}",
                                def.id
                            );
                        }
                        BuyerReply::WalkAway => assert!(def.rounds <= 1),
                    }
                    for round in 1..def.rounds {
                        let bar = table.bar_from(round);
                        let signal = table.signal(&def, round, o);
                        let winnable = offers
                            .iter()
                            .any(|x| Game::buyer_value(&def, x) + 1e-9 >= bar);
                        assert_eq!(signal.winnable, winnable);
                        for ask in &signal.asks {
                            let kept_and_won = offers.iter().any(|x| {
                                x[ask.issue] == o[ask.issue]
                                    && Game::buyer_value(&def, x) + 1e-9 >= bar
                            });
                            assert_eq!(
                                ask.must,
                                winnable && !kept_and_won,
                                "{name} {}: issue {} for {o:?} in round {round}",
                                def.id,
                                ask.issue
                            );
                            checked += 1;
                        }
                        // Every issue left out of the asks is already at the buyer's best.
                        for (i, issue) in def.issues.iter().enumerate() {
                            if signal.asks.iter().all(|a| a.issue != i) {
                                let best = issue
                                    .options
                                    .iter()
                                    .map(|x| x.buyer_value)
                                    .fold(0.0, f64::max);
                                assert!(issue.options[o[i]].buyer_value >= best - 1e-9);
                            }
                        }
                    }
                }
            });
        }
    }
    assert!(checked > 1000, "only {checked} asks checked");
}

/// The playtest's renewal: on Huaxing, full price with a one-year contract and 90 days is
/// accepted in the last round, so on the way there, whatever the trainee offered at full price,
/// the buyer never says that price has to change.
#[test]
fn the_renewal_buyer_never_calls_price_a_must_when_full_price_wins() {
    for (name, keep, days, sixty, year) in [
        (
            "classroom_en",
            "Keep the price",
            "90 days",
            "60 days",
            "One year",
        ),
        ("classroom_zh", "维持原价", "90 天", "60 天", "一年"),
    ] {
        let prepared = scenario(name);
        let mut at_renewal = None;
        at_each_negotiation(&prepared, "expert", 7, |game| {
            let (n, _, _) = open(game);
            if game.scenario().negotiations[n].id == "huaxing_renewal" {
                at_renewal = Some(game.clone());
            }
        });
        let mut game = at_renewal.expect("the renewal opens");
        let (n, def, style) = open(&game);
        let lang = game.scenario().language;
        let table = OfferTable::new(&game, n).unwrap();
        let (price, keep) = option(&def, Topic::Price, keep);
        let (terms, days) = option(&def, Topic::PaymentTerms, days);
        let (_, sixty) = option(&def, Topic::PaymentTerms, sixty);
        let (length, year) = option(&def, Topic::ContractLength, year);
        // No offer at full price hears that price must change, in any round before the last.
        for o in negotiation_offers(&def).iter().filter(|o| o[price] == keep) {
            for round in 1..def.rounds {
                assert!(
                    table.signal(&def, round, o).musts().all(|i| i != price),
                    "{name}: price called a must for {o:?} in round {round}"
                );
            }
        }
        // The walk: the stingiest offer, then 60 days (the playtest's round 1), and the words
        // the buyer says; then full price, 90 days and one year, accepted.
        let stingy: Vec<usize> = def.issues.iter().map(worst).collect();
        let mut with_sixty = stingy.clone();
        with_sixty[terms] = sixty;
        for (round, o) in [(1, &stingy), (2, &with_sixty)] {
            let signal = table.signal(&def, round, o);
            let reply = offer(&mut game, o);
            let BuyerReply::Counter { issue, times } = reply else {
                panic!("{name}: round {round} answered {reply:?}")
            };
            let words = counter_words(lang, style, &def, &signal, issue, times);
            let price_word = kam_sim::words::topic(lang, Topic::Price);
            assert!(
                !(says_must(&words) && signal.musts().any(|i| i == price)),
                "{name}: {words}"
            );
            assert!(
                words.contains(&price_word.to_lowercase()) || words.contains(price_word),
                "{name}: the buyer names price among their priorities: {words}"
            );
        }
        let mut full_price = stingy.clone();
        full_price[price] = keep;
        full_price[terms] = days;
        full_price[length] = year;
        let review = table.review(&def, Some(&full_price));
        assert_eq!(offer(&mut game, &full_price), BuyerReply::Accept, "{name}");
        // The review of that deal: list price could win, nothing was given away.
        assert!(review.list_price.as_ref().unwrap().can_win(), "{name}");
        assert!(review.given_away().unwrap() < 1e-9, "{name}");
        // The playtest's deal instead (3 % off, 90 days, in the last round): it gave profit
        // away against the cheapest win, and the review says the price need not have been cut.
        let three = option(&def, Topic::Price, &def.issues[price].options[1].label).1;
        let mut cut = full_price.clone();
        cut[price] = three;
        let review = table.review(&def, Some(&cut));
        assert!(review.given_away().unwrap() > 1.0, "{name}");
        let text = review.words(&def, game.scenario(), lang).join("\n");
        assert!(
            text.contains(lang.pick("价格本不必让", "The price need not have been cut")),
            "{name}: {text}"
        );
    }
}

/// The playtest's tender: no offer at list price reaches the competitor's 62 (the best is 60),
/// so the review names the cheapest winning offer, which cuts the price, says plainly that the
/// competitor cannot be beaten without a price cut, and prices what a deal gave away against
/// it; the author's feedback agrees.
#[test]
fn the_tender_review_names_the_cheapest_win_and_says_list_price_cannot_win() {
    for name in ["classroom_en", "classroom_zh"] {
        let prepared = scenario(name);
        let mut seen = false;
        at_each_negotiation(&prepared, "expert", 7, |game| {
            let (n, def, _) = open(game);
            if def.id != "haichuan_tender" {
                return;
            }
            seen = true;
            let lang = game.scenario().language;
            let table = OfferTable::new(game, n).unwrap();
            let no_deal = table.review(&def, None);
            let list = no_deal.list_price.clone().unwrap();
            assert!(!list.can_win(), "{name}");
            assert!((list.best_value - 60.0).abs() < 1e-9, "{name}");
            assert!((no_deal.competitor_offer - 62.0).abs() < 1e-9);
            let win = no_deal
                .cheapest_win
                .clone()
                .expect("a winning offer exists");
            assert_ne!(
                win.offer[list.issue], list.option,
                "{name}: the win cuts price"
            );
            // It is the acceptable offer that keeps us most.
            for p in table
                .offers
                .iter()
                .filter(|p| p.buyer_value + 1e-9 >= no_deal.bar)
            {
                assert!(p.profit_rate <= win.profit_rate + 1e-12, "{name}");
            }
            let lines = no_deal.words(&def, game.scenario(), lang);
            let text = lines.join("\n");
            let labels = kam_sim::offer_labels(&def, &win.offer, lang);
            assert!(text.contains(&labels), "{name}: {text}");
            assert!(
                text.contains(
                    lang.pick("不降价就赢不了对手", "cannot be beaten without a price cut")
                ),
                "{name}: {text}"
            );
            // Conceding everything wins and gives profit away against the cheapest win.
            let everything: Vec<usize> = def
                .issues
                .iter()
                .map(|issue| {
                    (0..issue.options.len())
                        .max_by(|&a, &b| {
                            issue.options[a]
                                .buyer_value
                                .total_cmp(&issue.options[b].buyer_value)
                        })
                        .unwrap()
                })
                .collect();
            let conceded = table.review(&def, Some(&everything));
            let given = conceded.given_away().unwrap();
            assert!(given > 0.1, "{name}: {given}");
            let text = conceded.words(&def, game.scenario(), lang).join("\n");
            assert!(text.contains(&format!("{given:.1}")), "{name}: {text}");
            // The author's lesson no longer says terms and service beat cutting price.
            assert!(
                !def.feedback
                    .contains(lang.pick("比一味降价更划算", "beats cutting price")),
                "{name}: {}",
                def.feedback
            );
            assert_eq!(
                value_formula(&def, &[0, 2, 2, 1]),
                "(4×20 + 2×80 + 3×90 + 1×90) / 10 = 60"
            );
        });
        assert!(seen, "{name}: the tender opens");
    }
}

/// The words come in both languages, in the scenario's language for the author's labels.
#[test]
fn the_review_speaks_both_languages() {
    let prepared = scenario("classroom_en");
    at_each_negotiation(&prepared, "expert", 7, |game| {
        let (n, def, _) = open(game);
        let table = OfferTable::new(game, n).unwrap();
        let review = table.review(&def, None);
        for lang in [Language::Zh, Language::En] {
            let lines = review.words(&def, game.scenario(), lang);
            assert!(lines.len() >= 2, "{lines:?}");
            let cjk = lines.iter().any(|l| l.contains('的'));
            assert_eq!(cjk, lang == Language::Zh, "{lines:?}");
        }
    });
}

//! The negotiation screen's words against the numbers (issue 18, item 4): the renewal buyer
//! never says price has to change on the way to a full-price deal, the tender's summary names
//! the cheapest winning offer and says list price cannot win, and the screen explains the
//! buyer's value and the bar it must pass.

use bevy_egui::egui;
use egui_kittest::kittest::Queryable;
use kam_game::i18n::Lang;
use kam_game::session::{Action, ScenarioSource};
use kam_game::{Screen, Session};
use kam_sim::scenario::{Negotiation, Stakeholder, Style, Topic, TurnUnit};
use kam_sim::{BuyerReply, Pending};
use kam_sim::{BuyerSignal, DealVerdict, OfferTable, ReviewLine, counter_words, says_must};

use crate::support::harness;

/// A session at the negotiation with `id` in `scenario`, played by the expert up to it (any
/// negotiation before it left by walking away).
fn at(scenario: &str, lang: Lang, id: &str) -> Session {
    let mut s = Session::new(None);
    assert!(s.start(ScenarioSource::Bundled(scenario.into()), "", "Tester"));
    s.lang = lang;
    s.screen = Screen::Turn;
    loop {
        s.autoplay_until(kam_sim::StrategyId::Expert, Screen::Negotiation)
            .unwrap();
        assert_eq!(s.screen, Screen::Negotiation, "{id} opens");
        let def =
            &s.game().unwrap().scenario().negotiations[s.play.as_ref().unwrap().nego.negotiation];
        if def.id == id {
            return s;
        }
        s.apply(Action::WalkAway);
        s.apply(Action::Continue);
    }
}

fn def(s: &Session) -> Negotiation {
    s.game().unwrap().scenario().negotiations[s.play.as_ref().unwrap().nego.negotiation].clone()
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

fn offer(s: &mut Session, options: &[(usize, usize)]) {
    for &(issue, option) in options {
        s.apply(Action::SetOffer { issue, option });
    }
    s.apply(Action::MakeOffer);
}

/// The person across the table.
fn buyer(s: &Session) -> Stakeholder {
    let game = s.game().unwrap();
    let def = def(s);
    let account = game
        .negotiation_account(s.play.as_ref().unwrap().nego.negotiation)
        .unwrap();
    def.buyer
        .as_ref()
        .and_then(|id| {
            game.accounts()[account]
                .people
                .iter()
                .find(|p| &p.person.id == id)
        })
        .map(|p| (*p.person).clone())
        .expect("the negotiation names its buyer")
}

/// The style of the person across the table.
fn buyer_style(s: &Session) -> Style {
    buyer(s).style
}

/// The playtest's renewal, in both languages: 60 days, then 90 days, then full price with a
/// one-year contract, which is accepted. On the way the buyer names price among their
/// priorities but never says it (or anything) has to change; the summary shows the buyer's
/// value as its sum, the bar of the round, and the review before the course's lesson.
#[test]
fn the_renewal_buyer_never_says_price_must_change_on_the_way_to_a_full_price_deal() {
    for (scenario, lang, labels, must, cheapest, lesson) in [
        (
            "classroom_en",
            Lang::En,
            ["Keep the price", "60 days", "90 days", "One year"],
            "has to change",
            "The cheapest winning offer",
            "The course's lesson",
        ),
        (
            "classroom_zh",
            Lang::Zh,
            ["维持原价", "60 天", "90 天", "一年"],
            "必须改",
            "最省的成交方案",
            "课程要点",
        ),
    ] {
        let mut s = at(scenario, lang, "huaxing_renewal");
        let def = def(&s);
        let keep = option(&def, Topic::Price, labels[0]);
        let sixty = option(&def, Topic::PaymentTerms, labels[1]);
        let ninety = option(&def, Topic::PaymentTerms, labels[2]);
        let year = option(&def, Topic::ContractLength, labels[3]);
        offer(&mut s, &[keep, sixty]);
        offer(&mut s, &[keep, ninety]);
        assert!(
            s.play.as_ref().unwrap().nego.summary.is_none(),
            "{scenario}: two counters"
        );
        // The buyer's two answers, as the numbers make them.
        let style = buyer_style(&s);
        let table = s
            .play
            .as_ref()
            .unwrap()
            .nego
            .table
            .clone()
            .expect("taken when the table opened");
        let price = kam_game::i18n::topic(lang, Topic::Price);
        let price_in_text = match lang {
            Lang::Zh => format!("「{price}」"),
            Lang::En => price.to_lowercase(),
        };
        let answers: Vec<(String, u32)> = s
            .play
            .as_ref()
            .unwrap()
            .nego
            .history
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let BuyerReply::Counter { issue, times } = x.reply else {
                    panic!("{scenario}: round {} answered {:?}", i + 1, x.reply)
                };
                let signal = table.signal(&def, i as u32 + 1, &x.offer);
                (
                    counter_words(lang, style, &def, &signal, issue, times),
                    times,
                )
            })
            .collect();
        let mut h = harness(s);
        h.run();
        let need = buyer(h.state()).need;
        for (words, times) in &answers {
            // The counter is followed by what the buyer needs, in the voice of their real
            // need; a repeat in other words.
            let said = format!(
                "{words}{}{}",
                lang.pick("", " "),
                kam_sim::need_at_the_table(need, *times).pick(lang)
            );
            assert!(h.query_by_label(&said).is_some(), "{scenario}: {said}");
            assert!(!says_must(words), "{scenario}: {words}");
            assert!(
                words.contains(&price_in_text),
                "{scenario}: price is among the priorities: {words}"
            );
        }
        // Nothing on screen says a must, but the explanation of what one means.
        assert_eq!(
            h.query_all_by_label_contains(must).count(),
            h.query_all_by_label(kam_game::i18n::K::BarExplain.t(lang))
                .count(),
            "{scenario}: nothing is called a must"
        );
        assert_eq!(
            h.query_all_by_label(kam_game::i18n::K::BarExplain.t(lang))
                .count(),
            1
        );
        // The screen explains the score and the bar while the offer is built.
        assert!(
            h.query_by_label_contains(kam_game::i18n::K::HowTheBuyerDecides.t(lang))
                .is_some()
        );
        // Full price, 90 days, one year: accepted.
        offer(h.state_mut(), &[keep, ninety, year]);
        let sum = h
            .state()
            .play
            .as_ref()
            .unwrap()
            .nego
            .summary
            .clone()
            .expect("the third offer closes it");
        assert!(
            sum.deal.is_some(),
            "{scenario}: full price and one year win"
        );
        h.run();
        assert!(h.query_by_label_contains(cheapest).is_some(), "{scenario}");
        assert!(
            h.query_by_label_contains(lang.pick("没有多让", "nothing given away"))
                .is_some(),
            "{scenario}: this deal is the cheapest win"
        );
        assert!(h.query_by_label_contains(" / 10 = ").is_some(), "the sum");
        assert!(
            h.query_by_label_contains(&kam_game::i18n::tf(
                lang,
                kam_game::i18n::K::NeededInRound,
                3
            ))
            .is_some(),
            "{scenario}: the bar of the closing round"
        );
        let numbers = h.get_by_label_contains(cheapest).rect().min.y;
        let course = h.get_by_label(lesson).rect().min.y;
        assert!(numbers < course, "the numbers come before the lesson");
    }
}

/// The tender: the stingiest offer hears, truthfully, that price has to change (no offer at list
/// price reaches the competitor's 62); three stingy rounds lose it, and the summary names the
/// cheapest winning offer and says the competitor cannot be beaten without a price cut.
#[test]
fn the_tender_summary_names_the_cheapest_win_and_says_list_price_cannot_win() {
    let mut s = at("classroom_en", Lang::En, "haichuan_tender");
    let def = def(&s);
    let list = option(&def, Topic::Price, "List price");
    offer(&mut s, &[list]);
    let mut h = harness(s);
    h.run();
    assert!(
        h.query_by_label_contains("unless price moves").is_some(),
        "the analytical buyer says price has to move, in her voice"
    );
    offer(h.state_mut(), &[list]);
    offer(h.state_mut(), &[list]);
    let sum = h
        .state()
        .play
        .as_ref()
        .unwrap()
        .nego
        .summary
        .clone()
        .expect("three rounds close it");
    assert!(sum.deal.is_none());
    h.run();
    assert!(
        h.query_by_label_contains(
            "The cheapest winning offer: 5 % off · 45 % of the volume · 90 days · Standard service"
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("cannot be beaten without a price cut")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("No deal: profit stays at")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("beats cutting price").is_none(),
        "the lesson agrees with the numbers"
    );
}

/// The hand playtest's game (the classroom played evenly, seed 0): the renewal's bar is so high
/// that even the cheapest winning offer keeps only 78 % of the profit rate, and it cuts the
/// price. Playing exactly that offer, the summary does not blame the trainee for the best play
/// there was, and does not say the price need not have been cut.
#[test]
fn the_cheapest_winning_offer_is_not_blamed_on_the_summary() {
    let mut s = Session::new(None);
    assert!(s.start(
        ScenarioSource::Bundled("classroom_en".into()),
        "0",
        "Tester"
    ));
    s.lang = Lang::En;
    s.screen = Screen::Turn;
    loop {
        s.autoplay_until(kam_sim::StrategyId::Even, Screen::Negotiation)
            .unwrap();
        if def(&s).id == "huaxing_renewal" {
            break;
        }
        s.apply(Action::WalkAway);
        s.apply(Action::Continue);
    }
    let def = def(&s);
    let nego = &s.play.as_ref().unwrap().nego;
    let win = nego
        .table
        .as_ref()
        .unwrap()
        .review(&def, None)
        .cheapest_win
        .unwrap();
    let options: Vec<(usize, usize)> = win.offer.iter().copied().enumerate().collect();
    while s.play.as_ref().unwrap().nego.summary.is_none() {
        offer(&mut s, &options);
    }
    let sum = s.play.as_ref().unwrap().nego.summary.clone().unwrap();
    assert_eq!(
        sum.deal.as_ref(),
        Some(&win.offer),
        "the buyer takes it by the last round"
    );
    assert!(
        sum.profit_rate_after < 0.9 * sum.profit_rate_before,
        "under the win-win bar"
    );
    let mut h = harness(s);
    h.run();
    for said in [
        "best this table allowed",
        "Your deal keeps as much: nothing given away.",
        "Cutting the price was right",
    ] {
        assert!(h.query_by_label_contains(said).is_some(), "{said}");
    }
    for unsaid in ["not win-win", "need not have been cut"] {
        assert!(h.query_by_label_contains(unsaid).is_none(), "{unsaid}");
    }
}

/// Walking away is ours: the screen says so, not the buyer's words for turning us down (a
/// playtest read "the competitor's numbers are better" after walking away itself).
#[test]
fn walking_away_is_said_as_ours() {
    let mut s = at("classroom_en", Lang::En, "haichuan_tender");
    let def = def(&s);
    let list = option(&def, Topic::Price, "List price");
    offer(&mut s, &[list]);
    s.apply(Action::WalkAway);
    let mut h = harness(s);
    h.run();
    assert!(
        h.query_by_label_contains("You walked away from the table")
            .is_some()
    );
    assert!(h.query_by_label_contains("going with them").is_none());
}

/// Every character the buyer's words, the review and the verdict use is in the game's fonts
/// (the words live in kam-sim, outside the source the glyph test reads).
#[test]
fn the_negotiation_words_have_their_glyphs() {
    let mut fonts = egui::epaint::text::Fonts::new(
        egui::epaint::text::TextOptions::default(),
        kam_game::ui::font_definitions(),
    );
    let font = egui::FontId::proportional(14.0);
    let mut words = Vec::new();
    for (scenario, lang) in [("classroom_zh", Lang::Zh), ("classroom_en", Lang::En)] {
        let s = at(scenario, lang, "huaxing_renewal");
        let game = s.game().unwrap();
        let def = def(&s);
        let Some(Pending::Negotiation(state)) = game.pending() else {
            panic!()
        };
        let table = OfferTable::new(game, state.negotiation).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            for deal in [None, Some(vec![2, 2, 1, 1]), Some(vec![0, 2, 1, 0])] {
                words.extend(table.review(&def, deal.as_deref()).words(
                    &def,
                    game.scenario(),
                    lang,
                ));
            }
            // Every verdict and the review's lines no deal above says.
            for verdict in every_verdict() {
                for unit in [TurnUnit::Month, TurnUnit::Quarter] {
                    words.push(verdict.words(unit, lang));
                    words.push(verdict.evidence(&def.title, unit, lang));
                }
            }
            for line in [
                ReviewLine::PriceCutWasRight {
                    issue: 0,
                    option: 0,
                    best_rate: 1.0,
                },
                ReviewLine::RenewalLostCostNothing {
                    profit_now: 1.0,
                    win_rate: 0.0,
                },
            ] {
                words.push(line.words(&def, game.scenario(), lang));
            }
            for style in [Style::A, Style::B, Style::C, Style::D] {
                for o in [vec![0, 0, 0, 0], vec![0, 2, 1, 0], vec![2, 2, 1, 1]] {
                    let signal: BuyerSignal = table.signal(&def, 1, &o);
                    let mut must = signal.clone();
                    if let Some(a) = must.asks.first_mut() {
                        a.must = true;
                    }
                    for sig in [&signal, &must] {
                        for times in [1, 2] {
                            words.push(counter_words(lang, style, &def, sig, 0, times));
                        }
                    }
                }
            }
        }
    }
    let mut missing: Vec<char> = words
        .concat()
        .chars()
        .filter(|c| !c.is_control() && !fonts.has_glyph(&font, *c))
        .collect();
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "glyphs the fonts lack: {missing:?}");
}

/// One verdict of each kind, contracts lapsed and not.
fn every_verdict() -> Vec<DealVerdict> {
    let (before, after) = (20.0, 15.0);
    let mut all = vec![
        DealVerdict::WinWin { before, after },
        DealVerdict::WinWin {
            before,
            after: 30.0,
        },
        DealVerdict::BestAllowed { before, after },
        DealVerdict::GaveTooMuch { before, after },
        DealVerdict::NoDealLapsed { before, after },
        DealVerdict::NoDealUnanswered,
    ];
    for lapsed in [true, false] {
        all.push(DealVerdict::NoDealUnwinnable {
            before,
            after,
            lapsed,
            best_value: 55.0,
            bar: 60.0,
        });
        all.push(DealVerdict::NoDealCostNothing {
            before,
            after,
            lapsed,
            best_rate: 5.0,
        });
    }
    all
}

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

use crate::engine::Game;
use crate::ids::NegotiationId;
use crate::scenario::{Language, Negotiation, NegotiationKind, Scenario, Style, Topic, TurnUnit};

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
    /// Whether some offer at that price reaches what the buyer needs by the last round.
    pub can_win: bool,
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

    /// The review in words, one line each: the cheapest winning offer, what the outcome gave
    /// away against it, and whether list price could win.
    pub fn lines(&self, def: &Negotiation, scenario: &Scenario, lang: Language) -> Vec<String> {
        let money = |x: f64| per_turn(scenario, lang, x);
        let mut lines = Vec::new();
        match &self.cheapest_win {
            Some(win) => lines.push(lang.pick(
                format!(
                    "最省的成交方案：{}（买方价值 {:.0}，买方最后一轮至少要 {:.0}），为我们保住{}。",
                    offer_labels(def, &win.offer, lang),
                    win.buyer_value,
                    self.bar,
                    money(win.profit_rate)
                ),
                format!(
                    "The cheapest winning offer: {} (buyer's value {:.0}; the buyer needed {:.0} by the last round). It keeps us {}.",
                    offer_labels(def, &win.offer, lang),
                    win.buyer_value,
                    self.bar,
                    money(win.profit_rate)
                ),
            )),
            None => lines.push(lang.pick(
                format!(
                    "这场谈判没有能赢的方案：对买方最好的方案也只值 {:.0}，而买方最后一轮至少要 {:.0}。",
                    self.best_value, self.bar
                ),
                format!(
                    "No offer could win this one: the best for the buyer is worth {:.0}, and the buyer needed {:.0} by the last round.",
                    self.best_value, self.bar
                ),
            )),
        }
        if let Some(win) = &self.cheapest_win {
            let given = self.given_away().unwrap_or(0.0);
            let rate = self.outcome_rate();
            lines.push(match &self.deal {
                Some(_) if given < 0.05 => lang.pick(
                    "你的协议保住的利润和它一样多：没有多让。".to_owned(),
                    "Your deal keeps as much: nothing given away.".to_owned(),
                ),
                Some(_) => lang.pick(
                    format!(
                        "你的协议保住{}，{}：这就是多让出去的。",
                        money(rate),
                        less_zh(scenario, "比它", given)
                    ),
                    format!(
                        "Your deal keeps {}: {:.1} less, given away against it.",
                        money(rate),
                        given
                    ),
                ),
                None if self.kind == NegotiationKind::Renewal => lang.pick(
                    format!(
                        "没有成交，续约没谈成就失去了这个客户：利润从{}变成 0，而这个方案能保住{}。",
                        money(self.profit_now),
                        money(win.profit_rate)
                    ),
                    format!(
                        "No deal, and a renewal without one loses the account: profit goes from {} to 0, where that offer kept {}.",
                        money(self.profit_now),
                        money(win.profit_rate)
                    ),
                ),
                None if given >= 0.05 => lang.pick(
                    format!(
                        "没有成交：利润保持在{}，{}。",
                        money(rate),
                        less_zh(scenario, "比这个方案", given)
                    ),
                    format!(
                        "No deal: profit stays at {}, {given:.1} less than that offer kept.",
                        money(rate)
                    ),
                ),
                None => lang.pick(
                    format!(
                        "没有成交：利润保持在{}，并不比这个方案少；不中标在数字上并不吃亏。",
                        money(rate)
                    ),
                    format!(
                        "No deal: profit stays at {}, no less than that offer's: by the numbers, losing this one cost nothing.",
                        money(rate)
                    ),
                ),
            });
        }
        if let Some(list) = &self.list_price {
            let label = def.issues[list.issue].options[list.option].label.as_str();
            if !list.can_win && list.best_value + EPS < self.competitor_offer {
                lines.push(lang.pick(
                    format!(
                        "「{label}」赢不了：竞争对手的报价在买方眼里值 {:.0}，而「{label}」下最好的方案只值 {:.0}。不降价就赢不了对手。",
                        self.competitor_offer, list.best_value
                    ),
                    format!(
                        "“{label}” cannot win: the competitor's offer is worth {:.0} to the buyer, and the best offer at “{label}” only {:.0}. The competitor cannot be beaten without a price cut.",
                        self.competitor_offer, list.best_value
                    ),
                ));
            } else if !list.can_win {
                lines.push(lang.pick(
                    format!(
                        "「{label}」成交不了：「{label}」下最好的方案只值 {:.0}，达不到买方最后一轮要的 {:.0}。要成交就得降价。",
                        list.best_value, self.bar
                    ),
                    format!(
                        "No offer at “{label}” can close: the best is worth {:.0}, short of the {:.0} the buyer needed by the last round. Closing takes a price cut.",
                        list.best_value, self.bar
                    ),
                ));
            } else if self
                .deal
                .as_ref()
                .is_some_and(|d| d.offer.get(list.issue) != Some(&list.option))
            {
                lines.push(lang.pick(
                    format!(
                        "价格本不必让：「{label}」下也有能成交的方案（买方价值最高 {:.0}）。",
                        list.best_value
                    ),
                    format!(
                        "The price need not have been cut: offers at “{label}” could win too (buyer's value up to {:.0}).",
                        list.best_value
                    ),
                ));
            }
        }
        lines
    }
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
                    can_win: at_list.clone().any(|p| acceptable(&p)),
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
    format!(
        "({}) / {} = {:.0}",
        terms.join(" + "),
        number(total),
        Game::buyer_value(def, offer)
    )
}

/// A weight or value as written: whole numbers without decimals.
fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// An amount of profit per turn in the scenario's money and turn.
fn per_turn(scenario: &Scenario, lang: Language, x: f64) -> String {
    let x = if x.abs() < 0.05 { 0.0 } else { x };
    let unit = scenario.money_unit.as_deref();
    match (lang, scenario.turn_unit, unit) {
        (Language::Zh, TurnUnit::Month, Some(u)) => format!("每月 {x:.1} {u}"),
        (Language::Zh, TurnUnit::Month, None) => format!("每月 {x:.1}"),
        (Language::Zh, TurnUnit::Quarter, Some(u)) => format!("每季度 {x:.1} {u}"),
        (Language::Zh, TurnUnit::Quarter, None) => format!("每季度 {x:.1}"),
        (Language::En, TurnUnit::Month, Some(u)) => format!("{x:.1} a month ({u})"),
        (Language::En, TurnUnit::Month, None) => format!("{x:.1} a month"),
        (Language::En, TurnUnit::Quarter, Some(u)) => format!("{x:.1} a quarter ({u})"),
        (Language::En, TurnUnit::Quarter, None) => format!("{x:.1} a quarter"),
    }
}

/// "每月比它少 4.1 万元": a shortfall per turn in Chinese, against `than`.
fn less_zh(scenario: &Scenario, than: &str, x: f64) -> String {
    let per = match scenario.turn_unit {
        TurnUnit::Month => "每月",
        TurnUnit::Quarter => "每季度",
    };
    match scenario.money_unit.as_deref() {
        Some(u) => format!("{per}{than}少 {x:.1} {u}"),
        None => format!("{per}{than}少 {x:.1}"),
    }
}

/// The options of an offer by their labels, "5 % off · 45 % of the volume · …".
pub fn offer_labels(def: &Negotiation, offer: &[usize], lang: Language) -> String {
    let parts: Vec<&str> = def
        .issues
        .iter()
        .zip(offer)
        .filter_map(|(issue, &o)| issue.options.get(o).map(|x| x.label.as_str()))
        .collect();
    parts.join(lang.pick("、", " · "))
}

/// An issue's name, capitalised as a label ("Payment terms", "账期").
pub fn topic_name(lang: Language, topic: Topic) -> &'static str {
    match topic {
        Topic::Price => lang.pick("价格", "Price"),
        Topic::Volume => lang.pick("采购量", "Volume"),
        Topic::PaymentTerms => lang.pick("账期", "Payment terms"),
        Topic::ContractLength => lang.pick("合同期", "Contract length"),
        Topic::ServiceLevel => lang.pick("服务水平", "Service level"),
    }
}

/// An issue's name inside a sentence: quoted in Chinese, lower case in English.
fn topic_in_text(lang: Language, topic: Topic) -> String {
    match lang {
        Language::Zh => format!("「{}」", topic_name(lang, topic)),
        Language::En => topic_name(lang, topic).to_lowercase(),
    }
}

/// Issues named in order: "「账期」、「价格」" / "payment terms, then price".
fn in_order(lang: Language, def: &Negotiation, issues: &[usize]) -> String {
    let names: Vec<String> = issues
        .iter()
        .filter_map(|&i| def.issues.get(i))
        .map(|x| topic_in_text(lang, x.topic))
        .collect();
    names.join(lang.pick("、", ", then "))
}

/// Issues named together: "「账期」和「价格」" / "payment terms and price".
fn together(lang: Language, def: &Negotiation, issues: &[usize]) -> String {
    let names: Vec<String> = issues
        .iter()
        .filter_map(|&i| def.issues.get(i))
        .map(|x| topic_in_text(lang, x.topic))
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!(
            "{}{}{last}",
            rest.join(lang.pick("、", ", ")),
            lang.pick("和", " and ")
        ),
    }
}

fn ordinal(n: u32) -> String {
    match n {
        1 => "1st".into(),
        2 => "2nd".into(),
        3 => "3rd".into(),
        n => format!("{n}th"),
    }
}

/// The buyer's answer to an offer that falls short, in the voice of their style: the issues
/// that have to change said so only when they do ([`BuyerSignal`]), then the buyer's other
/// priorities in order; `times` is how often the buyer has now pressed on their first
/// priority, so a repeat is heard as one.
pub fn counter_words(
    lang: Language,
    style: Style,
    def: &Negotiation,
    signal: &BuyerSignal,
    pressed: usize,
    times: u32,
) -> String {
    let topic = def
        .issues
        .get(pressed)
        .map_or_else(String::new, |x| topic_in_text(lang, x.topic));
    // A repeat is heard only where there is something left to ask for.
    let again = if times > 1 && !signal.asks.is_empty() {
        match (style, lang) {
            (Style::A, Language::Zh) => format!("第 {times} 次提{topic}了。"),
            (Style::A, Language::En) => {
                format!("That's the {} time I've raised {topic}. ", ordinal(times))
            }
            (Style::B, Language::Zh) => format!("我再说一遍（第 {times} 次）："),
            (Style::B, Language::En) => {
                format!("I'll repeat it, for the {} time: ", ordinal(times))
            }
            (Style::C, Language::Zh) => format!("我又回到{topic}了（第 {times} 次）……"),
            (Style::C, Language::En) => format!(
                "I keep coming back to {topic} (that's the {} time)... ",
                ordinal(times)
            ),
            (Style::D, Language::Zh) => format!("还是{topic}（第 {times} 次）！"),
            (Style::D, Language::En) => format!("{topic} again (the {} time)! ", ordinal(times)),
        }
    } else {
        String::new()
    };
    let musts: Vec<usize> = signal.musts().collect();
    let rest: Vec<usize> = signal
        .asks
        .iter()
        .filter(|a| !a.must)
        .map(|a| a.issue)
        .collect();
    let body = if signal.asks.is_empty() {
        lang.pick(
            "你们已经给到头了，可还是不够。".to_owned(),
            "That's everything you can give, and it still isn't enough for us.".to_owned(),
        )
    } else if musts.is_empty() {
        let list = in_order(lang, def, &rest);
        // "in order" only when there is an order to tell.
        let seq = match (lang, rest.len() > 1) {
            (Language::Zh, true) => "依次是：",
            (Language::Zh, false) => "是",
            (Language::En, true) => ", in order: ",
            (Language::En, false) => ": ",
        };
        match (style, lang) {
            (Style::A, Language::Zh) => format!("还不够。按我们的打分，最能加分的{seq}{list}。"),
            (Style::A, Language::En) => {
                format!("Not enough. By our scoring, where you'd gain most{seq}{list}.")
            }
            (Style::B, Language::Zh) => {
                format!("按我们的流程，这份报价还过不了。我们看重的{seq}{list}。")
            }
            (Style::B, Language::En) => format!(
                "By our process this offer doesn't pass yet. Our points to settle{seq}{list}."
            ),
            (Style::C, Language::Zh) => {
                format!("我想帮你，但团队还接受不了。大家在意的{seq}{list}。")
            }
            (Style::C, Language::En) => format!(
                "I want to help you, but my team can't accept this yet. What they care about{seq}{list}."
            ),
            (Style::D, Language::Zh) => format!("格局再大一点。对我们来说，重要的{seq}{list}。"),
            (Style::D, Language::En) => format!("Think bigger. What matters to us{seq}{list}."),
        }
    } else {
        let must = together(lang, def, &musts);
        let plural = musts.len() > 1;
        let head = match (style, lang) {
            (Style::A, Language::Zh) => {
                format!("还不够。数字很清楚：{must}不动，别的条件再好也过不了我们的打分线。")
            }
            (Style::A, Language::En) => format!(
                "Not enough. The numbers are clear: unless {must} {}, nothing else you offer gets past our scoring line.",
                if plural { "move" } else { "moves" }
            ),
            (Style::B, Language::Zh) => format!(
                "{must}不符合我们的采购规定，{}必须改。",
                if plural { "这几条都" } else { "这一条" }
            ),
            (Style::B, Language::En) => format!(
                "Your terms on {must} don't meet our purchasing rules. {} to change.",
                if plural { "Those have" } else { "That has" }
            ),
            (Style::C, Language::Zh) => {
                format!("我想帮你，但{must}不改，我真的没法向团队交代。")
            }
            (Style::C, Language::En) => format!(
                "I want to help you, but unless {must} {} I really can't sell this to my team.",
                if plural { "change" } else { "changes" }
            ),
            (Style::D, Language::Zh) => format!("格局再大一点——{must}不动，我们就谈不到未来。"),
            (Style::D, Language::En) => {
                format!("Think bigger: without a move on {must} there's no future in this.")
            }
        };
        if rest.is_empty() {
            head
        } else {
            let list = in_order(lang, def, &rest);
            match (lang, rest.len() > 1) {
                (Language::Zh, _) => format!("{head}其次再看：{list}。"),
                (Language::En, true) => format!("{head} Then, in order: {list}."),
                (Language::En, false) => format!("{head} Then: {list}."),
            }
        }
    };
    format!("{again}{body}")
}

/// Whether a buyer's words say an issue has to change (the phrases [`counter_words`] uses for
/// a must and no others), for tests that hold the words to the numbers.
pub fn says_must(words: &str) -> bool {
    [
        "必须改",
        "不动，",
        "不改，",
        "has to change",
        "have to change",
        "unless ",
        "without a move on",
    ]
    .iter()
    .any(|p| words.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tender() -> Negotiation {
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

    #[test]
    fn issues_are_named_in_order_and_together_in_each_language() {
        let def = tender();
        assert_eq!(
            in_order(Language::En, &def, &[2, 0]),
            "payment terms, then price"
        );
        assert_eq!(in_order(Language::Zh, &def, &[2, 0]), "「账期」、「价格」");
        assert_eq!(
            together(Language::En, &def, &[0, 1, 2]),
            "price, volume and payment terms"
        );
        assert_eq!(together(Language::Zh, &def, &[0, 2]), "「价格」和「账期」");
    }

    #[test]
    fn a_repeat_is_heard_and_a_must_is_said_only_with_one() {
        let def = tender();
        let ask = |issue, must| Ask {
            issue,
            gain: 1.0,
            must,
        };
        for style in [Style::A, Style::B, Style::C, Style::D] {
            for lang in [Language::Zh, Language::En] {
                let priorities = BuyerSignal {
                    asks: vec![ask(0, false), ask(2, false)],
                    winnable: true,
                };
                let must = BuyerSignal {
                    asks: vec![ask(0, true), ask(2, false)],
                    winnable: true,
                };
                let plain = counter_words(lang, style, &def, &priorities, 0, 1);
                assert!(!says_must(&plain), "{style:?} {lang:?}: {plain}");
                let musty = counter_words(lang, style, &def, &must, 0, 1);
                assert!(says_must(&musty), "{style:?} {lang:?}: {musty}");
                let twice = counter_words(lang, style, &def, &priorities, 0, 2);
                assert!(
                    twice.contains(lang.pick("第 2 次", "2nd time")),
                    "{style:?} {lang:?}: {twice}"
                );
                assert!(!says_must(&twice), "{style:?} {lang:?}: {twice}");
            }
        }
    }
}

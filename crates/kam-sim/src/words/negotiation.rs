//! A negotiation's words: the buyer's answers at the table, the review after it and the
//! verdict on its outcome, in either language. The judging code returns them typed
//! ([`BuyerSignal`], [`ReviewLine`], [`DealVerdict`], in `negotiation_review.rs` and
//! `negotiation_verdict.rs`); each face words them here, where it shows them.

use crate::negotiation_review::{BuyerSignal, Review, ReviewLine};
use crate::negotiation_verdict::{DealVerdict, WIN_WIN_PROFIT_KEPT};
use crate::scenario::{Language, Negotiation, Scenario, Style, Topic, TurnUnit};

impl Review {
    /// The review in words, one line each ([`Review::lines`]).
    pub fn words(&self, def: &Negotiation, scenario: &Scenario, lang: Language) -> Vec<String> {
        self.lines()
            .iter()
            .map(|line| line.words(def, scenario, lang))
            .collect()
    }
}

impl ReviewLine {
    /// The line as a sentence; `def` names the offers and options, `scenario` its money and
    /// turn.
    pub fn words(&self, def: &Negotiation, scenario: &Scenario, lang: Language) -> String {
        let money = |x: f64| per_turn(scenario, lang, x);
        let label = |issue: usize, option: usize| {
            def.issues
                .get(issue)
                .and_then(|i| i.options.get(option))
                .map_or("", |o| o.label.as_str())
        };
        match *self {
            ReviewLine::CheapestWin {
                ref offer,
                buyer_value,
                bar,
                profit_rate,
            } => lang.pick(
                format!(
                    "最省的成交方案：{}（买方价值 {buyer_value:.0}，买方最后一轮至少要 {bar:.0}），为我们保住{}。",
                    offer_labels(def, offer, lang),
                    money(profit_rate)
                ),
                format!(
                    "The cheapest winning offer: {} (buyer's value {buyer_value:.0}; the buyer needed {bar:.0} by the last round). It keeps us {}.",
                    offer_labels(def, offer, lang),
                    money(profit_rate)
                ),
            ),
            ReviewLine::NoWin { best_value, bar } => lang.pick(
                format!(
                    "这场谈判没有能赢的方案：对买方最好的方案也只值 {best_value:.0}，而买方最后一轮至少要 {bar:.0}。"
                ),
                format!(
                    "No offer could win this one: the best for the buyer is worth {best_value:.0}, and the buyer needed {bar:.0} by the last round."
                ),
            ),
            ReviewLine::KeptAsMuch => lang.pick(
                "你的协议保住的利润和它一样多：没有多让。".to_owned(),
                "Your deal keeps as much: nothing given away.".to_owned(),
            ),
            ReviewLine::GaveAway { rate, given } => lang.pick(
                format!(
                    "你的协议保住{}，{}：这就是多让出去的。",
                    money(rate),
                    less_zh(scenario, "比它", given)
                ),
                format!(
                    "Your deal keeps {}: {given:.1} less, given away against it.",
                    money(rate)
                ),
            ),
            ReviewLine::RenewalLost {
                profit_now,
                win_rate,
            } => lang.pick(
                format!(
                    "没有成交，续约没谈成就失去了这个客户：利润从{}变成 0，而这个方案能保住{}。",
                    money(profit_now),
                    money(win_rate)
                ),
                format!(
                    "No deal, and a renewal without one loses the account: profit goes from {} to 0, where that offer kept {}.",
                    money(profit_now),
                    money(win_rate)
                ),
            ),
            ReviewLine::RenewalLostCostNothing {
                profit_now,
                win_rate,
            } => lang.pick(
                format!(
                    "没有成交，续约没谈成就失去了这个客户：利润从{}变成 0，但这个方案也只保住{}：不成交在数字上并不吃亏。",
                    money(profit_now),
                    money(win_rate)
                ),
                format!(
                    "No deal, and a renewal without one loses the account: profit goes from {} to 0, but that offer kept only {}: by the numbers, losing this one cost nothing.",
                    money(profit_now),
                    money(win_rate)
                ),
            ),
            ReviewLine::NoDealGaveAway { rate, given } => lang.pick(
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
            ReviewLine::NoDealCostNothing { rate } => lang.pick(
                format!(
                    "没有成交：利润保持在{}，并不比这个方案少；不中标在数字上并不吃亏。",
                    money(rate)
                ),
                format!(
                    "No deal: profit stays at {}, no less than that offer's: by the numbers, losing this one cost nothing.",
                    money(rate)
                ),
            ),
            ReviewLine::ListPriceCannotBeatCompetitor {
                issue,
                option,
                competitor_offer,
                best_value,
            } => {
                let label = label(issue, option);
                lang.pick(
                    format!(
                        "「{label}」赢不了：竞争对手的报价在买方眼里值 {competitor_offer:.0}，而「{label}」下最好的方案只值 {best_value:.0}。不降价就赢不了对手。"
                    ),
                    format!(
                        "“{label}” cannot win: the competitor's offer is worth {competitor_offer:.0} to the buyer, and the best offer at “{label}” only {best_value:.0}. The competitor cannot be beaten without a price cut."
                    ),
                )
            }
            ReviewLine::ListPriceCannotClose {
                issue,
                option,
                best_value,
                bar,
            } => {
                let label = label(issue, option);
                lang.pick(
                    format!(
                        "「{label}」成交不了：「{label}」下最好的方案只值 {best_value:.0}，达不到买方最后一轮要的 {bar:.0}。要成交就得降价。"
                    ),
                    format!(
                        "No offer at “{label}” can close: the best is worth {best_value:.0}, short of the {bar:.0} the buyer needed by the last round. Closing takes a price cut."
                    ),
                )
            }
            ReviewLine::PriceNeedNotBeCut {
                issue,
                option,
                best_value,
                best_rate,
            } => {
                let label = label(issue, option);
                lang.pick(
                    format!(
                        "价格本不必让：「{label}」下也有能成交的方案（买方价值最高 {best_value:.0}），其中最好的能保住{}，比你的协议多。",
                        money(best_rate)
                    ),
                    format!(
                        "The price need not have been cut: offers at “{label}” could win too (buyer's value up to {best_value:.0}), and the best of them keeps {}, more than your deal.",
                        money(best_rate)
                    ),
                )
            }
            ReviewLine::PriceCutWasRight {
                issue,
                option,
                best_rate,
            } => {
                let label = label(issue, option);
                lang.pick(
                    format!(
                        "降价没有错：「{label}」下也有能成交的方案，但其中最好的只保住{}，不比你的协议多。",
                        money(best_rate)
                    ),
                    format!(
                        "Cutting the price was right: offers at “{label}” could win too, but the best of them keeps {}, no more than your deal.",
                        money(best_rate)
                    ),
                )
            }
        }
    }
}

impl DealVerdict {
    /// The verdict as the negotiation screen says it, one or two sentences.
    pub fn words(&self, unit: TurnUnit, lang: Language) -> String {
        let u = crate::words::turn_unit(lang, unit);
        match *self {
            DealVerdict::WinWin { before, after } => {
                let kept = kept_percent(before, after);
                if kept > 100.5 {
                    let more = kept - 100.0;
                    lang.pick(
                        format!("双赢：达成了协议，每{u}利润比原来还高 {more:.0}%。"),
                        format!("Win-win: a deal that raises the profit rate by {more:.0}%."),
                    )
                } else {
                    lang.pick(
                        format!("双赢：达成了协议，每{u}利润保住了原来的 {kept:.0}%。"),
                        format!("Win-win: a deal that keeps {kept:.0}% of the profit rate."),
                    )
                }
            }
            DealVerdict::BestAllowed { before, after } => {
                let kept = kept_percent(before, after);
                lang.pick(
                    format!(
                        "达成了协议，每{u}利润保住了原来的 {kept:.0}%：低于双赢的标准，但没有哪个能成交的方案保住得更多，这已是这场谈判能拿到的最好结果。"
                    ),
                    format!(
                        "A deal that keeps {kept:.0}% of the profit rate: under the win-win bar, but no winning offer kept more, so it is the best this table allowed."
                    ),
                )
            }
            DealVerdict::GaveTooMuch { before, after } => {
                let kept = kept_percent(before, after);
                lang.pick(
                    format!(
                        "达成了协议，但每{u}利润只剩原来的 {kept:.0}%：让步换来的不够，不是双赢。"
                    ),
                    format!(
                        "A deal, but only {kept:.0}% of the profit rate is left: the concessions bought too little back, so not win-win."
                    ),
                )
            }
            // Walking away from a renewal is not "nothing changes": the contract lapses.
            DealVerdict::NoDealLapsed { before, after } => lang.pick(
                format!(
                    "没有达成协议，这代价很高：每{u}利润 {before:.1} → {after:.1}（合同没有续上）。"
                ),
                format!(
                    "No deal, and it costs: profit per {u} {before:.1} → {after:.1} (the contract was not renewed)."
                ),
            ),
            DealVerdict::NoDealUnanswered => lang
                .pick(
                    "没有达成协议：条件保持原样，客户的要求也没有得到回应。",
                    "No deal: the terms stay as they were, and the buyer's demands went unanswered.",
                )
                .to_owned(),
            DealVerdict::NoDealUnwinnable {
                before,
                after,
                lapsed,
                best_value,
                bar,
            } => {
                let why = lang.pick(
                    format!("（对买方最好的方案只值 {best_value:.0}，买方至少要 {bar:.0}）"),
                    format!(" (the best was worth {best_value:.0} to the buyer, who needed {bar:.0})"),
                );
                match (lapsed, lang) {
                    (true, Language::Zh) => format!(
                        "没有达成协议，但这场谈判没有能赢的方案{why}：每{u}利润 {before:.1} → {after:.1}（合同没有续上），这是任何报价都避免不了的。"
                    ),
                    (true, Language::En) => format!(
                        "No deal, but no offer could win this one{why}: profit per {u} {before:.1} → {after:.1} (the contract was not renewed), a loss no offer could have prevented."
                    ),
                    (false, Language::Zh) => {
                        format!("没有达成协议，但这场谈判没有能赢的方案{why}：条件保持原样。")
                    }
                    (false, Language::En) => format!(
                        "No deal, but no offer could win this one{why}: the terms stay as they were."
                    ),
                }
            }
            DealVerdict::NoDealCostNothing {
                before,
                after,
                lapsed,
                best_rate,
            } => match (lapsed, lang) {
                (true, Language::Zh) => format!(
                    "没有达成协议：每{u}利润 {before:.1} → {after:.1}（合同没有续上），但能成交的方案最多也只保住每{u} {best_rate:.1}：不成交在数字上并不吃亏。"
                ),
                (true, Language::En) => format!(
                    "No deal: profit per {u} {before:.1} → {after:.1} (the contract was not renewed), but no winning offer kept more than {best_rate:.1} a {u}: by the numbers, losing this one cost nothing."
                ),
                (false, Language::Zh) => format!(
                    "没有达成协议：条件保持原样，而能成交的方案最多也只保住每{u} {best_rate:.1}，不比现在多：不成交在数字上并不吃亏。"
                ),
                (false, Language::En) => format!(
                    "No deal: the terms stay as they were, and no winning offer kept more than {best_rate:.1} a {u}: by the numbers, losing this one cost nothing."
                ),
            },
        }
    }

    /// The verdict as the debrief's evidence for the teaching point, after the negotiation's
    /// `title`: the criterion in the words (a deal is not enough, it must keep the profit, or
    /// keep as much as the table allowed). No full stop.
    pub fn evidence(&self, title: &str, unit: TurnUnit, lang: Language) -> String {
        let u = crate::words::turn_unit(lang, unit);
        // The most of the profit rate a win-win deal gives up, in percent (10 % today).
        let given_up = (1.0 - WIN_WIN_PROFIT_KEPT) * 100.0;
        match *self {
            DealVerdict::WinWin { before, after } => lang.pick(
                format!(
                    "{title}：达成协议且利润基本守住（每{u} {before:.1} → {after:.1}，让出不到 {given_up:.0}%）"
                ),
                format!(
                    "{title}: deal agreed and profit kept (per {u} {before:.1} → {after:.1}, less than {given_up:.0} % given up)"
                ),
            ),
            DealVerdict::BestAllowed { before, after } => lang.pick(
                format!(
                    "{title}：达成了协议，每{u}利润 {before:.1} → {after:.1}，让出超过 {given_up:.0}%，但没有哪个能成交的方案保住得更多：已是这场谈判最好的结果"
                ),
                format!(
                    "{title}: a deal, profit per {u} {before:.1} → {after:.1}, more than {given_up:.0} % given up, but no winning offer kept more: the best the table allowed"
                ),
            ),
            DealVerdict::GaveTooMuch { before, after } => lang.pick(
                format!(
                    "{title}：达成了协议，但每{u}利润 {before:.1} → {after:.1}，让出超过 {given_up:.0}%：不是双赢"
                ),
                format!(
                    "{title}: a deal, but profit per {u} {before:.1} → {after:.1}, more than {given_up:.0} % given up: not win-win"
                ),
            ),
            DealVerdict::NoDealLapsed { .. } | DealVerdict::NoDealUnanswered => lang.pick(
                format!("{title}：没有达成协议"),
                format!("{title}: no deal"),
            ),
            DealVerdict::NoDealUnwinnable {
                best_value, bar, ..
            } => lang.pick(
                format!(
                    "{title}：没有达成协议，但没有能赢的方案（对买方最好的方案只值 {best_value:.0}，买方至少要 {bar:.0}）"
                ),
                format!(
                    "{title}: no deal, but no offer could win (the best was worth {best_value:.0} to the buyer, who needed {bar:.0})"
                ),
            ),
            DealVerdict::NoDealCostNothing { best_rate, .. } => lang.pick(
                format!(
                    "{title}：没有达成协议，但能成交的方案最多只保住每{u} {best_rate:.1}，不比没有协议多：不成交并不吃亏"
                ),
                format!(
                    "{title}: no deal, but no winning offer kept more than {best_rate:.1} a {u}, no more than without one: losing cost nothing"
                ),
            ),
        }
    }
}

/// The share of the profit rate kept, in percent (100 when there was none to keep).
fn kept_percent(before: f64, after: f64) -> f64 {
    if before.abs() > 1e-9 {
        100.0 * after / before
    } else {
        100.0
    }
}

/// An amount of profit per turn in the scenario's money and turn.
fn per_turn(scenario: &Scenario, lang: Language, x: f64) -> String {
    let x = if x.abs() < 0.05 { 0.0 } else { x };
    let u = super::turn_unit(lang, scenario.turn_unit);
    match (lang, scenario.money_unit.as_deref()) {
        (Language::Zh, Some(money)) => format!("每{u} {x:.1} {money}"),
        (Language::Zh, None) => format!("每{u} {x:.1}"),
        (Language::En, Some(money)) => format!("{x:.1} a {u} ({money})"),
        (Language::En, None) => format!("{x:.1} a {u}"),
    }
}

/// "每月比它少 4.1 万元": a shortfall per turn in Chinese, against `than`.
fn less_zh(scenario: &Scenario, than: &str, x: f64) -> String {
    let u = super::turn_unit(Language::Zh, scenario.turn_unit);
    match scenario.money_unit.as_deref() {
        Some(money) => format!("每{u}{than}少 {x:.1} {money}"),
        None => format!("每{u}{than}少 {x:.1}"),
    }
}

/// The options of an offer by their labels, "5 % off · 45 % of the volume · …".
pub fn offer_labels(def: &Negotiation, offer: &[usize], lang: Language) -> String {
    super::names::option_labels(def, offer).join(lang.pick("、", " · "))
}

/// An issue's name inside a sentence: quoted in Chinese, lower case in English.
fn topic_in_text(lang: Language, topic: Topic) -> String {
    match lang {
        Language::Zh => format!("「{}」", super::topic(lang, topic)),
        Language::En => super::topic(lang, topic).to_lowercase(),
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
    use crate::negotiation_review::Ask;
    use crate::negotiation_review::tests::tender;

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

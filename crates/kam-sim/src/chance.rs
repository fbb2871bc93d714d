//! What chance decided: each draw that moved the score (a deal won or lost, an account lost),
//! with its odds and what it changed, shown apart from the verdicts so a trainee can tell a
//! good decision with a bad outcome from a bad decision (issue 18, "luck, shown apart").

use crate::engine::Game;
use crate::scenario::Language;

/// Which way a draw went for the trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Luck {
    /// The less likely outcome, in the trainee's favour.
    With,
    /// The less likely outcome, against the trainee.
    Against,
    /// The likelier outcome.
    AsExpected,
    /// A loss to one score and a gain to another: an account lost that was losing money.
    Mixed,
}

/// One draw that moved the score.
#[derive(Debug, Clone, PartialEq)]
pub struct ChanceDraw {
    pub month: u32,
    pub account: usize,
    /// The chance the outcome that happened had (0 to 1); for an account lost, the chance of
    /// losing it by that month, over every month's draw so far.
    pub odds: f64,
    pub luck: Luck,
    /// Profit it brought or cost, in the scenario's money (a deal's margin; for a lost account,
    /// the profit per month it was making).
    pub profit: f64,
    /// The draw in words, with its odds and what it changed.
    pub text: String,
}

fn luck(odds: f64, good: bool) -> Luck {
    match (odds < 0.5, good) {
        (false, _) => Luck::AsExpected,
        (true, true) => Luck::With,
        (true, false) => Luck::Against,
    }
}

/// Every deal the customers decided and every account lost, in the order they happened.
pub fn draws(game: &Game, lang: Language) -> Vec<ChanceDraw> {
    let scenario = game.scenario();
    let unit = scenario.money_unit.as_deref().unwrap_or("");
    // An amount in the scenario's unit: 「300 万元」, "60 × $1k".
    let amount = |value: f64| match (lang, unit) {
        (_, "") => format!("{value:.0}"),
        (Language::Zh, _) => format!("{value:.0} {unit}"),
        (Language::En, _) => format!("{value:.0} × {unit}"),
    };
    let mut out = Vec::new();
    for (a, state) in game.accounts().iter().enumerate() {
        let name = &scenario.accounts[a].name;
        let history = game.history(a);
        for (i, record) in history.iter().enumerate() {
            for close in &record.closes {
                let Some(o) = state.opportunities.get(close.opportunity) else {
                    continue;
                };
                let title = &o.opportunity.name;
                let value = o.opportunity.value;
                let profit = value * record.margin / 100.0;
                let win = 100.0 * close.chance;
                let (odds, text) = if close.won {
                    (
                        close.chance,
                        lang.pick(
                            format!(
                                "{name}：赢下“{title}”（{}，毛利 {profit:.1}），赢单概率 {win:.0}%", amount(value)
                            ),
                            format!(
                                "{name}: \"{title}\" won ({}, {profit:.1} margin) at a {win:.0}% chance", amount(value)
                            ),
                        ),
                    )
                } else {
                    (
                        1.0 - close.chance,
                        lang.pick(
                            format!(
                                "{name}：丢了“{title}”（{}），当时赢单概率 {win:.0}%{}",
                                amount(value),
                                if close.chance >= 0.5 {
                                    "：决策没错，是运气不好"
                                } else {
                                    ""
                                }
                            ),
                            format!(
                                "{name}: \"{title}\" lost ({}) at a {win:.0}% chance of winning{}",
                                amount(value),
                                if close.chance >= 0.5 {
                                    ": a good position and a bad draw"
                                } else {
                                    ""
                                }
                            ),
                        ),
                    )
                };
                out.push(ChanceDraw {
                    month: record.turn,
                    account: a,
                    odds,
                    luck: luck(odds, close.won),
                    profit: if close.won { profit } else { -profit },
                    text,
                });
            }
            let newly_lost = record.churned && (i == 0 || !history[i - 1].churned);
            if newly_lost && record.defection_chance > 0.0 {
                let was_making = i.checked_sub(1).map_or(0.0, |j| history[j].profit.total());
                let weight = 100.0 * game.prepared().weights[a];
                let chance = 100.0 * record.defection_chance;
                // A month's chance undersells a loss the months before made likely: the odds
                // of losing it by then, over every month's draw, judge whether it was luck.
                let by_then = 1.0
                    - history[..=i]
                        .iter()
                        .map(|r| 1.0 - r.defection_chance)
                        .product::<f64>();
                let cumulative = 100.0 * by_then;
                let sat = record.satisfaction;
                // Losing an account that loses money is a loss to retention and a gain to
                // profit: not luck against the trainee.
                let losing_money = was_making < 0.0;
                let text = match (lang, losing_money) {
                    (Language::Zh, false) => format!(
                        "{name} 流失：满意度 {sat:.0}，当月流失概率 {chance:.1}%，到这个月为止累计 {cumulative:.0}%{}；保留得分少了 {weight:.1} 分，每月利润 {was_making:.1} 不再有",
                        if by_then >= 0.5 {
                            "：这是之前的决策让它很可能发生的"
                        } else {
                            ""
                        }
                    ),
                    (Language::En, false) => format!(
                        "{name} defected: satisfaction {sat:.0}, a {chance:.1}% chance that month and {cumulative:.0}% by then{}; retention loses its {weight:.1} points and its {was_making:.1} profit a month",
                        if by_then >= 0.5 {
                            ": the months before made it likely"
                        } else {
                            ""
                        }
                    ),
                    (Language::Zh, true) => format!(
                        "{name} 流失：满意度 {sat:.0}，当月流失概率 {chance:.1}%；保留得分少了 {weight:.1} 分，但它每月亏损 {:.1}，这笔亏损也随之结束",
                        -was_making
                    ),
                    (Language::En, true) => format!(
                        "{name} defected: satisfaction {sat:.0}, a {chance:.1}% chance that month; retention loses its {weight:.1} points, and the {:.1} it lost a month ends with it",
                        -was_making
                    ),
                };
                out.push(ChanceDraw {
                    month: record.turn,
                    account: a,
                    odds: by_then,
                    luck: if losing_money {
                        Luck::Mixed
                    } else {
                        luck(by_then, false)
                    },
                    profit: -was_making,
                    text,
                });
            }
        }
    }
    out.sort_by_key(|d| (d.month, d.account));
    out
}

//! What chance decided, in words ([`ChanceDraw`], drawn up in `crate::chance`): each draw
//! with its odds and what it changed, in the scenario's money.

use super::Lang;
use super::names::account_name;
use crate::chance::{ChanceDraw, Draw};
use crate::engine::Game;

impl ChanceDraw {
    /// The draw in words, with its odds and what it changed. `game` is the game it was drawn
    /// in: an opportunity is named as the game lists it (an event may have brought it).
    pub fn words(&self, game: &Game, lang: Lang) -> String {
        let scenario = game.scenario();
        let name = account_name(scenario, self.account);
        match self.draw {
            Draw::Deal {
                opportunity,
                value,
                margin,
                chance,
                won,
            } => {
                let title = game
                    .accounts()
                    .get(self.account.index())
                    .and_then(|s| s.opportunities.get(opportunity))
                    .map_or("?", |o| o.opportunity.name.as_str());
                let amount = amount(scenario.money_unit.as_deref().unwrap_or(""), value, lang);
                deal(lang, name, title, &amount, margin, chance, won)
            }
            Draw::Defection {
                satisfaction,
                chance,
                by_then,
                points,
                was_making,
            } => defection(
                (lang, super::turn_unit(lang, scenario.turn_unit)),
                name,
                satisfaction,
                (chance, by_then),
                points,
                was_making,
            ),
        }
    }
}

/// An amount in the scenario's unit: 「300 万元」, "60 × $1k".
fn amount(unit: &str, value: f64, lang: Lang) -> String {
    match (lang, unit) {
        (_, "") => format!("{value:.0}"),
        (Lang::Zh, _) => format!("{value:.0} {unit}"),
        (Lang::En, _) => format!("{value:.0} × {unit}"),
    }
}

/// A deal the customer decided, won or lost, at the chance it had.
fn deal(
    lang: Lang,
    name: &str,
    title: &str,
    amount: &str,
    profit: f64,
    chance: f64,
    won: bool,
) -> String {
    let win = 100.0 * chance;
    if won {
        return lang.pick(
            format!("{name}：赢下“{title}”（{amount}，毛利 {profit:.1}），赢单概率 {win:.0}%"),
            format!("{name}: \"{title}\" won ({amount}, {profit:.1} margin) at a {win:.0}% chance"),
        );
    }
    // Lost at even odds or better: the decisions were right and the dice were not.
    let unlucky = chance >= 0.5;
    lang.pick(
        format!(
            "{name}：丢了“{title}”（{amount}），当时赢单概率 {win:.0}%{}",
            if unlucky {
                "：决策没错，是运气不好"
            } else {
                ""
            }
        ),
        format!(
            "{name}: \"{title}\" lost ({amount}) at a {win:.0}% chance of winning{}",
            if unlucky {
                ": a good position and a bad draw"
            } else {
                ""
            }
        ),
    )
}

/// An account lost: its odds that turn (`u`, the scenario's unit) and by then, and what it
/// took from the scores.
fn defection(
    (lang, u): (Lang, &str),
    name: &str,
    sat: f64,
    (chance, by_then): (f64, f64),
    weight: f64,
    was_making: f64,
) -> String {
    let chance = 100.0 * chance;
    let cumulative = 100.0 * by_then;
    // Losing an account that loses money ends a loss too.
    let losing_money = was_making < 0.0;
    match (lang, losing_money) {
        (Lang::Zh, false) => format!(
            "{name} 流失：满意度 {sat:.0}，当{u}流失概率 {chance:.1}%，到这个{u}为止累计 {cumulative:.0}%{}；保留得分少了 {weight:.1} 分，每{u}利润 {was_making:.1} 不再有",
            if by_then >= 0.5 {
                "：这是之前的决策让它很可能发生的"
            } else {
                ""
            }
        ),
        (Lang::En, false) => format!(
            "{name} defected: satisfaction {sat:.0}, a {chance:.1}% chance that {u} and {cumulative:.0}% by then{}; retention loses its {weight:.1} points and its {was_making:.1} profit a {u}",
            if by_then >= 0.5 {
                ": the months before made it likely"
            } else {
                ""
            }
        ),
        (Lang::Zh, true) => format!(
            "{name} 流失：满意度 {sat:.0}，当{u}流失概率 {chance:.1}%；保留得分少了 {weight:.1} 分，但它每{u}亏损 {:.1}，这笔亏损也随之结束",
            -was_making
        ),
        (Lang::En, true) => format!(
            "{name} defected: satisfaction {sat:.0}, a {chance:.1}% chance that {u}; retention loses its {weight:.1} points, and the {:.1} it lost a {u} ends with it",
            -was_making
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::StrategyId;

    /// Each draw reads in both languages with the same numbers and names its account; the
    /// Chinese with full-width punctuation.
    #[test]
    fn every_draw_reads_in_both_languages_with_its_numbers() {
        let prepared = crate::bundled::prepared("classroom_zh").unwrap();
        let digits = |s: &str| -> Vec<char> {
            let mut d: Vec<char> = s.chars().filter(char::is_ascii_digit).collect();
            d.sort();
            d
        };
        let mut deals = 0;
        let mut defections = 0;
        for seed in 0..6 {
            let game = crate::batch::play(&prepared, StrategyId::Random, seed).unwrap();
            for draw in crate::chance::draws(&game) {
                let (zh, en) = (draw.words(&game, Lang::Zh), draw.words(&game, Lang::En));
                let name = &prepared.scenario.accounts[draw.account].name;
                assert!(zh.starts_with(name.as_str()) && en.starts_with(name.as_str()));
                assert_eq!(digits(&zh), digits(&en), "{zh} / {en}");
                assert!(!zh.contains([',', ':', ';']), "half-width in {zh}");
                match draw.draw {
                    Draw::Deal { .. } => deals += 1,
                    Draw::Defection { .. } => defections += 1,
                }
            }
        }
        assert!(
            deals > 0 && defections > 0,
            "{deals} deals, {defections} losses"
        );
    }
}

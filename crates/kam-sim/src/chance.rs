//! What chance decided: each draw that moved the score (a deal won or lost, an account lost),
//! with its odds and what it changed, shown apart from the verdicts so a trainee can tell a
//! good decision with a bad outcome from a bad decision (issue 18, "luck, shown apart").
//!
//! The draws are typed ([`ChanceDraw`], [`Draw`]); `crate::words::chance` words them.

use crate::engine::Game;
use crate::ids::AccountId;

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
    pub account: AccountId,
    /// The chance the outcome that happened had (0 to 1); for an account lost, the chance of
    /// losing it by that month, over every month's draw so far.
    pub odds: f64,
    pub luck: Luck,
    /// Profit it brought or cost, in the scenario's money (a deal's margin; for a lost account,
    /// the profit per month it was making).
    pub profit: f64,
    /// What was drawn, with the numbers its words need.
    pub draw: Draw,
}

/// What a draw decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A customer decided an opportunity (the account's, by its index in the game's list):
    /// its value, the margin it brought or would have, and the chance of winning it had.
    Deal {
        opportunity: usize,
        value: f64,
        margin: f64,
        chance: f64,
        won: bool,
    },
    /// The account defected: its satisfaction that month, the chance of leaving that month
    /// and by then (over every month's draw so far, 0 to 1), the retention points it took
    /// and the profit a month it was making (negative: losing).
    Defection {
        satisfaction: f64,
        chance: f64,
        by_then: f64,
        points: f64,
        was_making: f64,
    },
}

fn luck(odds: f64, good: bool) -> Luck {
    match (odds < 0.5, good) {
        (false, _) => Luck::AsExpected,
        (true, true) => Luck::With,
        (true, false) => Luck::Against,
    }
}

/// Every deal the customers decided and every account lost, in the order they happened.
pub fn draws(game: &Game) -> Vec<ChanceDraw> {
    let mut out = Vec::new();
    for (a, state) in game.accounts().iter().enumerate() {
        let history = game.history(a);
        for (i, record) in history.iter().enumerate() {
            for close in &record.closes {
                let Some(o) = state.opportunities.get(close.opportunity) else {
                    continue;
                };
                let margin = o.opportunity.value * record.margin / 100.0;
                let odds = if close.won {
                    close.chance
                } else {
                    1.0 - close.chance
                };
                out.push(ChanceDraw {
                    month: record.turn,
                    account: AccountId(a),
                    odds,
                    luck: luck(odds, close.won),
                    profit: if close.won { margin } else { -margin },
                    draw: Draw::Deal {
                        opportunity: close.opportunity,
                        value: o.opportunity.value,
                        margin,
                        chance: close.chance,
                        won: close.won,
                    },
                });
            }
            let newly_lost = record.churned && (i == 0 || !history[i - 1].churned);
            if newly_lost && record.defection_chance > 0.0 {
                let was_making = i.checked_sub(1).map_or(0.0, |j| history[j].profit.total());
                // A month's chance undersells a loss the months before made likely: the odds
                // of losing it by then, over every month's draw, judge whether it was luck.
                let by_then = 1.0
                    - history[..=i]
                        .iter()
                        .map(|r| 1.0 - r.defection_chance)
                        .product::<f64>();
                // Losing an account that loses money is a loss to retention and a gain to
                // profit: not luck against the trainee.
                let losing_money = was_making < 0.0;
                out.push(ChanceDraw {
                    month: record.turn,
                    account: AccountId(a),
                    odds: by_then,
                    luck: if losing_money {
                        Luck::Mixed
                    } else {
                        luck(by_then, false)
                    },
                    profit: -was_making,
                    draw: Draw::Defection {
                        satisfaction: record.satisfaction,
                        chance: record.defection_chance,
                        by_then,
                        points: 100.0 * game.prepared().weights[a],
                        was_making,
                    },
                });
            }
        }
    }
    out.sort_by_key(|d| (d.month, d.account));
    out
}

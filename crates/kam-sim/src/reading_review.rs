//! The debrief's "how you read the people" (issue 19): for each person the trainee visited or
//! read, their reading against the real style and need, the month the style was read right,
//! the cue and the reaction that gave it away, and what the misreading cost, by replaying the
//! game with those visits pitched to suit the person.

use crate::cues::{Line, Reception};
use crate::engine::{Decision, Game, Plan, Visit};
use crate::ids::{AccountId, MemberId};
use crate::model;
use crate::reading::{self, Pointer, Reading, Said};
use crate::scenario::{Need, Style};

/// How one person was read.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonReading {
    pub account: AccountId,
    pub stakeholder: MemberId,
    /// The trainee's reading at the end of the game.
    pub reading: Reading,
    pub style: Style,
    pub need: Need,
    /// The month from which the reading's style was right and stayed right; none if it never
    /// was.
    pub style_right_from: Option<u32>,
    /// Months whose plan was made while the reading's style was right, of the months played:
    /// credit for a reading that was right a while, then changed or cleared.
    pub months_right: u32,
    pub months: u32,
    /// Visits to the person pitched to suit them (fit at least [`model::GOOD_FIT`]), of all.
    pub suited_visits: usize,
    pub visits: usize,
    /// The first cue that points to the real style, and the first reaction that showed it:
    /// what gave the person away.
    pub telling_cue: Option<Said>,
    pub telling_reaction: Option<(u32, Line)>,
    /// Composite points the game would have gained with every visit to the person pitched to
    /// suit them (each visit's best approach), the rest of the game as played; none when the
    /// visits already suited them or the game could not be replayed that way.
    pub cost: Option<f64>,
}

/// Every person the trainee visited or read, the costliest misreading first; empty at `Easy`,
/// where the labels were on screen.
pub fn review(game: &Game) -> Vec<PersonReading> {
    if game.prepared().difficulty.shows_style_and_need() {
        return Vec::new();
    }
    let reactions = reading::reactions(game);
    let mut out = Vec::new();
    for (a, account) in game.accounts().iter().enumerate() {
        for (p, state) in account.people.iter().enumerate() {
            let (a, p) = (AccountId(a), MemberId(p));
            let person = &state.person;
            let mine: Vec<&reading::Reaction> = reactions
                .iter()
                .filter(|r| r.account == a && r.stakeholder == p)
                .collect();
            if mine.is_empty() && state.reading == Reading::default() {
                continue;
            }
            let telling_cue = reading::cues(game, a.index(), p.index())
                .into_iter()
                .find(|c| c.points_to == Some(Pointer::Style(person.style)))
                .map(|c| c.said);
            let telling_reaction = mine
                .iter()
                .find(|r| r.reception != Reception::Suited)
                .or(mine.first())
                .map(|r| (r.month, r.words));
            let suited_visits = mine
                .iter()
                .filter(|r| r.reception == Reception::Suited)
                .count();
            out.push(PersonReading {
                account: a,
                stakeholder: p,
                reading: state.reading,
                style: person.style,
                need: person.need,
                style_right_from: style_right_from(game, a, p),
                months_right: months_right(game, a, p),
                months: game.turn().saturating_sub(1).min(game.scenario().turns),
                suited_visits,
                visits: mine.len(),
                telling_cue,
                telling_reaction,
                cost: (suited_visits < mine.len())
                    .then(|| misreading_cost(game, a, p))
                    .flatten(),
            });
        }
    }
    // The costliest misreadings first: what the trainee most needs to see.
    out.sort_by(|x, y| {
        y.cost
            .unwrap_or(0.0)
            .total_cmp(&x.cost.unwrap_or(0.0))
            .then((x.account, x.stakeholder).cmp(&(y.account, y.stakeholder)))
    });
    out
}

/// The month from which the trainee's reading of the person's style was right to the end.
fn style_right_from(game: &Game, account: AccountId, stakeholder: MemberId) -> Option<u32> {
    let real = game.accounts()[account].people[stakeholder].person.style;
    let mut month = 1;
    let mut right_from = None;
    for decision in game.log() {
        match decision {
            Decision::Plan(_) => month += 1,
            Decision::Read {
                account: a,
                stakeholder: p,
                reading,
            } if *a == account && *p == stakeholder => {
                right_from = match (reading.style == Some(real), right_from) {
                    (true, Some(m)) => Some(m),
                    (true, None) => Some(month.min(game.scenario().turns)),
                    (false, _) => None,
                };
            }
            _ => {}
        }
    }
    right_from
}

/// Months whose plan was made while the trainee's reading of the person's style was right.
fn months_right(game: &Game, account: AccountId, stakeholder: MemberId) -> u32 {
    let real = game.accounts()[account].people[stakeholder].person.style;
    let mut reading = None;
    let mut right = 0;
    for decision in game.log() {
        match decision {
            Decision::Plan(_) if reading == Some(real) => right += 1,
            Decision::Read {
                account: a,
                stakeholder: p,
                reading: r,
            } if *a == account && *p == stakeholder => reading = r.style,
            _ => {}
        }
    }
    right
}

/// The game replayed with every visit to the person pitched with the approach that suits them
/// best, every other decision as it was (where one no longer applies, the expert's in its
/// place), against the game as played.
fn misreading_cost(game: &Game, account: AccountId, stakeholder: MemberId) -> Option<f64> {
    let scenario = game.scenario();
    let person = &game.accounts()[account].people[stakeholder].person;
    let best = model::best_approach(&scenario.approaches, person)?;
    let repitch = |plan: &Plan| Plan {
        visits: plan
            .visits
            .iter()
            .map(|v| {
                if v.account == account && v.stakeholder == stakeholder {
                    Visit {
                        approach: best,
                        ..*v
                    }
                } else {
                    *v
                }
            })
            .collect(),
        resources: plan.resources.clone(),
    };
    let mut replay = Game::new(std::sync::Arc::clone(game.prepared()), game.seed());
    let mut expert = crate::strategy::StrategyId::Expert.build(game.seed());
    for decision in game.log() {
        if replay.is_finished() {
            break;
        }
        let changed = match decision {
            Decision::Plan(plan) => Decision::Plan(repitch(plan)),
            other => other.clone(),
        };
        if replay.decide(changed).is_err() {
            // The game went another way (an event did not fire): decide as the expert would
            // until the played decisions apply again.
            let stand_in = crate::strategy::next_decision(&replay, expert.as_mut())?;
            replay.decide(stand_in).ok()?;
        }
    }
    crate::strategy::play_out(&mut replay, expert.as_mut()).ok()?;
    let gain = crate::score::score(&replay).composite - crate::score::score(game).composite;
    Some(gain)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::ids::ApproachId;
    use crate::scenario::Difficulty;

    /// A reading right for two months and then cleared keeps the credit for those months (a
    /// playtest's reset to "?" in month 9 showed only "no reading noted").
    #[test]
    fn months_read_right_count_even_after_the_reading_is_cleared() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let mut game = Game::new(prepared.at_difficulty(Difficulty::Normal), 4);
        let (a, p) = (2, 0);
        let style = game.accounts()[a].people[p].person.style;
        let mut expert = crate::strategy::StrategyId::Expert.build(4);
        while let Some(d) = crate::strategy::next_decision(&game, expert.as_mut()) {
            if matches!(d, Decision::Plan(_)) && (game.turn() == 1 || game.turn() == 3) {
                let reading = Reading {
                    style: (game.turn() == 1).then_some(style),
                    need: None,
                };
                game.decide(Decision::Read {
                    account: AccountId(a),
                    stakeholder: MemberId(p),
                    reading,
                })
                .unwrap();
            }
            game.decide(d).unwrap();
        }
        let me = review(&game)
            .into_iter()
            .find(|r| r.account == AccountId(a) && r.stakeholder == MemberId(p))
            .unwrap();
        assert_eq!(me.style_right_from, None);
        assert_eq!(me.months_right, 2);
    }

    #[test]
    fn a_misread_person_pitched_wrong_is_reviewed_with_what_it_cost() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let prepared = prepared.at_difficulty(Difficulty::Normal);
        let mut game = Game::new(Arc::clone(&prepared), 9);
        // The first account's decision maker, pitched with their worst approach every month,
        // read wrong at first and right from month 4.
        let a = 1;
        let p = 0;
        let person = game.accounts()[a].people[p].person.clone();
        let approaches = &prepared.scenario.approaches;
        let worst = (0..approaches.len())
            .min_by(|&x, &y| {
                model::fit(&approaches[x], &person).total_cmp(&model::fit(&approaches[y], &person))
            })
            .unwrap();
        let wrong = Style::ALL.into_iter().find(|&s| s != person.style).unwrap();
        let mut expert = crate::strategy::StrategyId::Expert.build(9);
        game.decide(Decision::Read {
            account: AccountId(a),
            stakeholder: MemberId(p),
            reading: Reading {
                style: Some(wrong),
                need: None,
            },
        })
        .unwrap();
        while let Some(d) = crate::strategy::next_decision(&game, expert.as_mut()) {
            let d = match d {
                Decision::Plan(mut plan) => {
                    if game.turn() == 4 {
                        game.decide(Decision::Read {
                            account: AccountId(a),
                            stakeholder: MemberId(p),
                            reading: Reading {
                                style: Some(person.style),
                                need: Some(person.need),
                            },
                        })
                        .unwrap();
                    }
                    plan.visits
                        .retain(|v| !(v.account == AccountId(a) && v.stakeholder == MemberId(p)));
                    if !game.accounts()[a].churned {
                        plan.visits
                            .truncate(game.scenario().means.visits_per_turn as usize - 1);
                        plan.visits.push(Visit {
                            account: AccountId(a),
                            stakeholder: MemberId(p),
                            approach: ApproachId(worst),
                        });
                    }
                    Decision::Plan(plan)
                }
                other => other,
            };
            game.decide(d).unwrap();
        }
        let found = review(&game);
        let me = found
            .iter()
            .find(|r| r.account == AccountId(a) && r.stakeholder == MemberId(p))
            .expect("the person is reviewed");
        assert_eq!(me.style, person.style);
        assert_eq!(me.style_right_from, Some(4));
        assert_eq!(me.months_right, game.scenario().turns - 3);
        assert_eq!(me.months, game.scenario().turns);
        assert_eq!(me.suited_visits, 0);
        assert!(me.visits >= 10, "{}", me.visits);
        assert!(me.telling_cue.is_some());
        let (_, said) = me.telling_reaction.unwrap();
        assert_eq!(
            reading::bank_pointer(said.en),
            Some(Pointer::Style(person.style))
        );
        let cost = me.cost.expect("a cost by replay");
        assert!(cost > 0.0, "pitching to suit would have gained: {cost}");
        // At Easy the labels were on screen: nothing to review.
        let easy = Game::replay(prepared.at_difficulty(Difficulty::Easy), 9, game.log()).unwrap();
        assert!(review(&easy).is_empty());
    }
}

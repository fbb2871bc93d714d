//! The debrief's "you and the expert": month by month, what the trainee did and what the
//! built-in `expert` did on the same seed, in words, with the reason for each of the expert's
//! choices taken from the model (the norm it served, the fit of its pitches, the verdict of
//! its answers, what its offers were worth to the buyer).

use std::ops::ControlFlow;

use crate::engine::{Decision, Game, Pending, Plan};
use crate::model;
use crate::scenario::{Language, Verdict};

/// One month of two games.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthComparison {
    pub month: u32,
    pub you: Vec<String>,
    pub expert: Vec<String>,
}

/// Both games month by month (the same scenario and seed).
pub fn months(you: &Game, expert: &Game, lang: Language) -> Vec<MonthComparison> {
    let (mine, theirs) = (by_month(you, lang, false), by_month(expert, lang, true));
    let months = mine.len().max(theirs.len());
    (0..months)
        .map(|m| MonthComparison {
            month: m as u32 + 1,
            you: mine.get(m).cloned().unwrap_or_default(),
            expert: theirs.get(m).cloned().unwrap_or_default(),
        })
        .collect()
}

/// A game's decisions in words, grouped by the month they were made in.
fn by_month(game: &Game, lang: Language, reasons: bool) -> Vec<Vec<String>> {
    let scenario = game.scenario();
    let mut out: Vec<Vec<String>> = Vec::new();
    crate::record::walk_log(game, |_, decision, replay| {
        let month = replay.turn() as usize;
        if out.len() < month {
            out.resize(month, Vec::new());
        }
        let lines = &mut out[month - 1];
        match (decision, replay.pending().cloned()) {
            (Decision::Plan(plan), _) => lines.extend(plan_lines(replay, plan, lang, reasons)),
            (Decision::Choose(c), Some(Pending::Event { event, account, .. })) => {
                let def = &scenario.events[event];
                let choice = &def.choices[*c];
                let verdict = match (choice.verdict, lang) {
                    (Verdict::Good, Language::Zh) => "好的回答",
                    (Verdict::Neutral, Language::Zh) => "一般",
                    (Verdict::Poor, Language::Zh) => "不好的回答",
                    (Verdict::Good, Language::En) => "a good answer",
                    (Verdict::Neutral, Language::En) => "neutral",
                    (Verdict::Poor, Language::En) => "a poor answer",
                };
                lines.push(format!(
                    "{} ({}): {} — {verdict}",
                    def.title, scenario.accounts[account].name, choice.label
                ));
            }
            (Decision::Offer(offer), Some(Pending::Negotiation(state))) => {
                let n = &scenario.negotiations[state.negotiation];
                let terms: Vec<&str> = n
                    .issues
                    .iter()
                    .zip(offer)
                    .filter_map(|(issue, o)| issue.options.get(*o).map(|x| x.label.as_str()))
                    .collect();
                let value = Game::buyer_value(n, offer);
                lines.push(lang.pick(
                    format!(
                        "谈判“{}”出价：{}（对买方价值 {value:.0}）",
                        n.title,
                        terms.join("、")
                    ),
                    format!(
                        "Offer in \"{}\": {} (worth {value:.0} to the buyer)",
                        n.title,
                        terms.join(", ")
                    ),
                ));
            }
            (Decision::WalkAway, _) => {
                lines.push(lang.pick("离开谈判桌".into(), "Walked away from the table".into()));
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
    out
}

/// A plan in words, one line per account it touches (who is visited with which pitch, which
/// resources), as it reads in `game`, the game it is about to be played in; with `reasons`,
/// each line also gives the account's visits against its norm and whether every pitch fits.
pub fn plan_lines(game: &Game, plan: &Plan, lang: Language, reasons: bool) -> Vec<String> {
    let scenario = game.scenario();
    let mut lines = Vec::new();
    for (a, def) in scenario.accounts.iter().enumerate() {
        let id = crate::AccountId(a);
        let visits: Vec<_> = plan.visits.iter().filter(|v| v.account == id).collect();
        let resources: Vec<_> = plan.resources.iter().filter(|r| r.account == id).collect();
        if visits.is_empty() && resources.is_empty() {
            continue;
        }
        let state = &game.accounts()[a];
        let people: Vec<String> = visits
            .iter()
            .map(|v| {
                let who = &state.people[v.stakeholder].person.name;
                format!("{who} · {}", scenario.approaches[v.approach].name)
            })
            .chain(resources.iter().map(|r| {
                format!(
                    "{} × {}",
                    scenario.means.resources[r.resource].name, r.units
                )
            }))
            .collect();
        let mut line = lang.pick(
            format!("{}：{}", def.name, people.join("，")),
            format!("{}: {}", def.name, people.join(", ")),
        );
        if reasons {
            let norm = game.prepared().norms[a];
            let fitting = visits.iter().all(|v| {
                model::fit(
                    &scenario.approaches[v.approach],
                    &state.people[v.stakeholder].person,
                ) >= model::GOOD_FIT
            });
            line.push_str(&lang.pick(
                format!(
                    "（{} 次拜访，标准 {norm:.1}{}）",
                    visits.len(),
                    if fitting && !visits.is_empty() {
                        "；每次的方式都契合对方风格"
                    } else {
                        ""
                    }
                ),
                format!(
                    " ({} {} against a norm of {norm:.1}{})",
                    visits.len(),
                    if visits.len() == 1 { "visit" } else { "visits" },
                    if fitting && !visits.is_empty() {
                        "; every pitch suits the person's style"
                    } else {
                        ""
                    }
                ),
            ));
        }
        lines.push(line);
    }
    if plan.visits.is_empty() && plan.resources.is_empty() {
        lines.push(lang.pick("没有安排拜访".into(), "No visits planned".into()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_of_both_games_is_told_and_the_expert_gives_reasons() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let you = crate::batch::play(&prepared, crate::strategy::StrategyId::Even, 5).unwrap();
        let expert = crate::batch::play(&prepared, crate::strategy::StrategyId::Expert, 5).unwrap();
        let months = months(&you, &expert, Language::En);
        assert_eq!(months.len() as u32, prepared.scenario.turns);
        for m in &months {
            assert!(
                !m.you.is_empty() && !m.expert.is_empty(),
                "month {}",
                m.month
            );
        }
        assert!(
            months
                .iter()
                .flat_map(|m| &m.expert)
                .any(|l| l.contains("norm of"))
        );
        assert!(
            months
                .iter()
                .flat_map(|m| &m.expert)
                .any(|l| l.contains("a good answer"))
        );
        assert!(
            months
                .iter()
                .flat_map(|m| &m.you)
                .all(|l| !l.contains("norm of"))
        );
    }
}

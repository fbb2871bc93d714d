//! The month-by-month comparison with the expert in words ([`MonthLine`], [`PlanLine`], drawn
//! up in `crate::compare`): who was visited with which pitch, which resources, which answers
//! and offers, as the scenario and the game name them.

use super::Lang;
use super::names::{account_name, approach_name, option_labels, person_name, resource_name};
use crate::compare::{MonthLine, PlanLine, PlanReasons};
use crate::engine::{Game, ResourceUse, Visit};
use crate::scenario::Verdict;

impl MonthLine {
    /// The decision in words. `game` is the game it was made in (a visit names the person
    /// visited, whom the game may have brought in).
    pub fn words(&self, game: &Game, lang: Lang) -> String {
        let scenario = game.scenario();
        match self {
            MonthLine::Plan(line) => line.words(game, lang),
            MonthLine::Answer {
                event,
                account,
                choice,
            } => {
                let def = &scenario.events[*event];
                let Some(choice) = def.choices.get(*choice) else {
                    return def.title.clone();
                };
                let verdict = match (choice.verdict, lang) {
                    (Verdict::Good, Lang::Zh) => "好的回答",
                    (Verdict::Neutral, Lang::Zh) => "一般",
                    (Verdict::Poor, Lang::Zh) => "不好的回答",
                    (Verdict::Good, Lang::En) => "a good answer",
                    (Verdict::Neutral, Lang::En) => "neutral",
                    (Verdict::Poor, Lang::En) => "a poor answer",
                };
                format!(
                    "{} ({}): {} — {verdict}",
                    def.title,
                    account_name(scenario, *account),
                    choice.label
                )
            }
            MonthLine::Offer {
                negotiation,
                offer,
                buyer_value,
            } => {
                let n = &scenario.negotiations[*negotiation];
                let terms = option_labels(n, offer);
                lang.pick(
                    format!(
                        "谈判“{}”出价：{}（对买方价值 {buyer_value:.0}）",
                        n.title,
                        terms.join("、")
                    ),
                    format!(
                        "Offer in \"{}\": {} (worth {buyer_value:.0} to the buyer)",
                        n.title,
                        terms.join(", ")
                    ),
                )
            }
            MonthLine::WalkedAway => lang
                .pick("离开谈判桌", "Walked away from the table")
                .to_owned(),
        }
    }
}

impl PlanLine {
    /// The line in words: 「客户：某人 · 方式，资源 × 2」, with the reasons after it when it
    /// has them. `game` is a game the plan was or is to be played in.
    pub fn words(&self, game: &Game, lang: Lang) -> String {
        let PlanLine::Account {
            account,
            visits,
            resources,
            reasons,
        } = self
        else {
            return lang.pick("没有安排拜访", "No visits planned").to_owned();
        };
        let people: Vec<String> = visits
            .iter()
            .map(|v| visit(game, v))
            .chain(resources.iter().map(|r| resource(game, r)))
            .collect();
        let name = account_name(game.scenario(), *account);
        let mut line = lang.pick(
            format!("{name}：{}", people.join("，")),
            format!("{name}: {}", people.join(", ")),
        );
        if let Some(reasons) = reasons {
            line.push_str(&reasons.words(visits.len(), lang));
        }
        line
    }
}

impl PlanReasons {
    /// The account's visits against its norm, and whether every pitch fits, in brackets.
    fn words(&self, visits: usize, lang: Lang) -> String {
        let norm = self.norm;
        lang.pick(
            format!(
                "（{visits} 次拜访，标准 {norm:.1}{}）",
                if self.every_pitch_fits {
                    "；每次的方式都契合对方风格"
                } else {
                    ""
                }
            ),
            format!(
                " ({} against a norm of {norm:.1}{})",
                super::count(Lang::En, visits, super::Counted::Visit),
                if self.every_pitch_fits {
                    "; every pitch suits the person's style"
                } else {
                    ""
                }
            ),
        )
    }
}

/// Whom a visit sees and with which pitch: "Li Wei · Demo".
fn visit(game: &Game, v: &Visit) -> String {
    let who = person_name(game, v.account, v.stakeholder);
    let pitch = approach_name(game.scenario(), v.approach);
    format!("{who} · {pitch}")
}

/// A resource and its units: "Samples × 2".
fn resource(game: &Game, r: &ResourceUse) -> String {
    format!("{} × {}", resource_name(game.scenario(), r), r.units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Plan;
    use crate::ids::{AccountId, ApproachId, MemberId, ResourceId};

    /// A plan's line names the people visited as the game has them, the pitch and the
    /// resources; the reasons follow when asked for; an empty plan says so.
    #[test]
    fn a_plan_line_names_whom_it_visits_with_what() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let game = Game::new(std::sync::Arc::clone(&prepared), 1);
        let scenario = game.scenario();
        let plan = Plan {
            visits: vec![Visit {
                account: AccountId(1),
                stakeholder: MemberId(0),
                approach: ApproachId(0),
            }],
            resources: vec![ResourceUse {
                account: AccountId(1),
                resource: ResourceId(0),
                units: 2,
            }],
        };
        let lines = crate::compare::plan_lines(&game, &plan, true);
        assert_eq!(lines.len(), 1);
        let en = lines[0].words(&game, Lang::En);
        let person = &game.accounts()[1].people[0].person.name;
        let expected = format!(
            "{}: {person} · {}, {} × 2 (1 visit against a norm of {:.1}",
            scenario.accounts[1].name,
            scenario.approaches[0].name,
            scenario.means.resources[0].name,
            prepared.norms[1]
        );
        assert!(en.starts_with(&expected), "{en}");
        let zh = lines[0].words(&game, Lang::Zh);
        assert!(zh.contains("（1 次拜访，标准 "), "{zh}");
        let bare = crate::compare::plan_lines(&game, &plan, false);
        assert!(!bare[0].words(&game, Lang::En).contains("norm"));
        let empty = crate::compare::plan_lines(&game, &Plan::default(), true);
        assert_eq!(empty, vec![PlanLine::NothingPlanned]);
        assert_eq!(empty[0].words(&game, Lang::Zh), "没有安排拜访");
    }
}

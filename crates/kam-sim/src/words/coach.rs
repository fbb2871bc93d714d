//! The coach's findings in words: the hints on the plan on the table ([`Hint`]) and the
//! debrief's "try next time" cards ([`Mistake`]), in either language. The coach judges in
//! `coach` and returns them typed; each face words them here when it shows them, so a
//! language switch re-words them without judging the game again.

use super::Lang;
use super::names::{account_name, approach_name, option_labels, person_name};
use crate::coach::{Hint, Mistake, MistakeKind, PlanPart, Spending, VisitMoves};
use crate::engine::{Decision, Game};
use crate::ids::{AccountId, ApproachId, MemberId, NegotiationId};
use crate::scenario::Scenario;

/// "1 visit", "3 visits".
fn visits(n: usize) -> String {
    super::count(Lang::En, n, super::Counted::Visit)
}

/// "1 visit is", "3 visits are".
fn visits_are(n: usize) -> String {
    format!("{} {}", visits(n), if n == 1 { "is" } else { "are" })
}

impl Hint {
    /// The hint as the coach says it, in `lang`, about `game` as it was judged.
    pub fn words(&self, game: &Game, lang: Lang) -> String {
        let scenario = game.scenario();
        let u = super::turn_unit(lang, scenario.turn_unit);
        let name = account_name(scenario, self.account());
        match *self {
            Hint::UnderServed {
                planned,
                last_month,
                norm,
                ..
            } => lang.pick(
                format!(
                    "{name}是 A 类客户：本{u}计划只安排了 {planned} 次拜访，上{u}实际 {last_month} 次，而它的标准是每{u} {norm:.1} 次。关键客户连续得不到应有的精力就会降温、流失。"
                ),
                format!(
                    "{name} is an A account: {} planned this {u}, and last {u} it had {last_month}, against a norm of {norm:.1}. A key account under-served twice running cools and defects.",
                    visits(planned)
                ),
            ),
            Hint::PitchHeardBefore {
                account,
                stakeholder,
                approach,
            } => {
                let person = person_name(game, account, stakeholder);
                let pitch = approach_name(scenario, approach);
                let said = last_said(game, account, stakeholder, approach, lang);
                lang.pick(
                    format!(
                        "上次用“{pitch}”拜访{name}的{person}，对方说：「{said}」这说明对方喜欢怎样的沟通方式？再用同样的方式之前，先想一想。"
                    ),
                    format!(
                        "The last time you pitched \"{pitch}\" to {person} at {name}, they said: \"{said}\" What does that say about how they like to be spoken to? Think before using it again."
                    ),
                )
            }
            Hint::PitchMisfit {
                account,
                stakeholder,
                approach,
                wasted,
            } => {
                let person = person_name(game, account, stakeholder);
                let pitch = approach_name(scenario, approach);
                let (effect_zh, effect_en) = if wasted {
                    ("拜访白费", "the visit is wasted")
                } else {
                    ("拜访效果较差", "the visit does little")
                };
                lang.pick(
                    format!(
                        "用“{pitch}”拜访{name}的决策者{person}：这种方式和对方的沟通风格不合，{effect_zh}，还会降低对方对你的支持。先看对方的风格和需求，再选方式。"
                    ),
                    format!(
                        "\"{pitch}\" for {person}, the decision maker at {name}: it does not suit their style, so {effect_en} and costs their support. Read their style and need first, then choose the pitch."
                    ),
                )
            }
            Hint::DiscountToLossMaker { last_profit, .. } => lang.pick(
                format!(
                    "{name}到上{u}为止每个{u}都在亏钱（上{u}利润 {last_profit:.1}），再给折扣只会亏得更多：用忠诚度去“买”一个压价客户，代价由利润来付。"
                ),
                format!(
                    "{name} has lost money every {u} so far (last {u}'s profit: {last_profit:.1}); a discount only deepens the loss. Buying a margin squeezer's loyalty is paid for out of profit."
                ),
            ),
            Hint::VisitsOnLossMaker {
                planned,
                norm,
                last_profit,
                ..
            } => lang.pick(
                format!(
                    "{name}到上{u}为止每个{u}都在亏钱（上{u}利润 {last_profit:.1}），本{u}你却安排了 {planned} 次拜访（标准 {norm:.1}）。精力有限：先看客户的利润，再决定投入。"
                ),
                format!(
                    "{name} has lost money every {u} so far (last {u}'s profit: {last_profit:.1}), yet {} planned this {u} (norm {norm:.1}). Effort is scarce: look at what an account earns before spending it there.",
                    visits_are(planned)
                ),
            ),
            Hint::VisitsAtALoss {
                planned,
                norm,
                loss,
                ..
            } => lang.pick(
                format!(
                    "按现在的价格和服务成本，{name}每{u}亏损约 {loss:.1}，本{u}你却安排了 {planned} 次拜访（标准 {norm:.1}）。精力有限：先看客户的利润，再决定投入。"
                ),
                format!(
                    "At its price and cost to serve, {name} loses about {loss:.1} a {u}, yet {} planned this {u} (norm {norm:.1}). Effort is scarce: look at what an account earns before spending it there.",
                    visits_are(planned)
                ),
            ),
            Hint::RecurringObjection { times, .. } => lang.pick(
                format!(
                    "这个异议已经是第 {times} 次出现了。反复出现的异议正是{name}最看重的事：临时应付只会让它再来，而且一次比一次代价大。"
                ),
                format!(
                    "This objection has now come up {times} times. What a customer raises again and again is what {name} values most: a stop-gap brings it back, costlier each time."
                ),
            ),
        }
    }
}

/// What the person said the last time `approach` was tried on them, in `lang`.
fn last_said(
    game: &Game,
    account: AccountId,
    stakeholder: MemberId,
    approach: ApproachId,
    lang: Lang,
) -> String {
    crate::reading::reactions(game)
        .into_iter()
        .rev()
        .find(|r| r.account == account && r.stakeholder == stakeholder && r.approach == approach)
        .map(|r| r.words.pick(lang).to_owned())
        .unwrap_or_default()
}

impl Mistake {
    /// The "try next time" card's sentence, in `lang`.
    pub fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        let (month, points) = (self.month, self.points);
        let at = super::turn_number(lang, scenario.turn_unit, month);
        match &self.kind {
            &MistakeKind::Answer {
                event,
                account,
                chosen,
                better,
            } => {
                let name = account_name(scenario, account);
                let label = |c: usize| {
                    scenario
                        .events
                        .get(event.index())
                        .and_then(|e| e.choices.get(c))
                        .map_or("?", |c| c.label.as_str())
                };
                let (chosen, better) = (label(chosen), label(better));
                lang.pick(
                    format!(
                        "{at}，{name}：你选择了“{chosen}”；“{better}”会多得 {points:.1} 分。"
                    ),
                    format!(
                        "{at}, {name}: you answered \"{chosen}\"; \"{better}\" would have gained {points:.1} points."
                    ),
                )
            }
            MistakeKind::Plan { part, gain } => {
                plan_words(scenario, lang, month, points, part, *gain)
            }
            MistakeKind::WholePlan { parts } => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|(part, gain)| {
                        let what = part_words(scenario, lang, part);
                        let alone = alone(*gain, lang);
                        lang.pick(
                            format!("{what}（单改这一处 {alone}）"),
                            format!("{what} ({alone} alone)"),
                        )
                    })
                    .collect();
                lang.pick(
                    format!(
                        "{at}的计划：专家的计划会多得 {points:.1} 分，靠的是几处一起改：{}。",
                        parts.join("；")
                    ),
                    format!(
                        "{at}'s plan: the expert's plan would have gained {points:.1} points, from changes that work together: {}.",
                        parts.join("; ")
                    ),
                )
            }
            MistakeKind::Negotiation {
                negotiation,
                round,
                better,
            } => {
                let title = scenario
                    .negotiations
                    .get(negotiation.index())
                    .map_or("?", |n| n.title.as_str());
                let what = table_move(scenario, *negotiation, better, lang);
                lang.pick(
                    format!(
                        "{at}，谈判“{title}”第 {round} 轮：换成这个出价（{what}）会多得 {points:.1} 分。"
                    ),
                    format!(
                        "{at}, \"{title}\" round {round}: this move instead ({what}) would have gained {points:.1} points."
                    ),
                )
            }
        }
    }
}

/// A month's plan: the expert's whole plan's gain first (the card's figure, and the plan a
/// what-if from the card offers), then the one part that carries most of it alone.
fn plan_words(
    scenario: &Scenario,
    lang: Lang,
    month: u32,
    points: f64,
    part: &PlanPart,
    gain: f64,
) -> String {
    let at = super::turn_number(lang, scenario.turn_unit, month);
    match part {
        PlanPart::Pitches => lang.pick(
            format!(
                "{at}的拜访计划：专家的计划会多得 {points:.1} 分；单这一处改动就多得 {gain:.1} 分：拜访的人不变，只按每个人的沟通风格换拜访方式。"
            ),
            format!(
                "{at}'s plan: the expert's plan would have gained {points:.1} points; one change alone gains {gain:.1}: the same visits, each pitched to the person's style."
            ),
        ),
        PlanPart::Visits(moves) => {
            let moves = moves.words(scenario, lang);
            lang.pick(
                format!(
                    "{at}的拜访计划：专家的计划会多得 {points:.1} 分；单这一处改动就多得 {gain:.1} 分：{moves}。"
                ),
                format!(
                    "{at}'s plan: the expert's plan would have gained {points:.1} points; one change alone gains {gain:.1}: {moves}."
                ),
            )
        }
        PlanPart::Budget(spending) => {
            let spending = spending.words(scenario, lang);
            lang.pick(
                format!(
                    "{at}的预算：专家的计划会多得 {points:.1} 分；单这一处改动就多得 {gain:.1} 分：拜访不变，{spending}。"
                ),
                format!(
                    "{at}'s budget: the expert's plan would have gained {points:.1} points; one change alone gains {gain:.1}: the same visits, {spending}."
                ),
            )
        }
    }
}

/// One part of a better plan, as a clause of the card that names the parts together.
fn part_words(scenario: &Scenario, lang: Lang, part: &PlanPart) -> String {
    match part {
        PlanPart::Visits(moves) => moves.words(scenario, lang),
        PlanPart::Pitches => lang
            .pick(
                "每个人按风格选拜访方式",
                "each person pitched to their style",
            )
            .to_owned(),
        PlanPart::Budget(spending) => spending.words(scenario, lang),
    }
}

/// A part's gain tried alone, in words: "+0.8", or "unchanged" when it could not be valued.
fn alone(gain: Option<f64>, lang: Lang) -> String {
    match gain {
        Some(gain) => super::signed(gain),
        None => lang.pick("不变", "unchanged").to_owned(),
    }
}

/// A move at the negotiation table: the offer's option labels, or walking away.
fn table_move(
    scenario: &Scenario,
    negotiation: NegotiationId,
    better: &Decision,
    lang: Lang,
) -> String {
    match better {
        Decision::Offer(offer) => scenario
            .negotiations
            .get(negotiation.index())
            .map(|n| option_labels(n, offer).join(lang.pick("、", ", ")))
            .unwrap_or_default(),
        _ => lang.pick("离开谈判桌", "walking away").to_owned(),
    }
}

impl VisitMoves {
    /// Where the visits should move: "move 21 visits from Hongda (8), … to Huaxing (9), …",
    /// naming at most three accounts each way.
    pub fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        let list = |set: &[(AccountId, u32)]| {
            let names: Vec<String> = set
                .iter()
                .take(3)
                .map(|&(a, d)| {
                    let name = account_name(scenario, a);
                    lang.pick(format!("{name}（{d} 次）"), format!("{name} ({d})"))
                })
                .collect();
            names.join(lang.pick("、", ", "))
        };
        let (from, to) = (list(&self.from), list(&self.to));
        let (moved, unused) = (self.moved(), self.unused);
        // Visits the better plan adds beyond the trainee's total were left unused: said so,
        // rather than read as moved.
        let use_unused = lang.pick(
            format!("用上你没排的 {unused} 次拜访"),
            format!("use the {unused} visits you left unplanned"),
        );
        match (self.from.is_empty(), self.to.is_empty()) {
            (false, false) if unused > 0 => lang.pick(
                format!("{use_unused}，并把 {moved} 次拜访从 {from} 移走，多拜访 {to}"),
                format!("{use_unused} and move {moved} away from {from}, visiting {to} more"),
            ),
            (false, false) => lang.pick(
                format!("把 {moved} 次拜访从 {from} 移到 {to}"),
                format!("move {moved} visits from {from} to {to}"),
            ),
            (true, false) => lang.pick(
                format!("{use_unused}，给 {to}"),
                format!("{use_unused} on {to}"),
            ),
            (false, true) => lang.pick(format!("少拜访 {from}"), format!("visit {from} less")),
            (true, true) => lang
                .pick(
                    "同样的客户，换成专家拜访的人",
                    "the same accounts, but the people the expert visits",
                )
                .to_owned(),
        }
    }
}

impl Spending {
    /// What the plan buys: "spending the budget on Technical support day for Huaxing ×2, …",
    /// or "buying nothing this month".
    pub fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        let items: Vec<String> = self
            .bought
            .iter()
            .filter_map(|r| {
                let account = scenario.accounts.get(r.account.index())?;
                let resource = scenario.means.resources.get(r.resource.index())?;
                let units = r.units;
                Some(lang.pick(
                    format!("{}的{}×{units}", account.name, resource.name),
                    format!("{} for {} ×{units}", resource.name, account.name),
                ))
            })
            .collect();
        if items.is_empty() {
            let u = super::turn_unit(lang, scenario.turn_unit);
            lang.pick(
                format!("这个{u}不买任何资源"),
                format!("buying nothing this {u}"),
            )
        } else {
            lang.pick(
                format!("把预算用在{}", items.join("、")),
                format!("spending the budget on {}", items.join(", ")),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Plan, ResourceUse};
    use crate::scenario::Lesson;

    fn classroom() -> Game {
        let prepared = crate::bundled::prepared("classroom_zh").unwrap();
        Game::new(prepared, 1)
    }

    fn every_hint() -> Vec<Hint> {
        let (account, stakeholder, approach) = (AccountId(1), MemberId(0), ApproachId(2));
        vec![
            Hint::UnderServed {
                account,
                planned: 1,
                last_month: 2,
                norm: 3.5,
            },
            Hint::PitchHeardBefore {
                account,
                stakeholder,
                approach,
            },
            Hint::PitchMisfit {
                account,
                stakeholder,
                approach,
                wasted: true,
            },
            Hint::PitchMisfit {
                account,
                stakeholder,
                approach,
                wasted: false,
            },
            Hint::DiscountToLossMaker {
                account,
                last_profit: -4.25,
            },
            Hint::VisitsOnLossMaker {
                account,
                planned: 6,
                norm: 2.0,
                last_profit: -1.5,
            },
            Hint::VisitsAtALoss {
                account,
                planned: 7,
                norm: 1.5,
                loss: 3.75,
            },
            Hint::RecurringObjection { account, times: 3 },
        ]
    }

    fn every_mistake() -> Vec<Mistake> {
        let moves = VisitMoves {
            from: vec![(AccountId(0), 3), (AccountId(2), 1)],
            to: vec![(AccountId(1), 4), (AccountId(3), 2)],
            unused: 2,
        };
        let spending = Spending {
            bought: vec![ResourceUse {
                account: AccountId(1),
                resource: crate::ids::ResourceId(0),
                units: 2,
            }],
        };
        let kinds = [
            MistakeKind::Answer {
                event: crate::ids::EventId(0),
                account: AccountId(1),
                chosen: 0,
                better: 1,
            },
            MistakeKind::Plan {
                part: PlanPart::Pitches,
                gain: 5.5,
            },
            MistakeKind::Plan {
                part: PlanPart::Visits(moves.clone()),
                gain: 6.5,
            },
            MistakeKind::Plan {
                part: PlanPart::Budget(spending.clone()),
                gain: 7.5,
            },
            MistakeKind::WholePlan {
                parts: vec![
                    (PlanPart::Visits(moves), Some(0.75)),
                    (PlanPart::Pitches, None),
                    (PlanPart::Budget(spending), Some(1.25)),
                ],
            },
            MistakeKind::Negotiation {
                negotiation: NegotiationId(0),
                round: 2,
                better: Decision::Offer(vec![0, 0, 0, 0]),
            },
            MistakeKind::Negotiation {
                negotiation: NegotiationId(0),
                round: 1,
                better: Decision::WalkAway,
            },
        ];
        kinds
            .into_iter()
            .map(|kind| Mistake {
                month: 4,
                decision: 7,
                lesson: Lesson::Allocation,
                kind,
                points: 9.25,
                better_plan: Some(Plan::default()),
            })
            .collect()
    }

    /// Both languages carry the same numbers, and the Chinese its full-width punctuation
    /// (the classroom_zh scenario's own names are Chinese, so any half-width sign is ours).
    fn check(zh: &str, en: &str) {
        assert!(zh.chars().any(|c| c > '\u{2e80}'), "not Chinese: {zh}");
        let digits = |s: &str| -> Vec<char> {
            let mut d: Vec<char> = s.chars().filter(char::is_ascii_digit).collect();
            d.sort();
            d
        };
        assert_eq!(digits(zh), digits(en), "{zh} / {en}");
        for sign in [',', ':', ';', '"', '(', ')'] {
            assert!(!zh.contains(sign), "half-width {sign} in {zh}");
        }
    }

    #[test]
    fn every_hint_reads_in_both_languages_with_the_same_numbers() {
        let game = classroom();
        for hint in every_hint() {
            check(&hint.words(&game, Lang::Zh), &hint.words(&game, Lang::En));
        }
    }

    #[test]
    fn every_try_next_time_card_reads_in_both_languages_with_the_same_numbers() {
        let game = classroom();
        let scenario = game.scenario();
        for m in every_mistake() {
            check(&m.words(scenario, Lang::Zh), &m.words(scenario, Lang::En));
        }
    }

    /// A plan's card leads with the expert's whole plan, the figure the debrief shows beside it
    /// and the plan "Replay from here" offers, and names the part that gains most alone after
    /// (a playtest read "the budget would have gained 1.2" under −1.3, then was offered the
    /// whole plan worth 1.3).
    #[test]
    fn a_plan_card_leads_with_the_whole_plan_the_replay_offers() {
        let game = classroom();
        for m in every_mistake() {
            if !matches!(m.kind, MistakeKind::Plan { .. }) {
                continue;
            }
            let whole = format!("{:.1}", m.points);
            for lang in [Lang::Zh, Lang::En] {
                let words = m.words(game.scenario(), lang);
                let part = lang.pick("单这一处改动", "one change alone");
                let (lead, rest) = words.split_once(part).expect(&words);
                assert!(lead.contains(&whole), "{words}");
                assert!(!rest.contains(&whole), "{words}");
            }
        }
    }

    /// In a quarterly scenario the cards and hints count quarters: "Quarter 4", "第 4 季度",
    /// "this quarter", never a month.
    #[test]
    fn a_quarterly_scenario_is_coached_in_quarters() {
        let mut scenario = crate::bundled::prepared("classroom_en")
            .unwrap()
            .scenario
            .clone();
        scenario.turn_unit = crate::scenario::TurnUnit::Quarter;
        let game = Game::new(crate::engine::Prepared::new(scenario.clone()), 1);
        let mut said: Vec<(Lang, String)> = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            said.extend(
                every_mistake()
                    .iter()
                    .map(|m| (lang, m.words(&scenario, lang))),
            );
            said.extend(every_hint().iter().map(|h| (lang, h.words(&game, lang))));
        }
        for (lang, words) in &said {
            let month = lang.pick("月", "month");
            assert!(!words.to_lowercase().contains(month), "{words}");
        }
        assert!(said.iter().any(|(_, w)| w.starts_with("Quarter 4")));
        assert!(said.iter().any(|(_, w)| w.starts_with("第 4 季度")));
    }

    /// A finding kept from another game, or a scenario edited under it, names what it cannot
    /// find "?" instead of panicking.
    #[test]
    fn indices_the_scenario_does_not_have_are_worded_without_a_panic() {
        let game = classroom();
        let lost = Hint::PitchMisfit {
            account: AccountId(99),
            stakeholder: MemberId(99),
            approach: ApproachId(99),
            wasted: false,
        };
        assert!(lost.words(&game, Lang::En).contains("\"?\" for ?"));
        let answer = Mistake {
            month: 2,
            decision: 3,
            lesson: Lesson::Rumour,
            kind: MistakeKind::Answer {
                event: crate::ids::EventId(99),
                account: AccountId(99),
                chosen: 0,
                better: 1,
            },
            points: 1.0,
            better_plan: None,
        };
        assert!(
            answer
                .words(game.scenario(), Lang::Zh)
                .contains("第 2 月，?")
        );
    }
}

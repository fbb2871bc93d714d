//! The debrief's teaching-point verdicts in words ([`Evidence`], judged in `crate::verdict`):
//! the numbers a trainee can check, with the accounts, events and negotiations named as the
//! scenario names them.

use super::Lang;
use super::names::account_name;
use crate::ids::{AccountId, EventId};
use crate::model;
use crate::scenario::Scenario;
use crate::verdict::{DISCOUNTS_ALLOWED, Evidence, LeftBehind, Stray};

impl Evidence {
    /// What in the game shows the teaching point met or missed, as a sentence without its
    /// full stop.
    pub fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        match self {
            Evidence::BestPitch { percent, aim } => lang.pick(
                format!("{percent:.0}% 的拜访用了最适合对方风格和需求的方式（目标 ≥ {aim:.0}%）"),
                format!(
                    "{percent:.0}% of visits used the pitch that suits the person best (aim: {aim:.0}% or more)"
                ),
            ),
            Evidence::Deciders { percent, aim } => lang.pick(
                format!("{percent:.0}% 的拜访见到了决策层或高影响力的人（目标 ≥ {aim:.0}%）"),
                format!(
                    "{percent:.0}% of visits reached decision makers or people of high influence (aim: {aim:.0}% or more)"
                ),
            ),
            Evidence::Allocation {
                matched,
                aim,
                strayed,
            } => {
                let mut text = lang.pick(
                    format!("{matched:.0}% 的拜访与各客户能带来的利润相匹配（目标 ≥ {aim:.0}%）"),
                    format!(
                        "{matched:.0}% of visits matched the profit each account can bring (aim: {aim:.0}% or more)"
                    ),
                );
                if let Some(stray) = strayed {
                    text.push_str(&stray.words(scenario, lang));
                }
                text
            }
            Evidence::Tiering {
                tier_a,
                others,
                left_behind,
            } => {
                let u = super::turn_unit(lang, scenario.turn_unit);
                let mut text = lang.pick(
                    format!("A 级客户每{u}拜访达到标准的 {tier_a:.0}%，其他盈利客户 {others:.0}%"),
                    format!(
                        "A accounts got {tier_a:.0}% of their visit norm a {u}, the other profitable accounts {others:.0}%"
                    ),
                );
                if let Some(behind) = left_behind {
                    text.push_str(&behind.words(scenario, lang));
                }
                text
            }
            Evidence::WarningIgnored {
                account,
                month,
                satisfaction,
                visits,
                due,
            } => warning_ignored(scenario, lang, *account, *month, *satisfaction, *visits, *due),
            Evidence::NoAccountLost => lang.pick("没有流失任何客户", "No account was lost").to_owned(),
            Evidence::AccountsLost { to_chance, let_go } => {
                accounts_lost(scenario, lang, to_chance, let_go)
            }
            Evidence::Pipeline {
                decided,
                worked,
                aim,
                mean_chance,
            } => lang.pick(
                format!(
                    "{decided} 个商机由客户做出了决定：按价值加权，跟进达到应有拜访的 {worked:.0}%（目标 ≥ {aim:.0}%）；决定时平均赢单概率 {mean_chance:.0}%。输赢本身由概率决定"
                ),
                format!(
                    "{decided} {} decided: weighted by value, they were worked at {worked:.0}% of the visits due (aim: {aim:.0}% or more); their average chance when decided was {mean_chance:.0}%. Winning or losing each was chance",
                    if *decided == 1 {
                        "opportunity was"
                    } else {
                        "opportunities were"
                    },
                ),
            ),
            Evidence::Discounts { given, over } if over.is_empty() => lang.pick(
                format!("只给过 {given} 次折让，每个客户不超过 {DISCOUNTS_ALLOWED} 次"),
                format!("{given} discounts given, no account more than {DISCOUNTS_ALLOWED} times"),
            ),
            Evidence::Discounts { given, over } => {
                let over = names(scenario, over, lang);
                lang.pick(
                    format!(
                        "给了 {given} 次折让，没有换回任何东西；{over} 各超过 {DISCOUNTS_ALLOWED} 次：让价要换条件，不能白送"
                    ),
                    format!(
                        "{given} discounts given with nothing traded for them; {over} got more than {DISCOUNTS_ALLOWED} each: trade a concession, never give it"
                    ),
                )
            }
            Evidence::Objection {
                account,
                event,
                raised,
                solved,
            } => objection(scenario, lang, *account, *event, *raised, *solved),
            Evidence::Negotiation {
                negotiation,
                verdict,
            } => verdict.evidence(
                &scenario.negotiations[*negotiation].title,
                scenario.turn_unit,
                lang,
            ),
            Evidence::Answer { event, choice } => {
                let e = &scenario.events[*event];
                let label = e.choices.get(*choice).map_or("?", |c| c.label.as_str());
                match lang {
                    Lang::Zh => format!("{}：{label}", e.title),
                    Lang::En => format!("{} — {label}", e.title),
                }
            }
        }
    }
}

impl Stray {
    /// Where a missed allocation strayed, as the clause that follows its share.
    fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        let name = |a: AccountId| account_name(scenario, a);
        let (over, under) = (name(self.over), name(self.under));
        let Stray {
            over_visits,
            over_value,
            under_value,
            under_visits,
            ..
        } = self;
        match lang {
            Lang::Zh => format!(
                "：{over} 得到 {over_visits:.0}% 的拜访，只占 {over_value:.0}% 的价值{}；{under} 占 {under_value:.0}% 的价值，只得到 {under_visits:.0}% 的拜访",
                if self.over_loses_money {
                    "（按现有条件亏损）"
                } else {
                    ""
                },
            ),
            Lang::En => format!(
                ": {over} got {over_visits:.0}% of the visits for {over_value:.0}% of the value{}; {under} holds {under_value:.0}% of the value and got {under_visits:.0}% of the visits",
                if self.over_loses_money {
                    " (it loses money at its terms)"
                } else {
                    ""
                },
            ),
        }
    }
}

impl LeftBehind {
    /// The A account left behind, as the clause that follows the tiering's shares.
    fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        let name = account_name(scenario, self.account);
        let (coverage, best) = (self.coverage, self.best);
        lang.pick(
            format!("；{name} 只得到 {coverage:.0}%，远低于得到最多的 A 级客户（{best:.0}%）"),
            format!(
                "; {name} got only {coverage:.0}%, far below the best-served A account ({best:.0}%)"
            ),
        )
    }
}

/// A key account lost after a warning sign nobody answered.
fn warning_ignored(
    scenario: &Scenario,
    lang: Lang,
    account: AccountId,
    month: u32,
    sat: f64,
    visits: u32,
    due: f64,
) -> String {
    let name = account_name(scenario, account);
    let unit = super::turn_unit(lang, scenario.turn_unit);
    let next = match visits {
        0 => lang.pick(
            "下一个{unit}却一次也没有拜访".replace("{unit}", unit),
            format!("the next {unit} it got no visit"),
        ),
        _ => lang.pick(
            format!("下一个{unit}却只拜访了 {visits} 次，没有比之前多"),
            format!(
                "the next {unit} it got {}, no more than before",
                super::count(lang, visits as usize, super::Counted::Visit)
            ),
        ),
    };
    let floor = model::CHURN_SATISFACTION;
    lang.pick(
        format!(
            "流失了关键客户 {name}：第 {month} 个{unit}末满意度 {sat:.1}，已低于 {floor:.0}，{next}（应有 {due:.0} 次）"
        ),
        format!(
            "Key account {name} was lost: at the end of {unit} {month} its satisfaction was {sat:.1}, under {floor:.0}, and {next} ({due:.0} were due)"
        ),
    )
}

/// The accounts lost with no warning left unanswered: chance's, and those let go.
fn accounts_lost(
    scenario: &Scenario,
    lang: Lang,
    to_chance: &[AccountId],
    let_go: &[AccountId],
) -> String {
    let mut text = Vec::new();
    if !to_chance.is_empty() {
        let lost = names(scenario, to_chance, lang);
        text.push(lang.pick(
            format!(
                "流失的客户（{lost}）出现预警后都得到了回应，或不属于关键客户：流失由概率决定，见“由运气决定的”一节"
            ),
            format!(
                "The accounts lost ({lost}) got a response to their warning signs or were not key accounts: chance took them (see \"Decided by chance\")"
            ),
        ));
    }
    if !let_go.is_empty() {
        let let_go = names(scenario, let_go, lang);
        text.push(lang.pick(
            format!("{let_go} 按原条件亏损，课程认为这样的客户可以放手"),
            format!(
                "{let_go} lost money at its starting terms: the course says such accounts may be let go"
            ),
        ));
    }
    text.join(lang.pick("；", "; "))
}

/// A solvable objection: solved for good, or only stop-gapped each time it was raised.
fn objection(
    scenario: &Scenario,
    lang: Lang,
    account: AccountId,
    event: EventId,
    raised: usize,
    solved: bool,
) -> String {
    let account = account_name(scenario, account);
    // Titles are often quotes already ("Changeovers take too long"): quoted once.
    let title = scenario.events[event]
        .title
        .trim_matches(|c| matches!(c, '"' | '“' | '”' | '「' | '」'));
    if solved {
        lang.pick(
            format!("{account}：“{title}”被彻底解决"),
            format!("{account}: \"{title}\" was solved for good"),
        )
    } else {
        lang.pick(
            format!("{account}：“{title}”被提出 {raised} 次，每次都只是应付，没有解决"),
            format!(
                "{account}: \"{title}\" was raised {raised} times and only ever stop-gapped, never solved"
            ),
        )
    }
}

/// Accounts' names in a list: 「甲、乙」, "A, B".
fn names(scenario: &Scenario, accounts: &[AccountId], lang: Lang) -> String {
    accounts
        .iter()
        .map(|&a| account_name(scenario, a))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::NegotiationId;
    use crate::negotiation_verdict::DealVerdict;

    /// One of each kind of evidence, over the Chinese classroom's first accounts, event and
    /// negotiation.
    fn every_evidence() -> Vec<Evidence> {
        let stray = Stray {
            over: AccountId(0),
            over_visits: 41.0,
            over_value: 12.0,
            over_loses_money: true,
            under: AccountId(1),
            under_value: 30.0,
            under_visits: 9.0,
        };
        vec![
            Evidence::BestPitch {
                percent: 64.0,
                aim: 75.0,
            },
            Evidence::Deciders {
                percent: 52.0,
                aim: 40.0,
            },
            Evidence::Allocation {
                matched: 70.0,
                aim: 82.0,
                strayed: Some(stray),
            },
            Evidence::Tiering {
                tier_a: 88.0,
                others: 97.0,
                left_behind: Some(LeftBehind {
                    account: AccountId(2),
                    coverage: 35.0,
                    best: 120.0,
                }),
            },
            Evidence::WarningIgnored {
                account: AccountId(1),
                month: 4,
                satisfaction: 31.5,
                visits: 2,
                due: 3.0,
            },
            Evidence::WarningIgnored {
                account: AccountId(1),
                month: 4,
                satisfaction: 31.5,
                visits: 0,
                due: 3.0,
            },
            Evidence::NoAccountLost,
            Evidence::AccountsLost {
                to_chance: vec![AccountId(0), AccountId(2)],
                let_go: vec![AccountId(1)],
            },
            Evidence::Pipeline {
                decided: 3,
                worked: 76.0,
                aim: 70.0,
                mean_chance: 58.0,
            },
            Evidence::Discounts {
                given: 2,
                over: Vec::new(),
            },
            Evidence::Discounts {
                given: 7,
                over: vec![AccountId(0), AccountId(1)],
            },
            Evidence::Objection {
                account: AccountId(0),
                event: EventId(0),
                raised: 3,
                solved: false,
            },
            Evidence::Objection {
                account: AccountId(0),
                event: EventId(0),
                raised: 1,
                solved: true,
            },
            Evidence::Negotiation {
                negotiation: NegotiationId(0),
                verdict: DealVerdict::WinWin {
                    before: 20.0,
                    after: 18.5,
                },
            },
            Evidence::Negotiation {
                negotiation: NegotiationId(0),
                verdict: DealVerdict::GaveTooMuch {
                    before: 20.0,
                    after: 15.0,
                },
            },
            Evidence::Negotiation {
                negotiation: NegotiationId(0),
                verdict: DealVerdict::NoDealUnanswered,
            },
            Evidence::Answer {
                event: EventId(0),
                choice: 0,
            },
        ]
    }

    /// Every kind of evidence reads in both languages with the same numbers, the Chinese with
    /// full-width punctuation, the accounts named as the scenario names them.
    #[test]
    fn every_evidence_reads_in_both_languages_with_its_numbers() {
        let prepared = crate::bundled::prepared("classroom_zh").unwrap();
        let scenario = &prepared.scenario;
        let digits = |s: &str| -> Vec<char> {
            let mut d: Vec<char> = s.chars().filter(char::is_ascii_digit).collect();
            d.sort();
            d
        };
        for evidence in every_evidence() {
            let zh = evidence.words(scenario, Lang::Zh);
            let en = evidence.words(scenario, Lang::En);
            assert_ne!(zh, en);
            assert_eq!(digits(&zh), digits(&en), "{zh} / {en}");
            assert!(
                !zh.contains([',', ':', ';', '(']),
                "half-width punctuation in {zh}"
            );
        }
        let allocation = every_evidence()[2].words(scenario, Lang::Zh);
        let (over, under) = (&scenario.accounts[0].name, &scenario.accounts[1].name);
        assert!(
            allocation.contains(&format!(
                "：{over} 得到 41% 的拜访，只占 12% 的价值（按现有条件亏损）；{under} 占 30% 的价值"
            )),
            "{allocation}"
        );
        let lost = every_evidence()[7].words(scenario, Lang::En);
        assert!(
            lost.contains(&format!("({over}, {})", scenario.accounts[2].name))
                && lost.ends_with("may be let go"),
            "{lost}"
        );
    }
}

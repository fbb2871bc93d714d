//! The engine's refusals in words: why a plan, an answer or an offer was not taken, in either
//! language. The engine returns them typed ([`PlanError`], [`DecisionError`], [`OfferError`]);
//! each layer says them here, at its edge, in its player's language. `Display` is the
//! English, for logs and the command line's `--lang en`.
//!
//! Accounts, people, issues and options are numbered as the scenario lists them, from 0 (the
//! result files' decision logs number them the same way).

use crate::engine::{DecisionError, OfferError, PlanError};
use crate::record::RestoreError;
use crate::words::Lang;

impl PlanError {
    /// Why the plan was refused, as a sentence without its full stop.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            PlanError::NotPlanning => lang
                .pick("现在不是做计划的时候", "the turn is not in its planning phase")
                .to_owned(),
            PlanError::TooManyVisits { planned, capacity } => lang.pick(
                format!("计划了 {planned} 次拜访，但一个回合只排得下 {capacity} 次"),
                format!("{planned} visits planned but only {capacity} fit in a turn"),
            ),
            PlanError::OverBudget { planned, budget } => lang.pick(
                format!("资源花费 {planned:.1}，超过了预算 {budget:.1}"),
                format!("resources cost {planned:.1} but the budget is {budget:.1}"),
            ),
            PlanError::NoSuchAccount(a) => lang.pick(
                format!("没有第 {a} 号客户"),
                format!("no account number {a}"),
            ),
            PlanError::AccountLost(a) => lang.pick(
                format!("第 {a} 号客户已经流失了"),
                format!("account {a} has been lost"),
            ),
            PlanError::NoSuchStakeholder {
                account,
                stakeholder,
            } => lang.pick(
                format!("第 {account} 号客户没有第 {stakeholder} 号联系人"),
                format!("account {account} has no stakeholder number {stakeholder}"),
            ),
            PlanError::StakeholderLeft {
                account,
                stakeholder,
            } => lang.pick(
                format!("第 {account} 号客户的第 {stakeholder} 号联系人已经离开了采购决策链"),
                format!("stakeholder {stakeholder} of account {account} has left"),
            ),
            PlanError::NoSuchApproach(p) => lang.pick(
                format!("没有第 {p} 号拜访方式"),
                format!("no approach number {p}"),
            ),
            PlanError::NoSuchResource(r) => lang.pick(
                format!("没有第 {r} 号资源"),
                format!("no resource number {r}"),
            ),
            PlanError::TooManyUnits {
                account,
                resource,
                planned,
                max,
            } => lang.pick(
                format!(
                    "第 {account} 号客户计划用第 {resource} 号资源 {planned} 份，最多只能用 {max} 份"
                ),
                format!(
                    "{planned} units of resource {resource} for account {account}, at most {max} allowed"
                ),
            ),
        }
    }
}

impl OfferError {
    /// Why the offer was refused, as a sentence without its full stop.
    pub fn words(&self, lang: Lang) -> String {
        match *self {
            OfferError::WrongLength { given, issues } => lang.pick(
                format!("报价给了 {given} 个条款的选项，而这场谈判有 {issues} 个条款"),
                format!("{given} options given for {issues} issues"),
            ),
            OfferError::NoSuchOption { issue, option } => lang.pick(
                format!("第 {issue} 个条款没有第 {option} 个选项"),
                format!("issue {issue} has no option number {option}"),
            ),
        }
    }
}

impl DecisionError {
    /// Why the decision was refused, as a sentence without its full stop.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            DecisionError::Plan(e) => lang.pick(
                format!("计划没有被接受：{}", e.words(lang)),
                format!("plan refused: {}", e.words(lang)),
            ),
            DecisionError::NoPendingEvent => lang
                .pick("没有等待应对的事件", "no event is waiting for an answer")
                .to_owned(),
            DecisionError::NoSuchChoice(c) => lang.pick(
                format!("这个事件没有第 {c} 个选项"),
                format!("the event has no choice number {c}"),
            ),
            DecisionError::NoPendingNegotiation => lang
                .pick("没有正在进行的谈判", "no negotiation is under way")
                .to_owned(),
            DecisionError::BadOffer(e) => lang.pick(
                format!("报价没有被接受：{}", e.words(lang)),
                format!("offer refused: {}", e.words(lang)),
            ),
            DecisionError::Finished => lang.pick("游戏已经结束", "the game is over").to_owned(),
            DecisionError::NoSuchPerson {
                account,
                stakeholder,
            } => lang.pick(
                format!("第 {account} 号客户没有第 {stakeholder} 号联系人"),
                format!("account {account} has no person number {stakeholder}"),
            ),
        }
    }
}

impl RestoreError {
    /// Why the record cannot be played again here, as a sentence without its full stop.
    /// Decisions are counted from 1, as a reader counts them.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            RestoreError::OtherModel { made, here } => lang.pick(
                format!(
                    "这份记录用模型 {made} 做出，本版是模型 {here}：这里无法核对（请用做出它的那一版 kam-trainer 重放）"
                ),
                format!(
                    "made with model {made}; this is model {here}: it cannot be verified here (replay it with the kam-trainer release that made it)"
                ),
            ),
            RestoreError::OtherScenario { record, here } => lang.pick(
                format!("这份记录是情景 `{record}` 的，不是 `{here}` 的"),
                format!("this record is for scenario `{record}`, not `{here}`"),
            ),
            RestoreError::ScenarioChanged => lang
                .pick(
                    "做出这份记录之后，情景文件改过了",
                    "the scenario has changed since this record was made",
                )
                .to_owned(),
            RestoreError::Decision { index, error } => lang.pick(
                format!("第 {} 个决策无法重放：{}", index + 1, error.words(lang)),
                format!(
                    "decision {} cannot be replayed: {}",
                    index + 1,
                    error.words(lang)
                ),
            ),
        }
    }
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl std::error::Error for RestoreError {}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl std::fmt::Display for OfferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl std::error::Error for OfferError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AccountId, ApproachId, MemberId, ResourceId};

    fn every_refusal() -> Vec<DecisionError> {
        let plans = [
            PlanError::NotPlanning,
            PlanError::TooManyVisits {
                planned: 22,
                capacity: 21,
            },
            PlanError::OverBudget {
                planned: 12.5,
                budget: 10.0,
            },
            PlanError::NoSuchAccount(AccountId(9)),
            PlanError::AccountLost(AccountId(2)),
            PlanError::NoSuchStakeholder {
                account: AccountId(1),
                stakeholder: MemberId(7),
            },
            PlanError::StakeholderLeft {
                account: AccountId(1),
                stakeholder: MemberId(0),
            },
            PlanError::NoSuchApproach(ApproachId(5)),
            PlanError::NoSuchResource(ResourceId(4)),
            PlanError::TooManyUnits {
                account: AccountId(0),
                resource: ResourceId(1),
                planned: 4,
                max: 3,
            },
        ];
        let mut all: Vec<DecisionError> = plans.into_iter().map(DecisionError::Plan).collect();
        all.extend([
            DecisionError::NoPendingEvent,
            DecisionError::NoSuchChoice(3),
            DecisionError::NoPendingNegotiation,
            DecisionError::BadOffer(OfferError::WrongLength {
                given: 2,
                issues: 3,
            }),
            DecisionError::BadOffer(OfferError::NoSuchOption {
                issue: 1,
                option: 4,
            }),
            DecisionError::Finished,
            DecisionError::NoSuchPerson {
                account: AccountId(0),
                stakeholder: MemberId(6),
            },
        ]);
        all
    }

    #[test]
    fn a_record_that_cannot_be_restored_says_why_in_both_languages() {
        let refused = RestoreError::Decision {
            index: 4,
            error: DecisionError::NoSuchChoice(3),
        };
        assert_eq!(
            refused.to_string(),
            "decision 5 cannot be replayed: the event has no choice number 3"
        );
        assert_eq!(
            refused.words(Lang::Zh),
            "第 5 个决策无法重放：这个事件没有第 3 个选项"
        );
        let other = RestoreError::OtherModel { made: 3, here: 4 };
        assert!(other.words(Lang::Zh).contains("模型 3"));
    }

    #[test]
    fn every_refusal_reads_in_chinese_with_its_numbers_and_in_english_as_display() {
        for refusal in every_refusal() {
            let zh = refusal.words(Lang::Zh);
            let en = refusal.words(Lang::En);
            assert_eq!(refusal.to_string(), en);
            assert!(zh.chars().any(|c| c > '\u{2e80}'), "not Chinese: {zh}");
            let digits = |s: &str| -> Vec<char> {
                let mut d: Vec<char> = s.chars().filter(char::is_ascii_digit).collect();
                d.sort();
                d
            };
            assert_eq!(digits(&zh), digits(&en), "{zh} / {en}");
            assert!(!zh.contains(',') && !zh.contains(':'), "half-width in {zh}");
        }
    }
}

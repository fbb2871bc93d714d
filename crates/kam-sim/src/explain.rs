//! Words for the engine's numbers: what each cause was, and the red/yellow/blue warning signs
//! of an account's health (三级预警). Scenario text is shown as written; the rest comes in the
//! player's language.

use crate::engine::{self, Cause, Game, Metric, Source};
use crate::scenario::{BuyingRole, Language, Layer};

fn t(lang: Language, zh: &str, en: &str) -> String {
    match lang {
        Language::Zh => zh.to_owned(),
        Language::En => en.to_owned(),
    }
}

pub fn metric_name(metric: Metric, lang: Language) -> String {
    match metric {
        Metric::Satisfaction => t(lang, "满意度", "Satisfaction"),
        Metric::Relationship => t(lang, "关系", "Relationship"),
        Metric::Share => t(lang, "份额", "Share"),
        Metric::Revenue => t(lang, "收入", "Revenue"),
    }
}

/// What a metric means, for tooltips.
pub fn metric_help(metric: Metric, lang: Language) -> String {
    match metric {
        Metric::Satisfaction => t(
            lang,
            "客户满意度（0–100）。拜访、资源和事件处理会提升它；没有接触和竞争压力会降低它。低于 50 时客户有流失风险。",
            "Customer satisfaction (0–100). Visits, resources and well-handled events raise it; no contact and competitor pressure lower it. Below 50 the customer may defect.",
        ),
        Metric::Relationship => t(
            lang,
            "采购中心对我们的支持度，按影响力加权（0–100）。拜访时用对方的沟通风格能赢得支持。",
            "Support for us across the buying centre, weighted by influence (0–100). Visits pitched to each person's style win support.",
        ),
        Metric::Share => t(
            lang,
            "我们在客户该品类采购中的份额（%）。满意度高于 55 时份额增长，低于时流失；竞争压力侵蚀关系薄弱的份额。",
            "Our share of the customer's spend in this category (%). It grows while satisfaction is above 55 and shrinks below; competitors erode it where the relationship is weak.",
        ),
        Metric::Revenue => t(
            lang,
            "本回合收入 = 客户采购潜力 × 份额 × 价格水平，加上赢得商机的一次性收入。",
            "Revenue this turn = the customer's potential × share × price level, plus one-off revenue from opportunities won.",
        ),
    }
}

/// One line saying what caused a change.
pub fn cause_text(game: &Game, account: usize, cause: &Cause, lang: Language) -> String {
    let scenario = game.scenario();
    let person = |p: usize| {
        game.accounts()[account]
            .people
            .get(p)
            .map_or_else(|| "?".to_owned(), |x| x.person.name.clone())
    };
    match cause.source {
        Source::Visit {
            stakeholder,
            approach,
        } => {
            let a = &scenario.approaches[approach];
            let fit = game.accounts()[account]
                .people
                .get(stakeholder)
                .map_or(1.0, |p| engine::fit(a, &p.person));
            let note = if fit >= 1.2 {
                t(lang, "，方式对路", ", a good fit for their style")
            } else if fit < 0.9 {
                t(lang, "，方式不对路", ", a poor fit for their style")
            } else {
                String::new()
            };
            match lang {
                Language::Zh => format!("拜访{}（{}）{note}", person(stakeholder), a.name),
                Language::En => format!("Visit to {} ({}){note}", person(stakeholder), a.name),
            }
        }
        Source::Cooling => t(
            lang,
            "没有接触，关系自然降温",
            "Cooling: relationships fade without contact",
        ),
        Source::PersonCooling => t(
            lang,
            "本回合未拜访的人支持度下降",
            "People not visited this turn cooled",
        ),
        Source::Resource { resource } => scenario.means.resources[resource].name.clone(),
        Source::Competitor => t(lang, "竞争对手的压力", "Competitor pressure"),
        Source::Choice { event, choice } => {
            let e = &scenario.events[event];
            format!("{}: {}", e.title, e.choices[choice].label)
        }
        Source::RepeatedObjection { event } => match lang {
            Language::Zh => format!("同一异议再次出现且未解决：{}", scenario.events[event].title),
            Language::En => format!(
                "The same objection again, unresolved: {}",
                scenario.events[event].title
            ),
        },
        Source::Negotiation { negotiation } => {
            let n = &scenario.negotiations[negotiation];
            let title = if n.title.is_empty() {
                n.id.clone()
            } else {
                n.title.clone()
            };
            match lang {
                Language::Zh => format!("谈判：{title}"),
                Language::En => format!("Negotiation: {title}"),
            }
        }
        Source::SatisfactionTrend => t(lang, "份额随满意度变化", "Share follows satisfaction"),
        Source::OpportunityWon { opportunity } => {
            let name = game.accounts()[account]
                .opportunities
                .get(opportunity)
                .map_or_else(String::new, |o| o.opportunity.name.clone());
            match lang {
                Language::Zh => format!("赢得商机：{name}"),
                Language::En => format!("Opportunity won: {name}"),
            }
        }
        Source::OneOffEnded => t(
            lang,
            "上回合的一次性收入不再发生",
            "Last turn's one-off revenue does not recur",
        ),
        Source::Churn => t(lang, "客户流失", "The account was lost"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningLevel {
    Red,
    Yellow,
    Blue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub level: WarningLevel,
    pub text: String,
}

/// The account's warning signs now, most serious first.
pub fn warnings(game: &Game, account: usize, lang: Language) -> Vec<Warning> {
    use WarningLevel::*;
    let state = &game.accounts()[account];
    let def = &game.scenario().accounts[account];
    let mut out = Vec::new();
    let mut warn = |level, zh: &str, en: &str| {
        out.push(Warning {
            level,
            text: t(lang, zh, en),
        })
    };
    let hazard = game.churn_hazard(account);
    let risk = match lang {
        Language::Zh => format!("流失风险高：每回合约 {:.0}%", hazard * 100.0),
        Language::En => format!("High defection risk: about {:.0}% a turn", hazard * 100.0),
    };
    if state.churned {
        warn(Red, "客户已流失", "Account lost");
        return out;
    }
    if hazard >= 0.1 {
        warn(Red, &risk, &risk);
    } else if state.satisfaction < 50.0 {
        warn(
            Yellow,
            "满意度低于 50：客户开始考虑替代方案",
            "Satisfaction below 50: the customer is looking at alternatives",
        );
    }
    if state.neglected_for >= 3 {
        warn(
            Red,
            "连续三个回合以上拜访不足",
            "Under-visited for three turns or more",
        );
    } else if state.neglected_for >= 2 {
        warn(
            Yellow,
            "连续两个回合拜访不足",
            "Under-visited two turns running",
        );
    }
    if state.pressure >= 60.0 {
        warn(Yellow, "竞争对手攻势猛烈", "A competitor is pushing hard");
    }
    let decision_makers: Vec<_> = state
        .people
        .iter()
        .filter(|p| {
            p.present
                && (p.person.role == BuyingRole::DecisionMaker || p.person.layer == Layer::Decision)
        })
        .collect();
    if decision_makers.is_empty() {
        warn(
            Yellow,
            "采购中心里没有已知的决策者",
            "No known decision maker in the buying centre",
        );
    } else if decision_makers.iter().all(|p| p.support < 40.0) {
        warn(
            Yellow,
            "决策层不支持我们",
            "The decision makers do not back us",
        );
    }
    if state.people.iter().any(|p| !p.present) {
        warn(Blue, "采购中心人员有变动", "The buying centre has changed");
    }
    if def.credit_risk >= 50.0 && state.contract.payment_days > 60.0 {
        warn(
            Yellow,
            "信用风险高且账期长",
            "High credit risk with long payment terms",
        );
    }
    let turn = game.turn();
    if let Some(r) = state.contract.renewal_turn
        && r >= turn
        && r <= turn + 2
    {
        warn(Blue, "合同即将续约", "Contract renewal coming up");
    }
    if state
        .opportunities
        .iter()
        .any(|o| o.status == engine::OpportunityStatus::Open && o.stage >= 4)
    {
        warn(
            Blue,
            "有商机进入后期阶段",
            "An opportunity is in a late stage",
        );
    }
    let history = game.history(account);
    if let [.., before, last] = history
        && last.share < before.share - 0.5
    {
        warn(Blue, "份额在下降", "Share is falling");
    }
    out.sort_by_key(|w| w.level);
    out
}

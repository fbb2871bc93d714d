//! Words for the engine's numbers: what each cause was, and the red/yellow/blue warning signs
//! of an account's health (三级预警). Scenario text is shown as written; the rest comes in the
//! player's language.

use crate::engine::{self, Cause, Game, Metric, Source};
use crate::ids::MemberId;
use crate::model;
use crate::scenario::{BuyingRole, Language, Layer};

/// [`Language::pick`] for the owned strings this module builds.
fn t(lang: Language, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_owned()
}

pub fn metric_name(metric: Metric, lang: Language) -> String {
    match metric {
        Metric::Satisfaction => t(lang, "满意度", "Satisfaction"),
        Metric::Relationship => t(lang, "关系", "Relationship"),
        Metric::Share => t(lang, "份额", "Share"),
        Metric::Revenue => t(lang, "收入", "Revenue"),
        Metric::Margin => t(lang, "毛利率", "Margin"),
        Metric::PriceLevel => t(lang, "价格（标价的百分点）", "Price (% of list)"),
        Metric::ExpectedPrice => t(
            lang,
            "客户预期价格（标价的百分点）",
            "Expected price (% of list)",
        ),
        Metric::PaymentDays => t(lang, "账期", "Payment days"),
        Metric::Cash => t(lang, "一次性收支", "One-off money"),
        Metric::Forecast => t(lang, "商机预测", "Pipeline forecast"),
    }
}

/// The factor a change of `metric` is shown at: prices in percentage points of list price,
/// everything else as it is.
pub fn shown_scale(metric: Metric) -> f64 {
    match metric {
        Metric::PriceLevel | Metric::ExpectedPrice => 100.0,
        _ => 1.0,
    }
}

/// What a metric means, for tooltips.
pub fn metric_help(metric: Metric, lang: Language) -> String {
    match metric {
        Metric::Satisfaction => {
            let churn = model::CHURN_SATISFACTION;
            lang.pick(
                format!(
                    "客户满意度（0–100）。拜访、资源和事件处理会提升它；没有接触和竞争压力会降低它。低于 {churn} 时客户有流失风险。"
                ),
                format!(
                    "Customer satisfaction (0–100). Visits, resources and well-handled events raise it; no contact and competitor pressure lower it. Below {churn} the customer may defect."
                ),
            )
        }
        Metric::Relationship => t(
            lang,
            "采购中心对我们的支持度，按影响力加权（0–100）。拜访时用对方的沟通风格能赢得支持。",
            "Support for us across the buying centre, weighted by influence (0–100). Visits pitched to each person's style win support.",
        ),
        Metric::Share => {
            let neutral = model::SHARE_NEUTRAL_SATISFACTION;
            lang.pick(
                format!(
                    "我们在客户该品类采购中的份额（%）。满意度高于 {neutral} 时份额增长，低于时流失；竞争压力侵蚀关系薄弱的份额。"
                ),
                format!(
                    "Our share of the customer's spend in this category (%). It grows while satisfaction is above {neutral} and shrinks below; competitors erode it where the relationship is weak."
                ),
            )
        }
        Metric::Revenue => t(
            lang,
            "本期收入 = 客户采购潜力 × 份额 × 价格水平，加上赢得商机的一次性收入。",
            "Revenue this period = the customer's potential × share × price level, plus one-off revenue from opportunities won.",
        ),
        Metric::Margin => t(
            lang,
            "按标价计算的毛利率（%）。价格让步直接从中扣除。",
            "Gross margin in percent of list-price sales. Price concessions come straight off it.",
        ),
        Metric::PriceLevel => t(
            lang,
            "合同价格相对标价（1.00 为标价）。只有谈判能改变它。",
            "The contract price relative to list (1.00 is list price). Only a negotiation changes it.",
        ),
        Metric::ExpectedPrice => t(
            lang,
            "客户心目中的价格。每次折让都会拉低它；只要实付价格高于它，客户就会不满，并在下次谈判中要求更多。",
            "The price the customer expects. Every discount lowers it; while the price paid stands above it the customer resents it and asks for more at the next negotiation.",
        ),
        Metric::PaymentDays => t(
            lang,
            "客户付款所需的天数。账期越长，资金占用和坏账风险越大。",
            "Days the customer takes to pay. Longer terms tie up money and raise the risk of bad debt.",
        ),
        Metric::Cash => t(
            lang,
            "本期的一次性收支：折让、事件处理的费用、补偿等。",
            "One-off money this period: discounts, the cost of answering an event, compensation.",
        ),
        Metric::Forecast => {
            let rates = |sep: &str, unit: &str| {
                model::STAGE_WIN_RATES
                    .iter()
                    .map(|r| format!("{:.0}{unit}", r * 100.0))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            lang.pick(
                format!(
                    "销售预计 = Σ 未结商机金额 × 阶段赢率（{}）。",
                    rates("、", "%")
                ),
                format!(
                    "Pipeline forecast = Σ open opportunity value × stage win rate ({} %).",
                    rates(", ", "")
                ),
            )
        }
    }
}

/// A cause as a whole game's story names it, summed over its months: the words of
/// [`cause_text`] without the month they happened in ("no visit this month" read oddly in a
/// twelve-month story).
pub fn cause_text_over_game(game: &Game, account: usize, cause: &Cause, lang: Language) -> String {
    let unit = crate::words::turn_unit(lang, game.scenario().turn_unit);
    match cause.source {
        Source::Cooling => {
            let mut unit_en = unit.to_owned();
            if let Some(first) = unit_en.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            lang.pick(
                format!("没有拜访的那几个{unit}，关系自然降温"),
                format!("{unit_en}s without a visit: the relationship cooled"),
            )
        }
        Source::PersonCooling => lang.pick(
            "没有被拜访的人支持度下降".to_owned(),
            "People not visited cooled".to_owned(),
        ),
        _ => cause_text(game, account, cause, lang),
    }
}

/// One line saying what caused a change.
pub fn cause_text(game: &Game, account: usize, cause: &Cause, lang: Language) -> String {
    let scenario = game.scenario();
    let unit = crate::words::turn_unit(lang, scenario.turn_unit);
    let person = |p: MemberId| {
        game.accounts()[account]
            .people
            .get(p.index())
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
                .get(stakeholder.index())
                .map_or(1.0, |p| model::fit(a, &p.person));
            let note = if fit >= model::GOOD_FIT {
                t(lang, "，方式对路", ", a good fit for their style")
            } else if fit <= model::WASTED_FIT {
                t(
                    lang,
                    "，方式完全不对路：这次拜访白费了",
                    ", the opposite of their style: a wasted visit",
                )
            } else if fit < model::SUPPORT_NEUTRAL_FIT {
                t(lang, "，方式不对路", ", a poor fit for their style")
            } else {
                String::new()
            };
            match lang {
                Language::Zh => format!("拜访{}（{}）{note}", person(stakeholder), a.name),
                Language::En => format!("Visit to {} ({}){note}", person(stakeholder), a.name),
            }
        }
        Source::Cooling => lang.pick(
            format!("这个{unit}没有拜访，关系自然降温"),
            format!("No visit this {unit}: the relationship cooled"),
        ),
        Source::UnderServed => t(
            lang,
            "有效接触不足，客户仍在降温：拜访的次数、方式是否对路、见的人有多大影响力、对我们的支持度、同一个人见了几次，都决定一次拜访算多少",
            "Too little effective contact: still cooling. A visit counts for more when it is well pitched, reaches someone influential who backs us, and is not the same person again; the number of visits is only one part",
        ),
        Source::PriceExpectation => t(
            lang,
            "客户已习惯折扣价：实付价格高于预期，好感消退",
            "The customer got used to the discount: paying more than they now expect, the goodwill fades",
        ),
        Source::BuyingCentreChange { event } => match lang {
            Language::Zh => format!("采购中心人员变动：{}", scenario.events[event].title),
            Language::En => format!(
                "The buying centre changed: {}",
                scenario.events[event].title
            ),
        },
        Source::PersonCooling => lang.pick(
            format!("这个{unit}没有拜访的人支持度下降"),
            format!("People not visited this {unit} cooled"),
        ),
        Source::Resource { resource } => scenario.means.resources[resource].name.clone(),
        Source::Competitor => t(lang, "竞争对手的压力", "Competitor pressure"),
        Source::Choice { event, choice } => {
            let e = &scenario.events[event];
            let (title, answer) = (&e.title, &e.choices[choice].label);
            match lang {
                Language::Zh => format!("{title}：{answer}"),
                Language::En => format!("{title}: {answer}"),
            }
        }
        Source::OpenObjection { event } => match lang {
            Language::Zh => format!("异议仍未解决：{}", scenario.events[event].title),
            Language::En => format!(
                "The objection still stands, unsolved: {}",
                scenario.events[event].title
            ),
        },
        Source::RepeatedObjection { event }
            if scenario.events[event].kind != crate::scenario::EventKind::Objection =>
        {
            match lang {
                Language::Zh => {
                    format!("同一问题再次出现且未解决：{}", scenario.events[event].title)
                }
                Language::En => format!(
                    "The same issue again, unresolved: {}",
                    scenario.events[event].title
                ),
            }
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
        Source::OpportunityAdvanced { opportunity } => {
            let name = opportunity_name(game, account, opportunity);
            match lang {
                Language::Zh => format!("商机推进到下一阶段：{name}（关系与拜访投入）"),
                Language::En => {
                    format!("Opportunity moved up a stage: {name} (relationship and visits)")
                }
            }
        }
        Source::OpportunityWon { opportunity } => {
            let name = opportunity_name(game, account, opportunity);
            match lang {
                Language::Zh => format!("赢得商机：{name}"),
                Language::En => format!("Opportunity won: {name}"),
            }
        }
        Source::OpportunityLost { opportunity } => {
            let name = opportunity_name(game, account, opportunity);
            // The odds it had when the customer decided, as the month's record kept them.
            let odds = game
                .history(account)
                .iter()
                .flat_map(|r| &r.closes)
                .find(|c| c.opportunity == opportunity)
                .map(|c| (c.stage, c.satisfaction, 100.0 * c.chance));
            match (lang, odds) {
                (Language::Zh, Some((stage, sat, chance))) => format!(
                    "商机丢失：{name}。客户决定时处于第 {stage}/6 阶段、满意度 {sat:.0}，赢单概率 {chance:.0}%，这次没有赢下"
                ),
                (Language::En, Some((stage, sat, chance))) => format!(
                    "Opportunity lost: {name}. When the customer decided it stood at stage {stage}/6 with satisfaction {sat:.0}, the chance of winning was {chance:.0}%, and it went the other way"
                ),
                (Language::Zh, None) => format!("商机丢失：{name}（客户决定不选我们）"),
                (Language::En, None) => {
                    format!("Opportunity lost: {name} (the customer decided against us)")
                }
            }
        }
        Source::OneOffEnded => lang.pick(
            format!("上个{unit}的一次性收入不再发生"),
            format!("Last {unit}'s one-off revenue does not recur"),
        ),
        Source::Churn => {
            // The month it was lost is the first record that says so.
            match game.history(account).iter().find(|r| r.churned) {
                Some(r) => {
                    let (sat, floor, chance) = (
                        r.satisfaction,
                        model::CHURN_SATISFACTION,
                        100.0 * r.defection_chance,
                    );
                    match lang {
                        Language::Zh => format!(
                            "客户流失：满意度 {sat:.1} 低于 {floor:.0}，本月流失概率 {chance:.1}%，不幸发生了"
                        ),
                        Language::En => format!(
                            "The account defected: satisfaction {sat:.1} was under {floor:.0}, the chance of leaving this month was {chance:.1}%, and it came up"
                        ),
                    }
                }
                None => t(lang, "客户流失", "The account was lost"),
            }
        }
    }
}

/// What one unit of a resource does, from the scenario's own numbers: the first unit's
/// effects, each further unit in the same month half the one before ([`model::resource_strength`]).
pub fn resource_effects(resource: &crate::scenario::Resource, lang: Language) -> String {
    let mut parts = Vec::new();
    let mut add = |x: f64, zh: &str, en: &str| {
        if x.abs() > 1e-9 {
            let sign = if x > 0.0 { "+" } else { "−" };
            parts.push(format!("{} {sign}{:.1}", lang.pick(zh, en), x.abs()));
        }
    };
    add(resource.satisfaction, "满意度", "satisfaction");
    add(
        resource.support,
        "每位相关人的支持度",
        "support of everyone in the buying centre",
    );
    add(
        resource.share,
        "钱包份额（百分点）",
        "share of wallet (points)",
    );
    add(
        resource.margin,
        "本月毛利率（百分点）",
        "this month's margin (points)",
    );
    add(resource.pressure, "竞争压力", "competitor pressure");
    if parts.is_empty() {
        return String::new();
    }
    let floor = 100.0 * model::RESOURCE_CONTACT_FLOOR;
    // A discount's cost does not end with the month: say so where it is bought.
    let memory = if resource.margin < 0.0 {
        lang.pick(
            "折让还会让客户降低对价格的预期，之后回到原价时会引起不满。",
            " A discount also lowers the price the customer expects, and going back to the full price later breeds resentment.",
        )
    } else {
        ""
    };
    lang.pick(
        format!(
            "第一份：{}；同一客户同月再加一份，效果减半。当月拜访达到标准才全部见效，没有拜访只见效 {floor:.0}%。{memory}",
            parts.join("，")
        ),
        format!(
            "First unit: {}; each further unit for the same account in a month does half the one before. It lands in full with the account's norm of visits that month, {floor:.0}% of it with none.{memory}",
            parts.join(", ")
        ),
    )
}

fn opportunity_name(game: &Game, account: usize, opportunity: usize) -> String {
    game.accounts()[account]
        .opportunities
        .get(opportunity)
        .map_or_else(String::new, |o| o.opportunity.name.clone())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningLevel {
    Red,
    Yellow,
    Blue,
}

/// A warning sign on an account, with how serious it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Warning {
    pub level: WarningLevel,
    pub sign: WarningSign,
}

/// What the dashboard warns of, with the numbers its words give; worded in
/// `crate::words::explain`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WarningSign {
    Lost,
    /// The chance of losing the account this turn ([`Game::churn_hazard`]).
    DefectionRisk {
        hazard: f64,
    },
    /// Satisfaction under [`model::CHURN_SATISFACTION`].
    LowSatisfaction,
    /// Under-visited for `turns` turns running (2, or 3 and more).
    UnderVisited {
        turns: u32,
    },
    CompetitorPushing,
    NoDecisionMaker,
    DecisionMakersAgainst,
    BuyingCentreChanged,
    CreditRisk,
    RenewalSoon,
    LateOpportunity,
    ShareFalling,
}

/// The account's warning signs now, most serious first.
pub fn warnings(game: &Game, account: usize) -> Vec<Warning> {
    use WarningLevel::*;
    use WarningSign::*;
    let state = &game.accounts()[account];
    let def = &game.scenario().accounts[account];
    let mut out = Vec::new();
    let mut warn = |level, sign| out.push(Warning { level, sign });
    if state.churned {
        warn(Red, Lost);
        return out;
    }
    let hazard = game.churn_hazard(account);
    if hazard >= 0.1 {
        warn(Red, DefectionRisk { hazard });
    } else if state.satisfaction < model::CHURN_SATISFACTION {
        warn(Yellow, LowSatisfaction);
    }
    if state.neglected_for >= 3 {
        warn(Red, UnderVisited { turns: 3 });
    } else if state.neglected_for >= 2 {
        warn(Yellow, UnderVisited { turns: 2 });
    }
    if state.pressure >= 60.0 {
        warn(Yellow, CompetitorPushing);
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
        warn(Yellow, NoDecisionMaker);
    } else if decision_makers.iter().all(|p| p.support < 40.0) {
        warn(Yellow, DecisionMakersAgainst);
    }
    if state.people.iter().any(|p| !p.present) {
        warn(Blue, BuyingCentreChanged);
    }
    if def.credit_risk >= 50.0 && state.contract.payment_days > 60.0 {
        warn(Yellow, CreditRisk);
    }
    let turn = game.turn();
    if let Some(r) = state.contract.renewal_turn
        && r >= turn
        && r <= turn + 2
    {
        warn(Blue, RenewalSoon);
    }
    if state
        .opportunities
        .iter()
        .any(|o| o.status == engine::OpportunityStatus::Open && o.stage >= 4)
    {
        warn(Blue, LateOpportunity);
    }
    let history = game.history(account);
    if let [.., before, last] = history
        && last.share < before.share - 0.5
    {
        warn(Blue, ShareFalling);
    }
    out.sort_by_key(|w| w.level);
    out
}

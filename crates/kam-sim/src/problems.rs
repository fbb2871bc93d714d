//! What can be wrong with a scenario file, as data, and the one place that says it in words.
//!
//! Loading ([`crate::load`]), checking ([`crate::validate`]) and the teaching review
//! ([`crate::teaching`]) report a [`Problem`] with the values it is about, not a sentence: the
//! command line and the game say it in the language they speak ([`Problem::render`]), as a
//! compiler would (`broken.ron:42:13: 错误：未知字段 `satisfation`，是不是 `satisfaction`？`).
//! Every variant is said in Chinese and English in the same `match` arm, so a variant without
//! one of them does not compile.
//!
//! Syntax and type errors come from the generic `ron-located` crate as its own
//! typed kinds. That crate says them in English only and knows nothing of languages, so it
//! stays a reusable reader; their Chinese lives here, beside the rest of the scenario's words
//! ([`syntax`], [`data`]).
//!
//! In Chinese, field names, ids and anything the author types stay ASCII, in backticks; the
//! rest is Chinese with full-width punctuation.

use std::fmt;

use crate::load::Severity;
use crate::scenario::{Difficulty, Need, NegotiationKind, Style, Tier};
use crate::teaching::WarningKind;
use crate::words::{self, Lang};
use ron_located::{
    Context, DeErrorKind, Expected, Found, Hint, NameKind, ONE_OF_SHOWN, ParseErrorKind, Pos,
    SeparatorHint, Token, Unexpected, Unknown, Want,
};

/// `severity: message` as a compiler prints it after `FILE:LINE:COL: ` (`error: …`, `错误：…`).
pub fn headed(lang: Lang, severity: Severity, message: &str) -> String {
    let name = words::severity(lang, severity);
    lang.pick(format!("{name}：{message}"), format!("{name}: {message}"))
}

/// A full-width mark where a scenario file needs ASCII (typed by a Chinese input method).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullWidth {
    /// U+3000, the ideographic space.
    Space,
    /// `mark` stands where `ascii` belongs (`，` for `,`).
    Mark { mark: char, ascii: char },
}

impl FullWidth {
    pub fn render(self, lang: Lang) -> String {
        spaced(lang, self.say(lang))
    }

    fn say(self, lang: Lang) -> String {
        match self {
            FullWidth::Space => lang.pick(
                "这是全角空格：请改用半角空格（把输入法切换到半角）".to_owned(),
                "a full-width space: write an ASCII space (switch the input method to half-width)"
                    .to_owned(),
            ),
            FullWidth::Mark { mark, ascii } => lang.pick(
                format!("`{mark}` 是全角字符：请改用半角的 `{ascii}`（把输入法切换到半角）"),
                format!(
                    "`{mark}` is full-width: write ASCII `{ascii}` (switch the input method to half-width)"
                ),
            ),
        }
    }
}

impl fmt::Display for FullWidth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// What a number checked against a range is: "a style fit must be between 0 and 5".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Turns,
    StyleFit,
    Budget,
    Cost,
    Effect,
    Weight,
    GradeThreshold,
    Potential,
    Share,
    Margin,
    CostToServe,
    Satisfaction,
    Pressure,
    CreditRisk,
    VisitNorm,
    PriceLevel,
    PaymentDays,
    ServiceCost,
    ResponseFloor,
    ResponseCeiling,
    ResponseShape,
    HalfSaturation,
    Influence,
    Support,
    OpportunityValue,
    Probability,
    Amount,
    BuyerValue,
}

impl Quantity {
    pub const ALL: [Quantity; 28] = [
        Quantity::Turns,
        Quantity::StyleFit,
        Quantity::Budget,
        Quantity::Cost,
        Quantity::Effect,
        Quantity::Weight,
        Quantity::GradeThreshold,
        Quantity::Potential,
        Quantity::Share,
        Quantity::Margin,
        Quantity::CostToServe,
        Quantity::Satisfaction,
        Quantity::Pressure,
        Quantity::CreditRisk,
        Quantity::VisitNorm,
        Quantity::PriceLevel,
        Quantity::PaymentDays,
        Quantity::ServiceCost,
        Quantity::ResponseFloor,
        Quantity::ResponseCeiling,
        Quantity::ResponseShape,
        Quantity::HalfSaturation,
        Quantity::Influence,
        Quantity::Support,
        Quantity::OpportunityValue,
        Quantity::Probability,
        Quantity::Amount,
        Quantity::BuyerValue,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Quantity::Turns => lang.pick("回合数", "turns"),
            Quantity::StyleFit => lang.pick("风格契合度", "a style fit"),
            Quantity::Budget => lang.pick("预算", "the budget"),
            Quantity::Cost => lang.pick("费用", "a cost"),
            Quantity::Effect => lang.pick("效果值", "an effect"),
            Quantity::Weight => lang.pick("权重", "a weight"),
            Quantity::GradeThreshold => lang.pick("等级分数线", "a grade threshold"),
            Quantity::Potential => lang.pick("潜力", "potential"),
            Quantity::Share => lang.pick("钱包份额", "share"),
            Quantity::Margin => lang.pick("毛利率", "margin"),
            Quantity::CostToServe => lang.pick("服务该客户的成本", "cost to serve"),
            Quantity::Satisfaction => lang.pick("满意度", "satisfaction"),
            Quantity::Pressure => lang.pick("竞争压力", "pressure"),
            Quantity::CreditRisk => lang.pick("信用风险", "credit risk"),
            Quantity::VisitNorm => lang.pick("拜访标准", "a visit norm"),
            Quantity::PriceLevel => lang.pick("价格水平", "a price level"),
            Quantity::PaymentDays => lang.pick("账期天数", "payment days"),
            Quantity::ServiceCost => lang.pick("服务成本", "a service cost"),
            Quantity::ResponseFloor => lang.pick("响应下限", "the response floor"),
            Quantity::ResponseCeiling => lang.pick("响应上限", "the response ceiling"),
            Quantity::ResponseShape => lang.pick("响应曲线形状 `c`", "the response shape c"),
            Quantity::HalfSaturation => lang.pick("半饱和点 `d`", "the half-saturation d"),
            Quantity::Influence => lang.pick("影响力", "influence"),
            Quantity::Support => lang.pick("支持度", "support"),
            Quantity::OpportunityValue => lang.pick("机会的价值", "an opportunity's value"),
            Quantity::Probability => lang.pick("概率", "a probability"),
            Quantity::Amount => lang.pick("金额", "an amount"),
            Quantity::BuyerValue => lang.pick("买方价值", "a buyer value"),
        }
    }
}

/// What an unknown id was meant to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Account,
    Stakeholder,
    Negotiation,
}

impl Named {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Named::Account => lang.pick("客户", "account"),
            Named::Stakeholder => lang.pick("联系人", "stakeholder"),
            Named::Negotiation => lang.pick("谈判", "negotiation"),
        }
    }
}

/// Whose account a person was looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    EventAccount,
    NegotiationAccount,
}

/// Why an event can never fire.
#[derive(Debug, Clone, PartialEq)]
pub enum Never {
    /// A scripted event's turn is outside 1..=turns.
    TurnOutside {
        turn: u32,
        turns: u32,
    },
    ProbabilityZero,
    MaxTimesZero,
    /// The window opens after it closes.
    WindowClosed {
        from: u32,
        last: u32,
    },
    SatisfactionBelowZero,
    SatisfactionAbove100,
    PressureAbove100,
    SupportBelowZero,
    /// Neglected for longer than the game lasts.
    GameTooShort {
        turns: u32,
    },
    /// No account it concerns is of this tier.
    NoTier(Tier),
    /// Satisfaction above one bound and below a lower one.
    SatisfactionBoth {
        above: f64,
        below: f64,
    },
}

impl Never {
    pub fn render(&self, lang: Lang) -> String {
        spaced(lang, self.say(lang))
    }

    fn say(&self, lang: Lang) -> String {
        match self {
            Never::TurnOutside { turn, turns } => lang.pick(
                format!("第 {turn} 回合不在游戏范围内（1 到 {turns}）"),
                format!("turn {turn} is outside the game (1 to {turns})"),
            ),
            Never::ProbabilityZero => {
                lang.pick("它的概率为 0".to_owned(), "its probability is 0".to_owned())
            }
            Never::MaxTimesZero => {
                lang.pick("`max_times` 为 0".to_owned(), "max_times is 0".to_owned())
            }
            Never::WindowClosed { from, last } => lang.pick(
                format!("它从第 {from} 回合才开放，但触发窗口在第 {last} 回合就关闭了"),
                format!("it opens in turn {from} but the window closes in turn {last}"),
            ),
            Never::SatisfactionBelowZero => lang.pick(
                "满意度不会低于 0".to_owned(),
                "satisfaction is never below 0".to_owned(),
            ),
            Never::SatisfactionAbove100 => lang.pick(
                "满意度不会高于 100".to_owned(),
                "satisfaction is never above 100".to_owned(),
            ),
            Never::PressureAbove100 => lang.pick(
                "竞争压力不会高于 100".to_owned(),
                "pressure is never above 100".to_owned(),
            ),
            Never::SupportBelowZero => lang.pick(
                "支持度不会低于 0".to_owned(),
                "support is never below 0".to_owned(),
            ),
            Never::GameTooShort { turns } => lang.pick(
                format!("游戏只有 {turns} 个回合"),
                format!("the game has only {turns} turns"),
            ),
            Never::NoTier(tier) => lang.pick(
                format!("它涉及的客户中没有 `{tier:?}` 级客户"),
                format!("no account it concerns is tier {tier:?}"),
            ),
            Never::SatisfactionBoth { above, below } => lang.pick(
                format!("满意度不可能既高于 {above} 又低于 {below}"),
                format!("satisfaction cannot be both above {above} and below {below}"),
            ),
        }
    }
}

/// What the teaching review (`kam validate --teaching`) found, with its figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Flaw {
    /// Every strategy loses the account in at least `lost` % of games; the best keeps it in
    /// `kept` %.
    Unkeepable {
        account: String,
        lost: f64,
        best: String,
        kept: f64,
    },
    /// The event fired in `fired` of `games` games (`runs` seeds per strategy).
    NeverFired {
        event: String,
        fired: usize,
        games: usize,
        runs: u64,
    },
    /// The expert spends at most `most` % of the budget in any turn.
    BudgetIdle {
        most: f64,
        budget: f64,
        games: usize,
    },
    /// Spending the budget turns the expert's profit negative, yet it scores more.
    BudgetBuysScore {
        spent: f64,
        profit_without: f64,
        profit: f64,
        with: f64,
        without: f64,
    },
    /// The expert picked this answer every time, and it has no downside.
    Dominant {
        label: String,
        total: u32,
        event: String,
    },
    /// A rumour's or objection's answer without feedback.
    MissingFeedback {
        label: String,
        objection: bool,
        event: String,
    },
    /// A good answer spends the most (`costliest`, with its cost) or buys volume at accounts
    /// that lose money (their profit rates a turn); `conditional` names a conditional event.
    FeedsLoss {
        label: String,
        costliest: Option<f64>,
        conditional: Option<String>,
        accounts: Vec<String>,
        rates: Vec<f64>,
    },
    /// In `telling` of `events` events the costliest answer is the good one.
    CostGivesVerdict { telling: Vec<String>, events: usize },
    /// A poor answer to a rumour raises satisfaction.
    PoorPleases { label: String, pleases: f64 },
}

impl Flaw {
    pub fn render(&self, lang: Lang) -> String {
        spaced(lang, self.say(lang))
    }

    fn say(&self, lang: Lang) -> String {
        match self {
            Flaw::Unkeepable {
                account,
                lost,
                best,
                kept,
            } => lang.pick(
                format!(
                    "每种策略都至少在 {lost:.0}% 的对局中失去 `{account}`（最好的策略 `{best}` 也只在 {kept:.0}% 的对局中保住它）；学员学不会保住它——请降低它的竞争压力或提高它的满意度"
                ),
                format!(
                    "`{account}` is lost in at least {lost:.0}% of games by every strategy (best: {best} keeps it in {kept:.0}%); a trainee cannot learn to keep it — lower its pressure or raise its satisfaction"
                ),
            ),
            Flaw::NeverFired {
                event,
                fired,
                games,
                runs,
            } => lang.pick(
                format!(
                    "`{event}` 在 {games} 局中只触发了 {fired} 次（每种策略各 {runs} 个种子）；学员遇不到它——请放宽它的条件或提高它的概率"
                ),
                format!(
                    "`{event}` fired in {fired} of {games} games (every strategy, {runs} seeds each); trainees will not meet it — loosen its conditions or raise its probability"
                ),
            ),
            Flaw::BudgetIdle {
                most,
                budget,
                games,
            } => lang.pick(
                format!(
                    "即使是专家，任何一回合也最多只花掉 {budget} 预算的 {most:.0}%（{games} 局的平均）；从不紧张的预算教不会取舍——请降低预算，或让资源值得购买"
                ),
                format!(
                    "even the expert spends at most {most:.0}% of the {budget} budget in any turn (mean over {games} games); a budget that never binds teaches no trade-offs — lower it or make resources worth buying"
                ),
            ),
            Flaw::BudgetBuysScore {
                spent,
                profit_without,
                profit,
                with,
                without,
            } => lang.pick(
                format!(
                    "专家在整局中花掉 {spent:.1} 的预算，利润从 {profit_without:.1}（不买资源）变成 {profit:.1}，得分却是 {with:.1}，高于不花钱时的 {without:.1}：预算买来了得分——请降低预算，或让资源的费用与它带来的收益相当"
                ),
                format!(
                    "spending {spent:.1} of the budget over the game turns the expert's profit from {profit_without:.1} (no resources bought) to {profit:.1}, yet it scores {with:.1} against {without:.1}: the budget buys the score — lower it, or make resources cost what they bring"
                ),
            ),
            Flaw::Dominant {
                label,
                total,
                event,
            } => lang.pick(
                format!(
                    "`{event}` 触发的 {total} 次中，专家每次都选了“{label}”，而它不花钱也没有坏处：这个事件没有构成两难——请给最好的回应加上代价（时间、预算、利润），或让另一个回应在某些情况下才是对的"
                ),
                format!(
                    "the expert picked \"{label}\" all {total} times `{event}` fired, and it costs nothing and has no downside: the event poses no dilemma — give the best answer a cost (time, budget, margin) or make another answer right in some situations"
                ),
            ),
            Flaw::MissingFeedback {
                label,
                objection,
                event,
            } => lang.pick(
                format!(
                    "对{} `{event}` 的回应“{label}”没有反馈：请说明它为什么有效或无效，学员正是从这里学到东西",
                    if *objection { "异议" } else { "传言" }
                ),
                format!(
                    "answer \"{label}\" to the {} `{event}` has no feedback: say why it works or not, that is where the trainee learns",
                    if *objection { "objection" } else { "rumour" }
                ),
            ),
            Flaw::FeedsLoss {
                label,
                costliest,
                conditional,
                accounts,
                rates,
            } => {
                let rates = rates
                    .iter()
                    .map(|r| format!("{r:.1}"))
                    .collect::<Vec<_>>();
                match lang {
                    Lang::Zh => {
                        let what = match costliest {
                            Some(cost) => format!("是所有回应中花费最多的（{cost}）"),
                            None => "会买来更多采购量".to_owned(),
                        };
                        let at = match conditional {
                            None => format!("发生在 {}", codes_zh(accounts)),
                            Some(event) => {
                                format!("而 `{event}` 可能发生在 {}", codes_zh(accounts))
                            }
                        };
                        let those = if accounts.len() == 1 {
                            "该客户"
                        } else {
                            "这些客户"
                        };
                        format!(
                            "“{label}”被评为好，而它{what}，{at}，按初始条款{those}在亏损（每回合 {}）：课程要求对挤压利润的客户按标准水平服务并重新谈判条款，而不是加大投入。请把更便宜的回应评为好，或者不让这个事件发生在这类客户身上",
                            rates.join("、")
                        )
                    }
                    Lang::En => {
                        let what = match costliest {
                            Some(cost) => format!("spends the most of any answer ({cost})"),
                            None => "buys more volume".to_owned(),
                        };
                        let ids = codes_en(accounts);
                        let at = match conditional {
                            None => format!("at {ids}"),
                            Some(event) => format!("and `{event}` can happen at {ids}"),
                        };
                        let loses = if accounts.len() == 1 { "loses" } else { "lose" };
                        format!(
                            "\"{label}\" is rated good and {what}, {at}, which {loses} money at the starting terms ({} a turn): the course says to serve a margin squeezer at standard level and renegotiate its terms, not to raise the effort. Rate a cheaper answer good, or keep the event away from such accounts",
                            rates.join(", ")
                        )
                    }
                }
            }
            Flaw::CostGivesVerdict { telling, events } => {
                let n = telling.len();
                lang.pick(
                    format!(
                        "{events} 个事件中有 {n} 个，最贵的回应就是好的回应（{}）：学员只要挑最贵的回应就能赢，学不到课程的道理。让一些好的回应便宜一些（冷静、摆事实的答复花不了多少），让一些差的或一般的回应贵一些（慌忙打折、请客吃饭、治标不治本的权宜之计）",
                        codes_zh(telling)
                    ),
                    format!(
                        "in {n} of the {events} events the costliest answer is the good one ({}): a trainee who picks the expensive answer wins without the lesson. Make some good answers cheap (a calm, factual reply costs little) and some poor or neutral ones dear (a panic discount, a dinner, a stop-gap that does not solve the problem)",
                        codes_en(telling)
                    ),
                )
            }
            Flaw::PoorPleases { label, pleases } => lang.pick(
                format!(
                    "“{label}”被评为差，却让满意度提高了 {pleases}：学员会看到它讨好了客户。请让对传言的差回应付出真实的代价（满意度下降、竞争压力上升）"
                ),
                format!(
                    "\"{label}\" is rated poor but raises satisfaction by {pleases}: the trainee sees it please. Give a poor answer to a rumour its real cost (satisfaction down, pressure up)"
                ),
            ),
        }
    }
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// One problem with a scenario file, with the values it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // Reading the file.
    /// The file could not be read (`detail` is the system's words for why).
    CannotRead {
        kind: std::io::ErrorKind,
        detail: String,
    },
    NotUtf8,
    /// A syntax error, with the ASCII mark to type if a full-width one stands there.
    Syntax {
        error: ParseErrorKind,
        full_width: Option<FullWidth>,
    },
    /// A value that does not fit the scenario's shape (unknown field, wrong type…).
    Data {
        error: DeErrorKind,
        full_width: Option<FullWidth>,
    },

    // Numbers.
    NotFinite {
        what: Quantity,
        found: f64,
    },
    OutOfRange {
        what: Quantity,
        lo: f64,
        hi: f64,
        found: f64,
    },
    /// A share or margin written as a fraction (0.4 for 40 %).
    FractionForPercent {
        what: Quantity,
        value: f64,
    },

    // Ids and references.
    NoId,
    EmptyId,
    /// `list[first]` has this id already.
    DuplicateId {
        id: String,
        list: String,
        first: usize,
    },
    FullWidthId {
        id: String,
        hint: FullWidth,
    },
    /// An id that names nothing of its kind; `named` is how often the event names it.
    UnknownRef {
        what: Named,
        id: String,
        suggestion: Option<String>,
        known: Vec<String>,
        full_width: Option<FullWidth>,
        named: usize,
    },
    /// A person of another account (`owner`), named at account `here`.
    PersonElsewhere {
        id: String,
        named: usize,
        owner: String,
        here: String,
        place: Place,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    /// The same person added twice by one answer.
    AddedTwice {
        id: String,
    },

    // The scenario.
    DifficultyHides(Difficulty),
    MoneyUnit {
        unit: String,
        max: usize,
    },
    NoAccounts,
    NoVisits,
    ResourceUnusable,
    ResourceUnaffordable {
        cost: f64,
        budget: f64,
    },
    BudgetUnspendable {
        budget: f64,
        cheapest: f64,
    },
    /// The standard catalogue applies and the budget buys none of it (ids and prices).
    StandardCatalogue {
        budget: f64,
        prices: Vec<(String, f64)>,
    },
    NoWeight,
    ProfitTarget {
        target: f64,
        floor: f64,
    },
    GradesOrder,
    PriceTags {
        telling: usize,
        costed: usize,
    },

    // Accounts and people.
    RenewalOutside {
        turn: u32,
        turns: u32,
    },
    ResponseInverted {
        max: f64,
        min: f64,
    },
    NobodyToVisit {
        account: String,
    },
    EmptyCue,
    /// Event words name a style (`name`) that trainees at `difficulty` must read.
    NamesStyle {
        name: String,
        difficulty: Difficulty,
    },
    CueOtherStyle {
        cue: Style,
        person: String,
        style: Style,
    },
    CueOtherNeed {
        cue: Need,
        person: String,
        need: Need,
    },
    /// The cues are the author's own words, which the game cannot place (a note, given once);
    /// `example` is a built-in cue of the person's style.
    CuesPointNowhere {
        style: Style,
        example: String,
    },
    FunnelStage {
        found: u32,
    },
    CloseTurnOutside {
        turn: u32,
        turns: u32,
    },

    // Events.
    NeverFires(Never),
    NoChoices,
    NoFeedback,
    ObjectionUnresolved,
    DominantChoice,

    // Negotiations.
    NeverOpensTurn {
        turn: u32,
        turns: u32,
    },
    NeverOpens,
    WalkAwayAboveOpening {
        walk_away: f64,
        opening: f64,
    },
    NoRounds,
    NoIssues,
    NoOptions,
    CannotBeWon {
        kind: NegotiationKind,
        best: f64,
        competitor: f64,
    },
    NoDeal {
        kind: NegotiationKind,
        best: f64,
        walk_away: f64,
    },
    /// A dearer option worth more to the buyer than a cheaper one.
    PricesSwapped {
        label: String,
        level: f64,
        value: f64,
        cheaper_label: String,
        cheaper_level: f64,
        cheaper_value: f64,
    },
    /// A contract length in a quarterly scenario that reads as months.
    LengthInMonths {
        length: u32,
        start: u32,
        turns: u32,
    },
    /// The buyer leaves (or may leave: not `certain`) in `turn` through `event`.
    BuyerLeaves {
        buyer: String,
        event: String,
        turn: u32,
        certain: bool,
        opens: u32,
        successors: Vec<String>,
    },

    /// A teaching warning (`kam validate --teaching`), with the path it is about.
    Teaching {
        kind: WarningKind,
        flaw: Flaw,
        path: String,
    },
}

impl fmt::Display for Problem {
    /// In English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Problem {
    /// The problem in `lang`'s words.
    pub fn render(&self, lang: Lang) -> String {
        spaced(lang, self.say(lang))
    }

    fn say(&self, lang: Lang) -> String {
        match self {
            Problem::CannotRead { kind, detail } => match lang {
                Lang::Zh => format!(
                    "无法读取文件：{}",
                    match kind {
                        std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
                        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
                        std::io::ErrorKind::IsADirectory => "这是一个文件夹".to_owned(),
                        _ => format!("`{detail}`"),
                    }
                ),
                Lang::En => format!("cannot read the file: {detail}"),
            },
            Problem::NotUtf8 => lang.pick(
                "这个文件不是 `UTF-8` 文本（它是场景文件吗？请以 `UTF-8` 编码保存）".to_owned(),
                "the file is not UTF-8 text (is it a scenario file? save it as UTF-8)".to_owned(),
            ),
            Problem::Syntax { error, full_width } => {
                with_hint(lang, syntax(lang, error), *full_width)
            }
            Problem::Data { error, full_width } => with_hint(lang, data(lang, error), *full_width),
            Problem::NotFinite { what, found } => lang.pick(
                format!("{}必须是有限的数，实际为 `{found}`", what.name(lang)),
                format!("{} must be a finite number, found {found}", what.name(lang)),
            ),
            Problem::OutOfRange {
                what,
                lo,
                hi,
                found,
            } => lang.pick(
                format!(
                    "{}必须在 {lo} 到 {hi} 之间，实际为 {found}",
                    what.name(lang)
                ),
                format!(
                    "{} must be between {lo} and {hi}, found {found}",
                    what.name(lang)
                ),
            ),
            Problem::FractionForPercent { what, value } => {
                let percent = value * 100.0;
                lang.pick(
                    format!(
                        "{}是百分数（0 到 100）：{value} 表示 {value}%，而不是 {percent}%；如果你想写 {percent}%，请写 {percent}",
                        what.name(lang)
                    ),
                    format!(
                        "{} is a percent (0 to 100): {value} means {value} %, not {percent} %; write {percent} if you meant {percent} %",
                        what.name(lang)
                    ),
                )
            }
            Problem::NoId => lang.pick(
                "场景需要一个标识（`id`）".to_owned(),
                "the scenario needs an id".to_owned(),
            ),
            Problem::EmptyId => lang.pick(
                "标识（`id`）不能为空".to_owned(),
                "an id cannot be empty".to_owned(),
            ),
            Problem::DuplicateId { id, list, first } => lang.pick(
                format!("重复的标识 `{id}`：`{list}[{first}]` 已经用了它"),
                format!("duplicate id `{id}`: {list}[{first}] has it already"),
            ),
            Problem::FullWidthId { id, hint } => lang.pick(
                format!(
                    "标识 `{id}` 含有全角字符，而标识要逐字符匹配；{}",
                    hint.render(lang)
                ),
                format!(
                    "id `{id}` has a full-width character, and ids are matched character for character; {}",
                    hint.render(lang)
                ),
            ),
            Problem::UnknownRef {
                what,
                id,
                suggestion,
                known,
                full_width,
                named,
            } => {
                let what_name = what.name(lang);
                let mut message = match (lang, suggestion) {
                    (Lang::Zh, Some(s)) => format!("未知{what_name} `{id}`，是不是 `{s}`？"),
                    (Lang::Zh, None) => {
                        format!("未知{what_name} `{id}`（已有：{}）", codes_zh(known))
                    }
                    (Lang::En, Some(s)) => format!("unknown {what_name} `{id}`, did you mean `{s}`?"),
                    (Lang::En, None) => {
                        format!("unknown {what_name} `{id}` (known: {})", codes_en(known))
                    }
                };
                if let Some(hint) = full_width {
                    let sep = match lang {
                        Lang::Zh if message.ends_with('？') => "",
                        Lang::Zh => "；",
                        Lang::En if message.ends_with('?') => " ",
                        Lang::En => "; ",
                    };
                    message.push_str(sep);
                    message.push_str(&hint.render(lang));
                }
                message.push_str(&times_named(lang, *named));
                message
            }
            Problem::PersonElsewhere {
                id,
                named,
                owner,
                here,
                place,
                suggestion,
                known,
            } => {
                let named = times_named(lang, *named);
                match lang {
                    Lang::Zh => {
                        let place = match place {
                            Place::EventAccount => "本事件的客户",
                            Place::NegotiationAccount => "本谈判的客户",
                        };
                        let nearest = match suggestion {
                            Some(k) => format!("；是不是 `{k}`？"),
                            None => format!("；这里的联系人有：{}", codes_zh(known)),
                        };
                        format!(
                            "联系人 `{id}`{named}属于客户 `{owner}`，不属于 `{here}`（{place}）{nearest}"
                        )
                    }
                    Lang::En => {
                        let place = match place {
                            Place::EventAccount => "this event's account",
                            Place::NegotiationAccount => "this negotiation's account",
                        };
                        let nearest = match suggestion {
                            Some(k) => format!("; did you mean `{k}`?"),
                            None => format!("; people here: {}", codes_en(known)),
                        };
                        format!(
                            "stakeholder `{id}`{named} belongs to account `{owner}`, not to `{here}` ({place}){nearest}"
                        )
                    }
                }
            }
            Problem::AddedTwice { id } => lang.pick(
                format!("重复的标识 `{id}`：同一个人被添加了两次"),
                format!("duplicate id `{id}` added twice"),
            ),
            Problem::DifficultyHides(d) => lang.pick(
                format!(
                    "难度 {} 会隐藏每个人的沟通风格和需求：学员要从线索和反应中读出它们（`Easy` 会显示它们，以前所有难度都是这样）",
                    difficulty_zh(*d)
                ),
                format!(
                    "difficulty {d:?} hides each person's style and need: trainees read them from cues and reactions (`Easy` shows them, as every difficulty did before)"
                ),
            ),
            Problem::MoneyUnit { unit, max } => lang.pick(
                format!(
                    "`money_unit` 会显示在每个金额标签旁边：请写 1 到 {max} 个字符，例如 `\"万元\"`，实际为 `{unit:?}`"
                ),
                format!(
                    "money_unit is shown beside every money label: give 1 to {max} characters such as \"¥10k\", found {unit:?}"
                ),
            ),
            Problem::NoAccounts => lang.pick(
                "场景至少需要一个客户".to_owned(),
                "a scenario needs at least one account".to_owned(),
            ),
            Problem::NoVisits => lang.pick(
                "学员每回合至少需要一次拜访".to_owned(),
                "the trainee needs at least one visit per turn".to_owned(),
            ),
            Problem::ResourceUnusable => lang.pick(
                "这项资源谁也用不了：`max_per_account` 为 0".to_owned(),
                "a resource nobody may use: max_per_account is 0".to_owned(),
            ),
            Problem::ResourceUnaffordable { cost, budget } => lang.pick(
                format!("费用为 {cost}，而每回合预算只有 {budget}：永远买不起"),
                format!("costs {cost} but the budget per turn is {budget}: it can never be bought"),
            ),
            Problem::BudgetUnspendable { budget, cheapest } => lang.pick(
                format!("预算（{budget}）花不出去：最便宜的资源也要 {cheapest}"),
                format!("the budget ({budget}) cannot be spent: the cheapest resource costs {cheapest}"),
            ),
            Problem::StandardCatalogue { budget, prices } => match lang {
                Lang::Zh => format!(
                    "没有列出 `resources`，因此使用标准资源目录，而 {budget} 的预算除了免费的折扣之外什么都买不起（{}）：请提高预算（金额的单位是你想要的吗？），或者列出你自己的资源",
                    prices
                        .iter()
                        .map(|(id, cost)| format!("`{id}` {cost}"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                Lang::En => format!(
                    "no `resources` are listed, so the standard catalogue applies, and a budget of {budget} buys none of it but the free discount ({}): raise the budget (is the money in the unit you meant?) or list resources of your own",
                    prices
                        .iter()
                        .map(|(id, cost)| format!("`{id}` {cost}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
            Problem::NoWeight => lang.pick(
                "至少要有一项得分权重大于零".to_owned(),
                "at least one score weight must be above zero".to_owned(),
            ),
            Problem::ProfitTarget { target, floor } => lang.pick(
                format!("利润目标（{target}）必须高于利润底线（{floor}）"),
                format!("the profit target ({target}) must be above the floor ({floor})"),
            ),
            Problem::GradesOrder => lang.pick(
                "等级分数线要按等级从高到低排列，最高的写在最前面".to_owned(),
                "grade thresholds go from A down to D, highest first".to_owned(),
            ),
            Problem::PriceTags { telling, costed } => lang.pick(
                format!(
                    "在 {costed} 个回应要花钱的事件中，有 {telling} 个只有好的回应带价格：费用泄露了评价。也请给一些差的或一般的回应标上真实的费用（一次折扣、一顿饭、员工的时间）"
                ),
                format!(
                    "in {telling} of the {costed} events whose answers cost something, only the good answer has a price tag: the cost gives the verdict away. Give some poor or neutral answers their real cost too (a discount, a dinner, staff time)"
                ),
            ),
            Problem::RenewalOutside { turn, turns } => lang.pick(
                format!("续约在第 {turn} 回合，不在游戏范围内（1 到 {turns}）：永远不会到来"),
                format!(
                    "renewal in turn {turn} falls outside the game (1 to {turns}): it never comes up"
                ),
            ),
            Problem::ResponseInverted { max, min } => lang.pick(
                format!("`max`（{max}）必须大于 `min`（{min}）：否则拜访反而有害"),
                format!("max ({max}) must be above min ({min}): visits would do harm"),
            ),
            Problem::NobodyToVisit { account } => lang.pick(
                format!("客户 `{account}` 没有可以拜访的人：请至少添加一位联系人"),
                format!("account `{account}` has nobody to visit: add at least one stakeholder"),
            ),
            Problem::EmptyCue => lang.pick(
                "线索不能为空".to_owned(),
                "a cue cannot be empty".to_owned(),
            ),
            Problem::NamesStyle { name, difficulty } => lang.pick(
                format!(
                    "点出了沟通风格（`{name}`），而在难度 {} 下学员要从线索中读出风格：请改写成这个人做什么、想要什么（例如“要看数据”）",
                    difficulty_zh(*difficulty)
                ),
                format!(
                    "names a style (`{name}`), which trainees at difficulty {difficulty:?} must read from cues: say what the person does or wants instead (\"wants the figures\")"
                ),
            ),
            Problem::CueOtherStyle { cue, person, style } => lang.pick(
                format!(
                    "这条线索描述的是 {} 风格，而{person}是 {} 风格：它会误导学员",
                    style_zh(*cue),
                    style_zh(*style)
                ),
                format!(
                    "this cue describes style {cue:?}, but {person} is style {style:?}: it would mislead the trainee"
                ),
            ),
            Problem::CueOtherNeed { cue, person, need } => lang.pick(
                format!(
                    "这条线索描述的是 {} 需求，而{person}的需求是 {}：它会误导学员",
                    need_zh(*cue),
                    need_zh(*need)
                ),
                format!(
                    "this cue describes the need {cue:?}, but {person} needs {need:?}: it would mislead the trainee"
                ),
            ),
            Problem::CuesPointNowhere { style, example } => lang.pick(
                format!(
                    "这些线索是你自己写的，游戏无法检查自由文本：请对照 {} 风格再读一遍（内置线索的说法，例如：{example}）；其他人的自写线索也一样，这条只提示一次",
                    style_zh(*style)
                ),
                format!(
                    "these cues are in your own words, and the game cannot check free text: read them once more against style {style:?} (the built-in cues say, for example: {example}); the same goes for everyone's own cues, so this is said once"
                ),
            ),
            Problem::FunnelStage { found } => lang.pick(
                format!("销售漏斗的阶段是 1 到 6，实际为 {found}"),
                format!("funnel stages go from 1 to 6, found {found}"),
            ),
            Problem::CloseTurnOutside { turn, turns } => lang.pick(
                format!("成交回合 {turn} 不在游戏范围内（1 到 {turns}）"),
                format!("close turn {turn} is outside the game (1 to {turns})"),
            ),
            Problem::NeverFires(why) => lang.pick(
                format!("这个事件永远不会触发：{}", why.render(lang)),
                format!("this event can never fire: {}", why.render(lang)),
            ),
            Problem::NoChoices => lang.pick(
                "事件至少需要一个选项".to_owned(),
                "an event needs at least one choice".to_owned(),
            ),
            Problem::NoFeedback => lang.pick(
                "没有反馈的选项教不了任何东西：请说明它为什么有效或无效".to_owned(),
                "a choice without feedback teaches nothing: say why it works or not".to_owned(),
            ),
            Problem::ObjectionUnresolved => lang.pick(
                "这个异议会重复出现，但没有哪个选项能解决它：请给能解决它的回应加上 `resolves: true`"
                    .to_owned(),
                "this objection repeats but no choice resolves it: mark the answer that solves it with `resolves: true`"
                    .to_owned(),
            ),
            Problem::DominantChoice => lang.pick(
                "有一个选项在每项效果上都不比其他选项差：这个事件不需要学员思考".to_owned(),
                "one choice is at least as good as every other on every effect: the event does not make the trainee think"
                    .to_owned(),
            ),
            Problem::NeverOpensTurn { turn, turns } => lang.pick(
                format!("这场谈判永远不会开始：第 {turn} 回合不在游戏范围内（1 到 {turns}）"),
                format!(
                    "this negotiation never opens: turn {turn} is outside the game (1 to {turns})"
                ),
            ),
            Problem::NeverOpens => lang.pick(
                "这场谈判永远不会开始：请给它一个 `turn`，或给它的客户设置 `renewal_turn`，或用一个事件来开启它"
                    .to_owned(),
                "this negotiation never opens: give it a `turn`, a renewal_turn on its account, or an event that starts it"
                    .to_owned(),
            ),
            Problem::WalkAwayAboveOpening { walk_away, opening } => lang.pick(
                format!("买方的底线（{walk_away}）高于其开场要求（{opening}）"),
                format!(
                    "the buyer's walk-away ({walk_away}) is above their opening demand ({opening})"
                ),
            ),
            Problem::NoRounds => lang.pick(
                "谈判至少需要一轮".to_owned(),
                "a negotiation needs at least one round".to_owned(),
            ),
            Problem::NoIssues => lang.pick(
                "谈判至少需要一个议题".to_owned(),
                "a negotiation needs at least one issue".to_owned(),
            ),
            Problem::NoOptions => lang.pick(
                "议题至少需要一个选项".to_owned(),
                "an issue needs at least one option".to_owned(),
            ),
            Problem::CannotBeWon {
                kind,
                best,
                competitor,
            } => lang.pick(
                format!(
                    "这场{}赢不了：最好的报价（每个议题都选买方最喜欢的选项）对买方的价值是 {best:.1}，低于竞争对手的报价（{competitor}），而买方绝不接受低于竞争对手的报价，{}；请降低 `competitor_offer`，或提高某些选项的 `buyer_value`",
                    negotiation_zh(*kind),
                    consequence(lang, *kind)
                ),
                format!(
                    "this {} cannot be won: the best offer (every issue at the buyer's favourite option) is worth {best:.1} to the buyer, below the competitor's offer ({competitor}), and the buyer never accepts less than the competitor offers, {}; lower competitor_offer or raise the buyer_value of some options",
                    negotiation_en(*kind),
                    consequence(lang, *kind)
                ),
            ),
            Problem::NoDeal {
                kind,
                best,
                walk_away,
            } => lang.pick(
                format!(
                    "不可能成交：这场{}的最好报价（每个议题都选买方最喜欢的选项）对买方的价值是 {best:.1}，低于买方的底线（{walk_away}），{}；请降低 `walk_away`，或提高某些选项的 `buyer_value`",
                    negotiation_zh(*kind),
                    consequence(lang, *kind)
                ),
                format!(
                    "no deal is possible: this {}'s best offer (every issue at the buyer's favourite option) is worth {best:.1} to the buyer, below their walk-away ({walk_away}), {}; lower walk_away or raise the buyer_value of some options",
                    negotiation_en(*kind),
                    consequence(lang, *kind)
                ),
            ),
            Problem::PricesSwapped {
                label,
                level,
                value,
                cheaper_label,
                cheaper_level,
                cheaper_value,
            } => lang.pick(
                format!(
                    "买方给“{label}”（价格水平 {level}）的价值是 {value}，高于更便宜的“{cheaper_label}”（价格水平 {cheaper_level}）的 {cheaper_value}：买方更喜欢低价；是不是把买方价值（或价格水平）写反了？"
                ),
                format!(
                    "the buyer values \"{label}\" (price level {level}) at {value}, more than the cheaper \"{cheaper_label}\" (price level {cheaper_level}) at {cheaper_value}: a buyer prefers the lower price; are the buyer values (or the price levels) swapped?"
                ),
            ),
            Problem::LengthInMonths {
                length,
                start,
                turns,
            } => {
                let end = start + length;
                let after = end.saturating_sub(*turns);
                lang.pick(
                    format!(
                        "`length` 按回合计，而这里一个回合是一个季度：{length} 就是 {} 年，所以这份合同要到第 {end} 回合才结束，比游戏的最后一回合（{turns}）晚 {} 年。是不是按月写的？一年是 4 个季度",
                        years(*length),
                        years(after)
                    ),
                    format!(
                        "`length` counts turns, and a turn here is a quarter: {length} is {} years, so this contract runs to turn {end}, {} years after the game's last turn ({turns}). Written in months? A year is 4 quarters",
                        years(*length),
                        years(after)
                    ),
                )
            }
            Problem::BuyerLeaves {
                buyer,
                event,
                turn,
                certain,
                opens,
                successors,
            } => match lang {
                Lang::Zh => {
                    let when = if *certain {
                        format!("届时已经离开：事件 `{event}` 在第 {turn} 回合让其离开")
                    } else {
                        format!("届时可能已经离开：事件 `{event}` 从第 {turn} 回合起可能让其离开")
                    };
                    let instead = if successors.is_empty() {
                        String::new()
                    } else {
                        format!("（那个事件会带来 {}）", codes_zh(successors))
                    };
                    format!(
                        "买方 `{buyer}` {when}，早于这场谈判开始的第 {opens} 回合；没有了这位买方，其沟通风格和支持度就不再起作用（起作用的是客户关系）；请写上那时坐在谈判桌对面的人{instead}"
                    )
                }
                Lang::En => {
                    let when = if *certain {
                        format!("has left by then: event `{event}` removes them in turn {turn}")
                    } else {
                        format!(
                            "may have left by then: event `{event}` can remove them from turn {turn}"
                        )
                    };
                    let instead = if successors.is_empty() {
                        String::new()
                    } else {
                        format!(" (that event brings in {})", codes_en(successors))
                    };
                    format!(
                        "the buyer `{buyer}` {when}, before this negotiation opens in turn {opens}, and without the buyer their style and support no longer count (the account's relationship does); name who sits across the table then{instead}"
                    )
                }
            },
            Problem::Teaching { kind, flaw, path } => lang.pick(
                format!(
                    "{}：{}（`{path}`）",
                    words::teaching_warning(lang, *kind),
                    flaw.render(lang)
                ),
                format!(
                    "{}: {} ({path})",
                    words::teaching_warning(lang, *kind),
                    flaw.render(lang)
                ),
            ),
        }
    }
}

/// Chinese spacing around code: a space between a Chinese character and `code`, none
/// between full-width punctuation and what is next to it (`（人际型）风格`, `：`x``). Inside
/// `code` nothing changes. English is returned as it is.
fn spaced(lang: Lang, text: String) -> String {
    if lang == Lang::En {
        return text;
    }
    let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let full_width = |c: char| "，。：；？！（）“”、——……".contains(c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.chars().last();
        if in_code {
            out.push(c);
            if c == '`' {
                in_code = false;
                if chars.get(i + 1).is_some_and(|&n| ideograph(n)) {
                    out.push(' ');
                }
            }
            continue;
        }
        match c {
            '`' => {
                in_code = true;
                if prev.is_some_and(ideograph) {
                    out.push(' ');
                }
                out.push(c);
            }
            ' ' if prev.is_some_and(full_width)
                || chars.get(i + 1).is_some_and(|&n| full_width(n)) => {}
            _ => out.push(c),
        }
    }
    out
}

/// `message` with the full-width hint after it, if there is one.
fn with_hint(lang: Lang, message: String, hint: Option<FullWidth>) -> String {
    match hint {
        None => message,
        Some(hint) => lang.pick(
            format!("{message}；{}", hint.render(lang)),
            format!("{message}; {}", hint.render(lang)),
        ),
    }
}

/// " (named 3 times in this event)" when an event names an unknown id more than once.
fn times_named(lang: Lang, named: usize) -> String {
    if named > 1 {
        lang.pick(
            format!("（本事件中提到了 {named} 次）"),
            format!(" (named {named} times in this event)"),
        )
    } else {
        String::new()
    }
}

/// "`a`, `b`" or "none".
fn codes_en(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// "`a`、`b`" or "无".
fn codes_zh(ids: &[String]) -> String {
    if ids.is_empty() {
        "无".to_owned()
    } else {
        ids.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// A style as the file writes it, with its Chinese name: "`A`（分析型）".
fn style_zh(style: Style) -> String {
    let name = words::style(Lang::Zh, style);
    let name = name.split_once(' ').map_or(name, |(_, n)| n);
    format!("`{style:?}`（{name}）")
}

/// A need as the file writes it, with its Chinese name: "`Power`（权力）".
fn need_zh(need: Need) -> String {
    format!("`{need:?}`（{}）", words::need(Lang::Zh, need))
}

/// A difficulty as the file writes it, with its Chinese name: "`Normal`（普通）".
fn difficulty_zh(d: Difficulty) -> String {
    format!("`{d:?}`（{}）", words::difficulty(Lang::Zh, d))
}

fn negotiation_zh(kind: NegotiationKind) -> &'static str {
    match kind {
        NegotiationKind::Renewal => "续约谈判",
        NegotiationKind::Tender => "投标",
    }
}

fn negotiation_en(kind: NegotiationKind) -> &'static str {
    match kind {
        NegotiationKind::Renewal => "renewal",
        NegotiationKind::Tender => "tender",
    }
}

fn consequence(lang: Lang, kind: NegotiationKind) -> &'static str {
    match kind {
        NegotiationKind::Renewal => lang.pick(
            "所以每局游戏都会失去这个客户",
            "so every game loses the account",
        ),
        NegotiationKind::Tender => lang.pick("所以每位学员都会丢掉它", "so every trainee loses it"),
    }
}

/// Quarters as years, in words a sentence can use ("2.5", "6").
fn years(quarters: u32) -> String {
    let y = quarters as f64 / 4.0;
    if y.fract() == 0.0 {
        format!("{y:.0}")
    } else {
        format!("{y:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }
}

/// "第 3 行第 5 列".
fn pos_zh(pos: Pos) -> String {
    format!("第 {} 行第 {} 列", pos.line, pos.col)
}

/// A syntax error from the reader in `lang`'s words (English: the reader's own).
pub fn syntax(lang: Lang, error: &ParseErrorKind) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Zh => spaced(lang, syntax_zh(error)),
    }
}

fn syntax_zh(error: &ParseErrorKind) -> String {
    use ParseErrorKind as K;
    match error {
        K::UnclosedComment => "注释没有闭合：这个 `/*` 缺少配对的 `*/`".to_owned(),
        K::EmptyDocument => "文件是空的：这里应有一个值".to_owned(),
        K::TrailingContent {
            found,
            extra_bracket,
        } => format!(
            "值已经结束，后面应是文件末尾，实际是{}{}",
            token_zh(found),
            if *extra_bracket {
                "（是不是多了一个右括号？）"
            } else {
                ""
            }
        ),
        K::NotAnAttribute => "这里应是一个属性，例如 `#![enable(implicit_some)]`".to_owned(),
        K::UnknownAttribute => "未知属性：应为 `enable(...)`".to_owned(),
        K::UnknownExtension(unknown) => unknown_zh(unknown),
        K::Expected { want, found } => {
            format!("应为{}，实际是{}", want_zh(want), token_zh(found))
        }
        K::MissingSeparator {
            close,
            context,
            found,
            hint,
        } => {
            let context = match context {
                Context::InVariant(name) => format!("在 `{name}(...)` 中"),
                Context::AfterTupleElement => "元组的元素之后".to_owned(),
                Context::AfterField(name) => format!("字段 `{name}` 之后"),
                Context::AfterListElement => "列表的元素之后".to_owned(),
                Context::AfterMapEntry => "映射的条目之后".to_owned(),
            };
            let hint = match hint {
                Some(SeparatorHint::Unclosed { open, at }) => {
                    format!("（{}的 `{open}` 没有闭合）", pos_zh(*at))
                }
                Some(SeparatorHint::MissingComma) => "（是不是少了逗号？）".to_owned(),
                None => String::new(),
            };
            format!(
                "{context}应为 `,` 或 `{close}`，实际是{}{hint}",
                token_zh(found)
            )
        }
        K::TooDeep { max } => format!("嵌套太深（括号超过 {max} 层）"),
        K::UnterminatedString => "字符串没有结束：缺少结尾的 `\"`".to_owned(),
        K::UnfinishedEscape => "转义序列在文件末尾没有写完".to_owned(),
        K::HexEscapeTooLarge => "`\\x` 转义必须小于 `\\x80`；其他字符请用 `\\u{...}`".to_owned(),
        K::UnclosedUnicodeEscape => "`\\u{...}` 转义应以 `}` 结尾".to_owned(),
        K::InvalidUnicodeEscape => "`\\u` 转义无效：不是有效的字符".to_owned(),
        K::UnknownEscape(c) => format!("未知转义 `\\{c}`"),
        K::NotHexDigits => "转义无效：这里应是十六进制数字".to_owned(),
        K::UnterminatedRawString { hashes } => {
            format!("原始字符串没有结束：缺少结尾的 `\"{}`", "#".repeat(*hashes))
        }
        K::UnterminatedChar => "字符字面量没有结束".to_owned(),
        K::EmptyChar => "空的字符字面量 `''`".to_owned(),
        K::CharTooLong => "字符字面量只能有一个字符，例如 `'x'`；文字请用双引号".to_owned(),
        K::InvalidNumber(text) => format!("无效的数字 `{text}`"),
        K::NumberTooLarge(text) => format!("数字 `{text}` 太大"),
    }
}

fn token_zh(token: &Token) -> String {
    match token {
        Token::EndOfFile => "文件末尾".to_owned(),
        Token::Str => "一个字符串".to_owned(),
        Token::Word(w) | Token::Char(w) => format!(" `{w}`"),
    }
}

fn want_zh(want: &Want) -> String {
    match want {
        Want::ParenAfterEnable => "`enable` 之后的 `(`".to_owned(),
        Want::ExtensionName => "扩展名".to_owned(),
        Want::AfterExtension(name) => format!("扩展 `{name}` 之后的 `,` 或 `)`"),
        Want::EqualsAfter(name) => format!("`{name}` 之后的 `=`"),
        Want::Str => "字符串".to_owned(),
        Want::CloseAttribute => "闭合属性的 `]`".to_owned(),
        Want::Value => "一个值".to_owned(),
        Want::FieldName => "字段名或 `)`".to_owned(),
        Want::ColonAfterField(name) => format!("字段名 `{name}` 之后的 `:`"),
        Want::ValueForField(name) => format!("字段 `{name}` 的值"),
        Want::ColonAfterKey => "映射的键之后的 `:`".to_owned(),
    }
}

/// "未知字段 `x`，是不是 `y`？" or the names allowed.
fn unknown_zh(unknown: &Unknown) -> String {
    let (what, none) = match unknown.what {
        NameKind::Field => ("字段", "这里不接受任何字段"),
        NameKind::Variant => ("取值", "这里没有可选的取值"),
        NameKind::Extension => ("扩展", "这里不接受任何扩展"),
    };
    let name = &unknown.name;
    if let Some(suggestion) = &unknown.suggestion {
        format!("未知{what} `{name}`，是不是 `{suggestion}`？")
    } else if unknown.expected.is_empty() {
        format!("未知{what} `{name}`（{none}）")
    } else {
        format!("未知{what} `{name}`，应为{}", one_of_zh(&unknown.expected))
    }
}

/// " `a`" or " `a`、`b`、`c` 之一" (at most [`ONE_OF_SHOWN`], then "等"), with a leading space
/// that separates it from the Chinese before.
fn one_of_zh(names: &[String]) -> String {
    match names {
        [] => "（无）".to_owned(),
        [only] => format!(" `{only}`"),
        _ => {
            let shown: Vec<String> = names
                .iter()
                .take(ONE_OF_SHOWN)
                .map(|n| format!("`{n}`"))
                .collect();
            let more = if names.len() > ONE_OF_SHOWN {
                " 等"
            } else {
                " "
            };
            format!(" {}{more}之一", shown.join("、"))
        }
    }
}

/// A type error from the reader in `lang`'s words (English: the reader's own).
pub fn data(lang: Lang, error: &DeErrorKind) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Zh => spaced(lang, data_zh(error)),
    }
}

fn data_zh(error: &DeErrorKind) -> String {
    use DeErrorKind as K;
    let field = |field: &Option<String>| {
        field
            .as_ref()
            .map(|name| format!("`{name}` "))
            .unwrap_or_default()
    };
    match error {
        K::Unknown(unknown) => unknown_zh(unknown),
        K::MissingField(name) => format!("缺少字段 `{name}`"),
        K::DuplicateField { name, first: None } => format!("字段 `{name}` 重复了"),
        K::DuplicateField {
            name,
            first: Some(first),
        } => format!("字段 `{name}` 重复了（第一次写在{}）", pos_zh(*first)),
        K::DuplicateKey { key, first } => {
            format!("键 `{key}` 重复了（第一次写在{}）", pos_zh(*first))
        }
        K::Mismatch {
            expected,
            field: name,
            found,
            hint,
        } => {
            let hint = match hint {
                Some(Hint::NumberInQuotes) => "（数字不加引号）",
                Some(Hint::TextWithoutQuotes) => "（文字要写在双引号里）",
                Some(Hint::NameInQuotes) => "（名称不加引号）",
                None => "",
            };
            format!(
                "{}应为{}，实际是{}{hint}",
                field(name),
                expected_zh(expected),
                found_zh(found)
            )
        }
        K::WrongName { expected, found } => {
            format!("应为 `{expected}(...)`，实际是 `{found}(...)`")
        }
        K::WrongCount {
            expected,
            field: name,
            found,
        } => format!("{}应有 {expected} 个值，实际有 {found} 个", field(name)),
        K::OutOfRange {
            value,
            ty,
            min,
            max,
        } => format!("值 {value} 超出了 `{ty}` 的范围（{min} 到 {max}）"),
        K::TakesNoValues(name) => format!("`{name}` 不带值；只写 `{name}` 即可"),
        K::NeedsValue(name) => format!("`{name}` 需要一个值，例如 `{name}(...)`"),
        K::NeedsValues { name, len } => {
            format!("`{name}` 需要圆括号里的 {len} 个值，例如 `{name}(a, b)`")
        }
        K::NeedsFields(name) => {
            format!("`{name}` 需要具名字段，例如 `{name}(field: value, ...)`")
        }
        K::InvalidType { found, expected } => {
            format!("应为 `{expected}`，实际是{}", unexpected_zh(found))
        }
        K::InvalidValue { found, expected } => {
            format!("无效的值：{}，应为 `{expected}`", unexpected_zh(found))
        }
        K::InvalidLength { len, expected } => {
            format!("应为 `{expected}`，实际有 {len} 个值")
        }
        K::TooManyErrors => "错误太多：只列出了前面的一部分".to_owned(),
        K::Custom(message) => format!("数据有误：`{message}`"),
    }
}

fn expected_zh(expected: &Expected) -> String {
    match expected {
        Expected::Bool => " `true` 或 `false`".to_owned(),
        Expected::WholeNumber => "整数".to_owned(),
        Expected::Number => "数字".to_owned(),
        Expected::Char => "单引号里的一个字符，例如 `'x'`".to_owned(),
        Expected::Str => "字符串".to_owned(),
        Expected::QuotedStr => "双引号里的字符串".to_owned(),
        Expected::Unit => " `()`".to_owned(),
        Expected::UnitStruct(name) => format!(" `{name}`"),
        Expected::List => "列表 `[...]`".to_owned(),
        Expected::Tuple(len) => format!("圆括号里的 {len} 个值 `(a, b, ...)`"),
        Expected::TupleStruct { name, len } => format!("含 {len} 个值的 `{name}(...)`"),
        Expected::Map => "映射 `{key: value, ...}`".to_owned(),
        Expected::Struct(name) => {
            format!("写成 `(field: value, ...)` 形式的 `{name}`")
        }
        Expected::OneOf(names) => one_of_zh(names),
        Expected::Name => "名称".to_owned(),
    }
}

fn found_zh(found: &Found) -> String {
    match found {
        Found::Unit => " `()`".to_owned(),
        Found::Bool(b) => format!(" `{b}`"),
        Found::Number(n) => format!("数字 {n}"),
        Found::Str { text, cut } => {
            let more = if *cut { "…" } else { "" };
            format!("字符串 `\"{}{more}\"`", text.escape_debug())
        }
        Found::Char(c) => format!("字符 `{c:?}`"),
        Found::List => "列表 `[...]`".to_owned(),
        Found::Map => "映射 `{...}`".to_owned(),
        Found::Tuple => "元组 `(...)`".to_owned(),
        Found::Struct => "结构 `(...)`".to_owned(),
        Found::Named(name) => format!(" `{name}(...)`"),
        Found::Ident(name) => format!("名称 `{name}`"),
    }
}

fn unexpected_zh(found: &Unexpected) -> String {
    match found {
        Unexpected::Bool(b) => format!("布尔值 `{b}`"),
        Unexpected::Unsigned(v) => format!("整数 {v}"),
        Unexpected::Signed(v) => format!("整数 {v}"),
        Unexpected::Float(v) => format!("小数 {v}"),
        Unexpected::Char(c) => format!("字符 `{c:?}`"),
        Unexpected::Str(s) => format!("字符串 `{s:?}`"),
        Unexpected::Bytes => "字节串".to_owned(),
        Unexpected::Unit => " `()`".to_owned(),
        Unexpected::Option => "可选值".to_owned(),
        Unexpected::NewtypeStruct => "新类型结构".to_owned(),
        Unexpected::Seq => "序列".to_owned(),
        Unexpected::Map => "映射".to_owned(),
        Unexpected::Enum => "枚举".to_owned(),
        Unexpected::UnitVariant => "单元变体".to_owned(),
        Unexpected::NewtypeVariant => "新类型变体".to_owned(),
        Unexpected::TupleVariant => "元组变体".to_owned(),
        Unexpected::StructVariant => "结构变体".to_owned(),
        Unexpected::Other(s) => format!(" `{s}`"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use ron_located::{Pos, Unknown};

    /// The index of `x`'s variant among the patterns, and how many there are. The `match`
    /// lists every variant without a wildcard, so a new variant does not compile until it is
    /// listed here, and then the coverage check below fails until a sample of it is given.
    macro_rules! variant {
        ($x:expr, [$($pat:pat),+ $(,)?]) => {{
            let x = $x;
            match x {
                $($pat)|+ => {}
            }
            let hits = [$(matches!(x, $pat)),+];
            (hits.iter().position(|&hit| hit).unwrap(), hits.len())
        }};
    }

    /// Asserts that `samples` hold every variant (`index` gives a sample's and the count).
    fn covers<T>(what: &str, samples: &[T], index: impl Fn(&T) -> (usize, usize)) {
        let count = samples.first().map_or(0, |s| index(s).1);
        let seen: BTreeSet<usize> = samples.iter().map(|s| index(s).0).collect();
        let missing: Vec<usize> = (0..count).filter(|i| !seen.contains(i)).collect();
        assert!(
            count > 0 && missing.is_empty(),
            "{what}: no sample of variants {missing:?}"
        );
    }

    fn problem_variant(p: &Problem) -> (usize, usize) {
        use Problem::*;
        variant!(
            p,
            [
                CannotRead { .. },
                NotUtf8,
                Syntax { .. },
                Data { .. },
                NotFinite { .. },
                OutOfRange { .. },
                FractionForPercent { .. },
                NoId,
                EmptyId,
                DuplicateId { .. },
                FullWidthId { .. },
                UnknownRef { .. },
                PersonElsewhere { .. },
                AddedTwice { .. },
                DifficultyHides(_),
                MoneyUnit { .. },
                NoAccounts,
                NoVisits,
                ResourceUnusable,
                ResourceUnaffordable { .. },
                BudgetUnspendable { .. },
                StandardCatalogue { .. },
                NoWeight,
                ProfitTarget { .. },
                GradesOrder,
                PriceTags { .. },
                RenewalOutside { .. },
                ResponseInverted { .. },
                NobodyToVisit { .. },
                EmptyCue,
                NamesStyle { .. },
                CueOtherStyle { .. },
                CueOtherNeed { .. },
                CuesPointNowhere { .. },
                FunnelStage { .. },
                CloseTurnOutside { .. },
                NeverFires(_),
                NoChoices,
                NoFeedback,
                ObjectionUnresolved,
                DominantChoice,
                NeverOpensTurn { .. },
                NeverOpens,
                WalkAwayAboveOpening { .. },
                NoRounds,
                NoIssues,
                NoOptions,
                CannotBeWon { .. },
                NoDeal { .. },
                PricesSwapped { .. },
                LengthInMonths { .. },
                BuyerLeaves { .. },
                Teaching { .. },
            ]
        )
    }

    fn ids(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|&s| s.to_owned()).collect()
    }

    /// One of every problem a scenario check reports, with values as a Chinese file has them
    /// (Chinese names and labels; ids ASCII).
    fn problems() -> Vec<Problem> {
        use Problem::*;
        let mark = FullWidth::Mark {
            mark: '，',
            ascii: ',',
        };
        vec![
            CannotRead {
                kind: std::io::ErrorKind::NotFound,
                detail: "No such file or directory (os error 2)".into(),
            },
            CannotRead {
                kind: std::io::ErrorKind::PermissionDenied,
                detail: "Permission denied (os error 13)".into(),
            },
            CannotRead {
                kind: std::io::ErrorKind::IsADirectory,
                detail: "Is a directory (os error 21)".into(),
            },
            CannotRead {
                kind: std::io::ErrorKind::Other,
                detail: "disk on fire".into(),
            },
            NotUtf8,
            Syntax {
                error: ParseErrorKind::EmptyDocument,
                full_width: None,
            },
            Data {
                error: DeErrorKind::MissingField("potential".into()),
                full_width: Some(mark),
            },
            NotFinite {
                what: Quantity::Share,
                found: f64::NAN,
            },
            OutOfRange {
                what: Quantity::Share,
                lo: 0.0,
                hi: 100.0,
                found: 150.0,
            },
            FractionForPercent {
                what: Quantity::Margin,
                value: 0.26,
            },
            NoId,
            EmptyId,
            DuplicateId {
                id: "huaxing".into(),
                list: "accounts".into(),
                first: 0,
            },
            FullWidthId {
                id: "a，b".into(),
                hint: mark,
            },
            FullWidthId {
                id: "a　b".into(),
                hint: FullWidth::Space,
            },
            UnknownRef {
                what: Named::Account,
                id: "huaxin".into(),
                suggestion: Some("huaxing".into()),
                known: ids(&["huaxing", "dongyue"]),
                full_width: None,
                named: 1,
            },
            UnknownRef {
                what: Named::Stakeholder,
                id: "chen，".into(),
                suggestion: None,
                known: ids(&["liu", "zhao"]),
                full_width: Some(mark),
                named: 3,
            },
            UnknownRef {
                what: Named::Negotiation,
                id: "renew".into(),
                suggestion: None,
                known: vec![],
                full_width: Some(mark),
                named: 1,
            },
            PersonElsewhere {
                id: "chen".into(),
                named: 2,
                owner: "acme".into(),
                here: "tiny".into(),
                place: Place::EventAccount,
                suggestion: Some("cheng".into()),
                known: ids(&["cheng"]),
            },
            PersonElsewhere {
                id: "he".into(),
                named: 1,
                owner: "dongyue".into(),
                here: "huaxing".into(),
                place: Place::NegotiationAccount,
                suggestion: None,
                known: ids(&["liu", "wang"]),
            },
            AddedTwice { id: "zhao".into() },
            DifficultyHides(Difficulty::Normal),
            MoneyUnit {
                unit: "ten thousand yuan".into(),
                max: 12,
            },
            NoAccounts,
            NoVisits,
            ResourceUnusable,
            ResourceUnaffordable {
                cost: 9.0,
                budget: 4.0,
            },
            BudgetUnspendable {
                budget: 1.0,
                cheapest: 2.5,
            },
            StandardCatalogue {
                budget: 0.5,
                prices: vec![("training".into(), 2.0), ("dinner".into(), 1.0)],
            },
            NoWeight,
            ProfitTarget {
                target: 10.0,
                floor: 20.0,
            },
            GradesOrder,
            PriceTags {
                telling: 3,
                costed: 4,
            },
            RenewalOutside {
                turn: 14,
                turns: 12,
            },
            ResponseInverted {
                max: 10.0,
                min: 20.0,
            },
            NobodyToVisit {
                account: "huaxing".into(),
            },
            EmptyCue,
            NamesStyle {
                name: "分析型".into(),
                difficulty: Difficulty::Hard,
            },
            CueOtherStyle {
                cue: Style::B,
                person: "王经理".into(),
                style: Style::A,
            },
            CueOtherNeed {
                cue: Need::Power,
                person: "王经理".into(),
                need: Need::Security,
            },
            CuesPointNowhere {
                style: Style::C,
                example: "总是先问候你的家人".into(),
            },
            FunnelStage { found: 7 },
            CloseTurnOutside { turn: 0, turns: 12 },
            NeverFires(Never::ProbabilityZero),
            NoChoices,
            NoFeedback,
            ObjectionUnresolved,
            DominantChoice,
            NeverOpensTurn {
                turn: 13,
                turns: 12,
            },
            NeverOpens,
            WalkAwayAboveOpening {
                walk_away: 80.0,
                opening: 70.0,
            },
            NoRounds,
            NoIssues,
            NoOptions,
            CannotBeWon {
                kind: NegotiationKind::Tender,
                best: 58.33,
                competitor: 62.0,
            },
            CannotBeWon {
                kind: NegotiationKind::Renewal,
                best: 58.33,
                competitor: 62.0,
            },
            NoDeal {
                kind: NegotiationKind::Renewal,
                best: 40.0,
                walk_away: 50.0,
            },
            NoDeal {
                kind: NegotiationKind::Tender,
                best: 40.0,
                walk_away: 50.0,
            },
            PricesSwapped {
                label: "维持原价".into(),
                level: 1.0,
                value: 80.0,
                cheaper_label: "降价 5%".into(),
                cheaper_level: 0.95,
                cheaper_value: 20.0,
            },
            LengthInMonths {
                length: 24,
                start: 5,
                turns: 6,
            },
            BuyerLeaves {
                buyer: "chen".into(),
                event: "chen_leaves".into(),
                turn: 3,
                certain: true,
                opens: 5,
                successors: ids(&["zhao"]),
            },
            BuyerLeaves {
                buyer: "chen".into(),
                event: "chen_leaves".into(),
                turn: 3,
                certain: false,
                opens: 5,
                successors: vec![],
            },
            Teaching {
                kind: WarningKind::DominantChoice,
                flaw: Flaw::Dominant {
                    label: "耐心解释".into(),
                    total: 9,
                    event: "rumour".into(),
                },
                path: "events[1].choices[0]".into(),
            },
        ]
    }

    fn nevers() -> Vec<Never> {
        vec![
            Never::TurnOutside { turn: 0, turns: 12 },
            Never::ProbabilityZero,
            Never::MaxTimesZero,
            Never::WindowClosed { from: 9, last: 6 },
            Never::SatisfactionBelowZero,
            Never::SatisfactionAbove100,
            Never::PressureAbove100,
            Never::SupportBelowZero,
            Never::GameTooShort { turns: 6 },
            Never::NoTier(Tier::C),
            Never::SatisfactionBoth {
                above: 70.0,
                below: 40.0,
            },
        ]
    }

    fn never_variant(n: &Never) -> (usize, usize) {
        use Never::*;
        variant!(
            n,
            [
                TurnOutside { .. },
                ProbabilityZero,
                MaxTimesZero,
                WindowClosed { .. },
                SatisfactionBelowZero,
                SatisfactionAbove100,
                PressureAbove100,
                SupportBelowZero,
                GameTooShort { .. },
                NoTier(_),
                SatisfactionBoth { .. },
            ]
        )
    }

    /// One of every teaching flaw, with the kind it is reported under.
    fn flaws() -> Vec<(WarningKind, Flaw)> {
        use WarningKind as W;
        vec![
            (
                W::AccountUnkeepable,
                Flaw::Unkeepable {
                    account: "hongda".into(),
                    lost: 95.0,
                    best: "expert".into(),
                    kept: 2.0,
                },
            ),
            (
                W::EventNeverFires,
                Flaw::NeverFired {
                    event: "rare".into(),
                    fired: 0,
                    games: 80,
                    runs: 20,
                },
            ),
            (
                W::BudgetNeverBinds,
                Flaw::BudgetIdle {
                    most: 12.0,
                    budget: 1000000.0,
                    games: 20,
                },
            ),
            (
                W::BudgetBuysScore,
                Flaw::BudgetBuysScore {
                    spent: 30.0,
                    profit_without: 4.2,
                    profit: -3.1,
                    with: 71.0,
                    without: 64.5,
                },
            ),
            (
                W::DominantChoice,
                Flaw::Dominant {
                    label: "耐心解释".into(),
                    total: 9,
                    event: "rumour".into(),
                },
            ),
            (
                W::MissingFeedback,
                Flaw::MissingFeedback {
                    label: "不理会".into(),
                    objection: true,
                    event: "price_objection".into(),
                },
            ),
            (
                W::MissingFeedback,
                Flaw::MissingFeedback {
                    label: "不理会".into(),
                    objection: false,
                    event: "rumour".into(),
                },
            ),
            (
                W::GoodAnswerFeedsLoss,
                Flaw::FeedsLoss {
                    label: "加派服务团队".into(),
                    costliest: Some(4.0),
                    conditional: None,
                    accounts: ids(&["hongda"]),
                    rates: vec![-1.25],
                },
            ),
            (
                W::GoodAnswerFeedsLoss,
                Flaw::FeedsLoss {
                    label: "加派服务团队".into(),
                    costliest: None,
                    conditional: Some("squeeze".into()),
                    accounts: ids(&["hongda", "tiny"]),
                    rates: vec![-1.25, -0.5],
                },
            ),
            (
                W::CostGivesVerdict,
                Flaw::CostGivesVerdict {
                    telling: ids(&["a", "b", "c"]),
                    events: 4,
                },
            ),
            (
                W::PoorAnswerPleases,
                Flaw::PoorPleases {
                    label: "马上降价".into(),
                    pleases: 5.0,
                },
            ),
        ]
    }

    fn flaw_variant(f: &Flaw) -> (usize, usize) {
        use Flaw::*;
        variant!(
            f,
            [
                Unkeepable { .. },
                NeverFired { .. },
                BudgetIdle { .. },
                BudgetBuysScore { .. },
                Dominant { .. },
                MissingFeedback { .. },
                FeedsLoss { .. },
                CostGivesVerdict { .. },
                PoorPleases { .. },
            ]
        )
    }

    fn tokens() -> Vec<Token> {
        vec![
            Token::EndOfFile,
            Token::Str,
            Token::Word("satisfation".into()),
            Token::Char("，".into()),
        ]
    }

    fn token_variant(t: &Token) -> (usize, usize) {
        variant!(
            t,
            [Token::EndOfFile, Token::Str, Token::Word(_), Token::Char(_)]
        )
    }

    fn wants() -> Vec<Want> {
        vec![
            Want::ParenAfterEnable,
            Want::ExtensionName,
            Want::AfterExtension("implicit_some".into()),
            Want::EqualsAfter("type".into()),
            Want::Str,
            Want::CloseAttribute,
            Want::Value,
            Want::FieldName,
            Want::ColonAfterField("tier".into()),
            Want::ValueForField("tier".into()),
            Want::ColonAfterKey,
        ]
    }

    fn want_variant(w: &Want) -> (usize, usize) {
        use Want::*;
        variant!(
            w,
            [
                ParenAfterEnable,
                ExtensionName,
                AfterExtension(_),
                EqualsAfter(_),
                Str,
                CloseAttribute,
                Value,
                FieldName,
                ColonAfterField(_),
                ValueForField(_),
                ColonAfterKey,
            ]
        )
    }

    fn contexts() -> Vec<Context> {
        vec![
            Context::InVariant("Support".into()),
            Context::AfterTupleElement,
            Context::AfterField("potential".into()),
            Context::AfterListElement,
            Context::AfterMapEntry,
        ]
    }

    fn context_variant(c: &Context) -> (usize, usize) {
        use Context::*;
        variant!(
            c,
            [
                InVariant(_),
                AfterTupleElement,
                AfterField(_),
                AfterListElement,
                AfterMapEntry,
            ]
        )
    }

    /// Every syntax error, and every part of one (what was wanted, what was found, where).
    fn syntaxes() -> Vec<ParseErrorKind> {
        use ParseErrorKind as K;
        let unknown = |suggestion: Option<&str>, expected: &[&str]| Unknown {
            what: NameKind::Extension,
            name: "implicit_sum".into(),
            suggestion: suggestion.map(str::to_owned),
            expected: ids(expected),
        };
        let mut all = vec![
            K::UnclosedComment,
            K::EmptyDocument,
            K::TrailingContent {
                found: Token::Char(")".into()),
                extra_bracket: true,
            },
            K::TrailingContent {
                found: Token::Word("x".into()),
                extra_bracket: false,
            },
            K::NotAnAttribute,
            K::UnknownAttribute,
            K::UnknownExtension(unknown(Some("implicit_some"), &["implicit_some"])),
            K::UnknownExtension(unknown(None, &["implicit_some", "unwrap_newtypes"])),
            K::UnknownExtension(unknown(None, &[])),
            K::TooDeep { max: 128 },
            K::UnterminatedString,
            K::UnfinishedEscape,
            K::HexEscapeTooLarge,
            K::UnclosedUnicodeEscape,
            K::InvalidUnicodeEscape,
            K::UnknownEscape("q".into()),
            K::NotHexDigits,
            K::UnterminatedRawString { hashes: 2 },
            K::UnterminatedChar,
            K::EmptyChar,
            K::CharTooLong,
            K::InvalidNumber("12x".into()),
            K::NumberTooLarge("999999999999999999999999999999999999999999".into()),
        ];
        for want in wants() {
            for found in tokens() {
                all.push(K::Expected {
                    want: want.clone(),
                    found,
                });
            }
        }
        let hints = [
            None,
            Some(SeparatorHint::MissingComma),
            Some(SeparatorHint::Unclosed {
                open: '(',
                at: Pos { line: 3, col: 5 },
            }),
        ];
        for context in contexts() {
            for hint in &hints {
                all.push(K::MissingSeparator {
                    close: ')',
                    context: context.clone(),
                    found: Token::Char("，".into()),
                    hint: hint.clone(),
                });
            }
        }
        all
    }

    fn syntax_variant(k: &ParseErrorKind) -> (usize, usize) {
        use ParseErrorKind::*;
        variant!(
            k,
            [
                UnclosedComment,
                EmptyDocument,
                TrailingContent { .. },
                NotAnAttribute,
                UnknownAttribute,
                UnknownExtension(_),
                Expected { .. },
                MissingSeparator { .. },
                TooDeep { .. },
                UnterminatedString,
                UnfinishedEscape,
                HexEscapeTooLarge,
                UnclosedUnicodeEscape,
                InvalidUnicodeEscape,
                UnknownEscape(_),
                NotHexDigits,
                UnterminatedRawString { .. },
                UnterminatedChar,
                EmptyChar,
                CharTooLong,
                InvalidNumber(_),
                NumberTooLarge(_),
            ]
        )
    }

    fn expecteds() -> Vec<Expected> {
        vec![
            Expected::Bool,
            Expected::WholeNumber,
            Expected::Number,
            Expected::Char,
            Expected::Str,
            Expected::QuotedStr,
            Expected::Unit,
            Expected::UnitStruct("Lose".into()),
            Expected::List,
            Expected::Tuple(2),
            Expected::TupleStruct {
                name: "Support".into(),
                len: 2,
            },
            Expected::Map,
            Expected::Struct("Account".into()),
            Expected::OneOf(vec![]),
            Expected::OneOf(ids(&["A"])),
            Expected::OneOf(ids(&["A", "B", "C"])),
            Expected::OneOf((0..20).map(|i| format!("V{i}")).collect()),
            Expected::Name,
        ]
    }

    fn expected_variant(e: &Expected) -> (usize, usize) {
        use Expected::*;
        variant!(
            e,
            [
                Bool,
                WholeNumber,
                Number,
                Char,
                Str,
                QuotedStr,
                Unit,
                UnitStruct(_),
                List,
                Tuple(_),
                TupleStruct { .. },
                Map,
                Struct(_),
                OneOf(_),
                Name,
            ]
        )
    }

    fn founds() -> Vec<Found> {
        vec![
            Found::Unit,
            Found::Bool(true),
            Found::Number("3.5".into()),
            Found::Str {
                text: "many".into(),
                cut: false,
            },
            Found::Str {
                text: "华星".repeat(20),
                cut: true,
            },
            Found::Char('x'),
            Found::List,
            Found::Map,
            Found::Tuple,
            Found::Struct,
            Found::Named("Some".into()),
            Found::Ident("Zh".into()),
        ]
    }

    fn found_variant(f: &Found) -> (usize, usize) {
        use Found::*;
        variant!(
            f,
            [
                Unit,
                Bool(_),
                Number(_),
                Str { .. },
                Char(_),
                List,
                Map,
                Tuple,
                Struct,
                Named(_),
                Ident(_),
            ]
        )
    }

    fn unexpecteds() -> Vec<Unexpected> {
        use Unexpected::*;
        vec![
            Bool(false),
            Unsigned(3),
            Signed(-3),
            Float(1.5),
            Char('x'),
            Str("many".into()),
            Bytes,
            Unit,
            Option,
            NewtypeStruct,
            Seq,
            Map,
            Enum,
            UnitVariant,
            NewtypeVariant,
            TupleVariant,
            StructVariant,
            Other("a thing".into()),
        ]
    }

    fn unexpected_variant(u: &Unexpected) -> (usize, usize) {
        use Unexpected::*;
        variant!(
            u,
            [
                Bool(_),
                Unsigned(_),
                Signed(_),
                Float(_),
                Char(_),
                Str(_),
                Bytes,
                Unit,
                Option,
                NewtypeStruct,
                Seq,
                Map,
                Enum,
                UnitVariant,
                NewtypeVariant,
                TupleVariant,
                StructVariant,
                Other(_),
            ]
        )
    }

    /// Every type error, and every part of one.
    fn data_errors() -> Vec<DeErrorKind> {
        use DeErrorKind as K;
        let unknown = |what, suggestion: Option<&str>, expected: &[&str]| Unknown {
            what,
            name: "satisfation".into(),
            suggestion: suggestion.map(str::to_owned),
            expected: ids(expected),
        };
        let mut all = vec![
            K::Unknown(unknown(
                NameKind::Field,
                Some("satisfaction"),
                &["satisfaction"],
            )),
            K::Unknown(unknown(NameKind::Field, None, &[])),
            K::Unknown(unknown(NameKind::Variant, None, &["A", "B", "C"])),
            K::Unknown(unknown(NameKind::Variant, None, &[])),
            K::MissingField("potential".into()),
            K::DuplicateField {
                name: "tier".into(),
                first: None,
            },
            K::DuplicateField {
                name: "tier".into(),
                first: Some(Pos { line: 3, col: 5 }),
            },
            K::DuplicateKey {
                key: "\"a\"".into(),
                first: Pos { line: 3, col: 5 },
            },
            K::WrongName {
                expected: "Support".into(),
                found: "Suport".into(),
            },
            K::WrongCount {
                expected: 2,
                field: Some("style_fit".into()),
                found: 3,
            },
            K::WrongCount {
                expected: 1,
                field: None,
                found: 0,
            },
            K::OutOfRange {
                value: 300,
                ty: "u8".into(),
                min: "0".into(),
                max: "255".into(),
            },
            K::TakesNoValues("Lose".into()),
            K::NeedsValue("Cash".into()),
            K::NeedsValues {
                name: "Support".into(),
                len: 2,
            },
            K::NeedsFields("Rumour".into()),
            K::InvalidLength {
                len: 3,
                expected: "a tuple of size 2".into(),
            },
            K::TooManyErrors,
            K::Custom("something else".into()),
        ];
        let hints = [
            None,
            Some(Hint::NumberInQuotes),
            Some(Hint::TextWithoutQuotes),
            Some(Hint::NameInQuotes),
        ];
        for expected in expecteds() {
            for field in [None, Some("turns".to_owned())] {
                all.push(K::Mismatch {
                    expected: expected.clone(),
                    field,
                    found: Found::Str {
                        text: "many".into(),
                        cut: false,
                    },
                    hint: None,
                });
            }
        }
        for found in founds() {
            for hint in hints {
                all.push(K::Mismatch {
                    expected: Expected::WholeNumber,
                    field: Some("turns".into()),
                    found: found.clone(),
                    hint,
                });
            }
        }
        for found in unexpecteds() {
            all.push(K::InvalidType {
                found: found.clone(),
                expected: "struct Account".into(),
            });
            all.push(K::InvalidValue {
                found,
                expected: "a tier".into(),
            });
        }
        all
    }

    fn data_variant(k: &DeErrorKind) -> (usize, usize) {
        use DeErrorKind::*;
        variant!(
            k,
            [
                Unknown(_),
                MissingField(_),
                DuplicateField { .. },
                DuplicateKey { .. },
                Mismatch { .. },
                WrongName { .. },
                WrongCount { .. },
                OutOfRange { .. },
                TakesNoValues(_),
                NeedsValue(_),
                NeedsValues { .. },
                NeedsFields(_),
                InvalidType { .. },
                InvalidValue { .. },
                InvalidLength { .. },
                TooManyErrors,
                Custom(_),
            ]
        )
    }

    /// Every problem there is to say: each variant of each kind at least once (checked), and
    /// the parts they are made of (quantities, full-width hints) in each.
    fn everything() -> Vec<Problem> {
        let mut all = problems();
        all.extend(nevers().into_iter().map(Problem::NeverFires));
        all.extend(flaws().into_iter().map(|(kind, flaw)| Problem::Teaching {
            kind,
            flaw,
            path: "accounts[3]".into(),
        }));
        for full_width in [
            None,
            Some(FullWidth::Space),
            Some(FullWidth::Mark {
                mark: '：',
                ascii: ':',
            }),
        ] {
            all.extend(
                syntaxes()
                    .into_iter()
                    .map(|error| Problem::Syntax { error, full_width }),
            );
            all.extend(
                data_errors()
                    .into_iter()
                    .map(|error| Problem::Data { error, full_width }),
            );
        }
        for what in Quantity::ALL {
            all.push(Problem::OutOfRange {
                what,
                lo: 0.0,
                hi: 100.0,
                found: 101.5,
            });
            all.push(Problem::NotFinite {
                what,
                found: f64::INFINITY,
            });
        }
        all
    }

    #[test]
    fn the_samples_hold_every_kind_of_problem() {
        covers("Problem", &problems(), problem_variant);
        covers("Never", &nevers(), never_variant);
        let flaws: Vec<Flaw> = flaws().into_iter().map(|(_, f)| f).collect();
        covers("Flaw", &flaws, flaw_variant);
        covers("ParseErrorKind", &syntaxes(), syntax_variant);
        covers("Want", &wants(), want_variant);
        covers("Token", &tokens(), token_variant);
        covers("Context", &contexts(), context_variant);
        covers("DeErrorKind", &data_errors(), data_variant);
        covers("Expected", &expecteds(), expected_variant);
        covers("Found", &founds(), found_variant);
        covers("Unexpected", &unexpecteds(), unexpected_variant);
    }

    /// The prose of a Chinese sentence: what is outside `code`.
    fn prose(zh: &str) -> String {
        assert_eq!(zh.matches('`').count() % 2, 0, "unbalanced backticks: {zh}");
        zh.split('`').step_by(2).collect()
    }

    /// Every problem is said in both languages; the Chinese is Chinese: no English word or
    /// ASCII punctuation outside `code` (ids, field names and what the author typed are code),
    /// so no English fragment leaks into a Chinese sentence.
    #[test]
    fn every_problem_reads_in_both_languages_and_the_chinese_has_no_english() {
        for problem in everything() {
            let (zh, en) = (problem.render(Lang::Zh), problem.render(Lang::En));
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{problem:?}"
            );
            assert_eq!(en, problem.to_string());
            assert_ne!(zh, en, "{problem:?}");
            let prose = prose(&zh);
            assert!(
                !prose.contains(|c: char| c.is_ascii_alphabetic()),
                "English in the Chinese of {problem:?}:\n{zh}"
            );
            assert!(
                !prose.contains([',', ';', '?', '!', '(', ')', ':']),
                "ASCII punctuation in the Chinese of {problem:?}:\n{zh}"
            );
            assert!(
                prose.contains(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }

    #[test]
    fn a_severity_heads_a_message_as_a_compiler_prints_it() {
        assert_eq!(headed(Lang::En, Severity::Error, "x"), "error: x");
        assert_eq!(headed(Lang::Zh, Severity::Warning, "x"), "警告：x");
        assert_eq!(headed(Lang::Zh, Severity::Note, "x"), "提示：x");
    }

    #[test]
    fn an_unknown_field_reads_like_the_issue_asks() {
        let problem = Problem::Data {
            error: DeErrorKind::Unknown(Unknown::new(
                NameKind::Field,
                "satisfation",
                &["satisfaction", "pressure"],
            )),
            full_width: None,
        };
        assert_eq!(
            problem.render(Lang::Zh),
            "未知字段 `satisfation`，是不是 `satisfaction`？"
        );
        assert_eq!(
            problem.render(Lang::En),
            "unknown field `satisfation`, did you mean `satisfaction`?"
        );
    }
}

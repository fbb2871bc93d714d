//! One home for the words every face of kam-trainer shares: the names of the model's things
//! (tiers, layers, styles, needs, metrics, severities…) in Chinese and English, how a tool
//! chooses its language, and the `word_table!` macro each face builds its own catalogue with.
//!
//! The game, the command line and the class server each keep the sentences only they say in a
//! table of their own (a `word_table!`), and take the names of things from here, so a style is
//! "C 人际型" on the game's screen, in `kam report` and on the dashboard alike. A table is an
//! enum of keys with both languages on one line: a key without its Chinese or its English does
//! not compile, which is why this is a macro and not a runtime catalogue (fluent and gettext
//! find a missing translation only when the line is shown).
//!
//! The typed messages of kam-sim (a negotiation's review and verdict, …) are worded in a
//! submodule each, one file a family (`negotiation`).

use crate::load::Severity;
use crate::scenario::{
    BuyingRole, Difficulty, EventKind, Layer, Need, Style, Tier, Topic, TurnUnit, Verdict,
};

pub use crate::scenario::Language as Lang;

// The words of kam-sim's typed messages, one file a family: each message has a `words` method
// there, so a face words it in its player's language where it shows it.
mod chance;
mod coach;
mod compare;
mod debrief;
mod explain;
mod names;
pub(crate) mod negotiation;
mod verdict;

/// A catalogue of sentences: `word_table! { pub enum Say { Key => "中文", "English"; … } }`
/// declares the enum, `Say::ALL` and `Say::t(lang)`. Placeholders are `{}` in both languages,
/// filled by [`fill`].
#[macro_export]
macro_rules! word_table {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($key:ident => $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name { $($key),* }

        impl $name {
            /// Every key, for checks over all of them (glyphs, placeholders).
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The text in `lang`.
            pub fn t(self, lang: $crate::words::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::words::Lang::Zh) => $zh,
                      ($name::$key, $crate::words::Lang::En) => $en,)*
                }
            }
        }
    };
}

/// `template` with each `{}` replaced by the next of `args` in order, and each `{N}` by
/// `args[N]` (for a language that puts the values in another order). A placeholder without
/// its argument stays as it is; an extra argument is ignored.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .filter(|&c| after[..c].bytes().all(|b| b.is_ascii_digit()));
        let Some(close) = close else {
            out.push('{');
            rest = after;
            continue;
        };
        let index = match &after[..close] {
            "" => {
                next += 1;
                next - 1
            }
            digits => digits.parse().unwrap_or(usize::MAX),
        };
        match args.get(index) {
            Some(arg) => out.push_str(&arg.to_string()),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Parses `zh` / `en` (any case, also `cn`, `zh-CN`, `chinese`, `中文`, `english`).
pub fn parse_lang(s: &str) -> Option<Lang> {
    match s.trim().to_ascii_lowercase().as_str() {
        "zh" | "cn" | "zh-cn" | "zh_cn" | "chinese" | "中文" => Some(Lang::Zh),
        "en" | "english" => Some(Lang::En),
        _ => None,
    }
}

/// The language a locale name asks for (`zh_CN.UTF-8` → Chinese, `en_GB`, `de_DE` or
/// `C.UTF-8` → English), or none when no locale is set.
pub fn locale_lang(locale: Option<&str>) -> Option<Lang> {
    match locale.map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(l) if l.to_ascii_lowercase().starts_with("zh") => Some(Lang::Zh),
        Some(_) => Some(Lang::En),
    }
}

/// The system's language, from `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set), as the C
/// library reads them.
pub fn system_lang() -> Option<Lang> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.trim().is_empty());
    locale_lang(locale.as_deref())
}

/// The language of a tool's output: the one asked for (`--lang`), else the language of the
/// scenario the output is about, else the system's, else English.
pub fn choose_lang(asked: Option<Lang>, scenario: Option<Lang>) -> Lang {
    asked.or(scenario).or_else(system_lang).unwrap_or(Lang::En)
}

/// The name of a language in that language (for a switch between them).
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

/// The `lang` attribute of a page in `lang`.
pub fn html_lang(lang: Lang) -> &'static str {
    lang.pick("zh-CN", "en")
}

pub fn tier(lang: Lang, tier: Tier) -> &'static str {
    match tier {
        Tier::A => lang.pick("A 产出", "A producing"),
        Tier::B => lang.pick("B 孵化", "B incubating"),
        Tier::C => lang.pick("C 潜在", "C potential"),
    }
}

pub fn layer(lang: Lang, layer: Layer) -> &'static str {
    match layer {
        Layer::Image => lang.pick("形象层", "Image"),
        Layer::Decision => lang.pick("决策层", "Decision"),
        Layer::Implementation => lang.pick("实施层", "Implementation"),
        Layer::User => lang.pick("使用层", "User"),
    }
}

pub fn role(lang: Lang, role: BuyingRole) -> &'static str {
    match role {
        BuyingRole::Initiator => lang.pick("发起者", "Initiator"),
        BuyingRole::DecisionMaker => lang.pick("决策者", "Decision maker"),
        BuyingRole::Specifier => lang.pick("规格制定者", "Specifier"),
        BuyingRole::Evaluator => lang.pick("评估者", "Evaluator"),
        BuyingRole::User => lang.pick("使用者", "User"),
        BuyingRole::Purchaser => lang.pick("采购者", "Purchaser"),
        BuyingRole::Gatekeeper => lang.pick("把关者", "Gatekeeper"),
    }
}

pub fn style(lang: Lang, style: Style) -> &'static str {
    match style {
        Style::A => lang.pick("A 分析型", "A analytical"),
        Style::B => lang.pick("B 程序型", "B sequential"),
        Style::C => lang.pick("C 人际型", "C interpersonal"),
        Style::D => lang.pick("D 想象型", "D imaginative"),
    }
}

pub fn need(lang: Lang, need: Need) -> &'static str {
    match need {
        Need::Power => lang.pick("权力", "Power"),
        Need::Achievement => lang.pick("成就", "Achievement"),
        Need::Recognition => lang.pick("认可", "Recognition"),
        Need::Acceptance => lang.pick("归属", "Acceptance"),
        Need::Security => lang.pick("安全", "Security"),
    }
}

pub fn topic(lang: Lang, topic: Topic) -> &'static str {
    match topic {
        Topic::Price => lang.pick("价格", "Price"),
        Topic::Volume => lang.pick("采购量", "Volume"),
        Topic::PaymentTerms => lang.pick("账期", "Payment terms"),
        Topic::ContractLength => lang.pick("合同期", "Contract length"),
        Topic::ServiceLevel => lang.pick("服务水平", "Service level"),
    }
}

pub fn event_kind(lang: Lang, kind: EventKind) -> &'static str {
    match kind {
        EventKind::Rumour { .. } => lang.pick("传言", "Rumour"),
        EventKind::Objection => lang.pick("异议", "Objection"),
        EventKind::StakeholderChange => lang.pick("人事变动", "Stakeholder change"),
        EventKind::PaymentDelay => lang.pick("回款延迟", "Payment delay"),
        EventKind::WarningSign => lang.pick("预警信号", "Warning sign"),
        EventKind::Opportunity => lang.pick("新机会", "Opportunity"),
        EventKind::Other => lang.pick("事件", "Event"),
    }
}

pub fn verdict(lang: Lang, verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Good => lang.pick("好", "good"),
        Verdict::Neutral => lang.pick("一般", "neutral"),
        Verdict::Poor => lang.pick("差", "poor"),
    }
}

pub fn difficulty(lang: Lang, d: Difficulty) -> &'static str {
    match d {
        Difficulty::Easy => lang.pick("简单", "Easy"),
        Difficulty::Normal => lang.pick("普通", "Normal"),
        Difficulty::Hard => lang.pick("困难", "Hard"),
    }
}

/// A turn by its number: "第 3 月" / "Month 3", "第 3 季度" / "Quarter 3".
pub fn turn_number(lang: Lang, unit: TurnUnit, n: u32) -> String {
    match (lang, unit) {
        (Lang::Zh, _) => format!("第 {n} {}", turn_unit(lang, unit)),
        (Lang::En, TurnUnit::Month) => format!("Month {n}"),
        (Lang::En, TurnUnit::Quarter) => format!("Quarter {n}"),
    }
}

pub fn turn_unit(lang: Lang, unit: TurnUnit) -> &'static str {
    match unit {
        TurnUnit::Month => lang.pick("月", "month"),
        TurnUnit::Quarter => lang.pick("季度", "quarter"),
    }
}

/// The three things a trainee is scored on, and the score that weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    Retention,
    Profit,
    Satisfaction,
    Composite,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Metric::Retention,
        Metric::Profit,
        Metric::Satisfaction,
        Metric::Composite,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Metric::Retention => lang.pick("客户保留", "Retention"),
            Metric::Profit => lang.pick("利润", "Profit"),
            Metric::Satisfaction => lang.pick("满意度", "Satisfaction"),
            Metric::Composite => lang.pick("综合得分", "Composite"),
        }
    }
}

/// How grave a finding is, as a compiler prints it after `FILE:LINE:COL:`.
pub fn severity(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Note => lang.pick("提示", "note"),
    }
}

// ================================================================================================
// The instructor's side: the built-in strategies, the teaching points the ablations take away,
// the teaching points the debrief assesses, and the balance lab's warnings — named once, for
// `kam strategies`, `kam balance`, `kam report` (and the game, where it shows them).
// ================================================================================================

use crate::scenario::Lesson;
use crate::strategy::AblationKind;
use crate::teaching::WarningKind;

/// Each built-in strategy: id (what `--strategy` takes, in both languages), Chinese name,
/// Chinese description, English description. Benchmarks first, then the ablations, as
/// [`crate::strategy::StrategyId::ALL`] lists them.
const STRATEGIES: [(&str, &str, &str, &str); 14] = [
    (
        "random",
        "随机",
        "合规但漫无目的：随机挑客户、挑人、挑说法、挑资源、挑应对",
        "legal but aimless: random accounts, people, pitches, resources and answers",
    ),
    (
        "even",
        "一视同仁",
        "每个客户拜访次数一样，说法随机",
        "the same number of visits for every account, pitches at random",
    ),
    (
        "tier-norms",
        "分级定额",
        "按课程的分级拜访标准（A 级优先），说法随机",
        "the courseware's visit norms by tier (A first), pitches at random",
    ),
    (
        "pareto",
        "二八法则",
        "价值排在前五分之一的客户优先（二八法则），说法随机",
        "the top fifth of accounts by value first (the 80/20 rule), pitches at random",
    ),
    (
        "expert",
        "专家",
        "CALLPLAN：每次拜访、每份资源都投向边际回报最高的地方，说法对准对方的风格，应对得当",
        "CALLPLAN: each visit and resource to the highest marginal return, pitch matched to style, good answers",
    ),
    (
        "spread-visits",
        "平均拜访",
        "专家，但拜访平均分给各个客户，而不是按价值分配",
        "expert, but the visits spread evenly over the accounts instead of by value",
    ),
    (
        "random-pitch",
        "随意说法",
        "专家，但随便挑一种说法，而不是对准对方的风格",
        "expert, but a pitch at random instead of one matched to the person's style",
    ),
    (
        "stereotype-pitch",
        "按层套话",
        "专家，但按对方所在的层级猜说法，而不是观察这个人",
        "expert, but each person pitched by what their layer suggests, not by reading them",
    ),
    (
        "worst-rumour",
        "错答传言",
        "专家，但对每条竞争对手的传言都给出最差的回应",
        "expert, but the worst answer to every competitor rumour",
    ),
    (
        "stop-gap",
        "治标不治本",
        "专家，但对每个异议都只是应付一下，从不真正解决",
        "expert, but a stop-gap answer to every objection, never solving it",
    ),
    (
        "ignore-warnings",
        "无视预警",
        "专家，但看不见流失风险：对预警信号和拖欠货款的客户反应最少",
        "expert, but blind to defection risk: does least about warning signs and late payers",
    ),
    (
        "concede",
        "一味让步",
        "专家，但每场谈判都答应买方的第一个要求",
        "expert, but concedes the buyer's first demand in every negotiation",
    ),
    (
        "discount-all",
        "全面打折",
        "专家，外加每回合给每个客户打折",
        "expert, plus a discount for every account every turn",
    ),
    (
        "over-serve",
        "过度服务",
        "专家，但营收最大的客户优先拿到双倍的拜访和预算",
        "expert, but the biggest-revenue account gets double visits and budget first",
    ),
];

/// A built-in strategy as it is named to a reader: in Chinese its short name (“专家”), in
/// English its id (“expert”), which is also what `--strategy` takes in both languages. An id
/// that is not a built-in strategy is shown as it is.
pub fn strategy_name(lang: Lang, id: &str) -> &str {
    match STRATEGIES.iter().find(|s| s.0 == id) {
        Some(s) => lang.pick(s.1, s.0),
        None => id,
    }
}

/// What a built-in strategy does, in a phrase (empty for an unknown id).
pub fn strategy_description(lang: Lang, id: &str) -> &'static str {
    STRATEGIES
        .iter()
        .find(|s| s.0 == id)
        .map_or("", |s| lang.pick(s.2, s.3))
}

/// The teaching point an ablation ([`crate::strategy::Ablation`]) takes away from the expert,
/// as the courseware puts it (empty for an id that is not an ablation). The English is the
/// ablation's own `teaching_point`.
pub fn teaching_point(lang: Lang, ablation: &str) -> &'static str {
    let Some(a) = crate::strategy::Ablation::ALL
        .into_iter()
        .find(|a| a.name() == ablation)
    else {
        return "";
    };
    let zh = match a.name() {
        "spread-visits" => "把有限的拜访按价值和潜力分配",
        "random-pitch" => "按每个人的风格和需求沟通",
        "stereotype-pitch" => "从言行中读出每个人的风格和需求",
        "worst-rumour" => "冷静应对竞争对手的传言",
        "stop-gap" => "彻底解决反复出现的异议",
        "ignore-warnings" => "留意预警信号，及时行动",
        "concede" => "一上来就答应买方的第一个要求，而不是交换条件（双赢）",
        "discount-all" => "给每个客户打折来买忠诚",
        "over-serve" => "过度服务营收最大的客户",
        _ => a.teaching_point(),
    };
    lang.pick(zh, a.teaching_point())
}

/// Whether an ablation takes a taught behaviour away or adds a bad habit.
pub fn ablation_kind(lang: Lang, kind: AblationKind) -> &'static str {
    match kind {
        AblationKind::TaughtBehaviour => lang.pick("课程教的做法", "taught behaviour"),
        AblationKind::BadHabit => lang.pick("坏习惯", "bad habit"),
    }
}

/// A teaching point the debrief assesses: the one name of each, wherever it is shown (events,
/// coach, debrief, reports, the dashboard).
pub fn lesson(lang: Lang, lesson: Lesson) -> &'static str {
    let (zh, en) = match lesson {
        Lesson::Tiering => ("客户分级", "Tier your accounts"),
        Lesson::Allocation => ("按价值分配精力", "Allocate effort by value"),
        Lesson::BuyingCentre => ("了解采购中心", "Know the buying centre"),
        Lesson::Style => ("按风格沟通", "Speak to each person's style"),
        Lesson::Rumour => ("冷静应对传言", "Handle rumours calmly"),
        Lesson::Objection => ("重复异议的含义", "Repeated objections"),
        Lesson::Negotiation => ("双赢谈判", "Negotiate win-win"),
        Lesson::WarningSigns => ("关注预警信号", "Watch the warning signs"),
        Lesson::Pipeline => ("经营销售漏斗", "Work the pipeline"),
        Lesson::Lifecycle => ("关系生命周期", "Relationship life cycle"),
    };
    lang.pick(zh, en)
}

/// What kind of teaching problem the balance lab found. The English is the warning's own
/// label (what `kam validate` has always printed).
pub fn teaching_warning(lang: Lang, kind: WarningKind) -> &'static str {
    let zh = match kind {
        WarningKind::AccountUnkeepable => "客户保不住",
        WarningKind::EventNeverFires => "事件从不发生",
        WarningKind::BudgetNeverBinds => "预算从不紧张",
        WarningKind::BudgetBuysScore => "预算买来了分数",
        WarningKind::DominantChoice => "有一个应对总是最好",
        WarningKind::MissingFeedback => "应对没有反馈",
        WarningKind::GoodAnswerFeedsLoss => "“好”应对反倒养着亏损客户",
        WarningKind::CostGivesVerdict => "花费泄露了答案",
        WarningKind::PoorAnswerPleases => "“差”应对反倒讨好客户",
    };
    lang.pick(zh, kind.label())
}

/// The profit score (0 to 100), the share of the composite that profit earns; “profit” alone is
/// [`Metric::Profit`], the money.
pub fn profit_score(lang: Lang) -> &'static str {
    lang.pick("利润得分", "Profit score")
}

#[cfg(test)]
mod instructor_tests {
    use super::*;

    #[test]
    fn every_strategy_has_a_name_and_a_description_in_both_languages() {
        let ids: Vec<&str> = STRATEGIES.iter().map(|s| s.0).collect();
        assert_eq!(ids, crate::strategy::StrategyId::ALL.map(|s| s.name()));
        for id in ids {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!strategy_description(lang, id).is_empty(), "{id}");
            }
            assert_eq!(strategy_name(Lang::En, id), id);
            assert!(!strategy_name(Lang::Zh, id).is_ascii(), "{id}");
        }
        assert_eq!(strategy_name(Lang::Zh, "mine"), "mine");
    }

    #[test]
    fn every_ablation_names_its_teaching_point_in_both_languages() {
        for a in crate::strategy::Ablation::ALL {
            assert_eq!(teaching_point(Lang::En, a.name()), a.teaching_point());
            assert!(
                !teaching_point(Lang::Zh, a.name()).is_ascii(),
                "{}",
                a.name()
            );
        }
        assert_eq!(teaching_point(Lang::Zh, "expert"), "");
    }

    #[test]
    fn chinese_names_use_full_width_punctuation() {
        let mut texts: Vec<&str> = STRATEGIES.iter().flat_map(|s| [s.1, s.2]).collect();
        texts.extend(
            crate::strategy::Ablation::ALL
                .into_iter()
                .map(|a| teaching_point(Lang::Zh, a.name())),
        );
        for text in texts {
            assert!(!text.contains([',', ';', '?', '!', '(', ')']), "{text}");
            assert!(!text.contains(": "), "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_chooses_chinese_only_when_it_is_chinese() {
        assert_eq!(locale_lang(Some("zh_CN.UTF-8")), Some(Lang::Zh));
        assert_eq!(locale_lang(Some("zh_TW")), Some(Lang::Zh));
        assert_eq!(locale_lang(Some("C.UTF-8")), Some(Lang::En));
        assert_eq!(locale_lang(Some("de_DE.UTF-8")), Some(Lang::En));
        assert_eq!(locale_lang(Some("  ")), None);
        assert_eq!(locale_lang(None), None);
    }

    #[test]
    fn the_asked_language_wins_then_the_scenario_s() {
        assert_eq!(choose_lang(Some(Lang::En), Some(Lang::Zh)), Lang::En);
        assert_eq!(choose_lang(None, Some(Lang::Zh)), Lang::Zh);
        assert_eq!(choose_lang(Some(Lang::Zh), None), Lang::Zh);
    }

    #[test]
    fn fill_puts_the_values_in_order_and_keeps_unfilled_places() {
        assert_eq!(
            fill("{} 个客户，{} 个月", &[&3, &"12"]),
            "3 个客户，12 个月"
        );
        assert_eq!(fill("{} of {}", &[&1]), "1 of {}");
        assert_eq!(fill("none", &[&1]), "none");
        assert_eq!(fill("{1} 的 {0}", &[&"a", &"b"]), "b 的 a");
        assert_eq!(fill("{x} {}", &[&1]), "{x} 1");
    }

    word_table! {
        enum Sample { One => "一", "one"; Two => "二 {}", "two {}"; }
    }

    #[test]
    fn a_table_gives_each_key_in_each_language() {
        assert_eq!(Sample::ALL.len(), 2);
        assert_eq!(Sample::One.t(Lang::Zh), "一");
        assert_eq!(fill(Sample::Two.t(Lang::En), &[&2]), "two 2");
    }
}

/// Things counted in a sentence ("1 negotiation", "3 negotiations", "3 场谈判"): English
/// needs the number to choose the noun's form, Chinese a measure word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Account,
    Event,
    Negotiation,
    Visit,
    Trainee,
    Game,
    Warning,
    Error,
}

impl Counted {
    pub const ALL: [Counted; 8] = [
        Counted::Account,
        Counted::Event,
        Counted::Negotiation,
        Counted::Visit,
        Counted::Trainee,
        Counted::Game,
        Counted::Warning,
        Counted::Error,
    ];

    /// (Chinese with its measure word, English singular, English plural).
    fn forms(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Counted::Account => ("个客户", "account", "accounts"),
            Counted::Event => ("个事件", "event", "events"),
            Counted::Negotiation => ("场谈判", "negotiation", "negotiations"),
            Counted::Visit => ("次拜访", "visit", "visits"),
            Counted::Trainee => ("位学员", "trainee", "trainees"),
            Counted::Game => ("局", "game", "games"),
            Counted::Warning => ("个警告", "warning", "warnings"),
            Counted::Error => ("个错误", "error", "errors"),
        }
    }
}

/// `n` of `what` in `lang`: "1 negotiation", "2 negotiations", "2 场谈判".
pub fn count(lang: Lang, n: usize, what: Counted) -> String {
    let (zh, one, many) = what.forms();
    match lang {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En if n == 1 => format!("1 {one}"),
        Lang::En => format!("{n} {many}"),
    }
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn one_is_singular_in_english_and_chinese_counts_with_its_measure_word() {
        assert_eq!(count(Lang::En, 1, Counted::Negotiation), "1 negotiation");
        assert_eq!(count(Lang::En, 0, Counted::Negotiation), "0 negotiations");
        assert_eq!(count(Lang::En, 2, Counted::Account), "2 accounts");
        assert_eq!(count(Lang::Zh, 1, Counted::Negotiation), "1 场谈判");
        for what in Counted::ALL {
            let (_, one, many) = what.forms();
            assert_ne!(one, many, "{what:?}");
        }
    }
}

/// A signed change to one decimal, `+3.2` or `−1.0` (a true minus sign); a change that rounds
/// to nothing is `+0.0`, never `−0.0`.
pub fn signed(x: f64) -> String {
    let x = if (x * 10.0).round() == 0.0 { 0.0 } else { x };
    if x >= 0.0 {
        format!("+{x:.1}")
    } else {
        format!("−{:.1}", -x)
    }
}

#[cfg(test)]
mod signed_tests {
    use super::signed;

    #[test]
    fn a_change_that_rounds_to_nothing_has_no_minus() {
        assert_eq!(signed(-0.04), "+0.0");
        assert_eq!(signed(-0.06), "−0.1");
        assert_eq!(signed(3.25), "+3.2");
        assert_eq!(signed(0.0), "+0.0");
    }
}

/// The game's button that takes a seat in a live class: the class server's pages tell
/// trainees to press it by this name, so both say it from here.
pub fn join_a_class(lang: Lang) -> &'static str {
    lang.pick("加入班级", "Join a class")
}

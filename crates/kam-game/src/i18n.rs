//! The UI's string table: one enum of keys, Chinese and English side by side.
//!
//! Only the game's own words live here. Scenario text (titles, stories, names, event choices
//! and feedback) is shown as the instructor wrote it, in the scenario's language; the names of
//! the model's concepts (tiers, layers, styles, ...) are translated here so a Chinese UI never
//! shows `Implementation` and an English one never shows `实施层`.

use kam_sim::PlanError;
use kam_sim::scenario::{Style, TurnUnit};

pub use kam_sim::scenario::Language as Lang;
/// The names of the model's things are the project's, shared with the tools and the server.
pub use kam_sim::words::{
    difficulty, event_kind, language_name, layer, need, role, style, tier, topic, turn_unit,
    verdict,
};

pub use kam_sim::words::parse_lang;

/// The system's language (`LC_ALL`, `LC_MESSAGES` or `LANG`); Chinese when none is set, the
/// courseware's own language (the tools fall back to English instead, as command lines do).
pub fn system_lang() -> Lang {
    kam_sim::words::system_lang().unwrap_or(Lang::Zh)
}

macro_rules! table {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A piece of UI text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum K { $($key),* }

        impl K {
            /// Every piece of UI text, for checks over all of them (glyph coverage).
            pub const ALL: &'static [K] = &[$(K::$key),*];

            /// The text in `lang`.
            pub fn t(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((K::$key, Lang::Zh) => $zh, (K::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

table! {
    AppTitle => "大客户管理训练", "Key Account Management Trainer";
    AppSubtitle => "在真实的客户组合里练习分级、拜访分配、关键人、异议与谈判", "Practise tiering, visit allocation, buying centres, objections and negotiation on a realistic portfolio";
    Scenarios => "训练场景", "Scenarios";
    OpenFile => "打开场景文件", "Open scenario file";
    FilePath => "文件路径", "File path";
    PlayerName => "学员姓名", "Player name";
    SeedOrCode => "随机种子 / 班级代码", "Seed or class code";
    SeedHint => "留空则使用场景默认值；同一班级代码下所有学员遇到相同的事件", "Empty uses the scenario's own; everyone with the same class code meets the same events";
    UiLanguage => "界面语言", "UI language";
    Start => "开始", "Start";
    ContinueSaved => "继续上次的游戏", "Continue saved game";
    JoinClass => "加入班级", "Join a class";
    JoinClassHint => "讲师运行 kam serve 后给出服务器地址和加入码；游戏在本机运行，决策随时同步给讲师", "Your instructor runs kam serve and gives you its address and join code; the game runs here and sends your decisions as you play";
    ClassServer => "服务器地址", "Server address";
    JoinCode => "加入码", "Join code";
    RejoinCode => "重新加入码（换电脑时填写）", "Rejoin code (only when changing computers)";
    CannotJoin => "无法加入班级", "Could not join the class";
    FixJoin => "检查服务器地址、加入码和姓名；换电脑时填写加入时显示的重新加入码", "Check the server address, the join code and your name; on another computer, give the rejoin code shown when you joined";
    NameNeeded => "请先填写学员姓名", "Type your name first";
    ClassLine => "班级", "Class";
    RejoinLine => "重新加入码", "Rejoin code";
    SentAll => "已同步", "all sent";
    SentSome => "已发送", "sent";
    Offline => "离线：决策保存在本机，恢复连接后自动发送", "offline: your decisions are kept here and sent when the server is back";
    RejoinHint => "请记下：换电脑时，用加入码、姓名和这个重新加入码即可继续你的游戏", "Write it down: on another computer, the join code, your name and this rejoin code take your game back";
    EndTurnQuestion => "还有拜访或预算没有用完，确定结束本月吗？", "End the month with visits or budget unused?";
    EndTurnAnyway => "结束本月", "End the month";
    KeepPlaying => "继续安排", "Keep planning";
    LeaveQuestion => "离开这局游戏？", "Leave this game?";
    LeaveBody => "游戏已自动保存，可在标题画面选择“继续上次的游戏”。", "It is autosaved: “Continue saved game” on the title screen takes you back.";
    LeaveGame => "回到标题画面", "Back to the title screen";
    Undo => "撤销", "Undo";
    FitOf => "话术契合度", "Pitch fit";
    NoVisitsLeft => "本月的拜访已经排满", "No visits left this month";
    TipChoiceCost => "这笔费用计入该客户本月的利润（不占用拜访预算）", "Charged to this account's profit this month (not to your visit budget)";
    MaxPerAccount => "每个客户每月最多", "max. per account a month:";
    PlanEffect => "计划→", "Plan →";
    TipPlanEffect => "按当前计划，月底满意度的预期变化（模型的期望值，不含随机事件）；悬停查看份额、利润和流失风险。“普通”和“困难”难度下，按你对每个人的判断来算（还没判断的人按职位推测）。", "The expected change in satisfaction by the month's end with this plan (the model's expectation, without random events); hover for share, profit and defection risk. At Normal and Hard difficulty it takes each person as you read them (as their title suggests until you note a reading).";
    Coach => "教练提示（练习模式）", "Coach (practice mode)";
    YouAndExpert => "逐月对照：你和专家（同一种子）", "Month by month: you and the expert (same seed)";
    ProfitPerMonth => "每月利润", "profit per month";
    ThisOffer => "我们每月的利润：现在 → 按这个出价", "Our profit per month: now → with this offer";
    WhatIfFrom => "假如重来：从第 {} 个月开始", "What-if from month {}";
    WhatIfNotResult => "这是假如重来的一局，不是正式成绩：正式成绩仍是第一次的游戏", "This is a what-if, not a result: your result stays the first play-through";
    ReplayFromHere => "从这个月重来", "Replay from here";
    BetterPlan => "这个月更好的计划（会多得 {} 分）：", "A better plan for this month (worth {} more points):";
    UseThisPlan => "用这个计划（可以撤销）", "Use this plan (you can undo it)";
    StillRoom => "仍有提升空间：“下次试试”里有 {} 项属于这一点", "Still room to do better: \"try next time\" decisions on this point: {}";
    TipBuyerValue => "这份协议对买方有多好（0–100），按买方各项优先事项加权；达到买方这一轮的要求就会接受，而这个要求一轮比一轮低（所以同样的出价后来可能被接受）。", "How good the deal is for the buyer (0–100), weighted by their priorities. They accept once it reaches what they need this round, and what they need falls round by round (so the same offer can be accepted later).";
    ProfitCounted => "利润得分所计（利润 + 未来利润）", "Counted for the profit score (profit + future)";
    Outcome => "结果", "Outcome";
    SatisfactionChange => "满意度变化", "Satisfaction change";
    TipSatisfactionChange => "从开局到最后一个月的满意度变化。", "Satisfaction at the end against the start of the game.";
    MainCauses => "主要原因", "Main causes";
    LeaveWhatIf => "回到我的正式游戏", "Back to my game";
    WhatIfCompare => "与原来的游戏对比", "Beside your original game";
    Original => "原来", "Original";
    ThisWhatIf => "这次", "This what-if";
    TryNextTime => "下次试试：代价最大的三个决定", "Try next time: the three costliest decisions";
    LostMoneyEveryMonth => "每个月都在亏钱的客户（客户 · 你的拜访次数 · 资源花费）：{}", "Lost money every month (account · your visits · spent on resources): {}";
    Guide => "新手引导", "First game";
    SkipGuide => "跳过引导", "Skip the guide";
    GuideDossier => "左边是客户列表，中间是所选客户的档案卡：用上/下键或点击，选一个客户看看它的采购决策链。", "On the left, your accounts; in the middle, the dossier of the one selected. Press ↑/↓ or click to pick an account and read its buying centre.";
    GuideVisit => "给这个客户的某个人安排一次拜访：点“添加拜访”，或按 1–9。", "Plan a visit to someone at this account: click Add visit, or press 1–9.";
    GuidePitch => "拜访方式要契合对方的沟通风格：用左/右键或下拉框换一种方式，看看“话术契合度”怎么变。这里直接写出了每个人的风格和需求；到了“普通”难度的课堂案例，你得从对方的言谈举止和拜访后的反应自己判断。", "A visit works when its pitch suits the person's style: change the pitch with ←/→ or the list and watch the fit beside each person. Here each person's style and need are written out; in the classroom scenarios, at Normal difficulty, you read them yourself from what people say and do and how they react to your visits.";
    GuideResource => "资源（技术支持、培训……）花预算，配合拜访效果更好：给一个客户加一项资源。", "Resources (support days, training…) spend budget and work best alongside visits: add one to an account.";
    GuideEnd => "右边是本月计划，“计划→”一列是模型对月底满意度的预期。安排好了就结束本月（Enter）。", "Your plan is on the right, and the Plan → column is the model's expectation for each account by the month's end. When you are ready, end the month (Enter).";
    GuideReport => "月报逐条列出每个数字的原因：看看哪些拜访起了作用，哪里在降温。", "The report gives the cause of every change: see which visits worked and where accounts cooled.";
    GuideEvent => "客户说了什么：选一个回应。每个回应的后果都会解释给你听。", "A customer has raised something: choose your answer. Each answer's consequences are explained afterwards.";
    FitGood => "契合", "good fit";
    FitWeak => "一般", "weak";
    FitPoor => "较差", "poor";
    FitWasted => "适得其反", "wasted";
    ScoreSoFar => "当前得分", "Score so far";
    OfflineShort => "离线，稍后自动发送", "offline, will resend";
    OfflineAllSentShort => "离线（决策都已送达）", "offline (everything sent)";
    OfflineAllSent => "你的决策都已送达服务器，这里没有等待发送的内容；服务器恢复后，本轮结果照常显示。", "The server has all your decisions; nothing waits to be sent. Once it answers again, the round's results appear as usual.";
    WaitingForClass => "等待全班完成本月", "Waiting for the class";
    SavedGameFound => "发现自动存档", "An autosave was found";
    Accounts => "客户", "accounts";
    Difficulty => "难度", "Difficulty";
    Language => "语言", "Language";
    Length => "长度", "Length";
    Briefing => "任务简报", "Briefing";
    Objectives => "目标", "Objectives";
    ScoreWeights => "评分权重", "How the score is weighted";
    Retention => "客户保留", "Retention";
    Profit => "利润", "Profit";
    FutureProfit => "未来利润（次年）", "Future profit (next year)";
    TipFutureProfit => "保留下来的客户按期末份额和合同条件再做一年的利润（按流失风险折算）。留下的合同也算分，所以最后几个月和头几个月一样重要。", "A year of profit from the accounts you keep, at their final share and terms, discounted by their risk of leaving. The contracts you leave behind count, so the last months matter as much as the first.";
    Satisfaction => "满意度", "Satisfaction";
    Composite => "综合得分", "Composite";
    Grade => "等级", "Grade";
    GradeThresholds => "等级线 A/B/C/D", "Grade thresholds A/B/C/D";
    Overview => "客户概览", "Accounts overview";
    Means => "每月资源", "Means per month";
    VisitsPerTurn => "拜访次数", "Visits";
    BudgetPerTurn => "预算", "Budget";
    BeginGame => "开始第一个月", "Begin the first month";
    Back => "返回", "Back";
    Turn => "月份", "Month";
    Of => "/", "of";
    Dashboard => "客户仪表盘", "Account dashboard";
    Account => "客户", "Account";
    Tier => "分级", "Tier";
    Revenue => "收入", "Revenue";
    Margin => "毛利率", "Margin";
    Relationship => "关系", "Relationship";
    Share => "钱包份额", "Share of wallet";
    Trend => "趋势", "Trend";
    Pressure => "竞争压力", "Competitor pressure";
    ChurnRisk => "流失风险", "Churn risk";
    Dossier => "客户档案卡", "Account dossier";
    BuyingCentre => "采购决策链", "Buying centre";
    Person => "人物", "Person";
    Layer => "层级", "Layer";
    Role => "角色", "Role";
    Style => "沟通风格", "Style";
    Need => "个人需求", "Need";
    Left => "已离开", "has left";
    History => "历史", "History";
    NoHistory => "还没有历史记录。", "No history yet.";
    Visits => "拜访", "Visits";
    Allocation => "本月安排", "This month's plan";
    Approach => "拜访方式", "Approach";
    AddVisit => "添加拜访", "Add visit";
    Resources => "资源", "Resources";
    AddResource => "投入资源", "Add resource";
    Remove => "移除", "Remove";
    ClearPlan => "清空安排", "Clear plan";
    VisitsLeft => "剩余拜访", "Visits left";
    BudgetLeft => "剩余预算", "Budget left";
    Pipeline => "销售漏斗与预测", "Pipeline and forecast";
    Opportunity => "机会", "Opportunity";
    Value => "金额", "Value";
    Stage => "阶段", "Stage";
    WinRate => "阶段赢率", "Stage rate";
    ChanceNow => "现在成交概率", "Chance now";
    TipChanceNow => "如果客户今天做决定，赢下这单的概率：阶段赢率 × 客户满意度（{} 为基准）× 采购决策链的支持（关系 {} 为基准），最高 {}%。成交时按这个概率抽签；销售预计仍按课程的阶段赢率计算。", "The chance of winning it if the customer decided today: the stage rate × how satisfied they are (par {}) × how much the buying centre backs you (relationship par {}), at most {}%. The close is drawn at this chance; the forecast keeps the courseware's stage rates.";
    CloseTurn => "决策月份", "Decides in month";
    Forecast => "预测", "Forecast";
    NoOpportunities => "暂无机会。", "No open opportunities.";
    EndTurn => "结束本月", "End month";
    EndTurnHint => "上/下键 选客户 · 1–9 拜访此人 · 左/右键 换拜访方式 · Backspace 撤销 · Enter 结束本月 · Esc 简报", "Up/Down account · 1–9 visit that person · Left/Right approach · Backspace undo · Enter ends the month · Esc briefing";
    Contract => "合同", "Contract";
    PriceLevel => "价格水平", "Price level";
    PaymentDays => "账期（天）", "Payment days";
    ExpectedPrice => "客户预期价格", "Expected price";
    Renewal => "续约", "Renewal";
    InTurn => "第 {} 月", "month {}";
    Lost => "已流失", "Lost";
    OpportunityLost => "丢单", "Lost";
    Choose => "你的回应", "Your answer";
    Feedback => "反馈", "Feedback";
    Continue => "继续", "Continue";
    Cost => "费用", "Cost";
    Repeat => "第 {} 次出现", "comes back for the {} time";
    Negotiation => "谈判", "Negotiation";
    YourOffer => "你的报价", "Your offer";
    MakeOffer => "提出报价", "Make offer";
    WalkAwayBtn => "离开谈判桌", "Walk away";
    YouWalkedAway => "你离开了谈判桌：没有达成协议。", "You walked away from the table: no deal.";
    Round => "轮次", "Round";
    BuyerSays => "买方回应", "The buyer says";
    YouOffered => "你的报价", "You offered";
    PressedSoFar => "买方施压过的议题", "Pressed so far";
    DealSummary => "谈判结果", "Deal summary";
    Deal => "成交", "Deal";
    NoDeal => "未成交", "No deal";
    ProfitRate => "每月利润", "Profit per month";
    Before => "之前", "before";
    After => "之后", "after";
    BuyerValue => "买方价值", "Buyer's value";
    TurnReport => "月度报告", "Month's report";
    WhatChanged => "变化与原因", "What changed and why";
    Charts => "图表", "Charts";
    Debrief => "复盘", "Debrief";
    Breakdown => "得分构成", "Breakdown";
    Weight => "权重", "Weight";
    OverTime => "各客户满意度走势", "Satisfaction by account over time";
    RevenueOverTime => "各客户收入走势", "Revenue by account over time";
    DecisionsThatMattered => "关键决策", "Decisions that mattered";
    DecidedByChance => "由运气决定的", "Decided by chance";
    TipDecidedByChance => "每笔商机的输赢和每个客户的流失都是按概率抽取的。这里列出当时的概率：概率高却输了，是运气不好，不是决策错了；教学要点只看你的决策。", "Each deal won or lost and each account lost was drawn with a chance. Here are the odds each had: a likely win that was lost is bad luck, not a bad decision; the teaching points judge only your decisions.";
    LuckWith => "运气好", "Luck with you";
    LuckAgainst => "运气差", "Luck against you";
    LuckAsExpected => "意料之中", "As the odds said";
    LuckMixed => "得失参半", "Mixed";
    TeachingPoints => "教学要点", "Teaching points";
    Met => "达成", "met";
    Missed => "未达成", "missed";
    ExpertComparison => "与专家策略比较（同一种子）", "Compared with the expert strategy (same seed)";
    You => "你", "You";
    Expert => "专家", "Expert";
    ExportResult => "导出成绩文件", "Export result file";
    Exported => "已导出：", "Exported to:";
    NewGame => "新游戏", "New game";
    Error => "错误", "Error";
    WhatToDo => "怎么办", "What to do";
    FixScenario => "请修改场景文件中标出的行，保存后重新载入（或使用 --watch 自动重载）。", "Fix the lines marked in the scenario file, save it and load it again (or use --watch to reload automatically).";
    FixSave => "存档无法读取。可以开始新游戏；旧存档已保留以便检查。", "The save could not be read. Start a new game; the old file is kept for inspection.";
    Reloaded => "已重新载入", "Reloaded";
    Autosaved => "已自动保存", "Autosaved";
    EnterConfirms => "Enter 确认 · Esc 返回", "Enter confirms · Esc goes back";
    Story => "背景", "Story";
    Industry => "行业", "Industry";
    Notes => "备注", "Notes";
    Norm => "拜访标准", "Visit norm";
    TipTier => "A 产出型：当前贡献利润；B 孵化型：正在培养；C 潜在型：未来机会。", "A producing: earns today; B incubating: being developed; C potential: a future opportunity.";
    TipMargin => "毛利率：销售额中扣除产品成本后的百分比。折扣会直接侵蚀它。", "Gross margin in percent of sales. Discounts eat straight into it.";
    TipSatisfaction => "客户满意度 0–100。低于 {} 开始有流失风险，越低风险越大。得分取整个游戏各月的平均值（按客户价值加权）：持续的关怀得分，临时抱佛脚不得分。", "Customer satisfaction 0–100. Below {} the account may defect, more likely the lower it goes. The score is its average over the months, weighted by account value: steady care scores, a last-minute push does not.";
    TipTrend => "满意度相对上个月的变化。", "Change in satisfaction since the previous month.";
    TipWarnings => "红：马上处理；黄：需要关注；蓝：提前准备。", "Red: act now; yellow: watch; blue: prepare.";
    TipPressure => "竞争对手的压力 0–100：每月侵蚀满意度与份额。", "Competitor pressure 0–100: erodes satisfaction and share every month.";
    TipChurn => "本月末客户流失的概率：满意度低于 {} 才有风险，越低、竞争压力越大、关系越弱，风险越高。很小的风险也可能成真。", "The chance the account defects at this month's end: there is a risk only while satisfaction is under {}, and it grows as satisfaction falls, competitor pressure rises and the relationship weakens. Even a small risk can come up.";
    TipForecast => "销售预计 = Σ 机会金额 × 阶段赢率：课程里销售漏斗的算法，只看阶段。真正成交时的概率还要看满意度和关系，见“现在成交概率”；两者不同时，以后者为准。", "Sales forecast = Σ opportunity value × stage win rate: the course's funnel arithmetic, by stage alone. The odds a close is actually drawn at also weigh satisfaction and relationship: see \"chance now\"; where the two differ, that is the one that counts.";
    TipInfluence => "此人在采购决策中的分量 1–10。", "Weight of this person in the buying decision, 1–10.";
    TipAttitude => "此人对我们的支持度：0 反对者，100 支持者。", "This person's support for us: 0 opponent, 100 champion.";
    YourReading => "你的判断", "Your reading";
    TipReading => "上面选沟通风格，下面选个人需求。对方的风格和需求不会写在档案上：从他们的言谈举止和拜访后的反应判断，在这里记下你的判断（随时可改，会记入存档和决策记录）。", "Style above, need below. Their style and need are not on the file: read them from what they say and do and how they react to your visits, and note your reading here (change it any time; it is kept in the save and the decision log).";
    NotRead => "？", "?";
    WhatTheySay => "言谈举止与反应", "What they say and how they react";
    TipWhatTheySay => "每人几条线索，加上每次拜访后的反应：对方的反应用的是其真实的风格，读错了，一两次拜访就会露出来。", "A few cues per person, and their reaction after each visit: they react in their real style, so a wrong reading shows itself within a visit or two.";
    SpeaksForThem => "客户方和你谈的是", "Speaking for them";
    ReadPeople => "你怎样读人", "How you read the people";
    TipReadPeople => "每个你拜访过或判断过的人：你的判断和对方真实的风格与需求，从哪个月起判断对了，哪条线索和哪次反应本可以告诉你，以及每次都按合适方式拜访本可多得多少分（把对这个人的每次拜访都换成最合适的方式，重放这局得到的差距）。", "Everyone you visited or read: your reading against their real style and need, the month you got the style right, the cue and the reaction that could have told you, and what pitching every visit to suit them would have gained (the game replayed with each of those visits pitched to suit them).";
    ReallyIs => "实际", "really";
    StyleRightFrom => "第 {} 月起判断对了风格", "style read right from month {}";
    StyleNeverRight => "风格一直没判断对", "style never read right";
    NeedReadWrong => "需求判断错了", "need read wrong";
    NoReadingNoted => "没有记下判断", "no reading noted";
    MonthsReadRight => "个月判断对了风格", "months with the style read right";
    SuitedVisits => "次拜访对路", "visits suited them";
    TellingCue => "线索", "cue";
    TheySaidInMonth => "第 {} 月对方说", "in month {} they said";
    MisreadingCost => "每次都按合适方式拜访本可多得", "pitching every visit to suit them would have gained";
    PointsUnit => "分", "points";
    WhatTheySaid => "拜访后对方说了什么", "What they said after your visits";
    AfterVisitInMonth => "第 {} 月拜访后", "After the visit in month {}";
    FitNotSeen => "未知", "not seen";
    TipFitNotSeen => "用这种方式拜访一次，看对方的反应，才知道合不合适。", "Visit once with this pitch and watch the reaction to learn how it suits them.";
    TipStyle => "四象限沟通风格：A 分析型，B 程序型，C 人际型，D 想象型。拜访方式与之匹配效果更好。", "Whole-brain style: A analytical, B sequential, C interpersonal, D imaginative. A matching approach works better.";
    TipRetention => "按利润潜力加权的客户保留率。", "Share of accounts kept, weighted by profit potential.";
    TipProfitScore => "总利润加未来利润在场景的下限与目标之间的位置 0–100。", "Total profit plus future profit between the scenario's floor and target, 0–100.";
    TipComposite => "保留、利润与满意度的加权平均。", "Weighted mean of retention, profit and satisfaction.";
    TipVisitsLeft => "本月还能安排的拜访次数。", "Visits you can still plan this month.";
    TipBudgetLeft => "本月还能花费的预算；未用完的预算不结转。", "Budget you can still spend this month; unspent budget does not carry over.";
    TipNorm => "课程建议的每月拜访次数。", "Visits per month the courseware recommends.";
    VisitsVsNorm => "各客户拜访 / 标准", "Visits per account / norm";
    RevenueShort => "收入", "Rev.";
    MarginShort => "毛利", "GM";
    TitleHint => "上/下键 选择场景 · Enter 开始", "Up/Down pick a scenario · Enter starts";
    EnterContinues => "Enter 继续", "Enter continues";
    RelationshipShort => "关系", "Rel.";
    AttitudeShort => "支持度", "Support";
    InfluenceShort => "影响", "Infl.";
    AccountStories => "各客户的故事", "Each account's story";
    ContractTurns => "合同期（月）", "Contract length (months)";
    AfterThisGame => "本局结束之后（第 {} 月）", "after this game (month {})";
    WhatIfDebriefHint => "这是假如重来的一局，不计成绩 · “回到我的正式游戏”回到原来的复盘", "A what-if, not your result · \"Back to my game\" returns to your original debrief";
    OutcomeAtEnd => "期末满意度（或流失）", "Satisfaction at the end (or lost)";
    DebriefHint => "Esc 回到标题 · 导出成绩文件交给讲师", "Esc returns to the title · export the result file for your instructor";
    EventHint => "按数字键 1–9 选择回应 · Enter 继续", "Keys 1–9 pick an answer · Enter continues";
    Kept => "保留", "kept";
    NegotiationHint => "上/下键 选议题 · 左/右键 换条件 · Enter 提出报价", "↑/↓ pick an issue · ←/→ change its terms · Enter makes the offer";
    NegotiationDoneHint => "读完这笔交易对利润的影响 · Enter 继续", "Read what the deal does to profit · Enter continues";
    NegotiationTip => "买方反复施压的议题就是对方最看重的：在那里让步，同时在其他议题上争取回报（交换而不是单方面让步）。", "The issue the buyer keeps pressing is what they value most: concede there and ask for something back on another issue (trade, don't just give).";
    // Issue 18 item 4 (negotiation words match the numbers): the buyer's value and bar
    // explained, the review after the deal.
    HowTheBuyerDecides => "买方怎么决定", "How the buyer decides";
    BuyerValueExplain => "买方给每份报价打 0–100 分（买方价值）：每个议题上所报条件对买方的价值，按买方给这个议题的权重加权平均。权重不公开：买方先点名的议题，就是你的报价给对方留下最大提升空间（权重 × 差距）的地方。", "The buyer scores each offer 0–100 (the buyer's value): how much they like the option offered on each issue, averaged with their weight for that issue. The weights are hidden: the issue the buyer names first is where your offer leaves them most to gain (weight × room).";
    BarExplain => "分数达到买方这一轮的要求，买方就接受。这个要求从买方的开价起一轮比一轮低，降多快看买方的风格，关系好、满意度高的客户要求更低；但它永远不会低于竞争对手报价在买方眼里的分数。买方说某一条“必须改”，是因为不改它，任何报价都达不到要求。", "The buyer accepts once the score reaches what they need this round. That bar starts at their opening demand and falls round by round, at a pace set by their style, lower for a supportive, satisfied customer; but it never falls below what the competitor's offer is worth to them. When the buyer says an issue has to change, no offer that leaves it there can reach the bar.";
    BuyerValueSum => "买方价值 = 各议题（权重 × 所报条件对买方的价值）之和 ÷ 权重之和", "Buyer's value = sum over the issues of (weight × the buyer's value of the option offered) ÷ sum of the weights";
    WeightShort => "权重", "Weight";
    OptionValueShort => "对买方的价值", "Value to the buyer";
    NeededInRound => "买方在第 {} 轮的要求", "What the buyer needed in round {}";
    CompetitorFloor => "竞争对手报价在买方眼里的分数（要求不会低于它）", "The competitor's offer as the buyer values it (the bar never falls below it)";
    ByTheNumbers => "按数字看", "By the numbers";
    CourseLesson => "课程要点", "The course's lesson";
    NextTurn => "下个月", "Next month";
    PickScenario => "请先选择一个场景或输入场景文件路径。", "Pick a scenario or enter a scenario file path first.";
    ProfitOverTime => "各客户每月利润", "Profit per month by account";
    ProfitScore => "利润得分", "Profit score";
    ProfitThisTurn => "本月利润合计", "Profit this month";
    SatisfactionShort => "满意", "Sat.";
    SaveUnreadable => "存档无法恢复", "The save cannot be restored";
    ScenarioBroken => "场景文件有错误", "The scenario file has errors";
    ServiceCost => "服务成本", "Service cost";
    ShareShort => "份额", "Share";
    ToDebrief => "查看复盘", "See the debrief";
    TotalForecast => "全部客户销售预计", "Forecast, all accounts";
    TurnsPlayed => "已完成月数", "months played";
    Won => "赢得", "won";
    YourAnswer => "你的回应", "Your answer";
    // Issue 18 (feedback that tells the truth): losses announced, default name.
    LostThisMonth => "本月的损失", "Lost this month";
    DefaultPlayer => "学员", "player";
    // Issue 20 item 9 (a class game is never overwritten): it has its own save, offered first.
    ContinueClassGame => "继续班级游戏", "Continue the class game";
    // Issue 20 finding 14: what happened and what to do, without rejoin advice (taking the seat
    // back here would take it from the computer it now plays on).
    SeatGoneShort => "座位在另一台电脑上：这里的月份不记录", "seat moved: months here are not recorded";
    SeatGone => "这个座位现在在另一台电脑上玩（或者讲师移除了它）：你在这台电脑上玩的月份不会记录。", "This seat is now played on another computer (or the instructor removed it): months you play here are not recorded.";
    ClassSaveKept => "班级游戏单独保存，开始其他游戏不会覆盖它", "Your class game is saved on its own: starting another game does not replace it";
    ClassEndedShort => "课程已结束：之后的月份只是练习", "class ended: further months are practice";
    ClassEndedLong => "讲师已结束本次课程：从现在起玩的月份只是练习，不会记录。", "The instructor has ended the class: months you play from now on are practice only and are not recorded.";
    NotAccepted => "服务器没有接受", "not accepted by the server";
    SubmissionRefused => "服务器没有接受这些决策，再发送也不会改变：{}", "The server did not accept these decisions, and sending them again will not change that: {}";
    RefusedTodo => "这之后玩的月份暂不记录：请告诉讲师。游戏保存在本机。", "Months played after this are not recorded for now: tell your instructor. Your game is saved here.";
    ServerSilent => "班级服务器 {} 没有应答：检查服务器地址和网络。", "The class server does not answer at {}: check the address and the network.";
    TechnicalDetail => "技术细节", "Technical details";
    // Issue 20 finding 11: a join runs in the background, and can be cancelled.
    ConnectingTo => "正在连接班级服务器 {}……", "Connecting to the class server at {}…";
    JoinCancel => "取消", "Cancel";
    // Why a join failed, and what to do, in the UI's language (the server's own sentence, in
    // English, and any network error stay in a tooltip).
    JoinUnreachable => "班级服务器 {} 没有应答。", "The class server does not answer at {}.";
    FixUnreachable => "检查服务器地址和网络；讲师的电脑上要正在运行 kam serve。", "Check the address and the network; kam serve must be running on the instructor's computer.";
    JoinUnknownCode => "没有哪个班级使用这个加入码。", "No class has this join code.";
    FixJoinCode => "向讲师核对加入码。", "Check the join code with your instructor.";
    JoinClassEnded => "这个班级已经结束，不能再加入。", "This class has ended: it takes nobody new.";
    FixAskInstructor => "请联系讲师。", "Ask your instructor.";
    JoinNameTaken => "班级里已经有人用这个名字加入了，或者班级已满。", "Someone has joined this class with this name already, or the class is full.";
    FixNameTaken => "换一个名字加入；如果这是你自己的座位（换了电脑），填写加入时显示的重新加入码。", "Join with another name; if it is your own seat (on another computer), give the rejoin code shown when you joined.";
    JoinBadName => "服务器不接受这个姓名：最多 40 个字，不能含看不见的字符。", "The server does not accept this name: at most 40 characters, and no invisible characters.";
    FixBadName => "重新输入姓名。", "Type your name again.";
    RejoinNoMatch => "这个班级里没有这个姓名和重新加入码的座位。", "No seat in this class has this name and rejoin code.";
    FixRejoin => "姓名要和加入时完全一样；重新加入码是加入时显示的那个。", "Give your name exactly as when you joined, and the rejoin code shown then.";
    JoinRefused => "服务器没有接受这次加入。", "The server did not accept the join.";
    JoinUnplayable => "这个版本的游戏无法运行班级的场景。", "This version of the game cannot play the class's scenario.";
    // Issue 20 finding 12: the waiting screen says what is true, and has a way out.
    WaitSentServerSilent => "班级服务器 {} 暂时没有应答；恢复后，本轮结果会照常显示。", "The class server at {} does not answer just now; the round's results appear once it does.";
    WaitSent => "已发送：服务器已收到你本月的决策。讲师发布本轮结果后，报告会自动显示。", "Sent: the server has your decisions for this month. The report appears as soon as the instructor releases this round.";
    WaitSending => "正在发送本月的决策……", "Sending your decisions for this month…";
    WaitQueued => "还没有发送：班级服务器 {} 没有应答。决策保存在本机，服务器一应答就自动发送。", "Not sent yet: the class server does not answer at {}. Your decisions are kept here and sent as soon as it answers.";
    WaitRefused => "服务器没有接受本月的决策：{}", "The server did not accept this month's decisions: {}";
    WaitLeave => "回到标题画面", "Back to the title screen";
    WaitLeaveHint => "Esc 回到标题画面：游戏和还没发送的决策都保存在本机，选“继续班级游戏”即可回来", "Esc: back to the title screen. Your game and anything not yet sent stay saved here; “Continue the class game” brings you back";
}

/// Formats a key containing `{}` with one argument.
pub fn tf(lang: Lang, key: K, arg: impl std::fmt::Display) -> String {
    key.t(lang).replacen("{}", &arg.to_string(), 1)
}

/// `label: value` with the colon of `lang`: full-width and unspaced after Chinese text
/// (「你的回应：」), a colon and a space in English.
pub fn labelled(lang: Lang, label: &str, value: impl std::fmt::Display) -> String {
    match lang {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// `text` in brackets after what it qualifies: full-width without a space in Chinese
/// (「（已流失）」), a space and ASCII brackets in English.
pub fn paren(lang: Lang, text: impl std::fmt::Display) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// Where the game stands, for the top bar: 「第 6 月 / 共 12 月」, "Month 6 of 12", in the
/// scenario's unit (「第 3 季度 / 共 8 季度」, "Quarter 3 of 8").
pub fn month_of(lang: Lang, unit: kam_sim::scenario::TurnUnit, month: u32, months: u32) -> String {
    let at = kam_sim::words::turn_number(lang, unit, month);
    match lang {
        Lang::Zh => format!(
            "{at} / 共 {months} {}",
            kam_sim::words::turn_unit(lang, unit)
        ),
        Lang::En => format!("{at} {} {months}", K::Of.t(lang)),
    }
}

/// A month by its number, as the top bar names it: 「第 3 月」, "Month 3" (「第 3 季度」,
/// "Quarter 3" in a quarterly scenario).
pub fn turn_number(lang: Lang, game: &kam_sim::Game, n: u32) -> String {
    kam_sim::words::turn_number(lang, game.scenario().turn_unit, n)
}

/// Someone's words in quotes: 「…」 in Chinese, “…” in English.
pub fn quote(lang: Lang, text: impl std::fmt::Display) -> String {
    match lang {
        Lang::Zh => format!("「{text}」"),
        Lang::En => format!("\u{201c}{text}\u{201d}"),
    }
}

/// How long a game is: 「12 个月」, "12 months".
pub fn game_length(lang: Lang, turns: u32, unit: TurnUnit) -> String {
    match lang {
        Lang::Zh => format!("{turns} 个{}", turn_unit(lang, unit)),
        Lang::En => format!("{turns} {}s", turn_unit(lang, unit)),
    }
}

/// The briefing's button once the game is under way: back to the turn being planned.
pub fn back_to_turn(lang: Lang, unit: TurnUnit, turn: u32) -> String {
    match lang {
        Lang::Zh => format!("回到第 {turn} 个{}", turn_unit(lang, unit)),
        Lang::En => format!("Back to {} {turn}", turn_unit(lang, unit)),
    }
}

/// An account lost to the month's defection draw, with the odds it had.
pub fn lost_account(lang: Lang, name: &str, satisfaction: f64, defection_chance: f64) -> String {
    let p = chance(defection_chance);
    match lang {
        Lang::Zh => {
            format!("{name}流失了：满意度 {satisfaction:.0}，本月流失概率 {p}，不幸发生了。")
        }
        Lang::En => format!(
            "{name} is lost: at satisfaction {satisfaction:.0} the chance it would defect this month was {p}, and it did."
        ),
    }
}

/// An account lost without a draw (a renewal walked away from, an answer that lost it), with
/// the cause the engine recorded.
pub fn lost_account_because(lang: Lang, name: &str, cause: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}流失了：{cause}。"),
        Lang::En => format!("{name} is lost: {cause}."),
    }
}

/// Why an account was lost at its renewal: the negotiation ended without a deal.
pub fn no_renewal(lang: Lang, negotiation: &str) -> String {
    match lang {
        Lang::Zh => format!("谈判「{negotiation}」没有达成协议，合同没有续上"),
        Lang::En => format!(
            "the negotiation \"{negotiation}\" ended without a deal, so the contract was not renewed"
        ),
    }
}

/// An opportunity the customer decided against, with the chance of winning it had; a deal
/// lost against good odds says it was the dice, so a sound decision is not taken for a bad one.
pub fn lost_opportunity(
    lang: Lang,
    opportunity: &str,
    account: &str,
    draw: &kam_sim::CloseDraw,
) -> String {
    let p = chance(draw.chance);
    let (stage, sat, rel) = (draw.stage, draw.satisfaction, draw.relationship);
    let luck = draw.chance >= 0.5;
    match lang {
        Lang::Zh => format!(
            "「{opportunity}」（{account}）丢单了：阶段 {stage}/6，满意度 {sat:.0}，关系 {rel:.0}，赢单概率 {p}。{}",
            if luck {
                "胜算在你这边，这次是运气不好，不是决策错了。"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "{opportunity} ({account}) is lost: at stage {stage}/6, satisfaction {sat:.0} and relationship {rel:.0}, its chance of winning was {p}.{}",
            if luck {
                " The odds were with you: bad luck, not a bad decision."
            } else {
                ""
            }
        ),
    }
}

/// The top bar's status line in `to` after it was written in `from`: each part it is made of
/// (" · " between them) that begins with one of the status words is re-worded, the rest (a
/// path, a class code) kept as it is.
pub fn reword_notice(notice: &str, from: Lang, to: Lang) -> String {
    const STATUS: [K; 5] = [
        K::Autosaved,
        K::Reloaded,
        K::Exported,
        K::ClassLine,
        K::RejoinLine,
    ];
    notice
        .split(" · ")
        .map(|part| {
            STATUS
                .iter()
                .find_map(|k| {
                    part.strip_prefix(k.t(from))
                        .map(|rest| format!("{}{rest}", k.t(to)))
                })
                .unwrap_or_else(|| part.to_owned())
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A plan refusal in the UI language; the numbers are the engine's.
pub fn plan_error(lang: Lang, e: &PlanError) -> String {
    match (e, lang) {
        // A plan error is met when an addition is refused: the plan on screen stays as it
        // was, so the words say what was not added, not the refused plan's count (a playtest
        // read "22 visits planned" beside its 21).
        (PlanError::TooManyVisits { capacity, .. }, Lang::Zh) => {
            format!("没有加上这次拜访：本月的 {capacity} 次拜访已经排满。")
        }
        (PlanError::TooManyVisits { capacity, .. }, Lang::En) => {
            format!("That visit was not added: all {capacity} visits of the month are planned.")
        }
        (PlanError::OverBudget { planned, budget }, Lang::Zh) => {
            format!("没有加上：花费会达到 {planned:.1}，超过本月预算 {budget:.1}。")
        }
        (PlanError::OverBudget { planned, budget }, Lang::En) => {
            format!(
                "Not added: that would cost {planned:.1}, over the month's budget of {budget:.1}."
            )
        }
        (PlanError::TooManyUnits { max, .. }, Lang::Zh) => {
            format!("没有加上：同一客户每月最多用 {max} 份这项资源。")
        }
        (PlanError::TooManyUnits { max, .. }, Lang::En) => {
            format!("Not added: at most {max} units of this resource per account and month.")
        }
        (PlanError::AccountLost(_), Lang::Zh) => "这个客户已经流失了。".to_owned(),
        (PlanError::StakeholderLeft { .. }, Lang::Zh) => "此人已经离开了采购决策链。".to_owned(),
        // On screen the account and the person are the ones in view: kam-sim's words number
        // them as the scenario lists them, which a trainee never sees (a playtest read
        // "Account 7 has been lost.").
        (PlanError::AccountLost(_), Lang::En) => "This account has been lost.".to_owned(),
        (PlanError::StakeholderLeft { .. }, Lang::En) => {
            "This person has left the buying centre.".to_owned()
        }
        (other, _) => sentence(lang, other.words(lang)),
    }
}

/// A refusal from kam-sim's words as a sentence on screen: capitalised and stopped.
pub fn sentence(lang: Lang, mut words: String) -> String {
    if let Some(first) = words.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    match lang {
        Lang::Zh => words + "。",
        Lang::En => words + ".",
    }
}

/// Money as the scenarios write it, in the scenario's unit ([`in_unit`] names it).
pub fn money(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{:.1}", without_negative_zero(x, 1))
    }
}

/// `x`, or plain zero when it shows as zero at `decimals` places: "-0.0" reads as a loss.
fn without_negative_zero(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    if (x * scale).round() == 0.0 { 0.0 } else { x }
}

/// A chance as a percentage, with a decimal while it is under 1 % so a small risk does not
/// show as none ("0.3%"), and "0%" only when there is none at all.
pub fn chance(p: f64) -> String {
    let percent = 100.0 * p;
    if percent > 0.0 && percent < 0.05 {
        "<0.1%".to_owned()
    } else if percent > 0.0 && percent < 1.0 {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.0}%")
    }
}

/// A money label with the scenario's unit of money, if it names one: "Budget (¥10k)",
/// "预算（万元）"; the label alone otherwise.
pub fn in_unit(lang: Lang, label: &str, unit: Option<&str>) -> String {
    match (unit, lang) {
        (None, _) => label.to_owned(),
        (Some(unit), Lang::Zh) => format!("{label}（{unit}）"),
        (Some(unit), Lang::En) => format!("{label} ({unit})"),
    }
}

/// A tooltip that names a threshold of the model (`{}`: the satisfaction under which an
/// account may defect, `model::CHURN_SATISFACTION`), so the words cannot drift from it.
pub fn tip(lang: Lang, key: K) -> String {
    kam_sim::words::fill(key.t(lang), &[&kam_sim::model::CHURN_SATISFACTION])
}

/// The bar a buyer's value had to reach, as it is shown beside the value (whole numbers): with
/// as many decimals as it takes to show a value that fell short below it (a playtest read
/// "value 57, needed 57, no deal" for 57.0 against 57.3).
pub fn bar_beside(value: f64, bar: f64) -> String {
    if value < bar {
        for decimals in 0..4 {
            let (v, b) = (format!("{value:.decimals$}"), format!("{bar:.decimals$}"));
            if v != b {
                return b;
            }
        }
    }
    format!("{bar:.0}")
}

/// A signed change, e.g. `+3.2` / `−1.0`.
pub fn delta(x: f64) -> String {
    kam_sim::words::signed(x)
}

/// The buyer accepts, in the voice of their style.
pub fn buyer_accepts(lang: Lang, style: Style) -> &'static str {
    match style {
        Style::A => lang.pick("数字算得过来。成交。", "The numbers work. We have a deal."),
        Style::B => lang.pick(
            "条款清楚、流程合规，可以签。",
            "The terms are clear and by the book. We can sign.",
        ),
        Style::C => lang.pick(
            "我们合作这么久了，就这么定吧。",
            "After all we've been through together: agreed.",
        ),
        Style::D => lang.pick(
            "好，这为以后更大的合作开了个头。",
            "Good, this opens the door to something bigger. Deal.",
        ),
    }
}

/// The buyer leaves the table, in the voice of their style.
pub fn buyer_walks(lang: Lang, style: Style) -> &'static str {
    match style {
        Style::A => lang.pick(
            "对手的方案在数字上更划算。我们选择他们。",
            "The competitor's numbers are better. We're going with them.",
        ),
        Style::B => lang.pick(
            "按规定我们只能选条件更优的一方。",
            "Our rules say we take the better offer. That isn't yours.",
        ),
        Style::C => lang.pick(
            "很遗憾，这次我没办法说服大家选你们。",
            "I'm sorry, I couldn't get my people behind you this time.",
        ),
        Style::D => lang.pick(
            "我看不到和你们一起的未来。我们换一家。",
            "I don't see a future together. We'll move on.",
        ),
    }
}

/// The buyer counters, pressing on one issue, in the voice of their style.
pub fn buyer_counters(lang: Lang, style: Style, topic: &str) -> String {
    match (style, lang) {
        (Style::A, Lang::Zh) => format!("还不够。请用数字说明「{topic}」上为什么不能再优惠。"),
        (Style::A, Lang::En) => {
            format!("Not enough. Show me in numbers why you can't do better on {topic}.")
        }
        (Style::B, Lang::Zh) => format!("「{topic}」不符合我们的采购规定，这一条必须改。"),
        (Style::B, Lang::En) => {
            format!("Your terms on {topic} don't meet our purchasing rules. That has to change.")
        }
        (Style::C, Lang::Zh) => format!("我想帮你，但「{topic}」这一条我没法向团队交代。"),
        (Style::C, Lang::En) => format!("I want to help you, but I can't sell {topic} to my team."),
        (Style::D, Lang::Zh) => format!("格局再大一点——「{topic}」上给我们一个长期的理由。"),
        (Style::D, Lang::En) => format!("Think bigger: give us a long-term reason on {topic}."),
    }
}

/// The buyer presses on the same issue again, in the voice of their style: the repetition is
/// the tell the negotiation hint asks the trainee to listen for.
pub fn buyer_presses_again(lang: Lang, style: Style, topic: &str, times: u32) -> String {
    match (style, lang) {
        (Style::A, Lang::Zh) => {
            format!("第 {times} 次了：「{topic}」的数字还是不对。这一条不解决，别的免谈。")
        }
        (Style::A, Lang::En) => format!(
            "That's the {} time: the numbers on {topic} still don't work. Fix that before anything else.",
            ordinal(lang, times)
        ),
        (Style::B, Lang::Zh) => {
            format!("我再说一遍（第 {times} 次）：「{topic}」按规定必须改，否则没法走流程。")
        }
        (Style::B, Lang::En) => format!(
            "I'll repeat it, for the {} time: {topic} must change, or this can't go through our process.",
            ordinal(lang, times)
        ),
        (Style::C, Lang::Zh) => {
            format!("我又回到「{topic}」了（第 {times} 次）……团队最在意的就是这个。")
        }
        (Style::C, Lang::En) => format!(
            "I keep coming back to {topic} (that's the {} time)... it's what my team cares about most.",
            ordinal(lang, times)
        ),
        (Style::D, Lang::Zh) => {
            format!("还是「{topic}」（第 {times} 次）！这才是我们看长远的关键。")
        }
        (Style::D, Lang::En) => format!(
            "{topic} again (the {} time)! That's the key to the long view for us.",
            ordinal(lang, times)
        ),
    }
}

/// An ordinal for the "comes back" text.
pub fn ordinal(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => n.to_string(),
        Lang::En => match n {
            1 => "1st".into(),
            2 => "2nd".into(),
            3 => "3rd".into(),
            n => format!("{n}th"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_short_of_the_bar_never_reads_as_reaching_it() {
        assert_eq!(bar_beside(57.0, 57.3), "57.3");
        assert_eq!(bar_beside(57.0, 57.004), "57.004");
        assert_eq!(bar_beside(50.0, 57.3), "57");
        assert_eq!(bar_beside(60.0, 57.3), "57");
    }

    #[test]
    fn small_numbers_never_show_a_negative_zero_or_a_risk_of_none() {
        assert_eq!(delta(-0.04), "+0.0");
        assert_eq!(delta(-0.06), "−0.1");
        assert_eq!(money(-0.04), "0.0");
        assert_eq!(money(-3.94), "-3.9");
        assert_eq!(chance(0.003), "0.3%");
        assert_eq!(chance(0.0001), "<0.1%");
        assert_eq!(chance(0.0), "0%");
        assert_eq!(chance(0.126), "13%");
    }

    #[test]
    fn both_languages_differ_and_are_not_empty() {
        for key in [K::AppTitle, K::EndTurn, K::Debrief, K::AddVisit] {
            assert!(!key.t(Lang::Zh).is_empty());
            assert_ne!(key.t(Lang::Zh), key.t(Lang::En));
        }
        assert_eq!(parse_lang("ZH"), Some(Lang::Zh));
        assert_eq!(parse_lang("en"), Some(Lang::En));
        assert_eq!(parse_lang("fr"), None);
    }

    #[test]
    fn a_money_label_names_the_unit_in_each_language() {
        assert_eq!(in_unit(Lang::En, "Budget", Some("¥10k")), "Budget (¥10k)");
        assert_eq!(in_unit(Lang::Zh, "预算", Some("万元")), "预算（万元）");
        assert_eq!(in_unit(Lang::En, "Budget", None), "Budget");
    }

    /// A refused addition names the month's capacity, never the refused plan's count (the
    /// plan on screen keeps its 8).
    #[test]
    fn plan_errors_carry_the_engine_numbers() {
        let e = PlanError::TooManyVisits {
            planned: 9,
            capacity: 8,
        };
        for lang in [Lang::Zh, Lang::En] {
            let words = plan_error(lang, &e);
            assert!(words.contains('8') && !words.contains('9'), "{words}");
        }
    }
}

#[cfg(test)]
mod chinese_typography_tests {
    use super::*;

    /// Chinese text uses full-width brackets and colons without spaces (「预算（万元）」,
    /// 「你的回应：」): a half-width bracket or colon with a space reads as a typo there.
    #[test]
    fn no_chinese_ui_text_has_half_width_brackets_or_colons() {
        for key in K::ALL {
            let zh = key.t(Lang::Zh);
            for bad in [" (", "( ", " )", ": "] {
                assert!(!zh.contains(bad), "{key:?}: `{zh}` contains `{bad}`");
            }
        }
        assert_eq!(labelled(Lang::Zh, "你的回应", "降价"), "你的回应：降价");
        assert_eq!(labelled(Lang::En, "Your answer", "cut"), "Your answer: cut");
        assert_eq!(paren(Lang::Zh, "已流失"), "（已流失）");
        assert_eq!(paren(Lang::En, "Lost"), " (Lost)");
        assert_eq!(game_length(Lang::Zh, 12, TurnUnit::Month), "12 个月");
        assert_eq!(game_length(Lang::En, 4, TurnUnit::Quarter), "4 quarters");
    }

    /// The pitch-fit words climb in severity as the model's fit falls: 反感 (repelled) read
    /// as worse than 无效 (no effect), though a wasted visit is the worst.
    #[test]
    fn pitch_fit_words_run_from_good_to_wasted() {
        let words = [K::FitGood, K::FitWeak, K::FitPoor, K::FitWasted].map(|k| k.t(Lang::Zh));
        assert_eq!(words, ["契合", "一般", "较差", "适得其反"]);
        assert_eq!(
            K::UseThisPlan.t(Lang::En),
            "Use this plan (you can undo it)"
        );
    }

    #[test]
    fn the_status_line_is_reworded_in_the_new_language() {
        assert_eq!(reword_notice("Autosaved", Lang::En, Lang::Zh), "已自动保存");
        assert_eq!(
            reword_notice("班级 K7QM3A · 重新加入码 AB12", Lang::Zh, Lang::En),
            "Class K7QM3A · Rejoin code AB12"
        );
        assert_eq!(
            reword_notice("Exported to: /tmp/a.ron", Lang::En, Lang::Zh),
            "已导出： /tmp/a.ron"
        );
    }

    /// The game's score names are the tools' and the dashboard's (`kam_sim::words::Metric`):
    /// the debrief and `kam report` call a score by one name.
    #[test]
    fn the_score_names_are_the_project_s() {
        use kam_sim::words::Metric;
        for lang in [Lang::Zh, Lang::En] {
            for (key, metric) in [
                (K::Retention, Metric::Retention),
                (K::Profit, Metric::Profit),
                (K::Satisfaction, Metric::Satisfaction),
                (K::Composite, Metric::Composite),
            ] {
                assert_eq!(key.t(lang), metric.name(lang), "{key:?}");
            }
            // The class server's pages name the join button by kam-sim's word for it.
            assert_eq!(K::JoinClass.t(lang), kam_sim::words::join_a_class(lang));
        }
    }

    /// Every key of the table is shown somewhere: a key nobody names is a translation kept up
    /// for nothing (the code review found 17, then 30).
    #[test]
    fn every_key_is_used_by_the_game() {
        fn sources(dir: &std::path::Path, text: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, text);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    text.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut text = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut text,
        );
        // The table itself names every key, without `K::`; its helpers name them with it.
        let named = |name: &str| {
            let key = format!("K::{name}");
            text.match_indices(&key).any(|(i, _)| {
                let after = &text[i + key.len()..];
                !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        };
        let unused: Vec<String> = K::ALL
            .iter()
            .map(|k| format!("{k:?}"))
            .filter(|name| !named(name))
            .collect();
        assert!(unused.is_empty(), "keys nobody shows: {unused:?}");
    }
}

//! What `kam balance` prints and writes (the terminal report and the HTML page), and the two
//! lines of `kam strategies` that are not names (the strategies' names, descriptions and
//! teaching points are `kam_sim::words`'s).

kam_sim::word_table! {
    pub enum Say {
        // Standard error and the command's own lines.
        Failed => "kam balance：{}", "kam balance: {}";
        CannotWrite => "kam balance：无法写入 {}：{}", "kam balance: cannot write {}: {}";
        Wrote => "已写入 {}", "wrote {}";

        // kam strategies.
        AblationsHeading => "对照策略：去掉一个教学要点的专家（这个要点值多少分：见 kam balance）", "Ablations: the expert with one teaching point removed (what it is worth: kam balance)";

        // The verdict and its checks.
        Heading => "平衡实验：`{}`（{}），每个策略 {} 局，种子 {} 到 {}，用时 {} 秒", "balance lab: `{}` ({}), {} games per strategy, seeds {}..={}, {} s";
        RewardsSkill => "结论：这个场景奖励技能", "VERDICT: the scenario rewards skill";
        DoesNotReward => "结论：这个场景不能很好地奖励技能（{} 项检查未通过，共 {} 项）", "VERDICT: the scenario does NOT reward skill well ({} of {} checks fail)";
        Pass => "通过", "pass";
        Fail => "未通过", "FAIL";
        FailShort => "未通过", "fail";
        CheckExpertBeatsRandom => "专家胜过随机", "expert beats random";
        CheckExpertBeatsRandomDetail => "{}平均 {} 分，{}平均 {} 分，相差 {} 分（至少要 {} 分）", "{} mean {} vs {} {}: a gap of {} points (needs ≥ {})";
        CheckAllocation => "按价值分配有回报", "allocation by value pays";
        CheckAllocationDetail => "{}平均 {} 分，{}平均 {} 分，相差 {} 分（至少要 {} 分）{}", "{} mean {} vs {} {}: a gap of {} points (needs ≥ {}){}";
        AllocationFails => "；差距不够，说明平均分配拜访和按价值分配得分差不多", "; otherwise spreading visits evenly scores as well as allocating by value";
        CheckSeedBySeed => "同一种子上靠技能取胜", "skill wins seed by seed";
        CheckSeedBySeedDetail => "{}在同一种子上胜过{} {} 局（共 {} 局，{}%，至少要 {}%）", "{} beats {} on the same seed in {} of {} games ({}%, needs ≥ {}%)";
        CheckLuck => "技能大于运气", "skill outweighs luck";
        CheckLuckDetail => "{}自己在不同种子之间的波动（p90 − p10）是 {} 分，而差距是 {} 分（{}−{}；波动必须更小）", "the {}'s own spread between seeds (p90 − p10) is {} points against the {}-point {}−{} gap (the spread must be smaller)";
        CheckGoodGrade => "好成绩够得着", "a good grade is reachable";
        CheckGoodGradeDetail => "{}的中位数 {}，B 级门槛 {}（必须达到）", "the {}'s median {} against the B grade threshold {} (must reach it)";
        CheckRandomFails => "乱玩过不了关", "random play does not pass";
        CheckUnknown => "检查", "check";
        CheckRandomFailsDetail => "{}的中位数 {}，B 级门槛 {}（必须低于它）", "{}'s median {} against the B grade threshold {} (must stay below)";

        // What each teaching point is worth.
        WorthHeading => "每个教学要点在这个场景里值多少分：专家减去去掉这一点的专家（综合得分，各种子的平均）", "What each teaching point is worth in this scenario: expert minus the expert without it (composite points, mean over the seeds)";
        Ablation => "对照策略", "ablation";
        Worth => "价值", "worth";
        Kind => "类型", "kind";
        TeachingPoint => "教学要点", "teaching point";
        NotExercised => "这个场景里用不到它", "nothing in this scenario exercises it";
        WorthLittle => "警告：在这里价值不到 {} 分", "WARNING: worth less than {} points here";

        // Scores, accounts, events, budget, warnings.
        ScoresHeading => "各策略的得分（{}、{}和{}为 0–100；{}为金额）", "Scores by strategy ({}, {} and {} 0-100; {} in money)";
        AccountsHeading => "各客户：每个策略保住这个客户的局数占比", "Accounts: share of games in which each strategy kept the account";
        Account => "客户", "account";
        Tier => "分级", "tier";
        Name => "名称", "name";
        EventsHeading => "事件：每个事件发生的局数占比，以及每个策略如何应对", "Events: share of games in which each fired, and how each strategy answered";
        EventLine => "{}（{}；{}）：{}", "{} ({}; {}): {}";
        Fired => "发生", "fired";
        AnswerN => "应对 {}（{}）", "answer {} ({})";
        TrueRumour => "真实传言", "true rumour";
        Scripted => "第 {} 回合，{}", "scripted, turn {}, {}";
        PerTurn => "每回合 {}", "{} a turn";
        AtAccount => "，{}", ", {}";
        Conditions => "，{} 个条件", ", {} condition(s)";
        BudgetHeading => "预算：每回合 {} 的预算平均花掉多少，用在资源和要花钱的应对上（应对可能让它超过 100%）", "Budget: mean share of the {} budget spent per turn, on resources and paid answers (answers can take it past 100%)";
        Mean => "均值", "mean";
        ByTurn => "逐回合：", "by turn:";
        WarningsHeading => "教学警告：{} 条", "Teaching warnings: {}";
        Located => "{}: {}：{}：{}（`{}`）", "{}: {}: {}: {} ({})";

        // The page only.
        PageTitle => "平衡实验 · {}", "Balance lab: {}";
        PageFacts => "每个策略 {} 局，种子 {}–{} · {}，{} 个回合，{}，{}", "{} games per strategy, seeds {}–{} · {}, {} turns, {}, {}";
        VerdictGood => "这个场景奖励技能。", "The scenario rewards skill.";
        VerdictWarn => "这个场景奖励技能，但有 {} 条教学警告。", "The scenario rewards skill, with {} teaching warning(s).";
        VerdictBad => "这个场景不能很好地奖励技能：{} 项检查未通过，共 {} 项。", "The scenario does not reward skill well: {} of {} checks fail.";
        Check => "检查", "check";
        Result => "结果", "result";
        Figures => "数据和门槛", "figures and threshold";
        WorthHere => "每个教学要点在这里值多少分", "What each teaching point is worth here";
        WorthExplained => "专家的平均综合得分，减去去掉一个做法（或换成坏习惯）的专家在同样种子上的平均综合得分，附 95% 区间。不到 {} 分，说明这个场景几乎教不到这一点。", "The expert's mean composite minus that of the expert with one behaviour removed or replaced by the bad habit, over the same seeds, with its 95 % interval. Under {} points the scenario barely teaches it.";
        Note => "说明", "note";
        NotExercisedShort => "这个场景用不到", "not exercised by this scenario";
        WorthLittleShort => "价值不到 {} 分", "worth less than {} points";
        CompositeByStrategy => "各策略的{}", "{} score by strategy";
        ChartAxis => "{}（横条 p10–p90，竖线中位数，圆点均值）", "{} (bar p10–p90, tick median, dot mean)";
        Strategy => "策略", "strategy";
        MeanOf => "{}均值", "{} mean";
        AccountsKept => "保住的客户", "Accounts kept";
        AccountsKeptExplained => "每个策略到最后仍然保有这个客户的局数占比。", "Share of games in which each strategy still had the account at the end.";
        EventsAndAnswers => "事件与应对", "Events and answers";
        EventsExplained => "每个事件发生的局数占比，以及每个策略如何应对：绿色是好的应对，琥珀色是一般的，红色是差的。", "How often each event fired (share of games), and how each strategy answered it: green good, amber neutral, red poor answers.";
        Answers => "应对", "answers";
        Budget => "预算", "Budget";
        BudgetExplained => "每回合 {} 的预算平均花掉的比例（资源和要花钱的应对）。", "Mean share of the {} budget spent in each turn (resources and paid answers).";
        WarningsCount => "教学警告（{}）", "Teaching warnings ({})";
        NoWarnings => "没有：每个客户都能保住，每个事件都会发生，预算有约束，每个事件都是真正的选择。", "None: every account can be kept, every event fires, the budget binds and every event poses a real choice.";
        Footer => "生成用时 {} 秒。门槛：专家 ≥ 随机 + {}，专家 ≥ 一视同仁 + {}，专家在至少 {}% 的种子上胜过随机，专家自身的波动（p90 − p10）小于专家与随机的差距；每种策略都在至少 {}% 的局中丢掉的客户、在不到 {}% 的局中发生的事件、专家每回合都花不到 {}% 的预算，都会给出警告。", "generated in {} s. Thresholds: expert ≥ random + {}, expert ≥ even + {}, expert beats random on ≥ {}% of seeds, expert spread (p90 − p10) below the expert−random gap; accounts lost in ≥ {}% of games by every strategy, events firing in < {}% of games, budgets the expert spends < {}% of every turn.";
    }
}

#[cfg(test)]
mod tests {
    use super::Say;
    use kam_sim::words::Lang;

    #[test]
    fn the_chinese_reads_as_chinese() {
        super::super::report::check_catalogue(
            Say::ALL.iter().map(|k| (k.t(Lang::Zh), k.t(Lang::En))),
        );
    }
}

//! What `kam replay` prints.

kam_sim::word_table! {
    pub enum Say {
        NotBundled => "kam replay：这份成绩属于场景 `{}`，它不是内置场景；请用 --scenario FILE 指定场景文件", "kam replay: the result is for scenario `{}`, which is not bundled; pass it with --scenario FILE";
        Verified => "{}：核对无误：{} 在 `{}` 上，种子 {}，{} 个决定，综合得分 {}（等级 {}），客户保留 {}，利润 {}，满意度 {}", "{}: verified: {} on `{}` seed {}, {} decisions, composite {} (grade {}), retention {}, profit {}, satisfaction {}";
        OtherModel => "{}：用模型 {} 做的成绩，这里是模型 {}：在这里无法核验（请用当时的 kam-trainer 版本重放）", "{}: made with model {}; this is model {}: it cannot be verified here (replay it with the kam-trainer release that made it)";
        HowToRescore => "  要用当前模型计分：kam replay --rescore {} --out NEW.ron", "  to score it with this model: kam replay --rescore {} --out NEW.ron";
        DoesNotMatch => "{}：与重放的结果不符：", "{}: does not match its replay:";
        OutIsInput => "kam replay：--out 就是 {} 本身；请把重新计分的成绩写到另一个文件，保留原文件", "kam replay: --out is {} itself; write the rescored result to another file so the original stays";
        AlreadyThisModel => "{}：已经是模型 {} 的成绩，却与重放的结果不符（什么也没有写）：", "{}: already a model {} result, and it does not match its replay (nothing written):";
        CannotRescore => "{}：无法用模型 {} 重新计分（什么也没有写）：{}", "{}: cannot be rescored on model {} (nothing written): {}";
        CannotWrite => "kam replay：无法写入 {}：{}", "kam replay: cannot write {}: {}";
        ScenarioChanged => "提示：{1} 生成之后，场景 `{0}` 改动过；这次按这里找到的版本重新计分", "note: scenario `{}` has changed since {} was made; it was rescored on the version found here";
        Rescored => "{}：{} 在 `{}` 上，种子 {}，{} 个决定，已从模型 {} 重新计分为模型 {}", "{}: {} on `{}` seed {}, {} decisions, rescored from model {} to model {}";
        RescoredScores => "  综合得分 {} -> {}（等级 {} -> {}），客户保留 {} -> {}，利润 {} -> {}，满意度 {} -> {}", "  composite {} -> {} (grade {} -> {}), retention {} -> {}, profit {} -> {}, satisfaction {} -> {}";
        NoLongerApplies => "第 {} 个决定（共 {} 个；{}，{}）已不再适用：{}{}", "decision {} of {} ({}, {}) no longer applies: {}{}";
        GameWaitsFor => "（游戏在等：{}）", " (the game is waiting for {})";
        LogEndsEarly => "这份成绩是一局已经结束的游戏，但它的 {} 个决定在{}就用完了，游戏还在等：{}", "the result is a finished game, but its {} decisions end at {} with the game waiting for {}";
        AfterTheEnd => "游戏结束之后", "after the game's end";
        Turn => "第 {} 回合", "turn {}";
        PlanOf => "本回合的计划：{}，{}", "the turn's plan: {}, {}";
        Visits => "{} 次拜访", "{} visits";
        OneVisit => "1 次拜访", "1 visit";
        Units => "{} 份资源", "{} resource units";
        OneUnit => "1 份资源", "1 resource unit";
        ChoiceForEvent => "事件 `{}` 的第 {} 个选项", "choice number {1} for event `{0}`";
        ChoiceForSomeEvent => "某个事件的第 {} 个选项", "choice number {} for an event";
        Offer => "出价 [{}]", "the offer [{}]";
        OfferIn => "谈判 `{}` 中的出价 [{}]", "the offer [{1}] in negotiation `{0}`";
        WalkAwayFrom => "退出谈判 `{}`", "walking away from negotiation `{}`";
        WalkAway => "退出一场谈判", "walking away from a negotiation";
        Reading => "对客户 {} 第 {} 位人员的判断", "a reading of person {1} of account {0}";
        Nothing => "什么也不等：游戏已经结束", "nothing: it is over";
        ThePlan => "本回合的计划", "the turn's plan";
        AnswerTo => "客户 `{}` 的事件 `{}` 的回答", "an answer to event `{1}` at account `{0}`";
        OfferWith => "与客户 `{}` 的谈判 `{}` 中的出价", "an offer in negotiation `{1}` with account `{0}`";
    }
}

//! What `kam report` prints and writes: the terminal report, the HTML page (also the class
//! server's) and the CSV headers. The names of scores, tiers, strategies and teaching points
//! are `kam_sim::words`'s.

kam_sim::word_table! {
    pub enum Say {
        // Standard error and the command's own lines.
        NoResults => "kam report：给出的文件夹里没有成绩文件", "kam report: no result files found in the given folders";
        CannotWrite => "kam report：无法写入 {}：{}", "kam report: cannot write {}: {}";
        Wrote => "已写入 {}", "wrote {}";
        FlaggedLine => "{}：不计入：{}", "{}: flagged: {}";

        // Why a result is not counted.
        CannotRead => "无法读取：{}", "cannot read: {}";
        NotARecord => "不是 kam-trainer 的成绩文件：{}", "not a kam-trainer game record: {}";
        OtherFormat => "成绩文件格式为 {}；这个版本的 kam-trainer 只读格式 {}", "a game record in format {}; this version of kam-trainer reads format {}";
        UnknownScenario => "场景 `{}` 不是内置场景，也没有给出；请用 --scenario 文件 指定它", "scenario `{}` is not bundled and was not given; pass it with --scenario FILE";
        ScenarioChanged => "这份成绩做出之后，场景 `{}` 改过了；请用 --scenario 文件 指定当时玩的那个版本", "the scenario `{}` has changed since this result was made; pass the version it was played on with --scenario FILE";
        OtherModel => "用模型 {} 做的成绩，这里是模型 {}，在这里无法核验（请用当时的 kam-trainer 版本重放）；要用当前模型重新计分：kam replay --rescore 成绩.ron --out 新成绩.ron", "made with model {}; this is model {}: it cannot be verified here (replay it with the kam-trainer release that made it); to score it with this model: kam replay --rescore RESULT --out NEW.ron";
        Mismatch => "与重放结果不符：{}", "does not match its replay: {}";
        Difference => "{}记录为 {}，重放得到 {}", "{}: recorded {}, replay gives {}";
        Finished => "是否完成", "finished";
        Grade => "等级", "grade";
        Unfinished => "未完成的游戏（已玩 {} 个回合，共 {} 个回合）：这是存档，不是成绩（加 --unfinished 可按已玩的月数计入）", "an unfinished game ({} of {} turns played): a saved game, not a result (--unfinished counts it as far as it went)";
        StoppedAfter => "（只玩了 {} / {} 个{}）", " (played {} of {} {}s)";
        MonthsPlayed => "已玩月数", "months_played";
        Yes => "是", "true";
        No => "否", "false";

        // Headings, counts and notes.
        Summary => "班级报告：{} 份成绩文件，{} 份核验通过，{} 份不计入（用时 {} 秒）", "class report: {} result files, {} verified, {} flagged ({} s)";
        SummaryOne => "班级报告：{} 份成绩文件，{} 份核验通过，{} 份不计入（用时 {} 秒）", "class report: {} result file, {} verified, {} flagged ({} s)";
        FlaggedHeading => "不计入的成绩：", "Flagged, not counted:";
        FlaggedCount => "不计入的成绩（{}）", "Flagged, not counted ({})";
        GroupTitle => "场景 `{}`（{}），版本 {}，种子 {}：{} 份成绩", "scenario `{}` ({}), version {}, seed {}: {} results";
        GroupTitleOne => "场景 `{}`（{}），版本 {}，种子 {}：{} 份成绩", "scenario `{}` ({}), version {}, seed {}: {} result";
        GroupOf => "== 第 {} 组（共 {} 组）：{}", "== group {} of {}: {}";
        ExpertOnSeed => "同一种子上的专家：{}", "expert on this seed: {}";
        GradeOf => "（等级 {}）", " (grade {})";
        Identical => "决策记录完全相同，每一步都一样：{}", "identical decision logs, the same game move for move: {}";
        Note => "注意：{}", "note: {}";
        SeveralGames => "注意：这些成绩来自 {} 局不同的游戏（场景、版本或种子不同）；每局分开报告，学员只和同一组的人比较。", "NOTE: these results come from {} different games (scenario, version or seed differ); each is reported separately and trainees are only compared within their own group.";
        OutOfHundred => "{}（0–100）", "{} (0-100)";
        GapToExpert => "与专家的差距", "gap to expert";

        // Column and section headings.
        Player => "学员", "player";
        File => "文件", "file";
        Scenario => "场景", "scenario";
        Seed => "种子", "seed";
        Verified => "已核验", "verified";
        Reason => "原因", "reason";
        ExpertComposite => "专家{}", "expert_{}";
        Gap => "差距", "gap";
        VsExpert => "比专家", "vs expert";
        ScoreDistributions => "得分分布", "Score distributions";
        Score => "得分", "score";
        Mean => "均值", "mean";
        AccountsHeading => "各客户：班上保住它的学员占比，以及这些学员最终的平均满意度", "Accounts: share of the class that kept each, and its mean final satisfaction among them";
        Account => "客户", "account";
        Tier => "分级", "tier";
        Kept => "保住", "kept";
        SatisfactionKept => "{}（保住的）", "{} (kept)";
        Name => "名称", "name";
        LessonsHeading => "错过的教学要点（至少错过一次的学员，占游戏中考到这一点的学员）：", "Teaching points missed (trainees who missed it at least once, of those whose game assessed it):";
        MissedOf => "{} / {}", "{} of {}";

        // The page only.
        PageTitle => "班级报告 · {}", "Class report: {}";
        PageTitlePlain => "班级报告", "Class report";
        PageCounts => "{} 份成绩文件 · {} 份核验通过 · {} 份不计入 · {} 组", "{} result files · {} verified · {} flagged · {} group(s)";
        GroupHeading => "第 {} 组（共 {} 组）：{}", "Group {} of {}: {}";
        Version => "版本", "version";
        Trainees => "{} 名学员", "{} trainee(s)";
        CompositeScores => "{}分布", "{} scores";
        Leaderboard => "排行榜", "Leaderboard";
        ByAccount => "全班在各客户上的表现", "How the class did on each account";
        LessonsMissed => "全班错过的教学要点", "Teaching points the class missed";
        LessonsExplained => "至少错过一次的学员，占游戏中考到这一点的学员的比例。", "Share of trainees who missed the point at least once, of those whose game put it to the test.";
        TeachingPoint => "教学要点", "teaching point";
        Missed => "错过", "missed";
        Of => "人数", "of";
        Footer => "生成用时 {} 秒。每份成绩都按它的决策记录重放核验过；不计入的成绩一律不算。", "generated in {} s. Every result was replayed from its decision log; flagged results are never counted.";
        NoteSentence => "注意：{}。", "Note: {}.";
    }
}

/// Checks a catalogue's sentences: the same places to fill in both languages, and Chinese that
/// reads as Chinese: full-width punctuation (，。：；？！（）), no line that starts with 、。：.
#[cfg(test)]
pub(crate) fn check_catalogue<'a>(sentences: impl IntoIterator<Item = (&'a str, &'a str)>) {
    for (zh, en) in sentences {
        assert_eq!(
            zh.matches("{}").count(),
            en.matches("{}").count(),
            "{zh} / {en}"
        );
        // ASCII punctuation: kept only inside `code`, and after a location that starts a line
        // as a compiler prints it (`FILE:LINE:COL: `, the same in every language).
        let prose = zh.strip_prefix("{}: ").unwrap_or(zh);
        let prose: String = prose.split('`').step_by(2).collect();
        assert!(!prose.contains([',', ';', '?', '!', '(', ')']), "{zh}");
        assert!(!prose.contains(": ") && !prose.ends_with(':'), "{zh}");
        for line in zh.lines() {
            assert!(!line.trim_start().starts_with(['、', '。', '：']), "{zh}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Say;
    use kam_sim::words::Lang;

    #[test]
    fn the_chinese_reads_as_chinese() {
        super::check_catalogue(Say::ALL.iter().map(|k| (k.t(Lang::Zh), k.t(Lang::En))));
    }
}

//! The class server's catalogue: every sentence of its pages (the form that creates a class,
//! the dashboard, the drill-down, the confirmation and error pages, and the words dashboard.js
//! shows, which the page hands it), in Chinese and English.
//!
//! A sentence is a key of [`Say`], a [`kam_sim::word_table!`]: a key without its Chinese or
//! its English does not compile. The names of the model's things (metrics, difficulties,
//! tiers, teaching points) are not here: they are `kam_sim::words`'s (and
//! `kam_sim::words::lesson`), shared with the game and the command line.
//!
//! A refusal a page may show is a [`Said`]: its key and values, put into words in the page's
//! language when the page is made. The JSON API's `detail` is its English, word for word.

use std::fmt::Display;

pub use kam_sim::words::{Lang, fill, html_lang, language_name};

kam_sim::word_table! {
    /// What the class server's pages say.
    pub enum Say {
        // The console of `kam serve`.
        ConsoleCannotStart => "kam serve：无法启动：{}", "kam serve: cannot start: {}";
        ConsoleFailed => "kam serve：{}", "kam serve: {}";
        ConsoleListening => "kam serve：班级服务器在 {}（数据库 {}）", "kam serve: class server on {} (database {})";
        ConsoleOpen => "在浏览器中打开 {} 开设班级；学员在游戏里用加入码加入。", "Open {} in a browser to create a class; trainees join from the game with its code.";
        ConsoleStopWith => "按 Ctrl-C 停止。", "Stop with Ctrl-C.";
        ConsoleStopping => "kam serve：正在停止", "kam serve: stopping";

        // Every page.
        PageTitle => "{} · kam-trainer 班级", "{} · kam-trainer class";
        LanguageSwitch => "界面语言", "Language";
        ListSeparator => "、", ", ";

        // The form that creates a class.
        RunAClass => "开设班级", "Run a class";
        CreateLead => "创建一个班级，然后把加入码告诉学员：他们在游戏的标题画面选择“{}”。", "Create a class session, then give the join code to your trainees: they choose {} on the game's title screen.";
        NotCreated => "班级没有创建", "The class was not created";
        ScenarioLegend => "场景", "Scenario";
        BundledScenario => "内置场景", "Bundled scenario";
        OwnScenario => "也可以使用你自己的场景文件（它会取代上面的内置场景）：", "…or a scenario file of your own (it replaces the bundled one):";
        ScenarioPlaceholder => "在这里粘贴场景（RON 格式），或者在上面选择文件", "Paste a scenario (RON) here, or pick a file above";
        ClassLegend => "班级", "Class";
        TitleLabel => "班级名称", "Title";
        SeedLabel => "随机种子（一个数或任意文字；种子相同，每局的运气就相同）", "Seed (a number or any words: the same seed deals the same luck)";
        SeedPlaceholder => "留空则使用场景默认种子", "the scenario's own";
        PacingFree => "自由：每位学员按自己的节奏玩", "Free: everyone plays at their own pace";
        PacingRounds => "分轮：全班同时玩同一个月，结果统一发布", "Rounds: everyone plays month N; results are released together";
        RoundMinutes => "每轮时限（分钟；填 0 则不设时限，由你手动发布，或在全员提交后发布）", "Round deadline in minutes (0: release by hand or when all have played)";
        ShowScores => "学员在游戏中看得到自己的得分", "Trainees see their scores during play";
        PracticeBox => "练习：游戏会预览每个计划，并提示错过的教学要点（考试请取消勾选）", "Practice: the game previews each plan and hints at missed teaching points (untick for an exam)";
        DifficultyLabel => "难度", "Difficulty";
        DifficultyOwn => "场景默认难度", "the scenario's own";
        DifficultyHelp => "“{}”直接显示每位买方的风格和需求；“{}”把它们藏在言谈举止和反应里；“{}”还会隐藏契合度、计划预览和提示。", "{} shows each buyer's style and need; {} hides them behind cues and reactions; {} also hides the fit words, the plan preview and the hints.";
        CreateButton => "创建班级", "Create the class";
        ScenarioErrors => "{}", "{}";
        ScenarioErrorsLead => "场景文件有错误（与 kam validate 报告的相同）：", "The scenario file has errors (as kam validate reports them):";

        // The dashboard: what never changes.
        SeedIs => "种子 {}", "seed {}";
        FreePacingShort => "自由节奏", "free pacing";
        RoundsPacingShort => "分轮进行", "rounds pacing";
        Practice => "练习", "practice";
        Exam => "考试", "exam";
        DifficultyIsOwn => "（场景默认）", " (the scenario's own)";
        JoinCode => "加入码", "Join code";
        ReleaseRound => "发布本轮结果", "Release the round";
        StartClass => "开始上课（发布第 1 个月）", "Start the class (release month 1)";
        StartClassHelp => "学员都加入后，按“开始上课”发布第 1 个月；此后每一轮在全班都提交后自动发布。", "When everyone has joined, press Start the class to release month 1; after that, each round is released when the whole class has played it.";
        AskSetDeadline => "这一轮没有时限。要设定一个吗？时限一到，本轮结果就会自动发布。", "This round has no deadline. Set one, so that the round is released automatically when it passes?";
        MinutesLabel => "分钟", "minutes";
        SetDeadline => "设定时限（分钟）", "Set a deadline (minutes)";
        ExtendDeadline => "延长时限", "Extend the deadline";
        AskEnd => "结束这次课程？学员将不能再提交决策。", "End the session? Trainees can no longer submit.";
        EndSession => "结束课程", "End the session";
        ClassReport => "班级报告", "Class report";
        GradebookCsv => "成绩表（CSV）", "Gradebook CSV";
        AllResultFiles => "全部结果文件", "All result files";
        Connecting => "正在连接……", "connecting…";
        LiveUpdated => "实时 · 更新于 {}", "live · updated {}";
        Reconnecting => "正在重新连接……", "reconnecting…";
        InstructorLink => "讲师链接", "Instructor link";
        KeepTheLink => "（请保存好：在别的浏览器里回到这个看板，只能靠它）", " (keep it: it is the only way back to this dashboard from another browser)";

        // The dashboard: the live part.
        SessionEnded => "课程已经结束。", "The session has ended.";
        DeletedInOneDay => "{} 天后，这个班级和它的结果将从服务器上删除：请在此之前下载班级报告和全部结果文件。", "This class and its results are deleted from the server in {} day: download the class report and all result files before then.";
        DeletedInDays => "{} 天后，这个班级和它的结果将从服务器上删除：请在此之前下载班级报告和全部结果文件。", "This class and its results are deleted from the server in {} days: download the class report and all result files before then.";
        AllReleased => "{} 个月都已发布：学员玩完最后一个月后，就可以结束课程。", "All {} months are released: end the session once the trainees have played the last.";
        MonthOpen => "第 {} 个月（共 {} 个月）正在进行；已发布 {} 个月。", "Month {} of {} is open; {} released.";
        NobodyHolds => "第 {} 个月不再等任何人：下一次有人提交时就会发布。", "Nobody holds month {} back: it is released at the next submission.";
        ManyHold => "还在玩第 {} 个月的 {} 位学员都提交后（或者你免除他们），这个月就会发布。", "Month {} is released when the {} trainees still playing it have submitted it (or you excuse them).";
        FewHold => "下面这些学员提交后（或者你免除他们），第 {} 个月就会发布：{}。", "Month {} is released when these trainees submit it (or you excuse them): {}.";
        HolderPlayed => "（已玩 {} 个月）", " ({} played)";
        AutoRelease => "{} 分 {} 秒后自动发布。", "Released automatically in {} min {} s.";
        FreePacingLine => "自由节奏：共 {} 个月，每位学员按自己的节奏玩。", "Free pacing: {} months, each trainee at their own pace.";
        JoinedOne => "已有 {} 位学员加入。", "{} trainee joined.";
        Joined => "已有 {} 位学员加入。", "{} trainees joined.";
        Leaderboard => "排行榜", "Leaderboard";
        RankHeader => "名次", "#";
        TraineeHeader => "学员", "Trainee";
        PlayedHeader => "已玩", "Played";
        PlayedHelp => "已玩并提交的月数", "Months played and sent";
        VsExpertHeader => "与专家比", "vs expert";
        VsExpertHelp => "与专家（同一种子，玩到同一个月）相比的得分差：排名的依据", "The score against the expert's on the same seed after as many months played: the ranking";
        MonthsOf => "{} / {}", "{} of {}";
        NotStarted => "尚未开始", "not started";
        ExpertRow => "专家（同一种子，终局）", "expert (same seed, final)";
        Roster => "学员名单", "Roster";
        SeatHeader => "座位", "Seat";
        StatusHeader => "状态", "Status";
        SeatActionsHeader => "操作", "Seat actions";
        StatusPlanning => "计划中", "planning";
        StatusWaiting => "已提交，等待发布", "submitted, waiting";
        StatusFinished => "已完成", "finished";
        StatusOffline => "离线", "offline";
        Excused => "已免除", "excused";
        HoldsRound => "待提交", "holds the round";
        HoldsRoundHelp => "这位学员提交之前，当前月份不会发布", "The open month is not released until this trainee submits it";
        WaitFor => "恢复等待", "Wait for";
        WaitForHelp => "各轮发布前重新等这个座位提交", "This seat holds back rounds again";
        Excuse => "免除", "Excuse";
        ExcuseHelp => "发布各轮时不再等这个座位", "Rounds are released without waiting for this seat";
        AskRemove => "把“{}”移出班级？这个座位和它的结果会从名单和报告中去掉，这个名字可以重新加入。", "Remove {} from the class? Their seat and results leave the roster and the report, and the name is free to join again.";
        Remove => "移除", "Remove";
        AccountsAcross => "各客户在全班的情况", "Accounts across the class";
        AccountHeader => "客户", "Account";
        TierHeader => "分级", "Tier";
        KeptHeader => "保住", "Kept";
        MeanOf => "{}（平均）", "{} (mean)";
        MostMissed => "最常错过的教学要点", "Teaching points most missed";
        ShownOnceFinished => "学员完成游戏后，这里会显示统计。", "Shown once trainees finish their games.";
        TeachingPoint => "教学要点", "Teaching point";
        MissedHeader => "错过", "Missed";

        // One trainee's game.
        BackToDashboard => "← 回到看板", "← back to the dashboard";
        SeatSummary => "已玩 {} 个月（共 {} 个月）· {} {}（{} {}，{} {}，{} {}）", "{} of {} months played · {} {} ({} {}, {} {}, {} {})";
        Decisions => "决策", "Decisions";
        MonthByMonth => "逐月明细", "Month by month";
        MonthN => "第 {} 个月", "Month {}";
        CauseLine => "{} {}：{}", "{} {}: {}";
        Debrief => "复盘", "Debrief";
        LessonMet => "——做到了：{}", " — met: {}";
        LessonMissed => "——错过了：{}", " — missed: {}";
        AccountsHeading => "客户", "Accounts";
        AccountKept => "{}：保住了，满意度比开局 {}", "{} kept, satisfaction {} since the start";
        AccountLost => "{}：流失了，满意度比开局 {}", "{} lost, satisfaction {} since the start";
        AnswerLine => "第 {} 个月，{}：对{}的回应是{}", "Month {}, {}: answered {} with {}";
        PlanLine => "第 {} 个月的计划：{}；{}", "Month {} plan: {}; {}";
        NoVisits => "没有拜访", "no visits";
        OneVisit => "拜访 {} 次：{}", "{} visit: {}";
        Visits => "拜访 {} 次：{}", "{} visits: {}";
        VisitWho => "{}（{}）", "{} ({})";
        NoResources => "没有使用资源", "no resources used";
        OneResource => "使用资源 {} 次", "{} resource used";
        Resources => "使用资源 {} 次", "{} resources used";
        AnsweredChoice => "对一个事件选了第 {} 个回应", "Answered an event with choice {}";
        Offered => "谈判出价：各议题依次选第 {} 档", "Offered, the option chosen on each issue in turn: {}";
        WalkedAway => "退出了谈判", "Walked away from the negotiation";
        NotedReading => "记下了对 {}（{}）的判断", "Noted a reading of {} ({})";

        // The instructor link's page.
        YourInstructorLink => "你的讲师链接", "Your instructor link";
        LinkExplained => "在任何浏览器里打开它，都会进入这个班级的看板。请像保管密码一样保管它：谁拿到它，谁就能控制这个班级。这个浏览器忘记它之后（12 小时后），它就无法再次显示。", "It opens this class's dashboard in any browser. Keep it where you keep passwords: whoever has it controls the class. It cannot be shown again once this browser forgets it (after 12 hours).";

        // A refusal as a page.
        NotPossible => "无法完成", "Not possible";
        NotPossibleStatus => "无法完成（{}）", "Not possible ({})";
        RunNewClass => "开设新班级", "Run a new class";
        Refused400 => "请求有误。", "The request is not valid.";
        Refused401 => "这需要这个班级的讲师链接。", "This needs the class's instructor link.";
        Refused403 => "这个请求不被允许。", "This request is not allowed.";
        Refused404 => "这里没有这个页面。", "There is no such page here.";
        Refused405 => "这个地址不接受这种请求。", "This address does not take that kind of request.";
        Refused408 => "请求到达得太慢，请再发送一次。", "The request took too long to arrive; send it again.";
        Refused409 => "这个请求与服务器保存的内容冲突。", "The request clashes with what the server holds.";
        Refused410 => "这个班级已经结束。", "This class has ended.";
        Refused413 => "发送的内容太大（超过 1 MiB）。", "What was sent is too large (over 1 MiB).";
        Refused422 => "发送的内容无法使用。", "What was sent cannot be used.";
        Refused429 => "请求太多了，请稍等片刻。", "Too many requests; wait a moment.";
        Refused500 => "服务器出错了（错误已记入服务器日志）。", "The server failed (the fault is in its log).";
        Refused503 => "班级数据库暂时没有应答，请稍后再试。", "The class database is not answering just now; try again in a moment.";
        RefusedOther => "服务器拒绝了这个请求。", "The server refused the request.";

        // Refusals a page may show. Their English is the JSON API's `detail`, word for word.
        NeedsInstructorLink => "这需要这个班级的讲师链接（密钥不对或缺失）。", "this needs the session's instructor link (its key is wrong or missing)";
        NoSuchSeat => "这个班级没有这个座位。", "no such seat in this class";
        NoSuchSession => "没有这个班级。", "no such session";
        ClassHasEnded => "这个班级已经结束。", "this class has ended";
        NoSuchBundled => "没有名为“{}”的内置场景：请选择一个内置场景（{}），或者提供场景文件。", "no bundled scenario is called `{}`; give a bundled name ({}) or a scenario file";
        TitleTooLong => "班级名称超过了 {} 个字。", "the title is longer than {} characters";
        RoundTooLong => "一轮最长一天（1440 分钟）。", "a round lasts at most a day (1440 minutes)";
        RoundMinutesWhole => "每轮时限要填整数（分钟）。", "the round deadline is a whole number of minutes";
        NoSuchDifficulty => "没有“{}”这个难度：请选择场景默认难度、简单、普通或困难。", "there is no difficulty `{}`: choose the scenario's own, easy, normal or hard";
        NoDeadlinesInFree => "只有分轮进行的班级才有时限。", "only a class played in rounds has deadlines";
        NoRoundsInFree => "自由节奏的班级没有可发布的轮次。", "a class at free pacing has no rounds to release";
        ExtendRange => "时限只能延长 1 到 1440 分钟。", "extend by 1 to 1440 minutes";
        TooMany => "这台电脑发出的请求太多了，请稍等片刻。", "too many requests from this client; wait a moment";
        TooManyClasses => "这台电脑在短时间内创建了很多班级：请等几分钟再创建。", "this computer has created many classes in a short time; wait a few minutes before creating another";
        DatabaseDown => "班级数据库没有应答，请稍后再试。", "the class database is not answering; try again in a moment";
        NoReportHere => "这个服务器构建时没有包含班级报告。", "this server was built without the class report";
        ScenarioGone => "这个班级的场景已经无法载入。", "the session's scenario no longer loads";
        AnotherSite => "这个请求来自别的网站或页面，而不是本服务器自己的看板：请在本服务器的地址打开看板，再试一次。", "this request came from another site or page, not from this server's own dashboard: open the dashboard at this server's address and try again";
        NoOrigin => "这个浏览器没有说明请求来自哪里（没有 Origin 标头）：请使用较新的浏览器，或者通过 API 以 Bearer 令牌提供密钥。", "this browser did not say where the request came from (no Origin header); use a current browser, or the API with the key as a bearer token";
        DatabaseClash => "这个请求与班级数据库里已有的记录冲突，请再试一次。", "the request clashes with what the class database holds; try again";
        DatabaseFault => "班级数据库拒绝了服务器的请求（错误已记入服务器日志）。", "the class database refused what the server asked of it (the fault is in the server's log)";
        TryAgain => "请再试一次。", "try again";
        CodeClashed => "生成的代码冲突了，请再试一次。", "a code clashed; try again";
    }
}

impl Say {
    /// The sentence in `lang` with `args` in its places.
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        fill(self.t(lang), args)
    }
}

/// A sentence with its values, put into words in a language when it is shown: how a refusal
/// reaches a page in the page's language (and the API, in English).
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub key: Say,
    pub args: Vec<String>,
}

impl Said {
    pub fn new(key: Say) -> Said {
        Said {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(key: Say, args: &[&dyn Display]) -> Said {
        Said {
            key,
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// The sentence in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        let args: Vec<&dyn Display> = self.args.iter().map(|a| a as &dyn Display).collect();
        fill(self.key.t(lang), &args)
    }
}

/// `text` in quotation marks, once: “…”. A text already wholly in quotation marks (`"…"` or
/// `“…”`, as scenarios write an event's words) keeps them, made curly; marks inside become
/// single ones (‘…’), as both languages nest them.
pub fn quoted(text: &str) -> String {
    let text = text.trim();
    let inner = [('“', '”'), ('"', '"')]
        .iter()
        .find_map(|&(open, close)| {
            text.strip_prefix(open)
                .and_then(|t| t.strip_suffix(close))
                .filter(|t| !t.contains(['“', '”', '"']))
        })
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len() + 8);
    out.push('“');
    let mut open = true;
    for c in inner.chars() {
        match c {
            '“' => out.push('‘'),
            '”' => out.push('’'),
            '"' => {
                out.push(if open { '‘' } else { '’' });
                open = !open;
            }
            c => out.push(c),
        }
    }
    out.push('”');
    out
}

impl From<Say> for Said {
    fn from(key: Say) -> Said {
        Said::new(key)
    }
}

/// A refusal's sentence in `lang` when no sentence of its own was given: by its status.
pub fn refused(status: u16) -> Say {
    match status {
        400 => Say::Refused400,
        401 => Say::Refused401,
        403 => Say::Refused403,
        404 => Say::Refused404,
        405 => Say::Refused405,
        408 => Say::Refused408,
        409 => Say::Refused409,
        410 => Say::Refused410,
        413 => Say::Refused413,
        422 => Say::Refused422,
        429 => Say::Refused429,
        500 => Say::Refused500,
        503 => Say::Refused503,
        _ => Say::RefusedOther,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
            || matches!(c, '“' | '”' | '…' | '—')
    }

    /// The same values go into both languages: as many places in each.
    #[test]
    fn both_languages_have_the_same_places() {
        for key in Say::ALL {
            let zh = key.t(Lang::Zh).matches("{}").count();
            let en = key.t(Lang::En).matches("{}").count();
            assert_eq!(zh, en, "{key:?}: {zh} places in Chinese, {en} in English");
        }
    }

    /// Chinese is written in Chinese punctuation: no ASCII `,.:;?!()` beside a Chinese
    /// character, and no line begins with 、。：，；
    #[test]
    fn chinese_uses_full_width_punctuation() {
        for key in Say::ALL {
            let zh = key.t(Lang::Zh);
            let chars: Vec<char> = zh.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if !matches!(c, ',' | '.' | ':' | ';' | '?' | '!' | '(' | ')') {
                    continue;
                }
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                assert!(
                    !before.is_some_and(is_cjk) && !after.is_some_and(is_cjk),
                    "{key:?}: half-width `{c}` in Chinese: {zh}"
                );
            }
            // The list separator goes between names, never at a line's start.
            for line in zh.lines().filter(|_| *key != Say::ListSeparator) {
                assert!(
                    !line.starts_with(['、', '。', '：', '，', '；']),
                    "{key:?}: a line begins with punctuation: {zh}"
                );
            }
            let english = key.t(Lang::En);
            assert!(
                zh == english
                    || zh.chars().any(is_cjk)
                    || zh.trim_matches(['{', '}', ' ', '/']).is_empty(),
                "{key:?}: the Chinese is not Chinese: {zh}"
            );
        }
    }

    #[test]
    fn a_quotation_is_marked_once() {
        assert_eq!(quoted("Price"), "“Price”");
        assert_eq!(
            quoted("\"We hear you are being taken over\""),
            "“We hear you are being taken over”"
        );
        assert_eq!(quoted("“听说你们要被收购了？”"), "“听说你们要被收购了？”");
        assert_eq!(
            quoted("宏达：“再降 5%，量给你加 15%”"),
            "“宏达：‘再降 5%，量给你加 15%’”"
        );
        assert_eq!(
            quoted("Hongda: \"Another 5 % off\""),
            "“Hongda: ‘Another 5 % off’”"
        );
    }

    #[test]
    fn a_said_sentence_is_filled_in_either_language() {
        let said = Said::with(Say::TitleTooLong, &[&120]);
        assert_eq!(
            said.in_lang(Lang::En),
            "the title is longer than 120 characters"
        );
        assert_eq!(said.in_lang(Lang::Zh), "班级名称超过了 120 个字。");
    }
}

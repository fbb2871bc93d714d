//! `kam --help` in Chinese: each command's description, examples and arguments.
//!
//! The English help is clap's, written as doc comments on the argument structs; this is the
//! same help for a Chinese instructor, keyed by command and argument id, so a test
//! ([`crate::help`]'s) can hold the two trees equal: an argument added without its Chinese
//! fails it, and so does a Chinese line for an argument that is gone.

/// One command's help in Chinese.
pub struct CommandHelp {
    /// The subcommand's name; `""` for `kam` itself.
    pub command: &'static str,
    /// One line, shown in `kam --help`'s list and atop the command's help.
    pub about: &'static str,
    /// The longer description `--help` shows instead of `about`, where English has one.
    pub long_about: Option<&'static str>,
    /// The examples below the options, where English has them.
    pub after_help: Option<&'static str>,
    /// Each argument's help by its id (the field's name in the argument struct).
    pub arguments: &'static [(&'static str, &'static str)],
}

/// The heading over positional arguments.
pub const ARGUMENTS: &str = "参数：";
/// The heading over options.
pub const OPTIONS: &str = "选项：";
/// The heading over subcommands.
pub const COMMANDS: &str = "命令：";
/// The line before the usage.
pub const USAGE: &str = "用法：";
/// `-h, --help`.
pub const HELP_FLAG: &str = "显示帮助（`-h` 为简要版）";
/// `-V, --version`.
pub const VERSION_FLAG: &str = "显示版本号";
/// `kam help`.
pub const HELP_COMMAND: &str = "显示本帮助，或某个命令的帮助";
/// `kam help COMMAND`'s argument.
pub const HELP_COMMAND_ARGUMENT: &str = "要看帮助的命令";

/// Every command's Chinese help, `kam` first.
pub const COMMANDS_ZH: &[CommandHelp] = &[
    CommandHelp {
        command: "",
        about: "大客户管理训练：玩一个情景，或检查、平衡一个情景并出报告",
        long_about: Some(
            "大客户管理训练（Key account management trainer）。\n\n\
             不带命令时打开游戏的标题画面。其余命令供讲师使用：像检查代码一样检查情景文件，\
             让内置策略在后台反复试玩，核对学员交来的结果文件，为一个班出报告。",
        ),
        after_help: Some(
            "示例：\n  \
             kam                                        打开游戏\n  \
             kam play scenarios/classroom_zh.ron        玩一个情景\n  \
             kam validate scenarios/*.ron               检查情景文件\n  \
             kam simulate classroom_zh --strategy all --runs 1000\n  \
             kam replay results/alice.ron               核对一位学员的结果\n  \
             kam replay --rescore old/alice.ron --out new/alice.ron\n                                             \
             用本版模型为旧版的结果重新计分",
        ),
        arguments: &[(
            "output_lang",
            "命令输出所用的语言：中文 zh 或英文 en。不指定时，关于某个情景的输出用该情景的语言，\
             否则看 LC_ALL / LC_MESSAGES / LANG，再否则用英文。游戏画面本身跟随 `kam play --lang`。",
        )],
    },
    CommandHelp {
        command: "play",
        about: "在游戏窗口里玩一个情景（不带命令时默认如此）",
        long_about: None,
        after_help: None,
        arguments: &[
            (
                "scenario",
                "情景文件（RON）或内置情景名；不指定时打开标题画面",
            ),
            ("watch", "文件一改动就重新载入情景，校验错误显示在窗口里"),
            ("screenshot", "把窗口截图存到这个 PNG 文件，然后退出"),
            (
                "autoplay",
                "用某个内置策略把整局玩完（与 --screenshot 同用时截复盘画面）",
            ),
            ("player", "写进存档和结果文件的玩家姓名"),
            ("seed", "随机种子或班级代码（默认用情景自带的种子）"),
            (
                "screen",
                "直接打开这个画面：briefing、turn、event、negotiation、report、debrief、coach、\
                 what-if 或 expert-compare（用 --autoplay 的策略、默认专家策略玩到该处）。\
                 默认：简报；带 --screenshot 时为回合画面；带 --autoplay 时为复盘",
            ),
            (
                "difficulty",
                "学员能看到客户人员的哪些信息：easy（风格与需求）、normal（线索与反应，\
                 见过之后显示是否合拍）或 hard（只有线索与反应）。默认用情景自己的",
            ),
        ],
    },
    CommandHelp {
        command: "validate",
        about: "检查情景文件：每个错误按 FILE:LINE:COL 给出；有效退出码 0，无效 1，读不了 2",
        long_about: None,
        after_help: None,
        arguments: &[
            ("files", "情景文件（RON）"),
            ("quiet", "有效的文件不输出任何内容（错误和警告照常输出）"),
            (
                "teaching",
                "同时用每个内置策略试玩这个情景，在它会教错的地方给出警告：谁也保不住的客户、\
                 从不触发的事件、从不吃紧的预算、永远最优的回答；以及与课程相悖的回答：\
                 好回答却往亏损客户身上加码、价格把结论泄露了、差的谣言应对反而讨好",
            ),
            (
                "runs",
                "--teaching 每个策略试玩的局数（默认：课堂规模的情景 200 局，\
                 大情景少一些，至少 20 局）",
            ),
        ],
    },
    CommandHelp {
        command: "simulate",
        about: "用内置策略在后台试玩一个情景，输出得分分布",
        long_about: None,
        after_help: None,
        arguments: &[
            (
                "file",
                "情景文件（RON）或内置情景名（tutorial、classroom_zh、classroom_en）",
            ),
            ("strategy", "策略名（见 `kam strategies`）或 `all`"),
            ("runs", "每个策略玩的局数"),
            (
                "seed",
                "第一个种子；各局依次用 S、S+1……（默认用情景自带的种子）",
            ),
            ("json", "输出一个 JSON 对象而不是表格"),
            (
                "difficulty",
                "以这个难度代替情景自己的来玩：easy、normal 或 hard（策略能看到客户人员的哪些信息）",
            ),
        ],
    },
    CommandHelp {
        command: "replay",
        about: "按决策记录重算一个结果文件；一致退出码 0，不一致 1\
                 （--rescore：用本版模型计分，写成新文件）",
        long_about: None,
        after_help: Some(
            "示例：\n  \
             kam replay results/alice.ron                                 核对一位学员的结果\n  \
             kam replay results/bob.ron --scenario my_scenario.ron        在你自己的情景上玩的结果\n  \
             kam replay --rescore results/alice.ron --out model4/alice.ron\n                                                               \
             用本版模型为旧版的结果重新计分",
        ),
        arguments: &[
            ("result", "游戏写出的结果文件"),
            (
                "scenario",
                "这局所玩的情景文件（内置情景按 id 自动找到，不必指定）",
            ),
            (
                "rescore",
                "在本版模型上重放这份结果的决策，把现在得到的分数写成新的结果文件\
                 （标明所用模型，写到 --out；原文件不动）",
            ),
            ("out", "--rescore 写新结果文件的位置"),
        ],
    },
    CommandHelp {
        command: "strategies",
        about: "列出内置策略",
        long_about: None,
        after_help: None,
        arguments: &[],
    },
    CommandHelp {
        command: "new",
        about: "写出一个小而有效、带注释的起步情景",
        long_about: None,
        after_help: None,
        arguments: &[
            ("file", "要写出的情景文件"),
            ("force", "文件已存在时覆盖它"),
        ],
    },
    CommandHelp {
        command: "balance",
        about: "平衡实验：每个策略用许多种子试玩，判断这个情景是否奖励真本事",
        long_about: None,
        after_help: None,
        arguments: &[
            (
                "file",
                "情景文件（RON）或内置情景名（tutorial、classroom_zh、classroom_en）",
            ),
            ("runs", "每个策略玩的局数"),
            (
                "seed",
                "第一个种子；各局依次用 S、S+1……（默认用情景自带的种子）",
            ),
            ("out", "同时把报告写成一个独立的 HTML 页面"),
            (
                "json",
                "把各策略的得分和每个教学要点的价值输出为一个 JSON 对象，而不是文字报告",
            ),
            (
                "difficulty",
                "以这个难度代替情景自己的来玩：easy、normal 或 hard（策略能看到客户人员的哪些信息）",
            ),
        ],
    },
    CommandHelp {
        command: "report",
        about: "班级报告：先核对学员的结果文件，再给出排行榜、得分分布和错过的要点",
        long_about: None,
        after_help: None,
        arguments: &[
            (
                "results",
                "游戏写出的结果文件，或装着它们的文件夹（其中每个 .ron 文件）",
            ),
            (
                "scenarios",
                "这些结果所玩的情景文件（可重复；内置情景不必指定）",
            ),
            ("csv", "每个结果文件写一行 CSV（被标记的也写，注明未核实）"),
            ("out", "同时把报告写成一个独立的 HTML 页面"),
            (
                "title",
                "班级名称，作为 HTML 页面的标题（如“三月大客户管理班”）",
            ),
            (
                "unfinished",
                "把没玩到最后的游戏也计入（班级提前结束时），各自与专家玩到同样月数时的成绩相比，而不是当作存档放在一边",
            ),
        ],
    },
    CommandHelp {
        command: "serve",
        about: "开一个现场班级：供游戏“加入班级”的服务器，附浏览器看板",
        long_about: None,
        after_help: Some(
            "示例：\n  \
             kam serve                                   数据目录里的 SQLite，端口 8080\n  \
             kam serve --addr 127.0.0.1:9000 --db sqlite://class.db\n  \
             kam serve --db postgres://kam:secret@db.example/kam   多台服务器共用一个数据库\n\n\
             然后在浏览器里打开 http://localhost:8080 创建班级（见 docs/serve.md）。",
        ),
        arguments: &[
            (
                "db",
                "数据库：sqlite://文件 或 postgres://用户:密码@主机/库\
                 （默认：数据目录里的 class.db）",
            ),
            ("addr", "监听的地址和端口"),
            (
                "rate_per_address",
                "每个客户端地址每秒可发的请求数（加入、页面）；可瞬时突发到十倍",
            ),
            (
                "rate_per_seat",
                "每位学员的座位每秒可发的请求数（提交）；可瞬时突发到四倍",
            ),
            (
                "keep_days",
                "已结束（或没人加入）的班级保留多少天，之后连同座位和决策一起删除；0 表示永久保留",
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::COMMANDS_ZH;

    /// The help reads as Chinese: full-width punctuation in its prose (the examples' command
    /// lines are commands, and stay as typed).
    #[test]
    fn the_chinese_help_reads_as_chinese() {
        let prose = COMMANDS_ZH.iter().flat_map(|c| {
            [c.about]
                .into_iter()
                .chain(c.long_about)
                .chain(c.arguments.iter().map(|(_, help)| *help))
        });
        crate::words::report::check_catalogue(prose.map(|zh| (zh, "")));
    }
}

//! The `kam` command line over kam-sim: validate, simulate, replay, strategies, and the
//! instructor's toolkit (new, balance, report).
//!
//! Every command writes through an [`Io`] and returns its exit status instead of printing and
//! exiting, so tests drive commands in-process. The game is not a dependency: `kam play` is
//! handed to whoever embeds this crate (the `kam` binary passes the Bevy game in).

mod balance;
mod columns;
mod help;
mod html;
mod new;
mod replay;
pub mod report;
mod scenario_source;
mod simulate;
mod validate;
pub mod words;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{FromArgMatches, Parser, Subcommand};
use kam_sim::StrategyId;
use kam_sim::words::Lang;

/// Exit status: everything checked out.
pub const OK: u8 = 0;
/// Exit status: the input was read but is invalid, or a replay does not match.
pub const INVALID: u8 = 1;
/// Exit status: usage or I/O error.
pub const USAGE: u8 = 2;

/// Where a command writes (normal output and diagnostics), and in which language.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// The language `--lang` asked for, if it did: see [`Io::lang_for`].
    pub lang: Option<Lang>,
}

impl Io<'_> {
    /// The language of output about a scenario in `scenario` (or about no scenario: `None`):
    /// `--lang`, else the scenario's, else the system locale's, else English.
    pub fn lang_for(&self, scenario: Option<Lang>) -> Lang {
        kam_sim::words::choose_lang(self.lang, scenario)
    }
}

/// `--lang`'s value: `zh` or `en` (also `cn`, `chinese`, `english`, `中文`).
fn parse_lang_arg(s: &str) -> Result<Lang, String> {
    kam_sim::words::parse_lang(s).ok_or_else(|| {
        let say = words::common::Say::NotALanguage;
        words::fill(
            say.t(kam_sim::words::system_lang().unwrap_or(Lang::En)),
            &[&s],
        )
    })
}

#[derive(Debug, Parser)]
#[command(
    name = "kam",
    version,
    about = "Key account management trainer: play a scenario, or check, balance and report on one",
    long_about = "Key account management trainer (大客户管理训练).\n\n\
        With no command, opens the game's title screen. The other commands are for instructors: \
        check a scenario file like code, play it headless with built-in strategies, verify \
        trainees' result files and report on a class.",
    after_help = "Examples:\n  \
        kam                                        open the game\n  \
        kam play scenarios/classroom_zh.ron        play a scenario\n  \
        kam validate scenarios/*.ron               check scenario files\n  \
        kam simulate classroom_en --strategy all --runs 1000\n  \
        kam replay results/alice.ron               verify a trainee's result\n  \
        kam replay --rescore old/alice.ron --out new/alice.ron\n                                             \
        score an earlier release's result with this model"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Language of what a command prints and writes (中文 zh or English en). Without it: the
    /// scenario's language for output about one scenario, else LC_ALL / LC_MESSAGES / LANG,
    /// else English. The game's own screens follow `kam play --lang`.
    #[arg(long = "lang", global = true, value_name = "zh|en", value_parser = parse_lang_arg)]
    pub output_lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play a scenario in the game window (the default when no command is given).
    Play(PlayArgs),
    /// Check scenario files: every error as FILE:LINE:COL, exit 0 valid, 1 invalid, 2 unreadable.
    Validate(validate::Args),
    /// Play a scenario headless with built-in strategies and print score distributions.
    Simulate(simulate::Args),
    /// Recompute a result file from its decision log; exit 0 when it matches, 1 when not
    /// (--rescore: score it with this model into a new file).
    Replay(replay::Args),
    /// List the built-in strategies.
    Strategies,
    /// Write a small, valid, commented starting scenario.
    New(new::Args),
    /// Balance lab: play every strategy over many seeds and judge whether the scenario rewards skill.
    Balance(balance::Args),
    /// Class report: verify trainees' result files, then leaderboard, distributions, lessons missed.
    Report(report::Args),
    /// Run a live class: a server for the game's "Join a class", with a browser dashboard.
    Serve(ServeArgs),
}

/// `kam serve`: where to listen and which database to keep the class in.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Examples:\n  \
    kam serve                                   SQLite in the data folder, port 8080\n  \
    kam serve --addr 127.0.0.1:9000 --db sqlite://class.db\n  \
    kam serve --db postgres://kam:secret@db.example/kam   several servers, one database\n\n\
    Then open http://localhost:8080 in a browser to create a class (docs/serve.md).")]
pub struct ServeArgs {
    /// Database: sqlite://FILE or postgres://USER:PASSWORD@HOST/DB (default: class.db in the data folder).
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// Address and port to listen on.
    #[arg(long, value_name = "HOST:PORT", default_value = "0.0.0.0:8080")]
    pub addr: std::net::SocketAddr,
    /// Requests per second one client address may make (joins, pages); bursts of ten times as many.
    #[arg(long, value_name = "N", default_value_t = 50.0)]
    pub rate_per_address: f64,
    /// Requests per second one trainee's seat may make (submissions); bursts of four times as many.
    #[arg(long, value_name = "N", default_value_t = 10.0)]
    pub rate_per_seat: f64,
    /// Days an ended class (or one nobody joined) is kept before it is deleted with its seats and decisions; 0 keeps every class.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    pub keep_days: u32,
    /// The console's language: the command line's global `--lang`, else the locale's, else
    /// English (each page follows its browser).
    #[arg(skip)]
    pub lang: Lang,
}

/// `kam play`: what the game window should open with.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PlayArgs {
    /// Scenario file (RON) or bundled scenario name; without it, the title screen.
    pub scenario: Option<PathBuf>,
    /// Reload the scenario whenever the file changes, showing validation errors in the window.
    #[arg(long)]
    pub watch: bool,
    /// Save a screenshot of the window to this PNG file and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Play the whole game with a built-in strategy (with --screenshot: shoot the debrief).
    #[arg(long, value_name = "STRATEGY")]
    pub autoplay: Option<String>,
    /// UI language, zh or en: the command line's global `--lang` (defaults to the scenario's
    /// language, or the system's on the title screen).
    #[arg(skip)]
    pub lang: Option<String>,
    /// Player name written into saves and results.
    #[arg(long)]
    pub player: Option<String>,
    /// Seed or class code (defaults to the scenario's seed).
    #[arg(long)]
    pub seed: Option<String>,
    /// Open at this screen: briefing, turn, event, negotiation, report, debrief, coach, what-if
    /// or expert-compare (the
    /// game is played up to it with --autoplay's strategy, or expert). Default: the briefing,
    /// or the turn screen with --screenshot, or the debrief with --autoplay.
    #[arg(long, value_name = "NAME")]
    pub screen: Option<String>,
    /// What the trainee is shown of the people: easy (style and need), normal (cues and
    /// reactions, fit words once seen) or hard (cues and reactions only). Default: the
    /// scenario's own.
    #[arg(long, value_name = "easy|normal|hard")]
    pub difficulty: Option<kam_sim::scenario::Difficulty>,
}

/// Parses the arguments and runs the command; `play` runs the game and `serve` the class
/// server the caller provides.
pub fn run_with(
    args: impl IntoIterator<Item = OsString>,
    play: impl FnOnce(PlayArgs) -> ExitCode,
    serve: impl FnOnce(ServeArgs) -> ExitCode,
) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let help_lang = help::lang_of_args(&args);
    let parsed = help::command(help_lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = match help::error_in(&e, help_lang) {
                Some(text) => write!(std::io::stderr(), "{text}"),
                None => e.print(),
            };
            return ExitCode::from(if e.use_stderr() { USAGE } else { OK });
        }
    };
    let play_lang = cli.output_lang.map(|l| l.pick("zh", "en").to_owned());
    match cli.command {
        None => play(PlayArgs {
            lang: play_lang,
            ..PlayArgs::default()
        }),
        Some(Command::Play(args)) => play(PlayArgs {
            lang: play_lang,
            ..args
        }),
        Some(Command::Serve(args)) => serve(ServeArgs {
            lang: kam_sim::words::choose_lang(cli.output_lang, None),
            ..args
        }),
        Some(command) => {
            // Locked only here: the game logs to stderr from its own threads.
            let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
            let (mut out, mut err) = (stdout.lock(), stderr.lock());
            ExitCode::from(run(
                command,
                &mut Io {
                    out: &mut out,
                    err: &mut err,
                    lang: cli.output_lang,
                },
            ))
        }
    }
}

/// Runs a command other than `play`, returning its exit status.
pub fn run(command: Command, io: &mut Io) -> u8 {
    match command {
        Command::Play(_) | Command::Serve(_) => {
            let _ = writeln!(io.err, "kam: `play` and `serve` run in the `kam` binary");
            USAGE
        }
        Command::Validate(args) => validate::run(&args, io),
        Command::Simulate(args) => simulate::run(&args, io),
        Command::Replay(args) => replay::run(&args, io),
        Command::Strategies => strategies(io),
        Command::New(args) => new::run(&args, io),
        Command::Balance(args) => balance::run(&args, io),
        Command::Report(args) => report::run(&args, io),
    }
}

/// `kam strategies`: each strategy's id (what `--strategy` takes) and what it does, in
/// `--lang`'s language, else the system's (in Chinese with its name: "expert  专家  …").
fn strategies(io: &mut Io) -> u8 {
    use kam_sim::words::{strategy_description, strategy_name};
    let lang = io.lang_for(None);
    let line = |id: &str| match lang {
        Lang::Zh => format!(
            "{id:<16} {} {}",
            columns::left(strategy_name(lang, id), 10),
            strategy_description(lang, id)
        ),
        Lang::En => format!("{id:<16} {}", strategy_description(lang, id)),
    };
    for strategy in StrategyId::BENCHMARKS {
        let _ = writeln!(io.out, "{}", line(strategy.name()));
    }
    let heading = words::balance::Say::AblationsHeading.t(lang);
    let _ = writeln!(io.out, "\n{heading}");
    for ablation in kam_sim::Ablation::ALL {
        let _ = writeln!(io.out, "{}", line(ablation.name()));
    }
    OK
}

/// The width of the account-id column in a terminal table: the longest id, at least as wide
/// as the heading "account" (ids are ASCII identifiers, so characters are columns).
pub(crate) fn account_id_width(scenario: &kam_sim::scenario::Scenario) -> usize {
    scenario
        .accounts
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(7)
        .max(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `kam ARGS...` in-process, returning (status, stdout, stderr).
    pub(crate) fn kam(args: &[&str]) -> (u8, String, String) {
        let cli = Cli::try_parse_from(std::iter::once("kam").chain(args.iter().copied()))
            .expect("arguments parse");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(
            cli.command.expect("a command"),
            &mut Io {
                out: &mut out,
                err: &mut err,
                lang: cli.output_lang,
            },
        );
        (
            status,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn strategies_lists_every_strategy_with_a_description() {
        let (status, out, _) = kam(&["strategies"]);
        assert_eq!(status, OK);
        for name in StrategyId::ALL.map(|s| s.name()) {
            assert!(
                out.lines()
                    .any(|l| l.starts_with(name) && l.len() > name.len() + 10),
                "{name} missing in {out}"
            );
        }
    }

    #[test]
    fn lang_is_taken_before_or_after_the_command_and_refuses_other_languages() {
        let parse =
            |args: &[&str]| Cli::try_parse_from(std::iter::once("kam").chain(args.iter().copied()));
        for args in [
            &["play", "scenarios/tutorial.ron", "--lang", "zh"][..],
            &["--lang", "zh", "validate", "x.ron"],
            &["report", "--lang", "中文", "r.ron"],
        ] {
            assert_eq!(parse(args).unwrap().output_lang, Some(Lang::Zh), "{args:?}");
        }
        assert_eq!(parse(&["validate", "x.ron"]).unwrap().output_lang, None);
        let refused = parse(&["validate", "--lang", "fr", "x.ron"]).unwrap_err();
        assert!(refused.to_string().contains("zh or en"), "{refused}");
    }

    #[test]
    fn every_subcommand_has_help() {
        use clap::CommandFactory;
        let mut cli = Cli::command();
        cli.build();
        for sub in cli.get_subcommands() {
            assert!(
                sub.get_about().is_some(),
                "`kam {}` has no help text",
                sub.get_name()
            );
        }
        Cli::command().debug_assert();
    }
}

//! `kam balance SCENARIO`: the balance lab; this file runs it. Plays every built-in strategy
//! over many seeds and says whether the scenario rewards skill, with the figures behind the
//! verdict: score distributions, how often each account is kept, how often each event fires
//! and how each strategy answers it, how much of the budget is spent, and the teaching
//! warnings.
//!
//! It also measures what each teaching point is worth in the scenario: the expert against
//! itself with that one behaviour removed or replaced by the bad habit (`kam strategies`
//! lists them), with a 95 % interval over the seeds and a warning under 3 points.
//!
//! The same figures go to the terminal ([`text()`]), with `--json` to standard output as one
//! JSON object ([`json()`]), and with `--out` to a self-contained HTML page an instructor can
//! project ([`page()`]). Exit status: 0 when the lab ran (whatever its verdict), 1 when the
//! scenario is invalid, 2 when it cannot be read.

mod html;
mod text;

pub use self::html::page;
pub use self::text::text;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use kam_sim::ablation::{self, Worth};
use kam_sim::batch::Summary;
use kam_sim::engine::Prepared;
use kam_sim::scenario::{EventKind, Trigger};
use kam_sim::teaching::{self, Lab, SkillCheck, TeachingWarning};

use crate::scenario_source::{self, SourceError};
use crate::{INVALID, Io, OK, USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (RON) or bundled scenario name (tutorial, classroom_zh, classroom_en).
    #[arg(value_name = "SCENARIO")]
    pub file: PathBuf,
    /// Games per strategy.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub runs: u64,
    /// First seed; games use seeds S, S+1, ... (defaults to the scenario's seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Also write the report as a self-contained HTML page.
    #[arg(long, value_name = "report.html")]
    pub out: Option<PathBuf>,
    /// Print the strategies' scores and what each teaching point is worth as one JSON object
    /// instead of the text report.
    #[arg(long)]
    pub json: bool,
    /// Play at this difficulty instead of the scenario's own: easy, normal or hard (what the
    /// strategies may see of the people).
    #[arg(long, value_name = "easy|normal|hard")]
    pub difficulty: Option<kam_sim::scenario::Difficulty>,
}

/// Everything the lab found, for the terminal and the page.
pub struct Balance {
    pub file: String,
    pub lab: Lab,
    pub checks: Vec<SkillCheck>,
    pub warnings: Vec<TeachingWarning>,
    /// The warnings located in the source, FILE:LINE:COL.
    pub located: Vec<String>,
    /// What each teaching point is worth to the expert here.
    pub worth: Vec<Worth>,
    pub seconds: f64,
}

impl Balance {
    pub fn rewards_skill(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
    }
}

/// The scenario's source text, for locating warnings: the file, else the bundled source.
fn source_text(arg: &Path) -> Option<(String, String)> {
    match kam_sim::bundled::find(arg) {
        kam_sim::bundled::Found::File(path) => std::fs::read_to_string(&path)
            .ok()
            .map(|src| (path.display().to_string(), src)),
        kam_sim::bundled::Found::Bundled { file, src } => Some((file.to_owned(), src.to_owned())),
    }
}

/// Runs the lab on a loaded scenario.
pub fn analyse(
    prepared: &Arc<Prepared>,
    file: &str,
    src: Option<&str>,
    seed: u64,
    runs: u64,
) -> Result<Balance, String> {
    let start = Instant::now();
    let lab = teaching::lab(prepared, seed, runs)?;
    let checks = teaching::skill_checks(&lab);
    let warnings = teaching::review_lab(&lab);
    let worth = ablation::teaching_values(prepared, seed, runs)?;
    let located = match src {
        Some(src) => teaching::locate(file, src, &warnings)
            .iter()
            .map(|d| d.to_string())
            .collect(),
        None => warnings
            .iter()
            .map(|w| format!("{file}: warning: {w}"))
            .collect(),
    };
    Ok(Balance {
        file: file.to_owned(),
        lab,
        checks,
        warnings,
        located,
        worth,
        seconds: start.elapsed().as_secs_f64(),
    })
}

pub fn run(args: &Args, io: &mut Io) -> u8 {
    let prepared = match scenario_source::load(&args.file) {
        Ok((prepared, _)) => prepared,
        Err(SourceError::Unreadable(message)) => {
            let _ = writeln!(io.err, "kam balance: {message}");
            return USAGE;
        }
        Err(SourceError::Invalid(errors)) => {
            for e in errors {
                let _ = writeln!(io.err, "{e}");
            }
            return INVALID;
        }
    };
    let (file, src) = source_text(&args.file).unzip();
    let file = file.unwrap_or_else(|| args.file.display().to_string());
    let prepared = match args.difficulty {
        Some(d) => prepared.at_difficulty(d),
        None => prepared,
    };
    let seed = args.seed.unwrap_or(prepared.scenario.seed);
    let balance = match analyse(&prepared, &file, src.as_deref(), seed, args.runs) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(io.err, "kam balance: {e}");
            return INVALID;
        }
    };
    if args.json {
        let _ = writeln!(io.out, "{}", json(&balance));
    } else {
        let _ = io.out.write_all(text(&balance).as_bytes());
    }
    if let Some(out) = &args.out {
        if let Err(e) = std::fs::write(out, page(&balance)) {
            let _ = writeln!(io.err, "kam balance: cannot write {}: {e}", out.display());
            return USAGE;
        }
        let _ = writeln!(io.out, "wrote {}", out.display());
    }
    OK
}

/// Each strategy's score distributions over the lab's games, for the text table and the JSON.
fn summaries(lab: &Lab) -> Vec<Summary> {
    lab.strategies
        .iter()
        .map(|run| {
            let scores: Vec<_> = run.games.iter().map(|g| g.scores).collect();
            Summary::of(&run.strategy, &scores)
        })
        .collect()
}

/// The strategies' composite distributions and the teaching points' worth, as JSON.
pub fn json(b: &Balance) -> String {
    let strategies = summaries(&b.lab);
    serde_json::json!({
        "scenario": b.lab.prepared.scenario.id,
        "runs": b.lab.runs,
        "seed": b.lab.seed,
        "strategies": strategies,
        "teaching_points": b.worth,
        "rewards_skill": b.rewards_skill(),
    })
    .to_string()
}

/// A share (0 to 1) as a whole percentage.
fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// When an event fires, in words.
fn trigger_text(trigger: &Trigger) -> String {
    match trigger {
        Trigger::Scripted { turn, account } => format!("scripted, turn {turn}, {account}"),
        Trigger::Conditional {
            account,
            probability,
            when,
            ..
        } => format!(
            "{} a turn{}{}",
            pct(*probability),
            account
                .as_ref()
                .map(|a| format!(", {a}"))
                .unwrap_or_default(),
            if when.is_empty() {
                String::new()
            } else {
                format!(", {} condition(s)", when.len())
            }
        ),
    }
}

/// What kind of event it is, in words.
fn kind_text(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Rumour { true_rumour: true } => "true rumour",
        EventKind::Rumour { .. } => "rumour",
        EventKind::Objection => "objection",
        EventKind::StakeholderChange => "stakeholder change",
        EventKind::PaymentDelay => "payment delay",
        EventKind::WarningSign => "warning sign",
        EventKind::Opportunity => "opportunity",
        EventKind::Other => "event",
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::kam;
    use crate::{INVALID, OK, USAGE};

    #[test]
    fn balances_a_bundled_scenario_with_verdict_and_html() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("balance.html");
        let (status, text, err) = kam(&[
            "balance",
            "tutorial",
            "--runs",
            "8",
            "--seed",
            "3",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(text.contains("VERDICT"), "{text}");
        assert!(text.contains("[pass]") || text.contains("[FAIL]"), "{text}");
        for name in kam_sim::strategy::NAMES {
            assert!(
                text.lines().any(|l| l.starts_with(name)),
                "{name} missing:\n{text}"
            );
        }
        assert!(
            text.contains("northwind")
                && text.contains("rumour_closing")
                && text.contains("Teaching warnings"),
            "{text}"
        );
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html>")
                && html.contains("<svg")
                && html.contains("charset=\"utf-8\"")
        );
        assert!(!html.contains("<script") && !html.contains("<link"));
        // Deterministic for a given seed (apart from the time taken).
        let strip = |s: &str| {
            s.lines()
                .skip(1)
                .filter(|l| !l.starts_with("wrote "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (_, again, _) = kam(&["balance", "tutorial", "--runs", "8", "--seed", "3"]);
        assert_eq!(strip(&text), strip(&again));
    }

    #[test]
    fn shows_what_each_teaching_point_is_worth_in_text_html_and_json() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("balance.html");
        let (status, text, err) = kam(&[
            "balance",
            "classroom_en",
            "--runs",
            "12",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(text.contains("What each teaching point is worth"), "{text}");
        for ablation in kam_sim::strategy::ABLATIONS {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(ablation.name) && l.contains(ablation.teaching_point)),
                "{} missing:\n{text}",
                ablation.name
            );
        }
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.contains("What each teaching point is worth here"));
        assert!(html.contains("discount-all"));

        let (status, json, err) = kam(&["balance", "tutorial", "--runs", "6", "--json"]);
        assert_eq!(status, OK, "{err}");
        let v: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
        let points = v["teaching_points"].as_array().unwrap();
        assert_eq!(points.len(), kam_sim::strategy::ABLATIONS.len());
        let concede = points.iter().find(|p| p["strategy"] == "concede").unwrap();
        // The tutorial has no negotiation: nothing exercises conceding.
        assert_eq!(concede["exercised"], false);
        let discount = points
            .iter()
            .find(|p| p["strategy"] == "discount-all")
            .unwrap();
        assert!(discount["worth"].as_f64().unwrap() > 0.0, "{discount}");
        assert_eq!(
            v["strategies"].as_array().unwrap().len(),
            kam_sim::strategy::NAMES.len()
        );
    }

    #[test]
    fn chinese_text_reaches_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("zh.html");
        let (status, _, err) = kam(&[
            "balance",
            "classroom_zh",
            "--runs",
            "2",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(
            html.contains("lang=\"zh\"") && html.contains("宏达建材"),
            "no Chinese in the page"
        );
    }

    #[test]
    fn teaching_warnings_are_located_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = kam_sim::generate::generate(5, 5, 2);
        s.means.budget_per_turn = 1e6;
        s.events[0].choices[0].feedback = String::new();
        let path = dir.path().join("lavish.ron");
        let text = ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::new()).unwrap();
        std::fs::write(&path, text).unwrap();
        let (status, out, err) = kam(&["balance", path.to_str().unwrap(), "--runs", "3"]);
        assert_eq!(status, OK, "{err}");
        let shown = path.display().to_string();
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(&shown) && l.contains("budget never binds")),
            "{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.contains("missing feedback")
                    && l.contains("events[0].choices[0].feedback")),
            "{out}"
        );
    }

    #[test]
    fn bad_input_exits_nonzero() {
        assert_eq!(kam(&["balance", "/no/such.ron"]).0, USAGE);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.ron");
        std::fs::write(&path, "(id: \"x\")").unwrap();
        assert_eq!(kam(&["balance", path.to_str().unwrap()]).0, INVALID);
    }
}

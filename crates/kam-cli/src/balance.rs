//! `kam balance SCENARIO`: the balance lab. Plays every built-in strategy over many seeds and
//! says whether the scenario rewards skill, with the figures behind the verdict: score
//! distributions, how often each account is kept, how often each event fires and how each
//! strategy answers it, how much of the budget is spent, and the teaching warnings.
//!
//! It also measures what each teaching point is worth in the scenario: the expert against
//! itself with that one behaviour removed or replaced by the bad habit (`kam strategies`
//! lists them), with a 95 % interval over the seeds and a warning under 3 points.
//!
//! The same figures go to the terminal, with `--json` to standard output as one JSON object,
//! and with `--out` to a self-contained HTML page an instructor can project. Exit status: 0 when the lab ran (whatever its verdict), 1 when the
//! scenario is invalid, 2 when it cannot be read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use kam_sim::ablation::{self, MIN_WORTH, Worth};
use kam_sim::batch::{Distribution, Summary};
use kam_sim::engine::Prepared;
use kam_sim::scenario::{EventKind, Trigger};
use kam_sim::teaching::{self, Lab, SkillCheck, TeachingWarning};

use crate::html::{self, esc};
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

/// The teaching points' worth as a terminal table.
pub fn worth_table(worth: &[Worth]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{:<16} {:>8} {:>8}  {:<9} teaching point",
        "ablation", "worth", "± 95 %", "kind"
    );
    for w in worth {
        let note = if !w.exercised {
            "  (nothing in this scenario exercises it)".to_owned()
        } else if w.worth < MIN_WORTH {
            format!("  WARNING: worth less than {MIN_WORTH:.0} points here")
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "{:<16} {:>+8.2} {:>8.2}  {:<9} {}{note}",
            w.strategy,
            w.worth,
            w.interval,
            if w.bad_habit { "bad habit" } else { "taught" },
            w.teaching_point
        );
    }
    t
}

/// The strategies' composite distributions and the teaching points' worth, as JSON.
pub fn json(b: &Balance) -> String {
    let strategies: Vec<Summary> = b
        .lab
        .strategies
        .iter()
        .map(|run| {
            let scores: Vec<_> = run.games.iter().map(|g| g.scores).collect();
            Summary::of(&run.strategy, &scores)
        })
        .collect();
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

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

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

/// The terminal report.
pub fn text(b: &Balance) -> String {
    let lab = &b.lab;
    let s = &lab.prepared.scenario;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "balance lab: `{}` ({}), {} games per strategy, seeds {}..={}, {:.1} s",
        s.id,
        s.title,
        lab.runs,
        lab.seed,
        lab.seed.wrapping_add(lab.runs - 1),
        b.seconds
    );
    let verdict = if b.rewards_skill() {
        "VERDICT: the scenario rewards skill".to_owned()
    } else {
        format!(
            "VERDICT: the scenario does NOT reward skill well ({} of {} checks fail)",
            b.checks.iter().filter(|c| !c.passed).count(),
            b.checks.len()
        )
    };
    let _ = writeln!(t, "\n{verdict}");
    for c in &b.checks {
        let _ = writeln!(
            t,
            "  [{}] {}: {}",
            if c.passed { "pass" } else { "FAIL" },
            c.name,
            c.detail
        );
    }

    let _ = writeln!(
        t,
        "\nWhat each teaching point is worth in this scenario: expert minus the expert without it (composite points, mean over the seeds)"
    );
    t.push_str(&worth_table(&b.worth));

    let _ = writeln!(
        t,
        "\nScores by strategy (composite, retention and satisfaction 0-100; profit in money)"
    );
    let summaries: Vec<Summary> = lab
        .strategies
        .iter()
        .map(|run| {
            let scores: Vec<_> = run.games.iter().map(|g| g.scores).collect();
            Summary::of(&run.strategy, &scores)
        })
        .collect();
    t.push_str(&crate::simulate::distribution_table(&summaries));

    let names: Vec<&str> = lab.strategies.iter().map(|r| r.strategy.as_str()).collect();
    let id_w = s
        .accounts
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let _ = writeln!(
        t,
        "\nAccounts: share of games in which each strategy kept the account"
    );
    let _ = write!(t, "{:<id_w$} tier", "account");
    for n in &names {
        let _ = write!(t, " {n:>10}");
    }
    let _ = writeln!(t, "  name");
    for (a, acc) in s.accounts.iter().enumerate() {
        let _ = write!(t, "{:<id_w$} {:>4}", acc.id, format!("{:?}", acc.tier));
        for run in &lab.strategies {
            let _ = write!(t, " {:>10}", pct(run.retained(a)));
        }
        let _ = writeln!(t, "  {}", acc.name);
    }

    let _ = writeln!(
        t,
        "\nEvents: share of games in which each fired, and how each strategy answered"
    );
    let _ = write!(t, "{:<30}", "");
    for n in &names {
        let _ = write!(t, " {n:>10}");
    }
    let _ = writeln!(t);
    for (e, ev) in s.events.iter().enumerate() {
        let _ = writeln!(
            t,
            "{} ({}; {}): {}",
            ev.id,
            kind_text(&ev.kind),
            trigger_text(&ev.trigger),
            ev.title
        );
        let _ = write!(t, "  {:<28}", "fired");
        for run in &lab.strategies {
            let _ = write!(t, " {:>10}", pct(run.fired(e)));
        }
        let _ = writeln!(t);
        let picks: Vec<Vec<u32>> = lab.strategies.iter().map(|r| r.picks(e)).collect();
        for (c, choice) in ev.choices.iter().enumerate() {
            let _ = write!(
                t,
                "  {:<28}",
                format!("answer {} ({:?})", c + 1, choice.verdict)
            );
            for p in &picks {
                let total: u32 = p.iter().sum();
                if total == 0 {
                    let _ = write!(t, " {:>10}", "-");
                } else {
                    let _ = write!(t, " {:>10}", pct(p[c] as f64 / total as f64));
                }
            }
            let _ = writeln!(t, "  {}", choice.label);
        }
    }

    let _ = writeln!(
        t,
        "\nBudget: mean share of the {} budget spent per turn, on resources and paid answers (answers can take it past 100%)",
        s.means.budget_per_turn
    );
    for run in &lab.strategies {
        let spend = run.spend();
        let mean = spend.iter().sum::<f64>() / spend.len().max(1) as f64;
        let turns: Vec<String> = spend.iter().map(|x| format!("{:.0}", x * 100.0)).collect();
        let _ = writeln!(
            t,
            "{:<11} mean {:>4}   by turn: {}",
            run.strategy,
            pct(mean),
            turns.join(" ")
        );
    }

    let _ = writeln!(t, "\nTeaching warnings: {}", b.warnings.len());
    for line in &b.located {
        let _ = writeln!(t, "  {line}");
    }
    t
}

/// The HTML page.
pub fn page(b: &Balance) -> String {
    let lab = &b.lab;
    let s = &lab.prepared.scenario;
    let lang = match s.language {
        kam_sim::scenario::Language::Zh => "zh",
        kam_sim::scenario::Language::En => "en",
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<h1>Balance lab: {}</h1><p class=\"sub\"><code>{}</code> · {} · {} games per strategy, seeds {}–{} · {} accounts, {} turns, {} events, {} negotiations</p>",
        esc(&s.title),
        esc(&s.id),
        esc(&b.file),
        lab.runs,
        lab.seed,
        lab.seed.wrapping_add(lab.runs - 1),
        s.accounts.len(),
        s.turns,
        s.events.len(),
        s.negotiations.len()
    );
    let (class, verdict) = if b.rewards_skill() && b.warnings.is_empty() {
        ("good", "The scenario rewards skill.".to_owned())
    } else if b.rewards_skill() {
        (
            "warn",
            format!(
                "The scenario rewards skill, with {} teaching warning(s).",
                b.warnings.len()
            ),
        )
    } else {
        (
            "bad",
            format!(
                "The scenario does not reward skill well: {} of {} checks fail.",
                b.checks.iter().filter(|c| !c.passed).count(),
                b.checks.len()
            ),
        )
    };
    let _ = write!(h, "<div class=\"verdict {class}\">{}</div>", esc(&verdict));
    h.push_str("<div class=\"card\"><table><tr><th class=\"l\">check</th><th class=\"l\">result</th><th class=\"l\">figures and threshold</th></tr>");
    for c in &b.checks {
        let _ = write!(
            h,
            "<tr><td class=\"l nw\">{}</td><td class=\"l\"><span class=\"badge {}\">{}</span></td><td class=\"l\">{}</td></tr>",
            esc(c.name),
            if c.passed { "pass" } else { "fail" },
            if c.passed { "pass" } else { "fail" },
            esc(&c.detail)
        );
    }
    h.push_str("</table></div>");

    h.push_str("<h2>What each teaching point is worth here</h2><div class=\"card\"><p class=\"muted\">The expert's mean composite minus that of the expert with one behaviour removed or replaced by the bad habit, over the same seeds, with its 95 % interval. Under 3 points the scenario barely teaches it.</p><table><tr><th class=\"l\">ablation</th><th class=\"l\">kind</th><th class=\"l\">teaching point</th><th>worth</th><th>± 95 %</th><th class=\"l\">note</th></tr>");
    for w in &b.worth {
        let note = if !w.exercised {
            "not exercised by this scenario"
        } else if w.worth < MIN_WORTH {
            "worth less than 3 points"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<tr><td class=\"l nw\">{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td><b>{:+.2}</b></td><td>{:.2}</td><td class=\"l\">{}</td></tr>",
            esc(w.strategy),
            if w.bad_habit {
                "bad habit"
            } else {
                "taught behaviour"
            },
            esc(w.teaching_point),
            w.worth,
            w.interval,
            esc(note)
        );
    }
    h.push_str("</table></div>");

    h.push_str("<h2>Composite score by strategy</h2><div class=\"card\">");
    let rows: Vec<(String, &'static str, Distribution)> = lab
        .strategies
        .iter()
        .map(|r| {
            (
                r.strategy.clone(),
                html::strategy_colour(&r.strategy),
                r.composite(),
            )
        })
        .collect();
    h.push_str(&html::range_chart(
        &rows,
        0.0,
        100.0,
        "composite score (bar p10–p90, tick median, dot mean)",
    ));
    h.push_str("<table><tr><th class=\"l\">strategy</th><th>composite mean</th><th>p10</th><th>p50</th><th>p90</th><th>retention mean</th><th>profit mean</th><th>profit p10</th><th>profit p90</th><th>satisfaction mean</th></tr>");
    for r in &lab.strategies {
        let c = r.composite();
        let ret = Distribution::of(r.games.iter().map(|g| g.scores.retention));
        let pr = Distribution::of(r.games.iter().map(|g| g.scores.profit));
        let sat = Distribution::of(r.games.iter().map(|g| g.scores.satisfaction));
        let _ = write!(
            h,
            "<tr><td class=\"l\"><span class=\"badge\" style=\"background:{}\">{}</span></td><td><b>{:.1}</b></td><td>{:.1}</td><td>{:.1}</td><td>{:.1}</td><td>{:.1}</td><td>{:.0}</td><td>{:.0}</td><td>{:.0}</td><td>{:.1}</td></tr>",
            html::strategy_colour(&r.strategy),
            esc(&r.strategy),
            c.mean,
            c.p10,
            c.p50,
            c.p90,
            ret.mean,
            pr.mean,
            pr.p10,
            pr.p90,
            sat.mean
        );
    }
    h.push_str("</table></div>");

    h.push_str("<h2>Accounts kept</h2><div class=\"card\"><p class=\"muted\">Share of games in which each strategy still had the account at the end.</p><table><tr><th class=\"l\">account</th><th class=\"l\">tier</th>");
    for r in &lab.strategies {
        let _ = write!(h, "<th>{}</th>", esc(&r.strategy));
    }
    h.push_str("</tr>");
    for (a, acc) in s.accounts.iter().enumerate() {
        let flagged = b
            .warnings
            .iter()
            .any(|w| w.path == format!("accounts[{a}]"));
        let _ = write!(
            h,
            "<tr{}><td class=\"l\">{} <span class=\"muted\">{}</span></td><td class=\"l\">{:?}</td>",
            if flagged { " class=\"flag\"" } else { "" },
            esc(&acc.name),
            esc(&acc.id),
            acc.tier
        );
        for r in &lab.strategies {
            h.push_str(&html::pct_cell(
                r.retained(a),
                html::strategy_colour(&r.strategy),
            ));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></div>");

    if !s.events.is_empty() {
        h.push_str("<h2>Events and answers</h2><p class=\"muted\">How often each event fired (share of games), and how each strategy answered it: green good, amber neutral, red poor answers.</p>");
        for (e, ev) in s.events.iter().enumerate() {
            let _ = write!(
                h,
                "<div class=\"card\"><h3>{} <span class=\"muted\"><code>{}</code> · {} · {}</span></h3>",
                esc(&ev.title),
                esc(&ev.id),
                kind_text(&ev.kind),
                esc(&trigger_text(&ev.trigger))
            );
            let legend: Vec<(String, &str)> = ev
                .choices
                .iter()
                .enumerate()
                .map(|(c, ch)| {
                    (
                        format!("{}. {}", c + 1, ch.label),
                        html::verdict_colour(ch.verdict, c),
                    )
                })
                .collect();
            let items: Vec<(&str, &str)> = legend.iter().map(|(l, c)| (l.as_str(), *c)).collect();
            h.push_str(&html::legend(&items));
            h.push_str("<table><tr><th class=\"l\">strategy</th><th>fired</th><th class=\"l\">answers</th></tr>");
            for r in &lab.strategies {
                let picks = r.picks(e);
                let total: u32 = picks.iter().sum();
                let segments: Vec<(f64, &str)> = picks
                    .iter()
                    .enumerate()
                    .map(|(c, &n)| {
                        (
                            if total > 0 {
                                n as f64 / total as f64
                            } else {
                                0.0
                            },
                            html::verdict_colour(ev.choices[c].verdict, c),
                        )
                    })
                    .collect();
                let detail: Vec<String> = picks
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(c, &n)| format!("{}: {:.0}%", c + 1, 100.0 * n as f64 / total as f64))
                    .collect();
                let _ = write!(
                    h,
                    "<tr><td class=\"l\">{}</td>{}<td class=\"l\">{} <span class=\"muted\">{}</span></td></tr>",
                    esc(&r.strategy),
                    html::pct_cell(r.fired(e), html::strategy_colour(&r.strategy)),
                    html::stacked_bar(&segments, 360.0),
                    esc(&detail.join(" · "))
                );
            }
            h.push_str("</table></div>");
        }
    }

    let _ = write!(
        h,
        "<h2>Budget</h2><div class=\"card\"><p class=\"muted\">Mean share of the {} budget spent in each turn (resources and paid answers).</p><table><tr><th class=\"l\">strategy</th><th>mean</th>",
        s.means.budget_per_turn
    );
    for t in 1..=s.turns {
        let _ = write!(h, "<th>{t}</th>");
    }
    h.push_str("</tr>");
    for r in &lab.strategies {
        let spend = r.spend();
        let mean = spend.iter().sum::<f64>() / spend.len().max(1) as f64;
        let colour = html::strategy_colour(&r.strategy);
        let _ = write!(
            h,
            "<tr><td class=\"l\">{}</td>{}",
            esc(&r.strategy),
            html::pct_cell(mean, colour)
        );
        for x in spend {
            h.push_str(&html::pct_cell(x, colour));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></div>");

    let _ = write!(
        h,
        "<h2>Teaching warnings ({})</h2><div class=\"card\">",
        b.warnings.len()
    );
    if b.located.is_empty() {
        h.push_str("<p>None: every account can be kept, every event fires, the budget binds and every event poses a real choice.</p>");
    } else {
        h.push_str("<ul class=\"warnings\">");
        for line in &b.located {
            let _ = write!(h, "<li><code>{}</code></li>", esc(line));
        }
        h.push_str("</ul>");
    }
    let _ = write!(
        h,
        "</div><p class=\"muted\">Generated by <code>kam balance</code> in {:.1} s. Thresholds: expert ≥ random + {}, expert ≥ even + {}, expert beats random on ≥ {:.0}% of seeds, expert spread (p90 − p10) below the expert−random gap; accounts lost in ≥ {:.0}% of games by every strategy, events firing in &lt; {:.0}% of games, budgets the expert spends &lt; {:.0}% of every turn.</p>",
        b.seconds,
        teaching::EXPERT_OVER_RANDOM,
        teaching::EXPERT_OVER_EVEN,
        teaching::EXPERT_BEATS_RANDOM_SHARE * 100.0,
        teaching::LOST_BY_ALL * 100.0,
        teaching::RARE_EVENT * 100.0,
        teaching::IDLE_BUDGET * 100.0
    );
    html::page(&format!("Balance lab: {}", s.title), lang, &h)
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

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
//!
//! Text and page are in the language asked for (`--lang`, else the scenario's): the skill
//! checks are put into words here from the figures they weighed ([`check_words`]), the names of
//! strategies, teaching points and warnings come from `kam_sim::words`.

mod html;
mod text;

pub use self::html::page;
pub use self::text::text;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use kam_sim::Prepared;
use kam_sim::StrategyId;
use kam_sim::StrategySummary;
use kam_sim::TeachingWorth;
use kam_sim::scenario::{EventKind, Trigger};
use kam_sim::words::strategy_name;
use kam_sim::{BalanceLab, SkillCheck, SkillEvidence, SkillTest, TeachingWarning};

use crate::scenario_source::{self, SourceError};
use crate::words::balance::Say;
use crate::words::{Lang, fill};
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
    pub lab: BalanceLab,
    pub checks: Vec<SkillCheck>,
    pub warnings: Vec<TeachingWarning>,
    /// Where each warning is in the source, `FILE:LINE:COL` (or the file alone), in order.
    pub located: Vec<String>,
    /// What each teaching point is worth to the expert here.
    pub worth: Vec<TeachingWorth>,
    pub seconds: f64,
}

impl Balance {
    pub fn rewards_skill(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
    }
}

/// The scenario's source text, for locating warnings: the file, else the bundled source.
fn source_text(arg: &Path) -> Option<(String, String)> {
    match kam_sim::find_scenario(arg) {
        kam_sim::FoundScenario::File(path) => std::fs::read_to_string(&path)
            .ok()
            .map(|src| (path.display().to_string(), src)),
        kam_sim::FoundScenario::Bundled { file, src } => Some((file.to_owned(), src.to_owned())),
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
    let lab = kam_sim::balance_lab(prepared, seed, runs)?;
    let checks = kam_sim::skill_checks(&lab);
    let warnings = kam_sim::review_lab(&lab);
    let worth = kam_sim::teaching_values(prepared, seed, runs)?;
    let located = match src {
        Some(src) => kam_sim::locate(file, src, &warnings)
            .iter()
            .map(|d| format!("{}:{}:{}", d.file, d.line, d.col))
            .collect(),
        None => warnings.iter().map(|_| file.to_owned()).collect(),
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
    let lang = io.lang_for(None);
    let prepared = match scenario_source::load_in(&args.file, lang) {
        Ok((prepared, _)) => prepared,
        Err(SourceError::Unreadable(message)) => {
            let _ = writeln!(io.err, "{}", fill(Say::Failed.t(lang), &[&message]));
            return USAGE;
        }
        Err(SourceError::Invalid(errors)) => {
            for e in errors {
                let _ = writeln!(io.err, "{}", e.render(lang));
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
    let lang = io.lang_for(Some(prepared.scenario.language));
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let balance = match analyse(&prepared, &file, src.as_deref(), seed, args.runs) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(io.err, "{}", say(Say::Failed, &[&e]));
            return INVALID;
        }
    };
    if args.json {
        let _ = writeln!(io.out, "{}", json(&balance));
    } else {
        let _ = io.out.write_all(text(&balance, lang).as_bytes());
    }
    if let Some(out) = &args.out {
        if let Err(e) = std::fs::write(out, page(&balance, lang)) {
            let _ = writeln!(io.err, "{}", say(Say::CannotWrite, &[&out.display(), &e]));
            return USAGE;
        }
        let _ = writeln!(io.out, "{}", say(Say::Wrote, &[&out.display()]));
    }
    OK
}

/// A skill check's name and its figures against the threshold, in `lang`: the numbers the
/// check weighed ([`kam_sim::SkillEvidence`]), each strategy by its name in `lang`.
pub fn check_words(check: &SkillCheck, lang: Lang) -> (String, String) {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let name = |id: StrategyId| strategy_name(lang, id.name());
    let (expert, random, even) = (
        name(StrategyId::Expert),
        name(StrategyId::Random),
        name(StrategyId::Even),
    );
    let one = |x: f64| format!("{x:.1}");
    let (key, detail) = match (check.test, check.evidence) {
        (
            test @ (SkillTest::ExpertBeatsRandom | SkillTest::AllocationPays),
            SkillEvidence::MeanGap {
                expert: e,
                other,
                gap,
                needs,
            },
        ) => {
            // The expert's mean against random's or even spreading's; what a failed allocation
            // check means is said only when it failed.
            let (key, template, against, failed) = match test {
                SkillTest::ExpertBeatsRandom => (
                    Say::CheckExpertBeatsRandom,
                    Say::CheckExpertBeatsRandomDetail,
                    &random,
                    "",
                ),
                _ => (
                    Say::CheckAllocation,
                    Say::CheckAllocationDetail,
                    &even,
                    if check.passed {
                        ""
                    } else {
                        Say::AllocationFails.t(lang)
                    },
                ),
            };
            let figures: [&dyn std::fmt::Display; 7] = [
                &expert,
                &one(e),
                against,
                &one(other),
                &one(gap),
                &needs,
                &failed,
            ];
            (key, say(template, &figures))
        }
        (
            SkillTest::SkillWinsSeedBySeed,
            SkillEvidence::SeedWins {
                wins,
                games,
                needs_share,
            },
        ) => {
            let share = if games == 0 {
                0.0
            } else {
                wins as f64 / games as f64
            };
            (
                Say::CheckSeedBySeed,
                say(
                    Say::CheckSeedBySeedDetail,
                    &[
                        &expert,
                        &random,
                        &wins,
                        &games,
                        &format!("{:.0}", share * 100.0),
                        &format!("{:.0}", needs_share * 100.0),
                    ],
                ),
            )
        }
        (SkillTest::SkillOutweighsLuck, SkillEvidence::SpreadAgainstGap { spread, gap }) => (
            Say::CheckLuck,
            say(
                Say::CheckLuckDetail,
                &[&expert, &one(spread), &one(gap), &expert, &random],
            ),
        ),
        (SkillTest::GoodGradeReachable, SkillEvidence::MedianAgainstGrade { median, grade }) => (
            Say::CheckGoodGrade,
            say(Say::CheckGoodGradeDetail, &[&expert, &one(median), &grade]),
        ),
        (SkillTest::RandomDoesNotPass, SkillEvidence::MedianAgainstGrade { median, grade }) => (
            Say::CheckRandomFails,
            say(
                Say::CheckRandomFailsDetail,
                &[&random, &one(median), &grade],
            ),
        ),
        // kam-sim pairs each test with its evidence; a pair it does not make has no sentence.
        (test, evidence) => (Say::CheckUnknown, format!("{}: {evidence:?}", test.label())),
    };
    (key.t(lang).to_owned(), detail)
}

/// A teaching warning's line, in `lang`: where it is, its kind and its path in the shared
/// words; what it found is kam-sim's sentence ([`kam_sim::Flaw::render`]).
pub fn warning_line(at: &str, w: &TeachingWarning, lang: Lang) -> String {
    fill(
        Say::Located.t(lang),
        &[
            &at,
            &kam_sim::words::severity(lang, kam_sim::Severity::Warning),
            &kam_sim::words::teaching_warning(lang, w.kind),
            &w.flaw.render(lang),
            &w.path,
        ],
    )
}

/// Each strategy's score distributions over the lab's games, for the text table and the JSON.
fn summaries(lab: &BalanceLab) -> Vec<StrategySummary> {
    lab.strategies
        .iter()
        .map(|run| {
            let scores: Vec<_> = run.games.iter().map(|g| g.scores).collect();
            StrategySummary::of(run.strategy, &scores)
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
fn trigger_text(trigger: &Trigger, lang: Lang) -> String {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    match trigger {
        Trigger::Scripted { turn, account } => say(Say::Scripted, &[turn, account]),
        Trigger::Conditional {
            account,
            probability,
            when,
            ..
        } => {
            let mut text = say(Say::PerTurn, &[&pct(*probability)]);
            if let Some(a) = account {
                text += &say(Say::AtAccount, &[a]);
            }
            if !when.is_empty() {
                text += &say(Say::Conditions, &[&when.len()]);
            }
            text
        }
    }
}

/// What kind of event it is, in words (the shared name, in lower case in English).
fn kind_text(kind: &EventKind, lang: Lang) -> String {
    let name = match kind {
        EventKind::Rumour { true_rumour: true } => Say::TrueRumour.t(lang),
        kind => kam_sim::words::event_kind(lang, *kind),
    };
    match lang {
        Lang::Zh => name.to_owned(),
        Lang::En => name.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Say, StrategyId};
    use crate::tests::kam;
    use crate::words::Lang;
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
        for name in StrategyId::BENCHMARKS.map(|s| s.name()) {
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
        for ablation in kam_sim::Ablation::ALL {
            assert!(
                text.lines().any(
                    |l| l.starts_with(ablation.name()) && l.contains(ablation.teaching_point())
                ),
                "{} missing:\n{text}",
                ablation.name()
            );
        }
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.contains("What each teaching point is worth here"));
        assert!(html.contains("discount-all"));

        let (status, json, err) = kam(&["balance", "tutorial", "--runs", "6", "--json"]);
        assert_eq!(status, OK, "{err}");
        let v: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
        let points = v["teaching_points"].as_array().unwrap();
        assert_eq!(points.len(), kam_sim::Ablation::ALL.len());
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
            StrategyId::BENCHMARKS.len()
        );
    }

    /// The balance lab's English sentences (and the shared English names it shows) that are
    /// left in `out`.
    fn english_left(out: &str) -> Vec<String> {
        use kam_sim::AblationKind;
        let mut sentences: Vec<(&str, &str)> = Say::ALL
            .iter()
            .map(|k| (k.t(Lang::Zh), k.t(Lang::En)))
            .collect();
        for a in kam_sim::Ablation::ALL {
            let point = |lang| kam_sim::words::teaching_point(lang, a.name());
            sentences.push((point(Lang::Zh), point(Lang::En)));
        }
        for kind in [AblationKind::TaughtBehaviour, AblationKind::BadHabit] {
            let kind = |lang| kam_sim::words::ablation_kind(lang, kind);
            sentences.push((kind(Lang::Zh), kind(Lang::En)));
        }
        crate::report::tests::english_left(out, &sentences)
    }

    #[test]
    fn a_chinese_scenario_s_lab_is_in_chinese_and_lang_en_overrides_it() {
        let dir = tempfile::tempdir().unwrap();
        let zh = dir.path().join("zh.html");
        // No --lang: the scenario's language, Chinese.
        let (status, text, err) = kam(&[
            "balance",
            "classroom_zh",
            "--runs",
            "3",
            "--out",
            zh.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        for said in [Say::RewardsSkill, Say::WorthHeading, Say::EventsHeading] {
            assert!(text.contains(said.t(Lang::Zh)), "{said:?} missing:\n{text}");
        }
        assert!(
            text.contains("[通过]") && text.contains("专家平均"),
            "{text}"
        );
        assert_eq!(english_left(&text), Vec::<String>::new(), "{text}");
        let page = std::fs::read_to_string(&zh).unwrap();
        assert!(page.contains("<html lang=\"zh-CN\">"), "{page}");
        assert!(page.contains("宏达建材") && page.contains("<title>平衡实验 · 恒锐工业装备"));
        assert!(page.contains(kam_sim::words::strategy_name(Lang::Zh, "tier-norms")));
        assert_eq!(english_left(&page), Vec::<String>::new());
        // --lang en: English, whatever the scenario's language.
        let en = dir.path().join("en.html");
        let (status, text, err) = kam(&[
            "--lang",
            "en",
            "balance",
            "classroom_zh",
            "--runs",
            "3",
            "--out",
            en.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(
            text.contains("VERDICT") && text.contains("What each teaching point is worth"),
            "{text}"
        );
        assert!(!text.contains("结论") && !text.contains("专家"), "{text}");
        let page = std::fs::read_to_string(&en).unwrap();
        assert!(page.contains("<html lang=\"en\">") && page.contains("Balance lab: "));
    }

    #[test]
    fn lang_zh_puts_an_english_scenario_s_lab_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("zh.html");
        let (status, text, err) = kam(&[
            "--lang",
            "zh",
            "balance",
            "tutorial",
            "--runs",
            "3",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(
            text.contains("平衡实验：`tutorial`") && text.contains("教学警告"),
            "{text}"
        );
        assert_eq!(english_left(&text), Vec::<String>::new(), "{text}");
        let page = std::fs::read_to_string(&out).unwrap();
        assert!(
            page.contains("<html lang=\"zh-CN\">") && page.contains("每个教学要点在这里值多少分")
        );
        assert_eq!(english_left(&page), Vec::<String>::new());
    }

    #[test]
    fn the_skill_checks_in_words_give_kam_sim_s_figures() {
        for (file, src) in kam_sim::BUNDLED_SCENARIOS {
            let prepared = kam_sim::load_str(file, src).unwrap().0;
            let lab = kam_sim::balance_lab(&prepared, 5, 6).unwrap();
            let checks = kam_sim::skill_checks(&lab);
            assert_eq!(checks.len(), 6);
            for c in &checks {
                // Every check has its own sentence in both languages, with the check's figures.
                for lang in [Lang::En, Lang::Zh] {
                    let (name, detail) = super::check_words(c, lang);
                    assert_ne!(name, Say::CheckUnknown.t(lang), "{c:?}");
                    let figure = match c.evidence {
                        kam_sim::SkillEvidence::MeanGap { gap, .. } => format!("{gap:.1}"),
                        kam_sim::SkillEvidence::SeedWins { wins, .. } => wins.to_string(),
                        kam_sim::SkillEvidence::SpreadAgainstGap { spread, .. } => {
                            format!("{spread:.1}")
                        }
                        kam_sim::SkillEvidence::MedianAgainstGrade { median, .. } => {
                            format!("{median:.1}")
                        }
                    };
                    assert!(detail.contains(&figure), "{detail} lacks {figure}");
                }
                assert_eq!(super::check_words(c, Lang::En).0, c.test.label());
                let (name, detail) = super::check_words(c, Lang::Zh);
                assert!(!name.is_ascii() && !detail.is_ascii(), "{name}: {detail}");
            }
        }
    }

    #[test]
    fn strategies_are_listed_in_chinese_with_their_ids() {
        let (status, out, _) = kam(&["--lang", "zh", "strategies"]);
        assert_eq!(status, OK);
        for id in StrategyId::ALL.map(|s| s.name()) {
            let name = kam_sim::words::strategy_name(Lang::Zh, id);
            assert!(
                out.lines().any(|l| l.starts_with(id)
                    && l.contains(&format!(" {name} "))
                    && l.ends_with(kam_sim::words::strategy_description(Lang::Zh, id))),
                "{id} missing in {out}"
            );
        }
        assert!(out.contains(Say::AblationsHeading.t(Lang::Zh)), "{out}");
        assert!(!out.contains("expert, but"), "{out}");
    }

    #[test]
    fn teaching_warnings_are_located_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = kam_sim::generate_scenario(5, 5, 2);
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

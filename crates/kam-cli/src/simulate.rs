//! `kam simulate FILE`: play a scenario headless with built-in strategies, many seeds each,
//! and print the distribution of their scores.

use std::path::PathBuf;

use kam_sim::StrategyId;
use kam_sim::StrategySummary;
use serde::Serialize;

use crate::columns;
use crate::scenario_source;
use crate::words::simulate::Say;
use crate::words::{Lang, fill};
use crate::{INVALID, Io, OK, USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (RON) or bundled scenario name (tutorial, classroom_zh, classroom_en).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A strategy name (see `kam strategies`) or `all`.
    #[arg(long, default_value = "all")]
    pub strategy: String,
    /// Games per strategy.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// First seed; games use seeds S, S+1, ... (defaults to the scenario's seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Play at this difficulty instead of the scenario's own: easy, normal or hard (what the
    /// strategies may see of the people).
    #[arg(long, value_name = "easy|normal|hard")]
    pub difficulty: Option<kam_sim::scenario::Difficulty>,
}

/// The `--json` output.
#[derive(Debug, Serialize)]
pub struct Report {
    pub scenario: String,
    pub runs: u64,
    pub seed: u64,
    pub strategies: Vec<StrategySummary>,
}

pub fn run(args: &Args, io: &mut Io) -> u8 {
    let strategies: Vec<StrategyId> = if args.strategy == "all" {
        StrategyId::BENCHMARKS.to_vec()
    } else if let Ok(strategy) = args.strategy.parse() {
        vec![strategy]
    } else {
        let names: Vec<&str> = StrategyId::ALL.iter().map(|s| s.name()).collect();
        let say = Say::UnknownStrategy.t(io.lang_for(None));
        let _ = writeln!(
            io.err,
            "{}",
            fill(say, &[&args.strategy, &names.join(", ")])
        );
        return USAGE;
    };
    let prepared = match scenario_source::load_or_report(&args.file, "simulate", io) {
        Ok(prepared) => prepared,
        Err(status) => return status,
    };
    let prepared = match args.difficulty {
        Some(d) => prepared.at_difficulty(d),
        None => prepared,
    };
    let lang = io.lang_for(Some(prepared.scenario.language));
    let seed = args.seed.unwrap_or(prepared.scenario.seed);
    let mut summaries = Vec::new();
    for strategy in strategies {
        match kam_sim::score_runs(&prepared, strategy, seed, args.runs) {
            Ok(scores) => summaries.push(StrategySummary::of(strategy, &scores)),
            Err(e) => {
                // A built-in strategy making an illegal move is a bug in kam, not in the file.
                let _ = writeln!(io.err, "{}", fill(Say::StrategyFailed.t(lang), &[&e]));
                return INVALID;
            }
        }
    }
    let report = Report {
        scenario: prepared.scenario.id.clone(),
        runs: args.runs,
        seed,
        strategies: summaries,
    };
    if args.json {
        let _ = writeln!(
            io.out,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_table(&report, lang, io);
    }
    OK
}

fn print_table(report: &Report, lang: Lang, io: &mut Io) {
    let last = report.seed + report.runs - 1;
    let heading = fill(
        Say::Heading.t(lang),
        &[&report.scenario, &report.runs, &report.seed, &last],
    );
    let _ = writeln!(io.out, "{heading}");
    let _ = write!(
        io.out,
        "{}",
        distribution_table_in(&report.strategies, lang)
    );
}

/// Mean, p10, p50 and p90 of each score, a row per strategy, headed in `lang`; shared with
/// `kam balance`.
pub fn distribution_table_in(summaries: &[StrategySummary], lang: Lang) -> String {
    use kam_sim::words::Metric;
    let out_of_hundred = |m: Metric| fill(Say::OutOfHundred.t(lang), &[&m.name(lang)]);
    let groups = format!(
        "{} {}  {}  {}  {}",
        columns::left("", 11),
        columns::centre(&out_of_hundred(Metric::Composite), 28),
        columns::centre(&out_of_hundred(Metric::Retention), 28),
        columns::centre(Metric::Profit.name(lang), 32),
        columns::centre(&out_of_hundred(Metric::Satisfaction), 28),
    );
    let head = |w: usize| {
        [Say::Mean.t(lang), "p10", "p50", "p90"]
            .map(|h| columns::right(h, w))
            .concat()
    };
    let cols = |d: &kam_sim::Distribution, w: usize, p: usize| {
        format!(
            "{:>w$.p$}{:>w$.p$}{:>w$.p$}{:>w$.p$}",
            d.mean, d.p10, d.p50, d.p90
        )
    };
    let mut table = format!(
        "{}\n{} {}  {}  {}  {}\n",
        groups.trim_end(),
        columns::left(Say::Strategy.t(lang), 11),
        head(7),
        head(7),
        head(8),
        head(7)
    );
    for s in summaries {
        table += &format!(
            "{:<11} {}  {}  {}  {}\n",
            s.strategy,
            cols(&s.composite, 7, 1),
            cols(&s.retention, 7, 1),
            cols(&s.profit, 8, 0),
            cols(&s.satisfaction, 7, 1)
        );
    }
    table
}

#[cfg(test)]
mod tests {
    use crate::tests::kam;
    use unicode_width::UnicodeWidthStr;

    /// The table reads in Chinese and keeps its columns: each line is as wide on a terminal
    /// as its English twin (a Chinese heading padded by characters would push the columns).
    #[test]
    fn the_table_speaks_chinese_with_the_columns_of_the_english_one() {
        let table = |lang: &str| {
            let args = [
                "--lang",
                lang,
                "simulate",
                "tutorial",
                "--runs",
                "2",
                "--strategy",
                "expert",
            ];
            let (status, out, err) = kam(&args);
            assert_eq!(status, OK, "{err}");
            out
        };
        let (zh, en) = (table("zh"), table("en"));
        assert!(
            zh.contains("每个策略 2 局") && zh.contains("策略") && zh.contains("综合得分"),
            "{zh}"
        );
        assert!(
            !zh.contains("games per strategy") && !zh.contains("mean"),
            "{zh}"
        );
        let widths = |t: &str| {
            t.lines()
                .skip(1)
                .map(|l| l.trim_end().width())
                .collect::<Vec<_>>()
        };
        // The rows of numbers are the same; the headings keep their places.
        assert_eq!(zh.lines().last(), en.lines().last());
        let (zh_head, en_head) = (widths(&zh)[1], widths(&en)[1]);
        assert_eq!(zh_head, en_head, "{zh}\n{en}");
    }

    use crate::{OK, USAGE};

    #[test]
    fn json_has_the_documented_shape() {
        let (status, out, err) = kam(&[
            "simulate",
            "tutorial",
            "--strategy",
            "all",
            "--runs",
            "5",
            "--seed",
            "9",
            "--json",
        ]);
        assert_eq!(status, OK, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["runs"], 5);
        assert_eq!(v["seed"], 9);
        assert!(v["scenario"].is_string());
        let strategies = v["strategies"].as_array().unwrap();
        assert_eq!(strategies.len(), kam_sim::StrategyId::BENCHMARKS.len());
        for s in strategies {
            for metric in ["composite", "retention", "profit", "satisfaction"] {
                let d = &s[metric];
                let (p10, p50, p90) = (
                    d["p10"].as_f64().unwrap(),
                    d["p50"].as_f64().unwrap(),
                    d["p90"].as_f64().unwrap(),
                );
                assert!(
                    p10 <= p50 && p50 <= p90,
                    "{metric} percentiles out of order in {s}"
                );
                assert!(d["mean"].as_f64().unwrap().is_finite());
            }
            let c = s["composite"]["mean"].as_f64().unwrap();
            assert!((0.0..=100.0).contains(&c));
        }
    }

    #[test]
    fn same_seed_same_output_and_table_names_each_strategy() {
        let run = || {
            kam(&[
                "simulate",
                "tutorial",
                "--runs",
                "3",
                "--strategy",
                "expert",
            ])
        };
        let (status, first, _) = run();
        assert_eq!(status, OK);
        assert_eq!(first, run().1, "simulation is not deterministic");
        assert!(first.lines().any(|l| l.starts_with("expert")), "{first}");
        assert!(!first.contains("random"));
    }

    #[test]
    fn unknown_strategy_and_missing_file_are_usage_errors() {
        let (status, _, err) = kam(&["simulate", "tutorial", "--strategy", "genius"]);
        assert_eq!(status, USAGE);
        assert!(
            err.contains("expert"),
            "the error lists the real strategies: {err}"
        );
        assert_eq!(kam(&["simulate", "/no/such.ron"]).0, USAGE);
    }
}

//! `kam report RESULT...`: the class report; this file verifies and groups. Every result file
//! is verified by replaying its decision log against its scenario; a result that is
//! unreadable, unfinished, for an unknown scenario or that does not match its replay is flagged
//! with the reason and never counted.
//!
//! Verified results are grouped by (scenario id, scenario content hash, seed): trainees are
//! only compared with trainees who played the same game. Per group the report shows a
//! leaderboard with each trainee's gap to the expert strategy on the same seed, the
//! distribution of each score, how the class did on each account, and the teaching points the
//! class most often missed: in the terminal ([`text()`]), as CSV ([`csv()`]) and as an HTML
//! page ([`page()`]).
//!
//! Exit status: 0 when every result verified, 1 when any was flagged, 2 on usage errors.

mod csv;
mod html;
mod text;

pub use self::csv::csv;
pub use self::html::page;
pub use self::text::text;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kam_sim::batch::Distribution;
use kam_sim::engine::Prepared;
use kam_sim::record::{self, GameRecord, Verdict};
use kam_sim::scenario::Lesson;
use kam_sim::score::{Grade, Scores};

use crate::scenario_source;
use crate::{INVALID, Io, OK, USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Result files written by the game, or folders of them (every .ron file inside).
    #[arg(required = true, value_name = "RESULT")]
    pub results: Vec<PathBuf>,
    /// A scenario file the results were played on (repeatable; bundled scenarios are found
    /// without it).
    #[arg(long = "scenario", value_name = "FILE")]
    pub scenarios: Vec<PathBuf>,
    /// Write one CSV row per result file (flagged ones included, marked unverified).
    #[arg(long, value_name = "out.csv")]
    pub csv: Option<PathBuf>,
    /// Also write the report as a self-contained HTML page.
    #[arg(long, value_name = "report.html")]
    pub out: Option<PathBuf>,
}

/// A verified result, reduced to what the report shows.
#[derive(Debug, Clone)]
pub struct Trainee {
    pub file: String,
    pub player: String,
    pub scores: Scores,
    /// Per account: kept at the end.
    pub retained: Vec<bool>,
    /// Per account: final satisfaction (of the accounts kept).
    pub satisfaction: Vec<f64>,
    /// Teaching points assessed in this game, each with whether it was missed at least once.
    pub lessons: Vec<(Lesson, bool)>,
    pub expert: f64,
    /// A fingerprint of the decision log: equal logs are the same game, move for move.
    pub log: u64,
}

/// A result that does not count, and why.
#[derive(Debug, Clone)]
pub struct Flagged {
    pub file: String,
    pub player: Option<String>,
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub reason: String,
}

/// The results of one (scenario, version, seed).
pub struct Group {
    pub prepared: Arc<Prepared>,
    pub hash: String,
    pub seed: u64,
    pub expert: Scores,
    /// Best composite first.
    pub trainees: Vec<Trainee>,
}

pub struct ClassReport {
    pub groups: Vec<Group>,
    pub flagged: Vec<Flagged>,
    pub seconds: f64,
}

/// Result files named on the command line: files as given, folders expanded to their `.ron`
/// files in name order.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "ron"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    out
}

enum Outcome {
    Counted(Box<(GameRecord, Arc<Prepared>, Trainee)>),
    Flagged(Flagged),
}

fn check(
    path: &Path,
    scenarios: &HashMap<(String, String), Option<Arc<Prepared>>>,
    read: Result<GameRecord, String>,
) -> Outcome {
    let file = path.display().to_string();
    let result = match read {
        Ok(r) => r,
        Err(reason) => {
            return Outcome::Flagged(Flagged {
                file,
                player: None,
                scenario: None,
                seed: None,
                reason,
            });
        }
    };
    let flag = |reason: String| Flagged {
        file: file.clone(),
        player: Some(result.player.clone()),
        scenario: Some(result.scenario_id.clone()),
        seed: Some(result.seed),
        reason,
    };
    let Some(Some(prepared)) =
        scenarios.get(&(result.scenario_id.clone(), result.scenario_hash.clone()))
    else {
        return Outcome::Flagged(flag(format!(
            "scenario `{}` is not bundled and was not given; pass it with --scenario FILE",
            result.scenario_id
        )));
    };
    match record::verify(Arc::clone(prepared), &result) {
        Verdict::OtherModel(why) => Outcome::Flagged(flag(format!(
            "{why}; to score it with this model: kam replay --rescore RESULT --out NEW.ron"
        ))),
        Verdict::Mismatch(differences) => Outcome::Flagged(flag(format!(
            "does not match its replay: {}",
            differences.join("; ")
        ))),
        Verdict::Verified(game) => {
            if !game.is_finished() {
                return Outcome::Flagged(flag(format!(
                    "an unfinished game ({} of {} turns played): a saved game, not a result",
                    result.turns_played,
                    game.scenario().turns
                )));
            }
            let trainee = Trainee {
                file: file.clone(),
                player: result.player.clone(),
                scores: result.scores,
                retained: game.accounts().iter().map(|s| !s.churned).collect(),
                satisfaction: game.accounts().iter().map(|s| s.satisfaction).collect(),
                lessons: kam_sim::debrief::lessons_missed(&game),
                expert: 0.0,
                log: {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    ron::to_string(&result.decisions)
                        .unwrap_or_default()
                        .hash(&mut h);
                    h.finish()
                },
            };
            Outcome::Counted(Box::new((result, Arc::clone(prepared), trainee)))
        }
    }
}

/// (scenario id, scenario content hash, seed): results are only compared within one.
type GroupKey = (String, String, u64);

/// Verifies and groups result files against the given scenarios (and the bundled ones).
pub fn build(paths: &[PathBuf], candidates: &[Arc<Prepared>]) -> ClassReport {
    let reads: Vec<Result<GameRecord, String>> =
        kam_sim::batch::par_map(paths, |p| record::read(p));
    build_from(paths, reads, candidates)
}

/// The report of results already in memory (a class server's), each with its file name.
pub fn build_from_records(
    records: Vec<(String, GameRecord)>,
    candidates: &[Arc<Prepared>],
) -> ClassReport {
    let (names, reads): (Vec<PathBuf>, Vec<Result<GameRecord, String>>) = records
        .into_iter()
        .map(|(name, record)| (PathBuf::from(name), Ok(record)))
        .unzip();
    build_from(&names, reads, candidates)
}

fn build_from(
    paths: &[PathBuf],
    reads: Vec<Result<GameRecord, String>>,
    candidates: &[Arc<Prepared>],
) -> ClassReport {
    let start = std::time::Instant::now();
    // One scenario lookup per (id, hash), not per result.
    let mut scenarios: HashMap<(String, String), Option<Arc<Prepared>>> = HashMap::new();
    for r in reads.iter().flatten() {
        scenarios
            .entry((r.scenario_id.clone(), r.scenario_hash.clone()))
            .or_insert_with(|| scenario_source::for_record(r, candidates));
    }
    let jobs: Vec<(&PathBuf, Result<GameRecord, String>)> = paths.iter().zip(reads).collect();
    let outcomes = kam_sim::batch::par_map(&jobs, |(p, r)| check(p, &scenarios, r.clone()));

    let mut flagged = Vec::new();
    let mut grouped: BTreeMap<GroupKey, (Arc<Prepared>, Vec<Trainee>)> = BTreeMap::new();
    for o in outcomes {
        match o {
            Outcome::Flagged(f) => flagged.push(f),
            Outcome::Counted(c) => {
                let (result, prepared, trainee) = *c;
                grouped
                    .entry((result.scenario_id, result.scenario_hash, result.seed))
                    .or_insert_with(|| (prepared, Vec::new()))
                    .1
                    .push(trainee);
            }
        }
    }
    // The expert on each group's seed: the benchmark a trainee is measured against.
    let keys: Vec<(Arc<Prepared>, u64)> = grouped
        .iter()
        .map(|((_, _, seed), (p, _))| (Arc::clone(p), *seed))
        .collect();
    let experts: Vec<Scores> = kam_sim::batch::par_map(&keys, |(p, seed)| {
        kam_sim::batch::play(p, "expert", *seed)
            .map(|g| kam_sim::score::score(&g))
            .unwrap_or(Scores {
                retention: 0.0,
                profit: 0.0,
                future_profit: 0.0,
                profit_score: 0.0,
                satisfaction: 0.0,
                composite: 0.0,
                grade: Grade::F,
            })
    });
    let groups = grouped
        .into_iter()
        .zip(experts)
        .map(|(((_, hash, seed), (prepared, mut trainees)), expert)| {
            for t in &mut trainees {
                t.expert = expert.composite;
            }
            trainees.sort_by(|a, b| {
                b.scores
                    .composite
                    .total_cmp(&a.scores.composite)
                    .then_with(|| a.player.cmp(&b.player))
            });
            Group {
                prepared,
                hash,
                seed,
                expert,
                trainees,
            }
        })
        .collect();
    ClassReport {
        groups,
        flagged,
        seconds: start.elapsed().as_secs_f64(),
    }
}

pub fn run(args: &Args, io: &mut Io) -> u8 {
    let mut candidates = Vec::new();
    for path in &args.scenarios {
        match scenario_source::load_or_report(path, "report", io) {
            Ok(p) => candidates.push(p),
            Err(_) => return USAGE,
        }
    }
    let paths = expand(&args.results);
    if paths.is_empty() {
        let _ = writeln!(
            io.err,
            "kam report: no result files found in the given folders"
        );
        return USAGE;
    }
    let report = build(&paths, &candidates);
    let _ = io.out.write_all(text(&report).as_bytes());
    if let Some(csv_path) = &args.csv {
        if let Err(e) = std::fs::write(csv_path, csv(&report)) {
            let _ = writeln!(
                io.err,
                "kam report: cannot write {}: {e}",
                csv_path.display()
            );
            return USAGE;
        }
        let _ = writeln!(io.out, "wrote {}", csv_path.display());
    }
    if let Some(out) = &args.out {
        if let Err(e) = std::fs::write(out, page(&report)) {
            let _ = writeln!(io.err, "kam report: cannot write {}: {e}", out.display());
            return USAGE;
        }
        let _ = writeln!(io.out, "wrote {}", out.display());
    }
    for f in &report.flagged {
        let _ = writeln!(io.err, "{}: flagged: {}", f.file, f.reason);
    }
    if report.flagged.is_empty() {
        OK
    } else {
        INVALID
    }
}

/// Per account: share of the group that kept it, and the mean final satisfaction among those.
fn account_figures(g: &Group, a: usize) -> (f64, f64) {
    let n = g.trainees.len().max(1) as f64;
    let kept: Vec<&Trainee> = g.trainees.iter().filter(|t| t.retained[a]).collect();
    let sat = if kept.is_empty() {
        0.0
    } else {
        kept.iter().map(|t| t.satisfaction[a]).sum::<f64>() / kept.len() as f64
    };
    (kept.len() as f64 / n, sat)
}

/// Teaching points by how many trainees missed them: (lesson, missed, assessed), most missed first.
fn lessons_missed(g: &Group) -> Vec<(Lesson, usize, usize)> {
    let mut out: Vec<(Lesson, usize, usize)> = Vec::new();
    for t in &g.trainees {
        for (lesson, missed) in &t.lessons {
            match out.iter_mut().find(|x| x.0 == *lesson) {
                Some(e) => {
                    e.2 += 1;
                    e.1 += usize::from(*missed);
                }
                None => out.push((*lesson, usize::from(*missed), 1)),
            }
        }
    }
    out.sort_by(|x, y| {
        (y.1 as f64 / y.2 as f64)
            .total_cmp(&(x.1 as f64 / x.2 as f64))
            .then(y.1.cmp(&x.1))
            .then(x.0.cmp(&y.0))
    });
    out
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(8)]
}

fn group_title(g: &Group) -> String {
    format!(
        "scenario `{}` ({}), version {}, seed {}: {} result{}",
        g.prepared.scenario.id,
        g.prepared.scenario.title,
        short(&g.hash),
        g.seed,
        g.trainees.len(),
        if g.trainees.len() == 1 { "" } else { "s" }
    )
}

/// Players whose results are the same game move for move (copied, or two files of one game),
/// each set of two or more in leaderboard order.
pub fn identical(g: &Group) -> Vec<Vec<&Trainee>> {
    let mut sets: Vec<Vec<&Trainee>> = Vec::new();
    for t in &g.trainees {
        match sets.iter_mut().find(|s| s[0].log == t.log) {
            Some(set) => set.push(t),
            None => sets.push(vec![t]),
        }
    }
    sets.retain(|s| s.len() > 1);
    sets
}

fn identical_text(set: &[&Trainee]) -> String {
    let who: Vec<String> = set
        .iter()
        .map(|t| format!("{} ({})", t.player, t.file))
        .collect();
    format!(
        "identical decision logs, the same game move for move: {}",
        who.join(", ")
    )
}

fn several_note(r: &ClassReport) -> Option<String> {
    (r.groups.len() > 1).then(|| {
        format!(
            "NOTE: these results come from {} different games (scenario, version or seed differ); each is reported separately and trainees are only compared within their own group.",
            r.groups.len()
        )
    })
}

/// Each score of a group as a distribution over its trainees, by name.
fn distributions(g: &Group) -> Vec<(&'static str, Distribution)> {
    let d = |f: fn(&Scores) -> f64| Distribution::of(g.trainees.iter().map(|t| f(&t.scores)));
    vec![
        ("composite (0-100)", d(|s| s.composite)),
        ("retention (0-100)", d(|s| s.retention)),
        ("profit", d(|s| s.profit)),
        ("profit score (0-100)", d(|s| s.profit_score)),
        ("satisfaction (0-100)", d(|s| s.satisfaction)),
        (
            "gap to expert",
            Distribution::of(g.trainees.iter().map(|t| t.scores.composite - t.expert)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::tests::kam;
    use crate::{INVALID, OK, USAGE};
    use kam_sim::record;

    fn tutorial() -> std::sync::Arc<kam_sim::engine::Prepared> {
        let (file, src) = kam_sim::bundled::SCENARIOS[0];
        kam_sim::load::load_str(file, src).unwrap().0
    }

    fn write_result(
        dir: &Path,
        name: &str,
        prepared: &std::sync::Arc<kam_sim::engine::Prepared>,
        strategy: &str,
        seed: u64,
    ) -> PathBuf {
        let game = kam_sim::batch::play(prepared, strategy, seed).unwrap();
        let path = dir.join(format!("{name}.ron"));
        record::write_atomic(&path, &record::record(&game, name)).unwrap();
        path
    }

    #[test]
    fn a_class_on_one_seed_is_one_group_with_leaderboard_and_csv() {
        let dir = tempfile::tempdir().unwrap();
        let p = tutorial();
        for (name, strategy) in [
            ("Alice", "expert"),
            ("Bob", "random"),
            ("Chen, \"Wei\"", "even"),
            ("Dana", "pareto"),
        ] {
            write_result(dir.path(), name, &p, strategy, 7);
        }
        // Eve hands in Bob's game under her own name.
        let mut copy = record::read(&dir.path().join("Bob.ron")).unwrap();
        copy.player = "Eve".into();
        record::write_atomic(&dir.path().join("Eve.ron"), &copy).unwrap();
        let csv = dir.path().join("class.csv");
        let html = dir.path().join("class.html");
        let (status, out, err) = kam(&[
            "report",
            dir.path().to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}\n{out}");
        assert!(out.contains("5 verified, 0 flagged"), "{out}");
        let note = out
            .lines()
            .find(|l| l.starts_with("note: identical decision logs"))
            .expect("copy noted");
        assert!(note.contains("Bob (") && note.contains("Eve ("), "{note}");
        assert_eq!(out.matches("== group").count(), 1, "{out}");
        assert!(!out.contains("NOTE"), "{out}");
        // Alice played the expert's game on the same seed: gap zero, first place.
        let first = out
            .lines()
            .find(|l| l.trim_start().starts_with("1  "))
            .unwrap();
        assert!(
            first.contains("Alice") && first.trim_end().ends_with("+0.0"),
            "{first}"
        );
        assert!(out.contains("Teaching points missed"), "{out}");
        let csv = std::fs::read_to_string(&csv).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[0].starts_with("\u{feff}player,file,scenario,seed,verified,composite,grade,retention,profit,satisfaction,expert_composite,gap"));
        assert!(csv.contains("\"Chen, \"\"Wei\"\"\""), "{csv}");
        assert!(
            lines[1..].iter().all(|l| l.contains(",tutorial,7,true,")),
            "{csv}"
        );
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("Leaderboard") && page.contains("<svg") && page.contains("Alice"));
    }

    #[test]
    fn tampered_results_are_flagged_and_other_scenarios_kept_apart() {
        let dir = tempfile::tempdir().unwrap();
        let p = tutorial();
        let good = write_result(dir.path(), "good", &p, "expert", 3);
        let other_seed = write_result(dir.path(), "late", &p, "even", 4);
        let tampered = write_result(dir.path(), "cheat", &p, "random", 3);
        let mut r = record::read(&tampered).unwrap();
        r.scores.composite += 20.0;
        record::write_atomic(&tampered, &r).unwrap();
        let junk = dir.path().join("junk.ron");
        std::fs::write(&junk, "not a record").unwrap();
        // A result for a scenario that is not bundled, given with --scenario.
        let generated = kam_sim::generate::generate(4, 4, 9);
        let scen = dir.path().join("gen.ron");
        std::fs::write(
            &scen,
            ron::ser::to_string_pretty(&generated, ron::ser::PrettyConfig::new()).unwrap(),
        )
        .unwrap();
        let gp = kam_sim::load::load_file(&scen).unwrap().0;
        let gen_result = write_result(dir.path(), "gen_player", &gp, "expert", 1);
        let args: Vec<String> = [&good, &other_seed, &tampered, &junk, &gen_result]
            .iter()
            .map(|p| p.display().to_string())
            .chain(["--scenario".to_owned(), scen.display().to_string()])
            .collect();
        let argv: Vec<&str> = std::iter::once("report")
            .chain(args.iter().map(String::as_str))
            .collect();
        let (status, out, err) = kam(&argv);
        assert_eq!(status, INVALID, "{out}");
        assert!(out.contains("3 verified, 2 flagged"), "{out}");
        assert!(
            out.contains("NOTE") && out.matches("== group").count() == 3,
            "{out}"
        );
        assert!(
            err.contains("cheat.ron: flagged: does not match its replay: composite"),
            "{err}"
        );
        assert!(
            err.contains("junk.ron: flagged: not a kam-trainer game record"),
            "{err}"
        );
        assert!(
            out.contains("generated-4x4") && out.contains("gen_player"),
            "{out}"
        );
        // Without the scenario file the generated result cannot be checked: flagged too.
        let (status, _, err) = kam(&["report", gen_result.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        assert!(err.contains("--scenario"), "{err}");
    }

    #[test]
    fn an_old_class_is_flagged_by_model_and_counted_once_rescored() {
        let dir = tempfile::tempdir().unwrap();
        let old_dir = dir.path().join("old");
        let p = tutorial();
        let here = kam_sim::model::MODEL_VERSION;
        for (name, strategy) in [("ann", "expert"), ("bob", "even")] {
            let path = write_result(&old_dir, name, &p, strategy, 3);
            let mut r = record::read(&path).unwrap();
            r.model = here - 1;
            record::write_atomic(&path, &r).unwrap();
        }
        let (status, out, err) = kam(&["report", old_dir.to_str().unwrap()]);
        assert_eq!(status, INVALID, "{out}");
        assert!(
            err.matches(&format!(
                "flagged: made with model {}; this is model {here}",
                here - 1
            ))
            .count()
                == 2
                && err.contains("kam replay --rescore")
                && !err.contains("does not match"),
            "{err}"
        );

        let new_dir = dir.path().join("new");
        for name in ["ann", "bob"] {
            let (old, new) = (
                old_dir.join(format!("{name}.ron")),
                new_dir.join(format!("{name}.ron")),
            );
            let (status, _, err) = kam(&[
                "replay",
                "--rescore",
                old.to_str().unwrap(),
                "--out",
                new.to_str().unwrap(),
            ]);
            assert_eq!(status, OK, "{err}");
        }
        let (status, out, err) = kam(&["report", new_dir.to_str().unwrap()]);
        assert_eq!(status, OK, "{err}");
        assert!(
            out.contains("2 verified") && out.contains("ann") && out.contains("bob"),
            "{out}"
        );
    }

    #[test]
    fn unfinished_games_and_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = tutorial();
        let mut game = kam_sim::engine::Game::new(p.clone(), 1);
        let mut s = kam_sim::strategy::by_name("even", 1).unwrap();
        let d = kam_sim::strategy::next_decision(&game, s.as_mut()).unwrap();
        game.decide(d).unwrap();
        let path = dir.path().join("save.ron");
        record::write_atomic(&path, &record::record(&game, "Half")).unwrap();
        let (status, _, err) = kam(&["report", path.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        assert!(err.contains("unfinished"), "{err}");
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(kam(&["report", empty.path().to_str().unwrap()]).0, USAGE);
        assert_eq!(
            kam(&[
                "report",
                path.to_str().unwrap(),
                "--scenario",
                "/no/such.ron"
            ])
            .0,
            USAGE
        );
    }

    #[test]
    fn a_result_made_on_another_version_of_the_scenario_is_flagged() {
        let dir = tempfile::tempdir().unwrap();
        let (_, src) = kam_sim::bundled::SCENARIOS[0];
        let old = dir.path().join("old.ron");
        std::fs::write(&old, src).unwrap();
        let p = kam_sim::load::load_file(&old).unwrap().0;
        // Played on a private copy with a changed title: same id, different content.
        let edited = dir.path().join("edited.ron");
        std::fs::write(&edited, src.replacen("title: \"", "title: \"Edited: ", 1)).unwrap();
        let q = kam_sim::load::load_file(&edited).unwrap().0;
        assert_ne!(
            record::scenario_hash(&p),
            record::scenario_hash(&q),
            "the edit must change the scenario"
        );
        let r = write_result(dir.path(), "Lee", &q, "even", 2);
        let (status, _, err) = kam(&["report", r.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        assert!(err.contains("changed"), "{err}");
        // With the edited file given, it verifies, in its own group beside the bundled version.
        let ok = write_result(dir.path(), "Kim", &p, "even", 2);
        let (status, out, err) = kam(&[
            "report",
            r.to_str().unwrap(),
            ok.to_str().unwrap(),
            "--scenario",
            edited.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert_eq!(out.matches("== group").count(), 2, "{out}");
    }
}

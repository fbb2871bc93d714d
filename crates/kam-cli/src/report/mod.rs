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
//! page ([`page()`]), each in the language asked for ([`Io::lang_for`] with the report's
//! [`ClassReport::language`]). Why a result is flagged is kept as a [`Reason`] and put into
//! words only there.
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

use kam_sim::Distribution;
use kam_sim::Prepared;
use kam_sim::words::Metric;
use kam_sim::{ClassSummary, ExpertRun, GameTally};
use kam_sim::{Difference, Figure, GameRecord, RecordVerdict};
use kam_sim::{Grade, Scores};

use crate::scenario_source;

/// What stands for the expert when it cannot play a group's scenario (a bug in the expert, not
/// the trainees' fault): nothing, so their gaps are their composites.
const NO_EXPERT: Scores = Scores {
    retention: 0.0,
    profit: 0.0,
    future_profit: 0.0,
    profit_score: 0.0,
    satisfaction: 0.0,
    composite: 0.0,
    grade: Grade::F,
};
use crate::words::report::Say;
use crate::words::{Lang, fill};
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
    /// The class's title, heading the HTML page (e.g. "March KAM class").
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Count games not played to the end (a class ended early), each against the expert after
    /// as many months, instead of setting them aside as saved games.
    #[arg(long)]
    pub unfinished: bool,
}

/// What a report does with a verified game that has not reached its last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// Sets it aside: a saved game, not a result (`kam report` on a folder of files).
    Flag,
    /// Counts it as far as it went, against the expert after as many months: a class that
    /// was ended early, or one still playing (the class server's report).
    Compare,
}

/// A verified result, reduced to what the report shows.
#[derive(Debug, Clone)]
pub struct Trainee {
    pub file: String,
    pub player: String,
    pub scores: Scores,
    /// What the class summary counts of the game: accounts kept, their final satisfaction,
    /// and the teaching points it missed.
    pub tally: GameTally,
    /// The expert's composite on the same seed after as many months as this game.
    pub expert: f64,
    /// A fingerprint of the decision log: equal logs are the same game, move for move.
    pub log: u64,
    /// Months played, for a game counted before its end ([`Unfinished::Compare`]).
    pub stopped_after: Option<u32>,
}

impl Trainee {
    /// The composite against the expert's after as many months.
    pub fn gap(&self) -> f64 {
        self.scores.composite - self.expert
    }

    /// The player's name as the leaderboard shows it: with how far the game went when it
    /// stopped before its end ("王芳（只玩了 7 / 12 个月）").
    pub fn shown_name(&self, lang: Lang, prepared: &Prepared) -> String {
        match self.stopped_after {
            None => self.player.clone(),
            Some(months) => {
                let scenario = &prepared.scenario;
                let unit = kam_sim::words::turn_unit(lang, scenario.turn_unit);
                self.player.clone()
                    + &fill(
                        Say::StoppedAfter.t(lang),
                        &[&months, &scenario.turns, &unit],
                    )
            }
        }
    }
}

/// A result that does not count, and why.
#[derive(Debug, Clone)]
pub struct Flagged {
    pub file: String,
    pub player: Option<String>,
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub reason: Reason,
}

/// Why a result is not counted, put into words at the edge ([`Reason::text`]). A parser's
/// error comes as its text; why a log cannot be replayed comes typed and is said in `lang`.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The file cannot be read (the system's error).
    CannotRead(String),
    /// The file is not a game record (the parser's error).
    NotARecord(String),
    /// A game record in another format than this release reads.
    OtherFormat { format: u32, reads: u32 },
    /// Played on a scenario that is neither bundled nor given (its id).
    UnknownScenario(String),
    /// Played on another version of a scenario with this id.
    ScenarioChanged(String),
    /// Made with another model version.
    OtherModel { made: u32, here: u32 },
    /// The figures the replay gives differ from the recorded ones.
    Mismatch(Vec<Difference>),
    /// The decision log does not replay (kam-sim's words).
    NotReplayable(kam_sim::RestoreError),
    /// A saved game, not a result.
    Unfinished { played: u32, turns: u32 },
}

/// A recorded figure's name in `lang`, to go inside a sentence.
pub(crate) fn figure_name(lang: Lang, figure: Figure) -> String {
    match figure {
        Figure::Composite => metric(lang, Metric::Composite),
        Figure::Retention => metric(lang, Metric::Retention),
        Figure::Profit => metric(lang, Metric::Profit),
        Figure::Satisfaction => metric(lang, Metric::Satisfaction),
        Figure::ProfitScore => lowercase(lang, kam_sim::words::profit_score(lang)),
        Figure::Grade => Say::Grade.t(lang).to_owned(),
        Figure::Finished => Say::Finished.t(lang).to_owned(),
    }
}

/// A figure the replay does not reproduce, in `lang` (`kam replay` says them too).
pub(crate) fn difference(lang: Lang, d: &Difference) -> String {
    let name = figure_name(lang, d.figure);
    fill(Say::Difference.t(lang), &[&name, &d.recorded, &d.replayed])
}

impl Reason {
    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
        match self {
            Reason::CannotRead(e) => say(Say::CannotRead, &[e]),
            Reason::NotARecord(e) => say(Say::NotARecord, &[e]),
            Reason::OtherFormat { format, reads } => say(Say::OtherFormat, &[format, reads]),
            Reason::UnknownScenario(id) => say(Say::UnknownScenario, &[id]),
            Reason::ScenarioChanged(id) => say(Say::ScenarioChanged, &[id]),
            Reason::OtherModel { made, here } => say(Say::OtherModel, &[made, here]),
            Reason::Mismatch(differences) => {
                let each: Vec<String> = differences.iter().map(|d| difference(lang, d)).collect();
                say(Say::Mismatch, &[&each.join(lang.pick("；", "; "))])
            }
            Reason::NotReplayable(why) => say(Say::Mismatch, &[&why.words(lang)]),
            Reason::Unfinished { played, turns } => say(Say::Unfinished, &[played, turns]),
        }
    }
}

/// A score's name to go inside a sentence or a column heading: the shared name, in lower case
/// in English ("composite"), as it is in Chinese.
pub(crate) fn metric(lang: Lang, m: Metric) -> String {
    lowercase(lang, m.name(lang))
}

fn lowercase(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => name.to_owned(),
        Lang::En => name.to_lowercase(),
    }
}

/// "true" or "false" (是 or 否).
fn yes_no(lang: Lang, yes: bool) -> &'static str {
    if yes { Say::Yes } else { Say::No }.t(lang)
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

impl Group {
    /// How the group did on each account and teaching point: the class summary the class
    /// server's dashboard shows too.
    pub fn summary(&self) -> ClassSummary {
        ClassSummary::of(
            self.prepared.scenario.accounts.len(),
            self.trainees.iter().map(|t| &t.tally),
        )
    }
}

pub struct ClassReport {
    pub groups: Vec<Group>,
    pub flagged: Vec<Flagged>,
    pub seconds: f64,
    /// The language of the scenario the report is about: the first group's (a report over
    /// several scenarios speaks the first one's language), else that of the first flagged
    /// result whose scenario was found; `None` when no scenario was.
    pub language: Option<Lang>,
}

/// The scenario file in the class server's download of a class's results.
const DOWNLOAD_SCENARIO: &str = "scenario.ron";
/// The folder of result files in that download.
const DOWNLOAD_RESULTS: &str = "results";

/// The scenario a downloaded class was played on, for each path that is such a download or
/// its `results/` folder: used as if given with --scenario, so a class on an uploaded scenario
/// reports without one (the playtest got one "pass it with --scenario" line per trainee).
fn downloaded_scenarios(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_dir())
        .flat_map(|p| {
            [
                p.join(DOWNLOAD_SCENARIO),
                p.join("..").join(DOWNLOAD_SCENARIO),
            ]
        })
        .filter(|f| f.is_file())
        .collect();
    out.dedup();
    out
}

/// Result files named on the command line: files as given, folders expanded to their `.ron`
/// files in name order.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        // The class server's download: `scenario.ron` beside a `results/` folder.
        let p = &match p.join(DOWNLOAD_RESULTS) {
            results if p.join(DOWNLOAD_SCENARIO).is_file() && results.is_dir() => results,
            _ => p.clone(),
        };
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

/// Reads a result file, saying why it is not one when it is not.
fn read(path: &Path) -> Result<GameRecord, Reason> {
    let text = std::fs::read_to_string(path).map_err(|e| Reason::CannotRead(e.to_string()))?;
    kam_sim::record_from_str(&text).map_err(|message| {
        // kam-sim says why in its words; the two reasons a reader can act on, in ours.
        match ron::from_str::<GameRecord>(&text) {
            Err(e) => Reason::NotARecord(e.to_string()),
            Ok(r) if r.format != kam_sim::RECORD_FORMAT => Reason::OtherFormat {
                format: r.format,
                reads: kam_sim::RECORD_FORMAT,
            },
            Ok(_) => Reason::NotARecord(message),
        }
    })
}

fn check(
    path: &Path,
    scenarios: &HashMap<(String, String), Option<Arc<Prepared>>>,
    read: Result<GameRecord, Reason>,
    unfinished: Unfinished,
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
    let flag = |reason: Reason| Flagged {
        file: file.clone(),
        player: Some(result.player.clone()),
        scenario: Some(result.scenario_id.clone()),
        seed: Some(result.seed),
        reason,
    };
    let Some(Some(prepared)) =
        scenarios.get(&(result.scenario_id.clone(), result.scenario_hash.clone()))
    else {
        return Outcome::Flagged(flag(Reason::UnknownScenario(result.scenario_id.clone())));
    };
    match kam_sim::verify_record(Arc::clone(prepared), &result) {
        RecordVerdict::OtherModel { made, here } => {
            Outcome::Flagged(flag(Reason::OtherModel { made, here }))
        }
        RecordVerdict::Mismatch(_) | RecordVerdict::Unreplayable(_)
            if kam_sim::scenario_hash(prepared) != result.scenario_hash =>
        {
            Outcome::Flagged(flag(Reason::ScenarioChanged(result.scenario_id.clone())))
        }
        RecordVerdict::Mismatch(differences) => {
            Outcome::Flagged(flag(Reason::Mismatch(differences)))
        }
        RecordVerdict::Unreplayable(why) => Outcome::Flagged(flag(Reason::NotReplayable(why))),
        RecordVerdict::Verified(game) => {
            // A game that has not played a month has nothing to compare, even counted.
            let counted_as_far_as_it_went =
                unfinished == Unfinished::Compare && result.turns_played > 0;
            if !game.is_finished() && !counted_as_far_as_it_went {
                return Outcome::Flagged(flag(Reason::Unfinished {
                    played: result.turns_played,
                    turns: game.scenario().turns,
                }));
            }
            let stopped_after = (!game.is_finished()).then_some(result.turns_played);
            let trainee = Trainee {
                file: file.clone(),
                player: result.player.clone(),
                scores: result.scores,
                tally: GameTally::of(&game),
                expert: 0.0,
                log: {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    ron::to_string(&result.decisions)
                        .unwrap_or_default()
                        .hash(&mut h);
                    h.finish()
                },
                stopped_after,
            };
            Outcome::Counted(Box::new((result, Arc::clone(prepared), trainee)))
        }
    }
}

/// (scenario id, scenario content hash, seed): results are only compared within one.
type GroupKey = (String, String, u64);

/// Verifies and groups result files against the given scenarios (and the bundled ones).
pub fn build(
    paths: &[PathBuf],
    candidates: &[Arc<Prepared>],
    unfinished: Unfinished,
) -> ClassReport {
    let reads: Vec<Result<GameRecord, Reason>> = kam_sim::par_map(paths, |p| read(p));
    build_from(paths, reads, candidates, unfinished)
}

/// The report of results already in memory (a class server's), each with its file name.
pub fn build_from_records(
    records: Vec<(String, GameRecord)>,
    candidates: &[Arc<Prepared>],
    unfinished: Unfinished,
) -> ClassReport {
    let (names, reads): (Vec<PathBuf>, Vec<Result<GameRecord, Reason>>) = records
        .into_iter()
        .map(|(name, record)| (PathBuf::from(name), Ok(record)))
        .unzip();
    build_from(&names, reads, candidates, unfinished)
}

fn build_from(
    paths: &[PathBuf],
    reads: Vec<Result<GameRecord, Reason>>,
    candidates: &[Arc<Prepared>],
    unfinished: Unfinished,
) -> ClassReport {
    let start = std::time::Instant::now();
    // One scenario lookup per (id, hash), not per result.
    let mut scenarios: HashMap<(String, String), Option<Arc<Prepared>>> = HashMap::new();
    for r in reads.iter().flatten() {
        scenarios
            .entry((r.scenario_id.clone(), r.scenario_hash.clone()))
            .or_insert_with(|| scenario_source::for_record(r, candidates));
    }
    // The first scenario found, in the order the results were given: the report's language
    // when no result of it is counted.
    let first_found = reads
        .iter()
        .flatten()
        .find_map(|r| scenarios.get(&(r.scenario_id.clone(), r.scenario_hash.clone())))
        .and_then(|p| p.as_ref().map(|p| p.scenario.language));
    let jobs: Vec<(&PathBuf, Result<GameRecord, Reason>)> = paths.iter().zip(reads).collect();
    let outcomes = kam_sim::par_map(&jobs, |(p, r)| check(p, &scenarios, r.clone(), unfinished));

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
    // Played once per group, scored at the end and after every month: a game counted before
    // its end is measured against the expert after as many months.
    let experts: Vec<Option<ExpertRun>> =
        kam_sim::par_map(&keys, |(p, seed)| kam_sim::expert_run(p, *seed).ok());
    let groups = grouped
        .into_iter()
        .zip(experts)
        .map(|(((_, hash, seed), (prepared, mut trainees)), run)| {
            let expert = run.as_ref().map_or(NO_EXPERT, |r| r.scores);
            for t in &mut trainees {
                t.expert = match (t.stopped_after, &run) {
                    (Some(months), Some(run)) => run.after(months),
                    _ => expert.composite,
                };
            }
            // By the score against the expert's: the same order as by composite when every
            // game is finished, and like with like when some stopped early.
            trainees.sort_by(|a, b| {
                b.gap()
                    .total_cmp(&a.gap())
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
        .collect::<Vec<Group>>();
    ClassReport {
        language: groups
            .first()
            .map(|g| g.prepared.scenario.language)
            .or(first_found),
        groups,
        flagged,
        seconds: start.elapsed().as_secs_f64(),
    }
}

pub fn run(args: &Args, io: &mut Io) -> u8 {
    let mut candidates = Vec::new();
    for path in args
        .scenarios
        .iter()
        .chain(&downloaded_scenarios(&args.results))
    {
        match scenario_source::load_or_report(path, "report", io) {
            Ok(p) => candidates.push(p),
            Err(_) => return USAGE,
        }
    }
    let paths = expand(&args.results);
    if paths.is_empty() {
        let lang = io.lang_for(candidates.first().map(|p| p.scenario.language));
        let _ = writeln!(io.err, "{}", Say::NoResults.t(lang));
        return USAGE;
    }
    let unfinished = if args.unfinished {
        Unfinished::Compare
    } else {
        Unfinished::Flag
    };
    let report = build(&paths, &candidates, unfinished);
    let lang = io.lang_for(
        report
            .language
            .or(candidates.first().map(|p| p.scenario.language)),
    );
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let _ = io.out.write_all(text(&report, lang).as_bytes());
    let title = args.title.as_deref().filter(|t| !t.trim().is_empty());
    let files: [(&Option<PathBuf>, &dyn Fn() -> String); 2] = [
        (&args.csv, &|| csv(&report, lang)),
        (&args.out, &|| page(&report, lang, title)),
    ];
    for (path, contents) in files {
        let Some(path) = path else { continue };
        if let Err(e) = std::fs::write(path, contents()) {
            let _ = writeln!(io.err, "{}", say(Say::CannotWrite, &[&path.display(), &e]));
            return USAGE;
        }
        let _ = writeln!(io.out, "{}", say(Say::Wrote, &[&path.display()]));
    }
    for f in &report.flagged {
        let _ = writeln!(
            io.err,
            "{}",
            say(Say::FlaggedLine, &[&f.file, &f.reason.text(lang)])
        );
    }
    if report.flagged.is_empty() {
        OK
    } else {
        INVALID
    }
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(8)]
}

fn group_title(g: &Group, lang: Lang) -> String {
    let key = if g.trainees.len() == 1 {
        Say::GroupTitleOne
    } else {
        Say::GroupTitle
    };
    fill(
        key.t(lang),
        &[
            &g.prepared.scenario.id,
            &g.prepared.scenario.title,
            &short(&g.hash),
            &g.seed,
            &g.trainees.len(),
        ],
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

fn identical_text(set: &[&Trainee], lang: Lang) -> String {
    let who: Vec<String> = set
        .iter()
        .map(|t| {
            let (open, close) = lang.pick(("（", "）"), (" (", ")"));
            format!("{}{open}{}{close}", t.player, t.file)
        })
        .collect();
    fill(Say::Identical.t(lang), &[&who.join(lang.pick("、", ", "))])
}

fn several_note(r: &ClassReport, lang: Lang) -> Option<String> {
    (r.groups.len() > 1).then(|| fill(Say::SeveralGames.t(lang), &[&r.groups.len()]))
}

/// One score's distribution over a group: its name, and whether it is money (shown without
/// decimals) rather than points.
pub(crate) struct ScoreRow {
    pub name: String,
    pub money: bool,
    pub d: Distribution,
}

/// Each score of a group as a distribution over its trainees, by name.
fn distributions(g: &Group, lang: Lang) -> Vec<ScoreRow> {
    let d = |f: fn(&Scores) -> f64| Distribution::of(g.trainees.iter().map(|t| f(&t.scores)));
    let out_of_hundred = |name: &str| fill(Say::OutOfHundred.t(lang), &[&name]);
    let row = |name: String, money: bool, d: Distribution| ScoreRow { name, money, d };
    vec![
        row(
            out_of_hundred(&metric(lang, Metric::Composite)),
            false,
            d(|s| s.composite),
        ),
        row(
            out_of_hundred(&metric(lang, Metric::Retention)),
            false,
            d(|s| s.retention),
        ),
        row(metric(lang, Metric::Profit), true, d(|s| s.profit)),
        row(
            out_of_hundred(&figure_name(lang, Figure::ProfitScore)),
            false,
            d(|s| s.profit_score),
        ),
        row(
            out_of_hundred(&metric(lang, Metric::Satisfaction)),
            false,
            d(|s| s.satisfaction),
        ),
        row(
            Say::GapToExpert.t(lang).to_owned(),
            false,
            Distribution::of(g.trainees.iter().map(|t| t.scores.composite - t.expert)),
        ),
    ]
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::{Path, PathBuf};

    use super::{Say, Unfinished, build, text};
    use crate::tests::kam;
    use crate::words::Lang;
    use crate::{INVALID, OK, USAGE};

    /// The phrases of a catalogue's English sentences (cut at their `{}`) of more than one
    /// word that are in `out`, but not in the sentence's Chinese (a command's name): what a
    /// Chinese report must not say. `sentences` are (Chinese, English).
    pub(crate) fn english_left(out: &str, sentences: &[(&str, &str)]) -> Vec<String> {
        let mut left: Vec<String> = sentences
            .iter()
            .flat_map(|(zh, en)| en.split("{}").map(move |piece| (zh, piece)))
            .map(|(zh, piece)| {
                let piece = piece.trim_matches(|c: char| c.is_whitespace() || ",.;:()".contains(c));
                (zh, piece)
            })
            .filter(|(zh, piece)| {
                piece.split_whitespace().count() > 1 && !zh.contains(piece) && out.contains(piece)
            })
            .map(|(_, piece)| piece.to_owned())
            .collect();
        left.dedup();
        left
    }

    /// The report's English sentences, and the shared English names it shows, left in `out`.
    fn report_english_left(out: &str) -> Vec<String> {
        let mut sentences: Vec<(&str, &str)> = Say::ALL
            .iter()
            .map(|k| (k.t(Lang::Zh), k.t(Lang::En)))
            .collect();
        let score = kam_sim::words::profit_score;
        sentences.push((score(Lang::Zh), score(Lang::En)));
        sentences.extend(kam_sim::scenario::Lesson::ALL.iter().map(|l| {
            (
                kam_sim::words::lesson(Lang::Zh, *l),
                kam_sim::words::lesson(Lang::En, *l),
            )
        }));
        english_left(out, &sentences)
    }

    /// A class of four on the Chinese classroom scenario, one seed, in `dir`.
    fn chinese_class(dir: &Path) {
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[1];
        assert_eq!(file, "classroom_zh.ron");
        let p = kam_sim::load_str(file, src).unwrap().0;
        for (name, strategy) in [
            ("王芳", "expert"),
            ("李强", "random"),
            ("张伟", "even"),
            ("陈静", "pareto"),
        ] {
            write_result(dir, name, &p, strategy, 11);
        }
    }

    /// The class server's download (`scenario.ron` beside `results/`) reports as it is, on an
    /// uploaded scenario nobody bundled, with no --scenario.
    #[test]
    fn a_downloaded_class_reports_on_its_own_scenario() {
        let dir = tempfile::tempdir().unwrap();
        let src = kam_sim::BUNDLED_SCENARIOS[0]
            .1
            .replacen("id: \"", "id: \"uploaded_", 1);
        std::fs::write(dir.path().join("scenario.ron"), &src).unwrap();
        let (prepared, _) = kam_sim::load_str("scenario.ron", &src).unwrap();
        assert!(prepared.scenario.id.starts_with("uploaded_"));
        let results = dir.path().join("results");
        for (i, name) in ["Ann", "Bo"].iter().enumerate() {
            let game = kam_sim::play(&prepared, kam_sim::StrategyId::Expert, i as u64).unwrap();
            let path = results.join(format!("{name}.ron"));
            kam_sim::write_record_atomic(&path, &kam_sim::record_game(&game, name)).unwrap();
        }
        for given in [dir.path().to_owned(), results] {
            let (status, out, err) = kam(&["--lang", "en", "report", given.to_str().unwrap()]);
            assert_eq!(status, OK, "{}: {err}\n{out}", given.display());
            assert!(
                out.contains("2 result files, 2 verified, 0 flagged"),
                "{out}"
            );
        }
    }

    #[test]
    fn a_chinese_class_is_reported_in_chinese_with_its_title() {
        let dir = tempfile::tempdir().unwrap();
        chinese_class(dir.path());
        let (csv, html) = (dir.path().join("班级.csv"), dir.path().join("班级.html"));
        // No --lang: the scenario's language.
        let (status, out, err) = kam(&[
            "report",
            dir.path().to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
            "--title",
            "三月大客户班 <第二期>",
        ]);
        assert_eq!(status, OK, "{err}\n{out}");
        assert!(
            out.starts_with("班级报告：4 份成绩文件，4 份核验通过，0 份不计入"),
            "{out}"
        );
        for said in [
            Say::LessonsHeading,
            Say::AccountsHeading,
            Say::ScoreDistributions,
        ] {
            assert!(out.contains(said.t(Lang::Zh)), "{said:?} missing:\n{out}");
        }
        assert!(out.contains("同一种子上的专家：综合得分"), "{out}");
        assert_eq!(report_english_left(&out), Vec::<String>::new(), "{out}");

        let csv = std::fs::read_to_string(&csv).unwrap();
        assert!(
            csv.starts_with("\u{feff}学员,文件,场景,种子,已核验,综合得分,等级,客户保留,利润,满意度,专家综合得分,差距,原因,已玩月数\r\n"),
            "{csv}"
        );
        assert!(
            csv.lines().skip(1).all(|l| l.contains(",classroom,11,是,")),
            "{csv}"
        );

        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("<html lang=\"zh-CN\">"), "{page}");
        assert!(
            page.contains("<title>三月大客户班 &lt;第二期&gt; · 班级报告 · ")
                && page.contains("<h1>三月大客户班 &lt;第二期&gt;</h1>"),
            "{page}"
        );
        assert!(page.contains("排行榜") && page.contains("王芳"));
        assert_eq!(report_english_left(&page), Vec::<String>::new());
    }

    #[test]
    fn lang_en_overrides_the_scenario_s_language_and_lang_zh_an_english_one() {
        let dir = tempfile::tempdir().unwrap();
        chinese_class(dir.path());
        let (csv, html) = (dir.path().join("c.csv"), dir.path().join("c.html"));
        let (status, out, err) = kam(&[
            "--lang",
            "en",
            "report",
            dir.path().to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(
            out.starts_with("class report: 4 result files, 4 verified"),
            "{out}"
        );
        assert!(
            !out.contains("班级报告") && !out.contains("综合得分"),
            "{out}"
        );
        let csv = std::fs::read_to_string(&csv).unwrap();
        assert!(csv.starts_with("\u{feff}player,file,scenario,seed,verified,composite,"));
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("<html lang=\"en\">") && page.contains("Leaderboard"));

        // And an English scenario's class in Chinese, flagged results too.
        let en = tempfile::tempdir().unwrap();
        let p = tutorial();
        write_result(en.path(), "Alice", &p, "expert", 3);
        let cheat = write_result(en.path(), "Mallory", &p, "random", 3);
        let mut r = kam_sim::read_record(&cheat).unwrap();
        r.scores.composite += 20.0;
        kam_sim::write_record_atomic(&cheat, &r).unwrap();
        let (status, out, err) = kam(&["--lang", "zh", "report", en.path().to_str().unwrap()]);
        assert_eq!(status, INVALID, "{out}");
        assert!(out.contains("1 份核验通过，1 份不计入"), "{out}");
        assert_eq!(report_english_left(&out), Vec::<String>::new(), "{out}");
        assert!(
            err.contains("Mallory.ron：不计入：与重放结果不符：综合得分记录为 "),
            "{err}"
        );
        assert_eq!(report_english_left(&err), Vec::<String>::new(), "{err}");
    }

    fn tutorial() -> std::sync::Arc<kam_sim::Prepared> {
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        kam_sim::load_str(file, src).unwrap().0
    }

    fn write_result(
        dir: &Path,
        name: &str,
        prepared: &std::sync::Arc<kam_sim::Prepared>,
        strategy: &str,
        seed: u64,
    ) -> PathBuf {
        let game = kam_sim::play(prepared, strategy.parse().unwrap(), seed).unwrap();
        let path = dir.join(format!("{name}.ron"));
        kam_sim::write_record_atomic(&path, &kam_sim::record_game(&game, name)).unwrap();
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
        let mut copy = kam_sim::read_record(&dir.path().join("Bob.ron")).unwrap();
        copy.player = "Eve".into();
        kam_sim::write_record_atomic(&dir.path().join("Eve.ron"), &copy).unwrap();
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
        let mut r = kam_sim::read_record(&tampered).unwrap();
        r.scores.composite += 20.0;
        kam_sim::write_record_atomic(&tampered, &r).unwrap();
        let junk = dir.path().join("junk.ron");
        std::fs::write(&junk, "not a record").unwrap();
        // A result for a scenario that is not bundled, given with --scenario.
        let generated = kam_sim::generate_scenario(4, 4, 9);
        let scen = dir.path().join("gen.ron");
        std::fs::write(
            &scen,
            ron::ser::to_string_pretty(&generated, ron::ser::PrettyConfig::new()).unwrap(),
        )
        .unwrap();
        let gp = kam_sim::load_file(&scen).unwrap().0;
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
            let mut r = kam_sim::read_record(&path).unwrap();
            r.model = here - 1;
            kam_sim::write_record_atomic(&path, &r).unwrap();
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
        let mut game = kam_sim::Game::new(p.clone(), 1);
        let mut s = kam_sim::StrategyId::Even.build(1);
        let d = kam_sim::next_decision(&game, s.as_mut()).unwrap();
        game.decide(d).unwrap();
        let path = dir.path().join("save.ron");
        kam_sim::write_record_atomic(&path, &kam_sim::record_game(&game, "Half")).unwrap();
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

    /// A class ended early: `--unfinished` counts a game as far as it went, against the
    /// expert after as many months, and says how far it went.
    #[test]
    fn an_unfinished_game_is_counted_against_the_expert_after_as_many_months() {
        let dir = tempfile::tempdir().unwrap();
        let p = tutorial();
        let full = kam_sim::play(&p, kam_sim::StrategyId::Even, 1).unwrap();
        let mut half = kam_sim::Game::new(p.clone(), 1);
        for d in full.log() {
            if half.turn() > 3 {
                break;
            }
            half.decide(d.clone()).unwrap();
        }
        let played = half.turn() - 1;
        let path = dir.path().join("half.ron");
        kam_sim::write_record_atomic(&path, &kam_sim::record_game(&half, "Half")).unwrap();
        let finished = write_result(dir.path(), "Whole", &p, "expert", 1);

        let set_aside = build(&[path.clone(), finished.clone()], &[], Unfinished::Flag);
        assert_eq!(set_aside.flagged.len(), 1);
        assert_eq!(set_aside.groups[0].trainees.len(), 1);

        let counted = build(&[path, finished], &[], Unfinished::Compare);
        assert!(counted.flagged.is_empty(), "{:?}", counted.flagged);
        let group = &counted.groups[0];
        let half = group.trainees.iter().find(|t| t.player == "Half").unwrap();
        assert_eq!(half.stopped_after, Some(played));
        let run = kam_sim::expert_run(&p, 1).unwrap();
        assert_eq!(half.expert, run.by_month[played as usize]);
        assert_ne!(
            half.expert, group.expert.composite,
            "not the whole game's expert"
        );
        assert!(
            half.shown_name(Lang::En, &p)
                .ends_with(&format!(" (played {played} of 6 months)")),
            "{}",
            half.shown_name(Lang::En, &p)
        );
        let text = text(&counted, Lang::Zh);
        assert!(
            text.contains(&format!("Half（只玩了 {played} / 6 个月）")),
            "{text}"
        );
    }

    #[test]
    fn a_result_made_on_another_version_of_the_scenario_is_flagged() {
        let dir = tempfile::tempdir().unwrap();
        let (_, src) = kam_sim::BUNDLED_SCENARIOS[0];
        let old = dir.path().join("old.ron");
        std::fs::write(&old, src).unwrap();
        let p = kam_sim::load_file(&old).unwrap().0;
        // Played on a private copy with a changed title: same id, different content.
        let edited = dir.path().join("edited.ron");
        std::fs::write(&edited, src.replacen("title: \"", "title: \"Edited: ", 1)).unwrap();
        let q = kam_sim::load_file(&edited).unwrap().0;
        assert_ne!(
            kam_sim::scenario_hash(&p),
            kam_sim::scenario_hash(&q),
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

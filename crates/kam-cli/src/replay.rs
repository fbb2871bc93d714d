//! `kam replay RESULT`: recompute a result file from its decision log and say whether it holds;
//! `kam replay --rescore RESULT --out NEW.ron`: play the log on this build's model and write
//! the result it gives, so an old class can be compared under a new release.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kam_sim::model::MODEL_VERSION;
use kam_sim::{AccountId, Decision, Game, Pending, Prepared};
use kam_sim::{GameRecord, RecordVerdict};

use crate::scenario_source;
use crate::words::replay::Say;
use crate::words::{Lang, fill};
use crate::{INVALID, Io, OK, USAGE};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    kam replay results/alice.ron                                 verify a trainee's result\n  \
    kam replay results/bob.ron --scenario my_scenario.ron        one played on your own scenario\n  \
    kam replay --rescore results/alice.ron --out model4/alice.ron\n                                                               \
    score an earlier release's result with this model")]
pub struct Args {
    /// A result file written by the game.
    #[arg(value_name = "RESULT")]
    pub result: PathBuf,
    /// The scenario file it was played on (bundled scenarios are found by id without this).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Play the result's decisions on this build's model and write a new result file, marked
    /// with this model, with the scores they give now (to --out; the original is left as it is).
    #[arg(long, requires = "out")]
    pub rescore: bool,
    /// Where --rescore writes the new result file.
    #[arg(long, value_name = "NEW.ron", requires = "rescore")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args, io: &mut Io) -> u8 {
    let result = match kam_sim::read_record(&args.result) {
        Ok(result) => result,
        Err(e) => {
            // The reading error is the record module's own sentence (issue 22: typed errors).
            let _ = writeln!(io.err, "kam replay: {e}");
            return if args.result.exists() { INVALID } else { USAGE };
        }
    };
    let candidates = match &args.scenario {
        None => Vec::new(),
        Some(path) => match scenario_source::load_or_report(path, "replay", io) {
            Ok(prepared) => vec![prepared],
            Err(status) => return status,
        },
    };
    let Some(prepared) = scenario_source::for_record(&result, &candidates) else {
        let say = Say::NotBundled.t(io.lang_for(None));
        let _ = writeln!(io.err, "{}", fill(say, &[&result.scenario_id]));
        return USAGE;
    };
    let lang = io.lang_for(Some(prepared.scenario.language));
    if let (true, Some(out)) = (args.rescore, &args.out) {
        return rescore(&args.result, out, prepared, &result, lang, io);
    }
    let shown = args.result.display();
    match kam_sim::verify_record(prepared, &result) {
        RecordVerdict::Verified(game) => {
            let s = kam_sim::score_game(&game);
            let verified = fill(
                Say::Verified.t(lang),
                &[
                    &shown,
                    &result.player,
                    &result.scenario_id,
                    &result.seed,
                    &result.decisions.len(),
                    &format!("{:.1}", s.composite),
                    &s.grade,
                    &format!("{:.1}", s.retention),
                    &format!("{:.0}", s.profit),
                    &format!("{:.1}", s.satisfaction),
                ],
            );
            let _ = writeln!(io.out, "{verified}");
            OK
        }
        RecordVerdict::OtherModel { made, here } => {
            let _ = writeln!(
                io.err,
                "{}",
                fill(Say::OtherModel.t(lang), &[&shown, &made, &here])
            );
            let _ = writeln!(io.err, "{}", fill(Say::HowToRescore.t(lang), &[&shown]));
            INVALID
        }
        RecordVerdict::Mismatch(differences) => {
            let _ = writeln!(io.err, "{}", fill(Say::DoesNotMatch.t(lang), &[&shown]));
            for d in differences {
                let _ = writeln!(io.err, "  {}", crate::report::difference(lang, &d));
            }
            INVALID
        }
        RecordVerdict::Unreplayable(why) => {
            // Why a decision no longer applies is the engine's sentence (issue 22).
            let _ = writeln!(io.err, "{}", fill(Say::DoesNotMatch.t(lang), &[&shown]));
            let _ = writeln!(io.err, "  {}", why.words(lang));
            INVALID
        }
    }
}

/// `--rescore`: plays `result`'s log on this model and writes the record it gives to `out`
/// (atomically, as saves are written). Nothing is written when a decision no longer applies.
fn rescore(
    path: &Path,
    out: &Path,
    prepared: Arc<Prepared>,
    result: &GameRecord,
    lang: Lang,
    io: &mut Io,
) -> u8 {
    let shown = path.display();
    if same_file(path, out) {
        let _ = writeln!(io.err, "{}", fill(Say::OutIsInput.t(lang), &[&shown]));
        return USAGE;
    }
    let same_scenario = result.scenario_hash == kam_sim::scenario_hash(&prepared);
    // A result of this very model must hold before it is rewritten: rescoring is not a way to
    // launder an edited one.
    if result.model == MODEL_VERSION
        && same_scenario
        && let RecordVerdict::Mismatch(differences) =
            kam_sim::verify_record(Arc::clone(&prepared), result)
    {
        let say = Say::AlreadyThisModel.t(lang);
        let _ = writeln!(io.err, "{}", fill(say, &[&shown, &MODEL_VERSION]));
        for d in differences {
            let _ = writeln!(io.err, "  {}", crate::report::difference(lang, &d));
        }
        return INVALID;
    }
    let game = match play_on_this_model(prepared, result, lang) {
        Ok(game) => game,
        Err(why) => {
            let say = Say::CannotRescore.t(lang);
            let _ = writeln!(io.err, "{}", fill(say, &[&shown, &MODEL_VERSION, &why]));
            return INVALID;
        }
    };
    let rescored = kam_sim::record_game(&game, &result.player);
    if let Err(e) = kam_sim::write_record_atomic(out, &rescored) {
        let say = Say::CannotWrite.t(lang);
        let why = crate::words::common::io_error(lang, &e);
        let _ = writeln!(io.err, "{}", fill(say, &[&out.display(), &why]));
        return USAGE;
    }
    if !same_scenario {
        let say = Say::ScenarioChanged.t(lang);
        let _ = writeln!(io.err, "{}", fill(say, &[&result.scenario_id, &shown]));
    }
    let (old, new) = (&result.scores, &rescored.scores);
    let rescored_line = fill(
        Say::Rescored.t(lang),
        &[
            &out.display(),
            &result.player,
            &result.scenario_id,
            &result.seed,
            &result.decisions.len(),
            &result.model,
            &MODEL_VERSION,
        ],
    );
    let _ = writeln!(io.out, "{rescored_line}");
    let (one, none) = (|x: f64| format!("{x:.1}"), |x: f64| format!("{x:.0}"));
    let scores = fill(
        Say::RescoredScores.t(lang),
        &[
            &one(old.composite),
            &one(new.composite),
            &old.grade,
            &new.grade,
            &one(old.retention),
            &one(new.retention),
            &none(old.profit),
            &none(new.profit),
            &one(old.satisfaction),
            &one(new.satisfaction),
        ],
    );
    let _ = writeln!(io.out, "{scores}");
    OK
}

/// Whether two paths name one file (`b` need not exist).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Plays a record's decisions from the start on this model. A decision the game refuses is
/// named: its number, its turn, what it was and why; so is a finished game's log that runs out
/// before this model's game ends (it asks for a decision the result does not hold).
fn play_on_this_model(
    prepared: Arc<Prepared>,
    result: &GameRecord,
    lang: Lang,
) -> Result<Game, String> {
    let mut game = Game::new(prepared, result.seed);
    let n = result.decisions.len();
    for (i, decision) in result.decisions.iter().enumerate() {
        let at = when(&game, lang);
        let what = describe(&game, decision, lang);
        // A decision of another kind than the game asks for: say what it asks for.
        let out_of_turn = !game.is_finished()
            && matches!(
                (decision, game.pending()),
                (Decision::Plan(_), Some(_))
                    | (Decision::Choose(_), None | Some(Pending::Negotiation(_)))
                    | (
                        Decision::Offer(_) | Decision::WalkAway,
                        None | Some(Pending::Event { .. })
                    )
            );
        let waiting = if out_of_turn {
            fill(Say::GameWaitsFor.t(lang), &[&waiting_for(&game, lang)])
        } else {
            String::new()
        };
        if let Err(e) = game.decide(decision.clone()) {
            // The refusal's reason is the engine's sentence (issue 22: typed decision errors).
            let number = i + 1;
            let say = Say::NoLongerApplies.t(lang);
            return Err(fill(say, &[&number, &n, &at, &what, &e, &waiting]));
        }
    }
    if result.finished && !game.is_finished() {
        let (at, waiting) = (when(&game, lang), waiting_for(&game, lang));
        return Err(fill(Say::LogEndsEarly.t(lang), &[&n, &at, &waiting]));
    }
    Ok(game)
}

/// Where in the game a decision is made.
fn when(game: &Game, lang: Lang) -> String {
    if game.is_finished() {
        Say::AfterTheEnd.t(lang).to_owned()
    } else {
        fill(Say::Turn.t(lang), &[&game.turn()])
    }
}

/// A decision in words, named by what it answers in `game` (the game just before it).
fn describe(game: &Game, decision: &Decision, lang: Lang) -> String {
    let scenario = game.scenario();
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let negotiation = || match game.pending() {
        Some(Pending::Negotiation(n)) => Some(scenario.negotiations[n.negotiation].id.as_str()),
        _ => None,
    };
    match decision {
        Decision::Plan(plan) => {
            let units: u32 = plan.resources.iter().map(|r| r.units).sum();
            let count = |n: usize, one: Say, many: Say| match n {
                1 => one.t(lang).to_owned(),
                n => say(many, &[&n]),
            };
            let visits = count(plan.visits.len(), Say::OneVisit, Say::Visits);
            let units = count(units as usize, Say::OneUnit, Say::Units);
            say(Say::PlanOf, &[&visits, &units])
        }
        Decision::Choose(c) => match game.pending() {
            Some(Pending::Event { event, .. }) => {
                say(Say::ChoiceForEvent, &[&scenario.events[*event].id, c])
            }
            _ => say(Say::ChoiceForSomeEvent, &[c]),
        },
        Decision::Offer(options) => {
            let options: Vec<String> = options.iter().map(|o| o.to_string()).collect();
            let options = options.join(", ");
            match negotiation() {
                Some(id) => say(Say::OfferIn, &[&id, &options]),
                None => say(Say::Offer, &[&options]),
            }
        }
        Decision::WalkAway => match negotiation() {
            Some(id) => say(Say::WalkAwayFrom, &[&id]),
            None => Say::WalkAway.t(lang).to_owned(),
        },
        Decision::Read {
            account,
            stakeholder,
            ..
        } => {
            let account = scenario
                .accounts
                .get(account.index())
                .map_or("?", |a| a.id.as_str());
            say(Say::Reading, &[&account, stakeholder])
        }
    }
}

/// What `game` needs decided next, in words.
fn waiting_for(game: &Game, lang: Lang) -> String {
    let scenario = game.scenario();
    let account = |a: AccountId| {
        scenario
            .accounts
            .get(a.index())
            .map_or_else(|| a.to_string(), |a| a.id.clone())
    };
    match game.pending() {
        _ if game.is_finished() => Say::Nothing.t(lang).to_owned(),
        None => Say::ThePlan.t(lang).to_owned(),
        Some(Pending::Event {
            event, account: a, ..
        }) => fill(
            Say::AnswerTo.t(lang),
            &[&account(*a), &scenario.events[*event].id],
        ),
        Some(Pending::Negotiation(n)) => fill(
            Say::OfferWith.t(lang),
            &[
                &account(n.account),
                &scenario.negotiations[n.negotiation].id,
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::kam;
    use crate::{INVALID, OK, USAGE};
    use kam_sim::model::MODEL_VERSION;
    use kam_sim::{Decision, Game};

    fn played(dir: &tempfile::TempDir) -> (std::path::PathBuf, kam_sim::GameRecord) {
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        let (prepared, _) = kam_sim::load_str(file, src).unwrap();
        let game = kam_sim::play(&prepared, kam_sim::StrategyId::Expert, 4).unwrap();
        let result = kam_sim::record_game(&game, "Alice");
        let path = dir.path().join("alice.ron");
        kam_sim::write_record_atomic(&path, &result).unwrap();
        (path, result)
    }

    #[test]
    fn a_genuine_result_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = played(&dir);
        let (status, out, err) = kam(&["replay", path.to_str().unwrap()]);
        assert_eq!(status, OK, "{err}");
        assert!(out.contains("verified") && out.contains("Alice"), "{out}");
    }

    /// In Chinese the verdict and its figures are Chinese, and the same figures as in English.
    #[test]
    fn a_verified_result_is_told_in_the_language_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = played(&dir);
        let path = path.to_str().unwrap();
        let (status, zh, err) = kam(&["--lang", "zh", "replay", path]);
        assert_eq!(status, OK, "{err}");
        assert!(zh.contains("核对无误") && zh.contains("综合得分"), "{zh}");
        assert!(
            !zh.contains("verified") && !zh.contains("decisions"),
            "{zh}"
        );
        let (_, en, _) = kam(&["--lang", "en", "replay", path]);
        let numbers = |t: &str| {
            t.split(|c: char| !c.is_ascii_digit() && c != '.')
                .filter(|n| !n.is_empty() && n.chars().any(|c| c.is_ascii_digit()))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(&zh), numbers(&en), "{zh}\n{en}");
    }

    #[test]
    fn a_tampered_score_or_log_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut result) = played(&dir);
        result.scores.composite += 5.0;
        kam_sim::write_record_atomic(&path, &result).unwrap();
        let (status, _, err) = kam(&["replay", path.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        assert!(err.contains("composite"), "{err}");

        let (_, mut result) = played(&dir);
        result.decisions.truncate(result.decisions.len() / 2);
        kam_sim::write_record_atomic(&path, &result).unwrap();
        assert_eq!(kam(&["replay", path.to_str().unwrap()]).0, INVALID);
    }

    #[test]
    fn a_result_of_another_model_says_so_instead_of_calling_it_tampered() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = played(&dir);
        // A result written before model versions were recorded: no `model` field at all.
        let text = std::fs::read_to_string(&path).unwrap();
        let old: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("model:"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_ne!(old, text, "the record names its model");
        std::fs::write(&path, old).unwrap();
        let (status, _, err) = kam(&["replay", path.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        let here = kam_sim::model::MODEL_VERSION;
        assert!(
            err.contains(&format!("made with model 1; this is model {here}"))
                && !err.contains("does not match"),
            "{err}"
        );
    }

    /// `played`'s result as an earlier model wrote it: the previous model version and other
    /// scores (the log is this model's, so this build replays it without refusal).
    fn from_an_earlier_model(dir: &tempfile::TempDir) -> (std::path::PathBuf, kam_sim::GameRecord) {
        let (path, mut result) = played(dir);
        result.model = MODEL_VERSION - 1;
        result.scores.composite = 12.5;
        result.scores.retention = 40.0;
        kam_sim::write_record_atomic(&path, &result).unwrap();
        (path, result)
    }

    fn prepared() -> std::sync::Arc<kam_sim::Prepared> {
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        kam_sim::load_str(file, src).unwrap().0
    }

    #[test]
    fn a_result_of_an_earlier_model_is_named_with_its_model_and_how_to_rescore_it() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = from_an_earlier_model(&dir);
        let (status, out, err) = kam(&["replay", path.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        assert!(out.is_empty(), "{out}");
        let old = MODEL_VERSION - 1;
        assert!(
            err.contains(&format!(
                "made with model {old}; this is model {MODEL_VERSION}"
            )) && err.contains("kam replay --rescore")
                && !err.contains("does not match")
                && !err.contains("tamper"),
            "{err}"
        );
    }

    #[test]
    fn rescoring_an_earlier_models_result_writes_a_verifiable_result_of_this_model() {
        let dir = tempfile::tempdir().unwrap();
        let (path, old) = from_an_earlier_model(&dir);
        let new = dir.path().join("rescored").join("alice.ron");
        let (status, out, err) = kam(&[
            "replay",
            "--rescore",
            path.to_str().unwrap(),
            "--out",
            new.to_str().unwrap(),
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(
            out.contains(&format!(
                "rescored from model {} to model {MODEL_VERSION}",
                MODEL_VERSION - 1
            )) && out.contains("composite 12.5 -> "),
            "{out}"
        );

        let rescored = kam_sim::read_record(&new).unwrap();
        assert_eq!(rescored.model, MODEL_VERSION);
        assert_eq!(
            (
                &rescored.player,
                &rescored.scenario_id,
                &rescored.scenario_hash
            ),
            (&old.player, &old.scenario_id, &old.scenario_hash)
        );
        assert_eq!((rescored.seed, rescored.finished), (old.seed, true));
        assert_eq!(rescored.decisions, old.decisions);
        let replay = Game::replay(prepared(), old.seed, &old.decisions).unwrap();
        assert_eq!(rescored.scores, kam_sim::score_game(&replay));
        assert_ne!(rescored.scores, old.scores, "the old scores are replaced");
        // The original is left as it was.
        assert_eq!(kam_sim::read_record(&path).unwrap(), old);

        // The new file is a result of this model like any other: replay and report verify it.
        let (status, out, err) = kam(&["replay", new.to_str().unwrap()]);
        assert_eq!(status, OK, "{err}");
        assert!(out.contains("verified"), "{out}");
        let (status, out, err) = kam(&["report", new.to_str().unwrap()]);
        assert_eq!(status, OK, "{err}");
        assert!(
            out.contains("Alice") && !err.contains("flagged"),
            "{out}{err}"
        );
    }

    #[test]
    fn a_decision_that_no_longer_applies_is_named_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut result) = from_an_earlier_model(&dir);
        let k = result
            .decisions
            .iter()
            .position(|d| matches!(d, Decision::Choose(_)))
            .expect("the expert answers an event");
        result.decisions[k] = Decision::Choose(99);
        kam_sim::write_record_atomic(&path, &result).unwrap();
        let before = Game::replay(prepared(), result.seed, &result.decisions[..k]).unwrap();
        let Some(kam_sim::Pending::Event { event, .. }) = before.pending() else {
            panic!("an event is pending before decision {}", k + 1);
        };
        let event = &before.scenario().events[*event].id;

        let new = dir.path().join("new.ron");
        let rescore = |result: &std::path::Path| {
            kam(&[
                "replay",
                "--rescore",
                result.to_str().unwrap(),
                "--out",
                new.to_str().unwrap(),
            ])
        };
        let (status, out, err) = rescore(&path);
        assert_eq!(status, INVALID, "{out}");
        let n = result.decisions.len();
        let expected = format!(
            "decision {} of {n} (turn {}, choice number 99 for event `{event}`) no longer applies: the event has no choice number 99",
            k + 1,
            before.turn()
        );
        assert!(
            err.contains(&expected) && err.contains("nothing written"),
            "{err}\nexpected: {expected}"
        );
        assert!(!new.exists(), "nothing is written");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file either"
        );

        // A plan where an answer is due: what the game waits for is said too.
        result.decisions[k] = Decision::Plan(Default::default());
        kam_sim::write_record_atomic(&path, &result).unwrap();
        let (status, _, err) = rescore(&path);
        assert_eq!(status, INVALID);
        assert!(
            err.contains(&format!("decision {} of {n}", k + 1))
                && err.contains("the turn's plan: 0 visits")
                && err.contains(&format!("waiting for an answer to event `{event}`")),
            "{err}"
        );

        // A finished game whose log runs out before this model's game ends.
        let (_, mut result) = from_an_earlier_model(&dir);
        result.decisions.truncate(result.decisions.len() / 2);
        kam_sim::write_record_atomic(&path, &result).unwrap();
        let (status, _, err) = rescore(&path);
        assert_eq!(status, INVALID);
        assert!(err.contains("decisions end at turn"), "{err}");
        assert!(!new.exists());
    }

    #[test]
    fn rescoring_does_not_launder_an_edited_result_of_this_model_or_overwrite_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut result) = played(&dir);
        result.scores.composite += 5.0;
        kam_sim::write_record_atomic(&path, &result).unwrap();
        let new = dir.path().join("new.ron");
        let (status, _, err) = kam(&[
            "replay",
            "--rescore",
            path.to_str().unwrap(),
            "--out",
            new.to_str().unwrap(),
        ]);
        assert_eq!(status, INVALID);
        assert!(
            err.contains("does not match its replay") && err.contains("composite"),
            "{err}"
        );
        assert!(!new.exists());

        let (path, _) = from_an_earlier_model(&dir);
        let (status, _, err) = kam(&[
            "replay",
            "--rescore",
            path.to_str().unwrap(),
            "--out",
            path.to_str().unwrap(),
        ]);
        assert_eq!(status, USAGE);
        assert!(err.contains("another file"), "{err}");
        assert_eq!(
            kam_sim::read_record(&path).unwrap().model,
            MODEL_VERSION - 1
        );
    }

    #[test]
    fn rescore_and_out_go_together() {
        use clap::Parser;
        for args in [
            &["kam", "replay", "--rescore", "a.ron"][..],
            &["kam", "replay", "a.ron", "--out", "b.ron"],
        ] {
            let err = crate::Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        }
    }

    #[test]
    fn garbage_is_invalid_and_missing_is_usage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.ron");
        std::fs::write(&path, b"\xff\x00 not a record").unwrap();
        assert_eq!(kam(&["replay", path.to_str().unwrap()]).0, INVALID);
        assert_eq!(kam(&["replay", "/no/such/result.ron"]).0, USAGE);
    }
}

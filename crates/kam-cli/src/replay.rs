//! `kam replay RESULT`: recompute a result file from its decision log and say whether it holds.

use std::path::PathBuf;

use kam_sim::record::{self, Verdict};

use crate::scenario_source;
use crate::{INVALID, Io, OK, USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A result file written by the game.
    #[arg(value_name = "RESULT")]
    pub result: PathBuf,
    /// The scenario file it was played on (bundled scenarios are found by id without this).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

pub fn run(args: &Args, io: &mut Io) -> u8 {
    let result = match record::read(&args.result) {
        Ok(result) => result,
        Err(e) => {
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
        let _ = writeln!(
            io.err,
            "kam replay: the result is for scenario `{}`, which is not bundled; pass it with --scenario FILE",
            result.scenario_id
        );
        return USAGE;
    };
    let shown = args.result.display();
    match record::verify(prepared, &result) {
        Verdict::Verified(game) => {
            let s = kam_sim::score::score(&game);
            let _ = writeln!(
                io.out,
                "{shown}: verified: {} on `{}` seed {}, {} decisions, composite {:.1} (grade {}), retention {:.1}, profit {:.0}, satisfaction {:.1}",
                result.player,
                result.scenario_id,
                result.seed,
                result.decisions.len(),
                s.composite,
                s.grade,
                s.retention,
                s.profit,
                s.satisfaction
            );
            OK
        }
        Verdict::OtherModel(why) => {
            let _ = writeln!(io.err, "{shown}: {why}");
            INVALID
        }
        Verdict::Mismatch(differences) => {
            let _ = writeln!(io.err, "{shown}: does not match its replay:");
            for d in differences {
                let _ = writeln!(io.err, "  {d}");
            }
            INVALID
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::kam;
    use crate::{INVALID, OK, USAGE};
    use kam_sim::record;

    fn played(dir: &tempfile::TempDir) -> (std::path::PathBuf, record::GameRecord) {
        let (file, src) = kam_sim::bundled::SCENARIOS[0];
        let (prepared, _) = kam_sim::load::load_str(file, src).unwrap();
        let game = kam_sim::batch::play(&prepared, "expert", 4).unwrap();
        let result = record::record(&game, "Alice");
        let path = dir.path().join("alice.ron");
        record::write_atomic(&path, &result).unwrap();
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

    #[test]
    fn a_tampered_score_or_log_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut result) = played(&dir);
        result.scores.composite += 5.0;
        record::write_atomic(&path, &result).unwrap();
        let (status, _, err) = kam(&["replay", path.to_str().unwrap()]);
        assert_eq!(status, INVALID);
        assert!(err.contains("composite"), "{err}");

        let (_, mut result) = played(&dir);
        result.decisions.truncate(result.decisions.len() / 2);
        record::write_atomic(&path, &result).unwrap();
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

    #[test]
    fn garbage_is_invalid_and_missing_is_usage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.ron");
        std::fs::write(&path, b"\xff\x00 not a record").unwrap();
        assert_eq!(kam(&["replay", path.to_str().unwrap()]).0, INVALID);
        assert_eq!(kam(&["replay", "/no/such/result.ron"]).0, USAGE);
    }
}

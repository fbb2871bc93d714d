//! Where a command's scenario comes from: a file on disk, or a bundled scenario by name.
//!
//! Instructors mostly work with files; `kam simulate classroom_en` saves typing the path and
//! works from any directory because the bundled scenarios are compiled in.

use std::path::Path;
use std::sync::Arc;

use kam_sim::Diagnostic;
use kam_sim::FoundScenario;
use kam_sim::Prepared;

use crate::words::common::Say;
use crate::words::{Lang, fill};
use crate::{INVALID, Io, USAGE};

/// Why a scenario could not be had.
#[derive(Debug)]
pub enum SourceError {
    /// Neither a readable file nor a bundled name.
    Unreadable(String),
    /// Read, but invalid: every error found.
    Invalid(Vec<Diagnostic>),
}

/// Loads the scenario `arg` names: a file if it exists, else a bundled scenario by name
/// ([`kam_sim::find_scenario`], the rule the game uses too). Why a file cannot be read is said
/// in `lang`.
pub fn load_in(arg: &Path, lang: Lang) -> Result<(Arc<Prepared>, Vec<Diagnostic>), SourceError> {
    match kam_sim::find_scenario(arg) {
        FoundScenario::Bundled { file, src } => {
            kam_sim::load_str(file, src).map_err(SourceError::Invalid)
        }
        FoundScenario::File(path) => {
            let shown = path.display().to_string();
            match std::fs::read(&path) {
                Ok(bytes) => kam_sim::load_bytes(&shown, &bytes).map_err(SourceError::Invalid),
                Err(io) => {
                    let bundled = kam_sim::bundled_names().join(lang.pick("、", ", "));
                    let say = Say::CannotReadScenario.t(lang);
                    let why = crate::words::common::io_error(lang, &io);
                    Err(SourceError::Unreadable(fill(
                        say,
                        &[&shown, &why, &bundled],
                    )))
                }
            }
        }
    }
}

/// Every bundled scenario, loaded (they are validated by tests, so this cannot fail in a
/// released build; a broken one is skipped rather than aborting a report).
fn all_bundled() -> Vec<Arc<Prepared>> {
    kam_sim::BUNDLED_SCENARIOS
        .iter()
        .filter_map(|(file, src)| {
            kam_sim::load_str(file, src)
                .ok()
                .map(|(prepared, _)| prepared)
        })
        .collect()
}

/// The scenario a result was played on: among `candidates` (files given on the command line)
/// and the bundled ones, the one whose id and content hash match.
pub fn for_record(
    record: &kam_sim::GameRecord,
    candidates: &[Arc<Prepared>],
) -> Option<Arc<Prepared>> {
    let bundled = all_bundled();
    let all = candidates.iter().chain(bundled.iter());
    let same_id: Vec<&Arc<Prepared>> = all
        .filter(|p| p.scenario.id == record.scenario_id)
        .collect();
    same_id
        .iter()
        .find(|p| kam_sim::scenario_hash(p) == record.scenario_hash)
        .or(same_id.first())
        .map(|p| Arc::clone(p))
}

/// [`load`] for a command: on failure the reason is printed (every located error, or why the
/// file is unreadable) and the exit status to return is given back.
pub fn load_or_report(arg: &Path, command: &str, io: &mut Io) -> Result<Arc<Prepared>, u8> {
    let lang = io.lang_for(None);
    match load_in(arg, lang) {
        Ok((prepared, _warnings)) => Ok(prepared),
        Err(SourceError::Unreadable(message)) => {
            let _ = writeln!(io.err, "kam {command}: {message}");
            Err(USAGE)
        }
        Err(SourceError::Invalid(errors)) => {
            for e in errors {
                let _ = writeln!(io.err, "{}", e.render(lang));
            }
            Err(INVALID)
        }
    }
}

//! Game records: the save file and the result file are one thing, a decision log.
//!
//! A record names the scenario (id and a hash of its content), the seed and the player, and
//! holds every decision in order plus the scores they led to. Restoring a save or checking a
//! result both mean replaying the log: the engine is deterministic, so the replay either
//! reproduces the recorded scores exactly or the record was changed.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::{Decision, DecisionError, Game, Prepared};
use crate::score::{self, Scores};

pub const FORMAT: u32 = 1;

fn first_model() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameRecord {
    pub format: u32,
    /// The model version the game was played with ([`crate::model::MODEL_VERSION`]); records
    /// from before versions were written are model 1.
    #[serde(default = "first_model")]
    pub model: u32,
    pub scenario_id: String,
    /// SHA-256 of the scenario's content (with defaults filled in), so a result made with a
    /// changed scenario is told apart from one made with the class's version.
    pub scenario_hash: String,
    pub seed: u64,
    pub player: String,
    /// Turns completed when the record was written.
    pub turns_played: u32,
    pub finished: bool,
    pub decisions: Vec<Decision>,
    /// Scores at the time of writing (final scores when finished).
    pub scores: Scores,
    /// The difficulty the game was played at, when it was not the scenario's own (a
    /// `--difficulty` or a class setting); restored with the game.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<crate::scenario::Difficulty>,
}

/// The seed a seed field or class code stands for: a number is itself, any other text hashes
/// (FNV-1a of the trimmed, lower-cased code) so a class shares one seed; empty is the default.
pub fn seed_from_code(code: &str, default: u64) -> u64 {
    let code = code.trim();
    if code.is_empty() {
        return default;
    }
    if let Ok(n) = code.parse::<u64>() {
        return n;
    }
    code.to_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        })
}

/// A name fit for a file name on any system: letters (any script), digits, `-` and `_`;
/// anything else becomes `_` (a trainee's name, a class code).
pub fn file_safe(name: &str) -> String {
    let safe: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() { "_".into() } else { safe }
}

/// The content hash of a prepared scenario.
pub fn scenario_hash(prepared: &Prepared) -> String {
    let text = ron::to_string(&prepared.scenario).unwrap_or_default();
    sha256_hex(text.as_bytes())
}

/// SHA-256 of `bytes` as 64 lower-case hex digits: the one digest of the project (scenario
/// hashes here, stored secrets in the class server).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub fn record(game: &Game, player: &str) -> GameRecord {
    GameRecord {
        format: FORMAT,
        model: crate::model::MODEL_VERSION,
        scenario_id: game.scenario().id.clone(),
        scenario_hash: scenario_hash(game.prepared()),
        seed: game.seed(),
        player: player.to_owned(),
        turns_played: game.turn().saturating_sub(1).min(game.scenario().turns),
        finished: game.is_finished(),
        decisions: game.log().to_vec(),
        scores: score::score(game),
        difficulty: (game.prepared().difficulty != game.scenario().difficulty())
            .then_some(game.prepared().difficulty),
    }
}

/// A record as the text of a result file. Serialising cannot fail for the record's own types;
/// should it ever, the error comes back rather than an empty text written over a save.
pub fn to_string(record: &GameRecord) -> std::io::Result<String> {
    let config = ron::ser::PrettyConfig::new().depth_limit(3);
    ron::ser::to_string_pretty(record, config).map_err(std::io::Error::other)
}

pub fn from_str(text: &str) -> Result<GameRecord, String> {
    let record: GameRecord =
        ron::from_str(text).map_err(|e| format!("not a kam-trainer game record: {e}"))?;
    if record.format != FORMAT {
        return Err(format!(
            "a game record in format {}; this version of kam-trainer reads format {FORMAT}",
            record.format
        ));
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_record_in_another_format_is_refused_with_its_number() {
        let (file, src) = crate::bundled::SCENARIOS[0];
        let (prepared, _) = crate::load::load_str(file, src).unwrap();
        let game = crate::batch::play(&prepared, crate::strategy::StrategyId::Even, 1).unwrap();
        let mut record = super::record(&game, "Ann");
        assert!(super::from_str(&super::to_string(&record).unwrap()).is_ok());
        record.format = 7;
        let err = super::from_str(&super::to_string(&record).unwrap()).unwrap_err();
        assert!(err.contains("format 7"), "{err}");
    }
}

/// Writes a record so that a crash mid-write leaves the old file intact.
pub fn write_atomic(path: &Path, record: &GameRecord) -> std::io::Result<()> {
    write_text_atomic(path, &to_string(record)?)
}

/// The one atomic file write of the project (saves, results, settings): the text goes to a
/// temporary file of its own beside the target (unique per process and call, so two writers
/// never share one), is flushed to disk, renamed over the target, and the folder is synced so
/// the rename itself survives a power cut.
pub fn write_text_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    // Folders cannot be opened for syncing on every system; the data is safe without it.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

pub fn read(path: &Path) -> Result<GameRecord, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    from_str(&text)
}

/// Replays `game`'s decisions from the start, handing `visit` each one (with its index) and
/// the game as it stood just before it. Stops when `visit` breaks or a decision no longer
/// applies. The one walk of a decision log: what-ifs, the month-by-month comparison and the
/// coach's costliest mistakes all read a game this way.
pub fn walk_log(game: &Game, mut visit: impl FnMut(usize, &Decision, &Game) -> ControlFlow<()>) {
    let mut replay = Game::new(Arc::clone(game.prepared()), game.seed());
    for (i, decision) in game.log().iter().enumerate() {
        if visit(i, decision, &replay).is_break() || replay.decide(decision.clone()).is_err() {
            break;
        }
    }
}

/// The decisions of a game made before `month` began: replaying them gives the game as it
/// stood at the start of that month (a what-if starts there).
pub fn log_before_month(game: &Game, month: u32) -> Vec<Decision> {
    let mut out = Vec::new();
    walk_log(game, |_, decision, before| {
        if before.turn() >= month {
            return ControlFlow::Break(());
        }
        out.push(decision.clone());
        ControlFlow::Continue(())
    });
    out
}

/// Rebuilds the game a record describes (a save's "continue").
pub fn restore(prepared: Arc<Prepared>, record: &GameRecord) -> Result<Game, RestoreError> {
    if let Some(why) = other_model(record) {
        return Err(why);
    }
    if record.scenario_id != prepared.scenario.id {
        return Err(RestoreError::OtherScenario {
            record: record.scenario_id.clone(),
            here: prepared.scenario.id.clone(),
        });
    }
    if record.scenario_hash != scenario_hash(&prepared) {
        return Err(RestoreError::ScenarioChanged);
    }
    let prepared = match record.difficulty {
        Some(d) => prepared.at_difficulty(d),
        None => prepared,
    };
    Game::replay(prepared, record.seed, &record.decisions)
        .map_err(|(index, error)| RestoreError::Decision { index, error })
}

/// Why a record cannot be played again here; `refusals.rs` says it in either language.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreError {
    /// Made with model `made`; this build is model `here`.
    OtherModel { made: u32, here: u32 },
    /// The record is for scenario `record`, the file given is `here`.
    OtherScenario { record: String, here: String },
    /// The scenario file has changed since the record was made.
    ScenarioChanged,
    /// Decision `index` (from 0) of the log is refused.
    Decision { index: usize, error: DecisionError },
}

/// Why a record cannot be replayed by this model, when it was made with another.
fn other_model(record: &GameRecord) -> Option<RestoreError> {
    let here = crate::model::MODEL_VERSION;
    (record.model != here).then_some(RestoreError::OtherModel {
        made: record.model,
        here,
    })
}

/// What replaying a record found.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// The log reproduces the recorded scores exactly.
    Verified(Box<Game>),
    /// The log replays, but to other figures than the record's.
    Mismatch(Vec<Difference>),
    /// The log does not replay on this scenario.
    Unreplayable(RestoreError),
    /// The record was made with another model version.
    OtherModel { made: u32, here: u32 },
}

/// A figure a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Composite,
    Retention,
    Profit,
    ProfitScore,
    Satisfaction,
    Grade,
    Finished,
}

/// One recorded figure the replay does not reproduce, both written as they read best: two
/// decimals, or every decimal when the difference hides beyond the second.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub figure: Figure,
    pub recorded: String,
    pub replayed: String,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.figure {
            Figure::Composite => "composite",
            Figure::Retention => "retention",
            Figure::Profit => "profit",
            Figure::ProfitScore => "profit score",
            Figure::Satisfaction => "satisfaction",
            Figure::Grade => "grade",
            Figure::Finished => "finished",
        };
        write!(
            f,
            "{name}: recorded {}, replay gives {}",
            self.recorded, self.replayed
        )
    }
}

/// Replays a record and compares every recorded figure with the replay's.
pub fn verify(prepared: Arc<Prepared>, record: &GameRecord) -> Verdict {
    let here = crate::model::MODEL_VERSION;
    if record.model != here {
        return Verdict::OtherModel {
            made: record.model,
            here,
        };
    }
    let game = match restore(prepared, record) {
        Ok(game) => game,
        Err(e) => return Verdict::Unreplayable(e),
    };
    let replayed = score::score(&game);
    let mut differences = Vec::new();
    let figures = [
        (
            Figure::Composite,
            record.scores.composite,
            replayed.composite,
        ),
        (
            Figure::Retention,
            record.scores.retention,
            replayed.retention,
        ),
        (Figure::Profit, record.scores.profit, replayed.profit),
        (
            Figure::ProfitScore,
            record.scores.profit_score,
            replayed.profit_score,
        ),
        (
            Figure::Satisfaction,
            record.scores.satisfaction,
            replayed.satisfaction,
        ),
    ];
    for (figure, recorded, actual) in figures {
        if recorded.to_bits() != actual.to_bits() {
            let (r, a) = (format!("{recorded:.2}"), format!("{actual:.2}"));
            let (recorded, replayed) = if r == a {
                (recorded.to_string(), actual.to_string())
            } else {
                (r, a)
            };
            differences.push(Difference {
                figure,
                recorded,
                replayed,
            });
        }
    }
    if record.scores.grade != replayed.grade {
        differences.push(Difference {
            figure: Figure::Grade,
            recorded: record.scores.grade.to_string(),
            replayed: replayed.grade.to_string(),
        });
    }
    if record.finished != game.is_finished() {
        differences.push(Difference {
            figure: Figure::Finished,
            recorded: record.finished.to_string(),
            replayed: game.is_finished().to_string(),
        });
    }
    if differences.is_empty() {
        Verdict::Verified(Box::new(game))
    } else {
        Verdict::Mismatch(differences)
    }
}

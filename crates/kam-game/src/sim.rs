//! The one place the game talks to kam-sim's loading, records and explanations.
//!
//! Every screen goes through these functions, so when kam-sim's `load`, `record` and `explain`
//! modules change, only this file follows. The game never decides a rule here: numbers come
//! from the engine, texts from the scenario and the engine's causes.

use std::path::Path;
use std::sync::Arc;

use kam_sim::engine::{Cause, Game, Prepared, Source};
use kam_sim::scenario::{Language, Lesson, Scenario, Verdict};

use crate::i18n::{self, Lang};

pub use kam_sim::explain::{Level as WarnLevel, Warning};
pub use kam_sim::load::Diagnostic;
pub use kam_sim::record::GameRecord;

/// Loads and validates a scenario file; never panics.
pub fn load_file(path: &Path) -> Result<(Arc<Prepared>, Vec<Diagnostic>), Vec<Diagnostic>> {
    kam_sim::load::load_file(path)
}

/// Loads and validates scenario text.
pub fn load_str(file_name: &str, src: &str) -> Result<(Arc<Prepared>, Vec<Diagnostic>), Vec<Diagnostic>> {
    kam_sim::load::load_str(file_name, src)
}

/// A scenario built in code (the generated practice scenario).
pub fn prepare(scenario: Scenario) -> Arc<Prepared> {
    Prepared::new(scenario)
}

/// The record of a game: the save file and the result file.
pub fn record(game: &Game, player: &str) -> GameRecord {
    kam_sim::record::record(game, player)
}

pub fn write_record(path: &Path, record: &GameRecord) -> Result<(), String> {
    kam_sim::record::write_atomic(path, record).map_err(|e| e.to_string())
}

pub fn read_record(path: &Path) -> Result<GameRecord, String> {
    kam_sim::record::read(path).map_err(|e| e.to_string())
}

pub fn restore(prepared: Arc<Prepared>, record: &GameRecord) -> Result<Game, String> {
    kam_sim::record::restore(prepared, record)
}

/// Why a metric changed, in words.
pub fn cause_text(game: &Game, account: usize, cause: &Cause, lang: Lang) -> String {
    kam_sim::explain::cause_text(game, account, cause, lang)
}

/// Red, yellow and blue warnings for an account.
pub fn warnings(game: &Game, account: usize, lang: Lang) -> Vec<Warning> {
    kam_sim::explain::warnings(game, account, lang)
}

pub use kam_sim::debrief::Debrief;

pub fn debrief(game: &Game, lang: Lang) -> Debrief {
    kam_sim::debrief::debrief(game, lang)
}

/// Short label of a cause's source, for charts and compact lists.
pub fn source_label(game: &Game, account: usize, source: &Source, lang: Lang) -> String {
    let s = game.scenario();
    let person = |p: usize| {
        game.accounts()[account].people.get(p).map(|p| p.person.name.clone()).unwrap_or_default()
    };
    match source {
        Source::Visit { stakeholder, approach } => format!(
            "{} · {}",
            person(*stakeholder),
            s.approaches.get(*approach).map(|a| a.name.as_str()).unwrap_or("")
        ),
        Source::Resource { resource } => {
            s.means.resources.get(*resource).map(|r| r.name.clone()).unwrap_or_default()
        }
        Source::Choice { event, .. } | Source::RepeatedObjection { event } => {
            s.events.get(*event).map(|e| e.title.clone()).unwrap_or_default()
        }
        Source::Negotiation { negotiation } => {
            s.negotiations.get(*negotiation).map(|n| n.title.clone()).unwrap_or_default()
        }
        _ => i18n::t(lang, i18n::K::Event).to_owned(),
    }
}

/// The verdicts of a lesson's answered events, for the teaching points when kam-sim gives none.
pub fn lesson_verdicts(game: &Game, lesson: Lesson) -> Vec<Verdict> {
    game.choices()
        .iter()
        .filter(|c| game.scenario().events.get(c.event).and_then(|e| e.lesson) == Some(lesson))
        .map(|c| c.verdict)
        .collect()
}

/// The scenario language as the UI language.
pub fn scenario_lang(game: &Game) -> Language {
    game.scenario().language
}

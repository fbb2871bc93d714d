//! Where a session meets the disk: the data folder, the autosaves, the remembered settings and
//! the exported result file (part of the session, split out of `session.rs` to keep each file
//! to one job).
//!
//! A class game has its own autosave, beside the one every other game shares. A trainee who
//! restarts the game and starts the tutorial (the title's preselected card, one Enter away)
//! must not lose the class game's seat and its months not yet sent, and would not expect a
//! question about it either: the class game simply stays saved, and the title offers both.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kam_sim::GameRecord;
use serde::{Deserialize, Serialize};

use super::*;

/// The per-user data folder: `$KAM_TRAINER_DATA`, else `$XDG_DATA_HOME/kam-trainer`, else
/// `~/.local/share/kam-trainer`.
pub fn data_dir() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("KAM_TRAINER_DATA")
        .or_else(|| var("XDG_DATA_HOME").map(|d| d.join("kam-trainer")))
        .or_else(|| var("HOME").map(|h| h.join(".local/share/kam-trainer")))
}

/// What the autosave file holds: the game record plus where its scenario came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Autosave {
    pub source: String,
    pub lang: String,
    pub record: GameRecord,
    /// The class seat of a class game (its scenario comes from there).
    #[serde(default)]
    pub class: Option<crate::class::SavedSeat>,
    /// When the saved game is a what-if: the month it starts at and the original game.
    #[serde(default)]
    pub what_if: Option<(u32, GameRecord)>,
    /// Saved while the month's report was on screen, unread (a month ends with a save). A class
    /// game continues there: in rounds, that report is what the trainee waited for, and the
    /// instructor may have released it while the game was closed (issue 20, finding 13).
    #[serde(default)]
    pub at_report: bool,
    /// The plan being drawn up for the month in hand (the month, the plan), so leaving a game
    /// and continuing it gives the plan back too ("it is autosaved", the leave dialog says).
    #[serde(default)]
    pub draft: Option<(u32, kam_sim::Plan)>,
    /// The other saved game, when both a class game (this one) and another game are saved:
    /// the title screen offers it too ([`Session::offer_other_save`]). Not written to disk:
    /// each is its own file.
    #[serde(skip)]
    pub other: Option<Box<Autosave>>,
}

/// The autosave of every game but a class game.
pub fn autosave_path(dir: &Path) -> PathBuf {
    dir.join("autosave.ron")
}

/// The class game's autosave: its own file, so no other game ever writes over it.
pub fn class_autosave_path(dir: &Path) -> PathBuf {
    dir.join("class-autosave.ron")
}

/// What the game remembers between runs: the UI language, the player's name and the last
/// class server (never a seed or a game: those are the autosave's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedSettings {
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub player: String,
    #[serde(default)]
    pub server: String,
    /// The guided first game was done or skipped.
    #[serde(default)]
    pub guide_done: bool,
}

pub(super) fn settings_path(dir: &Path) -> PathBuf {
    dir.join("settings.ron")
}

/// The remembered settings; a missing or unreadable file is simply no settings.
pub(super) fn read_settings(dir: &Path) -> Option<SavedSettings> {
    let text = std::fs::read_to_string(settings_path(dir)).ok()?;
    ron::from_str(&text).ok()
}

/// The saved game to offer: an unfinished class game first (its class goes on without it),
/// with any other unfinished game in [`Autosave::other`]; else the other game.
pub(super) fn read_autosave(dir: &Path) -> Result<Option<Autosave>, String> {
    let mut class = read_save_file(&class_autosave_path(dir))?;
    let mut plain = read_save_file(&autosave_path(dir))?;
    if plain.as_ref().is_some_and(|p| p.class.is_some()) {
        // A class game saved before class games had their own file. Once the class file
        // exists it is the newer copy of the class game, and this one is stale.
        let legacy = plain.take();
        if class.is_none() {
            class = legacy;
        }
    }
    Ok(match class.filter(|c| !c.record.finished) {
        Some(mut class) => {
            class.other = plain.filter(|p| !p.record.finished).map(Box::new);
            Some(class)
        }
        None => plain,
    })
}

fn read_save_file(path: &Path) -> Result<Option<Autosave>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => ron::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Before another game is first saved over `autosave.ron`: a class game an older version
/// saved there moves to its own file, unless that file already holds the newer copy.
fn move_legacy_class_save(dir: &Path) {
    let (plain, class) = (autosave_path(dir), class_autosave_path(dir));
    if class.exists() {
        return;
    }
    if let Ok(Some(save)) = read_save_file(&plain)
        && save.class.is_some()
    {
        let _ = std::fs::rename(&plain, &class);
    }
}

impl Session {
    /// Keeps the language, name and class server for the next run (a failure to write is
    /// not worth interrupting anyone for: they are conveniences).
    pub(super) fn remember(&self) {
        let Some(dir) = &self.settings.data_dir else {
            return;
        };
        let form = &self.title.form;
        let settings = SavedSettings {
            lang: form.lang.map(|l| match l {
                Lang::Zh => "zh".to_owned(),
                Lang::En => "en".to_owned(),
            }),
            player: form.player.trim().to_owned(),
            server: form.server.trim().to_owned(),
            guide_done: self.settings.guide_done,
        };
        if let Ok(text) = ron::to_string(&settings) {
            let _ = kam_sim::write_text_atomic(&settings_path(dir), &text);
        }
    }

    /// The title's "continue" for the other saved game: it becomes the one offered first
    /// (what [`Action::Resume`] resumes), and the class game the other.
    pub fn offer_other_save(&mut self) {
        if let Some(mut first) = self.title.autosave.take() {
            match first.other.take() {
                Some(mut other) => {
                    other.other = Some(Box::new(first));
                    self.title.autosave = Some(*other);
                }
                None => self.title.autosave = Some(first),
            }
        }
    }

    /// Continues the saved game the title offers first; a save that no longer loads is said
    /// on the title instead.
    pub(super) fn resume(&mut self) {
        let Some(save) = self.title.autosave.clone() else {
            return;
        };
        let source = match &save.class {
            Some(seat) => ScenarioSource::Class(Arc::from(seat.scenario.as_str())),
            None => ScenarioSource::from_saved(&save.source),
        };
        let restored = source
            .load()
            .map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>())
            .and_then(|(p, _)| {
                kam_sim::restore_record(p, &save.record).map_err(|e| vec![e.words(self.lang)])
            });
        match restored {
            Ok(game) => self.continue_saved(save, source, game),
            Err(lines) => {
                self.title.error = Some(ErrorBox {
                    title: K::SaveUnreadable.t(self.lang).to_owned(),
                    lines,
                    what_to_do: K::FixSave.t(self.lang).to_owned(),
                })
            }
        }
    }

    /// Puts a saved game back in hand, where it was left.
    fn continue_saved(&mut self, save: Autosave, source: ScenarioSource, game: Game) {
        if let Some(lang) = i18n::parse_lang(&save.lang)
            && !self.settings.lang_fixed
        {
            self.lang = lang;
        }
        let finished = game.is_finished();
        // Counting from what the server had acknowledged at the save; the server tells the
        // link what it holds when it answers, and the rest is sent again.
        let seat = save.class.clone().map(|seat| {
            let acknowledged = seat.acknowledged;
            crate::class::ClassSeat::connect(seat, &game, acknowledged)
        });
        let class_report = seat.is_some()
            && save.at_report
            && game.pending().is_none()
            && !game.history(0).is_empty();
        let player = self.player_name(&save.record.player);
        // A what-if comes back with the original game beside it (its debrief is worked out
        // again when the what-if is left).
        let original = save.what_if.as_ref().and_then(|(month, record)| {
            let original = kam_sim::restore_record(Arc::clone(game.prepared()), record).ok()?;
            let original = Play::new(source.clone(), original, player.clone());
            Some(WhatIf {
                month: *month,
                original: Box::new(original),
                suggestion: None,
            })
        });
        // The plan drawn up for the month in hand, when the save was made in that month.
        let draft = save
            .draft
            .as_ref()
            .filter(|(month, _)| *month == game.turn() && !finished)
            .map(|(_, plan)| plan.clone());
        let mut play = Play::new(source, game, player);
        play.what_if = original;
        if let Some(plan) = draft {
            play.draft.plan = plan;
        }
        self.begin(play);
        self.class.seat = seat;
        if finished {
            self.finish();
        } else if class_report {
            // The report waits for the class's release if need be, then shows.
            self.screen = Screen::Report;
        } else {
            self.next_pending_after_resume();
        }
    }

    /// Saves the game so a crash loses at most the turn being played: a class game in its own
    /// file, any other game in the shared one.
    pub fn autosave_now(&mut self) {
        let (Some(dir), Some(play)) = (&self.settings.data_dir, &mut self.play) else {
            return;
        };
        let game = &play.game;
        let save = Autosave {
            source: play.source.to_saved(),
            lang: match self.lang {
                Lang::Zh => "zh".into(),
                Lang::En => "en".into(),
            },
            record: kam_sim::record_game(game, &play.player),
            class: self
                .class
                .seat
                .as_ref()
                .map(crate::class::ClassSeat::to_save),
            what_if: play.what_if.as_ref().map(|w| {
                let original = kam_sim::record_game(&w.original.game, &play.player);
                (w.month, original)
            }),
            at_report: self.screen == Screen::Report,
            draft: (!play.draft.plan.visits.is_empty() || !play.draft.plan.resources.is_empty())
                .then(|| (game.turn(), play.draft.plan.clone())),
            other: None,
        };
        // A save that cannot be written as text leaves the last one on disk, never an empty
        // file over it.
        let text = ron::ser::to_string_pretty(&save, ron::ser::PrettyConfig::new().depth_limit(4))
            .map_err(std::io::Error::other);
        let path = if save.class.is_some() {
            class_autosave_path(dir)
        } else {
            move_legacy_class_save(dir);
            autosave_path(dir)
        };
        match text.and_then(|text| kam_sim::write_text_atomic(&path, &text)) {
            Ok(()) => play.notice = Some(K::Autosaved.t(self.lang).to_owned()),
            Err(e) => play.notice = Some(i18n::labelled(self.lang, K::Error.t(self.lang), e)),
        }
    }

    /// Writes the result file for the instructor (`kam replay` verifies it); never a
    /// what-if's, which is practice.
    pub(super) fn export(&mut self) {
        let lang = self.lang;
        let dir = self
            .settings
            .data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("results");
        let Some(play) = &mut self.play else { return };
        if play.what_if.is_some() {
            play.message = Some(K::WhatIfNotResult.t(lang).to_owned());
            return;
        }
        let game = &play.game;
        // The class code when the game was started with one, so an instructor sees the class
        // in the file name; otherwise the seed.
        let code = play.seed_code.trim();
        let seed = if code.is_empty() || code.parse::<u64>().is_ok() {
            game.seed().to_string()
        } else {
            kam_sim::file_safe(code)
        };
        let path = dir.join(format!(
            "{}-{}-{seed}.ron",
            kam_sim::file_safe(&play.player),
            game.scenario().id,
        ));
        match kam_sim::write_record_atomic(&path, &kam_sim::record_game(game, &play.player)) {
            Ok(()) => {
                play.notice = Some(format!("{} {}", K::Exported.t(lang), path.display()));
                play.exported = Some(path);
            }
            Err(e) => play.message = Some(i18n::labelled(lang, K::Error.t(lang), e)),
        }
    }
}

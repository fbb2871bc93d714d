//! The game session: the one view model every screen reads and the only place player actions
//! change anything.
//!
//! A screen's view draws from a [`Session`] and returns [`Action`]s; [`Session::apply`] turns
//! each action into a kam-sim decision (or a change to the draft plan) and picks the next
//! [`Screen`]. No rule of the game lives here: plans are checked by `Game::check_plan`, numbers
//! come from the engine, words for causes and warnings from `kam_sim::explain`.
//!
//! The session is nested by concern, as egui's demo keeps its state: the title screen's
//! [`TitleScreen`], the game in hand [`Play`] (its draft, offer, what-if and debrief, in
//! `play.rs`), the class [`ClassLink`] and the run's [`Settings`]. Starting a game, a what-if
//! or a new game assigns one fresh value, so nothing of the last game can linger. The month's
//! flow lives in `flow.rs`, draft edits in `draft.rs`, joining a class in `joining.rs`, the
//! disk in `saves.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;
use kam_sim::Diagnostic;
use kam_sim::{AccountState, Game, Prepared, ResourceUse, Visit};

use crate::class::ClassLink;
use crate::i18n::{self, K, Lang};

mod draft;
mod flow;
mod joining;
mod play;
mod saves;
pub use play::{Confirm, DebriefData, DraftPlan, ExpertGame, Feedback, NegoDraft, Play, WhatIf};
pub use saves::{Autosave, SavedSettings, autosave_path, data_dir};
use saves::{read_autosave, read_settings};

/// The screens of the game, in the order a game goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Briefing,
    Turn,
    Event,
    Negotiation,
    Report,
    Debrief,
}

/// Where a scenario comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioSource {
    /// A bundled scenario by file name without `.ron` (`classroom_zh`).
    Bundled(String),
    File(PathBuf),
    /// A live class's scenario, as its server sent it.
    Class(Arc<str>),
}

impl ScenarioSource {
    /// A command-line argument, found by the rule every `kam` command uses
    /// ([`kam_sim::find_scenario`]): an existing file, else a bundled name, else a (missing) file.
    pub fn from_arg(arg: &Path) -> ScenarioSource {
        match kam_sim::find_scenario(arg) {
            kam_sim::FoundScenario::Bundled { file, .. } => {
                ScenarioSource::Bundled(file.trim_end_matches(".ron").to_owned())
            }
            kam_sim::FoundScenario::File(path) => ScenarioSource::File(path),
        }
    }

    fn to_saved(&self) -> String {
        match self {
            ScenarioSource::Bundled(n) => format!("bundled:{n}"),
            ScenarioSource::File(p) => p.display().to_string(),
            ScenarioSource::Class(_) => "class".to_owned(),
        }
    }

    fn from_saved(s: &str) -> ScenarioSource {
        match s.strip_prefix("bundled:") {
            Some(n) => ScenarioSource::Bundled(n.to_owned()),
            None => ScenarioSource::File(PathBuf::from(s)),
        }
    }

    /// Loads and validates the scenario; never panics.
    pub fn load(&self) -> Result<(Arc<Prepared>, Vec<Diagnostic>), Vec<Diagnostic>> {
        match self {
            ScenarioSource::Bundled(name) => match kam_sim::bundled_scenario(name) {
                Some((f, src)) => kam_sim::load_str(f, src),
                None => kam_sim::load_file(Path::new(&format!("{name}.ron"))),
            },
            ScenarioSource::File(path) => kam_sim::load_file(path),
            ScenarioSource::Class(text) => kam_sim::load_str("class.ron", text),
        }
    }

    pub fn label(&self) -> String {
        match self {
            ScenarioSource::Bundled(n) => n.clone(),
            ScenarioSource::File(p) => p.display().to_string(),
            ScenarioSource::Class(_) => "class".to_owned(),
        }
    }
}

/// A bundled scenario as the title screen lists it.
pub struct CatalogEntry {
    pub source: ScenarioSource,
    pub loaded: Result<Arc<Prepared>, Vec<Diagnostic>>,
}

pub use kam_sim::seed_from_code;

/// An error shown in the window: what went wrong, the details, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBox {
    pub title: String,
    pub lines: Vec<String>,
    pub what_to_do: String,
}

/// The title screen's form.
#[derive(Debug, Clone, Default)]
pub struct TitleForm {
    /// Index into the catalogue; `None` means the file path below.
    pub selected: Option<usize>,
    pub file_path: String,
    pub player: String,
    pub seed: String,
    /// The UI language chosen on the title screen; the scenario's when `None`.
    pub lang: Option<Lang>,
    /// "Join a class": the class server's address, its join code, and a rejoin code when
    /// taking a seat back on another computer.
    pub server: String,
    pub join_code: String,
    pub rejoin: String,
    /// The difficulty to play at; the scenario's own when `None` (`kam play --difficulty`).
    pub difficulty: Option<kam_sim::scenario::Difficulty>,
}

/// One player action.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start a new game from the title form.
    Start,
    /// Resume the autosave.
    Resume,
    /// Join the class the title form names.
    JoinClass,
    /// Stop waiting for a join's answer (its answer, if it comes, is ignored).
    CancelJoin,
    /// Leave the briefing for the first turn.
    BeginTurns,
    /// Esc: one screen back where that makes sense.
    Back,
    SelectAccount(usize),
    /// Note the trainee's reading of a person (Normal and Hard difficulty).
    Read {
        account: usize,
        stakeholder: usize,
        reading: kam_sim::Reading,
    },
    /// The approach new visits use.
    PickApproach(usize),
    AddVisit(Visit),
    RemoveVisit(usize),
    AddResource(ResourceUse),
    /// Takes one unit of a planned resource back (the line goes with its last unit).
    RemoveResource(usize),
    ClearPlan,
    /// Takes back the last change to the plan, whatever it was.
    Undo,
    /// Answers the question on screen (the play's [`Confirm`]): yes, go ahead.
    Confirm,
    /// …or no, stay.
    Cancel,
    EndTurn,
    Choose(usize),
    SetOffer {
        issue: usize,
        option: usize,
    },
    /// Move the arrow keys' focus to an issue of the offer.
    FocusIssue(usize),
    MakeOffer,
    WalkAway,
    /// Leave a feedback dialog, summary or report.
    Continue,
    Export,
    NewGame,
    /// Play again from the start of this month, with the same seed, beside the original.
    WhatIf(u32),
    /// Leave the what-if for the original game's debrief.
    LeaveWhatIf,
    /// A what-if from the month of the n-th "try next time" mistake, with its better plan
    /// offered beside the plan.
    ReplayMistake(usize),
    /// Take the what-if's suggested plan as the draft (undoable).
    UseSuggestion,
    /// Leave the guided first game (it is not offered again).
    SkipGuide,
    SetLang(Lang),
}

/// The title screen's state: the scenarios on offer, the form, the saved game to continue and
/// what went wrong with the last start.
pub struct TitleScreen {
    pub catalog: Vec<CatalogEntry>,
    pub form: TitleForm,
    /// The saved game the title offers to continue (unfinished only).
    pub autosave: Option<Autosave>,
    /// A broken scenario or save, shown until the next game starts.
    pub error: Option<ErrorBox>,
    /// A refused start or join ("pick a scenario", "a name is needed"), in the UI language.
    pub message: Option<String>,
}

/// What carries from one game to the next in this run of the game.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Where saves, settings and results go; `None` for automation, which never overwrites
    /// the player's autosave.
    pub data_dir: Option<PathBuf>,
    /// Whether the language came from the command line (then it sticks across scenarios).
    pub lang_fixed: bool,
    /// Whether the guided first game has been done (or skipped): it is offered once.
    pub guide_done: bool,
    /// The scenario the command line opened: what `--watch` reloads when no game is in hand
    /// (a file broken from the start has none).
    pub opened: Option<ScenarioSource>,
}

/// Everything the screens show and the player has decided so far, one field per concern.
#[derive(Resource)]
pub struct Session {
    pub screen: Screen,
    pub lang: Lang,
    pub title: TitleScreen,
    /// The game in hand, from its briefing to its debrief.
    pub play: Option<Play>,
    /// The seat in a live class the game is played in, and a join under way.
    pub class: ClassLink,
    pub settings: Settings,
}

impl Default for Session {
    fn default() -> Self {
        Session::new(None)
    }
}

impl Session {
    /// A session at the title screen, with the bundled scenarios and any autosave in `data_dir`.
    pub fn new(data_dir: Option<PathBuf>) -> Session {
        let catalog = kam_sim::BUNDLED_SCENARIOS
            .iter()
            .map(|(file, src)| CatalogEntry {
                source: ScenarioSource::Bundled(file.trim_end_matches(".ron").to_owned()),
                loaded: kam_sim::load_str(file, src).map(|(p, _)| p),
            })
            .collect::<Vec<_>>();
        let mut session = Session {
            screen: Screen::Title,
            lang: crate::i18n::system_lang(),
            title: TitleScreen {
                form: TitleForm {
                    selected: if catalog.is_empty() { None } else { Some(0) },
                    ..default()
                },
                catalog,
                autosave: None,
                error: None,
                message: None,
            },
            play: None,
            class: ClassLink::default(),
            settings: Settings {
                data_dir,
                ..Settings::default()
            },
        };
        session.read_data_dir();
        session
    }

    /// What the player chose last time (their language, name and class server) and the game
    /// they left unfinished.
    fn read_data_dir(&mut self) {
        let Some(dir) = self.settings.data_dir.clone() else {
            return;
        };
        if let Some(remembered) = read_settings(&dir) {
            if let Some(lang) = remembered.lang.as_deref().and_then(i18n::parse_lang) {
                self.lang = lang;
                self.title.form.lang = Some(lang);
            }
            self.title.form.player = remembered.player;
            self.title.form.server = remembered.server;
            self.settings.guide_done = remembered.guide_done;
        }
        match read_autosave(&dir) {
            Ok(save) => self.title.autosave = save.filter(|s| !s.record.finished),
            Err(e) => {
                self.title.error = Some(ErrorBox {
                    title: K::Error.t(self.lang).to_owned(),
                    lines: vec![e],
                    what_to_do: K::FixSave.t(self.lang).to_owned(),
                })
            }
        }
    }

    /// Whether the game waits for the class to release the month just played (rounds). A
    /// what-if is the trainee's own and never waits.
    pub fn waiting_for_class(&self) -> bool {
        match (&self.class.seat, &self.play) {
            (Some(seat), Some(play)) if play.what_if.is_none() => {
                seat.waiting(&play.game, &seat.link.state())
            }
            _ => false,
        }
    }

    pub fn game(&self) -> Option<&Game> {
        self.play.as_ref().map(|p| &p.game)
    }

    pub fn game_mut(&mut self) -> Option<&mut Game> {
        self.play.as_mut().map(|p| &mut p.game)
    }

    /// A money label in the language shown, with the scenario's unit of money.
    pub fn money_label(&self, key: K) -> String {
        let unit = self.game().and_then(|g| g.scenario().money_unit.as_deref());
        i18n::in_unit(self.lang, key.t(self.lang), unit)
    }

    /// Whether the coach (plan previews, hints) is on: practice, unless the scenario or the
    /// class is an exam.
    pub fn coach_on(&self) -> bool {
        let scenario = self.game().is_none_or(|g| {
            g.scenario().mode == kam_sim::scenario::Mode::Practice
                && g.prepared().difficulty.allows_coaching()
        });
        let class = self.class.seat.as_ref().is_none_or(|c| c.saved.coach);
        scenario && class
    }

    /// Brings what the turn screen works out from the draft (the coach's hints and plan
    /// preview, the resources' refusals) up to date; the turn screen calls it before drawing,
    /// and it works them out again only when something they depend on changed.
    pub fn refresh_draft(&mut self) {
        let coach_on = self.coach_on();
        if let Some(play) = &mut self.play {
            play.refresh_draft(coach_on);
        }
    }

    /// The coach's hints on the plan on the table, once there is one: after the first visit
    /// or resource of the month, or once the player tries to end the month (as of the last
    /// [`Session::refresh_draft`]).
    pub fn coach_hints(&self) -> &[kam_sim::Hint] {
        self.play.as_ref().map_or(&[], |p| p.coach_hints())
    }

    /// The player's name as shown: a game started without one shows the default name of the
    /// language on screen (学员, player), whichever language it was started in.
    pub fn player_label(&self) -> &str {
        let player = self.play.as_ref().map_or("", |p| p.player.as_str());
        let unnamed = player.trim().is_empty()
            || [Lang::Zh, Lang::En]
                .iter()
                .any(|l| player == K::DefaultPlayer.t(*l));
        if unnamed {
            K::DefaultPlayer.t(self.lang)
        } else {
            player
        }
    }

    /// The name a game records for `typed`: the language's default name when none was typed.
    fn player_name(&self, typed: &str) -> String {
        if typed.trim().is_empty() {
            K::DefaultPlayer.t(self.lang).to_owned()
        } else {
            typed.trim().to_owned()
        }
    }

    /// Starts a new game of `source` at the briefing; errors land in the title's error box.
    pub fn start(&mut self, source: ScenarioSource, seed_code: &str, player: &str) -> bool {
        match source.load() {
            Ok((prepared, warnings)) => {
                let seed = seed_from_code(seed_code, prepared.scenario.seed);
                if !self.settings.lang_fixed {
                    self.lang = self.title.form.lang.unwrap_or(prepared.scenario.language);
                }
                let tutorial = prepared.scenario.id == "tutorial";
                let prepared = match self.title.form.difficulty {
                    Some(d) => prepared.at_difficulty(d),
                    None => prepared,
                };
                let name = self.player_name(player);
                let mut play = Play::new(source, Game::new(prepared, seed), name);
                play.seed_code = seed_code.to_owned();
                // The first time the tutorial is played, the guide walks through it.
                if tutorial && !self.settings.guide_done {
                    play.guide = Some(crate::guide::Step::FIRST);
                }
                // Notes are for the author at `kam validate`, not the trainee's briefing.
                play.warnings = warnings
                    .into_iter()
                    .filter(|w| w.severity != kam_sim::Severity::Note)
                    .collect();
                self.begin(play);
                self.screen = Screen::Briefing;
                true
            }
            Err(diagnostics) => {
                self.show_scenario_errors(&diagnostics);
                false
            }
        }
    }

    /// Puts a new game in hand. It leaves the class (a class game takes its seat again after
    /// this), and the title's error is about a start that is over.
    fn begin(&mut self, play: Play) {
        self.class.seat = None;
        self.title.error = None;
        self.play = Some(play);
    }

    /// Shows a broken scenario's diagnostics (FILE:LINE:COL, then the problem in the window's
    /// language) on the title screen.
    fn show_scenario_errors(&mut self, diagnostics: &[Diagnostic]) {
        self.title.error = Some(ErrorBox {
            title: K::ScenarioBroken.t(self.lang).to_owned(),
            lines: diagnostics.iter().map(|d| d.render(self.lang)).collect(),
            what_to_do: K::FixScenario.t(self.lang).to_owned(),
        });
        self.screen = Screen::Title;
    }

    /// Reloads the scenario after its file changed (`--watch`): a new game at the first turn,
    /// or the errors in the window.
    pub fn reload(&mut self) {
        let (source, player) = match &self.play {
            Some(play) => (play.source.clone(), play.player.clone()),
            None => match &self.settings.opened {
                Some(source) => (source.clone(), String::new()),
                None => return,
            },
        };
        let seed_code = self.title.form.seed.clone();
        if self.start(source, &seed_code, &player)
            && let Some(play) = &mut self.play
        {
            self.screen = Screen::Turn;
            play.notice = Some(K::Reloaded.t(self.lang).to_owned());
        }
    }

    /// Applies one action, then moves the guide on and sends any new decision to the class
    /// (when in one; a what-if is the trainee's own and is never sent).
    pub fn apply(&mut self, action: Action) {
        let month = self.game().map(Game::turn);
        self.apply_here(action.clone());
        self.move_guide(&action, month);
        if let (Some(seat), Some(play)) = (&self.class.seat, &self.play)
            && play.what_if.is_none()
        {
            seat.link.update(play.game.log());
        }
    }

    /// The guided first game's next step after `action`, taken in `month`; once it is over it
    /// is remembered, so it is offered once.
    fn move_guide(&mut self, action: &Action, month: Option<u32>) {
        let month_ended = self.game().map(Game::turn) > month;
        let Some(play) = &mut self.play else { return };
        let Some(step) = play.guide else { return };
        play.guide = if *action == Action::SkipGuide {
            None
        } else if step == crate::guide::Step::EndMonth && month_ended {
            Some(crate::guide::Step::ReadReport)
        } else {
            step.after(action)
        };
        if play.guide.is_none() {
            self.settings.guide_done = true;
            self.remember();
        }
    }

    fn apply_here(&mut self, action: Action) {
        match action {
            Action::Start => self.start_from_form(),
            Action::Resume => {
                self.class.joining = None;
                self.resume();
            }
            Action::JoinClass => self.join_class(),
            Action::CancelJoin => self.class.joining = None,
            Action::BeginTurns => {
                if self.play.is_some() {
                    self.screen = Screen::Turn;
                }
            }
            Action::Back => self.back(),
            Action::Read {
                account,
                stakeholder,
                reading,
            } => self.read_person(account, stakeholder, reading),
            Action::SelectAccount(_)
            | Action::PickApproach(_)
            | Action::AddVisit(_)
            | Action::RemoveVisit(_)
            | Action::AddResource(_)
            | Action::RemoveResource(_)
            | Action::ClearPlan
            | Action::Undo => {
                let lang = self.lang;
                if let Some(play) = &mut self.play {
                    play.edit_plan(&action, lang);
                }
            }
            Action::UseSuggestion => {
                if self.screen == Screen::Turn
                    && let Some(play) = &mut self.play
                {
                    play.use_suggestion();
                }
            }
            Action::EndTurn => self.ask_end_turn(),
            Action::Confirm => self.confirm(),
            Action::Cancel => {
                if let Some(play) = &mut self.play {
                    play.confirm = None;
                }
            }
            Action::Choose(c) => self.choose(c),
            Action::SetOffer { .. } | Action::FocusIssue(_) => {
                if let Some(play) = &mut self.play {
                    play.edit_offer(&action);
                }
            }
            Action::MakeOffer => self.make_offer(),
            Action::WalkAway => self.walk_away(),
            Action::Continue => self.proceed(),
            Action::Export => self.export(),
            Action::WhatIf(month) => self.start_what_if(month),
            Action::LeaveWhatIf => self.leave_what_if(),
            Action::ReplayMistake(n) => self.replay_mistake(n),
            Action::SkipGuide => {}
            Action::NewGame => {
                self.screen = Screen::Title;
                self.play = None;
                self.title.autosave = self.saved_game();
            }
            Action::SetLang(lang) => self.set_lang(lang),
        }
    }

    /// Starts the game the title form names, or says what is missing.
    fn start_from_form(&mut self) {
        let form = &self.title.form;
        let source = match form.selected {
            Some(i) if i < self.title.catalog.len() => self.title.catalog[i].source.clone(),
            _ if !form.file_path.trim().is_empty() => {
                ScenarioSource::from_arg(Path::new(form.file_path.trim()))
            }
            _ => {
                self.title.message = Some(K::PickScenario.t(self.lang).to_owned());
                return;
            }
        };
        let (seed, player) = (form.seed.clone(), form.player.clone());
        // Another game instead: a join under way would replace it when it answers.
        self.class.joining = None;
        self.remember();
        self.start(source, &seed, &player);
    }

    /// Esc: a question is answered no; otherwise one screen back where that makes sense.
    fn back(&mut self) {
        if let Some(play) = &mut self.play
            && play.confirm.take().is_some()
        {
            return;
        }
        match self.screen {
            Screen::Title => self.class.joining = None,
            // The waiting screen's way out; the game and anything not yet sent stay saved.
            Screen::Turn | Screen::Report if self.waiting_for_class() => self.leave_to_title(),
            Screen::Briefing => match &mut self.play {
                Some(play)
                    if !play.game.log().is_empty() || play.draft.plan != Default::default() =>
                {
                    play.confirm = Some(Confirm::LeaveGame);
                }
                _ => self.leave_to_title(),
            },
            Screen::Turn => self.screen = Screen::Briefing,
            Screen::Debrief => self.screen = Screen::Title,
            _ => {}
        }
    }

    /// The question on screen answered yes.
    fn confirm(&mut self) {
        match self.play.as_mut().and_then(|p| p.confirm.take()) {
            Some(Confirm::EndTurn { .. }) => self.end_turn(),
            Some(Confirm::LeaveGame) => self.leave_to_title(),
            None => {}
        }
    }

    /// Notes the trainee's reading of a person: a note in the decision log, so the save, the
    /// class and the debrief keep it; the same reading again is no new decision.
    fn read_person(&mut self, account: usize, stakeholder: usize, reading: kam_sim::Reading) {
        let same = self.game().is_some_and(|g| {
            g.accounts()
                .get(account)
                .and_then(|a| a.people.get(stakeholder))
                .is_some_and(|p| p.reading == reading)
        });
        let read = kam_sim::Decision::Read {
            account: kam_sim::AccountId(account),
            stakeholder: kam_sim::MemberId(stakeholder),
            reading,
        };
        if !same && self.decide(read) {
            self.autosave_now();
        }
    }

    /// Switches the UI language, remembers it, and re-words what was worded before the
    /// switch (the texts the screens draw each frame follow by themselves).
    fn set_lang(&mut self, lang: Lang) {
        let before = self.lang;
        self.lang = lang;
        self.title.form.lang = Some(lang);
        self.remember();
        if before == lang {
            return;
        }
        if let Some(play) = &mut self.play {
            if let Some(n) = &play.notice {
                play.notice = Some(i18n::reword_notice(n, before, lang));
            }
            // A refusal was said in the language it came in; it is not said again in the new
            // one, so it goes rather than stay in the other language (a playtest found it so).
            play.message = None;
        }
    }

    /// Makes a decision in the game in hand; a refusal is said in the message line.
    fn decide(&mut self, decision: kam_sim::Decision) -> bool {
        let Some(play) = &mut self.play else {
            return false;
        };
        match play.game.decide(decision) {
            Ok(()) => true,
            Err(e) => {
                play.message = Some(i18n::sentence(self.lang, e.words(self.lang)));
                false
            }
        }
    }

    /// The unfinished saved game to offer on the title, read again from the disk.
    fn saved_game(&self) -> Option<Autosave> {
        self.settings
            .data_dir
            .as_deref()
            .and_then(|d| read_autosave(d).ok().flatten())
            .filter(|s| !s.record.finished)
    }
}

/// Satisfaction, relationship and share of an account.
pub fn metrics(state: &AccountState) -> [f64; 3] {
    [state.satisfaction, state.relationship(), state.share]
}

/// Player actions waiting for [`apply_actions`]; tests and automation push here.
#[derive(Resource, Default)]
pub struct Actions(pub Vec<Action>);

/// Takes a class join's answer when it comes ([`Session::poll_class`]) and draws a frame for
/// it: the window is otherwise idle until the next input.
fn poll_class(
    mut session: ResMut<Session>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    // Read first: a mutable borrow every frame would mark the session changed every frame.
    if session.class.joining.is_some() && session.poll_class() {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// Applies queued actions.
fn apply_actions(mut actions: ResMut<Actions>, mut session: ResMut<Session>) {
    for action in actions.0.drain(..) {
        session.apply(action);
    }
}

/// The screen drawn this frame: the session's screen as the frame began. The session is the
/// one record of where the player is; this is only its reading for one frame, so that a key
/// press that moves the session to another screen is not seen by that screen in the same
/// frame (one Enter must not confirm two screens).
#[derive(Resource, Default, Clone, Copy, PartialEq, Eq)]
pub struct DrawnScreen(pub Screen);

fn read_the_screen(session: Res<Session>, mut drawn: ResMut<DrawnScreen>) {
    if drawn.0 != session.screen {
        drawn.0 = session.screen;
    }
}

/// A run condition: this frame draws `screen`.
pub fn on_screen(screen: Screen) -> impl Fn(Res<DrawnScreen>) -> bool + Clone {
    move |drawn: Res<DrawnScreen>| drawn.0 == screen
}

/// The engine-only part of the game: screens, session and actions, no window. Headless tests
/// build on this with `MinimalPlugins`.
pub fn core_plugin(app: &mut App) {
    if !app.world().contains_resource::<Session>() {
        app.insert_resource(Session::new(data_dir()));
    }
    app.init_resource::<Actions>()
        .init_resource::<DrawnScreen>()
        .add_message::<bevy::window::RequestRedraw>()
        .add_systems(
            PreUpdate,
            (poll_class, apply_actions, read_the_screen).chain(),
        );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A broken scenario's errors are said in the window's language, located first as
    /// `kam validate` prints them.
    #[test]
    fn scenario_errors_are_shown_in_the_window_s_language() {
        let broken: Arc<str> = kam_sim::bundled_scenario("tutorial")
            .unwrap()
            .1
            .replacen("satisfaction: 60.0", "satisfation: 60.0", 1)
            .into();
        for (lang, said) in [
            (
                Lang::Zh,
                "class.ron:61:13: 错误：未知字段 `satisfation`，是不是 `satisfaction`？",
            ),
            (
                Lang::En,
                "class.ron:61:13: error: unknown field `satisfation`, did you mean `satisfaction`?",
            ),
        ] {
            let mut s = Session::new(None);
            (s.lang, s.settings.lang_fixed) = (lang, true);
            assert!(!s.start(ScenarioSource::Class(Arc::clone(&broken)), "", "p"));
            let e = s.title.error.expect("the errors are shown");
            assert_eq!(e.lines, [said]);
        }
    }
}

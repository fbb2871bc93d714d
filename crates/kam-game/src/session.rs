//! The game session: the one view model every screen reads and the only place player actions
//! change anything.
//!
//! A screen's view draws from a [`Session`] and returns [`Action`]s; [`Session::apply`] turns
//! each action into a kam-sim decision (or a change to the draft plan) and picks the next
//! [`Screen`]. No rule of the game lives here: plans are checked by `Game::check_plan`, numbers
//! come from the engine, words for causes and warnings from `kam_sim::explain`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;
use kam_sim::Diagnostic;
use kam_sim::Scores;
use kam_sim::{
    AccountState, BuyerReply, Decision, Exchange, Game, NegotiationRecord, Pending, Plan, Prepared,
    ResourceUse, Visit,
};

use crate::i18n::{self, K, Lang};

mod saves;
pub use saves::{Autosave, Settings, autosave_path, data_dir};
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

/// What answering an event did, for the feedback dialog.
#[derive(Debug, Clone)]
pub struct Feedback {
    pub event: usize,
    pub account: usize,
    pub choice: usize,
    /// Satisfaction, relationship, share before and after, as the engine reports them.
    pub before: [f64; 3],
    pub after: [f64; 3],
}

/// The offer being built and the buyer's last answer.
#[derive(Debug, Clone, Default)]
pub struct NegoDraft {
    /// Index of the negotiation in the scenario.
    pub negotiation: usize,
    pub offer: Vec<usize>,
    /// The issue the arrow keys act on: ↑/↓ move between issues, ←/→ change its option.
    pub focus: usize,
    pub last_reply: Option<BuyerReply>,
    /// Set once the negotiation has closed.
    pub summary: Option<NegotiationRecord>,
    /// The rounds the buyer countered, kept after the negotiation closes so its summary still
    /// shows what the buyer pressed (the engine keeps them only while it is under way).
    pub history: Vec<Exchange>,
    /// The negotiation's numbers, taken when it opens (a deal changes the account): the
    /// buyer's words and the review after the deal are read from them.
    pub table: Option<kam_sim::OfferTable>,
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
    /// Answers the question on screen ([`Session::confirm`]): yes, go ahead.
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

/// Everything the screens show and the player has decided so far.
#[derive(Resource)]
pub struct Session {
    pub screen: Screen,
    pub lang: Lang,
    pub catalog: Vec<CatalogEntry>,
    pub form: TitleForm,
    pub source: Option<ScenarioSource>,
    pub game: Option<Game>,
    pub player: String,
    pub draft: Plan,
    pub selected_account: usize,
    /// Approach picked for new visits, per stakeholder row of the selected account.
    pub approach_pick: usize,
    /// A refused plan or action, in the UI language.
    pub message: Option<String>,
    pub feedback: Option<Feedback>,
    pub nego: NegoDraft,
    pub error: Option<ErrorBox>,
    /// Short status line: autosaved, reloaded, exported.
    pub notice: Option<String>,
    pub autosave: Option<Autosave>,
    pub data_dir: Option<PathBuf>,
    /// Scenario warnings from loading (shown on the briefing).
    pub warnings: Vec<Diagnostic>,
    pub expert: Option<Scores>,
    pub exported: Option<PathBuf>,
    /// Whether the language came from the command line (then it sticks across scenarios).
    pub lang_fixed: bool,
    /// The seat in a live class this game is played in, if any.
    pub class: Option<crate::class::ClassSeat>,
    /// A class join under way in the background (the title shows it, with Cancel).
    pub joining: Option<crate::class::PendingJoin>,
    /// Why the last join got no seat, shown on the title until the next attempt.
    pub join_problem: Option<crate::class::JoinProblem>,
    /// The last join's attempt and the code and name it was for. A join cancelled, or timed
    /// out, may still have taken a seat on the server; the next join with the same code and
    /// name sends the same join id, so it gets that seat back instead of "name taken".
    join_attempt: Option<(String, String, kam_class::JoinAttempt)>,
    /// The guided first game's step, on the tutorial until it is done or skipped.
    pub guide: Option<crate::guide::Step>,
    /// Whether the guided first game has been done (or skipped): it is offered once.
    pub guide_done: bool,
    /// A what-if under way: the game it branched from and the month it starts at. The
    /// official result stays the original; a what-if is never exported or sent to a class.
    pub what_if: Option<WhatIf>,
    /// The debrief opens its month-by-month comparison with the expert (`--screen
    /// expert-compare`).
    pub show_expert_months: bool,
    /// The debrief's "try next time": the costliest decisions, measured by replaying.
    pub try_next_time: Vec<kam_sim::Mistake>,
    /// The debrief's "how you read the people" (Normal and Hard), worded in the UI's language.
    pub people_read: Vec<kam_sim::PersonReading>,
    /// The expert's game on the same seed, for the debrief's month-by-month comparison.
    pub expert_game: Option<Game>,
    /// The seed or class code the game was started with, as typed.
    pub seed_code: String,
    /// The plan before each change this turn, for Undo (latest last).
    pub undo: Vec<Plan>,
    /// A question waiting for the player's yes or no before something is lost.
    pub confirm: Option<Confirm>,
    /// The month in which the player last tried to end the month: from then on the coach
    /// speaks about that month's plan, even an empty one ([`Session::coach_hints`]).
    pub end_asked_in: Option<u32>,
    /// "Try next time" in each language it was shown in ([`MistakeCache`]).
    mistake_cache: MistakeCache,
}

/// The "try next time" cards of each game and language already worked out. Finding them
/// replays the game dozens of times, so a language switch re-words them from here after the
/// first time instead of replaying again; a game is known by its seed and decision log.
#[derive(Default)]
struct MistakeCache {
    entries: Vec<(u64, Vec<Decision>, Lang, Vec<kam_sim::Mistake>)>,
}

impl MistakeCache {
    /// The costliest decisions of `game` worded in `lang`.
    fn get(&mut self, game: &Game, lang: Lang) -> Vec<kam_sim::Mistake> {
        let known = self.entries.iter().find(|(seed, log, l, _)| {
            *seed == game.seed() && *l == lang && log.as_slice() == game.log()
        });
        if let Some((.., mistakes)) = known {
            return mistakes.clone();
        }
        let mistakes = kam_sim::costliest_mistakes(game, lang);
        self.entries
            .push((game.seed(), game.log().to_vec(), lang, mistakes.clone()));
        mistakes
    }
}

/// A what-if under way ([`Session::what_if`]).
#[derive(Debug, Clone)]
pub struct WhatIf {
    pub month: u32,
    pub original: Game,
    /// The better plan for `month` a "try next time" card named, with the points it was worth,
    /// shown beside the plan while that month is played again (not kept in the save: a hint).
    pub suggestion: Option<(Plan, f64)>,
    /// The original game's "try next time", given back when the what-if is left (the
    /// what-if's own debrief lists the what-if's).
    pub original_mistakes: Vec<kam_sim::Mistake>,
}

/// What the player is asked before it happens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Confirm {
    /// End the month with visits or budget unused.
    EndTurn { visits_left: u32, budget_left: f64 },
    /// Leave the game under way for the title screen (it stays autosaved).
    LeaveGame,
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
            form: TitleForm {
                selected: if catalog.is_empty() { None } else { Some(0) },
                ..default()
            },
            catalog,
            source: None,
            game: None,
            player: String::new(),
            draft: Plan::default(),
            selected_account: 0,
            approach_pick: 0,
            message: None,
            feedback: None,
            nego: NegoDraft::default(),
            error: None,
            notice: None,
            autosave: None,
            data_dir,
            warnings: Vec::new(),
            expert: None,
            exported: None,
            lang_fixed: false,
            class: None,
            joining: None,
            join_problem: None,
            join_attempt: None,
            expert_game: None,
            show_expert_months: false,
            try_next_time: Vec::new(),
            people_read: Vec::new(),
            guide: None,
            guide_done: false,
            what_if: None,
            seed_code: String::new(),
            undo: Vec::new(),
            confirm: None,
            end_asked_in: None,
            mistake_cache: MistakeCache::default(),
        };
        if let Some(dir) = &session.data_dir {
            // What the player chose last time: their language, name and class server.
            if let Some(remembered) = read_settings(dir) {
                if let Some(lang) = remembered.lang.as_deref().and_then(i18n::parse_lang) {
                    session.lang = lang;
                    session.form.lang = Some(lang);
                }
                session.form.player = remembered.player;
                session.form.server = remembered.server;
                session.guide_done = remembered.guide_done;
            }
            match read_autosave(dir) {
                Ok(save) => session.autosave = save.filter(|s| !s.record.finished),
                Err(e) => {
                    session.error = Some(ErrorBox {
                        title: K::Error.t(session.lang).to_owned(),
                        lines: vec![e],
                        what_to_do: K::FixSave.t(session.lang).to_owned(),
                    })
                }
            }
        }
        session
    }

    /// Takes a class join's answer once it has come, and starts its game or says why not;
    /// true when something changed (the caller draws a frame). Called every frame: by the
    /// Bevy system [`poll_class`], and by the tests' harness as that system would.
    pub fn poll_class(&mut self) -> bool {
        let Some(answer) = self
            .joining
            .as_ref()
            .and_then(crate::class::PendingJoin::answer)
        else {
            return false;
        };
        self.joining = None;
        match answer {
            Ok(joined) => {
                self.join_attempt = None;
                self.enter_class(joined);
            }
            Err(problem) => {
                // The cause in the log too, for whoever helps the trainee.
                if let Some(cause) = problem.technical() {
                    warn!("joining the class failed: {cause}");
                }
                self.join_problem = Some(problem);
            }
        }
        true
    }

    /// Whether the game waits for the class to release the month just played (rounds). A
    /// what-if is the trainee's own and never waits.
    pub fn waiting_for_class(&self) -> bool {
        match (&self.class, &self.game, &self.what_if) {
            (Some(class), Some(game), None) => class.waiting(game, &class.link.state()),
            _ => false,
        }
    }

    pub fn game(&self) -> Option<&Game> {
        self.game.as_ref()
    }

    /// A money label in the language shown, with the scenario's unit of money.
    pub fn money_label(&self, key: K) -> String {
        let unit = self
            .game
            .as_ref()
            .and_then(|g| g.scenario().money_unit.as_deref());
        i18n::in_unit(self.lang, key.t(self.lang), unit)
    }

    /// Whether the coach (plan previews, hints) is on: practice, unless the scenario or the
    /// class is an exam.
    pub fn coach_on(&self) -> bool {
        let scenario = self.game.as_ref().is_none_or(|g| {
            g.scenario().mode == kam_sim::scenario::Mode::Practice
                && g.prepared().difficulty.allows_coaching()
        });
        let class = self.class.as_ref().is_none_or(|c| c.saved.coach);
        scenario && class
    }

    /// The coach's hints on the plan on the table, once there is one: after the first visit
    /// or resource of the month, or once the player tries to end the month. Never on the
    /// untouched plan a month opens with, where "0 visits planned" reads as an accusation
    /// before the trainee has done anything (a playtest).
    pub fn coach_hints(&self) -> Vec<kam_sim::Hint> {
        let Some(game) = &self.game else {
            return Vec::new();
        };
        let started = !self.draft.visits.is_empty() || !self.draft.resources.is_empty();
        let ending = self.end_asked_in == Some(game.turn());
        if !self.coach_on() || !game.is_planning() || !(started || ending) {
            return Vec::new();
        }
        kam_sim::coach_hints(game, &self.draft, self.lang)
    }

    /// The player's name as shown: a game started without one shows the default name of the
    /// language on screen (学员, player), whichever language it was started in.
    pub fn player_label(&self) -> &str {
        let unnamed = self.player.trim().is_empty()
            || [Lang::Zh, Lang::En]
                .iter()
                .any(|l| self.player == K::DefaultPlayer.t(*l));
        if unnamed {
            K::DefaultPlayer.t(self.lang)
        } else {
            &self.player
        }
    }

    /// Starts a new game of `source` at the briefing; errors land in [`Session::error`].
    pub fn start(&mut self, source: ScenarioSource, seed_code: &str, player: &str) -> bool {
        match source.load() {
            Ok((prepared, warnings)) => {
                let seed = seed_from_code(seed_code, prepared.scenario.seed);
                if !self.lang_fixed {
                    self.lang = self.form.lang.unwrap_or(prepared.scenario.language);
                }
                let tutorial = prepared.scenario.id == "tutorial";
                let prepared = match self.form.difficulty {
                    Some(d) => prepared.at_difficulty(d),
                    None => prepared,
                };
                self.begin(source, Game::new(prepared, seed), player);
                self.seed_code = seed_code.to_owned();
                // The first time the tutorial is played, the guide walks through it.
                if tutorial && !self.guide_done {
                    self.guide = Some(crate::guide::Step::FIRST);
                }
                // Notes are for the author at `kam validate`, not the trainee's briefing.
                self.warnings = warnings
                    .into_iter()
                    .filter(|w| w.severity != kam_sim::Severity::Note)
                    .collect();
                self.screen = Screen::Briefing;
                true
            }
            Err(diagnostics) => {
                self.show_scenario_errors(&diagnostics);
                false
            }
        }
    }

    fn begin(&mut self, source: ScenarioSource, game: Game, player: &str) {
        // A new game leaves the class (a class game sets its seat again after this).
        self.class = None;
        self.guide = None;
        self.seed_code.clear();
        // A message about the last game ("Exported to …") is not about this one.
        self.notice = None;
        self.undo.clear();
        self.confirm = None;
        self.source = Some(source);
        self.game = Some(game);
        self.player = if player.trim().is_empty() {
            K::DefaultPlayer.t(self.lang).to_owned()
        } else {
            player.trim().to_owned()
        };
        self.draft = Plan::default();
        self.selected_account = 0;
        self.message = None;
        self.feedback = None;
        self.nego = NegoDraft::default();
        self.error = None;
        self.expert = None;
        self.expert_game = None;
        self.try_next_time.clear();
        self.people_read.clear();
        // Another game: the cards of the last one are of no more use.
        self.mistake_cache = MistakeCache::default();
        self.end_asked_in = None;
        self.what_if = None;
        self.exported = None;
    }

    /// Shows a broken scenario's diagnostics (FILE:LINE:COL, then the problem in the window's
    /// language) on the title screen.
    fn show_scenario_errors(&mut self, diagnostics: &[Diagnostic]) {
        self.error = Some(ErrorBox {
            title: K::ScenarioBroken.t(self.lang).to_owned(),
            lines: diagnostics.iter().map(|d| d.render(self.lang)).collect(),
            what_to_do: K::FixScenario.t(self.lang).to_owned(),
        });
        self.screen = Screen::Title;
    }

    /// Reloads the scenario after its file changed (`--watch`): a new game at the first turn,
    /// or the errors in the window.
    pub fn reload(&mut self) {
        let Some(source) = self.source.clone() else {
            return;
        };
        let seed_code = self.form.seed.clone();
        let player = self.player.clone();
        if self.start(source, &seed_code, &player) {
            self.screen = Screen::Turn;
            self.notice = Some(K::Reloaded.t(self.lang).to_owned());
        }
    }

    /// Applies one action, then moves the guide on and sends any new decision to the class
    /// (when in one; a what-if is the trainee's own and is never sent).
    pub fn apply(&mut self, action: Action) {
        let month = self.game.as_ref().map(Game::turn);
        let skip = action == Action::SkipGuide;
        self.apply_here(action.clone());
        if let Some(step) = self.guide {
            let month_ended = self.game.as_ref().map(Game::turn) > month;
            self.guide = if skip {
                None
            } else if step == crate::guide::Step::EndMonth && month_ended {
                Some(crate::guide::Step::ReadReport)
            } else {
                step.after(&action)
            };
            if self.guide.is_none() {
                self.guide_done = true;
                self.remember();
            }
        }
        if let (Some(class), Some(game), None) = (&self.class, &self.game, &self.what_if) {
            class.link.update(game.log());
        }
    }

    /// A what-if: the game as it stood when `month` began, to be played again with the same
    /// seed; the original is kept beside it for the debrief's comparison.
    fn start_what_if(&mut self, month: u32) {
        let Some(current) = &self.game else { return };
        // A what-if of a what-if still compares with the official game.
        let (original, original_mistakes) = self.what_if.as_ref().map_or_else(
            || (current.clone(), self.try_next_time.clone()),
            |w| (w.original.clone(), w.original_mistakes.clone()),
        );
        let prefix = kam_sim::log_before_month(&original, month);
        let Ok(branch) = Game::replay(Arc::clone(original.prepared()), original.seed(), &prefix)
        else {
            return;
        };
        self.game = Some(branch);
        self.what_if = Some(WhatIf {
            month,
            original,
            suggestion: None,
            original_mistakes,
        });
        self.clear_month_in_hand();
        // The original's export line would read as this game's.
        self.exported = None;
        // The top bar's what-if badge says it for as long as it lasts.
        self.notice = None;
        self.next_pending_after_resume();
    }

    /// Drops what belonged to the month being played when the game in hand is swapped for
    /// another: the draft and its undo, a question, feedback, an offer, a message.
    fn clear_month_in_hand(&mut self) {
        self.draft = Plan::default();
        self.undo.clear();
        self.confirm = None;
        self.feedback = None;
        self.nego = NegoDraft::default();
        self.message = None;
        self.end_asked_in = None;
    }

    /// Back to the original game, as it was finished, at its debrief; the what-if is dropped.
    fn leave_what_if(&mut self) {
        let Some(what_if) = self.what_if.take() else {
            return;
        };
        self.try_next_time = if what_if.original_mistakes.is_empty() {
            self.mistake_cache.get(&what_if.original, self.lang)
        } else {
            what_if.original_mistakes
        };
        self.people_read = kam_sim::review_reading(&what_if.original, self.lang);
        self.game = Some(what_if.original);
        self.clear_month_in_hand();
        self.notice = None;
        self.screen = Screen::Debrief;
        self.autosave_now();
    }

    /// Starts joining the class the title form names (or taking the seat back, when a rejoin
    /// code is given), in the background: [`Session::poll_class`] starts its game when the
    /// server answers.
    fn join_class(&mut self) {
        if self.joining.is_some() {
            return;
        }
        self.remember();
        let form = self.form.clone();
        if form.player.trim().is_empty() {
            self.message = Some(K::NameNeeded.t(self.lang).to_owned());
            return;
        }
        // A new attempt: what went wrong with the last one is not about this one.
        self.error = None;
        self.join_problem = None;
        self.message = None;
        let key = (
            form.join_code.trim().to_uppercase(),
            form.player.trim().to_owned(),
        );
        let attempt = match &self.join_attempt {
            Some((code, name, attempt)) if (code, name) == (&key.0, &key.1) => attempt.clone(),
            _ => kam_class::JoinAttempt::new(&form.join_code, &form.player),
        };
        self.join_attempt = Some((key.0, key.1, attempt.clone()));
        self.joining = Some(crate::class::start_join(
            &form.server,
            &form.join_code,
            &form.player,
            &form.rejoin,
            attempt,
        ));
    }

    /// Starts the class game a join got: at its briefing, or where the server's record of it
    /// stands when the seat was taken back.
    fn enter_class(&mut self, joined: crate::class::Joined) {
        let crate::class::Joined {
            saved,
            game,
            prepared,
            released,
        } = joined;
        // A seat taken back between a month played and its release: that month's report is
        // what the class waits for, so the game waits at it (as a continued game does).
        let at_report = saved.pacing == kam_class::Pacing::Rounds
            && game.pending().is_none()
            && game.turn() > released + 1;
        if !self.lang_fixed {
            self.lang = self.form.lang.unwrap_or(prepared.scenario.language);
        }
        let source = ScenarioSource::Class(Arc::from(saved.scenario.as_str()));
        let acknowledged = game.log().len();
        let resumed = acknowledged > 0;
        let seat = crate::class::ClassSeat::connect(saved.clone(), &game, acknowledged);
        self.begin(source, game, &saved.name);
        self.seed_code = saved.code.clone();
        self.class = Some(seat);
        self.notice = Some(format!(
            "{} {} · {} {}",
            K::ClassLine.t(self.lang),
            saved.code,
            K::RejoinLine.t(self.lang),
            saved.rejoin
        ));
        if at_report {
            self.screen = Screen::Report;
        } else if resumed {
            self.next_pending_after_resume();
        } else {
            self.screen = Screen::Briefing;
        }
        self.autosave_now();
    }

    fn apply_here(&mut self, action: Action) {
        match action {
            Action::Start => {
                let source = match self.form.selected {
                    Some(i) if i < self.catalog.len() => self.catalog[i].source.clone(),
                    _ if !self.form.file_path.trim().is_empty() => {
                        ScenarioSource::from_arg(Path::new(self.form.file_path.trim()))
                    }
                    _ => {
                        self.message = Some(K::PickScenario.t(self.lang).to_owned());
                        return;
                    }
                };
                let (seed, player) = (self.form.seed.clone(), self.form.player.clone());
                // Another game instead: a join under way would replace it when it answers.
                self.joining = None;
                self.remember();
                self.start(source, &seed, &player);
            }
            Action::Resume => {
                self.joining = None;
                self.resume();
            }
            Action::JoinClass => self.join_class(),
            Action::CancelJoin => self.joining = None,
            Action::BeginTurns => {
                if self.game.is_some() {
                    self.screen = Screen::Turn;
                }
            }
            Action::Back if self.confirm.is_some() => self.confirm = None,
            Action::Back => match self.screen {
                Screen::Title => self.joining = None,
                // The waiting screen's way out; the game and anything not yet sent stay saved.
                Screen::Turn | Screen::Report if self.waiting_for_class() => self.leave_to_title(),
                Screen::Briefing
                    if self.game.as_ref().is_some_and(|g| !g.log().is_empty())
                        || self.draft != Plan::default() =>
                {
                    self.confirm = Some(Confirm::LeaveGame);
                }
                Screen::Briefing => self.leave_to_title(),
                Screen::Turn => self.screen = Screen::Briefing,
                Screen::Debrief => self.screen = Screen::Title,
                _ => {}
            },
            Action::SelectAccount(a) => {
                if self.game.as_ref().is_some_and(|g| a < g.accounts().len()) {
                    self.selected_account = a;
                }
            }
            Action::Read {
                account,
                stakeholder,
                reading,
            } => {
                // A note in the decision log, so the save, the class and the debrief keep it;
                // the same reading again is no new decision.
                let same = self.game.as_ref().is_some_and(|g| {
                    g.accounts()
                        .get(account)
                        .and_then(|a| a.people.get(stakeholder))
                        .is_some_and(|p| p.reading == reading)
                });
                if !same
                    && self.decide(Decision::Read {
                        account,
                        stakeholder,
                        reading,
                    })
                {
                    self.autosave_now();
                }
            }
            Action::PickApproach(p) => {
                // (The arrow keys stop at the ends: a keyboard user never wraps round to a
                // pitch they did not mean.)
                if self
                    .game
                    .as_ref()
                    .is_some_and(|g| p < g.scenario().approaches.len())
                {
                    self.approach_pick = p;
                }
            }
            Action::AddVisit(v) => {
                let mut plan = self.draft.clone();
                plan.visits.push(v);
                self.try_plan(plan);
            }
            Action::RemoveVisit(i) => {
                if i < self.draft.visits.len() {
                    self.undo.push(self.draft.clone());
                    self.draft.visits.remove(i);
                    self.message = None;
                }
            }
            Action::AddResource(r) => {
                let mut plan = self.draft.clone();
                match plan
                    .resources
                    .iter_mut()
                    .find(|x| x.account == r.account && x.resource == r.resource)
                {
                    Some(x) => x.units += r.units,
                    None => plan.resources.push(r),
                }
                self.try_plan(plan);
            }
            Action::RemoveResource(i) => {
                if i < self.draft.resources.len() {
                    self.undo.push(self.draft.clone());
                    let line = &mut self.draft.resources[i];
                    line.units = line.units.saturating_sub(1);
                    if line.units == 0 {
                        self.draft.resources.remove(i);
                    }
                    self.message = None;
                }
            }
            Action::ClearPlan => {
                if self.draft != Plan::default() {
                    self.undo.push(std::mem::take(&mut self.draft));
                }
                self.message = None;
            }
            Action::Undo => {
                if let Some(previous) = self.undo.pop() {
                    self.draft = previous;
                    self.message = None;
                }
            }
            Action::EndTurn => self.ask_end_turn(),
            Action::Confirm => match self.confirm.take() {
                Some(Confirm::EndTurn { .. }) => self.end_turn(),
                Some(Confirm::LeaveGame) => self.leave_to_title(),
                None => {}
            },
            Action::Cancel => self.confirm = None,
            Action::Choose(c) => self.choose(c),
            Action::SetOffer { issue, option } => {
                if let Some(x) = self.nego.offer.get_mut(issue) {
                    *x = option;
                    self.nego.focus = issue;
                }
            }
            Action::FocusIssue(issue) => {
                if issue < self.nego.offer.len() {
                    self.nego.focus = issue;
                }
            }
            Action::MakeOffer => self.make_offer(),
            Action::WalkAway => {
                if self.nego.summary.is_none() {
                    self.decide(Decision::WalkAway);
                    self.close_summary();
                }
            }
            Action::Continue => self.proceed(),
            Action::Export if self.what_if.is_some() => {
                self.message = Some(K::WhatIfNotResult.t(self.lang).to_owned());
            }
            Action::Export => self.export(),
            Action::WhatIf(month) => self.start_what_if(month),
            Action::LeaveWhatIf => self.leave_what_if(),
            Action::ReplayMistake(n) => {
                if let Some(m) = self.try_next_time.get(n).cloned() {
                    self.start_what_if(m.month);
                    if let Some(w) = &mut self.what_if {
                        w.suggestion = m.better_plan.map(|plan| (plan, m.points));
                    }
                }
            }
            Action::UseSuggestion => {
                let suggested = self.what_if.as_ref().and_then(|w| w.suggestion.clone());
                if let Some((plan, _)) = suggested
                    && self.screen == Screen::Turn
                {
                    self.undo.push(std::mem::replace(&mut self.draft, plan));
                }
            }
            Action::SkipGuide => {}
            Action::NewGame => {
                self.screen = Screen::Title;
                self.game = None;
                self.autosave = self
                    .data_dir
                    .as_deref()
                    .and_then(|d| read_autosave(d).ok().flatten())
                    .filter(|s| !s.record.finished);
            }
            Action::SetLang(lang) => {
                let before = self.lang;
                self.lang = lang;
                self.form.lang = Some(lang);
                self.remember();
                if before != lang {
                    self.reword(before);
                }
            }
        }
    }

    /// After a language switch: words kept from before the switch, in the new language (the
    /// texts the screens draw each frame follow by themselves). "Try next time" is shown only
    /// for a finished game (while a what-if is played it waits to be worked out again or
    /// given back), so it is re-worded then; the original's cards a what-if keeps always are.
    fn reword(&mut self, before: Lang) {
        let lang = self.lang;
        if let Some(n) = &self.notice {
            self.notice = Some(i18n::reword_notice(n, before, lang));
        }
        if let Some(game) = &self.game
            && game.is_finished()
            && !self.try_next_time.is_empty()
        {
            self.try_next_time = self.mistake_cache.get(game, lang);
        }
        if let Some(game) = &self.game
            && game.is_finished()
        {
            self.people_read = kam_sim::review_reading(game, lang);
        }
        if let Some(w) = &mut self.what_if
            && !w.original_mistakes.is_empty()
        {
            w.original_mistakes = self.mistake_cache.get(&w.original, lang);
        }
    }

    /// Keeps a plan only if the engine accepts it; otherwise says why.
    fn try_plan(&mut self, plan: Plan) {
        let Some(game) = &self.game else { return };
        match game.check_plan(&plan) {
            Ok(()) => {
                self.undo.push(std::mem::replace(&mut self.draft, plan));
                self.message = None;
            }
            Err(e) => self.message = Some(i18n::plan_error(self.lang, &e)),
        }
    }

    fn decide(&mut self, decision: Decision) -> bool {
        let Some(game) = &mut self.game else {
            return false;
        };
        match game.decide(decision) {
            Ok(()) => true,
            Err(e) => {
                self.message = Some(e.to_string());
                false
            }
        }
    }

    /// Ends the month, asking first when visits or budget would go unused.
    fn ask_end_turn(&mut self) {
        let Some(game) = &self.game else { return };
        if self.screen != Screen::Turn || !game.is_planning() {
            return;
        }
        self.end_asked_in = Some(game.turn());
        let means = &game.scenario().means;
        let visits_left = means
            .visits_per_turn
            .saturating_sub(self.draft.visits.len() as u32);
        let budget_left = means.budget_per_turn - game.plan_cost(&self.draft);
        // Budget too small to buy any resource is not worth asking about (a free resource,
        // such as a discount, does not make unspent budget worth a question).
        let cheapest = means
            .resources
            .iter()
            .map(|r| r.cost)
            .filter(|c| *c > 0.0)
            .fold(f64::INFINITY, f64::min);
        if visits_left > 0 || budget_left + 1e-9 >= cheapest {
            self.confirm = Some(Confirm::EndTurn {
                visits_left,
                budget_left,
            });
        } else {
            self.end_turn();
        }
    }

    /// Back to the title screen, where the autosave can be continued.
    fn leave_to_title(&mut self) {
        if self.game.as_ref().is_some_and(|g| !g.is_finished()) {
            self.autosave_now();
        }
        self.confirm = None;
        self.screen = Screen::Title;
        self.autosave = self
            .data_dir
            .as_deref()
            .and_then(|d| read_autosave(d).ok().flatten())
            .filter(|s| !s.record.finished);
    }

    fn end_turn(&mut self) {
        if self.screen != Screen::Turn {
            return;
        }
        self.undo.clear();
        let Some(game) = &self.game else { return };
        if let Err(e) = game.check_plan(&self.draft) {
            self.message = Some(i18n::plan_error(self.lang, &e));
            return;
        }
        let plan = std::mem::take(&mut self.draft);
        if self.decide(Decision::Plan(plan)) {
            self.message = None;
            self.next_pending();
        }
    }

    /// After a decision: the next event or negotiation, else the turn report.
    fn next_pending(&mut self) {
        let Some(game) = &self.game else { return };
        self.feedback = None;
        match game.pending() {
            Some(Pending::Event { .. }) => self.screen = Screen::Event,
            Some(Pending::Negotiation(state)) => {
                let n = &game.scenario().negotiations[state.negotiation];
                // Open with the option the buyer likes least on each issue: the seller's best
                // terms, from which the player concedes or trades.
                let offer = n
                    .issues
                    .iter()
                    .map(|i| {
                        i.options
                            .iter()
                            .enumerate()
                            .min_by(|a, b| a.1.buyer_value.total_cmp(&b.1.buyer_value))
                            .map_or(0, |(k, _)| k)
                    })
                    .collect();
                let negotiation = state.negotiation;
                self.nego = NegoDraft {
                    negotiation,
                    offer,
                    focus: 0,
                    last_reply: None,
                    summary: None,
                    history: state.exchanges.clone(),
                    table: kam_sim::OfferTable::new(game, negotiation),
                };
                self.screen = Screen::Negotiation;
            }
            None => {
                // In this order: the save records that the month's report is unread.
                self.screen = Screen::Report;
                self.autosave_now();
            }
        }
    }

    fn choose(&mut self, choice: usize) {
        if self.feedback.is_some() {
            return;
        }
        let Some(game) = &self.game else { return };
        let Some(Pending::Event { event, account, .. }) = game.pending().cloned() else {
            return;
        };
        let before = metrics(&game.accounts()[account]);
        if self.decide(Decision::Choose(choice)) {
            let after = self
                .game
                .as_ref()
                .map_or(before, |g| metrics(&g.accounts()[account]));
            self.feedback = Some(Feedback {
                event,
                account,
                choice,
                before,
                after,
            });
        }
    }

    fn make_offer(&mut self) {
        if self.nego.summary.is_some() {
            return;
        }
        let offer = self.nego.offer.clone();
        if self.decide(Decision::Offer(offer.clone())) {
            let Some(game) = &self.game else { return };
            match game.pending() {
                Some(Pending::Negotiation(s)) if s.negotiation == self.nego.negotiation => {
                    self.nego.last_reply = s.exchanges.last().map(|x| x.reply);
                    self.nego.history = s.exchanges.clone();
                }
                _ => {
                    let deal = game
                        .negotiation_records()
                        .last()
                        .is_some_and(|r| r.deal.is_some());
                    let reply = if deal {
                        BuyerReply::Accept
                    } else {
                        BuyerReply::WalkAway
                    };
                    self.nego.last_reply = Some(reply);
                    // The closing round is a round too: its offer stays in the history beside
                    // the buyer's answer (a playtest found the last offer missing).
                    self.nego.history.push(Exchange { offer, reply });
                    self.close_summary();
                }
            }
        }
    }

    fn close_summary(&mut self) {
        if let Some(game) = &self.game {
            self.nego.summary = game.negotiation_records().last().cloned();
        }
    }

    /// Continue from a feedback dialog, a deal summary or the turn report.
    fn proceed(&mut self) {
        match self.screen {
            Screen::Event if self.feedback.is_some() => self.next_pending_or_report(),
            Screen::Negotiation if self.nego.summary.is_some() => self.next_pending_or_report(),
            // The report waits for the class: there is nothing to continue to yet.
            Screen::Report if self.waiting_for_class() => {}
            Screen::Report => {
                if self.game.as_ref().is_some_and(Game::is_finished) {
                    self.finish();
                } else {
                    self.screen = Screen::Turn;
                    // A class game's save says the report was read (see `Autosave::at_report`).
                    if self.class.is_some() {
                        self.autosave_now();
                    }
                    self.notice = None;
                }
            }
            Screen::Briefing => self.screen = Screen::Turn,
            _ => {}
        }
    }

    fn next_pending_or_report(&mut self) {
        self.feedback = None;
        self.next_pending();
    }

    /// The end of the game: the expert's score on the same seed, then the debrief.
    pub fn finish(&mut self) {
        if let Some(game) = &self.game {
            let mut expert = Game::new(Arc::clone(game.prepared()), game.seed());
            let mut strategy = kam_sim::StrategyId::Expert.build(game.seed());
            if kam_sim::play_out(&mut expert, strategy.as_mut()).is_ok() {
                self.expert = Some(kam_sim::score_game(&expert));
                self.expert_game = Some(expert);
            }
            self.try_next_time = self.mistake_cache.get(game, self.lang);
            self.people_read = kam_sim::review_reading(game, self.lang);
        }
        self.autosave_now();
        self.screen = Screen::Debrief;
    }

    fn next_pending_after_resume(&mut self) {
        match self.game.as_ref().and_then(Game::pending) {
            None => self.screen = Screen::Turn,
            Some(_) => self.next_pending(),
        }
    }

    /// Plays with a built-in strategy until the game reaches `stop` (an event, a negotiation or
    /// a turn report), for screenshots of those screens; the debrief when it never does.
    pub fn autoplay_until(
        &mut self,
        strategy: kam_sim::StrategyId,
        stop: Screen,
    ) -> Result<(), String> {
        let game = self.game.as_mut().ok_or("no game")?;
        let mut s = strategy.build(game.seed());
        loop {
            let reached = match (stop, game.pending()) {
                (Screen::Event, Some(Pending::Event { .. })) => true,
                (Screen::Negotiation, Some(Pending::Negotiation(_))) => true,
                (Screen::Report, None) => game.turn() > 1,
                _ => false,
            };
            if reached {
                if stop == Screen::Report {
                    self.screen = Screen::Report;
                } else {
                    self.next_pending();
                }
                return Ok(());
            }
            let Some(d) = kam_sim::next_decision(game, s.as_mut()) else {
                break;
            };
            game.decide(d).map_err(|e| e.to_string())?;
        }
        self.finish();
        Ok(())
    }

    /// Plays the rest of the game with a built-in strategy and opens the debrief.
    pub fn autoplay(&mut self, strategy: kam_sim::StrategyId) -> Result<(), String> {
        let game = self.game.as_mut().ok_or("no game")?;
        let mut s = strategy.build(game.seed());
        kam_sim::play_out(game, s.as_mut()).map_err(|e| e.to_string())?;
        self.finish();
        Ok(())
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
    if session.joining.is_some() && session.poll_class() {
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
            (s.lang, s.lang_fixed) = (lang, true);
            assert!(!s.start(ScenarioSource::Class(Arc::clone(&broken)), "", "p"));
            let e = s.error.expect("the errors are shown");
            assert_eq!(e.lines, [said]);
        }
    }
}

//! The game in hand ([`Play`]): the game, the month being decided, and what is worked out
//! about it once instead of every frame (the coach's view of the draft, the debrief of a
//! finished game, the expert's game on the same seed).
//!
//! A new game, a what-if and leaving a what-if each replace the whole [`Play`], so nothing of
//! the last game can linger in a field someone forgot to reset (the log had two such bugs).

use std::path::PathBuf;
use std::sync::Arc;

use kam_sim::Debrief;
use kam_sim::Diagnostic;
use kam_sim::MonthComparison;
use kam_sim::PersonReading;
use kam_sim::Scores;
use kam_sim::{
    AccountState, BuyerReply, Decision, Exchange, Game, NegotiationRecord, Plan, PlanError,
    PlanPreview,
};
use kam_sim::{Hint, Mistake};

use super::ScenarioSource;

/// One game from its briefing to its debrief, with everything that belongs to it alone.
pub struct Play {
    pub source: ScenarioSource,
    /// The player's name as the game records it.
    pub player: String,
    /// The seed or class code the game was started with, as typed.
    pub seed_code: String,
    /// Scenario warnings from loading (shown on the briefing).
    pub warnings: Vec<Diagnostic>,
    pub game: Game,
    /// The plan being built for this month, its undo and what the dossier has selected.
    pub draft: DraftPlan,
    pub nego: NegoDraft,
    pub feedback: Option<Feedback>,
    /// A question waiting for the player's yes or no before something is lost.
    pub confirm: Option<Confirm>,
    /// A refused plan or action, in the UI language.
    pub message: Option<String>,
    /// Short status line: autosaved, reloaded, exported.
    pub notice: Option<String>,
    pub exported: Option<PathBuf>,
    /// The guided first game's step, on the tutorial until it is done or skipped.
    pub guide: Option<crate::guide::Step>,
    /// A what-if under way: this game branched from the original, kept whole beside it. The
    /// official result stays the original; a what-if is never exported or sent to a class.
    pub what_if: Option<WhatIf>,
    /// The expert's game on the same seed, played once when the game ends; the what-ifs share
    /// it (same scenario, same seed, so the same game).
    pub expert: Option<Arc<ExpertGame>>,
    /// The debrief opens its month-by-month comparison with the expert (`--screen
    /// expert-compare`).
    pub show_expert_months: bool,
    /// The accounts as the game began: the charts' month 0 and the first report's "before".
    pub opening: Vec<AccountState>,
    /// What the debrief shows, worked out when the game ends ([`Play::debrief`]).
    debrief: Option<DebriefData>,
    worked_out: DraftCache,
    mistakes: MistakeCache,
}

/// The plan on the table this month and the dossier's selection it is built from.
#[derive(Debug, Clone, Default)]
pub struct DraftPlan {
    pub plan: Plan,
    /// The plan before each change this month, for Undo (latest last).
    pub undo: Vec<Plan>,
    /// The account the dossier shows.
    pub selected: usize,
    /// Approach picked for new visits.
    pub approach: usize,
    /// The month in which the player last tried to end the month: from then on the coach
    /// speaks about that month's plan, even an empty one ([`Play::coach_hints`]).
    pub end_asked_in: Option<u32>,
}

/// What answering an event did, for the feedback dialog.
#[derive(Debug, Clone)]
pub struct Feedback {
    pub event: kam_sim::EventId,
    pub account: kam_sim::AccountId,
    pub choice: usize,
    /// Satisfaction, relationship, share before and after, as the engine reports them.
    pub before: [f64; 3],
    pub after: [f64; 3],
}

/// The offer being built and the buyer's last answer.
#[derive(Debug, Clone, Default)]
pub struct NegoDraft {
    /// Index of the negotiation in the scenario.
    pub negotiation: kam_sim::NegotiationId,
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

/// What the player is asked before it happens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Confirm {
    /// End the month with visits or budget unused.
    EndTurn { visits_left: u32, budget_left: f64 },
    /// Leave the game under way for the title screen (it stays autosaved).
    LeaveGame,
}

/// A what-if under way ([`Play::what_if`]).
pub struct WhatIf {
    pub month: u32,
    /// The game branched from, as it was finished, with its own debrief: given back whole
    /// when the what-if is left.
    pub original: Box<Play>,
    /// The better plan for `month` a "try next time" card named, with the points it was worth,
    /// shown beside the plan while that month is played again (not kept in the save: a hint).
    pub suggestion: Option<(Plan, f64)>,
}

/// The expert strategy's game on the same seed, and its scores.
pub struct ExpertGame {
    pub game: Game,
    pub scores: Scores,
}

impl ExpertGame {
    /// The expert's game on `game`'s scenario and seed; `None` if it cannot be played out.
    fn play(game: &Game) -> Option<ExpertGame> {
        let mut expert = Game::new(Arc::clone(game.prepared()), game.seed());
        let mut strategy = kam_sim::StrategyId::Expert.build(game.seed());
        kam_sim::play_out(&mut expert, strategy.as_mut()).ok()?;
        let scores = kam_sim::score_game(&expert);
        Some(ExpertGame {
            game: expert,
            scores,
        })
    }
}

/// Everything the debrief shows of a finished game, worked out once. All of it is kam-sim's
/// typed messages, worded where they are drawn, so a language switch does not work any of it
/// out again.
pub struct DebriefData {
    /// How many decisions the game held when it was worked out.
    decisions: usize,
    pub debrief: Debrief,
    /// Accounts whose visits cost more than they brought, every month: (account, visits,
    /// spent).
    pub money_losers: Vec<(usize, u32, f64)>,
    /// The game beside the expert's, month by month (empty without the expert's game).
    pub months: Vec<MonthComparison>,
    /// "How you read the people" (Normal and Hard).
    pub people_read: Vec<PersonReading>,
    /// "Try next time": the costliest decisions, measured by replaying (only when the game
    /// ended through [`Session::finish`](crate::Session::finish); empty otherwise). Typed:
    /// worded as the debrief draws them.
    pub try_next_time: Vec<Mistake>,
}

/// What the turn screen works out from the draft, kept until the draft or the game changes:
/// the coach's hints and plan preview (a look-ahead copy of the game) and whether the plan
/// could take one more unit of each resource, too dear for every frame. All of it is typed,
/// without a language: the screens word it as they draw, so a language switch costs nothing.
#[derive(Default)]
struct DraftCache {
    made_for: Option<DraftKey>,
    hints: Vec<Hint>,
    preview: Option<Vec<PlanPreview>>,
    /// Per account and resource: why the plan could not take one more unit, if it could not.
    refusals: Vec<Vec<Option<PlanError>>>,
}

/// What the draft's derived data depends on.
struct DraftKey {
    decisions: usize,
    plan: Plan,
    coach_on: bool,
    end_asked_in: Option<u32>,
}

/// The "try next time" cards of each game already found. Finding them replays the game
/// dozens of times, so a game met again (a what-if given back, a debrief worked out again) is
/// not replayed; a game is known by its seed and decision log. The cards have no language:
/// they are worded as they are shown.
#[derive(Default, Clone)]
struct MistakeCache {
    entries: Vec<(u64, Vec<Decision>, Vec<Mistake>)>,
}

impl MistakeCache {
    /// The costliest decisions of `game`.
    fn get(&mut self, game: &Game) -> Vec<Mistake> {
        let known = self
            .entries
            .iter()
            .find(|(seed, log, _)| *seed == game.seed() && log.as_slice() == game.log());
        if let Some((.., mistakes)) = known {
            return mistakes.clone();
        }
        let mistakes = kam_sim::costliest_mistakes(game);
        self.entries
            .push((game.seed(), game.log().to_vec(), mistakes.clone()));
        mistakes
    }
}

impl Play {
    /// A game just begun (or restored), nothing decided on screen yet.
    pub fn new(source: ScenarioSource, game: Game, player: String) -> Play {
        let opening = Game::new(Arc::clone(game.prepared()), game.seed())
            .accounts()
            .to_vec();
        Play {
            source,
            player,
            seed_code: String::new(),
            warnings: Vec::new(),
            game,
            draft: DraftPlan::default(),
            nego: NegoDraft::default(),
            feedback: None,
            confirm: None,
            message: None,
            notice: None,
            exported: None,
            guide: None,
            what_if: None,
            expert: None,
            show_expert_months: false,
            opening,
            debrief: None,
            worked_out: DraftCache::default(),
            mistakes: MistakeCache::default(),
        }
    }

    /// A what-if of this game from the start of `month`: see [`Play::what_if_at`].
    pub(super) fn what_if_from(self, month: u32) -> Result<Play, Box<Play>> {
        let keep = kam_sim::log_before_month(self.official(), month).len();
        self.what_if_at(keep)
    }

    /// The official game: the original beside a what-if (a what-if of a what-if still
    /// compares with it), else this one.
    fn official(&self) -> &Game {
        self.what_if
            .as_ref()
            .map_or(&self.game, |w| &w.original.game)
    }

    /// A what-if of this game that replays the official game's first `keep` decisions with
    /// the same seed and opens at the next one (a month's plan, an event's question, a
    /// negotiation's round): a fresh game in hand, the original kept whole beside it. `Err`
    /// gives this game back, unchanged, when those decisions cannot be replayed.
    pub(super) fn what_if_at(mut self, keep: usize) -> Result<Play, Box<Play>> {
        let official = self.official();
        let prefix = &official.log()[..keep.min(official.log().len())];
        let replayed = Game::replay(Arc::clone(official.prepared()), official.seed(), prefix);
        let Ok(branch) = replayed else {
            return Err(Box::new(self));
        };
        let original = match self.what_if.take() {
            Some(w) => w.original,
            None => Box::new(self),
        };
        let month = branch.turn();
        let mut play = Play::new(original.source.clone(), branch, original.player.clone());
        play.seed_code = original.seed_code.clone();
        play.warnings = original.warnings.clone();
        play.guide = original.guide;
        play.expert = original.expert.clone();
        play.show_expert_months = original.show_expert_months;
        play.mistakes = original.mistakes.clone();
        play.what_if = Some(WhatIf {
            month,
            original,
            suggestion: None,
        });
        Ok(play)
    }

    /// The end of the game: the expert's game (once per seed) and the debrief, with "try next
    /// time".
    pub(super) fn finish(&mut self) {
        if self.expert.is_none() {
            self.expert = ExpertGame::play(&self.game).map(Arc::new);
        }
        let try_next_time = self.mistakes.get(&self.game);
        self.debrief = Some(self.work_out_debrief(try_next_time));
    }

    /// The debrief of this game: the one worked out when the game ended, or, for a game that
    /// reached the debrief another way (a test), worked out now without the replays of "try
    /// next time".
    pub fn debrief(&mut self) -> &DebriefData {
        let decisions = self.game.log().len();
        let data = match self.debrief.take() {
            Some(d) if d.decisions == decisions => d,
            _ => self.work_out_debrief(Vec::new()),
        };
        self.debrief.insert(data)
    }

    /// The debrief as last worked out, if the game has one.
    pub fn debrief_data(&self) -> Option<&DebriefData> {
        self.debrief.as_ref()
    }

    fn work_out_debrief(&self, try_next_time: Vec<Mistake>) -> DebriefData {
        let game = &self.game;
        DebriefData {
            decisions: game.log().len(),
            debrief: kam_sim::debrief_game(game),
            money_losers: kam_sim::money_losers(game),
            months: self
                .expert
                .as_ref()
                .map(|e| kam_sim::compare_months(game, &e.game))
                .unwrap_or_default(),
            people_read: kam_sim::review_reading(game),
            try_next_time,
        }
    }

    /// Works the coach's hints, the plan preview and the resources' refusals out again if the
    /// draft or the game changed since the last time.
    pub(super) fn refresh_draft(&mut self, coach_on: bool) {
        // Compared in place: the plan is cloned only when it is worked out again.
        let fresh = self.worked_out.made_for.as_ref().is_some_and(|k| {
            k.decisions == self.game.log().len()
                && k.plan == self.draft.plan
                && (k.coach_on, k.end_asked_in) == (coach_on, self.draft.end_asked_in)
        });
        if fresh {
            return;
        }
        let key = DraftKey {
            decisions: self.game.log().len(),
            plan: self.draft.plan.clone(),
            coach_on,
            end_asked_in: self.draft.end_asked_in,
        };
        let game = &self.game;
        let plan = &self.draft.plan;
        // Once there is a plan: after the first visit or resource of the month, or once the
        // player tries to end the month. Never on the untouched plan a month opens with, where
        // "0 visits planned" reads as an accusation before the trainee has done anything (a
        // playtest).
        let started = !plan.visits.is_empty() || !plan.resources.is_empty();
        let ending = self.draft.end_asked_in == Some(game.turn());
        self.worked_out = DraftCache {
            made_for: Some(key),
            hints: if coach_on && game.is_planning() && (started || ending) {
                kam_sim::coach_hints(game, plan)
            } else {
                Vec::new()
            },
            // The plan's expected effect, the model's expectation only.
            preview: if coach_on {
                game.preview_plan_as_read(plan).ok()
            } else {
                None
            },
            refusals: resource_refusals(game, plan),
        };
    }

    /// Why the plan on the table could not take one more unit of `resource` for `account`
    /// (the engine's reason), or `None` when it could ([`Session::refresh_draft`](crate::Session::refresh_draft) keeps it
    /// current).
    pub fn resource_refusal(&self, account: usize, resource: usize) -> Option<&PlanError> {
        let refusals = self.worked_out.refusals.get(account)?;
        refusals.get(resource)?.as_ref()
    }

    /// The coach's hints on the plan on the table (kept current by
    /// [`Session::refresh_draft`](crate::Session::refresh_draft)), typed: worded by
    /// [`Hint::words`] as they are drawn.
    pub fn coach_hints(&self) -> &[Hint] {
        &self.worked_out.hints
    }

    /// The expected effect of the plan on the table, per account, when the coach is on.
    pub fn plan_preview(&self) -> Option<&[PlanPreview]> {
        self.worked_out.preview.as_deref()
    }

    /// This game's "try next time", once worked out (empty before).
    pub fn try_next_time(&self) -> &[Mistake] {
        self.debrief.as_ref().map_or(&[], |d| &d.try_next_time)
    }
}

/// For each account and resource, the engine's reason why `plan` could not take one more
/// unit, or `None` when it could.
fn resource_refusals(game: &Game, plan: &Plan) -> Vec<Vec<Option<PlanError>>> {
    let resources = game.scenario().means.resources.len();
    (0..game.accounts().len())
        .map(kam_sim::AccountId)
        .map(|account| {
            (0..resources)
                .map(kam_sim::ResourceId)
                .map(|resource| {
                    let mut more = plan.clone();
                    match more
                        .resources
                        .iter_mut()
                        .find(|x| x.account == account && x.resource == resource)
                    {
                        Some(x) => x.units += 1,
                        None => more.resources.push(kam_sim::ResourceUse {
                            account,
                            resource,
                            units: 1,
                        }),
                    }
                    game.check_plan(&more).err()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::session::{Action, Screen, Session};

    fn tutorial() -> Session {
        let mut s = Session::new(None);
        assert!(s.start(ScenarioSource::Bundled("tutorial".into()), "", "Tester"));
        s.lang = Lang::En;
        s
    }

    /// The debrief is worked out once, when the game ends: asking again gives the very same
    /// data, and a language switch words it again where it is drawn without judging, comparing
    /// or replaying anything (the people review included).
    #[test]
    fn the_debrief_is_worked_out_once_per_game_whatever_the_language() {
        let mut s = tutorial();
        s.autoplay(kam_sim::StrategyId::Random).unwrap();
        let play = s.play.as_mut().unwrap();
        let first = play.debrief_data().unwrap();
        assert!(!first.try_next_time.is_empty(), "finish() found them");
        assert!(!first.months.is_empty(), "the expert's game is beside it");
        assert!(play.expert.is_some(), "finish() played the expert");
        let worked_out = |d: &DebriefData| {
            (
                d.try_next_time.as_ptr(),
                d.debrief.lessons.as_ptr(),
                d.debrief.chance.as_ptr(),
                d.months.as_ptr(),
                d.people_read.as_ptr(),
            )
        };
        let before = worked_out(first);
        assert_eq!(worked_out(play.debrief()), before, "not worked out again");
        s.apply(Action::SetLang(Lang::Zh));
        let play = s.play.as_mut().unwrap();
        assert_eq!(worked_out(play.debrief()), before, "not worked out again");
    }

    /// The coach's hints and preview follow the draft: kept while nothing they depend on
    /// changes, worked out again when an action changes the plan.
    #[test]
    fn the_coach_is_worked_out_again_only_when_the_draft_changes() {
        let mut s = tutorial();
        s.screen = Screen::Turn;
        s.refresh_draft();
        assert!(s.coach_hints().is_empty(), "no hints on the untouched plan");
        let preview = s.play.as_ref().unwrap().plan_preview().map(<[_]>::as_ptr);
        assert!(preview.is_some(), "the tutorial is practice: a preview");
        s.refresh_draft();
        let kept = s.play.as_ref().unwrap().plan_preview().map(<[_]>::as_ptr);
        assert_eq!(kept, preview, "nothing changed, nothing worked out again");
        let game = s.game().unwrap();
        let person = game.accounts()[0]
            .people
            .iter()
            .position(|p| p.present)
            .unwrap();
        s.apply(Action::AddVisit(kam_sim::Visit {
            account: kam_sim::AccountId(0),
            stakeholder: kam_sim::MemberId(person),
            approach: kam_sim::ApproachId(0),
        }));
        s.refresh_draft();
        let play = s.play.as_ref().unwrap();
        let expected = kam_sim::coach_hints(&play.game, &play.draft.plan);
        assert_eq!(play.coach_hints(), expected.as_slice());
        let after = play.plan_preview().unwrap();
        assert_eq!(
            after,
            play.game
                .preview_plan_as_read(&play.draft.plan)
                .unwrap()
                .as_slice(),
            "the preview of the plan with the visit"
        );
    }
}

//! How a game moves on: ending a month, the events and negotiations that follow, the report,
//! the end of the game, what-ifs and playing with a built-in strategy. Each step makes its
//! decision through the engine and picks the next [`Screen`].

use kam_sim::{BuyerReply, Decision, Exchange, Game, Pending};

use super::{Confirm, Feedback, NegoDraft, Play, Screen, Session, metrics};
use crate::i18n;

impl Session {
    /// Ends the month, asking first when visits or budget would go unused.
    pub(super) fn ask_end_turn(&mut self) {
        if self.screen != Screen::Turn {
            return;
        }
        let Some(play) = &mut self.play else { return };
        let game = &play.game;
        if !game.is_planning() {
            return;
        }
        play.draft.end_asked_in = Some(game.turn());
        let means = &game.scenario().means;
        let visits_left = means
            .visits_per_turn
            .saturating_sub(play.draft.plan.visits.len() as u32);
        let budget_left = means.budget_per_turn - game.plan_cost(&play.draft.plan);
        // Budget too small to buy any resource is not worth asking about (a free resource,
        // such as a discount, does not make unspent budget worth a question).
        let cheapest = means
            .resources
            .iter()
            .map(|r| r.cost)
            .filter(|c| *c > 0.0)
            .fold(f64::INFINITY, f64::min);
        if visits_left > 0 || budget_left + 1e-9 >= cheapest {
            play.confirm = Some(Confirm::EndTurn {
                visits_left,
                budget_left,
            });
        } else {
            self.end_turn();
        }
    }

    /// Back to the title screen, where the autosave can be continued.
    pub(super) fn leave_to_title(&mut self) {
        if self.game().is_some_and(|g| !g.is_finished()) {
            self.autosave_now();
        }
        if let Some(play) = &mut self.play {
            play.confirm = None;
        }
        self.screen = Screen::Title;
        self.title.autosave = self.saved_game();
    }

    pub(super) fn end_turn(&mut self) {
        if self.screen != Screen::Turn {
            return;
        }
        let lang = self.lang;
        let Some(play) = &mut self.play else { return };
        play.draft.undo.clear();
        if let Err(e) = play.game.check_plan(&play.draft.plan) {
            play.message = Some(i18n::plan_error(lang, &e));
            return;
        }
        let plan = std::mem::take(&mut play.draft.plan);
        if self.decide(Decision::Plan(plan)) {
            if let Some(play) = &mut self.play {
                play.message = None;
            }
            self.next_pending();
        }
    }

    /// After a decision: the next event or negotiation, else the turn report.
    fn next_pending(&mut self) {
        let Some(play) = &mut self.play else { return };
        play.feedback = None;
        match play.game.pending() {
            Some(Pending::Event { .. }) => self.screen = Screen::Event,
            Some(Pending::Negotiation(state)) => {
                play.nego = opening_offer(&play.game, state);
                self.screen = Screen::Negotiation;
            }
            None => {
                // In this order: the save records that the month's report is unread.
                self.screen = Screen::Report;
                self.autosave_now();
            }
        }
    }

    pub(super) fn choose(&mut self, choice: usize) {
        let Some(play) = &self.play else { return };
        if play.feedback.is_some() {
            return;
        }
        let Some(Pending::Event { event, account, .. }) = play.game.pending().cloned() else {
            return;
        };
        let before = metrics(&play.game.accounts()[account]);
        if self.decide(Decision::Choose(choice))
            && let Some(play) = &mut self.play
        {
            let after = metrics(&play.game.accounts()[account]);
            play.feedback = Some(Feedback {
                event,
                account,
                choice,
                before,
                after,
            });
        }
    }

    pub(super) fn make_offer(&mut self) {
        let Some(play) = &self.play else { return };
        if play.nego.summary.is_some() {
            return;
        }
        let offer = play.nego.offer.clone();
        if !self.decide(Decision::Offer(offer.clone())) {
            return;
        }
        let Some(play) = &mut self.play else { return };
        match play.game.pending() {
            Some(Pending::Negotiation(s)) if s.negotiation == play.nego.negotiation => {
                play.nego.last_reply = s.exchanges.last().map(|x| x.reply);
                play.nego.history = s.exchanges.clone();
            }
            _ => {
                let deal = play
                    .game
                    .negotiation_records()
                    .last()
                    .is_some_and(|r| r.deal.is_some());
                let reply = if deal {
                    BuyerReply::Accept
                } else {
                    BuyerReply::WalkAway
                };
                play.nego.last_reply = Some(reply);
                // The closing round is a round too: its offer stays in the history beside
                // the buyer's answer (a playtest found the last offer missing).
                play.nego.history.push(Exchange { offer, reply });
                play.nego.summary = play.game.negotiation_records().last().cloned();
            }
        }
    }

    pub(super) fn walk_away(&mut self) {
        if self.play.as_ref().is_none_or(|p| p.nego.summary.is_some()) {
            return;
        }
        self.decide(Decision::WalkAway);
        if let Some(play) = &mut self.play {
            play.nego.summary = play.game.negotiation_records().last().cloned();
        }
    }

    /// Continue from a feedback dialog, a deal summary or the turn report.
    pub(super) fn proceed(&mut self) {
        let Some(play) = &self.play else { return };
        match self.screen {
            Screen::Event if play.feedback.is_some() => self.next_pending(),
            Screen::Negotiation if play.nego.summary.is_some() => self.next_pending(),
            // The report waits for the class: there is nothing to continue to yet.
            Screen::Report if self.waiting_for_class() => {}
            Screen::Report if play.game.is_finished() => self.finish(),
            Screen::Report => {
                self.screen = Screen::Turn;
                // A class game's save says the report was read (see `Autosave::at_report`).
                if self.class.seat.is_some() {
                    self.autosave_now();
                }
                if let Some(play) = &mut self.play {
                    play.notice = None;
                }
            }
            Screen::Briefing => self.screen = Screen::Turn,
            _ => {}
        }
    }

    /// The end of the game: the expert's score on the same seed and the debrief, worked out
    /// once, then the debrief.
    pub fn finish(&mut self) {
        if let Some(play) = &mut self.play {
            play.finish();
        }
        self.autosave_now();
        self.screen = Screen::Debrief;
    }

    pub(super) fn next_pending_after_resume(&mut self) {
        match self.game().and_then(Game::pending) {
            None => self.screen = Screen::Turn,
            Some(_) => self.next_pending(),
        }
    }

    /// A what-if: the game as it stood when `month` began, to be played again with the same
    /// seed; the original is kept beside it for the debrief's comparison.
    pub(super) fn start_what_if(&mut self, month: u32) {
        self.branch(|play| play.what_if_from(month));
    }

    /// Puts the what-if `make` makes of the game in hand, or the game back unchanged.
    fn branch(&mut self, make: impl FnOnce(Play) -> Result<Play, Box<Play>>) {
        let Some(play) = self.play.take() else { return };
        match make(play) {
            Ok(branch) => {
                self.play = Some(branch);
                self.next_pending_after_resume();
            }
            Err(unchanged) => self.play = Some(*unchanged),
        }
    }

    /// A what-if that opens at the n-th "try next time" mistake's own decision (a month's
    /// plan, with its better plan offered beside it; an event's question; a negotiation's
    /// round), not at the start of its month.
    pub(super) fn replay_mistake(&mut self, n: usize) {
        let Some(m) = self
            .play
            .as_ref()
            .and_then(|p| p.try_next_time().get(n).cloned())
        else {
            return;
        };
        self.branch(|play| play.what_if_at(m.decision));
        if let Some(w) = self.play.as_mut().and_then(|p| p.what_if.as_mut()) {
            w.suggestion = m.better_plan.map(|plan| (plan, m.points));
        }
    }

    /// Back to the original game, as it was finished, at its debrief; the what-if is dropped.
    pub(super) fn leave_what_if(&mut self) {
        let Some(what_if) = self.play.as_mut().and_then(|p| p.what_if.take()) else {
            return;
        };
        let mut original = *what_if.original;
        // An original restored from a save has no debrief yet: worked out now, beside the
        // expert's game the what-if already played.
        if original.debrief_data().is_none() {
            original.expert = self.play.as_ref().and_then(|p| p.expert.clone());
            original.finish();
        }
        original.notice = None;
        self.play = Some(original);
        self.screen = Screen::Debrief;
        self.autosave_now();
    }

    /// Plays with a built-in strategy until the game reaches `stop` (an event, a negotiation or
    /// a turn report), for screenshots of those screens; the debrief when it never does.
    pub fn autoplay_until(
        &mut self,
        strategy: kam_sim::StrategyId,
        stop: Screen,
    ) -> Result<(), String> {
        let game = self.game_mut().ok_or("no game")?;
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
        let game = self.game_mut().ok_or("no game")?;
        let mut s = strategy.build(game.seed());
        kam_sim::play_out(game, s.as_mut()).map_err(|e| e.to_string())?;
        self.finish();
        Ok(())
    }
}

/// A negotiation as it opens: with the option the buyer likes least on each issue, the
/// seller's best terms, from which the player concedes or trades.
fn opening_offer(game: &Game, state: &kam_sim::NegotiationState) -> NegoDraft {
    let n = &game.scenario().negotiations[state.negotiation];
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
    NegoDraft {
        negotiation: state.negotiation,
        offer,
        focus: 0,
        last_reply: None,
        summary: None,
        history: state.exchanges.clone(),
        table: kam_sim::OfferTable::new(game, state.negotiation),
    }
}

//! Joining a live class from the title screen: the join runs on a thread of its own
//! ([`crate::class::start_join`]) so a server that does not answer never freezes the window;
//! the session polls for its answer each frame and starts the class game it brings.

use std::sync::Arc;

use bevy::prelude::*;

use super::{Play, ScenarioSource, Screen, Session};
use crate::i18n::K;

impl Session {
    /// Takes a class join's answer once it has come, and starts its game or says why not;
    /// true when something changed (the caller draws a frame). Called every frame: by the
    /// Bevy system `poll_class`, and by the tests' harness as that system would.
    pub fn poll_class(&mut self) -> bool {
        let Some(answer) = self
            .class
            .joining
            .as_ref()
            .and_then(crate::class::PendingJoin::answer)
        else {
            return false;
        };
        self.class.joining = None;
        match answer {
            Ok(joined) => {
                self.class.join_attempt = None;
                self.enter_class(joined);
            }
            Err(problem) => {
                // The cause in the log too, for whoever helps the trainee.
                if let Some(cause) = problem.technical() {
                    warn!("joining the class failed: {cause}");
                }
                self.class.join_problem = Some(problem);
            }
        }
        true
    }

    /// Starts joining the class the title form names (or taking the seat back, when a rejoin
    /// code is given), in the background: [`Session::poll_class`] starts its game when the
    /// server answers.
    pub(super) fn join_class(&mut self) {
        if self.class.joining.is_some() {
            return;
        }
        self.remember();
        let form = self.title.form.clone();
        if form.player.trim().is_empty() {
            self.title.message = Some(K::NameNeeded.t(self.lang).to_owned());
            return;
        }
        // A new attempt: what went wrong with the last one is not about this one.
        self.title.error = None;
        self.title.message = None;
        self.class.join_problem = None;
        let key = (
            form.join_code.trim().to_uppercase(),
            form.player.trim().to_owned(),
        );
        // A join cancelled, or timed out, may still have taken a seat on the server; the next
        // join with the same code and name sends the same join id, so it gets that seat back
        // instead of "name taken".
        let attempt = match &self.class.join_attempt {
            Some((code, name, attempt)) if (code, name) == (&key.0, &key.1) => attempt.clone(),
            _ => kam_class::JoinAttempt::new(&form.join_code, &form.player),
        };
        self.class.join_attempt = Some((key.0, key.1, attempt.clone()));
        self.class.joining = Some(crate::class::start_join(
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
        if !self.settings.lang_fixed {
            self.lang = self.title.form.lang.unwrap_or(prepared.scenario.language);
        }
        let source = ScenarioSource::Class(Arc::from(saved.scenario.as_str()));
        let acknowledged = game.log().len();
        let resumed = acknowledged > 0;
        let seat = crate::class::ClassSeat::connect(saved.clone(), &game, acknowledged);
        let mut play = Play::new(source, game, self.player_name(&saved.name));
        play.seed_code = saved.code.clone();
        play.notice = Some(format!(
            "{} {} · {} {}",
            K::ClassLine.t(self.lang),
            saved.code,
            K::RejoinLine.t(self.lang),
            saved.rejoin
        ));
        self.begin(play);
        self.class.seat = Some(seat);
        if at_report {
            self.screen = Screen::Report;
        } else if resumed {
            self.next_pending_after_resume();
        } else {
            self.screen = Screen::Briefing;
        }
        self.autosave_now();
    }
}

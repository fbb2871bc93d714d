//! The game's seat in a live class (`kam serve`): joining from the title screen, the link
//! that sends each decision as the trainee plays, and whether the game must wait for the
//! class (rounds).
//!
//! The game always plays locally, so the server's speed or absence never slows a turn; the
//! link sends the log in the background and the autosave keeps the seat, so a restarted game
//! picks up its class where it left it.

use std::sync::Arc;

use kam_class::{Client, Link, LinkState, Pacing, Seat};
use kam_sim::engine::{Game, Prepared};
use serde::{Deserialize, Serialize};

use crate::i18n::{K, Lang};

/// What the autosave keeps of a class seat (the scenario text too: a class may play an
/// instructor's own file that this computer does not have).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSeat {
    pub server: String,
    pub code: String,
    pub name: String,
    pub token: String,
    pub rejoin: String,
    pub pacing: Pacing,
    pub show_scores: bool,
    /// Practice (the coach is on) or exam.
    #[serde(default = "practice")]
    pub coach: bool,
    pub scenario: String,
}

fn practice() -> bool {
    true
}

/// A seat the game holds, with its running link.
pub struct ClassSeat {
    pub saved: SavedSeat,
    pub link: Link,
}

impl ClassSeat {
    /// Starts the link for a game restored or joined; the server holds `acknowledged` of it.
    pub fn connect(saved: SavedSeat, game: &Game, acknowledged: usize) -> ClassSeat {
        let link = Link::start(
            Client::new(&saved.server),
            saved.token.clone(),
            saved.pacing,
            game.log().to_vec(),
            acknowledged,
        );
        ClassSeat { saved, link }
    }

    /// Rounds: the month just played is not released yet, so its report waits.
    pub fn waiting(&self, game: &Game, state: &LinkState) -> bool {
        if self.saved.pacing != Pacing::Rounds || game.is_finished() {
            return false;
        }
        let released = state.status.map_or(0, |s| s.released);
        game.turn() > released + 1
    }
}

/// Joins (or, with a rejoin code, takes back) a seat: the seat and the game the server holds
/// for it, replayed here.
pub fn join(
    server: &str,
    code: &str,
    name: &str,
    rejoin: &str,
) -> Result<(SavedSeat, Game, Arc<Prepared>), String> {
    let client = Client::new(server);
    let seat: Seat = if rejoin.trim().is_empty() {
        client.join(code, name)
    } else {
        client.rejoin(code, name, rejoin)
    }
    .map_err(|e| e.to_string())?;
    let game = kam_class::robot::game_for(&seat)?;
    let prepared = Arc::clone(game.prepared());
    let saved = SavedSeat {
        server: client.base().to_owned(),
        code: code.trim().to_uppercase(),
        name: seat.name.clone(),
        token: seat.token.clone(),
        rejoin: seat.rejoin.clone(),
        pacing: seat.pacing,
        show_scores: seat.show_scores,
        coach: seat.coach,
        scenario: seat.scenario.clone(),
    };
    Ok((saved, game, prepared))
}

/// The top bar's class line, short enough for the bar (code and what is sent), a longer
/// explanation for its tooltip (with the rejoin code), and whether something is wrong.
pub fn status_line(seat: &ClassSeat, lang: Lang) -> (String, String, bool) {
    let state = seat.link.state();
    let head = format!("{} {}", K::ClassLine.t(lang), seat.saved.code);
    let rejoin = crate::i18n::labelled(lang, K::RejoinLine.t(lang), &seat.saved.rejoin);
    // The seat was removed or taken up elsewhere: said in the UI's language, with what to do
    // (the link's own sentence is English).
    if state.seat_gone {
        let short = format!("{head} · {}", K::SeatGoneShort.t(lang));
        return (short, format!("{}\n{rejoin}", K::SeatGone.t(lang)), true);
    }
    if let Some(why) = &state.refused {
        let short = format!("{head} · {}", K::ClassRefused.t(lang));
        return (short, format!("{why}\n{rejoin}"), true);
    }
    if state.status.is_some_and(|s| s.ended) {
        return (format!("{head} · {}", K::ClassEnded.t(lang)), rejoin, false);
    }
    if let Some(why) = &state.offline {
        let short = format!("{head} · {}", K::OfflineShort.t(lang));
        return (
            short,
            format!("{}\n{why}\n{rejoin}", K::Offline.t(lang)),
            true,
        );
    }
    let short = if state.acknowledged >= state.made {
        format!("{head} · {}", K::SentAll.t(lang))
    } else {
        format!(
            "{head} · {} {}/{}",
            K::SentSome.t(lang),
            state.acknowledged,
            state.made
        )
    };
    (short, rejoin, false)
}

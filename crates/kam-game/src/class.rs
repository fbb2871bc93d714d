//! The game's seat in a live class (`kam serve`): joining from the title screen, the link
//! that sends each decision as the trainee plays, and whether the game must wait for the
//! class (rounds).
//!
//! The game always plays locally, so the server's speed or absence never slows a turn; the
//! link sends the log in the background and the autosave keeps the seat, so a restarted game
//! picks up its class where it left it. A join runs on a thread of its own too: a server that
//! does not answer must not freeze the window while the trainee waits (issue 20, finding 11).
//!
//! Everything said about the class is said here, in the UI's language, as what happened and
//! what to do; the network's own words ("os error 111") only in a tooltip and the log.

use std::sync::{Arc, Mutex};

use kam_class::{CallError, Client, JoinAttempt, Link, LinkState, Pacing, Seat};
use kam_sim::{Game, Prepared};
use serde::{Deserialize, Serialize};

use crate::i18n::{self, K, Lang};

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
    /// How many decisions the server had acknowledged when the game was saved: a continued
    /// game counts from there until the server answers, instead of "sent 0 of N" (finding 13).
    /// The link resumes from what the server says it holds if that differs.
    #[serde(default)]
    pub acknowledged: usize,
}

fn practice() -> bool {
    true
}

/// The game's ties to a live class: the seat it plays in, and a join under way.
#[derive(Default)]
pub struct ClassLink {
    /// The seat in a live class the game in hand is played in, if any.
    pub seat: Option<ClassSeat>,
    /// A class join under way in the background (the title shows it, with Cancel).
    pub joining: Option<PendingJoin>,
    /// Why the last join got no seat, shown on the title until the next attempt.
    pub join_problem: Option<JoinProblem>,
    /// The last join's attempt and the code and name it was for: a join with the same code
    /// and name sends the same join id again.
    pub(crate) join_attempt: Option<(String, String, JoinAttempt)>,
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
            acknowledged.min(game.log().len()),
        );
        ClassSeat { saved, link }
    }

    /// Rounds: the month just played is not released yet, so its report waits. Never once
    /// nothing more will be released to this game (the class ended, or the seat plays on
    /// another computer): the trainee plays on, told that it is not recorded.
    pub fn waiting(&self, game: &Game, state: &LinkState) -> bool {
        if self.saved.pacing != Pacing::Rounds || game.is_finished() {
            return false;
        }
        if matches!(delivery(state), Delivery::SeatGone | Delivery::Ended) {
            return false;
        }
        let released = state.status.map_or(0, |s| s.released);
        game.turn() > released + 1
    }

    /// The server's address as the trainee typed it (without `http://`).
    pub fn address(&self) -> &str {
        shown_address(&self.saved.server)
    }

    /// The saved seat with what the server has acknowledged so far.
    pub fn to_save(&self) -> SavedSeat {
        SavedSeat {
            acknowledged: self.link.state().acknowledged,
            ..self.saved.clone()
        }
    }
}

fn shown_address(server: &str) -> &str {
    server.strip_prefix("http://").unwrap_or(server)
}

/// Where the game's decisions stand with the server, most pressing first.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// The server no longer knows the seat: taken up on another computer (or removed).
    SeatGone,
    /// The instructor ended the class: nothing more is recorded.
    Ended,
    /// The server refused decisions and sending them again will not help (its sentence).
    Refused(String),
    /// The server does not answer, and decisions wait here to be sent (the network's own
    /// words, for a tooltip).
    Offline(String),
    /// The server does not answer, but it acknowledged everything made: nothing waits here
    /// (a hand run saw "not sent yet" for a month the server held).
    SentOffline(String),
    /// Not all acknowledged yet, and no failure so far: on the way.
    Sending,
    /// Everything made is acknowledged.
    Sent,
}

pub fn delivery(state: &LinkState) -> Delivery {
    if state.seat_gone {
        Delivery::SeatGone
    } else if state.ended || state.status.is_some_and(|s| s.ended) {
        Delivery::Ended
    } else if let Some(why) = &state.refused {
        Delivery::Refused(why.clone())
    } else if let Some(why) = &state.offline {
        if state.acknowledged < state.made {
            Delivery::Offline(why.clone())
        } else {
            Delivery::SentOffline(why.clone())
        }
    } else if state.acknowledged < state.made {
        Delivery::Sending
    } else {
        Delivery::Sent
    }
}

/// The top bar's class line, short enough for the bar (code and what is sent), a longer
/// explanation for its tooltip, and whether something is wrong (drawn in red).
pub fn status_line(seat: &ClassSeat, lang: Lang) -> (String, String, bool) {
    let state = seat.link.state();
    let head = format!("{} {}", K::ClassLine.t(lang), seat.saved.code);
    let rejoin = i18n::labelled(lang, K::RejoinLine.t(lang), &seat.saved.rejoin);
    let technical = |why: &str| i18n::labelled(lang, K::TechnicalDetail.t(lang), why);
    match delivery(&state) {
        // No rejoin code here: taking the seat back on this computer would take it from the
        // one it is played on now.
        Delivery::SeatGone => (
            format!("{head} · {}", K::SeatGoneShort.t(lang)),
            K::SeatGone.t(lang).to_owned(),
            true,
        ),
        Delivery::Ended => (
            format!("{head} · {}", K::ClassEndedShort.t(lang)),
            K::ClassEndedLong.t(lang).to_owned(),
            true,
        ),
        // The server's sentence is its own (English); the words around it are the UI's.
        Delivery::Refused(why) => (
            format!("{head} · {}", K::NotAccepted.t(lang)),
            format!(
                "{}\n{}\n{rejoin}",
                i18n::tf(lang, K::SubmissionRefused, why),
                K::RefusedTodo.t(lang)
            ),
            true,
        ),
        Delivery::Offline(why) => (
            format!("{head} · {}", K::OfflineShort.t(lang)),
            format!(
                "{}\n{}\n{}\n{rejoin}",
                i18n::tf(lang, K::ServerSilent, seat.address()),
                K::Offline.t(lang),
                technical(&why)
            ),
            true,
        ),
        Delivery::SentOffline(why) => (
            format!("{head} · {}", K::OfflineAllSentShort.t(lang)),
            format!(
                "{}\n{}\n{}\n{rejoin}",
                i18n::tf(lang, K::ServerSilent, seat.address()),
                K::OfflineAllSent.t(lang),
                technical(&why)
            ),
            true,
        ),
        Delivery::Sending => (
            format!(
                "{head} · {} {}/{}",
                K::SentSome.t(lang),
                state.acknowledged,
                state.made
            ),
            rejoin,
            false,
        ),
        Delivery::Sent => (format!("{head} · {}", K::SentAll.t(lang)), rejoin, false),
    }
}

/// A class game joined: the seat to save and its game as the server holds it, replayed here.
pub struct Joined {
    pub saved: SavedSeat,
    pub game: Game,
    pub prepared: Arc<Prepared>,
    /// Months the class has released (rounds), as the server said with the seat.
    pub released: u32,
}

/// Why a join did not get a seat, as the title screen explains it.
#[derive(Debug, Clone, PartialEq)]
pub enum JoinProblem {
    /// Nothing answered at the address (the network's words, for the tooltip and the log).
    Unreachable {
        address: String,
        cause: String,
    },
    UnknownCode,
    ClassEnded,
    /// The name is taken, or the class is full (the server's sentence says which).
    NameTaken {
        detail: String,
    },
    BadName {
        detail: String,
    },
    RejoinNoMatch,
    /// Any other refusal, with the server's sentence.
    Refused {
        detail: String,
    },
    /// The seat's game does not load or replay here (another version of the game).
    Unplayable {
        detail: String,
    },
}

impl JoinProblem {
    fn from_call(address: &str, error: CallError) -> JoinProblem {
        let detail = error.to_string();
        match error {
            CallError::Unreachable(cause) => JoinProblem::Unreachable {
                address: shown_address(address).to_owned(),
                cause,
            },
            // By status, which stays as the server's words change (docs/serve.md lists them).
            CallError::Refused { status: 404, .. } => JoinProblem::UnknownCode,
            CallError::Refused { status: 410, .. } => JoinProblem::ClassEnded,
            CallError::Refused { status: 409, .. } => JoinProblem::NameTaken { detail },
            CallError::Refused { status: 403, .. } => JoinProblem::RejoinNoMatch,
            CallError::Refused { status: 400, .. } => JoinProblem::BadName { detail },
            CallError::Refused { .. } | CallError::SeatGone => JoinProblem::Refused { detail },
        }
    }

    /// What happened, in `lang`.
    pub fn what(&self, lang: Lang) -> String {
        match self {
            JoinProblem::Unreachable { address, .. } => i18n::tf(lang, K::JoinUnreachable, address),
            JoinProblem::UnknownCode => K::JoinUnknownCode.t(lang).to_owned(),
            JoinProblem::ClassEnded => K::JoinClassEnded.t(lang).to_owned(),
            JoinProblem::NameTaken { .. } => K::JoinNameTaken.t(lang).to_owned(),
            JoinProblem::BadName { .. } => K::JoinBadName.t(lang).to_owned(),
            JoinProblem::RejoinNoMatch => K::RejoinNoMatch.t(lang).to_owned(),
            JoinProblem::Refused { .. } => K::JoinRefused.t(lang).to_owned(),
            JoinProblem::Unplayable { .. } => K::JoinUnplayable.t(lang).to_owned(),
        }
    }

    /// What to do about it, in `lang`.
    pub fn what_to_do(&self, lang: Lang) -> &'static str {
        match self {
            JoinProblem::Unreachable { .. } => K::FixUnreachable.t(lang),
            JoinProblem::UnknownCode => K::FixJoinCode.t(lang),
            JoinProblem::ClassEnded | JoinProblem::Unplayable { .. } => K::FixAskInstructor.t(lang),
            JoinProblem::NameTaken { .. } => K::FixNameTaken.t(lang),
            JoinProblem::BadName { .. } => K::FixBadName.t(lang),
            JoinProblem::RejoinNoMatch => K::FixRejoin.t(lang),
            JoinProblem::Refused { .. } => K::FixJoin.t(lang),
        }
    }

    /// The technical cause or the server's own sentence, for a tooltip and the log.
    pub fn technical(&self) -> Option<&str> {
        match self {
            JoinProblem::Unreachable { cause, .. } => Some(cause),
            JoinProblem::NameTaken { detail }
            | JoinProblem::BadName { detail }
            | JoinProblem::Refused { detail }
            | JoinProblem::Unplayable { detail } => Some(detail),
            JoinProblem::UnknownCode | JoinProblem::ClassEnded | JoinProblem::RejoinNoMatch => None,
        }
    }
}

type JoinAnswer = Result<Joined, JoinProblem>;

/// A join under way on its own thread. The game polls it each frame ([`PendingJoin::answer`]);
/// a cancelled join is simply dropped, and its thread's answer, whenever it comes, goes
/// nowhere. (A seat that answer took is not lost: the join id makes the next join with the
/// same [`JoinAttempt`] get it back.)
pub struct PendingJoin {
    /// The address as typed, for "connecting to ADDRESS…".
    pub address: String,
    answer: Arc<Mutex<Option<JoinAnswer>>>,
}

impl PendingJoin {
    /// The join's outcome, once it has one (taken once).
    pub fn answer(&self) -> Option<JoinAnswer> {
        self.answer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }
}

/// Starts joining (or, with a rejoin code, taking back) a seat in the background. A join
/// sends `attempt`'s join id, resending it while its answer may have been lost.
pub fn start_join(
    server: &str,
    code: &str,
    name: &str,
    rejoin: &str,
    attempt: JoinAttempt,
) -> PendingJoin {
    let slot = Arc::new(Mutex::new(None));
    let pending = PendingJoin {
        address: shown_address(server.trim()).to_owned(),
        answer: Arc::clone(&slot),
    };
    let (server, code, name, rejoin) = (
        server.to_owned(),
        code.to_owned(),
        name.to_owned(),
        rejoin.to_owned(),
    );
    let spawned = std::thread::Builder::new()
        .name("kam-class-join".into())
        .spawn(move || {
            let answer = join(&server, &code, &name, &rejoin, &attempt);
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(answer);
        });
    if let Err(e) = spawned {
        *pending.answer.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(Err(JoinProblem::Refused {
                detail: e.to_string(),
            }));
    }
    pending
}

/// Joins (or takes back) a seat: the seat and the game the server holds for it, replayed here.
fn join(server: &str, code: &str, name: &str, rejoin: &str, attempt: &JoinAttempt) -> JoinAnswer {
    let client = Client::new(server);
    let seat: Seat = if rejoin.trim().is_empty() {
        client.join_resending(attempt)
    } else {
        client.rejoin(code, name, rejoin)
    }
    .map_err(|e| JoinProblem::from_call(server.trim(), e))?;
    let game =
        kam_class::robot::game_for(&seat).map_err(|detail| JoinProblem::Unplayable { detail })?;
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
        acknowledged: seat.decisions.len(),
    };
    Ok(Joined {
        saved,
        game,
        prepared,
        released: seat.status.released,
    })
}

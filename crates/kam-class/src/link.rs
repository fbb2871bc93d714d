//! A seat's connection to its class: keeps the server's copy of the decision log in step with
//! the game's, in the background, through any outage.
//!
//! There is no separate queue: the game's own log is the queue. The link remembers how much
//! of it the server has acknowledged and sends the rest, retrying with a growing pause while
//! the server is unreachable. Whatever the server acknowledged is in its database, so a game
//! that restarts (or moves to another computer) asks the server where it stands and resends
//! from there: nothing acknowledged is lost and nothing is recorded twice.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use kam_sim::Decision;

use crate::client::{CallError, Client};
use crate::protocol::{ClassStatus, MAX_DECISIONS_PER_SUBMISSION, Pacing, Submission};

/// How long the link waits between status checks when it has nothing to send.
const POLL: Duration = Duration::from_secs(2);
/// The longest pause between retries while the server is unreachable.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// What the game shows of its class connection.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkState {
    /// Decisions the server has acknowledged.
    pub acknowledged: usize,
    /// Decisions the game has made.
    pub made: usize,
    pub status: Option<ClassStatus>,
    /// The last call failed to reach the server (the game plays on; sends are retried).
    pub offline: Option<String>,
    /// The server refused a submission: the game and the server disagree and retrying will
    /// not help (the reason is shown to the trainee).
    pub refused: Option<String>,
    /// The server no longer holds this seat ([`CallError::SeatGone`]: the instructor removed
    /// it, or it was taken up on another computer). The link has stopped for good; `refused`
    /// says it in English too, for a game that does not word this itself.
    pub seat_gone: bool,
    /// The instructor ended the class: a status said so, or a submission was refused as too
    /// late (410). Nothing more is recorded; the game may play on, as practice.
    pub ended: bool,
}

struct Shared {
    log: Vec<Decision>,
    state: LinkState,
    stop: bool,
}

/// A running link; dropping it stops the background thread.
pub struct Link {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    pub pacing: Pacing,
}

impl Link {
    /// Starts syncing `log` (the game's whole log so far) to the seat `token` holds; the
    /// server is known to hold its first `acknowledged` decisions.
    pub fn start(
        client: Client,
        token: String,
        pacing: Pacing,
        log: Vec<Decision>,
        acknowledged: usize,
    ) -> Link {
        let made = log.len();
        let shared = Arc::new((
            Mutex::new(Shared {
                log,
                state: LinkState {
                    acknowledged,
                    made,
                    status: None,
                    offline: None,
                    refused: None,
                    seat_gone: false,
                    ended: false,
                },
                stop: false,
            }),
            Condvar::new(),
        ));
        {
            // Not joined when the link is dropped (see `Drop`): the thread ends by itself.
            let shared = Arc::clone(&shared);
            let _detached = std::thread::Builder::new()
                .name("kam-class-link".into())
                .spawn(move || run(&client, &token, &shared));
        }
        Link { shared, pacing }
    }

    /// The game's log grew (or is the same): send what is new.
    pub fn update(&self, log: &[Decision]) {
        let (lock, wake) = &*self.shared;
        let mut shared = lock_shared(lock);
        if shared.log.len() != log.len() || shared.log.as_slice() != log {
            shared.log = log.to_vec();
            shared.state.made = log.len();
            wake.notify_all();
        }
    }

    pub fn state(&self) -> LinkState {
        lock_shared(&self.shared.0).state.clone()
    }

    /// Waits until everything made is acknowledged, or `timeout` passes; true when it is.
    pub fn flush(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let (lock, wake) = &*self.shared;
        let mut shared = lock_shared(lock);
        loop {
            if shared.state.acknowledged >= shared.log.len() {
                return true;
            }
            if shared.state.refused.is_some() {
                return false;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            wake.notify_all();
            shared = wake
                .wait_timeout(shared, (deadline - now).min(Duration::from_millis(50)))
                .map(|(guard, _)| guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner().0);
        }
    }
}

impl Drop for Link {
    /// Tells the thread to stop, without waiting for it: it may be in the middle of a call to a
    /// server that hangs, which takes up to the call's timeout (10 s) to give up, and the game
    /// drops a link on the UI thread (a new game, *Continue*). The thread holds its own share
    /// of the state and ends when its call returns; nothing it learns after this is used.
    fn drop(&mut self) {
        let (lock, wake) = &*self.shared;
        lock_shared(lock).stop = true;
        wake.notify_all();
    }
}

fn lock_shared(lock: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic elsewhere must not take the class connection down with it.
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The background loop: send what is unacknowledged, else check the status; pause longer
/// after each failure.
fn run(client: &Client, token: &str, shared: &(Mutex<Shared>, Condvar)) {
    let (lock, wake) = shared;
    let mut backoff = Duration::from_millis(250);
    loop {
        let pending = {
            let guard = lock_shared(lock);
            if guard.stop {
                return;
            }
            let from = guard.state.acknowledged;
            (guard.state.refused.is_none() && from < guard.log.len()).then(|| {
                let end = guard.log.len().min(from + MAX_DECISIONS_PER_SUBMISSION);
                Submission {
                    from,
                    decisions: guard.log[from..end].to_vec(),
                }
            })
        };
        let sent = pending.is_some();
        let outcome = match &pending {
            Some(submission) => client.submit(token, submission),
            None => client.status(token),
        };
        let mut guard = lock_shared(lock);
        let pause = match outcome {
            Ok(status) => {
                backoff = Duration::from_millis(250);
                guard.state.offline = None;
                guard.state.ended |= status.ended;
                guard.state.acknowledged = status.recorded.min(guard.log.len());
                guard.state.status = Some(status);
                if sent { Duration::ZERO } else { POLL }
            }
            Err(CallError::Unreachable(why)) => {
                guard.state.offline = Some(why);
                backoff = (backoff * 2).min(MAX_BACKOFF);
                backoff
            }
            Err(CallError::SeatGone) => {
                guard.state.offline = None;
                guard.state.seat_gone = true;
                guard.state.refused = Some(CallError::SeatGone.to_string());
                wake.notify_all();
                // Nothing will ever be accepted for this token again, and a classroom behind
                // one address shares the server's limit on requests with unknown tokens: stop
                // asking instead of polling until the game closes.
                drop(wake.wait_while(guard, |s| !s.stop));
                return;
            }
            Err(CallError::Refused { status, refusal }) => {
                guard.state.offline = None;
                // 410 Gone: the class has ended and records nothing more (docs/serve.md).
                guard.state.ended |= status == 410;
                match refusal.recorded {
                    // The server holds a different amount than we thought (a lost answer,
                    // a restart): resume from where it stands.
                    Some(recorded) if status == 409 && recorded <= guard.log.len() => {
                        guard.state.acknowledged = recorded;
                        Duration::ZERO
                    }
                    _ => {
                        guard.state.refused = Some(refusal.error);
                        POLL
                    }
                }
            }
        };
        wake.notify_all();
        if pause.is_zero() {
            continue;
        }
        let _ = wake.wait_timeout_while(guard, pause, |s| {
            !s.stop && (s.state.refused.is_some() || s.state.acknowledged >= s.log.len())
        });
    }
}

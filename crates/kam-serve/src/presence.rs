//! When each seat was last heard from. A status poll only notes it here; the notes are
//! written to the database together every few seconds (one transaction for the whole
//! instance), so polling costs no synced write, and other instances sharing the database
//! still see who is online within that delay.

use std::collections::HashMap;
use std::sync::Mutex;

/// (session id, seat number).
type SeatKey = (String, i64);

#[derive(Default)]
pub struct Presence {
    /// The last time heard, and whether that time is written yet.
    heard: Mutex<HashMap<SeatKey, (i64, bool)>>,
}

impl Presence {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SeatKey, (i64, bool)>> {
        self.heard.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn heard(&self, session: &str, seat: i64, at: i64) {
        let mut heard = self.lock();
        let entry = heard
            .entry((session.to_owned(), seat))
            .or_insert((at, false));
        if at >= entry.0 {
            *entry = (at, false);
        }
    }

    /// When this instance last heard from the seat.
    pub fn last_heard(&self, session: &str, seat: i64) -> Option<i64> {
        self.lock()
            .get(&(session.to_owned(), seat))
            .map(|(at, _)| *at)
    }

    /// What is not written yet, as (session, seat, at), now counted as written. Entries
    /// already written are forgotten (the database has them), which bounds the map by the
    /// seats heard from since the last flush.
    pub fn take_unwritten(&self) -> Vec<(String, i64, i64)> {
        let mut heard = self.lock();
        let out: Vec<_> = heard
            .iter()
            .filter(|(_, (_, written))| !written)
            .map(|((session, seat), (at, _))| (session.clone(), *seat, *at))
            .collect();
        heard.retain(|_, (_, written)| !*written);
        for (_, written) in heard.values_mut() {
            *written = true;
        }
        out
    }

    /// A flush that failed: its notes are unwritten again (unless newer ones came meanwhile).
    pub fn unwritten_again(&self, notes: Vec<(String, i64, i64)>) {
        for (session, seat, at) in notes {
            self.heard(&session, seat, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_note_is_written_once_and_the_latest_wins() {
        let presence = Presence::default();
        presence.heard("s", 1, 10);
        presence.heard("s", 1, 30);
        presence.heard("s", 1, 20);
        presence.heard("s", 2, 5);
        let mut first = presence.take_unwritten();
        first.sort();
        assert_eq!(first, [("s".into(), 1, 30), ("s".into(), 2, 5)]);
        assert_eq!(presence.last_heard("s", 1), Some(30));
        assert!(presence.take_unwritten().is_empty());
        // Written entries are forgotten at the next flush.
        assert_eq!(presence.last_heard("s", 1), None);
    }
}

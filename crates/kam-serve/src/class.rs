//! What a class server does, apart from HTTP: create sessions, seat trainees, verify and
//! record their decisions by replaying them with kam-sim, release rounds, and summarise the
//! class for the dashboard.
//!
//! The server never takes a score from a client: every figure here comes from its own replay
//! of the decisions it recorded.
//!
//! What goes wrong is a [`ClassError`], in the class's terms; [`crate::error`] alone says it
//! in HTTP. The handlers reach the database only through [`Classroom`]'s methods.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kam_class::protocol::{
    ClassStatus, MAX_DECISIONS_PER_SUBMISSION, Pacing, RejoinRequest, Seat, Submission,
};
use kam_sim::GameRecord;
use kam_sim::scenario::{Difficulty, Lesson, Tier};
use kam_sim::{ClassSummary, GameTally};
use kam_sim::{Decision, Game, Prepared};
use serde::{Deserialize, Serialize};
use tokio::sync::{Semaphore, broadcast};

pub use crate::class_error::ClassError;
use crate::db::{Db, NewSeat, Progress, SeatClaim, SeatRow, SessionRow, WriteError, now_ms};
use crate::limits::{MAX_SEATS, MAX_TITLE_CHARS};
use crate::presence::Presence;
use crate::{names, secrets};

/// How long after its first join a resent join with the same join id still gets the seat
/// back (if the seat has recorded nothing meanwhile): long enough for a game to retry, short
/// enough that a join id is not a second rejoin code.
const JOIN_RETRY_MS: i64 = 10 * 60 * 1000;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// `POST /api/join`: the game's [`kam_class::protocol::JoinRequest`], plus the join id.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = JoinRequest)]
pub struct Join {
    /// The class's join code (case and spaces do not matter).
    pub code: String,
    /// The trainee's name: at most 40 characters once trimmed and its runs of spaces made one,
    /// without control, bidirectional or invisible characters (400 otherwise).
    #[schema(min_length = 1)]
    pub name: String,
    /// Chosen at random by the client for this join (16 to 128 letters, digits, `-` or `_`),
    /// and sent again unchanged if the answer is lost: the resent join gets the same seat.
    #[serde(default)]
    #[schema(pattern = "^[A-Za-z0-9_-]{16,128}$")]
    pub join_id: Option<String>,
}

/// What an instructor asks for when creating a session.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewSession {
    /// A bundled scenario's name (`classroom_en`) or a whole scenario file (RON).
    #[schema(min_length = 1)]
    pub scenario: String,
    /// At most 120 characters once trimmed; empty: the scenario's title.
    #[serde(default)]
    pub title: String,
    /// A number, or any text (a class code) that stands for one; empty: the scenario's seed.
    #[serde(default)]
    pub seed: String,
    pub pacing: Pacing,
    #[serde(default)]
    pub show_scores: bool,
    /// Practice (the game's coach previews plans and hints) or exam (it does not).
    #[serde(default = "practice")]
    pub coach: bool,
    /// The difficulty the class plays at (`"easy"`, `"normal"`, `"hard"`); absent or `null`:
    /// the scenario's own.
    #[serde(default, with = "kam_class::protocol::difficulty_by_name")]
    #[schema(value_type = Option<kam_class::schema::Difficulty>)]
    pub difficulty: Option<Difficulty>,
    /// Rounds: minutes each round stays open before it is released anyway (0: no deadline).
    #[serde(default)]
    #[schema(maximum = 1440)]
    pub round_minutes: u32,
}

fn practice() -> bool {
    true
}

/// Whether `seat` holds back the release of month `open`: it has not played that month yet,
/// the instructor has not excused it, and it is a real seat. A seat that has recorded nothing
/// and is offline (a join whose answer was lost, a game closed at once) holds nothing; any
/// other seat holds the round until it submits the month, however far behind it is, so a
/// trainee alone at the front never releases months on their own.
pub fn holds_round(seat: &SeatRow, open: u32, offline: bool) -> bool {
    !seat.excused && !seat.finished && seat.turn <= open && (seat.recorded > 0 || !offline)
}

/// What creating a session gives the instructor.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Created {
    /// The session's id, in the instructor's routes (`/api/sessions/{id}`).
    pub id: String,
    /// The join code the trainees type.
    pub code: String,
    /// The instructor key: shown once, stored only as a hash.
    pub secret: String,
}

/// One trainee on the dashboard.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RosterLine {
    pub seat: i64,
    pub name: String,
    /// The instructor excused the seat: it holds back no round.
    pub excused: bool,
    /// The month being played (months done + 1), or the last month when finished.
    pub month: u32,
    /// Months the trainee has played (and sent): what the score and the expert's are after.
    pub months_played: u32,
    /// The trainee has recorded a decision: before that their score means nothing yet.
    pub started: bool,
    pub status: SeatStatus,
    pub composite: f64,
    /// The composite against the expert's on the same seed after as many months.
    pub against_expert: f64,
    pub finished: bool,
    /// Rounds: the open month is not released until this seat submits it (or is excused).
    pub holds_round: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeatStatus {
    Planning,
    /// Rounds: done with the open month, waiting for it to be released.
    Waiting,
    Finished,
    Offline,
}

/// How one account fares across the class.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AccountLine {
    pub name: String,
    pub tier: String,
    /// The tier, for a page to name in its language.
    #[serde(skip)]
    pub tier_key: Tier,
    pub kept: usize,
    pub of: usize,
    pub mean_satisfaction: f64,
}

/// A teaching point and how many finished games missed it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LessonLine {
    /// Named in the scenario's language.
    pub lesson: String,
    /// The teaching point, for a page to name in its language.
    #[serde(skip)]
    pub key: Lesson,
    pub missed: usize,
    pub of: usize,
}

/// Everything the dashboard shows, computed from the database and the server's replays.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClassView {
    pub id: String,
    pub code: String,
    pub title: String,
    pub scenario: String,
    pub seed: u64,
    pub pacing: Pacing,
    pub show_scores: bool,
    /// Practice (the game's coach previews plans and hints) or exam (it does not).
    pub coach: bool,
    /// What the class plays at: its own setting, else the scenario's difficulty. Named in lower
    /// case, as the API takes it.
    #[serde(serialize_with = "difficulty_name")]
    #[schema(value_type = kam_class::schema::Difficulty)]
    pub difficulty: Difficulty,
    /// The difficulty is the scenario's own (the instructor chose none).
    pub scenario_difficulty: bool,
    pub months: u32,
    pub released: u32,
    /// Seconds until the open round is released anyway.
    pub deadline_in: Option<i64>,
    pub ended: bool,
    /// An ended class: whole days until the retention policy deletes it (`None`: kept).
    pub deleted_in_days: Option<i64>,
    pub version: i64,
    /// In seat order.
    pub roster: Vec<RosterLine>,
    pub expert_final: f64,
    pub accounts: Vec<AccountLine>,
    /// Most missed first: by the share of finished games that missed it, then by how many
    /// did (the order of `kam report`).
    pub lessons: Vec<LessonLine>,
}

impl ClassView {
    /// The roster best first: the leaderboard. Trainees are ranked by their score against
    /// the expert's after as many months as they have played (like with like: a straggler's
    /// early score is not set against a finished game), then by name; those who have not
    /// started come last.
    pub fn leaderboard(&self) -> Vec<&RosterLine> {
        let mut lines: Vec<&RosterLine> = self.roster.iter().collect();
        lines.sort_by(|a, b| {
            b.started
                .cmp(&a.started)
                .then_with(|| b.against_expert.total_cmp(&a.against_expert))
                .then_with(|| a.name.cmp(&b.name))
        });
        lines
    }
}

/// A difficulty by its lower-case name, as `NewSession` and the seat's answer spell it (the
/// derived form would be `"Hard"`).
fn difficulty_name<S: serde::Serializer>(
    difficulty: &Difficulty,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(difficulty.name())
}

/// A seat of a session: (session id, seat number).
type SeatKey = (String, i64);

/// The server's state: the database, plus caches any instance can rebuild from it.
pub struct Classroom {
    /// Only through `Classroom`'s methods: the handlers reach the data through them, so the
    /// rules those methods apply cannot be gone around.
    db: Db,
    scenarios: Mutex<HashMap<String, Arc<Prepared>>>,
    /// Each session's expert, played once: its final scores and its composite after each month.
    experts: Mutex<HashMap<String, Arc<kam_sim::ExpertRun>>>,
    /// Replayed games by (session, seat); valid when their log length is the seat's
    /// `recorded` (logs only grow, so equal length means equal log).
    games: Mutex<HashMap<SeatKey, Arc<Game>>>,
    /// Each seat's game as the class summary counts it, with the `recorded` it was made at.
    tallies: Mutex<HashMap<SeatKey, (usize, Arc<GameTally>)>>,
    /// Session ids that changed on this instance (dashboards also poll the database for
    /// changes made by other instances).
    pub changes: broadcast::Sender<String>,
    /// When each seat was last heard from, written to the database in batches.
    pub presence: Presence,
    /// A seat not heard from for this long is offline.
    offline_after_ms: i64,
    /// Days an ended class is kept (0: for ever).
    keep_days: u32,
    /// Argon2 hashes at once: each takes 19 MiB and most of a core for a few tens of ms, so a
    /// burst of rejoins waits its turn instead of exhausting memory.
    slow_hashes: Semaphore,
    /// When each session's round was last checked on a waiting trainee's poll.
    round_checked: Mutex<HashMap<String, Instant>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Classroom {
    pub fn new(db: Db, tuning: &crate::Tuning) -> Classroom {
        Classroom {
            db,
            scenarios: Mutex::new(HashMap::new()),
            experts: Mutex::new(HashMap::new()),
            games: Mutex::new(HashMap::new()),
            tallies: Mutex::new(HashMap::new()),
            changes: broadcast::channel(256).0,
            presence: Presence::default(),
            offline_after_ms: i64::try_from(tuning.offline_after.as_millis()).unwrap_or(i64::MAX),
            keep_days: tuning.keep_days,
            slow_hashes: Semaphore::new(2),
            round_checked: Mutex::new(HashMap::new()),
        }
    }

    /// A rejoin code's stored hash (Argon2id), made off the async threads.
    async fn hash_rejoin(&self, code: String) -> Result<String, ClassError> {
        let _turn = self.slow_hashes.acquire().await;
        tokio::task::spawn_blocking(move || secrets::hash_rejoin(&code))
            .await
            .map_err(|e| ClassError::Fault(e.to_string()))
    }

    async fn verify_rejoin(&self, code: String, stored: String) -> secrets::Verified {
        let _turn = self.slow_hashes.acquire().await;
        tokio::task::spawn_blocking(move || secrets::verify_rejoin(&code, &stored))
            .await
            .unwrap_or(secrets::Verified::No)
    }

    /// When the seat was last heard from, by this instance or (as written) by any.
    fn last_seen(&self, session: &str, seat: &SeatRow) -> i64 {
        self.presence
            .last_heard(session, seat.seat)
            .map_or(seat.last_seen, |heard| heard.max(seat.last_seen))
    }

    fn offline(&self, session: &str, seat: &SeatRow, now: i64) -> bool {
        now - self.last_seen(session, seat) > self.offline_after_ms
    }

    /// The retention policy: deletes the classes that ended more than `keep_days` ago (and
    /// those nobody joined in that time), and forgets what this instance cached of them.
    pub async fn delete_expired(&self) -> Result<usize, ClassError> {
        if self.keep_days == 0 {
            return Ok(0);
        }
        let cutoff = now_ms() - i64::from(self.keep_days) * DAY_MS;
        let deleted = self.db.delete_expired(cutoff).await?;
        for id in &deleted {
            lock(&self.scenarios).remove(id);
            lock(&self.experts).remove(id);
            lock(&self.games).retain(|(session, _), _| session != id);
            lock(&self.tallies).retain(|(session, _), _| session != id);
            lock(&self.round_checked).remove(id);
        }
        Ok(deleted.len())
    }

    /// Writes the presence heard since the last flush, in one transaction.
    pub async fn flush_presence(&self) -> Result<(), ClassError> {
        let heard = self.presence.take_unwritten();
        if let Err(e) = self.db.note_last_seen(&heard).await {
            self.presence.unwritten_again(heard);
            return Err(e.into());
        }
        Ok(())
    }

    fn changed(&self, session: &str) {
        let _ = self.changes.send(session.to_owned());
    }

    /// Loads the scenario a session plays (cached per session).
    pub fn prepared(&self, session: &SessionRow) -> Result<Arc<Prepared>, ClassError> {
        if let Some(p) = lock(&self.scenarios).get(&session.id) {
            return Ok(Arc::clone(p));
        }
        let (prepared, _) = kam_sim::load_str("scenario.ron", &session.scenario)
            .map_err(|_| ClassError::ScenarioGone)?;
        let prepared = at_class_difficulty(prepared, session.difficulty);
        lock(&self.scenarios).insert(session.id.clone(), Arc::clone(&prepared));
        Ok(prepared)
    }

    pub async fn create(&self, new: NewSession) -> Result<Created, ClassError> {
        let (file, text) = match kam_sim::bundled_scenario(new.scenario.trim()) {
            Some((file, text)) => (file.to_owned(), text.to_owned()),
            None if new.scenario.trim_start().starts_with('(')
                || new.scenario.contains("accounts") =>
            {
                ("uploaded.ron".to_owned(), new.scenario.clone())
            }
            None => {
                return Err(ClassError::NoSuchBundled {
                    asked: new.scenario.trim().to_owned(),
                });
            }
        };
        let prepared = match kam_sim::load_str(&file, &text) {
            Ok((prepared, _warnings)) => prepared,
            Err(diagnostics) => return Err(ClassError::ScenarioDoesNotLoad(diagnostics)),
        };
        let title = new.title.trim();
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(ClassError::TitleTooLong {
                max: MAX_TITLE_CHARS,
            });
        }
        if new.round_minutes > 24 * 60 {
            return Err(ClassError::RoundTooLong);
        }
        let scenario = &prepared.scenario;
        let seed = kam_sim::seed_from_code(&new.seed, scenario.seed);
        let rounds = new.pacing == Pacing::Rounds;
        let created = Created {
            id: secrets::code(12).to_lowercase(),
            code: secrets::code(6),
            secret: secrets::token(),
        };
        let row = SessionRow {
            id: created.id.clone(),
            code: created.code.clone(),
            secret_hash: secrets::hash(&created.secret),
            title: if title.is_empty() {
                scenario.title.clone()
            } else {
                title.to_owned()
            },
            scenario: text,
            scenario_hash: kam_sim::scenario_hash(&prepared),
            seed,
            pacing: new.pacing,
            show_scores: new.show_scores,
            coach: new.coach,
            difficulty: new.difficulty,
            round_minutes: i64::from(new.round_minutes),
            released: if rounds { 0 } else { scenario.turns },
            deadline: (rounds && new.round_minutes > 0)
                .then(|| now_ms() + i64::from(new.round_minutes) * 60_000),
            ended: false,
            ended_at: None,
            version: 1,
        };
        self.db.create_session(&row).await.map_err(|e| match e {
            WriteError::Conflict => ClassError::CodeClashed,
            WriteError::Db(e) => ClassError::Db(e),
        })?;
        let prepared = at_class_difficulty(prepared, row.difficulty);
        lock(&self.scenarios).insert(row.id.clone(), prepared);
        Ok(created)
    }

    /// The session `id`, if the secret is its instructor's. Wrong secret and unknown id look
    /// the same from outside, so ids cannot be probed.
    pub async fn instructor_session(
        &self,
        id: &str,
        secret: &str,
    ) -> Result<SessionRow, ClassError> {
        let session = self.db.session(id).await?;
        match session {
            Some(s) if !secret.is_empty() && s.secret_hash == secrets::hash(secret) => Ok(s),
            _ => Err(ClassError::WrongKey),
        }
    }

    pub async fn join(&self, request: Join) -> Result<Seat, ClassError> {
        let name = names::canonical(&request.name)?;
        let join_hash = request.join_id.as_deref().map(check_join_id).transpose()?;
        let session = self.session_by_code(&request.code).await?;
        if session.ended {
            return Err(ClassError::ClassEnded);
        }
        if let Some(join_hash) = &join_hash
            && let Some(seat) = self.join_again(&session, &name, join_hash).await?
        {
            return Ok(seat);
        }
        if self.db.seats(&session.id).await?.len() >= MAX_SEATS {
            return Err(ClassError::ClassFull { max: MAX_SEATS });
        }
        let (token, rejoin) = (secrets::token(), secrets::code(8));
        let rejoin_hash = self.hash_rejoin(rejoin.clone()).await?;
        let added = self
            .db
            .add_seat(
                &session.id,
                &NewSeat {
                    name: &name,
                    token_hash: &secrets::hash(&token),
                    rejoin_hash: &rejoin_hash,
                    join_hash: join_hash.as_deref(),
                },
            )
            .await;
        match added {
            Ok(_) => {}
            Err(WriteError::Conflict) => {
                // The same join sent twice at once: the one that lost the race gets the seat
                // the other took.
                if let Some(join_hash) = &join_hash
                    && let Some(seat) = self.join_again(&session, &name, join_hash).await?
                {
                    return Ok(seat);
                }
                return Err(ClassError::NameTaken { name });
            }
            Err(WriteError::Db(e)) => return Err(e.into()),
        }
        self.changed(&session.id);
        self.seat_answer(&session, token, rejoin, name, Vec::new(), 0)
    }

    /// A resent join: the seat `name` took with the same join id, if that was recent and the
    /// seat has recorded nothing since, with new secrets (the first answer's stop working:
    /// they may have been read by nobody, and only their hashes are kept).
    async fn join_again(
        &self,
        session: &SessionRow,
        name: &str,
        join_hash: &str,
    ) -> Result<Option<Seat>, ClassError> {
        let Some(SeatClaim {
            seat,
            join_hash: Some(taken_with),
            joined,
            recorded: 0,
            ..
        }) = self.db.seat_claim(&session.id, name).await?
        else {
            return Ok(None);
        };
        if taken_with != join_hash || now_ms() - joined > JOIN_RETRY_MS {
            return Ok(None);
        }
        let (token, rejoin) = (secrets::token(), secrets::code(8));
        let rejoin_hash = self.hash_rejoin(rejoin.clone()).await?;
        let reissued = self
            .db
            .reissue(&session.id, seat, &secrets::hash(&token), &rejoin_hash)
            .await
            .map_err(write_error)?;
        if !reissued {
            return Ok(None);
        }
        let row = self.db.seat(&session.id, seat).await?;
        let stored_name = row.map_or_else(|| name.to_owned(), |r| r.name);
        self.changed(&session.id);
        self.seat_answer(session, token, rejoin, stored_name, Vec::new(), 0)
            .map(Some)
    }

    pub async fn rejoin(&self, request: RejoinRequest) -> Result<Seat, ClassError> {
        let name = names::canonical(&request.name)?;
        let session = self.session_by_code(&request.code).await?;
        let refused = || ClassError::RejoinRefused;
        let code = secrets::normalise_code(&request.rejoin);
        let mut claim = self.db.seat_claim(&session.id, &name).await?;
        if claim.is_none() {
            // Seats taken before names were normalised keep their name as typed.
            claim = self.db.seat_claim(&session.id, request.name.trim()).await?;
        }
        let Some(claim) = claim else {
            // The same work as a real check, so that timing does not tell which names exist.
            let _ = self
                .verify_rejoin(code, secrets::UNUSED_REJOIN_HASH.to_owned())
                .await;
            return Err(refused());
        };
        match self
            .verify_rejoin(code.clone(), claim.rejoin_hash.clone())
            .await
        {
            secrets::Verified::No => return Err(refused()),
            secrets::Verified::Yes => {}
            secrets::Verified::YesButWeak => {
                // Stored before rejoin codes were hashed slowly: upgraded on first use.
                let stronger = self.hash_rejoin(code.clone()).await?;
                self.db
                    .rehash_rejoin(&session.id, claim.seat, &claim.rejoin_hash, &stronger)
                    .await?;
            }
        }
        let seat = claim.seat;
        let token = secrets::token();
        self.db
            .replace_token(&session.id, seat, &secrets::hash(&token))
            .await
            .map_err(write_error)?;
        let row = self.db.seat(&session.id, seat).await?.ok_or_else(refused)?;
        let game = self.game(&session, &row).await?;
        self.changed(&session.id);
        let stored_name = row.name.clone();
        self.seat_answer(
            &session,
            token,
            code,
            stored_name,
            game.log().to_vec(),
            row.recorded,
        )
    }

    fn seat_answer(
        &self,
        session: &SessionRow,
        token: String,
        rejoin: String,
        name: String,
        decisions: Vec<Decision>,
        recorded: usize,
    ) -> Result<Seat, ClassError> {
        Ok(Seat {
            token,
            rejoin,
            name,
            scenario: session.scenario.clone(),
            scenario_hash: session.scenario_hash.clone(),
            seed: session.seed,
            pacing: session.pacing,
            show_scores: session.show_scores,
            coach: session.coach,
            difficulty: session.difficulty,
            decisions,
            status: ClassStatus {
                recorded,
                released: session.released,
                ended: session.ended,
            },
        })
    }

    async fn session_by_code(&self, code: &str) -> Result<SessionRow, ClassError> {
        let code = secrets::normalise_code(code);
        if code.is_empty() || code.len() > 16 {
            return Err(ClassError::UnknownCode);
        }
        self.db
            .session_by_code(&code)
            .await?
            .ok_or(ClassError::UnknownCode)
    }

    /// The seat a bearer token holds.
    pub async fn seat_of(&self, token: &str) -> Result<(SessionRow, SeatRow), ClassError> {
        let unknown = || ClassError::NotYourSeat;
        if token.is_empty() || token.len() > 128 {
            return Err(unknown());
        }
        let (session, row) = self
            .db
            .seat_by_token(&secrets::hash(token))
            .await?
            .ok_or_else(unknown)?;
        crate::observe::note_session(&session.id);
        crate::observe::note_seat(row.seat);
        Ok((session, row))
    }

    /// A seat's status poll: reads only. That the seat was heard from is kept in memory and
    /// written with everyone else's every few seconds ([`Classroom::flush_presence`]).
    pub async fn status(&self, token: &str) -> Result<ClassStatus, ClassError> {
        let (session, seat) = self.seat_of(token).await?;
        let now = now_ms();
        // Offline → online shows on the dashboard.
        if self.offline(&session.id, &seat, now) {
            self.changed(&session.id);
        }
        self.presence.heard(&session.id, seat.seat, now);
        let mut released = session.released;
        // A waiting trainee's poll is when a round may have come free without a submission
        // (the seat that held it went offline without playing): checked at most once a second
        // per session.
        if session.pacing == Pacing::Rounds
            && !session.ended
            && seat.turn > session.released + 1
            && self.round_check_due(&session.id)
            && self.round_complete(&session).await?
        {
            released = self.release_next(&session).await?.unwrap_or(released);
        }
        Ok(ClassStatus {
            recorded: seat.recorded,
            released,
            ended: session.ended,
        })
    }

    fn round_check_due(&self, session: &str) -> bool {
        let mut checked = lock(&self.round_checked);
        let now = Instant::now();
        match checked.get(session) {
            Some(at) if now.duration_since(*at) < Duration::from_secs(1) => false,
            _ => {
                checked.insert(session.to_owned(), now);
                true
            }
        }
    }

    /// Verifies a submission by replaying it on the server's copy of the game, then records
    /// it; anything that does not replay is refused and nothing changes.
    pub async fn submit(
        &self,
        token: &str,
        submission: Submission,
    ) -> Result<ClassStatus, ClassError> {
        let (session, seat) = self.seat_of(token).await?;
        let count = submission.decisions.len();
        if count == 0 || count > MAX_DECISIONS_PER_SUBMISSION {
            return Err(ClassError::DecisionCount { count });
        }
        if session.ended {
            return Err(ClassError::ClassEndedForSubmission);
        }
        if submission.from != seat.recorded {
            return Err(ClassError::OutOfOrder {
                from: submission.from,
                recorded: seat.recorded,
            });
        }
        let game = self.game(&session, &seat).await?;
        let mut game = (*game).clone();
        let rounds = session.pacing == Pacing::Rounds;
        for (i, decision) in submission.decisions.iter().enumerate() {
            if rounds && matches!(decision, Decision::Plan(_)) && game.turn() > session.released + 1
            {
                return Err(ClassError::TooEarly {
                    month: game.turn(),
                    releasing: session.released + 1,
                    recorded: seat.recorded,
                });
            }
            game.decide(decision.clone())
                .map_err(|e| ClassError::DoesNotReplay {
                    number: submission.from + i + 1,
                    reason: e.to_string(),
                    recorded: seat.recorded,
                })?;
        }
        let encoded: Vec<String> = submission
            .decisions
            .iter()
            .map(|d| ron::to_string(d).map_err(|e| ClassError::Fault(e.to_string())))
            .collect::<Result<_, _>>()?;
        let progress = Progress {
            turn: game.turn(),
            finished: game.is_finished(),
            composite: kam_sim::score_game(&game).composite,
        };
        match self
            .db
            .append(&session.id, seat.seat, submission.from, &encoded, &progress)
            .await
        {
            Ok(()) => {}
            Err(WriteError::Conflict) => {
                let now = self.db.seat(&session.id, seat.seat).await?;
                let recorded = now.map_or(seat.recorded, |s| s.recorded);
                return Err(ClassError::RecordedFirst { recorded });
            }
            Err(WriteError::Db(e)) => return Err(e.into()),
        }
        let recorded = game.log().len();
        lock(&self.games).insert((session.id.clone(), seat.seat), Arc::new(game));
        let mut released = session.released;
        if rounds && self.round_complete(&session).await? {
            released = self.release_next(&session).await?.unwrap_or(released);
        }
        self.changed(&session.id);
        Ok(ClassStatus {
            recorded,
            released,
            ended: false,
        })
    }

    /// True when someone has played the open month and every seat that holds it has played
    /// it too (see [`holds_round`]): a round waits for the whole class, stragglers included,
    /// so results are never released on one trainee's submission while others are behind.
    ///
    /// The first round is never complete by itself: it is the instructor's to release (or its
    /// deadline's), so the first trainee to join does not play ahead, alone, of a class that is
    /// still joining.
    async fn round_complete(&self, session: &SessionRow) -> Result<bool, ClassError> {
        let open = session.released + 1;
        if open == 1 {
            return Ok(false);
        }
        let prepared = self.prepared(session)?;
        if open > prepared.scenario.turns {
            return Ok(false);
        }
        let now = now_ms();
        // Not the whole roster: the few seats that decide it (read on every submission).
        let seats = self
            .db
            .round_deciders(&session.id, open, now - self.offline_after_ms)
            .await?;
        Ok(seats.iter().any(|s| s.turn > open)
            && !seats
                .iter()
                .any(|s| holds_round(s, open, self.offline(&session.id, s, now))))
    }

    /// Excuses a seat from holding rounds, or takes the excuse back; the round is released if
    /// the excused seat was all that held it. An ended class's seats stay as they were.
    pub async fn excuse(
        &self,
        session: &SessionRow,
        seat: i64,
        excused: bool,
    ) -> Result<(), ClassError> {
        if session.ended {
            return Err(ClassError::ClassEnded);
        }
        if !self
            .db
            .excuse(&session.id, seat, excused)
            .await
            .map_err(write_error)?
        {
            return Err(ClassError::NoSuchSeat);
        }
        self.changed(&session.id);
        self.release_if_complete(session).await
    }

    /// Takes a seat out of the class (its name is free again, its token stops working); the
    /// round is released if that seat was all that held it.
    pub async fn remove(&self, session: &SessionRow, seat: i64) -> Result<(), ClassError> {
        if session.ended {
            return Err(ClassError::ClassEnded);
        }
        let dead = secrets::hash(&secrets::token());
        if !self
            .db
            .remove(&session.id, seat, &dead)
            .await
            .map_err(write_error)?
        {
            return Err(ClassError::NoSuchSeat);
        }
        self.changed(&session.id);
        self.release_if_complete(session).await
    }

    async fn release_if_complete(&self, session: &SessionRow) -> Result<(), ClassError> {
        if session.pacing == Pacing::Rounds
            && !session.ended
            && self.round_complete(session).await?
        {
            self.release_next(session).await?;
        }
        Ok(())
    }

    /// The instructor's "release the round": only a running class in rounds has one to
    /// release. Returns the session as the release left it.
    pub async fn release_by_instructor(
        &self,
        session: &SessionRow,
    ) -> Result<SessionRow, ClassError> {
        if session.ended {
            return Err(ClassError::ClassEnded);
        }
        if session.pacing != Pacing::Rounds {
            return Err(ClassError::NoRoundsInFree);
        }
        self.release_next(session).await?;
        // Read again: the release changed it (or another server's did, or it was deleted).
        self.session(&session.id)
            .await?
            .ok_or(ClassError::NoSuchSession)
    }

    /// The session `id` as stored now (`None`: deleted meanwhile).
    pub async fn session(&self, id: &str) -> Result<Option<SessionRow>, ClassError> {
        Ok(self.db.session(id).await?)
    }

    /// One seat of a session, by its number on the roster.
    pub async fn seat(&self, session: &SessionRow, seat: i64) -> Result<SeatRow, ClassError> {
        self.db
            .seat(&session.id, seat)
            .await?
            .ok_or(ClassError::NoSuchSeat)
    }

    /// Whether the database answers at all (`GET /healthz`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        self.db.ping().await
    }

    /// Releases the open month; the next round's deadline starts now. `None` when another
    /// request released it first or nothing is left to release.
    pub async fn release_next(&self, session: &SessionRow) -> Result<Option<u32>, ClassError> {
        let month = session.released + 1;
        let turns = self.prepared(session)?.scenario.turns;
        if month > turns || session.ended {
            return Ok(None);
        }
        let deadline = (session.round_minutes > 0 && month < turns)
            .then(|| now_ms() + session.round_minutes * 60_000);
        let released = self.db.release(&session.id, month, deadline).await?;
        self.changed(&session.id);
        Ok(released.then_some(month))
    }

    pub async fn extend(&self, session: &SessionRow, minutes: u32) -> Result<(), ClassError> {
        if session.pacing != Pacing::Rounds {
            return Err(ClassError::NoDeadlinesInFree);
        }
        if minutes == 0 || minutes > 24 * 60 {
            return Err(ClassError::ExtendRange);
        }
        let from = session.deadline.unwrap_or_else(now_ms).max(now_ms());
        self.db
            .set_deadline(&session.id, Some(from + i64::from(minutes) * 60_000))
            .await?;
        self.changed(&session.id);
        Ok(())
    }

    pub async fn end(&self, session: &SessionRow) -> Result<(), ClassError> {
        self.db.end(&session.id).await?;
        self.changed(&session.id);
        Ok(())
    }

    /// Releases every round whose deadline has passed (run every second or so).
    pub async fn release_overdue(&self) -> Result<(), ClassError> {
        for (id, _) in self.db.overdue(now_ms()).await? {
            if let Some(session) = self.db.session(&id).await? {
                self.release_next(&session).await?;
            }
        }
        Ok(())
    }

    /// The server's replay of a seat's recorded decisions.
    pub async fn game(
        &self,
        session: &SessionRow,
        seat: &SeatRow,
    ) -> Result<Arc<Game>, ClassError> {
        let key = (session.id.clone(), seat.seat);
        if let Some(game) = lock(&self.games).get(&key)
            && game.log().len() == seat.recorded
        {
            return Ok(Arc::clone(game));
        }
        let prepared = self.prepared(session)?;
        let stored = self.db.decisions(&session.id, seat.seat).await?;
        let decisions: Vec<Decision> = stored
            .iter()
            .map(|text| ron::from_str(text))
            .collect::<Result<_, _>>()
            .map_err(|e| ClassError::Fault(format!("a stored decision does not read: {e}")))?;
        let game = Game::replay(prepared, session.seed, &decisions).map_err(|(i, e)| {
            ClassError::Fault(format!("stored decision {} does not replay: {e}", i + 1))
        })?;
        let game = Arc::new(game);
        lock(&self.games).insert(key, Arc::clone(&game));
        Ok(game)
    }

    fn expert(&self, session: &SessionRow) -> Result<Arc<kam_sim::ExpertRun>, ClassError> {
        if let Some(e) = lock(&self.experts).get(&session.id) {
            return Ok(Arc::clone(e));
        }
        let prepared = self.prepared(session)?;
        let run = kam_sim::expert_run(&prepared, session.seed).map_err(ClassError::Fault)?;
        let run = Arc::new(run);
        lock(&self.experts).insert(session.id.clone(), Arc::clone(&run));
        Ok(run)
    }

    fn tally(&self, session: &SessionRow, seat: &SeatRow, game: &Game) -> Arc<GameTally> {
        let key = (session.id.clone(), seat.seat);
        if let Some((recorded, tally)) = lock(&self.tallies).get(&key)
            && *recorded == seat.recorded
        {
            return Arc::clone(tally);
        }
        let tally = Arc::new(GameTally::of(game));
        lock(&self.tallies).insert(key, (seat.recorded, Arc::clone(&tally)));
        tally
    }

    /// The dashboard's view of a session.
    pub async fn view(&self, session: &SessionRow) -> Result<ClassView, ClassError> {
        let prepared = self.prepared(session)?;
        let scenario = &prepared.scenario;
        let expert = self.expert(session)?;
        let seats = self.db.seats(&session.id).await?;
        let now = now_ms();
        let mut roster = Vec::with_capacity(seats.len());
        let mut tallies = Vec::with_capacity(seats.len());
        for seat in &seats {
            let game = self.game(session, seat).await?;
            tallies.push(self.tally(session, seat, &game));
            let done = seat.turn.saturating_sub(1).min(scenario.turns) as usize;
            let offline = self.offline(&session.id, seat, now);
            let holds = session.pacing == Pacing::Rounds
                && !session.ended
                && session.released < scenario.turns
                && holds_round(seat, session.released + 1, offline);
            let status = if seat.finished {
                SeatStatus::Finished
            } else if offline {
                SeatStatus::Offline
            } else if session.pacing == Pacing::Rounds
                && !session.ended
                && seat.turn > session.released + 1
            {
                // Nothing is waited for once the class has ended.
                SeatStatus::Waiting
            } else {
                SeatStatus::Planning
            };
            roster.push(RosterLine {
                seat: seat.seat,
                name: seat.name.clone(),
                excused: seat.excused,
                month: seat.turn.min(scenario.turns),
                months_played: done as u32,
                started: seat.recorded > 0,
                status,
                composite: seat.composite,
                against_expert: seat.composite - expert.after(done as u32),
                finished: seat.finished,
                holds_round: holds,
            });
        }
        let lang = scenario.language;
        let summary = ClassSummary::of(scenario.accounts.len(), tallies.iter().map(|t| &**t));
        let accounts = scenario
            .accounts
            .iter()
            .zip(summary.accounts)
            .map(|(account, tally)| AccountLine {
                name: account.name.clone(),
                tier: format!("{:?}", account.tier),
                tier_key: account.tier,
                kept: tally.kept,
                of: tally.of,
                mean_satisfaction: tally.mean_satisfaction,
            })
            .collect();
        Ok(ClassView {
            id: session.id.clone(),
            code: session.code.clone(),
            title: session.title.clone(),
            scenario: scenario.title.clone(),
            seed: session.seed,
            pacing: session.pacing,
            show_scores: session.show_scores,
            coach: session.coach,
            difficulty: session.difficulty.unwrap_or(scenario.difficulty()),
            scenario_difficulty: session.difficulty.is_none(),
            months: scenario.turns,
            released: session.released,
            deadline_in: session.deadline.map(|d| ((d - now) / 1000).max(0)),
            ended: session.ended,
            deleted_in_days: (session.ended && self.keep_days > 0).then(|| {
                let ended = session.ended_at.unwrap_or(now);
                ((ended + i64::from(self.keep_days) * DAY_MS - now) / DAY_MS).max(0)
            }),
            version: session.version,
            roster,
            expert_final: expert.scores.composite,
            accounts,
            lessons: summary
                .lessons
                .into_iter()
                .map(|tally| LessonLine {
                    lesson: kam_sim::words::lesson(lang, tally.lesson).to_owned(),
                    key: tally.lesson,
                    missed: tally.missed,
                    of: tally.assessed,
                })
                .collect(),
        })
    }

    /// Every seat's game as a result file, as `kam report` and `kam replay` read them.
    pub async fn records(
        &self,
        session: &SessionRow,
    ) -> Result<Vec<(String, GameRecord)>, ClassError> {
        let mut out = Vec::new();
        for seat in self.db.seats(&session.id).await? {
            let game = self.game(session, &seat).await?;
            let file = format!("{:03}-{}.ron", seat.seat, kam_sim::file_safe(&seat.name));
            out.push((file, kam_sim::record_game(&game, &seat.name)));
        }
        Ok(out)
    }
}

fn write_error(e: WriteError) -> ClassError {
    match e {
        WriteError::Conflict => ClassError::WriteClashed,
        WriteError::Db(e) => ClassError::Db(e),
    }
}

/// The session's scenario at the class's difficulty, so the server's replays (and the records
/// it exports) say what the trainees were shown, as the game's own records do.
fn at_class_difficulty(prepared: Arc<Prepared>, difficulty: Option<Difficulty>) -> Arc<Prepared> {
    match difficulty {
        Some(difficulty) => prepared.at_difficulty(difficulty),
        None => prepared,
    }
}

/// A join id, checked, as stored (hashed: with the name it takes a seat for a few minutes).
fn check_join_id(join_id: &str) -> Result<String, ClassError> {
    let fine = (16..=128).contains(&join_id.len())
        && join_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !fine {
        return Err(ClassError::BadJoinId);
    }
    Ok(secrets::hash(join_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn class_with_seats(url: &str, names: &[&str]) -> (Classroom, Vec<Seat>) {
        let db = Db::open(url).await.unwrap();
        let class = Classroom::new(db, &crate::Tuning::default());
        let created = class
            .create(NewSession {
                scenario: "tutorial".into(),
                title: String::new(),
                seed: String::new(),
                pacing: Pacing::Free,
                show_scores: false,
                coach: true,
                difficulty: None,
                round_minutes: 0,
            })
            .await
            .unwrap();
        let mut seats = Vec::new();
        for name in names {
            let join = Join {
                code: created.code.clone(),
                name: (*name).to_owned(),
                join_id: None,
            };
            seats.push(class.join(join).await.unwrap());
        }
        (class, seats)
    }

    #[tokio::test]
    async fn status_polls_write_nothing_and_presence_is_written_in_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        let databases = crate::db::tests::empty_databases(dir.path()).await;
        for (url, _) in &databases {
            let (class, seats) = class_with_seats(url, &["Ann", "Bo"]).await;
            let before = class.db.writes();
            for _ in 0..30 {
                for seat in &seats {
                    class.status(&seat.token).await.unwrap();
                }
            }
            assert_eq!(class.db.writes() - before, 0, "status polls wrote");
            let polled = now_ms();
            class.flush_presence().await.unwrap();
            assert_eq!(
                class.db.writes() - before,
                1,
                "presence took more than one write"
            );
            // Another instance (reading only the database) sees both seats as just heard from.
            let (session, _) = class.seat_of(&seats[0].token).await.unwrap();
            for seat in class.db.seats(&session.id).await.unwrap() {
                assert!(seat.last_seen >= polled - 1_000, "{seat:?}");
            }
            class.flush_presence().await.unwrap();
            assert_eq!(
                class.db.writes() - before,
                1,
                "nothing new was written again"
            );
            class.db.close().await;
        }
        crate::db::tests::drop_schemas(&databases).await;
    }

    /// The dashboard's class summary, now `kam_sim::class_summary`'s, gives the numbers its
    /// own aggregation gave (that code is kept here as the reference), on a class of finished
    /// games by several strategies and one game still running; its lessons come in the order
    /// `kam report` gives them.
    #[tokio::test]
    async fn the_dashboard_summary_has_the_numbers_it_had() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("class.db").display());
        let (class, seats) = class_with_seats(&url, &["Ann", "Bo", "Cy", "Di", "Ed", "Flo"]).await;
        let (session, _) = class.seat_of(&seats[0].token).await.unwrap();
        let prepared = class.prepared(&session).unwrap();
        let mut games = Vec::new();
        for (seat, strategy) in seats.iter().zip({
            use kam_sim::StrategyId::*;
            [Expert, Even, Random, Pareto, TierNorms, Even]
        }) {
            let mut decisions = kam_sim::play(&prepared, strategy, session.seed)
                .unwrap()
                .log()
                .to_vec();
            if seat.name == "Flo" {
                // Still playing: counted for the accounts, not yet for the lessons.
                decisions.truncate(decisions.len() / 2);
            }
            for (i, chunk) in decisions.chunks(MAX_DECISIONS_PER_SUBMISSION).enumerate() {
                let submission = Submission {
                    from: i * MAX_DECISIONS_PER_SUBMISSION,
                    decisions: chunk.to_vec(),
                };
                class.submit(&seat.token, submission).await.unwrap();
            }
            games.push(Game::replay(Arc::clone(&prepared), session.seed, &decisions).unwrap());
        }
        let session = class.session(&session.id).await.unwrap().unwrap();
        let view = class.view(&session).await.unwrap();

        // The dashboard's aggregation as it was before the summary was shared.
        for (a, line) in view.accounts.iter().enumerate() {
            let kept: Vec<&Game> = games.iter().filter(|g| !g.accounts()[a].churned).collect();
            let satisfaction: Vec<f64> =
                kept.iter().map(|g| g.accounts()[a].satisfaction).collect();
            let mean = if satisfaction.is_empty() {
                0.0
            } else {
                satisfaction.iter().sum::<f64>() / satisfaction.len() as f64
            };
            assert_eq!(
                (line.kept, line.of, line.mean_satisfaction),
                (kept.len(), games.len(), mean),
                "{}",
                line.name
            );
        }
        let mut lessons: Vec<(Lesson, usize, usize)> = Vec::new();
        for game in games.iter().filter(|g| g.is_finished()) {
            for (lesson, missed) in kam_sim::lessons_missed(game) {
                match lessons.iter_mut().find(|(l, _, _)| *l == lesson) {
                    Some(entry) => {
                        entry.1 += usize::from(missed);
                        entry.2 += 1;
                    }
                    None => lessons.push((lesson, usize::from(missed), 1)),
                }
            }
        }
        let mut shown: Vec<(Lesson, usize, usize)> = view
            .lessons
            .iter()
            .map(|l| (l.key, l.missed, l.of))
            .collect();
        // `kam report`'s order: the share missed, then how many, then the catalogue's order.
        let share = |l: &(Lesson, usize, usize)| l.1 as f64 / l.2 as f64;
        assert!(
            shown.windows(2).all(|w| share(&w[0]) > share(&w[1])
                || (share(&w[0]) == share(&w[1])
                    && (w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)))),
            "{shown:?}"
        );
        assert!(!shown.is_empty());
        shown.sort();
        lessons.sort();
        assert_eq!(shown, lessons);
        class.db.close().await;
    }

    fn new_session(difficulty: Option<Difficulty>) -> NewSession {
        NewSession {
            // Its own difficulty is Normal, so a class at Hard is told from it.
            scenario: "classroom_en".into(),
            title: String::new(),
            seed: String::new(),
            pacing: Pacing::Free,
            show_scores: false,
            coach: true,
            difficulty,
            round_minutes: 0,
        }
    }

    #[tokio::test]
    async fn a_class_keeps_its_difficulty_and_tells_it_to_each_seat() {
        let dir = tempfile::tempdir().unwrap();
        let databases = crate::db::tests::empty_databases(dir.path()).await;
        for (url, _) in &databases {
            let class = Classroom::new(Db::open(url).await.unwrap(), &crate::Tuning::default());
            let hard = class
                .create(new_session(Some(Difficulty::Hard)))
                .await
                .unwrap();
            let own = class.create(new_session(None)).await.unwrap();
            // Another server on the same database: what it knows comes from the database.
            let other = Classroom::new(Db::open(url).await.unwrap(), &crate::Tuning::default());
            let row = other.db.session(&hard.id).await.unwrap().unwrap();
            assert_eq!(row.difficulty, Some(Difficulty::Hard), "{url}");
            let join = |code: &str| Join {
                code: code.to_owned(),
                name: "Ann".into(),
                join_id: None,
            };
            let seat = other.join(join(&hard.code)).await.unwrap();
            assert_eq!(seat.difficulty, Some(Difficulty::Hard), "{url}");
            let view = other.view(&row).await.unwrap();
            assert_eq!(
                (view.difficulty, view.scenario_difficulty),
                (Difficulty::Hard, false)
            );
            // The records the server exports say what its trainees were shown.
            let records = other.records(&row).await.unwrap();
            assert_eq!(records[0].1.difficulty, Some(Difficulty::Hard), "{url}");

            let row = other.db.session(&own.id).await.unwrap().unwrap();
            assert_eq!(row.difficulty, None, "{url}");
            let seat = other.join(join(&own.code)).await.unwrap();
            assert_eq!(seat.difficulty, None, "{url}");
            let view = other.view(&row).await.unwrap();
            assert_eq!(
                (view.difficulty, view.scenario_difficulty),
                (Difficulty::Normal, true)
            );
            other.db.close().await;
            class.db.close().await;
        }
        crate::db::tests::drop_schemas(&databases).await;
    }
}

//! The class server's one data-access layer: SQLite (embedded default) or PostgreSQL, the same
//! SQL for both through sqlx's `Any` driver.
//!
//! Every query is a static string both databases read (`$N` placeholders, `BIGINT`, `TEXT`,
//! `DOUBLE PRECISION`, booleans as 0/1), so one code path is tested against both. All state
//! lives here, none only in a server's memory: several `kam serve` instances can share one
//! PostgreSQL, and a restarted server carries on from what it acknowledged.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use kam_class::protocol::Pacing;
use kam_sim::scenario::Difficulty;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, AssertSqlSafe, Executor, Row, SqlSafeStr};
use tokio::sync::{mpsc, oneshot};

/// The schema, one migration per change, in order. Never edit a released one: add another.
const MIGRATIONS: [(i64, &str, &str); 5] = [
    (1, "class sessions", include_str!("schema_1.sql")),
    (2, "practice or exam", include_str!("schema_2.sql")),
    (
        3,
        "excused and removed seats, join ids, end times",
        include_str!("schema_3.sql"),
    ),
    (4, "a class's difficulty", include_str!("schema_4.sql")),
    (5, "pacing checked", include_str!("schema_5.sql")),
];

/// The migrator that brings a database to `migrations`' last version.
fn migrator(migrations: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator {
        migrations: Cow::Owned(
            migrations
                .iter()
                .map(|(version, what, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*what),
                        MigrationType::Simple,
                        sql.into_sql_str(),
                        false,
                    )
                })
                .collect(),
        ),
        ..Migrator::DEFAULT
    }
}

/// Milliseconds since the Unix epoch: the server's clock for deadlines and "last seen".
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// SQLite connections that only read, beside the one that writes. WAL lets them read while the
/// writer writes (and syncs), so a class's status polls do not queue behind its submissions, or
/// behind each other, on one connection (BENCHMARKS.md, "A live class").
const SQLITE_READERS: u32 = 2;

/// Scenario texts kept in memory before the cache is emptied (each is up to 1 MiB).
const SCENARIOS_KEPT: usize = 64;

#[derive(Clone)]
pub struct Db {
    /// Every write, and on PostgreSQL every read too.
    pool: AnyPool,
    /// Reads outside a write: on SQLite [`SQLITE_READERS`] read-only connections; on PostgreSQL
    /// the same pool as `pool`.
    reads: AnyPool,
    pub backend: Backend,
    /// SQLite: submissions waiting for the one writer, which commits all that are waiting in
    /// one transaction ([`commit_appends`]). `None` on PostgreSQL, whose connections commit side
    /// by side (and whose server groups their syncs itself).
    appends: Option<mpsc::UnboundedSender<Waiting>>,
    /// Each session's scenario text by id. A session's scenario never changes, and a seat's
    /// every status poll reads its session: without this, each poll copied the whole scenario
    /// (about 50 KB for a bundled one) out of the database.
    scenarios: Arc<Mutex<HashMap<String, String>>>,
    /// Write statements this handle has run: each is a synced commit on SQLite, so the tests
    /// bound what a request costs with it.
    writes: Arc<AtomicU64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A class session as stored.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: String,
    pub code: String,
    pub secret_hash: String,
    pub title: String,
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub pacing: Pacing,
    pub show_scores: bool,
    /// Practice (the game's coach previews and hints) or exam (it does not).
    pub coach: bool,
    /// The difficulty the class plays at; `None`: the scenario's own.
    pub difficulty: Option<Difficulty>,
    pub round_minutes: i64,
    pub released: u32,
    pub deadline: Option<i64>,
    pub ended: bool,
    /// When it ended (milliseconds since the epoch), if it did after schema 3.
    pub ended_at: Option<i64>,
    pub version: i64,
}

/// A trainee's seat as stored: who, and how far their game has got.
#[derive(Debug, Clone)]
pub struct SeatRow {
    pub seat: i64,
    pub name: String,
    pub recorded: usize,
    pub turn: u32,
    pub finished: bool,
    pub composite: f64,
    pub last_seen: i64,
    pub joined: i64,
    /// The instructor excused the seat: it holds back no round.
    pub excused: bool,
}

/// The new seat's fields (the caller made the secrets).
pub struct NewSeat<'a> {
    pub name: &'a str,
    pub token_hash: &'a str,
    pub rejoin_hash: &'a str,
    /// The hash of the join id the client chose, if it sent one.
    pub join_hash: Option<&'a str>,
}

/// What a join or rejoin by name checks of the seat with that name.
#[derive(Debug, Clone)]
pub struct SeatClaim {
    pub seat: i64,
    pub rejoin_hash: String,
    pub join_hash: Option<String>,
    pub joined: i64,
    pub recorded: usize,
}

/// A submission's effect on its seat.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub turn: u32,
    pub finished: bool,
    pub composite: f64,
}

#[derive(Debug)]
pub enum WriteError {
    /// Someone else changed the row first (or the unique key is taken).
    Conflict,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for WriteError {
    fn from(e: sqlx::Error) -> WriteError {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => WriteError::Conflict,
            _ => WriteError::Db(e),
        }
    }
}

fn u(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

impl Db {
    /// Opens (creating if need be) and migrates the database at `url`: `sqlite://PATH` or
    /// `postgres://…`.
    pub async fn open(url: &str) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(format!(
                "`{url}` is not a database address: use sqlite://FILE or postgres://USER@HOST/DB"
            ));
        };
        let options = AnyPoolOptions::new()
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work beside the writer; FULL syncs every commit,
                        // so an acknowledged submission survives a power cut too.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            // SQLite has one writer at a time anyway; one connection makes every
            // transaction wait its turn instead of failing with "database is locked".
            .max_connections(if backend == Backend::Sqlite { 1 } else { 16 });
        let url = if backend == Backend::Sqlite && !url.contains('?') {
            format!("{url}?mode=rwc")
        } else {
            url.to_owned()
        };
        let pool = options
            .connect(&url)
            .await
            .map_err(|e| format!("cannot open the database {}: {e}", redact(&url)))?;
        let migrator = migrator(&MIGRATIONS);
        migrator
            .run(&pool)
            .await
            .map_err(|e| format!("cannot set up the database {}: {e}", redact(&url)))?;
        let reads = match backend {
            Backend::Postgres => pool.clone(),
            Backend::Sqlite => AnyPoolOptions::new()
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // The writer set WAL mode (it is kept in the file); these only read.
                        conn.execute("PRAGMA query_only = ON").await?;
                        conn.execute("PRAGMA mmap_size = 268435456").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        Ok(())
                    })
                })
                .max_connections(SQLITE_READERS)
                .connect(&url)
                .await
                .map_err(|e| format!("cannot open the database {}: {e}", redact(&url)))?,
        };
        let writes = Arc::new(AtomicU64::new(0));
        let appends = (backend == Backend::Sqlite).then(|| {
            let (queue, waiting) = mpsc::unbounded_channel();
            tokio::spawn(commit_appends(pool.clone(), Arc::clone(&writes), waiting));
            queue
        });
        Ok(Db {
            pool,
            reads,
            backend,
            appends,
            scenarios: Arc::new(Mutex::new(HashMap::new())),
            writes,
        })
    }

    /// Write statements run through this handle so far.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Relaxed)
    }

    fn wrote(&self) {
        self.writes.fetch_add(1, Ordering::Relaxed);
    }

    /// A transaction that will write: on SQLite it takes the write lock at once (waiting for
    /// it under the busy timeout), so a second server on the same file waits instead of
    /// failing when it upgrades a read to a write.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// A trivial query (`GET /healthz`): whether the database answers at all.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    pub async fn close(&self) {
        self.reads.close().await;
        self.pool.close().await;
    }

    pub async fn create_session(&self, s: &SessionRow) -> Result<(), WriteError> {
        sqlx::query(
            "INSERT INTO class_sessions (id, code, secret_hash, title, scenario, scenario_hash, \
             seed, pacing, show_scores, round_minutes, released, deadline, ended, version, created, \
             coach, difficulty) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, 1, $13, $14, $15)",
        )
        .bind(&s.id)
        .bind(&s.code)
        .bind(&s.secret_hash)
        .bind(&s.title)
        .bind(&s.scenario)
        .bind(&s.scenario_hash)
        .bind(s.seed as i64)
        .bind(s.pacing.as_str())
        .bind(i64::from(s.show_scores))
        .bind(s.round_minutes)
        .bind(i64::from(s.released))
        .bind(s.deadline)
        .bind(now_ms())
        .bind(i64::from(s.coach))
        .bind(s.difficulty.map(Difficulty::name))
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(())
    }

    pub async fn session(&self, id: &str) -> Result<Option<SessionRow>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT id, code, secret_hash, title, scenario_hash, seed, pacing, \
             show_scores, coach, difficulty, round_minutes, released, deadline, ended, ended_at, \
             version FROM class_sessions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.reads)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut session = session_row(&row)?;
        session.scenario = self.scenario(id).await?;
        Ok(Some(session))
    }

    /// A session's scenario text, from memory when it has been read before.
    async fn scenario(&self, id: &str) -> Result<String, sqlx::Error> {
        if let Some(text) = lock(&self.scenarios).get(id) {
            return Ok(text.clone());
        }
        let text: String = sqlx::query_scalar("SELECT scenario FROM class_sessions WHERE id = $1")
            .bind(id)
            .fetch_one(&self.reads)
            .await?;
        let mut scenarios = lock(&self.scenarios);
        if scenarios.len() >= SCENARIOS_KEPT {
            scenarios.clear();
        }
        scenarios.insert(id.to_owned(), text.clone());
        Ok(text)
    }

    pub async fn session_by_code(&self, code: &str) -> Result<Option<SessionRow>, sqlx::Error> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM class_sessions WHERE code = $1")
                .bind(code)
                .fetch_optional(&self.reads)
                .await?;
        match id {
            Some(id) => self.session(&id).await,
            None => Ok(None),
        }
    }

    /// The change counter of a session: dashboards redraw when it moves.
    pub async fn version(&self, id: &str) -> Result<Option<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT version FROM class_sessions WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.reads)
            .await
    }

    /// Adds a seat numbered after the last; `Conflict` when the name is taken.
    pub async fn add_seat(&self, session: &str, seat: &NewSeat<'_>) -> Result<i64, WriteError> {
        let key = name_key(seat.name);
        for _ in 0..8 {
            let mut tx = self.begin_write().await?;
            // The session's version is bumped first: on PostgreSQL that locks the session's
            // row, so joins to one class number their seats one at a time (sixteen connections
            // picking the same next number refused a third of the joins of a class joining at
            // once as "name taken"). SQLite's writer is one at a time already.
            bump(&mut tx, session).await?;
            let taken: Option<i64> = sqlx::query_scalar(
                "SELECT seat FROM seats WHERE session_id = $1 AND name_key = $2",
            )
            .bind(session)
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
            if taken.is_some() {
                return Err(WriteError::Conflict);
            }
            let next: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(seat), 0) + 1 FROM seats WHERE session_id = $1",
            )
            .bind(session)
            .fetch_one(&mut *tx)
            .await?;
            let now = now_ms();
            let inserted = sqlx::query(
                "INSERT INTO seats (session_id, seat, name, name_key, token_hash, rejoin_hash, \
                 joined, last_seen, recorded, turn, finished, composite, excused, removed, \
                 join_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 1, 0, 0, 0, 0, $9)",
            )
            .bind(session)
            .bind(next)
            .bind(seat.name)
            .bind(&key)
            .bind(seat.token_hash)
            .bind(seat.rejoin_hash)
            .bind(now)
            .bind(now)
            .bind(seat.join_hash)
            .execute(&mut *tx)
            .await
            .map_err(WriteError::from);
            match inserted {
                Ok(_) => {
                    tx.commit().await?;
                    self.wrote();
                    return Ok(next);
                }
                // Only a seat number taken by a writer that did not bump first (none does).
                Err(WriteError::Conflict) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(WriteError::Conflict)
    }

    /// The seat a bearer token holds, with its session: one query, since every status poll and
    /// submission asks it (three, for the token, the session and the seat, were most of a
    /// polling class's database work).
    pub async fn seat_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRow, SeatRow)>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT c.id, c.code, c.secret_hash, c.title, c.scenario_hash, c.seed, c.pacing, \
             c.show_scores, c.coach, c.difficulty, c.round_minutes, c.released, c.deadline, \
             c.ended, c.ended_at, c.version, s.seat, s.name, s.recorded, s.turn, s.finished, \
             s.composite, s.last_seen, s.joined, s.excused \
             FROM seats s JOIN class_sessions c ON c.id = s.session_id \
             WHERE s.token_hash = $1 AND s.removed = 0",
        )
        .bind(token_hash)
        .fetch_optional(&self.reads)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut session = session_row(&row)?;
        session.scenario = self.scenario(&session.id).await?;
        Ok(Some((session, seat_row(&row)?)))
    }

    /// The seat called `name` (any case) and its rejoin code's hash.
    pub async fn seat_by_name(
        &self,
        session: &str,
        name: &str,
    ) -> Result<Option<(i64, String)>, sqlx::Error> {
        Ok(self
            .seat_claim(session, name)
            .await?
            .map(|claim| (claim.seat, claim.rejoin_hash)))
    }

    /// The seat called `name` (any case), as a join or rejoin checks it.
    pub async fn seat_claim(
        &self,
        session: &str,
        name: &str,
    ) -> Result<Option<SeatClaim>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT seat, rejoin_hash, join_hash, joined, recorded FROM seats \
             WHERE session_id = $1 AND name_key = $2 AND removed = 0",
        )
        .bind(session)
        .bind(name_key(name))
        .fetch_optional(&self.reads)
        .await?;
        row.map(|r| {
            Ok(SeatClaim {
                seat: r.try_get("seat")?,
                rejoin_hash: r.try_get("rejoin_hash")?,
                join_hash: r.try_get("join_hash")?,
                joined: r.try_get("joined")?,
                recorded: r.try_get::<i64, _>("recorded")?.max(0) as usize,
            })
        })
        .transpose()
    }

    /// A resent join: new secrets for a seat that has recorded nothing yet (false when it has,
    /// or is gone). The earlier token and rejoin code stop working.
    pub async fn reissue(
        &self,
        session: &str,
        seat: i64,
        token_hash: &str,
        rejoin_hash: &str,
    ) -> Result<bool, WriteError> {
        let done = sqlx::query(
            "UPDATE seats SET token_hash = $1, rejoin_hash = $2, last_seen = $3 \
             WHERE session_id = $4 AND seat = $5 AND recorded = 0 AND removed = 0",
        )
        .bind(token_hash)
        .bind(rejoin_hash)
        .bind(now_ms())
        .bind(session)
        .bind(seat)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(done.rows_affected() == 1)
    }

    /// Replaces a rejoin code's stored hash by a stronger one of the same code, unless it
    /// changed meanwhile.
    pub async fn rehash_rejoin(
        &self,
        session: &str,
        seat: i64,
        old: &str,
        new: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE seats SET rejoin_hash = $1 WHERE session_id = $2 AND seat = $3 \
             AND rejoin_hash = $4",
        )
        .bind(new)
        .bind(session)
        .bind(seat)
        .bind(old)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(())
    }

    /// Excuses a seat (it holds back no round) or takes the excuse back. False: no such seat.
    pub async fn excuse(
        &self,
        session: &str,
        seat: i64,
        excused: bool,
    ) -> Result<bool, WriteError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE seats SET excused = $1 WHERE session_id = $2 AND seat = $3 AND removed = 0",
        )
        .bind(i64::from(excused))
        .bind(session)
        .bind(seat)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        bump(&mut tx, session).await?;
        tx.commit().await?;
        self.wrote();
        Ok(true)
    }

    /// Takes a seat out of the class: off the roster and the results, its token dead
    /// (`dead_token_hash` is of a token nobody holds) and its name free. Its row and decisions
    /// stay, so its number is never given again. False: no such seat.
    pub async fn remove(
        &self,
        session: &str,
        seat: i64,
        dead_token_hash: &str,
    ) -> Result<bool, WriteError> {
        let mut tx = self.begin_write().await?;
        // A name key no name has: names never hold control characters.
        let freed_name_key = format!("\u{1}removed {seat}");
        let done = sqlx::query(
            "UPDATE seats SET removed = 1, name_key = $1, token_hash = $2, join_hash = NULL \
             WHERE session_id = $3 AND seat = $4 AND removed = 0",
        )
        .bind(&freed_name_key)
        .bind(dead_token_hash)
        .bind(session)
        .bind(seat)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        bump(&mut tx, session).await?;
        tx.commit().await?;
        self.wrote();
        Ok(true)
    }

    /// Gives a seat a new bearer token (a rejoin); the old one stops working. The rejoin is
    /// also the seat being heard from.
    pub async fn replace_token(
        &self,
        session: &str,
        seat: i64,
        token_hash: &str,
    ) -> Result<(), WriteError> {
        sqlx::query(
            "UPDATE seats SET token_hash = $1, last_seen = $2 WHERE session_id = $3 AND seat = $4",
        )
        .bind(token_hash)
        .bind(now_ms())
        .bind(session)
        .bind(seat)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(())
    }

    pub async fn seats(&self, session: &str) -> Result<Vec<SeatRow>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT seat, name, recorded, turn, finished, composite, last_seen, joined, excused \
             FROM seats WHERE session_id = $1 AND removed = 0 ORDER BY seat",
        )
        .bind(session)
        .fetch_all(&self.reads)
        .await?;
        rows.iter().map(seat_row).collect()
    }

    /// The seats that decide whether round `open` is complete (`class::holds_round`), rather
    /// than the whole class: one that has played past it, if any; one that holds it whoever
    /// else has heard from it (it has recorded something, or this database heard from it since
    /// `seen_since`), if any; and every seat that holds it only if some server heard from it
    /// lately (recorded nothing, last seen here before `seen_since`), which the caller checks
    /// against what it heard itself. Not excused, not finished and not past `open`, in each
    /// case but the first. The whole roster, read on every submission, was most of a 500-seat
    /// class's database work.
    pub async fn round_deciders(
        &self,
        session: &str,
        open: u32,
        seen_since: i64,
    ) -> Result<Vec<SeatRow>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT * FROM (SELECT seat, name, recorded, turn, finished, composite, last_seen, \
             joined, excused FROM seats WHERE session_id = $1 AND removed = 0 AND turn > $2 \
             LIMIT 1) AS played \
             UNION ALL \
             SELECT * FROM (SELECT seat, name, recorded, turn, finished, composite, last_seen, \
             joined, excused FROM seats WHERE session_id = $1 AND removed = 0 AND excused = 0 \
             AND finished = 0 AND turn <= $2 AND (recorded > 0 OR last_seen >= $3) LIMIT 1) \
             AS holding \
             UNION ALL \
             SELECT seat, name, recorded, turn, finished, composite, last_seen, joined, excused \
             FROM seats WHERE session_id = $1 AND removed = 0 AND excused = 0 AND finished = 0 \
             AND turn <= $2 AND recorded = 0 AND last_seen < $3",
        )
        .bind(session)
        .bind(i64::from(open))
        .bind(seen_since)
        .fetch_all(&self.reads)
        .await?;
        rows.iter().map(seat_row).collect()
    }

    pub async fn seat(&self, session: &str, seat: i64) -> Result<Option<SeatRow>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT seat, name, recorded, turn, finished, composite, last_seen, joined, excused \
             FROM seats WHERE session_id = $1 AND seat = $2 AND removed = 0",
        )
        .bind(session)
        .bind(seat)
        .fetch_optional(&self.reads)
        .await?;
        row.as_ref().map(seat_row).transpose()
    }

    /// A seat's decision log, as stored (RON text of each decision, in order).
    pub async fn decisions(&self, session: &str, seat: i64) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT decision FROM decisions WHERE session_id = $1 AND seat = $2 ORDER BY idx",
        )
        .bind(session)
        .bind(seat)
        .fetch_all(&self.reads)
        .await
    }

    /// Appends decisions `from..` to a seat's log, atomically, only if it holds exactly
    /// `from` now (`Conflict` otherwise: another submission got there first). Returns once it
    /// is committed (on SQLite, synced), possibly in one transaction with other submissions.
    pub async fn append(
        &self,
        session: &str,
        seat: i64,
        from: usize,
        decisions: &[String],
        progress: &Progress,
    ) -> Result<(), WriteError> {
        let job = Append {
            session: session.to_owned(),
            seat,
            from,
            decisions: decisions.to_vec(),
            progress: *progress,
        };
        if let Some(appends) = &self.appends {
            let (done, answer) = oneshot::channel();
            if appends.send((job.clone(), done)).is_ok()
                && let Ok(committed) = answer.await
            {
                return committed;
            }
            // The committing task is gone (the runtime that opened this handle ended): commit
            // alone. Had the task committed it first, this finds `Conflict`, as a resend does.
        }
        append_alone(&self.pool, self.backend, &self.writes, &job).await
    }

    /// Notes when seats were last heard from, (session, seat, at) each, in one transaction:
    /// presence is batched so that status polls cost no write of their own.
    pub async fn note_last_seen(&self, heard: &[(String, i64, i64)]) -> Result<(), sqlx::Error> {
        if heard.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        // One statement for many seats: a statement per seat held the one SQLite writer for a
        // round trip each (a class of 500 polling kept submissions waiting ~30 ms every 5 s).
        for chunk in heard.chunks(PRESENCE_ROWS_PER_STATEMENT) {
            let mut query = sqlx::query(AssertSqlSafe(last_seen_update(chunk.len())));
            for (session, seat, at) in chunk {
                query = query.bind(session).bind(seat).bind(at);
            }
            query.persistent(false).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// Releases month `month` if it is the next one (so two servers releasing at once release
    /// it once); the next round's deadline is `deadline`. True when this call released it.
    pub async fn release(
        &self,
        session: &str,
        month: u32,
        deadline: Option<i64>,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE class_sessions SET released = $1, deadline = $2, version = version + 1 \
             WHERE id = $3 AND released = $4 AND ended = 0",
        )
        .bind(i64::from(month))
        .bind(deadline)
        .bind(session)
        .bind(i64::from(month) - 1)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_deadline(
        &self,
        session: &str,
        deadline: Option<i64>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE class_sessions SET deadline = $1, version = version + 1 WHERE id = $2 AND ended = 0",
        )
        .bind(deadline)
        .bind(session)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(())
    }

    pub async fn end(&self, session: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE class_sessions SET ended = 1, deadline = NULL, version = version + 1, \
             ended_at = COALESCE(ended_at, $1) WHERE id = $2",
        )
        .bind(now_ms())
        .bind(session)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(())
    }

    /// Sessions whose round deadline has passed: (id, released).
    pub async fn overdue(&self, now: i64) -> Result<Vec<(String, u32)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, released FROM class_sessions \
             WHERE ended = 0 AND deadline IS NOT NULL AND deadline <= $1",
        )
        .bind(now)
        .fetch_all(&self.reads)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, u(r.try_get("released")?))))
            .collect()
    }

    /// Deletes, with their seats and decisions, the sessions that ended before `cutoff`
    /// (milliseconds since the epoch; sessions ended before their end was recorded count from
    /// their creation) and those created before it that nobody ever joined. Returns their ids.
    pub async fn delete_expired(&self, cutoff: i64) -> Result<Vec<String>, sqlx::Error> {
        let expired: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM class_sessions WHERE \
             (ended = 1 AND COALESCE(ended_at, created) < $1) OR \
             (ended = 0 AND created < $1 AND NOT EXISTS \
              (SELECT 1 FROM seats WHERE seats.session_id = class_sessions.id))",
        )
        .bind(cutoff)
        .fetch_all(&self.pool)
        .await?;
        for id in &expired {
            let mut tx = self.begin_write().await?;
            for delete in [
                "DELETE FROM decisions WHERE session_id = $1",
                "DELETE FROM seats WHERE session_id = $1",
                "DELETE FROM class_sessions WHERE id = $1",
            ] {
                sqlx::query(delete).bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            self.wrote();
            lock(&self.scenarios).remove(id);
        }
        Ok(expired)
    }

    /// Every decision row of a session: the load and fault tests' "exactly once" check.
    pub async fn decision_count(&self, session: &str) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM decisions WHERE session_id = $1")
            .bind(session)
            .fetch_one(&self.reads)
            .await
    }
}

/// One submission's decisions, to be appended to its seat's log.
#[derive(Clone)]
struct Append {
    session: String,
    seat: i64,
    from: usize,
    decisions: Vec<String>,
    progress: Progress,
}

/// A submission waiting for SQLite's writer, and where its outcome goes.
type Waiting = (Append, oneshot::Sender<Result<(), WriteError>>);

/// The most submissions one transaction commits.
const APPENDS_PER_COMMIT: usize = 256;

/// Claims `job`'s place in its seat's log (`recorded = from`) and inserts its decisions, in
/// `tx`; false when the seat holds something else (nothing is written then).
async fn claim(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    job: &Append,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE seats SET recorded = $1, turn = $2, finished = $3, composite = $4, \
         last_seen = $5 WHERE session_id = $6 AND seat = $7 AND recorded = $8",
    )
    .bind((job.from + job.decisions.len()) as i64)
    .bind(i64::from(job.progress.turn))
    .bind(i64::from(job.progress.finished))
    .bind(job.progress.composite)
    .bind(now)
    .bind(&job.session)
    .bind(job.seat)
    .bind(job.from as i64)
    .execute(&mut **tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    for (i, decision) in job.decisions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO decisions (session_id, seat, idx, decision, at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&job.session)
        .bind(job.seat)
        .bind((job.from + i) as i64)
        .bind(decision)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// One submission in a transaction of its own.
async fn append_alone(
    pool: &AnyPool,
    backend: Backend,
    writes: &AtomicU64,
    job: &Append,
) -> Result<(), WriteError> {
    let mut tx = match backend {
        Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
        Backend::Postgres => pool.begin().await?,
    };
    if !claim(&mut tx, job, now_ms()).await? {
        return Err(WriteError::Conflict);
    }
    bump(&mut tx, &job.session).await?;
    tx.commit().await?;
    writes.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

/// SQLite's writer for submissions: takes every submission waiting and commits them in one
/// transaction, so one sync (and one turn of the write lock) serves them all. A class's
/// submissions come in bursts (a round released, events answered); one transaction each kept
/// hundreds waiting behind each other's syncs, for seconds when the disk was slow. A batch
/// holds one submission per seat at most (a second waits for the next), and one that fails
/// is committed again one submission at a time, so each gets its own outcome.
async fn commit_appends(
    pool: AnyPool,
    writes: Arc<AtomicU64>,
    mut waiting: mpsc::UnboundedReceiver<Waiting>,
) {
    let mut held: Option<Waiting> = None;
    loop {
        let first = match held.take() {
            Some(first) => first,
            None => match waiting.recv().await {
                Some(first) => first,
                None => return,
            },
        };
        let mut batch = vec![first];
        while batch.len() < APPENDS_PER_COMMIT {
            let Ok(next) = waiting.try_recv() else { break };
            let same_seat = batch
                .iter()
                .any(|(job, _)| job.session == next.0.session && job.seat == next.0.seat);
            if same_seat {
                held = Some(next);
                break;
            }
            batch.push(next);
        }
        match commit_together(&pool, &batch).await {
            Ok(claimed) => {
                writes.fetch_add(1, Ordering::Relaxed);
                for ((_, done), claimed) in batch.into_iter().zip(claimed) {
                    // A request that gave up waiting is answered by nobody: its client
                    // resends and learns from the 409 that it was recorded.
                    let _ = done.send(if claimed {
                        Ok(())
                    } else {
                        Err(WriteError::Conflict)
                    });
                }
            }
            Err(_) => {
                for (job, done) in batch {
                    let _ = done.send(append_alone(&pool, Backend::Sqlite, &writes, &job).await);
                }
            }
        }
    }
}

/// `batch` in one transaction: which of them claimed their place (see [`claim`]).
async fn commit_together(pool: &AnyPool, batch: &[Waiting]) -> Result<Vec<bool>, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let now = now_ms();
    let mut claimed = Vec::with_capacity(batch.len());
    let mut sessions: Vec<&str> = Vec::new();
    for (job, _) in batch {
        let done = claim(&mut tx, job, now).await?;
        if done && !sessions.contains(&job.session.as_str()) {
            sessions.push(&job.session);
        }
        claimed.push(done);
    }
    for session in sessions {
        bump(&mut tx, session).await?;
    }
    tx.commit().await?;
    Ok(claimed)
}

/// Seats whose "last seen" one statement updates (three parameters each, well under either
/// database's limit on parameters).
const PRESENCE_ROWS_PER_STATEMENT: usize = 200;

/// `UPDATE … FROM (VALUES …)` for `rows` seats, (session, seat, at) each: the same text for both
/// databases (SQLite 3.33 and later read `UPDATE FROM`; both name a `VALUES` list's columns
/// `column1`, `column2`, …). Only the number of placeholders varies; the values are bound.
fn last_seen_update(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
        .collect();
    format!(
        "UPDATE seats SET last_seen = v.column3 FROM (VALUES {}) AS v \
         WHERE seats.session_id = v.column1 AND seats.seat = v.column2 \
         AND seats.last_seen < v.column3",
        values.join(", ")
    )
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

async fn bump(tx: &mut sqlx::Transaction<'_, sqlx::Any>, session: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE class_sessions SET version = version + 1 WHERE id = $1")
        .bind(session)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Names are unique in a class whatever their case or surrounding spaces.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn session_row(r: &AnyRow) -> Result<SessionRow, sqlx::Error> {
    Ok(SessionRow {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        secret_hash: r.try_get("secret_hash")?,
        title: r.try_get("title")?,
        // Not in the row: `Db::session` fills it in from its cache.
        scenario: String::new(),
        scenario_hash: r.try_get("scenario_hash")?,
        seed: r.try_get::<i64, _>("seed")? as u64,
        pacing: {
            let text: String = r.try_get("pacing")?;
            Pacing::parse(&text).ok_or_else(|| sqlx::Error::ColumnDecode {
                index: "pacing".into(),
                source: format!("`{text}` is not a pacing").into(),
            })?
        },
        show_scores: r.try_get::<i64, _>("show_scores")? != 0,
        coach: r.try_get::<i64, _>("coach")? != 0,
        difficulty: r
            .try_get::<Option<String>, _>("difficulty")?
            .map(|name| {
                name.parse()
                    .map_err(|why: String| sqlx::Error::ColumnDecode {
                        index: "difficulty".into(),
                        source: why.into(),
                    })
            })
            .transpose()?,
        round_minutes: r.try_get("round_minutes")?,
        released: u(r.try_get("released")?),
        deadline: r.try_get("deadline")?,
        ended: r.try_get::<i64, _>("ended")? != 0,
        ended_at: r.try_get("ended_at")?,
        version: r.try_get("version")?,
    })
}

fn seat_row(r: &AnyRow) -> Result<SeatRow, sqlx::Error> {
    Ok(SeatRow {
        seat: r.try_get("seat")?,
        name: r.try_get("name")?,
        recorded: r.try_get::<i64, _>("recorded")?.max(0) as usize,
        turn: u(r.try_get("turn")?),
        finished: r.try_get::<i64, _>("finished")? != 0,
        composite: r.try_get("composite")?,
        last_seen: r.try_get("last_seen")?,
        joined: r.try_get("joined")?,
        excused: r.try_get::<i64, _>("excused")? != 0,
    })
}

/// A database address fit for an error message: without its password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A class session written as a server before schema 5 wrote it, with any pacing text.
    async fn insert_raw(pool: &AnyPool, id: &str, pacing: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO class_sessions (id, code, secret_hash, title, scenario, scenario_hash, \
             seed, pacing, show_scores, round_minutes, released, deadline, ended, version, \
             created) VALUES ($1, $1, 'h', 't', 's', 'sh', 1, $2, 0, 0, 0, NULL, 0, 1, 0)",
        )
        .bind(id)
        .bind(pacing)
        .execute(pool)
        .await
        .map(|_| ())
    }

    /// The databases a test runs on, each empty: a SQLite file in `dir`, and (when
    /// `KAM_TEST_POSTGRES` is set) a schema of its own in PostgreSQL, so the shared database's
    /// tables are neither seen nor migrated (a newer schema there would stop other checkouts'
    /// servers). Returns (address, the schema to drop with [`drop_schemas`]).
    pub(crate) async fn empty_databases(dir: &std::path::Path) -> Vec<(String, Option<String>)> {
        sqlx::any::install_default_drivers();
        let mut out = vec![(format!("sqlite://{}", dir.join("class.db").display()), None)];
        if let Ok(url) = std::env::var("KAM_TEST_POSTGRES")
            && !url.is_empty()
        {
            let schema = format!(
                "kam_unit_{}",
                &crate::secrets::hash(&crate::secrets::token())[..16]
            );
            let pool = AnyPoolOptions::new().connect(&url).await.unwrap();
            for sql in [
                format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
                format!("CREATE SCHEMA {schema}"),
            ] {
                pool.execute(AssertSqlSafe(sql)).await.unwrap();
            }
            pool.close().await;
            let join = if url.contains('?') { '&' } else { '?' };
            out.push((
                format!("{url}{join}options=-c%20search_path%3D{schema}"),
                Some(schema),
            ));
        }
        out
    }

    /// Schema 5 on a database that schema 4 made and a server filled: "rounds" stays rounds,
    /// what the server used to read as free (anything else) becomes "free", and from then on
    /// the database itself refuses a pacing that is neither, on both databases.
    #[tokio::test]
    async fn pacing_is_checked_by_the_database_after_migrating_an_old_one() {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        for (url, schema) in empty_databases(dir.path()).await {
            let old = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&if url.starts_with("sqlite:") {
                    format!("{url}?mode=rwc")
                } else {
                    url.clone()
                })
                .await
                .unwrap();
            static UP_TO_4: [(i64, &str, &str); 4] =
                [MIGRATIONS[0], MIGRATIONS[1], MIGRATIONS[2], MIGRATIONS[3]];
            migrator(&UP_TO_4).run(&old).await.unwrap();
            insert_raw(&old, "inrounds", "rounds").await.unwrap();
            insert_raw(&old, "free", "free").await.unwrap();
            insert_raw(&old, "odd", "Rounds ").await.unwrap();
            old.close().await;

            let db = Db::open(&url).await.unwrap();
            let pacing = |id: &'static str| {
                let db = db.clone();
                async move { db.session(id).await.unwrap().unwrap().pacing }
            };
            assert_eq!(pacing("inrounds").await, Pacing::Rounds, "{url}");
            assert_eq!(pacing("free").await, Pacing::Free, "{url}");
            assert_eq!(pacing("odd").await, Pacing::Free, "{url}");

            let refused = insert_raw(&db.pool, "weekly", "weekly").await.unwrap_err();
            match &refused {
                sqlx::Error::Database(d) => assert!(d.is_check_violation(), "{url}: {refused}"),
                other => panic!("{url}: {other}"),
            }
            assert_eq!(
                crate::error::database_failure(&refused),
                crate::error::DatabaseFailure::Fault
            );
            insert_raw(&db.pool, "new", "rounds").await.unwrap();
            assert_eq!(pacing("new").await, Pacing::Rounds, "{url}");
            db.close().await;
            drop_schemas(&[(url, schema)]).await;
        }
    }

    /// Drops the PostgreSQL schemas [`empty_databases`] made.
    pub(crate) async fn drop_schemas(databases: &[(String, Option<String>)]) {
        for schema in databases.iter().filter_map(|(_, schema)| schema.as_ref()) {
            let base = std::env::var("KAM_TEST_POSTGRES").unwrap();
            let pool = AnyPoolOptions::new().connect(&base).await.unwrap();
            pool.execute(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .await
                .unwrap();
            pool.close().await;
        }
    }
}

//! Refusals: every error the server answers with, as a status, a short code a program can
//! act on and a sentence a person can (JSON for the API, a page for the browser).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kam_class::protocol::{MAX_DECISIONS_PER_SUBMISSION, Refusal};

use kam_sim::Diagnostic;

use crate::class_error::ClassError;
use crate::names::NameRefused;
use crate::words::{Lang, Said, Say};

/// One kind of refusal: its status, its code (`Refusal`'s `error` on the wire), and what it
/// means, as the OpenAPI document and docs/serve.md say.
pub struct Kind {
    pub status: u16,
    pub code: &'static str,
    pub meaning: &'static str,
}

/// Every kind of refusal the API answers with: one code per status, and `name_taken` where a
/// program has reason to tell one 409 from the others (the game asks for another name).
pub const KINDS: &[Kind] = &[
    Kind {
        status: 400,
        code: "bad_request",
        meaning: "The request is malformed (JSON that does not parse, a path parameter of the \
            wrong type) or a value is out of range; `detail` says which.",
    },
    Kind {
        status: 401,
        code: "unauthorized",
        meaning: "The seat token is missing or not held by the server (the seat was taken up \
            on another computer with its rejoin code, or removed by the instructor), or an \
            instructor's request carries no key at all.",
    },
    Kind {
        status: 403,
        code: "forbidden",
        meaning: "The instructor key is wrong (the same answer as for a session that does \
            not exist), a change came from another site, or a rejoin's name and rejoin code \
            do not match a seat.",
    },
    Kind {
        status: 404,
        code: "not_found",
        meaning: "No class has that join code, no such seat in the class, or no such API \
            route.",
    },
    Kind {
        status: 405,
        code: "method_not_allowed",
        meaning: "The route does not take that method (the `Allow` header lists those it \
            takes).",
    },
    Kind {
        status: 408,
        code: "request_timeout",
        meaning: "The request's body did not arrive, and the answer was not ready, within \
            30 s; send it again.",
    },
    Kind {
        status: 409,
        code: "conflict",
        meaning: "The request clashes with what the server holds: a submission that does not \
            start where the seat's record ends (`recorded` says where it does), or a full \
            class.",
    },
    Kind {
        status: 409,
        code: "name_taken",
        meaning: "Someone in the class has that name already (names are compared in NFC, \
            ignoring case and runs of spaces): choose another, or rejoin with the rejoin code.",
    },
    Kind {
        status: 410,
        code: "gone",
        meaning: "The class has ended: nothing more is joined or recorded.",
    },
    Kind {
        status: 413,
        code: "payload_too_large",
        meaning: "The body is (or is announced as) larger than 1 MiB.",
    },
    Kind {
        status: 415,
        code: "unsupported_media_type",
        meaning: "A JSON body without `Content-Type: application/json`.",
    },
    Kind {
        status: 422,
        code: "unprocessable",
        meaning: "Well-formed JSON that cannot be used: a field missing or of the wrong type, \
            a scenario that does not load (the `FILE:LINE:COL` errors of `kam validate`), or \
            a decision that does not replay on the server's copy of the game.",
    },
    Kind {
        status: 425,
        code: "too_early",
        meaning: "Rounds: the plan is for a month the instructor has not released yet; wait \
            for the release (poll `GET /api/status`) and send it again.",
    },
    Kind {
        status: 429,
        code: "too_many_requests",
        meaning: "A rate limit: per client address, per seat, class creation per address, or \
            seat requests from an address that sent many unknown tokens; wait a moment.",
    },
    Kind {
        status: 500,
        code: "internal",
        meaning: "A fault of the server's (logged there); not the request's.",
    },
    Kind {
        status: 503,
        code: "unavailable",
        meaning: "The class database is not answering, or two writes clashed; try again in a \
            moment.",
    },
];

/// The code of a refusal with `status`: the first of [`KINDS`] with it. A status none has
/// (none of the server's own, but a layer could make one) gets the nearest general one, so
/// every answer has the same shape.
pub fn code_for(status: StatusCode) -> &'static str {
    match KINDS.iter().find(|k| k.status == status.as_u16()) {
        Some(kind) => kind.code,
        None if status.is_server_error() => "internal",
        None => "bad_request",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    /// What kind of refusal, for programs (one of [`KINDS`]' codes).
    pub code: &'static str,
    pub message: String,
    /// For a seat's refusals: how many decisions the server holds, so the game resumes there.
    pub recorded: Option<usize>,
    /// Made from a database error: counted in `kam_serve_database_errors_total`.
    pub from_database: bool,
    /// The refusal as a page says it, in the page's language (its English is `message`).
    pub said: Option<Said>,
    /// A scenario that does not load: its errors, for a page to give in its language.
    pub scenario_errors: Vec<Diagnostic>,
}

/// What a refusal says: a sentence of the API's own (English, for programs), or a sentence of
/// the catalogue, which a page puts in its language and the API in English.
pub struct Detail {
    message: String,
    said: Option<Said>,
}

impl From<&str> for Detail {
    fn from(message: &str) -> Detail {
        Detail {
            message: message.to_owned(),
            said: None,
        }
    }
}

impl From<String> for Detail {
    fn from(message: String) -> Detail {
        Detail {
            message,
            said: None,
        }
    }
}

impl From<Said> for Detail {
    fn from(said: Said) -> Detail {
        Detail {
            message: said.in_lang(Lang::En),
            said: Some(said),
        }
    }
}

impl From<Say> for Detail {
    fn from(key: Say) -> Detail {
        Detail::from(Said::new(key))
    }
}

impl ApiError {
    fn new(status: StatusCode, detail: impl Into<Detail>) -> ApiError {
        let detail = detail.into();
        ApiError {
            status,
            code: code_for(status),
            message: detail.message,
            recorded: None,
            from_database: false,
            said: detail.said,
            scenario_errors: Vec::new(),
        }
    }

    /// A scenario that does not load, with its errors (`FILE:LINE:COL: …` each).
    pub fn scenario_errors(diagnostics: Vec<Diagnostic>) -> ApiError {
        let english: Vec<String> = diagnostics.iter().map(|d| d.render(Lang::En)).collect();
        ApiError {
            scenario_errors: diagnostics,
            ..ApiError::unprocessable(Said::with(Say::ScenarioErrors, &[&english.join("\n")]))
        }
    }

    /// A scenario's errors in `lang`, a line each (`FILE:LINE:COL: …`), if that is the refusal.
    pub fn scenario_errors_in(&self, lang: Lang) -> Option<String> {
        (!self.scenario_errors.is_empty()).then(|| {
            let errors: Vec<String> = self
                .scenario_errors
                .iter()
                .map(|d| d.render(lang))
                .collect();
            errors.join("\n")
        })
    }

    /// What a page says of this refusal in `lang`: its own sentence if it has one; else, in
    /// English, the API's detail, and in Chinese what its status means.
    pub fn page_text(&self, lang: Lang) -> String {
        if let Some(errors) = self.scenario_errors_in(lang) {
            return format!("{}\n{errors}", Say::ScenarioErrorsLead.t(lang));
        }
        match (&self.said, lang) {
            (Some(said), _) => said.in_lang(lang),
            (None, Lang::En) if !self.message.is_empty() => self.message.clone(),
            (None, _) => crate::words::refused(self.status.as_u16())
                .t(lang)
                .to_owned(),
        }
    }

    /// A refusal with a status made elsewhere (axum's own rejections).
    pub fn with_status(status: StatusCode, m: impl Into<Detail>) -> ApiError {
        ApiError::new(status, m)
    }

    pub fn with_recorded(mut self, recorded: usize) -> ApiError {
        self.recorded = Some(recorded);
        self
    }

    pub fn bad_request(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, m)
    }
    pub fn unauthorized(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, m)
    }
    pub fn forbidden(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, m)
    }
    pub fn not_found(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, m)
    }
    pub fn conflict(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, m)
    }
    /// A join with a name someone in the class has: a conflict the game tells apart (it asks
    /// for another name).
    pub fn name_taken(m: impl Into<Detail>) -> ApiError {
        ApiError {
            code: "name_taken",
            ..ApiError::conflict(m)
        }
    }
    pub fn gone(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::GONE, m)
    }
    pub fn unprocessable(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m)
    }
    /// Rounds: the month is not open yet (the game waits and tries again).
    pub fn too_early(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::TOO_EARLY, m)
    }
    pub fn new_too_large() -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is larger than {} KiB",
                crate::limits::MAX_BODY_BYTES / 1024
            ),
        )
    }
    /// Too many of one kind of request (says which).
    pub fn too_many_of(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, m)
    }
    /// A request (its body, mostly) that took longer than the server waits.
    pub fn too_slow() -> ApiError {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "the request took too long to arrive; send it again",
        )
    }
    pub fn too_many() -> ApiError {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, Say::TooMany)
    }
    pub fn unavailable(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m)
    }
    pub fn internal(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m)
    }
}

/// What a database error means for the request that met it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseFailure {
    /// The database is busy, locked, out of connections or unreachable: nothing is wrong with
    /// the request, and sent again in a moment it may well go through.
    Unavailable,
    /// A unique key is taken: the request clashes with what the database holds.
    Clash,
    /// The database refused what the server asked of it (a constraint it should never break,
    /// SQL it cannot run, a value it cannot read): a fault of the server's.
    Fault,
}

/// SQLite's primary result codes that mean "busy, try again" (the extended codes keep these in
/// their low byte): `SQLITE_BUSY`, `SQLITE_LOCKED`, and the disk or file failing under it
/// (`SQLITE_IOERR`, `SQLITE_FULL`, `SQLITE_CANTOPEN`).
const SQLITE_UNAVAILABLE: [i32; 5] = [5, 6, 10, 13, 14];

/// PostgreSQL's SQLSTATE classes and codes that mean the same: connection exceptions (08),
/// insufficient resources (53), operator intervention such as a shutdown or a cancelled
/// statement (57), and the lock and serialisation failures a retry resolves.
const POSTGRES_UNAVAILABLE_CLASSES: [&str; 3] = ["08", "53", "57"];
const POSTGRES_UNAVAILABLE: [&str; 3] = ["40001", "40P01", "55P03"];

/// How a database error is answered (see [`DatabaseFailure`]).
pub fn database_failure(e: &sqlx::Error) -> DatabaseFailure {
    use sqlx::Error as E;
    match e {
        E::Database(d) if d.is_unique_violation() => DatabaseFailure::Clash,
        E::Database(d) => {
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLite's code is its extended result code, as a number.
                let primary = d
                    .code()
                    .and_then(|c| c.parse::<i32>().ok())
                    .map(|c| c & 0xff);
                if primary.is_some_and(|c| SQLITE_UNAVAILABLE.contains(&c)) {
                    return DatabaseFailure::Unavailable;
                }
            } else if let Some(postgres) = d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                let code = postgres.code();
                if POSTGRES_UNAVAILABLE.contains(&code)
                    || POSTGRES_UNAVAILABLE_CLASSES
                        .iter()
                        .any(|c| code.starts_with(c))
                {
                    return DatabaseFailure::Unavailable;
                }
            }
            DatabaseFailure::Fault
        }
        E::Io(_)
        | E::Tls(_)
        | E::Protocol(_)
        | E::PoolTimedOut
        | E::PoolClosed
        | E::WorkerCrashed
        | E::BeginFailed => DatabaseFailure::Unavailable,
        _ => DatabaseFailure::Fault,
    }
}

/// The refusal a database error makes (logged by [`From<ClassError>`], not here).
fn database_refusal(e: &sqlx::Error) -> ApiError {
    let mut refusal = match database_failure(e) {
        DatabaseFailure::Unavailable => ApiError::unavailable(Say::DatabaseDown),
        DatabaseFailure::Clash => ApiError::conflict(Say::DatabaseClash),
        DatabaseFailure::Fault => ApiError::internal(Say::DatabaseFault),
    };
    refusal.from_database = true;
    refusal
}

/// The refusal a class error is: its status, code and sentence. The one place where the
/// domain's errors meet HTTP.
fn class_refusal(e: &ClassError) -> ApiError {
    use ClassError as E;
    match e {
        E::NoSuchBundled { asked } => ApiError::bad_request(Said::with(
            Say::NoSuchBundled,
            &[asked, &kam_sim::bundled_names().join(", ")],
        )),
        E::ScenarioDoesNotLoad(diagnostics) => ApiError::scenario_errors(diagnostics.clone()),
        E::TitleTooLong { max } => ApiError::bad_request(Said::with(Say::TitleTooLong, &[max])),
        E::RoundTooLong => ApiError::bad_request(Say::RoundTooLong),
        E::CodeClashed => ApiError::unavailable(Say::CodeClashed),
        E::WrongKey => ApiError::forbidden(Say::NeedsInstructorLink),
        E::UnknownCode => ApiError::not_found("no class has that join code"),
        E::NotYourSeat => ApiError::unauthorized(
            "this game's class seat is not known here (rejoin with your rejoin code)",
        ),
        E::RejoinRefused => {
            ApiError::forbidden("no seat with that name and rejoin code in this class")
        }
        E::BadName(NameRefused::Character(c)) => ApiError::bad_request(format!(
            "a name cannot contain the invisible or control character U+{:04X}; type it again",
            u32::from(*c)
        )),
        E::BadName(NameRefused::Empty) => ApiError::bad_request("type your name to join"),
        E::BadName(NameRefused::TooLong { max }) => {
            ApiError::bad_request(format!("a name has at most {max} characters"))
        }
        E::BadJoinId => ApiError::bad_request(
            "join_id is 16 to 128 letters, digits, - or _, chosen at random for each join",
        ),
        E::NoSuchSeat => ApiError::not_found(Say::NoSuchSeat),
        E::NoSuchSession => ApiError::not_found(Say::NoSuchSession),
        E::ClassEnded => ApiError::gone(Say::ClassHasEnded),
        E::ClassEndedForSubmission => {
            ApiError::gone("this class has ended: nothing more is recorded")
        }
        E::ClassFull { max } => ApiError::conflict(format!("this class is full ({max} seats)")),
        E::NameTaken { name } => ApiError::name_taken(format!(
            "someone called {name} has joined already: choose another name, or rejoin with your rejoin code"
        )),
        E::NoRoundsInFree => ApiError::bad_request(Say::NoRoundsInFree),
        E::NoDeadlinesInFree => ApiError::bad_request(Say::NoDeadlinesInFree),
        E::ExtendRange => ApiError::bad_request(Say::ExtendRange),
        E::DecisionCount { count } => ApiError::bad_request(format!(
            "a submission carries 1 to {MAX_DECISIONS_PER_SUBMISSION} decisions, not {count}"
        )),
        E::OutOfOrder { from, recorded } => {
            let why = if from < recorded {
                "already recorded"
            } else {
                "out of order: earlier decisions are missing"
            };
            ApiError::conflict(format!(
                "decisions from number {} {why}; the server holds {recorded}",
                from + 1
            ))
            .with_recorded(*recorded)
        }
        E::RecordedFirst { recorded } => ApiError::conflict(format!(
            "another submission for this seat was recorded first; the server holds {recorded}"
        ))
        .with_recorded(*recorded),
        E::TooEarly {
            month,
            releasing,
            recorded,
        } => ApiError::too_early(format!(
            "month {month} opens when the instructor releases month {releasing}"
        ))
        .with_recorded(*recorded),
        E::DoesNotReplay {
            number,
            reason,
            recorded,
        } => ApiError::unprocessable(format!(
            "decision {number} does not replay on the server's copy of your game: {reason}"
        ))
        .with_recorded(*recorded),
        E::WriteClashed => ApiError::unavailable(Say::TryAgain),
        E::ScenarioGone => ApiError::internal(Say::ScenarioGone),
        E::Fault(what) => ApiError::internal(what.as_str()),
        E::Db(e) => database_refusal(e),
    }
}

/// A class error's sentence in English, as the API says it (for the log).
pub fn english(e: &ClassError) -> String {
    class_refusal(e).message
}

impl From<ClassError> for ApiError {
    fn from(e: ClassError) -> ApiError {
        // The server's own failures go to its log with their cause (the request's span adds
        // the route and the session); the answer carries no more than its sentence.
        match &e {
            ClassError::Db(db) => match database_failure(db) {
                DatabaseFailure::Unavailable => {
                    tracing::warn!(error = %db, "the database is not answering")
                }
                DatabaseFailure::Clash => tracing::info!(error = %db, "a unique key was taken"),
                DatabaseFailure::Fault => tracing::error!(error = %db, "database fault"),
            },
            ClassError::ScenarioGone | ClassError::Fault(_) => {
                tracing::error!(error = %e, "server fault")
            }
            _ => {}
        }
        class_refusal(&e)
    }
}

impl ApiError {
    /// Marks `response` as answering this error, so the request metrics count a database
    /// error (the error is made where no server state is at hand).
    pub fn mark(&self, mut response: Response) -> Response {
        if self.from_database {
            response
                .extensions_mut()
                .insert(crate::observe::DatabaseFailed);
        }
        response
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(Refusal {
                code: self.code.to_owned(),
                error: self.message.clone(),
                recorded: self.recorded,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            // What HTTP asks of a 401: the scheme that would be accepted.
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        self.mark(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Executor;

    /// Every kind of class error, with the status and code docs/serve.md and the OpenAPI
    /// document give it.
    fn every_class_error() -> Vec<(ClassError, u16, &'static str)> {
        use ClassError as E;
        vec![
            (E::NoSuchBundled { asked: "x".into() }, 400, "bad_request"),
            (
                E::ScenarioDoesNotLoad(kam_sim::load_str("x.ron", "(accounts: [").err().unwrap()),
                422,
                "unprocessable",
            ),
            (E::TitleTooLong { max: 120 }, 400, "bad_request"),
            (E::RoundTooLong, 400, "bad_request"),
            (E::CodeClashed, 503, "unavailable"),
            (E::WrongKey, 403, "forbidden"),
            (E::UnknownCode, 404, "not_found"),
            (E::NotYourSeat, 401, "unauthorized"),
            (E::RejoinRefused, 403, "forbidden"),
            (E::BadName(NameRefused::Empty), 400, "bad_request"),
            (
                E::BadName(NameRefused::Character('\u{202e}')),
                400,
                "bad_request",
            ),
            (
                E::BadName(NameRefused::TooLong { max: 40 }),
                400,
                "bad_request",
            ),
            (E::BadJoinId, 400, "bad_request"),
            (E::NoSuchSeat, 404, "not_found"),
            (E::NoSuchSession, 404, "not_found"),
            (E::ClassEnded, 410, "gone"),
            (E::ClassEndedForSubmission, 410, "gone"),
            (E::ClassFull { max: 500 }, 409, "conflict"),
            (E::NameTaken { name: "Ann".into() }, 409, "name_taken"),
            (E::NoRoundsInFree, 400, "bad_request"),
            (E::NoDeadlinesInFree, 400, "bad_request"),
            (E::ExtendRange, 400, "bad_request"),
            (E::DecisionCount { count: 0 }, 400, "bad_request"),
            (
                E::OutOfOrder {
                    from: 3,
                    recorded: 1,
                },
                409,
                "conflict",
            ),
            (E::RecordedFirst { recorded: 2 }, 409, "conflict"),
            (
                E::TooEarly {
                    month: 2,
                    releasing: 1,
                    recorded: 1,
                },
                425,
                "too_early",
            ),
            (
                E::DoesNotReplay {
                    number: 1,
                    reason: "no".into(),
                    recorded: 0,
                },
                422,
                "unprocessable",
            ),
            (E::WriteClashed, 503, "unavailable"),
            (E::ScenarioGone, 500, "internal"),
            (E::Fault("broken".into()), 500, "internal"),
            (E::Db(sqlx::Error::PoolTimedOut), 503, "unavailable"),
            (E::Db(sqlx::Error::PoolClosed), 503, "unavailable"),
            (E::Db(sqlx::Error::RowNotFound), 500, "internal"),
        ]
    }

    #[test]
    fn each_class_error_has_its_documented_status_and_code() {
        for (error, status, code) in every_class_error() {
            let said = format!("{error:?}");
            let database = error.is_database_failure();
            let refusal = ApiError::from(error);
            assert_eq!(
                (refusal.status.as_u16(), refusal.code),
                (status, code),
                "{said}"
            );
            assert!(
                KINDS.iter().any(|k| k.status == status && k.code == code),
                "{said}: {status} {code} is not a documented kind of refusal"
            );
            assert!(!refusal.message.is_empty(), "{said} says nothing");
            assert_eq!(refusal.from_database, database, "{said}");
        }
    }

    /// The refusals a seat's game resumes from carry where the seat's record ends.
    #[test]
    fn a_seats_refusals_say_what_it_holds() {
        let refusal = ApiError::from(ClassError::OutOfOrder {
            from: 0,
            recorded: 4,
        });
        assert_eq!(refusal.recorded, Some(4));
        assert_eq!(
            refusal.message,
            "decisions from number 1 already recorded; the server holds 4"
        );
        let refusal = ApiError::from(ClassError::TooEarly {
            month: 3,
            releasing: 2,
            recorded: 5,
        });
        assert_eq!(refusal.recorded, Some(5));
        assert_eq!(
            refusal.message,
            "month 3 opens when the instructor releases month 2"
        );
    }

    /// A refusal a page shows is in the page's language.
    #[test]
    fn a_class_error_on_a_page_is_in_its_language() {
        let refusal = ApiError::from(ClassError::ClassEnded);
        assert_eq!(refusal.page_text(Lang::En), "this class has ended");
        assert_eq!(refusal.page_text(Lang::Zh), "这个班级已经结束。");
        let refusal = ApiError::from(ClassError::Db(sqlx::Error::PoolClosed));
        assert_eq!(refusal.page_text(Lang::Zh), Say::DatabaseDown.t(Lang::Zh));
    }

    /// The databases a test runs on: a fresh SQLite file, and PostgreSQL when
    /// `KAM_TEST_POSTGRES` holds its address.
    fn databases(dir: &std::path::Path) -> Vec<String> {
        let mut out = vec![format!(
            "sqlite://{}?mode=rwc",
            dir.join("errors.db").display()
        )];
        if let Ok(url) = std::env::var("KAM_TEST_POSTGRES")
            && !url.is_empty()
        {
            out.push(url);
        }
        out
    }

    /// Real errors from both databases: a taken unique key is a clash (409), a broken CHECK
    /// a fault of the server's (500), and a lock that is not given in time "not answering"
    /// (503), not all 503 as before.
    #[tokio::test]
    async fn database_errors_are_answered_for_what_they_mean() {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        for url in databases(dir.path()) {
            let sqlite = url.starts_with("sqlite:");
            let pool = sqlx::any::AnyPoolOptions::new()
                .max_connections(2)
                .connect(&url)
                .await
                .unwrap();
            // A table of this test's own (PostgreSQL is shared with other tests).
            let table = format!("error_kinds_{}", std::process::id());
            pool.execute(sqlx::AssertSqlSafe(format!("DROP TABLE IF EXISTS {table}")))
                .await
                .unwrap();
            pool.execute(sqlx::AssertSqlSafe(format!(
                "CREATE TABLE {table} (k BIGINT PRIMARY KEY, v BIGINT NOT NULL CHECK (v > 0))"
            )))
            .await
            .unwrap();
            let insert = |k: i64, v: i64| {
                let pool = pool.clone();
                let sql = format!("INSERT INTO {table} (k, v) VALUES ({k}, {v})");
                async move { pool.execute(sqlx::AssertSqlSafe(sql)).await.map(|_| ()) }
            };
            insert(1, 1).await.unwrap();
            let taken = insert(1, 2).await.unwrap_err();
            assert_eq!(database_failure(&taken), DatabaseFailure::Clash, "{url}");
            assert_eq!(
                ApiError::from(ClassError::Db(taken)).status,
                StatusCode::CONFLICT
            );
            let refused = insert(2, 0).await.unwrap_err();
            assert_eq!(database_failure(&refused), DatabaseFailure::Fault, "{url}");
            assert_eq!(
                ApiError::from(ClassError::Db(refused)).status,
                StatusCode::INTERNAL_SERVER_ERROR
            );

            // One connection holds the write lock; another gives up waiting for it at once.
            let mut holder = pool.acquire().await.unwrap();
            let mut waiter = pool.acquire().await.unwrap();
            if sqlite {
                holder.execute("BEGIN IMMEDIATE").await.unwrap();
                waiter.execute("PRAGMA busy_timeout = 0").await.unwrap();
            } else {
                holder.execute("BEGIN").await.unwrap();
                holder
                    .execute(sqlx::AssertSqlSafe(format!(
                        "LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"
                    )))
                    .await
                    .unwrap();
                waiter.execute("SET lock_timeout = '50ms'").await.unwrap();
            }
            let busy = waiter
                .execute(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO {table} (k, v) VALUES (3, 3)"
                )))
                .await
                .unwrap_err();
            assert_eq!(
                database_failure(&busy),
                DatabaseFailure::Unavailable,
                "{url}: {busy}"
            );
            assert_eq!(
                ApiError::from(ClassError::Db(busy)).status,
                StatusCode::SERVICE_UNAVAILABLE
            );
            holder.execute("ROLLBACK").await.unwrap();
            drop((holder, waiter));
            pool.execute(sqlx::AssertSqlSafe(format!("DROP TABLE {table}")))
                .await
                .unwrap();
            pool.close().await;
        }
    }
}

//! What can go wrong in a class, in the class's own terms: the errors [`crate::class`]
//! returns. None of them knows HTTP; [`crate::error`] alone turns each into a status, a code
//! and a sentence (in both languages where a page may show it).

use kam_sim::Diagnostic;

use crate::names::NameRefused;

#[derive(Debug)]
pub enum ClassError {
    // Creating a class.
    /// The scenario asked for is neither a bundled name nor a scenario file.
    NoSuchBundled {
        asked: String,
    },
    /// The scenario file does not load: its `FILE:LINE:COL` errors.
    ScenarioDoesNotLoad(Vec<Diagnostic>),
    TitleTooLong {
        max: usize,
    },
    /// A round's deadline longer than a day.
    RoundTooLong,
    /// A new class's random id or join code was taken already (astronomically rare).
    CodeClashed,

    // Who is asking.
    /// The instructor key is not the session's, or there is no such session (one answer for
    /// both, so ids cannot be probed).
    WrongKey,
    /// No class has that join code.
    UnknownCode,
    /// A seat token no seat holds (rejoined elsewhere, removed, or never issued).
    NotYourSeat,
    /// No seat with that name and rejoin code (one answer for both).
    RejoinRefused,
    BadName(NameRefused),
    /// A join id that is not 16 to 128 letters, digits, `-` or `_`.
    BadJoinId,
    NoSuchSeat,
    NoSuchSession,

    // The class's state.
    /// The class has ended: nothing more is joined, released or changed.
    ClassEnded,
    /// The class has ended, said to a seat submitting decisions.
    ClassEndedForSubmission,
    ClassFull {
        max: usize,
    },
    NameTaken {
        name: String,
    },
    /// Releasing a round of a class at free pacing.
    NoRoundsInFree,
    /// Moving the deadline of a class at free pacing.
    NoDeadlinesInFree,
    /// Extending by other than 1 to 1440 minutes.
    ExtendRange,

    // A seat's submission.
    /// Not 1 to `MAX_DECISIONS_PER_SUBMISSION` decisions.
    DecisionCount {
        count: usize,
    },
    /// The submission does not start where the seat's record ends.
    OutOfOrder {
        from: usize,
        recorded: usize,
    },
    /// Another submission for the seat was recorded while this one was verified.
    RecordedFirst {
        recorded: usize,
    },
    /// Rounds: a plan for `month`, which opens when `releasing` is released.
    TooEarly {
        month: u32,
        releasing: u32,
        recorded: usize,
    },
    /// Decision `number` (1-based, in the seat's whole log) does not replay: kam-sim's words.
    DoesNotReplay {
        number: usize,
        reason: String,
        recorded: usize,
    },

    // The server's side.
    /// Two writes clashed (someone changed the row first): the request may simply be sent
    /// again.
    WriteClashed,
    /// A stored session's scenario no longer loads.
    ScenarioGone,
    /// Something the server holds or computes is not as it must be: a fault of the server's,
    /// not the request's. The sentence says what (it is the answer's detail, as before).
    Fault(String),
    /// The database failed; [`crate::error`] tells a busy database from a clash and a fault.
    Db(sqlx::Error),
}

impl From<sqlx::Error> for ClassError {
    fn from(e: sqlx::Error) -> ClassError {
        ClassError::Db(e)
    }
}

impl From<NameRefused> for ClassError {
    fn from(why: NameRefused) -> ClassError {
        ClassError::BadName(why)
    }
}

impl ClassError {
    /// Whether the database failed (counted in `kam_serve_database_errors_total`).
    pub fn is_database_failure(&self) -> bool {
        matches!(self, ClassError::Db(_))
    }
}

impl std::fmt::Display for ClassError {
    /// The English an operator's log shows: the API's own sentence.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClassError::Db(e) => write!(f, "database: {e}"),
            other => f.write_str(&crate::error::english(other)),
        }
    }
}

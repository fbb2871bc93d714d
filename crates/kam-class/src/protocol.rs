//! The messages the game and `kam serve` exchange, as JSON over HTTP.
//!
//! A trainee's game plays locally and sends its decision log as it grows. The server keeps
//! the authoritative copy: it replays every decision with kam-sim and never takes a score
//! from the client. Decisions are numbered from 0 in log order, so a resend after a lost
//! answer is recognised and nothing is recorded twice.

use kam_sim::Decision;
use kam_sim::scenario::Difficulty;
use serde::{Deserialize, Serialize};

/// Longest player name the server accepts, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// Most decisions one submission may carry (a turn is a plan, a few events and offers).
pub const MAX_DECISIONS_PER_SUBMISSION: usize = 64;

/// How a class is paced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Pacing {
    /// Everyone plays at their own pace.
    Free,
    /// Everyone plays month N, then waits until the round is released.
    Rounds,
}

impl Pacing {
    pub fn as_str(self) -> &'static str {
        match self {
            Pacing::Free => "free",
            Pacing::Rounds => "rounds",
        }
    }

    pub fn parse(text: &str) -> Option<Pacing> {
        match text {
            "free" => Some(Pacing::Free),
            "rounds" => Some(Pacing::Rounds),
            _ => None,
        }
    }
}

/// `POST /api/join`: take a seat in the class with this join code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    pub code: String,
    pub name: String,
    /// Chosen at random for one join and sent unchanged with each resend of it, so a join whose
    /// answer was lost gets the same seat back instead of "name taken" (docs/serve.md, "The
    /// join id").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_id: Option<String>,
}

/// `POST /api/rejoin`: take back one's seat from another computer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejoinRequest {
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub name: String,
    /// The rejoin code shown when the seat was taken.
    pub rejoin: String,
}

/// The answer to a join or rejoin: everything the game needs to play the class's game.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seat {
    /// Sent as `Authorization: Bearer TOKEN` with every submission; only this seat's holder
    /// has it.
    pub token: String,
    /// Shown to the trainee once: with the join code and their name it takes the seat back
    /// from another computer.
    pub rejoin: String,
    pub name: String,
    /// The scenario as the instructor gave it (RON), so a class can play an uploaded file.
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub pacing: Pacing,
    pub show_scores: bool,
    /// Practice: the game's coach previews plans and hints. Exam: it does not.
    #[serde(default = "practice")]
    pub coach: bool,
    /// The difficulty the class plays at; `None`: the scenario's own (and all an older server
    /// says). An older game ignores it and plays the scenario's own.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "difficulty_by_name"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::Difficulty>))]
    pub difficulty: Option<Difficulty>,
    /// The decisions the server holds for this seat (empty on a first join).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::schema::Decision>))]
    pub decisions: Vec<Decision>,
    pub status: ClassStatus,
}

fn practice() -> bool {
    true
}

/// A difficulty on the wire as its lower-case name (`"hard"`), like [`Pacing`], read with
/// [`Difficulty`]'s `FromStr` (any case); `null` or absent is `None`. An unknown name is
/// refused with the names there are, so a typo in an instructor's request is not a silent
/// "the scenario's own".
pub mod difficulty_by_name {
    use kam_sim::scenario::Difficulty;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        difficulty: &Option<Difficulty>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match difficulty {
            Some(d) => serializer.serialize_str(d.name()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Difficulty>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|name| name.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// `POST /api/submit`: decisions `from`, `from + 1`, … of this seat's log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submission {
    /// The number (from 0) of the first decision sent: exactly as many as the server holds.
    pub from: usize,
    /// The decisions, in log order: 1 to [`MAX_DECISIONS_PER_SUBMISSION`].
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Vec<crate::schema::Decision>, min_items = 1, max_items = 64)
    )]
    pub decisions: Vec<Decision>,
}

/// What the server holds for a seat, and where the class is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassStatus {
    /// Decisions recorded for this seat.
    pub recorded: usize,
    /// Rounds mode: months whose results are released (a trainee may plan month
    /// `released + 1`). Free pacing: the scenario's length.
    pub released: u32,
    /// The instructor ended the session: nothing more is accepted.
    pub ended: bool,
}

/// Every refusal's body: `{"error": CODE, "detail": SENTENCE}`, with `recorded` in a seat's
/// refusals so that a client that lost an answer knows where to resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refusal {
    /// What kind of refusal, for programs: a short word that does not change, one per status,
    /// and `name_taken` for a name someone in the class has (docs/serve.md lists them). Sent
    /// as `error`; empty from a server older than the codes.
    #[serde(rename = "error")]
    pub code: String,
    /// Why, in a sentence a person can act on: what the game shows. Sent as `detail` (a server
    /// older than the codes sent it as `error`, which the client still reads).
    #[serde(rename = "detail")]
    pub error: String,
    /// A seat's refusal: how many of its decisions the server holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<usize>,
}

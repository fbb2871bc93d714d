//! The OpenAPI schemas of the parts of the protocol that kam-sim owns: a decision and a
//! difficulty, as they travel in JSON.
//!
//! kam-sim stays free of anything a server needs, so these are written out here, field for
//! field, instead of derived there. They exist only with the `openapi` feature (`kam serve`'s
//! document at `GET /api/openapi.json`); kam-serve's protocol test checks a real decision of
//! every kind against them, so a change to kam-sim's types that they miss fails a test.

use utoipa::ToSchema;

/// One decision of a trainee's log: kam-sim's `engine::Decision`, in serde's JSON form (the
/// kind's name as the only key, or the bare name `"WalkAway"`). Indices count from 0 into the
/// scenario the class plays; the server replays each one and refuses (422) one the game would
/// not allow at that point. docs/serve.md ("The decisions") has an example of each kind and
/// the order they come in.
#[derive(ToSchema)]
pub enum Decision {
    /// The month's plan: it ends the month's planning and plays the month.
    Plan(Plan),
    /// The answer to the event waiting for one: its choice number.
    Choose(usize),
    /// An offer in the negotiation under way: one option number per issue.
    Offer(Vec<usize>),
    /// Leave the negotiation under way.
    WalkAway,
    /// The trainee's reading of a person; allowed at any point of a month, and changes
    /// nothing in the model.
    Read {
        account: usize,
        stakeholder: usize,
        reading: Reading,
    },
}

/// A month's allocation of visits and resources.
#[derive(ToSchema)]
pub struct Plan {
    pub visits: Vec<Visit>,
    pub resources: Vec<ResourceUse>,
}

/// One visit: to a person of an account, with one of the scenario's approaches.
#[derive(ToSchema)]
pub struct Visit {
    pub account: usize,
    pub stakeholder: usize,
    pub approach: usize,
}

/// Units of one of the scenario's resources spent on an account this month.
#[derive(ToSchema)]
pub struct ResourceUse {
    pub account: usize,
    pub resource: usize,
    pub units: u32,
}

/// A guess at a person's communication style and need; either may be left unread.
#[derive(ToSchema)]
pub struct Reading {
    // Either may be left out (kam-sim reads it with `#[serde(default)]`).
    #[schema(required = false)]
    pub style: Option<Style>,
    #[schema(required = false)]
    pub need: Option<Need>,
}

/// The four communication styles (A analytical, B sequential, C interpersonal, D imaginative).
#[derive(ToSchema)]
pub enum Style {
    A,
    B,
    C,
    D,
}

/// A person's need.
#[derive(ToSchema)]
pub enum Need {
    Power,
    Achievement,
    Recognition,
    Acceptance,
    Security,
}

/// The difficulty a class plays at, by its lower-case name (read in any case).
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Normal,
    Hard,
}

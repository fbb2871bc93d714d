//! kam-class: a live class of kam-trainer, as the game sees it.
//!
//! [`protocol`] is the JSON the game and `kam serve` exchange; [`client`] makes the calls;
//! [`link`] keeps a seat's decision log in step with the server through any outage. The
//! server (kam-serve) uses the protocol types and its tests drive it through this client,
//! so the game and the tests speak to the server through the same code.

pub mod client;
pub mod link;
pub mod protocol;
pub mod robot;
#[cfg(feature = "openapi")]
pub mod schema;

pub use client::{CallError, Client, JoinAttempt};
pub use link::{Link, LinkState};
pub use protocol::{ClassStatus, Pacing, Seat, Submission};

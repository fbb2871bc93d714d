//! Typed indices into a prepared scenario: an account, a negotiation or a person is resolved
//! from the author's string id once, when the scenario is prepared, and the engine works on
//! these from then on (A/B Street's manner: the simulation never looks anything up by name).
//! Each is a bare index on the wire (`#[serde(transparent)]`), so files keep their format.

use serde::{Deserialize, Serialize};

/// Declares an index newtype: `Name(usize)` with `index()` and the bare-number serde form.
macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl $name {
            /// The position in the scenario's list.
            pub const fn index(self) -> usize {
                self.0
            }
        }
    };
}

index_id!(
    /// An account: its position in `scenario.accounts`.
    AccountId
);
index_id!(
    /// A negotiation: its position in `scenario.negotiations`.
    NegotiationId
);
index_id!(
    /// A person, by the id the author gave them: every distinct person id in the scenario is
    /// numbered once (in the order accounts, then events, name them), so the engine compares
    /// numbers where it would compare strings. One id may be a person in several accounts.
    PersonId
);

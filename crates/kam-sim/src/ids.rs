//! Typed indices into a prepared scenario and a game's state: an account, a negotiation or a
//! person is resolved from the author's string id once, when the scenario is prepared, and the
//! engine works on these from then on (A/B Street's manner: the simulation never looks
//! anything up by name). A decision, a cause or a record names what it is about with these, so
//! an approach's number cannot go where an account's belongs: that is a compile error.
//!
//! Each is a bare index on the wire (`#[serde(transparent)]`), so saved games, result records
//! and replays keep their format, and prints as the bare number. Each indexes a slice or a
//! `Vec` directly (`accounts[visit.account]`), so code that only looks an entry up needs no
//! `.index()`; the ids say what is meant, the lists stay plain.
//!
//! ```
//! use kam_sim::{AccountId, ApproachId, MemberId, Visit};
//! let visit = Visit { account: AccountId(2), stakeholder: MemberId(0), approach: ApproachId(1) };
//! ```
//!
//! An approach's number in the account's slot does not compile:
//!
//! ```compile_fail
//! use kam_sim::{AccountId, ApproachId, MemberId, Visit};
//! let visit = Visit { account: ApproachId(1), stakeholder: MemberId(0), approach: ApproachId(1) };
//! ```

use serde::{Deserialize, Serialize};

/// Declares an index newtype: `Name(usize)` with `index()`, the bare-number serde and display
/// forms, and indexing of slices and `Vec`s. The default is the first of its list, as a bare
/// index defaulted to 0 (a draft that starts empty, say).
macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug,
            Clone,
            Copy,
            Default,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            Serialize,
            Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl $name {
            /// The position in the list it indexes.
            pub const fn index(self) -> usize {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl<T> std::ops::Index<$name> for [T] {
            type Output = T;
            #[inline]
            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for [T] {
            #[inline]
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;
            #[inline]
            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            #[inline]
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }
    };
}

index_id!(
    /// An account: its position in `scenario.accounts` (and in a game's account states).
    AccountId
);
index_id!(
    /// A negotiation: its position in `scenario.negotiations`.
    NegotiationId
);
index_id!(
    /// An event: its position in `scenario.events`.
    EventId
);
index_id!(
    /// A way of visiting (a pitch): its position in `scenario.approaches`.
    ApproachId
);
index_id!(
    /// A resource the trainee can spend: its position in `scenario.means.resources`.
    ResourceId
);
index_id!(
    /// A person, by the id the author gave them: every distinct person id in the scenario is
    /// numbered once (in the order accounts, then events, name them), so the engine compares
    /// numbers where it would compare strings. One id may be a person in several accounts.
    PersonId
);
index_id!(
    /// A member of one account's buying centre: the position in that account's
    /// `AccountState::people` (its stakeholders in the scenario's order, then anyone an event
    /// brought in). Meaningful only beside its account, unlike a [`PersonId`], which names the
    /// same person wherever they appear; a visit or a reading names whom it is for by this.
    MemberId
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids are bare numbers on the wire, so files written before them still load and files
    /// written now read the same.
    #[test]
    fn an_id_is_a_bare_number_in_files_and_in_print() {
        let ron = ron::to_string(&(AccountId(3), MemberId(1))).unwrap();
        assert_eq!(ron, "(3,1)");
        let back: (AccountId, MemberId) = ron::from_str("(3,1)").unwrap();
        assert_eq!(back, (AccountId(3), MemberId(1)));
        assert_eq!(format!("{} {}", EventId(7), ApproachId(0)), "7 0");
    }

    #[test]
    fn an_id_indexes_a_list_at_its_position() {
        let mut list = vec!["a", "b", "c"];
        assert_eq!(list[ResourceId(2)], "c");
        list[ResourceId(0)] = "z";
        assert_eq!(list.as_slice()[ResourceId(0)], "z");
    }
}

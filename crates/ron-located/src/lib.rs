//! A span-preserving RON parser and a `serde` deserializer over its tree.
//!
//! Scenario files are written by instructors, not programmers, so checking
//! them should feel like a compiler: every problem reported as `line:col`
//! with a plain message, and *all* problems found in one run. `ron` alone
//! cannot do this: `ron::from_str` stops at the first error, and
//! `ron::Value` keeps no source positions, so problems found after parsing
//! (unknown fields, wrong types, numbers out of range) cannot be located.
//!
//! [`parse`] turns RON text into a [`Node`] tree in which every value, field
//! name and variant name carries its [`Span`]. [`from_node`] deserializes any
//! `serde` type from that tree. When deserialization fails it records the
//! error with its position, patches its private view of the tree so that the
//! same error cannot happen again, and retries, until it has seen them all.
//!
//! Errors are data: a [`ParseErrorKind`] or [`DeErrorKind`] with the values it is about
//! (the unknown name and the closest known one, what was expected and what was found).
//! `Display` says them in English; an application that speaks another language matches on
//! the kind and says it in its own words.
//!
//! The accepted syntax is what `ron` 0.12 accepts for plain data (comments,
//! `#![enable(...)]` attributes, trailing commas, raw strings, raw
//! identifiers, integer and float suffixes), with a few relaxations:
//! options are implicit (`x` means `Some(x)`, as under
//! `#![enable(implicit_some)]`), `Some(a: 1)` is read as `Some((a: 1))`,
//! a newtype variant may hold its value's fields directly (`A(1, 2)`, as
//! under `unwrap_variant_newtypes`), fixed-size tuples may be written as
//! lists, `\uXXXX` escapes are allowed and a leading byte-order mark is
//! ignored.

mod de;
mod kind;
mod parser;
mod placeholder;
mod suggest;
#[cfg(test)]
mod tests;
mod tree;

pub use de::{DeError, from_node};
pub use kind::{
    Context, DeErrorKind, Expected, Found, Hint, NameKind, ONE_OF_SHOWN, OneOf, ParseErrorKind,
    SeparatorHint, Token, Unexpected, Unknown, Want,
};
pub use parser::parse;
pub use suggest::suggest;
pub use tree::{Ident, Node, NodeKind, ParseError, Pos, Span};

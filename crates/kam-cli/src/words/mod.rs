//! The command line's catalogue: every sentence `kam` prints or writes, in Chinese and
//! English, one file per command. The names of the model's things (styles, metrics,
//! severities…) are `kam_sim::words`'s, shared with the game and the class server.
//!
//! A sentence is a key of a [`kam_sim::word_table!`] (so a key without one of its languages
//! does not compile); values go in with [`fill`], `{}` by `{}` in order.

pub mod balance;
pub mod common;
pub mod help;
pub mod new;
pub mod replay;
pub mod report;
pub mod simulate;
pub mod validate;

pub use kam_sim::words::{Lang, fill};

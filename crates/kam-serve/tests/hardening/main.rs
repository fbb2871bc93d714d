//! The class server against the findings of its hostile test (issue 20): cross-origin
//! instructor actions, lost join answers, seats that never play, stored rejoin codes, names,
//! the instructor's pages, and slow clients; and the class form's difficulty, refused when it
//! is none of those offered; and what an operator watches (health, metrics, the request log);
//! and the published protocol (the OpenAPI document, and the refusals' one shape).
//! One test binary, one file per finding.
//!
//! Where the database matters (joins at once, stored rejoin hashes, seats and rounds,
//! retention) a test runs on SQLite and again on PostgreSQL, in a schema of its own, when
//! `KAM_TEST_POSTGRES` names one; the others check what the database does not decide, on
//! SQLite.

mod harness;

mod csrf;
mod difficulty;
mod growth;
mod instructor_pages;
mod join;
mod language;
mod names;
mod observability;
mod protocol;
mod rejoin_codes;
mod rounds;
mod seats;
mod slow_clients;

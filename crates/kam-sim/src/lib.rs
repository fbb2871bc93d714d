//! kam-sim: the engine-free core of kam-trainer.
//!
//! It loads and validates an instructor's scenario, plays it turn by turn deterministically,
//! scores and explains the outcome, plays it with built-in strategies and replays result files.
//! Nothing here knows about windows or frames: the game and the command line are thin layers
//! over this crate.

pub mod ablation;
pub mod batch;
pub mod bundled;
pub mod catalogue;
pub mod chance;
pub mod coach;
pub mod compare;
pub mod cues;
pub mod debrief;
pub mod engine;
pub mod explain;
pub mod generate;
pub mod ids;
pub mod load;
pub mod model;
pub mod negotiation_review;
pub mod problems;
pub mod reading;
pub mod reading_review;
pub mod record;
/// The located RON reader, a crate of its own (`ron-located`), under its old name here.
pub use ron_located as ron_tree;
pub mod scenario;
pub mod score;
pub mod strategy;
pub mod teaching;
pub mod validate;
pub mod verdict;
pub mod words;

//! kam-game's tests, one binary: each test file is a module here because each separate file
//! was a separate link of Bevy, egui and the game, the largest link of the build.

mod class_continue;
mod class_difficulty;
mod class_join;
mod class_messages;
mod class_waiting;
mod fake_class;
mod feedback;
mod flow;
mod glyphs;
mod kinsoku;
mod negotiation;
mod reading;
mod saves;
mod support;
mod views;

//! kam-game's tests, one binary: each test file is a module here because each separate file
//! was a separate link of Bevy, egui and the game, the largest link of the build.

mod class_difficulty;
mod feedback;
mod flow;
mod glyphs;
mod kinsoku;
mod negotiation;
mod reading;
mod saves;
mod support;
mod views;

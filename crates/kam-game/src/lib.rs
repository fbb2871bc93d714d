//! kam-game: the Bevy + egui game, a thin layer over kam-sim.

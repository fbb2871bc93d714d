//! kam-game: the Bevy + egui game, a thin layer over kam-sim.

use std::process::ExitCode;

/// Opens the game window as `kam play` asked.
pub fn run(_args: kam_cli::PlayArgs) -> ExitCode {
    eprintln!("kam play: the game window is not built yet");
    ExitCode::from(2)
}

//! `kam`: the game and the instructor's command line in one binary.
//!
//! With no command (or `kam play`) it opens the game window; every other command is the
//! headless command line of kam-cli.

use std::process::ExitCode;

fn main() -> ExitCode {
    kam_cli::run_with(std::env::args_os(), kam_game::run)
}

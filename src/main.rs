//! `kam`: the game and the instructor's command line in one binary.
//!
//! With no command (or `kam play`) it opens the game window; every other command is the
//! headless command line of kam-cli. The two crates do not know each other: this file
//! composes them, turning `kam play`'s arguments into the game's options.

use std::process::ExitCode;

fn main() -> ExitCode {
    kam_cli::run_with(std::env::args_os(), |args| {
        kam_game::run(kam_game::PlayOptions {
            scenario: args.scenario,
            watch: args.watch,
            screenshot: args.screenshot,
            autoplay: args.autoplay,
            lang: args.lang,
            player: args.player,
            seed: args.seed,
        })
    })
}

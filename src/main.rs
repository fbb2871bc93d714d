//! `kam`: the game, the class server and the instructor's command line in one binary.
//!
//! With no command (or `kam play`) it opens the game window, `kam serve` runs a live class,
//! and every other command is the headless command line of kam-cli. The crates do not know
//! each other: this file composes them, turning parsed arguments into each one's options and
//! handing the class server kam-cli's class report.

use std::process::ExitCode;
use std::sync::Arc;

mod class_report;
use class_report::ClassReport;

fn main() -> ExitCode {
    kam_cli::run_with(
        std::env::args_os(),
        |args| {
            kam_game::run(kam_game::PlayOptions {
                scenario: args.scenario,
                watch: args.watch,
                screenshot: args.screenshot,
                autoplay: args.autoplay,
                lang: args.lang,
                player: args.player,
                seed: args.seed,
                screen: args.screen,
                difficulty: args.difficulty,
            })
        },
        |args| {
            kam_serve::serve_tuned(
                kam_serve::ServeOptions {
                    db: args.db,
                    addr: args.addr,
                    data_dir: kam_game::session::data_dir(),
                    rate_per_address: args.rate_per_address,
                    rate_per_seat: args.rate_per_seat,
                },
                kam_serve::Tuning {
                    keep_days: args.keep_days,
                    ..Default::default()
                },
                Some(Arc::new(ClassReport)),
                args.lang,
            )
        },
    )
}

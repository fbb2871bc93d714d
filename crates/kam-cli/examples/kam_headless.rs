//! The `kam` command line without the game, for scripts and quick iteration on machines where
//! building Bevy is not wanted: `cargo run --release -p kam-cli --example kam_headless -- validate FILE`.

use std::process::ExitCode;

fn main() -> ExitCode {
    kam_cli::run_with(
        std::env::args_os(),
        |_| {
            eprintln!(
                "kam_headless: `play` needs the game; use the `kam` binary (cargo run --release)"
            );
            ExitCode::from(kam_cli::USAGE)
        },
        |_| {
            eprintln!(
                "kam_headless: `serve` needs the class server; use the `kam` binary (cargo run --release)"
            );
            ExitCode::from(kam_cli::USAGE)
        },
    )
}

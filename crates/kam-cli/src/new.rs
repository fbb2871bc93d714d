//! `kam new`: not written yet (instructor's toolkit).

use std::io::Write;

use crate::{Io, USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Arguments.
    pub rest: Vec<String>,
}

pub fn run(_args: &Args, io: &mut Io) -> u8 {
    let _ = writeln!(io.err, "kam new: not available yet");
    USAGE
}

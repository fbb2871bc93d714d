//! `kam`: the game and the instructor's command line in one binary.
fn main() {}

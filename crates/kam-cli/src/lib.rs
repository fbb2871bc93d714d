//! kam-cli: the `kam` command line over kam-sim.

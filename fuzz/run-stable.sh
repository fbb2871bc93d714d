#!/usr/bin/env bash
# Fuzzes the scenario loader on the stable toolchain: libFuzzer (from libfuzzer-sys, built with
# the system C++ compiler) driven by rustc's SanitizerCoverage instrumentation, the same passes
# cargo-fuzz turns on, minus the nightly-only address sanitizer. Overflow and debug assertions
# stay on, so an arithmetic overflow is a crash too.
#
#   fuzz/run-stable.sh [RUNS] [MAX_LEN]      (defaults: 10000000 executions, 8192 bytes)
#
# The working corpus starts from fuzz/corpus/load_scenario plus the bundled scenarios and is
# kept in fuzz/work/ (not committed); a crash is written to fuzz/work/artifacts/. A crash found
# here belongs in crates/kam-sim/tests/broken_scenarios.rs as a regression test.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-10000000}"
max_len="${2:-8192}"
target=x86_64-unknown-linux-gnu
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# --target keeps these flags off build scripts and proc macros, which must not be instrumented.
RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cdebug-assertions -Coverflow-checks" \
    cargo build --release --target "$target" --bin load_scenario
mkdir -p work/corpus work/artifacts
cp -n corpus/load_scenario/* work/corpus/
for f in ../scenarios/*.ron; do cp -n "$f" "work/corpus/bundled_$(basename "$f")"; done
"$CARGO_TARGET_DIR/$target/release/load_scenario" -runs="$runs" -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix=work/artifacts/ work/corpus

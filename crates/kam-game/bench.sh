#!/bin/sh
# Measures the game against a bare bevy_egui window (see BENCHMARKS.md at the top of the repository).
#   crates/kam-game/bench.sh            (after `cargo build --release --bins --examples -p kam-game -p kam-trainer --features kam-game/bench-baseline`)
# Needs xvfb-run. Prints start-up time, frame time on the turn screen of the largest bundled
# scenario, and CPU used while idle for 10 s.
set -eu
cd "$(dirname "$0")/../.."
GAME="target/release/kam play classroom_zh"
BARE="target/release/examples/bare_egui"
X='xvfb-run -a -s "-screen 0 1280x800x24"'
export KAM_TRAINER_DATA="${TMPDIR:-/tmp}/kam-bench-data"

idle() { # command...: CPU seconds used between 3 s and 13 s after start
    eval "$X" sh -c "'$* >/dev/null 2>&1 & pid=\$!; sleep 3;
        a=\$(awk \"{print \\\$14+\\\$15}\" /proc/\$pid/stat); sleep 10;
        b=\$(awk \"{print \\\$14+\\\$15}\" /proc/\$pid/stat); kill \$pid;
        echo \"idle: \$((b-a)) ticks of \$(getconf CLK_TCK)/s in 10 s\"'"
}

export KAM_TRAINER_BENCH=300
for run in 1 2 3; do
    echo "== game run $run"; eval "$X" $GAME 2>&1 | grep bench: || true
    echo "== bare run $run"; eval "$X" $BARE 2>&1 | grep bench: || true
done
unset KAM_TRAINER_BENCH
echo "== game"; idle $GAME
echo "== bare"; idle $BARE

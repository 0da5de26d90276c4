#!/usr/bin/env bash
# Fuzzes the pipeline with AFL++ on the stable toolchain (cargo-afl).
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]      (defaults: all, 600)
#
# TARGET is one of: tagger events yaml render (see fuzz/src/bin/). With
# `all`, the targets run one after another, SECONDS each. Installs
# cargo-afl (which builds AFL++ from source) when missing, builds the
# instrumented targets in fuzz/target/, fuzzes from the seed corpus in
# fuzz/corpus/TARGET/ into fuzz/out/TARGET/ (resumed when it exists), then
# prints execs, paths and crashes, and replays each crash to show its
# panic message. Exits 1 when a target has crashes.
#
# Run at low priority beside other work: `nice -n 10 scripts/fuzz.sh yaml 600`.
# Environment: FUZZ_TIMEOUT (ms per exec, default 2000).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

targets=${1:-all}
seconds=${2:-600}
[ "$targets" = all ] && targets="tagger events yaml render"
for t in $targets; do
    [ -f "src/bin/$t.rs" ] || { echo "fuzz: unknown target '$t' (tagger events yaml render all)" >&2; exit 2; }
done

if ! cargo afl --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-afl" >&2
    cargo install --locked cargo-afl
fi
# Builds AFL++ (afl-fuzz and its runtime) once per cargo-afl version.
afl_help=$(cargo afl fuzz -h 2>&1 || true)
if [[ $afl_help != *afl-fuzz* ]]; then
    cargo afl config --build
fi

cargo afl build --release --bins

export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_AUTORESUME=1
status=0
for t in $targets; do
    out="out/$t"
    mkdir -p "$out"
    echo "fuzz: $t for ${seconds}s -> fuzz/$out" >&2
    cargo afl fuzz -V "$seconds" -t "${FUZZ_TIMEOUT:-2000}" -i "corpus/$t" -o "$out" "target/release/$t" \
        > "$out/afl.log" 2>&1 || { echo "fuzz: afl-fuzz failed for $t, see fuzz/$out/afl.log" >&2; tail -20 "$out/afl.log" >&2; status=1; continue; }
    stats="$out/default/fuzzer_stats"
    get() { sed -n "s/^$1 *: //p" "$stats"; }
    echo "$t: run_time=$(get run_time)s execs_done=$(get execs_done) execs_per_sec=$(get execs_per_sec)" \
         "corpus_count=$(get corpus_count) saved_crashes=$(get saved_crashes) saved_hangs=$(get saved_hangs)"
    shopt -s nullglob
    for c in "$out"/default/crashes/id:*; do
        status=1
        echo "crash: fuzz/$c"
        "target/release/$t" < "$c" 2>&1 | grep -m1 -A2 "panicked" || true
    done
    shopt -u nullglob
done
exit $status

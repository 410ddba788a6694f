#!/bin/sh
# Runs every fuzz target in turn, one at a time, for SECONDS each (default 600), on stable Rust
# through RUSTC_BOOTSTRAP. New inputs go to fuzz/runs/<target>/ (ignored by git), read together
# with the committed seeds in fuzz/corpus/<target>/; crashes go to fuzz/artifacts/<target>/ and
# the log to fuzz/runs/<target>.log. Fork mode with one worker keeps going after a crash, so a
# run finds every crash it can in its time.
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${SECONDS_EACH:-600}
TARGETS=${*:-list curated csv graphml json epoch ecosystem}
for t in $TARGETS; do
    mkdir -p "fuzz/runs/$t" "fuzz/artifacts/$t"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$t" "fuzz/runs/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_EACH" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$t/" >"fuzz/runs/$t.log" 2>&1 || true
    grep -E '^#[0-9]+' "fuzz/runs/$t.log" | tail -1
done

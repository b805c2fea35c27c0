#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on stable Rust (no
# sanitizer: `-s none`), then reports execs and findings per target.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). A crash is saved under
# fuzz/artifacts/<target>/ and makes this script exit 1.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
status=0
total=0
for target in model_parser error_response create_room_response; do
    mkdir -p "corpus/$target"
    log=$(mktemp)
    cargo fuzz run -s none "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    runs=${runs:-0}
    total=$((total + runs))
    if [ $rc -eq 0 ]; then
        echo "fuzz $target: ${runs} execs in ${seconds}s, 0 crashes"
    else
        echo "fuzz $target: FAILED (exit $rc); see fuzz/artifacts/$target"
        tail -30 "$log"
        status=1
    fi
    rm -f "$log"
done
echo "fuzz total: ${total} execs"
exit $status

#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on stable Rust (no
# sanitizer: `-s none`), then reports execs and findings per target, then
# the front ends' smoke run (examples/smoke.rs: deterministic mutations of
# both models, `cargo check` of a sample of the accepted outputs).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). A crash is saved under
# fuzz/artifacts/<target>/ and makes this script exit 1.
#
# The minimized reproducers under fuzz/regressions/<target>/ (see the
# README there) are passed as seeds: while the generator still has one of
# those bugs, its target fails at once, on that input. The compile-*.json
# ones are replayed by the smoke run, which checks their output compiles.
#
# Environment: SMOKE=0 skips the smoke run; SMOKE_MUTATIONS (default 200
# per model) and SMOKE_CHECK (default 3 accepted outputs per model) size it.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
status=0
total=0
# The models as seeds: the raw OpenAPI document is an input of its own
# (input starting with `{`); other inputs drive the mutators.
mkdir -p corpus/model_parser corpus/openapi_import
cp -n ../model/chime.json corpus/model_parser/ 2>/dev/null || true
cp -n ../model/chime.openapi.json corpus/model_parser/ 2>/dev/null || true
cp -n ../model/chime.openapi.json corpus/openapi_import/ 2>/dev/null || true
for target in model_parser error_response create_room_response openapi_import smithy_mutations; do
    mkdir -p "corpus/$target"
    seeds=()
    if [ -d "regressions/$target" ]; then
        seeds+=("regressions/$target")
    fi
    log=$(mktemp)
    cargo fuzz run -s none "$target" "corpus/$target" "${seeds[@]}" -- -max_total_time="$seconds" -rss_limit_mb=2048 >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    runs=${runs:-0}
    total=$((total + runs))
    if [ $rc -eq 0 ]; then
        echo "fuzz $target: ${runs} execs in ${seconds}s, 0 crashes"
    else
        echo "fuzz $target: FAILED (exit $rc); see fuzz/artifacts/$target"
        grep -m3 -E "panicked at|ERROR: libFuzzer|overflowed" "$log" || tail -30 "$log"
        status=1
    fi
    rm -f "$log"
done
echo "fuzz total: ${total} execs"
if [ "${SMOKE:-1}" != 0 ]; then
    echo "smoke: ${SMOKE_MUTATIONS:-200} mutations of each model, cargo check of ${SMOKE_CHECK:-3} accepted outputs each"
    if ! cargo run --quiet --locked --no-default-features --example smoke -- \
        --mutations "${SMOKE_MUTATIONS:-200}" --check "${SMOKE_CHECK:-3}"; then
        echo "smoke: FAILED; the inputs are under fuzz/artifacts/smoke/ (replay: cargo run --no-default-features --example smoke -- --replay <target> FILE...)"
        status=1
    fi
    # Models the generator accepted but whose output did not compile: each
    # must now be rejected, or compile.
    for target in openapi_import smithy_mutations; do
        compile=(regressions/"$target"/compile-*.json)
        [ -e "${compile[0]}" ] || continue
        echo "smoke: ${#compile[@]} $target reproducers of output that did not compile"
        if ! cargo run --quiet --locked --no-default-features --example smoke -- \
            --replay "$target" "${compile[@]}" --check "${#compile[@]}"; then
            status=1
        fi
    done
fi
exit $status

#!/usr/bin/env bash
# Runs each fuzz target for a bounded time, one after the other, one process each, and prints a
# line per target with the number of inputs it ran. Exits non-zero when a target found a crash,
# a timeout or an out-of-memory input; libFuzzer writes the input to artifacts/<target>/.
#
#   FUZZ_SECONDS=60          seconds per target
#   FUZZ_TARGETS="a b"       which targets (default: all four)
#   FUZZ_KEEP_CORPUS=1       afterwards, add to corpus/<target>/ the fewest small inputs that
#                            cover what the run reached (libFuzzer's set-cover merge); commit them
#
# The committed corpus/<target>/ is read as seeds; what the fuzzer finds goes to
# target/fuzz/corpus/<target>/ (ignored by git) and is kept there between runs.
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). Builds with `--sanitizer none`: the
# targets are safe Rust over SQLite, and AddressSanitizer needs a nightly compiler.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-html_import figure_parser csv_round_trip untrusted_db}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/fuzz}"
work="$CARGO_TARGET_DIR/corpus"
logs="$CARGO_TARGET_DIR/logs"
fuzz=(cargo fuzz run --fuzz-dir "$here" --sanitizer none)

# Longest input per target: pages and database files need room, phrases do not.
max_len() {
    case "$1" in
        html_import | untrusted_db) echo 65536 ;;
        *) echo 4096 ;;
    esac
}

# Longest an input may take: the importer's own time limit is 30 s, so longer is a hang; the
# other targets take milliseconds.
timeout_for() {
    case "$1" in
        html_import) echo 60 ;;
        *) echo 10 ;;
    esac
}

# Largest input kept in the committed corpus: git keeps every byte, and small inputs cover
# nearly as much (a database file needs its pages, so it gets more room).
keep_len() {
    case "$1" in
        untrusted_db) echo 8192 ;;
        html_import) echo 1200 ;;
        *) echo 4096 ;;
    esac
}

count_files() { find "$1" -type f | wc -l; }

cd "$root"
cargo fuzz build --fuzz-dir "$here" --sanitizer none
mkdir -p "$logs"
failed=()
for target in $targets; do
    mkdir -p "$work/$target" "$here/corpus/$target" "$here/artifacts/$target"
    dict=()
    [[ -f "$here/dictionaries/$target.dict" ]] && dict=("-dict=$here/dictionaries/$target.dict")
    before="$(count_files "$here/artifacts/$target")"
    status=0
    "${fuzz[@]}" "$target" "$work/$target" "$here/corpus/$target" -- \
        -max_total_time="$seconds" -timeout="$(timeout_for "$target")" -rss_limit_mb=4096 -max_len="$(max_len "$target")" \
        -print_final_stats=1 "${dict[@]}" >"$logs/$target.log" 2>&1 || status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$target.log" | grep -o '[0-9]*$' || true)"
    found=$(($(count_files "$here/artifacts/$target") - before))
    if [[ $status -eq 0 ]]; then
        echo "fuzz $target: ${runs:-0} runs in ${seconds} s, no finding"
    else
        echo "fuzz $target: FAILED after ${runs:-?} runs (exit $status, $found new in artifacts/$target/)"
        grep -E '^(thread|panicked|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)' \
            "$logs/$target.log" | head -20 || true
        failed+=("$target")
    fi
    if [[ "${FUZZ_KEEP_CORPUS:-0}" == 1 ]]; then
        small="$work/$target.small"
        rm -rf "$small" && mkdir -p "$small"
        find "$work/$target" -type f -size -"$(keep_len "$target")"c -exec cp {} "$small/" \;
        "${fuzz[@]}" "$target" "$here/corpus/$target" "$small" -- -set_cover_merge=1 \
            -max_len="$(max_len "$target")" >>"$logs/$target.log" 2>&1
        echo "fuzz $target: corpus/$target now $(count_files "$here/corpus/$target") files"
    fi
done
echo "fuzz logs: $logs"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: findings in ${failed[*]}; reproduce with: cargo fuzz run --fuzz-dir src-tauri/fuzz --sanitizer none TARGET ARTIFACT"
    exit 1
fi

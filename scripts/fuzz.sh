#!/usr/bin/env bash
# Runs every libFuzzer target of a `fuzz` preset build for N seconds each.
# Usage: scripts/fuzz.sh <build-dir> <seconds>
set -euo pipefail
build=${1:-build/fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for target in $(find "$build/tests/fuzz" -maxdepth 3 -type f -executable -name 'fuzz_*' | sort); do
    name=$(basename "$target")
    corpus_seed="$root/tests/fuzz/corpus/${name#fuzz_}"
    work=$(mktemp -d)
    [[ -d "$corpus_seed" ]] && cp -r "$corpus_seed"/. "$work"/
    echo "== $name for ${seconds}s"
    if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
            -print_final_stats=1 "$work" 2>"$work.log"; then
        echo "!! $name found a crash:"; tail -n 40 "$work.log"; status=1
    else
        grep -E 'stat::number_of_executed_units|Done' "$work.log" | tail -n 2
    fi
    rm -rf "$work" "$work.log"
done
exit $status

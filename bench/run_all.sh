#!/usr/bin/env bash
# Runs every benchmark of a build with its default settings.
# Usage: bench/run_all.sh <build-dir>     (make bench runs it on build/ci)
set -euo pipefail
build=${1:-build/ci}
for bench in $(find "$build/bench" -type f -executable -name '*_bench' 2>/dev/null | sort); do
    echo "== $(basename "$bench")"
    "$bench"
done

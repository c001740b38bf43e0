#!/usr/bin/env bash
# Runs every benchmark that was built (executables named *_bench or bench_* under BUILD_DIR/bench).
#   bench/run_all.sh [BUILD_DIR]      (make bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/ci}
mapfile -t benches < <(find "$build/bench" -type f \( -name 'bench_*' -o -name '*_bench' \) -perm -u+x | sort)
if [[ ${#benches[@]} -eq 0 ]]; then
    echo "no benchmarks built under $build/bench (make build first)"
    exit 1
fi
status=0
for bench in "${benches[@]}"; do
    echo "== ${bench#"$build"/}"
    "$bench" || status=1
    echo
done
exit $status

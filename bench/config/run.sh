#!/usr/bin/env bash
# bench/config: yagura's loader against Nagios 4 on the same generated sites.
#
#   bench/config/run.sh CONFIG_BENCH [SIZES...]     (config_bench with no argument runs this)
#
# SIZES are host counts (10 services each); default "10000 100000". For each size it writes a
# site with generate_site.py into a temporary directory, loads it with config_bench (a fresh
# process, so its peak RSS is this load's alone) and, when /usr/sbin/nagios4 is installed,
# times `nagios4 -v` on the same nagios.cfg with /usr/bin/time for its peak RSS, then prints
# the ratio. The temporary directory is removed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=${1:?usage: run.sh CONFIG_BENCH [HOSTS...]}
shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000)
nagios=${NAGIOS4:-/usr/sbin/nagios4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for hosts in "${sizes[@]}"; do
    site=$work/site$hosts
    python3 "$here/generate_site.py" "$site" "$hosts" 10
    echo "== $hosts hosts x 10 services ($(du -sh "$site/objects" | cut -f1) of objects)"
    json=""
    [[ $hosts -le 10000 ]] && json=--json
    yagura_out=$("$bench" "$site/nagios.cfg" $json)
    echo "yagura:  ${yagura_out%RESULT*}" | sed '/^$/d'
    read -r _ y_seconds y_rss y_cpu <<<"$(grep '^RESULT' <<<"$yagura_out")"
    if [[ ! -x $nagios ]]; then
        echo "nagios4: not installed ($nagios), no comparison"
        continue
    fi
    # %e: elapsed seconds, %M: peak RSS in KiB, %U + %S: CPU seconds. NAGIOS_TIMEOUT bounds
    # the wait (seconds).
    if ! /usr/bin/time -f 'TIME %e %M %U %S' -o "$work/time" timeout "${NAGIOS_TIMEOUT:-900}" \
        "$nagios" -v "$site/nagios.cfg" >"$work/nagios.out" 2>&1; then
        echo "nagios4 -v failed or timed out (${NAGIOS_TIMEOUT:-900} s):"
        tail -n 20 "$work/nagios.out"
        continue
    fi
    read -r _ n_seconds n_kib n_user n_sys <"$work/time"
    n_services=$(grep -oE 'Checked [0-9]+ services' "$work/nagios.out" | grep -oE '[0-9]+')
    n_hosts=$(grep -oE 'Checked [0-9]+ hosts' "$work/nagios.out" | grep -oE '[0-9]+')
    awk -v ys="$y_seconds" -v yr="$y_rss" -v yc="$y_cpu" -v ns="$n_seconds" -v nk="$n_kib" \
        -v nc="$(awk -v u="$n_user" -v s="$n_sys" 'BEGIN { print u + s }')" \
        -v sv="$n_services" -v h="$n_hosts" 'BEGIN {
        printf "nagios4: %d hosts %d services, -v %.2f s (CPU %.2f s), peak RSS %.0f MiB = %.0f bytes per service\n",
               h, sv, ns, nc, nk / 1024, nk * 1024 / sv
        printf "ratio:   yagura takes %.0f%% of nagios4 -v time (%.1fx faster; CPU %.1fx less), %.0f%% of its memory\n",
               100 * ys / ns, ns / ys, nc / yc, 100 * yr / (nk / 1024)
    }'
done

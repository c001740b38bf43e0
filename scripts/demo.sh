#!/usr/bin/env bash
# The whole yagura suite on 127.0.0.1, TLS on, in one terminal.
#
#   scripts/demo.sh [BUILD_DIR]           start all six daemons; Ctrl-C stops them
#   scripts/demo.sh --check [BUILD_DIR]   start them, ping each over TLS, stop, exit 0 or 1
#
# The run directory (./demo-run, or a temp dir with --check) gets a CA and one certificate per
# daemon made by `yagura pki`, a copy of etc/ with its /etc, /var/lib and /var/log paths moved
# into the run directory, and each daemon's log. --check also moves the ports (7768-7773) to a
# free range so it can run beside a demo or other tests.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mode=interactive
if [[ ${1:-} == --check ]]; then
    mode=check
    shift
fi
build=$(cd "${1:-$root/build/ci}" && pwd)
roles=(arbiter scheduler poller reactionner broker receiver)
declare -A port=([scheduler]=7768 [reactionner]=7769 [arbiter]=7770 [poller]=7771
                 [broker]=7772 [receiver]=7773)
declare -A pid=()

binary() { echo "$build/daemons/$1/yagura-$1"; }
cli="$build/daemons/yagura/yagura"
for role in "${roles[@]}"; do
    [[ -x $(binary "$role") ]] || { echo "demo: $(binary "$role") is not built (make build)"; exit 1; }
done

if [[ $mode == check ]]; then
    run=$(mktemp -d "${TMPDIR:-/tmp}/yagura-demo-XXXXXX")
else
    run="$root/demo-run"
    rm -rf "$run"
fi
mkdir -p "$run/var" "$run/log"

# A free block of six ports for --check: the sample's ports plus an offset nobody listens on.
offset=0
if [[ $mode == check ]]; then
    listening=$(ss -Htln 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
    for _ in $(seq 1 50); do
        candidate=$(( (RANDOM % 2000 + 10) * 10 ))
        busy=0
        for role in "${roles[@]}"; do
            grep -qx "$(( port[$role] + candidate ))" <<< "$listening" && busy=1
        done
        grep -qx "$(( 7774 + candidate ))" <<< "$listening" && busy=1  # Livestatus, below
        if [[ $busy == 0 ]]; then offset=$candidate; break; fi
    done
    [[ $offset != 0 ]] || { echo "demo: found no free block of ports"; exit 1; }
fi
# The broker's Livestatus port (etc/daemons/broker.ini), moved too for --check: right after
# the daemons' block, below the kernel's ephemeral ports (32768 and up), where a client
# socket of another test could hold it without listening.
livestatus=50000
if [[ $mode == check ]]; then
    livestatus=$(( 7774 + offset ))
fi

# Certificates from yagura's own PKI: one CA, one certificate per daemon.
"$cli" pki init --dir "$run/certs" >/dev/null
for role in "${roles[@]}"; do
    "$cli" pki issue --dir "$run/certs" --name "$role" --dns localhost --ip 127.0.0.1 >/dev/null
done

# The sample configuration, relocated into the run directory.
cp -r "$root/etc" "$run/etc"
relocate=(-e "s|/etc/yagura/certs|$run/certs|g" -e "s|/var/lib/yagura|$run/var|g"
          -e "s|/var/log/yagura|$run/log|g")
for role in "${roles[@]}"; do
    relocate+=(-e "s/\\b${port[$role]}\\b/$(( port[$role] + offset ))/g")
    port[$role]=$(( port[$role] + offset ))
done
relocate+=(-e "s/\\b50000\\b/$livestatus/g")
find "$run/etc" -type f \( -name '*.cfg' -o -name '*.ini' \) -exec sed -i "${relocate[@]}" {} +

config_of() {
    if [[ $1 == arbiter ]]; then echo "$run/etc/yagura.cfg"; else echo "$run/etc/daemons/$1.ini"; fi
}
ping_daemon() {
    curl -sf --max-time 3 --cacert "$run/certs/ca.pem" "https://127.0.0.1:${port[$1]}/ping"
}
pidfile_of() { echo "$run/var/$1d.pid"; }
# One Livestatus query over TCP (the broker's livestatus module); prints the answer.
livestatus_query() {
    local answer
    exec 3<>"/dev/tcp/127.0.0.1/$livestatus" || return 1
    printf '%b\n\n' "$1" >&3
    answer=$(timeout 5 cat <&3) || true
    exec 3<&-
    [[ -n $answer ]] && echo "$answer"
}

stop_all() {
    trap - INT TERM
    echo
    echo "Stopping the daemons (SIGTERM)..."
    local failures=0
    for role in "${roles[@]}"; do
        [[ -n ${pid[$role]:-} ]] || continue
        kill -TERM "${pid[$role]}" 2>/dev/null || true
    done
    for role in "${roles[@]}"; do
        [[ -n ${pid[$role]:-} ]] || continue
        local status=0
        for _ in $(seq 1 100); do
            kill -0 "${pid[$role]}" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "${pid[$role]}" 2>/dev/null; then
            echo "  $role (pid ${pid[$role]}) did not stop in 10 s: killed"
            kill -KILL "${pid[$role]}" 2>/dev/null || true
            failures=$((failures + 1))
            continue
        fi
        wait "${pid[$role]}" || status=$?
        if [[ $status == 0 && ! -e $(pidfile_of "$role") ]]; then
            echo "  $role stopped (exit 0, pidfile removed)"
        else
            echo "  $role: exit $status$([[ -e $(pidfile_of "$role") ]] && echo ', pidfile left')"
            failures=$((failures + 1))
        fi
    done
    return "$failures"
}

echo "Starting yagura in $run"
for role in "${roles[@]}"; do
    "$(binary "$role")" -c "$(config_of "$role")" >"$run/log/$role.out" 2>&1 &
    pid[$role]=$!
done
trap 'stop_all; exit 130' INT TERM

failures=0
for role in "${roles[@]}"; do
    up=0
    for _ in $(seq 1 150); do
        if ping_daemon "$role" >/dev/null; then up=1; break; fi
        kill -0 "${pid[$role]}" 2>/dev/null || break
        sleep 0.2
    done
    if [[ $up == 1 ]]; then
        printf '  %-12s pid %-7s https://127.0.0.1:%s  %s\n' "$role" "${pid[$role]}" \
            "${port[$role]}" "$(ping_daemon "$role")"
    else
        echo "  $role did not come up; its output:"
        sed 's/^/    /' "$run/log/$role.out" "$run/log/$role.log" 2>/dev/null || true
        failures=$((failures + 1))
    fi
done

# The broker's Livestatus (TCP and the unix socket in the run directory).
version=
for _ in $(seq 1 20); do
    version=$(livestatus_query 'GET status\nColumns: livestatus_version' 2>/dev/null) && break
    sleep 0.25
done
if [[ -n $version ]]; then
    echo "  livestatus   127.0.0.1:$livestatus and $run/var/live  (version $version)"
else
    echo "  livestatus did not answer on 127.0.0.1:$livestatus; see $run/log/broker.log"
    failures=$((failures + 1))
fi

if [[ $mode == check ]]; then
    stop_all || failures=$((failures + $?))
    if [[ $failures == 0 ]]; then
        rm -rf "$run"
        echo "demo check: all six daemons answered over TLS and stopped cleanly"
    else
        echo "demo check: $failures problem(s); run directory kept: $run"
    fi
    exit $(( failures > 0 ))
fi

rel=${run#"$PWD"/}
cat <<EOT

All six daemons run with TLS. Look at them with curl:
  curl --cacert $rel/certs/ca.pem https://127.0.0.1:${port[scheduler]}/ping
  curl --cacert $rel/certs/ca.pem https://127.0.0.1:${port[scheduler]}/stats
  curl --cacert $rel/certs/ca.pem https://127.0.0.1:${port[poller]}/metrics
  curl --cacert $rel/certs/ca.pem https://127.0.0.1:${port[arbiter]}/api
  curl --cacert $rel/certs/ca.pem https://127.0.0.1:${port[broker]}/get_running_id
  curl --cacert $rel/certs/ca.pem -d '{"log_level": "debug"}' https://127.0.0.1:${port[receiver]}/set_log_level
  $cli status --etc $rel/etc
Ask the broker's Livestatus (TCP $livestatus, or the unix socket $rel/var/live):
  printf 'GET services\nColumns: host_name description state plugin_output\n\n' | nc 127.0.0.1 $livestatus
The monitoring log (Nagios format): $rel/log/monitoring.log
Logs: $rel/log/<daemon>.log   Ports: arbiter ${port[arbiter]}, scheduler ${port[scheduler]}, poller ${port[poller]}, reactionner ${port[reactionner]}, broker ${port[broker]}, receiver ${port[receiver]}
Press Ctrl-C to stop them all.
EOT

# Wait for Ctrl-C; say so if a daemon dies meanwhile.
while true; do
    sleep 1 &
    wait $! || true
    for role in "${roles[@]}"; do
        if [[ -n ${pid[$role]:-} ]] && ! kill -0 "${pid[$role]}" 2>/dev/null; then
            echo "$role (pid ${pid[$role]}) has exited; see $rel/log/$role.log"
            unset "pid[$role]"
        fi
    done
done

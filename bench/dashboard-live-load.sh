#!/usr/bin/env bash
# The dashboard under load while `telltale run` captures live: a veth pair between two network
# namespaces made for the run; tcpreplay offers PACKETS frames of the benchmark capture at RATE
# frames/s to the capture side, twice — once alone, once while ApacheBench (apache2-utils) runs
# CLIENTS concurrent flow searches over HTTPS against the dashboard (a new TLS connection per request,
# the worst case). Prints, for each pass, what the capture received and dropped (kernel, interface,
# shed: from /metrics) and, for the loaded pass, ab's percentiles. The issue's bar: no more drops with
# the clients than without, and p99 under 500 ms.
#   bench/dashboard-live-load.sh [CAPTURE] [CLIENTS]      RATE=50000 PACKETS=1500000 by default
# Needs root, iproute2, tcpreplay, ab. Not run in CI (a shared 2-vCPU box measures nothing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
capture="${1:-${TMPDIR:-/tmp}/telltale-bench.pcap}"
clients="${2:-50}"
rate="${RATE:-50000}"
packets="${PACKETS:-1500000}"
[ -f "$capture" ] || "$here/../shared/tools/make-bench-pcap" "$capture"
command -v ab >/dev/null || { echo "needs ab: apt-get install apache2-utils" >&2; exit 2; }
src=tt-load-s$$
cap=tt-load-c$$
work="$(mktemp -d)"
chmod 755 "$work"
cleanup() {
    ip netns pids "$cap" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$src" 2>/dev/null || true
    ip netns del "$cap" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
"$here/telltale" --version >/dev/null   # build outside the measurement
ip netns add "$src"
ip netns add "$cap"
ip link add vsrc netns "$src" mtu 65535 type veth peer name vcap netns "$cap" mtu 65535
for ns in "$src" "$cap"; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n "$src" link set vsrc up
ip -n "$cap" link set vcap up
ip -n "$cap" link set lo up

cat > "$work/telltale.yaml" <<YAML
capture: {interface: vcap, workers: $(nproc), user: root, stats_interval: 3600}
data_dir: data
dashboard: {listen: "127.0.0.1:8443"}
YAML
echo "load tester password" | "$here/telltale" user add loader --role viewer --data-dir "$work/data" >/dev/null
token="$("$here/telltale" user token loader --data-dir "$work/data")"
ip netns exec "$cap" "$here/telltale" run --config "$work/telltale.yaml" > "$work/run.log" 2>&1 &
in_cap() { ip netns exec "$cap" "$@"; }
for _ in $(seq 1 120); do in_cap curl -sk -o /dev/null https://127.0.0.1:8443/ && break; sleep 0.5; done
grep -q "capturing on" "$work/run.log" || { cat "$work/run.log"; exit 1; }

# received, dropped by kernel and interface, shed: the sums of the capture's meters
figures() {
    in_cap curl -sk -H "Authorization: Bearer $token" https://127.0.0.1:8443/metrics | awk '
        /^telltale_capture_packets_total/ {p += $2} /^telltale_capture_kernel_drops_total/ {k += $2}
        /^telltale_capture_interface_drops_total/ {i += $2} /^telltale_pipeline_shed/ {s += $2}
        END {printf "%d %d %d %d\n", p, k, i, s}'
}
replay() {
    ip netns exec "$src" tcpreplay --pps="$rate" --limit="$packets" -i vsrc "$capture" > "$work/replay.out" 2>&1
}
pass() {
    local label="$1" before after
    before=$(figures)
    "${@:2}"
    sleep 3
    after=$(figures)
    read -r p0 k0 i0 s0 <<< "$before"
    read -r p1 k1 i1 s1 <<< "$after"
    echo "$label: offered $(awk '/Actual:/ {print $2}' "$work/replay.out") frames at $rate/s; received $((p1 - p0)), dropped by kernel $((k1 - k0)), by interface $((i1 - i0)), shed $((s1 - s0))"
}
loaded() {
    replay &
    local replaying=$!
    url="https://127.0.0.1:8443/api/search?q=port.dst:443%20AND%20ip.src:10.0.0.0/8&limit=100&facets=ip.dst,port.dst&histogram=48"
    in_cap ab -q ${KEEPALIVE:+-k} -t "$((packets / rate))" -n 10000000 -c "$clients" -H "Authorization: Bearer $token" "$url" > "$work/ab.out" 2>&1 || true
    wait "$replaying"
}
echo "== capture alone"
pass "alone " replay
echo "== capture with $clients dashboard clients searching"
pass "loaded" loaded
grep -E "Complete requests|Non-2xx|Requests per second|  50%|  90%|  99%|100%" "$work/ab.out"

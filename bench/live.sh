#!/usr/bin/env bash
# Live capture at the highest rate tcpreplay can offer on a veth pair between two network namespaces
# made for the run: `telltale capture` (AF_PACKET, full pipeline, one worker per core) and
# `tcpdump -w /dev/null` read the same interface at the same time. Prints the offered rate, what each
# captured and dropped, Telltale's CPU microseconds per packet, and its GC count (-Xlog:gc).
#   bench/live.sh [CAPTURE] [LOOPS]      (default: the bundled example, 16 loops: about a million packets)
#   SOURCE=libpcap bench/live.sh        the libpcap source instead of AF_PACKET
#   FLOWS_ONLY=1 bench/live.sh          flow records only: what the capture path and flow table cost
# Needs root, iproute2, tcpreplay, tcpdump. Not run in CI (a shared 2-vCPU box measures nothing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
capture="${1:-$here/examples/screening-day.pcap}"
loops="${2:-16}"
src=tt-bench-s$$
cap=tt-bench-c$$
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
jar="$here/dashboard/target/telltale-dashboard-0.1.0-SNAPSHOT.jar"
java="$("$here/../shared/tools/jdk25-home" 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)/bin/java"
[ -x "$java" ] || java=$(command -v java)

ip netns add "$src"
ip netns add "$cap"
ip link add vsrc netns "$src" mtu 65535 type veth peer name vcap netns "$cap" mtu 65535
for ns in "$src" "$cap"; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n "$src" link set vsrc up
ip -n "$cap" link set vcap up

mkdir -m 777 "$work/out"
ip netns exec "$cap" "$java" --enable-native-access=ALL-UNNAMED -Xlog:gc:file="$work/gc.log" -jar "$jar" capture \
    -i vcap --source "${SOURCE:-afpacket}" --out "$work/out" --workers "$(nproc)" --stats-interval 3600 \
    ${FLOWS_ONLY:+--flows-only} > "$work/telltale.out" 2>&1 &
telltale_pid=$!
ip netns exec "$cap" tcpdump -q -i vcap -w /dev/null > "$work/tcpdump.out" 2>&1 &
tcpdump_pid=$!
until grep -qs "capturing on" "$work/telltale.out"; do sleep 0.2; done
sleep 1
ip netns exec "$src" tcpreplay --topspeed --loop "$loops" -i vsrc "$capture" > "$work/replay.out" 2>&1
sleep 2
cpu_ticks=$(awk '{print $14 + $15}' "/proc/$telltale_pid/stat")
kill -TERM "$telltale_pid" "$tcpdump_pid"
wait "$telltale_pid" "$tcpdump_pid" 2>/dev/null || true
ticks_per_second=$(getconf CLK_TCK)

offered=$(awk '/Actual:/ {print $2}' "$work/replay.out")
rate=$(awk '/Rated:/ {for (i=1;i<=NF;i++) if ($i=="pps,") print $(i-1); else if ($i ~ /pps$/) print $(i-1)}' "$work/replay.out" | head -1)
captured=$(sed -n 's/^captured \([0-9,]*\) packets.*/\1/p' "$work/telltale.out" | tr -d ,)
dropped=$(sed -n 's/.*; dropped \([0-9,]*\), shed \([0-9,]*\).*/\1 \2/p' "$work/telltale.out" | tr -d ,)
tcpdump_captured=$(awk '/packets captured/ {print $1}' "$work/tcpdump.out")
tcpdump_dropped=$(awk '/dropped by kernel/ {print $1}' "$work/tcpdump.out")
gcs=$(grep -c "Pause" "$work/gc.log" || true)
echo "offered by tcpreplay --topspeed: $offered packets at $rate packets/s"
echo "telltale capture (${SOURCE:-afpacket}, $(nproc) workers, ${FLOWS_ONLY:+flows only}${FLOWS_ONLY:-full pipeline}): $captured captured, dropped and shed: $dropped"
echo "tcpdump -w /dev/null:                                      $tcpdump_captured captured, $tcpdump_dropped dropped by kernel"
awk -v t="$cpu_ticks" -v hz="$ticks_per_second" -v n="$captured" \
    'BEGIN {printf "telltale CPU: %.2f s, %.2f microseconds per packet (whole process: JIT, GC, logs included)\n", t/hz, n ? t/hz*1e6/n : 0}'
echo "telltale GC pauses during the run: $gcs (-Xlog:gc)"

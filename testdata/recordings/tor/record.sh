#!/usr/bin/env bash
# Records Tor's TLS link handshake, the real thing: a Tor bridge (a relay that publishes nothing) in
# one namespace (10.81.0.2:9001) and a Tor client in another (10.81.0.1) told to use it, tcpdump on
# the client's veth. The client opens its link to the bridge (TLS with Tor's random www.*.com server
# name and the bridge's www.*.net certificate) and asks for the bridge's descriptor; nothing leaves
# the two namespaces. Needs root, tor (Debian package tor) and tcpdump.
#
#   testdata/recordings/tor/record.sh OUT.pcap
set -euo pipefail
out=$(realpath -m "${1:?usage: record.sh OUT.pcap}")
client=tt-tor-client
bridge=tt-tor-bridge
work=$(mktemp -d)
cleanup() {
    set +e
    netns_capture_stop
    [[ -n "${bridge_pid:-}" ]] && kill "$bridge_pid" 2>/dev/null
    [[ -n "${client_pid:-}" ]] && kill "$client_pid" 2>/dev/null
    wait 2>/dev/null
    netns_cleanup
    rm -rf "$work"
}
source "$(dirname "$0")/../netns.sh"
trap cleanup EXIT
netns_pair "$client" "$bridge" tt-tor-a tt-tor-b 10.81.0.1/24 10.81.0.2/24
mkdir -m 700 "$work/bridge" "$work/client"
chown -R debian-tor "$work" 2>/dev/null || true

cat > "$work/bridge/torrc" <<CONF
DataDirectory $work/bridge
ORPort 10.81.0.2:9001
Address 10.81.0.2
BridgeRelay 1
PublishServerDescriptor 0
AssumeReachable 1
ExitRelay 0
SocksPort 0
Log notice stdout
CONF
cat > "$work/client/torrc" <<CONF
DataDirectory $work/client
UseBridges 1
Bridge 10.81.0.2:9001
SocksPort 0
Log notice stdout
CONF
run_as=()
id debian-tor >/dev/null 2>&1 && run_as=(--User debian-tor)
ip netns exec "$bridge" tor -f "$work/bridge/torrc" "${run_as[@]}" >"$work/bridge.log" 2>&1 &
bridge_pid=$!
netns_wait_port "$bridge" 9001
netns_capture "$client" tt-tor-a "$out" tcp port 9001
ip netns exec "$client" tor -f "$work/client/torrc" "${run_as[@]}" >"$work/client.log" 2>&1 &
client_pid=$!
# The link handshake and the descriptor fetch take a few seconds; wait for the client to say so.
for _ in $(seq 60); do
    grep -q "new bridge descriptor\|Bootstrapped [1-9]" "$work/client.log" && break
    sleep 0.5
done
sleep 2
netns_capture_stop
grep -h "Bootstrapped\|bridge descriptor" "$work/client.log" | tail -3 || true
echo "wrote $out"

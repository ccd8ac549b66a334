#!/usr/bin/env bash
# Records traffic that must set the anomaly fields: an NTP request with 200 bytes smuggled after its
# header (an NTP covert channel), a well-formed NTP request before it, and a DNS query the server
# refuses (REFUSED). Two network namespaces this script creates (10.78.0.1 a device, 10.78.0.2 a
# server); Python's socket module on both ends; tcpdump on the device's veth. Needs root.
#
#   testdata/recordings/anomalies/record.sh OUT.pcap
set -euo pipefail
out=$(realpath -m "${1:?usage: record.sh OUT.pcap}")
device=tt-anom-device
server=tt-anom-server
cleanup() {
    set +e
    netns_capture_stop
    [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null
    netns_cleanup
}
source "$(dirname "$0")/../netns.sh"
trap cleanup EXIT
netns_pair "$device" "$server" tt-anom-a tt-anom-b 10.78.0.1/24 10.78.0.2/24

# The server: answers every DNS query with REFUSED (RFC 1035 rcode 5) and ignores NTP.
ip netns exec "$server" python3 - <<'PY' &
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.78.0.2", 53))
while True:
    query, peer = s.recvfrom(512)
    flags = 0x8000 | (query[2] & 0x79) << 8 | 0x0080 | 5   # QR, opcode and RD copied, RA, REFUSED
    s.sendto(query[:2] + flags.to_bytes(2, "big") + query[4:], peer)
PY
server_pid=$!
sleep 1
netns_capture "$device" tt-anom-a "$out" udp

ip netns exec "$device" python3 - <<'PY'
import socket, struct, time
ntp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ntp.bind(("10.78.0.1", 40123))
now = int(time.time()) + 2208988800
header = bytes([0x23, 0, 6, 0xec]) + bytes(36) + struct.pack(">II", now, 0)   # v4 client, as chrony sends
ntp.sendto(header, ("10.78.0.2", 123))
time.sleep(0.2)
ntp.sendto(header + b"passenger-manifest:" + bytes(range(181)), ("10.78.0.2", 123))   # 200 bytes smuggled
dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dns.settimeout(2)
question = b"\x06update\x06vendor\x07example\x00\x00\x01\x00\x01"
dns.sendto(b"\x4a\x2f\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + question, ("10.78.0.2", 53))
print("dns answer rcode", dns.recv(512)[3] & 0x0f)
PY
netns_capture_stop
echo "wrote $out"

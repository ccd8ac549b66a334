#!/usr/bin/env bash
# Records a scanner mailing its daily report to a vendor address: Python's smtpd (a debugging server
# that prints and drops mail) in one namespace (10.80.0.2:25), Python's smtplib in another
# (10.80.0.1), tcpdump on the client's veth. Needs root, Python 3.11 (smtpd) and tcpdump.
#
#   testdata/recordings/smtp/record.sh OUT.pcap
set -euo pipefail
out=$(realpath -m "${1:?usage: record.sh OUT.pcap}")
client=tt-smtp-client
server=tt-smtp-server
cleanup() {
    set +e
    netns_capture_stop
    [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null
    netns_cleanup
}
source "$(dirname "$0")/../netns.sh"
trap cleanup EXIT
netns_pair "$client" "$server" tt-smtp-a tt-smtp-b 10.80.0.1/24 10.80.0.2/24

ip netns exec "$server" python3 -W ignore -m smtpd -n -c DebuggingServer 10.80.0.2:25 >/dev/null &
server_pid=$!
netns_wait_port "$server" 25
netns_capture "$client" tt-smtp-a "$out" tcp port 25
ip netns exec "$client" python3 - <<'PY'
import smtplib
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "xray-07@airport.example"
m["To"] = "reports@vendor.example"
m["Subject"] = "daily scan statistics"
m.set_content("bags scanned: 1432\nthreat alarms: 3\n")
with smtplib.SMTP("10.80.0.2", 25, local_hostname="xray-07.airport.example") as s:
    s.send_message(m, to_addrs=["reports@vendor.example", "archive@vendor.example"])
PY
netns_capture_stop
echo "wrote $out"

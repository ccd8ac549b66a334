#!/usr/bin/env bash
# The dashboard's API under load while the pipeline runs: telltale run reads CAPTURE at full speed
# (indexing every flow) with the dashboard on, and ApacheBench (apache2-utils) sends CLIENTS
# concurrent flow searches for SECONDS over HTTPS (a new TLS connection per request, the worst case);
# then the same once the read is done. Prints ab's percentiles and the read's time. ab counts an answer
# whose length differs from the first as "failed (Length)": while the index grows, every answer does;
# Non-2xx answers are the real failures.
#   bench/dashboard-load.sh [CAPTURE] [CLIENTS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
capture="${1:-${TMPDIR:-/tmp}/telltale-bench.pcap}"
clients="${2:-50}"
seconds="${3:-20}"
[ -f "$capture" ] || "$here/../shared/tools/make-bench-pcap" "$capture"
command -v ab >/dev/null || { echo "needs ab: apt-get install apache2-utils" >&2; exit 2; }
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
trap 'pkill -f "listen 127.0.0.1:$port" || true; rm -rf "$work"' EXIT
printf 'data_dir: data\nlogs: logs\n' > "$work/telltale.yaml"
echo "load tester password" | "$here/telltale" user add loader --role viewer --data-dir "$work/data" >/dev/null
token="$("$here/telltale" user token loader --data-dir "$work/data")"
"$here/telltale" run --config "$work/telltale.yaml" --pcap "$capture" --replay fast --listen "127.0.0.1:$port" >"$work/run.log" 2>&1 &
for _ in $(seq 1 120); do curl -sk -o /dev/null "https://127.0.0.1:$port/" && break; sleep 0.5; done
url="https://127.0.0.1:$port/api/search?q=port.dst:443%20AND%20ip.src:10.0.0.0/8&limit=100"
echo "== $clients clients for $seconds s while the pipeline reads and indexes $(basename "$capture")"
ab -q -t "$seconds" -n 10000000 -c "$clients" -H "Authorization: Bearer $token" "$url" 2>&1 \
  | grep -E "Complete requests|Failed requests|   \(Connect|Non-2xx|Requests per second|  50%|  90%|  99%|100%"
until grep -q "the capture is read" "$work/run.log"; do sleep 1; done
grep -E "^indexed|elapsed" "$work/run.log"
echo "== the same once the read is done"
ab -q -t "$seconds" -n 10000000 -c "$clients" -H "Authorization: Bearer $token" "$url" 2>&1 \
  | grep -E "Complete requests|Failed requests|   \(Connect|Non-2xx|Requests per second|  50%|  90%|  99%|100%"

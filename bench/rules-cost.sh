#!/usr/bin/env bash
# What signatures cost: CPU time (user + system, median of RUNS interleaved runs) of `telltale read` on
# the benchmark capture without rules, and with the bundled starter rules plus the first 10,000 Emerging
# Threats Open rules that load (../shared/rules/et-open, printed back by `telltale rules check --print`),
# and the ratio. The issue's goal: at most 2x.
#   bench/rules-cost.sh [CAPTURE] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
capture="${1:-}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$capture" ]; then
  capture="${TMPDIR:-/tmp}/telltale-bench.pcap"
  [ -f "$capture" ] || "$here/../shared/tools/make-bench-pcap" "$capture"
fi
"$here/telltale" --version >/dev/null   # build outside the timed runs
"$here/telltale" rules check --print "$here/../shared/rules/et-open" > "$work/et-all.txt"
awk 'n < 10000 && /^(alert|pass|drop|reject) / {print; n++}' "$work/et-all.txt" > "$work/et-10000.rules"

cpu_once() {
  rm -rf "$work/out" && mkdir -p "$work/out"
  /usr/bin/time -f "%U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
  awk '{printf "%.2f", $1 + $2}' "$work/time"
}

median() {
  tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

b=""; r=""
for _ in $(seq 1 "$runs"); do
  b="$b $(cpu_once "$here/telltale" read "$capture" --out "$work/out")"
  r="$r $(cpu_once "$here/telltale" read "$capture" --out "$work/out" --rules starter --rules "$work/et-10000.rules")"
  loaded=$(grep -o 'rules: [0-9]* loaded' "$work/err" || true)
  alerts=$(wc -l < "$work/out/alerts.jsonl" 2>/dev/null || echo 0)
done
base=$(echo "$b" | median); rules=$(echo "$r" | median)
echo "capture: $capture, median CPU seconds (user+sys) of $runs runs"
awk -v b="$base" -v r="$rules" -v l="$loaded" -v a="$alerts" 'BEGIN {
  printf "  %-44s %7.2f s\n", "dissection, no rules", b
  printf "  %-44s %7.2f s   %.2fx  (%s, %d alerts)\n", "starter + 10,000 ET Open rules", r, r / b, l, a
}'
echo "  (each run, in order: no rules$b; rules$r)"

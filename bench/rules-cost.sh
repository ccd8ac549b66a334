#!/usr/bin/env bash
# What signatures cost: CPU time (user + system, median of RUNS interleaved runs) of `telltale read` on
# the benchmark capture without rules, and with the bundled starter rules plus the first 10,000 Emerging
# Threats Open rules that load (../shared/rules/et-open, printed back by `telltale rules check --print`),
# and the ratio. The issue's goal: at most 2x.
#   bench/rules-cost.sh [CAPTURE] [RUNS]
# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$here/telltale" rules check --print "$here/../shared/rules/et-open" > "$work/et-all.txt"
awk 'n < 10000 && /^(alert|pass|drop|reject) / {print; n++}' "$work/et-all.txt" > "$work/et-10000.rules"

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

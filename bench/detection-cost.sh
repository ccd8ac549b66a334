#!/usr/bin/env bash
# What detection costs: CPU time (user + system, median of RUNS interleaved runs) of `telltale read` with full
# dissection, then the same with every detector on under three policies — one that declares all the
# capture's traffic (the detectors' own cost: every flow and record is still judged), bench/bench-policy.yaml
# (web, DNS, QUIC and NTP declared: the capture's anonymised hosts then hold some 180,000 undeclared
# conversations, an alert storm) and none (nothing declared, the worst case) — and each one's extra CPU
# over dissection alone.
#   bench/detection-cost.sh [CAPTURE] [RUNS]
# Without CAPTURE it builds the 2 GB benchmark capture with ../shared/tools/make-bench-pcap.
# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cat > "$work/all.yaml" <<'POLICY'
site: everything-declared
declarations:
  - {id: all-v4, from: 0.0.0.0/0, to: 0.0.0.0/0}
  - {id: all-v6, from: "::/0", to: "::/0"}
POLICY
# the configurations take turns, run after run: this kind of machine drifts by tens of percent over minutes
b=""; a=""; s=""; n=""
for _ in $(seq 1 "$runs"); do
  b="$b $(cpu_once "$here/telltale" read "$capture" --out "$work/out")"
  a="$a $(cpu_once "$here/telltale" read "$capture" --out "$work/out" --policy "$work/all.yaml")"
  all_alerts=$(wc -l < "$work/out/alerts.jsonl" 2>/dev/null || echo 0)
  s="$s $(cpu_once "$here/telltale" read "$capture" --out "$work/out" --policy "$here/bench/bench-policy.yaml")"
  site_alerts=$(wc -l < "$work/out/alerts.jsonl" 2>/dev/null || echo 0)
  n="$n $(cpu_once "$here/telltale" read "$capture" --out "$work/out" --policy none)"
  none_alerts=$(wc -l < "$work/out/alerts.jsonl" 2>/dev/null || echo 0)
done
base=$(echo "$b" | median); all=$(echo "$a" | median); site=$(echo "$s" | median); none=$(echo "$n" | median)
echo "capture: $capture, median CPU seconds (user+sys) of $runs runs"
awk -v b="$base" -v a="$all" -v aa="$all_alerts" -v s="$site" -v n="$none" -v sa="$site_alerts" -v na="$none_alerts" 'BEGIN {
  printf "  %-34s %7.2f s\n", "dissection only", b
  printf "  %-34s %7.2f s   +%4.1f %%  (%d alerts)\n", "with a policy declaring everything", a, 100 * (a - b) / b, aa
  printf "  %-34s %7.2f s   +%4.1f %%  (%d alerts)\n", "with bench/bench-policy.yaml", s, 100 * (s - b) / b, sa
  printf "  %-34s %7.2f s   +%4.1f %%  (%d alerts)\n", "with --policy none (worst case)", n, 100 * (n - b) / b, na
}'
echo "  (each run, in order: dissection$b; everything declared$a; bench-policy$s; none$n)"

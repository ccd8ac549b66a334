#!/usr/bin/env bash
# Times `telltale read` against tcpdump, nfpcapd, ndpiReader, argus (if installed) and tshark (with
# WITH_TSHARK=1: it takes minutes) on the same capture and prints the CPU time (user + system) of each,
# the median of RUNS runs, and its ratio to Telltale's. "telltale" computes flows only (--flows-only),
# like nfpcapd; "telltale+dns" also dissects protocols; the "wall" rows are elapsed seconds with one
# worker and with one per core (the scaling of --workers).
#   bench/compare.sh [CAPTURE] [RUNS]
# Without CAPTURE it builds the 2 GB benchmark capture with ../shared/tools/make-bench-pcap.
# Needs: tcpdump, nfdump (nfpcapd), libndpi-bin (ndpiReader), GNU time (apt-get install -y ...).
# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# cpu_seconds NAME COMMAND...: median user+sys over the runs, printed as "NAME seconds"
cpu_seconds() {
  local name="$1"; shift
  local samples=()
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out" && mkdir -p "$work/out"
    /usr/bin/time -f "%U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true
    samples+=("$(awk '{printf "%.2f", $1 + $2}' "$work/time")")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v name="$name" '{a[NR]=$1} END {print name, a[int((NR+1)/2)]}'
}

# wall_seconds NAME COMMAND...: median elapsed seconds, for comparing worker counts (CPU time adds up over cores)
wall_seconds() {
  local name="$1"; shift
  local samples=()
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out" && mkdir -p "$work/out"
    /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>&1 || true
    samples+=("$(cat "$work/time")")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v name="$name" '{a[NR]=$1} END {print name, a[int((NR+1)/2)]}'
}

{
  cpu_seconds telltale "$here/telltale" read "$capture" --out "$work/out" --flows-only
  cpu_seconds telltale+dns "$here/telltale" read "$capture" --out "$work/out"
  wall_seconds "wall:telltale+dns(1-worker)" "$here/telltale" read "$capture" --out "$work/out"
  wall_seconds "wall:telltale+dns($(nproc)-workers)" "$here/telltale" read "$capture" --out "$work/out" --workers "$(nproc)"
  command -v tcpdump >/dev/null && cpu_seconds "tcpdump(-r,-w/dev/null)" tcpdump -r "$capture" -w /dev/null
  command -v nfpcapd >/dev/null && cpu_seconds nfpcapd nfpcapd -r "$capture" -w "$work/out"
  command -v ndpiReader >/dev/null && cpu_seconds ndpiReader ndpiReader -i "$capture" -q
  command -v argus >/dev/null && cpu_seconds argus argus -r "$capture" -w "$work/out/argus.out"
  if command -v tshark >/dev/null && [ "${WITH_TSHARK:-0}" = 1 ]; then
    cpu_seconds "tshark(-q)" tshark -n -q -r "$capture"
  fi
} > "$work/results"

packets=$(capinfos -c -M "$capture" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}' || true)
echo "capture: $capture (${packets:-?} packets), median CPU seconds (user+sys) of $runs runs"
base=$(awk '$1 == "telltale" {print $2}' "$work/results")
awk -v base="$base" '$1 !~ /^wall:/ {printf "  %-26s %7.2f s   %5.2fx telltale\n", $1, $2, $2 / base}' "$work/results"
echo "elapsed (wall) seconds, full dissection, median of $runs runs:"
awk '$1 ~ /^wall:/ {sub(/^wall:/, "", $1); if (!one) one = $2; printf "  %-26s %7.2f s   %5.2fx the one-worker speed\n", $1, $2, one / $2}' \
    "$work/results"

# Sourced by the bench scripts: `bench/X.sh [CAPTURE] [RUNS]` — the capture (built with
# ../shared/tools/make-bench-pcap when none is given and the default is missing), the run count, a work
# folder removed on exit, Telltale built outside the timed runs, and the timing helpers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)"
capture="${1:-}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$capture" ]; then
  capture="${TMPDIR:-/tmp}/telltale-bench.pcap"
  [ -f "$capture" ] || "$here/../shared/tools/make-bench-pcap" "$capture"
fi
"$here/telltale" --version >/dev/null   # build outside the timed runs

# cpu_once COMMAND...: CPU seconds (user + system) of one run; its stderr is left in $work/err
cpu_once() {
  rm -rf "$work/out" && mkdir -p "$work/out"
  /usr/bin/time -f "%U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
  awk '{printf "%.2f", $1 + $2}' "$work/time"
}

# median: the median of the numbers on stdin (separated by spaces or lines)
median() {
  tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

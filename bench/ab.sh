#!/usr/bin/env bash
# Before and after: `telltale read` built from REV against the working tree, on the same capture, in
# interleaved runs (this kind of machine drifts by tens of percent over minutes, so runs taken one
# after the other compare the minutes, not the code). Prints each run's CPU time (user + system),
# wall time and JIT compile time (-XX:+CITime), then the medians and their ratio.
#   bench/ab.sh REV [CAPTURE] [RUNS] [READ OPTIONS...]     e.g. bench/ab.sh HEAD~1 "" 5 --policy none
# Without CAPTURE (or with "") it builds the 2 GB benchmark capture with ../shared/tools/make-bench-pcap.
set -euo pipefail
rev="${1:?usage: bench/ab.sh REV [CAPTURE] [RUNS] [READ OPTIONS...]}"
shift
# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
shift $(($# < 2 ? $# : 2))
jar=dashboard/target/telltale-dashboard-0.1.0-SNAPSHOT.jar

git -C "$here" worktree add -q --detach "$work/before" "$rev"
trap 'git -C "$here" worktree remove --force "$work/before"; rm -rf "$work"' EXIT
echo "building $rev ..." >&2
(cd "$work/before" && ./mvnw -q -B -DskipTests -pl dashboard -am package >&2)
java="${JAVA_HOME:-$("$here/../shared/tools/jdk25-home")}/bin/java"
# the launcher's options, and the compiler's own account of its time
opts="-XX:+UseSerialGC -XX:PerMethodTrapLimit=0 -XX:+UseCompactObjectHeaders -XX:+CITime"

# once SIDE JAR [READ OPTIONS...]: prints "SIDE cpu wall jit" for one run
once() {
  rm -rf "$work/out" && mkdir -p "$work/out"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S %e" -o "$work/time" "$java" --enable-native-access=ALL-UNNAMED $opts -jar "$2" \
    read "$capture" --out "$work/out" "${@:3}" >"$work/stdout" 2>&1 || true
  awk -v side="$1" -v jit="$(awk '/Total compilation time/ {print $5}' "$work/stdout")" \
    '{printf "%-6s %7.2f %7.2f %7.2f\n", side, $1 + $2, $3, jit}' "$work/time"
}

echo "side   cpu s   wall s  jit s"
: > "$work/runs"
for _ in $(seq 1 "$runs"); do
  once before "$work/before/$jar" "$@" | tee -a "$work/runs"
  once after "$here/$jar" "$@" | tee -a "$work/runs"
done
for side in before after; do
  printf '%s ' "$side"
  for column in 2 3 4; do
    awk -v s="$side" -v c="$column" '$1 == s {print $c}' "$work/runs" | median | tr '\n' ' '
  done
  echo
done | awk '{m[$1] = $0; cpu[$1] = $2} END {
  print "medians (cpu wall jit):"; print "  " m["before"]; print "  " m["after"]
  printf "after / before, CPU: %.3f\n", cpu["after"] / cpu["before"] }'

#!/usr/bin/env bash
# The flow index at scale: indexing rate per core, bytes per flow, query latency (median, p99) of ten
# queries over COPIES × the capture's flows (each copy a day later), with and without facet counts.
#   bench/index.sh [CAPTURE] [COPIES]      (default: the 2 GB benchmark capture, 20 copies ≈ 10 M flows)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
capture="${1:-${TMPDIR:-/tmp}/telltale-bench.pcap}"
copies="${2:-20}"
[ -f "$capture" ] || "$here/../shared/tools/make-bench-pcap" "$capture"
JAVA_HOME="${JAVA_HOME:-$("$here/../shared/tools/jdk25-home" 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)}"
(cd "$here" && JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -o -DskipTests -pl benchmarks -am package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the JVM options ./telltale runs with when it indexes (TELLTALE_JAVA_OPTS overrides both)
opts=${TELLTALE_JAVA_OPTS:--XX:+UseG1GC -XX:PerMethodTrapLimit=0 -XX:+UseCompactObjectHeaders}
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $opts -Xmx12g -cp "$here/benchmarks/target/benchmarks.jar" io.telltale.benchmarks.IndexBenchmark \
  "$capture" "$work/data" "$copies" 30

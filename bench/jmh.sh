#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them with the GC profiler (bytes allocated per packet).
#   bench/jmh.sh [JMH options]      e.g. bench/jmh.sh -p traffic=steady
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$("$here/../shared/tools/jdk25-home" 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)}"
export JAVA_HOME
(cd "$here" && ./mvnw -q -B -DskipTests -pl benchmarks -am package)
exec "$JAVA_HOME/bin/java" -jar "$here/benchmarks/target/benchmarks.jar" -prof gc "$@"

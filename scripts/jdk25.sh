# Sourced by ./telltale, ./run-tests and .ci/run: sets JAVA_HOME to a JDK 25 or later.
# Order: $JAVA_HOME if it is 25+, the machine's /usr/lib/jvm/*25*, else ../shared/tools/jdk25-home
# (which unpacks the Temurin 25 copy shipped beside the project).
telltale_find_jdk25() {
  local root="$1" d
  _is25() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; }
  if [ -n "${JAVA_HOME:-}" ] && _is25 "$JAVA_HOME"; then return 0; fi
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*-2[6-9]*; do
    if [ -d "$d" ] && _is25 "$d"; then JAVA_HOME="$d"; export JAVA_HOME; return 0; fi
  done
  if [ -x "$root/../shared/tools/jdk25-home" ]; then
    JAVA_HOME="$("$root/../shared/tools/jdk25-home")" && export JAVA_HOME && return 0
  fi
  echo "no JDK 25 found: install one or set JAVA_HOME" >&2
  return 1
}

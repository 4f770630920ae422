#!/usr/bin/env bash
# The whole system on this machine, no Docker: builds, then starts PostgreSQL and Kafka (embedded,
# data in .local-data/), contract-service, transition-service, sip-service and fhir-gateway each in its own JVM,
# loads demo data into each empty database and prints the addresses. Ctrl-C stops everything.
#
#   deploy/local/run.sh              build (mvn install, tests skipped) and run
#   deploy/local/run.sh --no-build   run what was built last time
#   deploy/local/run.sh --help       settings (ports, data directory)
#
# JAVA_OPTS is passed to the LocalStack JVM (e.g. JAVA_OPTS=-Dnaravard.pg.port=25432).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --help | -h) build=false; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "[run.sh] building (mvn -q -B -Dmaven.test.skip=true -Dspotless.check.skip install) …"
  # install, not package: the services' runtime-classpath.txt names the reactor's artifacts.
  # maven.test.skip also skips compiling the tests: the local run does not need them, and a test
  # that is being edited must not stop it. `mvn verify` is where tests run.
  mvn -q -B -Dmaven.test.skip=true -Dspotless.check.skip install
fi

classpath_file="deploy/local/target/runtime-classpath.txt"
if [ ! -f "$classpath_file" ] || [ ! -d deploy/local/target/classes ]; then
  echo "[run.sh] $classpath_file is missing: run without --no-build first." >&2
  exit 1
fi

# exec: Java becomes this process, so Ctrl-C and SIGTERM reach its shutdown hook directly.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dfile.encoding=UTF-8 -Dnaravard.root="$root" \
  -cp "deploy/local/target/classes:$(cat "$classpath_file")" \
  se.naravard.local.LocalStack ${args[@]+"${args[@]}"}

#!/usr/bin/env bash
# The FHIR load benchmark of issue 6 (docs/benchmarks.md "fhir-gateway"): the whole system as
# deploy/local/run.sh starts it, on a fresh data directory, PostgreSQL durable (fsync on), no demo
# data; then the data set of ../shared/bench (1,000 patients x 5 CarePlans) loaded through the
# gateway in transaction Bundles, then ../shared/bench/fhir-wrk read, search and create at 4 and 32
# connections (create last: it grows the data set). Prints start-up time, load rate, wrk figures
# and each JVM's resident memory; everything also lands in deploy/local/target/fhir-bench/.
#
#   deploy/local/bench/fhir-bench.sh            (after ./deploy/local/run.sh has built once)
#   FHIR_BENCH_WORKLOADS="read" deploy/local/bench/fhir-bench.sh
#
# Needs wrk (apt-get install -y wrk). Run it on a quiet machine: the figures are only worth
# anything when nothing else competes for the two cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
shared_bench="${FHIR_BENCH_DIR:-$root/../shared/bench}"
workloads="${FHIR_BENCH_WORKLOADS:-read search create}"
out="$root/deploy/local/target/fhir-bench"
data_dir=".bench-data"
fhir="http://localhost:${GATEWAY_FHIR_PORT:-8080}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -f deploy/local/target/runtime-classpath.txt ] || { echo "build first: ./deploy/local/run.sh (then Ctrl-C)" >&2; exit 2; }

rm -rf "$data_dir" "$out"
mkdir -p "$out"
export NARAVARD_DEMO=false NARAVARD_PG_DURABLE=true NARAVARD_DATA_DIR="$data_dir"
launched=$(date +%s%N)
deploy/local/run.sh --no-build >"$out/stack.log" 2>&1 &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack 2>/dev/null || true' EXIT

until curl -sf -o /dev/null "$fhir/fhir/metadata"; do
  kill -0 $stack 2>/dev/null || { echo "the stack died; see $out/stack.log" >&2; tail -30 "$out/stack.log" >&2; exit 1; }
  sleep 0.2
done
echo "first /fhir/metadata answer $(( ($(date +%s%N) - launched) / 1000000 )) ms after launch (PostgreSQL, Kafka, four services)"
until grep -q "the local system is up" "$out/stack.log"; do sleep 0.5; done
grep "ready in\|fhir-gateway" "$out/stack.log" | head -3

# Resident memory per JVM (RSS), and PostgreSQL as the sum of its processes' proportional set size
# (PSS: their shared buffers counted once, not once per backend).
rss() {
  echo "resident memory ($1):"
  for main in se.naravard.local.LocalStack se.naravard.contract.Application se.naravard.transition.app.Application \
              se.naravard.sip.Application se.naravard.gateway.Application; do
    kb=0
    for pid in $(pgrep -f "java .* $main"); do
      r=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      kb=$((kb + ${r:-0}))
    done
    printf '  %-40s %6d MiB RSS\n' "$main" $((kb / 1024))
  done
  kb=0
  for pid in $(pgrep -x postgres); do
    p=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    kb=$((kb + ${p:-0}))
  done
  printf '  %-40s %6d MiB PSS\n' "PostgreSQL (all processes)" $((kb / 1024))
}
rss "idle, before loading"

# The region nurse's demo token: it may create contracts (transaction Bundles) and read and search them.
# shellcheck disable=SC1091
source "$data_dir/demo-tokens.env"
export WRK_TOKEN="$NARAVARD_TOKEN_REGION_NURSE"

classpath="deploy/local/target/classes:$(cat deploy/local/target/runtime-classpath.txt)"
java -cp "$classpath" se.naravard.local.FhirBenchData "$fhir/fhir" deploy/local/bench/contract-bundle.json "$out" \
  | tee "$out/load.txt"

export WRK_IDS="$out/careplan-ids.txt"
for w in $workloads; do
  case "$w" in
    read) export WRK_PATIENTS="$out/patient-ids.txt" ;;
    search) export WRK_PATIENTS="$out/patient-ids.txt" ;;
    create) export WRK_PATIENTS="$out/personnummer.txt" WRK_BODY="$root/deploy/local/bench/contract-bundle.json" ;;
  esac
  for c in 4 32; do
    "$shared_bench/fhir-wrk" "$w" "$c" "$fhir" | tee -a "$out/wrk.txt"
  done
done
rss "after the runs"

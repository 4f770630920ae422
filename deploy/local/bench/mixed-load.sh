#!/usr/bin/env bash
# The mixed load of issue 10 (docs/benchmarks.md "Mixed load"): the whole system as
# deploy/local/run.sh starts it, on a fresh data directory, PostgreSQL durable (fsync on), no demo
# data; the data set of ../shared/bench (1,000 patients x 5 contracts) loaded through the gateway;
# then se.naravard.local.MixedLoad for MIXED_SECONDS (600): reads, searches with _include, contract
# creates and LUS messages at once, with MIXED_SUBSCRIPTIONS (10) municipal Subscriptions delivering
# every message to a loopback receiver. Prints throughput and p50/p90/p99 per kind, notification
# latency and completeness, errors, and each process's memory; exits non-zero unless clean.
#
#   deploy/local/bench/mixed-load.sh                      (after ./deploy/local/run.sh has built once)
#   MIXED_SECONDS=60 deploy/local/bench/mixed-load.sh     (a short check)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
out="$root/deploy/local/target/mixed-load"
data_dir=".bench-data"
fhir="http://localhost:${GATEWAY_FHIR_PORT:-8080}"
[ -f deploy/local/target/runtime-classpath.txt ] || { echo "build first: ./deploy/local/run.sh (then Ctrl-C)" >&2; exit 2; }

rm -rf "$data_dir" "$out"
mkdir -p "$out"
export NARAVARD_DEMO=false NARAVARD_PG_DURABLE=true NARAVARD_DATA_DIR="$data_dir"
deploy/local/run.sh --no-build >"$out/stack.log" 2>&1 &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack 2>/dev/null || true' EXIT
until grep -q "the local system is up" "$out/stack.log"; do
  kill -0 $stack 2>/dev/null || { echo "the stack died; see $out/stack.log" >&2; tail -30 "$out/stack.log" >&2; exit 1; }
  sleep 0.5
done

# shellcheck disable=SC1091
source "$data_dir/demo-tokens.env"
export NARAVARD_TOKEN_REGION_NURSE NARAVARD_TOKEN_REGION_PHYSICIAN NARAVARD_TOKEN_MUNICIPAL_SYSTEM
export WRK_TOKEN="$NARAVARD_TOKEN_REGION_NURSE"
classpath="deploy/local/target/classes:$(cat deploy/local/target/runtime-classpath.txt)"
java -cp "$classpath" se.naravard.local.FhirBenchData "$fhir/fhir" deploy/local/bench/contract-bundle.json "$out" "${MIXED_PATIENTS:-1000}" \
  | tee "$out/load.txt"
MIXED_STACK_PID=$stack java -Xmx1g -cp "$classpath" se.naravard.local.MixedLoad "$fhir/fhir" "$out" deploy/local/bench/contract-bundle.json \
  "${MIXED_SECONDS:-600}" "${MIXED_WORKERS:-16}" "${MIXED_SUBSCRIPTIONS:-10}" "${MIXED_WARMUP:-30}" \
  | tee "$out/result.txt"

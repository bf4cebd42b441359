#!/usr/bin/env bash
# `bench pipeline` against a throwaway stack: a fresh Postgres cluster and the built API with its in-process Hangfire
# server (as ./run.sh starts them), then stops both and removes the work folder unless PREBIAS_BENCH_DIR was given.
# Build first (dotnet build Prebias.sln -c Release).
#   scripts/bench-pipeline.sh [bench pipeline options, e.g. --documents 100000]
# Environment: PREBIAS_BENCH_DIR (work folder), PREBIAS_PORT (5181), PREBIAS_PG_PORT (54431).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/prereqs.sh
data=${PREBIAS_BENCH_DIR:-$(mktemp -d /tmp/prebias-bench-pipeline-XXXX)}
keep=${PREBIAS_BENCH_DIR:+1}
port=${PREBIAS_PORT:-5181}
pg_port=${PREBIAS_PG_PORT:-54431}
prebias_bench_pg_start "$data" "$pg_port" >/dev/null
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  prebias_bench_pg_stop "$data"
  [ -n "$keep" ] || rm -rf "$data"
}
trap cleanup EXIT
prebias_pg createdb -h 127.0.0.1 -p "$pg_port" -U postgres prebias
(umask 077; head -c 32 /dev/urandom | base64 | tr -d '=+/\n' | cut -c1-40 > "$data/api-key")
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=prebias"
bin=$root/Prebias.Api/bin/Release/net10.0
ConnectionStrings__Prebias="$connection" \
Prebias__Auth__ApiKeyFile=$data/api-key Prebias__Worker__InProcess=true \
Prebias__Artifacts__Path=$data/artifacts Prebias__Import__Roots__0=$data/imports \
  dotnet "$bin/Prebias.Api.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" >"$data/api.log" 2>&1 &
api_pid=$!
dotnet Prebias.Bench/bin/Release/net10.0/Prebias.Bench.dll pipeline --api "http://127.0.0.1:$port" \
  --key-file "$data/api-key" --api-pid "$api_pid" --connection "$connection" --data "$data/artifacts" "$@"

#!/usr/bin/env bash
# `bench experiment` against a throwaway stack: a fresh Postgres cluster and the built API with its in-process
# Hangfire server (as ./run.sh starts them), then stops both. Build first (dotnet build Prebias.sln -c Release).
#   scripts/bench-experiment.sh [bench experiment options, e.g. --steps 300 --seeds 3]
# Environment: PREBIAS_BENCH_DIR (work folder, default a new /tmp dir), PREBIAS_PORT (5180), PREBIAS_PG_PORT (54429).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/prereqs.sh
data=${PREBIAS_BENCH_DIR:-$(mktemp -d /tmp/prebias-bench-experiment-XXXX)}
port=${PREBIAS_PORT:-5180}
pg_port=${PREBIAS_PG_PORT:-54429}
# A PREBIAS_BENCH_DIR from an earlier run is reused (bench experiment --experiment ID reads its experiment back).
fresh=$(prebias_bench_pg_start "$data" "$pg_port")
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  prebias_bench_pg_stop "$data"
}
trap cleanup EXIT
if [ "$fresh" -eq 1 ]; then
  prebias_pg createdb -h 127.0.0.1 -p "$pg_port" -U postgres prebias
  (umask 077; head -c 32 /dev/urandom | base64 | tr -d '=+/\n' | cut -c1-40 > "$data/api-key")
fi
bin=$root/Prebias.Api/bin/Release/net10.0
ConnectionStrings__Prebias="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=prebias" \
Prebias__Auth__ApiKeyFile=$data/api-key Prebias__Worker__InProcess=true \
Prebias__Artifacts__Path=$data/artifacts Prebias__Import__Roots__0=$data/imports \
  dotnet "$bin/Prebias.Api.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" >"$data/api.log" 2>&1 &
api_pid=$!
dotnet Prebias.Bench/bin/Release/net10.0/Prebias.Bench.dll experiment \
  --api "http://127.0.0.1:$port" --key-file "$data/api-key" "$@"

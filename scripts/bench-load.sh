#!/usr/bin/env bash
# Load on four read endpoints with wrk (32 connections, 20 s each), first on an idle server, then while a run
# trains; prints `<figure>: <number>` lines (requests/s, p50, p99, non-2xx per endpoint and phase).
# Needs a running API with a trained and evaluated run whose dataset has sample metrics: ./run.sh (the demo) in
# another terminal.
#   scripts/bench-load.sh [--url http://127.0.0.1:5080] [--key KEY] [--connections 32] [--duration 20s] [--no-training]
set -euo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:${PREBIAS_PORT:-5080}
key=$(cat .data/api-key 2>/dev/null || true)
connections=32 duration=20s training=1
while [ $# -gt 0 ]; do
  case $1 in
    --url) url=$2; shift ;;
    --key) key=$2; shift ;;
    --connections) connections=$2; shift ;;
    --duration) duration=$2; shift ;;
    --no-training) training=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
missing=(); for tool in wrk jq curl; do command -v $tool >/dev/null || missing+=($tool); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "install ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 2; }
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

get() { curl -fsS "$url$1"; }
run=$(get "/api/runs?limit=1000" | jq -r '[.[] | select(.state == "Succeeded")][0] // empty')
[ -n "$run" ] || { echo "no succeeded run at $url: start ./run.sh and let the demo finish" >&2; exit 2; }
run_id=$(jq -r .id <<<"$run"); dataset_id=$(jq -r .datasetId <<<"$run")
step=$(get "/api/runs/$run_id/checkpoints" | jq -r '.[-1].step')
endpoints=(
  "run=/api/runs/$run_id"
  "checkpoints=/api/runs/$run_id/checkpoints"
  "samples=/api/datasets/$dataset_id/samples?sort=sentiment&order=desc&limit=50"
  "saturation=/api/runs/$run_id/saturation"
)
echo "# $url run $run_id (checkpoint $step), dataset $dataset_id; $connections connections, $duration per endpoint"

load() { # phase
  for endpoint in "${endpoints[@]}"; do
    local name=${endpoint%%=*} path=${endpoint#*=}
    curl -fsS -o /dev/null "$url$path" || { echo "GET $path failed" >&2; exit 1; }
    LABEL="load $1 $name" wrk -t2 -c"$connections" -d"$duration" --latency -s bench/load/report.lua "$url$path" | grep -E '^load '
  done
}

load idle
[ "$training" -eq 1 ] || exit 0
[ -n "$key" ] || { echo "no API key (--key or .data/api-key) to start a training run" >&2; exit 2; }
# A run long enough to train through the whole measurement, cancelled at the end.
body=$(jq -n --arg d "$dataset_id" '{datasetId: $d, name: "bench-load", training: {maxIters: 100000, evalInterval: 100000}}')
job=$(curl -fsS -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d "$body" "$url/api/runs" | jq -r .jobId)
trap 'curl -fsS -o /dev/null -X DELETE -H "X-Api-Key: $key" "$url/api/jobs/$job" || true' EXIT
for _ in $(seq 120); do [ "$(get "/api/jobs/$job" | jq -r .state)" = Processing ] && break; sleep 1; done
[ "$(get "/api/jobs/$job" | jq -r .state)" = Processing ] || { echo "training job $job did not start" >&2; exit 1; }
sleep 5 # past order compilation, into the steps
load training

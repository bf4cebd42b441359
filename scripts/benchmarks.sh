#!/usr/bin/env bash
# Runs every benchmark of the README on this machine, with the peers it is compared against, and prints the
# figures. Needs the TinyStories sample (default ../shared/data/tinystories-valid-sample.jsonl) and, for
# `bench copy`, a migrated Prebias database (it starts ./run.sh's embedded cluster when present).
#   scripts/benchmarks.sh [sample.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-../shared/data/tinystories-valid-sample.jsonl}
threads=$(nproc)
source scripts/prereqs.sh
dotnet build Prebias.Bench -c Release -nologo -v q >/dev/null
bench() { echo "### bench $*"; dotnet Prebias.Bench/bin/Release/net10.0/Prebias.Bench.dll "$@" | tail -n 12; }

bench matmul --repeat 5
bench tokenize --train-vocab 4096 --input "$sample" --repeat 30 --threads "$threads" --compare-spm
bench tokenize --train-vocab 512 --input "$sample" --repeat 30 --threads "$threads" --compare-spm
bench metrics --input "$sample" --repeat 20 --threads "$threads"
bench ordering --samples 2000000 --method shuffle
bench ordering --samples 2000000 --method curriculum
bench analysis
bench plots --repeat 10
bench imports --documents 100000 --repeat 3
bench mixture --documents 50000 --size 100000 --repeat 3
bench export-hf --preset stories15m --repeat 3
# Interleaved shuffle/dynamic pairs: the overhead is a mean ratio with its 95 % interval.
bench dynamic --steps 100 --batch 8 --seq 64 --refresh 50 --samples 1024 --pool 128 --repeats 3 --threads "$threads"
# One checkpoint's evaluation, with what k-word accuracy, the in-context scores and PMI add to it.
bench evaluation --input "$sample" --samples 128 --threads "$threads"

if [ -f .data/postgres/PG_VERSION ]; then
  started=0
  prebias_pg pg_ctl -D .data/postgres status >/dev/null 2>&1 || { prebias_pg pg_ctl -D .data/postgres -l .data/postgres/server.log -w -o "-p 54329 -k $PWD/.data/postgres -c listen_addresses=127.0.0.1" start >/dev/null; started=1; }
  bench copy --rows 500000 --repeat 3
  [ "$started" -eq 1 ] && prebias_pg pg_ctl -D .data/postgres -m fast -w stop >/dev/null
else
  echo "### bench copy skipped: run ./run.sh once to create the embedded cluster"
fi

for spec in "stories260k 32" "tiny1m 32" "stories15m 16"; do
  set -- $spec
  bench train --preset "$1" --steps 6 --batch "$2" --threads "$threads"
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import torch" 2>/dev/null; then
    echo "### peer: PyTorch $1"
    /usr/bin/python3 bench/peers/train_llama2c.py --preset "$1" --steps 6 --batch "$2" --threads "$threads" | tail -n 3
  fi
done

bench concurrency --preset stories260k --batch 16 --seq 256 --steps 20 --threads "$threads"
# The whole experiment through the real jobs, against a throwaway Postgres and API (with its llama2.c peer).
echo "### bench experiment"
scripts/bench-experiment.sh --preset stories260k --orderings 2 --seeds 3 --steps 300 | tail -n 16

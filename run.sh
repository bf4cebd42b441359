#!/usr/bin/env bash
# The main job: an embedded Postgres cluster under .data/, the API with an in-process worker, then the demo.
#   ./run.sh                    print the URLs and the API key as soon as the API answers, run the demo, serve until Ctrl-C
#   ./run.sh --no-demo          serve at once, without the demo
#   ./run.sh --exit-after-demo  exit 0 when the demo succeeded
# A second ./run.sh reuses the first one's demo resources (same requests, same corpus, dataset, experiment and runs).
# Environment: PREBIAS_DB (use this connection string instead of the embedded cluster), PREBIAS_PORT (API port,
# default 5080), PREBIAS_PG_PORT (embedded cluster port, default 54329), PREBIAS_DATA (data folder, default ./.data).
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
exit_after_demo=0
no_demo=0
for arg in "$@"; do
  case $arg in
    --exit-after-demo) exit_after_demo=1 ;;
    --no-demo) no_demo=1 ;;
    *) echo "unknown argument: $arg (usage: ./run.sh [--no-demo | --exit-after-demo])" >&2; exit 2 ;;
  esac
done
if [ "$no_demo" -eq 1 ] && [ "$exit_after_demo" -eq 1 ]; then
  echo "--no-demo and --exit-after-demo exclude each other" >&2; exit 2
fi
data=${PREBIAS_DATA:-$root/.data}
port=${PREBIAS_PORT:-5080}
mkdir -p "$data"
source scripts/prereqs.sh
prebias_ensure_prereqs

# --- Postgres: the user's database, or an embedded cluster owned by the postgres user ---------------------------
pg_dir=""
if [ -n "${PREBIAS_DB:-}" ]; then
  connection=$PREBIAS_DB
else
  pg_port=${PREBIAS_PG_PORT:-54329}
  pg_dir=$data/postgres
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$data"; then
    # The postgres user cannot reach the checkout (e.g. under /root): keep the cluster in /var/lib instead.
    pg_dir=/var/lib/prebias/$(printf %s "$root" | sha1sum | cut -c1-12)/postgres
    echo "Postgres cannot reach $data; its cluster lives in $pg_dir"
  fi
  if [ ! -f "$pg_dir/PG_VERSION" ]; then
    echo "Creating the embedded Postgres cluster in $pg_dir"
    mkdir -p "$pg_dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
    prebias_pg initdb -D "$pg_dir" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
  fi
  if ! prebias_pg pg_ctl -D "$pg_dir" status >/dev/null 2>&1; then
    prebias_pg pg_ctl -D "$pg_dir" -l "$pg_dir/server.log" -w -t 60 \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null \
      || { echo "Postgres did not start; see $pg_dir/server.log" >&2; exit 1; }
  fi
  if ! prebias_pg psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'prebias'" | grep -q 1; then
    prebias_pg createdb -h 127.0.0.1 -p "$pg_port" -U postgres prebias
  fi
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=prebias"
fi

# --- API key: generated once into a file only its owner can read; the API and the demo are given the file's path --
# (not the key or its hash: the environment and the command line of a process are visible in /proc and ps)
key_file=$data/api-key
if [ ! -s "$key_file" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 | tr -d '=+/\n' | cut -c1-40 > "$key_file")
fi
chmod 600 "$key_file"
api_key=$(cat "$key_file")
# Server paths that a "file" corpus source may name live here (Prebias:Import:Roots).
mkdir -p "$data/imports"

# --- Build and start the API with an in-process Hangfire server ------------------------------------------------
echo "Building (Release) ..."
dotnet build Prebias.sln -c Release -nologo -v q >"$data/build.log" 2>&1 || { tail -n 30 "$data/build.log"; exit 1; }
bin=$root/Prebias.Api/bin/Release/net10.0
url=http://127.0.0.1:$port

api_pid=""
shutdown() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  [ -n "$pg_dir" ] && prebias_pg pg_ctl -D "$pg_dir" -m fast -w stop >/dev/null 2>&1 || true
}
trap shutdown EXIT
trap 'exit 130' INT TERM

ConnectionStrings__Prebias=$connection \
Prebias__Auth__ApiKeyFile=$key_file \
Prebias__Worker__InProcess=true \
Prebias__Artifacts__Path=$data/artifacts \
Prebias__Import__Roots__0=$data/imports \
  dotnet "$bin/Prebias.Api.dll" --contentRoot "$bin" --urls "$url" >"$data/api.log" 2>&1 &
api_pid=$!
echo "API starting (log: $data/api.log)"

print_urls() {
  echo "Dashboard: $url/"
  echo "Swagger:   $url/swagger"
  echo "Hangfire:  $url/hangfire"
  echo "API key: $api_key"
}

# GET /health/live answers 200 (bash's /dev/tcp, so no curl is needed on a fresh machine).
api_answers() {
  local status
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health/live HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3) 2>/dev/null) || return 1
  [[ $status == *" 200 "* ]]
}

# The URLs as soon as the API answers (about a minute), not after the demo.
for _ in $(seq 1 360); do
  kill -0 "$api_pid" 2>/dev/null || { echo "The API exited during start-up; see $data/api.log" >&2; tail -n 20 "$data/api.log" >&2; exit 1; }
  api_answers && break
  sleep 0.5
done
print_urls

if [ "$no_demo" -eq 1 ]; then
  echo "Serving until Ctrl-C (no demo)."
  wait "$api_pid"
  exit 0
fi

set +e
dotnet "$root/Prebias.Workers/bin/Release/net10.0/Prebias.Workers.dll" demo --api "$url" --key-file "$key_file" --api-pid "$api_pid" \
  --ledger "$data/demo-ledger.json"
demo_status=$?
set -e
if [ "$exit_after_demo" -eq 1 ]; then
  print_urls
  exit "$demo_status"
fi
[ "$demo_status" -eq 0 ] || echo "The demo failed (exit $demo_status); the API keeps serving. Log: $data/api.log"
print_urls
echo "Serving until Ctrl-C."
wait "$api_pid"

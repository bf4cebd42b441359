#!/usr/bin/env bash
# Runs the whole test suite. Integration tests start their own throwaway Postgres cluster (in /tmp, on a free
# loopback port) and remove it when the test process exits; what a killed run left behind is removed here.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prereqs.sh
prebias_ensure_prereqs

# Only clusters whose owning test process is gone: other test runs on this machine keep theirs.
cleanup() {
  for d in /tmp/prebias-test-pg-*; do
    [ -d "$d" ] || continue
    owner=$(cat "$d.owner" 2>/dev/null || true)
    [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null && continue
    # A cluster without an owner file may be one being created right now: only an hour-old one is left over.
    [ -z "$owner" ] && [ -z "$(find "$d" -maxdepth 0 -mmin +60)" ] && continue
    [ -f "$d/postmaster.pid" ] && prebias_pg pg_ctl -D "$d" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$d" "$d.owner"
  done
}
trap cleanup EXIT

dotnet build Prebias.sln -c Release -nologo -v q
set +e
dotnet test Prebias.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/prebias-test.log
status=${PIPESTATUS[0]}
set -e
# CI shows only the log's tail: repeat each failed test there with the start of its message and stack.
awk '/^[[:space:]]+Failed Prebias\./ { n++; keep = (n <= 8); lines = 0; if (keep) print "FAILED:" $0; next }
     /^[[:space:]]+(Passed|Skipped) Prebias\./ || /^\[[0-9:]+ [A-Z]+\]/ { keep = 0; next }
     keep && lines < 25 { print; lines++ }' /tmp/prebias-test.log
# One closing line in the plain 'N passed, N failed' form.
awk '/(Passed|Failed)! +- +Failed: /{ gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }; next }
     /^[[:space:]]*Passed:[[:space:]]*[0-9]+[[:space:]]*$/ { p += $2 } /^[[:space:]]*Failed:[[:space:]]*[0-9]+[[:space:]]*$/ { f += $2 }
     /^[[:space:]]*Skipped:[[:space:]]*[0-9]+[[:space:]]*$/ { s += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' /tmp/prebias-test.log
exit "$status"

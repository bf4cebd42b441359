# Sourced by run.sh and test.sh: installs the Debian packages Prebias needs when they are missing.
#   postgresql     embedded Postgres cluster (run.sh) and throwaway test clusters (test.sh)
#   gcc, patchelf  the TorchSharp GLIBCXX_3.4.32 fix done at build time (build/glibcxx-shim)
#   sentencepiece  spm_train / spm_encode: vocabulary training and the tokenizer agreement tests
#   nodejs, npm    lexicon and chart packages restored from the npm registry at build time
#   chromium       headless browser for the dashboard end-to-end tests
prebias_pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

prebias_ensure_prereqs() {
  local missing=()
  prebias_pg_bindir >/dev/null || missing+=(postgresql)
  command -v cc >/dev/null || missing+=(gcc libc6-dev)
  command -v patchelf >/dev/null || missing+=(patchelf)
  command -v readelf >/dev/null || missing+=(binutils)
  command -v spm_train >/dev/null || missing+=(sentencepiece)
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v runuser >/dev/null || missing+=(util-linux)
  command -v chromium >/dev/null || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) or run as root." >&2
    return 1
  fi
  echo "Installing ${missing[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's postgresql package creates and starts a default cluster; we use our own, so stop that one.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true; done
  fi
}

# Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root).
prebias_pg() {
  local tool=$1; shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$(prebias_pg_bindir)/$tool" "$@"; else "$(prebias_pg_bindir)/$tool" "$@"; fi
}

# The benchmarks' throwaway cluster in DIR/postgres on loopback PORT: created on first use (a kept bench folder is
# reused), then started. Prints 1 when it was created. Stop it with prebias_bench_pg_stop DIR.
prebias_bench_pg_start() {
  local data=$1 port=$2 pg_dir=$1/postgres fresh=0
  mkdir -p "$pg_dir" "$data/imports"
  chmod 755 "$data"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  [ -f "$pg_dir/PG_VERSION" ] || { prebias_pg initdb -D "$pg_dir" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null; fresh=1; }
  prebias_pg pg_ctl -D "$pg_dir" -l "$pg_dir/server.log" -w -t 60 -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
  echo "$fresh"
}

prebias_bench_pg_stop() { prebias_pg pg_ctl -D "$1/postgres" -m fast -w stop >/dev/null 2>&1 || true; }

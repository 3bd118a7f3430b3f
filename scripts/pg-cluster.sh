#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on a free loopback port, run as the
# postgres user, for tests and benchmarks.
#   scripts/pg-cluster.sh start <dir>   initdb (if needed) and start; prints the URL
#   scripts/pg-cluster.sh stop <dir>    stop it, keeping the data (fast shutdown)
#   scripts/pg-cluster.sh kill <dir>    stop it abruptly (immediate: crash recovery on start)
#   scripts/pg-cluster.sh destroy <dir> stop it and remove <dir>
set -euo pipefail
cmd=${1:?start|stop|kill|destroy}
dir=${2:?cluster directory}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [[ $(id -un) == postgres ]]; then "$@"; else runuser -u postgres -- "$@"; fi; }

source "$(dirname "$0")/lib.sh"

case "$cmd" in
  start)
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      install -d -o postgres -g postgres "$dir" "$dir/data"
      as_pg test -w "$dir/data" || { echo "the postgres user cannot reach $dir (check its parents' permissions)" >&2; exit 1; }
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      free_port > "$dir/port"
      cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $(cat "$dir/port")
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start >/dev/null
    echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
    ;;
  stop) as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  kill) as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null ;;
  destroy)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# What a PostgreSQL database's client backends are waiting on: samples
# pg_stat_activity back to back and counts each active backend's wait event
# (`cpu` when running) with the start of its statement, most frequent first.
# Run it beside a load (bench/pg_bench.sh prints nothing of this itself):
#   bench/pg_waits.sh <database url> [samples=300]
# Each sample is one psql call, a few milliseconds apart.
set -euo pipefail
url=${1:?usage: bench/pg_waits.sh <database url> [samples]}
samples=${2:-300}
db=$(psql -Atq "$url" -c "SELECT current_database()")
for ((i = 0; i < samples; i++)); do
  psql -Atq "$url" -c "SELECT coalesce(wait_event_type, 'cpu') || ':' || coalesce(wait_event, '-')
      || ' ' || left(regexp_replace(query, '\s+', ' ', 'g'), 30)
    FROM pg_stat_activity
    WHERE datname = '$db' AND state = 'active' AND backend_type = 'client backend'
      AND pid <> pg_backend_pid()"
done | sort | uniq -c | sort -rn | head -25

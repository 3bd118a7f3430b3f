#!/usr/bin/env bash
# HTTP benchmarks of salond on the demo data with wrk, beside nginx serving
# the same bytes as a static file (the HTTP ceiling of this machine).
#   [SALONS=1] [ONLY_CREATE=1] [SALOND=path] bench/http_bench.sh [seconds=10] [connections=64]
# Bookings go round SALONS salons; ONLY_CREATE skips the pulls and nginx;
# SALOND runs another build's server (an A/B of two commits in one session).
# Needs a Release build in build/ (./run or scripts/build.sh build), wrk and
# nginx (installed here if missing). Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
scripts/install-deps.sh wrk nginx-light >/dev/null

source bench/lib.sh
make_work_dir salon-bench
port=18181
nginx_port=18282

demo=$(build/tools/salonctl/salonctl seed --demo --json --data-dir "$work/data")
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$demo" "$1"; }
salon=$(field salon_id); key=$(field api_key); branch=$(field branch_id)
"${SALOND:-build/src/server/salond}" --data-dir "$work/data" --listen 127.0.0.1:$port --admin-key bench \
  > "$work/salond.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/healthz"

day=$(python3 -c "import datetime; print((datetime.date.today()+datetime.timedelta(days=(5-datetime.date.today().weekday())%7 or 7)).isoformat())")
cal="http://127.0.0.1:$port/v1/salons/$salon/branches/$branch/calendar?date=$day"
auth="Authorization: Bearer $key"
etag=$(curl -s -D - -o "$work/calendar.json" -H "$auth" "$cal" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')

# The ceiling: nginx serving the calendar body as a file, 2 workers like our 2 I/O threads.
mkdir -p "$work/www"
cp "$work/calendar.json" "$work/www/calendar.json"
start_nginx "$work/www" "$nginx_port" "etag on;"
wait_for "http://127.0.0.1:$nginx_port/calendar.json"
nginx_etag=$(curl -sI "http://127.0.0.1:$nginx_port/calendar.json" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')

# Durable bookings: a salon of 6 staff (the standard workload) working round
# the clock; each request books its own (staff, slot), so none collide.
setup_bench_salons "http://127.0.0.1:$port" bench "${SALONS:-1}"

echo "wrk -t2 -c$conns -d${secs}s on $(nproc) cores; salond: 2 I/O threads, SQLite, synchronous=FULL"
echo
echo "| request | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
[[ -n "${ONLY_CREATE:-}" ]] || run_wrk "calendar pull, unchanged (304), salond" -H "$auth" -H "If-None-Match: $etag" "$cal"
[[ -n "${ONLY_CREATE:-}" ]] || run_wrk "static file 304, nginx (ceiling)" -H "If-None-Match: $nginx_etag" "http://127.0.0.1:$nginx_port/calendar.json"
[[ -n "${ONLY_CREATE:-}" ]] || run_wrk "calendar pull, full (200), salond" -H "$auth" "$cal"
[[ -n "${ONLY_CREATE:-}" ]] || run_wrk "static file 200, nginx (ceiling)" "http://127.0.0.1:$nginx_port/calendar.json"
run_wrk "create appointment (201, durable), salond" -s "$work/create.lua" "http://127.0.0.1:$port"
count=$(sqlite3 "$work/data/salon.db" "select count(*) from appointments where start_s >= 1893456000")
echo
echo "bookings stored: $count; calendar body: $(wc -c < "$work/calendar.json") bytes"

#!/usr/bin/env bash
# salon-load's pull and create scenarios beside this machine's ceilings (the
# blast beside Kannel's intake is bench/blast_bench.sh):
#   pull   — salond, then nginx answering the same requests (the same paths,
#            304 to If-None-Match, else the same calendar bytes);
#   create — salond, then the store's raw insert rate
#            (build/bench/store_insert_bench: the rows of a booking, durable).
#   bench/load_bench.sh [seconds=10]
# On $SALONS seeded salons (30 days of bookings ahead, so pulled days are
# full). Needs a Release build (scripts/build.sh build) and nginx (installed
# here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
salons=${SALONS:-1000}
pull_rates=${PULL_RATES:-"5000 10000 20000 30000"}
create_rates=${CREATE_RATES:-"1000 2000 3000"}
scripts/install-deps.sh nginx-light >/dev/null

source bench/lib.sh
source scripts/lib.sh
make_work_dir salon-load-bench
port=$(free_port) nginx_port=$(free_port)
load=build/tools/salon_load/salon-load

build/tools/salonctl/salonctl --data-dir "$work/data" seed --salons "$salons" --clients 50 \
  --history-days 0 --future-days 30 | tail -1
build/src/server/salond --data-dir "$work/data" --listen "127.0.0.1:$port" \
  >"$work/salond.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/readyz"

# salon-load pulls the day two Mondays ahead; nginx serves the first salon's.
day=$(python3 -c "import datetime as d; t=d.date.today(); print(t+d.timedelta(days=(8-(t.weekday()+1)%7)%7+7))")
read -r salon key branch < <(python3 -c "import json; s=json.loads(open('$work/data/salons.jsonl').readline()); print(s['id'], s['key'], s['branch'])")
mkdir -p "$work/www"
curl -sf -H "Authorization: Bearer $key" -o "$work/www/calendar.json" \
  "http://127.0.0.1:$port/v1/salons/$salon/branches/$branch/calendar?date=$day"
# Every path answers that body, or 304 to any If-None-Match.
start_nginx "$work/www" "$nginx_port" \
  'if ($http_if_none_match) { return 304; } try_files /calendar.json =404;'
echo "salons: $salons seeded; calendar body: $(wc -c <"$work/www/calendar.json") bytes; $(nproc) cores"

summary() { grep -E "answered|latency"; }
for rate in $pull_rates; do
  echo "== pull at $rate/s: salond"
  $load run pull --port "$port" --salons-file "$work/data/salons.jsonl" --salons "$salons" \
    --rate "$rate" --duration "$secs" --threads 2 | summary
  echo "== pull at $rate/s: nginx (ceiling)"
  $load run pull --port "$port" --send-to "$nginx_port" --salons-file "$work/data/salons.jsonl" \
    --salons "$salons" --rate "$rate" --duration "$secs" --threads 2 | summary
done
seed=0
for rate in $create_rates; do
  seed=$((seed + 1))  # each run books its own year
  echo "== create at $rate/s: salond"
  $load run create --port "$port" --salons-file "$work/data/salons.jsonl" --salons "$salons" \
    --rate "$rate" --duration "$secs" --threads 2 --seed "$seed" | summary
done
echo "== the store's raw insert rate (ceiling of create)"
SALON_BENCH_STORE="sqlite:$work/raw" build/bench/store_insert_bench --benchmark_min_time="$secs"

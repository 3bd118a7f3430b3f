#!/usr/bin/env bash
# salon-load's pull, create and checkout scenarios beside this machine's
# ceilings (the blast beside Kannel's intake is bench/blast_bench.sh):
#   pull     — salond, then nginx answering the same requests (the same paths,
#              304 to If-None-Match, else the same calendar bytes);
#   create   — salond, then the store's raw insert rate
#              (build/bench/store_insert_bench: the rows of a booking, durable);
#   checkout — salond (walk-in sales: a service and a product, card plus cash
#              with change), then the store's raw rate for the same rows
#              (store_insert_bench's BM_WalkInCheckoutRows, durable).
#   [SCENARIOS="pull create"] [STORE=postgres|postgres://…] bench/load_bench.sh [seconds=10]
# On $SALONS seeded salons (30 days of bookings ahead, so pulled days are
# full). salond and the raw rates use SQLite unless STORE says PostgreSQL:
# "postgres" starts a throwaway cluster (scripts/pg-cluster.sh, as
# bench/pg_bench.sh does) with a database for each; a URL names an empty
# database both use (the raw rates under salons of their own). Needs a
# Release build (scripts/build.sh build) and nginx for pull (installed here
# if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
salons=${SALONS:-1000}
scenarios=" ${SCENARIOS:-pull create} "
pull_rates=${PULL_RATES:-"5000 10000 20000 30000"}
create_rates=${CREATE_RATES:-"1000 2000 3000"}
checkout_rates=${CHECKOUT_RATES:-"500 1000 1500"}
for s in $scenarios; do
  [[ $s == pull || $s == create || $s == checkout ]] || { echo "unknown scenario $s" >&2; exit 2; }
done
has() { [[ $scenarios == *" $1 "* ]]; }
has pull && scripts/install-deps.sh nginx-light >/dev/null

source bench/lib.sh
source scripts/lib.sh
make_work_dir salon-load-bench
port=$(free_port) nginx_port=$(free_port)
load=build/tools/salon_load/salon-load

store=${STORE:-}
raw="sqlite:$work/raw"
if [[ $store == postgres ]]; then
  start_postgres salon raw
  store="$pg_base/salon" raw="$pg_base/raw"
elif [[ -n $store ]]; then
  raw=$store
fi
store_flag=()
[[ -n $store ]] && store_flag=(--store "$store")

build/tools/salonctl/salonctl --data-dir "$work/data" "${store_flag[@]}" seed --salons "$salons" \
  --clients 50 --history-days 0 --future-days 30 | tail -1
build/src/server/salond --data-dir "$work/data" "${store_flag[@]}" --listen "127.0.0.1:$port" \
  >"$work/salond.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/readyz"

summary() { grep -E "answered|latency"; }
if has pull; then
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
  for rate in $pull_rates; do
    echo "== pull at $rate/s: salond"
    $load run pull --port "$port" --salons-file "$work/data/salons.jsonl" --salons "$salons" \
      --rate "$rate" --duration "$secs" --threads 2 | summary
    echo "== pull at $rate/s: nginx (ceiling)"
    $load run pull --port "$port" --send-to "$nginx_port" --salons-file "$work/data/salons.jsonl" \
      --salons "$salons" --rate "$rate" --duration "$secs" --threads 2 | summary
  done
else
  echo "salons: $salons seeded; store: ${store:-SQLite}; $(nproc) cores"
fi
if has create; then
  seed=0
  for rate in $create_rates; do
    seed=$((seed + 1))  # each run books its own year
    echo "== create at $rate/s: salond"
    $load run create --port "$port" --salons-file "$work/data/salons.jsonl" --salons "$salons" \
      --rate "$rate" --duration "$secs" --threads 2 --seed "$seed" | summary
  done
  echo "== the store's raw insert rate (ceiling of create)"
  SALON_BENCH_STORE="$raw" build/bench/store_insert_bench --benchmark_min_time="$secs" \
    --benchmark_filter=BM_BookingRows
fi
if has checkout; then
  for rate in $checkout_rates; do
    echo "== checkout at $rate/s: salond"
    $load run checkout --port "$port" --salons-file "$work/data/salons.jsonl" --salons "$salons" \
      --rate "$rate" --duration "$secs" --threads 2 | summary
  done
  echo "== the store's raw rate for a walk-in checkout's rows (ceiling of checkout)"
  SALON_BENCH_STORE="$raw" build/bench/store_insert_bench --benchmark_min_time="$secs" \
    --benchmark_filter=BM_WalkInCheckoutRows
fi

#!/usr/bin/env bash
# Contention stays local (issue 15): one hot salon takes half of all bookings
# (1 in 10 of its bookings racing for a slot it already gave away), and the
# other salons' bookings must not slow down. On one salond, twice in turn:
# salon-load's `create` at R/2 req/s (what the others send, alone), `create`
# at R (the same total, spread evenly) and `hot` at R (R/2 for the others
# beside R/2 at the hot salon); prints the others' p99 in each run beside the
# hot salon's, and how many writes shared each commit (/metrics).
#   [STORE=postgres] bench/hot_bench.sh [rate=500] [seconds=20] [salons=10]
# SQLite unless STORE=postgres (a throwaway cluster, as bench/pg_bench.sh);
# SALOND=path runs another salond binary (an A/B of two builds).
# Needs a Release build (scripts/build.sh build).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-500}
secs=${2:-20}
salons=${3:-10}

source bench/lib.sh
source scripts/lib.sh
make_work_dir salon-hot-bench
port=$(free_port)
store_flag=()
if [[ ${STORE:-} == postgres ]]; then
  start_postgres salon
  store_flag=(--store "$pg_base/salon")
fi
"${SALOND:-build/src/server/salond}" --data-dir "$work/data" "${store_flag[@]}" --listen "127.0.0.1:$port" \
  --admin-key bench >"$work/salond.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/readyz"

# run <scenario> <rate>: the p99 (ms) of each request kind, "kind=p99 …", and the errors.
run() {
  build/tools/salon_load/salon-load run "$1" --port "$port" --admin-key bench \
    --salons "$salons" --rate "$2" --duration "$secs" |
    python3 -c '
import re, sys
kinds, errors = {}, "?"
for line in sys.stdin:
    m = re.match(r"\s+(\w+)\s.*×.*p99 ([\d.]+) ms", line)
    if m: kinds[m.group(1)] = m.group(2)
    m = re.search(r"errors (\d+)", line)
    if m: errors = m.group(1)
print(" ".join(f"{k}={v}" for k, v in kinds.items()), f"errors={errors}")'
}

echo "$(nproc) cores; ${STORE:-sqlite}; $salons salons a run; $secs s each"
echo "| run | rate | others' bookings p99 | hot salon's p99 | its races (409) p99 | errors | writes a commit |"
echo "|---|---|---|---|---|---|---|"
for round in 1 2; do
  for step in "create $((rate / 2))" "create $rate" "hot $rate"; do
    read -r scenario r <<<"$step"
    read -r w0 c0 <<<"$(store_counts "$port")"
    out=$(run "$scenario" "$r")
    read -r w1 c1 <<<"$(store_counts "$port")"
    per_commit=$(writes_a_commit "$w0" "$c0" "$w1" "$c1")
    field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$out"; }
    echo "| $scenario ($round) | $r/s | $(field create) ms | $(field create_hot) ms | $(field create_hot_race) ms | $(field errors) | $per_commit |"
  done
done

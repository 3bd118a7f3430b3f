#!/usr/bin/env bash
# The regression gate: reruns salon-load's pull, create and day scenarios at
# fixed rates against a fresh salond (SQLite, seeded salons) and checks each
# against its committed baseline in bench/baseline/<scenario>.json with
# `salon-load compare` (answered/s, p50, p99, error rate). Fails on a
# regression beyond the tolerance.
#
#   bench/regression.sh [--record] [--runs N] [--tolerance T] [--build DIR]
#
#   --record     write the baselines from this build instead of checking
#   --runs N     runs per scenario (default 3, at most 16); the best p99 counts,
#                so one noisy run on a shared machine does not fail the gate
#   --tolerance  allowed relative worsening (default 0.25; compare adds 1 ms
#                of slack to latencies)
#   --build DIR  the Release build to measure (default build)
#
# The rates are the standard workload's shapes well inside one node's
# capacity on this 2-core machine (docs/BENCHMARKS.md): a regression shows as
# latency before it shows as lost throughput. Baselines are trimmed to what
# compare reads, plus the commit, date and command that made them
# (bench/trim_run.py).
set -euo pipefail
cd "$(dirname "$0")/.."
record=0 runs=3 tolerance=0.25 build=build
while [[ $# -gt 0 ]]; do
  case $1 in
    --record) record=1 ;;
    --runs) runs=$2; shift
            [[ $runs =~ ^[0-9]+$ ]] && ((runs >= 1 && runs <= 16)) || { echo "--runs: 1 to 16" >&2; exit 2; } ;;
    --tolerance) tolerance=$2; shift ;;
    --build) build=$2; shift ;;
    *) echo "usage: bench/regression.sh [--record] [--runs N] [--tolerance T] [--build DIR]" >&2
       exit 2 ;;
  esac
  shift
done
# scenario → its rate (requests/s) and salons; each run is 10 s.
declare -A rate=([pull]=10000 [create]=500 [day]=1500)
salons=200 secs=10
scenarios=(pull create day)

source bench/lib.sh
source scripts/lib.sh
make_work_dir salon-regression
port=$(free_port)
load=$build/tools/salon_load/salon-load
baselines=bench/baseline

"$build/tools/salonctl/salonctl" --data-dir "$work/data" seed --salons "$salons" \
  --clients 50 --history-days 0 --future-days 30 | tail -1
"$build/src/server/salond" --data-dir "$work/data" --listen "127.0.0.1:$port" \
  >"$work/salond.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/readyz"

# Runs a scenario $runs times and copies the run with the lowest p99 to
# $work/<scenario>.json. Every run of every scenario has a --seed of its own
# (the nth scenario's runs n·runs+1…), so no booking collides with another's.
best_of() {  # scenario, its index
  local s=$1 i
  for i in $(seq "$runs"); do
    $load run "$s" --port "$port" --salons-file "$work/data/salons.jsonl" --salons "$salons" \
      --rate "${rate[$s]}" --duration "$secs" --threads 2 --seed $(($2 * runs + i)) \
      --json "$work/$s-$i.json" | tail -n +2 | sed "s/^/  $s #$i: /"
  done
  python3 - "$work" "$s" "$runs" <<'PY'
import json, shutil, sys
work, s, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
paths = [f"{work}/{s}-{i}.json" for i in range(1, runs + 1)]
best = min(paths, key=lambda p: json.load(open(p))["latency"]["p99_ms"])
shutil.copy(best, f"{work}/{s}.json")
PY
}

failed=()
for n in "${!scenarios[@]}"; do
  s=${scenarios[n]}
  echo "== $s at ${rate[$s]}/s over $salons salons, best p99 of $runs × ${secs} s"
  best_of "$s" "$n"
  if [[ $record == 1 ]]; then
    bench/trim_run.py "$work/$s.json" "$baselines/$s.json" \
      "bench/regression.sh --record --runs $runs (salon-load run $s --rate ${rate[$s]} --salons $salons --duration $secs --threads 2)"
    echo "  recorded $baselines/$s.json"
  elif ! $load compare --baseline "$baselines/$s.json" --run "$work/$s.json" \
         --tolerance "$tolerance" | sed 's/^/  /'; then
    failed+=("$s")
  fi
done
[[ $record == 1 ]] && exit 0
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "REGRESSED: ${failed[*]} (beyond $tolerance of bench/baseline/)" >&2
  exit 1
fi
echo "no regression (tolerance $tolerance)"

#!/usr/bin/env bash
# The regression gate of the core's hot paths: counts the instructions
# bench/hot_paths executes under callgrind and fails if they exceed the
# committed baseline by more than the tolerance (a real 2x slowdown fails;
# the count does not move with the machine's load).
#   bench/instruction_gate.sh <hot_paths binary> [tolerance=0.3]
#   UPDATE=1 bench/instruction_gate.sh …   rewrites the baseline after an intended change
set -euo pipefail
bin=${1:?hot_paths binary}
tolerance=${2:-0.3}
baseline_file="$(dirname "$0")/baseline/hot_paths.instructions"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" >/dev/null 2>&1
count=$(awk '/^totals:/{print $2}' "$out")
[[ -n $count ]] || { echo "no instruction count from callgrind" >&2; exit 1; }
if [[ -n ${UPDATE:-} ]]; then
  echo "$count" > "$baseline_file"
  echo "baseline now $count instructions"
  exit 0
fi
baseline=$(cat "$baseline_file")
awk -v c="$count" -v b="$baseline" -v t="$tolerance" 'BEGIN{
  ratio = c / b
  printf "hot paths: %d instructions, baseline %d (%.3fx, limit %.2fx)\n", c, b, ratio, 1 + t
  exit (ratio > 1 + t) ? 1 : 0 }'

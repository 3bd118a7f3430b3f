#!/usr/bin/env bash
# The disk under a data directory, as salond's durable commits see it: the
# fdatasync latency tail at three write rates (4 KB x 100/s, 40 KB x 50/s,
# 40 KB x 250/s; a booking adds ~37 KB to SQLite's WAL). Every 201 waits for
# one, so on a disk whose p99.9 is over 50 ms no store setting keeps the day
# mix's p99 under 50 ms (docs/BENCHMARKS.md, "What bounds capacity here").
#   bench/fsync_tail.sh [directory=/tmp] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp}
secs=${2:-20}
for shape in "4 100" "40 50" "40 250"; do
  # shellcheck disable=SC2086
  python3 bench/fsync_tail.py $shape "$secs" "$dir"
done

#!/usr/bin/env bash
# The blast benchmark of docs/BENCHMARKS.md: Kannel's own intake (the
# ceiling), then a campaign to every consenting client of $SALONS salons
# ($CLIENTS each) through salond → Kannel → fakesmsc, with calendar pulls
# at $PULL_RATE/s beside it. Needs a Release build (scripts/build.sh build).
#   bench/blast_bench.sh            100 salons × 1,000 clients, SQLite
#   STORE=postgres://… bench/blast_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
salons=${SALONS:-100} clients=${CLIENTS:-1000} pull_rate=${PULL_RATE:-500}
ceiling_messages=${CEILING_MESSAGES:-20000}
work=$(mktemp -d /tmp/salon-blast-XXXXXX)
pid=""
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  scripts/kannel.sh stop "$work/kannel-ceiling" 2>/dev/null || true
  scripts/kannel.sh stop "$work/kannel" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source bench/lib.sh
port=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")

for dlr in "" --dlr; do
  echo "== Kannel's own intake: $ceiling_messages messages, 8 connections ${dlr:-(no delivery reports)}"
  rm -rf "$work/kannel-ceiling" && mkdir -p "$work/kannel-ceiling"  # a fresh Kannel each time
  spec=$(scripts/kannel.sh start "$work/kannel-ceiling" "http://127.0.0.1:9" none)
  build/tools/salon_load/salon-load kannel-ceiling --kannel "$spec" --messages "$ceiling_messages" $dlr
  scripts/kannel.sh stop "$work/kannel-ceiling"
done

echo "== blast: $salons salons × $clients clients, pulls at $pull_rate/s beside it"
mkdir -p "$work/kannel"
spec=$(scripts/kannel.sh start "$work/kannel" "http://127.0.0.1:$port" blast-token)
store_flag=()
[[ -n ${STORE:-} ]] && store_flag=(--store "$STORE")
build/src/server/salond --listen "127.0.0.1:$port" --data-dir "$work/data" --admin-key bench \
  --sms-provider "$spec" --callback-token blast-token "${store_flag[@]}" >"$work/salond.log" 2>&1 &
pid=$!
wait_for "http://127.0.0.1:$port/readyz"
build/tools/salon_load/salon-load blast --port "$port" --admin-key bench --salons "$salons" \
  --clients "$clients" --pull-rate "$pull_rate" --duration "${SECONDS_OF_PULLS:-150}" \
  --json "${JSON:-/dev/null}"
echo "fakesmsc received $(grep -c 'Got message' "$work/kannel/fakesmsc.err") messages"

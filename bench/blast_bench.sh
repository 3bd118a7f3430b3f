#!/usr/bin/env bash
# The blast benchmark of docs/BENCHMARKS.md: Kannel's own intake (the
# ceiling), then a campaign to every consenting client of $SALONS salons
# ($CLIENTS each) through salond → Kannel → fakesmsc, with calendar pulls
# at $PULL_RATE/s beside it. Needs a Release build (scripts/build.sh build).
#   bench/blast_bench.sh            100 salons × 1,000 clients, SQLite
#   STORE=postgres bench/blast_bench.sh    on a throwaway PostgreSQL cluster
#   STORE=postgres://… bench/blast_bench.sh
# SALOND=path runs another salond binary (an A/B of two builds).
# MESSAGING=own runs the messaging role in a salond of its own (the API in
# another), as a platform on PostgreSQL would. After the blast, the CPU each
# part spent per message while the campaign went out (from /proc, sampled
# every second): where the time beside Kannel's goes.
set -euo pipefail
cd "$(dirname "$0")/.."
salons=${SALONS:-100} clients=${CLIENTS:-1000} pull_rate=${PULL_RATE:-500}
ceiling_messages=${CEILING_MESSAGES:-20000}
work=$(mktemp -d /tmp/salon-blast-XXXXXX)
chmod 755 "$work"  # the postgres user reaches its cluster in it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  scripts/kannel.sh stop "$work/kannel-ceiling" 2>/dev/null || true
  scripts/kannel.sh stop "$work/kannel" 2>/dev/null || true
  [[ -d $work/pg ]] && scripts/pg-cluster.sh destroy "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
source scripts/lib.sh
source bench/lib.sh
port=$(free_port)

for dlr in "" --dlr; do
  echo "== Kannel's own intake: $ceiling_messages messages, 8 connections ${dlr:-(no delivery reports)}"
  rm -rf "$work/kannel-ceiling" && mkdir -p "$work/kannel-ceiling"  # a fresh Kannel each time
  spec=$(scripts/kannel.sh start "$work/kannel-ceiling" "http://127.0.0.1:9" none)
  build/tools/salon_load/salon-load kannel-ceiling --kannel "$spec" --messages "$ceiling_messages" $dlr
  scripts/kannel.sh stop "$work/kannel-ceiling"
done

store_flag=()
if [[ ${STORE:-} == postgres ]]; then
  url=$(scripts/pg-cluster.sh start "$work/pg")
  psql -q "$url" -c "CREATE DATABASE salon"
  store_flag=(--store "${url%/*}/salon")
elif [[ -n ${STORE:-} ]]; then
  store_flag=(--store "$STORE")
fi
# Delivery reports go to the process that sends: the messaging one, if apart.
sender_port=$port
[[ ${MESSAGING:-} == own ]] && sender_port=$(free_port)
echo "== blast: $salons salons × $clients clients, pulls at $pull_rate/s beside it" \
     "(store: ${store_flag[1]:-SQLite}; messaging: ${MESSAGING:-in the same salond})"
mkdir -p "$work/kannel"
spec=$(scripts/kannel.sh start "$work/kannel" "http://127.0.0.1:$sender_port" blast-token)
salond() {  # port, role, log
  "${SALOND:-build/src/server/salond}" --listen "127.0.0.1:$1" --role "$2" --data-dir "$work/data-$2" \
    --admin-key bench --sms-provider "$spec" --callback-token blast-token "${store_flag[@]}" \
    >"$work/$3" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$1/readyz"
}
# Every second while the load tool (pid $1) runs: the time, the messages
# fakesmsc has received, and the CPU ticks of salond (each process), Kannel
# (bearerbox and smsbox), fakesmsc, PostgreSQL (if any) and the load tool.
sample_cpu() {
  local pg=""
  [[ -f $work/pg/data/postmaster.pid ]] && pg=$(head -1 "$work/pg/data/postmaster.pid")
  while kill -0 "$1" 2>/dev/null; do
    echo "$(date +%s.%N) $(grep -c 'Got message' "$work/kannel/fakesmsc.err" || true)" \
         "$(cpu_ticks "${pids[0]}") $(cpu_ticks "${pids[1]:-}")" \
         "$(cpu_ticks "$(cat "$work/kannel/bearerbox.pid")" "$(cat "$work/kannel/smsbox.pid")")" \
         "$(cpu_ticks "$(cat "$work/kannel/fakesmsc.pid")")" \
         "$( [[ -n $pg ]] && cpu_ticks_tree "$pg" || echo 0)" "$(cpu_ticks "$1")"
    sleep 1
  done
}
# From the samples: the window in which fakesmsc's count rose (the campaign
# going out), and each part's CPU per message over it.
cpu_per_message() {  # samples
  python3 - "$1" "$(getconf CLK_TCK)" "$(nproc)" "${MESSAGING:-}" <<'PY'
import sys
samples, hz, cores, own = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [list(map(float, l.split())) for l in open(samples) if len(l.split()) == 8]
if len(rows) < 2 or rows[-1][1] == 0:
    sys.exit("no samples of the blast: no CPU figures")
first = max(i for i, r in enumerate(rows) if r[1] == rows[0][1])  # the last before it began
last = min(i for i, r in enumerate(rows) if r[1] == rows[-1][1])  # the first once all arrived
a, b = rows[first], rows[last]
n, secs = b[1] - a[1], b[0] - a[0]
names = ['salond (api)', 'salond (messaging)'] if own == 'own' else ['salond', '']
names += ['Kannel (bearerbox, smsbox)', 'fakesmsc', 'PostgreSQL', 'salon-load (pulls, polling)']
us = 1e6 / hz / n
print(f"\nCPU per message while the campaign went out ({n:.0f} messages in {secs:.0f} s, sampled each second):\n")
print("| part | µs per message | cores used |")
print("|---|---|---|")
total = 0
for i, name in enumerate(names):
    if not name: continue
    d = b[i + 2] - a[i + 2]; total += d
    print(f"| {name} | {d * us:.0f} | {d / hz / secs:.2f} |")
print(f"| all | {total * us:.0f} | {total / hz / secs:.2f} of {cores} |")
PY
}
if [[ ${MESSAGING:-} == own ]]; then
  salond "$port" api salond-api.log
  salond "$sender_port" messaging salond-messaging.log
else
  salond "$port" all salond.log
fi
build/tools/salon_load/salon-load blast --port "$port" --admin-key bench --salons "$salons" \
  --clients "$clients" --pull-rate "$pull_rate" --duration "${SECONDS_OF_PULLS:-150}" \
  --json "${JSON:-/dev/null}" &
load=$!
sample_cpu "$load" > "$work/cpu.samples" &
sampler=$!
wait "$load"
wait "$sampler" || true
cpu_per_message "$work/cpu.samples"
echo "fakesmsc received $(grep -c 'Got message' "$work/kannel/fakesmsc.err") messages"

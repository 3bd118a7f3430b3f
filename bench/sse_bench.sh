#!/usr/bin/env bash
# Live calendar streams (Server-Sent Events) of salond on the demo data:
# memory per open stream, and how soon a booking's event reaches 1,000
# desks. Seeds a fresh demo salon, starts salond on a free loopback port and
# runs bench/sse_bench.py (Python 3 asyncio, standard library) against it.
#   bench/sse_bench.sh [streams=10000] [held=1000] [bookings=200]
# Needs a build in build/ (./run or scripts/build.sh build). Prints a
# summary block for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
streams=${1:-10000}
held=${2:-1000}
bookings=${3:-200}

# The client holds every stream, salond as many and its own files.
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < streams + 1000 )); then
  echo "ulimit -n is $(ulimit -n): too few files for $streams streams" >&2; exit 1
fi

work=$(mktemp -d /tmp/salon-sse-XXXXXX)
salond_pid=
cleanup() {
  [[ -n $salond_pid ]] && kill "$salond_pid" 2>/dev/null && wait "$salond_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
compilers_before=$(pgrep -c -x 'cc1plus|clang\+\+|clang|ld|ld.lld|ninja' || true)

demo=$(build/tools/salonctl/salonctl seed --demo --json --data-dir "$work/data" | tail -1)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$demo" "$1"; }
source scripts/lib.sh
port=$(free_port)

build/src/server/salond --data-dir "$work/data" --listen "127.0.0.1:$port" --admin-key bench \
  --rate-limit 0 --max-connections $((streams * 2)) --max-connections-per-address 0 \
  > "$work/salond.log" 2>&1 &
salond_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "salond did not start" >&2; cat "$work/salond.log" >&2; exit 1; }

python3 bench/sse_bench.py --port "$port" --pid "$salond_pid" \
  --salon "$(field salon_id)" --key "$(field api_key)" --branch "$(field branch_id)" \
  --service "$(field service_id)" --client "$(field client_id)" \
  --streams "$streams" --latency-streams "$held" --bookings "$bookings" | tee "$work/out.txt"

open_metric=$(curl -s "http://127.0.0.1:$port/metrics" | awk '$1=="salon_sse_streams_open"{print $2}')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
compilers_after=$(pgrep -c -x 'cc1plus|clang\+\+|clang|ld|ld.lld|ninja' || true)

python3 - "$(grep '^JSON ' "$work/out.txt" | cut -c6-)" "$*" "$load_before" "$load_after" \
  "$compilers_before" "$compilers_after" "$(nproc)" "$open_metric" <<'PY'
import datetime, json, sys
r = json.loads(sys.argv[1]); args, lb, la, cb, ca, cores, open_after = sys.argv[2:9]
f = lambda s: f"{s['p50']} ms | {s['p99']} ms | {s['max']} ms"
print()
print("----- for docs/BENCHMARKS.md -----")
print("```sh")
print(f"nice -n 5 bench/sse_bench.sh {args}".rstrip())
print("```")
print()
print(f"Run of {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {cores} cores; "
      f"load average {lb} before, {la} after; compiler processes {cb} / {ca}.")
print()
print("| streams | accepted | salond RSS before | with the streams | per stream |")
print("|---|---|---|---|---|")
print(f"| {r['streams_requested']:,} | {r['streams_accepted']:,} | {r['rss_before_kib'] / 1024:.1f} MiB "
      f"| {r['rss_after_kib'] / 1024:.1f} MiB | {r['per_stream_bytes'] / 1024:.1f} KiB |")
print()
one_more = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in r['one_more_status'].items())
print(f"One stream more is answered {one_more}. {r['streams_held']:,} streams held, "
      f"{r['bookings_created']} bookings answered 201 ({r['bookings_409']} answered 409, "
      f"{r['bookings_other']} other), one after another; "
      f"{r['from_201']['n']:,} (booking × stream) events, {r['events_missing']} missing:")
print()
print("| delay of the event on each stream | p50 | p99 | max |")
print("|---|---|---|---|")
print(f"| from the 201 received | {f(r['from_201'])} |")
print(f"| from the request sent | {f(r['from_sent'])} |")
print(f"| from the 201, as read by the client | {f(r['from_201_user'])} |")
print(f"| the booking itself (request to 201) | {f(r['booking_rtt'])} |")
print(f"| one booking's fan-out: first to last stream | {f(r['fanout_spread'])} |")
print()
print(f"Events before their 201: {r['event_before_201']:,}; streams open after the run "
      f"(salon_sse_streams_open): {open_after}; resets {r['resets']}, extra events "
      f"{r['events_extra']}, stray {r['events_stray']}.")
PY

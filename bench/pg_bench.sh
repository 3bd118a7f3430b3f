#!/usr/bin/env bash
# The PostgreSQL engine under load: durable bookings and calendar pulls
# through one and two salond processes on one database, beside pgbench
# running the textbook booking transaction on the same server — an INSERT
# guarded by the exclusion constraint, synchronous_commit=on — which is the
# database's own ceiling for that work.
#   [SALONS=32] bench/pg_bench.sh [seconds=10] [connections=64]
# Bookings go round SALONS salons (writes of one salon are serialised).
# Needs a Release build in build/; starts its own PostgreSQL cluster
# (scripts/pg-cluster.sh) and removes it. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
scripts/install-deps.sh wrk >/dev/null

work=$(mktemp -d /tmp/salon-pgbench-XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/pg-cluster.sh destroy "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
source bench/lib.sh

url=$(scripts/pg-cluster.sh start "$work/pg")
psql -q "$url" -c "CREATE DATABASE salon" -c "CREATE DATABASE pgbench"
db="${url%/*}/salon"

# The ceiling: pgbench booking non-colliding slots of 6 staff.
psql -q "${url%/*}/pgbench" <<'SQL'
CREATE EXTENSION btree_gist;
CREATE TABLE busy (staff_id text NOT NULL, start_s bigint NOT NULL, end_s bigint NOT NULL,
  EXCLUDE USING gist (staff_id WITH =, int8range(start_s, end_s) WITH &&));
CREATE SEQUENCE slot;
SQL
cat > "$work/booking.sql" <<'SQL'
\set staff random(1, 6)
INSERT INTO busy SELECT 'stf_' || :staff, s * 900, s * 900 + 900 FROM nextval('slot') AS s;
SQL
pgbench_row() {
  (cd "$work" && pgbench -n -c "$conns" -j 2 -T "$secs" -f booking.sql -l \
     --log-prefix=pgb "${url%/*}/pgbench" > pgbench.out 2>&1)
  local tps
  tps=$(awk '/^tps = /{print $3}' "$work/pgbench.out")
  # Per-transaction log: field 3 is the latency in µs.
  cat "$work"/pgb.* | awk '{print $3}' | sort -n > "$work/lat"
  local n p50 p99
  n=$(wc -l < "$work/lat")
  p50=$(sed -n "$(( n / 2 + 1 ))p" "$work/lat")
  p99=$(sed -n "$(( n * 99 / 100 + 1 ))p" "$work/lat")
  awk -v t="$tps" -v a="$p50" -v b="$p99" \
    'BEGIN{printf "| pgbench: the booking INSERT alone (ceiling) | %.0f | %.2fms | %.2fms | 0 |\n", t, a/1000, b/1000}'
}

start_salond() {  # port
  build/src/server/salond --store "$db" --data-dir "$work/data" --listen "127.0.0.1:$1" \
    --admin-key bench > "$work/salond-$1.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$1/healthz"
}

# Two wrk at once, one per process, half the connections each; prints the
# summed req/s, the larger p50 and p99.
run_wrk_pair() {  # label, script-or-"", url path, extra header args...
  local label=$1 script=$2 path=$3; shift 3
  local half=$((conns / 2))
  local s1=() s2=()
  if [[ -n $script ]]; then s1=(-s "$script.a"); s2=(-s "$script.b"); fi
  wrk -t1 -c"$half" -d"${secs}s" --latency "${s1[@]}" "$@" "http://127.0.0.1:18181$path" > "$work/w1" &
  local w1=$!
  wrk -t1 -c"$half" -d"${secs}s" --latency "${s2[@]}" "$@" "http://127.0.0.1:18182$path" > "$work/w2"
  wait "$w1"
  python3 - "$label" "$work/w1" "$work/w2" <<'PY'
import re, sys
def ms(v):
    n = float(re.sub('[a-z]+', '', v))
    return n / 1000 if v.endswith('us') else n * 1000 if v.endswith('s') and not v.endswith('ms') else n
rps = p50 = p99 = errs = 0
for f in sys.argv[2:]:
    t = open(f).read()
    rps += float(re.search(r'Requests/sec:\s+([\d.]+)', t).group(1))
    p50 = max(p50, ms(re.search(r'\s50%\s+(\S+)', t).group(1)))
    p99 = max(p99, ms(re.search(r'\s99%\s+(\S+)', t).group(1)))
    m = re.search(r'Non-2xx or 3xx responses: (\d+)', t)
    errs += int(m.group(1)) if m else 0
print(f"| {sys.argv[1]} | {rps:.0f} | {p50:.2f}ms | {p99:.2f}ms | {errs} |")
PY
}

demo=$(build/tools/salonctl/salonctl seed --demo --json --store "$db" --data-dir "$work/data")
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$demo" "$1"; }
salon=$(field salon_id); key=$(field api_key); branch=$(field branch_id)
start_salond 18181
start_salond 18182
day=$(python3 -c "import datetime; print((datetime.date.today()+datetime.timedelta(days=(5-datetime.date.today().weekday())%7 or 7)).isoformat())")
cal="/v1/salons/$salon/branches/$branch/calendar?date=$day"
auth="Authorization: Bearer $key"
etag=$(curl -s -D - -o /dev/null -H "$auth" "http://127.0.0.1:18181$cal" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')

echo "wrk on $(nproc) cores, $conns connections in all, ${secs} s each; PostgreSQL 15 (fsync, synchronous_commit=on) on the same machine"
echo
echo "| request | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
run_wrk "calendar pull, unchanged (304), 1 salond" -H "$auth" -H "If-None-Match: $etag" "http://127.0.0.1:18181$cal"
run_wrk_pair "calendar pull, unchanged (304), 2 salond" "" "$cal" -H "$auth" -H "If-None-Match: $etag"
run_wrk "calendar pull, full (200), 1 salond" -H "$auth" "http://127.0.0.1:18181$cal"
run_wrk_pair "calendar pull, full (200), 2 salond" "" "$cal" -H "$auth"
pgbench_row
salons=${SALONS:-32}
setup_bench_salons "http://127.0.0.1:18181" bench "$salons"
run_wrk "create appointment (201, durable), 1 salond, $salons salons" -s "$work/create.lua" "http://127.0.0.1:18181"
setup_bench_salons "http://127.0.0.1:18181" bench "$salons"
write_create_lua "$work/create.lua.a" 0
write_create_lua "$work/create.lua.b" 1
run_wrk_pair "create appointment (201, durable), 2 salond, $salons salons" "$work/create.lua" "/"
echo
echo "appointments stored: $(psql -Atq "$db" -c 'select count(*) from appointments'); busy rows: $(psql -Atq "$db" -c 'select count(*) from busy')"

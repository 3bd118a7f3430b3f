#!/usr/bin/env bash
# The PostgreSQL engine under load: durable bookings and calendar pulls
# through one and two salond processes on one database, beside pgbench
# running the textbook booking transaction on the same server — an INSERT
# guarded by the exclusion constraint, synchronous_commit=on — which is the
# database's own ceiling for that work; then a second ceiling, pgbench
# writing the rows a booking stores, as salond does (booking_rows_setup).
#   [SALONS=32] [STATEMENTS=1] [SALOND=path] [SALONCTL=path] bench/pg_bench.sh [seconds=10] [connections=64]
# STATEMENTS=1 loads pg_stat_statements and prints, for the 1-salond booking
# run, each statement's calls and execution time per booking.
# Bookings go round SALONS salons (writes of one salon are serialised).
# SALOND runs another build's server, SALONCTL its salonctl (which migrates
# the store): an A/B of two commits in one session.
# Needs a Release build in build/; starts its own PostgreSQL cluster
# (scripts/pg-cluster.sh) and removes it. Prints a markdown table, then the
# CPU each part spent per booking (from /proc): what bounds the rate here.
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
source scripts/lib.sh
source bench/lib.sh

url=$(scripts/pg-cluster.sh start "$work/pg")
if [[ ${STATEMENTS:-} == 1 ]]; then
  echo "shared_preload_libraries = 'pg_stat_statements'" >> "$work/pg/data/postgresql.conf"
  scripts/pg-cluster.sh stop "$work/pg"
  scripts/pg-cluster.sh start "$work/pg" >/dev/null
fi
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
# Runs pgbench on database $2 with script $3 (and pgbench options after it);
# prints its row, labelled $1: rate, p50 and p99 from its per-transaction log.
pgbench_row() {  # label, database url, script, pgbench options...
  local label=$1 database=$2 script=$3; shift 3
  rm -f "$work"/pgb.*
  (cd "$work" && pgbench -n -c "$conns" -j 2 -T "$secs" -f "$script" -l --log-prefix=pgb "$@" \
     "$database" > pgbench.out 2>&1)
  local tps
  tps=$(awk '/^tps = /{print $3}' "$work/pgbench.out")
  # Per-transaction log: field 3 is the latency in µs.
  cat "$work"/pgb.* | awk '{print $3}' | sort -n > "$work/lat"
  local n p50 p99
  n=$(wc -l < "$work/lat")
  p50=$(sed -n "$(( n / 2 + 1 ))p" "$work/lat")
  p99=$(sed -n "$(( n * 99 / 100 + 1 ))p" "$work/lat")
  awk -v l="$label" -v t="$tps" -v a="$p50" -v b="$p99" \
    'BEGIN{printf "| %s | %.0f | %.2fms | %.2fms | 0 |\n", l, t, a/1000, b/1000}'
}

# The second ceiling: a booking's write transaction as salond sends it — one
# pipeline of the salon's lock, the appointment, its busy row, the calendar
# day's version, the confirmation and the reminder, the COMMIT, then a NOTIFY
# (one per booking: salond groups those of writes that commit together)
# — but from pgbench, on the salon database with its indexes and the rows the
# runs left, copying a stored booking's rows under new ids (no plan, no HTTP,
# no dispatcher). What PostgreSQL itself costs for the rows a booking stores.
ceiling_message() {  # kind: the statement storing a copy of the booking's message of that kind
  echo "INSERT INTO messages (id, salon_id, kind, client_id, appointment_id, campaign_id," \
    "to_phone, status, due_s, attempts, segments, created_s, data)" \
    "SELECT 'msg_ceil_' || :n || '$1', 'sln_ceil_' || :salon, kind, client_id, 'apt_ceil_' || :n," \
    "campaign_id, to_phone, 'queued', due_s, 0, segments, created_s, data" \
    "FROM ceiling_messages WHERE kind = '$1' ON CONFLICT (salon_id, id) DO NOTHING;"
}
booking_rows_setup() {
  psql -q "$db" <<'SQL'
CREATE SEQUENCE ceiling_slot;
CREATE TABLE ceiling_appointment AS SELECT * FROM appointments ORDER BY id DESC LIMIT 1;
CREATE TABLE ceiling_messages AS
  SELECT * FROM messages WHERE appointment_id = (SELECT id FROM ceiling_appointment);
SQL
  cat > "$work/booking_rows.sql" <<SQL
\set salon random(1, ${SALONS:-32})
\set staff random(1, 6)
SELECT nextval('ceiling_slot') AS n \gset
\startpipeline
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended('sln_ceil_' || :salon, 0));
INSERT INTO appointments (id, salon_id, parent_id, start_s, end_s, search, version, archived, data, client_id, status) SELECT 'apt_ceil_' || :n, 'sln_ceil_' || :salon, parent_id, :n * 900, :n * 900 + 900, search, 1, false, data, client_id, status FROM ceiling_appointment ON CONFLICT (id) DO UPDATE SET data = excluded.data;
INSERT INTO busy (appointment_id, salon_id, staff_id, start_s, end_s) VALUES ('apt_ceil_' || :n, 'sln_ceil_' || :salon, 'stf_ceil_' || :salon || '_' || :staff, :n * 900, :n * 900 + 900);
INSERT INTO calendar_versions (branch_id, day, version) VALUES ('brn_ceil_' || :salon, (:n / 72)::text, 1) ON CONFLICT (branch_id, day) DO UPDATE SET version = calendar_versions.version + 1 RETURNING version;
$(ceiling_message confirmation)
$(ceiling_message reminder)
COMMIT;
SELECT pg_notify('salon_changes', 'r	6	apt_ceil_' || :n || E'\nc	brn_ceil_' || :salon || E'\t' || (:n / 72));
\endpipeline
SQL
}

# CPU ticks so far of salond (both processes), PostgreSQL (the postmaster and
# every backend, closed ones too) and the client (wrk or pgbench: this
# shell's reaped children).
cpu_now() {
  echo "$(cpu_ticks "${pids[@]}") $(cpu_ticks_tree "$(head -1 "$work/pg/data/postmaster.pid")")" \
       "$(awk '{ print $16 + $17 }' "/proc/$$/stat")"
}
cpu_rows=()
# Runs a row function and prints its row; keeps the CPU each part spent per
# request of it (req/s is the row's second field) for the table at the end.
profiled() {  # row function and its arguments
  local before after row w0 c0 w1 c1
  read -r w0 c0 <<<"$(store_counts 18181 18182)"
  before=$(cpu_now)
  row=$("$@")
  after=$(cpu_now)
  read -r w1 c1 <<<"$(store_counts 18181 18182)"
  echo "$row"
  cpu_rows+=("$(awk -v b="$before" -v a="$after" -v row="$row" -v secs="$secs" -v cores="$(nproc)" -v hz="$(getconf CLK_TCK)" -v per_commit="$(writes_a_commit "$w0" "$c0" "$w1" "$c1")" 'BEGIN {
    split(b, x, " "); split(a, y, " "); split(row, f, "|")
    n = f[3] * secs; us = 1e6 / hz / n
    s = (y[1] - x[1]) * us; p = (y[2] - x[2]) * us; c = (y[3] - x[3]) * us
    printf "|%s| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |", f[2], n, s, p, c, s + p + c, cores * 1e6 / (s + p + c), per_commit
  }')")
}

# With STATEMENTS=1: pg_stat_statements from now on; then what each statement
# cost per booking of the run whose CPU row is given.
statements_reset() {
  [[ ${STATEMENTS:-} == 1 ]] || return 0
  psql -Atq "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "SELECT pg_stat_statements_reset()" >/dev/null
}
statements_report() {  # the run's row of cpu_rows
  [[ ${STATEMENTS:-} == 1 ]] || return 0
  local bookings
  bookings=$(awk -F'|' '{ print $3 + 0 }' <<<"$1")
  echo
  echo "Statements per booking (pg_stat_statements, $bookings bookings; time is execution, waits included):"
  echo
  echo "| statement | calls per booking | mean µs | µs per booking |"
  echo "|---|---|---|---|"
  psql -Atq -F$'\t' "$db" -c "
    SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 90), round(calls::numeric / $bookings, 2),
           round((total_exec_time / calls * 1000)::numeric, 1),
           round((total_exec_time * 1000 / $bookings)::numeric, 1)
    FROM pg_stat_statements WHERE calls >= $bookings / 10
    ORDER BY total_exec_time DESC LIMIT 25" |
    awk -F'\t' '{ gsub(/\|/, "\\|", $1); printf "| `%s` | %s | %s | %s |\n", $1, $2, $3, $4 }'
  echo
}

start_salond() {  # port
  "${SALOND:-build/src/server/salond}" --store "$db" --data-dir "$work/data" --listen "127.0.0.1:$1" \
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

demo=$("${SALONCTL:-build/tools/salonctl/salonctl}" seed --demo --json --store "$db" --data-dir "$work/data")
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
profiled pgbench_row "pgbench: the booking INSERT alone (ceiling)" "${url%/*}/pgbench" booking.sql
salons=${SALONS:-32}
setup_bench_salons "http://127.0.0.1:18181" bench "$salons"
statements_reset
profiled run_wrk "create appointment (201, durable), 1 salond, $salons salons" -s "$work/create.lua" "http://127.0.0.1:18181"
statements_report "${cpu_rows[-1]}"
setup_bench_salons "http://127.0.0.1:18181" bench "$salons"
write_create_lua "$work/create.lua.a" 0
write_create_lua "$work/create.lua.b" 1
profiled run_wrk_pair "create appointment (201, durable), 2 salond, $salons salons" "$work/create.lua" "/"
booking_rows_setup
profiled pgbench_row "pgbench: a booking's rows, a NOTIFY each (second ceiling)" "$db" booking_rows.sql -M prepared
echo
echo "CPU per booking (µs, from /proc over each run; the bound is $(nproc) cores ÷ all parts' CPU per booking):"
echo
echo "| run | bookings | salond | PostgreSQL | client | all | cores ÷ all (/s) | salond's writes a commit |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${cpu_rows[@]}"
echo
echo "appointments stored: $(psql -Atq "$db" -c 'select count(*) from appointments'); busy rows: $(psql -Atq "$db" -c 'select count(*) from busy')"

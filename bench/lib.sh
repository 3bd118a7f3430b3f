# Shared by the HTTP benchmark scripts (sourced): needs $conns, $secs.

# The load generator is one client address doing the work of thousands of
# salons: salond's per-address and per-key limits would refuse it.
export SALON_RATE_LIMIT=0 SALON_MAX_CONNECTIONS_PER_ADDRESS=0
# The load generator shares salond's cores: salond's workers keep its
# priority (their lower one is for the server's own I/O threads and writer,
# not for a client on the same machine), as when the committed figures were
# taken.
export SALON_WORKER_NICE=${SALON_WORKER_NICE:-0}

# Makes the scratch directory $work under $TMPDIR or /tmp (readable by
# nginx's workers, which run as nobody) and, on exit, stops the processes in
# $pids and nginx and removes it. TMPDIR=/dev/shm keeps the disk's fsync
# stalls out of a run.
make_work_dir() {  # name
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1-XXXXXX")
  chmod 755 "$work"
  pids=()
  trap remove_work_dir EXIT
}
remove_work_dir() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}

# A throwaway PostgreSQL cluster in $work/pg (scripts/pg-cluster.sh) holding
# the databases named; $pg_base is its URL up to the database name. Removed
# on exit, after the processes in $pids and before $work.
start_postgres() {  # database…
  trap remove_postgres EXIT
  local url db
  url=$(scripts/pg-cluster.sh start "$work/pg")
  pg_base=${url%/*}
  for db in "$@"; do psql -q "$url" -c "CREATE DATABASE $db"; done
}
remove_postgres() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/pg-cluster.sh destroy "$work/pg"
  remove_work_dir
}

wait_for() {  # url: polls up to 10 s
  for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; exit 1
}

# Starts nginx (2 workers, like salond's 2 I/O threads) on port $2 serving
# the directory $1 with the location directives $3; its pid is in
# $work/nginx.pid.
start_nginx() {
  cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$2;
    root $1;
    location / { default_type application/json; $3 }
  }
}
CONF
  chmod -R a+rX "$1"
  nginx -c "$work/nginx.conf"
}

# Runs wrk; prints "| label | req/s | p50 | p99 | non-2xx |".
run_wrk() {  # label, then wrk arguments
  local label=$1; shift
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$@")
  echo "| $label | $(wrk_fields <<<"$out") |"
}

# From wrk --latency output: "req/s | p50 | p99 | non-2xx".
wrk_fields() {
  awk '/Requests\/sec/{rps=$2} $1=="50%"{p50=$2} $1=="99%"{p99=$2} /Non-2xx/{errs=$5}
       END{printf "%s | %s | %s | %s", rps, p50, p99, (errs==""?0:errs)}'
}

# Creates $3 salons (default 1) for booking load through the API at base URL
# $1 with admin key $2: each with 6 staff working round the clock, a
# 15-minute service and a client. Sets bench_salons (a Lua table of them) and
# writes $work/create.lua.
setup_bench_salons() {
  local base=$1 admin=$2 count=${3:-1}
  local entries=()
  for _ in $(seq "$count"); do
    local created id key
    created=$(curl -s -XPOST -H "Authorization: Bearer $admin" \
      -d '{"name":"Bench","currency":"EUR","country":"IE"}' "$base/v1/salons")
    id=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['id'])" "$created")
    key=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['api_key'])" "$created")
    post() { curl -s -XPOST -H "Authorization: Bearer $key" -d "$2" "$base/v1/salons/$id/$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"; }
    local branch service client staff=()
    branch=$(post branches '{"name":"B","timezone":"Europe/Dublin"}')
    service=$(post services '{"name":"Quick","price":{"amount":1000,"currency":"EUR"},"duration_minutes":15}')
    client=$(post clients '{"first_name":"Load","phone":"+353870000001"}')
    local hours='{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}'
    for i in $(seq 6); do
      staff+=("\"$(post staff "{\"name\":\"S$i\",\"branch_id\":\"$branch\",\"hours\":$hours,\"service_ids\":[\"$service\"]}")\"")
    done
    entries+=("{id=\"$id\",key=\"$key\",branch=\"$branch\",service=\"$service\",client=\"$client\",staff={$(IFS=,; echo "${staff[*]}")}}")
  done
  bench_salons=$(IFS=,; echo "${entries[*]}")
  write_create_lua "$work/create.lua" 0
}

# A wrk script booking the bench salons, salon after salon; every request
# books its own (salon, staff, 2-hour slot), so none collide. Requests are
# numbered n * 2 + thread + $2, so two instances with offsets 0 and 1 and one
# thread each never collide either.
write_create_lua() {
  cat > "$1" <<LUA
local salons = {$bench_salons}
local threads = {}
local n = 0
function setup(thread) thread:set("tid", #threads); table.insert(threads, thread) end
function request()
  local k = n * 2 + tid + ${2:-0}
  n = n + 1
  local s = salons[(k % #salons) + 1]
  local j = math.floor(k / #salons)
  local staff = s.staff[(j % #s.staff) + 1]
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", 1893456000 + math.floor(j / #s.staff) * 7200)
  local body = '{"branch_id":"' .. s.branch .. '","client_id":"' .. s.client .. '","start":"' ..
               start .. '","items":[{"service_id":"' .. s.service .. '","staff_id":"' .. staff .. '"}]}'
  return wrk.format("POST", "/v1/salons/" .. s.id .. "/appointments",
                    {["Authorization"] = "Bearer " .. s.key, ["Content-Type"] = "application/json"}, body)
end
LUA
}

# The store's writes and commits so far, from the /metrics of the salond at
# each port: "writes commits" (writes over commits: how many share one).
store_counts() {  # port...
  local p
  for p in "$@"; do curl -s "http://127.0.0.1:$p/metrics" || true; done | awk '
    /^salon_store_transaction_duration_seconds_count/ && /kind="write"/ {w += $2}
    /^salon_store_commits_total/ {c += $2}
    END {print w + 0, c + 0}'
}

# Writes a commit between two store_counts: "writes0 commits0 writes1 commits1"
# (each a number); "-" when nothing committed.
writes_a_commit() {  # w0 c0 w1 c1
  awk -v w=$(($3 - $1)) -v c=$(($4 - $2)) 'BEGIN {print c ? sprintf("%.2f", w / c) : "-"}'
}

# Shared by the HTTP benchmark scripts (sourced): needs $work and $conns, $secs.

wait_for() {  # url: polls up to 10 s
  for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; exit 1
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

# Creates a salon for booking load through the API at base URL $1 with admin
# key $2: 6 staff working round the clock, a 15-minute service, a client.
# Writes $work/create.lua, a wrk script in which every request books its own
# (staff, 2-hour slot), so none collide; $3 offsets the slots (several wrk
# instances on one salon), default 0. Sets bench_salon.
setup_bench_salon() {
  local base=$1 admin=$2 offset=${3:-0}
  local created
  created=$(curl -s -XPOST -H "Authorization: Bearer $admin" \
    -d '{"name":"Bench","currency":"EUR","country":"IE"}' "$base/v1/salons")
  bench_salon=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['id'])" "$created")
  bench_key=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['api_key'])" "$created")
  local bbase="$base/v1/salons/$bench_salon"
  post() { curl -s -XPOST -H "Authorization: Bearer $bench_key" -d "$2" "$bbase/$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"; }
  bench_branch=$(post branches '{"name":"B","timezone":"Europe/Dublin"}')
  bench_service=$(post services '{"name":"Quick","price":{"amount":1000,"currency":"EUR"},"duration_minutes":15}')
  bench_client=$(post clients '{"first_name":"Load","phone":"+353870000001"}')
  local hours='{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}'
  local staff=()
  for i in $(seq 6); do
    staff+=("\"$(post staff "{\"name\":\"S$i\",\"branch_id\":\"$bench_branch\",\"hours\":$hours,\"service_ids\":[\"$bench_service\"]}")\"")
  done
  bench_staff=$(IFS=,; echo "${staff[*]}")
  write_create_lua "$work/create.lua" "$offset"
}

# A wrk script booking the bench salon; slots start at offset $2 (in slots).
write_create_lua() {
  cat > "$1" <<LUA
local staff = {$bench_staff}
local threads = {}
local n = 0
function setup(thread) thread:set("tid", #threads); table.insert(threads, thread) end
function request()
  local k = n * 2 + tid + ${2:-0}
  n = n + 1
  local s = staff[(k % #staff) + 1]
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", 1893456000 + math.floor(k / #staff) * 7200)
  local body = '{"branch_id":"$bench_branch","client_id":"$bench_client","start":"' .. start ..
               '","items":[{"service_id":"$bench_service","staff_id":"' .. s .. '"}]}'
  return wrk.format("POST", "/v1/salons/$bench_salon/appointments",
                    {["Authorization"] = "Bearer $bench_key", ["Content-Type"] = "application/json"}, body)
end
LUA
}

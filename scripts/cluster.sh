#!/usr/bin/env bash
# A salon cluster on this machine, from Debian's engines, every part a
# separate process on loopback (issue 16):
#
#   etcd (one member) ─ Patroni pg1 ┐  PostgreSQL 15, leader + synchronous replica
#                      Patroni pg2 ┘  (synchronous_mode: true)
#   HAProxy  :write  → the Patroni leader (health check GET /primary on each REST port)
#            :http   → N `salond --role api` (GET /readyz checks, leastconn, drain)
#            :stats  and a runtime socket (run/haproxy.sock)
#   salond --role messaging → Kannel (bearerbox, smsbox, fakesmsc: scripts/kannel.sh),
#   whose callbacks come back through HAProxy's :http.
#
#   scripts/cluster.sh up [--dir D] [--api N] [--rate-limit X]
#       starts it all under D (default /tmp/salon-cluster; N default 2): logs in
#       D/log, pid files in D/run, data in D/etcd, D/pg1, D/pg2, D/kannel; every
#       port is a free one, written to D/cluster.env (source it: SALON_URL,
#       SALON_PORT, SALON_ADMIN_KEY, SALON_STORE, …). Rate limits are off by
#       default (X=0): every request reaches salond from HAProxy's one address.
#   scripts/cluster.sh status [--dir D]      each part's health
#   scripts/cluster.sh down [--dir D] [--purge]
#       stops everything (idempotent); --purge removes D as well
#   scripts/cluster.sh roll [--dir D] [--load] [--rate R] [--duration S] [--salons K]
#       restarts every api salond in turn: drain in HAProxy, wait for its
#       sessions to end, SIGTERM, wait for the exit, start, wait for /readyz
#       and HAProxy's check, back to ready. With --load, `salon-load run day`
#       (R req/s, default 200, for S s, default 45, over K salons, default 10)
#       runs through HAProxy meanwhile, and its summary is printed (the goal:
#       errors 0).
#   scripts/cluster.sh restart <part> [--dir D]
#       stops (if running) and starts one part: pg1, pg2 (its Patroni, which
#       starts its PostgreSQL), api1…, messaging, kannel, haproxy, etcd
#   scripts/cluster.sh failover-test [--dir D] [--rate R] [--duration S] [--node]
#       books under load (R default 100/s, S 45 s), kill -9s the Patroni
#       leader's postmaster (with --node its Patroni too: the whole node lost;
#       it is started again once the standby leads), measures the write gap
#       (from the kill to the first booking answered 201 through the new
#       leader), checks every acknowledged booking is in the store and no slot
#       is booked twice, and waits for the old leader to rejoin as the
#       synchronous standby.
#   scripts/cluster.sh deploy <build dir | salond> [--dir D] [--tolerance T]
#                      [--webhook URL] [--rate R] [--duration S]
#       rolls a new salond out one process at a time: first api1 as a canary,
#       out of HAProxy, checked by `salon-load run day` (R default 500 req/s,
#       S 15 s) against it alone and `salon-load compare` with
#       bench/baseline/deploy-day.json (T default 0.5); a build that does not
#       come ready or is slower is rolled back and the operator told why (also
#       to the chat webhook: --webhook or SALON_DEPLOY_WEBHOOK); else the
#       other api processes and messaging follow. Releases are kept in
#       D/releases (current: what runs), the history in D/log/deploys.log.
#   scripts/cluster.sh capacity [--dir D] [--salons N] [--rate R] [--duration S]
#       the day mix's capacity through HAProxy with API_COUNT, …, 1 api
#       processes (seeds N salons once, default 10,000), and each part's CPU
#       per request at R req/s (default 1,500) for S s (default 30)
#   scripts/cluster.sh deploy-baseline [--dir D] [--out F]
#       the same check against the current release, written as the baseline
#       (default bench/baseline/deploy-day.json)
#
# Runs as root (PostgreSQL and Patroni as the postgres user) or as postgres.
# Every daemon runs under `nice -n 10` (the machine is shared with builds).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/lib.sh"

build=${SALON_BUILD_DIR:-$root/build}
salond=$build/src/server/salond
salonctl=$build/tools/salonctl/salonctl
salon_load=$build/tools/salon_load/salon-load
pgbin=/usr/lib/postgresql/15/bin
nice=(nice -n 10)

cmd=${1:-help}
[[ $# -gt 0 ]] && shift
dir=/tmp/salon-cluster
api_count=2
rate_limit=${SALON_RATE_LIMIT:-0}
part='' tolerance='' webhook='' out='' purge=0 load=0 node_kill=0 load_rate='' load_duration='' load_salons=''
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir=${2:?}; shift 2 ;;
    --api) api_count=${2:?}; shift 2 ;;
    --rate-limit) rate_limit=${2:?}; shift 2 ;;
    --purge) purge=1; shift ;;
    --load) load=1; shift ;;
    --node) node_kill=1; shift ;;
    --rate) load_rate=${2:?}; shift 2 ;;
    --duration) load_duration=${2:?}; shift 2 ;;
    --salons) load_salons=${2:?}; shift 2 ;;
    --tolerance) tolerance=${2:?}; shift 2 ;;
    --webhook) webhook=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -*) echo "cluster: unknown option $1" >&2; exit 2 ;;
    *) part=$1; shift ;;
  esac
done
dir=$(realpath -m "$dir")
env_file=$dir/cluster.env

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "${2:-$(now)}"; }

# ---------------------------------------------------------------- helpers

# wait_for <what> <seconds> <command…>: polls every 0.1 s until it succeeds.
# With watch=<daemon> set, gives up at once if that daemon has exited.
watch=""
wait_for() {
  local what=$1 limit=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "cluster: $what: not within $limit s" >&2; return 1; }
    if [[ -n $watch ]] && ! alive "$watch"; then
      echo "cluster: $what: $watch exited; the end of log/$watch.log:" >&2
      tail -n 15 "$dir/log/$watch.log" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Distinct free ports: pick_port never returns one it returned before in
# this run, nor one already bound.
taken=" "
pick_port() {
  local p
  while :; do
    p=$(free_port)
    [[ $taken == *" $p "* ]] || break
  done
  taken+="$p "
  echo "$p"
}

# start_daemon <name> <command…>: starts it in a session of its own (it
# outlives this script), niced, stdout and stderr to log/<name>.log, its pid
# in run/<name>.pid.
start_daemon() {
  local name=$1
  shift
  setsid "${nice[@]}" "$@" </dev/null >>"$dir/log/$name.log" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}
alive() { [[ -f $dir/run/$1.pid ]] && kill -0 "$(cat "$dir/run/$1.pid")" 2>/dev/null; }
# stop_daemon <name> [seconds]: SIGTERM, wait for the exit (bounded), then
# SIGKILL; returns 1 if it had to kill.
stop_daemon() {
  local name=$1 limit=${2:-30} f=$dir/run/$1.pid pid
  [[ -f $f ]] || return 0
  pid=$(cat "$f")
  if kill -TERM "$pid" 2>/dev/null; then
    local deadline=$((SECONDS + limit))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster: $name ($pid) still running after $limit s: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$f"
      return 1
    fi
  fi
  rm -f "$f"
}

as_pg() { if [[ $(id -un) == postgres ]]; then "$@"; else setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; fi; }

# One command on HAProxy's runtime socket; prints the answer.
hap() {
  python3 - "$dir/run/haproxy.sock" "$*" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
out = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    out += b
sys.stdout.write(out.decode())
PY
}
# hap_field <backend> <server> <csv field>: from `show stat`.
hap_field() {
  hap "show stat" | awk -F, -v b="$1" -v s="$2" -v f="$3" '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == f || $i == "# " f) col = i; next }
    $1 == b && $2 == s { print $col }'
}
# The server's operational state in HAProxy: 2 = running (its check passes).
hap_op_state() {
  hap "show servers state $1" | awk -v s="$2" '$4 == s { print $6 }'
}
hap_running() { [[ $(hap_op_state "$1" "$2") == 2 ]]; }
hap_idle() { [[ $(hap_field "$1" "$2" scur) == 0 ]]; }

load_env() {
  [[ -f $env_file ]] || die "no cluster in $dir (scripts/cluster.sh up --dir $dir)"
  # shellcheck disable=SC1090,SC2034  # SALON_PORT and others are for the user
  source "$env_file"
}

leader_node() {  # prints 1 or 2: the node whose Patroni answers /primary
  if patroni_get "$REST1_PORT" primary; then echo 1
  elif patroni_get "$REST2_PORT" primary; then echo 2
  else return 1; fi
}

ready() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$1/readyz"; }
api_port() { echo "$API_PORTS" | cut -d' ' -f"$1"; }  # of apiN
patroni_get() { curl -fs -m 2 -o /dev/null "http://127.0.0.1:$1/$2"; }

# ---------------------------------------------------------------- parts

start_etcd() {
  start_daemon etcd etcd --name salon-etcd --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "salon-etcd=http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster-state new --initial-cluster-token salon-cluster
  watch=etcd wait_for "etcd healthy" 30 curl -fsS -m 2 "http://127.0.0.1:$ETCD_PORT/health"
}

# write_patroni <n> <pg port> <rest port>
write_patroni() {
  local n=$1 pg_port=$2 rest_port=$3 node=$dir/pg$1
  install -d -m 700 -o postgres -g postgres "$node"
  sed -e "s#@NAME@#pg$n#g" -e "s#@DIR@#$node#g" -e "s#@PG_PORT@#$pg_port#g" \
      -e "s#@REST_PORT@#$rest_port#g" -e "s#@ETCD_PORT@#$ETCD_PORT#g" -e "s#@PGBIN@#$pgbin#g" \
      "$root/scripts/cluster/patroni.yml.in" >"$dir/patroni-pg$n.yml"
  chmod 644 "$dir/patroni-pg$n.yml"
}
start_patroni() {  # n
  local as=()
  [[ $(id -un) == postgres ]] || as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  start_daemon "patroni-pg$1" "${as[@]}" env HOME="$dir/pg$1" patroni "$dir/patroni-pg$1.yml"
}

write_haproxy() {
  {
    sed -e "s#@DIR@#$dir#g" -e "s#@HTTP_PORT@#$HTTP_PORT#g" -e "s#@WRITE_PORT@#$WRITE_PORT#g" \
        -e "s#@STATS_PORT@#$STATS_PORT#g" \
        -e "s#@PG1_PORT@#$PG1_PORT#g" -e "s#@PG2_PORT@#$PG2_PORT#g" \
        -e "s#@REST1_PORT@#$REST1_PORT#g" -e "s#@REST2_PORT@#$REST2_PORT#g" \
        "$root/scripts/cluster/haproxy.cfg.in"
    local i=1
    for p in $API_PORTS; do
      echo "    server api$i 127.0.0.1:$p"
      i=$((i + 1))
    done
  } >"$dir/haproxy.cfg"
  haproxy -c -q -f "$dir/haproxy.cfg" || die "haproxy.cfg does not check (haproxy -c -f $dir/haproxy.cfg)"
}

# start_api <i (1-based)> [release]; start_messaging [release]: on the
# current release unless another is named (scripts/cluster/deploy.sh).
start_api() {
  local i=$1 rel=${2:-$dir/releases/current} port
  port=$(api_port "$i")
  start_daemon "api$i" "$rel/salond" --role api --store "$SALON_STORE" \
    --listen "127.0.0.1:$port" --data-dir "$dir/api$i" --admin-key "$SALON_ADMIN_KEY" \
    --callback-token "$SALON_CALLBACK_TOKEN" --public-url "$SALON_URL" \
    --max-connections-per-address 0 --rate-limit "$SALON_RATE_LIMIT"
}
start_messaging() {
  start_daemon messaging "${1:-$dir/releases/current}/salond" --role messaging --store "$SALON_STORE" \
    --listen "127.0.0.1:$MESSAGING_PORT" --data-dir "$dir/messaging" \
    --admin-key "$SALON_ADMIN_KEY" --callback-token "$SALON_CALLBACK_TOKEN" \
    --public-url "$SALON_URL" --sms-provider "$SALON_SMS_PROVIDER" \
    --max-connections-per-address 0 --rate-limit "$SALON_RATE_LIMIT"
}

# Releases and deploys: release_of, make_current, deploy, deploy_baseline.
source "$root/scripts/cluster/deploy.sh"

# ---------------------------------------------------------------- up

up() {
  [[ $(id -u) == 0 || $(id -un) == postgres ]] || die "run as root (or postgres)"
  for t in "$salond" "$salonctl"; do [[ -x $t ]] || die "$t not built (scripts/build.sh build)"; done
  for t in etcd etcdctl patroni patronictl haproxy curl python3 psql; do
    command -v "$t" >/dev/null || die "$t not found (apt-get install etcd-server etcd-client patroni haproxy postgresql-15 kannel)"
  done
  [[ -x $pgbin/postgres ]] || die "no PostgreSQL 15 in $pgbin"
  [[ $api_count =~ ^[1-9][0-9]?$ ]] || die "--api takes 1 to 99"
  if [[ -f $env_file ]] && alive etcd; then die "a cluster already runs in $dir (status, or down first)"; fi
  local t0
  t0=$(now)
  trap '[[ $? == 0 ]] || echo "cluster: up failed; logs in $dir/log; $0 down --dir $dir stops what started" >&2' EXIT
  install -d -m 755 "$dir" "$dir/log" "$dir/run"
  local resume=0
  if [[ -f $env_file && -f $dir/pg1/data/PG_VERSION && -f $dir/pg2/data/PG_VERSION && -d $dir/etcd ]]; then
    resume=1
  fi
  if ((resume)); then
    # A cluster stopped by `down`: the same data, ports and keys again.
    load_env
    for p in $ETCD_PORT $ETCD_PEER_PORT $PG1_PORT $PG2_PORT $REST1_PORT $REST2_PORT $WRITE_PORT \
             $HTTP_PORT $STATS_PORT $API_PORTS $MESSAGING_PORT; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        die "port $p of the stopped cluster in $dir is taken now (down --purge, then up)"
      fi
    done
    [[ $api_count == "$API_COUNT" ]] || say "keeping the cluster's $API_COUNT api processes (--api applies to a new one)"
    api_count=$API_COUNT
    say "starting the stopped cluster in $dir again (its data kept)"
  else
    rm -rf "$dir/etcd" "$dir/pg1" "$dir/pg2" "$dir/kannel" "$dir"/api* "$dir/messaging"
    ETCD_PORT=$(pick_port) ETCD_PEER_PORT=$(pick_port)
    PG1_PORT=$(pick_port) PG2_PORT=$(pick_port) REST1_PORT=$(pick_port) REST2_PORT=$(pick_port)
    WRITE_PORT=$(pick_port) HTTP_PORT=$(pick_port) STATS_PORT=$(pick_port)
    API_PORTS=""
    for _ in $(seq "$api_count"); do API_PORTS+="$(pick_port) "; done
    API_PORTS=${API_PORTS% }
    MESSAGING_PORT=$(pick_port)
    SALON_URL=http://127.0.0.1:$HTTP_PORT
    # shellcheck disable=SC2034  # written to cluster.env
    SALON_PORT=$HTTP_PORT
    SALON_STORE=postgres://postgres@127.0.0.1:$WRITE_PORT/salon
    SALON_ADMIN_KEY=$(python3 -c 'import secrets; print("ak_" + secrets.token_hex(16))')
    SALON_CALLBACK_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    SALON_RATE_LIMIT=$rate_limit
    API_COUNT=$api_count
  fi
  SALON_SMS_PROVIDER=""

  say "etcd on 127.0.0.1:$ETCD_PORT"
  start_etcd

  say "Patroni pg1 (PostgreSQL :$PG1_PORT, REST :$REST1_PORT), pg2 (:$PG2_PORT, REST :$REST2_PORT)"
  write_patroni 1 "$PG1_PORT" "$REST1_PORT"
  write_patroni 2 "$PG2_PORT" "$REST2_PORT"
  if ((resume)); then
    start_patroni 1
    start_patroni 2
    wait_for "a Patroni leader" 90 leader_node
    local l
    l=$(leader_node)
    local rest_other=REST$((3 - l))_PORT
    watch=patroni-pg$((3 - l)) wait_for "pg$((3 - l)) a synchronous replica" 120 patroni_get "${!rest_other}" sync
  else
    start_patroni 1
    watch=patroni-pg1 wait_for "pg1 the leader" 90 patroni_get "$REST1_PORT" primary
    start_patroni 2
    watch=patroni-pg2 wait_for "pg2 a synchronous replica" 120 patroni_get "$REST2_PORT" sync
  fi

  say "HAProxy: http :$HTTP_PORT, write :$WRITE_PORT, stats :$STATS_PORT"
  write_haproxy
  start_daemon haproxy haproxy -db -f "$dir/haproxy.cfg"
  watch=haproxy wait_for "HAProxy's socket" 20 test -S "$dir/run/haproxy.sock"
  wait_for "HAProxy routing writes to the leader" 20 hap_running postgres_write "pg$(leader_node)"
  psql -qAt -h 127.0.0.1 -p "$WRITE_PORT" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = 'salon'" | grep -q 1 ||
    psql -q -h 127.0.0.1 -p "$WRITE_PORT" -U postgres -d postgres -c "CREATE DATABASE salon"
  say "salonctl migrate"
  "${nice[@]}" "$salonctl" --store "$SALON_STORE" migrate >>"$dir/log/migrate.log" 2>&1 ||
    die "salonctl migrate failed: $(tail -5 "$dir/log/migrate.log")"

  write_env  # the api processes' ports are known; messaging's provider next
  # The build's salond becomes the first release (a stopped cluster started
  # again keeps the release it last ran).
  [[ -x $dir/releases/current/salond ]] || make_current "$(release_of "$salond")"
  say "salond --role api ×$api_count on $API_PORTS"
  for i in $(seq "$api_count"); do start_api "$i"; done

  say "Kannel (bearerbox, smsbox, fakesmsc)"
  mkdir -p "$dir/kannel"
  SALON_SMS_PROVIDER=$("$root/scripts/kannel.sh" start "$dir/kannel" "$SALON_URL" "$SALON_CALLBACK_TOKEN")
  write_env

  say "salond --role messaging on $MESSAGING_PORT"
  start_messaging

  local i=1
  for p in $API_PORTS; do
    watch=api$i wait_for "api$i ready" 60 ready "$p"
    wait_for "HAProxy seeing api$i UP" 20 hap_running salond "api$i"
    i=$((i + 1))
  done
  watch=messaging wait_for "messaging ready" 60 ready "$MESSAGING_PORT"
  wait_for "ready through HAProxy" 10 ready "$HTTP_PORT"
  say "up in $(elapsed "$t0") s: $SALON_URL (admin key in $env_file; status: $0 status --dir $dir)"
}

write_env() {
  {
    echo "# Written by scripts/cluster.sh up; source it."
    for v in SALON_URL SALON_PORT SALON_STORE SALON_ADMIN_KEY SALON_CALLBACK_TOKEN \
             SALON_SMS_PROVIDER SALON_RATE_LIMIT API_COUNT API_PORTS MESSAGING_PORT \
             HTTP_PORT WRITE_PORT STATS_PORT ETCD_PORT ETCD_PEER_PORT \
             PG1_PORT PG2_PORT REST1_PORT REST2_PORT; do
      printf '%s=%q\n' "$v" "${!v}"
    done
    printf 'HAPROXY_SOCKET=%q\n' "$dir/run/haproxy.sock"
    printf 'ETCDCTL_ENDPOINTS=%q\n' "http://127.0.0.1:$ETCD_PORT"
    printf 'PATRONICTL_CONFIG_FILE=%q\n' "$dir/patroni-pg1.yml"
  } >"$env_file.tmp"
  chmod 600 "$env_file.tmp"
  mv "$env_file.tmp" "$env_file"
}

# ---------------------------------------------------------------- status

status() {
  load_env
  local bad=0 p i
  line() { printf '  %-22s %s\n' "$1" "$2"; }
  echo "etcd (127.0.0.1:$ETCD_PORT)"
  if out=$(ETCDCTL_API=3 etcdctl --endpoints "http://127.0.0.1:$ETCD_PORT" endpoint health 2>&1); then
    line etcd "$out"
  else line etcd "DOWN: $out"; bad=1; fi
  echo "Patroni"
  patronictl -c "$dir/patroni-pg1.yml" list 2>&1 | sed 's/^/  /' || bad=1
  echo "HAProxy (stats http://127.0.0.1:$STATS_PORT/, socket $dir/run/haproxy.sock)"
  if alive haproxy && out=$(hap "show stat"); then
    awk -F, '$2 != "FRONTEND" && $2 != "BACKEND" && NR > 1 && $1 != "stats" {
               note = ($1 == "postgres_write" && $18 == "DOWN" && $37 == "L7STS") ? " (not the leader: expected)" : ""
               printf "  %-22s %-10s sessions %s, total %s, check %s%s\n", $1 "/" $2, $18, $5, $8, $37, note }' <<<"$out"
  else line haproxy DOWN; bad=1; fi
  echo "salond (release $(basename "$(current_release)"); history in log/deploys.log)"
  i=1
  for p in $API_PORTS; do
    if ready "$p"; then line "api$i :$p" "ready"; else line "api$i :$p" "NOT READY"; bad=1; fi
    i=$((i + 1))
  done
  if ready "$MESSAGING_PORT"; then line "messaging :$MESSAGING_PORT" ready
  else line "messaging :$MESSAGING_PORT" "NOT READY"; bad=1; fi
  if ready "$HTTP_PORT"; then line "through HAProxy :$HTTP_PORT" ready
  else line "through HAProxy :$HTTP_PORT" "NOT READY"; bad=1; fi
  echo "Kannel"
  local kadmin
  kadmin=$(cat "$dir/kannel/admin.port" 2>/dev/null || true)
  if [[ -n $kadmin ]] && out=$(curl -fsS -m 2 "http://127.0.0.1:$kadmin/status.txt?password=salon-status"); then
    sed -n '/^Status:/p;/^SMS:/p;/^SMSC connections:/,$p' <<<"$out" | sed 's/^/  /'
  else line kannel "DOWN"; bad=1; fi
  for n in fakesmsc smsbox bearerbox; do
    if ! { [[ -f $dir/kannel/$n.pid ]] && kill -0 "$(cat "$dir/kannel/$n.pid")" 2>/dev/null; }; then
      line "$n" "NOT RUNNING"; bad=1
    fi
  done
  if ((bad)); then echo "cluster: something is down"; return 1; fi
  echo "cluster: all healthy"
}

# ---------------------------------------------------------------- down

down() {
  if [[ -d $dir/run ]]; then
    local i
    for f in "$dir"/run/api*.pid; do [[ -f $f ]] && stop_daemon "$(basename "$f" .pid)" 40; done
    stop_daemon messaging 40 || true
    if [[ -d $dir/kannel ]]; then "$root/scripts/kannel.sh" stop "$dir/kannel" || true; fi
    stop_daemon haproxy 10 || true
    # Replica first, so the leader does not wait for it; Patroni stops its postgres.
    stop_daemon patroni-pg2 60 || true
    stop_daemon patroni-pg1 60 || true
    stop_daemon etcd 20 || true
    # A postgres left behind by a killed Patroni.
    for n in 1 2; do
      if [[ -f $dir/pg$n/data/postmaster.pid ]]; then
        as_pg "$pgbin/pg_ctl" -D "$dir/pg$n/data" -m immediate -w stop >/dev/null 2>&1 || true
      fi
    done
  fi
  if [[ ! -d $dir ]]; then say "no cluster in $dir: nothing to stop"
  elif ((purge)); then rm -rf "$dir"; say "stopped; $dir removed"
  else say "stopped (data kept in $dir; --purge removes it)"; fi
}

# ---------------------------------------------------------------- roll

# take_out <i>: apiN drained in HAProxy (its sessions ended, bounded) and
# stopped; put_back <i>: once HAProxy's check sees it UP, ready again.
take_out() {
  local i=$1
  hap "set server salond/api$i state drain" >/dev/null
  # Requests finish within seconds; live calendar streams never do: SIGTERM
  # closes them with a reconnect hint, and browsers come back on the others.
  wait_for "api$i drained (sessions 0)" 10 hap_idle salond "api$i" ||
    say "api$i still holds sessions (live streams): SIGTERM closes them with a reconnect hint"
  stop_daemon "api$i" 40 || say "api$i had to be killed"
}
put_back() {
  wait_for "HAProxy seeing api$1 UP" 30 hap_running salond "api$1" || die "HAProxy does not see api$1 UP"
  hap "set server salond/api$1 state ready" >/dev/null
}

# roll_one <i> [release]: apiN taken out, started (on the current release
# unless another is named), put back.
roll_one() {
  local i=$1 rel=${2:-} port ts
  port=$(api_port "$i")
  ts=$(now)
  take_out "$i"
  start_api "$i" "$rel"
  watch=api$i wait_for "api$i ready" 60 ready "$port" || die "api$i did not come back ready (log/api$i.log)"
  put_back "$i"
  say "api$i restarted in $(elapsed "$ts") s (drain, SIGTERM, start, ready, UP)"
}

roll() {
  load_env
  local t0 load_pid="" i
  load_rate=${load_rate:-200} load_duration=${load_duration:-45} load_salons=${load_salons:-10}
  t0=$(now)
  if ((load)); then
    [[ -x $salon_load ]] || die "$salon_load not built"
    say "salon-load run day: $load_rate req/s for $load_duration s over $load_salons salons through :$HTTP_PORT"
    "${nice[@]}" "$salon_load" run day --port "$HTTP_PORT" --admin-key "$SALON_ADMIN_KEY" \
      --salons "$load_salons" --rate "$load_rate" --duration "$load_duration" \
      --json "$dir/log/roll-load.json" >"$dir/log/roll-load.out" 2>&1 &
    load_pid=$!
    # Its salons are made first; roll once requests flow (a few seconds in).
    local before
    before=$(hap_field salond BACKEND stot)
    wait_for "salon-load's first requests" 120 load_flowing "$before" || true
    sleep 3
  fi
  local n=0 stot_before=()
  for i in $(seq "$API_COUNT"); do stot_before+=("$(hap_field salond "api$i" stot)"); done
  for i in $(seq "$API_COUNT"); do
    roll_one "$i"
    n=$((n + 1))
    sleep 1
  done
  say "rolled $n api processes in $(elapsed "$t0") s"
  if [[ -n $load_pid ]]; then
    wait "$load_pid" || say "salon-load exited $?"
    local spread=""
    for i in $(seq "$API_COUNT"); do
      spread+=" api$i $(( $(hap_field salond "api$i" stot) - ${stot_before[i-1]} ))"
    done
    say "requests per api process while rolling (HAProxy's counts):$spread"
    cat "$dir/log/roll-load.out"
    local errors
    errors=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["errors"])' "$dir/log/roll-load.json" 2>/dev/null || echo "?")
    [[ $errors == 0 ]] || die "the load saw $errors failed requests during the roll"
    say "roll under load: 0 failed requests"
  fi
}
load_flowing() { (($(hap_field salond BACKEND stot) > $1 + 50)); }

# ---------------------------------------------------------------- capacity

capacity() {
  load_env
  source "$root/scripts/cluster/capacity.sh"
  run_capacity
}

# ---------------------------------------------------------------- failover-test

failover_test() {
  load_env
  source "$root/scripts/cluster/failover.sh"
  run_failover_test
}

# ---------------------------------------------------------------- restart

restart_part() {
  load_env
  local part=${part:?restart needs a part: pg1, pg2, api1…, messaging, kannel, haproxy, etcd}
  case "$part" in
    pg[12])
      stop_daemon "patroni-$part" 60 || true
      start_patroni "${part#pg}"
      local rest=REST${part#pg}_PORT
      watch=patroni-$part wait_for "$part's Patroni answering" 60 patroni_get "${!rest}" health
      ;;
    api[0-9]*)
      local i=${part#api}
      ((i >= 1 && i <= API_COUNT)) || die "no $part (API_COUNT=$API_COUNT)"
      if alive haproxy; then roll_one "$i"; else
        stop_daemon "$part" 40 || true
        start_api "$i"
        watch=$part wait_for "$part ready" 60 ready "$(api_port "$i")"
      fi
      ;;
    messaging)
      stop_daemon messaging 40 || true
      start_messaging
      watch=messaging wait_for "messaging ready" 60 ready "$MESSAGING_PORT"
      ;;
    kannel)
      "$root/scripts/kannel.sh" stop "$dir/kannel"
      "$root/scripts/kannel.sh" start-gateway "$dir/kannel"
      ;;
    haproxy)
      write_haproxy  # from scripts/cluster/haproxy.cfg.in again
      stop_daemon haproxy 10 || true
      start_daemon haproxy haproxy -db -f "$dir/haproxy.cfg"
      watch=haproxy wait_for "HAProxy's socket" 20 test -S "$dir/run/haproxy.sock"
      ;;
    etcd)
      stop_daemon etcd 20 || true
      start_etcd
      ;;
    *) die "unknown part $part (pg1, pg2, api1…, messaging, kannel, haproxy, etcd)" ;;
  esac
  say "$part (re)started"
}

case "$cmd" in
  up) up ;;
  restart) restart_part ;;
  status) status ;;
  down) down ;;
  roll) roll ;;
  failover-test) failover_test ;;
  deploy) deploy ;;
  deploy-baseline) deploy_baseline ;;
  capacity) capacity ;;
  help|-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command $cmd (up, status, down, roll, restart, failover-test, deploy, deploy-baseline, capacity)" ;;
esac

#!/usr/bin/env bash
# A throwaway Kannel on loopback for tests and benchmarks: bearerbox, smsbox
# and Kannel's fake SMS centre (fakesmsc), which acknowledges every message,
# prints what it receives and reports delivery for each.
#   scripts/kannel.sh start <dir> <callback-base> <token>
#       writes <dir>/kannel.conf and starts the three; prints the provider
#       spec for salond (kannel://user:pass@127.0.0.1:<sendsms port>).
#       Replies reach <callback-base>/v1/callbacks/kannel/inbound?token=<token>.
#       What fakesmsc receives is in <dir>/fakesmsc.out.
#   scripts/kannel.sh inject <dir> <from> <text> [<to>]  an inbound SMS from a phone to `to`
#   scripts/kannel.sh stop <dir>                   stops all three (their PIDs)
#   scripts/kannel.sh kill-gateway <dir>           stops all three (an outage)
#   scripts/kannel.sh start-gateway <dir>          starts them again (same config)
set -euo pipefail
cmd=${1:?start|inject|stop|kill-gateway|start-gateway}
dir=${2:?directory}
fakesmsc=/usr/lib/kannel/test/fakesmsc

source "$(dirname "$0")/lib.sh"

# Waits (bounded) until something listens on a port; fails at once if the
# process that should listen there (its PID file) has exited.
wait_port() {  # port, pid file
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$(cat "$2")" 2>/dev/null || break
    sleep 0.05
  done
  echo "nothing listens on port $1" >&2; return 1
}

start_fakesmsc() {
  "$fakesmsc" -H 127.0.0.1 -r "$(cat "$dir/smsc-out.port")" -m 0 "100 200 text unused" \
    >>"$dir/fakesmsc.out" 2>>"$dir/fakesmsc.err" &
  echo $! >"$dir/fakesmsc.pid"
}

# Starts bearerbox and smsbox; fails (with their last words on stderr) if
# either exits before it listens, e.g. on a port taken since it was chosen.
start_gateway() {
  /usr/sbin/bearerbox -v 1 "$dir/kannel.conf" >"$dir/bearerbox.stdout" 2>&1 &
  echo $! >"$dir/bearerbox.pid"
  if wait_port "$(cat "$dir/smsbox.port")" "$dir/bearerbox.pid"; then
    /usr/sbin/smsbox -v 1 "$dir/kannel.conf" >"$dir/smsbox.stdout" 2>&1 &
    echo $! >"$dir/smsbox.pid"
    wait_port "$(cat "$dir/sendsms.port")" "$dir/smsbox.pid" &&
      wait_port "$(cat "$dir/smsc-out.port")" "$dir/bearerbox.pid" && return 0
  fi
  tail -n 5 "$dir"/bearerbox.stdout "$dir"/smsbox.stdout >&2 2>/dev/null || true
  stop_pid smsbox
  stop_pid bearerbox
  return 1
}

stop_pid() {
  local f=$dir/$1.pid
  [[ -f $f ]] || return 0
  kill "$(cat "$f")" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$(cat "$f")" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$(cat "$f")" 2>/dev/null || true
  rm -f "$f"
}

case "$cmd" in
  start)
    callback=${3:?callback base URL}
    token=${4:?callback token}
    mkdir -p "$dir/spool"
    # Ports are chosen free but not held: if one is taken before bearerbox or
    # smsbox binds it (another test starting at the same moment), new ones.
    for attempt in 1 2 3; do
      for p in admin smsbox smsc-out smsc-in sendsms; do free_port >"$dir/$p.port"; done
      cat >"$dir/kannel.conf" <<CONF
group = core
admin-port = $(cat "$dir/admin.port")
admin-password = salon-admin
status-password = salon-status
admin-allow-ip = "127.0.0.1"
smsbox-port = $(cat "$dir/smsbox.port")
box-allow-ip = "127.0.0.1"
dlr-storage = internal
store-type = spool
store-location = "$dir/spool"
log-file = "$dir/bearerbox.log"
log-level = 2

# Outgoing messages go to this fake SMS centre only.
group = smsc
smsc = fake
smsc-id = out
allowed-smsc-id = out
port = $(cat "$dir/smsc-out.port")
connect-allow-ip = 127.0.0.1

# A second one through which tests send replies as if from phones.
group = smsc
smsc = fake
smsc-id = in
allowed-smsc-id = in
port = $(cat "$dir/smsc-in.port")
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $(cat "$dir/smsbox.port")
sendsms-port = $(cat "$dir/sendsms.port")
log-file = "$dir/smsbox.log"
log-level = 2
# Callbacks to salond are retried while it is down (a restart, a crash).
http-request-retry = 30
http-queue-delay = 1

group = sendsms-user
username = salon
password = salon-secret
forced-smsc = out
max-messages = 10
concatenation = true

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "$callback/v1/callbacks/kannel/inbound?token=$token&from=%p&to=%P&text=%a"
CONF
      start_gateway && break
      [[ $attempt -lt 3 ]] || exit 1
    done
    start_fakesmsc
    echo "kannel://salon:salon-secret@127.0.0.1:$(cat "$dir/sendsms.port")"
    ;;
  inject)
    from=${3:?from}; text=${4:?text}; to=${5:-12345}
    # One message from `from`; fakesmsc then stays connected, so it is ended
    # once it says it sent the message (or after 10 s).
    "$fakesmsc" -H 127.0.0.1 -r "$(cat "$dir/smsc-in.port")" -m 1 "$from $to text $text" \
      >"$dir/inject.out" 2>&1 &
    pid=$!
    for _ in $(seq 200); do
      grep -q "sent message 1" "$dir/inject.out" && break
      sleep 0.05
    done
    kill $pid 2>/dev/null || true
    ;;
  stop)
    stop_pid fakesmsc
    stop_pid smsbox
    stop_pid bearerbox
    ;;
  kill-gateway)
    stop_pid fakesmsc
    stop_pid smsbox
    stop_pid bearerbox
    ;;
  start-gateway)
    start_gateway
    start_fakesmsc
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

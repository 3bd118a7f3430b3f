# shellcheck shell=bash disable=SC2154  # dir, root, nice, … are cluster.sh's
# scripts/cluster.sh failover-test (sourced by it, with cluster.env loaded):
# bookings under load (scripts/cluster/book.py), kill -9 of the Patroni
# leader's postmaster, Patroni promotes the synchronous standby, HAProxy's
# /primary check moves the write port to it, salond's pools reconnect.
# Measures the write gap; checks every acknowledged booking is in the store
# and none is doubled; waits for the old leader to rejoin as a replica.

run_failover_test() {
  local rate=${load_rate:-100} duration=${load_duration:-45}
  ((duration >= 30)) || duration=30
  local old new rest_old rest_new api_pids_before api_pids_after i t_kill t_promoted t_rejoined
  old=$(leader_node) || die "no Patroni leader now (status)"
  new=$((3 - old))
  rest_old=REST${old}_PORT rest_new=REST${new}_PORT
  rest_old=${!rest_old} rest_new=${!rest_new}
  patroni_get "$rest_new" sync || die "pg$new is not the synchronous standby (status)"
  api_pids_before=$(cat "$dir"/run/api*.pid "$dir/run/messaging.pid" | tr '\n' ' ')

  local out=$dir/log/failover-bookings.jsonl ready=$dir/log/failover-ready.json
  rm -f "$out" "$ready"
  say "bookings: $rate/s for $duration s through :$HTTP_PORT (scripts/cluster/book.py)"
  "${nice[@]}" python3 "$root/scripts/cluster/book.py" run --url "$SALON_URL" \
    --admin-key "$SALON_ADMIN_KEY" --out "$out" --ready "$ready" \
    --rate "$rate" --duration "$duration" >"$dir/log/failover-book.log" 2>&1 &
  local book_pid=$!
  local deadline=$((SECONDS + 60))
  until [[ -s $ready ]]; do
    if ! kill -0 "$book_pid" 2>/dev/null || ((SECONDS >= deadline)); then
      die "book.py did not start: $(tail -3 "$dir/log/failover-book.log")"
    fi
    sleep 0.1
  done
  sleep 8

  local pm_pid patroni_pid
  pm_pid=$(head -1 "$dir/pg$old/data/postmaster.pid")
  patroni_pid=$(cat "$dir/run/patroni-pg$old.pid")
  if ((node_kill)); then
    say "kill -9 pg$old's Patroni ($patroni_pid) and postmaster ($pm_pid): the leader's node lost; pg$new is the synchronous standby"
    t_kill=$(now)
    kill -KILL "$patroni_pid" "$pm_pid"
  else
    say "kill -9 pg$old's postmaster ($pm_pid), the leader; pg$new is the synchronous standby"
    t_kill=$(now)
    kill -KILL "$pm_pid"
  fi
  wait_for "pg$new promoted" 90 patroni_get "$rest_new" primary || die "pg$new was not promoted"
  t_promoted=$(now)
  if ((node_kill)); then
    # The node comes back: its Patroni starts its postgres as a replica of
    # the new leader (pg_rewind if its timeline diverged).
    rm -f "$dir/run/patroni-pg$old.pid"
    start_patroni "$old"
    say "pg$old's Patroni started again"
  fi
  wait_for "HAProxy routing writes to pg$new" 30 hap_running postgres_write "pg$new" || true
  local t_routed
  t_routed=$(now)
  say "pg$new leader $(elapsed "$t_kill" "$t_promoted") s after the kill; HAProxy routes writes to it at $(elapsed "$t_kill" "$t_routed") s"

  wait "$book_pid" || die "book.py failed: $(tail -3 "$dir/log/failover-book.log")"
  say "the bookings, checked against the new leader:"
  local verdict=0
  python3 "$root/scripts/cluster/book.py" check --out "$out" --kill-at "$t_kill" \
    --psql-url "postgres://postgres@127.0.0.1:$WRITE_PORT/salon" || verdict=1

  say "waiting for pg$old to rejoin as a replica"
  if wait_for "pg$old back as a replica" 180 patroni_get "$rest_old" replica; then
    t_rejoined=$(now)
    say "pg$old a replica again $(elapsed "$t_kill" "$t_rejoined") s after the kill"
    wait_for "pg$old the synchronous standby" 60 patroni_get "$rest_old" sync &&
      say "pg$old the synchronous standby again" || verdict=1
  else
    verdict=1
  fi
  patronictl -c "$dir/patroni-pg1.yml" list 2>&1 | sed 's/^/  /'

  api_pids_after=$(cat "$dir"/run/api*.pid "$dir/run/messaging.pid" | tr '\n' ' ')
  if [[ $api_pids_before == "$api_pids_after" ]]; then
    say "no salond was restarted (pids $api_pids_after)"
  else
    say "salond pids changed: $api_pids_before → $api_pids_after"; verdict=1
  fi
  i=1
  for p in $API_PORTS; do
    ready "$p" || { say "api$i not ready after the failover"; verdict=1; }
    i=$((i + 1))
  done
  ((verdict == 0)) || die "failover-test FAILED (see above; logs in $dir/log)"
  say "failover-test passed"
}

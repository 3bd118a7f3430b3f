# shellcheck shell=bash disable=SC2154  # dir, root, nice, … are cluster.sh's
# scripts/cluster.sh deploy <build> and deploy-baseline (sourced by it, with
# cluster.env loaded).
#
# Releases: each deployed salond is copied into releases/<sha256 prefix>/;
# releases/current names the one every process runs (start_api and
# start_messaging start it). A deploy:
#   1. the canary: api1 is drained in HAProxy, stopped, started on the new
#      release and checked while HAProxy still sends it nothing — it must come
#      ready, then `salon-load run day` against it alone is compared with the
#      committed baseline (bench/baseline/deploy-day.json) by `salon-load
#      compare`;
#   2. if the canary fails to start, dies or is slower beyond the tolerance,
#      it goes back to the previous release and back into HAProxy: rolled
#      back, and the operator is told why (stdout, log/deploys.log, and the
#      chat webhook when --webhook or SALON_DEPLOY_WEBHOOK names one);
#   3. else api1 takes traffic again, the other api processes roll one at a
#      time (drain, SIGTERM, start, ready) and the messaging process last;
#      releases/current then names the new release.

deploy_rate=${load_rate:-500} deploy_secs=${load_duration:-15}
deploy_baseline=$root/bench/baseline/deploy-day.json

# release_of <salond>: the release directory holding a copy of that binary.
release_of() {
  local bin=$1 rel
  [[ -x $bin ]] || die "$bin: not an executable salond"
  rel=$dir/releases/$(sha256sum "$bin" | cut -c1-12)
  if [[ ! -x $rel/salond ]]; then
    install -d "$rel"
    install -m 755 "$bin" "$rel/salond.tmp"
    mv "$rel/salond.tmp" "$rel/salond"
  fi
  echo "$rel"
}
current_release() { readlink -f "$dir/releases/current"; }
make_current() { ln -sfn "$1" "$dir/releases/current"; }

# notify <text>: to the operator, the deploy log and the chat webhook (Slack format).
notify() {
  say "$1"
  printf '%s %s\n' "$(date -u +%FT%TZ)" "$1" >>"$dir/log/deploys.log"
  local hook=${webhook:-${SALON_DEPLOY_WEBHOOK:-}}
  [[ -n $hook ]] || return 0
  python3 -c 'import json, sys; print(json.dumps({"text": sys.argv[1]}))' "$1" |
    curl -fsS -m 10 -H 'Content-Type: application/json' --data-binary @- -o /dev/null "$hook" ||
    say "the chat webhook did not take the message"
}

# The check: the day mix against one api process alone; the run's JSON to $1.
deploy_check() {  # out.json
  # Each check makes 10 salons of its own: no run books another's slots.
  "${nice[@]}" "$salon_load" run day --port "$(api_port 1)" --admin-key "$SALON_ADMIN_KEY" \
    --salons 10 --rate "$deploy_rate" --duration "$deploy_secs" --json "$1" >"$1.out" 2>&1
}

# canary_start <release>: api1 out of HAProxy, on that release; answers 1
# when it does not come ready.
canary_start() {
  take_out 1
  start_api 1 "$1"
  watch=api1 wait_for "api1 ready on $(basename "$1")" 60 ready "$(api_port 1)"
}

deploy() {
  load_env
  local build=${part:?deploy needs a build directory (or a salond binary)}
  [[ -x $salon_load ]] || die "$salon_load not built"
  [[ -f $deploy_baseline ]] || die "no $deploy_baseline (scripts/cluster.sh deploy-baseline records one)"
  local bin=$build
  [[ -d $build ]] && bin=$build/src/server/salond
  local old new t0
  old=$(current_release)
  new=$(release_of "$bin")
  t0=$(now)
  [[ $new != "$old" ]] || { say "$(basename "$new") is already deployed"; return 0; }
  say "deploy $(basename "$old") → $(basename "$new"): canary api1 first"

  local why="" run=$dir/log/deploy-check.json verdict=$dir/log/deploy-verdict.txt
  rm -f "$run" "$run.out" "$verdict"
  if ! canary_start "$new"; then
    why="the new build did not come ready on api1 (log/api1.log: $(tail -n 1 "$dir/log/api1.log"))"
  elif ! deploy_check "$run"; then
    why="salon-load could not run against it: $(tail -n 2 "$run.out" | tr '\n' ' ')"
  elif ! "$salon_load" compare --baseline "$deploy_baseline" --run "$run" \
         --tolerance "${tolerance:-0.5}" >"$verdict"; then
    why="slower than the baseline: $(grep REGRESSED "$verdict" | tr '\n' ';')"
  fi
  cat "$verdict" 2>/dev/null | sed 's/^/  /' || true

  if [[ -n $why ]]; then
    canary_start "$old" || die "api1 did not come back on the old release (log/api1.log)"
    put_back 1
    notify "deploy of $(basename "$new") ROLLED BACK to $(basename "$old"): $why"
    return 1
  fi
  put_back 1
  say "canary passed the check; rolling the rest"
  local i
  for i in $(seq 2 "$API_COUNT"); do roll_one "$i" "$new"; done
  stop_daemon messaging 40 || true
  start_messaging "$new"
  watch=messaging wait_for "messaging ready" 60 ready "$MESSAGING_PORT" ||
    die "messaging did not come ready on $(basename "$new") (log/messaging.log)"
  make_current "$new"
  notify "deployed $(basename "$new") (was $(basename "$old")) to $API_COUNT api processes and messaging in $(elapsed "$t0") s; its check:$(sed -n 's/^ok p99 ms:/ p99 ms:/p' "$verdict")"
}

# deploy-baseline: the same check against the current release, written to
# bench/baseline/deploy-day.json (or --out) for deploys to compare with.
deploy_baseline() {
  load_env
  local run=$dir/log/deploy-baseline.json
  canary_start "$(current_release)" || die "api1 did not come ready"
  deploy_check "$run" || { put_back 1; die "salon-load failed: $(tail -n 2 "$run.out")"; }
  put_back 1
  python3 "$root/bench/trim_run.py" "$run" "${out:-$deploy_baseline}" \
    "scripts/cluster.sh deploy-baseline (salon-load run day --rate $deploy_rate --duration $deploy_secs --salons 10 against one api process on PostgreSQL)"
  grep -E 'answered|latency' "$run.out" | sed 's/^/  /'
  say "baseline written to ${out:-$deploy_baseline}"
}

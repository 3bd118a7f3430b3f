# shellcheck shell=bash disable=SC2154  # dir, root, salonctl, … are cluster.sh's
# scripts/cluster.sh capacity (sourced by it, with cluster.env loaded): how
# the `day` mix's capacity grows with the api salond processes behind
# HAProxy. Seeds --salons N salons once (D/seed/salons.jsonl, kept for the
# next run), then for k = API_COUNT … 1 (the others set to maint in HAProxy):
# `salon-load capacity` through HAProxy, and a fixed-rate `salon-load run day`
# (--rate R, --duration S) that reports each part's CPU per request, from
# /proc: what the curve is bounded by, and where it would go with a core per
# process. Every api process is ready again at the end. Each salon-load run
# takes the next --seed (kept in D/seed/next-seed): a seed books its own
# years ahead, so reruns on the same seeded salons never collide.

# One figure per part: api salond, messaging salond, PostgreSQL (both
# instances), HAProxy, Kannel.
cpu_parts() {
  echo "$(cpu_ticks $(cat "$dir"/run/api*.pid)) $(cpu_ticks "$(cat "$dir/run/messaging.pid")")" \
       "$(cpu_ticks $(pgrep -x postgres)) $(cpu_ticks $(pgrep -x haproxy))" \
       "$(cpu_ticks $(pgrep -x 'bearerbox|smsbox|fakesmsc'))"
}

next_seed() {
  local f=$dir/seed/next-seed seed
  seed=$(cat "$f" 2>/dev/null || echo 1)
  ((seed <= 50)) || die "every salon-load seed (1…50) was used on this store: seed it again (down --purge, up)"
  echo $((seed + 1)) >"$f"
  echo "$seed"
}

serve_with() {  # k: api1…apik ready in HAProxy, the rest in maint
  local i
  for ((i = 1; i <= API_COUNT; i++)); do
    if ((i <= $1)); then
      hap "set server salond/api$i state ready" >/dev/null  # out of maint: checked again
      put_back "$i"
    else
      hap "set server salond/api$i state maint" >/dev/null
    fi
  done
}

run_capacity() {
  local salons=${load_salons:-10000} rate=${load_rate:-1500} duration=${load_duration:-30}
  local seed_dir=$dir/seed file=$dir/seed/salons.jsonl
  mkdir -p "$seed_dir"
  if [[ ! -f $file ]] || (($(wc -l <"$file") < salons)); then
    say "seeding $salons salons into the cluster's store (once; kept in $file)"
    "$salonctl" --data-dir "$seed_dir" --store "$SALON_STORE" seed --salons "$salons" \
      --clients 5 --history-days 0 --future-days 0 --out "$file" | tail -1
  fi
  local k ticks_per_s
  ticks_per_s=$(getconf CLK_TCK)
  for ((k = API_COUNT; k >= 1; k--)); do
    serve_with "$k"
    say "== $k api salond: salon-load capacity (the day mix, p99 < 50 ms, no errors)"
    "$salon_load" capacity --port "$HTTP_PORT" --salons-file "$file" --start $((salons / 4)) \
      --max "$salons" --duration 10 --seed "$(next_seed)" | grep -E '^(pass|FAIL|capacity)'
    say "== $k api salond: CPU per request of each part, day mix at $rate req/s for $duration s"
    local before after
    before=$(cpu_parts)
    "$salon_load" run day --port "$HTTP_PORT" --salons-file "$file" --rate "$rate" \
      --duration "$duration" --seed "$(next_seed)" \
      --salons "$(python3 -c "print(min($salons, int($rate / 0.2325)))")" |
      grep -E 'sent|latency from'
    after=$(cpu_parts)
    python3 - "$rate" "$duration" "$ticks_per_s" "$before" "$after" <<'PY'
import sys
rate, duration, hz = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
before, after = (list(map(int, s.split())) for s in sys.argv[4:6])
requests = rate * duration
for name, a, b in zip(["api salond", "messaging salond", "PostgreSQL", "HAProxy", "Kannel"], before, after):
    seconds = (b - a) / hz
    print(f"  {name:17s} {seconds:7.2f} CPU s  {seconds / requests * 1e6:6.0f} µs/request  {seconds / duration:5.2f} cores")
PY
  done
  serve_with "$API_COUNT"
}

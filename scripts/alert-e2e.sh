#!/usr/bin/env bash
# End-to-end test of the alerting path (issue 14), with the real Debian
# prometheus and alertmanager, a salond on the demo salon, `salonctl
# heartbeat` against it, and a local webhook sink standing in for the chat:
#
#   healthy       for HEALTHY_S seconds with both targets scraped: the sink gets
#                 nothing and Prometheus has no alert firing;
#   salond killed (SIGKILL): within DETECT_BOUND_S seconds the heartbeat's chat
#                 alert ("FAILING") and Alertmanager's pages for
#                 SalonHeartbeatFailing and SalonTargetDown reach the sink;
#   salond back   (same data, same port): within RESOLVE_BOUND_S seconds the
#                 heartbeat's "RECOVERED" and Alertmanager's "RESOLVED" for both.
#
# Prints each measured time. Runs in about a minute; needs a Release build
# (scripts/build.sh build; SALON_BUILD_DIR to use another), python3 (the sink)
# and curl. Everything lives in a temporary directory and on free loopback
# ports; every process it starts is stopped on exit.
#
# Configuration it generates (in the temporary directory):
#   - prometheus.yml: scrape_interval, scrape_timeout and evaluation_interval
#     1s; jobs salond and salon_heartbeat as in deploy/prometheus/prometheus.yml;
#   - rules/*.yml: the project's deploy/prometheus/rules/*.yml with time made
#     60 times shorter — every duration in a `for:`, a range `[…]` or an
#     `offset` becomes a sixtieth (`for: 2m` → `for: 2s`, `[1h]` → `[1m]`,
#     `offset 1d` → `offset 24m`); alert names, labels, annotations and
#     numbers in expressions (thresholds, `900` seconds, `4 * 3600`) unchanged;
#   - alertmanager.yml: deploy/alertmanager/alertmanager.yml with each
#     `api_url` pointed at the sink (same path), group_wait and group_interval
#     1s, repeat_interval 1h (a repeat would only add noise to the sink).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/lib.sh"

HEALTHY_S=${HEALTHY_S:-10}
DETECT_BOUND_S=${DETECT_BOUND_S:-30}
RESOLVE_BOUND_S=${RESOLVE_BOUND_S:-30}

build=${SALON_BUILD_DIR:-$root/build}
salond=$build/src/server/salond
salonctl=$build/tools/salonctl/salonctl
alertmanager=$(command -v prometheus-alertmanager || command -v alertmanager || true)
for tool in "$salond" "$salonctl"; do
  [[ -x "$tool" ]] || { echo "alert-e2e: $tool not built (scripts/build.sh build)" >&2; exit 1; }
done
for tool in prometheus promtool amtool python3 curl; do
  command -v "$tool" >/dev/null || { echo "alert-e2e: $tool not found" >&2; exit 1; }
done
[[ -n "$alertmanager" ]] || { echo "alert-e2e: alertmanager not found (apt-get install prometheus-alertmanager)" >&2; exit 1; }

started=$(date +%s.%N)
tmp=$(mktemp -d /tmp/salon-alert-e2e-XXXXXX)
declare -A pid=()
failed=1
stop() {  # name: SIGTERM the process we started, then reap it
  local p=${pid[$1]:-}
  [[ -n "$p" ]] || return 0
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  unset "pid[$1]"
}
cleanup() {
  set +e
  trap '' PIPE  # a closed stdout/stderr must not stop the cleanup
  for name in heartbeat prometheus alertmanager salond sink; do stop "$name"; done
  if [[ $failed -ne 0 ]]; then
    echo "alert-e2e: FAILED; the last lines of each log:" >&2
    for f in "$tmp"/sink.tsv "$tmp"/*.log; do
      [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "alert-e2e: FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

# wait_for <what> <seconds> <command…>: polls every 0.2 s until the command succeeds.
wait_for() {
  local what=$1 limit=$2
  shift 2
  local deadline
  deadline=$(python3 -c "import time,sys; print(time.time() + float(sys.argv[1]))" "$limit")
  until "$@" >/dev/null 2>&1; do
    python3 -c "import time,sys; sys.exit(time.time() > float(sys.argv[1]))" "$deadline" ||
      fail "$what: not within $limit s"
    sleep 0.2
  done
}

# Distinct free loopback ports.
ports=()
while [[ ${#ports[@]} -lt 4 ]]; do
  p=$(free_port)
  [[ " ${ports[*]} " == *" $p "* ]] || ports+=("$p")
done
salond_port=${ports[0]} heartbeat_port=${ports[1]} prom_port=${ports[2]} am_port=${ports[3]}

# ---------------------------------------------------------------- the sink
# Records every POST: sink.jsonl (time, path, body) and sink.tsv (time, path,
# and the text: the heartbeat's "text" or Alertmanager's attachment titles).
cat >"$tmp/sink.py" <<'EOF'
import http.server, json, sys, threading, time
out_dir = sys.argv[1]
lock = threading.Lock()
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        t = time.time()
        try:
            doc = json.loads(body)
        except ValueError:
            doc = {"raw": body.decode("utf-8", "replace")}
        if "attachments" in doc:
            text = " | ".join(a.get("title", "") for a in doc["attachments"])
        else:
            text = str(doc.get("text", doc))
        with lock:
            with open(out_dir + "/sink.jsonl", "a") as f:
                f.write(json.dumps({"time": t, "path": self.path, "body": doc}) + "\n")
            with open(out_dir + "/sink.tsv", "a") as f:
                f.write("%.3f\t%s\t%s\n" % (t, self.path, " ".join(text.split())))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
with open(out_dir + "/sink.port.tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os; os.rename(out_dir + "/sink.port.tmp", out_dir + "/sink.port")
server.serve_forever()
EOF
touch "$tmp/sink.tsv"
python3 "$tmp/sink.py" "$tmp" >"$tmp/sink.log" 2>&1 &
pid[sink]=$!
wait_for "the webhook sink" 10 test -s "$tmp/sink.port"
sink="http://127.0.0.1:$(cat "$tmp/sink.port")"

# first_after <time> <path> <text>: the time of the first POST to <path> after
# <time> whose text holds <text>; fails (status 1) if there is none yet.
first_after() {
  awk -F'\t' -v after="$1" -v path="$2" -v text="$3" '
    $1 >= after && $2 == path && index($3, text) { print $1; found = 1; exit }
    END { exit !found }' "$tmp/sink.tsv"
}

# ---------------------------------------------------------------- salond
echo "== alert-e2e: salond (demo salon) on 127.0.0.1:$salond_port, in $tmp"
"$salonctl" seed --demo --json --data-dir "$tmp/data" >"$tmp/demo.json" 2>"$tmp/seed.log"
read -r salon key branch < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["salon_id"], d["api_key"], d["branch_id"])' "$tmp/demo.json")
start_salond() {
  "$salond" --listen "127.0.0.1:$salond_port" --data-dir "$tmp/data" --log-format json \
    >>"$tmp/salond.log" 2>&1 &
  pid[salond]=$!
}
salond_ready() { curl -fsS -m 2 "http://127.0.0.1:$salond_port/readyz"; }
start_salond
wait_for "salond ready" 30 salond_ready

# ---------------------------------------------------------------- heartbeat
"$salonctl" heartbeat --url "http://127.0.0.1:$salond_port/v1/salons/$salon" --key "$key" \
  --branch "$branch" --every 1s --webhook "$sink/heartbeat" \
  --metrics-listen "127.0.0.1:$heartbeat_port" --history "$tmp/heartbeat.jsonl" \
  >"$tmp/heartbeat.log" 2>&1 &
pid[heartbeat]=$!
heartbeat_good() {
  curl -fsS -m 2 "http://127.0.0.1:$heartbeat_port/metrics" | grep -qx 'salon_heartbeat_success 1'
}
wait_for "a good heartbeat round" 30 heartbeat_good

# ---------------------------------------------------------------- configuration
mkdir -p "$tmp/prometheus/rules"
python3 - "$root/deploy/prometheus/rules" "$tmp/prometheus/rules" <<'EOF'
import pathlib, re, sys
unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}
def shorter(m):
    seconds = int(m.group(2)) * unit[m.group(3)]
    if seconds % 60:
        sys.exit("alert-e2e: cannot shorten %r by 60" % m.group(0))
    seconds //= 60
    return m.group(1) + ("%dm" % (seconds // 60) if seconds % 60 == 0 else "%ds" % seconds)
for rules in sorted(pathlib.Path(sys.argv[1]).glob("*.yml")):
    text = re.sub(r"(for: +|\[|offset +)(\d+)([smhd])\b", shorter, rules.read_text())
    (pathlib.Path(sys.argv[2]) / rules.name).write_text(text)
EOF
cat >"$tmp/prometheus/prometheus.yml" <<EOF
# Generated by scripts/alert-e2e.sh: deploy/prometheus/prometheus.yml's jobs,
# 1 s intervals, the rules made 60 times faster.
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - rules/*.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  - job_name: salond
    static_configs:
      - targets: ['127.0.0.1:$salond_port']
  - job_name: salon_heartbeat
    static_configs:
      - targets: ['127.0.0.1:$heartbeat_port']
EOF
promtool check config "$tmp/prometheus/prometheus.yml" >"$tmp/promtool.log" 2>&1 ||
  fail "the generated Prometheus configuration: $(cat "$tmp/promtool.log")"

sed -E -e "s#(api_url: +)https?://[^/ ]+(/[^ ]*).*#\1$sink\2#" \
       -e 's#(group_wait: +).*#\11s#' -e 's#(group_interval: +).*#\11s#' \
       -e 's#(repeat_interval: +).*#\11h#' \
       "$root/deploy/alertmanager/alertmanager.yml" >"$tmp/alertmanager.yml"
grep -q "api_url: $sink/chat/pages" "$tmp/alertmanager.yml" || fail "no page receiver pointed at the sink"
amtool check-config "$tmp/alertmanager.yml" >"$tmp/amtool.log" 2>&1 ||
  fail "the generated Alertmanager configuration: $(cat "$tmp/amtool.log")"

# ---------------------------------------------------------------- Alertmanager, Prometheus
"$alertmanager" --config.file="$tmp/alertmanager.yml" --storage.path="$tmp/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= \
  >"$tmp/alertmanager.log" 2>&1 &
pid[alertmanager]=$!
wait_for "Alertmanager ready" 30 curl -fsS -m 2 "http://127.0.0.1:$am_port/-/ready"
prometheus --config.file="$tmp/prometheus/prometheus.yml" --storage.tsdb.path="$tmp/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$tmp/prometheus.log" 2>&1 &
pid[prometheus]=$!
wait_for "Prometheus ready" 30 curl -fsS -m 2 "http://127.0.0.1:$prom_port/-/ready"

# query <PromQL>: the value of its single sample; fails if it has none.
query() {
  curl -fsS -m 2 "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" |
    python3 -c '
import json, sys
r = json.load(sys.stdin)["data"]["result"]
sys.exit(1) if len(r) != 1 else print(r[0]["value"][1])'
}
targets_up() { [[ $(query 'sum(up{job=~"salond|salon_heartbeat"})') == 2 ]]; }
wait_for "both targets scraped" 30 targets_up

# ---------------------------------------------------------------- healthy
echo "== healthy: ${HEALTHY_S}s with both targets up: no alert, nothing in the sink"
sleep "$HEALTHY_S"
targets_up || fail "a target went down while healthy"
if query 'count(ALERTS{alertstate="firing"})' >/dev/null; then
  fail "alerts firing while healthy: $(curl -fsS "http://127.0.0.1:$prom_port/api/v1/alerts")"
fi
[[ ! -s "$tmp/sink.tsv" ]] || fail "the sink got a message while healthy: $(cat "$tmp/sink.tsv")"
# The log counters are scraped: salond's start, the heartbeat's good rounds.
[[ $(query 'sum(salon_log_messages_total{job="salond",level="info",event="lifecycle"})') -ge 1 ]] ||
  fail "salond's log counter (lifecycle) is not scraped"
[[ $(query 'sum(salon_log_messages_total{job="salon_heartbeat",level="info",event="heartbeat_ok"})') -ge 3 ]] ||
  fail "the heartbeat's log counter (heartbeat_ok) is not scraped"

# ---------------------------------------------------------------- salond killed
killed=$(now)
{ kill -KILL "${pid[salond]}"; wait "${pid[salond]}" || true; } 2>/dev/null  # no "Killed" notice
unset 'pid[salond]'
echo "== salond killed (SIGKILL); waiting up to ${DETECT_BOUND_S}s for the alerts"
detected() {
  first_after "$killed" /heartbeat "Salon heartbeat FAILING" &&
    first_after "$killed" /chat/pages "PAGE: SalonHeartbeatFailing" &&
    first_after "$killed" /chat/pages "PAGE: SalonTargetDown"
}
wait_for "the alerts of a killed salond" "$DETECT_BOUND_S" detected
at() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }
hb_alert=$(at "$killed" "$(first_after "$killed" /heartbeat "Salon heartbeat FAILING")")
am_hb_page=$(at "$killed" "$(first_after "$killed" /chat/pages "PAGE: SalonHeartbeatFailing")")
am_down_page=$(at "$killed" "$(first_after "$killed" /chat/pages "PAGE: SalonTargetDown")")
echo "   heartbeat chat alert (FAILING):            ${hb_alert}s after the kill"
echo "   Alertmanager page SalonHeartbeatFailing:   ${am_hb_page}s after the kill"
echo "   Alertmanager page SalonTargetDown:         ${am_down_page}s after the kill"
[[ $(query 'sum(salon_log_messages_total{job="salon_heartbeat",level="warning",event="heartbeat_failed"})') -ge 2 ]] ||
  fail "the heartbeat's failed rounds are not counted as heartbeat_failed warnings"

# ---------------------------------------------------------------- salond back
restarted=$(now)
start_salond
echo "== salond restarted; waiting up to ${RESOLVE_BOUND_S}s for the resolutions"
resolved() {
  first_after "$restarted" /heartbeat "Salon heartbeat RECOVERED" &&
    first_after "$restarted" /chat/pages "RESOLVED: SalonHeartbeatFailing" &&
    first_after "$restarted" /chat/pages "RESOLVED: SalonTargetDown"
}
wait_for "salond ready again" "$RESOLVE_BOUND_S" salond_ready
ready=$(since "$restarted")
wait_for "the resolutions after the restart" "$RESOLVE_BOUND_S" resolved
hb_recovered=$(at "$restarted" "$(first_after "$restarted" /heartbeat "Salon heartbeat RECOVERED")")
am_hb_resolved=$(at "$restarted" "$(first_after "$restarted" /chat/pages "RESOLVED: SalonHeartbeatFailing")")
am_down_resolved=$(at "$restarted" "$(first_after "$restarted" /chat/pages "RESOLVED: SalonTargetDown")")
echo "   salond ready again:                        ${ready}s after the restart"
echo "   heartbeat chat recovery (3 good rounds):   ${hb_recovered}s after the restart"
echo "   Alertmanager RESOLVED SalonHeartbeatFailing: ${am_hb_resolved}s after the restart"
echo "   Alertmanager RESOLVED SalonTargetDown:     ${am_down_resolved}s after the restart"

echo "== what the sink received (seconds since the kill, path, text):"
awk -F'\t' -v t0="$killed" '{ printf "   %6.1f  %-12s %s\n", $1 - t0, $2, substr($3, 1, 110) }' "$tmp/sink.tsv"

failed=0
echo "== alert-e2e passed in $(since "$started")s (bounds: detection ${DETECT_BOUND_S}s, resolution ${RESOLVE_BOUND_S}s)"

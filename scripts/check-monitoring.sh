#!/usr/bin/env bash
# Checks the monitoring configuration of deploy/: Prometheus's config and
# rules (promtool check), the rules' unit tests (promtool test rules, every
# alert on synthetic series), Alertmanager's config (amtool check-config) and
# its routing, and that every alert has a severity of page or ticket, a
# summary, a description and a runbook_url whose section exists in
# docs/RUNBOOK.md, and is named by a test. Exits non-zero on any failure.
# Runs in a few seconds from any directory; needs the Debian packages
# prometheus (promtool) and prometheus-alertmanager (amtool).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prom="$root/deploy/prometheus"
am="$root/deploy/alertmanager/alertmanager.yml"
runbook="$root/docs/RUNBOOK.md"

for tool in promtool amtool; do
  command -v "$tool" >/dev/null || {
    echo "check-monitoring: $tool not found (apt-get install prometheus prometheus-alertmanager)" >&2
    exit 1
  }
done
shopt -s nullglob
rules=("$prom"/rules/*.yml)
tests=("$prom"/tests/*.yml)
[[ ${#rules[@]} -gt 0 && ${#tests[@]} -gt 0 ]] || { echo "check-monitoring: no rules or tests" >&2; exit 1; }

echo "== promtool check config"
promtool check config "$prom/prometheus.yml"
echo "== promtool check rules"
promtool check rules "${rules[@]}"
echo "== promtool test rules"
(cd "$prom/tests" && promtool test rules "${tests[@]##*/}")
echo "== amtool check-config"
amtool check-config "$am"

echo "== Alertmanager routing"
route_ok() {  # expected receiver, then labels
  local want=$1; shift
  local got
  got=$(amtool config routes test --config.file="$am" "$@" 2>/dev/null) || true
  if [[ "$got" != "$want" ]]; then
    echo "routing $* goes to '$got', expected '$want'" >&2
    return 1
  fi
  echo "  $* -> $got"
}
route_ok chat-pages alertname=SalonTargetDown severity=page
route_ok chat-tickets alertname=SalonDiskFilling severity=ticket
route_ok chat-tickets alertname=Unknown

echo "== Alerts: severity, annotations, runbook sections, tests"
# GitHub's heading anchors: lower case, punctuation dropped, spaces to '-'.
anchors=$(grep -E '^#{1,6} ' "$runbook" | sed -E 's/^#+ +//' | tr 'A-Z' 'a-z' |
          sed -E 's/[^a-z0-9 _-]//g; s/ /-/g')
out=$(awk -v anchors="$anchors" '
  BEGIN { n = split(anchors, a, "\n"); for (i = 1; i <= n; i++) have[a[i]] = 1 }
  function problem(text) { print "PROBLEM " file ": " alert ": " text }
  function check() {
    if (alert == "") return
    if (severity != "page" && severity != "ticket") problem("severity is \"" severity "\", not page or ticket")
    if (!summary) problem("no summary annotation")
    if (!description) problem("no description annotation")
    if (runbook !~ /^docs\/RUNBOOK\.md#/) problem("runbook_url \"" runbook "\" is not docs/RUNBOOK.md#<section>")
    else if (!(substr(runbook, 17) in have)) problem("docs/RUNBOOK.md has no section #" substr(runbook, 17))
    print "ALERT " alert
    alert = ""
  }
  FNR == 1 { check() }
  /^ *- (alert|record|name):/ { check() }
  /^ *- alert:/ { alert = $3; file = FILENAME; severity = ""; summary = description = 0; runbook = "" }
  alert != "" && /^ +severity:/ { severity = $2 }
  alert != "" && /^ +summary:/ { summary = 1 }
  alert != "" && /^ +description:/ { description = 1 }
  alert != "" && /^ +runbook_url:/ { runbook = $2; gsub(/"/, "", runbook) }
  END { check() }
' "${rules[@]}")
problems=$(sed -n 's/^PROBLEM //p' <<<"$out")
names=$(sed -n 's/^ALERT //p' <<<"$out" | sort -u)
for name in $names; do
  grep -qE "alertname: +$name\$" "${tests[@]}" || problems+=$'\n'"$name: no test in deploy/prometheus/tests"
done
problems=$(sed '/^$/d' <<<"$problems")
if [[ -n "$problems" ]]; then
  echo "$problems" >&2
  exit 1
fi
echo "  $(wc -w <<<"$names") alerts: $(echo $names)"
echo "== monitoring checks passed"

#!/usr/bin/env bash
# Browser tests of the pages against the real salond (issue: web front end).
#
#   1. builds the pages (scripts/build-web.sh → web/dist);
#   2. seeds the demo salon into a fresh temporary data dir
#      (salonctl seed --demo --json: ids, key and the demo users' passwords);
#   3. starts salond on a free loopback port serving web/dist, rate limits off;
#   4. runs web/tests (node --test; playwright-core driving /usr/bin/chromium,
#      headless) as the demo front desk, with the demo stylist for the 403 test
#      — or, given arguments, that command in web/ instead, with the same
#      environment (SALON_URL, SALON_EMAIL, SALON_PASSWORD, …);
#   5. stops salond (on any exit) and exits non-zero on any failure.
#
# Tests whose endpoints this salond lacks (the branch's event stream) are
# skipped with the reason printed, never faked.
#
# Environment: SALON_BUILD_DIR (default build), SALON_SCREENSHOTS (a folder:
# the tests save the day view, the till and the booking page there, e.g.
# docs/screenshots), SALON_E2E_KEEP=1 (keep the temporary dir), CHROMIUM.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/lib.sh"

build=${SALON_BUILD_DIR:-$root/build}
salond=$build/src/server/salond
salonctl=$build/tools/salonctl/salonctl
for tool in "$salond" "$salonctl"; do
  [[ -x "$tool" ]] || { echo "web-e2e: $tool not built (scripts/build.sh build)" >&2; exit 1; }
done
for tool in node npm curl; do
  command -v "$tool" >/dev/null || { echo "web-e2e: $tool not found" >&2; exit 1; }
done
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[[ -x "$CHROMIUM" ]] || { echo "web-e2e: $CHROMIUM not found (apt-get install chromium)" >&2; exit 1; }

started=$(date +%s.%N)
elapsed() { awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

tmp=$(mktemp -d /tmp/salon-web-e2e-XXXXXX)
salond_pid=
cleanup() {
  local rc=$?
  if [[ -n "$salond_pid" ]]; then
    kill "$salond_pid" 2>/dev/null || true
    wait "$salond_pid" 2>/dev/null || true
  fi
  if (( rc != 0 )) && [[ -f "$tmp/salond.log" ]]; then
    echo "web-e2e: salond's log (last 30 lines):" >&2
    tail -n 30 "$tmp/salond.log" >&2 || true
  fi
  if [[ -n "${SALON_E2E_KEEP:-}" ]]; then echo "web-e2e: kept $tmp"; else rm -rf "$tmp"; fi
  echo "web-e2e: $( (( rc == 0 )) && echo passed || echo FAILED) in $(elapsed) s"
  exit "$rc"
}
trap cleanup EXIT

echo "web-e2e: building the pages"
"$root/scripts/build-web.sh" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }

echo "web-e2e: seeding the demo salon"
"$salonctl" seed --demo --json --data-dir "$tmp/data" >"$tmp/seed.json"

port=$(free_port)
url=http://127.0.0.1:$port
echo "web-e2e: starting salond on $url"
"$salond" --listen "127.0.0.1:$port" --data-dir "$tmp/data" --web-dir "$root/web/dist" \
  --rate-limit 0 >"$tmp/salond.log" 2>&1 &
salond_pid=$!
for _ in $(seq 100); do  # at most ~10 s
  curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break
  kill -0 "$salond_pid" 2>/dev/null || { echo "web-e2e: salond exited" >&2; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "$url/readyz" || { echo "web-e2e: salond not ready after 10 s" >&2; exit 1; }

# The demo users and branch from the seed's JSON line.
eval "$(node -e '
  const seed = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const user = (role) => seed.users.find((u) => u.role === role) || {};
  const q = (s) => `'"'"'${String(s ?? "").replace(/'"'"'/g, "")}'"'"'`;
  console.log([
    `export SALON_BRANCH=${q(seed.branch_id)}`,
    `export SALON_EMAIL=${q(user("front_desk").email)}`,
    `export SALON_PASSWORD=${q(user("front_desk").password)}`,
    `export SALON_STYLIST_EMAIL=${q(user("stylist").email)}`,
    `export SALON_STYLIST_PASSWORD=${q(user("stylist").password)}`,
  ].join("\n"));
' "$tmp/seed.json")"
[[ -n "$SALON_PASSWORD" ]] || { echo "web-e2e: the seed printed no front-desk user" >&2; exit 1; }
export SALON_URL=$url

if [[ -n "${SALON_SCREENSHOTS:-}" ]]; then
  export SALON_SCREENSHOTS=$(cd "$root" && mkdir -p "$SALON_SCREENSHOTS" && cd "$SALON_SCREENSHOTS" && pwd)
fi

cd "$root/web"
if (( $# > 0 )); then  # another program against the same salond (bench/web_first_load.sh)
  echo "web-e2e: running $* ($(elapsed) s so far)"
  "$@"
else
  echo "web-e2e: running the browser tests ($(elapsed) s so far)"
  nice -n 10 node --test --test-reporter=spec tests/
fi

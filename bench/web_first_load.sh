#!/usr/bin/env bash
# The front desk's first load in Chromium against a real salond: bytes
# transferred for a cold load of / → sign in → the day view drawn, and the
# time from navigation start to the day view drawn, cold and warm (medians).
#   [RUNS=5] [SETTLE_MS=500] [FIRST_LOAD_JSON=path] bench/web_first_load.sh
# Like scripts/web-e2e.sh: builds the pages (scripts/build-web.sh), seeds the
# demo salon into a temporary data dir, starts salond serving web/dist (rate
# limits off), runs web/tests/first_load.bench.mjs as the demo front desk
# (playwright-core driving /usr/bin/chromium, headless) and stops salond on
# any exit. Needs salond and salonctl built (scripts/build.sh build), node,
# npm, curl, chromium. Prints a markdown summary.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/lib.sh"

build=${SALON_BUILD_DIR:-$root/build}
salond=$build/src/server/salond
salonctl=$build/tools/salonctl/salonctl
for tool in "$salond" "$salonctl"; do
  [[ -x "$tool" ]] || { echo "web_first_load: $tool not built (scripts/build.sh build)" >&2; exit 1; }
done
for tool in node npm curl; do
  command -v "$tool" >/dev/null || { echo "web_first_load: $tool not found" >&2; exit 1; }
done
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[[ -x "$CHROMIUM" ]] || { echo "web_first_load: $CHROMIUM not found (apt-get install chromium)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/salon-first-load-XXXXXX)
salond_pid=
cleanup() {
  local rc=$?
  if [[ -n "$salond_pid" ]]; then
    kill "$salond_pid" 2>/dev/null || true
    wait "$salond_pid" 2>/dev/null || true
  fi
  if (( rc != 0 )) && [[ -f "$tmp/salond.log" ]]; then
    echo "web_first_load: salond's log (last 30 lines):" >&2
    tail -n 30 "$tmp/salond.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT

echo "web_first_load: building the pages" >&2
"$root/scripts/build-web.sh" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }

echo "web_first_load: seeding the demo salon" >&2
"$salonctl" seed --demo --json --data-dir "$tmp/data" >"$tmp/seed.json"

port=$(free_port)
url=http://127.0.0.1:$port
echo "web_first_load: starting salond on $url" >&2
"$salond" --listen "127.0.0.1:$port" --data-dir "$tmp/data" --web-dir "$root/web/dist" \
  --rate-limit 0 >"$tmp/salond.log" 2>&1 &
salond_pid=$!
for _ in $(seq 100); do  # at most ~10 s
  curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break
  kill -0 "$salond_pid" 2>/dev/null || { echo "web_first_load: salond exited" >&2; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "$url/readyz" || { echo "web_first_load: salond not ready after 10 s" >&2; exit 1; }

# The demo front desk from the seed's JSON line.
eval "$(node -e '
  const seed = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const user = seed.users.find((u) => u.role === "front_desk") || {};
  const q = (s) => `'"'"'${String(s ?? "").replace(/'"'"'/g, "")}'"'"'`;
  console.log(`export SALON_EMAIL=${q(user.email)}\nexport SALON_PASSWORD=${q(user.password)}`);
' "$tmp/seed.json")"
[[ -n "$SALON_PASSWORD" ]] || { echo "web_first_load: the seed printed no front-desk user" >&2; exit 1; }
export SALON_URL=$url

echo "web_first_load: measuring (${RUNS:-5} runs)" >&2
cd "$root/web"
node tests/first_load.bench.mjs

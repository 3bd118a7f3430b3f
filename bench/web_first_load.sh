#!/usr/bin/env bash
# The front desk's first load in Chromium against a real salond: bytes
# transferred for a cold load of / → sign in → the day view drawn, and the
# time from navigation start to the day view drawn, cold and warm (medians).
#   [RUNS=5] [SETTLE_MS=500] [FIRST_LOAD_JSON=path] bench/web_first_load.sh
# scripts/web-e2e.sh builds the pages, seeds the demo salon, starts salond
# serving web/dist (rate limits off), runs web/tests/first_load.bench.mjs as
# the demo front desk (playwright-core driving /usr/bin/chromium, headless)
# and stops salond on any exit. Needs salond and salonctl built
# (scripts/build.sh build), node,
# npm, curl, chromium. Prints a markdown summary.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$root/scripts/web-e2e.sh" node tests/first_load.bench.mjs

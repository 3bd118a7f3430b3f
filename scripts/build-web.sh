#!/usr/bin/env bash
# Builds the pages (web/) into web/dist for salond to serve: index.html,
# book.html and content-hashed assets/. Installs the npm packages from the
# committed web/package-lock.json with `npm ci` only when the lock changed
# since the last install (a stamp of its hash in node_modules), so a rebuild
# is quick and offline. Needs node and npm (Debian's nodejs and npm).
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
node build.mjs

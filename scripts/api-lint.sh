#!/usr/bin/env bash
# Lints the API document, docs/openapi.json, as integrators' tools do, and
# proves it generates a usable client:
#   1. Redocly CLI, `recommended` ruleset (tools/api-lint/redocly.yaml);
#   2. Spectral, `spectral:oas` ruleset (tools/api-lint/.spectral.yaml),
#      failing on warnings too;
#   3. openapi-typescript generates the client's types into
#      tools/api-lint/generated/ (gitignored), and `tsc --noEmit --strict`
#      type-checks tools/api-lint/client_check.ts, an openapi-fetch client
#      that creates a salon, lists clients, searches availability and books.
# The tools are pinned in tools/api-lint/package-lock.json and installed with
# `npm ci` when node_modules is missing or the lockfile changed; after that
# it runs offline in a few seconds. Needs Node.js >= 20.19 with npm.
# Idempotent; exits non-zero when any step fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="$root/tools/api-lint"
doc="$root/docs/openapi.json"
bin="$dir/node_modules/.bin"
cd "$dir"

# No telemetry, update notices or install-time analytics from the tools.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export DO_NOT_TRACK=1 SCARF_ANALYTICS=false NPM_CONFIG_UPDATE_NOTIFIER=false

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "api-lint: needs Node.js >= 20.19 with npm (node or npm is missing)" >&2
  exit 1
fi
if ! node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1);'; then
  echo "api-lint: needs Node.js >= 20.19 (@redocly/cli); this is $(node --version)" >&2
  exit 1
fi

# Install exactly the lockfile's tools, again only when it changed. Install
# scripts stay off: the only one among these packages is @scarf/scarf's
# analytics ping.
stamp="$dir/node_modules/.api-lint-lockfile.sha256"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "== api-lint: npm ci"
  npm ci --no-audit --no-fund --ignore-scripts
  echo "$want" >"$stamp"
fi

echo "== api-lint: redocly lint (recommended)"
"$bin/redocly" lint --config "$dir/redocly.yaml" "$doc"

echo "== api-lint: spectral lint (spectral:oas)"
"$bin/spectral" lint --ruleset "$dir/.spectral.yaml" --fail-severity=warn "$doc"

echo "== api-lint: generate the client and type-check client_check.ts"
rm -rf "$dir/generated"
"$bin/openapi-typescript" "$doc" --redocly "$dir/redocly.yaml" --output "$dir/generated/schema.ts"
# --skipLibCheck skips only the packages' own declarations: the generated
# types are a .ts file and are checked with client_check.ts.
"$bin/tsc" --noEmit --strict --skipLibCheck --target es2022 --lib es2022,dom \
  --module esnext --moduleResolution bundler "$dir/client_check.ts"
echo "== api-lint: ok"

#!/usr/bin/env bash
# Checks deploy/'s container, compose and systemd files without running them
# (issue 16; scripts/image-test.sh runs the image itself):
#   scripts/check-deploy.sh [salond]   (default build/src/server/salond)
#
#   - deploy/compose.yaml is YAML; every service runs with a read-only root
#     and a user of its own, each salond one as 10001:10001 with no
#     capabilities and a healthcheck on /readyz; every file it names exists;
#     every SALON_* variable it sets is one salond reads (from `salond
#     --help`, when that binary is built; SALON_HEARTBEAT_KEY is salonctl's).
#   - deploy/container/haproxy.cfg passes `haproxy -c`; the Kannel
#     entrypoint passes `sh -n`.
#   - deploy/systemd/*.service: `systemd-analyze verify` (in a scratch root
#     with stand-ins for the binaries) prints nothing, and `systemd-analyze
#     security --offline` rates each unit's exposure 2.0 or lower ("OK").
#   - the SALON_* variables of deploy/systemd/*.env.example are salond's too.
# Exits non-zero on the first failed check. About a second; installs
# python3-yaml and haproxy if missing (systemd-analyze is Debian's systemd).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
salond=${1:-build/src/server/salond}
scripts/install-deps.sh haproxy python3-yaml >/dev/null

fail() { echo "check-deploy: $*" >&2; exit 1; }

python=python3
python3 -c 'import yaml' 2>/dev/null || python=/usr/bin/python3
"$python" -c 'import yaml' 2>/dev/null || fail "python3 has no PyYAML (apt-get install python3-yaml)"

known_env=""
if [[ -x $salond ]]; then
  known_env=$("$salond" --help | grep -o 'Env:SALON_[A-Z_]*' | cut -d: -f2 | sort -u)
else
  echo "check-deploy: $salond not built; SALON_* names not checked"
fi

# --- compose ----------------------------------------------------------------
KNOWN_ENV=$known_env "$python" - deploy/compose.yaml <<'PY' || fail "deploy/compose.yaml: see above"
import os, sys, yaml
path = sys.argv[1]
with open(path) as f:
    doc = yaml.safe_load(f)
known = set(os.environ["KNOWN_ENV"].split()) | {"SALON_HEARTBEAT_KEY"}
errors = []
base = os.path.dirname(path)
for name, svc in doc["services"].items():
    if svc.get("read_only") is not True:
        errors.append(f"{name}: read_only is not true")
    if not svc.get("user"):
        errors.append(f"{name}: no user")
    build = svc.get("build")
    if build:
        ctx = os.path.normpath(os.path.join(base, build["context"]))
        if not os.path.isfile(os.path.join(ctx, build["dockerfile"])):
            errors.append(f"{name}: no {build['dockerfile']}")
    for v in svc.get("volumes") or []:
        src = v.split(":")[0]
        if src.startswith(".") and not os.path.exists(os.path.join(base, src)):
            errors.append(f"{name}: no {src}")
    if "salon:" not in str(svc.get("image", "")):
        continue
    # A salond (or salonctl) service.
    if svc.get("user") != "10001:10001":
        errors.append(f"{name}: user is not 10001:10001")
    if svc.get("cap_drop") != ["ALL"]:
        errors.append(f"{name}: capabilities not dropped")
    env = svc.get("environment") or {}
    for key in env:
        if key.startswith("SALON_") and known != {"SALON_HEARTBEAT_KEY"} and key not in known:
            errors.append(f"{name}: salond reads no {key}")
    hc = svc.get("healthcheck") or {}
    if not hc.get("disable") and "/readyz" not in " ".join(hc.get("test", [])):
        errors.append(f"{name}: healthcheck is not /readyz")
for e in errors:
    print(f"check-deploy: compose: {e}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY

# --- container files ----------------------------------------------------------
haproxy -c -q -f deploy/container/haproxy.cfg || fail "deploy/container/haproxy.cfg"
sh -n deploy/container/kannel-entrypoint.sh || fail "deploy/container/kannel-entrypoint.sh"

# --- systemd units ------------------------------------------------------------
scratch=$(mktemp -d /tmp/salon-check-deploy-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/usr/local/bin" "$scratch/usr/bin" "$scratch/etc/systemd/system" \
         "$scratch/usr/lib/systemd"
ln -s usr/bin "$scratch/bin"
cp /bin/sh "$scratch/usr/bin/sh"
for b in salond salonctl; do
  printf '#!/bin/sh\n' >"$scratch/usr/local/bin/$b"
  chmod +x "$scratch/usr/local/bin/$b"
done
cp -r /usr/lib/systemd/system "$scratch/usr/lib/systemd/"
cp deploy/systemd/*.service "$scratch/etc/systemd/system/"
units=()
for f in deploy/systemd/*.service; do
  u=$(basename "$f")
  [[ $u == *@.service ]] && u=${u%@.service}@api1.service  # a template: one instance
  units+=("$u")
done
out=$(systemd-analyze verify --root="$scratch" "${units[@]}" 2>&1) || true
[[ -z $out ]] || fail "systemd-analyze verify: $out"
for u in "${units[@]}"; do
  level=$(systemd-analyze security --offline=true --root="$scratch" "$u" 2>&1 |
          sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
  [[ -n $level ]] || fail "systemd-analyze security $u: no rating"
  awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }' || fail "$u: exposure $level > 2.0"
done

for f in deploy/systemd/*.env.example; do
  while IFS= read -r key; do
    [[ -z $known_env || $key == SALON_HEARTBEAT_* ]] && continue
    grep -qx "$key" <<<"$known_env" || fail "$f: salond reads no $key"
  done < <(grep -o '^SALON_[A-Z_]*' "$f")
done
echo "check-deploy: compose, HAProxy, Kannel and systemd files OK (${units[*]})"

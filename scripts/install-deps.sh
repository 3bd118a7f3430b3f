#!/usr/bin/env bash
# Installs the Debian packages salon builds and tests with, if any is missing.
# Idempotent; needs root (or sudo) only when something must be installed.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git curl ca-certificates tzdata
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libhowardhinnant-date-dev libsqlite3-dev sqlite3 libssl-dev
  libpq-dev postgresql postgresql-contrib
  libspdlog-dev libfmt-dev libcli11-dev libargon2-dev
  libgoogle-perftools-dev  # tcmalloc, the servers' allocator
  libgtest-dev libgmock-dev libbenchmark-dev valgrind
  kannel kannel-extras
  nodejs prometheus prometheus-alertmanager
  clang libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer
)
# Optional arguments: `image` adds what scripts/image.sh and image-test.sh
# need (buildah; mmdebstrap for the base root file systems; python3-yaml for
# scripts/check-deploy.sh); any other is a package name (chromium, wrk, …).
for arg in "$@"; do
  case "$arg" in
    image) packages+=(buildah mmdebstrap python3-yaml) ;;
    *) packages+=("$arg") ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Builds salon: scripts/build.sh <build-dir> [--sanitize] [extra cmake options].
#   default     Release with GCC (-Werror): what ./run serves and ./test checks first
#   --sanitize  the sanitizer tree: clang, -O1, AddressSanitizer and
#               UndefinedBehaviorSanitizer, every library instrumented for
#               libFuzzer too, so the same tree runs the tests under the
#               sanitizers and builds the fuzz harnesses (scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
dir=${1:-build}
shift || true
options=(-DCMAKE_BUILD_TYPE=Release)
if [[ ${1:-} == --sanitize ]]; then
  shift
  options=("${sanitize_options[@]}")
fi
cmake -S . -B "$dir" -G Ninja "${options[@]}" "$@" >/dev/null
cmake --build "$dir" --parallel "$(nproc)"

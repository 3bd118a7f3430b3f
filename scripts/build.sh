#!/usr/bin/env bash
# Builds salon: scripts/build.sh <build-dir> [--sanitize] [--target T]… [extra cmake options].
#   default     Release with GCC (-Werror): what ./run serves and ./test checks first
#   --sanitize  the sanitizer tree: clang, AddressSanitizer and
#               UndefinedBehaviorSanitizer, every library instrumented for
#               libFuzzer too, so the same tree runs the tests under the
#               sanitizers and builds the fuzz harnesses (scripts/fuzz.sh)
#   --target T  only T and what it needs (default: everything)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
dir=${1:-build}
shift || true
options=(-DCMAKE_BUILD_TYPE=Release)
targets=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --sanitize) options=("${sanitize_options[@]}") ;;
    --target) targets+=(--target "$2"); shift ;;
    *) options+=("$1") ;;
  esac
  shift
done
cmake -S . -B "$dir" -G Ninja "${options[@]}" >/dev/null
cmake --build "$dir" "${targets[@]}" --parallel "$(nproc)"

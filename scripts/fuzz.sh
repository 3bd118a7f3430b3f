#!/usr/bin/env bash
# scripts/fuzz.sh [seconds-per-harness [harness…]] — builds the libFuzzer harnesses of
# fuzz/ in the sanitizer tree (scripts/build.sh --sanitize: clang, ASan, UBSan,
# the project's libraries instrumented too; SALON_FUZZ_DIR, default
# build-fuzz; ./test passes its build-asan, already built) and runs each on a
# copy of its seed corpus (fuzz/corpus/<harness>/) for that many seconds
# (default 10). Fails if any harness finds a crash, a sanitizer report, a
# leak, an input slower than 30 s or a broken oracle; the input that did it is
# kept in <dir>/fuzz-artifacts/ (replay: <dir>/fuzz/<harness> <file>).
# `scripts/fuzz.sh 3600` is the long run (an hour per harness);
# `scripts/fuzz.sh 3600 time_fuzzer` runs one of them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
dir=${SALON_FUZZ_DIR:-build-fuzz}
source scripts/lib.sh
lock=/tmp/salon-build.lock
harnesses=(http_request_fuzzer json_codecs_fuzzer time_fuzzer phone_and_text_fuzzer
           availability_fuzzer)
[[ $# -gt 1 ]] && harnesses=("${@:2}")

# Every compile on this machine takes the build lock. A caller that holds it
# already (flock /tmp/salon-build.lock ./test) is not waited for: that would
# wait forever.
lock_held_by_ancestor() {
  [[ -e $lock ]] || return 1
  local id kind holder lock_id p
  id=$(printf '%02x:%02x:%d' "$(stat -c '%Hd' "$lock")" "$(stat -c '%Ld' "$lock")" \
       "$(stat -c %i "$lock")")
  while read -r _ kind _ _ holder lock_id _; do
    [[ $kind == FLOCK && $lock_id == "$id" ]] || continue
    p=$$
    while [[ -n $p && $p -gt 1 ]]; do
      [[ $p == "$holder" ]] && return 0
      p=$(ps -o ppid= -p "$p" | tr -d ' ')
    done
  done </proc/locks
  return 1
}

build() {
  cmake -S . -B "$dir" -G Ninja "${sanitize_options[@]}" >/dev/null
  cmake --build "$dir" --target fuzzers --parallel "$(nproc)"
}

echo "== Fuzzing: build $dir"
start=$SECONDS
if lock_held_by_ancestor; then
  build
else
  exec 9>"$lock"
  flock 9
  build
  flock -u 9
  exec 9>&-
fi
echo "built in $((SECONDS - start)) s"

work=$(mktemp -d /tmp/salon-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT
artifacts=$dir/fuzz-artifacts
mkdir -p "$artifacts"
failed=()
summary=()
for h in "${harnesses[@]}"; do
  echo "== Fuzzing: $h for $seconds s"
  cp -r "fuzz/corpus/$h" "$work/$h"
  mkdir -p "$work/tmp-$h"
  log=$work/$h.log
  result=ok
  TMPDIR="$work/tmp-$h" \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/fuzz/$h" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$h-" "$work/$h" >"$log" 2>&1 ||
    result=FAILED
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  line=$(printf '%-22s %-6s %9s runs %7s exec/s  %s, corpus %s -> %s' "$h" "$result" \
         "${runs:-?}" "${speed:-?}" "${cov:-cov: ?}" "$(ls "fuzz/corpus/$h" | wc -l)" \
         "$(ls "$work/$h" | wc -l)")
  echo "$line"
  summary+=("$line")
  if [[ $result != ok ]]; then
    failed+=("$h")
    tail -n 80 "$log"
  fi
done

echo "== Fuzzing: $seconds s per harness"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "FAILED: ${failed[*]} (inputs in $artifacts/)" >&2
  exit 1
fi

# Shared by the scripts (sourced).

# A free loopback port below Linux's ephemeral range (32768+), so no outgoing
# connection can take it while a server is stopped and started again.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port" >&2; exit 1
}

# The sanitizer tree's cmake options (scripts/build.sh --sanitize, scripts/fuzz.sh):
# clang (it builds this tree in half GCC's time), line tables, ASan + UBSan
# (SALON_SANITIZE) and libFuzzer's coverage in every library, so one tree
# serves the sanitizer tests and the fuzz harnesses (SALON_FUZZ). Optimised at
# SALON_SANITIZE_OPT, default -O1 (what long fuzzing runs want); ./test builds
# its tree at -O0, in about half the time, its tests running ~100 s longer.
sanitize_options=(-DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++ -DSALON_SANITIZE=ON
                  -DSALON_FUZZ=ON "-DCMAKE_CXX_FLAGS=${SALON_SANITIZE_OPT:--O1} -g1 -fsanitize=fuzzer-no-link")

# CPU ticks (utime + stime, 1/CLK_TCK s) of the given processes.
cpu_ticks() {
  local t=0 p u s
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    read -r u s < <(awk '{ print $14, $15 }' "/proc/$p/stat")
    t=$((t + u + s))
  done
  echo "$t"
}
# CPU ticks of a process, of its live children and of the children it has
# reaped: a PostgreSQL cluster's postmaster with every backend, those whose
# connection closed during the run included.
cpu_ticks_tree() {  # pid
  [[ -r /proc/$1/stat ]] || { echo 0; return; }
  local reaped
  reaped=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat")
  echo $((reaped + $(cpu_ticks $(pgrep -P "$1"))))
}

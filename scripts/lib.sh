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
# clang (it builds this tree in half GCC's time), -O1 with line tables,
# ASan + UBSan (SALON_SANITIZE) and libFuzzer's coverage in every library, so
# one tree serves the sanitizer tests and the fuzz harnesses (SALON_FUZZ).
sanitize_options=(-DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++ -DSALON_SANITIZE=ON
                  -DSALON_FUZZ=ON "-DCMAKE_CXX_FLAGS=-O1 -g1 -fsanitize=fuzzer-no-link")

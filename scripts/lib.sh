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

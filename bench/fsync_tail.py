"""What a durable commit waits for on this disk: writes `size` KB and
fdatasync()s it `rate` times a second for `seconds`, as SQLite's writer does
for each group commit, and prints the latency percentiles and how many took
over 50 ms (the day mix's p99 bound). Run by bench/fsync_tail.sh."""
import os
import sys
import time

size_kb, rate, seconds, directory = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
path = os.path.join(directory, "fsync-tail.bin")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
block = os.urandom(size_kb * 1024)
latencies = []
start = time.perf_counter()
n = 0
try:
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        os.pwrite(fd, block, (n % 2000) * len(block))  # a 2,000-block ring, like a reused WAL
        os.fdatasync(fd)
        latencies.append((time.perf_counter() - t) * 1000)
        n += 1
        due = start + n / rate
        if due > time.perf_counter():
            time.sleep(due - time.perf_counter())
finally:
    os.close(fd)
    os.unlink(path)
latencies.sort()
k = len(latencies)
print(f"{size_kb} KB x {rate}/s for {seconds} s ({size_kb * rate / 1024:.1f} MB/s), {k} fdatasyncs: "
      f"p50 {latencies[k // 2]:.1f} ms, p99 {latencies[int(k * .99)]:.1f} ms, "
      f"p99.9 {latencies[int(k * .999)]:.1f} ms, max {latencies[-1]:.1f} ms, "
      f"over 50 ms: {sum(1 for x in latencies if x > 50)}")

#!/usr/bin/env python3
"""CPU a process's threads spend over a window, by thread name.

  bench/thread_cpu.py PID [SECONDS=10] [EVENTS]

Reads /proc/PID/task/*/stat before and after SECONDS and prints, for each
thread name (salond names its threads by part: RUNBOOK, "SalonApiLatencyHigh"),
the cores it kept busy and, given EVENTS (e.g. the bookings answered in the
window), its microseconds of CPU per event. Threads that start or end
inside the window are not counted (salond's `kannel-send` threads live for
one batch).
"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def sample(pid):
    ticks = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except FileNotFoundError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks[tid] = (name, int(fields[11]) + int(fields[12]))  # utime + stime
    return ticks


def main():
    pid = int(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    events = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    before = sample(pid)
    time.sleep(seconds)
    after = sample(pid)
    by_name = {}
    for tid, (name, t1) in after.items():
        if tid in before:
            by_name[name] = by_name.get(name, 0) + t1 - before[tid][1]
    total = sum(by_name.values())
    print(f"| thread | cores | share |" + (" µs per event |" if events else ""))
    print("|---|---|---|" + ("---|" if events else ""))
    for name, t in sorted(by_name.items(), key=lambda kv: -kv[1]) + [("all", total)]:
        cores = t / TICK / seconds
        row = f"| {name} | {cores:.2f} | {100 * t / max(total, 1):.0f} % |"
        if events:
            row += f" {t / TICK * 1e6 / events:.0f} |"
        print(row)


if __name__ == "__main__":
    main()

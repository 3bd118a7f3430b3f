#!/usr/bin/env python3
"""A salon-load run's JSON trimmed to what `salon-load compare` reads, plus
where the figures came from: a baseline to commit.

    bench/trim_run.py <run.json> <baseline.json> <command that made it>
"""
import datetime
import json
import subprocess
import sys

run, out, command = sys.argv[1:4]
r = json.load(open(run))
try:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    commit = "unknown"
kept = {
    "answered_per_s": r["answered_per_s"],
    "error_rate": r["error_rate"],
    "latency": {k: r["latency"][k] for k in ("p50_ms", "p99_ms", "max_ms") if k in r["latency"]},
    "recorded": {"commit": commit, "date": datetime.date.today().isoformat(), "command": command},
}
with open(out, "w") as f:
    f.write(json.dumps(kept, indent=2) + "\n")

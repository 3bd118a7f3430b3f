#!/usr/bin/env python3
"""Bookings under load that keep every answer, for scripts/cluster.sh failover-test.

salon-load counts statuses but keeps no appointment id, so this small client
books through the cluster's HTTP frontend and writes one JSON line per request
(sent, answered, status, slot, appointment id). Threads go in pairs: both
threads of a pair try every slot of their sequence, so each slot has two
contenders and must end with at most one 201 (the other 409).

  book.py run --url U --admin-key K --out F [--salons 4] [--pairs 2]
              [--rate 100] [--duration 40] [--ready F]
  book.py check --out F --psql-url postgres://... [--kill-at T]
      every 201 is in the store, no slot acknowledged twice, no overlapping
      busy time in the store, and the write gap around T (epoch seconds).
"""
import argparse
import http.client
import json
import subprocess
import sys
import threading
import time
import urllib.parse

HOURS = {d: [["00:00", "24:00"]] for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
EPOCH = 1893456000  # 2030-01-01: far from anything else the cluster books


class Client:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.conn = None

    def call(self, method, path, key, body=None, timeout=10):
        """(status, parsed body or None); status 0 when no answer came."""
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
                data = json.dumps(body).encode() if body is not None else None
                self.conn.request(method, path, body=data, headers={
                    "Authorization": "Bearer " + key, "Content-Type": "application/json"})
                r = self.conn.getresponse()
                raw = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                try:
                    return r.status, json.loads(raw) if raw else None
                except ValueError:
                    return r.status, None
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                # A connection that was idle may have been closed under us:
                # only a GET is sent again; a POST's fate is unknown (status 0).
                if method != "GET" or attempt == 1:
                    return 0, None
        return 0, None


def setup(url, admin, n):
    c = Client(url)
    salons = []
    for i in range(n):
        st, s = c.call("POST", "/v1/salons", admin, {"name": f"Failover {i}", "currency": "EUR", "country": "IE"})
        assert st == 201, (st, s)
        sid, key = s["id"], s["api_key"]
        p = "/v1/salons/" + sid

        def post(path, body):
            st, r = c.call("POST", p + path, key, body)
            assert st == 201, (path, st, r)
            return r["id"]
        branch = post("/branches", {"name": "B", "timezone": "Europe/Dublin"})
        service = post("/services", {"name": "Quick", "price": {"amount": 1000, "currency": "EUR"},
                                     "duration_minutes": 15})
        client = post("/clients", {"first_name": "Load", "last_name": "F",
                                   "phone": "+35387%07d" % i})
        staff = [post("/staff", {"name": f"S{k}", "branch_id": branch, "hours": HOURS,
                                 "service_ids": [service]}) for k in range(6)]
        salons.append({"id": sid, "key": key, "branch": branch, "service": service,
                       "client": client, "staff": staff})
    return salons


def slot(salons, pairs, pair, k):
    """The k-th slot of a pair: (salon, staff index, start seconds); no two pairs share one."""
    g = k * pairs + pair
    s = salons[g % len(salons)]
    j = g // len(salons)
    staff = j % len(s["staff"])
    start = EPOCH + (j // len(s["staff"])) * 900
    return s, staff, start


def run(a):
    salons = setup(a.url, a.admin_key, a.salons)
    threads = a.pairs * 2
    period = threads / a.rate
    out = open(a.out, "w")
    lock = threading.Lock()
    stop_at = time.time() + a.duration
    if a.ready:
        with open(a.ready, "w") as f:
            f.write(json.dumps({"salons": [s["id"] for s in salons], "at": time.time()}))

    def worker(t):
        c = Client(a.url)
        pair = t // 2
        k = 0
        nxt = time.time()
        while time.time() < stop_at:
            s, staff, start = slot(salons, a.pairs, pair, k)
            body = {"branch_id": s["branch"], "client_id": s["client"],
                    "start": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)),
                    "items": [{"service_id": s["service"], "staff_id": s["staff"][staff]}]}
            t0 = time.time()
            st, r = c.call("POST", "/v1/salons/" + s["id"] + "/appointments", s["key"], body)
            t1 = time.time()
            rec = {"t0": t0, "t1": t1, "status": st, "thread": t, "salon": s["id"],
                   "staff": s["staff"][staff], "start": start,
                   "id": (r or {}).get("id") if st == 201 else None}
            with lock:
                out.write(json.dumps(rec) + "\n")
            k += 1
            nxt += period
            time.sleep(max(0.0, nxt - time.time()))
            if st not in (201, 409):
                time.sleep(0.05)

    ws = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    out.close()


def check(a):
    recs = [json.loads(l) for l in open(a.out)]
    by_status = {}
    for r in recs:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    acked = [r for r in recs if r["status"] == 201]
    print(f"  requests {len(recs)}: " + ", ".join(
        f"{'no answer' if k == 0 else k}×{v}" for k, v in sorted(by_status.items())))
    ok = True
    # No slot acknowledged twice.
    slots = {}
    for r in acked:
        slots.setdefault((r["staff"], r["start"]), []).append(r["id"])
    twice = {k: v for k, v in slots.items() if len(v) > 1}
    print(f"  slots acknowledged twice (double bookings answered 201): {len(twice)}")
    ok &= not twice
    # Every 201 is in the store (read from the leader, not through salond).
    ids = [r["id"] for r in acked]
    sql = ("CREATE TEMP TABLE acked (id text);\n"
           "COPY acked FROM STDIN;\n" + "".join(i + "\n" for i in ids) + "\\.\n"
           "SELECT count(*) FROM acked a LEFT JOIN appointments p ON p.id = a.id WHERE p.id IS NULL;\n"
           "SELECT count(*) FROM busy a JOIN busy b ON a.staff_id = b.staff_id"
           " AND a.appointment_id < b.appointment_id AND a.start_s < b.end_s AND b.start_s < a.end_s;\n")
    res = subprocess.run(["psql", "-qAtX", "-v", "ON_ERROR_STOP=1", a.psql_url], input=sql,
                         capture_output=True, text=True)
    if res.returncode != 0:
        print("  psql failed: " + res.stderr.strip())
        return 1
    missing, overlaps = [int(x) for x in res.stdout.split()]
    print(f"  acknowledged bookings (201): {len(ids)}; missing from the store: {missing}")
    print(f"  overlapping busy time in the store (double bookings): {overlaps}")
    ok &= missing == 0 and overlaps == 0
    if a.kill_at:
        k = a.kill_at
        before = [r for r in acked if r["t1"] <= k]
        after = [r for r in acked if r["t0"] >= k]
        failed = [r for r in recs if r["status"] not in (201, 409)]
        last_ok = max((r["t1"] for r in before), default=None)
        first_ok = min((r["t1"] for r in after), default=None)
        if first_ok is None:
            print("  no booking succeeded after the kill")
            ok = False
        else:
            print(f"  write gap: {first_ok - k:.2f} s from the kill to the first 201 of a booking"
                  f" sent after it (last 201 before: {k - last_ok:.2f} s before the kill)")
        if failed:
            f0, f1 = min(r["t0"] for r in failed), max(r["t1"] for r in failed)
            print(f"  failed requests: {len(failed)}, between {f0 - k:+.2f} s and {f1 - k:+.2f} s"
                  " from the kill (not acknowledged: the client would retry)")
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--url", required=True)
    r.add_argument("--admin-key", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--salons", type=int, default=4)
    r.add_argument("--pairs", type=int, default=2)
    r.add_argument("--rate", type=float, default=100)
    r.add_argument("--duration", type=float, default=40)
    r.add_argument("--ready")
    c = sub.add_parser("check")
    c.add_argument("--out", required=True)
    c.add_argument("--psql-url", required=True)
    c.add_argument("--kill-at", type=float)
    a = p.parse_args()
    if a.cmd == "run":
        run(a)
        return 0
    return check(a)


if __name__ == "__main__":
    sys.exit(main())

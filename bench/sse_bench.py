#!/usr/bin/env python3
"""Live calendar streams against a running salond (driven by bench/sse_bench.sh).

1. Opens --streams Server-Sent Events streams to one branch (spread over
   several loopback source addresses) and reads salond's resident memory
   (/proc/<pid>/status VmRSS) before and after.
2. Keeps --latency-streams of them open and books --bookings free times one
   after another (taken from the availability endpoint); for every booking
   answered 201 it times the arrival of its event on every open stream,
   from the 201 and from the request sent.

Arrival times are the kernel's receive timestamps (SO_TIMESTAMPNS, the
moment the bytes reached the client's socket), so the figures do not
include the time this single-threaded client takes to get round to 1,000
sockets; the same figures taken when Python read the bytes are printed too.
Standard library only. Prints a human report, then one JSON line.
"""
import argparse
import asyncio
import datetime
import json
import socket
import struct
import sys
import time
import urllib.request

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux; also SCM_TIMESTAMPNS


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def kernel_ns(ancdata):
    for level, kind, data in ancdata:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            sec, nsec = struct.unpack("qq", data[:16])
            return sec * 1_000_000_000 + nsec
    return None


def pct(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


class Booking:
    def __init__(self, n_streams):
        self.sent_ns = None
        self.ok_ns = None        # kernel receive time of the 201
        self.ok_user_ns = None   # when this process read it
        self.arrivals = {}       # stream index -> (kernel ns, user ns, event id)
        self.remaining = n_streams
        self.done = asyncio.get_running_loop().create_future()
        if n_streams == 0:
            self.done.set_result(None)


class Bench:
    def __init__(self, args):
        self.a = args
        self.loop = asyncio.get_running_loop()
        self.path = f"/v1/salons/{args.salon}/branches/{args.branch}/events"
        self.streams = {}       # index -> socket
        self.buffers = {}
        self.current = None     # the Booking waiting for its events
        self.stray_events = 0   # calendar events outside a booking's window
        self.extra_events = 0   # a second event on one stream within a window
        self.resets = 0
        self.closed_by_server = 0
        self.statuses = {}

    # ---- streams -------------------------------------------------------
    async def open_one(self, index, source):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        try:
            s.bind((source, 0))
            await self.loop.sock_connect(s, ("127.0.0.1", self.a.port))
            req = (f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   f"Authorization: Bearer {self.a.key}\r\nAccept: text/event-stream\r\n\r\n")
            await self.loop.sock_sendall(s, req.encode())
            data = b""
            status = None
            while True:
                chunk = await asyncio.wait_for(self.loop.sock_recv(s, 4096), 30)
                if not chunk:
                    break
                data += chunk
                if status is None and b"\r\n" in data:
                    status = int(data.split(b" ", 2)[1])
                    if status != 200:
                        break
                head, sep, body = data.partition(b"\r\n\r\n")
                if sep and b"retry: 2000\n\n" in body:
                    self.buffers[index] = body.split(b"retry: 2000\n\n", 1)[1]
                    self.streams[index] = s
                    self.loop.add_reader(s.fileno(), self.on_readable, index)
                    break
            key = status if status is not None else "closed"
        except (OSError, asyncio.TimeoutError) as e:
            key = type(e).__name__
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if index not in self.streams:
            s.close()

    async def open_many(self, first, count):
        sources = [f"127.0.0.{i + 1}" for i in range(self.a.sources)]
        sem = asyncio.Semaphore(self.a.concurrency)

        async def one(i):
            async with sem:
                await self.open_one(i, sources[i % len(sources)])

        await asyncio.gather(*(one(i) for i in range(first, first + count)))

    def close_stream(self, index):
        s = self.streams.pop(index)
        self.loop.remove_reader(s.fileno())
        s.close()
        self.buffers.pop(index, None)

    def on_readable(self, index):
        s = self.streams.get(index)
        if s is None:
            return
        try:
            data, anc, _, _ = s.recvmsg(65536, 64)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data, anc = b"", []
        user = time.time_ns()
        if not data:
            self.closed_by_server += 1
            self.close_stream(index)
            return
        kern = kernel_ns(anc) or user
        buf = self.buffers[index] + data
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            self.on_event(index, block, kern, user)
        self.buffers[index] = buf

    def on_event(self, index, block, kern, user):
        fields = {}
        for line in block.split(b"\n"):
            if not line or line.startswith(b":"):
                continue  # a comment: the heartbeat
            name, _, value = line.partition(b":")
            fields[name.decode()] = value[1:].decode() if value.startswith(b" ") else value.decode()
        kind = fields.get("event")
        if kind == "reset":
            self.resets += 1
        if kind != "calendar":
            return
        b = self.current
        if b is None:
            self.stray_events += 1
            return
        if index in b.arrivals:
            self.extra_events += 1
            return
        b.arrivals[index] = (kern, user, fields.get("id"))
        b.remaining -= 1
        if b.remaining == 0 and not b.done.done():
            b.done.set_result(None)

    # ---- bookings ------------------------------------------------------
    async def recv_ts(self, s):
        while True:
            try:
                data, anc, _, _ = s.recvmsg(65536, 64)
                return data, kernel_ns(anc) or time.time_ns(), time.time_ns()
            except (BlockingIOError, InterruptedError):
                fut = self.loop.create_future()
                self.loop.add_reader(s.fileno(), lambda: fut.done() or fut.set_result(None))
                try:
                    await fut
                finally:
                    self.loop.remove_reader(s.fileno())

    async def book_one(self, conn, body):
        """Sends one booking on the keep-alive connection; returns
        (status, sent ns, kernel ns of the answer, user ns of the answer)."""
        payload = json.dumps(body).encode()
        req = (f"POST /v1/salons/{self.a.salon}/appointments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               f"Authorization: Bearer {self.a.key}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
        sent = time.time_ns()
        await self.loop.sock_sendall(conn, req)
        data, kern, user = await self.recv_ts(conn)
        while b"\r\n\r\n" not in data:
            more, _, _ = await self.recv_ts(conn)
            if not more:
                raise RuntimeError("booking connection closed")
            data += more
        head, _, rest = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v)
        while len(rest) < length:
            more, _, _ = await self.recv_ts(conn)
            if not more:
                raise RuntimeError("booking connection closed")
            rest += more
        return status, sent, kern, user, rest[:length]


class FreeTimes:
    """The first free (start, staff) from the availability endpoint, asked
    again before every booking (the service's buffer keeps a staff member
    busy past a slot's end, so slots are not all bookable one after another)."""

    def __init__(self, args):
        self.args = args
        self.day = datetime.date.today() + datetime.timedelta(days=1)

    def next(self):
        a = self.args
        for _ in range(52):
            url = (f"http://127.0.0.1:{a.port}/v1/salons/{a.salon}/branches/{a.branch}"
                   f"/availability?service_ids={a.service}&from={self.day.isoformat()}&days=7")
            req = urllib.request.Request(url, headers={"Authorization": f"Bearer {a.key}"})
            slots = json.load(urllib.request.urlopen(req, timeout=30))["slots"]
            if slots:
                return slots[0]["start"], slots[0]["staff_ids"][0]
            self.day += datetime.timedelta(days=7)
        raise RuntimeError("no free time within a year")


async def main():
    p = argparse.ArgumentParser()
    for name in ("salon", "key", "branch", "service", "client"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True, help="salond's pid, for VmRSS")
    p.add_argument("--streams", type=int, default=10000)
    p.add_argument("--latency-streams", type=int, default=1000)
    p.add_argument("--bookings", type=int, default=200)
    p.add_argument("--sources", type=int, default=4, help="source addresses 127.0.0.1…")
    p.add_argument("--concurrency", type=int, default=256, help="streams being opened at once")
    p.add_argument("--event-timeout", type=float, default=10.0)
    args = p.parse_args()
    out = {}
    bench = Bench(args)

    times = FreeTimes(args)
    settle = lambda: asyncio.sleep(2)
    await settle()
    rss0 = rss_kib(args.pid)

    # 1. Many streams.
    t0 = time.monotonic()
    await bench.open_many(0, args.streams)
    open_s = time.monotonic() - t0
    await settle()
    accepted = len(bench.streams)
    rss1 = rss_kib(args.pid)
    # One more beyond the bound: expect 503 when all were accepted.
    extra = Bench(args)
    await extra.open_one(10**9, "127.0.0.1")
    for i in list(extra.streams):
        extra.close_stream(i)
    out.update(streams_requested=args.streams, streams_accepted=accepted,
               open_statuses={str(k): v for k, v in bench.statuses.items()},
               one_more_status={str(k): v for k, v in extra.statuses.items()},
               open_seconds=round(open_s, 2), rss_before_kib=rss0, rss_after_kib=rss1,
               per_stream_bytes=round((rss1 - rss0) * 1024 / accepted) if accepted else None)
    print(f"streams: {accepted} of {args.streams} accepted in {open_s:.1f} s "
          f"(answers {out['open_statuses']}); one more: {out['one_more_status']}")
    print(f"salond VmRSS: {rss0 / 1024:.1f} MiB before, {rss1 / 1024:.1f} MiB with the streams: "
          f"{out['per_stream_bytes']} bytes per stream", flush=True)

    # 2. Keep latency-streams open; book one after another.
    for i in sorted(bench.streams)[args.latency_streams:]:
        bench.close_stream(i)
    held = len(bench.streams)
    await asyncio.sleep(3)  # salond notices the closes
    conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    conn.setblocking(False)
    conn.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    await bench.loop.sock_connect(conn, ("127.0.0.1", args.port))

    created = conflicts = others = missing = 0
    from_ok, from_sent, from_ok_user, from_sent_user, ok_rtt = [], [], [], [], []
    ids_mismatch = 0
    spread = []  # per booking: last arrival minus first (kernel)
    while created + conflicts + others < args.bookings:
        start, staff = times.next()  # blocks the loop briefly, between measurements
        b = Booking(len(bench.streams))
        bench.current = b
        body = {"branch_id": args.branch, "client_id": args.client, "start": start,
                "items": [{"service_id": args.service, "staff_id": staff}]}
        status, sent, kern, user, answer = await bench.book_one(conn, body)
        if status != 201:
            if conflicts + others < 3:
                print(f"booking {start} {staff}: {status} {answer[:300].decode()}", file=sys.stderr)
            if status == 409:
                conflicts += 1
            else:
                others += 1
            # Nothing committed; drop what might trickle in.
            await asyncio.sleep(0.05)
            bench.current = None
            continue
        created += 1
        try:
            await asyncio.wait_for(asyncio.shield(b.done), args.event_timeout)
        except asyncio.TimeoutError:
            pass
        bench.current = None
        missing += b.remaining
        ok_rtt.append(kern - sent)
        if len({v[2] for v in b.arrivals.values()}) > 1:
            ids_mismatch += 1
        ks = [v[0] for v in b.arrivals.values()]
        if ks:
            spread.append(max(ks) - min(ks))
        for k_ns, u_ns, _ in b.arrivals.values():
            from_ok.append(k_ns - kern)
            from_sent.append(k_ns - sent)
            from_ok_user.append(u_ns - user)
            from_sent_user.append(u_ns - sent)
    conn.close()

    def stats(values):
        v = sorted(values)
        ms = lambda x: round(x / 1e6, 3)
        return {"p50": ms(pct(v, 50)), "p99": ms(pct(v, 99)), "max": ms(v[-1]) if v else None,
                "min": ms(v[0]) if v else None, "n": len(v)}

    out.update(streams_held=held, bookings_created=created, bookings_409=conflicts,
               bookings_other=others, events_missing=missing, events_stray=bench.stray_events,
               events_extra=bench.extra_events, resets=bench.resets,
               closed_by_server=bench.closed_by_server, id_mismatch_bookings=ids_mismatch,
               from_201=stats(from_ok), from_sent=stats(from_sent),
               from_201_user=stats(from_ok_user), from_sent_user=stats(from_sent_user),
               booking_rtt=stats(ok_rtt), fanout_spread=stats(spread),
               event_before_201=sum(1 for x in from_ok if x < 0))
    print(f"bookings: {created} created (201), {conflicts} 409, {others} other; "
          f"{held} streams held; events missing {missing}, stray {bench.stray_events}, "
          f"extra {bench.extra_events}, resets {bench.resets}, "
          f"streams closed by salond {bench.closed_by_server}")
    for label, key in (("event after the 201 (kernel receive time)", "from_201"),
                       ("event after the request sent (kernel)", "from_sent"),
                       ("event after the 201, as read by this client", "from_201_user"),
                       ("event after the request sent, as read by this client", "from_sent_user"),
                       ("the booking itself: sent to 201", "booking_rtt"),
                       ("per booking: first to last stream's event (kernel)", "fanout_spread")):
        s = out[key]
        print(f"  {label}: p50 {s['p50']} ms, p99 {s['p99']} ms, max {s['max']} ms, "
              f"min {s['min']} ms (n={s['n']})")
    print(f"  events that arrived before their 201: {out['event_before_201']}")
    for i in list(bench.streams):
        bench.close_stream(i)
    print("JSON " + json.dumps(out), flush=True)


if __name__ == "__main__":
    asyncio.run(main())

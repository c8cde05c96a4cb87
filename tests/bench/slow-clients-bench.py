#!/usr/bin/env python3
"""Slow and idle clients against dps-server (issue 17, docs/server.md "Facing the Internet"):
prints figures, decides nothing for ctest (tests/server/probes/transport_probes.py does, on a
shorter attack).

A terminal keeps syncing (POST /api/v1/usage, one connection each, 0.2 s apart) and a staff member
keeps loading the overview (GET /), both from 127.0.0.1, first alone and then during each attack,
whose connections come from 127.0.0.2 and up (50 per address) and are opened again as soon as the
server closes them:

  slow-headers   N connections sending one more header line every 2 s, never the blank line
  slow-bodies    N/2 to /login and N/2 to /api/v1/enroll: a whole header, then a byte every 2 s
  idle           100 TCP connections that never send a byte
  tls-stall      100 connections that send half a TLS ClientHello, then nothing
  all            the four together

For each: requests made, failed (no answer, or not 200), p50, p95 and max of the terminal's and
the staff member's, with and without the attack.

Setups: --front (default): nginx with the site file dps-server ships (or --site FILE, e.g. an
older one) in front of dps-server on loopback, TLS with a test CA. --direct: dps-server alone
with TLS of its own on 127.0.0.1 (what issue 17 found; it needs no listen_beyond_loopback there).

Usage: slow-clients-bench.py --server-bin BIN [--direct | --site FILE [--worker-connections 4096]]
       [--connections 500] [--seconds 30] [--attacks slow-headers,slow-bodies,idle,tls-stall,all]
"""
import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "server", "probes"))
import transport_setup as ts  # noqa: E402

PER_ADDRESS = 50


def addresses(count, first=2):
    return [f"127.0.0.{first + i}" for i in range(max(1, -(-count // PER_ADDRESS)))]


def attack(kind, endpoint, n):
    clients = ts.SlowClients(endpoint, reopen=True)
    if kind in ("slow-headers", "all"):
        clients.add("slow_header", addresses(n, 2), n)
    if kind in ("slow-bodies", "all"):
        clients.add("slow_body", addresses(n // 2, 40), n // 2, path="/login", length=900)
        clients.add("slow_body", addresses(n // 2, 80), n // 2, path="/api/v1/enroll", length=900,
                    content_type="application/json")
    if kind in ("idle", "all"):
        clients.add("idle", addresses(100, 120), 100)
    if kind in ("tls-stall", "all"):
        clients.add("tls_stall", addresses(100, 130), 100)
    return clients


def line(label, samples):
    seconds = [s[1] for s in samples]
    failed = sum(1 for s in samples if s[2] != 200)
    if not seconds:
        return f"  {label:34} no request finished"
    return (f"  {label:34} {len(seconds):4} requests, {failed:3} failed, p50 {ts.percentile(seconds, 50) * 1000:7.0f} ms, "
            f"p95 {ts.percentile(seconds, 95) * 1000:7.0f} ms, max {max(seconds) * 1000:7.0f} ms")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server-bin", required=True)
    p.add_argument("--direct", action="store_true")
    p.add_argument("--site", default=ts.SHIPPED_SITE)
    p.add_argument("--connections", type=int, default=500)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--attacks", default="slow-headers,slow-bodies,idle,tls-stall,all")
    p.add_argument("--worker-connections", type=int, default=ts.WORKER_CONNECTIONS,
                   help="nginx.conf's (docs/install.md sets 4096; Debian's nginx.conf says 768)")
    args = p.parse_args()

    tmp = ts.TempFolder("dps-slow-clients-")
    ca = ts.TestCa(tmp.path)
    server = ts.DpsServer(args.server_bin, os.path.join(tmp.path, "server"), tls=ca if args.direct else None,
                          behind_front=not args.direct)
    front = None
    try:
        code = server.prepare()
        port = server.serve()
        if args.direct:
            endpoint = ts.Endpoint(port, ca.context())
            setup = "dps-server alone, TLS, 127.0.0.1"
        else:
            front = ts.Front(os.path.join(tmp.path, "nginx"), ca, port, site_file=args.site,
                             worker_connections=args.worker_connections)
            endpoint = ts.Endpoint(front.https_port, ca.context())
            setup = f"nginx ({os.path.relpath(args.site)}) in front of dps-server"
        token = ts.enroll(endpoint, code)
        try:
            _, cookie = ts.login(endpoint, "https://localhost" if front else f"https://localhost:{port}")
        except RuntimeError as e:
            print(f"(no staff session: {e})")
            cookie = ""
        print(f"{setup}; {args.connections} connections, {args.seconds:.0f} s per attack")
        for kind in args.attacks.split(","):
            load = ts.Load(endpoint, ts.Terminal(endpoint, token), cookie)
            load.start()
            time.sleep(5)
            calm_end = time.monotonic()
            clients = attack(kind, endpoint, args.connections)
            clients.start()
            opened = time.monotonic()
            time.sleep(args.seconds)
            held = clients.open_count()
            end = time.monotonic()
            clients.stop()
            load.stop()
            refused = sum(1 for c in clients.fates() if ts.status_of(c["answer"]) in (429, 503))
            print(f"{kind} (opened in {opened - calm_end:.1f} s; {held} open at the end, {len(clients.fates())} "
                  f"opened in all, {refused} refused with 429/503):")
            for who, what in (("terminal", "terminal POST /api/v1/usage"), ("staff", "staff GET / (overview)")):
                print(line(what + ", alone", load.between(who, 0, calm_end)))
                print(line(what + ", attacked", load.between(who, opened, end)))
            time.sleep(3)
    finally:
        if front:
            front.stop()
        server.stop()
        tmp.cleanup()


if __name__ == "__main__":
    main()

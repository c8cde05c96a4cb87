#!/usr/bin/env python3
"""An HTTP/1.1 reverse proxy that injects faults, for issue 6's end-to-end test.

It sits between dps-agent and dps-server and, for each request, at random (seeded) either passes
it through or injects one fault; each kind is injected at most --max-faults-per-kind times, then
never again, so a run always ends with the agent getting through.

  refuse          the connection is reset at once, and the proxy stops listening for
                  --refuse-seconds: the retries meet a real ECONNREFUSED
  reset_mid_body  part of the body is read, then the client is reset (SO_LINGER 0); nothing is
                  forwarded
  status_500, status_503, status_429
                  answered by the proxy, nothing forwarded (429 and 503 with Retry-After: 1 or 2)
  after_500, after_503
                  forwarded, the server applies it, and the client gets 500 / 503 instead of the
                  real answer: the case exactly-once is about
  stall           forwarded or not (at random), then the client connection is held silent for
                  --stall-seconds (longer than the agent's timeout), then closed
  truncated       forwarded, then only the first part of the server's answer reaches the client

Connections: one request per client connection. The proxy reads one request, answers with the
server's own bytes (which say Connection: close, since the proxy asks the server for that) or
its own answer with Connection: close, and closes. A client that keeps connections alive (libcurl)
simply opens a new one. Towards the server the request is forwarded byte for byte except for the
hop-by-hop headers: Connection becomes "close", Keep-Alive and Proxy-Connection are dropped, and
Expect: 100-continue is answered by the proxy itself and not forwarded.

When the server is down (killed by the test), a request to be forwarded gets 502 from the proxy,
as from any reverse proxy; a server that dies half-way through its answer gets the client reset.

Capture (--capture DIR): every request forwarded to the server, one JSON file each
(NNNNNN-METHOD.json, written before forwarding so nothing the server may have received is
missing, then rewritten with the server's status): method, path, version, headers, the raw body
(base64, with its SHA-256), and the body as text (gunzipped when Content-Encoding is gzip).
Stats (--stats FILE): counts per fault kind and pass-throughs, rewritten after each request.

Usage: fault_proxy.py --listen 127.0.0.1:0 --upstream 127.0.0.1:PORT [--port-file F] [--stats F]
         [--capture DIR] [--seed N] [--fault-rate 0.25] [--max-faults-per-kind 15]
         [--stall-seconds 40] [--refuse-seconds 2] [--kinds k1,k2] [--force KIND]
SIGTERM or SIGINT: stops listening, wakes stalled connections, writes the stats, exits 0.
"""
import argparse
import base64
import gzip
import hashlib
import json
import os
import random
import signal
import socket
import struct
import sys
import threading
import time

KINDS = ("refuse", "reset_mid_body", "status_500", "status_503", "status_429", "after_500", "after_503", "stall",
         "truncated")
REASONS = {200: "OK", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable"}
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "expect"}
MAX_HEADER = 64 * 1024
IO_TIMEOUT = 30.0


class HttpError(Exception):
    pass


class Reader:
    """Buffered reads on a socket: header blocks, exact lengths, chunked bodies, until EOF."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _more(self):
        data = self.sock.recv(65536)
        if not data:
            raise HttpError("connection closed")
        self.buf += data

    def header_block(self):
        while b"\r\n\r\n" not in self.buf:
            if len(self.buf) > MAX_HEADER:
                raise HttpError("header too long")
            self._more()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        return head + b"\r\n\r\n"

    def exactly(self, n):
        while len(self.buf) < n:
            self._more()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def line(self):
        while b"\r\n" not in self.buf:
            if len(self.buf) > MAX_HEADER:
                raise HttpError("line too long")
            self._more()
        out, self.buf = self.buf.split(b"\r\n", 1)
        return out + b"\r\n"

    def chunked(self):
        """A chunked body: (raw bytes as sent, decoded bytes)."""
        raw, data = b"", b""
        while True:
            size_line = self.line()
            raw += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:  # trailers, then the empty line
                    trailer = self.line()
                    raw += trailer
                    if trailer == b"\r\n":
                        return raw, data
            chunk = self.exactly(size + 2)
            raw += chunk
            data += chunk[:-2]

    def to_eof(self):
        out = self.buf
        self.buf = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                return out
            out += data


def parse_head(head):
    """b'POST /x HTTP/1.1\\r\\nA: b\\r\\n\\r\\n' -> (start line parts, [(name, value)])."""
    lines = head.decode("iso-8859-1").split("\r\n")
    start = lines[0].split(" ", 2)
    if len(start) != 3:
        raise HttpError(f"bad start line {lines[0]!r}")
    headers = []
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise HttpError(f"bad header line {line!r}")
        headers.append((name.strip(), value.strip()))
    return start, headers


def header(headers, name, default=None):
    for k, v in headers:
        if k.lower() == name:
            return v
    return default


class Request:
    def __init__(self, reader, client):
        self.head = reader.header_block()
        (self.method, self.target, self.version), self.headers = parse_head(self.head)
        self.reader = reader
        self.client = client
        self.raw_body = b""  # as sent (chunked framing included)
        self.body = b""      # the entity (chunks joined)
        self.chunked = "chunked" in (header(self.headers, "transfer-encoding", "") or "").lower()
        self.length = int(header(self.headers, "content-length", "0") or 0) if not self.chunked else None

    def continue_if_asked(self):
        if (header(self.headers, "expect", "") or "").lower() == "100-continue":
            self.client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")

    def read_body(self):
        self.continue_if_asked()
        if self.chunked:
            self.raw_body, self.body = self.reader.chunked()
        else:
            self.raw_body = self.body = self.reader.exactly(self.length)

    def upstream_bytes(self):
        lines = [f"{self.method} {self.target} {self.version}"]
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() not in HOP_BY_HOP]
        lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1") + self.raw_body


def read_response(sock):
    """The server's whole answer, raw: (bytes, status, offset where the body starts)."""
    reader = Reader(sock)
    out = b""
    while True:
        head = reader.header_block()
        (_version, status, _reason), headers = parse_head(head)
        out += head
        if not status.startswith("1"):
            break
    status = int(status)
    body_at = len(out)
    if "chunked" in (header(headers, "transfer-encoding", "") or "").lower():
        raw, _ = reader.chunked()
        out += raw
    elif header(headers, "content-length") is not None:
        out += reader.exactly(int(header(headers, "content-length")))
    else:
        out += reader.to_eof()
    return out, status, body_at


def own_answer(status, retry_after=None, message="injected by fault_proxy"):
    body = json.dumps({"error": f"http_{status}", "message": message}).encode()
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}", "Content-Type: application/json",
             f"Content-Length: {len(body)}", "Connection: close"]
    if retry_after is not None:
        lines.append(f"Retry-After: {retry_after}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def reset(sock):
    """Close with RST instead of FIN: SO_LINGER on, timeout 0."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class Proxy:
    def __init__(self, args):
        self.args = args
        host, port = args.listen.rsplit(":", 1)
        self.listen_addr = (host, int(port))
        uhost, uport = args.upstream.rsplit(":", 1)
        self.upstream = (uhost, int(uport))
        self.rng = random.Random(args.seed)
        self.kinds = [k for k in (args.kinds.split(",") if args.kinds else KINDS) if k]
        for k in self.kinds + ([args.force] if args.force else []):
            if k not in KINDS:
                raise SystemExit(f"fault_proxy: unknown fault kind {k!r} (known: {', '.join(KINDS)})")
        self.lock = threading.Lock()
        self.stats_write_lock = threading.Lock()
        self.stop = threading.Event()
        self.refuse_until = 0.0
        self.seq = 0
        self.stats = {"requests": 0, "pass": 0, "faults": {k: 0 for k in KINDS}, "forwarded": 0,
                      "upstream_errors": 0, "client_errors": 0, "stall_forwarded": 0, "refuse_windows": 0}
        if args.capture:
            os.makedirs(args.capture, exist_ok=True)
        self.listener = self._bind(self.listen_addr)
        self.port = self.listener.getsockname()[1]
        self.listen_addr = (host, self.port)  # rebinding after a refusal reuses this port
        if args.port_file:
            self._atomic_write(args.port_file, f"{self.port}\n")
        self.write_stats()

    @staticmethod
    def _bind(addr):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(addr)
        s.listen(128)
        s.settimeout(0.1)
        return s

    @staticmethod
    def _atomic_write(path, text):
        tmp = f"{path}.tmp{os.getpid()}.{threading.get_ident()}"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)

    def write_stats(self):
        if self.args.stats:
            # One writer at a time, each with the latest counts: an older snapshot never wins.
            with self.stats_write_lock:
                with self.lock:
                    text = json.dumps(self.stats, indent=1, sort_keys=True) + "\n"
                self._atomic_write(self.args.stats, text)

    # Counts are written at once, before the client gets its answer: a test that has the answer
    # reads stats that include it.
    def count(self, key):
        with self.lock:
            self.stats[key] += 1
        self.write_stats()

    def decide(self):
        """'pass' or a fault kind; seeded, and no kind beyond its maximum."""
        with self.lock:
            self.stats["requests"] += 1
            left = [k for k in ([self.args.force] if self.args.force else self.kinds)
                    if self.stats["faults"][k] < self.args.max_faults_per_kind]
            rate = 1.0 if self.args.force else self.args.fault_rate
            draw = self.rng.random()
            kind = self.rng.choice(left) if left and draw < rate else "pass"
            # Drawn now, under the lock, so a seed gives the same sequence of choices.
            extra = {"retry_after": self.rng.choice((1, 2)), "stall_forward": self.rng.random() < 0.5,
                     "cut": self.rng.random(), "body_part": self.rng.random()}
            if kind == "pass":
                self.stats["pass"] += 1
            else:
                self.stats["faults"][kind] += 1
            self.seq += 1
            seq = self.seq
        self.write_stats()
        return kind, extra, seq

    # -- the listener -----------------------------------------------------------------------------

    def serve(self):
        while not self.stop.is_set():
            if time.monotonic() < self.refuse_until:
                if self.listener is not None:
                    self.listener.close()  # nothing listens: connect() gets ECONNREFUSED
                    self.listener = None
                self.stop.wait(0.05)
                continue
            if self.listener is None:
                try:
                    self.listener = self._bind(self.listen_addr)
                except OSError:
                    self.stop.wait(0.05)
                    continue
            try:
                client, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                if self.stop.is_set():
                    break
                continue
            threading.Thread(target=self.handle, args=(client,), daemon=True).start()
        if self.listener is not None:
            self.listener.close()

    # -- one connection ---------------------------------------------------------------------------

    def handle(self, client):
        client.settimeout(IO_TIMEOUT)
        try:
            self._handle(client)
        except (OSError, HttpError, ValueError):
            self.count("client_errors")
            try:
                client.close()
            except OSError:
                pass
        finally:
            self.write_stats()

    def _handle(self, client):
        reader = Reader(client)
        try:
            req = Request(reader, client)
        except HttpError:
            client.close()  # connected and closed, or garbage: not a request
            return
        kind, extra, seq = self.decide()

        if kind == "refuse":
            self.count("refuse_windows")
            self.refuse_until = time.monotonic() + self.args.refuse_seconds
            reset(client)
            return
        if kind == "reset_mid_body":
            req.continue_if_asked()
            total = req.length if req.length is not None else 0
            part = int(total * (0.2 + 0.6 * extra["body_part"])) if total > 1 else 0
            if part:
                reader.exactly(min(part, total - 1))
            reset(client)
            return

        req.read_body()
        if kind in ("status_500", "status_503", "status_429"):
            status = int(kind[-3:])
            client.sendall(own_answer(status, extra["retry_after"] if status != 500 else None))
            client.close()
            return
        if kind == "stall" and not extra["stall_forward"]:
            self.hold(client)
            return

        # Everything else reaches the server.
        if kind == "stall":
            self.count("stall_forwarded")
        answer = self.forward(req, seq, kind)
        if answer is None:  # the server is down: a reverse proxy's 502 (or the stall goes on)
            if kind == "stall":
                self.hold(client)
                return
            client.sendall(own_answer(502, message="the server could not be reached"))
            client.close()
            return
        if answer is False:  # the server died half-way through its answer
            reset(client)
            return
        raw, status, body_at = answer
        if kind == "pass":
            client.sendall(raw)
        elif kind in ("after_500", "after_503"):
            status = int(kind[-3:])
            client.sendall(own_answer(status, extra["retry_after"] if status == 503 else None,
                                      message="injected by fault_proxy after the server answered"))
        elif kind == "stall":
            self.hold(client)
            return
        elif kind == "truncated":
            # Cut inside the body when there is one, else inside the head; never the whole.
            if len(raw) > body_at + 1:
                cut = body_at + int((len(raw) - body_at - 1) * extra["cut"])
            else:
                cut = max(1, int((len(raw) - 1) * extra["cut"]))
            client.sendall(raw[:cut])
        client.close()

    def hold(self, client):
        """Silent for --stall-seconds (shorter if the proxy is stopped), then closed."""
        self.stop.wait(self.args.stall_seconds)
        client.close()

    def forward(self, req, seq, kind):
        """The server's answer (raw, status, body_at); None: it could not be reached; False: it
        took the request but its answer broke off."""
        record = self.capture(req, seq, kind)
        try:
            up = socket.create_connection(self.upstream, timeout=IO_TIMEOUT)
        except OSError as e:
            self.count("upstream_errors")
            self.capture_done(record, None, f"connect: {e}")
            return None
        try:
            up.sendall(req.upstream_bytes())
            self.count("forwarded")
            answer = read_response(up)
        except (OSError, HttpError, ValueError) as e:
            self.count("upstream_errors")
            self.capture_done(record, None, f"exchange: {e}")
            return False
        finally:
            up.close()
        self.capture_done(record, answer[1], None)
        return answer

    # -- capture --------------------------------------------------------------------------------

    def capture(self, req, seq, kind):
        if not self.args.capture:
            return None
        encoding = (header(req.headers, "content-encoding", "") or "").lower()
        text, problem = None, None
        try:
            data = gzip.decompress(req.body) if encoding == "gzip" else req.body
            text = data.decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError) as e:
            problem = f"{type(e).__name__}: {e}"
        record = {
            "seq": seq, "time": time.time(), "fault": kind, "method": req.method, "path": req.target,
            "version": req.version, "headers": [[k, v] for k, v in req.headers],
            "content_encoding": encoding or None, "body_length": len(req.body),
            "body_sha256": hashlib.sha256(req.body).hexdigest(),
            "body_base64": base64.b64encode(req.body).decode("ascii"),
            "body_text": text, "decode_error": problem, "upstream_status": None, "upstream_error": None,
        }
        path = os.path.join(self.args.capture, f"{seq:06d}-{req.method}.json")
        self._atomic_write(path, json.dumps(record, indent=1) + "\n")
        return path, record

    def capture_done(self, record, status, error):
        if record is None:
            return
        path, rec = record
        rec["upstream_status"], rec["upstream_error"] = status, error
        self._atomic_write(path, json.dumps(rec, indent=1) + "\n")

    def shutdown(self, *_):
        self.stop.set()


def main(argv=None):
    p = argparse.ArgumentParser(description="An HTTP/1.1 reverse proxy that injects faults (issue 6).")
    p.add_argument("--listen", default="127.0.0.1:0", help="HOST:PORT to listen on (port 0: any free one)")
    p.add_argument("--upstream", required=True, help="HOST:PORT of the server")
    p.add_argument("--port-file", help="write the port listened on here once listening")
    p.add_argument("--stats", help="a JSON file of counts, rewritten after every request")
    p.add_argument("--capture", help="a folder: one JSON file per request forwarded")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--fault-rate", type=float, default=0.25, help="the share of requests that get a fault")
    p.add_argument("--max-faults-per-kind", type=int, default=15)
    p.add_argument("--stall-seconds", type=float, default=40.0)
    p.add_argument("--refuse-seconds", type=float, default=2.0, help="how long nothing listens after a refuse")
    p.add_argument("--kinds", help="comma-separated fault kinds to draw from (default: all)")
    p.add_argument("--force", choices=KINDS, help="every request gets this fault (up to its maximum); for tests")
    args = p.parse_args(argv)
    proxy = Proxy(args)
    signal.signal(signal.SIGTERM, proxy.shutdown)
    signal.signal(signal.SIGINT, proxy.shutdown)
    print(f"fault_proxy: listening on {proxy.listen_addr[0]}:{proxy.port}, upstream {args.upstream}", flush=True)
    proxy.serve()
    proxy.write_stats()
    return 0


if __name__ == "__main__":
    sys.exit(main())

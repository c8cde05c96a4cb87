"""What the transport probes (transport_probes.py) and the slow-client benchmark
(tests/bench/slow-clients-bench.py) share: the real dps-server, the real nginx with the site file
dps-server ships, a test CA, a terminal that syncs, a staff member who loads the overview, and
attackers that open many slow or silent connections from addresses of their own.

Everything runs on loopback. The whole of 127.0.0.0/8 is this machine's, so an attacker binds its
connections to 127.0.0.2, 127.0.0.3, ... while the terminal and the staff member use 127.0.0.1:
nginx's per-address limits then meet them as different clients, as on the Internet.
"""
import datetime
import http.client
import json
import multiprocessing
import os
import re
import select
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHIPPED_SITE = os.path.join(SOURCE, "packaging", "nginx", "nginx-dps-server.conf")
USAGE_EXAMPLE = os.path.join(SOURCE, "docs", "protocol", "usage-example.json")
# What docs/install.md has the administrator set in /etc/nginx/nginx.conf's events block.
WORKER_CONNECTIONS = 4096
ENV = dict(os.environ, TZ="Europe/Brussels")
ENV.pop("JOURNAL_STREAM", None)  # dps-server would log to journald's socket, not to its stderr
STAFF_USER = "probe-region"
STAFF_PASSWORD = "a-long-probe-password-1"


def read(path):
    with open(path) as f:
        return f.read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds, what, proc=None, log=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {port}: {read(log)[-2000:] if log else ''}")


def percentile(values, p):
    """The nearest-rank percentile (p in 0..100) of values, in the values' unit."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


class TestCa:
    """A CA made with the openssl command and a certificate it issued for localhost and 127.0.0.1
    (as tests/server/TlsTest.cpp and the install test make theirs)."""

    def __init__(self, folder):
        self.dir = folder
        self.ca = os.path.join(folder, "ca.pem")
        self.certificate = os.path.join(folder, "server.pem")
        self.key = os.path.join(folder, "server.key")
        ext = os.path.join(folder, "server.ext")
        with open(ext, "w") as f:
            f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n"
                    "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        for step in (
                ["req", "-x509", *ec, "-keyout", f"{folder}/ca.key", "-out", self.ca, "-days", "2", "-subj",
                 "/CN=DPS Probe CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                 "keyUsage=critical,keyCertSign,cRLSign"],
                ["req", *ec, "-keyout", self.key, "-out", f"{folder}/server.csr", "-subj", "/CN=localhost"],
                ["x509", "-req", "-in", f"{folder}/server.csr", "-CA", self.ca, "-CAkey", f"{folder}/ca.key",
                 "-CAcreateserial", "-out", self.certificate, "-days", "2", "-extfile", ext]):
            subprocess.run(["openssl", *step], check=True, capture_output=True)
        for path in (self.ca, self.certificate, self.key):
            os.chmod(path, 0o644)

    def context(self):
        return ssl.create_default_context(cafile=self.ca)


class DpsServer:
    """The real dps-server in a folder of its own; serve() listens on 127.0.0.1, on a free port."""

    def __init__(self, binary, folder, tls=None, behind_front=False, extra_http=""):
        self.binary, self.dir, self.tls = binary, folder, tls
        os.makedirs(folder, exist_ok=True)
        self.config = os.path.join(folder, "server.toml")
        self.log = os.path.join(folder, "server.log")
        self.proc, self.port = None, None
        http = f"trust_x_forwarded_for = {'true' if behind_front else 'false'}\n{extra_http}"
        text = (f'[storage]\ndatabase = "server.db"\n[http]\n{http}'
                # High: the probes measure the transport, not the per-terminal rate limit.
                "[limits]\nrequests_per_minute = 100000\nenroll_per_minute = 100000\n")
        if tls:
            text += f'[tls]\ncertificate = "{tls.certificate}"\nkey = "{tls.key}"\n'
        with open(self.config, "w") as f:
            f.write(text)

    def cli(self, *args, stdin=None, check=True):
        r = subprocess.run([self.binary, *args, "--config", self.config], input=stdin, capture_output=True,
                           text=True, env=ENV, timeout=60)
        if check and r.returncode != 0:
            raise RuntimeError(f"dps-server {' '.join(args)}: {r.returncode} {r.stderr}")
        return r

    def prepare(self):
        """A DPS, a terminal waiting for its code and a region account; returns the code."""
        csv = os.path.join(self.dir, "dps.csv")
        with open(csv, "w") as f:
            f.write("name,street,postcode,municipality\nEPN Probe,Rue de la Loi 1,1000,Bruxelles\n")
        self.cli("dps", "import", csv)
        dps_id = next(line.split()[0] for line in self.cli("dps", "list").stdout.splitlines() if "EPN Probe" in line)
        out = self.cli("terminal", "add", "--dps", dps_id).stdout
        code = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)["code"]
        self.cli("user", "add", STAFF_USER, "--role", "region", stdin=STAFF_PASSWORD + "\n")
        return code

    def serve(self, listen="127.0.0.1:0"):
        port_file = os.path.join(self.dir, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen([self.binary, "serve", "--config", self.config, "--listen", listen,
                                          "--port-file", port_file], stdout=subprocess.DEVNULL, stderr=log, env=ENV)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.proc.poll() is None:
            if os.path.exists(port_file):
                self.port = int(read(port_file))
                return self.port
            time.sleep(0.05)
        raise RuntimeError(f"dps-server serve did not start: {self.log_text()[-2000:]}")

    def log_text(self):
        return read(self.log)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def adapt_site(site, ca, https_port, http_port, upstream_port, folder):
    """The site file as an administrator adapts it (docs/install.md), with the replacements
    tests/packaging/install_test.py makes: this machine's name, certificate and ports."""
    site = (site.replace("dps.example.brussels", "localhost")
            .replace("/etc/letsencrypt/live/localhost/fullchain.pem", ca.certificate)
            .replace("/etc/letsencrypt/live/localhost/privkey.pem", ca.key)
            .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
            .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
            .replace("root /var/www/html;", f"root {folder};")
            .replace("127.0.0.1:8080", f"127.0.0.1:{upstream_port}"))
    return "\n".join(line for line in site.split("\n") if "listen [::]" not in line)


class Front:
    """nginx with a site file (by default the one dps-server ships) in front of a DpsServer."""

    def __init__(self, folder, ca, upstream_port, site_file=SHIPPED_SITE, extra_http="",
                 worker_connections=WORKER_CONNECTIONS):
        self.dir = folder
        os.makedirs(folder, exist_ok=True)
        # nginx's workers run as nobody when the tests run as root: they must reach the folder.
        os.chmod(folder, 0o755)
        self.https_port, self.http_port = free_port(), free_port()
        site = adapt_site(read(site_file), ca, self.https_port, self.http_port, upstream_port, folder)
        with open(os.path.join(folder, "site.conf"), "w") as f:
            f.write(site)
        temp = "".join(f"  {kind}_temp_path {folder}/{kind};\n"
                       for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        self.error_log = os.path.join(folder, "error.log")
        with open(os.path.join(folder, "nginx.conf"), "w") as f:
            f.write(f"daemon off;\npid {folder}/nginx.pid;\nerror_log {self.error_log} warn;\n"
                    f"worker_rlimit_nofile {2 * worker_connections};\n"
                    f"events {{ worker_connections {worker_connections}; }}\n"
                    f"http {{\n  access_log off;\n{temp}  include {folder}/site.conf;\n{extra_http}}}\n")
        conf = os.path.join(folder, "nginx.conf")
        r = subprocess.run(["nginx", "-t", "-q", "-p", folder, "-c", conf], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"nginx -t refuses the site file: {r.stderr}")
        self.proc = subprocess.Popen(["nginx", "-p", folder, "-c", conf], stderr=subprocess.DEVNULL)
        wait_for_port(self.https_port, 10, "nginx", self.proc, self.error_log)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful: let it close its connections
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Endpoint:
    """Where clients connect: host, port, TLS context (None: plain HTTP)."""

    def __init__(self, port, context, host="localhost"):
        self.port, self.context, self.host = port, context, host

    def connect(self, source="127.0.0.1", timeout=30):
        if self.context is None:
            return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(source, 0))
        return http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=timeout,
                                           source_address=(source, 0))

    def request(self, method, path, body=None, headers=None, source="127.0.0.1", timeout=30):
        """One request on a connection of its own (as an agent makes them): (status, headers, body,
        seconds); status 0 when the connection failed."""
        started = time.monotonic()
        conn = self.connect(source, timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            return r.status, r.headers, data, time.monotonic() - started
        except (OSError, http.client.HTTPException) as e:
            return 0, {}, str(e).encode(), time.monotonic() - started
        finally:
            conn.close()


def enroll(endpoint, code):
    status, _, body, _ = endpoint.request("POST", "/api/v1/enroll",
                                          json.dumps({"code": code, "agent_version": "probe"}),
                                          {"Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"enroll: HTTP {status} {body[:300]!r}")
    return json.loads(body)["token"]


class Terminal:
    """An agent's sync: usage batches of yesterday's record (Brussels time), rev after rev."""

    def __init__(self, endpoint, token):
        self.endpoint, self.token, self.rev = endpoint, token, 0
        self.record = json.loads(read(USAGE_EXAMPLE))["records"][0]
        self.record["date"] = (datetime.datetime.now(ZoneInfo("Europe/Brussels")).date()
                               - datetime.timedelta(days=1)).isoformat()

    def sync(self):
        self.rev += 1
        record = dict(self.record, rev=self.rev, final=False)
        body = json.dumps({"format": "dps-usage/1", "batch_id": str(uuid.uuid4()), "records": [record]})
        return self.endpoint.request("POST", "/api/v1/usage", body,
                                     {"Content-Type": "application/json", "Authorization": f"Bearer {self.token}",
                                      "Idempotency-Key": str(uuid.uuid4())})


class _FormFields:
    """The hidden inputs of a page's forms (a login form may carry a token of its own)."""
    INPUT = re.compile(r"<input\b[^>]*>", re.I)
    ATTR = re.compile(r'(\w+)="([^"]*)"')

    @classmethod
    def hidden(cls, page):
        fields = {}
        for tag in cls.INPUT.findall(page):
            attrs = dict(cls.ATTR.findall(tag))
            if attrs.get("type") == "hidden" and "name" in attrs:
                fields[attrs["name"]] = attrs.get("value", "")
        return fields


def cookies_of(headers):
    jar = {}
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(endpoint, origin):
    """Logs the region account in as a browser does; returns (Set-Cookie header, Cookie value)."""
    status, headers, page, _ = endpoint.request("GET", "/login")
    if status != 200:
        raise RuntimeError(f"GET /login: HTTP {status}")
    jar = cookies_of(headers)
    form = dict(_FormFields.hidden(page.decode()), username=STAFF_USER, password=STAFF_PASSWORD)
    request_headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
    if jar:
        request_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, headers, body, _ = endpoint.request("POST", "/login", urllib.parse.urlencode(form), request_headers)
    set_cookie = headers.get("Set-Cookie", "") if status else ""
    if status != 303 or not set_cookie:
        raise RuntimeError(f"POST /login: HTTP {status} {body[:300]!r}")
    return set_cookie, set_cookie.split(";", 1)[0]


class Load:
    """A terminal that keeps syncing and a staff member who keeps loading the overview, each on a
    thread of its own with a pause between requests; every answer is kept with its time. They run
    in a process of their own, so that what they measure is the server's delay, not the attackers'
    share of this interpreter."""

    KINDS = ("terminal", "staff")

    def __init__(self, endpoint, terminal, cookie, pause=0.2):
        self.endpoint, self.terminal, self.cookie, self.pause = endpoint, terminal, cookie, pause
        self.samples = {kind: [] for kind in self.KINDS}  # (started at, seconds, status)
        context = multiprocessing.get_context("fork")
        self.stop_event = context.Event()
        self.results = context.Queue()
        self.process = context.Process(target=self._child, daemon=True)

    def _child(self):
        samples = {kind: [] for kind in self.KINDS}

        def run(kind):
            while not self.stop_event.is_set():
                started = time.monotonic()
                if kind == "terminal":
                    status, _, _, seconds = self.terminal.sync()
                else:
                    status, _, _, seconds = self.endpoint.request("GET", "/", headers={"Cookie": self.cookie})
                samples[kind].append((started, seconds, status))
                self.stop_event.wait(self.pause)

        threads = [threading.Thread(target=run, args=(kind,)) for kind in self.KINDS]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.results.put(samples)

    def start(self):
        self.process.start()

    def stop(self):
        self.stop_event.set()
        # time.monotonic() is the system's CLOCK_MONOTONIC: the child's times compare with ours.
        self.samples = self.results.get(timeout=120)
        self.process.join(timeout=30)

    def between(self, kind, start, end):
        return [s for s in self.samples[kind] if start <= s[0] < end]


def summary(samples):
    """'n=…, ok=…, p50=… ms, p95=… ms, max=… ms' of (started, seconds, status) samples."""
    seconds = [s[1] for s in samples]
    ok = sum(1 for s in samples if s[2] == 200)
    if not seconds:
        return "n=0"
    return (f"n={len(seconds)}, ok={ok}, p50={percentile(seconds, 50) * 1000:.0f} ms, "
            f"p95={percentile(seconds, 95) * 1000:.0f} ms, max={max(seconds) * 1000:.0f} ms")


def client_hello_part():
    """The first half of a real TLS ClientHello (Python's ssl module writes it into a memory BIO):
    a handshake begun and never finished."""
    context = ssl.create_default_context()
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname="localhost")
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        pass
    hello = outgoing.read()
    return hello[: len(hello) // 2]


class SlowClients:
    """Many connections, each bound to a source address of its own choosing, all driven without
    blocking from one thread (a server that accepts but never answers delays nothing here). Kinds:
      slow_header  the request line, then one more header line every `interval` seconds, never the end
      slow_body    a whole header announcing `length` bytes of body, then one byte every `interval`
      idle         a TCP connection that never sends a byte
      tls_stall    half a TLS ClientHello, then nothing
    slow_header and slow_body speak TLS when the endpoint does. With reopen, a connection the server
    closed is opened again (as slowloris does), so the pressure stays. Each connection's fate is
    kept: when it was opened, when the server closed it (None while it holds), and the bytes of the
    answer it got, if any."""

    FIELDS = ("kind", "source", "path", "length", "type")

    def __init__(self, endpoint, reopen=True, interval=2.0):
        self.endpoint, self.reopen, self.interval = endpoint, reopen, interval
        self.conns = []    # not closed yet
        self.history = []  # closed
        self.stop_event = threading.Event()
        self.thread = None
        self.lock = threading.Lock()
        self.hello = client_hello_part()

    def _open(self, spec):
        conn = dict(spec, opened=time.monotonic(), closed=None, answer=b"", state="connecting", pending=b"",
                    last_send=None)
        sock = socket.socket()
        sock.setblocking(False)
        conn["sock"] = sock
        try:
            sock.bind((spec["source"], 0))
            sock.connect_ex(("127.0.0.1", self.endpoint.port))
        except OSError as e:
            conn["answer"] = f"connect failed: {e}".encode()
            self._close(conn, time.monotonic())
        return conn

    def add(self, kind, sources, count, path="/", length=1000, content_type="application/x-www-form-urlencoded"):
        """count connections of kind, spread over the source addresses in turn."""
        specs = [dict(kind=kind, source=sources[i % len(sources)], path=path, length=length, type=content_type)
                 for i in range(count)]
        with self.lock:
            self.conns.extend(self._open(s) for s in specs)

    @staticmethod
    def _close(conn, now):
        conn["closed"] = now
        try:
            conn["sock"].close()
        except OSError:
            pass

    def _request_start(self, conn):
        if conn["kind"] == "slow_header":
            return b"GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n"
        return (f"POST {conn['path']} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {conn['type']}\r\n"
                f"Content-Length: {conn['length']}\r\n\r\n").encode()

    def _connected(self, conn):
        kind = conn["kind"]
        conn["state"] = "open"
        if kind == "tls_stall":
            conn["pending"] = self.hello
        elif kind != "idle":
            if self.endpoint.context is not None:
                conn["sock"] = self.endpoint.context.wrap_socket(conn["sock"], server_hostname=self.endpoint.host,
                                                                 do_handshake_on_connect=False)
                conn["state"] = "handshake"
            conn["pending"] = self._request_start(conn)

    def _step(self, conn, events, now):
        """Moves one connection on; raises OSError or ssl.SSLError when the server closed it."""
        sock = conn["sock"]
        if conn["state"] == "connecting":
            if not events & (select.POLLOUT | select.POLLERR | select.POLLHUP):
                return
            error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error:
                raise OSError(error, os.strerror(error))
            self._connected(conn)
            sock = conn["sock"]
        if conn["state"] == "handshake":
            try:
                sock.do_handshake()
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                return
            conn["state"] = "open"
        if events & select.POLLIN:
            try:
                data = sock.recv(4096)
            except (ssl.SSLWantReadError, BlockingIOError):
                data = None
            if data == b"":
                raise ConnectionAbortedError("closed by the server")
            if data:
                conn["answer"] += data
        if conn["state"] != "open":
            return
        if conn["kind"] in ("slow_header", "slow_body") and not conn["pending"] and (
                conn["last_send"] is None or now - conn["last_send"] >= self.interval):
            conn["pending"] = b"X-Slow: 1\r\n" if conn["kind"] == "slow_header" else b"a"
        if conn["pending"]:
            try:
                sent = sock.send(conn["pending"])
                conn["pending"] = conn["pending"][sent:]
                conn["last_send"] = now
            except (ssl.SSLWantWriteError, ssl.SSLWantReadError, BlockingIOError):
                pass

    def _tick(self):
        now = time.monotonic()
        # poll, not select: there are more than select's 1024 descriptors.
        poller = select.poll()
        by_fd = {}
        for c in self.conns:
            fd = c["sock"].fileno()
            by_fd[fd] = c
            poller.register(fd, select.POLLIN | (select.POLLOUT if c["state"] == "connecting" else 0))
        events = dict(poller.poll(0))
        for fd, c in by_fd.items():
            try:
                self._step(c, events.get(fd, 0), now)
            except (OSError, ssl.SSLError):
                self._close(c, now)
        closed = [c for c in self.conns if c["closed"] is not None]
        if closed:
            self.history.extend(closed)
            self.conns = [c for c in self.conns if c["closed"] is None]
            if self.reopen and not self.stop_event.is_set():
                self.conns.extend(self._open({k: c[k] for k in self.FIELDS}) for c in closed)

    def _run(self):
        while not self.stop_event.is_set():
            with self.lock:
                self._tick()
            self.stop_event.wait(0.05)

    def start(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def open_count(self, kind=None):
        with self.lock:
            return sum(1 for c in self.conns if kind is None or c["kind"] == kind)

    def stop(self):
        self.stop_event.set()
        if self.thread:
            self.thread.join(timeout=30)
        with self.lock:
            now = time.monotonic()
            for c in self.conns:
                self._close(c, now)
                c["closed_by_us"] = True
            self.history.extend(self.conns)
            self.conns = []

    def fates(self, kind=None):
        with self.lock:
            return [c for c in self.history + self.conns if kind is None or c["kind"] == kind]


def status_of(answer):
    """The status code of the first answer in bytes received, or None."""
    m = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return int(m.group(1)) if m else None


class TempFolder:
    def __init__(self, prefix):
        self.path = tempfile.mkdtemp(prefix=prefix)
        os.chmod(self.path, 0o755)

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)

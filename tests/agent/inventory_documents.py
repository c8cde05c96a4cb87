#!/usr/bin/env python3
"""Every inventory document dps-agent makes passes GLPI's schema, and tells nothing of people.

1. For each fixture tree (tests/fixtures/inventory/*) and for this machine itself,
   `dps-agent inventory --print` is validated with tests/protocol/check-glpi.py; a fixture's GLPI
   part must equal its expected-glpi.json (the drives' sizes aside: they come from statvfs on this
   machine, since a tree cannot fake a mounted filesystem).
2. Privacy: a copy of a fixture tree gets users (etc/passwd, home folders, a utmp-like who file),
   running processes with their command lines and environments under proc/, and the visitors'
   devices of tests/fixtures/inventory/visitors plugged in (a USB stick mounted under its owner's
   volume name, phones charging, an iPhone, a webcam, a security key, phones sharing their
   connection and USB network dongles with their interfaces: issue 16); and on this
   machine a process runs under a distinctive name with a distinctive environment variable. None
   of those names, serials or values may appear in any document, and the crowded tree's GLPI part
   must still equal the machine's expected-glpi.json.

3. Printers: a private cupsd (its own socket, found through CUPS_SERVER as libcups would) with
   two queues added by lpadmin; the document lists them, a device URI without its credentials.

Usage: inventory_documents.py AGENT_BIN
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(SOURCE, "tests", "fixtures", "inventory")
CHECK = os.path.join(SOURCE, "tests", "protocol", "check-glpi.py")
VISITORS = os.path.join(FIXTURES, "visitors")
SECRETS = ("zoe-vandermeulen", "Zoe Vandermeulen", "karim.elamrani", "s3cr3t-t0ken-77", "mijn-cv-2026.docx",
           "zz-private-proc-5531", "ZZ_PRIVATE_VALUE_5531")
# The visitors' devices' names, serials and the stick's volume label, and the names and addresses
# of the network interfaces the phones sharing their connection and the dongles bring
# (visitors/make-visitors.py).
VISITORS_WORDS = ("Cruzer", "SanDisk", "4C530001170923105118", "MARIE", "/media/kiosk", "SAMSUNG_Android",
                  "RF8N31QZKLM", "Pixel 3a", "93KAX0C47Q", "iPhone", "3f2a9c0d17e54b68", "HD Pro Webcam", "A1B2C3D4",
                  "YubiKey", "Yubico", "Pixel 6a", "28011JEGR09317", "0915F9C3D8A52C04", "enx3a5f2c8e1d47",
                  "3a:5f:2c:8e:1d:47", "usb0", "d2:c4:7e:19:a3:5b", "enx00e04c680a1b", "00:e0:4c:68:0a:1b",
                  "USB 10/100/1000 LAN", "wlx503eaa1b2c3d", "50:3e:aa:1b:2c:3d", "802.11n NIC")


def inventory(agent, root, out_file, tmp):
    config = os.path.join(tmp, "agent.toml")
    with open(config, "w") as f:
        f.write(f'[storage]\ndatabase = "{tmp}/agent.db"\nkiosk_database = "{tmp}/kiosk.db"\n')
    r = subprocess.run([agent, "-c", config, "inventory", "--print", "--root", root], capture_output=True, text=True,
                       timeout=60)
    if r.returncode != 0:
        raise SystemExit(f"dps-agent inventory --print --root {root} failed: {r.stderr}")
    with open(out_file, "w") as f:
        f.write(r.stdout)
    return r.stdout


def people_in(tree):
    """Users, logins, processes and their environments, as a real machine has them."""
    os.makedirs(os.path.join(tree, "etc"), exist_ok=True)
    with open(os.path.join(tree, "etc", "passwd"), "a") as f:
        f.write("zoe-vandermeulen:x:1001:1001:Zoe Vandermeulen,,,:/home/zoe-vandermeulen:/bin/bash\n")
        f.write("karim.elamrani:x:1002:1002::/home/karim.elamrani:/bin/bash\n")
    docs = os.path.join(tree, "home", "zoe-vandermeulen", "Documents")
    os.makedirs(docs, exist_ok=True)
    open(os.path.join(docs, "mijn-cv-2026.docx"), "w").close()
    os.makedirs(os.path.join(tree, "run"), exist_ok=True)
    with open(os.path.join(tree, "run", "utmp"), "w") as f:
        f.write("zoe-vandermeulen tty7 2026-12-01 09:12\nkarim.elamrani pts/0 2026-12-01 10:02\n")
    for visitor in sorted(os.listdir(VISITORS)):
        device = os.path.join(VISITORS, visitor)
        if not os.path.isdir(device):
            continue
        shutil.copytree(os.path.join(device, "sys"), os.path.join(tree, "sys"), symlinks=True, dirs_exist_ok=True)
        if os.path.exists(os.path.join(device, "mounts")):
            with open(os.path.join(device, "mounts")) as src, open(os.path.join(tree, "proc", "mounts"), "a") as dst:
                dst.write(src.read())
    for pid, comm in ((4242, "zz-private-proc-5531"), (4243, "firefox-esr")):
        p = os.path.join(tree, "proc", str(pid))
        os.makedirs(p, exist_ok=True)
        with open(os.path.join(p, "comm"), "w") as f:
            f.write(comm + "\n")
        with open(os.path.join(p, "cmdline"), "wb") as f:
            f.write(b"/usr/bin/" + comm.encode() + b"\0--profile\0/home/zoe-vandermeulen/.mozilla\0")
        with open(os.path.join(p, "environ"), "wb") as f:
            f.write(b"USER=zoe-vandermeulen\0TOKEN=s3cr3t-t0ken-77\0")
        with open(os.path.join(p, "status"), "w") as f:
            f.write(f"Name:\t{comm}\nUid:\t1001\t1001\t1001\t1001\n")


CUPSD_CONF = """Listen {d}/cups.sock
LogLevel warn
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
CUPS_FILES_CONF = """ServerRoot {d}/root
CacheDir {d}/cache
StateDir {d}/state
RequestRoot {d}/spool
TempDir {d}/spool
AccessLog {d}/access_log
ErrorLog {d}/error_log
PageLog {d}/page_log
FileDevice Yes
"""


def printers_of_a_real_cupsd(agent, tmp):
    """The printers a private cupsd knows, as the agent's document lists them; failures counted."""
    d = os.path.join(tmp, "cups")
    for sub in ("root", "cache", "state", "spool"):
        os.makedirs(os.path.join(d, sub))
    with open(os.path.join(d, "root", "cupsd.conf"), "w") as f:
        f.write(CUPSD_CONF.format(d=d))
    with open(os.path.join(d, "root", "cups-files.conf"), "w") as f:
        f.write(CUPS_FILES_CONF.format(d=d))
    sock = os.path.join(d, "cups.sock")
    cupsd = subprocess.Popen(["/usr/sbin/cupsd", "-f", "-c", os.path.join(d, "root", "cupsd.conf"), "-s",
                              os.path.join(d, "root", "cups-files.conf")], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    failures = 0
    try:
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        for name, uri in (("EPN_Library_Laser", "file:///dev/null"),
                          ("EPN_Office", "ipp://dps:s3cr3t-t0ken-77@192.0.2.7/ipp/print")):
            subprocess.run(["lpadmin", "-h", sock, "-p", name, "-E", "-v", uri], check=True, capture_output=True,
                           timeout=30)
        config = os.path.join(tmp, "agent.toml")
        r = subprocess.run([agent, "-c", config, "inventory", "--print", "--glpi-only"], capture_output=True,
                           text=True, timeout=60, env=dict(os.environ, CUPS_SERVER=sock))
        printers = {p["name"]: p for p in json.loads(r.stdout)["content"].get("printers", [])}
        expected = {"EPN_Library_Laser": "file:///dev/null", "EPN_Office": "ipp://192.0.2.7/ipp/print"}
        for name, uri in expected.items():
            got = printers.get(name)
            if not got or got.get("port") != uri or got.get("status") != "idle":
                print(f"FAIL cups: {name} is {got}, expected port {uri} and status idle")
                failures += 1
        if "s3cr3t" in r.stdout:
            print("FAIL cups: a printer's password is in the document")
            failures += 1
        print(f"cups: {len(printers)} printers from a private cupsd: {sorted(printers)}")
    finally:
        cupsd.terminate()
        cupsd.wait(timeout=10)
    return failures


def main():
    agent = os.path.abspath(sys.argv[1])
    failures = 0
    tmp = tempfile.mkdtemp(prefix="dps-inventory-")
    try:
        docs = []
        for name in sorted(os.listdir(FIXTURES)):
            tree = os.path.join(FIXTURES, name)
            if not os.path.isfile(os.path.join(tree, "expected-glpi.json")):
                continue  # visitors/: devices to plug in, not a machine
            out = os.path.join(tmp, f"{name}.json")
            glpi = json.loads(inventory(agent, tree, out, tmp))["glpi"]
            docs.append(out)
            for drive in glpi["content"].get("drives", []):
                drive.pop("total", None)
                drive.pop("free", None)
            with open(os.path.join(tree, "expected-glpi.json")) as f:
                expected = json.load(f)
            if glpi != expected:
                failures += 1
                for section in sorted(set(glpi["content"]) | set(expected["content"])):
                    if glpi["content"].get(section) != expected["content"].get(section):
                        print(f"FAIL {name}: {section} is {json.dumps(glpi['content'].get(section))}, expected "
                              f"{json.dumps(expected['content'].get(section))}")
                for key in ("action", "deviceid", "itemtype"):
                    if glpi.get(key) != expected.get(key):
                        print(f"FAIL {name}: {key} is {glpi.get(key)!r}, expected {expected.get(key)!r}")
            # The same tree with people on it.
            crowded = os.path.join(tmp, f"{name}-crowded")
            shutil.copytree(tree, crowded, symlinks=True)
            people_in(crowded)
            out = os.path.join(tmp, f"{name}-crowded.json")
            text = inventory(agent, crowded, out, tmp)
            docs.append(out)
            for s in SECRETS + VISITORS_WORDS:
                if s in text:
                    print(f"FAIL {name}: '{s}' is in the document")
                    failures += 1
            crowded_glpi = json.loads(text)["glpi"]
            for drive in crowded_glpi["content"].get("drives", []):
                drive.pop("total", None)
                drive.pop("free", None)
            if crowded_glpi != expected:
                failures += 1
                print(f"FAIL {name}: with people and their devices on it, the document is not the machine's")
        # This machine, with a process of ours under a distinctive name and environment.
        sleeper_bin = os.path.join(tmp, "zz-private-proc-5531")
        shutil.copy("/bin/sleep", sleeper_bin)
        sleeper = subprocess.Popen([sleeper_bin, "60"], env=dict(os.environ, ZZ_PRIVATE=SECRETS[-1]))
        try:
            out = os.path.join(tmp, "this-machine.json")
            text = inventory(agent, "/", out, tmp)
            docs.append(out)
        finally:
            sleeper.kill()
            sleeper.wait()
        for s in SECRETS:
            if s in text:
                print(f"FAIL this machine: '{s}' is in the document")
                failures += 1
        for user in (os.environ.get("USER"), os.environ.get("LOGNAME"), os.environ.get("SUDO_USER")):
            if user and len(user) > 3 and f'"{user}"' in text:
                print(f"FAIL this machine: the user name {user} is in the document")
                failures += 1
        failures += printers_of_a_real_cupsd(agent, tmp)
        r = subprocess.run(["/usr/bin/python3", CHECK] + docs)
        failures += r.returncode != 0
        print(f"inventory_documents: {len(docs)} documents, {failures} failure(s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

// dps-free-use-usb's `kind` (docs/free-use.md "USB"): which block devices the session runner mounts
// for the visitor, decided from udev's properties. The fixtures are real `udevadm info` output
// (tests/freeuse/usb-udev/README.md says where each comes from); the variants below change one
// property of a real one and say which. No root, no device: the script reads its standard input.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCE = process.env.DPS_SOURCE_DIR;
const USB = path.join(SOURCE, "packaging", "free-use", "dps-free-use-usb");
const FIXTURES = path.join(SOURCE, "tests", "freeuse", "usb-udev");
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const kind = (input) => {
  const r = spawnSync(USB, ["kind"], { input, encoding: "utf8", timeout: 10000 });
  return { status: r.status, type: r.stdout.trim(), why: r.stderr.trim() };
};
const change = (text, key, value) => text.replace(new RegExp(`^${key}=.*$`, "m"), value === null ? "" : `${key}=${value}`);

describe("dps-free-use-usb kind", () => {
  test("real USB sticks: a whole-disk FAT16 and a FAT32 partition are mounted as vfat", () => {
    assert.deepEqual(kind(fixture("lg-flashdrive-sda.properties")), { status: 0, type: "vfat", why: "" });
    assert.deepEqual(kind(fixture("sony-storage-media-sdc1.properties")), { status: 0, type: "vfat", why: "" });
  });

  test("exFAT and NTFS sticks (the Sony stick's properties, its ID_FS_TYPE as blkid names them)", () => {
    const sony = fixture("sony-storage-media-sdc1.properties");
    assert.equal(kind(change(sony, "ID_FS_TYPE", "exfat")).type, "exfat");
    assert.equal(kind(change(sony, "ID_FS_TYPE", "ntfs")).type, "ntfs");
  });

  test("refused, with the reason: not USB, not a filesystem people use, a partition table, no filesystem", () => {
    const loop = kind(fixture("loop-vfat.properties"));
    assert.equal(loop.status, 1);
    assert.match(loop.why, /not on the USB bus \(ID_BUS=''\)/);
    const ext4 = kind(fixture("lg-flashdrive-ext4.properties"));
    assert.equal(ext4.status, 1);
    assert.match(ext4.why, /ID_FS_TYPE='ext4'/);
    const lg = fixture("lg-flashdrive-sda.properties");
    // The machine's own SATA disk: ID_BUS=ata.
    assert.match(kind(change(lg, "ID_BUS", "ata")).why, /not on the USB bus \(ID_BUS='ata'\)/);
    // A stick's partitioned disk: udev gives it ID_PART_TABLE_TYPE and no ID_FS_USAGE.
    assert.match(kind(change(change(lg, "ID_FS_USAGE", null), "ID_FS_TYPE", null)).why, /holds no filesystem/);
    // An encrypted stick (ID_FS_USAGE=crypto, ID_FS_TYPE=crypto_LUKS).
    assert.match(kind(change(change(lg, "ID_FS_USAGE", "crypto"), "ID_FS_TYPE", "crypto_LUKS")).why, /holds no filesystem/);
    // Not a disk or partition (a USB card reader's host device would say usb_device elsewhere).
    assert.match(kind(change(lg, "DEVTYPE", "usb_device")).why, /not a disk or a partition/);
    // Nothing at all.
    assert.equal(kind("").status, 1);
  });

  test("its limits: 16 KiB, 256 lines, 1024 bytes a line", () => {
    const lg = fixture("lg-flashdrive-sda.properties");
    assert.match(kind(lg + `X=${"a".repeat(16384)}\n`).why, /longer than 16384 bytes/);
    assert.match(kind(lg + "X=1\n".repeat(240)).why, /more than 256 lines/);
    assert.match(kind(lg + `X=${"a".repeat(1100)}\n`).why, /line 32 is longer than 1024 bytes/);
    // At the limits: still read.
    assert.equal(kind(lg + "X=1\n".repeat(256 - lg.split("\n").length + 1)).type, "vfat");
  });
});

// The script is a parser of outside data: random and mutated inputs (bounded, reproducible from
// the printed seed) never make it hang, crash or print anything but one of its three types.
describe("dps-free-use-usb kind, fuzzed", () => {
  test("200 inputs: random bytes, real properties cut, spliced and repeated", () => {
    const seed = Number(process.env.DPS_FUZZ_SEED ?? crypto.randomInt(1 << 30));
    let state = seed;
    const rand = (n) => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state % n; };
    const real = ["lg-flashdrive-sda.properties", "sony-storage-media-sdc1.properties", "loop-vfat.properties"].map(fixture);
    for (let i = 0; i < 200; i++) {
      const base = real[rand(real.length)];
      let input;
      switch (rand(4)) {
        case 0: input = Buffer.from(Array.from({ length: rand(3000) }, () => rand(256))); break;
        case 1: input = base.slice(0, rand(base.length)); break;
        case 2: { const at = rand(base.length); input = base.slice(0, at) + String.fromCharCode(rand(256)).repeat(rand(40)) + base.slice(at); break; }
        default: input = base.repeat(1 + rand(30));
      }
      const r = spawnSync(USB, ["kind"], { input, encoding: "utf8", timeout: 10000 });
      assert.notEqual(r.signal, "SIGTERM", `seed ${seed}, input ${i}: timed out`);
      assert.ok(r.status === 0 || r.status === 1, `seed ${seed}, input ${i}: status ${r.status} ${r.stderr}`);
      if (r.status === 0) assert.match(r.stdout, /^(vfat|exfat|ntfs)\n$/, `seed ${seed}, input ${i}`);
      else assert.equal(r.stdout, "", `seed ${seed}, input ${i}`);
    }
  });
});

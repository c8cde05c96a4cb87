#!/usr/bin/env python3
"""Writes the e-ID parsers' fuzzing seeds: card files and answers laid out as the published
documents describe them (Fedict eid-mw, doc/sdk/documentation/), the same sources as the test
card (tests/support/EidCards.cpp, FakeSmartCard.h):
  [C2.8] "Belgian Electronic Identity Card content" v2.8a, [C4] v4.01, [C5] v5.4,
  [IDv5] "ID and Address file contents" v5.0, [M1.7] / [M1.8] the applet reference manuals.
  eid_seeds.py OUT_DIR ROOTS_DIR     (the bundled roots, as PEM: real certificates)
"""
import hashlib
import pathlib
import ssl
import sys


def field(tag, value):
    """[C5] 6.1: tag; length in one byte under 255, else FF per 255 and the rest; value."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    n, length = len(value), b""
    while n >= 0xFF:
        length += b"\xff"
        n -= 0xFF
    return bytes([tag]) + length + bytes([n]) + value


PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8 + b"\xff\xd9"  # a JPEG's markers around bytes
CHIP = bytes.fromhex("9C4100FF3E07D2FF00186B5A00C4FF21")


def identity(layout, given="Marie Anne", doc="1", padded_to=0):
    """[C5] 6.2.2 / [IDv5] 1 (1.8), [C4] 9 (1.7), [C2.8] 6.3.2 (version 0: no tag 00)."""
    out = b""
    if layout != "v0":
        out += field(0x00, b"\x00\x02" if layout == "1.8" else b"\x00\x01")
    out += field(0x01, "592830017465") + field(0x02, CHIP)
    out += field(0x03, "12.03.2021") + field(0x04, "12.03.2031") + field(0x05, "Schaerbeek")
    out += field(0x06, "85073003328") + field(0x07, "PEETERS") + field(0x08, given) + field(0x09, "")
    out += field(0x0A, "Belg") + field(0x0B, "Ixelles") + field(0x0C, "30 JUIL 1985") + field(0x0D, "F")
    out += field(0x0E, "") + field(0x0F, doc) + field(0x10, "0")
    digest = hashlib.sha384 if layout == "1.8" else hashlib.sha1
    out += field(0x11, digest(PHOTO).digest())
    if layout == "1.8":
        out += field(0x1A, hashlib.sha384(b"basic key").digest())
    return out + bytes(max(0, padded_to - len(out)))


def card_data(applet, p2):
    """[M1.8] Tables 46-47, [M1.7] Table 32; 1.1 as eid-mw's cal.cpp reads it."""
    head = bytes.fromhex("102355048E3107C24D19A06602F35B90") + bytes.fromhex("A503010101")
    tail = {0x18: "18 0001 00 00 02 0F", 0x17: "17 0003 00 21 01 0F", 0x11: "11 00 0101 0101 0F"}[applet]
    data = head + bytes.fromhex(tail.replace(" ", ""))
    return data + (b"\x03\xff\xff" if p2 == 1 else b"")


def answer(data, sw=b"\x90\x00"):
    """One answer of the scripted card (EidParsersFuzz.cpp): its length, then data and SW."""
    body = data + sw
    assert len(body) <= 255
    return bytes([len(body)]) + body


def read_whole(file):
    """READ BINARY in 252-byte chunks; near the end the card answers 6C XX ([M1.8] 6.7)."""
    out, off = b"", 0
    while off < len(file):
        left = len(file) - off
        if left < 252:
            out += answer(b"", bytes([0x6C, left]))
        n = min(252, left)
        out += answer(file[off:off + n])
        off += n
    return out


def read_certificate(file, der_length):
    """The check reads the first chunk, then up to the DER certificate's length."""
    out, off = b"", 0
    while off < max(252, der_length) and off < len(file):
        n = min(252, (252 if off == 0 else der_length) - off, len(file) - off)
        if n <= 0:
            break
        out += answer(file[off:off + n])
        off += n
    return out


def main():
    out, roots = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    seeds = {
        "identity-1.8": identity("1.8"),
        "identity-1.7": identity("1.7", doc="01"),
        "identity-v0": identity("v0"),
        "identity-1.8-ff-padded": identity("1.8", given="Canarina " * 40, padded_to=1024),
        "carddata-1.8": card_data(0x18, 0) + b"\x90\x00",
        "carddata-1.8-p2-01": card_data(0x18, 1),
        "carddata-1.7": card_data(0x17, 0),
        "carddata-1.1": card_data(0x11, 0),
        "sw-wrong-pin": b"\x63\xc2",
        "sw-wrong-length": b"\x6c\x17",
        "sw-past-end": b"\x6b\x00",
        "no-certificate-1.8": bytes(2500),  # [C5] 8.1
    }
    ders = [ssl.PEM_cert_to_DER_cert(p.read_text()) for p in sorted(roots.glob("*.pem"))]
    for i, der in enumerate(ders):
        seeds[f"certificate-file-{i}"] = der + bytes(1100)  # [C5] 8: 1100 zero bytes appended
    # A whole check of an applet 1.8 card, one answer per command: SELECT applet, GET CARD DATA,
    # SELECT 3F00 DF01 4031, the identity file, then SELECT 3F00 DF00 50xx and the certificate
    # for 5038, 5039 and 503A (real roots stand in: the chain is refused, the parsing is done),
    # then GET CARD DATA P2=01.
    ok = answer(b"")
    script = ok + answer(card_data(0x18, 0)) + ok * 3 + read_whole(identity("1.8"))
    for der in (ders * 3)[:3]:
        script += ok * 3 + read_certificate(der + bytes(1100), len(der))
    script += answer(card_data(0x18, 1))
    seeds["check-1.8"] = script
    # A signing session ([M1.8] 6.12, 6.9, 6.13, 6.1): SELECT applet, GET CARD DATA, MSE SET,
    # VERIFY, PSO CDS answering 61 60 (96 bytes wait, T=0), GET RESPONSE with r || s, then SELECT
    # 3F00 DF00 5038 by path and the certificate.
    signature = bytes(range(96))
    seeds["sign-1.8"] = (ok + answer(card_data(0x18, 0)) + ok * 2 + answer(b"", b"\x61\x60")
                         + answer(signature) + ok + read_certificate(ders[0] + bytes(1100), len(ders[0])))
    # Applet 1.7 ([M1.7] 6.7, 6.5, 6.8, 6.1): RSA 2048, 61 00 (256 bytes), fetched in two parts
    # (chaining, [M1.8] 6.2.3: 61 xx after each part) since one scripted answer holds 255 bytes.
    rsa = bytes(range(256))
    seeds["sign-1.7"] = (ok + answer(card_data(0x17, 0)) + ok * 2 + answer(b"", b"\x61\x00")
                         + answer(rsa[:128], b"\x61\x80") + answer(rsa[128:]))
    seeds["sign-wrong-pin"] = ok + answer(card_data(0x18, 0)) + ok + answer(b"", b"\x63\xc2")
    seeds["sign-no-key"] = ok + answer(card_data(0x18, 0)) + answer(b"", b"\x6a\x88")
    for name, data in seeds.items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the IPFIX files of the net_*ipfix* end-to-end cases into tests/e2e/data/net/ and the seeds of the
fuzz target into tests/fuzz/corpus/ipfix/ (standard library only).

    python3 tests/e2e/data/generate_ipfix.py

IPFIX (RFC 7011; biflow elements RFC 5103) is written by hand with struct, so the files are byte-for-byte
reproducible and the reader is checked against an encoder other than libfixbuf's:
- flows.ipfix       message 1: templates 256 (uniflow IPv4, yaf's millisecond times and delta counts),
                    257 (biflow IPv6, total counts with their reverse elements, PEN 29305) and options template
                    258 (exporter statistics); message 2: three uniflows from 100.64.0.11 (to the pool address
                    185.71.66.39:9999, an hour of small packets), 100.64.0.12 (an hour of small packets to
                    203.0.113.9:443) and 100.64.0.14 (an Ethereum node port), an options record; message 3: a
                    biflow 2001:db8::5 <-> 2001:db8::77:14433 of half an hour.
- truncated.ipfix   flows.ipfix cut 7 bytes into its third message.
- noports.ipfix     a template without destinationTransportPort and one record of it.
"""
import os
import shutil
import socket
import struct

ROOT = os.path.dirname(os.path.abspath(__file__))
NET = os.path.join(ROOT, "net")
CORPUS = os.path.join(ROOT, "..", "..", "fuzz", "corpus", "ipfix")
T0 = 1767225600  # 2026-01-01T00:00:00Z
REVERSE_PEN = 29305

# (element id, length[, enterprise number])
START_MS, END_MS = (152, 8), (153, 8)
OCTETS, PACKETS = (1, 8), (2, 8)
OCTETS_TOTAL, PACKETS_TOTAL = (85, 8), (86, 8)
REV_OCTETS_TOTAL, REV_PACKETS_TOTAL = (85, 8, REVERSE_PEN), (86, 8, REVERSE_PEN)
SRC4, DST4, SRC6, DST6 = (8, 4), (12, 4), (27, 16), (28, 16)
SPORT, DPORT, PROTO = (7, 2), (11, 2), (4, 1)
DOMAIN_ID, EXPORTED_FLOWS = (149, 4), (42, 8)


def field_specs(fields):
    out = b""
    for f in fields:
        if len(f) == 3:
            out += struct.pack("!HHI", f[0] | 0x8000, f[1], f[2])
        else:
            out += struct.pack("!HH", f[0], f[1])
    return out


def template_set(templates):
    body = b"".join(struct.pack("!HH", tid, len(fields)) + field_specs(fields) for tid, fields in templates)
    return struct.pack("!HH", 2, 4 + len(body)) + body


def options_template_set(tid, fields, scope_count):
    body = struct.pack("!HHH", tid, len(fields), scope_count) + field_specs(fields)
    return struct.pack("!HH", 3, 4 + len(body)) + body


def data_set(tid, records):
    body = b"".join(records)
    return struct.pack("!HH", tid, 4 + len(body)) + body


def message(sets, sequence):
    body = b"".join(sets)
    return struct.pack("!HHIII", 10, 16 + len(body), T0 + 3600, sequence, 1) + body


def v4(text):
    return socket.inet_pton(socket.AF_INET, text)


def v6(text):
    return socket.inet_pton(socket.AF_INET6, text)


def uniflow(src, dst, port, start, seconds, octets, packets):
    return struct.pack("!QQQQ4s4sHHB", start * 1000, (start + seconds) * 1000, octets, packets, v4(src), v4(dst),
                       40000, port, 6)


UNIFLOW4 = [START_MS, END_MS, OCTETS, PACKETS, SRC4, DST4, SPORT, DPORT, PROTO]
BIFLOW6 = [START_MS, END_MS, OCTETS_TOTAL, PACKETS_TOTAL, REV_OCTETS_TOTAL, REV_PACKETS_TOTAL, SRC6, DST6, SPORT,
           DPORT, PROTO]


def flows_ipfix():
    templates = message([template_set([(256, UNIFLOW4), (257, BIFLOW6)]),
                         options_template_set(258, [DOMAIN_ID, EXPORTED_FLOWS], 1)], 0)
    uniflows = message([data_set(256, [uniflow("100.64.0.11", "185.71.66.39", 9999, T0, 3600, 52000, 400),
                                       uniflow("100.64.0.12", "203.0.113.9", 443, T0, 3600, 90000, 600),
                                       uniflow("100.64.0.14", "203.0.113.50", 30303, T0, 3600, 90000, 600)]),
                        data_set(258, [struct.pack("!IQ", 1, 4)])], 0)
    biflow = struct.pack("!QQQQQQ16s16sHHB", T0 * 1000, (T0 + 1800) * 1000, 30000, 200, 22000, 190,
                         v6("2001:db8::5"), v6("2001:db8::77"), 50000, 14433, 6)
    biflows = message([data_set(257, [biflow])], 4)  # 4 data records (3 flows, 1 options) before it
    return [templates, uniflows, biflows]


def noports_ipfix():
    fields = [START_MS, END_MS, OCTETS, PACKETS, SRC4, DST4, PROTO]
    record = struct.pack("!QQQQ4s4sB", T0 * 1000, (T0 + 60) * 1000, 100, 2, v4("100.64.0.20"), v4("192.0.2.1"), 6)
    return message([template_set([(300, fields)]), data_set(300, [record])], 0)


def main():
    os.makedirs(NET, exist_ok=True)
    os.makedirs(CORPUS, exist_ok=True)
    messages = flows_ipfix()
    flows = b"".join(messages)
    third = len(messages[0]) + len(messages[1])
    files = {"flows.ipfix": flows, "truncated.ipfix": flows[:third + 7], "noports.ipfix": noports_ipfix()}
    for name, data in files.items():
        with open(os.path.join(NET, name), "wb") as f:
            f.write(data)
        shutil.copyfile(os.path.join(NET, name), os.path.join(CORPUS, name))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a large pcap for the network scan throughput benchmark (bench/net_throughput.sh); standard library only.

    net_capture.py generate --out F.pcap [--packets N] [--clients N] [--seed S]
    net_capture.py replay --out F.pcap [--dir ../shared/data/pcap] [--copies N]

generate: a synthetic ISP-edge mix, Ethernet/IPv4 (10 % IPv6), connections interleaved in time as on a real
link. New connections arrive at a steady rate, each a script of packets with correct TCP sequence numbers:
  web        HTTP on 80 or TLS on 443 (ClientHello with SNI), downloads of 2 kB to ~2 MB in 1,448-byte
             segments acknowledged every second segment: most of the bytes
  interactive SSH-like exchanges of 40-300-byte segments on port 22
  dns        a UDP query and its answer
  udp        QUIC- or media-like UDP streams of 80-1,250-byte datagrams
  stratum    a Stratum mining session (subscribe, authorize, set_difficulty, then notify / submit lines as
             tests/e2e/data/generate_pcaps.py writes them), or a Monero-style login/job/submit session
Payloads other than the protocol headers are slices of one random buffer. Timing is compressed (a mining
session sends a message every 0.1-1 s, not every 30 s) so that mining flows carry a realistic share of the
packets of a capture a few minutes long; the scan's throughput does not depend on the timestamps.

replay: the labelled real captures (all Ethernet) written --copies times, each copy with its IPv4 and IPv6
addresses XOR-ed with the copy number (bytes 2-3 of each address; the IPv4 header checksum is recomputed) so
that copies are distinct flows, ports unchanged (they carry the protocols: 53, 3333, 8333 ...). Copy k starts
k minutes after the first and the copies are merged in time order. Exits 3 with a message when the directory is absent, so the caller can skip.

Both print one JSON line: packets, bytes on the wire (the frames' original lengths) and the mix. TCP and UDP
checksums are left zero (no reader in the benchmark verifies them).
"""
import argparse
import heapq
import ipaddress
import json
import os
import random
import struct
import sys

T0 = 1767225600  # 2026-01-01T00:00:00Z
ETHER_V4 = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00"
ETHER_V6 = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x86\xdd"


def ip_checksum(header):
    total = sum(struct.unpack("!10H", header))
    total = (total & 0xFFFF) + (total >> 16)
    total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


class PcapWriter:
    """A classic pcap (microsecond timestamps, Ethernet) written through a large buffer."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        self.chunks, self.pending = [], 0
        self.packets = self.wire_bytes = 0

    def add(self, ts, frame, wire_len=None):
        sec = int(ts)
        length = len(frame)
        self.chunks.append(struct.pack("<IIII", sec, int((ts - sec) * 1e6), length, wire_len or length))
        self.chunks.append(frame)
        self.packets += 1
        self.wire_bytes += wire_len or length
        self.pending += length
        if self.pending > 8 << 20:
            self.flush()

    def flush(self):
        self.f.write(b"".join(self.chunks))
        self.chunks, self.pending = [], 0

    def close(self):
        self.flush()
        self.f.close()


# ---------------------------------------------------------------------------------------------------------------
# generate


class Endpoint:
    """One connection's addressing; frames() turns (from_client, proto, l4 header, payload) into Ethernet."""

    def __init__(self, client, server, cport, sport, v6):
        self.client, self.server, self.cport, self.sport, self.v6 = client, server, cport, sport, v6

    def frame(self, from_client, proto, l4):
        src, dst = (self.client, self.server) if from_client else (self.server, self.client)
        if self.v6:
            return ETHER_V6 + struct.pack("!IHBB", 6 << 28, len(l4), proto, 64) + src + dst + l4
        header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 0, 0x4000, 64, proto, 0, src, dst)
        header = header[:10] + struct.pack("!H", ip_checksum(header)) + header[12:]
        return ETHER_V4 + header + l4


class Tcp(Endpoint):
    def __init__(self, *args):
        super().__init__(*args)
        self.cseq, self.sseq = random.getrandbits(32), random.getrandbits(32)

    def seg(self, from_client, flags, payload=b""):
        cport, sport = self.cport, self.sport
        if from_client:
            l4 = struct.pack("!HHIIBBHHH", cport, sport, self.cseq, self.sseq, 0x50, flags, 64240, 0, 0) + payload
            self.cseq = (self.cseq + len(payload) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF
        else:
            l4 = struct.pack("!HHIIBBHHH", sport, cport, self.sseq, self.cseq, 0x50, flags, 64240, 0, 0) + payload
            self.sseq = (self.sseq + len(payload) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF
        return self.frame(from_client, 6, l4)


def udp_frame(ep, from_client, payload):
    ports = (ep.cport, ep.sport) if from_client else (ep.sport, ep.cport)
    return ep.frame(from_client, 17, struct.pack("!HHHH", ports[0], ports[1], 8 + len(payload), 0) + payload)


class Mix:
    """The shared material of the generated sessions: addresses, names, the random payload buffer."""

    HOSTS = ["www.example.com", "cdn.example.net", "api.shop.example", "mail.example.org", "video.example.tv",
             "static.news.example", "login.bank.example", "updates.os.example", "img.social.example"]
    POOLS = ["eu1.pool.example", "xmr.pool.example", "stratum.example-pool.com"]

    def __init__(self, clients, seed):
        rng = random.Random(seed)
        self.v4_clients = [bytes([10, rng.randrange(256), rng.randrange(256), rng.randrange(1, 255)])
                           for _ in range(clients)]
        self.v6_clients = [ipaddress.IPv6Address("2001:db8:%x::%x" % (rng.randrange(65536), i + 1)).packed
                           for i in range(max(1, clients // 10))]
        self.v4_servers = [bytes([rng.randrange(11, 223), rng.randrange(256), rng.randrange(256),
                                  rng.randrange(1, 255)]) for _ in range(2000)]
        self.v6_servers = [ipaddress.IPv6Address("2001:db8:ff:%x::1" % i).packed for i in range(200)]
        self.v4_pools = [bytes([51, 79, 20, i + 1]) for i in range(12)]
        self.v6_pools = [ipaddress.IPv6Address("2001:db8:77::%x" % (i + 1)).packed for i in range(3)]
        self.noise = bytes(rng.getrandbits(8) for _ in range(1 << 16))
        # Miners are a fixed set of subscribers (a rig mines all day), a few % of the addresses.
        self.miners = rng.sample(range(clients), max(1, clients // 30))

    def blob(self, n):
        at = random.randrange(len(self.noise) - n)
        return self.noise[at:at + n]

    def endpoint(self, cls, port, pool=False, client_index=None):
        v6 = random.random() < 0.1
        if client_index is not None and not v6:
            client = self.v4_clients[client_index]
        else:
            client = random.choice(self.v6_clients if v6 else self.v4_clients)
        servers = (self.v6_pools if v6 else self.v4_pools) if pool else (self.v6_servers if v6 else self.v4_servers)
        return cls(client, random.choice(servers), random.randrange(32768, 61000), port, v6)


def client_hello(host):
    """A TLS 1.2 ClientHello with a server_name extension and a typical set of cipher suites."""
    name = host.encode()
    sni = struct.pack("!HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    extensions = sni + b"\x00\x0a\x00\x08\x00\x06\x00\x1d\x00\x17\x00\x18" + b"\x00\x0b\x00\x02\x01\x00"
    suites = b"\x13\x01\x13\x02\x13\x03\xc0\x2b\xc0\x2f\xc0\x2c\xc0\x30\xcc\xa9\xcc\xa8\xc0\x13\xc0\x14"
    body = (b"\x03\x03" + bytes(random.getrandbits(8) for _ in range(32)) + b"\x00" + struct.pack("!H", len(suites))
            + suites + b"\x01\x00" + struct.pack("!H", len(extensions)) + extensions)
    handshake = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(handshake)) + handshake


def tcp_open(s):
    yield 0.0, s.seg(True, 0x02)
    yield 0.02, s.seg(False, 0x12)
    yield 0.02, s.seg(True, 0x10)


def tcp_close(s):
    yield 0.01, s.seg(True, 0x11)
    yield 0.02, s.seg(False, 0x11)
    yield 0.02, s.seg(True, 0x10)


def download(s, mix, size, tls):
    """The server sends `size` bytes in full segments; the client acknowledges every second one."""
    sent = 0
    while sent < size:
        n = min(1448, size - sent)
        body = mix.blob(n)
        if tls and sent % 16384 == 0:
            body = b"\x17\x03\x03" + struct.pack("!H", min(16384, size - sent)) + body[5:]
        yield 0.0003, s.seg(False, 0x18 if n < 1448 else 0x10, body)
        sent += n
        if (sent // 1448) % 2 == 0 or sent >= size:
            yield 0.0002, s.seg(True, 0x10)


def web_session(mix):
    tls = random.random() < 0.7
    s = mix.endpoint(Tcp, 443 if tls else 80)
    host = random.choice(mix.HOSTS)
    yield from tcp_open(s)
    for _ in range(random.choice((1, 1, 1, 2, 3))):
        size = int(min(2_000_000, random.lognormvariate(9.5, 1.6)))  # median ~13 kB, a long tail
        if tls:
            yield 0.001, s.seg(True, 0x18, client_hello(host))
            yield 0.03, s.seg(False, 0x18, b"\x16\x03\x03\x05\x86\x02" + mix.blob(1442))
            yield 0.0003, s.seg(False, 0x18, mix.blob(1448))
            yield 0.0003, s.seg(False, 0x18, mix.blob(1200))
            yield 0.0003, s.seg(True, 0x10)
            yield 0.01, s.seg(True, 0x18, b"\x14\x03\x03\x00\x01\x01\x16\x03\x03\x00\x28" + mix.blob(40))
            yield 0.001, s.seg(True, 0x18, b"\x17\x03\x03\x01\x80" + mix.blob(384))
            tls = False  # one handshake per connection; later requests are application data
        else:
            request = (b"GET /assets/%d.js HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
                       b"Accept: */*\r\nAccept-Encoding: gzip\r\n\r\n" % (random.randrange(10**6), host.encode()))
            yield 0.001, s.seg(True, 0x18, request)
            yield 0.03, s.seg(False, 0x18, b"HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\n"
                                           b"Content-Length: %d\r\n\r\n" % size)
        yield from download(s, mix, size, s.sport == 443)
    yield from tcp_close(s)


def interactive_session(mix):
    s = mix.endpoint(Tcp, 22)
    yield from tcp_open(s)
    yield 0.01, s.seg(False, 0x18, b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
    yield 0.01, s.seg(True, 0x18, b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
    for _ in range(random.randrange(5, 120)):
        yield random.uniform(0.01, 0.5), s.seg(True, 0x18, mix.blob(random.choice((36, 52, 68, 100, 300))))
        yield 0.02, s.seg(False, 0x18, mix.blob(random.choice((36, 52, 84, 148, 1200))))
    yield from tcp_close(s)


def dns_session(mix):
    s = mix.endpoint(Endpoint, 53)
    name = random.choice(mix.HOSTS + mix.POOLS)
    qname = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    ident = random.getrandbits(16)
    query = struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + qname + b"\x00\x01\x00\x01"
    answer = (struct.pack("!HHHHHH", ident, 0x8180, 1, 1, 0, 0) + qname + b"\x00\x01\x00\x01"
              + b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + random.choice(mix.v4_servers))
    yield 0.0, udp_frame(s, True, query)
    yield 0.015, udp_frame(s, False, answer)


def udp_session(mix):
    s = mix.endpoint(Endpoint, random.choice((443, 443, 3478, 5004)))
    for _ in range(random.randrange(10, 400)):
        up = random.random() < 0.3
        yield random.uniform(0.001, 0.03), udp_frame(s, up, mix.blob(random.randrange(80, 1250)))


def stratum_session(mix, miner=None, in_progress=False):
    """A rig's session with its pool; `in_progress`: it was open before the capture began (no handshake)."""
    miner = random.choice(mix.miners) if miner is None else miner
    s = mix.endpoint(Tcp, random.choice((3333, 4444, 14444)), pool=True, client_index=miner)
    if not in_progress:
        yield from tcp_open(s)
    if random.random() < 0.7:
        if not in_progress:
            yield 0.1, s.seg(True, 0x18, b'{"id":1,"method":"mining.subscribe","params":["cpuminer/2.5"]}\n')
            yield 0.05, s.seg(False, 0x18, b'{"id":1,"result":[[["mining.notify","ae68"]],"08000002",4],'
                                           b'"error":null}\n')
            yield 0.05, s.seg(True, 0x18, b'{"id":2,"method":"mining.authorize","params":["wallet.rig1","x"]}\n')
            yield 0.05, s.seg(False, 0x18, b'{"id":2,"result":true,"error":null}\n'
                                           b'{"id":null,"method":"mining.set_difficulty","params":[16]}\n')
        for k in range(random.randrange(20, 300)):
            job = mix.blob(32).hex().encode()
            yield random.uniform(0.1, 1.0), s.seg(False, 0x18, b'{"id":null,"method":"mining.notify","params":["%d",'
                                                  b'"%s","01000000","02000000",[],"20000000","1d00ffff","6","%s"]}\n'
                                                  % (k, job, b"true" if k % 10 == 0 else b"false"))
            yield 0.04, s.seg(True, 0x10)
            if random.random() < 0.3:
                yield random.uniform(0.01, 0.5), s.seg(True, 0x18, b'{"id":%d,"method":"mining.submit","params":'
                                                       b'["wallet.rig1","%d","00000000","6","00ff%04x"]}\n'
                                                       % (10 + k, k, random.getrandbits(16)))
                yield 0.04, s.seg(False, 0x18, b'{"id":%d,"result":true,"error":null}\n' % (10 + k))
    else:  # Monero-style Stratum (xmrig)
        if not in_progress:
            yield 0.1, s.seg(True, 0x18, b'{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"4AdUnd",'
                                         b'"pass":"x","agent":"XMRig/6.21.0","algo":["rx/0"]}}\n')
            yield 0.05, s.seg(False, 0x18, b'{"id":1,"jsonrpc":"2.0","error":null,"result":{"id":"1","job":{"blob":"'
                                           + mix.blob(76).hex().encode() + b'","job_id":"1","target":"f3220000"}}}\n')
        for k in range(random.randrange(20, 200)):
            yield random.uniform(0.1, 1.0), s.seg(False, 0x18, b'{"jsonrpc":"2.0","method":"job","params":{"blob":"'
                                                  + mix.blob(76).hex().encode()
                                                  + b'","job_id":"%d","target":"f3220000"}}\n' % k)
            yield 0.04, s.seg(True, 0x10)
            if random.random() < 0.3:
                yield 0.2, s.seg(True, 0x18, b'{"id":%d,"jsonrpc":"2.0","method":"submit","params":{"id":"1",'
                                             b'"job_id":"%d","nonce":"%08x","result":"%s"}}\n'
                                 % (k + 2, k, random.getrandbits(32), mix.blob(32).hex().encode()))
    yield from tcp_close(s)


# (kind, session, new connections per simulated second): with these rates web carries ~80 % of the bytes and
# ~80 % of the packets, mining ~2 % of the packets, DNS half of the connections; every rig (a 30th of the
# subscribers) is connected from the start.
KINDS = [("web", web_session, 400), ("interactive", interactive_session, 30), ("dns", dns_session, 700),
         ("udp", udp_session, 40), ("stratum", stratum_session, 6)]


def generate(args):
    random.seed(args.seed)
    mix = Mix(args.clients, args.seed)
    out = PcapWriter(args.out)
    total_rate = sum(rate for _, _, rate in KINDS)
    kinds = [k for k, _, _ in KINDS]
    weights = [rate for _, _, rate in KINDS]
    sessions = {k: fn for k, fn, _ in KINDS}
    started = {k: 0 for k in kinds}
    started["stratum"] = len(mix.miners)
    packets_by = {k: 0 for k in kinds}
    # The heap holds (time of the session's next packet, order, kind, that packet, the session's generator),
    # the packet made one step ahead so its time is known; new connections arrive as a Poisson process, so
    # short and long sessions overlap the way they do on a real link and the timestamps only go forward.
    heap, order, next_arrival = [], 0, float(T0)
    # Every rig is already mining when the capture starts (most of them mid-session); later ones reconnect.
    for miner in mix.miners:
        gen = stratum_session(mix, miner, in_progress=random.random() < 0.7)
        delay, frame = next(gen)
        heapq.heappush(heap, (T0 + random.random() + delay, order, "stratum", frame, gen))
        order += 1
    while out.packets < args.packets:
        if not heap or next_arrival <= heap[0][0]:
            kind = random.choices(kinds, weights)[0]
            started[kind] += 1
            gen = sessions[kind](mix)
            delay, frame = next(gen)
            heapq.heappush(heap, (next_arrival + delay, order, kind, frame, gen))
            order += 1
            next_arrival += random.expovariate(total_rate)
            continue
        ts, _, kind, frame, gen = heap[0]
        out.add(ts, frame)
        packets_by[kind] += 1
        step = next(gen, None)
        if step is None:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (ts + step[0], order, kind, step[1], gen))
            order += 1
    out.close()
    return {"packets": out.packets, "wire_bytes": out.wire_bytes, "connections_started": started,
            "packets_by_kind": packets_by}


# ---------------------------------------------------------------------------------------------------------------
# replay


def read_capture(path):
    """(ts, frame, wire length) of a pcap or pcapng file with Ethernet frames."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data)[0]
    frames = []
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        scale = 1e-6 if magic == 0xA1B2C3D4 else 1e-9
        if struct.unpack_from("<I", data, 20)[0] != 1:
            raise SystemExit(f"{path}: not Ethernet")
        at = 24
        while at + 16 <= len(data):
            sec, frac, caplen, wire = struct.unpack_from("<IIII", data, at)
            frames.append((sec + frac * scale, data[at + 16:at + 16 + caplen], wire))
            at += 16 + caplen
        return frames
    if magic != 0x0A0D0D0A:
        raise SystemExit(f"{path}: not a little-endian pcap or pcapng")
    at, scales = 0, []
    while at + 12 <= len(data):
        kind, length = struct.unpack_from("<II", data, at)
        if kind == 1:  # interface description: link type, then options (if_tsresol = 9)
            if struct.unpack_from("<H", data, at + 8)[0] != 1:
                raise SystemExit(f"{path}: not Ethernet")
            scale, opt = 1e-6, at + 16
            while opt + 4 <= at + length - 4:
                code, olen = struct.unpack_from("<HH", data, opt)
                if code == 0:
                    break
                if code == 9:
                    r = data[opt + 4]
                    scale = 2.0 ** -(r & 0x7F) if r & 0x80 else 10.0 ** -r
                opt += 4 + olen + (-olen % 4)
            scales.append(scale)
        elif kind == 6:  # enhanced packet
            iface, hi, lo, caplen, wire = struct.unpack_from("<IIIII", data, at + 8)
            frames.append((((hi << 32) | lo) * scales[iface], data[at + 28:at + 28 + caplen], wire))
        at += length
    return frames


def ip_offset(frame):
    """Offset of the IP header in an Ethernet frame (802.1Q/802.1ad tags, PPPoE) and its version, or None."""
    at, etype = 14, struct.unpack_from("!H", frame, 12)[0] if len(frame) >= 14 else 0
    while etype in (0x8100, 0x88A8) and len(frame) >= at + 4:
        etype, at = struct.unpack_from("!H", frame, at + 2)[0], at + 4
    if etype == 0x8864 and len(frame) >= at + 8:
        ppp = struct.unpack_from("!H", frame, at + 6)[0]
        etype, at = {0x0021: 0x0800, 0x0057: 0x86DD}.get(ppp, 0), at + 8
    if etype == 0x0800 and len(frame) >= at + 20:
        return at, 4
    if etype == 0x86DD and len(frame) >= at + 40:
        return at, 6
    return None


def shifted(frame, copy):
    """The frame with bytes 2-3 of its source and destination addresses XOR-ed with `copy`."""
    where = ip_offset(frame)
    if where is None or copy == 0:
        return frame
    at, version = where
    out = bytearray(frame)
    hi, lo = copy >> 8, copy & 0xFF
    for addr in ((at + 12, at + 16) if version == 4 else (at + 8, at + 24)):
        out[addr + 2] ^= hi
        out[addr + 3] ^= lo
    if version == 4:
        ihl = (out[at] & 0x0F) * 4
        if ihl == 20:
            out[at + 10:at + 12] = b"\0\0"
            out[at + 10:at + 12] = struct.pack("!H", ip_checksum(bytes(out[at:at + 20])))
    return bytes(out)


COPY_STEP_S = 60  # copy k starts k minutes after the first


def replay(args):
    labels = os.path.join(args.dir, "labels.csv")
    if not os.path.isfile(labels):
        print(f"net_capture: {labels} not found; replay skipped", file=sys.stderr)
        sys.exit(3)
    with open(labels, encoding="utf-8") as f:
        files = [line.split(",")[0] for line in f.read().splitlines()[1:] if line]
    # One copy: every capture moved to start at 0, merged in time order (they come from different years).
    merged = []
    for name in files:
        frames = read_capture(os.path.join(args.dir, name))
        if frames:
            first = frames[0][0]
            merged += [(ts - first, frame, wire) for ts, frame, wire in frames]
    merged.sort(key=lambda f: f[0])

    # Copies overlap in time, as many subscribers do (two of the captures span a year and more, so copies
    # one after another would overflow pcap's 32-bit seconds); they are merged into one time order.
    def copy_frames(copy):
        base = T0 + COPY_STEP_S * copy
        for ts, frame, wire in merged:
            yield base + ts, copy, frame, wire

    out = PcapWriter(args.out)
    for ts, copy, frame, wire in heapq.merge(*(copy_frames(c) for c in range(args.copies)),
                                             key=lambda f: (f[0], f[1])):
        out.add(ts, shifted(frame, copy), wire)
    out.close()
    return {"packets": out.packets, "wire_bytes": out.wire_bytes, "captures": len(files), "copies": args.copies,
            "packets_per_copy": len(merged)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    g = sub.add_parser("generate", help="a synthetic mix")
    g.add_argument("--out", required=True)
    g.add_argument("--packets", type=int, default=2_000_000)
    g.add_argument("--clients", type=int, default=5000, help="subscriber IPv4 addresses (IPv6: a tenth)")
    g.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("replay", help="the labelled real captures, many times")
    r.add_argument("--out", required=True)
    r.add_argument("--dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                                                  "data", "pcap"))
    r.add_argument("--copies", type=int, default=200)
    args = ap.parse_args()
    if args.mode == "replay" and not 0 < args.copies <= 65536:
        ap.error("--copies must be 1 to 65536 (the copy number is XOR-ed into 16 bits of each address)")
    summary = generate(args) if args.mode == "generate" else replay(args)
    summary["file"] = args.out
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the tiny captures of the net_* end-to-end cases into tests/e2e/data/net/ (standard library only).

    python3 tests/e2e/data/generate_pcaps.py

The pcap and pcapng formats are written by hand with struct, so the files are byte-for-byte reproducible:
- stratum.pcap     Ethernet/IPv4/TCP: 10.0.0.5 opens 51.79.20.7:3333, mining.subscribe, mining.authorize,
                   mining.set_difficulty, then 12 minutes of mining.notify and 6 mining.submit (one split across
                   two segments, one retransmitted); plus 10.0.0.9 fetching a web page (not mining).
- bitcoin.pcap     Ethernet/IPv4/TCP: 10.0.0.7 and 10.0.0.8 exchange Bitcoin P2P version/verack/inv with nodes
                   on port 8333 (node traffic, not mining).
- pool_tls.pcapng  pcapng, raw IPv6 (link type 101): a DNS answer names 2001:db8::77 as xmr-eu1.nanopool.org,
                   then 2001:db8::5 talks TLS application data to it on port 14433 (a pool endpoint, encrypted).
- truncated.pcap   stratum.pcap cut in the middle of its 9th record.
- garbage.pcap     not a capture at all.
"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "net")
T0 = 1767225600  # 2026-01-01T00:00:00Z


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(src, dst, proto, payload):
    addr = lambda a: bytes(int(x) for x in a.split("."))
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0x4000, 64, proto, 0, addr(src), addr(dst))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def ipv6(src, dst, proto, payload):
    import ipaddress
    return (struct.pack("!IHBB", 6 << 28, len(payload), proto, 64) + ipaddress.IPv6Address(src).packed
            + ipaddress.IPv6Address(dst).packed + payload)


def tcp(sport, dport, seq, ack, flags, payload=b""):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def ether(ip_packet, ethertype=0x0800):
    return b"\x02\0\0\0\0\x01" + b"\x02\0\0\0\0\x02" + struct.pack("!H", ethertype) + ip_packet


def write_pcap(path, frames, link_type=1):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link_type))
        for ts, frame in frames:
            f.write(struct.pack("<IIII", int(ts), int(round((ts % 1) * 1e6)), len(frame), len(frame)))
            f.write(frame)


def write_pcapng(path, frames, link_type):
    def block(kind, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", kind, len(body) + 12) + body + struct.pack("<I", len(body) + 12)
    with open(path, "wb") as f:
        f.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        f.write(block(0x00000001, struct.pack("<HHI", link_type, 0, 65535)))
        for ts, frame in frames:
            micros = int(round(ts * 1e6))
            f.write(block(0x00000006, struct.pack("<IIIII", 0, micros >> 32, micros & 0xFFFFFFFF, len(frame),
                                                  len(frame)) + frame))


class TcpSession:
    """Frames of one TCP connection with correct sequence numbers (handshake included)."""

    def __init__(self, client, cport, server, sport, wrap=ether, ip=ipv4):
        self.c, self.cp, self.s, self.sp, self.wrap, self.ip = client, cport, server, sport, wrap, ip
        self.cseq, self.sseq = 1000, 5000
        self.frames = []

    def frame(self, ts, from_client, flags, payload=b"", seq=None):
        src, sp, dst, dp = (self.c, self.cp, self.s, self.sp) if from_client else (self.s, self.sp, self.c, self.cp)
        own = self.cseq if from_client else self.sseq
        other = self.sseq if from_client else self.cseq
        self.frames.append((ts, self.wrap(self.ip(src, dst, 6, tcp(sp, dp, own if seq is None else seq, other,
                                                                     flags, payload)))))

    def open(self, ts):
        self.frame(ts, True, 0x02)
        self.cseq += 1
        self.frame(ts + 0.01, False, 0x12)
        self.sseq += 1
        self.frame(ts + 0.02, True, 0x10)

    def send(self, ts, from_client, payload):
        self.frame(ts, from_client, 0x18, payload)
        if from_client:
            self.cseq += len(payload)
        else:
            self.sseq += len(payload)


def stratum_frames():
    s = TcpSession("10.0.0.5", 50000, "51.79.20.7", 3333)
    s.open(T0)
    s.send(T0 + 1, True, b'{"id":1,"method":"mining.subscribe","params":["cpuminer/2.5"]}\n')
    s.send(T0 + 1.1, False, b'{"id":1,"result":[[["mining.notify","ae68"]],"08000002",4],"error":null}\n')
    s.send(T0 + 1.2, True, b'{"id":2,"method":"mining.authorize","params":["wallet.rig1","x"]}\n')
    s.send(T0 + 1.3, False, b'{"id":2,"result":true,"error":null}\n'
                            b'{"id":null,"method":"mining.set_difficulty","params":[16]}\n')
    shares = 0
    for minute in range(12):
        t = T0 + 60 * (minute + 1)
        s.send(t, False, b'{"id":null,"method":"mining.notify","params":["%d","00","01","02",[],"2","1d","6","1"]}\n'
               % minute)
        if minute % 2 == 1:
            msg = b'{"id":%d,"method": "mining.submit","params":["wallet.rig1","%d","0000","6","00ff"]}\n' % (
                10 + minute, minute)
            if shares == 1:  # cut inside the method name: the scanner must carry the tail across segments
                s.send(t + 5, True, msg[:24])
                s.send(t + 5.1, True, msg[24:])
            else:
                s.send(t + 5, True, msg)
            if shares == 2:  # a retransmission must not count twice
                s.frame(t + 5.5, True, 0x18, msg, seq=s.cseq - len(msg))
            shares += 1
            s.send(t + 6, False, b'{"id":%d,"result":true,"error":null}\n' % (10 + minute))
    web = TcpSession("10.0.0.9", 40000, "93.184.216.34", 80)
    web.open(T0 + 30)
    web.send(T0 + 30.1, True, b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")
    web.send(T0 + 30.2, False, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
    return sorted(s.frames + web.frames, key=lambda f: f[0])


def bitcoin_message(command, payload):
    import hashlib
    digest = hashlib.sha256(hashlib.sha256(payload).digest()).digest()
    return b"\xf9\xbe\xb4\xd9" + command.ljust(12, b"\0") + struct.pack("<I", len(payload)) + digest[:4] + payload


def bitcoin_frames():
    frames = []
    for i, client in enumerate(["10.0.0.7", "10.0.0.8"]):
        s = TcpSession(client, 51000 + i, "198.51.100.%d" % (10 + i), 8333)
        s.open(T0 + i)
        version = struct.pack("<iQq", 70016, 1, T0) + b"\0" * 60 + b"\x10/Satoshi:26.0.0/" + struct.pack("<i?", 0, True)
        s.send(T0 + i + 1, True, bitcoin_message(b"version", version))
        s.send(T0 + i + 1.1, False, bitcoin_message(b"version", version))
        s.send(T0 + i + 1.2, True, bitcoin_message(b"verack", b""))
        for k in range(20):  # 10 minutes of small inv messages: node chatter, not the mining pattern
            s.send(T0 + i + 30 * (k + 1), False, bitcoin_message(b"inv", b"\x01" + struct.pack("<I", 1) + bytes(32)))
            s.send(T0 + i + 30 * (k + 1) + 1, True, bitcoin_message(b"inv", b"\x01" + struct.pack("<I", 1) + bytes(32)))
        frames += s.frames
    return sorted(frames, key=lambda f: f[0])


def dns_response(name, address_v6):
    import ipaddress
    qname = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    header = struct.pack("!HHHHHH", 0x1234, 0x8180, 1, 1, 0, 0)
    question = qname + struct.pack("!HH", 28, 1)
    answer = b"\xc0\x0c" + struct.pack("!HHIH", 28, 1, 300, 16) + ipaddress.IPv6Address(address_v6).packed
    return header + question + answer


def pool_tls_frames():
    raw = lambda packet: packet
    frames = [(T0, ipv6("2001:db8::53", "2001:db8::5", 17, udp(53, 53000, dns_response("xmr-eu1.nanopool.org",
                                                                                       "2001:db8::77"))))]
    s = TcpSession("2001:db8::5", 52000, "2001:db8::77", 14433, wrap=raw, ip=ipv6)
    s.open(T0 + 1)
    for k in range(10):  # encrypted records: the content says nothing, the endpoint does
        s.send(T0 + 2 + 30 * k, True, b"\x17\x03\x03\x00\x20" + bytes(range(32)))
        s.send(T0 + 3 + 30 * k, False, b"\x17\x03\x03\x00\x40" + bytes(range(64)))
    return frames + s.frames


def main():
    os.makedirs(HERE, exist_ok=True)
    path = lambda name: os.path.join(HERE, name)
    write_pcap(path("stratum.pcap"), stratum_frames())
    write_pcap(path("bitcoin.pcap"), bitcoin_frames())
    write_pcapng(path("pool_tls.pcapng"), pool_tls_frames(), link_type=101)
    with open(path("stratum.pcap"), "rb") as f:
        data = f.read()
    at = 24
    for _ in range(8):
        at += 16 + struct.unpack_from("<I", data, at + 8)[0]
    with open(path("truncated.pcap"), "wb") as f:
        f.write(data[: at + 16 + 20])
    with open(path("garbage.pcap"), "wb") as f:
        f.write(b"ts,src_ip,dst_ip\nthis is not a capture file\n")


if __name__ == "__main__":
    main()

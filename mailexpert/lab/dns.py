"""An authoritative DNS server for the lab (dnspython on asyncio, UDP and TCP).

It answers for the whole ``test.`` TLD from :func:`mailexpert.lab.plan.zone_records`:
A, AAAA, MX, SRV, TXT, NS, SOA and CNAME (chased within the data, as an authoritative
server adds the target's records). A name that does not exist is NXDOMAIN, a name that
exists without the asked type is NODATA (NOERROR, empty answer, SOA in authority), and a
name outside ``test.`` is REFUSED.

Faults (:mod:`mailexpert.lab.faults`, layer ``dns``) act per server or per name:
servfail, refused, timeout (silence), slow, nxdomain, wrong answer (a loopback sinkhole)
and down (nothing listens). Whatever the faults, a name whose first label is
``servfail``, ``refused``, ``timeout`` or ``slow`` always behaves so, which lets a test
reach every failure through one healthy server.

Two instances run at once in a lab: the "system" resolver and a "reference" resolver.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import struct
from collections import defaultdict
from collections.abc import Coroutine, Iterable
from typing import Any

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from mailexpert.errors import LabError
from mailexpert.lab.faults import Fault
from mailexpert.lab.loop import close_server
from mailexpert.lab.plan import DNS_ROOT, Record

log = logging.getLogger("mailexpert.lab")

TCP_IDLE = 10.0
SLOW_LABEL_DELAY = 2.0
SPECIAL_LABELS = ("servfail", "refused", "timeout", "slow")


class ZoneData:
    """Record sets by (name, type), with the apex of each zone for negative answers."""

    def __init__(self, records: Iterable[Record], root: str = DNS_ROOT) -> None:
        self.root = dns.name.from_text(root)
        grouped: dict[tuple[dns.name.Name, dns.rdatatype.RdataType], list[str]] = defaultdict(list)
        ttls: dict[tuple[dns.name.Name, dns.rdatatype.RdataType], int] = {}
        for rec in records:
            key = (dns.name.from_text(rec.name), dns.rdatatype.from_text(rec.rrtype))
            grouped[key].append(rec.value)
            ttls[key] = rec.ttl
        self.rrsets: dict[tuple[dns.name.Name, dns.rdatatype.RdataType], dns.rrset.RRset] = {
            key: dns.rrset.from_text_list(key[0], ttls[key], dns.rdataclass.IN, key[1], values)
            for key, values in grouped.items()
        }
        self.names = {name for name, _ in self.rrsets}
        self.apexes = sorted(
            (name for name, rdtype in self.rrsets if rdtype == dns.rdatatype.SOA), key=len, reverse=True
        )

    def in_root(self, name: dns.name.Name) -> bool:
        return name.is_subdomain(self.root)

    def exists(self, name: dns.name.Name) -> bool:
        # An empty non-terminal (e.g. _tcp.example.test) exists too.
        return name in self.names or any(n.is_subdomain(name) for n in self.names)

    def soa_for(self, name: dns.name.Name) -> dns.rrset.RRset | None:
        for apex in self.apexes:
            if name.is_subdomain(apex):
                return self.rrsets[(apex, dns.rdatatype.SOA)]
        return None

    def resolve(self, name: dns.name.Name, rdtype: dns.rdatatype.RdataType) -> tuple[dns.rcode.Rcode, list[dns.rrset.RRset]]:
        """(rcode, answer rrsets), following CNAMEs inside the data."""
        answer: list[dns.rrset.RRset] = []
        for _ in range(8):
            if rdtype == dns.rdatatype.ANY:
                found = [rr for (n, _t), rr in self.rrsets.items() if n == name]
                return (dns.rcode.NOERROR if found or self.exists(name) else dns.rcode.NXDOMAIN), answer + found
            if (name, rdtype) in self.rrsets:
                answer.append(self.rrsets[(name, rdtype)])
                return dns.rcode.NOERROR, answer
            cname = self.rrsets.get((name, dns.rdatatype.CNAME))
            if cname is not None and rdtype != dns.rdatatype.CNAME:
                answer.append(cname)
                name = cname[0].target
                if not self.in_root(name):
                    return dns.rcode.NOERROR, answer
                continue
            return (dns.rcode.NOERROR if self.exists(name) else dns.rcode.NXDOMAIN), answer
        return dns.rcode.SERVFAIL, []  # a CNAME loop

    def addresses(self, name: str, rdtype: str = "A") -> list[str]:
        """Addresses of ``name`` in the data (used by the proxy's upstream map)."""
        try:
            qname = dns.name.from_text(name)
        except dns.exception.DNSException:
            return []
        rcode, rrsets = self.resolve(qname, dns.rdatatype.from_text(rdtype))
        if rcode != dns.rcode.NOERROR:
            return []
        return [rd.address for rr in rrsets if rr.rdtype == dns.rdatatype.from_text(rdtype) for rd in rr]


class _UDP(asyncio.DatagramProtocol):
    def __init__(self, server: DNSServer) -> None:
        self.server = server
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.server.spawn(self._answer(data, addr))

    async def _answer(self, data: bytes, addr: tuple[str, int]) -> None:
        wire = await self.server.handle(data, udp=True)
        if wire is not None and self.transport is not None and not self.transport.is_closing():
            self.transport.sendto(wire, addr)


class DNSServer:
    """One lab resolver on ``address`` (UDP and TCP on the same ephemeral port, or on ``port``:
    53 for a program that reads its resolver from resolv.conf, which has no port)."""

    def __init__(self, name: str, address: str, zone: ZoneData, faults: Iterable[Fault] = (), port: int = 0) -> None:
        self.name = name
        self.address = address
        self.zone = zone
        self.faults = tuple(faults)
        self.queries = 0
        self.port = 0
        self._wanted_port = port  # 0: any free port
        self.down = any(f.kind == "dns-down" and f.name is None for f in self.faults)
        self._udp: asyncio.DatagramTransport | None = None
        self._tcp: asyncio.base_events.Server | None = None
        self._placeholders: list[socket.socket] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:
        return f"<DNSServer {self.name} {self.endpoint}{' down' if self.down else ''}>"

    @property
    def endpoint(self) -> str:
        return f"{self.address}:{self.port}"

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def start(self) -> None:
        if self.down:
            self._reserve_dead_port()
            return
        loop = asyncio.get_running_loop()
        for _ in range(5):  # the UDP port may be taken for TCP: try another
            transport, _ = await loop.create_datagram_endpoint(lambda: _UDP(self),
                                                               local_addr=(self.address, self._wanted_port))
            port = transport.get_extra_info("sockname")[1]
            try:
                self._tcp = await asyncio.start_server(self._tcp_client, self.address, port)
            except OSError:
                transport.close()
                continue
            self._udp = transport
            self.port = port
            return
        raise LabError(f"{self.name}: no free port on {self.address}")

    def _reserve_dead_port(self) -> None:
        """A port where nothing answers: UDP port unreachable (ICMP), TCP bound but not listening (RST).

        The UDP port stays held by a socket connected to port 1 of its own address: the kernel
        gives such a socket only datagrams from there, so a query from any other port still
        gets "port unreachable", and no other socket (another lab's resolver) can take the
        port while this one is meant to be dead."""
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind((self.address, 0))
        udp.connect((self.address, 1))
        self.port = udp.getsockname()[1]
        self._placeholders.append(udp)
        hold = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            hold.bind((self.address, self.port))
        except OSError:
            hold.close()
            return
        self._placeholders.append(hold)

    async def stop(self) -> None:
        if self._udp is not None:
            self._udp.close()
        if self._tcp is not None:
            await close_server(self._tcp, self._tasks)
        else:
            for task in list(self._tasks):
                task.cancel()
            if self._tasks:
                await asyncio.wait(list(self._tasks), timeout=2.0)
        for sock in self._placeholders:
            sock.close()
        self._placeholders.clear()

    async def _tcp_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while True:
                head = await asyncio.wait_for(reader.readexactly(2), TCP_IDLE)
                (size,) = struct.unpack("!H", head)
                data = await asyncio.wait_for(reader.readexactly(size), TCP_IDLE)
                wire = await self.handle(data, udp=False)
                if wire is not None:
                    writer.write(struct.pack("!H", len(wire)) + wire)
                    await asyncio.wait_for(writer.drain(), TCP_IDLE)
        except (asyncio.IncompleteReadError, TimeoutError, ConnectionError, OSError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    # -- answering ---------------------------------------------------------------------
    def _fault_for(self, qname: dns.name.Name) -> tuple[str, object, bool] | None:
        """(kind, value, whether the fault names this query's name) of the fault that applies."""
        first = qname.labels[0].decode("ascii", "replace").lower() if qname.labels and qname.labels[0] else ""
        if first in SPECIAL_LABELS and self.zone.in_root(qname):
            return ("dns-" + first, SLOW_LABEL_DELAY if first == "slow" else None, True)
        chosen = None
        for fault in self.faults:
            if fault.name is not None and dns.name.from_text(fault.name) != qname:
                continue
            chosen = (fault.kind, fault.effective_value, fault.name is not None)
        return chosen

    async def handle(self, data: bytes, *, udp: bool) -> bytes | None:
        self.queries += 1
        try:
            query = dns.message.from_wire(data)
        except dns.exception.DNSException:
            return None  # junk: a real server drops it too
        if query.opcode() != dns.opcode.QUERY or len(query.question) != 1:
            reply = dns.message.make_response(query)
            reply.set_rcode(dns.rcode.NOTIMP if query.opcode() != dns.opcode.QUERY else dns.rcode.FORMERR)
            return reply.to_wire()
        question = query.question[0]
        qname = question.name
        fault = self._fault_for(qname)
        kind = fault[0] if fault else None
        if kind in ("dns-timeout", "dns-down"):
            return None
        if kind == "dns-slow":
            await asyncio.sleep(float(fault[1] or SLOW_LABEL_DELAY))  # type: ignore[index, arg-type]
        reply = dns.message.make_response(query)
        reply.flags |= dns.flags.AA | dns.flags.RA
        if kind == "dns-servfail":
            reply.set_rcode(dns.rcode.SERVFAIL)
        elif kind == "dns-refused" or not self.zone.in_root(qname):
            reply.set_rcode(dns.rcode.REFUSED)
        elif kind == "dns-nxdomain":
            reply.set_rcode(dns.rcode.NXDOMAIN)
            self._add_soa(reply, qname)
        else:
            self._answer(reply, qname, question.rdtype, fault)
        return self._to_wire(reply, query, udp)

    def _answer(
        self, reply: dns.message.Message, qname: dns.name.Name, rdtype: dns.rdatatype.RdataType, fault: tuple[str, object, bool] | None
    ) -> None:
        rcode, rrsets = self.zone.resolve(qname, rdtype)
        if fault and fault[0] in ("dns-wrong", "dns-stale") and rdtype == dns.rdatatype.A:
            # Server-wide poisoning rewrites names that have addresses; a named fault always answers.
            has_address = rcode == dns.rcode.NOERROR and any(rr.rdtype == dns.rdatatype.A for rr in rrsets)
            if has_address or fault[2]:
                sinkhole = dns.rrset.from_text(qname, 60, dns.rdataclass.IN, dns.rdatatype.A, str(fault[1]))
                reply.answer.append(sinkhole)
                return
        reply.set_rcode(rcode)
        reply.answer.extend(rrsets)
        if not any(rr.rdtype == rdtype for rr in rrsets) and rdtype != dns.rdatatype.ANY:
            self._add_soa(reply, qname)

    def _add_soa(self, reply: dns.message.Message, qname: dns.name.Name) -> None:
        soa = self.zone.soa_for(qname)
        if soa is not None:
            reply.authority.append(soa)

    @staticmethod
    def _to_wire(reply: dns.message.Message, query: dns.message.Message, udp: bool) -> bytes:
        limit = 65535
        if udp:
            limit = max(512, query.payload) if query.edns >= 0 else 512
        try:
            return reply.to_wire(max_size=limit)
        except dns.exception.TooBig:
            reply.answer.clear()
            reply.authority.clear()
            reply.flags |= dns.flags.TC
            return reply.to_wire()

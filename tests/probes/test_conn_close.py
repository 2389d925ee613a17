"""Closing a connection never fails, whatever state its transport is in (Pythons differ)."""

from __future__ import annotations

import asyncio

from mailexpert.account import Account
from mailexpert.collect import LOOPBACK_NETWORKS, ProbeOptions
from mailexpert.lab import Lab
from mailexpert.probes.context import ProbeContext, Transcript
from mailexpert.probes.net import Conn, unverified_context


async def _tls_conn(address: str, port: int) -> Conn:
    ctx = ProbeContext(account=Account(email="a@example.test"),
                       options=ProbeOptions(allowed_networks=LOOPBACK_NETWORKS, environ={}),
                       settings=(), deadline=asyncio.get_running_loop().time() + 10, transcript=Transcript())
    conn = await Conn.open(ctx, "test", "mail.example.test", address, port)
    await conn.start_tls(unverified_context(), server_hostname="mail.example.test")
    return conn


def test_closing_a_tls_connection_whose_transport_was_closed_twice() -> None:
    # Python 3.11.2's TLS transport drops its protocol on a second close(); abort() then
    # raised AttributeError out of Conn.close (seen as "probe discovery failed").
    with Lab() as lab:
        address, port = next((a, p) for _, logical, a, p in lab.target.connect_to if logical == 993)

        async def run() -> None:
            conn = await _tls_conn(address, port)
            conn.writer.transport.close()
            conn.writer.transport.close()
            closing = asyncio.ensure_future(conn.close())
            await asyncio.sleep(0)  # now waiting for the close to finish
            closing.cancel()  # a deadline: the transport is aborted
            try:
                await closing
            except asyncio.CancelledError:
                pass
            await conn.close()
            assert conn.closed

        asyncio.run(run())

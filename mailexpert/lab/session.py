"""The base of every lab protocol conversation: greeting, STARTTLS upgrade, login faults.

The protocol modules (:mod:`~mailexpert.lab.smtp`, :mod:`~mailexpert.lab.imap`,
:mod:`~mailexpert.lab.pop3`, :mod:`~mailexpert.lab.web`) subclass :class:`Session`; the
server (:mod:`~mailexpert.lab.server`) picks one per connection. This module sits below
both, so neither imports the other in a circle.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from mailexpert.lab import replies
from mailexpert.lab.auth import DEFAULT_MECHANISMS, OAUTH_MECHANISMS, b64encode, read_sasl_credentials
from mailexpert.lab.conn import SessionEnd

if TYPE_CHECKING:
    from collections.abc import Callable

    from mailexpert.lab.conn import Conn
    from mailexpert.lab.server import LabServer


class Session:
    """One protocol conversation on an accepted (and, for implicit TLS, upgraded) connection."""

    def __init__(self, server: LabServer, conn: Conn) -> None:
        self.server = server
        self.conn = conn
        self.faults = server.faults

    async def run(self) -> None:
        raise NotImplementedError

    async def line(self, text: str) -> None:
        await self.conn.send(text + "\r\n")

    async def read_sasl(self, mechanism: str, initial: str, *, challenge: str, aborted: str,
                        undecodable: str) -> tuple[str, str] | None:
        """The (user, secret) of one SASL exchange, in the protocol's syntax: each base64
        challenge follows ``challenge`` ("334", "+"); a client's "*" is answered ``aborted``,
        data that is not base64 ``undecodable``."""

        async def ask(text: str) -> str | None:
            await self.line(f"{challenge} {text}")
            answer = (await self.conn.readline()).decode("ascii", "replace").strip()
            if answer == "*":
                await self.line(aborted)
                return None
            return answer

        async def refuse() -> None:
            await self.line(undecodable)

        return await read_sasl_credentials(mechanism, initial, ask, refuse)

    async def send_greeting(self, text: str) -> None:
        """Send the greeting line, decorated, dripped or leaking the password as the faults say."""
        if self._echo == "greeting":
            account = self.server.account
            text += f" debug: {account.password} {_echoed(account.username, account.password)}"
        if self.faults.has("ansi"):
            head, _, rest = text.partition(" ")
            text = head + " " + replies.ANSI_DECORATION.format(text=rest)
        drip = float(self.faults.get("drip") or 0) if self.faults.has("drip") else 0.0
        await self.conn.send(text + "\r\n", drip=drip)

    async def endless(self, make_line: Callable[[int], str]) -> None:
        """Continuation lines until the client gives up (bounded by the session limit)."""
        n = 0
        while True:
            batch = "".join(make_line(n + i) + "\r\n" for i in range(50))
            n += 50
            await self.conn.send(batch)
            await asyncio.sleep(0.01)  # don't spin the lab's one loop

    async def agree(self, reply: Callable[[bytes], str]) -> None:
        """Answer every line with ``reply(line)`` (a bare success), whatever it asked."""
        while True:
            await self.conn.send(reply(await self.conn.readline()) + "\r\n")

    async def challenge_forever(self, challenge: str) -> None:
        """Answer a login, and every answer to it, with another challenge."""
        while True:
            await self.conn.send(challenge + "\r\n")
            await self.conn.readline()

    async def upgrade(self, mode: str, plaintext_greeting: str) -> bool:
        """After the server said "go ahead" to STARTTLS/STLS: do the handshake, or the
        STARTTLS fault (``close``, ``plaintext``, ``hang``, reset mid-handshake). False ends
        the session."""
        if mode == "close":
            return False  # Conn.close takes the ClientHello, so the client sees a close
        if mode == "plaintext":
            # Answer the ClientHello (not before it, or the client's buffer eats the line).
            await self.conn.read_some(4096, timeout=10.0)
            await self.conn.send(plaintext_greeting + "\r\n")
            await self.conn.hang(10.0)
            return False
        if mode == "hang":
            await self.conn.hang()
            return False
        if self.faults.has("reset-handshake"):
            await self.server.reset_mid_handshake(self.conn)
            return False
        if self.faults.has("tls-stall"):
            await self.conn.stall_tls(self.server.tls_context())
            return False
        return await self.conn.start_tls(self.server.tls_context())

    @property
    def _echo(self) -> str | None:
        return str(self.faults.get("echo") or "reply") if self.faults.has("echo") else None

    def echo(self, reply: str, username: str, secret: str) -> str:
        """A login failure reply; with the ``echo`` fault, it repeats what the client sent."""
        if self._echo != "reply":
            return reply
        return f"{reply} (received {username} {secret} {_echoed(username, secret)})"

    def login_attempt(self) -> None:
        """Count the attempt; a filtering middlebox kills cleartext logins right here."""
        self.server.count_login(self.conn)
        if self.faults.has("reset-after-auth") and not self.conn.tls:
            self.conn.reset()
            raise SessionEnd("reset after a cleartext login")
        drop = self.faults.get("auth-drop")
        if drop == "reset":
            self.conn.reset()
            raise SessionEnd("reset at the login")
        if drop == "close":
            self.conn.drop()
            raise SessionEnd("closed at the login")

    @property
    def starttls_mode(self) -> str:
        return str(self.faults.get("starttls") or "ok")

    @property
    def mechanisms(self) -> tuple[str, ...]:
        """The SASL mechanisms the server offers."""
        return OAUTH_MECHANISMS if self.faults.has("oauth-only") else DEFAULT_MECHANISMS

    @property
    def plaintext_auth_allowed(self) -> bool:
        return self.conn.tls or self.faults.has("plaintext-auth")

    @property
    def style(self) -> str:
        return str(self.faults.get("style") or "dovecot")


def _echoed(username: str, secret: str) -> str:
    """The credentials as SASL PLAIN and LOGIN carry them: base64 of NUL user NUL password,
    and base64 of the password alone."""
    return f"{b64encode(chr(0) + username + chr(0) + secret)} {b64encode(secret)}"

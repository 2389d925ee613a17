"""SMTP (RFC 5321) as the session probe speaks it: EHLO/HELO, STARTTLS, AUTH, MAIL/RCPT."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import TYPE_CHECKING

from mailexpert.errors import ReadFailure, SessionStop
from mailexpert.probes.dialects.base import (
    CRAM_MD5,
    PASSWORD_MECHANISMS,
    Caps,
    Dialect,
    Reply,
    Talk,
    answer_cram_md5,
    b64,
    masked,
    sasl_initial,
)
from mailexpert.replies import parse_smtp_reply

if TYPE_CHECKING:
    from mailexpert.probes.context import ProbeContext
    from mailexpert.probes.net import Conn

#: Recipient of the relay test: a reserved domain (RFC 2606) that can never be local.
RELAY_PROBE_RECIPIENT = "mailexpert-relay-test@example.invalid"


def ehlo_argument(ctx: ProbeContext, conn: Conn) -> str:
    """What EHLO/HELO names this client as: the option, else the address literal of the
    connection's own address (RFC 5321 4.1.3), which every HELO check accepts."""
    if ctx.options.ehlo_name:
        return ctx.options.ehlo_name
    sockname = conn.writer.get_extra_info("sockname")
    address = ipaddress.ip_address(sockname[0].split("%", 1)[0]) if sockname else None
    if address is None:
        return "[127.0.0.1]"  # no socket address to give (never so on a TCP connection)
    if isinstance(address, ipaddress.IPv6Address):
        return f"[{address.ipv4_mapped}]" if address.ipv4_mapped else f"[IPv6:{address.compressed}]"
    return f"[{address}]"


def parse_ehlo(lines: list[str]) -> Caps:
    """EHLO reply lines (with codes) -> Caps; the first line is the server's name."""
    keywords = [ln[4:].strip() for ln in lines[1:]]
    mechs: list[str] = []
    starttls = False
    for kw in keywords:
        parts = kw.upper().replace("=", " ").split()
        if not parts:
            continue
        if parts[0] == "STARTTLS":
            starttls = True
        elif parts[0] == "AUTH":
            mechs += [m for m in parts[1:] if m not in mechs]
    return Caps(starttls=starttls, masked=masked([k.split()[0] for k in keywords if k.split()]),
                mechanisms=tuple(mechs), raw=" | ".join(keywords))


class SMTP(Dialect):
    protocol = "smtp"
    # A submission port without AUTH still answers MAIL FROM / RCPT TO: 530, relay denied, a block list.
    probes_without_login = True
    # After a login: does the server take mail from the account's address (its sender checks)?
    tests_envelope = True

    async def complete_greeting(self, conn: Conn, deadline: float, first: bytes, lines: list[str]) -> list[str]:
        return await conn.read_smtp_reply(deadline, first=first)

    def parse_reply(self, lines: list[str]) -> Reply:
        return parse_smtp_reply(lines)

    async def capabilities(self, talk: Talk, conn: Conn) -> Caps:
        name = ehlo_argument(talk.ctx, conn)
        conn.send(f"EHLO {name}")
        lines = await conn.read_smtp_reply(talk.deadline())
        parsed = parse_smtp_reply(lines)
        if parsed.get("status") == "positive":
            return parse_ehlo(lines)
        # A server without SMTP extensions refuses EHLO (500/502) and stays in its state, and
        # the client goes on with HELO (RFC 5321 sections 3.2 and 4.1.4), as mail programs do:
        # the refusal is a failure only when HELO fails too.
        ehlo, helo_accepted = parsed, False
        try:
            conn.send(f"HELO {name}")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
            helo_accepted = parsed.get("status") == "positive"
        finally:
            if not helo_accepted:
                talk.reply("capability", ehlo, key=f"ehlo-reply-{conn.tls}")
        if not helo_accepted:
            talk.reply("capability", parsed, key=f"helo-reply-{conn.tls}")
            raise SessionStop("session-failed")
        talk.ctx.note(talk.label, f"EHLO refused ({ehlo.get('code')}), HELO accepted: no SMTP extensions")
        # No extensions is a known, empty list: AUTH and STARTTLS are EHLO keywords (RFC 4954
        # section 3, RFC 3207 section 4), so a client set to log in gets no further here.
        return Caps()

    async def starttls(self, talk: Talk, conn: Conn) -> tuple[Reply, bool]:
        conn.send("STARTTLS")
        parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
        return parsed, parsed.get("code") == 220

    def password_mechanism(self, caps: Caps) -> str | None:
        return next((m for m in PASSWORD_MECHANISMS if m in caps.mechanisms), None)

    async def authenticate(self, talk: Talk, conn: Conn, mechanism: str, caps: Caps, replies: list[Reply]) -> Reply:
        account = talk.ctx.account
        if mechanism == "LOGIN":
            conn.send("AUTH LOGIN")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
            if parsed.get("code") == 334:
                conn.send(b64(account.username), shown="<username, base64>")
                parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
                if parsed.get("code") == 334:
                    conn.send(b64(account.password or ""), shown="<redacted>")
                    parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
        elif mechanism == CRAM_MD5:
            # RFC 4954 section 4: "334 <base64 challenge>", one answer; "*" cancels the exchange.
            conn.send(f"AUTH {CRAM_MD5}")
            lines = await conn.read_smtp_reply(talk.deadline())
            parsed = parse_smtp_reply(lines)
            if parsed.get("code") == 334:
                answer_cram_md5(talk, conn, lines[-1][4:])
                parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
        else:
            conn.send(f"AUTH {mechanism} {sasl_initial(talk.ctx, mechanism)}", shown=f"AUTH {mechanism} <redacted>")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
            if parsed.get("code") == 334:
                # An OAuth error arrives as a 334 challenge; an empty line asks for the verdict.
                challenge = parsed.get("text")
                conn.send("")
                parsed = {**parse_smtp_reply(await conn.read_smtp_reply(talk.deadline())), "challenge": challenge}
        if parsed.get("code") == 334:
            raise ReadFailure("endless-challenge", str(parsed.get("text") or "334").encode())
        replies.append(parsed)
        return parsed

    async def envelope(self, talk: Talk, conn: Conn, sender: str, recipient: str,
                       seen: Callable[[str, Reply], None]) -> None:
        """MAIL FROM, then RCPT TO when the sender was taken, then RSET: never DATA, so no
        message is ever sent (swaks --quit-after RCPT). ``seen`` gets each answer with its
        stage (mail, rcpt) as it comes; a broken answer raises ReadFailure."""
        conn.send(f"MAIL FROM:<{sender}>")
        parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
        seen("mail", parsed)
        if parsed.get("status") != "positive":
            return
        conn.send(f"RCPT TO:<{recipient}>")
        parsed = parse_smtp_reply(await conn.read_smtp_reply(talk.deadline()))
        seen("rcpt", parsed)
        if parsed.get("code") == 421:
            return  # the server is closing the channel (RFC 5321 3.8): nothing more to say
        conn.send("RSET")
        await conn.read_smtp_reply(talk.deadline())

    async def unauthenticated_probe(self, talk: Talk, conn: Conn) -> None:
        """MAIL FROM / RCPT TO a foreign address (never DATA) to capture 530 or relay-denied replies."""
        try:
            await self.envelope(talk, conn, talk.ctx.account.email, RELAY_PROBE_RECIPIENT,
                                lambda stage, parsed: talk.reply(stage, parsed, key=stage))
        except ReadFailure as exc:
            talk.ctx.note(talk.label, f"mail probe: {exc.reason}")
            talk.failure("mail", exc.reason, talk.mode_of(conn), exc.partial[:200])

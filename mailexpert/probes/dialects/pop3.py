"""POP3 (RFC 1939, CAPA and STLS from RFC 2449/2595, SASL from RFC 5034) as the session
probe speaks it: one-line +OK/-ERR replies, CAPA, STLS, USER/PASS and AUTH."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailexpert.errors import ReadFailure
from mailexpert.probes.dialects.base import (
    CRAM_MD5,
    Caps,
    Dialect,
    Reply,
    Talk,
    answer_cram_md5,
    decode,
    masked,
    sasl_initial,
)
from mailexpert.replies import parse_pop3_line

if TYPE_CHECKING:
    from mailexpert.probes.net import Conn


def parse_pop3_capa(lines: list[str]) -> Caps:
    mechs: list[str] = []
    names = []
    for ln in lines:
        parts = ln.upper().split()
        if not parts:
            continue
        names.append(parts[0])
        if parts[0] == "SASL":
            mechs += parts[1:]
    return Caps(starttls="STLS" in names, masked=masked(names), mechanisms=tuple(dict.fromkeys(mechs)),
                user="USER" in names, raw=" | ".join(lines))


def _status(raw: str) -> Reply:
    """A reply that must be +OK or -ERR (RFC 1939 3); anything else is no POP3."""
    parsed = parse_pop3_line(raw)
    if not parsed:
        raise ReadFailure("bad-reply", raw.encode("utf-8", "surrogateescape"))
    return parsed


def _challenge(raw: str) -> bool:
    return raw.startswith("+ ") or raw == "+"


class POP3(Dialect):
    protocol = "pop3"

    def parse_reply(self, lines: list[str]) -> Reply:
        return parse_pop3_line(lines[0])

    async def capabilities(self, talk: Talk, conn: Conn) -> Caps:
        conn.send("CAPA")
        first = _status(decode(await conn.read_line(talk.deadline())))
        if first.get("status") != "positive":
            # No CAPA (RFC 2449 is optional): USER/PASS is the RFC 1939 default.
            return Caps(user=True, known=False)
        return parse_pop3_capa(await conn.read_pop3_multiline(talk.deadline()))

    async def starttls(self, talk: Talk, conn: Conn) -> tuple[Reply, bool]:
        conn.send("STLS")
        parsed = parse_pop3_line(decode(await conn.read_line(talk.deadline())))
        return parsed, parsed.get("status") == "positive"

    def auth_offered(self, caps: Caps) -> bool:
        return bool(caps.mechanisms) or caps.user

    def password_auth(self, caps: Caps) -> bool:
        return super().password_auth(caps) or caps.user

    def password_mechanism(self, caps: Caps) -> str | None:
        if "PLAIN" in caps.mechanisms:
            return "PLAIN"
        if CRAM_MD5 in caps.mechanisms:
            # SASL without PLAIN: the server's plaintext logins may be off, and USER with them
            # (Dovecot lists USER and answers PASS "Unsupported authentication mechanism"),
            # so CRAM-MD5 is the login that checks the password.
            return CRAM_MD5
        return "USER" if caps.user else None

    async def open_mailbox(self, talk: Talk, conn: Conn) -> Reply | None:
        # STAT reads the maildrop the login opened (RFC 1939 5); a server that opens it lazily
        # (Dovecot) fails here, not at PASS.
        conn.send("STAT")
        return _status(decode(await conn.read_line(talk.deadline())))

    async def authenticate(self, talk: Talk, conn: Conn, mechanism: str, caps: Caps, replies: list[Reply]) -> Reply:
        account = talk.ctx.account
        if mechanism == "USER":
            conn.send(f"USER {account.username}")
            parsed = _status(decode(await conn.read_line(talk.deadline())))
            if parsed.get("status") == "positive":
                conn.send(f"PASS {account.password or ''}", shown="PASS <redacted>")
                parsed = _status(decode(await conn.read_line(talk.deadline())))
        else:
            if mechanism == CRAM_MD5:
                # RFC 5034 4: "+ <base64 challenge>", one answer line ("*" cancels).
                conn.send(f"AUTH {CRAM_MD5}")
                raw = decode(await conn.read_line(talk.deadline()))
                if _challenge(raw):
                    answer_cram_md5(talk, conn, raw[1:])
                    raw = decode(await conn.read_line(talk.deadline()))
            else:
                conn.send(f"AUTH {mechanism} {sasl_initial(talk.ctx, mechanism)}", shown=f"AUTH {mechanism} <redacted>")
                raw = decode(await conn.read_line(talk.deadline()))
            challenge = None
            if _challenge(raw):
                challenge = raw[1:].strip()
                conn.send("")
                raw = decode(await conn.read_line(talk.deadline()))
                if _challenge(raw):
                    raise ReadFailure("endless-challenge", raw.encode())
            parsed = {**_status(raw), "challenge": challenge} if challenge else _status(raw)
        replies.append(parsed)
        return parsed

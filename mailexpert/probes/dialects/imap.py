"""IMAP4rev1 (RFC 3501) as the session probe speaks it: tagged commands, CAPABILITY,
STARTTLS, LOGIN and AUTHENTICATE (with SASL-IR when offered), untagged refusals."""

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
    masked,
    sasl_initial,
)
from mailexpert.replies import parse_imap_line

if TYPE_CHECKING:
    from mailexpert.probes.net import Conn


def parse_imap_capability(words: list[str]) -> Caps:
    upper = [w.upper() for w in words]
    mechs = [w[5:] for w in upper if w.startswith("AUTH=")]
    return Caps(starttls="STARTTLS" in upper, masked=masked(upper), mechanisms=tuple(dict.fromkeys(mechs)),
                login_disabled="LOGINDISABLED" in upper, sasl_ir="SASL-IR" in upper, raw=" ".join(words))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _status(lines: list[str]) -> Reply:
    """The status response that ends a command's answer; a last line that is none (a "+"
    continuation to a command that takes none, a tag followed by no status) is no IMAP."""
    final = parse_imap_line(lines[-1])
    if not final:
        raise ReadFailure("bad-reply", lines[-1].encode("utf-8", "surrogateescape"))
    return final


def _final(lines: list[str], replies: list[Reply]) -> Reply:
    """The tagged answer; untagged refusals before it are kept as replies too."""
    _status(lines)
    final: Reply = {}
    for ln in lines:
        parsed = parse_imap_line(ln)
        if not parsed:
            continue
        if parsed["tagged"]:
            final = parsed
        elif parsed["status"] in ("no", "bad", "bye"):
            replies.append(parsed)  # e.g. * BAD [ALERT] Plaintext authentication ...
    if final:
        replies.append(final)
    return final


class IMAP(Dialect):
    protocol = "imap"

    def parse_reply(self, lines: list[str]) -> Reply:
        return parse_imap_line(lines[0])

    async def capabilities(self, talk: Talk, conn: Conn) -> Caps:
        tag = talk.tag()
        conn.send(f"{tag} CAPABILITY")
        lines = await conn.read_until_tagged(tag, talk.deadline())
        words: list[str] = []
        for ln in lines:
            if ln.upper().startswith("* CAPABILITY"):
                words += ln.split()[2:]
        final = _status(lines)
        if final.get("status") != "positive":
            talk.reply("capability", final, key=f"capa-reply-{conn.tls}")
            return Caps(known=False)
        if not any(w.upper().startswith("IMAP4") for w in words):
            # RFC 3501 6.1.1: the answer must list IMAP4rev1; an OK without it is no answer.
            talk.failure("capability", "no-capability-list", talk.mode_of(conn), " | ".join(lines)[:200])
        return parse_imap_capability(words)

    async def starttls(self, talk: Talk, conn: Conn) -> tuple[Reply, bool]:
        tag = talk.tag()
        conn.send(f"{tag} STARTTLS")
        lines = await conn.read_until_tagged(tag, talk.deadline())
        parsed = parse_imap_line(lines[-1])
        return parsed, parsed.get("status") == "positive"

    def auth_offered(self, caps: Caps) -> bool:
        return bool(caps.mechanisms) or not caps.login_disabled

    def password_auth(self, caps: Caps) -> bool:
        return super().password_auth(caps) or not caps.login_disabled

    def login_disabled(self, caps: Caps) -> bool | None:
        return caps.login_disabled

    def password_mechanism(self, caps: Caps) -> str | None:
        if "PLAIN" in caps.mechanisms:
            return "PLAIN"
        return None if caps.login_disabled else "LOGIN"

    async def authenticate(self, talk: Talk, conn: Conn, mechanism: str, caps: Caps, replies: list[Reply]) -> Reply:
        tag = talk.tag()
        account = talk.ctx.account
        user = account.username
        if mechanism == "LOGIN":
            conn.send(f"{tag} LOGIN {_quote(user)} {_quote(account.password or '')}",
                      shown=f"{tag} LOGIN {_quote(user)} <redacted>")
        elif mechanism == CRAM_MD5:
            # RFC 3501 6.2.2: the server's "+ <base64 challenge>", one answer line ("*" cancels).
            conn.send(f"{tag} AUTHENTICATE {CRAM_MD5}")
            lines = await conn.read_until_tagged(tag, talk.deadline())
            if not lines[-1].startswith("+"):
                return _final(lines, replies)
            answer_cram_md5(talk, conn, lines[-1][1:])
        elif caps.sasl_ir:
            conn.send(f"{tag} AUTHENTICATE {mechanism} {sasl_initial(talk.ctx, mechanism)}",
                      shown=f"{tag} AUTHENTICATE {mechanism} <redacted>")
        else:
            conn.send(f"{tag} AUTHENTICATE {mechanism}")
            lines = await conn.read_until_tagged(tag, talk.deadline())
            if lines[-1].startswith("+"):
                conn.send(sasl_initial(talk.ctx, mechanism), shown="<redacted>")
            else:
                return _final(lines, replies)
        lines = await conn.read_until_tagged(tag, talk.deadline())
        if lines[-1].startswith("+"):
            challenge = lines[-1][1:].strip()
            conn.send("")  # an error challenge (XOAUTH2): answer empty, get the tagged NO
            lines += await conn.read_until_tagged(tag, talk.deadline())
            if lines[-1].startswith("+"):
                raise ReadFailure("endless-challenge", lines[-1].encode())
            return {**_final(lines, replies), "challenge": challenge}
        return _final(lines, replies)

    async def open_mailbox(self, talk: Talk, conn: Conn) -> Reply | None:
        # EXAMINE is SELECT read-only: no flag changes, \Recent stays (RFC 9051 6.3.3).
        tag = talk.tag()
        conn.send(f"{tag} EXAMINE INBOX")
        return _status(await conn.read_until_tagged(tag, talk.deadline()))

    def logout_command(self, talk: Talk) -> str:
        return f"{talk.tag()} LOGOUT"

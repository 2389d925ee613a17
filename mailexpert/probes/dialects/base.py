"""What every mail protocol dialect shares: the capability list, SASL, the dialect's interface.

A :class:`Dialect` knows one protocol's words: how a reply reads, the capability command
and its parser, the STARTTLS command, the login exchanges and what a refusal looks like.
The connection state machine (:mod:`mailexpert.probes.session`) drives a dialect through a
:class:`Talk`, the few things a dialect needs from it; it never asks which protocol it speaks.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeAlias

import attrs

if TYPE_CHECKING:
    from mailexpert.probes.context import ProbeContext
    from mailexpert.probes.net import Conn

#: A reply as a dialect parses it: status, code, enhanced code, text (the fields of
#: replies.parse_reply, which the facts of a probe carry on unchanged).
Reply: TypeAlias = dict[str, Any]

OAUTH_MECHANISMS = frozenset({"XOAUTH2", "OAUTHBEARER"})
PASSWORD_MECHANISMS = ("PLAIN", "LOGIN")
#: The challenge-response mechanism the probe speaks (RFC 2195): a client set to "Encrypted
#: password" uses it, and so does the probe on a server that offers no PLAIN or LOGIN.
CRAM_MD5 = "CRAM-MD5"
# A capability a middlebox overwrote: Cisco's "XXXXXXXA" for STARTTLS, or all X's.
_MASKED = re.compile(r"X{4,}[A-Z]?")


@attrs.frozen
class Caps:
    """A parsed capability list."""

    starttls: bool = False
    masked: bool = False
    mechanisms: tuple[str, ...] = ()
    user: bool = False  # POP3 USER
    login_disabled: bool = False  # IMAP LOGINDISABLED
    sasl_ir: bool = False  # IMAP SASL-IR
    raw: str = ""
    known: bool = True  # False when the server gave no list (IMAP CAPABILITY, POP3 CAPA refused)


def masked(tokens: list[str]) -> bool:
    """Whether a capability name was overwritten by a middlebox."""
    return any(_MASKED.fullmatch(t.upper()) for t in tokens)


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def sasl_initial(ctx: ProbeContext, mechanism: str) -> str:
    """The initial response of a SASL mechanism (it carries the secret: never shown)."""
    user = ctx.account.username
    if mechanism == "PLAIN":
        return b64(f"\0{user}\0{ctx.account.password}")
    if mechanism == "XOAUTH2":
        return b64(f"user={user}\x01auth=Bearer {ctx.account.oauth_token}\x01\x01")
    if mechanism == "OAUTHBEARER":
        return b64(f"n,a={user},\x01auth=Bearer {ctx.account.oauth_token}\x01\x01")
    raise ValueError(mechanism)


def cram_md5_digest(password: str, challenge: str) -> str | None:
    """RFC 2195: the hex HMAC-MD5 of the base64 ``challenge``, keyed with the password; None
    when the challenge is no base64."""
    try:
        nonce = base64.b64decode(challenge.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return hmac.new(password.encode("utf-8"), nonce, hashlib.md5).hexdigest()


def answer_cram_md5(talk: Talk, conn: Conn, challenge: str) -> None:
    """Answer a CRAM-MD5 challenge: the user name, a space and the digest, in base64 ("*"
    cancels a challenge that is no base64). The digest is enough to guess the password
    offline, so it is never shown and, from now on, scrubbed wherever a server might echo it."""
    account = talk.ctx.account
    digest = cram_md5_digest(account.password or "", challenge)
    if digest is None:
        conn.send("*")
        return
    assert talk.ctx.transcript is not None
    talk.ctx.transcript.scrub.learn(digest)
    conn.send(b64(f"{account.username} {digest}"), shown="<redacted>")


def decode(line: bytes) -> str:
    return line.decode("utf-8", "backslashreplace")


class Talk(Protocol):
    """What a dialect needs from the session that drives it."""

    ctx: ProbeContext
    label: str

    def deadline(self) -> float: ...

    def tag(self) -> str: ...

    def reply(self, stage: str, parsed: Reply, key: str | None = None) -> None: ...

    def failure(self, step: str, failure: str, mode: str | None, partial: bytes | str = b"") -> None: ...

    def mode_of(self, conn: Conn) -> str: ...


class Dialect:
    """One protocol's words; subclasses fill in the protocol-specific parts."""

    protocol: ClassVar[str]
    #: Whether, when no login will happen, the session asks what a message would meet
    #: (:meth:`unauthenticated_probe`).
    probes_without_login: ClassVar[bool] = False
    #: Whether, after a login the server took, the session asks whether the server takes
    #: mail from the account's address (:meth:`envelope`).
    tests_envelope: ClassVar[bool] = False

    # -- replies ---------------------------------------------------------------------------
    async def complete_greeting(self, conn: Conn, deadline: float, first: bytes, lines: list[str]) -> list[str]:
        """The greeting's lines, given its complete first line; may raise ReadFailure."""
        return lines

    def parse_reply(self, lines: list[str]) -> Reply:
        """A reply's lines -> the classified reply (status, code, text...)."""
        raise NotImplementedError

    # -- capabilities and STARTTLS -----------------------------------------------------------
    async def capabilities(self, talk: Talk, conn: Conn) -> Caps:
        raise NotImplementedError

    async def starttls(self, talk: Talk, conn: Conn) -> tuple[Reply, bool]:
        """Ask for TLS: (the parsed answer, whether the server said go ahead)."""
        raise NotImplementedError

    def auth_offered(self, caps: Caps) -> bool:
        return bool(caps.mechanisms)

    def password_auth(self, caps: Caps) -> bool:
        return any(m in PASSWORD_MECHANISMS for m in caps.mechanisms)

    def oauth_only(self, caps: Caps) -> bool:
        return bool(caps.mechanisms) and set(caps.mechanisms) <= OAUTH_MECHANISMS and not self.password_auth(caps)

    def login_disabled(self, caps: Caps) -> bool | None:
        """The capability list's word on plaintext login, where the protocol has one."""
        return None

    # -- login -------------------------------------------------------------------------------
    def password_mechanism(self, caps: Caps) -> str | None:
        """The mechanism for a password login, or None when nothing usable is offered."""
        raise NotImplementedError

    async def authenticate(self, talk: Talk, conn: Conn, mechanism: str, caps: Caps, replies: list[Reply]) -> Reply:
        """Log in; append every telling reply to ``replies``; return the final one, with the
        server's error challenge answered empty before it (an OAuth2 login's, the base64 after
        "334" or "+") as ``challenge``."""
        raise NotImplementedError

    async def open_mailbox(self, talk: Talk, conn: Conn) -> Reply | None:
        """After a login, open the mailbox as a mail program does next, without changing it;
        the answer, or None where the protocol has no mailbox to open (SMTP)."""
        return None

    async def envelope(self, talk: Talk, conn: Conn, sender: str, recipient: str,
                       seen: Callable[[str, Reply], None]) -> None:
        """Start a mail transaction from ``sender`` to ``recipient`` and abandon it before any
        message (see tests_envelope); ``seen`` gets each answer with its stage."""
        raise NotImplementedError

    async def unauthenticated_probe(self, talk: Talk, conn: Conn) -> None:
        """What the server says to a client that does not log in (see probes_without_login)."""

    def logout_command(self, talk: Talk) -> str:
        return "QUIT"

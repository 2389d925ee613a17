"""Accounts and the login decision shared by the SMTP, IMAP and POP3 servers.

The lab knows each account's password (it is a test lab); it never logs it, and the
``repr`` of an :class:`Account` hides it. :func:`decide` turns one login attempt plus the
server's faults into an *outcome*: ``ok``, ``wrong`` or one of
:data:`mailexpert.lab.faults.AUTH_OUTCOMES` (``oauth-only`` too), which each protocol
then words in its own replies (:mod:`mailexpert.lab.replies`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable

import attrs

from mailexpert.lab.faults import FaultSet

OAUTH_MECHANISMS = ("XOAUTH2", "OAUTHBEARER")
PASSWORD_MECHANISMS = ("PLAIN", "LOGIN")
#: What every lab server offers unless a fault says otherwise.
DEFAULT_MECHANISMS = PASSWORD_MECHANISMS + OAUTH_MECHANISMS

# Provider states that refuse a login whatever the credentials are.
_REGARDLESS = {"basic-disabled", "basic-disabled-outlook", "locked", "disabled", "unavailable", "web-login"}
# Provider states that concern password logins only: OAuth is the way around them.
_PASSWORD_ONLY = {"basic-disabled", "basic-disabled-outlook", "app-password", "web-login", "expired"}


@attrs.frozen
class Account:
    """One mailbox: the real user name is the full address."""

    username: str
    password: str = attrs.field(repr=False)
    oauth_token: str = attrs.field(repr=False)


def decide(account: Account, faults: FaultSet, username: str, secret: str, mechanism: str) -> str:
    """The outcome of one login attempt."""
    oauth = mechanism in OAUTH_MECHANISMS
    if faults.has("oauth-only") and not oauth:
        return "oauth-only"
    fault = faults.get("auth")
    fault = str(fault) if fault is not None else None
    if fault in _PASSWORD_ONLY and oauth:
        fault = None
    if fault in _REGARDLESS:
        return fault
    # Dovecot's default auth_username_format (%Lu) lower-cases the user name.
    expected = account.oauth_token if oauth else account.password
    if username.lower() != account.username.lower() or secret != expected:
        return "wrong"
    return fault or "ok"


def b64decode(text: str) -> str | None:
    """Decode one SASL line; None when it is not base64 (the client's mistake)."""
    try:
        return base64.b64decode(text.strip(), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return None


def b64encode(text: str) -> str:
    return base64.b64encode(text.encode()).decode("ascii")


def parse_plain(decoded: str) -> tuple[str, str] | None:
    """``authzid NUL authcid NUL password`` → (authcid, password)."""
    parts = decoded.split("\x00")
    if len(parts) != 3:
        return None
    return parts[1], parts[2]


def parse_xoauth2(decoded: str) -> tuple[str, str] | None:
    """``user=U ^A auth=Bearer T ^A ^A`` → (user, token)."""
    fields = dict(p.split("=", 1) for p in decoded.split("\x01") if "=" in p)
    user = fields.get("user")
    auth = fields.get("auth", "")
    if not user or not auth.startswith("Bearer "):
        return None
    return user, auth[len("Bearer ") :]


def parse_oauthbearer(decoded: str) -> tuple[str, str] | None:
    """RFC 7628: ``n,a=U, ^A auth=Bearer T ^A ^A`` → (user, token)."""
    head, _, rest = decoded.partition("\x01")
    user = ""
    for part in head.split(","):
        if part.startswith("a="):
            user = part[2:]
    parsed = parse_xoauth2("user=" + user + "\x01" + rest) if user else None
    return parsed


XOAUTH2_ERROR = b64encode('{"status":"401","schemes":"bearer","scope":"https://mail.example.test/"}')


_PARSERS = {"PLAIN": parse_plain, "XOAUTH2": parse_xoauth2, "OAUTHBEARER": parse_oauthbearer}


async def read_sasl_credentials(
    mechanism: str,
    initial: str,
    ask: Callable[[str], Awaitable[str | None]],
    refuse: Callable[[], Awaitable[None]],
) -> tuple[str, str] | None:
    """The (user, secret) a client sends for one SASL mechanism, the same for SMTP, IMAP and
    POP3: ``ask(challenge)`` sends a base64 challenge in the protocol's own syntax and reads
    the answer (None: the client gave up); ``refuse()`` answers undecodable data."""
    if mechanism == "LOGIN":
        user_b64 = initial or await ask("VXNlcm5hbWU6")  # "Username:"
        pass_b64 = await ask("UGFzc3dvcmQ6") if user_b64 is not None else None  # "Password:"
        if user_b64 is None or pass_b64 is None:
            return None
        user, password = b64decode(user_b64), b64decode(pass_b64)
        if user is None or password is None:
            await refuse()
            return None
        return user, password
    response = initial if initial and initial != "=" else await ask("")
    if response is None:
        return None
    decoded = b64decode(response)
    parsed = _PARSERS[mechanism](decoded) if decoded is not None else None
    if parsed is None:
        await refuse()
    return parsed

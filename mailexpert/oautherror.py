"""What a refused OAuth2 sign-in says, read once: the mail server's error challenge (SASL
XOAUTH2, OAUTHBEARER) and Microsoft Entra's AADSTS code.

A server that refuses the token of an XOAUTH2 or OAUTHBEARER login first sends a challenge:
base64 of a JSON object whose ``status`` says why and whose ``scope`` names the scope a token
for the server must carry. What the mechanism and the status say is data
(``data/error-texts.yaml`` ``oauth_error_challenge``); this module decodes the challenge, for
the probe (the challenge its own login got) and for ``explain`` (a challenge a pasted log
shows), so both read it the same way. The challenge is the server's, or a stranger's paste:
it is decoded only when short, valid base64 and a JSON object with a status, and what it
gives is bounded and checked against the characters its fields may have.

Microsoft Entra says why it refused a sign-in or a token with an AADSTS code; what each code a
mail program meets means is data too (``entra_codes``), and :func:`entra_code` reads the first
one a text shows.
"""

from __future__ import annotations

import base64
import binascii
import functools
import itertools
import json
import re
from typing import Any

import attrs

#: The longest challenge read, in base64 characters (and _BLOB's and _BODY's bound): a status,
#: a scope and the URL of the provider's OpenID configuration take a few hundred.
MAX_CHALLENGE = 2000
#: How many base64 runs of a pasted text are tried, and how much of the text is searched.
MAX_TRIED = 50
MAX_SCAN = 200_000
#: A status as RFC 6749's error codes (NQSCHAR without the space) and HTTP statuses are written.
_STATUS = re.compile(r"[A-Za-z0-9_.-]{1,40}")
#: A scope: space-separated scope tokens (RFC 6749 section 3.3), bounded.
_SCOPE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]{1,200}(?: [\x21\x23-\x5b\x5d-\x7e]{1,200}){0,9}")
#: Base64 of a JSON object ("{" encodes to "e"), as it stands after "334 ", "+ " or a quote.
_BLOB = re.compile(r"(?<![A-Za-z0-9+/=._-])e[A-Za-z0-9+/]{15,2000}={0,2}(?![A-Za-z0-9+/=._-])")
#: What stands right before a challenge: SMTP's "334 " (RFC 4954 4), IMAP's and POP3's "+ ".
_MARKER = re.compile(r"(?:^|[\s'\"(:>])(?:334[ -]|\+ ?)$")
#: The rest of a wrapped challenge: the next line's base64 run, alone on its line.
_WRAPPED = re.compile(r"[ \t]*\r?\n[ \t]*([A-Za-z0-9+/]{4,2000}={0,2})[ \t]*(?:\r?\n|$)")
#: The body printed decoded, on one line: {"status":"400","schemes":"Bearer",...} (a "status"
#: in it is checked in Python).
_BODY = re.compile(r"\{[^{}\n]{1,2000}\}")


@attrs.frozen
class OAuthError:
    """What a refused OAuth2 login's error challenge says: the mechanism whose challenge it is,
    the status as the server wrote it, what the status means (an RFC 6750 error code, None
    when the table does not know the status) and the scope the server names (None when none)."""

    mechanism: str
    status: str
    error: str | None
    scope: str | None

    def fields(self) -> dict[str, str]:
        """The fields a refusal's fact carries (facts/service.yaml: oauth_status, oauth_error,
        oauth_scope), without those the challenge does not give."""
        got = {"oauth_status": self.status, "oauth_error": self.error, "oauth_scope": self.scope}
        return {k: v for k, v in got.items() if v is not None}


@functools.cache
def _table() -> tuple[tuple[tuple[str, str], ...], dict[str, str], frozenset[str]]:
    from mailexpert.classify import error_texts

    data = error_texts()["oauth_error_challenge"]
    mechanisms = tuple((row["key"], row["mechanism"]) for row in data["mechanism"])
    errors = {str(status).lower(): row["error"] for row in data["status"] for status in row["status"]}
    return mechanisms, errors, frozenset(row["key"] for row in data["fields"])


def read_body(body: Any, *, alone: bool = True) -> OAuthError | None:
    """What a decoded error challenge says, or None when it is no such challenge: a JSON
    object whose status is a string of the characters a status has and, unless ``alone`` (the
    body stood where a challenge stands), one of the body's other fields."""
    mechanisms, errors, fields = _table()
    if not isinstance(body, dict) or not (alone or fields & body.keys()):
        return None
    status = body.get("status")
    if not isinstance(status, str) or not _STATUS.fullmatch(status.strip()):
        return None
    status = status.strip()
    scope = body.get("scope")
    scope = scope.strip() if isinstance(scope, str) and _SCOPE.fullmatch(scope.strip()) else None
    mechanism = next(m for key, m in mechanisms if key in body)
    return OAuthError(mechanism=mechanism, status=status, error=errors.get(status.lower()), scope=scope)


def _json(raw: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def read_challenge(challenge: str | None, *, alone: bool = True) -> OAuthError | None:
    """What a server's challenge to an OAuth2 login says (the base64 after "334 " or "+ "), or
    None when it is not an error challenge (``alone``: see :func:`read_body`)."""
    blob = (challenge or "").strip()
    if not blob or len(blob) > MAX_CHALLENGE + 2:
        return None
    try:
        raw = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return read_body(_json(raw), alone=alone)


def _read_blob(text: str, m: re.Match[str]) -> OAuthError | None:
    """The challenge a base64 run of a text holds, with the run of the next line when the text
    wraps it (a mail or a web page that breaks base64 at 76 characters, as Google's example is)."""
    alone = bool(_MARKER.search(text, max(0, m.start() - 8), m.start()))
    got = read_challenge(m.group(), alone=alone)
    if got is None and not m.group().endswith("="):
        rest = _WRAPPED.match(text, m.end())
        if rest is not None:
            got = read_challenge(m.group() + rest.group(1), alone=alone)
    return got


def challenges(text: str) -> list[tuple[int, OAuthError]]:
    """The error challenges a pasted text shows, base64 or decoded, each with where it
    stands, in the order they stand; at most :data:`MAX_TRIED` places of each form are tried."""
    scanned = text[:MAX_SCAN]
    found = [(m.start(), _read_blob(scanned, m)) for m in itertools.islice(_BLOB.finditer(scanned), MAX_TRIED)]
    bodies = (m for m in _BODY.finditer(scanned) if '"status"' in m.group())
    found += [(m.start(), read_body(_json(m.group()), alone=False)) for m in itertools.islice(bodies, MAX_TRIED)]
    return sorted(((at, got) for at, got in found if got is not None), key=lambda item: item[0])


#: An AADSTS code (Microsoft Entra's codes have 5 to 7 digits).
_ENTRA = re.compile(r"(?<![A-Za-z0-9])AADSTS(\d{4,9})(?!\d)", re.IGNORECASE)


@functools.cache
def _entra_table() -> dict[int, dict[str, str]]:
    from mailexpert.classify import error_texts

    return {int(row["code"]): row for row in error_texts()["entra_codes"]}


def entra_code(text: str) -> dict[str, int | str] | None:
    """The first AADSTS code a text shows, as the fields of the refusal's fact (entra_code,
    entra_reading, entra_meaning; facts/service.yaml), or None when it shows none. A code the
    table does not name reads as ``other``, without a meaning."""
    m = _ENTRA.search(text[:MAX_SCAN])
    if m is None:
        return None
    code = int(m.group(1))
    row = _entra_table().get(code)
    if row is None:
        return {"entra_code": code, "entra_reading": "other"}
    return {"entra_code": code, "entra_reading": row["reading"], "entra_meaning": row["meaning"]}

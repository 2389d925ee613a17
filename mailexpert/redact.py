"""Keeping secrets out of what mailexpert shows: the probes' own, and those a pasted text holds.

A diagnosis knows its secrets (the password, an OAuth token, a proxy's password) and
:class:`Scrubber` removes them from every fact, the transcript and probe errors. A pasted
text (``explain``, ``diagnose --error``) may hold secrets too: a session log with the
client's side (``AUTH PLAIN <base64>``, the answers to ``334`` challenges, IMAP ``LOGIN``,
POP3 ``PASS``), a URL with a password in it (``imaps://user:pass@host``, RFC 3986 section
3.2.1), a ``password=...`` setting. :func:`pasted_secrets` finds them by the syntax that
carries them, so that the same scrubber keeps them out of the facts read from the text,
wherever else in the text they are repeated (a server that echoes them, a reply on the
same line).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from mailexpert.facts import Fact

REDACTED = "<redacted>"
_T = TypeVar("_T")
#: Base64 long enough to hold 3 bytes of a secret.
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{4,}={0,2}")


class Scrubber:
    """Removes secrets from text: raw, IMAP-quoted, and inside any base64 run that decodes to
    something containing one. Decoding covers every SASL encoding mailexpert sends (PLAIN's
    ``\\0user\\0password``, LOGIN's password, XOAUTH2's and OAUTHBEARER's token) and proxy
    Basic credentials, without restating how each is built. Secrets shorter than 3
    characters are left alone: removing them would garble ordinary text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._kept = {s for s in secrets if s and len(s) >= 3}
        self._build()

    def learn(self, secret: str) -> None:
        """Keep one more secret out from now on: one made during the diagnosis from the
        password (a CRAM-MD5 answer, which a server could echo as it could the password)."""
        if secret and len(secret) >= 3 and secret not in self._kept:
            self._kept.add(secret)
            self._build()

    def _build(self) -> None:
        kept = self._kept
        forms = set(kept)
        forms |= {s.replace("\\", "\\\\").replace('"', '\\"') for s in kept}  # IMAP quoted strings
        forms |= {base64.b64encode(s.encode()).decode() for s in kept}
        self._forms = tuple(sorted(forms, key=len, reverse=True))
        self._raw = tuple(s.encode() for s in kept)

    def __bool__(self) -> bool:
        return bool(self._forms)

    def __call__(self, text: str) -> str:
        if not self._forms:
            return text
        for secret in self._forms:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if _BASE64_RUN.search(text):
            text = _BASE64_RUN.sub(self._decoded, text)
        if _CUT not in text:
            return text
        # A text cut short may end in the first part of a secret (a token of a few thousand
        # characters in a reply cut at its length bound): that part goes too.
        parts = text.split(_CUT)
        return _CUT.join([*(_without_start(p, self._forms) for p in parts[:-1]), parts[-1]])

    def _decoded(self, match: re.Match[str]) -> str:
        run = match.group()
        body = run.rstrip("=")
        cut = match.string.startswith(_CUT, match.end())
        if cut:  # a run cut short: decode its whole groups of four
            body = body[:len(body) - len(body) % 4]
        try:
            data = base64.b64decode(body + "=" * (-len(body) % 4))
        except ValueError:
            return run
        if any(raw in data for raw in self._raw) or (cut and _without_start(data, self._raw) != data):
            return REDACTED
        return run


#: What the length bounds put where they cut a text (mailexpert.classify.clean_text, and
#: mailexpert.facts' "…[truncated]").
_CUT = "…"
_S = TypeVar("_S", str, bytes)


def _without_start(text: _S, secrets: Iterable[_S]) -> _S:
    """``text`` without the first part (3 characters or more) of a secret it ends with."""
    for secret in secrets:
        tail = text[-(len(secret) - 1):] if len(secret) > 1 else text[:0]
        # each place in the tail where the secret's first three characters stand
        i = tail.find(secret[:3])
        while i >= 0:
            if secret.startswith(tail[i:]):
                return text[:len(text) - len(tail) + i] + (REDACTED if isinstance(text, str) else REDACTED.encode())
            i = tail.find(secret[:3], i + 1)
    return text


# What a client sends with a secret in it, as session logs print it; group "secret" is the
# secret. Each pattern starts with its command's literal name, so that a search skips to it,
# and what stands before it is checked in Python (:func:`_sent`). A line may end with what a
# logger adds ("\r\n", the closing quote of b'...').
_LINE_END = r"""[ \t]*(?:\\r\\n|\\n)?['"]?[ \t]*$"""
_QUOTED_OR_ATOM = r"""(?:"(?:[^"\\\n]|\\.){0,1000}"|[^\s"']{1,1000})"""
# SMTP and POP3 AUTH, IMAP AUTHENTICATE with an initial response (RFC 4954, 5034, 4959). A
# mechanism's name is upper case (RFC 4422 section 3.1); the response must be base64 of text
# ("503 AUTH COMMAND USED" is no response).
_SASL_RESPONSE = re.compile(r"AUTH(?:ENTICATE)?[ \t]+[A-Z0-9_-]{1,40}[ \t]+(?P<secret>[A-Za-z0-9+/]{4,20000}={0,2})"
                            r"(?![A-Za-z0-9+/=-])")
_CLIENT_SENDS = (
    # IMAP LOGIN user password (RFC 9051 section 6.2.3), after its tag.
    re.compile(r"LOGIN[ \t]+" + _QUOTED_OR_ATOM + r"[ \t]+(?P<secret>" + _QUOTED_OR_ATOM + ")" + _LINE_END, re.MULTILINE),
    # POP3 PASS (RFC 1939 section 7): one word, the rest of the line.
    re.compile(r"""PASS[ \t]+(?P<secret>[^\s"']{1,1000})""" + _LINE_END, re.MULTILINE),
)
#: A server's reply that names the command ("-ERR PASS rejected", "a1 NO LOGIN failed: x")
#: is no command.
_REPLY = re.compile(r"-ERR|\+OK|\b(?:NO|BAD|OK|BYE)\b")
# A password written out: in a URL's user information (RFC 3986 section 3.2.1), or as a setting.
_WRITTEN = (
    re.compile(r"://(?<=[A-Za-z0-9]://)[^\s/:@]{0,256}:(?P<secret>[^\s/@]{1,256})@"),
    # (the key before the '=' is checked in Python: a search for a word in any case is slow)
    re.compile(r"""=[ \t]*(?P<secret>"[^"\n]{0,1000}"|'[^'\n]{0,1000}'|[^\s&;,'"]{1,1000})"""),
    # JSON or a Python dict: "password": "...", 'refresh_token': '...' (and "code": an
    # authorization code, checked in Python as a setting's is).
    re.compile(r"""(?i)["'](?P<key>password|passwd|pass|(?:access|refresh|id)_token|client_secret|(?:client_)?assertion"""
               r"""|code_verifier|code)["'][ \t]*:[ \t]*"""
               r"""(?P<secret>"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}')"""),
    # An OAuth2 bearer token as HTTP sends it (RFC 6750 section 2.1: "Bearer" b64token); the
    # token is long and never a plain word ("Bearer token expired"), which is checked in Python.
    re.compile(r"Bearer[ \t]+(?P<secret>[A-Za-z0-9._~+/-]{16,8000}=*)(?![A-Za-z0-9._~+/=-])"),
    # HTTP Basic credentials (RFC 7617 section 2: base64 of user-id ":" password), as a verbose
    # client (curl -v) or a proxy's log shows the header.
    re.compile(r"Authorization:[ \t]*Basic[ \t]+(?P<secret>[A-Za-z0-9+/]{4,2000}={0,2})(?![A-Za-z0-9+/=])", re.IGNORECASE),
    # A query's or form body's parameter (RFC 3986 section 3.4), also inside a quoted URL that
    # the setting's pattern above takes whole ("url = 'http://localhost/?code=...&state=1'").
    re.compile(r"(?:^|[?&])(?P<key>[A-Za-z_]{2,20})=(?P<secret>[^\s&;,'\"#]{1,1000})", re.MULTILINE),
)
# A SASL challenge: SMTP's 334 (RFC 4954), IMAP's and POP3's "+" continuation (RFC 9051, 5034),
# and the client's answer on the next line.
_CHALLENGE = re.compile(r"(?:^|[\s:>'\"])(?:334|\+)(?:[ \t]+(?P<challenge>[A-Za-z0-9+/]{0,1000}={0,2}))?" + _LINE_END)
_ANSWER = re.compile(r"(?:^|[\s:>'\"])(?P<secret>[A-Za-z0-9+/]{4,20000}={0,2})" + _LINE_END)
#: The keys a secret is written after: password=..., pass=..., and OAuth2's: the tokens and the
#: client secret (RFC 6749 sections 4.1.3, 5.1 and 6: access_token=..., refresh_token=...,
#: client_secret=...), an OpenID Connect id_token, a JWT grant's or client's signed assertion
#: (RFC 7523 sections 2.1 and 2.2: assertion=..., client_assertion=...) and PKCE's code_verifier
#: (RFC 7636 section 4.5).
_PASSWORD_KEY = re.compile(r"(?i)(?<![A-Za-z0-9_])(?:password|passwd|pwd|pass|(?:access|refresh|id)_token|client_secret"
                           r"|(?:client_)?assertion|code_verifier)[ \t]*$")
#: OAuth2's authorization code, which the token endpoint trades for tokens (RFC 6749 section
#: 4.1.2: the redirect's query, "?code=...&state=..."; section 4.1.3: the token request's form
#: body, "grant_type=authorization_code&code=..."), is read as a query's or form body's parameter
#: or a JSON field only. A code is long and made of more than digits or words (Google's "4/0A...", Microsoft's
#: "M.C5..._BAY..." or "0.AXo..."): "code=400", "code=535", "code": "InvalidAuthenticationToken"
#: and "code=AADSTS50126" are a status or an error's name, no secret.
_CODE_VALUE = re.compile(r"(?=[^\s]*[0-9])(?=[^\s]*[A-Za-z])[^\s]{16,}")
#: A client's command is one short line (RFC 5321 section 4.5.3.1.4: 512 octets): longer
#: lines are not searched for LOGIN, PASS and answers to challenges.
_MAX_COMMAND = 2000
#: A client's answer to a challenge may be longer: an XOAUTH2 or OAUTHBEARER response carries a
#: bearer token of a few thousand characters (RFC 4954 section 4 allows an AUTH line 12,288 octets).
_MAX_ANSWER = 20_000
_COMMAND_WORD = re.compile(r"LOGIN|PASS")
_CHALLENGE_WORD = re.compile(r"334|\+")
#: Places of each kind read (see :func:`pasted_secrets`).
_MAX_PLACES = 1000


def _decoded(blob: str) -> str | None:
    """The text a base64 answer carries, or None when it is not base64 of text (an English
    word such as "Password" is valid base64 of bytes that are no text)."""
    if len(blob) % 4:
        return None
    try:
        text = base64.b64decode(blob, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return text if all(c.isprintable() or c in "\0\1" for c in text) else None


def _is_code(value: str) -> bool:
    """Whether a code= value is an OAuth2 authorization code (see :data:`_CODE_VALUE`)."""
    return bool(_CODE_VALUE.fullmatch(value)) and not value.upper().startswith("AADSTS")


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def _sent(text: str, match: re.Match[str], *, tagged: bool) -> bool:
    """Whether the command matched stands as a client's command: a word of its own, after
    the tag when ``tagged`` (IMAP), on a line that is not a server's reply."""
    start = match.start()
    line = text[text.rfind("\n", 0, start) + 1:start]
    if line and not (line[-1].isspace() or line[-1] in ":>'\""):
        return False
    if tagged:
        words = line.split()
        if not words or not words[-1].replace(".", "").isalnum():
            return False
    return not _REPLY.search(line)


def _first(found: Iterable[_T]) -> Iterable[_T]:
    return itertools.islice(found, _MAX_PLACES)


def _lines_with(text: str, word: re.Pattern[str]) -> Iterator[tuple[str, int]]:
    """The first lines, of at most :data:`_MAX_COMMAND` characters, where ``word`` occurs, each
    with where the next line starts."""
    end = -1
    for _ in range(_MAX_PLACES):
        m = word.search(text, end + 1) if end < len(text) else None
        if m is None:
            return
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if end - start <= _MAX_COMMAND:
            yield text[start:end], end + 1


def pasted_secrets(text: str) -> list[str]:
    """The secrets a pasted text shows by their syntax: what a client sent to log in (a SASL
    response, in base64 and decoded to its password), and passwords written in URLs or as
    settings. A user name alone is not a secret. At most :data:`_MAX_PLACES` places of each
    kind are read: a log with more logins than that is no one's own paste."""
    found = [m["secret"] for m in _first(_SASL_RESPONSE.finditer(text))
             if (m.start() == 0 or not text[m.start() - 1].isalnum()) and _decoded(m["secret"]) is not None]
    url, setting, quoted, bearer, basic, parameter = _WRITTEN
    for m in _first(basic.finditer(text)):
        user_pass = _decoded(m["secret"])
        if user_pass is not None and ":" in user_pass:
            found += (m["secret"], user_pass.partition(":")[2])
    found += (m["secret"] for m in _first(url.finditer(text)))
    found += (m["secret"] for m in _first(bearer.finditer(text))
              if (m.start() == 0 or not text[m.start() - 1].isalnum()) and not m["secret"].isalpha())
    found += (_unquoted(m["secret"]) for m in _first(setting.finditer(text))
              if _PASSWORD_KEY.search(text, max(0, m.start() - 40), m.start()))
    found += (m["secret"] for m in _first(parameter.finditer(text))
              if _PASSWORD_KEY.fullmatch(m["key"]) or (m["key"].lower() == "code" and _is_code(m["secret"])))
    found += (_unquoted(m["secret"]) for m in _first(quoted.finditer(text))
              if m["key"].lower() != "code" or _is_code(_unquoted(m["secret"])))
    for line, _ in _lines_with(text, _COMMAND_WORD):
        for pattern, tagged in zip(_CLIENT_SENDS, (True, False), strict=True):
            found += (_unquoted(m["secret"]) for m in pattern.finditer(line) if _sent(line, m, tagged=tagged))
    for line, after in _lines_with(text, _CHALLENGE_WORD):
        following = text[after:after + _MAX_ANSWER + 1].partition("\n")[0]
        challenge = _CHALLENGE.search(line)
        answer = _ANSWER.search(following) if challenge and len(following) <= _MAX_ANSWER else None
        if challenge and answer and _decoded(answer["secret"]) is not None:
            found.append(answer["secret"])
            asked = _decoded(challenge["challenge"] or "") or ""
            if "pass" in asked.lower():  # LOGIN's "Password:" challenge: the answer is the password
                found.append(_decoded(answer["secret"]) or "")
    for blob in list(found):
        text_of = _decoded(blob)
        if text_of and "\0" in text_of:  # PLAIN: authzid NUL authcid NUL password (RFC 4616)
            found.append(text_of.rpartition("\0")[2])
        if text_of and "auth=Bearer " in text_of:  # XOAUTH2: user=...^Aauth=Bearer TOKEN^A^A
            found.append(text_of.partition("auth=Bearer ")[2].split("\1")[0])
    # A log that already masks the password ("***") shows no secret.
    return [s for s in dict.fromkeys(found) if len(s) >= 3 and s != REDACTED and s.strip("*")]


def names_scan(text: str, limit: int) -> str:
    """The first ``limit`` characters of a pasted text as the tables of names read it (ontheway,
    selfsigned, tlsclients): each secret it shows blanked, since a password ("password=Win7") names
    nothing and its words must not be quoted in a report; runs of spaces and line breaks as one
    space, since a name wrapped across lines ("Java  7") is one name."""
    head = text[:limit]
    for secret in pasted_secrets(head):
        if secret:
            head = head.replace(secret, " ")
    return " ".join(head.split())


def scrub_facts(facts: Iterable[Fact], scrub: Scrubber) -> tuple[Fact, ...]:
    """The facts with every text field scrubbed (a fact's kind and numbers carry no secret)."""
    return tuple(Fact(f.kind, tuple((k, scrub(v) if isinstance(v, str) else v) for k, v in f.items))
                 for f in facts)

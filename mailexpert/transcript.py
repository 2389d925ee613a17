"""How far a pasted SMTP debug transcript shows the session got.

A mail library's debug output ("SERVER -> CLIENT: 220 ...", "send: b'ehlo ...'", "C: STARTTLS")
marks each line it sent and each it read with a prefix of its own (data/error-texts.yaml
``transcript_markers``). Read line by line in that program's marks, the transcript shows the last
step of the session the server answered: a greeting says a TCP connection was made, a "220" to
STARTTLS that the upgrade was accepted and the TLS handshake came next. A generic word the same
program prints after that step ("Could not connect to SMTP host") is said of the step that
failed, not of the connection.
"""

from __future__ import annotations

import functools
import re

import attrs

from mailexpert.classify import error_texts

#: The steps of an SMTP session (RFC 5321 section 3, RFC 3207, RFC 4954), in their order.
STAGES = ("greeting", "ehlo", "starttls-accepted", "tls", "auth", "authenticated", "mail", "rcpt", "data")

#: The step a command reaches once the server answers it positively.
_STEP_OF = {"EHLO": "ehlo", "HELO": "ehlo", "STARTTLS": "starttls-accepted", "MAIL FROM": "mail", "RCPT TO": "rcpt",
            "DATA": "data"}

#: Most lines of a transcript read: a session's steps stand in its first few hundred lines.
MAX_LINES = 5000
MAX_LINE = 2000

# A time stamp before the mark (PHPMailer's Debugoutput 'html'/'echo' with a date, a logger's own).
_STAMP = r"(?:[\[(]?\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T,]+[\d:.,]{5,15}\w*[\])]?[ \t]+|[\[(]?[\d:.]{8,15}[\])]?[ \t]+)?"
_VERB = r"(EHLO|HELO|STARTTLS|AUTH|MAIL FROM|RCPT TO|DATA|QUIT|RSET|NOOP)\b"
_CODE = r"([2-5]\d\d)(?:[ -]|$)"
_LOGGER = r"(?:(?:\[[^\]\n]{0,40}\]|debug|info|trace)[ \t]+){0,3}"
# smtplib writes repr() of what it sent and read: b'...' on Python 3, '...' on Python 2.
_REPR = r"(?:b?['\"])?"


@attrs.frozen
class Reached:
    """The furthest step a transcript shows, and what it shows of the last exchange."""

    program: str
    stage: str
    last_command: str | None
    last_code: int | None


@functools.cache
def _markers() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str], tuple[str, ...]], ...]:
    """Each program's (name, client line, server line, words the text must hold)."""
    out = []
    for row in error_texts()["transcript_markers"]:
        def alt(prefixes: list[str]) -> str:
            return "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))

        # A mark stands at a line's start, after a time stamp, a logger's level and connection id
        # (nodemailer's "[stamp] DEBUG [id] S: ") or the object the program names (Net::Cmd's
        # "Net::SMTP=GLOB(0x...)>>> "); an empty mark is the protocol's bare line.
        lead = rf"^[ \t]*{_STAMP}{_LOGGER}(?:\S*?(?<=[)\]]))?"
        client = re.compile(rf"{lead}(?:{alt(row['client'])})[ \t]*{_REPR}{_VERB}", re.IGNORECASE)
        server = re.compile(rf"{lead}(?:{alt(row['server'])})[ \t]*{_REPR}{_CODE}", re.IGNORECASE)
        out.append((row["program"], client, server, tuple(row.get("needs", ()))))
    return tuple(out)


def _lines(text: str) -> list[str]:
    return [line[:MAX_LINE] for line in text.split("\n", MAX_LINES)[:MAX_LINES]]


def read(text: str) -> Reached | None:
    """The furthest step of the session the transcript shows reached; None when the text is no
    transcript of a program the table knows (no line sent and no line read in its marks)."""
    low = text.lower()
    lines = _lines(text)
    for program, client, server, needs in _markers():
        if needs and not all(n in low for n in needs):
            continue
        steps: list[tuple[str, str]] = []  # ("c", VERB) or ("s", code)
        for line in lines:
            sent = client.match(line)
            if sent:
                steps.append(("c", sent.group(1).upper()))
                continue
            said = server.match(line)
            if said:
                steps.append(("s", said.group(1)))
        if any(who == "c" for who, _ in steps) and any(who == "s" for who, _ in steps):
            return _reached(program, steps)
    return None


def _reached(program: str, steps: list[tuple[str, str]]) -> Reached:
    """The furthest step among the exchanges: a command counts once the server answered it
    positively (a 2xx or 3xx reply, RFC 5321 section 4.2.1); the greeting is a 220 before any
    command; after STARTTLS was accepted, any later exchange shows the handshake completed."""
    reached = -1
    pending: str | None = None
    last_command: str | None = None
    last_code: int | None = None

    def at_least(stage: str) -> None:
        nonlocal reached
        reached = max(reached, STAGES.index(stage))

    for who, what in steps:
        if who == "c":
            # QUIT after a failed step is sent into a connection that may be gone: no progress.
            if reached == STAGES.index("starttls-accepted") and what != "QUIT":
                at_least("tls")
            pending = last_command = what
            if what == "AUTH":
                at_least("auth")
            continue
        last_code = int(what)
        if reached == STAGES.index("starttls-accepted"):
            at_least("tls")
        positive = what[0] in "23"
        if pending is None:
            if what == "220":
                at_least("greeting")
            continue
        if positive:
            step = _STEP_OF.get(pending)
            if pending == "AUTH" and what == "235":
                step = "authenticated"
            if step == "starttls-accepted" and what != "220":
                step = None
            if step is not None:
                at_least(step)
        pending = pending if what == "334" else None
    return Reached(program, STAGES[reached] if reached >= 0 else "connected", last_command, last_code)

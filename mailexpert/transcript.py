"""How far a pasted SMTP debug transcript shows the session got.

A mail library's debug output ("SERVER -> CLIENT: 220 ...", "send: b'ehlo ...'", "C: STARTTLS")
marks each line it sent and each it read with a prefix of its own (data/error-texts.yaml
``transcript_markers``). Read line by line in that program's marks, the transcript shows the last
step of the session the server answered: a greeting says a TCP connection was made, a "220" to
STARTTLS that the upgrade was accepted and the TLS handshake came next. A generic word the same
program prints after that step ("Could not connect to SMTP host") is said of the step that
failed, not of the connection. The transcript also shows what the last EHLO answer offered (AUTH
or not, before or inside TLS) and which command, if any, the server never answered: the step at
which the session broke.
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

#: The session's step a command left unanswered opens (facts/service.yaml service.failure's
#: steps): the EHLO answer, the login, the envelope, the message.
FAILED_STEP = {"EHLO": "capability", "HELO": "capability", "AUTH": "login", "MAIL FROM": "mail", "RCPT TO": "mail",
               "DATA": "data"}

#: The step of a server's reply (facts/service.yaml server.reply's stage) that answers each command.
REPLY_STAGE = {"EHLO": "capability", "HELO": "capability", "STARTTLS": "starttls", "AUTH": "auth", "MAIL FROM": "mail",
               "RCPT TO": "rcpt", "DATA": "data"}

#: Most lines of a transcript read: a session's steps stand in its first few hundred lines.
MAX_LINES = 5000
MAX_LINE = 2000

# A time stamp before the mark (PHPMailer's Debugoutput 'html'/'echo' with a date, a logger's own).
_STAMP = r"(?:[\[(]?\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T,]+[\d:.,]{5,15}\w*[\])]?[ \t]+|[\[(]?[\d:.]{8,15}[\])]?[ \t]+)?"
_VERB = r"(EHLO|HELO|STARTTLS|AUTH|MAIL FROM|RCPT TO|DATA|QUIT|RSET|NOOP)\b"
# smtp-cli writes the code in brackets ("[503] 'bad sequence of commands'").
_CODE = r"([2-5]\d\d)(?:[ \]-]|$)"
# Roundcube's own log lines (rcube::write_log): "[05-Jan-2021 23:35:41 +0000]: <sessid> " -- the date in
# brackets with a colon after it, the session key in angle brackets -- before Net_SMTP's "Send:"/"Recv:".
_LOGGER = r"(?:(?:\[[^\]\n]{0,40}\]:?|<[0-9A-Za-z]{1,40}>|debug|info|trace)[ \t]+){0,3}"
# smtplib writes repr() of what it sent and read: b'...' on Python 3, '...' on Python 2.
_REPR = r"(?:b?['\"])?"


#: A keyword of an EHLO answer (RFC 5321 section 4.1.1.1, ehlo-line): after "250-" or "250 ", also
#: where PHPMailer's debug output runs the answer's lines together ("250-mx250-AUTH PLAIN").
_EHLO_KEYWORD = re.compile(r"250[- ]([A-Za-z0-9](?:(?!250[- ])[A-Za-z0-9-])*)")


@attrs.frozen
class Reached:
    """The furthest step a transcript shows, and what it shows of the last exchange."""

    program: str
    stage: str
    last_command: str | None
    last_code: int | None
    #: The keywords of the last EHLO answer shown (its first line, the server's name, left out),
    #: upper case; None when no EHLO answer is shown.
    offer: tuple[str, ...] | None = None
    #: That answer came after the server accepted STARTTLS (RFC 3207 section 4.2: the client
    #: asks again inside TLS, and the server may offer more there, AUTH among it).
    offer_tls: bool = False
    #: The last command the transcript shows sent and never answered (a QUIT sent after it
    #: aside): the step at which the session ended. AUTH while the server's last word was a
    #: 334 challenge; None when every command was answered.
    unanswered: str | None = None
    #: The client answered the server's "Username:" challenge of AUTH LOGIN ("334 VXNlcm5hbWU6",
    #: base64 of "Username:", draft-murchison-sasl-login) with an empty line, or the empty response
    #: "=" (RFC 4954 section 4): it sent no user name at all.
    empty_username: bool = False
    #: The last command the server refused (answered with a 4xx or 5xx reply, RFC 5321 section
    #: 4.2.1), and that reply's code: the step that failed, whatever the program sent after it
    #: (a QUIT). None when no command was refused.
    refused: str | None = None
    refused_code: int | None = None
    #: The server answered 535 to an AUTH that named only its mechanism ("AUTH PLAIN", "AUTH LOGIN": no initial
    #: response), with no 334 challenge between: RFC 4954 section 4 has the server send a 334 to such an AUTH,
    #: so the refusal came before any user name or password was sent (curl/curl#4080: "> AUTH PLAIN", then
    #: "< 535 Incorrect authentication data"). The last AUTH shown only, and only where the AUTH line and the 535
    #: stand next to each other in the paste (blank lines aside).
    credentials_unsent: bool = False
    #: The same AUTH and 535, with lines between them that are neither the program's sent nor its read lines ("...",
    #: "[snip]", a note): the paster may have cut the 334 challenge and the credentials out (to hide their base64),
    #: so the transcript does not show that none were sent.
    credentials_unsent_elided: bool = False


#: What follows AUTH when it names its mechanism alone (RFC 4954 section 4: "AUTH mechanism [initial-response]"),
#: up to the line's end, the end of a repr()'d line ("\\r\\n'") or a logger's closing quote.
_MECHANISM_ONLY = re.compile(r"[ \t]+[A-Za-z0-9_-]+(?:\\r|\\n|[\r'\"])*[ \t]*$")

#: The LOGIN mechanism's first challenge, "Username:" in base64 (draft-murchison-sasl-login section 2).
_USERNAME_CHALLENGE = re.compile(r"334[ \t]+VXNlcm5hbWU6\b")


@functools.cache
def _markers() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str], tuple[str, ...], re.Pattern[str], tuple[str, ...]],
                        ...]:
    """Each program's (name, client line, server line, words the text must hold, client line that sent nothing,
    starts of its own notes between the exchange's lines)."""
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
        blank = re.compile(rf"{lead}(?:{alt(row['client'])})[ \t]*=?[ \t\r]*$", re.IGNORECASE)
        out.append((row["program"], client, server, tuple(row.get("needs", ())), blank, tuple(row.get("notes", ()))))
    return tuple(out)


#: A multiline reply's next line, indented under the first (RFC 5321 section 4.2.1: "250-" lines, then "250 ").
_CONTINUED = re.compile(r"[ \t]+([2-5]\d\d)[- ]")


def _lines(text: str) -> list[str]:
    return [line[:MAX_LINE] for line in text.split("\n", MAX_LINES)[:MAX_LINES]]


def read(text: str) -> Reached | None:
    """The furthest step of the session the transcript shows reached; None when the text is no
    transcript of a program the table knows (no line sent and no line read in its marks)."""
    low = text.lower()
    lines = _lines(text)
    for program, client, server, needs, blank, notes in _markers():
        if needs and not all(n in low for n in needs):
            continue
        # ("c", VERB, "", cut) or ("s", code, the reply from its code on, cut); cut: a line that is neither the
        # program's sent nor its read line stands between this one and the step before (an elision, a note)
        steps: list[tuple[str, str, str, bool]] = []
        asked_user = empty_username = False  # the last line read was the "Username:" challenge; it got nothing
        cut = False
        for line in lines:
            if asked_user and blank.match(line):
                empty_username = True
            asked_user = False
            sent = client.match(line)
            if sent:
                verb = sent.group(1).upper()
                steps.append(("c", verb, "mechanism-only" if verb == "AUTH" and _MECHANISM_ONLY.match(line, sent.end())
                              else "", cut))
                cut = False
                continue
            said = server.match(line)
            if said:
                steps.append(("s", said.group(1), line[said.start(1):], cut))
                cut = False
                asked_user = bool(_USERNAME_CHALLENGE.match(line, said.start(1)))
                continue
            more = _CONTINUED.match(line)
            if more and steps and steps[-1][0] == "s":
                # A reply's further lines under its first, indented and without the program's mark
                # (PHPMailer's debug output: "SERVER -> CLIENT: 250-mx Hello" / "    250-SIZE 52428800").
                steps.append(("s", more.group(1), line[more.start(1):], cut))
                cut = False
                continue
            cut = cut or (bool(steps) and bool(line.strip()) and not line.lstrip().startswith(notes))
        if any(who == "c" for who, *_ in steps) and any(who == "s" for who, *_ in steps):
            reached = _reached(program, steps)
            return attrs.evolve(reached, empty_username=True) if empty_username else reached
    return None


def _reached(program: str, steps: list[tuple[str, str, str, bool]]) -> Reached:
    """The furthest step among the exchanges: a command counts once the server answered it
    positively (a 2xx or 3xx reply, RFC 5321 section 4.2.1); the greeting is a 220 before any
    command; after STARTTLS was accepted, any later exchange shows the handshake completed.
    Beside it: the last EHLO answer's keywords, and the command left without an answer."""
    reached = -1
    pending: str | None = None
    last_command: str | None = None
    last_code: int | None = None
    answer: list[str] | None = None  # the lines answering the last EHLO/HELO, while no command follows
    # The lines of the last answer that held a 250, up to its last 250: read for keywords once,
    # at the end (read at every line, a pasted answer of thousands of lines took minutes).
    offered: tuple[list[str], int] | None = None
    offer_tls = False
    quit_after: str | None = None  # the command still unanswered when QUIT was sent
    quitting = False
    refused: tuple[str, int] | None = None  # the last command answered with 4xx/5xx, and the code
    mechanism_only = unsent = False  # the last AUTH named its mechanism alone; a 535 answered it before any 334
    elided = False  # that 535 came after lines the program did not mark (a cut)

    def at_least(stage: str) -> None:
        nonlocal reached
        reached = max(reached, STAGES.index(stage))

    for who, what, said, cut in steps:
        if who == "c":
            # QUIT after a failed step is sent into a connection that may be gone: no progress.
            if reached == STAGES.index("starttls-accepted") and what != "QUIT":
                at_least("tls")
            if what == "QUIT":
                if not quitting:
                    quit_after, quitting = pending, True
            else:
                quitting = False
            answer = [] if what in ("EHLO", "HELO") else None
            if what in ("EHLO", "HELO"):
                offer_tls = reached >= STAGES.index("starttls-accepted")
            pending = last_command = what
            if what == "AUTH":
                at_least("auth")
                mechanism_only, unsent, elided = said == "mechanism-only", False, False
            continue
        last_code = int(what)
        if answer is not None:
            answer.append(said)
            if said.startswith("250"):
                offered = (answer, len(answer))
        if reached == STAGES.index("starttls-accepted"):
            at_least("tls")
        positive = what[0] in "23"
        if pending is None:
            if what == "220":
                at_least("greeting")
            # 235 answers AUTH alone (RFC 4954 section 6: "235 2.7.0 Authentication Succeeded"): a log pasted
            # from the login's answer on still shows the login taken.
            if what == "235":
                at_least("authenticated")
            continue
        if what[0] in "45" and pending not in (None, "QUIT"):
            refused = (pending, int(what))
        if pending == "AUTH":
            unsent, elided = mechanism_only and what == "535", cut
            mechanism_only = mechanism_only and what != "334"
        if positive:
            step = _STEP_OF.get(pending)
            if pending == "AUTH" and what == "235":
                step = "authenticated"
            if step == "starttls-accepted" and what != "220":
                step = None
            if step is not None:
                at_least(step)
        # A 334 challenge asks for more of the login, a 354 for the message: the command's own
        # answer (235, or the 250 after the message's end, RFC 5321 section 4.1.1.4) is still to come.
        pending = pending if what in ("334", "354") else None
    offer = None
    if offered is not None:
        # The answer's first line names the server; its keywords follow.
        lines, upto = offered
        offer = tuple(k.upper() for k in _EHLO_KEYWORD.findall("\n".join(lines[:upto]))[1:])
    return Reached(program, STAGES[reached] if reached >= 0 else "connected", last_command, last_code,
                   offer, offer_tls, quit_after if quitting else pending,
                   refused=refused[0] if refused else None, refused_code=refused[1] if refused else None,
                   credentials_unsent=unsent and not elided, credentials_unsent_elided=unsent and elided)

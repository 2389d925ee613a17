"""A pasted session log or transcript read for what it shows: the commands the client sent, how far
the session got, what the server offered (EHLO, STARTTLS, AUTH) before a login, and what a plaintext
server logged of a client's first bytes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable
from typing import Any

import attrs

from mailexpert import concepts, greeting, namedhost, pastetext, transcript
from mailexpert.account import ServerSetting
from mailexpert.classify import classify_ssl_text, clean_text, error_texts, fold, locate
from mailexpert.facts import Fact, fact
from mailexpert.pasted import MAX_TEXT, UNKNOWN_HOST, Recognised, hints, mentions
from mailexpert.probes.dialects.base import OAUTH_MECHANISMS, masked
from mailexpert.replies import find_reply
from mailexpert.wordfold import caseless

_LOGGED_COMMAND = re.compile(
    r"(?:>>>|(?<![\w-])->|^>|client -> server:|\bsend:|(?<![\w-])c:)[ \t]*(STARTTLS|EHLO|HELO|AUTH|MAIL|RCPT|DATA|RSET|NOOP|QUIT)\b",
    re.IGNORECASE | re.MULTILINE)


# A command alone on its line, as a pasted telnet session or a library's raw trace shows what the
# client typed or sent between the server's replies: in the form RFC 5321 gives it (STARTTLS takes
# no argument, RFC 3207), so that a sentence that starts with a command's name is not one.
_BARE_COMMAND = re.compile(
    r"^[ \t]*(?:(STARTTLS|DATA|RSET|NOOP|QUIT)|(EHLO|HELO)[ \t]+[^\s]+|(MAIL)[ \t]+FROM:[^\n]*|(RCPT)[ \t]+TO:[^\n]*"
    r"|(AUTH)[ \t]+[A-Z0-9-]+(?:[ \t]+[^\s]+)?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE)


#: Characters of a reply's first words (before any of its lines were joined) that find them again
#: in the paste decoded with its escaped breaks kept; and how far before (its code, a log record's
#: head) and after them (its further lines, at most a few kB as servers send them) it is read again.
_ANCHOR = 12
_BEFORE_WORDS = 300
_AFTER_WORDS = 8_000


def whole_reply(decoded: str, breaks: list[tuple[int, bool]],
                escapes_kept: str | None = None) -> tuple[dict[str, Any], str, str]:
    """:func:`_whole_reply`, and where the paste's line breaks were escaped (``escapes_kept``: the
    text decoded with pastetext.ESCAPED_BREAK_MARK for them), the same reply read on over them.
    pastetext.decoded makes escaped breaks real where they outnumber the real ones, and a real
    break after a log record's line ends a reply (replies._LOG_RECORD); but a server's multi-line
    reply that a log wrote escaped inside one quoted field (Go's logfmt msg="554 Transaction
    failed\\nReject due to ...\\nFor explanation visit ...", a JSON log's "msg", Python's repr
    b'...\\r\\n...') goes on past them: its last line may hold the deciding words."""
    reply, context, read_from = _whole_reply(decoded, breaks)
    if escapes_kept is None or not reply:
        return reply, context, read_from
    # Read on only around where the first reading's words stand (a log record escaped whole is one
    # line of a megabyte): the reply's code before them, its escaped lines after.
    said = str(reply.get("text", ""))
    kept = pastetext.finished(escapes_kept)
    at = kept.find(said[:_ANCHOR]) if said else -1
    if at < 0:
        return reply, context, read_from
    start = max(kept.rfind("\n", 0, at) + 1, at - _BEFORE_WORDS)
    end = kept.find("\n", at)
    end = min(len(kept) if end < 0 else end, at + _AFTER_WORDS)
    longer, _ = find_reply(kept[start:end].strip())
    more = str(longer.get("text", ""))
    if (all(reply.get(k) == longer.get(k) for k in ("protocol", "code", "enhanced", "status"))
            and len(more) > len(said) and more.startswith(said)):
        return {**reply, "text": more}, context, read_from
    return reply, context, read_from


def _whole_reply(decoded: str, breaks: list[tuple[int, bool]]) -> tuple[dict[str, Any], str, str]:
    """The server's reply in a :func:`pastetext.decoded` text, its line, and the text it was read from:
    read in the text as pasted and in the text with its soft wraps joined -- not after a log
    record's line, which the reply readers never go on from (replies._LOG_RECORD), unless the
    wrap split the reply itself (below) -- and the longer words of the same reply kept. (A reply's words a paste wrapped onto the next line
    ("Client host" / "[192.0.2.7] blocked using ...") are read whole once joined; the reply
    readers also go on over a wrap themselves, from how the lines end, which the joined text
    no longer shows.)"""
    lined = pastetext.finished(decoded).strip()
    reply, context = find_reply(lined)
    other, other_context, unwrapped = reply, context, lined
    if any(not record for _, record in breaks):
        unwrapped = pastetext.finished(pastetext.joined(decoded, breaks, across_records=False)).strip()
        other, other_context = find_reply(unwrapped)
        same = all(reply.get(k) == other.get(k) for k in ("protocol", "code", "enhanced", "status"))
        if same and len(str(reply.get("text", ""))) > len(str(other.get("text", ""))):
            other, other_context, unwrapped = reply, context, lined
    if not any(record for _, record in breaks):
        return other, other_context, unwrapped
    # A paste that wrapped a log record's line inside the reply it holds ("... stat=451 Temporary" /
    # "failure, please try again later.", or after its code): the reply read on over the wrap,
    # its words whole -- the same reply, or the one a code alone at the line's end begins.
    whole = pastetext.finished(pastetext.joined(decoded, breaks)).strip()
    longer, longer_context = find_reply(whole)
    said, more = str(other.get("text", "")), str(longer.get("text", ""))
    same = all(other.get(k) == longer.get(k) for k in ("protocol", "code", "enhanced", "status"))
    if longer and (not other or (same and len(more) > len(said) and _goes_on_from(said, more))):
        return longer, longer_context, whole
    return other, other_context, unwrapped


def _goes_on_from(said: str, more: str) -> bool:
    """Whether ``more`` is ``said`` with more words: all of said's words in order (a multiline reply a log
    wrote a record a line, each record wrapped: "550-Message rejected" / "because ... is blacklisted" /
    "... Recv: 550 Too many failed" / "logins" reads "Message rejected Too many failed" without the wraps
    joined, and with them the reply's every word)."""
    if more.startswith(said):
        return True
    words = iter(_WORD.findall(more))
    return all(word in words for word in _WORD.findall(said))


#: A word of a reply's text, without the code or the marks a log line joins to it ("550-Requested").
_WORD = re.compile(r"[^\W\d_]+")


#: The commands whose replies a session log's last command says it answers, by the step each is: STARTTLS
#: (RFC 3207) and AUTH (RFC 4954; a 500 or 502 to it says the server has no SMTP authentication there,
#: RFC 5321 section 4.2.4, where it says nothing of the password).
_STEPS = {"STARTTLS": "starttls", "AUTH": "auth"}


#: The words of those commands, in the lower case a log's :func:`caseless` copy holds them in.
_STEP_WORDS = re.compile("|".join(word.lower() for word in _STEPS))


def logged_step(text: str, line: str) -> str:
    """The step a reply in a session log answers: starttls or auth when the last command the log
    shows the client sending before the reply's line is STARTTLS or AUTH, else unknown."""
    at = text.rfind(line)
    if at <= 0:
        return "unknown"
    before = text[:at][-MAX_TEXT:]
    low = caseless(before)
    if low is None:
        return _last_command(before, 0, len(before)) or "unknown"
    # Only a line that names STARTTLS or AUTH can send either: the log is read back from the last
    # such line, region by region, until a command shows (a command never spans lines), not read
    # whole. Each region reaches back over twice as many of the words as the one before (a log that
    # names STARTTLS on each of 60,000 lines, and never sends it, is read in a few passes, not one
    # per line): the last command of the first region that shows one is the last before the reply,
    # and only a STARTTLS or AUTH there names a step. Where the words stand is found in one scan.
    named = [m.start() for m in _STEP_WORDS.finditer(low)]
    left, end, span = len(named), len(before), 1
    while left > 0:
        start = before.rfind("\n", 0, named[max(0, left - span)]) + 1
        last = _last_command(before, start, end)
        if last is not None:
            return last
        left, end, span = bisect.bisect_left(named, start, 0, left), start, span * 2
    return "unknown"


def _last_command(text: str, start: int, end: int) -> str | None:
    """What the last command the log shows sent between ``start`` and ``end`` (line starts) says of
    the step: starttls, auth or unknown; None when it shows none there."""
    sent = [(m.start(), m.group(1)) for m in _LOGGED_COMMAND.finditer(text, start, end)]
    sent += [(m.start(), next(g for g in m.groups() if g)) for m in _BARE_COMMAND.finditer(text, start, end)]
    if not sent:
        return None
    return _STEPS.get(max(sent)[1].upper(), "unknown")


#: A command a client's session log shows it sending ("CLIENT -> SERVER: EHLO", "send: 'ehlo",
#: "C: AUTH"), found in two parts: the commands are rare in a long log, the prefixes' first
#: letters are not, so a scan that starts from the commands and looks back for the prefix (and
#: the blanks before the command) costs less than one that tries the prefix at every position.
_SENT_VERB = re.compile(r"\b(EHLO|HELO|AUTH|STARTTLS)\b", re.IGNORECASE)
_SENT_PREFIX = re.compile(r"(?:client -> server:|\bsend:|(?<![\w-])c:)\Z", re.IGNORECASE)


def _sent(text: str) -> list[tuple[int, str]]:
    """Each command the log shows the client sending: (where its prefix starts, the command in upper case)."""
    found = []
    for m in _SENT_VERB.finditer(text):
        at = m.start()
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        prefix = _SENT_PREFIX.search(text, max(0, at - len("client -> server:")), at)
        if prefix is not None:
            found.append((prefix.start(), m.group(1).upper()))
    return found


_EHLO_KEYWORD = re.compile(r"(?:server -> client:|\brecv:|(?<![\w-])s:)[ \t]*250[- ]([A-Za-z0-9-]+)", re.IGNORECASE)


def session(text: str, where: tuple[str | None, int | None]) -> Recognised | None:
    """A failed login in a client's session log that never sent AUTH (nor STARTTLS): the
    server offered no mechanism on that connection (RFC 4954 section 3: AUTH must be
    advertised in the EHLO answer). With the server's EHLO lines logged: STARTTLS offered
    without AUTH is login offered only after TLS (RFC 8314); else no login on that port."""
    sent = {verb for _, verb in _sent(text[:MAX_TEXT])}
    if not sent & {"EHLO", "HELO"} or sent & {"AUTH", "STARTTLS"}:
        return None
    keywords = {m.group(1).upper() for m in _EHLO_KEYWORD.finditer(text[:MAX_TEXT])}
    if "AUTH" in keywords:
        return None
    host, port = where
    if "STARTTLS" in keywords:
        caps = fact("service.capabilities", host=host or UNKNOWN_HOST, port=port or 0, protocol="smtp", tls=False,
                    starttls=True, auth_offered=False, raw=clean_text(" ".join(sorted(keywords)), 300), source="pasted")
        return Recognised("a client's session log: the server offers STARTTLS but no AUTH, and the client did not upgrade",
                          (caps,))
    skipped = fact("login.result", host=host or UNKNOWN_HOST, port=port or 0, protocol="smtp", outcome="skipped",
                   skipped_reason="not-offered", text="the client's session log shows no AUTH command")
    return Recognised("a client's session log: the login failed before any AUTH command was sent", (skipped,))


#: A continuation line of a logged EHLO answer, printed on its own line ("250-SIZE 157286400"
#: under "SERVER -> CLIENT: 250-host Hello"), after an optional time stamp.
_EHLO_CONTINUED = re.compile(r"^[ \t]*(?:[\d-]{8,10}[ T][\d:.]{5,15}[ \t]+)?250[- ]([A-Za-z0-9-]+)", re.MULTILINE)
_AUTH_OFFER = re.compile(r"(?:^|[\s:])250[- ]AUTH[ =]([A-Za-z0-9 _-]{1,200})", re.IGNORECASE | re.MULTILINE)
_STARTTLS_WORD = re.compile("starttls", re.IGNORECASE)


def with_logged_offer(read: Recognised, text: str, setting: ServerSetting | None) -> Recognised:
    """A client's "no mechanism it can use", with the EHLO answer's AUTH line its log shows
    beside it (emailjs's field smtp, Twisted's last exchanged lines): where that line offers
    only OAuth2 mechanisms, the server's capabilities say which reading it is (RFC 4954
    section 3: AUTH lists every mechanism the server takes)."""
    skipped = next((f for f in read.facts if f.kind == "login.result" and f.get("skipped_reason") == "no-mechanism"),
                   None)
    if skipped is None:
        return read
    offers = _AUTH_OFFER.findall(text[:MAX_TEXT])
    offered = offers[-1].upper().split() if offers else []
    if not offered or not set(offered) <= OAUTH_MECHANISMS:
        return read
    keywords = {m.group(1).upper() for m in _EHLO_CONTINUED.finditer(text[:MAX_TEXT])}
    caps = fact("service.capabilities", host=skipped.get("host"), port=skipped.get("port"), protocol="smtp",
                tls=setting is not None and setting.security != "plain", starttls="STARTTLS" in keywords,
                auth_offered=True, mechanisms=" ".join(offered), password_auth=False, oauth_only=True,
                raw=clean_text(" ".join(offered), 300), source="pasted")
    return attrs.evolve(read, facts=(*read.facts, caps))


#: A line of a logged EHLO answer (RFC 5321 section 4.1.1.1), after an optional time stamp and
#: the log's prefix for what the server sent: its separator and its first word.
_EHLO_ANSWER_LINE = re.compile(
    r"^[ \t]*(?:[\d-]{8,10}[ T][\d:.]{5,15}[ \t]+)?(?:(?:server -> client:|recv:|s:|<-|<<<)[ \t]*)?250([- ])(\S*)",
    re.IGNORECASE)


def masked_offer(text: str, setting: ServerSetting | None) -> Fact | None:
    """The capabilities of a logged EHLO answer in which a keyword was overwritten on the way
    (Cisco ESMTP inspection's "XXXXXXXA" for STARTTLS, :func:`masked`): a device on the network
    strips STARTTLS (rules/tls/starttls-stripped.yaml). The first line of each answer is the
    server's greeting with its domain (RFC 5321 section 4.1.1.1, ehlo-greet), which a pasted log
    may have blanked out with X's: only the keyword lines after it count. None otherwise."""
    if "xxxx" not in text[:MAX_TEXT].lower():
        return None  # no keyword can be overwritten: spare every text the line-by-line read
    keywords: list[str] = []
    greeting = True
    for line in text[:MAX_TEXT].splitlines():
        m = _EHLO_ANSWER_LINE.match(line)
        if m is None:
            greeting = True
            continue
        if not greeting:
            keywords.append(m.group(2).upper())
        # A "250 " line ends the answer; the next 250 line opens another one.
        greeting = m.group(1) == " "
    if not masked(keywords):
        return None
    host, port = (setting.host, setting.port) if setting else namedhost.hostport(text)
    return fact("service.capabilities", host=host or UNKNOWN_HOST, port=port or 0, protocol="smtp", tls=False,
                starttls="STARTTLS" in keywords, starttls_masked=True, auth_offered="AUTH" in keywords,
                raw=clean_text(" | ".join(keywords), 300), source="pasted")


@attrs.frozen
class _Offer:
    """What a client's SMTP session log shows the server's EHLO answer offering on the connection the
    client's last AUTH went over: after the last STARTTLS the client sent before that AUTH, if any."""

    keywords: frozenset[str]
    #: The mechanisms of its "250 AUTH" line, as logged; empty when it has none.
    mechanisms: tuple[str, ...]
    #: The client sent STARTTLS before the AUTH (RFC 3207: the answer read after it is the one inside TLS).
    tls: bool
    #: The log shows the client's own commands: its EHLO and its AUTH.
    commands_logged: bool

    def fact(self, where: tuple[str | None, int | None]) -> Fact:
        """The offer as a pasted service.capabilities fact of the server ``where`` names."""
        host, port = where
        offered = set(self.mechanisms)
        return fact("service.capabilities", host=host or UNKNOWN_HOST, port=port or 0, protocol="smtp",
                    tls=self.tls, starttls=not self.tls and "STARTTLS" in self.keywords,
                    auth_offered="AUTH" in self.keywords or bool(offered),
                    raw=clean_text(" ".join(sorted(self.keywords) or self.mechanisms), 300), source="pasted",
                    **({"mechanisms": clean_text(" ".join(self.mechanisms), 200),
                        "password_auth": bool({"PLAIN", "LOGIN"} & offered),
                        "oauth_only": offered <= OAUTH_MECHANISMS} if offered else {}))


def _offer_before_auth(text: str) -> _Offer:
    """:class:`_Offer` of a session log (at most MAX_TEXT of it). A log that shows no AUTH sent (PHPMailer 5's
    shows only the server's lines) is read to its end: the refusal it quotes answers the last AUTH."""
    sent = _sent(text)
    auths = [at for at, verb in sent if verb == "AUTH"]
    end = auths[-1] if auths else len(text)
    upgraded = [at for at, verb in sent if verb == "STARTTLS" and at < end]
    before = text[upgraded[-1] if upgraded else 0:end]
    keywords = {m.group(1).upper() for m in _EHLO_KEYWORD.finditer(before)}
    keywords |= {m.group(1).upper() for m in _EHLO_CONTINUED.finditer(before)}
    offers = _AUTH_OFFER.findall(before)
    return _Offer(keywords=frozenset(keywords), mechanisms=tuple(offers[-1].upper().split()) if offers else (),
                  tls=bool(upgraded),
                  commands_logged=bool(auths) and any(verb in ("EHLO", "HELO") for _, verb in sent))
# The line of a client's log that names the host it connected to, with the port where the line gives it:
# PHPMailer's "Connection: opening to ssl://HOST:PORT, timeout=300" (SMTP::connect's debug line), curl's
# "* Connected to HOST (ADDRESS) port PORT", MailKit's ProtocolLogger "Connected to smtps://HOST:PORT/",
# Python smtplib's debug "connect: ('HOST', PORT)", nodemailer's "Resolved HOST as ADDRESS" before its
# "Connection established to ADDRESS:PORT", and a program's own "Connecting to [server] HOST [on port PORT]".
# A line that names only an address names no provider's host.
_CONNECTED_TO = re.compile(
    r"(?:\bconnection: opening to |\bconnected to |\bconnecting to (?:server )?|\bconnect: \('|\bresolved )"
    r"(?:(?:ssl|tls|smtps?)://)?"
    r"([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,63})\.?(?:'?,[ \t]*|:| \([^)\n]*\) port | on port )?(\d{1,5})?",
    re.IGNORECASE)
# A logged SMTP greeting (RFC 5321 section 4.2: "220", then the server's name): after an optional time stamp
# or log head, the log's mark for what the server sent (PHPMailer's "SERVER -> CLIENT:" and its older
# "SMTP -> FROM SERVER:", MailKit's "S:", curl's "<", smtplib's "reply: b'", others' "<<", "<-", "recv:").
_LOGGED_GREETING = re.compile(
    r"^[^\n]{0,40}?(?:server -> client:|from server:|\bs:|<<|<-|<|\brecv:|\breply: b['\"])[ \t]*(220[- ][^\n]*)$",
    re.IGNORECASE | re.MULTILINE)


def greeted_as(text: str) -> Fact | None:
    """The name the SMTP server gave itself in the greeting a client's session log shows right after the line
    that names the host it connected to (:data:`_CONNECTED_TO`), where that name is a DNS name
    (:func:`greeting.greeted_name`): the last such connection of the log. None otherwise."""
    scanned = text[:MAX_TEXT]
    found = None
    connects = list(itertools.islice(_CONNECTED_TO.finditer(scanned), MAX_CONNECTS))
    for i, m in enumerate(connects):
        end = connects[i + 1].start() if i + 1 < len(connects) else len(scanned)
        said = _LOGGED_GREETING.search(scanned, m.end(), end)
        name = greeting.greeted_name(said.group(1)) if said else None
        if name is not None:
            found = (m.group(1).lower().rstrip("."), int(m.group(2) or 0), name)
    if found is None:
        return None
    host, port, name = found
    return fact("service.greeted-as", host=host, port=port if port <= 65535 else 0, protocol="smtp", name=name,
                domain=greeting.registered_domain(name), source="pasted")


#: How many connections of a long log are read for their greeting.
MAX_CONNECTS = 50


def auth_before_tls(text: str, where: tuple[str | None, int | None]) -> Fact | None:
    """What a client's SMTP session log shows the server offered on the connection it sent its
    (last) AUTH on: after the STARTTLS the client sent before it, if any (``tls`` true), else
    before TLS where the server offers STARTTLS -- a server that takes logins only after TLS
    (RFC 3207, RFC 8314) refuses such an AUTH whatever the mechanism. None when the log shows
    not the client's EHLO and AUTH, no EHLO answer for that connection, or an unencrypted one
    without STARTTLS."""
    text = text[:MAX_TEXT]
    if _STARTTLS_WORD.search(text) is None:
        # Neither sent nor offered: nothing below can find it (a quick look saves the scans of a long log).
        return None
    offer = _offer_before_auth(text)
    if not offer.commands_logged or not offer.keywords or (not offer.tls and "STARTTLS" not in offer.keywords):
        return None
    return offer.fact(where)


def auth_offered_beside(text: str, where: tuple[str | None, int | None]) -> Fact | None:
    """The mechanisms a client's session log shows the server's EHLO answer offering (its "250 AUTH" line) on the
    connection the client's last AUTH went over, beside a refusal of that AUTH as a command the server does not
    know: a server that offers AUTH knows the command, so the refusal is of the mechanism the client named, one the
    server does not offer (RFC 4954 sections 3 and 4: the EHLO answer lists every mechanism the server takes).
    None without such a line on that connection."""
    offer = _offer_before_auth(text[:MAX_TEXT])
    return offer.fact(where) if offer.mechanisms else None


def _reached_fact(reached: transcript.Reached) -> Fact:
    return fact("transcript.reached", protocol="smtp", program=reached.program, stage=reached.stage,
                source="pasted", **({"last_command": reached.last_command} if reached.last_command else {}),
                **({"last_code": reached.last_code} if reached.last_code is not None else {}),
                **({"unanswered": reached.unanswered} if reached.unanswered else {}),
                **({"empty_username": True} if reached.empty_username else {}),
                **({"credentials_unsent": True} if reached.credentials_unsent else {}),
                **({"credentials_unsent_elided": True} if reached.credentials_unsent_elided else {}),
                **({"refused": reached.refused, "refused_code": reached.refused_code} if reached.refused else {}))


def refused_command(reached: transcript.Reached | None, code: object, stage: str) -> Fact | None:
    """How far a client's SMTP transcript got, where the server's refusal the text quotes (``code``)
    is the transcript's answer to a command it shows (transcript.Reached.refused): which command the
    server refused says what the refusal means (HELO refused by a server that takes only EHLO, MAIL
    refused as out of sequence before a login). ``stage`` is the step the text's own words give the
    refusal: unknown, or the refused command's. None otherwise."""
    if reached is None or reached.refused is None or reached.refused_code != code:
        return None
    if stage not in ("unknown", transcript.REPLY_STAGE.get(reached.refused)):
        return None
    return _reached_fact(reached)


def empty_username(reached: transcript.Reached | None) -> Fact | None:
    """How far a client's SMTP transcript got (``reached``, the text's transcript as read), where it
    shows the client answering the server's "Username:" challenge with nothing
    (transcript.Reached.empty_username): the user name setting is empty, whatever the password. None
    otherwise."""
    return _reached_fact(reached) if reached is not None and reached.empty_username else None


def credentials_unsent(reached: transcript.Reached | None) -> Fact | None:
    """How far a client's SMTP transcript got (``reached``), where it shows the server answering 535 to an AUTH
    that named only its mechanism, before any 334 challenge (transcript.Reached.credentials_unsent): no password
    was sent, so the refusal is of the exchange, not of the password; or the same with lines cut between them
    (transcript.Reached.credentials_unsent_elided), which leaves that a possibility only. None otherwise."""
    if reached is None or not (reached.credentials_unsent or reached.credentials_unsent_elided):
        return None
    return _reached_fact(reached)


#: A program's words that the wait ran out ("timed-out (300 sec)", "Connection timed out"); not
#: "timeout=300", a setting PHPMailer prints when it opens the connection.
_TIMED_OUT = re.compile(r"\btimed[ -]?out\b", re.IGNORECASE)
_RESET = re.compile(r"\bconnection (?:was )?reset\b|\breset by peer\b|\bECONNRESET\b", re.IGNORECASE)


def quit_after_starttls(reached: transcript.Reached | None) -> bool:
    """The client's next line after the server's "220" to STARTTLS is QUIT: it gave up the TLS
    handshake RFC 3207 section 4 has it begin at once -- the handshake failed on its side (a
    certificate it refused, no protocol or cipher in common). Programs close such a session
    politely: PEAR Net_SMTP's starttls() returns enableCrypto's error and its disconnect() sends
    QUIT (pear/Net_SMTP:Net/SMTP.php), which Roundcube's SMTP class calls on a failed connect;
    PHPMailer's smtpConnect() quits after a failed TLS or login ("close connection nicely",
    PHPMailer/PHPMailer:src/PHPMailer.php)."""
    return reached is not None and reached.stage == "starttls-accepted" and reached.last_command == "QUIT"


def _certificate_verdict(text: str) -> bool:
    """The text's words give a certificate's verdict (data/concepts.yaml: "Peer certificate CN=... did not
    match ...", "self-signed certificate"), which says what the handshake after STARTTLS met in any program's
    sentence, whether or not the stack's own wording of it was collected."""
    found = concepts.read(text, about_mail=True)
    return found is not None and tuple(found.reading.gives.get("tls") or ())[:1] == ("cert-invalid",)


def after_transcript(text: str, reached: transcript.Reached | None, said: str, protocol: str | None,
                     where: tuple[str | None, int | None], setting: ServerSetting | None) -> Recognised | None:
    """A client's SMTP debug transcript (mailexpert/transcript.py) read with the program's
    generic "could not connect" or "connection closed" after it: a step the server answered
    says the TCP connection and the greeting plainly worked, whatever the program's words.

    Where the last step answered was the "220" to STARTTLS, the TLS handshake that follows
    (RFC 3207 section 4) is the step that failed -- PHPMailer prints its "Could not connect to
    SMTP host" for a failed crypto upgrade as for a failed connection (PHPMailer/PHPMailer:
    src/SMTP.php startTLS, src/PHPMailer.php smtpConnect). Where the transcript ends on a
    command the server never answered (EHLO after the greeting, AUTH after a 334 challenge,
    MAIL FROM, RCPT TO, DATA), the session broke at that step: PHPMailer's "Could not connect"
    and smtplib's "Connection unexpectedly closed" (cpython:Lib/smtplib.py getreply) are said of
    whichever reply did not come. None for any other ending, or when TLS words in the text say
    what a handshake met (the TLS reading). ``reached`` is the text's transcript as read (the caller
    reads it once for all who ask)."""
    if reached is None:
        return None
    verdict = classify_ssl_text(text).outcome
    host, port = where
    if setting is None and host is None:
        host = UNKNOWN_HOST
    if reached.stage == "starttls-accepted":
        # TLS words that say what the handshake met read on their own: a stack's (the TLS table's) or any
        # program's sentence that names a certificate's verdict (concepts.yaml). Without any, a QUIT as the
        # client's next line still says the handshake it had asked for failed.
        if verdict in (None, "error") and _certificate_verdict(text):
            return None
        if verdict != "error" and not (verdict is None and quit_after_starttls(reached)):
            return None
        handshake = fact("tls.handshake", host=host or UNKNOWN_HOST, port=port or 0, protocol=protocol or "smtp",
                         mode="starttls", outcome="error", verify="unchecked", source="pasted",
                         reason=f"{reached.program}'s transcript ends after the server accepted STARTTLS")
        return Recognised(f"{reached.program}'s SMTP transcript: the server accepted STARTTLS, then the TLS "
                          "handshake failed without a reason", (_reached_fact(reached), handshake))
    step = transcript.FAILED_STEP.get(reached.unanswered or "")
    if step is None or reached.stage == "connected":
        return None
    if verdict not in ("error", "timeout", "reset") and mentions(fold(text), hints().tls):
        return None  # TLS words say what a handshake met: the TLS reading
    failure = "timeout" if _TIMED_OUT.search(text[:MAX_TEXT]) else "reset" if _RESET.search(text[:MAX_TEXT]) else "closed"
    cut = fact("service.failure", host=host or UNKNOWN_HOST, port=port or 0, protocol="smtp", step=step,
               failure=failure, text=clean_text(said.strip(), 300), source="pasted")
    return Recognised(f"{reached.program}'s SMTP transcript: the server answered up to {reached.stage}, then "
                      f"{reached.unanswered} got no reply ({failure})", (
        fact("tcp.connect", host=host or UNKNOWN_HOST, port=port or 0, outcome="connected", source="pasted"),
        cut, _reached_fact(reached)))


def with_transcript_offer(read: Recognised, transcript_read: Callable[[], transcript.Reached | None]) -> Recognised:
    """A program's "the server offers no authentication" (or no mechanism it can use), or a
    login that failed with no AUTH sent, with the EHLO answer its debug transcript shows last
    (mailexpert/transcript.py): an answer without AUTH says which reading it is -- read inside
    TLS, or on a connection that offers no STARTTLS, the port takes no login at all; read before
    TLS beside STARTTLS, the login waits for TLS (RFC 4954 section 3, RFC 3207 section 4.2). The
    capabilities stand for the program's words; unchanged when no such answer is shown. ``transcript_read``
    gives the text's transcript as read, asked for only when the reading is such a login: most are not,
    and a long transcript is costly to read."""
    said = [f for f in read.facts
            if (f.kind == "login.result" and f.get("skipped_reason") in ("not-offered", "no-mechanism"))
            or (f.kind == "service.capabilities" and f.get("auth_offered") is False)]
    if not said:
        return read
    reached = transcript_read()
    if reached is None or reached.offer is None or "AUTH" in reached.offer:
        return read
    first = said[0]
    caps = fact("service.capabilities", host=first.get("host") or UNKNOWN_HOST, port=first.get("port") or 0,
                protocol="smtp", tls=reached.offer_tls, starttls="STARTTLS" in reached.offer, auth_offered=False,
                raw=clean_text(" ".join(reached.offer), 300), source="pasted")
    return attrs.evolve(read, facts=(*(f for f in read.facts if f not in said), caps, _reached_fact(reached)))


# An IMAP client's protocol log (MailKit's "C: " / "S: ", imaplib's debug, Mail::IMAPClient's "Sending:" /
# "Read:") shows the command it sent under the same tag as the server's tagged answer: RFC 9051 section 2.2.1,
# the tag pairs a completion with its command. The tag is one or more of its characters (letters, digits,
# dots); "*" and "+" are no tags.
_IMAP_TAGGED_FAILURE = re.compile(r"(?:^|[\s:>'\"])([A-Za-z0-9][A-Za-z0-9.]{0,19})[ \t]+(?:NO|BAD)\b")
# The same in a line lowered whole (a user's retyped log), where the tag is one of letters then digits, as
# replies._IMAP_LOWERED reads it.
_IMAP_TAGGED_FAILURE_LOWERED = re.compile(r"(?:^|[\s:>'\"])([a-z]{1,4}\d{1,9})[ \t]+(?:no|bad)\b")
_IMAP_RESPONSES = frozenset({"OK", "NO", "BAD", "BYE", "PREAUTH"})


# An IMAP capability list as a client's log shows it: the greeting's "* OK [CAPABILITY ...]" or the
# untagged "* CAPABILITY ..." (RFC 9051 sections 7.1 and 7.2.2), read up to its closing bracket or line end.
_IMAP_CAPABILITY = re.compile(r"\*[ \t]+(?:OK[ \t]+\[)?CAPABILITY[ \t]+(IMAP4[^\]\r\n]{0,1000})", re.IGNORECASE)
# A STARTTLS the client sent: a tag before the command, alone at its line's end (RFC 9051 section 6.2.1) but
# for quotes and the CRLF a log may write as text, a backslash before r and n (RainLoop's "> TAG1 STARTTLS" so).
_IMAP_STARTTLS_SENT = re.compile(r"(?:^|[\s:>'\"])[A-Za-z0-9][A-Za-z0-9.]{0,19}[ \t]+STARTTLS(?:\\[rn]|[^\w\n])*$",
                                 re.IGNORECASE)
_PASSWORD_MECHANISMS = frozenset({"AUTH=PLAIN", "AUTH=LOGIN"})
# A command the client sent under its tag, on a line of its own (not the server's capability list): the log
# is an IMAP client's own, not another protocol's client quoting an IMAP greeting it met (wrong port).
_IMAP_COMMAND_SENT = re.compile(r"(?:^|[\s:>'\"])(?!(?:OK|NO|BAD|BYE|PREAUTH)\b)[A-Za-z0-9][A-Za-z0-9.]{0,19}[ \t]+"
                                r"(?:LOGOUT|CAPABILITY|LOGIN|AUTHENTICATE|ID|NOOP)\b", re.IGNORECASE)


def imap_login_disabled(text: str, where: tuple[str | None, int | None]) -> Recognised | None:
    """An IMAP client's log whose server lists STARTTLS and LOGINDISABLED, without a password
    mechanism, while the client never sent STARTTLS: the server takes no password before TLS (RFC
    9051 section 6.2.3: LOGINDISABLED; RFC 8314), so a client set to no encryption has nothing to log
    in with -- Thunderbird logs out at once, its log ending on the server's "* BYE" to that LOGOUT.
    None otherwise (a list read after STARTTLS, or one that offers a password mechanism)."""
    head = text[:MAX_TEXT]
    if "logindisabled" not in head.lower():
        return None
    # The client's lines: not the server's capability lists, whose words may end on STARTTLS too. The lists
    # are cut out, not their lines dropped: a command that a pasted log's unwrapping joined to the greeting's
    # line is still the client's.
    sent = _IMAP_CAPABILITY.sub(" ", head).splitlines()
    if any(_IMAP_STARTTLS_SENT.search(line) for line in sent) or not any(_IMAP_COMMAND_SENT.search(line) for line in sent):
        return None
    for listed in _IMAP_CAPABILITY.finditer(head):
        words = {w.upper() for w in listed.group(1).split()}
        if {"LOGINDISABLED", "STARTTLS"} <= words and not words & _PASSWORD_MECHANISMS:
            host, port = where
            caps = fact("service.capabilities", host=host or UNKNOWN_HOST, port=port or 0, protocol="imap", tls=False,
                        starttls=True, auth_offered=any(w.startswith("AUTH=") for w in words), password_auth=False,
                        login_disabled=True, raw=clean_text(listed.group(1), 300), source="pasted")
            return Recognised("an IMAP client's log: the server disables LOGIN before STARTTLS, and the client "
                              "did not upgrade", (caps,))
    return None


def imap_command(text: str, line: str) -> str | None:
    """The command (upper case) a tagged IMAP NO or BAD on ``line`` answers, where the text shows it
    sent under the same tag; None where it does not."""
    tagged = _IMAP_TAGGED_FAILURE.search(line) or (
        _IMAP_TAGGED_FAILURE_LOWERED.search(line) if line == line.lower() else None)
    if tagged is None:
        return None
    sent = re.compile(rf"(?:^|[\s:>'\"]){re.escape(tagged.group(1))}[ \t]+([A-Za-z]{{2,20}})\b", re.MULTILINE)
    for command in sent.finditer(text[:MAX_TEXT]):
        word = command.group(1).upper()
        if word not in _IMAP_RESPONSES:
            return word
    return None


@functools.cache
def _pop3_sent() -> re.Pattern[str]:
    return re.compile(error_texts()["pop3_transcript"]["client"], re.IGNORECASE)


def pop3_command(text: str, line: str) -> str | None:
    """The command (upper case) a POP3 -ERR on ``line`` answers: the last one the client's log shows it
    sent before that line (data/error-texts.yaml ``pop3_transcript``; POP3 pairs each response with the
    command before it, RFC 1939 section 3); None where the log shows none."""
    at = text.find(line.strip()) if line.strip() else -1
    if at < 0:
        return None
    sent = _pop3_sent().findall(text[max(0, at - MAX_TEXT):at])
    return sent[-1].upper() if sent else None


_CLIENT_ADDRESS = re.compile(r"from ([\w.-]+\[[0-9A-Fa-f.:]+\])|H=(\S+(?: \S+)?) \[([0-9A-Fa-f.:]+)\]")


def client_first(text: str) -> Recognised | None:
    """A plaintext server's log of what a client sent first (``client_first`` in
    data/error-texts.yaml): a TLS record where a command belongs is a client set to SSL/TLS."""
    low = fold(text)
    found = [(locate(r["match"], low)[0], r) for r in error_texts()["client_first"]]
    found = [(at, r) for at, r in found if at >= 0]
    if not found:
        return None
    # The last such line of a log; a line that shows the client's bytes before one that only says it left.
    at, row = max(found, key=lambda f: (f[1]["when"] != "no-command", f[0]))
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    if row["when"] == "no-command" and mentions(low, hints().tls):
        # The server's log shows a TLS step: the TLS words say more than the bare disconnect.
        return None
    tls = any(r["match"] in line for r in error_texts()["tls_record"])
    if not tls and row["when"] == "before-greeting":
        # Text before the greeting is a script or a spam engine that does not wait, not a
        # mail program's setting: the rest of the text says more.
        return None
    client = _CLIENT_ADDRESS.search(line)
    spoken = "tls" if tls else "unread" if row["when"] == "no-command" else "plain"
    spoke = fact("client.spoke", protocol=row["protocol"], when=row["when"], spoken=spoken,
                 text=clean_text(line.strip(), 300), source="pasted",
                 **({"host": next(g for g in client.groups() if g)} if client else {}))
    if spoken == "unread":
        return Recognised("a server's log: a client left without sending a command", (spoke,))
    said = "a TLS handshake" if tls else "words that are not commands of the protocol"
    return Recognised(f"a server's log: a client sent {said} {row['when'].replace('-', ' ')}", (spoke,))


# How long a client stayed before a handshake the server logged failed (elapsed_ms of a server's tls.handshake):
# Dovecot's login process says it ("(no auth attempts in 10 secs)", dovecot/core:src/login-common/client-common.c,
# client_get_extra_disconnect_reason); Postfix's smtpd logs the session's "connect from NAME[ADDR]" and the failed
# handshake's "SSL_accept error from NAME[ADDR]: ..." (vdukhovni/postfix:postfix/src/smtpd/smtpd.c,
# src/tls/tls_server.c), each on a line with its syslog time (the time of a line whose message a paste moved to
# the next line is the last one before it). In any case: a log lowered whole ("dec 04 12:46:57 ... ssl_accept error")
# keeps its times and events.
_NO_AUTH_WAIT = re.compile(r"\(no auth attempts in (\d{1,6}) secs\)[^\n]*\btls handshaking\b", re.IGNORECASE)
_LOG_TIME = re.compile(r"(?:[A-Za-z][a-z]{2} +\d{1,2} |\d{4}-\d\d-\d\d[T ])(\d\d):(\d\d):(\d\d)\b")
_SESSION_EVENT = re.compile(r"\b(connect|SSL_accept error) from (\S{1,300}?\[[0-9A-Fa-f.:]{2,45}\])", re.IGNORECASE)
_SECONDS_A_DAY = 86_400


def server_wait_ms(text: str) -> int | None:
    """How many milliseconds the client stayed from its connection to the failed handshake, where a
    server's log says it (whole seconds); None where it does not."""
    text = text[:MAX_TEXT]
    said = _NO_AUTH_WAIT.search(text)
    if said:
        return int(said.group(1)) * 1000
    opened: dict[str, int] = {}
    now: int | None = None
    for line in text.splitlines():
        stamp = _LOG_TIME.match(line.strip())
        if stamp:
            now = int(stamp.group(1)) * 3600 + int(stamp.group(2)) * 60 + int(stamp.group(3))
        event = _SESSION_EVENT.search(line)
        if event is None or now is None:
            continue
        if event.group(1).lower() == "connect":
            opened[event.group(2)] = now
        elif event.group(2) in opened:
            return (now - opened[event.group(2)]) % _SECONDS_A_DAY * 1000
    return None

"""Explaining a pasted error: a client's error message or a server's reply, turned into facts.

Users rarely have a probe's view of the failure, but they do have the text their mail
client showed: ``535 5.7.8 Username and Password not accepted``, ``NO [AUTHENTICATIONFAILED]``,
``[SSL: WRONG_VERSION_NUMBER] wrong version number``, ``[Errno 111] Connection refused``,
``NXDOMAIN: The DNS query name does not exist``. :func:`explain_facts` recognises which
kind of text it is -- through the same tables the probes use (:mod:`mailexpert.classify`) --
and returns the facts a probe would have reported, marked ``source: pasted``; :func:`explain`
reasons over them with the rule base. What the text does not say (the host, the port) can be
given as the server setting the client used; otherwise the host is ``unknown`` and the port 0.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import attrs

from mailexpert import (
    addons,
    concepts,
    knowledge,
    namedhost,
    oautherror,
    ontheway,
    pastetext,
    retyped,
    selfsigned,
    sessionlog,
    tlsclients,
    transcript,
    wording,
    yamlsource,
)
from mailexpert.account import Account, ServerSetting, account_facts
from mailexpert.classify import (
    DNS_TEXT_TABLE,
    EVIDENCE_ORDER_FILE,
    GAP,
    OWN_SOCKET_REPLY,
    SOCKET_GENERIC_TABLE,
    SOCKET_TEXT_TABLE,
    SSL_TEXT_TABLE,
    Greeting,
    classify_dns_text,
    classify_socket_text,
    classify_ssl_text,
    clean_text,
    dns_text_outcome,
    error_texts,
    fingerprint_greeting,
    fold,
    locate,
    logged_by_server,
    socket_errno,
    socket_route,
    ssl_reason,
)
from mailexpert.errors import InputError
from mailexpert.facts import Fact, fact
from mailexpert.namedhost import named_host
from mailexpert.oautherror import OAuthError
from mailexpert.pasted import MAX_TEXT, UNKNOWN_HOST, Recognised, hints, mentions
from mailexpert.probes.dialects.base import OAUTH_MECHANISMS
from mailexpert.probes.tls import settable_name
from mailexpert.reasoning import Answerer
from mailexpert.redact import Scrubber, pasted_secrets, scrub_facts
from mailexpert.replies import (
    FAILING,
    overcome_login,
    parse_reply,
    status_codes,
    status_fields,
    without_delivered_deferrals,
    worded_reply,
)
from mailexpert.report import Report
from mailexpert.textsafe import not_utf8
from mailexpert.wordfold import caseless, may_hold, may_match, needed, row_index
from mailexpert.wording import MAX_REPLY_PLACES, NARROWER, Wording, find_wording

#: A paste longer than this (characters) is read with the cyclic collector paused (see explain).
_PAUSE_GC_ABOVE = 100_000

#: TLS outcomes that say only the kind of failure, not its reason.
_UNSPECIFIC_TLS = frozenset({"alert", "error"})
#: Certificate verdicts a shorter row gives where the whole text may say a narrower one:
#: Go's "has expired or is not yet valid", "self-signed certificate [in certificate chain]", and a server's
#: placeholder certificate for a client that sent no SNI, which the stack calls self-signed or not for the
#: name (data/concepts.yaml placeholder-certificate: "/CN=invalid2.invalid").
_REFINED = {"expired": frozenset({"not-yet-valid"}), "self-signed": frozenset({"self-signed-in-chain", "no-sni"}),
            "hostname-mismatch": frozenset({"no-sni"})}
#: The reasons a handshake's failure has that the words around a stack's bare "handshake failed" may give: a key the
#: client refused as weak (OpenSSL SSL_R_DH_KEY_TOO_SMALL, NSS SSL_ERROR_WEAK_SERVER_EPHEMERAL_DH_KEY) or no
#: protocol version in common (RFC 8446 appendix D).
_HANDSHAKE_REASONS = frozenset({"dh-key-too-small", "protocol-version"})
_URL_SCHEME = re.compile(r"\b(?:ssl|tls)://")


_DNS_NAME = re.compile(
    r"(?:does not exist:|question:|answer the query)\s*([A-Za-z0-9_.-]+?)\.?(?:\s+IN\s+([A-Z]+))?(?:[:\s]|$)")
# The host a resolver error names, as the client printed it (stray quotes and spaces kept:
# they are what the user typed).
_RESOLVE_NAME = re.compile(
    r"(?:getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|(?<![a-z])lookup(?: failed:)?|resolve host:|UnknownHostException:(?! Unable to resolve)|Unknown SMTP host:|"
    r"host lookup|hostname\"?:|server \(SMTP\))\s*(?!(?:failed|no address|nodename|name or service|temporary failure)\b)(['\"]?[^\s'\":;)\]]+?(?: +['\"]| +(?=\])|['\"])?)(?=\.?,?(?:\s|$|[:;)\]]))", re.IGNORECASE)
# No name follows where the resolver's own reason does (getaddrinfo's gai_strerror words): "Unable to
# resolve host: No address associated with hostname" names no host "No".
# ("lookup" is a word of its own, not the end of Twisted's "DNSLookupError: DNS lookup failed: NAME.",
# twisted/internet/error.py; a closing bracket is the printer's: Node shows an error as "[Error: getaddrinfo ENOTFOUND host]",
# so spaces before that bracket are the name's own, typed into the host setting: "[Error: getaddrinfo ENOTFOUND host ]";
# a full stop after the name ends the sentence, or is the root of its fully qualified form, the same name:
# "UnknownHostException: smtp.example.org. Failed messages: ...", as JavaMail's MailSendException prints it;
# "failed" after the words is the sentence going on, no name: FairEmail's "Email server address lookup failed".)
# A host the client itself quotes (mutt, Android): the quotes are the client's, not the user's typing.
_QUOTED_HOST = re.compile(r"(?:could not find the host|unable to resolve host) \"([^\"\s]+)\"", re.IGNORECASE)
# A port right after the name a resolver error gives ("getaddrinfo ENOTFOUND smtp.example.org:587",
# "UnknownHostException: smtp.example.org:465"): the resolver was asked for the name and port as one,
# typed so into the host setting (Node's DNSException and Java's UnknownHostException print the name
# they were given, as it was given). Not Node's older second name "H H:587", which is its own
# host:port (only the first name is read).
_TYPED_PORT = re.compile(r":\d{1,5}(?=[\s\])'\",;]|$)")
# The same for a URL's scheme typed before the name ("smtps://smtp.example.org"): the resolver was asked
# for the whole URL, which the name pattern stops at its colon.
_TYPED_URL = re.compile(r"://[A-Za-z0-9.-]+(?::\d{1,5})?/?(?=[\s\])'\",;:]|$)")
# Any host name: the name a client's message is about, when no resolver wording frames it.
# (A program's dotted names -- socket.gaierror, java.net.UnknownHostException -- are no hosts.)
_HOSTNAME = re.compile(r"(?<![\w.@-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})"
                       r"(?<![Ee]rror)(?<![Ee]xception)(?!\.?[\w@-])")
_DNS_SERVER = re.compile(r"Server (?:Do53:)?([0-9a-fA-F.:]+)@(\d+)")
_TLS_HOST = re.compile(r"(?:not valid for|hostname)\s+'([^']+)'")


def _quoted_server(text: str, protocol: str | None, place: Callable[[str], tuple[str | None, int | None]],
                   setting: ServerSetting | None, after: int = -1) -> Recognised | None:
    """A server's refusal a client quotes after a label ("The server responded: ..."), read
    from its words, when it stands after position ``after`` and its words say a refusal."""
    quoted = concepts.server_words(text)
    if quoted is None or text.rfind(quoted) <= after:
        return None
    said = find_wording(quoted, clients=False)
    if said is not None:
        # The server's own words, whose codes are known (data/server-replies.yaml).
        return _wording_facts(said, protocol, *place(said[1]), setting)
    found = concepts.read(quoted, about_mail=True)
    if found is None or found.reading.gives.get("wording") not in ("server-words", "refused"):
        return None
    return _concept_facts(text, found, protocol, place(found.line), setting)


# A status quoted right after a wording: its colon, then the words in quotes.
_QUOTED_STATUS = re.compile(r"""[ \t]*:[ \t]*(["'\u201c])([^"'\u201d\n]{3,300})["'\u201d]""")


def _quoted_status(row: Wording, low: str, text: str) -> str | None:
    """The words a text quotes right after a wording's match, as in nginx's mail proxy log
    "client login failed: \"<its auth service's status>\"" (nginx/nginx:src/mail/
    ngx_mail_auth_http_module.c); None when no quote follows it."""
    at, _ = locate(row.match, low)
    if at < 0:
        return None
    for part in row.match.split(GAP):  # the end of the wording's last part
        at = low.find(part, at) + len(part)
    # The folded text keeps the original's length only where folding changed no length.
    if len(low) != len(text):
        return None
    m = _QUOTED_STATUS.match(text, at)
    return m.group(2) if m else None


def _wording_end(row: Wording, low: str) -> int:
    """Where the wording's last part ends in the text (-1: not found)."""
    at, _ = locate(row.match, low)
    if at < 0:
        return -1
    for part in row.match.split(GAP):
        at = low.find(part, at) + len(part)
    return at


def _after(found: concepts.Found, row: Wording, low: str) -> bool:
    """Whether the reading's words end after the wording's: the reason a chained message gives
    for a failure follows it."""
    at = _wording_end(row, low)
    return at >= 0 and found.end >= at


def _read_after(row: Wording, r: _Reading) -> concepts.Found | None:
    """The concept reading of the words after the wording alone: the reason a chained message gives after a
    failure it leaves unsaid, whose own words ("error", "failed") are no part of that reason -- a login form's
    button ("Login") under "Error accessing the mail server" is no refused login."""
    at = _wording_end(row, r.low)
    if at < 0:
        return None
    rest = (r.text if len(r.text) == len(r.low) else r.low)[at:]
    return concepts.read(rest, about_mail=True) if rest.strip() else None


def _coded(found: concepts.Found) -> bool:
    """Whether a concept reading names a response or status code: a reason, not only a failure."""
    return bool(found.reading.gives.get("enhanced") or found.reading.gives.get("code"))


#: What another protocol's greeting in place of the awaited one shows (see :func:`recognise`).
_OTHER_GREETING = Wording(match="", evidence="bad-greeting", strong=True)

def _first(row: tuple[str, Any]) -> str:
    return row[0]


def _saying_line(text: str, *tables: Sequence[tuple[str, object]]) -> str:
    """The line of a long text that holds the most specific row of the first of ``tables`` with
    a row in it (else the start)."""
    low = fold(text)
    for table in tables:
        found = [(size, at) for at, size in (locate(table[row][0], low) for row in row_index(table, _first).candidates(low))
                 if at >= 0]
        if found:
            _, at = max(found)
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            return text[start : end if end >= 0 else len(text)].strip()
    return text


def _socket_line(text: str) -> str:
    """The line that holds the text's socket error: a specific row's, else a generic one's."""
    return _saying_line(text, SOCKET_TEXT_TABLE, SOCKET_GENERIC_TABLE)




def recognise(
    text: str,
    *,
    setting: ServerSetting | None = None,
) -> Recognised:
    """Recognise a pasted text; :class:`InputError` when it is empty or not recognised.

    Secrets the text shows (:func:`mailexpert.redact.pasted_secrets`: what a client sent to
    log in, a password in a URL or a setting) are removed from every fact it gives, wherever
    the text repeats them."""
    caps = sessionlog.masked_offer(text, setting)
    try:
        got = _with_runner(_with_login(_recognise(text, setting=setting), text), text)
    except InputError:
        # A text whose only telling words show an add-on in the failure (a stack through its code,
        # the client's message that it disabled an add-in, "it works in safe mode"): its facts are
        # added with the other tables' (:func:`_explain_read`, data/add-ons.yaml).
        if caps is None and addons.seen(text):
            return Recognised("a mail client's text that shows an add-on in its failure", ())
        # A session log whose only telling line is a capability a middlebox overwrote.
        if caps is None:
            raise
        got = Recognised("a session log: the server's EHLO answer shows a capability overwritten on the way", ())
    if caps is not None:
        got = attrs.evolve(got, facts=(*got.facts, caps))
    if (greeted := sessionlog.greeted_as(text)) is not None:
        got = attrs.evolve(got, facts=(*got.facts, greeted))
    scrub = Scrubber(pasted_secrets(text[:MAX_TEXT]))
    if not scrub:
        return got
    return attrs.evolve(got, what=scrub(got.what), facts=scrub_facts(got.facts, scrub))


@functools.cache
def _login_mechanisms() -> tuple[tuple[re.Pattern[str], str, tuple[tuple[str, ...], ...], bool], ...]:
    """Each row's pattern, its mechanism, the strings a text it matches holds (wordfold.needed)
    and whether it is a library's list of the mechanisms it tried in turn with one secret."""
    rows = [(re.compile(r["pattern"], re.IGNORECASE), r["mechanism"], bool(r.get("tried_in_turn")))
            for r in error_texts()["login_mechanism"]]
    return tuple((pattern, mechanism, needed(pattern), in_turn) for pattern, mechanism, in_turn in rows)


#: How much of a text is searched for the mechanism of its login: a log shows the AUTH command
#: and the server's challenge before the refusal, near the end of the text as often as not.
MAX_MECHANISM_SCAN = 200_000


def _logged_login(text: str) -> tuple[str, OAuthError | None] | None:
    """The SASL mechanism a pasted text shows its login used, the last one it shows (data/
    error-texts.yaml ``login_mechanism``: the AUTH or AUTHENTICATE command a log shows, a
    program's words for it; or the server's error challenge of that mechanism, oautherror.py),
    with the error challenge shown after it, if any; None when it shows none."""
    scanned = text if len(text) <= 2 * MAX_MECHANISM_SCAN else text[:MAX_MECHANISM_SCAN] + "\n" + text[-MAX_MECHANISM_SCAN:]
    # A pattern is run only over a text that holds its words: most logs name no mechanism.
    low = caseless(scanned)
    shown = [(m.start(), mechanism, in_turn) for pattern, mechanism, needs, in_turn in _login_mechanisms()
             if may_match(needs, low) for m in itertools.islice(pattern.finditer(scanned), MAX_REPLY_PLACES)]
    # A library that tried the one secret with each mechanism in turn and lists each refusal: the
    # first password mechanism's refusal is the login's (an OAuth2 one after it only says that a
    # password is no token).
    in_turn = [(at, mechanism) for at, mechanism, listed in shown if listed and mechanism not in OAUTH_MECHANISMS]
    if in_turn:
        return min(in_turn)[1], None
    found: list[tuple[int, str, OAuthError | None]] = [(at, mechanism, None) for at, mechanism, _ in shown]
    found += [(at, challenge.mechanism, challenge) for at, challenge in oautherror.challenges(scanned)]
    if not found:
        return None
    last, mechanism, challenge = max(found, key=lambda item: item[0])
    if challenge is not None:
        # The command before the challenge names the mechanism, when the text shows it.
        before = max(((at, m) for at, m, c in found if c is None and at < last), default=None)
        mechanism = before[1] if before and before[1] in OAUTH_MECHANISMS else mechanism
    return mechanism, challenge


def logged_mechanism(text: str) -> str | None:
    """The SASL mechanism a pasted text shows its login used, the last one it shows; None when
    it shows none (see :func:`_logged_login`)."""
    login = _logged_login(text)
    return login[0] if login else None


def _with_login(got: Recognised, text: str) -> Recognised:
    """The server's refusal of a login with the mechanism the text shows that login used and,
    for an OAuth2 login, what the server's error challenge said of the token, and what the
    AADSTS code the text shows means: a refused OAuth2 token reads otherwise than a refused
    password."""
    refusals = [f for f in got.facts if f.kind == "server.reply" and f.get("stage") in ("auth", "unknown")
                and f.get("status") in FAILING]
    if not refusals:
        return _with_challenge_refusal(got, text)
    mechanism, challenge = _logged_login(text) or (None, None)
    entra = oautherror.entra_code(text) or {}
    if mechanism is None and not entra:
        return got

    def told(f: Fact) -> Fact:
        # A refusal whose wording named its mechanism keeps it (a program's words for its OAuth2
        # sign-in); the challenge is said of an OAuth2 login's refusal only.
        shown = f.get("mechanism") or mechanism
        said = challenge.fields() if challenge and shown in OAUTH_MECHANISMS else {}
        return fact("server.reply", {**f.fields, **entra, **({"mechanism": shown} if shown else {}), **said})

    return attrs.evolve(got, facts=tuple(told(f) if f in refusals else f for f in got.facts))


# The loopback names a connection failure's own line may give where the fact's host is not
# named (PHP's "unable to connect to 127.0.0.1:1025", "tcp://localhost:25"): localhost, the IPv4
# loopback network (RFC 1122 section 3.2.1.3) and the IPv6 loopback address (RFC 4291 section 2.5.3).
_LOOPBACK_NAMED = re.compile(r"(?<![\w.-])(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)(?::\d{1,5})?(?![\w-]|\.\w)",
                             re.IGNORECASE)


def _with_runner(got: Recognised, text: str) -> Recognised:
    """A pasted connection failure with what the text tells of where it was made: by a web
    application's mailer (its library's words, data/library-messages.yaml ``runs_in``), and to
    this same machine (a loopback host)."""
    connects = [f for f in got.facts if f.kind == "tcp.connect" and f.get("source") == "pasted"]
    if not connects:
        return got
    runner = wording.runs_in(text[:MAX_RUNNER_SCAN])
    # The text's timeouts are read once, for all its connections that timed out without a family.
    unplaced = any(f.get("outcome") == "timeout" and "family" not in f for f in connects)
    ipv6 = _ipv6_timed_out(text) if unplaced else {}

    def told(f: Fact) -> Fact:
        loopback = _loopback(str(f.get("host"))) or bool(_LOOPBACK_NAMED.search(str(f.get("error") or "")))
        resolved = _address_scope(str(f.get("host")), str(f.get("error") or ""))
        more = {**({"run_by": runner} if runner else {}), **({"loopback": True} if loopback else {}),
                **({"resolved_to": resolved} if resolved else {}),
                **(ipv6 if f.get("outcome") == "timeout" and "family" not in f else {})}
        return fact("tcp.connect", {**f.fields, **more}) if more else f

    return attrs.evolve(got, facts=tuple(told(f) if f in connects else f for f in got.facts))


#: How much of a text is searched for the words of a program that says where it runs.
MAX_RUNNER_SCAN = 100_000


#: How a refusal reads in each protocol, for a login the text shows refused only by its error challenge.
_CHALLENGE_REFUSAL = {"imap": "no", "pop3": "err"}


def _with_challenge_refusal(got: Recognised, text: str) -> Recognised:
    """A text that shows an OAuth2 login's error challenge but no refusal after it (a log cut
    there, a library's exception with the decoded body): the challenge is the refusal, since the
    server fails the login once the client answers it (RFC 7628 section 3.2.2). The refusal's
    fact says only what the challenge's checked fields say."""
    login = _logged_login(text)
    if login is None:
        return got
    mechanism, challenge = login
    if challenge is None:
        return got
    replies = [f for f in got.facts if f.kind == "server.reply"]
    where = {k: v for k, v in (replies[-1].fields.items() if replies else ()) if k in ("host", "port", "protocol")}
    protocol = str(where.get("protocol") or "unknown")
    said = f"the server's OAuth2 error challenge: status {challenge.status}"
    said += f", scope {challenge.scope}" if challenge.scope else ""
    refusal = fact("server.reply", {**where, "protocol": protocol, "stage": "auth",
                                    "status": _CHALLENGE_REFUSAL.get(protocol, "permanent"), "text": said,
                                    "mechanism": mechanism, "source": "pasted", **challenge.fields()})
    return attrs.evolve(got, facts=(*got.facts, refusal))


@attrs.define(slots=False)  # slots=False: functools.cached_property needs a __dict__
class _Reading:
    """What every step of :func:`_recognise` looks at: the text as read, and what was found in it
    before any step decides (the reply it quotes, the wording that matches, the client's first
    words). Steps run in :data:`_STEPS` order; the first that answers decides. Two steps leave a
    mark for later ones (``worded`` dropped, ``tls_unsaid``), which is why this is not frozen."""

    text: str
    low: str
    setting: ServerSetting | None
    server: Any
    protocol: str | None
    reply: Mapping[str, Any]
    context: str
    stage: str
    bare: bool
    worded: tuple[Wording, str] | None
    tls_unsaid: bool = False  # TLS is named, but no TLS wording known says what failed

    def place(self, line: str) -> tuple[str | None, int | None]:
        """The host and port: the setting's, else those the evidence's own line names, else the
        server the text's words name (with the port the text gives it, if any)."""
        if self.setting:
            return self.setting.host, self.setting.port
        host, port = namedhost.hostport(line)
        if host:
            return host, port or namedhost.logged_port(line)
        # A log names the server on the line that opens the connection, the error comes later.
        host, port = namedhost.hostport(self.text)
        if self.server is None or host == self.server.host:
            return host, port or namedhost.logged_port(line) or namedhost.logged_port(self.text)
        return self.server.host, self.server.port

    @functools.cached_property
    def reached(self) -> transcript.Reached | None:
        """How far a debug transcript in the text shows the session got (mailexpert/transcript.py),
        read once for every step that asks: a transcript of thousands of lines is costly to read."""
        return transcript.read(self.text[:MAX_TEXT])

    @functools.cached_property
    def first(self) -> Recognised | None:
        """What a session log shows the client sent first, where a greeting was due."""
        return sessionlog.client_first(self.text)

    @property
    def failing(self) -> bool:
        """Whether the text quotes a server's refusal (a 4xx/5xx, NO/BAD, -ERR)."""
        return bool(self.reply) and self.reply.get("status") in FAILING

    def worded_facts(self, worded: tuple[Wording, str]) -> Recognised:
        """The facts of a wording that matched, placed on its own line."""
        return _wording_facts(worded, self.protocol, *self.place(worded[1]), self.setting)

    def concept_facts(self, found: concepts.Found, line: str | None = None) -> Recognised:
        return _concept_facts(self.text, found, self.protocol, self.place(found.line if line is None else line),
                              self.setting)

    def with_offers(self, read: Recognised) -> Recognised:
        """A reading with what a pasted session log shows the server offered."""
        return sessionlog.with_transcript_offer(sessionlog.with_logged_offer(read, self.text, self.setting),
                                                lambda: self.reached)


def _read(text: str, setting: ServerSetting | None) -> _Reading:
    """The text undone from its pasted form and checked, with what the steps look at found once."""
    if len(text) > MAX_TEXT:
        raise InputError(f"explain: the text is too long ({len(text)} characters; at most {MAX_TEXT})")
    # The asker's own sentences around the paste are not the program's words (data/error-texts.yaml user_framing).
    text = raw = pastetext.without_framing(text)
    # (A Postfix deferral that a later line of the log shows delivered is left out before anything reads the text.)
    decoded = without_delivered_deferrals(pastetext.decoded(text))
    breaks = pastetext.soft_breaks(decoded)
    text = pastetext.finished(pastetext.joined(decoded, breaks)).strip()
    if not text:
        raise InputError("explain: the text is empty; paste the error message or the server's reply")
    text = pastetext.without_asides(text).strip()
    if not text:
        raise InputError("explain: this text is only a mail server's log lines that say nothing of a failure (what "
                         "its resolver said of a connecting client's name, a client that hung up after QUIT); paste "
                         "the lines that say what failed")
    problem = not_utf8(text)  # a library caller's text too: the engine's C core cannot carry it
    if problem:
        raise InputError(f"explain: the text is {problem}")
    if setting is None and concepts.elsewhere(text):
        # Another service's words (a web request's, a Windows share's) read as a mail server's
        # would name a cause that is not there: the text is not about mail.
        raise InputError("explain: this text is about another kind of service (a web request, a file share, a "
                         "container registry, a database, a directory server, SSH or git), not mail; paste the error "
                         "your mail program or mail server printed")
    server = None if setting else named_host(text)
    kept = pastetext.decoded(raw, pastetext.ESCAPED_BREAK_MARK) if pastetext.escapes_breaks(raw) else None
    reply, context, read_from = sessionlog.whole_reply(decoded, breaks, kept)
    if not reply:
        reply, read_from = _report_reply(text)
    if not reply and concepts.message_crypto(text):
        # A missing recipient key or certificate stops the program before it reaches the server; read as a
        # certificate or login failure, it would send the user to the server's settings.
        raise InputError("explain: this text is about the message's own end-to-end encryption (an OpenPGP key or an "
                         "S/MIME certificate the mail program needs for you or a recipient), not about reaching or "
                         "logging in to the mail server; check the encryption settings of the account and the "
                         "recipients' keys or certificates in the mail program, or send the message unencrypted")
    # RFC 4954: 534, 535 and 538 answer AUTH only, whatever the client says it was doing; so do the
    # enhanced codes paired with them (5.7.8 ...), when a program quotes the reply without its code.
    auth_only = reply.get("code") in knowledge.auth_reply_codes() or reply.get("enhanced") in knowledge.auth_reply_enhanced()
    stage = "unknown" if auth_only else _stage(f"{context} {reply.get('text', '')}")
    if stage == "unknown" and reply.get("protocol") == "smtp" and context:
        stage = sessionlog.logged_step(read_from, context)
    if stage == "unknown" and not auth_only and reply.get("code") and reply.get("text") and "\n" in read_from:
        # A log that prints one reply twice, the line read last naming no command (OpenSMTPD's smtp-in line
        # quotes the command, its relay line after it only the result): the other line says which it answered.
        said, read_last = f"{reply['code']} {reply['text']}", context.strip()
        for line in read_from.splitlines():
            if said in line and line.strip() != read_last and (stage := _stage(line)) != "unknown":
                break
    command = sessionlog.imap_command(read_from, context) if reply.get("protocol") == "imap" and context else None
    if command is not None:
        reply = {**reply, "command": command}
        if stage == "unknown":
            stage = error_texts()["imap_command_stages"].get(command, "unknown")
    elif reply.get("protocol") == "pop3" and context and stage == "unknown":
        # A POP3 client's log: the command its -ERR answered is the one the log shows sent last before it.
        sent = sessionlog.pop3_command(read_from, context)
        stage = error_texts()["pop3_transcript"]["stages"].get(sent or "", "unknown")
    if reply.get("status") == "positive":
        # A session log whose refused login was followed by an accepted one: the refusal was overcome,
        # and only what the session shows after the accepted login is read for a failure.
        accepted = overcome_login(text)
        at = text.rfind(accepted) if accepted else -1
        if at >= 0:
            text = text[at:]
    # A client's own words say more than a bare code it quotes ("STARTTLS denied, code 454").
    bare = bool(reply) and not str(reply.get("text", "")).strip(" .0123456789")
    # A reply with its codes and words says all a server's words without codes could (data/server-replies.yaml).
    worded = find_wording(text, servers=not (reply.get("status") in FAILING and not bare), mail=setting is not None)
    if worded is not None and worded[0].evidence == "local-file" and logged_by_server(text, worded[1]):
        # A server's log of a file it could not use (Postfix's "TLS library problem: ... PEM routines:...",
        # its own certificate): the server's file, not the mail program's; what the log says of the
        # server's TLS or service reads it.
        worded = None
    return _Reading(text=text, low=fold(text), setting=setting, server=server,
                    protocol=setting.protocol if setting else server.protocol if server else None,
                    reply=reply, context=context, stage=stage, bare=bare, worded=worded)


#: A bare "+OK" and nothing else: the whole of a mail program's error message, not a reply someone pasted. A server's
#: whole greeting pasted alone ("+OK Dovecot ready.", RFC 1939 section 4) is the server answering as it should, and
#: reads as nothing wrong (tests/cli/test_explain_cli.py): only the program that shows the bare "+OK" as its error
#: tells that it expected another protocol's greeting.
_BARE_POP3_OK = "+OK"


def _other_greeting(r: _Reading) -> Recognised | None:
    """Another protocol's greeting where this one's was awaited (RFC 1939 "+OK" on an IMAP
    setting, RFC 9051 "* OK" on a POP3 one, RFC 5321 "220" on either): the client read the first
    words of a server of another protocol, which it quotes as its error."""
    if r.setting and r.reply.get("status") == "positive" and r.reply.get("protocol") not in (None, r.setting.protocol):
        return _wording_facts((_OTHER_GREETING, r.context or r.text), r.protocol, *r.place(""), r.setting)
    # No setting, but the library's own words say it awaited its protocol's greeting in vain (a no-greeting
    # wording of one protocol: node-imap's "Timed out while authenticating with server") and its debug output
    # shows a greeting of another that did come (SMTP's 220, RFC 5321 section 4.2; not a later 250): the port
    # speaks that other protocol. So too where the library calls that "could not connect" (PHPMailer's
    # connect() fails on any greeting but 220, and smtpConnect() then says "Could not connect to SMTP host."
    # after "SERVER -> CLIENT: +OK ..."): the greeting its debug output shows says the connection was made.
    said = r.worded[0] if r.worded else None
    if r.setting is None and said is not None and said.evidence in ("no-greeting", "connect-failed") and said.protocol \
            and r.reply.get("status") == "positive" and r.reply.get("protocol") not in (None, said.protocol) \
            and r.reply.get("code") in (None, 220):
        return _wording_facts((_OTHER_GREETING, r.context or r.text), said.protocol, *r.place(""), None)
    # No setting and no words that a greeting was awaited, but the client's label for the server's words
    # ("The server responded: ") introduces another protocol's first words, in a line that names the one
    # protocol the client spoke: Thunderbird's smtpServerError passes on a greeting other than 220 as the
    # server's answer (comm-central mailnews/compose/src/SmtpClient.sys.mjs _actionGreeting), so "Outgoing
    # server (SMTP) error. The server responded: * OK IMAP4rev1 ..." is an IMAP port set as the SMTP server.
    if r.setting is None:
        line = _labelled_line(r.text)
        quoted = _quoted_greeting(line) if line else None
        speaks = _speaks(line[: quoted[2]], None) if line and quoted else None
        if line and quoted and speaks and quoted[0].spoken not in (speaks, "silence", "unknown", "garbage", "tls"):
            return _wording_facts((_OTHER_GREETING, line), speaks, *r.place(""), None)
    # No setting, no label and no protocol named, but the line says what the client was doing when it failed:
    # sending mail (data/concepts.yaml ``send``), which only SMTP does (RFC 5321 section 1, RFC 6409), and it
    # quotes as its error the first words of a mailbox server, an IMAP or POP3 greeting (RFC 9051 section 7.1,
    # RFC 1939 section 4), which no SMTP server sends: the server set for sending is an IMAP or POP3 server
    # (ioBroker's e-mail adapter: "Cannot send email: Error: * OK [CAPABILITY IMAP4 ...] IMAP Proxy ready").
    if r.setting is None:
        sent = _send_line_quoting_mailbox_greeting(r.text)
        if sent is not None:
            return _wording_facts((_OTHER_GREETING, sent), "smtp", *r.place(""), None)
    # No setting and no label, but a client's debug transcript: the line it logged as received quotes
    # another protocol's greeting ("[Socket] IN: \"* OK [CAPABILITY IMAP4rev1 ...\"" in SmtpClient-for-Qt's
    # log, bluetiger9/SmtpClient-for-Qt:src/smtpclient.cpp, which waits for 220 and fails on anything else),
    # and the rest of the text names one protocol, the client's own (its class: SmtpClient, SMTPTransport,
    # ImapClient, Pop3Client): the port answers with another protocol's server.
    # No setting and nothing else said: a bare "+OK" is the whole of the error. No POP3 client reports its own
    # server's yes as a failure, so the program spoke another protocol to a POP3 port (FairEmail's FAQ 22: '"+OK"
    # likely means that a POP3 port (usually port 995) is being used for an IMAP account').
    if r.setting is None and r.reply.get("status") == "positive" and r.reply.get("protocol") == "pop3" \
            and r.text.strip().upper() == _BARE_POP3_OK:
        return _wording_facts((_OTHER_GREETING, r.text.strip()), None, *r.place(""), None)
    if r.setting is None and r.reply.get("status") == "positive" and r.context:
        quoted = _quoted_greeting(r.context)
        if quoted is not None and quoted[0].spoken == r.reply.get("protocol") and quoted[0].status == "ok":
            speaks = _speaks(r.text.replace(quoted[1], " "), None)
            if speaks and speaks != quoted[0].spoken:
                return _wording_facts((_OTHER_GREETING, r.context), speaks, *r.place(""), None)
    return None


#: How many of a text's lines are searched for a sending client's line that quotes a mailbox server's greeting.
_SEND_LINES = 40


def _send_line_quoting_mailbox_greeting(text: str) -> str | None:
    """The line in which a client that was sending mail quotes an IMAP or POP3 server's greeting as its
    error: the greeting read by the probes' fingerprint (:func:`_quoted_greeting`), and before it the
    words of sending and no protocol but SMTP named. None when no line is so."""
    for line in text[:MAX_TEXT].splitlines()[:_SEND_LINES]:
        quoted = _quoted_greeting(line)
        if quoted is None or quoted[0].spoken not in ("imap", "pop3") or quoted[0].status != "ok":
            continue
        before = line[: quoted[2]]
        named = {_PROTOCOL_OF[p[0].lower()] for p in _PROTOCOL_NAMED.findall(before)}
        if named <= {"smtp"} and concepts.names(before, "send"):
            return line
    return None


def _labelled_line(text: str) -> str | None:
    """The line in which a client's label introduces the server's words ("The server responded: "),
    from the line's start; None when no label does (concepts.quote_start)."""
    head = text[:MAX_TEXT]
    start, _ = concepts.quote_start(head)
    if not start:
        return None
    begin = head.rfind("\n", 0, start) + 1
    end = head.find("\n", start)
    return head[begin: end if end >= 0 else len(head)]


def _library_verdict(r: _Reading) -> Recognised | None:
    """The library's own verdict, written as a reply: the code is not the server's."""
    if r.worded and r.worded[0].reply_form:
        return r.with_offers(r.worded_facts(r.worded))
    return None


def _login_never_offered(r: _Reading) -> Recognised | None:
    """A login "refused" in a session log that shows no AUTH command: the client never offered
    the password, and the server's EHLO answer (where logged) says why."""
    if r.worded and r.worded[0].evidence == "refused" and not r.failing:
        session = sessionlog.session(r.text, r.place(""))
        if session is not None:
            return sessionlog.with_transcript_offer(session, lambda: r.reached)
    return None


def _imap_login_disabled(r: _Reading) -> Recognised | None:
    """An IMAP client's log in which the server disables LOGIN before STARTTLS and the client never
    upgraded (sessionlog.imap_login_disabled): that, not the "* BYE" that answers the client's own
    LOGOUT after it, is why no login was made. Not where the server refused a command (a tagged NO or
    BAD, an -ERR), whose own words say more."""
    if (r.reply and r.reply.get("status") not in ("positive", "bye")) or (r.setting and r.setting.protocol != "imap"):
        return None
    return sessionlog.imap_login_disabled(r.text, r.place(""))


def _tls_record_first(r: _Reading) -> Recognised | None:
    """A TLS record logged where a command belongs says why the server refused the client
    (Exim's 554 to a ClientHello sent before its greeting): a client set to SSL/TLS."""
    if r.first is not None and any(f.get("spoken") == "tls" for f in r.first.facts):
        return r.first
    return None


def _transcript_stage(r: _Reading) -> Recognised | None:
    """A debug transcript shows how far the session got: the program's generic "could not
    connect" said after the server accepted STARTTLS is the TLS handshake's failure."""
    if r.worded and r.worded[0].evidence in ("connect-failed", "no-greeting") and not r.failing:
        return sessionlog.after_transcript(r.text, r.reached, r.worded[1], r.protocol, r.place(r.worded[1]),
                                           r.setting)
    if not r.failing and sessionlog.quit_after_starttls(r.reached):
        # The transcript alone, without the program's error line (a webmail's SMTP debug log): its
        # plaintext greeting also says TLS did not begin on connecting, whatever scheme it names.
        return sessionlog.after_transcript(r.text, r.reached, "", r.protocol, r.place(""), r.setting)
    return None


def _library_socket_reply(r: _Reading) -> Recognised | None:
    """A reply that is the program's own report of a socket error (:data:`classify.OWN_SOCKET_REPLY`)."""
    if r.failing and OWN_SOCKET_REPLY.search(str(r.reply.get("text") or "")):
        return _socket_error(r)
    return None


def _relayed_tls_error(r: _Reading) -> Recognised | None:
    """A reply that relays the program's own TLS failure, which the same log shows it printing
    outside the reply: a relay or proxy answers its client with its own failed outgoing connection
    (data/error-texts.yaml ``relayed_tls_reply``). A verdict only the connecting side can reach is no
    server's words about its own connection: what the stack says failed decides, not the relay's code."""
    if not r.failing or not r.context.strip() or "\n" not in r.text:
        return None
    verdict = classify_ssl_text(str(r.reply.get("text") or ""))
    if verdict.outcome not in error_texts()["relayed_tls_reply"]["outcomes"]:
        return None
    others = "\n".join(line for line in r.text.splitlines() if line.strip() != r.context.strip())
    if classify_ssl_text(others).outcome != verdict.outcome:
        return None
    return _tls_error(r)


def _server_own_reason(r: _Reading) -> Recognised | None:
    """A server's own log that its login backend failed (the SASL service unreachable, Cyrus
    SASL's "generic failure") says why the login was refused: not the password. One that its own
    files failed (Dovecot's "mkdir(...) failed: Permission denied") says why the client got
    "Internal error" or a temporary failure. One that names the refusal's own reason (a row's
    says_why: the passdb holds no such user) says more than the client's."""
    if r.failing and r.worded and r.worded[0].strong and (r.worded[0].evidence in _SERVER_OWN or r.worded[0].says_why):
        return _wording_facts(r.worded, r.protocol or r.reply.get("protocol"), *r.place(r.worded[1]), r.setting)
    return None


def _server_refusal(r: _Reading) -> Recognised | None:
    """The server's refusal the text quotes, unless it is a bare code beside a client's own
    strong words, which say more."""
    if not r.failing or (r.bare and r.worded and r.worded[0].strong):
        return None
    if r.first is not None and r.reply.get("protocol") in ("imap", "pop3"):
        # An IMAP or POP3 server that ends the session for the commands it could not read ("* BYE Too many
        # invalid IMAP commands."): its reason is what the client sent (_client_first), not a refusal of its own.
        return None
    if r.bare and not r.worded:
        # A bare code a client quotes after its own words ("STARTTLS denied, code 454"): the
        # words say which step it answered. Words that say only that sending failed ("failed to
        # send email: RCPT failed: 550", an application's log over curl's) name no step, and a
        # server that answered was connected to: the code itself says more than they do.
        found = concepts.read(r.text, about_mail=r.setting is not None)
        if found is not None and found.reading.gives.get("wording") not in (None, "server-words", "connect-failed"):
            return _with_bare_reply(r.concept_facts(found), r.reply, r.place(""), r.stage, r.context)
        # The server's own words beside the bare code, read as a code of their own (RFC 3207's "Must issue a
        # STARTTLS command first" quoted with "(Code: 530)"): they say why, which the code alone does not.
        if found is not None and _coded(found):
            return r.concept_facts(found)
    where = r.place("")
    read = _reply({**_with_worded_code(_with_quoted_words(r)), **_hop(r.low), **_path_form(r.low)}, *where, r.stage)
    if r.reply.get("protocol") == "smtp" and r.stage in ("auth", "unknown"):
        # A session log of an AUTH refused on a connection the client never upgraded, where the
        # server offers STARTTLS: what the server offers before TLS says why.
        before_tls = sessionlog.auth_before_tls(r.text, where)
        # A transcript that shows the refusal came before any credentials were sent (a 535 straight after an AUTH
        # that named only its mechanism): the exchange failed, not the password.
        unsent = sessionlog.credentials_unsent(r.reached)
        if before_tls is not None:
            return attrs.evolve(read, facts=(*read.facts, before_tls, *((unsent,) if unsent is not None else ())))
        if unsent is not None:
            return attrs.evolve(read, facts=(*read.facts, unsent))
        # A transcript that shows the client answering the "Username:" challenge with nothing:
        # the refusal is of an empty user name.
        nobody = sessionlog.empty_username(r.reached)
        if nobody is not None:
            return attrs.evolve(read, facts=(*read.facts, nobody))
        # AUTH answered as an unknown command (500, 502) or an unknown mechanism (504) in a session log whose EHLO
        # answer offers AUTH: the mechanism the client named is not among those offered.
        offered = sessionlog.auth_offered_beside(r.text, where) \
            if r.stage == "auth" and r.reply.get("code") in (500, 502, 504) else None
        if offered is not None:
            return attrs.evolve(read, facts=(*read.facts, offered))
    if r.reply.get("protocol") == "imap" and r.reply.get("command") in ("LOGIN", "AUTHENTICATE"):
        # The IMAP form of the same: a login refused in a session log whose capability list before TLS
        # says LOGINDISABLED beside STARTTLS (RFC 3501 and RFC 9051 section 6.2.3: the server refuses LOGIN
        # until TLS is on), and the client never sent STARTTLS; the refusal's words need not say why
        # (emersion/go-imap:server/cmd_noauth.go answers "NO Authentication disabled" while the
        # connection cannot authenticate).
        disabled = sessionlog.imap_login_disabled(r.text, where)
        if disabled is not None:
            return attrs.evolve(read, facts=(*read.facts, *disabled.facts))
    if r.reply.get("protocol") == "smtp" and "\n" in r.text:
        # A transcript (a line sent, a line read) that shows which command the quoted refusal answered.
        answered = sessionlog.refused_command(r.reached, r.reply.get("code"), r.stage)
        if answered is not None:
            return attrs.evolve(read, facts=(*read.facts, answered))
    return read


#: TLS verdicts that name the handshake's own reason: a certificate refused, a server's Diffie-Hellman key
#: below the client's security level (OpenSSL SSL_R_DH_KEY_TOO_SMALL, NSS
#: SSL_ERROR_WEAK_SERVER_EPHEMERAL_DH_KEY) or above its limit.
_TLS_REASON_SAID = frozenset({"cert-invalid", "dh-key-too-small", "dh-key-too-large"})


def _certificate_behind_close(r: _Reading) -> None:
    """A certificate the client refused says why the connection then closed or failed: smtplib's
    "Connection unexpectedly closed" raised while handling SSLCertVerificationError, a library's
    "could not connect" over a "certificate verify failed"; so does a handshake refused for the
    server's weak key (Postal's "No SMTP servers were available" over Ruby's "SSL_connect ...
    dh key too small"). The wording is dropped so that the TLS reading follows."""
    if r.worded and r.worded[0].evidence in ("no-greeting", "connect-failed") and mentions(r.low, hints().tls) \
            and classify_ssl_text(r.text).outcome in _TLS_REASON_SAID:
        r.worded = None


def _misformed_setting(r: _Reading) -> Recognised | None:
    """A host setting the text prints where the server's name stands, in a form no host name has
    (namedhost.misformed_host: a user name and "@", a trailing slash, a template's placeholder),
    where no server answered: no resolver can find an address for such a name (RFC 1123 section
    2.1), so the connection failed on it, whatever else the program's words say of the failure."""
    if r.setting is not None or (r.reply and r.reply.get("status")):
        return None
    found = namedhost.misformed_host(r.text)
    host, port = r.place("")
    if found is not None:
        name, form, outcome = found.host, "placeholder" if found.placeholder else "misformed", "nxdomain"
    elif any(row["match"] in r.low for row in error_texts()["host_names"]["said_misformed"]):
        # The program's own words say so (data/error-texts.yaml host_names.said_misformed); the
        # setting itself is often not printed.
        name, form, outcome = host or UNKNOWN_HOST, "said-misformed", "error"
    else:
        return None
    facts = (fact("dns.answer", name=name, rrtype="A", resolver="system", role="system",
                  outcome=dns_text_outcome(r.text) or outcome, source="pasted", form=form),
             fact("tcp.connect", host=name, port=port or 0, outcome="dns-failed",
                  error=clean_text(r.text, 200), source="pasted"))
    return Recognised(f"a host setting that is no host name ({name})", facts)


def _strong_wording(r: _Reading) -> Recognised | None:
    """A wording known to say what failed (data/client-messages.yaml and the other catalogues'
    strong rows), with what the server said after it or what narrows it."""
    if not (r.worded and r.worded[0].strong):
        return None
    wording = r.worded[0]
    if wording.evidence == "bad-greeting":
        # The greeting a client could not read, quoted after its words, may be the server's
        # refusal of the connection itself in place of its greeting (RFC 5321 section 3.1: a 554
        # "No SMTP service here", a block list's words): the server's words say why.
        refused = _refusal_in_greeting(r, wording)
        if refused is not None:
            return refused
    if wording.evidence not in ("server-words", "bad-greeting"):
        # The client's words first, then what the server said ("timed out waiting for a response
        # ... The server responded: Relay access denied"): the server's say why. (After a
        # greeting the client could not read come that greeting's words, or none.)
        quoted = _quoted_server(r.text, r.protocol, r.place, r.setting, after=locate(wording.match, r.low)[0])
        if quoted is not None:
            return quoted
    if wording.evidence == "refused" and _socket_error_after(wording, r.low):
        # A program's words for the login step followed by its socket's error, not a server's answer (Evolution's
        # "Error sending password: Connection reset by peer", camel's GError message after its own): the connection
        # failed during the step and no server refused anything; the connection error reads it (_socket_error).
        return None
    if wording.evidence in NARROWER and wording.evidence != "connect-failed":
        # "STARTTLS command failed" says only that the step failed; the server's words beside it
        # may say why ("command not implemented": STARTTLS is not offered). (A strong row of a failure whose
        # reason it leaves unsaid is a catalogue's message whose causes the catalogue names, Qt's "TLS
        # initialization failed" an OpenSSL it cannot load: its own words, "TLS", are no other reason.)
        found = concepts.read(r.text, about_mail=True)
        if found is not None and found.reading.gives.get("wording") in NARROWER[wording.evidence] \
                and _after(found, wording, r.low):
            return r.concept_facts(found)
    read = r.with_offers(r.worded_facts(r.worded))
    return _with_bare_reply(read, r.reply, r.place(""), r.stage, r.context) if r.bare else read


def _socket_error_after(wording: Wording, low: str) -> bool:
    """Whether what follows ``wording`` in the folded text is a connection error (data/error-texts.yaml socket rows)."""
    at, size = locate(wording.match, low)
    return at >= 0 and classify_socket_text(low[at + size:]) != "error"


def _refusal_in_greeting(r: _Reading, wording: Wording) -> Recognised | None:
    """The server's refusal a client quotes as the greeting it could not read (Thunderbird's "The
    mail server sent an incorrect greeting: <its words>"): read as the server's reply to the
    connection when its words are a known server reply or say a refusal; None for a greeting of
    another protocol or of no kind (those are the wrong port's, read by the wording itself)."""
    at, _ = locate(wording.match, r.low)
    if at < 0 or len(r.low) != len(r.text):
        return None
    for part in wording.match.split(GAP):  # the end of the wording's last part
        at = r.low.find(part, at) + len(part)
    line_end = r.text.find("\n", at)
    quoted = r.text[at:line_end if line_end >= 0 else len(r.text)].strip(" \t:.\"'")
    if len(quoted) < 3:
        return None
    said = find_wording(quoted, clients=False)
    if said is not None and said[0].evidence == "server-words":
        read = _wording_facts(said, r.protocol or wording.protocol, *r.place(said[1]), r.setting)
        return _at_greeting(read)
    found = concepts.read(quoted, about_mail=True)
    if found is None or found.reading.gives.get("wording") not in ("server-words", "refused"):
        return None
    return _at_greeting(_concept_facts(quoted, found, r.protocol or wording.protocol, r.place(found.line), r.setting))


def _at_greeting(read: Recognised) -> Recognised:
    """A reading's server reply placed at the greeting, where its words name no step of their own."""
    facts = tuple(fact(f.kind, {**f.fields, "stage": "greeting"})
                  if f.kind == "server.reply" and f.get("stage") in ("unknown", "auth") else f
                  for f in read.facts)
    return attrs.evolve(read, facts=facts)


def _client_first(r: _Reading) -> Recognised | None:
    """What a session log shows the client sent first, where a greeting was due. Where the server's log gives its
    reason as a login it refused for want of encryption (Dovecot's disconnect reason "(tried to use disallowed
    plaintext auth)", dovecot/core:src/login-common/client-common.c client_get_extra_disconnect_reason), the
    client spoke the protocol and tried to log in: the invalid commands were its logins before TLS, which that
    reading says (RFC 9051 section 7.1, PRIVACYREQUIRED)."""
    if r.first is None:
        return None
    if not any(f.get("spoken") == "tls" for f in r.first.facts):
        found = concepts.read(r.text, about_mail=True)
        if found is not None and "credentials" in found.reading.all and _coded(found):
            return r.concept_facts(found)
    return r.first


def _file_errno(r: _Reading) -> Recognised | None:
    """An errno said of a file ("/home/alice/.msmtprc: Permission denied"): that file's fate, not
    a connection's -- the server's own when the text is a server's log."""
    at = _said_of_file(r.low)
    if at is None:
        return None
    line = _line_of(r.text, at)
    return _wording_facts((_SERVER_FILE if logged_by_server(r.text) else _CLIENT_FILE, line), r.protocol,
                          *r.place(line), r.setting)


def _tls_error(r: _Reading) -> Recognised | None:
    """A TLS error in any stack's words (data/error-texts.yaml), refined by the words around it."""
    # "ssl://host:465" (PHP streams) names the transport, not a TLS failure: a connect timeout
    # under it is the TCP connection's; so does a c-client mailbox name's "/ssl" flag
    # ("{host:993/imap/ssl}INBOX"). (Nor does a label's word: Postfix's "EHLO handshake" is
    # SMTP's, concepts.yaml labels; the labels are blanked out only in a text that names TLS at
    # all, a second scan of a megabyte.)
    unschemed = _URL_SCHEME.sub("", r.low)
    if "{" in unschemed:
        unschemed = concepts.without_mailbox_flags(unschemed)
    if not (mentions(unschemed, hints().tls) and mentions(concepts.unlabelled(unschemed), hints().tls)):
        return None
    verdict = classify_ssl_text(r.text)
    # A timeout or reset the operating system numbered ("Socket Error # 10060") is the TCP
    # connection's, even in a text that names TLS as the setting ("Enc: TLS").
    socket_level = verdict.outcome in ("timeout", "reset") and socket_errno(r.text) is not None
    if (verdict.outcome != "error" or "[SSL" in r.text.upper()) and not socket_level:
        line = _saying_line(r.text, SSL_TEXT_TABLE)
        outcome, verify = verdict.outcome, verdict.verify
        # A server's log of a client's alert is the client's answer: one that names the
        # certificate's dates (certificate_expired) says why, while bad_certificate, unknown_ca and
        # certificate_unknown are each client's own way to refuse, which the rules read.
        client_alert = outcome == "alert" and logged_by_server(r.text, line)
        if outcome in _UNSPECIFIC_TLS or verify in ("other", *_REFINED):
            # The table knows only the kind of failure ("tlsv1 alert", "certificate verify
            # failed", Go's "has expired or is not yet valid"); the words around it may say which:
            # "... protocol version", "... expired", "current time ... is before".
            found = concepts.read(r.text, about_mail=r.setting is not None)
            if found is not None and "tls" in found.reading.gives and (
                    verify not in _REFINED or found.reading.gives["tls"][1] in _REFINED[verify]) and not (
                    client_alert and found.reading.gives["tls"][1] in ("untrusted-issuer", "other")):
                outcome, verify = found.reading.gives["tls"]
                line = found.line
        elif outcome == "handshake-failure":
            found = concepts.read(r.text, about_mail=r.setting is not None)
            if found is not None and found.reading.gives.get("tls", ("",))[0] in _HANDSHAKE_REASONS:
                outcome, verify = found.reading.gives["tls"]
                line = found.line
        return _tls_facts(r.text, line, outcome, verify, r.protocol, r.place(line), r.setting)
    r.tls_unsaid = verdict.outcome == "error" and not socket_level
    return None


def _resolver_error(r: _Reading) -> Recognised | None:
    """A resolver's own words (data/error-texts.yaml dns rows, NXDOMAIN). (Not a label's "dns": Exim's
    router "R=dnslookup", concepts.yaml labels; blanked out only in a text that names DNS at all.)"""
    if not (mentions(r.low, hints().dns) and mentions(concepts.unlabelled(r.low), hints().dns)):
        return None
    if dns_text_outcome(r.text) is not None or "nxdomain" in r.text.lower():
        line = _saying_line(r.text, DNS_TEXT_TABLE)
        # (the word NXDOMAIN itself, where no row of a resolver's words holds: RFC 8499's name for the answer)
        return _dns_facts(r.text, _resolver_said(line, classify_dns_text(r.text) or "nxdomain"),
                          mentions(r.low, hints().lookup), r.place(line))
    # A resolver named (getaddrinfo, gaierror; "getaddrinfo for HOST failed: ...", php/php-src:main/network.c) whose
    # answer no row knows (the operating system's words, in its language), but whose words the concept table reads
    # as a resolver's answer ("no address associated ..."): the look-up failed before any login the text goes on to
    # report.
    found = concepts.read(r.text, about_mail=r.setting is not None)
    if found is not None and "dns" in found.reading.gives:
        return _dns_facts(r.text, found.reading.gives["dns"], mentions(r.low, hints().lookup), r.place(found.line))
    return None


def _resolver_said(line: str, said: str) -> str:
    """The resolver's answer a row gave, unless the row named only the call that failed ("getaddrinfo failed",
    nxdomain's in CPython's Windows form) and the line goes on with EAI_AGAIN's words (PHP's "getaddrinfo failed:
    Temporary failure in name resolution", php/php-src:main/network.c) or with EAI_NODATA's ("getaddrinfo failed: No
    address associated with hostname", glibc's gai_strerror, data/concepts.yaml's no-address reading): the reason
    after the call says more. (Not a dialog's advice to "try again", Thunderbird's "... is unknown ... and try
    again": only the failure's own word.)"""
    if said != "nxdomain":
        return said
    if "temporar" in fold(line):
        return "timeout"
    found = concepts.read(line, about_mail=True)
    return "nodata" if found is not None and found.reading.gives.get("dns") == "nodata" else said


def _unresolved_name(line: str, r: _Reading) -> str:
    """What the resolver said of a name a connection failed on, when no resolver wording says it."""
    # EAI_AGAIN in any stack's words ("temporary failure", "try again"): the resolver did not
    # answer; otherwise, most often, the name does not exist.
    low_line = fold(line)
    if "temporar" in low_line or "try again" in low_line:
        return "timeout"
    # The words may still say which answer it was ("no address associated").
    found = concepts.read(r.text, about_mail=r.setting is not None)
    return found.reading.gives["dns"] if found is not None and "dns" in found.reading.gives else "nxdomain"


def _socket_error(r: _Reading) -> Recognised | None:
    """A connection error in any stack's words (data/error-texts.yaml socket rows)."""
    outcome = classify_socket_text(r.text)
    if outcome == "error":
        return None
    if outcome == "dns-failed":
        # The connection failed on the name: the resolver's verdict, most often that the name
        # does not exist, when no resolver wording says otherwise.
        line = _socket_line(r.text)
        said = dns_text_outcome(r.text)
        return _dns_facts(r.text, _resolver_said(line, said) if said else _unresolved_name(line, r), True,
                          r.place(line))
    # A client that quotes what the server said after its own words ("... timed out waiting for a
    # response. The server responded: Relay access denied"): the server's words say why, when
    # they say something.
    quoted = _quoted_server(r.text, r.protocol, r.place, r.setting)
    if quoted is not None:
        return quoted
    if outcome == "unreachable":
        past = _past_ipv6_unreachable(r.text)
        if past is not None:
            return _socket_facts(past[1], past[0], r.place(past[1]))
    if outcome == "timeout":
        # A timeout the words give to the look-up ("dial tcp: lookup HOST: i/o timeout", Go's DNSError inside the
        # dial's OpError, golang/go:src/net/net.go): the resolver did not answer, no connection was tried
        # (data/concepts.yaml, the lookup-timeout reading).
        found = concepts.read(r.text, about_mail=r.setting is not None)
        if found is not None and found.reading.gives.get("dns") == "timeout":
            return _dns_facts(r.text, "timeout", True, r.place(found.line))
    if outcome in ("timeout", "reset"):
        staged = _where_it_stopped(r, outcome)
        if staged is not None:
            return staged
    line = _socket_line(r.text)
    return _socket_facts(line, outcome, r.place(line))


#: An IP address literal in a log line: an IPv4 one, or a token that may be IPv6 (Postfix's
#: "name[2001:db8::1]:25", Ruby's connect(2) for "2001:db8::1"), which ipaddress checks. Four numbers after a
#: hyphen are a version in a name ("jruby-9.0.4.0/lib", a package's folder in a stack frame), no address.
_ADDRESS_CANDIDATE = re.compile(r"(?<![\w.-])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])"
                                r"|(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])", re.IGNORECASE)


def _addresses(line: str) -> list[tuple[int, int, int]]:
    """The address literals of a line: (start, end, IP version)."""
    found: list[tuple[int, int, int]] = []
    for m in _ADDRESS_CANDIDATE.finditer(line):
        # A colon after an IPv6 address is the sentence's (curl's "Immediate connect fail for 2001:db8::1: Network
        # is unreachable"), not the address's: "::" ends an address, one colon never does.
        end = m.end() - (m.group().endswith(":") and not m.group().endswith("::"))
        try:
            version = ipaddress.ip_address(line[m.start():end]).version
        except ValueError:
            continue
        found.append((m.start(), end, version))
    return found


def _connect_attempts(text: str) -> list[tuple[str, int, str]]:
    """Each connection error a log names with the address it is about, the one nearest it on its
    line (a log names the address before the error, "connect to HOST[ADDR]:25: Connection timed
    out", or after it, "Network is unreachable - connect(2) for ADDR"): (outcome, IP version, line)."""
    rows = [(match, outcome) for match, outcome in SOCKET_TEXT_TABLE if GAP not in match]
    attempts = []
    for line in text.splitlines():
        low = fold(line)
        addresses = _addresses(low)
        if not addresses:
            continue
        for match, outcome in rows:
            at = low.find(match)
            while at >= 0:
                end = at + len(match)
                nearest = min(addresses, key=lambda a: max(a[0] - end, at - a[1], 0))
                attempts.append((outcome, nearest[2], line))
                at = low.find(match, end)
    return attempts


def _past_ipv6_unreachable(text: str) -> tuple[str, str] | None:
    """How a delivery to the next hop ended, in a server's log that tried each of its addresses: a mail
    server delivering to another domain's MX connects to its addresses in turn (Postfix's smtp_connect.c,
    Exim's transports/smtp.c, Postal's SMTP sender), and on a host without an IPv6 route each IPv6
    address fails at once with "Network is unreachable" (ENETUNREACH, the host's own answer), which it
    passes over to the next address. Where every such error is about an IPv6 address and another tells
    how an attempt to an IPv4 address ended (timed out, refused, reset), that one says why the delivery
    failed: (outcome, its line), else None."""
    attempts = _connect_attempts(text)
    unreachable = [version for outcome, version, _ in attempts if outcome == "unreachable"]
    if not unreachable or 4 in unreachable:
        return None
    return next(((outcome, line) for outcome, version, line in attempts
                 if version == 4 and outcome in ("timeout", "refused", "reset")), None)


def _ipv6_timed_out(text: str) -> dict[str, str]:
    """The IPv6 address a timed-out connection was to, as a tcp.connect's fields, where the text names no timeout
    to an IPv4 address (:func:`_only_ipv6_timed_out`); else none. Timeouts to IPv6 addresses alone are read by
    their family (rules/firewall/server-ip-blocked.yaml); any other timeout keeps the port's readings."""
    dialled = _only_ipv6_timed_out(text)
    return {"address": str(dialled), "family": "ipv6"} if dialled else {}


def _only_ipv6_timed_out(text: str) -> ipaddress.IPv6Address | None:
    """The IPv6 address of a connection that timed out, where every connection the text says timed out was to an
    IPv6 address: a host (or network) whose IPv6 path drops the packets while IPv4 works -- no IPv6 route
    upstream, or a provider that filters mail over IPv6 -- and a program that waits on the AAAA
    address before it tries the A one (RFC 6555 section 1, RFC 8305 section 1: the delays Happy Eyeballs
    was written against). A timeout to an IPv4 address anywhere in the text is another reading. Where the
    attempts' table places no timeout (Android's "SocketTimeoutException: failed to connect to HOST/ADDR (port 993)
    from /ADDR ... after 30000ms"), the addresses of the line that says the timeout (a connection's two ends are
    of one family)."""
    lines = [line for outcome, _, line in _connect_attempts(text) if outcome == "timeout"] or [_socket_line(text)]
    named = [a for line in lines for a in _dialled(line)]
    if not named or any(isinstance(a, ipaddress.IPv4Address) for a in named):
        return None
    first = named[0]
    return first if isinstance(first, ipaddress.IPv6Address) else None


def _dialled(line: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses of a line a connection may have been made to: not the unspecified address ("::" is also a
    JavaScript frame's "JS frame :: resource"), nor this machine's loopback."""
    found = (ipaddress.ip_address(line[a:b]) for a, b, _ in _addresses(line))
    return [a for a in found if not (a.is_unspecified or a.is_loopback)]


def _where_it_stopped(r: _Reading, outcome: str) -> Recognised | None:
    """At which step a timeout or a close came, where the text says it."""
    # A debug transcript that ends on a command the server never answered says at which step of
    # a session that plainly connected the close or the timeout came.
    line = _socket_line(r.text)
    staged = sessionlog.after_transcript(r.text, r.reached, line, r.protocol, r.place(line), r.setting)
    if staged is not None and any(f.kind == "service.failure" for f in staged.facts):
        return staged
    # A timeout or a close while the client waited to read ("Unable to read data from the
    # transport connection", "0 bytes received", "Greeting never received"): the connection
    # itself was made, and the server said nothing. The text is taken as a connection error
    # already; the words only say at which step of it. A server's log may give its reason for
    # closing (Dovecot's "Disconnected (tried to use disallowed plaintext auth)"): a reason with a
    # response code says more.
    # A reading that names the upgrade to TLS as the step (its ``stage``) says the same of the STARTTLS.
    found = concepts.read(r.text, about_mail=True)
    if found is not None and (found.reading.gives.get("wording") == "no-greeting"
                              or found.reading.gives.get("stage") == "starttls"
                              or (outcome == "reset" and _coded(found))):
        return r.concept_facts(found)
    if outcome == "timeout" and r.worded and r.worded[0].evidence == "refused" and r.worded[0].stage == "auth" \
            and not logged_by_server(r.text):
        # A login's exception printed before the read timeout nested in it: JavaMail's
        # AuthenticationFailedException wraps whatever broke the AUTH exchange (SMTPTransport's
        # Authenticator.authenticate, eclipse-ee4j/angus-mail:providers/smtp/src/main/java/org/eclipse/angus/mail/
        # smtp/SMTPTransport.java), so the connection, greeting and capabilities had come and the answer to the
        # login did not: the library's verdict, a failed login (servers hold back the answer to a wrong password,
        # rules/authentication/password-rejected.yaml). A reset there is a connection broken at the login, read as
        # such below. (A client's "could not authenticate" printed after a failed connect is no such nesting.)
        at = r.text.find(r.worded[1])
        if at >= 0 and classify_socket_text(r.text[at + len(r.worded[1]):]) == outcome:
            return r.worded_facts(r.worded)
    if outcome == "reset" and r.worded and r.worded[0].evidence == "refused" and logged_by_server(r.text):
        # A server's log of a login it refused and of the client then gone (Dovecot's "Connection
        # reset by peer (auth failed, 1 attempts in 2 secs)"): the reset is how the session ended,
        # the refused login what failed.
        return r.worded_facts(r.worded)
    return None


def _tls_in_words(r: _Reading) -> Recognised | None:
    """The words around TLS may still say what the handshake met (a nested "certification path"
    exception under a client's "could not connect"); a client's own words, where known, outrank
    all but a certificate's -- and a client's "the TLS negotiation failed" says only what the
    words around it explain."""
    if not r.tls_unsaid:
        return None
    found = concepts.read(_without_own_words(r.text, r.worded), about_mail=r.setting is not None)
    if found is not None and "tls" in found.reading.gives and (
            r.worded is None or found.reading.gives["tls"][0] == "cert-invalid"
            or r.worded[0].evidence in ("starttls-failed", "connect-failed")):
        return r.concept_facts(found)
    return None


def _without_own_words(text: str, worded: tuple[Wording, str] | None) -> str:
    """The text with a known wording's own words blanked: they say that the step failed, not why, and a
    concept's word inside them (Postfix's "Cannot start TLS: handshake failure", whatever broke the
    handshake) is no reason beside them. A wording with gaps ("a … b") stays, as do its neighbours."""
    if worded is None or GAP in worded[0].match:
        return text
    return re.sub(re.escape(worded[0].match), lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)


#: What a concept's reading gives that says more than a programming error beside it (:func:`_weak_wording`):
#: the network, the resolver or TLS failed, or the session's first steps did.
_PROGRAM_ERROR_YIELDS = frozenset({"tls", "dns", "socket", "starttls-failed", "starttls-not-offered", "no-greeting",
                                   "bad-greeting"})
#: What a concept's reading gives of a stack's own failure: the socket's, the resolver's or TLS's.
_STACK_READINGS = frozenset({"tls", "dns", "socket"})
#: A line of nothing but a stack trace's frames (Java, .NET, JavaScript "at Name(...)", Python 'File "..."'):
#: a method's name ("IsBrokenSmtpServerThatResetsStateAfterAuthEhlo") is no failure the code met.
_TRACE_FRAME = re.compile(r"\s*(?:(?:at\s+[^\s(]{1,300}\([^()]{0,300}\)\s*)+$|File\s\")")


def _weak_wording(r: _Reading) -> Recognised | None:
    """A wording that says only that something failed, with what the words beside it say why."""
    if not r.worded:
        return None
    wording, line = r.worded
    if wording.evidence == "program-error":
        # A crash of the program's own code, in a trace that may go on to what the code met (MailKit's
        # SslHandshakeException after its NullReferenceException): the words of a connection, TLS or
        # resolver failure say what failed. (Not a login's: a trace's frame names "Authenticate(ICredentials
        # credentials ...)" where nothing was refused.)
        found = concepts.read(r.text, about_mail=r.setting is not None)
        if found is not None and not _TRACE_FRAME.match(found.line) and (
                _PROGRAM_ERROR_YIELDS & found.reading.gives.keys()
                or found.reading.gives.get("wording") in _PROGRAM_ERROR_YIELDS):
            return r.concept_facts(found)
    if wording.evidence in ("refused", "server-words") and not (wording.code or wording.reply):
        # "Login failed" says only that; words beside it may say why, in any language (an app
        # password, a locked account): the concept's status code says it to the rules. A
        # server's own fault its log tells beside "login failed" (an I/O error, a missing passwd
        # file) is the reason too.
        status = _quoted_status(wording, r.low, r.text)
        if status is not None:
            # A status quoted right after the words ("client login failed: \"AUTH not
            # supported\"", a proxy's log of what its auth service answered) is the other side's
            # own verdict: it says more than the generic words that frame it.
            said = find_wording(status, clients=False)
            if said is not None:
                return _wording_facts(said, r.protocol, *r.place(line), r.setting)
            found = concepts.read(status, about_mail=True)
            if found is not None and (_coded(found) or found.reading.gives.get("wording") in NARROWER["refused"]):
                return r.concept_facts(found, line)
        found = concepts.read(r.text, about_mail=r.setting is not None)
        if found is not None and (_coded(found) or (found.reading.gives.get("wording") in NARROWER["refused"]
                                                    and _after(found, wording, r.low))):
            return r.concept_facts(found)
        # The reason a program chains after its own "Authentication failed:" ("... AUTH not supported", "...
        # no supported authentication mechanism"), read without the failure verb that frames it: that verb
        # is no verdict on the password beside a server that offers no login at all.
        found = _read_after(wording, r)
        if found is not None and found.reading.gives.get("wording") in NARROWER["refused"]:
            return r.concept_facts(found)
    elif wording.evidence == "connect-failed":
        # "Checking incoming server settings failed: Network error", "Cannot connect to server" say only that the
        # connection or the session failed; the reason a chained message gives after them ("Details: end of stream
        # reached": the server closed a connection that was made; "authentication failed") says which step and why,
        # as do a stack's words for the socket, the resolver or TLS after them (Go's "error connecting to server: dial
        # tcp ...: connect: network is unreachable").
        found = _read_after(wording, r)
        if found is not None and (found.reading.gives.get("wording") in NARROWER[wording.evidence]
                                  or _STACK_READINGS & found.reading.gives.keys()):
            return r.concept_facts(found)
    elif wording.evidence == "server-words" and wording.code and not wording.strong:
        # A program's words for a state the code names (Claws Mail's "Mailbox is locked.", a POP3 maildrop another
        # session holds: IN-USE) that the text goes on to give another reason for ("... locked due to too many failed
        # logins", an account locked after failed logins, RFC 3463 5.7.13): the reason after them says which lock.
        found = concepts.read(r.text, about_mail=True)
        if found is not None and _coded(found) and _after(found, wording, r.low):
            return r.concept_facts(found)
    return r.worded_facts(r.worded)


def _refusal_unworded(r: _Reading) -> Recognised | None:
    """The server's refusal, when nothing before said more."""
    return _reply(r.reply, *r.place(""), r.stage) if r.failing else None


def _reply_out_of_step(r: _Reading) -> Recognised | None:
    """A reply that answers another command than the one the client logged beside it; or a success
    or a continuation quoted by a library's error for a reply it did not expect (error-texts.yaml
    unexpected_reply: Ruby's "Net::SMTPAuthenticationError: 334 VXNlcm5hbWU6", the server asking
    for the user name again after the password)."""
    out_of_step = _OUT_OF_STEP.search(r.context) if r.reply else None
    if out_of_step and out_of_step.group(1) != out_of_step.group(2):
        return _out_of_step(r.reply, r.context, *r.place(""), r.protocol or "smtp")
    if r.reply and r.reply.get("status") in ("positive", "intermediate"):
        low = fold(r.context)
        row = next((row for row in error_texts()["unexpected_reply"] if row["match"] in low), None)
        if row is not None:
            return _out_of_step(r.reply, r.context, *r.place(""), r.protocol or "smtp", step=row["step"])
    return None


def _curl_exit(r: _Reading) -> Recognised | None:
    """curl's numbered exit codes."""
    return _curl_code(r.text, r.protocol, r.place, r.setting)


def _sendmail_exit(r: _Reading) -> Recognised | None:
    """A sendmail-compatible program's exit status, where the text says whose it is."""
    return _sendmail_code(r.text, r.protocol, r.place, r.setting)


def _concept(r: _Reading) -> Recognised | None:
    """Words in any language for what happened (data/concepts.yaml). A success in a pasted log
    ("220 Ready to start TLS") is context: the words after it may still say what failed."""
    found = concepts.read(r.text, about_mail=r.setting is not None)
    if found is None:
        return None
    if found.reading.gives.get("wording") == "refused":
        # As for a known wording of a refused login: a session log may show that the client
        # never sent AUTH.
        session = sessionlog.session(r.text, r.place(""))
        if session is not None:
            return session
    return r.concept_facts(found)


def _left_after_offer(r: _Reading) -> Recognised | None:
    """A debug transcript that ends with the client's QUIT right after the server's EHLO answer,
    which offers no STARTTLS, and no refusal or error anywhere: the client needed the upgrade the
    answer lacks (set to STARTTLS, PHPMailer's SMTPSecure 'tls'; a server that offers AUTH only
    after STARTTLS, Exim's default auth_advertise_hosts, offers no login either) and gave up
    (RFC 3207 section 4: a client that requires TLS ends the session when STARTTLS is not offered)."""
    if r.failing or r.worded:
        return None
    reached = r.reached
    if (reached is None or reached.last_command != "QUIT" or reached.stage != "ehlo" or reached.offer is None
            or reached.offer_tls or "STARTTLS" in reached.offer):
        return None
    host, port = r.place("")
    return Recognised("a debug transcript: the client left after an EHLO answer without STARTTLS", (
        fact("starttls.result", host=host or UNKNOWN_HOST, port=port or 0, protocol="smtp", outcome="not-offered",
             text=clean_text("EHLO answer: " + " ".join(reached.offer), 300)),))


def _any_reply(r: _Reading) -> Recognised | None:
    """Whatever reply the text quotes (a success too: the rules may read it)."""
    return _reply(r.reply, *r.place(""), r.stage) if r.reply else None


def _oauth_challenge(r: _Reading) -> Recognised | None:
    """The server's OAuth2 error challenge alone (a library that puts its decoded body in the
    exception's message): the login it answers fails (see _with_login)."""
    return Recognised("a server's OAuth2 error challenge", ()) if oautherror.challenges(r.text) else None


def _failure_unsaid(r: _Reading) -> Recognised | None:
    """A text about mail that says only that something failed, and nothing else in it was read
    (data/concepts.yaml ``unsaid``): a failure whose reason the words do not give, never declined."""
    found = concepts.read(r.text, about_mail=r.setting is not None, unsaid=True)
    return r.concept_facts(found) if found is not None else None


#: The steps of :func:`_recognise`, most specific evidence first; the first that answers decides.
_STEPS: tuple[Callable[[_Reading], Recognised | None], ...] = (
    _other_greeting, _library_verdict, _login_never_offered, _imap_login_disabled, _tls_record_first,
    _transcript_stage, _library_socket_reply, _relayed_tls_error,
    _server_own_reason, _server_refusal, _certificate_behind_close, _misformed_setting, _strong_wording, _client_first,
    _file_errno, _tls_error, _resolver_error, _socket_error, _tls_in_words, _sendmail_exit, _weak_wording,
    _refusal_unworded, _reply_out_of_step, _curl_exit, _concept, _left_after_offer, _any_reply, _oauth_challenge,
    _failure_unsaid,
)


def _recognise(
    text: str,
    *,
    setting: ServerSetting | None = None,
) -> Recognised:
    """What :func:`recognise` reads, before secrets are removed.

    The whole text is read -- a client's message, a library's exception, a session log -- and
    the most specific evidence in it wins (:data:`_STEPS`): a server's refusal, then a client's
    or library's own words for what happened, then a TLS, resolver or connection error, then
    weaker wordings. ``setting`` is the server the client was talking to, when known: it gives
    the host, port and protocol of the facts."""
    reading = _read(text, setting)
    for step in _STEPS:
        got = step(reading)
        if got is not None:
            return got
    raise InputError(
        "explain: this text is not one mailexpert recognises (a server reply such as '535 5.7.8 ...', "
        "'a1 NO [AUTHENTICATIONFAILED] ...' or '-ERR ...', a mail program's or library's error, a TLS error, "
        "a connection error or a DNS error); paste the exact message, including its code")


# A client's SMTP session log: the commands it sent and the EHLO keywords it was answered with,
# as PHPMailer ("CLIENT -> SERVER: EHLO", "SERVER -> CLIENT: 250-AUTH ..."), Roundcube/PEAR
# Net_SMTP ("Send: EHLO", "Recv: 250-STARTTLS") and MailKit ("C: ", "S: ") log them.
# A session log's line for a command the client sent, as SMTP debug logs write it: Perl
# Net::SMTP ("Net::SMTP=GLOB(0x...)>>> STARTTLS"), swaks (" -> STARTTLS"), PHPMailer
# ("CLIENT -> SERVER: STARTTLS"), PEAR Net_SMTP ("Send: STARTTLS"), MailKit ("C: STARTTLS"),
# and the bare "> STARTTLS" of others.
#: How much of a text is searched for a certificate's subject and issuer: a dialog or a tool's
#: output lists them near the top.
MAX_FIELDS_SCAN = 100_000


@functools.cache
def _certificate_fields() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The first subject and the first issuer a text lists ("Subject: /CN=x", "issuer=CN = x",
    "Issued by: x"): the field names of data/error-texts.yaml ``certificate_fields``."""
    fields = error_texts()["certificate_fields"]

    def field(names: list[str]) -> re.Pattern[str]:
        labels = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if not n.startswith('"'))
        # a label in quotes is a key whose value is in quotes too, wherever the line starts (Java's debug log:
        # '"issuer" : "CN=x",', which a paste may join to the lines around it)
        keys = "|".join(re.escape(n) for n in names if n.startswith('"')) or "(?!)"
        return re.compile(rf"(?im)^[ \t]*(?:{labels})[ \t]*[:=][ \t]*(\S[^\n]{{0,300}}?)[ \t]*$"
                          rf"|(?:{keys})[ \t]*:[ \t]*\"([^\"\n]{{1,300}})\"")

    return field(fields["subject"]), field(fields["issuer"])


#: openssl s_client's verify callback line for a certificate above the server's own (depth 1 and up):
#: "depth=1 C = CZ, O = ..., CN = Some Root" (openssl apps/lib/s_cb.c verify_callback), its common name.
_CHAIN_CN = re.compile(r"(?im)^[ \t]*depth=[1-9]\d*[ \t]+(?:[^\n]*?,[ \t]*)?CN[ \t]*=[ \t]*([^,\n]{1,200}?)[ \t]*(?:,|$)")
#: openssl s_client's "Certificate chain" listing: the server's certificate (" 0 s:CN = host") and, on the next
#: line, its issuer (" i:CN = x, O = y"; apps/s_client.c print_stuff), which a paste's indented line may join to it.
_CHAIN_ISSUER = re.compile(r"(?im)^[ \t]*0[ \t]+s:[^\n]*?[ \t\n][ \t]*i:[ \t]*(\S[^\n]{0,300}?)[ \t]*$")
#: The common name in a distinguished name a field gives ("C = RU, O = ..., CN = x", "CN=x,O=y").
_DN_CN = re.compile(r"(?i)(?:^|[,/;][ \t]*)CN[ \t]*=[ \t]*([^,/;\n]{1,200}?)[ \t]*(?:[,/;]|$)")


@functools.cache
def _certificate_issuers() -> tuple[re.Pattern[str], ...]:
    """The shapes of data/error-texts.yaml ``certificate_issuers``: a verification error that names a CA."""
    return tuple(re.compile(row["pattern"], re.IGNORECASE | re.MULTILINE)
                 for row in error_texts()["certificate_issuers"])


def pasted_issuer(text: str) -> str | None:
    """The issuer a pasted certificate failure shows: the first issuer field ("Issued By: x", "issuer=C = RU, ...,
    CN = x", keytool's "Issuer: CN=x, O=y") or s_client's chain listing's (" i:CN = x"), or the CA a program's
    verification error names (data/error-texts.yaml ``certificate_issuers``: Exim's "depth=1 ... cert=/.../CN=x",
    Postfix's "untrusted issuer /.../CN=x", Go's candidate authority), as its common name where it is a
    distinguished name, else the common name of the first certificate above the server's that openssl s_client's
    "depth=N" lines show. An interceptor's CA names its product there (rules/tls/tls-interception.yaml,
    tls-inspection-issuer); None when the text shows none."""
    scanned = text[:MAX_FIELDS_SCAN]
    field = (_certificate_fields()[1].search(scanned) or _CHAIN_ISSUER.search(scanned)
             or next((m for m in (p.search(scanned) for p in _certificate_issuers()) if m), None))
    if field:
        value = _value(field).strip()
        cn = _DN_CN.search(value)
        named = (cn.group(1) if cn else value).strip(" '\"")
        return named or None
    above = _CHAIN_CN.search(scanned)
    return above.group(1).strip(" '\"") if above else None


def _self_issued(text: str) -> bool:
    """Whether the certificate a text shows names itself as its issuer (RFC 5280 section 3.2)."""
    subject, issuer = (p.search(text[:MAX_FIELDS_SCAN]) for p in _certificate_fields())
    return subject is not None and issuer is not None and fold(_value(subject)) == fold(_value(issuer))


def _value(field: re.Match[str]) -> str:
    """The value a certificate field's match holds (its plain or its quoted form)."""
    return next(g for g in field.groups() if g)


#: A certificate's names a pasted error lists are untrusted: at most this many, each a host name, a wildcard
#: name or an IP address of at most 253 characters (RFC 1035 section 2.3.4), else the text names none.
MAX_CERT_NAMES = 8
_CERT_NAME = re.compile(r"(?i)(?:\*\.)?[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9])?|[0-9a-f:.]{2,45}")
_CERT_NAME_LABEL = re.compile(r"(?i)\b(?:dns|ip address|ip)\s*:")


@functools.cache
def _certificate_names() -> tuple[re.Pattern[str], ...]:
    """The shapes of data/error-texts.yaml ``certificate_names``."""
    return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in error_texts()["certificate_names"])


def certificate_names(text: str) -> tuple[tuple[str, ...], str | None]:
    """The names a hostname-mismatch error says the certificate is valid for, and the name that was
    asked for when it says so; ``()`` when no known shape lists them (or a listed name is no name)."""
    for shape in _certificate_names():
        found = shape.search(text[:MAX_FIELDS_SCAN])
        if not found:
            continue
        listed = _CERT_NAME_LABEL.sub(" ", found.group("names"))
        names = [n.strip("'\"`").rstrip(".").lower() for n in re.split(r"[,\s]+", listed)]
        names = list(dict.fromkeys(n for n in names if n))
        if not names or not all(_CERT_NAME.fullmatch(n) for n in names):
            continue
        asked = found.groupdict().get("host")
        asked = asked.strip("'\"`").rstrip(".").lower() if asked else None
        return tuple(names[:MAX_CERT_NAMES]), asked if asked and _CERT_NAME.fullmatch(asked) else None
    return (), None


def _tls_facts(text: str, line: str, outcome: str, verify: str, protocol: str | None,
               where: tuple[str | None, int | None], setting: ServerSetting | None) -> Recognised:
    host, port = where
    if outcome == "cert-invalid" and verify in ("other", "untrusted-issuer", "untrusted-root") and _self_issued(text):
        # Not trusted, and its own issuer: a self-signed certificate, whatever the words call it.
        verify = "self-signed"
    named = _TLS_HOST.search(text)
    # A program names the step it was in before (or in) its error: STARTTLS named only after
    # the error is advice ("if you intended to use STARTTLS ..."), not the step that failed.
    said_at = text.find(line)
    before = fold(text[: said_at + len(line)] if said_at >= 0 else text)
    # A library's advice printed with its error (MailKit's "if you intended to use STARTTLS ..."),
    # with the inner exception's line after it: what follows the advice is no step taken.
    advice = [at for at in (locate(w, before)[0] for w in hints().starttls_advice) if at >= 0]
    if advice:
        before = before[:min(advice)]
    upgrading = mentions(before, hints().starttls)
    # A setting that says its TLS mode says how the client started TLS; the word STARTTLS beside it may be
    # only an option's name ("tls_starttls off", "mail.smtp.starttls.enable") quoted with that setting.
    if setting is not None and setting.security in ("ssl", "starttls"):
        mode = "implicit" if setting.security == "ssl" else "starttls"
    else:
        mode = "starttls" if upgrading else "implicit"
    names, asked = certificate_names(text) if verify == "hostname-mismatch" else ((), None)
    host = host or (named.group(1).lower() if named else asked) or UNKNOWN_HOST
    server_side = logged_by_server(text, line)
    # How long the client stayed before it left a handshake unfinished, where the server's log says.
    waited = sessionlog.server_wait_ms(text) if server_side and outcome == "unexpected-eof" else None
    handshake = fact(
        "tls.handshake",
        host=host,
        port=port or 0,
        protocol=protocol,
        mode=mode,
        outcome=outcome,
        verify=verify,
        # The line that says it: in a long log the reason would be cut off.
        reason=ssl_reason(line),
        source="pasted",
        **({"seen_by": "server"} if server_side else {}),
        **({"elapsed_ms": waited} if waited is not None else {}),
    )
    detail = outcome if verify in ("unchecked", "other") else f"{outcome}, {verify}"
    # The issuer a certificate failure shows beside it: the certificate's, as a probe would have read it.
    issuer = pasted_issuer(text) if outcome == "cert-invalid" else None
    if not names and not issuer:
        return Recognised(f"a TLS error ({detail})", (handshake,))
    settable = settable_name(names) if names else None
    certificate = fact("tls.certificate", host=host, port=port or 0, source="pasted",
                       **({"names": ", ".join(names), "covers_host": False} if names else {}),
                       **({"settable_name": settable} if settable else {}),
                       **({"issuer": clean_text(issuer, 200)} if issuer else {}))
    return Recognised(f"a TLS error ({detail})", (handshake, certificate))


def _dns_facts(text: str, outcome: str, on_connect: bool, where: tuple[str | None, int | None]) -> Recognised:
    """A resolver's answer; ``on_connect``: the client's own look-up before connecting failed."""
    host, port = where
    named = _DNS_NAME.search(text)
    resolved = _QUOTED_HOST.search(text) or _RESOLVE_NAME.search(text)
    server = _DNS_SERVER.search(text)
    rrtype = named.group(2) if named and named.group(2) else "A"
    if rrtype not in ("A", "AAAA", "MX", "SRV", "TXT", "CNAME", "NS"):
        rrtype = "A"
    # The name as the client printed it: stray quotes or spaces are the user's typing.
    dotted = next((m for m in itertools.islice(_HOSTNAME.finditer(text), MAX_NAMES) if namedhost.is_host_name(m.group(1))), None)
    name = (named.group(1).lower() if named else resolved.group(1).lower() if resolved
            else host or (dotted.group(1).lower() if dotted else UNKNOWN_HOST))
    if not named and resolved is not None and resolved.re is _RESOLVE_NAME:
        typed = _TYPED_PORT.match(text, resolved.end(1)) or _TYPED_URL.match(text, resolved.end(1))
        name += typed.group(0).lower() if typed else ""
    asked = _POSTFIX_DNS_NAME.search(text)
    if outcome == "nxdomain" and _is_recipient_domain(asked.group(1).lower() if asked else name, fold(text)):
        return _recipient_domain_unknown(text, asked.group(1).lower() if asked else name)
    # A name no host name can be (a template's placeholder, a user name and "@"): its form says why.
    shape = namedhost.misformed(name) if name != UNKNOWN_HOST else None
    facts = [fact(
        "dns.answer",
        name=name,
        rrtype=rrtype,
        resolver=f"{server.group(1)}:{server.group(2)}" if server else "system",
        role="system",
        outcome=outcome,
        source="pasted",
        **({"form": "placeholder" if shape.placeholder else "misformed"} if shape else {}),
    )]
    if on_connect:
        facts.append(fact("tcp.connect", host=host or name, port=port or 0, outcome="dns-failed",
                          error=clean_text(text, 200), source="pasted"))
    return Recognised(f"a DNS error ({outcome})", tuple(facts))


# The name Postfix's resolver error names (dns_lookup.c: "Name service error for name=%s type=%s: %s"),
# which a bounce may wrap before "name=".
_POSTFIX_DNS_NAME = re.compile(r"name service error for\s+name=([A-Za-z0-9_.-]+?)\.?\s+type=", re.IGNORECASE)
# The delivery status a mail server's report gives its failure: Postfix's log "dsn=5.4.4", a DSN's
# "Status: 5.4.4" (RFC 3464 section 2.3.4).
_REPORT_STATUS = re.compile(r"(?:\bdsn=|^status:\s*)([245]\.\d{1,3}\.\d{1,3})\b", re.MULTILINE)


# A delivery status notification's fields for one recipient (RFC 3464 section 2.3): "Status:" holds the failure's
# enhanced status code (2.3.4) and "Diagnostic-Code: smtp; ..." the remote server's own reply (2.3.6), which some
# servers (Gmail's) report without its codes. Together they are that server's refusal, read as its reply. (Not a
# diagnostic of another type, Postfix's "X-Postfix; connect to ...: Connection timed out": the reporting server's own
# words for a delivery it could not make, which its socket's or resolver's words read.)
_DSN_STATUS = re.compile(r"^\s*status:\s*([45]\.\d{1,3}\.\d{1,3})\b", re.IGNORECASE | re.MULTILINE)
_DSN_SMTP_DIAGNOSTIC = re.compile(r"^\s*diagnostic-code:\s*smtp\s*;\s*(\S[^\n]*)", re.IGNORECASE | re.MULTILINE)


def _report_reply(text: str) -> tuple[dict[str, Any], str]:
    """The remote server's refusal a delivery status notification reports without its reply code (the enhanced
    code of its Status field before the words of its smtp Diagnostic-Code), and the line it stands on; nothing
    where the report lacks either field."""
    status, diagnostic = _DSN_STATUS.search(text), _DSN_SMTP_DIAGNOSTIC.search(text)
    if status is None or diagnostic is None:
        return {}, ""
    return parse_reply(f"{status.group(1)} {diagnostic.group(1).strip()}"), diagnostic.group(0).strip()


def _is_recipient_domain(name: str, low: str) -> bool:
    """Whether the name a mail server's delivery report could not resolve is the recipient address's
    own domain (Postfix's "to=<bob@NAME>" and "Name service error for name=NAME", a bounce's
    "<bob@NAME>: Host or domain name not found"): the recipient's domain, not a server the sender set."""
    return name.rstrip(".") in {m.group(1).rstrip(".") for m in _REPORT_RECIPIENT.finditer(low)}


def _recipient_domain_unknown(text: str, name: str) -> Recognised:
    """A mail server's report that the recipient address's domain does not exist in DNS: the failure of
    the recipient's address, as the report's own delivery status (or RFC 3463's X.1.2, "the destination
    system specified in the address does not exist") gives it -- no server the sender's mail program
    uses, so not that program's server name (server-host-unknown)."""
    low = fold(text)
    status = _REPORT_STATUS.search(low)
    enhanced = status.group(1) if status else "5.1.2"
    said = low.find("host or domain name not found")  # Postfix's reason (dns_lookup.c), the rest is the log's
    reply = {"protocol": "smtp", "status": "permanent" if enhanced[0] == "5" else "transient",
             "enhanced": enhanced, "text": clean_text(text[said:] if said >= 0 else text, 300)}
    return Recognised(f"the recipient's domain {name} does not exist",
                      (fact("server.reply", {**reply, **status_fields(reply), "stage": "unknown", "hop": "recipient",
                                             "source": "pasted"}),))


def _socket_facts(line: str, outcome: str, where: tuple[str | None, int | None], said: str | None = None) -> Recognised:
    """A pasted connection error; ``said``: the route a concept reading names where the line's own
    words and number name none (data/concepts.yaml: "offline" says this device, no one host)."""
    host, port = where
    more: dict[str, str] = {}
    if outcome == "unreachable":
        # Which route is missing, and to which address family: no route to an IPv6 address is
        # most often a host without IPv6 (the rules' differential), the address the line names.
        route = socket_route(line) or said
        named = _addresses(line)
        more = {**({"route": route} if route else {}),
                **({"address": line[named[0][0]:named[0][1]], "family": f"ipv{named[0][2]}"} if named else {})}
    connect = fact("tcp.connect", host=host or UNKNOWN_HOST, port=port or 0, outcome=outcome,
                   error=clean_text(line, 300), source="pasted", **more)
    return Recognised(f"a connection error ({outcome})", (connect,))


def _concept_facts(text: str, found: concepts.Found, protocol: str | None, where: tuple[str | None, int | None],
                   setting: ServerSetting | None) -> Recognised:
    """The facts of a text read by its concepts alone (no exact wording known): a guess."""
    gives = found.reading.gives
    # A greeting the client could not read names the server's protocol ("short response: * OK IMAP4rev1"), not
    # the client's: where the reading knows the client's (a numbered reply awaited is SMTP's), that one holds.
    named = None if gives.get("wording") == "bad-greeting" and gives.get("protocol") else found.protocol
    got = _gives_facts(text, gives, found.line, protocol or named, where, setting)
    return Recognised(f"{got.what}, read from its words alone (no exact wording of it is known)", got.facts,
                      guess=True)


def _gives_facts(text: str, gives: Mapping[str, object], line: str, protocol: str | None,
                 where: tuple[str | None, int | None], setting: ServerSetting | None) -> Recognised:
    """The facts of a reading in the concept table's vocabulary (``tls``, ``dns``, ``socket`` or
    ``wording``), said by ``line`` of ``text``."""
    if "tls" in gives:
        outcome, verify = cast(tuple[str, str], gives["tls"])  # (concepts.yaml's tls: [OUTCOME, VERIFY])
        return _tls_facts(text, line, outcome, verify, protocol, where, setting)
    if "dns" in gives:
        return _dns_facts(text, str(gives["dns"]), True, where)
    if "socket" in gives:
        return _socket_facts(line, str(gives["socket"]), where, str(gives["route"]) if "route" in gives else None)
    # A reading may name the protocol its concept belongs to (EHLO is SMTP's) where the text names none, and the
    # SASL mechanism (a sign-in token is OAuth2's, XOAUTH2: no password was sent).
    row = Wording("", str(gives["wording"]), protocol or gives.get("protocol"),  # type: ignore[arg-type]
                  False, gives.get("status"), gives.get("code"),  # type: ignore[arg-type]
                  str(gives.get("stage", "auth")), gives.get("enhanced"), reading=gives.get("reading"),  # type: ignore[arg-type]
                  mechanism=gives.get("mechanism"), file=gives.get("file"))  # type: ignore[arg-type]
    return _wording_facts((row, line), protocol, *where, setting)


# curl's exit status and libcurl's CURLcode as programs print them: "curl: (67) ...", PHP's
# "cURL error 28: ...", "curl error (6)". (Never "curl 7.88.1": a version is no code.)
_CURL_CODE = re.compile(r"\bcurl(?::\s*\((\d{1,2})\)|\s+error:?\s*\(?(\d{1,2})\b)", re.IGNORECASE)


def _curl_code(text: str, protocol: str | None, place: Callable[[str], tuple[str | None, int | None]],
               setting: ServerSetting | None) -> Recognised | None:
    """What a curl error code says (data/error-texts.yaml ``curl_codes``), when the words beside it
    are known to no table: the code is curl's own, the same in every release and language."""
    m = _CURL_CODE.search(text[:100_000])
    row = _curl_codes().get(int(m.group(1) or m.group(2))) if m else None
    if m is None or row is None:
        return None
    line = _line_of(text, m.start())
    got = _gives_facts(text, row["gives"], line, protocol, place(line), setting)
    return Recognised(f"{got.what} (curl's error code {row['code']}, {row['name']})", got.facts)


@functools.cache
def _curl_codes() -> dict[int, dict[str, Any]]:
    return {r["code"]: r for r in error_texts().get("curl_codes", ())}


def _sendmail_code(text: str, protocol: str | None, place: Callable[[str], tuple[str | None, int | None]],
                   setting: ServerSetting | None) -> Recognised | None:
    """What a sendmail-compatible program's exit status says (data/error-texts.yaml ``sendmail_exit``):
    only where the text names the program or a caller that runs nothing else, and by the program's own
    mapping where it has one (msmtp's EX_NOPERM is a refused login, elsewhere a local permission)."""
    head = text[:100_000]
    table = _sendmail_exit_table()
    for said, caller, program in table["said"]:
        m = said.search(head)
        if m is None:
            continue
        # The program must be named as the one that exited: on the exit's own line, or -- where the line
        # opens with the status ("Exit Code: 75" under Symfony's 'The command "..." failed.') -- on the
        # line that says what ran. A program named elsewhere in the text (a configuration quoted above, a
        # later step) is not the one whose status this is.
        around = _exit_sentence(head, m.start())
        named = [p for pattern, p in table["programs"] if pattern.search(around)]
        if not (caller or named):
            continue  # an exit status of a program the text does not name decides nothing
        token = m.group(1)
        row = table["codes"].get(int(token) if token.isdigit() else token.upper())
        if row is None:
            return None
        programs = {program} if program else {p for p in named if p}
        gives = row.get("gives")
        for name in programs & set(row.get("programs") or {}):
            gives = row["programs"][name]
        if not gives:
            return None
        line = _line_of(text, m.start())
        got = _gives_facts(text, gives, line, protocol or "smtp", place(line), setting)
        return Recognised(f"{got.what} (a sendmail program's exit status {row['code']}, {row['name']})", got.facts)
    return None


@functools.cache
def _sendmail_exit_table() -> dict[str, Any]:
    data = error_texts()["sendmail_exit"]
    codes: dict[int | str, dict[str, Any]] = {}
    for r in data["codes"]:
        codes[r["code"]] = codes[r["name"]] = r
    return {
        "said": tuple((re.compile(r["pattern"], re.IGNORECASE), bool(r.get("caller")), r.get("program"))
                      for r in data["said"]),
        "programs": tuple((re.compile(r["pattern"], re.IGNORECASE), r.get("program")) for r in data["programs"]),
        "codes": codes,
    }


def _exit_sentence(text: str, at: int) -> str:
    """The words that say which program an exit status at ``at`` is of: its line, and the line before
    it (skipping blank ones) where nothing but a label stands before the status."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    if not re.fullmatch(r"[\w .>*#\[\]-]{0,20}:?\s*", text[start:at]):
        return line
    prior = text[:start].rstrip()
    return text[prior.rfind("\n") + 1 : start] + line


def _line_of(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()


@functools.cache
def _stage_table() -> tuple[tuple[str, str], ...]:
    return tuple((r["match"], r["stage"]) for r in error_texts()["stages"])


#: The longest message whose words stand for a bare code's own (see :func:`_with_quoted_words`).
_QUOTED_WORDS_MAX = 300
#: The label such a program prints the code under ("SMTP code: 436", "Error code: 550"); a code a client's own
#: words end with ("RCPT failed: 554", curl's) follows the client's words, not the server's.
_CODE_LABEL = re.compile(r"\bcode\s?[:=]\s?[245][0-9][0-9]\b", re.IGNORECASE)


def _with_quoted_words(r: _Reading) -> Mapping[str, object]:
    """A bare code's reply with the message's words as its text, when the message is short and no
    program's wording says what it is: a program that prints a server's refusal as its words and
    then the code under a label of its own (PHPMailer's "<the server's words>, SMTP code: 436",
    PHPMailer/PHPMailer:src/PHPMailer.php smtpConnect/getSMTPInstance errors; Django's and
    smtplib's "Error code: 550" beside "Error: b'<the server's words>'", python/cpython:Lib/smtplib.py
    SMTPResponseException's smtp_code and smtp_error) parts the words from their code, and the
    server's words are what say why (RFC 5321 section 4.2: the text after the code)."""
    text = r.text.strip()
    if not r.bare or r.worded or len(text) > _QUOTED_WORDS_MAX or not _CODE_LABEL.search(text):
        return r.reply
    return {**r.reply, "text": clean_text(text, _QUOTED_WORDS_MAX)}


def _hop(low: str) -> dict[str, object]:
    """``{"hop": "recipient"}`` when the (folded) text is a delivery report whose words say the
    reply it quotes came from the recipient's own server (data/error-texts.yaml recipient_server);
    else ``{"relayed": True}`` when they say only that a mail server quotes the next server it passed
    the message to (next_hop_server): the mail program had handed the message over already."""
    rows = error_texts()["recipient_server"]
    if any(fold(r["match"]) in low for r in rows) or _next_hop_in_recipient_domain(low) \
            or any(locate(match, low)[0] >= 0 for match in _recipient_hop_summaries()):
        return {"hop": "recipient"}
    # An Exim delivery line that names a router other than dnslookup (the recipient's MX, a
    # recipient_server row) routed the message to a relay host of the sending server's own (a
    # manualroute "smarthost"): that host's refusal answers that server's settings.
    router = _EXIM_ROUTER.search(low)
    if router is not None and router.group(1) != "dnslookup":
        return {}
    return {"relayed": True} if any(fold(r["match"]) in low for r in error_texts()["next_hop_server"]) else {}


@functools.cache
def _recipient_hop_summaries() -> tuple[str, ...]:
    """The delivery-report summaries of providers that deliver straight to the recipient's servers (data/error-texts.yaml
    wordings with ``hop: recipient``): the reply such a report quotes is the recipient's server's."""
    return tuple(fold(r["match"]) for r in error_texts()["wordings"] if r.get("hop") == "recipient")


# The MAIL FROM or RCPT TO command a log or transcript quotes with its address in a second pair of angle brackets
# ("RCPT TO:<<user@example.org>>", OpenSMTPD's failed-command log, a client's protocol log): an SMTP path is one
# address in one pair (RFC 5321 section 4.1.2, Path = "<" [ A-d-l ":" ] Mailbox ">"; no bracket in a Mailbox outside a
# quoted local part), so the program that sent it wrapped an address already in brackets or sent a display form.
_DOUBLED_PATH = re.compile(r"\b(?:mail from|rcpt to):\s?<<")


def _path_form(low: str) -> dict[str, object]:
    """``{"path": "doubled"}`` when the (folded) text quotes a MAIL FROM or RCPT TO command whose path is in two
    pairs of angle brackets, else nothing."""
    return {"path": "doubled"} if "<<" in low and _DOUBLED_PATH.search(low) else {}


_EXIM_ROUTER = re.compile(r"(?<!\S)r=([\w.-]+)")
# The recipient of a delivery report: the address RCPT TO was given (Exim's "after RCPT TO:<...>", a
# transcript), the one a Postfix log line delivers to ("to=<...>"), the one a Postfix bounce's entry
# begins with ("<...>: host ..."), a DSN's Final-Recipient (RFC 3464 section 2.3.2); and the server it
# quotes: Postfix's "host NAME[ADDR]", Exim's bounce "host NAME [ADDR]" and log "H=NAME [ADDR]", a DSN's
# "Remote-MTA: dns; NAME" (section 2.3.5).
_REPORT_RECIPIENT = re.compile(r"(?:rcpt to:\s*<|\bto=<|^\s*<|final-recipient:\s*rfc822;\s*<?)"
                               r"[^<>@\s]+@([a-z0-9.-]+\.[a-z]{2,})\b", re.MULTILINE)
_REPORT_HOST = re.compile(r"(?:(?:\bhost |(?<!\S)h=)([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s?\["
                          r"|remote-mta:\s*dns;\s*([a-z0-9-]+(?:\.[a-z0-9-]+)+))")
# The words one of which a text that _REPORT_HOST matches holds.
_REPORT_HOST_WORDS = ("host ", "h=", "remote-mta:")
# A next hop reached on a submission port (a Postfix log's "relay=NAME[ADDR]:587").
_SUBMISSION_HOP = re.compile(r"\]:(?:587|465)\b")


def _next_hop_in_recipient_domain(low: str) -> bool:
    """Whether a mail server's delivery report quotes a server whose name lies in the recipient's own
    domain ("host mail.example.co.za [...]" for user@example.co.za): the recipient domain's own
    server, whatever relay host the sending server may use (a relay host lies in its provider's domain).
    Not where the report names the submission port it connected to ("relay=NAME[ADDR]:587"): a
    submission server is the sender's, even in the recipient's domain (RFC 6409)."""
    # (The quoted server looked for first, and only in a text that holds its words: the patterns begin
    # with a boundary test, not a string, so each scans a megabyte's every place in about 0.2 s.)
    if not any(word in low for word in _REPORT_HOST_WORDS) or _SUBMISSION_HOP.search(low):
        return False
    hosts = {(m.group(1) or m.group(2)).rstrip(".") for m in _REPORT_HOST.finditer(low)}
    if not hosts:
        return False
    domains = {m.group(1).rstrip(".") for m in _REPORT_RECIPIENT.finditer(low)}
    return any(h == d or h.endswith("." + d) for h in hosts for d in domains)


def _stage(context: str) -> str:
    """The command a quoted reply answers, from the words beside it ("RCPT failed: 554",
    "(in reply to MAIL FROM command)"); unknown when they do not say."""
    low = fold(context)
    found = [(len(m), stage) for m, stage in _stage_table() if m in low]
    return max(found)[1] if found else "unknown"


# A library that names the reply it waited for and the success it got instead (Symfony Mailer,
# SwiftMailer: 'Expected response code 250 but got code "235"'): the session is out of step.
_OUT_OF_STEP = re.compile(r"expected response code \"?([2-5]\d\d)\"?(?:[/, ]+\d{3})* but got code \"?([23]\d\d)\b",
                          re.IGNORECASE)


def _out_of_step(reply: Mapping[str, object], context: str, host: str | None, port: int | None,
                 protocol: str, step: str = "mail") -> Recognised:
    """A success reply where the client expected another: client and server disagree on where
    the session is (a reply answered twice, a command pipelined out of turn)."""
    failure = fact("service.failure", host=host or UNKNOWN_HOST, port=port or 0, protocol=protocol, step=step,
                   failure="error", text=clean_text(context, 300))
    return Recognised(f"{_describe_reply(reply)}, not the reply the program expected", (failure,))


def _with_bare_reply(read: Recognised, reply: Mapping[str, object], where: tuple[str | None, int | None],
                     stage: str, line: str) -> Recognised:
    """``read`` and, when the client's words name the command a bare code it quotes answered
    ("STARTTLS denied, code 502"), that reply as evidence of its own at that step: the code
    may say why the step failed."""
    if stage == "unknown":
        return read
    # The code has no words of its own: the client's line that quotes it stands for them.
    said = {**reply, "text": str(reply.get("text") or "").strip() or clean_text(line, 300)}
    return attrs.evolve(read, facts=read.facts + _reply(said, *where, stage).facts)


def _reply(reply: Mapping[str, object], host: str | None, port: int | None, stage: str = "unknown") -> Recognised:
    fields = {**reply, "host": host, "port": port, "stage": stage, "source": "pasted"}
    return Recognised(_describe_reply(reply), (fact("server.reply", fields),))


def _with_worded_code(reply: Mapping[str, object]) -> Mapping[str, object]:
    """A reply quoted without the code its server sends its words with, with that code where
    data/server-replies.yaml gives one. SMTP: a reply with its enhanced status code but without its
    reply code (the table's row with the same enhanced code): Rust's lettre prints a refusal as
    "permanent: 5.7.1 message content rejected" (its Display of a Response keeps the severity's word
    and the message, not the three digits), and logs that keep only the message do the same; the
    reply code is what tells a refusal of the message (554 after DATA) from one of the sender or the
    login. POP3: an "-ERR" without a response code: RFC 2449's codes are optional, and servers that
    predate it or leave them out send the same words bare (RFC 1939's "-ERR unable to lock maildrop",
    UW ipop3d's "-ERR Can't get lock"), which mean what they mean with the code. IMAP: a NO without a
    response code (RFC 5530's are optional) that relays the words of what checked the login, which a
    wordings row gives the code of: Exchange's "NO AUTHENTICATE failed." with Active Directory's
    "AcceptSecurityContext error, data 52e" after it names the refusal (52e ERROR_LOGON_FAILURE, the
    password), not only that the login failed."""
    protocol = reply.get("protocol")
    text = str(reply.get("text", ""))
    if protocol == "imap" and reply.get("status") == "no" and not reply.get("response_code"):
        relayed = find_wording(text, servers=False)
        row = relayed[0] if relayed is not None else None
        if row is None or row.evidence != "server-words" or row.status != "no" or not row.code \
                or row.protocol not in (None, "imap"):
            return reply
        coded = {**reply, "response_code": row.code}
        return coded | status_fields(coded)
    if protocol == "smtp" and not reply.get("code") and reply.get("enhanced"):
        field, words = "code", text
    elif protocol == "pop3" and reply.get("status") == "err" and not reply.get("response_code"):
        field, words = "response_code", _POP3_ERR.sub("", text, count=1)
    else:
        return reply
    found = find_wording(words, clients=False)
    form = dict(found[0].reply).get(protocol) if found is not None else None
    table = worded_reply(form, "x") if form else {}
    if not table.get(field) or (field == "code" and table.get("enhanced") != reply["enhanced"]):
        return reply
    coded = {**reply, field: table[field]}
    return coded | status_fields(coded)


#: The status word a POP3 reply's text opens with.
_POP3_ERR = re.compile(r"^\s*-ERR\b\s*", re.IGNORECASE)


def _describe_reply(reply: Mapping[str, object]) -> str:
    if reply.get("protocol") == "smtp":
        code = " ".join(str(reply[k]) for k in ("code", "enhanced") if reply.get(k))
        return f"an SMTP reply ({code})"
    code = f" [{reply['response_code']}]" if reply.get("response_code") else ""
    name = {"imap": "an IMAP", "pop3": "a POP3"}.get(str(reply.get("protocol")), "a")
    return f"{name} reply ({reply.get('status')}{code})"


#: The reply each protocol gives when the server cannot check a password for now.
_BACKEND_FAILED: dict[str, dict[str, object]] = {
    "smtp": {"status": "transient", "code": 454, "enhanced": "4.7.0"},
    "imap": {"status": "no", "response_code": "UNAVAILABLE"},
    "pop3": {"status": "err", "response_code": "SYS/TEMP"},
    "unknown": {"status": "transient", "response_code": "UNAVAILABLE"},
}

#: What an errno said of a file shows (see :func:`_said_of_file`): a mail program's own file, or
#: in a server's log the server's.
_CLIENT_FILE = Wording(match="", evidence="local-file", strong=True, file="config")
_SERVER_FILE = Wording(match="", evidence="storage-failed", strong=True)
#: How many places of each errno's words are looked at: a pasted log repeats them.
_MAX_FILE_ERRNO = 50


@functools.cache
def _file_errno_words() -> tuple[str, ...]:
    return tuple(error_texts()["file_errno"]["words"])


def _said_of_file(low: str) -> int | None:
    """Where a file error's words stand right after a file's path and a colon ("PATH: Permission
    denied", the form of perror(3)) in the folded text, else None. A connection's error names a
    host, a port or a call there (Go's "dial unix PATH: connect: permission denied"), never the
    path alone; a URL is no path."""
    for words in _file_errno_words():
        at = low.find(words)
        for _ in range(_MAX_FILE_ERRNO):
            if at < 0:
                break
            before = low[max(0, at - 320):at].rstrip()
            if before.endswith(":"):
                token = before[:-1].rstrip("'\"`").rsplit(None, 1)[-1:] or [""]
                path = token[0].lstrip("'\"`(<[")
                if path.startswith(("/", "~/")) and len(path) > 1 and "//" not in path:
                    return at
            at = low.find(words, at + 1)
    return None


#: Wordings of a server's own log that say why its reply failed, whatever the client sent.
_SERVER_OWN = frozenset({"backend-failed", "storage-failed"})
#: A file's path in a log line: absolute, or under the home directory ("~/.msmtprc").
_PATH = re.compile(r"(?<![\w.:/-])(~?/[^\s()\"'`,;]{1,300})")

_MECHANISM = re.compile(r"\b(PLAIN|LOGIN|CRAM-MD5|DIGEST-MD5|NTLM|GSSAPI|XOAUTH2|OAUTHBEARER|SCRAM-SHA-\d+)\b", re.I)
#: PLAIN and LOGIN are English words too (c-client's POP3 "Can't login to this server", "plain text"): written
#: other than in capitals (RFC 4422 section 3.1: mechanism names are upper case), they name the mechanism only
#: right after the word that introduces one (dma's "AUTH login not available", "method: login").
_MECHANISM_INTRODUCED = re.compile(r"(?:\bauth(?:enticate)?|\bmethod|\bmechanism|\bsasl)\W{1,3}$", re.I)
_ENGLISH_MECHANISMS = frozenset({"PLAIN", "LOGIN"})


def _mechanisms_named(line: str) -> set[str]:
    """The SASL mechanisms a client's line names, as upper-case names."""
    named = set()
    for m in _MECHANISM.finditer(line):
        word = m.group(1)
        if word.upper() in _ENGLISH_MECHANISMS and not word.isupper() \
                and not _MECHANISM_INTRODUCED.search(line[max(0, m.start() - 20):m.start()]):
            continue
        named.add(word.upper())
    return named


# Where a client's complaint may start quoting the server's first words: after "greeting", a label's
# colon or equals sign, or an opening quote ("Unexpected greeting: \"220-mx ESMTP ...\"", "Invalid
# greeting. response=SSH-2.0-...", "response: HTTP/1.1 400 Bad Request", MailKit's "Syntax error in
# IMAP server greeting. <the line>").
_QUOTE_START = re.compile(r"""\bgreeting\b\.?|[:=(\[\"'\u201c\u2018]""", re.IGNORECASE)
_QUOTE_END = re.compile(r"""["'\u201d\u2019\n]""")
_CODE_ALONE = re.compile(r"[2-5]\d\d(?:/[2-5]\d\d)*")
# The protocol a client names for itself: the protocol, its library or class (imaplib, IMAP4, smtplib, poplib;
# MailKit's SmtpClient, ImapClient, Pop3Client, jstedfast/MailKit:MailKit/Net/Smtp/SmtpClient.cs; .NET's
# System.Net.Mail.SmtpClient; JavaMail's SMTPTransport, IMAPStore, POP3Store, jakartaee/mail-api's
# com.sun.mail.smtp.SMTPTransport; SmtpClient-for-Qt's SmtpClient, bluetiger9/SmtpClient-for-Qt:src/smtpclient.h).
# Not a component of a file path: a directory named for a protocol's server (Cyrus IMAP's /var/imap/socket/lmtp, the
# LMTP socket a Postfix bounce names as the host that said the reply) is where a socket lives, not what the client speaks.
_PROTOCOL_NAMED = re.compile(r"(?<![/\\])\b(e?smtp(?:lib|s|client|transport)?|imap(?:lib|4|s|client|store)?|pop(?:lib|3s?(?:client|store)?))\b"
                             r"(?![/\\])", re.IGNORECASE)
_PROTOCOL_OF = {"e": "smtp", "s": "smtp", "i": "imap", "p": "pop3"}


def _quoted_greeting(line: str) -> tuple[Greeting, str, int] | None:
    """The server's first words a client's complaint quotes, read by the probes' own fingerprint
    (:func:`fingerprint_greeting`): what protocol they are, their text and where the quote starts;
    None when no quote in the line is the first words of a protocol the fingerprint knows."""
    for n, m in enumerate(_QUOTE_START.finditer(line[:MAX_TEXT])):
        if n >= 40:  # a hostile line of colons is read no further
            break
        quoted = line[m.end():m.end() + 300].replace("\\r", "").replace("\\n", "").lstrip(" \t\\\"'\u201c\u2018")
        end = _QUOTE_END.search(quoted)
        quoted = (quoted[:end.start()] if end else quoted).strip()[:200]
        if _CODE_ALONE.fullmatch(quoted):
            # A reply code alone in quotes is the code the client expected (Symfony Mailer's 'Expected
            # response code "220" but got empty code'), not words a server sent.
            continue
        spoken = fingerprint_greeting(quoted.encode("utf-8", "replace"))
        if spoken.spoken not in ("silence", "unknown", "garbage", "tls"):
            return spoken, clean_text(quoted, 200), m.start()
    return None


def _speaks(line: str, protocol: str | None) -> str | None:
    """The protocol the client speaks: the setting's, else the one protocol the line names."""
    named = {_PROTOCOL_OF[p[0].lower()] for p in _PROTOCOL_NAMED.findall(line)}
    return protocol or (named.pop() if len(named) == 1 else None)


def _around(line: str, match: str) -> str:
    """The part of a long line that holds the wording: a JSON blob or a joined log pasted as one
    line may put the words far past what a fact keeps of it."""
    at = line.lower().find(match.split(GAP)[0])
    return line if at < 200 else "…" + line[at - 100:]


def _server_said(line: str, match: str) -> str:
    """The server's words in a client's line that quotes them: from the client's label for them
    ("The mail server responded: ", "Server Response: '") to the quote that closes them, when a
    label stands before them; else the line (its part around them, when it is long)."""
    at = fold(line).find(match.split(GAP)[0])
    start, quote = concepts.quote_start(line[:at]) if at > 0 else (0, "")
    said = line[start:] if start else _around(line, match)
    if quote and (close := said.find(quote, at - start + len(match))) >= 0:
        said = said[:close]
    return clean_text(said, 300)


def _oauth_answer(text: str) -> bool:
    """Whether a text holds the identity provider's own answer: an Entra AADSTS code, a mechanism's error challenge,
    or an error code of RFC 6749 (data/status-codes.yaml oauth_errors)."""
    return oautherror.entra_code(text) is not None or bool(oautherror.challenges(text)) \
        or _oauth_error_code().search(text) is not None


@functools.cache
def _oauth_error_code() -> re.Pattern[str]:
    errors = (status_codes().get("oauth_errors") or {}).get("errors") or []
    return re.compile(r"\b(?:" + "|".join(map(re.escape, errors)) + r")\b" if errors else r"(?!)")


def _wording_facts(worded: tuple[Wording, str], protocol: str | None, host: str | None, port: int | None,
                   setting: ServerSetting | None) -> Recognised:
    """The facts a client's or library's own words show (the table's ``evidence``)."""
    row, line = worded
    named = protocol  # the protocol the setting or the text names, not the row's own
    protocol = protocol or row.protocol
    host = host or UNKNOWN_HOST
    port = port or row.port or 0
    said = clean_text(_around(line, row.match), 300)
    if row.evidence == "starttls-not-offered":
        return Recognised("a mail program's error: the server does not offer STARTTLS", (
            fact("starttls.result", host=host, port=port, protocol=protocol or "smtp", outcome="not-offered",
                 text=said),))
    if row.evidence == "starttls-failed":
        # The security the session used: the setting's, else the one the port the text names stands
        # for in the mail-port table (993 is implicit TLS, never STARTTLS).
        security = setting.security if setting is not None else knowledge.port_security(port)
        if security == "ssl" and not mentions(fold(line), hints().starttls):
            # Set to TLS on connecting, the session has no STARTTLS step (RFC 8314 section 3): a TLS
            # failure its words leave unnamed is the handshake on connecting.
            return _tls_facts(line, line, "error", "unchecked", protocol or "smtp", (host, port), setting)
        return Recognised("a mail program's error: the STARTTLS upgrade failed", (
            fact("starttls.result", host=host, port=port, protocol=protocol or "smtp", outcome="error", text=said),))
    if row.evidence == "auth-not-offered":
        secured = setting.security in ("ssl", "starttls") if setting is not None else row.starttls_first
        if secured:
            # The library checks the capabilities it read last: inside TLS on this setting, or
            # after the STARTTLS it sends whenever the server offers it.
            return Recognised("a mail program's error: the server offers no authentication, even with TLS", (
                fact("service.capabilities", host=host, port=port, protocol=protocol or "smtp", tls=True,
                     starttls=False, auth_offered=False, raw=said),))
        return Recognised("a mail program's error: the server offers no authentication", (
            fact("login.result", host=host, port=port, protocol=protocol or "smtp", outcome="skipped",
                 skipped_reason="not-offered", text=said),))
    if row.evidence == "no-greeting":
        return Recognised("a mail program's error: connected, but no greeting arrived", (
            fact("tcp.connect", host=host, port=port, outcome="connected", source="pasted"),
            fact("service.greeting", host=host, port=port, protocol=protocol or "smtp", mode="plain", spoken="silence", source="pasted"),
        ))
    if row.evidence == "stalled":
        # The connection was made and the session went as far as the message: no port that
        # never connected, and no greeting that never came.
        return Recognised(f"a mail program's error: the session broke while the message was sent ({row.status})", (
            fact("tcp.connect", host=host, port=port, outcome="connected", source="pasted"),
            fact("service.failure", host=host, port=port, protocol=protocol or "smtp", step=row.stage,
                 failure=row.status or "closed", text=said, source="pasted"),
        ))
    if row.evidence == "broke":
        # The session was up and the server broke it off, or left its protocol, at one step
        # before or after the message (``stage``: the command it answered, ``status``: how).
        return Recognised(f"a mail program's error: the server broke off the session at the {row.stage} step", (
            fact("tcp.connect", host=host, port=port, outcome="connected", source="pasted"),
            fact("service.failure", host=host, port=port, protocol=protocol or "smtp", step=row.stage,
                 failure=row.status or "error", text=said, source="pasted"),
        ))
    if row.evidence == "bad-greeting":
        quoted = _quoted_greeting(line)
        speaks = _speaks(line[: quoted[2]], protocol) if quoted is not None else None
        if quoted is not None and quoted[0].spoken == speaks and quoted[0].status == "ok":
            # The greeting the client quotes is a correct one of the protocol it speaks: the
            # client's reading of it failed, not the server.
            return Recognised("a mail program's error: it calls a valid greeting unexpected", (
                fact("tcp.connect", host=host, port=port, outcome="connected", source="pasted"),
                fact("service.greeting", host=host, port=port, protocol=speaks, mode="plain", spoken=speaks,
                     status="ok", text=quoted[1], source="pasted"),
            ))
        connected = fact("tcp.connect", host=host, port=port, outcome="connected", source="pasted")
        if quoted is not None and quoted[0].spoken != speaks \
                and (speaks is not None or quoted[0].spoken not in _PROTOCOL_OF.values()):
            # Another protocol's first words (a web server's "HTTP/1.1 400", an SSH server's
            # "SSH-2.0-...", another mail protocol's greeting), read as a probe reads them.
            greeting, text, _ = quoted
            return Recognised(f"a mail program's error: the server greets in {greeting.spoken}, not the mail "
                              "program's protocol", (
                connected,
                fact("service.greeting", host=host, port=port, protocol=speaks or protocol or "imap", mode="plain",
                     spoken=greeting.spoken, status=greeting.status, code=greeting.code, text=text, source="pasted"),
            ))
        return Recognised("a mail program's error: the server's greeting is not what it expected", (
            connected,
            fact("service.greeting", host=host, port=port, protocol=protocol or "imap", mode="plain",
                 spoken="unknown", source="pasted"),
        ))
    if row.evidence == "host-unknown" and (row.named is None or host != UNKNOWN_HOST
                                           or namedhost.slot_filled(row.named, row.match, line)):
        return _dns_facts(line, "nxdomain", True, (None if host == UNKNOWN_HOST else host, port or None))
    if row.evidence in ("connect-failed", "host-unknown"):
        # A message that names its server (Wording.named) pasted without the name: only that it failed.
        return Recognised("a mail program's error that does not say why it failed (to connect, log in or send)", (
            fact("tcp.connect", host=host, port=port, outcome="error", error=said, source="pasted"),))
    if row.evidence == "mechanism":
        # One mechanism named is the one the client was set to; several are a list (the client's
        # own, as Twisted's "Server does not support Client Authentication schemes [CRAM-MD5,
        # LOGIN, PLAIN]", or the server's): no one mechanism was asked for.
        listed = _mechanisms_named(line[:MAX_TEXT])
        return Recognised("a mail program's error: no authentication mechanism both sides support", (
            fact("login.result", host=host, port=port, protocol=protocol or "smtp", outcome="skipped",
                 skipped_reason="no-mechanism", mechanism=listed.pop() if len(listed) == 1 else "any",
                 text=said),))
    if row.evidence == "cleartext-login":
        # The client logged in over a connection without TLS with the password mechanism the server
        # offered there: what a capability list read before TLS shows, and the password went in clear.
        # No protocol named: the client's own default service (c-client's is IMAP).
        return Recognised("a mail program's warning: it sent the password without encryption", (
            fact("service.capabilities", host=host, port=port, protocol=protocol or "imap", tls=False, starttls=False,
                 auth_offered=True, password_auth=True, mechanisms=row.mechanism or "PLAIN", raw=said,
                 source="pasted"),))
    if row.evidence == "cleartext-refused":
        # The program stopped before sending AUTH because the session had no TLS: it would not send the
        # password in clear text (Go's PlainAuth, msmtp's choice of method). Nothing reached the server's
        # login; the setting (no TLS, or a server that offered no STARTTLS to upgrade with) is what to change.
        if setting is not None and setting.security == "starttls":
            # Set to STARTTLS, the program found none to start: the server's port does not offer it.
            return Recognised("a mail program's refusal to log in without TLS: the server offered no STARTTLS", (
                fact("starttls.result", host=host, port=port, protocol=protocol or "smtp", outcome="not-offered",
                     text=said),))
        return Recognised("a mail program's refusal to send the password without encryption", (
            fact("login.result", host=host, port=port, protocol=protocol or "smtp", mode="plain", outcome="skipped",
                 skipped_reason="cleartext", text=said, source="pasted"),))
    if row.evidence == "credentials-missing":
        # The library stops before sending AUTH: no user name or password in its settings.
        return Recognised("a mail program's error: it has no user name or password to log in with", (
            fact("login.result", host=host, port=port, protocol=protocol or "smtp", outcome="skipped",
                 skipped_reason="no-credentials", text=said, source="pasted"),))
    if row.evidence == "server-unset":
        # The program has no mail server to use (sending off, no host, a default host where none
        # runs): its settings, not the network; nothing reached a server.
        return Recognised("a mail program's error: it has no mail server set to use", (
            fact("client.server-unset", protocol=protocol or "unknown", text=said, source="pasted"),))
    if row.evidence == "settings-conflict":
        # Two of the program's own settings exclude each other (implicit TLS and STARTTLS both on, a trust
        # file beside a fingerprint): it refused them before it connected, so no server, port or
        # certificate was involved.
        return Recognised("a mail program's error: two of its settings conflict", (
            fact("client.settings-conflict", protocol=protocol or "unknown", text=said, source="pasted"),))
    if row.evidence == "program-error":
        # The program's own code crashed on a null (the runtime's exception over its code path): a defect
        # of the program, which says nothing of a connection, a server or a login.
        return Recognised("a mail program's crash report: its own code failed on a programming error", (
            fact("client.crash", text=said, source="pasted"),))
    if row.evidence == "address-invalid":
        # The library refused an address it was given (the sender, a recipient) by its own syntax check:
        # nothing was sent, no server refused it.
        return Recognised("a mail program's error: it refused an e-mail address it was given as no address", (
            fact("client.address-invalid", text=said, source="pasted"),))
    if row.evidence == "not-connected":
        # A command sent on a session with no open connection (never opened, or closed before):
        # nothing reached a server on this command, so no port was refused or blocked by it.
        return Recognised("a mail program's error: it sent a command without an open connection", (
            fact("client.not-connected", protocol=protocol or "unknown", text=said, source="pasted"),))
    if row.evidence == "local-file":
        # The program's own file, before any server is involved (not a firewall, not the certificate).
        path = _PATH.search(line)
        return Recognised("a mail program's error: it cannot use a file it reads for itself", (
            fact("client.file", role=row.file or "config", text=said, source="pasted",
                 **({"path": clean_text(path.group(1).rstrip(".:"), 300)} if path else {})),))
    if row.evidence == "storage-failed":
        # The server's own files, not the connection and not the client's settings.
        path = _PATH.search(line)
        return Recognised("a server's log: a call on its own files failed", (
            fact("server.storage", text=said, source="pasted", protocol=protocol or "unknown",
                 **({"host": host} if host != UNKNOWN_HOST else {}), **({"port": port} if port else {}),
                 **({"path": clean_text(path.group(1).rstrip(".:"), 300)} if path else {})),))
    if row.evidence == "backend-failed":
        # What the client was told when the server's own login backend failed: a temporary
        # failure, never a verdict on the password (RFC 4954 454 4.7.0, RFC 5530 UNAVAILABLE,
        # RFC 3206 SYS/TEMP).
        failed = dict(_BACKEND_FAILED.get(protocol or "unknown", _BACKEND_FAILED["unknown"]),
                      protocol=protocol or "unknown", text=said)
        failed |= status_fields(failed)
        return Recognised("a server's log: its login backend failed", (
            fact("server.reply", host=host if host != UNKNOWN_HOST else None, port=port or None, stage=row.stage,
                 source="pasted", **failed),))
    if row.reply:
        # A server's own words without the codes it sends them with: read as that reply, the
        # protocol's where the text names one; the step as the words around them say it.
        forms = dict(row.reply)
        said_in = [p for p in forms if re.search(rf"\b{p}", line, re.IGNORECASE)]
        form = forms.get(named or (said_in[0] if len(said_in) == 1 else ""), row.reply[0][1])
        read_as = worded_reply(form, _server_said(line, row.match))
        stage = row.stage or _stage(line)
        return Recognised(f"a server's refusal without its codes, read as {_describe_reply(read_as)}", (
            fact("server.reply", host=host if host != UNKNOWN_HOST else None, port=port or None, stage=stage,
                 source="pasted", **read_as),))
    # refused / server-words: the login was refused; the words are the client's or the server's.
    # A client that says only "the login failed" stands for the protocol's generic refusal.
    status = row.status or ("no" if protocol == "imap" else "err" if protocol == "pop3" else "permanent")
    mechanism = row.mechanism
    if mechanism is None and row.evidence == "refused" \
            and (concepts.names(said, "oauth")
                 or (concepts.names(said, "sign-in-token") and not concepts.names(row.match, "sign-in-token"))) \
            and not concepts.names(said, "password-word") and not _oauth_answer(said):
        # A program's "authentication failed" over words that name OAuth ("OAuth2 authentication failed", its
        # translations) or, beside it, its sign-in token (FairEmail's "Authentication failed ... no token"): it signed
        # in with a token (XOAUTH2, RFC 7628), no password, as data/concepts.yaml reads the oauth and sign-in-token
        # groups beside a failure. (A row that is a token's own failure, nodemailer's "Can't create new access
        # token", is read by its own rules.) (Not where the identity provider's own answer stands, an RFC 6749 error or
        # an Entra AADSTS code: that answer says which refusal it was, and the server.reply carries it as it is.)
        mechanism = "XOAUTH2"
    reply: dict[str, object] = {"protocol": protocol or "unknown", "status": status, "response_code": row.code,
                                "enhanced": row.enhanced, "text": said, "mechanism": mechanism}
    if row.evidence == "refused":
        if protocol == "imap":
            reply["response_code"] = "AUTHENTICATIONFAILED"
        elif protocol == "pop3":
            reply["response_code"] = "AUTH"
        else:
            reply["code"] = 535
    reply |= status_fields(reply)
    if row.reading:  # the words say more than the code they stand for (5.7.1 is any policy refusal)
        reply["reading"] = row.reading
    fields = {k: v for k, v in reply.items() if v is not None}
    what = ("a server's refusal, as quoted" if row.evidence == "server-words"
            else "a mail program's error: the server refused the login")
    return Recognised(what, (fact("server.reply", host=host if host != UNKNOWN_HOST else None,
                                  port=port or None, stage=row.stage, source="pasted", **fields),))


@functools.cache
def _named_settings() -> tuple[tuple[dict[str, re.Pattern[str]], frozenset[str]], ...]:
    return tuple(({k: re.compile(r[k], re.IGNORECASE) for k in ("protocol", "port", "host", "secure") if r.get(k)},
                  frozenset(r.get("on", ()))) for r in error_texts().get("named_settings", ())
                 if "url" not in r and "mailbox" not in r and "call" not in r and "modes" not in r)


@functools.cache
def _named_options() -> tuple[tuple[re.Pattern[str], str | None, tuple[tuple[re.Pattern[str], str], ...]], ...]:
    return tuple((re.compile(r["port"], re.IGNORECASE), r.get("service"),
                  tuple((re.compile(pattern, re.IGNORECASE), security) for pattern, security in r["modes"]))
                 for r in error_texts().get("named_settings", ()) if "modes" in r)


def _option_setting(text: str) -> ServerSetting | None:
    """The setting a program's own options name, as the user quotes them beside the error (data/error-texts.yaml
    ``named_settings`` ``modes``): a port option (its group ``port``, or ``port2``... where the option has
    several spellings, and ``host`` and ``protocol`` where the row's pattern has them; else the row's ``service``,
    else the port's in the mail-port table) and the first of the row's security options that the text
    holds, in the library's own terms ("EMAIL_PORT = 465" with "EMAIL_USE_TLS = True" is STARTTLS on 465).
    A port without a security option named gives no setting."""
    from mailexpert.knowledge import mail_ports

    low = caseless(text)  # a row whose words the text lacks is not run over it
    for port_pattern, service, modes in _named_options():
        m = port_pattern.search(text) if may_hold(port_pattern, low) else None
        if m is None:
            continue
        security = next((s for pattern, s in modes if pattern.search(text)), None)
        if security is None:
            continue
        named = m.groupdict()
        # A row whose options come in several spellings names each spelling's port group port, port2, ...
        port = next(int(v) for k, v in named.items() if k.startswith("port") and v)
        protocol = named.get("protocol") or service or next((f["protocol"] for f in mail_ports() if f["port"] == port), None)
        if protocol is None:  # a row that leaves the protocol to the port, on a port no mail protocol uses
            continue
        try:
            return ServerSetting.parse(protocol, f"{named.get('host') or UNKNOWN_HOST}:{port}/{security}", origin="option")
        except InputError:  # a port or host no client could have used
            continue
    return None


@functools.cache
def _named_mailboxes() -> tuple[tuple[re.Pattern[str], dict[str, Any]], ...]:
    return tuple((re.compile(r["mailbox"], re.IGNORECASE), r)
                 for r in error_texts().get("named_settings", ()) if "mailbox" in r)


def _mailbox_setting(text: str) -> ServerSetting | None:
    """The setting of the first remote mailbox name in the text ("{host:port/flags}", data/error-texts.yaml
    ``named_settings`` ``mailbox``) that names its security and no service other than a mail protocol's."""
    for pattern, row in _named_mailboxes():
        for m in itertools.islice(pattern.finditer(text), MAX_NAMES):
            flags = [f.lower() for f in m.group(3).split("/") if f]
            named = [f for f in flags if f in row["services"] or f.startswith("service=")]
            protocol = row["services"].get(named[-1]) if named else row["default_service"]
            security = next((row["security"][f] for f in reversed(flags) if f in row["security"]), None)
            if protocol is None or security is None or "." not in m.group(1):
                continue
            address = m.group(1) + (f":{m.group(2)}" if m.group(2) else "") + f"/{security}"
            try:
                return ServerSetting.parse(protocol, address, origin="client-config")
            except InputError:  # a port or host no client could have used
                continue
    return None


@functools.cache
def _named_urls() -> tuple[tuple[re.Pattern[str], dict[str, list[str | None]]], ...]:
    return tuple((re.compile(r["url"], re.IGNORECASE), r["schemes"])
                 for r in error_texts().get("named_settings", ()) if "url" in r)


def _url_setting(text: str) -> ServerSetting | None:
    """The setting of the first server URL in the text whose protocol its scheme or port says."""
    from mailexpert.knowledge import mail_ports

    for pattern, schemes in _named_urls():
        for m in itertools.islice(pattern.finditer(text), MAX_NAMES):
            protocol, security = schemes[m.group(1).lower()]
            port = int(m.group(3)) if m.group(3) else None
            if protocol is None and port is not None:
                protocol = next((f["protocol"] for f in mail_ports() if f["port"] == port), None)
            if protocol is None or "." not in m.group(2):
                continue
            address = m.group(2) + (f":{port}" if port else "") + f"/{security}"
            try:
                return ServerSetting.parse(str(protocol), address, origin="client-config")
            except InputError:  # a port or host no client could have used
                continue
    return None


@functools.cache
def _named_calls() -> tuple[tuple[re.Pattern[str], dict[str, list[str | None]], str, tuple[str, ...]], ...]:
    return tuple((re.compile(r["call"]), r["words"], r.get("origin", "client-config"), tuple(r.get("advice", ())))
                 for r in error_texts().get("named_settings", ()) if "call" in r)


#: How far before a quoted call a library's advice ("make sure to use the following code:") is looked for.
_ADVICE_REACH = 200


def _call_setting(text: str) -> ServerSetting | None:
    """The setting of the first call in a program's quoted code that opens the connection and says its
    security ("client.Connect(\"HOST\", 995, SecureSocketOptions.StartTls)", "smtplib.SMTP_SSL('HOST', 587)";
    data/error-texts.yaml ``named_settings`` ``call``), on a port the mail-port table knows where the call
    names no protocol."""
    from mailexpert.knowledge import mail_ports

    for pattern, words, origin, advice in _named_calls():
        for m in itertools.islice(pattern.finditer(text), MAX_NAMES):
            said = words.get(m.group("word").lower())
            before = text[max(0, m.start() - _ADVICE_REACH):m.start()].lower()
            if said is None or any(a in before for a in advice):
                continue
            protocol, security = said
            port = int(m.group("port"))
            if protocol is None:
                protocol = next((f["protocol"] for f in mail_ports() if f["port"] == port), None)
            if protocol is None:
                continue
            try:
                return ServerSetting.parse(str(protocol), f"{m.group('host') or UNKNOWN_HOST}:{port}/{security}",
                                           origin=origin)
            except InputError:  # a port or host no client could have used
                continue
    return None


def named_setting(text: str) -> ServerSetting | None:
    """The setting a client's error details name (data/error-texts.yaml ``named_settings``):
    Outlook's "Server: 'HOST', Protocol: SMTP, Port: 465, Secure(SSL): No" (only with a protocol
    and a port named), else a c-client remote mailbox name ("{HOST:993/imap/ssl}INBOX"), else a program's call
    that opens the connection (MailKit's "Connect(\"HOST\", 995, SecureSocketOptions.StartTls)"), else a
    library's options quoted beside the error ("EMAIL_PORT = 465" and "EMAIL_USE_TLS = True"), else a
    server's URL ("smtps://HOST:587", "ssl://HOST:465"); or None."""
    from mailexpert.knowledge import port_security

    scanned = text[:100_000]
    low = caseless(scanned)
    for fields, on in _named_settings():
        found = {k: m.group(1) for k, pattern in fields.items() if may_hold(pattern, low) and (m := pattern.search(scanned))}
        if "protocol" not in found or "port" not in found:
            continue
        protocol, port = found["protocol"].lower(), int(found["port"])
        if "secure" not in found:
            security = None
        elif found["secure"].lower() not in on:
            security = "plain"
        else:
            security = "ssl" if port_security(port) == "ssl" else "starttls"
        try:
            return ServerSetting.parse(protocol, f"{found.get('host', UNKNOWN_HOST)}:{port}"
                                       + (f"/{security}" if security else ""), origin="client-config")
        except InputError:  # a port or host no client could have used
            return None
    return _mailbox_setting(scanned) or _call_setting(scanned) or _option_setting(scanned) or _url_setting(scanned)


def explain_facts(text: str, *, setting: ServerSetting | str | None = None, protocol: str | None = None) -> list[Fact]:
    """The facts a pasted text shows (see :func:`recognise`); ``setting`` may be given as
    ``HOST[:PORT][/ssl|/starttls|/plain]`` together with its ``protocol``."""
    if isinstance(setting, str):
        if protocol is None:
            raise InputError("explain: a server given as text needs its protocol (imap, pop3 or smtp)")
        setting = ServerSetting.parse(protocol, setting)
    return list(recognise(text, setting=setting).facts)


def provider_facts(setting: ServerSetting | None, email: str | None) -> list[Fact]:
    """What the offline provider table says about the account's provider (no network):
    recognised by the address's domain, else by the configured host."""
    from mailexpert.providers import default_table

    table = default_table()
    domain = email.rpartition("@")[2].lower() if email else None
    if domain and (provider := table.by_domain(domain)) is not None:
        return provider.facts(fact, domain=domain, match="domain")
    if setting is not None and (provider := table.by_host(setting.host)) is not None:
        return provider.facts(fact, domain=domain or setting.host, match="host")
    return []


# A local part may be masked ("wi******r@yandex.com", "*********@aol.com": Mailspring's and others' logs
# star out the user's name); the domain still names the provider.
_ADDRESS = re.compile(r"(?<![\w.+*-])[\w.+*-]{1,64}@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# A recipient's address names the provider of whoever the message goes to, not the account that sends
# it: Postfix's delivery log ("to=<jo@gmail.com>, relay=smtp.example.net[...]", "orig_to=<...>": smtp(8)
# with the relay it logged in to) and a session's "RCPT TO:<...>" (RFC 5321).
_RECIPIENT_BEFORE = re.compile(r"(?:(?:\b|\borig_)to=<|\brcpt to: ?<)$", re.IGNORECASE)
#: Host names and addresses read from a pasted text for its provider: the first ones suffice.
MAX_NAMES = 50


def named_provider_facts(text: str) -> list[Fact]:
    """The provider a pasted text names, when no setting or address was given: a provider's
    server host (outlook.office365.com), else the domain of an address in it (jo@yahoo.com),
    else the words only its servers reply with (Gmail's "... - gsmtp"); its ``provider.policy``
    first, then its order of a bare refused login (:meth:`Provider.facts`)."""
    from mailexpert.providers import default_table

    table = default_table()
    scanned = text[:100_000]
    for m in itertools.islice(_HOSTNAME.finditer(scanned), MAX_NAMES):
        host = m.group(1).lower().rstrip(".")
        if (provider := table.by_host(host)) is not None:
            return provider.facts(fact, domain=host, match="host")
    # A server's own log (data/error-texts.yaml server_side) names its clients' logins and peers: the server that
    # wrote it is the user's own, whatever provider an address in it belongs to.
    addresses = () if logged_by_server(scanned) else _ADDRESS.finditer(scanned)
    for m in itertools.islice(addresses, MAX_NAMES):
        if _RECIPIENT_BEFORE.search(scanned, max(0, m.start() - 10), m.start()):
            continue
        domain = m.group(1).lower().rstrip(".")
        if (provider := table.by_domain(domain)) is not None:
            return provider.facts(fact, domain=domain, match="domain")
    if (provider := table.by_reply(scanned.lower())) is not None:
        return provider.facts(fact, domain=provider.domains[0] if provider.domains else provider.id, match="reply")
    return []


# The user name a login failure names, where the words say it is one (Thunderbird's "Login to server %1$S
# with username %2$S failed.", mailServerLoginFailed2; "User name: x", "user=x", "username \"x\""): an
# address, whose domain may be a big provider's own.
_LOGIN_NAME = re.compile(r"\buser ?(?:name|id)?\s*[=:]?\s*[\"'«“]?"
                         r"([\w.+-]{1,64}@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+))", re.IGNORECASE)


def crossed_provider_facts(text: str) -> list[Fact]:
    """A pasted text that names a big provider's server and logs in to it with a user name at
    another big provider's own domain (imap.mail.yahoo.com with alice@gmail.com): that server
    holds no such mailbox. Only an address the provider table gives its own servers for
    (data/providers.yaml ``domains``) reads so: a domain of its own (a Google Workspace or
    Microsoft 365 customer's) may be served by any provider."""
    from mailexpert.providers import default_table

    scanned = text[:100_000]
    login = _LOGIN_NAME.search(scanned)
    if login is None:
        return []
    table = default_table()
    user_provider = table.by_domain(login.group(2))
    if user_provider is None:
        return []
    for m in itertools.islice(_HOSTNAME.finditer(scanned), MAX_NAMES):
        host = m.group(1).lower().rstrip(".")
        if (host_provider := table.by_host(host)) is None:
            continue
        # Providers that share a server share the service behind it (Outlook.com's and Microsoft 365's
        # outlook.office365.com; Verizon's mail on AOL's servers): one's host may serve the other's users.
        if host in user_provider.hosts or host_provider.hosts & user_provider.hosts:
            return []
        return [fact("provider.crossed", host=host, host_provider=host_provider.name, username=login.group(1),
                     user_provider=user_provider.name)]
    return []


#: The address a log prints beside the host name it resolved ("connect to HOST[ADDR]:587" Postfix and Exim,
#: "HOST/ADDR:993" Java's InetSocketAddress, "HOST (ADDR)"): which address the name gave on this machine.
_BESIDE_HOST = r"\.?\s*[\[(/]\s*([0-9a-f.:]{7,45})[\])]?"
#: The address blocks no public server is on, as a name's answer: private use (RFC 1918), shared address space
#: (RFC 6598, carrier-grade NAT), link-local (RFC 3927, RFC 4291); and the unspecified address 0.0.0.0/::
#: (RFC 1122 section 3.2.1.3, RFC 4291 section 2.5.2), the answer of a blocking hosts file or resolver.
#: (The probes' probes.context.DEFAULT_BOGON_NETWORKS, for a resolver's live answer, also holds the documentation and
#: reserved blocks; in a pasted text those stand for masked public addresses, so this table leaves them out.)
_NOT_PUBLIC = {"private": tuple(ipaddress.ip_network(n) for n in (
                   "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16",
                   "fc00::/7", "fe80::/10")),
               "unspecified": (ipaddress.ip_network("0.0.0.0/32"), ipaddress.ip_network("::/128"))}


def _address_scope(host: str, line: str) -> str | None:
    """Which kind of address a connection failure's line shows its host name resolved to, where the name is
    no address itself: ``loopback`` (127.0.0.0/8, ::1), ``unspecified`` (0.0.0.0) or ``private`` (a private-use,
    shared or link-local block) -- an answer no public server has -- else None. (The documentation blocks,
    192.0.2.0/24 and 2001:db8::/32, which Python counts as private, stand for public addresses in texts.)"""
    if not host or host == UNKNOWN_HOST or _addresses(host):
        return None
    m = re.search(re.escape(host) + _BESIDE_HOST, line, re.IGNORECASE)
    if m is None:
        return None
    try:
        address = ipaddress.ip_address(m.group(1).rstrip(".:"))
    except ValueError:
        return None
    if address.is_loopback:
        return "loopback"
    return next((scope for scope, blocks in _NOT_PUBLIC.items() if any(address in b for b in blocks)), None)


def _loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_facts(facts: Sequence[Fact]) -> list[Fact]:
    """The servers the provider table documents (a big provider's, or a hosting company's
    shared mail server) on each host a pasted connection failure names: the ports that host
    serves in the world."""
    from mailexpert.providers import served

    found: list[Fact] = []
    seen: set[str] = set()
    for f in facts:
        if f.kind != "tcp.connect" or f.get("source") != "pasted":
            continue
        host = str(f.get("host")).lower().rstrip(".")
        if host in seen:
            continue
        seen.add(host)
        # A local bridge's port (Proton Mail Bridge on 127.0.0.1) listens only while the bridge
        # runs on this machine, and no network lies on the way to it.
        if _loopback(host):
            continue
        found += [fact("provider.server", provider=name, protocol=s.protocol, host=s.host, port=s.port,
                       security=s.security) for name, s in served(host)]
    return found


def inbound_mx_facts(facts: Sequence[Fact]) -> list[Fact]:
    """The provider whose inbound MX a pasted failed connection's server is (data/providers.yaml
    ``inbound_mx``: gmail-smtp-in.l.google.com, *.mail.protection.outlook.com): a host that takes
    mail from other servers only, set as a mail program's server."""
    from mailexpert.providers import inbound_mx

    found = []
    seen: set[str] = set()
    for f in facts:
        if f.kind != "tcp.connect" or f.get("source") != "pasted":
            continue
        host = str(f.get("host")).lower().rstrip(".")
        if host not in seen and (provider := inbound_mx(host)) is not None:
            found.append(fact("provider.inbound-mx", host=f.get("host"), provider=provider))
        seen.add(host)
    return found


def variant_facts(facts: Sequence[Fact]) -> list[Fact]:
    """Known provider hosts a pasted server name is a misspelling of (offline: the provider
    table, no query; :func:`mailexpert.probes.variants.is_typo_of`): ``smtp.gmial.com`` is most
    likely ``smtp.gmail.com``. Read for a name that did not resolve, and for a server a failed
    connection names: a typo domain is often registered by someone else and resolves, and then
    the connection to it times out or is refused. A host any table here knows (a provider's or a
    hosting company's, data/providers.yaml) is no typo of another."""
    from mailexpert.probes.variants import typo_targets
    from mailexpert.providers import default_table, mail_hosts

    table = default_table()
    known = {host: p.name for p in reversed(table.providers) for host in p.hosts}
    real = set(known) | {host for p in mail_hosts() for host in p.hosts}
    found = []
    seen: set[str] = set()
    for f in facts:
        if f.get("source") != "pasted":
            continue
        if f.kind == "dns.answer" and f.get("outcome") == "nxdomain":
            name = str(f.get("name"))
        elif f.kind == "tcp.connect" and f.get("outcome") not in ("connected", "dns-failed"):
            name = str(f.get("host"))
        else:
            continue
        low = name.lower().rstrip(".")
        if low in real or low in seen or not _HOSTNAME.fullmatch(low):
            continue
        seen.add(low)
        found += [fact("dns.variant", name=name, variant=host, provider=known[host])
                  for host in typo_targets(low, known)]
    return found


def explain(
    text: str,
    *,
    setting: ServerSetting | None = None,
    email: str | None = None,
    rule_folders: Sequence[str | Path] = (),
    answers: Mapping[str, str] | None = None,
    answerer: Answerer | None = None,
) -> Report:
    """Diagnose a pasted error text: recognise it, then reason over the facts it gives.

    With ``setting`` (and optionally ``email``), the server setting the client used is
    part of the facts too, so rules that compare the setting with the error can fire. A text of
    several lines whose cause is one an earlier line's failure explains is diagnosed by that
    earlier failure (:func:`_earlier_cause`, data/evidence-order.yaml)."""
    # Reading a log of tens of thousands of replies makes as many small objects, kept until the
    # reading ends and none of them cyclic garbage; each collection the allocations set off walks
    # them all and the rule base again (a megabyte of replies: half a second of 1.2 s). Reference
    # counting frees them as ever; a cycle made meanwhile waits for the next collection. A short
    # paste makes too few to matter, and leaves the process's collector alone.
    # A user's rule folder may look for words of its own in the text: they are not retyped into the package's.
    with yamlsource.no_gc() if len(text) > _PAUSE_GC_ABOVE else contextlib.nullcontext(), \
            retyped.words_of(rule_folders):
        # The characters a copy put in are undone before any reader looks (the readers of the raw paste too).
        text = pastetext.typed(text)
        setting = setting or named_setting(text)
        report = _explain_read(text, setting, email, rule_folders, answers, answerer)
        return _earlier_cause(report, text, lambda before: _explain_read(before, setting, email, rule_folders,
                                                                          answers, answerer))


def _explain_read(text: str, setting: ServerSetting | None, email: str | None, rule_folders: Sequence[str | Path],
                  answers: Mapping[str, str] | None, answerer: Answerer | None) -> Report:
    """The report on what the whole text shows (see :func:`explain`)."""
    from mailexpert.api import diagnose_facts

    recognised = recognise(text, setting=setting)
    facts = list(recognised.facts)
    account = None
    if setting is not None:
        if email:
            server: dict[str, Any] = {setting.protocol: setting}  # (the setting's protocol names its field)
            acct = Account(email=email, **server)
            facts = account_facts(acct) + facts
            account = {"email": acct.email, setting.protocol: setting.address}
        else:
            facts.insert(0, fact("account.setting", protocol=setting.protocol, host=setting.host, port=setting.port,
                                 security=setting.security, origin=setting.origin))
            account = {setting.protocol: setting.address}
    elif email:
        account = {"email": email}
    # The tables of names below read the text as its program printed it too, not as a web page or a
    # copy wrote it ("the&nbsp;VPN", a zero-width space inside a name), and with the lines a paste soft-wrapped
    # joined as the reading joined them: a provider's own words ("[AUTHENTICATIONFAILED] Invalid" / "credentials
    # (Failure)") are one phrase wherever a mail client or a forum wrapped them.
    printed = pastetext.unwrapped(text)
    # A setting that names no host (options quoted without it: "EMAIL_PORT = 465") says no provider; the text may.
    facts += (provider_facts(setting, email) if email or (setting is not None and setting.host != UNKNOWN_HOST)
              else named_provider_facts(printed))
    facts += served_facts(facts)
    facts += variant_facts(facts)
    facts += inbound_mx_facts(facts)
    facts += crossed_provider_facts(printed) if not email else []
    facts += tlsclients.named_platforms(printed)
    facts += ontheway.named(printed)
    facts += addons.seen(printed)
    facts += selfsigned.named(printed)
    note = f"Explained from a pasted text, recognised as {recognised.what}."
    report = diagnose_facts(facts, rule_folders=rule_folders, answers=answers, answerer=answerer,
                            account=account, notes=(note,))
    if recognised.guess:
        report = attrs.evolve(report, diagnoses=tuple(
            attrs.evolve(d, confidence="possible") for d in report.diagnoses))
    return report


#: How much of a pasted fact's text is looked for in the text, to find the line its evidence stands on.
_EVIDENCE_SNIPPET = 40
#: A shorter piece of a fact's text may stand anywhere ("failed"): it places no evidence.
_MIN_SNIPPET = 8
#: How much of the text before the cause's line is read for an earlier failure: the session it
#: belongs to stands just before it (a long log's older lines are other sessions), and reading the
#: whole of a 1 MB log again would double explain's time.
MAX_EARLIER_SCAN = 20_000


@functools.cache
def _explained_by_earlier() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """data/evidence-order.yaml ``explained_by_earlier``: per row, the causes a later line gives
    and the causes of an earlier line's failure that explain them."""
    from mailexpert import rulecache

    rows = rulecache.data_file(EVIDENCE_ORDER_FILE)["explained_by_earlier"]
    return tuple((frozenset(r["later"]), frozenset(r["earlier"])) for r in rows)


def _evidence_line(text: str, evidence: Sequence[Fact]) -> int:
    """Where the first line the pasted evidence's words stand on starts in ``text``; -1 when
    none of them is found as written."""
    found = []
    for f in evidence:
        if f.get("source") != "pasted":
            continue
        for name in ("text", "error", "reason"):
            value = f.get(name)
            snippet = value.strip()[:_EVIDENCE_SNIPPET] if isinstance(value, str) else ""
            at = text.find(snippet) if len(snippet) >= _MIN_SNIPPET else -1
            if at >= 0:
                found.append(at)
    return text.rfind("\n", 0, min(found)) + 1 if found else -1


def _earlier_cause(report: Report, text: str, read: Callable[[str], Report]) -> Report:
    """The report of the lines before the one the cause rests on, when their failure explains
    that cause (data/evidence-order.yaml: a failed TLS handshake before AUTH refused on a session
    without TLS, a name that did not resolve before "could not connect"); else ``report``. The
    lines before are read once, never again split (a long log of generic lines costs one more
    reading, not one per line, and of at most MAX_EARLIER_SCAN characters)."""
    top = report.top
    if top is None:
        return report
    earlier = frozenset().union(*(causes for later, causes in _explained_by_earlier() if top.cause in later))
    if not earlier:
        return report
    start = _evidence_line(text, top.evidence)
    before = text[max(0, start - MAX_EARLIER_SCAN):start] if start > 0 else ""
    if start > MAX_EARLIER_SCAN:  # whole lines only
        before = before[before.find("\n") + 1:]
    if not before.strip():
        return report
    try:
        found = read(before)
    except InputError:  # the lines before say nothing mailexpert reads
        return report
    first = found.top
    if first is None or first.cause not in earlier or first.confidence == "possible":
        return report
    note = (f"An earlier line's failure ({first.cause}) explains the later one ({top.cause}): "
            "a step that failed keeps the steps after it from working.")
    # The later line's reading stays in the report, as the consequence it is (rendered "explained
    # by"), so a reader still sees what that line said.
    known = {d.cause for d in found.diagnoses}
    later = tuple(attrs.evolve(d, superseded_by=d.superseded_by or first.cause)
                  for d in report.diagnoses if d.cause not in known)
    return attrs.evolve(found, diagnoses=(*found.diagnoses, *later), notes=(*found.notes, note))

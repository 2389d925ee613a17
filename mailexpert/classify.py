"""Translate third-party errors and what servers send into fact outcomes, through tables.

Everything that comes from outside mailexpert's own code -- ``ssl`` exceptions, socket
``OSError`` numbers, dnspython exceptions, the raw reply lines of SMTP/IMAP/POP3 servers --
is turned into the vocabulary of ``facts/*.yaml`` here and only here. Each translation is a
table; where several rows match, the most specific one (the longest matching pattern, or an
exact error number before a class) wins.

The same tables serve two callers: the probes, which hold live exception objects, and the
``explain`` command, which receives the text a user pasted (``classify_ssl_text``,
``classify_socket_text``, ``classify_dns_text``). Server replies are read by
:mod:`mailexpert.replies`. Texts are matched
on the reason, never on the ``(_ssl.c:NNNN)`` suffix, which changes between Python versions.
"""

from __future__ import annotations

import errno
import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from mailexpert import rulecache
from mailexpert.errors import DeadlineReached
from mailexpert.facts import CUT_BY_DEADLINE
from mailexpert.textsafe import escape

# The tables' folding, re-exported (the `as` form) because every reader of the tables finds it here.
from mailexpert.wordfold import GAP as GAP
from mailexpert.wordfold import fold as fold
from mailexpert.wordfold import locate as locate
from mailexpert.wordfold import row_index, search_lines

#: Longest reply text kept in a fact: replies are untrusted and may be huge.
MAX_TEXT = 1000

#: An SMTP reply line begins with its code (RFC 5321 4.2: first digit 2-5, second 0-5),
#: then a space, a hyphen (more lines follow) or the line end. "999", "2500" or "abc" are
#: no reply of the protocol, whatever a lenient parser would make of them.
SMTP_REPLY_CODE = re.compile(r"^([2-5][0-5][0-9])(?=[ -]|\r|\n|$)")


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """Escape control characters (ESC included) and bound the length of untrusted text."""
    text = escape(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def _found(pattern: str, low: str) -> int:
    """The length of ``pattern`` when ``low`` holds it (its parts in order, across gaps), else 0."""
    return locate(pattern, low)[1]


def _first(row: tuple[str, Any]) -> str:
    return row[0]


def _best(table: Sequence[tuple[str, Any]], text: str) -> tuple[int, Any] | None:
    """The length and value of the longest pattern found in ``text`` (case-insensitive)."""
    low = fold(text)
    best: tuple[int, Any] | None = None
    for pattern, value in (table[row] for row in row_index(table, _first).candidates(low)):
        size = _found(pattern, low)
        if size and (best is None or size > best[0]):
            best = (size, value)
    return best


def _pick(table: Sequence[tuple[str, Any]], text: str) -> Any | None:
    """The value of the longest pattern found in ``text`` (case-insensitive): the most specific row."""
    best = _best(table, text)
    return best[1] if best else None


# --------------------------------------------------------------------------- TLS

@attrs.frozen
class TlsVerdict:
    """A TLS failure in fact vocabulary: ``tls.handshake`` outcome, verify verdict, reason text."""

    outcome: str
    verify: str
    reason: str


ERROR_TEXTS_FILE = Path(__file__).resolve().parent / "data" / "error-texts.yaml"
EVIDENCE_ORDER_FILE = Path(__file__).resolve().parent / "data" / "evidence-order.yaml"


@functools.cache
def error_texts() -> dict[str, Any]:
    """The wording tables (mailexpert/data/error-texts.yaml): TLS, socket, resolver, client texts,
    with the messages of the clients' own catalogues (mailexpert/data/client-messages.yaml)
    added to the table of their kind."""
    tables = dict(rulecache.data_file(ERROR_TEXTS_FILE))
    for name, rows in client_message_rows().items():
        tables[name] = [*tables[name], *rows]
    return tables


def client_message_rows() -> dict[str, list[dict[str, Any]]]:
    """The client and library catalogues as table rows, compiled once and kept in the cache."""
    from mailexpert import clientmessages

    here = Path(__file__).resolve().parent
    return rulecache.cached(
        "client-messages", [*clientmessages.DATA_FILES, here / "clientmessages.py", here / "wordfold.py"],
        rulecache.PLAIN, lambda: clientmessages.table_rows(clientmessages.load()))


def _table(name: str, *fields: str, generic: bool = False) -> tuple[tuple[str, Any], ...]:
    rows = [r for r in error_texts()[name] if bool(r.get("generic")) == generic]
    if len(fields) == 1:
        return tuple((r["match"], r[fields[0]]) for r in rows)
    return tuple((r["match"], tuple(r[f] for f in fields)) for r in rows)


#: Reason text (lower case) -> (tls.handshake outcome, verify), for every TLS stack.
SSL_TEXT_TABLE: tuple[tuple[str, tuple[str, str]], ...] = _table("tls", "outcome", "verify")
#: Rows that say only that verification failed: used when no specific row matches.
SSL_GENERIC_TABLE: tuple[tuple[str, tuple[str, str]], ...] = _table("tls", "outcome", "verify", generic=True)
#: Rows that name the step beside the reason (LibreSSL's handshake state): they say more than the
#: reason's code, which the same text holds.
SSL_REFINING_TABLE: tuple[tuple[str, tuple[str, str]], ...] = tuple(
    (r["match"], (r["outcome"], r["verify"])) for r in error_texts()["tls"] if r.get("refines_code"))

#: OpenSSL X509_V_ERR_* numbers -> verify verdict (exact numbers beat texts).
VERIFY_CODE_TABLE: dict[int, str] = {r["code"]: r["verify"] for r in error_texts()["verify_codes"]}

_SSL_SUFFIX = re.compile(r"\s*\(_ssl\.c:\d+\)\s*$")
_SSL_INLINE = re.compile(r"_ssl\.c:\d+:\s*")
_SSL_PREFIX = re.compile(r"^\s*\[[A-Z0-9_ ]+:\s*[A-Z0-9_]+\]\s*")


def ssl_reason(text: str) -> str:
    """The reason part of an ssl error text: no ``[SSL: X]`` prefix, no ``(_ssl.c:N)`` suffix."""
    text = _SSL_SUFFIX.sub("", text.strip())
    text = _SSL_INLINE.sub("", text)
    text = _SSL_PREFIX.sub("", text)
    if "certificate verify failed:" in text:
        text = text.split("certificate verify failed:", 1)[1].strip()
    return clean_text(text, 300)


#: Words that show a TLS error was logged by the server about a client.
SERVER_SIDE_TABLE: tuple[tuple[str, str], ...] = _table("server_side", "source")


#: A log record's program tag, as syslog writes it ("postfix/smtpd[4420]:", "dovecot[977]:").
_LOG_TAG = re.compile(r"(?<![\w./-])([\w.-]+(?:/[\w.-]+)*)\[\d+\]:")
#: How far around a TLS error's line its record's tag and the others are looked for.
MAX_TAG_SCAN = 20_000


def logged_by_server(text: str, line: str | None = None) -> bool:
    """Whether a pasted TLS error is the server's log of a client's handshake: read from the
    error's own log record when the text is a log whose records name the program that wrote
    them (one mail log holds Postfix's SMTP client, postfix/smtp, beside its server,
    postfix/smtpd) of more than one program, else from the whole text. The record's tag is the last one at or before the
    error's ``line`` (a head repeated on each line is written once above them, pastetext)."""
    at = text.find(line) if line else -1
    if at >= 0:
        end = at + len(line or "")
        tags = list(_LOG_TAG.finditer(text, max(0, at - MAX_TAG_SCAN), end + MAX_TAG_SCAN))
        # Records of one program alone (a paste with one logger's head on every line) are one log:
        # the whole text is read, as for a text with no tags.
        if len({t.group(1) for t in tags}) > 1:
            mine = [t for t in tags if t.start() < end]
            if mine:
                head = text[text.rfind("\n", 0, mine[-1].start()) + 1 : mine[-1].end()]
                return _pick(SERVER_SIDE_TABLE, f"{head}\n{line}") is not None
    return _pick(SERVER_SIDE_TABLE, text) is not None


def _pick_ssl(text: str) -> tuple[str, str] | None:
    """The verdict of the most specific TLS row in ``text``, read as written and with its
    underscores as spaces: BoringSSL prints only OpenSSL's reason names
    (``TLSV1_ALERT_PROTOCOL_VERSION``), and Python shows the name beside the text, which
    older and newer OpenSSL releases word differently for the same reason."""
    spaced = text.replace("_", " ")
    for table in (SSL_TEXT_TABLE, SSL_GENERIC_TABLE):
        found = [b for b in (_best(table, text), _best(table, spaced) if spaced != text else None) if b]
        if found:
            verdict = max(found, key=lambda b: b[0])[1]
            return _fault_first(table, text, verdict) if table is SSL_TEXT_TABLE else verdict
    return None


@functools.cache
def _faults_first() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """data/evidence-order.yaml ``certificate_faults_first``: per row, the verify verdicts that are
    fixed first and those they go before, when one check names both."""
    rows = rulecache.data_file(EVIDENCE_ORDER_FILE)["certificate_faults_first"]
    return tuple((frozenset(r["first"]), frozenset(r["over"])) for r in rows)


def _fault_first(table: Sequence[tuple[str, Any]], text: str, verdict: tuple[str, str]) -> tuple[str, str]:
    """Of the faults one certificate check names together (GnuTLS's status print, Geary's list of
    GTlsCertificateFlags), the one a person fixes first (data/evidence-order.yaml), not the one whose
    words are longest; ``verdict`` where the text names one fault only."""
    rows = [row for row in _faults_first() if verdict[1] in row[1]]
    if not rows:
        return verdict
    low = fold(text)
    named = {value for pattern, value in (table[at] for at in row_index(table, _first).candidates(low))
             if _found(pattern, low)}
    return next((value for first, _ in rows for value in sorted(named) if value[1] in first), verdict)


# A verification result given as OpenSSL's X509_V_ERR number (include/openssl/x509_vfy.h):
# s_client's "verify error:num=10" and "Verify return code: 10", imapfilter's "certificate
# verification failed; 10".
_VERIFY_NUMBER = re.compile(r"\bverif(?:y|ication)(?: error| return code| failed| result)?[ \t]*[:;=]?[ \t]*(?:num=)?(\d{1,2})(?![\d.])",
                            re.IGNORECASE)


#: TLS alert number -> (its name written without spaces or underscores, tls.handshake outcome).
TLS_ALERTS: dict[int, tuple[str, str]] = {r["number"]: (r["name"].replace("_", ""), r["outcome"])
                                          for r in error_texts()["tls_alerts"]}
#: OpenSSL SSL_R_* reason number -> (its name without SSL_R_, (outcome, verify)).
OPENSSL_REASONS: dict[int, tuple[str, tuple[str, str]]] = {
    r["code"]: (r["name"].removeprefix("SSL_R_"), (r["outcome"], r["verify"])) for r in error_texts()["openssl_reasons"]}
#: SSL_AD_REASON_OFFSET: OpenSSL's reason for a received alert is 1000 + the alert's number.
_ALERT_REASON = 1000
#: ERR_LIB_SSL, the library number of OpenSSL's packed codes for its TLS errors.
_LIB_SSL = 20
_PACKED_CODE = re.compile(r"\berror:([0-9A-Fa-f]{8}):")
# A reason's name: Python's "[SSL: NAME]", and BoringSSL's error line "error:XXXXXXXX:SSL routines:OPENSSL_internal:NAME"
# (google/boringssl:crypto/err/err.cc ERR_error_string_n), which Android's Conscrypt prints under its exception. BoringSSL
# packs its codes apart from OpenSSL (its own library and reason numbers), so there the name, not the number, is read.
_REASON_NAME = re.compile(r"\[SSL: ([A-Z0-9_]+)\]|:SSL routines:OPENSSL_internal:([A-Z0-9_]+)")
#: A reply a program writes itself for its own socket error (ICS's "(Winsock error #N)", ZoneMTA's "Network error
#: when connecting to MX server"): no server sent it, the socket error after it says what failed.
OWN_SOCKET_REPLY = rulecache.data_pattern(ERROR_TEXTS_FILE, error_texts(), "own_socket_reply", flags=re.IGNORECASE)
#: How a stack says it received or sent an alert (data/error-texts.yaml ``tls_alert_said``).
_ALERT_SAID = rulecache.data_pattern(ERROR_TEXTS_FILE, error_texts(), "tls_alert_said", flags=re.IGNORECASE)
#: Each alert's name as the stacks write it, compacted to letters: the RFC's (``name``) and GnuTLS's own
#: (``gnutls``, which its programs print after their words for a received alert); the longest first.
_ALERT_NAMES = sorted([(name, number) for number, (name, _) in TLS_ALERTS.items()]
                      + [(re.sub(r"[^a-z]", "", r["gnutls"].lower()), r["number"])
                         for r in error_texts()["tls_alerts"] if r.get("gnutls")], key=lambda n: -len(n[0]))


#: NSS's code for a received alert (SSL_ERROR_HANDSHAKE_FAILURE_ALERT) -> the alert's number.
_NSS_ALERTS: dict[str, int] = {r["nss"]: r["number"] for r in error_texts()["tls_alerts"] if r.get("nss")}
_NSS_ALERT = re.compile(r"\bSSL_ERROR_[A-Z_]+_ALERT\b", re.IGNORECASE)


#: TLS alert number -> the verify verdict it gives, where the alert says one (unchecked otherwise).
_ALERT_VERIFY: dict[int, str] = {r["number"]: r["verify"] for r in error_texts()["tls_alerts"] if r.get("verify")}


def _alert_verdict(number: int) -> tuple[str, str] | None:
    alert = TLS_ALERTS.get(number)
    return (alert[1], _ALERT_VERIFY.get(number, "unchecked")) if alert else None


def _reason_verdict(reason: int) -> tuple[str, str] | None:
    if reason >= _ALERT_REASON:
        return _alert_verdict(reason - _ALERT_REASON)
    found = OPENSSL_REASONS.get(reason)
    return found[1] if found else None


def coded_tls_verdicts(text: str) -> list[tuple[str, str]]:
    """The verdicts of the exact codes a TLS error text holds, in the order they stand: OpenSSL's
    packed codes (1.0/1.1 and 3.x layouts) and reason names, and the alerts a stack names by
    number or by name (data/error-texts.yaml ``openssl_reasons``, ``tls_alerts``)."""
    found: list[tuple[int, tuple[str, str]]] = []
    for m in _PACKED_CODE.finditer(text[:100_000]):
        code = int(m.group(1), 16)
        # 1.0/1.1: library in bits 24-31, reason in 0-11; 3.x: library in bits 23-30, reason in 0-22.
        reason = code & 0xFFF if code >> 24 == _LIB_SSL else code & 0x7FFFFF if code >> 23 == _LIB_SSL else None
        verdict = _reason_verdict(reason) if reason is not None else None
        if verdict:
            found.append((m.start(), verdict))
    by_name = {name: number for number, (name, _) in OPENSSL_REASONS.items()}
    for m in _REASON_NAME.finditer(text[:100_000]):
        name = m.group(1) or m.group(2)
        # OpenSSL names a received alert TLSV1_ALERT_<NAME>, or for the RFC 6066 alerts TLSV1_<NAME>
        # (TLSV1_UNRECOGNIZED_NAME, include/openssl/sslerr.h).
        alert = (name.partition("ALERT_")[2] or (name.removeprefix("TLSV1_") if name.startswith("TLSV1_") else "")).replace("_", "").lower()
        number = next((n for n, (a, _) in TLS_ALERTS.items() if a == alert), None) if alert else None
        verdict = _alert_verdict(number) if number is not None else _reason_verdict(by_name.get(name, -1))
        if verdict:
            found.append((m.start(), verdict))
    for m in _NSS_ALERT.finditer(text[:100_000]):
        number = _NSS_ALERTS.get(m.group().upper())
        verdict = _alert_verdict(number) if number is not None else None
        if verdict:
            found.append((m.start(), verdict))
    for m in _ALERT_SAID.finditer(text[:100_000]):
        after = text[m.end() : m.end() + 60]
        said = re.match(r"\d{1,3}\b", after)
        if said:
            verdict = _alert_verdict(int(said.group()))
        else:
            compact = re.sub(r"[^a-z]", "", after.lower()).removeprefix("fatal").removeprefix("warning")
            verdict = next((_alert_verdict(n) for name, n in _ALERT_NAMES if compact.startswith(name)), None)
        if verdict:
            found.append((m.start(), verdict))
    return [verdict for _, verdict in sorted(found, key=lambda f: f[0])]


#: Verdicts that say only that TLS failed, or that the peer sent some alert.
_UNSPECIFIC = frozenset({"error", "alert"})


def classify_ssl_text(text: str) -> TlsVerdict:
    """Classify a (pasted) ssl error text, e.g. ``[SSL: WRONG_VERSION_NUMBER] wrong version number``."""
    outcome, verify = _pick_ssl(text) or ("error", "unchecked")
    refined = _pick(SSL_REFINING_TABLE, text)
    if refined is not None:
        return TlsVerdict(outcome=refined[0], verify=refined[1], reason=ssl_reason(text))
    all_coded = coded_tls_verdicts(text)
    coded = [v for v in all_coded if v[0] not in _UNSPECIFIC]
    if outcome == "error" and ("alert", "unchecked") in all_coded:
        # A named alert the peer sent says more than words that say only that TLS failed: the peer
        # refused, and the alert is the reason it gave.
        outcome, verify = "alert", "unchecked"
    if coded and (outcome in _UNSPECIFIC or outcome not in {v[0] for v in coded}):
        # An exact code says which failure where the words say only that one happened, or
        # (wrapped, translated, beside a setting's words) something else.
        outcome, verify = coded[-1]
    if verify in ("other", "unchecked") and outcome in ("error", "cert-invalid"):
        # The number says which verdict where the words say only that verification failed.
        numbered = _VERIFY_NUMBER.search(text)
        if numbered and int(numbered.group(1)) in VERIFY_CODE_TABLE:
            outcome, verify = "cert-invalid", VERIFY_CODE_TABLE[int(numbered.group(1))]
    return TlsVerdict(outcome=outcome, verify=verify, reason=ssl_reason(text))


def classify_ssl_error(exc: BaseException) -> TlsVerdict:
    """Classify an exception raised by a TLS handshake (ssl, socket or timeout)."""
    import ssl

    if isinstance(exc, ssl.SSLCertVerificationError):
        message = exc.verify_message or str(exc)
        verify = VERIFY_CODE_TABLE.get(exc.verify_code or -1)
        if verify is None:
            verify = (_pick_ssl(message) or ("cert-invalid", "other"))[1]
            if verify == "unchecked":
                verify = "other"
        return TlsVerdict(outcome="cert-invalid", verify=verify, reason=clean_text(message, 300))
    if isinstance(exc, DeadlineReached):
        return TlsVerdict(outcome=CUT_BY_DEADLINE, verify="unchecked", reason="cut by the diagnosis's deadline")
    if isinstance(exc, TimeoutError):
        return TlsVerdict(outcome="timeout", verify="unchecked", reason="handshake timed out")
    if isinstance(exc, ssl.SSLZeroReturnError | ssl.SSLEOFError):
        # The peer closed during the handshake. Which of the two a build raises for the same
        # close (and its wording) differs between Python releases; the event is the same.
        return TlsVerdict(outcome="unexpected-eof", verify="unchecked", reason=ssl_reason(_exception_text(exc)))
    if isinstance(exc, ConnectionResetError) and exc.errno is None and not str(exc):
        # asyncio reports a peer that closed mid-handshake (no alert, no RST) this way;
        # the blocking ssl module calls the same event UNEXPECTED_EOF_WHILE_READING.
        return TlsVerdict(outcome="unexpected-eof", verify="unchecked", reason="connection closed during the handshake")
    text = _exception_text(exc)
    # The reason's name (WRONG_VERSION_NUMBER, TLSV1_ALERT_PROTOCOL_VERSION) is the same in
    # every OpenSSL release that has the reason, where its text is not ("sslv3 alert", then
    # "ssl/tls alert", then "tls alert"); Python leaves it None for a reason newer than its
    # own table, and then the text is all there is.
    reason = getattr(exc, "reason", None) if isinstance(exc, ssl.SSLError) else None
    picked = (_pick_ssl(reason) if isinstance(reason, str) else None) or _pick_ssl(text)
    if picked is None and isinstance(exc, OSError) and not isinstance(exc, ssl.SSLError):
        tcp = classify_socket_error(exc)
        picked = {"reset": ("reset", "unchecked"), "timeout": ("timeout", "unchecked")}.get(tcp, ("error", "unchecked"))
    if picked is None and isinstance(exc, EOFError | ConnectionError):
        picked = ("unexpected-eof", "unchecked")
    outcome, verify = picked or ("error", "unchecked")
    return TlsVerdict(outcome=outcome, verify=verify, reason=ssl_reason(text) or type(exc).__name__)


def _exception_text(exc: BaseException) -> str:
    text = str(exc)
    return text if text else type(exc).__name__


# --------------------------------------------------------------------------- sockets

#: A connect's error by name -> its row (outcome, route, Linux and Windows numbers), data/error-texts.yaml.
_ERRNO_ROWS: dict[str, dict[str, Any]] = {r["name"]: r for r in error_texts()["socket_errno"]}
#: A pasted error number (Linux errno or Windows Sockets code) -> its row: pastes come from any system.
_PASTED_ERRNO: dict[int, dict[str, Any]] = {
    r[system]: r for r in _ERRNO_ROWS.values() for system in ("linux", "windows", "gai") if system in r}
#: errno -> tcp.connect outcome, for the numbers a pasted text may name.
ERRNO_TABLE: dict[int, str] = {number: r["outcome"] for number, r in _PASTED_ERRNO.items()}


def _raised_errno_row(number: int) -> dict[str, Any] | None:
    """The row of an error number raised on this machine: by its name here (errno.errorcode), so that
    the numbers of the system mailexpert runs on are the ones read; Windows' socket codes by number."""
    return _ERRNO_ROWS.get(errno.errorcode.get(number, "")) or (
        _PASTED_ERRNO.get(number) if number >= 10000 else None)


#: Pasted socket error texts -> tcp.connect outcome (the longest match wins), every stack.
SOCKET_TEXT_TABLE: tuple[tuple[str, str], ...] = _table("socket", "outcome")
#: Pasted unreachable texts -> the route they say is missing (``host``, ``network`` or ``local``), in every language.
SOCKET_ROUTE_TABLE: tuple[tuple[str, str], ...] = tuple(
    (r["match"], r["route"]) for r in error_texts()["socket"] if r.get("route"))
#: Rows that say only what this machine lacked (no source address of the family): used when no
#: other row matches, so that a log's other attempt ("[ipv4]:25: Connection timed out") says more.
SOCKET_GENERIC_TABLE: tuple[tuple[str, str], ...] = _table("socket", "outcome", generic=True)

# "[Errno 111]", "[WinError 10060]", Indy's (Delphi programs on Windows) "Socket Error # 10060",
# Outlook's error details "Socket Error: 10060",
# .NET's "SocketException (11001)", and a Windows error wrapped in an HRESULT: HRESULT_FROM_WIN32(WSAETIMEDOUT) is 0x8007274C
# (winerror.h: 0x80070000 | the Win32 code), as Windows Mail, Outlook and .NET print it.
# PHPMailer's SMTP::connect logs fsockopen's/stream_socket_client's error after its own words, the number
# last: "SMTP ERROR: Failed to connect to server: Connection timed out (110)" (PHPMailer/PHPMailer:src/SMTP.php).
# Also the socket's own name before the number in other spellings ("socket error 10060", Ararat Synapse's "Socket error
# 10060: Connection timed out", .NET WCF's "TCP error code 10060", "WSA error 10060"), an errno named as such ("errno
# 111", "errno=111") and Rust's std::io::Error ("Connection refused (os error 111)", rust-lang/rust:library/std/src/io/
# error/repr_bitpacked.rs Display): each names the operating system's number, whatever system.
_ERRNO_IN_TEXT = re.compile(
    r"\[(?:errno|winerror)\s+(-?\d+)\]|(?:(?:socket|winsock) error(?: #|:) ?|socketexception \()(\d+)|\b0x8007([0-9a-f]{4})\b"
    r"|failed to connect to server: [^\n()]*\((\d+)\)"
    r"|\b(?:socket|winsock|wsa|tcp)[ _]?error(?:[ _]?(?:code|number))?[ \t]*[#:=]?[ \t]*(\d+)\b"
    r"|\berrno[ \t]*[#:=]?[ \t]*(-?\d+)\b|\(os error (\d+)\)",
    re.IGNORECASE)

# A Windows Sockets code (WSABASEERR 10000 on: winerror.h gives those numbers to Winsock alone) after a bare
# "error", "code", "#" or the word for error in another language ("Error code 10013", "[Error 11001]", "Fehler
# 10060", "错误代码：10060"), in a text about a connection at all (error-texts.yaml hints socket). A POSIX errno
# (110, 111) after a bare "error" is not read: so many other numbers are written that way. Nor is a "#" that
# numbers an issue or a pull request ("owner/repo#10060", "issue #10054").
_WINSOCK_AFTER_ERROR = re.compile(
    r"(?:\[(?:error|fehler|erreur)[ \t]+|(?:\berror|\bfehler|\berreur|\bcode|错误|エラー|ошибка)[ \t]*"
    r"(?:code|nummer|number|代码|码|コード|код)?[ \t]*[#:=：]?[ \t]*|(?<![\w/])(?<!issue )(?<!issues )(?<!pr )(?<!pull )#[ \t]?)(1[01]\d{3})\b",
    re.IGNORECASE)
#: How much of a pasted text is looked through for such a code and the words around it (a log's first 100 kB).
MAX_SOCKET_TEXT = 100_000
#: The words that make a text one about a connection (error-texts.yaml hints socket).
_SOCKET_CONTEXT: tuple[str, ...] = tuple(error_texts()["hints"]["socket"]["words"])


def classify_socket_error(exc: BaseException) -> str:
    """The ``tcp.connect`` outcome of an exception raised while connecting."""
    import socket

    if isinstance(exc, socket.gaierror):
        return "dns-failed"
    if isinstance(exc, DeadlineReached):
        return CUT_BY_DEADLINE
    if isinstance(exc, TimeoutError) and getattr(exc, "errno", None) in (None, errno.ETIMEDOUT):
        return "timeout"
    number = getattr(exc, "errno", None)
    row = _raised_errno_row(number) if isinstance(number, int) else None
    if row is not None:
        return str(row["outcome"])
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return "reset"
    return _pick(SOCKET_TEXT_TABLE, str(exc)) or _pick(SOCKET_GENERIC_TABLE, str(exc)) or "error"


def socket_errno(text: str) -> int | None:
    """The socket error number a pasted text names ("[Errno 111]", "Socket Error # 10060"), when
    the table knows it: the operating system's own verdict on the connection."""
    found = search_lines(_ERRNO_IN_TEXT, text)  # no line break before its words: read on the lines that hold them
    if found and found.group(3):
        number: int | None = int(found.group(3), 16)
    else:
        number = int(next(g for g in found.groups() if g)) if found else None
    # A negative number is getaddrinfo's code only in Python's "[Errno -2]" (the table's `gai`); "errno -2"
    # elsewhere is a negated errno (libuv, the Linux kernel).
    if found and number is not None and number < 0 and not found.group(1):
        number = None
    if number in ERRNO_TABLE:
        return number
    for said in _WINSOCK_AFTER_ERROR.finditer(text[:MAX_SOCKET_TEXT]):
        code = int(said.group(1))
        if code in ERRNO_TABLE:
            low = fold(text[:MAX_SOCKET_TEXT])
            return code if any(locate(word, low)[0] >= 0 for word in _SOCKET_CONTEXT) else None
    return None


def classify_socket_text(text: str) -> str:
    """The ``tcp.connect`` outcome of a pasted socket error, e.g. ``[Errno 111] Connection refused``."""
    number = socket_errno(text)
    if number is not None:
        return ERRNO_TABLE[number]
    return _pick(SOCKET_TEXT_TABLE, text) or _pick(SOCKET_GENERIC_TABLE, text) or "error"


def socket_route(text: str) -> str | None:
    """The route a pasted unreachable error says is missing: ``host``, ``network``, ``local`` (this
    machine forbade the connection), or None when neither its error number nor its words say."""
    number = socket_errno(text)
    if number is not None and "route" in _PASTED_ERRNO[number]:
        return str(_PASTED_ERRNO[number]["route"])
    return _pick(SOCKET_ROUTE_TABLE, text)


def socket_error_text(exc: BaseException) -> str:
    """A short, safe description of a socket error for a fact's ``error`` field."""
    if isinstance(exc, TimeoutError) and not str(exc):
        return "timed out"
    return clean_text(_exception_text(exc), 200)


# --------------------------------------------------------------------------- DNS

#: Pasted resolver texts -> dns.answer outcome (the longest match wins), every stack.
DNS_TEXT_TABLE: tuple[tuple[str, str], ...] = _table("dns", "outcome")


def classify_dns_error(exc: BaseException) -> str:
    """The ``dns.answer`` outcome of a dnspython exception (exact classes before texts)."""
    import dns.exception
    import dns.resolver

    if isinstance(exc, dns.resolver.NXDOMAIN):
        return "nxdomain"
    if isinstance(exc, dns.resolver.NoAnswer):
        return "nodata"
    if isinstance(exc, dns.exception.Timeout | TimeoutError):
        return "timeout"
    if isinstance(exc, dns.resolver.NoNameservers):
        text = str(exc)
        if "SERVFAIL" in text:
            return "servfail"
        if "REFUSED" in text:
            return "refused"
        if "timed out" in text:
            return "timeout"
        return "error"
    return classify_dns_text(str(exc)) if str(exc) else "error"


def classify_dns_text(text: str) -> str:
    """The ``dns.answer`` outcome of a pasted DNS error (dnspython or getaddrinfo text)."""
    return dns_text_outcome(text) or "error"


#: The resolver's answer a look-up error number says (data/error-texts.yaml socket_errno `lookup`). Windows'
#: (winsock2.h; learn.microsoft.com windows-sockets-error-codes-2): WSAHOST_NOT_FOUND, and WSATRY_AGAIN
#: ("usually a temporary error during host name resolution": no answer came). Python on Windows has no
#: gai_strerror and prints each as "[Errno N] getaddrinfo failed" (cpython Modules/socketmodule.c, set_gaierror):
#: the number alone says which. WSANO_DATA (11004) is left to the words: documented as a name without an address,
#: it is what Outlook Express printed for a misspelt server name (tests/test_explain_client_docs.py) and Python for
#: a network whose resolver answers no outside name. getaddrinfo's own codes as Python prints them ("[Errno -2]",
#: "[Errno -3]") say it alike.
LOOKUP_OUTCOME: dict[int, str] = {number: r["lookup"] for number, r in _PASTED_ERRNO.items() if "lookup" in r}


def dns_text_outcome(text: str) -> str | None:
    """The ``dns.answer`` outcome the most specific resolver row in ``text`` gives, or None
    when no row is found (a row may say ``error``: the look-up failed, the words do not say how).
    A Windows look-up error's number, where the text names one, says it first: exact codes beat words."""
    number = socket_errno(text)
    if number in LOOKUP_OUTCOME:
        return LOOKUP_OUTCOME[number]
    return _pick(DNS_TEXT_TABLE, text)


# --------------------------------------------------------------------------- greetings

@attrs.frozen
class Greeting:
    """The fingerprint of the first bytes a server sent: ``service.greeting`` fields."""

    spoken: str
    status: str | None = None
    code: int | None = None


def _mostly_binary(data: bytes) -> bool:
    if not data:
        return False
    printable = sum(1 for b in data if 32 <= b < 127 or b in (9, 10, 13))
    return printable < 0.85 * len(data)


def fingerprint_greeting(data: bytes) -> Greeting:
    """What protocol the first bytes are: SMTP 220, IMAP ``* OK``, POP3 ``+OK``, HTTP, SSH, TLS, junk."""
    if not data:
        return Greeting(spoken="silence")
    if len(data) >= 2 and data[0] in (0x15, 0x16) and data[1] == 0x03:
        return Greeting(spoken="tls")
    head = data[:64]
    text = head.decode("latin-1")
    m = SMTP_REPLY_CODE.match(text)
    if m:
        code = int(m.group(1))
        if code == 220:
            status = "ok"
        elif code in (421, 521, 554):
            # Refusals at connect: 421 service not available (RFC 5321 3.8), 554 no SMTP
            # service here (RFC 5321 3.1), 521 host does not accept mail (RFC 7504).
            status = "busy"
        else:
            status = "error"
        return Greeting(spoken="smtp", status=status, code=code)
    upper = text.upper()
    if upper.startswith("* OK") or upper.startswith("* PREAUTH"):
        return Greeting(spoken="imap", status="ok")
    if upper.startswith("* BYE"):
        return Greeting(spoken="imap", status="bye")
    if upper.startswith("+OK"):
        return Greeting(spoken="pop3", status="ok")
    if upper.startswith("-ERR"):
        return Greeting(spoken="pop3", status="error")
    if upper.startswith("HTTP/") or upper.startswith("<!DOCTYPE HTML") or upper.startswith("<HTML"):
        return Greeting(spoken="http")
    if text.startswith("SSH-"):
        # An SSH server speaks first, as mail servers do: "SSH-2.0-OpenSSH_9.2p1 ..." (RFC
        # 4253 section 4.2, its identification string), where a mail port was set or forwarded.
        return Greeting(spoken="ssh")
    if _mostly_binary(data[:512]):
        return Greeting(spoken="garbage")
    return Greeting(spoken="unknown")

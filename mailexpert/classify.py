"""Translate third-party errors and server replies into fact outcomes, through tables.

Everything that comes from outside mailexpert's own code -- ``ssl`` exceptions, socket
``OSError`` numbers, dnspython exceptions, the raw reply lines of SMTP/IMAP/POP3 servers --
is turned into the vocabulary of ``facts/*.yaml`` here and only here. Each translation is a
table; where several rows match, the most specific one (the longest matching pattern, or an
exact error number before a class) wins.

The same tables serve two callers: the probes, which hold live exception objects, and the
``explain`` command, which receives the text a user pasted (``classify_ssl_text``,
``classify_socket_text``, ``classify_dns_text`` and :func:`parse_reply`). Texts are matched
on the reason, never on the ``(_ssl.c:NNNN)`` suffix, which changes between Python versions.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from typing import Any

import attrs

from mailexpert.textsafe import escape

#: Longest reply text kept in a fact: replies are untrusted and may be huge.
MAX_TEXT = 1000


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """Escape control characters (ESC included) and bound the length of untrusted text."""
    text = escape(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def _pick(table: Sequence[tuple[str, Any]], text: str) -> Any | None:
    """The value of the longest pattern found in ``text`` (case-insensitive): the most specific row."""
    low = text.lower()
    best: tuple[int, Any] | None = None
    for pattern, value in table:
        if pattern in low and (best is None or len(pattern) > best[0]):
            best = (len(pattern), value)
    return best[1] if best else None


# --------------------------------------------------------------------------- TLS

@attrs.frozen
class TlsVerdict:
    """A TLS failure in fact vocabulary: ``tls.handshake`` outcome, verify verdict, reason text."""

    outcome: str
    verify: str
    reason: str


#: Reason text (lower case) -> (tls.handshake outcome, verify). As OpenSSL and Python's ssl module word them.
SSL_TEXT_TABLE: tuple[tuple[str, tuple[str, str]], ...] = (
    ("certificate has expired", ("cert-invalid", "expired")),
    ("certificate is not yet valid", ("cert-invalid", "not-yet-valid")),
    ("self-signed certificate", ("cert-invalid", "self-signed")),
    ("self signed certificate", ("cert-invalid", "self-signed")),
    ("self-signed certificate in certificate chain", ("cert-invalid", "self-signed-in-chain")),
    ("self signed certificate in certificate chain", ("cert-invalid", "self-signed-in-chain")),
    ("unable to get local issuer certificate", ("cert-invalid", "untrusted-issuer")),
    ("unable to get issuer certificate", ("cert-invalid", "untrusted-issuer")),
    ("unable to verify the first certificate", ("cert-invalid", "untrusted-issuer")),
    ("hostname mismatch", ("cert-invalid", "hostname-mismatch")),
    ("ip address mismatch", ("cert-invalid", "hostname-mismatch")),
    ("doesn't match", ("cert-invalid", "hostname-mismatch")),  # Python 3.6 CertificateError
    ("missing authority key identifier", ("cert-invalid", "missing-aki")),
    ("wrong version number", ("wrong-version-number", "unchecked")),
    ("wrong_version_number", ("wrong-version-number", "unchecked")),
    ("record layer failure", ("wrong-version-number", "unchecked")),  # OpenSSL 3.2+
    ("unknown protocol", ("wrong-version-number", "unchecked")),  # early OpenSSL 1.0.2
    ("packet length too long", ("wrong-version-number", "unchecked")),
    ("alert protocol version", ("protocol-version", "unchecked")),
    ("unsupported protocol", ("protocol-version", "unchecked")),
    ("no protocols available", ("protocol-version", "unchecked")),
    ("legacy_sigalg_disallowed_or_unsupported", ("protocol-version", "unchecked")),
    ("alert handshake failure", ("handshake-failure", "unchecked")),
    ("no shared cipher", ("handshake-failure", "unchecked")),
    ("no ciphers available", ("handshake-failure", "unchecked")),
    ("dh key too small", ("dh-key-too-small", "unchecked")),
    ("unexpected eof while reading", ("unexpected-eof", "unchecked")),
    ("eof occurred in violation of protocol", ("unexpected-eof", "unchecked")),
    ("connection has been closed (eof)", ("unexpected-eof", "unchecked")),
    ("connection lost", ("unexpected-eof", "unchecked")),
    ("connection reset by peer", ("reset", "unchecked")),
    ("forcibly closed by the remote host", ("reset", "unchecked")),
    ("broken pipe", ("reset", "unchecked")),
    ("timed out", ("timeout", "unchecked")),
    ("handshake is taking longer than", ("timeout", "unchecked")),  # asyncio's own guard
    ("tlsv1 alert", ("alert", "unchecked")),
    ("sslv3 alert", ("alert", "unchecked")),
    ("tlsv13 alert", ("alert", "unchecked")),
    ("alert", ("alert", "unchecked")),
)

#: OpenSSL X509_V_ERR_* numbers -> verify verdict (exact numbers beat texts).
VERIFY_CODE_TABLE = {
    2: "untrusted-issuer",  # unable to get issuer certificate
    9: "not-yet-valid",
    10: "expired",
    18: "self-signed",
    19: "self-signed-in-chain",
    20: "untrusted-issuer",
    21: "untrusted-issuer",
    62: "hostname-mismatch",
    64: "hostname-mismatch",
}

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


#: A verification failure whose detail no row names (the generic row, least specific of all).
_VERIFY_FAILED = ("certificate verify failed", "certificate_verify_failed")


def _pick_ssl(text: str) -> tuple[str, str] | None:
    picked = _pick(SSL_TEXT_TABLE, text)
    if picked is None and any(p in text.lower() for p in _VERIFY_FAILED):
        picked = ("cert-invalid", "other")
    return picked


def classify_ssl_text(text: str) -> TlsVerdict:
    """Classify a (pasted) ssl error text, e.g. ``[SSL: WRONG_VERSION_NUMBER] wrong version number``."""
    outcome, verify = _pick_ssl(text) or ("error", "unchecked")
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
    if isinstance(exc, TimeoutError):
        return TlsVerdict(outcome="timeout", verify="unchecked", reason="handshake timed out")
    if isinstance(exc, ConnectionResetError) and exc.errno is None and not str(exc):
        # asyncio reports a peer that closed mid-handshake (no alert, no RST) this way;
        # the blocking ssl module calls the same event UNEXPECTED_EOF_WHILE_READING.
        return TlsVerdict(outcome="unexpected-eof", verify="unchecked", reason="connection closed during the handshake")
    text = _exception_text(exc)
    picked = _pick_ssl(text)
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

#: errno -> tcp.connect outcome. Windows WSA numbers for pasted texts from Windows users.
ERRNO_TABLE: dict[int, str] = {
    errno.ECONNREFUSED: "refused",
    10061: "refused",
    errno.ETIMEDOUT: "timeout",
    10060: "timeout",
    errno.EHOSTUNREACH: "unreachable",
    errno.ENETUNREACH: "unreachable",
    errno.ENETDOWN: "unreachable",
    errno.EHOSTDOWN: "unreachable",
    errno.EADDRNOTAVAIL: "unreachable",  # e.g. no IPv6 address configured here
    errno.EACCES: "unreachable",  # ICMPv6 admin-prohibited; a local firewall
    errno.EPERM: "unreachable",
    10065: "unreachable",
    10051: "unreachable",
    errno.ECONNRESET: "reset",
    errno.ECONNABORTED: "reset",
    errno.EPIPE: "reset",
    10054: "reset",
    10053: "reset",
}

#: Pasted socket error texts -> tcp.connect outcome (the longest match wins).
SOCKET_TEXT_TABLE: tuple[tuple[str, str], ...] = (
    ("connection refused", "refused"),
    ("actively refused", "refused"),
    ("winerror 10061", "refused"),
    ("timed out", "timeout"),
    ("timeouterror", "timeout"),
    ("winerror 10060", "timeout"),
    ("no route to host", "unreachable"),
    ("network is unreachable", "unreachable"),
    ("host is unreachable", "unreachable"),
    ("permission denied", "unreachable"),
    ("cannot assign requested address", "unreachable"),
    ("connection reset by peer", "reset"),
    ("forcibly closed by the remote host", "reset"),
    ("winerror 10054", "reset"),
    ("connection aborted", "reset"),
    ("broken pipe", "reset"),
    ("name or service not known", "dns-failed"),
    ("nodename nor servname provided", "dns-failed"),
    ("getaddrinfo failed", "dns-failed"),
    ("temporary failure in name resolution", "dns-failed"),
    ("no address associated with hostname", "dns-failed"),
    ("gaierror", "dns-failed"),
)

_ERRNO_IN_TEXT = re.compile(r"\[(?:errno|winerror)\s+(-?\d+)\]", re.IGNORECASE)


def classify_socket_error(exc: BaseException) -> str:
    """The ``tcp.connect`` outcome of an exception raised while connecting."""
    import socket

    if isinstance(exc, socket.gaierror):
        return "dns-failed"
    if isinstance(exc, TimeoutError) and getattr(exc, "errno", None) in (None, errno.ETIMEDOUT):
        return "timeout"
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in ERRNO_TABLE:
        return ERRNO_TABLE[number]
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return "reset"
    return _pick(SOCKET_TEXT_TABLE, str(exc)) or "error"


def classify_socket_text(text: str) -> str:
    """The ``tcp.connect`` outcome of a pasted socket error, e.g. ``[Errno 111] Connection refused``."""
    found = _ERRNO_IN_TEXT.search(text)
    if found and int(found.group(1)) in ERRNO_TABLE:
        return ERRNO_TABLE[int(found.group(1))]
    return _pick(SOCKET_TEXT_TABLE, text) or "error"


def socket_error_text(exc: BaseException) -> str:
    """A short, safe description of a socket error for a fact's ``error`` field."""
    if isinstance(exc, TimeoutError) and not str(exc):
        return "timed out"
    return clean_text(_exception_text(exc), 200)


# --------------------------------------------------------------------------- DNS

#: Pasted dnspython / getaddrinfo texts -> dns.answer outcome (the longest match wins).
DNS_TEXT_TABLE: tuple[tuple[str, str], ...] = (
    ("nxdomain", "nxdomain"),
    ("query name does not exist", "nxdomain"),
    ("name or service not known", "nxdomain"),
    ("nodename nor servname provided", "nxdomain"),
    ("getaddrinfo failed", "nxdomain"),
    ("noanswer", "nodata"),
    ("does not contain an answer", "nodata"),
    ("no address associated with hostname", "nodata"),
    ("answered servfail", "servfail"),
    ("servfail", "servfail"),
    ("answered refused", "refused"),
    ("lifetimetimeout", "timeout"),
    ("resolution lifetime expired", "timeout"),
    ("operation timed out", "timeout"),
    ("timed out", "timeout"),
    # EAI_AGAIN: the resolver could not be reached -- in probe terms, no answer in time.
    ("temporary failure in name resolution", "timeout"),
)


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
    return _pick(DNS_TEXT_TABLE, text) or "error"


# --------------------------------------------------------------------------- replies

_SMTP_LINE = re.compile(r"^(\d{3})([ -]?)(.*)$")
_ENHANCED = re.compile(r"^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)")
_IMAP_LINE = re.compile(r"^(\*|[A-Za-z0-9._-]+)\s+(OK|NO|BAD|BYE|PREAUTH)\b\s?(.*)$", re.IGNORECASE)
_POP3_LINE = re.compile(r"^(\+OK|-ERR)\b\s?(.*)$", re.IGNORECASE)
_BRACKET = re.compile(r"^\[([^\]]*)\]\s?(.*)$")
# smtplib's exception form: SMTPAuthenticationError: (535, b'5.7.8 Username ...')
_SMTPLIB_FORM = re.compile(r"\((\d{3}),\s*b?(['\"])(.*)\2\)", re.DOTALL)

SMTP_STATUS = {"2": "positive", "3": "intermediate", "4": "transient", "5": "permanent"}
IMAP_STATUS = {"OK": "positive", "PREAUTH": "positive", "NO": "no", "BAD": "bad", "BYE": "bye"}
POP3_STATUS = {"+OK": "positive", "-ERR": "err"}

#: Response codes that mean "try again later", not "wrong credentials" (RFC 5530, RFC 3206).
TEMPORARY_CODES = frozenset({"UNAVAILABLE", "INUSE", "LIMIT", "SYS/TEMP", "IN-USE", "LOGIN-DELAY"})


def parse_smtp_reply(lines: Sequence[str]) -> dict[str, Any]:
    """Fields of a ``server.reply`` for one (possibly multi-line) SMTP reply."""
    codes: list[int] = []
    texts: list[str] = []
    enhanced = None
    for line in lines:
        m = _SMTP_LINE.match(line.strip("\r\n"))
        if not m:
            texts.append(line.strip())
            continue
        codes.append(int(m.group(1)))
        body = m.group(3).strip()
        e = _ENHANCED.match(body)
        if e and enhanced is None:
            enhanced = ".".join(e.groups())
        texts.append(body)
    if not codes:
        return {}
    code = codes[-1]
    return {
        "protocol": "smtp",
        "status": SMTP_STATUS.get(str(code)[0], "permanent"),
        "code": code,
        "enhanced": enhanced,
        "text": clean_text(" ".join(t for t in texts if t)),
    }


def _response_code(rest: str) -> tuple[str | None, str]:
    m = _BRACKET.match(rest)
    if not m:
        return None, rest
    inner = m.group(1).strip()
    token = inner.split()[0].upper() if inner.split() else None
    return token, m.group(2)


def parse_imap_line(line: str) -> dict[str, Any]:
    """Fields of a ``server.reply`` for one IMAP status response (tagged or untagged)."""
    m = _IMAP_LINE.match(line.strip("\r\n"))
    if not m:
        return {}
    code, text = _response_code(m.group(3))
    return {
        "protocol": "imap",
        "status": IMAP_STATUS[m.group(2).upper()],
        "response_code": code,
        "text": clean_text(line.strip("\r\n")[len(m.group(1)) :].strip()),
        "tagged": m.group(1) != "*",
    }


def parse_pop3_line(line: str) -> dict[str, Any]:
    """Fields of a ``server.reply`` for one POP3 ``+OK`` / ``-ERR`` line."""
    m = _POP3_LINE.match(line.strip("\r\n"))
    if not m:
        return {}
    code, _ = _response_code(m.group(2))
    return {
        "protocol": "pop3",
        "status": POP3_STATUS[m.group(1).upper()],
        "response_code": code,
        "text": clean_text(line.strip("\r\n")),
    }


def parse_reply(text: str) -> dict[str, Any]:
    """Recognise a pasted SMTP reply, IMAP tagged/untagged reply or POP3 line.

    Returns the ``server.reply`` fields (protocol, status, code, enhanced, response_code,
    text), with absent ones left out; an empty dict when the text is none of these.
    ``fact("server.reply", stage="unknown", source="pasted", **parse_reply(t))`` makes a fact.
    """
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n") if ln.strip()]
    if not lines:
        return {}
    wrapped = _SMTPLIB_FORM.search(text)
    if wrapped and not _SMTP_LINE.match(lines[0]):
        body = wrapped.group(3).replace("\\n", "\n")
        return _drop_none(parse_smtp_reply([f"{wrapped.group(1)} {ln}" for ln in body.split("\n") if ln.strip()]))
    smtp_lines = [ln for ln in lines if _SMTP_LINE.match(ln) and re.match(r"^\d{3}([ -]|$)", ln)]
    if smtp_lines:
        return _drop_none(parse_smtp_reply(smtp_lines))
    pop = [parse_pop3_line(ln) for ln in lines]
    pop = [p for p in pop if p]
    if pop:
        return _drop_none(pop[-1])
    imap = [parse_imap_line(ln) for ln in lines]
    imap = [i for i in imap if i]
    if imap:
        # The tagged completion is the answer; untagged lines (ALERT, BYE) are context.
        tagged = [i for i in imap if i["tagged"]]
        chosen = dict((tagged or imap)[-1])
        if chosen.get("response_code") is None:
            for other in imap:
                if other.get("response_code"):
                    chosen["response_code"] = other["response_code"]
                    break
        chosen.pop("tagged", None)
        return _drop_none(chosen)
    return {}


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and k != "tagged"}


def login_outcome(reply: dict[str, Any]) -> str:
    """The ``login.result`` outcome for the final reply to a login command."""
    status = reply.get("status")
    if status == "positive":
        return "success"
    if reply.get("response_code") in TEMPORARY_CODES:
        return "temporary"
    if status == "transient":
        return "temporary"
    if status in ("permanent", "no", "err"):
        return "rejected"
    if status == "bye":
        return "closed"
    return "error"


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
    """What protocol the first bytes are: SMTP 220, IMAP ``* OK``, POP3 ``+OK``, HTTP, TLS, junk."""
    if not data:
        return Greeting(spoken="silence")
    if len(data) >= 2 and data[0] in (0x15, 0x16) and data[1] == 0x03:
        return Greeting(spoken="tls")
    head = data[:64]
    text = head.decode("latin-1")
    m = re.match(r"^(\d{3})([ -]|\r?\n|$)", text)
    if m:
        code = int(m.group(1))
        if code == 220:
            status = "ok"
        elif code in (421, 554):
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
    if _mostly_binary(data[:512]):
        return Greeting(spoken="garbage")
    return Greeting(spoken="unknown")

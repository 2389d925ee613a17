"""The server a pasted text names, and its port: by the words around the name (data/error-texts.yaml
``named_hosts``, the client catalogues' messages with their placeholders), by the forms connection
errors print ("connect ETIMEDOUT 192.0.2.1:465", curl's "to HOST port 25"), and by the service a
server's log line was written by (Postfix's "postfix/submission/smtpd").
"""

from __future__ import annotations

import functools
import ipaddress
import itertools
import re
from typing import Any

import attrs

from mailexpert import knowledge
from mailexpert.classify import GAP, error_texts, fold, locate
from mailexpert.wordfold import caseless, may_hold, row_index

# The host and port a connection error names: "connect ETIMEDOUT 1.2.3.4:465", "dial tcp
# 1.2.3.4:587", curl's "to HOST port 25", JavaMail's "host: HOST, port: 465" / "host, port: HOST, 25".
_HOSTPORT = (
    re.compile(r"(?:connect|dial tcp|ETIMEDOUT|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|respond|to)\s+"
               r"(\[[0-9A-Fa-f:]+\]|\d{1,3}(?:\.\d{1,3}){3}|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):(\d{1,5})\b"),
    re.compile(r"\bto ([A-Za-z0-9.-]+\.[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}) port (\d{1,5})\b"),
    re.compile(r"host:? ([A-Za-z0-9.-]+\.[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}), port:? (\d{1,5})\b"),
    re.compile(r"Connection to ([A-Za-z0-9.-]+\.[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5}) failed"),
    re.compile(r"connect to ([A-Za-z0-9.-]+)/\S+ \(port (\d{1,5})\)"),
    # Apple Mail: 'The server "HOST" cannot be contacted on port 587', '... using SSL on port 993'
    re.compile(r"server [\"“']?([A-Za-z0-9.-]+\.[A-Za-z]{2,})[\"”']?"
               r"(?: cannot be contacted| refused to allow a connection| using SSL)? on port (\d{1,5})\b"),
    re.compile(r"connect to '([A-Za-z0-9.-]+\.[A-Za-z]{2,}):(\d{1,5})'"),
    # Postfix's smtp client: "connect to mx.example.com[192.0.2.1]:25: Connection timed out"
    re.compile(r"connect to ([A-Za-z0-9.-]+\.[A-Za-z]{2,})\[[0-9A-Fa-f.:]+\]:(\d{1,5})\b"),
    # The same line with its host and address masked by whoever pasted it ("connect to ...[...]:25", "connect to
    # ***[***]:25", "connect to xxx[x.x.x.x]:25"): the port Postfix connected to is still printed (_MASKED: no host).
    re.compile(r"connect to ([.*xX]{2,})\[[.*xX0-9A-Fa-f:]{1,45}\]:(\d{1,5})\b"),
    # A program's debug dump of its settings, one per line (PHPMailer, WP Mail SMTP: "Host: x" then "Port: 25").
    re.compile(r"(?im)^[ \t]*host:[ \t]*([A-Za-z0-9.-]+)[ \t]*\n[ \t]*port:[ \t]*(\d{1,5})[ \t]*$"),
    # .NET's SocketException for a connect ends its message with the endpoint, any port
    # (dotnet/runtime:src/libraries/System.Net.Sockets/src/System/Net/Sockets/SocketExceptionFactory.cs:
    # ExtendedSocketException.Message is the error's text, a space and the EndPoint, "192.0.2.1:25" or
    # "[::ffff:192.0.2.1]:25"), in the system's language.
    re.compile(r"(?m)SocketException(?: \(\d+\))?: [^\n]*? (\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):(\d{1,5})[ \t]*$"),
)
#: A host name masked out of a pasted log ("...", "***", "xxx"): the line names a port but no host.
_MASKED = re.compile(r"[.*x]+")
#: Host and port pairs read from a text before giving up: the first ones suffice.
MAX_HOSTPORTS = 50


def _first(row: tuple[str, Any]) -> str:
    return row[0]


# Any host with a port, in the two forms programs print ("mail.example.org:465", "mail.example.org
# port 465"), when no wording frames it: only with a standard mail port, since "host:number" is
# also a source file and line ("_ssl.c:1006", "rec_layer_s3.c:1563").
_ANY_HOSTPORT = re.compile(r"(?<![\w.@/-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
                           r"|\d{1,3}(?:\.\d{1,3}){3})(?::| port:? )(\d{1,5})(?!\d)")


def logged_port(text: str) -> int | None:
    """The port a server's log names by the service that wrote it (data/knowledge.yaml
    log.service-port: "postfix/submission/smtpd[PID]:" is the submission port's); none where the
    text names no such service or several that disagree."""
    low = text[:MAX_HOST_SCAN].lower()
    ports = {port for prefix, port in knowledge.log_service_ports() if prefix in low}
    return ports.pop() if len(ports) == 1 else None


# explain asks for the host and port of the whole text once per step that places its evidence
# (_Reading.place) and again for the lines before a cause (_earlier_cause): each a scan of up to
# a megabyte. The answer depends on the text alone, so the last few are kept.
@functools.lru_cache(maxsize=8)
def hostport(text: str) -> tuple[str | None, int | None]:
    low = caseless(text)  # a pattern whose words the text lacks is not run over it
    for pattern in _HOSTPORT:
        m = pattern.search(text) if may_hold(pattern, low) else None
        if m and 0 < int(m.group(2)) < 65536:
            host = m.group(1).strip("[]").lower()
            return (None if _MASKED.fullmatch(host) else host), int(m.group(2))
    from mailexpert.knowledge import port_numbers

    for m in itertools.islice(_ANY_HOSTPORT.finditer(text[:100_000]), MAX_HOSTPORTS):
        if int(m.group(2)) in port_numbers() and is_host_name(m.group(1)):
            return m.group(1).lower(), int(m.group(2))
    return None, None


@functools.cache
def _public_suffixes() -> Any:
    """The Public Suffix List's ICANN section, from the copy the publicsuffixlist package ships
    (read from disk once; it never fetches the list)."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True)


@functools.cache
def _host_name_table() -> tuple[frozenset[str], frozenset[str]]:
    """data/error-texts.yaml ``host_names``: the top labels set aside for private and local use,
    and the file names that end in a top-level domain."""
    table = error_texts()["host_names"]
    return (frozenset(r["label"] for r in table["special_use"]), frozenset(r["name"] for r in table["file_names"]))


def is_host_name(name: str) -> bool:
    """Whether a name a text gives without words that frame it as a server's is a host's: an IP
    address, a single label (localhost, a hosts file's "mail": nothing tells them from a word, and
    they are read where words frame them), or a dotted name under a top-level domain (the Public
    Suffix List's, or one set aside for private use: data/error-texts.yaml ``host_names``) that is
    no configuration file's name. A program's dotted identifiers are none ("javax.mail.MessagingException",
    "Bit.Core.Services.SmtpMailDeliveryService", "smtplib.SMTPException", "config.php", "main.cf")."""
    name = name.strip("[]").rstrip(".").lower()
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    if "." not in name:
        return True
    special, files = _host_name_table()
    if name in files:
        return False
    return name.rsplit(".", 1)[1] in special or _public_suffixes().publicsuffix(name, accept_unknown=False) is not None


# What a named_hosts pattern's {host} and {port} stand for (data/error-texts.yaml): a host name
# of RFC 1123 labels under a top label that starts with a letter, an IPv4 address or a bracketed
# IPv6 literal, over the folded (lower-case) text, ended by a space, a quote, punctuation, the
# bracket of Postfix's "name[address]" or the end: no quote or punctuation around the name
# becomes part of it, and a name a control character or another script interrupts is no name
# (not the part before it). A language whose script has no case writes its particle or suffix
# right after the name (Korean "%S에", Japanese and Chinese, Thai, Tibetan, Bengali, Arabic's
# "؛"), or after a hyphen (Bengali "%S-এ", Armenian "%S-ին", Georgian "%S-ზე"): a word of such
# a script, ended by no name character, or a hyphen before a letter of one (or Armenian), ends the
# name too -- where the script's word is the start of a longer name ("imap.exa한mple.org"), no.
_CASELESS_SCRIPTS = ("\u0590-\u05ff\u0600-\u06ff\u0700-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f"
                     "\u10d0-\u10ff\u1100-\u11ff\u1200-\u139f\u1780-\u17ff\u2e80-\u9fff\ua960-\ua97f"
                     "\uac00-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefc\uff61-\uffdc")
_HOST_FORM = (r"(?P<host>\[[0-9a-f:.]{2,45}\]|\d{1,3}(?:\.\d{1,3}){3}"
              r"|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,126}[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)"
              r"(?=[\s\"'«»“”„()\[\]>;:,.!?/…。、，：；）」』]|$"
              rf"|[{_CASELESS_SCRIPTS}]++(?![a-z0-9_-]|\.[a-z0-9])|-[{_CASELESS_SCRIPTS}\u0530-\u058f]"
              r"|-(?:\([^\W\d_]{1,3}\))?[^\W\d_]+(?=[\s\"'.,;:!?)]|$){ports})")
# A translation may write a suffix in Latin letters or in parentheses right after the name (Basque
# "%S-rekiko", "%1(e)an", Thunderbird's "{ $hostname }-(a)ren"): a hyphen and a word that ends there
# (its first letters in parentheses or not), or a parenthesis, ends the name too
# (where the pattern's words go on with it). One that prints the port right after the name with no
# mark between ("%1%2": "mail.example.net993") ends the name at its last letter: a top-level
# domain has no digits.
_PORT_GLUED = "|(?<=[a-z])(?=\\d)"
_PORT_FORM = r"(?P<port>\d{1,5})(?!\d)"
_NAME_START = r"(?<![\w.-])"
#: How much of a text is searched for the server it names: a message names it near its start.
MAX_HOST_SCAN = 100_000


@attrs.frozen
class NamedHost:
    """The server a text's words name (data/error-texts.yaml ``named_hosts``), with the port and
    protocol where the words name them."""

    host: str
    port: int | None = None
    protocol: str | None = None


@functools.cache
def _named_hosts() -> tuple[tuple[str, str, str | None], ...]:
    """The ``named_hosts`` rows compiled, each pattern once (the same words in several catalogues
    name no protocol when they disagree on it)."""
    rows: dict[str, tuple[str, str | None]] = {}
    for row in error_texts()["named_hosts"]:
        pattern, protocol = row["pattern"], row.get("protocol")
        if pattern in rows and rows[pattern][1] != protocol:
            protocol = None
        rows[pattern] = (row["match"], protocol)
    return tuple((match, pattern, protocol) for pattern, (match, protocol) in rows.items())


@functools.lru_cache(maxsize=256)
def _host_regex(pattern: str) -> re.Pattern[str]:
    """A named_hosts pattern compiled, only once a text holds its words (there are a thousand).
    One that starts with the name has no words before it to say where the name begins: a
    letter, digit, underscore, dot or hyphen there makes what follows the end of a longer
    name ("mail_srv.example.org", "posta.müller.de"), no name."""
    head = _NAME_START if pattern.startswith("{host}") else ""
    form = _HOST_FORM.replace("{ports}", _PORT_GLUED if "{port}" in pattern else "")
    return re.compile(head + pattern.replace("{host}", form).replace("{port}", _PORT_FORM))


#: Where a named_hosts pattern is tried: near the first few places its words stand (a pattern
#: tried over a whole pasted megabyte at each of thousands of such places would take seconds).
MAX_HOST_PLACES = 3
_HOST_WINDOW = 1_000


def _valid_host(name: str) -> str | None:
    """A host name of at most 253 characters (RFC 1035 section 2.3.4) or an IP address, else None."""
    import ipaddress

    if name.startswith("["):
        try:
            return str(ipaddress.IPv6Address(name[1:-1]))
        except ValueError:
            return None
    if name.replace(".", "").isdigit():
        try:
            return str(ipaddress.IPv4Address(name))
        except ValueError:
            return None
    return name if len(name) <= 253 else None


def named_host(text: str) -> NamedHost | None:
    """The server a text's words name ("Connection to server imap.example.com was reset."): the
    reading of the most specific words that name one, else None."""
    low = fold(text[:MAX_HOST_SCAN])
    found: list[tuple[tuple[int, int], NamedHost]] = []
    rows = _named_hosts()
    for match, source, protocol in (rows[at] for at in row_index(rows, _first).candidates(low)):
        if locate(match, low)[0] < 0:
            continue
        pattern, name_first = _host_regex(source), source.startswith("{host}")
        first, at = match.split(GAP)[0], -1
        for _ in range(MAX_HOST_PLACES):
            at = low.find(first, at + 1)
            if at < 0:
                break
            # A pattern starts at or a little before its words; one that starts with the name, up
            # to a name's length before them.
            m = pattern.search(low, max(0, at - (260 if name_first else 100)), at + _HOST_WINDOW)
            host = _valid_host(m.group("host")) if m else None
            if m and host is not None:
                port = int(m.group("port")) if "port" in m.groupdict() and m.group("port") else None
                found.append(((len(match), -m.start()), NamedHost(host, port if port and port < 65536 else None, protocol)))
                break
    if not found:
        return None
    best = max(found, key=lambda f: f[0])[1]
    # Other words may give the same server's port ("login on host2 [HOST] port [993]" before the failure).
    port = best.port or next((n.port for _, n in found if n.host == best.host and n.port), None)
    return attrs.evolve(best, port=port)


# --- a host setting that is no host name at all --------------------------------------------------
# Where a text's words frame the server ("unable to establish SMTP connection to %s port %s",
# "getaddrinfo for %s failed"), the program printed the host setting as it was given. A host name
# is labels of letters, digits and hyphens joined by dots (RFC 1035 section 2.3.1, RFC 1123 section
# 2.1), or an address: a setting holding anything else -- a user name and "@" ("user@smtp.example.org"),
# a path's slash ("smtp.example.org/"), a template's placeholder never filled in ("${smtp_host}",
# "{{ smtp_host }}", "%SMTP_HOST%") -- names no host, and no resolver finds an address for it. The
# slot form takes any run of characters that are not a space, quote or bracket (a template's "{{ x }}"
# with its spaces), ended where the pattern's own words go on.
_SLOT_FORM = (r"(?P<host>\{\{[^{}\n]{1,80}\}\}|[^\s\"'«»„“”<>()\[\]]{1,255}?)"
              r"(?=[\s\"'«»“”<>()\[\]]|[.,;:!?](?:[\s\"'«»“”)\]]|$)|$)")
#: A template's placeholder: Jinja/Twig/Mustache "{{ x }}", shell/Compose/Laravel "${x}" and "$x",
#: Windows/batch "%X%" (the text is folded to lower case).
_PLACEHOLDER = re.compile(r"\{\{.*\}\}|\$\{[^{}]+\}|%[a-z_][a-z0-9_]*%|\$[a-z_][a-z0-9_]*")
_URL_SCHEME_FORM = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LABELS = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}")


@attrs.frozen
class MisformedHost:
    """A host setting a text prints where a server's name stands, in a form no host name has."""

    host: str
    placeholder: bool


def misformed(name: str) -> MisformedHost | None:
    """``name`` as a host setting that no host name or address can be (see the comment above),
    else None. A URL ("ssl://smtp.example.org:465", which PHP's streams and PHPMailer take as a
    host), a path ("/var/run/dovecot/auth", "private/auth") and a name with its port are forms a
    host setting may have; a word with other punctuation but no dotted name in it is no setting."""
    low = name.strip().lower()
    if not low or _URL_SCHEME_FORM.match(low):
        return None
    if _PLACEHOLDER.search(low):
        return MisformedHost(name, True)
    bare = re.sub(r":\d{1,5}$", "", low)
    if _valid_host(bare) and not re.search(r"[^a-z0-9.\-_:\[\]]", bare) and ".." not in bare:
        return None
    if bare.startswith(("/", "~", "./")) or ("@" not in bare and not bare.endswith("/")):
        # A path, or a name with a character of its own: only "@" (an address, or a URL's user
        # part) and a trailing slash (a URL's path) are read; other punctuation is left to the
        # resolver's own rows (server-host-typo-pasted).
        return None
    host = bare.rsplit("@", 1)[-1].rstrip("/")
    return MisformedHost(name, False) if _LABELS.fullmatch(host) else None


@functools.lru_cache(maxsize=256)
def _slot_regex(pattern: str) -> re.Pattern[str]:
    """A named_hosts pattern with any host setting in its {host} slot (see _SLOT_FORM)."""
    head = _NAME_START if pattern.startswith("{host}") else ""
    return re.compile(head + pattern.replace("{host}", _SLOT_FORM).replace("{port}", _PORT_FORM))


def slot_filled(pattern: str, match: str, text: str) -> bool:
    """Whether ``text`` holds a named_hosts pattern's words with something in its {host} slot that a
    program could have filled it with (a name, an address, a quoted setting: a letter or digit, not
    only punctuation). Where no pattern frames the slot (too few words around it: "连接服务器 %S 失败。"),
    whether a gap between the wording's own words (``match``) holds one."""
    low = fold(text[:MAX_HOST_SCAN])
    if pattern:
        return any(any(c.isalnum() for c in m.group("host")) for m in _slot_regex(pattern).finditer(low))
    parts = match.split(GAP)
    at = low.find(parts[0])
    for _ in range(MAX_HOST_PLACES):
        if at < 0:
            break
        end = at + len(parts[0])
        for part in parts[1:]:
            then = low.find(part, end)
            if then < 0:
                break
            if any(c.isalnum() for c in low[end:then]):
                return True
            end = then + len(part)
        at = low.find(parts[0], at + 1)
    return False


def misformed_host(text: str) -> MisformedHost | None:
    """The host setting a text's words frame as the server's (data/error-texts.yaml ``named_hosts``
    and the catalogues' messages with their host placeholders), when it is in a form no host name
    has: a template's placeholder, a user name and "@", a trailing slash. None otherwise."""
    low = fold(text[:MAX_HOST_SCAN])
    if not any(c in low for c in "@/{$%"):
        return None
    rows = _named_hosts()
    for match, source, _protocol in (rows[at] for at in row_index(rows, _first).candidates(low)):
        if locate(match, low)[0] < 0:
            continue
        first, at = match.split(GAP)[0], -1
        for _ in range(MAX_HOST_PLACES):
            at = low.find(first, at + 1)
            if at < 0:
                break
            m = _slot_regex(source).search(low, max(0, at - (260 if source.startswith("{host}") else 100)), at + _HOST_WINDOW)
            found = misformed(m.group("host")) if m else None
            if found is not None:
                return found
    return None

"""Meaning-preserving perturbations of a pasted text: what a real paste undergoes on its way from the
program that printed it to ``mailexpert explain``.

Each perturbation is a small pure function ``text -> text | None`` (None: it does not apply, or would
not change the text). Each says why it keeps the meaning. The benchmark (benchmarks/corpus_perturb.py)
applies them one at a time to the corpus texts explain reads right and counts how many change their
reading; tests/test_explain_perturbations.py shows on texts of its own that the fixed classes read the
same as their plain form.
"""

from __future__ import annotations

import functools
import html
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# --- a. other names --------------------------------------------------------------------------------
# A host name, a domain, an address or a user name is the asker's own: another asker's paste of the same
# failure names others of the same shape. Not a name a table of mailexpert's knows (a provider's host, a
# hosting company's, a blocklist's, a self-signed-by-design server's): those carry meaning, and so do
# loopback and link-local addresses and every port number, which stay as they are.

# Top-level domains of host names in pastes; not the ones that are also file extensions or words after
# a dot in a program's text ("setup.py", "user.id", "README.md", "call.me", "for.it", "build.sh").
_TLDS = ("com|net|org|edu|gov|info|biz|de|ru|cn|io|fr|uk|nl|jp|br|pl|au|ca|ch|se|es|eu|us|be|dk|fi|cz|hu|"
         "ro|gr|kr|tw|hk|sg|nz|za|mx|ar|cl|tr|ua|il|vn|th|my|ph|pk|kz|by|cc|tv|app|dev|cloud|email|online|"
         "site|xyz|top|local|lan|internal|co")
# Lower-case labels only: "System.Net.Mail", "org.springframework.Mail" are a program's names, not hosts.
# Not a reply's code glued to the name its line begins with ("250-mail.example.com Hello").
HOST = re.compile(rf"(?:(?<![\w.@/-])|(?<=\b[2-5]\d\d-))(?![2-5]\d\d-)((?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS}))(?![\w-]|\.[a-z0-9])")
EMAIL = re.compile(rf"(?<![\w.+-])([A-Za-z0-9][\w.+-]{{0,63}})@((?:[A-Za-z0-9-]+\.)+(?:{_TLDS}))\b", re.IGNORECASE)
IPV4 = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)")
IPV6 = re.compile(r"(?<![\w:.])((?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f]{0,4}:?)*|"
                  r"(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4})(?![\w:])", re.IGNORECASE)
# A user name in a server's log record ("user=<bob>", "sasl_username=bob", "user=bob@...").
USER_FIELD = re.compile(r"\b((?:sasl_)?user(?:name)?=<?)([A-Za-z][\w.-]{1,40})(?=[>,\s]|$)", re.IGNORECASE)
# Role addresses (RFC 2142, and the bounce senders every MTA uses) say who wrote: they stay.
_ROLES = frozenset({"postmaster", "abuse", "hostmaster", "noc", "security", "webmaster", "mailer-daemon",
                    "noreply", "no-reply", "root", "double-bounce", "info", "support", "admin"})
# RFC 2606's reserved names are anybody's: never "known" though the tables' examples use them.
_RESERVED = re.compile(r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "ne", "or", "edu"})

_OTHER_DOMAINS = ("northwind-isp.net", "lakeside-hosting.de", "contoso-mail.org", "fabrikam.co.uk")
_OTHER_LOCALS = ("jdoe", "m.rossi", "anna.k", "office")


def registered(host: str) -> str:
    """The domain a host name's owner registered (two labels; three under a country's "co.uk", "com.br")."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@functools.cache
def known_domains() -> frozenset[str]:
    """Every registered domain a data table or a rule file of mailexpert names: its hosts mean something."""
    found: set[str] = set()
    for path in [*(ROOT / "mailexpert" / "data").rglob("*.yaml"), *(ROOT / "rules").rglob("*.yaml")]:
        for m in HOST.finditer(path.read_text(encoding="utf-8").lower()):
            if not _RESERVED.search(m.group(1)):
                found.add(registered(m.group(1)))
    return frozenset(found)


def _is_known(host: str) -> bool:
    return registered(host) in known_domains()


def _private(a: int, b: int) -> bool:
    return a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) or (a == 100 and 64 <= b <= 127)


def _other_ipv4(m: re.Match[str], seen: dict[str, str]) -> str:
    parts = [int(p) for p in m.groups()]
    if any(p > 255 for p in parts) or parts[0] in (0, 127, 169, 255) or parts[0] >= 224:
        return m.group()  # loopback, link-local, multicast, a version number: not somebody's address
    if m.group() not in seen:
        n = len(seen) + 1
        # A private address stays private (a LAN's server), a public one stays public (RFC 5737's ranges).
        seen[m.group()] = f"10.{20 + n}.{3 * n}.{40 + n}" if _private(*parts[:2]) else f"198.51.100.{70 + n}"
    return seen[m.group()]


def _other_ipv6(m: re.Match[str], seen: dict[str, str]) -> str:
    addr = m.group()
    low = addr.lower()
    if addr.count(":") < 2 or low in ("::1", "::") or low.startswith(("fe80", "::ffff")) or not re.search(
            r"[a-f]|::|\d{3}", low) or re.fullmatch(r"\d{1,2}(?::\d\d){2,}", low):
        return addr  # loopback, link-local, a time ("10:22:13"): not somebody's address
    seen.setdefault(low, f"2001:db8:{len(seen) + 7:x}::{len(seen) + 0x5a:x}")
    return seen[low]


def _other_host(host: str, seen: dict[str, str]) -> str:
    if _is_known(host):
        return host
    own = registered(host)
    # One domain for one: an address's domain and its mail host's stay each other's ("bob@foo.com",
    # "mail.foo.com"), as they are in the asker's own setup.
    domain = seen.setdefault(own, _OTHER_DOMAINS[len(seen) % len(_OTHER_DOMAINS)])
    # The labels before the registered domain (a service's "smtp", "mail", "mx1") say which server: kept.
    before = host.lower().split(".")[: host.count(".") + 1 - len(own.split("."))]
    return ".".join([*before, domain])


def other_names(text: str) -> str | None:
    """Host names, domains, addresses, user names and IP addresses replaced by others of the same shape."""
    hosts: dict[str, str] = {}
    locals_: dict[str, str] = {}
    v4: dict[str, str] = {}
    v6: dict[str, str] = {}

    def other_local(name: str) -> str:
        return locals_.setdefault(name.lower(), _OTHER_LOCALS[len(locals_) % len(_OTHER_LOCALS)])

    def email(m: re.Match[str]) -> str:
        local, domain = m.group(1), m.group(2)
        if _is_known(domain):
            return m.group()  # a provider's address: the domain says which provider
        if local.lower() not in _ROLES:
            local = other_local(local)
        return f"{local}@{_other_host(domain, hosts)}"

    out = EMAIL.sub(email, text)
    # Hosts outside addresses (those inside were done above: the look-behind skips "@").
    out = HOST.sub(lambda m: _other_host(m.group(1), hosts), out)
    out = USER_FIELD.sub(lambda m: m.group(1) + (m.group(2) if m.group(2).lower() in _ROLES else other_local(m.group(2))), out)
    out = IPV4.sub(lambda m: _other_ipv4(m, v4), out)
    out = IPV6.sub(lambda m: _other_ipv6(m, v6), out)
    return out if out != text else None


# --- b. line wrapping ------------------------------------------------------------------------------


def _wrap(width: int) -> Callable[[str], str | None]:
    def wrap(text: str) -> str | None:
        """Long lines broken at the last space before WIDTH columns, as a mail client (RFC 3676's
        format=flowed wraps at 72-78) or a forum's editor does: the words and their order stay."""
        out = []
        for line in text.split("\n"):
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False,
                                     expand_tabs=False, replace_whitespace=False) or [line]
                       if len(line) > width else [line])
        result = "\n".join(out)
        return result if result != text else None
    wrap.__name__ = f"wrap_{width}"
    return wrap


wrap_72 = _wrap(72)
wrap_80 = _wrap(80)


def joined_lines(text: str) -> str | None:
    """A short text's lines joined with spaces, as a paste into a one-line field (a search box, a
    chat, a form) or a user retyping a dialog's lines does: the words and their order stay. Not a log
    of several records (more than eight lines), whose lines are separate events."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not 2 <= len(lines) <= 8:
        return None
    return " ".join(lines)


# --- c. paste wrapping -----------------------------------------------------------------------------


def quote_marked(text: str) -> str | None:
    """"> " before every line, as a mail reply quotes the text it answers (RFC 3676 section 4.5)."""
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def code_fence(text: str) -> str | None:
    """A markdown code fence around the text, as a forum or an issue tracker's paste has it."""
    return f"```\n{text}\n```"


def in_quotes(text: str) -> str | None:
    """The whole text inside double quotes, as a user quotes what the program said."""
    return f'"{text}"'


def with_sentences(text: str) -> str | None:
    """A sentence of the user's before and after, saying nothing of the cause."""
    return f"I get this when I try to send:\n{text}\nAny idea what is wrong?"


# --- d. typography ---------------------------------------------------------------------------------


def curly_quotes(text: str) -> str | None:
    """Typographic quotes for straight ones, as a word processor's or a forum's autocorrect makes them."""
    out, opened = [], False
    for i, ch in enumerate(text):
        if ch == '"':
            out.append("\u201d" if opened else "\u201c")
            opened = not opened
        elif ch == "'":
            before = text[i - 1] if i else " "
            out.append("\u2018" if before.isspace() or before in "([" else "\u2019")
        else:
            out.append(ch)
    result = "".join(out)
    return result if result != text else None


def dashes(text: str) -> str | None:
    """An en dash for a spaced hyphen and an em dash for a double one, as autocorrect makes them; a
    hyphen inside a word ("e-mail", "5.7.1", "--tls") is left, as autocorrect leaves it."""
    result = text.replace(" -- ", " \u2014 ").replace(" - ", " \u2013 ")
    return result if result != text else None


def no_break_spaces(text: str) -> str | None:
    """No-break spaces for every third space, as a web page's copy carries them."""
    count = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\u00a0" if count % 3 == 1 else " "

    result = re.sub(" ", swap, text)
    return result if result != text else None


# A word of the text's prose, not part of a name ("java.security.cert", "imap.example.org"): a zero-width
# space inside a host name is a name no resolver finds, a real fault of a copied setting.
_LONG_WORD = re.compile(r"(?<![\w.@/-])[A-Za-z]{10,}(?![\w.@/-])")


def zero_width_space(text: str) -> str | None:
    """A zero-width space in the middle of the first long word, as a web page marks where a long word
    may break: invisible on the screen, copied with the text."""
    m = _LONG_WORD.search(text)
    if m is None:
        return None
    middle = (m.start() + m.end()) // 2
    return text[:middle] + "\u200b" + text[middle:]


def crlf(text: str) -> str | None:
    """CRLF line ends, as a Windows program's copy has them."""
    return text.replace("\n", "\r\n") if "\n" in text else None


def tabs(text: str) -> str | None:
    """A tab for every indentation and every run of spaces, as a terminal's copy or an editor makes them."""
    result = re.sub(r"(?m)^ +| {2,}", "\t", text)
    if result == text:
        result = text.replace(": ", ":\t", 1)
    return result if result != text else None


def trailing_spaces(text: str) -> str | None:
    """Spaces at the end of each line, as a terminal's rectangular copy leaves them."""
    return "\n".join(line + "   " for line in text.split("\n"))


# --- e. log prefixes and case ----------------------------------------------------------------------

LOG_HEAD = "2024-05-01 10:22:13 ERROR "


def log_prefixed(text: str) -> str | None:
    """A logger's time and level before each line, as an application's log prints the message it caught."""
    return "\n".join(LOG_HEAD + line for line in text.split("\n"))


# The heads a logger writes: an ISO time with its level, or syslog's time and host ("Dec  3 10:11:12 mx ");
# a program's own tag after them ("postfix/smtpd[123]:") says which program wrote and stays.
_HEAD = re.compile(
    r"^(?:\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?[ \t]+"
    r"(?:\[?(?:ERROR|WARN(?:ING)?|INFO|DEBUG|TRACE|FATAL|CRITICAL|NOTICE|SEVERE)\]?[ \t:]+)?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ \t]+\d{1,2}[ \t]+\d\d:\d\d:\d\d[ \t]+\S+[ \t]+)",
    re.MULTILINE)


def log_unprefixed(text: str) -> str | None:
    """The logger's time (and level, or host) taken off each line, as a user trims a log before pasting it."""
    result = _HEAD.sub("", text)
    return result if result != text and result.strip() else None


# Words whose capitals are the meaning: Microsoft Exchange's IMAP answers a refused login "LOGIN failed." /
# "AUTHENTICATE failed." in these capitals, which tell it from Courier's "Login failed." and so say basic
# authentication is off (rules/authentication/basic-auth-disabled.yaml, basic-auth-disabled-exchange-wording).
# Lowered, the words are any server's refusal of a password: a text that holds them is not perturbed. So is
# OpenSSL's function name in capitals ("SSL3_READ_BYTES:tlsv1 alert protocol version"): OpenSSL before 1.1.0 wrote
# them so, 1.1.0 and later in lower case, and the version says whose TLS is the old one
# (rules/tls/tls-version-client-outdated.yaml).
_CASE_MEANS = re.compile(r"\b(?:LOGIN|AUTHENTICATE) failed\.|\bSSL(?:3|23)_[A-Z_]+:")


# A base64 run (an SMTP AUTH challenge "334 VXNlcm5hbWU6", an XOAUTH2 error's JSON) is data whose capitals are bits:
# lowered, it decodes to other bytes or none. It stays as it is (a user copies a blob, never retypes it). Mixed case
# and a digit: no word of a sentence.
_BASE64 = re.compile(r"(?<![\w+/])(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*\d)"
                     r"[A-Za-z0-9+/]{12,}={0,2}(?![\w+/])")


def lowered(text: str) -> str | None:
    """The whole text in lower case, as a user retypes it (not a text whose capitals carry its meaning, nor
    a base64 run in it)."""
    if _CASE_MEANS.search(text):
        return None
    kept = [(m.start(), m.end()) for m in _BASE64.finditer(text)]
    result, last = [], 0
    for start, end in kept:
        result += (text[last:start].lower(), text[start:end])
        last = end
    lowered_text = "".join(result) + text[last:].lower()
    return lowered_text if lowered_text != text else None


# --- f. the text inside what a program or a page wraps around it --------------------------------------
# The program that caught the error prints it inside its own record, and a page escapes it; the words are
# the same.

def python_traceback(text: str) -> str | None:
    """The text as the message of a Python traceback's last line, as an application's crash shows it."""
    return ("Traceback (most recent call last):\n"
            '  File "/srv/app/notify.py", line 42, in send_report\n'
            "    mailer.send(message)\n"
            f"smtplib.SMTPException: {text}")


def java_caused_by(text: str) -> str | None:
    """The text as a Java "Caused by:" line under a stack, as a Spring application logs a mail failure."""
    return ("org.springframework.mail.MailSendException: Failed messages: see below\n"
            "\tat org.springframework.mail.javamail.JavaMailSenderImpl.doSend(JavaMailSenderImpl.java:491)\n"
            f"Caused by: javax.mail.MessagingException: {text}\n"
            "\tat com.sun.mail.smtp.SMTPTransport.issueCommand(SMTPTransport.java:2374)\n"
            "\t... 12 more")


def json_record(text: str) -> str | None:
    """The text JSON-encoded in a structured log record (its line ends and quotes escaped)."""
    return json.dumps({"level": "error", "ts": "2024-03-02T10:11:12Z", "logger": "mailer", "msg": text})


def python_repr(text: str) -> str | None:
    """The text as a Python string's repr in a log line ('...\\n...', quotes escaped)."""
    return f"ERROR [mailer] {text!r}"


def bytes_repr(text: str) -> str | None:
    """The text as Python prints bytes read off a socket (b'...\\r\\n...', as smtplib's (535, b'...') shows a
    reply): CRLF line ends escaped, non-ASCII as \\xNN."""
    return f"ERROR [mailer] {text.replace(chr(10), chr(13) + chr(10)).encode()!r}"


def html_escaped(text: str) -> str | None:
    """The text HTML-escaped as a web page or a PHP application prints it."""
    result = html.escape(text, quote=True).replace("&#x27;", "&#39;")
    return result if result != text else None


def noise_lines(text: str) -> str | None:
    """An unrelated log line of the same program before and after."""
    return f"2024-03-02 10:11:11 INFO starting worker pid=4411\n{text}\n2024-03-02 10:11:13 INFO worker idle"


# The lines of no failure a Postfix or Dovecot writes around every session: a client's connect and the
# check of its name, another session's end.
_POSTFIX_AROUND = (
    "Mar  3 09:14:20 mx postfix/smtpd[4420]: connect from dsl-198-51-100-23.example.net[198.51.100.23]",
    "Mar  3 09:14:25 mx postfix/smtpd[4431]: disconnect from mx.example.net[203.0.113.9] ehlo=1 mail=1 rcpt=1 "
    "data=1 quit=1 commands=5",
)
_DOVECOT_AROUND = (
    "Mar  3 09:14:20 mx dovecot: imap-login: Login: user=<bob@example.net>, method=PLAIN, rip=203.0.113.9, "
    "lip=192.0.2.1, mpid=4419, TLS, session=<a1b2c3d4>",
    "Mar  3 09:14:25 mx dovecot: imap(bob@example.net)<4419><a1b2c3d4>: Disconnected: Logged out in=84 out=651",
)


def server_log_context(text: str) -> str | None:
    """A Postfix or Dovecot log with the same server's lines of other, healthy sessions around it."""
    low = text.lower()
    around = _POSTFIX_AROUND if "postfix/" in low else _DOVECOT_AROUND if "dovecot" in low else None
    return None if around is None else f"{around[0]}\n{text}\n{around[1]}"


def syslog_prefixed(text: str) -> str | None:
    """Each line as syslog or journald prints a program's line ("Dec  3 10:11:12 host app[123]: ")."""
    return "\n".join("Dec  3 10:11:12 mailhost app[1234]: " + line for line in text.split("\n"))


PERTURBATIONS: dict[str, Callable[[str], str | None]] = {
    "other-names": other_names,
    "wrap-72": wrap_72,
    "wrap-80": wrap_80,
    "joined-lines": joined_lines,
    "quote-marks": quote_marked,
    "code-fence": code_fence,
    "in-quotes": in_quotes,
    "sentences": with_sentences,
    "curly-quotes": curly_quotes,
    "dashes": dashes,
    "nbsp": no_break_spaces,
    "zero-width": zero_width_space,
    "crlf": crlf,
    "tabs": tabs,
    "trailing-spaces": trailing_spaces,
    "log-prefix": log_prefixed,
    "log-unprefixed": log_unprefixed,
    "lower-case": lowered,
    "syslog-prefix": syslog_prefixed,
    "python-traceback": python_traceback,
    "java-caused-by": java_caused_by,
    "json-record": json_record,
    "python-repr": python_repr,
    "bytes-repr": bytes_repr,
    "html-escaped": html_escaped,
    "noise-lines": noise_lines,
    "server-log-context": server_log_context,
}

"""Server replies, wherever they stand: SMTP, IMAP and POP3 reply lines, and replies quoted
inside a client's message or a pasted log.

The probes parse the lines a server sent (:func:`parse_smtp_reply`, :func:`parse_imap_line`,
:func:`parse_pop3_line`); ``explain`` finds the most specific reply anywhere in a pasted text
(:func:`parse_reply`): a reply code after a client's prefix, an enhanced status code alone,
an IMAP or POP3 refusal, across wrapped lines. What a reply means comes from the IANA
registry of enhanced status codes (``data/status-codes.yaml``) and the reply classes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mailexpert import knowledge, rulecache
from mailexpert.classify import clean_text
from mailexpert.wordfold import GAP, caseless, fold, needles

# --------------------------------------------------------------------------- replies

_SMTP_LINE = re.compile(r"^(\d{3})([ -]?)(.*)$")
_ENHANCED = re.compile(r"^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)")
_IMAP_LINE = re.compile(r"^(\*|[A-Za-z0-9._-]+)\s+(OK|NO|BAD|BYE|PREAUTH)\b\s?(.*)$", re.IGNORECASE)
_POP3_LINE = re.compile(r"^(\+OK|-ERR)\b\s?(.*)$", re.IGNORECASE)
_BRACKET = re.compile(r"^\[([^\]]*)\]\s?(.*)$")
# smtplib's exception form: SMTPAuthenticationError: (535, b'5.7.8 Username ...'). Its code is a reply's
# (RFC 5321 4.2: 2xx-5xx); an OSError's repr has the same shape with an errno in it -- urllib3's and
# requests' "('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))", Python's
# TimeoutError(110, ...) and ConnectionRefusedError(111, ...) -- which is no reply.
_SMTPLIB_FORM = re.compile(r"\(([2-5][0-5]\d),\s*b?(['\"])(.*)\2\)", re.DOTALL)
# A server's reply line: a code, then a space, a dash or the line's end.
_REPLY_FIRST = re.compile(r"[2-5]\d\d(?:[ \t-]|$)", re.MULTILINE)

SMTP_STATUS = {"2": "positive", "3": "intermediate", "4": "transient", "5": "permanent"}
IMAP_STATUS = {"OK": "positive", "PREAUTH": "positive", "NO": "no", "BAD": "bad", "BYE": "bye"}
POP3_STATUS = {"+OK": "positive", "-ERR": "err"}

#: Response codes that mean "try again later", not "wrong credentials" (RFC 5530, RFC 3206).
TEMPORARY_CODES = frozenset({"UNAVAILABLE", "INUSE", "LIMIT", "SYS/TEMP", "IN-USE", "LOGIN-DELAY"})


@functools.cache
def status_codes() -> dict[str, Any]:
    """The registry of status meanings (mailexpert/data/status-codes.yaml)."""
    table: dict[str, Any] = rulecache.data_file(Path(__file__).parent / "data" / "status-codes.yaml")
    return table


def vendor_detail(enhanced: str) -> dict[str, Any] | None:
    """What a vendor documents for an enhanced status code the registry lacks (Microsoft 365's
    5.7.708), exactly or by a documented range ("5.7.700-749"); None when no vendor does."""
    table: dict[str, dict[str, Any]] = status_codes().get("vendor_details") or {}
    if enhanced in table:
        return table[enhanced]
    prefix, _, detail = enhanced.rpartition(".")
    for key, row in table.items():
        first, dash, last = key.rpartition(".")[2].partition("-")
        if dash and key.rpartition(".")[0] == prefix and int(first) <= int(detail) <= int(last):
            return row
    return None


def status_meaning(reply: dict[str, Any]) -> str | None:
    """What a failing reply's status says by itself: the registered meaning of its enhanced
    status code, else the meaning of its SMTP reply class, else of the IMAP/POP3 response;
    None for replies that are not failures."""
    table = status_codes()
    status = reply.get("status")
    if status in ("positive", "intermediate", None):
        return None
    enhanced = reply.get("enhanced")
    if enhanced:
        _, subject, detail = enhanced.split(".")
        kind = table["subjects"].get(subject, table["subjects"]["0"])
        known = table["details"].get(f"{subject}.{detail}")
        if known is None and (vendor := vendor_detail(enhanced)):
            return f"{enhanced}: {vendor['meaning']} ({vendor['vendor']}); {kind['what']}"
        return f"{enhanced}: {known['meaning'] if known else kind['meaning']}; {kind['what']}"
    code = reply.get("code")
    if code:
        digits = str(code)
        klass = table["reply_classes"].get(digits[0])
        category = table["reply_categories"].get(digits[1])
        if klass:
            return f"{code}: {klass['meaning']}" + (f", about {category['meaning']}" if category else "")
    key = {"no": "imap-no", "bad": "imap-bad", "bye": "imap-bye", "err": "pop3-err"}.get(str(status))
    if key:
        return str(table["responses"][key]["meaning"])
    if status in ("transient", "permanent"):
        return str(table["classes"]["4" if status == "transient" else "5"]["meaning"])
    return None


def status_reading(reply: dict[str, Any]) -> str | None:
    """What a failing reply's code alone shows (``reading`` of its registry row, e.g. RFC 7372's
    5.7.25 client-ip-reverse-dns, or of its vendor row where the registry has no entry for the
    code, e.g. client-ip-refused); None otherwise."""
    enhanced = reply.get("enhanced")
    if not enhanced or reply.get("status") in ("positive", "intermediate", None):
        return None
    _, subject, detail = enhanced.split(".")
    registered = status_codes()["details"].get(f"{subject}.{detail}")
    row = registered if registered is not None else vendor_detail(enhanced)  # the registry's word first
    reading: str | None = row.get("reading") if row else None
    return reading


def status_fields(reply: dict[str, Any]) -> dict[str, Any]:
    """The fields a reply's status gives its fact: ``meaning`` always, ``reading`` where the registry or a vendor
    gives one for its code, else where the server's words say it (:func:`words_reading`)."""
    reading = status_reading(reply)
    if reading is None and reply.get("status") in FAILING:
        reading = words_reading(str(reply.get("text") or ""))
    return {"meaning": status_meaning(reply), **({"reading": reading} if reading else {})}


#: What may stand between a ``begins`` row's start and the words: the enhanced code a reply's text begins with.
_WORDS_AFTER_CODE = r"(?:[245]\.\d{1,3}\.\d{1,3}\s+)?"


@functools.cache
def _worded_readings(path: Path | None = None) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The servers' words that say what their refusal is about where its codes do not (the rows of
    data/server-replies.yaml with a ``reading``), each as a pattern over the folded reply text: found where a
    word starts, or for a ``begins`` row where the server's message does. Read from the table itself, not
    :func:`server_replies`, whose rows are checked by parsing their codes (which asks this)."""
    rows = rulecache.data_file(path or SERVER_REPLIES_FILE)["replies"]
    out = []
    for row in rows:
        if row.get("reading"):
            body = r".{1,200}?".join(re.escape(part.strip()) for part in str(row["match"]).split(GAP.strip()))
            start = r"(?:^|[:'\"`(\[<>])\s*" + _WORDS_AFTER_CODE if row.get("begins") else r"(?<![a-z0-9])"
            out.append((re.compile(start + body), str(row["reading"])))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def words_reading(text: str) -> str | None:
    """What a failing reply's words say it is about (server.reply ``reading``: auth-required, sender-address,
    client-ip-refused ...) where a server's own wording of data/server-replies.yaml says it, with its codes or
    without them; None otherwise."""
    low = fold(text)
    return next((reading for pattern, reading in _worded_readings() if pattern.search(low)), None)


def parse_smtp_reply(lines: Sequence[str]) -> dict[str, Any]:
    """Fields of a ``server.reply`` for one (possibly multi-line) SMTP reply."""
    return dict(_parsed_smtp_reply(tuple(lines)))


# A log repeats the same reply on many lines: each reply's content is parsed once.
@functools.lru_cache(maxsize=4096)
def _parsed_smtp_reply(lines: tuple[str, ...]) -> dict[str, Any]:
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
    reply = {
        "protocol": "smtp",
        "status": SMTP_STATUS.get(str(code)[0], "permanent"),
        "code": code,
        "enhanced": enhanced,
        "text": clean_text(" ".join(t for t in texts if t)),
    }
    reply |= status_fields(reply)
    return reply


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
    code, _text = _response_code(m.group(3))
    reply = {
        "protocol": "imap",
        "status": IMAP_STATUS[m.group(2).upper()],
        "response_code": code,
        "text": clean_text(line.strip("\r\n")[len(m.group(1)) :].strip()),
        "tagged": m.group(1) != "*",
    }
    reply |= status_fields(reply)
    return reply


def parse_pop3_line(line: str) -> dict[str, Any]:
    """Fields of a ``server.reply`` for one POP3 ``+OK`` / ``-ERR`` line."""
    m = _POP3_LINE.match(line.strip("\r\n"))
    if not m:
        return {}
    code, _ = _response_code(m.group(2))
    reply = {
        "protocol": "pop3",
        "status": POP3_STATUS[m.group(1).upper()],
        "response_code": code,
        "text": clean_text(line.strip("\r\n")),
    }
    reply |= status_fields(reply)
    return reply


#: Longest pasted text read for replies: a reply is found in the first and last part of a huge paste.
MAX_SCAN = 1_000_000
#: Longest line looked at: a reply line is short; longer lines are cut, never scanned whole.
MAX_LINE = 4000

# A reply code inside a line: after the start, a space, a quote, a colon or a bracket (a
# client's prefix such as "SMTP ERROR: Password command failed: ", an MTA log's "said: ",
# a debug log's "S: " or "<= '"), never inside a number, an address, a path or a port
# ("port 587", "host:465"), and followed by a continuation dash or by words.
_SMTP_IN_LINE = re.compile(
    # The first digit comes first so that the scan can skip ahead to digits; the lookbehinds
    # then check what stands before it. Not the milliseconds of a log line's time ("13:20:10,459 -
    # root - ERROR ..."): Python's logging writes them after a comma (Lib/logging/__init__.py,
    # default_msec_format '%s,%03d'), as log4j's and Logback's ISO8601 layouts do. Not a source line
    # number either: PHP writes its errors and warnings "... in FILE on line N" (php-src main/main.c,
    # php_error_cb), which a webmail's log then follows with its request ("on line 211 (POST /?_task=...)").
    # Not the count a rate limit names either: "limit of 400 rcpts per 24 hours" (a provider's policy reply,
    # deltachat/deltachat-core#647) is a number of recipients, the reply's code stands before it. Nor a key size:
    # the JDK's DH key generator under "Could not generate DH keypair" says "Prime size must be multiple of 64, and
    # can only range from 512 to 1024 (inclusive)" (com.sun.crypto.provider.DHKeyPairGenerator.initialize, as
    # the stack traces under that error quote it), whose "512 to ..." is no reply 512.
    # Chinese and Japanese put no space between words, so a code right after their text ("邮件投递失败550 Mail
    # content denied", PMail logs "%v 邮件投递失败%+v" with the reply, Jinnrry/PMail:server/utils/send/send.go doSend) stands on its own;
    # Python's \w holds those scripts, so they are taken out of the word characters the code may not follow.
    r"([2-5])(?<![^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][2-5])(?<![.:/\\@#%+\-][2-5])(?<!:\d\d,[2-5])(?<!port [2-5])(?<!port: [2-5])(?<!port = [2-5])(?<!errno [2-5])"
    r"(?<!on line [2-5])(?<!limit of [2-5])(?<!range from [2-5])"
    # Nor the code a client says it waited for: "Expected response code 220 but got ..." (SwiftMailer's and Symfony
    # Mailer's assertResponseCode, swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php,
    # symfony/mailer:Transport/Smtp/SmtpTransport.php), "expected 220, got ...": the server's reply is what the
    # client got after it, however it printed that (an SSH server's "SSH-2.0-..." has no code at all).
    r"(?<!(?i:expected) [2-5])(?<!(?i:expecting) [2-5])(?<!(?i:wanted) [2-5])(?<!(?i:expected) code [2-5])"
    r"(?<!(?i:expected response code) [2-5])(?<!(?i:wanted response code) [2-5])(?<!(?i:expected reply code) [2-5])"
    # MailKit writes "535: 5.7.3 ...": a colon after the code only before an enhanced code. A reply
    # may open with the client's IPv4 address (Exim's SPF ACL: "550 ADDR is not allowed to send mail
    # from DOMAIN"; a provider's "554 ADDR is listed ..."): digits after the code only as one. A code
    # that is a key's value with the log's next key after it is the log's status field, not a reply
    # (msmtp's log line: "smtpstatus=535 smtpmsg='535-5.7.8 ...'", marlam/msmtp:src/msmtp.c,
    # msmtp_log_to_file): the reply is the quoted value that follows. Yahoo's MTAs put a number of their own
    # between the code and its words ("552 1 Requested mail action aborted, mailbox not found", "554 30 Sorry,
    # your message ... cannot be delivered", as sisimai/go-sisimai:rhost/for-yahooinc.go quotes both): one or two
    # digits, then a capitalised word and another, as words begin, not a count ("421 3 messages"). Nor a size in
    # bytes or octets: openssl s_client's summary "SSL handshake has read 4512 bytes and written 400 bytes"
    # (openssl/openssl:apps/s_client.c print_stuff), a POP3 client's "(550 octets)" (RFC 1939 LIST and RETR sizes).
    r"(?<!code: [2-5])([0-5]\d)(?!\d)(?![ \t]+(?i:bytes|octets)\b)(?!(?<==[2-5][0-5]\d)[ \t]+[\w-]{1,40}=)(?:(-)|[ \t]+(?:-[ \t]+)?(?=[^\s\d,;)\]}]|\d\.\d|\d{1,3}(?:\.\d{1,3}){3}[ \t]+[^\W\d_]|\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+[a-z]{2})"
    r"|:[ \t]+(?=[245]\.\d{1,3}\.\d))(.*)$",
    re.MULTILINE)
# A code a library or a mail program labels as the server's message or error (node sendmail's "SMTP
# code:530 msg:530 SMTP authentication is required.", "SMTP error 553: ...", a mail program's or an
# ISP's "Error 554: Relay Access Denied"): the label's colon or equals sign, which the in-line form
# takes for part of a time or an address, stands before or after it. Not "HTTP Error 503: ..."
# (Python's urllib.error.HTTPError, a web request's status).
# (Blanks on one side of the separator only when there is one: two runs of blanks side by side
# would try every split of a long run.)
_SMTP_LABELLED = re.compile(
    r"(?:\bmsg|\bmessage|\b(?:smtp )?(?<!http )error)[ \t]*(?:[:=][ \t]*)?([2-5])([0-5]\d)(?!\d)(?:(-)|:?[ \t]+)(?=[^\s\d,;)\]}])(.*)$",
    re.IGNORECASE | re.MULTILINE)
# A code at the end of a line after "failed: " / "code " / "said: " / "responded: " (curl's "RCPT
# failed: 554"; a Postfix bounce's "host X said: 530" whose words wrap onto the next, indented line;
# Outlook's "Server responded: 530" whose words a web page wrapped onto the next line). The code may
# stand in the quotes of a string a log printed: JSON's and PHP's double ones, a Python repr's or PHP's
# single ones ("'curl: (8) Got unexpected smtp-server response: 421'"). A library's label for the reply it
# quotes whole ends the same way when the server sent a code without words: nodemailer's "Can't send mail -
# all recipients were rejected: %s" and "Invalid login: %s" (nodemailer/nodemailer:lib/smtp-connection/
# index.js, the response after the colon).
_SMTP_AT_END = re.compile(r"(?:failed:|code:?|response:|said:|responded:|rejected:|invalid login:)[ \t]*[\"']?([2-5][0-5]\d)[\"']?[ \t]*$",
                          re.IGNORECASE | re.MULTILINE)
# Exchange's non-delivery report quotes the remote server's reply inside its own summary: "Remote
# Server returned '554 5.7.0 < #5.7.133 smtp;550 5.7.133 RESOLVER.RST...; authentication required;
# ...>'" (Microsoft's NDR pages show this form). The outer code is Exchange's class of the failure;
# the reply after "smtp;" is what the refusing server said, and the one read.
_NDR_INNER = re.compile(r"<[ \t]*#[245]\.\d{1,3}\.\d{1,3}[ \t]+smtp;[ \t]*([2-5][0-5]\d)([ -])(.*?)>?'?[ \t]*$",
                        re.IGNORECASE | re.MULTILINE)
# A code in parentheses after a library's words about the reply (PEAR Net_SMTP through Roundcube:
# "Invalid response code received from server (535)"; Rust lettre: "permanent error (535)",
# "transient error (421)"): the words before it are the library's, not the server's.
_SMTP_PAREN = re.compile(r"\b(?:code|reply|response|(?:permanent|transient) error)\b[^\n()]{0,60}\(([2-5][0-5]\d)\)",
                         re.IGNORECASE)
# What follows such a code after a colon is the server's own message: lettre 0.10 and later write the
# reply's text after its code ("permanent error (535): 5.7.8 Username and Password not accepted ...",
# lettre/lettre:src/transport/smtp/error.rs, Display: the kind, then ": " and the response's message).
_PAREN_MESSAGE = re.compile(r":[ \t]+(?=[^\s\d,;)\]}]|[245]\.\d)([^\n]*)")
# A server's structured log of the reply it sent, as key=value pairs: Mox (mjl-/mox:smtpserver/server.go,
# xbwritecodeline: "smtp command result" with the error, then kind, cmd, code and ecode; mlog/log.go
# writes them as logfmt, 'l=debug m="smtp command result" err="bad user/pass" pkg=smtpserver ...
# code=535 ecode=5.7.8', or as 'debug: smtp command result: bad user/pass; pkg=smtpserver; ...;
# code=535; ecode=5.7.8'). The reply's words are the err value, which stands before the code: the
# text after "code=" is the log's other keys, never the reply.
_KV_CODE = re.compile(r"(?:^|[ \t;])code=([2-5])([0-5]\d)(?=[ \t;]|$)", re.MULTILINE)
_KV_ECODE = re.compile(r"(?:^|[ \t;])ecode=([245]\.\d{1,3}\.\d{1,3})?(?=[ \t;]|$)")
_KV_ERR = re.compile(r"""(?:^|[ \t])err=(?:"((?:[^"\\\n]|\\.){1,500})"|([^\s"]{1,200}))""")
_KV_ERR_AFTER_MESSAGE = re.compile(
    r"(?:^|: )(?:trace\w*|debug|info|warn|error|fatal|print): [^:;\n]{1,200}: ([^;\n]{1,500}); [\w.]+=")
# Words: a reply's text that holds none ("553 5.7.1)") says nothing by itself.
_WORD = re.compile(r"[^\W\d_]{2}")
# A quoted code: "got code \"535\", with message \"...\"" (Symfony/SwiftMailer); the message is cut by
# :func:`_quoted_message`, in Python: a regular expression that pairs the reply's own quotes and looks
# for the closing one at the line's end takes time growing with the square of a line of quotes.
_SMTP_QUOTED = re.compile(r"got code \"([2-5][0-5]\d)\"(, with message \")?", re.IGNORECASE)
# What may follow the quote that closes the message on its line: Symfony's '".', a wrapping
# exception's own quote or bracket.
_AFTER_CLOSING = frozenset(".)\"']")
# An enhanced status code alone (.NET: "The server response was: 5.7.57 ...", MailKit): not in a
# version number, an address or a dotted quad; not a log's key=value (Mox's "ecode=5.5.1", whose
# words are its err key's, read with them or not at all).
_ENHANCED_ALONE = re.compile(
    r"(?<![\w.:/\-=])(?<!version )(?<!v)([245])\.([0-7])\.(\d{1,3})(?![\w.]|\.\d)[ \t]+(?=\S)(.*)$",
    re.IGNORECASE | re.MULTILINE)
# A status in lower case (IMAP's atoms are case-insensitive, RFC 9051 section 9: a user retyping a reply may not keep
# its capitals) only where a response code's bracket follows it: "1 no such user" is a sentence, "a1 no [cannot]" none.
_IMAP_IN_LINE = re.compile(
    r"(?:^|(?<=[\s'\"(:>\[]))(\*|[A-Za-z]{0,4}\d{1,6}[A-Za-z0-9.]{0,6})[ \t]+"
    r"(OK|NO|BAD|BYE|PREAUTH|(?i:ok|no|bad|bye|preauth)(?=[ \t]\[))\b[ \t]?(.*)$", re.MULTILINE)
# A status in lower case on a line that lost all its capitals (a reply a user retyped or lowered whole; IMAP's atoms
# are case-insensitive, RFC 9051 section 9) where the tag says it is IMAP's: an untagged "* bye" (no sentence nor
# list item opens so), or a tag of letters then digits ("a1 no ...", "b00000000 bad ...", as clients number their
# commands), which no word of a sentence is; at the line's start, after a transcript's direction ("s: ", "<< ") or a
# quote (a client quoting the greeting it could not read: "welcome message: '* bye fatal error ..."). Not
# a tag of digits alone: "1 no such user" is a sentence.
_IMAP_LOWERED = re.compile(r"^(?=[^A-Z\n]*$)(?:[ \t]*(?:[^\s:]{1,20}:[ \t]+|<<?[ \t]+)?|[^\n]{0,200}?['\"])(?:(\*)[ \t]+(bye)|([a-z]{1,4}\d{1,9})[ \t]+(no|bad|bye))[ \t]+(.*)$",
                           re.MULTILINE)
# Python imaplib's exception: the server's NO/BAD text without its tag and status. Its class's name in any case: a
# user retyping it may not keep its capitals, and "imap4.error: b'" is no sentence's.
_IMAPLIB_FORM = re.compile(r"(?i:IMAP4(?:_SSL)?\.(?:error|abort|readonly)): b?(['\"])(.+)\1[ \t]*$", re.MULTILINE)
# Ruby's net/imap raises the server's tagged NO or BAD, or its BYE, as an exception named for
# it, with the response's text (its code dropped): "Net::IMAP::NoResponseError: LOGIN failed."
# (The class's name in any case: a user retyping it may lower it, and no sentence holds it.)
_RUBY_IMAP_FORM = re.compile(r"(?i:Net::IMAP::(No|Bad|Bye)ResponseError): (.+)$", re.MULTILINE)
# imap_tools (Python) raises a command's NO or BAD as UnexpectedCommandStatusError and its kin
# (MailboxLoginError, ...), with imaplib's data as a list of bytes: 'Response status "OK" expected,
# but "NO" received. Data: [b'LOGIN failed.']' (ikvk/imap_tools:imap_tools/errors.py).
_IMAP_TOOLS_FORM = re.compile(
    r"Response status \"OK\" expected, but \"(NO|BAD)\" received\. Data: \[b?(['\"])(.+?)\2\]?[ \t]*$", re.MULTILINE)
# K-9 / Thunderbird for Android: "[NO, AUTHENTICATE mechanism not supported]"; a response code
# is a nested list item: "[NO, [ALERT], Too many simultaneous connections. (Failure)]".
# An IMAP response code (RFC 5530) a library quotes without the status before it (JavaMail's
# AuthenticationFailedException, offlineimap): "[AUTHENTICATIONFAILED] Invalid credentials".
# Only the codes a refusal carries: a log's "[auth]" tag is not one. A response code is an atom, and IMAP's atoms
# are case-insensitive (RFC 9051 section 9, "all alphabetic characters are case-insensitive"): servers send them in
# upper case, a user who retypes the error may not. The codes of several words run together are no word nor log tag
# in any case; the codes that are words (UNAVAILABLE, EXPIRED, LIMIT, INUSE, CANNOT) are read in upper case only.
_IMAP_CODE_ALONE = re.compile(
    r"\[((?i:AUTHENTICATIONFAILED|AUTHORIZATIONFAILED|PRIVACYREQUIRED|CONTACTADMIN|SERVERBUG|OVERQUOTA|WEBALERT)|"
    r"UNAVAILABLE|EXPIRED|LIMIT|INUSE|CANNOT)(?: [^\]]*)?\][ \t]?(.*)$", re.MULTILINE)
# Those codes that are words in lower case too on a line with no capital: a text lowered whole (a user who retyped
# it so, "imapclient.exceptions.loginerror: b'[cannot] password logins are disabled ..."), where a log's tag would
# not stand alone in lower case among words that lost their capitals too.
_IMAP_WORD_CODE_LOWERED = re.compile(
    r"^(?=[^A-Z\n]*$)[^\n]*?\[(unavailable|expired|limit|inuse|cannot)(?: [^\]\n]*)?\][ \t]?(.*)$", re.MULTILINE)
# A POP3 response code (RFC 2449 section 8, RFC 3206) a mail program quotes without the "-ERR" before it
# (Thunderbird's POP3 alert: " Mail server HOST responded: " and the text after the status,
# mozilla/releases-comm-central:mailnews/local/src/Pop3Client.sys.mjs, _actionError with res.statusText):
# the codes that say the refusal is not the password's. Servers send them in upper case; a user who retypes the
# error may not (Evolution's "Error sending password: -ERR [SYS/TEMP] ..." retyped as "err[sys/temp] service
# temporarily unavailable"): these four are no log's tag in any case, their "/" or "-" inside the brackets.
_POP3_CODE_ALONE = re.compile(r"\[((?i:SYS/TEMP|SYS/PERM|IN-USE|LOGIN-DELAY))\][ \t]?(.*)$", re.MULTILINE)
#: What each of its codes starts with, in lower case: a line that holds none in any case holds no such code.
_POP3_CODE_STARTS = ("[sys/", "[in-use]", "[login-delay]")
# An IMAP status whose tag the client dropped ("NO [ALERT] Your account is not enabled for IMAP
# use.", "Error: NO LOGIN failed."): upper case, at the start of a line or after ": " or a quote. Not in
# a line shouted whole ("NO COMPATIBLE AUTHENTICATION MECHANISM WAS FOUND", a message retyped in capitals):
# there "NO" is a word of the sentence, unless a response code in brackets follows it. In lower case (a reply
# retyped: IMAP's atoms are case-insensitive, RFC 9051 section 9) only before a response code's bracket, as above.
_IMAP_UNTAGGED = re.compile(r"(?:^|(?<=: )|(?<=[\"']))(NO|BAD|BYE|(?i:no|bad|bye)(?= \[)) (?=\[|[A-Z](?=[^\n]*[a-z]))(.*)$",
                            re.MULTILINE)
# MailKit's ImapCommandException: "The IMAP server replied to the 'SELECT' command with a 'NO'
# response: Mailbox doesn't exist: INBOX".
_IMAP_MAILKIT = re.compile(r"replied to the '[^']*' command with an? '(NO|BAD)' response(?:: (.*))?$", re.MULTILINE)
# imap-next's tasks (the IMAP layer under pimalaya's imap-client and Himalaya) raise a command's NO or BAD as
# "unexpected NO response: <the server's text>" (duesee/imap-next:tasks/src/tasks/mod.rs, TaskError
# UnexpectedNoResponse, UnexpectedBadResponse): the server answered, in its status's capitals. (Not "no response:"
# in lower case, any program's words for an answer that never came.)
_IMAP_NEXT_FORM = re.compile(r"\bunexpected (NO|BAD) response: (.+)$", re.MULTILINE)
_IMAP_K9 = re.compile(r"\[(NO|BAD|BYE), (?:\[?([A-Z][A-Z0-9-]*)\]?, )?([^\]]*)\]")
# The same response retyped by hand from K-9's error dialog, as its users report it in issue titles and
# bodies: its "#tag#" kept, the case and the brackets lost ("Authenticate plain; response#1#no,
# authenticationfailed,mbr1212", thunderbird/thunderbird-android#1742; "command continuation aborted #2# no,
# authentication mechanism not supported, mate", k9mail/k9mail.app#80). Only after K-9's "#tag#", which no
# server writes; a response code that lost its brackets is known by the codes a refusal carries (RFC 5530).
_IMAP_K9_RETYPED = re.compile(
    r"#\d{1,6}#[ \t]*\[?(no|bad|bye),[ \t]*(?:\[?(authenticationfailed|authorizationfailed|unavailable|alert|"
    r"limit|inuse|overquota|contactadmin|privacyrequired|expired)\]?[ \t]*,[ \t]*)?([^\]\n]*)", re.IGNORECASE)
# node-imap (mscdex/node-imap:lib/Connection.js, _resTagged) throws a tagged NO or BAD as an Error whose
# message is the server's text, with the status and the response code as properties that Node prints
# after the stack: "Error: LOGIN Server error - Please try again later / at ... { / type: 'no', /
# textCode: 'UNAVAILABLE', / source: 'authentication'". The stack's lines stand between (a pasted
# text's indented lines may have been joined to the line before them): the properties are found first,
# then the message on the nearest "Error:" line above them.
_NODE_IMAP_CODE = re.compile(r"\btype: '(no|bad)',\s*textCode: '([A-Z][A-Z0-9/-]*)'")
_NODE_IMAP_MESSAGE = re.compile(r"[ \t]*(?:\w+: )?\w*Error: (.+)")
#: Lines of stack between node-imap's message and its properties; properties read per text.
MAX_NODE_STACK, MAX_NODE_ERRORS = 40, 20
# POP3's status in any case (RFC 1939 section 3: "+OK" and "-ERR", which a user retyping the reply may lower): a
# sign before the word is in no sentence.
_POP3_IN_LINE = re.compile(r"(?:^|(?<=[\s'\"(:>\[]))((?i:\+OK|-ERR))\b[ \t]?(.*)$", re.MULTILINE)
#: The forms read in any case whole (imaplib's and net/imap's class names, POP3's status): their lines are those
#: that hold their strings in any case (_Scan.first_per_line's anycase), not a list of the cases a user may type.
_CASE_BLIND_FORMS = frozenset({_IMAPLIB_FORM, _RUBY_IMAP_FORM, _POP3_IN_LINE})
_QUOTE_TAIL = re.compile(r"""(?:\\n|\\r|\\?['"`]\s*(?:\+|,|\)|;|\}|\])?|\s+)+$""")
_NEXT_KEY = re.compile(r"""(?<!\\)['"](?=[ \t]+[A-Za-z_][\w.-]{0,40}=)""")
_ESCAPE_TAIL = re.compile(r"(?:\\n|\\r|\\|\s)+$")
# A line break a log wrote escaped inside one quoted string: Go's %q and logfmt ("\n"), JSON log
# lines ("\n", "\r\n"), Python's reprs (b'...\r\n'), and JSON that quotes such a line again
# (Docker's json-file log of a JSON line: "\\n"). Bounded: at most two backslashes are looked at.
_ESCAPED_NEWLINE = re.compile(r"\\{1,2}r\\{1,2}n|\\{1,2}n|↵")
# A Windows path, whose backslashes are no escapes ("C:\new\file", JSON's "C:\\Users\\nick"): one
# that begins with a drive, or a run of path segments that ends with a file's extension (a Node
# stack frame's "...\\node_modules\\nodemailer\\lib\\index.js:774:19"). Only at the start of a
# word, so each character is looked at from few starts.
_WINDOWS_PATH = re.compile(
    r"(?<![\w\\])[A-Za-z]:(?:\\{1,2}[\w.$~+-]{1,255}){1,64}"
    r"|(?<![\w.$~+\\-])(?:[\w$~+-][\w.$~+-]{0,254}\\{1,2}){2,64}[\w$~+-]{1,255}\.[A-Za-z]\w{0,4}(?![\w\\])")
# Where a line break was escaped, in the scanned text's copy (one character for one).
_ESCAPED_MARK = "\x1e"
# Each alternative of _WINDOWS_PATH up to its first backslash, which stands at most 255 characters
# after the path's start: a path starts only before a run of backslashes (_BACKSLASH_RUN: each
# within 255 characters of the next), and a megabyte with few of them is not scanned from every word.
_WINDOWS_PATH_HEAD = re.compile(r"(?<![\w\\])[A-Za-z]:\\|(?<![\w.$~+\\-])[\w$~+-][\w.$~+-]{0,254}\\")
_BACKSLASH_RUN = re.compile(r"\\(?:[^\\]{0,255}\\)*")


def _windows_paths(text: str) -> Iterator[re.Match[str]]:
    """_WINDOWS_PATH.finditer(text), its matches looked for only where one may start (_WINDOWS_PATH_HEAD)."""
    at = 0
    for run in _BACKSLASH_RUN.finditer(text):
        start = max(at, run.start() - 255)
        while start < run.end():
            head = _WINDOWS_PATH_HEAD.search(text, start, run.end())
            if head is None:
                break
            path = _WINDOWS_PATH.match(text, head.start())
            if path is None:
                start = head.start() + 1
                continue
            yield path
            start = at = path.end()


def _unescape_lines(text: str) -> str:
    """``text`` with its escaped line breaks (_ESCAPED_NEWLINE) made _ESCAPED_MARK, save those in
    a Windows path (_WINDOWS_PATH)."""
    if "\\" not in text:
        return text.replace("↵", _ESCAPED_MARK)
    out: list[str] = []
    at = 0
    for path in _windows_paths(text):
        out += (_ESCAPED_NEWLINE.sub(_ESCAPED_MARK, text[at:path.start()]), path.group(0))
        at = path.end()
    out.append(_ESCAPED_NEWLINE.sub(_ESCAPED_MARK, text[at:]))
    return "".join(out)


class _Scan:
    """A pasted text prepared for scanning: escaped newlines (JSON, JavaScript, Python reprs)
    made real, a huge paste's middle left out, and a line index, so that each pattern runs
    once over the whole text (in C) instead of once per line."""

    def __init__(self, text: str) -> None:
        if len(text) > MAX_SCAN:
            text = text[: MAX_SCAN // 2] + "\n" + text[-MAX_SCAN // 2 :]
        # The text's own record separators (none in a paste) are not taken for escaped breaks.
        self.marked = _unescape_lines(text.replace("\r", "").replace(_ESCAPED_MARK, " "))
        self.text = self.marked.replace(_ESCAPED_MARK, "\n")
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        self.escapes = _ESCAPED_MARK in self.marked  # whether any line follows an escaped break
        self.words_memo: dict[tuple[Any, ...], str] = {}  # _words_around's, per distinct neighbourhood

    def escaped(self, line: int) -> bool:
        """Whether ``line`` follows a line break the log wrote escaped: it goes on the quoted
        string of the line before, whatever that line is."""
        return 0 < line < len(self.starts) and self.marked[self.starts[line] - 1] == _ESCAPED_MARK

    def line_of(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1

    def first_per_line(self, pattern: re.Pattern[str], needs: tuple[str, ...] = (),
                       anycase: tuple[str, ...] = ()) -> dict[int, re.Match[str]]:
        """The first match of ``pattern`` on each line; with ``needs``, only lines holding one
        of these strings are searched (a cheap filter for patterns that cannot skip ahead).
        With ``anycase`` (lower-case strings, for a case-blind pattern that cannot skip ahead and
        whose match never crosses a line break), only lines holding one of them in any case are
        searched, each whole and in place, so that the matches are those of a scan of the text."""
        found: dict[int, re.Match[str]] = {}
        if needs:
            lines = self.lines()
            for i in sorted(self._lines_holding(needs)):
                m = pattern.search(lines[i][:MAX_LINE])
                if m:
                    found[i] = m
            return found
        if anycase and self._folded is not None:
            text, starts = self.text, self.starts
            for i in sorted(self._lines_holding(anycase, self._folded)):
                m = pattern.search(text, starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(text))
                if m:
                    found[i] = m
            return found
        for m in pattern.finditer(self.text):
            found.setdefault(self.line_of(m.start()), m)
        return found

    def _lines_holding(self, needs: tuple[str, ...], text: str | None = None) -> set[int]:
        """The lines holding one of ``needs`` (in ``text``, the scanned text or its folded copy),
        found with str.find over the whole text (in C) and one jump to the next line per hit: a
        log of many lines costs no Python loop over each."""
        held: set[int] = set()
        text, starts = text if text is not None else self.text, self.starts
        for needle in needs:
            at = text.find(needle)
            while at >= 0:
                i = self.line_of(at)
                held.add(i)
                at = text.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1
        return held

    @functools.cached_property
    def _folded(self) -> str | None:
        return caseless(self.text)

    @functools.cached_property
    def _lines(self) -> list[str]:
        return self.text.split("\n")

    def lines(self) -> list[str]:
        return self._lines



_NEWLINE = re.compile(r"\n")
# The quote that opens a string holding a reply: right before the reply's code (logfmt's
# err="535 ...", msmtp's smtpmsg='535-...', JSON's "response": "535-...").
_STRING_OPENER = re.compile(r"""(['"])(?=[2-5]\d\d[ -])""")
_CLOSING = {"'": re.compile(r"(?<!\\)'"), '"': re.compile(r'(?<!\\)"')}


def _in_string(scan: _Scan, line: int, text: str) -> str:
    """``text``, of ``line``, cut where the quoted string it goes on closes, when the line
    follows a break the log escaped inside a string that opened before a reply's code: what
    follows the quote is the log's other keys ("' errormsg='authentication failed ...'"), never
    the reply. Unchanged otherwise."""
    if not scan.escaped(line):
        return text
    first = line
    while first > 0 and scan.escaped(first) and line - first <= MAX_CONTINUED:
        first -= 1
    opener = _STRING_OPENER.search(scan.lines()[first][:MAX_LINE])
    closing = _CLOSING[opener.group(1)].search(text) if opener else None
    return text[: closing.start()] if closing else text


@functools.lru_cache(maxsize=4096)  # a log repeats the same reply's words on many lines
def _tail(text: str) -> str:
    text = text[:MAX_LINE]
    # A quote followed by a log's next key closes the quoted value the reply was ("...gsmtp'
    # errormsg='authentication failed' exitcode=EX_NOPERM", msmtp's log line after its escaped
    # breaks were made real): the keys after it are the log's, never the server's words.
    closing = _NEXT_KEY.search(text)
    return _QUOTE_TAIL.sub("", text[: closing.start()] if closing else text).strip()


# The forms of an SMTP reply in a text, each with how its words are read and the strings (lower
# case) one of which a line needs for the form to match there, taken from the pattern itself
# (wordfold.needles; none for the in-line form, which skips ahead to digits).
_SMTP_FORMS = tuple((pattern, kind, needles(pattern)) for pattern, kind in (
    (_SMTP_PAREN, "paren"), (_SMTP_AT_END, "end"), (_SMTP_LABELLED, "in"), (_SMTP_IN_LINE, "in"),
    (_SMTP_QUOTED, "quoted")))


def _smtp_candidates(scan: _Scan) -> list[_Candidate]:
    """Every failing SMTP reply in the text, wherever it stands, continuation lines
    (``535-...``) joined to the reply they belong to; and the last other reply. Each is read
    when find_reply asks for it (see _Candidate.later)."""
    by_line: dict[int, tuple[int, str, str]] = {}  # line -> code, separator, rest
    unwrapped: set[int] = set()  # lines whose reply's words end where it stands (quoted) or stand elsewhere
    quoted: set[int] = set()  # lines whose reply's words end at the quote that closes them
    lines, starts = scan.lines(), scan.starts
    # A log repeats its lines: what a form's match says of its line (below, _read_match) depends on
    # nothing but that line's text, where the match stands in it and (a quoted message may go on
    # there) the next line's: it is read once per distinct one. The words a code alone stands
    # without (_words_around) depend on the lines around it and are read after, per line.
    read: dict[tuple[Any, ...], tuple[tuple[int, str, str] | None, str | None, bool, bool]] = {}
    for form, (pattern, kind, anycase) in enumerate(_SMTP_FORMS):
        for line, m in scan.first_per_line(pattern, anycase=anycase).items():
            at = starts[line]
            if m.end() - at <= len(lines[line]) and m.start(1) >= at:
                key = (form, lines[line], m.start() - at, m.start(1) - at, m.end() - at, m.groups(),
                       lines[line + 1] if kind == "quoted" and line + 1 < len(lines) else None)
                found = read.get(key)
                if found is None:
                    found = read[key] = _read_match(scan, line, m, kind)
            else:
                found = _read_match(scan, line, m, kind)
            entry, head, worded, closed = found
            if entry is None:  # a web request's status, not a mail server's reply
                by_line.pop(line, None)
                continue
            by_line[line] = entry
            unwrapped.discard(line)
            quoted.discard(line)
            if kind == "quoted":
                unwrapped.add(line)
                if closed:
                    quoted.add(line)
            if kind != "quoted" and not worded:
                unwrapped.add(line)
                code, sep, rest = entry
                words = _words_around(scan, line, m.start(1), kind, by_line)
                if not words and kind == "in" and head is None:
                    # No words elsewhere either: the reply's own text, however wordless (a firewall
                    # that masks an SMTP greeting sends "220 ****...**0*0*"), is what it said.
                    words = rest.strip()
                by_line[line] = (code, sep, f"{head.strip()} {words}" if head is not None else words)
    for line, m in scan.first_per_line(_KV_CODE, needs=("code=",)).items():
        kv = _key_value_reply(scan.lines()[line][:MAX_LINE], m)
        if kv is not None:
            by_line[line] = (int(m.group(1) + m.group(2)), " ", kv)
            unwrapped.add(line)  # the log's own line holds the whole reply
    for line, m in scan.first_per_line(_NDR_INNER, needs=("smtp;", "SMTP;")).items():
        if line in by_line:
            by_line[line] = (int(m.group(1)), m.group(2), m.group(3))
            quoted.discard(line)
    in_order = sorted((line, *item) for line, item in by_line.items())
    groups: list[list[tuple[int, int, str, str]]] = []
    for item in in_order:
        last = groups[-1][-1] if groups else None
        if last and item[1] == last[1] and last[2] == "-" and item[0] - last[0] <= 2:
            groups[-1].append(item)
        else:
            groups.append([item])
    keep = [g for g in groups if g[0][1] >= 400] or groups[-1:]

    def reply_of(g: list[tuple[int, int, str, str]]) -> dict[str, Any]:
        line, code, sep, rest = g[-1]
        # (Words that stood elsewhere, the next line's or those before the code, are all there is.)
        continued = _continued(scan, line, rest, by_line) if sep != "-" and line not in unwrapped else []
        # A reply in quotes that close on its line ends there.
        if not continued and sep != "-" and line not in unwrapped and not rest.rstrip().endswith(("'", '"', "`")):
            g = [*g[:-1], (line, code, sep, _wrapped_on(scan, line, _tail(rest), by_line))]
        # A quoted message is cut where its quotes close: a quote it ends with is the reply's own
        # (only the escapes of its line end go).
        return parse_smtp_reply([
            *(f"{c}{sep}{_ESCAPE_TAIL.sub('', rest) if i in quoted else _tail(_in_string(scan, i, rest))}"
              for i, c, sep, rest in g), *continued])

    return [_Candidate.later(g[-1][0], SMTP_STATUS.get(str(g[-1][1])[0], "permanent"), g[-1][1],
                             _enhanced_first(g[0][3]) if len(g) == 1 else any(_enhanced_first(item[3]) for item in g),
                             functools.partial(reply_of, g))
            for g in keep]


def _read_match(scan: _Scan, line: int, m: re.Match[str], kind: str
                ) -> tuple[tuple[int, str, str] | None, str | None, bool, bool]:
    """What a match of one of _SMTP_FORMS says of its ``line``: the reply's (code, separator, words)
    there (None for a web request's status, _web_status), the enhanced code its words begin with
    (not for a quoted message), whether words follow that (else they stand elsewhere:
    _words_around), and whether a quoted message's closing quote was found."""
    closed = False
    if kind == "quoted":
        # The quoted message may be the reply itself, first line of several
        # ("530-5.7.0 Authentication Required ..." whose "530 5.7.0 ..." follows).
        code, message = int(m.group(1)), ""
        if m.group(2):
            stop = scan.text.find("\n", m.end())
            stop = min(stop if stop >= 0 else len(scan.text), m.end() + MAX_LINE)
            message, closed = _quoted_message(scan.text[m.end():stop])
            lines = scan.lines()
            if (not closed and _CODE_ENDS_LINE.fullmatch(message.strip()) and line + 1 < len(lines)
                    and _wrapped_words(lines[line + 1])):
                # Wrapped right after the codes ('with message "530 5.7.1' / 'Authentication
                # required"'): the quoted words go on, to their closing quote, on the next line.
                more, closed = _quoted_message(lines[line + 1][:MAX_LINE])
                message = f"{message.strip()} {more.strip()}"
        own = re.match(rf"{code}([ -])(.*)", message)
        entry = (code, own.group(1), own.group(2)) if own else (code, " ", message)
    elif kind == "in":
        entry = (int(m.group(1) + m.group(2)), m.group(3) or " ", m.group(4))
    else:
        paren = _PAREN_MESSAGE.match(scan.text, m.end()) if kind == "paren" else None
        entry = (int(m.group(1)), " ", paren.group(1) if paren else "")
    if _web_status(*entry, _before(m)):
        return None, None, False, False
    if kind == "quoted":
        return entry, None, True, closed
    # (The words after the enhanced code the reply's text may begin with: one match of the head.)
    head = _ENHANCED_HEAD.match(entry[2])
    worded = bool(_WORD.search(entry[2], head.end() if head else 0))
    return entry, head.group(0) if head else None, worded, closed


def _quoted_message(rest: str) -> tuple[str, bool]:
    """The server's reply quoted in Symfony's or SwiftMailer's message (``rest``: the line after its
    opening quote), and whether the quote that closes it was found. The reply may hold quotes of its
    own ('550 5.7.1 Sender "a@b" not allowed'), in pairs, so the message ends at the first quote with
    an even number of quotes before it after which only closing marks stand to the line's end
    (Symfony's sprintf ends it with '".', symfony/symfony:src/Symfony/Component/Mailer/Transport/Smtp/
    SmtpTransport.php; a wrapping exception's own quote may follow); else at the first '".'; else
    (SwiftMailer keeps the reply's CRLF inside the quotes) at the first quote or the line's end."""
    rest = rest[:MAX_LINE]
    end = len(rest.rstrip(" \t"))
    tail = end
    while tail > 0 and rest[tail - 1] in _AFTER_CLOSING:
        tail -= 1
    quotes = rest.count('"', 0, tail)
    for at in range(tail, end):
        if rest[at] == '"':
            if quotes % 2 == 0:
                return rest[:at], True
            quotes += 1
    at = rest.find('".')
    if at >= 0:
        return rest[:at], True
    at = rest.find('"')
    return (rest if at < 0 else rest[:at]), False


def _key_value_reply(line: str, code: re.Match[str]) -> str | None:
    """The reply's text (its enhanced code, then its words) in a key=value log line whose code
    ``code`` matched: only when the line also has the enhanced-code key and the error's words;
    None for any other line with a "code=" in it."""
    ecode = _KV_ECODE.search(line)
    said = _KV_ERR.search(line)
    words = (said.group(1) or said.group(2)).replace('\\"', '"') if said else None
    if words is None and (after := _KV_ERR_AFTER_MESSAGE.search(line)) and after.end() <= code.start() + 1:
        words = after.group(1)
    if ecode is None or not words:
        return None
    return f"{ecode.group(1) or ''} {words.strip()}".strip()


#: Most lines a reply's continuation (:func:`_continued`) is read over.
MAX_CONTINUED = 20


def _continued(scan: _Scan, line: int, rest: str, taken: dict[int, Any]) -> list[str]:
    """The lines that go on a reply whose basic code each of them lost: the lines right after
    it that begin with its enhanced status code. Go's net/textproto (ReadResponse) joins a
    multi-line reply's lines with a newline and drops the code from each line after the first,
    so net/smtp's error prints "535 5.7.8 Username and Password not accepted. Learn more at",
    then "5.7.8  https://support.google.com/mail/?p=BadCredentials ... - gsmtp" on a line of its
    own, and the words that tell one refusal from another often stand in that rest."""
    head = _ENHANCED.match(rest.strip())
    if head is None:
        return []
    own = _own_code(head.group(0))
    lines = scan.lines()
    out: list[str] = []
    size = len(rest)
    for following in range(line + 1, min(line + 1 + MAX_CONTINUED, len(lines))):
        raw = lines[following]
        if following in taken or not own.match(raw) or size + len(raw) >= MAX_LINE:
            break
        out.append(_tail(_in_string(scan, following, raw)))
        size += len(raw)
    return out


@functools.lru_cache(maxsize=256)
def _own_code(enhanced: str) -> re.Pattern[str]:
    """A line that begins with ``enhanced``, an enhanced status code (a log repeats a few of them)."""
    return re.compile(rf"[ \t]*{re.escape(enhanced)}(?:[ \t]|$)")


_ENHANCED_HEAD = re.compile(r"^\s*[245]\.\d{1,3}\.\d{1,3}")


@functools.lru_cache(maxsize=4096)  # asked of each reply's words, which a log repeats
def _enhanced_first(words: str) -> bool:
    return bool(_ENHANCED_HEAD.match(words))


# The first word after an OAuth endpoint's status: an RFC 6749 error code is lower case with underscores.
_OAUTH_ERROR_WORD = re.compile(r"[a-z_]+(?![\w-])")


def _http_status_line(code: int, separator: str, rest: str) -> bool:
    """A web request's status line, not a mail server's reply: the code followed by its HTTP
    reason phrase (status-codes.yaml's http_reasons), as a framework's log prints it, or by an
    OAuth endpoint's error code (oauth_errors), as a sign-in page shows it."""
    reason = (status_codes().get("http_reasons") or {}).get(str(code))
    # The phrase may stand in parentheses, as .NET's Azure.Core RequestFailedException writes it ("Status: 404
    # (Not Found)" before the service's ErrorCode).
    said = rest.lstrip().lower().removeprefix("(")
    if reason and separator != "-" and said.startswith(reason["phrase"]):
        return True
    # An OAuth endpoint's status and error code (status-codes.yaml's oauth_errors).
    oauth = status_codes().get("oauth_errors") or {}
    first = _OAUTH_ERROR_WORD.match(rest.lstrip())
    return code in oauth.get("statuses", ()) and first is not None and first.group() in oauth.get("errors", ())


@functools.cache
def _http_before_code() -> re.Pattern[str]:
    """The words right before a code that make it a web request's status, not a mail server's
    reply, whatever follows it (status-codes.yaml's http_before_code: an HTTP status line's version,
    a refused CONNECT tunnel, an HTTP client's "too many N error responses" or "returned an error: (N)")."""
    rows = status_codes().get("http_before_code") or []
    return re.compile(r"(?:" + "|".join(r["pattern"] for r in rows) + r")[ \t]*$", re.IGNORECASE)


def _web_status(code: int, separator: str, rest: str, before: str) -> bool:
    """Whether a code found with ``rest`` after it and ``before`` before it (_before) is a web
    request's status (_http_status_line, _http_before_code), not a mail server's reply."""
    if len(rest) >= MAX_LINE:
        return _web_status_now(code, separator, rest, before)
    return _web_status_read(code, separator, rest, before)


def _web_status_now(code: int, separator: str, rest: str, before: str) -> bool:
    return _http_status_line(code, separator, rest) or bool(_http_before_code().search(before))


# Asked of every code found, and a log repeats its lines: each distinct one is read once.
_web_status_read = functools.lru_cache(maxsize=4096)(_web_status_now)


def _before(m: re.Match[str]) -> str:
    """What stands before a found code on its line (at most a short stretch of it)."""
    start = m.start(1)
    before = m.string[max(0, start - 60):start]
    return before[before.rfind("\n") + 1:]


# A line that begins with an enhanced status code, the way the words of a reply whose basic code
# ends the line before go on ("Server responded: 530" / "5.7.0. Issue a STARTTLS command first.").
_ENHANCED_FIRST = re.compile(r"[ \t]*[245]\.\d{1,3}\.\d{1,3}\.?[ \t]+\S")


def _words_around(scan: _Scan, line: int, start: int, kind: str, taken: dict[int, Any]) -> str:
    """The words of a reply whose code stands without them: the next line when it continues
    this one (indented, as a bounce wraps "said: 530" / "    Authentication required"; or
    beginning with the reply's enhanced status code), else
    the words before the code on its line (a bounce's "Sender address rejected: not logged in
    (Diagnostic-Code: smtp; 553 5.7.1)"), but not a client's own ("RCPT failed: 554")."""
    if scan.escapes:
        return _words_around_now(scan, line, start, kind, taken)
    # A log repeats its replies, wrapped the same way, thousands of times: the words are read
    # once per distinct neighbourhood. They depend on nothing but the code's line and where the
    # code stands in it, the lines _wrapped_on may take (the next one and MAX_WRAPPED after it:
    # their texts, and whether another reply took them) and, through _in_string, on escaped
    # breaks, of which this text has none.
    window = range(line + 1, line + 2 + MAX_WRAPPED)
    # (The line before too: PHPMailer's "Detail: <words>" may stand there, _DETAIL_BEFORE.)
    key = (kind, start - scan.starts[line], tuple(scan.lines()[max(line - 1, 0) : window.stop]), line > 0,
           tuple(map(taken.__contains__, window)))
    words = scan.words_memo.get(key)
    if words is None:
        words = scan.words_memo[key] = _words_around_now(scan, line, start, kind, taken)
    return words


def _words_around_now(scan: _Scan, line: int, start: int, kind: str, taken: dict[int, Any]) -> str:
    lines = scan.lines()
    following = lines[line + 1] if line + 1 < len(lines) else ""
    if kind != "paren" and line + 1 not in taken and (
            (following[:1] in (" ", "\t") and following.strip()) or _ENHANCED_FIRST.match(following)):
        # The words may wrap on (a Postfix bounce: "said: 421" / "4.7.0 [TSS04] Messages from ... due to" /
        # "unexpected volume ... see" / "https://... (in reply to MAIL FROM command)").
        return _wrapped_on(scan, line + 1, following.strip()[:MAX_LINE], taken)
    stop = scan.text.find("\n", start, start + MAX_LINE)
    ends = _CODE_ENDS_LINE.match(scan.text, start, stop if stop >= 0 else len(scan.text))
    if (line + 1 not in taken and ends and (ends.group(1) or _ADDRESS_FIRST.match(following))
            and _wrapped_words(following)):
        # A line wrapped right after the codes ("SMTPAddressFailedException: 454 4.7.1" /
        # "<user@example.com>: Relay access denied"): the next line is the reply's words. A basic
        # code alone may end a client's own words ("RCPT failed: 554" / "The message was not sent.").
        return _wrapped_on(scan, line + 1, _tail(_in_string(scan, line + 1, following)), taken)
    if kind == "end":
        # PHPMailer's ErrorInfo gives the server's words after "Detail: " and the code after "SMTP code: "
        # (PHPMailer/PHPMailer:src/PHPMailer.php setError and its language strings smtp_detail, smtp_code),
        # which a page or a log may have put on a line of its own: the detail is the reply's text.
        detail = _DETAIL_BEFORE.search(scan.text[scan.starts[max(line - 1, 0)] : start][-2 * MAX_LINE:])
        if detail:
            return detail.group(1)
    if kind != "in":
        return ""  # "RCPT failed: 554", "code 454": the words before are the client's, not the server's
    before = scan.text[scan.starts[line] : start][-MAX_LINE:]
    return before.strip() if _WORD.search(before) else ""


# PHPMailer's "Detail: <the server's words>" right before its "SMTP code: " label, on the same line or the one before.
_DETAIL_BEFORE = re.compile(r"\bdetail:[ \t]*(\S[^\n]*?)[ \t]*\n?[ \t]*smtp code:[ \t]*$", re.IGNORECASE)
# A reply's code that ends its line (the words, if any, went onto the next one).
_CODE_ENDS_LINE = re.compile(r"[245]\d\d([ \t-]*[245]\.\d{1,3}\.\d{1,3})?[ \t]*$")
# A recipient's or sender's address a reply's words begin with ("<user@example.com>: Relay access
# denied", Postfix's smtpd_check.c form), which a wrap may put first on a line.
_ADDRESS_FIRST = re.compile(r"<[^<>\s]{1,300}>:?[ \t]*")


def _wrapped_words(raw: str) -> bool:
    """Whether a line could be a reply's words wrapped onto it: beginning with a letter or an
    address in angle brackets, and no line of its own (_OWN_LINE) after that address."""
    # Asked of every line after each reply whose words stand elsewhere, and a log repeats a few
    # lines thousands of times: each distinct short line is read once (_OWN_LINE's search for a
    # log's marks cost most of a megabyte of wrapped replies).
    return _wrapped_words_read(raw) if len(raw) < MAX_LINE else _wrapped_words_now(raw)


def _wrapped_words_now(raw: str) -> bool:
    address = _ADDRESS_FIRST.match(raw)
    rest = raw[address.end():] if address else raw
    return bool(rest[:1].isalpha() or (address and not rest.strip())) and not (rest and _OWN_LINE.match(rest))


_wrapped_words_read = functools.lru_cache(maxsize=4096)(_wrapped_words_now)


#: Most unindented lines a reply's words are taken to wrap onto.
MAX_WRAPPED = 3
# A line that is no reply's words wrapped onto it: a log's or a program's own line (a timestamp
# or a number first, "program[pid]:", a label such as "msmtp:", "S:" or "sendMail error:", a
# debug log's arrow, a stack frame, "Traceback"), a quote's marker, another protocol's status,
# or a line that holds an enhanced code of its own (not qmail's "(#5.7.1)", which ends its reply's words).
_OWN_LINE = re.compile(
    r"[\d\W_]|\S{1,60}:(?:\s|$)|(?:at|File|Traceback|Caused by)\b|\S+ (?:OK|NO|BAD|BYE|PREAUTH)\b"
    r"|.{0,60}?(?:\d:\d\d|\w\[\d+\]:|(?<![#.])\b[245]\.\d{1,3}\.\d{1,3}\b(?!\.\d)|->|<-|>>|<<"
    r"|(?i:error|exception|warning|notice|debug|info)[ \t]*:)")
# A log record's own line (a timestamp, "program[pid]:", key=value fields before the reply): a
# program wrote it as one line, whatever the paste did to it; the lines after it are not read
# as its words.
_LOG_RECORD = re.compile(r".{0,200}?(?:\d:\d\d:\d\d|\w\[\d+\]:|\w=\S)")
# The end of a sentence: a reply's words that end here are complete.
_SENTENCE_END = re.compile(r"[.!?:;)\]>]['\"]?$")
# Words that end mid-phrase though they end like a sentence: a colon (the words that go with
# it follow, "5.7.1 <user@example.com>:" / "Relay access denied.") or an address's "<" still open.
_OPEN_END = re.compile(r"(?::|<[^<>\s]*)$")


def _wrapped_on(scan: _Scan, line: int, words: str, taken: dict[int, Any]) -> str:
    """A reply's words with their rest, where a bounce, a web form, a mail client or a chat
    wrapped them onto the following lines without indenting them ("421 mwinf5c27 ME" /
    "Trop de connexions, ... Too many" / "connections, slow down."). A following line is taken
    while the words so far end mid-sentence and the line is plainly more of them: not blank,
    not a line of its own (_OWN_LINE), and either going on in lower case ("hostname, [...]")
    or itself wrapped, ending mid-sentence (a client's own "Message could not be sent." after
    the reply is a sentence of its own). Up to MAX_WRAPPED lines and MAX_LINE characters; never
    after a log record's line (_LOG_RECORD), unless the lines followed breaks the log escaped."""
    lines = scan.lines()
    joined = words
    escaped = True  # every line taken followed a break the log escaped inside its own string
    for following in range(line + 1, min(line + 1 + MAX_WRAPPED, len(lines))):
        raw = lines[following]
        # A line after an escaped break goes on the same quoted string (Go's net/textproto joins a
        # reply's lines with a newline, without their codes): a sentence's end does not end it.
        inside = scan.escaped(following)
        opened = bool(_OPEN_END.search(joined))
        if (following in taken or len(raw) >= MAX_LINE or not _wrapped_words(raw)
                or (not inside and not opened and _SENTENCE_END.search(joined))):
            break
        more = _tail(_in_string(scan, following, raw))
        if (not more or not _wrapped_words(more) or len(joined) + len(more) >= MAX_LINE
                or not (inside or opened or more[0].islower() or more[0] == "<"
                        or not _SENTENCE_END.search(more))):
            break
        joined = f"{joined} {more}"
        escaped = escaped and inside
    if joined != words and not escaped:
        own = lines[line][:MAX_LINE]
        at = own.rfind(words[:40]) if words else len(own)
        # A break the log escaped is inside the record's own string: the words go on past it.
        if _LOG_RECORD.match(own[: at if at >= 0 else len(own)]):
            return words
    return joined


# qmail ends every reply's words with its enhanced status code in parentheses (qmail-smtpd.c's
# out() strings: "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "451 qq
# trouble creating files in queue (#4.3.0)"), and so do netqmail, vpopmail's chkuser and the ISPs'
# patched qmail-smtpd ("sorry, too many emails (#5.7.1)"). A mail program or an application that
# shows the reply without its basic code keeps that form: the words before it on its line are
# the reply's, the code in it its status.
_QMAIL_CODE = re.compile(r"[ \t]\(#([245])\.(\d{1,3})\.(\d{1,3})\)[ \t.]*$")


def _qmail_candidates(scan: _Scan, seen: set[int]) -> list[tuple[int, dict[str, Any]]]:
    """Replies in qmail's form without their basic code (see _QMAIL_CODE), on lines ``seen``
    holds no other enhanced status code of."""
    found = []
    lines = scan.lines()
    for i, m in sorted(scan.first_per_line(_QMAIL_CODE, needs=("(#",)).items()):
        words = _tail(lines[i][: m.start()])
        if i in seen or m.group(1) == "2" or not _WORD.search(words):
            continue
        enhanced = ".".join(m.group(1, 2, 3))
        reply = {"protocol": "smtp", "status": SMTP_STATUS[enhanced[0]], "enhanced": enhanced,
                 "text": clean_text(f"{words} (#{enhanced})")}
        reply |= status_fields(reply)
        found.append((i, reply))
    return found


def _enhanced_candidates(scan: _Scan) -> list[_Candidate]:
    """Enhanced status codes without a reply code; consecutive lines with the same code are one
    reply (a wrapped multi-line reply whose basic codes the client dropped), read when it may win
    (_enhanced_reply; a log of 80,000 of them took a second to read whole); and qmail's replies,
    whose code ends their words (_qmail_candidates)."""
    groups: list[tuple[int, str, list[str]]] = []  # last line, code, texts
    alone = scan.first_per_line(_ENHANCED_ALONE, needs=("4.", "5."))
    for i, m in sorted(alone.items()):
        if m.group(1) == "2":
            continue
        enhanced = ".".join(m.group(1, 2, 3))
        if groups and groups[-1][1] == enhanced and i - groups[-1][0] <= 1:
            # The group's own list grows in place: copied per line, a megabyte of one code's lines
            # (125,000 of them) took seconds, growing with the square of their number.
            groups[-1][2].append(_tail(m.group(4)))
            groups[-1] = (i, enhanced, groups[-1][2])
        else:
            groups.append((i, enhanced, [_tail(m.group(4))]))
    found = [_Candidate.later(i, SMTP_STATUS[enhanced[0]], None, True,
                              functools.partial(_enhanced_reply, scan, i, enhanced, texts, alone))
             for i, enhanced, texts in groups]
    return found + [_Candidate(*c) for c in _qmail_candidates(scan, set(alone))]


def _enhanced_reply(scan: _Scan, line: int, enhanced: str, texts: list[str], taken: dict[int, Any]) -> dict[str, Any]:
    """The reply of an enhanced status code without a reply code whose lines' words are ``texts``, the
    last on ``line`` (see _enhanced_candidates)."""
    last = texts[-1]
    if last and not last.rstrip().endswith(("'", '"', "`")):
        last = _wrapped_on(scan, line, last, taken)  # its words wrapped onto the next lines
    reply = {"protocol": "smtp", "status": SMTP_STATUS[enhanced[0]], "enhanced": enhanced,
             "text": clean_text(f"{enhanced} {' '.join(t for t in (*texts[:-1], last) if t)}")}
    return reply | status_fields(reply)


def _imap_pop3_candidates(scan: _Scan) -> list[tuple[int, dict[str, Any]]]:
    # POP3 first (later forms win a line), filtered as case-blind as its pattern is: on the lines that hold a
    # code's bracket and first letters in any case ("[Sys/Temp]", "[In-Use]" as well as RFC 2449's capitals),
    # found in the text folded once.
    by_line: dict[int, dict[str, Any]] = {
        line: parsed for line, m in scan.first_per_line(_POP3_CODE_ALONE, anycase=_POP3_CODE_STARTS).items()
        if (parsed := parse_pop3_line(f"-ERR [{m.group(1).upper()}] {_tail(m.group(2)[:MAX_LINE])}"))}
    forms: tuple[tuple[re.Pattern[str], tuple[str, ...], Callable[[re.Match[str]], dict[str, Any] | None]], ...] = (
        (_IMAP_CODE_ALONE, ("[",), lambda m: parse_imap_line(f"a1 NO [{m.group(1).upper()}] {m.group(2)[:MAX_LINE]}")),
        (_IMAP_WORD_CODE_LOWERED, ("[",),
         lambda m: parse_imap_line(f"a1 NO [{m.group(1).upper()}] {m.group(2)[:MAX_LINE]}")),
        (_IMAP_UNTAGGED, ("NO ", "BAD ", "BYE ", "no [", "bad [", "bye ["),
         lambda m: parse_imap_line(_tail(f"* {m.group(1).upper()} {m.group(2)}"))),
        (_IMAP_MAILKIT, ("' response",), lambda m: parse_imap_line(_tail(f"a1 {m.group(1)} {m.group(2) or ''}"))),
        (_IMAP_NEXT_FORM, ("NO response: ", "BAD response: "),
         lambda m: parse_imap_line(_tail(f"a1 {m.group(1)} {m.group(2)[:MAX_LINE]}"))),
        (_IMAPLIB_FORM, ("imap4",), lambda m: parse_imap_line(f"a1 NO {m.group(2)[:MAX_LINE]}")),
        (_IMAP_TOOLS_FORM, ("received. Data",), lambda m: parse_imap_line(f"a1 {m.group(1)} {m.group(3)[:MAX_LINE]}")),
        (_RUBY_IMAP_FORM, ("responseerror",), lambda m: parse_imap_line(
            f"{'*' if m.group(1).lower() == 'bye' else 'a1'} {m.group(1).upper()} {m.group(2)[:MAX_LINE]}")),
        (_IMAP_K9_RETYPED, ("#",), lambda m: parse_imap_line(
            f"a1 {m.group(1).upper()} {f'[{m.group(2).upper()}] ' if m.group(2) else ''}{m.group(3)[:MAX_LINE]}")),
        (_IMAP_K9, ("[NO", "[BAD", "[BYE"), lambda m: parse_imap_line(
            f"a1 {m.group(1)} {f'[{m.group(2)}] ' if m.group(2) else ''}{m.group(3)[:MAX_LINE]}")),
        (_IMAP_LOWERED, (" bye ", " no ", " bad ", "\tbye ", "\tno ", "\tbad "), lambda m: parse_imap_line(
            _tail(f"{m.group(1) or m.group(3)} {(m.group(2) or m.group(4)).upper()} {m.group(5)}"))),
        (_IMAP_IN_LINE, (" OK", " NO", " BAD", " BYE", " PREAUTH", "\tOK", "\tNO", "\tBAD", "\tBYE",
                         " ok [", " no [", " bad [", " bye [", " preauth ["),
         lambda m: parse_imap_line(_tail(f"{m.group(1)} {m.group(2)} {m.group(3)}"))),
        (_POP3_IN_LINE, ("+ok", "-err"), lambda m: parse_pop3_line(_tail(f"{m.group(1)} {m.group(2)[:MAX_LINE]}"))),
    )
    for pattern, needs, parse in forms:  # later forms win a line: IMAP, then a POP3 status in its line
        held = scan.first_per_line(pattern, anycase=needs) if pattern in _CASE_BLIND_FORMS else \
            scan.first_per_line(pattern, needs)
        for line, m in held.items():
            if found := parse(m):
                by_line[line] = found
    if "textCode: '" in scan.text:  # node-imap's error: its response code, printed lines below its text
        lines = scan.lines()
        for code in itertools.islice(_NODE_IMAP_CODE.finditer(scan.text), MAX_NODE_ERRORS):
            at = scan.line_of(code.start())
            for line in range(at, max(at - MAX_NODE_STACK, -1), -1):
                message = _NODE_IMAP_MESSAGE.match(lines[line][:MAX_LINE])
                if message:
                    parsed = parse_imap_line(f"a1 {code.group(1).upper()} [{code.group(2)}] {_tail(message.group(1))}")
                    if parsed:
                        by_line[line] = parsed
                    break
    return sorted(by_line.items(), key=lambda item: item[0])


#: Reply statuses that are failures.
FAILING = frozenset({"transient", "permanent", "no", "bad", "bye", "err"})


#: SMTP's "syntax error, command unrecognized", "syntax error in parameters", "command not implemented".
_UNRECOGNISED = frozenset({500, 501, 502})


def _specificity(reply: dict[str, Any]) -> int:
    """How much a reply says: a failure with an enhanced or response code says most."""
    status = reply.get("status")
    # A closing BYE is context; the tagged completion before it is the answer.
    score = (3 if status == "bye" else 4) if status in FAILING else 0
    if reply.get("tagged"):
        score += 1
    if reply.get("enhanced") or reply.get("response_code"):
        score += 2
    if reply.get("code"):
        score += 1
    if reply.get("protocol") == "smtp" and reply.get("code") in _UNRECOGNISED and status in FAILING:
        # RFC 5321 section 4.2.2: 500-502 say the command itself was not understood. In a log
        # beside another failure they are what a client that went on after it sent next (its
        # credentials as commands after "530 Must issue a STARTTLS command first"), not the cause.
        score -= 1
    return score


def _consequence(reply: dict[str, Any]) -> bool:
    """Whether an SMTP reply only reports earlier refusals of its transaction (knowledge.yaml)."""
    if reply.get("protocol") != "smtp":
        return False
    words = str(reply.get("text", "")).lower()
    return any(reply.get("code") == code and (words.strip(" .") == said if whole else said in words)
               for code, said, whole in knowledge.consequence_replies())


#: RFC 4954 section 6: "235 2.7.0 Authentication Succeeded", a reply of its own line (a code among
#: other digits, a size or a port, is none).
_LOGGED_IN = re.compile(r"(?:^|[^\w.:/-])235[ -]")


def _unauthenticated(reply: dict[str, Any]) -> bool:
    """Whether an SMTP reply refuses a client that is not logged in (knowledge.yaml)."""
    if reply.get("protocol") != "smtp":
        return False
    words = str(reply.get("text", "")).lower()
    return any(reply.get("code") == code and said in words for code, said in knowledge.unauthenticated_replies())


def parse_reply(text: str) -> dict[str, Any]:
    """The server reply in a pasted text (see :func:`find_reply`)."""
    return find_reply(text)[0]


class _Unparsed(Exception):
    """A reply read late turned out to be none (see _Candidate.reply): the text is read again, eagerly."""


class _Candidate:
    """A reply in the text, on its ``line``, ``order``-th of the candidates: read at once (an IMAP,
    POP3 or enhanced-code-only reply) or only when it may win (an SMTP reply, whose words are
    gathered from the lines around it: a log of 80,000 failing replies cost seconds to read whole,
    though one of them is kept). What deciding needs before reading is known from the reply's
    code alone: its protocol, its status, its code, and ``bound``, the most :func:`_specificity`
    can give it (see :meth:`later`)."""

    __slots__ = ("_read", "_reply", "bound", "code", "line", "order", "protocol", "status")

    def __init__(self, line: int, reply: dict[str, Any]) -> None:
        self._reply: dict[str, Any] | None = reply
        self._read: Callable[[], dict[str, Any] | None] | None = None
        self.line, self.order = line, 0
        self.protocol, self.status, self.code = reply.get("protocol"), reply.get("status"), reply.get("code")
        self.bound = _specificity(reply)

    @classmethod
    def later(cls, line: int, status: str, code: int | None, enhanced: bool, read: Any) -> _Candidate:
        """An SMTP reply that ends on ``line``, read by ``read()`` when asked, whose ``status`` and
        ``code`` are known before: a group of lines each with ``code`` (every line the reply is
        parsed from begins with that code, so its fields' code and status are the code's,
        parse_smtp_reply; its enhanced code is one its lines' words begin with, and those words
        only lose their end or gain words after them, _tail, _in_string, _wrapped_on, or stand on
        lines that begin with no basic code, _continued: ``enhanced``, whether a line's words begin
        with one, bounds it), or an enhanced code alone (no code; _enhanced_reply)."""
        self = cls.__new__(cls)
        self.line, self.order, self._reply, self._read = line, 0, None, read
        self.protocol, self.status, self.code = "smtp", status, code
        self.bound = _smtp_bound(status, code, enhanced)
        return self

    @property
    def reply(self) -> dict[str, Any]:
        if self._reply is None:
            self._reply = self._read() if self._read else None
            if not self._reply or self._reply.get("code") != self.code:  # (never: see later)
                raise _Unparsed
        return self._reply

    def unchecked(self) -> dict[str, Any] | None:
        """The reply as read, whatever it is (for find_reply's eager reading)."""
        return self._reply if self._reply is not None else self._read() if self._read else None

    def key(self) -> tuple[int, int, int]:
        """What :func:`_best` orders by: specificity, then the later line, then the earlier candidate."""
        return _specificity(self.reply), self.line, -self.order

    def most(self) -> tuple[int, int, int]:
        """The highest :meth:`key` the candidate can have, known without reading it."""
        return self.bound, self.line, -self.order


@functools.lru_cache(maxsize=64)
def _smtp_bound(status: str, code: int | None, enhanced: bool) -> int:
    """The most :func:`_specificity` can give an SMTP reply of that status and code, with or without
    an enhanced code (a log's thousands of replies share a few)."""
    return _specificity({"protocol": "smtp", "status": status, "code": code, "enhanced": enhanced})


def _best(candidates: list[_Candidate], wanted: Any = None) -> _Candidate | None:
    """The candidate with the highest key of those ``wanted`` says yes to, as max() over them all
    would pick (the first of equals, which the key's last part makes the only one): the candidates
    are looked at in the order of the most their key can be, and once that is below the best key
    read so far, none left can win and none is read."""
    best: _Candidate | None = None
    best_key = None
    for c in sorted(candidates, key=_Candidate.most, reverse=True):
        if best_key is not None and c.most() < best_key:
            break
        if wanted is not None and not wanted(c):
            continue
        key = c.key()
        if best_key is None or key > best_key:
            best, best_key = c, key
    return best


def find_reply(text: str) -> tuple[dict[str, Any], str]:
    """Recognise the server reply in a pasted text: an SMTP reply (multi-line, with or without
    an enhanced code, smtplib's ``(535, b'...')`` form, or inside a client's message or a log
    line), an IMAP tagged/untagged reply or a POP3 line -- wherever it stands in the text.

    When the text holds several replies (a pasted session log), the most specific failure is
    kept (a failure before a success; an enhanced or response code before a bare code; the
    later one of equals). Returns the ``server.reply`` fields (protocol, status, code,
    enhanced, response_code, text, meaning), absent ones left out (an empty dict when the
    text holds no reply), and the line the reply stands in, with the client's or log's own
    words around it ("RCPT failed: 554", "SMTP ERROR: MAIL FROM command failed: 530 ...").
    """
    if not text.strip():
        return {}, ""
    scan = _Scan(text)
    wrapped = _SMTPLIB_FORM.search(scan.text)
    # (Unless the text opens with a reply's line: a code, then a space, a hyphen or the line's end; a log's year,
    # "2024-05-01 10:22:13 ERROR", is none.)
    if wrapped and not _REPLY_FIRST.match(scan.text.lstrip().split("\n", 1)[0]):
        return _smtplib_reply(scan, wrapped)
    try:
        return _chosen(scan, wrapped, lazy=True)
    except _Unparsed:
        return _chosen(scan, wrapped, lazy=False)


def _chosen(scan: _Scan, wrapped: re.Match[str] | None, *, lazy: bool) -> tuple[dict[str, Any], str]:
    """find_reply's choice among the replies in ``scan`` (``wrapped``: smtplib's form in it, if any);
    not ``lazy``, every reply read first and those that read as none left out."""
    candidates = _smtp_candidates(scan)
    if not lazy:
        candidates = [_Candidate(c.line, reply) for c in candidates if (reply := c.unchecked())]
    if not any(c.status in FAILING for c in candidates):
        enhanced = _enhanced_candidates(scan)
        if not lazy:
            enhanced = [_Candidate(c.line, reply) for c in enhanced if (reply := c.unchecked())]
        candidates += enhanced
    candidates += [_Candidate(*c) for c in _imap_pop3_candidates(scan)]
    for order, c in enumerate(candidates):
        c.order = order
    if not candidates:
        # A text that opens with digits that are no reply line (a log's date: "2024-03-02 10:11:12,345
        # ERROR [mailer] smtplib.SMTPSenderRefused: (552, b'...')") and holds no other reply: the
        # smtplib form is the reply.
        if wrapped and not _REPLY_FIRST.match(scan.text.lstrip()):
            return _smtplib_reply(scan, wrapped)
        return {}, ""
    failing = [c for c in candidates if c.status in FAILING]
    if failing:
        standing = _still_failing(scan, candidates, failing)
        if len(standing) < len(failing):
            # What was overcome is no reply the session ends with either; where nothing else is left (an SMTP log
            # holds its failing replies and only its last other one), the accepted login is the last word.
            gone = {c.line for c in failing} - {c.line for c in standing}
            candidates = [c for c in candidates if c.line not in gone] or _accepted_login(scan, candidates)
        failing = standing
    if failing:
        best = _best(failing)
        assert best is not None
        at = best.line
        if _unauthenticated(best.reply):
            # A refusal of a client that is not logged in (knowledge.yaml: 530, a relay or access
            # refusal). A client that goes on after its AUTH was refused (Exim's hosts_try_auth
            # logs "plain authenticator failed ... 535 ..." and then the 530 to MAIL FROM; dma
            # tries "without" and meets "Relay access denied") met that refusal first: the AUTH
            # answer (534, 535, 538: AUTH's alone) says why it sent unauthenticated. A login
            # accepted (235) between them leaves the later refusal its own.
            # The last login accepted before the refusal, looked for once (per refused AUTH, a
            # log of thousands of them took minutes).
            lines = scan.lines()
            login = next((n for n in range(at - 1, -1, -1) if "235" in lines[n]
                          and _LOGGED_IN.search(lines[n][:MAX_LINE])), -1)
            refused = [c for c in failing if login <= c.line < at and c.protocol == "smtp"
                       and c.code in knowledge.auth_reply_codes()]
            best = _best(refused) or best
        elif _consequence(best.reply):
            # A reply that only says the transaction's earlier commands were refused (Postfix's
            # "554 5.5.1 Error: no valid recipients" to DATA, knowledge.yaml): the earlier refusal
            # in the same log ("504 5.5.2 <host>: Helo command rejected" to RCPT TO) is why.
            earlier = [c for c in failing if c.line < at and c.protocol == "smtp"]
            best = _best(earlier, lambda c: not _consequence(c.reply)) or best
        if best.protocol == "smtp" and not str(best.reply.get("text", "")).strip():
            # A bare code that restates a reply the text quoted with its words before it
            # (PHPMailer's ErrorInfo ends "... Detail: <words> SMTP code: 550" after its debug line
            # "SMTP ERROR: DATA END command failed: 550 <words>", PHPMailer/PHPMailer:
            # src/PHPMailer.php setError): the worded one is the same reply, saying more.
            at = best.line
            worded = [c for c in failing if c.line < at and c.protocol == "smtp" and c.code == best.code]
            best = _best(worded, lambda c: bool(str(c.reply.get("text", "")).strip())) or best
    else:
        # No failure: the final reply (a tagged completion over untagged context lines).
        tagged = [c for c in candidates if c.reply.get("tagged", True)]
        best = max(tagged or candidates, key=lambda c: c.line)
    chosen = dict(best.reply)
    if chosen.get("protocol") == "imap" and chosen.get("response_code") is None and chosen.get("status") in FAILING:
        for other in candidates:
            if other.protocol == "imap" and other.reply.get("response_code"):
                chosen["response_code"] = other.reply["response_code"]
                break
    lines = scan.lines()
    return _drop_none(chosen), lines[best.line][:MAX_LINE]


# An IMAP session log's lines: a client's tagged command, and a server's tagged completion (RFC 9051
# section 2.2.1: the client's tag, then the command; the server's completion repeats the tag), after
# a transcript's or logger's direction mark.
_IMAP_MARK = r"^[ \t]*(?:[CS]:|<{1,3}|>{1,3}|\[?(?:client|server)\]?:?)?[ \t]*"
_IMAP_TAGGED_COMMAND = re.compile(_IMAP_MARK + r"([A-Za-z0-9.]{1,12})[ \t]+(LOGIN|AUTHENTICATE|LOGOUT|[A-Z]{2,12})\b",
                                  re.IGNORECASE)
_IMAP_TAGGED_REPLY = re.compile(_IMAP_MARK + r"([A-Za-z0-9.]{1,12})[ \t]+(?:OK|NO|BAD)\b", re.IGNORECASE)
_IMAP_LOGIN_COMMANDS = frozenset({"LOGIN", "AUTHENTICATE"})
# A POP3 session log's client commands (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH), after the same marks.
_POP3_COMMAND = re.compile(_IMAP_MARK + r"(USER|PASS|APOP|AUTH|STAT|LIST|RETR|DELE|NOOP|RSET|QUIT|TOP|UIDL|CAPA|STLS)"
                           r"(?:[ \t]|$)")
_POP3_LOGIN_COMMANDS = frozenset({"USER", "PASS", "APOP", "AUTH"})
_POP3_LOGIN_ACCEPTED = frozenset({"PASS", "APOP", "AUTH"})


class _ImapCommands:
    """The client commands an IMAP session log shows, read once in one pass: each
    command's line, tag and name, and per tag the lines in order, so that what a completion answers is a
    bisection, not a scan of every command for each reply a long log holds."""

    def __init__(self, lines: list[str]) -> None:
        self.at: list[int] = []
        self.name: dict[int, str] = {}
        self._by_tag: dict[str, tuple[list[int], list[str]]] = {}
        for n, line in enumerate(lines):
            m = _IMAP_TAGGED_COMMAND.match(line[:MAX_LINE])
            if m and m.group(2).upper() not in ("OK", "NO", "BAD", "BYE", "PREAUTH"):
                self.at.append(n)
                self.name[n] = m.group(2).upper()
                sent, names = self._by_tag.setdefault(m.group(1).lower(), ([], []))
                sent.append(n)
                names.append(m.group(2).upper())

    def __bool__(self) -> bool:
        return bool(self.at)

    def answered(self, lines: list[str], line: int) -> str | None:
        """The command a tagged completion at ``line`` answers: the last one sent before it with its tag."""
        m = _IMAP_TAGGED_REPLY.match(lines[line][:MAX_LINE])
        if m is None or (tagged := self._by_tag.get(m.group(1).lower())) is None:
            return None
        i = bisect.bisect_left(tagged[0], line) - 1
        return tagged[1][i] if i >= 0 else None

    def last_before(self, line: int) -> str | None:
        """The last command sent before ``line``."""
        i = bisect.bisect_left(self.at, line) - 1
        return self.name[self.at[i]] if i >= 0 else None


def _imap_accepted_login(lines: list[str], sent: _ImapCommands, candidates: list[_Candidate]) -> int:
    """The line of the last tagged OK to a LOGIN or AUTHENTICATE in a session log; -1 for none."""
    return max((c.line for c in candidates if c.protocol == "imap" and c.status == "positive"
                and c.reply.get("tagged") and sent.answered(lines, c.line) in _IMAP_LOGIN_COMMANDS), default=-1)


class _Pop3Commands:
    """The client commands a POP3 session log shows, read once in one pass: what a reply answers is the last
    one before it (POP3 has no tags; an AUTH exchange's continuation lines are no commands, so its final reply
    answers AUTH), looked up by bisection, and no further back than _MAX_SESSION_LINES lines."""

    def __init__(self, lines: list[str]) -> None:
        self.at: list[int] = []
        self.name: list[str] = []
        for n, line in enumerate(lines):
            m = _POP3_COMMAND.match(line[:MAX_LINE])
            if m:
                self.at.append(n)
                self.name.append(m.group(1))

    def answered(self, line: int) -> str | None:
        i = bisect.bisect_left(self.at, line) - 1
        return self.name[i] if i >= 0 and self.at[i] > line - _MAX_SESSION_LINES else None


def _login_refused_and_accepted(scan: _Scan, candidates: list[_Candidate]) -> tuple[int, frozenset[int]]:
    """The line of the last login a session log shows accepted (-1 for none), and the lines of the logins refused
    before it, in each protocol's own terms: SMTP's 235 (RFC 4954 section 6) after a 534, 535 or 538, which answer
    AUTH alone; IMAP's tagged OK to LOGIN or AUTHENTICATE after a tagged NO or BAD to one (RFC 9051); POP3's +OK to
    PASS, APOP or AUTH after an -ERR to USER, PASS, APOP or AUTH (RFC 1939 sections 7 and 8, RFC 5034)."""
    lines = scan.lines()
    sent = _ImapCommands(lines if any(c.protocol == "imap" for c in candidates) else [])
    accepted = _imap_accepted_login(lines, sent, candidates) if sent else -1
    pop3 = _Pop3Commands(lines) if any(c.protocol == "pop3" for c in candidates) else None
    if pop3 is not None:
        accepted = max((c.line for c in candidates if c.protocol == "pop3" and c.status == "positive"
                        and pop3.answered(c.line) in _POP3_LOGIN_ACCEPTED), default=accepted)
    if any(c.protocol == "smtp" and c.code in knowledge.auth_reply_codes() for c in candidates):
        accepted = max(accepted, next((n for n in range(len(lines) - 1, -1, -1)
                                       if "235" in lines[n] and _LOGGED_IN.search(lines[n][:MAX_LINE])), -1))
    if accepted < 0:
        return -1, frozenset()

    def refused(c: _Candidate) -> bool:
        if c.line >= accepted:
            return False
        if c.protocol == "smtp":
            return c.code in knowledge.auth_reply_codes()
        if c.protocol == "imap":
            return bool(sent) and c.status in ("no", "bad") and sent.answered(lines, c.line) in _IMAP_LOGIN_COMMANDS
        return pop3 is not None and c.status == "err" and pop3.answered(c.line) in _POP3_LOGIN_COMMANDS

    return accepted, frozenset(c.line for c in candidates if refused(c))


def _still_failing(scan: _Scan, candidates: list[_Candidate], failing: list[_Candidate]) -> list[_Candidate]:
    """The failures of a session log that still stand at its end. A login the server refused and a later login
    it accepted in the same log: the refusal was overcome (a password typed again), and the session's later
    outcome decides. In IMAP, a BYE that answers the client's LOGOUT is the normal end of a session (RFC 9051
    section 6.1.3: the server sends BYE before the tagged OK to LOGOUT), no failure."""
    _, overcome = _login_refused_and_accepted(scan, candidates)
    lines = scan.lines()
    sent = _ImapCommands(lines if any(c.protocol == "imap" and c.status == "bye" for c in failing) else [])

    def stands(c: _Candidate) -> bool:
        if c.line in overcome:
            return False
        if c.protocol == "imap" and c.status == "bye" and sent:
            return sent.last_before(c.line) != "LOGOUT"
        return True

    return [c for c in failing if stands(c)]


def _accepted_login(scan: _Scan, candidates: list[_Candidate]) -> list[_Candidate]:
    """The accepted login of a session log as a reply of its own (SMTP's 235 line, which is no candidate)."""
    accepted, _ = _login_refused_and_accepted(scan, candidates)
    line = scan.lines()[accepted][:MAX_LINE] if accepted >= 0 else ""
    said = _LOGGED_IN.search(line)
    reply = parse_smtp_reply([line[said.end() - 4:]]) if said else {}
    return [_Candidate(accepted, reply)] if reply else []


# A Postfix delivery agent's log line for one recipient of one queued message: the queue id, the recipient and the
# status (vdukhovni/postfix:postfix/src/global/log_adhoc.c: "%s: to=<%s>, ... status=%s (%s)"). A deferred message stays
# in the queue and is tried again (qmgr(8)) until a later line of the same queue id and recipient says sent or bounced.
_POSTFIX_DELIVERY = re.compile(r"\b([0-9A-Za-z]{5,20}): to=<([^<>\s]{0,300})>,[^\n]*?\bstatus=(sent|deferred)\b")


def without_delivered_deferrals(text: str) -> str:
    """The text without the lines of a Postfix log that defer a message to a recipient which a later line of the same
    log shows delivered (status=sent for the same queue id and recipient): the retry got through (a greylisting or a
    busy server overcome), so the deferral is no failure that stands; the log's last word on that message is sent."""
    if "status=sent" not in text or "status=deferred" not in text:
        return text
    lines = text.split("\n")
    deliveries = [(n, m) for n, line in enumerate(lines)
                  if "status=" in line and (m := _POSTFIX_DELIVERY.search(line[:MAX_LINE]))]
    last_sent = {(m[1], m[2].lower()): n for n, m in deliveries if m[3] == "sent"}
    overcome = {n for n, m in deliveries if m[3] == "deferred" and last_sent.get((m[1], m[2].lower()), -1) > n}
    return "\n".join(line for n, line in enumerate(lines) if n not in overcome) if overcome else text


def overcome_login(text: str) -> str | None:
    """The line of an SMTP, IMAP or POP3 session log that accepted a login after an earlier login the server
    refused (the last such line): what failed before it was overcome, and only the rest of the session says
    what still fails. None when the log shows no such pair."""
    scan = _Scan(text)
    candidates = _smtp_candidates(scan) + [_Candidate(*c) for c in _imap_pop3_candidates(scan)]
    accepted, overcome = _login_refused_and_accepted(scan, candidates)
    return scan.lines()[accepted] if overcome else None


#: Most lines back from a POP3 reply that the command it answers is looked for: a session's own exchange.
_MAX_SESSION_LINES = 5000


def _smtplib_reply(scan: _Scan, wrapped: re.Match[str]) -> tuple[dict[str, Any], str]:
    """The reply in smtplib's ``(535, b'...')`` form, and its line."""
    body = wrapped.group(3)[:MAX_LINE].replace("\\r\\n", "\n").replace("\\n", "\n")
    line = scan.lines()[scan.line_of(wrapped.start())][:MAX_LINE]
    return _drop_none(parse_smtp_reply([f"{wrapped.group(1)} {ln}" for ln in body.split("\n") if ln.strip()])), line


#: Server software's and providers' own words with the codes they send them with.
SERVER_REPLIES_FILE = Path(__file__).parent / "data" / "server-replies.yaml"


@functools.cache
def server_replies(path: Path = SERVER_REPLIES_FILE) -> tuple[dict[str, Any], ...]:
    """The rows of data/server-replies.yaml (or a table of its shape at ``path``), each ``reply``
    made a tuple of (protocol, codes) pairs, the default first. A row whose codes are no failing
    reply of their protocol, or that lacks its words or its source, is refused at its place."""
    rows = []
    for i, row in enumerate(rulecache.data_file(path)["replies"]):
        forms = row.get("reply")
        pairs = list(forms.items()) if isinstance(forms, dict) else [(None, forms)]
        checked = []
        for protocol, form in pairs:
            reply = worded_reply(str(form), "x") if isinstance(form, str) and form else {}
            if not reply or protocol not in (None, reply["protocol"]):
                raise rulecache.data_error(path, f"replies: {row.get('match')!r}: {form!r} is no failing "
                                                 f"{protocol or 'SMTP, IMAP or POP3'} reply's codes", "replies", i, "reply")
            checked.append((reply["protocol"], str(form)))
        if not row.get("match") or not row.get("source"):
            raise rulecache.data_error(path, "replies: every row needs its match and its source", "replies", i)
        rows.append({**row, "reply": tuple(checked)})
    return tuple(rows)


def worded_reply(form: str, words: str) -> dict[str, Any]:
    """The reply a server sends as ``form`` ("554 5.7.1", "NO [OVERQUOTA]", "-ERR [IN-USE]": the
    codes it sends with those words, data/server-replies.yaml) whose ``words`` a client showed
    without them: the fields of the reply with its codes, so that what is known of the codes
    applies to the words alone; an empty dict when ``form`` is no failing reply's codes."""
    if form[:1].isdigit():
        reply = parse_smtp_reply([f"{form} {words}"])
    elif form.startswith(("+OK", "-ERR")):
        reply = parse_pop3_line(f"{form} {words}")
    else:
        reply = parse_imap_line(f"a1 {form} {words}")
    return _drop_none(reply) if reply.get("status") in FAILING else {}


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



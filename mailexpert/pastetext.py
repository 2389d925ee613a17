"""A pasted text as its program printed it: the forms a paste arrives in undone.

Users paste from web pages, JSON logs, a program's string literal, a terminal or a mail client that
wrapped the lines; the readers (:mod:`mailexpert.replies`, the wording and host tables) read one form:
line breaks unescaped, entities and escaped quotes decoded, a log head repeated on each line of one
message written once, indented and soft-wrapped lines joined, runs of spaces made one; and the words a
user retyped with a slip, a paste split inside a word or cut off made the tables' again (retyped.py).
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata

from mailexpert import retyped
from mailexpert.classify import error_texts
from mailexpert.wordfold import caseless, may_match, needed, plain

_BREAK_TAG = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});", re.IGNORECASE)
_ESCAPED_BREAK = re.compile(r"\\r\\n|\\n|\\r")
_ESCAPED_TAB = re.compile(r"(?<!\\)\\t")
# A multiline reply's next line, its break escaped, in a text whose own lines a paste broke (so that
# its real breaks outnumber the escaped ones): "Authentication Required. Learn more at\n530 5.5.1 https://...",
# "Learn more at\n5.7.9 https://...". Only before a reply's code: elsewhere a "\n" may be a path's ("C:\new").
_ESCAPED_REPLY_BREAK = re.compile(r"(?:\\r)?\\n(?=[2-5]\d\d[ -]|[245]\.\d{1,3}\.\d{1,3}\s)")
_ESCAPED_CHAR = re.compile(r"\\u([0-9a-fA-F]{4})|\\([\"'/\\])")
# A wrapped line: an MTA or a mail program folds a long message onto indented lines
# (Postfix's "said: 530\n    Authentication required (in reply to ...)"). Stack frames ("at ...",
# 'File "...', "---> ...") are lines of their own (a line one tab indents: see below).
# A line one tab indents is wrapped too (a terminal's or an editor's copy makes an indentation's blanks a
# tab: Postfix's bounce, "said: 550 5.7.0\n\tBlocked - see ...") unless it opens with a program's class name, as
# JavaMail prints its nested exception ("nested exception is:\n\tjavax.mail.MessagingException: ...").
_WRAPPED = re.compile(r"\n(?:[ \t]{2,}|\t(?!(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?::|\s|$)))"
                      r"(?!at |File \"|---|\.\.\.|\^|~)(?=\S)")
_SPACES = re.compile(r"[ \t]{2,}")
# Bytes a program printed undecoded (Python 2's repr of a server's GBK or UTF-8 reply:
# '535 Error: \xc7\xeb\xca\xb9...'). Decoded only when they make printable text: a TLS
# record's escaped bytes (\x16\x03...) stay as they are, for the server-log tables.
_ESCAPED_BYTES = re.compile(r"(?:\\x[0-9a-fA-F]{2}){2,}")
#: The first code point of the CJK blocks (radicals, symbols and punctuation, ideographs, fullwidth forms).
_CJK_START = 0x2E80


def _decoded_bytes(m: re.Match[str]) -> str:
    raw = bytes.fromhex(m.group(0).replace("\\x", ""))
    for codec in ("utf-8", "gb18030"):
        try:
            said = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        # GB 18030 decodes nearly any bytes: only a run of CJK characters is taken for its text.
        if said.isprintable() and not said.isascii() and (codec == "utf-8" or min(map(ord, said)) >= _CJK_START):
            return said
    return m.group(0)


def normalise(text: str, *, unwrap: bool = False) -> str:
    """A pasted text as it was printed: line breaks that came escaped (JSON, a program's
    string literal, HTML), entities and escaped quotes decoded, wrapped lines joined, runs of
    spaces made one. Every later step reads this form. ``unwrap``: the lines a paste
    soft-wrapped (see :func:`soft_breaks`) joined too."""
    return finished(unwrapped(text) if unwrap else decoded(text))


def unwrapped(text: str) -> str:
    """A pasted text as it was printed (:func:`decoded`) with the lines a paste soft-wrapped joined."""
    undone = decoded(text)
    return joined(undone, soft_breaks(undone))


# What :func:`decoded` may write for a line break a program escaped inside one quoted string, for
# the reply reader (replies.find_reply), which reads such a break as inside the log record's own
# string (a server's multi-line reply that Go's logfmt, a JSON log or a Python repr wrote on one
# line) where a real break after a log record's line ends the reply.
ESCAPED_BREAK_MARK = "\u21b5"


def escapes_breaks(text: str) -> bool:
    """Whether :func:`decoded` may take ``text``'s escaped line breaks for its own (they outnumber
    its real ones): cheap, before any decoding. A real break a paste soft-wrapped a long line at (the line
    before it as long as a wrapped line is, SOFT_WIDTH) is not counted: a JSON log record a mail client
    wrapped at 72 columns holds more real breaks than escaped ones, all of them the client's."""
    if "\\" not in text:
        return False
    escaped = text.count("\\n")
    if text.count("\n") < escaped:
        return True
    return escaped > 0 and sum(not SOFT_WIDTH[0] <= len(line) <= SOFT_WIDTH[1]
                               for line in text.split("\n")[:-1]) < escaped


# A paste is undone once: explain reads it (explain._read) and then looks through the same printed
# text for names (explain._explain_read), which decoded all of it again.
@functools.lru_cache(maxsize=4)
def decoded(text: str, escaped_break: str = "\n") -> str:
    """The first steps of :func:`normalise`: line ends, plain quotes and spaces, escapes decoded
    (escaped line breaks as ``escaped_break``: ESCAPED_BREAK_MARK keeps them told apart)."""
    text = typed(text.replace("\r\n", "\n").replace("\r", "\n"))
    if "<" in text and _BREAK_TAG.search(text):
        text = _BREAK_TAG.sub("\n", text)
    if "&" in text and _ENTITY.search(text):
        # (An "&nbsp;" decodes to the no-break space plain() makes a space.)
        text = typed(html.unescape(text))
    if "\n" in text and (">" in text or "1" in text):
        text = _unquoted(text)
    if "\\" in text:
        if escapes_breaks(text):
            text = _ESCAPED_BREAK.sub(escaped_break, text)
            # A string its program escaped whole (JSON, a Python repr, a PHP var_export) escapes its
            # tabs too ("2022-01-03 13:18:42\tSERVER -> CLIENT: 220 ..."): only there, where a "\t"
            # is no Windows path's ("C:\temp").
            text = _ESCAPED_TAB.sub("\t", text)
        elif "\\n" in text:
            text = _ESCAPED_REPLY_BREAK.sub("\n", text)
        text = _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)
        if "\\x" in text:
            text = _ESCAPED_BYTES.sub(_decoded_bytes, text)
    if "\n" in text:
        text = _BARE_CODES.sub(r"\1 ", _LONE_CODE.sub(" ", text))
    if "delivery " in text:
        text = _QMAIL_DELIVERY.sub(_qmail_report, text)
    # Last, once the text reads as printed: the words a user retyped, a paste split or cut made the tables' again.
    return retyped.repaired(_unprefixed(_records_apart(text)))


# A log pasted where line breaks are lost (a one-line field, a chat, a forum that renders a paste as one
# paragraph, a user who joined the lines) runs its records together: "Dec 04 12:47:38 mail postfix/smtpd[26301]:
# connect from ... Dec 04 12:47:38 mail postfix/smtpd[26301]: SSL_accept error ...". The readers read a record
# per line (a reply's code first, a log's head first), so each record is put back on a line of its own where a
# line begins with a record's head and holds that head's form again after a space: a syslog head (RFC 3164
# section 4.1.2, "Mmm dd hh:mm:ss host tag[pid]:"), an ISO 8601 date and time (RFC 3339 section 5.6; Exim's
# main log, journald's short-iso form) followed by a word of the same shape as the first record's (Exim's
# message id, journald's host name: not a time a record's own words name). A client's debug transcript marks
# the lines it sent and received ("C: " and "S: ", MailKit's ProtocolLogger and the clients built on it;
# PHPMailer's "CLIENT -> SERVER: " and "SERVER -> CLIENT: ", its SMTP::edebug): three such marks whose
# direction changes twice (a command, its reply, the next command) are three lines. A bounce's
# delivery status fields (RFC 3464 section 2.3: "Action: failed Status: 4.4.1 Diagnostic-Code: ...") are a
# line each where two of them stand in a line. Only long lines are looked at: a record runs past the width of
# a line of a sentence.
_JOINED_MIN = 120
_JOINED_MOST = 100_000  # records split out of one line (a 2 MB paste holds fewer): the work stays bounded
_RECORD_HEADS = (  # (the head, whether the word after it must be shaped as the first record's)
    (re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \S{1,100} "
                r"[\w./-]{1,100}(?:\[\d{1,10}\])?: "), False),
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? "), True),
)
_NEXT_TOKEN = re.compile(r"\S{1,100}")
_TRANSCRIPT_MARK = re.compile(r"(?:^|(?<= ))(?:([CS]): |(CLIENT -> SERVER|SERVER -> CLIENT): )")
_DSN_FIELD = re.compile(r"(?:^|(?<= ))(Reporting-MTA|Received-From-MTA|Arrival-Date|Original-Recipient|Final-Recipient"
                        r"|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until): ", re.IGNORECASE)


def _split_records(line: str) -> str:
    """``line`` with the records of a log run together in it each on a line of its own (see above)."""
    for head, same_next in _RECORD_HEADS:
        first = head.match(line)
        if first is None:
            continue
        shape = _shape(line, first.end()) if same_next else None
        starts = [m.start() for m in itertools.islice(head.finditer(line, first.end()), _JOINED_MOST)
                  if line[m.start() - 1] == " " and (shape is None or _shape(line, m.end()) == shape)]
        if starts:
            return _cut(line, starts)
    marks = list(itertools.islice(_TRANSCRIPT_MARK.finditer(line), _JOINED_MOST))
    sides = [m.group(1) or m.group(2)[0] for m in marks]
    if len(marks) >= 3 and sum(a != b for a, b in itertools.pairwise(sides)) >= 2:
        return _cut(line, [m.start() for m in marks if m.start() > 0])
    fields = list(itertools.islice(_DSN_FIELD.finditer(line), _JOINED_MOST))
    if len({m.group(1).lower() for m in fields}) >= 2:
        return _cut(line, [m.start() for m in fields if m.start() > 0])
    return line


def _shape(line: str, at: int) -> str:
    """The shape of the word at ``at``: its letters and digits as runs of "a" and "9" ("1tXyZa-000ABC-1Q": "9a-9a-9a")."""
    word = _NEXT_TOKEN.match(line, at)
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", word.group())) if word else ""


def _cut(line: str, starts: list[int]) -> str:
    bounds = [0, *starts, len(line)]
    return "\n".join(line[a:b].rstrip() for a, b in itertools.pairwise(bounds))


def _records_apart(text: str) -> str:
    """``text`` with every long line's run-together records apart (:func:`_split_records`)."""
    lines = text.split("\n")
    if all(len(line) < _JOINED_MIN for line in lines):
        return text
    return "\n".join(_split_records(line) if len(line) >= _JOINED_MIN else line for line in lines)


# qmail-send's log of a delivery ("delivery 1: deferral: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/")
# writes the report qmail-remote or qmail-local gave with each line end as "/" and each space (each character
# outside 33-126, and "%") as "_" (qmail-send.c logsafe): the report's own words, as its bounce quotes them, once
# undone. A "/" is taken for a line end where a line of the report starts after it (a capital, or the end).
_QMAIL_DELIVERY = re.compile(r"(\bdelivery \d+: (?:success|failure|deferral): )(\S+)")
_QMAIL_LINE_END = re.compile(r"/(?=[A-Z]|$)")


def _qmail_report(m: re.Match[str]) -> str:
    return m.group(1) + _QMAIL_LINE_END.sub("\n", m.group(2).replace("_", " ")).rstrip("\n")


# A tab between two words of a line: a terminal's or an editor's copy writes one for the spaces it
# covered ("Net::IMAP::NoResponseError:\tThat password ..."), as `expand`/`unexpand` and tmux's
# copy mode do; the readers look for the program's space. (Runs of blanks are made one space later,
# finished(); a tab that indents a line stays, for the wrapped lines' reader.)
_TAB_BETWEEN = re.compile(r"(?<=[^\s])\t(?=[^\s])")


def typed(text: str) -> str:
    """``text`` with the characters a copy put into it that its program never printed made the
    program's own, one by one, before anything reads it: typographic quotes and no-break spaces
    plain (a web page's, a forum's, a word processor's: the reply readers, a code then a space,
    need the plain ones), a tab between words a space, invisible characters and full-width forms
    (see below) undone. explain reads every text in this form, its readers of the raw paste too."""
    text = plain(text)
    if "\t" in text:
        text = _TAB_BETWEEN.sub(" ", text)
    return text if text.isascii() else _typed_forms(text)


# Characters a web page, a word processor or an input method puts into a copy that its program never
# printed. Invisible ones: a zero-width space or word joiner (a page's hint where a long word may break),
# a byte-order mark (a copied file's first character), a soft hyphen. They are dropped between
# characters of the Latin scripts only: Khmer, Thai and Lao write a zero-width space between words
# where other scripts write a space, and their catalogue texts keep it. Nor right after a host name
# ("imap.example.org\u200b"): a name with a character no name holds is no name (namedhost), not a
# name to take whole.
_INVISIBLE = re.compile(r"(?:(?<=[\x00-\u024f])|^)[\u200b\u2060\ufeff\u00ad]+(?=[\x00-\u024f]|$)", re.MULTILINE)
_NAME_BEFORE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+\Z", re.IGNORECASE)


def _visible(m: re.Match[str]) -> str:
    return m.group() if _NAME_BEFORE.search(m.string, max(0, m.start() - 255), m.start()) else ""


# Full-width forms (U+FF01-U+FF5E: a CJK input method's "５３５", "Ｅｒｒｏｒ", "："), each one ASCII
# character (Unicode's compatibility decomposition of the block). Digits and letters everywhere (no
# catalogue text is written in them); punctuation only on a line with no CJK, kana or Hangul, where
# a Chinese or Japanese translation's own "：", "（smtp）" is its program's text.
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH = re.compile(r"[\uff01-\uff5e]")
_CJK_LINE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _ascii_form(m: re.Match[str]) -> str:
    return chr(ord(m.group()) - 0xFEE0)


def _typed_forms(text: str) -> str:
    """``text`` without the invisible characters and full-width forms a copy adds (see above), its
    accented letters composed (NFC)."""
    # A letter and its accent may come as two characters (Unicode's decomposed form, NFD): Sylpheed's
    # Finnish catalogue prints "epa\u0308onnistui", macOS writes file names and some copies so. The
    # tables are written composed ("epäonnistui"), as most programs print: the text is read composed too.
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub(_visible, text)
    if _FULLWIDTH.search(text):
        text = _FULLWIDTH_ALNUM.sub(_ascii_form, text)
        text = "\n".join(line if _CJK_LINE.search(line) else _FULLWIDTH.sub(_ascii_form, line)
                          for line in text.split("\n"))
    return text


# A text quoted in a mail reply ("> " before each line: RFC 3676 section 4.5's quote marks) or copied from
# a forum's code block with its line numbers ("1 ", "2 ", ...): the marks are the paste's, not the
# program's. Taken off only when every line that is not blank carries them -- a quote mark, not a
# debug log's arrow (curl -v's "> EHLO" and "< 250" alternate) -- or numbers that count up by one from
# 1 on the first line (not a server's codes: "250 ..." / "251 ..."), and on two lines at least.
# One level at a time (a reply to a reply quotes with "> > " or ">> "): a level comes off while every line
# still has one, so that a quoted debug log keeps its own arrows ("> > EHLO" quoted is "> EHLO" again).
_QUOTE_MARK = re.compile(r"^>[ \t]?")
_LINE_NUMBER = re.compile(r"^[ \t]{0,4}(\d{1,4})(?:[ \t]+|[:|.][ \t]+)")


def _all_quoted(filled: list[str]) -> bool:
    return bool(filled) and all(line.startswith(">") and (len(line) == 1 or line[1] in " \t>") for line in filled)


def _unquoted(text: str) -> str:
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if len(filled) < 2:
        return text
    if _all_quoted(filled):
        while _all_quoted(filled):
            lines = [_QUOTE_MARK.sub("", line) for line in lines]
            filled = [line for line in lines if line.strip()]
        return "\n".join(lines)
    numbers = [m for m in map(_LINE_NUMBER.match, filled) if m]
    if len(numbers) == len(filled) and all(int(m.group(1)) == 1 + i for i, m in enumerate(numbers)):
        return "\n".join(_LINE_NUMBER.sub("", line) for line in lines)
    return text


# A reply a paste wrapped right after its code ("Server responded:" / "530" / "5.7.0. Issue a STARTTLS
# command first."): a line that is a code alone, and a next line that opens with an enhanced code of
# the same class (RFC 3463: its first digit is the reply's), are one reply's lines.
# Only the blanks and the break after the code are matched (the code stands in the look-behind), so
# that the substitution is a plain string, not a template expanded in Python once per reply.
# So too where the code ends a line after other words ('... but got code "451", with message "451' /
# '4.0.0 backend: invalid return path ...'): a wrap at a client's or a forum's width put the reply's
# enhanced code on the next line.
_LONE_CODE = re.compile(r"(?:(?<=^([2-5])\d\d)|(?<=[\s\"'(]([2-5])\d\d))[ \t]*\n"
                        r"(?=(?:\1|\2)\.\d{1,3}\.\d{1,3}(?!\d|\.\d))", re.MULTILINE)
# A reply's code and enhanced code that end a line, the reply's words on the next ("554 5.2.0" /
# "STOREDRV.Submission.Exception:SendAsDeniedException..."; "AUTH cram-md5 not available: 535 5.7.8" /
# "Error: authentication failed: ..."): RFC 3463 puts the enhanced code first in the reply's text, so
# text follows it, and a wrap moved that text down. Not before a digit or a mark (a reply's next line,
# a log record's time). Only a reply that opens its line or follows a program's label (": "): a reply quoted after
# another on the same line ("550 5.7.350 ... -> 554 5.7.1" / "Service unavailable; ...") is read on by the reply
# readers, which the other reply's words would otherwise swallow.
_BARE_CODES = re.compile(r"(?:^|(?<=: ))(([2-5])\d\d[ -]\2\.\d{1,3}\.\d{1,3})[ \t]*\n(?=[^\W\d_]|[<\[\"'(][^\W\d_])",
                         re.MULTILINE)


# A log prints each line of one message as a record of its own, with the same head: Postfix's
# "Dec  3 10:11:12 host postfix/smtp[123]: " before each line of a server's multi-line reply, an
# application's "2024-03-02 10:11:12,345 ERROR [mailer] " before each line of one exception
# (syslog(3) and journald write one record per line; Python's logging, log4j and PHP's error_log
# repeat their format's head only at the start of a record, so a repeated head is a logger that
# split the message). The readers (a reply's words on its next lines, a sentence wrapped) need the
# message's lines together: a head repeated exactly on consecutive lines, shaped like a log
# record's (a time or "program[pid]:"), is written once on a line of its own before them.
_HEAD_MAX = 200
# Where a head ends: a separator (":", "]", ")", "-", ">", "|") and the spaces after it, or a record's level
# and the spaces after it (Python logging's "%(asctime)s %(levelname)s %(message)s", "2024-05-01 10:22:13 ERROR ";
# syslog's and log4j's level names).
_HEAD_END = re.compile(r"(?:[:\])>|-]|\b(?:ERROR|WARN(?:ING)?|INFO|DEBUG|TRACE|FATAL|CRITICAL|NOTICE|SEVERE))[ \t]+")
_HEAD_SHAPE = re.compile(r"\d:\d\d:\d\d|\w\[\d+\]:")


def _head(line: str, other: str) -> str | None:
    """The log record's head ``line`` and ``other`` both begin with, or None."""
    line, other = line[:_HEAD_MAX], other[:_HEAD_MAX]
    # The length of the common beginning, by halving (slices compared in C: a log's every line is
    # compared with its next, and character by character in Python that took half a second a megabyte).
    same, most = 0, min(len(line), len(other))
    while same < most:
        half = (same + most + 1) // 2
        if line[:half] == other[:half]:
            same = half
        else:
            most = half - 1
    common = line[:same]
    if len(common) < 8 or not _HEAD_SHAPE.search(common):
        return None
    end = 0
    for m in _HEAD_END.finditer(common):
        end = m.end()
    head = common[:end]
    return head if end and _HEAD_SHAPE.search(head) else None


# An application logger's head: the time, then the level it gave the record in capitals ("2024-05-01 10:22:13 ERROR
# ...": Python logging's "%(asctime)s %(levelname)s", log4j's "%d %p"). The message after it is what its program
# printed: a reply's status opens it ("... ERROR NO SELECT Unsafe Login").
LOGGER_LEVEL = re.compile(r"^([ \t]*\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\]?[ \t]+\[?)"
                          r"(ERROR|FATAL|CRITICAL|SEVERE|WARN|WARNING)(?=\]?(?:[ \t]|$))", re.MULTILINE)
_LEVEL_END = re.compile(r"\]?[ \t]+")


def _unprefixed(text: str) -> str:
    """``text`` with a log record's head repeated on consecutive lines written once, on a line of
    its own before them (see above); a one-line record's logger head too (LOGGER_LEVEL). Linear: each
    line is compared with the next over at most _HEAD_MAX characters."""
    if "\n" not in text:
        level = LOGGER_LEVEL.match(text)
        end = _LEVEL_END.match(text, level.end()) if level else None
        return f"{text[:end.start()]}\n{text[end.end():]}" if end and text[end.end():].strip() else text
    if not _HEAD_SHAPE.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    head: str | None = None
    for at, line in enumerate(lines):
        if head is not None and (line.startswith(head) or line == head.rstrip()):
            out.append(line[len(head):])
            continue
        head = _head(line, lines[at + 1]) if at + 1 < len(lines) else None
        if head is None:
            out.append(line)
        else:
            out += (head.rstrip(), line[len(head):])
    return "\n".join(out)


# explain finishes the same text twice where a paste has no soft wraps (its reading, and the
# reply's in sessionlog.whole_reply): two scans of up to a megabyte, one answer.
@functools.lru_cache(maxsize=8)
def finished(text: str) -> str:
    """The last steps of :func:`normalise`: indented lines joined, runs of spaces made one."""
    text = _WRAPPED.sub(" ", text)
    return _SPACES.sub(" ", text)


# A paste soft-wraps a long line at a width (a mail client's 72-78 columns, a forum's, an 80-column
# terminal: "TLS certificate verification failed: The certificate is NOT trusted. The" / "name in
# the certificate does not match the expected."), splitting a sentence whose words the wording
# tables, the TLS, resolver and socket tables and the concepts look for together. A break is taken
# for such a wrap when the line before it is as long as a wrapped line is (SOFT_WIDTH), ends
# mid-sentence (no ".", "!" or "?"), and the line after is no line of its own (_OWN_FIRST, _OWN_NEAR): not
# indented (a stack frame, a folded header: joined otherwise), no timestamp, code, log record or
# stack frame first, no debug log's arrow, no list of fields ("Host: abc" / "Port: 25").
SOFT_WIDTH = (56, 100)
# A shorter line is a wrap too where the next line's first word would not have fitted on it at the
# width a paste wraps at (a mail client's 72 columns): "Authentication results: DKIM = FAILURE - SPF" /
# "DOMAINDIFFERENTFROMEMAILADDRESS with ip ...") -- an indented one too (Exim's bounce indents the reply's
# lines, "    SMTP error from remote mail server after RCPT" / "TO:<user@example.org>:"; a traceback's line of
# code is followed by an indented line, or by its exception's label) -- but not before a label
# ("ssl.SSLCertVerificationError: ...").
WRAP_AT = 72
# Shorter still where the line is itself a wrapped line's rest (a paragraph's every line but its last is
# filled to the width: "... Failed to close connection to SMTP server - 554" / "Access denied: User" /
# "`arn:aws:iam::123456789012:user/ses-smtp-user.ci-servers' is not"), or where the next word alone
# fills most of a line (a URL, a path, an exception's dotted name: "554 5.2.0" /
# "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied;").
_SHORTEST = 30
_LONG_WORD = 40
# (Possessive: a line's characters are taken whole, never given back one by one to look for its end again.)
_SOFT_BREAK = re.compile(rf"^([^\n]{{{_SHORTEST},{SOFT_WIDTH[1]}}}+|[^\n]{{1,{_SHORTEST - 1}}}+(?=\n\S{{{_LONG_WORD}}}))\n(?=\S)",
                         re.MULTILINE)
_SHORT_LINE = re.compile(rf"([^\n]{{1,{_SHORTEST - 1}}}+)\n(?=\S)")
_NEXT_WORD = re.compile(r"\S{1,100}")
_SENTENCE_DONE = re.compile(r"[.!?]['\")\]]?[ \t]*$")
# A line of its own: a number or a mark first (not an address in brackets, a quote or a parenthesis,
# which may go on a sentence: "Client host" / "[192.0.2.7] blocked using ..."), a stack frame, an
# IMAP status (a debug log's "< 220 ..." is its own: a mark, then a space); or, near its start, a time, "program[pid]:", an enhanced code or a debug log's arrow.
# (A stack frame's "at " names a function: a dotted, bracketed or pathed name, "at Foo.bar(", "at new X (",
# "at processTicks (node:internal/...)"; "at for more information." goes on a sentence.)
_OWN_FIRST = re.compile(r"[\d\W_]|at (?:(?:new|async) )?[^\s(]*(?:[.:/\\<$]|\s?\()|(?:File|Traceback|Caused by)\b"
                        r"|\S+ (?:OK|NO|BAD|BYE|PREAUTH)\b")
# (An IPv4 address and a word go on a sentence too: "554 IP address" / "198.51.100.5 rejected [IP reputation fail]";
# and the address alone, with its port or not, that ends it: "nicht verfügbares Netzwerk" / "192.0.2.123:25".)
# So do a number and a word, or a number and a comma, that are no reply's code, time or list's number:
# "421 4.7.66 TLS" / "1.0 and 1.1 are not supported", 'connect(2) for "2a00::1b" port' / "25, execution expired".
_GOES_ON = re.compile(r"[\[(<\"'`/](?=\S)|\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?: [a-z]|\n|$)"
                      r"|(?![2-5]\d\d\b)\d{1,5}(?:\.\d{1,3})?(?:, [a-z]| (?:and|or|are|is|to|of|for|in|on)\b)")
# (An enhanced code is three numbers, not the start of a longer dotted number, "4.16.55.1", nor a logfmt or JSON
# field's value, which a wrapped record holds anywhere, "ecode=5.5.0", '"smtp_enchcode":"5.1.8"'; a debug log's
# arrow is no longer one, "[192.0.2.1 <-- example.com]"; a time is no address's port, "192.0.2.123:123".)
_OWN_NEAR = re.compile(r".{0,60}?(?:(?<![\d.])\d{1,2}:\d\d(?!\d)|\w\[\d+\]:|(?<![#=])(?<!\":)\b(?P<enhanced>[245]\.\d{1,3}\.\d{1,3})\b(?!\.\d)"
                       r"|(?<!-)->|<-(?!-)|>>|<<)")
# Those marks but the enhanced code: a line whose enhanced code the line before holds too goes on the
# same reply (a multiline reply a log wrote on one line, then wrapped: "said: 550-5.7.1 [192.0.2.1] The IP" /
# "you're using to send mail is not authorized to 550-5.7.1 send email ...").
_OWN_MARK = re.compile(r".{0,60}?(?:(?<![\d.])\d{1,2}:\d\d(?!\d)|\w\[\d+\]:|(?<!-)->|<-(?!-)|>>|<<)")
# A field of a list ("Host: abc", "Port: 25"): a line of its own where the next line is one too,
# or where the line before begins with the same label (a program's prefix on each of its lines).
_FIELD = re.compile(r"[A-Za-z][\w.-]{0,40}:[ \t]")
# A line's first word, whole and long enough to be a program's own mark rather than a word of a sentence.
_FIRST_WORD = re.compile(r"\S{4,40}[ \t]")
# A log record's own line (a timestamp, "program[pid]:", key=value fields), which the reply readers
# do not take the next line into (replies._LOG_RECORD).
_RECORD = re.compile(r".{0,200}?(?:\d:\d\d:\d\d|\w\[\d+\]:|\w=\S)")


def soft_breaks(text: str) -> list[tuple[int, bool]]:
    """Where ``text`` (before its indented lines are joined: a soft wrap is told by the lengths of
    the lines as they were pasted) holds a line break a paste soft-wrapped a line at (see
    SOFT_WIDTH), each with whether the line before it is a log record's (_RECORD). Linear: one
    bounded look at each line break of a line long enough."""
    breaks: list[tuple[int, bool]] = []
    for m in _SOFT_BREAK.finditer(text):
        if breaks and breaks[-1][0] >= m.start():
            continue  # (looked at already, as a wrapped line's rest)
        found = _soft_break(text, m.group(1), m.end())
        while found is not None:
            breaks.append(found)
            rest = _SHORT_LINE.match(text, found[0] + 1)  # a wrapped line's rest, however short (above)
            found = _soft_break(text, rest.group(1), rest.end()) if rest else None
    return breaks


def _soft_break(text: str, line: str, at: int) -> tuple[int, bool] | None:
    """The soft break after ``line``, the next line starting at ``at``, with whether ``line`` is a log
    record's; None when the break is the program's own (see soft_breaks)."""
    following = _NEXT_WORD.match(text, at)  # (always a word: the line breaks before one)
    if len(line) < SOFT_WIDTH[0] and (_FIELD.match(text, at)
                                      or following is None or len(line) + 1 + len(following.group()) <= WRAP_AT):
        return None  # (a label after it is a line of its own)
    if _SENTENCE_DONE.search(line):
        return None
    if _OWN_FIRST.match(text, at) and not _GOES_ON.match(text, at):
        return None
    near = _OWN_NEAR.match(text, at)
    if near and (not near.group("enhanced") or near.group("enhanced") not in line or _OWN_MARK.match(text, at)):
        return None
    label = _FIELD.match(text, at)
    if label and line.startswith(label.group()):
        return None  # the program's own prefix again ("mpop: ..." / "mpop: error ...")
    first = _FIRST_WORD.match(line)
    if first and text.startswith(first.group(), at):
        return None  # the same first word again: a prefix of the program's ("HaskellNet-SSL RECV: ..." / "HaskellNet-SSL SEND: ...")
    if label:
        after = text.find("\n", at, at + 1000)
        if after >= 0 and _FIELD.match(text, after + 1) and not _prefixed_around(line, text, after + 1):
            return None
    return at - 1, bool(_RECORD.match(line))


def _prefixed_around(line: str, text: str, at: int) -> bool:
    """Whether ``line`` and the line at ``at`` begin with the same program's prefix ("mail.mailutils: ..."),
    so that the line between them, without it, is the first one's rest a wrap put down ("... Error: authentication"
    / "failed: Password expired" / "mail.mailutils: Cannot open mailer: ..."), not a field of a list."""
    own = _FIELD.match(line)
    return own is not None and text.startswith(own.group(), at)


def joined(text: str, breaks: list[tuple[int, bool]], *, across_records: bool = True) -> str:
    """``text`` with the soft ``breaks`` made spaces (one character for one); without
    ``across_records``, not those after a log record's line."""
    parts: list[str] = []
    last = 0
    for at, record in breaks:
        if across_records or not record:
            parts += (text[last:at], " ")
            last = at + 1
    return "".join(parts) + text[last:] if parts else text


@functools.cache
def _asides() -> re.Pattern[str]:
    """One expression for data/error-texts.yaml ``asides``: a line that holds one is left out."""
    rows = error_texts()["asides"]
    return re.compile(r"^[^\n]*?(?:" + "|".join(f"(?:{r['pattern']})" for r in rows) + r")[^\n]*\n?",
                      re.IGNORECASE | re.MULTILINE)


@functools.cache
def _aside_needs() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Per ``asides`` row, the strings a line it matches holds (wordfold.needed)."""
    return tuple(needed(re.compile(r["pattern"], re.IGNORECASE)) for r in error_texts()["asides"])


def without_asides(text: str) -> str:
    """The text without a server's log lines that say nothing of the failure (data/error-texts.yaml
    ``asides``): its checks of its clients' names, whose resolver words are about the client, and a
    client's orderly hang-up."""
    # Most texts hold none of the rows' literal words: then no line is an aside, and a megabyte is
    # not scanned line by line with the whole alternation (about 0.1 s).
    held = caseless(text)
    if not any(may_match(needs, held) for needs in _aside_needs()):
        return text
    return _asides().sub("", text)


@functools.cache
def _framing() -> dict[str, re.Pattern[str]]:
    """data/error-texts.yaml ``user_framing``: per place (``first``, ``last``) one expression of whole lines."""
    rows = error_texts()["user_framing"]
    return {where: re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["where"] == where), re.IGNORECASE)
            for where in ("first", "last")}


def without_framing(text: str) -> str:
    """The text without the asker's own sentences around the paste (data/error-texts.yaml ``user_framing``): a
    first line that introduces it and a last line that asks about it or thanks, each as long as other lines stay.
    At most two lines at either end: a greeting before the introduction, thanks after the question."""
    lines = text.split("\n")
    framing = _framing()
    start, end = 0, len(lines)
    for _ in range(2):
        while start < end and not lines[start].strip():
            start += 1
        if start + 1 < end and framing["first"].fullmatch(lines[start].strip()):
            start += 1
    for _ in range(2):
        while end > start and not lines[end - 1].strip():
            end -= 1
        if end - 1 > start and framing["last"].fullmatch(lines[end - 1].strip()):
            end -= 1
    kept = lines[start:end]
    return "\n".join(kept) if any(line.strip() for line in kept) and (start, end) != (0, len(lines)) else text

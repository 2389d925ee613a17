"""What a mail program's message is about, read from its words when no exact wording is known.

The tables of :mod:`mailexpert.classify` and the wordings of ``explain`` know the sentences
that clients, libraries and TLS stacks print. A client nobody collected says the same things
in its own words: "the password for X was not accepted", "we couldn't verify the identity of
the server", "the outgoing server is not responding". The concept table
(``data/concepts.yaml``) names the concepts such messages are made of -- credentials, a
certificate, an expiry, a look-up, a timeout -- with the words that say them, and which
concepts together show what. :func:`read` finds the first reading whose concepts stand near
one another in the text, and which protocol the text is about; ``explain`` turns the reading
into the facts the exact wording would have given, and says the reading is a guess.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from mailexpert import pastetext, rulecache
from mailexpert.classify import error_texts, fold
from mailexpert.wordfold import caseless, may_hold, may_match, needed

DATA_FILE = Path(__file__).resolve().parent / "data" / "concepts.yaml"
#: One file a language (or a family of them): more words for the groups of DATA_FILE, kept
#: apart so that a language's vocabulary is read, sourced and extended in one place.
WORDS_DIR = DATA_FILE.parent / "concept-words"
#: Longest part of a text searched for concepts, from its start and from its end: the concepts
#: of a failure stand in the message, or at the end of a log, and the search stays fast.
MAX_SCAN = 8_000
PROTOCOLS = ("smtp", "imap", "pop3")


@attrs.frozen
class Reading:
    """A row of the readings table."""

    all: tuple[str, ...]
    none: tuple[str, ...]
    gives: dict[str, Any] = attrs.field(hash=False)
    alone: bool
    source: str
    #: How near its concepts must stand, when nearer than the table's window.
    window: int | None = None


@attrs.frozen
class Concepts:
    window: int
    groups: dict[str, re.Pattern[str]] = attrs.field(hash=False)
    readings: tuple[Reading, ...]
    #: The parts of a text that name a setting or a field, whose words are not read.
    labels: re.Pattern[str] = attrs.field(default=re.compile("(?!)"), hash=False)
    #: Each label row's pattern with the strings a text it matches holds (wordfold.needed), in order.
    label_parts: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = attrs.field(default=(), hash=False)
    #: The readings of a text about mail that only says something failed (the table's ``unsaid``),
    #: asked only when nothing else in the text was read.
    unsaid: tuple[Reading, ...] = ()


#: The mark before a word that may also stand inside a word: as the later part of a compound.
COMPOUND = "-"
#: The fewest letters of a word so marked: a short one stands by chance inside many words.
COMPOUND_MIN = 4


#: The letters a word of the table may not follow or (a word ending in a space) be followed by: a
#: word starts at a word's start, in the alphabets that space their words (Latin with its
#: accented letters, Greek, Cyrillic: "connexion" is not in "déconnexion", "auth " not in
#: "authé"); the scripts that do not (Chinese, Japanese) match anywhere.
_LETTERS = "a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f"


def _pattern(words: list[str], shape: str | None) -> re.Pattern[str]:
    # Longest words first, so that the alternation reports the longest one at a place.
    # A word that ends in a space ends there: "auth " is "AUTH" and "auth." but not "author".
    def alternatives(some: Iterable[str]) -> str:
        return "|".join(re.escape(w.rstrip()) + (rf"(?![{_LETTERS}])" if w.endswith(" ") else "")
                        for w in sorted(some, key=len, reverse=True))

    # Words start at a word's start; a shape says itself where it may start. German, Dutch and the
    # Nordic languages write a compound as one word ("Serververbindung", "certificaatfout",
    # "tidsafbrud"): a word marked COMPOUND is found after other letters as well.
    pattern = rf"(?<![{_LETTERS}])(?:{alternatives(dict.fromkeys(w.removeprefix(COMPOUND) for w in words))})" if words else "(?!)"
    inside = [w.removeprefix(COMPOUND) for w in words if w.startswith(COMPOUND)]
    short = [w for w in inside if len(w.strip()) < COMPOUND_MIN]
    if short:
        raise ValueError(f"{DATA_FILE.parent}: too short to be found inside a compound: {short}")
    if inside:
        pattern += rf"|(?<=[^\W\d_])(?:{alternatives(inside)})"
    return re.compile(f"{pattern}|(?:{shape})" if shape else pattern)


@functools.cache
def table() -> Concepts:
    data = rulecache.data_file(DATA_FILE)
    groups = {name: _pattern(words, data["groups"][name].get("shape")) for name, words in group_words().items()}
    def rows(key: str) -> tuple[Reading, ...]:
        return tuple(Reading(tuple(r["all"]), tuple(r.get("none", ())), dict(r["gives"]), bool(r.get("alone")),
                             r["source"], r.get("window")) for r in data.get(key, ()))

    readings, unsaid = rows("readings"), rows("unsaid")
    for r in readings + unsaid:
        unknown = set(r.all + r.none) - set(groups)
        if unknown:
            raise ValueError(f"{DATA_FILE}: a reading names unknown groups {sorted(unknown)}")
    parts = tuple(r["pattern"] for r in data.get("labels", ()))
    labels = _labels(parts)
    return Concepts(int(data["window"]), groups, readings, labels,
                    tuple((part, needed(re.compile(part, re.MULTILINE))) for part in parts), unsaid)


def group_words() -> dict[str, list[str]]:
    """Each group's words: those of DATA_FILE's row, then those of each WORDS_DIR file in name order."""
    words = {name: list(g.get("words", [])) for name, g in rulecache.data_file(DATA_FILE)["groups"].items()}
    for path in sorted(WORDS_DIR.glob("*.yaml")):
        for name, more in (rulecache.data_file(path).get("groups") or {}).items():
            if name not in words:
                raise ValueError(f"{path}: words for a group concepts.yaml does not have: {name!r}")
            words[name] += more["words"]
    return words


@functools.lru_cache(maxsize=64)
def _labels(parts: tuple[str, ...]) -> re.Pattern[str]:
    """The label rows as one alternation, in their order (the first that matches at a place wins)."""
    return re.compile("|".join(f"(?:{part})" for part in parts) or "(?!)", re.MULTILINE)


@attrs.frozen
class Found:
    """What :func:`read` found: the reading, the protocol the text is about, and the line."""

    reading: Reading
    protocol: str | None
    line: str
    #: Where the last of the reading's concepts stands in the text (-1: not known): a reason
    #: that follows a failure in a chained message explains it ("failed; ...: no mechanism
    #: available"), one that comes before it may be an alternative ("no authenticators
    #: available or wrong credentials").
    end: int = -1


def _scanned(text: str) -> str:
    if len(text) <= 2 * MAX_SCAN:
        return text
    return text[:MAX_SCAN] + "\n" + text[-MAX_SCAN:]


# A program's identifiers join the words of their meaning: .NET's RemoteCertificateNameMismatch
# and NotTimeValid, NSS's SSL_ERROR_BAD_CERT_DOMAIN, Java's UnknownHostException. Such an
# identifier of three words or more is read as its words, and an underscore as a space. (Names
# of two words are mostly names -- MailKit, SmtpClient, StartTls -- and stay whole.)
_IDENTIFIER = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}(?![a-z])")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _words(text: str) -> tuple[str, list[int]]:
    """The text with identifiers split into words, and the places (in the result) of the
    spaces put in, to find a place of the original text again."""
    inserted: list[int] = []

    def split(m: re.Match[str]) -> str:
        parts = _HUMP.split(m.group())
        at = m.start() + len(inserted)
        for part in parts[:-1]:
            at += len(part)
            inserted.append(at)
            at += 1
        return " ".join(parts)

    spaced = _IDENTIFIER.sub(split, text) if _IDENTIFIER.search(text) else text
    return spaced.replace("_", " "), inserted


def _near(positions: list[int], at: int, window: int) -> bool:
    i = bisect.bisect_left(positions, at - window)
    return i < len(positions) and positions[i] <= at + window


# An address's local part is a name, not words: "username@example.org" in a bounce, "login@" or
# "password-reset@" as a sender says nothing of a login. Blanked (its length kept, so that places
# in the text stay where they were) before the concept words are looked for; the domain stays.
_LOCAL_PART = re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}(?=@[a-z0-9-]{1,63}\.[a-z0-9])")


# A c-client mailbox name's flags ("{imap.example.com:993/imap/ssl/novalidate-cert}INBOX", as PHP's
# imap_open() and the programs over it quote it) are the settings the program was given, not words of
# what failed: "/novalidate-cert" turns certificate checks off. Blanked like a local part; the host and
# the port stay (data/error-texts.yaml named_settings reads them).
@functools.cache
def _mailbox_names() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["mailbox"], re.IGNORECASE) for r in error_texts().get("named_settings", ())
                 if "mailbox" in r)


def without_mailbox_flags(low: str) -> str:
    """The (folded) text with the flags of each c-client mailbox name in it blanked, places kept."""
    for pattern in _mailbox_names():
        low = pattern.sub(lambda m: m.string[m.start() : m.start(3)] + " " * len(m.group(3))
                          + m.string[m.end(3) : m.end()], low)
    return low


# A stack trace's frame names where the program was, in the words of its code: a class, a method, a source file
# ("at com.sun.mail.smtp.SMTPTransport.protocolConnect(SMTPTransport.java:746)", Python's 'File "x.py", line 3, in
# send_password_reset', PHP's "#2 /var/www/lib/login.php(55): core_login_process_password_reset()", Moodle's "line 55
# of /login/lib.php: call to ...()"). Its names say which program, protocol and step the failure is in (a
# SmtpStream.ReadResponse: the reply was being read; an SslStream: the TLS layer), not what happened: a class
# "moodle_exception" or a method "onFailure" is no failure, a "PasswordResetController" no connection reset, a
# function "process_password_reset" or a "LoginController" (a web application's own pages for its users) no refused
# login. What happened is said in the exception's own line, so in a frame only the words of _IN_FRAMES are read.
# Frame forms: the JVM's Throwable.printStackTrace and .NET's Exception.StackTrace ("   at NAME(ARGS)"), Python's
# traceback module, PHP's Exception::getTraceAsString ("#N FILE(LINE): CALL"), Moodle's debug backtrace
# (lib/setuplib.php format_backtrace: "line N of FILE: call to NAME()").
# (A JVM or .NET frame's name is qualified -- a dot at least -- and may stand split into its words: _words.)
_FRAME = re.compile(r"^[ \t]*(?:at [\w$<>`\[\], ]+(?:\.[\w$<>`\[\], ]+)+\(.*|file \".*\", line \d+.*|#\d+ [^\n]*\(\d+\): .*"
                    r"|line \d+ of \S+: .*)$", re.MULTILINE)
#: The groups read in a frame: what the text is about (mail, a protocol, another service) and the step the
#: program was at (connecting, greeting, TLS, sending, reading a reply, a mechanism, a host).
_IN_FRAMES = frozenset({"mail", "mail-context", "elsewhere", "message-crypto", *PROTOCOLS, "protocol-named",
                        "server-noun", "connect", "greeting", "tls", "starttls", "send", "read-side", "host", "mechanism"})


def _without_frames(low: str) -> str:
    """The (folded) text with each stack frame's line blanked, places kept."""
    if "at " not in low and "line " not in low and "#" not in low:
        return low
    return _FRAME.sub(lambda m: " " * len(m.group()), low)


def _without_levels(text: str) -> str:
    """``text`` with a logger's level blanked, its length kept (pastetext.LOGGER_LEVEL): the level the program that
    logged a line gave it is no word of its message. Read as one, any line an application logs at that level
    ("improper command pipelining", a server's own warning) would be a failure."""
    return pastetext.LOGGER_LEVEL.sub(lambda m: m.group(1) + " " * len(m.group(2)), text) if "-" in text else text


def read(text: str, *, about_mail: bool = False, unsaid: bool = False) -> Found | None:
    """The first reading of the concept table the text shows, or None. ``about_mail``: the
    caller knows the text is a mail program's (the user named the mail server it came from),
    whether or not its own words say so (Go's bare "EOF"). ``unsaid``: the table's last resort
    instead (``unsaid``: a text about mail that says only that something failed), for a text
    nothing else in it was read from."""
    concepts = table()
    text = _scanned(text)
    spaced, inserted = _words(_without_levels(text))
    low = fold(spaced)
    low = unlabelled(low)
    if "@" in low:
        low = _LOCAL_PART.sub(lambda m: " " * len(m.group()), low)
    if "{" in low:
        low = without_mailbox_flags(low)
    held = caseless(low)
    framed = _without_frames(low)
    hits = {name: [m.start() for m in pattern.finditer(low if name in _IN_FRAMES else framed)]
            if may_hold(pattern, held) else [] for name, pattern in concepts.groups.items()}
    about_mail = about_mail or _names_mail(lambda group: bool(hits[group]))
    for reading in concepts.unsaid if unsaid else concepts.readings:
        if not (about_mail or reading.alone):
            continue
        first, *others = reading.all
        window = reading.window or concepts.window
        # The last place first: in a log, the failure is told at the end.
        for at in reversed(hits[first]):
            if all(_near(hits[g], at, window) for g in others) and not any(
                    _near(hits[g], at, window) for g in reading.none):
                place = at - bisect.bisect_left(inserted, at)
                last = max(_nearest(hits[g], at) for g in reading.all)
                last -= bisect.bisect_left(inserted, last)
                return Found(reading, _protocol(hits, at, concepts.window), _line(text, place),
                             last if len(text) <= 2 * MAX_SCAN or last < MAX_SCAN else -1)
    return None


#: The words between a server-said label and its colon (data/concepts.yaml ``quote_label``).
_QUOTE_FOLLOWS = rulecache.data_pattern(DATA_FILE, rulecache.data_file(DATA_FILE), "quote_label")


def _said_labels(low: str) -> list[re.Match[str]]:
    """A client's labels for what the server said in a folded text: only a label that introduces
    the quote ("responded:", "response was:", "returned the error:"), not a verb of the client's
    sentence ("server refused CAPA command")."""
    return [m for m in table().groups["server-said"].finditer(low)
            if m.group().endswith(":") or _QUOTE_FOLLOWS.match(low, m.end())]


#: The colon, blanks and opening quote between a label and the server's words.
_OPENING = re.compile(r"[ \t:]*(['\"]?)[ \t]*")


def quote_start(text: str) -> tuple[int, str]:
    """Where the server's words begin in ``text``: after the last of a client's labels for them
    ("The mail server responded: ", "Server Response: '"), with the quote that opens them ("" for
    none); (0, "") when no label introduces them."""
    low = fold(text)
    said = _said_labels(low) if len(low) == len(text) else []
    if not said:
        return 0, ""
    end = said[-1].end()
    follows = _QUOTE_FOLLOWS.match(low, end)
    opening = _OPENING.match(low, follows.end() if follows else end)
    assert opening is not None  # it matches the empty string
    return opening.end(), opening.group(1)


def about_mail(text: str) -> bool:
    """Whether a text's words say it is about mail: the ``mail`` group (a mail noun, protocol,
    port or program), or everybody's words for a server, an account or a message
    (``mail-context``) in a text that names no other kind of service (``elsewhere``)."""
    low = unlabelled(fold(_scanned(text)))
    groups = table().groups
    return _names_mail(lambda group: groups[group].search(low) is not None)


def _names_mail(occurs: Callable[[str], bool]) -> bool:
    """Whether the groups that occur in a text say it is about mail: a ``mail`` word, or
    ``mail-context`` words where no ``elsewhere`` word names another kind of service."""
    return occurs("mail") or (occurs("mail-context") and not occurs("elsewhere"))


def names(text: str, group: str) -> bool:
    """Whether a word of one group of DATA_FILE (in any of its languages) stands in a text."""
    return table().groups[group].search(unlabelled(fold(_scanned(text)))) is not None


def elsewhere(text: str) -> bool:
    """Whether a text is about another kind of service and names nothing of mail (the
    ``elsewhere`` group without the ``mail`` group): a web request, a Windows file share."""
    low = unlabelled(fold(_scanned(text)))
    groups = table().groups
    if not groups["elsewhere"].search(low):
        return False
    # The other service's own words are not mail's: OpenLDAP's "ldap_sasl_bind" names no mail SASL.
    return not groups["mail"].search(groups["elsewhere"].sub(lambda m: " " * len(m.group()), low))


def message_crypto(text: str) -> bool:
    """Whether a text is about the message's own end-to-end encryption or signature (the
    ``message-crypto`` group: OpenPGP keys, S/MIME certificates in the mail program)."""
    return table().groups["message-crypto"].search(unlabelled(fold(_scanned(text)))) is not None


# Asked of the same folded text by several steps of one explain (elsewhere, the TLS and resolver
# steps, read): a scan of up to a megabyte with the table's long alternation, whose answer depends
# on the text alone.
@functools.lru_cache(maxsize=8)
def unlabelled(low: str) -> str:
    """Lower-case text with the parts that name a setting, a field or a step blanked out (the
    table's ``labels``): their words say nothing of what happened."""
    # The alternation holds only the rows whose strings (wordfold.needed) all stand in the text: a
    # row that cannot match anywhere in it never takes a place from another, so the text is blanked
    # exactly as by the whole table, while a megabyte is no longer tried at each place with every
    # row (most texts hold few rows' strings, many none).
    parts = _label_parts(low)
    return _labels(parts).sub(lambda m: " " * len(m.group()), low) if parts else low


def label_spans(low: str) -> list[tuple[int, int]]:
    """Where :func:`unlabelled` blanks ``low``: the start and end of each label found in it."""
    parts = _label_parts(low)
    return [m.span() for m in _labels(parts).finditer(low) if m.end() > m.start()] if parts else []


def _label_parts(low: str) -> tuple[str, ...]:
    held = caseless(low)
    return tuple(part for part, needs in table().label_parts if may_match(needs, held))


def server_words(text: str) -> str | None:
    """What a client quotes the server as saying, after the last of its labels for it ("The
    server responded: ...", "The server response was: ...", "said: ..."): the label and the rest
    of that line and the next, when they hold words; else None."""
    scanned = _scanned(text)
    low = fold(scanned)
    said = _said_labels(low)
    if not said:
        return None
    end = said[-1].end()
    stop = low.find("\n", low.find("\n", end) + 1)
    stop = stop if stop >= 0 else len(low)
    opening = re.match(r"[ :\t]*(['\"])", low[end:stop])
    if opening:  # a quoted reply ends at its closing quote (Outlook's "Server Response: '...', Port: 465")
        close = low.find(opening.group(1), end + opening.end())
        stop = close if close >= 0 else stop
    quoted = scanned[end:stop].strip(" :\t\n'\"")
    return scanned[said[-1].start() : stop] if re.search(r"[^\W\d_]{3}", quoted) else None


def _nearest(positions: list[int], at: int) -> int:
    """The position in ``positions`` (sorted, not empty) nearest ``at``."""
    i = bisect.bisect_left(positions, at)
    return min(positions[max(i - 1, 0) : i + 1], key=lambda p: abs(p - at))


def _protocol(hits: dict[str, list[int]], at: int, window: int) -> str | None:
    """The protocol named nearest the concepts; else the only one named anywhere."""
    near = [(min(abs(p - at) for p in hits[name]), name) for name in PROTOCOLS
            if hits[name] and _near(hits[name], at, 2 * window)]
    if near:
        return min(near)[1]
    named = [name for name in PROTOCOLS if hits[name]]
    return named[0] if len(named) == 1 else None


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()

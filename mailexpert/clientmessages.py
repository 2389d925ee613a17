"""Mail clients' own message catalogues, turned into rows of the wording tables.

A mail client prints the messages of its string files (Thunderbird's ``.properties`` and
``.ftl``, Android's ``strings.xml``, gettext catalogues) with its placeholders filled: a host,
a user name, the server's own words. ``data/client-messages.yaml`` keeps each message as its
catalogue has it -- the template, placeholders and all -- with what it shows and where it
comes from. :func:`table_rows` turns every template into a pattern of the wording tables
(``data/error-texts.yaml``): lower case, each placeholder and each quote a gap (`` … ``,
matched by plain substring search in order, never by a regular expression), the first
sentence or sentences as the part a user is sure to paste. The rows join the tables that
say the same kind of thing (``wordings``, ``socket``, ``dns``, ``tls``), so a client's
message has the precedence every wording has: a server's reply code or a TLS stack's
own error in the same text still says more.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mailexpert.errors import DataTableError
from mailexpert.wordfold import GAP, fold, locate, whole_words, words

DATA_FILE = Path(__file__).resolve().parent / "data" / "client-messages.yaml"
#: Mail libraries' own message catalogues (PHPMailer's language files, nodemailer's, MailKit's,
#: .NET's resource strings ...): the same shape under ``libraries``, read the same way.
LIBRARY_FILE = Path(__file__).resolve().parent / "data" / "library-messages.yaml"
#: More languages of the catalogues' messages (data/translations/*.yaml, a file a program or
#: family of programs): under ``translations``, program -> its catalogue's ``source`` -> the
#: same locale -> key -> text as a catalogue's own ``translations``, added to that catalogue's.
#: Kept apart so that no data file outgrows what a data file may hold (userfile.LIMITS).
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "data" / "translations"
TRANSLATION_FILES = tuple(sorted(TRANSLATIONS_DIR.glob("*.yaml")))
DATA_FILES = (DATA_FILE, LIBRARY_FILE, *TRANSLATION_FILES)
#: The top-level keys of a catalogue file: the programs whose messages it holds.
SECTIONS = ("clients", "libraries")

#: The kinds of reading a message can give, and the table its rows join.
TABLE_OF = {"wording": "wordings", "socket": "socket", "dns": "dns", "tls": "tls"}
#: The fields of a row that a wording carries to its table besides the evidence.
WORDING_FIELDS = ("protocol", "strong", "status", "code", "stage", "enhanced", "mechanism", "starttls_first", "wraps", "file")
#: The evidence that says what happened, not only that something did: it beats a TLS,
#: resolver or socket word beside it (as in error-texts.yaml), unless the row says otherwise.
STRONG_EVIDENCE = frozenset({"mechanism", "starttls-not-offered", "auth-not-offered", "starttls-failed",
                             "no-greeting", "bad-greeting", "credentials-missing", "cleartext-refused", "server-unset",
                             "not-connected", "address-invalid", "settings-conflict"})
#: Fewest letters a pattern's literal words must hold: shorter ones say nothing of their own
#: (an error number -- Outlook's 0x800CCCxx -- says enough in ten).
MIN_LITERAL = 12
_ERROR_NUMBER = re.compile(r"0x[0-9a-f]{8}")
#: The literal words a pattern is cut to when the message is long: the sentences a user pastes first.
MATCH_LITERAL = 30

# printf (%s, %S, %1$S, %d, %@, %.200S), Qt (%1), MessageFormat and .NET ({0}), Fluent ({ $server },
# { -brand-short-name }, a term with its arguments: { -brand-short-name(case: "dat") }), shell-like ($1) and PHP-like ($code: Roundcube's) placeholders;
# Android's <xliff:g> wraps one.
_PLACEHOLDER = re.compile(
    r"<xliff:g[^>]{0,200}>.{0,80}?</xliff:g>"
    r"|%(?:\d{1,2}\$)?[-#+ 0]{0,3}\d{0,3}(?:\.\d{1,3})?[sSdiuxXf@c]"
    r"|%\d{1,2}(?![\d$])"
    r"|\{\s{0,3}[$-]?[\w.-]{1,60}(?:\([^(){}]{0,80}\))?\s{0,3}\}"
    r"|\$\{?\d{1,2}\}?"
    r"|\$[A-Za-z_]\w{0,30}")
_MARK = "\x00"
# A quote, unless it stands between two letters (an apostrophe: "doesn't", "can't").
_QUOTE = re.compile(r"[\"`«»„「」『』]|(?<![^\W\d_])'|'(?![^\W\d_])")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
# Full stops: Latin, CJK, the Devanagari and Bengali danda, the Urdu full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？।৷۔])|\n+")
_EDGE = " \t.,:;!?-–—。，、：；！？।৷۔"
_SPACE = re.compile(r"\s+")


def _unescape(text: str) -> str:
    """A catalogue's escapes undone: ``\\n``, ``\\'``, ``\\uXXXX``, XML entities."""
    def one(m: re.Match[str]) -> str:
        c = m.group(1)
        if c.startswith("u") and len(c) == 5:
            return chr(int(c[1:], 16))
        return {"n": "\n", "t": " "}.get(c, c)

    return html.unescape(_ESCAPE.sub(one, text))


def literal_size(pattern: str) -> int:
    """How much a pattern's own words say: their UTF-8 length (a CJK character says as much
    as a few Latin letters)."""
    return sum(len(part.encode()) for part in pattern.split(GAP))


def pattern(template: str, whole: bool = False) -> str:
    """The wording-table pattern of a catalogue template: lower case, each placeholder and
    quote a gap, its first sentences (at least :data:`MATCH_LITERAL` letters of its own), or
    all of them (``whole``)."""
    text = _PLACEHOLDER.sub(_MARK, _unescape(template))
    text = _QUOTE.sub(_MARK, fold(text))
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip(_EDGE + _MARK)]
    parts: list[str] = []
    for sentence in sentences:
        for piece in sentence.split(_MARK):
            piece = _SPACE.sub(" ", piece).strip(_EDGE)
            # A piece of a letter or two ("s", "(") joins nothing a user would paste; two CJK
            # characters ("失败") are a word.
            if any(c.isalnum() for c in piece) and len(piece.encode()) >= 3:
                parts.append(piece)
        if not whole and literal_size(GAP.join(parts)) >= MATCH_LITERAL:
            break
    return GAP.join(parts)


def rows(data: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every message of the catalogue, with its client's name and its catalogue's source; a
    catalogue's translations (``translations``: locale -> key -> text) are messages too, with
    the reading of the message of the same key (its ``match`` was chosen for its own words)."""
    for client, entry in programs(data).items():
        for catalogue in entry["catalogues"]:
            by_key: dict[str, list[dict[str, Any]]] = {}
            for message in catalogue["messages"]:
                source = message.get("source") or catalogue["source"]
                by_key.setdefault(message["key"], []).append(message)
                yield client, {**message, "source": f"{source} ({message['key']})"}
            translations = catalogue.get("translations") or {}
            for locale, texts in translations.items():
                if locale == "source":
                    continue
                for key, text in texts.items():
                    for original in by_key[key]:
                        message = {k: v for k, v in original.items() if k not in ("match", "source")}
                        source = translations["source"].replace("{locale}", locale)
                        # The English words chosen for a message do not translate: a translation of
                        # a message whose first sentence says too little is looked for whole. A message
                        # whose reading hangs on what its placeholder says (one row a ``value``: Thunderbird
                        # for Android's missing capability, STARTTLS or AUTH=PLAIN) keeps that value in
                        # each language, or every capability would read as the first row's.
                        said = _PLACEHOLDER.sub(str(original["value"]), text) if "value" in original else text
                        yield client, {**message, "text": said, "key": f"{key} [{locale}]",
                                       "source": f"{source} ({key})",
                                       **({"whole": True} if "match" in original else {}),
                                       **({"template": original["text"]} if "host" in original else {})}


def programs(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every program of a catalogue file (or of several merged), client or library, by name."""
    return {name: entry for section in SECTIONS for name, entry in (data.get(section) or {}).items()}


def load() -> dict[str, Any]:
    """The catalogue files merged: every client's and every library's messages."""
    merged: dict[str, Any] = {}
    for path in (DATA_FILE, LIBRARY_FILE):
        for section, entries in read(path).items():
            if section in SECTIONS:
                merged.setdefault(section, {}).update(entries)
    return merged


def read(path: Path) -> dict[str, Any]:
    """A catalogue file with the languages of :data:`TRANSLATION_FILES` added to its catalogues
    (new dicts: the cached tables are not changed). A translation of a catalogue the file does
    not hold is for another file; one of a locale the catalogue already has, or of a program or
    catalogue no file holds, is an error of the translation file."""
    from mailexpert import rulecache

    data = rulecache.data_file(path)
    extra = translations()
    out: dict[str, Any] = dict(data)
    for section in SECTIONS:
        if section not in data:
            continue
        out[section] = {name: _composed(_translated(name, _named_placeholders(entry), extra.get(name, {})))
                        for name, entry in data[section].items()}
    return out


def _composed(value: Any) -> Any:
    """``value`` with every string in it composed (NFC), as explain reads a pasted text
    (pastetext._typed_forms): a catalogue copied from a program's decomposed strings
    (Sylpheed's Finnish, Evolution's Bengali) matches the same message composed."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)  # (returns the string itself when it is composed already)
    if isinstance(value, dict):
        return {k: _composed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_composed(v) for v in value]
    return value


# Laravel's placeholders (":host is not available on :port port"), in a catalogue that says it uses them
# (`placeholders: laravel`): elsewhere a colon before a word is the program's own text (Ruby's ":tls").
_LARAVEL = re.compile(r"(?<!\S):([a-z][a-z_]{0,30})(?![\w:])")


def _named_placeholders(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The entry with each Laravel placeholder of a catalogue that uses them written as ``{name}``,
    the form :data:`_PLACEHOLDER` reads, in its messages and its translations."""
    catalogues = []
    for catalogue in entry["catalogues"]:
        if catalogue.get("placeholders") == "laravel":
            own = catalogue.get("translations") or {}
            catalogue = {**catalogue,
                         "messages": [{**m, "text": _braced(m["text"])} for m in catalogue["messages"]],
                         "translations": {locale: texts if locale == "source" else
                                          {key: _braced(text) for key, text in texts.items()}
                                          for locale, texts in own.items()}}
        catalogues.append(catalogue)
    return {**entry, "catalogues": catalogues}


def _braced(text: str) -> str:
    return _LARAVEL.sub(r"{\1}", text)


def translations() -> dict[str, dict[str, dict[str, Any]]]:
    """The translation files merged: program -> catalogue source -> locale (or ``source``) -> texts."""
    from mailexpert import rulecache

    merged: dict[str, dict[str, dict[str, Any]]] = {}
    for path in TRANSLATION_FILES:
        for name, catalogues in (rulecache.data_file(path).get("translations") or {}).items():
            for source, locales in catalogues.items():
                into = merged.setdefault(name, {}).setdefault(source, {})
                twice = set(into) & set(locales)
                if twice:
                    raise rulecache.data_error(path, f"{name}: {source}: locales given twice: {sorted(twice)}",
                                               "translations", name, source)
                into.update(locales)
    return merged


def _translated(name: str, entry: Mapping[str, Any], extra: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    if not extra:
        return dict(entry)
    catalogues = []
    for catalogue in entry["catalogues"]:
        more = extra.get(catalogue["source"])
        if more:
            own = catalogue.get("translations") or {}
            twice = set(own) & set(more)
            if twice or not (own.get("source") or more.get("source")):
                raise DataTableError(f"{TRANSLATIONS_DIR}: {name}: {catalogue['source']}: "
                                     f"{f'given twice: {sorted(twice)}' if twice else 'no source'}")
            catalogue = {**catalogue, "translations": {**own, **more}}
        catalogues.append(catalogue)
    return {**entry, "catalogues": catalogues}


def _reading(message: Mapping[str, Any]) -> tuple[Any, ...]:
    """What a message shows, for telling two apart (not which protocol or step it names)."""
    return tuple((k, str(message.get(k))) for k in (*TABLE_OF, "status", "code", "enhanced") if k in message)


def locale(message: Mapping[str, Any]) -> str:
    """The language of a message: "" for the catalogue's own, else its locale (pt_BR, pt-BR
    and Android's pt-rBR alike)."""
    key = str(message["key"])
    if not key.endswith("]"):
        return ""
    return key[key.rindex("[") + 1 : -1].lower().replace("_", "-").replace("-r", "-")


def patterns(data: Mapping[str, Any]) -> list[tuple[str, dict[str, Any], str | None]]:
    """Every message with the pattern it is looked for by (None: by none). A message's first
    sentences are its pattern, unless another message in the same language is found by them
    while it says something else (Thunderbird in Portuguese: "Could not connect to server %S."
    and "Could not connect to server %S. The connection was refused."): then both are looked
    for by all their sentences, and the more specific one is found. Two messages that are
    still the same words with different readings (a translator's one word for "closed" and
    "timed out") say nothing for sure: neither is looked for."""
    found = [(client, m, m.get("match") or pattern(m["text"], whole=bool(m.get("whole")))) for client, m in rows(data)]
    groups: dict[str, list[int]] = {}
    for i, (_, m, _) in enumerate(found):
        groups.setdefault(locale(m), []).append(i)
    examples = [fold(example(m)) for _, m, _ in found]

    readings = [_reading(m) for _, m, _ in found]
    # Every pair of a language's messages is compared: the words each example holds are found
    # once, so that most pairs are told apart by a set look-up, not a scan.
    example_words = [words(e) for e in examples]

    # A strong wording is chosen over any weak one it stands beside: a weak message found in a
    # strong one's text is no clash (Thunderbird's "Unable to authenticate to Outgoing server
    # (SMTP) %S." opens both its refused login and "... It does not support authentication").
    strong = [bool(m.get("strong", m["wording"] in STRONG_EVIDENCE)) if "wording" in m else False
              for _, m, _ in found]

    def clashes(members: list[int], chosen: list[str]) -> list[tuple[int, int]]:
        return [(i, j) for i in members for needed in (whole_words(chosen[i]),) for j in members
                if i != j and readings[i] != readings[j] and not (strong[j] and not strong[i])
                and example_words[j].issuperset(needed) and locate(chosen[i], examples[j])[0] >= 0]

    chosen = [p for _, _, p in found]
    for members in groups.values():
        for i, j in clashes(members, chosen):
            for k in (i, j):
                if not found[k][1].get("match"):
                    chosen[k] = pattern(found[k][1]["text"], whole=True)
    ambiguous = {i for members in groups.values() for i, j in clashes(members, chosen) if chosen[i] == chosen[j]}
    return [(client, m, None if i in ambiguous else chosen[i]) for i, (client, m, _) in enumerate(found)]


def table_rows(data: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The catalogue as rows of the wording tables, by table name. Each row keeps its client
    (``catalogue``) and source, so that a benchmark can tell them from collected wordings."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_OF.values()}
    runs_in = {name: entry["runs_in"] for name, entry in programs(data).items() if entry.get("runs_in")}
    for client, message, match in patterns(data):
        if match is None:
            continue
        kind = next(k for k in TABLE_OF if k in message)
        row: dict[str, Any] = {"match": match, "source": message["source"], "catalogue": client}
        if client in runs_in:
            # Where the program runs as a rule (a web application's mailer): wording.runs_in reads it.
            row["runs_in"] = runs_in[client]
        if kind == "wording":
            row["evidence"] = message["wording"]
            row["strong"] = message.get("strong", message["wording"] in STRONG_EVIDENCE)
            row.update({f: message[f] for f in WORDING_FIELDS if f in message and f != "strong"})
            if "host" in message and message.get("causes"):
                # The program fills the name in (its code passes the host to the placeholder): the words
                # with nothing in that gap are not this message, and say no more than any program's words
                # would (wording.Wording.named).
                made = host_pattern(message["text"], message.get("template", message["text"]), int(message["host"]))
                row["named"] = made[1] if made else ""
        elif kind == "tls":
            row["outcome"], row["verify"] = message["tls"]
            if message.get("generic"):
                # Says only that verification failed: a stack's own reason beside it says which.
                row["generic"] = True
        else:
            row["outcome"] = message[kind]
            if "route" in message:
                row["route"] = message["route"]
        out[TABLE_OF[kind]].append(row)
    out[HOST_TABLE] = host_rows(data)
    return out


#: The table the server names of the catalogues join (``named_hosts`` of data/error-texts.yaml).
HOST_TABLE = "named_hosts"
# The number a numbered placeholder carries: printf's %1$S, Qt's %1, .NET's and MessageFormat's {0}.
_NUMBERED = re.compile(r"%(\d{1,2})\$|%(\d{1,2})(?![\d$])|\{\s{0,3}(\d{1,2})\s{0,3}\}")
#: Fewest letters of a message's own words around its server's name that say where the name stands.
MIN_AROUND = 10
#: At most this many characters of the words after the name are part of its pattern.
MAX_TRAIL = 40
_SPACES_PATTERN = re.compile(r"(?:\\ )+")
_SPACE_RUN = re.compile(r"[\s\x00]+")
_OPEN = "[\\s\"'«»„“(\\[]{0,4}"
_CLOSE = "[\\s\"'«»”)\\];:,.!?。，、：；-]{0,4}"


def _number(placeholder: str) -> int | None:
    m = _NUMBERED.match(placeholder)
    return int(next(g for g in m.groups() if g)) if m else None


def _nth(text: str, own: str, n: int) -> re.Match[str] | None:
    """The placeholder of ``text`` that stands for the ``n``-th placeholder (1-based) of ``own``,
    the catalogue's own template: the one of the same number where they are numbered (a
    translation may reorder them), else the ``n``-th. A translation may number the placeholders of
    a template that does not (gettext's "server %s ... %d seconds" as "%2$s ... %1$d seconden"):
    the ``n``-th is then the one numbered ``n``."""
    mine = list(_PLACEHOLDER.finditer(_unescape(own)))
    theirs = list(_PLACEHOLDER.finditer(text))
    if not 0 < n <= len(mine):
        return None
    number = _number(mine[n - 1].group())
    if number is None and theirs and all(_number(m.group()) is not None for m in theirs):
        number = n
    if number is not None:
        return next((m for m in theirs if _number(m.group()) == number), None)
    return theirs[n - 1] if len(theirs) == len(mine) else None


def _words(part: str) -> str:
    """A message's own words as the tables find them: folded, quotes as spaces, one space each."""
    return _SPACE.sub(" ", _QUOTE.sub(" ", fold(part))).strip(" \"'")


def _gapped(part: str, words: str, *, trail: bool) -> str:
    """``words`` (:func:`_words` of ``part``, trimmed as the words before the name or, with
    ``trail``, after it) as :func:`locate` finds them in the message as printed: where ``part``
    holds a quote or more than one space between two words ("a' cheangal", "錯誤：  登入錯誤"),
    which the pattern reads as any run of spaces and quotes, a gap -- the printed text keeps
    them, a pasted copy may not."""
    marked = _SPACE_RUN.sub(lambda m: " " if m.group() == " " else "\x01", _QUOTE.sub("\x00", fold(part)))
    gapped = marked.strip(" \"'\x01").lstrip(_EDGE + "\x01")
    gapped = gapped.rstrip(_EDGE + "\x01") if trail else gapped
    return gapped.replace("\x01", GAP) if gapped.replace("\x01", " ") == words else words


# What stands between two of a message's words in a folded text: spaces and the quotes _QUOTE
# makes spaces in its words ("de la commande « LOGIN »", "nepriėmė „Kerberos“/GSSAPI").
_WORD_GAP = "[\\s\"'`«»„“”「」『』]+"


def _phrase(words: str) -> str:
    """Words as a pattern over a folded text: any run of spaces and quotes between them."""
    return _SPACES_PATTERN.sub(lambda _: _WORD_GAP, re.escape(words))


def host_pattern(template: str, own: str, host: int, port: int | None = None) -> tuple[str, str] | None:
    """The words around a message's server name and the ``named_hosts`` pattern that reads the
    name between them (``{host}``, and ``{port}`` where the port follows the name in the same
    sentence), from the message's template; ``own`` is the catalogue's own template, whose
    ``host``-th (and ``port``-th) placeholder is the name (the port). The words are those of the
    name's sentence from the placeholder before it to the one after it (at most
    :data:`MAX_TRAIL` characters after it). None when they are too few to say where the name stands."""
    text = _unescape(template)
    at = _nth(text, own, host)
    if at is None:
        return None
    marks = list(_PLACEHOLDER.finditer(text))
    before = max([0, *(m.end() for m in marks if m.end() <= at.start())])
    after = min([len(text), *(m.start() for m in marks if m.start() >= at.end())])
    head = _SENTENCE_END.split(text[before : at.start()])[-1]
    lead = _words(head).lstrip(_EDGE)
    tail = text[at.end() : after]
    cut = _SENTENCE_END.search(tail)
    kept = tail[: cut.start() if cut else len(tail)]
    tail = kept[:MAX_TRAIL]
    if len(kept) > MAX_TRAIL and kept[MAX_TRAIL].isdigit():
        # A cut inside a number would leave its first digits, which read as a number of their own:
        # a wording's number is taken whole (wordfold.locate), so "port 46" is not in "port 465".
        tail = tail.rstrip("0123456789")
    trail = _words(tail).strip(_EDGE)
    then = _nth(text, own, port) if port else None
    with_port = then is not None and then.start() == after and not cut
    if sum(c.isalnum() for c in lead + trail) < MIN_AROUND:
        return None
    pattern = (_phrase(lead) + _OPEN if lead else "") + "{host}"
    if trail:
        pattern += _CLOSE + _phrase(trail)
    if with_port:
        pattern += r"[\s\"':,]{0,4}{port}"
    words = (_gapped(head, lead, trail=False).strip(_EDGE), _gapped(tail, trail, trail=True))
    return GAP.join(p for p in words if p), pattern


def host_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``named_hosts`` rows of the catalogues: for each message that names its server (``host``:
    which placeholder, counted in the catalogue's own template; ``port`` likewise), in every
    language it has, the words before the name and the pattern that reads it."""
    out = []
    for client, entry in programs(data).items():
        for catalogue in entry["catalogues"]:
            own = {m["key"]: m for m in catalogue["messages"]}
            found = [(m, m["text"], m.get("source") or catalogue["source"]) for m in catalogue["messages"]]
            translations = catalogue.get("translations") or {}
            found += [(own[key], text, translations["source"].replace("{locale}", locale))
                      for locale, texts in translations.items() if locale != "source" for key, text in texts.items()]
            for message, text, source in found:
                if "host" not in message:
                    continue
                made = host_pattern(text, message["text"], int(message["host"]), message.get("port"))
                if made is not None:
                    out.append({"match": made[0], "pattern": made[1], "source": f"{source} ({message['key']})",
                                "catalogue": client, **({"protocol": message["protocol"]} if "protocol" in message else {})})
    return out


def problems(data: Mapping[str, Any], causes: set[str]) -> list[str]:
    """What is wrong with the catalogue: rows without a source, a reading or a usable
    pattern, causes that are not in the catalogue of causes."""
    found = []
    for client, message in rows(data):
        where = f"{client}: {message.get('key')}"
        kinds = [k for k in TABLE_OF if k in message]
        if len(kinds) != 1:
            found.append(f"{where}: give exactly one of {', '.join(TABLE_OF)}")
        if not str(message.get("text", "")).strip():
            found.append(f"{where}: no text")
            continue
        match = message.get("match") or pattern(message["text"])
        if literal_size(match) < MIN_LITERAL and not _ERROR_NUMBER.fullmatch(match):
            found.append(f"{where}: pattern {match!r} is too short to say anything")
        if match != fold(match):
            found.append(f"{where}: match must be lower case")
        words = pattern_text(message["text"])
        value = fold(str(message.get("value", "\0")))
        if message.get("match") and not all(p in words or p == value for p in match.split(GAP)):
            found.append(f"{where}: match {match!r} is not words of its text")
        if message.get("tls", [None])[0] == "error":
            # "Some TLS error": a longer pattern than a stack's own row would hide the stack's reading.
            found.append(f"{where}: a TLS reading must say which failure (not 'error')")
        unknown = set(message.get("causes", ())) - causes
        if unknown:
            found.append(f"{where}: unknown causes {sorted(unknown)}")
    return found


def pattern_text(template: str) -> str:
    """The whole template as the tables read it (every sentence), for checking a given ``match``."""
    text = _QUOTE.sub(" ", fold(_PLACEHOLDER.sub(" ", _unescape(template))))
    return _SPACE.sub(" ", text)


def example(message: Mapping[str, Any], filler: str = "mail.example.com") -> str:
    """The message as a client prints it: every placeholder filled with the row's ``value``
    (what the message is about, when its match names it: K-9's missing STARTTLS), else ``filler``."""
    return _PLACEHOLDER.sub(str(message.get("value", filler)), _unescape(message["text"]))

"""The wordings a pasted text is read by: the client and library wordings (data/error-texts.yaml and
the programs' message catalogues) and the servers' own words (data/server-replies.yaml), and where in
a text the most specific of them stands.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from mailexpert import concepts, rulecache
from mailexpert.classify import ERROR_TEXTS_FILE, GAP, error_texts, fold, locate
from mailexpert.replies import server_replies
from mailexpert.wordfold import row_index


@attrs.frozen
class Wording:
    """A row of the client and library wordings table (mailexpert/data/error-texts.yaml)."""

    match: str
    evidence: str
    protocol: str | None = None
    strong: bool = False
    status: str | None = None
    code: str | None = None
    stage: str = "auth"
    #: An enhanced status code (RFC 3463) the wording stands for, e.g. 5.7.9 for "use an app password".
    enhanced: str | None = None
    #: The library prints its own verdict in the form of a server reply (Net::SMTP's "500 Command
    #: unknown: 'AUTH'" when the EHLO answer lists no AUTH): no server sent that code.
    reply_form: bool = False
    #: The port the wording implies when the text names none: a server delivering to another
    #: domain's MX connects to port 25 (RFC 5321 section 5.1).
    port: int | None = None
    #: What a file a ``local-file`` wording speaks of is to the program: config, trust,
    #: certificate or password (facts/account.yaml ``client.file``).
    file: str | None = None
    #: A server's own words (data/server-replies.yaml): the codes it sends them with, as
    #: (protocol, codes) pairs, the default first; read as that reply (replies.worded_reply).
    reply: tuple[tuple[str, str], ...] = ()
    #: The words must begin the server's message (data/server-replies.yaml ``begins``).
    begins: bool = False
    #: The SASL mechanism of the login the words say was refused, where they say it (Thunderbird's
    #: message for a failed OAuth2 sign-in: XOAUTH2).
    mechanism: str | None = None
    #: The program starts TLS whenever the server offers STARTTLS, before it reads the capabilities
    #: its message is about (MailKit's default): an "offers no AUTH" of its was read inside TLS.
    starttls_first: bool = False
    #: A server's own log line that says why it refused a login (Dovecot's passdb "unknown user"):
    #: beside the client's generic refusal in the same text (NO [AUTHENTICATIONFAILED]) it is the reason.
    says_why: bool = False
    #: A program's own words that stand before the error it caught and say only that something
    #: failed (GLPI's "An error occurred trying to connect to collector."): any other wording in
    #: the same text says more, however short.
    wraps: bool = False
    #: A catalogue message whose specific reading rests on the server it names (Thunderbird's
    #: unknownHostError "Failed to connect to server %S.", whose code always fills the name in): the
    #: named_hosts pattern of its name's slot ("" where its words are too few to frame it), None for
    #: other rows. The same words with the slot empty are another program's, or part of the message:
    #: they say only that something failed.
    named: str | None = None
    #: What the words alone show of a refusal whose codes say no more (a server.reply's ``reading``,
    #: facts/service.yaml): a concept reading's (data/concepts.yaml ``gives``), e.g. auth-required for a
    #: server that asks for a login in words nobody catalogued.
    reading: str | None = None



def narrower(tables: Mapping[str, Any], path: Path) -> dict[str, frozenset[str]]:
    """Evidence that says only that a step failed -> the evidence that says why, which a reading
    of the words beside it may give: the ``narrower`` table of the wording tables read from
    ``path`` (data/error-texts.yaml). Each name must be an evidence of the ``wordings`` table;
    a table that names another is refused at its place."""
    table = tables.get("narrower")
    if not isinstance(table, dict):
        raise rulecache.data_error(path, "narrower: expected a mapping of evidence to a list of evidence", "narrower")
    known = {str(r.get("evidence")) for r in tables.get("wordings") or ()}
    out: dict[str, frozenset[str]] = {}
    for evidence, finer in table.items():
        if not isinstance(finer, list) or not finer:
            raise rulecache.data_error(path, f"narrower: {evidence}: expected a list of evidence", "narrower", evidence)
        unknown = sorted({str(evidence), *map(str, finer)} - known)
        if unknown:
            raise rulecache.data_error(path, f"narrower: {evidence}: no wording gives {', '.join(unknown)}",
                                       "narrower", evidence)
        out[str(evidence)] = frozenset(map(str, finer))
    return out


#: Read once, at import (see :func:`narrower`).
NARROWER = narrower(error_texts(), ERROR_TEXTS_FILE)


def _named(row: Mapping[str, Any]) -> str | None:
    """A row's :attr:`Wording.named`: a catalogue row's own, or for a table row marked ``named: true``
    the pattern of the named_hosts row of the same words ("" if none)."""
    named = row.get("named")
    if named is True:
        return next((str(r["pattern"]) for r in error_texts()["named_hosts"] if r["match"] == row["match"]), "")
    return named if isinstance(named, str) else None


@functools.cache
def wordings() -> tuple[Wording, ...]:
    """The client and library wordings (data/error-texts.yaml and the catalogues), and the servers'
    own words (data/server-replies.yaml) as wordings of the server's refusal that carry its codes."""
    clients = tuple(Wording(r["match"], r["evidence"], r.get("protocol"), bool(r.get("strong")), r.get("status"),
                            r.get("code"), r.get("stage", "auth"), r.get("enhanced"), bool(r.get("reply_form")),
                            r.get("port"), r.get("file"), mechanism=r.get("mechanism"),
                            starttls_first=bool(r.get("starttls_first")), says_why=bool(r.get("says_why")),
                            wraps=bool(r.get("wraps")), named=_named(r))
                    for r in error_texts()["wordings"])
    servers = tuple(Wording(r["match"], "server-words", r["reply"][0][0], bool(r.get("strong", True)),
                            stage=r.get("stage", ""), reply=r["reply"], begins=bool(r.get("begins")))
                    for r in server_replies())
    return clients + servers


#: What may stand right before a server's words that begin its message: the start of a line, a
#: label's colon, a quote or a bracket (after blanks).
_MESSAGE_START = frozenset(":'\"`([<>\n")


#: Most places of a server's words looked at in one text (a pasted log may repeat them), and how
#: far before each the text is read for where the words stand.
MAX_REPLY_PLACES, _BEFORE = 100, 80


def _found_at(row: Wording, low: str) -> tuple[int, int]:
    """Where a wording row stands in the folded text (see :func:`locate`); a server's words only
    where a word starts, and the words of a ``begins`` row only where the server's message does."""
    at, size = locate(row.match, low)
    if not row.reply or at < 0:
        return at, size
    parts = row.match.split(GAP)
    for _ in range(MAX_REPLY_PLACES):
        if at < 0:
            break
        before = low[max(0, at - _BEFORE) : at]
        before = before.rstrip(" \t") if row.begins else before
        if (not before or (before[-1] in _MESSAGE_START if row.begins else not before[-1].isalnum())) \
                and _parts_follow(parts, low, at):
            return at, size
        at = low.find(parts[0], at + 1)
    return -1, 0


def _parts_follow(parts: list[str], low: str, at: int) -> bool:
    """Whether the parts of a wording with gaps stand in order from ``at`` on."""
    for part in parts:
        at = low.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def find_wording(text: str, *, servers: bool = True, clients: bool = True, mail: bool = True) -> tuple[Wording, str] | None:
    """The most specific wording row the text contains, and the line it stands in; without
    ``servers``, none of the servers' own words (data/server-replies.yaml), without ``clients``
    only those. Servers' words that other programs use too (not strong: "Authentication
    required") only where ``mail`` says the text is about mail (a mail server's setting) or its
    other words do."""
    low = fold(text)
    best = None
    rows = wordings()
    labels: list[tuple[int, int]] | None = None
    for row in (rows[at] for at in row_index(rows, _match).candidates(low)):
        if not (servers if row.reply else clients):
            continue
        at, size = _found_at(row, low)
        if at >= 0 and GAP not in row.match:
            # Not words that run into a part of the text that names a field or a thing rather than says
            # what happened (concepts.yaml labels: "error sending password reset email" is no "Error
            # sending password", the mail sent was about a password): a label that begins inside the words
            # and ends after them, or the other way round. Words wholly inside one are a row's own reading
            # of that label (c-client's "insecure server advertised AUTH=PLAIN" warning), and a label wholly
            # inside the words is part of what they say (Postfix's "timed out while performing the EHLO
            # handshake": the step it names is the row's own); a row with gaps spans what stands between its
            # words (a traceback's frames), which it does not read.
            labels = concepts.label_spans(low) if labels is None else labels
            if any(start < at < end < at + size or at < start < at + size < end for start, end in labels):
                continue
        # Not the words' own "server" (Dovecot's "Refer to server log"): it says no more of mail
        # than a single sign-on page's or a compiler's copy of them.
        if at >= 0 and row.reply and not (row.strong or mail or concepts.about_mail(f"{low[:at]} {low[at + size:]}")):
            continue
        # A strong row says what happened ("does not support authentication"), a weak one only
        # that something did ("unable to authenticate"): strong first, then any row over a program's
        # words around the error it caught, then the server's own words over the client's (Outlook's
        # "timed out waiting ... The server responded: Client does not have permission to send as
        # this sender"), then the longest; of two as long, the one with fewer gaps is the more
        # specific (its words stand together).
        # A program's words around the error it caught stand for themselves where nothing else is said: the
        # words wholly inside them are their own (Roundcube's "Connection to storage server failed." holds a
        # "connection ... failed" of its own), not another error.
        if at >= 0 and best is not None and best[0].wraps and best[1] <= at and at + size <= best[1] + best[2]:
            continue
        if at >= 0 and best is not None and row.wraps and at <= best[1] and best[1] + best[2] <= at + size:
            best = (row, at, size)
            continue
        if at >= 0 and (best is None or (row.strong, not row.wraps, row.evidence == "server-words", size,
                                         -row.match.count(GAP))
                        > (best[0].strong, not best[0].wraps, best[0].evidence == "server-words", best[2],
                           -best[0].match.count(GAP))):
            best = (row, at, size)
    if best is None:
        return None
    row, at, _ = best
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return row, text[start : end if end >= 0 else len(text)].strip()


def _match(row: Wording) -> str:
    return row.match


@functools.cache
def _runner_rows() -> tuple[tuple[str, str], ...]:
    """(pattern, where the program runs) of every catalogue wording whose program says where it
    runs as a rule (data/library-messages.yaml ``runs_in``): its wordings and its own socket words (Post
    SMTP's port test says "no outbound route" in its words, not a library's)."""
    return tuple((str(r["match"]), str(r["runs_in"])) for table in ("wordings", "socket")
                 for r in error_texts()[table] if r.get("runs_in"))


def runs_in(text: str) -> str | None:
    """Where the program whose own words the text holds runs as a rule (``web-app``: a web
    application's mailer library), or None when no such program's words are in it."""
    rows = _runner_rows()
    # A pasted message may be wrapped anywhere ("... could not be established\nwith host ...").
    low = fold(" ".join(text.split()))
    for at in row_index(rows, _first).candidates(low):
        pattern, runner = rows[at]
        if locate(pattern, low)[0] >= 0:
            return runner
    return None


def _first(row: tuple[str, str]) -> str:
    return row[0]

"""Generalization of ``mailexpert explain``: top-1 on the working set as if each text's own
client sentence had never been collected (out-of-fold, without touching the held-out set).

    python3 benchmarks/corpus_unseen.py [-v] [--by-program] [--strict] [--ids FILE]

For each working text, every row of the wording tables (data/error-texts.yaml: tls, socket,
dns, wordings; data/server-replies.yaml, the servers' words) that is a *phrase* -- three words or more, or a pattern with a gap -- and is
found in the text is removed before the text is explained; short stack vocabulary ("timed
out", "connection refused", a hex code) stays. What is still right then is understood by
mechanisms that hold beyond the phrases written down: reply codes, stack words, concepts.
This is the situation of a held-out text, whose sentence nobody added; the figure is the one
to raise when teaching explain to generalize. ``-v`` lists the texts that fail unseen.

``--by-program`` removes instead every row whose source is the text's own program (all of
Thunderbird's strings for a Thunderbird dialog, all of OpenJDK's for a Java exception): the
situation of a program nobody collected strings from.

The rows compiled from the clients' own message catalogues (data/client-messages.yaml) stay:
they were taken from each client's string files as a whole, not written for a text of the
corpus, so a text whose sentence nobody collected is still in them. ``--strict`` removes them
too (as if no client's catalogue had been read).

``--ids FILE`` explains only the working texts whose ids FILE lists (one a line; a line of ``-v``'s
output will do: its first word that names a text counts), to check a slice while changing it: each
text unseen costs a rebuild of the tables, and the whole set takes minutes.
"""

from __future__ import annotations

import collections
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import scoring  # noqa: E402

from mailexpert import classify, explain, replies, wordfold, wording  # noqa: E402

TABLES = ("tls", "socket", "dns", "wordings")


def is_phrase(match: str) -> bool:
    return classify.GAP in match or len(match.split()) >= 3


@contextlib.contextmanager
def without(dropped: set[str]) -> Iterator[None]:
    """The wording tables without the rows whose ``match`` is in ``dropped``."""
    original = classify.error_texts()
    reduced = {k: ([r for r in v if r.get("match") not in dropped or not removable(r)] if k in TABLES else v)
               for k, v in original.items()}
    # The servers' words (data/server-replies.yaml) are collected phrases too.
    servers = tuple(r for r in replies.server_replies() if r["match"] not in dropped)
    saved = {name: getattr(classify, name) for name in dir(classify) if name.endswith("_TABLE")}
    classify.error_texts.cache_clear()
    wording.wordings.cache_clear()
    real = classify.error_texts
    hints = getattr(explain, "hints", None)
    try:
        classify.error_texts = lambda: reduced  # type: ignore[assignment]
        explain.error_texts = classify.error_texts  # type: ignore[attr-defined]
        wording.error_texts = classify.error_texts  # type: ignore[attr-defined]
        wording.server_replies = lambda: servers  # type: ignore[assignment]
        for name in saved:
            if name.endswith("_TEXT_TABLE") or name in ("SSL_GENERIC_TABLE",):
                pass
        classify.SSL_TEXT_TABLE = classify._table("tls", "outcome", "verify")
        classify.SSL_GENERIC_TABLE = classify._table("tls", "outcome", "verify", generic=True)
        classify.SOCKET_TEXT_TABLE = classify._table("socket", "outcome")
        classify.DNS_TEXT_TABLE = classify._table("dns", "outcome")
        for name in ("SSL_TEXT_TABLE", "SOCKET_TEXT_TABLE", "DNS_TEXT_TABLE"):
            if hasattr(explain, name):
                setattr(explain, name, getattr(classify, name))
        if hints is not None:
            hints.cache_clear()
        yield
    finally:
        classify.error_texts = real  # type: ignore[assignment]
        explain.error_texts = real  # type: ignore[attr-defined]
        wording.error_texts = real  # type: ignore[attr-defined]
        wording.server_replies = replies.server_replies  # type: ignore[assignment]
        for name, value in saved.items():
            setattr(classify, name, value)
        for name in ("SSL_TEXT_TABLE", "SOCKET_TEXT_TABLE", "DNS_TEXT_TABLE"):
            if hasattr(explain, name):
                setattr(explain, name, saved[name])
        wording.wordings.cache_clear()
        if hints is not None:
            hints.cache_clear()
        # row_index keeps each table's index for the program's life (tables are built once there);
        # here every text builds new ones, and the old ones would stay (about 7 MB a text).
        wordfold.forget_indexes()


#: A corpus entry's program (first word, lower case) -> words of the sources of its own strings.
PROGRAM_SOURCES = {
    "thunderbird": ("thunderbird", "mozilla", "comm-central"), "betterbird": ("thunderbird", "mozilla"),
    "k-9": ("k-9", "thunderbird-android"), "k9": ("k-9", "thunderbird-android"),
    "outlook": ("outlook", "imnxport"), "windows": ("windows", "imnxport", "winerror", "schannel"),
    "apple": ("apple",), "ios": ("apple", "ios"), "evolution": ("evolution", "gnome", "glib", "camel"),
    "geary": ("geary", "gnome"), "mutt": ("mutt",), "neomutt": ("mutt",), "msmtp": ("msmtp",),
    "python": ("cpython",), "curl": ("curl",), "nodemailer": ("nodemailer",), "node.js": ("nodejs/node",),
    "phpmailer": ("phpmailer",), "mailkit": ("mailkit",), ".net": ("dotnet",), "go": ("golang",),
    "java": ("openjdk", "java"), "javamail": ("jakartaee", "javamail", "openjdk"), "openssl": ("openssl",),
    "gnutls": ("gnutls",), "nss": ("nss",), "postfix": ("postfix",), "dovecot": ("dovecot",), "exim": ("exim",),
    "symfony": ("symfony",), "swiftmailer": ("symfony", "swiftmailer"), "mailspring": ("mailspring",),
}


STRICT = "--strict" in sys.argv


def removable(row: dict) -> bool:
    """A row the benchmark may take away: a collected wording (catalogue rows only with --strict)."""
    return STRICT or not row.get("catalogue")


def _rows() -> list[dict]:
    """The rows the benchmark may take away: the wording tables' and the servers' words."""
    return [r for t in TABLES for r in classify.error_texts()[t] if removable(r)] + list(replies.server_replies())


def program_phrases(entry: dict) -> set[str]:
    words = PROGRAM_SOURCES.get(entry["program"].split()[0].lower(), ())
    return {r["match"] for r in _rows() if words and any(w in str(r.get("source", "")).lower() for w in words)}


def own_phrases(text: str) -> set[str]:
    low = classify.fold(text)
    return {r["match"] for r in _rows() if is_phrase(r["match"]) and classify.locate(r["match"], low)[0] >= 0}


def _ids(path: str) -> set[str]:
    """The text ids a file lists: each line's first word that names a working text."""
    known = {entry["id"] for entry in scoring.working()}
    ids = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        ids.update(next(([word] for word in (w.rstrip(":") for w in line.split()) if word in known), []))
    return ids


def main() -> None:
    verbose = "-v" in sys.argv
    entries = scoring.working()
    if "--ids" in sys.argv:
        wanted = _ids(sys.argv[sys.argv.index("--ids") + 1])
        entries = [entry for entry in entries if entry["id"] in wanted]
    seen = scoring.score(entries)
    right = 0
    touched = touched_right = 0
    kinds: collections.Counter[str] = collections.Counter()
    good: collections.Counter[str] = collections.Counter()
    misses = []
    by_program = "--by-program" in sys.argv
    for entry in entries:
        dropped = program_phrases(entry) if by_program else own_phrases(entry["text"])
        if dropped:
            with without(dropped):
                outcome = scoring.explain_entry(entry)
        else:
            outcome = scoring.explain_entry(entry)
        kinds[entry["kind"]] += 1
        if outcome.correct:
            right += 1
            good[entry["kind"]] += 1
        touched += bool(dropped)
        touched_right += bool(dropped) and outcome.correct
        if not outcome.correct:
            got = "declined" if outcome.declined else (outcome.error or outcome.found)
            misses.append(f"   MISS {outcome.id}: expected {'|'.join(outcome.expected)}, got {got}"
                          + (f"   (without {len(dropped)} phrase(s))" if dropped else ""))
    print(f"working, seen      top-1 {seen.top1:6.1%}  ({sum(o.correct for o in seen.outcomes)}/{len(entries)})")
    what = "whose program's rows were removed" if by_program else "that hold a phrase of the tables"
    print(f"working, unseen    top-1 {right / len(entries):6.1%}  ({right}/{len(entries)});  of the {touched} texts "
          f"{what}: {touched_right}/{touched} right without them")
    print("          by kind: " + ", ".join(f"{k} {good[k]}/{n}" for k, n in kinds.most_common()))
    if verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()

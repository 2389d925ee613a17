"""How well ``mailexpert explain`` keeps its reading when a text is pasted in another form.

    python3 benchmarks/corpus_robustness.py [-v] [--sample N] [--only NAME[,NAME...]]

Takes every WORKING corpus entry (tests/corpus/collected-*.yaml) that explain reads right today,
applies each of a set of paste transformations a real user's text goes through, and counts per
transformation how many stay right. ``-v`` lists the entries that break (id, transformation,
expected, got). ``--sample N`` scores a fixed-seed sample of N right entries (quicker);
``--only`` runs the named transformations only. Deterministic: every random choice comes from a
seeded generator. The held-out set is never read.

The transformations:

- ``syslog-prefix``: each line prefixed as syslog / journald prints it ("Dec  3 10:11:12 host app[123]: ").
- ``applog-prefix``: each line prefixed as an application logger prints it ("2024-03-02 10:11:12,345 ERROR [mailer] ").
- ``wrap-76``: lines wrapped at 72-80 columns, as mail clients, forums and terminals do.
- ``python-traceback``: the text is the message of a Python traceback's last line.
- ``java-caused-by``: the text is the message of a Java "Caused by: ..." line under a stack.
- ``json-record``: the text JSON-encoded in a structured log record, its newlines escaped.
- ``python-repr``: the text as a Python string's repr in a log line ('...\\n...', quotes escaped).
- ``bytes-repr``: the text as Python prints bytes read off a socket (``b'...\\r\\n...'``, as smtplib's
  ``(535, b'...')`` shows a reply): CRLF line ends escaped, non-ASCII as ``\\xNN``.
- ``json-crlf``: the text's CRLF line ends, quotes and non-ASCII letters JSON-escaped inside a log line
  ("\\r\\n", '\\"', "\\u00e9").
- ``html-escaped``: the text HTML-escaped as a web page or a PHP app prints it (&quot; &#39; &lt; &gt; &amp;).
- ``noise-lines``: an unrelated log line before and after.
- ``server-log-context``: a Postfix or Dovecot log (a text naming ``postfix/`` or ``dovecot``) with the
  lines of no failure the same server writes around every session: the client's connect, the server's check
  of the client's name, the end of another session (Postfix's command counts, Dovecot's logout).
- ``other-host``: other host names and addresses for those in the text (skipped when the text
  names a host a provider table knows, or its cause depends on the provider).
- ``whitespace``: leading and trailing blank lines and spaces, CRLF line ends.
- ``nbsp-smart-quotes``: non-breaking spaces for some spaces, typographic quotes for straight ones.
"""

from __future__ import annotations

import collections
import html
import json
import random
import re
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import scoring  # noqa: E402

SEED = 20261203

#: Causes whose diagnosis rests on which host (or provider) the text names: a neutral host would
#: rightly change it.
PROVIDER_CAUSES = frozenset({
    "server-host-typo", "wrong-provider-host", "mx-host-used-for-submission", "basic-auth-disabled",
    "oauth-required", "oauth-token-rejected", "app-password-required", "web-login-required",
    "protocol-disabled-for-account", "sender-address-not-allowed",
})

_LINE_PREFIXES_SYSLOG = ("Dec  3 10:11:12 mailhost app[1234]: ", "Mar 14 08:02:59 web01 worker[88]: ")
_LINE_PREFIXES_APP = ("2024-03-02 10:11:12,345 ERROR [mailer] ", "2024-03-02T10:11:12.345Z ERROR mail.sender - ")


def _prefixed(prefixes: tuple[str, ...]) -> Callable[[str, random.Random], str]:
    def apply(text: str, rng: random.Random) -> str:
        prefix = rng.choice(prefixes)
        return "\n".join(prefix + line for line in text.split("\n"))
    return apply


def _wrapped(text: str, rng: random.Random) -> str:
    width = rng.randint(72, 80)
    out = []
    for line in text.split("\n"):
        # A forum or a terminal breaks at the width, where a space is; words longer stay whole.
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False,
                                 drop_whitespace=True) or [""])
    return "\n".join(out)


def _python_traceback(text: str, rng: random.Random) -> str:
    exc = rng.choice(("smtplib.SMTPException", "RuntimeError", "Exception"))
    return ("Traceback (most recent call last):\n"
            '  File "/srv/app/notify.py", line 42, in send_report\n'
            "    mailer.send(message)\n"
            f"{exc}: {text}")


def _java_caused_by(text: str, rng: random.Random) -> str:
    return ("org.springframework.mail.MailSendException: Failed messages: see below\n"
            "\tat org.springframework.mail.javamail.JavaMailSenderImpl.doSend(JavaMailSenderImpl.java:491)\n"
            "\tat com.example.Notifier.send(Notifier.java:57)\n"
            f"Caused by: javax.mail.MessagingException: {text}\n"
            "\tat com.sun.mail.smtp.SMTPTransport.issueCommand(SMTPTransport.java:2374)\n"
            "\t... 12 more")


def _json_record(text: str, rng: random.Random) -> str:
    return json.dumps({"level": "error", "ts": "2024-03-02T10:11:12Z", "logger": "mailer", "msg": text})


def _python_repr(text: str, rng: random.Random) -> str:
    return f"ERROR [mailer] {text!r}"


def _bytes_repr(text: str, rng: random.Random) -> str:
    return f"ERROR [mailer] {text.replace(chr(10), chr(13) + chr(10)).encode()!r}"


def _json_crlf(text: str, rng: random.Random) -> str:
    return 'mailer: {"error": ' + json.dumps(text.replace("\n", "\r\n")) + ', "retry": false}'


def _html_escaped(text: str, rng: random.Random) -> str:
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def _noise(text: str, rng: random.Random) -> str:
    before = rng.choice(("2024-03-02 10:11:11 INFO starting worker pid=4411",
                         "INFO  [scheduler] job nightly-report queued"))
    after = rng.choice(("2024-03-02 10:11:13 INFO worker idle", "DEBUG cache hit ratio 0.93"))
    return f"{before}\n{text}\n{after}"


_POSTFIX_AROUND = (
    ("Mar  3 09:14:20 mx postfix/smtpd[4420]: connect from dsl-198-51-100-23.example.net[198.51.100.23]",
     "Mar  3 09:14:20 mx postfix/smtpd[4420]: warning: hostname dsl-198-51-100-23.example.net does not resolve "
     "to address 198.51.100.23: Name or service not known"),
    ("Mar  3 09:14:25 mx postfix/smtpd[4431]: disconnect from mx.example.net[203.0.113.9] ehlo=1 mail=1 rcpt=1 "
     "data=1 quit=1 commands=5",
     "Mar  3 09:14:25 mx postfix/qmgr[977]: 4F1A2B3C4D: removed"),
)
_DOVECOT_AROUND = (
    ("Mar  3 09:14:20 mx dovecot: imap-login: Login: user=<bob@example.net>, method=PLAIN, rip=203.0.113.9, "
     "lip=192.0.2.1, mpid=4419, TLS, session=<a1b2c3d4>",),
    ("Mar  3 09:14:25 mx dovecot: imap(bob@example.net)<4419><a1b2c3d4>: Disconnected: Logged out in=84 out=651 "
     "deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0",
     "Mar  3 09:14:25 mx dovecot: imap(bob@example.net)<4419><a1b2c3d4>: Disconnected for inactivity in=12 out=90"),
)


def _server_log_context(text: str, rng: random.Random) -> str | None:
    low = text.lower()
    around = _POSTFIX_AROUND if "postfix/" in low else _DOVECOT_AROUND if "dovecot" in low else None
    if around is None:
        return None
    before, after = around
    return "\n".join([*before[: rng.randint(1, len(before))], text, *after[: rng.randint(1, len(after))]])


_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_HOST = re.compile(r"(?<![\w.@-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|de|ru|cn|io|fr|uk|nl|jp|br|it|"
                   r"pl|in|au|ca|info|biz|edu|gov|ch|at|se|no|es))(?![\w-])", re.IGNORECASE)


def _other_host(text: str, rng: random.Random) -> str | None:
    from mailexpert.namedhost import named_host

    if named_host(text) is not None:
        return None
    changed = _IPV4.sub("192.0.2.10", text)
    changed = _HOST.sub("mail.example.net", changed)
    return changed if changed != text else None


def _whitespace(text: str, rng: random.Random) -> str:
    return "\r\n  " + text.replace("\n", "\r\n") + "  \r\n\r\n"


def _nbsp_quotes(text: str, rng: random.Random) -> str:
    out = []
    double_open = True
    for ch in text:
        if ch == " " and rng.random() < 0.3:
            out.append("\u00a0")
        elif ch == '"':
            out.append("\u201c" if double_open else "\u201d")
            double_open = not double_open
        elif ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
    return "".join(out)


TRANSFORMS: dict[str, Callable[[str, random.Random], str | None]] = {
    "syslog-prefix": _prefixed(_LINE_PREFIXES_SYSLOG),
    "applog-prefix": _prefixed(_LINE_PREFIXES_APP),
    "wrap-76": _wrapped,
    "python-traceback": _python_traceback,
    "java-caused-by": _java_caused_by,
    "json-record": _json_record,
    "python-repr": _python_repr,
    "bytes-repr": _bytes_repr,
    "json-crlf": _json_crlf,
    "html-escaped": _html_escaped,
    "noise-lines": _noise,
    "server-log-context": _server_log_context,
    "other-host": _other_host,
    "whitespace": _whitespace,
    "nbsp-smart-quotes": _nbsp_quotes,
}


def transformed(entry: dict[str, Any], name: str) -> dict[str, Any] | None:
    """ENTRY with its text in NAME's form, or None when NAME does not apply to it."""
    if name == "other-host" and PROVIDER_CAUSES & set(entry["cause"]):
        return None
    rng = random.Random(f"{SEED}:{name}:{entry['id']}")
    text = TRANSFORMS[name](entry["text"], rng)
    if text is None or text == entry["text"]:
        return None
    return {**entry, "text": text}


def main() -> None:
    verbose = "-v" in sys.argv
    names = list(TRANSFORMS)
    if "--only" in sys.argv:
        names = sys.argv[sys.argv.index("--only") + 1].split(",")
    started = time.perf_counter()
    working = scoring.working()
    right = [e for e, o in zip(working, scoring.score(working).outcomes, strict=True) if o.correct]
    if "--sample" in sys.argv:
        n = int(sys.argv[sys.argv.index("--sample") + 1])
        right = random.Random(SEED).sample(right, min(n, len(right)))
    print(f"working entries read right: {len(right)} (of {len(working)})")
    breaks: list[tuple[str, str, tuple[str, ...], str]] = []
    total_kept = total_tried = 0
    for name in names:
        tried = kept = 0
        for entry in right:
            changed = transformed(entry, name)
            if changed is None:
                continue
            outcome = scoring.explain_entry(changed)
            tried += 1
            if outcome.correct:
                kept += 1
            else:
                got = "declined" if outcome.declined else (outcome.error or outcome.found or "nothing")
                breaks.append((entry["id"], name, outcome.expected, str(got)))
        total_kept, total_tried = total_kept + kept, total_tried + tried
        share = kept / tried if tried else 1.0
        print(f"{name:18} kept {share:6.1%}  ({kept}/{tried})")
    share = total_kept / total_tried if total_tried else 1.0
    print(f"{'all':18} kept {share:6.1%}  ({total_kept}/{total_tried})   ({time.perf_counter() - started:.1f} s)")
    if verbose:
        by = collections.defaultdict(list)
        for b in breaks:
            by[b[1]].append(b)
        for name in names:
            for entry_id, _, expected, got in by[name]:
                print(f"   BREAK {name} {entry_id}: expected {'|'.join(expected)}, got {got}")


if __name__ == "__main__":
    main()

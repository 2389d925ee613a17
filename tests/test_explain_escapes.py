"""A server's multi-line reply that a program logged inside one quoted field, its line breaks
escaped ("\\n", "\\r\\n"), read by ``explain`` whole: the last line may hold the deciding words.

pastetext.decoded makes the escaped breaks real where they outnumber the real ones, and a real
break after a log record's line ends a reply (replies._LOG_RECORD); sessionlog.whole_reply reads
the reply again with the escaped breaks told apart (pastetext.ESCAPED_BREAK_MARK), as
replies.find_reply reads them in the text as pasted. Each case's last line carries the deciding
words: GMX's and WEB.DE's refusal "554-Transaction failed / 554-Reject due to policy restrictions. /
554 For explanation visit https://postmaster.../error-messages?ip=...&c=hi", whose case code "hi"
(the headers are not RFC-compliant: https://postmaster.web.de/en/case?c=hi, quoted in
zammad/zammad#4630) rules/firewall/content-filtered.yaml reads; without it the reply reads only
as a generic permanent refusal.

How the programs write the reply: Go's net/textproto Reader.ReadResponse joins a multi-line
reply's lines with "\\n", their codes after the first dropped (go/src/net/textproto/reader.go),
and Python's smtplib.getreply with b"\\n" (cpython Lib/smtplib.py: errmsg = b"\\n".join(resp)).
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

GMX = ("554 Transaction failed\\nReject due to policy restrictions.\\nFor explanation visit "
       "https://postmaster.gmx.net/en/error-messages?ip=192.0.2.7&c=hi")
WEBDE = GMX.replace("postmaster.gmx.net/en", "postmaster.web.de")

CASES = [
    # Authelia's notifier (Go, logrus's TextFormatter: msg="..." quoted with %q when it holds a
    # space, sirupsen/logrus text_formatter.go needsQuoting/appendValue), github.com/authelia/authelia
    # issue 2571, its address left out.
    pytest.param('time="2021-11-09T07:28:39+01:00" level=debug msg="Notifier SMTP client error while closing the '
                 f'WriteCloser: {GMX}"', id="logrus-msg"),
    # logrus's WithError field, error="..." (logrus.ErrorKey), the same formatter.
    pytest.param('time="2024-03-02T10:11:12Z" level=error msg="failed to send notification" '
                 f'error="{WEBDE}"', id="logrus-error-field"),
    # Go's log/slog TextHandler: a value holding a space, a non-printing character, '"' or '=' is
    # quoted with strconv.Quote (go/src/log/slog/text_handler.go, TextHandler.Handle's doc).
    pytest.param('time=2024-03-02T10:11:12.345+01:00 level=ERROR msg="sending mail failed" '
                 f'err="{GMX}"', id="slog-text"),
    # A JSON log line (Go's encoding/json, zap, Python's json.dumps): "\n" in a string escaped.
    pytest.param('{"level":"error","ts":"2024-03-02T10:11:12.345Z","msg":"send failed","error":"'
                 + WEBDE + '"}', id="json-log"),
    # Python's smtplib exception printed by a traceback's last line: the message is bytes, its
    # repr escapes the "\n" smtplib joined the lines with (Lib/smtplib.py SMTPDataError(code, resp)).
    pytest.param("smtplib.SMTPDataError: (554, b'Transaction failed\\nReject due to policy restrictions.\\nFor "
                 "explanation visit https://postmaster.web.de/error-messages?ip=192.0.2.7&c=hi')",
                 id="python-smtplib-repr"),
    # The reply as received, each line with its code and CRLF (RFC 5321 4.2.1), logged as a
    # Python bytes repr ("\r\n" escaped) by a program that logs what it read from the socket.
    pytest.param("DEBUG:mailer:recv: b'554-Transaction failed\\r\\n554-Reject due to policy restrictions.\\r\\n"
                 "554 For explanation visit https://postmaster.gmx.net/en/error-messages?ip=192.0.2.7&c=hi\\r\\n'",
                 id="python-bytes-crlf-repr"),
]


@pytest.mark.parametrize("text", CASES)
def test_a_reply_escaped_in_one_log_field_is_read_whole(text: str) -> None:
    top = explain(text).top
    # GMX's case code "hi" on the reply's last line: its headers were refused (content-filtered),
    # not a permanent refusal that no rule explains.
    assert top is not None and top.cause == "content-filtered", top and top.cause


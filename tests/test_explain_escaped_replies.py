"""A server's multi-line reply that a structured log wrote inside one quoted string, its line
breaks escaped: Go's logfmt and %q, JSON log lines, msmtp's quoted smtpmsg, and JSON quoting such a
line again ("\\\\n"). The reply is read across the escaped breaks as across real ones; a Windows
path's backslashes are no breaks. Real texts, sources beside."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain
from mailexpert.replies import find_reply

# Grafana's log (Go, logfmt-like), Gmail's reply with its newline escaped in error="..."
# (github.com/grafana/grafana issue 9764).
GRAFANA = (r'EROR[06-01|01:20:52] Failed to send alert notification email  logger=alerting.notifier.email '
           r'error="535 5.7.8 Username and Password not accepted. Learn more at\n5.7.8  '
           r'https://support.google.com/mail/?p=BadCredentials s81-v6sm12080461qke.47 - gsmtp"')
# msmtp's log line: the reply quoted in smtpmsg='...' (github.com/jekhokie/raspberry-noaa-v2 issue 125).
MSMTP = (r"feb 16 22:08:49 host=smtp.gmail.com tls=on auth=on user=gabrielesomma from=gabrielesomma@gmail.com "
         r"recipients=gabrielesomma@gmail.com smtpstatus=535 smtpmsg='535-5.7.8 Username and Password not accepted. "
         r"Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials y29sm3209301edl.91 - gsmtp' "
         r"errormsg='authentication failed (method PLAIN)' exitcode=EX_NOPERM")
# nodemailer's error as JSON, its stack's Windows paths with doubled backslashes, one of them
# "\\nodemailer" (github.com/jef/streetmerchant issue 1190).
NODEMAILER_JSON = r'''"code: AUTH",
  "response": "535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials PASSWORD - gsmtp",
  "responseCode": 535,
  "command": "AUTH PLAIN",
  "stack": "Error: Invalid login: 535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials PASSWORD - gsmtp\n    at SMTPConnection._formatError (C:\\Users\\I will get a 3000\\Desktop\\streetmerchant\\node_modules\\nodemailer\\lib\\smtp-connection\\index.js:774:19)"'''
# GMX/IONOS refuse a message with three lines ("554-Transaction failed", "554-Reject due to policy
# restrictions.", "554 For explanation visit ...", github.com/homematic-community/hm_email issue 13);
# Go's net/textproto joins them with a newline and drops the codes after the first, and logfmt
# escapes the newlines in err="...".
GO_GMX = ('level=error msg="send failed" err="554 Transaction failed\\nReject due to policy restrictions.'
          '\\nFor explanation visit https://www.ionos.com/help/index.php?id=2425&c=hd"')


@pytest.mark.parametrize("text", [GRAFANA, MSMTP, NODEMAILER_JSON])
def test_gmails_escaped_reply_is_read_whole(text: str) -> None:
    reply, _ = find_reply(text)
    assert (reply["code"], reply["enhanced"]) == (535, "5.7.8")
    words = " ".join(reply["text"].split())
    assert "https://support.google.com/mail/?p=BadCredentials" in words and words.endswith("- gsmtp"), words
    assert "SMTPConnection" not in words and "nodemailer" not in words
    top = explain(text).top
    # Gmail refused the password (msmtp's log names smtp.gmail.com: an app password is wanted).
    assert top is not None and top.cause in ("password-rejected", "app-password-required"), top


@pytest.mark.parametrize("escape", ["\\n", "\\r\\n", "\\\\n", "\\\\r\\\\n"])
def test_go_reply_after_an_escaped_break_goes_on(escape: str) -> None:
    text = GO_GMX.replace("\\n", escape)
    reply, _ = find_reply(text)
    assert reply["code"] == 554
    assert reply["text"] == ("Transaction failed Reject due to policy restrictions. "
                             "For explanation visit https://www.ionos.com/help/index.php?id=2425&c=hd")


def test_a_real_line_break_after_a_log_record_is_not_its_reply() -> None:
    # The same words with real line breaks: the log record's line ends its reply.
    text = GO_GMX.replace("\\n", "\n")
    assert find_reply(text)[0]["text"] == "Transaction failed"


@pytest.mark.parametrize("path", ["C:\\new\\file.txt", "C:\\\\new\\\\nightly", "D:\\mail\\net\\rules.ini",
                                  "Desktop\\\\node_modules\\\\nodemailer\\\\lib\\\\index.js:774:19"])
def test_a_windows_path_is_no_line_break(path: str) -> None:
    text = f'error="550 5.7.1 Relaying denied while reading {path} for the account"'
    reply, _ = find_reply(text)
    assert (reply["code"], reply["enhanced"]) == (550, "5.7.1")
    assert reply["text"].endswith("for the account"), reply["text"]


@pytest.mark.parametrize("text", ["\\\\n" * 500_000, "\\n" * 500_000, "C:" + "\\\\a" * 300_000,
                                  "a\\\\" * 300_000 + "x", "\\" * 1_000_000, "535 x\\n" + "\\\\n" * 300_000])
def test_escapes_in_a_huge_line_are_read_without_a_reply(text: str) -> None:
    # Hostile runs of escapes and backslashes: read to the end, no reply made of them (their
    # time is measured by benchmarks/explain_bench.py, not here).
    reply, _ = find_reply(text)
    assert not reply or reply.get("code") == 535

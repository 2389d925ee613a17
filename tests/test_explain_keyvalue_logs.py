"""A server's structured (key=value) log of the reply it sent: the reply's words stand in the error
key, its codes in their own keys. Mox (mjl-/mox: smtpserver/server.go xbwritecodeline, mlog/log.go)
writes 'smtp command result' with err, ..., code and ecode, in logfmt or in its ';'-separated form."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain
from mailexpert.replies import find_reply

# Mox's words for AUTH on a port that is no submission port (smtpserver/server.go: 503 5.5.1).
_NOT_SUBMISSION = ('l=debug m="smtp command result" err="authentication only allowed on submission ports" '
                   'pkg=smtpserver kind=smtp cmd=auth code=503 ecode=5.5.1 duration=101.2µs cid=18f2a1b3c4d')


@pytest.mark.parametrize(("text", "code", "reply"), [
    (_NOT_SUBMISSION, 503, "5.5.1 authentication only allowed on submission ports"),
    ('l=debug m="smtp command result" err="bad user/pass" pkg=smtpserver kind=submission cmd=auth '
     "code=535 ecode=5.7.8 duration=1.1ms", 535, "5.7.8 bad user/pass"),
    ("debug: smtp command result: bad user/pass; pkg=smtpserver; kind=submission; cmd=auth; code=535; "
     "ecode=5.7.8; duration=2ms", 535, "5.7.8 bad user/pass"),
])
def test_the_words_and_codes_of_a_key_value_log_are_read_together(text: str, code: int, reply: str) -> None:
    found, _ = find_reply(text)
    assert (found.get("code"), found.get("text")) == (code, reply), found


def test_auth_refused_on_a_relay_port_reads_as_such_not_a_bare_503() -> None:
    top = explain(_NOT_SUBMISSION).top
    assert top is not None and top.cause in ("mx-host-used-for-submission", "smtp-auth-not-enabled"), top


@pytest.mark.parametrize("text", [
    # Without the error's words, or without the enhanced-code key, a "code=" is no reply read this way.
    'level=error msg="request failed" code=503 ecode=5.5.1 path=/api',
    'l=error m="request failed" err="upstream closed" pkg=http code=503 path=/api',
])
def test_a_line_without_the_reply_keys_is_not_taken_for_one(text: str) -> None:
    found, _ = find_reply(text)
    assert found.get("enhanced") is None and "closed" not in str(found.get("text")), found


# msmtp's log line (marlam/msmtp: src/msmtp.c, msmtp_log_to_file): the reply's code as smtpstatus,
# then the reply itself quoted in smtpmsg with its line breaks escaped, then msmtp's own keys.
_MSMTP = ("Dec 03 10:11:12 host=smtp.gmail.com tls=on auth=on user=alice from=alice@example.com "
          "recipients=bob@example.org smtpstatus=535 smtpmsg='535-5.7.8 Username and Password not accepted. "
          "For more information, go to\\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials "
          "a1sm123456wrb.1 - gsmtp' errormsg='authentication failed (method PLAIN)' exitcode=EX_NOPERM")


@pytest.mark.parametrize("text", [_MSMTP, _MSMTP + "\n", f"msmtp: {_MSMTP}\nmsmtp: exit status 77"])
def test_msmtp_logs_the_whole_reply_and_not_its_own_keys(text: str) -> None:
    from mailexpert.explain import recognise
    reply = next(f for f in recognise(text).facts if f.kind == "server.reply")
    said = str(reply.get("text"))
    # The reply's first line is its words; the status key before it and msmtp's keys after it are not.
    assert said.startswith("5.7.8 Username and Password not accepted"), said
    assert "errormsg" not in said and "smtpmsg" not in said and said.endswith("gsmtp"), said

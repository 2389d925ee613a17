"""A sendmail-compatible program's exit status as its callers print it (sysexits.h codes).

Programs that stand in for /usr/sbin/sendmail (msmtp, ssmtp, nullmailer, dma, Postfix's and sendmail's own
sendmail) say how they failed with sysexits.h's codes, and the program that ran them prints the number:
mutt's "Error sending message, child exited N (TEXT).", Python's CalledProcessError, Go's os/exec "exit
status N" (Gitea's sendmail mode). The code means what the program's own mapping says: EX_NOHOST 68 and
EX_CONFIG 78 mean the same everywhere; msmtp alone documents EX_NOPERM 77 for a refused login and
EX_TEMPFAIL 75 for a connection it could not open (marlam/msmtp:src/msmtp.c exitcode_net/exitcode_smtp).
A code said where no sendmail-compatible program is named decides nothing.

Each case names where its words come from.
"""

from __future__ import annotations

import pytest
from helpers import top_cause

from mailexpert.errors import InputError

MUTT = ("muttmua/mutt:sendlib.c (mutt_invoke_sendmail: 'Error sending message, child exited %d (%s).'), "
        "muttlib.c sysexits_h[] (the text of each code; EX_CONFIG's entry is keyed EX_NOPERM, so 78 prints '()')")
NEOMUTT = "neomutt/neomutt:send/sendmail.c (mutt_invoke_sendmail), mutt/string.c (sysexits[]: the same texts)"
PYTHON = "python/cpython:Lib/subprocess.py (CalledProcessError.__str__: \"Command '%s' returned non-zero exit status %d.\")"
GITEA = "go-gitea/gitea:services/mailer/sender/sendmail.go (cmd.Wait's *exec.ExitError: Go's 'exit status N')"
MSMTP = "marlam/msmtp:src/msmtp.c (exitcode_net: NET_EHOSTNOTFOUND EX_NOHOST, NET_ECONNECT EX_TEMPFAIL; " \
        "exitcode_smtp: SMTP_EAUTHFAIL EX_NOPERM, SMTP_EPROTO EX_PROTOCOL; EX_CONFIG for its configuration)"
SYSEXITS = "freebsd/freebsd-src:include/sysexits.h (EX_NOHOST 'host name unknown', EX_PROTOCOL 'remote error in " \
           "protocol', EX_CONFIG 'configuration error')"

HOST_UNKNOWN = {"server-host-unknown", "server-host-typo"}
CONFIG = {"client-config-corrupt"}
LOGIN = {"password-rejected"}
# msmtp's EX_TEMPFAIL is its NET_ECONNECT: connect() failed (refused, timed out, unreachable); the code
# cannot say which.
NO_CONNECTION = {"port-blocked-outbound", "port-closed", "server-unavailable", "smtp-port25-blocked",
                 "all-mail-ports-blocked"}

CASES = [
    # --- mutt and neomutt: the code and sysexits' text for it, whatever $sendmail is.
    (f"{MUTT}; {SYSEXITS}", "Error sending message, child exited 78 ().", CONFIG),
    (f"{MUTT}; {SYSEXITS}", "Error sending message, child exited 68 (Host unknown.).", HOST_UNKNOWN),
    # --- Python's subprocess running the program.
    (f"{PYTHON}; {SYSEXITS}",
     "subprocess.CalledProcessError: Command '['/usr/sbin/sendmail', '-t', '-oi']' returned non-zero exit status 78.",
     CONFIG),
    (f"{PYTHON}; {MSMTP}", "Command '['/usr/bin/msmtp', '-t']' returned non-zero exit status 77.", LOGIN),
    (f"{PYTHON}; {MSMTP}",
     "Command '['msmtp', '-a', 'default', 'bob@example.org']' returned non-zero exit status 68.", HOST_UNKNOWN),
    (f"{PYTHON}; {MSMTP}", "Command '/usr/bin/msmtp -t' returned non-zero exit status 75.", NO_CONNECTION),
    # --- Go's os/exec under Gitea's sendmail mode (its only child process in the mailer).
    (f"go-gitea/gitea#24955; {GITEA}; {MSMTP}",
     "Failed to send a testing email to someone@example.com: exit status 78", CONFIG),
    (f"{GITEA}; {SYSEXITS}", "Failed to send a testing email to someone@example.com: exit status 68", HOST_UNKNOWN),
    ("go-gitea/gitea#24955 (Gitea before 1.24, German admin page); go-gomail/gomail:send.go; " + MSMTP,
     "Das Senden der Test-E-Mail an „someone@example.com“ ist fehlgeschlagen: gomail: could not send email 1: exit "
     "status 78", CONFIG),
    # --- msmtp's own log line: the code by its name (msmtp_log_to_file's exitcode=EX_...).
    ("marlam/msmtp:src/msmtp.c (msmtp_log_to_file: 'exitcode=%s', exitcode_to_string)",
     "Dec 03 10:11:12 host=smtp.example.com tls=on auth=on user=alice from=alice@example.com "
     "recipients=bob@example.org exitcode=EX_NOHOST", HOST_UNKNOWN),
    ("marlam/msmtp:src/msmtp.c (msmtp_log_to_file; exitcode_smtp: SMTP_EAUTHFAIL is EX_NOPERM)",
     "Dec 03 10:11:12 host=smtp.example.com tls=on auth=on user=alice from=alice@example.com "
     "recipients=bob@example.org exitcode=EX_NOPERM", LOGIN),
]

# A code in a text that names no sendmail-compatible program, nor a caller that runs one, decides nothing:
# these must not read as the code's sendmail meaning.
UNRELATED = [
    ("golang/go:src/os/exec/exec.go (ExitError: 'exit status N' for any program)",
     "Error: build step failed: exit status 78", CONFIG),
    (PYTHON, "Command '['git', 'fetch']' returned non-zero exit status 68.", HOST_UNKNOWN),
    (PYTHON, "Command '['rsync', '-a', 'src/', 'dst/']' returned non-zero exit status 77.", LOGIN),
    # EX_NOPERM is a refused login in msmtp's mapping only; mutt does not say which $sendmail ran (Postfix's
    # uses the code for a local permission), so its 77 is no login's verdict.
    (f"{MUTT}; Postfix's src/sendmail/sendmail.c (enqueue: msg_fatal_status(EX_NOPERM, \"User %s(%ld) is not "
     "allowed to submit mail\"), authorized_submit_users)",
     "Error sending message, child exited 77 (Insufficient permission.).", LOGIN),
]


def _top(text: str) -> str | None:
    try:
        return top_cause(text)
    except InputError:
        return "declined"


@pytest.mark.parametrize(("source", "text", "causes"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_a_sendmail_program_s_exit_status_reads_right(source: str, text: str, causes: set[str]) -> None:
    assert source
    assert _top(text) in causes, (source, text, _top(text))


@pytest.mark.parametrize(("source", "text", "meaning"), UNRELATED, ids=[f"u{i}" for i in range(len(UNRELATED))])
def test_an_exit_status_of_another_program_decides_nothing(source: str, text: str, meaning: set[str]) -> None:
    assert source
    assert _top(text) not in meaning, (text, _top(text))

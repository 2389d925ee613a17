"""What getmail6, OfflineIMAP3, aiosmtplib and ImapFlow print, as they printed it against the lab
(tests/corpus/collected-lab4.yaml, collected-lab5.yaml): each names its cause."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain, recognise

#: OfflineIMAP's banner opens each of its logs.
BANNER = ("OfflineIMAP 8.0.0\n"
          "  Licensed under the GNU GPL v2 or any later version (with an OpenSSL exception)\n"
          "imaplib2 v3.05, Python v3.11.2, OpenSSL 3.0.19 27 Jan 2026\n"
          "*** Processing account lab\n"
          "Establishing connection to mail.example.test:43363 (remote)\n")


def _top(text: str, server: str | None = None) -> str | None:
    setting = ServerSetting.parse(*server.split()) if server else None
    top = explain(text, setting=setting).top
    return top.cause if top else None


@pytest.mark.parametrize(("text", "server", "cause"), [
    # Python's ssl.match_hostname, as getmail6 keeps and prints it: no TLS word in it.
    ("getmailrc: operation error ((\"hostname 'mail.example.test' doesn't match 'other.example.net'\",))",
     None, "cert-hostname-mismatch"),
    # imaplib's error(None): the first line was a continuation '+', a POP3 server's '+OK'.
    ("getmailrc: operation error (IMAP error (None))", None, "wrong-protocol-on-port"),
    (BANNER + "ERROR: While attempting to sync account 'lab'\n"
     "  ('CA Cert verifying failed:  no matching domain name found in certificate',)\n"
     "*** Finished account 'lab' in 0:00\nERROR: Exceptions occurred during the run!",
     None, "cert-hostname-mismatch"),
    (BANNER + "LOGIN authentication failed: IMAP LOGIN is disabled by server.  Need to use SSL?\n"
     "ERROR: All authentication types failed:\n\tLOGIN: IMAP LOGIN is disabled by server.  Need to use SSL?\n"
     "*** Finished account 'lab' in 0:00\nERROR: Exceptions occurred during the run!",
     "imap mail.example.test:143/plain", "auth-requires-tls"),
    # ImapFlow's own refusal where the server lists LOGINDISABLED.
    ("AuthenticationFailure [Error]: Login is disabled {\n  authenticationFailed: true\n}",
     "imap mail.example.test:143/plain", "auth-requires-tls"),
    ("aiosmtplib.errors.SMTPException: The SMTP AUTH extension is not supported by this server. "
     "Try connecting via TLS (or STARTTLS).", "smtp mx.example.test:25/plain", "mx-host-used-for-submission"),
])
def test_a_lab_client_text_names_its_cause(text: str, server: str | None, cause: str) -> None:
    assert _top(text, server) == cause


def test_offlineimaps_banner_says_nothing_of_the_network() -> None:
    # "OfflineIMAP" is no network gone offline, "any later version" no "try again later".
    text = (BANNER + "PLAIN authentication failed: b'AUTHENTICATE failed.'\n"
            "LOGIN authentication failed: b'LOGIN failed.'\n"
            "ERROR: All authentication types failed:\n\tPLAIN: b'AUTHENTICATE failed.'\n\tLOGIN: b'LOGIN failed.'\n"
            "*** Finished account 'lab' in 0:00\nERROR: Exceptions occurred during the run!")
    facts = recognise(text).facts
    assert all(f.kind != "tcp.connect" for f in facts), facts
    assert all(f.get("status") != "transient" for f in facts), facts
    assert _top(text, "imap mail.example.test:993/ssl") == "password-rejected"


def test_offlineimaps_failed_connects_are_a_connection_failure() -> None:
    text = (BANNER + "ERROR: While attempting to sync account 'lab'\n  (-1, 'could not open socket')\n"
            "*** Finished account 'lab' in 0:00\nERROR: Exceptions occurred during the run!")
    facts = recognise(text).facts
    assert [(f.kind, f.get("outcome")) for f in facts] == [("tcp.connect", "error")], facts


@pytest.mark.parametrize(("text", "server", "cause"), [
    # GNU Mailutils says only "TLS error" (MU_ERR_TLS): set to SSL/TLS, no STARTTLS step was taken,
    # so on a port that speaks plaintext first it is the TLS hello meeting the plaintext greeting.
    ("movemail: MU_ERR_TLS:mailbox `imaps://bob@mail.example.org:143': cannot open: TLS error",
     "imap mail.example.org:143/ssl", "tls-on-plaintext-port"),
    ("mail.mailutils: Cannot open mailer: TLS error\nmail.mailutils: cannot send message: TLS error",
     "smtp mail.example.org:587/ssl", "tls-on-plaintext-port"),
    # The same words with STARTTLS set are the upgrade failing.
    ("mail.mailutils: Cannot open mailer: TLS error\nmail.mailutils: cannot send message: TLS error",
     "smtp mail.example.org:587/starttls", "starttls-failed"),
])
def test_an_unexplained_tls_error_follows_the_setting_s_security(text: str, server: str, cause: str) -> None:
    assert _top(text, server) == cause


def test_an_unreadable_greeting_on_an_implicit_tls_port_set_to_starttls_is_the_setting() -> None:
    # Mailutils quotes an empty "invalid server response": set to STARTTLS on 993, the client read
    # the implicit-TLS port's silence or hang-up as its greeting.
    text = ("movemail: mu_imap_connect: invalid server response: \n"
            "movemail: MU_ERR_BADREPLY:mailbox `imap://bob@mail.example.org:993': cannot open: "
            "Invalid reply from the remote host")
    assert _top(text, "imap mail.example.org:993/starttls") == "plaintext-on-tls-port"
    # Its URL says as much (imap://, not imaps://, on 993); without a port the words say only that
    # the greeting was wrong.
    assert _top(text) == "plaintext-on-tls-port"
    assert _top("movemail: mu_imap_connect: invalid server response: ") == "wrong-protocol-on-port"


@pytest.mark.parametrize("text", [
    "smtp: Failed: Server does not advertise any supported authentication methods\n"
    "Sending failed: Temporary error in sending the message",
    "SMTPError: no form of authorization supported {\n  code: 7,\n  smtp: '250-mx.example.org\\n' +\n"
    "    '250-STARTTLS\\n' +\n    '250 SMTPUTF8\\n',\n  previous: null\n}",
])
def test_no_usable_login_on_port_25_is_the_mx_not_a_missing_starttls(text: str) -> None:
    # Port 25 is the servers' port: an MX there offers mail programs no login, with or without TLS.
    assert _top(text, "smtp mx.example.org:25/plain") == "mx-host-used-for-submission"
    # On the submission port the logins most likely wait for TLS.
    assert _top(text, "smtp mail.example.org:587/plain") == "auth-requires-tls"


def test_an_unexplained_failure_with_plaintext_set_on_an_implicit_tls_port_is_the_setting() -> None:
    text = "mail.mailutils: Cannot open mailer: Input/output error\nmail.mailutils: cannot send message: Input/output error"
    assert _top(text, "smtp mail.example.org:465/starttls") == "plaintext-on-tls-port"
    # On the STARTTLS port the same words say nothing of the setting.
    assert _top(text, "smtp mail.example.org:587/starttls") != "plaintext-on-tls-port"

"""A client's complaint that quotes the server's first words is read by the probes' own
fingerprint (classify.fingerprint_greeting): explain states the ``service.greeting`` a probe of
the same port would, and the same rules decide (rules/port-configuration). Texts are real where
marked; the others are written in each library's wording (data/library-messages.yaml)."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.classify import fingerprint_greeting
from mailexpert.explain import _send_line_quoting_mailbox_greeting, explain, recognise

# MailKit's Pop3Client on Gmail's IMAP port (github.com/jstedfast/MailKit issue 357).
MAILKIT_POP3_ON_IMAP = "Unexpected greeting from server: * OK Gimap ready for requests from 62.220.2.230"
# nodemailer's EPROTOCOL greeting error ("Invalid greeting. response=%s", as quoted in
# github.com/nodemailer/nodemailer issue 1508), here with an SSH server's identification.
NODEMAILER_SSH = "Error: Invalid greeting. response=SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3: SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"
# Jakarta/Angus Mail's SMTPTransport ("Got bad greeting from SMTP host: %s, port: %s, response: %s").
JAVAMAIL_SSH = ("jakarta.mail.MessagingException: Got bad greeting from SMTP host: mail.example.com, port: 587, "
                "response: SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u1")
# MailKit's Pop3Client on a web server's port.
MAILKIT_HTTP = "MailKit.Net.Pop3.Pop3ProtocolException: Unexpected greeting from server: HTTP/1.1 400 Bad Request"
# Python's smtplib: SMTP() raises SMTPConnectError(code, msg) for a greeting other than 220, with
# the code -1 for a first line that is no SMTP reply (python/cpython Lib/smtplib.py, getreply).
SMTPLIB_SSH = """Traceback (most recent call last):
  File "/home/jo/send.py", line 4, in <module>
    server = smtplib.SMTP("mail.example.com", 587)
  File "/usr/lib/python3.11/smtplib.py", line 341, in __init__
    raise SMTPConnectError(code, msg)
smtplib.SMTPConnectError: (-1, b'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3')"""
SMTPLIB_HTTP = "smtplib.SMTPConnectError: (-1, b'HTTP/1.1 400 Bad Request\\r\\nServer: nginx\\r\\nContent-Type: text/html')"


def _greeting(text: str, setting: ServerSetting | None = None) -> dict[str, object]:
    found = [f for f in recognise(text, setting=setting).facts if f.kind == "service.greeting"]
    assert len(found) == 1, found
    return dict(found[0].fields)


@pytest.mark.parametrize(("text", "protocol", "quoted"), [
    (NODEMAILER_SSH, "smtp", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"),
    (JAVAMAIL_SSH, "smtp", "SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u1"),
    (MAILKIT_HTTP, "pop3", "HTTP/1.1 400 Bad Request"),
    (MAILKIT_POP3_ON_IMAP, "pop3", "* OK Gimap ready for requests from 62.220.2.230"),
    (SMTPLIB_SSH, "smtp", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"),
    (SMTPLIB_HTTP, "smtp", "HTTP/1.1 400 Bad Request"),
])
def test_the_quoted_first_words_are_read_as_a_probe_reads_them(text: str, protocol: str, quoted: str) -> None:
    greeting = _greeting(text)
    probe = fingerprint_greeting(quoted.encode())
    assert greeting["protocol"] == protocol
    assert greeting["spoken"] == probe.spoken != protocol
    assert greeting.get("status") == probe.status
    # nodemailer repeats the response after a colon; the quote is read from its start.
    assert str(greeting["text"]).startswith(quoted)
    causes = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert causes[0] == "wrong-protocol-on-port", causes
    # Another protocol's valid greeting is no client defect.
    assert "client-outdated" not in causes


def test_with_the_setting_the_probes_rule_decides() -> None:
    # The same fact a probe of imap.example.com:143 would give, so the setting's rule speaks.
    setting = ServerSetting.parse("imap", "imap.example.com:143/starttls")
    text = "Syntax error in IMAP server greeting. SSH-2.0-OpenSSH_9.2p1 Debian-2"
    assert _greeting(text, setting)["spoken"] == "ssh"
    top = explain(text, setting=setting).diagnoses[0]
    assert (top.cause, top.rule) == ("wrong-protocol-on-port", "wrong-protocol-on-port")
    assert "speaks SSH, not IMAP" in top.summary


def test_a_valid_greeting_of_the_clients_own_protocol_stays_a_client_fault() -> None:
    text = 'Error: Invalid greeting from server: "220-mx.example.org ESMTP Exim 4.96"'
    greeting = _greeting(text, ServerSetting.parse("smtp", "mx.example.org:587/starttls"))
    assert (greeting["spoken"], greeting["status"]) == ("smtp", "ok")


def test_an_smtplib_refusal_at_connect_stays_the_servers_reply() -> None:
    # A 554 greeting is an SMTP reply: the server's refusal, not another protocol.
    causes = [d.cause for d in explain("smtplib.SMTPConnectError: (554, b'5.7.1 Access denied')").diagnoses]
    assert "wrong-protocol-on-port" not in causes


def test_words_no_protocol_speaks_stay_unknown() -> None:
    # MailKit's own token report quotes no greeting: nothing to fingerprint.
    assert _greeting("Syntax error in IMAP server greeting. Unexpected token: [atom: 220]")["spoken"] == "unknown"


def test_a_quoted_greeting_is_no_check_that_passed() -> None:
    """A valid greeting the program called unexpected is a pasted fact: the report lists it as
    evidence, never under "Checks that passed" (it was "Greeting: unknown answers SMTP on port 0")."""
    from mailexpert.render import passed_checks, render_text

    text = ('Error: SMTP connection failure: Unexpected greeting: "220-mx.example.net ESMTP Exim 4.96.2 '
            '#2 Sat, 24 Aug 2024 09:58:17 +0200 \\r\\n".')
    greeting = _greeting(text)
    assert greeting["spoken"] == "smtp" and greeting["source"] == "pasted"
    report = explain(text)
    assert passed_checks(report.facts) == []
    assert "Checks that passed" not in render_text(report)


# Thunderbird's smtpServerError (comm-central mailnews/compose/src/SmtpClient.sys.mjs _actionGreeting
# passes a greeting other than 220 on as the server's answer; messengercompose/composeMsgs.properties).
THUNDERBIRD_SMTP_SERVER_ERROR = ("Sending of the message failed.\nAn error occurred while sending mail: Outgoing "
                                 "server (SMTP) error. The server responded:  {}.")


@pytest.mark.parametrize(("quoted", "spoken"), [
    ("* OK [CAPABILITY IMAP4rev1 IDLE STARTTLS] Dovecot ready", "imap"),
    ("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>", "pop3"),
    ("HTTP/1.1 400 Bad Request", "http"),
])
def test_another_protocols_greeting_as_the_servers_answer_is_the_wrong_port(quoted: str, spoken: str) -> None:
    text = THUNDERBIRD_SMTP_SERVER_ERROR.format(quoted)
    greeting = _greeting(text)
    assert (greeting["protocol"], greeting["spoken"]) == ("smtp", spoken)
    assert explain(text).top.cause == "wrong-protocol-on-port"


@pytest.mark.parametrize("text", [
    THUNDERBIRD_SMTP_SERVER_ERROR.format("550 5.7.1 Relaying denied"),
    "The IMAP server responded: * OK Dovecot ready.",
])
def test_the_clients_own_protocols_answer_after_the_label_is_no_other_greeting(text: str) -> None:
    assert not [f for f in recognise(text).facts if f.kind == "service.greeting"]


# A client that names no protocol but says it was sending mail, which only SMTP does, and quotes a mailbox
# server's greeting as its error (written in the form the ioBroker e-mail adapter logs nodemailer's failure).
SENDING_QUOTES_IMAP = ("email.0\t2024-05-02 08:15:01.100\terror\tCannot send email: Error: * OK [CAPABILITY IMAP4rev1 "
                       "SASL-IR LITERAL+ ID ENABLE IDLE AUTH=PLAIN] Dovecot ready.")
SENDING_QUOTES_POP3 = "Sending failed: +OK POP3 server ready <1896.697170952@mail.example.com>"


@pytest.mark.parametrize("text", [SENDING_QUOTES_IMAP, SENDING_QUOTES_POP3])
def test_a_sending_client_quoting_a_mailbox_greeting_has_an_imap_or_pop3_port(text: str) -> None:
    greeting = _greeting(text)
    assert greeting["protocol"] == "smtp"
    assert greeting["spoken"] in ("imap", "pop3")
    causes = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert causes[0] == "wrong-protocol-on-port", causes


@pytest.mark.parametrize("text", [
    # The client names the protocol it spoke, IMAP: its own command failed to go out, no mail was being sent.
    "IMAP: failed to send command: * OK [CAPABILITY IMAP4rev1] Dovecot ready.",
    # No words of sending before the greeting.
    "Status: * OK [CAPABILITY IMAP4rev1] Dovecot ready.",
    # Sending, but the words quoted are an SMTP server's own: no other protocol's greeting.
    "Cannot send email: Error: 220 mail.example.com ESMTP Postfix",
])
def test_a_mailbox_greeting_is_read_as_the_smtp_host_only_from_a_sending_client(text: str) -> None:
    assert _send_line_quoting_mailbox_greeting(text) is None

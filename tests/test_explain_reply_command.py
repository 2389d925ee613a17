"""Which command a server's reply answers, and what the server's own words for an unknown command say.

The same reply means different things after different commands: "502 ... command not recognized" to AUTH is
a port without logins, to STARTTLS a port without TLS -- or, from Postfix, a command the server never got as
sent. A program's words around the reply name the command (dma's "STARTTLS not available: ...", Exim's
"after pipelined MAIL FROM"); an IMAP BAD that names AUTHENTICATE and a mechanism refuses the mechanism.
Every text here is made up for the test in the programs' and servers' documented forms."""

from __future__ import annotations

from helpers import causes_of

from mailexpert.explain import explain


def _reply_stages(text: str) -> list[str]:
    report = explain(text)
    return [str(f.get("stage")) for f in report.facts if f.kind == "server.reply"]


# --- IMAP: BAD to AUTHENTICATE with a mechanism (RFC 3501 / RFC 9051 section 6.2.2: BAD is "command unknown or
# arguments invalid", and AUTHENTICATE's argument is the mechanism) --------------------------------------------

def test_an_imap_bad_naming_authenticate_and_a_mechanism_refuses_the_mechanism() -> None:
    assert causes_of("imap: a2 BAD AUTHENTICATE using CRAM-MD5")[:1] == ["auth-mechanism-unsupported"]
    assert causes_of("connection error: server error: A7 BAD AUTHENTICATE with XOAUTH2")[:1] == \
        ["auth-mechanism-unsupported"]


def test_an_imap_bad_that_names_no_mechanism_is_no_refused_mechanism() -> None:
    assert "auth-mechanism-unsupported" not in causes_of("A3 BAD Command AUTHENTICATE not allowed in this state")[:1]


# --- Postfix's reply to a command it does not know ------------------------------------------------------------

def test_postfix_not_recognizing_a_clients_command_reads_as_starttls_overwritten_on_the_way() -> None:
    assert causes_of("SMTP error: 502 5.5.2 Error: command not recognized")[:1] == ["starttls-stripped"]
    assert causes_of("s-nail: SMTP server: 502 5.5.2 Error: command not recognized\n"
                     "s-nail: ... message not sent")[:1] == ["starttls-stripped"]


def test_postfix_without_tls_says_not_implemented_which_is_no_device_on_the_way() -> None:
    causes = causes_of("SMTP error: 502 5.5.1 Error: command not implemented")
    assert "starttls-stripped" not in causes[:1]


def test_the_same_reply_to_auth_is_a_port_without_logins() -> None:
    causes = causes_of("AUTH command failed: 502 5.5.2 Error: command not recognized")
    assert causes[:1] == ["smtp-auth-not-enabled"]


def test_a_command_the_server_quotes_is_not_read_as_overwritten() -> None:
    # A server that names what it got ('"AUTHENTICATE"') shows the client sent a wrong command itself.
    causes = causes_of('500 5.5.1 Error: command not recognized: "AUTHENTICATE"')
    assert "starttls-stripped" not in causes[:1]


# --- the command a program's words name -----------------------------------------------------------------------

def test_dma_names_the_starttls_its_reply_answers() -> None:
    text = ("Dec  3 00:28:36 vm dma[8287]: remote delivery deferred: STARTTLS not available: "
            "502 5.5.1 Error: command not implemented")
    assert _reply_stages(text) == ["starttls"]
    assert causes_of(text)[:1] == ["starttls-not-offered"]


def test_exim_names_a_pipelined_command_its_reply_answers() -> None:
    text = ("2026-12-02 14:50:35 1xYlfH-0001ir-1q ** bob@example.org R=smarthost T=remote_smtp_smarthost "
            "H=mail.example.org [192.0.2.10]: SMTP error from remote mail server after pipelined "
            "MAIL FROM:<alice@example.org> SIZE=1351: 530 5.7.0 Authentication required")
    assert _reply_stages(text) == ["mail"]
    rcpt = ("SMTP error from remote mail server after pipelined RCPT TO:<bob@example.org>: "
            "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table")
    assert _reply_stages(rcpt) == ["rcpt"]


# --- where the server listed no AUTH: before or after TLS ------------------------------------------------------

def test_gmail_send_as_finds_no_auth_after_its_starttls_so_the_port_takes_no_logins() -> None:
    # Gmail sends through another server only over TLS, and names the step: the EHLO after STARTTLS.
    text = ("You're sending this from a different address or alias using the 'Send mail as' feature.\n"
            "The response was:\nUnspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability")
    assert causes_of(text)[:1] == ["smtp-auth-not-enabled"]


def test_a_client_that_names_no_tls_step_still_reads_first_as_auth_waiting_for_tls() -> None:
    assert causes_of("Server does not advertise AUTH capability")[:1] == ["auth-requires-tls"]

"""Lab clients' texts read together with the server setting the client was given: a reply that
means one thing for a client set to no encryption means another for one set to STARTTLS (Symfony
Mailer, fdm), a refused recipient without the server's words means a refusal to relay on port 25
(Mono's SmtpClient), and sendEmail's Perl warning says the connection was cut during the login."""

from __future__ import annotations

import pytest
from helpers import causes_of


def _top(text: str, server: str | None = None) -> str | None:
    return next(iter(causes_of(text, server)), None)


SYMFONY_530 = ('Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code "250" but got '
               'code "530", with message "530 5.7.0 Must issue a STARTTLS command first".')
FDM_STLS = "work: unexpected data: -ERR Unknown command.\nwork: fetching error. aborted"
SENDEMAIL_CUT = ('Use of uninitialized value $conf{"SMTPchat_response"} in pattern match (m//) at /usr/bin/sendemail '
                 'line 1984, <GEN0> line 9.\n\nMar 03 10:12:01 host sendemail[812]: ERROR => ERROR => SMTP-AUTH: '
                 'Authentication to smtp.example.net:587 failed.')
MONO_RCPT = "System.Net.Mail.SmtpFailedRecipientsException: failed recipients"


@pytest.mark.parametrize(("text", "server", "cause"), [
    # Symfony sends STARTTLS whenever the EHLO answer offers it: set to STARTTLS and told to send it
    # first, the server did not offer it.
    (SYMFONY_530, "smtp smtp.example.net:587/starttls", "starttls-not-offered"),
    # Set to no encryption, the setting is the cause.
    (SYMFONY_530, "smtp smtp.example.net:587/plain", "auth-requires-tls"),
    # fdm sends STLS right after the POP3 greeting and logs the refusal as unexpected data.
    (FDM_STLS, "pop3 pop.example.net:110/starttls", "starttls-not-offered"),
    # sendEmail's warning about the undefined reply: the server closed the connection during AUTH.
    (SENDEMAIL_CUT, "smtp smtp.example.net:587/plain", "plaintext-auth-filtered"),
    # Mono's own words for refused recipients, on port 25: the MX refuses to relay.
    (MONO_RCPT, "smtp mx.example.net:25/plain", "mx-host-used-for-submission"),
    # The same on the submission port: the client sends without logging in.
    (MONO_RCPT, "smtp smtp.example.net:587/starttls", "smtp-auth-not-enabled"),
])
def test_a_lab_clients_text_with_its_setting(text: str, server: str, cause: str) -> None:
    assert _top(text, server) == cause


def test_an_unknown_command_on_an_implicit_tls_pop3_setting_is_not_stls() -> None:
    assert _top(FDM_STLS, "pop3 pop.example.net:995/ssl") != "starttls-not-offered"


def test_sendemails_refusal_without_the_warning_is_a_refused_login() -> None:
    text = "Mar 03 10:12:01 host sendemail[812]: ERROR => ERROR => SMTP-AUTH: Authentication to smtp.example.net:587 failed."
    assert _top(text, "smtp smtp.example.net:587/plain") != "plaintext-auth-filtered"


def test_port_25_read_from_outlooks_own_details_is_the_providers_smarthost() -> None:
    # The port comes only from Outlook's error details: the account's outgoing server as the provider gave
    # it, which relays for logged-in users (KB 290842), not an MX the user chose.
    text = ("The message could not be sent because one of the recipients was rejected by the server. The rejected "
            "e-mail address was 'bob@example.net'. Subject 'test', Account: 'mail.isp.example', Server: "
            "'mail.isp.example', Protocol: SMTP, Port: 25, Secure(SSL): No, Error Number: 0x800CCC79")
    assert _top(text) == "smtp-auth-not-enabled"

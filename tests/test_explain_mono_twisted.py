"""Mono's System.Net.Mail.SmtpClient and Twisted's ESMTP client (Matrix Synapse sends through it),
as Mono 6.8 and Twisted 22.4 printed them against the lab (tests/corpus/collected-lab7.yaml), and
nullmailer's journal lines (collected-lab7b.yaml): each
program's own words read as its source writes them, Mono's STARTTLS capped at TLS 1.0, and the
EHLO answer's AUTH line a client's log shows beside "no mechanism it can use"."""

from __future__ import annotations

import pytest

from mailexpert import tlsclients
from mailexpert.account import ServerSetting
from mailexpert.explain import explain

MONO_TLS = ("System.Net.Mail.SmtpException: Message could not be sent. ---> "
            "System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception. ---> "
            "Mono.Btls.MonoBtlsException: Ssl error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION")
#: Twisted's AUTHRequiredError: its own 502, and the last lines of the session it logged.
TWISTED_NO_MECHANISM = ("twisted.mail._except.AUTHRequiredError: 502 Server does not support Client Authentication "
                        "schemes [CRAM-MD5, LOGIN, PLAIN]\n<<< 250-{auth}\n<<< 250-ENHANCEDSTATUSCODES\n"
                        "<<< 250-8BITMIME\n<<< 250 SMTPUTF8")


def causes(text: str, setting: str | None = None) -> list[str]:
    report = explain(text, setting=ServerSetting.parse("smtp", setting) if setting else None)
    return [d.cause for d in report.diagnoses]


def test_monos_smtpclient_beside_a_protocol_version_alert_is_the_client_capped_at_tls_1_0() -> None:
    assert [f["platform"] for f in tlsclients.named_platforms(MONO_TLS)] == ["mono-smtpclient"]
    assert causes(MONO_TLS, "mail.example.net:587/starttls")[0] == "tls-version-client-outdated"


@pytest.mark.parametrize("text", [
    # .NET's own SmtpClient names no Mono TLS provider.
    "System.Net.Mail.SmtpException: Failure sending mail. ---> System.Security.Authentication.AuthenticationException: "
    "Authentication failed because the remote party sent a TLS alert: 'ProtocolVersion'.",
    # MailKit on Mono negotiates TLS 1.2 itself.
    "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection. "
    "---> System.Net.Mail.SmtpException ---> Mono.Btls.MonoBtlsException: Ssl error",
    # Mono's TLS named without SmtpClient (an HTTP client's).
    "System.Net.WebException: Error: SecureChannelFailure ---> Mono.Btls.MonoBtlsException: Ssl error",
])
def test_other_programs_on_mono_or_dotnet_are_not_monos_smtpclient(text: str) -> None:
    assert "mono-smtpclient" not in [f["platform"] for f in tlsclients.named_platforms(text)]


@pytest.mark.parametrize(("text", "setting", "cause"), [
    ("System.Net.Mail.SmtpException: Message could not be sent. ---> System.IO.IOException: Connection closed",
     "mail.example.net:465/starttls", "plaintext-on-tls-port"),
    ("System.Net.Mail.SmtpException: Message could not be sent. ---> System.Net.Mail.SmtpException: "
     "Response format is wrong.(* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.)", "mail.example.net:143/starttls",
     "wrong-protocol-on-port"),
    # Connected, and no reply came: on the implicit-TLS port the server waits for a TLS handshake.
    ("twisted.mail._except.SMTPTimeoutError: Timeout waiting for SMTP server response", "mail.example.net:465/starttls",
     "plaintext-on-tls-port"),
    ("twisted.mail._except.SMTPProtocolError: Invalid response from SMTP server: b'+OK Dovecot ready.'",
     "mail.example.net:110/starttls", "wrong-protocol-on-port"),
])
def test_the_programs_own_words(text: str, setting: str, cause: str) -> None:
    assert causes(text, setting)[0] == cause


@pytest.mark.parametrize("setting", ["mail.example.net:465/ssl", "mail.example.net:587/starttls"])
def test_twisteds_connection_ended_before_sending_is_no_blocked_port(setting: str) -> None:
    # A refused or timed-out connect is twisted.internet.error's; this one was made, and ended cleanly
    # (as Twisted's TLS ends it when it refuses the certificate).
    found = causes("twisted.mail._except.SMTPConnectError: Unable to connect to server.", setting)
    assert found and found[0] not in ("port-blocked-outbound", "smtp-port25-blocked", "port-closed")


def test_an_oauth_only_auth_line_in_the_log_says_which_reading_it_is() -> None:
    text = TWISTED_NO_MECHANISM.format(auth="AUTH XOAUTH2 OAUTHBEARER")
    assert causes(text, "mail.example.net:587/starttls")[0] == "oauth-required"


@pytest.mark.parametrize("auth", ["AUTH PLAIN LOGIN XOAUTH2", "AUTH GSSAPI NTLM"])
def test_an_auth_line_with_other_mechanisms_is_not_read_as_oauth_only(auth: str) -> None:
    found = causes(TWISTED_NO_MECHANISM.format(auth=auth), "mail.example.net:587/starttls")
    assert found[0] == "auth-mechanism-unsupported"
    assert "oauth-required" not in found[:1]


def test_a_client_listing_its_own_mechanisms_asked_for_no_one_of_them() -> None:
    report = explain(TWISTED_NO_MECHANISM.format(auth="SIZE 10240000"))
    skipped = [f for f in report.facts if f.kind == "login.result"]
    assert skipped and skipped[0]["mechanism"] == "any"
    # One mechanism named is the one the client was set to.
    report = explain("Server does not support Client Authentication schemes [CRAM-MD5]")
    assert [f["mechanism"] for f in report.facts if f.kind == "login.result"] == ["CRAM-MD5"]


def test_mono_says_every_recipient_was_refused() -> None:
    report = explain("System.Net.Mail.SmtpFailedRecipientsException: failed recipients",
                     setting=ServerSetting.parse("smtp", "mx.example.net:25/plain"))
    assert report.has_errors


#: What nullmailer-send logs for one attempt: the smtp module's line, then its own verdict.
NULLMAILER = ("Starting delivery: host: smtp.example.net protocol: smtp file: 1700000000.1\n"
              "From: <alice@example.net> to: <bob@example.org>\nsmtp: Failed: {module}\nSending failed: {verdict}")


@pytest.mark.parametrize(("module", "verdict", "expected"), [
    ("Server does not advertise any supported authentication methods", "Temporary error in sending the message",
     {"auth-mechanism-unsupported", "oauth-required"}),
    ("Server SSL/TLS certificate is untrusted", "Temporary error in sending the message",
     {"cert-untrusted-issuer", "cert-self-signed", "cert-expired", "tls-interception"}),
    ("535 5.7.8 Error: authentication failed: authentication failure", "Failed to authenticate to server",
     {"password-rejected"}),
])
def test_nullmailers_journal(module: str, verdict: str, expected: set[str]) -> None:
    assert causes(NULLMAILER.format(module=module, verdict=verdict), "smtp.example.net:587/starttls")[0] in expected

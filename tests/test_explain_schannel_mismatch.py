"""Windows' "The client and server cannot communicate, because they do not possess a common
algorithm" (Schannel's SEC_E_ALGORITHM_MISMATCH, 0x80090331) is Windows' own refusal: a server's
protocol_version alert reaches a Windows program as another error (SEC_E_UNSUPPORTED_FUNCTION, in
Microsoft's table of Schannel error codes for TLS alerts). Most reports are the program's old
side (.NET Framework defaults, TLS 1.2 switched off in Windows), so that reading ranks first and the
server's (an old server offering TLS 1.0 only) stays a candidate; a text that names the server's
old software reads the server. Real texts, sources beside."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

# A System.Net.Mail client against smtp4dev with TLS 1.2 only (github.com/rnwood/smtp4dev issue 330).
SMTP4DEV = ("Swallowing exception: System.Security.Authentication.AuthenticationException: A call to SSPI failed, "
            "see inner exception. ---> System.ComponentModel.Win32Exception: The client and server cannot "
            "communicate, because they do not possess a common algorithm.")
# Aegis Implicit Mail after the mail server moved to TLS 1.2 (github.com/nilnull/AIM issue 12).
AIM = ("I have been getting error saying - The client and server cannot communicate, because they do not "
       "possess a common algorithm.")
# ActionMailerNext (System.Net.Mail) after SSLv3 and TLS 1.0 were disabled (github.com/crossvertise/ActionMailerNext issue 35).
ACTION_MAILER = ("Exception Details: System.ComponentModel.Win32Exception: The client and server cannot communicate, "
                 "because they do not possess a common algorithm")
# MailKit against an Exchange server that offered TLS 1.0 only (github.com/jstedfast/MailKit issue 1111):
# the same words, the server the old side; the text alone cannot tell.
MAILKIT_EXCHANGE = ("The client and server cannot communicate, because they do not possess a common algorithm error "
                    "connecting to Exchange / OWA server over POP3 and SMTP")


@pytest.mark.parametrize("text", [SMTP4DEV, AIM, ACTION_MAILER, MAILKIT_EXCHANGE])
def test_no_common_algorithm_reads_the_programs_side_first_and_keeps_the_server(text: str) -> None:
    diagnoses = explain(text).diagnoses
    causes = [d.cause for d in diagnoses]
    assert causes[:2] == ["tls-version-client-outdated", "tls-version-server-outdated"], causes
    assert diagnoses[0].rule == "tls-version-client-outdated-schannel-pasted"
    assert diagnoses[0].confidence == "likely" and diagnoses[1].confidence == "possible"
    assert any("SchUseStrongCrypto" in step for step in diagnoses[0].fix)


def test_the_error_code_alone_reads_the_same() -> None:
    text = "System.ComponentModel.Win32Exception (0x80090331): The handshake failed."
    assert [d.cause for d in explain(text).diagnoses][:2] == ["tls-version-client-outdated", "tls-version-server-outdated"]


def test_a_named_old_server_still_reads_the_server() -> None:
    top = explain("Exchange Server 2010 here. " + AIM).top
    assert top is not None and (top.cause, top.rule) == ("tls-version-server-outdated", "tls-version-server-outdated-named-platform")


def test_another_stacks_protocol_version_alert_still_reads_the_server() -> None:
    """OpenSSL's 'tlsv1 alert protocol version' is the server's own alert: the server reading leads."""
    top = explain("[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:1129)").top
    assert top is not None and (top.cause, top.rule) == ("tls-version-server-outdated", "tls-version-server-outdated-pasted")


# Windows' verdict in words of the program's own around "common algorithm" (not the message's exact sentence,
# which error-texts.yaml holds): still read as Schannel's, the program's side first.
@pytest.mark.parametrize("text", [
    "Send failed: client and server share no common algorithm (Win32Exception)",
    "SMTP error: the server and this computer have no common algorithm to talk over TLS",
])
def test_windows_words_in_a_programs_own_sentence_read_the_same(text: str) -> None:
    diagnoses = explain(text).diagnoses
    assert [d.cause for d in diagnoses][:2] == ["tls-version-client-outdated", "tls-version-server-outdated"]
    assert diagnoses[0].rule == "tls-version-client-outdated-schannel-pasted"


def test_a_cipher_named_as_unshared_still_reads_the_cipher() -> None:
    top = explain("TLS handshake failed: no common cipher suite with the server").top
    assert top is not None and top.cause == "tls-no-shared-cipher"

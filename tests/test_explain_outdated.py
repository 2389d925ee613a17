"""A mail program, its TLS stack or its login method that is too old for what the provider now
requires, read with the old side first: the client's program or TLS (client-outdated,
tls-version-client-outdated), the server's TLS (tls-version-server-outdated, tls-no-shared-cipher),
or the login method the provider switched off (basic-auth-disabled, web-login-required,
app-password-required).

These are wordings the neighbouring catalogues (test_explain_tlsver.py, test_explain_oauth.py,
test_explain_schannel_codes.py) do not hold: Windows' own Schannel event for a received alert, the
JSSE and old Android/PHP words for a version the two sides do not share, and the providers'
refusals of a login method as a mail program's dialog wraps them. Each is checked at the source
named beside it and pasted as a user would, with the prefix the program adds where it adds one.
Where the words cannot say which side is old (a received protocol_version alert), either reading
is accepted."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

SERVER = "tls-version-server-outdated"
CLIENT = "tls-version-client-outdated"
CIPHER = "tls-no-shared-cipher"
EITHER = (SERVER, CLIENT)  # the words do not say which side is old

# Windows' Event Viewer text of Schannel's System event 36887 (MicrosoftDocs, "Schannel events": 36887 "A fatal alert
# was received from the remote endpoint. The TLS protocol defined fatal alert code is %1."); the number is the IANA
# TLS alert. Windows logs it on whichever side received the alert: Outlook's PC or the mail server.
_SCHANNEL_36887 = "A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is {}."

CASES = [
    # --- Windows Schannel's System log (Event Viewer) -------------------------------------------------------------
    pytest.param(_SCHANNEL_36887.format(70), EITHER, id="schannel-36887-protocol-version"),
    # as Event Viewer's "Copy details as text" lays the same event out
    pytest.param("Log Name:      System\nSource:        Schannel\nEvent ID:      36887\nTask Category: None\n"
                 "Level:         Error\nDescription:\n" + _SCHANNEL_36887.format(70), EITHER,
                 id="schannel-36887-event-viewer-copy"),
    # handshake_failure (40): no cipher suite or version both sides take
    pytest.param(_SCHANNEL_36887.format(40), (CIPHER, SERVER, CLIENT), id="schannel-36887-handshake-failure"),
    # Schannel's event 36874 is its server side's (MicrosoftDocs, "Schannel events": "An %1 connection request was
    # received from a remote client application, but none of the cipher suites supported by the client application
    # are supported by the server."): a Windows mail server's log of a client whose offer is too old
    pytest.param("An TLS 1.0 connection request was received from a remote client application, but none of the cipher "
                 "suites supported by the client application are supported by the server. The TLS connection request "
                 "has failed.", (CLIENT, CIPHER), id="schannel-36874-tls10-client"),
    pytest.param("An TLS 1.2 connection request was received from a remote client application, but none of the cipher "
                 "suites supported by the client application are supported by the server. The TLS connection request "
                 "has failed.", (CIPHER, CLIENT), id="schannel-36874-tls12-client"),
    # --- Java (JSSE): the server chose a version this client's java.security disables --------------------------
    # openjdk:src/java.base/share/classes/sun/security/ssl/ServerHello.java ("The server selected protocol version "
    # + serverVersion + " is not accepted by client preferences " + activeProtocols), Java 8u291+ and 11+ with TLS 1.0
    # and 1.1 disabled, against a server that speaks only TLS 1.0
    pytest.param("javax.net.ssl.SSLHandshakeException: The server selected protocol version TLS10 is not accepted by "
                 "client preferences [TLS13, TLS12]", (SERVER,), id="jsse-server-selected-tls10"),
    pytest.param("javax.mail.MessagingException: Could not connect to SMTP host: mail.example.com, port: 465;\n"
                 "  nested exception is:\n\tjavax.net.ssl.SSLHandshakeException: The server selected protocol version "
                 "TLS10 is not accepted by client preferences [TLS12]", (SERVER,), id="javamail-server-selected-tls10"),
    # --- OpenSSL 1.0's SSL23 client (old PHP 5.x, Android before 5.0) -------------------------------------------
    # PHP's stream wrapper ("SSL operation failed with code 1. OpenSSL Error messages:\n" + the queue), as its
    # stream_socket_enable_crypto() warning for a STARTTLS upgrade (php/php-src:ext/openssl/xp_ssl.c)
    pytest.param("Warning: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
                 "error:14077102:SSL routines:SSL23_GET_SERVER_HELLO:unsupported protocol", EITHER,
                 id="php5-starttls-unsupported-protocol"),
    pytest.param("Warning: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
                 "error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure",
                 (CIPHER, SERVER, CLIENT), id="php5-starttls-handshake-failure"),
    # Android 4.x's Conscrypt over OpenSSL 1.0 (its s23_clnt.c), as an app's SSLSocket reports it
    pytest.param("javax.net.ssl.SSLHandshakeException: javax.net.ssl.SSLProtocolException: SSL handshake aborted: "
                 "ssl=0x783e8e70: Failure in SSL library, usually a protocol error\nerror:14077102:SSL routines:"
                 "SSL23_GET_SERVER_HELLO:unsupported protocol (external/openssl/ssl/s23_clnt.c:714 0x71a20cf8:0x00000000)",
                 EITHER, id="android4-ssl23-unsupported-protocol"),
    # --- Old runtimes' own TLS ---------------------------------------------------------------------------------
    # Mono's managed TLS (before Mono 4.8 its only stack, TLS 1.0 at most): its words for any failed handshake
    # (mono/mono:mcs/class/Mono.Security/Mono.Security.Protocol.Tls/SslStreamBase.cs, Alert.cs), no refused login
    pytest.param("System.IO.IOException: The authentication or decryption has failed. ---> "
                 "Mono.Security.Protocol.Tls.TlsException: The authentication or decryption has failed.",
                 (CLIENT, CIPHER), id="mono-legacy-tls-handshake"),
    # the same stack's empty trust store (NixOS/nixpkgs' mono package runs cert-sync against it): the certificate
    pytest.param("System.Net.WebException: Error getting response stream (Write: The authentication or decryption has "
                 "failed.): SendFailure ---> System.IO.IOException: The authentication or decryption has failed. ---> "
                 "Mono.Security.Protocol.Tls.TlsException: Invalid certificate received from server",
                 ("cert-untrusted-issuer", "cert-self-signed"), id="mono-legacy-tls-certificate"),
    # Java 7 / early 8 against a server's DH group over 1024 bits: "Prime size must be multiple of 64, and can only
    # range from 512 to 1024 (inclusive)" (com.sun.crypto.provider.DHKeyPairGenerator) -- its "512" is no SMTP reply
    pytest.param("javax.net.ssl.SSLException: java.lang.RuntimeException: Could not generate DH keypair\n"
                 "Caused by: java.security.InvalidAlgorithmParameterException: Prime size must be multiple of 64, and "
                 "can only range from 512 to 1024 (inclusive)", ("client-outdated",), id="java7-dh-keypair-prime-size"),
    # --- The provider switched a login method off, as a mail program's dialog wraps its words -----------------
    # Thunderbird's wrapper of an SMTP refusal ("Sending of the message failed." over "An error occurred while sending
    # mail. The mail server responded:" and the reply, as its users quote it) around Exchange
    # Online's refusal of basic authentication for SMTP AUTH (learn.microsoft.com: "Deprecation of Basic
    # authentication in Exchange Online"; 5.7.139)
    pytest.param("Sending of the message failed.\nAn error occurred while sending mail. The mail server responded:\n"
                 "5.7.139 Authentication unsuccessful, basic authentication is disabled. "
                 "[BN9PR03CA0123.namprd03.prod.outlook.com]\nPlease check the message and try again.",
                 ("basic-auth-disabled",), id="thunderbird-exchange-online-basic-auth-off"),
    pytest.param("535 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
                 "[BN9PR03CA0123.namprd03.prod.outlook.com]", ("basic-auth-disabled",),
                 id="exchange-online-basic-auth-off"),
    # Gmail's refusal of a password login where it wants the browser (support.google.com/mail/answer/78754), as
    # Thunderbird's wrapper carries it
    pytest.param("Sending of the message failed.\nAn error occurred while sending mail. The mail server responded:\n"
                 "5.7.14 Please log in via your web browser and then try again. Learn more at\n"
                 "5.7.14  https://support.google.com/mail/answer/78754 x2sm1234567wrr.1 - gsmtp\n"
                 "Please check the message and try again.", ("web-login-required", "app-password-required"),
                 id="thunderbird-gmail-web-login"),
    # Gmail's answer for an account with 2-Step Verification that was given its password
    # (support.google.com/mail/?p=InvalidSecondFactor)
    pytest.param("Sending of the message failed.\nAn error occurred while sending mail. The mail server responded:\n"
                 "5.7.9 Application-specific password required. Learn more at\n"
                 "5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d2sm12345pgc.1 - gsmtp\n"
                 "Please check the message and try again.", ("app-password-required",),
                 id="thunderbird-gmail-app-password"),
    # --- Google's OAuth page refuses a kind of sign-in it retired: only an updated program helps ----------------
    # the out-of-band copy-and-paste flow (developers.google.com/identity/protocols/oauth2/resources/oob-migration),
    # as a Gmail sync tool met it (gauteh/lieer#249); "Error 400: invalid_request" is the page's HTTP status and
    # OAuth error code, no mail server's reply
    pytest.param("Access blocked: Lieer’s request is invalid\nError 400: invalid_request\nThe out-of-band (OOB) flow has "
                 "been blocked in order to keep users secure. Follow the Out-of-Band (OOB) flow migration guide linked in "
                 "the developer docs below to migrate your app to an alternative method.\nRequest details: "
                 "redirect_uri=urn:ietf:wg:oauth:2.0:oob", ("client-outdated",), id="google-oob-flow-blocked"),
    # a sign-in inside the program's embedded web view (3pillarlabs/socialauth-android#101; Google's 2021 notice on
    # embedded webviews)
    pytest.param("That’s an error.\nError: disallowed_useragent\nThis user-agent is not permitted to make an OAuth "
                 "authorization request to Google as it is classified as an embedded user-agent (also known as a "
                 "web-view). Per our policy, only browsers are permitted to make authorization requests to Google.",
                 ("client-outdated",), id="google-disallowed-useragent"),
    # the same refusal on iOS (evernote/evernote-cloud-sdk-ios#172)
    pytest.param("Google can't sign you in safely inside this app. You can use Google sign-in by visiting this app's "
                 "website in a browser like Safari or Chrome.", ("client-outdated",), id="google-unsafe-inside-app"),
    # Google's sign-in page to a Gmail desktop program's web view (zoidsh/meru v3.64.1: "Couldn't sign you in -- This
    # browser or app may not be secure" after the email address)
    pytest.param("Couldn't sign you in\nThis browser or app may not be secure. Learn more", ("client-outdated",),
                 id="google-browser-or-app-not-secure"),
]


def test_an_oauth_pages_status_alone_is_no_mail_reply() -> None:
    """"Error 400: invalid_request" is the sign-in page's HTTP status and OAuth error code: read as an SMTP reply
    400 it would be a temporary refusal to retry, which it is not."""
    try:
        causes = [d.cause for d in explain("Error 400: invalid_request").diagnoses]
    except InputError:
        causes = []
    assert "server-reply-transient" not in causes


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_the_side_or_method_that_is_too_old_reads_first(text: str, accepted: tuple[str, ...]) -> None:
    try:
        causes = [d.cause for d in explain(text).diagnoses]
    except InputError:
        causes = []
    assert causes and causes[0] in accepted, causes


@pytest.mark.parametrize("number", [46, 20])
def test_another_alert_in_schannels_event_is_a_failure_not_fine(number: int) -> None:
    """Alerts 46 (certificate_unknown) and 20 (bad_record_mac) name no old side: the event reads as a TLS
    handshake that failed, with no cause invented and nothing called fine."""
    report = explain(_SCHANNEL_36887.format(number))
    assert not any(d.cause in (SERVER, CLIENT) for d in report.diagnoses)
    assert any(f.kind == "tls.handshake" for f in report.facts)

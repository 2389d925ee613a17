"""FairEmail's (Android, M66B/FairEmail) failure texts that tests/test_explain_clientdocs.py does not hold
yet, each as FairEmail shows or logs it, read to the cause FairEmail's own code or FAQ gives it.

FairEmail shows an account's or folder's error as Log.formatThrowable makes it: its own first line where it
has one ("No response received from email server", "Email server address lookup failed", "The server or
network actively disconnected the connection"), then each exception's message in the chain, joined by a
space. Its log (and a pasted stack trace) shows Jakarta Mail's "MessagingException: ...;\\n  nested
exception is:\\n\\t" chain instead. A login refused is rethrown as AuthenticationFailedException with
title_service_auth ("The email server said: '%1$s'"), an OAuth account's with "Access token expired at
DATE" added when the token had expired (EmailService.java).

FAQ below is M66B/FairEmail:FAQ.md at e23dd9df8002bc43e64594843ce69b52b9ad15e1, with the section; FAIREMAIL
is the app's source at the same commit. The Android texts in the chain are libcore's
(aosp-mirror/platform_libcore:luni/src/main/java/libcore/io/IoBridge.java: "failed to connect to HOST/ADDR
(port P) from /ADDR (port P) after MSms: connect failed: ERRNO (strerror)"; the old SocketChannelImpl's
UnknownHostException "Host is unresolved: HOST") and conscrypt's/BoringSSL's ("Read error: ssl=0x...:
Failure in SSL library, usually a protocol error" with an "error:XXXXXXXX:LIB:OPENSSL_internal:REASON" line,
as the public traces found by find_string show them)."""

from __future__ import annotations

import pytest
from helpers import causes_of

FAQ = "M66B/FairEmail:FAQ.md@e23dd9df"
FAIREMAIL = "M66B/FairEmail:app/src/main/java/eu/faircode/email"
NESTED = ";\n  nested exception is:\n\t"


def _connect(host: str, port: int) -> str:
    """Jakarta Mail's MailConnectException for HOST and PORT with FairEmail's 20 s timeout, its cause after it."""
    return f"com.sun.mail.util.MailConnectException: Couldn't connect to host, port: {host}, {port}; timeout 20000{NESTED}"


def _libcore(host: str, addr: str, port: int, errno: str) -> str:
    """Android's ConnectException for a connect to HOST/ADDR:PORT that failed with ERRNO ("ECONNREFUSED (...)")."""
    return (f"java.net.ConnectException: failed to connect to {host}/{addr} (port {port}) from /192.168.1.23 "
            f"(port 41872) after 20000ms: isConnected failed: {errno}")


LOGIN = {"password-rejected", "username-wrong", "app-password-required", "protocol-disabled-for-account"}
# FAQ (22): "... Network unreachable ..." is the server not reachable over the current connection ("internet
# traffic is restricted to local traffic only"); ENETUNREACH "no route to the target network": the device's
# network without internet, or the server's network offline.
UNREACHABLE = {"no-internet", "vpn-interference", "server-unavailable"}
# EHOSTUNREACH: a router (or this device) says the server's address cannot be reached, while its name resolved;
# FAQ (22) refers to connect(3). Read as tests/test_explain_netdiff.py reads the errno on every stack (NO_ROUTE).
NO_ROUTE = {"server-ip-blocked", "no-internet", "vpn-interference"}
# FAQ (22): no answer within the timeout is "mostly internet connectivity issues, possibly caused by a VPN or by
# a firewall app".
NO_ANSWER = {"port-blocked-outbound", "vpn-interference", "no-internet", "high-latency", "all-mail-ports-blocked"}
# FAQ (22): a name not resolved: a VPN, ad blocking, the (private) DNS server, or the name itself.
NOT_RESOLVED = {"dns-server-misconfigured", "dns-outage", "dns-blocked", "server-host-unknown", "server-host-typo",
                "server-host-no-address", "vpn-interference"}
# FAQ (22): "Read error" (with BAD_DECRYPT / DECRYPTION_FAILED_OR_BAD_RECORD_MAC), "Write error", "Read timed out",
# "Broken pipe" and a zlib stream cut short: the server stopped answering or the connection is bad.
BAD_LINE = {"packet-loss", "high-latency", "vpn-interference", "no-internet", "server-unavailable"}
SPAM = {"content-filtered"}
# FAQ (41): WRONG_VERSION_NUMBER (and CERT_LENGTH_MISMATCH) is TLS spoken to a port without it, or the other TLS mode.
TLS_MODE = {"tls-on-plaintext-port", "plaintext-on-tls-port", "wrong-protocol-on-port"}
# FAQ (41): UNSUPPORTED_PROTOCOL / TLSV1_ALERT_PROTOCOL_VERSION: Android and the server share no protocol or cipher.
NO_COMMON_TLS = {"tls-version-server-outdated", "tls-no-shared-cipher", "tls-version-client-outdated"}

DOCUMENTED = [
    pytest.param(_connect("imap.example.com", 993) + "java.net.ConnectException: failed to connect to "
                 "imap.example.com/203.0.113.7 (port 993) from /:: (port 0) after 20000ms: connect failed: ENETUNREACH "
                 "(Network is unreachable)", UNREACHABLE, f"{FAQ} (22: ENETUNREACH, no route to the target network)",
                 id="enetunreach-chain"),
    pytest.param("Couldn't connect to host, port: imap.example.com, 993; timeout 20000 failed to connect to "
                 "imap.example.com/203.0.113.7 (port 993) from /:: (port 0) after 20000ms: connect failed: ENETUNREACH "
                 "(Network is unreachable) connect failed: ENETUNREACH (Network is unreachable)", UNREACHABLE,
                 f"{FAQ} (22); {FAIREMAIL}/Log.java (formatThrowable: the messages joined by a space)",
                 id="enetunreach-formatted"),
    pytest.param(_connect("smtp.example.com", 587) + _libcore("smtp.example.com", "203.0.113.7", 587,
                 "EHOSTUNREACH (No route to host)"), NO_ROUTE,
                 f"{FAQ} (22: 'See connect(3) for what error codes like EHOSTUNREACH ... mean')",
                 id="ehostunreach-chain"),
    pytest.param("No response received from email server " + _connect("imap.example.com", 993)
                 + _libcore("imap.example.com", "203.0.113.7", 993, "ETIMEDOUT (Connection timed out)"), NO_ANSWER,
                 f"{FAQ} (22: Couldn't connect to host); {FAIREMAIL}/Log.java (formatThrowable)",
                 id="etimedout-chain"),
    pytest.param("Email server address lookup failed Host is unresolved: imap.example.com Host is unresolved: "
                 "imap.example.com", NOT_RESOLVED, f"{FAQ} (22: '... Host is unresolved ...'); {FAIREMAIL}/Log.java "
                 "(formatThrowable); {FAIREMAIL}/EmailService.java (MessagingException(ex.getMessage(), ex))",
                 id="host-is-unresolved-formatted"),
    pytest.param("javax.mail.MessagingException: Host is unresolved: imap.example.com" + NESTED
                 + "java.net.UnknownHostException: Host is unresolved: imap.example.com", NOT_RESOLVED,
                 f"{FAQ} (22); {FAIREMAIL}/EmailService.java", id="host-is-unresolved-chain"),
    pytest.param("javax.mail.MessagingException: Unexpected end of ZLIB input stream" + NESTED
                 + "com.sun.mail.iap.ConnectionException: java.io.EOFException: Unexpected end of ZLIB input stream",
                 BAD_LINE, f"{FAQ} (22: not all data was received, possibly due to a bad or interrupted connection); "
                 f"{FAIREMAIL}/Log.java (formatThrowable's check); java.util.zip.InflaterInputStream.fill",
                 id="zlib-end"),
    pytest.param("java.io.EOFException: Unexpected end of ZLIB input stream", BAD_LINE, f"{FAQ} (22); java.util.zip.InflaterInputStream.fill",
                 id="zlib-end-eof"),
    pytest.param("javax.net.ssl.SSLProtocolException: Read error: ssl=0x7a6b6d87b598: Failure in SSL library, "
                 "usually a protocol error\nerror:1e000065:Cipher functions:OPENSSL_internal:BAD_DECRYPT "
                 "(external/boringssl/src/crypto/cipher_extra/e_chacha20poly1305.c:259 0x7a69b00547fb:0x00000000)\n"
                 "error:1000008b:SSL routines:OPENSSL_internal:DECRYPTION_FAILED_OR_BAD_RECORD_MAC "
                 "(external/boringssl/src/ssl/tls_record.cc:294 0x7a69b00547fb:0x00000000)",
                 BAD_LINE | {"tls-interception"}, f"{FAQ} (22: '... Read error ...' with BAD_DECRYPT / "
                 "DECRYPTION_FAILED_OR_BAD_RECORD_MAC: the server no longer responds or the connection is bad)",
                 id="read-error-bad-decrypt"),
    # The FAQ's own quotations, as users paste them from it: the words FairEmail's errors are known by.
    pytest.param("Authentication failed\nandroid.accounts.AuthenticatorException: no token", {"oauth-token-rejected"},
                 f"{FAIREMAIL}/GmailState.java (getAccessToken); {FAQ} (22, Gmail errors)", id="gmailstate-no-token"),
    pytest.param("... Unexpected end of zlib input stream ...", BAD_LINE, f"{FAQ} (22)", id="faq-zlib"),
    pytest.param("... Untrusted ... not in certificate ...", {"cert-hostname-mismatch"},
                 f"{FAQ} (4: most often an incorrect host name); {FAIREMAIL}/SSLHelper.java", id="faq-not-in-certificate"),
    pytest.param("Handshake failed ... WRONG_VERSION_NUMBER", TLS_MODE, f"{FAQ} (41: no encrypted connection on the port, "
                 "or the wrong protocol, SSL/TLS or STARTTLS)", id="faq-wrong-version-number"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Read error: ... CERT_LENGTH_MISMATCH", TLS_MODE,
                 f"{FAQ} (41: switch to port 993 or 465 with SSL/TLS)", id="faq-cert-length-mismatch"),
    pytest.param("Handshake failed ... UNSUPPORTED_PROTOCOL", NO_COMMON_TLS,
                 f"{FAQ} (41: no common SSL/TLS protocol or cipher; the server supports old SSL only)",
                 id="faq-unsupported-protocol"),
    pytest.param("Handshake failed ... TLSV1_ALERT_PROTOCOL_VERSION", NO_COMMON_TLS, f"{FAQ} (41)",
                 id="faq-alert-protocol-version"),
    # Login: title_service_auth around the server's words; an OAuth account's expired token named by FairEmail.
    pytest.param("javax.mail.AuthenticationFailedException: The email server said: 'AUTHENTICATE failed.'", LOGIN |
                 {"basic-auth-disabled"}, f"{FAIREMAIL}/EmailService.java (title_service_auth); {FAQ} (22)",
                 id="server-said-authenticate-failed"),
    pytest.param("The email server said: 'AUTHENTICATE failed.\nAccess token expired at Sat Dec 05 10:00:00 GMT+01:00 "
                 "2026'", {"oauth-token-rejected"}, f"{FAIREMAIL}/EmailService.java (added for an OAuth account whose "
                 "access token expired before the refused login); {FAQ} (22: authorize the account again)",
                 id="access-token-expired"),
    pytest.param("No or no suitable internet connection", {"no-internet"},
                 "M66B/FairEmail:app/src/main/res/values/strings.xml@e23dd9df (title_no_internet)",
                 id="title-no-internet"),
    # FAQ (22), send errors. ServiceSend.java rethrows a refused send as SendFailedException with title_service_auth
    # around the server's reply, then "SMTP cmd=COMMAND rc=CODE": the server's own words decide.
    pytest.param("The email server said: '553 5.7.1 <jo@example.com>: Sender address rejected: not owned by user "
                 "jo@example.net'\nSMTP cmd=MAIL FROM:<jo@example.com> rc=553", {"sender-address-not-allowed"},
                 f"{FAIREMAIL}/ServiceSend.java (title_service_auth, 'SMTP cmd= rc='); Postfix's "
                 "reject_sender_login_mismatch reply as public traces quote it", id="send-sender-not-owned"),
    pytest.param("The email server said: '550 5.4.5 Daily user sending limit exceeded.'\nSMTP cmd=MAIL "
                 "FROM:<jo@gmail.com> rc=550", {"sending-limit-exceeded"},
                 f"{FAIREMAIL}/ServiceSend.java; Gmail's reply as public traces quote it; {FAQ} (22: Google's SMTP "
                 "error codes page)", id="send-daily-limit"),
    pytest.param("com.sun.mail.smtp.SMTPSendFailedException: 550 We're sorry, but we can't send your email. Either the "
                 "subject matter, a link, or an attachment potentially contains spam, or phishing or malware.", SPAM,
                 f"{FAQ} (22: the provider considers the outgoing message harmful)", id="sorry-cant-send"),
    pytest.param("com.sun.mail.smtp.SMTPSendFailedException: 571 5.7.1 Message contains spam or virus or sender is "
                 "blocked", SPAM | {"client-ip-blocklisted", "sender-address-not-allowed"},
                 f"{FAQ} (22: the server considered the outgoing message spam)", id="contains-spam-or-virus"),
    pytest.param("com.sun.mail.smtp.SMTPSendFailedException: 554 5.7.1 Service unavailable; Client host "
                 "[203.0.113.7] blocked using zen.spamhaus.org", {"client-ip-blocklisted"},
                 f"{FAQ} (22: a network address blocked, Gandi's page)", id="client-host-blocked"),
    pytest.param("com.sun.mail.smtp.SMTPSendFailedException: 550 Spam message rejected because IP is listed by "
                 "bl.spamcop.net", {"client-ip-blocklisted"},
                 f"{FAQ} (22: the current public address was misused for spam; fly for 10 minutes for a new one)",
                 id="ip-listed"),
    # The account manager's failures for a Gmail account the wizard authorised, in the FAQ's words.
    pytest.param("Synchronization failed: Authentication failed - Account not found", {"oauth-token-rejected"},
                 f"{FAQ} (22: a previously authorized Gmail account was removed from the device)",
                 id="auth-failed-account-not-found"),
    pytest.param("user@gmail.com: Authentication failed: network error", {"no-internet"},
                 f"{FAQ} (22: the account manager could not refresh the authorization for want of an internet "
                 "connection)", id="auth-failed-network-error"),
]


@pytest.mark.parametrize(("text", "causes", "source"), DOCUMENTED)
def test_a_fairemail_text_reads_as_its_faq_or_code_says(text: str, causes: set[str], source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found and found[0] in causes, (text, found)


# FAQ (22) names what a cut connection may be, but its words alone cannot place it: "BYE Logging out",
# "Connection reset" ("the email server or something between ... for example a router or a firewall (app),
# actively terminated an existing connection"); "Connection closed by peer" ("the email server actively closed
# the connection", for example a not updated Exchange server); "connection failure" ("could indicate Too many
# simultaneous connections"). Read as a failure, never as fine.
@pytest.mark.parametrize("text", [
    pytest.param("javax.mail.FolderClosedException: * BYE Logging out", id="bye-logging-out"),
    pytest.param("javax.mail.MessagingException: Connection reset" + NESTED + "java.net.SocketException: Connection "
                 "reset", id="connection-reset"),
    pytest.param("javax.mail.MessagingException: Connection closed by peer" + NESTED + "javax.net.ssl.SSLHandshakeException: "
                 "Connection closed by peer", id="closed-by-peer"),
    pytest.param("javax.mail.MessagingException: connection failure", id="connection-failure"),
    pytest.param("javax.mail.MessagingException: Exception reading response" + NESTED + "java.net.SocketException: "
                 "Socket is closed", id="socket-is-closed"),
])
def test_a_cut_connection_fairemail_names_reads_as_a_failure(text: str) -> None:
    assert causes_of(text), text

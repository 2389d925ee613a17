"""What mail clients' makers document their own error messages to mean -- their FAQs and support
pages -- with each message as the client shows it, read to the cause its vendor names first.

FairEmail shows an account's or folder's error as the Java exception chain (Log.formatThrowable: its
own first line where it has one, then each exception's message; Jakarta Mail's MessagingException
adds ";\\n  nested exception is:\\n\\t" and the cause). The connect messages are Jakarta Mail's
MailConnectException ("Couldn't connect to host, port: HOST, PORT; timeout MS",
eclipse-ee4j/angus-mail and FairEmail's bundled copy app/src/main/java/com/sun/mail/util/
MailConnectException.java) over Android's libcore ones (IoBridge.createMessageForException:
"failed to connect to HOST/ADDR (port P) from /ADDR (port P) after MSms[: isConnected failed:
ERRNO (strerror)]", aosp-mirror/platform_libcore:luni/src/main/java/libcore/io/IoBridge.java;
Inet6AddressImpl.lookupHostByName: 'Unable to resolve host "HOST": ...').

FAQ below is M66B/FairEmail:FAQ.md at e23dd9df8002bc43e64594843ce69b52b9ad15e1, with the section."""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain

FAQ = "M66B/FairEmail:FAQ.md@e23dd9df"
FAIREMAIL = "M66B/FairEmail:app/src/main/java/eu/faircode/email"
NESTED = ";\n  nested exception is:\n\t"


def _connect(host: str, port: int) -> str:
    """Jakarta Mail's MailConnectException for HOST and PORT with FairEmail's 20 s timeout, its cause after it."""
    return f"Couldn't connect to host, port: {host}, {port}; timeout 20000{NESTED}"


LOGIN = {"password-rejected", "username-wrong", "app-password-required", "protocol-disabled-for-account"}
# FAQ (22): no answer within the timeout is "mostly internet connectivity issues, possibly caused by a
# VPN or by a firewall app".
NO_ANSWER = {"port-blocked-outbound", "vpn-interference", "no-internet", "high-latency", "all-mail-ports-blocked"}
# FAQ (22): a name not resolved is "a VPN, ad blocking or an unreachable or not properly working (local)
# DNS server", or Android's private DNS setting; or the name itself is wrong.
NOT_RESOLVED = {"dns-server-misconfigured", "dns-outage", "dns-blocked", "server-host-unknown", "server-host-typo",
                "server-host-no-address", "vpn-interference"}
# FAQ (22): EACCES on connect is the app's data usage restricted on the device, or a VPN that blocks
# connections without it: something on the device stops this app's connections.
DEVICE_BLOCKS = {"vpn-interference", "port-blocked-outbound", "all-mail-ports-blocked"}
RELAY = {"smtp-auth-not-enabled", "sender-address-not-allowed", "username-wrong"}
CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}
CONNECT = {"port-blocked-outbound", "port-closed", "plaintext-on-tls-port", "tls-on-plaintext-port", "no-internet",
           "vpn-interference"}
OUTLOOK_TAIL = " If you continue to receive this message, contact your server administrator or Internet service provider (ISP)."

DOCUMENTED = [
    # --- FairEmail, FAQ (22) "What does account/folder error ... mean?" --------------------------------------
    pytest.param("AUTHENTICATE failed.", LOGIN | {"basic-auth-disabled"}, f"{FAQ} (22); M66B/FairEmail:app/src/main/res/values/strings.xml",
                 # FAQ (22) and FairEmail's own hint title_setup_office_auth ("can be caused by IMAP/SMTP being
                 # disabled by the system administrator"): a wrong user name or password, or access switched off.
                 id="authenticate-failed"),
    pytest.param("javax.mail.AuthenticationFailedException: 535 5.7.0 (#AUTH005) Too many bad auth attempts.",
                 {"app-password-required", "oauth-required"}, f"{FAQ} (22: a Yahoo account password instead of an app password; 88)",
                 id="yahoo-too-many-bad-auth"),
    pytest.param("Please double check the port number" + NESTED + "com.sun.mail.iap.ConnectionException: +OK Dovecot ready.",
                 {"wrong-protocol-on-port"}, f"{FAQ} (22: '+OK' is a POP3 port used for IMAP); {FAIREMAIL}/EmailService.java (title_service_port)",
                 id="pop3-greeting-on-imap"),
    pytest.param("No response received from email server " + _connect("imap.example.com", 993)
                 + "java.net.SocketTimeoutException: failed to connect to imap.example.com/203.0.113.7 (port 993) "
                 "from /192.168.1.23 (port 41872) after 20000ms", NO_ANSWER, f"{FAQ} (22: Couldn't connect to host); {FAIREMAIL}/Log.java (formatThrowable)",
                 id="couldnt-connect-timeout"),
    pytest.param("No response received from email server", NO_ANSWER, f"{FAIREMAIL}/Log.java (formatThrowable)",
                 id="no-response-alone"),
    pytest.param(_connect("mail.example.com", 143) + "java.net.ConnectException: failed to connect to "
                 "mail.example.com/203.0.113.7 (port 143) from /192.168.1.23 (port 40022) after 20000ms: "
                 "isConnected failed: ECONNREFUSED (Connection refused)", {"port-closed", "port-blocked-outbound"},
                 f"{FAQ} (22: the server or a firewall actively refused the connection)",
                 id="connection-refused"),
    pytest.param(_connect("imap.example.com", 993) + "java.net.ConnectException: failed to connect to "
                 "imap.example.com/2001:db8::25 (port 993) from /:: (port 0) after 20000ms: isConnected failed: "
                 "ENETUNREACH (Network is unreachable)", {"no-internet", "server-ip-blocked", "vpn-interference"},
                 f"{FAQ} (22: no route to the target network)",
                 id="network-unreachable"),
    pytest.param("Email server address lookup failed " + _connect("imap.example.com", 993)
                 + "java.net.UnknownHostException: Unable to resolve host \"imap.example.com\": No address associated "
                 "with hostname", NOT_RESOLVED, f"{FAQ} (22); {FAIREMAIL}/Log.java (formatThrowable)",
                 id="lookup-failed-chain"),
    pytest.param("Email server address lookup failed", NOT_RESOLVED, f"{FAIREMAIL}/Log.java (formatThrowable)",
                 id="lookup-failed-alone"),
    pytest.param("java.net.UnknownHostException: Unable to resolve host \"imap.example.com\": No address associated "
                 "with hostname android.system.GaiException: android_getaddrinfo failed: EAI_NODATA (No address "
                 "associated with hostname)", NOT_RESOLVED, f"{FAQ} (22)",
                 id="eai-nodata"),
    pytest.param("Invalid ID Token Issued at time is more than 10 minutes before or after the current time",
                 {"clock-skew"}, f"{FAQ} (22: the device's clock deviates too much)",
                 id="id-token-issued-at"),
    pytest.param(_connect("74.125.140.108", 993) + "java.net.ConnectException: failed to connect to "
                 "imap.gmail.com/74.125.140.108 (port 993) from /:: (port 0) after 20000ms: connect failed: EACCES "
                 "(Permission denied)", DEVICE_BLOCKS, f"{FAQ} (22); {FAIREMAIL}/EmailService.java (the chain in its comment)",
                 id="connect-eacces"),
    pytest.param("EACCES Please check 'Restrict data usage' in the Android app settings", DEVICE_BLOCKS,
                 f"{FAIREMAIL}/EmailService.java; {FAQ} (22)", id="fairemail-eacces-hint"),
    pytest.param("javax.mail.AuthenticationFailedException: [AUTHENTICATIONFAILED] Login Rate Limit Hit",
                 {"password-rejected", "account-locked"}, f"{FAQ} (22: too many login attempts with an incorrect password)",
                 id="login-rate-limit"),
    pytest.param("Jakarta Mail Exception: java.io.IOException: Connection dropped by server?",
                 {"too-many-connections", "password-rejected"}, f"{FAQ} (22: too many connections, or a wrong password used too often); {FAIREMAIL}/Core.java",
                 id="connection-dropped"),
    pytest.param("javax.mail.MessagingException: FY1 BAD Command Error. 10" + NESTED
                 + "com.sun.mail.iap.BadCommandException: FY1 BAD Command Error. 10", {"oauth-token-rejected"},
                 f"{FAQ} (22: the OAuth token expired or was invalidated)", id="command-error-10"),
    pytest.param("Authentication failed\nThis account needs to be authenticated again, which can be done via the quick "
                 "setup wizard", {"oauth-token-rejected"}, f"{FAIREMAIL}/EmailService.java (thrown on 'Command Error. 10'); {FAQ} (22)",
                 id="title-service-error10"),
    pytest.param("javax.mail.AuthenticationFailedException: OAUTH2 asked for more", {"oauth-token-rejected",
                 "web-login-required"}, f"{FAQ} (22: authorize again; 6: blocked until you confirm it is you)",
                 id="oauth2-asked-for-more"),
    pytest.param("ServiceDisabled", {"protocol-disabled-for-account"}, f"{FAQ} (22: the Advanced Protection Program)",
                 id="service-disabled"),
    pytest.param("Token refresh required. Is there a VPN based app running?", {"oauth-token-rejected", "vpn-interference"},
                 f"{FAIREMAIL}/Log.java; {FAQ} (6)", id="token-refresh-required"),
    pytest.param("The email server said: '[AUTHENTICATIONFAILED] Invalid credentials (Failure)\nThe Android account "
                 "manager could be blocked by a VPN, firewall, ad blocker, etc., preventing it from obtaining an access "
                 "token'", {"oauth-token-rejected"}, f"{FAIREMAIL}/EmailService.java (title_service_token, OAuth accounts only); {FAQ} (6)",
                 id="gmail-oauth-invalid-credentials"),
    pytest.param("The Android account manager could be blocked by a VPN, firewall, ad blocker, etc., preventing it from "
                 "obtaining an access token", {"oauth-token-rejected"}, f"{FAIREMAIL}/EmailService.java; {FAQ} (6)",
                 id="title-service-token"),
    pytest.param("android.accounts.AuthenticatorException: Account not found for 3:jo@gmail.com", {"oauth-token-rejected"},
                 f"{FAIREMAIL}/GmailState.java; {FAQ} (22, Gmail errors: the authorized Gmail account was removed from the device)",
                 id="gmail-account-not-found"),
    pytest.param("android.accounts.AuthenticatorException: Got no token id=3", {"oauth-token-rejected"},
                 f"{FAIREMAIL}/GmailState.java; {FAQ} (22, Gmail errors: the account manager failed to refresh the authorization)",
                 id="gmail-no-token"),
    pytest.param(_connect("imap.example.com", 993) + "com.sun.mail.util.SocketConnectException: This might be caused by "
                 "the VPN that is being used", {"vpn-interference"}, f"{FAIREMAIL}/EmailService.java (only while Android reports a VPN active)",
                 id="title-service-vpn"),
    # FAQ (23): alerts.
    pytest.param("* BYE [ALERT] Too many simultaneous connections. (Failure)", {"too-many-connections"},
                 f"{FAQ} (23)", id="too-many-simultaneous"),
    pytest.param("Maximum number of connections exceeded", {"too-many-connections"}, f"{FAQ} (23)",
                 id="max-connections"),
    # FAQ (22) and (127): the HELO name.
    pytest.param("501 Syntactically invalid HELO argument(s)", {"helo-name-rejected"}, f"{FAQ} (127)",
                 id="helo-syntactically-invalid"),
    pytest.param("501 HELO requires valid address", {"helo-name-rejected"}, f"{FAQ} (22); {FAIREMAIL}/ConnectionHelper.java",
                 id="helo-requires-valid-address"),
    pytest.param("501 5.5.2 Parameter to HELO does not conform to RFC syntax", {"helo-name-rejected"},
                 f"{FAQ} (22)", id="helo-rfc-syntax"),
    pytest.param("-ERR You must use stronger authentication such as AUTH or APOP to connect to this server",
                 {"auth-mechanism-unsupported"}, f"{FAQ} (22: enable APOP)", id="pop3-apop"),
    # FAQ (22), send errors.
    pytest.param("554 5.7.1 <jo@example.net>: Relay access denied: not permitted to relay", RELAY, f"{FAQ} (22: the server does not recognize the username/email address)",
                 id="not-permitted-to-relay"),
    pytest.param("571 5.7.1 Relay access denied", RELAY, f"{FAQ} (22)",
                 id="571-relay-access-denied"),
    pytest.param("550 5.7.1 You must check for new mail before sending mail", {"smtp-auth-not-enabled"},
                 f"{FAQ} (22: enter a username/password)", id="check-mail-before-sending"),
    # FAQ (4): certificates.
    pytest.param("java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
                 {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}, f"{FAQ} (4, 22)",
                 id="trust-anchor"),
    # FAQ (6): Gmail.
    pytest.param("* NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 "
                 "(Failure)", {"web-login-required"}, f"{FAQ} (6)", id="gmail-web-login"),
    pytest.param("[ALERT] Application-specific password required: https://support.google.com/mail/accounts/answer/185833 "
                 "(Failure)", {"app-password-required"}, f"{FAQ} (6)", id="gmail-app-password"),
    pytest.param("javax.mail.AuthenticationFailedException: [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
                 {"app-password-required", "basic-auth-disabled", "password-rejected"}, f"{FAQ} (6: the account password since May 30, 2022)",
                 id="gmail-invalid-credentials"),
    pytest.param("[ALERT] IMAP access is not allowed for this account.", {"protocol-disabled-for-account"},
                 f"{FAQ} (6: a Family Link account)", id="gmail-family-link"),
    # --- Apple Mail's alerts (the titles over Message.framework's sentences) -----------------------------------
    pytest.param("Cannot Get Mail\nThe user name or password for “imap.example.com” is incorrect.",
                 {"password-rejected", "username-wrong"}, "EthanArbuckle/iPhone18-3_26.1_23B85_Restore:System/Library/PrivateFrameworks/Message.framework (FAILED_LOGIN)",
                 id="apple-cannot-get-mail-password"),
    pytest.param("Cannot Get Mail\nThe connection to the server failed.", CONNECT, "Apple support, 'If you can't send or receive email on your iPhone' (check the connection and settings)",
                 id="apple-connection-failed"),
    pytest.param("Cannot Verify Server Identity\nThe identity of “mail.example.com” cannot be verified by Mail.", CERT,
                 "Apple Mail's certificate alert", id="apple-cannot-verify"),
    # --- Outlook's send/receive errors, as Microsoft's pages name them ----------------------------------------
    pytest.param("Task 'pop.example.com - Receiving' reported error (0x8004210A) : 'The operation timed out waiting for "
                 "a response from the receiving (POP) server." + OUTLOOK_TAIL + "'",
                 {"plaintext-on-tls-port", "port-blocked-outbound", "tls-interception", "high-latency"}, "Windows SDK:um/imnxport.h; Microsoft support on 0x8004210A (server timeout, e-mail scanning)",
                 id="outlook-8004210a"),
    pytest.param("Task 'smtp.example.com - Sending' reported error (0x80042109) : 'Outlook cannot connect to your outgoing "
                 "(SMTP) e-mail server." + OUTLOOK_TAIL + "'", CONNECT | {"smtp-port25-blocked"}, "Microsoft support on 0x80042109",
                 id="outlook-80042109"),
    pytest.param("Task 'mail.example.com - Receiving' reported error (0x800CCC1A) : 'Your server does not support the "
                 "connection encryption type you have specified. Try changing the encryption method. Contact your mail "
                 "server administrator or Internet service provider (ISP) for additional assistance.'",
                 {"tls-version-client-outdated", "tls-on-plaintext-port", "plaintext-on-tls-port"}, "Windows SDK:um/imnxport.h (IXP_E_SECURE_CONNECT_FAILED); tests/test_explain_outlook_encryption_type.py",
                 id="outlook-800ccc1a"),
    pytest.param("Task 'pop.example.com - Receiving' reported error (0x800CCC92) : 'Your e-mail server rejected your "
                 "login. Verify your user name and password for this account in Account Settings. The server responded: "
                 "-ERR [AUTH] Authentication failed.'", {"password-rejected", "username-wrong"}, "Windows SDK:um/imnxport.h (IXP_E_POP3_PASS)",
                 id="outlook-800ccc92"),
]


@pytest.mark.parametrize(("text", "causes", "source"), DOCUMENTED)
def test_a_client_message_reads_as_its_vendor_documents_it(text: str, causes: set[str], source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found and found[0] in causes, (text, found)


# The vendor names a cause the words alone cannot tell from others: FAQ (22) says "Software caused connection
# abort" is mostly connectivity lost (flight mode), and "No close_notify alert received before connection closed"
# typically a faulty VPN; the same words come from a server or a filter that cuts the connection. Read as a
# connection cut, never as fine, with no cause claimed from the one vendor's experience.
@pytest.mark.parametrize("text", [
    pytest.param("The server or network actively disconnected the connection java.net.SocketException: Software caused "
                 "connection abort", id="software-caused-abort"),
    pytest.param("javax.net.ssl.SSLException: No close_notify alert received before connection closed",
                 id="no-close-notify"),
])
def test_a_cut_connection_the_words_cannot_place_reads_as_a_failure(text: str) -> None:
    assert causes_of(text), text


def test_the_word_after_lookup_failed_is_no_host_name() -> None:
    # FairEmail's "Email server address lookup failed" names no server: the look-up's facts carry no host "failed".
    facts = explain("Email server address lookup failed").facts
    assert facts and all(f.get("host") != "failed" and f.get("name") != "failed" for f in facts), facts

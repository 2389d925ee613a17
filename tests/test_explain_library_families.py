"""More libraries' message families, each read from the library's source: libcurl, Ruby's net-smtp,
net-imap and mail gem, Perl's Email::Sender and Mail::IMAPClient, Go's go-mail and go-imap,
aiosmtplib and Django, Erlang's ssl under gen_smtp, Apache Commons Email, Simple Java Mail, Dart's
mailer and Swift's SMTPKitten -- as a developer pastes them (the exception's class or the tool's prefix
before the words, realistic values in the placeholders).

Each case names the file and function of the library's public source the words come from. A
message that says only that something failed is checked to be read as a failure (not "fine", not
declined), never given a cause it does not tell.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

PORT_TIMEOUT = {"port-blocked-outbound", "smtp-port25-blocked"}
CONFIG = {"client-config-corrupt"}

CASES = [
    # curl/curl:lib/cf-ip-happy.c (the connect failf; SOCKETIMEDOUT turns the code into CURLE_OPERATION_TIMEDOUT)
    ("cf-ip-happy.c: 8.21's host:port form of a refused connect",
     "curl: (7) Failed to connect to smtp.example.com:587 after 3 ms: Could not connect to server", {"port-closed"}),
    ("cf-ip-happy.c: connect() itself timed out, exit code 28 (before 8.10)",
     "curl: (28) Failed to connect to smtp.example.com port 25 after 130123 ms: Couldn't connect to server",
     PORT_TIMEOUT),
    ("cf-ip-happy.c: connect() itself timed out, exit code 28 (8.21)",
     "curl: (28) Failed to connect to smtp.example.com:587 after 130123 ms: Could not connect to server",
     PORT_TIMEOUT),
    ("cf-ip-happy.c: a refusal before 7.87 (the errno's words)",
     "curl: (7) Failed to connect to smtp.example.com port 587 after 12 ms: Connection refused", {"port-closed"}),
    # curl/curl:lib/strerror.c (curl_easy_strerror)
    ("strerror.c: CURLE_SSL_CONNECT_ERROR alone", "curl: (35) SSL connect error", None),
    ("strerror.c: CURLE_REMOTE_ACCESS_DENIED alone", "curl: (9) Access denied to remote resource", None),
    ("strerror.c: CURLE_LOGIN_DENIED through pycurl", "pycurl.error: (67, 'Login denied')", {"password-rejected"}),
    ("strerror.c: CURLE_USE_SSL_FAILED", "curl: (64) Requested SSL level failed",
     {"starttls-not-offered", "starttls-stripped"}),
    # curl/curl:lib/smtp.c, imap.c, pop3.c, pingpong.c, multi.c
    ("smtp.c smtp_state_helo_resp: EHLO and HELO refused", "curl: (9) Remote access denied: 554", None),
    ("smtp.c smtp_parse_address: a line break in an address",
     "curl: (43) Refusing to send email address with a CR or LF", CONFIG),
    ("smtp.c smtp_state_starttls_resp", "curl: (64) STARTTLS denied, code 454", {"starttls-failed"}),
    ("smtp.c smtp_state_mail_resp: 530 to MAIL", "curl: (55) MAIL failed: 530", None),
    ("smtp.c smtp_state_rcpt_resp", "curl: (55) RCPT failed: 554 (last error)", None),
    ("imap.c imap_state_starttls_resp", "curl: (64) STARTTLS denied", {"starttls-failed"}),
    ("pop3.c pop3_state_pass_resp", "curl: (67) Access denied. -", {"password-rejected"}),
    ("pop3.c pop3_state_apop_resp", "curl: (67) Authentication failed: 45", {"password-rejected"}),
    ("multi.c: Operation timed out with 0 bytes",
     "curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received",
     {"plaintext-on-tls-port", "tls-on-plaintext-port", "server-unavailable"}),
    # curl/curl:lib/vtls/openssl.c, gtls.c, schannel_verify.c
    ("openssl.c ossl_connect_step2: SSL certificate problem",
     "curl: (60) SSL certificate problem: unable to get local issuer certificate",
     {"cert-untrusted-issuer", "tls-interception"}),
    ("openssl.c ossl_verifyhost: no alternative name",
     "curl: (60) SSL: no alternative certificate subject name matches target hostname 'mail.example.com'",
     {"cert-hostname-mismatch"}),
    ("openssl.c ossl_connect_step2: TLS connect error",
     "curl: (35) TLS connect error: error:0A00010B:SSL routines::wrong version number", {"tls-on-plaintext-port"}),
    ("gtls.c gtls_verifyserver: expired", "curl: (60) server certificate expiration date has passed.",
     {"cert-expired"}),
    ("schannel_verify.c: untrusted root",
     "curl: (60) schannel: the certificate or certificate chain is based on an untrusted root",
     {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}),
    # ruby/net-smtp:lib/net/smtp.rb
    ("smtp.rb enable_tls/enable_starttls: both TLS modes", "ArgumentError: SMTPS and STARTTLS is exclusive", CONFIG),
    ("smtp.rb do_start: STARTTLS always, not offered",
     "Net::SMTPUnsupportedCommand: STARTTLS is not supported on this server",
     {"starttls-not-offered", "starttls-stripped"}),
    ("smtp.rb do_start: Timeout.timeout(@open_timeout, Net::OpenTimeout)", "Net::OpenTimeout: execution expired",
     PORT_TIMEOUT),
    ("smtp.rb check_continue: no 3xx to AUTH",
     "Net::SMTPUnknownError: could not get 3xx (535: 535 5.7.3 Authentication unsuccessful)", {"password-rejected"}),
    # ruby/net-imap:lib/net/imap.rb
    ("imap.rb get_server_greeting", "Net::IMAP::Error: No server greeting - connection closed",
     {"plaintext-on-tls-port", "server-unavailable"}),
    # mikel/mail:lib/mail/network/delivery_methods/smtp.rb, retriever_methods/imap.rb, lib/mail/smtp_envelope.rb
    ("smtp.rb build_smtp_session: tls with enable_starttls",
     "ArgumentError: :enable_starttls and :tls are mutually exclusive. Set :tls if you're on an SMTPS connection. "
     "Set :enable_starttls if you're on an SMTP connection and using STARTTLS for secure TLS upgrade.", CONFIG),
    ("imap.rb start: enable_ssl with enable_starttls",
     "ArgumentError: :enable_starttls and :enable_ssl are mutually exclusive. Set :enable_ssl if you're on an IMAPS "
     "connection. Set :enable_starttls if you're on an IMAP connection and using STARTTLS for secure TLS upgrade.",
     CONFIG),
    ("smtp_envelope.rb from=", "ArgumentError: SMTP From address may not be blank: nil", CONFIG),
    ("smtp_envelope.rb to=", "ArgumentError: SMTP To address may not be blank: []", CONFIG),
    ("smtp_envelope.rb validate_addr",
     "ArgumentError: SMTP To address may not contain CR or LF line breaks: \"bob@example.com\\r\\nBcc: x\"", CONFIG),
    # rjbs/Email-Sender:lib/Email/Sender/Transport/SMTP.pm
    ("SMTP.pm BUILD: port in host",
     "do not pass port number to SMTP transport in host, use port parameter at send.pl line 9.", CONFIG),
    ("SMTP.pm _smtp_client: Authen::SASL missing",
     "SMTP auth requires MIME::Base64 and Authen::SASL at /usr/share/perl5/Email/Sender/Transport/SMTP.pm line 230.",
     {"auth-mechanism-unsupported"}),
    ("SMTP.pm send_email: no recipient", "no valid addresses in recipient list", CONFIG),
    ("SMTP.pm send_email: every RCPT refused", "all recipients were rejected during RCPT", None),
    ("SMTP.pm _throw: 'failed AUTH' with Net::SMTP's status for no AUTH offered",
     "failed AUTH: Command unknown: 'AUTH'", {"smtp-auth-not-enabled", "auth-requires-tls"}),
    # plobbes/mail-imapclient:lib/Mail/IMAPClient.pm
    ("IMAPClient.pm _read_line: EOF", "Error: socket closed while reading data from server", None),
    ("IMAPClient.pm connect: the SSL layer's errstr",
     "Unable to connect to imap.example.com: SSL connect attempt failed error:0A000086:SSL routines::certificate "
     "verify failed", {"cert-untrusted-issuer", "cert-self-signed", "cert-expired", "cert-hostname-mismatch",
                       "tls-interception"}),
    # wneessen/go-mail:client.go, auth.go
    ("client.go auth: unknown auth type", "dial failed: unsupported SMTP AUTH type \"LOGIN\"", CONFIG),
    ("auth.go SMTPAuthType.UnmarshalString", "unsupported SMTP auth type: logn", CONFIG),
    ("client.go auth: SMTP AUTH failed",
     "dial failed: SMTP AUTH failed: 535 5.7.3 Authentication unsuccessful", {"password-rejected"}),
    # emersion/go-imap:imapclient/client.go, emersion/go-smtp:client.go
    ("imapclient WaitGreeting", "connection closed before greeting", {"plaintext-on-tls-port", "server-unavailable"}),
    ("go-smtp Client.StartTLS", "smtp: server doesn't support STARTTLS", {"starttls-not-offered", "starttls-stripped"}),
    ("go-smtp SMTPError.Error", "SMTP error 530: Must issue a STARTTLS command first.", {"auth-requires-tls"}),
    # cole/aiosmtplib:src/aiosmtplib/protocol.py (start_tls), smtp.py (_validate_config, starttls)
    ("protocol.py start_tls: handshake timed out",
     "aiosmtplib.errors.SMTPTimeoutError: Timed out while upgrading transport", {"starttls-failed"}),
    ("protocol.py start_tls: aborted",
     "aiosmtplib.errors.SMTPTimeoutError: Connection aborted while upgrading transport", {"starttls-failed"}),
    ("protocol.py start_tls: reset",
     "aiosmtplib.errors.SMTPServerDisconnected: Connection reset while upgrading transport", {"starttls-failed"}),
    ("smtp.py _validate_config", "ValueError: The start_tls and use_tls options are not compatible.", CONFIG),
    # (since 2.0 connect() upgrades by itself, CHANGELOG.rst 2.0.0: a program's own starttls() after it is its defect)
    ("smtp.py starttls on a TLS connection", "aiosmtplib.errors.SMTPException: Connection already using TLS",
     {"client-outdated"}),
    # django/django:django/core/mail/backends/smtp.py (EmailBackend.__init__)
    ("EmailBackend: EMAIL_USE_TLS and EMAIL_USE_SSL",
     "ValueError: EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set one of those settings to True.",
     CONFIG),
    # erlang/otp:lib/ssl/src/ssl_certificate.erl (verify_hostname), as gen_smtp's caller prints the term
    ("verify_hostname under gen_smtp",
     "{:error, {:retries_exceeded, {:network_failure, \"smtp.example.com\", {:error, {:tls_alert, {:handshake_failure, "
     "~c\"TLS client: In state wait_cert_cr at ssl_handshake.erl:2176 generated CLIENT ALERT: Fatal - Handshake "
     "Failure\\n {bad_cert,hostname_check_failed}\"}}}}}}", {"cert-hostname-mismatch"}),
    # apache/commons-email:src/main/java/org/apache/commons/mail/Email.java (buildMimeMessage)
    ("Email.buildMimeMessage: no sender", "org.apache.commons.mail.EmailException: From address required", CONFIG),
    ("Email.buildMimeMessage: no receiver",
     "org.apache.commons.mail.EmailException: At least one receiver address required", CONFIG),
    # bbottema/simple-java-mail:modules/simple-java-mail/.../mailer/internal/MailerException.java
    ("MailerException.INVALID_PROXY_SLL_COMBINATION",
     "org.simplejavamail.mailer.internal.MailerException: Proxy is not supported for SSL connections (this is a "
     "limitation by the underlying JavaMail framework)", CONFIG),
    ("MailerException.ERROR_CONNECTING_SMTP_SERVER",
     "org.simplejavamail.mailer.internal.MailerException: Was unable to connect to SMTP server", None),
    # kaisellgren/mailer:lib/src/smtp/smtp_client.dart (connect, _doAuthentication), connection.dart
    ("smtp_client.dart connect: no greeting on a plain connection",
     "SmtpNoGreetingException: Timed out while waiting for greeting (try ssl).", {"plaintext-on-tls-port"}),
    ("connection.dart verifySecuredConnection", "SmtpUnsecureException: Aborting because connection is not secure",
     {"starttls-not-offered", "starttls-stripped"}),
    ("connection.dart send: the stream ended",
     "SmtpClientCommunicationException: Socket was closed even though a response was expected.", None),
    ("smtp_client.dart _doAuthentication (before 5.0)",
     "Unhandled Exception: Incorrect username / password / credentials", {"password-rejected"}),
    ("smtp_client.dart _doAuthentication: the reply after the code",
     "Authentication Failed (code: 535), response:\n< 5.7.3 Authentication unsuccessful", {"password-rejected"}),
    # Joannis/SMTPKitten:Sources/SMTPKitten/Connection/Errors.swift, Error.swift before 1.0 (Swift prints the case)
    ("+login.swift: AUTH not answered with 334/235 (1.x)",
     "Fatal error: Error raised at top level: SMTPKitten.SMTPConnectionError.loginFailed", {"password-rejected"}),
    ("SMTPKitten.swift login (0.x)", "[ WARNING ] SMTPKitten.SMTPError.loginFailure [request-id: 4341D182]",
     {"password-rejected"}),
    ("SMTPKitten.swift: STARTTLS required, not offered (0.x)", "SMTPKitten.SMTPError.starttlsUnsupportedByServer",
     {"starttls-not-offered", "starttls-stripped"}),
    ("SMTPConnection.swift starttls: no 220", "SMTPKitten.SMTPConnectionError.startTLSFailure", {"starttls-failed"}),
]


@pytest.mark.parametrize(("where", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_library_message_reads_as_its_source_says(where: str, text: str, causes: set[str] | None) -> None:
    top = explain(text).top
    assert top is not None, f"{where}: called fine"
    if causes:
        assert top.cause in causes, (where, top.cause)

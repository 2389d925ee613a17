"""The mail libraries' own message catalogues (mailexpert/data/library-messages.yaml).

Every row is sourced from the library's public source, gives exactly one reading and a pattern
long enough to say something; every message, printed as its library prints it (placeholders
filled), is explained to one of the causes the row names -- and a row that names none still
gives a failure, never "fine". A reply code or a TLS stack's verdict in the same text still
says more than the library's own words.
"""

from __future__ import annotations

import pytest

from mailexpert import clientmessages, wordfold
from mailexpert.causes import cause_catalogue
from mailexpert.classify import error_texts
from mailexpert.errors import InputError
from mailexpert.explain import explain

DATA = clientmessages.read(clientmessages.LIBRARY_FILE)
ROWS = list(clientmessages.rows(DATA))


def test_every_row_is_valid_and_sourced() -> None:
    assert set(DATA) == {"libraries"}
    assert clientmessages.problems(DATA, set(cause_catalogue())) == []
    for library, message in ROWS:
        assert message["key"], (library, message)
        repo, _, path = message["source"].partition(":")
        assert repo.count("/") == 1 and path.strip(), f"{library} {message['key']}: name the repository and path"
    per_library = {name: sum(1 for n, _ in ROWS if n == name) for name in DATA["libraries"]}
    assert all(n >= 3 for n in per_library.values()), per_library


def test_the_catalogue_joins_the_wording_tables() -> None:
    compiled = {(r["catalogue"], r["match"]) for name in clientmessages.TABLE_OF.values()
                for r in error_texts()[name] if r.get("catalogue") in DATA["libraries"]}
    expected = {(library, p) for library, _, p in clientmessages.patterns(DATA)}
    assert expected <= compiled


@pytest.mark.parametrize(("library", "message"), ROWS, ids=[f"{n}:{m['key']}" for n, m in ROWS])
def test_each_message_as_printed_is_explained_to_its_cause(library: str, message: dict) -> None:
    text = clientmessages.example(message)
    try:
        report = explain(text)
    except InputError as e:  # pragma: no cover - a catalogue message must be recognised
        pytest.fail(f"{library} {message['key']}: {text!r} declined: {e}")
    top = report.top
    assert top is not None, f"{library} {message['key']}: {text!r} called fine"
    if message.get("causes"):
        assert top.cause in message["causes"], (text, top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # PHPMailer's ErrorInfo as applications show it, in the languages its users run it in.
    ("Mailer Error: SMTP Error: Could not authenticate.", {"password-rejected"}),
    ("Message could not be sent. Mailer Error: SMTP-Fehler: Authentifizierung fehlgeschlagen.", {"password-rejected"}),
    ("Erreur SMTP\u202f: échec de l’authentification.", {"password-rejected"}),
    ("Erreur SMTP : échec de l'authentification.", {"password-rejected"}),
    ("Error SMTP: Imposible autentificar.", {"password-rejected"}),
    ("Erro de SMTP: Não foi possível autenticar.", {"password-rejected"}),
    ("Erro SMTP: Falha na autenticação.", {"password-rejected"}),
    ("Ошибка SMTP: не удалось пройти аутентификацию.", {"password-rejected"}),
    ("SMTP 错误：登录失败。", {"password-rejected"}),
    ("SMTP 錯誤：登入失敗。", {"password-rejected"}),
    ("SMTPエラー: 認証できませんでした。", {"password-rejected"}),
    ("SMTP Hatası: Oturum açılamadı.", {"password-rejected"}),
    ("Błąd SMTP: nie udało się przeprowadzić uwierzytelnienia.", {"password-rejected"}),
    ("SMTP Error: Impossibile autenticarsi.", {"password-rejected"}),
    ("SMTP-fout: authenticatie mislukt.", {"password-rejected"}),
])
def test_phpmailer_in_its_languages(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


def test_a_reply_code_or_a_tls_verdict_in_the_same_text_still_says_more() -> None:
    # PHPMailer's debug output: the server's own reply decides, not the library's summary.
    text = ("2024-01-01 SERVER -> CLIENT: 534-5.7.9 Application-specific password required.\n"
            "SMTP ERROR: Password command failed: 534-5.7.9 Application-specific password required.\n"
            "SMTP Error: Could not authenticate.")
    assert explain(text).top.cause == "app-password-required"
    # the socket's refusal, from a web application's mailer: the host's block, then a closed port
    # (data/priors.yaml connect-refused-web-app), not the summary's bare "could not connect"
    text = ("SMTP ERROR: Failed to connect to server: Connection refused (111)\n"
            "SMTP Error: Could not connect to SMTP host.")
    assert [d.cause for d in explain(text).diagnoses][:2] == ["port-blocked-outbound", "port-closed"]
    text = ("Warning: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
            "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed\n"
            "SMTP Error: Could not connect to SMTP host.")
    assert explain(text).top.cause in {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}


@pytest.mark.parametrize(("text", "causes"), [
    # nodemailer: its errors as Node prints them, with the stack and the error's fields.
    ("Error: Greeting never received\n    at SMTPConnection._formatError "
     "(/app/node_modules/nodemailer/lib/smtp-connection/index.js:798:19) { code: 'ETIMEDOUT', command: 'CONN' }",
     {"plaintext-on-tls-port", "port-blocked-outbound"}),
    ("Error: Error initiating TLS - Hostname/IP does not match certificate's altnames: Host: smtp.example.com. "
     "is not in the cert's altnames: DNS:*.example.net", {"cert-hostname-mismatch"}),
    ("Error: Invalid login sequence while waiting for \"334 VXNlcm5hbWU6\": 504 5.7.4 Unrecognized authentication type",
     {"auth-mechanism-unsupported"}),
    # Symfony Mailer: the stream's own error after the library's words decides.
    ("Connection could not be established with host \"smtp.example.com:587\": stream_socket_client(): "
     "php_network_getaddresses: getaddrinfo for smtp.example.com failed: Name or service not known",
     {"server-host-unknown", "server-host-typo"}),
    ("Unable to connect with STARTTLS: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error "
     "messages:\nerror:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed",
     {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}),
    ("Failed to authenticate on SMTP server with username \"jo@example.com\" using the following authenticators: "
     "\"LOGIN\", \"PLAIN\". Authenticator \"LOGIN\" returned \"Expected response code \"235\" but got code \"535\", "
     "with message \"535 5.7.8 Error: authentication failed\".\".", {"password-rejected"}),
    # SwiftMailer: no mechanism in common with the server's EHLO answer.
    ("Swift_TransportException: Failed to authenticate on SMTP server with username \"jo@example.com\" using 0 possible "
     "authenticators.", {"auth-mechanism-unsupported", "auth-requires-tls", "smtp-auth-not-enabled"}),
])
def test_php_and_node_libraries_as_printed(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


@pytest.mark.parametrize(("text", "causes"), [
    # MailKit's SslHandshakeException help text: the reason it names, not the list of possible ones.
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe host name (mail.example.com) did not match the name given in the server's SSL certificate "
     "(*.example.net).", {"cert-hostname-mismatch"}),
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n"
     "\u2022 The server certificate has the following errors:\n  \u2022 The certificate chain was issued by an "
     "authority that is not trusted.", {"cert-self-signed", "cert-untrusted-issuer", "tls-interception"}),
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection. ---> System.IO.IOException: Cannot determine the frame size or a corrupted frame was received.",
     {"tls-on-plaintext-port"}),
    # MailKit's hint names STARTTLS as advice, before the inner exception's line: the handshake was
    # SSL-on-connect (MimeKit issue 1022's text), not a STARTTLS upgrade.
    ("Failed to send e-mail: MailKit.Security.SslHandshakeException: An error occurred while attempting to establish "
     "an SSL or TLS connection.\n\nWhen connecting to an SMTP service, port 25 is typically reserved for plain-text "
     "connections. If\nyou intended to connect to SMTP on the SSL port, try connecting to port 465 instead. "
     "Otherwise,\nif you intended to use STARTTLS, make sure to use the following code:\n\nclient.Connect "
     "(\"server.com\", 25, SecureSocketOptions.StartTls);\n\n ---> System.Security.Authentication."
     "AuthenticationException: Cannot determine the frame size or a corrupted frame was received.\n"
     "   at System.Net.Security.SslStream.GetFrameSize(ReadOnlySpan`1 buffer)", {"tls-on-plaintext-port"}),
    ("System.Security.Authentication.AuthenticationException: Authentication failed because the remote party sent a "
     "TLS alert: 'ProtocolVersion'.", {"tls-version-server-outdated", "tls-version-client-outdated"}),
    ("MailKit.Net.Imap.ImapProtocolException: Syntax error in IMAP server greeting. Unexpected token: [atom: 220]",
     {"wrong-protocol-on-port"}),
    ("MailKit.Security.AuthenticationException: The LOGIN command is disabled.", {"auth-requires-tls"}),
    # .NET's SmtpClient: its words for the reply, with or without the server's own.
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
     "authenticated.", {"auth-requires-tls"}),
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
     "authenticated. The server response was: 5.7.57 Client not authenticated to send mail.",
     {"password-rejected", "basic-auth-disabled", "smtp-auth-not-enabled", "auth-requires-tls"}),
    ("System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Unable to read data from the "
     "transport connection: The connection was closed.", {"plaintext-on-tls-port", "port-blocked-outbound",
                                                          "server-unavailable", "server-ip-blocked"}),
    # SmtpClient's own timeout on a connection it had: a greeting that never came (port 465), not a dropped SYN;
    # printed bare above the stack of Send too (DNN's event log).
    ("System.Net.Mail.SmtpException: The operation has timed out.\n   at System.Net.Mail.SmtpClient.Send(MailMessage message)",
     {"plaintext-on-tls-port"}),
    ("Message:The operation has timed out.\nStackTrace:\n   at System.Net.Mail.SmtpClient.Send(MailMessage message)\n"
     "   at DotNetNuke.Services.Mail.Mail.SendMailInternal(MailMessage mailMessage)", {"plaintext-on-tls-port"}),
    # .NET's connect failure under the same exception stays a connection that never came up.
    ("System.Net.Mail.SmtpException: Failure sending mail. ---> System.Net.WebException: Unable to connect to the remote "
     "server ---> System.Net.Sockets.SocketException: A connection attempt failed because the connected party did not "
     "properly respond after a period of time, or established connection failed because connected host has failed to "
     "respond 203.0.113.7:587", {"port-blocked-outbound", "smtp-port25-blocked", "server-ip-blocked", "port-closed"}),
])
def test_dotnet_libraries_as_printed(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


@pytest.mark.parametrize(("text", "causes"), [
    # Jakarta Mail / JavaMail: the message, then the nested exception that says why.
    ("javax.mail.MessagingException: Exception reading response;\n  nested exception is:\n\t"
     "java.net.SocketTimeoutException: Read timed out", {"plaintext-on-tls-port", "server-unavailable"}),
    ("com.sun.mail.util.MailConnectException: Couldn't connect to host, port: smtp.example.com, 25; timeout -1;\n"
     "  nested exception is:\n\tjava.net.ConnectException: Connection timed out: connect",
     {"port-blocked-outbound", "smtp-port25-blocked"}),
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465;\n  nested exception "
     "is:\n\tjavax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX path building failed",
     {"cert-untrusted-issuer", "tls-interception"}),
    ("jakarta.mail.MessagingException: STARTTLS is required but host does not support STARTTLS",
     {"starttls-not-offered", "starttls-stripped"}),
    ("javax.mail.MessagingException: No login methods supported!", {"auth-mechanism-unsupported", "auth-requires-tls"}),
    # Apache Commons Email: its wrapper names only the server; the JavaMail exception it wraps says why,
    # and alone it still reads as a failure, not as fine (not declined either).
    ("org.apache.commons.mail.EmailException: Sending the email to the following server failed : smtp.gmail.com:465\n"
     "\tat org.apache.commons.mail.Email.sendMimeMessage(Email.java:1469)\n"
     "Caused by: javax.mail.AuthenticationFailedException: 535-5.7.8 Username and Password not accepted. Learn more at\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1sm1 - gsmtp",
     {"app-password-required", "password-rejected"}),
    ("org.apache.commons.mail.EmailException: Sending the email to the following server failed : smtp.example.com:587\n"
     "Caused by: javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n\t"
     "javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath."
     "SunCertPathBuilderException: unable to find valid certification path to requested target",
     {"cert-untrusted-issuer", "tls-interception"}),
    ("org.apache.commons.mail.EmailException: Sending the email to the following server failed : smtp.example.com:465",
     {"port-blocked-outbound", "port-closed"}),
    # Apache Commons Net
    ("org.apache.commons.net.smtp.SMTPConnectionClosedException: Connection closed without indication.",
     {"plaintext-on-tls-port", "server-unavailable"}),
    ("javax.net.ssl.SSLHandshakeException: Hostname doesn't match certificate", {"cert-hostname-mismatch"}),
])
def test_java_libraries_as_printed(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


@pytest.mark.parametrize(("text", "causes"), [
    # Go
    ("gomail: could not send email 1: smtp: server doesn't support AUTH", {"smtp-auth-not-enabled", "auth-requires-tls"}),
    ("failed to dial and send message: server does not support SMTP AUTH type: CRAM-MD5",
     {"auth-mechanism-unsupported"}),
    ("gomail: could not send email 1: gomail: invalid address \"a@example.org <a@example.org>\": mail: expected single "
     "address, got \"<a@example.org>\"", {"client-config-corrupt"}),
    # lettre
    ("Error: internal client error: STARTTLS is not supported on this server", {"starttls-not-offered", "starttls-stripped"}),
    # Python
    ("smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.",
     {"smtp-auth-not-enabled", "auth-requires-tls"}),
    ("aiosmtplib.errors.SMTPReadTimeoutError: Timed out waiting for server response",
     {"plaintext-on-tls-port", "server-unavailable"}),
    ("aiosmtplib.errors.SMTPConnectError: Error connecting to smtp.example.com on port 465: [Errno -2] Name or service "
     "not known", {"server-host-unknown", "server-host-typo"}),
    ("imaplib.IMAP4.abort: socket error: EOF", {"plaintext-on-tls-port", "server-unavailable"}),
    # aiosmtplib 2.0 and later upgrade with STARTTLS on connect: a program's own starttls() after it is the program's
    # defect (cole/aiosmtplib CHANGELOG 2.0.0), as a web framework's mail backend wraps it
    ("EmailConnectionError: SMTP connection error: Connection already using TLS", {"client-outdated"}),
    ("imaplib.IMAP4.error: server not IMAP4 compliant", {"wrong-protocol-on-port"}),
    # imaplib refuses a command the session's state does not allow, before sending it: the program's sequence (a
    # second login, a folder read after a login it did not check), not the server's refusal of a password
    ("imaplib.IMAP4.error: command LOGIN illegal in state AUTH, only allowed in states NONAUTH", {"client-outdated"}),
    ("imaplib.error: command SELECT illegal in state NONAUTH, only allowed in states AUTH, SELECTED", {"client-outdated"}),
    # Ruby (Rails' ActionMailer over net-smtp)
    ("Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>\n  from /usr/lib/ruby/3.2.0/net/protocol.rb:229:in "
     "`rbuf_fill'", {"plaintext-on-tls-port", "server-unavailable"}),
    # net-smtp's own check of the configured authentication type, before any AUTH is sent
    ("ArgumentError: wrong authentication type none", {"client-config-corrupt"}),
    ("Job exception: wrong authentication type cram_md", {"client-config-corrupt"}),
    ("curl: (28) Operation timed out after 8001 milliseconds with 0 bytes received",
     {"plaintext-on-tls-port", "tls-on-plaintext-port", "server-unavailable"}),
    ("curl: (7) Failed to connect to mail.example.com port 993 after 3 ms: Could not connect to server", {"port-closed"}),
    # Perl
    ("Need MIME::Base64 and Authen::SASL todo auth at /usr/libexec/git-core/git-send-email line 1563.",
     {"auth-mechanism-unsupported"}),
    ("IO::Socket::SSL: SSL connect attempt failed error:0A000086:SSL routines::certificate verify failed",
     {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}),
    # curl: its own summary line after the verbose log's reason
    ("* STARTTLS not supported.\ncurl: (64) Requested SSL level failed", {"starttls-not-offered", "starttls-stripped"}),
    ("curl: (67) Login denied", {"password-rejected"}),
    # Haskell's tls package (before tls-2.1.0): a record whose first byte is no TLS content type -- 50, the "2" of an
    # SMTP greeting (jhickner/smtp-mail#35, implicit TLS against a STARTTLS port) -- and 42, the "*" of IMAP's
    ("*** Exception: HandshakeFailed (Error_Packet_Parsing \"Failed reading: invalid header type: 50\\nFrom:\\theader\\n\\n\")",
     {"tls-on-plaintext-port"}),
    ("HandshakeFailed (Error_Packet_Parsing \"Failed reading: invalid header type: 42\\nFrom:\\theader\\n\\n\")",
     {"tls-on-plaintext-port"}),
    ("* server response timeout\ncurl: (28) Timeout was reached", {"plaintext-on-tls-port", "server-unavailable"}),
])
def test_go_rust_python_ruby_perl_curl_as_printed(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


def test_a_big_paste_finds_every_message_the_word_index_admits() -> None:
    # A text is first cut into words (a pattern whose whole words it lacks is passed over): no
    # message in a big paste may be lost by that.
    padding = "2024-03-02 10:00:00 SERVER -> CLIENT: 250-mail.example.org at your service\n" * 400
    for library, message, pattern in clientmessages.patterns(DATA):
        text = clientmessages.example(message)
        # (The message ends its line, as in a paste: glued to the padding's date, a number it ends with would
        # run on into another number, which locate does not take for it.)
        for big in (padding + text, text + "\n" + padding, padding + text + "\n" + padding):
            assert wordfold.locate(pattern, wordfold.fold(big))[0] >= 0, (library, message["key"])
        assert wordfold.locate(pattern, wordfold.fold(padding))[0] < 0


@pytest.mark.parametrize(("text", "causes"), [
    # Bamboo's SMTP adapter (Elixir) wraps gen_smtp's reason; the client's retry count is no login limit.
    ("** (Bamboo.SMTPAdapter.SMTPError) There was a problem sending the email through SMTP.\n\nThe error is "
     ":retries_exceeded\n\nMore detail below:\n\n{:missing_requirement, \"smtp.example.org\", :tls}",
     {"starttls-not-offered", "starttls-stripped"}),
    # The same reason as Erlang prints it.
    ("{error,retries_exceeded,{missing_requirement,\"smtp.example.org\",auth}}", {"smtp-auth-not-enabled", "auth-requires-tls"}),
    ("{error,no_more_hosts,{permanent_failure,\"smtp.example.org\",auth_failed}}", {"password-rejected"}),
    # The TLS handshake after STARTTLS failed: since OTP 26 the ssl client verifies the server's
    # certificate by default and gen_smtp's default tls_options give it no CA certificates
    # (gen-smtp/gen_smtp#328, swoosh/swoosh#785): a certificate the program cannot verify.
    ("{:error, {:temporary_failure, ~c\"52.192.253.213\", :tls_failed}}", {"cert-untrusted-issuer"}),
    ("{error,{retries_exceeded,{temporary_failure,\"smtp.example.org\",tls_failed}}}", {"cert-untrusted-issuer"}),
    # A timeout is the socket's, not a login limit for the retries the client counted.
    ("The error is :retries_exceeded\n\nMore detail below:\n\n{:network_failure, \"smtp.example.org\", {:error, :timeout}}",
     {"port-blocked-outbound", "smtp-port25-blocked", "plaintext-on-tls-port", "high-latency", "all-mail-ports-blocked"}),
    # Erlang's ssl reading a plain-text "220" where a TLS record was awaited: TLS on a plain-text port.
    ("{:network_failure, 'smtp.eu.mailgun.org', {:error, {:tls_alert, {:unexpected_message, 'TLS client: In state hello at "
     "tls_record.erl:539 generated CLIENT ALERT: Fatal - Unexpected Message\\n {unsupported_record_type,50}'}}}}",
     {"tls-on-plaintext-port"}),
    # The same alert as Elixir's inspect prints the reason (Swoosh, swoosh issue 735): atom and space.
    ("[notice] TLS :client: In state :hello at tls_record.erl:564 generated CLIENT ALERT: Fatal - Unexpected Message\n"
     " - {:unsupported_record_type, 50}\n{:error,\n {:retries_exceeded,\n  {:network_failure, '10.0.0.5',\n"
     "   {:error,\n    {:tls_alert,\n     {:unexpected_message,", {"tls-on-plaintext-port"}),
    # Before OTP 23 the record layer's alert carried no role and no reason tuple: "received UNDEFINED
    # ALERT" (no peer sends that role), as Swoosh printed it for implicit TLS on port 587 (swoosh issue 411).
    ("** (MatchError) no match of right hand side value:\n  {:error, {:tls_alert, {:unexpected_message,\n"
     "  'TLS client: In state hello received UNDEFINED ALERT: Fatal - Unexpected Message\\n'}}}", {"tls-on-plaintext-port"}),
    # The later form without the reason tuple: the module and line that generated it, tls_record.erl.
    ("16:34:05.535 [info] TLS :client: In state :hello at tls_record.erl:539 generated CLIENT ALERT: Fatal - Unexpected Message",
     {"tls-on-plaintext-port"}),
    # OTP 26+ refuses verify_peer without CA certificates before connecting (swoosh issue 811's text):
    # the program's own missing trust store, not the account (its words once read as a disabled account).
    ("delivery error: {:retries_exceeded, {:network_failure, ~c\"mail.example.com\", {:error, {:options, "
     ":incompatible, [verify: :verify_peer, cacerts: :undefined]}}}}", {"client-config-corrupt"}),
    ("{error,{options,incompatible,[{verify,verify_peer},{cacerts,undefined}]}}", {"client-config-corrupt"}),
])
def test_gen_smtp_reasons_as_elixir_and_erlang_print_them(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


def test_mailkit_s_no_authentication_is_read_after_the_starttls_it_sends_by_itself() -> None:
    # MailKit sends STARTTLS whenever it is offered (SecureSocketOptions.Auto): no AUTH after it is
    # a port that takes no logins; told to stay in plaintext, AUTH offered only after TLS is first.
    from mailexpert.account import ServerSetting

    text = "MailKit.Net.Smtp.SmtpClient: The SMTP server does not support authentication."
    assert explain(text).top.cause == "smtp-auth-not-enabled"
    plain = explain(text, setting=ServerSetting.parse("smtp", "smtp.example.org:587/plain")).top
    assert plain.cause == "auth-requires-tls"
    # Python's smtplib sends no STARTTLS of its own: there the missing TLS stays the first reading.
    assert explain("smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.").top.cause == \
        "auth-requires-tls"


#: Symfony Mailer's summary of a login it tried with each offered mechanism in turn (CRAM-MD5, LOGIN, PLAIN,
#: XOAUTH2), all with the configured password: the XOAUTH2 refusal and Gmail's error challenge listed last.
_SYMFONY_TRIED = (
    'Symfony\\Component\\Mailer\\Exception\\TransportException: Failed to authenticate on SMTP server with username '
    '"jo@gmail.com" using the following authenticators: "LOGIN", "PLAIN", "XOAUTH2". Authenticator "LOGIN" returned '
    '"Expected response code "235" but got code "{code}", with message "{reply}".". Authenticator "PLAIN" returned '
    '"Expected response code "235" but got code "{code}", with message "{reply}".". Authenticator "XOAUTH2" returned '
    '"Expected response code "235" but got code "334", with message '
    '"334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==".".')


@pytest.mark.parametrize(("code", "reply", "causes"), [
    ("534", "534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  "
     "https://support.google.com/mail/?p=InvalidSecondFactor a1sm1 - gsmtp", {"app-password-required"}),
    ("535", "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.", {"basic-auth-disabled"}),
    ("535", "535 5.7.8 Error: authentication failed: Password expired", {"password-expired"}),
    ("535", "535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  "
     "https://support.google.com/mail/?p=BadCredentials a1sm1 - gsmtp", {"password-rejected", "app-password-required"}),
])
def test_symfony_s_password_refusal_says_more_than_the_xoauth2_attempt_after_it(code: str, reply: str,
                                                                                 causes: set[str]) -> None:
    assert explain(_SYMFONY_TRIED.format(code=code, reply=reply)).top.cause in causes


def test_an_xoauth2_login_s_challenge_alone_still_reads_as_the_token_s() -> None:
    # Only XOAUTH2 tried: no password mechanism's refusal to read, the challenge says what the server said.
    text = ('Failed to authenticate on SMTP server with username "jo@gmail.com" using the following authenticators: '
            '"XOAUTH2". Authenticator "XOAUTH2" returned "Expected response code "235" but got code "334", with message '
            '"334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==".".')
    assert explain(text).top.cause == "oauth-token-rejected"


@pytest.mark.parametrize(("text", "causes"), [
    # Perl's Email::Sender: "sending failed: " as its manual's example warns, then the failure's message.
    ("sending failed: can't STARTTLS: 5.5.1 Error: command not implemented", {"starttls-not-offered"}),
    ("sending failed: can't STARTTLS: 5.5.2 Error: command not recognized", {"starttls-not-offered"}),
    ("sending failed: can't STARTTLS: 4.7.0 TLS not available due to local problem", {"starttls-failed"}),
    ("sending failed: can't STARTTLS: 2.0.0 Ready to start TLS",
     {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}),
    # imaplib2 and node-imap: connected, and nothing came back (the implicit-TLS port spoken to in plain text).
    ("imaplib2.IMAP4.abort: IMAP4 protocol error: no response after 8 secs", {"plaintext-on-tls-port"}),
    ("Error: Timed out while authenticating with server {\n  source: 'timeout-auth'\n}", {"plaintext-on-tls-port"}),
    ("Error: Timed out while connecting to server {\n  source: 'timeout'\n}", {"port-blocked-outbound"}),
    ("Error: Logging in is disabled on this server {\n  source: 'authentication'\n}", {"auth-requires-tls"}),
    # node-imap's debug output ("<= " before each line read) shows an SMTP server's greeting came where the IMAP
    # one was awaited: the port is another protocol's, not a TLS port spoken to in plain text.
    ("[connection] Connected to host\n<= '220 smtp.example.com ESMTP Postfix'\n"
     "Error: Timed out while authenticating with server", {"wrong-protocol-on-port"}),
    ("<= '+OK Dovecot ready.'\nError: Timed out while authenticating with server", {"wrong-protocol-on-port"}),
])
def test_email_sender_imaplib2_and_node_imap_as_printed(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


@pytest.mark.parametrize("text", [
    # ESP32-Mail-Client (Arduino's WiFiClientSecure over Mbed TLS) told to use SSL on Outlook.com's port 587.
    "[E][ssl_client.cpp:33] handle_error(): SSL - An invalid SSL record was received\n"
    "[E][ssl_client.cpp:35] handle_error(): MbedTLS message code: -29184\n"
    "[E][WiFiClientSecure.cpp:132] connect(): start_ssl_client: -29184\n"
    "Error, could not connect to server\nError sending Email, could not connect to server",
    # MicroPython's ssl module raises the code in hex before Mbed TLS's words.
    "umail: connecting to smtp.example.org:587\nOSError: mbedtls -0x7200: SSL - An invalid SSL record was received",
])
def test_mbed_tls_invalid_record_is_a_plain_text_answer_to_the_handshake(text: str) -> None:
    # MBEDTLS_ERR_SSL_INVALID_RECORD: what came back is no TLS record, Mbed TLS's "wrong version number".
    assert explain(text).top.cause == "tls-on-plaintext-port"


@pytest.mark.parametrize(("text", "causes"), [
    # c-client (Alpine, PHP's imap_open): the bare message is imap4r1.c's and pop3.c's for a /tls
    # spec whose server advertised no STARTTLS; smtp.c's and nntp.c's with the host after a colon
    # is the handshake that failed after the server took STARTTLS.
    ("Unable to negotiate TLS with this server", {"starttls-not-offered", "starttls-stripped"}),
    ("Cannot connect: Unable to negotiate TLS with this server", {"starttls-not-offered", "starttls-stripped"}),
    ("Unable to negotiate TLS with this server: smtp.example.com", {"starttls-failed"}),
])
def test_c_client_tells_a_missing_starttls_from_a_failed_handshake(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


@pytest.mark.parametrize("text", [
    "Error: Reached maximum number of retries after connection was closed",
    "Error: Reached maximum number of retries after connection was closed\n    at SMTPPool._failDeliveryOnConnectionClose "
    "(/app/node_modules/nodemailer/lib/smtp-pool/index.js:421:45)",
])
def test_a_pools_resends_are_no_login_attempts(text: str) -> None:
    """nodemailer's SMTPPool gives up re-sending a message whose connection closed (maxRequeues): its "retries" are
    the pool's own, not logins a server counted, so no locked account; the connection closed, the words say not why."""
    top = explain(text).top
    assert top is not None and top.cause not in {"account-locked", "password-rejected"}, top

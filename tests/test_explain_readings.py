"""``explain`` offers every reading a text allows, the likelier first (texts in the shape real
programs print them)."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise
from mailexpert.replies import find_reply


def causes(text: str, server: str | None = None) -> list[str]:
    setting = ServerSetting.parse(*server.split()) if server else None
    return [d.cause for d in explain(text, setting=setting).diagnoses if d.is_root]


@pytest.mark.parametrize("text", [
    "No SASL mechanism found\n at /usr/share/perl5/Authen/SASL.pm line 77.\n at /usr/share/perl/5.36/Net/SMTP.pm line 211.",
    "Net::SMTPAuthenticationError: 504 5.7.4 Unrecognized authentication type",
    "smtp: 504 5.7.4 Unrecognized authentication type [DB8PR04CA0012.eurprd04.prod.outlook.com]",
])
def test_no_usable_password_mechanism_may_be_an_oauth_only_server(text: str) -> None:
    found = causes(text, "smtp smtp.example.com:587/starttls")
    assert found[:2] == ["auth-mechanism-unsupported", "oauth-required"], found


def test_no_usable_mechanism_without_encryption_is_logins_after_tls_first() -> None:
    found = causes("IMAP error: server supports no acceptable authentication mechanism", "imap imap.example.org:143/plain")
    assert found[0] == "auth-requires-tls" and "oauth-required" not in found, found


def test_a_library_status_in_reply_form_is_no_server_reply() -> None:
    facts = recognise("500 Command unknown: 'AUTH'").facts
    assert [f.kind for f in facts] == ["login.result"]
    assert facts[0].get("skipped_reason") == "not-offered"


def test_encryption_required_504_is_not_read_as_oauth_only() -> None:
    found = causes("504 5.5.4 Encryption required for requested authentication mechanism")
    assert "oauth-required" not in found, found


def test_a_client_that_left_after_the_greeting_is_no_command_it_sent() -> None:
    log = ("postfix/submission/smtpd[4411]: connect from unknown[198.51.100.7]\n"
           "postfix/submission/smtpd[4411]: lost connection after CONNECT from unknown[198.51.100.7]\n")
    facts = recognise(log).facts
    assert [(f.kind, f.get("when"), f.get("spoken")) for f in facts] == [("client.spoke", "no-command", "unread")]


def test_a_lost_connection_on_an_implicit_tls_service_is_read_by_its_tls_step() -> None:
    log = ("postfix/smtps/smtpd[6718]: SSL_accept error from unknown[198.51.100.7]: lost connection\n"
           "postfix/smtps/smtpd[6718]: lost connection after CONNECT from unknown[198.51.100.7]\n")
    assert all(f.kind != "client.spoke" for f in recognise(log).facts)


def test_logged_tls_bytes_outrank_a_later_lost_connection_line() -> None:
    log = ("postfix/submission/smtpd[9]: improper command pipelining after CONNECT from unknown[198.51.100.7]: "
           "\\026\\003\\001\\002\\000\\001\n"
           "postfix/submission/smtpd[9]: lost connection after CONNECT from unknown[198.51.100.7]\n")
    facts = recognise(log).facts
    assert [(f.kind, f.get("spoken")) for f in facts] == [("client.spoke", "tls")]


@pytest.mark.parametrize("text", [
    "SMTP ERROR: EHLO command failed: 421 4.7.0 Try again later, closing connection.",
    "smtplib.SMTPHeloError: (501, b'5.5.4 Invalid domain name')",
])
def test_a_refusal_of_ehlo_is_about_the_name_the_program_gives(text: str) -> None:
    assert causes(text)[0] == "helo-name-rejected"


def test_a_connection_limit_answered_at_ehlo_stays_a_connection_limit() -> None:
    assert causes("SMTP ERROR: EHLO command failed: 421 4.7.0 Error: too many connections from 192.0.2.1")[0] \
        == "too-many-connections"


def test_undecoded_gbk_bytes_of_a_reply_are_read_as_text() -> None:
    # Python 2's repr of QQ Mail's reply, GBK for "请使用授权码登录" (log in with the authorization code).
    text = ("smtplib.SMTPAuthenticationError: (535, 'Error: \\xc7\\xeb\\xca\\xb9\\xd3\\xc3\\xca\\xda\\xc8\\xa8"
            "\\xc2\\xeb\\xb5\\xc7\\xc2\\xbc')")
    assert causes(text)[0] == "app-password-required"


def test_escaped_bytes_that_are_no_text_stay_escaped() -> None:
    from mailexpert.pastetext import normalise

    logged = "improper command pipelining after CONNECT from unknown[192.0.2.5]: \\x16\\x03\\x01\\x02\\x00"
    assert normalise(logged) == logged
    assert normalise("caf\\xc3\\xa9") == "café"


def test_android_chain_validation_failed_is_a_certificate_out_of_its_dates() -> None:
    text = ("javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: Chain validation failed\n"
            "    at com.android.org.conscrypt.SSLUtils.toSSLHandshakeException(SSLUtils.java:362)")
    assert causes(text)[0] == "cert-expired"


def test_a_certificate_that_names_itself_its_issuer_is_self_signed() -> None:
    text = "The certificate is not trusted.\nSubject: mail.example.org\nIssuer: mail.example.org\nExpires: 2031-05-01"
    assert causes(text)[0] == "cert-self-signed"
    other = "The certificate is not trusted.\nSubject: mail.example.org\nIssuer: Example Corp Issuing CA 2"
    assert causes(other)[0] != "cert-self-signed"


def test_self_signed_root_in_the_chain_may_be_an_intercepting_antivirus() -> None:
    found = causes("Error: self-signed certificate in certificate chain\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)")
    assert found[:2] == ["cert-untrusted-issuer", "tls-interception"], found


def test_java_without_an_allowed_tls_version_is_the_clients_own_setting() -> None:
    text = ("jakarta.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n"
            "\tjavax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites are inappropriate)")
    assert causes(text)[0] == "tls-version-client-outdated"


def test_microsofts_basic_auth_verdict_outranks_dotnets_generic_words() -> None:
    text = ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
            "authenticated. The server response was: 5.7.139 Authentication unsuccessful, basic authentication is "
            "disabled. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]")
    assert causes(text)[0] == "basic-auth-disabled"


def test_java_without_an_allowed_version_on_connect_is_the_clients_pin_first_then_an_old_server() -> None:
    # Java's own check before any byte is sent (HandshakeContext): on connecting with TLS at once as
    # after STARTTLS, the program's pinned versions are what it refused; an old server stays beside.
    found = causes("javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher "
                   "suites are inappropriate)")
    assert found[:2] == ["tls-version-client-outdated", "tls-version-server-outdated"], found


def test_a_provider_s_own_server_name_not_found_is_the_resolver() -> None:
    text = "{ [Error: getaddrinfo ENOTFOUND smtp.gmail.com]\n  code: 'ENOTFOUND',\n  syscall: 'getaddrinfo' }"
    assert causes(text)[0] == "dns-server-misconfigured"
    assert causes("getaddrinfo ENOTFOUND smtp.gmial.com")[0] == "server-host-typo"


def test_go_s_look_up_that_timed_out_under_its_dial_is_the_resolver_not_the_port() -> None:
    # Go's dial names the look-up it was in: the resolver did not answer, no connection was tried.
    text = ("failed to send notification to email addresses: user@qq.com: dial tcp: lookup smtp.qq.com: "
            "i/o timeout")
    assert causes(text)[0] in ("dns-server-misconfigured", "dns-outage")
    text = "dial tcp: lookup smtp.example.org on 127.0.0.11:53: read udp 172.18.0.2:41234->127.0.0.11:53: i/o timeout"
    assert causes(text)[0] in ("dns-server-misconfigured", "dns-outage")
    # A dial whose connection timed out, no look-up in it, stays the connection's timeout.
    assert causes("dial tcp 203.0.113.7:587: i/o timeout")[0] not in ("dns-server-misconfigured", "dns-outage")


def test_a_failed_read_on_an_open_connection_is_no_unknown_text() -> None:
    facts = recognise("The attempt to read data from the server “imap.example.org” failed.").facts
    assert [(f.kind, f.get("outcome")) for f in facts] == [("tcp.connect", "reset")]


def test_nodes_numeric_errno_for_a_name_not_found_is_a_lookup_failure() -> None:
    text = '{"errno":-3008,"code":"EDNS","syscall":"getaddrinfo","hostname":"smtp.example.net","command":"CONN"}'
    facts = recognise(text).facts
    assert (facts[0].kind, facts[0].get("outcome")) == ("dns.answer", "nxdomain")
    assert causes(text)[0] in ("server-host-unknown", "server-host-typo")


def test_a_server_going_away_at_ehlo_is_the_server_not_the_name() -> None:
    assert causes("SMTP ERROR: EHLO command failed: 421 4.3.2 Service not available, closing transmission channel")[0] \
        == "server-unavailable"


def test_a_peer_that_hung_up_after_the_handshake_is_no_tls_failure() -> None:
    after = "TLS error on connection from mail.example.net [192.0.2.7] (recv): The TLS connection was non-properly terminated."
    assert [(f.kind, f.get("outcome")) for f in recognise(after).facts] == [("tls.handshake", "ok")]
    during = after.replace("(recv)", "(gnutls_handshake)")
    assert [(f.kind, f.get("outcome")) for f in recognise(during).facts] == [("tls.handshake", "unexpected-eof")]


def test_a_web_framework_s_http_status_line_is_no_smtp_reply() -> None:
    log = ("Completed 500 Internal Server Error in 30989.5ms\n\nEOFError (end of file reached):\n"
           "  app/models/mailer.rb:431:in `deliver_mail'\n")
    facts = recognise(log).facts
    assert all(f.kind != "server.reply" for f in facts), facts
    assert causes(log)[0] == "plaintext-on-tls-port"
    # The same code with an SMTP text is the server's.
    assert causes("500 5.5.2 Syntax error, command unrecognized")[0] == "server-reply-permanent"


@pytest.mark.parametrize("text", [
    # Python's urllib.error.HTTPError as printed: "HTTP Error" labels a web server's status, not a mail server's
    "urllib.error.HTTPError: HTTP Error 503: Service Unavailable",
    "HTTP Error 550: Permission denied",
    # a web server's status line
    "HTTP/1.1 503 Service Unavailable",
])
def test_a_web_request_s_status_is_no_smtp_reply(text: str) -> None:
    facts = recognise(text).facts if _recognised(text) else []
    assert all(f.kind != "server.reply" or f.get("code") is None for f in facts), facts


def _recognised(text: str) -> bool:
    from mailexpert.errors import InputError

    try:
        recognise(text)
    except InputError:
        return False
    return True


def test_imap_tools_status_error_is_the_imap_no_it_carries() -> None:
    text = ("imap_tools.errors.MailboxLoginError: Response status \"OK\" expected, but \"NO\" received. "
            "Data: [b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)']")
    reply = next(f for f in recognise(text).facts if f.kind == "server.reply")
    assert (reply.get("protocol"), reply.get("status"), reply.get("response_code")) == ("imap", "no", "AUTHENTICATIONFAILED")


def test_postfix_sender_login_mismatch_without_its_code_is_a_permanent_refusal() -> None:
    reply = next(f for f in recognise("it says Sender address rejected: not owned by user.").facts
                 if f.kind == "server.reply")
    assert (reply.get("protocol"), reply.get("status"), reply.get("stage")) == ("smtp", "permanent", "mail")


def test_a_missing_local_ipv6_address_gives_way_to_the_ipv4_attempt() -> None:
    log = ("postfix/smtp[3288]: connect to gmail-smtp-in.l.google.com[74.125.193.27]:25: Connection timed out\n"
           "postfix/smtp[3288]: connect to gmail-smtp-in.l.google.com[2a00:1450:400b:c01::1b]:25: "
           "Cannot assign requested address\n")
    assert [f.get("outcome") for f in recognise(log).facts if f.kind == "tcp.connect"] == ["timeout"]
    # Alone, it still says the address cannot be reached from here.
    alone = "connect to mx.example.org[2a00:1450::1b]:25: Cannot assign requested address"
    assert [f.get("outcome") for f in recognise(alone).facts if f.kind == "tcp.connect"] == ["unreachable"]


def test_a_reply_wrapped_onto_unindented_lines_is_read_whole() -> None:
    # Orange's refusal as a bounce wraps it: the words that say why stand on the later lines.
    orange = ("421 mwinf5c27 ME\nTrop de connexions, veuillez verifier votre configuration. Too many\n"
              "connections, slow down. OFR004_104 [104]")
    assert causes(orange)[0] == "too-many-connections"


@pytest.mark.parametrize(("text", "words"), [
    # A Postfix refusal quoted in a dialog that wraps it mid-sentence.
    ("Mail delivery failed: 550 5.7.1 Client host rejected: cannot find your\nhostname, [192.0.2.1]",
     "5.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]"),
    # A client's own sentence after the reply is not its words; nor a program's labelled line,
    # a debug log's next line, a log record or a stack frame.
    ("535 Authentication Failed\nMessage could not be sent.", "Authentication Failed"),
    ("535 Error: authentication failed, system busy\nSMTP Error: Could not authenticate.",
     "Error: authentication failed, system busy"),
    ("530 5.7.0 Authentication required\ns-nail: ... message not sent", "5.7.0 Authentication required"),
    ("SERVER -> CLIENT: 535 Authentication Failed\nCLIENT -> SERVER: QUIT", "Authentication Failed"),
    ("550 5.1.1 User unknown in\n2024-01-02 10:00:01 mx postfix/smtp[12]: disconnect", "5.1.1 User unknown in"),
    ("554 Message rejected\nat com.sun.mail.smtp.SMTPTransport.rcptTo(SMTPTransport.java:1)", "Message rejected"),
    # A blank line ends the reply; so do quotes that close on its line and a log record's line.
    ("550 5.7.1 Client host rejected: cannot find your\n\nhostname, [192.0.2.1]",
     "5.7.1 Client host rejected: cannot find your"),
    ("Error: \"550 Relaying denied for\"\nthis message", "Relaying denied for"),
    ("Jan  2 10:00:00 box sm-mta[12]: stat=451 Temporary\nfailure, please try again later.", "Temporary"),
    # qmail's "(#5.7.1)" ends its reply's words; it is no enhanced code of a line of its own.
    ("Server response: 553 Sorry, that domain isn't in my list\nof allowed rcpthosts (#5.7.1)",
     "Sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"),
    # A reply whose basic code ends the line goes on with its enhanced code on the next (Outlook's
    # "Server responded: ..." as a web page wrapped it); an unrelated next line is not its words.
    ("Verify the email address in your account properties. Server responded: 530\n5.7.0 Must issue a STARTTLS command first.",
     "5.7.0 Must issue a STARTTLS command first."),
    ("RCPT failed: 554\nThe message was not sent.", ""),
])
def test_a_reply_goes_on_only_over_lines_that_are_plainly_its_words(text: str, words: str) -> None:
    from mailexpert.replies import find_reply

    assert find_reply(text)[0].get("text") == words


@pytest.mark.parametrize("text", [
    "OAUTH2 authentication failed. Server does not support XOAUTH2",
    "The server does not support the OAUTHBEARER authentication mechanism",
])
def test_an_oauth_mechanism_the_server_lacks_is_a_mechanism_not_offered(text: str) -> None:
    # XOAUTH2 and OAUTHBEARER (RFC 7628) are SASL mechanisms: a client set to OAuth2 against a
    # server that offers neither needs the password method, not a new password.
    assert causes(text)[0] == "auth-mechanism-unsupported"


@pytest.mark.parametrize("text", [
    # Postfix with Cyrus SASL: SASL_NOUSER's text (cyrus-sasl lib/common.c) after "authentication failed:"
    "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: user not found')",
    "A1 NO user bob@example.org not found",
    "-ERR no such user",
])
def test_a_login_refusal_that_says_no_such_user_is_the_user_name(text: str) -> None:
    assert causes(text)[0] == "username-wrong"


@pytest.mark.parametrize("text", [
    "550 5.1.1 <bob@example.org>: no such user",  # a recipient refused, not the login's user
    "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: authentication failure')",
])
def test_no_such_recipient_or_a_generic_refusal_is_not_the_user_name(text: str) -> None:
    assert "username-wrong" not in causes(text)


@pytest.mark.parametrize("text", [
    "postfix/smtp[1234]: connect to gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a]:25: Network is unreachable",
    "dial tcp [2607:f8b0:4004:c1b::6c]:587: connect: network is unreachable",
])
def test_no_route_to_an_ipv6_address_is_the_ipv6_path_first(text: str) -> None:
    # ENETUNREACH for an IPv6 address: this machine has no IPv6 route (its IPv4 may well work);
    # no network at all stays in the differential, after it.
    assert causes(text)[:2] == ["server-ip-blocked", "no-internet"]


def test_no_route_to_an_ipv4_address_stays_no_network_first() -> None:
    assert causes("connect to mail.example.com[192.0.2.4]:25: Network is unreachable")[0] == "no-internet"


def test_no_route_to_an_unnamed_address_is_the_servers_address_first() -> None:
    # With no address to tell, the order of data/priors.yaml (connect-unreachable) decides: the
    # working corpus's texts of this kind are one address family or a firewall more often than no
    # network at all; no network stays in the differential, after it. PHPMailer's words are a web
    # application's, whose host's block comes first (port-blocked-outbound-web-app-unreachable-pasted).
    text = "2024-01-01 10:31:55 SMTP ERROR: Failed to connect to server: Network is unreachable (101)"
    assert causes(text)[:3] == ["port-blocked-outbound", "server-ip-blocked", "no-internet"]
    assert causes("Failed to connect to server: Network is unreachable (101)")[:2] == ["server-ip-blocked", "no-internet"]


@pytest.mark.parametrize(("text", "cause"), [
    # A mail program's or an ISP page's "Error 554: ..." labels the server's reply.
    ("Error 554: Relay Access Denied", "smtp-auth-not-enabled"),
    # Patched qmail-smtpd's relay refusal.
    ("553 sorry, that domain isn't allowed to be relayed thru this MTA", "smtp-auth-not-enabled"),
    # cPanel's Exim to a mail program that sends without logging in.
    ("550 Access denied - Invalid HELO name (See RFC2821 4.1.1.1)", "smtp-auth-not-enabled"),
    ("Server responded: 530\n5.7.0 Must issue a STARTTLS command first.", "auth-requires-tls"),
])
def test_relay_and_login_refusals_in_a_mail_programs_words(text: str, cause: str) -> None:
    assert causes(text)[0] == cause


@pytest.mark.parametrize("reply", [
    "550 5.7.1 <bob@example.net>... Relaying denied. Proper authentication required.",
    "530 5.7.0 Authentication required",
    "530 5.7.1 Client was not authenticated",
])
def test_a_refusal_on_port_25_that_asks_for_a_login_is_the_login_left_off(reply: str) -> None:
    # Sendmail words its relay refusal so only with SMTP AUTH on: the server takes logins on
    # port 25, so the fix is to log in, not another server.
    text = f"Server Response: '{reply}', Port: 25, Secure(SSL): No"
    found = causes(text, "smtp mail.example.org:25/plain")
    assert found[0] == "smtp-auth-not-enabled" and "mx-host-used-for-submission" not in found, found


def test_a_bare_relay_refusal_on_port_25_stays_the_mx_reading() -> None:
    found = causes("550 5.7.1 <bob@example.net>... Relaying denied", "smtp mail.example.org:25/plain")
    assert found[0] == "mx-host-used-for-submission", found


def test_an_http_error_label_is_no_smtp_reply() -> None:
    from mailexpert.replies import find_reply

    assert find_reply("Error 404: Not Found")[0] == {}


@pytest.mark.parametrize(("text", "cause"), [
    # rustls names the verifier's verdict; webpki's CaUsedAsEndEntity is a certificate the server
    # made for itself (Proton Mail Bridge's self-signed CA certificate on localhost).
    ("tls handshake: invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))", "cert-self-signed"),
    ("IMAP connection failing: invalid peer certificate: NotValidForName", "cert-hostname-mismatch"),
    ("tls handshake: invalid peer certificate: UnknownIssuer", "cert-untrusted-issuer"),
    ("invalid peer certificate: Expired", "cert-expired"),
])
def test_rustls_certificate_verdicts(text: str, cause: str) -> None:
    assert causes(text)[0] == cause


def test_a_bad_to_an_optional_command_the_program_sent_is_the_programs_defect() -> None:
    text = 'The IMAP server replied to the "COMPRESS" command with a "BAD" response: Error in IMAP command received by server'
    report = explain(text)
    assert report.top.cause == "client-outdated"
    assert report.top.severity == "error"


def test_the_macs_keychain_refusing_the_password_is_the_programs_own_store() -> None:
    text = ("Cannot save password for account me@example.org The operation couldn’t be completed. "
            "(STKeychainErrorDomain error -60005.)")
    report = explain(text)
    assert report.top.cause == "client-config-corrupt"
    assert [f.get("role") for f in recognise(text).facts if f.kind == "client.file"] == ["password"]


@pytest.mark.parametrize(("text", "tls"), [
    # GLib's one message for any certificate its check refused: a certificate problem, no verdict.
    ("Unacceptable TLS certificate", ("cert-invalid", "other")),
    # Outlook's 0x800CCC1A in Czech reads as its English wording does.
    ("Server nepodporuje zadaný typ šifrování připojení. Zkuste způsob šifrování změnit.",
     ("wrong-version-number", "unchecked")),
])
def test_more_tls_wordings_are_recognised(text: str, tls: tuple[str, str]) -> None:
    facts = [f for f in recognise(text).facts if f.kind == "tls.handshake"]
    assert [(f.get("outcome"), f.get("verify")) for f in facts] == [tls]


def test_a_reply_of_masking_characters_keeps_them_as_its_text() -> None:
    """A firewall's SMTP inspection masks a greeting's words ("220 ****...0*0*"): that is what the
    reply says, kept for a rule to read, not dropped for having no words."""
    from mailexpert.explain import explain_facts

    reply = next(f for f in explain_facts("220 ****************************0*0*0****0***") if f.kind == "server.reply")
    assert reply.get("code") == 220 and reply.get("text") == "****************************0*0*0****0***"
    # A client's own words before a bare code are still not the server's.
    reply = next(f for f in explain_facts("RCPT failed: 554") if f.kind == "server.reply")
    assert reply.get("code") == 554 and reply.get("text") == ""


@pytest.mark.parametrize("text", [
    # Python's logging (Airflow): the milliseconds after the time's comma are no reply code.
    "2015-06-19 13:20:10,459 - root - ERROR - STARTTLS extension not supported by server.",
    # log4j's ISO8601 layout writes them the same way.
    "2021-03-04 10:15:12,421 ERROR [mail] STARTTLS extension not supported by server.",
])
def test_a_log_line_s_milliseconds_are_no_reply_code(text: str) -> None:
    assert all(f.kind != "server.reply" for f in recognise(text).facts)
    assert causes(text)[0] == "starttls-not-offered"


def test_a_reply_after_a_log_line_s_time_is_still_read() -> None:
    reply = next(f for f in recognise("2015-06-19 13:20:10,459 - smtp - 535 5.7.8 Authentication credentials invalid").facts
                 if f.kind == "server.reply")
    assert (reply.get("code"), reply.get("enhanced")) == (535, "5.7.8")


def test_a_bare_starttls_line_in_a_pasted_session_is_the_command_a_502_answers() -> None:
    # statping's raw trace, a telnet session: the command alone on its line between the server's replies.
    text = "250-ENHANCEDSTATUSCODES\n250-8BITMIME\n250 DSN\nSTARTTLS\n502 5.5.1 Error: command not implemented"
    assert causes(text)[0] == "starttls-not-offered"
    # A later command answered by the same code is no refused STARTTLS.
    assert causes("STARTTLS\n220 2.0.0 Ready to start TLS\nEHLO client.example.org\n"
                  "502 5.5.1 Error: command not implemented")[0] != "starttls-not-offered"
    # A sentence that starts with the command's name is no command.
    assert causes("STARTTLS is required\n502 5.5.1 Error: command not implemented")[0] != "starttls-not-offered"


@pytest.mark.parametrize("text", [
    # Go's net/textproto (net/smtp, Mattermost): the server's first line is no SMTP reply.
    '"error":"short response: * OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE STARTTLS '
    'AUTH=PLAIN] Dovecot ready."',
    "smtp: invalid response code: +OK Dovecot ready.",
])
def test_go_s_reply_parser_refusing_another_protocol_s_greeting(text: str) -> None:
    assert causes(text)[0] == "wrong-protocol-on-port"


@pytest.mark.parametrize("text", [
    # The same words from programs that read no mail: an HTTP client, Go's textproto under an FTP
    # library, an OAuth library's error code.
    "invalid response code: 502 Bad Gateway",
    "ftp: short response: HTTP/1.1 400 Bad Request",
    "ERROR: unexpected_response from OAuth provider",
])
def test_reply_parsers_words_without_another_mail_protocol_s_greeting_are_no_wrong_port(text: str) -> None:
    try:
        found = causes(text)
    except InputError:  # declined as no text about mail: right too
        return
    assert "wrong-protocol-on-port" not in found, found


def test_gen_smtp_s_unexpected_response_term_is_another_protocol_s_greeting() -> None:
    text = ('{error,retries_exceeded,{unexpected_response,"mail.example.org",'
            '[<<"* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.">>]}}')
    assert causes(text)[0] == "wrong-protocol-on-port"


@pytest.mark.parametrize("text", [
    "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 465;\n  nested exception is:\n"
    "\tjavax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites are inappropriate)",
    "imapfilter: initiating SSL connection to imap.gmail.com; error:1409442E:SSL routines:SSL3_READ_BYTES:tlsv1 alert "
    "protocol version",
])
def test_a_public_provider_s_server_is_not_the_old_side_of_a_version_failure(text: str) -> None:
    found = causes(text)
    assert found[0] == "tls-version-client-outdated" and "tls-version-server-outdated" not in found, found


@pytest.mark.parametrize(("text", "cause"), [
    # smtplib raises SMTPServerDisconnected while handling the failed starttls(); both are printed.
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"
     " (_ssl.c:1006)\n\nDuring handling of the above exception, another exception occurred:\n\n"
     "smtplib.SMTPServerDisconnected: Connection unexpectedly closed", "cert-self-signed"),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)\n"
     "smtplib.SMTPServerDisconnected: Connection unexpectedly closed", "cert-untrusted-issuer"),
])
def test_a_refused_certificate_says_why_the_connection_then_closed(text: str, cause: str) -> None:
    assert causes(text)[0] == cause


def test_a_closed_connection_without_a_certificate_verdict_stays_no_greeting() -> None:
    assert causes("smtplib.SMTPServerDisconnected: Connection unexpectedly closed")[0] != "cert-untrusted-issuer"


def test_a_python_traceback_frame_is_where_the_code_ran_not_what_failed() -> None:
    # Synapse's frames name identity.py and send_threepid_validation: no certificate's identity or validation.
    text = ('DNSLookupError: DNS lookup failed: postfix.mail.svc.cluster.local.\n'
            '  File "synapse/handlers/identity.py", line 350, in send_threepid_validation\n'
            '    await send_email_func(email_address, token, client_secret, session_id)\n')
    found = causes(text)
    assert found[0] == "server-host-unknown" and not any(c.startswith("cert-") for c in found), found


def test_a_certificate_verdict_below_python_frames_is_still_read() -> None:
    text = ('Traceback (most recent call last):\n'
            '  File "/usr/lib/python3.11/smtplib.py", line 790, in starttls\n'
            '    self.sock = context.wrap_socket(self.sock,\n'
            'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: '
            'self-signed certificate (_ssl.c:1006)\n')
    assert causes(text)[0] == "cert-self-signed"


def test_netease_s_sender_must_equal_the_login() -> None:
    found = causes("com.sun.mail.smtp.SMTPSendFailedException: 553 Mail from must equal authorized user")
    assert found[0] == "sender-address-not-allowed", found


def test_swiftmailer_s_empty_answer_after_the_greeting_is_no_missing_greeting() -> None:
    # 220 is the greeting's code; 250 comes later (EHLO, its HELO fallback, MAIL FROM): the port spoke SMTP.
    assert causes("Expected response code 220 but got an empty response")[0] == "plaintext-on-tls-port"
    later = causes("Expected response code 250 but got an empty response.")
    assert "plaintext-on-tls-port" not in later and "tls-on-plaintext-port" not in later, later


@pytest.mark.parametrize("text", [
    'MailSo\\Net\\Exceptions\\SocketCanNotConnectToHostException: Can\'t connect to host "tcp://127.0.0.1:110"',
    "SMTP Error: Could not connect to SMTP host localhost:25.",
])
def test_a_failed_plain_connection_to_localhost_is_no_block_on_the_way(text: str) -> None:
    # The loopback address never leaves the machine: nothing on the way can drop it.
    found = causes(text)
    assert found[0] == "port-closed" and "port-blocked-outbound" not in found, found


def test_a_failed_tls_connection_to_localhost_is_not_read_as_nothing_listening() -> None:
    # PHP's streams report a refused certificate as a failed connect: the loopback rule leaves TLS schemes alone.
    found = causes("Could not connect to ssl://localhost:993: Unknown reason")
    assert found[0] != "port-closed", found


def test_qmail_s_rcpthosts_refusal_with_its_words_reordered() -> None:
    assert causes("553 sorry, that domain isn't in my allowed list of rcpthosts")[0] == "smtp-auth-not-enabled"


@pytest.mark.parametrize("verified", [
    'ssl: Ssl { state: "SSL negotiation finished successfully", verify_result: X509VerifyResult { code: 0, error: "ok" } }',
    "Verify return code: 0 (ok)",
])
def test_a_certificate_check_that_passed_is_no_certificate_verdict(verified: str) -> None:
    # rust-openssl's Debug of a TLS stream and openssl s_client's summary print X509_V_OK as a field's value.
    text = f'Login failed: (No(No {{ information: "Too many simultaneous connections. (Failure)", code: Some(Alert) }}), {verified})'
    found = causes(text)
    assert found[0] == "too-many-connections" and "cert-untrusted-issuer" not in found, found
    failed = causes('verify_result: X509VerifyResult { code: 20, error: "unable to get local issuer certificate" }')
    assert failed[0] == "cert-untrusted-issuer", failed


@pytest.mark.parametrize(("code", "cause"), [("hi", "content-filtered"), ("bl", "client-ip-blocklisted")])
def test_united_internet_s_policy_refusal_is_read_by_its_case_code(code: str, cause: str) -> None:
    # WEB.DE, GMX and 1&1 word several refusals alike; the explanation link's case code says which.
    why = "IP address is block listed.; " if code == "bl" else ""
    text = (f"554-Transaction failed\n554-Reject due to policy restrictions.\n554 {why}For explanation visit "
            f"https://postmaster.web.de/error-messages?ip=192.0.2.7&c={code}")
    assert causes(text)[0] == cause


def test_fastmail_s_locked_account_is_no_refused_client_address() -> None:
    found = causes("554 5.7.1 <mail.example.org[]>: Client host rejected: Address locked or deactivated; "
                   "see http://mail.messagingengine.com/docs/locked.html")
    assert found[0] == "account-locked", found


def test_a_command_not_understood_after_a_refusal_is_not_the_cause():
    # jhickner/smtp-mail#18: the library ignored the 530 and sent its credentials as commands,
    # which the server did not understand (RFC 5321 section 4.2.2: 500-502).
    log = "530 5.7.0 Must issue a STARTTLS command first\n502 5.5.2 Error: command not recognized\n"
    reply, _ = find_reply(log)
    assert (reply["code"], reply["enhanced"]) == (530, "5.7.0")
    assert explain(log).top.cause == "auth-requires-tls"


def test_a_command_not_understood_alone_is_still_read():
    reply, _ = find_reply("502 5.5.2 Error: command not recognized")
    assert (reply["code"], reply["enhanced"]) == (502, "5.5.2")


@pytest.mark.parametrize(("line", "named"), [
    # c-client's POP3 "Can't login to this server" (uw-imap/imap:src/c-client/pop3.c): the verb, no mechanism.
    ("Cannot connect: Can't login to this server", set()),
    ("the server takes no plain text password here", set()),
    # Mechanism names in capitals (RFC 4422 section 3.1), or in any case right after the word that introduces one.
    ("Server does not support Client Authentication schemes [LOGIN]", {"LOGIN"}),
    ("smarthost authentication: AUTH login not available", {"LOGIN"}),
    ("AUTH cram-md5 not available", {"CRAM-MD5"}),
    ("no mechanism: plain", {"PLAIN"}),
])
def test_login_and_plain_as_words_name_no_mechanism(line: str, named: set[str]) -> None:
    from mailexpert.explain import _mechanisms_named
    assert _mechanisms_named(line) == named


def test_c_clients_pop3_cant_login_asked_for_no_one_mechanism() -> None:
    # Neither USER nor a SASL mechanism c-client knows was offered: no mechanism the account was set to.
    facts = recognise("PHP Warning:  imap_open(): Couldn't open stream {pop.example.org:995/pop3/ssl}INBOX\n"
                      "Cannot connect: Can't login to this server").facts
    skipped = [f for f in facts if f.kind == "login.result"]
    assert skipped and skipped[0]["mechanism"] == "any"
    found = causes("Cannot connect: Can't login to this server", "pop3 pop.example.org:995/ssl")
    assert found[:2] == ["auth-mechanism-unsupported", "oauth-required"], found

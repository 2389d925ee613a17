"""Texts whose exact sentence no table holds, read by mechanisms that hold beyond written phrases:
the concepts of their words, the order of a chained message's reasons, a session log's commands."""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.account import ServerSetting
from mailexpert.explain import explain, recognise


@pytest.mark.parametrize(("text", "gives"), [
    # A record that is not TLS: the peer speaks another protocol.
    ("SSLException: Unrecognised SSL message received from imap.example.org:143",
     {"tls": ["wrong-version-number", "unchecked"]}),
    ("tls: the first record from mail.example.org does not look like a TLS handshake",
     {"tls": ["wrong-version-number", "unchecked"]}),
    # An alert named in a stack's own spelling.
    ("smtp: tls session aborted, peer sent fatal alert ProtocolVersion",
     {"tls": ["protocol-version", "unchecked"]}),
    # A name check in PHP's words.
    ("TLS error: certificate subjectAltName did not match the host mail.example.org",
     {"tls": ["cert-invalid", "hostname-mismatch"]}),
    # Dovecot's reason for a disconnect, and the German spelling of authentication.
    ("imap-login: Disconnected (tried plaintext auth on an unencrypted connection): user=<jo>",
     {"wording": "server-words", "status": "no", "code": "PRIVACYREQUIRED"}),
    ("SMTP-Fehler: Die Authentisierung ist fehlgeschlagen", {"wording": "refused"}),
])
def test_concepts_read(text: str, gives: dict) -> None:
    found = concepts.read(text)
    assert found is not None and found.reading.gives == gives


@pytest.mark.parametrize(("text", "cause"), [
    # STARTTLS answered with "command not implemented" (RFC 5321 502): not offered.
    ("Mailer error: STARTTLS command failed. Server said: command not implemented", "starttls-not-offered"),
    ("IMAP error: TLS support not available on this server", "starttls-not-offered"),
    # RFC 3207's 454 "TLS not available due to temporary reason": offered, but failing.
    ("Mailer error: STARTTLS command failed: TLS not available due to temporary reason", "starttls-failed"),
    # A reason that follows "authentication failed" says why.
    ("relay failed: SASL authentication failed; server mail.example.org offered no usable mechanism",
     "auth-mechanism-unsupported"),
    # A look-up that failed for now, under a TLS connection's failure.
    ("could not open TLS session to smtp.example.org: name lookup failed temporarily", "dns-server-misconfigured"),
])
def test_cause_of_an_unknown_sentence(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_alternatives_before_a_failure_are_no_reason() -> None:
    # "no X, or Y failed": the client does not know which; the failure it names stays its reading.
    text = "smtp: no usable mechanism, or authentication failed"
    assert explain(text).top.cause == "password-rejected"
    # The same reason after the failure explains it.
    text = "smtp: authentication failed: no usable mechanism"
    assert explain(text).top.cause == "auth-mechanism-unsupported"


def test_timeout_not_caused_by_its_retry_count() -> None:
    # "connection attempts exceeded" counts the client's own retries, not failed logins.
    text = "giving up, connection attempts exceeded: connect to 192.0.2.1:25: ETIMEDOUT"
    assert explain(text).top.cause != "account-locked"


def test_waiting_for_data_on_an_implicit_tls_port() -> None:
    setting = ServerSetting.parse("imap", "imap.example.org:993/starttls")
    text = "imap: timeout waiting 30s for data from server imap.example.org"
    facts = recognise(text, setting=setting).facts
    assert ("service.greeting", "silence") in [(f.kind, f.get("spoken")) for f in facts]
    assert explain(text, setting=setting).top.cause == "plaintext-on-tls-port"


def test_login_refused_in_words_with_a_session_log_without_auth() -> None:
    text = ("SMTP-Fehler: Die Authentisierung ist fehlgeschlagen\n"
            "Send: EHLO client.example.org\nRecv: 250-mail.example.org\nRecv: 250-STARTTLS\n"
            "Recv: 250 8BITMIME\nSend: QUIT\nRecv: 221 2.0.0 Bye")
    assert explain(text).top.cause == "auth-requires-tls"


@pytest.mark.parametrize(("text", "setting"), [
    ("Account: 'jo@example.org', Server: 'smtp.example.org', Protocol: SMTP, Port: 465, Secure(SSL): No, "
     "Error Number: 0x800CCC0F", "smtp smtp.example.org:465/plain"),
    ("Server: 'pop.example.org', Protocol: POP3, Port: 995, Secure(SSL): Yes, Error Number: 0x800CCC0F",
     "pop3 pop.example.org:995/ssl"),
    ("Server: 'smtp.example.org', Protocol: SMTP, Port: 587, Secure(SSL): Yes, Error Number: 0x800CCC0F",
     "smtp smtp.example.org:587/starttls"),
    # No port named: no setting.
    ("Server: 'smtp.example.org', Protocol: SMTP, Error Number: 0x800CCC0F", None),
    # The same fields in the translated dialogs: Japanese and Italian Outlook Express, Portuguese Windows Live Mail.
    ("サーバーは接続を解除しました。件名: '件名', アカウント: 'mail', サーバー: 'smtp.example.jp', プロトコル: SMTP, "
     "ポート: 25, セキュリティ (SSL): なし, ソケットエラー: 10054, エラー番号: 0x800CCC0F", "smtp smtp.example.jp:25/plain"),
    ("Account: 'mail', Server: 'smtp.example.it', Protocollo: SMTP, Risposta del server: '553 5.7.1 not logged in', "
     "Porta: 25, Protezione (SSL): No, Errore del server: 553, Numero di errore: 0x800CCC79", "smtp smtp.example.it:25/plain"),
    ("Erro de Servidor: 454\nServidor: 'mail.example.pt'\nID de Erro do Windows Live Mail: 0x800CCC79\nProtocolo: SMTP\n"
     "Porta: 465\nSecure(SSL): Sim", "smtp mail.example.pt:465/ssl"),
])
def test_setting_named_in_a_clients_error_details(text: str, setting: str | None) -> None:
    from mailexpert.explain import named_setting

    named = named_setting(text)
    assert (str(named) if named else None) == setting


@pytest.mark.parametrize(("text", "cause"), [
    # SSL off on the implicit-TLS port: the setting named in the text is compared with the failure.
    ("Account: 'jo@example.org', Server: 'smtp.example.org', Protocol: SMTP, Server Response: 'unexpected "
     "response', Port: 465, Secure(SSL): No, Error Number: 0x800CCC0F", "plaintext-on-tls-port"),
    # A timeout (Windows socket error 10060) on port 25.
    ("Account: 'jo@example.org', Server: 'smtp.example.org', Protocol: SMTP, Port: 25, Secure(SSL): No, "
     "Socket Error: 10060, Error Number: 0x800CCC0E", "smtp-port25-blocked"),
])
def test_cause_from_the_setting_a_text_names(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


@pytest.mark.parametrize("text", [
    # A setting's label is no failure of TLS.
    "Mail settings: Protocol: IMAP, Port: 993, Secure(SSL): No. The operation failed.",
    # Nor in a translated dialog (Japanese Outlook Express: "the server cut the connection ... error").
    "サーバーは接続を解除しました。プロトコル: SMTP, ポート: 25, セキュリティ (SSL): なし, ソケットエラー: 10054, エラー番号: 0x800CCC0F",
    # A certificate's dates are no verdict on them.
    "TLS: certificate verify failed, unable to get local issuer certificate\n notAfter = Dec 1 21:00:40 2027 GMT",
])
def test_labels_are_not_read_as_statements(text: str) -> None:
    found = concepts.read(text)
    gives = found.reading.gives if found else {}
    assert gives.get("tls") != ["cert-invalid", "expired"] and gives.get("wording") != "starttls-failed"


@pytest.mark.parametrize(("text", "outcome"), [
    # OpenSSL's packed codes, 1.1 and 3.x layouts: the reason number beats words cut by a wrap.
    ("SSL_connect: error:1409442E:SSL routines:ssl3_read_bytes:tlsv1\n\nalert prot\nocol version", "protocol-version"),
    ("TLS failed: error:0A00010B:SSL routines::(reason text lost)", "wrong-version-number"),
    ("error:141A318A:SSL routines:tls_process_ske_dhe:(translated)", "dh-key-too-small"),
    # Python's bracketed reason name, an alert's name in it too.
    ("ssl.SSLError: [SSL: DH_KEY_TOO_SMALL] (_ssl.c:1006)", "dh-key-too-small"),
    ("ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] (_ssl.c:1006)", "protocol-version"),
    # Alerts by number or by name, in each stack's spelling.
    ("TLS handshake: SSL alert number 40", "handshake-failure"),
    ("gnutls: Received alert [70]: (translated)", "protocol-version"),
    ("tls: peer sent fatal alert InsufficientSecurity", "handshake-failure"),
    ("remote error: tls: handshake failure", "handshake-failure"),
    ("TLS client: received SERVER ALERT: Fatal - Protocol Version", "protocol-version"),
])
def test_exact_tls_codes(text: str, outcome: str) -> None:
    from mailexpert.classify import classify_ssl_text

    assert classify_ssl_text(text).outcome == outcome


def test_an_imap_alert_is_no_tls_alert() -> None:
    from mailexpert.classify import coded_tls_verdicts

    assert coded_tls_verdicts("* OK [ALERT] access denied by policy") == []
    assert coded_tls_verdicts("a1 NO [ALERT] protocol version 2 required") == []


def test_a_code_does_not_blur_a_finer_verdict() -> None:
    from mailexpert.classify import classify_ssl_text

    # The code says only that verification failed; the words say why.
    verdict = classify_ssl_text("error:0A000086:SSL routines::certificate verify failed: certificate has expired")
    assert (verdict.outcome, verdict.verify) == ("cert-invalid", "expired")


@pytest.mark.parametrize(("text", "kind", "outcome"), [
    # curl's code says what failed when its words are in a language no table knows.
    ("curl: (67) Zugriff verweigert", "server.reply", "permanent"),
    ("PHP Warning: cURL error 6: (Hostname nicht gefunden)", "dns.answer", "nxdomain"),
    ("curl: (28) Zeitüberschreitung", "tcp.connect", "timeout"),
])
def test_curl_codes(text: str, kind: str, outcome: str) -> None:
    facts = recognise(text).facts
    assert (facts[0].kind, facts[0].get("status") or facts[0].get("outcome")) == (kind, outcome)


def test_a_curl_version_is_no_code() -> None:
    from mailexpert.errors import InputError

    with pytest.raises(InputError):
        recognise("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1")


def test_an_interrupted_connect_is_a_timeout() -> None:
    # EINTR: the alarm a client's connect timeout sets cut connect() short.
    setting = ServerSetting.parse("smtp", "smtp.example.org:25/starttls")
    text = "Could not reach smtp.example.org (Interrupted system call)."
    facts = recognise(text, setting=setting).facts
    assert [(f.kind, f.get("outcome")) for f in facts] == [("tcp.connect", "timeout")]


def test_a_server_that_offers_no_usable_mechanism() -> None:
    found = concepts.read("IMAP: the server supports no acceptable SASL mechanism")
    assert found is not None and found.reading.gives == {"wording": "mechanism"}


@pytest.mark.parametrize(("text", "cause"), [
    # A public provider's server named in the text: its chain ends at a trusted root, so a chain
    # to an untrusted self-signed root is re-signed on the way.
    ("Error: self signed certificate in certificate chain (connecting to smtp.gmail.com:465)", "tls-interception"),
    # A private server: a private CA is as likely.
    ("Error: self signed certificate in certificate chain (connecting to mail.example.org:465)",
     "cert-untrusted-issuer"),
    # QQ Mail logs mail programs in with an authorization code, not the QQ password.
    ("Login to server imap.qq.com with username jo@qq.com failed.", "app-password-required"),
])
def test_provider_named_by_its_server(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


@pytest.mark.parametrize(("text", "cause"), [
    # Google's own words name Gmail where no host or address does: a refused password there is most
    # often the account password where Gmail takes only app passwords from mail programs.
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'", "app-password-required"),
    ("SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. For more information, go to\n"
     "5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a170902c1c100b001b8b4730355sm1031617plc.2 - gsmtp')",
     "app-password-required"),
    # Google's wording alone, the link cut off (as Net::SMTP and deno-smtp print the first line): the same reading.
    ("Net::SMTPAuthenticationError: 535-5.7.8 Username and Password not accepted.", "app-password-required"),
    # Yahoo's own code names Yahoo (IMAP as RainLoop's log shows it, RainLoop/rainloop-webmail#1354; K-9's
    # NegativeImapResponseException): Yahoo takes app passwords from mail programs.
    ("IMAP[DATA]: < TAG1 NO [AUTHENTICATIONFAILED] (#MBR1212) Incorrect username or password.", "app-password-required"),
    ("Command: AUTHENTICATE PLAIN; response: #1# [NO, [AUTHENTICATIONFAILED], (#MBR1212) Incorrect username or password.]",
     "app-password-required"),
    # The same refusal in words no provider owns stays a refused password.
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Authentication failed.'", "password-rejected"),
    ("a1 NO [AUTHENTICATIONFAILED] MBR12120 Incorrect username or password.", "password-rejected"),
    ("SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: authentication failure')",
     "password-rejected"),
])
def test_provider_named_by_its_replies(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_a_reply_fingerprint_is_a_provider_policy_match() -> None:
    from mailexpert.explain import named_provider_facts

    found, *order = named_provider_facts("550-5.7.1 [192.0.2.1] Our system has detected ... - gsmtp")
    assert (found.get("provider"), found.get("match"), found.get("app_password_required")) == ("Gmail", "reply", True)
    # and Gmail's order of what a bare refused login means (data/providers.yaml refused_login), per protocol
    # (and the domains its servers greet under, data/providers.yaml greets_as)
    assert {(f.kind, f["provider"]) for f in order} == {("provider.refused-login", "Gmail"), ("provider.greets-as", "Gmail")}
    refused = [f for f in order if f.kind == "provider.refused-login"]
    assert {(f["cause"], f["place"]) for f in refused} == {("app-password-required", 1), ("password-rejected", 2)}
    assert named_provider_facts("550 5.7.1 refused by policy") == []


@pytest.mark.parametrize(("text", "code", "words"), [
    ("Error: SMTP code:530 msg:530 SMTP authentication is required.", 530, "SMTP authentication is required."),
    ("mailer: SMTP error 553: sender address rejected", 553, "sender address rejected"),
    ("send failed, message=550 5.1.1 user unknown", 550, "5.1.1 user unknown"),
])
def test_reply_code_after_a_label(text: str, code: int, words: str) -> None:
    from mailexpert.replies import find_reply

    reply, _ = find_reply(text)
    assert (reply.get("code"), reply.get("text")) == (code, words)


def test_the_count_a_limit_names_is_no_reply_code() -> None:
    from mailexpert.replies import find_reply

    reply, _ = find_reply("Transaction failed: 5.7.1 <DATA>: Data command rejected: limit of 400 rcpts per 24 hours"
                          " for client alice@example.org reached")
    assert reply.get("code") != 400
    assert reply.get("enhanced") == "5.7.1"


def test_a_time_after_a_label_is_no_reply() -> None:
    from mailexpert.replies import find_reply

    assert find_reply("Message: 12:30 meeting moved")[0] == {}


@pytest.mark.parametrize(("text", "port", "cause"), [
    # The port a text names, in either form, decides between the readings of a silent server:
    # an implicit-TLS port waits for a ClientHello, a plaintext one should have greeted.
    ("Error: Greeting never received (smtp.example.org:465)", 465, "plaintext-on-tls-port"),
    ("Error: Greeting never received (smtp.example.org port 587)", 587, "server-unavailable"),
    # A source file and line is no host and port.
    ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", 0, "tls-on-plaintext-port"),
])
def test_host_and_port_named_anywhere(text: str, port: int, cause: str) -> None:
    facts = recognise(text).facts
    assert {f.get("port") for f in facts} == {port}
    assert explain(text).top.cause == cause


@pytest.mark.parametrize(("text", "setting"), [
    ("curl: (35) TLS connect error (smtps://smtp.example.org:587)", "smtp smtp.example.org:587/ssl"),
    ("Connection: opening to ssl://smtp.example.org:465, timeout=300", "smtp smtp.example.org:465/ssl"),
    ("Connection could not be established with host \"tls://imap.example.org:993\"", "imap imap.example.org:993/ssl"),
    ("DSN smtp://jo:secret@smtp.example.org:465 failed", "smtp smtp.example.org:465/starttls"),
    ("fetch failed: imap://imap.example.org", "imap imap.example.org:143/starttls"),
    # PHP's ssl:// names no protocol: a port that is no mail port says none either.
    ("opening to ssl://www.example.org:8443 failed", None),
])
def test_setting_named_by_a_url(text: str, setting: str | None) -> None:
    from mailexpert.explain import named_setting

    named = named_setting(text)
    assert (str(named) if named else None) == setting
    assert named is None or "secret" not in str(named)


@pytest.mark.parametrize(("text", "setting"), [
    # MailKit's Connect with its SecureSocketOptions, or its bool useSsl; the protocol is the port's.
    ('client.Connect("outlook.example.org", 995, MailKit.Security.SecureSocketOptions.StartTls);',
     "pop3 outlook.example.org:995/starttls"),
    ('await client.ConnectAsync (@"smtp.example.org", 465, SecureSocketOptions.None);', "smtp smtp.example.org:465/plain"),
    ("client.Connect(settings.Host, 587, SecureSocketOptions.SslOnConnect);", "smtp unknown:587/ssl"),
    ('client.Connect("pop.example.org", 995, false)', "pop3 pop.example.org:995/starttls"),
    # Auto picks the security by the port: no setting said; nor is a port no mail protocol uses.
    ('client.Connect("imap.example.org", 993, SecureSocketOptions.Auto)', None),
    ('irc.Connect("irc.example.org", 6697, true)', None),
    # MailKit's own message advises a call: advice, not the setting used.
    ("if you intended to use STARTTLS, make sure to use the following code:\n\n"
     'client.Connect ("smtp.example.org", 587, SecureSocketOptions.StartTls);', None),
    # Python's implicit-TLS classes name the protocol and TLS at once.
    ('server = smtplib.SMTP_SSL("smtp.example.org", 587)', "smtp smtp.example.org:587/ssl"),
    ("M = imaplib.IMAP4_SSL(host='imap.example.org', port=143)", "imap imap.example.org:143/ssl"),
])
def test_setting_named_by_a_call_in_quoted_code(text: str, setting: str | None) -> None:
    from mailexpert.explain import named_setting

    named = named_setting(text)
    assert (str(named) if named else None) == setting
    assert named is None or named.origin == "option"


@pytest.mark.parametrize(("text", "cause"), [
    # STARTTLS on the implicit-TLS port: the client waits for a greeting until its timer gives up.
    ('client.Connect("pop.example.org", 995, SecureSocketOptions.StartTls);\nSystem.IO.IOException: A connection '
     "attempt failed because the connected party did not properly respond after a period of time",
     "plaintext-on-tls-port"),
    # TLS at once on the submission port, and a failure that says not why.
    ("server = smtplib.SMTP_SSL('smtp.example.org', 587)\nCould not connect to the SMTP server",
     "tls-on-plaintext-port"),
])
def test_setting_in_quoted_code_against_the_failure(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


@pytest.mark.parametrize(("setting", "text", "cause"), [
    # SSL/TLS on a port that starts in plaintext, a failure that says not why (the mirror of 465 set to STARTTLS).
    ("smtp.example.org:587/ssl", "sending failed: unable to establish SMTP connection to (smtp.example.org) port 587",
     "tls-on-plaintext-port"),
    # The implicit-TLS port set to STARTTLS, and a timeout: the greeting the client waits for never comes.
    ("smtp.example.org:465/starttls", "Connection timed out", "plaintext-on-tls-port"),
    # The right setting and a timeout: the network's, as before.
    ("smtp.example.org:465/ssl", "Connection timed out", "port-blocked-outbound"),
])
def test_given_setting_against_an_unsaid_failure_or_timeout(setting: str, text: str, cause: str) -> None:
    from mailexpert.account import ServerSetting

    assert explain(text, setting=ServerSetting.parse("smtp", setting)).top.cause == cause


def test_implicit_tls_url_on_a_plaintext_port() -> None:
    text = "curl: (35) OpenSSL: error:0A00010B:SSL routines::wrong version number (smtps://smtp.example.org:587)"
    assert explain(text).top.cause == "tls-on-plaintext-port"


@pytest.mark.parametrize(("text", "cause"), [
    # A client's own timeout words, then the server's: the server's say why.
    ("The operation timed out waiting for a response from the sending (SMTP) server. "
     "The server responded: Relay access denied", "smtp-auth-not-enabled"),
    ("Connection reset while sending. Server said: too many connections from your address", "too-many-connections"),
])
def test_server_words_quoted_after_the_clients(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_server_words_before_the_clients_are_no_reason() -> None:
    from mailexpert import concepts

    assert concepts.server_words("The server responded: 12 34") is None
    assert concepts.server_words("no label here") is None


def test_a_verb_of_the_clients_sentence_is_no_quote_label() -> None:
    from mailexpert import concepts

    assert concepts.server_words("TLS is mandatory for this session, but server refused CAPA command.") is None
    assert concepts.server_words("Send failed. The server returned the error: 554 denied") is not None


@pytest.mark.parametrize(("text", "cause"), [
    # Outlook's own words for a refused sender (0x800CCC78) or recipient (0x800CCC79), the server's
    # reply cut off: a client's provider refuses them most often for a missing login.
    ("0x800CCC78: The message could not be sent because the server rejected the sender's e-mail address.",
     "smtp-auth-not-enabled"),
    ("Error Number: 0x800CCC79 (the rejected e-mail address was 'bob@example.org')", "smtp-auth-not-enabled"),
    # The server's reply in the text says why: an unknown mailbox is no missing login.
    ("The message could not be sent because one of the recipients was rejected by the server. Server Response: "
     "'550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown', Port: 587, Server Error: 550, "
     "Error Number: 0x800CCC79", "server-reply-permanent"),
    # Exim's answer to DATA after it took no recipient, the refusals not quoted.
    ("The server responded: 503 valid RCPT command must precede DATA", "smtp-auth-not-enabled"),
])
def test_an_outlook_refusal_without_the_server_s_reason(text: str, cause: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == cause, [d.cause for d in explain(text).diagnoses]


@pytest.mark.parametrize(("text", "cause"), [
    # Nette Mail names the command it sent before the server's answer: STARTTLS answered with
    # RFC 5321's 500 "command not recognized" is not offered.
    ("SMTP server did not accept STARTTLS with error: 500 Error: command not recognized", "starttls-not-offered"),
    ("SMTP server did not accept STARTTLS with error: 502 5.5.1 Error: command not implemented",
     "starttls-not-offered"),
])
def test_a_refusal_of_the_step_the_client_names(text: str, cause: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == cause, [d.cause for d in explain(text).diagnoses]


@pytest.mark.parametrize(("text", "cause"), [
    # Dovecot's log of a login it refused, the client then gone: the refusal is what failed.
    ("pop3-login: Info: Disconnected: Connection closed: read(size=988) failed: Connection reset by peer "
     "(auth failed, 1 attempts in 2 secs): user=<bob@example.org>, method=PLAIN, rip=192.0.2.7, lip=192.0.2.1",
     "password-rejected"),
])
def test_a_server_log_of_a_refused_login_then_a_reset(text: str, cause: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == cause, [d.cause for d in explain(text).diagnoses]


def test_a_reset_before_any_login_is_no_refused_login() -> None:
    # No login was tried: the reset stays the reading, not a refused password.
    text = "imap-login: Disconnected: Connection reset by peer (no auth attempts in 0 secs): user=<>, rip=192.0.2.7, lip=192.0.2.1"
    assert explain(text).top.cause != "password-rejected"

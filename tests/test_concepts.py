"""The concept table (data/concepts.yaml): texts in words no table row knows are still read."""

from __future__ import annotations

import pytest
import yaml

from mailexpert import concepts
from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise


def test_table_is_well_formed() -> None:
    data = yaml.safe_load(concepts.DATA_FILE.read_text(encoding="utf-8"))
    for name, group in data["groups"].items():
        assert group["words"] and group["source"].strip(), name
        assert all(w == w.lower() for w in group["words"]), name
    for reading in data["readings"]:
        assert reading["source"].strip() and reading["all"], reading
        assert len(reading["gives"]) >= 1
    assert concepts.table().readings  # the groups each reading names exist
    for path in sorted(concepts.WORDS_DIR.glob("*.yaml")):
        for name, group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"].items():
            assert name in data["groups"], (path.name, name)
            assert group["words"] and group["source"].strip(), (path.name, name)
            assert all(w == w.lower() for w in group["words"]), (path.name, name)


def test_a_words_file_adds_to_its_groups(tmp_path, monkeypatch) -> None:
    (tmp_path / "xx.yaml").write_text('groups:\n  failure:\n    words: ["zorglub"]\n    source: "a test"\n',
                                      encoding="utf-8")
    monkeypatch.setattr(concepts, "WORDS_DIR", tmp_path)
    words = concepts.group_words()
    assert words["failure"][-1] == "zorglub" and "fail" in words["failure"]
    (tmp_path / "yy.yaml").write_text('groups:\n  no-such-group:\n    words: ["a"]\n    source: "a test"\n',
                                      encoding="utf-8")
    with pytest.raises(ValueError, match=r"yy\.yaml.*no-such-group"):
        concepts.group_words()


def test_a_word_marked_for_compounds_is_found_inside_a_word() -> None:
    # A word is found at a word's start; one marked "-" after other letters as well (a compound's later part).
    pattern = concepts._pattern(["zertifikat", "-fehler", "auth "], None)
    found = [m.group() for m in pattern.finditer("zertifikatsfehler; serverzertifikat; fehlerhaft; auth; author")]
    assert found == ["zertifikat", "fehler", "fehler", "auth"]
    assert concepts._pattern(["-fehler", "fehler"], None).findall("fehler") == ["fehler"]  # marked and not: one word
    with pytest.raises(ValueError, match="too short"):
        concepts._pattern(["-feh"], None)


def test_the_languages_compounds_are_read() -> None:
    groups = concepts.table().groups
    assert groups["certificate"].search("servercertificaat") and groups["failure"].search("certifikatfejl")
    # "fehl" stays a word's start: "Befehl" (a command) says no failure.
    assert not groups["failure"].search("starttls-befehl")


@pytest.mark.parametrize(("text", "cause"), [
    ("The password you entered for jo@example.org was not accepted by the mail server.", "password-rejected"),
    ("Sending failed: we could not verify the server's security certificate, it has expired.", "cert-expired"),
    ("Your mail account is temporarily locked. Too many failed login attempts.", "account-locked"),
    ("Mail: the server name mail.example.org could not be found (lookup failed).", "server-host-unknown"),
    ("IMAP: too many simultaneous connections for this account", "too-many-connections"),
    ("Mailer: unable to connect to tls://mail.example.org:587 (Unknown error)", "tls-on-plaintext-port"),
    ("Mailbox sync: the authentication mechanism you selected is not supported by this server", "auth-mechanism-unsupported"),
    # A login's words are about an account whatever else the text says.
    ("Too many failed login attempts. Please wait 10 minutes.", "account-locked"),
    ("Login refused: cleartext authentication is not permitted on this port", "auth-requires-tls"),
    ("Host mail.example.org is not an IMAP server", "wrong-protocol-on-port"),
    ("Sending failed: could not negotiate TLS with the outgoing server", "starttls-failed"),
    ("Sending reported an error: the server responded 'Request denied'", "server-reply-permanent"),
    # A challenge that a person is signing in (a CAPTCHA, Microsoft's HIP): the account waits for the web,
    # whatever "server error" beside it says.
    ("Server Error: 3207. For security reasons, this account is disabled: type the characters you see in the picture",
     "web-login-required"),
    ("Sending failed: please verify that you are human (captcha)", "web-login-required"),
])
def test_words_alone_name_the_cause(text: str, cause: str) -> None:
    assert "read from its words alone" in recognise(text).what
    assert explain(text).top.cause == cause


def test_a_known_wording_is_not_read_by_concepts() -> None:
    assert "words alone" not in recognise("535 5.7.8 Username and Password not accepted").what


@pytest.mark.parametrize("text", ["the weather is fine today", "The printer is offline"])
def test_text_not_about_mail_is_still_declined(text: str) -> None:
    # Connections, timeouts and look-ups are everybody's words: only read when the text is about mail.
    with pytest.raises(InputError):
        recognise(text)


def test_protocol_comes_from_the_words_near_the_concepts() -> None:
    found = concepts.read("Outgoing server (SMTP) smtp.example.org: your password was rejected")
    assert found is not None and found.protocol == "smtp"


@pytest.mark.parametrize(("pasted", "printed"), [
    ("host said: 530\n    Authentication required (in reply to MAIL FROM command)",
     "host said: 530 Authentication required (in reply to MAIL FROM command)"),
    ('{"error":"a\\nb \\"q\\" \\u00e9"}', '{"error":"a\nb "q" é"}'),
    # "&nbsp;" is U+00A0 (HTML's named character references), a web page's space, not the program's: read
    # as the plain space a pasted no-break space is read as (pastetext.decoded, wordfold.plain).
    ("Login failed:&nbsp;&quot;bad&quot;<br/>Try again", 'Login failed: "bad"\nTry again'),
    ("Exception\n\tat com.example.A(A.java:1)\n  File \"x.py\", line 1", "Exception\n\tat com.example.A(A.java:1)\n File \"x.py\", line 1"),
])
def test_pasted_text_is_read_as_it_was_printed(pasted: str, printed: str) -> None:
    from mailexpert.pastetext import normalise

    assert normalise(pasted) == printed


def test_a_wrapped_mta_reply_is_read_whole() -> None:
    text = "host smtp.example.org[192.0.2.1] said: 530\n    Authentication required (in reply to MAIL FROM command)"
    assert "530" in recognise(text).what


def test_a_plaintext_server_logging_a_tls_hello_names_the_client_setting() -> None:
    log = (r"postfix/submission/smtpd[4321]: improper command pipelining after CONNECT from unknown[198.51.100.9]: "
           r"\026\003\001\002\000\001\000\001\374\003\003")
    assert explain(log).top.cause == "tls-on-plaintext-port"
    exim = r'SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[198.51.100.9] input="\x16\x03\x01\x02\x00"'
    assert explain(exim).top.cause == "tls-on-plaintext-port"


def test_text_sent_before_the_greeting_is_not_a_tls_setting() -> None:
    log = "postfix/smtpd[1]: improper command pipelining after CONNECT from unknown[198.51.100.9]: EHLO x"
    try:
        top = explain(log).top
    except InputError:
        return
    assert top is None or top.cause != "tls-on-plaintext-port"


def test_exims_log_of_text_sent_before_its_greeting_is_its_554_not_a_silent_port() -> None:
    # Exim refused the client with "554 SMTP synchronization error": no port that stayed silent.
    exim = ('2015-12-11 23:19:42 SMTP protocol synchronization error (input sent without waiting for greeting): '
            'rejected connection from H=localhost [127.0.0.1] input="MAIL FROM:<a@example.org>\\r\\n"')
    assert explain(exim).top.cause == "server-reply-permanent"
    # The same line with a ClientHello's bytes still names the client's SSL/TLS setting.
    hello = exim.replace("MAIL FROM:<a@example.org>\\r\\n", "\\026\\003\\001\\002")
    assert explain(hello).top.cause == "tls-on-plaintext-port"


@pytest.mark.parametrize(("text", "cause"), [
    # LibreSSL with the ClientHello read (state ACCEPT_SR_CLNT_HELLO_C): no version shared with the client.
    ("SSL: error:1402710B:SSL routines:ACCEPT_SR_CLNT_HELLO_C:wrong version number", "tls-version-client-outdated"),
    # OpenSSL's record layer reading bytes that are no TLS record: a client speaking plainly to the TLS port.
    ("imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.7, lip=192.0.2.1, "
     "TLS handshaking: SSL_accept() failed: error:1408F10B:SSL routines:ssl3_get_record:wrong version number",
     "plaintext-on-tls-port"),
])
def test_a_servers_wrong_version_number_is_read_by_where_the_handshake_stood(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_what_a_text_is_about_comes_from_the_tables() -> None:
    from mailexpert.classify import error_texts
    from mailexpert.explain import hints

    data = error_texts()
    assert "wrong version number" in hints().tls and "timed out" not in hints().tls
    assert all(r["match"] in hints().dns for r in data["dns"] if r.get("hint", True))
    assert "nxdomain" in hints().dns and "nxdomain" not in hints().lookup  # dnspython's own query
    assert "could not resolve host" in hints().lookup  # the client's look-up before connecting


@pytest.mark.parametrize(("text", "outcome"), [
    ("Sync failed (0x8007274C)", "timeout"), ("Error code: 0x8007274D", "refused"),
    ("Error 0x80072746 while sending", "reset"),
])
def test_a_winsock_error_wrapped_in_an_hresult_is_read(text: str, outcome: str) -> None:
    from mailexpert.classify import classify_socket_text

    assert classify_socket_text(text) == outcome


def test_an_hresult_wrapping_host_not_found_is_a_name_that_does_not_resolve() -> None:
    assert explain("Something went wrong. Error code: 0x80072AF9").top.cause == "server-host-unknown"


@pytest.mark.parametrize(("text", "causes"), [
    # WinINet/WinHTTP errors as HRESULTs (wininet.h), as the Windows Mail app and the new Outlook show them.
    ("Something went wrong. Error code: 0x80072EE7", {"server-host-unknown"}),
    ("Error code: 0x80072F06", {"cert-hostname-mismatch"}),
    ("Error code: 0x80072F05", {"cert-expired"}),
    ("Error code: 0x80072F0D", {"cert-untrusted-issuer"}),
    ("Sync failed (0x80072EE2)", {"port-blocked-outbound"}),
    ("We couldn't connect. Error code: 0x80072EFD", {"port-blocked-outbound"}),
])
def test_a_wininet_error_wrapped_in_an_hresult_is_read(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


def test_an_unspecific_tls_verdict_is_refined_by_the_words_around_it() -> None:
    # The tables know "tlsv1 alert" only as an alert; its words say which one.
    assert explain("ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:1006)").top.cause in (
        "tls-version-server-outdated", "tls-version-client-outdated")
    # A server's log naming the cipher it had negotiated is no cipher failure.
    log = ("dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.7, lip=192.0.2.1, "
           "TLS: SSL_read() failed: error:14094418:SSL routines:SSL3_READ_BYTES:tlsv1 alert unknown ca: "
           "SSL alert number 48, TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)")
    # unknown_ca: a self-signed certificate first, then an unknown issuer (data/priors.yaml cert-refused-server-log)
    assert explain(log).top.cause == "cert-self-signed"


def test_a_connection_that_failed_on_the_name_is_a_name_that_does_not_resolve() -> None:
    found = recognise("socket.gaierror: [Errno 8] nodename nor servname provided, or not known")
    assert {f.kind for f in found.facts} == {"dns.answer", "tcp.connect"}


@pytest.mark.parametrize(("text", "cause"), [
    ("登录失败，请检查用户名和密码", "password-rejected"),
    ("服务器证书已过期", "cert-expired"),
    ("请使用授权码登录", "app-password-required"),
    ("Не удалось войти: неверный пароль", "password-rejected"),
    ("Please create an app password for this device", "app-password-required"),
    # Windows Live Mail's 0x8DE00006 in Japanese: the characters shown in the picture are to be typed.
    ("サーバー エラー: 3207\nアカウントを有効にするには、画像に表示されている文字を入力します。", "web-login-required"),
])
def test_concepts_are_read_in_the_users_language_and_mean_their_status_code(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_a_reading_from_words_alone_is_at_most_possible() -> None:
    report = explain("The password you entered for jo@example.org was not accepted by the mail server.")
    assert report.top.cause == "password-rejected" and {d.confidence for d in report.diagnoses} == {"possible"}
    assert explain("535 5.7.8 Username and Password not accepted").top.confidence != "possible"


def test_dotnet_names_the_winsock_error_in_parentheses() -> None:
    assert explain("System.Net.Sockets.SocketException (11001): The requested name is valid").top.cause in (
        "server-host-unknown", "server-host-typo")


def test_a_mail_port_makes_a_text_about_mail() -> None:
    text = "A connection attempt failed because the host has failed to respond 192.0.2.10:587"
    assert concepts.read(text) is not None


def test_the_provider_a_text_names_is_known_without_a_setting() -> None:
    from mailexpert.explain import named_provider_facts

    assert named_provider_facts("IMAP outlook.office365.com:993: NO LOGIN failed.")[0].get("match") == "host"
    assert named_provider_facts("Login for jo@yahoo.com failed")[0].get("match") == "domain"
    assert named_provider_facts("Login for jo@example.org failed") == []


def test_a_generic_refusal_takes_the_reason_the_words_beside_it_give() -> None:
    assert explain("Authentication failed. 请使用授权码登录").top.cause == "app-password-required"


def test_a_stack_that_names_both_validity_ends_says_which_failed() -> None:
    text = ("x509 error: the certificate has expired or is not yet valid: current time 2020-01-01T00:00:00Z "
            "is before 2024-01-01T00:00:00Z")
    found = concepts.read(text)
    assert found is not None and found.reading.gives["tls"] == ["cert-invalid", "not-yet-valid"]


def test_a_name_the_resolver_could_not_answer_for_is_no_missing_name() -> None:
    found = recognise("socket.gaierror: [Errno -3] Temporary failure while looking the name up")
    assert next(f for f in found.facts if f.kind == "dns.answer").get("outcome") == "timeout"


def test_a_login_that_succeeded_is_no_refused_login() -> None:
    found = concepts.read("Error: the server wants more steps despite successful SASL authentication")
    assert found is None or found.reading.gives.get("wording") != "refused"


@pytest.mark.parametrize(("text", "gives"), [
    # A program's identifiers are read as their words, and its errno names as what they say.
    ("SmtpClient: The remote certificate is invalid: RemoteCertificateNameMismatch",
     {"tls": ["cert-invalid", "hostname-mismatch"]}),
    ("Mail: certificate chain status NotTimeValid", {"tls": ["cert-invalid", "expired"]}),
    ("Mail: SSL_ERROR_NO_CYPHER_OVERLAP", {"tls": ["handshake-failure", "unchecked"]}),
    ("Error: connect ECONNREFUSED 192.0.2.1:587", {"socket": "refused"}),
    ("SMTP: getaddrinfo EAI_AGAIN smtp.example.org", {"dns": "timeout"}),
    # A timeout while reading: the connection was made, the server said nothing.
    ("SMTP: Unable to read data from the transport connection: the operation timed out", {"wording": "no-greeting"}),
    ("Mail sync: operation timed out after 5000 ms with 0 bytes received", {"wording": "no-greeting"}),
    # A login that fails for the server's own configuration.
    ("imapd: authentication error: Input/output error", {"wording": "server-words", "status": "transient",
                                                         "code": "UNAVAILABLE"}),
    # A mechanism not offered stands beside its words; farther off it is AUTH itself not offered.
    ("Outgoing server: no authenticators available", {"wording": "mechanism"}),
    ("Outgoing server (SMTP) mail.example.org does not support authentication (SMTP-AUTH), but you have "
     "chosen to use authentication. Change the 'Authentication method' to 'None' in the settings.",
     {"wording": "auth-not-offered"}),
])
def test_reading_of_program_words(text: str, gives: dict) -> None:
    found = concepts.read(text)
    assert found is not None and found.reading.gives == gives


def test_line_of_an_identifier_is_the_original_line() -> None:
    found = concepts.read("SMTP send\nAuthenticationException: RemoteCertificateNameMismatch on mail.example.org")
    assert found is not None
    assert found.line == "AuthenticationException: RemoteCertificateNameMismatch on mail.example.org"


def test_a_text_from_a_named_mail_server_is_about_mail() -> None:
    # Go's net/smtp says only "EOF": nothing in the words is about mail, but the server the
    # user names is.
    from mailexpert.account import ServerSetting

    with pytest.raises(InputError):
        recognise("EOF")
    setting = ServerSetting.parse("smtp", "smtp.example.com:465/plain")
    facts = recognise("EOF", setting=setting).facts
    # An end of file is a close, not a reset: connected, and the server closed before it said anything (a plaintext
    # session on the implicit-TLS port 465, RFC 8314 section 3).
    assert [(f.kind, f.get("outcome") or f.get("spoken"), f.get("port")) for f in facts] == [
        ("tcp.connect", "connected", 465), ("service.greeting", "silence", 465)]


@pytest.mark.parametrize("text", ["Sending of the message failed.", "unable to connect or login",
                                  "timed out waiting for 220"])
def test_a_codeless_mail_text_is_read_not_declined(text: str) -> None:
    found = recognise(text)
    assert found.guess
    report = explain(text)
    assert report.diagnoses and all(d.confidence == "possible" for d in report.diagnoses)


@pytest.mark.parametrize("text", [
    "Login via APOP failed. The server mail.example.org may not support APOP, or the password may be wrong.",
    "Sign in via OAuth2 failed: the user name or password is incorrect",
])
def test_a_login_via_a_method_is_no_web_login(text: str) -> None:
    # "log in via" names the means of any login; only the web named as that means is the
    # provider's request for a sign-in in a browser (Gmail's 534 5.7.14 'log in via your web browser').
    assert explain(text).top.cause != "web-login-required"


def test_a_request_to_log_in_on_the_web_is_a_web_login() -> None:
    assert explain("Please log in via your web browser and then try again.").top.cause == "web-login-required"


def test_an_address_local_part_is_a_name_not_a_login_word() -> None:
    # A bounce that names the recipient "username@..." (or a sender "login@...") says nothing of a login.
    bounce = ("Hi. This is the qmail-send program at mx.example.net.\n"
              "This is a permanent error; I've given up. Sorry it didn't work out.\n"
              "<username@example.com.au>:\n")
    assert concepts.read(bounce) is None
    # The same word outside an address is still read as credentials refused.
    found = concepts.read("This is a permanent error: the username is not accepted by the mail server.")
    assert found is not None and found.reading.gives == {"wording": "refused"}, found


@pytest.mark.parametrize("text", [
    "250-starttls\nsubject: cn=x\nnot before: 2024\n",  # rows that each hold their strings
    "r=abc t=def disconnect from a[192.0.2.1] ehlo=1 quit=1 lip=192.0.2.2, tls",
    "secure (ssl): no  file \"a.py\", line 3, in f\nehlo handshake",
    "nothing any label row names: the server said no",
    "",
])
def test_labels_are_blanked_as_by_the_whole_table(text: str) -> None:
    # unlabelled runs only the label rows whose strings the text holds; a row that cannot match
    # anywhere never takes a place from another, so the text is blanked as the whole table would.
    whole = concepts.table().labels.sub(lambda m: " " * len(m.group()), text)
    assert concepts.unlabelled(text) == whole


@pytest.mark.parametrize(("group", "text", "found"), [
    ("connect", "impossible d'établir la connexion", True),
    # An accented letter is a letter: "connexion" does not stand at a word's start in "déconnexion".
    ("connect", "après la déconnexion du serveur", False),
    # Greek and Cyrillic words start at a word's start too; Chinese has no spaces and matches anywhere.
    ("failure", "не удалось подключиться", True),
    ("failure", "xне удалось подключиться", False),
    ("failure", "连接服务器失败", True),
])
def test_a_word_starts_at_a_words_start_in_every_spaced_alphabet(group: str, text: str, found: bool) -> None:
    assert (concepts.table().groups[group].search(text) is not None) is found


#: A web application's own stack trace under a mail failure it does not name: its frames' classes and functions
#: ("PasswordResetController", "process_password_reset", "LoginService", "auth_exception") are the program's names,
#: not a refused login nor a connection reset (concepts.py, _FRAME): nothing in these texts says what failed. Texts
#: made for this test in three trace forms (.NET, Moodle's backtrace, PHP's getTraceAsString).
@pytest.mark.parametrize("text", [
    "Error sending the notification e-mail\n"
    "   at Shop.Web.PasswordResetController.SendResetMail(String address)\n"
    "   at Shop.Web.Login_Service.Handle_failed_login(Exception error)",
    "Debug info:\n Error code: cannotsendmail\n"
    "line 88 of /auth/lib.php: auth_exception thrown\n"
    "line 20 of /auth/reset.php: call to auth_process_password_reset_request()",
    "Mail error\n#0 /var/www/app/Login/password_mailer.php(73): login_failure_handler->send_password_reset()\n"
    "#1 /var/www/app/index.php(12): password_mailer->send()",
])
def test_a_stack_frames_names_say_nothing_of_what_failed(text: str) -> None:
    with pytest.raises(InputError):
        explain(text)


def test_a_refusal_said_above_the_frames_is_still_read() -> None:
    """The exception's own line says what failed; the frames under it take nothing from it."""
    text = ("Mail could not be sent: the server says the login name or password is wrong\nStack trace:\n"
            "   at Shop.Web.Mailer.Send(String address)\n   at Shop.Web.Jobs.Run()")
    assert explain(text).top.cause == "password-rejected"


def test_an_imap_capability_list_names_no_failure() -> None:
    """RFC 9051 section 7.1: a greeting's CAPABILITY response code lists what the server offers; its AUTH=XOAUTH2
    beside a program's "cannot connect" is no OAuth login that failed."""
    found = concepts.read("Cannot connect: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 AUTH=OAUTHBEARER] "
                          "mail.example.test ready.", about_mail=True)
    assert found is not None and found.reading.gives.get("wording") != "refused", found
    assert "mechanism" not in found.reading.gives, found

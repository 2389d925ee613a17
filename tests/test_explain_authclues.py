"""When a refused login is not a wrong password: the clues a text carries, and one provider order for every protocol.

* A provider's refusal ranks the causes of the provider table's ``refused_login`` (mailexpert/data/providers.yaml)
  whichever protocol refused and however the text names the provider (its host, its servers' own words): Gmail's
  SMTP 535-5.7.8 "Username and Password not accepted" and its IMAP "[AUTHENTICATIONFAILED] Invalid credentials
  (Failure)" read alike; Yahoo's IMAP words ("LOGIN Invalid credentials", "AUTHENTICATE Invalid credentials") name
  Yahoo as its SMTP code "#MBR1212" does; Yandex's "Invalid credentials or IMAP is disabled" names Yandex, not Yahoo.
* A server log that names the user unknown (Dovecot's "<passdb>(<user>): unknown user", with or without the
  client's address) reads as the user name, not the password.
* An SMTP transcript whose 535 answers an AUTH that named only its mechanism says no credentials were sent only
  where the two lines stand together in the paste; with lines cut between them ("...", a note) the refused
  credentials stay first and the exchange is an alternative.

Neighbours that must stay as they are: a plain wrong password at a server of one's own, a full AUTH LOGIN exchange
refused, Dovecot's "Password mismatch"; and generic refusals that name no provider stay generic (no provider's
policy is made up for them).

Sources are given beside each case (repository#issue for a user's paste, repository:path for the program).
"""

from __future__ import annotations

import pytest

from mailexpert import transcript
from mailexpert.explain import explain, named_provider_facts
from mailexpert.providers import Provider, builtin


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses]


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CURL_HEAD = "< 220 mail.example.org ESMTP Exim 4.92\n> EHLO client\n< 250-mail.example.org Hello\n< 250 AUTH PLAIN LOGIN\n"

#: (text, the causes the top diagnosis may be, source)
CASES = [
    # Gmail SMTP through nodemailer (jef/streetmerchant#1190) and Gmail IMAP through getmail6 (getmail6/getmail6#236),
    # MailKit's protocol log with the Gimap greeting (jstedfast/MailKit#1276): Google's order, the app password first.
    ("Error: Invalid login: 535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  "
     "https://support.google.com/mail/?p=BadCredentials PASSWORD - gsmtp", {"app-password-required"},
     "jef/streetmerchant#1190"),
    ("getmailrc: credential/login error (b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)')",
     {"app-password-required"}, "getmail6/getmail6#236"),
    ("S: * OK Gimap ready for requests from 78.129.212.85 m62mb244108374wme\nC: A00000001 AUTHENTICATE PLAIN "
     "AG1pY2hh\nS: A00000001 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)", {"app-password-required"},
     "jstedfast/MailKit#1276"),
    # Gmail's IMAP greeting alone names Gmail: a bare NO after it reads by Google's order.
    ("* OK Gimap ready for requests from 203.0.113.7 y7mb52459270vsd\na LOGIN \"jo@gmail.example\" \"pw\"\n"
     "a NO [AUTHENTICATIONFAILED] Authentication failed.", {"app-password-required"},
     "greeting as in jstedfast/MailKit#1276"),
    # Yahoo: SMTP's "#MBR1212" (PHPMailer/PHPMailer#1287) and IMAP's "LOGIN Invalid credentials" (the session with
    # imap.mail.yahoo.com in Enough-Software/enough_mail#245; emersion/go-imap#436's Go client prints it alone;
    # OfflineIMAP/offlineimap#688 and postalsys/imapflow#300 the AUTHENTICATE form): one order, the app password first.
    ("SMTP Error: 535 5.7.0 (#MBR1212) Incorrect username or password.", {"app-password-required"},
     "PHPMailer/PHPMailer#1287"),
    ("A: connecting to server imap.mail.yahoo.com:993 - secure: true\nS: * OK Welcome! IMAP Server up and ready\n"
     "C: a0 LOGIN \"*****@yahoo.com\" \"(password scrambled)\"\nS: a0 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
     {"app-password-required"}, "Enough-Software/enough_mail#245"),
    ("2021/07/20 20:11:37 Connecting to server...\n2021/07/20 20:11:37 Connected\n2021/07/20 20:11:41 LOGIN Invalid "
     "credentials", {"app-password-required"}, "emersion/go-imap#436"),
    ("PLAIN authentication failed: [AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials\nLOGIN authentication "
     "failed: [AUTHENTICATIONFAILED] LOGIN Invalid credentials", {"app-password-required"},
     "OfflineIMAP/offlineimap#688"),
    ("Error: connection test failed: IMAP login: imap: NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
     {"app-password-required"}, "kenn-io/msgvault#229"),
    # Yandex's own words name the switch (Foundry376/Mailspring#904).
    ("* OK Yandex IMAP4rev1 at imap53p.mail.yandex.net:993 ready to talk with ::ffff:83.171.154.81:39078\n"
     "2 LOGIN \"wi@yandex.com\" \"*********\"\n2 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is "
     "disabled sc=ebI8JB0ug4Y1_290737_53p", {"protocol-disabled-for-account", "app-password-required"},
     "Foundry376/Mailspring#904"),
    # Dovecot's auth log of a user its passdb does not hold: with the client's address, and without one (the
    # ",<ip>" is left out when the request has none: dovecot/core:src/auth/auth-request.c get_log_identifier).
    ("dovecot: auth: passwd-file(jo@example.org,203.0.113.5,<Yx8aQ>): unknown user", {"username-wrong"},
     "dovecot/core:src/auth/auth-request.c"),
    ("dovecot: auth: passwd-file(jo@example.org): unknown user", {"username-wrong"},
     "dovecot/core:src/auth/auth-request.c"),
    ("auth-worker(4201): sql(jo@example.org): unknown user", {"username-wrong"},
     "dovecot/core:src/auth/auth-request.c"),
    # A bare AUTH PLAIN refused at once, the lines together: no credentials were sent (curl/curl#4080).
    (CURL_HEAD + "> AUTH PLAIN\n< 535 Incorrect authentication data", {"auth-mechanism-unsupported"},
     "curl/curl#4080"),
    # curl's own notes between them (its TLS layer's "* " lines, "{ [5 bytes data]": curl/curl:src/tool_cb_dbg.c) hide
    # no line of the exchange: still together.
    (CURL_HEAD + "> AUTH PLAIN\n* TLSv1.2 (IN), TLS header, Supplemental data (23):\n{ [5 bytes data]\n"
     "< 535 Incorrect authentication data", {"auth-mechanism-unsupported"}, "curl/curl:src/tool_cb_dbg.c"),
    # --- neighbours ---
    # The same with an elision between the AUTH and the 535: the credentials first.
    (CURL_HEAD + "> AUTH PLAIN\n...\n< 535 Incorrect authentication data", {"password-rejected"},
     "curl/curl#4080, cut"),
    (CURL_HEAD + "> AUTH PLAIN\n[credentials removed]\n< 535 Incorrect authentication data", {"password-rejected"},
     "curl/curl#4080, cut"),
    # A full AUTH LOGIN exchange refused (RFC 4954 section 4; draft-murchison-sasl-login): the credentials.
    (CURL_HEAD + "> AUTH LOGIN\n< 334 VXNlcm5hbWU6\n> am8=\n< 334 UGFzc3dvcmQ6\n> cHc=\n< 535 Incorrect "
     "authentication data", {"password-rejected"}, "RFC 4954"),
    # A wrong password at a server of one's own: Dovecot's reply and log, Postfix's reply.
    ("a NO [AUTHENTICATIONFAILED] Authentication failed.", {"password-rejected"},
     "dovecot/core:src/imap-login (AUTH_FAILED_MSG)"),
    ("auth: passwd-file(jo@example.org,203.0.113.5): Password mismatch", {"password-rejected"},
     "dovecot/core:src/auth/auth-request.c"),
    ("535 5.7.8 Error: authentication failed: authentication failure", {"password-rejected"},
     "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"),
    # Generic refusals that name no provider stay generic: no app password, no switched-off protocol made up.
    ("Authentication failed", {"password-rejected"}, "generic"),
    ("LOGIN failed", {"password-rejected"}, "generic"),
]


@pytest.mark.parametrize(("text", "expected", "source"), CASES, ids=[f"case#{i}" for i in range(len(CASES))])
def test_refused_login_reads_by_its_clues(text: str, expected: set[str], source: str) -> None:
    assert top(text) in expected, (source, causes(text))


@pytest.mark.parametrize("text", [
    # Generic words: a failure, never fine, with no provider's cause.
    "Authentication failed", "LOGIN failed", "Login failed:", "-ERR authentication failed",
])
def test_generic_refusal_stays_a_failure_without_a_provider(text: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.severity == "error"
    assert not {"app-password-required", "basic-auth-disabled", "protocol-disabled-for-account"} & set(causes(text))


@pytest.mark.parametrize(("between", "together"), [
    ("", True), ("\n", True), ("* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):\n", True),
    ("...\n", False), ("[...]\n", False), ("(334 and the credentials cut)\n", False),
])
def test_credentials_unsent_only_where_auth_and_535_stand_together(between: str, together: bool) -> None:
    reached = transcript.read(CURL_HEAD + "> AUTH PLAIN\n" + between + "< 535 Incorrect authentication data")
    assert reached is not None
    assert (reached.credentials_unsent, reached.credentials_unsent_elided) == (together, not together)


def test_cut_transcript_keeps_the_exchange_as_an_alternative() -> None:
    found = causes(CURL_HEAD + "> AUTH PLAIN\n...\n< 535 Incorrect authentication data")
    assert found[0] == "password-rejected" and "auth-mechanism-unsupported" in found


@pytest.mark.parametrize(("text", "provider"), [
    ("S: a0 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials", "Yahoo Mail"),
    ("3 NO [AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials", "Yahoo Mail"),
    # Yandex's words hold Yahoo's: the longer, more specific words decide.
    ("2 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled", "Yandex Mail"),
    ("* OK Yandex IMAP4rev1 at imap53p.mail.yandex.net:993 ready to talk", "Yandex Mail"),
    ("* OK Gimap ready for requests from 203.0.113.7 y7mb52459270vsd", "Gmail"),
])
def test_servers_words_name_the_provider(text: str, provider: str) -> None:
    assert [f.get("provider") for f in named_provider_facts(text) if f.kind == "provider.policy"] == [provider]


# The same provider's bare refusal ranks the same causes in the same order whichever protocol refused: one row of
# the provider table serves SMTP, IMAP and POP3. Every provider whose table row gives one order for all protocols
# (Microsoft 365 alone documents per-protocol orders), each refusal at one of its documented servers.
REFUSALS = {
    "smtp": "Authentication failed on {host}: 535 5.7.8 Error: authentication failed",
    "imap": "Login to {host} failed: NO [AUTHENTICATIONFAILED] Authentication failed.",
    "pop3": "Login to {host} failed: -ERR [AUTH] Authentication failed.",
}
ONE_ORDER = [p for p in builtin() if p.refused_login and len({order for _, order in p.refused_login}) == 1]


@pytest.mark.parametrize("provider", ONE_ORDER, ids=[p.id for p in ONE_ORDER])
def test_one_provider_one_order_for_every_protocol(provider: Provider) -> None:
    order = provider.refused_login[0][1]
    for server in provider.servers:
        text = REFUSALS[server.protocol].format(host=server.host)
        assert tuple(causes(text)[:len(order)]) == order, (provider.id, text, causes(text))

"""The clients' own message catalogues (mailexpert/data/client-messages.yaml).

Every row is sourced, gives exactly one reading and a pattern long enough to say something;
every message, printed as its client prints it (placeholders filled), is explained to one of
the causes the row names -- and a row that names none still gives a failure, never "fine".
"""

from __future__ import annotations

import pytest

from mailexpert import clientmessages
from mailexpert.causes import cause_catalogue
from mailexpert.classify import GAP, error_texts, fold, locate
from mailexpert.errors import InputError
from mailexpert.explain import explain

DATA = clientmessages.read(clientmessages.DATA_FILE)
ROWS = list(clientmessages.rows(DATA))


def test_every_row_is_valid_and_sourced() -> None:
    assert clientmessages.problems(DATA, set(cause_catalogue())) == []
    for client, message in ROWS:
        assert message["source"].strip() and message["key"], (client, message)
        assert ":" in message["source"], f"{client} {message['key']}: name the repository and path (repo:path)"
    # Each client's catalogue is read, not one sentence of it.
    per_client = {client: sum(1 for c, _ in ROWS if c == client) for client in DATA["clients"]}
    assert all(n >= 2 for n in per_client.values()), per_client


def test_the_catalogue_joins_the_wording_tables() -> None:
    tables = error_texts()
    compiled = {r["match"] for name in clientmessages.TABLE_OF.values() for r in tables[name] if r.get("catalogue")}
    assert len(compiled) >= len({p for _, _, p in clientmessages.patterns(DATA) if p})
    assert "login to server … with username … failed" in compiled


@pytest.mark.parametrize(("template", "pattern"), [
    ("Login to server %1$S with username %2$S failed.", "login to server … with username … failed"),
    ("Authentication failed for <xliff:g id=\"account\">%s</xliff:g>. Update your server settings.",
     "authentication failed for … update your server settings"),
    ("{ -brand-short-name } failed to find the settings for your email account",
     "failed to find the settings for your email account"),
    ("Could not find the host \"%s\"", "could not find the host"),
    ("Sending of password for user %1$S did not succeed.", "sending of password for user … did not succeed"),
    # The first sentences only: a user pastes the headline, not always the advice after it.
    ("The IMAP server %S does not allow plaintext passwords. Please try changing to 'Encrypted password' as the "
     "'Authentication method'.", "the imap server … does not allow plaintext passwords"),
    ("Unable to authenticate to Outgoing server (SMTP) %S. Please check the password.",
     "unable to authenticate to outgoing server (smtp)"),
    # An apostrophe stays; quotes are gaps, whichever quotes the user's copy has.
    ("since it doesn't advertise that feature", "since it doesn't advertise that feature"),
    # Qt's %1 (KMail) and PHP-like $code (Roundcube) are placeholders too; printf's %1$S stays one.
    ("Could not login to %1. The password may be wrong.\n\n%2", "could not login to … the password may be wrong"),
    ("SMTP Error ($code): Authentication failed.", "smtp error ( … ): authentication failed"),
])
def test_a_template_becomes_a_pattern_of_its_words(template: str, pattern: str) -> None:
    assert clientmessages.pattern(template) == pattern


def test_a_pattern_is_found_whatever_the_placeholders_hold_and_the_quotes_and_case() -> None:
    pattern = clientmessages.pattern("The IMAP server %S does not allow plaintext passwords.")
    for text in ("The IMAP server “imap.example.org” does not allow plaintext passwords.",
                 "THE IMAP SERVER 'x' DOES NOT ALLOW PLAINTEXT PASSWORDS",
                 "Alert: The IMAP server imap.mail.example.co.uk does not allow plaintext passwords. Please try..."):
        assert locate(pattern, fold(text))[0] >= 0, text
    assert GAP in pattern


#: The translations explained in full here (every one is checked for its shape above): a
#: language of each script and family, so that the suite stays quick -- in any of its
#: regions where a catalogue names only regional locales (Roundcube's de_DE, fr_FR, ja_JP),
#: or by the name of its language (SOGo's German.lproj).
EXPLAINED_LOCALES = {"", "de", "fr", "ru", "ja", "zh-cn", "pt-br",
                     "german", "french", "russian", "japanese", "chinesechina", "brazilianportuguese"}
LOOKED_FOR = [(c, m) for c, m, p in clientmessages.patterns(DATA)
              if p is not None and {clientmessages.locale(m), clientmessages.locale(m).split("-")[0]} & EXPLAINED_LOCALES]


def _added_languages() -> list[tuple[str, dict]]:
    """Of each language a translation file (data/translations/) adds to a program, its first
    refused login and its first refused connection that name a cause."""
    added = {(client, locale) for client, catalogues in clientmessages.translations().items()
             for locales in catalogues.values() for locale in locales if locale != "source"}
    picked: dict[tuple[str, str, str], dict] = {}
    for client, message, found in clientmessages.patterns(DATA):
        locale = str(message["key"]).rpartition("[")[2].rstrip("]")
        kind = "login" if message.get("wording") == "refused" else "refused" if message.get("socket") == "refused" else ""
        if found and kind and message.get("causes") and (client, locale) in added:
            picked.setdefault((client, locale, kind), message)
    return [(client, message) for (client, _, _), message in picked.items()]


ADDED = _added_languages()


def test_the_translation_files_add_languages_to_catalogues_of_the_catalogue_files() -> None:
    catalogues = {(name, c["source"]) for name, entry in clientmessages.programs(clientmessages.load()).items()
                  for c in entry["catalogues"]}
    for client, sources in clientmessages.translations().items():
        for source, locales in sources.items():
            assert (client, source) in catalogues, f"{client}: {source}: no such catalogue"
            assert locales and all(texts for texts in locales.values()), (client, source)
    # Thunderbird's desktop catalogues in every language its l10n repository ships, not a few.
    assert len({c["key"].rpartition("[")[2] for c in (m for client, m in ROWS if client == "thunderbird")
                if "[" in c["key"]}) >= 60
    assert len(ADDED) >= 100


@pytest.mark.parametrize(("client", "message"), ADDED, ids=[f"{c}:{m['key']}" for c, m in ADDED])
def test_an_added_language_s_refused_login_and_connection_are_explained_to_their_causes(client: str, message: dict) -> None:
    text = clientmessages.example(message, filler="imap.example.org")
    top = explain(text).top
    assert top is not None and top.cause in message["causes"], (client, text, top and top.cause)


def test_only_messages_that_say_the_same_words_for_different_things_are_left_out() -> None:
    left_out = [(c, m) for c, m, p in clientmessages.patterns(DATA) if p is None]
    assert len(left_out) <= len(ROWS) // 50
    for client, message in left_out:
        # A translation that is another message's words too (Swedish Thunderbird: "Anslutning
        # till server %S avbröts." for both a timeout and an interruption).
        assert any(clientmessages.pattern(o["text"], whole=True) == clientmessages.pattern(message["text"], whole=True)
                   for _, o in left_out if o is not message), (client, message["key"])


@pytest.mark.parametrize(("client", "message"), LOOKED_FOR, ids=[f"{c}:{m['key']}" for c, m in LOOKED_FOR])
def test_each_message_as_printed_is_explained_to_its_cause(client: str, message: dict) -> None:
    text = clientmessages.example(message)
    try:
        report = explain(text)
    except InputError as e:  # pragma: no cover - a catalogue message must be recognised
        pytest.fail(f"{client} {message['key']}: {text!r} declined: {e}")
    top = report.top
    assert top is not None, f"{client} {message['key']}: {text!r} called fine"
    if message.get("causes"):
        assert top.cause in message["causes"], (text, top.cause)


def test_a_reply_code_in_the_same_text_still_says_more() -> None:
    # Thunderbird's login dialog around the server's own refusal: the reply's code decides.
    text = ("Login to server imap.example.com with username jo@example.com failed.\n"
            "a1 NO [UNAVAILABLE] Temporary authentication failure")
    assert explain(text).top.cause != "password-rejected"
    # A TLS stack's own verdict beside a client's generic words is kept.
    text = ("Connection to server mail.example.com timed out.\n"
            "SSL_ERROR_BAD_CERT_DOMAIN")
    assert explain(text).top.cause == "cert-hostname-mismatch"


@pytest.mark.parametrize(("text", "causes"), [
    # FairEmail's check of an account: its own advice above the exception JavaMail gave.
    ("Please double check the protocol (SSL/TLS or STARTTLS)\n"
     "javax.mail.MessagingException: Got bad greeting from SMTP host: smtp.example.com, port: 465, response: [EOF]",
     {"wrong-protocol-on-port", "plaintext-on-tls-port", "tls-on-plaintext-port"}),
    ("Пожалуйста, дважды проверьте протокол (SSL/TLS или STARTTLS)\n"
     "javax.net.ssl.SSLHandshakeException: Unable to parse TLS packet header",
     {"wrong-protocol-on-port", "plaintext-on-tls-port", "tls-on-plaintext-port"}),
    ("Please double check the port number\njavax.mail.MessagingException: Got bad greeting from IMAP host",
     {"wrong-protocol-on-port"}),
    # Shown only for Outlook's "BAD Command Error. 10" to FairEmail's XOAUTH2 login (EmailService.java; FAQ 22:
    # the OAuth token expired or was invalidated): the sign-in token, not a password.
    ("Authentication failed\nThis account needs to be authenticated again, which can be done via the quick setup wizard",
     {"oauth-token-rejected"}),
    ("Dieses Konto muss erneut authentifiziert werden. Die Authentifizierung kann über den Assistenten für die "
     "Schnelleinrichtung erfolgen", {"oauth-token-rejected"}),
    ("Due to Google's Play Store policies, it is no longer possible to support insecure connections to email servers "
     "with certificate issues for the version of FairEmail distributed in the Play Store.",
     {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}),
    # The hint under a refused Office 365 login, in the user's language. FairEmail shows it only in its OAuth set-up
    # (M66B/FairEmail:app/src/main/java/eu/faircode/email/FragmentOAuth.java, showError): the login used the token
    # just obtained, no password, so the protocol switched off for the mailbox or a token refused for mail.
    ("AUTHENTICATE failed.\nDer Fehler »AUTHENTICATE failed« kann dadurch verursacht werden, dass IMAP/SMTP vom "
     "Systemverwalter deaktiviert wurde",
     {"protocol-disabled-for-account", "oauth-token-rejected"}),
])
def test_fairemail_dialogs_as_pasted_are_explained(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes, text


@pytest.mark.parametrize("text", [
    "javax.mail.MessagingException: Connection closed by peer;\n  nested exception is:\n"
    "\tjavax.net.ssl.SSLHandshakeException: Connection closed by peer",
])
def test_a_connection_cut_in_android_words_reads_as_a_reset(text: str) -> None:
    # FairEmail's FAQ (22): the server closed the connection, which "might be caused by a not updated Exchange
    # server": during the handshake, the server's TLS first (M66B/FairEmail:FAQ.md; its link is about SHA-2, the
    # hello's algorithms), a reset's reading beside it.
    reset = explain("java.net.SocketException: Connection reset by peer").top
    causes = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert causes[0] == "tls-no-shared-cipher" and reset.cause in causes, causes


def test_a_compressed_stream_cut_short_is_first_the_connection_lost() -> None:
    # FairEmail's FAQ 22: "not all data was received, possibly due to a bad or interrupted connection" -- the
    # network first (rules/network/packet-loss.yaml, packet-loss-connection-lost-pasted), a reset's readings beside it.
    causes = [d.cause for d in explain("Synchronization errors since 10:12\njava.io.EOFException: Unexpected end of "
                                       "ZLIB input stream").diagnoses]
    assert causes[0] == "packet-loss", causes
    assert explain("java.net.SocketException: Connection reset by peer").top.cause in causes, causes


@pytest.mark.parametrize(("text", "causes"), [
    # K-9 Mail's setup dialog with Android's (Conscrypt's) message for a protocol error of the TLS handshake.
    ("Cannot connect to server (handshake failed)", {"tls-no-shared-cipher", "tls-version-server-outdated"}),
    ("Setup could not finish\nCannot connect to server.\n(Handshake failed)",
     {"tls-no-shared-cipher", "tls-version-server-outdated"}),
    ("javax.net.ssl.SSLHandshakeException: Handshake failed", {"tls-no-shared-cipher", "tls-version-server-outdated"}),
    # The reason in the cause, when the program prints it, says more than the wrapper.
    ("javax.net.ssl.SSLHandshakeException: Handshake failed\nCaused by: javax.net.ssl.SSLProtocolException: SSL "
     "handshake aborted: ssl=0x7c: Failure in SSL library, usually a protocol error\n"
     "error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER", {"tls-on-plaintext-port"}),
    # GNU SASL's "handshake" is the login's, not TLS's.
    ("mail.mailutils: GSASL handshake failed: 535 5.7.8 Error: authentication failed: authentication failure",
     {"password-rejected", "username-wrong"}),
    # Inbox Pager's log when the platform's host-name check refuses the server's certificate.
    ("Exception: Possibly Unverified Host: \"mail.example.com\" != \"mail.example.com\"", {"cert-hostname-mismatch"}),
])
def test_android_tls_handshake_messages_as_pasted_are_explained(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes, text


@pytest.mark.parametrize(("text", "causes"), [
    # Mailspring's dialog: its sentence for mailsync's error code, then the service in capitals.
    ("TLS Not Available (IMAP)", {"starttls-failed", "starttls-not-offered", "starttls-stripped"}),
    ("Certificate Error (SMTP)", {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}),
    ("Zertifikatfehler (IMAP)", {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}),
    ("Gmail bandwidth exceeded. Please try again later. (IMAP)", {"server-unavailable"}),
    ("Google Mail-Bandbreite überschritten. Bitte versuchen Sie es später erneut. (IMAP)", {"server-unavailable"}),
    ("Yahoo is unavailable. (IMAP)", {"server-unavailable"}),
    ("Authentifizierungsfehler - Überprüfen Sie Ihren Benutzernamen und Ihr Passwort. (IMAP)", {"password-rejected"}),
    # MailCore's NSError, as an iOS or macOS app built on it shows or logs it.
    ("The operation couldn’t be completed. (MCOErrorDomain error 2.)",
     {"starttls-failed", "starttls-not-offered", "starttls-stripped"}),
    ("Error Domain=MCOErrorDomain Code=31 \"Authentication is required for this SMTP server.\" "
     "UserInfo={NSLocalizedDescription=Authentication is required for this SMTP server.}", {"smtp-auth-not-enabled"}),
    ("Bandwidth limits were exceeded while requesting data from this Gmail account.", {"server-unavailable"}),
])
def test_mailspring_and_mailcore_dialogs_as_pasted_are_explained(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes, text


@pytest.mark.parametrize("text", [
    "Untrusted Connection: jo@example.com\n"
    "The identity of the IMAP mail server at imap.example.com:993 could not be verified.",
    "Security problem\nAn account has reported an untrusted server.",
    "Nicht vertrauenswürdige Verbindung: Arbeit",
])
def test_geary_certificate_warnings_as_pasted_are_explained(text: str) -> None:
    assert explain(text).top.cause in {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}


@pytest.mark.parametrize(("text", "causes"), [
    # Sylpheed's error dialog and its log window.
    ("SMTP server not found: smtp.exmaple.com:587", {"server-host-unknown", "server-host-typo"}),
    ("** IMAP4 server disables LOGIN.", {"auth-requires-tls"}),
    ("** Can't start TLS session.", {"starttls-failed"}),
    ("** IMAP4 login failed.", {"password-rejected"}),
    ("** Fehler beim IMAP4-Login.", {"password-rejected"}),
])
def test_sylpheed_messages_as_pasted_are_explained(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes, text


@pytest.mark.parametrize(("text", "causes"), [
    # Claws Mail's log window.
    ("[10:12:01] ** IMAP error on imap.example.com: LOGIN error", {"password-rejected"}),
    ("[10:12:01] ** IMAP error on imap.example.com: STARTTLS error", {"starttls-failed"}),
    ("[10:12:01] ** couldn't start STARTTLS session", {"starttls-failed"}),
    ("[10:12:01] ** Required APOP timestamp not found in greeting", {"auth-mechanism-unsupported"}),
    ("** IMAP-Fehler auf imap.example.com: LOGIN-Fehler", {"password-rejected"}),
])
def test_claws_mail_log_lines_as_pasted_are_explained(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes, text


def test_mailutils_sending_without_credentials_then_refused_is_no_login() -> None:
    # GNU Mailutils' smtp_open notes "authentication disabled" when the server offers AUTH and the mailer URL
    # holds no user name nor password, and sends without logging in: the refusal that follows is the server's
    # refusal of a client that did not log in.
    text = ("mail: authentication disabled: No credentials supplied\n"
            "mail: cannot send message: Operation rejected by remote party")
    assert explain(text).top.cause == "smtp-auth-not-enabled"


@pytest.mark.parametrize("text", [
    # The note alone: the message went out (a local server that takes mail without a login).
    "mail: authentication disabled: No credentials supplied",
    # The refusal alone: Mailutils does not pass the server's words on, nothing says why.
    "mail: cannot send message: Operation rejected by remote party",
])
def test_mailutils_note_or_refusal_alone_is_no_missing_login(text: str) -> None:
    try:
        report = explain(text)
    except InputError:
        return
    assert report.top is None or report.top.cause != "smtp-auth-not-enabled", text


@pytest.mark.parametrize(("text", "causes"), [
    # GNU Mailutils as its programs print libmailutils' error texts (mu_strerror), which name no protocol step:
    # movemail --emacs writes the error's symbol, the mailbox URL and the step before them (movemail.c die).
    ("movemail: MU_ERR_NOPASSWORD:mailbox `imap://alice@imap.example.org': cannot open: User password is not supplied",
     {"client-config-corrupt"}),
    ("movemail: mailbox `pop://alice@pop.example.org': cannot open: User name is not supplied", {"client-config-corrupt"}),
    ("movemail: MU_ERR_BAD_AUTH_SCHEME:mailbox `imap://alice;AUTH=CRAM-MD5@imap.example.org': cannot open: "
     "Unsupported authentication scheme", {"auth-mechanism-unsupported"}),
    ("mail: cannot send message: Not a valid sender address", {"client-config-corrupt"}),
    ("mail: cannot send message: No recipient addresses found", {"client-config-corrupt"}),
    ("mail: Cannot open mailer: Malformed or unsupported mailer URL", {"client-config-corrupt"}),
    # LOGINDISABLED and no STARTTLS: no login, and the SELECT after it is out of sequence (select.c MU_ERR_SEQ).
    ("movemail: MU_ERR_SEQ:mailbox `imap://alice:***@mail.example.org:143': cannot open: Bad command sequence",
     {"starttls-not-offered", "starttls-stripped"}),
    # SELECT refused with NO (select.c: EACCES), after a login that went through: the server's mailbox, not a firewall.
    ("movemail: Error 13:mailbox `imaps://alice:***@mail.example.org:993': cannot open: Permission denied",
     {"server-unavailable"}),
])
def test_mailutils_error_texts_as_printed(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes, text


def test_mailutils_pop3_permission_denied_is_the_servers_greeting_not_a_blocked_port() -> None:
    # pop3_connect's EACCES: the greeting was not +OK (gnu-mirror-unofficial/mailutils:libproto/pop/pop3_connect.c).
    top = explain("movemail: Error 13:mailbox `pop://alice:***@mail.example.org:110': cannot open: Permission denied").top
    assert top is not None and top.cause not in ("port-blocked-outbound", "port-closed"), top.cause


@pytest.mark.parametrize(("text", "causes"), [
    # fdm's lines as it logs them: the account's name, its message, then "fetching error. aborted".
    ("gmail: io: poll: Connection timed out\ngmail: fetching error. aborted", {"plaintext-on-tls-port"}),
    ("work: certificate verification failed: no matching CN\nwork: fetching error. aborted", {"cert-hostname-mismatch"}),
    ("work: server doesn't support STARTTLS\nwork: fetching error. aborted", {"starttls-not-offered", "starttls-stripped"}),
])
def test_fdm_lines_as_logged_are_explained(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes


# fetchmail's warning mail after logins that keep failing (driver.c): as the daemon mails it, line breaks and all, and
# as a forum or a log viewer shows it on one line (docker-mailserver/docker-mailserver#4156: a wrong password).
FETCHMAIL_NEVER_LOGGED_IN = (
    "Fetchmail could not get mail from alice@mail.example.com.\n\n"
    "The attempt to get authorization failed.\n"
    "This probably means your password is invalid, but some servers have\n"
    "other failure modes that fetchmail cannot distinguish from this\n"
    "because they don't send useful error messages on login failure.")
FETCHMAIL_LOGGED_IN_BEFORE = (
    "Fetchmail could not get mail from xxx.\n\n"
    "The attempt to get authorization failed.\n"
    "Since we have already succeeded in getting authorization for this\n"
    "connection, this is probably another failure mode (such as busy server)\n"
    "that fetchmail cannot distinguish because the server didn't send a useful\n"
    "error message.")


@pytest.mark.parametrize(("text", "causes"), [
    (FETCHMAIL_NEVER_LOGGED_IN, {"password-rejected"}),
    (FETCHMAIL_NEVER_LOGGED_IN.replace("\n", " "), {"password-rejected"}),
    (FETCHMAIL_LOGGED_IN_BEFORE, {"password-rejected", "server-unavailable"}),
    (FETCHMAIL_LOGGED_IN_BEFORE.replace("\n", " "), {"password-rejected", "server-unavailable"}),
])
def test_fetchmail_s_authentication_warning_mail_is_a_refused_login(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause in causes
    assert report.top.cause != "port-blocked-outbound"


@pytest.mark.parametrize("text", [
    "msmtp: the server sent an empty reply\nmsmtp: could not send mail (account default from /home/u/.msmtprc)",
    # neomutt hands the message to msmtp and adds the exit status (EX_PROTOCOL, 76) in its own words.
    "Error sending message, child exited 76 (Remote protocol error.)\nmsmtp: the server sent an empty reply\n"
    "msmtp: could not send mail (account user from /home/user/.config/msmtp/config)",
])
def test_msmtp_s_empty_reply_is_a_server_that_closed_before_its_greeting(text: str) -> None:
    # msmtp's smtp_get_msg: the first line read as zero bytes, the server hung up without a word -- what an
    # implicit-TLS port does to a client that waits for a plain greeting; not a blocked port (it connected).
    assert explain(text).top.cause == "plaintext-on-tls-port"



@pytest.mark.parametrize(("text", "causes"), [
    # Roundcube before 1.6 names the last reply's code: 220 is the yes to STARTTLS, so the TLS handshake that
    # followed failed (Net_SMTP's starttls in auth) and no password was tried (roundcube/roundcubemail#7081).
    ("SMTP Error (220): Authentication failed.",
     {"cert-hostname-mismatch", "cert-untrusted-issuer", "cert-self-signed", "starttls-failed"}),
    # 250 is the EHLO that offered no AUTH; 535 is AUTH's own refusal.
    ("SMTP Error (250): Authentication failed.", {"auth-requires-tls", "smtp-auth-not-enabled"}),
    ("SMTP Error (535): Authentication failed.", {"password-rejected"}),
])
def test_roundcube_s_smtp_login_error_is_read_by_the_code_it_names(text: str, causes: set[str]) -> None:
    assert explain(text).top.cause in causes

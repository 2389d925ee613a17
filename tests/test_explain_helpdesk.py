"""Helpdesk, CRM, ERP and LMS software that fetches mail by IMAP or POP3 and sends by SMTP, as its
administrators paste its failures: the application's own words, and the wrapped library's error or
the server's reply after them where the application shows one. The nested text decides where it says
more; the application's own words decide where they say something themselves; an application's
words that say only that something failed stay a failure with no cause made up.

Sources (the wordings; the rows are in mailexpert/data/client-messages.yaml and library-messages.yaml):
  Odoo      odoo/odoo:addons/mail/models/fetchmail.py (button_confirm_login: the incoming server's test)
  Zammad    zammad/zammad:lib/email_helper/probe.rb (translations: its reading of the library's error)
  osTicket  osTicket/osTicket:include/class.mail.php (MailBoxProtocolTrait: init, login),
            include/class.email.php (mailbox_auth / smtp_auth errors), include/class.mailfetch.php (the admin alert);
            the Laminas\\Mail errors it wraps: osTicket/osTicket:include/laminas-mail/src/Protocol/ProtocolTrait.php
  GLPI      glpi-project/glpi:src/MailCollector.php (collect: the collector's words, '<br/>', the exception's);
            src/NotificationMailing.php (testNotification)
  Znuny     znuny/Znuny:Kernel/System/MailAccount/IMAP.pm (Connect), Kernel/System/Email/SMTP.pm (Check, Send)
  FreeScout freescout-help-desk/freescout:app/Http/Controllers/MailboxesController.php (fetch_test),
            resources/lang/{locale}.json (its translations), app/Console/Commands/FetchEmails.php
  SuiteCRM  salesagility/SuiteCRM:modules/InboundEmail/language/en_us.lang.php (ERR_BAD_LOGIN_PASSWORD),
            include/language/en_us.lang.php (LBL_EMAIL_ERROR_*, ERR_IMAP_OAUTH_CONNECTION_ERROR),
            modules/InboundEmail/InboundEmail.php (findOptimums, getOAuthRefreshTokenErrorMessage)
  Dolibarr  Dolibarr/dolibarr:htdocs/emailcollector/class/emailcollector.class.php (connectImap, doCollectOneCollector:
            'Failed to open IMAP connection ' with the c-client mailbox name and imap_last_error())
  RT        bestpractical/rt:lib/RT/Interface/Email.pm (SendEmail: the sendmail command's exit)
  listmonk  knadh/listmonk:i18n/en.json (campaigns.errorSendTest: 'Error sending test: {error}')
  Moodle    moodle/moodle:lang/en/admin.php (testoutgoingmailconf_errorcommunications)
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

GENERIC_CONNECT = {"port-blocked-outbound", "port-closed", "all-mail-ports-blocked", "smtp-port25-blocked",
                   "server-host-unknown", "server-unavailable"}
CERT_UNTRUSTED = {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}
LOGIN = {"password-rejected", "app-password-required"}

CASES = [
    # Odoo's incoming mail server test: its words over imaplib's or poplib's error.
    ("Server replied with following exception:\n b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'", LOGIN),
    ("Server replied with following exception:\n b'-ERR [AUTH] Username and password not accepted.'", LOGIN),
    ("No response received. Check server information.\n [Errno -2] Name or service not known",
     {"server-host-unknown", "server-host-typo"}),
    ("No response received. Check server information.\n timed out", GENERIC_CONNECT | {"plaintext-on-tls-port"}),
    ("An SSL exception occurred. Check SSL/TLS configuration on server port.\n [SSL: WRONG_VERSION_NUMBER] wrong "
     "version number (_ssl.c:1123)", {"tls-on-plaintext-port"}),
    ("Connection test failed: [Errno 111] Connection refused", {"port-closed"}),
    # Zammad's readings of the library's error.
    ("Authentication failed!", {"password-rejected"}),
    ("Authentication failed!\n535 5.7.8 Error: authentication failed: authentication failure", {"password-rejected"}),
    # osTicket 1.17+ (Laminas\Mail inside): the mailbox's and the SMTP account's errors.
    ("cannot login, user or password wrong", {"password-rejected"}),
    ("login failed: last request failed", {"password-rejected"}),
    ("OAuth2 Authentication Error", {"oauth-token-rejected"}),
    ("osTicket is having trouble fetching emails from the following mail account:\n\nEmail: help@example.com\n"
     "Host Info: {imap.example.com:993/imap/ssl}INBOX\nError: cannot login, user or password wrong", {"password-rejected"}),
    # GLPI's mail collector: its words, then Laminas\Mail's.
    ("An error occurred trying to connect to collector.<br/>cannot login, user or password wrong", {"password-rejected"}),
    ("An error occurred trying to connect to collector.<br/>cannot connect to host; error = stream_socket_client(): "
     "Unable to connect to ssl://mail.example.com:993 (Connection refused) (errno = 2 )", {"port-closed"}),
    ("An error occurred trying to connect to collector.<br/>cannot connect to host; error = stream_socket_client(): "
     "php_network_getaddresses: getaddrinfo for imap.exmaple.com failed: Name or service not known (errno = 0 )",
     {"server-host-unknown", "server-host-typo"}),
    ("An error occurred trying to connect to collector.<br/>cannot connect to host; error = stream_socket_client(): SSL "
     "operation failed with code 1. OpenSSL Error messages:\nerror:0A000086:SSL routines::certificate verify failed "
     "(errno = 0 )", CERT_UNTRUSTED),
    ("PHPMailer error: SMTP Error: Could not authenticate.", {"password-rejected"}),
    # GLPI's test mail with PHPMailer's ErrorInfo after it (GLPI 10.0.x): the library's words decide.
    ("Failed to send test email to administrator<br/>PHPMailer error: SMTP Error: Could not authenticate.",
     {"password-rejected"}),
    # Znuny / OTRS: its mail account fetcher (Net::IMAP::Simple, Net::POP3) and its SMTP sender (Net::SMTP).
    ("IMAP: Auth for user jo/mail.example.com failed!", {"password-rejected"}),
    ("POP3: Auth for user jo/mail.example.com failed!", {"password-rejected"}),
    ("Could not connect to host 'mail.example.com'. ErrorMessage: Connection refused", {"port-closed"}),
    ("Can't connect to mail.example.com: Connection timed out!", GENERIC_CONNECT | {"plaintext-on-tls-port"}),
    ("SMTP authentication failed: 535, 5.7.8 Error: authentication failed: authentication failure\n!",
     {"password-rejected"}),
    ("SMTP authentication failed (SMTP code: 535, ErrorMessage: 535, 5.7.3 Authentication unsuccessful).",
     {"password-rejected", "basic-auth-disabled"}),
    ("Envelope from 'otrs@example.com' not accepted by the server: 553, 5.7.1 <otrs@example.com>: Sender address "
     "rejected: not owned by user jo@example.com\n!", {"sender-address-not-allowed"}),
    ("SMTP, connection try 1, unexpected error captured: Net::SSLeay: SSL connect attempt failed "
     "error:0A000086:SSL routines::certificate verify failed", CERT_UNTRUSTED),
    # FreeScout's own copy of Webklex php-imap words a refused login into its connection error.
    ("connection setup failed: Authentication failed", {"password-rejected"}),
    ("Error: connection setup failed: Authentication failed; File: /var/www/html/overrides/webklex/php-imap/src/"
     "Client.php (395)", {"password-rejected"}),
    # Its copy adds the caught error's message after Webklex's words: the error decides.
    ("connection setup failed: failed to enable TLS", {"starttls-failed", "starttls-not-offered", "starttls-stripped"}),
    ("connection setup failed: connection failed - stream_socket_client(): Unable to connect to "
     "ssl://imap.example.com:993 (Connection refused)", {"port-closed"}),
    # Dolibarr's email collector: its words, the c-client mailbox name it opened, then imap_last_error().
    ("Failed to open IMAP connection {mail.example.com:993/service=imap/ssl/novalidate-cert}INBOX<br>Can not "
     "authenticate to IMAP server: [AUTHENTICATIONFAILED] Authentication failed.", {"password-rejected"}),
    ("Failed to open IMAP connection {imap.example.com:993/service=imap/ssl/novalidate-cert}INBOX Can't connect to "
     "imap.example.com,993: Connection timed out", GENERIC_CONNECT),
    ("Failed to open IMAP connection {imap.example.com:143/service=imap/novalidate-cert}INBOX Can't connect to "
     "imap.example.com,143: Connection refused", {"port-closed"}),
    # A real certificate failure beside a mailbox name still reads as one.
    ("imap_open(): Couldn't open stream {imap.example.com:993/imap/ssl}INBOX Certificate failure for "
     "imap.example.com: self signed certificate: /CN=imap.example.com", {"cert-self-signed"}),
    # SuiteCRM: inbound email's test and the compose window.
    ("Login or Password Incorrect", {"password-rejected"}),
    ("Not able to connect using OAuth login with Inbound Email server. For connection: Support mailbox",
     {"oauth-token-rejected"}),
    ("No outgoing mail server specified.", {"client-config-corrupt"}),
    # listmonk's test message: Go's net/smtp error after its words.
    ("Error sending test: 535 5.7.8 Username and Password not accepted. Learn more at\n5.7.8  "
     "https://support.google.com/mail/?p=BadCredentials", LOGIN),
    ("Error sending test: dial tcp 203.0.113.5:465: i/o timeout", GENERIC_CONNECT | {"plaintext-on-tls-port"}),
]

# The application's own words that say only that something failed: a failure, and only the generic
# candidates of a failed connection, never a specific cause made up.
GENERIC = [
    "An error occurred trying to connect to collector.",                                   # GLPI
    "Failed to send test email to administrator",                                          # GLPI
    "IMAP: Can't connect to mail.example.com",                                             # Znuny
    "Error occurred connecting to the server",                                             # FreeScout
    "Une erreur s'est produite lors de la connexion au serveur",                           # FreeScout (fr)
    "mail.example.com is not available on 993 port. Make sure that mail.example.com address is correct and that "
    "outgoing port 993 on YOUR server is open.",                                           # FreeScout
    "mail.example.com ist nicht verfügbar auf Port 993. Stellen Sie sicher, dass mail.example.com die richtige "
    "Adresse ist und der ausgehende Port 993 auf IHREM Server geöffnet ist.",              # FreeScout (de)
    "mail.example.com non è disponibile sulla porta 993. Assicurati che l'indirizzo mail.example.com sia corretto e "
    "che la porta in uscita 993 sul TUO server sia aperta.",                               # FreeScout (it)
    "Connection to the mail server failed. Please contact your Administrator",             # SuiteCRM
    "Error Sending Email. Please contact your administrator for assistance.",              # SuiteCRM
    "osTicket is having trouble fetching emails from the following mail account",          # osTicket
    "Your site couldn't communicate with your mail server. Please check your outgoing mail configuration.",  # Moodle
    "<rt-5.0.3-1234-1700000000-1.1-3@example.com>: Could not send mail.",                  # RT
    "connection setup failed",                                                             # Webklex, FreeScout
    # Dolibarr (htdocs/emailcollector/class/emailcollector.class.php): the mailbox name's flags are settings,
    # "/ssl" no TLS failure and "/novalidate-cert" no certificate one.
    "Failed to open IMAP connection {mail.example.com:993/service=imap/ssl/novalidate-cert}INBOX",
    "Failed to open IMAP connection {mail.example.com:993/service=imap/ssl}INBOX",
    "imap_open(): Couldn't open stream {imap.example.com:993/imap/ssl/novalidate-cert}INBOX",
]

# Neighbours: helpdesk words near the new ones that must not read as them.
NOT = [
    # GLPI's words before a server's own reply: the reply decides, not the collector's words.
    ("An error occurred trying to connect to collector.<br/>cannot login, user or password wrong", "port-blocked-outbound"),
    ("Failed to send test email to administrator<br/>PHPMailer error: SMTP Error: Could not authenticate.",
     "port-blocked-outbound"),
    # osTicket's OAuth2 error is the token's, its basic login's is a password's.
    ("cannot login, user or password wrong", "oauth-token-rejected"),
    # A c-client mailbox name's "/ssl" under a connect timeout: the TCP connection's, no TLS handshake's.
    ("Failed to open IMAP connection {imap.example.com:993/service=imap/ssl}INBOX Can't connect to imap.example.com,"
     "993: Connection timed out", "vpn-interference"),
    ("imap_open(): Couldn't open stream {imap.example.com:993/imap/ssl/novalidate-cert}INBOX", "cert-untrusted-issuer"),
    # FreeScout's port check names no refusal and no missing name.
    ("mail.example.com is not available on 993 port. Make sure that mail.example.com address is correct and that "
     "outgoing port 993 on YOUR server is open.", "port-closed"),
    ("mail.example.com is not available on 993 port. Make sure that mail.example.com address is correct and that "
     "outgoing port 993 on YOUR server is open.", "server-host-typo"),
]


@pytest.mark.parametrize(("text", "causes"), CASES)
def test_helpdesk_texts_name_the_cause(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause in causes, (text, report.top.cause)


@pytest.mark.parametrize("text", GENERIC)
def test_generic_helpdesk_words_stay_a_failure_without_a_made_up_cause(text: str) -> None:
    try:
        report = explain(text)
    except InputError as e:
        pytest.fail(f"{text!r} declined: {e}")
    assert report.top is not None, f"{text!r} called fine"
    assert report.top.severity == "error", (text, report.top.severity)
    assert report.top.cause in GENERIC_CONNECT, (text, report.top.cause)


@pytest.mark.parametrize(("text", "cause"), NOT)
def test_neighbours_do_not_read_as_the_new_causes(text: str, cause: str) -> None:
    assert explain(text).top.cause != cause

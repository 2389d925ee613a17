"""The mail program's own settings, missing or set against each other, and the bare "it failed" family, in the
programs' own words (data/concepts.yaml, the groups login-setting, server-setting, address-setting, setting-unset,
setting-required, address-malformed, settings-conflict, already-tls, not-connected and transaction-step, and the words
added to disconnected and failure). Each wording is read here by the concept layer alone, as a text no table row knows
is read -- the situation of a program nobody catalogued (benchmarks/catalogue_unseen.py) -- and through explain.

Sources of the wordings (the program that prints each, in the comment beside it):
  prometheus/alertmanager:notify/email/email.go; nodemailer/nodemailer:lib/smtp-connection/index.js and
  lib/smtp-transport/index.js; gnu-mirror-unofficial/mailutils:libmailutils/diag/errors and
  libmailutils/mailer/mailer.c; jakartaee/mail-api:api/src/main/java/jakarta/mail/Service.java;
  postalsys/imapflow:lib/imap-flow.js; ruby/net-smtp:lib/net/smtp.rb and lib/net/smtp/authenticator.rb;
  proxmox/proxmox-rs:proxmox-notify/src/endpoints/smtp.rs and proxmox-sendmail/src/lib.rs; marlam/msmtp:src/smtp.c;
  dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx; cdosyserr.h (CDO_E_SMTP_SERVER_REQUIRED,
  as tongzx/nt5src:Source/XPSP1/NT/public/sdk/inc/cdosyserr.h has it); MMonit/monit:src/alert.c;
  salesagility/SuiteCRM:include/language/en_us.lang.php; wneessen/go-mail:client.go;
  golang/go:src/net/mail/message.go; GNOME/evolution-data-server:src/camel/providers/smtp/camel-smtp-transport.c;
  symfony/mime:Address.php; apache/commons-email:src/main/java/org/apache/commons/mail/Email.java;
  swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php; cole/aiosmtplib:src/aiosmtplib/smtp.py;
  django/django:django/core/mail/backends/smtp.py; python/cpython:Lib/imaplib.py and Lib/smtplib.py;
  jstedfast/MailKit:MailKit/Net/Smtp/SmtpClient.cs; PHPMailer/PHPMailer:src/SMTP.php;
  nextcloud/mail:src/components/AccountForm.vue; horde/Smtp:lib/Horde/Smtp/Exception.php; KDE/ksmtp:src/session.cpp;
  muttmua/mutt:pop_lib.c; zabbix/zabbix:src/libs/zbxmedia/email.c; rjbs/Email-Sender:lib/Email/Sender/Transport/SMTP.pm.
The neighbours keep their readings: a password refused, TLS the server does not offer, a name the resolver does not
know, a program's crash, a recipient the server does not know; and a text that says only that sending failed names
none of these causes.
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.errors import InputError
from mailexpert.explain import explain

CONFIG = "client-config-corrupt"
MISSING = {"wording": "credentials-missing"}
UNSET = {"wording": "server-unset"}
ADDRESS = {"wording": "address-invalid"}
NOT_CONNECTED = {"wording": "not-connected"}
CONFLICT = {"wording": "settings-conflict"}
FAILURE = None  # any failure: the words say only that it failed

CATALOGUE = [
    # login settings left unset
    ("missing password for PLAIN auth mechanism", MISSING, CONFIG),  # alertmanager
    ("missing secret for CRAM-MD5 auth mechanism", MISSING, CONFIG),  # alertmanager
    ('Missing credentials for "LOGIN"', MISSING, CONFIG),  # nodemailer
    ("Authentication info was not provided", MISSING, CONFIG),  # nodemailer ENOAUTH
    ("User password is not supplied", MISSING, CONFIG),  # mailutils MU_ERR_NOPASSWORD
    ("failed to connect, no password specified?", MISSING, CONFIG),  # jakarta mail Service.java
    ("No password configured", MISSING, CONFIG),  # imapflow
    ("SMTP-AUTH requested but missing user name", MISSING, CONFIG),  # ruby/net-smtp
    ("username is set but no password was provided", MISSING, CONFIG),  # proxmox-notify
    ("authentication method PLAIN needs a password", MISSING, CONFIG),  # msmtp
    # the server left unset
    ("The SMTP host was not specified.", UNSET, CONFIG),  # .NET SmtpClient
    ("The SMTP server name is required, and was not found in the configuration source.", UNSET, CONFIG),  # CDO
    ("No mail servers are defined -- please see the 'set mailserver' statement in the manual", UNSET, CONFIG),  # monit
    ("No outgoing mail server specified.", UNSET, CONFIG),  # SuiteCRM
    ("failed to create new mail client: hostname for client cannot be empty", UNSET, CONFIG),  # go-mail
    # the sender or the recipients left unset, or no address at all
    ("mail: missing @ in addr-spec", ADDRESS, CONFIG),  # Go net/mail
    ("Not a valid sender address", ADDRESS, CONFIG),  # mailutils MU_ERR_MAILER_BAD_FROM
    ("Cannot send message: no recipients defined.", ADDRESS, CONFIG),  # evolution-data-server
    ('Email "alice.example.org" does not comply with addr-spec of RFC 2822.', ADDRESS, CONFIG),  # symfony/mime
    ("At least one receiver address required", ADDRESS, CONFIG),  # commons-email
    ("Cannot send message without a sender address", ADDRESS, CONFIG),  # swiftmailer
    ("no recipients provided for the mail, cannot send it.", ADDRESS, CONFIG),  # proxmox-sendmail
    # implicit TLS and STARTTLS set together
    ("The start_tls and use_tls options are not compatible.", CONFLICT, CONFIG),  # aiosmtplib
    ("SMTPS and STARTTLS is exclusive", CONFLICT, CONFIG),  # ruby/net-smtp
    ("EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set one of those settings to True.", CONFLICT, CONFIG),  # django
    ("Misconfiguration: Cannot set both secure=true for TLS and doSTARTTLS=true for STARTTLS.", CONFLICT, CONFIG),  # imapflow
    # aiosmtplib: the words still say two TLS steps collided, but since 2.0 connect() itself upgrades with STARTTLS
    # (CHANGELOG.rst 2.0.0), so the second is most often the program's own starttls() call (litestar-email#19): its defect
    ("Connection already using TLS", CONFLICT, "client-outdated"),
    ("imaplib.IMAP4.abort: TLS session already established", CONFLICT, CONFIG),  # cpython imaplib
    # a command with no connection open
    ("The SmtpClient is not connected.", NOT_CONNECTED, FAILURE),  # MailKit
    ("Called MAIL FROM without being connected", NOT_CONNECTED, FAILURE),  # PHPMailer
    ("smtplib.SMTPServerDisconnected: Server not connected", NOT_CONNECTED, FAILURE),  # cpython smtplib
    # a failure, its reason unsaid
    ("SMTP server is not reachable", {"wording": "connect-failed"}, FAILURE),  # nextcloud/mail
    ("Server is not accepting SMTP connections.", {"wording": "connect-failed"}, FAILURE),  # horde/Smtp
    ("Connection to server lost.", {"socket": "reset"}, FAILURE),  # KDE ksmtp
    # (a close, not a reset: connected, and the server closed before it said anything, data/concepts.yaml `closed`)
    ("Server closed connection!", {"wording": "no-greeting"}, FAILURE),  # mutt pop_lib.c
    ('wrong answer on RCPT TO "<bob@example.org>"', {"wording": "server-words"}, FAILURE),  # zabbix
    ("all recipients were rejected during RCPT", {"wording": "server-words"}, FAILURE),  # Email::Sender
]


def _read(text: str) -> concepts.Found | None:
    return concepts.read(text) or concepts.read(text, unsaid=True)


def _roots(text: str) -> set[str]:
    return {d.cause for d in explain(text).diagnoses if d.is_root}


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_the_concepts_alone_read_the_wording(text: str, gives: dict[str, str], cause: str | None) -> None:
    found = _read(text)
    assert found is not None, "no concept reading"
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_explain_reads_a_failure_with_the_cause(text: str, gives: dict[str, str], cause: str | None) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert any(d.severity == "error" for d in report.diagnoses if d.is_root)
    if cause is not None:
        assert cause in _roots(text)


# Neighbours: another cause keeps its text, and none of them is read by the new groups.
NEIGHBOURS = [
    ("535 5.7.8 Username and Password not accepted", {"password-rejected", "app-password-required"}),
    ("Authentication failed: password incorrect", {"password-rejected"}),
    ("TLS required but not available", {"starttls-not-offered"}),
    ("No address associated with hostname", {"server-host-no-address"}),
    ("getaddrinfo ENOTFOUND smtp.example.com", {"server-host-unknown"}),
    # a runtime's crash, though it names SMTP beside 'undefined'
    ("TypeError: Cannot read properties of undefined (reading 'smtp')", {"client-outdated"}),
    ("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
     {"server-reply-permanent", "recipient-unknown"}),
]
NEW = {"login-setting", "server-setting", "address-setting", "settings-conflict", "already-tls", "not-connected",
       "transaction-step"}


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_neighbours_keep_their_reading(text: str, causes: set[str]) -> None:
    found = concepts.read(text)
    assert found is None or not set(found.reading.all) & NEW, found.reading.all
    top = explain(text).top
    assert top is not None and top.cause in causes, top


# Not a mail program's settings: a computer without a network, a database's own login.
NOT_THESE = [
    "Your computer is not connected to the internet",
    'password authentication failed for user "postgres"',
]


@pytest.mark.parametrize("text", NOT_THESE)
def test_other_texts_are_not_read_as_the_programs_settings(text: str) -> None:
    try:
        roots = _roots(text)
    except InputError:
        return
    assert CONFIG not in roots


# A text that says only that sending failed names no setting: a failure with the candidates it allows.
UNSAID = {"port-blocked-outbound", "port-closed", "client-outdated", "server-unavailable"}


def test_a_generic_failure_stays_without_a_specific_cause() -> None:
    report = explain("Sending of the message failed.")
    assert report.diagnoses
    roots = {d.cause for d in report.diagnoses if d.is_root}
    assert CONFIG not in roots
    assert roots <= UNSAID | {"server-reply-permanent"}

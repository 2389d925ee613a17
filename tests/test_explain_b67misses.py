"""Batch 67's working misses, read with general knowledge of the programs that print them.

- A success code whose words say a filter destroyed the message (amavisd-new's D_DISCARD answer "250 2.7.0 Ok,
  discarded, id=... - spam" / "- INFECTED: ...", and "Ok, quarantined": amavisd's response builder as
  sisimai/rb-sisimai:lib/sisimai/lhost/amavis.rb quotes it; Free's MX "250 Spam Detected; Discarded Email",
  correspondanceprivee.aribaud.net/spip.php?article11): content-filtered, never fine.
- "Too many recipients" in English and French (RFC 5321 section 4.5.3.1.10; Roundcube's toomanyrecipients,
  roundcube/roundcubemail:program/localization/fr_FR/messages.inc 'Trop de destinataires'; Free's hosting
  'Trop de destinataires, vous êtes suspendu.', les.pages.perso.chez.free.fr): a sending limit.
- Dovecot 1.x's "Aborted login: user=<...>, method=PLAIN" (dovecot/core 1.x: src/pop3-login/client.c cmd_quit,
  src/login-common/sasl-server.c sets the mechanism logged as method=): a login tried and never accepted.
- Alibaba Mail's "541 This account isn't allowed to send email" (the twin of its 542 for receiving,
  www.alibabacloud.com/help/faq-detail/109030.htm): the account's sending switched off.
- PHPMailer 5.1's "AUTH not accepted from server: <reply>" (class.smtp.php Authenticate, the reply to its AUTH
  LOGIN): the reply answers AUTH; answered as an unknown command where the log's EHLO answer offers AUTH with other
  mechanisms, the client's mechanism is not offered (RFC 4954 sections 3 and 4; haraka/Haraka#51).
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CASES = [
    # amavisd-new's discard of spam, as a Postfix log quotes the content filter's answer
    ("E52312222F: to=<bob@example.org>, relay=127.0.0.1[127.0.0.1]:10024, dsn=2.7.0, status=sent "
     "(250 2.7.0 Ok, discarded, id=03491-01 - spam)", {"content-filtered"}),
    ("250 2.7.0 Ok, discarded, id=07554-01 - INFECTED: Eicar-Test-Signature", {"content-filtered"}),
    ("status=sent (250 2.7.1 Ok, discarded, id=00218-04 - VIRUS: HTML.Phishing.Bank-753)", {"content-filtered"}),
    ("250 2.7.0 Ok, quarantined, id=1121887-15 - spam", {"content-filtered"}),
    ("250 Spam Detected; Discarded Email", {"content-filtered"}),
    # too many recipients, English and French
    ("Warning: mail() [function.mail]: Trop de destinataires, vous êtes suspendu.", {"sending-limit-exceeded"}),
    ("Warning: mail() [function.mail]: Too many recipients, you are suspended.", {"sending-limit-exceeded"}),
    ("452 4.5.3 Too many recipients", {"sending-limit-exceeded"}),
    # Dovecot 1.x: a login begun (method=) and given up without success
    ("dovecot: pop3-login: Aborted login: user=<bob>, method=PLAIN, rip=192.0.2.1, lip=192.0.2.2",
     {"password-rejected", "username-wrong"}),
    ("dovecot: imap-login: Aborted login: user=<bob@example.org>, method=PLAIN, rip=192.0.2.1, lip=192.0.2.2, TLS",
     {"password-rejected", "username-wrong"}),
    ("dovecot: pop3-login: Aborted login (auth failed, 3 attempts in 12 secs): user=<bob>, method=PLAIN, "
     "rip=192.0.2.1, lip=192.0.2.2", {"password-rejected", "username-wrong"}),
    # Alibaba Mail: sending switched off for the account
    ("541 This account isn't allowed to send email", {"protocol-disabled-for-account"}),
    # PHPMailer 5.1: the reply to AUTH LOGIN
    ("SMTP -> ERROR: AUTH not accepted from server: 504 5.7.4 Unrecognized authentication type",
     {"auth-mechanism-unsupported"}),
    # a PHPMailer 5.1 debug log against a server whose EHLO offers other mechanisms than its AUTH LOGIN
    # (haraka/Haraka#51; RFC 4954 sections 3 and 4)
    ("SMTP -> FROM SERVER:220 mx.example.org ESMTP ready\nSMTP -> FROM SERVER: 250-mx.example.org Hello\n"
     "250-PIPELINING\n250-SIZE 10240000\n250 AUTH CRAM-MD5 DIGEST-MD5\n"
     "SMTP -> ERROR: AUTH not accepted from server: 502 5.5.2 Error: command not recognized\n"
     "SMTP Error: Could not authenticate.", {"auth-mechanism-unsupported"}),
]

# Neighbours that must keep their own reading (the differential).
NOT = [
    # a plain acceptance, and amavisd-new passing a clean message on: fine
    ("250 2.0.0 Ok: queued as 4F2A31C0", None),
    ("status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 9C5A1E2)", None),
    # a refusal of spam (5xx) stays content-filtered, a refusal of the recipient no sending switch
    ("542 this account isn't allowed to receive email", "protocol-disabled-for-account"),
    ("550 5.7.60 SMTP; Client does not have permissions to send as this sender", "protocol-disabled-for-account"),
    # too many login attempts is no sending limit (Roundcube's accountlocked in French)
    ("Trop de tentatives de connexion infructueuses. Réessayez ultérieurement.", "sending-limit-exceeded"),
    # too many connections is its own cause
    ("421 4.7.0 Error: too many connections from 192.0.2.1", "sending-limit-exceeded"),
    # AUTH answered as unknown with no EHLO answer in sight: the server may not offer AUTH at all
    ("SMTP -> ERROR: AUTH not accepted from server: 500 Unrecognized command", "auth-mechanism-unsupported"),
]


def _roots(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize(("text", "causes"), CASES)
def test_read_as_the_cause(text: str, causes: set[str]) -> None:
    roots = _roots(text)
    assert roots and roots[0] in causes, roots


@pytest.mark.parametrize(("text", "cause"), NOT)
def test_neighbours_keep_their_reading(text: str, cause: str | None) -> None:
    roots = _roots(text)
    if cause is None:
        assert roots == [], roots
    else:
        assert cause not in roots, roots


def test_a_generic_failure_names_no_specific_cause() -> None:
    # PHPMailer's bare "Could not authenticate." says only that the login failed
    roots = _roots("SMTP Error: Could not authenticate.")
    assert "content-filtered" not in roots and "sending-limit-exceeded" not in roots
    assert "protocol-disabled-for-account" not in roots


def test_a_discarded_message_is_no_success() -> None:
    report = explain("250 2.7.0 Ok, discarded, id=03491-01 - spam")
    assert report.diagnoses, "a destroyed message must read as a failure"

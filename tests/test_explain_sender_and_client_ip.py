"""``explain`` names the two refusals that are neither the login nor the message: a sender address
the account may not use (sender-address-not-allowed), and the client's own IP address on a block
list or in a range the server does not take mail from (client-ip-blocklisted). The texts are as
real programs printed them; each carries where it was found."""

from __future__ import annotations

import pytest

from mailexpert import diagnose_facts, fact
from mailexpert.account import ServerSetting
from mailexpert.explain import explain


def causes(text: str, server: str | None = None) -> list[str]:
    setting = ServerSetting.parse(*server.split()) if server else None
    return [d.cause for d in explain(text, setting=setting).diagnoses if d.is_root]


SENDER_TEXTS = [
    # docker-mailserver/docker-mailserver#3824 (Postfix reject_authenticated_sender_login_mismatch, a server log)
    "postfix/submission/smtpd[3078]: NOQUEUE: reject: RCPT from mail2.example.com[192.0.2.7]: 553 5.7.1 "
    "<root@mail2.example.com>: Sender address rejected: not owned by user relay@example.com; "
    "from=<root@mail2.example.com> to=<cfis@example.com> proto=ESMTP helo=<mail2.example.com>",
    # fisharebest/webtrees#2370 (Yandex, through SwiftMailer)
    'Mail: Expected response code 250 but got code "553", with message "553 5.7.1 Sender address rejected: '
    'not owned by auth user. "',
    # fisharebest/webtrees#2370 (Tencent / QQ Mail)
    'Mail: Expected response code 250 but got code "501", with message "501 mail from address must be same as '
    'authorization user "',
    # jstedfast/MailKit#1142 (Microsoft 365)
    "MailKit.Net.Smtp.SmtpCommandException: 5.7.60 SMTP; Client does not have permissions to send as this sender",
    # gophish/gophish#2900 (Outlook.com / Exchange Online)
    "554 5.2.252 SendAsDenied; user@example.com not allowed to send as other@example.com; "
    "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied",
    # keycloak/keycloak#13931 (Amazon SES, JavaMail)
    "com.sun.mail.smtp.SMTPSendFailedException: 554 Message rejected: Email address is not verified. "
    "The following identities failed the check in region US-EAST-2: <someone@example.com>",
    # chatwoot/chatwoot#2541 (SendGrid, Ruby Net::SMTP)
    "Net::SMTPFatalError\n550 The from address does not match a verified Sender Identity. Mail cannot be sent "
    "until this error is resolved.",
    # frappe/erpnext#19057 (Zoho Mail, Python smtplib)
    "smtplib.SMTPDataError: (553, b'Relaying disallowed as \"billing@example.com\"')",
    # infertux/zeyple#49 (GMX, a Postfix relay's log)
    "status=bounced (host mail.gmx.net[212.227.17.190] said: 550-Requested action not taken: mailbox unavailable "
    "550 Sender address is not allowed. (in reply to MAIL FROM command))",
    # docs.infrascale.com/email-notification-troubleshooting (JavaMail): the sender is not the account's own
    "Can not send email notifications, please check settings: Invalid Addresses; nested exception is: "
    "javax.mail.SendFailedException: 550 rejecting spoofed message",
    # cPanel's Exim, as rules/authentication/sender-address-not-allowed.yaml quotes it (PHPMailer/PHPMailer#2661)
    "550 Spoofing not allowed!",
]


@pytest.mark.parametrize("text", SENDER_TEXTS)
def test_a_sender_address_the_account_may_not_use(text: str) -> None:
    found = causes(text)
    assert found[0] == "sender-address-not-allowed", found
    assert "password-rejected" not in found and "content-filtered" not in found, found


def test_the_sender_advice_names_the_own_address_and_the_grant() -> None:
    top = explain(SENDER_TEXTS[0]).top
    assert top is not None and top.cause == "sender-address-not-allowed"
    advice = " ".join(top.fix)
    assert "address of the account it logs in with" in advice and "Send As" in advice, advice


@pytest.mark.parametrize("text", [
    # hardware/mailserver#329: the client did not log in at all
    "Sender address rejected: not logged in (Diagnostic-Code: smtp; 553 5.7.1)",
    # Exchange's AnonymousSendAsDenied (learn.microsoft.com SmtpResponse.AnonymousSendAsDenied)
    "550 5.7.1 Anonymous client does not have permission to send as this sender",
])
def test_a_client_that_did_not_log_in_is_not_a_sender_refusal(text: str) -> None:
    assert "sender-address-not-allowed" not in causes(text)


@pytest.mark.parametrize("text", [
    # support.microsoft.com/kb/290842/fr: French Outlook quoting a server's relay refusal (0x800CCC79)
    "Impossible d'envoyer le message car l'un des destinataires a été refusé par le serveur. L'adresse de "
    "messagerie refusée était 'bob@example.com'. Serveur : 'smtp.example.com', Protocole : SMTP, Réponse du "
    "serveur : '550 <bob@example.com>... Relais refusé', Port : 25, Sécurisé (SSL) : Non, Erreur du serveur : "
    "550, Numéro d'erreur : 0x800CCC79",
    "550 5.7.1 <bob@example.com>: relais non autorisé",
])
def test_a_relay_refusal_in_french_is_a_missing_login(text: str) -> None:
    # Read as the English "Relaying denied" is: the login missing, or port 25 of an inbound server.
    assert causes(text)[0] in ("smtp-auth-not-enabled", "mx-host-used-for-submission")


def test_postfix_not_logged_in_is_a_missing_login() -> None:
    assert causes("Sender address rejected: not logged in (Diagnostic-Code: smtp; 553 5.7.1)")[0] == "smtp-auth-not-enabled"


CLIENT_IP_TEXTS = [
    # nodemailer/nodemailer#1089
    "Error: Can't send mail - all recipients were rejected: 550 5.7.1 Service unavailable; client [203.0.113.9] "
    "blocked using zen.spamhaus.org",
    # mailcow/mailcow#241 (a dynamic address in SORBS' DUL)
    "550 5.7.1 Service unavailable; client blocked using dnsbl.sorbs.net (in reply to RCPT TO command)",
    # a Postfix bounce from Exchange Online (pastebin.com/EH1TUb0X, cited by Microsoft's NDR reference for 5.7.606)
    "<kontakt@example.eu>: host example-eu.mail.protection.outlook.com[104.47.8.36] said: 550 5.7.606 "
    "Access denied, banned sending IP [198.51.100.45]. To request removal from this list please visit "
    "https://sender.office.com/ and follow the directions. (in reply to RCPT TO command)",
    # xenforo.com community thread 234398 (Outlook.com S3150)
    "550 5.7.1 Unfortunately, messages from [198.51.100.8] weren't sent. Please contact your Internet service "
    "provider since part of their network is on our block list (S3150). You can also refer your provider to "
    "http://mail.live.com/mail/troubleshooting.aspx#errors.",
    # iredmail/iRedMail#264 (Gmail refuses a consumer address)
    "host aspmx.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.3] The IP you're using to send mail is not "
    "authorized to 550-5.7.1 send email directly to our servers. Please use the SMTP relay at your 550-5.7.1 "
    "service provider instead. (in reply to end of DATA command)",
    # chatmail/async-smtp#53 (GMX)
    "permanent: gmx.net (mxgmx117) Nemesis ESMTP Service not available; No SMTP service; IP address is block "
    "listed.; For explanation visit https://www.gmx.net/mail/senderguidelines?c=bl",
    # ActiveCampaign/smtp-field-manual#60 (Orange, Cloudmark)
    "host smtppromx.orange.fr[192.0.2.4] refused to talk to me: 550 mwinf5c14 ME Adresse IP source bloquee "
    "pour incident de spam. Client host blocked for spamming issues. OFR006_102",
    # jstedfast/MailKit#1073 (IceWarp's intrusion prevention answers an IMAP client in place of its greeting)
    "Syntax error in IMAP server greeting. Unexpected token: [atom: NO]\n\nConnected to imaps://mail.example.com:993/\n"
    "S:  NO LOGOUT Intrusion prevention active for 203.0.113.50",
    # a qmail bounce (BigPond) that names the IP block list's query zone with words of its own
    "<bob@example.com.au>:\nConnected to 192.0.2.1 but sender was rejected.\n"
    "Remote host said: 198.51.100.7 Defined SPAM source: bl.spamcop.net",
    # help.yahoo.com/kb/SLN5066.html (Yahoo refuses an address it found to be an open relay or open proxy)
    "553 Mail from 198.51.100.23 not allowed",
    # reacherhq/check-if-email-exists#1065 (iCloud Mail: the sending address in Spamhaus' SBL, 'due to listing in')
    "5.7.1 Mail from IP 198.51.100.11 was rejected due to listing in Spamhaus SBL. For details please see "
    "http://www.spamhaus.org/query/bl?ip=198.51.100.11",
    # a Postfix delay warning: the recipient's server refuses the sending address at its greeting
    "<user@example.com>: host mail.example.com[192.0.2.84]\n    refused to talk to me: 554 5.7.1 You are not "
    "allowed to connect.",
]


@pytest.mark.parametrize("text", CLIENT_IP_TEXTS)
def test_the_sending_ip_address_is_refused(text: str) -> None:
    found = causes(text)
    assert found[0] == "client-ip-blocklisted", found


def test_the_blocklist_advice_is_submission_first_then_the_lookup() -> None:
    top = explain(CLIENT_IP_TEXTS[0]).top
    assert top is not None and top.cause == "client-ip-blocklisted"
    assert "587" in top.fix[0] and "465" in top.fix[0], top.fix
    assert "https://check.spamhaus.org/" in top.fix[1], top.fix


@pytest.mark.parametrize("text", [
    # a sender domain in Spamhaus' DBL (Postfix reject_rhsbl_sender): the domain, not the address
    "554 5.7.1 <bob@example.org>: Sender address rejected: blocked using dbl.spamhaus.org",
    # a link in the message listed by a URI block list: the content, not the sending address
    "550 5.7.1 Message rejected: URL listed in multi.surbl.org",
    # FriendsOfSymfony/FOSUserBundle#1097: Amazon SES's suppression list (a recipient)
    'Swift_TransportException: Expected response code 250 but got code "554", with message "554 Message '
    'rejected: Address blacklisted.',
    # a refused MAIL FROM names the sender address, not the connecting IP address
    "550 Mail from <bob@example.org> not allowed",
])
def test_other_refusals_are_not_a_listed_client_address(text: str) -> None:
    assert "client-ip-blocklisted" not in causes(text)


def test_on_the_domains_mx_the_wrong_server_comes_first() -> None:
    """The same refusal from the server the MX record names: the setting is the root, the listing its symptom."""
    report = diagnose_facts([
        fact("account.identity", email="alice@example.test", domain="example.test", username_is_address=True),
        fact("account.setting", protocol="smtp", host="mx.example.test", port=25, security="plain", origin="option"),
        fact("dns.record", name="example.test", rrtype="MX", resolver="system", role="system",
             value="mx.example.test", priority=10),
        fact("server.reply", host="mx.example.test", port=25, protocol="smtp", stage="rcpt", status="permanent",
             code=554, enhanced="5.7.1", source="probe",
             text="5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org"),
    ], answers={})
    roots = [d.cause for d in report.diagnoses if d.is_root]
    assert roots[0] == "mx-host-used-for-submission", roots
    assert "client-ip-blocklisted" not in roots, roots

"""More providers' documented replies, reply by reply, in the shape of test_explain_provider_catalogues.py: each
reply as the provider's own page (or its server's source) gives it, with the causes its words leave open, read
with its codes, inside Outlook's error, and -- where its words alone say as much -- as words alone inside
Thunderbird's error. Sender-side replies (the login, the sending address and its reputation, sending limits, the
sender address and its domain, content) read as the cause the page gives; recipient-side replies (an unknown,
disabled or full mailbox) as the generic reply of their class.

Pages: Deutsche Telekom's postmaster page (and the hosts' pages that quote its refusals), Orange's and La Poste's
numbered codes as sisimai/rb-sisimai:lib/sisimai/rhost/franceptt.rb lists them, Fastmail's "Why messages bounce
back", Proton Mail Bridge's SMTP server (ProtonMail/proton-bridge:internal/services/smtp, with emersion/go-smtp's
codes), Mail.ru's replies (they carry their help.mail.ru links), AT&T's (BellSouth's) Mailblock error summaries,
Coremail's bounce list (the server of NetEase, Sina and many Chinese hosts), Yahoo's "Email sent to Yahoo Mail
addresses is rejected", Interia's and Seznam's help, Forpsi's and Aruba's help on their submission platform's
"<id> policy violation" and "<id> spam detected" (and Forpsi's on its logins and sender addresses), Libero's
frequent errors, BT's, Andrews & Arnold's, Virgin Media's, Eircom's and Telstra's help, Yandex's bounce lists, Rackspace's postmaster
response codes.
"""

from __future__ import annotations

import pytest
from helpers import in_outlooks_error, in_thunderbirds_error, top_cause

TO = 'https://postmaster.t-online.de/index.en.html'
TOC = 'https://help.creoline.com/de/doc/t-online-554-dialuptransient-ip-not-allowed-zVwMz4z866'
TOT = 'https://timmehosting.de/leitfaden-wenn-t-online-e-mails-blockiert-ursachen-und-loesungen'
FR = 'sisimai/rb-sisimai:lib/sisimai/rhost/franceptt.rb'
FM = 'https://fastmail.help/hc/en-us/articles/7010500320655-Why-messages-bounce-back'
PB = 'ProtonMail/proton-bridge:internal/services/smtp/smtp_backend.go, smtp.go, errors.go; emersion/go-smtp:conn.go'
GL = 'ProtonMail/gluon:internal/backend/backend.go, internal/backend/errors.go, internal/session/handle.go'
MR = 'https://help.mail.ru/mail-help/postmaster/error'
ATT = 'http://worldnet.att.net/general-info/bls_info/block_enduser.html'
ATT2 = 'http://worldnet.att.net/general-info/mail_info/block_enduser.html'
CM = 'https://www.icoremail.vip/support/index.php?cate_id=84&page=5&start=0'
CMY = 'http://www.yunrelay.com/news/mailreject/714205212544.html'
YH = 'https://help.yahoo.com/kb/SLN3444.html'
IN = 'https://pomoc.poczta.interia.pl/news-dlaczego-wiadomosc-nie-zostala-dostarczona,nId,6589600'
SZ = 'https://napoveda.seznam.cz/uzivatel-neexistuje'
FP = 'https://support.konto.pl/kb/a2765/blad-policy-violation-e-maile-w-kolejce-z-adresu-ip.aspx'
FP2 = 'https://support.konto.pl/kb/a2164/blad-5_1_0.aspx'
FPA = 'https://support.forpsi.com/kb/a3898/konfigurace-smtp-serveru-autorizace.aspx'
AB = 'https://guide.arubabusiness.it/email/configurazioni-email-arubabusiness/errori-comuni-invio-ricezione-posta'
LB = 'https://aiuto.libero.it/articolo/mail/messaggi-di-errore-piu-frequenti-dopo-invio-email'
RS = 'https://postmaster.emailsrvr.com/system-info/response-codes'

# (provider, page, the reply as documented, the causes it may read as, its words alone say as much)
CASES = [
    # --- t-online.de: refusals in place of the greeting
    ('t-online', TO, '554 IP=192.0.2.7 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)',
     ('client-ip-blocklisted',), True),
    ('t-online', TOT, '554 IP=192.0.2.7 - None/bad reputation. Ask your postmaster for help or to contact postmaster@rx.t-online.de for reset. (NOWL)',
     ('client-ip-blocklisted',), True),
    ('t-online', TOC, '554 Dialup/transient IP not allowed. Use a mailgateway or contact toda@rx.t-online.de if obsolete. (DIAL)',
     ('client-ip-blocklisted',), True),
    # --- orange.fr, laposte.net
    ('orange', FR, '550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com',
     ('client-ip-blocklisted',), True),
    ('orange', FR, '550 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR006_103 192.0.2.7 [103]',
     ('client-ip-blocklisted',), True),
    ('orange', FR, '421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 [104]',
     ('too-many-connections',), True),
    ('laposte', FR, '550 5.7.1 Service unavailable; client [192.0.2.7] blocked using Spamhaus Les emails envoyes vers la messagerie Laposte.net ont ete bloques par nos services. LPNAAA_101',
     ('client-ip-blocklisted',), True),
    ('orange', FR, "550 5.7.0 Code d'authentification invalide OFR_305",
     ('app-password-required', 'password-rejected'), True),
    ('laposte', FR, '550 5.5.0 SPF: 192.0.2.7 is not allowed to send mail. LPN004_401',
     ('sender-address-not-allowed',), True),
    ('laposte', FR, '550 5.5.0 Authentification requise. Authentication Required. LPN105_402',
     ('smtp-auth-not-enabled',), True),
    ('orange', FR, '501 5.1.0 Emetteur invalide. Invalid Sender. OFR004_405 [405]',
     ('sender-address-not-allowed',), True),
    ('laposte', FR, '550 5.5.3 Mail from not owned by user. LPN105_421',
     ('sender-address-not-allowed',), True),
    ('orange', FR, '550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]',
     ('content-filtered',), True),
    ('laposte', FR, '571 5.7.1 Message refused, DMARC verification Failed. Message refuse, verification DMARC en echec LPN007_517',
     ('sender-address-not-allowed',), True),
    ('orange', FR, '421 smtp.orange.fr [192.0.2.7] Emetteur invalide, Veuillez verifier la configuration SPF/DNS de votre nom de domaine. Invalid Sender. SPF check failed, please verify the SPF/DNS configuration for your domain name.',
     ('sender-address-not-allowed',), True),
    ('orange', FR, '421 4.2.0 Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR005_505 [505]',
     ('server-reply-transient', 'server-unavailable'), False),
    ('orange', FR, '550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]',
     ('server-reply-permanent',), True),
    ('orange', FR, '552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]',
     ('server-reply-permanent',), True),
    # --- fastmail
    ('fastmail', FM, '551 5.7.1 Not authorised to send from this header address',
     ('sender-address-not-allowed',), True),
    ('fastmail', FM, '535 5.7.8 Error: authentication failed: authentication failure',
     ('app-password-required', 'password-rejected'), True),
    ('fastmail', FM, '550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table',
     ('server-reply-permanent',), True),
    # --- proton mail bridge (its SMTP server on this computer)
    ('proton', PB, '454 4.7.0 invalid username or password',
     ('password-rejected',), True),
    ('proton', PB, '554 5.0.0 Error: transaction failed: invalid return path',
     ('sender-address-not-allowed',), True),
    ('proton', PB, '554 5.0.0 Error: transaction failed: cannot send from address: alias@proton.me',
     ('sender-address-not-allowed',), True),
    ('proton', PB, '554 5.0.0 Error: transaction failed: invalid recipient',
     ('server-reply-permanent',), True),
    # Bridge's IMAP server (gluon): a login it cannot match to an account, user name or password, is "no such user";
    # after several in a row, "too many login attempts" for a while
    # (ProtonMail/gluon:internal/backend/backend.go GetState/getUserID, internal/backend/errors.go).
    ('proton', GL, 'A1 NO no such user',
     ('password-rejected', 'username-wrong'), False),
    ('proton', GL, 'A1 NO too many login attempts',
     ('account-locked',), False),
    # --- mail.ru
    ('mail-ru', MR, '550 Message was not accepted -- invalid mailbox. Local mailbox user@mail.ru is unavailable: message sending for this account is disabled: http://help.mail.ru/mail-help/postmaster/error',
     ('account-locked', 'sending-limit-exceeded'), True),
    ('mail-ru', MR, '550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=37o1uvXUfWYxWJiJ or report details to abuse@corp.mail.ru. Error code: BA35BADF667DD4F5. ID: 000000070000C81B.',
     ('content-filtered',), True),
    ('mail-ru', 'https://help.mail.ru/mail-help/postmaster/dmarc', '550 5.7.1 This message was not accepted due to domain owner DMARC policy (RFC 7489) https://help.mail.ru/mail-help/postmaster/dmarc',
     ('sender-address-not-allowed',), True),
    ('mail-ru', MR, '550 not local sender over smtp',
     ('sender-address-not-allowed',), True),
    ('mail-ru', MR, '550 Message was not accepted -- invalid mailbox. Local mailbox nosuchuser@mail.ru is unavailable: user not found',
     ('server-reply-permanent',), False),
    # --- at&t (bellsouth.net, worldnet)
    ('att', ATT, '521 <192.0.2.7> is blocked',
     ('client-ip-blocklisted',), True),
    ('att', ATT, '550 unauthorized interface for <192.0.2.7>',
     ('client-ip-blocklisted',), True),
    ('att', ATT, '550 <192.0.2.7> blocked by ldap:ou=rblmx, dc=bellsouth, dc=net',
     ('client-ip-blocklisted',), True),
    ('att', ATT2, '550 Error. Blocked for abuse',
     ('client-ip-blocklisted',), True),
    ('att', ATT, '550 [suspend] Mailbox currently suspended--Please contact correspondent directly.',
     ('server-reply-permanent',), False),
    # --- coremail (163.com, 126.com, sina and the hosts that run it)
    ('coremail', CM, 'Requested mail action not taken: Invalid IP',
     ('client-ip-blocklisted',), True),
    ('coremail', CM, 'IP is rejected',
     ('client-ip-blocklisted',), True),
    ('coremail', CM, 'IP is Hangup',
     ('client-ip-blocklisted',), True),
    ('coremail', CMY, '550 Requested mail action not taken: Fake sender',
     ('sender-address-not-allowed',), True),
    ('coremail', CM, 'Requested action not taken: NULL sender is not allowed',
     ('sender-address-not-allowed',), True),
    ('coremail', CM, 'Requested action not taken: Local user only',
     ('sender-address-not-allowed',), True),
    # --- yahoo
    ('yahoo', YH, '553 VS99-IP1 deferred',
     ('client-ip-blocklisted',), True),
    ('yahoo', YH, '451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8)',
     ('client-ip-blocklisted',), True),
    # Yahoo's MTAs put a number of their own after the code (sisimai/go-sisimai:rhost/for-yahooinc.go, userunknown;
    # Yahoo's own page does not list this reply): the recipient's mailbox is not found.
    ('yahoo', 'sisimai/go-sisimai:rhost/for-yahooinc.go', '552 1 Requested mail action aborted, mailbox not found',
     ('server-reply-permanent',), False),
    ('yahoo', YH, '421 Resources temporarily unavailable. Please try again later',
     ('server-reply-transient', 'server-unavailable'), True),
    # --- interia.pl
    ('interia', IN, '550 5.7.0 [SPF] 192.0.2.7 is not allowed to send mail from example.com',
     ('sender-address-not-allowed',), True),
    ('interia', IN, '550 5.1.1 Account not found',
     ('server-reply-permanent',), False),
    ('interia', IN, '550 5.2.1 Mailbox not available',
     ('server-reply-permanent',), True),
    ('interia', IN, "550 5.7.1 Recipient doesn't want your mail",
     ('server-reply-permanent',), True),
    # --- seznam.cz
    ('seznam', SZ, "5.1.1 szn; User hasn't got the service mapped",
     ('server-reply-permanent',), True),
    # --- forpsi, aruba (the same submission platform)
    ('forpsi', FP, '550 5.1.0 cNkj1y0022zrrQM01NkjaD policy violation, see https://support.forpsi.com/kb/a4081',
     ('sending-limit-exceeded',), True),
    ('forpsi', FP2, '5.1.0 piWs1j0010jifNx01iWsdh policy violation',
     ('sending-limit-exceeded',), True),
    ('forpsi', FP2, '5.1.0 piWs1j0010jifNx01iWsdh spam detected',
     ('content-filtered',), True),
    ('forpsi', 'https://support.forpsi.pl/kb/a2815/konfiguracja-serwera-smtp-autoryzacja.aspx', '5.1.0 <john.smith@domain.com> sender rejected',
     ('sender-address-not-allowed',), True),
    ('forpsi', FPA, '5.1.0 piWs1j0010jifNx01iWsdh authentication failed',
     ('password-rejected', 'smtp-auth-not-enabled'), True),
    ('forpsi', FPA, '5.1.0 piWs1j0010jifNx01iWsdh authentication rejected',
     ('password-rejected', 'username-wrong'), True),
    ('forpsi', FPA, '5.1.0 piWs1j0010jifNx01iWsdh authentication rejected access disabled',
     ('protocol-disabled-for-account',), True),
    ('aruba', AB, '552 5.2.0 igxL1p00E1WDM2s01gxMXG spam detected',
     ('content-filtered',), True),
    ('aruba', AB, 'iemL1p01Z0hMcT901emQ77 policy violation',
     ('sending-limit-exceeded',), True),
    # --- libero.it
    ('libero', LB, '550 Relay Disabled',
     ('smtp-auth-not-enabled', 'wrong-provider-host'), True),
    # --- bt (btinternet.com), andrews & arnold, virgin media, eircom's oceanfree, telstra bigpond
    ('bt', 'https://btbusiness.custhelp.com/app/answers/detail/a_id/15074', '550 Message rejected due to sender IP reputation ([192.0.2.7])',
     ('client-ip-blocklisted',), True),
    ('bt', 'https://www.bt.com/help/email/fix-a-problem/problems-with-email/bt-email-problems--error-code-0x800ccc79--error-550-', '550 Recipient Not Authorised [recipient rejected due to no authorised destination groups]',
     ('sender-address-not-allowed',), True),
    ('bt', 'https://www.bt.com/help/email/fix-a-problem/problems-with-email/bt-email-problems--error-code-0x800ccc79--error-550-', '550 unknown local user',
     ('server-reply-permanent',), True),
    ('aaisp', 'https://support.aa.net.uk/Sending_Email_Errors', 'Error CA2 see: http://wiki.aa.org.uk/Sending_Email_Errors 192.0.2.7 is blocked from sending. Probably due to sending spam messages.',
     ('client-ip-blocklisted',), True),
    ('virgin-media', 'https://community.virginmedia.com/t5/Email/Email-Spam-Content-Found-error-550-554/td-p/3229831', '554 5.2.0 Spam content found',
     ('content-filtered',), True),
    ('eircom', 'http://www.oceanfree.net/services/help/tech.html', '553 To send mail, first check your mail with a valid POP account; this prevents unauthorized SPAM relaying. (#5.7.1)',
     ('smtp-auth-not-enabled',), True),
    ('telstra', 'https://crowdsupport.telstra.com.au/t5/broadband-nbn/why-is-my-email-being-blacklisted/ta-p/76234', 'nschwcmgw08p BigPond Outbound [OB105. Connection refused. 192.0.2.7 is listed on the Exploits Block List (XBL). Please visit http://www.spamhaus.org/xbl for more information.]',
     ('client-ip-blocklisted',), True),
    # --- yandex: what its users meet at other servers, and at Yandex
    ('yandex', 'https://yandex.com/support/mail/bounces/other.html', '550 5.7.1 SPF check failed: 192.0.2.7 is not authorized to send in the name of example.com',
     ('sender-address-not-allowed',), True),
    ('yandex', 'https://yandex.com/support/mail/bounces/other.html', '550 Message rejected as spam by Content Filtering',
     ('content-filtered',), True),
    ('yandex', 'https://yandex.com/support/mail/bounces/other.html', '550 Sorry, message looks like SPAM to me',
     ('content-filtered',), True),
    ('yandex', 'https://yandex.com/support/mail/bounces/yandex/policy-rejection-on-the-target-address.html', '554 5.7.1 Policy rejection on the target address',
     ('server-reply-permanent',), True),
    # --- rackspace
    ('rackspace', RS, '421 Too many concurrent connections from this client (G2)',
     ('too-many-connections',), True),
    ('rackspace', RS, '450 4.7.1 Client host 192.0.2.7 has no PTR record (G1F)',
     ('client-ip-blocklisted',), True),
    ('rackspace', RS, '451 4.7.1 Received too many messages from a new or untrusted IP (G28)',
     ('sending-limit-exceeded',), True),
    ('rackspace', RS, "450 4.2.1 <user@example.com>: Mailbox received too much email in a short period of time (G30)",
     ('server-reply-transient',), False),
]




def _id(case: tuple) -> str:
    return f"{case[0]}: {case[2][:60]}"


# Coremail's list gives some replies by their words only: those are read in a mail program's error, below.
@pytest.mark.parametrize("case", [c for c in CASES if c[2][:1].isdigit() or c[2].startswith("A1 ")], ids=_id)
def test_documented_reply_with_its_codes(case: tuple) -> None:
    _provider, _page, reply, causes, _words_too = case
    assert top_cause(reply) in causes


@pytest.mark.parametrize("case", [c for c in CASES if c[2][:1].isdigit()], ids=_id)
def test_documented_reply_in_outlooks_error(case: tuple) -> None:
    _provider, _page, reply, causes, _words_too = case
    assert top_cause(in_outlooks_error(reply)) in causes


@pytest.mark.parametrize("case", [c for c in CASES if c[4]], ids=_id)
def test_documented_words_alone_in_thunderbirds_error(case: tuple) -> None:
    _provider, _page, reply, causes, _words_too = case
    assert top_cause(in_thunderbirds_error(reply)) in causes

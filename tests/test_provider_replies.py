"""The replies big mail providers publish for their own SMTP, IMAP and POP3 services, as programs
wrap them (Python's smtplib and imaplib, PHPMailer, nodemailer, MailKit, .NET, an MTA's bounce),
are each read as the cause the provider's documentation gives them.

Each case names where the provider's wording is published (its help page or error reference) or
where a public thread quotes it; the wrapping around it is the shape its program prints.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top_cause(text: str) -> str | None:
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    return roots[0] if roots else None


# (text as a program prints it, acceptable top causes, where the provider's wording is published)
GOOGLE = [
    ("smtplib.SMTPAuthenticationError: (534, b'5.7.9 Application-specific password required. Learn more at\\n"
     "5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d2sm1234567wrc.12 - gsmtp')",
     {"app-password-required"}, "https://support.google.com/a/answer/3726730"),
    ("imaplib.IMAP4.error: b'[ALERT] Application-specific password required: "
     "https://support.google.com/accounts/answer/185833 (Failure)'",
     {"app-password-required"}, "https://support.google.com/accounts/answer/185833"),
    ("poplib.error_proto: b'-ERR [AUTH] Application-specific password required: "
     "https://support.google.com/accounts/answer/185833'",
     {"app-password-required"}, "https://support.google.com/accounts/answer/185833"),
    ("* NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbsm] Web login required.",
     {"web-login-required"}, "https://support.google.com/mail/answer/78754"),
    ("A1 NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
     {"web-login-required"}, "https://support.google.com/mail/answer/78754"),
    ("poplib.error_proto: b'-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754'",
     {"web-login-required"}, "https://support.google.com/mail/answer/78754"),
    ("Error: Invalid login: 534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbvK> "
     "Please log in via your web browser and\n534-5.7.14 then try again.\n534-5.7.14  Learn more at\n"
     "534 5.7.14  https://support.google.com/mail/answer/78754 q10sm1234wrb.21 - gsmtp",
     {"web-login-required"}, "https://support.google.com/a/answer/3726730"),
    ("imaplib.IMAP4.error: b'[ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings "
     "page and enable your account for IMAP access. (Failure)'",
     {"protocol-disabled-for-account"}, "https://support.google.com/mail/answer/7126229"),
    ("NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions "
     "about this feature. (Failure)",
     {"protocol-disabled-for-account"}, "https://support.google.com/a/answer/105694"),
    ("poplib.error_proto: b'-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail "
     "settings page and enable your account for POP access.'",
     {"protocol-disabled-for-account"}, "https://support.google.com/mail/answer/7104828"),
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'",
     {"password-rejected", "app-password-required"}, "https://support.google.com/mail/answer/7126229"),
    ("poplib.error_proto: b'-ERR [AUTH] Username and password not accepted.'",
     {"password-rejected", "app-password-required"}, "https://support.google.com/mail/answer/7104828"),
    ("SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted. For more information, go to\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials c8sm1234567pfa.12 - gsmtp",
     {"password-rejected", "app-password-required"}, "https://support.google.com/a/answer/3726730"),
    ("smtplib.SMTPSenderRefused: (530, b'5.7.0 Must issue a STARTTLS command first. x1sm123pfb.3 - gsmtp', "
     "'me@example.com')",
     {"auth-requires-tls"}, "https://support.google.com/a/answer/3726730"),
    ("smtp; 530-5.7.0 Authentication Required. For more information, go to\n"
     "530 5.7.0  https://support.google.com/mail/?p=WantAuthError y1sm1234567qkd.1 - gsmtp",
     {"smtp-auth-not-enabled"}, "https://support.google.com/a/answer/3726730"),
    ("Error: Invalid login: 454-4.7.0 Too many login attempts, please try again later. Learn more at\n"
     "454 4.7.0  https://support.google.com/mail/answer/7126229 m3sm1234pfh.5 - gsmtp",
     {"account-locked"}, "https://support.google.com/a/answer/3726730"),
    ("454 4.7.0 Cannot authenticate due to temporary system problem. Try again later. h1sm12345wrs.2 - gsmtp",
     {"server-unavailable"}, "https://support.google.com/a/answer/3726730"),
    ("poplib.error_proto: b'-ERR [SYS/TEMP] Temporary system problem. Please try again later.'",
     {"server-unavailable"}, "https://support.google.com/mail/answer/7104828"),
    ("imaplib.IMAP4.abort: b'[ALERT] Too many simultaneous connections. (Failure)'",
     {"too-many-connections"}, "https://support.google.com/mail/answer/7126229"),
    # A per-account daily IMAP quota, refused for hours whatever the client changes.
    ("A3 NO [ALERT] Account exceeded command or bandwidth limits. (Failure)",
     {"server-unavailable"}, "https://support.google.com/a/answer/1071518"),
    ("smtplib.SMTPAuthenticationError: (504, b'5.7.4 Unrecognized authentication type. h1sm1pfb.2 - gsmtp')",
     {"auth-mechanism-unsupported"}, "https://support.google.com/a/answer/3726730"),
    # The AUTH command's form, not the password: the client sent an argument that mode does not take.
    ("smtplib.SMTPAuthenticationError: (535, b'5.5.4 Optional Argument not permitted for that AUTH mode. "
     "x1sm12pfb.2 - gsmtp')",
     {"auth-mechanism-unsupported"}, "https://support.google.com/a/answer/3726730"),
    ("smtplib.SMTPDataError: (550, b'5.4.5 Daily user sending limit exceeded. For more information on Gmail\\n"
     "5.4.5 sending limits go to\\n5.4.5  https://support.google.com/a/answer/166852 v1sm2pfl.1 - gsmtp')",
     {"sending-limit-exceeded"}, "https://support.google.com/a/answer/166852"),
    # The sender domain's SPF and DKIM failed: the message's authentication, not the client's login;
    # the sender domain does not authorise the server (sender-address-not-allowed, the lead's convention).
    ("550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has "
     "been blocked. The sender must authenticate with at least one of SPF or DKIM. For this message, DKIM checks "
     "did not pass and SPF check for [example.com] did not pass with ip: [192.0.2.1].",
     {"server-reply-permanent", "sender-address-not-allowed"}, "https://support.google.com/a/answer/81126"),
    # The sending IP address is rate-limited for its spam, not the account for its logins: Gmail refuses this
    # network's address (client-ip-blocklisted) for now.
    ("421-4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP "
     "address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.",
     {"client-ip-blocklisted", "server-unavailable", "server-reply-transient"}, "https://support.google.com/a/answer/3726730"),
    ("550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the "
     "amount of spam sent to Gmail, this message has been blocked.",
     {"content-filtered", "server-reply-permanent"}, "https://support.google.com/a/answer/3726730"),
    # A refusal of the client's address for its reverse DNS (client-ip-blocklisted, the lead's convention).
    ("550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup, or the "
     "corresponding forward DNS entry does not point to the sending IP.",
     {"server-reply-permanent", "client-ip-blocklisted"}, "https://support.google.com/a/answer/3726730"),
    # Workspace's SMTP relay service refuses a sender it cannot tie to the account: "credentials" there
    # are the registered IP addresses or an SMTP login, and the fix is to log in (or register the IP).
    ("550 5.7.0 Mail relay denied [192.0.2.10]. Invalid credentials for relay for one of the domains in: "
     "example.com (as obtained from HELO and MAIL FROM). Email is being sent from a domain or IP address which "
     "isn't registered in your Workspace account. - gsmtp",
     {"smtp-auth-not-enabled"}, "https://support.google.com/a/answer/2956491"),
]


@pytest.mark.parametrize(("text", "causes", "source"), GOOGLE, ids=[f"google#{i}" for i in range(len(GOOGLE))])
def test_google_replies(text: str, causes: set[str], source: str) -> None:
    assert top_cause(text) in causes, (text, source)


MICROSOFT = [
    ("Error: Invalid login: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
     "[PH7P220CA0132.NAMP220.PROD.OUTLOOK.COM 2024-09-20T10:00:00.000Z 08DCD8D2]",
     {"basic-auth-disabled"},
     "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online"),
    ("MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful, SmtpClientAuthentication "
     "is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
     {"basic-auth-disabled"},
     "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"),
    ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. "
     "Visit https://aka.ms/smtp_auth_disabled for more information.",
     {"basic-auth-disabled"},
     "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"),
    ("jakarta.mail.AuthenticationFailedException: 535 5.7.3 Authentication unsuccessful "
     "[YQZPR01CA0021.CANPRD01.PROD.OUTLOOK.COM 2024-04-13T15:44:48.786Z 08DC5BA2C153C1D0]",
     {"password-rejected", "basic-auth-disabled"},
     "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-smtpntlm/62888982-a911-40fa-b587-50b5c69f7334; "
     "https://github.com/triplea-game/triplea/issues/12505"),
    ("System.Net.Mail.SmtpException: Error in processing. The server response was: 4.7.66 TLS 1.0 and 1.1 are not "
     "supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls. "
     "[AM6P194CA0012.EURP194.PROD.OUTLOOK.COM]",
     {"tls-version-client-outdated"},
     "https://aka.ms/smtp_auth_tls"),
    ("a1 NO Basic authentication is disabled.\n* BYE Microsoft Exchange Server IMAP4 server signing off.",
     {"basic-auth-disabled"}, "https://github.com/holon-run/uxc/issues/445"),
    # Outlook.com's IMAP/POP refusal since basic authentication was retired for consumer accounts
    # (16 September 2024) names the policy.
    ("imaplib.IMAP4.error: b'LOGIN failed. BasicAuthBlocked'",
     {"basic-auth-disabled"},
     "https://techissuestoday.com/how-to-update-outlook-email-settings-to-avoid-losing-access-after-september-16/"),
    # The account is "blocked" until a web sign-in verifies it: the web login is the way out.
    ("Error: LOGIN failed. Account is blocked. Login to your account via a web browser to verify your identity.\n"
     "    at Connection._resTagged (/srv/app/node_modules/imap/lib/Connection.js:1502:11)",
     {"web-login-required"}, "https://github.com/mscdex/node-imap/issues/799"),
    # Outlook.com holds an account's outgoing mail until it is verified on the web.
    ("{ Error: Message failed: 554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process "
     "message due to a permanent exception with message WASCL UserAction verdict is not None. Actual verdict is "
     "HipNotify, ShowTierUpgrade. OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is "
     "HipNotify, ShowTierUpgrade. [Hostname=TY2PR06MB3117.apcprd06.prod.outlook.com]\n"
     "    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:605:19)",
     {"web-login-required"}, "https://github.com/DesertsP/Valine-Admin/issues/26"),
    ("554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent "
     "exception with message WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade. "
     "OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade. "
     "[Hostname=VI1PR05MB5405.eurprd05.prod.outlook.com]",
     {"web-login-required"}, "https://github.com/Youans/nodejs-nodemailer-outlook/issues/11"),
    ("MailKit.Net.Smtp.SmtpCommandException: 5.2.252 SendAsDenied; me@outlook.com not allowed to send as "
     "other@example.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to "
     "process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.",
     {"sender-address-not-allowed"},
     "https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online"),
    ("451 4.7.652 The mail server [192.0.2.1] has exceeded the maximum number of connections.",
     {"too-many-connections", "server-reply-transient"},
     "https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online"),
]


@pytest.mark.parametrize(("text", "causes", "source"), MICROSOFT,
                         ids=[f"microsoft#{i}" for i in range(len(MICROSOFT))])
def test_microsoft_replies(text: str, causes: set[str], source: str) -> None:
    assert top_cause(text) in causes, (text, source)


YAHOO_AOL = [
    ("Error: Invalid login: 535 5.7.0 (#MBR1212) Incorrect username or password.",
     {"password-rejected", "app-password-required"}, "https://github.com/PHPMailer/PHPMailer/issues/1287"),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.0 (#AUTH005) Too many bad auth attempts.')",
     {"app-password-required", "account-locked"}, "https://github.com/nodemailer/nodemailer/issues/1112"),
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] LOGIN Invalid credentials'",
     {"password-rejected", "app-password-required"}, "https://help.yahoo.com/kb/SLN4075.html"),
    ("IMAP command LOGIN failed: NO [UNAVAILABLE] LOGIN Server error - Please try again later",
     {"server-unavailable"}, "https://help.yahoo.com/kb/SLN4075.html"),
    ("host mta6.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily "
     "deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes "
     "(in reply to MAIL FROM command)",
     {"client-ip-blocklisted"}, "https://help.yahoo.com/kb/postmaster/SLN3326.html"),
    ("host mta7.am0.yahoodns.net[98.136.96.76] refused to talk to me: 553 5.7.1 [BL21] Connections will not be "
     "accepted from 192.0.2.1, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
     {"client-ip-blocklisted", "server-reply-permanent"}, "https://postmaster.yahooinc.com/error-codes"),
    ("553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. "
     "See https://postmaster.yahooinc.com/error-codes",
     {"client-ip-blocklisted", "server-reply-permanent"}, "https://postmaster.yahooinc.com/error-codes"),
    # Yahoo's own page (help.yahoo.com/kb/SLN7253.html): the message failed DKIM, SPF or DMARC.
    ("smtplib.SMTPDataError: (554, b'5.7.9 Message not accepted for policy reasons.  "
     "See https://postmaster.yahooinc.com/error-codes')",
     {"content-filtered", "server-reply-permanent", "sender-address-not-allowed"}, "https://postmaster.yahooinc.com/error-codes"),
    # The recipient's mailbox is disabled: the recipient's side, not the sender's account.
    ("554 30 Sorry, your message to user@yahoo.com cannot be delivered. This mailbox is disabled (554.30).",
     {"server-reply-permanent"}, "https://senders.yahooinc.com/smtp-error-codes/"),
    # Yahoo's submission server will not send the message on ("6.6.0" where the enhanced code stands): the
    # message itself (MailKit's maintainer: a Sender header and no From header), bare, as nodemailer wraps
    # it and with its code.
    ("6.6.0 Error sending message for delivery", {"content-filtered"}, "https://github.com/jstedfast/MailKit/issues/1855"),
    ("Error: Message failed: 554 6.6.0 Error sending message for delivery.", {"content-filtered"},
     "https://github.com/nodemailer/nodemailer/issues/1515"),
]


@pytest.mark.parametrize(("text", "causes", "source"), YAHOO_AOL, ids=[f"yahoo#{i}" for i in range(len(YAHOO_AOL))])
def test_yahoo_and_aol_replies(text: str, causes: set[str], source: str) -> None:
    assert top_cause(text) in causes, (text, source)


OTHERS = [
    # Yandex
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: This user does not have access "
     "rights to this service')",
     {"protocol-disabled-for-account", "app-password-required"}, "https://yandex.com/support/mail/mail-clients/others.html"),
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled sc=abc_123_456'",
     {"protocol-disabled-for-account"}, "https://yandex.com/support/mail/mail-clients/others.html"),
    ("Error: Invalid login: 535 5.7.8 Error: authentication failed: Application password is REQUIRED.",
     {"app-password-required"}, "https://yandex.com/support/mail/mail-clients/others.html"),
    ("smtplib.SMTPSenderRefused: (553, b'5.7.1 Sender address rejected: not owned by auth user.', 'noreply@example.com')",
     {"sender-address-not-allowed"}, "https://yandex.com/support/mail/mail-clients/others.html"),
    ("Expected response code 250 but got code \"554\", with message \"554 5.7.1 [2] Message rejected under suspicion "
     "of SPAM; https://ya.cc/1IrBc 1700000000-abcdEFGH\"",
     {"content-filtered", "server-reply-permanent"},
     "https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html"),
    # Mail.ru
    ("Net::SMTPAuthenticationError: 535 5.7.0 NEOBHODIM parol prilozheniya "
     "https://help.mail.ru/mail/security/protection/external / Application password is REQUIRED",
     {"app-password-required"}, "https://help.mail.ru/mail/security/protection/external"),
    # Zoho
    ("3 NO [ALERT] You are yet to enable IMAP for your account. Please contact your administrator (Failure)",
     {"protocol-disabled-for-account"}, "https://www.zoho.com/mail/help/imap-access.html"),
    ("Error: Command failed\n  responseText: 'You are yet to enable IMAP for your account. Please contact your "
     "administrator (Failure)',\n  serverResponseCode: 'ALERT'",
     {"protocol-disabled-for-account"}, "https://www.zoho.com/mail/help/imap-access.html"),
    ("Unable to connect SMTP server:smtpout.mail.zoho.com Reason:Authentication failed:554 5.1.8 Email Outgoing Blocked.",
     {"account-locked"}, "https://help.zoho.com/portal/en/community/topic/554-5-1-8-email-outgoing-blocked-13-11-2017"),
    ("SMTP Error: data not accepted. SMTP server error: MAIL FROM command failed Detail: Sender is not allowed to "
     "relay emails SMTP code: 553",
     {"sender-address-not-allowed"}, "https://www.zoho.com/mail/help/zoho-smtp.html"),
    # iCloud: the From address must be the account's own
    ("postfix/smtp[1234]: 4F1B23C04D: to=<bob@example.org>, relay=smtp.mail.me.com[17.57.155.8]:587, delay=1.2, "
     "status=bounced (host smtp.mail.me.com[17.57.155.8] said: 550 5.7.0 From address is not one of your addresses "
     "(in reply to MAIL FROM command))",
     {"sender-address-not-allowed"}, "https://support.apple.com/en-us/102525"),
    # GMX / WEB.DE: RFC 4954's words
    ("smtplib.SMTPAuthenticationError: (535, b'Authentication credentials invalid')",
     {"password-rejected", "protocol-disabled-for-account"}, "https://support.gmx.com/pop-imap/imap/server.html"),
    # Proton Mail Bridge wants its own Bridge password
    ("ERRO[Aug 13 15:37:55.895] Could not check bridge password               "
     "error=\"backend/credentials: incorrect password\" pkg=imap",
     {"password-rejected"}, "https://github.com/shenxn/protonmail-bridge-docker/issues/62"),
    # A host in the text names the provider, and its policy the likelier cause
    ("Connected to imaps://imap.mail.att.net:993/\nC: A00000001 LOGIN me@att.net ********\n"
     "S: A00000001 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
     {"app-password-required"}, "thunderbird/autoconfig:ispdb/att.net.xml"),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: Invalid user or password!') "
     "[smtp.mail.ru:465]",
     {"app-password-required"}, "thunderbird/autoconfig:ispdb/mail.ru"),
    # GMX and WEB.DE ship with POP3/IMAP/SMTP switched off; a refused login there is most often that.
    ("Connected to imaps://imap.web.de:993/\nS: * OK [CAPABILITY IMAP4rev1 CHILDREN ENABLE ID IDLE AUTH=LOGIN "
     "AUTH=PLAIN] IMAP server ready H miweb111\nC: A00000000 AUTHENTICATE PLAIN ********\n"
     "S: A00000000 NO authentication failed\nMailKit.Security.AuthenticationException: Authentication failed.",
     {"protocol-disabled-for-account"}, "https://github.com/jstedfast/MailKit/issues/215; https://github.com/jens-maus/yam/issues/638"),
    # Naver answers mail programs only once IMAP/SMTP is switched on in its settings.
    ("Connected to imaps://imap.naver.com:993/\nC: A00000001 LOGIN me ********\n"
     "S: A00000001 NO [AUTHENTICATIONFAILED] Authentication failed",
     {"protocol-disabled-for-account"}, "https://github.com/naver/guitar/issues/474"),
    # Comcast refuses every mail program until "Third Party Access Security" is switched on.
    ("Connected to imaps://imap.comcast.net:993/\nC: A00000001 LOGIN me@comcast.net ********\n"
     "S: A00000001 NO [AUTHENTICATIONFAILED] LOGIN failed",
     {"protocol-disabled-for-account"}, "https://www.xfinity.com/support/articles/third-party-email-access"),
]

# The providers' own words as a client shows them, without the reply's code or tag.
BARE = [
    ("Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for "
     "IMAP access. (Failure)", {"protocol-disabled-for-account"}, "https://support.google.com/mail/answer/7126229"),
    ("IMAP access is disabled for your domain. Please contact your domain administrator for questions about this "
     "feature. (Failure)", {"protocol-disabled-for-account"}, "https://support.google.com/a/answer/105694"),
    ("Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for "
     "POP access.", {"protocol-disabled-for-account"}, "https://support.google.com/mail/answer/7104828"),
    ("Must issue a STARTTLS command first.", {"auth-requires-tls"}, "https://support.google.com/a/answer/3726730"),
    ("Account exceeded command or bandwidth limits. (Failure)", {"server-unavailable"},
     "https://support.google.com/a/answer/1071518"),
    ("Daily user sending limit exceeded.", {"sending-limit-exceeded"},
     "https://support.google.com/a/answer/166852"),
    ("Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes",
     {"content-filtered", "server-reply-permanent", "sender-address-not-allowed"}, "https://senders.yahooinc.com/smtp-error-codes/"),
    ("Basic authentication is disabled.", {"basic-auth-disabled"}, "https://github.com/holon-run/uxc/issues/445"),
    ("Account is blocked. Login to your account via a web browser to verify your identity.", {"web-login-required"},
     "https://github.com/mscdex/node-imap/issues/799"),
    ("TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.",
     {"tls-version-client-outdated"}, "https://aka.ms/smtp_auth_tls"),
    ("Client not authenticated to send mail.", {"smtp-auth-not-enabled"},
     "https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online"),
    ("This user does not have access rights to this service", {"protocol-disabled-for-account"},
     "https://yandex.com/support/mail/mail-clients/others.html"),
    ("You are yet to enable IMAP for your account. Please contact your administrator (Failure)",
     {"protocol-disabled-for-account"}, "https://www.zoho.com/mail/help/imap-access.html"),
    ("Email Outgoing Blocked.", {"account-locked"},
     "https://help.zoho.com/portal/en/community/topic/554-5-1-8-email-outgoing-blocked-13-11-2017"),
    ("Sender is not allowed to relay emails", {"sender-address-not-allowed"}, "https://www.zoho.com/mail/help/zoho-smtp.html"),
    ("From address is not one of your addresses", {"sender-address-not-allowed"}, "https://support.apple.com/en-us/102525"),
    ("Sender address rejected: not owned by auth user.", {"sender-address-not-allowed"},
     "https://yandex.com/support/mail/mail-clients/others.html"),
    ("Message rejected under suspicion of SPAM", {"content-filtered", "server-reply-permanent"},
     "https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html"),
    # AT&T calls its app password a "secure mail key".
    ("The AT&T server rejected the password. Use a secure mail key for this account.", {"app-password-required"},
     "https://www.att.com/support/article/email-support/KM1010523/"),
]


@pytest.mark.parametrize(("text", "causes", "source"), OTHERS, ids=[f"others#{i}" for i in range(len(OTHERS))])
def test_other_providers_replies(text: str, causes: set[str], source: str) -> None:
    assert top_cause(text) in causes, (text, source)


@pytest.mark.parametrize(("text", "causes", "source"), BARE, ids=[f"bare#{i}" for i in range(len(BARE))])
def test_provider_words_without_their_code(text: str, causes: set[str], source: str) -> None:
    assert top_cause(text) in causes, (text, source)


# The same published replies in each program's wrapping: the provider's words must be read the same
# wherever they stand. (reply code, enhanced code, text, acceptable causes)
SMTP_REPLIES = {
    "gmail-app-password": ("534", "5.7.9", "Application-specific password required. Learn more at "
                           "https://support.google.com/mail/?p=InvalidSecondFactor d2sm1wrc.12 - gsmtp",
                           {"app-password-required"}),
    "gmail-web-login": ("534", "5.7.14", "<https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs> Please "
                        "log in via your web browser and then try again. Learn more at "
                        "https://support.google.com/mail/answer/78754 q1sm2wrb.2 - gsmtp", {"web-login-required"}),
    "gmail-starttls-first": ("530", "5.7.0", "Must issue a STARTTLS command first. x1sm123pfb.3 - gsmtp",
                             {"auth-requires-tls"}),
    "gmail-too-many-logins": ("454", "4.7.0", "Too many login attempts, please try again later. m3sm1234pfh.5 - gsmtp",
                              {"account-locked"}),
    "microsoft-basic-auth": ("535", "5.7.139", "Authentication unsuccessful, basic authentication is disabled. "
                             "[PH7P220CA0132.NAMP220.PROD.OUTLOOK.COM]", {"basic-auth-disabled"}),
    "microsoft-smtp-auth-off": ("535", "5.7.139", "Authentication unsuccessful, SmtpClientAuthentication is disabled for "
                                "the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
                                {"basic-auth-disabled"}),
    "microsoft-old-tls": ("421", "4.7.66", "TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to "
                          "support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.", {"tls-version-client-outdated"}),
    "outlook-verify-account": ("554", "5.2.0", "STOREDRV.Submission.Exception:OutboundSpamException; Failed to process "
                               "message due to a permanent exception with message WASCL UserAction verdict is not None. "
                               "Actual verdict is HipNotify, ShowTierUpgrade.", {"web-login-required"}),
    "yahoo-auth005": ("535", "5.7.0", "(#AUTH005) Too many bad auth attempts.", {"app-password-required", "account-locked"}),
    "yandex-no-access": ("535", "5.7.8", "Error: authentication failed: This user does not have access rights to this "
                         "service", {"protocol-disabled-for-account", "app-password-required"}),
    "mailru-app-password": ("535", "5.7.0", "NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/"
                            "external / Application password is REQUIRED", {"app-password-required"}),
    "zoho-outgoing-blocked": ("554", "5.1.8", "Email Outgoing Blocked.", {"account-locked"}),
}
SMTP_WRAPPERS = {
    # cpython:Lib/smtplib.py (SMTPAuthenticationError's args: the code and the reply's bytes)
    "smtplib": "smtplib.SMTPAuthenticationError: ({c}, b'{e} {t}')",
    # PHPMailer/PHPMailer:src/SMTP.php (authenticate: "SMTP ERROR: Password command failed: ...")
    "phpmailer": "SMTP ERROR: Password command failed: {c} {e} {t}\nSMTP Error: Could not authenticate.",
    # nodemailer/nodemailer:lib/smtp-connection/index.js (_actionAUTHComplete: "Invalid login: " + the reply)
    "nodemailer": "Error: Invalid login: {c}-{e} {t}\n    at SMTPConnection._formatError "
                  "(/app/node_modules/nodemailer/lib/smtp-connection/index.js:790:19)",
    # dotnet/runtime:System.Net.Mail (SmtpException: "The server response was: " and the reply without its code)
    "dotnet": "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
              "authenticated. The server response was: {e} {t}",
    # jakartaee/mail-api (AuthenticationFailedException with the server's last reply)
    "javamail": "javax.mail.AuthenticationFailedException: {c}-{e} {t}\n\tat "
                "com.sun.mail.smtp.SMTPTransport$Authenticator.authenticate(SMTPTransport.java:947)",
    # jstedfast/MailKit (AuthenticationException: "code: text")
    "mailkit": "MailKit.Security.AuthenticationException: {c}: {e} {t}",
    # symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode)
    "symfony": "Expected response code \"235\" but got code \"{c}\", with message \"{c} {e} {t}\".",
    # vdukhovni/postfix:postfix/src/smtp/smtp_sasl_glue.c ("SASL authentication failed; server %s said: %s")
    "postfix": "postfix/smtp[2317]: warning: SASL authentication failed; server smtp.example.net[192.0.2.5] said: {c}-{e} {t}",
    # ruby/net-smtp (Net::SMTPAuthenticationError with the reply)
    "ruby": "Net::SMTPAuthenticationError: {c}-{e} {t}",
    # lettre/lettre:src/transport/smtp/error.rs (0.10+: "permanent error (535): " and the reply's message)
    "lettre": "Error: permanent error ({c}): {e} {t}",
    # marlam/msmtp:src/msmtp.c ("server message: " and the reply)
    "msmtp": "msmtp: authentication failed (method PLAIN)\nmsmtp: server message: {c} {e} {t}\n"
             "msmtp: could not send mail (account default from /home/u/.msmtprc)",
}
IMAP_REPLIES = {
    "gmail-app-password": ("ALERT", "Application-specific password required: "
                           "https://support.google.com/accounts/answer/185833 (Failure)", {"app-password-required"}),
    "gmail-imap-off": ("ALERT", "Your account is not enabled for IMAP use. Please visit your Gmail settings page and "
                       "enable your account for IMAP access. (Failure)", {"protocol-disabled-for-account"}),
    "gmail-web-login": ("ALERT", "Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 "
                        "(Failure)", {"web-login-required"}),
    "zoho-imap-off": ("ALERT", "You are yet to enable IMAP for your account. Please contact your administrator (Failure)",
                      {"protocol-disabled-for-account"}),
    "outlook-basic-auth": (None, "Basic authentication is disabled.", {"basic-auth-disabled"}),
    "outlook-account-blocked": (None, "LOGIN failed. Account is blocked. Login to your account via a web browser to "
                                "verify your identity.", {"web-login-required"}),
    "yandex-no-access": ("AUTHENTICATIONFAILED", "This user does not have access rights to this service",
                         {"protocol-disabled-for-account", "app-password-required"}),
    "yahoo-server-error": ("UNAVAILABLE", "LOGIN Server error - Please try again later", {"server-unavailable"}),
}


def _code(k: str | None) -> str:
    return f"[{k}] " if k else ""


IMAP_WRAPPERS = {
    # cpython:Lib/imaplib.py (IMAP4.error with the NO response's data)
    "imaplib": lambda k, t: f"imaplib.IMAP4.error: b'{_code(k)}{t}'",
    # mscdex/node-imap:lib/Connection.js (_resTagged: Error(text) with type and textCode, printed by Node)
    "node-imap": lambda k, t: (f"Error: {t}\n    at Connection._resTagged (/app/node_modules/imap/lib/Connection.js:1502:11)"
                               f" {{\n  type: 'no',\n  textCode: {repr(k) if k else 'undefined'},\n"
                               "  source: 'authentication'\n}"),
    # jstedfast/MailKit (ProtocolLogger's "S:" lines, then AuthenticationException)
    "mailkit-log": lambda k, t: (f"C: A00000001 LOGIN user@example.com ********\nS: A00000001 NO {_code(k)}{t}\n"
                                 "MailKit.Security.AuthenticationException: Authentication failed."),
    # jakartaee/mail-api:IMAPStore.java (AuthenticationFailedException with the response's text)
    "javamail": lambda k, t: (f"javax.mail.AuthenticationFailedException: {_code(k)}{t}\n\t"
                              "at com.sun.mail.imap.IMAPStore.protocolConnect(IMAPStore.java:732)"),
    # isync:src/drv_imap.c ("IMAP command '%s' returned an error: %s")
    "mbsync": lambda k, t: f"IMAP command 'LOGIN <user> <pass>' returned an error: NO {_code(k)}{t}",
    # mozilla/releases-comm-central imapMsgs.properties ("The mail server for account %S responded: %S")
    "thunderbird": lambda k, t: (f"The current operation on 'Inbox' did not succeed. The mail server for account "
                                 f"me@example.com responded: {t}"),
    # emersion/go-imap (client errors: "imap: NO ...")
    "go-imap": lambda k, t: f"imap: NO {_code(k)}{t}",
    # postalsys/imapflow:lib/imap-flow.js (Error "Command failed" with responseText and serverResponseCode)
    "imapflow": lambda k, t: (f"Error: Command failed\n  responseText: '{t}',\n  "
                              f"serverResponseCode: {repr(k) if k else 'undefined'}"),
}


@pytest.mark.parametrize(("reply", "wrapper"), [(r, w) for r in SMTP_REPLIES for w in SMTP_WRAPPERS])
def test_smtp_replies_in_every_wrapping(reply: str, wrapper: str) -> None:
    code, enhanced, text, causes = SMTP_REPLIES[reply]
    wrapped = SMTP_WRAPPERS[wrapper].format(c=code, e=enhanced, t=text)
    assert top_cause(wrapped) in causes, wrapped


@pytest.mark.parametrize(("reply", "wrapper"), [(r, w) for r in IMAP_REPLIES for w in IMAP_WRAPPERS])
def test_imap_replies_in_every_wrapping(reply: str, wrapper: str) -> None:
    response_code, text, causes = IMAP_REPLIES[reply]
    wrapped = IMAP_WRAPPERS[wrapper](response_code, text)
    assert top_cause(wrapped) in causes, wrapped


def test_exchange_s_bare_5_7_3_names_the_switched_off_smtp_auth_after_the_password() -> None:
    # "535 5.7.3 Authentication unsuccessful" with no provider named: a wrong password first, and
    # Microsoft 365's SMTP AUTH switched off for the mailbox beside it.
    causes = [d.cause for d in explain("Error: 535 5.7.3 Authentication unsuccessful").diagnoses]
    assert causes[:2] == ["password-rejected", "protocol-disabled-for-account"], causes
    # Another server's refusal says nothing of Exchange's switch.
    other = [d.cause for d in explain("535 5.7.8 Error: authentication failed: bad password").diagnoses]
    assert "protocol-disabled-for-account" not in other, other

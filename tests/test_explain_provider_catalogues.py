"""The big providers' published reply catalogues, reply by reply: every documented reply about the sender's side
(login, TLS, the sending IP address and its reputation, sending limits, the sender address and its domain's SPF,
DKIM and DMARC, content and policy, protocol use) reads as the cause its page gives, and every recipient-side
reply (an unknown, disabled or full mailbox) as the generic reply of its class -- never as something else and
never as fine. Each case quotes the reply as the provider's page (or the public copy of its list that the page
names) documents it, with the causes its words leave open, the page, and whether its words alone (as
Thunderbird shows them, without the codes) say as much. The words are read through
mailexpert/data/server-replies.yaml and the rules; the codes through status-codes.yaml and the rules.

Pages: Google's "Gmail SMTP errors and codes" and "SMTP relay service error messages"; Yahoo's Sender Hub
"SMTP error codes"; Apple's iCloud Mail postmaster page (support.apple.com/en-us/102322, with the HT204137 links
its replies carry); Microsoft's "Email non-delivery reports and SMTP errors in Exchange Online" and its SMTP AUTH
submission page; Outlook.com's postmaster troubleshooting page; Comcast's mail error codes; Yandex, Zoho, GMX /
WEB.DE / IONOS and QQ Mail's help pages. Where a provider's page lists codes with the reply's gist rather than its
words, the words are those its servers send, as sisimai/rb-sisimai:lib/sisimai/rhost/*.rb quotes them beside the
page.
"""

from __future__ import annotations

import re

import pytest

from mailexpert.explain import explain

G = 'https://support.google.com/a/answer/3726730'
GR = 'https://support.google.com/a/answer/6140680'
Y = 'https://senders.yahooinc.com/smtp-error-codes/'
A = 'https://support.apple.com/en-us/102322'
M = 'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online'
MS = 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission'
OLC = 'https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx'
C = 'http://postmaster.comcast.net/mail-error-codes.html'
X = 'https://www.xfinity.com/support/articles/email-errors'
YC = 'https://yandex.com/support/mail/mail-clients/others.html'
ZS = 'https://www.zoho.com/mail/help/zoho-smtp.html'
GMX = 'https://postmaster.gmx.com/en/error-messages'
ION = 'https://www.ionos.de/hilfe/e-mail/postmaster/smtp-fehlermeldungen-der-ionos-mailserver/'
QQ = 'https://service.mail.qq.com/detail/122/174'

# (provider, page, the reply as documented, the causes it may read as, its words alone say as much)
CASES = [
    # --- gmail
    ('gmail', G, '421 4.7.0 IP not in whitelist for RCPT domain, closing connection.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, '421 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, '421 4.7.0 TLS required for RCPT domain, closing connection.',
     ('auth-requires-tls',), True),
    ('gmail', G, '421 4.7.0 Try again later, closing connection.',
     ('client-ip-blocklisted', 'server-reply-transient', 'server-unavailable'), True),
    ('gmail', G, '421 4.7.0 Temporary System Problem. Try again later.',
     ('server-reply-transient', 'server-unavailable'), False),
    ('gmail', G, '421 4.4.5 Server busy, try again later.',
     ('server-reply-transient', 'server-unavailable'), True),
    ('gmail', G, '450 4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary error.',
     ('sending-limit-exceeded',), True),
    ('gmail', G, '451 4.3.0 Mail server temporarily rejected message.',
     ('server-reply-transient', 'server-unavailable'), False),
    ('gmail', G, '451 4.3.0 Multiple destination domains per transaction is unsupported. Please try again.',
     ('server-reply-transient',), False),
    ('gmail', G, '451 4.5.0 SMTP protocol violation, see RFC 2821.',
     ('server-protocol-error', 'server-reply-permanent', 'server-reply-transient'), True),
    ('gmail', G, '454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after STARTTLS, see RFC 3207.',
     ('server-protocol-error', 'server-reply-permanent', 'server-reply-transient'), False),
    ('gmail', G, '454 4.7.0 Cannot authenticate due to a temporary system problem. Try again later.',
     ('server-reply-transient', 'server-unavailable'), True),
    ('gmail', G, '454 4.7.0 Too many login attempts, please try again later.',
     ('account-locked',), True),
    ('gmail', G, '452 4.5.3 Your message has too many recipients.',
     ('sending-limit-exceeded', 'server-reply-transient'), False),
    ('gmail', G, '452 4.5.3 Domain policy size per transaction exceeded, please try this recipient in a separate transaction.',
     ('sending-limit-exceeded', 'server-reply-transient'), False),
    ('gmail', G, '501 5.5.4 HELO/EHLO argument is invalid.',
     ('helo-name-rejected',), True),
    ('gmail', G, '501 5.5.4 Empty HELO/EHLO argument not allowed, closing connection.',
     ('helo-name-rejected',), True),
    ('gmail', G, '503 5.5.1 EHLO/HELO first.',
     ('helo-name-rejected', 'server-protocol-error', 'server-reply-permanent', 'server-reply-transient'), True),
    ('gmail', G, '503 5.7.0 No identity changes permitted.',
     ('server-protocol-error', 'server-reply-permanent'), True),
    ('gmail', G, '504 5.7.4 Unrecognized authentication type.',
     ('auth-mechanism-unsupported',), True),
    ('gmail', G, '504 5.7.4 XOAUTH is no longer supported.',
     ('auth-mechanism-unsupported', 'oauth-required'), True),
    ('gmail', G, '530 5.5.1 Authentication Required.',
     ('smtp-auth-not-enabled',), True),
    ('gmail', G, '530 5.7.0 Must issue a STARTTLS command first.',
     ('auth-requires-tls', 'starttls-not-offered', 'starttls-stripped'), True),
    ('gmail', G, '534 5.7.9 Application-specific password required.',
     ('app-password-required',), True),
    ('gmail', G, '534 5.7.14 Please log in through your web browser and then try again.',
     ('web-login-required',), True),
    ('gmail', G, '535 5.7.1 Username and Password not accepted.',
     ('app-password-required', 'password-rejected'), True),
    ('gmail', G, '535 5.7.8 Username and Password not accepted.',
     ('app-password-required', 'password-rejected'), True),
    ('gmail', G, '550 5.4.5 Daily sending quota exceeded.',
     ('sending-limit-exceeded',), True),
    ('gmail', G, '550 5.4.5 Daily user sending limit exceeded.',
     ('sending-limit-exceeded',), True),
    ('gmail', GR, '550 5.4.5 Daily SMTP relay limit exceeded for user.',
     ('sending-limit-exceeded',), True),
    ('gmail', G, '550 5.7.1 Daily SMTP relay sending limit exceeded for customer.',
     ('sending-limit-exceeded',), True),
    ('gmail', GR, '550 5.7.0 Mail relay denied.',
     ('client-ip-blocklisted', 'sender-address-not-allowed', 'smtp-auth-not-enabled'), True),
    ('gmail', GR, '550 5.7.0 Mail Sending denied.',
     ('sender-address-not-allowed',), True),
    ('gmail', GR, '550 5.7.1 Invalid credentials for relay.',
     ('sender-address-not-allowed', 'smtp-auth-not-enabled'), True),
    ('gmail', G, '550 5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, '550 5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.',
     ('content-filtered',), True),
    ('gmail', G, "550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
     ('client-ip-blocklisted', 'mx-host-used-for-submission'), True),
    ('gmail', G, '550 5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent.',
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.7.1 Messages missing a valid address in From: header, or having no From: header, are not accepted.',
     ('content-filtered', 'sender-address-not-allowed', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.7.1 This message is not RFC 5322 compliant because it has duplicate headers.',
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.7.1 Messages missing a valid Message-ID: header are not accepted.',
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.7.1 The message contains a unicode character in a disallowed header.',
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.7.1 This message does not meet IPv6 sending guidelines regarding PTR records and authentication.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, '550 5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, "421 4.7.23 The sending IP address for this message doesn't have a PTR record, or the PTR record's forward DNS entry doesn't match the sending IP address.",
     ('client-ip-blocklisted',), True),
    ('gmail', G, '550 5.7.26 This message does not have authentication information or fails to pass authentication checks (SPF or DKIM).',
     ('sender-address-not-allowed',), True),
    ('gmail', G, "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
     ('sender-address-not-allowed',), True),
    ('gmail', G, "451 4.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy, but temporary DNS failures prevent authentication.",
     ('sender-address-not-allowed', 'server-reply-transient'), True),
    ('gmail', G, '550 5.7.26 The MAIL FROM domain [example.com] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [192.0.2.7].',
     ('sender-address-not-allowed',), True),
    ('gmail', G, '550 5.7.26 This message fails to pass SPF checks for an SPF record with a hard fail policy (-all).',
     ('sender-address-not-allowed',), True),
    ('gmail', G, '421 4.7.26 This mail has been rate limited because it is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
     ('sender-address-not-allowed',), True),
    ('gmail', G, '550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
     ('sender-address-not-allowed',), True),
    ('gmail', G, '451 4.7.24 The SPF record of the sending domain has one or more suspicious entries.',
     ('sender-address-not-allowed',), True),
    ('gmail', G, '550 5.7.24 The SPF record of the sending domain has one or more suspicious entries.',
     ('sender-address-not-allowed',), True),
    ('gmail', G, "421 4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate their email with SPF.",
     ('sender-address-not-allowed',), True),
    ('gmail', G, '550 5.7.27 This mail has been blocked because SPF does not pass. Gmail requires all large senders to authenticate with SPF.',
     ('sender-address-not-allowed',), True),
    ('gmail', G, "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate their email with DKIM.",
     ('sender-address-not-allowed',), True),
    ('gmail', G, '550 5.7.30 This mail has been blocked because DKIM does not pass. Gmail requires all large senders to authenticate with DKIM.',
     ('sender-address-not-allowed',), True),
    ('gmail', G, "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
     ('sender-address-not-allowed',), True),
    ('gmail', G, "550 5.7.32 This mail has been blocked because the sender is unauthenticated. The From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
     ('sender-address-not-allowed',), True),
    ('gmail', G, '421 4.7.0 This message is suspicious due to the very low reputation of the sending IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, '550 5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending domain. To best protect our users from spam, the message has been blocked.',
     ('client-ip-blocklisted', 'content-filtered', 'sender-address-not-allowed'), True),
    ('gmail', G, '421 4.7.0 This message is suspicious due to the nature of the content or the links within. To best protect our users from spam, the message has been blocked.',
     ('content-filtered', 'server-reply-transient'), True),
    ('gmail', G, '552 5.7.0 This message was blocked because its content presents a potential security issue.',
     ('content-filtered',), True),
    ('gmail', G, '552 5.7.0 Our system detected an illegal attachment on your message.',
     ('content-filtered',), True),
    ('gmail', G, "552 5.2.3 Your message exceeded Google's message size limits.",
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '421 4.7.28 Gmail has detected this message exceeded its quota for sending messages with the same Message-ID:.',
     ('content-filtered', 'sending-limit-exceeded', 'server-reply-transient'), True),
    ('gmail', G, '421 4.7.28 Gmail has detected an unusual rate of mail originating from your IP address 192.0.2.7. To protect our users from spam, mail has been temporarily rate limited.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, '550 5.7.28 There is an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked.',
     ('client-ip-blocklisted',), True),
    ('gmail', G, "421 4.7.29 Your email has been rate limited because this message wasn't sent over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections.",
     ('auth-requires-tls',), True),
    ('gmail', G, '554 5.7.0 Too many unauthenticated commands.',
     ('smtp-auth-not-enabled',), True),
    ('gmail', G, '554 5.6.0 Mail message is malformed. Not accepted.',
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.7.1 Encoded-word syntax is not permitted in message header Subject.',
     ('content-filtered', 'server-reply-permanent'), True),
    ('gmail', G, '550 5.1.1 The email account that you tried to reach does not exist.',
     ('server-reply-permanent',), True),
    ('gmail', G, '550 5.2.1 The email account that you tried to reach is disabled.',
     ('server-reply-permanent',), True),
    ('gmail', G, '550 5.2.1 The email account that you tried to reach is inactive.',
     ('server-reply-permanent',), True),
    ('gmail', G, '452 4.2.2 The email account that you tried to reach is over quota.',
     ('server-reply-transient',), True),
    ('gmail', G, '552 5.2.2 The email account that you tried to reach is over quota.',
     ('server-reply-permanent',), False),
    ('gmail', G, '450 4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.',
     ('server-reply-transient',), False),
    ('gmail', G, '450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.',
     ('server-reply-transient',), False),
    ('gmail', G, '554 5.4.6 Message exceeded 50 hops, this may indicate a mail loop.',
     ('server-reply-permanent',), True),
    # --- yahoo
    ('yahoo', Y, '421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
     ('client-ip-blocklisted',), True),
    ('yahoo', Y, '421 4.7.1 [TS03] All messages from 192.0.2.7 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes',
     ('client-ip-blocklisted',), True),
    ('yahoo', Y, '553 5.7.2 [TSS09] All messages from 192.0.2.7 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes',
     ('client-ip-blocklisted',), True),
    ('yahoo', Y, "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.7, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
     ('client-ip-blocklisted',), True),
    ('yahoo', Y, '553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see https://postmaster.yahooinc.com/error-codes',
     ('client-ip-blocklisted',), True),
    ('yahoo', Y, '554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes',
     ('content-filtered', 'sender-address-not-allowed'), True),
    ('yahoo', Y, '554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes',
     ('content-filtered',), True),
    ('yahoo', Y, '550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.',
     ('sender-address-not-allowed',), True),
    ('yahoo', Y, '451 Message temporarily deferred due to unresolvable RFC.5321 from domain. See https://senders.yahooinc.com/error-codes#unresolvable-from-domain',
     ('sender-address-not-allowed', 'server-reply-transient'), False),
    ('yahoo', Y, '421 Max message per connection reached, closing transmission channel',
     ('sending-limit-exceeded', 'server-reply-transient', 'too-many-connections'), True),
    ('yahoo', Y, '554 30 Sorry, your message to user@aol.com cannot be delivered. This mailbox is disabled (554.30)',
     ('server-reply-permanent',), True),
    ('yahoo', Y, "554 delivery error: dd This user doesn't have a yahoo.com account (user@yahoo.com) [0]",
     ('server-reply-permanent',), True),
    ('yahoo', Y, '451 User is receiving mail too quickly',
     ('server-reply-transient',), False),
    # --- icloud
    ('icloud', A, "554 5.7.1 Your message was rejected due to example.com's DMARC policy. See https://support.apple.com/en-us/HT204137",
     ('sender-address-not-allowed',), True),
    ('icloud', A, '554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks. See https://support.apple.com/en-us/HT204137',
     ('sender-address-not-allowed',), True),
    ('icloud', A, '550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
     ('content-filtered',), True),
    ('icloud', A, '421 4.7.1 Messages to user@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137',
     ('sending-limit-exceeded', 'server-reply-transient'), False),
    ('icloud', A, '550 5.7.1 Mail from IP 192.0.2.7 was rejected due to listing in Spamhaus SBL. For details please see http://www.spamhaus.org/query/bl?ip=192.0.2.7',
     ('client-ip-blocklisted',), True),
    ('icloud', A, '550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.7',
     ('client-ip-blocklisted',), True),
    ('icloud', 'https://support.apple.com/en-us/102525', '550 5.7.0 From address is not one of your addresses.',
     ('sender-address-not-allowed',), True),
    ('icloud', A, '552 5.2.2 <user@icloud.com>: user is over quota',
     ('server-reply-permanent',), True),
    ('icloud', A, '550 5.1.1 <user@icloud.com>: inactive email address',
     ('server-reply-permanent',), True),
    # --- microsoft
    ('microsoft', M, '550 5.7.1 Unable to relay',
     ('smtp-auth-not-enabled',), True),
    ('microsoft', M, '530 5.7.57 Client not authenticated to send mail.',
     ('smtp-auth-not-enabled',), True),
    ('microsoft', M, '530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM',
     ('smtp-auth-not-enabled',), True),
    ('microsoft', M, '550 5.7.60 SMTP; Client does not have permissions to send as this sender',
     ('sender-address-not-allowed',), True),
    ('microsoft', M, '554 5.2.252 SendAsDenied; user@example.com not allowed to send as other@example.com',
     ('sender-address-not-allowed',), True),
    ('microsoft', M, '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.',
     ('client-ip-blocklisted',), True),
    ('microsoft', M, '550 5.7.606 Access denied, banned sending IP [192.0.2.7]',
     ('client-ip-blocklisted',), True),
    ('microsoft', M, '550 5.7.511 Access denied, banned sender',
     ('client-ip-blocklisted', 'sender-address-not-allowed', 'sending-limit-exceeded'), True),
    ('microsoft', M, '550 5.7.501 Access denied, spam abuse detected',
     ('sending-limit-exceeded',), True),
    ('microsoft', M, '550 5.1.8 Access denied, bad outbound sender',
     ('sending-limit-exceeded',), True),
    ('microsoft', M, '554 5.2.2 Submission quota exceeded',
     ('sending-limit-exceeded',), True),
    ('microsoft', M, "550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients",
     ('sending-limit-exceeded',), True),
    ('microsoft', M, '550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains',
     ('sender-address-not-allowed',), True),
    ('microsoft', M, '550 5.7.705 Access denied, tenant has exceeded threshold',
     ('sending-limit-exceeded',), True),
    ('microsoft', M, '550 5.7.506 Access Denied, Bad HELO',
     ('helo-name-rejected',), True),
    ('microsoft', M, '550 5.7.25 The sending IP must have a reverse DNS record',
     ('client-ip-blocklisted',), True),
    ('microsoft', M, '550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.',
     ('sender-address-not-allowed',), True),
    ('microsoft', M, '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
     ('sender-address-not-allowed',), True),
    ('microsoft', M, '451 4.7.500 Server busy. Please try again later from [192.0.2.7]. (AS761)',
     ('client-ip-blocklisted', 'server-reply-transient', 'server-unavailable'), False),
    ('microsoft', M, '451 4.7.650 Access denied, please try again later',
     ('client-ip-blocklisted', 'server-reply-transient'), False),
    ('microsoft', M, '550 5.7.510 Access denied, example.com does not accept email over IPv6',
     ('client-ip-blocklisted', 'server-reply-permanent'), True),
    ('microsoft', M, '550 5.7.64 TenantAttribution; Relay Access Denied',
     ('client-ip-blocklisted', 'smtp-auth-not-enabled'), True),
    ('microsoft', M, '550 5.7.520 Access denied, Your organization does not allow external forwarding.',
     ('sender-address-not-allowed', 'server-reply-permanent'), True),
    ('microsoft', M, '550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant',
     ('content-filtered', 'sender-address-not-allowed', 'server-reply-permanent'), True),
    ('microsoft', M, '550 5.7.513 Service unavailable, Client host [192.0.2.7] blocked by example.com using Customer Block list (AS16012607)',
     ('client-ip-blocklisted',), True),
    ('microsoft', M, '550 5.7.507 Access denied, rejected by recipient',
     ('client-ip-blocklisted',), True),
    ('microsoft', M, '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
     ('server-reply-permanent',), True),
    ('microsoft', M, '550 5.1.1 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
     ('server-reply-permanent',), True),
    ('microsoft', M, '550 5.4.1 Recipient address rejected: Access denied. AS(201806281)',
     ('server-reply-permanent',), True),
    ('microsoft', M, '550 5.7.12 Sender was not authenticated by organization',
     ('server-reply-permanent',), True),
    ('microsoft', M, '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed because the sender was not authenticated when sending to this group',
     ('server-reply-permanent', 'smtp-auth-not-enabled'), False),
    ('microsoft', M, "550 5.2.121 Recipient's per hour message receive limit from specific sender exceeded",
     ('sending-limit-exceeded',), True),
    ('microsoft', M, "550 5.2.122 Recipient's per hour message receive limit exceeded",
     ('sending-limit-exceeded', 'server-reply-permanent', 'server-reply-transient'), True),
    ('microsoft', M, '554 5.4.14 Hop count exceeded - possible mail loop ATTR34',
     ('server-reply-permanent',), True),
    ('microsoft', MS, '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
     ('basic-auth-disabled', 'protocol-disabled-for-account', 'smtp-auth-not-enabled'), True),
    ('microsoft', MS, '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
     ('basic-auth-disabled',), True),
    ('microsoft', MS, '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.',
     ('password-rejected',), True),
    ('microsoft', MS, "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
     ('basic-auth-disabled',), True),
    ('microsoft', MS, '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.',
     ('basic-auth-disabled',), True),
    ('microsoft', MS, '535 5.7.3 Authentication unsuccessful',
     ('basic-auth-disabled', 'password-rejected', 'protocol-disabled-for-account'), True),
    ('microsoft', 'https://aka.ms/smtp_auth_tls', '421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.',
     ('tls-version-client-outdated',), True),
    ('microsoft', MS, '451 5.7.3 STARTTLS is required to send mail',
     ('auth-requires-tls',), True),
    ('microsoft', 'https://aka.ms/concurrent_sending', '432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information.',
     ('too-many-connections',), True),
    # --- outlook.com
    ('outlook.com', OLC, "550 5.7.1 Unfortunately, messages from [192.0.2.7] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 5.7.1 Unfortunately, messages from [192.0.2.7] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).",
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, '550 5.7.1 Service unavailable, Client host [192.0.2.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.7 (AS3130).',
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, '550 5.7.1 Service unavailable, Client host [192.0.2.7] blocked using Blocklist 1; To request removal from this list please forward this message to delist@messaging.microsoft.com',
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 SC-001 (BAY0-MC1-F21) Unfortunately, messages from 192.0.2.7 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges.",
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 SC-002 (COL0-MC1-F14) Unfortunately, messages from 192.0.2.7 weren't sent. Please contact your Internet service provider since part of their network is on our block list.",
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 DY-001 (SNT0-MC1-F3) Unfortunately, messages from 192.0.2.7 weren't sent. Please contact your Internet service provider. We do not accept email from dynamic IPs or unauthenticated senders.",
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 OU-001 (SNT0-MC1-F14) Unfortunately, messages from 192.0.2.7 weren't sent. Please contact your Internet service provider.",
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 OU-002 (COL0-MC5-F28) Unfortunately, messages from 192.0.2.7 weren't sent. Please contact your Internet service provider.",
     ('client-ip-blocklisted', 'content-filtered'), True),
    ('outlook.com', OLC, "421 RP-001 (BAY0-MC1-F7) Unfortunately, some messages from 192.0.2.7 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.",
     ('client-ip-blocklisted', 'sending-limit-exceeded'), True),
    ('outlook.com', OLC, "421 RP-002 (COL0-MC2-F3) Unfortunately, some messages from 192.0.2.7 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.",
     ('client-ip-blocklisted', 'sending-limit-exceeded'), True),
    ('outlook.com', OLC, "421 RP-003 (BAY0-MC2-F9) Unfortunately, some messages from 192.0.2.7 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.",
     ('client-ip-blocklisted', 'sending-limit-exceeded'), True),
    ('outlook.com', OLC, '451 4.7.650 The mail server [192.0.2.7] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775)',
     ('client-ip-blocklisted',), True),
    ('outlook.com', OLC, "550 5.7.1 Unfortunately, messages from [192.0.2.7] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
     ('client-ip-blocklisted',), True),
    # --- comcast
    ('comcast', C, '554 resimta-ch2-18v.sys.comcast.net comcast 192.0.2.7 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001',
     ('client-ip-blocklisted',), True),
    ('comcast', C, '554 resimta-po-14v.sys.comcast.net comcast 192.0.2.7 Comcast block for spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000',
     ('client-ip-blocklisted',), True),
    ('comcast', X, '554 imta.comcast.net comcast 192.0.2.7 Comcast ES000001 blocked from sending to Comcast: dynamic/residential IP address. Please see http://postmaster.comcast.net/smtp-error-codes.php#ES000001',
     ('client-ip-blocklisted',), True),
    ('comcast', C, '421 imta.comcast.net comcast Too many sessions opened',
     ('server-reply-transient', 'too-many-connections'), True),
    ('comcast', C, '421 imta.comcast.net comcast Reverse DNS failure : Try again later',
     ('client-ip-blocklisted',), True),
    ('comcast', C, '550 5.1.1 user@comcast.net is not a valid mailbox',
     ('server-reply-permanent',), True),
    # --- yandex
    ('yandex', 'https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html', '554 5.7.1 Message rejected under suspicion of SPAM',
     ('content-filtered',), True),
    ('yandex', YC, '553 5.7.1 Sender address rejected: not owned by auth user.',
     ('sender-address-not-allowed',), True),
    ('yandex', YC, '535 5.7.8 Error: authentication failed: This user does not have access rights to this service',
     ('app-password-required', 'protocol-disabled-for-account'), True),
    # --- zoho
    ('zoho', ZS, '553 Relaying disallowed as user@example.com',
     ('sender-address-not-allowed',), True),
    ('zoho', ZS, '553 Sender is not allowed to relay emails',
     ('sender-address-not-allowed',), True),
    ('zoho', 'https://www.zoho.com/mail/help/usage-policy.html', '550 5.4.6 Unusual sending activity detected. Please try after sometime.',
     ('sending-limit-exceeded',), True),
    ('zoho', 'https://www.zoho.com/mail/help/imap-access.html', 'NO [ALERT] You are yet to enable IMAP for your account',
     ('protocol-disabled-for-account',), True),
    # --- gmx
    ('gmx', GMX, '554-No SMTP service 554-IP address is block listed.',
     ('client-ip-blocklisted',), True),
    ('gmx', GMX, '554-No SMTP service 554-Bad DNS PTR resource record.',
     ('client-ip-blocklisted',), True),
    ('gmx', ION, '421 Rate limit reached. Please try again later',
     ('sending-limit-exceeded',), True),
    ('gmx', ION, '421 Reject due to policy violations',
     ('client-ip-blocklisted',), True),
    ('gmx', 'https://postmaster.web.de/en/error-messages', '550 Reject due to policy restrictions (IP based)',
     ('client-ip-blocklisted',), True),
    # --- qq
    ('qq', QQ, '550 Sender frequency limited',
     ('sending-limit-exceeded',), True),
    ('qq', 'https://service.mail.qq.com/cgi-bin/help?id=20022', '550 Suspected spam ip',
     ('client-ip-blocklisted',), True),
]


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


def _as_sent(provider: str, reply: str) -> str:
    # Google's servers end every reply with "- gsmtp" (support.google.com/a/answer/3726730).
    return reply + (" - gsmtp" if provider == "gmail" else "")


def _words(reply: str) -> str:
    return re.sub(r"^\d{3}(?:[ -]\d\.\d{1,3}\.\d{1,3})?\s+", "", reply).rstrip(".")


def _id(case: tuple) -> str:
    return f"{case[0]}: {case[2][:60]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_documented_reply_with_its_codes(case: tuple) -> None:
    provider, _page, reply, causes, _words_too = case
    assert top(_as_sent(provider, reply)) in causes


@pytest.mark.parametrize("case", [c for c in CASES if c[2][:1].isdigit()], ids=_id)
def test_documented_reply_in_outlooks_error(case: tuple) -> None:
    provider, _page, reply, causes, _words_too = case
    text = ("Send test e-mail message: Your outgoing (SMTP) e-mail server has reported an internal error. If you"
            " continue to receive this message, contact your server administrator or Internet service provider"
            f" (ISP). The server responded: {_as_sent(provider, reply)}")
    assert top(text) in causes


@pytest.mark.parametrize("case", [c for c in CASES if c[4]], ids=_id)
def test_documented_words_alone_in_thunderbirds_error(case: tuple) -> None:
    _provider, _page, reply, causes, _words_too = case
    text = (f"An error occurred while sending mail. The mail server responded: {_words(reply)}."
            " Please check the message and try again.")
    assert top(text) in causes

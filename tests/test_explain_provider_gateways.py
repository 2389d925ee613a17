"""The documented replies of the e-mail security gateways in front of company mail (Cisco Secure Email, Mimecast,
Proofpoint, Sophos Email, Symantec Email Security.cloud, Trend Micro) and of the DNS block lists as they appear inside a
refusal (SpamCop, UCEPROTECT), each with its codes as the gateway sends it and as the words alone a client or a
bounce shows ("The mail server responded: ..."): each is read as the cause the gateway's own documentation gives
it, not as a locked account, a blocked port or a bare refusal."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CASES = [
    # Cisco Secure Email (IronPort): the BLOCKED mail flow policy's reject banner for a sender of poor reputation
    # (AsyncOS for Email user guide, Host Access Table), as a Postfix log quotes it.
    ("554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe"
     " that this failure is in error, please contact the intended recipient via alternate means.",
     "client-ip-blocklisted"),
    ("postfix/smtp[20734]: 84DCA47A7B7: host mgate4.example.org[192.0.2.12] refused to talk to me: 554-mgate4.example.org"
     " 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe"
     " that this failure is in error, please contact the intended recipient via alternate means.",
     "client-ip-blocklisted"),
    ("The mail server responded: Your access to this mail system has been rejected due to the sending MTA's poor"
     " reputation.", "client-ip-blocklisted"),
    # Cisco Secure Email's per-hour recipient limit (Host Access Table, Max. Recipients Per Hour);
    # knowledge.broadcom.com/external/article/385809.
    ("452 Too many recipients received this hour", "sending-limit-exceeded"),
    ("The mail server responded: Too many recipients received this hour", "sending-limit-exceeded"),
    # An outgoing server's reputation system, as Mailbird shows its words (support.getmailbird.com article
    # 39690426358679): the sending address flagged, not a closed port, whatever "Connection refused" says.
    ("Connection refused - OB119.", "client-ip-blocklisted"),
    ("Sending failed: Connection refused - OB115", "client-ip-blocklisted"),
    # Proofpoint Dynamic Reputation's lookup link (ipcheck.proofpoint.com), as iCloud's MX sends it.
    ("550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1", "client-ip-blocklisted"),
    ("The mail server responded: 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
     "client-ip-blocklisted"),
    # Trend Micro Email Reputation Services (success.trendmicro.com/solution/1097055 and /1056643).
    ("550 5.7.1 Your email messages have been blocked by the recipient OR by Trend Micro Email Reputation Service."
     " Contact the recipient or his/her administrator using alternate means to resolve the issue.",
     "client-ip-blocklisted"),
    ("The mail server responded: Your email messages have been blocked by Trend Micro Email Reputation Service.",
     "client-ip-blocklisted"),
    ("550 Mail from 192.0.2.1 refused by rbl-plus.mail-abuse.org. Please refer to http://mail-abuse.org/rbl+ for an"
     " explanation", "client-ip-blocklisted"),
    # Symantec Email Security.cloud (MessageLabs): the sending address's negative reputation
    # (knowledge.broadcom.com/external/article/164955) and its block (article 165165).
    ("501 Connection rejected by policy [7.7] 20805, please visit www.messagelabs.com/support for more details about"
     " this error message.", "client-ip-blocklisted"),
    ("The mail server responded: Connection rejected by policy [7.7] 20805, please visit www.messagelabs.com/support"
     " for more details about this error message.", "client-ip-blocklisted"),
    ("553 Sorry, your IP address has been blocked", "client-ip-blocklisted"),
    ("The mail server responded: Sorry, your IP address has been blocked", "client-ip-blocklisted"),
    # ... its relay refusal for an address that is no outbound route of the account (article 162137) ...
    ("553 You are trying to use me [server-4.tower-1.messagelabs.com] as a relay, but I have not been configured to"
     " let you [192.0.2.1, example] do this.", "smtp-auth-not-enabled"),
    ("The mail server responded: You are trying to use me [server-4.tower-1.messagelabs.com] as a relay, but I have"
     " not been configured to let you [192.0.2.1, example] do this.", "smtp-auth-not-enabled"),
    # ... a sending domain or IP not registered for the account's outbound mail (sisimai's messagelabs.rb) ...
    ("550 sender envelope domain not allowed for sender IP address (#5.1.8)", "sender-address-not-allowed"),
    ("The mail server responded: sender envelope domain not allowed for sender IP address",
     "sender-address-not-allowed"),
    # ... a message its anti-spam filtered (article 173867) ...
    ("553 Message Filtered", "content-filtered"),
    ("The mail server responded: Message filtered by Outbound scanning", "content-filtered"),
    # ... and its demand for encryption at RCPT TO (article 162152).
    ("451 TLS/SSLv3 Connection required. (#4.7.1)", "auth-requires-tls"),
    ("The mail server responded: TLS/SSLv3 Connection required. (#4.7.1)", "auth-requires-tls"),
    # Mimecast SMTP Error Codes (community.mimecast.com, as sisimai/rb-sisimai:lib/sisimai/rhost/mimecast.rb lists them).
    ("550 Local CT IP Reputation - (reject)", "client-ip-blocklisted"),
    ("The mail server responded: Local CT IP Reputation - (reject)", "client-ip-blocklisted"),
    ("550 csi.mimecast.org Poor Reputation Sender. - https://community.mimecast.com/docs/DOC-1369#550",
     "client-ip-blocklisted"),
    ("The mail server responded: csi.mimecast.org Poor Reputation Sender.", "client-ip-blocklisted"),
    ("554 Host network not allowed", "client-ip-blocklisted"),
    ("The mail server responded: Host network not allowed", "client-ip-blocklisted"),
    ("554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554",
     "content-filtered"),
    ("The mail server responded: Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369",
     "content-filtered"),
    ("The mail server responded: Message bounced due to Content Examination Policy", "content-filtered"),
    ("553 This route requires TLS version 1.2 or greater", "tls-version-client-outdated"),
    ("The mail server responded: This route requires TLS version 1.2 or greater", "tls-version-client-outdated"),
    ("The mail server responded: This route requires encryption (TLS)", "auth-requires-tls"),
    # Mimecast's words for its own load, its greylisting and the account's connections: a temporary refusal, not a
    # blocked port or a locked account.
    ("The mail server responded: Unable to process connection at this time", "server-reply-transient"),
    ("The mail server responded: Internal resources are temporarily unavailable", "server-unavailable"),
    ("The mail server responded: Account service is temporarily unavailable", "server-unavailable"),
    # The recipient's own block list holds the sender address: no setting of the sender's explains it.
    ("The mail server responded: Envelope blocked - User Entry", "server-reply-permanent"),
    ("The mail server responded: Sorry, your email address has been blocked", "server-reply-permanent"),
    # Sophos Email's codes (docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/SMTPErrorCodes):
    # 0004 the sender IP failed an RBL test, 0001-0003 DKIM, SPF, DMARC failed, 0014 the recipient's inbound rate
    # limit for one sender; 0008 (the recipient's block list) and 0011 (no such recipient) stay the bare refusal.
    ("550 5.7.1 XGEMAIL_0004 Command rejected", "client-ip-blocklisted"),
    ("The mail server responded: 5.7.1 XGEMAIL_0004 Command rejected", "client-ip-blocklisted"),
    ("550 5.7.1 XGEMAIL_0002 Command rejected", "sender-address-not-allowed"),
    ("550 5.7.1 XGEMAIL_0003 Command rejected", "sender-address-not-allowed"),
    ("The mail server responded: 5.7.1 XGEMAIL_0001 Command rejected", "sender-address-not-allowed"),
    ("550 5.7.1 XGEMAIL_0014 Command rejected", "sending-limit-exceeded"),
    ("550 5.7.1 XGEMAIL_0008 Command rejected", "server-reply-permanent"),
    ("550 5.7.1 XGEMAIL_0011 Command rejected", "server-reply-permanent"),
    # Trend Micro's dynamic reputation list defers first (docs.trendmicro.com, Email Reputation Services).
    ("450 4.7.1 Mail from 192.0.2.1 deferred using Trend Micro Email Reputation database. Please see"
     " <http://www.mail-abuse.com/cgi-bin/lookup?192.0.2.1>", "client-ip-blocklisted"),
    # Mimecast's DKIM check of the sender's domain (community.mimecast.com, Mimecast SMTP Error Codes).
    ("550 DKIM Sender Invalid - envelope rejected", "sender-address-not-allowed"),
    ("The mail server responded: DKIM Sender Invalid - envelope rejected", "sender-address-not-allowed"),
    # Cisco Secure Email's Envelope Sender DNS Verification and Sendmail's check_mail: the sender's domain does not
    # exist (cisco.com technote 118556) or does not resolve (knowledge.broadcom.com/external/article/214073).
    ("553 #5.1.8 Domain of sender address <bob@example.invalid> does not exist", "sender-address-not-allowed"),
    ("The mail server responded: 5.1.8 <bob@example.invalid>... Domain of sender address bob@example.invalid does not"
     " exist", "sender-address-not-allowed"),
    ("451 4.1.8 Domain of sender address bob@example.invalid does not resolve", "sender-address-not-allowed"),
    # Exim's own words for a dnslists refusal (its rejectlog: "rejected because ADDR is in a black list at LIST").
    ("550 rejected because 192.0.2.1 is in a black list at zen.spamhaus.org", "client-ip-blocklisted"),
    ("The mail server responded: rejected because 192.0.2.1 is in a black list at bl.spamcop.net",
     "client-ip-blocklisted"),
    # Proofpoint's lookup links as the words alone (ipcheck.proofpoint.com; the earlier dnsbl-lookup.cgi).
    ("The mail server responded: Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1", "client-ip-blocklisted"),
    ("Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1", "client-ip-blocklisted"),
    # Proofpoint Essentials' outbound limits (support.proofpointessentials.com Knowledgebase article 334): not a
    # locked account.
    ("450 4.7.1 <bob@example.com>: Sender address rejected: Proofpoint Essentials Terms of Service: burst rate limit"
     " exceeded, you may need to request activating a 'bulk sender' profile.", "sending-limit-exceeded"),
    ("The mail server responded: Sender address rejected: Proofpoint Essentials Terms of Service: burst rate limit"
     " exceeded", "sending-limit-exceeded"),
    ("554 5.7.1 You have reached a limit for sending email", "sending-limit-exceeded"),
    # Mimecast's greylisting in the singular, as Exim logs quote it.
    ("The mail server responded: Internal resource temporarily unavailable - https://community.mimecast.com/docs/"
     "DOC-1369#451", "server-unavailable"),
    # Gmail's notice of a message Mimecast refused for its content.
    ("** Message blocked **\n\nYour message to bob@example.org has been blocked. See technical details below for more"
     " information.\n\nThe response from the remote server was:\n554 Email rejected due to security policies -"
     " https://community.mimecast.com/docs/DOC-1369#554 [abc.us1]", "content-filtered"),
    # Cisco Secure Email's banner in another wording, with Cisco Talos's reputation lookup link.
    ("host mail.example.se[192.0.2.24] refused to talk to me: 554-mail.example.se 554 your access to this mail system"
     " has been rejected due to the sending MTA poor reputation. If you believe that this failure is in error please"
     " contact the intended recipient via alternate means. 554-554 https://www.talosintelligence.com/reputation_center",
     "client-ip-blocklisted"),
    # Cloudmark Sender Intelligence's reset form for the sending address (csi.cloudmark.com/en/reset).
    ("550 5.7.1 Rejected - see https://csi.cloudmark.com/reset-request/?ip=192.0.2.1", "client-ip-blocklisted"),
    ("The mail server responded: 5.7.1 192.0.2.1 has been blocked. See csi.cloudmark.com/reset-request/?ip=192.0.2.1",
     "client-ip-blocklisted"),
    # "Your IP ... blocked" in other filters' words: LogSat SpamFilter's IP Blacklist Cache (a temporary ban, not a
    # server outage), a gateway's block of the sending address.
    ("421 Your IP is temporarily blocked, please try again later", "client-ip-blocklisted"),
    ("The mail server responded: Your IP is temporarily blocked, please try again later", "client-ip-blocklisted"),
    ("550 5.7.1 Your IP has been blocked by Trend Micro", "client-ip-blocklisted"),
    # Trend Micro InterScan Messaging Security's relay refusal (success.trendmicro.com, KA-0004824).
    ("550 domain of forward path is not allowed", "smtp-auth-not-enabled"),
    ("The mail server responded: domain of forward path is not allowed", "smtp-auth-not-enabled"),
    # A recipient server's refusal of an Office macro attachment, as Broadcom lists it among content refusals
    # (knowledge.broadcom.com/external/article/162445).
    ("552 MS-Office file containing VBA macros found inside of the email", "content-filtered"),
    ("The mail server responded: MS-Office file containing VBA macros found inside of the email", "content-filtered"),
    # The DNS block lists' own links and names inside a refusal: SpamCop (spamcop.net/bl.shtml), UCEPROTECT
    # (uceprotect.net/en/rblcheck.php).
    ("550 5.7.1 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1", "client-ip-blocklisted"),
    ("554 5.7.1 Your IP 192.0.2.1 is UCEPROTECT-Level1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.1",
     "client-ip-blocklisted"),
]


@pytest.mark.parametrize(("text", "cause"), CASES, ids=[f"case#{i}" for i in range(len(CASES))])
def test_gateway_reply_names_its_documented_cause(text: str, cause: str) -> None:
    assert top(text) == cause, text


@pytest.mark.parametrize("text", [
    # A domain list names the sender's domain, not the client's address (rules/shared/client-ip-refused.yaml).
    "554 5.7.1 <bob@example.org>: Sender address rejected: blocked using dbl.spamhaus.org",
    "550 rejected because example.org is in a black list at dbl.spamhaus.org",
    "550 5.7.1 Your IP is not blocked; the recipient does not exist",
    # A message refused for its content by the same gateway is no block of the address.
    "554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554",
])
def test_gateway_words_do_not_overreach(text: str) -> None:
    assert top(text) != "client-ip-blocklisted"

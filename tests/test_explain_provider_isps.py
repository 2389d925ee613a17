"""The replies of cable ISPs, hosts and sending services as their own pages document them (Cox's and Spectrum's AUP
codes, Spectrum/Road Runner's outbound limit, GoDaddy's IB codes, web.de/GMX, MXroute, Rackspace, La Poste, Brevo)
and a sendmail transcript that quotes the remote server's refusal before restating it in its own words: each is read
as the cause the provider's documentation gives it, not as a bare refusal, a temporary failure or a broken server."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CASES = [
    # Cox's AUP codes (cox.com/business/support/email-error-codes.html): CXCNCT, too many concurrent SMTP
    # connections from the sending address (at most 10), as a bounce's Diagnostic-Code quotes it.
    ("Diagnostic-Code: smtp; 421 cmsmtp blocked. Refer to Error Codes section at for more information."
     " AUP#CXCNCT: retry timeout exceeded", "too-many-connections"),
    ("SMTP<< 421 cmsmtp blocked. Refer to Error Codes section at for more information. AUP#CXCNCT",
     "too-many-connections"),
    # Spectrum's AUP#I-1300 to 1340: limits on concurrent and total connections (1350 and up: sending limits).
    ("421 4.7.0 cmsmtp 192.0.2.1 blocked. AUP#I-1310 Too many concurrent connections", "too-many-connections"),
    ("421 4.7.0 cmsmtp 192.0.2.1 blocked. AUP#I-1340", "too-many-connections"),
    # Sendmail's transcript: the remote's "<<< 554 ... AUP#CXBL" (the sending IP address blocked for spam-like
    # behaviour) is why, not the "554 5.0.0 Service unavailable" sendmail restates it with (sysexits.c SysExMsg).
    ("----- The following addresses had permanent fatal errors -----\n"
     "(reason: 554 cmsmtp blocked. Refer to Error Codes section at for more information. AUP#CXBL)\n"
     "----- Transcript of session follows -----\n"
     "... while talking to mx.example.net.:\n"
     "<<< 554 cmsmtp blocked. Refer to Error Codes section at for more information. AUP#CXBL\n"
     "554 5.0.0 Service unavailable", "client-ip-blocklisted"),
    # Spectrum/Road Runner's outbound servers: 1,000 recipients a day per IP address (support.brighthouse.com 1687).
    ("ERROR:5.7.1:550 Outbound Mail Refused - 192.0.2.1 See http://help.rr.com/outboundemail - 2014-05-01",
     "sending-limit-exceeded"),
    ("The mail server responded: Outbound Mail Refused - 192.0.2.1 See http://help.rr.com/outboundemail",
     "sending-limit-exceeded"),
    # Rackspace's G28: an address without reputation sending volume (postmaster.emailsrvr.com response codes).
    ("451 4.7.1 Received too many messages from a new or untrusted IP (G28)", "sending-limit-exceeded"),
    # GoDaddy's IB codes name the block whatever the bounce carries where the address belongs (an unfilled
    # template variable), and Cloudmark Sender Intelligence is a reputation list of sending addresses.
    ("554 IB103. Connection refused. $(_ipsrc) has a poor reputation on Cloudmark Sender Intelligence (CSI).",
     "client-ip-blocklisted"),
    ("554 IB105. Connection refused. 192.0.2.1 is listed on the Exploits Block List (XBL).", "client-ip-blocklisted"),
    ("554 $(_ipsrc) has been temporarily blocked for attempting to send too many messages containing content judged"
     " to be spam by the internet community. IB110", "client-ip-blocklisted"),
    ("554 192.0.2.1 has been blocked for the day, for attempting to mail too many invalid recipients. IB113",
     "client-ip-blocklisted"),
    ("550 5.7.1 Connection refused: 192.0.2.1 has a poor reputation on Cloudmark Sender Intelligence",
     "client-ip-blocklisted"),
    # web.de/GMX: mail from an address largely classed as spam refused for a time (postmaster.web.de).
    ("550 <bob@example.org>: Reject due to policy restrictions (IP based)", "client-ip-blocklisted"),
    ("The mail server responded: Reject due to policy restrictions (IP based)", "client-ip-blocklisted"),
    # MXroute: the address blocked for 24 hours after many rejected messages (docs.mxroute.com, SMTP blocks).
    ("554 Your IP address is flooding our SMTP server with abusive requests", "client-ip-blocklisted"),
    # RFC 7372's DKIM codes and La Poste's words: the sender domain does not sign as the receiver requires.
    ("550 5.7.20 Message refuse, DKIM n'est pas configure sur votre domaine d'expedition. Message refused, DKIM is not"
     " configured on your sending domain. LPN007_402", "sender-address-not-allowed"),
    ("550 5.7.20 No passing DKIM signature found", "sender-address-not-allowed"),
    ("550 5.7.22 Message rejected", "sender-address-not-allowed"),
    # Brevo's transactional SMTP not yet switched on for the account, in the words a plugin shows.
    ("Unable to send email. Your SMTP account is not yet activated. Please contact us at contact@sendinblue.com to"
     " request activation", "protocol-disabled-for-account"),
    ("502 5.7.0 Your SMTP account is not yet activated", "protocol-disabled-for-account"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_provider_reply_is_read_as_its_documented_cause(text: str, cause: str) -> None:
    assert top(text) == cause


# What must keep its own reading: sendmail's restatement alone is a generic refusal (nothing earlier to
# defer to); a web.de refusal of the sender domain is no refusal of the address; GoDaddy's rate-limit
# and HELO codes are not blocks of the address; a DKIM signature that passed is no DKIM failure.
def test_sendmail_restatement_alone_is_no_ip_block() -> None:
    assert top("554 5.0.0 Service unavailable") != "client-ip-blocklisted"


def test_webde_domain_based_policy_is_not_an_ip_block() -> None:
    assert top("550 <bob@example.org>: Reject due to policy restrictions (domain based)") != "client-ip-blocklisted"


@pytest.mark.parametrize("text", [
    "501 HELO/EHLO rejected. IB301",
    "550 This IP has sent too many messages this hour. IB504",
])
def test_godaddy_other_codes_are_no_ip_block(text: str) -> None:
    assert top(text) != "client-ip-blocklisted"


def test_dkim_pass_in_a_spam_refusal_is_no_sender_refusal() -> None:
    assert top("550 5.7.1 Message rejected as spam by Content Filtering. spf=pass dkim=pass dmarc=pass") \
        != "sender-address-not-allowed"

"""Two label conventions: a server that refuses the client's address because it has no reverse DNS
(PTR) name, or one that does not resolve back, is the refused-address cause (client-ip-blocklisted,
with advice on the PTR record); a server that refuses the sender address because its domain does
not authorise the server (SPF, DMARC) is the sender-address cause (sender-address-not-allowed, with
advice on the SPF record). The texts are written for these tests in the forms the rule files cite
(rules/shared/client-ip-refused.yaml, rules/authentication/sender-address-not-allowed.yaml), with
documentation addresses and domains."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str):
    found = explain(text).top
    assert found is not None, text
    return found


REVERSE_DNS_TEXTS = [
    # Postfix reject_unknown_client_hostname, as a PHP library shows it
    'Expected response code 250 but got code "450", with message "450 4.7.25 Client host rejected: cannot find '
    'your hostname, [198.51.100.20]"',
    # Postfix reject_unknown_reverse_client_hostname, permanent, in a bounce
    "<carol@example.net>: host mx.example.net[192.0.2.25] said: 550 5.7.1 Client host rejected: cannot find your "
    "reverse hostname, [198.51.100.20] (in reply to RCPT TO command)",
    # Microsoft 365 over IPv6
    "smtplib.SMTPRecipientsRefused: {'carol@example.net': (550, b'5.7.25 Access denied, the sending IPv6 address "
    "[2001:db8::20] must have a reverse DNS record')}",
    # Gmail
    "550-5.7.25 [198.51.100.20] The IP address sending this message does not have a PTR record setup, or the "
    "corresponding forward DNS entry does not point to the sending IP.",
    # Comcast, temporary on the wire
    "421 - [Reverse DNS failure : Try again later]",
    # GMX in place of the greeting
    "554-No SMTP service\n554-Bad DNS PTR resource record.\n554 For explanation visit "
    "https://www.gmx.net/mail/senderguidelines?ip=198.51.100.20&c=rdns",
    # Exim's reverse lookup check, its log message returned to the client
    "550 host lookup failed for reverse lookup check (failed to find host name from IP address)",
    # Postfix's own log line: its helo= field names the client's EHLO name only in passing
    "postfix/smtpd[2105]: NOQUEUE: reject: RCPT from unknown[198.51.100.20]: 450 4.7.1 Client host rejected: "
    "cannot find your reverse hostname, [198.51.100.20]; from=<alice@example.org> to=<carol@example.net> "
    "proto=ESMTP helo=<pc.example.org>",
]


@pytest.mark.parametrize("text", REVERSE_DNS_TEXTS)
def test_a_reverse_dns_refusal_is_the_refused_address(text: str) -> None:
    found = top(text)
    assert found.cause == "client-ip-blocklisted", (found.cause, text)
    advice = " ".join(found.fix)
    assert "reverse DNS (PTR)" in found.summary and "PTR" in advice and "587" in found.fix[0], found.fix


@pytest.mark.parametrize("text", [REVERSE_DNS_TEXTS[0], REVERSE_DNS_TEXTS[4]])
def test_a_temporary_reverse_dns_refusal_is_an_error_that_retrying_does_not_fix(text: str) -> None:
    found = top(text)
    assert found.severity == "error", found.severity
    assert "retrying from the same address does not help" in found.summary


@pytest.mark.parametrize(("text", "cause"), [
    # a HELO name that does not resolve: the client's own setting
    ("550 5.7.1 <pc.local>: Helo command rejected: Host not found", "helo-name-rejected"),
    # Sendmail refuses to relay for a client that did not log in, and names the lookup in passing
    ("550 5.7.1 <carol@example.net>... Relaying denied. IP name lookup failed [198.51.100.20]", "smtp-auth-not-enabled"),
    # an SPF refusal that gives the address's reverse DNS name as information: the sender domain is the cause
    ("550 5.7.1 Message rejected because of SPF fail for example.org (reverse DNS: host.example.net)",
     "sender-address-not-allowed"),
])
def test_refusals_that_only_mention_the_name_are_other_causes(text: str, cause: str) -> None:
    assert top(text).cause == cause


SENDER_DOMAIN_TEXTS = [
    # postfix-policyd-spf-python behind Postfix, through nodemailer
    "Error: Can't send mail - all recipients were rejected: 550 5.7.23 <carol@example.net>: Recipient address "
    "rejected: Message rejected due to: SPF fail - not authorized. Please see "
    "http://www.openspf.net/Why?s=mfrom;id=alice@example.org;ip=198.51.100.20;r=<UNKNOWN>",
    # Microsoft 365's SPF refusal
    "550 5.7.23 The message was rejected because of Sender Policy Framework violation",
    # Microsoft 365's DMARC reject
    "550 5.7.509 Access denied, sending domain example.org does not pass DMARC verification and has a DMARC "
    "policy of reject.",
    # Gmail's DMARC refusal
    "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy.",
    # Yahoo and AOL
    "554 5.7.9 Message not accepted for policy reasons.  See https://senders.yahooinc.com/error-codes",
    # Infomaniak's submission server
    "Sender denied: auth guards failed",
    # Exim's SPF ACL, as its specification words the message (the reply opens with the address)
    "550 198.51.100.20 is not allowed to send mail from example.org",
    "SMTP error from remote mail server after RCPT TO:<carol@example.net>: 550 5.7.1 198.51.100.20 is not allowed "
    "to send mail from example.org",
    # the registry's code alone
    "550 5.7.23 Rejected",
]


@pytest.mark.parametrize("text", SENDER_DOMAIN_TEXTS)
def test_an_spf_or_dmarc_refusal_is_the_sender_address(text: str) -> None:
    found = top(text)
    assert found.cause == "sender-address-not-allowed", (found.cause, text)
    assert "SPF" in " ".join(found.fix), found.fix


@pytest.mark.parametrize("text", [
    # Gmail's app password answers the login with 5.7.9 too
    "534-5.7.9 Application-specific password required.",
    # a temporary SPF error may pass later
    "450 4.7.24 <carol@example.net>: Recipient address rejected: temporary DNS error in processing",
    # a spam filter's refusal that shows SPF and DMARC passed
    "550 5.7.1 Message rejected as spam by Content Filtering. spf=pass dkim=pass dmarc=pass",
    # an unknown recipient, the sender's SPF check passed
    "550 5.1.1 <carol@example.net>: Recipient address rejected: User unknown in virtual mailbox table. SPF: pass",
])
def test_other_replies_are_not_a_sender_domain_refusal(text: str) -> None:
    assert top(text).cause != "sender-address-not-allowed"


@pytest.mark.parametrize(("text", "cause"), [
    # A reply to AUTH (RFC 4954's 534, 535, 538) is the verdict on the login, whatever its help link or a policy it
    # quotes names: Gmail's 535 with a policy note pasted after it, a Postfix 535 whose text names reverse DNS.
    ("535-5.7.8 Username and Password not accepted. For more information, go to "
     "https://support.google.com/mail/?p=BadCredentials; DMARC", "app-password-required"),
    ("535 5.7.8 Authentication credentials invalid. Help: https://help.example.net/smtp-auth-spf-dmarc",
     "password-rejected"),
    ("535 5.7.8 Error: authentication failed. Reverse DNS is not checked for authenticated clients",
     "password-rejected"),
    ("534-5.7.9 Application-specific password required. Mail sent without it fails rDNS and SPF checks",
     "app-password-required"),
])
def test_a_mention_inside_a_login_refusal_does_not_override_its_code(text: str, cause: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == cause, [d.cause for d in report.diagnoses]
    assert not {"sender-address-not-allowed", "client-ip-blocklisted"} & {d.cause for d in report.diagnoses}

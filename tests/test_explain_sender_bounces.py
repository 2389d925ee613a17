"""Bounces and delivery logs about the sender's own setup (tests/corpus/collected-batch28.yaml): a reply
that only reports earlier refusals, a block list's error code that is no listing, a provider's verdict
on the sending address given at the end of DATA, a relay host on port 25 in a mail server's delivery
log, and a DMARC refusal whose bounce quotes the words without their codes."""

from __future__ import annotations

from mailexpert.explain import explain
from mailexpert.replies import find_reply


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


EXIM_DEBUG = (
    "  759   SMTP>> EHLO 15b0717dc4c2\n"
    "  759   SMTP<< 250-mx.example.net\n"
    "  759          250 DSN\n"
    "  759   SMTP>> MAIL FROM:<> SIZE=3764\n"
    "  759   SMTP>> RCPT TO:<bob@example.org>\n"
    "  759   SMTP>> DATA\n"
    "  759   SMTP<< 250 2.1.0 Ok\n"
    "  759   SMTP<< 504 5.5.2 <15b0717dc4c2>: Helo command rejected: need fully-qualified hostname\n"
    "  759   SMTP<< 554 5.5.1 Error: no valid recipients\n"
    "  759   SMTP>> QUIT\n")


def test_no_valid_recipients_gives_way_to_the_refusal_before_it():
    reply, _ = find_reply(EXIM_DEBUG)
    assert (reply["code"], reply["enhanced"]) == (504, "5.5.2")
    assert top(EXIM_DEBUG) == "helo-name-rejected"


def test_no_valid_recipients_alone_is_still_the_reply():
    reply, _ = find_reply("554 5.5.1 Error: no valid recipients")
    assert (reply["code"], reply["enhanced"]) == (554, "5.5.1")


def test_an_earlier_success_is_no_refusal_to_prefer():
    reply, _ = find_reply("250 2.1.5 Ok\n554 5.5.1 Error: no valid recipients\n")
    assert reply["code"] == 554


SPAMHAUS = ("<list@lists.example.org>: host lists.example.org[192.0.2.10]\n"
            "    said: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked\n"
            "    using zen.spamhaus.org; {error};\n"
            "    https://www.spamhaus.org/returnc/{page}/203.0.113.0 (in reply to RCPT TO\n"
            "    command)\n")


def test_spamhaus_error_codes_are_no_listing_of_the_sender():
    for error, page in (("Error: open resolver", "pub"), ("Error: excessive number of queries", "vol")):
        assert top(SPAMHAUS.format(error=error, page=page)) != "client-ip-blocklisted"
    listed = SPAMHAUS.replace("; {error};\n", ";\n").format(page="pub").replace("returnc/pub", "query/ip")
    assert top(listed) == "client-ip-blocklisted"


GMAIL_IP = ("host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.7       1] Our system has "
            "detected an unusual rate of 550-5.7.1 unsolicited mail originating from your IP address. To protect our "
            "550-5.7.1 users from spam, mail sent from your IP address has been blocked. 550-5.7.1 Please visit "
            "550-5.7.1  https://support.google.com/mail/?p=UnsolicitedIPError to review our 550 5.7.1 Bulk Email "
            "Senders Guidelines. q16si3475662wrs.311 - gsmtp (in reply to end of DATA command)")


def test_gmails_verdict_on_the_address_at_data_is_no_content_filter():
    assert top(GMAIL_IP) == "client-ip-blocklisted"
    # Its verdict on the message itself stays a content refusal.
    message = ("host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.7 12] Our system has detected "
               "that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, "
               "550-5.7.1 this message has been blocked. (in reply to end of DATA command)")
    assert top(message) == "content-filtered"


def test_yahoo_permanently_deferred_sending_address():
    text = ("<bob@yahoo.com>: host mta6.am0.yahoodns.net[192.0.2.64] said: 553 5.7.2\n"
            "    [TSS06] All messages from 198.51.100.7 will be permanently deferred;\n"
            "    Retrying will NOT succeed. See\n"
            "    https://help.yahoo.com/kb/postmaster/SLN3436.html (in reply to MAIL FROM\n"
            "    command)\n")
    assert top(text) == "client-ip-blocklisted"


def test_relay_host_on_port_25_in_a_delivery_log_wants_a_login():
    text = ("Nov 10 21:05:22 host postfix/smtp[23416]: B34D65FD96: to=<bob@example.org>, "
            "relay=relay.example.net[192.0.2.18]:25, delay=0.36, delays=0.22/0.05/0.03/0.06, dsn=5.7.1, "
            "status=bounced (host relay.example.net[192.0.2.18] said: 554 5.7.1 <bob@example.org>: Relay access "
            "denied (in reply to RCPT TO command))")
    assert top(text) == "smtp-auth-not-enabled"


def test_dmarc_words_without_codes_in_a_diagnostic_code():
    text = ("Final-Recipient: rfc822; bob@gmail.com\n"
            "Action: failed\n"
            "Status: 5.0.0\n"
            "Diagnostic-Code: smtp; Unauthenticated email from example.org is not accepted due to domain's DMARC "
            "policy. Please contact the administrator of example.org domain if this was a legitimate mail.\n")
    assert top(text) == "sender-address-not-allowed"

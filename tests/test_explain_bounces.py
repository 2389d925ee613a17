"""Bounce messages (non-delivery reports) read by their structure (tests/corpus/collected-batch22.yaml):
the reply an Exchange NDR quotes inside its own summary, and the words of a provider's notice
that say the refusing server is the recipient's own, so that its relay refusal or its demand for
a login is not read as one the mail program could answer."""

from __future__ import annotations

import pytest

from mailexpert.classify import error_texts
from mailexpert.explain import explain, explain_facts
from mailexpert.replies import find_reply


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


def reply_fact(text: str):
    return next(f for f in explain_facts(text) if f.kind == "server.reply")


EXCHANGE_NDR = (
    "Delivery has failed to these recipients or groups:\n"
    "team@example.com\n"
    "Your message wasn't delivered because the recipient's email provider rejected it.\n\n"
    "Diagnostic information for administrators:\n"
    "Generating server: AB1CD23EF456.namprd02.prod.outlook.com\n"
    "team@example.com\n"
    "Remote Server returned '554 5.7.0 < #5.7.133 smtp;550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; "
    "authentication required; Delivery restriction check failed because the sender was not authenticated when "
    "sending to this group>'\n")


def test_exchange_ndr_reply_is_the_one_quoted_inside_its_summary():
    reply, _ = find_reply(EXCHANGE_NDR)
    assert (reply["code"], reply["enhanced"]) == (550, "5.7.133")
    assert reply["text"].startswith("5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup")


def test_exchange_summary_alone_keeps_its_own_code():
    reply, _ = find_reply("Remote Server returned '550 5.7.708 Service unavailable. Access denied, traffic not "
                          "accepted from this IP.'")
    assert (reply["code"], reply["enhanced"]) == (550, "5.7.708")


def test_recipients_group_restriction_is_no_login_for_the_mail_program():
    assert reply_fact(EXCHANGE_NDR).fields["hop"] == "recipient"
    assert top(EXCHANGE_NDR) != "smtp-auth-not-enabled"
    # The same reply pasted from a client's own session is a demand for its login.
    assert top("550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required") \
        == "smtp-auth-not-enabled"


GMAIL_NOTICE = (
    "Message not delivered\n"
    "Your message couldn't be delivered to someone@example.net because the remote server is misconfigured. "
    "See technical details below for more information.\n"
    "The response from the remote server was:\n"
    "550 5.7.1 Requested action not taken: relaying denied\n")


def test_gmail_notice_of_the_recipients_server_refusing_to_relay_is_not_the_senders_login():
    assert reply_fact(GMAIL_NOTICE).fields["hop"] == "recipient"
    assert top(GMAIL_NOTICE) == "server-reply-permanent"
    # Without the notice's words the same refusal answers the mail program: it sent without a login.
    assert top("550 5.7.1 Requested action not taken: relaying denied") == "smtp-auth-not-enabled"


@pytest.mark.parametrize("row", error_texts()["recipient_server"], ids=lambda r: r["match"])
def test_every_recipient_server_wording_marks_the_reply(row):
    text = f"Some words {row['match']} and more.\n554 5.7.1 <bob@example.org>: Relay access denied\n"
    fact = reply_fact(text)
    assert fact.fields.get("hop") == "recipient"
    assert top(text) != "smtp-auth-not-enabled"
    assert row["source"]


def test_a_bounce_without_such_words_leaves_the_reply_unmarked():
    text = ("This is the mail system at host mail.example.net.\n\n"
            "<bob@example.org>: host smtp.example.net[192.0.2.7] said: 554 5.7.1 <bob@example.org>: Relay\n"
            "    access denied (in reply to RCPT TO command)\n")
    assert "hop" not in reply_fact(text).fields


# Microsoft's NDR table: 5.7.501 bans the sending account for its spam, 5.7.511 the IP address it sends from;
# neither is the message's content (tests/test_explain_sending_blocked.py has the account's side).
@pytest.mark.parametrize(("text", "reading", "cause"), [
    ("Remote Server returned '550 5.7.501 Access denied, spam abuse detected. For more information please go to "
     "http://go.microsoft.com/fwlink/?LinkId=526653'", "sender-banned", "sending-limit-exceeded"),
    ("550 5.7.511 Access denied, banned sender[192.0.2.7].", "client-ip-refused", "client-ip-blocklisted"),
])
def test_microsoft_ban_of_the_sender_is_not_a_content_filter(text, reading, cause):
    assert reply_fact(text).fields["reading"] == reading
    assert top(text) == cause


def test_a_spam_verdict_on_the_message_stays_a_content_filter():
    text = "554 5.7.1 Message rejected as spam by the content filter"
    assert "reading" not in reply_fact(text).fields
    assert top(text) == "content-filtered"


# Google Groups' bounce for a message its spam filter refused (mail-in-a-box/mail-in-a-box#1046):
# no reply code, the verdict in words, and advice that begins "Contact the owner".
GOOGLE_GROUPS_BOUNCE = (
    "Delivery to the following recipient failed permanently:\n\n"
    "     support@example.nl\n\n"
    "Technical details of permanent failure:\n"
    "Your email to group support@example.nl was rejected due to spam classification. To address this issue:\n\n"
    "* Contact the owner of the group, who can choose to enable message moderation instead of bouncing these emails.\n"
    "* Set up SPF records for your sending domain if you have not done so already.\n")


def test_a_filters_verdict_in_words_without_a_code_is_a_content_filter():
    assert top(GOOGLE_GROUPS_BOUNCE) == "content-filtered"
    reply = reply_fact(GOOGLE_GROUPS_BOUNCE)
    assert (reply.fields["status"], reply.fields["stage"]) == ("permanent", "unknown")
    assert "code" not in reply.fields  # no code is made up for words that carry none


def test_advice_to_contact_someone_is_no_connection_attempt():
    # "Contact ..." is advice; the attempt is "contacted", "unable to contact".
    facts = explain_facts(GOOGLE_GROUPS_BOUNCE)
    assert not [f for f in facts if f.kind == "tcp.connect"]
    assert top("The mail server smtp.example.com could not be contacted.") in {"port-blocked-outbound", "port-closed"}


def test_a_warning_about_the_users_computer_is_not_a_verdict_on_a_message():
    # Yandex's notice (mscdex/node-imap#782): the computer "is infected with a virus", not a message.
    text = ("Access to your account has been temporarily restricted as Yandex suspects it may have been hacked. "
            "This may have happened because you have entered your password on a fraudulent website or because "
            "your computer is infected with a virus.")
    assert top(text) != "content-filtered"


# A Postfix bounce wraps the reply it quotes at about 75 columns without indenting it: the words go on
# past the line that begins with the enhanced status code, to "(in reply to MAIL FROM command)", which
# says the step. Yahoo's "4.16.55.1" is its own case number, no enhanced status code (three parts).
POSTFIX_WRAPPED = (
    "The mail system\n\n"
    "<user@ymail.com>: host mta7.am0.yahoodns.net[67.195.228.94] said: 421\n"
    "4.7.0 [TSS04] Messages from 192.0.2.14 temporarily deferred due to\n"
    "unexpected volume or user complaints - 4.16.55.1; see\n"
    "https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)\n")


def test_a_wrapped_reply_after_its_enhanced_code_goes_on_to_its_step():
    reply = reply_fact(POSTFIX_WRAPPED)
    assert reply.get("stage") == "mail"
    assert "user complaints" in reply.get("text")
    # A deferral of the sending server's mail is not the login backend failing (RFC 4954's 454): Yahoo
    # defers the sending address for its traffic (help.yahoo.com/kb/postmaster/SLN3326.html).
    assert top(POSTFIX_WRAPPED) == "client-ip-blocklisted"


def test_wrapped_words_stop_at_the_end_of_the_reply_s_sentence():
    text = "Server responded: 530\n5.7.0 Must issue a STARTTLS command first.\nThe message was not sent."
    assert reply_fact(text).get("text") == "5.7.0 Must issue a STARTTLS command first."


# A delivery status notification whose smtp Diagnostic-Code quotes the remote server's words without their codes
# (RFC 3464 sections 2.3.4 and 2.3.6): the Status field's enhanced code makes them that server's refusal.
DSN_WITHOUT_REPLY_CODE = (
    "Final-Recipient: rfc822; someone@example.net\n"
    "Action: failed\n"
    "Status: {status}\n"
    "Diagnostic-Code: smtp; The receiving domain does not take this message from you.\n"
)


@pytest.mark.parametrize(("status", "kind"), [("5.0.0", "permanent"), ("4.0.0", "transient")])
def test_a_reports_status_field_gives_its_smtp_diagnostic_the_reply_code(status: str, kind: str) -> None:
    fact = reply_fact(DSN_WITHOUT_REPLY_CODE.format(status=status))
    assert fact.fields["enhanced"] == status and fact.fields["status"] == kind
    assert "does not take this message" in fact.fields["text"]
    assert top(DSN_WITHOUT_REPLY_CODE.format(status=status)) != "port-blocked-outbound"


def test_a_reports_own_diagnostic_of_another_type_is_no_remote_reply() -> None:
    """Postfix's X-Postfix diagnostic is its own account of a delivery it could not make (a timeout on the way to
    port 25), no reply of the remote server."""
    text = ("Final-Recipient: rfc822; someone@example.net\nAction: delayed\nStatus: 4.4.1\n"
            "Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.25]:25: Connection timed out\n")
    assert not [f for f in explain_facts(text) if f.kind == "server.reply"]
    assert top(text) in {"smtp-port25-blocked", "port-blocked-outbound"}

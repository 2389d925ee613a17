"""The bounce messages (non-delivery reports) of the big providers and of the common mail servers, as users
paste them: often the summary alone, without the technical part. The summary says the message was not
delivered to a recipient -- a refusal on the far side, for good, or for now where the notice says delivery
is still being tried -- and decides only when the text holds no code or words of a specific cause; a code
or a cause's words inside the report still win.

Sources of the wordings (each row of mailexpert/data/error-texts.yaml names its own):
  Gmail / Google Workspace: sisimai/p5-sisimai:set-of-emails/maildir/bsd/lhost-gsuite-06.eml ("Delivery
    incomplete ... There was a temporary problem delivering your message to X. Gmail will retry for 47 more
    hours"), lhost-gsuite-07.eml ("Message not delivered ... There was a problem delivering your message to
    X. See the technical details below."), lhost-gsuite-08.eml ("Address not found ... Your message wasn't
    delivered to X because the address couldn't be found, or is unable to receive mail.");
  Microsoft 365 / Exchange: sisimai/p5-sisimai:lib/Sisimai/Lhost/Office365.pm and Exchange2007.pm (the
    summaries and the "Diagnostic information for administrators" labels in en, nl, pt, fr, it),
    set-of-emails/maildir/bsd/lhost-office365-02.eml ("The email address you entered couldn't be found"),
    lhost-office365-04.eml ("Your message to X couldn't be delivered."); the German label from
    support.microsoft.com/de-de (article eb34d15e-1251-4802-995d-78917ecb1de6, "Diagnoseinformationen für
    Administratoren");
  Yahoo / AOL: sisimai/p5-sisimai:lib/Sisimai/Lhost/Yahoo.pm ("Sorry, we were unable to deliver your message");
  Exim (GMX, WEB.DE, 1&1 and cPanel hosts): Exim/exim:src/src/deliver.c ("Mail delivery failed: returning
    message to sender", "A message that you sent could not be delivered to one or more of its recipients.
    This is a permanent error.", and the delay warning's "No action is required on your part. Delivery
    attempts will continue"), as sisimai/p5-sisimai:lib/Sisimai/Lhost/Exim.pm and EinsUndEins.pm quote it;
  Postfix: vdukhovni/postfix:postfix/src/bounce/bounce_template.c (def_bounce_fail_template "Undelivered
    Mail Returned to Sender", "I'm sorry to have to inform you that your message could not"; the delay
    template "Delayed Mail (still being retried)", "THIS IS A WARNING ONLY");
  qmail: qmail-send.c ("I'm afraid I wasn't able to deliver your message to the following addresses. This
    is a permanent error; I've given up."), as sisimai/p5-sisimai:lib/Sisimai/Lhost/qmail.pm quotes it;
  Sendmail: savemail.c ("Returned mail: see transcript for details", "----- The following addresses had
    permanent fatal errors -----"; the delay notice "Warning: could not send message for past N hours"), as
    sisimai/p5-sisimai:set-of-emails/maildir/bsd/lhost-sendmail-01.eml and lhost-sendmail-29.eml show them.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

PERMANENT = {"server-reply-permanent"}
TRANSIENT = {"server-reply-transient"}


def causes(text: str) -> tuple[str | None, bool]:
    """The top cause and whether the report holds a failure (never read as fine)."""
    report = explain(text)
    return (report.top.cause if report.top else None), report.has_errors


# --- the summaries alone: a refusal on the far side, permanent --------------------------------------------
BARE_PERMANENT = [
    # Gmail's "Address not found" (the recipient, not the user's own server's name)
    "Address not found\nYour message wasn't delivered to foo@example.com because the address couldn't be found, "
    "or is unable to receive mail.",
    # Gmail's "Message not delivered"
    "Message not delivered\nThere was a problem delivering your message to foo@example.com. See the technical "
    "details below.",
    # Microsoft 365
    "Delivery has failed to these recipients or groups:\nfoo@example.com\nThe email address you entered couldn't "
    "be found. Please check the recipient's email address and try to resend the message.",
    "Your message to foo@example.com couldn't be delivered.\nfoo wasn't found at example.com.",
    "Undeliverable: Quarterly report",
    # Exchange 2007/2010
    "Delivery has failed to these recipients or distribution lists:\nfoo@example.com\nThe recipient's e-mail "
    "address was not found in the recipient's e-mail system. Microsoft Exchange will not try to redeliver this "
    "message for you.",
    # Exchange's labels in Dutch, Portuguese, French, Italian and German, with the summary left out
    "Uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:\nfoo@example.com",
    "Falha na entrega a estes destinatários ou grupos:\nfoo@example.com",
    "Informations de diagnostic pour les administrateurs :\nServeur de génération : SRV1.example.fr",
    "Informazioni di diagnostica per gli amministratori:\nServer di generazione: nyaan.example.co.jp",
    "Diagnoseinformationen für Administratoren:\nGenerierender Server: EX1.example.de",
    # Yahoo / AOL
    "Sorry, we were unable to deliver your message to the following address.\n\n<foo@example.com>:",
    # Exim (GMX, WEB.DE, hosting companies)
    "Mail delivery failed: returning message to sender",
    "This message was created automatically by mail delivery software.\n\nA message that you sent could not be "
    "delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n"
    "  foo@example.com",
    # Postfix
    "Undelivered Mail Returned to Sender",
    "This is the mail system at host mail.example.net.\n\nI'm sorry to have to inform you that your message could "
    "not\nbe delivered to one or more recipients. It's attached below.",
    # qmail
    "Hi. This is the qmail-send program at example.org.\nI'm afraid I wasn't able to deliver your message to the "
    "following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.",
    # Sendmail
    "Returned mail: see transcript for details",
    "   ----- The following addresses had permanent fatal errors -----\n<foo@example.com>",
]


# --- notices that delivery is still being tried: for now, never fine ----------------------------------------
BARE_TRANSIENT = [
    # Gmail's "Delivery incomplete"
    "Delivery incomplete\nThere was a temporary problem delivering your message to foo@example.com. Gmail will "
    "retry for 47 more hours. You'll be notified if the delivery fails permanently.",
    # Postfix's delay notice
    "Delayed Mail (still being retried)",
    "This is the mail system at host mail.example.net.\n\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND "
    "YOUR MESSAGE. #\n\nYour message could not be delivered for 4 hour(s).\nIt will be retried until it is 5 "
    "day(s) old.",
    # Exim's delay warning
    "This message was created automatically by mail delivery software.\nA message that you sent has not yet been "
    "delivered to one or more of its recipients after more than 24 hours on the queue on mail.example.net.\n"
    "No action is required on your part. Delivery attempts will continue for some time.",
    # Sendmail's
    "Warning: could not send message for past 4 hours",
]


# A consumer provider's report (Gmail's, Yahoo's) quotes the recipient's server (it delivers straight to it): a
# relay refusal or a demand for a login there is not the mail program's missing login -- its provider had taken
# the message. (Exchange's may quote a smart host of the organisation's: its 5.7.57 below keeps its cause.)
PROVIDER_QUOTES_RECIPIENT = [
    "Message not delivered\nThere was a problem delivering your message to bob@example.net. See the technical details "
    "below.\nThe response from the remote server was:\n554 5.7.1 <bob@example.net>: Relay access denied",
    "Sorry, we were unable to deliver your message to the following address.\n\n<bob@example.net>:\nRemote host said: "
    "554 5.7.1 <bob@example.net>: Relay access denied [RCPT_TO]",
    "Message not delivered\nThere was a problem delivering your message to bob@example.net. See the technical details "
    "below.\nThe response from the remote server was:\n530 5.7.0 Authentication required",
]


@pytest.mark.parametrize(("text", "expected"), [(t, PERMANENT) for t in BARE_PERMANENT + PROVIDER_QUOTES_RECIPIENT]
                         + [(t, TRANSIENT) for t in BARE_TRANSIENT])
def test_a_bounce_summary_alone_is_a_refusal_on_the_far_side_never_fine(text: str, expected: set[str]) -> None:
    # A failure report reads as the far side's refusal: for good, or for now where delivery is still tried.
    cause, failing = causes(text)
    assert cause in expected, cause
    assert failing


# --- the summary with a code or a cause's words inside: the specific cause wins ---------------------------
WITH_SPECIFIC = [
    ("Message not delivered\nThere was a problem delivering your message to foo@example.com. See the technical "
     "details below.\nThe response from the remote server was:\n550 5.7.1 Service unavailable; Client host "
     "[192.0.2.1] blocked using zen.spamhaus.org", "client-ip-blocklisted"),
    ("Address not found\nYour message wasn't delivered to foo@example.com because the address couldn't be found, "
     "or is unable to receive mail.\nblocked using zen.spamhaus.org", "client-ip-blocklisted"),
    ("Delivery has failed to these recipients or groups:\nfoo@example.com\nDiagnostic information for "
     "administrators:\nGenerating server: AB1PR01MB0001.eurprd01.prod.outlook.com\nRemote Server returned "
     "'530 5.7.57 Client not authenticated to send mail. [AB1PR01CA0001.eurprd01.prod.exchangelabs.com]'",
     "smtp-auth-not-enabled"),
    ("Undeliverable: test\nDelivery has failed to these recipients or groups:\nfoo@example.com\nDiagnostic "
     "information for administrators:\nRemote Server returned '535 5.7.139 Authentication unsuccessful, basic "
     "authentication is disabled.'", "basic-auth-disabled"),
    ("Mail delivery failed: returning message to sender\nA message that you sent could not be delivered to one or "
     "more of its\nrecipients. This is a permanent error. The following address(es) failed:\n  foo@example.com\n"
     "    SMTP error from remote mail server after RCPT TO:<foo@example.com>:\n    550 5.7.1 Service unavailable; "
     "Client host [192.0.2.1] blocked using bl.spamcop.net", "client-ip-blocklisted"),
    ("Undelivered Mail Returned to Sender\nI'm sorry to have to inform you that your message could not\nbe "
     "delivered to one or more recipients.\n<foo@yahoo.com>: host mta6.am0.yahoodns.net[192.0.2.7] said: 421 4.7.0 "
     "[TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
     "client-ip-blocklisted"),
]


@pytest.mark.parametrize(("text", "cause"), WITH_SPECIFIC)
def test_a_code_or_a_causes_words_inside_the_report_wins(text: str, cause: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == cause, [d.cause for d in report.diagnoses]


def test_a_mail_servers_own_report_may_quote_its_relay_host() -> None:
    # Postfix's report names only the next server, which may be a relay host of its own that wants a login.
    text = ("Undelivered Mail Returned to Sender\nI'm sorry to have to inform you that your message could not\nbe "
            "delivered to one or more recipients.\n<bob@example.net>: host relay.example.com[192.0.2.9] said: 554 5.7.1 "
            "<bob@example.net>: Relay access denied (in reply to RCPT TO command)")
    cause, failing = causes(text)
    assert failing
    assert cause not in PERMANENT, cause


def test_the_code_inside_keeps_its_own_class() -> None:
    # A permanent-failure wrapper (Postfix's) that quotes a reply for now: the reply's class, not the wrapper's.
    text = ("Undelivered Mail Returned to Sender\nI'm sorry to have to inform you that your message could not\nbe "
            "delivered to one or more recipients.\n<foo@example.com>: host mx.example.com[192.0.2.7] said: 452 "
            "4.2.2 Mailbox full (in reply to RCPT TO command)")
    cause, failing = causes(text)
    assert cause in TRANSIENT, cause
    assert failing


# --- neighbours that must not read as a bounce ------------------------------------------------------------
NEIGHBOURS = [
    # Odoo's own log: the mail program's connection to its own server was refused (not a bounce)
    ("Mail delivery failed via SMTP server 'localhost'.\nerror: 111\nConnection refused", "port-closed"),
    # a TLS failure reported in a delivery report stays the TLS failure
    ("Your message could not be delivered to the following recipients:\n\n<foo@example.com.ar> (TLS error from "
     "'mail.example.com.ar': I/O error: tls handshake eof)", None),
]


@pytest.mark.parametrize(("text", "cause"), NEIGHBOURS)
def test_neighbours_keep_their_reading(text: str, cause: str | None) -> None:
    got, failing = causes(text)
    assert failing
    assert got not in PERMANENT | TRANSIENT, got
    if cause is not None:
        assert got == cause, got


def test_a_generic_failure_stays_a_failure_without_a_specific_cause() -> None:
    # Words that say only that sending failed give no reason: a failure, with no made-up specific cause.
    try:
        report = explain("Sending of the message failed.")
    except InputError:  # declined is no "fine" either, but the text is a mail client's: it must be read
        pytest.fail("a generic send failure was declined")
    assert report.has_errors
    assert report.top is None or report.top.cause not in {"client-ip-blocklisted", "content-filtered",
                                                          "sender-address-not-allowed", "server-host-unknown"}

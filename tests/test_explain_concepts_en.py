"""Real servers' and programs' wordings that no exact table knows, read by their concepts (data/concepts.yaml):
a server that asks for a login (RFC 4954 section 6), a sender address the account may not use, a message too
big (RFC 3463 5.3.4), a mailbox without room (5.2.2), a recipient that does not exist (5.1.1), a password that
expired (RFC 5530 EXPIRED), an EHLO name refused (RFC 5321 section 4.1.1.1). Each wording was declined or read as another cause before its concept reading.

Sources of the wordings (one per case, in the comment beside it):
  sisimai/rb-sisimai:lib/sisimai/reason/securityerror.rb, mesgtoobig.rb, mailboxfull.rb, userunknown.rb,
    rejected.rb (the bounce texts of many servers, collected);
  vdukhovni/postfix:postfix/src/cleanup/cleanup_message.c and postfix/src/smtpd/smtpd.c (message size);
  HubSpot/NioSmtpClient MessageTooLargeException; cyrusimap/cyrus-sasl:lib/common.c (SASL_EXPIRED);
  Exchange's Send on Behalf NDR (blackmanticore.com/b81a92df8813b242dc32ebddaf1b3bc4).
The neighbours keep their readings, and a text that says only that sending failed names none of these causes.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

GENERIC = {"server-reply-permanent"}

CATALOGUE = [
    # RFC 4954 section 6 in the servers' words (sisimai securityerror.rb)
    ("you are not authorized to send mail, authentication is required", {"smtp-auth-not-enabled"}),
    ("authentication turned on in your email client", {"smtp-auth-not-enabled"}),
    # the sender address (sisimai rejected.rb; Exchange's Send on Behalf NDR)
    ("mail from not owned by user", {"sender-address-not-allowed"}),
    ("You can't send a message on behalf of this user unless you have permission to do so.",
     {"sender-address-not-allowed"}),
    # the message's size: Postfix cleanup and smtpd, sisimai mesgtoobig.rb, HubSpot's NIO SMTP client
    ("message file too big", GENERIC),
    ("Message size exceeds fixed maximum message size", GENERIC),
    ("max message size exceeded", GENERIC),
    ("message size exceeds maximum value", GENERIC),
    ("exceeded maximum inbound message size", GENERIC),
    ("This message is too large to be sent (max size: 10485760)", GENERIC),
    # a mailbox without room (sisimai mailboxfull.rb)
    ("The recipient mailbox has exceeded its disk space limit", GENERIC),
    ("mail quota exceeded", GENERIC),
    ("maildir over quota", GENERIC),
    # a recipient that does not exist: qmail's words (sisimai userunknown.rb)
    ("Sorry, no mailbox here by that name", GENERIC),
    # Cyrus SASL's SASL_EXPIRED as Postfix and Cyrus IMAP quote it
    ("passphrase expired, has to be reset", {"password-expired"}),
    # the EHLO/HELO name refused: sendmail's words, and Haraka's helo.checks plugin
    # (haraka/haraka-plugin-helo.checks:index.js), as rules/email-client/helo-name-rejected.yaml cites them
    ("HELO requires domain address", {"helo-name-rejected"}),
    ("Invalid HELO hostname. See RFC 1035.", {"helo-name-rejected"}),
]


def _roots(text: str) -> set[str]:
    return {d.cause for d in explain(text).diagnoses if d.is_root}


@pytest.mark.parametrize(("text", "causes"), CATALOGUE)
def test_a_real_wording_reads_as_its_cause(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert _roots(text) == causes


# Neighbours: a more specific reading, or another cause, keeps its text.
NEIGHBOURS = [
    ("Authentication failed", {"password-rejected"}),
    # iOS Mail's own verdict on a refused login (its "not authenticated" is said of the account)
    ("Account not authenticated", {"password-rejected"}),
    ("Daily user sending quota exceeded", {"sending-limit-exceeded"}),
    ("Sender address rejected: not logged in", {"smtp-auth-not-enabled"}),
    ("Client does not have permissions to send as this sender", {"sender-address-not-allowed"}),
    ("Can't get lock.  Mailbox in use", {"mailbox-in-use"}),
]


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_the_neighbours_keep_their_readings(text: str, causes: set[str]) -> None:
    assert _roots(text) == causes


# Texts whose words must not be read as the new concepts.
NOT_THESE = [
    # Gmail's 5.7.26: the message's own authentication (SPF, DKIM), not the client's login
    "This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked. "
    "The sender must authenticate with at least one of SPF or DKIM.",
    # a socket's errno, not a mailbox in use
    "Address already in use",
    # Postfix's answer to a client that sent no EHLO at all (smtpd.c): no name refused
    "Error: send HELO/EHLO first",
    # an API's call quota (Google APIs), not a mailbox that is full
    "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'gmail.googleapis.com'",
]


@pytest.mark.parametrize("text", NOT_THESE)
def test_other_words_are_not_read_as_the_new_concepts(text: str) -> None:
    try:
        roots = _roots(text)
    except InputError:
        return
    assert not roots & {"smtp-auth-not-enabled", "mailbox-in-use", "server-reply-permanent", "helo-name-rejected"}, roots


def test_a_generic_failure_stays_a_failure_without_these_causes() -> None:
    report = explain("Sending failed")
    assert report.diagnoses
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert not _roots("Sending failed") & {"smtp-auth-not-enabled", "sender-address-not-allowed", "password-expired",
                                           "mailbox-in-use", "server-reply-permanent"}

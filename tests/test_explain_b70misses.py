"""Families of server and provider texts a blind batch (corpus batch70) read wrong, read by what their
sources say they mean, each in wordings other than the batch's own:

- OpenSMTPD's log of a login before 6.4, "smtp event=authentication user=U [address=A host=H] result=permfail"
  (a login the credentials table refused) or "result=tempfail" (the table failed): OpenSMTPD/OpenSMTPD
  smtpd/smtp_session.c, IMSG_SMTP_AUTHENTICATE.
- "Unauthorized relaying" (E-Post Mail Server's SMTP_BAD_ADDR) is a relay refusal; "illegal sender" (url.com.tw)
  a refusal of the sender address.
- A message a receiving filter's rule matched, and 163.net's "This Message is not welcome": content filtering.
- An account rate limited (atmail's SRL-UPD): a sending limit.
- Greylisting (RFC 6647) with a 421 is no outage of the server; a file path's directory ("/var/imap/socket") names
  no protocol; a delivery report's next hop ("host NAME[ADDR] said:") names the recipient's account, not the
  sender's login.
- A mailbox locked after failed logins is the account's lock (account-locked), not another session's (POP3 IN-USE).
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

_SMTPD = "OpenSMTPD/OpenSMTPD:smtpd/smtp_session.c (before 6.4, IMSG_SMTP_AUTHENTICATE)"

CASES = [
    # --- OpenSMTPD's pre-6.4 authentication log line ----------------------------------------------------------
    Case("opensmtpd-event-permfail", "Jan 10 12:00:01 mx smtpd[123]: 1a2b3c4d5e6f7a8b smtp event=authentication "
         "user=alice address=192.0.2.7 host=laptop.example.net result=permfail",
         ("password-rejected", "username-wrong"), _SMTPD),
    Case("opensmtpd-event-permfail-5x", "smtp event=authentication user=bob result=permfail",
         ("password-rejected", "username-wrong"), _SMTPD),
    # --- relay and sender refusals ---------------------------------------------------------------------------
    Case("epost-unauthorized-relaying", "550 5.7.1 Sorry <bob@example.org>, I don't allow unauthorized relaying.",
         ("smtp-auth-not-enabled", "sender-address-not-allowed", "mx-host-used-for-submission"),
         "E-Post Mail Server smtp.h (SMTP_BAD_ADDR)"),
    Case("illegal-sender-553", "553 5.7.1 Illegal sender <alice@example.org>",
         ("sender-address-not-allowed",), "help.url.com.tw (信箱常見退信訊息: '550 illegal sender.')"),
    # --- content filtering -----------------------------------------------------------------------------------
    Case("filter-rule-matched", "Delivery failed: your message matched the content filter rule (name: block-exe)",
         ("content-filtered",), "Magic Winmail Server's filter rules, as its bounce words them"),
    Case("mail-not-welcome", "<carol@example.net>: This mail is not welcome",
         ("content-filtered",), "163.net's refusal (tengxunqiyeyou.com forum, thread 993)"),
    # --- sending limit ---------------------------------------------------------------------------------------
    Case("account-rate-limited", "Your account has been rate limited, please try again later.",
         ("sending-limit-exceeded",), "help.atmail.com/hc/en-us/articles/228724627 (Rate Limits, SRL-UPD)"),
    # --- mailbox locked after failed logins ------------------------------------------------------------------
    Case("mailbox-locked-failed-logins", "-ERR Your mailbox is locked because of too many failed login attempts",
         ("account-locked",), "RFC 3463 5.7.13; RFC 2449 section 8.1.2 (IN-USE is another session's lock)"),
    Case("mailbox-locked-other-session", "-ERR Mailbox is locked by another POP3 session",
         ("mailbox-in-use",), "RFC 2449 section 8.1.2 (IN-USE)"),
]

#: Texts no cause of the sender's explains: each must not read as the cause the words around the reply suggest.
NOT_CAUSES = [
    Case("greylisted-421", "421 4.7.0 You have been greylisted, please try again later",
         ("server-unavailable",), "RFC 6647 section 2.1 (greylisting: a deliberate temporary refusal)"),
    Case("lmtp-socket-hop", "<dave@example.org>: host /var/imap/socket/lmtp[/var/imap/socket/lmtp] said: 451 4.3.0 "
         "Mailbox unavailable", ("wrong-protocol-on-port",), "vdukhovni/postfix:postfix/src/lmtp (the socket as host)"),
    Case("recipient-account-disabled-hop", "<bob@example.net>: host mx.example.net[192.0.2.9] said: SMTP is disabled "
         "for this account", ("password-rejected", "protocol-disabled-for-account", "account-locked"),
         "vdukhovni/postfix:postfix/src/smtp/smtp_proto.c ('host %s said: %s (in reply to %s)')"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_b70_families(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, causes


@pytest.mark.parametrize("case", NOT_CAUSES, ids=[c.name for c in NOT_CAUSES])
def test_b70_not_the_sender(case: Case) -> None:
    causes = causes_of(case.text)
    assert not causes or causes[0] not in case.causes, causes


def test_named_once() -> None:
    assert_named_once(CASES + NOT_CAUSES)

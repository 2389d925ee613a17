"""Server and provider texts whose readings were missing or wrong: each a program's or provider's own wording,
read for what its source says it means, with neighbours that must keep their own reading.

Sources:
- Exim's sender verification: Exim/exim:src/src/acl.c (acl_verify: "Sender verify failed" for a refusal,
  "Could not complete sender verify" for a DEFER, "Could not complete sender verify callout" for a callout that
  deferred; an ACL's DEFER is sent as 451, a log line "temporarily rejected RCPT <...>: Could not complete sender
  verify").
- Yahoo's MX: help.yahoo.com/l/in/yahoo/mail/original/abuse/abuse-57.html ("554 delivery error: dd This user
  doesn't have a yahoo.com account", "dd Sorry, your message to ... cannot be delivered. This account is over
  quota"): "dd" replies are about the recipient's mailbox.
- T-Online: postmaster.t-online.de/index.en.html (554 IP=... refusals at the greeting, "(BL)" its block list).
- GMX / WEB.DE: www.gmx.net/mail/tipps/posts/pop3-imap/36/ (POP3, IMAP and SMTP off by default), GMX's notice
  mail as jens-maus/yam#638 quotes it, hilfe.gmx.net "POP3 und IMAP Zugriff erlauben".
- Exchange on premises: MSExchangeTransport event 1035 "Inbound authentication failed with error %s for Receive
  connector %s" (blogs.technet.microsoft.com/exchangechallengeaccepted/2016/08/24/...), and the receive connector's
  protocol log "Inbound AUTH LOGIN failed because of LogonDenied" (vx3r/wg-gen-web#68): the receiving server's own
  log, so an address in it names one of its users, not the provider of the server.
- Sending limits worded as time windows: postfwd's default rate limits ("Number messages per hour exceeded",
  git.oopen.de/install/mailsystem DOC/postfwd/README.default-rate-limits), Mailganer/msndr ("550 Too many messages.
  Try again in 92 seconds.", client.cloud4u.com knowledgebase 1041), Korean portals ("Since you sent too many
  e-mails, you are not allowed to send more e-mails within 24 hours", puffinknight.tistory.com/102).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

SENDER = "sender-address-not-allowed"
LOCKED = "account-locked"
PERMANENT = "server-reply-permanent"
OFF = "protocol-disabled-for-account"
LIMIT = "sending-limit-exceeded"
LOGIN = ("password-rejected", "username-wrong")

CASES = [
    # --- Exim's sender verification ------------------------------------------------------------------------------
    pytest.param("Could not complete sender verify", (SENDER,), id="exim-sender-verify-defer-words"),
    pytest.param("451 Could not complete sender verify callout", (SENDER,), id="exim-sender-verify-callout-451"),
    pytest.param("2026-01-05 10:00:00 H=(client.example.net) [192.0.2.7] F=<jo@example.net> temporarily rejected "
                 "RCPT <al@example.org>: Could not complete sender verify", (SENDER,), id="exim-mainlog-defer"),
    pytest.param("550 Sender verify failed", (SENDER,), id="exim-sender-verify-failed"),
    # --- Yahoo's MX: the recipient's mailbox -------------------------------------------------------------------------
    pytest.param("554 delivery error: dd This account has been disabled or discontinued [#102]. - "
                 "mta1150.mail.gq1.yahoo.com", (PERMANENT,), id="yahoo-dd-recipient-disabled"),
    pytest.param("554 delivery error: dd Sorry your message to bob@yahoo.com cannot be delivered. This account has "
                 "been disabled or discontinued [#102]. - mta1150.mail.gq1.yahoo.com", (PERMANENT,),
                 id="yahoo-dd-your-message-to"),
    pytest.param("554 delivery error: dd Requested mail action aborted, mailbox not found - "
                 "mta1150.mail.gq1.yahoo.com", (PERMANENT,), id="yahoo-dd-mailbox-not-found"),
    # --- T-Online's tagged refusals ----------------------------------------------------------------------------------
    pytest.param("554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact "
                 "tosa@rx.t-online.de to clarify.) (BL)", ("client-ip-blocklisted",), id="t-online-bl"),
    # --- GMX / WEB.DE: POP3, IMAP and SMTP off by default ----------------------------------------------------------
    pytest.param("Die für die E-Mail Programme benötigten Protokolle POP3/IMAP/SMTP sind standardmäßig zu Ihrer "
                 "Sicherheit deaktiviert.", (OFF,), id="gmx-notice-german"),
    pytest.param("Um Sie zu schützen, sind die Übertragungsprotokolle Ihres GMX Postfachs standardmäßig deaktiviert.",
                 (OFF,), id="gmx-page-german"),
    pytest.param("-ERR authentication failed. Bitte POP3 und IMAP Zugriff erlauben.", (OFF,), id="gmx-setting-german"),
    pytest.param("POP3 and IMAP access is disabled", (OFF,), id="gmx-english"),
    # --- Exchange on premises: the server's own log of a refused login --------------------------------------------
    pytest.param("Inbound AUTH LOGIN failed because of LogonDenied\nUser Name: account@gmail.com", LOGIN,
                 id="exchange-logondenied-gmail-user"),
    pytest.param("Inbound AUTH LOGIN failed because of LogonDenied", LOGIN, id="exchange-logondenied"),
    # --- sending limits worded as time windows ---------------------------------------------------------------------
    pytest.param("550 5.7.1 <u@example.com>... Error.your access was denied. Since you sent too many e-mails,you are "
                 "not allowed to send more e-mails within 24 hours.", (LIMIT,), id="sent-too-many-within-24h"),
    pytest.param("550 Sorry, you have sent too many messages in the last hour.", (LIMIT,), id="sent-too-many-last-hour"),
    pytest.param("450 4.7.1 Too many messages in the last hour, try later", (LIMIT,), id="too-many-last-hour"),
    pytest.param("550 Number messages per hour exceeded", (LIMIT,), id="postfwd-messages-per-hour"),
    pytest.param("550 Too many messages. Try again in 92 seconds.", (LIMIT,), id="msndr-try-again-in"),
    pytest.param("554 5.7.1 Your daily sending quota has been exceeded", (LIMIT,), id="daily-sending-quota"),
]


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_a_server_or_provider_text_reads_as_its_source_says(text: str, accepted: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes and causes[0] in accepted, causes


NEIGHBOURS = [
    # The user's own account, refused at the login: still locked.
    pytest.param("535 5.7.1 Your account has been disabled", (LOCKED,), id="own-account-disabled"),
    pytest.param("a1 NO [ALERT] Your account has been suspended", (LOCKED,), id="own-account-suspended-imap"),
    # A Gmail login refused at Gmail: the provider's reading holds for the user's own address in a client's text.
    pytest.param("535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8 "
                 "https://support.google.com/mail/?p=BadCredentials - gsmtp", ("app-password-required",
                                                                               "password-rejected"),
                 id="gmail-bad-credentials"),
    # Connections per hour are a connection limit, not a sending limit.
    pytest.param("421 4.7.0 Too many connections in the last hour", ("too-many-connections",),
                 id="connections-last-hour"),
    # A German text about something else switched off by default is no protocol switched off for the account.
    pytest.param("Um Sie zu schützen, sind diese Funktionen standardmäßig deaktiviert.", (None,),
                 id="german-defaults-other"),
    # Exim's refused recipient verification is the recipient's, not the sender's.
    pytest.param("550 Unrouteable address", (PERMANENT, "server-reply-permanent"), id="exim-unrouteable"),
]


@pytest.mark.parametrize(("text", "accepted"), NEIGHBOURS)
def test_neighbours_keep_their_own_reading(text: str, accepted: tuple[str | None, ...]) -> None:
    causes = causes_of(text)
    first = causes[0] if causes else None
    assert first in accepted, causes
    assert first not in {OFF, LIMIT, SENDER} - set(accepted), causes


GENERIC = [
    pytest.param("554 delivery error", id="bare-delivery-error"),
    pytest.param("451 Requested action aborted: local error in processing", id="bare-451"),
    pytest.param("Inbound authentication failed", id="bare-inbound-auth"),
]


@pytest.mark.parametrize("text", GENERIC)
def test_a_text_that_says_only_that_it_failed_stays_a_failure_without_a_made_up_cause(text: str) -> None:
    causes = causes_of(text, errors_only=True)
    assert causes, "a failure must not read as fine or be declined"
    assert not {SENDER, OFF, LIMIT, LOCKED} & set(causes[:1]), causes

"""Exim's SMTP client main-log lines (a smarthost with hosts_try_auth, GnuTLS), GNU Mailutils' and
emailjs's words, as Debian's Exim 4.96, Mailutils 3.15 and emailjs 5 wrote them against the lab
(tests/corpus/collected-lab6.yaml, collected-lab6b.yaml): a refused AUTH says why the MAIL FROM
after it met 530, and each program's verdicts read as its source code writes them."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise
from mailexpert.replies import find_reply

STAMP = "2026-12-02 14:41:21 1xYlWL-0007Pr-0B "
HOST = "H=mail.example.net [192.0.2.10]"
#: Exim's transport logs each authenticator the server refused, goes on unauthenticated (hosts_try_auth)
#: and logs the 530 the MAIL FROM then met.
AUTH_THEN_530 = (
    f"{STAMP}plain authenticator failed {HOST} 535 5.7.8 Error: authentication failed: authentication failure\n"
    f"{STAMP}login authenticator failed {HOST} 535 5.7.8 Error: authentication failed: authentication failure\n"
    f"{STAMP}** bob@example.org R=smarthost T=remote_smtp_smarthost {HOST} X=TLS1.3:ECDHE_SECP256R1__AES_256_GCM:256 "
    "CV=yes: SMTP error from remote mail server after pipelined MAIL FROM:<alice@example.net> SIZE=1351: "
    "530 5.7.0 Authentication required")
ONLY_530 = AUTH_THEN_530.split("\n")[-1]
DEFER = f"{STAMP}== bob@example.org R=smarthost T=remote_smtp_smarthost defer (-37) {HOST}: "


def _top(text: str) -> str | None:
    top = explain(text).top
    return top.cause if top else None


def test_the_refused_auth_before_a_530_is_the_reply_that_says_why() -> None:
    reply, line = find_reply(AUTH_THEN_530)
    assert reply["code"] == 535 and "authenticator failed" in line
    assert _top(AUTH_THEN_530) == "password-rejected"


def test_a_530_alone_is_still_a_client_that_sent_without_logging_in() -> None:
    assert find_reply(ONLY_530)[0]["code"] == 530
    assert _top(ONLY_530) == "smtp-auth-not-enabled"


#: dma tries each mechanism, goes on "without" after the server refused them all, and logs the
#: refusal its RCPT TO met from a submission service that lets only logged-in clients send.
DMA = (
    "dma: using smarthost (mail.example.net:587)\n"
    "dma: using SMTP authentication for user alice@example.net\n"
    "dma: smarthost authentication: AUTH cram-md5 not available: 535 5.7.8 Error: authentication failed: "
    "Invalid authentication mechanism\n"
    "dma: remote delivery deferred: AUTH login not available: 535 5.7.8 Error: authentication failed: "
    "Invalid authentication mechanism\n"
    "dma: SMTP login not available. Trying without.\n"
    "dma: remote delivery to mail.example.net [192.0.2.10] failed after RCPT TO: {refusal}\n")
REFUSALS = ["554 5.7.1 <client.example.org[198.51.100.7]>: Client host rejected: Access denied",
            "554 5.7.1 <bob@example.org>: Relay access denied",
            "550 relay not permitted",
            "550 5.7.1 <bob@example.org>... Relaying denied"]


@pytest.mark.parametrize("refusal", REFUSALS, ids=["access-denied", "relay-access", "exim-relay", "sendmail-relay"])
def test_a_relay_refusal_after_a_refused_auth_reads_as_the_refused_login(refusal: str) -> None:
    text = DMA.format(refusal=refusal)
    reply, line = find_reply(text)
    assert reply["code"] == 535 and "AUTH login not available" in line
    assert _top(text) == "auth-mechanism-unsupported"


@pytest.mark.parametrize("refusal", REFUSALS[:2])
def test_a_relay_refusal_alone_or_after_a_login_accepted_stays_the_reply(refusal: str) -> None:
    assert find_reply(refusal)[0]["code"] == int(refusal[:3])
    # A later mechanism the server accepted: the refused first one is no reason for the refusal.
    text = f"535 5.7.8 Error: authentication failed\n235 2.7.0 Authentication successful\n{refusal}\n"
    assert find_reply(text)[0]["code"] == int(refusal[:3])


def test_a_refusal_of_something_else_after_a_refused_auth_stays_the_reply() -> None:
    text = DMA.format(refusal="550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown")
    assert find_reply(text)[0]["code"] == 550


@pytest.mark.parametrize(("tail", "cause"), [
    # tls-gnu.c: the name check failed, and no words of GnuTLS follow the prefix.
    ("TLS session: (certificate verification failed)", "cert-hostname-mismatch"),
    ("a TLS session is required, but the server did not offer TLS support", "starttls-not-offered"),
    ("a TLS session is required, but an attempt to start TLS failed", "starttls-failed"),
    ("Remote host closed connection in response to initial connection", "plaintext-on-tls-port"),
])
def test_exims_own_words(tail: str, cause: str) -> None:
    assert _top(DEFER + tail) == cause


def test_an_invalid_certificate_is_not_read_as_a_name_mismatch() -> None:
    # GNUTLS_CERT_INVALID: the issuer or the dates, Exim does not say which.
    assert _top(DEFER + "TLS session: (certificate verification failed): certificate invalid") \
        != "cert-hostname-mismatch"


@pytest.mark.parametrize(("text", "causes"), [
    ("movemail: mu_imap_connect: invalid server response: +OK Dovecot ready.\n"
     "movemail: MU_ERR_BADREPLY:mailbox `imaps://alice%40example.net:***@mail.example.net:995': cannot open: "
     "Invalid reply from the remote host", {"wrong-protocol-on-port"}),
    # Nothing came (a TLS port): the empty greeting is no server's refusal.
    ("movemail: mu_imap_connect: invalid server response: \n"
     "movemail: MU_ERR_BADREPLY:mailbox `imap://alice%40example.net:***@mail.example.net:993': cannot open: "
     "Invalid reply from the remote host", {"wrong-protocol-on-port", "plaintext-on-tls-port"}),
    ("mail: no suitable authentication mechanism found\nmail: Cannot open mailer: Requested item not found",
     {"auth-mechanism-unsupported", "oauth-required"}),
])
def test_mailutils_words(text: str, causes: set[str]) -> None:
    assert _top(text) in causes


def test_mailutils_rejected_by_the_server_is_no_connection_failure() -> None:
    # MU_ERR_REPLY: the server answered with a refusal whose words Mailutils drops.
    text = ("mail: Cannot open mailer: Operation rejected by remote party\n"
            "mail: cannot send message: Operation rejected by remote party")
    kinds = {f.kind for f in recognise(text).facts}
    assert "tcp.connect" not in kinds and "server.reply" in kinds, kinds


def test_emailjs_idle_timeout_is_a_connection_that_timed_out() -> None:
    text = "SMTPError: timedout while connecting to smtp server {\n  code: 4,\n  smtp: undefined,\n  previous: null\n}"
    assert _top(text) in {"port-blocked-outbound", "smtp-port25-blocked", "plaintext-on-tls-port"}


def test_the_refused_login_is_found_among_thousands() -> None:
    # A log of many refused logins, a 235 among them, then a 530: the refusal is the refused login
    # after the last accepted one (the accepted login is looked for once, not per refused login).
    text = ("535 5.7.8 Error: authentication failed: first\n" + "235 2.7.0 Authentication successful\n"
            + "535 5.7.8 bad credentials\n" * 3_000 + "530 5.7.0 Authentication required\n")
    reply, _ = find_reply(text)
    assert (reply["code"], reply["text"]) == (535, "5.7.8 bad credentials")

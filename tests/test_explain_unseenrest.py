"""Texts whose own sentence nobody collected, read by general mechanisms (branch unseenrest):

- a bare reply code a program prints under a label of its own after the server's words (PHPMailer's
  "<words>, SMTP code: 436", smtplib's and Django's "Error code: 550" beside "Error: b'<words>'"): the message's
  words are the reply's text, so the rules read the server's words; a code a client's own words end with
  ("RCPT failed: 554", curl's) is not given them;
- getaddrinfo's call named first ("getaddrinfo failed", CPython's Windows form) and EAI_NODATA's words after it: a name
  without an address record, not a name that does not exist; Android's "android_getaddrinfo failed" is a failed
  look-up whatever reason follows (bionic gives EAI_NODATA for every failure);
- a sender address refused in words no row holds ("rejected", "must be same as", "doesn't conform with");
- an application's authorisation to be given again ("reauthorize"): an OAuth grant that lapsed;
- a login that failed because the device has no internet (Delta Chat's words, in Russian);
- the program's own store (data file, synchronisation state, database) said to be damaged;
- a server's sender verification (Exim's verify = sender) that failed;
- OpenSMTPD's result=permfail and result=tempfail of a login;
- a server's placeholder certificate (a name under .invalid, "No SNI provided") for a client that sent no SNI.
The texts are written here, none is a corpus text."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain


def top(text: str) -> str | None:
    """The first cause, or None for a text read as fine or declined."""
    try:
        report = explain(text)
    except InputError:
        return None
    return report.top.cause if report.top else None


CASES = [
    # The server's words before PHPMailer's code label; the temporary code keeps the sender rule's deferred form.
    ("Your FROM address ( bob@example.net ) must match your authenticated email user ( alice@example.org ), "
     "SMTP code: 451", "sender-address-not-allowed"),
    ("Sender address rejected: not owned by user bob@example.org, SMTP code: 553", "sender-address-not-allowed"),
    # smtplib's SMTPResponseException printed by an application: its code on one line, its words on another.
    ("Error in sending email.\nError code: 550\nError: b'mail from address must equal authorized user'",
     "sender-address-not-allowed"),
    # EAI_NODATA's words after the bare call: the name exists without an address.
    ("SMTP ERROR: Failed to connect to server: php_network_getaddresses: getaddrinfo failed: "
     "No address associated with hostname (0)", "server-host-no-address"),
    # Postfix's sender refusal in its own prefix, its reason in words no row holds.
    ("Sender address rejected: not an address of this mailbox", "sender-address-not-allowed"),
    ("error: Job SendMail failed: envelope from address must be same as the login user", "sender-address-not-allowed"),
    # An OAuth grant that lapsed.
    ("Your authorization expired. Please reauthorize the mail account.", "oauth-token-rejected"),
    ("Sign-in for this account must be re-authorised in Settings", "oauth-token-rejected"),
    # The program's own store said to be damaged: rebuilt from the server, no server at fault.
    ("The Outlook data file (.ost) is damaged and cannot be opened", "client-profile-corrupt"),
    ("Sync failed: sync state for this folder is corrupt", "client-profile-corrupt"),
    # A server's check of the sender address (Exim's verify = sender) that failed or could not be done.
    ("Sender verification failed for this address", "sender-address-not-allowed"),
    # A server's placeholder certificate for a client that sent no SNI (a name under .invalid), whatever the verdict.
    ("Certificate failure for mail.example.org: self signed certificate: /CN=placeholder.invalid",
     "client-outdated"),
    ("certificate verify failed: hostname mismatch, certificate is for CN=default.invalid", "client-outdated"),
    # OpenSMTPD's log of a login refused for good.
    ("smtp event=authentication user=alice address=192.0.2.7 host=client.example.org result=permfail",
     "password-rejected"),
    # A login that failed on a device without internet (Delta Chat's Russian words).
    ("Нет соединения с интернетом, авторизация не удалась.", "no-internet"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_read_by_a_general_mechanism(text: str, cause: str) -> None:
    assert top(text) == cause


ANDROID = [
    "java.net.UnknownHostException: imap.example.org: android_getaddrinfo failed: EAI_NODATA (No address associated with hostname)",
    "Connect failed: android_getaddrinfo failed: EAI_NODATA",
]


@pytest.mark.parametrize("text", ANDROID)
def test_androids_failed_lookup_is_the_resolver_not_the_name(text: str) -> None:
    assert top(text) in ("dns-server-misconfigured", "dns-blocked", "dns-outage", "vpn-interference")


SILENT = [
    # A code after a client's own words: the words are the client's, not the server's.
    ("curl: (55) RCPT failed: 554", "sender-address-not-allowed"),
    # A name that does not exist, in the same call's words: not a name without an address.
    ("php_network_getaddresses: getaddrinfo failed: Name or service not known", "server-host-no-address"),
    # A recipient refused: not the sender.
    ("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
     "sender-address-not-allowed"),
    # A message damaged on the way is no local store.
    ("The message is corrupt and cannot be displayed", "client-profile-corrupt"),
    # A recipient's verification is not the sender's.
    ("550 Recipient verify failed: no such user here", "sender-address-not-allowed"),
    # A certificate for another real name is a name mismatch, not a placeholder.
    ("certificate verify failed: hostname mismatch, certificate is for CN=mail.example.net", "client-outdated"),
    ("Certificate failure for mail.example.org: self signed certificate: /CN=mail.example.org", "client-outdated"),
    # OpenSMTPD's login that failed for now is no password refused.
    ("smtp event=authentication user=alice result=tempfail", "password-rejected"),
    # A password refused: not an authorisation to give again.
    ("535 5.7.8 Username and Password not accepted", "oauth-token-rejected"),
]


@pytest.mark.parametrize(("text", "cause"), SILENT)
def test_look_alikes_keep_their_own_causes(text: str, cause: str) -> None:
    assert top(text) != cause


def test_an_authorisation_given_again_that_succeeded_is_no_failure() -> None:
    with pytest.raises(InputError):
        explain("Reauthorization succeeded")

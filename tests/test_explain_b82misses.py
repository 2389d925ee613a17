"""What batch 82 (ISPs' and web hosts' mail) found unread: a host's sending limit said in its own words, with a
reply code (a limit of messages "allowed per hour", a "message count quota") or without one (a sending limit or
quota "reached"); a sender DOMAIN the host does not allow (DreamHost's sender domain policy); and Postfix's
"connect to HOST[ADDR]:25" line with the host and address masked by whoever pasted it. The texts are made up; the
forms are the hosts' and Postfix's own (rules/server-side/sending-limit-exceeded.yaml,
rules/authentication/sender-address-not-allowed.yaml, data/concepts.yaml sending-limit-hit, namedhost.py)."""

from __future__ import annotations

import pytest
from helpers import top_cause as top

from mailexpert import namedhost
from mailexpert.errors import InputError
from mailexpert.explain import explain

# --- an account's sending limit, in a host's own words ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a count of messages or recipients "allowed per" period, the host's 421 or 550
    "421 4.7.0 Connection refused - you have exceeded the maximum number of recipients allowed per day",
    "550 Customer exceeded the max number of emails per hour",
    # a count named as a quota
    "554 Message count quota exceeded for user@example.org",
    # a sending limit reached, the verb first
    "550 5.7.1 You have reached your daily sending limit, try again tomorrow",
])
def test_a_hosts_sending_limit_with_a_code_is_the_sending_limit(text: str) -> None:
    assert top(text) == "sending-limit-exceeded"


@pytest.mark.parametrize("text", [
    "Message count quota exceeded",
    "Sorry, you have reached your sending limit for today.",
    "Your hourly sending quota has been used up, please wait an hour.",
])
def test_a_hosts_sending_limit_without_a_code_is_read_from_its_words(text: str) -> None:
    assert top(text) == "sending-limit-exceeded"


@pytest.mark.parametrize("text", [
    # a message's size limit and a mailbox's storage quota are other limits
    "552 Message size limit exceeded",
    "452 4.2.2 Mailbox quota exceeded",
    # connections per hour are too-many-connections'
    "421 Too many connections from your IP address, maximum number of connections allowed per hour reached",
])
def test_other_limits_are_no_sending_limit(text: str) -> None:
    assert top(text) != "sending-limit-exceeded"


def test_an_api_rate_limit_is_still_declined() -> None:
    # "rate limit" alone is everybody's word (a web API's): no sending limit is read into it.
    with pytest.raises(InputError):
        explain("API rate limit reached")


# --- a sender domain the host does not allow ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "550 5.7.1 Sender domain not allowed. See https://help.example.net/sender-policy",
    "host smtp.example.net[192.0.2.9] said: 554 5.7.1 <user@example.com>: sender domain is not permitted "
    "(in reply to end of DATA command)",
])
def test_a_sender_domain_not_allowed_is_the_sender_address(text: str) -> None:
    assert top(text) == "sender-address-not-allowed"


def test_a_recipient_domain_not_allowed_is_no_sender_refusal() -> None:
    assert top("550 5.7.1 Recipient domain not allowed") != "sender-address-not-allowed"


# --- Postfix's connect line with its host masked -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "port"), [
    ("postfix/smtp[2041]: connect to ...[...]:25: Operation timed out", 25),
    ("postfix/smtp[2041]: connect to ***[***.***.***.***]:25: Connection timed out", 25),
    ("postfix/smtp[2041]: connect to xxx[x.x.x.x]:587: Connection refused", 587),
])
def test_a_masked_postfix_connect_line_keeps_its_port_and_names_no_host(text: str, port: int) -> None:
    assert namedhost.hostport(text) == (None, port)


def test_a_masked_postfix_timeout_on_port_25_is_port_25_blocked() -> None:
    assert top("postfix/smtp[2041]: connect to ...[...]:25: Operation timed out") == "smtp-port25-blocked"


def test_an_unmasked_postfix_connect_line_keeps_its_host() -> None:
    text = "postfix/smtp[2041]: connect to mx.example.org[192.0.2.4]:25: Connection timed out"
    assert namedhost.hostport(text) == ("mx.example.org", 25)

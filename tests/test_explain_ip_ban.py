"""The client's own address named as blocked, banned or restricted is a refusal of that address, not of the account.

"550 Your IP address has been restricted due to heavy usage." read only as a bare permanent refusal, and the same
words in a mail program's error without a code ("Error: your IP address has been temporarily blocked by the mail
server") were declined. The address as the subject of the ban says the server's policy refuses the client's network
(RFC 3463 5.7.1), which client-ip-blocklisted explains. An account's lock that mentions an address stays the
account's, and the same words with nothing of mail around them stay declined.

The texts are of our own making.
"""

from __future__ import annotations

import pytest
from helpers import top_cause as top

from mailexpert.errors import InputError
from mailexpert.explain import explain


@pytest.mark.parametrize(
    "text",
    [
        "550 Your IP address has been restricted due to heavy usage.",
        "554 5.7.1 The sending IP has been banned",
        "Error: your IP address has been temporarily blocked by the mail server",
        "SMTP error: your IP address was blocked by the mail server, try again later",
    ],
)
def test_the_clients_address_named_as_banned_is_refused_by_address(text: str) -> None:
    assert top(text) == "client-ip-blocklisted"


def test_an_accounts_lock_that_mentions_an_address_stays_the_accounts() -> None:
    assert top("Your account has been blocked because of logins from an unusual IP address") == "account-locked"


def test_the_words_without_mail_around_them_stay_declined() -> None:
    with pytest.raises(InputError, match="not one mailexpert recognises"):
        explain("Your IP address has been restricted due to heavy usage.")

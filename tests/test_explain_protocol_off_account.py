"""A protocol switched off for an account the words name reads as that switch, even beside a login's words.

"Unable to log in: IMAP is not enabled for this mailbox" used to read as a server that offers no login
(smtp-auth-not-enabled): the words "log in" and "not enabled" gave the logins-not-offered reading before the
protocol-off one. An account or mailbox named beside the protocol and its switch says whose switch it is (Gmail's
"Your account is not enabled for IMAP use", GMX's POP3/IMAP "deaktiviert" until the user turns them on). A server's
own switch that names no account keeps the reading of logins not offered.

The texts are of our own making, in the shape of those providers' and clients' messages.
"""

from __future__ import annotations

import pytest
from helpers import top_cause as top


@pytest.mark.parametrize(
    "text",
    [
        "Unable to log in: IMAP is not enabled for this mailbox",
        "Login failed: POP3 access is not enabled for this account",
        "Unable to log in: IMAP access is disabled for your account",
    ],
)
def test_a_protocol_off_for_the_named_account_is_that_switch(text: str) -> None:
    assert top(text) == "protocol-disabled-for-account"


@pytest.mark.parametrize(
    "text",
    [
        "SMTP authentication is not enabled on this server",
        "Authentication is not enabled for SMTP",
    ],
)
def test_a_servers_own_switch_naming_no_account_is_no_account_switch(text: str) -> None:
    assert top(text) in {"smtp-auth-not-enabled", "auth-requires-tls"}

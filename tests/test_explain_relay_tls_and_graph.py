"""A relay's mandatory TLS and Microsoft Graph's refusal of a token's grant, as pasted.

Postfix's smtp client defers with its own words when its TLS security level for the next hop is
encrypt or higher: "TLS is required, but was not offered by host" when the EHLO reply lacks
STARTTLS, "TLS is required, but host ... refused to start TLS" when the server refused the
command (vdukhovni/postfix:postfix/src/smtp/smtp_proto.c). Exchange's REST and Microsoft Graph
mail APIs answer "Access is denied. Check credentials and try again." (ErrorAccessDenied) when the
OAuth2 token lacks the permission for the call: there is no password in those calls.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


@pytest.mark.parametrize(("text", "cause"), [
    ("Apr 16 20:52:03 lobby postfix/error[30183]: 987D910A524: to=<someone@example.net>, relay=none, delay=231575, "
     "delays=231575/0.39/0/0, dsn=4.7.4, status=deferred (delivery temporarily suspended: TLS is required, but was not "
     "offered by host smtp.example.net[192.0.2.32])", "starttls-not-offered"),
    ("postfix/smtp[450]: C8FA38E4F42: to=<a@example.org>, relay=mail.example.net[192.0.2.7]:25, delay=1, "
     "delays=0.1/0/0.9/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host "
     "mail.example.net[192.0.2.7])", "starttls-not-offered"),
    ("status=deferred (TLS is required, but host mail.example.net[192.0.2.7] refused to start TLS: 454 4.7.0 TLS not "
     "available due to local problem)", "starttls-failed"),
])
def test_postfix_mandatory_tls(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


@pytest.mark.parametrize("text", [
    "We could not send the message: Access is denied. Check credentials and try again.",
    '{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}',
])
def test_graph_access_denied_is_the_tokens_grant(text: str) -> None:
    assert explain(text).top.cause == "oauth-token-rejected"


def test_a_bare_access_denied_is_not_read_as_a_token() -> None:
    # Windows' "Access is denied." of a file or a service says nothing of an OAuth2 grant: beside an SMTP
    # refusal, the refusal is what is read.
    result = explain('Exception calling "Send" with "1" argument(s): "Access is denied." '
                     "535 5.7.8 Authentication credentials invalid")
    assert result.top.cause != "oauth-token-rejected"

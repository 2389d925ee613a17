"""What mail client apps show their users, read as the apps' own sources and help pages explain it
(tests/corpus/collected-batch21.yaml): FairEmail's own messages and the errors its FAQ explains
one by one, Android's words for a failed look-up, a POP3 server that takes no USER/PASS, Exchange's
answer to a dead OAuth token, Gmail's refusal of a child's account, and the relay and block-list
refusals its FAQ quotes."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses]


@pytest.mark.parametrize(("text", "cause"), [
    # FairEmail's own host name check (SSLHelper.checkServerTrusted): the name set is not the certificate's.
    ("imap.example.org not in certificate: mail.example.net,www.example.net", "cert-hostname-mismatch"),
    ("Untrusted ... not in certificate", "cert-hostname-mismatch"),
    # FairEmail's TOKEN_REFRESH_REQUIRED: the account manager could not renew the OAuth token.
    ("Token refresh required. Is there a VPN based app running?", "oauth-token-rejected"),
    # Exchange's "BAD Command Error. 10" to an OAuth login whose token expired.
    ("Command Error. 10", "oauth-token-rejected"),
    ("A2 BAD Command Error. 10", "oauth-token-rejected"),
    # A POP3 server that refuses USER/PASS: the login method, not the password.
    ("-ERR You must use stronger authentication such as AUTH or APOP to connect to this server",
     "auth-mechanism-unsupported"),
    # Gmail refuses IMAP to a Family Link child's account.
    ("[ALERT] IMAP access is not allowed for this account.", "protocol-disabled-for-account"),
    # POP before SMTP, in another server's words.
    ("550 5.7.1.You must check for new mail before sending mail", "smtp-auth-not-enabled"),
    # A relay refusal in other words than Postfix's.
    ("554 5.7.1 <bob@example.org>: sender not permitted to relay", "smtp-auth-not-enabled"),
    # The client's address on a list, the list's name cut off.
    ("550 Spam message rejected because IP is listed by", "client-ip-blocklisted"),
])
def test_a_client_apps_message_reads_as_its_source_explains_it(text: str, cause: str) -> None:
    assert top(text) == cause


def test_androids_unresolved_address_is_a_failed_look_up_not_an_unknown_name() -> None:
    # Socket.connect of an address whose look-up failed: like "Unable to resolve host", the reason
    # is unsaid, so the reading is the resolver's trouble rather than a name that does not exist.
    found = causes("java.net.UnknownHostException: Host is unresolved: imap.example.org")
    assert found and found[0] in {"dns-server-misconfigured", "dns-blocked", "dns-outage", "vpn-interference"}
    assert causes("Host is unresolved") == found


def test_boringssls_cert_length_mismatch_is_not_a_name_mismatch() -> None:
    # The Certificate message does not parse: what came back is not the TLS the client started.
    found = causes("javax.net.ssl.SSLHandshakeException: Read error: ssl=0x7a: Failure in SSL library, "
                   "usually a protocol error\nerror:100000d5:SSL routines:OPENSSL_internal:CERT_LENGTH_MISMATCH")
    assert found and found[0] in {"tls-on-plaintext-port", "wrong-protocol-on-port", "plaintext-on-tls-port"}
    assert "cert-hostname-mismatch" not in found


def test_a_list_name_after_the_listing_still_reads_as_the_clients_address_listed() -> None:
    assert top("550 Spam message rejected because IP is listed by sbl.spamhaus.org") == "client-ip-blocklisted"
    # "is listed" of something else than an address is no block list.
    assert top("550 5.1.1 The mailing list is listed as closed") != "client-ip-blocklisted"

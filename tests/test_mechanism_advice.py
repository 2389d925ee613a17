"""A refused authentication mechanism: the advice follows what the server's capability list
offers, where it is known (rules/authentication/auth-mechanism-unsupported.yaml)."""

from __future__ import annotations

import pytest

from mailexpert import diagnose_facts, fact
from mailexpert.explain import explain

HOST, PORT = "mail.example.test", 587


def refused_login(mechanism: str) -> object:
    return fact("login.result", host=HOST, port=PORT, protocol="smtp", mode="starttls", mechanism=mechanism,
                outcome="rejected", code=504, enhanced="5.5.4", text="5.5.4 Unrecognized authentication type")


def capabilities(mechanisms: str, *, tls: bool = True) -> object:
    words = mechanisms.split()
    return fact("service.capabilities", host=HOST, port=PORT, protocol="smtp", tls=tls, starttls=not tls,
                auth_offered=True, mechanisms=mechanisms, password_auth=bool({"PLAIN", "LOGIN"} & set(words)),
                oauth_only=False)


def advice(*facts: object) -> str:
    report = diagnose_facts(list(facts))
    found = [d for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"]
    assert found, [d.cause for d in report.diagnoses]
    return " ".join(found[0].fix)


@pytest.mark.parametrize("mechanisms", ["CRAM-MD5", "DIGEST-MD5 CRAM-MD5"])
def test_a_cram_md5_only_server_is_encrypted_password(mechanisms: str) -> None:
    text = advice(refused_login("PLAIN"), capabilities(mechanisms))
    assert '"Encrypted password" (CRAM-MD5)' in text and "Normal password" not in text, text


def test_a_server_that_offers_plain_is_normal_password() -> None:
    text = advice(refused_login("CRAM-MD5"), capabilities("PLAIN LOGIN"))
    assert '"Normal password" (PLAIN/LOGIN)' in text, text


def test_neither_password_nor_cram_names_what_the_server_offers() -> None:
    text = advice(refused_login("PLAIN"), capabilities("GSSAPI"))
    assert "(GSSAPI)" in text and "Normal password" not in text and "CRAM-MD5" not in text, text


def test_plain_offered_inside_tls_keeps_normal_password() -> None:
    # Dovecot hides PLAIN before TLS: the list read in clear is no reason to advise CRAM-MD5.
    text = advice(refused_login("GSSAPI"), capabilities("CRAM-MD5", tls=False), capabilities("PLAIN LOGIN CRAM-MD5"))
    assert '"Normal password" (PLAIN/LOGIN)' in text, text


def test_without_a_capability_list_the_advice_is_normal_password() -> None:
    text = advice(refused_login("CRAM-MD5"))
    assert '"Normal password" (PLAIN/LOGIN)' in text, text


def not_offered(mechanism: str) -> object:
    # The probe does not try a mechanism the client is set to that the server does not offer.
    return fact("login.result", host=HOST, port=PORT, protocol="smtp", mode="starttls", mechanism=mechanism,
                mechanism_pinned=True, outcome="skipped", skipped_reason="no-mechanism")


def test_normal_password_set_on_a_cram_md5_only_server_is_encrypted_password() -> None:
    text = advice(not_offered("PLAIN"), capabilities("CRAM-MD5"))
    assert '"Encrypted password" (CRAM-MD5)' in text and "Normal password" not in text, text


def test_a_mechanism_set_that_is_not_offered_beside_plain_keeps_normal_password() -> None:
    text = advice(not_offered("CRAM-MD5"), capabilities("PLAIN LOGIN"))
    assert '"Normal password" (PLAIN/LOGIN)' in text, text


def test_a_mechanism_set_that_is_not_offered_beside_kerberos_only_names_kerberos() -> None:
    text = advice(not_offered("PLAIN"), capabilities("GSSAPI"))
    assert "(GSSAPI)" in text and "Normal password" not in text, text


def test_a_pasted_refusal_of_the_mechanism_names_both_ways() -> None:
    """Without a capability list the words say only that the mechanism was refused: Dovecot
    answers so to AUTH CRAM-MD5 on a server without it, and to a POP3 PASS on a server that
    offers only CRAM-MD5 (tests/lab/test_real_cram_md5.py sees the second)."""
    report = explain("-ERR [AUTH] Unsupported authentication mechanism.")
    assert report.top is not None and report.top.cause == "auth-mechanism-unsupported", report.top
    text = " ".join(report.top.fix)
    assert '"Normal password" (PLAIN/LOGIN)' in text and '"Encrypted password" (CRAM-MD5)' in text, text

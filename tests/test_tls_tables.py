"""The TLS profile and client tables: consistent, sourced, and judged as their rows say."""

from __future__ import annotations

import ssl

import pytest

from mailexpert import tlsclients, tlsprofiles


def test_profiles_name_every_suite_explicitly_and_this_openssl_has_them():
    table = tlsprofiles.table()
    for profile in table.profiles:
        names = {c["name"] for c in tlsprofiles.client_context(profile).get_ciphers() if c["protocol"] != "TLSv1.3"}
        assert names == set(table.ciphers(profile)), profile
    mail = tlsprofiles.client_context("mail-client")
    assert mail.minimum_version == ssl.TLSVersion.TLSv1_2
    suites = mail.get_ciphers()
    assert all(c["kea"] != "kx-rsa" and c["digest"] != "sha1" for c in suites)  # forward secrecy, no SHA-1 MACs


def test_a_pinned_version_and_a_class_are_what_they_say():
    ctx = tlsprofiles.client_context("permissive", version="TLSv1.1")
    assert ctx.minimum_version == ctx.maximum_version == ssl.TLSVersion.TLSv1_1
    ctx = tlsprofiles.client_context("permissive", classes=("rsa",))
    assert ctx.maximum_version == ssl.TLSVersion.TLSv1_2
    assert {c["kea"] for c in ctx.get_ciphers() if c["protocol"] != "TLSv1.3"} == {"kx-rsa"}


def test_cipher_classes():
    table = tlsprofiles.table()
    assert table.class_of("AES128-SHA") == "rsa"
    assert table.class_of("ECDHE-RSA-AES128-SHA") == "ecdhe-cbc-sha1"
    assert table.class_of("TLS_AES_256_GCM_SHA384", "TLSv1.3") == "tls13"
    assert table.class_of("CAMELLIA128-SHA") is None


def test_every_client_row_has_https_sources():
    rows = tlsclients.clients()
    assert {r.id for r in rows} >= {"thunderbird", "outlook-windows10", "outlook-windows11", "apple-mail", "android",
                                   "python", "java", "dotnet-windows11"}
    for row in rows:
        assert row.sources and all(s.startswith("https://") for s in row.sources), row.id


MODERN = {"accepted": True, "versions": "TLSv1.2 TLSv1.3", "classes": "ecdhe-aead tls13", "classes_complete": False}
GOOD_CERT = {"key_type": "rsa", "key_bits": 2048, "signature_hash": "sha256", "has_aki": True}


def _verdicts(offer, cert=GOOD_CERT):
    return {row["client"]: (row["verdict"], row["reason"]) for row in tlsclients.verdicts(offer, cert)}


def test_a_modern_server_suits_every_client():
    assert {v for v, _ in _verdicts(MODERN).values()} == {"ok"}


@pytest.mark.parametrize(
    ("offer", "cert", "fails", "ok"),
    [
        ({"accepted": True, "versions": "TLSv1 TLSv1.1", "classes": "ecdhe-cbc-sha1 rsa", "classes_complete": True},
         GOOD_CERT, {"thunderbird", "python", "java", "android", "outlook-windows11"}, {"outlook-windows10", "apple-mail"}),
        ({"accepted": True, "versions": "TLSv1.2", "classes": "rsa", "classes_complete": True},
         GOOD_CERT, {"python", "python313", "java"}, {"thunderbird", "apple-mail", "android", "outlook-windows11"}),
        ({"accepted": True, "versions": "TLSv1.2", "classes": "dhe", "classes_complete": True, "dh_2048": False},
         GOOD_CERT, {"thunderbird", "apple-mail", "android", "python"}, {"java"}),
        ({"accepted": True, "versions": "TLSv1.3", "classes": "tls13", "classes_complete": True},
         GOOD_CERT, {"outlook-windows10"}, {"thunderbird", "python", "apple-mail"}),
        (MODERN, {**GOOD_CERT, "key_bits": 1024}, {"apple-mail", "python"}, {"thunderbird", "java"}),
        (MODERN, {**GOOD_CERT, "signature_hash": "sha1"}, {"apple-mail", "python"}, {"thunderbird"}),
        (MODERN, {**GOOD_CERT, "has_aki": False}, {"python313"}, {"python", "thunderbird"}),
        ({"accepted": False, "failure": "timeout"}, None, {"thunderbird", "python"}, set()),
    ],
)
def test_who_fails(offer, cert, fails, ok):
    got = _verdicts(offer, cert)
    for client in fails:
        assert got[client][0] == "fails" and got[client][1], (client, got[client])
    for client in ok:
        assert got[client][0] == "ok", (client, got[client])

"""Outlook's "Your server does not support the connection encryption type you have specified"
(IXP_E_SECURE_CONNECT_FAILED, 0x800CCC1A) is its one message for a secure connection Windows' TLS
(Schannel) could not set up. Hosts that explain it name first an Outlook on an old Windows without
TLS 1.2 against a server that requires it, so that reading ranks first; SSL/TLS on a port that
speaks plaintext first gives the same words and stays a candidate. Sources beside each text."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

# https://kb.hosting.com/docs/migrations-and-legacy-e-mail-client-applications (Outlook 2010, Windows 7)
SEND_RECEIVE = ("'Receiving' reported error (0x800CCC1A): 'Your server does not support the connection encryption "
                "type you have specified. Try changing the encryption method. Contact your mail server administrator "
                "or Internet service provider (ISP) for additional assistance.'")
# https://freemail.help.economia.cz/articles/64282-chyba-zabezpeceneho-spojeni-v-postovnim-klientu-pomoci-ssltls
CZECH = "Server nepodporuje zadaný typ šifrování připojení. Zkuste způsob šifrování změnit."
# https://it.sorayori.com/gmailsetting (Outlook 2010's account test, Japanese)
JAPANESE = "テスト電子メール メッセージの送信:このサーバーは、指定した種類の接続暗号化をサポートしていません…"


@pytest.mark.parametrize("text", [SEND_RECEIVE, CZECH, JAPANESE, "Error 0x800CCC1A"])
def test_outlook_encryption_type_reads_the_old_windows_first_and_keeps_the_port(text: str) -> None:
    diagnoses = explain(text).diagnoses
    causes = [d.cause for d in diagnoses]
    assert causes[:2] == ["tls-version-client-outdated", "tls-on-plaintext-port"], causes
    assert diagnoses[0].rule == "tls-version-client-outdated-outlook-encryption-type"
    assert any("KB3140245" in step for step in diagnoses[0].fix)


def test_a_named_platform_reads_through_its_own_rule() -> None:
    top = explain(SEND_RECEIVE + " Outlook 2010 on Windows 7").top
    assert top is not None and (top.cause, top.rule) == (
        "tls-version-client-outdated", "tls-version-client-outdated-named-platform")


def test_another_stacks_wrong_version_number_still_reads_the_port() -> None:
    top = explain("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1129)").top
    assert top is not None and top.cause == "tls-on-plaintext-port"

"""Outlook's messages as a localized Outlook and Windows show them: the certificate warning's reason
(Windows' SEC_E_WRONG_PRINCIPAL, "the target principal name is incorrect") and its heading in German,
Japanese and French, and a relay refusal as Microsoft's localized article on Outlook's relay errors
(65b494a4-0a15-433e-829f-e73651e0245e) quotes it, where the server's words come translated. The same
reading as the English words: a certificate that does not name the server, a server that will not
relay. Sources beside each text."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

HOSTNAME_MISMATCH = [
    # https://www.windows-faq.de/2023/05/30/der-zielprinzipalname-ist-falsch/
    "Internetsicherheitswarnung: Von dem Server, mit dem Sie verbunden sind, wird ein Sicherheitszertifikat "
    "verwendet, das nicht überprüft werden kann. Der Zielprinzipalname ist falsch.",
    # https://togeonet.co.jp/post-17129
    "インターネットセキュリティ警告 対象のプリンシパル名が間違っています。接続しているサーバは、確認出来ないセキュリティ証明書を使用しています。",
    # https://support.microsoft.com/kb/2783881/fr
    "Le nom du certificat de sécurité n’est pas valide ou ne correspond pas au nom du site. Voulez-vous continuer ?",
]


@pytest.mark.parametrize("text", HOSTNAME_MISMATCH)
def test_localized_outlook_certificate_name_warning_reads_a_hostname_mismatch(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == "cert-hostname-mismatch", top


def test_localized_outlook_unverified_certificate_alone_is_a_certificate_failure() -> None:
    # the heading without the reason: some certificate failure, not a connection or a login
    causes = [d.cause for d in explain(
        "Von dem Server, mit dem Sie verbunden sind, wird ein Sicherheitszertifikat verwendet, das nicht "
        "überprüft werden kann. Möchten Sie diesen Server weiterhin verwenden?").diagnoses]
    assert causes and causes[0].startswith("cert-"), causes


RELAY = [
    # support.office.com/it-it/... 65B494A4-0A15-433E-829F-E73651E0245E
    "Impossibile inviare il messaggio perché uno dei destinatari è stato rifiutato dal server. L'indirizzo di posta "
    "elettronica rifiutato era \" <someone@example.com>\". Oggetto: '<test>', Account: '<Test>', Server: "
    "'<smtp.example.com>', Protocollo: SMTP, Risposta server: '550 <someone@example.com>... Inoltro negato', porta: 25, "
    "sicuro (SSL): No, errore del server: 550, numero di errore: 0x800CCC79",
    # support.microsoft.com/pt-pt/office/... 65b494a4-0a15-433e-829f-e73651e0245e (qmail's refusal, translated)
    "Resposta do Servidor: \"553 – esse domínio não está na minha lista de rcpthosts permitidos (#5.7.1)\", Porta: 25, "
    "Secure (SSL): Não, Erro do Servidor: 553, Número de Erro: 0x800CCC79.",
    # support.office.com/de-de/... 65b494a4-0a15-433e-829f-e73651e0245e
    "Serverantwort: \"550 <jemand@beispiel.com>... Relay verweigert\", Anschluss: 25, Secure (SSL): Nein, "
    "Serverfehler: 550, Fehlernummer: 0x800CCC79.",
]


@pytest.mark.parametrize("text", RELAY)
def test_a_translated_relay_refusal_reads_as_a_relay_refusal(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause in {"smtp-auth-not-enabled", "mx-host-used-for-submission"}, top


def test_a_recipient_refusal_that_names_no_relay_is_not_read_as_one() -> None:
    top = explain("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown").top
    assert top is None or top.cause not in {"smtp-auth-not-enabled", "mx-host-used-for-submission"}, top

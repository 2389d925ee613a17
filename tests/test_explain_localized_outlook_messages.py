"""Outlook's messages as a localized Outlook and Windows show them: the certificate warning's reason
(Windows' SEC_E_WRONG_PRINCIPAL, "the target principal name is incorrect") and its heading in German,
Japanese and French, and a relay refusal as Microsoft's localized article on Outlook's relay errors
(65b494a4-0a15-433e-829f-e73651e0245e) quotes it, where the server's words come translated. The same
reading as the English words: a certificate that does not name the server, a server that will not
relay. Sources beside each text."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain, named_setting

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
    # Outlook names the account's outgoing server and port 25 in its own details; Microsoft's article gives
    # authenticated sending as the fix, so the missing login reads first, not an MX (rules/server-address/
    # mx-host-used-for-submission.yaml, mx-host-used-for-submission-port25)
    top = explain(text).top
    assert top is not None and top.cause == "smtp-auth-not-enabled", top


def test_the_english_outlook_relay_refusal_on_port_25_reads_the_missing_login() -> None:
    # https://ftp.zx.net.nz/pub/archive/ftp.microsoft.com/MISC/KB/en-us/290/842.HTM
    top = explain("The message could not be sent because one of the recipients was rejected by the server. The "
                  "rejected e-mail address was '<someone@example.com>'. Subject: '<Test>', Account: '<Test>', Server: "
                  "'smtp.example.com', Protocol: SMTP, Server Response: '550 <someone@example.com>... Relaying Denied', "
                  "Port: 25, Secure (SSL): No, Server Error: 550, Error Number: 0x800CCC79").top
    assert top is not None and top.cause == "smtp-auth-not-enabled", top


def test_a_port_25_setting_given_on_the_command_line_still_reads_an_mx() -> None:
    top = explain("554 5.7.1 <bob@example.org>: Relay access denied",
                  setting=ServerSetting.parse("smtp", "mx.example.org:25/plain")).top
    assert top is not None and top.cause == "mx-host-used-for-submission", top


def test_a_recipient_refusal_that_names_no_relay_is_not_read_as_one() -> None:
    top = explain("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown").top
    assert top is None or top.cause not in {"smtp-auth-not-enabled", "mx-host-used-for-submission"}, top


@pytest.mark.parametrize("text", [
    # the field names of Outlook's send/receive error in German and Dutch, as Microsoft's localized article
    # on relay errors quotes them (support.office.com/de-de and support.microsoft.com/nl-nl, 65b494a4-...)
    "Die Verbindung zum Server ist fehlgeschlagen. Konto: 'Privat', Server: 'smtp.example.de', Protokoll: SMTP, "
    "Anschluss: 25, Secure (SSL): Nein, Fehlernummer: 0x800CCC0E",
    "Kan geen verbinding maken met de server. Account: 'Prive', server: 'smtp.example.nl', protocol: SMTP, "
    "poort: 25, beveiligd (SSL): Nee, foutnummer: 0x800CCC0E",
])
def test_localized_outlook_fields_give_the_setting(text: str) -> None:
    setting = named_setting(text)
    assert setting is not None and str(setting).endswith(":25/plain") and str(setting).startswith("smtp "), setting

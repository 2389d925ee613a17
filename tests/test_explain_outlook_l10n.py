"""Outlook's and Outlook Express's send/receive errors as a localized Outlook shows them, each read as the
English message reads (mailexpert/data/client-messages.yaml, outlook: the catalogue's translations).

Sources, beside each case:
- the relay refusal (IXP_E_SMTP_REJECTED_RECIPIENTS, 0x800CCC79) as Microsoft's localized article
  65b494a4-0a15-433e-829f-e73651e0245e ("I get a 550, 553 or relay prohibited error") quotes it:
  support.office.com/de-de, support.microsoft.com/es-es, support.office.com/it-it, support.microsoft.com/nl-nl,
  support.microsoft.com/pt-pt, office.microsoft.com/pt-br/outlook-help (HA010080002), support.microsoft.com/ja-jp,
  support.microsoft.com/zh-cn, support.office.com/cs-cz, support.office.com/sk-sk;
- Outlook Express in Japanese: hehao1.seesaa.net/article/44145698.html (0x800CCC0E, a port 25 blocked by the
  provider) and /article/44852088.html (0x800CCC78, POP before SMTP);
- Outlook 2019 in French (0x800CCC92): fr.ittrip.xyz/ms-office/outlook/outlook-2019-erreur-0x800ccc92;
- Outlook's account test in German: mailcow/mailcow#177.

Each case: the text, the causes it may read as (those the English message reads as)."""

from __future__ import annotations

import pytest
from helpers import causes_of

# The English relay refusal without the server's answer (KB 290842): the outgoing server wants a login.
RELAY = ("smtp-auth-not-enabled", "mx-host-used-for-submission")
# "Cannot send the message. Verify the e-mail address in your account properties." (0x800CCC78).
SENDER = ("smtp-auth-not-enabled", "sender-address-not-allowed")
CONNECT = ("port-blocked-outbound", "port-closed", "smtp-port25-blocked")
PASSWORD = ("password-rejected",)

CASES = [
    ("Die Nachricht konnte nicht gesendet werden, da einer der Empfänger vom Server nicht akzeptiert wurde. "
     "Die nicht akzeptierte E-Mail-Adresse ist <jemand@beispiel.com>.", RELAY),  # de
    ("El mensaje no se pudo enviar porque el servidor rechazó uno de los destinatarios. La dirección de correo "
     "electrónico rechazada era \"<someone@example.com>\".", RELAY),  # es
    ("Impossibile inviare il messaggio perché uno dei destinatari è stato rifiutato dal server. L'indirizzo di "
     "posta elettronica rifiutato era \" <someone@example.com>\".", RELAY),  # it
    ("Kan het bericht niet verzenden omdat één van de geadresseerden door de server is geweigerd. Het geweigerde "
     "e-mailadres is <iemand@example.com>.", RELAY),  # nl
    ("Não foi possível enviar a mensagem porque um dos destinatários foi rejeitado pelo servidor. O endereço de "
     "e-mail rejeitado era \"<alguem@example.com>\".", RELAY),  # pt-PT
    ("A mensagem não pôde ser enviada porque um de seus destinatários foi recusado pelo servidor. O endereço de "
     "email recusado era 'nome@exemplo.com'.", RELAY),  # pt-BR
    ("いずれかの受信者がサーバーによって拒否されたため、メッセージを送信できませんでした。 拒否された電子メール アドレスは、"
     "\"someone@example.com\" でした。", RELAY),  # ja
    ("邮件无法发送，因为其中一个收件人被服务器拒绝。 被拒绝的电子邮件地址为“<someone@example.com>”。", RELAY),  # zh-CN
    ("Zprávu nebylo možné odeslat, protože jeden z příjemců byl serverem odmítnut. Odmítnutá e-mailová adresa je "
     "'<adresa@example.com>'.", RELAY),  # cs
    ("Správu nebolo možné odoslať, pretože jeden z príjemcov bol zamietnutý serverom. Odmietnutá e-mailová adresa je "
     "„<meno@example.com>“.", RELAY),  # sk
    ("メッセージを送信できません。アカウントのプロパティで電子メールアドレスが正しいことを確認してください。", SENDER),  # ja
    ("サーバーへの接続は失敗しました。アカウント: '電子メールアカウント', サーバー: 'mail.example.jp', プロトコル: SMTP",
     CONNECT),  # ja (Outlook Express)
    ("Votre serveur de courrier a refusé votre connexion", PASSWORD),  # fr
    ("Testnachricht senden: Von Outlook kann keine Verbindung mit dem Postausgangsserver (SMTP) hergestellt werden. "
     "Wenn Sie diese Meldung weiterhin erhalten, wenden Sie sich an Ihren Serveradministrator oder "
     "Internetdienstanbieter.", CONNECT),  # de
]

# Neighbours that must not read as the cause of the message they resemble.
DIFFERENTIAL = [
    # A connection that failed is no refused password; a refused login is no unreachable server.
    ("サーバーへの接続は失敗しました。", "password-rejected"),
    ("Votre serveur de courrier a refusé votre connexion", "port-blocked-outbound"),
    # The refused recipient's own reason, where the server's answer is pasted with it, says more than
    # Outlook's guess: an unknown mailbox is no missing login.
    ("El mensaje no se pudo enviar porque el servidor rechazó uno de los destinatarios. La dirección de correo "
     "electrónico rechazada era \"<bob@example.org>\". Protocolo: SMTP, Respuesta del servidor: '550 5.1.1 "
     "<bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table', Puerto: 587",
     "smtp-auth-not-enabled"),
]


@pytest.mark.parametrize(("text", "acceptable", "wrong"),
                         [(text, acceptable, None) for text, acceptable in CASES]
                         + [(text, None, wrong) for text, wrong in DIFFERENTIAL])
def test_a_localized_outlook_message_reads_as_the_english_one(
        text: str, acceptable: tuple[str, ...] | None, wrong: str | None) -> None:
    first = causes_of(text)[:1]
    if acceptable:
        assert first and first[0] in acceptable, first or "declined"
    if wrong:
        assert wrong not in first, first


def test_a_message_that_says_only_that_sending_failed_names_no_specific_cause() -> None:
    # Outlook's "could not be sent" without the reason after it: a failure, not a guessed refusal.
    causes = causes_of("Die Nachricht konnte nicht gesendet werden.", errors_only=True)
    assert not causes or causes[0] not in RELAY + PASSWORD + SENDER, causes

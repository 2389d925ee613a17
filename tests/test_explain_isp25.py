"""Home and mobile internet providers that block outgoing port 25, as pasted texts name them.

Residential and mobile providers drop or refuse outgoing connections to port 25 of any server but
their own relay; a mail program set to send on 25 then fails, and users paste its error with the
name of their provider or of the block itself (data/on-the-way.yaml, role `isp`). The failures are
the programs' own wordings (each from the catalogue that cites it: data/client-messages.yaml,
data/library-messages.yaml, data/error-texts.yaml); the names and what each provider blocks are the
providers' own pages, cited in the table:

- Comcast / Xfinity: https://corporate.comcast.com/comcast-voices/updated-management-of-smtp-port-25
- Cox: https://www.cox.com/residential/support/internet/article.cox?articleId=fa7a7000-9f12-11df-6baf-000000000000
- Telstra BigPond: https://bigpond.custhelp.com/cgi-bin/bigpond.cfg/php/enduser/std_adp.php?p_faqid=5562
- Swisscom: https://www.swisscom.ch/fr/clients-prives/aide/e-mail/email-versand-funktioniert-nicht.html
- J:COM: its OP25B page on https://cs.myjcom.jp/; Y!mobile: https://www.ymobile.jp/support/faq/view/20885
- OCN: https://service.ocn.ne.jp/option/mail/ocnmail/meiwaku/op25b.html; ODN: https://www.odn.ne.jp/support/op25b/submission.html;
  plala: its page (archived) https://megalodon.jp/ref/2012-0219-0930-49/www.plala.or.jp/support/manual/mail/plala_mail/submission
- OP25B, "Outbound Port 25 Blocking", 25番ポートブロック: https://asahi-net.jp/en/support/security/op25b_2.html,
  https://datatracker.ietf.org/doc/draft-akagiri-op25b-dynamicip/

Neighbours: the same provider named beside a failure on 587 or 465 (the block is port 25's only),
beside a login refusal, and the plain words "orange" or "free" that name no provider.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

BLOCK = "smtp-port25-blocked"

# Thunderbird's smtpSendRequestRefused (composeMsgs.properties; data/client-messages.yaml thunderbird)
TB_REFUSED = ("The message could not be sent because connecting to Outgoing server (SMTP) {host} failed. The server "
              "may be unavailable or is refusing SMTP connections. Please verify that your Outgoing server (SMTP) "
              "settings are correct and try again.")
# Thunderbird's smtpSendRequestRefused in French, German, Spanish and Japanese (thunderbird-l10n)
TB_REFUSED_FR = ("Le message n’a pas pu être envoyé car la connexion au serveur sortant (SMTP) « {host} » a échoué. "
                 "Le serveur est peut-être indisponible ou refuse les connexions SMTP.")
TB_REFUSED_DE = ("Die Nachricht konnte nicht gesendet werden, weil der Verbindungsaufbau mit dem SMTP-Server {host} "
                 "fehlgeschlagen ist. Der Server ist entweder nicht verfügbar oder lehnt SMTP-Verbindungen ab.")
TB_REFUSED_ES = ("El mensaje no se ha podido enviar porque ha fallado la conexión al servidor de salida (SMTP) {host}. "
                 "El servidor puede no estar disponible o está rechazando conexiones SMTP.")
TB_REFUSED_JA = ("送信 (SMTP) サーバー {host} に接続できなかったため、メッセージを送信できませんでした。"
                 "サーバーが利用できないか、SMTP 接続が拒否された可能性があります。")
# PHPMailer's connect failure (data/library-messages.yaml phpmailer)
PHPMAILER = ("SMTP ERROR: Failed to connect to server: Connection refused (111)\n"
             "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting")


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


BLOCKED = [
    # Comcast / Xfinity
    ("I'm on Comcast at home.\n" + TB_REFUSED.format(host="mail.example.net:25")),
    ("Xfinity internet here, sending fails:\nsmtplib: ConnectionRefusedError: [Errno 111] Connection refused "
     "(connecting to mail.example.net port 25)"),
    ("Since we moved to Xfinity my script fails: " + PHPMAILER.replace("server:", "server mail.example.net:25:")),
    # Cox
    ("Cox Communications customer. msmtp: cannot connect to mail.example.net, port 25: Connection refused"),
    # Telstra BigPond
    ("On Telstra BigPond: " + TB_REFUSED.format(host="mail.example.com.au:25")),
    # Swisscom
    ("Swisscom Internet-Anschluss. " + TB_REFUSED_DE.format(host="mail.example.ch:25")),
    # J:COM and Y!mobile (OP25B at nearly every Japanese provider)
    ("J:COM の回線です。" + TB_REFUSED_JA.format(host="mail.example.jp:25")),
    ("Y!mobile の回線から送信すると失敗します。" + TB_REFUSED_JA.format(host="smtp.example.jp:25")),
    # OCN, plala and ODN in Outlook (Express)'s Japanese 0x800CCC0E with its port line (the form a Japanese
    # page quotes for OP25B: hehao1.seesaa.net/article/44145698.html)
    ("OCN に変えてから送信できません。サーバーへの接続は失敗しました。アカウント: 'mail.example.jp', サーバー: "
     "'mail.example.jp', プロトコル: SMTP, ポート: 25, セキュリティ (SSL): なし, ソケット エラー: 10051, エラー番号: 0x800CCC0E"),
    ("ぷららです。サーバーへの接続は失敗しました。アカウント: 'mail.example.jp', サーバー: 'mail.example.jp', "
     "プロトコル: SMTP, ポート: 25, セキュリティ (SSL): なし, ソケット エラー: 10060, エラー番号: 0x800CCC0E"),
    ("ODN の回線: connect to mail.example.jp[198.51.100.7]:25: Connection refused"),
    # the block's own names
    ("OP25B のせいでしょうか。" + TB_REFUSED_JA.format(host="mail.example.jp:25")),
    ("Is this Outbound Port 25 Blocking? " + TB_REFUSED.format(host="mail.example.net:25")),
    ("25番ポートブロックと関係ありますか。connect to mail.example.jp port 25: Connection refused"),
    ("My ISP is blocking port 25, I think: msmtp: cannot connect to mail.example.net, port 25: Network is unreachable"),
    # the port unsaid where the failure is, but the block's own name says it
    ("OP25B? " + TB_REFUSED.format(host="mail.example.jp")),
    ("Outbound Port 25 Blocking: " + TB_REFUSED_JA.format(host="mail.example.jp")),
    # French, German and Spanish wordings of the block beside the client's failure
    ("Le port 25 est bloqué par mon FAI ? " + TB_REFUSED_FR.format(host="mail.example.fr")),
    ("Port 25 gesperrt? " + TB_REFUSED_DE.format(host="mail.example.de")),
    ("¿Bloqueo del puerto 25? " + TB_REFUSED_ES.format(host="mail.example.es")),
    # a timeout on 25 beside a provider (already the block; stays so)
    ("Comcast. connect to mail.example.net[203.0.113.9]:25: Connection timed out"),
]

NOT_BLOCKED = [
    # the same providers beside a failure on 587 or 465: their block is port 25's only
    ("I'm on Comcast. msmtp: cannot connect to mail.example.net, port 587: Connection refused"),
    ("Xfinity customer. smtplib: ConnectionRefusedError: [Errno 111] Connection refused (mail.example.net port 465)"),
    ("Telstra BigPond. msmtp: cannot connect to mail.example.com.au, port 587: Connection timed out"),
    # a login refusal beside a provider
    ("Comcast: 535 5.7.8 Authentication credentials invalid"),
    ("J:COM です。535 5.7.8 Error: authentication failed: authentication failure"),
    ("OCN: msmtp: cannot connect to mail.example.jp, port 587: Connection refused"),
    # "orange" and "free" as words: no provider
    ("I set the orange flag and sending failed: msmtp: cannot connect to mail.example.net, port 587: Connection refused"),
    ("Feel free to ask. msmtp: cannot connect to mail.example.net, port 465: Connection refused"),
    ("Orange juice aside: msmtp: cannot connect to mail.example.net: Connection refused"),
    # "Cox" as a surname is not the provider
    ("Ms Cox here. msmtp: cannot connect to mail.example.net, port 25: Connection refused"),
    # a denial of the block names nothing
    ("Le port 25 n'est pas bloqué. msmtp: cannot connect to mail.example.net: Connection refused"),
    ("Port 25 ist nicht gesperrt. msmtp: cannot connect to mail.example.net: Connection refused"),
    ("My ISP doesn't block port 25. msmtp: cannot connect to mail.example.net: Connection refused"),
]


@pytest.mark.parametrize("text", BLOCKED)
def test_a_port_25_failure_beside_a_provider_or_the_block_reads_as_the_block(text: str) -> None:
    found = causes(text)
    assert found and found[0] == BLOCK, found


@pytest.mark.parametrize("text", NOT_BLOCKED)
def test_a_provider_beside_another_failure_is_not_the_block(text: str) -> None:
    found = causes(text)
    assert BLOCK not in found, found


def test_a_generic_failure_stays_a_failure_without_a_cause() -> None:
    # "Sending failed" names nothing: a failure, not the block, and never fine
    report = explain("Comcast. Sending of the message failed.")
    assert BLOCK not in [d.cause for d in report.diagnoses if d.is_root]
    assert report.exit_status == 1

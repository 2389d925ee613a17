"""Desktop and terminal mail clients' failure messages in the languages they ship, each read as the
English message reads. Mutt: muttmua/mutt po/<locale>.po (at 15c45790fd), the msgstr of the msgid
that mutt_socket.c, imap/imap.c, imap/auth.c, imap/auth_login.c, imap/auth_sasl.c, imap/command.c,
pop_lib.c, pop_auth.c, smtp.c, mutt_ssl.c and mutt_ssl_gnutls.c print (mutt_error); its translators'
words differ from NeoMutt's for the same msgids. GNOME Online Accounts: GNOME/gnome-online-accounts
po/<locale>.po (at 0a85e7c807), the msgstr of the msgid that src/goabackend/goaimapauthlogin.c,
goasmtpauth.c and goautils.c (goa_utils_set_error_ssl) set as the IMAP and SMTP account's error.

Each case: the text as Mutt shows it (placeholders filled), the causes it may read as, the first of
them the one the English message reads."""

from __future__ import annotations

import pytest
from helpers import causes_of

ANCIENT = ("wrong-protocol-on-port",)
BEFORE_TLS = ("auth-requires-tls",)
NO_STARTTLS = ("starttls-not-offered", "starttls-stripped")
# A connection the server closed says nothing more; Mutt's English "Server closed connection!" reads so too.
CLOSED = ("tls-interception", "server-unavailable", "port-blocked-outbound")
EXPIRED = ("cert-expired", "clock-skew")
NOT_YET = ("cert-not-yet-valid", "clock-skew")
HOSTNAME = ("cert-hostname-mismatch",)
UNTRUSTED = ("cert-untrusted-issuer", "cert-self-signed")
HOST_UNKNOWN = ("server-host-unknown", "server-host-typo")
PASSWORD = ("password-rejected",)
STARTTLS_FAILED = ("starttls-failed",)
MECHANISM = ("auth-mechanism-unsupported", "oauth-required")
CONNECT = ("port-blocked-outbound", "port-closed")
TIMEOUT = ("port-blocked-outbound",)

MUTT = [
    # imap/imap.c: "This IMAP server is ancient. Mutt does not work with it."
    ("Dieser IMAP-Server ist veraltet und wird nicht von Mutt unterstützt.", ANCIENT),  # de
    ("IMAP-palvelin on niin vanha ettei mutt toimi sen kanssa.", ANCIENT),  # fi
    # imap/auth_login.c: "LOGIN disabled on this server."
    ("LOGIN désactivée sur ce serveur.", BEFORE_TLS),  # fr
    ("LOGIN deshabilitado neste servidor.", BEFORE_TLS),  # gl
    # imap/imap.c, pop_lib.c: "Encrypted connection unavailable"
    ("Krypterad anslutning otillgänglig", NO_STARTTLS),  # sv
    # pop_lib.c: "Server closed connection!"
    ("Сервер закрыл соединение!", CLOSED),  # ru
    ("Serveren afbrød forbindelsen!", CLOSED),  # da
    # mutt_socket.c: "Connection to %s closed"
    ("Nasc le mail.example.org dúnta", CLOSED),  # ga
    # pop_lib.c: "Error connecting to server: %s"
    ("Error en connectar amb el servidor: pop.example.org", CONNECT),  # ca
    # mutt_ssl.c: "Server certificate has expired"; mutt_ssl_gnutls.c: "WARNING: Server certificate has expired"
    ("サーバの証明書が期限切れ", EXPIRED),  # ja
    ("AVERTO: Atestilo de servilo estas eksvalidiĝinta", EXPIRED),  # eo
    # mutt_ssl_gnutls.c: "WARNING: Server hostname does not match certificate"
    ("警告：服务器主机名与证书不匹配", HOSTNAME),  # zh_CN
    # mutt_ssl.c: "certificate owner does not match hostname %s"
    ("il proprietario del certificato non corrisponde al nome host mail.example.org", HOSTNAME),  # it
    # mutt_ssl.c, mutt_ssl_gnutls.c: "Untrusted server certificate"
    ("Недовірений сертифікат сервера", UNTRUSTED),  # uk
    # mutt_socket.c: "Could not find the host \"%s\""
    ('找不到主機 "mail.exmaple.org"', HOST_UNKNOWN),  # zh_TW
    ('Negalėjau rasti hosto "mail.exmaple.org"', HOST_UNKNOWN),  # lt
    # imap/auth_sasl.c, pop_auth.c: "SASL authentication failed."
    ("SASL 인증에 실패함.", PASSWORD),  # ko
    ("SASL-authenticatie is mislukt.", PASSWORD),  # nl
    # imap/auth_login.c, pop_auth.c: "Login failed."
    ("Zalogowanie nie powiodło się.", PASSWORD),  # pl
    ("Prihlasovanie zlyhalo.", PASSWORD),  # sk
    # imap/imap.c, pop_lib.c, smtp.c: "Could not negotiate TLS connection"
    ("TLS bağlantısı pazarlığı yapılamadı", STARTTLS_FAILED),  # tr
    ("Ezin da TLS konexioa negoziatu", STARTTLS_FAILED),  # eu
    # imap/auth.c, pop_auth.c, smtp.c: "No authenticators available"
    ("Nejsou k dispozici žádné autentizační metody", MECHANISM),  # cs
]

GOA = [
    # goaimapauthlogin.c, goasmtpauth.c: "Server does not support STARTTLS"
    ("Le serveur ne prend pas en charge STARTTLS", NO_STARTTLS),  # fr
    ("لا يدعم الخادوم STARTTLS", NO_STARTTLS),  # ar
    ("เซิร์ฟเวอร์ไม่รองรับ STARTTLS", NO_STARTTLS),  # th
    # goasmtpauth.c: "Unknown authentication mechanism"
    ("알 수 없는 인증 매커니즘입니다", MECHANISM),  # ko
    ("Nieznany mechanizm uwierzytelniania", MECHANISM),  # pl
    # goautils.c (G_TLS_CERTIFICATE_UNKNOWN_CA): "The signing certificate authority is not known."
    ("Неизвестный центр сертификации.", UNTRUSTED),  # ru
    ("הרשות שחתמה על האישור אינה ידועה.", UNTRUSTED),  # he
    ("La autoridad de firma del certificado es desconocida.", UNTRUSTED),  # es
    ("هویت امضا کنندهٔ گواهینامه شناخته شده نیست.", UNTRUSTED),  # fa
    # goautils.c (G_TLS_CERTIFICATE_BAD_IDENTITY)
    ("証明書が予期した取得サイトの識別情報と一致しません。", HOSTNAME),  # ja
    ("प्रमाणपत्र उस साइट की अपेक्षित पहचान से मेल नहीं खाता जहां से इसे पुनर्प्राप्त किया गया था।", HOSTNAME),  # hi
    ("Сертифікат не відповідає очікуваному, який одержано зі сторінки.", HOSTNAME),  # uk
    ("სერტიფიკატი არ ემთხვევა იმ საიტს იდენტურობას, საიდანაც ის გადმოწერეთ.", HOSTNAME),  # ka
    # goautils.c (G_TLS_CERTIFICATE_NOT_ACTIVATED)
    ("证书激活时间尚未到达。", NOT_YET),  # zh_CN
    ("Ο χρόνος ενεργοποίησης του πιστοποιητικού εξακολουθεί να είναι στο μέλλον.", NOT_YET),  # el
]

# Neighbours that must not read as the cause of the message they resemble.
DIFFERENTIAL = [
    # An expired certificate is not a host-name mismatch, and a host-name mismatch is not an untrusted issuer.
    ("サーバの証明書が期限切れ", "cert-hostname-mismatch"),
    ("警告：服务器主机名与证书不匹配", "cert-untrusted-issuer"),
    # LOGIN disabled before TLS is no refused password.
    ("LOGIN désactivée sur ce serveur.", "password-rejected"),
    # A closed connection is no refused password.
    ("Сервер закрыл соединение!", "password-rejected"),
    # A certificate not yet valid is not an expired one; an unknown issuer is no host-name mismatch.
    ("证书激活时间尚未到达。", "cert-expired"),
    ("Неизвестный центр сертификации.", "cert-hostname-mismatch"),
    # No STARTTLS offered is not a failed handshake after it.
    ("Le serveur ne prend pas en charge STARTTLS", "starttls-failed"),
]


@pytest.mark.parametrize(("text", "acceptable"), MUTT + GOA)
def test_a_translated_message_reads_as_the_english_one(text: str, acceptable: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes, "declined"
    assert causes[0] in acceptable, causes


@pytest.mark.parametrize(("text", "wrong"), DIFFERENTIAL)
def test_a_neighbour_does_not_read_as_the_other_cause(text: str, wrong: str) -> None:
    assert wrong not in causes_of(text)[:1]


def test_a_failure_without_a_reason_names_no_specific_cause() -> None:
    # Mutt's "SMTP session failed: %s" with a read error (smtp.c) says only that the session broke.
    causes = causes_of("SMTP session failed: read error")
    assert "password-rejected" not in causes[:1], causes
    assert not causes or causes[0] not in HOSTNAME + UNTRUSTED + EXPIRED, causes

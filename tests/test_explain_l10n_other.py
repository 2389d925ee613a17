"""Concept words of more languages (mailexpert/data/concept-words/<language>.yaml): Greek, Turkish, Hungarian,
Finnish, Estonian, Polish, Czech, Slovak, Slovenian, Croatian, Serbian, Bulgarian, Russian, Ukrainian, Japanese,
Chinese, Korean, Hebrew, Arabic and Persian words for the concept groups of data/concepts.yaml, each found with the
group's meaning in the catalogues of at least two programs.

Each case is a program's own message in its translation, as data/client-messages.yaml, library-messages.yaml and
data/translations/*.yaml quote it from the program's po/<locale>.po or res/values-<locale>/strings.xml (the program
and the locale follow each case). It is read here by the concept layer alone, as the message of a program whose
catalogue nobody collected is read (benchmarks/catalogue_unseen.py): before these words none of them was read as
its cause (declined, or read as a connection's failure). The neighbours keep their readings: a certificate
authority's name holds the Hungarian word of a login ("hitelesítés-szolgáltató"), the Persian word of incoming
holds that of a login ("ورودی"), Greek "εισόδου/εξόδου" is an input/output error and Korean 인증서 a certificate;
and a text that says only that the connection failed stays a failure without a specific cause.
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.explain import explain

REFUSED = {"wording": "refused"}
CONNECT = {"wording": "connect-failed"}
NXDOMAIN = {"dns": "nxdomain"}
REFUSED_PORT = {"socket": "refused"}
STARTTLS = {"wording": "starttls-failed"}
UNTRUSTED = {"tls": ["cert-invalid", "untrusted-issuer"]}
EXPIRED = {"tls": ["cert-invalid", "expired"]}
MISMATCH = {"tls": ["cert-invalid", "hostname-mismatch"]}
SERVER = {"wording": "server-words"}
LOGIN = {"password-rejected", "username-wrong"}
HOST = {"server-host-unknown", "server-host-typo"}

CATALOGUE = [
    # Turkish
    ("Sunucuya bağlanılamıyor.", CONNECT, None),  # aosp-email tr
    ("mail.example.com oturumu açılamadı.", REFUSED, LOGIN),  # aosp-email tr
    ("“mail.example.com” olarak giriş yapılamıyor. Lütfen adresin ve parolanın doğru olup olmadığını denetleyin.",
     REFUSED, LOGIN),  # deltachat tr
    ("IMAP4 yetkilendirmesi başarısız.\n", REFUSED, LOGIN),  # sylpheed tr
    ("SMTP sunucusu bulunamadı: mail.example.com:mail.example.com", NXDOMAIN, HOST),  # sylpheed tr
    # Greek
    ("Η είσοδος στον IMAP4 απέτυχε.\n", REFUSED, LOGIN),  # sylpheed el
    # Hungarian
    ("SMTP szerver nem található: mail.example.com:mail.example.com", NXDOMAIN, HOST),  # sylpheed hu
    ("A hitelesítés sikertelen: mail.example.com. Frissítse a kiszolgálóbeállításokat.", REFUSED,
     LOGIN),  # thunderbird-android hu
    # Estonian
    ("E-posti aadressiga „mail.example.com“ ei õnnestu sisse logida. Palun kontrolli, kas aadress ja salasõna on "
     "õiged.", REFUSED, LOGIN),  # deltachat et
    ("Tõrge STARTTLS käsu täitmisel: ", STARTTLS, {"starttls-failed"}),  # evolution et
    ("Sisselogimine nurjus, kuna kasutajanimi või salasõna polnud õige.", REFUSED, LOGIN),  # horde et
    # Polish, Czech
    ("Połączenie z mail.example.com zostało odrzucone", REFUSED_PORT, None),  # neomutt pl
    ("Nelze se připojit k poštovnímu serveru mail.example.com, spojení bylo odmítnuto.", REFUSED_PORT,
     {"port-closed"}),  # thunderbird cs
    # Slovenian, Serbian
    ("Prijava na IMAP4 ni uspela.\n", REFUSED, LOGIN),  # sylpheed sl
    ("Potrdilo strežnika ni skladno z istovetnostjo strani", MISMATCH, {"cert-hostname-mismatch"}),  # geary sl
    ("Potrdilo ni skladno s pričakovano istovetnostjo strani, s katere je pridobljen.", MISMATCH,
     {"cert-hostname-mismatch"}),  # gnome-online-accounts sl
    ("Не могу да се пријавим као „mail.example.com“. Проверите да ли су е-адреса и лозинка тачни.", REFUSED,
     LOGIN),  # deltachat sr
    ("Аутентификација није успела за mail.example.com. Ажурирајте подешавања сервера.", REFUSED,
     LOGIN),  # thunderbird-android sr
    # Russian, Ukrainian
    ("Неизвестный центр сертификации.", UNTRUSTED, {"cert-untrusted-issuer"}),  # gnome-online-accounts ru
    ('Не вдалося увійти як "mail.example.com". Будь ласка, перевірте правильність адреси електронної пошти та '
     "паролю.", REFUSED, LOGIN),  # deltachat uk
    ("Не вдалося авторизуватися", REFUSED, LOGIN),  # snappymail uk
    ("Попередження: Строк дії сертифікату сервера збіг", EXPIRED, {"cert-expired"}),  # mutt uk
    # Japanese, Chinese, Korean
    ("信頼できないサーバ証明書", UNTRUSTED, {"cert-untrusted-issuer"}),  # mutt ja
    ("伺服器傳回錯誤，請檢查您的使用者名稱和密碼，然後再試一次。", REFUSED, LOGIN),  # aosp-email zh-rTW
    ("無法連線至 POP3 伺服器： mail.example.com:mail.example.com", CONNECT, None),  # claws-mail zh_TW
    ("無法登入 mail.example.com。請確定 email 帳號和密碼是否正確。", REFUSED, LOGIN),  # deltachat zh-TW
    ("存取郵件伺服器時發生錯誤。", SERVER, None),  # snappymail zh-TW
    ("인증에 실패했습니다", REFUSED, LOGIN),  # snappymail ko
    ("mail.example.com:mail.example.com IMAP4 서버에 연결할 수가 없습니다\n", CONNECT, None),  # sylpheed ko
    # Hebrew
    ("החשבון דיווח על התחברות או ססמה לא נכונה.", REFUSED, LOGIN),  # geary he
]


@pytest.mark.parametrize(("text", "gives", "causes"), CATALOGUE)
def test_the_concepts_alone_read_the_wording(text: str, gives: dict[str, object], causes: set[str] | None) -> None:
    # (a failure that names the server and no reason is the table's last resort, ``unsaid``)
    found = concepts.read(text) or concepts.read(text, unsaid=True)
    assert found is not None, "no concept reading"
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives


@pytest.mark.parametrize(("text", "gives", "causes"), CATALOGUE)
def test_explain_reads_a_failure(text: str, gives: dict[str, object], causes: set[str] | None) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    if causes:
        assert report.top is not None and report.top.cause in causes


# Words of another meaning that hold a new word: they must not be read as its concept.
NOT_THESE = [
    # hu a certificate authority ("hitelesítésszolgáltató"), no login
    ("Ismeretlen hitelesítésszolgáltató: mail.example.com tanúsítványa", "credentials"),
    # fa the incoming server ("کارساز ورودی"), no login
    ("اتصال به کارساز ورودی ناموفق بود.", "credentials"),
    # el an input/output error ("σφάλμα εισόδου/εξόδου"), no login
    ("Σφάλμα εισόδου/εξόδου στον διακομιστή IMAP", "credentials"),
    # ko a certificate (인증서), no login
    ("서버 인증서가 만료되었습니다", "credentials"),
    # tr a request ("istek"), no expiry
    ("Sertifika isteği sunucuya gönderilemedi", "expired"),
    # hr a connection that timed out ("isteklo je vrijeme"), no certificate's expiry
    ("Isteklo je vrijeme povezivanja na poslužitelj mail.example.com.", "expired"),
]


@pytest.mark.parametrize(("text", "group"), NOT_THESE)
def test_other_words_are_not_read_as_the_new_concepts(text: str, group: str) -> None:
    found = concepts.read(text)
    assert found is None or group not in found.reading.all, found.reading.all


def test_a_korean_certificate_that_expired_is_read_as_one() -> None:
    # (인증서 a certificate, 만료 expiry: thunderbird ko cert-error-expired)
    top = explain("서버 인증서가 만료되었습니다").top
    assert top is not None and top.cause == "cert-expired"


def test_a_generic_failure_stays_a_failure_without_a_specific_cause() -> None:
    # tr "could not connect to the server": no reason given
    roots = [d for d in explain("Sunucuya bağlanılamadı.").diagnoses if d.is_root]
    assert roots and all(d.severity == "error" for d in roots)
    assert not {d.cause for d in roots} & (LOGIN | HOST | {"cert-untrusted-issuer", "cert-expired"})

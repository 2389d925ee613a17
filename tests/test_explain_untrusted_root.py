"""Windows' untrusted-root words (CERT_E_UNTRUSTEDROOT, SEC_E_UNTRUSTED_ROOT, .NET's UntrustedRoot) are given for
a self-signed server certificate (its own root) as for a private CA's root: both causes are proposed, in the order
of data/priors.yaml (a self-signed certificate first, as MailKit, which shows these words, names it first). Texts
of other stacks that say "self signed" keep that reading first, and texts that name a missing issuer keep theirs."""

from __future__ import annotations

import pytest

from mailexpert import priors
from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise

UNTRUSTED_ROOT = [
    # github.com/bkaankose/Wino-Mail/issues/348 (MailKit under Wino Mail; the reporter's IMAP server is self-signed)
    "Connection Failed\nAn error occurred while establishing an SSL or TLS connection.\n"
    "The server's SSL certificate could not be verified for the following reasons:\n"
    "- The server certificate has the following errors:\n"
    "- A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.",
    # github.com/LightBuzz/SMTP-WinRT/issues/16 (UWP's StreamSocket, the error as an HRESULT)
    "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. "
    "(Exception from HRESULT: 0x800B0109) error coming.",
    # github.com/jstedfast/MailKit/issues/925 (the chain information MailKit passes on, against a self-signed server)
    'Certificate chain info returning always "A certificate chain processed, but terminated in a root certificate '
    'which is not trusted by the trust provider.\\r\\n"',
    # Microsoft's "Schannel error codes for TLS and SSL alerts" page, as .NET's Win32Exception prints the code
    "System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an authority that is not "
    "trusted.",
]


@pytest.mark.parametrize("text", UNTRUSTED_ROOT)
def test_an_untrusted_root_is_read_as_both_causes_self_signed_first(text: str) -> None:
    handshakes = [f for f in recognise(text).facts if f.kind == "tls.handshake"]
    assert [(h["outcome"], h["verify"]) for h in handshakes] == [("cert-invalid", "untrusted-root")]
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes[:2] == ["cert-self-signed", "cert-untrusted-issuer"], causes


def test_the_order_of_the_two_is_the_priors_table_s() -> None:
    text = UNTRUSTED_ROOT[3]
    fam = priors.family(recognise(text).facts)
    assert fam is not None and fam.id == "cert-untrusted-root"
    both = {"cert-self-signed", "cert-untrusted-issuer"}
    ranked = [d.cause for d in explain(text).diagnoses if d.cause in both]
    assert ranked == sorted(ranked, key=fam.rank)
    # the two readings tie on everything else: the table alone puts one first
    first = {d.cause: d for d in explain(text).diagnoses}
    assert first["cert-self-signed"].confidence == first["cert-untrusted-issuer"].confidence


@pytest.mark.parametrize("text", [
    # github.com/LukeSmithxyz/mutt-wizard (mbsync against Gmail: 'self signed certificate')
    "SSL error connecting imap.gmail.com ([2404:6800:4003:c01::6d]:993): self signed certificate\nLog-on not successful.",
    # Thunderbird's certificate page (mozilla::pkix, gecko-dev's security/manager/locales)
    "The certificate is not trusted because it is self-signed. Error code: MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT",
])
def test_words_that_say_self_signed_keep_it_first(text: str) -> None:
    report = explain(text)
    assert report.top.cause == "cert-self-signed"
    assert report.top.confidence == "confirmed"


@pytest.mark.parametrize("text", [
    # github.com/Mailu/Mailu/issues/24 (fetchmail: an issuer the chain does not reach)
    "fetchmail: Server certificate verification error: unable to get local issuer certificate\n"
    "fetchmail: Broken certification chain at: /C=US/O=Equifax/OU=Equifax Secure Certificate Authority",
    # github.com/dani-garcia/vaultwarden/issues/3318 (lettre over OpenSSL: the chain stops short of a trusted root)
    "[2023-03-07 14:15:56.592][vaultwarden::mail][ERROR] SMTP Connection error: Connection error: error:1416F086:SSL "
    "routines:tls_process_server_certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1914: (unable to "
    "get local issuer certificate)",
])
def test_a_missing_issuer_keeps_its_reading(text: str) -> None:
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes[0] == "cert-untrusted-issuer", causes
    assert "cert-self-signed" not in causes, causes


def test_windows_words_beside_a_self_issued_certificate_say_self_signed() -> None:
    # The certificate's own fields (subject and issuer the same name) tell the two apart.
    text = ("The remote certificate is invalid according to the validation procedure: UntrustedRoot\n"
            "Subject: CN=mail.example.org\nIssuer: CN=mail.example.org")
    handshakes = [f for f in recognise(text).facts if f.kind == "tls.handshake"]
    assert [h["verify"] for h in handshakes] == ["self-signed"]
    assert explain(text).top.cause == "cert-self-signed"


@pytest.mark.parametrize("text", [
    # NSS (Thunderbird), Go and a peer's unknown_ca alert: the words of a private CA's certificate and of a
    # self-signed one alike.
    "SEC_ERROR_UNKNOWN_ISSUER",
    "x509: certificate signed by unknown authority",
    "remote error: tls: unknown certificate authority",
])
def test_an_unknown_issuer_keeps_a_self_signed_certificate_among_the_candidates(text: str) -> None:
    causes = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert causes[0] == "cert-untrusted-issuer"
    assert "cert-self-signed" in causes


def test_openssl_naming_the_missing_issuer_certificate_proposes_no_self_signed_one() -> None:
    # OpenSSL says "self-signed certificate" of a self-signed one; these words are an issued certificate's.
    causes = [d.cause for d in explain("certificate verify failed: unable to get local issuer certificate").diagnoses]
    assert causes[0] == "cert-untrusted-issuer"
    assert "cert-self-signed" not in causes


def test_a_certificate_refused_without_a_reason_proposes_both_in_the_priors_order() -> None:
    text = "Unacceptable TLS certificate"
    fam = priors.family(recognise(text).facts)
    assert fam is not None and fam.id == "cert-unspecified"
    causes = [d.cause for d in explain(text).diagnoses if d.cause in ("cert-untrusted-issuer", "cert-self-signed")]
    assert causes == sorted(causes, key=fam.order.index) and len(causes) == 2


@pytest.mark.parametrize("text", [
    # The Bat!'s "Unknown CA certificate" in Russian (battlecase.ru): its own certificate store lacks the chain's root
    "Неизвестный сертификат CA\nСервер не предоставил корневой сертификат в сессии и соответствующий корневой "
    "сертификат не найден в адресной книге.",
    # the same dialog in Ukrainian (redcomrade.ru/uk)
    "Сервер не представив кореневий сертифікат у сесії і відповідний кореневий сертифікат не знайдено адресної книги.",
    # Claws Mail uk (po/uk.po, as data/client-messages.yaml quotes it): no issuer found
    "Не знайдено видавця сертифікату",
])
def test_a_missing_root_or_issuer_in_russian_and_ukrainian_is_an_untrusted_issuer(text: str) -> None:
    assert explain(text).top.cause == "cert-untrusted-issuer"


def test_ukrainian_words_that_only_give_an_error_say_no_issuer() -> None:
    # "видав" is also "gave" (видав помилку, "gave an error"): only the noun says issuer. The words say a
    # certificate error without its reason ("помилк" is an error's word in more than one program's catalogue,
    # data/concepts.yaml failure), which reads as a certificate refused for no stated reason, as the English
    # "The server gave a certificate error" does, never as an issuer the text names.
    text = "Сервер видав помилку сертифіката"
    try:
        facts = recognise(text).facts
    except InputError:
        return
    assert all(f.get("verify") != "untrusted-issuer" for f in facts)
    report = explain(text)
    assert report.top is None or report.top.rule != "cert-untrusted-issuer-pasted"

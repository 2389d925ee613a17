"""Windows prints Schannel's and CryptoAPI's messages in its own language, but .NET's
Win32Exception (0x...), curl's "SEC_E_... (0x...)" and the programs' error numbers keep the code:
each code reads the same in any language (data/error-texts.yaml, from winerror.h as Microsoft's
"SSPI Status Codes", "Schannel error codes for TLS and SSL alerts" and CERT_CHAIN_POLICY_STATUS
pages list them). The messages below are those pages' own translations."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise

CODES = [
    # de-de SSPI status codes: SEC_E_ALGORITHM_MISMATCH
    ("0x80090331", "Client und Server können nicht kommunizieren, da sie keinen gemeinsamen Algorithmus besitzen.",
     "protocol-version", "unchecked"),
    # the peer's protocol_version alert, as Schannel reports it (SEC_E_UNSUPPORTED_FUNCTION)
    ("0x80090302", "Die angeforderte Funktion wird nicht unterstützt.", "protocol-version", "unchecked"),
    # de-de: SEC_E_CERT_EXPIRED
    ("0x80090328", "Das empfangene Zertifikat ist abgelaufen.", "cert-invalid", "expired"),
    # fr-fr: SEC_E_CERT_UNKNOWN
    ("0x80090327", "Une erreur inconnue s’est produite lors du traitement du certificat.", "cert-invalid", "other"),
    # es-es: SEC_E_CERT_WRONG_USAGE
    ("0x80090349", "El certificado no es válido para el uso solicitado.", "cert-invalid", "other"),
    # cs-cz: SEC_E_CERT_WRONG_USAGE
    ("0x80090349", "Certifikát není platný pro požadované použití.", "cert-invalid", "other"),
    # ru-ru CERT_CHAIN_POLICY_STATUS: CERT_E_UNTRUSTEDROOT, CERT_E_CHAINING, CERT_E_WRONG_USAGE
    ("0x800B0109", "Цепочка сертификации правильно обработана, но завершена в корневом сертификате, который не является "
                   "доверенным поставщиком доверия.", "cert-invalid", "untrusted-root"),
    ("0x800B010A", "Цепочка сертификатов создана неправильно.", "cert-invalid", "untrusted-issuer"),
    ("0x800B0110", "Сертификат не действителен для запрошенного применения.", "cert-invalid", "other"),
    # zh-cn CERT_CHAIN_POLICY_STATUS: CERT_E_EXPIRED, CRYPT_E_REVOKED, CRYPT_E_REVOCATION_OFFLINE
    ("0x800B0101", "所需的证书不在有效期内。", "cert-invalid", "expired"),
    ("0x80092010", "证书或签名已被吊销。", "cert-invalid", "revoked"),
    ("0x80092013", "吊销功能无法检查吊销,因为吊销服务器已脱机。", "cert-invalid", "other"),
    ("0x80092012", "吊销函数无法检查吊销证书。", "cert-invalid", "other"),
    # the peer's bad_record_mac and decrypt_error alerts, as Schannel reports them (de-de SSPI status codes)
    ("0x8009030F", "Die Nachricht oder Signatur, die für die Überprüfung bereitgestellt wurde, wurde geändert.", "alert", "unchecked"),
    ("0x80090330", "Die angegebenen Daten konnten nicht entschlüsselt werden.", "alert", "unchecked"),
]


@pytest.mark.parametrize(("code", "message", "outcome", "verify"), CODES)
def test_a_windows_code_reads_in_any_language(code: str, message: str, outcome: str, verify: str) -> None:
    text = f"System.ComponentModel.Win32Exception ({code}): {message}"
    handshakes = [f for f in recognise(text).facts if f.kind == "tls.handshake"]
    assert [(h.get("outcome"), h.get("verify")) for h in handshakes] == [(outcome, verify)], text


def test_curl_names_the_code_beside_windows_words() -> None:
    # curl's schannel backend: "SEC_E_... (0x...) - " and the system's message in its language
    text = ("curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_CERT_UNKNOWN (0x80090327) - "
            "Bei der Verarbeitung des Zertifikats ist ein unbekannter Fehler aufgetreten.")
    handshakes = [f for f in recognise(text).facts if f.kind == "tls.handshake"]
    assert [(h.get("outcome"), h.get("verify")) for h in handshakes] == [("cert-invalid", "other")]


# This side's own credentials, which Windows' security package could not get (AcquireCredentialsHandle):
# the certificate and private key the program presents, not the mail password and not the server's verdict.
OWN_CREDENTIALS = [
    # github.com/dotnet/corefx/issues/12683 (.NET SslStream: the certificate it was given has no usable key)
    "System.ComponentModel.Win32Exception : The credentials supplied to the package were not recognized\n"
    "   at System.Net.SSPIWrapper.AcquireCredentialsHandle(SSPIInterface secModule, String package, "
    "CredentialUse intent, SCHANNEL_CRED scc)",
    # github.com/dotnet/corefx/issues/31928 (the HRESULT .NET wraps the Win32 code in)
    'SslStream.AuthenticateAsServerAsync failing with "System.ComponentModel.Win32Exception (0x80004005): '
    'The credentials supplied to the package were not recognized"',
    # curl's schannel backend (cargo through a TLS-intercepting proxy; the system's words in Chinese)
    "[35] SSL connect error (schannel: AcquireCredentialsHandle failed: SEC_E_NO_CREDENTIALS (0x8009030e) - "
    "安全包中没有可用的凭证)",
    # the same codes as .NET's Win32Exception prints them, in the English of winerror.h
    "System.ComponentModel.Win32Exception (0x8009030D): The credentials supplied to the package were not recognized",
    "System.ComponentModel.Win32Exception (0x8009030E): No credentials are available in the security package",
]


@pytest.mark.parametrize("text", OWN_CREDENTIALS)
def test_this_sides_credentials_are_no_refused_password(text: str) -> None:
    facts = recognise(text).facts
    assert [(f.kind, f.get("role")) for f in facts] == [("client.file", "certificate")], facts
    report = explain(text)
    roots = [d.cause for d in report.diagnoses if d.is_root]
    assert roots[0] == "client-config-corrupt", roots
    assert not {"password-rejected", "username-wrong", "auth-requires-tls"} & set(roots), roots

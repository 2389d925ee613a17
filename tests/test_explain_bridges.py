"""``explain`` tells a self-signed server certificate from one whose issuer is unknown, by the words
the TLS stacks and mail programs really print (each case names the program's source that prints it).

What tells them apart, stack by stack:

- OpenSSL gives the server's own self-signed certificate X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT (18, "self-signed
  certificate"; "self signed certificate" before 3.0) and a chain that ends at a self-signed root nobody here
  trusts X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN (19, "... in certificate chain": a private CA or an interceptor),
  openssl/openssl:crypto/x509/x509_txt.c; Node.js names them DEPTH_ZERO_SELF_SIGNED_CERT and
  SELF_SIGNED_CERT_IN_CHAIN (nodejs/node:src/crypto/crypto_common.cc).
- NSS (Thunderbird) has MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT and "The certificate is not trusted because it is
  self-signed." (cert-error-trust-self-signed, in every locale of mozilla-l10n/firefox-l10n:*/browser/browser/
  aboutCertError.ftl); its words for SEC_ERROR_UNKNOWN_ISSUER (cert-error-trust-unknown-issuer) list a
  self-signed certificate as one of three reasons beside an unknown issuer and a missing intermediate, so they
  name no self-signed certificate.
- webpki/rustls: CaUsedAsEndEntity is a CA certificate served as the server's own (a hand-made self-signed one);
  UnknownIssuer is both.
- Java's "PKIX path building failed", Go's "x509: certificate signed by unknown authority", .NET's UntrustedRoot
  and GnuTLS's "The certificate issuer is unknown" are said of both: the reading keeps both candidates.
- GnuTLS's "Error in the certificate." (GNUTLS_E_CERTIFICATE_ERROR, gnutls/gnutls:lib/errors.c) and Apple's
  kSecTrustResultRecoverableTrustFailure say only that the certificate was refused: a failure with its
  candidates, no one cause.
- A local bridge that serves a certificate it made (Proton Mail Bridge, by its name or its default address
  127.0.0.1:1143/1025: ProtonMail/proton-bridge:internal/certs/tls.go) is self-signed whatever the verdict says
  (mailexpert/data/self-signed.yaml). hydroxide listens on the same ports without TLS unless given a certificate
  (emersion/hydroxide:cmd/hydroxide/main.go), so it is no row; DavMail needs no TLS towards the mail program on
  this computer and checks the Exchange server's certificate itself (mguessan/davmail: davmail.http.
  DavGatewayX509TrustManager, davmail.ui.AcceptCertificateDialog), so a certificate failure beside its name is
  as often the Exchange server's: no row either.
"""

from __future__ import annotations

import attrs
import pytest

from mailexpert.explain import explain

SE, UI, HM, TI = "cert-self-signed", "cert-untrusted-issuer", "cert-hostname-mismatch", "tls-interception"
CERT = {SE, UI, HM, "cert-expired", "cert-not-yet-valid", TI}

X509_TXT = "openssl/openssl:crypto/x509/x509_txt.c"
NODE = "nodejs/node:src/crypto/crypto_common.cc"
CERT_ERROR_FTL = "mozilla-l10n/firefox-l10n:{}/browser/browser/aboutCertError.ftl"
BRIDGE = "ProtonMail/proton-bridge:internal/certs/tls.go; https://proton.me/support/macos-certificate-warning"

JAVA_LOG = "openjdk/jdk:src/java.base/share/classes/sun/security/ssl/SSLLogger.java (basicCertFormat) + PKIXValidator.java"
#: Java's javax.net.debug listing of the certificate the server sent, then the verdict.
JAVA_DEBUG = (
    "javax.net.ssl|DEBUG|10|main|2024-05-02 09:12:44.120 CEST|CertificateMessage.java:1172|Consuming server "
    "Certificate handshake message (\n\"Certificate\": {{\n  \"certificate_request_context\": \"\",\n"
    "  \"certificate_list\": [\n  {{\n    \"certificate\" : {{\n      \"version\"            : \"v3\",\n"
    "      \"serial number\"      : \"1F 0A 63\",\n      \"signature algorithm\": \"SHA256withRSA\",\n"
    "      \"issuer\"             : \"{issuer}\",\n"
    "      \"not before\"         : \"2024-01-01 00:00:00.000 CET\",\n"
    "      \"not  after\"         : \"2034-01-01 00:00:00.000 CET\",\n"
    "      \"subject\"            : \"CN=mail.example.com\",\n"
    "      \"subject public key\" : \"RSA\"}}\n  }}\n]\n}}\n)\n"
    "javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n"
    "\tjavax.net.ssl.SSLHandshakeException: PKIX path building failed: "
    "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to "
    "requested target")


@attrs.frozen
class Case:
    name: str
    text: str
    first: tuple[str, ...]  # the causes that may come first
    source: str
    also: tuple[str, ...] = ()  # causes that must be among the candidates too


CASES = [
    # --- the server's own certificate is self-signed
    Case("OpenSSL 3, error 18", "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate "
         "(_ssl.c:1006)", (SE,), X509_TXT),
    Case("OpenSSL 1.1, error 18", "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify "
         "failed (self signed certificate)", (SE,), X509_TXT),
    Case("Node.js", "Error: self-signed certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34)\n"
         "  code: 'DEPTH_ZERO_SELF_SIGNED_CERT'", (SE,), NODE),
    Case("NSS's code", "Error code: MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT", (SE,),
         "nss-dev/nss:lib/mozpkix/include/pkix/pkixnss.h"),
    Case("Thunderbird, en", "The certificate is not trusted because it is self-signed.", (SE,),
         CERT_ERROR_FTL.format("en-GB")),
    Case("Thunderbird, fr", "Le certificat n’est pas sûr car il est auto-signé.", (SE,), CERT_ERROR_FTL.format("fr")),
    Case("Thunderbird, nl", "Het certificaat wordt niet vertrouwd, omdat het zelfondertekend is.", (SE,),
         CERT_ERROR_FTL.format("nl")),
    Case("Thunderbird, zh-CN", "该证书因为其自签名而不被信任。", (SE,), CERT_ERROR_FTL.format("zh-CN")),
    Case("Thunderbird, zh-TW", "該憑證未受信任，因為憑證是自己簽署的憑證。", (SE,), CERT_ERROR_FTL.format("zh-TW")),
    Case("Thunderbird, pt-BR", "O certificado não é confiável porque é autoassinado.", (SE,),
         CERT_ERROR_FTL.format("pt-BR")),
    Case("Thunderbird, pl", "Certyfikat nie jest zaufany, ponieważ jest samopodpisany.", (SE,),
         CERT_ERROR_FTL.format("pl")),
    Case("rustls/webpki, a CA certificate served as the server's", "invalid peer certificate: "
         "Other(OtherError(CaUsedAsEndEntity))", (SE,), "rustls/webpki:src/error.rs"),
    Case("a certificate dialog whose issuer is its subject", "Unrecognized Certificate\n"
         "Subject: CN=mail.example.com\nIssuer: CN=mail.example.com", (SE,),
         "thunderbird/thunderbird-android: strings.xml (account_setup_failed_dlg_invalid_certificate_title); "
         "RFC 5280 section 3.2 (self-issued)"),
    Case("Java's TLS debug log, the server's certificate its own issuer", JAVA_DEBUG.format(issuer="CN=mail.example.com"),
         (SE,), JAVA_LOG),
    # --- a local bridge whose certificate is its own, whatever the verdict says
    Case("Go to Proton Mail Bridge's SMTP address", "dial tcp 127.0.0.1:1025: tls: failed to verify certificate: "
         "x509: certificate signed by unknown authority", (SE,), BRIDGE + "; golang/go:src/crypto/x509/verify.go"),
    Case("Java through Proton Mail Bridge, by its name", "Proton Mail Bridge: javax.net.ssl.SSLHandshakeException: "
         "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find "
         "valid certification path to requested target", (SE,), BRIDGE),
    Case("Thunderbird's unknown issuer with the bridge's certificate subject", "SEC_ERROR_UNKNOWN_ISSUER\n"
         "Issued To: CN=127.0.0.1, O=Proton AG, OU=Proton Mail", (SE,), BRIDGE),
    # --- a chain to a CA nobody here trusts: an unknown issuer, not a self-signed server certificate
    Case("OpenSSL 3, error 19 (a private CA or an interceptor)", "[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
         "verify failed: self-signed certificate in certificate chain (_ssl.c:1006)", (UI, TI), X509_TXT),
    Case("Node.js, a self-signed root in the chain", "Error: self-signed certificate in certificate chain\n"
         "  code: 'SELF_SIGNED_CERT_IN_CHAIN'", (UI, TI), NODE),
    Case("Node.js, a missing intermediate", "Error: unable to verify the first certificate\n"
         "  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'", (UI,), NODE),
    Case("OpenSSL, the issuer not found", "SSL certificate problem: unable to get local issuer certificate", (UI,),
         X509_TXT),
    Case("Thunderbird, the issuer unknown", "The certificate is not trusted because the issuer certificate is "
         "unknown.", (UI,), "mozilla/gecko-dev:security/manager/locales (certErrorTrust_UnknownIssuer)"),
    Case("Firefox/Thunderbird, SEC_ERROR_UNKNOWN_ISSUER's three reasons, en", "Websites prove their identity via "
         "certificates. Thunderbird does not trust mail.example.com because its certificate issuer is unknown, the "
         "certificate is self-signed, or the server is not sending the correct intermediate certificates.", (UI,),
         CERT_ERROR_FTL.format("en-GB") + " (cert-error-trust-unknown-issuer)", also=(SE,)),
    Case("the same, fr", "Les sites web justifient leur identité par des certificats. Thunderbird ne fait pas "
         "confiance à mail.example.com, car l’émetteur de son certificat est inconnu, le certificat est auto-signé ou "
         "le serveur n’envoie pas les certificats intermédiaires corrects.", (UI,), CERT_ERROR_FTL.format("fr"),
         also=(SE,)),
    Case("the same, pt-BR", "Os sites comprovam sua identidade por meio de certificados. O Thunderbird não confia em "
         "mail.example.com porque sua entidade certificadora é desconhecida, o certificado é autoassinado, ou o "
         "servidor não está enviando os certificados intermediários corretos.", (UI,), CERT_ERROR_FTL.format("pt-BR"),
         also=(SE,)),
    Case("the same, pl", "Witryny potwierdzają swoją tożsamość poprzez certyfikaty. Thunderbird nie ufa "
         "certyfikatowi witryny „mail.example.com”, ponieważ jego wystawca jest nieznany, jest samopodpisany lub "
         "serwer nie przesyła właściwych certyfikatów pośrednich.", (UI,), CERT_ERROR_FTL.format("pl"), also=(SE,)),
    Case("the same, zh-CN", "各个网站通过证书证明自己的身份。Thunderbird 不信任 mail.example.com，因其证书颁发者未知，"
         "证书是自签名的，或者服务器未发送正确的中间证书。", (UI,), CERT_ERROR_FTL.format("zh-CN"), also=(SE,)),
    Case("Java's TLS debug log, the server's certificate from a private CA",
         JAVA_DEBUG.format(issuer="CN=Example Private CA, O=Example"), (UI,), JAVA_LOG),
    Case(".NET, a partial chain", "System.Security.Authentication.AuthenticationException: The remote certificate "
         "is invalid because of errors in the certificate chain: PartialChain", (UI,),
         "dotnet/runtime:System.Net.Security (X509ChainStatusFlags.PartialChain)"),
    Case("Windows, no chain to a trusted root", "A certificate chain could not be built to a trusted root "
         "authority.", (UI,), "Windows winerror.h CERT_E_CHAINING"),
    # --- the verdicts every stack gives both: both candidates, the unknown issuer first
    Case("Go", "x509: certificate signed by unknown authority", (UI,), "golang/go:src/crypto/x509/verify.go",
         also=(SE,)),
    Case("Java", "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
         "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to "
         "requested target", (UI,), "openjdk/jdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java",
         also=(SE,)),
    Case("rustls", "invalid peer certificate: UnknownIssuer", (UI,), "rustls/rustls:rustls/src/error.rs", also=(SE,)),
    Case("GnuTLS", "The certificate is NOT trusted. The certificate issuer is unknown.", (UI,),
         "gnutls/gnutls:lib/cert-session.c", also=(SE,)),
    # --- a name the certificate does not cover
    Case("Node.js, a name mismatch", "Error: Hostname/IP does not match certificate's altnames: Host: "
         "mail.example.com. is not in the cert's altnames: DNS:*.example.net", (HM,), NODE),
    Case(".NET, a name mismatch", "The remote certificate is invalid according to the validation procedure: "
         "RemoteCertificateNameMismatch", (HM,), "dotnet/runtime:System.Net.Security (SslPolicyErrors)"),
    Case("Java, a name mismatch", "javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching "
         "mail.example.com found.", (HM,), "openjdk/jdk:src/java.base/share/classes/sun/security/util/HostnameChecker.java"),
    # --- a refusal that names no reason: a failure with its candidates, no one cause
    Case("GnuTLS's certificate error", "gnutls_handshake() failed: Error in the certificate.", (UI, SE),
         "gnutls/gnutls:lib/errors.c (GNUTLS_E_CERTIFICATE_ERROR)", also=(UI, SE)),
    Case("Apple's recoverable trust failure", "SecTrustEvaluate result: kSecTrustResultRecoverableTrustFailure", (UI, SE),
         "https://developer.apple.com/documentation/security/discovering-why-a-trust-evaluation-failed",
         also=(UI, SE)),
    Case("OpenSSL's certificate verify failed alone", "error:0A000086:SSL routines::certificate verify failed",
         (UI, SE), "openssl/openssl:ssl/ssl_err.c", also=(UI, SE)),
]


def _roots(text: str) -> tuple[list[str], int]:
    report = explain(text)
    return [d.cause for d in report.diagnoses if d.is_root], report.exit_status


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_certificate_verdict_reads_as_the_stack_means_it(case: Case) -> None:
    found, status = _roots(case.text)
    assert status == 1, (found, status)  # a failure, never fine
    assert found and found[0] in case.first, found
    assert all(c in found for c in case.also), found

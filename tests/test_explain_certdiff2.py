"""Certificate verdicts told apart, a second pass after test_explain_certdiff.py: the words that decide between a
self-signed server certificate, a chain to a CA the client does not trust (a private CA, a missing intermediate) and
a product on the way that re-signs the connection with its own CA.

- The CA a program's verification error names (Exim's "depth=1 ... cert=", Dovecot's self-signed certificate in the
  chain, Postfix's "untrusted issuer", Go's candidate authority: data/error-texts.yaml ``certificate_issuers``) is
  the chain's issuer: an antivirus's or an inspection proxy's CA there is tls-interception, first; so is a company's
  TLS inspection service named beside an untrusted issuer (data/on-the-way.yaml, role tls-inspection).
- OpenSSL's "unable to verify the first certificate" (code 21) and Thunderbird's "no issuer chain was provided" are
  given only for a certificate that is not self-signed: a missing intermediate, with no self-signed reading.
- Words that say only "untrusted" or "unknown issuer" keep the generic reading (an unknown issuer, a self-signed
  certificate after it, or the other way round where data/priors.yaml says so).
- A text that holds a certificate verdict and a connection error beside it (a retry that timed out, a refused
  connection) is read by the certificate verdict, the more specific evidence.

Each wording with its source."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

SE, UI, TI, HM = "cert-self-signed", "cert-untrusted-issuer", "tls-interception", "cert-hostname-mismatch"
EX, NY, CK, RV = "cert-expired", "cert-not-yet-valid", "clock-skew", "cert-revoked"
X509_TXT = "openssl/openssl:crypto/x509/x509_txt.c (X509_verify_cert_error_string)"
S_CB = "openssl/openssl:apps/lib/s_cb.c (verify_callback: 'depth=%d ' and the subject, 'verify error:num=%d:%s')"
EXIM = "Exim/exim:src/src/tls-openssl.c (verify_callback: '[%s] SSL verify error: depth=%d error=%s cert=%s')"
DOVECOT = ("dovecot/core:src/lib-ssl-iostream/iostream-openssl.c (openssl_iostream_verify_client_cert: "
           "'Received invalid SSL certificate: %s: %s (check %s)', the current certificate's subject)")
POSTFIX = ("vdukhovni/postfix:postfix/src/tls/tls_verify.c (tls_log_verify_error: 'certificate verification failed "
           "for %s: untrusted issuer %s')")
GO = ("golang/go:src/crypto/x509/verify.go (UnknownAuthorityError.Error: ' (possibly because of %q while trying to "
      "verify candidate authority certificate %q)')")
RUBY = ("ruby/openssl:ext/openssl/ossl_ssl.c (ossl_start_ssl: 'SSL_connect returned=%d errno=%d peeraddr=%s state=%s', "
        "': certificate verify failed (%s)'), as quoted in public logs")
MUTT = "muttmua/mutt:mutt_ssl_gnutls.c (tls_check_one_certificate's WARNING lines); neomutt/neomutt:conn/gnutls.c"
MSMTP = ("marlam/msmtp:src/mtls-gnutls.c (mtls_check_cert: '%s: %s', 'TLS certificate verification failed' and "
         "gnutls_certificate_verification_status_print)")
GNUTLS = "gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print)"
NODEMAILER = "nodemailer/nodemailer:lib/smtp-connection (ESOCKET, command CONN) + " + X509_TXT
MISSING_CHAIN = ("mozilla/gecko-dev:security/manager/ssl (certErrorTrust_MissingChain, for a chain of one "
                 "certificate that is not self-signed), as Firefox users quote it (support.mozilla.org, 2014-11-26)")

CATALOGUE = [
    # --- an interceptor's CA named by the verification error
    Case("s_client, Avast's root above the server's certificate",
         "depth=1 C = CZ, O = Avast, CN = Avast Web/Mail Shield Root\n"
         "verify error:num=19:self-signed certificate in certificate chain", (TI,), S_CB),
    Case("s_client, Kaspersky's root, OpenSSL 1.1's spelling",
         "depth=1 CN = Kaspersky Anti-Virus Personal Root Certificate\n"
         "verify error:num=19:self signed certificate in certificate chain\n"
         "Verify return code: 19 (self signed certificate in certificate chain)", (TI,), S_CB),
    Case("Exim, Zscaler's root at depth 1",
         "2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: depth=1 error=self-signed certificate "
         "in certificate chain cert=/C=US/O=Zscaler Inc./OU=Zscaler Inc./CN=Zscaler Root CA", (TI,), EXIM),
    Case("Exim, a private root at depth 2",
         "2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: depth=2 error=unable to get local issuer "
         "certificate cert=/C=PL/O=Example/CN=Example Root CA", (UI,), EXIM),
    Case("Dovecot imapc, ESET's filter CA as the chain's root",
         "imapc(mail.example.com:993): Error: Received invalid SSL certificate: self-signed certificate in certificate "
         "chain: /CN=ESET SSL Filter CA (check ssl_client_ca_* settings?)", (TI,), DOVECOT),
    Case("Dovecot imapc, a private root",
         "imapc(mail.example.com:993): Error: Received invalid SSL certificate: self-signed certificate in certificate "
         "chain: /C=PL/O=Example/CN=Example Root CA (check ssl_client_ca_* settings?)", (UI, TI), DOVECOT),
    Case("Postfix, Zscaler's intermediate as the untrusted issuer",
         "postfix/smtp[1234]: certificate verification failed for smtp.gmail.com[142.250.102.108]:587: untrusted "
         "issuer /C=US/ST=California/L=San Jose/O=Zscaler Inc./OU=Zscaler Inc./CN=Zscaler Intermediate Root CA "
         "(zscaler.net) (t)", (TI,), POSTFIX),
    Case("Postfix, a public intermediate the server did not send",
         "postfix/smtp[1234]: certificate verification failed for mx.example.com[192.0.2.1]:25: untrusted issuer "
         "/C=US/O=Let's Encrypt/CN=R3", (UI,), POSTFIX),
    Case("Go, Avast's root as the candidate authority",
         'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while '
         'trying to verify candidate authority certificate "Avast Web/Mail Shield Root")', (TI,), GO),
    Case("Go, FortiGate's CA, the quotes escaped inside another error",
         'tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of '
         '\\"x509: ECDSA verification failure\\" while trying to verify candidate authority certificate '
         '\\"FortiGate CA\\")', (TI,), GO),
    Case("Go, a private CA as the candidate authority",
         'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while '
         'trying to verify candidate authority certificate "Example CA")', (UI,), GO),
    Case("fetchmail -v, Avast's root as the issuer",
         "fetchmail: Issuer Organization: AVAST Software s.r.o.\nfetchmail: Issuer CommonName: Avast Web/Mail Shield "
         "Root\nfetchmail: Server CommonName: pop.gmail.com\nfetchmail: Server certificate verification error: self "
         "signed certificate in certificate chain", (TI,),
         "fetchmail/fetchmail:socket.c (SSL_verify_callback: 'Issuer Organization: %s', 'Issuer CommonName: %s', "
         "'Server certificate verification error: %s')"),
    # --- a root in the chain the client does not trust: a private CA's or an interceptor's, the words cannot say
    Case("Ruby, self-signed certificate in the chain",
         "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.10:587 state=error: certificate "
         "verify failed (self-signed certificate in certificate chain)", (UI, TI), RUBY),
    Case("nodemailer, self-signed certificate in the chain",
         "Error: self-signed certificate in certificate chain\n  code: 'ESOCKET',\n  command: 'CONN'",
         (UI, TI), NODEMAILER),
    Case("nodemailer, OpenSSL 1.1's spelling",
         "Error: self signed certificate in certificate chain\n    at TLSSocket.onConnectSecure "
         "(_tls_wrap.js:1515:34) {\n  code: 'ESOCKET',\n  command: 'CONN'\n}", (UI, TI), NODEMAILER),
    # --- the server's own certificate, self-signed
    Case("Ruby, a self-signed server certificate",
         "Net::SMTP: SSL_connect returned=1 errno=0 peeraddr=192.0.2.10:465 state=error: certificate verify failed "
         "(self-signed certificate)", (SE,), RUBY),
    # --- a missing intermediate: no self-signed reading
    Case("Ruby, unable to verify the first certificate",
         "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (unable to "
         "verify the first certificate)", (UI,), RUBY),
    Case("Ruby, unable to get the local issuer certificate",
         "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (unable to "
         "get local issuer certificate)", (UI,), RUBY),
    Case("Python, unable to verify the first certificate",
         "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to verify the first certificate "
         "(_ssl.c:1006)", (UI,), "python/cpython:Modules/_ssl.c + " + X509_TXT + " (21)"),
    Case("curl, unable to verify the first certificate",
         "curl: (60) SSL certificate problem: unable to verify the first certificate", (UI,),
         "curl/curl:lib/vtls/openssl.c ('SSL certificate problem: %s') + " + X509_TXT),
    Case("s_client, code 21", "verify error:num=21:unable to verify the first certificate", (UI,), S_CB),
    Case("MailKit on Linux, the chain's top without its issuer",
         "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
         "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n"
         "\u2022 The root certificate has the following errors:\n  \u2022 unable to get local issuer certificate",
         (UI,), "jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (Create: each chain element's "
         "StatusInformation, which .NET on Linux takes from " + X509_TXT + ")"),
    Case("Thunderbird, no issuer chain",
         "mail.example.com:993 uses an invalid security certificate. The certificate is not trusted because no issuer "
         "chain was provided. (Error code: sec_error_unknown_issuer)", (UI,), MISSING_CHAIN),
    # --- mutt's certificate dialog (GnuTLS)
    Case("mutt, expired", "WARNING: Server certificate has expired", (EX,), MUTT),
    Case("mutt, not yet valid", "WARNING: Server certificate is not yet valid", (NY, CK), MUTT),
    Case("mutt, name", "WARNING: Server hostname does not match certificate", (HM,), MUTT),
    Case("mutt, signer not a CA", "WARNING: Signer of server certificate is not a CA", (UI, SE), MUTT),
    Case("mutt, revoked", "WARNING: Server certificate has been revoked", (RV,), MUTT),
    # --- msmtp, mpop (GnuTLS's status words)
    Case("msmtp, issuer unknown",
         "msmtp: TLS certificate verification failed: The certificate is NOT trusted. The certificate issuer is "
         "unknown.", (UI, SE), MSMTP + "; " + GNUTLS),
    Case("msmtp, issuer unknown and not a CA",
         "msmtp: TLS certificate verification failed: The certificate is NOT trusted. The certificate issuer is "
         "unknown. The certificate issuer is not a CA.", (UI, SE), MSMTP + "; " + GNUTLS),
    Case("msmtp, issuer unknown and another name",
         "msmtp: TLS certificate verification failed: The certificate is NOT trusted. The certificate issuer is "
         "unknown. The name in the certificate does not match the expected.", (HM, UI, SE), MSMTP + "; " + GNUTLS),
    Case("mpop, expired in the chain",
         "mpop: TLS certificate verification failed: The certificate is NOT trusted. The certificate chain uses "
         "expired certificate.", (EX,), MSMTP + "; " + GNUTLS),
    # --- words that say only "not trusted"
    Case("Outlook's security alert",
         "The security certificate was issued by a company you have not chosen to trust. View the certificate to "
         "determine whether you want to trust the certifying authority.", (UI, SE),
         "Microsoft's AD FS documentation (a self-signed certificate gives 'The security certificate was issued by a "
         "company you have not chosen to trust.'), and Outlook's Security Alert as users quote it"),
    Case("sendemail (Perl IO::Socket::SSL)",
         "Aug 11 00:20:29 ine sendemail[10821]: ERROR => TLS setup failed: SSL connect attempt failed "
         "error:0A000086:SSL routines::certificate verify failed", (UI, SE),
         "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm ('SSL connect attempt failed' and OpenSSL's error), as a "
         "sendemail log quotes it"),
    Case("PHP's stream_socket_enable_crypto",
         "stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
         "error:0A000086:SSL routines::certificate verify failed", (UI, SE),
         "php/php-src:ext/openssl/xp_ssl.c ('SSL operation failed with code %d. %s%s') + openssl SSL_R_CERTIFICATE_VERIFY_FAILED"),
    # --- a certificate verdict beside a connection error: the verdict decides
    Case("Python, self-signed, then a timeout",
         "[Errno 110] Connection timed out\nssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
         "verify failed: self-signed certificate (_ssl.c:1006)", (SE,), "python/cpython:Modules/_ssl.c + " + X509_TXT),
    Case("Python, an unknown local issuer, then a refused retry",
         "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate "
         "(_ssl.c:1006)\nConnectionRefusedError: [Errno 111] Connection refused", (UI,),
         "python/cpython:Modules/_ssl.c + " + X509_TXT),
    Case("Python, a timeout, then a root in the chain",
         "TimeoutError: [Errno 110] Connection timed out\n[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
         "self-signed certificate in certificate chain (_ssl.c:1006)", (UI, TI),
         "python/cpython:Modules/_ssl.c + " + X509_TXT),
    Case("Java, a connect timeout, then PKIX",
         "java.net.SocketTimeoutException: connect timed out\njavax.net.ssl.SSLHandshakeException: PKIX path building "
         "failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
         "to requested target", (UI, SE),
         "openjdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java; java.net.SocketTimeoutException"),
    Case("curl, a timeout, then code 60",
         "curl: (28) Connection timed out after 30001 milliseconds\ncurl: (60) SSL certificate problem: unable to get "
         "local issuer certificate", (UI,), "curl/curl:lib/strerror.c, lib/vtls/openssl.c + " + X509_TXT),
    Case(".NET, a socket timeout, then a partial chain",
         "System.Net.Sockets.SocketException (10060): A connection attempt failed because the connected party did not "
         "properly respond after a period of time\nThe remote certificate is invalid because of errors in the "
         "certificate chain: PartialChain", (UI,),
         "dotnet/runtime:System.Net.Security Strings.resx (net_ssl_io_cert_chain_validation), X509ChainStatusFlags; "
         "Windows SDK:winerror.h (WSAETIMEDOUT)"),
    Case("Go, an i/o timeout, then an unknown authority",
         "dial tcp 192.0.2.10:587: i/o timeout\ntls: failed to verify certificate: x509: certificate signed by "
         "unknown authority", (UI, SE), "golang/go:src/net (i/o timeout), src/crypto/x509/verify.go"),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.name for c in CATALOGUE])
def test_each_wording_reads_as_the_verdict_its_words_decide(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes, f"declined or called fine: {case.text!r} ({case.source})"
    assert causes[0] in case.causes, (causes, case.source)


# A missing intermediate is an issued certificate's failure: OpenSSL gives code 21 only for one certificate that is
# not self-issued (crypto/x509/x509_vfy.c internal_verify), Thunderbird "no issuer chain" only for a certificate that
# is not self-signed. No self-signed reading is proposed beside it.
@pytest.mark.parametrize("text", [
    "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (unable to verify "
    "the first certificate)",
    "Error: unable to verify the first certificate\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'",
    "The certificate is not trusted because no issuer chain was provided.",
])
def test_a_missing_intermediate_proposes_no_self_signed_certificate(text: str) -> None:
    causes = causes_of(text)
    assert causes[0] == UI and SE not in causes, causes


# The CA's name decides only where it is a CA's: a server certificate's own subject at depth 0 (Exim), or the
# subject Dovecot names beside a verdict on the server's own certificate, names no issuer.
@pytest.mark.parametrize("text", [
    "2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: depth=0 error=unable to get local issuer "
    "certificate cert=/CN=mail.sophos.example.net",
    "imapc(mail.example.com:993): Error: Received invalid SSL certificate: unable to get local issuer certificate: "
    "/CN=mail.sophos.example.net (check ssl_client_ca_* settings?)",
])
def test_a_server_certificates_own_subject_is_no_issuer(text: str) -> None:
    assert TI not in causes_of(text)


# A company's TLS inspection service named beside a verdict of an untrusted issuer (data/on-the-way.yaml, role
# tls-inspection: Zscaler's and Netskope's documented re-signing with their own intermediate CA) is the interceptor's;
# beside a name mismatch or a connection failure it decides nothing.
@pytest.mark.parametrize("text", [
    "We are behind Zscaler at work.\njavax.mail.MessagingException: Could not convert socket to TLS;\n  nested "
    "exception is:\n\tjavax.net.ssl.SSLHandshakeException: PKIX path building failed: "
    "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested "
    "target",
    "The Netskope client is installed. smtplib: ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] "
    "certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)",
    # An antivirus that scans encrypted mail re-signs it the same way, with a root only the system's store holds
    # (rules/tls/tls-interception.yaml, tls-interception-shield-untrusted-pasted; AVG Business, jstedfast/MailKit#679).
    "Avast is installed. Thunderbird: SEC_ERROR_UNKNOWN_ISSUER",
    "ESET NOD32 running. ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
    "self-signed certificate in certificate chain (_ssl.c:1006)",
    "Kaspersky Total Security. javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
    "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested "
    "target",
])
def test_an_inspection_service_named_beside_an_untrusted_issuer_is_the_interceptor(text: str) -> None:
    assert causes_of(text)[0] == TI


@pytest.mark.parametrize(("text", "first"), [
    ("Zscaler is on. tls: failed to verify certificate: x509: certificate is valid for mx.example.net, not "
     "mail.example.com", HM),
    ("Zscaler is on. dial tcp 192.0.2.10:587: connect: connection timed out", None),
])
def test_an_inspection_service_named_beside_other_failures_decides_nothing(text: str, first: str | None) -> None:
    causes = causes_of(text)
    assert TI not in causes, causes
    if first:
        assert causes[0] == first, causes

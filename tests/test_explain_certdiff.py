"""Certificate failures told apart: each stack's own words for each verdict on a server certificate (OpenSSL's
X509_verify_cert_error_string in its s_client, Python, curl, Node, Exim and Dovecot forms; GnuTLS; NSS; Schannel and
Outlook; .NET; Java; Go; Apple's Secure Transport; libtls), each wording with its source. The cause the words name comes
first: a self-signed certificate, a name the certificate does not cover, an expired or not yet valid one; words that
say only "untrusted" keep the generic reading (an unknown issuer or a self-signed root, in the order of
data/priors.yaml); a revoked certificate is cert-revoked, whose advice is a new certificate, never an exception. A server's log of a client's alert is the client's verdict on the server's certificate.

More stacks and programs (MORE_STACKS below, with their sources): Qt's QSslError (the server's own self-signed
certificate apart from a self-signed root above it), Mono's Windows codes after its words, wolfSSL's and Mbed TLS's
verdicts (embedded mail clients), PHP's name check of a certificate without a CN, Go through macOS, Apple's CFNetwork,
Erlang's reasons, KDE's KIO, Jakarta Mail's, Exim's, fetchmail's, c-client's, Dovecot's and mbsync's name checks. Those cases
and checks read 125/142 before the rows for Qt's chain, wolfSSL, Mbed TLS, PHP's missing CN, Mono's codes and KIO
(mailexpert/data/error-texts.yaml); 142/142 after."""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain

SE, UI, HM = "cert-self-signed", "cert-untrusted-issuer", "cert-hostname-mismatch"
EX, NY, CK, RV = "cert-expired", "cert-not-yet-valid", "clock-skew", "cert-revoked"
TI, CO = "tls-interception", "client-outdated"
X509_TXT = "openssl/openssl:crypto/x509/x509_txt.c (X509_verify_cert_error_string)"
MAILKIT = "jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (Create)"

# (text as the user pastes it, the causes that may come first -- the first of them is the one the words name when
# there is only one --, source). One cause: it must come first; several: one of them must (the words cannot decide).
CATALOGUE = [
    # --- openssl
    ('verify error:num=10:certificate has expired',
     (EX,), X509_TXT),
    ('verify error:num=9:certificate is not yet valid',
     (NY, CK), X509_TXT),
    ('verify error:num=18:self-signed certificate',
     (SE,), X509_TXT),
    ('verify error:num=18:self signed certificate',
     (SE,), X509_TXT + ' 1.1'),
    ('verify error:num=19:self-signed certificate in certificate chain',
     (UI, SE), X509_TXT),
    ('verify error:num=19:self signed certificate in certificate chain',
     (UI, SE), X509_TXT + ' 1.1'),
    ('verify error:num=20:unable to get local issuer certificate',
     (UI,), X509_TXT),
    ('verify error:num=21:unable to verify the first certificate',
     (UI,), X509_TXT),
    ('verify error:num=62:hostname mismatch',
     (HM,), X509_TXT),
    ('verify error:num=2:unable to get issuer certificate',
     (UI,), X509_TXT),
    ('Verify return code: 10 (certificate has expired)',
     (EX,), X509_TXT),
    ('Verify return code: 18 (self-signed certificate)',
     (SE,), X509_TXT),
    ('Verify return code: 19 (self-signed certificate in certificate chain)',
     (UI, SE), X509_TXT),
    ('Verify return code: 20 (unable to get local issuer certificate)',
     (UI,), X509_TXT),
    ('Verify return code: 21 (unable to verify the first certificate)',
     (UI,), X509_TXT),
    ('Verify return code: 9 (certificate is not yet valid)',
     (NY, CK), X509_TXT),
    ('Verify return code: 62 (hostname mismatch)',
     (HM,), X509_TXT),
    ('error:0A000086:SSL routines::certificate verify failed (verify error 10: certificate has expired)',
     (EX,), X509_TXT),
    ('certificate is not yet valid or the system clock is incorrect',
     (NY, CK), X509_TXT + ' (3.6 wording)'),
    # --- python
    ('ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)',
     (EX,), 'python/cpython:Modules/_ssl.c + ' + X509_TXT),
    ('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate is not yet valid (_ssl.c:1129)',
     (NY, CK), 'cpython + ' + X509_TXT),
    ('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate (_ssl.c:1131)',
     (SE,), 'cpython + ' + X509_TXT),
    ('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)',
     (UI, SE), 'cpython + ' + X509_TXT),
    ('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)',
     (UI,), 'cpython + ' + X509_TXT),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'mail.example.com'. (_ssl.c:1006)",
     (HM,), "python/cpython:Modules/_ssl.c (fill_and_set_sslerror: 'Hostname mismatch, certificate is not valid for %R.')"),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '192.0.2.10'. (_ssl.c:1006)",
     (HM,), "python/cpython:Modules/_ssl.c (fill_and_set_sslerror: 'IP address mismatch, certificate is not valid for %R.')"),
    ('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate revoked (_ssl.c:1006)',
     (RV,), X509_TXT + ' 23'),
    ("ssl.CertificateError: hostname 'mail.example.com' doesn't match 'mx.example.net'",
     (HM,), 'python/cpython 3.4-3.6:Lib/ssl.py (match_hostname: "hostname %r doesn\'t match %r")'),
    # --- curl
    ('curl: (60) SSL certificate problem: certificate has expired',
     (EX,), "curl/curl:lib/vtls/openssl.c ('SSL certificate problem: %s')"),
    ('curl: (60) SSL certificate problem: self-signed certificate',
     (SE,), 'curl/curl:lib/vtls/openssl.c ("SSL certificate problem: %s", X509_verify_cert_error_string)'),
    ('curl: (60) SSL certificate problem: self signed certificate in certificate chain',
     (UI, SE), 'curl/curl:lib/vtls/openssl.c ("SSL certificate problem: %s", X509_verify_cert_error_string)'),
    ('curl: (60) SSL certificate problem: unable to get local issuer certificate',
     (UI,), 'curl/curl:lib/vtls/openssl.c ("SSL certificate problem: %s", X509_verify_cert_error_string)'),
    ("curl: (60) SSL: no alternative certificate subject name matches target host name 'mail.example.com'",
     (HM,), 'curl/curl:lib/vtls/openssl.c ("SSL certificate problem: %s", X509_verify_cert_error_string)'),
    ('curl: (60) SSL certificate problem: certificate is not yet valid',
     (NY, CK), 'curl/curl:lib/vtls/openssl.c ("SSL certificate problem: %s", X509_verify_cert_error_string)'),
    # --- curl-nss
    ("curl: (60) Peer's Certificate has expired.",
     (EX,), 'nss-dev/nss:lib/util/SECerrs.h SEC_ERROR_EXPIRED_CERTIFICATE via curl NSS backend'),
    ("curl: (60) Peer's Certificate issuer is not recognized.",
     (UI,), 'nss-dev/nss:lib/util/SECerrs.h SEC_ERROR_UNKNOWN_ISSUER'),
    # --- curl-sectransp
    ('curl: (60) SSL certificate problem: Certificate chain had an expired certificate',
     (EX,), 'curl/curl:lib/vtls/sectransp.c (errSSLCertExpired)'),
    ('curl: (60) SSL certificate problem: Untrusted root certificate',
     (UI, SE), 'curl/curl:lib/vtls/sectransp.c (errSSLUnknownRootCert)'),
    ('curl: (60) SSL certificate problem: Invalid certificate chain',
     (UI, SE), 'curl/curl:lib/vtls/sectransp.c (errSSLXCertChainInvalid)'),
    ('curl: (60) SSL certificate peer verification failed, the certificate did not match "mail.example.com"',
     (HM,), 'curl/curl:lib/vtls/sectransp.c (errSSLHostNameMismatch)'),
    # --- gnutls
    ('The certificate is NOT trusted. The certificate issuer is unknown.',
     (UI, SE), 'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print)'),
    ('The certificate is NOT trusted. The name in the certificate does not match the expected.',
     (HM,), 'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print)'),
    ('The certificate is NOT trusted. The certificate chain uses expired certificate.',
     (EX,), 'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print)'),
    ('The certificate is NOT trusted. The certificate chain uses not yet valid certificate.',
     (NY, CK), 'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print)'),
    ('The certificate is NOT trusted. The certificate issuer is unknown. The certificate issuer is not a CA.',
     (UI, SE), 'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print)'),
    ('The certificate is NOT trusted. The certificate chain is revoked.',
     (RV,), 'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print, GNUTLS_CERT_REVOKED)'),
    # --- nss
    ('SEC_ERROR_EXPIRED_CERTIFICATE',
     (EX,), 'nss-dev/nss:lib/util/SECerrs.h'),
    ('SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
     (EX, CK), 'nss-dev/nss:lib/util/SECerrs.h'),
    ('SEC_ERROR_REVOKED_CERTIFICATE',
     (RV,), 'nss-dev/nss:lib/util/SECerrs.h'),
    ('MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE',
     (NY, CK), 'nss-dev/nss:lib/mozpkix/include/pkix/pkixnss.h'),
    ('SEC_ERROR_CA_CERT_INVALID',
     (UI,), 'nss-dev/nss:lib/util/SECerrs.h'),
    ('MOZILLA_PKIX_ERROR_MITM_DETECTED',
     (TI,), 'nss-dev/nss:lib/mozpkix/include/pkix/pkixnss.h; https://support.mozilla.org/kb/error-codes-secure-websites'),
    ("Peer's Certificate has expired.",
     (EX,), 'nss-dev/nss:lib/util/SECerrs.h'),
    ("Peer's Certificate issuer is not recognized.",
     (UI,), 'nss-dev/nss:lib/util/SECerrs.h'),
    ("Peer's Certificate has been revoked.",
     (RV,), 'nss-dev/nss:lib/util/SECerrs.h'),
    ("The certificate issuer's certificate has expired. Check your system date and time.",
     (EX, CK), 'nss-dev/nss:lib/util/SECerrs.h'),
    ('Issuer certificate is invalid.',
     (UI,), 'nss-dev/nss:lib/util/SECerrs.h'),
    # --- schannel
    ('CERT_E_UNTRUSTEDROOT',
     (UI, SE), 'Windows SDK:shared/winerror.h (CERT_E_UNTRUSTEDROOT 0x800B0109)'),
    ('0x800B0109',
     (UI, SE), 'Windows SDK:shared/winerror.h (CERT_E_UNTRUSTEDROOT)'),
    ('CERT_E_EXPIRED',
     (EX,), 'Windows SDK:shared/winerror.h (CERT_E_EXPIRED 0x800B0101)'),
    ('0x800B0101',
     (EX,), 'Windows SDK:shared/winerror.h (CERT_E_EXPIRED)'),
    ('CERT_E_CHAINING',
     (UI,), 'Windows SDK:shared/winerror.h (CERT_E_CHAINING 0x800B010A)'),
    ('0x800B010F',
     (HM,), 'Windows SDK:shared/winerror.h (CERT_E_CN_NO_MATCH)'),
    ('CRYPT_E_REVOCATION_OFFLINE',
     (UI, TI), 'Windows SDK:shared/winerror.h (CRYPT_E_REVOCATION_OFFLINE 0x80092013)'),
    # --- outlook
    ('The server you are connected to is using a security certificate that cannot be verified. The target principal name is incorrect.',
     (HM,), 'http://support.microsoft.com/?kbid=958977 (Outlook 2007: "... cannot be verified. The target principal name is incorrect.")'),
    ('The server you are connected to is using a security certificate that cannot be verified. The certificate chain was issued by an authority that is not trusted.',
     (UI, SE), 'Outlook\'s Internet Security Warning (https://www.slipstick.com/outlook/security-warnings-in-outlook) + Windows SDK:shared/winerror.h (SEC_E_UNTRUSTED_ROOT)'),
    ('The server you are connected to is using a security certificate that cannot be verified. A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
     (EX, CK), 'https://www.slipstick.com/outlook/security-warnings-in-outlook (Outlook\'s warning with CERT_E_EXPIRED\'s words)'),
    ('The server you are connected to is using a security certificate that cannot be verified.',
     (UI, SE, HM, EX), 'http://support.microsoft.com/?kbid=958977 (Outlook\'s Internet Security Warning)'),
    # --- dotnet
    ('System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch',
     (HM,), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateChainErrors',
     (UI, SE), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch, RemoteCertificateChainErrors',
     (HM,), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
     (UI, SE), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The remote certificate is invalid because of errors in the certificate chain: PartialChain',
     (UI,), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The remote certificate is invalid because of errors in the certificate chain: NotTimeValid',
     (EX, CK), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The remote certificate is invalid because of errors in the certificate chain: RevocationStatusUnknown',
     (UI, TI), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The remote certificate is invalid because of errors in the certificate chain: Revoked',
     (RV,), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    ('The SSL connection could not be established, see inner exception. ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
     (UI, SE), 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx; X509ChainStatusFlags, SslPolicyErrors'),
    # --- mailkit: each chain element's status under its own heading (the first element, or the last of two or more)
    ('MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS '
     "connection.\n\nThe host name did not match the name given in the server's SSL certificate.",
     (HM,), MAILKIT),
    ('MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS '
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n"
     "\u2022 The server certificate has the following errors:\n  \u2022 A required certificate is not within its "
     "validity period when verifying against the current system clock or the timestamp in the signed file.",
     (EX,), MAILKIT + ' + Windows SDK:shared/winerror.h (CERT_E_EXPIRED)'),
    ('MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS '
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n"
     "\u2022 The server certificate has the following errors:\n  \u2022 A certificate chain processed, but "
     "terminated in a root certificate which is not trusted by the trust provider.",
     (SE,), MAILKIT + ' + Windows SDK:shared/winerror.h (CERT_E_UNTRUSTEDROOT; a chain of the server certificate alone)'),
    ('MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS '
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n"
     "\u2022 The root certificate has the following errors:\n  \u2022 A certificate chain processed, but "
     "terminated in a root certificate which is not trusted by the trust provider.",
     (UI,), MAILKIT + ' + Windows SDK:shared/winerror.h (CERT_E_UNTRUSTEDROOT; a root above the server certificate)'),
    ('MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS '
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n"
     "\u2022 The server certificate has the following errors:\n  \u2022 The revocation function was unable to "
     "check revocation for the certificate.",
     (UI, TI), MAILKIT + ' + Windows SDK:shared/winerror.h (CRYPT_E_NO_REVOCATION_CHECK)'),
    # --- java
    ('javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
     (UI,), 'openjdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java, sun/security/provider/certpath/SunCertPathBuilder.java'),
    ('java.security.cert.CertificateException: No name matching mail.example.com found',
     (HM,), 'openjdk:src/java.base/share/classes/sun/security/util/HostnameChecker.java'),
    ('javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching mail.example.com found.',
     (HM,), 'openjdk:src/java.base/share/classes/sun/security/util/HostnameChecker.java'),
    ('java.security.cert.CertificateExpiredException: NotAfter: Sat Jan 01 00:00:00 UTC 2022',
     (EX,), 'openjdk:src/java.base/share/classes/sun/security/x509/CertificateValidity.java (valid: "NotAfter: " / "NotBefore: ")'),
    ('java.security.cert.CertificateNotYetValidException: NotBefore: Sat Jan 01 00:00:00 UTC 2030',
     (NY, CK), 'openjdk:src/java.base/share/classes/sun/security/x509/CertificateValidity.java (valid: "NotAfter: " / "NotBefore: ")'),
    ('sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed',
     (EX, CK), 'openjdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java, sun/security/provider/certpath/BasicChecker.java'),
    # --- android
    ('javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.',
     (UI, SE), 'google/conscrypt:common/src/main/java/org/conscrypt/TrustManagerImpl.java'),
    ('javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateExpiredException: Certificate expired at Sat Jan '
     '01 00:00:00 GMT+00:00 2022 (compared to Mon Mar 04 10:00:00 GMT+00:00 2024)',
     (EX,), 'google/conscrypt:common/src/main/java/org/conscrypt/OpenSSLX509Certificate.java (checkValidity: '
     '"Certificate expired at %s (compared to %s)")'),
    ('javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateNotYetValidException: Certificate not valid '
     'until Sat Jan 01 00:00:00 GMT+00:00 2022 (compared to Thu Jan 01 00:00:05 GMT+00:00 1970)',
     (NY, CK), 'google/conscrypt:common/src/main/java/org/conscrypt/OpenSSLX509Certificate.java (checkValidity: '
     '"Certificate not valid until %s (compared to %s)")'),
    ('javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: No trusted certificate found',
     (UI, SE), 'openjdk:src/java.base/share/classes/sun/security/validator/SimpleValidator.java ("No trusted certificate found")'),
    # --- go
    ('x509: certificate signed by unknown authority',
     (UI, SE), 'golang/go:src/crypto/x509/verify.go'),
    ('tls: failed to verify certificate: x509: certificate is valid for mx.example.net, not mail.example.com',
     (HM,), 'golang/go:src/crypto/x509/verify.go'),
    ('x509: certificate has expired or is not yet valid: current time 2024-03-01T10:00:00Z is after 2024-02-01T00:00:00Z',
     (EX,), 'golang/go:src/crypto/x509/verify.go'),
    ('x509: certificate has expired or is not yet valid: current time 2019-03-01T10:00:00Z is before 2024-02-01T00:00:00Z',
     (NY, CK), 'golang/go:src/crypto/x509/verify.go'),
    ('tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead',
     (HM,), 'golang/go:src/crypto/x509/verify.go (HostnameError, 1.17+)'),
    ('x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
     (HM,), 'golang/go:src/crypto/x509/verify.go (1.15-1.16)'),
    ("x509: cannot validate certificate for 192.0.2.10 because it doesn't contain any IP SANs",
     (HM,), 'golang/go:src/crypto/x509/verify.go'),
    ('x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "Example CA")',
     (UI, SE), 'golang/go:src/crypto/x509/verify.go'),
    ('tls: failed to verify certificate: x509: \u201cmail.example.com\u201d certificate is not trusted',
     (UI, SE), 'golang/go 1.18.1-1.19.4 on macOS (the system verifier\'s reason, \'x509: \u201c%s\u201d certificate is not trusted\'), '
     'as Go projects\' tests expect it on darwin (testutil X509UntrustedCertError)'),
    # --- node
    ("Error: self-signed certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n  code: 'DEPTH_ZERO_SELF_SIGNED_CERT'\n}",
     (SE,), 'nodejs/node:src/crypto/crypto_common.cc (the X509_V_ERR_* name as the code) + ' + X509_TXT),
    ("Error: self signed certificate in certificate chain\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'",
     (UI, SE), 'nodejs/node:src/crypto/crypto_common.cc (the X509_V_ERR_* name as the code) + ' + X509_TXT),
    ("Error: unable to get local issuer certificate\n  code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'",
     (UI,), 'nodejs/node:src/crypto/crypto_common.cc (the X509_V_ERR_* name as the code) + ' + X509_TXT),
    ("Error: certificate has expired\n  code: 'CERT_HAS_EXPIRED'",
     (EX,), 'nodejs/node:src/crypto/crypto_common.cc (the X509_V_ERR_* name as the code) + ' + X509_TXT),
    ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: mail.example.com. is not in the cert's altnames: DNS:mx.example.net",
     (HM,), 'nodejs/node:lib/tls.js'),
    ("Error: Hostname/IP does not match certificate's altnames: IP: 192.0.2.10 is not in the cert's list: ",
     (HM,), 'nodejs/node:lib/tls.js'),
    # --- nodemailer
    ("Error: self signed certificate\n  code: 'ESOCKET'",
     (SE,), 'nodemailer (ESOCKET) with OpenSSL 1.1\'s ' + X509_TXT),
    # --- apple
    ('Error Domain=NSURLErrorDomain Code=-1202 "The certificate for this server is invalid. You might be connecting to a server that is pretending to be “mail.example.com” which could put your confidential information at risk."',
     (UI, SE, HM, EX), 'CFNetwork\'s Err-1202 (NSURLErrorServerCertificateUntrusted), as WebKit\'s and app code quote its default text'),
    ('Cannot Verify Server Identity',
     (UI, SE, HM, EX), 'Apple iOS Mail (data/error-texts.yaml "cannot verify server identity")'),
    ('errSSLXCertChainInvalid',
     (UI, SE), 'darlinghq/darling-security:OSX/libsecurity_ssl/lib/SecureTransport.h (errSSLXCertChainInvalid -9807)'),
    ('Error Domain=kCFStreamErrorDomainSSL Code=-9813',
     (UI, SE), 'darlinghq/darling-security:OSX/libsecurity_ssl/lib/SecureTransport.h (errSSLNoRootCert -9813)'),
    ('Error Domain=kCFStreamErrorDomainSSL Code=-9814',
     (EX,), 'darlinghq/darling-security:OSX/libsecurity_ssl/lib/SecureTransport.h (errSSLCertExpired -9814)'),
    ('Error Domain=kCFStreamErrorDomainSSL Code=-9807',
     (UI, SE), 'darlinghq/darling-security:OSX/libsecurity_ssl/lib/SecureTransport.h (errSSLXCertChainInvalid -9807)'),
    # --- server-log
    ('postfix/smtpd[1234]: SSL_accept error from unknown[192.0.2.1]: -1\npostfix/smtpd[1234]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:ssl/record/rec_layer_s3.c:1543:SSL alert number 48:',
     (SE, UI), 'openssl/openssl:ssl/ssl_err.c (the SSL_R_*_ALERT_* reasons)'),
    ('dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.1, lip=192.0.2.2, TLS handshaking: SSL_accept() failed: error:14094412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate: SSL alert number 42',
     (UI, SE, HM), 'openssl/openssl:ssl/ssl_err.c (the SSL_R_*_ALERT_* reasons)'),
    ('dovecot: imap-login: Disconnected: TLS handshaking: SSL_accept() failed: error:14094415:SSL routines:ssl3_read_bytes:sslv3 alert certificate expired: SSL alert number 45',
     (EX, CK), 'openssl/openssl:ssl/ssl_err.c (the SSL_R_*_ALERT_* reasons)'),
    ('dovecot: imap-login: Disconnected: Connection closed: SSL_accept() failed: error:0A000416:SSL routines::sslv3 alert certificate unknown: SSL alert number 46',
     (UI, SE), 'openssl/openssl:ssl/ssl_err.c (the SSL_R_*_ALERT_* reasons)'),
    # --- exim
    ('2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: depth=0 error=certificate has expired cert=/CN=mx.example.net',
     (EX,), "Exim/exim:src/src/tls-openssl.c (verify_callback: '[%s] SSL verify error: depth=%d error=%s cert=%s')"),
    ('2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: depth=2 error=unable to get local issuer certificate cert=/C=PL/O=Example/CN=Example Root CA',
     (UI,), 'Exim/exim:src/src/tls-openssl.c (verify_callback)'),
    ('2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: depth=0 error=self-signed certificate cert=/CN=mx.example.net',
     (SE,), 'Exim/exim:src/src/tls-openssl.c (verify_callback)'),
    ('2024-05-19 19:37:17 1jb6B3-0004MN-Dq [192.0.2.25] SSL verify error: certificate name mismatch: "/CN=mx.example.net"',
     (HM,), 'Exim/exim:src/src/tls-openssl.c (verify_callback: \'[%s] SSL verify error: certificate name mismatch: "%s"\')'),
    # --- dovecot
    ('imapc(mail.example.com:993): Error: Received invalid SSL certificate: certificate has expired: /CN=mail.example.com (check ssl_client_ca_* settings?)',
     (EX,), "dovecot/core:src/lib-ssl-iostream/iostream-openssl.c (openssl_iostream_verify_client_cert: 'Received invalid SSL certificate: %s: %s (check %s)')"),
    ('imapc(mail.example.com:993): Error: Received invalid SSL certificate: self-signed certificate: /CN=mail.example.com (check ssl_client_ca_* settings?)',
     (SE,), 'dovecot/core:src/lib-ssl-iostream/iostream-openssl.c ("Received invalid SSL certificate: %s: %s (check %s)")'),
    ('imapc(mail.example.com:993): Error: Received invalid SSL certificate: unable to get local issuer certificate: /CN=mail.example.com (check ssl_client_ca_* settings?)',
     (UI,), 'dovecot/core:src/lib-ssl-iostream/iostream-openssl.c ("Received invalid SSL certificate: %s: %s (check %s)")'),
    ("Error: doveadm server disconnected before handshake: SSL certificate doesn't match expected host name mail1.example.com: did not match to any IP or DNS fields",
     (HM,), "dovecot/core:src/lib-ssl-iostream/iostream-ssl.c (ssl_iostream_check_cert_validity: 'SSL certificate doesn't match expected host name %s: %s')"),
    # --- libtls
    ("tls_handshake: name `mail.example.com' not present in server certificate",
     (HM,), 'libressl/openbsd:src/lib/libtls/tls_client.c (tls_handshake_client: "name `%s\' not present in server certificate")'),
    # --- openssl
    ('verify error:num=27:certificate not trusted',
     (UI,), X509_TXT),
    ('verify error:num=23:certificate revoked',
     (RV,), X509_TXT),
    # --- node
    ("Error: certificate is not yet valid\n  code: 'CERT_NOT_YET_VALID'",
     (NY, CK), 'nodejs/node (X509 error code names) + ' + X509_TXT),
    ("Error: unable to get issuer certificate\n  code: 'UNABLE_TO_GET_ISSUER_CERT'",
     (UI,), 'nodejs/node + ' + X509_TXT),
    ("Error: certificate revoked\n  code: 'CERT_REVOKED'",
     (RV,), 'nodejs/node + ' + X509_TXT),
    # --- curl-schannel
    ('curl: (60) schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.',
     (UI, SE), 'curl/curl:lib/vtls/schannel.c + Windows SDK:shared/winerror.h'),
    ('curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_CERT_EXPIRED (0x80090328) - The received certificate has expired.',
     (EX,), 'curl/curl:lib/vtls/schannel.c ("next InitializeSecurityContext failed: %s") + Windows SDK:shared/winerror.h (SEC_E_CERT_EXPIRED)'),
    ('curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - The revocation function was unable to check revocation for the certificate.',
     (UI, TI), 'curl/curl:lib/vtls/schannel.c + Windows SDK:shared/winerror.h (CRYPT_E_NO_REVOCATION_CHECK 0x80092012)'),
    ('curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_WRONG_PRINCIPAL (0x80090322) - The target principal name is incorrect.',
     (HM,), 'curl/curl:lib/vtls/schannel.c + Windows SDK:shared/winerror.h'),
    # --- curl-gnutls
    ('curl: (60) server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none',
     (UI, SE), 'curl/curl:lib/vtls/gtls.c'),
    # --- windows
    ('The received certificate has expired.',
     (EX,), 'Windows SDK:shared/winerror.h (SEC_E_CERT_EXPIRED 0x80090328)'),
    ('The revocation function was unable to check revocation because the revocation server was offline.',
     (UI, TI), 'Windows SDK:shared/winerror.h (CRYPT_E_REVOCATION_OFFLINE 0x80092013), as NuGet/NuGet.Client\'s tests quote it'),
    # --- java
    ('java.security.cert.CertificateException: No subject alternative names present',
     (HM,), 'openjdk:src/java.base/share/classes/sun/security/util/HostnameChecker.java (matchIP)'),
    # --- dotnet
    ('System.Security.Authentication.AuthenticationException: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.',
     (UI, SE, HM, EX), 'dotnet/runtime:System.Net.Security Strings.resx (net_ssl_io_cert_custom_validation)'),
    # --- go
    ('x509: certificate is valid for 192.0.2.1, not 192.0.2.2',
     (HM,), 'golang/go:src/crypto/x509/verify.go (HostnameError)'),
    # --- python
    ('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Basic Constraints of CA cert not marked critical (_ssl.c:1028)',
     (UI, SE), X509_TXT + " (X509_V_ERR_CA_BCONS_NOT_CRITICAL, Python 3.13's VERIFY_X509_STRICT)"),
    # --- fetchmail
    ('fetchmail: Server certificate verification error: self signed certificate',
     (SE,), 'fetchmail:socket.c (SSL_verify_callback: "Server certificate verification error: %s", "Server CommonName mismatch: %s != %s")'),
    ('fetchmail: Server CommonName mismatch: mx.example.net != mail.example.com',
     (HM,), 'fetchmail:socket.c (SSL_verify_callback: "Server certificate verification error: %s", "Server CommonName mismatch: %s != %s")'),
]


@pytest.mark.parametrize(("text", "first", "source"), CATALOGUE)
def test_each_stacks_words_read_as_the_verdict_they_name(text: str, first: tuple[str, ...], source: str) -> None:
    causes = causes_of(text)
    assert causes, f"declined or called fine: {text!r} ({source})"
    assert causes[0] in first, (causes, source)


# A verdict the words state outright leaves no other certificate verdict before it, and the generic "untrusted"
# readings never put a name mismatch or an expiry first.
@pytest.mark.parametrize(("text", "cause"), [
    ("verify error:num=18:self-signed certificate", SE),
    ("The certificate is NOT trusted. The name in the certificate does not match the expected.", HM),
    ("x509: certificate has expired or is not yet valid: current time 2024-03-01T10:00:00Z is after 2024-02-01T00:00:00Z", EX),
    ("Error Domain=kCFStreamErrorDomainSSL Code=-9814", EX),
    ("tls_handshake: name `mail.example.com' not present in server certificate", HM),
])
def test_a_named_verdict_is_the_only_certificate_cause(text: str, cause: str) -> None:
    assert [c for c in causes_of(text) if c.startswith("cert-")] == [cause]


# Firefox's own verdict that the connection is intercepted (MOZILLA_PKIX_ERROR_MITM_DETECTED) is the interceptor's,
# with no private-CA reading before it; its plain unknown issuer (a private CA gives it too) is not.
def test_firefoxs_mitm_verdict_reads_as_interception_and_its_unknown_issuer_does_not() -> None:
    assert causes_of("Error code: MOZILLA_PKIX_ERROR_MITM_DETECTED")[0] == TI
    assert TI not in causes_of("Error code: SEC_ERROR_UNKNOWN_ISSUER")


# Let's Encrypt's old root DST Root CA X3 (expired 2021-09-30) named as the expired certificate: the client follows
# the old chain (https://www.openssl.org/blog/blog/2021/09/13/LetsEncryptRootCertExpire/), the server's own
# certificate is current (its expiry reading stays in the report, explained by it). An expiry that names no such root
# stays the server's.
@pytest.mark.parametrize("text", [
    "depth=3 O = Digital Signature Trust Co., CN = DST Root CA X3\nverify error:num=10:certificate has expired\n"
    "notAfter=Sep 30 14:01:15 2021 GMT",
    "2021-10-01 10:00:00 1mWAbc-0004MN-Dq [192.0.2.25] SSL verify error: depth=2 error=certificate has expired "
    "cert=/O=Digital Signature Trust Co./CN=DST Root CA X3",
])
def test_an_expired_dst_root_ca_x3_is_the_clients_outdated_trust_store(text: str) -> None:
    assert causes_of(text)[0] == CO


def test_an_expiry_without_the_old_root_stays_the_servers_certificate() -> None:
    causes = causes_of("depth=0 CN = mail.example.com\nverify error:num=10:certificate has expired")
    assert causes[0] == EX and CO not in causes, causes


# A server's log of a client's certificate_revoked alert (44): the client's verdict on the server's certificate, which
# no catalogued cause names: no reading of the server's own certificate check, and no certificate cause guessed.
def test_a_server_log_of_a_revoked_alert_guesses_no_certificate_cause() -> None:
    text = ("postfix/smtpd[1234]: warning: TLS library problem: error:0A000414:SSL routines::sslv3 alert certificate "
            "revoked:../ssl/record/rec_layer_s3.c:1584:SSL alert number 44:")
    assert not [c for c in causes_of(text) if c.startswith("cert-")]


# --- more stacks and programs (see the module's docstring) ---------------------------------------------------
#: What a verdict that names no reason leaves open.
ANY = (UI, SE, HM, EX)

X509 = "openssl/openssl:crypto/x509/x509_txt.c"
NODE = "nodejs/node:src/crypto/crypto_common.cc"
GO = "golang/go:src/crypto/x509/verify.go"
JDK = "openjdk/jdk:sun/security"
JM = "jakartaee/mail-api:SocketFetcher.java"
NET = "dotnet/runtime:System.Net.Security"
MK = "jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs"
NSS = "nss-dev/nss:lib/util/SECerrs.h"
GNUTLS = "gnutls/gnutls:lib/x509/output.c"
CCL = "uw-imap:src/osdep/unix/ssl_unix.c"
FM = "fetchmail:socket.c"
EXIM = "Exim/exim:src/src/tls-openssl.c"
PFX = "vdukhovni/postfix:postfix/src/tls/tls_verify.c"
DOV = "dovecot/core:src/lib-ssl-iostream/iostream-ssl.c"
RUSTLS = "rustls/rustls:rustls/src/error.rs"
QT = "qt/qtbase:src/network/ssl/qsslerror.cpp"
KIO = "KDE/kio:src/core/tcpslavebase.cpp, src/core/ktcpsocket.cpp (KSslError)"
MONO = "mono/mono:Mono.Security.Protocol.Tls.Handshake.Client/TlsServerCertificate.cs"
WOLF = "wolfSSL/wolfssl:wolfcrypt/src/error.c, src/internal.c"
MBED = "Mbed-TLS/mbedtls:library/error.c, library/x509_crt.c"
PHP = "php/php-src:ext/openssl/xp_ssl.c"
APPLE = "Apple CFNetwork NSURLErrorServerCertificate*"
ERL = "erlang/otp:lib/ssl/src/ssl_certificate.erl"

# (text as pasted, the causes its words may honestly read as -- the first one named must be among them, source)
MORE_STACKS = [
    # --- OpenSSL's verify codes, through Python, curl, s_client, Ruby, Perl, PHP.
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed "
     "certificate (_ssl.c:1006)", (SE,), X509),
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed "
     "certificate (_ssl.c:1123)", (SE,), X509),
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed "
     "certificate in certificate chain (_ssl.c:1006)", (UI, TI), X509),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)",
     (UI,), X509),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to verify the first certificate (_ssl.c:1129)",
     (UI,), X509),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for "
     "'mail.example.org'. (_ssl.c:1129)", (HM,), X509),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for "
     "'192.0.2.10'. (_ssl.c:1006)", (HM,), X509),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1131)", (EX,), X509),
    ("curl: (60) SSL certificate problem: self-signed certificate", (SE,), "curl/curl:lib/vtls/openssl.c"),
    ("curl: (60) SSL certificate problem: self signed certificate in certificate chain", (UI, TI),
     "curl/curl:lib/vtls/openssl.c"),
    ("curl: (60) SSL certificate problem: unable to get local issuer certificate", (UI,), "curl/curl:lib/vtls/openssl.c"),
    ("curl: (60) SSL: no alternative certificate subject name matches target host name 'mail.example.org'", (HM,),
     "curl/curl:lib/vtls/openssl.c"),
    ("curl: (51) SSL: certificate subject name 'localhost' does not match target host name 'mail.example.org'", (HM,),
     "curl/curl:lib/vtls/openssl.c"),
    ("SSL: certificate subject name (localhost) does not match target host name 'mail.example.org'", (HM,),
     "curl/curl:lib/vtls/openssl.c (older wording)"),
    ("curl: (60) SSL certificate problem: certificate has expired", (EX,), "curl/curl:lib/vtls/openssl.c"),
    ("verify error:num=18:self-signed certificate\nverify return:1", (SE,), "openssl/openssl:apps/lib/s_cb.c"),
    ("verify error:num=19:self signed certificate in certificate chain", (UI, TI), "openssl/openssl:apps/lib/s_cb.c"),
    ("Verify return code: 21 (unable to verify the first certificate)", (UI,), "openssl/openssl:apps/s_client.c"),
    ("OpenSSL: error:0A000086:SSL routines::certificate verify failed: self-signed certificate in certificate chain",
     (UI, TI), X509),
    ("SSL_connect returned=1 errno=0 peeraddr=192.0.2.10:465 state=error: certificate verify failed (self-signed "
     "certificate)", (SE,), "ruby/openssl:ext/openssl/ossl_ssl.c"),
    ("SSL_connect returned=1 errno=0 state=error: certificate verify failed (unable to get local issuer certificate)",
     (UI,), "ruby/openssl:ext/openssl/ossl_ssl.c"),
    ("OpenSSL::SSL::SSLError: hostname \"mail.example.org\" does not match the server certificate", (HM,),
     "ruby/openssl:lib/openssl/ssl.rb (post_connection_check)"),
    ("IO::Socket::SSL: hostname verification failed", (HM,), "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm"),
    ("stream_socket_enable_crypto(): Peer certificate CN=`localhost' did not match expected CN=`mail.example.org'",
     (HM,), PHP),
    # --- Node's codes (nodemailer, imapflow).
    ("Error: self-signed certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n"
     "  code: 'DEPTH_ZERO_SELF_SIGNED_CERT'\n}", (SE,), NODE),
    ("Error: self signed certificate in certificate chain\n    at TLSSocket.onConnectSecure (_tls_wrap.js:1515:34) {\n"
     "  code: 'SELF_SIGNED_CERT_IN_CHAIN'\n}", (UI, TI), NODE),
    ("Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1540:34) {\n"
     "  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}", (UI,), NODE),
    ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: mail.example.org. "
     "is not in the cert's altnames: DNS:*.hosting.example.net, DNS:hosting.example.net", (HM,), "nodejs/node:lib/tls.js"),
    ("Error: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ", (HM,),
     "nodejs/node:lib/tls.js"),
    ("Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n"
     "  code: 'CERT_HAS_EXPIRED'\n}", (EX,), NODE),
    ("Error: connect ESOCKET self-signed certificate", (SE,), "nodemailer/nodemailer:lib/smtp-connection/index.js"),
    # --- Go: an unknown authority whoever signed; a candidate authority an interceptor's.
    ("x509: certificate signed by unknown authority", (UI, SE), GO),
    ("tls: failed to verify certificate: x509: certificate signed by unknown authority", (UI, SE), GO),
    ('x509: certificate signed by unknown authority (possibly because of "x509: ECDSA verification failure" while '
     'trying to verify candidate authority certificate "Zscaler Root CA")', (TI,), GO),
    ('x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying '
     'to verify candidate authority certificate "Avast Web/Mail Shield Root")', (TI,), GO),
    ("x509: certificate is valid for mail.hosting.example.net, not mail.example.org", (HM,), GO),
    ("tls: failed to verify certificate: x509: certificate is valid for *.hosting.example.net, hosting.example.net, "
     "not mail.example.org", (HM,), GO),
    ("x509: cannot validate certificate for 192.0.2.10 because it doesn't contain any IP SANs", (HM,), GO),
    ("x509: certificate is not valid for any names, but wanted to match mail.example.org", (HM,), GO),
    ("x509: certificate has expired or is not yet valid: current time 2024-03-01T10:00:00Z is after "
     "2024-02-20T23:59:59Z", (EX,), GO),
    ("x509: certificate relies on legacy Common Name field, use SANs instead", (HM,), GO),
    ("x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with "
     "GODEBUG=x509ignoreCN=0", (HM,), GO),
    ("x509: “mail.example.org” certificate is not trusted", (UI, SE), "golang/go:src/crypto/x509/root_darwin.go"),
    ("x509: “mail.example.org” certificate is expired", (EX,), "golang/go:src/crypto/x509/root_darwin.go"),
    # --- Java, Android, Jakarta Mail.
    ("javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath."
     "SunCertPathBuilderException: unable to find valid certification path to requested target", (UI, SE), JDK),
    ("sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert."
     "CertPathValidatorException: Path does not chain with any of the trust anchors", (UI, SE), JDK),
    ("javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: No subject alternative DNS name "
     "matching mail.example.org found.", (HM,), JDK),
    ("javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: No subject alternative names "
     "present", (HM,), JDK),
    ("javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: No name matching mail.example.org "
     "found", (HM,), JDK),
    ("javax.mail.MessagingException: Could not connect to SMTP host: mail.example.org, port: 465;\n  nested exception "
     "is:\n\tjava.io.IOException: Can't verify identity of server: mail.example.org", (HM,), JM),
    ("sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert."
     "CertPathValidatorException: validity check failed", (EX,), JDK),
    ("java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.", (UI, SE),
     "google/conscrypt:TrustManagerImpl.java"),
    ("javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: Chain validation failed\n"
     "Caused by: java.security.cert.CertPathValidatorException: timestamp check failed\nCaused by: java.security.cert."
     "CertificateExpiredException: Certificate expired at Sun Mar 01 10:00:00 GMT+01:00 2020 (compared to Mon Mar 02 "
     "10:00:00 GMT+01:00 2020)", (EX,), "M66B/FairEmail:FAQ.md (4)"),
    # --- .NET, Schannel, MailKit, Mono.
    ("System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the "
     "validation procedure: RemoteCertificateNameMismatch", (HM,), NET),
    ("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch, "
     "RemoteCertificateChainErrors", (HM, UI, SE), NET),
    ("The remote certificate is invalid according to the validation procedure: RemoteCertificateChainErrors",
     (UI, SE), NET),
    ("System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in "
     "the certificate chain: UntrustedRoot", (SE, UI), NET),
    ("System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in "
     "the certificate chain: PartialChain", (UI,), NET),
    ("System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in "
     "the certificate chain: NotTimeValid", (EX,), NET),
    ("schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not "
     "trusted.", (SE, UI), "Windows SDK:shared/winerror.h; curl/curl:lib/vtls/schannel.c"),
    ("The target principal name is incorrect", (HM,), "Windows SDK:shared/winerror.h (SEC_E_WRONG_PRINCIPAL)"),
    ("CERT_E_CN_NO_MATCH (0x800B010F)", (HM,), "Windows SDK:shared/winerror.h"),
    ("The security certificate has expired or is not yet valid.", (EX, NY), "Microsoft Outlook"),
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe host name did not match the name given in the server's SSL certificate.", (HM,), MK),
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n• The server "
     "certificate has the following errors:\n  • unable to get local issuer certificate", (UI,), MK),
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n• The server "
     "certificate has the following errors:\n  • self signed certificate", (SE,), MK),
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe server's SSL certificate could not be validated for the following reasons:\n• The server "
     "certificate has the following errors:\n  • A certificate chain processed, but terminated in a root certificate "
     "which is not trusted by the trust provider.", (SE, UI), MK),
    ("System.IO.IOException: The authentication or decryption has failed. ---> Mono.Security.Protocol.Tls."
     "TlsException: Invalid certificate received from server. Error code: 0xffffffff800b010f", (HM,), MONO),
    ("Mono.Security.Protocol.Tls.TlsException: Invalid certificate received from server. Error code: "
     "0xffffffff800b0109", (SE, UI), MONO),
    ("Mono.Security.Protocol.Tls.TlsException: Invalid certificate received from server. Error code: "
     "0xffffffff800b010a", (UI,), MONO),
    ("Mono.Security.Protocol.Tls.TlsException: Invalid certificate received from server. Error code: "
     "0xffffffff800b0101", (EX,), MONO),
    # --- NSS (Thunderbird, Firefox, Evolution on NSS).
    ("SEC_ERROR_UNKNOWN_ISSUER", (UI, SE), NSS),
    ("An error occurred during a connection to mail.example.org:993. Peer's Certificate issuer is not recognized. "
     "(Error code: sec_error_unknown_issuer)", (UI, SE), NSS),
    ("MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT", (SE,), "nss-dev/nss:lib/mozpkix/include/pkix/pkixnss.h"),
    ("Error code: MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT\nmail.example.org uses an invalid security certificate. The "
     "certificate is not trusted because it is self-signed.", (SE,), "mozilla/gecko-dev:pipnss.properties"),
    ("SSL_ERROR_BAD_CERT_DOMAIN", (HM,), NSS),
    ("SSL_ERROR_BAD_CERT_DOMAIN mail.example.org uses an invalid security certificate. The certificate is only valid "
     "for the following names: *.hosting.example.net", (HM,), "mozilla/gecko-dev:pipnss.properties"),
    ("SEC_ERROR_EXPIRED_CERTIFICATE", (EX,), NSS),
    ("The certificate is not trusted because it is self-signed.", (SE,), "mozilla/gecko-dev:pipnss.properties"),
    ("The certificate is only valid for the following names: *.hosting.example.net, hosting.example.net", (HM,),
     "mozilla/gecko-dev:pipnss.properties"),
    ("Thunderbird doesn’t trust this site because it uses a certificate that is not valid for mail.example.org.", (HM,),
     "mozilla/gecko-dev:aboutCertError.ftl"),
    ("The certificate is not trusted because it hasn't been verified as issued by a trusted authority using a secure "
     "signature.", (UI, SE), "mozilla/gecko-dev:pippki.properties"),
    # --- GnuTLS and the programs on it or on OpenSSL that word it themselves.
    ("Status: The certificate is NOT trusted. The certificate issuer is unknown. ", (UI, SE), GNUTLS),
    ("Status: The certificate is NOT trusted. The name in the certificate does not match the expected. ", (HM,),
     GNUTLS),
    ("Certificate verification failed: The certificate is NOT trusted. The certificate issuer is unknown. The name in "
     "the certificate does not match the expected.", (HM, UI, SE), GNUTLS),
    ("server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none", (UI, SE),
     "curl/curl:lib/vtls/gtls.c"),
    ("msmtp: TLS certificate verification failed: the certificate hasn't got a known issuer", (UI, SE),
     "marlam/msmtp:src/tls.c"),
    ("msmtp: TLS certificate verification failed: the certificate owner does not match hostname mail.example.org",
     (HM,), "marlam/msmtp:src/tls.c"),
    ("msmtp: TLS certificate verification failed: self signed certificate", (SE,), "marlam/msmtp:src/tls.c"),
    ("Certificate host check failed: certificate owner does not match hostname mail.example.org", (HM,),
     "muttmua/mutt:mutt_ssl.c"),
    ("Error: Certificate owner does not match hostname mail.example.org", (HM,), "isync:src/socket.c"),
    ("Certificate failure for mail.example.org: self signed certificate: /CN=mail.example.org", (SE,), CCL),
    ("Certificate failure for mail.example.org: Server name does not match certificate: /CN=*.hosting.example.net",
     (HM,), CCL),
    ("Certificate failure for mail.example.org: unable to get local issuer certificate: /C=US/O=Let's Encrypt/CN=R3",
     (UI,), CCL),
    ("fetchmail: Server CommonName mismatch: localhost.localdomain != pop.example.org", (HM,), FM),
    ("fetchmail: Server certificate verification error: self signed certificate", (SE,), FM),
    ("SSL verify error: certificate name mismatch: DN=\"/CN=mail.hosting.example.net\" H=\"mail.example.org\"", (HM,),
     EXIM),
    ("SSL verify error: depth=0 error=self signed certificate cert=/CN=mail.example.org", (SE,), EXIM),
    ("postfix/smtp[123]: certificate verification failed for mail.example.org[192.0.2.10]:25: self-signed certificate",
     (SE,), PFX),
    ("postfix/smtp[123]: certificate verification failed for mail.example.org[192.0.2.10]:25: untrusted issuer "
     "/C=US/O=Example/CN=Example Private CA", (UI,), PFX),
    ("doveadm server disconnected before handshake: SSL certificate doesn't match expected host name "
     "mail1.example.com: did not match to any IP or DNS fields", (HM,), DOV),
    ("imapc(imap.example.org:993): Disconnected from server: Received invalid SSL certificate: self signed "
     "certificate: /CN=imap.example.org", (SE,), "dovecot/core:src/lib-ssl-iostream/iostream-openssl.c"),
    # --- rustls.
    ("invalid peer certificate: UnknownIssuer", (UI, SE), RUSTLS),
    ("invalid peer certificate: NotValidForName", (HM,), RUSTLS),
    ("invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))", (SE,), "rustls/webpki:src/error.rs"),
    # --- Qt (KMail, Trojita): the server's own self-signed certificate, or a self-signed root above it.
    ("The certificate is self-signed, and untrusted", (SE,), QT),
    ("KMail: The root certificate of the certificate chain is self-signed, and untrusted", (UI, TI), QT),
    ("The issuer certificate of a locally looked up certificate could not be found", (UI,), QT),
    ("The host name did not match any of the valid hosts for this certificate", (HM,), QT),
    ("No certificates could be verified", (UI,), QT),
    # --- KDE's KIO (KMail): its first line says only that the certificate was refused, KSslError's line which check.
    ("The server failed the authenticity check (mail.example.org).\n\nThe certificate does not apply to the given host",
     (HM,), KIO),
    ("The certificate does not apply to the given host", (HM,), KIO),
    ("The server failed the authenticity check (mail.example.org).\n\nThe certificate is not signed by any trusted "
     "certificate authority", (UI, SE), KIO),
    ("The server failed the authenticity check (mail.example.org).\n\nThe certificate has expired", (EX, NY), KIO),
    # --- wolfSSL and Mbed TLS (embedded mail clients: ESP Mail Client, WiFiClientSecure).
    ("SMTP connect failed: wolfSSL_connect error -188: ASN no signer error to confirm failure", (UI, SE), WOLF),
    ("wolfSSL_connect error -188, ASN no signer error to confirm failure", (UI, SE), WOLF),
    ("Connecting to smtp.example.org:465 failed, wolfSSL error -322: peer subject name mismatch", (HM,), WOLF),
    ("wolfSSL_connect error -325, peer ip address mismatch", (HM,), WOLF),
    ("IMAP: TLS handshake failed: ASN date error, current date after", (EX,), WOLF),
    ("IMAP: TLS handshake failed: ASN date error, current date before", (NY,), WOLF),
    ("mbedtls_ssl_handshake returned -0x2700: X509 - Certificate verification failed, e.g. CRL, CA or signature check "
     "failed\nThe certificate is not correctly signed by the trusted CA", (UI, SE), MBED),
    ("SMTP: TLS handshake failed: X509 - Certificate verification failed, e.g. CRL, CA or signature check failed\n"
     "The certificate validity has expired", (EX,), MBED),
    ("The certificate Common Name (CN) does not match with the expected CN", (HM,), MBED),
    # --- PHP's name check when the certificate has no CN after its alternative names failed.
    ("stream_socket_enable_crypto(): Unable to locate peer certificate CN", (HM,), PHP),
    ("SMTP -> ERROR: Failed to connect to server: stream_socket_enable_crypto(): Unable to locate peer certificate CN",
     (HM,), PHP),
    # --- Apple (CFNetwork's NSURLErrorServerCertificate* descriptions).
    ("The certificate for this server was signed by an unknown certifying authority. You might be connecting to a "
     "server that is pretending to be “imap.example.org” which could put your confidential information at risk.",
     (UI, SE), APPLE),
    ("The certificate for this server has expired. You might be connecting to a server that is pretending to be "
     "“imap.example.org” which could put your confidential information at risk.", (EX,), APPLE),
    ("The certificate for this server is not yet valid. You might be connecting to a server that is pretending to be "
     "“imap.example.org” which could put your confidential information at risk.", (NY,), APPLE),
    # --- Erlang's ssl (gen_smtp, Swoosh): the reason beside the alert it sent.
    ("TLS client: In state certify at ssl_handshake.erl:2111 generated CLIENT ALERT: Fatal - Bad Certificate\n "
     "{bad_cert,selfsigned_peer}", (SE,), ERL),
    ("TLS client: In state certify at ssl_handshake.erl:2111 generated CLIENT ALERT: Fatal - Unknown CA\n "
     "{bad_cert,unknown_ca}", (UI, SE), ERL),
    ("{tls_alert,{bad_certificate,\"TLS client: In state certify at ssl_handshake.erl:1885 generated CLIENT ALERT: "
     "Fatal - Bad Certificate\\n {bad_cert,cert_expired}\"}}", (EX,), ERL),
    # --- An interceptor's CA named beside error 19.
    ("certificate verify failed: self-signed certificate in certificate chain. Avast Web/Mail Shield Root", (TI,),
     "mailexpert/data/error-texts.yaml certificate_issuers; rules/tls/tls-interception.yaml"),
]

# Verdicts that say only that the certificate was refused: a failure whose candidates are the certificate's usual
# faults, never fine, never one cause confirmed.
UNSAID = [
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:852)", X509),
    ("SSL connect attempt failed error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed",
     "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm"),
    ("[E][ssl_client.cpp:37] _handle_error(): [start_ssl_client():273]: (-9984) X509 - Certificate verification "
     "failed, e.g. CRL, CA or signature check failed", MBED),
    ("SMTP: TLS handshake failed: X509 - Certificate verification failed, e.g. CRL, CA or signature check failed", MBED),
    ("System.IO.IOException: The authentication or decryption has failed. ---> Mono.Security.Protocol.Tls."
     "TlsException: Invalid certificate received from server.", MONO),
    ("Error Domain=NSURLErrorDomain Code=-1202 \"The certificate for this server is invalid. You might be connecting "
     "to a server that is pretending to be “imap.example.org” which could put your confidential information at "
     "risk.\"", APPLE),
    ("Unacceptable TLS certificate", "GNOME/glib-networking:tls/base/gtlsconnection-base.c"),
    ("The server failed the authenticity check (mail.example.org).", KIO),
]


def _id(case: tuple) -> str:
    return case[0][:60]


@pytest.mark.parametrize("case", MORE_STACKS, ids=_id)
def test_a_certificate_verdict_reads_as_what_its_words_say(case: tuple) -> None:
    text, causes, _source = case
    found = causes_of(text)
    assert found, "declined"
    assert found[0] in causes, found


@pytest.mark.parametrize("case", UNSAID, ids=_id)
def test_a_verdict_without_a_reason_stays_a_failure_with_candidates(case: tuple) -> None:
    text, _source = case
    report = explain(text)
    errors = [d for d in report.diagnoses if d.severity == "error"]
    assert errors, "called fine"
    assert errors[0].cause in ANY, errors[0].cause
    assert errors[0].confidence != "confirmed", errors[0]
    # the candidates it allows, not one made-up cause
    assert len({d.cause for d in errors} & set(ANY)) >= 2, [d.cause for d in errors]


def test_the_server_s_own_self_signed_certificate_and_a_self_signed_root_above_it_differ() -> None:
    # OpenSSL's 18 and 19, Qt's SelfSignedCertificate and SelfSignedCertificateInChain, Node's codes: each pair
    # differs in which certificate signed itself, and so in the cause.
    pairs = [
        ("certificate verify failed: self-signed certificate",
         "certificate verify failed: self-signed certificate in certificate chain"),
        ("The certificate is self-signed, and untrusted",
         "The root certificate of the certificate chain is self-signed, and untrusted"),
        ("Error: self-signed certificate code: 'DEPTH_ZERO_SELF_SIGNED_CERT'",
         "Error: self signed certificate in certificate chain code: 'SELF_SIGNED_CERT_IN_CHAIN'"),
    ]
    for own, chain in pairs:
        assert causes_of(own)[0] == SE, own
        assert causes_of(chain)[0] in (UI, TI), chain
        assert SE not in causes_of(chain)[:1], chain


def test_mono_s_code_decides_over_its_words() -> None:
    words = "Mono.Security.Protocol.Tls.TlsException: Invalid certificate received from server. Error code: 0x{}"
    assert causes_of(words.format("ffffffff800b010f"))[0] == HM
    assert causes_of(words.format("ffffffff800b0101"))[0] == EX
    assert causes_of(words.format("ffffffff800b010a"))[0] == UI
    # a code it does not name (CRYPT_E_NO_REVOCATION_CHECK) keeps the words' reading: refused, reason unsaid
    assert causes_of(words.format("ffffffff80092012"))[0] in ANY

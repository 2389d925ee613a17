"""Certificate, TLS and TLS-before-login verdicts read from the general words of a stack or a concept, in sentences
no table row holds (as a held-out text's sentence that nobody collected):

- a PHPMailer-style transcript that ends after the server's "220" to STARTTLS, with a certificate verdict in any
  program's words after it, reads as that verdict, not as a handshake that failed without a reason;
- "matching domain" is a name-mismatch word (OfflineIMAP's "no matching domain name found in certificate");
- a root certificate named as not trusted is Windows' untrusted-root verdict (CERT_E_UNTRUSTEDROOT): a self-signed
  certificate or a private CA's root, while a chain that could not be built to a root stays an unknown issuer;
- rustls's InvalidContentType variant, however the program around it words the error, is plain text where a TLS
  record was awaited;
- a handshake key refused as weak (a DH key or prime, a certificate's key) is the server's old parameters;
- LOGIN disabled by the server is LOGINDISABLED even in a log that names its configured account on the line before,
  and not in "Login is disabled for this account";
- Dovecot's disconnect reason "(tried to use disallowed plaintext auth)" says the client tried to log in before TLS,
  where "(no auth attempts in 0 secs)" still reads as another protocol's commands;
- RFC 3207's "STARTTLS first" beside a bare reply code is the server's demand for TLS, not a failed STARTTLS.

Each text is of this file's own making, with the public source of the words it uses."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

from mailexpert.explain import explain

SE, UI, HM = "cert-self-signed", "cert-untrusted-issuer", "cert-hostname-mismatch"

CASES = [
    Case("a PHP transcript whose STARTTLS was accepted, then a name-mismatch verdict in other words",
         "2024-03-01 10:00:01 CLIENT -> SERVER: STARTTLS\n"
         "2024-03-01 10:00:01 SERVER -> CLIENT: 220 2.0.0 Ready to start TLS\n"
         "2024-03-01 10:00:01 Connection failed. Error #2: stream_socket_enable_crypto(): Peer certificate for "
         "mail.example.org does not match the host name\n"
         "SMTP Error: Could not connect to SMTP host.", (HM,),
         "PHPMailer/PHPMailer:src/SMTP.php (startTLS, the debug transcript); RFC 6125 section 6"),
    Case("no matching domain name", "certificate check failed: no matching domain name for mail.example.org", (HM,),
         "OfflineIMAP/offlineimap3:offlineimap/imapserver.py (__verifycert)"),
    Case("a root certificate that is not trusted", "The certificate chain ends in a root certificate that is not trusted.",
         (SE, UI), "Windows SDK:shared/winerror.h (CERT_E_UNTRUSTEDROOT)"),
    Case("rustls's variant in another program's words", "TLS error: InvalidContentType", ("tls-on-plaintext-port",),
         "rustls/rustls:rustls/src/error.rs (InvalidMessage::InvalidContentType)"),
    Case("a DH key said too small in a sentence", "SSL handshake failed: the server's DH key is too small",
         ("tls-no-shared-cipher",), "openssl/openssl:ssl/ssl_err.c (SSL_R_DH_KEY_TOO_SMALL)"),
    Case("a weak Diffie-Hellman prime", "TLS negotiation failed: server sent a weak Diffie-Hellman prime",
         ("tls-no-shared-cipher",), "gnutls/gnutls:lib/errors.c (GNUTLS_E_DH_PRIME_UNACCEPTABLE)"),
    Case("LOGIN disabled in a log that names its account on the line before",
         "*** Processing account work (imap.example.org, IMAP on port 143)\n"
         "LOGIN authentication failed: LOGIN is disabled on this server, use TLS", ("auth-requires-tls",),
         "RFC 9051 section 6.2.3 (LOGINDISABLED)"),
    Case("Dovecot's IMAP login process, a plaintext login refused",
         "Mar  9 14:02:10 mail dovecot: imap-login: Info: Disconnected: Too many invalid commands (tried to use "
         "disallowed plaintext auth): user=<carol>, rip=198.51.100.4, lip=198.51.100.1, session=<k3Jd9aQx>",
         ("auth-requires-tls",),
         "dovecot/core:src/login-common/client-common.c (client_get_extra_disconnect_reason)"),
    Case("STARTTLS first, beside a bare code a webmail quotes",
         "SMTP Error: Failed to set sender 'bob@example.org'. Send STARTTLS first (Code: 530)", ("auth-requires-tls",),
         "RFC 3207 section 4 ('530 Must issue a STARTTLS command first')"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_general_words_decide(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes, f"declined or called fine: {case.text!r} ({case.source})"
    assert causes[0] in case.causes, (causes, case.source)


def _handshake(text: str) -> tuple[str, str]:
    """The outcome and the verify verdict of the TLS handshake ``explain`` reads from ``text``."""
    report = explain(text)
    found = [f for d in report.diagnoses for f in d.evidence if f.kind == "tls.handshake"]
    assert found, report.diagnoses
    return found[0].get("outcome"), found[0].get("verify")


def test_a_root_named_untrusted_is_the_untrusted_root_verdict() -> None:
    text = "The certificate chain ends in a root certificate that is not trusted."
    assert _handshake(text) == ("cert-invalid", "untrusted-root")
    causes = causes_of(text)
    assert {SE, UI} <= set(causes[:2]), causes


@pytest.mark.parametrize("text", [
    "SSL handshake failed: the server's DH key is too small",
    "TLS negotiation failed: server sent a weak Diffie-Hellman prime",
    "handshake aborted: the server certificate's RSA key size is too short",
])
def test_a_weak_handshake_key_is_its_own_verdict(text: str) -> None:
    assert _handshake(text)[0] == "dh-key-too-small"


def test_a_chain_not_built_to_a_root_stays_an_unknown_issuer() -> None:
    """CERT_E_CHAINING names a trusted root it could not reach: no root that is not trusted."""
    assert causes_of("A certificate chain could not be built to a trusted root authority.")[0] == UI


def test_a_weak_password_is_no_weak_handshake_key() -> None:
    assert "tls-no-shared-cipher" not in causes_of("Your new password is too weak")


def test_a_login_disabled_for_the_account_is_the_account() -> None:
    assert "auth-requires-tls" not in causes_of("Login is disabled for this account")[:1]


def test_dovecot_without_a_login_tried_stays_another_protocol() -> None:
    text = ("Jan  3 08:00:00 mx dovecot: imap-login: Disconnected: Too many invalid commands (no auth attempts in 0 "
            "secs): user=<>, rip=192.0.2.7, lip=192.0.2.1")
    assert causes_of(text)[0] == "wrong-protocol-on-port"


def test_a_failed_starttls_with_a_bare_code_stays_a_failed_starttls() -> None:
    assert causes_of("SMTP Error: STARTTLS failed (Code: 454)")[0] == "starttls-failed"


def test_a_transcript_with_no_verdict_after_starttls_keeps_every_certificate_reading() -> None:
    text = ("2024-03-01 10:00:01 CLIENT -> SERVER: STARTTLS\n"
            "2024-03-01 10:00:01 SERVER -> CLIENT: 220 2.0.0 Ready to start TLS\n"
            "SMTP Error: Could not connect to SMTP host.")
    assert {SE, HM, UI} <= set(causes_of(text)), causes_of(text)

"""Sibling messages of server log families the corpus samples: each wording is produced by the same
source function as one a collected text shows, so an unseen text of the family reads as well as the
seen one. Each case names the file and function that produces the words."""

from __future__ import annotations

import pytest
from helpers import causes_of

_PAM = "Jun  1 10:00:00 mail dovecot: auth-worker(4242): "


@pytest.mark.parametrize(("text", "cause"), [
    # dovecot/core:src/auth/passdb-pam.c try_pam_auth: "pam_authenticate() failed: " + pam_strerror(status).
    # PAM_AUTH_ERR with Dovecot's own hint: a wrong password.
    (_PAM + "pam(bob,192.0.2.1,<Ab12Cd34>): pam_authenticate() failed: Authentication failure (password mismatch?)",
     "password-rejected"),
    # PAM_AUTHINFO_UNAVAIL: the module cannot reach its store (pam_ldap's server, sssd): the check is down.
    (_PAM + "pam(bob,192.0.2.1,<Ab12Cd34>): pam_authenticate() failed: "
     "Authentication service cannot retrieve authentication info", "server-unavailable"),
    # pam_get_missing_service_file_path: "%s (%s missing?)", logged as an error: the service's PAM file is missing.
    (_PAM + "Error: pam(bob,192.0.2.1): pam_authenticate() failed: Authentication failure (/etc/pam.d/imap missing?)",
     "server-unavailable"),
    (_PAM + "Error: pam(bob,192.0.2.1): unknown user (/etc/pam.d/dovecot missing?)", "server-unavailable"),
    # PAM_USER_UNKNOWN without the hint: auth_request_db_log_unknown_user, "unknown user".
    (_PAM + "pam(bob,192.0.2.1,<Ab12Cd34>): unknown user", "username-wrong"),
    # pam_acct_mgmt: PAM_NEW_AUTHTOK_REQD and PAM_ACCT_EXPIRED -> PASSDB_RESULT_PASS_EXPIRED (NO [EXPIRED]).
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_acct_mgmt() failed: "
     "Authentication token is no longer valid; new one required", "password-expired"),
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_acct_mgmt() failed: User account has expired", "password-expired"),
    # pam_acct_mgmt's PAM_PERM_DENIED: this user refused (pam_access), not a socket's EACCES.
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_acct_mgmt() failed: Permission denied", "password-rejected"),
    # pam_setcred (setcred=yes) failing: the server's PAM credential modules, not a socket's EACCES.
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_setcred() failed: Permission denied", "server-unavailable"),
])
def test_dovecot_passdb_pam_family(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause


_EXIM_IN = "2024-01-01 10:00:00 TLS error on connection from (client) [192.0.2.1] (gnutls_handshake): "


@pytest.mark.parametrize(("text", "cause"), [
    # Exim/exim:src/src/tls-gnu.c tls_error_gnu: "rxd alert: " + gnutls_alert_get_name (gnutls/gnutls:lib/alert.c);
    # record_io_error: "A TLS fatal alert has been received: " + the same name. The client refused the server's
    # certificate (CA is unknown = unknown_ca 48, Unknown certificate = certificate_unknown 46, Certificate is bad = 42),
    # as the OpenSSL siblings ("tlsv1 alert unknown ca") read: unknown_ca a self-signed certificate first
    # (data/priors.yaml cert-refused-server-log), the others an unknown issuer.
    (_EXIM_IN + "rxd alert: CA is unknown", "cert-self-signed"),
    (_EXIM_IN + "rxd alert: Unknown certificate", "cert-untrusted-issuer"),
    (_EXIM_IN + "rxd alert: Certificate is bad", "cert-untrusted-issuer"),
    (_EXIM_IN + "A TLS fatal alert has been received: CA is unknown", "cert-self-signed"),
    (_EXIM_IN + "rxd alert: Certificate is expired", "cert-expired"),
    # handshake_failure (40) and insufficient_security (71): no cipher suite both accept.
    (_EXIM_IN + "rxd alert: Handshake failed", "tls-no-shared-cipher"),
    (_EXIM_IN + "A TLS fatal alert has been received: Insufficient security", "tls-no-shared-cipher"),
    # protocol_version (70) received: the client refused the version the server chose (RFC 5246 appendix E.1; the
    # server picks its highest up to the client's), so the server's TLS is the old side
    # (rules/tls/tls-version-server-outdated.yaml: tls-version-server-outdated-server-log-alert).
    (_EXIM_IN + "rxd alert: Error in protocol version", "tls-version-server-outdated"),
    # unrecognized_name (112): the name the client asked for is not one the server has a certificate for.
    (_EXIM_IN + "rxd alert: The server name sent was not recognized", "cert-hostname-mismatch"),
])
def test_exim_gnutls_received_alert_family(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause


_POSTFIX_SASL = "Jun  1 10:00:00 mail postfix/submission/smtpd[812]: warning: client.example.net[192.0.2.1]: SASL "


@pytest.mark.parametrize(("text", "cause"), [
    # vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c "SASL %s authentication failed: %s", the reason
    # Cyrus SASL's sasl_errstring (postfix/src/xsasl/xsasl_cyrus_common.h; cyrusimap/cyrus-sasl:lib/common.c).
    (_POSTFIX_SASL + "PLAIN authentication failed: authentication failure", "password-rejected"),   # SASL_BADAUTH
    (_POSTFIX_SASL + "PLAIN authentication failed: user not found", "username-wrong"),               # SASL_NOUSER
    (_POSTFIX_SASL + "PLAIN authentication failed: generic failure", "server-unavailable"),          # SASL_FAIL
    (_POSTFIX_SASL + "PLAIN authentication failed: remote authentication server unavailable",
     "server-unavailable"),                                                                          # SASL_UNAVAIL
    (_POSTFIX_SASL + "CRAM-MD5 authentication failed: user exists, but no verifier for user",
     "auth-mechanism-unsupported"),                                                                  # SASL_NOVERIFY
    (_POSTFIX_SASL + "PLAIN authentication failed: mechanism too weak for this user",
     "auth-mechanism-unsupported"),                                                                  # SASL_TOOWEAK
    (_POSTFIX_SASL + "PLAIN authentication failed: encryption needed to use mechanism", "auth-requires-tls"),  # SASL_ENCRYPT
    (_POSTFIX_SASL + "PLAIN authentication failed: passphrase expired, has to be reset", "password-expired"),  # SASL_EXPIRED
    (_POSTFIX_SASL + "PLAIN authentication failed: account disabled", "account-locked"),             # SASL_DISABLED
    # cyrusimap/cyrus-imapd:imap/imapd.c badlogin with sasl_errdetail: the same family.
    ("Jun  1 10:00:00 mail imaps[123]: badlogin: client.example.net [192.0.2.1] plain "
     "[SASL(-26): remote authentication server unavailable]", "server-unavailable"),
    ("Jun  1 10:00:00 mail imaps[123]: badlogin: client.example.net [192.0.2.1] CRAM-MD5 "
     "[SASL(-6): user exists, but no verifier for user: no secret in database]", "auth-mechanism-unsupported"),
])
def test_cyrus_sasl_errstring_family(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause


_POSTFIX_DEFERRED = ("Jun  1 10:00:00 mail postfix/smtp[2345]: 3F1A2B: to=<bob@example.org>, relay=none, delay=1, "
                     "delays=0.1/0/1/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for ")


@pytest.mark.parametrize(("text", "cause"), [
    # vdukhovni/postfix:postfix/src/dns/dns_lookup.c dns_query "Name service error for name=%s type=%s: %s" with
    # dns_strerror.c's words for h_errno: only HOST_NOT_FOUND says the name does not exist. (Of a name the server
    # was set to use, its relayhost; the recipient address's own domain, name=example.org here, is the recipient's
    # failure, read by its class: tests/test_explain_farside.py.)
    (_POSTFIX_DEFERRED + "name=smtp.example.net type=A: Host not found)", "server-host-unknown"),
    (_POSTFIX_DEFERRED + "name=example.org type=MX: Host not found, try again)", "dns-server-misconfigured"),
    (_POSTFIX_DEFERRED + "name=mx.example.org type=AAAA: Host found but no data record of requested type)",
     "server-host-no-address"),
    (_POSTFIX_DEFERRED + "name=example.org type=MX: Non-recoverable error)", "dns-outage"),
])
def test_postfix_dns_strerror_family(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause


def test_exim_dnslookup_deferred_lookup_is_no_missing_name() -> None:
    # Exim/exim:src/src/routers/dnslookup.c: HOST_FIND_AGAIN -> "host lookup did not complete" (a DNS that failed or
    # did not answer, the message deferred), unlike a name the DNS says does not exist.
    text = "2024-01-01 10:00:00 1tk2b3-006Xtp-0N == bob@example.org R=dnslookup defer (-1): host lookup did not complete"
    assert causes_of(text)[0] == "dns-server-misconfigured"


_EXIM_OUT = "2024-01-01 10:00:00 1tk2b3-006Xtp-0N "


@pytest.mark.parametrize(("text", "cause"), [
    # An Exim delivery routed by its default dnslookup router (Exim/exim:src/src/configure.default) went to the
    # recipient domain's MX: its greylisting is what an MX does (retry), its relay refusal is its own domain's set-up.
    (_EXIM_OUT + "== bob@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [192.0.2.9]: SMTP error "
     "from remote mail server after RCPT TO:<bob@example.org>: 451 4.7.1 Greylisting in action, please come back later",
     "server-reply-transient"),
    (_EXIM_OUT + "** bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.9]: SMTP error from remote "
     "mail server after RCPT TO:<bob@example.org>: 554 5.7.1 <bob@example.org>: Relay access denied",
     "server-reply-permanent"),
    # Through a smarthost router the same relay refusal is the smarthost's, which wants a login.
    (_EXIM_OUT + "** bob@example.org R=smarthost T=remote_smtp_smarthost H=smtp.example.net [192.0.2.9]: SMTP error "
     "from remote mail server after RCPT TO:<bob@example.org>: 554 5.7.1 <bob@example.org>: Relay access denied",
     "smtp-auth-not-enabled"),
])
def test_exim_delivery_to_the_recipients_mx(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause

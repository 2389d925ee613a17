"""A server's log of a client's end names the state the session was in, and the state says what the client met:
Postfix's smtpd ("%s after %s from %s": the reason -- lost connection, timeout, too many errors -- and the last
command read), Sendmail's "lost input channel from %s to %s after %s", Exim's disconnection in the middle of a
transaction, Dovecot's clean session ends; and Postfix's SMTP client, which names the step its own session with the
next hop broke at (mailexpert/data/error-texts.yaml wordings and asides, concepts.yaml labels). The wordings are the
servers' own, from their sources as cited on each case."""

from __future__ import annotations

import pytest
from helpers import causes_of

_PF = "Mar  3 09:14:21 mx postfix/submission/smtpd[4420]: "
_CLIENT = "unknown[198.51.100.7]"
_SM = "Jan  1 10:00:01 mx sm-mta[1234]: x0AA1B2C3: "
_DV = "Dec  4 12:46:45 mx dovecot: imap(alice@example.org)<4420><fkfPRM5hitp/AAAB>: "
_DELIVERY = ("Mar  3 09:14:21 mx postfix/smtp[4420]: 3F2A1C0B: to=<bob@example.net>, relay=mx.example.net[203.0.113.9]:25, "
             "delay=30, delays=0.1/0/30/0, dsn=4.4.2, status=deferred ({})")


@pytest.mark.parametrize(("text", "cause"), [
    # postfix smtpd.c smtpd_proto: REASON_LOST_CONNECTION / REASON_ERROR_LIMIT after MAIL or RCPT: the envelope refused
    (_PF + f"lost connection after RCPT from {_CLIENT}", "smtp-auth-not-enabled"),
    (_PF + f"lost connection after MAIL from {_CLIENT}", "smtp-auth-not-enabled"),
    (_PF + f"too many errors after RCPT from {_CLIENT}", "smtp-auth-not-enabled"),
    # the same with the queue id newer Postfix puts first (smtpd_proto: '%s: %s after %s from %s', NOQUEUE)
    (_PF + f"NOQUEUE: lost connection after RCPT from {_CLIENT}", "smtp-auth-not-enabled"),
    # after AUTH: a refused login (smtpd_sasl_proto.c answers 535 and the session goes on)
    (_PF + f"timeout after AUTH from {_CLIENT}", "password-rejected"),
    (_PF + f"too many errors after AUTH from {_CLIENT}", "password-rejected"),
    # BDAT is logged as DATA is, with its bytes (SMTPD_AFTER_BDAT)
    (_PF + f"lost connection after BDAT (65536 bytes) from {_CLIENT}", "packet-loss"),
    # sendmail srvrsmtp.c smtp(): 'lost input channel from %s to %s after %s', the command table's name
    (_SM + "lost input channel from client.example [198.51.100.7] to MTA after rcpt", "smtp-auth-not-enabled"),
    (_SM + "lost input channel from client.example [198.51.100.7] to MSA after auth", "password-rejected"),
    (_SM + "lost input channel from client.example [198.51.100.7] to MSA after starttls", "starttls-failed"),
    # sendmail collect.c collect(): its data timeout
    (_SM + "timeout waiting for input from client.example [198.51.100.7] during message collect", "packet-loss"),
    # exim smtp_in.c EOF_CMD: logged only with a sender or recipients given
    ("2024-01-01 10:00:01 unexpected disconnection while reading SMTP command from (client.example) "
     "[198.51.100.7] D=2s", "smtp-auth-not-enabled"),
    # dovecot 2.4 client-common.c client_get_extra_disconnect_reason: the login processes full; the login timeout
    # with the TLS handshake not finished (a plain-text client on the TLS port, waiting for a greeting)
    ("Dec  4 12:46:45 mx dovecot: imap-login: Disconnected (client_limit and process_limit was hit and this login "
     "session was killed.): user=<>, rip=198.51.100.7, lip=192.0.2.1, session=<a>", "server-unavailable"),
    ("Dec  4 12:46:45 mx dovecot: imap-login: Disconnected: Inactivity (disconnected during TLS handshake): user=<>, "
     "rip=198.51.100.7, lip=192.0.2.1, session=<a>", "plaintext-on-tls-port"),
])
def test_the_state_a_client_left_in_says_what_it_met(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


@pytest.mark.parametrize("text", [
    # after EHLO or HELO: a health check or a scanner (bokysan/docker-postfix#52, fail2ban/fail2ban#2624)
    _PF + f"lost connection after EHLO from {_CLIENT}",
    _PF + f"lost connection after HELO from {_CLIENT}",
    # after RSET or NOOP, and a timeout after the message was taken (only the lost connection there goes unlogged)
    _PF + f"lost connection after RSET from {_CLIENT}",
    _PF + f"lost connection after NOOP from {_CLIENT}",
    _PF + f"timeout after END-OF-MESSAGE from {_CLIENT}",
    # dovecot imap-client.c: the client's clean close, and the server's close of an idle session (2.3 and 2.2 words)
    _DV + "Disconnected: Connection closed (IDLE running for 0.001 + waiting input for 1800.002 secs, 2 B in + "
    "10+10 B out, state=wait-input) in=123 out=456 deleted=0 expunged=0 trashed=0 hdr_count=0",
    _DV + "Connection closed in=123 out=456",
    _DV + "Disconnected in IDLE in=123 out=456",
    _DV + "Disconnected: Inactivity - no input for 1800 secs in=123 out=456",
    "Dec  4 12:46:45 mx dovecot: pop3(alice@example.org): Disconnected: Connection closed top=0/0, retr=1/1234, "
    "del=0/1, size=1234",
])
def test_a_state_that_shows_no_failure_names_no_cause(text: str) -> None:
    assert causes_of(text, errors_only=True) == []


def test_an_unclean_dovecot_close_is_still_read() -> None:
    # iostream.c: "Connection closed: <error>" for an unclean disconnection is not a session's normal end
    text = _DV + "Disconnected: Connection closed: SSL_read() failed: error:0A000126:SSL routines::unexpected eof while " \
        "reading in=123 out=456"
    assert causes_of(text, errors_only=True) != []


def test_the_states_read_before_are_unchanged() -> None:
    assert causes_of(_PF + f"lost connection after STARTTLS from {_CLIENT}", errors_only=True)[:1] == ["starttls-failed"]
    assert causes_of(_PF + f"lost connection after AUTH from {_CLIENT}", errors_only=True)[:1] == ["password-rejected"]
    assert causes_of(_PF + f"lost connection after QUIT from {_CLIENT}", errors_only=True) == []


@pytest.mark.parametrize("where", [
    # postfix smtp_proto.c: the STARTTLS the EHLO answer offered got no answer, or the connection ended on it
    "conversation with mx.example.net[203.0.113.9] timed out while receiving the STARTTLS response",
    "lost connection with mx.example.net[203.0.113.9] while receiving the STARTTLS response",
])
def test_a_relay_session_that_broke_on_starttls_is_the_failed_upgrade(where: str) -> None:
    causes = causes_of(_DELIVERY.format(where), errors_only=True)
    assert causes[:1] == ["starttls-failed"], causes


@pytest.mark.parametrize("where", [
    # postfix smtp_proto.c: the greeting came, then the server's answer to EHLO or to the envelope did not
    "conversation with mx.example.net[203.0.113.9] timed out while performing the EHLO handshake",
    "conversation with mx.example.net[203.0.113.9] timed out while performing the HELO handshake",
    "conversation with mx.example.net[203.0.113.9] timed out while sending MAIL FROM",
    "lost connection with mx.example.net[203.0.113.9] while sending RCPT TO",
])
def test_a_relay_session_that_broke_after_the_greeting_is_no_blocked_port(where: str) -> None:
    causes = causes_of(_DELIVERY.format(where), errors_only=True)
    assert causes[:1] == ["server-protocol-error"]
    assert "smtp-port25-blocked" not in causes


_SMTPD = "Mar  3 09:14:21 mx postfix/smtpd[4420]: "


@pytest.mark.parametrize(("text", "cause"), [
    # vdukhovni/postfix:postfix/src/smtpd/smtpd.c smtpd_proto: "%s: %s after %s from %s" with REASON_TIMEOUT.
    # CONNECT and UNKNOWN: no SMTP command read (a failed wrappermode handshake is a lost connection, smtpd_start_tls);
    # a ClientHello without a line end, or with one read as an unrecognised command (SMTPD_CMD_UNKNOWN, 500 5.5.2)
    (_SMTPD + f"timeout after CONNECT from {_CLIENT}", "tls-on-plaintext-port"),
    (_SMTPD + f"NOQUEUE: timeout after CONNECT from {_CLIENT}", "tls-on-plaintext-port"),
    (_SMTPD + f"timeout after UNKNOWN from {_CLIENT}", "tls-on-plaintext-port"),
    (_SMTPD + f"lost connection after UNKNOWN from {_CLIENT}", "tls-on-plaintext-port"),
    (_SMTPD + f"too many errors after UNKNOWN from {_CLIENT}", "tls-on-plaintext-port"),
    # STARTTLS: a handshake that failed is a lost connection, so the client went silent after it
    (_SMTPD + f"timeout after STARTTLS from {_CLIENT}", "starttls-failed"),
    # MAIL and RCPT as the lost connection there; DATA without a byte count is a DATA refused (data_cmd: 554 5.5.1
    # 'no valid recipients' before state->where = SMTPD_AFTER_DATA)
    (_SMTPD + f"timeout after MAIL from {_CLIENT}", "smtp-auth-not-enabled"),
    (_SMTPD + f"timeout after RCPT from {_CLIENT}", "smtp-auth-not-enabled"),
    (_SMTPD + f"NOQUEUE: lost connection after DATA from {_CLIENT}", "smtp-auth-not-enabled"),
    (_SMTPD + f"timeout after DATA from {_CLIENT}", "smtp-auth-not-enabled"),
    (_SMTPD + f"too many errors after DATA from {_CLIENT}", "smtp-auth-not-enabled"),
    # postscreen_early.c psc_early_event: 'PREGREET %d after %s from [%s]:%s: %.100s', a ClientHello's escaped bytes;
    # 'DNSBL rank %d for [%s]:%s', the client's address scored on the block lists
    ("Mar  3 09:14:21 mx postfix/postscreen[4420]: PREGREET 517 after 0 from [198.51.100.7]:5123: "
     "\\026\\003\\001\\002\\000\\001\\000\\001\\374\\003\\003", "tls-on-plaintext-port"),
    ("Mar  3 09:14:21 mx postfix/postscreen[4420]: DNSBL rank 3 for [198.51.100.7]:5123", "client-ip-blocklisted"),
    # Exim/exim:src/src/tls-openssl.c, tls-gnu.c tls_server_start: the handshake's wait ran out ('timed out'),
    # smtp_in.c smtp_log_tls_fail 'TLS error on %s %s': no ClientHello on the TLS-on-connect port
    ("2024-01-10 10:00:01 TLS error on connection from (client.example) [198.51.100.7] (SSL_accept): timed out",
     "plaintext-on-tls-port"),
    ("2024-01-10 10:00:01 TLS error on connection from (client.example) [198.51.100.7] (gnutls_handshake): timed out",
     "plaintext-on-tls-port"),
    # Exim/exim:src/src/smtp_in.c: log_close_event(US"by EOF") only after a STARTTLS whose TLS failed to start
    ("2024-01-10 10:00:01 SMTP connection from (client.example) [198.51.100.7]:5123 I=[192.0.2.1]:587 D=0.1s closed "
     "by EOF", "starttls-failed"),
    # ... and the TLS error line before it says why (the client refused the certificate)
    ("2024-01-10 10:00:01 TLS error on connection from (client.example) [198.51.100.7] (SSL_accept): "
     "error:0A000418:SSL routines::tlsv1 alert unknown ca\n"
     "2024-01-10 10:00:01 SMTP connection from (client.example) [198.51.100.7] D=0.1s closed by EOF", "cert-self-signed"),
    # vdukhovni/postfix:postfix/src/tls/tls_server.c 'SSL_accept error from %s: %m' (tls_bio_ops.c: ETIMEDOUT) on the
    # implicit-TLS service: no ClientHello came
    ("Mar  3 09:14:21 mx postfix/submissions/smtpd[4420]: SSL_accept error from unknown[198.51.100.7]: Connection "
     "timed out", "plaintext-on-tls-port"),
    # courier-libs tcpd/libcouriertls.c: the server side's failed SSL_accept, 'couriertls: accept: %s'
    ("Feb 14 14:15:58 mx imapd-ssl: couriertls: accept: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert "
     "unknown ca", "cert-self-signed"),
    ("Feb 14 14:15:58 mx pop3d-ssl: couriertls: accept: error:1408F10B:SSL routines:SSL3_GET_RECORD:wrong version "
     "number", "plaintext-on-tls-port"),
])
def test_a_server_log_of_a_timeout_or_unknown_state_is_no_blocked_port(text: str, cause: str) -> None:
    causes = causes_of(text, errors_only=True)
    assert causes[:1] == [cause], causes
    assert "port-blocked-outbound" not in causes


@pytest.mark.parametrize("text", [
    # smtpd.c: the client silent after the 250 to EHLO, HELO, RSET or NOOP, as the lost connection there
    _SMTPD + f"timeout after EHLO from {_CLIENT}",
    _SMTPD + f"timeout after HELO from {_CLIENT}",
    _SMTPD + f"timeout after RSET from {_CLIENT}",
    # Exim/exim:src/src/smtp_in.c smtp_command_timeout_exit: 'SMTP command timeout on%s connection from %s D=%s'
    "2024-01-10 10:00:01 SMTP command timeout on connection from (client.example) [198.51.100.7] D=5m",
    "2024-01-10 10:00:01 SMTP command timeout on TLS connection from (client.example) [198.51.100.7] D=5m",
    # OpenSMTPD/OpenSMTPD:usr.sbin/smtpd/smtp_session.c smtp_io IO_TIMEOUT
    "Dec 22 10:00:01 mx smtpd[4420]: 1a2b3c4d5e6f7a8b smtp disconnected reason=timeout",
    # a text that names no failure: postscreen's PREGREET of text (a script, not a mail program's setting)
    "Mar  3 09:14:21 mx postfix/postscreen[4420]: PREGREET 11 after 0.12 from [198.51.100.7]:5123: EHLO client\\r\\n",
])
def test_a_server_closing_a_silent_client_names_no_cause(text: str) -> None:
    assert causes_of(text, errors_only=True) == []


_DV_LOGIN = "Dec  4 12:46:45 mx dovecot: imap-login: "
_DV_TAIL = "user=<alice@example.org>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, TLS, session=<a1b2>"


@pytest.mark.parametrize(("text", "cause"), [
    # dovecot/core:src/login-common/client-common.c, 2.4: login_aborted_event 'Login aborted: %s (%s)' and
    # client_get_extra_disconnect_reason's reasons with ', %u attempts in %u secs' or ', %u/%u successful auths '
    (_DV_LOGIN + "Login aborted: Connection closed (internal failure, 1/1 successful auths in 0 secs) "
     "(internal_failure): " + _DV_TAIL, "server-unavailable"),
    (_DV_LOGIN + "Login aborted: Connection closed (client didn't finish SASL auth, 1 attempts in 0 secs) "
     "(auth_waiting_client): " + _DV_TAIL, "auth-mechanism-unsupported"),
    (_DV_LOGIN + "Login aborted: Connection closed (auth aborted by client, 1 attempts in 0 secs) "
     "(auth_aborted_by_client): " + _DV_TAIL, "auth-mechanism-unsupported"),
    # 2.3: the client's '*' (client-common-auth.c client_auth_parse_response -> sasl_server_auth_abort)
    (_DV_LOGIN + "Disconnected (aborted authentication): " + _DV_TAIL, "auth-mechanism-unsupported"),
    # src/auth/auth-request-handler.c auth_request_timeout: the challenge unanswered, or the request stuck in the server
    ("Dec  4 12:46:45 mx dovecot: auth: plain(alice,198.51.100.7,<a1b2>): Request timed out waiting for client to "
     "continue authentication (150 secs)", "auth-mechanism-unsupported"),
    ("Dec  4 12:46:45 mx dovecot: auth: Error: plain(alice,198.51.100.7,<a1b2>): Request 123.4 timed out after 150 secs, "
     "state=1", "server-unavailable"),
])
def test_dovecot_24_login_reasons_read_as_23s(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


@pytest.mark.parametrize("text", [
    # a client gone before its login over TLS: 2.3's 'Disconnected: Connection closed (...)', 2.4's 'Login aborted'
    _DV_LOGIN + "Disconnected: Connection closed (no auth attempts in 10 secs): user=<>, rip=198.51.100.7, "
    "lip=192.0.2.1, TLS, session=<a1b2>",
    _DV_LOGIN + "Login aborted: Connection closed (no auth attempts in 3 secs) (no_auth_attempts): user=<>, "
    "rip=198.51.100.7, lip=192.0.2.1, TLS, session=<a1b2>",
])
def test_dovecot_no_auth_attempts_over_tls_names_no_cause(text: str) -> None:
    assert causes_of(text, errors_only=True) == []


_EXIM_DELIVERY = "2024-01-10 10:00:01 1rK2aB-000123-4x H=mx.example.net [203.0.113.9]: "


@pytest.mark.parametrize(("text", "cause"), [
    # Exim/exim:src/src/transports/smtp.c check_response: 'SMTP timeout after %s%s' (pipelined, smtp_command): the
    # next hop greeted and went silent at EHLO, the envelope or AUTH (as Postfix's SMTP client's above)
    (_EXIM_DELIVERY + "SMTP timeout after EHLO mail.example.org", "server-protocol-error"),
    (_EXIM_DELIVERY + "SMTP timeout after MAIL FROM:<alice@example.org>", "server-protocol-error"),
    (_EXIM_DELIVERY + "SMTP timeout after pipelined MAIL FROM:<alice@example.org> SIZE=1234", "server-protocol-error"),
    (_EXIM_DELIVERY + "SMTP timeout after RCPT TO:<bob@example.net>", "server-protocol-error"),
    (_EXIM_DELIVERY + "SMTP timeout after AUTH LOGIN", "server-protocol-error"),
    (_EXIM_DELIVERY + "SMTP timeout after STARTTLS", "starttls-failed"),
    # vdukhovni/postfix:postfix/src/util/attr_clnt.c: 'problem talking to server %s: %m', its own policy service
    (_SMTPD + "warning: problem talking to server private/policy: Connection timed out", "server-unavailable"),
])
def test_a_server_log_of_its_own_next_hop_or_helper_timing_out_is_no_blocked_port(text: str, cause: str) -> None:
    causes = causes_of(text, errors_only=True)
    assert causes[:1] == [cause], causes
    assert "port-blocked-outbound" not in causes


@pytest.mark.parametrize("text", [
    # freebsd/freebsd-src:contrib/sendmail/src/util.c sfgets: 'timeout waiting for input from %s during %s', the phase
    # 'server cmd read' (srvrsmtp.c smtp(), TimeOuts.to_nextcommand): a client idle between its commands
    _SM + "timeout waiting for input from client.example [198.51.100.7] during server cmd read",
    # Dovecot 2.0's default imap_logout_format 'bytes=%i/%o' (dovecot/core commit 33efc9521e): a session's clean end
    "Dec  4 12:46:45 mx dovecot: imap(alice): Disconnected: Disconnected in IDLE bytes=123/456",
    "Dec  4 12:46:45 mx dovecot: imap(alice): Connection closed bytes=123/456",
    # svarshavchik/courier-libs:imap/imaptoken.C bye_msg: a logged-in session closed by the client or, idle, by the server
    "Feb 14 14:15:58 mx imapd: DISCONNECTED, user=alice, ip=[::ffff:198.51.100.7], port=[5123], headers=0, body=0, "
    "rcvd=30, sent=200, time=5",
    "Feb 14 14:15:58 mx imapd-ssl: TIMEOUT, user=alice, ip=[::ffff:198.51.100.7], port=[5123], headers=0, body=0, "
    "rcvd=30, sent=200, time=1800, starttls=1",
])
def test_a_clean_or_idle_end_in_other_servers_words_names_no_cause(text: str) -> None:
    assert causes_of(text, errors_only=True) == []


_NGINX = "2024/01/10 10:00:01 [info] 12#12: *345 "


@pytest.mark.parametrize(("text", "cause"), [
    # nginx/nginx:src/mail/ngx_mail_handler.c: its own side of the handshake ('while SSL handshaking, client: %V'):
    # a client that sent plain text to the TLS listener, or no ClientHello before the timeout
    (_NGINX + "SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking, "
     "client: 198.51.100.7, server: 0.0.0.0:993", "plaintext-on-tls-port"),
    (_NGINX + "client timed out (110: Connection timed out) while SSL handshaking, client: 198.51.100.7, "
     "server: 0.0.0.0:465", "plaintext-on-tls-port"),
    # src/mail/ngx_mail_proxy_module.c: the mail server behind the proxy unreachable or silent
    ("2024/01/10 10:00:01 [error] 12#12: *345 upstream timed out (110: Connection timed out) while reading response "
     'from upstream, client: 198.51.100.7, server: 0.0.0.0:993, login: "alice@example.org", upstream: 10.0.0.5:143',
     "server-unavailable"),
    ("2024/01/10 10:00:01 [error] 12#12: *345 connect() failed (111: Connection refused) while connecting to upstream, "
     'client: 198.51.100.7, server: 0.0.0.0:587, login: "alice@example.org", upstream: 10.0.0.5:25', "server-unavailable"),
])
def test_nginx_mail_proxy_logs_are_the_servers_side(text: str, cause: str) -> None:
    causes = causes_of(text, errors_only=True)
    assert causes[:1] == [cause], causes
    assert "port-blocked-outbound" not in causes


def test_nginx_closing_a_client_idle_before_its_login_names_no_cause() -> None:
    # src/mail/ngx_mail_imap_handler.c: 'client timed out' in the auth state, as Dovecot's inactivity
    text = _NGINX + "client timed out (110: Connection timed out) while in auth state, client: 198.51.100.7, " \
        "server: 0.0.0.0:993"
    assert causes_of(text, errors_only=True) == []

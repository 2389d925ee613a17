"""A mail server's log lines that are no failure of the user's mail: a session's normal end (Postfix's
command counts, Dovecot's logout), its own check of a connecting client's name, an Exim router's name.
Pasted alone they name no cause; pasted beside the failure they do not outrank it. And where the
counts say which command failed, that is read (mailexpert/data/concepts.yaml labels, error-texts.yaml
``asides`` and wordings)."""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.errors import InputError
from mailexpert.explain import explain

_PF = "Mar  3 09:14:2{} mx postfix/submission/smtpd[4420]: "
_CLIENT = "dsl-198-51-100-7.example.net[198.51.100.7]"


@pytest.mark.parametrize("text", [
    # Postfix 3.0 and later: every command succeeded (smtpd.c's "disconnect from" counts)
    _PF.format(1) + f"disconnect from {_CLIENT} ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
    _PF.format(1) + f"disconnect from {_CLIENT} ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
    # Dovecot: the client's LOGOUT or QUIT, and the server's close of an idle session
    "Mar  3 09:14:21 mx dovecot: imap(alice@example.org)<4420><a1b2>: Disconnected: Logged out in=84 out=651 "
    "deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0",
    "Mar  3 09:14:21 mx dovecot: imap(alice@example.org)<4420><a1b2>: Logged out in=84 out=651 deleted=0",
    "Mar  3 09:14:21 mx dovecot: pop3(alice@example.org): Disconnected: Logged out top=0/0, retr=1/1234, del=1/1, size=1234",
    "Mar  3 09:14:21 mx dovecot: imap(alice@example.org): Disconnected for inactivity in=123 out=456",
    # Dovecot: a client gone before its login, over a TLS connection it made (the ", TLS," flag)
    "Mar  3 09:14:21 mx dovecot: imap-login: Disconnected (no auth attempts in 10 secs): user=<>, rip=198.51.100.7, "
    "lip=192.0.2.1, TLS, session=<a1b2>",
    # Postfix's and Exim's checks of the client's name (forward-confirmed reverse DNS)
    _PF.format(1) + "warning: hostname dsl-198-51-100-7.example.net does not resolve to address 198.51.100.7: "
    "Name or service not known",
    _PF.format(1) + "warning: 198.51.100.7: hostname dsl-198-51-100-7.example.net verification failed: "
    "Name or service not known",
    _PF.format(1) + "warning: 198.51.100.7: address not listed for hostname dsl-198-51-100-7.example.net",
    "2024-01-01 10:00:01 no host name found for IP address 198.51.100.7",
    # Exim's delivery, by its default configure's router 'dnslookup'
    "2024-01-01 10:00:02 1rK2aB-000123-4x => bob@example.net R=dnslookup T=remote_smtp H=mx.example.net "
    '[203.0.113.9] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 2.0.0 OK"',
])
def test_a_log_line_of_no_failure_names_no_cause(text: str) -> None:
    assert causes_of(text, errors_only=True) == []


@pytest.mark.parametrize(("text", "cause"), [
    # the counts "name=ok/total": no AUTH, or no STARTTLS, of the session succeeded
    (_PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 auth=0/1 quit=1 commands=2/3", "password-rejected"),
    (_PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 starttls=0/1 commands=1/2", "starttls-failed"),
    (_PF.format(2) + f"lost connection after STARTTLS from {_CLIENT}", "starttls-failed"),
    # every RCPT of the session refused, and no AUTH among the counts: the client sent without logging in
    (_PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 mail=1 rcpt=0/2 quit=1 commands=3/5", "smtp-auth-not-enabled"),
    # every MAIL refused with no STARTTLS among the counts: the submission service's TLS first (smtpd refuses MAIL
    # itself only for the session's state; its restrictions, a missing login's among them, wait for RCPT TO)
    (_PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 mail=0/1 rset=0/1 quit=1 commands=2/4", "auth-requires-tls"),
    # the client-name check beside the failure does not outrank it
    ("\n".join([_PF.format(0) + f"connect from {_CLIENT}",
                _PF.format(0) + "warning: hostname dsl-198-51-100-7.example.net does not resolve to address "
                "198.51.100.7: Name or service not known",
                _PF.format(1) + f"warning: {_CLIENT}: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
                _PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 auth=0/1 quit=1 commands=2/3"]),
     "password-rejected"),
    # the milter the server filters mail through is down: every client is told to try later
    (_PF.format(1) + "warning: connect to Milter service inet:localhost:8891: Connection refused", "server-unavailable"),
    ("\n".join([_PF.format(1) + "warning: connect to Milter service inet:localhost:8891: Connection refused",
                _PF.format(1) + f"NOQUEUE: milter-reject: CONNECT from {_CLIENT}: 451 4.7.1 Service unavailable - try "
                "again later; proto=SMTP"]), "server-unavailable"),
    # one mail log holds Postfix's SMTP client (postfix/smtp) beside its server (postfix/smtpd): the client's
    # TLS error is its own, whatever the server's lines around it
    ("\n".join([_PF.format(0) + f"connect from {_CLIENT}",
                "Mar  3 09:14:21 mx postfix/smtp[4425]: SSL_connect error to relay.example.net[203.0.113.9]:465: -1",
                "Mar  3 09:14:21 mx postfix/smtp[4425]: warning: TLS library problem: error:0A00010B:SSL routines::"
                "wrong version number:../ssl/record/ssl3_record.c:354:",
                _PF.format(5) + f"disconnect from {_CLIENT} ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5"]),
     "tls-on-plaintext-port"),
    # Exim's router is named "dnslookup" in its default configure: a connection that timed out is no DNS failure,
    # but the delivery to another domain's MX (transport remote_smtp, port 25) that outgoing port 25 blocked
    ("2024-01-01 10:00:01 1rK2aB-000123-4x == bob@example.net R=dnslookup T=remote_smtp defer (110): Connection "
     "timed out", "smtp-port25-blocked"),
    # servers' own log lines of a refused login or a listed client, as fail2ban's test logs hold them
    # (fail2ban/fail2ban:fail2ban/tests/files/logs/cyrus-imap, dovecot, kerio)
    ("Jul 17 22:55:56 derry cyrus/imaps[7568]: badlogin: serafinat.example [192.0.2.4] plain [SASL(-13): user not "
     "found: user: pressy@derry property: cmusaslsecretPLAIN not found in sasldb]", "username-wrong"),
    ("Jan 29 14:38:51 example.com dovecot[24941]: auth-worker(30165): pam(user@example.com,192.0.2.6,<PNHQq8pZ>): "
     "pam_authenticate() failed: Permission denied", "password-rejected"),
    ("[18/Jan/2014 05:47:17] IP address 192.0.2.130 found in DNS blacklist UCEProtect1, mail from <a@example.net> "
     "to <b@example.org>", "client-ip-blocklisted"),
    ("Mar 24 08:58:32 sogod [26818]: SOGoRootPage Login from '192.0.2.31' for user 'alice' might not have worked - "
     "password policy: 65535  grace: -1  expire: -1  bound: 0", "password-rejected"),
    # Postfix's master restarting a daemon that dies before serving anyone (power-mailinabox#82)
    ("\n".join(["Oct 18 10:27:28 mail postfix/smtpd[21610]: fatal: sqlite:/etc/postfix/noreply-addresses.cf: "
                "Can't open database: unable to open database file?",
                "Oct 18 10:27:29 mail postfix/master[16689]: warning: process /usr/lib/postfix/sbin/smtpd pid 21610 "
                "exit status 1",
                "Oct 18 10:27:29 mail postfix/master[16689]: warning: /usr/lib/postfix/sbin/smtpd: bad command startup "
                "-- throttling"]), "server-unavailable"),
    ("Oct  2 10:02:23 mail postfix/master[22273]: warning: /usr/lib/postfix/virtual: bad command startup -- throttling",
     "server-unavailable"),
    # a failed STARTTLS whose TLS library line says why: the client refused the certificate
    ("\n".join([_PF.format(1) + f"SSL_accept error from {_CLIENT}: -1",
                _PF.format(1) + "warning: TLS library problem: error:0A000418:SSL routines::tlsv1 alert unknown ca:"
                "../ssl/record/rec_layer_s3.c:1584:SSL alert number 48:",
                _PF.format(2) + f"lost connection after STARTTLS from {_CLIENT}",
                _PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 starttls=0/1 commands=1/2"]),
     # unknown_ca: a self-signed certificate or an unknown issuer (OpenSSL sends it for both), in the order of
     # data/priors.yaml's cert-refused-server-log
     "cert-self-signed"),
])
def test_the_counts_and_the_lines_beside_them_say_what_failed(text: str, cause: str) -> None:
    report = explain(text)
    assert report.diagnoses and report.diagnoses[0].cause == cause, [d.cause for d in report.diagnoses]


def test_a_lost_connection_after_quit_is_no_failure() -> None:
    # vdukhovni/postfix:postfix/src/smtpd/smtpd.c: the state QUIT -- the client said goodbye and closed before
    # the 221. Alone it names no cause (declined, never called fine); beside a refusal the refusal is read.
    line = _PF.format(3) + f"lost connection after QUIT from {_CLIENT}"
    with pytest.raises(InputError):
        explain(line)
    text = "\n".join([_PF.format(2) + f"NOQUEUE: reject: RCPT from {_CLIENT}: 554 5.7.1 <bob@example.org>: Relay "
                      "access denied; from=<alice@example.net> to=<bob@example.org> proto=ESMTP helo=<pc>", line])
    assert "tls-interception" not in causes_of(text)


@pytest.mark.parametrize(("text", "cause"), [
    # the state AUTH: the client hung up after its login was answered -- a refused login, not a cut connection
    (_PF.format(2) + f"lost connection after AUTH from {_CLIENT}", "password-rejected"),
    # the SASL line before it says why (docker-mailserver/docker-mailserver#47): a mechanism the server lacks
    ("\n".join([_PF.format(1) + f"warning: {_CLIENT}: SASL LOGIN authentication failed: no mechanism available",
                _PF.format(2) + f"lost connection after AUTH from {_CLIENT}"]), "auth-mechanism-unsupported"),
])
def test_lost_connection_after_auth_is_a_login_given_up(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause


_DV = "Dec  4 12:46:45 {}-login: Info: Disconnected: "
_DV_END = "user=<>, rip=198.51.100.7, lip=192.0.2.1, session=<fkfPRM5hitp/AAAB>"


@pytest.mark.parametrize(("text", "cause"), [
    # Dovecot's login process refused bytes that were no commands of its protocol (a client set to SSL/TLS on
    # the plaintext port, or another protocol's): in its own log file the level stands before the reason, and
    # POP3's reason is "Too many bad commands" (pop3-login/client.c), not IMAP's "Too many invalid commands"
    (_DV.format("imap") + "Too many invalid commands (no auth attempts in 0 secs): " + _DV_END, "wrong-protocol-on-port"),
    (_DV.format("pop3") + "Disconnected: Too many bad commands (no auth attempts in 0 secs): " + _DV_END,
     "wrong-protocol-on-port"),
    ("Dec  4 12:46:45 mx dovecot: pop3-login: Disconnected: Too many bad commands (no auth attempts in 0 secs): "
     + _DV_END, "wrong-protocol-on-port"),
    # a client that waited seconds on the implicit-TLS port without a ClientHello: set to no encryption there
    (_DV.format("imap") + "Connection closed (no auth attempts in 10 secs): user=<>, rip=198.51.100.7, "
     "lip=192.0.2.1, TLS handshaking: Connection closed, session=<1SQVR85huNF/AAAB>", "plaintext-on-tls-port"),
])
def test_dovecot_login_logs_of_a_client_on_the_wrong_port(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


def test_a_client_gone_at_once_from_the_tls_port_is_not_read_as_a_plaintext_client() -> None:
    # a monitoring check or a dropped connection: no wait for a greeting
    text = (_DV.format("imap") + "Connection closed (no auth attempts in 0 secs): user=<>, rip=198.51.100.7, "
            "lip=192.0.2.1, TLS handshaking: Connection closed, session=<1SQVR85huNF/AAAB>")
    assert "plaintext-on-tls-port" not in causes_of(text, errors_only=True)


def test_a_client_alert_on_the_implicit_tls_port_is_not_read_as_the_connection_lost_after_it() -> None:
    # smtpd logs "lost connection after CONNECT" once the handshake on its wrappermode port failed: the alert says why
    text = "\n".join([
        _PF.format(1).replace("submission", "submissions") + f"connect from {_CLIENT}",
        _PF.format(1).replace("submission", "submissions") + f"SSL_accept error from {_CLIENT}: -1",
        _PF.format(1).replace("submission", "submissions") + "warning: TLS library problem: error:0A000418:SSL "
        "routines::tlsv1 alert unknown ca:../ssl/record/rec_layer_s3.c:1601:SSL alert number 48:",
        _PF.format(1).replace("submission", "submissions") + f"lost connection after CONNECT from {_CLIENT}",
        _PF.format(1).replace("submission", "submissions") + f"disconnect from {_CLIENT} commands=0/0"])
    # unknown_ca: a self-signed certificate, then an unknown issuer (data/priors.yaml cert-refused-server-log)
    assert causes_of(text, errors_only=True)[:2] == ["cert-self-signed", "cert-untrusted-issuer"]


@pytest.mark.parametrize("alert", ["unknown certificate authority", "bad certificate"])
def test_a_go_smtp_servers_log_of_the_clients_alert_is_the_client_refusing_its_certificate(alert: str) -> None:
    # emersion/go-smtp (Proton Mail Bridge, maddy) logs "TLS handshake error for <client>: <error>" after its 220 to
    # STARTTLS; Go writes an alert the peer sent as "remote error: tls: <alert>": the client refused the certificate
    text = f"smtp/server 2024/05/02 08:14:03 TLS handshake error for 192.0.2.44:51234: remote error: tls: {alert}"
    found = causes_of(text, errors_only=True)
    # the server's certificate refused by its client: self-signed first, then an unknown issuer
    # (data/priors.yaml cert-refused-server-log)
    assert found[:2] == ["cert-self-signed", "cert-untrusted-issuer"], found


def test_a_go_clients_own_verdict_stays_the_clients() -> None:
    # the client's own words (no server's log of a handshake): its verdict on the server's certificate
    found = causes_of("smtp: x509: certificate signed by unknown authority", errors_only=True)
    assert found[0] == "cert-untrusted-issuer", found


def _smtps(second: int, message: str) -> str:
    return f"Mar  3 09:14:{second:02d} mx postfix/submissions/smtpd[4420]: {message}"


@pytest.mark.parametrize(("waited", "plaintext_client"), [(8, True), (0, False)])
def test_a_client_that_waited_on_the_wrappermode_port_without_a_handshake(waited: int, plaintext_client: bool) -> None:
    # On the implicit-TLS port the client speaks first: one set to no encryption waits for a greeting and gives up
    # after its timeout (tls_server.c "SSL_accept error from ...: lost connection", an EOF); a monitoring check leaves
    # at once.
    text = "\n".join([_smtps(1, f"connect from {_CLIENT}"),
                      _smtps(1 + waited, f"SSL_accept error from {_CLIENT}: lost connection"),
                      _smtps(1 + waited, f"lost connection after CONNECT from {_CLIENT}"),
                      _smtps(1 + waited, f"disconnect from {_CLIENT} commands=0/0")])
    assert ("plaintext-on-tls-port" in causes_of(text, errors_only=True)[:1]) is plaintext_client


def test_the_wait_a_server_log_shows() -> None:
    from mailexpert.sessionlog import server_wait_ms

    assert server_wait_ms("imap-login: Disconnected: Connection closed (no auth attempts in 12 secs): user=<>, "
                          "rip=198.51.100.7, lip=192.0.2.1, TLS handshaking: Connection closed") == 12_000
    # across midnight, and the message moved to the line after its time
    assert server_wait_ms("Mar  3 23:59:58 mx postfix/smtpd[1]: connect from a.example[198.51.100.7]\n"
                          "Mar  4 00:00:03 mx postfix/smtpd[1]:\nSSL_accept error from a.example[198.51.100.7]: "
                          "lost connection") == 5_000
    # another client's connection says nothing of this one's wait
    assert server_wait_ms("Mar  3 09:00:00 mx postfix/smtpd[1]: connect from b.example[198.51.100.8]\n"
                          "Mar  3 09:00:09 mx postfix/smtpd[2]: SSL_accept error from a.example[198.51.100.7]: "
                          "lost connection") is None


_EXIM = "2024-01-10 10:00:01 "


@pytest.mark.parametrize(("text", "cause"), [
    # Exim logs the client's bytes with unprintable ones as octal escapes (string_printing): a TLS record
    # (22, then version 3.x) where a command belongs is a client set to SSL/TLS on the plaintext port
    (_EXIM + 'SMTP syntax error in "\\026\\003\\001\\002\\000\\001\\000\\001\\374\\003\\003" H=[198.51.100.7] '
     "unrecognized command", "tls-on-plaintext-port"),
    (_EXIM + "SMTP call from [198.51.100.7]:5123 I=[192.0.2.1]:587 dropped: too many syntax or protocol errors "
     '(last command was "\\026\\003\\001\\002")', "tls-on-plaintext-port"),
    (_EXIM + "SMTP call from (client) [198.51.100.7]:5123 I=[192.0.2.1]:25 dropped: too many unrecognized "
     'commands (last command was "\\026\\003\\001")', "tls-on-plaintext-port"),
    # dropped for words that are no SMTP commands: a client of another protocol (a browser, a scanner)
    (_EXIM + "SMTP call from (client) [198.51.100.7]:5123 I=[192.0.2.1]:25 dropped: too many unrecognized "
     'commands (last command was "GET / HTTP/1.1")', "wrong-protocol-on-port"),
])
def test_exim_logs_of_a_client_that_does_not_speak_its_smtp(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


def test_one_exim_syntax_error_without_a_tls_record_is_no_client_on_the_wrong_port() -> None:
    # a single mistake of an SMTP client (EHLO without its name): not the port's protocol
    text = _EXIM + 'SMTP syntax error in "EHLO" H=[198.51.100.7] EHLO must have a domain name'
    assert "wrong-protocol-on-port" not in causes_of(text, errors_only=True)
    assert "tls-on-plaintext-port" not in causes_of(text, errors_only=True)


@pytest.mark.parametrize(("text", "cause"), [
    # Exim's log of the EHLO/HELO name it refused (src/src/smtp_in.c): not a valid domain or address literal (501),
    # not the calling host's name (helo_verify_hosts: 550, or 451 where the look-up deferred), or its HELO ACL's deny
    (_EXIM + "rejected EHLO from client.example [198.51.100.7]: syntactically invalid argument(s): _",
     "helo-name-rejected"),
    (_EXIM + "rejected HELO from [198.51.100.7]: syntactically invalid argument(s): (no argument given)",
     "helo-name-rejected"),
    (_EXIM + 'rejected "EHLO client.example" from (client.example) [198.51.100.7]', "helo-name-rejected"),
    (_EXIM + 'temporarily rejected "HELO client.example" from (client.example) [198.51.100.7]', "helo-name-rejected"),
    (_EXIM + "H=(localhost) [198.51.100.7] rejected EHLO or HELO localhost: HELO name must be fully qualified",
     "helo-name-rejected"),
])
def test_exim_logs_of_a_refused_ehlo_name(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


def test_an_exim_helo_acl_refusal_for_a_listed_client_is_not_read_as_its_name() -> None:
    text = _EXIM + "H=(client.example) [198.51.100.7] rejected EHLO or HELO client.example: listed at zen.spamhaus.org"
    assert "helo-name-rejected" not in causes_of(text, errors_only=True)


@pytest.mark.parametrize(("text", "cause"), [
    # MailEnable's SMTP debug log codes for a refused relay (mailenable.com kb ME020280): I0111 a client neither
    # logged in nor allowed by its address, E0109 a sender address not defined on the server
    ("ME-I0111: Relay Denied: Failed to meet all relay criteria.", "smtp-auth-not-enabled"),
    ("ME-E0109: Relay Denied: Failed to meet all relay criteria.", "sender-address-not-allowed"),
])
def test_mailenable_debug_log_relay_codes(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


@pytest.mark.parametrize(("text", "cause"), [
    # An MTA's own delivery log of a connect to the next hop that timed out names no port: Sendmail's smtp mailers
    # deliver to port 25 (data/error-texts.yaml; Exim's dnslookup/remote_smtp line is in the test above)
    ("Dec 22 10:24:18 mx sm-mta[1517]: oBMH9mVv001357: to=<bob@example.net>, delay=00:00:30, mailer=esmtp, "
     "pri=30000, relay=mx.example.net. [203.0.113.9], dsn=4.0.0, stat=Deferred: Connection timed out with "
     "mx.example.net.", "smtp-port25-blocked"),
    # a delivery that tried the MX's addresses in turn on a host without an IPv6 route: the IPv6 addresses fail at
    # once ("Network is unreachable", passed over), and the IPv4 attempt that timed out says why nothing went out
    ("\n".join(["Apr 30 18:18:42 mx postfix/smtp[30857]: connect to mx.example.net[203.0.113.9]:25: Connection timed out",
                "Apr 30 18:18:42 mx postfix/smtp[30857]: connect to mx.example.net[2001:db8::9]:25: Network is unreachable",
                "Apr 30 18:18:42 mx postfix/smtp[30857]: 255AFB1AA: to=<bob@example.net>, relay=none, delay=30, "
                "delays=0.01/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.net[2001:db8::9]:25: Network is "
                "unreachable)"]), "smtp-port25-blocked"),
    # Postfix's words for the resolver's TRY_AGAIN (dns_strerror.c): the look-up of the next hop failed for now,
    # this server's resolver most often (its HOST_NOT_FOUND, "Host not found" alone, is a name that does not exist)
    ("Jun  1 10:00:00 mx postfix/smtp[4420]: 3A1B2C: to=<bob@example.net>, relay=none, delay=1, dsn=4.4.3, "
     "status=deferred (Host or domain name not found. Name service error for name=example.net type=MX: Host not "
     "found, try again)", "dns-server-misconfigured"),
    # HOST_NOT_FOUND for the recipient address's own domain (to=<bob@example.net>, name=example.net) is the
    # recipient's domain that does not exist, a failure of the recipient's address (read by its class); for a name
    # the sending server was set to use (its relayhost), that name does not exist
    ("Jun  1 10:00:00 mx postfix/smtp[4420]: 3A1B2C: to=<bob@example.net>, relay=none, delay=1, dsn=5.4.4, "
     "status=bounced (Host or domain name not found. Name service error for name=example.net type=A: Host not found)",
     "server-reply-permanent"),
    ("Jun  1 10:00:00 mx postfix/smtp[4420]: 3A1B2C: to=<bob@example.net>, relay=none, delay=1, dsn=5.4.4, "
     "status=bounced (Host or domain name not found. Name service error for name=smtp.isp.example type=A: Host not "
     "found)", "server-host-unknown"),
    # Stalwart's report of a failed handshake with another domain's MX: the STARTTLS upgrade on port 25 broke
    ("<bob@example.net> (TLS error from 'mx.example.net': I/O error: tls handshake eof)", "starttls-failed"),
    # Exchange's queue error when the other Exchange server's Receive connector offers no Exchange Server
    # authentication (X-EXPS): the mechanism the sending server needs is not offered (KB 979175)
    ('451 4.4.0 Primary target IP address responded with: "451 5.7.3 Cannot achieve Exchange Server '
     'authentication." Attempted failover to alternate host, but that did not succeed.', "auth-mechanism-unsupported"),
    # a Cisco gateway's refusal that links the sending address's SenderBase reputation
    ("Apr 21 08:45:19 mx postfix/smtp[1274]: 670E6AA0517: to=<bob@example.net>, relay=mx.example.net[203.0.113.9]:25, "
     "delay=3, delays=0/0.06/3/0, dsn=4.0.0, status=deferred (host mx.example.net[203.0.113.9] refused to talk to me: "
     "554-mx.example.net 554 As a measure to protect our email infrastructure, this connection is being blocked. More "
     "information on your sending IP address can be found here: "
     "http://www.senderbase.org/search?searchBy=ipaddress&searchString=198.51.100.7)", "client-ip-blocklisted"),
])
def test_an_mta_delivery_log_says_which_step_of_the_delivery_failed(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


def test_a_deferral_the_remote_mta_refused_is_not_read_as_a_blocked_port() -> None:
    # a refusal from the next hop is no connect that timed out: the port-25 reading is for the timeout alone
    text = ("Dec 22 10:24:18 mx sm-mta[1517]: oBMH9mVv001357: to=<bob@example.net>, mailer=esmtp, "
            "relay=mx.example.net. [203.0.113.9], dsn=4.0.0, stat=Deferred: Connection refused by mx.example.net.")
    assert "smtp-port25-blocked" not in causes_of(text, errors_only=True)[:1]


def test_an_ipv6_address_unreachable_alone_is_still_the_missing_ipv6_route() -> None:
    # with no other attempt beside it, the host's missing IPv6 route is what the line shows
    text = "Mar  3 09:14:21 mx postfix/smtp[1234]: connect to mx.example.net[2001:db8::9]:25: Network is unreachable"
    assert causes_of(text, errors_only=True)[:1] == ["server-ip-blocked"]


def test_submission_refused_every_mail_from_of_a_session_without_starttls() -> None:
    # Postfix's submission service as master.cf ships it (smtpd_tls_security_level=encrypt) refuses MAIL before
    # STARTTLS; its restrictions wait for RCPT TO (smtpd_delay_reject), so "mail=0/1" with no "starttls=" is that.
    text = "\n".join([_PF.format(1) + f"connect from {_CLIENT}",
                      _PF.format(2) + f"disconnect from {_CLIENT} ehlo=1 mail=0/1 quit=1 commands=2/3"])
    assert explain(text).diagnoses[0].cause == "auth-requires-tls"


@pytest.mark.parametrize("text", [
    # the session did STARTTLS: MAIL was refused for another reason
    _PF.format(2) + f"disconnect from {_CLIENT} ehlo=2 starttls=1 mail=0/1 quit=1 commands=4/5",
    # port 25's smtpd, where Postfix as shipped asks no client for TLS
    f"Mar  3 09:14:22 mx postfix/smtpd[4420]: disconnect from {_CLIENT} ehlo=1 mail=0/1 quit=1 commands=2/3",
])
def test_mail_refused_after_starttls_or_on_port_25_is_not_read_as_tls_first(text: str) -> None:
    report = explain(text)
    assert "auth-requires-tls" not in [d.cause for d in report.diagnoses[:1]]

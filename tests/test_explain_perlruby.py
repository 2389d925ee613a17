"""Perl's and Ruby's mail libraries as their users paste their errors.

Each case is a message as its library or program prints it (the wording verified at the source named beside
it; hosts, addresses and the server's own words filled in as a user's paste has them) and the causes it may
honestly be read as. Server replies inside a library's exception are the replies the sources show.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-expired", "cert-hostname-mismatch"}
REFUSED = {"port-closed"}
TIMED_OUT = {"port-blocked-outbound", "smtp-port25-blocked"}
UNKNOWN_HOST = {"server-host-unknown", "server-host-typo"}
PASSWORD = {"password-rejected", "app-password-required"}

CASES = [
    # --- Perl ---
    # MIME::Lite send_by_smtp: Carp::croak "SMTP Failed to connect to mail server: $!\n" when MIME::Lite::SMTP->new
    # (Net::SMTP) gives nothing (MIME-Lite lib/MIME/Lite.pm).
    ("SMTP Failed to connect to mail server: Connection refused at /usr/local/bin/notify.pl line 42.", REFUSED),
    ("SMTP Failed to connect to mail server: Connection timed out at send.pl line 12.", TIMED_OUT),
    # Mail::IMAPClient connect: LastError("Unable to connect to $server: $@") with IO::Socket::INET's $@
    # (plobbes/mail-imapclient:lib/Mail/IMAPClient.pm; Perl/perl5:dist/IO/lib/IO/Socket/INET.pm _error).
    ("Unable to connect to imap.example.com: IO::Socket::INET: connect: Connection refused", REFUSED),
    ("Unable to connect to imap.example.com: IO::Socket::INET: Bad hostname 'imap.example.com'", UNKNOWN_HOST),
    ("Unable to connect to imap.gmail.com: IO::Socket::IP: connect: Connection timed out", TIMED_OUT),
    # The same with Ssl => 1: IO::Socket::SSL's error in $@, OpenSSL's reason after "SSL connect attempt failed"
    # (noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm; the Debian remote-desktop page quotes the second as
    # 'IMAP error "Unable to connect to <server>: SSL connect attempt failed error:1425F102:...'").
    ("Unable to connect to imap.example.com: SSL connect attempt failed error:0A000086:SSL routines::certificate verify failed", CERT),
    ("Unable to connect to imap.example.com: SSL connect attempt failed error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol",
     {"tls-version-server-outdated", "tls-version-client-outdated"}),
    # IO::Socket::SSL's connect_SSL as git send-email and LWP print it (git mailing list, 2014-2015).
    ("STARTTLS failed! SSL connect attempt failed with unknown error error:14090086:SSL routines:SSL3_GET_SERVER_CERTIFICATE:certificate verify failed at /usr/libexec/git-core/git-send-email line 1236.", CERT),
    ("SSL connect attempt failed error:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed", CERT),
    # Plain text answered the ClientHello: SSL => 1 (or Ssl) on a plain-text port.
    ("SSL connect attempt failed error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol", {"tls-on-plaintext-port"}),
    ("SSL connect attempt failed error:0A00010B:SSL routines::wrong version number", {"tls-on-plaintext-port"}),
    ("SSL connect attempt failed error:0A000102:SSL routines::unsupported protocol",
     {"tls-version-server-outdated", "tls-version-client-outdated"}),
    # IO::Socket::SSL configure: "@ISA configuration failed" -- the TCP connection under the TLS was not made and the
    # reason is lost: a connection failure, read as one, never as fine or declined.
    ("IO::Socket::IP configuration failed", {"port-blocked-outbound", "port-closed"}),
    ("IO::Socket::INET6 configuration failed", {"port-blocked-outbound", "port-closed"}),
    ("Unable to connect to imap.example.com: IO::Socket::IP configuration failed", {"port-blocked-outbound", "port-closed"}),
    # connect_SSL: "SSL connect attempt failed with unknown error", no OpenSSL reason after it: a handshake that
    # ended without one (the words cannot say which of the handshake causes).
    ("SSL connect attempt failed with unknown error", None),
    # Authen::SASL (Authen::SASL::Perl client_new): croak "No SASL mechanism found\n", through Net::SMTP's auth
    # (git mailing list, gmane.comp.version-control.git/275144).
    ("No SASL mechanism found\n at /usr/share/perl5/vendor_perl/Authen/SASL.pm line 77.\n at /usr/share/perl5/core_perl/Net/SMTP.pm line 207.",
     {"auth-mechanism-unsupported"}),
    # Email::Sender::Transport::SMTP _smtp_client: _throw('failed AUTH', $smtp) -- the words, then Net::SMTP's message
    # (rjbs/Email-Sender:lib/Email/Sender/Transport/SMTP.pm).
    ("failed AUTH: 5.7.8 Username and Password not accepted. Learn more at\n5.7.8  https://support.google.com/mail/?p=BadCredentials", PASSWORD),
    ("unable to establish SMTP connection to (smtp.example.com) port 587", None),
    # libnet without IO::Socket::SSL 2.007 or later (steve-m-hay/perl-libnet:lib/Net/SMTP.pm $nossl_warn): the Perl has no
    # usable TLS module. As Bugzilla's Mailer died on it (a Chinese Bugzilla set-up note) and git send-email printed it
    # (a git send-email on macOS how-to, 2018).
    ("To use SSL please install IO::Socket::SSL with version>=2.007 at lib/Net/SMTP.pm line 70.", {"client-outdated"}),
    ("Can't locate object method \"message\" via package \"To use SSL please install IO::Socket::SSL with version>=2.007 at lib/Net/SMTP.pm line 70.\" (perhaps you forgot to load \"To use SSL please install IO::Socket::SSL with version>=2.007 at lib/Net/SMTP.pm line 70.\"?) at Bugzilla/Mailer.pm line 179, <DATA> line 1.",
     {"client-outdated"}),
    ("Not using SSL_VERIFY_PEER due to out-of-date IO::Socket::SSL.\nTo use SSL please install IO::Socket::SSL with version>=2.007 at /usr/local/Cellar/git/2.16.2/lib/perl5/site_perl/Net/SMTP.pm line 70.",
     {"client-outdated"}),
    # Bugzilla's mail_send_error around Email::Sender's "failed AUTH: " and QQ Mail's reply asking for TLS (same note).
    ("There was an error sending mail from '1073167306@qq.com' to 'teddyxiong53@163.com': failed AUTH: Error: A secure connection is requiered(such as ssl). More information at http://service.mail.qq.com/cgi-bin/help?id=28",
     {"auth-requires-tls"}),
    # Mail::Sendmail: $error .= "connect to $server failed ($!)\n" (Mail-Sendmail lib/Mail/Sendmail.pm).
    ("connect to smtp.example.com failed (Connection refused)", REFUSED),
    # sendEmail (Perl): "Connection attempt to HOST:PORT failed: " and IO::Socket::INET's $@ (forum pastes, 2008-2009).
    ("Oct 26 10:49:01 fredlab sendEmail[6026]: ERROR => Connection attempt to localhost:25 failed: IO::Socket::INET: connect: Connection refused", REFUSED),
    ("ERROR => Connection attempt to smtp.gmail.com:587 failed: IO::Socket::INET: connect: Connection timed out", TIMED_OUT),
    # OTRS's Kernel::System::Email::SMTP Check and Send (OTRS/otrs:Kernel/System/Email/SMTP.pm@05b165d1):
    # "Can't connect to $MailHost: $!!", and $SMTP->code() . $SMTP->message() joined without a space.
    ("Can't connect to smtp.example.com: Connection refused!", REFUSED),
    ("Can't connect to smtp.office365.com: Connection timed out!", TIMED_OUT),
    ("SMTP authentication failed: 5355.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials! Enable Net::SMTP debug for more info!", PASSWORD),
    ("Can't use from 'otrs@example.com': 5505.7.60 SMTP; Client does not have permissions to send as this sender! Enable Net::SMTP debug for more info!",
     {"sender-address-not-allowed"}),
    # --- Ruby ---
    # net-smtp raises by the reply's code (Net::SMTP::Response#exception_class): 53x SMTPAuthenticationError, 4xx
    # SMTPServerBusy, 5xx SMTPFatalError (ruby/net-smtp:lib/net/smtp.rb); the texts as Rails, Discourse and GitLab
    # users paste them (Discourse forum "SMTPAuthenticationError", GitLab notes).
    ("Net::SMTPAuthenticationError: 535-5.7.8 Username and Password not accepted", PASSWORD),
    ("Jobs::HandledExceptionWrapper: Wrapped Net::SMTPAuthenticationError: 535 Authentication failed", {"password-rejected"}),
    ("Net::SMTPAuthenticationError: 535 Error: authentication failed", PASSWORD),
    ("Net::SMTPAuthenticationError: 534-5.7.9 Application-specific password required.", {"app-password-required"}),
    ("Net::SMTPAuthenticationError (530 5.7.0 Must issue a STARTTLS command first. x1sm123.4 - gsmtp\n):", {"auth-requires-tls"}),
    ("Net::SMTPAuthenticationError: 504 5.7.4 Unrecognized authentication type", {"auth-mechanism-unsupported"}),
    ("Net::SMTPAuthenticationError: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
     {"basic-auth-disabled", "smtp-auth-not-enabled"}),
    # As filed in issue threads: benwbrum/fromthepage#1341 (a rake task through the mail gem),
    # OperationCode/operationcode_old_site#713, heartcombo/mail_form#75 (Rails' request log; Gmail's 530 to MAIL
    # without a login), dcparker/ruby-gmail#23.
    ("rake aborted!\nNet::SMTPAuthenticationError: 535 5.7.8 Sorry.\n/home/fromthepage/deployment/shared/bundle/ruby/2.3.0/gems/mail-2.5.5/lib/mail/network/delivery_methods/smtp.rb:110:in `deliver!'",
     {"password-rejected"}),
    ("Net::SMTPAuthenticationError: 535 Authentication failed: Bad username / password", {"password-rejected"}),
    ("Completed 500 Internal Server Error in 892ms (ActiveRecord: 0.0ms | Allocations: 19634)\nNet::SMTPAuthenticationError (530-5.7.0 Authentication Required. Learn more at\n):",
     {"smtp-auth-not-enabled"}),
    ("Net::SMTPAuthenticationError: 530 5.7.0 Must issue a STARTTLS command first. g4sm20621052ybh.7", {"auth-requires-tls"}),
    ("Net::SMTPFatalError: 550 5.7.60 SMTP; Client does not have permissions to send as this sender", {"sender-address-not-allowed"}),
    ("Net::SMTPFatalError: 553 5.7.1 <info@example.com>: Sender address rejected: not owned by user user@example.com", {"sender-address-not-allowed"}),
    # SMTP#do_start: STARTTLS demanded (enable_starttls) and not in the EHLO answer.
    ("Net::SMTPUnsupportedCommand: STARTTLS is not supported on this server", {"starttls-not-offered", "starttls-stripped"}),
    # Net::OpenTimeout: the TCP connection was not made in time -- "execution expired" (Timeout.timeout) in older
    # releases; "Timeout to open TCP connection to HOST:PORT (exceeds N seconds)" where Socket.tcp's connect_timeout
    # raised ETIMEDOUT (ruby/net-imap:lib/net/imap.rb tcp_socket, the same in net-smtp).
    ("Net::OpenTimeout: execution expired", TIMED_OUT | {"high-latency"}),
    ("Net::OpenTimeout: Timeout to open TCP connection to smtp.example.com:587 (exceeds 30 seconds)", TIMED_OUT | {"high-latency"}),
    # Ruby's socket errors: rsock_syserr_fail_host_port's 'connect(2) for "HOST" port N' after strerror.
    ("Errno::ECONNREFUSED: Connection refused - connect(2) for \"smtp.example.com\" port 587", REFUSED),
    ("Errno::ETIMEDOUT: Connection timed out - connect(2) for \"smtp.example.com\" port 25", TIMED_OUT),
    ("SocketError: getaddrinfo: Name or service not known", UNKNOWN_HOST),
    ("SocketError: Failed to open TCP connection to smtp.example.com:587 (getaddrinfo: nodename nor servname provided, or not known)", UNKNOWN_HOST),
    # ruby/openssl ext/openssl/ossl_ssl.c ossl_start_ssl: "%s%s returned=%d errno=%d peeraddr=%s state=%s" and
    # OpenSSL's reason (peeraddr= since openssl gem 3.1); lib/openssl/ssl.rb post_connection_check for the name.
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (unable to get local issuer certificate)",
     {"cert-untrusted-issuer"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=74.125.140.108:465 state=error: certificate verify failed (unable to get local issuer certificate)",
     {"cert-untrusted-issuer"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (self signed certificate)", {"cert-self-signed"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (certificate has expired)", {"cert-expired"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (hostname mismatch)", {"cert-hostname-mismatch"}),
    ("OpenSSL::SSL::SSLError: hostname \"smtp.example.com\" does not match the server certificate", {"cert-hostname-mismatch"}),
    # tls: true (or ssl) against 587's plain-text greeting.
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: wrong version number", {"tls-on-plaintext-port"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.10:587 state=error: wrong version number", {"tls-on-plaintext-port"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=SSLv3 read server hello A: unknown protocol", {"tls-on-plaintext-port"}),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: unsupported protocol",
     {"tls-version-server-outdated", "tls-version-client-outdated"}),
    # Net::ReadTimeout: connected and no reply (net-protocol rbuf_fill).
    ("Net::ReadTimeout with #<TCPSocket:(closed)>", {"plaintext-on-tls-port", "server-unavailable"}),
    # net-imap: NoResponseError / ByeResponseError carry the server's text (ruby/net-imap:lib/net/imap/errors.rb).
    ("Net::IMAP::NoResponseError: [AUTHENTICATIONFAILED] Authentication failed.", {"password-rejected"}),
    ("Net::IMAP::NoResponseError: Invalid credentials (Failure)", PASSWORD),
    ("Net::IMAP::ByeResponseError: Too many simultaneous connections. (Failure)", {"too-many-connections"}),
    ("Net::POPAuthenticationError: -ERR [AUTH] Username and password not accepted.", PASSWORD),
]


@pytest.mark.parametrize(("text", "causes"), CASES, ids=[t[:60] for t, _ in CASES])
def test_perl_and_ruby_mail_errors_as_pasted(text: str, causes: set[str] | None) -> None:
    try:
        report = explain(text)
    except InputError as e:
        pytest.fail(f"declined: {e}")
    assert report.diagnoses, "called fine"
    if causes is not None:
        assert report.diagnoses[0].cause in causes, [d.cause for d in report.diagnoses[:3]]

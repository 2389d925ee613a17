#!/usr/bin/perl
# Sends one message with Perl's Email::Sender (Debian's libemail-sender-perl) through
# Email::Sender::Transport::SMTP, as its manual's example does (sendmail() in a try block, warning
# "sending failed: $_"); settings come from the environment, the certificate checked against the lab's CA.
use strict;
use warnings;
use Email::Sender::Simple qw(sendmail);
use Email::Sender::Transport::SMTP;
use Email::Simple;
use IO::Socket::SSL;
use Try::Tiny;

my %e = %ENV;
my $security = {ssl => 'ssl', starttls => 'starttls', plain => 0}->{$e{SECURITY}};
my $transport = Email::Sender::Transport::SMTP->new({
    host => $e{HOST}, port => $e{PORT}, ssl => $security, timeout => 8,
    ssl_options => {SSL_ca_file => $e{CA}, SSL_verify_mode => SSL_VERIFY_PEER, SSL_hostname => $e{HOST},
                    SSL_verifycn_name => $e{HOST}, SSL_verifycn_scheme => 'default'},
    ($e{AUTH} ne 'none' ? (sasl_username => $e{USER_NAME}, sasl_password => $e{PASSWORD}) : ()),
});
my $email = Email::Simple->create(
    header => [From => $e{FROM}, To => 'bob@example.org', Subject => 'test'], body => "hello\n");
my $ok = 1;
try {
    sendmail($email, {transport => $transport, from => $e{FROM}, to => 'bob@example.org'});
} catch {
    # A failure (Throwable::Error) stringifies with its stack trace: its message, as scripts print it.
    warn "sending failed: " . (ref $_ ? $_->message : $_) . "\n";
    $ok = 0;
};
exit($ok ? 0 : 1);

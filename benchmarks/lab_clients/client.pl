#!/usr/bin/perl
# Logs in (and sends one message) with Perl's Net::SMTP, Mail::IMAPClient or Net::POP3 as a
# small script would, dying with the library's error (or the server's reply); settings come from the environment.
use strict;
use warnings;
use IO::Socket::SSL;

my %e = %ENV;
my @tls = (SSL_ca_file => $e{CA}, SSL_verify_mode => SSL_VERIFY_PEER, SSL_verifycn_scheme => 'default',
           SSL_verifycn_name => $e{HOST}, SSL_hostname => $e{HOST});
my $ssl = $e{SECURITY} eq 'ssl';

if ($e{PROTO} eq 'smtp') {
    require Net::SMTP;
    my $smtp = Net::SMTP->new($e{HOST}, Port => $e{PORT}, Timeout => 5, SSL => $ssl, @tls)
        or die "$@\n";
    if ($e{SECURITY} eq 'starttls') {
        $smtp->starttls(@tls) or die(($IO::Socket::SSL::SSL_ERROR || $smtp->code . " " . $smtp->message) . "\n");
    }
    if ($e{AUTH} ne 'none') {
        $smtp->auth($e{USER_NAME}, $e{PASSWORD}) or die $smtp->code . " " . $smtp->message . "\n";
    }
    $smtp->mail($e{FROM}) or die $smtp->code . " " . $smtp->message . "\n";
    $smtp->to('bob@example.org') or die $smtp->code . " " . $smtp->message . "\n";
    $smtp->data("Subject: test\r\n\r\nhello\r\n") or die $smtp->code . " " . $smtp->message . "\n";
    $smtp->quit;
} elsif ($e{PROTO} eq 'imap') {
    require Mail::IMAPClient;
    my $imap = Mail::IMAPClient->new(Server => $e{HOST}, Port => $e{PORT}, Timeout => 5,
        ($ssl ? (Ssl => [@tls]) : ()), ($e{SECURITY} eq 'starttls' ? (Starttls => [@tls]) : ()),
        User => $e{USER_NAME}, Password => $e{PASSWORD})
        or die "$@\n";
    $imap->IsAuthenticated or die $imap->LastError . "\n";
    $imap->logout;
} else {
    require Net::POP3;
    my $pop = Net::POP3->new($e{HOST}, Port => $e{PORT}, Timeout => 5, SSL => $ssl, @tls)
        or die "$@\n";
    if ($e{SECURITY} eq 'starttls') {
        $pop->starttls(@tls) or die(($IO::Socket::SSL::SSL_ERROR || $pop->message) . "\n");
    }
    defined $pop->login($e{USER_NAME}, $e{PASSWORD}) or die $pop->message . "\n";
    $pop->quit;
}

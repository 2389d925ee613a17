#!/usr/bin/perl
# Logs in with Perl's Net::IMAP::Simple (Debian's libnet-imap-simple-perl) as its manual's synopsis
# does: new() or die "Unable to connect to IMAP: $Net::IMAP::Simple::errstr", login() or
# "Login failed: " . $imap->errstr; settings come from the environment, the certificate checked
# against the lab's CA.
use strict;
use warnings;
use IO::Socket::SSL;
use Net::IMAP::Simple;

my %e = %ENV;
my $imap = Net::IMAP::Simple->new($e{HOST}, port => $e{PORT}, timeout => 5, use_ssl => $e{SECURITY} eq 'ssl',
    ssl_options => [SSL_ca_file => $e{CA}, SSL_verify_mode => SSL_VERIFY_PEER, SSL_hostname => $e{HOST},
                    SSL_verifycn_name => $e{HOST}, SSL_verifycn_scheme => 'default'])
    || die "Unable to connect to IMAP: $Net::IMAP::Simple::errstr\n";
if ($e{SECURITY} eq 'starttls') {
    $imap->starttls or die "STARTTLS failed: " . $imap->errstr . "\n";
}
if (!$imap->login($e{USER_NAME}, $e{PASSWORD})) {
    print STDERR "Login failed: " . $imap->errstr . "\n";
    exit(64);
}
$imap->select('INBOX');
$imap->quit;

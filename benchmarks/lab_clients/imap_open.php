<?php
// Opens the INBOX with PHP's imap extension (Debian php8.2-imap, UW c-client underneath) as the
// common PHP script does: imap_open() on a "{host:port/protocol/flags}" mailbox, and on failure
// the warning PHP prints, imap_last_error() and imap_errors(). The certificate is validated
// (no /novalidate-cert); c-client reads the lab's CA from OpenSSL's SSL_CERT_FILE.
$proto = getenv('PROTO') === 'pop3' ? 'pop3' : 'imap';
$flags = ['ssl' => '/ssl', 'starttls' => '/tls', 'plain' => '/notls'][getenv('SECURITY')];
$mailbox = '{' . getenv('HOST') . ':' . getenv('PORT') . "/$proto$flags}INBOX";
// Bounded waits, so that a silent port ends (c-client's defaults are minutes).
imap_timeout(IMAP_OPENTIMEOUT, 8);
imap_timeout(IMAP_READTIMEOUT, 8);
$box = imap_open($mailbox, getenv('USER_NAME'), getenv('PASSWORD'));
if ($box === false) {
    fwrite(STDERR, 'Cannot connect: ' . imap_last_error() . "\n");
    foreach (imap_errors() ?: [] as $error) {
        fwrite(STDERR, "$error\n");
    }
    exit(1);
}
imap_close($box);

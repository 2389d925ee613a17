<?php
// Sends one message with Symfony Mailer (Debian's php-symfony-mailer) through an SMTP DSN, as its
// documentation's example does (Transport::fromDsn, then Mailer::send); prints the exception's
// message as a script's catch block does. The certificate is verified against the lab's CA.
require '/usr/share/php/Symfony/Component/Mailer/autoload.php';
require '/usr/share/php/Symfony/Component/Mime/autoload.php';
use Symfony\Component\Mailer\Mailer;
use Symfony\Component\Mailer\Transport;
use Symfony\Component\Mime\Email;

$security = getenv('SECURITY');
// smtps:// is TLS at once; on smtp:// Symfony 5.4 asks for STARTTLS wherever the server offers it
// (EsmtpTransport::doHeloCommand) and goes on without it where it does not.
$scheme = $security === 'ssl' ? 'smtps' : 'smtp';
$login = getenv('AUTH') !== 'none' ? rawurlencode(getenv('USER_NAME')) . ':' . rawurlencode(getenv('PASSWORD')) . '@' : '';
$dsn = "$scheme://$login" . getenv('HOST') . ':' . getenv('PORT');
try {
    $transport = Transport::fromDsn($dsn);
    $stream = $transport->getStream();
    $stream->setTimeout(8);
    $stream->setStreamOptions(['ssl' => ['cafile' => getenv('CA'), 'verify_peer' => true, 'verify_peer_name' => true]]);
    $email = (new Email())->from(getenv('FROM'))->to('bob@example.org')->subject('test')->text('hello');
    (new Mailer($transport))->send($email);
} catch (\Throwable $e) {
    fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
    exit(1);
}

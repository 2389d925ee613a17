<?php
// Sends one message with PHPMailer (Debian's libphp-phpmailer), as its README's example does;
// prints $mail->ErrorInfo.
require '/usr/share/php/libphp-phpmailer/autoload.php';
use PHPMailer\PHPMailer\PHPMailer;
use PHPMailer\PHPMailer\Exception;

$mail = new PHPMailer(true);
try {
    $mail->isSMTP();
    $mail->Host = getenv('HOST');
    $mail->Port = (int) getenv('PORT');
    $mail->Timeout = 5;
    $security = getenv('SECURITY');
    $mail->SMTPSecure = $security === 'ssl' ? PHPMailer::ENCRYPTION_SMTPS : ($security === 'starttls' ? PHPMailer::ENCRYPTION_STARTTLS : '');
    $mail->SMTPOptions = ['ssl' => ['cafile' => getenv('CA')]];
    if (getenv('AUTH') !== 'none') {
        $mail->SMTPAuth = true;
        $mail->Username = getenv('USER_NAME');
        $mail->Password = getenv('PASSWORD');
        if (getenv('MECHANISM')) {
            $mail->AuthType = getenv('MECHANISM');
        }
    }
    $mail->setFrom(getenv('FROM'));
    $mail->addAddress('bob@example.org');
    $mail->Subject = 'test';
    $mail->Body = 'hello';
    $mail->send();
} catch (Exception $e) {
    fwrite(STDERR, "Message could not be sent. Mailer Error: {$mail->ErrorInfo}\n");
    exit(1);
}

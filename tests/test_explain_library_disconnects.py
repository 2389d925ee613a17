"""MailKit's SmtpStream says "The SMTP server has unexpectedly disconnected." when the server hangs
up before it has replied at all (most often a plain-text connection to the implicit-TLS port), and
"The SMTP server has unexpectedly disconnected: {lastResponse}" once it has replied: the words after
the colon are the server's last reply, which says what happened (MailKit/Net/Smtp/SmtpStream.cs).
Haskell's smtp-mail reads the greeting with hGetLine, whose end-of-file error is a server that closed
before it greeted."""

from __future__ import annotations

from mailexpert.explain import explain


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


def test_a_disconnect_after_a_refused_login_is_the_refused_login() -> None:
    # YodasMyDad/ZauberCMS#47: the server refused AUTH, then hung up on MailKit's next attempt.
    text = ("MailKit.Net.Smtp.SmtpProtocolException: The SMTP server has unexpectedly disconnected: "
            "Authentication failed: Bad username / password\n"
            "   at MailKit.Net.Smtp.SmtpStream.ReadAheadAsync(CancellationToken cancellationToken)\n"
            "   at MailKit.Net.Smtp.SmtpClient.AuthenticateAsync(Encoding encoding, ICredentials credentials, "
            "CancellationToken cancellationToken)")
    found = causes(text)
    assert found[0] == "password-rejected", found
    assert "plaintext-on-tls-port" not in found, found


def test_a_disconnect_before_any_reply_is_still_read_as_no_greeting() -> None:
    found = causes("MailKit.Net.Smtp.SmtpProtocolException: The SMTP server has unexpectedly disconnected.")
    assert found[0] == "plaintext-on-tls-port", found


def test_haskell_smtp_mail_end_of_file_at_the_greeting() -> None:
    # jhickner/smtp-mail#21: sendMailWithLogin' to smtp.gmail.com on 465, a plain connection to the
    # implicit-TLS port; parseResponse's hGetLine met the end of the stream before any greeting.
    found = causes("<socket: 6>: Data.ByteString.hGetLine: end of file")
    assert found[0] == "plaintext-on-tls-port", found

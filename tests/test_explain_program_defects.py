"""Texts whose own words say the mail program (or the runtime it runs on) is at fault, not the server, the
account or the network -- each read by what holds for every program that prints the same words:

- PHP without its openssl extension: php-src main/streams/transports.c (php_stream_xport_crypto_setup, "this stream
  does not support SSL/crypto" when the socket's transport has no crypto; only ext/openssl's transports have it), so
  a STARTTLS upgrade of any PHP mailer (SwiftMailer, Symfony Mailer, PHPMailer) fails before any handshake; and
  (_php_stream_xport_create) 'Unable to find the socket transport "ssl"' for implicit TLS, ssl:// and tls:// being
  transports that only ext/openssl registers.
- Python's smtplib raising "please run connect() first" from quit() (cpython Lib/smtplib.py: quit sends QUIT through
  docmd, and send raises on a closed socket): the program's clean-up of a session that had already failed.
- A MAIL FROM or RCPT TO path in two pairs of angle brackets (RFC 5321 section 4.1.2), refused as bad syntax.
- A server whose refusal sends the client to the submission service ("Use Submission for outgoing SMTP", maddy's
  stock maddy.conf on its port-25 endpoint): the client sent outgoing mail to the incoming (MX) service.

The texts are written here in the forms those programs print; host names and addresses are documentation ones.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

NO_TLS_IN_PHP = [
    # PHP's warning as a framework's log shows it, the file that called it after the words
    "Warning: stream_socket_enable_crypto(): This stream does not support SSL/crypto in "
    "/var/www/app/vendor/phpmailer/phpmailer/src/SMTP.php on line 480",
    # SwiftMailer's StreamBuffer quoted with its line, the words in PHP 5's lower case
    "/srv/app/vendor/swiftmailer/swiftmailer/lib/classes/Swift/Transport/StreamBuffer.php:95 "
    "stream_socket_enable_crypto(): this stream does not support SSL/crypto",
    # Symfony Mailer's exception wrapping the warning
    "Symfony\\Component\\Mailer\\Exception\\TransportException: Unable to connect with STARTTLS: "
    "stream_socket_enable_crypto(): This stream does not support SSL/crypto",
    # implicit TLS asked of the same PHP: no ssl:// or tls:// transport is registered (main/streams/transports.c)
    'SMTP ERROR: Failed to connect to server: Unable to find the socket transport "ssl" - did you forget to enable '
    "it when you configured PHP? (0)",
    'Connection could not be established with host smtp.example.com [Unable to find the socket transport "tls" - '
    "did you forget to enable it when you configured PHP? #0]",
]


@pytest.mark.parametrize("text", NO_TLS_IN_PHP)
def test_php_without_openssl_is_a_client_without_tls(text: str) -> None:
    causes = causes_of(text)
    assert causes[:1] == ["client-outdated"], causes


QUIT_ON_CLOSED = [
    # the trace as Python prints it: the frames, then the exception
    'Traceback (most recent call last):\n'
    '  File "/opt/notifier/mailer.py", line 88, in deliver\n'
    '    server.quit()\n'
    '  File "/usr/lib/python3.11/smtplib.py", line 1004, in quit\n'
    '    res = self.docmd("quit")\n'
    '  File "/usr/lib/python3.11/smtplib.py", line 431, in docmd\n'
    '    self.putcmd(cmd, args)\n'
    '  File "/usr/lib/python3.11/smtplib.py", line 378, in putcmd\n'
    "    self.send(f'{s}{CRLF}')\n"
    '  File "/usr/lib/python3.11/smtplib.py", line 365, in send\n'
    "    raise SMTPServerDisconnected('please run connect() first')\n"
    "smtplib.SMTPServerDisconnected: please run connect() first",
    # the same, newest frame first, as a log viewer shows it
    "smtplib.SMTPServerDisconnected: please run connect() first\n"
    "raise SMTPServerDisconnected('please run connect() first')\n"
    'File "/usr/lib/python3.11/smtplib.py", line 365, in send\n'
    'res = self.docmd("quit")\n'
    'File "/usr/lib/python3.11/smtplib.py", line 1004, in quit\n'
    "server.quit()",
]


@pytest.mark.parametrize("text", QUIT_ON_CLOSED)
def test_smtplib_quit_on_a_closed_session_is_the_programs_defect(text: str) -> None:
    causes = causes_of(text)
    assert causes[:1] == ["client-outdated"], causes


def test_not_connected_without_quit_keeps_its_readings() -> None:
    """The bare words, with no quit() in the trace: no host given, or a connection the server closed."""
    causes = causes_of("smtplib.SMTPServerDisconnected: please run connect() first")
    assert causes[:1] in (["client-config-corrupt"], ["server-protocol-error"]), causes


DOUBLED_PATH = [
    # OpenSMTPD's failed-command log line
    'smtpd[812]: 3a1f0c2b9d7e4f10 smtp failed-command command="RCPT TO:<<bob@example.org>> " '
    'result="501 5.1.3 Recipient address syntax error"',
    # a client's protocol log of the sender
    "C: MAIL FROM:<<alice@example.org>>\nS: 501 5.1.7 Bad sender address syntax",
    # Postfix's answer to a recipient in two pairs of brackets, from a transcript
    ">>> RCPT TO:<<bob@example.org>>\n<<< 501 5.1.3 Bad recipient address syntax",
]


@pytest.mark.parametrize("text", DOUBLED_PATH)
def test_doubled_angle_brackets_are_the_programs_malformed_command(text: str) -> None:
    causes = causes_of(text)
    assert causes[:1] == ["client-outdated"], causes


@pytest.mark.parametrize("text", [
    # one pair of brackets: the address itself is malformed, not the command the program built
    ">>> RCPT TO:<bob@@example.org>\n<<< 501 5.1.3 Bad recipient address syntax",
    # two pairs, but the server read the address and refused the user: the recipient is unknown
    ">>> RCPT TO:<<bob@example.org>>\n<<< 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
])
def test_other_refusals_are_not_the_doubled_path(text: str) -> None:
    causes = causes_of(text)
    assert causes[:1] != ["client-outdated"], causes


SUBMISSION_PLEASE = [
    "501 5.1.8 Use Submission for outgoing SMTP",
    # maddy's own log line of the refusal (its JSON fields)
    'smtp: RCPT error\t{"msg_id":"0a1b2c3d","reason":"reject directive used","smtp_code":501,'
    '"smtp_enchcode":"5.1.8","smtp_msg":"Use Submission for outgoing SMTP","to":"bob@example.net"}',
]


@pytest.mark.parametrize("text", SUBMISSION_PLEASE)
def test_a_refusal_that_names_submission_is_the_mx_port(text: str) -> None:
    causes = causes_of(text)
    assert causes[:1] == ["mx-host-used-for-submission"], causes

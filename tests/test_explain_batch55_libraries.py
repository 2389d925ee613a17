"""What mail libraries of rarer ecosystems print (tests/corpus/collected-batch55.yaml): Go's crypto/tls
refusing a tls.Config the program built without the server's name, a .NET stack whose socket error came
while reading from a connection made (MailKit waiting for a greeting), and the name of the mail an
application was sending ("password reset email"), which is no refused password."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.diagnoses[0].cause if report.diagnoses else None


@pytest.mark.parametrize("text", [
    # golang/go:src/crypto/tls/handshake_client.go: returned before a byte is sent (decred/dcrstakepool#322,
    # muquit/mailsend-go#71): the program's own fault, no server's TLS that failed.
    "[ERR] CNTL: error sending mail tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config",
    "dial failed: tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config",
    "ERROR: tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config",
])
def test_a_go_tls_config_without_server_name_is_a_program_fault(text: str) -> None:
    try:
        report = explain(text)
    except InputError:
        return
    assert not report.has_errors, [d.cause for d in report.diagnoses]


def test_a_dotnet_socket_timeout_under_a_stream_read_is_a_silent_server() -> None:
    # Sanidhya30/Jellyfin-Newsletter#61: MailKit connected to port 465 in plaintext and waited in
    # SmtpStream.ReadResponse for the greeting; the frame of the read says the connection was made.
    text = (
        "System.IO.IOException: Connection timed out\n"
        " ---> System.Net.Sockets.SocketException (110): Connection timed out\n"
        "   at MailKit.Net.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 count)\n"
        "   --- End of inner exception stack trace ---\n"
        "   at MailKit.Net.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 count)\n"
        "   at MailKit.Net.Smtp.SmtpStream.ReadAhead(CancellationToken cancellationToken)\n"
        "   at MailKit.Net.Smtp.SmtpStream.ReadResponse(CancellationToken cancellationToken)\n"
        "   at MailKit.Net.Smtp.SmtpClient.PostConnect(Stream stream, String host, Int32 port, "
        "SecureSocketOptions options, Boolean starttls, CancellationToken cancellationToken)\n")
    assert top(text) == "plaintext-on-tls-port"


def test_a_dotnet_connect_timeout_without_a_read_is_still_the_way_to_the_server() -> None:
    # The same SocketException thrown by the connect (no stream read under it): no connection was made.
    text = (
        "System.Net.Sockets.SocketException (110): Connection timed out\n"
        "   at System.Net.Sockets.Socket.Connect(EndPoint remoteEP)\n"
        "   at MailKit.Net.Smtp.SmtpClient.Connect(String host, Int32 port, SecureSocketOptions options)\n")
    assert top(text) != "plaintext-on-tls-port"


@pytest.mark.parametrize("text", [
    "Failed to send password reset email",
    "Job failed: Devise::Mailer#reset_password_instructions could not be delivered",
])
def test_the_name_of_the_mail_being_sent_is_no_refused_password(text: str) -> None:
    # The mail an application sends is named by its purpose (a password reset link): its "password" is
    # no login that a server refused.
    try:
        cause = top(text)
    except InputError:
        return
    assert cause != "password-rejected"


def test_a_password_reset_demand_is_still_read_where_no_mail_is_named() -> None:
    # Only the mail's name is a label: a login refused with "password" in it is read as before.
    assert top("Login failed: invalid password") == "password-rejected"

"""What mail libraries raise (tests/corpus/collected-batch29.yaml): an EHLO answer a firewall's mail
inspection overwrote, c-client's Windows text for a system TLS that cannot do the connection, a
refused password at Exchange Online's EWS endpoint, and the XOAUTH2 mechanism named by the library
call a traceback shows."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain, logged_mechanism, recognise
from mailexpert.replies import parse_reply


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


def causes(text: str) -> set[str]:
    return {d.cause for d in explain(text).diagnoses}


MASKED_EHLO = (
    "connected: mail.example.test:25\n"
    "220 ****************************************\n"
    "ehlo client.example.test\n"
    "250-mail.example.test Hello [192.0.2.10]\n"
    "250-SIZE 37748736\n"
    "250-PIPELINING\n"
    "250-XXXXXXXA\n"
    "250-AUTH\n"
    "250 8BITMIME\n"
)


def test_an_ehlo_answer_with_starttls_overwritten_reads_as_stripped():
    assert top(MASKED_EHLO) == "starttls-stripped"


def test_the_overwritten_keyword_is_read_beside_a_failing_reply():
    text = MASKED_EHLO + "AUTH LOGIN\n530 5.7.0 Must issue a STARTTLS command first\n"
    assert top(text) == "starttls-stripped"


def test_a_greeting_line_blanked_out_with_xs_is_no_overwritten_keyword():
    # The first line of an EHLO answer carries the server's domain, which a paste may hide.
    text = (
        "250-XXXXXXXXXXXX Hello [192.0.2.10]\n250-SIZE 10240000\n250-STARTTLS\n250 8BITMIME\n"
        "535 5.7.8 Error: authentication failed\n"
    )
    assert "starttls-stripped" not in causes(text)


def test_plain_keywords_are_not_read_as_overwritten():
    text = "250-mail.example.test\n250-PIPELINING\n250-STARTTLS\n250 SIZE 1000\n"
    assert "starttls-stripped" not in causes(text)


def test_c_client_on_windows_without_the_tls_it_needs():
    text = "TLS/SSL failure for mail.example.test: SSL not supported on this machine - upgrade your system software"
    assert top(text) == "client-outdated"


def test_a_refused_password_at_exchange_online_ews():
    text = "UnauthorizedError: Wrong username or password for https://outlook.office365.com/EWS/Exchange.asmx"
    assert top(text) == "basic-auth-disabled"


def test_a_refused_password_at_a_company_ews_is_the_password():
    text = "UnauthorizedError: Wrong username or password for https://mail.example.test/EWS/Exchange.asmx"
    assert top(text) == "password-rejected"


def test_the_library_call_names_the_oauth2_mechanism():
    ruby = (
        "[2] pry(main)> imap.authenticate('XOAUTH2', email, access_token)\n"
        "Net::IMAP::NoResponseError:  Invalid credentials (Failure)\n"
    )
    assert logged_mechanism(ruby) == "XOAUTH2"
    assert top(ruby) == "oauth-token-rejected"
    python = (
        '  File "fetch.py", line 9, in main\n'
        "    imap.authenticate('XOAUTH2', lambda x: auth_string)\n"
        "imaplib.IMAP4.error: [AUTHENTICATIONFAILED] Invalid credentials (Failure)\n"
    )
    assert logged_mechanism(python) == "XOAUTH2"


def test_a_password_login_call_is_no_oauth2_one():
    text = "imap.login(user, password)\nNet::IMAP::NoResponseError:  Invalid credentials (Failure)\n"
    assert logged_mechanism(text) is None


def test_a_perl_method_missing_from_its_class_is_a_program_fault() -> None:
    # perldiag's "Can't locate object method": the program called a method its class does not define (here a
    # Net::SMTP older than libnet 3.00, which has no starttls): no server refused anything, so no mail cause
    # is read into the method's name or the "can't locate" of the error.
    text = ("ERROR: Can't send email to 'bob@example.org' :'Can't locate object method \"starttls\" via package "
            "\"MIME::Lite::SMTP\" at /usr/local/lib/site_perl/Alert.pm line 553.'")
    try:
        report = explain(text)
    except InputError:
        return
    assert not report.has_errors, [d.cause for d in report.diagnoses]


def test_a_servers_reply_passed_where_a_perl_object_belongs_is_still_read() -> None:
    # Net::SMTP's message passed on as if it were an object: the "package" is the server's refusal.
    text = ("UNKNOWN: Can't locate object method \"bye\" via package \"Net::SMTP: 554 <mx.example.org> Relay "
            "Service denied for IP 192.0.2.54, closing transmission channel\n\" (perhaps you forgot to load "
            "\"Net::SMTP: 554 <mx.example.org> Relay Service denied for IP 192.0.2.54, closing transmission "
            "channel\n\"?) at /usr/local/plugins/smtp.pm line 32.")
    assert top(text) == "client-ip-blocklisted"


@pytest.mark.parametrize(("text", "stage"), [
    # HaskellNet's SMTPException names the command whose reply it did not expect
    # (qnikst/HaskellNet:src/Network/HaskellNet/SMTP/Internal.hs): the reply's step.
    ('Cannot execute command MAIL "alice@example.org", expected any reply code of [250,251], but received530 '
     "(5.7.0 Authentication required)", "mail"),
    ('UnexpectedReply (RCPT "bob@example.net") [250,251] 554 "5.7.1 <bob@example.net>: Relay access denied"', "rcpt"),
    ("This server cannot accept any data. code: 554, msg: 5.7.1 Message rejected", "data"),
    # smtp-cli's own words before the reply (mludvig/smtp-cli:smtp-cli).
    ("Unknown welcome string: '554 mail.example.org ESMTP not accepting messages'", "greeting"),
    ("EHLO failed: '550 5.7.1 <localhost>: Helo command rejected: Host not found'", "capability"),
    ("RCPT TO <bob@example.net> failed: '550 5.7.1 Relay access denied'", "rcpt"),
])
def test_haskellnet_and_smtp_cli_name_the_command_their_reply_answers(text: str, stage: str) -> None:
    replies = [f for f in recognise(text).facts if f.kind == "server.reply"]
    assert replies and replies[0].get("stage") == stage, replies


@pytest.mark.parametrize(("text", "step"), [
    # ruby/net-smtp: check_auth_response raises SMTPAuthenticationError unless the login's last reply is a success;
    # here the server asks for the user name ("Username:" in base64) again after the password
    ("Net::SMTPAuthenticationError: 334 VXNlcm5hbWU6", "login"),
    # cpython's smtplib: SMTP.auth raises SMTPAuthenticationError(code, resp) for a last reply other than 235 or 503
    ("smtplib.SMTPAuthenticationError: (334, b'VXNlcm5hbWU6')", "login"),
    # ruby/net-smtp: check_continue raises SMTPUnknownError "could not get 3xx (STATUS: REPLY)"
    ("Net::SMTPUnknownError: could not get 3xx (250: 250 2.0.0 OK)", "mail"),
])
def test_a_librarys_error_for_a_success_or_continuation_is_a_failure_not_fine(text: str, step: str) -> None:
    """A library raises these only for a reply it did not expect: quoting a 2xx or 3xx, they say the
    session went out of step, never that nothing is wrong."""
    report = explain(text)
    assert report.has_errors and report.top is not None, report
    assert report.top.cause == "server-protocol-error", report.top
    failures = [f for f in recognise(text).facts if f.kind == "service.failure"]
    assert [f.get("step") for f in failures] == [step], failures
    # The text names no server: the summary says so in words, never "the SMTP server the server".
    assert report.top.summary.startswith(f"The SMTP session with the server fails at the {step} step"), report.top.summary


def test_the_same_errors_quoting_a_refusal_read_by_the_refusal() -> None:
    assert top("Net::SMTPAuthenticationError: 535 5.7.8 Error: authentication failed") == "password-rejected"
    assert top("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.')") in (
        "password-rejected", "app-password-required")


@pytest.mark.parametrize(("text", "status"), [
    # imap-next's TaskError (duesee/imap-next:tasks/src/tasks/mod.rs), as Himalaya prints it over its own words
    ("Error: cannot list IMAP folders: unexpected NO response: LIST Mailbox access denied", "no"),
    ("Error: cannot fetch envelopes: unexpected BAD response: FETCH Command arguments invalid", "bad"),
])
def test_imap_nexts_unexpected_status_is_the_servers_answer(text: str, status: str) -> None:
    """The server answered NO or BAD: a reply, never "no response" (a timeout) nor a connection that failed."""
    assert parse_reply(text).get("status") == status
    assert top(text) not in {"port-blocked-outbound", "port-closed", "high-latency", None}


def test_no_response_in_lower_case_is_still_an_answer_that_never_came() -> None:
    assert not parse_reply("Error: no response: the server did not answer in 30 seconds")

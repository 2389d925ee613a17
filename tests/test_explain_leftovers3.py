"""Known misreadings left from earlier sessions, each read by what its source says:

1. A library that prints the reply it expected beside the one it got: the expected code is no reply of the
   server's. SwiftMailer and Symfony Mailer ("Expected response code 220 but got code "554", with message
   ...", swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php, symfony/mailer:
   Transport/Smtp/SmtpTransport.php assertResponseCode); Go's net/textproto, which calls a line that opens with
   no number an "invalid response code" (golang/go:src/net/textproto/reader.go parseCodeLine); Ruby's net-smtp,
   which raises SMTPUnknownError with the greeting line as its message when the line opens with no digit
   (ruby/net-smtp:lib/net/smtp.rb Response.parse, Response#exception_class). An SSH server's identification
   string (RFC 4253 section 4.2) where a mail greeting was due is another protocol on the port.
2. RFC 5321 section 4.5.3.1.10 / RFC 3463 X.5.3 "Too many recipients", as Exchange Online Protection sends
   it with its own tag ("452 4.5.3 Too many recipients (AS780090)"): the catalogue's sending-limit-exceeded
   ("more messages or recipients than the provider allows"; fix: send less) is the one that fits.
3. Gmail IMAP's session id, which ends its greeting and its replies ("A0 OK Thats all she wrote!
   c10-v6mb121001161uaq", https://github.com/mscdex/node-imap/issues/715): a reply that ends with one is
   Gmail's (data/providers.yaml reply_patterns), so a bare refusal there reads in Gmail's order (an app
   password first, support.google.com/accounts/answer/6010255).
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

SSH = "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6"

EXPECTED_CODE = [
    Case("swift-expected-220-got-ssh", f'Expected response code 220 but got code "", with message "{SSH}"',
         ("wrong-protocol-on-port",), "swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php"),
    Case("symfony-expected-220-empty-code-ssh", f'Expected response code "220" but got empty code, with message "{SSH}".',
         ("wrong-protocol-on-port",), "symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode)"),
    Case("go-invalid-response-code-ssh", f"invalid response code: {SSH}", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
    Case("go-smtp-dial-invalid-code-ssh", f"dial smtp: invalid response code: {SSH}", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine), src/net/smtp/smtp.go (NewClient reads the greeting)"),
    Case("ruby-smtpunknownerror-ssh", f"/usr/lib/ruby/3.0.0/net/smtp.rb:967:in `check_response': {SSH} (Net::SMTPUnknownError)",
         ("wrong-protocol-on-port",), "ruby/net-smtp:lib/net/smtp.rb (do_start, check_response, Response#exception_class)"),
    Case("ruby-smtpunknownerror-ssh-inspect", f"Net::SMTPUnknownError: {SSH}", ("wrong-protocol-on-port",),
         "ruby/net-smtp:lib/net/smtp.rb (as above)"),
    # The code the client got, not the one it waited for, is the server's.
    Case("swift-expected-220-got-554", 'Expected response code 220 but got code "554", with message "554 5.7.1 Access denied"',
         ("server-reply-permanent",), "swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php"),
    Case("expected-220-got-554-bare", "SMTP: expected 220 but got 554 5.7.1 Access denied",
         ("server-reply-permanent",), "RFC 5321 section 3.1 (554 at connect: no SMTP service here)"),
    Case("symfony-expected-250-got-535", 'Expected response code "250" but got code "535", with message "535 5.7.8 Authentication failed".',
         ("password-rejected",), "symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode)"),
    # Differential: a library's out-of-step success stays a protocol error; Ruby's other SMTPUnknownError.
    Case("swift-expected-354-got-250", 'Expected response code 354 but got code "250", with message "250 2.1.5 Ok"',
         ("server-protocol-error",), "swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php"),
    Case("ruby-could-not-get-3xx", "Net::SMTPUnknownError: could not get 3xx (250: 250 2.1.5 Ok)",
         ("server-protocol-error",), "ruby/net-smtp:lib/net/smtp.rb (check_continue)"),
    Case("go-short-response-imap", "short response: * OK [CAPABILITY IMAP4rev1] Dovecot ready.", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
]

TOO_MANY_RECIPIENTS = [
    Case("eop-452-453-as780090", "452 4.5.3 Too many recipients (AS780090) [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com]",
         ("sending-limit-exceeded",), "RFC 5321 4.5.3.1.10, RFC 3463 X.5.3 (Exchange Online Protection's tag in parentheses)"),
    Case("eop-453-enhanced-only", "4.5.3 Too many recipients (AS780090)", ("sending-limit-exceeded",),
         "RFC 3463 X.5.3"),
    Case("eop-ndr-453", "Remote Server returned '452 4.5.3 Too many recipients (AS780090)'", ("sending-limit-exceeded",),
         "RFC 3463 X.5.3, in Exchange's NDR form"),
    Case("exchange-553-reciplimit", "550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients", ("sending-limit-exceeded",),
         "RFC 3463 X.5.3 (Exchange's RESOLVER.ADR.RecipLimit)"),
    # Differential: another 4.5.3 text without those words, and a 452 of storage.
    Case("452-insufficient-storage", "452 4.3.1 Insufficient system storage", ("server-reply-transient", "server-storage-full"),
         "RFC 5321 4.2.3 (452 Requested action not taken: insufficient system storage)"),
]

GMAIL_SESSION_ID = [
    Case("gmail-imap-no-with-session-id", "A1 NO [AUTHENTICATIONFAILED] Authentication failed. q13mb189540682pjq",
         ("app-password-required",), "https://github.com/mscdex/node-imap/issues/715 (the id's form); data/providers.yaml gmail"),
    Case("gmail-imap-no-v6-session-id", "a1 NO [AUTHENTICATIONFAILED] Authentication failed. c10-v6mb121001161uaq",
         ("app-password-required",), "https://github.com/mscdex/node-imap/issues/715"),
    # Differential: the same refusal without the id is no provider's; an id of another form is no Gmail's.
    Case("imap-no-without-id", "A1 NO [AUTHENTICATIONFAILED] Authentication failed.", ("password-rejected",),
         "RFC 5530 AUTHENTICATIONFAILED"),
    Case("imap-no-other-id", "A1 NO [AUTHENTICATIONFAILED] Authentication failed. session=ab12cd34", ("password-rejected",),
         "RFC 5530 AUTHENTICATIONFAILED"),
]

ALL = EXPECTED_CODE + TOO_MANY_RECIPIENTS + GMAIL_SESSION_ID


def test_named_once() -> None:
    assert_named_once(ALL)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_reads_as_its_source_says(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, (case.source, causes)


def test_wanted_code_alone_reads_as_no_reply() -> None:
    """A made-up "wanted ... but got" with no reply after it: the waited-for 220 is no greeting, so the
    text is not read as a success."""
    from mailexpert.errors import InputError
    from mailexpert.explain import explain
    try:
        report = explain(f"Wanted response code 220 but got {SSH}")
    except InputError:
        return  # declined: not read as fine
    assert report.diagnoses


def test_generic_failure_stays_generic() -> None:
    """A text that says only that the code was not the one expected names no specific cause."""
    causes = causes_of('Expected response code 220 but got code "", with message ""')
    assert "wrong-protocol-on-port" not in causes and causes


def test_provider_reply_patterns(tmp_path) -> None:
    """The provider table's reply_patterns: read as regular expressions of the lower-cased text; a
    table with one that is none is refused with its file named."""
    from mailexpert.errors import SettingsError
    from mailexpert.providers import ProviderTable, default_table, load_table

    assert default_table().by_reply("* ok gimap ready ... c10-v6mb121001161uaq").id == "gmail"
    assert default_table().by_reply("a1 no authentication failed. q13mb189540682pjq").id == "gmail"
    assert default_table().by_reply("a1 no authentication failed. xq13mb189540682pjqz") is None
    table = tmp_path / "providers.yaml"
    table.write_text("providers:\n  - id: example\n    reply_patterns: ['ref=[0-9a-f]{8}\\b']\n")
    extra = ProviderTable.load([table])
    assert extra.by_reply("550 denied ref=0badcafe").id == "example"
    table.write_text("providers:\n  - id: broken\n    reply_patterns: ['(unclosed']\n")
    with pytest.raises(SettingsError, match="reply_patterns"):
        load_table(table)


# A user's rule folder (``explain --rules DIR``) that looks for a word of its own in a reply: "unroutable",
# which the package's tables spell "unrouteable" (so a text's "unroutable" is one letter from their word).
USER_RULE = """\
cause: server-reply-permanent
title: The server refused with a permanent error that no specific rule explains
area: server-side
severity: error
confidence: likely
diagnosis:
  explanation: The recipient's domain has no route here.
  fix: ["Check the recipient's domain."]
  references: [https://www.rfc-editor.org/rfc/rfc5321]
rules:
  - id: my-unroutable-domain
    when:
      all:
        - {fact: server.reply, as: r, where: {text: {matches: '(?i)\\bunroutable\\b'}}}
    diagnosis:
      summary: "the server says the domain is unroutable"
    examples:
      fires: [{facts: [{kind: server.reply, protocol: smtp, stage: rcpt, code: 550, status: permanent, text: "5.1.2 Domain unroutable"}]}]
      silent: [{facts: [{kind: server.reply, protocol: smtp, stage: rcpt, code: 550, status: permanent, text: "5.1.2 Domain unrouteable"}]}]
"""


def test_a_user_rule_folders_words_are_not_retyped(tmp_path) -> None:
    """4. retyped.py repairs a word only into the package's own; a user's rule folder adds words of its own,
    which are then never made the package's, and only while that folder is read with."""
    from mailexpert import retyped
    from mailexpert.explain import explain

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "server-reply-permanent.yaml").write_text(USER_RULE, encoding="utf-8")
    text = "550 5.1.2 Domain unroutable"
    assert retyped.repaired(text) == "550 5.1.2 Domain unrouteable"
    with retyped.words_of([folder]):
        assert retyped.repaired(text) == text
    assert retyped.repaired(text) == "550 5.1.2 Domain unrouteable"
    report = explain(text, rule_folders=[folder])
    assert "my-unroutable-domain" in [d.rule for d in report.diagnoses]
    assert "my-unroutable-domain" not in [d.rule for d in explain(text).diagnoses]

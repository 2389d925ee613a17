"""A mail library's own refusal of an address it was given (SwiftMailer's and Symfony Mime's RFC 2822
check, PHPMailer's validateAddress, Go's net/mail parser, .NET's MailAddress): the sender or a
recipient in the program's settings is empty or no address, and nothing was sent -- no blocked port,
no server's refusal. Also two readings of servers' words that devices and applications quote: the
generic first line of a United Internet multi-line refusal that monit logs last, and Exim's sender
verification. Texts as their users pasted them (the source of each beside it)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise

ADDRESS_INVALID = [
    # github.com/nextcloud/server/issues/11632 (Nextcloud 14's test mail, the admin without an address)
    "Beim Senden der E-Mail ist ein Problem aufgetreten. Bitte überprüfe Deine Einstellungen. "
    "(Fehler: Address in mailbox given [admin@] does not comply with RFC 2822, 3.6.2.)",
    # a Laravel log of SwiftMailer with an empty sender (the exception as Laravel prints it)
    "Swift_RfcComplianceException: Address in mailbox given [] does not comply with RFC 2822, 3.6.2. in "
    "/var/www/vendor/swiftmailer/swiftmailer/lib/classes/Swift/Mime/Headers/MailboxHeader.php:355",
    # Symfony Mime (Laravel 9+), a placeholder left in MAIL_FROM_ADDRESS
    'Email "ISI_DENGAN_EMAIL_GMAIL_ANDA" does not comply with addr-spec of RFC 2822.',
    # github.com/knadh/listmonk/issues/1000 (listmonk's SMTP test with no From address set)
    "error sending SMTP test (Test connection): mail: no address",
    "mail: missing @ in addr-spec",
    # PHPMailer's setFrom with an empty sender
    "Invalid address:  (From): ",
    "System.FormatException: The specified string is not in the form required for an e-mail address.",
]


@pytest.mark.parametrize("text", ADDRESS_INVALID)
def test_an_address_the_library_refused_is_the_settings_not_the_network(text: str) -> None:
    assert [f.kind for f in recognise(text).facts] == ["client.address-invalid"]
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots[0] == "client-config-corrupt", roots
    assert not {"port-blocked-outbound", "port-closed", "sender-address-not-allowed"} & set(roots)


def test_the_diagnosis_says_no_server_was_asked() -> None:
    report = explain(ADDRESS_INVALID[0])
    summary = next(d.summary for d in report.diagnoses if d.cause == "client-config-corrupt")
    assert "refused an address" in summary and "admin@" in summary


def test_a_server_refusal_in_the_same_paste_says_more() -> None:
    text = ("mail: no address\n"
            "553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org")
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots[0] == "sender-address-not-allowed", roots


# github.com/opnsense/plugins/issues/145: monit logs the two lines of GMX's multi-line refusal apart, the
# generic RFC 5321 line last; the reason is the other line.
MONIT_GMX = ("May 3 22:25:03 \tmonit[93982]: Aborting event\n"
             "May 3 22:25:03 \tmonit[93982]: SMTP: Mailserver response error -- 550 Sender address is not allowed.\n"
             "May 3 22:25:03 \tmonit[93982]: Mail: Mailserver response error -- 550-Requested action not taken: mailbox unavailable")


def test_the_generic_550_line_defers_to_the_line_that_gives_the_reason() -> None:
    roots = [d.cause for d in explain(MONIT_GMX).diagnoses if d.is_root]
    assert roots[0] == "sender-address-not-allowed", roots


def test_the_generic_550_words_alone_are_still_read() -> None:
    # With nothing before it, the generic refusal is the reply; and a reply that says more beside the
    # generic words is read as it is, not passed over for an earlier one.
    alone = explain("550 Requested action not taken: mailbox unavailable")
    assert next(d.cause for d in alone.diagnoses if d.is_root) == "server-reply-permanent"
    text = ("450 Greylisted, please try again later\n"
            "550-Requested action not taken: mailbox unavailable\n550 Sender address is not allowed.")
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots[0] == "sender-address-not-allowed", roots


def test_exim_sender_verification_refuses_the_sender_address() -> None:
    # github.com/zulip/zulip/issues/23990 (Zulip's noreply@ address at a cPanel Exim host)
    text = ("Failed to send mails: {'umer.farooq@example.com': (550, b'Verification failed for "
            "<noreply@chat.example.com>\\nNo Such User Here\\nSender verify failed')}")
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots[0] == "sender-address-not-allowed", roots

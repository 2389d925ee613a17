"""A server's refusal of mail commands sent before EHLO/HELO ('503 5.5.1 Error: send HELO/EHLO
first') is the mail program's own protocol fault (RFC 5321 section 4.1.4; again after STARTTLS,
RFC 3207 section 4.2): client-outdated, not a generic permanent refusal. Real texts, sources beside."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

# Nim's smtp module, which sent no EHLO after STARTTLS (github.com/nim-lang/Nim issue 15029).
NIM_SESSION = """S:220 ellomb.netlib.re ESMTP ready
C:HELO mailu.mildred.fr
S:250 ellomb.netlib.re
C:STARTTLS
S:220 2.0.0 Start TLS
C:AUTH LOGIN
S:334 VXNlcm5hbWU6
S:235 2.0.0 OK
C:MAIL FROM:<nimnews@bourderie.mildred.fr>
S:503 5.5.1 Error: send HELO/EHLO first
C:QUIT"""
# Dolce's SMTP notifier against Postfix (github.com/dangrie158/dolce issue 33).
DOLCE = ("2026-01-11T14:58:57.667971235Z ERROR\tmain\t failed to send notification with SmtpNotifier: "
         "Error: 503: 5.5.1 Error: send HELO/EHLO first")
# nette/mail against Exchange Online (github.com/nette/mail issue 71).
NETTE_EXCHANGE = ("Nette\\Mail\\SmtpException\nSMTP server did not accept STARTTLS with error: 503 5.5.2 Send hello "
                  "first [DB5EUR03FT018.eop-EUR03.prod.protection.outlook.com]")


@pytest.mark.parametrize("text", ["503 5.5.1 Error: send HELO/EHLO first", NIM_SESSION, DOLCE, NETTE_EXCHANGE])
def test_mail_commands_before_ehlo_are_the_programs_fault(text: str) -> None:
    top = explain(text).top
    assert top is not None
    assert (top.cause, top.rule) == ("client-outdated", "client-outdated-no-ehlo"), (top.cause, top.rule)


def test_another_bad_sequence_is_not() -> None:
    top = explain("503 5.5.1 Error: authentication not enabled").top
    assert top is not None and top.rule != "client-outdated-no-ehlo"

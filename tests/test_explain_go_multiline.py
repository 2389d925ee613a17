"""Go's net/smtp error of a multi-line reply: net/textproto's ReadResponse joins the reply's lines
with a newline and drops the basic code from every line after the first, so the error prints
"535 5.7.8 ... Learn more at" and then the rest on lines that begin with the enhanced code alone.
The reply is read across those lines, as the same reply in its wire form is. Real texts, sources
beside."""

from __future__ import annotations

import re

import pytest

from mailexpert.explain import explain
from mailexpert.replies import find_reply

# gomail against Gmail, the error panicked (github.com/go-gomail/gomail issue 133).
GOMAIL = """panic: 535 5.7.8 Username and Password not accepted. Learn more at
5.7.8  https://support.google.com/mail/?p=BadCredentials 195sm9531505pfc.50 - gsmtp

goroutine 1 [running]:
main.SendEmail()"""
# drone-email (Go) against Gmail: logrus's line with the error quoted (its newline escaped),
# then the error printed as it is (github.com/drillster/drone-email issue 51).
DRONE_EMAIL = """time="2021-09-14T13:08:21Z" level=error msg="Error while dialing SMTP server: 535 5.7.8 Username and Password not accepted. Learn more at\\n5.7.8  https://support.google.com/mail/?p=BadCredentials o13sm8619455wri.53 - gsmtp"
535 5.7.8 Username and Password not accepted. Learn more at
5.7.8  https://support.google.com/mail/?p=BadCredentials o13sm8619455wri.53 - gsmtp"""
# The same reply in its wire form, as nodemailer quotes it (github.com/jef/streetmerchant issue 1190).
WIRE = """535-5.7.8 Username and Password not accepted. Learn more at
535 5.7.8  https://support.google.com/mail/?p=BadCredentials PASSWORD - gsmtp"""
# Gmail's web-login refusal in its wire form, four lines (as Gmail sends it to every client).
WIRE_WEB_LOGIN = """534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1> Please log in via your web browser and
534-5.7.14 then try again.
534-5.7.14  Learn more at
534 5.7.14  https://support.google.com/mail/answer/78754 a3sm1 - gsmtp"""


def go_error(wire: str) -> str:
    """What Go's net/smtp prints for a reply read off the wire: textproto.Error's "%03d %s" of
    ReadResponse's message, the lines after the first without their code (parseCodeLine's line[4:])."""
    lines = wire.split("\n")
    return "\n".join([lines[0][:3] + " " + lines[0][4:], *(line[4:] for line in lines[1:])])


@pytest.mark.parametrize("text", [GOMAIL, DRONE_EMAIL])
def test_gos_reply_is_read_across_its_lines(text: str) -> None:
    reply, _ = find_reply(text)
    assert (reply["code"], reply["enhanced"]) == (535, "5.7.8")
    words = " ".join(reply["text"].split())
    assert words.startswith("5.7.8 Username and Password not accepted. Learn more at 5.7.8 https://")
    assert words.endswith("?p=BadCredentials " + re.search(r"BadCredentials (\S+)", text).group(1) + " - gsmtp")
    assert "goroutine" not in words
    top = explain(text).top
    # Google's reply names Gmail, which takes only app passwords from mail programs.
    assert top is not None and top.cause == "app-password-required", top


@pytest.mark.parametrize("wire", [WIRE, WIRE_WEB_LOGIN])
def test_gos_form_reads_as_the_wire_form(wire: str) -> None:
    go = go_error(wire)
    assert go.count("\n") == wire.count("\n") and not re.search(r"^\d{3}", go.split("\n", 1)[1], re.MULTILINE)
    assert find_reply(go)[0] == find_reply(wire)[0]


def test_only_lines_with_the_replys_own_enhanced_code_go_on() -> None:
    """A next line with another enhanced code, or none, is not the reply's (a client's own line,
    another reply); the words the first line has stay the reply's."""
    for after in ("5.7.1 Relay access denied", "  5.7.80 not this one", "4.7.8 not this one either"):
        reply, _ = find_reply("535 5.7.8 Username and Password not accepted. Learn more at\n" + after)
        assert reply["text"] == "5.7.8 Username and Password not accepted. Learn more at", after

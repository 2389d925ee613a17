"""Python smtplib's "please run connect() first" (SMTPServerDisconnected raised by SMTP.send when
the object has no socket): the program never connected -- no host was given to it -- or it used a
connection that had been closed before. No command reached a server on it, so it is no blocked or
closed port. Texts as their users pasted them (the source of each beside it)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise

NOT_CONNECTED = [
    # github.com/pmclanahan/django-celery-email/issues/39 (an empty EMAIL_HOST, per the thread)
    "SMTPServerDisconnected('please run connect() first',)",
    # github.com/pixelated/pixelated-user-agent/issues/88 (MAIL FROM on a closed connection)
    '  File "/usr/lib/python2.7/smtplib.py", line 721, in sendmail\n'
    "    (code, resp) = self.mail(from_addr, esmtp_opts)\n"
    '  File "/usr/lib/python2.7/smtplib.py", line 328, in send\n'
    "    raise SMTPServerDisconnected('please run connect() first')\n"
    "SMTPServerDisconnected: please run connect() first",
    # github.com/odoo/odoo/issues/13505 (Odoo 8 through smtp.zoho.com)
    "2016-09-16 15:37:55,024 14221 ERROR productions openerp.addons.base.ir.ir_mail_server: Mail delivery failed "
    "via SMTP server 'smtp.zoho.com'.\nSMTPServerDisconnected: please run connect() first",
]


@pytest.mark.parametrize("text", NOT_CONNECTED)
def test_a_command_without_a_connection_is_no_blocked_port(text: str) -> None:
    assert [f.kind for f in recognise(text).facts] == ["client.not-connected"]
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert set(roots[:2]) == {"client-config-corrupt", "server-protocol-error"}, roots
    assert not {"port-blocked-outbound", "port-closed", "smtp-port25-blocked"} & set(roots)


# github.com/git-multimail/git-multimail/issues/136 (quit() after the messages went out)
QUIT_RAISED = ("remote:   File \"/usr/lib/python2.7/smtplib.py\", line 756, in quit\n"
               "remote:     res = self.docmd(\"quit\")\n"
               "remote:   File \"/usr/lib/python2.7/smtplib.py\", line 328, in send\n"
               "remote:     raise SMTPServerDisconnected('please run connect() first')\n"
               "remote: SMTPServerDisconnected: please run connect() first")


def test_the_words_raised_from_quit_are_the_programs_clean_up() -> None:
    """Raised from quit(): the program ended a session that had already closed and let the exception escape, which
    smtplib's own context manager swallows (cpython Lib/smtplib.py SMTP.__exit__: except SMTPServerDisconnected:
    pass); its error stands in place of the first one. A defect of the program, still no blocked port."""
    assert [f.kind for f in recognise(QUIT_RAISED).facts] == ["client.crash"]
    roots = [d.cause for d in explain(QUIT_RAISED).diagnoses if d.is_root]
    assert roots[:1] == ["client-outdated"], roots
    assert not {"port-blocked-outbound", "port-closed", "smtp-port25-blocked"} & set(roots)


def test_the_two_readings_say_what_the_words_mean() -> None:
    report = explain(NOT_CONNECTED[0])
    summaries = {d.cause: d.summary for d in report.diagnoses if d.is_root}
    assert "no mail server host" in summaries["client-config-corrupt"]
    assert "already closed" in summaries["server-protocol-error"]


def test_the_reply_that_closed_the_session_says_more() -> None:
    # The server's 421 printed before the later error is what ended the session.
    text = ("smtplib.SMTPSenderRefused: (421, b'4.7.0 Try again later, closing connection. (MAIL)', 'a@example.com')\n"
            "smtplib.SMTPServerDisconnected: please run connect() first")
    assert "client.not-connected" not in {f.kind for f in recognise(text).facts}

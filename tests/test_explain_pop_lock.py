"""A POP3 server refuses a login while another session holds the mailbox's lock; qpopper says so in
its own words ("/usr/mail/.user.pop lock busy! Is another session active?"), also when Outlook wraps
the reply in its 0x800CCC92 "rejected your login" dialog."""

from __future__ import annotations

from mailexpert.explain import explain


def _top(text: str) -> str:
    report = explain(text)
    return report.diagnoses[0].cause if report.diagnoses else "none"


def test_qpopper_lock_busy_reply_is_the_mailbox_in_use() -> None:
    assert _top("-ERR [IN-USE] /usr/mail/.jdoe.pop lock busy!  Is another session active? (11)") == "mailbox-in-use"


def test_outlook_0x800ccc92_with_the_lock_reply_is_not_a_wrong_password() -> None:
    text = ("Task 'mail.example.com - Sending and Receiving' reported error (0x800CCC92): 'Your e-mail server "
            "rejected your login.  Verify your user name and password in your account properties.  The server "
            "responded: -ERR /usr/mail/.jdoe.pop lock busy! Is another session active? (11)'")
    assert _top(text) == "mailbox-in-use"


def test_outlook_0x800ccc92_alone_stays_a_rejected_password() -> None:
    text = ("Task 'mail.example.com - Receiving' reported error (0x800CCC92): 'Your e-mail server rejected your "
            "login.  Verify your user name and password in your account properties.  The server responded: "
            "-ERR Authentication failed.'")
    assert _top(text) == "password-rejected"


def test_a_busy_line_that_is_no_lock_stays_silent_about_the_mailbox() -> None:
    assert _top("-ERR [AUTH] Authentication failed.") != "mailbox-in-use"

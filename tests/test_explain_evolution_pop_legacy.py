"""Evolution 2.x-3.0 began its POP3 login refusals with "Unable to connect to POP server %s." even
though the server had answered (camel-pop3-store.c, pop3_try_authenticate): "Error sending
password" after it says the PASS command failed, and the server's -ERR line that follows says why."""

from __future__ import annotations

from mailexpert.explain import explain


def _top(text: str) -> str:
    report = explain(text)
    return report.diagnoses[0].cause if report.diagnoses else "none"


def test_pass_refused_with_an_auth_code_is_a_rejected_password_not_a_blocked_port() -> None:
    text = "Unable to connect to POP server pop.example.net.\nError sending password: -ERR [AUTH] authentication failed"
    assert _top(text) == "password-rejected"


def test_the_servers_own_code_after_it_still_decides() -> None:
    text = "Unable to connect to POP server mail.example.com.\nError sending password: -ERR [SYS/TEMP] Service temporarily unavailable"
    assert _top(text) == "server-unavailable"
    text = "Unable to connect to POP server pop.example.com.\nError sending password: -ERR [SYS/PERM] pop not allowed for user."
    assert _top(text) == "protocol-disabled-for-account"


def test_unable_to_connect_alone_is_still_no_login_refusal() -> None:
    assert _top("Unable to connect to POP server pop.example.net.\n") != "password-rejected"


def test_a_login_temporarily_unavailable_is_no_server_without_authentication() -> None:
    # Evolution passing on the socket's EAGAIN ("Resource temporarily unavailable") while it sent
    # PASS: the login failed for now; the server did not say it offers no login (and this is POP3,
    # not SMTP).
    for text in ("Unable to connect to POP server pop3.example.net.\nError sending password: Resource temporarily unavailable",
                 "Error sending password: Resource temporarily unavailable"):
        causes = [d.cause for d in explain(text).diagnoses]
        assert causes and "smtp-auth-not-enabled" not in causes and "auth-requires-tls" not in causes, causes

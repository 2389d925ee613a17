"""A mail proxy's log of a login its auth service refused quotes that service's status after its own
generic words: nginx's mail module writes 'client login failed: "<status>"' (nginx/nginx:
src/mail/ngx_mail_auth_http_module.c). The quoted status says why; "login failed" only that."""

from __future__ import annotations

from mailexpert.explain import explain

# Mailu's auth service (Mailu/Mailu:core/admin/mailu/internal/nginx.py) answers any login on port 25
# with "AUTH not supported" (502 5.5.1): the relay port takes no logins.
_MAILU_PORT_25 = ('2024/03/02 10:11:12 [info] 14#14: *3 client login failed: "AUTH not supported" while in '
                  'http auth state, client: 203.0.113.5, server: 0.0.0.0:25, login: "user@example.org"')


def test_a_quoted_auth_not_supported_is_no_refused_password() -> None:
    report = explain(_MAILU_PORT_25)
    causes = [d.cause for d in report.diagnoses]
    assert report.top is not None and report.top.cause in ("smtp-auth-not-enabled", "mx-host-used-for-submission"), causes
    assert "password-rejected" not in causes, causes


def test_a_quoted_refused_password_still_reads_as_one() -> None:
    text = ('client login failed: "Authentication credentials invalid" while in http auth state, '
            'client: 203.0.113.5, server: 0.0.0.0:587, login: "user@example.org"')
    top = explain(text).top
    assert top is not None and top.cause == "password-rejected", top


def test_login_failed_without_a_quote_reads_as_before() -> None:
    top = explain("Login failed").top
    assert top is not None and top.cause == "password-rejected", top

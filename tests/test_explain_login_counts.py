"""What outranks a refused password in a login's refusal, in sentences no table row holds (as a held-out text's
sentence nobody collected):

- a refusal that counts the account's logins -- how many (bad or failed attempts, "too many times" after a login's
  verb, the maximum number of auth attempts) or how often ("log in too frequently") -- is a throttle on the logins
  (RFC 5530 LIMIT, RFC 4954 454 4.7.0), whatever the password; in a reply that can only answer a login (535,
  AUTHENTICATIONFAILED, [AUTH]) its bare "too many attempts" says so too;
- POP3's APOP (RFC 1939 section 7) is a login method of its own: the server that does not support it offers no such
  mechanism, and that is not SMTP AUTH switched off nor a login before TLS;

and what keeps its reading: a sending rate in the same words at no login is no throttle on logins, and the generic
refusals ("authentication failed", "Incorrect authentication data", "Unknown user or incorrect password") tell
nothing more than a refused password.

Each text is of this file's own making, with the public source of the words it uses."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

THROTTLE = ("account-locked", "too-many-connections")
MECHANISM = ("auth-mechanism-unsupported",)
PASSWORD = ("password-rejected",)

CASES = [
    Case("a 535 that counts its attempts", "535 Authentication failed: too many attempts, try again later", THROTTLE,
         "RFC 4954 section 6 (535); RFC 5530 section 3 (LIMIT)"),
    Case("a 535 that counts the user's logins in times", "535 auth failed (this account authenticated too many times)",
         THROTTLE, "RFC 4954 section 6; Microsoft account's 'You've tried to sign in too many times' (support.microsoft.com 3584197b)"),
    Case("a 535 that says the logins come too often", "535 Error: login too frequently, please try again in 10 minutes",
         THROTTLE, "RFC 4954 section 6; RFC 5530 section 3 (LIMIT)"),
    Case("an IMAP NO that counts the logins", "a1 NO LOGIN failed: you have logged in too many times, wait an hour",
         THROTTLE, "RFC 9051 section 6.2.3 (LOGIN refused with NO); RFC 5530 section 3"),
    Case("AUTHENTICATIONFAILED with failures counted",
         "a1 NO [AUTHENTICATIONFAILED] Too many failures for this account, try later", THROTTLE,
         "RFC 5530 section 3 (AUTHENTICATIONFAILED, LIMIT)"),
    Case("the maximum number of auth attempts", "454 4.7.0 Maximum number of auth attempts reached. Please try again later",
         THROTTLE, "jedireza/aqua#275 ('Maximum number of auth attempts reached. Please try again later'); RFC 4954 454"),
    Case("a client's frame, then the server's count in its own sentence",
         "Authentication failed. Update your server settings.\nYou have logged in too many times, try again later",
         THROTTLE, "thunderbird/thunderbird-android (K-9's 'Authentication failed'); Microsoft account's lockout words"),
    Case("APOP not supported, in a library's words", "Mail::POP3Client: APOP not supported by server", MECHANISM,
         "python/cpython:Lib/poplib.py (apop: 'APOP not supported by server'); RFC 1939 section 7"),
    Case("a POP3 server that does not support APOP", "POP3 server pop.example.org does not support APOP", MECHANISM,
         "RFC 1939 section 7 (APOP offered only with a timestamp in the greeting)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_general_words_decide(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes, f"declined or called fine: {case.text!r} ({case.source})"
    assert causes[0] in case.causes, (causes, case.source)


@pytest.mark.parametrize("text", [
    "550 5.7.1 You are sending mail too frequently, please slow down",
    "451 4.7.1 You are sending too often, slow down",
])
def test_a_sending_rate_at_no_login_is_no_throttle_on_logins(text: str) -> None:
    assert "account-locked" not in causes_of(text)


@pytest.mark.parametrize("text", [
    "535 5.7.8 Error: authentication failed: authentication failure",
    "a1 NO [AUTHENTICATIONFAILED] Authentication failed.",
    "-ERR [AUTH] Authentication failed.",
    "535 Incorrect authentication data",
    "2 NO LOGIN Unknown user or incorrect password",
    "Login failed",
])
def test_a_generic_refusal_keeps_the_refused_password(text: str) -> None:
    assert causes_of(text)[:1] == list(PASSWORD), causes_of(text)


def test_a_count_of_something_else_is_no_locked_account() -> None:
    """"too many times" counts anything: only after a login's verb is it the logins."""
    assert "account-locked" not in causes_of("The message was deferred too many times")

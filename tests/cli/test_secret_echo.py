"""A server that echoes the password (in a login failure reply or in its greeting), raw and as
SASL PLAIN and LOGIN base64: the password appears in no report format, no saved bundle and
no error message. The lab's ``echo`` fault plays such a server on SMTP, IMAP and POP3."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cli_helpers import PASSWORD_VAR, cli_env, lab_args, run_cli

from mailexpert.lab import Fault, Lab


def _forms(username: str, password: str) -> list[str]:
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    return [password, b64(password), b64(f"\0{username}\0{password}")]


@pytest.mark.parametrize(("scenario", "where"), [("password-rejected", "reply"), ("healthy", "greeting")])
def test_an_echoed_password_is_scrubbed_everywhere(tmp_path: Path, scenario: str, where: str) -> None:
    with Lab(scenario=scenario, faults=[Fault("echo", "mail:*", where)]) as lab:
        t = lab.target
        args = [*lab_args(t), "--pop3", "mail.example.test:995/ssl"]
        env = cli_env(**{PASSWORD_VAR: t.password})
        saved = tmp_path / "facts.json"
        outputs = []
        for fmt in ("text", "markdown", "json"):
            extra = ["--save-facts", str(saved)] if fmt == "json" else []
            result = run_cli("diagnose", t.email, *args, "--format", fmt, "-v", *extra, env=env, timeout=180)
            assert result.returncode in (0, 1), result.stderr
            outputs += [result.stdout, result.stderr]
        bundle = saved.read_text()
    report = json.loads(outputs[4])
    texts = " ".join(str(f.get("text", "")) for f in report["facts"])
    assert "<redacted>" in texts  # the server did echo it, and it was caught
    for secret in _forms(t.username, t.password):
        for text in [*outputs, bundle]:
            assert secret not in text


#: Pasted texts that show a secret by the syntax that carries it; each also repeats it in the
#: line that is read as the server's reply, where it would otherwise be shown.
_PASTED = {
    "smtp-auth-plain": ("C: AUTH PLAIN {plain}\nS: 535 5.7.8 Authentication credentials invalid [{plain}] {password}",
                        "535"),
    "smtp-auth-login": (">>> AUTH LOGIN\n<<< 334 VXNlcm5hbWU6\n>>> {b64user}\n<<< 334 UGFzc3dvcmQ6\n>>> {b64password}\n"
                        "<<< 535 5.7.8 Username and Password not accepted {password} {b64password}", "535"),
    "imap-login": ('a1 LOGIN alice "{password}"\na1 NO [AUTHENTICATIONFAILED] Authentication failed for {password}.',
                   "AUTHENTICATIONFAILED"),
    "pop3-pass": ("USER alice\n+OK\nPASS {password}\n-ERR [AUTH] Authentication failed {password}.", "AUTH"),
    "url-userinfo": ("curl: (67) Login denied for imaps://alice:{password}@imap.example.org/INBOX", "curl"),
    "setting": ("Error: Invalid login: 535-5.7.8 Username and Password not accepted. password={password}", "535"),
}


@pytest.mark.parametrize("name", sorted(_PASTED))
def test_a_secret_in_a_pasted_text_is_never_shown(name: str) -> None:
    password = "Tr0ub4dor&3x"
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    template, kept = _PASTED[name]
    text = template.format(password=password, plain=b64(f"\0alice\0{password}"), b64user=b64("alice"),
                           b64password=b64(password))
    for fmt in ("text", "markdown", "json"):
        result = run_cli("explain", "-v", "--format", fmt, "-", input=text)
        assert result.returncode == 1, result.stderr
        assert kept in result.stdout  # the reply is still shown ...
        for secret in (password, b64(password), b64(f"\0alice\0{password}")):
            assert secret not in result.stdout + result.stderr  # ... without the secret
    assert "<redacted>" in result.stdout


@pytest.mark.parametrize("text", [
    "503 AUTH COMMAND USED WHEN NOT ADVERTISED",
    "Error: AUTH LOGIN failed: '535 Incorrect authentication data: authentication failed",
    "a0 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
    "-ERR PASS rejected",
    "SMTP -> ERROR: AUTH not accepted from server: 530 5.7.7 Must issue a STARTTLS command first",
    "a1 LOGIN alice ***\na1 NO Basic authentication is disabled.",
])
def test_words_about_a_login_are_not_taken_for_secrets(text: str) -> None:
    from mailexpert.redact import pasted_secrets

    assert pasted_secrets(text) == []


#: Pasted OAuth2 texts that show a token or the client's secret: a token request's query or
#: body, the token endpoint's JSON, an HTTP Bearer header, an XOAUTH2 initial response.
_TOKEN = "1//0gX7kQ2vLmN9pR4tY8wZ"
_PASTED_OAUTH = {
    "query": ("InvalidGrantError: (invalid_grant) Bad Request for url https://oauth2.example.org/token?"
              "grant_type=refresh_token&refresh_token={token}&client_secret={token}x", "invalid_grant"),
    "json": ('token request failed: {{"error":"invalid_grant","refresh_token":"{token}",'
             '"client_secret":"{token}x","access_token": "{token}y"}}', "invalid_grant"),
    "bearer": ("GET /mail HTTP/1.1\nAuthorization: Bearer {token}\nHTTP/1.1 401 Unauthorized\n"
               "535 5.7.3 Authentication unsuccessful {token}", "535"),
    "xoauth2": ("C: AUTH XOAUTH2 {xoauth2}\nS: 535 5.7.3 Authentication unsuccessful {token}", "535"),
    # IMAP without SASL-IR: the response follows the "+" continuation, a token of a few
    # thousand characters as Microsoft's are.
    "xoauth2-continuation": ("a1 AUTHENTICATE XOAUTH2\n+ \n{xoauth2_long}\na1 NO AUTHENTICATE failed. {long}",
                             "AUTHENTICATE failed"),
}


@pytest.mark.parametrize("name", sorted(_PASTED_OAUTH))
def test_an_oauth2_token_or_client_secret_in_a_pasted_text_is_never_shown(name: str) -> None:
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    template, kept = _PASTED_OAUTH[name]
    long = _TOKEN + "eyJ0eXAiOiJKV1QiLCJub25jZSI6" * 80
    text = template.format(token=_TOKEN, xoauth2=b64(f"user=alice@example.org\1auth=Bearer {_TOKEN}\1\1"),
                           long=long, xoauth2_long=b64(f"user=alice@example.org\1auth=Bearer {long}\1\1"))
    for fmt in ("text", "json"):
        result = run_cli("explain", "-v", "--format", fmt, "-", input=text)
        assert result.returncode == 1, result.stderr
        assert kept in result.stdout
        assert _TOKEN not in result.stdout + result.stderr
        assert "<redacted>" in result.stdout


@pytest.mark.parametrize("text", [
    "WWW-Authenticate: Bearer realm=\"mail\", error=\"invalid_token\"",
    "The Bearer authentication failed: grant_type=refresh_token",
    'TokenStore::Refresh: code=400, response={"error":"invalid_grant"}',
])
def test_words_about_a_token_are_not_taken_for_secrets(text: str) -> None:
    from mailexpert.redact import pasted_secrets

    assert pasted_secrets(text) == []


def test_a_secret_cut_short_by_a_length_bound_is_scrubbed_too() -> None:
    """A reply cut at its bound ('…', '…[truncated]') may end in the first part of a long
    token: that part goes as the whole token does; ordinary text before a cut stays."""
    from mailexpert.redact import Scrubber

    scrub = Scrubber(["ya29.a0AfB_long-token-1234567890"])
    assert scrub("NO refused ya29.a0AfB_lo…[truncated]") == "NO refused <redacted>…[truncated]"
    assert scrub("token ya29.a0AfB_long-token-1234567890 then ya2…") == "token <redacted> then <redacted>…"
    assert scrub("a text cut short…") == "a text cut short…"
    assert scrub("NO refused y…") == "NO refused y…"  # fewer than 3 characters say nothing


def test_http_basic_credentials_a_verbose_client_shows_are_secrets() -> None:
    """curl -v prints the Authorization header it sends: base64 of user:password (RFC 7617)."""
    from mailexpert.redact import pasted_secrets

    blob = base64.b64encode(b"alice:Tr0ub4dor&3x").decode()
    assert pasted_secrets(f"> Authorization: Basic {blob}\r\n< HTTP/1.1 401 Unauthorized") == [blob, "Tr0ub4dor&3x"]
    assert pasted_secrets("WWW-Authenticate: Basic realm=\"mail\"") == []


#: OAuth2's other secrets in pasted texts: the authorization code in the redirect a user pastes
#: back into a mail program's setup script (getmail6/getmail6#241: 'http://localhost?code=...&state=12345',
#: getmail-gmail-xoauth-tokens) and in the token request's form body, a JWT grant's assertion
#: (RFC 7523 2.1) and a client assertion, PKCE's code_verifier (RFC 7636), and "code" in JSON.
_CODE = "M.C507_BAY.2.U.8a3f0c1e-77d2-4b8e-9c3a-5d1f2e6b7a90"
_JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJtYWlsLXN5bmNAZXhhbXBsZS5vcmcifQ.c2lnbmF0dXJlLW9mLXRoZS1rZXk"
_PASTED_GRANTS = {
    "redirect": ("getmail-gmail-xoauth-tokens --init: invalid_grant for the code in "
                 "\"http://localhost?code={code}&state=12345\" (IMAP XOAUTH2)", "invalid_grant"),
    "form body": ("IMAP XOAUTH2 sign-in: 400 invalid_grant for POST https://oauth2.example.org/token "
                  "grant_type=authorization_code&code={code}&code_verifier={code}v&redirect_uri=http://localhost:8083",
                  "invalid_grant"),
    "jwt grant": ("IMAP XOAUTH2 for the mailbox: invalid_grant: Invalid JWT Signature. "
                  "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={jwt}", "invalid_grant"),
    "client assertion": ("SMTP XOAUTH2: AADSTS7000215: Invalid client secret provided. client_assertion_type="
                         "urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion={jwt}",
                         "AADSTS7000215"),
    "json": ('token exchange for IMAP XOAUTH2 failed: {{"error": "invalid_grant", "code": "{code}", '
             '"assertion": "{jwt}"}}', "invalid_grant"),
}


@pytest.mark.parametrize("name", sorted(_PASTED_GRANTS))
def test_an_oauth2_code_or_assertion_in_a_pasted_text_is_never_shown(name: str) -> None:
    template, kept = _PASTED_GRANTS[name]
    text = template.format(code=_CODE, jwt=_JWT)
    for fmt in ("text", "json"):
        result = run_cli("explain", "-v", "--format", fmt, "-", input=text)
        assert result.returncode == 1, result.stdout + result.stderr
        assert kept in result.stdout
        assert _CODE not in result.stdout + result.stderr and _JWT not in result.stdout + result.stderr
        assert "<redacted>" in result.stdout


@pytest.mark.parametrize("text", [
    "SMTP error code=535 response",
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}',
    "https://login.example.org/?error=invalid_request&code=AADSTS900144abcdefgh",
    "https://accounts.example.org/o/oauth2/auth?response_type=code&scope=https://mail.google.com/",
    "?code=1234567890123456789",
])
def test_a_status_or_error_named_code_is_no_secret(text: str) -> None:
    from mailexpert.redact import pasted_secrets

    assert pasted_secrets(text) == []

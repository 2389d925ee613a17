"""OAuth2 sign-in failures, as mail programs and their token helpers print them: a refresh token the
identity provider no longer accepts, a token the mail server refuses, an app without consent, a
sign-in that needs a second factor. Each text is a real one (its source beside it), cut to the
lines that matter; a token error with nothing of mail in it stays declined."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain, logged_mechanism, recognise

#: (text, source, the rule of oauth-token-rejected that reads it)
TOKEN_TEXTS = [
    # sasl-xoauth2 (Postfix's relay to Microsoft 365) logs the token endpoint's answer.
    ('TokenStore::Refresh: code=400, response={"error":"invalid_grant","error_description":"AADSTS700082: '
     'The refresh token has expired due to inactivity. The token was issued on 2022-01-03T09:39:41.5631952Z '
     'and was inactive for 90.00:00:00."}',
     "https://github.com/tarickb/sasl-xoauth2/issues/30", "oauth-token-rejected-expired"),
    # PHPMailer's OAuth through league/oauth2-google, a week after the token was made.
    ("PHP Fatal error:  Uncaught League\\OAuth2\\Client\\Provider\\Exception\\IdentityProviderException: "
     "invalid_grant in /var/www/html/mailer/vendor/league/oauth2-google/src/Provider/Google.php:118",
     "https://github.com/PHPMailer/PHPMailer/issues/2865", "oauth-token-rejected-expired"),
    # imapsync against Exchange Online, an hour after the access token was made.
    ("could not append to folder INBOX: Error sending '2958 APPEND INBOX': * BYE Session invalidated - "
     "AccessTokenExpired; 2959 NO AUTHENTICATE failed.",
     "https://github.com/imapsync/imapsync/issues/250", "oauth-token-rejected-expired"),
    # nodemailer: the access token expired and could not be renewed (EOAUTH2).
    ("Error: Can't create new access token for user\n    at XOAuth2.getToken (node_modules/nodemailer/lib/xoauth2/index.js:102:25)",
     "nodemailer/nodemailer:lib/xoauth2/index.js", "oauth-token-rejected-expired"),
    # Microsoft Entra's consent and multi-factor refusals, in its own words.
    ("AADSTS65001: The user or administrator has not consented to use the application with ID "
     "'08162f7c-0fd2-4200-a84a-f25a4db0b584' named 'Thunderbird'.",
     "https://learn.microsoft.com/entra/identity-platform/reference-error-codes", "oauth-token-rejected-consent"),
    ("AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new "
     "location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'.",
     "https://learn.microsoft.com/entra/identity-platform/reference-error-codes", "oauth-token-rejected-mfa"),
    ("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client "
     "secret value, not the client secret ID, for a secret added to app '3f7a1c2e-0000-4000-8000-1234567890ab'.",
     "https://learn.microsoft.com/entra/identity-platform/reference-error-codes", "oauth-token-rejected-client"),
]


@pytest.mark.parametrize(("text", "source", "rule"), TOKEN_TEXTS, ids=[t[2] + "-" + str(i) for i, t in enumerate(TOKEN_TEXTS)])
def test_a_token_refusal_is_the_tokens(text: str, source: str, rule: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == "oauth-token-rejected", (source, [d.cause for d in explain(text).diagnoses])
    assert top.rule == rule, source


#: A mail server's refusal of a login whose mechanism the text shows was XOAUTH2.
REFUSED_TOKENS = [
    # imapsync against Exchange Online: Microsoft's IMAP words for any refused login.
    ("Err 1/1: Host1 failure: Error login on [outlook.office365.com] with user [user@thecompany.com] "
     "auth [XOAUTH2 accesstoken]: 2 NO AUTHENTICATE failed.",
     "https://github.com/imapsync/imapsync/issues/250"),
    # msmtp names the mechanism its refused login used; Exchange Online's SMTP words for it.
    ("msmtp: authentication failed (method XOAUTH2)\nmsmtp: server message: 535 5.7.3 Authentication unsuccessful "
     "[SN4PR0201CA0045.namprd02.prod.outlook.com]",
     "marlam/msmtp:src/smtp.c (smtp_auth_xoauth2)"),
    # Swiftmailer (FreeScout) through its XOAUTH2 authenticator, against Exchange Online.
    ('Failed to authenticate on SMTP server with username "helpdesk@example.com" using 1 possible authenticators. '
     'Authenticator XOAUTH2 returned Swift_TransportException: Expected response code 235 but got code "535", with '
     'message "535 5.7.3 Authentication unsuccessful [AM0PR01CA0001.CHEP278.PROD.OUTLOOK.COM]"',
     "https://github.com/freescout-help-desk/freescout/issues/4935"),
    # Thunderbird's own message for a failed OAuth2 sign-in (messenger.properties oAuth2Error), and its
    # German translation: the program says the login was OAuth2's.
    ("Authentication failure while connecting to server outlook.office365.com.",
     "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messenger.properties (oAuth2Error)"),
    ("Authentifizierungsfehler beim Verbinden mit dem Server imap.gmail.com.",
     "thunderbird/thunderbird-l10n:de/mail/chrome/messenger/messenger.properties (oAuth2Error)"),
    # mbsync whose SASL library picked XOAUTH2 and sent the account password as the token.
    ("IMAP command 'AUTHENTICATE XOAUTH2 SOMEHASH=' returned an error: NO [AUTHENTICATIONFAILED] Invalid "
     "credentials (Failure)",
     "https://github.com/NixOS/nixpkgs/pull/235959"),
]


@pytest.mark.parametrize(("text", "source"), REFUSED_TOKENS)
def test_a_refused_xoauth2_login_is_no_wrong_password(text: str, source: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == "oauth-token-rejected", source
    assert report.top.rule == "oauth-token-rejected"
    # The password readings (basic authentication off at Microsoft, a wrong password) step aside.
    assert {"basic-auth-disabled", "password-rejected"}.isdisjoint(
        d.cause for d in report.diagnoses if d.rank == 1), [d.cause for d in report.diagnoses]


def test_a_fallback_to_a_password_is_the_passwords() -> None:
    # The program tried XOAUTH2, was refused, then sent the password: the last refusal is the password's.
    text = ("C: AUTH XOAUTH2 dXNlcj1h\nS: 334 eyJzdGF0dXMiOiI0MDEifQ==\nC: \nS: 535 5.7.8 no\nC: AUTH LOGIN\n"
            "S: 535-5.7.8 Username and Password not accepted. For more information, go to\n"
            "S: 535 5.7.8  https://support.google.com/mail/?p=BadCredentials")
    assert explain(text).top.cause != "oauth-token-rejected"


def test_the_same_refusal_of_a_password_login_stays_the_passwords() -> None:
    # No mechanism shown: Exchange's words for a refused password login.
    text = "Error login on [outlook.office365.com] with user [user@thecompany.com] auth [LOGIN]: 2 NO AUTHENTICATE failed."
    assert explain(text).top.cause == "basic-auth-disabled"
    assert explain("a1 NO [AUTHENTICATIONFAILED] Authentication failed.").top.cause == "password-rejected"
    # Gmail's words: its password policy, still no OAuth token's refusal.
    assert explain("NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)").top.cause == "app-password-required"


@pytest.mark.parametrize(("text", "mechanism"), [
    ("C: A1 AUTHENTICATE XOAUTH2 dXNlcj1h\nS: A1 NO AUTHENTICATE failed.", "XOAUTH2"),
    ("C: AUTH OAUTHBEARER bixhPWFsaWNl\nS: 535 5.7.8 Authentication failed", "OAUTHBEARER"),
    # RFC 7628 section 3.2.2: OAUTHBEARER's own error challenge, {"status":"invalid_token",...} in base64.
    ("S: 334 eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIn0=\nS: 535 5.7.8", "OAUTHBEARER"),
    # Google's XOAUTH2 error challenge: {"status":"401",...} in base64 (developers.google.com/gmail/imap/xoauth2-protocol).
    ("334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K",
     "XOAUTH2"),
    # The mechanism named in a sentence is no login's ("the server offers XOAUTH2"), nor is a password mechanism.
    ("The server offers XOAUTH2 and OAUTHBEARER only", None),
    ("C: A1 AUTHENTICATE PLAIN\nS: A1 NO [AUTHENTICATIONFAILED] Authentication failed.", "PLAIN"),
    # An EHLO answer lists what is offered, not what the login used.
    ("S: 250-SIZE 35882577\nS: 250 AUTH XOAUTH2 PLAIN\nS: 535 5.7.8 Username and Password not accepted.", None),
    # XOAUTH2 refused, then a fallback to a password: the last login's.
    ("C: AUTH XOAUTH2 dXNlcj1h\nS: 334 eyJzdGF0dXMiOiI0MDEifQ==\nC: \nS: 535 5.7.8 no\nC: AUTH LOGIN\n"
     "S: 535 5.7.8 Username and Password not accepted.", "LOGIN"),
])
def test_the_mechanism_a_text_shows(text: str, mechanism: str | None) -> None:
    assert logged_mechanism(text) == mechanism


def test_the_mechanism_goes_to_the_refusal_only() -> None:
    facts = recognise("C: A1 AUTHENTICATE XOAUTH2 dXNlcj1h\nS: A1 NO AUTHENTICATE failed.").facts
    replies = [f for f in facts if f.kind == "server.reply"]
    assert replies and all(f.get("mechanism") == "XOAUTH2" for f in replies)
    # A reply that refuses nothing gets none.
    ok = recognise("C: A1 AUTHENTICATE XOAUTH2 dXNlcj1h\nS: A1 OK Success").facts
    assert all(f.get("mechanism") is None for f in ok)


def test_a_token_error_is_about_mail_when_it_names_mail() -> None:
    # Go's oauth2 package through net/http: the token endpoint's words, in a web request. Alone they
    # may be any Google API's (cloud storage and video tools print the same): declined.
    web = ('Post "https://oauth2.googleapis.com/token": oauth2: cannot fetch token: 400 Bad Request\n'
           'Response: {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}')
    with pytest.raises(InputError, match="another kind of service"):
        recognise(web)
    # The same words with the mail server the token was for: a mail program's.
    assert explain("imap.gmail.com: " + web).top.cause == "oauth-token-rejected"
    # ... or with the mail mechanism, or the mail scope it asked for.
    assert explain("XOAUTH2 token refresh failed: " + web).top.cause == "oauth-token-rejected"
    scope = ('Post "https://login.microsoftonline.com/common/oauth2/v2.0/token": {"error":"invalid_grant",'
             '"error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to '
             'inactivity."} (scope https://outlook.office.com/IMAP.AccessAsUser.All offline_access)')
    assert explain(scope).top.cause == "oauth-token-rejected"


def test_an_entra_code_no_rule_names_is_still_a_refused_sign_in() -> None:
    # AADSTS500200 (learn.microsoft.com/entra/identity-platform/reference-error-codes): a personal
    # account signed in to an app for organisations.
    text = ("AADSTS500200: User account is a personal Microsoft account. Personal Microsoft accounts are not "
            "supported for this application unless explicitly invited to an organization.")
    top = explain(text).top
    assert top.cause == "oauth-token-rejected" and top.rule == "oauth-token-rejected-entra-code"
    assert top.confidence == "possible"
    # A code one of the specific rules names is read by that rule.
    assert explain("AADSTS700082: The refresh token has expired due to inactivity.").top.rule == \
        "oauth-token-rejected-expired"
    # The account's own state, in Entra's words, is the credentials' cause.
    locked = "AADSTS50053: The account is locked, you've tried to sign in too many times with an incorrect user ID or password."
    assert explain(locked).top.cause == "account-locked"
    assert "oauth-token-rejected" not in [d.cause for d in explain(locked).diagnoses]


def test_the_token_endpoints_refusal_of_a_password_is_the_passwords() -> None:
    # AADSTS50126: the user name or password sent to the token endpoint was wrong.
    text = "AADSTS50126: Error validating credentials due to invalid username or password."
    assert explain(text).top.cause == "password-rejected"


def test_a_token_accepted_for_another_mailbox_is_no_refused_token() -> None:
    # MailKit against Exchange Online: XOAUTH2 accepted, then the mailbox refused to the token's account
    # (https://github.com/jstedfast/MailKit/issues/1496).
    text = ("C: C00000001 AUTHENTICATE XOAUTH2 dXNlcj1tYWd...\nS: C00000001 OK AUTHENTICATE completed.\n"
            "C: C00000003 NAMESPACE\nS: C00000003 BAD User is authenticated but not connected.")
    report = explain(text)
    assert report.top.cause == "protocol-disabled-for-account", [d.cause for d in report.diagnoses]
    assert "oauth-token-rejected" not in [d.cause for d in report.diagnoses if d.is_root]
    assert any("Add-MailboxPermission" in step for step in report.top.fix)


def test_smtp_auth_off_at_microsoft_refuses_oauth_too() -> None:
    # msmtp's XOAUTH2 login to a Microsoft 365 tenant whose SMTP AUTH is off: not the token's fault, nor
    # a password's (https://aka.ms/smtp_auth_disabled).
    text = ("msmtp: authentication failed (method XOAUTH2)\nmsmtp: server message: 535 5.7.139 Authentication "
            "unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled "
            "for more information. [AM0PR02CA0001.eurprd02.prod.outlook.com]")
    report = explain(text)
    assert report.top.cause == "protocol-disabled-for-account", [d.cause for d in report.diagnoses]
    assert report.top.rule == "protocol-disabled-for-account-smtp-auth-oauth"
    roots = [d.cause for d in report.diagnoses if d.is_root and d.severity == "error"]
    assert "oauth-token-rejected" not in roots and "basic-auth-disabled" not in roots, roots


_GMAIL_400 = "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ=="
_RFC7628 = ("eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNvbmZpZ3VyYXRpb24iOiJodHRwczovL2V4"
            "YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWd1cmF0aW9uIn0=")
#: (text, source, what the error challenge's status says, its scope, the rule that reads it)
CHALLENGES = [
    # node-imap against Gmail: the error challenge, base64 and decoded, then the refusal.
    (f"<= '+ {_GMAIL_400}'\n<= 'A1 NO Invalid SASL argument. qk7if1705226pac.117'\n"
     "{ [Error: {\"status\":\"400\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}] textCode: undefined, "
     "source: 'authentication' }",
     "https://github.com/mscdex/node-imap/issues/233", "invalid_request", "https://mail.google.com/",
     "oauth-token-rejected-challenge-invalid-request"),
    # MailKit's protocol log: a Google service account's token, Gmail's 400, then 'Lookup failed'.
    ("C: A00000001 AUTHENTICATE XOAUTH2 ********\n"
     f"S: + {_GMAIL_400}\nC: \nS: A00000001 NO Lookup failed cf29mb85450632edb\nC: A00000002 LOGOUT",
     "https://github.com/jstedfast/MailKit/issues/1786", "invalid_request", "https://mail.google.com/",
     "oauth-token-rejected-challenge-invalid-request"),
    # Google's oauth2.py (imaplib's debug output): a token for the Gmail API's gmail.modify scope.
    ("  18:48.35 > b'ILPK1 AUTHENTICATE XOAUTH2'\n  18:48.50 < b'+ '\n  18:48.50 write literal size 364\n"
     f"  18:49.49 < b'+ {_GMAIL_400}'\n  18:49.49 write literal size 364\n"
     "  18:49.64 < b'ILPK1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)'\n"
     "imaplib.IMAP4.error: [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
     "https://github.com/google/gmail-oauth2-tools/issues/78", "invalid_request", "https://mail.google.com/",
     "oauth-token-rejected-challenge-invalid-request"),
    # curl's OAUTHBEARER failure tests (RFC 7628's error body), IMAP and SMTP.
    (f"A002 AUTHENTICATE OAUTHBEARER dXNlcj11c2Vy\n+ {_RFC7628}\nAQ==\nA002 NO Authentication failed",
     "curl/curl:tests/data/test845", "invalid_token", "example_scope", "oauth-token-rejected-challenge-invalid-token"),
    (f"AUTH OAUTHBEARER dXNlcj11c2Vy\n334 {_RFC7628}\nAQ==\n535 Username and Password not accepted. Learn more at\n"
     "535 http://support.example.com/mail/oauth",
     "curl/curl:tests/data/test949", "invalid_token", "example_scope", "oauth-token-rejected-challenge-invalid-token"),
]


@pytest.mark.parametrize(("text", "source", "error", "scope", "rule"), CHALLENGES)
def test_the_error_challenge_says_what_was_wrong_with_the_token(text: str, source: str, error: str, scope: str,
                                                                rule: str) -> None:
    report = explain(text)
    top = report.top
    assert top is not None and top.cause == "oauth-token-rejected" and top.rule == rule, (source, top)
    refusal = next(f for f in top.evidence if f.kind == "auth.reply")
    assert (refusal.get("oauth_error"), refusal.get("oauth_scope")) == (error, scope), source
    assert refusal.get("mechanism") in ("XOAUTH2", "OAUTHBEARER")
    assert {"basic-auth-disabled", "password-rejected"}.isdisjoint(d.cause for d in report.diagnoses if d.rank == 1)


def test_a_challenge_before_a_fallback_to_a_password_is_not_the_passwords() -> None:
    text = f"C: AUTH XOAUTH2 dXNlcj1h\nS: 334 {_GMAIL_400}\nC: \nS: 535 5.7.8 no\nC: AUTH LOGIN\nS: 535 5.7.8 Username and Password not accepted."
    replies = [f for f in recognise(text).facts if f.kind == "server.reply" and f.get("status") == "permanent"]
    assert replies and all(f.get("mechanism") == "LOGIN" and f.get("oauth_error") is None for f in replies)


def test_each_status_of_the_table_reads_as_its_row() -> None:
    import base64
    import json

    from mailexpert.classify import error_texts
    from mailexpert.oautherror import read_challenge

    for row in error_texts()["oauth_error_challenge"]["status"]:
        for status in row["status"]:
            blob = base64.b64encode(json.dumps({"status": str(status), "scope": "https://mail.google.com/"}).encode())
            got = read_challenge(blob.decode())
            assert got is not None and (got.error, got.status, got.scope) == (row["error"], str(status),
                                                                            "https://mail.google.com/")
    # A status the table does not know is kept, without a reading.
    other = read_challenge(base64.b64encode(b'{"status":"429","schemes":"bearer"}').decode())
    assert other is not None and (other.error, other.mechanism, other.scope) == (None, "XOAUTH2", None)


@pytest.mark.parametrize("challenge", [
    "", "Password:", "UGFzc3dvcmQ6",  # LOGIN's challenge, base64 of "Password:"
    "eyJzdGF0dXMiOiI0MDAi",  # cut short: no JSON
    "WyJzdGF0dXMiXQ==",  # a JSON list
    "eyJzdGF0dXMiOjQwMX0=",  # a status that is no string
    "eyJzdGF0dXMiOiI8c2NyaXB0PiJ9",  # {"status":"<script>"}: no status's characters
    "e" + "A" * 3000,  # longer than any challenge
    "W1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tb" * 40,  # deep nesting
])
def test_what_is_no_error_challenge_reads_as_none(challenge: str) -> None:
    from mailexpert.oautherror import read_challenge

    assert read_challenge(challenge) is None


def test_a_scope_is_kept_only_as_a_scope_is_written() -> None:
    import base64

    from mailexpert.oautherror import read_challenge

    got = read_challenge(base64.b64encode(b'{"status":"401","scope":"line\\nbreak \\"quoted\\""}').decode())
    assert got is not None and got.error == "invalid_token" and got.scope is None


#: (text, source, the AADSTS code, what the table reads it as, the rule that reads it)
ENTRA_TEXTS = [
    # MSAL.NET's exception in MailKit's issue, public client flows off for the app.
    ("A configuration issue is preventing authentication - check the error message from the server for details. You "
     "can modify the configuration in the application registration portal. See https://aka.ms/msal-net-invalid-client "
     "for details.  Original exception: AADSTS7000218: The request body must contain the following parameter: "
     "'client_assertion' or 'client_secret'.\nTrace ID: ccd5bc23-fa86-4a3a-86c3-6b745a0f0200\n"
     "Correlation ID: d3bf1bab-d54b-485f-b1de-8c1e83ccba0d\nTimestamp: 2021-01-13 19:38:57Z",
     "https://github.com/jstedfast/MailKit/issues/989", 7000218, "client", "oauth-token-rejected-client"),
    # sasl-xoauth2 (Postfix's relay to Microsoft 365): invalid_grant, and the code says why.
    (TOKEN_TEXTS[0][0], TOKEN_TEXTS[0][1], 700082, "expired", "oauth-token-rejected-expired"),
    # A code the table does not name (an app's Exchange permissions that no longer resolve), as the
    # issue's title states it.
    ("AADSTS65006: clean-profile Microsoft sign-in fails on app registration's Exchange IMAP/SMTP permissions "
     "(blocks all new Microsoft onboarding)",
     "https://github.com/kellylford/QuickMail/issues/511", 65006, "other", "oauth-token-rejected-entra-code"),
]


@pytest.mark.parametrize(("text", "source", "code", "reading", "rule"), ENTRA_TEXTS)
def test_an_entra_code_is_read_with_its_meaning(text: str, source: str, code: int, reading: str, rule: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == "oauth-token-rejected" and top.rule == rule, (source, top)
    refusal = next(f for f in top.evidence if f.kind == "auth.reply")
    assert (refusal.get("entra_code"), refusal.get("entra_reading")) == (code, reading), source
    assert (refusal.get("entra_meaning") is None) == (reading == "other")


def test_invalid_grant_with_an_entra_code_is_read_by_the_code() -> None:
    # The token endpoint's invalid_grant names no reason; the AADSTS code in its description does
    # (the consent one here, as Thunderbird's sign-in meets it: learn.microsoft.com's AADSTS65001).
    text = ('Thunderbird OAuth2 sign-in for outlook.office365.com: {"error":"invalid_grant","error_description":'
            '"AADSTS65001: The user or administrator has not consented to use the application with ID '
            "'9e5f94bc-e8a4-4e73-b8be-63364c29d753' named 'Mozilla Thunderbird'.\"}")
    report = explain(text)
    assert report.top is not None and report.top.rule == "oauth-token-rejected-consent"
    assert "oauth-token-rejected-expired" not in {d.rule for d in report.diagnoses}


def test_the_entra_table_names_each_code_once_with_a_known_reading() -> None:
    from mailexpert.classify import error_texts
    from mailexpert.facts import default_catalog

    rows = error_texts()["entra_codes"]
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    readings = set(default_catalog().spec("server.reply").fields["entra_reading"].values)
    assert {row["reading"] for row in rows} | {"other"} == readings
    assert all(row["meaning"] and row["source"] for row in rows)


@pytest.mark.parametrize(("text", "source", "rule"), [
    # A log cut after the challenge (Gmail's 400 after AUTH XOAUTH2), no refusal line: before, no problem found.
    (f"334 {_GMAIL_400}", "https://github.com/jstedfast/MailKit/issues/1786",
     "oauth-token-rejected-challenge-invalid-request"),
    # node-imap's error object: only the decoded body as its message.
    ("{ [Error: {\"status\":\"400\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}] textCode: undefined, "
     "source: 'authentication' }", "https://github.com/mscdex/node-imap/issues/233",
     "oauth-token-rejected-challenge-invalid-request"),
])
def test_the_error_challenge_alone_is_the_refusal(text: str, source: str, rule: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.rule == rule, source
    assert report.exit_status == 1


@pytest.mark.parametrize("text", [
    'Error: {"status":"ok"}',  # a web API's JSON: no field of a challenge beside the status
    "request id eyJzdGF0dXMiOiJvayJ9 done",  # base64 of {"status":"ok"}, not where a challenge stands
])
def test_a_status_in_json_is_no_error_challenge(text: str) -> None:
    with pytest.raises(InputError, match="not one mailexpert recognises"):
        recognise(text)


def test_a_challenge_wrapped_as_a_page_shows_it_is_read_whole() -> None:
    # Google's XOAUTH2 page shows its example error challenge broken into two lines (status 401,
    # schemes "bearer mac"); a text pasted from a mail or a web page may wrap it the same way.
    text = ("334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9t\n"
            "YWlsLmdvb2dsZS5jb20vIn0K\n535-5.7.8 Username and Password not accepted.")
    top = explain(text).top
    assert top is not None and top.rule == "oauth-token-rejected-challenge-invalid-token"
    refusal = next(f for f in top.evidence if f.kind == "auth.reply")
    assert (refusal.get("mechanism"), refusal.get("oauth_status"), refusal.get("oauth_scope")) == (
        "XOAUTH2", "401", "https://mail.google.com/")


def test_a_challenge_is_said_of_the_refusal_a_programs_words_name_too() -> None:
    # Thunderbird's words name their login's mechanism (oAuth2Error, XOAUTH2); its IMAP log shows
    # Gmail's error challenge before them: the challenge says what was wrong with the token.
    text = ("IMAP: S: + eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\n"
            "Authentication failure while connecting to server imap.gmail.com.")
    top = explain(text).top
    assert top is not None and top.rule == "oauth-token-rejected-challenge-invalid-token", top


@pytest.mark.parametrize(("text", "source"), [
    # K-9 Mail / Thunderbird for Android (AppAuth) shows the authorization server's error code; the
    # maintainer: Microsoft's sign-in failed on its own side, nothing to fix in the app or the account.
    ("Authorization failed with the following error: server_error",
     "https://github.com/thunderbird/thunderbird-android/issues/6195"),
    # RFC 6749 section 4.1.2.1's other code of the server's own trouble, in the same message.
    ("Authorization failed with the following error: temporarily_unavailable",
     "RFC 6749 section 4.1.2.1 (temporarily_unavailable)"),
])
def test_the_authorization_servers_own_failure_is_no_refused_login(text: str, source: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == "server-unavailable", (source, [d.cause for d in explain(text).diagnoses])


def test_a_refused_grant_in_the_same_message_stays_the_tokens() -> None:
    # The same message with a code that refuses the grant (RFC 6749 section 5.2) is no outage.
    top = explain("Authorization failed with the following error: invalid_grant").top
    assert top is not None and top.cause == "oauth-token-rejected", top


@pytest.mark.parametrize("text", [
    # AppAuth for Android (FairEmail's OAuth sign-in; M66B/FairEmail FAQ 22), inside the app's own frame.
    "... Invalid ID Token Issued at time is more than 10 minutes before or after the current time ...",
    # AppAuth for iOS, as a Flutter wrapper passes it on.
    "Failed to authorize: Issued at time is more than 600 seconds before or after the current time",
])
def test_an_id_token_issued_far_from_the_device_clock_is_the_clock(text: str) -> None:
    # openid/AppAuth-Android IdToken.validate and AppAuth-iOS check the token the server has just issued
    # against the device's clock: the token is fresh, so a time stamp that far off is the clock's.
    report = explain(text)
    assert report.top is not None and report.top.cause == "clock-skew", report.top


def test_a_k9_certificate_error_title_alone_is_an_unspecified_certificate_refusal() -> None:
    # K-9 titles every TLS failure "Certificate error for ACCOUNT" (it wraps any SSLException); alone,
    # the words say a certificate was not accepted, not why.
    report = explain("Certificate error for alice@example.com")
    assert report.top is not None and report.top.cause in {"cert-untrusted-issuer", "cert-self-signed"}


def test_a_k9_certificate_error_title_yields_to_the_stacks_own_reason() -> None:
    # The same title beside Java's own verdict on the certificate: the verdict says which.
    report = explain("Certificate error for alice@example.com\n"
                     "java.security.cert.CertificateException: No subject alternative names matching "
                     "DNS name mail.example.com found.")
    assert report.top is not None and report.top.cause == "cert-hostname-mismatch", report.top

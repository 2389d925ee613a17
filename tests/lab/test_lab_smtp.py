"""The lab's SMTP servers, checked with smtplib: healthy behaviour and every SMTP fault."""

from __future__ import annotations

import base64
import smtplib
import ssl

import pytest

from mailexpert.lab import Fault, replies


def test_greeting_and_ehlo_before_tls(clients):
    client = clients.smtp(587)
    assert client.does_esmtp
    assert client.has_extn("starttls")
    assert not client.has_extn("auth")  # Postfix smtpd_tls_auth_only
    client.quit()


def test_starttls_then_auth_plain_login_and_send(clients, lab):
    client = clients.smtp(587, starttls=True)
    client.ehlo()
    assert client.has_extn("auth")
    assert client.esmtp_features["auth"].split() == ["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"]
    code, text = client.login(lab.target.username, lab.target.password)
    assert (code, text) == (235, b"2.7.0 Authentication successful")
    assert client.sendmail(lab.target.email, ["bob@elsewhere.test"], b"Subject: hi\r\n\r\nhello\r\n") == {}
    client.quit()
    assert lab.servers["submission"].login_attempts == 1
    assert lab.servers["submission"].cleartext_logins == 0


def test_auth_login_mechanism(clients, lab):
    client = clients.smtp(465)
    client.user, client.password = lab.target.username, lab.target.password
    code, _ = client.auth("LOGIN", client.auth_login, initial_response_ok=False)
    assert code == 235
    client.quit()


def test_xoauth2(clients, lab):
    client = clients.smtp(465)
    token = f"user={lab.target.email}\x01auth=Bearer {lab.oauth_token}\x01\x01"
    code, _ = client.docmd("AUTH", "XOAUTH2 " + base64.b64encode(token.encode()).decode())
    assert code == 235
    client.quit()


def test_xoauth2_bad_token_gets_error_challenge_then_535(clients, lab):
    client = clients.smtp(465)
    token = f"user={lab.target.email}\x01auth=Bearer nope\x01\x01"
    code, _text = client.docmd("AUTH", "XOAUTH2 " + base64.b64encode(token.encode()).decode())
    assert code == 334
    code, _text = client.docmd("")
    assert code == 535
    client.quit()


def test_wrong_password_535(clients, lab):
    client = clients.smtp(465)
    with pytest.raises(smtplib.SMTPAuthenticationError) as err:
        client.login(lab.target.username, "wrong")
    assert err.value.smtp_code == 535
    assert err.value.smtp_error == b"5.7.8 Error: authentication failed: (reason unavailable)"
    client.close()


def test_local_part_only_username_is_refused(clients, lab):
    client = clients.smtp(465)
    with pytest.raises(smtplib.SMTPAuthenticationError) as err:
        client.login("alice", lab.account_password)
    assert err.value.smtp_code == 535
    client.close()


def test_auth_before_starttls_must_issue_starttls(clients, lab):
    client = clients.smtp(587)
    code, text = client.docmd("AUTH", "PLAIN " + base64.b64encode(b"\0alice@example.test\0x").decode())
    assert f"{code} {text.decode()}" == replies.SMTP_MUST_STARTTLS
    code, text = client.docmd("MAIL", "FROM:<alice@example.test>")
    assert f"{code} {text.decode()}" == "530 5.7.0 Must issue a STARTTLS command first"
    client.close()
    assert lab.servers["submission"].cleartext_logins == 1


def test_mail_without_auth_530_authentication_required(clients):
    client = clients.smtp(587, starttls=True)
    client.ehlo()
    with pytest.raises(smtplib.SMTPSenderRefused) as err:
        client.sendmail("alice@example.test", ["bob@elsewhere.test"], b"x")
    assert (err.value.smtp_code, err.value.smtp_error) == (530, b"5.7.0 Authentication required")
    client.close()


def test_port_25_is_mx_style(clients):
    for host in ("mx.example.test", "mail.example.test"):
        client = clients.smtp(25, host=host)
        assert not client.has_extn("auth")
        assert client.has_extn("starttls")
        code, text = client.docmd("AUTH", "PLAIN")
        assert (code, text) == (503, b"5.5.1 Error: authentication not enabled")
        assert client.docmd("MAIL", "FROM:<alice@example.test>")[0] == 250
        code, text = client.docmd("RCPT", "TO:<x@elsewhere.test>")
        assert (code, text) == (554, b"5.7.1 <x@elsewhere.test>: Relay access denied")
        assert client.docmd("RCPT", "TO:<alice@example.test>")[0] == 250
        client.quit()


@pytest.mark.parametrize(
    ("outcome", "code", "start"),
    [
        ("app-password", 534, b"5.7.9 Application-specific password required."),
        ("web-login", 534, b"5.7.14 <https://accounts.google.com/signin/continue"),
        ("basic-disabled", 535, b"5.7.139 Authentication unsuccessful, basic authentication is disabled."),
        ("locked", 535, b"5.7.139 Authentication unsuccessful, account locked."),
        ("disabled", 525, b"5.7.13 User account disabled"),
        ("expired", 535, b"5.7.8 Error: authentication failed: Password expired"),
        ("unavailable", 454, b"4.7.0 Temporary authentication failure"),
        ("protocol-disabled", 535, b"5.7.3 Authentication unsuccessful"),
    ],
)
def test_provider_auth_replies(make_lab, clients_of, outcome, code, start):
    lab = make_lab(Fault("auth", "mail:*", outcome))
    client = clients_of(lab).smtp(465)
    with pytest.raises(smtplib.SMTPAuthenticationError) as err:
        client.login(lab.target.username, lab.target.password)
    assert err.value.smtp_code == code
    assert err.value.smtp_error.startswith(start)
    client.close()


def test_web_login_multiline_text(make_lab, clients_of):
    lab = make_lab(Fault("auth", "mail:*", "web-login"))
    client = clients_of(lab).smtp(465)
    with pytest.raises(smtplib.SMTPAuthenticationError) as err:
        client.login(lab.target.username, lab.target.password)
    assert b"Please log in via your web browser and then try again." in err.value.smtp_error
    assert b"https://support.google.com/mail/answer/78754" in err.value.smtp_error
    client.close()


def test_app_password_only_for_the_right_password(make_lab, clients_of):
    lab = make_lab(Fault("auth", "mail:*", "app-password"), Fault("style", "mail:*", "gmail"))
    client = clients_of(lab).smtp(465)
    with pytest.raises(smtplib.SMTPAuthenticationError) as err:
        client.login(lab.target.username, "not-it")
    assert err.value.smtp_code == 535
    assert err.value.smtp_error.startswith(b"5.7.8 Username and Password not accepted.")
    client.close()


def test_basic_disabled_still_accepts_oauth(make_lab, clients_of):
    lab = make_lab(Fault("auth", "mail:*", "basic-disabled"))
    client = clients_of(lab).smtp(465)
    token = f"user={lab.target.email}\x01auth=Bearer {lab.oauth_token}\x01\x01"
    assert client.docmd("AUTH", "XOAUTH2 " + base64.b64encode(token.encode()).decode())[0] == 235
    client.close()


def test_too_many_connections_greeting(make_lab):
    lab = make_lab(Fault("auth", "mail:587", "limit"))
    address, port = lab.endpoint("mail.example.test", 587)
    with pytest.raises(smtplib.SMTPConnectError) as err:
        smtplib.SMTP(address, port, local_hostname="client.test", timeout=3)
    assert err.value.smtp_code == 421
    assert err.value.smtp_error == b"4.7.0 mail.example.test Error: too many connections from 127.0.0.1"


def test_busy_greeting_421(make_lab):
    lab = make_lab(Fault("busy", "mail:587"))
    address, port = lab.endpoint("mail.example.test", 587)
    with pytest.raises(smtplib.SMTPConnectError) as err:
        smtplib.SMTP(address, port, local_hostname="client.test", timeout=3)
    assert err.value.smtp_code == 421


def test_oauth_only(make_lab, clients_of, ):
    lab = make_lab(Fault("oauth-only", "mail:*"))
    client = clients_of(lab).smtp(465)
    assert client.esmtp_features["auth"].split() == ["XOAUTH2", "OAUTHBEARER"]
    with pytest.raises(smtplib.SMTPException, match="No suitable authentication method"):
        client.login(lab.target.username, lab.target.password)
    code, text = client.docmd("AUTH", "PLAIN " + base64.b64encode(b"\0alice@example.test\0x").decode())
    assert (code, text) == (504, b"5.7.4 Unrecognized authentication type")
    client.close()


def test_no_auth_offered(make_lab, clients_of):
    lab = make_lab(Fault("no-auth", "mail:465"))
    client = clients_of(lab).smtp(465)
    with pytest.raises(smtplib.SMTPNotSupportedError):
        client.login(lab.target.username, lab.target.password)
    client.close()


@pytest.mark.parametrize(
    ("mode", "error", "text"),
    [
        ("missing", smtplib.SMTPNotSupportedError, "STARTTLS extension not supported by server."),
        ("refuse", smtplib.SMTPResponseException, "TLS not available due to local problem"),
        # The server closes during the handshake: Python releases raise either exception for it.
        ("close", (ssl.SSLEOFError, ssl.SSLZeroReturnError), None),
        ("plaintext", ssl.SSLError, "WRONG_VERSION_NUMBER"),
    ],
)
def test_starttls_faults(make_lab, clients_of, mode, error, text):
    lab = make_lab(Fault("starttls", "mail:587", mode))
    client = clients_of(lab).smtp(587)
    with pytest.raises(error) as err:
        client.starttls(context=clients_of(lab).ctx())
    assert text is None or text in str(err.value)
    client.close()


def test_starttls_masked(make_lab, clients_of):
    lab = make_lab(Fault("starttls", "mail:587", "masked"))
    client = clients_of(lab).smtp(587)
    assert client.has_extn("xxxxxxxa")
    assert not client.has_extn("starttls")
    assert client.docmd("STARTTLS")[0] == 502
    client.close()


def test_dnsbl_and_content_filter(make_lab, clients_of):
    lab = make_lab(Fault("dnsbl", "mx:25"), Fault("content-filter", "mail:465"))
    mx = clients_of(lab).smtp(25, host="mx.example.test")
    mx.docmd("MAIL", "FROM:<x@elsewhere.test>")
    code, text = mx.docmd("RCPT", "TO:<alice@example.test>")
    assert code == 554 and b"blocked using zen.spamhaus.org" in text
    mx.close()
    client = clients_of(lab).smtp(465)
    client.login(lab.target.username, lab.target.password)
    with pytest.raises(smtplib.SMTPDataError) as err:
        client.sendmail(lab.target.email, ["bob@elsewhere.test"], b"Subject: x\r\n\r\nx\r\n")
    assert err.value.smtp_code == 554
    client.close()

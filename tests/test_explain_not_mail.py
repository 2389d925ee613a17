"""Texts about another kind of service are declined (exit 2), and everybody's words for a
server, an account or a message stand for mail only where nothing else is named
(data/concepts.yaml groups mail, mail-context and elsewhere). The texts are written for these
tests in each program's wording."""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.account import ServerSetting
from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise

NOT_MAIL = [
    # Windows file sharing: a UNC path, net use, and NET HELPMSG's "System error N has occurred."
    "C:\\> net use \\\\fileserver\\projects /user:CORP\\alice\nSystem error 1326 has occurred.\n\n"
    "Logon failure: unknown user name or bad password.",
    "System error 86 has occurred.\nThe specified network password is not correct.",
    # A container registry's web API, through the Docker CLI
    "Error response from daemon: Get https://registry.example.com/v2/: too many login attempts",
    # Go's net/http client: the method and the URL of the request
    'Get "https://api.example.com/v1/items": dial tcp 203.0.113.4:443: i/o timeout',
    'Post "https://auth.example.com/token": read tcp 10.0.0.2:51234->203.0.113.9:443: read: connection reset by peer',
    # git over HTTPS, OpenSSH and OpenLDAP's command-line clients, each with its own prefix
    "remote: Invalid username or password.\nfatal: Authentication failed for 'https://git.example.com/team/app.git/'",
    "ssh: connect to host build.example.com port 22: Connection timed out",
    "ldap_bind: Invalid credentials (49)\n\tadditional info: 80090308: LdapErr: DSID-0C09044E, data 52e",
]


@pytest.mark.parametrize("text", NOT_MAIL)
def test_a_text_about_another_service_is_declined(text: str) -> None:
    assert concepts.elsewhere(text)
    with pytest.raises(InputError, match="another kind of service"):
        recognise(text)


def test_a_server_named_in_a_share_path_is_no_mail_server() -> None:
    # "server" alone says mail; beside a share path it says nothing of mail.
    assert concepts.about_mail("Error when connecting to the server. Please check your settings.")
    assert not concepts.about_mail("net use \\\\server\\share: the server is not responding")


@pytest.mark.parametrize(("text", "cause"), [
    # Everybody's words, nothing else named: whoever pastes them has a mail program.
    ("Error when connecting to the server. Please check your settings.", "port-blocked-outbound"),
    ("Too many login attempts, please try again later.", "account-locked"),
    # A web link beside a mail server's words is no web request.
    ("535-5.7.8 Username and Password not accepted. For more information, go to "
     "https://support.google.com/mail/?p=BadCredentials", "password-rejected"),
    # A mail word beside a request's URL: the mail word says what the text is about.
    ("SMTP login to smtp.example.com failed after Get https://login.example.com/token: "
     "535 5.7.8 Authentication credentials invalid", "password-rejected"),
])
def test_mail_texts_are_still_read(text: str, cause: str) -> None:
    assert not concepts.elsewhere(text)
    top = explain(text).top
    assert top is not None and top.cause == cause, [d.cause for d in explain(text).diagnoses]


def test_a_given_mail_server_makes_any_text_a_mail_text() -> None:
    # The user named the mail server the text came from: it is that server's, whatever it names.
    setting = ServerSetting.parse("smtp", "smtp.example.com:587/starttls")
    assert recognise('Get "https://api.example.com/v1/items": dial tcp 203.0.113.4:443: i/o timeout',
                     setting=setting).facts

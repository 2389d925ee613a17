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
    # ssh's own host and port: a mail server's name there is still ssh's connection (OpenSSH sshconnect.c)
    "ssh: connect to host mail.example.com port 22: Connection refused",
    "ssh: connect to host smtp.example.org port 2222: No route to host",
    "ldap_bind: Invalid credentials (49)\n\tadditional info: 80090308: LdapErr: DSID-0C09044E, data 52e",
    # Real texts of other services that carry a mail program's words ("password", "authentication failed",
    # "Can't contact ... server"): each program's own prefix or wording names the service.
    # github.com/ltb-project/self-service-password/issues/1093 (PHP's ldap_bind())
    "PHP Warning:  ldap_bind(): Unable to bind to server: Invalid credentials in "
    "/var/www/vendor/ltb-project/ltb-common/src/Ltb/PhpLDAP.php on line 36",
    # github.com/LDAPAccountManager/lam/issues/263 (OpenLDAP's ldapsearch; its "sasl" is LDAP's, not mail's)
    'root@tenang:/etc/ldap# ldapsearch -x -H Ldaps://tenang.perkeso.gov.my:636 -b "dc=perkeso,dc=gov,dc=my" '
    '-D "cn=admin,dc=perkeso,dc=gov,dc=my" -W\nEnter LDAP Password:\nldap_sasl_bind(SIMPLE): Can\'t contact LDAP server (-1)',
    # github.com/kaist-cp/cs220/issues/35 (git over SSH)
    "Cloning into 'cs220'...\ngit@github.com: Permission denied (publickey).\nfatal: Could not read from remote "
    "repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.",
    # github.com/sejaljain-27/repo/issues/27 (PostgreSQL's psql through libpq)
    'psql: error: connection to server at "localhost" (::1), port 5432 failed: FATAL: password authentication '
    'failed for user "testuser"',
    # github.com/uwescience/myria/issues/472 (PostgreSQL's JDBC driver)
    'FATAL: password authentication failed for user "user"\n'
    'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "user"',
    # github.com/mail-in-a-box/mailinabox/issues/1136 (Roundcube's error page for its own database, code 603)
    "DATABASE ERROR: CONNECTION FAILED!\n\nUnable to connect to the database!\nPlease contact your server-administrator.",
    # github.com/mysqljs/mysql/issues/2143 (MySQL's command-line client)
    "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
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
     "https://support.google.com/mail/?p=BadCredentials", "app-password-required"),
    # A mail word beside a request's URL: the mail word says what the text is about.
    ("SMTP login to smtp.example.com failed after Get https://login.example.com/token: "
     "535 5.7.8 Authentication credentials invalid", "password-rejected"),
])
def test_mail_texts_are_still_read(text: str, cause: str) -> None:
    assert not concepts.elsewhere(text)
    top = explain(text).top
    assert top is not None and top.cause == cause, [d.cause for d in explain(text).diagnoses]


@pytest.mark.parametrize(("text", "cause"), [
    # github.com/postfixadmin/postfixadmin/issues/730: Dovecot's own log of its database login (a mail server,
    # named by the database it reads): the server's backend fails, not the mail user's password.
    ('May 11 19:28:31 auth: Error: FATAL:  password authentication failed for user "postfixadmin" (state: wait '
     'for input)\nMay 11 19:28:36 auth: Error: pgsql(localhost): Connect failed to database postfixadmin1: FATAL:  '
     'password authentication failed for user "postfixadmin"', "server-unavailable"),
    # Another service's words beside a mail server's reply with its enhanced status code: the reply is mail's.
    ("ldap_bind: Invalid credentials (49) -- 535 5.7.8 Error: authentication failed: authentication failure",
     "password-rejected"),
])
def test_another_services_words_with_mail_evidence_are_read_as_mail(text: str, cause: str) -> None:
    assert not concepts.elsewhere(text)
    top = explain(text).top
    assert top is not None and top.cause == cause, [d.cause for d in explain(text).diagnoses]


def test_the_other_services_own_words_are_no_mail_words() -> None:
    # OpenLDAP's function name holds "sasl", a mail word elsewhere; a mail word beside it still counts.
    assert concepts.elsewhere("ldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1)")
    assert not concepts.elsewhere("ldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1), then SASL PLAIN to "
                                  "the SMTP server failed")


def test_a_given_mail_server_makes_any_text_a_mail_text() -> None:
    # The user named the mail server the text came from: it is that server's, whatever it names.
    setting = ServerSetting.parse("smtp", "smtp.example.com:587/starttls")
    assert recognise('Get "https://api.example.com/v1/items": dial tcp 203.0.113.4:443: i/o timeout',
                     setting=setting).facts

"""A program that has no mail server set at all (sending switched off, no host, or the host left at
its built-in default where no server runs) says so in its own words: that is its settings, not a
blocked port or a closed one. Texts as their users pasted them (the source of each beside it)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise


def top(text: str) -> str:
    diagnoses = [d for d in explain(text).diagnoses if d.is_root]
    return diagnoses[0].cause if diagnoses else "none"


NO_SERVER = [
    # github.com/mikesvoboda/nemotron-v3-home-security-intelligence/issues/4040 (Grafana alerting)
    "SMTP not configured, check your grafana.ini config file's [smtp] section",
    # github.com/grafana/grafana/issues/6944 (Grafana 4.0, [smtp] left commented out)
    't=2016-12-13T14:59:22+0000 lvl=eror msg="Failed to send alert notification email" logger=alerting.notifier.email '
    'error="Grafana mailing/smtp options not configured, contact your Grafana admin"',
    # github.com/scalableminds/webknossos/issues/6688 (Apache Commons Email, no host set)
    "2022-12-09 11:12:25,503 [ERROR] akka.actor.OneForOneStrategy - Cannot find valid hostname for mail session\n"
    "org.apache.commons.mail.EmailException: Cannot find valid hostname for mail session\n"
    "\tat org.apache.commons.mail.Email.getMailSession(Email.java:647)",
    # github.com/suresh-pokharel/forgot-password/issues/1 (PHP mail() on XAMPP, php.ini left at localhost)
    'Warning: mail(): Failed to connect to mailserver at "localhost" port 25, verify your "SMTP" and "smtp_port" '
    "setting in php.ini or use ini_set()",
    # github.com/osTicket/osTicket/issues/4559 (IIS, smtp_port changed, SMTP still localhost; HTML-escaped log)
    "PHP Warning:  mail(): Failed to connect to mailserver at &quot;localhost&quot; port 587, verify your "
    "&quot;SMTP&quot; and &quot;smtp_port&quot; setting in php.ini or use ini_set() in "
    "C:\\inetpub\\wwwroot\\include\\pear\\Mail\\mail.php on line 153",
]


@pytest.mark.parametrize("text", NO_SERVER)
def test_a_program_without_a_mail_server_is_its_settings(text: str) -> None:
    assert [f.kind for f in recognise(text).facts] == ["client.server-unset"]
    assert top(text) == "client-config-corrupt"


def test_the_diagnosis_says_no_server_is_set_not_a_blocked_port() -> None:
    report = explain(NO_SERVER[0])
    root = next(d for d in report.diagnoses if d.is_root)
    assert "no mail server set" in root.summary
    assert "port-blocked-outbound" not in {d.cause for d in report.diagnoses if d.is_root}


def test_php_mail_to_a_server_that_was_set_is_only_a_failed_connection() -> None:
    # A host other than PHP's default was set: the connection to it failed, which says nothing of
    # the settings being empty.
    text = ('Warning: mail(): Failed to connect to mailserver at "smtp.example.com" port 25, verify your "SMTP" '
            'and "smtp_port" setting in php.ini or use ini_set()')
    assert "client.server-unset" not in {f.kind for f in recognise(text).facts}
    assert top(text) != "client-config-corrupt"

"""A session that stalls or is cut while the message goes over, after the greeting and the
commands went through (Postfix's and Exim's SMTP clients, Postfix's server log, Python's
smtplib): the connection was made, so the text is no port that never connected. Texts are
written for these tests in each program's wording (its source: data/error-texts.yaml)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise

POSTFIX_END_OF_DATA = ("Mar  3 09:12:44 relay postfix/smtp[4242]: 6D1E52A0F3: to=<carol@example.net>, "
                       "relay=mx.example.net[198.51.100.25]:25, delay=612, delays=0.1/0/1.2/610, dsn=4.4.2, "
                       "status=deferred (conversation with mx.example.net[198.51.100.25] timed out while sending "
                       "end of data -- message may be sent more than once)")
POSTFIX_BODY_LOST = ("postfix/smtp[881]: 1B2C3D4E5F: to=<dan@example.org>, relay=smtp.example.org[203.0.113.9]:587, "
                     "dsn=4.4.2, status=deferred (lost connection with smtp.example.org[203.0.113.9] while sending "
                     "message body)")
EXIM_END_OF_DATA = ("2026-03-03 10:01:02 1tXyZa-000ABC-12 == erin@example.com R=dnslookup T=remote_smtp defer (-46) "
                    "H=mx.example.com [192.0.2.44]: SMTP timeout after end of data (48213 bytes written)")
EXIM_CLOSED_AT_END = ("2026-03-03 10:05:09 1tXyZb-000ABD-34 == fred@example.com R=dnslookup T=remote_smtp defer (-18) "
                      "H=mx.example.com [192.0.2.44]: Remote host closed connection in response to end of data")
POSTFIX_SERVER_SIDE = ("Mar  3 11:00:00 mx postfix/smtpd[777]: timeout after DATA (16384 bytes) from "
                       "laptop.example.com[198.51.100.77]")
SMTPLIB_IN_DATA = """Traceback (most recent call last):
  File "/usr/lib/python3.11/smtplib.py", line 902, in sendmail
    (code, resp) = self.data(msg)
                   ^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/smtplib.py", line 583, in data
    (code, msg) = self.getreply()
  File "/usr/lib/python3.11/smtplib.py", line 405, in getreply
    raise SMTPServerDisconnected("Connection unexpectedly closed")
smtplib.SMTPServerDisconnected: Connection unexpectedly closed"""


def _stall(text: str) -> tuple[str, str]:
    facts = recognise(text).facts
    assert any(f.kind == "tcp.connect" and f.get("outcome") == "connected" for f in facts), facts
    failure = [f for f in facts if f.kind == "service.failure"]
    assert len(failure) == 1, facts
    return str(failure[0].get("step")), str(failure[0].get("failure"))


@pytest.mark.parametrize(("text", "step", "failure"), [
    (POSTFIX_END_OF_DATA, "data-end", "timeout"),
    (POSTFIX_BODY_LOST, "data", "closed"),
    (EXIM_END_OF_DATA, "data-end", "timeout"),
    (EXIM_CLOSED_AT_END, "data-end", "closed"),
    (POSTFIX_SERVER_SIDE, "data", "timeout"),
    (SMTPLIB_IN_DATA, "data", "closed"),
])
def test_the_step_and_the_way_it_broke_are_read(text: str, step: str, failure: str) -> None:
    assert _stall(text) == (step, failure)


@pytest.mark.parametrize("text", [POSTFIX_END_OF_DATA, EXIM_END_OF_DATA, POSTFIX_SERVER_SIDE])
def test_a_timeout_at_the_message_is_first_a_path_that_loses_large_packets(text: str) -> None:
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes[:3] == ["packet-loss", "server-unavailable", "tls-interception"], causes
    assert "port-blocked-outbound" not in causes


@pytest.mark.parametrize("text", [POSTFIX_BODY_LOST, EXIM_CLOSED_AT_END, SMTPLIB_IN_DATA])
def test_a_close_at_the_message_is_first_the_servers(text: str) -> None:
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes[:1] == ["server-unavailable"], causes
    assert {"packet-loss", "tls-interception"} <= set(causes), causes
    assert "port-blocked-outbound" not in causes


def test_after_the_end_of_data_the_server_may_have_the_message() -> None:
    top = explain(POSTFIX_END_OF_DATA).top
    assert top is not None
    assert "after the whole message was sent" in top.summary, top.summary
    assert "arrived" in top.fix[0] and "may have taken it" in top.fix[0], top.fix


def test_a_timeout_before_the_greeting_stays_a_server_that_never_greeted() -> None:
    text = POSTFIX_END_OF_DATA.replace("sending end of data -- message may be sent more than once",
                                       "receiving the initial server greeting")
    facts = recognise(text).facts
    assert not any(f.kind == "service.failure" for f in facts), facts
    assert any(f.kind == "service.greeting" and f.get("spoken") == "silence" for f in facts), facts


def test_smtplib_closed_at_the_login_is_no_stall_at_the_message() -> None:
    text = SMTPLIB_IN_DATA.replace("(code, resp) = self.data(msg)", "self.login(user, password)").replace(
        "in data", "in login")
    assert not any(f.kind == "service.failure" for f in recognise(text).facts)


def test_postfixs_log_names_the_server_and_its_port() -> None:
    # relay=name[address]:port, and the session error's name[address]
    failure = [f for f in recognise(POSTFIX_END_OF_DATA).facts if f.kind == "service.failure"]
    assert failure and (failure[0].get("host"), failure[0].get("port")) == ("mx.example.net", 25), failure
    failure = [f for f in recognise(POSTFIX_BODY_LOST).facts if f.kind == "service.failure"]
    assert failure and (failure[0].get("host"), failure[0].get("port")) == ("smtp.example.org", 587), failure


def test_postfixs_server_log_of_a_client_that_hung_up_does_not_blame_the_server() -> None:
    # smtpd's "lost connection after DATA" is the server's own line: the client went away, so
    # "the server closed the connection" (server-unavailable) would be the wrong side.
    text = POSTFIX_SERVER_SIDE.replace("timeout after DATA (16384 bytes)", "lost connection after DATA (0 bytes)")
    report = explain(text)
    assert report.top is not None and report.top.cause != "server-unavailable", report.top
    assert "server closed the connection" not in report.top.summary, report.top.summary

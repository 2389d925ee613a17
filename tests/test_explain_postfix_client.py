"""Postfix's SMTP client log lines (a relayhost with SASL), as Debian's Postfix 3.7 wrote them
against the lab (tests/corpus/collected-lab3.yaml): the step a session broke off in is SMTP's."""

from __future__ import annotations

from mailexpert.account import ServerSetting
from mailexpert.explain import explain, recognise

#: smtp_stream_except() names the step: "lost connection with %s while %s" (Postfix src/smtp).
EHLO_CUT = ("Dec 02 11:54:25 client postfix/smtp[27869]: D0AE5288235: to=<bob@example.org>, "
            "relay=mail.example.test[127.0.0.10]:40307, delay=1.6, delays=0.08/1.5/0/0, dsn=4.4.2, "
            "status=deferred (lost connection with mail.example.test[127.0.0.10] while performing the EHLO handshake)")
GREETING_TIMEOUT = ("Dec 02 11:53:14 client postfix/smtp[24861]: C1F7D2885D9: to=<bob@example.org>, "
                    "relay=mail.example.test[127.0.0.10]:38717, delay=12, delays=0.07/1.5/10/0, dsn=4.4.2, "
                    "status=deferred (conversation with mail.example.test[127.0.0.10] timed out while receiving "
                    "the initial server greeting)")
NO_WORTHY_MECHS = (
    "Dec 02 11:53:34 client postfix/smtp[25900]: warning: SASL authentication failure: No worthy mechs found\n"
    "Dec 02 11:53:34 client postfix/smtp[25900]: ED5092885D4: to=<bob@example.org>, "
    "relay=mail.example.test[127.0.0.10]:43083, delay=1.6, delays=0.03/1.6/0.02/0, dsn=4.7.0, status=deferred "
    "(SASL authentication failed; cannot authenticate to server mail.example.test[127.0.0.10]: no mechanism available)")


def _top(text: str, server: str | None = None) -> str | None:
    setting = ServerSetting.parse(*server.split()) if server else None
    top = explain(text, setting=setting).top
    return top.cause if top else None


def test_the_ehlo_handshake_is_no_tls_handshake() -> None:
    kinds = {f.kind for f in recognise(EHLO_CUT).facts}
    assert "tls.handshake" not in kinds, kinds
    assert "tcp.connect" in kinds


def test_a_cleartext_session_cut_at_ehlo_is_read_with_the_setting() -> None:
    assert _top(EHLO_CUT, "smtp mail.example.test:587/plain") == "plaintext-auth-filtered"


def test_the_same_words_with_a_tls_step_are_still_tls() -> None:
    # A TLS word of its own beside the step's name is still read.
    text = EHLO_CUT.replace("(lost connection", "(TLS handshake failed: lost connection")
    assert "tls.handshake" in {f.kind for f in recognise(text).facts}


def test_no_greeting_before_the_timeout_is_a_silent_server() -> None:
    facts = recognise(GREETING_TIMEOUT).facts
    greeting = [f for f in facts if f.kind == "service.greeting"]
    assert greeting and greeting[0].get("spoken") == "silence", facts
    assert _top(GREETING_TIMEOUT) == "plaintext-on-tls-port"


def test_a_connection_lost_before_the_greeting_is_no_greeting_either() -> None:
    text = GREETING_TIMEOUT.replace("conversation with mail.example.test[127.0.0.10] timed out",
                                    "lost connection with mail.example.test[127.0.0.10]")
    greeting = [f for f in recognise(text).facts if f.kind == "service.greeting"]
    assert greeting and greeting[0].get("spoken") == "silence"


def test_no_worthy_mechs_is_no_shared_mechanism() -> None:
    facts = recognise(NO_WORTHY_MECHS).facts
    assert any(f.kind == "login.result" and f.get("skipped_reason") == "no-mechanism" for f in facts), facts

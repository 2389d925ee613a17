"""The canonical order of observations (mailexpert.order): numbers by value, the plan's order
whatever the arrival order, and a server's text that cannot break it."""

from __future__ import annotations

import random

from mailexpert import fact, order
from mailexpert.explain import explain

HOST = "mail.example.test"


def test_natural_reads_runs_of_digits_as_numbers() -> None:
    line9 = fact("server.reply", stage="unknown", status="permanent", text="line 9")
    line10 = fact("server.reply", stage="unknown", status="permanent", text="line 10")
    assert order.natural(line9) < order.natural(line10)
    assert ("text", "line ", 10, "") in order.natural(line10)


def test_natural_keeps_other_digit_characters_as_text() -> None:
    # '²' is a digit to str.isdigit() but not to \d, and int() cannot read it.
    squared = fact("server.reply", stage="unknown", status="permanent", text="quota 5²")
    assert ("text", "quota ", 5, "²") in order.natural(squared)


def test_natural_is_the_same_with_a_memo() -> None:
    facts = [fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=port, outcome="refused")
             for port in (993, 143, 993)] + [fact("user.symptom", symptom="send")]
    memo: dict = {}
    assert [order.natural(f, memo) for f in facts] == [order.natural(f) for f in facts]
    assert memo


def test_a_server_text_with_a_superscript_digit_is_explained() -> None:
    report = explain("535 5.7.8 Authentication credentials invalid 5²")
    assert report.diagnoses


def test_canonical_order_does_not_depend_on_arrival() -> None:
    facts = [
        fact("account.setting", protocol="smtp", host=HOST, port=587, security="starttls", origin="option"),
        fact("account.setting", protocol="imap", host=HOST, port=993, security="ssl", origin="option"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=587, outcome="connected"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=993, outcome="connected"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=465, outcome="refused"),
        fact("tcp.connect", host="192.0.2.10", address="192.0.2.10", family="ipv4", port=993, outcome="connected"),
        fact("tls.handshake", host=HOST, port=993, mode="implicit", outcome="ok", verify="ok"),
    ]
    expected = order.canonical(facts)
    # imap before smtp; on a setting, the step (TCP before TLS), its own port before another
    # port of its protocol; a host that is no setting's after every setting.
    assert [(f.kind, f.get("host"), f.get("port")) for f in expected] == [
        ("account.setting", HOST, 993),
        ("tcp.connect", HOST, 993),
        ("tls.handshake", HOST, 993),
        ("account.setting", HOST, 587),
        ("tcp.connect", HOST, 587),
        ("tcp.connect", HOST, 465),
        ("tcp.connect", "192.0.2.10", 993),
    ]
    shuffled = list(facts)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert order.canonical(shuffled) == expected

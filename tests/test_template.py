"""Rule text reads as a person writes it: protocols by name, and what a fact does not know
(a pasted text names no server or port) in words, never as ``unknown``, ``0`` or ``?``."""

from __future__ import annotations

from mailexpert import relevance, template
from mailexpert.facts import Fact
from mailexpert.rulemodel import Ref


def _facts(**fields: object) -> dict[str, Fact]:
    return {"s": Fact("tls.handshake", tuple(fields.items()))}


def test_protocols_read_by_name_and_an_unsaid_protocol_as_mail() -> None:
    line = "The {s.protocol} server refused the login"
    assert template.render(line, _facts(protocol="smtp")) == "The SMTP server refused the login"
    assert template.render(line, _facts(protocol="pop3")) == "The POP3 server refused the login"
    assert template.render(line, _facts(protocol="unknown")) == "The mail server refused the login"


def test_a_place_the_text_did_not_name_reads_as_the_server() -> None:
    line = "The certificate of {s.host}:{s.port} has expired"
    assert template.render(line, _facts(host="mail.example.test", port=993)) == \
        "The certificate of mail.example.test:993 has expired"
    assert template.render(line, _facts(host="mail.example.test", port=0)) == \
        "The certificate of mail.example.test has expired"
    assert template.render(line, _facts(host="unknown", port=0)) == "The certificate of the server has expired"
    assert template.render(line, _facts(host="unknown", port=465)) == \
        "The certificate of the server on port 465 has expired"
    assert template.render(line, {}) == "The certificate of the server has expired"
    assert template.render("{s.host}:{s.port} refuses it. {s.host} is down", _facts(host="unknown", port=0)) == \
        "The server refuses it. The server is down"
    assert template.render("{s.host}:{s.port}", _facts(host="::1", port=25)) == "[::1]:25"


def test_an_absent_field_is_left_out_not_shown_as_a_question_mark() -> None:
    line = "The server wants authentication: {s.code} {s.text}"
    assert template.render(line, _facts(text="5.7.0 Authentication required")) == \
        "The server wants authentication: 5.7.0 Authentication required"
    assert template.render("'{s.code} {s.text}' came back", _facts(text="Denied")) == "'Denied' came back"
    assert template.render("code {s.code:d}.", _facts(code=530)) == "code 530."


def test_an_absent_field_alone_in_brackets_leaves_no_empty_brackets() -> None:
    line = "The session was cut ({s.error}): most often a filter"
    assert template.render(line, _facts(error="Connection reset by peer")) == \
        "The session was cut (Connection reset by peer): most often a filter"
    assert template.render(line, _facts()) == "The session was cut: most often a filter"
    assert template.render(line, _facts(error="")) == "The session was cut: most often a filter"
    assert template.render("It was cut ({s.error}). Try again", _facts()) == "It was cut. Try again"
    assert template.render("It was cut ({s.error} at login)", _facts()) == "It was cut (at login)"


def test_values_for_rules_keep_the_raw_field() -> None:
    bindings = _facts(host="unknown", port=0, protocol="smtp")
    assert template.value("{s.protocol}", bindings) == "smtp"
    assert template.value("{s.port}", bindings) == 0
    assert template.value(Ref("s", "host"), bindings) == "unknown"
    assert template.value("{s.host}:{s.port}/{s.protocol}", bindings) == "unknown:0/smtp"


def test_an_observation_from_a_pasted_text_names_no_placeholder_place() -> None:
    fact = Fact("tls.handshake", (("host", "unknown"), ("port", 0), ("mode", "implicit"),
                                  ("outcome", "cert-invalid"), ("verify", "expired")))
    assert relevance.describe(fact) == "the server: the TLS handshake (implicit) gave cert-invalid (expired)"


def test_a_programs_failure_without_a_reason_is_not_described_as_tcp() -> None:
    # explain's fact for "Could not connect to SMTP host" or "Failed to send some messages": the words
    # give no reason, and the list of what fails says so instead of "the TCP connection gave error".
    said = Fact("tcp.connect", (("host", "unknown"), ("port", 0), ("outcome", "error"),
                                ("error", "Failed to send some messages"), ("source", "pasted")))
    assert relevance.describe(said) == "the server: the mail program reports a failure without its reason"
    probed = Fact("tcp.connect", (("host", "mail.example.test"), ("port", 587), ("outcome", "error")))
    assert relevance.describe(probed) == "mail.example.test:587: the TCP connection gave error"


def test_a_lookup_from_a_pasted_text_names_no_placeholder_name() -> None:
    pasted = Fact("dns.answer", (("name", "unknown"), ("rrtype", "A"), ("resolver", "system"), ("outcome", "nxdomain")))
    assert relevance.describe(pasted) == "the server name: the A lookup by the system resolver gave nxdomain"
    probed = Fact("dns.answer", (("name", "mail.example.test"), ("rrtype", "AAAA"), ("resolver", "127.0.0.53"),
                                 ("outcome", "noanswer")))
    assert relevance.describe(probed) == "mail.example.test: the AAAA lookup at 127.0.0.53 gave noanswer"


def test_a_lookup_from_a_pasted_text_reads_without_its_placeholders_in_rule_prose() -> None:
    # explain's dns.answer for a text that names no server name or DNS server: name "unknown",
    # resolver "system" (data/prose.yaml unsaid) -- once "the DNS server (system)" and
    # "failed to resolve unknown".
    pasted = {"a": Fact("dns.answer", (("name", "unknown"), ("rrtype", "A"), ("resolver", "system"),
                                       ("outcome", "timeout"), ("source", "pasted")))}
    assert template.render("The DNS lookup timed out: the DNS server ({a.resolver}) gives no answer", pasted) == (
        "The DNS lookup timed out: the DNS server gives no answer")
    assert template.render("Resolving {a.name} failed at the DNS server {a.resolver} (SERVFAIL)", pasted) == (
        "Resolving failed at the DNS server (SERVFAIL)")
    named = {"a": Fact("dns.answer", (("name", "mail.example.org"), ("rrtype", "A"), ("resolver", "127.0.0.53:53"),
                                      ("outcome", "servfail"), ("source", "pasted")))}
    assert template.render("Resolving {a.name} failed at the DNS server {a.resolver} (SERVFAIL)", named) == (
        "Resolving mail.example.org failed at the DNS server 127.0.0.53:53 (SERVFAIL)")


def test_explained_resolver_errors_show_no_placeholder_words() -> None:
    from mailexpert.explain import explain

    for text in ("getaddrinfo EAI_AGAIN", "** server can't find: SERVFAIL",
                 "Unable to resolve host: No address associated with hostname"):
        summary = explain(text).top.summary
        assert not any(word in summary for word in ("unknown", "(system)", "system failed", "(no)")), (text, summary)


def test_the_mail_port_table_names_its_ports_in_prose() -> None:
    # {mail.port:SPEC}: the ports of data/knowledge.yaml's table, so that prose states none of them again.
    line = "Use SSL/TLS ({mail.port:security=ssl}) or STARTTLS ({mail.port:security=starttls,purpose!=relay})."
    assert template.render(line, {}) == "Use SSL/TLS (SMTP 465, IMAP 993, POP3 995) or STARTTLS (SMTP 587, IMAP 143, POP3 110)."
    # one protocol's ports are numbers alone
    assert template.render("port {mail.port:purpose=submission}", {}) == "port 465 or 587"
    assert template.render("{mail.port:security=ssl,purpose=retrieval}", {}) == "IMAP 993, POP3 995"
    # a protocol's several ports stand together, in the table's order (implicit TLS first)
    assert template.render("another port ({mail.port:purpose!=relay})", {}) == \
        "another port (SMTP 465 or 587, IMAP 993 or 143, POP3 995 or 110)"
    assert template.render("{mail.port:security=starttls}", {}) == "SMTP 587 or 25, IMAP 143, POP3 110"

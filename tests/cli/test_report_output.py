"""The published JSON Schema of reports, the text report's passed checks, and interactive answers."""

from __future__ import annotations

import io
import json

import pytest
from cli_helpers import SAMPLES, check_report_json, report_validator, run_cli

from mailexpert.api import diagnose_facts
from mailexpert.commands.interactive import TerminalAnswerer
from mailexpert.commands.progress import Progress
from mailexpert.facts import Fact, fact
from mailexpert.render import passed_checks, render_text
from mailexpert.report import render_json


def seed(cat, name: str, n: int | None = None):
    return cat.fact("test.seed", name=name, n=n)


def test_schema_validates_a_report_with_every_part(chain_rulebase, test_catalog) -> None:
    """Diagnoses with supersession, an open question, derived facts and a trace."""
    report = diagnose_facts([seed(test_catalog, "alpha", 9), seed(test_catalog, "q", -1)],
                            rulebase=chain_rulebase, account={"email": "a@example.test", "imap": "h:993/ssl"},
                            notes=("a note",))
    data = check_report_json(render_json(report))
    assert [d["cause"] for d in data["diagnoses"]] == ["all-mail-ports-blocked", "port-closed"]
    assert data["diagnoses"][1]["superseded_by"] == "all-mail-ports-blocked"
    assert data["questions"][0]["id"] == "seed-real" and data["derived"] and data["trace"]
    assert data["status"] == "problems" and data["notes"][-1] == "a note"


@pytest.mark.parametrize(
    "broken",
    [
        {"status": "maybe"},
        {"schema": "mailexpert.report/2"},
        {"diagnoses": [{"cause": "x"}]},
        {"facts": [{"host": "no kind"}]},
        {"facts": [{"kind": "tcp.connect", "port": [25]}]},
        {"rounds": 0},
        {"extra": 1},
    ],
)
def test_schema_refuses_malformed_reports(broken: dict, chain_rulebase, test_catalog) -> None:
    data = json.loads(render_json(diagnose_facts([seed(test_catalog, "alpha")], rulebase=chain_rulebase)))
    data.update(broken)
    assert list(report_validator().iter_errors(data))


def test_replay_json_validates_against_the_schema(tmp_path) -> None:
    bundle = tmp_path / "case.json"
    bundle.write_text(json.dumps({
        "schema": "mailexpert.facts/1",
        "account": {"email": "alice@example.test"},
        "facts": [
            {"kind": "account.setting", "protocol": "smtp", "host": "mail.example.test", "port": 25,
             "security": "plain", "origin": "option"},
            {"kind": "tcp.connect", "host": "mail.example.test", "port": 25, "outcome": "timeout"},
            {"kind": "tcp.connect", "host": "mail.example.test", "port": 587, "outcome": "connected"},
        ],
    }))
    result = run_cli("replay", str(bundle), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = check_report_json(result.stdout)
    assert data["diagnoses"][0]["cause"] == "smtp-port25-blocked"


def test_replay_malformed_bundle_exits_2(tmp_path) -> None:
    bundle = tmp_path / "case.yaml"
    bundle.write_text("schema: mailexpert.facts/1\nfacts:\n  - {kind: tcp.connect, host: h, port: 99999, outcome: timeout}\n")
    result = run_cli("replay", str(bundle))
    assert result.returncode == 2
    assert f"{bundle}:3:" in result.stderr and "port" in result.stderr


def test_internal_error_exits_3_without_a_traceback() -> None:
    result = run_cli("explain", "535 5.7.8 Error: authentication failed",
                     "--rules", str(SAMPLES.parent / "cli" / "rules" / "broken-at-runtime"))
    assert result.returncode == 3
    assert "mailexpert: internal error: RuleActionError: rule cli-test-missing-field" in result.stderr
    assert "MAILEXPERT_DEBUG=1" in result.stderr and "Traceback" not in result.stderr


# --- checks that passed -----------------------------------------------------------------------


def test_passed_checks_in_words() -> None:
    facts = [
        fact("dns.answer", name="mail.example.test", rrtype="A", resolver="127.0.0.2:53", role="system",
             outcome="answer", count=1),
        fact("dns.answer", name="_imaps._tcp.example.test", rrtype="SRV", resolver="127.0.0.2:53", role="system",
             outcome="nxdomain"),
        fact("tcp.connect", host="mail.example.test", port=993, outcome="connected", address="127.0.0.10"),
        fact("tcp.connect", host="mail.example.test", port=587, outcome="connected", address="127.0.0.10"),
        fact("tcp.connect", host="mail.example.test", port=25, outcome="timeout"),
        fact("service.greeting", host="mail.example.test", port=993, protocol="imap", mode="implicit",
             spoken="imap", status="ok"),
        fact("tls.handshake", host="mail.example.test", port=993, mode="implicit", outcome="ok", verify="ok",
             version="TLSv1.3"),
        fact("tls.handshake", host="mail.example.test", port=587, mode="starttls", outcome="cert-invalid",
             verify="expired"),
        fact("tls.certificate", host="mail.example.test", port=993, covers_host=True, days_left=80, days_valid=10,
             not_after="2027-01-01T00:00:00Z", issuer="mailexpert lab CA"),
        fact("login.result", host="mail.example.test", port=993, protocol="imap", outcome="success",
             mechanism="PLAIN"),
        fact("web.fetch", url="https://web.example.test/", host="web.example.test", via="direct", outcome="ok",
             status=200),
        fact("tcp.connect", host="x.example.test", port=25, outcome="connected", source="pasted"),
    ]
    assert passed_checks(facts) == [
        "DNS: mail.example.test resolves at the system resolver 127.0.0.2:53",
        "TCP: mail.example.test accepts connections on ports 587, 993",
        "Greeting: mail.example.test answers IMAP on port 993",
        "TLS: mail.example.test: TLSv1.3 on port 993; certificate verified",
        "Certificate: mail.example.test (port 993) is covered and valid until 2027-01-01 (80 days left), "
        "issued by mailexpert lab CA",
        "Login: IMAP login on mail.example.test:993 accepted with PLAIN",
        "Web: https://web.example.test/ answered (HTTP 200)",
    ]


def test_a_certificate_that_failed_verification_is_no_passed_check() -> None:
    """A private CA's certificate on IMAP covers the name and is in date, but its handshake
    failed: only the SMTP certificate, which verified, is a check that passed."""
    def certificate(port: int, issuer: str) -> Fact:
        return fact("tls.certificate", host="mail.example.test", port=port, covers_host=True, days_left=300,
                    days_valid=10, not_after="2027-12-01T00:00:00Z", issuer=issuer)

    facts = [
        fact("tls.handshake", host="mail.example.test", port=993, mode="implicit", outcome="cert-invalid",
             verify="untrusted-issuer"),
        certificate(993, "Private CA"),
        fact("tls.handshake", host="mail.example.test", port=587, mode="starttls", outcome="ok", verify="ok",
             version="TLSv1.3"),
        certificate(587, "Public CA"),
    ]
    assert [line for line in passed_checks(facts) if line.startswith("Certificate:")] == [
        "Certificate: mail.example.test (port 587) is covered and valid until 2027-12-01 (300 days left), "
        "issued by Public CA"]
    assert not [line for line in passed_checks(facts[:2]) if line.startswith("Certificate:")]


def test_text_report_shows_passed_checks_and_escapes_server_text(chain_rulebase, test_catalog) -> None:
    facts = [seed(test_catalog, "alpha"),
             fact("web.fetch", url="https://w.example.test/\x1b[2J", host="w.example.test", via="direct",
                  outcome="ok")]
    report = diagnose_facts(facts, rulebase=chain_rulebase)
    text = render_text(report)
    assert "Checks that passed:\n  ✓ Web: https://w.example.test/\\x1b[2J answered" in text
    assert "\x1b" not in text
    coloured = render_text(report, color=True)
    assert "\x1b[1;32mChecks that passed:" in coloured


def test_no_diagnosis_without_passed_checks_does_not_claim_every_check_passed(chain_rulebase, test_catalog) -> None:
    report = diagnose_facts([test_catalog.fact("clock.skew", source="x", skew_s=1)], rulebase=chain_rulebase)
    assert render_text(report).startswith("No problem found in these facts.")


# --- interactive answers and progress ---------------------------------------------------------


def test_terminal_answerer_asks_with_choices(chain_rulebase, test_catalog) -> None:
    shown = io.StringIO()
    answerer = TerminalAnswerer(io.StringIO("maybe\n2\n"), shown)
    report = diagnose_facts([seed(test_catalog, "q", -1)], rulebase=chain_rulebase, answerer=answerer)
    assert report.questions == ()
    assert answerer.asked == {"seed-real": "no"}
    out = shown.getvalue()
    assert "Question: Is seed q real?" in out and "  1) yes\n  2) no\n" in out
    assert "Please answer with 1-2 or one of: yes, no" in out
    assert test_catalog.fact("question.answer", question="seed-real", answer="no") in report.facts


@pytest.mark.parametrize(("typed", "expected"), [("\n", None), ("", None), ("Y\n", "yes"), ("x\nx\nx\n", None)])
def test_terminal_answerer_skips_and_prefixes(typed: str, expected: str | None) -> None:
    from mailexpert.reasoning import Question

    answerer = TerminalAnswerer(io.StringIO(typed), io.StringIO())
    assert answerer(Question("q", "Works?", ("yes", "no"), "r")) == expected


def test_terminal_answerer_free_text_and_end_of_input() -> None:
    from mailexpert.reasoning import Question

    answerer = TerminalAnswerer(io.StringIO("Thunderbird 115\n"), io.StringIO())
    assert answerer(Question("client", "Which client?", (), "r")) == "Thunderbird 115"
    assert answerer(Question("other", "More?", (), "r")) is None  # end of input
    assert answerer(Question("third", "Still?", (), "r")) is None  # not asked again after Ctrl-D


def test_progress_only_on_a_terminal_and_escaped() -> None:
    quiet = io.StringIO()
    Progress(quiet)("checking mail.example.test:993")
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    progress = Progress(shown, enabled=True, color=False)
    progress("TLS handshake with \x1b]0;owned\x07 mail.example.test:993")
    progress.done()
    out = shown.getvalue()
    assert out.startswith("\r\x1b[K[") and "TLS handshake with \\x1b]0;owned\\x07 mail.example.test:993" in out
    assert out.endswith("\r\x1b[K")
    assert progress.count == 1

"""The order of causes for texts that name only the kind of failure (data/priors.yaml) follows its data.

Each family's order must be its counts' order, the counts must still name the working
corpus's most frequent cause first, and explain must rank a bare text of each family in
that order -- so the order cannot change without its data, nor the data without the order.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_priors  # noqa: E402
import scoring  # noqa: E402

from mailexpert import priors  # noqa: E402
from mailexpert.explain import explain, recognise  # noqa: E402
from mailexpert.facts import fact  # noqa: E402

FAMILIES = {f.id: f for f in priors.families()}

#: A bare text of each family, as programs print it, with no clue to its cause.
BARE = {
    "connect-timeout-port-25": "dial tcp 192.0.2.7:25: connect: connection timed out",
    "connect-failed-retrieval-cleartext": "dial tcp 192.0.2.7:143: connect: connection timed out",
    "connect-timeout": "Connection timed out",
    "connect-refused-web-app": "SMTP ERROR: Failed to connect to server: Connection refused (111)",
    "connect-refused": "Connection refused",
    "connect-unreachable": "SMTP ERROR: Failed to connect to server: Network is unreachable (101)",
    "connect-unsaid-port-25": "SMTP Error: Could not connect to SMTP host mail.example.com:25.",
    "connect-unsaid": "SMTP Error: Could not connect to SMTP host.",
    "name-not-found": "getaddrinfo ENOTFOUND mail.example.com",
    "name-lookup-failed": "getaddrinfo EAI_AGAIN mail.example.com",
    "no-greeting": "Error: Greeting never received",
    "tls-handshake-reset": "Connection reset during TLS handshake",
    "tls-handshake-cut": "ssl.SSLEOFError: EOF occurred in violation of protocol (_ssl.c:1131)",
    "cert-untrusted-root": "System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an "
                           "authority that is not trusted.",
    "tls-after-starttls-unsaid": "SERVER -> CLIENT: 220 mail.example.com ESMTP\nCLIENT -> SERVER: EHLO me\n"
                                 "SERVER -> CLIENT: 250-mail.example.com250 STARTTLS\nCLIENT -> SERVER: STARTTLS\n"
                                 "SERVER -> CLIENT: 220 2.0.0 Ready to start TLS\nSMTP Error: Could not connect to SMTP host.",
    "tls-handshake-failed-mailio": "Switching to SSL failed.",
    "cert-unspecified-dotnet": "The remote certificate is invalid according to the validation procedure.",
    "cert-unspecified-apple-mail": "Cannot Verify Server Identity",
    "cert-unspecified": "Unacceptable TLS certificate",
    "cert-refused-server-log": "postfix/smtpd[123]: warning: TLS library problem: error:14094418:SSL routines:"
                               "ssl3_read_bytes:tlsv1 alert unknown ca:s3_pkt.c:1256:SSL alert number 48:",
}


def test_every_family_has_a_bare_text() -> None:
    assert set(BARE) == set(FAMILIES)


@pytest.mark.parametrize("family", FAMILIES.values(), ids=lambda f: f.id)
def test_the_order_is_its_counts_order(family: priors.Family) -> None:
    counts = dict(family.counts)
    assert set(family.order) == set(counts), "every ordered cause is counted, and every counted one ordered"
    numbers = [counts[c] for c in family.order]
    assert numbers == sorted(numbers, reverse=True), f"{family.id}: the order does not follow its counts {counts}"


def test_the_working_corpus_still_puts_each_familys_first_cause_first() -> None:
    groups: dict[str, list[dict]] = collections.defaultdict(list)
    table = tuple(FAMILIES.values())
    for entry in scoring.working():
        fam = corpus_priors.family_of(entry, table)
        if fam is not None:
            groups[fam.id].append(entry)
    for fam in table:
        live = corpus_priors.counts(groups[fam.id])
        assert live, f"{fam.id}: no counted text of the working corpus belongs to it"
        first = fam.order[0]
        assert live[first] == max(live.values()), \
            f"{fam.id}: the working corpus now counts {live.most_common(3)}, the order puts {first} first " \
            "(python3 benchmarks/corpus_priors.py --write recounts data/priors.yaml)"


@pytest.mark.parametrize("family_id", sorted(BARE))
def test_explain_ranks_a_bare_text_in_its_familys_order(family_id: str) -> None:
    text = BARE[family_id]
    fam = FAMILIES[family_id]
    assert priors.family(recognise(text).facts) == fam
    ranked = [d.cause for d in explain(text).diagnoses if d.cause in fam.order]
    assert ranked, f"{family_id}: no cause of the family is proposed for {text!r}"
    # The most reported of the causes the rules read from the bare observation comes first (a
    # cause read only from more, e.g. a mistyped name from its near miss, may count more but
    # is not proposed for a bare text).
    counts = dict(fam.counts)
    assert counts.get(ranked[0], 0) == max(counts.get(c, 0) for c in ranked)
    assert ranked == sorted(ranked, key=fam.order.index), f"{family_id}: {ranked} is not in the order {fam.order}"


def test_the_order_decides_between_readings_that_tie(monkeypatch: pytest.MonkeyPatch) -> None:
    text = BARE["connect-unreachable"]
    report = explain(text)
    first = report.top.cause
    # The first of the family's order that the bare text gives: PHPMailer's words are a web application's, so a
    # firewall (port-blocked-outbound) is read beside no route and no network, all three possible.
    given = {d.cause for d in report.diagnoses}
    assert first == next(cause for cause in FAMILIES["connect-unreachable"].order if cause in given)
    reversed_table = tuple(priors.Family(f.id, f.kind, f.where, f.ports, tuple(reversed(f.order)), f.counts)
                           for f in FAMILIES.values())
    monkeypatch.setattr(priors, "families", lambda: reversed_table)
    assert explain(text).top.cause != first


def test_a_family_about_a_port_comes_before_the_same_failure_on_any_port() -> None:
    on_25 = fact("tcp.connect", host="unknown", port=25, outcome="timeout", error="timed out", source="pasted")
    on_587 = fact("tcp.connect", host="unknown", port=587, outcome="timeout", error="timed out", source="pasted")
    assert priors.family([on_25]).id == "connect-timeout-port-25"
    assert priors.family([on_587]).id == "connect-timeout"


def test_a_web_applications_refusal_has_its_own_family_unless_it_stayed_on_this_machine() -> None:
    site = fact("tcp.connect", host="unknown", port=0, outcome="refused", error="Connection refused (111)",
                source="pasted", run_by="web-app")
    local = fact("tcp.connect", host="127.0.0.1", port=1025, outcome="refused", error="Connection refused",
                 source="pasted", run_by="web-app", loopback=True)
    other = fact("tcp.connect", host="unknown", port=0, outcome="refused", error="Connection refused", source="pasted")
    assert priors.family([site]).id == "connect-refused-web-app"
    assert priors.family([local]).id == priors.family([other]).id == "connect-refused"


def test_a_probes_observation_has_no_family() -> None:
    probed = fact("tcp.connect", host="mail.example.test", port=993, outcome="timeout", error="timed out",
                  source="probe")
    assert priors.family([probed]) is None
    assert priors.ranker([probed])("port-blocked-outbound") == priors.ranker([probed])("port-closed") == 0


def test_writing_the_counts_a_family_holds_leaves_the_data_file_as_it_is(tmp_path: Path) -> None:
    copy = tmp_path / "priors.yaml"
    copy.write_text(priors.DATA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    corpus_priors.write({f.id: collections.Counter(dict(f.counts)) for f in FAMILIES.values()}, FAMILIES.values(), copy)
    assert copy.read_text(encoding="utf-8") == priors.DATA_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    "Cannot Verify Server Identity",
    "Cannot Verify Server Identity\nThe identity of \u201cimap.example.net\u201d cannot be verified by Mail. Review the "
    "certificate details to continue.",
    "Die Serveridentität kann nicht überprüft werden.",
])
def test_apple_mails_words_for_a_refused_certificate_have_a_family_of_their_own(text: str) -> None:
    assert priors.family(recognise(text).facts) == FAMILIES["cert-unspecified-apple-mail"]
    # the mismatch of a custom domain on a shared host first, as the hosting providers' pages say
    assert explain(text).top.cause == "cert-hostname-mismatch"


@pytest.mark.parametrize("text", [
    "System.Net.Mail.SmtpException: Failure sending mail. ---> System.Security.Authentication.AuthenticationException: "
    "The remote certificate is invalid according to the validation procedure.",
    "Das Remotezertifikat ist laut Validierungsverfahren ungültig.",
    "根据验证过程，远程证书无效。",
])
def test_dotnets_words_for_a_refused_certificate_name_the_certificates_name_first(text: str) -> None:
    assert priors.family(recognise(text).facts) == FAMILIES["cert-unspecified-dotnet"]
    found = [d.cause for d in explain(text).diagnoses]
    # SslStream says the same for every policy error: the name connected to first, then a self-signed certificate
    assert found[:2] == ["cert-hostname-mismatch", "cert-self-signed"], found


def test_dotnets_words_with_the_chains_status_keep_their_own_reading() -> None:
    # the chain's status beside the words (X509ChainStatusFlags) says which: not the family's order
    text = ("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch, "
            "RemoteCertificateChainErrors; UntrustedRoot")
    assert priors.family(recognise(text).facts) != FAMILIES["cert-unspecified-dotnet"]


def test_mailios_failed_handshake_names_the_port_first() -> None:
    # its smtps/imaps classes start TLS at once, check no certificate and pin no version
    text = "terminate called after throwing an instance of 'mailio::dialog_error'\n  what():  Switching to SSL failed."
    assert priors.family(recognise(text).facts) == FAMILIES["tls-handshake-failed-mailio"]
    assert [d.cause for d in explain(text).diagnoses][:2] == ["tls-on-plaintext-port", "tls-no-shared-cipher"]


def test_another_programs_failed_handshake_keeps_the_shared_cipher_first() -> None:
    text = "javax.net.ssl.SSLHandshakeException: Handshake failed"
    assert priors.family(recognise(text).facts) is None
    assert explain(text).top.cause == "tls-no-shared-cipher"


def test_another_programs_words_for_a_refused_certificate_keep_the_general_order() -> None:
    for text in ("Unacceptable TLS certificate", "The certificate for this server is invalid."):
        assert priors.family(recognise(text).facts) == FAMILIES["cert-unspecified"], text
        found = [d.cause for d in explain(text).diagnoses]
        # the unknown issuer first; a certificate for another name is still a candidate
        assert found[0] == "cert-untrusted-issuer" and "cert-hostname-mismatch" in found, found


def test_a_familys_words_are_matched_in_the_observations_reason() -> None:
    apple = FAMILIES["cert-unspecified-apple-mail"]
    said = fact("tls.handshake", host="unknown", port=0, mode="implicit", outcome="cert-invalid", verify="other",
                reason="Cannot Verify Server Identity", source="pasted")
    other = fact("tls.handshake", host="unknown", port=0, mode="implicit", outcome="cert-invalid", verify="other",
                 reason="Unacceptable TLS certificate", source="pasted")
    assert apple.matches(said) and not apple.matches(other)

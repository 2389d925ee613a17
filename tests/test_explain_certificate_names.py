"""A hostname-mismatch error that lists the names the certificate IS valid for: the diagnosis names
them, in the summary and the first fix (texts in the shapes the stacks print them)."""

from __future__ import annotations

import pytest

from mailexpert.explain import MAX_CERT_NAMES, certificate_names, explain, recognise
from mailexpert.probes.tls import settable_name
from mailexpert.render import render_text

HOSTER = ("mail.hoster.net", "*.hoster.net")


@pytest.mark.parametrize(("text", "names", "asked"), [
    ("mail.example.com:993 uses an invalid security certificate. The certificate is only valid for the following "
     "names: mail.hoster.net, *.hoster.net Error code: SSL_ERROR_BAD_CERT_DOMAIN", HOSTER, None),
    # The dialog copied from the screen, its list wrapped over two lines.
    ("mail.example.com:993 uses an invalid security certificate.\n\nThe certificate is only valid for the following "
     "names:\nmail.hoster.net,\n*.hoster.net\n\nError code: SSL_ERROR_BAD_CERT_DOMAIN", HOSTER, None),
    ("The certificate is only valid for mail.hoster.net.\n\nError code: SSL_ERROR_BAD_CERT_DOMAIN",
     ("mail.hoster.net",), None),
    ("Error: Hostname/IP does not match certificate's altnames: Host: mail.example.com. is not in the cert's "
     "altnames: DNS:mail.hoster.net, DNS:*.hoster.net", HOSTER, "mail.example.com"),
    ("dial: x509: certificate is valid for mail.hoster.net, *.hoster.net, not mail.example.com", HOSTER,
     "mail.example.com"),
    ("stream_socket_enable_crypto(): Peer certificate CN=`mail.hoster.net' did not match expected "
     "CN=`mail.example.com'", ("mail.hoster.net",), "mail.example.com"),
    ("ssl.CertificateError: hostname 'mail.example.com' doesn't match either of 'mail.hoster.net', '*.hoster.net'",
     HOSTER, "mail.example.com"),
])
def test_the_certificates_names_are_read_in_each_stacks_shape(text: str, names: tuple[str, ...],
                                                              asked: str | None) -> None:
    assert certificate_names(text) == (names, asked)


@pytest.mark.parametrize("text", [
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for "
    "'mail.example.com'. (_ssl.c:1006)",
    "javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching mail.example.com found.",
    "curl: (60) SSL: no alternative certificate subject name matches target host name 'mail.example.com'",
    "The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch",
])
def test_stacks_that_name_only_the_asked_host_keep_the_general_wording(text: str) -> None:
    assert certificate_names(text) == ((), None)
    report = explain(text)
    top = report.diagnoses[0]
    assert top.cause == "cert-hostname-mismatch"
    assert "is valid for" not in top.summary


def test_a_listed_name_that_is_no_name_lists_nothing() -> None:
    # A terminal escape where a name should stand: no name is taken from the text.
    assert certificate_names("x509: certificate is valid for a\x1b[31mb.example.net, not mail.example.com") == ((), None)


def test_the_names_are_bounded() -> None:
    many = ", ".join(f"host{i}.hoster.net" for i in range(50))
    names, asked = certificate_names(f"x509: certificate is valid for {many}, not mail.example.com")
    assert len(names) == MAX_CERT_NAMES and names[0] == "host0.hoster.net" and asked == "mail.example.com"
    long = "a" * 300 + ".example.net"
    assert certificate_names(f"x509: certificate is valid for {long}, not mail.example.com") == ((), None)


def test_a_pasted_list_is_the_probes_certificate_fact() -> None:
    text = ("mail.example.com:993 uses an invalid security certificate. The certificate is only valid for the "
            "following names: mail.hoster.net, *.hoster.net Error code: SSL_ERROR_BAD_CERT_DOMAIN")
    cert = next(f for f in recognise(text).facts if f.kind == "tls.certificate")
    assert (cert.get("host"), cert.get("port"), cert.get("names"), cert.get("settable_name"), cert.get("covers_host"),
            cert.get("source")) == ("mail.example.com", 993, "mail.hoster.net, *.hoster.net", "mail.hoster.net",
                                     False, "pasted")


def test_the_summary_and_first_fix_name_the_certificates_names() -> None:
    report = explain("Hostname/IP does not match certificate's altnames: Host: mail.example.com. is not in the "
                     "cert's altnames: DNS:mail.hoster.net, DNS:*.hoster.net")
    top = report.diagnoses[0]
    assert top.cause == "cert-hostname-mismatch"
    assert top.summary == "The certificate of mail.example.com is valid for mail.hoster.net, *.hoster.net, not mail.example.com"
    assert top.fix[0].startswith("Set the server name to mail.hoster.net, a name the certificate is issued for")


def test_only_wildcard_names_are_offered_as_the_list() -> None:
    assert settable_name(["*.hoster.net", "192.0.2.7"]) is None
    top = explain("x509: certificate is valid for *.hoster.net, not mail.example.com").diagnoses[0]
    assert "is valid for *.hoster.net, not mail.example.com" in top.summary
    assert "one the certificate covers: *.hoster.net" in top.fix[0]


def test_no_control_character_of_a_listed_name_reaches_the_terminal() -> None:
    text = ("The certificate is only valid for the following names: mail.hoster.net\x1b]0;owned\x07 "
            "Error code: SSL_ERROR_BAD_CERT_DOMAIN")
    shown = render_text(explain(text))
    assert "cert-hostname-mismatch" in shown
    assert "\x1b" not in shown and "\x07" not in shown

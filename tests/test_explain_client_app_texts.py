"""What mail client apps show their users, read to the cause their threads found: a Windows build
linked against OpenSSL without its applink glue, Delta Chat's C core quoting libetpan's connect
error, Outlook's German message for a server with no shared login method."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


@pytest.mark.parametrize("text", [
    # Mailspring 1.0.x on Windows, adding any SSL account (Foundry376/Mailspring#2049).
    "Waiting for Identity JSON:\ninfo: Identity created at 1507252051 - using ID Schema 0\n\n"
    "OPENSSL_Uplink(7A45D878,08): no OPENSSL_Applink",
    "OPENSSL_Uplink(00007FFB1B2C1000,08): no OPENSSL_Applink",
])
def test_a_build_without_openssl_applink_is_the_programs_defect(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.rule == "client-outdated-openssl-applink", top


@pytest.mark.parametrize("text", [
    # sendEmail 1.56 on macOS 15 through Gmail (mogaal/sendemail#38)
    "invalid SSL_version specified at /System/Library/Perl/Extras/5.34/IO/Socket/SSL.pm line 728.",
    # sendEmail on CentOS, after IO::Socket::SSL's own certificate warning
    " SSL_verify_mode explicitly to SSL_VERIFY_NONE in your application.\n"
    "*******************************************************************\n  at /usr/bin/sendEmail line 1906.\n"
    "invalid SSL_version specified at /usr/share/perl5/vendor_perl/IO/Socket/SSL.pm line 415.",
])
def test_a_tls_version_option_the_library_no_longer_takes_is_the_programs_age(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.rule == "client-outdated-tls-version-option", top


def test_a_valid_tls_version_refused_by_the_server_is_not_the_programs_option() -> None:
    top = explain("SSL connect attempt failed error:0A00042E:SSL routines::tlsv1 alert protocol version").top
    assert top is not None and top.rule != "client-outdated-tls-version-option", top


@pytest.mark.parametrize("text", [
    # Delta Chat Desktop 0.40 as the user copied it (deltachat/deltachat-desktop#749: ports blocked).
    "Could not connect to imap server xxxxx:993 using SSL Error #6",
    # deltachat-core's own log line (src/dc_imap.c).
    "Could not connect to IMAP-server imap.example.org:993 using SSL. (Error #6)",
])
def test_libetpans_connection_refused_is_no_tls_failure(text: str) -> None:
    # libetpan's MAILIMAP_ERROR_CONNECTION_REFUSED (6): the TCP connect failed before any TLS.
    report = explain(text)
    assert report.top is not None and report.top.cause == "port-blocked-outbound", report.top
    assert "starttls-failed" not in {d.cause for d in report.diagnoses}


def test_outlooks_german_no_shared_login_method_is_no_refused_password() -> None:
    # mailcow/mailcow#463: Outlook's account test against port 25, where no AUTH is offered.
    text = "Vom Server wird keine der von diesem Client unterstützten Authentifizierungsmethoden unterstützt."
    top = explain(text).top
    assert top is not None and top.cause == "auth-mechanism-unsupported", top


@pytest.mark.parametrize("text", [
    # deltachat-core's log line (src/dc_imap.c) with libetpan's MAILIMAP_ERROR_SSL (44).
    "Could not connect to IMAP-server imap.example.org:993 using SSL. (Error #44)",
    "TLS failure connecting to mail.example.org:465",
    "SSL error on mail.example.org port 995",
])
def test_a_tls_failure_on_an_implicit_tls_port_is_the_handshake_not_starttls(text: str) -> None:
    # 465, 993 and 995 start TLS on connecting (the mail-port table, RFC 8314 section 3): no
    # STARTTLS is ever sent there, so the failure is the handshake itself.
    report = explain(text)
    assert "starttls-failed" not in {d.cause for d in report.diagnoses}, report.top
    assert [f.get("mode") for f in report.facts if f.kind == "tls.handshake"] == ["implicit"], report.facts


def test_a_tls_failure_on_a_starttls_port_still_reads_as_starttls() -> None:
    # The port decides: on 587 the session upgrades with STARTTLS, and that is what failed.
    report = explain("TLS failure connecting to mail.example.org:587")
    assert report.top is not None and report.top.cause == "starttls-failed", report.top

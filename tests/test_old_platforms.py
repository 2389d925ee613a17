"""Old platforms named in a pasted text (data/tls_clients.yaml, old_platforms): which names each
row knows, which current versions it must leave alone, and what ``explain`` makes of a vague
failure beside one. The texts are written for these tests in the shapes users write them."""

from __future__ import annotations

import pytest

from mailexpert import tlsclients
from mailexpert.explain import explain


def named(text: str) -> list[str]:
    return [f["platform"] for f in tlsclients.named_platforms(text)]


@pytest.mark.parametrize(("text", "platform"), [
    ("Windows XP SP3", "windows-xp"),
    ("on WinXP with Outlook Express 6", "windows-xp"),
    ("Windows Server 2003 R2", "windows-server-2003"),
    ("Windows Vista Home Premium", "windows-vista"),
    ("our Windows Server 2008 SP2 box", "windows-server-2008"),
    ("Win 7 Pro", "windows-7"),
    ("Windows7 x64", "windows-7"),
    ("It runs Windows 7.", "windows-7"),
    ("Windows Server 2008 R2", "windows-server-2008-r2"),
    ("Win2008R2", "windows-server-2008-r2"),
    ("Outlook 2010", "outlook-2003-2013"),
    ("MS Outlook 2007", "outlook-2003-2013"),
    ("Java 7", "java-6-7"),
    ("java 1.6.0_45", "java-6-7"),
    ("jdk1.7.0_80", "java-6-7"),
    ("JRE 7u80", "java-6-7"),
    ("Java 7 Update 79", "java-6-7"),
    ('java version "1.7.0_51"', "java-6-7"),
    ("/usr/lib/jvm/java-7-openjdk-amd64/bin/java", "java-6-7"),
    (".NET Framework 4.5", "dotnet-framework-4.5"),
    (".NET 4.5.2", "dotnet-framework-4.5"),
    ("ASP.NET 4.0 site", "dotnet-framework-4.5"),
    ("Windows 7 Pro; the vendor says Windows 7 or later", "windows-7"),
    ("<TargetFramework>net45</TargetFramework>", "dotnet-framework-4.5"),
    ('<httpRuntime targetFramework="4.5" />', "dotnet-framework-4.5"),
    (".NET 3.5", "dotnet-framework-4.5"),
    ("PHP 5.4", "php-5.5"),
    ("PHP/5.3.29", "php-5.5"),
    ("PHP 4.4.9", "php-5.5"),
    ("PHP 7.0.33", "php-5.6-7.1"),
    ("php5.6", "php-5.6-7.1"),
    ("OpenSSL 0.9.8zh", "openssl-1.0.0"),
    ("OpenSSL/1.0.0t", "openssl-1.0.0"),
    ("CentOS 5.11", "linux-openssl-0.9.8"),
    ("RHEL5", "linux-openssl-0.9.8"),
    ("Red Hat Enterprise Linux Server release 5.8 (Tikanga)", "linux-openssl-0.9.8"),
    ("SLES 11 SP3", "linux-openssl-0.9.8"),
    ("Android 4.1", "android-4.4"),
    ("Android 4.4.2", "android-4.4"),
    ("a Jelly Bean phone", "android-4.4"),
    ("Mac OS X 10.8 Mail", "apple-mail-old"),
    ("OS X 10.7.5", "apple-mail-old"),
    ("macOS 10.6.8", "apple-mail-old"),
    ("OS X Mountain Lion", "apple-mail-old"),
    ("OS X 10.11.6 El Capitan", "apple-mail-old"),
    ("iOS 6.1.3", "apple-mail-old"),
    ("an iPad on iOS 9.3.5", "apple-mail-old"),
    ("Exchange 2007", "exchange-2007"),
    ("Microsoft Exchange Server 2003", "exchange-2007"),
    ("Exchange Server 2010 SP3", "exchange-2010"),
    ("System.Net.WebException: The underlying connection was closed: An unexpected error occurred on a send.",
     "dotnet-framework-webrequest"),
])
def test_a_name_of_an_old_platform_is_found(text: str, platform: str) -> None:
    assert platform in named(text), named(text)


@pytest.mark.parametrize("text", [
    "Windows 10", "Windows 11 24H2", "Windows 8.1", "Windows Server 2012 R2", "Windows 70",
    "Outlook 2016", "Outlook 2019", "Outlook for Microsoft 365", "Outlook 2010 on Windows 10",
    "Java 8", "Java 17", "java 16", "jdk1.8.0_271", "Java 11.0.2", "JavaMail 1.6.2", "javax.mail 1.4.7",
    "jdk.tls.client.protocols", "OpenJDK 21",
    ".NET Framework 4.6.2", ".NET Framework 4.7.2", ".NET 4.8", ".NET 6", ".NET Core 3.1", "v4.0.30319",
    "PHP 7.2", "PHP 8.1.2", "PHPMailer 5.2.28", "php-fpm",
    "OpenSSL 1.0.1e", "OpenSSL 1.0.2k-fips", "OpenSSL 1.1.1w", "OpenSSL 3.0.13",
    "Android 5.0", "Android 10", "Android 14",
    "macOS 10.15", "macOS 10.12 Sierra", "macOS 11", "macOS Sonoma",
    "iOS 13", "iOS 16.4", "iOS 10.3.4", "Airmail on iOS 9",
    "Exchange 2016", "Exchange Server 2019", "Exchange Online",
    "CentOS 7", "CentOS Stream 9", "RHEL 8.9", "SLES 12 SP5", "SLES 15", "Java 8 on CentOS 5",
    "Thunderbird 115 on Windows 7", "PHPMailer on Windows 7", "Windows XP, Perl Net::SMTP", "Python 3.12 on Windows Server 2008 R2",
    # the oldest of a range that holds current versions
    "requires Windows 7 or later", "iOS 9.0 or later", "Android 4.4+", "Java 7 or newer", "PHP 5.6 and up",
    # a domain name before a number is no .NET
    "421 4.3.2 mx.example.net 4.5 try again later", "<bob@example.net> 4.0 refused",
])
def test_a_current_version_or_a_program_with_its_own_tls_is_not_named(text: str) -> None:
    assert named(text) == [], text


def test_every_row_has_https_sources_and_a_fix() -> None:
    rows = tlsclients.old_platforms()
    assert len({r.id for r in rows}) == len(rows)
    for row in rows:
        assert row.sources and all(s.startswith("https://") for s in row.sources), row.id
        assert row.fix.strip() and row.side in ("client", "server"), row.id


def test_the_fact_says_which_words_named_the_platform() -> None:
    (found,) = tlsclients.named_platforms("Since the move our   Java  7 app fails")
    assert found["said"] == "Java 7" and found["max_tls"] == "TLSv1" and found.get("depends") is None
    assert found["reference"].startswith("https://")


def test_a_huge_text_is_scanned_only_at_its_start() -> None:
    text = "x" * (tlsclients.MAX_PLATFORM_SCAN + 10) + " Windows XP"
    assert named(text) == []


def top(text: str) -> str:
    return explain(text).diagnoses[0].cause


@pytest.mark.parametrize("text", [
    # Each: an old client platform named in the user's words, beside a failure that says no cause.
    "Windows 7 + Outlook 2013: Your server has unexpectedly terminated the connection.",
    "The app targets .NET Framework 4.5. System.Net.Mail.SmtpException: Failure sending mail. "
    "---> System.IO.IOException: Unable to read data from the transport connection: "
    "An existing connection was forcibly closed by the remote host.",
    "Java 7 (jdk1.7.0_79): javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure",
    "iPad with iOS 9.3.5, Mail: Cannot connect to the mail server.",
    "Java 6 (1.6.0_45): javax.net.ssl.SSLHandshakeException: Remote host closed connection during handshake",
    "curl built with OpenSSL 0.9.8zh: SSL routines:SSL23_GET_SERVER_HELLO:tlsv1 alert protocol version",
    "fetchmail on CentOS 5: SSL connection failed.",
    # .NET Framework's own words for a send whose TLS handshake broke off, under an EWS or Graph client
    "Exception calling \"FindItems\" with \"2\" argument(s): \"The request failed. The underlying connection was "
    "closed: An unexpected error occurred on a send.\"",
])
def test_an_old_client_platform_beside_a_vague_failure_reads_its_missing_tls_1_2(text: str) -> None:
    report = explain(text)
    first = report.diagnoses[0]
    assert first.cause == "tls-version-client-outdated", [(d.cause, d.rule) for d in report.diagnoses]
    assert any(f.kind == "platform.named" for f in first.evidence)


@pytest.mark.parametrize(("text", "cause"), [
    ("Windows 7, Outlook 2010: 535 5.7.8 Error: authentication failed: authentication failure", "password-rejected"),
    ("Java 7: javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
     "to requested target", "cert-untrusted-issuer"),
    ("Windows XP: The host 'smtp.example.com' could not be found. Please verify that you have entered "
     "the server name correctly. Account: 'mail', Server: 'smtp.example.com', Protocol: SMTP, Port: 25, "
     "Secure(SSL): No, Socket Error: 11004, Error Number: 0x800CCC0D", "server-host-unknown"),
])
def test_a_text_that_says_what_failed_keeps_its_reading(text: str, cause: str) -> None:
    assert top(text) == cause


@pytest.mark.parametrize(("text", "depends"), [
    ("Android 4.2 phone: Cannot connect to server.", "for mail apps that use the system's TLS defaults"),
    ("PHP 5.4 on the old server: stream_socket_enable_crypto(): SSL operation failed with code 1. "
     "OpenSSL Error messages: error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure",
     "for STARTTLS"),
    ("Outlook 2010: Your server has unexpectedly terminated the connection.", "on Windows 7 or older"),
    ("Our app on Windows Server 2008 R2: System.Net.Mail.SmtpException: Failure sending mail. ---> "
     "System.IO.IOException: Unable to read data from the transport connection: An existing connection was "
     "forcibly closed by the remote host.", "where the program that connects runs on it"),
])
def test_a_platform_limited_only_in_some_installations_is_a_warning_behind_the_usual_reading(
        text: str, depends: str) -> None:
    report = explain(text)
    causes = [d.cause for d in report.diagnoses]
    assert causes[0] != "tls-version-client-outdated", causes
    maybe = next(d for d in report.diagnoses if d.cause == "tls-version-client-outdated")
    assert maybe.severity == "warning" and depends in maybe.summary, maybe.summary


def test_an_old_server_named_with_no_shared_version_reads_the_server() -> None:
    report = explain("Exchange Server 2010 here. The client and server cannot communicate, "
                     "because they do not possess a common algorithm")
    assert report.diagnoses[0].cause == "tls-version-server-outdated"
    assert "names Exchange Server 2010 as the server" in report.diagnoses[0].summary


def test_a_current_platform_changes_nothing() -> None:
    text = "Your server has unexpectedly terminated the connection."
    assert top("Java 11 on Windows 10: " + text) == top(text)


def test_diagnose_reads_the_platform_in_the_error_text_given_as_explain_does() -> None:
    from mailexpert.account import Account
    from mailexpert.pipeline import _what_the_user_sees

    account = Account(email="jo@example.test", smtp="smtp.example.test:587/starttls")
    facts, _ = _what_the_user_sees(account, None, "Windows 7: Your server has unexpectedly terminated the connection.")
    assert [f["platform"] for f in facts if f.kind == "platform.named"] == ["windows-7"]


def test_a_setting_without_tls_is_no_tls_version_problem() -> None:
    text = ("Windows 7, Outlook 2010: The connection to the server has failed. Account: 'mail', Server: "
            "'pop.example.com', Protocol: POP3, Port: {port}, Secure(SSL): {ssl}, Error Number: 0x800CCC0E")
    assert top(text.format(port=995, ssl="Yes")) == "tls-version-client-outdated"
    assert "tls-version-client-outdated" not in [d.cause for d in explain(text.format(port=110, ssl="No")).diagnoses]


def test_a_password_the_text_shows_names_no_platform_and_is_not_quoted() -> None:
    text = ("mail.smtp.user=bob mail.smtp.password=Win7\njavax.mail.MessagingException: Could not connect to SMTP "
            "host: smtp.example.com, port: 587; nested exception is: javax.net.ssl.SSLHandshakeException: Remote host "
            "closed connection during handshake")
    assert named(text) == []
    report = explain(text)
    shown = " ".join(f"{d.summary} {d.explanation} {d.evidence}" for d in report.diagnoses)
    assert "Win7" not in shown, shown
    assert named(text.replace("mail.smtp.password=Win7", "on Win7")) == ["windows-7"]

"""Pure parts: account settings, classification tables, autoconfig, providers, environment."""

from __future__ import annotations

import errno
import ssl

import pytest

from mailexpert import classify, replies
from mailexpert.account import Account, ConnectTo, ResolverAddress, ServerSetting, account_facts
from mailexpert.errors import SettingsError
from mailexpert.probes.autoconfig_xml import parse_autoconfig
from mailexpert.probes.dialects import DIALECTS
from mailexpert.probes.dialects.base import cram_md5_digest
from mailexpert.probes.dialects.imap import parse_imap_capability
from mailexpert.probes.dialects.pop3 import parse_pop3_capa
from mailexpert.probes.dialects.smtp import parse_ehlo
from mailexpert.probes.environment import no_proxy_matches, proxy_from_environment, sysfs_interfaces
from mailexpert.probes.http import ProxyConfig
from mailexpert.probes.tls import name_covers
from mailexpert.providers import ProviderTable, default_table


@pytest.mark.parametrize("protocol,text,expected", [
    ("imap", "mail.example.test", ("mail.example.test", 993, "ssl")),
    ("imap", "mail.example.test/starttls", ("mail.example.test", 143, "starttls")),
    ("imap", "mail.example.test:143", ("mail.example.test", 143, "starttls")),
    ("pop3", "Pop.Example.Test", ("pop.example.test", 995, "ssl")),
    ("pop3", "pop.example.test/plain", ("pop.example.test", 110, "plain")),
    ("smtp", "smtp.example.test", ("smtp.example.test", 587, "starttls")),
    ("smtp", "smtp.example.test/ssl", ("smtp.example.test", 465, "ssl")),
    ("smtp", "smtp.example.test:465", ("smtp.example.test", 465, "ssl")),
    ("smtp", "[::1]:2525/plain", ("::1", 2525, "plain")),
    ("imap", "127.0.0.1:10993/SSL", ("127.0.0.1", 10993, "ssl")),
])
def test_server_setting_parse(protocol, text, expected):
    s = ServerSetting.parse(protocol, text)
    assert (s.host, s.port, s.security) == expected
    assert ServerSetting.parse(protocol, s.address) == s


@pytest.mark.parametrize("text,message", [
    ("", "empty"), ("mail:0", "out of range"), ("mail:65536", "out of range"), ("mail:abc", "not a number"),
    ("ma il.example.test", "not a valid host"), ("mail/tls13", "unknown security mode"), ("[::1", "unclosed"),
    ("bad_-.host..", "not a valid host"), ("mail@example.test", "not a valid host"),
])
def test_server_setting_errors(text, message):
    with pytest.raises(SettingsError, match=message):
        ServerSetting.parse("imap", text)


def test_connect_to_and_resolver_parse():
    assert ConnectTo.parse("mail.example.test:993:127.0.0.1:10993") == ConnectTo("mail.example.test", 993, "127.0.0.1", 10993)
    assert ConnectTo.parse("[::1]:993:[::1]:1993") == ConnectTo("::1", 993, "::1", 1993)
    with pytest.raises(SettingsError):
        ConnectTo.parse("mail:993:127.0.0.1")
    with pytest.raises(SettingsError):
        ConnectTo.parse("mail:993:127.0.0.1:0")
    assert ResolverAddress.parse("127.0.0.2:5353") == ResolverAddress("127.0.0.2", 5353)
    assert ResolverAddress.parse("::1") == ResolverAddress("::1", 53)
    assert ResolverAddress.parse("[::1]:5353") == ResolverAddress("::1", 5353)
    with pytest.raises(SettingsError):
        ResolverAddress.parse("dns.example.test")


def test_account():
    a = Account(email="Alice@Example.TEST", username="alice", password="pw", smtp="mail.example.test")
    assert a.email == "Alice@example.test" and a.domain == "example.test"
    assert "pw" not in repr(a)
    facts = account_facts(a)
    ident = facts[0]
    assert ident["username_is_address"] is False and ident["username_matches_address"] is True
    assert facts[1]["origin"] == "option" and facts[1]["auth_method"] == "password"
    assert Account(email="a@example.test").username == "a@example.test"
    for bad in ("alice", "@example.test", "alice@", "alice@localhost", "al ice@example.test"):
        with pytest.raises(SettingsError):
            Account(email=bad)
    with pytest.raises(SettingsError):
        Account(email="a@example.test", password="x\r\nQUIT")


@pytest.mark.parametrize("text,expected", [
    ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", ("wrong-version-number", "unchecked")),
    ("[SSL] record layer failure (_ssl.c:1000)", ("wrong-version-number", "unchecked")),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)", ("cert-invalid", "expired")),
    ("certificate verify failed: certificate is not yet valid", ("cert-invalid", "not-yet-valid")),
    ("certificate verify failed: self-signed certificate", ("cert-invalid", "self-signed")),
    ("certificate verify failed: self signed certificate in certificate chain", ("cert-invalid", "self-signed-in-chain")),
    ("certificate verify failed: unable to get local issuer certificate", ("cert-invalid", "untrusted-issuer")),
    ("certificate verify failed: Hostname mismatch, certificate is not valid for 'x'.", ("cert-invalid", "hostname-mismatch")),
    ("certificate verify failed: IP address mismatch, certificate is not valid for '1.2.3.4'.", ("cert-invalid", "hostname-mismatch")),
    ("certificate verify failed: Missing Authority Key Identifier (_ssl.c:1028)", ("cert-invalid", "missing-aki")),
    ("[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version", ("protocol-version", "unchecked")),
    ("[SSL: UNSUPPORTED_PROTOCOL] unsupported protocol", ("protocol-version", "unchecked")),
    ("[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure", ("handshake-failure", "unchecked")),
    ("[SSL: DH_KEY_TOO_SMALL] dh key too small", ("dh-key-too-small", "unchecked")),
    ("[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol", ("unexpected-eof", "unchecked")),
    ("TLS/SSL connection has been closed (EOF) (_ssl.c:997)", ("unexpected-eof", "unchecked")),
    ("ConnectionResetError: [Errno 104] Connection reset by peer", ("reset", "unchecked")),
    ("TimeoutError: _ssl.c:989: The handshake operation timed out", ("timeout", "unchecked")),
    ("[SSL: SSLV3_ALERT_BAD_CERTIFICATE] sslv3 alert bad certificate", ("alert", "unchecked")),
    ("[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca", ("alert", "unchecked")),
    # One reason, each OpenSSL generation's words: 3.2-3.6 "ssl/tls alert", 4.0 "tls alert"
    # (measured with the OpenSSL 4.0 that cryptography bundles), BoringSSL the bare name.
    ("[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] ssl/tls alert handshake failure (_ssl.c:1006)", ("handshake-failure", "unchecked")),
    ("error:0A000410:SSL routines::tls alert handshake failure", ("handshake-failure", "unchecked")),
    ("error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE", ("handshake-failure", "unchecked")),
    # illegal_parameter (alert 47): the peer refused a handshake field -- no parameters both sides accept.
    ("[SSL: SSLV3_ALERT_ILLEGAL_PARAMETER] ssl/tls alert illegal parameter (_ssl.c:1006)", ("handshake-failure", "unchecked")),
    ("error:0A00042F:SSL routines::tls alert illegal parameter", ("handshake-failure", "unchecked")),
    ("error:0A00042F:SSL routines:ssl3_read_bytes:sslv3 alert illegal parameter", ("handshake-failure", "unchecked")),
    ("error:1000042f:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER", ("handshake-failure", "unchecked")),
    ("error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION", ("protocol-version", "unchecked")),
    ("error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER", ("wrong-version-number", "unchecked")),
    ("error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER", ("handshake-failure", "unchecked")),
    # unrecognized_name (alert 112, RFC 6066 section 3): the server has no certificate for the name the client
    # asked for (SNI), the name the certificate check would refuse (data/error-texts.yaml tls_alerts verify).
    ("error:10000458:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNRECOGNIZED_NAME", ("cert-invalid", "hostname-mismatch")),
    ("[SSL: TLSV1_UNRECOGNIZED_NAME] tlsv1 unrecognized name (_ssl.c:1006)", ("cert-invalid", "hostname-mismatch")),
    ("certificate verify failed: certificate is not yet valid or the system clock is incorrect", ("cert-invalid", "not-yet-valid")),
    ("something else entirely", ("error", "unchecked")),
])
def test_classify_ssl_text(text, expected):
    verdict = classify.classify_ssl_text(text)
    assert (verdict.outcome, verdict.verify) == expected
    assert "_ssl.c" not in verdict.reason


def test_a_live_ssl_error_is_read_by_its_reason_name_before_its_text():
    # The name OpenSSL gives a reason in every release; the words beside it vary by release
    # (here a wording no table knows stands for them).
    e = ssl.SSLError(1, "[SSL: TLSV1_ALERT_PROTOCOL_VERSION] words of another release (_ssl.c:1006)")
    e.library, e.reason = "SSL", "TLSV1_ALERT_PROTOCOL_VERSION"
    assert classify.classify_ssl_error(e).outcome == "protocol-version"
    # A reason newer than Python's own table has no name: its text is read.
    e = ssl.SSLError(1, "[SSL] record layer failure (_ssl.c:1000)")
    e.library, e.reason = "SSL", None
    assert classify.classify_ssl_error(e).outcome == "wrong-version-number"
    e = ssl.SSLCertVerificationError(1, "x")
    e.verify_code, e.verify_message = 85, "words of another release"
    assert classify.classify_ssl_error(e).verify == "missing-aki"


def test_classify_live_exceptions():
    e = ssl.SSLCertVerificationError(1, "x")
    e.verify_code, e.verify_message = 10, "certificate has expired"
    assert classify.classify_ssl_error(e).verify == "expired"
    assert classify.classify_ssl_error(TimeoutError()).outcome == "timeout"
    assert classify.classify_ssl_error(ConnectionResetError()).outcome == "unexpected-eof"
    assert classify.classify_ssl_error(ConnectionResetError(errno.ECONNRESET, "reset")).outcome == "reset"
    assert classify.classify_socket_error(ConnectionRefusedError(errno.ECONNREFUSED, "x")) == "refused"
    assert classify.classify_socket_error(OSError(errno.EHOSTUNREACH, "x")) == "unreachable"
    assert classify.classify_socket_error(OSError(errno.EACCES, "x")) == "unreachable"
    assert classify.classify_socket_error(TimeoutError()) == "timeout"
    import dns.resolver
    assert classify.classify_dns_error(dns.resolver.NXDOMAIN()) == "nxdomain"
    assert classify.classify_dns_error(dns.resolver.LifetimeTimeout(timeout=1.0, errors=[])) == "timeout"


@pytest.mark.parametrize("text,expected", [
    ("ConnectionRefusedError: [Errno 111] Connection refused", "refused"),
    ("[WinError 10061] No connection could be made because the target machine actively refused it", "refused"),
    ("TimeoutError: timed out", "timeout"),
    ("OSError: [Errno 113] No route to host", "unreachable"),
    ("OSError: [Errno 101] Network is unreachable", "unreachable"),
    ("ConnectionResetError: [Errno 104] Connection reset by peer", "reset"),
    ("socket.gaierror: [Errno -2] Name or service not known", "dns-failed"),
    ("[Errno 11001] getaddrinfo failed", "dns-failed"),
])
def test_classify_socket_text(text, expected):
    assert classify.classify_socket_text(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("NXDOMAIN: The DNS query name does not exist: mial.example.com.", "nxdomain"),
    ("NoAnswer: The DNS response does not contain an answer to the question: x. IN SRV", "nodata"),
    ("NoNameservers: All nameservers failed to answer the query x. IN A: Server Do53:1.1.1.1@53 answered SERVFAIL", "servfail"),
    ("NoNameservers: All nameservers failed to answer the query x: Server Do53:10.0.0.1@53 answered REFUSED", "refused"),
    ("LifetimeTimeout: The resolution lifetime expired after 3.40 seconds", "timeout"),
    ("socket.gaierror: [Errno -3] Temporary failure in name resolution", "timeout"),
    ("socket.gaierror: [Errno -5] No address associated with hostname", "nodata"),
    ("socket.gaierror: [Errno -2] Name or service not known", "nxdomain"),
])
def test_classify_dns_text(text, expected):
    assert classify.classify_dns_text(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("535-5.7.8 Username and Password not accepted. For more information, go to\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp",
     dict(protocol="smtp", code=535, enhanced="5.7.8", status="permanent")),
    ("454 4.7.0 TLS not available due to local problem", dict(protocol="smtp", code=454, status="transient")),
    ("250 2.1.0 Ok", dict(protocol="smtp", code=250, status="positive", enhanced="2.1.0")),
    ("SMTPAuthenticationError: (534, b'5.7.9 Application-specific password required.')",
     dict(protocol="smtp", code=534, enhanced="5.7.9")),
    ("a1 NO [AUTHENTICATIONFAILED] Authentication failed.",
     dict(protocol="imap", status="no", response_code="AUTHENTICATIONFAILED")),
    ("* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS\n"
     "a2 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
     dict(protocol="imap", status="no", response_code="PRIVACYREQUIRED")),
    ("* BYE Microsoft Exchange Server IMAP4 server signing off.", dict(protocol="imap", status="bye")),
    ("* NO [WEBALERT https://accounts.google.com/x] Web login required.",
     dict(protocol="imap", status="no", response_code="WEBALERT")),
    ("-ERR [SYS/TEMP] Temporary authentication failure.", dict(protocol="pop3", status="err", response_code="SYS/TEMP")),
    ("-ERR [IN-USE] Mailbox is locked by another POP3 session.", dict(protocol="pop3", response_code="IN-USE")),
    ("-ERR Logon failure: unknown user name or bad password.", dict(protocol="pop3", status="err")),
])
def test_parse_reply(text, expected):
    parsed = replies.parse_reply(text)
    for key, value in expected.items():
        assert parsed[key] == value, (key, parsed)
    from mailexpert.facts import fact
    fact("server.reply", stage="unknown", source="pasted", **parsed)


def test_parse_reply_unrecognised_and_escaped():
    assert replies.parse_reply("hello world") == {}
    assert replies.parse_reply("") == {}
    parsed = replies.parse_reply("535 5.7.8 \x1b[31mno\x1b[0m")
    assert "\x1b" not in parsed["text"] and "\\x1b" in parsed["text"]


def test_greeting_fingerprints():
    fp = classify.fingerprint_greeting
    assert fp(b"220 mx ESMTP").spoken == "smtp" and fp(b"220 mx").status == "ok"
    assert (fp(b"421 4.7.0 busy").status, fp(b"554 no").status) == ("busy", "busy")
    assert fp(b"* OK ready").spoken == "imap" and fp(b"* BYE go").status == "bye"
    assert fp(b"+OK pop").spoken == "pop3" and fp(b"-ERR [SYS/TEMP] x").status == "error"
    assert fp(b"HTTP/1.1 400 Bad Request").spoken == "http"
    assert fp(b"\x15\x03\x03\x00\x02\x02\x28").spoken == "tls"
    assert fp(bytes(range(256))).spoken == "garbage"
    assert fp(b"").spoken == "silence"
    # Another service that speaks first: an SSH identification line (RFC 4253 section 4.2).
    assert fp(b"SSH-2.0-OpenSSH_9.2").spoken == "ssh"
    assert fp(b"ssh is not here").spoken == fp(b"hello there").spoken == "unknown"


def test_capability_parsers():
    caps = parse_ehlo(["250-mail", "250-PIPELINING", "250-XXXXXXXA", "250-AUTH PLAIN LOGIN", "250 8BITMIME"])
    assert caps.masked and not caps.starttls and caps.mechanisms == ("PLAIN", "LOGIN")
    caps = parse_ehlo(["250-mail", "250-AUTH=LOGIN", "250 STARTTLS"])
    assert caps.starttls and caps.mechanisms == ("LOGIN",)
    caps = parse_imap_capability(["IMAP4rev1", "SASL-IR", "STARTTLS", "LOGINDISABLED", "AUTH=XOAUTH2"])
    imap = DIALECTS["imap"]
    assert caps.login_disabled and caps.sasl_ir and imap.oauth_only(caps) and not imap.password_auth(caps)
    caps = parse_pop3_capa(["USER", "SASL PLAIN XOAUTH2", "STLS"])
    assert caps.user and caps.starttls and caps.mechanisms == ("PLAIN", "XOAUTH2")

    # Dovecot with auth_mechanisms = cram-md5 still lists USER: CRAM-MD5 is the login.
    caps = parse_pop3_capa(["USER", "SASL CRAM-MD5", "PIPELINING"])
    assert DIALECTS["pop3"].password_mechanism(caps) == "CRAM-MD5"
    assert DIALECTS["pop3"].password_mechanism(parse_pop3_capa(["USER", "SASL PLAIN CRAM-MD5"])) == "PLAIN"
    assert DIALECTS["pop3"].password_mechanism(parse_pop3_capa(["USER"])) == "USER"


def test_cram_md5_digest_is_the_rfc_2195_example():
    """RFC 2195 section 2: password tanstaaftanstaaf, and its challenge."""
    challenge = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"  # <1896.697170952@postoffice.reston.mci.net>
    assert cram_md5_digest("tanstaaftanstaaf", challenge) == "b913a602c7eda7a495b4e6e7334d3890"
    assert cram_md5_digest("tanstaaftanstaaf", "not base64!") is None  # the exchange is cancelled ("*")


AUTOCONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="example.test">
  <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port>
    <socketType>SSL</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></incomingServer>
  <incomingServer type="exchange"><hostname>ews.example.test</hostname></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>587</port>
    <socketType>STARTTLS</socketType></outgoingServer>
  <outgoingServer type="smtp"><hostname>bad host</hostname><port>25</port><socketType>plain</socketType></outgoingServer>
</emailProvider></clientConfig>"""


def test_parse_autoconfig():
    servers = parse_autoconfig(AUTOCONFIG, email="alice@example.test")
    assert [(s.protocol, s.host, s.port, s.security) for s in servers] == [
        ("imap", "imap.example.test", 993, "ssl"), ("smtp", "smtp.example.test", 587, "starttls")]
    assert servers[0].authentication == ("password-cleartext",)
    assert servers[0].setting().origin == "discovered"


@pytest.mark.parametrize("text,message", [
    ('<!DOCTYPE x [<!ENTITY a "aaaa">]><clientConfig/>', "DOCTYPE"),
    ("<clientConfig><emailProvider>", "well-formed"),
    ("<html/>", "root element"),
    ("<clientConfig/>", "no usable"),
    ("x" * (300 * 1024), "larger"),
])
def test_parse_autoconfig_refuses(text, message):
    with pytest.raises(SettingsError, match=message):
        parse_autoconfig(text)


def test_provider_table(tmp_path):
    t = default_table()
    assert t.by_domain("gmail.com").app_password_required
    assert t.by_mx("alt1.aspmx.l.google.com").basic_auth_disabled_since == "2024-09-30"
    assert t.by_mx("example-com.mail.protection.outlook.com").oauth_required
    assert t.by_domain("hotmail.com").basic_auth_disabled_since == "2024-09-16"
    assert t.by_domain("gmx.de").protocols_disabled_by_default
    assert t.by_domain("proton.me").bridge_required
    assert t.by_host("imap.gmail.com").id == "gmail"
    assert t.by_domain("zoho.eu").servers[0].host == "imap.zoho.eu"
    ids = {p.id for p in t.providers}
    assert {"gmail", "google-workspace", "microsoft-365", "outlook-com", "yahoo", "icloud", "gmx", "web-de",
            "fastmail", "zoho", "zoho-eu", "yandex", "aol", "proton"} <= ids
    extra = tmp_path / "p.yaml"
    extra.write_text("providers:\n  - id: big\n    name: Big\n    mx: [bigmail.test]\n"
                     "    servers: {imap: [imap.bigmail.test:993/ssl]}\n    oauth_required: true\n")
    t2 = ProviderTable.load([extra])
    assert t2.by_mx("mail.bigmail.test").id == "big"
    bad = tmp_path / "bad.yaml"
    bad.write_text("providers: 3\n")
    with pytest.raises(SettingsError):
        ProviderTable.load([bad])


def test_name_covers():
    assert name_covers("*.example.test", "mail.example.test")
    assert not name_covers("*.example.test", "a.b.example.test")
    assert not name_covers("*.example.test", "example.test")
    assert name_covers("127.0.0.1", "127.0.0.1") and name_covers("::1", "0:0::1")
    assert name_covers("Mail.Example.Test", "mail.example.test.")


def test_proxy_environment():
    env = {"HTTPS_PROXY": "http://user:secret@proxy.example.test:3128", "NO_PROXY": "localhost,.internal.test"}
    var, proxy = proxy_from_environment(env)
    assert var == "HTTPS_PROXY" and proxy.host == "proxy.example.test" and proxy.port == 3128
    assert "secret" not in repr(proxy)
    assert no_proxy_matches("a.internal.test", env) and not no_proxy_matches("web.example.test", env)
    assert no_proxy_matches("anything", {"no_proxy": "*"})
    assert ProxyConfig.parse("socks5h://127.0.0.1").scheme == "socks5"
    with pytest.raises(SettingsError):
        ProxyConfig.parse("ftp://x")


def test_interfaces(tmp_path):
    for name, kind, flags, extra in [("lo", 772, "0x9", None), ("eth0", 1, "0x1003", None),
                                     ("wlan0", 1, "0x1003", "wireless"), ("tun0", 65534, "0x1091", None),
                                     ("wg0", 65534, "0x0", None)]:
        d = tmp_path / name
        d.mkdir()
        (d / "type").write_text(f"{kind}\n")
        (d / "flags").write_text(flags + "\n")
        if extra:
            (d / extra).mkdir()
    found = {n: (t, up) for n, t, up in sysfs_interfaces(str(tmp_path))}  # the fallback when psutil cannot tell
    assert found == {"lo": ("loopback", True), "eth0": ("ethernet", True), "wlan0": ("wireless", True),
                     "tun0": ("vpn", True), "wg0": ("vpn", False)}


def test_every_verify_code_row_is_a_known_verdict_with_its_openssl_name_and_source():
    from pathlib import Path

    import yaml
    rows = classify.error_texts()["verify_codes"]
    facts = yaml.safe_load((Path(__file__).resolve().parents[2] / "facts" / "transport.yaml").read_text())
    verdicts = set(facts["kinds"]["tls.handshake"]["fields"]["verify"]["values"])
    assert verdicts, "the tls.handshake verify field lists its values"
    assert len({r["code"] for r in rows}) == len(rows)
    for row in rows:
        assert row["verify"] in verdicts, row
        assert row["name"].startswith("X509_V_ERR_") and row["source"], row


@pytest.mark.parametrize("text,verify", [
    ("imapfilter: certificate verification failed; 10", "expired"),
    ("depth=0 CN = mail.example.test\nverify error:num=18:self-signed certificate", "self-signed"),
    ("Verify return code: 62 (hostname mismatch)", "hostname-mismatch"),
    ("Verify return code: 20", "untrusted-issuer"),
])
def test_a_numbered_openssl_verify_result_reads_from_the_table(text, verify):
    assert classify.classify_ssl_text(text).verify == verify

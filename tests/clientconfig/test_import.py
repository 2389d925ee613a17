"""Importing real client configuration files: good ones give settings, damaged ones evidence."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mailexpert.clientconfig import client_config_facts, detect_format, import_config, parse_config
from mailexpert.errors import ClientConfigError, InputError
from mailexpert.facts import fact

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def sample(name: str) -> str:
    return str(SAMPLES / name)


def problems(cfg) -> list[str]:
    return [p.text(cfg.path) for p in cfg.problems]


# --- good files ---------------------------------------------------------------------


def test_thunderbird_prefs_accounts_settings_and_version() -> None:
    cfg = import_config(sample("thunderbird/prefs.js"))
    assert cfg.format == "thunderbird" and cfg.status == "ok" and cfg.problems == ()
    work = cfg.account_for("alice@example.test")
    assert work is not None and work.name == "account2"
    assert work.username == "alice@example.test"
    assert work.imap.address == "mail.example.test:993/ssl"
    assert work.smtp.address == "mail.example.test:587/starttls"  # try_ssl 2
    assert work.imap.origin == work.smtp.origin == "client-config"
    assert dict(work.auth) == {"imap": "password", "smtp": "password"}
    club = cfg.account_for("Alice.Club@club.example.test")
    assert club.pop3.address == "pop.club.example.test:995/ssl" and club.imap is None
    assert club.smtp.address == "smtp.club.example.test:465/ssl"
    assert club.username == "alice.club"
    # Local Folders (type none) is not an account to diagnose.
    assert [a.name for a in cfg.accounts] == ["account2", "account3"]
    assert cfg.client.name == "thunderbird" and cfg.client.version == "115.6.1" and cfg.client.major == 115
    assert cfg.client.fact() == fact("client.info", name="thunderbird", version="115.6.1", major=115,
                                     max_tls="TLSv1.3", oauth_support=True)


def test_thunderbird_facts_for_one_account() -> None:
    cfg = import_config(sample("thunderbird/prefs.js"))
    facts = cfg.facts_for("alice@example.test")
    assert fact("client.config", path=cfg.path, format="thunderbird", status="ok") in facts
    settings = [f for f in facts if f.kind == "account.setting"]
    assert {(f["protocol"], f["host"], f["port"], f["security"], f["origin"], f["auth_method"]) for f in settings} == {
        ("imap", "mail.example.test", 993, "ssl", "client-config", "password"),
        ("smtp", "mail.example.test", 587, "starttls", "client-config", "password"),
    }
    # context facts never carry settings: diagnose() makes those from the Account it builds
    assert {f.kind for f in cfg.context_facts()} == {"client.config", "client.info"}


def test_msmtprc_accounts_defaults_and_implicit_tls() -> None:
    cfg = import_config(sample("msmtp/msmtprc"))
    assert cfg.format == "msmtp" and cfg.status == "ok", problems(cfg)
    assert [a.name for a in cfg.accounts] == ["work", "club"]  # the default account first
    assert cfg.settings_for("alice@example.test")["smtp"].address == "mail.example.test:587/starttls"
    club = cfg.account_for("alice.club@club.example.test")
    assert club.smtp.address == "smtp.club.example.test:465/ssl"  # tls on + tls_starttls off
    assert club.username == "alice.club" and club.auth["smtp"] == "password"
    assert cfg.client.name == "msmtp"


def test_mbsyncrc_accounts_ssltype_and_oauth() -> None:
    cfg = import_config(sample("mbsync/mbsyncrc"))
    assert cfg.format == "mbsync" and cfg.status == "ok", problems(cfg)
    example = cfg.account_for("alice@example.test")
    assert example.imap.address == "mail.example.test:993/ssl" and example.auth["imap"] == "password"
    gmail = cfg.account_for("alice.example@gmail.example.test")
    assert gmail.imap.address == "imap.gmail.example.test:993/ssl"  # TLSType IMAPS, default port
    assert gmail.auth["imap"] == "oauth"  # AuthMechs XOAUTH2


def test_autoconfig_placeholders_and_preferred_servers() -> None:
    cfg = import_config(sample("autoconfig/config-v1.1.xml"))
    assert cfg.format == "autoconfig" and cfg.status == "ok", problems(cfg)
    account = cfg.account_for("carol@example.test")
    assert account.username == "carol@example.test"  # %EMAILADDRESS%
    assert account.email == "carol@example.test"
    assert account.imap.address == "mail.example.test:993/ssl"  # the first, preferred, of two
    assert account.pop3.address == "mail.example.test:995/ssl"
    assert account.smtp.address == "mail.example.test:587/starttls"
    assert cfg.client is None
    assert cfg.account_for("someone@elsewhere.test") is not None  # a single provider stands for any address


# --- damaged and inconsistent files: evidence with positions ---------------------------------


def test_thunderbird_damaged() -> None:
    cfg = import_config(sample("thunderbird/prefs-damaged.js"))
    assert cfg.status == "corrupt"
    path = cfg.path
    assert problems(cfg) == [
        f"{path}:22: pref 'mail.server.server2.socketType' is set twice with different values: 3 (line 21) and 2",
        f"{path}:27: mail.smtpserver.smtp1.port 70000 is out of range (1-65535)",
        f"{path}:31:42: unreadable pref line: expected ')', found the end of the line",
    ]
    account = cfg.account_for("bob@example.test")
    assert account.imap.address == "mail.example.test:993/starttls"  # the later pref wins, as in Thunderbird
    assert account.smtp is None  # its port is out of range
    statuses = {f["status"] for f in cfg.context_facts() if f.kind == "client.config"}
    assert statuses == {"inconsistent", "corrupt"}


def test_thunderbird_truncated_with_nul_bytes() -> None:
    cfg = import_config(sample("thunderbird/prefs-truncated.js"))
    assert cfg.status == "corrupt"
    texts = problems(cfg)
    assert any(":4: mail.server.server1 has no hostname" in t for t in texts)
    assert any("socketType 7 is not a known security mode" in t for t in texts)
    assert any(t.endswith(":12:18: unreadable pref line: damaged text (byte '\\x00') inside a string") for t in texts)
    account = cfg.account_for("carol@example.test")
    assert account.imap is None and account.smtp.address == "mail.example.test:587/starttls"


def test_msmtprc_damaged() -> None:
    cfg = import_config(sample("msmtp/msmtprc-damaged"))
    p = cfg.path
    assert problems(cfg) == [
        f"{p}:7: account 'work' has no host",
        f"{p}:8:1: unknown command 'hots'",
        f"{p}:12:16: unterminated or misplaced quote in the argument",
        f"{p}:16: account 'old': port 0 is out of range (1-65535)",
        f"{p}:18: account 'old': tls_starttls on has no effect with tls off; mail would be sent without encryption",
        f"{p}:21:16: account 'old' is defined twice (first on line 14)",
        f"{p}:24: 'account default' names 'wrok', which is not defined",
    ]
    assert cfg.status == "corrupt"


def test_mbsyncrc_damaged_ssl_and_starttls_on_143() -> None:
    cfg = import_config(sample("mbsync/mbsyncrc-damaged"))
    p = cfg.path
    assert problems(cfg) == [
        f"{p}:8:9: SSLType is set twice with different values: 'IMAPS' (line 7) and 'STARTTLS' on port 143, "
        "which starts in plaintext",
        f"{p}:11: IMAPAccount 'broken' has no Host",
        f"{p}:12:6: IMAPAccount 'broken': port 99999 is out of range (1-65535)",
        f"{p}:14:9: IMAPAccount 'broken': SSLType 'TLSv1.2' is not IMAPS, STARTTLS or None",
        f"{p}:17:9: IMAPStore 'example-remote' uses account 'exmaple', which is not defined",
        f"{p}:19:1: unknown keyword '<<<<<<<' outside a section",
    ]


def test_autoconfig_inconsistent() -> None:
    cfg = import_config(sample("autoconfig/config-inconsistent.xml"))
    texts = problems(cfg)
    assert any(":9:7: " in t and "<socketType> is given twice" in t and "on port 143" in t for t in texts)
    assert any(":13: <outgoingServer type='smtp'> (line 13) has no host name" in t for t in texts)
    assert any(":20:7: " in t and "port 'nine-nine-five' is not a number" in t for t in texts)
    assert any(":21:7: " in t and "socketType 'TLS1.2' is not SSL, STARTTLS or plain" in t for t in texts)
    assert cfg.status == "corrupt"


def test_autoconfig_not_well_formed() -> None:
    cfg = import_config(sample("autoconfig/config-broken.xml"))
    assert problems(cfg) == [f"{cfg.path}:10:5: not well-formed XML: not well-formed (invalid token)"]
    assert cfg.accounts == ()


def test_autoconfig_with_dtd_or_entities_is_refused() -> None:
    with pytest.raises(ClientConfigError, match="refusing an XML file with a DTD or entity declarations"):
        import_config(sample("autoconfig/config-xxe.xml"))


def test_client_config_facts_carry_each_problem() -> None:
    configs = [import_config(sample("msmtp/msmtprc-damaged")), import_config(sample("thunderbird/prefs.js"))]
    facts = client_config_facts(configs, "alice@example.test")
    assert {f.kind for f in facts} == {"client.config", "client.info"}
    broken = [f for f in facts if f.kind == "client.config" and f["status"] != "ok"]
    assert len(broken) == 7 and all(f["format"] == "msmtp" and f["problem"].startswith(configs[0].path + ":")
                                    for f in broken)
    assert fact("client.config", path=configs[1].path, format="thunderbird", status="ok") in facts


# --- files that cannot be read at all -> ClientConfigError (exit 2) -----------------------


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ClientConfigError, match="no such file"):
        import_config(tmp_path / "prefs.js")
    with pytest.raises(ClientConfigError, match="is a directory"):
        import_config(tmp_path)
    with pytest.raises(ClientConfigError, match=r"not a text file \(binary content\)"):
        import_config(sample("thunderbird/prefs.js.gz"))
    empty = tmp_path / "msmtprc"
    empty.write_text("\n\n")
    with pytest.raises(ClientConfigError, match="the file is empty"):
        import_config(empty)
    unknown = tmp_path / "settings.ini"
    unknown.write_text("[mail]\nserver = x\n")
    with pytest.raises(ClientConfigError, match="cannot tell which client wrote it"):
        import_config(unknown)
    assert issubclass(ClientConfigError, InputError)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    target = tmp_path / "prefs.js"
    shutil.copy(sample("thunderbird/prefs.js"), target)
    target.chmod(0)
    with pytest.raises(ClientConfigError, match="permission denied"):
        import_config(target)


def test_format_detection_by_content(tmp_path: Path) -> None:
    for src, fmt in (("thunderbird/prefs.js", "thunderbird"), ("msmtp/msmtprc", "msmtp"),
                     ("mbsync/mbsyncrc", "mbsync"), ("autoconfig/config-v1.1.xml", "autoconfig")):
        text = Path(sample(src)).read_text()
        assert detect_format(tmp_path / "renamed.conf", text) == fmt
        assert detect_format(sample(src)) == fmt
        assert parse_config(text, "renamed.conf").format == fmt


def test_thunderbird_syntax_corner_cases() -> None:
    text = "\n".join([
        '/* a block comment',
        '   over lines */ user_pref("extensions.lastAppVersion", "60.9.1"); // after a comment',
        'user_pref("mail.account.account1.server", "server1");',
        'user_pref("mail.account.account1.identities", "id1");',
        'user_pref("mail.identity.id1.useremail", "d\\u0061ve@example.test");',
        'user_pref("mail.server.server1.type", "imap");',
        'user_pref("mail.server.server1.hostname", "IMAP.Example.TEST");',
        'user_pref("mail.server.server1.socketType", 2);',
        'user_pref("mail.server.server1.authMethod", 10);',
        'user_pref("mail.server.server1.port", "143");',
        'user_pref("mail.smtpserver.smtp1.hostname", "smtp.example.test");',
        'user_pref("mail.smtpserver.smtp1.try_ssl", 3);',
        'user_pref("mail.smtpserver.smtp1.socketType", 2);',
        'pref_user("x", 1);',
        'user_pref("y", yes);',
    ])
    cfg = parse_config(text, "prefs.js")
    account = cfg.account_for("dave@example.test")
    assert account.imap.address == "imap.example.test:143/starttls"  # a port given as text is ignored
    assert account.imap.auth_method == "oauth"
    assert account.smtp.address == "smtp.example.test:465/ssl"  # Thunderbird's SMTPS default port
    assert account.auth["imap"] == "oauth"
    assert cfg.client.version == "60.9.1" and cfg.client.max_tls == "TLSv1.2"
    texts = problems(cfg)
    assert texts == [
        "prefs.js:10: mail.server.server1.port must be a number, not '143'",
        "prefs.js:13: mail.smtpserver.smtp1 has contradictory security: try_ssl=3 and socketType=2",
        "prefs.js:14:1: unreadable pref line: unknown statement 'pref_user' (expected user_pref)",
        "prefs.js:15:16: unreadable pref line: expected a value (a quoted string, a number, true or false), "
        "found 'yes);'",
    ]


def test_problems_are_bounded() -> None:
    text = "account a\nhost h.example.test\n" + "".join(f"bogus{i} x\n" for i in range(40))
    cfg = parse_config(text, "msmtprc")
    assert len(cfg.problems) == 20
    assert cfg.problems[-1].message.endswith("(and 20 more problems)")


# --- the EHLO name the program sends ------------------------------------------------------


@pytest.mark.parametrize(("line", "name"), [
    ("", "localhost"),  # msmtp(1): "The default is localhost"
    ("domain mail.example.test\n", "mail.example.test"),
    ("domain [192.0.2.7]\n", "[192.0.2.7]"),
    ("domain %M\n", None),  # /etc/mailname: left to the probe's own name
    ('domain "bad name"\n', None),  # never repeated into the session with a space in it
])
def test_msmtp_ehlo_name(line: str, name: str | None) -> None:
    text = f"account a\nhost smtp.example.test\nfrom a@example.test\n{line}account default : a\n"
    cfg = parse_config(text, "msmtprc", "msmtp")
    assert cfg.account_for("a@example.test").ehlo_name == name


def test_msmtp_ehlo_name_host_name_pattern() -> None:
    cfg = parse_config("account a\nhost smtp.example.test\ndomain %H\n", "msmtprc", "msmtp")
    assert cfg.accounts[0].ehlo_name == __import__("socket").gethostname()


@pytest.mark.parametrize(("prefs", "name"), [
    ("", None),  # Thunderbird's own choice (the computer's full name or its address literal)
    ('user_pref("mail.smtpserver.default.hello_argument", "DESKTOP-4F2K9QL");\n', "DESKTOP-4F2K9QL"),
    ('user_pref("mail.smtpserver.smtp1.hello_argument", "pc.example.test");\n'
     'user_pref("mail.smtpserver.default.hello_argument", "other");\n', "pc.example.test"),
    ('user_pref("mail.smtpserver.smtp1.hello_argument", "a\\r\\nRSET");\n', None),
])
def test_thunderbird_ehlo_name(prefs: str, name: str | None) -> None:
    text = ('user_pref("mail.accountmanager.accounts", "account1");\n'
            'user_pref("mail.account.account1.server", "server1");\n'
            'user_pref("mail.account.account1.identities", "id1");\n'
            'user_pref("mail.identity.id1.useremail", "a@example.test");\n'
            'user_pref("mail.identity.id1.smtpServer", "smtp1");\n'
            'user_pref("mail.server.server1.type", "imap");\n'
            'user_pref("mail.server.server1.hostname", "imap.example.test");\n'
            'user_pref("mail.smtpservers", "smtp1");\n'
            'user_pref("mail.smtpserver.smtp1.hostname", "smtp.example.test");\n' + prefs)
    cfg = parse_config(text, "prefs.js", "thunderbird")
    assert cfg.account_for("a@example.test").ehlo_name == name

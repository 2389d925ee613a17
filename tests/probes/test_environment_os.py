"""The user's own machine on every OS: interfaces, routes, resolvers, proxies, client files.

Everything here reads this machine (loopback only) or real files in temporary folders laid
out as each OS lays them out; HOME, USERPROFILE and APPDATA point there, never at the
user's own files.
"""

from __future__ import annotations

import asyncio
import collections
import shutil
import socket
import urllib.request
from pathlib import Path

import psutil
import pytest
from probe_helpers import run_lab

from mailexpert.account import Account, ResolverAddress
from mailexpert.api import diagnose_facts
from mailexpert.clientconfig import import_config
from mailexpert.clientconfig.locate import (
    client_config_candidates,
    expand_auto,
    find_client_configs,
    thunderbird_profiles,
)
from mailexpert.collect import ProbeOptions
from mailexpert.commands.diagnose import client_configs
from mailexpert.pipeline import _imported
from mailexpert.probes import environment
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.resolve import system_resolvers

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PREFS = SAMPLES / "thunderbird" / "prefs.js"
MSMTPRC = SAMPLES / "msmtp" / "msmtprc"
MBSYNCRC = SAMPLES / "mbsync" / "mbsyncrc"


def put(path: Path, source: Path | None = None, text: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if source is not None:
        shutil.copyfile(source, path)
    else:
        path.write_text(text or "", encoding="utf-8")
    return path


# --- client configuration files, where each OS keeps them ---------------------------------

PROFILES_INI = """\
[Install6F193CCC56814779]
Default=Profiles/b2c3d4e5.work
Locked=1

[Profile1]
Name=default
IsRelative=1
Path=Profiles/a1b2c3d4.default
Default=1

[Profile0]
Name=work
IsRelative=1
Path=Profiles/b2c3d4e5.work

[General]
StartWithLastProfile=1
Version=2
"""


def test_linux_thunderbird_msmtp_and_mbsync(tmp_path: Path) -> None:
    home = tmp_path / "home"
    tb = home / ".thunderbird"
    put(tb / "profiles.ini", text=PROFILES_INI)
    default = put(tb / "Profiles/a1b2c3d4.default/prefs.js", PREFS)
    work = put(tb / "Profiles/b2c3d4e5.work/prefs.js", PREFS)
    msmtp = put(home / ".config/msmtp/config", MSMTPRC)  # XDG_CONFIG_HOME unset: ~/.config
    mbsync = put(home / ".mbsyncrc", MBSYNCRC)
    put(home / ".msmtprc.bak", MSMTPRC)  # not a place msmtp reads
    found = find_client_configs({"HOME": str(home)}, "linux")
    # The profile the installation starts with first, then the one marked Default=1.
    assert found == [work, default, msmtp, mbsync]
    assert [import_config(p).format for p in found] == ["thunderbird", "thunderbird", "msmtp", "mbsync"]


def test_linux_snap_flatpak_and_xdg_config_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    snap = home / "snap/thunderbird/common/.thunderbird"
    put(snap / "profiles.ini", text="[Profile0]\nName=default\nIsRelative=1\nPath=x.default\nDefault=1\n")
    prefs = put(snap / "x.default/prefs.js", PREFS)
    xdg = tmp_path / "xdg"
    msmtp = put(xdg / "msmtp/config", MSMTPRC)
    isync = put(xdg / "isyncrc", MBSYNCRC)
    put(home / ".config/msmtp/config", MSMTPRC)  # ignored: XDG_CONFIG_HOME says elsewhere
    assert find_client_configs({"HOME": str(home), "XDG_CONFIG_HOME": str(xdg)}, "linux") == [prefs, msmtp, isync]


def test_macos_library_thunderbird_with_an_absolute_profile(tmp_path: Path) -> None:
    home = tmp_path / "Users/alice"
    elsewhere = tmp_path / "Volumes/Data/tb-profile"
    put(home / "Library/Thunderbird/profiles.ini",
        text=f"[Profile0]\nName=moved\nIsRelative=0\nPath={elsewhere}\nDefault=1\n")
    prefs = put(elsewhere / "prefs.js", PREFS)
    msmtp = put(home / ".msmtprc", MSMTPRC)
    # Linux's folder is not looked at on macOS.
    put(home / ".thunderbird/profiles.ini", text="[Profile0]\nIsRelative=1\nPath=p\n")
    put(home / ".thunderbird/p/prefs.js", PREFS)
    assert find_client_configs({"HOME": str(home)}, "darwin") == [prefs, msmtp]


def test_windows_appdata_thunderbird_and_msmtprc_txt(tmp_path: Path) -> None:
    profile = tmp_path / "Users/alice"
    appdata = profile / "AppData/Roaming"
    put(appdata / "Thunderbird/profiles.ini", text=PROFILES_INI)
    default = put(appdata / "Thunderbird/Profiles/a1b2c3d4.default/prefs.js", PREFS)
    msmtp = put(profile / "msmtprc.txt", MSMTPRC)
    put(profile / ".mbsyncrc", MBSYNCRC)  # mbsync has no native Windows build
    environ = {"USERPROFILE": str(profile), "APPDATA": str(appdata)}
    # The install's default profile has no prefs.js yet: only the existing file is listed.
    assert find_client_configs(environ, "win32") == [default, msmtp]
    assert appdata / "Thunderbird" / "profiles.ini" in client_config_candidates(environ, "win32")


@pytest.mark.parametrize("ini", [
    "",
    "not an ini file at all\n\x00\x01",
    "[Profile0\nPath=x\n",
    "[Profile0]\nName=no path\n",
    "[General]\nVersion=2\n",
])
def test_broken_profiles_ini_finds_nothing_and_does_not_fail(tmp_path: Path, ini: str) -> None:
    put(tmp_path / ".thunderbird/profiles.ini", text=ini)
    assert find_client_configs({"HOME": str(tmp_path)}, "linux") == []


def test_nothing_configured_and_no_home(tmp_path: Path) -> None:
    assert find_client_configs({"HOME": str(tmp_path)}, "linux") == []
    assert find_client_configs({}, "linux") == []
    assert find_client_configs({}, "win32") == []
    assert thunderbird_profiles(tmp_path / "missing") == []


def test_auto_expands_in_place_and_keeps_given_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    mbsync = put(home / ".mbsyncrc", MBSYNCRC)
    given = str(SAMPLES / "msmtp" / "msmtprc")
    assert expand_auto([given, "auto"], {"HOME": str(home)}, "linux") == [given, str(mbsync)]
    assert expand_auto([given], {"HOME": str(home)}, "linux") == [given]


def test_diagnose_reads_the_settings_of_auto_found_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    put(home / ".thunderbird/profiles.ini", text="[Profile0]\nIsRelative=1\nPath=p.default\nDefault=1\n")
    put(home / ".thunderbird/p.default/prefs.js", PREFS)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    imported = _imported(["auto"], "alice@example.test")
    assert imported.settings["imap"].address == "mail.example.test:993/ssl"
    assert imported.settings["smtp"].address == "mail.example.test:587/starttls"
    assert imported.username == "alice@example.test"
    assert any(f.kind == "client.config" and f["format"] == "thunderbird" for f in imported.facts)


def test_cli_auto_says_where_it_looked_when_nothing_is_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert client_configs(["auto"]) == []
    err = capsys.readouterr().err
    assert "no mail client configuration found" in err and str(tmp_path / ".thunderbird" / "profiles.ini") in err


# --- interfaces and routes ------------------------------------------------------------------

NO_SYSFS = Path("/nonexistent-sys-class-net")


@pytest.mark.parametrize(("name", "flags", "kind"), [
    ("lo0", {"up", "loopback", "running"}, "loopback"),                 # macOS
    ("Loopback Pseudo-Interface 1", set(), "loopback"),                 # Windows
    ("Local Area Connection* 2", set(), "other"),                       # Windows, not loopback
    ("utun3", {"up", "pointopoint", "running"}, "vpn"),                 # macOS VPN
    ("ppp0", {"up", "pointopoint"}, "vpn"),
    ("WireGuard Tunnel", set(), "vpn"),                                 # Windows
    ("Cisco AnyConnect Secure Mobility Client", set(), "vpn"),
    ("Wi-Fi", set(), "wireless"),                                       # Windows
    ("WLAN", set(), "wireless"),
    ("wlp2s0", {"up", "broadcast"}, "wireless"),
    ("Ethernet 2", set(), "ethernet"),                                  # Windows
    ("eth0", {"up", "broadcast"}, "ethernet"),
    ("en0", {"up", "broadcast", "multicast"}, "other"),                 # macOS: Wi-Fi or cable
])
def test_interface_kinds_from_names_and_flags(name: str, flags: set[str], kind: str) -> None:
    assert environment.interface_type(name, frozenset(flags), NO_SYSFS) == kind


def test_psutil_and_sysfs_agree_on_this_machine() -> None:
    with_psutil = environment.interfaces()
    names = {name for name, _, _ in with_psutil}
    assert names == set(psutil.net_if_stats())
    loopback = [(n, k, up) for n, k, up in with_psutil if k == "loopback"]
    assert loopback and all(up for _, _, up in loopback)
    if Path("/sys/class/net").is_dir():  # Linux: the fallback sees the same
        assert {(n, k) for n, k, _ in environment.sysfs_interfaces("/sys/class/net")} == {
            (n, k) for n, k, _ in with_psutil}


def test_route_to_loopback_goes_through_the_loopback_interface() -> None:
    loopback = {n for n, k, _ in environment.interfaces() if k == "loopback"}
    assert environment.source_address("127.0.0.10") is not None
    assert asyncio.run(environment.route_interface("127.0.0.10", 1.0)) in loopback
    if any(a.address.split("%")[0] == "::1" for addrs in psutil.net_if_addrs().values() for a in addrs):
        assert asyncio.run(environment.route_interface("::1", 1.0)) in loopback
    assert environment.source_address("not an address") is None


def test_interface_holding_prefers_the_exact_address() -> None:
    entry = collections.namedtuple("entry", "family address netmask broadcast ptp")  # psutil's fields
    table = {
        "lo": [entry(socket.AF_INET, "127.0.0.1", "255.0.0.0", None, None)],
        "tun0": [entry(socket.AF_INET, "127.0.0.77", "255.255.255.255", None, None)],
        "en0": [entry(socket.AF_INET6, "fe80::1%en0", "ffff:ffff:ffff:ffff::", None, None)],
    }
    assert environment.interface_holding("127.0.0.77", table) == "tun0"
    assert environment.interface_holding("127.0.0.5", table) == "lo"
    assert environment.interface_holding("fe80::1", table) == "en0"
    assert environment.interface_holding("::1", table) is None


# --- resolvers and proxies --------------------------------------------------------------------


def test_system_resolvers_from_a_resolv_conf(tmp_path: Path) -> None:
    conf = put(tmp_path / "resolv.conf",
               text="# generated\nsearch example.test\nnameserver 127.0.0.53\nnameserver ::1\noptions edns0\n")
    assert system_resolvers(str(conf)) == (
        (ResolverAddress(ip="127.0.0.53", port=53), ResolverAddress(ip="::1", port=53)), "resolv.conf")
    assert system_resolvers(str(tmp_path / "missing")) == ((), "resolv.conf")
    assert system_resolvers(str(put(tmp_path / "empty", text="search x\n"))) == ((), "resolv.conf")


def test_a_scoped_resolver_does_not_hide_the_others(tmp_path: Path) -> None:
    conf = put(tmp_path / "resolv.conf", text="nameserver fe80::1%eth0\nnameserver 127.0.0.53\n")
    addresses, _ = system_resolvers(str(conf))
    assert ResolverAddress(ip="127.0.0.53", port=53) in addresses


def context(**options: object) -> ProbeContext:
    return ProbeContext(account=Account(email="alice@example.test"), options=ProbeOptions(**options),
                        settings=(), deadline=0.0)


def test_resolver_facts_name_the_option_and_the_os_configuration(tmp_path: Path) -> None:
    conf = put(tmp_path / "resolv.conf", text="nameserver 127.0.0.53\n")
    ctx = context(dns_servers=["127.0.0.2:5353"], resolv_conf=str(conf), environ={})
    facts = environment.resolver_facts(ctx)
    assert {(f["source"], f["address"], f["loopback"]) for f in facts} == {
        ("option", "127.0.0.2:5353", True), ("resolv.conf", "127.0.0.53", True)}


def test_os_proxy_settings_when_no_variable_names_one(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in environment.PROXY_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    # What urllib reads from the Windows registry or macOS System Configuration.
    monkeypatch.setattr(urllib.request, "getproxies", lambda: {"http": "http://127.0.0.21:3128",
                                                               "https": "127.0.0.21:3129"})
    facts = environment.proxy_facts(context(environ=None))
    assert [(f["source"], f["host"], f["port"]) for f in facts] == [("system", "127.0.0.21", 3129)]
    assert environment.effective_proxy(context(environ=None)).port == 3129
    # A variable wins over the OS settings, as in urllib; a given environment stands alone.
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.22:8080")
    facts = environment.proxy_facts(context(environ=None))
    assert [(f["source"], f.get("variable"), f["port"]) for f in facts] == [("environment", "HTTPS_PROXY", 8080)]
    assert environment.proxy_facts(context(environ={})) == []


def test_a_silent_local_dns_service_is_named_as_such(tmp_path: Path) -> None:
    """The OS is set to use a resolver on this computer (systemd-resolved's 127.0.0.53 and its
    kin) and nothing answers there, while the reference resolver (the lab's, on loopback)
    answers: the cause is the local service, not a wrong DNS setting."""
    # Port 53 of an address of 127.53/16 where nothing listens: the query is lost.
    conf = put(tmp_path / "resolv.conf", text="nameserver 127.53.240.77\n")
    run = run_lab(dns_servers=None, resolv_conf=str(conf))
    report = diagnose_facts(run.facts)
    first = report.diagnoses[0]
    assert (first.cause, first.rule) == ("dns-server-misconfigured", "dns-server-misconfigured-local-resolver")
    assert "local DNS service at 127.53.240.77" in first.summary
    assert "systemd-resolved" in " ".join(first.fix)
    # The same silence at a resolver given by address (an option, on the network) is a setting.
    option_run = run_lab(dns_servers=["127.53.240.77:53"], resolv_conf=str(conf))
    first = diagnose_facts(option_run.facts).diagnoses[0]
    assert (first.cause, first.rule) == ("dns-server-misconfigured", "dns-server-misconfigured")

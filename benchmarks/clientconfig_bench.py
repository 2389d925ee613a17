"""Client-configuration import time against the number of accounts in the file, per format.

Every reader must be linear: a file with N accounts is generated for each format, imported,
and the time per account printed for two sizes. A per-account time that grows with N shows
a quadratic step. CPU time is printed besides wall time, since the machine may be shared.

    python3 benchmarks/clientconfig_bench.py [N ...]     (default: 10000 100000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from mailexpert.clientconfig import import_config


def msmtp(n: int) -> str:
    out = ["defaults", "auth on", "tls on", ""]
    for i in range(n):
        out += [f"account a{i}", f"host smtp{i}.example.test", "port 587", f"from user{i}@example.test",
                f"user user{i}", ""]
    out.append("account default : a0")
    return "\n".join(out) + "\n"


def mbsync(n: int) -> str:
    out = []
    for i in range(n):
        out += [f"IMAPAccount a{i}", f"Host imap{i}.example.test", "Port 993", f"User user{i}@example.test",
                "SSLType IMAPS", "", f"IMAPStore a{i}-remote", f"Account a{i}", "",
                f"Channel a{i}", f"Far :a{i}-remote:", f"Near :a{i}-local:", ""]
    return "\n".join(out) + "\n"


def thunderbird(n: int) -> str:
    out = [f'user_pref("mail.accountmanager.accounts", "{",".join(f"account{i}" for i in range(n))}");']
    for i in range(n):
        out += [f'user_pref("mail.account.account{i}.identities", "id{i}");',
                f'user_pref("mail.account.account{i}.server", "server{i}");',
                f'user_pref("mail.identity.id{i}.useremail", "user{i}@example.test");',
                f'user_pref("mail.identity.id{i}.smtpServer", "smtp{i}");',
                f'user_pref("mail.server.server{i}.hostname", "imap{i}.example.test");',
                f'user_pref("mail.server.server{i}.port", 993);',
                f'user_pref("mail.server.server{i}.socketType", 3);',
                f'user_pref("mail.server.server{i}.type", "imap");',
                f'user_pref("mail.server.server{i}.userName", "user{i}@example.test");',
                f'user_pref("mail.smtpserver.smtp{i}.hostname", "smtp{i}.example.test");',
                f'user_pref("mail.smtpserver.smtp{i}.port", 587);',
                f'user_pref("mail.smtpserver.smtp{i}.try_ssl", 2);']
    out.append(f'user_pref("mail.smtpservers", "{",".join(f"smtp{i}" for i in range(n))}");')
    return "\n".join(out) + "\n"


def autoconfig(n: int) -> str:
    servers = "".join(
        f'<incomingServer type="imap"><hostname>imap{i}.example.test</hostname><port>993</port>'
        f"<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
        f"<authentication>password-cleartext</authentication></incomingServer>\n"
        for i in range(n))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1"><emailProvider id="example.test">'
            f"<domain>example.test</domain>\n{servers}</emailProvider></clientConfig>\n")


FORMATS = {"msmtprc": msmtp, "mbsyncrc": mbsync, "prefs.js": thunderbird, "config-v1.1.xml": autoconfig}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in FORMATS.items():
            for n in sizes:
                path = Path(tmp) / name
                path.write_text(make(n), encoding="utf-8")
                wall, cpu = time.perf_counter(), time.process_time()
                try:
                    cfg = import_config(path)
                    outcome = f"{len(cfg.accounts)} accounts, {cfg.status}"
                except Exception as exc:  # noqa: BLE001 - a refusal is a figure too
                    outcome = f"refused: {exc}"[:90]
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                size = path.stat().st_size
                print(f"{name:16} N={n:>7} {size / 1e6:6.1f} MB  wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
                      f"{cpu / n * 1e6:6.1f} µs/account  {outcome}")


if __name__ == "__main__":
    main()

"""Logs in to IMAP with imapclient or imap-tools (argv[1]), as a small script would; prints the
exception line Python prints for it. PYTHONPATH names the libraries installed outside the repository."""

import os
import ssl
import sys
import traceback

env = os.environ
host, port, security = env["HOST"], int(env["PORT"]), env["SECURITY"]
context = ssl.create_default_context(cafile=env["CA"])


def imapclient() -> None:
    from imapclient import IMAPClient

    client = IMAPClient(host, port, ssl=security == "ssl", ssl_context=context, timeout=8)
    if security == "starttls":
        client.starttls(context)
    client.login(env["USER_NAME"], env["PASSWORD"])
    client.select_folder("INBOX")
    client.logout()


def imap_tools() -> None:
    from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted

    if security == "ssl":
        box = MailBox(host, port, ssl_context=context, timeout=8)
    elif security == "starttls":
        box = MailBoxStartTls(host, port, ssl_context=context, timeout=8)
    else:
        box = MailBoxUnencrypted(host, port, timeout=8)
    with box.login(env["USER_NAME"], env["PASSWORD"], "INBOX"):
        pass


try:
    {"imapclient": imapclient, "imap-tools": imap_tools}[sys.argv[1]]()
except Exception as exc:  # noqa: BLE001 - what the script would print last
    print(traceback.format_exception_only(exc)[-1].strip(), file=sys.stderr)
    sys.exit(1)

"""Logs in to IMAP with imaplib2 (Debian's python3-imaplib2) or aioimaplib (argv[1]), as a small
script would, and opens INBOX; prints the exception line Python prints for it. aioimaplib's login
answers with a Response instead of raising: a refused login is printed as the script prints that
Response. PYTHONPATH names aioimaplib, installed outside the repository."""

import asyncio
import os
import ssl
import sys
import traceback

env = os.environ
host, port, security = env["HOST"], int(env["PORT"]), env["SECURITY"]


def imaplib2() -> None:
    import imaplib2

    # imaplib2 checks the chain against ca_certs (its own SSLContext, no host name check).
    if security == "ssl":
        client = imaplib2.IMAP4_SSL(host, port, ca_certs=env["CA"], timeout=8)
    else:
        client = imaplib2.IMAP4(host, port, timeout=8)
        if security == "starttls":
            client.starttls(ca_certs=env["CA"])
    client.login(env["USER_NAME"], env["PASSWORD"])
    client.select("INBOX")
    client.logout()


async def aioimaplib() -> None:
    import aioimaplib

    if security == "ssl":
        client = aioimaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(cafile=env["CA"]), timeout=8)
    else:
        client = aioimaplib.IMAP4(host, port, timeout=8)
    await client.wait_hello_from_server()
    response = await client.login(env["USER_NAME"], env["PASSWORD"])
    if response.result != "OK":
        print(response, file=sys.stderr)
        sys.exit(1)
    await client.select("INBOX")
    await client.logout()


try:
    if sys.argv[1] == "imaplib2":
        imaplib2()
    elif security != "starttls":  # aioimaplib has no STARTTLS
        asyncio.run(aioimaplib())
except Exception as exc:  # noqa: BLE001 - what the script would print last
    print(traceback.format_exception_only(exc)[-1].strip(), file=sys.stderr)
    sys.exit(1)

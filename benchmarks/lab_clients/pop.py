"""Logs in to POP3 with Python's poplib (POP3_SSL, or POP3 and stls() for STARTTLS), as a small
script would, and counts the messages; prints the exception line Python prints for it."""

import os
import poplib
import ssl
import sys
import traceback

env = os.environ
host, port, security = env["HOST"], int(env["PORT"]), env["SECURITY"]
context = ssl.create_default_context(cafile=env["CA"])
try:
    if security == "ssl":
        client = poplib.POP3_SSL(host, port, context=context, timeout=8)
    else:
        client = poplib.POP3(host, port, timeout=8)
        if security == "starttls":
            client.stls(context=context)
    client.user(env["USER_NAME"])
    client.pass_(env["PASSWORD"])
    client.stat()
    client.quit()
except Exception as exc:  # noqa: BLE001 - what the script would print last
    print(traceback.format_exception_only(exc)[-1].strip(), file=sys.stderr)
    sys.exit(1)

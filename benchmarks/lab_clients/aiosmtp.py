"""Sends one message with aiosmtplib, as a small asyncio script would; prints the exception line
Python prints for it. PYTHONPATH names an aiosmtplib installed outside the repository."""

import asyncio
import os
import ssl
import sys
import traceback
from email.message import EmailMessage

import aiosmtplib

env = os.environ


async def main() -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = env["FROM"], "bob@example.org", "test"
    message.set_content("hello")
    kwargs = {}
    if env["AUTH"] != "none":
        kwargs = {"username": env["USER_NAME"], "password": env["PASSWORD"]}
    await aiosmtplib.send(message, hostname=env["HOST"], port=int(env["PORT"]), use_tls=env["SECURITY"] == "ssl",
                          start_tls=env["SECURITY"] == "starttls",
                          tls_context=ssl.create_default_context(cafile=env["CA"]), timeout=8, **kwargs)


try:
    asyncio.run(main())
except Exception as exc:  # noqa: BLE001 - what the script would print last
    print(traceback.format_exception_only(exc)[-1].strip(), file=sys.stderr)
    sys.exit(1)

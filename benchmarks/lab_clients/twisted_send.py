"""Sends one message with Twisted's ESMTP client (twisted.mail.smtp.ESMTPSenderFactory), as a
program built on Twisted does (Matrix Synapse sends its mail this way); prints the exception line
Python prints for the failure. Settings come from the environment; Debian's python3-twisted."""

import os
import sys
import traceback
from io import BytesIO
from pathlib import Path

from twisted.internet import defer, reactor, ssl
from twisted.mail.smtp import ESMTPSenderFactory

env = os.environ
MESSAGE = b"From: " + env["FROM"].encode() + b"\r\nTo: bob@example.org\r\nSubject: test\r\n\r\nhello\r\n"
failed = []


def main() -> None:
    host, port, security = env["HOST"], int(env["PORT"]), env["SECURITY"]
    tls = ssl.optionsForClientTLS(host, trustRoot=ssl.Certificate.loadPEM(Path(env["CA"]).read_bytes()))
    done: defer.Deferred = defer.Deferred()
    auth = env["AUTH"] != "none"
    factory = ESMTPSenderFactory(
        env["USER_NAME"].encode() if auth else None, env["PASSWORD"].encode() if auth else None,
        env["FROM"], ["bob@example.org"], BytesIO(MESSAGE), done, retries=0, timeout=8, contextFactory=tls,
        heloFallback=True, requireAuthentication=auth, requireTransportSecurity=security == "starttls",
        hostname=host)
    if security == "ssl":  # implicit TLS: the transport is TLS from the start, no STARTTLS
        factory.requireTransportSecurity = False
        reactor.connectSSL(host, port, factory, tls, timeout=8)
    else:
        reactor.connectTCP(host, port, factory, timeout=8)

    def error(failure) -> None:  # noqa: ANN001
        failed.append(traceback.format_exception_only(failure.type, failure.value)[-1].strip())

    done.addErrback(error)
    done.addBoth(lambda _: reactor.stop())


reactor.callWhenRunning(main)
reactor.callLater(30, reactor.stop)
reactor.run()
if failed:
    print(failed[0], file=sys.stderr)
    sys.exit(1)

"""Jakarta Mail's "Connection dropped by server?" (iap ResponseInputStream.readResponse: the stream ended before a
whole response line, at the greeting as after any command) is a connection the server closed, not a greeting that
never came: a server at its connection limit closes the new one (FairEmail's ConnectionHelper.isMaxConnections
counts these words among the signs of too many connections). No TLS mode mixed up is read into it unless the
setting says so."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain, recognise

DROPPED = [
    # github.com/M66B/FairEmail/blob/master/FAQ.md#user-content-connectiondropped (the words FairEmail shows)
    "Connection dropped by server?",
    # github.com/manusa/mnIMAPSync/issues/4 (Gmail, at IMAPStore.protocolConnect: the greeting's read)
    "javax.mail.MessagingException: Connection dropped by server?;\n  nested exception is:\n"
    "    java.io.IOException: Connection dropped by server?\n"
    "    at com.sun.mail.imap.IMAPStore.protocolConnect(IMAPStore.java:618)\n"
    "    at javax.mail.Service.connect(Service.java:291)\n"
    "Caused by: java.io.IOException: Connection dropped by server?\n"
    "    at com.sun.mail.iap.ResponseInputStream.readResponse(ResponseInputStream.java:111)",
    # github.com/drajer-health/eCRNow/issues/1005 (Jakarta Mail's own BYE; the server's MAXPERIP limit closed the
    # connections)
    "javax.mail.FolderClosedException: * BYE JavaMail Exception: java.io.IOException: Connection dropped by server?\n"
    "  at com.sun.mail.imap.IMAPMessage.loadHeaders(IMAPMessage.java:1503)",
    # github.com/FlowCrypt/flowcrypt-android/issues/312 (the same BYE from a store's connection)
    "com.sun.mail.iap.ConnectionException: * BYE JavaMail Exception: java.io.IOException: Connection dropped by server?",
]


@pytest.mark.parametrize("text", DROPPED)
def test_a_connection_the_server_dropped_reads_as_too_many_connections(text: str) -> None:
    kinds = {f.kind for f in recognise(text).facts}
    assert "service.greeting" not in kinds, "no greeting that never came: the server closed the connection"
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes[0] == "too-many-connections", causes
    assert not {"plaintext-on-tls-port", "tls-on-plaintext-port"} & set(causes), causes


def test_a_plaintext_setting_on_the_tls_port_still_says_so() -> None:
    setting = ServerSetting.parse("imap", "mail.example.org:993/plain")
    causes = [d.cause for d in explain(DROPPED[0], setting=setting).diagnoses]
    assert causes[0] == "plaintext-on-tls-port", causes
    assert "too-many-connections" in causes, causes

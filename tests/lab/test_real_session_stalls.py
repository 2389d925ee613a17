"""A real Postfix (a relay client) whose session with its smarthost breaks while the message
goes over, after the greeting and the commands went through: what its smtp(8) client logs is
read as a session that broke at the message -- the connection was made -- never as a port
that does not connect. The smarthost is a listener on loopback that speaks SMTP up to the
message and then stops answering, or hangs up, as a path that loses the message's packets,
a firewall holding its end or a server whose filter hangs leaves a real client."""

from __future__ import annotations

import socket
import threading

import pytest

from mailexpert.explain import explain, recognise
from mailexpert.lab.relayclient import PostfixRelayClient, relay_client_unavailable

_WHY_NOT = relay_client_unavailable()

pytestmark = [pytest.mark.postfix, pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")]

MESSAGE = b"From: alice@example.test\nTo: bob@example.org\nSubject: test\n\n" + b"hello\n" * 200
ADDRESS = "127.0.0.48"
#: Seconds Postfix waits at each step (its defaults are minutes).
WAIT = 3


def _smarthost(listener: socket.socket, done: threading.Event, after_body: str) -> None:
    """One SMTP session up to the end of the message, then ``after_body``: "silence" (no answer
    to the final '.') or "close" (hang up instead of answering it)."""
    while not done.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        with conn:
            conn.settimeout(WAIT * 4)
            out = conn.makefile("rwb", buffering=0)
            out.write(b"220 mail.example.test ESMTP\r\n")
            try:
                in_data = False
                for line in out:
                    if in_data:
                        if line == b".\r\n":
                            if after_body == "close":
                                conn.shutdown(socket.SHUT_RDWR)
                                break
                            done.wait(WAIT * 3)
                            break
                        continue
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        out.write(b"250-mail.example.test\r\n250 8BITMIME\r\n")
                    elif verb == b"DATA":
                        out.write(b"354 go ahead\r\n")
                        in_data = True
                    elif verb == b"QUIT":
                        out.write(b"221 bye\r\n")
                        break
                    else:
                        out.write(b"250 ok\r\n")
            except OSError:
                pass


def _postfix_log(after_body: str) -> str:
    listener = socket.create_server((ADDRESS, 0))
    listener.settimeout(0.1)
    done = threading.Event()
    thread = threading.Thread(target=_smarthost, args=(listener, done, after_body), daemon=True)
    thread.start()
    try:
        relay = PostfixRelayClient(relay=("mail.example.test", listener.getsockname()[1]), address=ADDRESS,
                                   security="plain", timeout=WAIT,
                                   settings={"smtp_data_done_timeout": f"{WAIT}s", "smtp_data_xfer_timeout": f"{WAIT}s"})
        with relay:
            lines = relay.attempt(relay.send("alice@example.test", "bob@example.org", MESSAGE))
    finally:
        done.set()
        thread.join(WAIT * 4)
        listener.close()
    return "\n".join(lines)


def test_no_answer_to_the_end_of_the_message_is_a_stall_not_a_blocked_port() -> None:
    log = _postfix_log("silence")
    assert "timed out while sending end of data -- message may be sent more than once" in log, log
    facts = recognise(log).facts
    assert any(f.kind == "tcp.connect" and f.get("outcome") == "connected" for f in facts), facts
    failure = [f for f in facts if f.kind == "service.failure"]
    assert failure and failure[0].get("step") == "data-end" and failure[0].get("failure") == "timeout", facts
    report = explain(log)
    causes = [d.cause for d in report.diagnoses]
    assert causes[:1] == ["packet-loss"], causes
    assert "port-blocked-outbound" not in causes, causes
    # The server may have the message: the advice says so before anything else.
    assert "arrived" in report.diagnoses[0].fix[0], report.diagnoses[0].fix


def test_a_hang_up_after_the_end_of_the_message_is_the_servers_doing() -> None:
    log = _postfix_log("close")
    assert "lost connection with mail.example.test[" in log and "while sending end of data" in log, log
    failure = [f for f in recognise(log).facts if f.kind == "service.failure"]
    assert failure and failure[0].get("step") == "data-end" and failure[0].get("failure") == "closed", log
    causes = [d.cause for d in explain(log).diagnoses]
    assert causes[:1] == ["server-unavailable"], causes
    assert "port-blocked-outbound" not in causes, causes

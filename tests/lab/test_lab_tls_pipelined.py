"""A client's first command sent in the same segment as its TLS Finished is answered."""

from __future__ import annotations

import socket
import ssl

from mailexpert.lab import Lab


def test_command_in_the_finished_segment_is_answered():
    with Lab() as lab:
        address, port = lab.endpoint("mail.example.test", 465)
        context = ssl.create_default_context(cafile=lab.target.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = context.wrap_bio(incoming, outgoing, server_hostname="mail.example.test")
        with socket.create_connection((address, port), timeout=5) as sock:
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    sock.sendall(outgoing.read())
                    incoming.write(sock.recv(65536))
            # The Finished message (still in the BIO) and a command, in one segment.
            tls.write(b"EHLO client.example\r\n")
            sock.sendall(outgoing.read())
            reply = b""
            while b"250 " not in reply:
                try:
                    reply += tls.read(65536)
                except ssl.SSLWantReadError:
                    data = sock.recv(65536)
                    assert data, "the server closed without answering"
                    incoming.write(data)
    assert b"220 " in reply and b"250 " in reply

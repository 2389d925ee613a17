"""The lab's HTTPS server and HTTP proxy, checked with urllib and http.client."""

from __future__ import annotations

import base64
import email.utils
import http.client
import socket
import time

import pytest

from mailexpert.lab import Fault
from mailexpert.lab.web import PROXY_PASSWORD, PROXY_USER


def _https_get(lab, host: str, path: str = "/", port: int = 443) -> http.client.HTTPResponse:
    address, real = lab.endpoint(host, port)
    conn = http.client.HTTPSConnection(address, real, timeout=3, context=lab.client_context())
    # Verify against the logical name, as a browser would.
    conn.sock = lab.client_context().wrap_socket(socket.create_connection((address, real), timeout=3), server_hostname=host)
    conn.request("GET", path, headers={"Host": host})
    return conn.getresponse()


def test_https_root_and_autoconfig(lab):
    reply = _https_get(lab, "web.example.test")
    assert reply.status == 200 and b"it works" in reply.read()
    reply = _https_get(lab, "autoconfig.example.test", "/mail/config-v1.1.xml")
    body = reply.read()
    assert reply.status == 200 and b"<hostname>mail.example.test</hostname>" in body and b"<port>993</port>" in body
    assert _https_get(lab, "web.example.test", "/nope").status == 404
    assert _https_get(lab, "mail.example.test").status == 200  # webmail on the mail host's 443


def test_web_url_by_address(lab):
    url = lab.target.web_urls[1]
    assert url == "https://127.0.0.20/"
    assert _https_get(lab, "127.0.0.20").status == 200


def test_clock_offset_date_header(make_lab):
    lab = make_lab(Fault("clock-offset", "web:443", 86400))
    reply = _https_get(lab, "web.example.test")
    date = email.utils.parsedate_to_datetime(reply.getheader("Date")).timestamp()
    assert 86000 < date - time.time() < 86800


def _proxy_request(lab, request: str) -> bytes:
    address, port = lab.proxy_url.removeprefix("http://").split(":")
    with socket.create_connection((address, int(port)), timeout=3) as sock:
        sock.sendall(request.encode())
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
            if b"\r\n\r\n" in data and request.startswith("CONNECT"):
                break
    return data


def test_proxy_connect_to_web_then_tls(lab):
    address, port = lab.proxy_url.removeprefix("http://").split(":")
    sock = socket.create_connection((address, int(port)), timeout=3)
    sock.sendall(b"CONNECT web.example.test:443 HTTP/1.1\r\nHost: web.example.test:443\r\n\r\n")
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 200")
    tls = lab.client_context().wrap_socket(sock, server_hostname="web.example.test")
    tls.sendall(b"GET / HTTP/1.1\r\nHost: web.example.test\r\n\r\n")
    assert tls.recv(100).startswith(b"HTTP/1.1 200 OK")
    tls.close()


def test_proxy_get_and_unknown_host(lab):
    assert _proxy_request(lab, "GET http://web.example.test/ HTTP/1.1\r\nHost: web.example.test\r\n\r\n").startswith(
        b"HTTP/1.1 200 OK"
    )
    assert _proxy_request(lab, "CONNECT www.example.com:443 HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 502")
    assert _proxy_request(lab, "CONNECT 10.0.0.1:443 HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 502")


@pytest.mark.parametrize(("mode", "status"), [("auth", b"407"), ("deny", b"403")])
def test_proxy_modes(make_lab, mode, status):
    lab = make_lab(Fault("proxy", "proxy", mode))
    reply = _proxy_request(lab, "CONNECT web.example.test:443 HTTP/1.1\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 " + status)
    if mode == "auth":
        assert b'Proxy-Authenticate: Basic realm="mailexpert lab proxy"' in reply
        token = base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()
        ok = _proxy_request(lab, f"CONNECT web.example.test:443 HTTP/1.1\r\nProxy-Authorization: Basic {token}\r\n\r\n")
        assert ok.startswith(b"HTTP/1.1 200")


def test_proxy_hang(make_lab):
    lab = make_lab(Fault("proxy", "proxy", "hang"))
    address, port = lab.proxy_url.removeprefix("http://").split(":")
    with socket.create_connection((address, int(port)), timeout=0.4) as sock:
        sock.sendall(b"CONNECT web.example.test:443 HTTP/1.1\r\n\r\n")
        with pytest.raises((TimeoutError, socket.timeout)):
            sock.recv(10)


def test_proxy_only_web_scenario(make_lab):
    lab = make_lab(scenario="proxy-only-web")
    assert lab.target.proxy_url == lab.proxy_url
    with pytest.raises((TimeoutError, socket.timeout)):
        lab.connect("web.example.test", 443, timeout=0.3)
    reply = _proxy_request(lab, "CONNECT web.example.test:443 HTTP/1.1\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 200")

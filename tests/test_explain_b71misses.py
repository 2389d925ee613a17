"""Batch 71's working misses, read with general knowledge of the stacks that print them.

- MailKit's SslHandshakeException puts its reason on the line after its generic first one
  ("An error occurred while attempting to establish an SSL or TLS connection." then "The host name
  (...) did not match the name given in the server's SSL certificate (...).",
  jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs): the host-name line decides, also when
  a reporter retyped it with two words glued together.
- OpenSSL's "dh key too small" (SSL_R_DH_KEY_TOO_SMALL: the server's Diffie-Hellman group is below the
  client's security level, openssl:ssl/ssl_err.c) under an application's wrapper that says only that no
  server could be used (Postal's "No SMTP servers were available for DOMAIN",
  postalserver/postal:app/senders/smtp_sender.rb): the handshake's reason says why.
- Node's resolver error printed inside brackets ("[Error: getaddrinfo ENOTFOUND smtp.example.org ]"):
  the space before the bracket is the host setting's own, and no host name holds one (RFC 1123
  section 2.1, RFC 952).
- Erlang/OTP's "bad record mac" said of the connect itself (gen_smtp's {network_failure, Host, {error, {tls_alert,
  ...}}}, the implicit-TLS connect of gen-smtp/gen_smtp:src/gen_smtp_client.erl; OTP's log of the alert it generated
  "In state hello"): OTP's record layer names a record it refuses before any key bad_record_mac
  (erlang/otp lib/ssl/src/tls_record.erl), so the server's first answer was not TLS: SSL/TLS on a plaintext port.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CASES = [
    # MailKit: the collected text, with the reporter's typos ("etablish", "matchthe")
    ("An error occurred while attempting to etablish an SSL or TLS connection.\n"
     "The host name did not matchthe name given in the server's SSL certificate.", {"cert-hostname-mismatch"}),
    # MailKit's own wording with its placeholders filled, another host
    ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
     "connection.\n\nThe host name (mail.example.org) did not match the name given in the server's SSL "
     "certificate (*.hosting.example.net).", {"cert-hostname-mismatch"}),
    # Postal over Ruby's OpenSSL: the collected text and another domain's
    ("No SMTP servers were available for example.com. Tried mx01.example.net and mx02.example.net\n"
     "SSL_connect returned=1 errno=0 state=error: dh key too small", {"tls-no-shared-cipher"}),
    ("No SMTP servers were available for example.org. Tried mx.example.org\n"
     "SSL_connect returned=1 errno=0 peeraddr=192.0.2.25:25 state=error: dh key too small",
     {"tls-no-shared-cipher"}),
    # Node's getaddrinfo with a trailing space in the host setting: emailjs's wrapper, and nodemailer's
    ("{ [Error: connection encountered an error]\n  code: 5,\n  previous:\n"
     "   { [Error: getaddrinfo ENOTFOUND smtp.gmail.com ]\n     code: 'ENOTFOUND',\n     errno: 'ENOTFOUND',\n"
     "     syscall: 'getaddrinfo',\n     hostname: 'smtp.gmail.com ' },\n  smtp: undefined }", {"server-host-typo"}),
    ("{ [Error: getaddrinfo ENOTFOUND mail.example.org ] code: 'EDNS', errno: 'ENOTFOUND', "
     "syscall: 'getaddrinfo', hostname: 'mail.example.org ', command: 'CONN' }", {"server-host-typo"}),
    # Erlang: bamboo_smtp's Elixir print of gen_smtp's connect failure, and gen_smtp's Erlang one with OTP's log
    ("{:network_failure, 'smtp.office365.com', {:error, {:tls_alert, 'bad record mac'}}}\n\n"
     "        (bamboo_smtp) lib/bamboo/adapters/smtp_adapter.ex:96: Bamboo.SMTPAdapter.handle_response/1",
     {"tls-on-plaintext-port"}),
    ("[notice] TLS client: In state hello at tls_record.erl:558 generated CLIENT ALERT: Fatal - Bad Record MAC\n"
     "{error,{network_failure,\"mail.example.net\",{error,{tls_alert,{bad_record_mac,\"TLS client: In state hello "
     "at tls_record.erl:558 generated CLIENT ALERT: Fatal - Bad Record MAC\"}}}}}", {"tls-on-plaintext-port"}),
]

# Neighbours that must keep their own reading (the differential).
NOT = [
    # MailKit's generic line alone names no certificate fault
    ("An error occurred while attempting to establish an SSL or TLS connection.", "cert-hostname-mismatch"),
    # Postal's wrapper alone is no cipher problem
    ("No SMTP servers were available for example.com. Tried mx01.example.net", "tls-no-shared-cipher"),
    # a well-formed name in brackets that does not exist is no typo of the setting's form
    ("{ [Error: getaddrinfo ENOTFOUND mail.example.org] code: 'ENOTFOUND', syscall: 'getaddrinfo' }",
     "server-host-typo"),
    # OpenSSL's record check on an established session stays the path's damage, not the port's security
    ("SSL routines:ssl3_get_record:decryption failed or bad record mac", "tls-on-plaintext-port"),
    # Erlang's connect-time words on the implicit-TLS port name no plaintext port
    ("{:network_failure, 'smtp.example.com', {:error, {:tls_alert, 'bad record mac'}}}\nport: 465, ssl: true",
     "tls-on-plaintext-port"),
]


def _roots(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize(("text", "causes"), CASES)
def test_read_as_the_cause(text: str, causes: set[str]) -> None:
    roots = _roots(text)
    assert roots and roots[0] in causes, roots


@pytest.mark.parametrize(("text", "cause"), NOT)
def test_neighbours_keep_their_reading(text: str, cause: str) -> None:
    roots = _roots(text)
    assert not roots or roots[0] != cause, roots

"""Connection failures whose cause is decided by what else the line carries: the address family of the address
that was dialled, the address a provider's host name resolved to, and an MTA's own words for a delivery it could
not connect for. Texts of our own making, in the forms the programs print (their sources beside them).

- A time-out to an IPv6 address, with no time-out to an IPv4 one in the text, is the IPv6 path dropping the packets
  (RFC 6555 section 1, RFC 8305 section 1): server-ip-blocked, before any reading of the port. A time-out to an IPv4
  address keeps the port's readings (port 25: smtp-port25-blocked), and so does a log where IPv4 attempts time out too.
- A big provider's published host name shown resolved to 127.0.0.1, ::1 or 0.0.0.0 was redirected on this machine
  (a hosts-file line, a blocking resolver): hosts-file-override; to a private, shared or link-local address, by
  this network's resolver: dns-poisoned. Any other host at a private address is a company's own server: no reading.
- OpenSMTPD's "Network error on destination MXs": no MX address took a connection on port 25.
- qmail-send logs a delivery's report with "_" for spaces and "/" for line ends, undone before it is read.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import recognise

IPV6_PATH = "server-ip-blocked"

# (text, the first cause, source of the form)
IPV6_TIMEOUTS: list[tuple[str, str]] = [
    ("Cannot connect to 2001:db8:4a::1b:25 (mx1.example.net) (Net::OpenTimeout: execution expired)",
     "postalserver/postal:app/senders/smtp_sender.rb (connect_to_endpoint: 'Cannot connect to ADDR:PORT (HOST)'); "
     "ruby/net-protocol (Net::OpenTimeout 'execution expired')"),
    ("Nov  3 08:01:10 relay postfix/smtp[2211]: connect to mx2.example.net[2001:db8:77::25]:25: Connection timed out",
     "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c ('connect to %s[%s]:%d: %m')"),
    ("dial tcp [2001:db8:10::6c]:587: i/o timeout", "golang/go:src/net/net.go (OpError: 'dial tcp ADDR: i/o timeout')"),
    ("Error: connect ETIMEDOUT 2001:db8:10::6c:465\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)",
     "nodejs/node:lib/net.js (afterConnect: 'connect ETIMEDOUT ADDR:PORT')"),
    ("java.net.SocketTimeoutException: failed to connect to imap.example.net/2001:db8:c0b::6c (port 993) from "
     "/2001:db8:1:2::5 (port 40000) after 30000ms",
     "android libcore IoBridge.connectErrno ('failed to connect to %s (port %d) from %s (port %d) after %dms')"),
    ("System.Net.Sockets.SocketException (10060): A connection attempt failed because the connected party did not "
     "properly respond after a period of time, or established connection failed because connected host has failed "
     "to respond. [2001:db8:c0b::6c]:587",
     "dotnet/runtime:src/libraries/System.Net.Primitives (SocketException with the endpoint); WSAETIMEDOUT 10060"),
]


@pytest.mark.parametrize(("text", "source"), IPV6_TIMEOUTS, ids=[t[0][:60] for t in IPV6_TIMEOUTS])
def test_a_timeout_to_an_ipv6_address_is_the_ipv6_path(text: str, source: str) -> None:
    assert source
    assert causes_of(text)[:1] == [IPV6_PATH], causes_of(text)
    connect = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert connect and connect[0].get("family") == "ipv6", connect


@pytest.mark.parametrize("text", [
    # an IPv4 address timed out: the port's reading
    "Nov  3 08:01:10 relay postfix/smtp[2211]: connect to mx2.example.net[198.51.100.25]:25: Connection timed out",
    "dial tcp 198.51.100.25:25: i/o timeout",
    # IPv6 first, then IPv4 timed out too: not the IPv6 path alone
    "Nov  3 08:01:10 relay postfix/smtp[2211]: connect to mx2.example.net[2001:db8:77::25]:25: Connection timed out\n"
    "Nov  3 08:01:40 relay postfix/smtp[2211]: connect to mx2.example.net[198.51.100.25]:25: Connection timed out",
])
def test_a_timeout_to_ipv4_keeps_the_ports_reading(text: str) -> None:
    assert causes_of(text)[:1] == ["smtp-port25-blocked"], causes_of(text)
    assert all("family" not in f for f in recognise(text).facts if f.kind == "tcp.connect")


def test_a_js_frames_double_colon_is_no_ipv6_address() -> None:
    # Thunderbird's XPCOM exception: "JS frame :: resource://... :: onStopRequest" -- "::" is no address dialled.
    text = ('mail.setup: mail.example.org:465 socketType=0 smtp: [Exception... "Connection to mail.example.org:465 '
            'failed" nsresult: "0x804b000e (NS_ERROR_NET_TIMEOUT)" location: "JS frame :: '
            'resource:///modules/accountcreation/GuessConfig.sys.mjs :: onStopRequest :: line 1237" data: no]')
    assert IPV6_PATH not in causes_of(text)[:1], causes_of(text)
    assert all("family" not in f for f in recognise(text).facts if f.kind == "tcp.connect")


def test_a_refused_ipv6_address_is_not_a_dropped_path() -> None:
    # A refusal is an answer: something at that address said no (rules/port-configuration/port-closed.yaml).
    assert causes_of("Error: connect ECONNREFUSED 2001:db8:10::6c:587")[:1] == ["port-closed"]


PROVIDER_REDIRECTED: list[tuple[str, str]] = [
    ("Nov  3 08:01:10 web postfix/smtp[2211]: connect to smtp.gmail.com[127.0.0.1]:587: Connection refused",
     "hosts-file-override"),
    ("com.sun.mail.util.MailConnectException: Couldn't connect to host, port: outlook.office365.com, 993; timeout 20000;\n"
     "  nested exception is:\n\tjava.net.ConnectException: failed to connect to outlook.office365.com/0.0.0.0 (port 993) "
     "after 20000ms: isConnected failed: ECONNREFUSED (Connection refused)", "hosts-file-override"),
    ("Nov  3 08:01:10 web postfix/smtp[2211]: connect to smtp.gmail.com[10.20.30.40]:587: Connection timed out",
     "dns-poisoned"),
    ("Nov  3 08:01:10 web postfix/smtp[2211]: connect to smtp.office365.com[100.72.1.9]:587: Connection timed out",
     "dns-poisoned"),
]


@pytest.mark.parametrize(("text", "cause"), PROVIDER_REDIRECTED, ids=[t[0][:70] for t in PROVIDER_REDIRECTED])
def test_a_providers_host_at_an_address_no_public_server_has(text: str, cause: str) -> None:
    assert causes_of(text)[:1] == [cause], causes_of(text)


@pytest.mark.parametrize("text", [
    # a company's own server at a private address: normal, the port's reading
    "Nov  3 08:01:10 web postfix/smtp[2211]: connect to mail.corp.example[10.20.30.40]:587: Connection timed out",
    # a provider's host at a public (documentation) address
    "Nov  3 08:01:10 web postfix/smtp[2211]: connect to smtp.gmail.com[192.0.2.108]:587: Connection timed out",
    # a local relay by its own loopback name
    "Nov  3 08:01:10 web postfix/smtp[2211]: connect to localhost[127.0.0.1]:10025: Connection refused",
])
def test_no_redirection_where_the_address_fits_the_host(text: str) -> None:
    assert not {"hosts-file-override", "dns-poisoned"} & set(causes_of(text)), causes_of(text)


@pytest.mark.parametrize("text", [
    # OpenSMTPD's mta (usr.sbin/smtpd/mta.c relay->failstr), in its delivery log line and in its delay notice
    'Mar 10 11:56:20 mx smtpd[4242]: 1a2b3c4d5e6f7a8b mta delivery evpid=32d4773f133f952b from=<a@example.com> '
    'to=<b@example.net> rcpt=<-> source="198.51.100.1" relay="mx.example.net" delay=6m40s result="TempFail" '
    'stat="Network error on destination MXs"',
    "bob@example.net: Network error on destination MXs",
])
def test_an_mta_that_could_connect_to_no_mx(text: str) -> None:
    # OpenSMTPD's mta delivers to the destination's MXs on port 25.
    assert causes_of(text)[:1] == ["smtp-port25-blocked"], causes_of(text)


def test_qmail_sends_log_reads_as_the_report_it_logged() -> None:
    from mailexpert.pastetext import normalise

    logged = ("delivery 3: failure: Connected_to_192.0.2.1_but_sender_was_rejected./Remote_host_said:_553_sorry,"
              "_relaying_denied_from_your_location_[192.0.2.9]_(#5.7.1)/")
    assert normalise(logged) == ("delivery 3: failure: Connected to 192.0.2.1 but sender was rejected.\n"
                                 "Remote host said: 553 sorry, relaying denied from your location [192.0.2.9] (#5.7.1)")
    # Underscores elsewhere are the program's own (a Python name, a file's): left alone.
    assert normalise("smtp_sasl_auth_enable = yes") == "smtp_sasl_auth_enable = yes"
    # The logged deferral reads as qmail-remote's report does (its "(#4.4.1)": RFC 3463's no answer from host).
    report = "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)"
    logged = "@400000006570f0a3 delivery 7: deferral: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/"
    assert causes_of(logged)[:1] == causes_of(report)[:1] == ["server-reply-transient"], causes_of(logged)


CURL_TRIES = "curl/curl:lib/connect.c ('Immediate connect fail for %s: %s'; 'connect to %s port %u failed: %s')"


def test_curl_passes_over_an_unreachable_ipv6_address_to_the_ipv4_one() -> None:
    # The colon after the address is curl's sentence, not the address's; the IPv4 attempt that timed out decides.
    text = ("*   Trying 2001:db8:c0b::6c:465...\n* Immediate connect fail for 2001:db8:c0b::6c: Network is unreachable\n"
            "*   Trying 198.51.100.108:465...\n* connect to 198.51.100.108 port 465 failed: Connection timed out\n"
            "curl: (28) Failed to connect to smtp.example.net port 465 after 130000 ms: Connection timed out")
    assert CURL_TRIES
    assert causes_of(text)[:1] == ["port-blocked-outbound"], causes_of(text)


def test_curl_names_the_unreachable_ipv6_address() -> None:
    text = "* Immediate connect fail for 2001:db8:c0b::6c: Network is unreachable"
    connect = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert connect and connect[0].get("family") == "ipv6" and connect[0].get("address") == "2001:db8:c0b::6c", connect
    assert causes_of(text)[:1] == [IPV6_PATH], causes_of(text)

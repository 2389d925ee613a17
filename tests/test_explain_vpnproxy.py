"""What sits between the mail program and its server -- a proxy, a VPN -- as pasted texts show it.

A proxy's own refusal of the tunnel (an HTTP proxy's 403 to CONNECT, a SOCKS5 server's reply X'02' "connection not
allowed by ruleset") quoted by the mail program or library that went through it reads as the proxy first
(proxy-only-web): the mail server was never reached, and no login was refused. A proxy's request for its own login
(407), a proxy that cannot be reached or fails for its own reasons says less: the generic readings of a connection
that was not made. A VPN the text names beside the failure reads as the VPN; a VPN's name beside a cloud server's
documented mail-port block, Apple's Private Relay (which carries Safari, not mail connections) and a provider's
refusal of the VPN's exit address name no VPN fault.

Each text is a real message as its program prints it (the source beside it), with a mail host a user would have in
it; the first cause named must be one of those listed. DECLINED: mailexpert says the text is not one it can read,
the honest answer for a web request's refusal with nothing of mail in it."""

from __future__ import annotations

import pytest

from tests.test_explain_netdiff import _causes

DECLINED = "declined"
PROXY = ("proxy-only-web",)
# A connection that was not made, said only so (through a proxy or not): the way, or the port.
NOT_MADE = ("port-blocked-outbound", "port-closed", "proxy-only-web")
VPN = ("vpn-interference",)
# Causes that read a proxy's refusal as the mail server's or as a mail login's: never right here.
NEVER = ("password-rejected", "username-wrong", "smtp-auth-not-enabled", "auth-required", "server-reply-permanent",
         "server-reply-transient", "starttls-failed", "mechanism-mismatch", "account-locked")

PY = "python/cpython:Lib/http/client.py (HTTPConnection._tunnel: 'Tunnel connection failed: %d %s')"
JDK = ("openjdk/jdk:src/java.base/share/classes/sun/net/www/protocol/http/HttpURLConnection.java (doTunneling: "
       "'Unable to tunnel through proxy. Proxy returns \"<status line>\"')")
JAVAMAIL = "jakartaee/mail-api SMTPTransport ('Could not connect to SMTP host: %s, port: %d')"
CURL_H1 = "curl/curl:lib/cf-h1-proxy.c ('Establish HTTP proxy tunnel to %s', 'CONNECT tunnel failed, response %d')"
CURL_SOCKS = ("curl/curl:lib/socks.c (do_SOCKS5: \"Can't complete SOCKS5 connection to %s. (%d)\", later \"cannot "
              "complete ...\"; the number is RFC 1928's REP)")
PYSOCKS = "Anorov/PySocks:socks.py (SOCKS5_ERRORS; SOCKS5Error('{:#04x}: {}'), ProxyConnectionError)"
MAILKIT = ("jstedfast/MailKit:MailKit/Net/Proxy/Socks5Client.cs (ProxyProtocolException 'Failed to connect to {0}:{1}: "
           "{2}', GetFailureReason)")
DOTNET = ("dotnet/runtime:src/libraries/System.Net.Http/src/Resources/Strings.resx "
          "(net_http_proxy_tunnel_returned_failure_status_code)")
NODE_SOCKS = ("JoshGlazebrook/socks:src/common/constants.ts (ERRORS.InvalidSocks5FinalHandshakeRejected 'Socks5 proxy "
              "rejected connection', Socks5Response NotAllowed = 0x02) and src/client/socksclient.ts ('%s - %s')")
NODEMAILER_PROXY = ("nodemailer/nodemailer:lib/smtp-connection/http-proxy-client.js ('Invalid response from proxy' + "
                    "': ' + status, code EPROXY)")
TUNNEL_AGENT = "request/tunnel-agent:index.js (onConnect: 'tunneling socket could not be established, statusCode=' + status)"
RFC1928 = "RFC 1928 section 6 (REP X'01' general SOCKS server failure, X'02' connection not allowed by ruleset)"
MC = "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/"
# The VPN vendors' own pages on mail through their tunnels (Surfshark's support article 360021960039, seed4.me's port 25
# restriction), and K-9 Mail that sends only with NordVPN off (thunderbird/thunderbird-android#3429).
VPN_DOCS = "Surfshark 360021960039; seed4.me/blog/tag/gmail; thunderbird/thunderbird-android#3429"

# (text, acceptable first causes, source)
CATALOGUE: list[tuple[str, tuple[str, ...], str]] = [
    # --- the proxy refused the tunnel to the mail server: the proxy's policy ---------------------------------------
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 587;\n"
     "  nested exception is:\n"
     "\tjava.io.IOException: Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 403 Forbidden\"",
     PROXY, JAVAMAIL + "; " + JDK),
    ("* Uses proxy env variable HTTPS_PROXY == 'http://proxy.corp.example:3128'\n"
     "*   Trying 10.0.0.5:3128...\n"
     "* Connected to proxy.corp.example (10.0.0.5) port 3128\n"
     "* CONNECT tunnel: HTTP/1.1 negotiated\n"
     "* allocate connect buffer\n"
     "* Establish HTTP proxy tunnel to smtp.gmail.com:587\n"
     "> CONNECT smtp.gmail.com:587 HTTP/1.1\n"
     "> Host: smtp.gmail.com:587\n"
     "> User-Agent: curl/8.7.1\n"
     "> Proxy-Connection: Keep-Alive\n"
     ">\n"
     "< HTTP/1.1 403 Forbidden\n"
     "< Server: squid\n"
     "<\n"
     "* CONNECT tunnel failed, response 403\n"
     "* Closing connection\n"
     "curl: (56) CONNECT tunnel failed, response 403",
     PROXY, CURL_H1 + " (curl -v with an HTTPS_PROXY, smtp:// URL)"),
    ("curl: (97) Can't complete SOCKS5 connection to smtp.gmail.com. (2)", PROXY, CURL_SOCKS + "; " + RFC1928),
    ("curl: (97) cannot complete SOCKS5 connection to imap.gmail.com. (2)", PROXY, CURL_SOCKS + "; " + RFC1928),
    ("Traceback (most recent call last):\n"
     "  File \"send.py\", line 12, in <module>\n"
     "    server = smtplib.SMTP('smtp.gmail.com', 587)\n"
     "socks.SOCKS5Error: 0x02: Connection not allowed by ruleset",
     PROXY, PYSOCKS + " (smtplib over socks.set_default_proxy); " + RFC1928),
    ("MailKit.Net.Proxy.ProxyProtocolException: Failed to connect to smtp.gmail.com:587: Connection not allowed.",
     PROXY, MAILKIT + "; " + RFC1928),
    ("MailKit.Net.Proxy.ProxyProtocolException: Failed to connect to imap.gmail.com:993: Connection not allowed.\n"
     "   at MailKit.Net.Proxy.Socks5Client.ConnectAsync(String host, Int32 port, Boolean doAsync, "
     "CancellationToken cancellationToken)\n"
     "   at MailKit.Net.Imap.ImapClient.ConnectAsync(String host, Int32 port, SecureSocketOptions options, "
     "Boolean doAsync, CancellationToken cancellationToken)",
     PROXY, MAILKIT + " (ImapClient with ProxyClient set)"),
    # exchangelib / O365 through requests to Exchange Online's EWS: the proxy refused the tunnel
    ("requests.exceptions.ProxyError: HTTPSConnectionPool(host='outlook.office365.com', port=443): Max retries "
     "exceeded with url: /EWS/Exchange.asmx (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel "
     "connection failed: 403 Forbidden')))",
     PROXY, PY + "; urllib3/urllib3:src/urllib3/connectionpool.py; psf/requests:src/requests/adapters.py"),
    # Java's own SOCKS client (mail.smtp.socks.host, or -DsocksProxyHost) under JavaMail's connect
    ("com.sun.mail.util.MailConnectException: Couldn't connect to host, port: smtp.gmail.com, 587; timeout -1;\n"
     "  nested exception is:\n"
     "\tjava.net.SocketException: SOCKS: Connection not allowed by ruleset",
     PROXY, "openjdk/jdk:src/java.base/share/classes/java/net/SocksSocketImpl.java (NOT_ALLOWED: 'SOCKS: Connection not "
     "allowed by ruleset'); jakartaee/mail-api MailConnectException ('Couldn't connect to host, port: %s, %d; timeout %d')"),
    # Go: golang.org/x/net/proxy's SOCKS5 dialer under a mail library, wrapped in its OpError ("socks connect")
    ("dial tcp: socks connect tcp 127.0.0.1:1080->smtp.gmail.com:587: unknown error connection not allowed by ruleset",
     PROXY, "golang/net:internal/socks/client.go ('unknown error ' + Reply.String()), internal/socks/socks.go "
     "(StatusNotAllowedByRuleSet: 'connection not allowed by ruleset'; OpError Op 'socks connect')"),
    # Node: the socks client under nodemailer's proxy support, and tunnel-agent under request, as an app logs them
    ("Error sending mail to smtp.gmail.com:465: Error: Socks5 proxy rejected connection - NotAllowed",
     PROXY, NODE_SOCKS + "; " + RFC1928),
    ("Error: Invalid response from proxy: 403\n"
     "    at Socket.onSocketData (/app/node_modules/nodemailer/lib/smtp-connection/http-proxy-client.js:111:33) {\n"
     "  code: 'EPROXY'\n}",
     PROXY, NODEMAILER_PROXY),
    # --- the proxy's own login, a proxy that cannot be reached, a proxy that failed: the generic readings ----------
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.office365.com, port: 587;\n"
     "  nested exception is:\n"
     "\tjava.io.IOException: Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 407 Proxy Authentication "
     "Required\"",
     (*NOT_MADE, DECLINED), JAVAMAIL + "; " + JDK + "; RFC 9110 section 15.5.8 (407: the proxy's own login)"),
    ("MailKit.Net.Proxy.ProxyProtocolException: Failed to connect to imap.gmail.com:993: General server failure.",
     NOT_MADE, MAILKIT + "; " + RFC1928),
    ("socks.ProxyConnectionError: Error connecting to SOCKS5 proxy 127.0.0.1:1080: [Errno 111] Connection refused",
     NOT_MADE, PYSOCKS + " (connect: 'Error connecting to {} proxy {}')"),
    # --- a web request's refusal with nothing of mail in it: declined, or the proxy ----------------------------------
    ("System.Net.Http.HttpRequestException: The proxy tunnel request to proxy 'http://proxy.corp.example:8080/' "
     "failed with status code '403'.", (DECLINED, *PROXY), DOTNET),
    ("OSError: Tunnel connection failed: 403 Forbidden", (DECLINED, *PROXY), PY),
    ("Error: Socks5 proxy rejected connection - NotAllowed", (DECLINED, *PROXY), NODE_SOCKS),
    ("Error: tunneling socket could not be established, statusCode=403\n"
     "    at ClientRequest.onConnect (/app/node_modules/tunnel-agent/index.js:166:19)", (DECLINED, *PROXY), TUNNEL_AGENT),
    ("socks.GeneralProxyError: Socket error: 0x02: Connection not allowed by ruleset", (DECLINED, *PROXY),
     PYSOCKS + " (connect: GeneralProxyError('Socket error', error))"),
    # --- a VPN the text names beside the failure ---------------------------------------------------------------
    # F-Secure's page: with Freedome on, sending fails (community.f-secure.com kb article 2642)
    ("Could not connect to server smtp.example.com; the connection was refused. I use F-Secure Freedome.", VPN,
     MC + "messenger.properties (connectionRefusedError); community.f-secure.com/ja/kb/articles/2642"),
    # a mail host's page: NordVPN's NordLynx (WireGuard) protocol interferes with IMAP and SMTP
    ("Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     "smtp.example.com timed out. Try again.\nThe VPN app is set to the NordLynx protocol.", VPN,
     MC + "messengercompose/composeMsgs.properties (smtpSendTimeout); "
     "portal.hostmedia.uk/knowledgebase/201204289/Unable-to-connect-to-IMAPorSMTP-using-NordVPN.html"),
    ("Connection to server imap.example.com timed out. It works as soon as I disconnect Mullvad.", VPN,
     MC + "messenger.properties (netTimeoutError); data/on-the-way.yaml consumer-vpn"),
    # the user's words that mail works with the VPN off (data/on-the-way.yaml vpn-said-on), in the orders users write
    ("Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     "smtp.example.com timed out. Try again.\nTurning off the VPN fixes it.", VPN,
     MC + "messengercompose/composeMsgs.properties (smtpSendTimeout); " + VPN_DOCS),
    ("Could not connect to server imap.example.com; the connection was refused.\nIf I disable the VPN, it works.", VPN,
     MC + "messenger.properties (connectionRefusedError); " + VPN_DOCS),
    ("Connection to server imap.example.com timed out. Works fine with the VPN off.", VPN,
     MC + "messenger.properties (netTimeoutError); " + VPN_DOCS),
    # docker-mailserver/docker-mailserver#150, as its reporter words it beside Thunderbird's timeout
    ("Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     "mail.example.com timed out. Try again.\nWhen I connect to vpn service, it won't send the mail. If I disable the "
     "vpn connection, I can send it.", VPN,
     MC + "messengercompose/composeMsgs.properties (smtpSendTimeout); docker-mailserver/docker-mailserver#150"),
    # pivpn/pivpn#349: Thunderbird receives but cannot send while connected to a PiVPN server
    ("Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     "smtp.example.com timed out. Try again.\nI set up PiVPN on my Raspberry Pi.", VPN,
     MC + "messengercompose/composeMsgs.properties (smtpSendTimeout); pivpn/pivpn#349"),
    # A VPN client's own log of its tunnel failing: the tunnel's handshake, not a mail server's TLS (never STARTTLS)
    ("Sun Dec  6 10:11:12 2026 TLS Error: TLS key negotiation failed to occur within 60 seconds (check your network "
     "connectivity)\nSun Dec  6 10:11:12 2026 TLS Error: TLS handshake failed\n"
     "Sun Dec  6 10:11:12 2026 SIGUSR1[soft,tls-error] received, process restarting", VPN,
     "OpenVPN/openvpn:src/openvpn/ssl.c (tls_process: 'TLS Error: TLS key negotiation failed to occur within %d seconds "
     "(check your network connectivity)'); openvpn.net/faq/tls-error-tls-key-negotiation-failed-to-occur-within-60-"
     "seconds-check-your-network-connectivity/"),
    ("Connection to server imap.example.com timed out.\n"
     "2026-12-06 10:11:12.123: [TUN] [wg0] peer(AbCd…xYz0) - Handshake did not complete after 5 seconds, retrying "
     "(try 2)", VPN,
     MC + "messenger.properties (netTimeoutError); WireGuard/wireguard-go:device/timers.go (expiredRetransmitHandshake: "
     "'%s - Handshake did not complete after %d seconds, retrying (try %d)')"),
    # --- a VPN's name that is not the mail connection's path ---------------------------------------------------
    # The program runs on a cloud server whose provider blocks outgoing port 25 (docs.digitalocean.com/support/
    # why-is-smtp-blocked/); the WireGuard it runs serves its own users.
    ("My DigitalOcean droplet runs WireGuard for the office. Postfix on it logs:\n"
     "connect to gmail-smtp-in.l.google.com[142.250.102.27]:25: Connection timed out",
     ("smtp-port25-blocked", "port-blocked-outbound"),
     "postfix smtp_connect.c ('connect to %s[%s]:%d: %m'); docs.digitalocean.com/support/why-is-smtp-blocked/"),
    ("I set up OpenVPN on my Hetzner server.\nsmtplib.SMTP('mail.example.com', 25) -> TimeoutError: [Errno 110] "
     "Connection timed out", ("smtp-port25-blocked", "port-blocked-outbound"),
     "cpython socket.create_connection (ETIMEDOUT); docs.hetzner.com/cloud/servers/faq/ (ports 25 and 465 blocked)"),
    # Apple: Private Relay carries Safari's browsing (and Mail's remote content), not a mail account's IMAP/SMTP
    # connections (support.apple.com/HT212614).
    ("Connection to server imap.example.com timed out. iCloud Private Relay is turned on.",
     ("port-blocked-outbound", "server-unavailable"),
     MC + "messenger.properties (netTimeoutError); https://support.apple.com/en-me/HT212614"),
    # A provider that refuses the VPN's exit address by its block list: the list, not the VPN software.
    ("554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; "
     "https://www.spamhaus.org/query/ip/198.51.100.7\nI'm connected to a VPN.",
     ("client-ip-blocklisted",), "postfix smtpd_check.c reject_rbl_client ('Service unavailable; %s [%s] blocked using %s')"),
    # Port 25 from a home line, no VPN: the ISP's block, not a VPN.
    ("TimeoutError: [Errno 110] Connection timed out (connecting to smtp.example.com:25). I am not connected to a VPN.",
     ("smtp-port25-blocked", "port-blocked-outbound"), "cpython socket.create_connection (ETIMEDOUT)"),
]


@pytest.mark.parametrize(("text", "causes", "source"), CATALOGUE, ids=[f"{i}-{c[0][:50]}" for i, c in enumerate(CATALOGUE)])
def test_the_first_cause_is_the_one_the_words_decide(text: str, causes: tuple[str, ...], source: str) -> None:
    assert source
    found = _causes(text)
    first = next(iter(found), "fine")
    assert first in causes, (text, source, found)
    assert first not in NEVER, (source, found)


# Words that say turning the VPN off did not help name no VPN.
@pytest.mark.parametrize("text", [
    "Connection to server imap.example.com timed out. Disabling the VPN fixed nothing.",
    "Connection to server imap.example.com timed out. It does not work with the VPN off either.",
    "Connection to server imap.example.com timed out. If I disable the VPN it still fails.",
    # a server reached only through the VPN: the failure is without it
    "Connection to server imap.example.com timed out. Only when I connect to the company VPN can I reach it.",
    "Connection to server imap.example.com timed out. When I connect to the VPN it works.",
])
def test_a_vpn_that_did_not_help_names_no_vpn(text: str) -> None:
    assert "vpn-interference" not in _causes(text)[:1], _causes(text)


# The proxy's refusal beside a VPN's name: the proxy's own words say who refused.
def test_a_proxy_refusal_beside_a_vpn_is_the_proxys() -> None:
    text = ("MailKit.Net.Proxy.ProxyProtocolException: Failed to connect to smtp.gmail.com:587: Connection not allowed.\n"
            "I'm connected to the company VPN.")
    assert _causes(text)[:1] == ["proxy-only-web"], _causes(text)


# The words of a proxy's refusal are read whole: a 407 (the proxy's login), another SOCKS reply, or the same words
# about something else name no refusing proxy.
@pytest.mark.parametrize("text", [
    "curl: (56) CONNECT tunnel failed, response 407",
    "curl: (97) Can't complete SOCKS5 connection to smtp.gmail.com. (1)",
    "Error: Socks5 proxy rejected connection - Failure",
    "tunneling socket could not be established, statusCode=407",
    "Error: Invalid response from proxy: 407",
    "Failed to connect to smtp.gmail.com:587: Connection refused.",
    "Tunnel connection failed: 4030 bytes",
])
def test_other_words_name_no_refusing_proxy(text: str) -> None:
    from mailexpert import ontheway

    assert [f for f in ontheway.named(text) if f["role"] == "web-proxy"] == []

"""Where a pasted connection failure happened, from what the text names beside it.

A refusal or "Network is unreachable" names only the failure; the text may still say where it
came from. A big provider's published server on a port it serves listens there in the world, so
the failure was on the way (port-blocked-outbound), while the same host on a port it does not
serve may simply have nothing listening (port-closed). The texts are real reports; each cites
its thread."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("text", [
    # github.com/Webklex/php-imap/issues/434: works from the developer's machine, not from the
    # web host (NameCheap blocks outgoing 993 by default); PHP's warning as it prints it
    "stream_socket_client(): unable to connect to ssl://outlook.office365.com:993 (Network is unreachable)",
    # github.com/PHPMailer/PHPMailer/issues/295: Office 365's submission port refused from a web host
    "Connection: opening to smtp.office365.com:587, timeout=300, options=array ()\n"
    "SMTP ERROR: Failed to connect to server: Connection refused (111)",
    # github.com/symfony/symfony/issues/36450: OVH's shared mail server (a mail host, not the account's
    # provider) refused from the web host; the same settings work from the developer's machine
    'Connection could not be established with host "ssl0.ovh.net:587": stream_socket_client(): unable to connect to '
    "ssl0.ovh.net:587\n(Connection refused).",
    # github.com/rofl0r/proxychains-ng/issues/459: the proxy on the way denied Gmail's IMAP port
    "Cannot connect to imap.gmail.com:993\n"
    "[proxychains] Dynamic chain  ...  142.111.189.254:20000  ...  74.125.133.108:993 <--denied\n"
    "[00:12:29.215061]: Error reading mail.\nConnection refused",
])
def test_a_refusal_at_a_providers_served_port_is_on_the_way(text: str) -> None:
    found = causes(text)
    assert found[0] == "port-blocked-outbound", found


@pytest.mark.parametrize("text", [
    # github.com/owncloud-archive/mail/issues/934: Yahoo's MX host on the IMAP port, where nothing listens
    '"PHP","message":"fsockopen(): unable to connect to mx-eu.mail.am0.yahoodns.net:143 (Connection refused)',
    # github.com/jstedfast/MailKit/issues/343's setting (imap.gmail.com without SSL: port 143), which Gmail does not serve
    "fsockopen(): unable to connect to imap.gmail.com:143 (Connection refused)",
    # github.com/shenxn/protonmail-bridge-docker/issues/72: Proton's bridge listens on this machine, so
    # nothing lies on the way; a refusal there is a bridge that does not run
    "A problem occurred while sending the email. Please revise your settings. (Error: Connection could not be "
    "established with host 127.0.0.1 :stream_socket_client(): Unable to connect to 127.0.0.1:1025 (Connection refused))",
])
def test_a_refusal_where_the_provider_serves_nothing_stays_the_port(text: str) -> None:
    found = causes(text)
    assert found[0] == "port-closed", found


# The host, cloud or software a text names beside a bare failure (data/on-the-way.yaml).
@pytest.mark.parametrize(("text", "cause"), [
    # github.com/PHPMailer/PHPMailer/issues/1427 (the maintainer: GoDaddy blocks outbound SMTP)
    ('I got "2018-04-25 08:46:01 SMTP ERROR: Failed to connect to server: Connection refused (111)\n'
     "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting\n"
     'Message could not be sent. Mailer Error: SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting" '
     "error.Php mailer works perfectly in my local machine and it is not working with godaddy", "port-blocked-outbound"),
    # github.com/PHPMailer/PHPMailer/issues/2027
    ("SMTP connect() failed - SMTP ERROR: Failed to connect to server: Connection refused (111)\n"
     "SMTP connection failure error shows when sending mails. The hosing server is go-daddy.", "port-blocked-outbound"),
    # github.com/PHPMailer/PHPMailer/issues/475: works with CSF disabled
    ("We are facing issue in sending email which CSF( iptables) is enabled and If we disable Firewall it allow to send "
     "email Email Successfully.\nSMTP -> ERROR: Failed to connect to server: Connection refused (111)\n"
     "The following From address failed: callme@example.com : Called Mail() without being connected", "port-blocked-outbound"),
    # github.com/postalserver/postal/issues/749: CSF on the web server blocked 2525
    ("Using STARTTLS, port 2525.\nSMTP ERROR: Failed to connect to server: Connection refused (111)SMTP connect() failed.\n"
     "checked port 2525 is open in ConfigServer Security & Firewall (csf) on website server", "port-blocked-outbound"),
    # github.com/manyuanrong/deno-smtp/issues/58: Deno Deploy blocks the mail ports; it works on localhost
    ("I deploy my project deno in https://dash.deno.com/ after using deno-smtp deploy failed but it work fine in "
     "develop environment (localhost).\n\nConnectionRefused: Connection refused (os error 111)\n"
     "    at async Object.connectTls (deno:ext/net/02_tls.js:37:42)\n"
     "    at async SmtpClient.connectTLS (https://deno.land/x/smtp@v0.7.0/smtp.ts:35:22)", "port-blocked-outbound"),
    # github.com/docker-mailserver/docker-mailserver/issues/112 (Google Cloud blocks outgoing port 25)
    ("I setup mail server on google cloud using VM Instance. I can receive mail from gmail, but can not send to it.\n"
     "Error:\nDiagnostic-Code: X-Postfix; connect to alt4.gmail-smtp-in.l.google.com[173.194.209.26]:25: Operation timed out",
     "smtp-port25-blocked"),
    # github.com/thunderbird/thunderbird-android/issues/3429: sending works as soon as the VPN is off
    ("When connected to a NordVPN server over TCP using their Android client (which I believe is a frontend to OpenVPN "
     "for Android), emails should probably send as normal.\nEmails do not leave outbox, but instead I get the "
     '"k9 mail errno exception isconnected failed" error.', "vpn-interference"),
    # github.com/AdguardTeam/AdguardForAndroid/issues/2905: FairEmail's connection from the address AdGuard
    # gives its local VPN's interface (2001:db8:ad:0:ff::); turning AdGuard's filtering off for it cleared it
    ("Couldn't connect to host, port: outlook.office365.com, 993; timeout 20000 failed to connect to "
     "outlook.office365.com/2603:1016:401:1003::2 (port 993) from /2001:db8:ad:0:ff:: (port 48748) after 20000ms: "
     "isConnected failed: ENETUNREACH (Network is unreachable)", "vpn-interference"),
    # github.com/gaubert/gmvault/issues/115: Avast's Mail Shield ("Scan inbound mail" off fixed it)
    ('Error: "Cannot reach the Gmail server." with Avast! Free Antivirus', "tls-interception"),
    # github.com/mscdex/node-imap/issues/420: works with nod32's IMAP scanning off
    ("Trying the test script against Gmail while having Eset nod32 Antivirus 5 active makes the connection fail "
     "('error' event is raised):\n\n{ [Error: Timed out while connecting to server] source: 'timeout' }", "tls-interception"),
])
def test_what_a_text_names_beside_a_bare_failure_says_where_it_failed(text: str, cause: str) -> None:
    found = causes(text)
    assert found[0] == cause, found


@pytest.mark.parametrize("text", [
    # Amazon SES's own SMTP host is no EC2 instance (github.com/PHPMailer/PHPMailer/issues/295's shape)
    "SMTP ERROR: Failed to connect to server: Connection refused (111) email-smtp.us-east-1.amazonaws.com:587",
    # Entra ID (Azure AD) is no Azure server
    "Azure AD app registration done. SMTP ERROR: Failed to connect to server: Connection refused (111)",
    # ping's statistics are no antivirus
    "rtt min/avg/max/mdev = 0.040/0.050/0.060/0.010 ms\nConnection refused",
])
def test_words_that_only_look_like_a_name_name_nothing(text: str) -> None:
    from mailexpert import ontheway

    assert ontheway.named(text) == [], text


def test_a_cloud_that_blocks_port_25_alone_says_nothing_of_587() -> None:
    # cloud.google.com/compute/docs/tutorials/sending-mail: 465 and 587 pass
    found = causes("On Google Cloud: connect to smtp.example.org:587: Connection timed out")
    assert "smtp-port25-blocked" not in found[:1], found


def test_a_password_that_looks_like_a_name_names_nothing() -> None:
    from mailexpert import ontheway

    assert ontheway.named("password=NordVPN\nConnection refused") == []


def test_androids_isconnected_failed_alone_is_a_failed_connection() -> None:
    # github.com/thunderbird/thunderbird-android/issues/3429: K-9 shows only libcore's first words
    from mailexpert.explain import explain_facts

    facts = explain_facts("k9 mail errno exception isconnected failed")
    assert [(f.kind, f.get("outcome")) for f in facts if f.kind == "tcp.connect"] == [("tcp.connect", "error")], facts


def test_androids_isconnected_failed_with_its_errno_reads_the_errno() -> None:
    # github.com/jberkel/sms-backup-plus/issues/429
    from mailexpert.explain import explain_facts

    facts = explain_facts("java.net.SocketException: failed to connect to imap.gmail.com/2607:f8b0:400e:c02::6c (port 993) "
                          "after 30000ms: isConnected failed: EHOSTUNREACH (No route to host)")
    assert [f.get("outcome") for f in facts if f.kind == "tcp.connect"] == ["unreachable"], facts


def test_curls_couldnt_connect_in_its_own_line_is_a_refusal() -> None:
    # curl 7.88's error 7 (a connect timeout is error 28): an answer at once, most often a refusal
    from mailexpert.explain import explain_facts

    facts = explain_facts("curl: (7) Failed to connect to 127.0.0.10 port 56329 after 0 ms: Couldn't connect to server")
    assert [f.get("outcome") for f in facts if f.kind == "tcp.connect"] == ["refused"], facts


def test_could_not_connect_to_server_alone_says_not_why() -> None:
    # helpinghost.com's article for mail programs that cannot send: their words say only that
    # connecting failed (there: outgoing port 25 blocked on the way), not that it was refused
    from mailexpert.explain import explain_facts

    facts = explain_facts("could not connect to Server")
    assert [f.get("outcome") for f in facts if f.kind == "tcp.connect"] == ["error"], facts


# Who ran the program: a web application's mailer (data/library-messages.yaml `runs_in`). Web hosts
# refuse a site's outgoing connections to other servers' mail ports (PHPMailer's Troubleshooting wiki,
# wpmailsmtp.com/docs/smtp-could-not-connect/, CSF's SMTP_BLOCK): the block first, a closed port next
# (data/priors.yaml connect-refused-web-app); a server on this same machine meets no block.
@pytest.mark.parametrize("text", [
    # github.com/PHPMailer/PHPMailer/issues/2885's shape: PHPMailer's refusal, no server named
    "SMTP ERROR: Failed to connect to server: Connection refused (111)\nSMTP connect() failed. "
    "https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
    # WP Mail SMTP's Email Test shows PHPMailer's ErrorInfo
    "Could not connect to the SMTP host.\nSMTP Error: Could not connect to SMTP host. Failed to connect to server"
    "SMTP server error: Failed to connect to server SMTP code: 111 Additional SMTP info: Connection refused",
    # PHPMailer 5's words for the same
    "SMTP -> ERROR: Failed to connect to server: Connection refused (111)\nSMTP Error: Could not connect to SMTP host.",
])
def test_a_web_applications_mailer_refused_is_first_the_hosts_block(text: str) -> None:
    found = causes(text)
    assert found[:2] == ["port-blocked-outbound", "port-closed"], found


@pytest.mark.parametrize("text", [
    # github.com/shenxn/protonmail-bridge-docker/issues/72: Symfony Mailer to a bridge on this machine
    "Connection could not be established with host 127.0.0.1 :stream_socket_client(): Unable to connect to "
    "127.0.0.1:1025 (Connection refused)",
    # Laravel's SwiftMailer to a development mail catcher on localhost
    "Connection could not be established with host localhost :stream_socket_client(): unable to connect to "
    "tcp://localhost:1025 (Connection refused)",
    # a program that does not run in a web application: nothing says a host's block is on the way
    "smtplib: ConnectionRefusedError: [Errno 111] Connection refused",
    # github.com/Mailu/Mailu/issues/3370 (WP Mail SMTP there): the site's mailer names its own self-hosted server, where a
    # closed port is as likely as the host's block (which comes second)
    'Connection could not be established with host "mail.example.net:587": stream_socket_client(): '
    "Unable to connect to mail.example.net:587 (Connection refused)",
])
def test_a_refusal_on_this_machine_or_from_another_program_stays_the_port(text: str) -> None:
    found = causes(text)
    assert found[0] == "port-closed", found


def test_the_connection_fact_says_who_ran_the_program_and_where_it_went() -> None:
    from mailexpert.explain import explain_facts

    [site] = [f for f in explain_facts("SMTP ERROR: Failed to connect to server: Connection refused (111)")
              if f.kind == "tcp.connect"]
    assert (site.get("run_by"), site.get("loopback")) == ("web-app", None)
    [local] = [f for f in explain_facts("Connection could not be established with host 127.0.0.1 :stream_socket_client(): "
                                        "Unable to connect to 127.0.0.1:1025 (Connection refused)") if f.kind == "tcp.connect"]
    assert (local.get("run_by"), local.get("loopback")) == ("web-app", True)
    [other] = [f for f in explain_facts("ConnectionRefusedError: [Errno 111] Connection refused") if f.kind == "tcp.connect"]
    assert (other.get("run_by"), other.get("loopback")) == (None, None)


def test_swiftmailer_5s_refusal_names_its_host() -> None:
    # github.com/craftcms/cms/issues/3834: SwiftMailer 5 (Craft CMS 3) puts the stream's error in brackets;
    # smtp.gmail.com listens on its published ports, so the refusal came from the way there
    text = ("Error sending email: Connection could not be established\nwith host smtp.gmail.com "
            "[Connection refused #111]")
    from mailexpert.explain import explain_facts

    assert [f.get("host") for f in explain_facts(text) if f.kind == "tcp.connect"] == ["smtp.gmail.com"]
    report = explain(text)
    assert report.top.cause == "port-blocked-outbound"
    assert report.top.rule == "port-blocked-outbound-provider-pasted"


def test_a_web_applications_mailer_without_a_route_is_first_the_hosts_block() -> None:
    # github.com/PHPMailer/PHPMailer/issues/2199: the maintainer reads "Network is unreachable" from a site as the
    # host's block of outbound SMTP
    found = causes("SMTP ERROR: Failed to connect to server: Network is unreachable (101)\n"
                   "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting")
    assert found[0] == "port-blocked-outbound", found
    # another program's no route keeps its readings (one address family, no network)
    assert "port-blocked-outbound" not in causes("connect: Network is unreachable")


def test_swiftmailer_6s_refusal_names_its_host_and_reads_the_port_closed_first() -> None:
    # SwiftMailer 6 writes the stream's message after " :" (swiftmailer/swiftmailer:lib/classes/Swift/Transport/
    # StreamBuffer.php): no port there. A site's mailer that names its own server: a closed port first.
    text = ("Connection could not be established with host mail.example.net :stream_socket_client(): unable to connect "
            "to mail.example.net:587 (Connection refused)")
    from mailexpert.explain import explain_facts

    assert [f.get("host") for f in explain_facts(text) if f.kind == "tcp.connect"] == ["mail.example.net"]
    assert causes(text)[:2] == ["port-closed", "port-blocked-outbound"]


@pytest.mark.parametrize("text", [
    # A timeout on IMAP's plaintext port, as Windows words it (MailKit ImapClient.Connect(host, 0) without SSL).
    "A connection attempt failed because the connected party did not properly respond after a period of time, or "
    "established connection failed because connected host has failed to respond 192.0.2.10:143",
    # A mail program's failure that says not why, on IMAP's plaintext port (Nextcloud Mail's words).
    "Creating account failed:Connection to IMAP at mail.example.net:143 failed. Error connecting to mail server.",
    # The same on POP3's.
    "cannot connect to pop.example.net, port 110: Connection timed out",
])
def test_a_failure_on_imaps_or_pop3s_plaintext_port_is_first_a_port_not_offered(text: str) -> None:
    # The large providers serve IMAP and POP3 on 993 and 995 only (data/providers.yaml), and
    # networks that block outgoing ports block SMTP's: nothing answering there comes first.
    assert causes(text)[:2] == ["port-closed", "port-blocked-outbound"]


def test_a_timeout_on_the_implicit_tls_port_stays_on_the_way() -> None:
    text = "cannot connect to imap.example.net, port 993: Connection timed out"
    assert causes(text)[0] == "port-blocked-outbound"



def test_no_route_to_the_network_of_a_providers_ipv6_address_is_this_machines_ipv6_path() -> None:
    # Android's ConnectException names the address it tried (libcore IoBridge: "failed to connect to HOST/ADDR
    # (port N) from ... after Nms: connect failed: ENETUNREACH"): an IPv6 address without a route from this
    # machine is its missing IPv6 path, whatever the port, not a block of the provider's published port.
    text = ("java.net.ConnectException: failed to connect to smtp.gmail.com/2a00:1450:4013:c00::6c (port 587) from "
            "/:: (port 0) after 20000ms: connect failed: ENETUNREACH (Network is unreachable)")
    found = causes(text)
    assert found[0] == "server-ip-blocked", found
    assert "port-blocked-outbound" not in found
    # the same failure to the provider's IPv4 address keeps the block on the way
    ipv4 = text.replace("2a00:1450:4013:c00::6c", "142.250.102.108").replace("/:: (port 0)", "/0.0.0.0 (port 0)")
    assert causes(ipv4)[0] == "port-blocked-outbound", causes(ipv4)

"""What users paste from DNS tools and resolvers when they check why the mail server's name does not
resolve: dig, host and nslookup (ISC BIND's bin/dig), Windows nslookup and ping, PowerShell's
Resolve-DnsName, resolvectl (systemd-resolved), a validating resolver's log (unbound), ping on Linux.

Each text is the tool's output in the form it prints it, each with its source (the tool's code, the
vendor's documentation, or a public thread that quotes it), and the causes it may honestly read as;
the first cause named must be one of them, and the text must not be declined or read as fine.

The differential: a tool that got no answer at all (a time-out, "no servers could be reached", a
refused query to the resolver's own port) says the resolver cannot be reached or does not work, never
that the mail server's port is blocked, nor that the name does not exist. An answer says which:
NXDOMAIN (the name does not exist), SERVFAIL (the resolver could not get an answer: an outage, or a
DNSSEC failure of the zone), REFUSED (the resolver refuses this client: the resolver set is wrong),
NOERROR without an address (the name exists without an A/AAAA record)."""

from __future__ import annotations

import pytest
from helpers import causes_of

NAME_UNKNOWN = ("server-host-unknown", "server-host-typo")
# The look-up got no answer, or no usable one: no name is said to be wrong.
RESOLVER = ("dns-server-misconfigured", "dns-outage", "dns-blocked")
# The resolver answered SERVFAIL: it could not get an answer itself (or the zone failed DNSSEC).
SERVFAIL = ("dns-outage",)
# The resolver refused the query: this client may not use it (a wrong resolver set).
REFUSED = ("dns-server-misconfigured",)
NO_ADDRESS = ("server-host-no-address",)

H = "smtp.example.com"

BIND = "isc-projects/bind9"

# (text, acceptable first causes, source)
CATALOGUE: list[tuple[str, tuple[str, ...], str]] = [
    # --- dig (BIND 9): no answer came -------------------------------------------------------------------
    (";; connection timed out; no servers could be reached", RESOLVER,
     f"{BIND}:bin/dig/dighost.c@v9.16.0 and v9.18.0 (dighost_error(\"connection timed out; no servers could be reached\"))"),
    (f"; <<>> DiG 9.16.1-Ubuntu <<>> {H}\n;; global options: +cmd\n;; connection timed out; no servers could be reached",
     RESOLVER, f"{BIND}:bin/dig/dighost.c@v9.16.0; bin/dig/dig.c (the banner '; <<>> DiG %s <<>> %s', ';; global options:')"),
    (f";; communications error to 127.0.0.53#53: timed out\n;; communications error to 127.0.0.53#53: timed out\n"
     f";; communications error to 127.0.0.53#53: timed out\n\n; <<>> DiG 9.18.24 <<>> {H}\n;; global options: +cmd\n"
     ";; no servers could be reached", RESOLVER,
     f"{BIND}:bin/dig/dighost.c@v9.20.0 (dighost_warning('communications error to %s: %s', sockstr, "
     "isc_result_totext(ISC_R_TIMEDOUT) 'timed out'); dighost_error('no servers could be reached'))"),
    (";; communications error to 127.0.0.53#53: timed out", RESOLVER,
     f"{BIND}:bin/dig/dighost.c (dighost_warning 'communications error to %s: %s'); lib/isc/result.c (ISC_R_TIMEDOUT 'timed out')"),
    # Nothing listens on the resolver's address (systemd-resolved stopped, a wrong nameserver line): the
    # query itself was refused -- the resolver set is wrong, not the mail server's port.
    (";; communications error to 127.0.0.53#53: connection refused\n;; no servers could be reached", RESOLVER,
     f"{BIND}:bin/dig/dighost.c; lib/isc/result.c (ISC_R_CONNREFUSED 'connection refused')"),
    # --- dig: an answer came -----------------------------------------------------------------------------
    (f"; <<>> DiG 9.16.1-Ubuntu <<>> {H}\n;; global options: +cmd\n;; Got answer:\n"
     ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 52032\n;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1",
     NAME_UNKNOWN, f"{BIND}:bin/dig/dig.c (printmessage: ';; ->>HEADER<<- opcode: %s, status: %s, id: %u')"),
    (";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 40388", SERVFAIL, f"{BIND}:bin/dig/dig.c (printmessage)"),
    (";; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: 9121\n;; flags: qr rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, "
     "ADDITIONAL: 1\n;; WARNING: recursion requested but not available", REFUSED,
     f"{BIND}:bin/dig/dig.c (printmessage; ';; WARNING: recursion requested but not available' when RA is clear)"),
    (";; Got SERVFAIL reply from 192.168.3.1, trying next server", SERVFAIL,
     f"{BIND}:bin/dig/dighost.c (recv_done: 'Got %s from %s, trying next server' with 'SERVFAIL reply'); "
     "pymumu/smartdns#326 (quoted from nslookup on WSL)"),
    (";; Got recursion not available from 192.0.2.53, trying next server", REFUSED,
     f"{BIND}:bin/dig/dighost.c@v9.18.0 (recv_done: 'Got %s from %s, trying next server', 'recursion not available')"),
    # --- host (BIND 9) --------------------------------------------------------------------------------------
    (f"Host {H} not found: 3(NXDOMAIN)", NAME_UNKNOWN,
     f"{BIND}:bin/dig/host.c@v9.18.0 (printmessage: 'Host %s not found: %d(%s)', rcodetext)"),
    (f"Host {H} not found: 2(SERVFAIL)", SERVFAIL, f"{BIND}:bin/dig/host.c@v9.18.0"),
    (f"Host {H} not found: 5(REFUSED)", REFUSED, f"{BIND}:bin/dig/host.c@v9.18.0 (rcodetext[5] 'REFUSED')"),
    (f"$ host {H}\n;; connection timed out; no servers could be reached", RESOLVER,
     f"{BIND}:bin/dig/dighost.c (host shares dighost's look-up and its errors)"),
    (f"{H} has no A record", NO_ADDRESS, f"{BIND}:bin/dig/host.c@v9.18.0 ('%s has no %s record' for an answer without data)"),
    # --- nslookup (BIND 9, Linux and macOS) -----------------------------------------------------------------
    (f"Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find {H}: NXDOMAIN", NAME_UNKNOWN,
     f"{BIND}:bin/dig/nslookup.c@v9.18.0 (printmessage: '** server can\\'t find %s: %s', rcodetext)"),
    (f"** server can't find {H}: SERVFAIL", SERVFAIL, f"{BIND}:bin/dig/nslookup.c@v9.18.0; pymumu/smartdns#326"),
    (f"Server:\t\t192.168.1.1\nAddress:\t192.168.1.1#53\n\n** server can't find {H}: REFUSED", REFUSED,
     f"{BIND}:bin/dig/nslookup.c@v9.18.0 (rcodetext[5] 'REFUSED')"),
    (f"Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\n*** Can't find {H}: No answer",
     NO_ADDRESS, f"{BIND}:bin/dig/nslookup.c@v9.18.0 ('*** Can\\'t find %s: No answer' for NOERROR without records)"),
    # --- nslookup (Windows) -------------------------------------------------------------------------------
    (f"Server:  UnKnown\nAddress:  192.168.1.1\n\n*** UnKnown can't find {H}: Non-existent domain", NAME_UNKNOWN,
     "Windows nslookup (learn.microsoft.com Windows 2000 nslookup notes: 'Non-existent domain: the computer or DNS "
     "domain name does not exist'); Server: UnKnown is its failed reverse look-up of the resolver (testssl/testssl.sh#1099)"),
    # Its first line is often its failed reverse look-up of the resolver's own address: an aside, the name asked
    # for is answered after it.
    (f"*** Can't find server name for address 192.168.1.1: Non-existent domain\nServer:  UnKnown\nAddress:  192.168.1.1\n\n"
     f"*** UnKnown can't find {H}: Non-existent domain", NAME_UNKNOWN,
     "Windows nslookup; testssl/testssl.sh#1099 (Server: UnKnown after the resolver's reverse look-up failed)"),
    ("*** Can't find server name for address 192.168.1.1: Timed out\nServer:  UnKnown\nAddress:  192.168.1.1\n\n"
     "DNS request timed out.\n    timeout was 2 seconds.\n*** Request to UnKnown timed-out", RESOLVER,
     "Windows nslookup (the same reverse look-up timed out, then the query itself)"),
    ("Server:  UnKnown\nAddress:  192.168.1.1\n\nDNS request timed out.\n    timeout was 2 seconds.\nDNS request timed out.\n"
     "    timeout was 2 seconds.\n*** Request to UnKnown timed-out", RESOLVER,
     "Windows nslookup, as pasted on pastebin.com/QQmtBA6P and pastebin.com/3mybdYE8 ('DNS request timed out. "
     "timeout was 2 seconds.' ... '*** Request to SERVER timed-out')"),
    (f"Server:  UnKnown\nAddress:  2a02:1800:100::42:1\n\n*** UnKnown can't find {H}: No response from server", RESOLVER,
     "MicrosoftDocs/azure-docs#76328 (Windows nslookup); Windows nslookup notes ('No response from server: no DNS name "
     "server is running on the server computer')"),
    (f"Server:  UnKnown\nAddress:  fe80::d2d7:83ff:fe5d:6d82\n\n*** UnKnown can't find {H}: Server failed", SERVFAIL,
     "pymumu/smartdns#326 (Windows nslookup '*** UnKnown 找不到 smartdns: Server failed', the same SERVFAIL that BIND's "
     "nslookup printed in WSL)"),
    (f"*** dns.example.net can't find {H}: Query refused", REFUSED,
     "Windows nslookup (its REFUSED wording, '*** Can't list domain X: Query refused', as quoted in public nslookup "
     "sessions); Windows nslookup notes ('Refused: the DNS name server refused to service the request')"),
    (f"Server:  OpenWrt.lan\nAddress:  fd00::1\n\n*** No internal type for both IPv4 and IPv6 Addresses (A+AAAA) records "
     f"available for {H}", NO_ADDRESS,
     "Windows nslookup's words for a NOERROR answer without A or AAAA records (pymumu/smartdns#1431)"),
    # --- PowerShell Resolve-DnsName (Windows system error texts, FormatMessage) ---------------------------
    (f"Resolve-DnsName : {H} : DNS name does not exist\nAt line:1 char:1\n+ Resolve-DnsName {H}\n"
     f"    + CategoryInfo          : ResourceUnavailable: ({H}:String) [Resolve-DnsName], Win32Exception\n"
     "    + FullyQualifiedErrorId : DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName",
     NAME_UNKNOWN, "learn.microsoft.com/windows/win32/debug/system-error-codes--9000-11999- (DNS_ERROR_RCODE_NAME_ERROR "
     "9003 'DNS name does not exist.')"),
    (f"resolve-dnsname : {H} : This operation returned because the timeout period expired\nAt line:1 char:1\n"
     f"+ resolve-dnsname {H}\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
     f"    + CategoryInfo          : OperationTimeout: ({H}:String) [Resolve-DnsName], Win32Exception\n"
     "    + FullyQualifiedErrorId : ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName", RESOLVER,
     "learn.microsoft.com/troubleshoot/windows-server/networking (troubleshoot DNS clients: this exact output when no "
     "DNS traffic leaves the client); ERROR_TIMEOUT 1460 'This operation returned because the timeout period expired.'"),
    (f"Resolve-DnsName : {H} : This operation returned because the timeout period expired", RESOLVER,
     "the same error without PowerShell's position lines"),
    (f"Resolve-DnsName : {H} : DNS server failure\n"
     "    + FullyQualifiedErrorId : DNS_ERROR_RCODE_SERVER_FAILURE,Microsoft.DnsClient.Commands.ResolveDnsName", SERVFAIL,
     "learn.microsoft.com system-error-codes--9000-11999- (DNS_ERROR_RCODE_SERVER_FAILURE 9002 'DNS server failure.')"),
    (f"Resolve-DnsName : {H} : DNS operation refused", REFUSED,
     "learn.microsoft.com system-error-codes--9000-11999- (DNS_ERROR_RCODE_REFUSED 9005 'DNS operation refused.')"),
    # --- resolvectl (systemd-resolved's D-Bus errors, src/resolve/resolved-bus.c; resolvectl.c prints
    # '%s: resolve call failed: %s') ---------------------------------------------------------------------
    (f"{H}: resolve call failed: '{H}' not found", NAME_UNKNOWN,
     "systemd/systemd:src/resolve/resolved-bus.c (reply_query_state: BUS_ERROR_DNS NXDOMAIN \"'%s' not found\"); "
     "src/resolve/resolvectl.c ('%s: resolve call failed: %s')"),
    (f"{H}: resolve call failed: Name '{H}' not found", NAME_UNKNOWN,
     "systemd/systemd:src/resolve/resolved-bus.c (DNS_TRANSACTION_RCODE_FAILURE with NXDOMAIN: \"Name '%s' not found\")"),
    (f"{H}: resolve call failed: All attempts to contact name servers or networks failed", RESOLVER,
     "systemd/systemd:src/resolve/resolved-bus.c (DNS_TRANSACTION_ATTEMPTS_MAX_REACHED)"),
    (f"{H}: resolve call failed: Query timed out", RESOLVER,
     "systemd/systemd:src/resolve/resolved-bus.c (DNS_TRANSACTION_TIMEOUT 'Query timed out')"),
    (f"{H}: resolve call failed: No appropriate name servers or networks for name found", RESOLVER,
     "systemd/systemd:src/resolve/resolved-bus.c (DNS_TRANSACTION_NO_SERVERS: no DNS server is set for the name)"),
    (f"{H}: resolve call failed: Could not resolve '{H}', server or network returned error SERVFAIL", SERVFAIL,
     "systemd/systemd:src/resolve/resolved-bus.c (\"Could not resolve '%s', server or network returned error %s\")"),
    (f"{H}: resolve call failed: Could not resolve '{H}', server or network returned error REFUSED", REFUSED,
     "systemd/systemd:src/resolve/resolved-bus.c (the same with the rcode's name, FORMAT_DNS_RCODE)"),
    (f"{H}: resolve call failed: '{H}' does not have any RR of the requested type", NO_ADDRESS,
     "systemd/systemd:src/resolve/resolved-bus.c (BUS_ERROR_NO_SUCH_RR \"'%s' does not have any RR of the requested type\")"),
    # A validating resolver that refuses the zone's answers: the name is not said not to exist; the
    # zone's DNSSEC (or the chain to it) is broken -- the SERVFAIL a client gets for it.
    (f"{H}: resolve call failed: DNSSEC validation failed: no-signature", SERVFAIL,
     "systemd/systemd:src/resolve/resolved-bus.c (DNS_TRANSACTION_DNSSEC_FAILED 'DNSSEC validation failed: %s', "
     "dnssec_result_to_string)"),
    (f"{H}: resolve call failed: DNSSEC validation failed: invalid", SERVFAIL,
     "systemd/systemd:src/resolve/resolved-bus.c; a resolvectl query of sigfail.verteiltesysteme.net quoted in public notes"),
    # --- unbound's log --------------------------------------------------------------------------------------
    (f"Oct 22 17:14:50 gw unbound: [1234:0] info: validation failure <{H}. A IN>: signature crypto failed from 192.0.2.53",
     SERVFAIL, "NLnetLabs/unbound:util/module.c (errinf_to_str_bogus: 'validation failure <%s %s %s>:' and the reasons)"),
    # --- ping -------------------------------------------------------------------------------------------------
    (f"ping: {H}: Temporary failure in name resolution", RESOLVER,
     "iputils/iputils:ping/ping.c (getaddrinfo failure: error(2, 0, \"%s: %s\", target, gai_strerror(ret))); glibc EAI_AGAIN"),
    (f"ping: {H}: Name or service not known", NAME_UNKNOWN, "iputils/iputils:ping/ping.c; glibc gai_strerror(EAI_NONAME)"),
    (f"ping: unknown host {H}", NAME_UNKNOWN, "iputils (older ping: 'ping: unknown host %s')"),
    # Windows ping says this for every failed look-up (no such name, or no resolver answering): the words
    # cannot decide, the generic reading stands.
    (f"Ping request could not find host {H}. Please check the name and try again.", (*NAME_UNKNOWN, *RESOLVER),
     "Windows ping.exe, as quoted in public troubleshooting notes (irohastack.com name-resolution triage: "
     "'ping servername yields \"Ping request could not find host\"')"),
    # --- the MTAs' DNS words -----------------------------------------------------------------------------
    (f"Host or domain name not found. Name service error for name={H} type=A: Host not found, try again", RESOLVER,
     "vdukhovni/postfix:postfix/src/dns/dns_strerror.c (TRY_AGAIN 'Host not found, try again')"),
    (f"Host or domain name not found. Name service error for name={H} type=AAAA: Host not found", NAME_UNKNOWN,
     "vdukhovni/postfix:postfix/src/dns/dns_strerror.c (HOST_NOT_FOUND 'Host not found')"),
    # Postfix's MX look-up of a relay host named without brackets: the same TRY_AGAIN, the resolver's failure.
    (f"Name service error for name={H} type=MX: Host not found, try again", RESOLVER,
     "vdukhovni/postfix:postfix/src/dns/dns_strerror.c (TRY_AGAIN); src/smtp/smtp_addr.c ('Name service error for name=%s type=%s: %s')"),
    # Exim's words for a recipient domain it cannot route (its MX hosts without an address, no router accepting
    # it): the recipient's DNS, which the server refused the address for -- not the sender's resolver.
    ("550 Unrouteable address", ("server-reply-permanent",),
     "Exim/exim:src/src/route.c ('Unrouteable address'; verify = recipient's 550)"),
    ("bob@example.net\n    all relevant MX records point to non-existent hosts", ("server-reply-permanent",),
     "Exim/exim:src/src/routers/dnslookup.c (HOST_FIND_FAILED with an MX: 'all relevant MX records point to non-existent hosts')"),
    ("R=dnslookup defer (-1): host lookup did not complete", RESOLVER,
     "Exim/exim:src/src/routers/dnslookup.c (HOST_FIND_AGAIN: 'host lookup did not complete')"),
]


@pytest.mark.parametrize(("text", "causes", "source"), CATALOGUE, ids=[c[0][:70] for c in CATALOGUE])
def test_the_first_cause_is_the_one_the_words_decide(text: str, causes: tuple[str, ...], source: str) -> None:
    assert source
    named = causes_of(text)
    assert named[:1] and named[0] in causes, (text, source, named)


# A dig or nslookup time-out is the DNS server not answering: it says nothing of the mail server's
# ports, so no port reading may come first.
@pytest.mark.parametrize("text", [c[0] for c in CATALOGUE if c[1] is RESOLVER])
def test_a_resolver_time_out_is_never_a_blocked_mail_port(text: str) -> None:
    assert not {"port-blocked-outbound", "smtp-port25-blocked", "port-closed"} & set(causes_of(text)[:1]), causes_of(text)


# Windows nslookup's reverse look-up of its own resolver's address (which gives "Server: UnKnown"): it says
# nothing about the mail server's name, which the next look-up answers.
def test_the_resolvers_own_unnamed_address_is_not_the_mail_servers_name() -> None:
    text = (f"*** Can't find server name for address 192.168.1.1: Non-existent domain\nServer:  UnKnown\n"
            f"Address:  192.168.1.1\n\nNon-authoritative answer:\nName:    {H}\nAddress:  192.0.2.10")
    assert not {"server-host-unknown", "server-host-typo"} & set(causes_of(text)), causes_of(text)


# A paste with a mail program's error and a DNS tool's output: the mail error's own words keep their reading
# unless the tool's output explains them (a look-up that failed the same way).
@pytest.mark.parametrize(("text", "causes"), [
    # The login was refused: the server was reached, whatever the resolver says now.
    ("535 5.7.8 Error: authentication failed: authentication failure\n\n$ dig smtp.example.com\n"
     ";; connection timed out; no servers could be reached", ("password-rejected",)),
    # The name resolved (the tool shows the address): the connection timed out on the way.
    ("msmtp: cannot connect to smtp.example.com, port 587: Connection timed out\n\n$ nslookup smtp.example.com\n"
     "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\tsmtp.example.com\n"
     "Address: 192.0.2.10", ("port-blocked-outbound",)),
    # The tool's output says the same as the program's error.
    ("msmtp: cannot locate host smtp.example.com: Temporary failure in name resolution\n\n$ dig smtp.example.com\n"
     ";; communications error to 127.0.0.53#53: timed out\n;; no servers could be reached", RESOLVER),
    ("msmtp: cannot locate host smtp.example.com: Name or service not known\n\n$ nslookup smtp.example.com\n"
     "** server can't find smtp.example.com: NXDOMAIN", NAME_UNKNOWN),
])
def test_a_mail_error_beside_a_dns_tools_output(text: str, causes: tuple[str, ...]) -> None:
    named = causes_of(text)
    assert named[:1] and named[0] in causes, named

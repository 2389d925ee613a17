"""The scenario catalogue: one lab set-up per cause of rules/causes.yaml, plus ``healthy`` and combos.

A :class:`Scenario` is the lab's fault switches plus the account the simulated user
configured (servers as ``host:port/mode``, user name, right or wrong password, how the
client authenticates, whether a proxy is set), a one-line description in the user's
words, and ``expected_cause``: the cause id a correct diagnosis ranks first.

Every built-in cause (rules/causes.yaml) has a scenario with the cause's id. Most are reproduced on the
wire. These are **not reproducible by the network alone**; their scenarios run a healthy
(or nearly healthy) lab and carry ``answers`` (question id -> answer, provisional ids) or
``notes``, with ``reproducible=False``:

- ``client-outdated``, ``tls-version-client-outdated``: the client's version and TLS
  ability are facts about the client program, not the network (answers).
- ``client-plugin-conflict``, ``client-profile-corrupt``: only the user can say that a
  safe-mode start or a new profile works (answers).
- ``client-config-corrupt``: needs a damaged client configuration file, which the lab
  does not write (notes).
- ``vpn-interference``: needs a VPN interface and a route through it (answers).
- ``port-forwarding-missing``: needs a second vantage point (inside and outside a NAT).
- ``content-filtered``: shows only when a message is sent; the lab rejects any DATA
  with ``554 5.7.1`` (fault ``content-filter``), but probes do not send mail (notes).
- ``helo-name-rejected``: the server refuses the client's own EHLO name; the probes send
  their address literal, which such servers accept, unless a client configuration names
  another (msmtp's ``domain``, "localhost" by default), which the lab's server does not check
  (notes; the real Postfix with EHLO checks is in the tests).
"""

from __future__ import annotations

import attrs

from mailexpert.errors import LabError
from mailexpert.lab.faults import Fault
from mailexpert.lab.plan import MAIL_PORTS

IMAPS = "mail.example.test:993/ssl"
SUBMISSION = "mail.example.test:587/starttls"
ALL_MAIL_PORTS = ",".join(str(p) for p in MAIL_PORTS)


@attrs.frozen
class Scenario:
    """A lab set-up and the account the simulated user configured."""

    id: str
    description: str
    expected_cause: str | None  # None: nothing is wrong
    faults: tuple[Fault, ...] = attrs.field(default=(), converter=tuple)
    imap: str | None = IMAPS
    pop3: str | None = None
    smtp: str | None = SUBMISSION
    username: str | None = None  # None: the full e-mail address (what the server expects)
    #: The address the mail program sends from (the address diagnosed), when it is not the
    #: login's own; None: the login's address.
    sender: str | None = None
    password: str = "right"  # right | wrong: the secret the program holds (its password, or its OAuth2 token)
    auth: str = "password"  # password | oauth
    smtp_auth: str = "password"  # password | oauth | none
    auth_mechanism: str | None = None
    proxy: bool = False  # the machine's web proxy is set (target.proxy_url)
    answers: dict[str, str] = attrs.field(factory=dict, hash=False)
    also_causes: tuple[str, ...] = attrs.field(default=(), converter=tuple)  # further causes a combo contains
    reproducible: bool = True
    notes: str = ""


def _s(*args: object, **kwargs: object) -> Scenario:
    return Scenario(*args, **kwargs)  # type: ignore[arg-type]


_ALL: tuple[Scenario, ...] = (
    _s("healthy", "Everything should work; I just want to check my settings.", None),
    # 1. Server address
    _s("server-host-typo", "Mail stopped working after I re-entered my server settings.", "server-host-typo",
       imap="mial.example.test:993/ssl", smtp="mial.example.test:587/starttls",
       notes="mial.example.test is NXDOMAIN; mail.example.test (SRV, autoconfig) resolves."),
    _s("server-host-unknown", "The mail program says it cannot find the server.", "server-host-unknown",
       imap="post.nowhere-mail.test:993/ssl", smtp="post.nowhere-mail.test:587/starttls"),
    _s("server-host-no-address", "I typed my domain as the server and nothing connects.", "server-host-no-address",
       imap="example.test:993/ssl", smtp="example.test:587/starttls",
       notes="example.test has MX/TXT/SOA but no A/AAAA: NODATA."),
    _s("wrong-provider-host", "I use the big provider's server names for my own domain.", "wrong-provider-host",
       imap="imap.bigmail.test:993/ssl", smtp="smtp.bigmail.test:587/starttls",
       notes="bigmail.test does not know alice@example.test; example.test's MX/SRV point to its own hosts."),
    _s("mx-host-used-for-submission", "I can receive, but sending says relay access denied.", "mx-host-used-for-submission",
       smtp="mx.example.test:25/plain"),
    # 2. Port configuration
    _s("tls-on-plaintext-port", "Receiving fails with an SSL error.", "tls-on-plaintext-port",
       imap="mail.example.test:143/ssl"),
    _s("plaintext-on-tls-port", "Receiving just hangs and then times out.", "plaintext-on-tls-port",
       imap="mail.example.test:993/starttls"),
    _s("wrong-protocol-on-port", "My mail program says it got a bad greeting from the server.", "wrong-protocol-on-port",
       imap="mail.example.test:995/ssl", notes="995 is POP3S: the greeting is +OK."),
    _s("port-closed", "The server refuses the connection.", "port-closed",
       faults=[Fault("closed", "mail:993")], notes="IMAP on 143 (STARTTLS) still answers."),
    _s("port-forwarding-missing", "My home server works inside the house but not from outside.",
       "port-forwarding-missing", faults=[Fault("closed", "mail:" + ALL_MAIL_PORTS)],
       answers={"server-self-hosted": "yes", "works-from-inside-network": "yes"}, reproducible=False,
       notes="Needs two vantage points; the lab shows only the outside view (refused)."),
    # 3. Authentication
    _s("password-rejected", "It keeps asking for my password.", "password-rejected", password="wrong"),
    _s("basic-auth-disabled", "Since last week my Outlook account refuses my password.", "basic-auth-disabled",
       faults=[Fault("auth", "mail:*", "basic-disabled"), Fault("style", "mail:*", "microsoft")]),
    _s("oauth-required", "The server will not take my password at all.", "oauth-required",
       faults=[Fault("oauth-only", "mail:*")]),
    _s("oauth-token-rejected", "My mail program signs in with OAuth2, and now the server refuses it.",
       "oauth-token-rejected", auth="oauth", smtp_auth="oauth", password="wrong",
       notes="The program holds an OAuth2 token the server no longer accepts (expired or revoked); the server "
             "answers XOAUTH2 with its error challenge, then a refusal."),
    _s("app-password-required", "After I turned on two-step sign-in, mail stopped working.", "app-password-required",
       faults=[Fault("auth", "mail:*", "app-password"), Fault("style", "mail:*", "gmail")]),
    _s("web-login-required", "My provider says the sign-in was blocked.", "web-login-required",
       faults=[Fault("auth", "mail:*", "web-login"), Fault("style", "mail:*", "gmail")]),
    _s("auth-mechanism-unsupported", "I chose 'encrypted password' and now login fails.", "auth-mechanism-unsupported",
       auth_mechanism="CRAM-MD5"),
    _s("auth-requires-tls", "I turned encryption off and now my password is refused.", "auth-requires-tls",
       imap="mail.example.test:143/plain", smtp="mail.example.test:587/plain"),
    _s("smtp-auth-not-enabled", "I can receive but cannot send: authentication required.", "smtp-auth-not-enabled",
       smtp_auth="none"),
    _s("sender-address-not-allowed", "Sending is refused: the server says my sender address is not mine.",
       "sender-address-not-allowed", faults=[Fault("sender", "mail:465,587", "not-owned")],
       sender="bob@example.test",
       notes="The mail program logs in as alice@example.test and sends from bob@example.test, which that login "
             "does not own (Postfix's reject_sender_login_mismatch: 553 at RCPT TO); mailexpert's own MAIL "
             "FROM and RCPT TO after its login meet the refusal, and no message is sent."),
    _s("protocol-disabled-for-account", "My password works on the web but not in the mail program.",
       "protocol-disabled-for-account", faults=[Fault("auth", "mail:143,993", "protocol-disabled")]),
    # 4. SSL/TLS
    _s("tls-version-server-outdated", "Since updating my mail program it cannot connect securely.",
       "tls-version-server-outdated", faults=[Fault("tls-legacy", "mail:*")]),
    _s("tls-version-client-outdated", "My old mail program cannot connect any more.", "tls-version-client-outdated",
       answers={"client-name": "outlook", "client-version": "2010", "client-max-tls": "TLSv1"}, reproducible=False,
       notes="The server is healthy (TLS 1.2+); the client's TLS ability comes from answers."),
    _s("tls-no-shared-cipher", "The secure connection fails with a handshake error.", "tls-no-shared-cipher",
       faults=[Fault("no-shared-cipher", "mail:*")]),
    _s("cert-expired", "My mail program warns the server's certificate expired.", "cert-expired",
       faults=[Fault("cert", "mail:*", "expired")]),
    _s("cert-not-yet-valid", "The certificate warning says 'not yet valid'.", "cert-not-yet-valid",
       faults=[Fault("cert", "mail:*", "not-yet-valid")]),
    _s("cert-self-signed", "My mail program warns about a self-signed certificate.", "cert-self-signed",
       faults=[Fault("cert", "mail:*", "self-signed")]),
    _s("cert-untrusted-issuer", "The certificate is not trusted, it says.", "cert-untrusted-issuer",
       faults=[Fault("cert", "mail:*", "untrusted")]),
    _s("cert-hostname-mismatch", "The certificate is for a different name.", "cert-hostname-mismatch",
       faults=[Fault("cert", "mail:*", "wrong-host")]),
    _s("cert-revoked", "My mail program says the server's certificate was revoked.", "cert-revoked",
       # The mail certificate's serial is on the lab CA's CRL, which the lab's web server
       # serves where the certificate's CRL distribution point says (mailexpert.lab.certs).
       faults=[Fault("cert", "mail:*", "revoked")]),
    _s("tls-interception", "Since I installed a new antivirus, mail shows certificate errors.", "tls-interception",
       faults=[Fault("cert", "*:*", "interception")]),
    _s("starttls-not-offered", "It says the server does not support encryption.", "starttls-not-offered",
       imap="mail.example.test:143/starttls", faults=[Fault("starttls", "mail:*", "missing")]),
    _s("starttls-stripped", "At the office, mail says encryption is not available.", "starttls-stripped",
       imap="mail.example.test:143/starttls", faults=[Fault("starttls", "mail:25,110,143,587", "masked")]),
    _s("starttls-failed", "Encryption starts and then fails.", "starttls-failed",
       imap="mail.example.test:143/starttls", faults=[Fault("starttls", "mail:*", "refuse")]),
    # 5. Firewall
    _s("smtp-port25-blocked", "I can receive, but sending times out.", "smtp-port25-blocked",
       smtp="mail.example.test:25/starttls", faults=[Fault("filtered", "mail:25")]),
    _s("port-blocked-outbound", "Receiving times out, but the web works.", "port-blocked-outbound",
       faults=[Fault("filtered", "mail:993")]),
    _s("all-mail-ports-blocked", "No mail at all on this network, but websites load.", "all-mail-ports-blocked",
       faults=[Fault("filtered", "mail:" + ALL_MAIL_PORTS)]),
    _s("plaintext-auth-filtered", "The connection drops the moment I log in.", "plaintext-auth-filtered",
       imap="mail.example.test:143/plain", smtp="mail.example.test:587/plain",
       faults=[Fault("plaintext-auth", "mail:*"), Fault("reset-after-auth", "mail:*")]),
    _s("server-ip-blocked", "Mail is slow to connect and sometimes fails.", "server-ip-blocked",
       faults=[Fault("ipv6", "mail"), Fault("filtered", "mail/v6:*")],
       notes="mail.example.test has A 127.0.0.10 (works) and AAAA ::1 (every port filtered)."),
    _s("content-filtered", "One message with an attachment is always rejected.", "content-filtered",
       faults=[Fault("content-filter", "mail:587,465")], reproducible=False,
       notes="Only a sent message shows it; the pasted reply is 554 5.7.1 ... (content filter)."),
    # 6. Email client
    _s("client-outdated", "I use a very old mail program.", "client-outdated",
       answers={"client-name": "thunderbird", "client-version": "38"}, reproducible=False),
    _s("client-config-corrupt", "My mail program's account settings look garbled.", "client-config-corrupt",
       reproducible=False, notes="Needs a damaged client configuration file; the lab itself is healthy."),
    _s("client-plugin-conflict", "Mail fails since I installed an add-on.", "client-plugin-conflict",
       answers={"client-still-fails": "yes", "safe-mode-works": "yes"}, reproducible=False),
    _s("client-profile-corrupt", "A new profile works; my old one does not.", "client-profile-corrupt",
       answers={"client-still-fails": "yes", "new-profile-works": "yes"}, reproducible=False,
       notes="mailexpert's own login with the same settings succeeds."),
    _s("helo-name-rejected", "Sending is refused as soon as my mail program says hello.", "helo-name-rejected",
       smtp="mail.example.test:25/plain", reproducible=False,
       notes="The server refuses the name the client gives in EHLO (msmtp's 'localhost'); mailexpert's "
             "probes give their address literal, which such servers accept, or the name the client's "
             "configuration gives (--client-config). The client's own reply shows it "
             "(features/pasted-texts.feature); the real Postfix with HELO checks is in the tests."),
    # 7. Network connectivity
    _s("packet-loss", "Mail works sometimes and fails other times.", "packet-loss",
       faults=[Fault("lossy", "*:*", 0.3)]),
    _s("high-latency", "Everything is very slow and mail times out.", "high-latency",
       faults=[Fault("slow", "*:*", 0.4), Fault("latency", "*:*", 0.3)], reproducible=False,
       notes="Loopback has no round trip, and no user-space lab can slow a TCP handshake; the lab adds "
             "server think-time instead (a slow greeting and replies), which is no network problem and is "
             "not reported. The cause is shown from the recorded case features/high-latency-satellite.json."),
    _s("proxy-only-web", "At work the web works but mail never connects.", "proxy-only-web",
       faults=[Fault("filtered", "*:*")], proxy=True,
       notes="Every direct connection is dropped; the web works only through target.proxy_url."),
    _s("vpn-interference", "Mail fails whenever my VPN is on.", "vpn-interference",
       faults=[Fault("filtered", "mail:" + ALL_MAIL_PORTS)], answers={"vpn-active": "yes"}, reproducible=False,
       notes="Needs a VPN interface and route; the lab only drops the mail ports."),
    _s("no-internet", "Nothing works, not even websites.", "no-internet",
       faults=[Fault("filtered", "*:*"), Fault("dns-timeout", "*")]),
    _s("client-ip-blocklisted", "Sending is refused at once: the server says my address is on a block list.",
       "client-ip-blocklisted", faults=[Fault("dnsbl", "mail:587,465", "greeting")],
       notes="The submission ports answer the connection with Postfix's DNSBL refusal of the client's address "
             "in place of their greeting."),
    # 8. DNS resolution
    _s("dns-server-misconfigured", "Since I changed my DNS setting nothing resolves.", "dns-server-misconfigured",
       faults=[Fault("dns-down", "dns")]),
    _s("dns-outage", "Names do not resolve right now.", "dns-outage",
       faults=[Fault("dns-servfail", "*")]),
    _s("dns-blocked", "Websites work but the mail server name never resolves.", "dns-blocked",
       faults=[Fault("dns-timeout", "*")],
       notes="The web is reached by address (target.web_urls has an address URL)."),
    _s("dns-poisoned", "The mail server name points to a strange address.", "dns-poisoned",
       faults=[Fault("dns-wrong", "dns", "127.0.0.99", name="mail.example.test")],
       notes="The system resolver answers the sinkhole 127.0.0.99; the reference resolver the real address."),
    _s("dns-stale", "Since my provider moved the mail server, mail fails on this computer only.", "dns-poisoned",
       faults=[Fault("dns-stale", "dns", name="mail.example.test")],
       notes="The system resolver still answers the mail host's former address, where nothing listens any "
             "more; the reference resolver the new one."),
    _s("dns-stale-old-server", "Since my provider moved the mail server, new mail stopped arriving here; no error shows.",
       "dns-poisoned",
       faults=[Fault("dns-stale", "dns", name="mail.example.test"), Fault("former-serves", "mail:*")],
       notes="The system resolver still answers the mail host's former address, where the old server still "
             "runs and takes the login; the reference resolver the new one."),
    _s("hosts-file-override", "Mail stopped working on this computer only; webmail works.", "hosts-file-override",
       faults=[Fault("hosts-entry", "hosts", "127.0.0.99", name="mail.example.test")],
       notes="The lab computer's hosts file sends mail.example.test to 127.0.0.99, where every mail port is "
             "refused; both resolvers answer the real address."),
    # 9. Account credentials
    _s("username-wrong", "I log in with my name and the password is refused.", "username-wrong", username="alice"),
    _s("password-expired", "The server says my password expired.", "password-expired",
       faults=[Fault("auth", "mail:*", "expired")]),
    _s("account-locked", "After trying a few times it says too many attempts.", "account-locked",
       faults=[Fault("auth", "mail:*", "locked")]),
    _s("too-many-connections", "It says too many connections.", "too-many-connections",
       faults=[Fault("auth", "mail:*", "limit")]),
    _s("sending-limit-exceeded", "Receiving works, but sending fails since I mailed our whole club.",
       "sending-limit-exceeded", faults=[Fault("sender", "mail:465,587", "rate-limit")],
       notes="The server takes the login, then answers RCPT TO with Postfix's recipient rate limit "
             "(450 4.7.1 Error: too many recipients from ADDR); mailexpert's own MAIL FROM and RCPT TO "
             "after its login meet it, and no message is sent."),
    # Server-side states
    _s("server-unavailable", "The server says to try again later.", "server-unavailable",
       faults=[Fault("auth", "mail:*", "unavailable")]),
    _s("server-unavailable-store", "My password is accepted, but the inbox never opens.", "server-unavailable",
       pop3="mail.example.test:995/ssl", faults=[Fault("store-fails", "mail:110,143,993,995")],
       notes="The server takes the login, then answers opening the mailbox with Dovecot's 'Internal error "
             "occurred' ([SERVERBUG], [SYS/TEMP]), as when its mail storage cannot be used."),
    _s("mailbox-in-use", "My POP mailbox says it is locked.", "mailbox-in-use",
       imap=None, pop3="mail.example.test:995/ssl", faults=[Fault("auth", "mail:110,995", "in-use")]),
    _s("clock-skew", "Every site and mail server shows certificate date errors.", "clock-skew",
       faults=[Fault("cert", "*:*", "not-yet-valid"), Fault("clock-offset", "*:*")]),
    # A session that leaves the protocol, and a setting that exposes the password.
    _s("server-protocol-error", "Receiving hangs after connecting and never gets to the login.",
       "server-protocol-error", faults=[Fault("endless", "mail:993", "capability")]),
    _s("cleartext-auth-exposed", "I turned encryption off and everything works.", "cleartext-auth-exposed",
       imap="mail.example.test:143/plain", smtp="mail.example.test:587/plain",
       faults=[Fault("plaintext-auth", "mail:*")]),
    # Two faults at once: the first cause blocks the view of the second.
    _s("combo-typo-wrong-password", "I re-typed the server and my password; nothing works.", "server-host-typo",
       imap="mial.example.test:993/ssl", password="wrong", also_causes=("password-rejected",),
       notes="The password cannot be tested until the host is fixed."),
    _s("combo-dns-misconfigured-port25", "Nothing resolves, and sending never worked here.",
       "dns-server-misconfigured", smtp="mail.example.test:25/starttls",
       faults=[Fault("dns-down", "dns"), Fault("filtered", "mail:25")], also_causes=("smtp-port25-blocked",)),
    _s("combo-expired-cert-app-password", "Certificate warning, and after accepting it my password fails.",
       "cert-expired", faults=[Fault("cert", "mail:993,465", "expired"), Fault("auth", "mail:*", "app-password")],
       also_causes=("app-password-required",),
       notes="A careful probe skips the login on 993 (invalid certificate); STARTTLS ports show 534 5.7.9."),
)

SCENARIOS: dict[str, Scenario] = {s.id: s for s in _ALL}


def get(scenario_id: str) -> Scenario:
    try:
        return SCENARIOS[scenario_id]
    except KeyError:
        raise LabError(f"unknown lab scenario {scenario_id!r} (known: {', '.join(SCENARIOS)})") from None

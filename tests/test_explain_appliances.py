"""Appliances' alert mail: what a firewall, a NAS, a hypervisor or a home-automation box shows when its test
mail (or an alert) cannot be sent, with the library's or the server's words it wraps, read as the cause
the appliance's own code ties the words to.

An appliance's wrapper ("Could not send the message to ... -- Error:", "Failed to send email:", "could not
notify via endpoint(s): NAME:") says only that sending failed: the words after it decide. Where the
appliance's own words cannot decide (Monit's "no mail server is available", printed after each server
failed to connect), the reading is a failure with the candidates they allow, never fine and never declined.

Sources (short names used below), each wording read there:
  PF  pfsense/pfsense: src/etc/inc/notices.inc (send_smtp_message: "Could not send the message to %1$s --
      Error: %2$s"), src/etc/inc/smtp.inc (smtp_class: ConnectToHost "could not resolve host \"%s\"",
      "could not connect to the host \"%1$s\": %2$s", "-5 connection refused or timed out"; Connect "server
      does not require authentication", "it is not supported any of the authentication mechanisms required by
      the server"; VerifyResultLines: the server's reply line as the error)
  MO  MMonit/monit (OPNsense's System > Settings > Monit alerts): src/alert.c (_connectMTA "Cannot open a
      connection to the mailserver %s:%i -- %s", "Delivery failed -- no mail server is available", "No mail
      servers are defined -- please see the 'set mailserver' statement in the manual"; _send: "Mail: %s"),
      src/SMTP.c ("Mailserver response error -- %s", "STARTTLS required but the mail server doesn't support
      it", "Authentication failed -- no supported authentication methods found")
  TN  truenas/middleware: src/middlewared/middlewared/plugins/mail.py (send_raw: "Failed to send email: %s"
      with smtplib's exception, "Authentication error (%s): %s", "Email address for root is not configured",
      __password_verify "Only plain text characters (7-bit ASCII) are allowed in passwords..."; _get_smtp_server
      "you must provide an outgoing mailserver and mail server port when sending mail")
  PX  proxmox/proxmox-rs: proxmox-notify/src/lib.rs (NotifyFailed: "could not notify via endpoint(s):
      {endpoint}: {err}"), proxmox-notify/src/endpoints/smtp.rs ("username is set but no password was
      provided"; lettre's errors after it), proxmox-sendmail/src/lib.rs ("no recipients provided for the mail,
      cannot send it.", "could not spawn sendmail process"); vzdump's "could not notify via target" before it
  HA  home-assistant/core: homeassistant/components/smtp/notify.py ("Login not possible. Please check your
      setting and/or your credentials", "SMTP server not found or refused connection (%s:%s)...")
  UR  unraid/webgui: emhttp/plugins/dynamix/include/SMTPtest.php ("Test result" and the last sSMTP syslog line cut
      before its "(", or "No reply from mail server" when the notify script did not end within 20 seconds); the
      sSMTP lines are TheJonny/debian-ssmtp:ssmtp.c's (die: "Cannot open %s:%d", "Invalid response SMTP server",
      "Connection lost in middle of processing", "Server didn't like our AUTH LOGIN (%s)", "Authorization failed (%s)")
  QN  QNAP Notification Center: https://www.qnap.com/en/how-to/faq/article/how-do-i-deal-with-the-warning-authorization-has-expired-reauthorize-the-account-in-notification-center
The servers' replies quoted in them are Gmail's, Postfix's and Microsoft 365's, as server-replies.yaml gives them;
the socket and TLS words are Python's, PHP's, Rust's and the C library's.
"""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

APP = "app-password-required"
AUTHTLS = "auth-requires-tls"
BLOCKED = "port-blocked-outbound"
CLOSED = "port-closed"
CONFIG = "client-config-corrupt"
MECH = "auth-mechanism-unsupported"
NOAUTH = "smtp-auth-not-enabled"
NXHOST = "server-host-unknown"
OAUTH = "oauth-required"
PASSWORD = "password-rejected"
PLAIN_ON_TLS = "plaintext-on-tls-port"
STARTTLS = "starttls-not-offered"
STRIPPED = "starttls-stripped"
TLS_ON_PLAIN = "tls-on-plaintext-port"
TOKEN = "oauth-token-rejected"
TYPO = "server-host-typo"

PF = "Could not send the message to admin@example.com -- Error: "

CASES = [
    # pfSense: the class's error after the notice's wrapper.
    Case("pf-resolve", PF + 'could not resolve host "smtp.exmaple.com"', (NXHOST, TYPO), "PF"),
    Case("pf-refused", PF + 'could not connect to the host "smtp.example.com": Connection refused', (CLOSED,), "PF"),
    Case("pf-timeout", PF + 'could not connect to the host "smtp.example.com": Operation timed out', (BLOCKED, CLOSED), "PF"),
    Case("pf-refused-or-timeout", PF + "-5 connection refused or timed out", (CLOSED, BLOCKED), "PF"),
    Case("pf-no-auth", PF + "server does not require authentication", (NOAUTH, AUTHTLS), "PF"),
    Case("pf-no-mechanism", PF + "it is not supported any of the authentication mechanisms required by the server", (MECH, OAUTH), "PF"),
    Case("pf-read-timeout", PF + "it was not possible to read line from the SMTP server: data access time out", (PLAIN_ON_TLS, "server-unavailable"), "PF"),
    Case("pf-535-gmail", PF + "535-5.7.8 Username and Password not accepted. For more information, go to", (APP, PASSWORD), "PF, Gmail"),
    Case("pf-530-auth", PF + "530 5.7.0 Must issue a STARTTLS command first.", (STARTTLS, AUTHTLS, STRIPPED), "PF, Postfix/Gmail"),
    # Monit (OPNsense): its log lines, "Mail: " before the exception's message.
    Case("mo-refused", "error    : Cannot open a connection to the mailserver smtp.example.com:587 -- Connection refused", (CLOSED,), "MO"),
    Case("mo-timeout", "Cannot connect to [smtp.example.com]:587 -- Connection timed out\nCannot open a connection to the mailserver smtp.example.com:587 -- Operation now in progress\nMail: Delivery failed -- no mail server is available", (BLOCKED, CLOSED), "MO"),
    Case("mo-no-mailservers", "Mail: No mail servers are defined -- please see the 'set mailserver' statement in the manual", (CONFIG,), "MO"),
    Case("mo-starttls", "Mail: STARTTLS required but the mail server doesn't support it", (STARTTLS, STRIPPED), "MO"),
    Case("mo-auth-methods", "Mail: Authentication failed -- no supported authentication methods found", (MECH, AUTHTLS, OAUTH), "MO"),
    Case("mo-receive-timeout", "Mail: Error receiving data from the mailserver -- Resource temporarily unavailable", (PLAIN_ON_TLS, "server-unavailable"), "MO"),
    Case("mo-535", "Mail: Mailserver response error -- 535 5.7.8 Error: authentication failed: authentication failure", (PASSWORD,), "MO, Postfix"),
    Case("mo-sender-553", "Mail: Mailserver response error -- 553 5.7.1 <root@opnsense.localdomain>: Sender address rejected: not owned by user alerts@example.com", ("sender-address-not-allowed",), "MO, Postfix"),
    # TrueNAS: CallError's text as the test-mail dialog shows it.
    Case("tn-refused", "Failed to send email: [Errno 111] Connection refused", (CLOSED,), "TN"),
    Case("tn-auth", "Authentication error (535): b'5.7.8 Username and Password not accepted. Learn more at'", (APP, PASSWORD), "TN, Gmail"),
    Case("tn-wrong-version", "Failed to send email: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1129)", (TLS_ON_PLAIN,), "TN"),
    Case("tn-starttls", "Failed to send email: STARTTLS extension not supported by server.", (STARTTLS, STRIPPED), "TN"),
    Case("tn-nxdomain", "Failed to send email: [Errno -2] Name or service not known", (NXHOST, TYPO), "TN"),
    Case("tn-no-server", "[EFAULT] you must provide an outgoing mailserver and mail server port when sending mail", (CONFIG,), "TN"),
    Case("tn-no-root-email", "[EFAULT] Email address for root is not configured", (CONFIG,), "TN"),
    Case("tn-password-ascii", "Only plain text characters (7-bit ASCII) are allowed in passwords. UTF or composed characters are not allowed.", (CONFIG,), "TN"),
    # Proxmox VE / PBS notification targets.
    Case("px-refused", "could not notify via endpoint(s): mail-smtp: Connection error: Connection refused (os error 111)", (CLOSED,), "PX"),
    Case("px-535", "could not notify via endpoint(s): smtp1: permanent error (535): 5.7.8 Username and Password not accepted", (APP, PASSWORD), "PX, Gmail"),
    Case("px-no-password", "could not notify via endpoint(s): smtp1: username is set but no password was provided", (CONFIG,), "PX"),
    Case("px-no-recipients", "ERROR: could not notify via target `mail-to-root`: could not notify via endpoint(s): mail-to-root: no recipients provided for the mail, cannot send it.", (CONFIG,), "PX"),
    Case("px-spawn", "could not notify via endpoint(s): mail-to-root: could not spawn sendmail process", (CONFIG,), "PX"),
    # Unraid: its test dialog, and the sSMTP syslog lines behind it.
    Case("ur-no-reply", "Test result: No reply from mail server", (BLOCKED, "smtp-port25-blocked", PLAIN_ON_TLS), "UR"),
    Case("ur-auth-login", "Test result: Server didn't like our AUTH LOGIN", (MECH, AUTHTLS, OAUTH), "UR"),
    Case("ur-authorization", "Test result: Authorization failed", (PASSWORD,), "UR"),
    Case("ss-auth-login-starttls", "Jun 28 10:00:02 tower sSMTP[2182]: Server didn't like our AUTH LOGIN (530 Must issue a STARTTLS command first.)", (AUTHTLS, STARTTLS), "UR"),
    Case("ss-authorization-gmail", "sSMTP[2182]: Authorization failed (535 5.7.8 Username and Password not accepted. Learn more at)", (APP, PASSWORD), "UR, Gmail"),
    Case("ss-invalid-response", "sSMTP[2182]: Invalid response SMTP server", (PLAIN_ON_TLS, "server-unavailable", "client-ip-blocklisted"), "UR"),
    Case("ss-lost", "sSMTP[2182]: Connection lost in middle of processing", (BLOCKED, "smtp-port25-blocked", PLAIN_ON_TLS), "UR"),
    # Home Assistant's smtp notify integration.
    Case("ha-login", "Login not possible. Please check your setting and/or your credentials", (PASSWORD,), "HA"),
    Case("ha-sender", "reply: b'553 5.7.1 <smart@example.com>: Sender address rejected: not logged in\\r\\n'", ("sender-address-not-allowed", NOAUTH, PASSWORD), "HA, Postfix"),
    # QNAP Notification Center.
    Case("qn-reauthorize", "Authorization has expired. Reauthorize the account.", (TOKEN,), "QN"),
]

# The appliance's words say only that the connection failed: a failure with the candidates they allow.
GENERIC = [
    Case("mo-no-mta", "Mail: Delivery failed -- no mail server is available", (CLOSED, BLOCKED, NXHOST, TYPO, "server-unavailable"), "MO"),
    # The words every appliance's test dialog opens with, without its reason: a failure to send, no cause of its own.
    Case("generic-test-email", "Failed to send the test email.", (CLOSED, BLOCKED, NXHOST, TYPO, "server-unavailable"), "generic"),
    Case("ur-cannot-open", "Test result: Cannot open smtp.example.com:587", (CLOSED, BLOCKED, NXHOST, TYPO), "UR"),
    Case("ss-cannot-open", "sSMTP[2182]: Cannot open smtp.example.com:465", (CLOSED, BLOCKED, NXHOST, TYPO), "UR"),
    Case("ha-not-found-or-refused", "SMTP server not found or refused connection (smtp.example.com:587). Please check the IP address, hostname, and availability of your SMTP server", (CLOSED, BLOCKED, NXHOST, TYPO), "HA"),
]

# Neighbours: an appliance's configuration words must not read as a server's refusal, nor a server's refusal
# as the appliance's configuration.
DIFFERENTIAL = [
    # A password that is missing is not a password the server refused.
    Case("px-no-password-not-refused", "could not notify via endpoint(s): smtp1: username is set but no password was provided", (PASSWORD,), "PX"),
    # No AUTH offered is not a refused password.
    Case("pf-no-auth-not-refused", PF + "server does not require authentication", (PASSWORD,), "PF"),
    # A server's 535 after the wrapper is the server's refusal, not the appliance's settings.
    # A file sSMTP's words do not name is not a mail server it could not open.
    Case("cannot-open-a-file", "Cannot open config file '/etc/foo.conf': No such file or directory", (CLOSED, BLOCKED), "isync:src/config.c"),
    Case("pf-535-not-config", PF + "535 5.7.8 Error: authentication failed: authentication failure", (CONFIG,), "PF"),
]


@pytest.mark.parametrize("case", CASES + GENERIC, ids=[c.name for c in CASES + GENERIC])
def test_an_appliance_s_message_reads_as_the_cause_its_words_decide(case: Case) -> None:
    # A GENERIC case's causes are the candidates its failure allows: it is a failure, one of them first.
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, (case.name, causes[:3], case.source)


@pytest.mark.parametrize("case", DIFFERENTIAL, ids=[c.name for c in DIFFERENTIAL])
def test_an_appliance_s_message_does_not_read_as_its_neighbour(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] not in case.causes, (case.name, causes[:3], case.source)


def test_generic_test_failed_words_name_no_specific_cause() -> None:
    # "Test failed" alone names no mail failure at all: no cause is made up for it.
    assert causes_of("Test failed") == []

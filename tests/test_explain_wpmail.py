"""What the mail plugins of web applications print when a test mail fails, as users paste them: WordPress's
WP Mail SMTP (and Easy WP SMTP, which carries the same table), Post SMTP's port test, FluentSMTP's connection
notices, and Joomla's mailer. They run PHPMailer on the web server, so PHPMailer's words (and PHP's socket and
TLS warnings in its SMTP debug output) come inside the plugin's own.

The plugin's own title is the plugin's guess, picked by a substring of PHPMailer's ErrorInfo or of the SMTP
debug log (WP Mail SMTP's get_debug_details). The server's reply or PHP's socket/TLS error in the same paste
decides first. Texts of the plugins about their own state (a missing table, a saved connection gone) read as
nothing ("none": declined or no cause), never as a mail cause.

Each case: the text as the plugin shows it, the causes its words may honestly read as (the first cause named
must be one of them), and its source.

Sources (short names used below):
  WS   awesomemotive/WP-Mail-SMTP@2a4d69b (v4.8.0): src/Admin/Pages/TestTab.php (get_debug_details: the
       known-error table, each title chosen by a substring of the debug text; get_debug_messages: the
       "Versions/Params/Debug/SMTP Debug" paste), src/Providers/MailerAbstract.php (get_debug_info: ErrorInfo,
       Host, Port, SMTPSecure, SMTPAutoTLS, SMTPAuth), src/MailCatcherTrait.php ("Mailer: <title>" + ErrorInfo)
  PM   PHPMailer/PHPMailer@4a48947: src/PHPMailer.php (lang: 'SMTP Error: Could not connect to SMTP host.',
       'SMTP connect() failed.', 'SMTP Error: Could not authenticate.'; getSmtpErrorMessage appends SMTP's
       error), src/SMTP.php (connect: 'SMTP ERROR: Failed to connect to server: $errstr ($errno)'; get_lines/
       sendCommand: 'SMTP ERROR: $command command failed: '; errorHandler: 'Connection failed. Error #$errno:
       $errmsg [$errfile line $errline]')
  PS   wpexpertsio/Post-SMTP@e326e19f: Postman/Postman-Connectivity-Test/PostmanConnectivityTestController.php
       (postman_port_test: blocked, try_dif_smtp, success, mitm), postman_port_test.js (which conclusion when),
       Postman/Postman-Mail/PostmanSmtpModuleTransport.php (the GoDaddy notice)
  FS   WPManageNinja/fluent-smtp@b7e28d0c: app/Services/Mailer/Providers/Outlook/Handler.php,
       app/Http/Controllers/SettingsController.php
  EX   cPanel's Exim greeting, seen in public transcripts (find_string "We do not authorize the use of this
       system to transport unsolicited"): a 220 banner line, not a refusal
"""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

WS = "awesomemotive/WP-Mail-SMTP@2a4d69b:src/Admin/Pages/TestTab.php"
PM = "PHPMailer/PHPMailer@4a48947:src/SMTP.php, src/PHPMailer.php"
PS = "wpexpertsio/Post-SMTP@e326e19f:Postman/Postman-Connectivity-Test/PostmanConnectivityTestController.php"
FS = "WPManageNinja/fluent-smtp@b7e28d0c"

NONE = "none"
PASSWORD = "password-rejected"
UNTRUSTED = ("cert-untrusted-issuer", "cert-self-signed", "tls-interception")
BLOCKED = ("port-blocked-outbound", "smtp-port25-blocked", "all-mail-ports-blocked")
UNKNOWN_HOST = ("server-host-unknown", "server-host-typo")


def wpms(title: str, error_info: str, debug: str, host: str = "smtp.example.com", port: int = 587,
         secure: str = 'string(3) "tls"') -> str:
    """WP Mail SMTP's Email Test result as a user copies it: the known-error title, then the error log
    (get_debug_messages: Versions, Params with the SMTP mailer's debug info, Debug, SMTP Debug)."""
    return (f"{title}\n\nVersions:\nWordPress: 6.4.2\nWordPress MS: No\nPHP: 8.1.27\nWP Mail SMTP: 4.0.1\n\n"
            f"Params:\nMailer: smtp\nConstants: No\nErrorInfo: {error_info}\nHost: {host}\nPort: {port}\n"
            f"SMTPSecure: {secure}\nSMTPAutoTLS: bool(true)\nSMTPAuth: bool(true)\n\nServer:\n"
            f"OpenSSL: OpenSSL 1.1.1w  11 Sep 2023\n\nDebug:\nMailer: Other SMTP\n{error_info}\n\n"
            f"SMTP Debug:\n{debug}")


CONNECT_FAILED = "SMTP Error: Could not connect to SMTP host. Failed to connect to server"
CONNECT_OLD = "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting"
CPANEL_GREETING = ("2024-01-10 10:00:00 SERVER -> CLIENT: 220-server123.hostingco.net ESMTP Exim 4.96.2 #2 "
                   "Wed, 10 Jan 2024 10:00:00 +0000\n"
                   "2024-01-10 10:00:00 SERVER -> CLIENT: 220-We do not authorize the use of this system to "
                   "transport unsolicited,\n2024-01-10 10:00:00 SERVER -> CLIENT: 220 and/or bulk e-mail.\n")

CASES = [
    # --- WP Mail SMTP's titles over PHPMailer's words (WS, PM) -------------------------------------------
    # "SMTP connect() failed" in the log picks "Could not connect to the SMTP host."; the socket's errno decides.
    Case("wpms-connect-timeout", wpms(
        "Could not connect to the SMTP host.", CONNECT_FAILED,
        "2024-01-10 10:00:00 Connection: opening to smtp.example.com:587, timeout=300, options=array()\n"
        "2024-01-10 10:05:00 Connection failed. Error #2: stream_socket_client(): Unable to connect to "
        "smtp.example.com:587 (Connection timed out) [/var/www/html/wp-includes/PHPMailer/SMTP.php line 409]\n"
        "2024-01-10 10:05:00 SMTP ERROR: Failed to connect to server: Connection timed out (110)\n" + CONNECT_OLD),
        BLOCKED, WS + "; " + PM),
    Case("wpms-connect-refused", wpms(
        "Could not connect to the SMTP host.", CONNECT_FAILED,
        "2024-01-10 10:00:00 Connection: opening to smtp.example.com:465, timeout=300, options=array()\n"
        "2024-01-10 10:00:00 Connection failed. Error #2: stream_socket_client(): Unable to connect to "
        "ssl://smtp.example.com:465 (Connection refused) [/var/www/html/wp-includes/PHPMailer/SMTP.php line 409]\n"
        "2024-01-10 10:00:00 SMTP ERROR: Failed to connect to server: Connection refused (111)\n" + CONNECT_OLD,
        port=465, secure='string(3) "ssl"'),
        ("port-blocked-outbound", "port-closed"), WS + "; " + PM),
    Case("wpms-connect-dns", wpms(
        "Could not connect to the SMTP host.", CONNECT_FAILED,
        "2024-01-10 10:00:00 Connection: opening to smtp.exmaple.com:587, timeout=300, options=array()\n"
        "2024-01-10 10:00:00 Connection failed. Error #2: stream_socket_client(): php_network_getaddresses: "
        "getaddrinfo for smtp.exmaple.com failed: Name or service not known "
        "[/var/www/html/wp-includes/PHPMailer/SMTP.php line 409]\n"
        "2024-01-10 10:00:00 SMTP ERROR: Failed to connect to server: php_network_getaddresses: getaddrinfo for "
        "smtp.exmaple.com failed: Name or service not known (0)\n" + CONNECT_OLD, host="smtp.exmaple.com"),
        UNKNOWN_HOST, WS + "; " + PM),
    # ssl:// spoken to the submission port: PHP's TLS error under the plugin's connect title.
    Case("wpms-ssl-on-587", wpms(
        "Could not connect to the SMTP host.", CONNECT_FAILED,
        "2024-01-10 10:00:00 Connection: opening to ssl://smtp.example.com:587, timeout=300, options=array()\n"
        "2024-01-10 10:00:00 Connection failed. Error #2: stream_socket_client(): SSL operation failed with code 1. "
        "OpenSSL Error messages:\nerror:0A00010B:SSL routines::wrong version number "
        "[/var/www/html/wp-includes/PHPMailer/SMTP.php line 409]\n"
        "2024-01-10 10:00:00 SMTP ERROR: Failed to connect to server:  (0)\n" + CONNECT_OLD,
        secure='string(3) "ssl"'),
        ("tls-on-plaintext-port",), WS + "; " + PM + "; php/php-src:ext/openssl/xp_ssl.c"),
    # "certificate verify failed" picks "Misconfigured server certificate." (checked before "SMTP connect()").
    Case("wpms-cert-verify", wpms(
        "Misconfigured server certificate.", CONNECT_FAILED,
        "2024-01-10 10:00:00 CLIENT -> SERVER: STARTTLS\n"
        "2024-01-10 10:00:00 SERVER -> CLIENT: 220 2.0.0 Ready to start TLS\n"
        "2024-01-10 10:00:00 Connection failed. Error #2: stream_socket_enable_crypto(): SSL operation failed with "
        "code 1. OpenSSL Error messages:\nerror:0A000086:SSL routines::certificate verify failed "
        "[/var/www/html/wp-includes/PHPMailer/SMTP.php line 480]\n" + CONNECT_OLD),
        (*UNTRUSTED, "cert-expired", "cert-hostname-mismatch"), WS + "; " + PM),
    # The shared host's own mail server answers for the customer's domain: PHP names the names.
    Case("wpms-cert-cn", wpms(
        "Misconfigured server certificate.", CONNECT_FAILED,
        "2024-01-10 10:00:00 CLIENT -> SERVER: STARTTLS\n"
        "2024-01-10 10:00:00 SERVER -> CLIENT: 220 TLS go ahead\n"
        "2024-01-10 10:00:00 Connection failed. Error #2: stream_socket_enable_crypto(): Peer certificate "
        "CN=`server123.hostingco.net' did not match expected CN=`mail.example.com' "
        "[/var/www/html/wp-includes/PHPMailer/SMTP.php line 480]\n" + CONNECT_OLD, host="mail.example.com"),
        ("cert-hostname-mismatch",), WS + "; " + PM + "; php/php-src:ext/openssl/xp_ssl.c"),
    # "SMTP Error: Could not authenticate." picks "Could not authenticate your SMTP account."; the reply decides.
    Case("wpms-auth-535-cpanel", wpms(
        "Could not authenticate your SMTP account.", "SMTP Error: Could not authenticate.",
        "2024-01-10 10:00:00 CLIENT -> SERVER: AUTH LOGIN\n"
        "2024-01-10 10:00:00 SERVER -> CLIENT: 334 VXNlcm5hbWU6\n"
        "2024-01-10 10:00:00 CLIENT -> SERVER: [credentials hidden]\n"
        "2024-01-10 10:00:00 SERVER -> CLIENT: 334 UGFzc3dvcmQ6\n"
        "2024-01-10 10:00:00 CLIENT -> SERVER: [credentials hidden]\n"
        "2024-01-10 10:00:02 SERVER -> CLIENT: 535 Incorrect authentication data\n"
        "2024-01-10 10:00:02 SMTP ERROR: Password command failed: 535 Incorrect authentication data\n"
        "SMTP Error: Could not authenticate.", host="mail.example.com"),
        (PASSWORD, "username-wrong"), WS + "; " + PM),
    Case("wpms-auth-gmail", wpms(
        "Could not authenticate your SMTP account.", "SMTP Error: Could not authenticate.",
        "2024-01-10 10:00:00 SERVER -> CLIENT: 535-5.7.8 Username and Password not accepted. For more "
        "information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a - gsmtp\n"
        "2024-01-10 10:00:00 SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted. "
        "For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a - "
        "gsmtp\nSMTP Error: Could not authenticate.", host="smtp.gmail.com"),
        (PASSWORD, "app-password-required"), WS + "; " + PM),
    Case("wpms-auth-m365-tenant", wpms(
        "Could not authenticate your SMTP account.", "SMTP Error: Could not authenticate.",
        "2024-01-10 10:00:00 SERVER -> CLIENT: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication "
        "is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. "
        "[PR3P191CA0001.EURP191.PROD.OUTLOOK.COM]\n"
        "2024-01-10 10:00:00 SMTP ERROR: Password command failed: 535 5.7.139 Authentication unsuccessful, "
        "SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more "
        "information. [PR3P191CA0001.EURP191.PROD.OUTLOOK.COM]\nSMTP Error: Could not authenticate.",
        host="smtp.office365.com"),
        ("basic-auth-disabled", "protocol-disabled-for-account", "oauth-required"),
        WS + "; learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-"
        "submission"),
    # The bulk-mail title matches the words of cPanel's Exim GREETING (EX), present in every session with such a
    # server: a 220 line, no refusal. The refusal in the same log decides.
    Case("wpms-bulk-title-over-535", wpms(
        "Error due to unsolicited and/or bulk e-mail.", "SMTP Error: Could not authenticate.",
        "2024-01-10 10:00:00 Connection: opening to mail.example.com:465, timeout=300, options=array()\n"
        "2024-01-10 10:00:00 Connection: opened\n" + CPANEL_GREETING +
        "2024-01-10 10:00:02 SERVER -> CLIENT: 535 Incorrect authentication data\n"
        "2024-01-10 10:00:02 SMTP ERROR: Password command failed: 535 Incorrect authentication data\n"
        "SMTP Error: Could not authenticate.", host="mail.example.com", port=465, secure='string(3) "ssl"'),
        (PASSWORD, "username-wrong"), WS + " ([smtp] bulk email row); EX"),
    # The title alone, without the log: its trigger is a banner, so it says nothing of a cause.
    Case("wpms-bulk-title-alone", "Error due to unsolicited and/or bulk e-mail.", (NONE,), WS + "; EX"),
    # "Unauthenticated senders not allowed" picks its title: the server wants a login the plugin did not make.
    Case("wpms-unauthenticated", wpms(
        "Unauthenticated senders are not allowed.", "SMTP Error: The following From address failed: "
        "wordpress@example.com : MAIL FROM command failed,Unauthenticated senders not allowed,550,"
        "SMTP server error: MAIL FROM command failed Detail: Unauthenticated senders not allowed SMTP code: 550",
        "2024-01-10 10:00:00 CLIENT -> SERVER: MAIL FROM:<wordpress@example.com>\n"
        "2024-01-10 10:00:00 SERVER -> CLIENT: 550 Unauthenticated senders not allowed\n"
        "2024-01-10 10:00:00 SMTP ERROR: MAIL FROM command failed: 550 Unauthenticated senders not allowed"),
        ("smtp-auth-not-enabled",), WS + "; " + PM + " (lang from_failed, smtp_error, smtp_detail, smtp_code)"),
    # The titles alone, as a user quotes the plugin's heading.
    Case("wpms-title-auth", "Could not authenticate your SMTP account.", (PASSWORD,), WS),
    Case("wpms-title-unauth", "Unauthenticated senders are not allowed.", ("smtp-auth-not-enabled",), WS),
    # API mailers (cURL under WordPress's HTTP API): "cURL error 60" picks "SSL certificate issue." -- the web
    # server's CA bundle (the plugin: "your web server cannot reliably make secure connections").
    Case("wpms-curl-60", "SSL certificate issue.\ncURL error 60: SSL certificate problem: unable to get local "
         "issuer certificate", UNTRUSTED, WS + "; curl/curl:lib/vtls/openssl.c"),
    # "cURL error 6" picks "Could not connect to host.": the web server could not resolve the API's name.
    Case("wpms-curl-6", "Could not connect to host.\ncURL error 6: Could not resolve host: api.sendgrid.com",
         ("dns-server-misconfigured", "dns-outage", "no-internet", "server-host-unknown", "dns-blocked"),
         WS + "; curl/curl:lib/strerror.c"),
    # The plugin's own state, no mail path.
    Case("wpms-db-table", "For some reason the database table was not installed correctly. Please contact plugin "
         "support team to diagnose and fix the issue.", (NONE,), "awesomemotive/WP-Mail-SMTP@2a4d69b:src/Admin/"
         "DebugEvents/DebugEvents.php"),

    # --- PHPMailer's words as WordPress's wp_mail_failed hook logs them (PM) -----------------------------
    Case("pm-connect-alone", CONNECT_OLD, ("none", "port-blocked-outbound", "port-closed", "server-unavailable",
                                           "smtp-port25-blocked", "all-mail-ports-blocked"), PM),
    Case("pm-network-unreachable", "2024-01-10 10:00:00 SMTP ERROR: Failed to connect to server: Network is "
         "unreachable (101)\nSMTP Error: Could not connect to SMTP host. Failed to connect to server",
         ("server-ip-blocked", "no-internet", "port-blocked-outbound"), PM),

    # --- Post SMTP's port test (PS; postman_port_test.js picks the conclusion) ---------------------------
    # Neither SMTP nor SMTPS answered on the port from the web server: the plugin's reading is an outbound
    # block, which the test's words alone cannot tell from a server that refuses.
    Case("ps-blocked-587", "No outbound route between this site and the Internet on Port 587.", BLOCKED, PS),
    Case("ps-blocked-25", "No outbound route between this site and the Internet on Port 25.", BLOCKED, PS),
    Case("ps-success", "Port 587 can be used for SMTP to smtp.example.com.", (NONE,), PS),
    # The SMTP banner on the port named another domain than the host configured (Postman-PortTest.php
    # talkToMailServer): something on the way (the hosting provider's relay) may answer in the server's stead.
    # The test itself succeeded and no cause models such a redirect: declining is as right as the block.
    Case("ps-mitm", "Port 587 can be used for SMTP to smtp.gmail.com. Warning: connected to secureserver.net "
         "instead of gmail.com.", (NONE, "port-blocked-outbound", "tls-interception"), PS + "; Postman-PortTest.php"),
    Case("ps-xoauth2-334", "Communication Error [334] - make sure the Envelope From email is the same account used "
         "to create the Client ID.", ("oauth-token-rejected",),
         "wpexpertsio/Post-SMTP@e326e19f:Postman/Postman-Mail/PostmanZendMailEngine.php"),
    Case("ps-godaddy", "Your email address requires access to a remote SMTP server blocked by GoDaddy.",
         ("port-blocked-outbound",), "wpexpertsio/Post-SMTP@e326e19f:Postman/Postman-Mail/"
         "PostmanSmtpModuleTransport.php"),

    # --- FluentSMTP (FS) ----------------------------------------------------------------------------------
    Case("fs-outlook-renew", "Could not renew the Microsoft access token: invalid_grant. Please reconnect this "
         "Outlook connection in FluentSMTP settings.", ("oauth-token-rejected",),
         FS + ":app/Services/Mailer/Providers/Outlook/Handler.php"),
    Case("fs-outlook-no-token", "No usable Microsoft access token is available for this connection. Please "
         "reconnect this Outlook connection in FluentSMTP settings.", ("oauth-token-rejected",),
         FS + ":app/Services/Mailer/Providers/Outlook/Handler.php"),
    Case("fs-gmail-renew", "Failed to renew token with Gmail Api", ("oauth-token-rejected",),
         FS + ":app/Services/Mailer/Providers/Gmail/Handler.php"),
    Case("fs-gmail-renew-scheduler", "Failed to renew the token with the Gmail API", ("oauth-token-rejected",),
         FS + ":app/Hooks/Handlers/SchedulerHandler.php"),
    Case("fs-no-connection", "Sorry no connection found. Please reload the page and try again", (NONE,),
         FS + ":app/Http/Controllers/SettingsController.php"),

    # --- Joomla: Mail::send throws MailDisabledException with JLIB_MAIL_FUNCTION_OFFLINE when Global
    # Configuration's "Send Mail" is off (joomla/joomla-cms:libraries/src/Mail/Mail.php): no mail was tried.
    Case("joomla-offline", "The mail function has been disabled by an administrator.",
         (NONE, "client-config-corrupt"), "joomla/joomla-cms:libraries/src/Mail/Mail.php (send)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_web_application_mail_plugin_message_reads_as_its_cause(case: Case) -> None:
    causes = causes_of(case.text)
    first = causes[0] if causes else NONE
    assert first in case.causes, (case.source, causes[:4])

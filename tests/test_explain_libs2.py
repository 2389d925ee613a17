"""Library messages the earlier catalogues covered least: Windows' CDOSYS (CDO.Message, under .NET's
legacy System.Web.Mail, classic ASP, VBScript and VBA mailers), laminas-mail and Zend_Mail's reads, ImapFlow's
STARTTLS step, go-mail's check for a connection,
exchangelib's refusals, and Rust's lettre (0.10 and later, its
Error Display: the kind's words, then ": " and the source error), pasted as a developer pastes them.

Each case names the source its words come from. CDOSYS's texts are the MessageText of its error header
(tongzx/nt5src:Source/XPSP1/NT/public/sdk/inc/cdosyserr.h, the CDO_E_* HRESULTs 0x8004020A-0x80040220);
lettre's prefixes are Error's Display (lettre/lettre:src/transport/smtp/error.rs, Kind::Connection for
the TCP connect and the TLS handshake, client/net.rs; Kind::Permanent/Transient with the reply's code and
words; Kind::Client for its own refusals). A message that says only that something failed is checked
to be read as a failure (not "fine", not declined), never given a cause it does not tell.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

CDO = "cdosyserr.h"
LETTRE = "lettre error.rs"
CONFIG = {"client-config-corrupt"}
LOGIN = {"password-rejected", "app-password-required"}

CASES = [
    # --- CDOSYS (cdosyserr.h) ---------------------------------------------------------------------
    # CDO_E_FAILED_TO_CONNECT 0x80040213: no TCP connection to smtpserver:smtpserverport; the words say no more.
    (f"{CDO}: CDO_E_FAILED_TO_CONNECT", "The transport failed to connect to the server.", None),
    (f"{CDO}: CDO_E_FAILED_TO_CONNECT as .NET's COMException",
     "System.Runtime.InteropServices.COMException (0x80040213): The transport failed to connect to the server.", None),
    (f"{CDO}: CDO_E_FAILED_TO_CONNECT under System.Web.Mail's HttpException",
     "System.Web.HttpException: Could not access 'CDO.Message' object. ---> "
     "System.Reflection.TargetInvocationException: Exception has been thrown by the target of an invocation. ---> "
     "System.Runtime.InteropServices.COMException (0x80040213): The transport failed to connect to the server.", None),
    (f"{CDO}: CDO_E_FAILED_TO_CONNECT in a VBScript host's error box",
     "CDO.Message.1 error '80040213'\nThe transport failed to connect to the server.", None),
    # CDO_E_CONNECTION_DROPPED 0x80040212: the connection was made and then lost.
    (f"{CDO}: CDO_E_CONNECTION_DROPPED", "The transport lost its connection to the server.", None),
    (f"{CDO}: CDO_E_CONNECTION_DROPPED as COMException",
     "System.Runtime.InteropServices.COMException (0x80040212): The transport lost its connection to the server.",
     None),
    # CDO_E_SMTP_SERVER_REQUIRED 0x8004020A: sendusing is cdoSendUsingPort and no smtpserver is configured --
    # the program's own settings, no server was asked.
    (f"{CDO}: CDO_E_SMTP_SERVER_REQUIRED",
     "The SMTP server name is required, and was not found in the configuration source.", CONFIG),
    (f"{CDO}: CDO_E_SMTP_SERVER_REQUIRED as COMException",
     "System.Runtime.InteropServices.COMException (0x8004020A): The SMTP server name is required, and was not "
     "found in the configuration source.", CONFIG),
    # CDO_E_INVALID_SEND_OPTION 0x80040220: the sendusing field has no valid value (none set and no local
    # SMTP service's pickup directory to fall back on).
    (f"{CDO}: CDO_E_INVALID_SEND_OPTION", "The \"SendUsing\" configuration value is invalid.", CONFIG),
    (f"{CDO}: CDO_E_INVALID_SEND_OPTION in a VBScript host's error box",
     "CDO.Message.1 error '80040220'\nThe \"SendUsing\" configuration value is invalid.", CONFIG),
    # CDO_E_LOGON_FAILURE 0x80040217, alone and as the transport error code of CDO_E_SMTP_SEND_FAILED
    # (0x80040211, "%2" the code, "%1" the reply -- "not available" when CDO kept none).
    (f"{CDO}: CDO_E_LOGON_FAILURE", "The transport was unable to log on to the server.", LOGIN),
    (f"{CDO}: CDO_E_SMTP_SEND_FAILED with CDO_E_LOGON_FAILURE",
     "The message could not be sent to the SMTP server. The transport error code was 0x80040217. "
     "The server response was not available", LOGIN),
    (f"{CDO}: CDO_E_SMTP_SEND_FAILED with CDO_E_LOGON_FAILURE as COMException",
     "System.Runtime.InteropServices.COMException (0x80040211): The message could not be sent to the SMTP "
     "server. The transport error code was 0x80040217. The server response was not available", LOGIN),
    # CDO_E_AUTHENTICATION_FAILURE 0x80040215: the server's own refusal follows.
    (f"{CDO}: CDO_E_AUTHENTICATION_FAILURE with the reply",
     "The server rejected the logon attempt due to authentication failure. The server response was: "
     "535 5.7.8 Authentication credentials invalid", {"password-rejected"}),
    # CDO_E_SENDER_REJECTED 0x8004020E and CDO_E_RECIPIENTS_REJECTED 0x8004020F: the reply decides.
    (f"{CDO}: CDO_E_SENDER_REJECTED with a STARTTLS-first reply",
     "The server rejected the sender address. The server response was: 530 5.7.0 Must issue a STARTTLS "
     "command first", {"auth-requires-tls"}),
    (f"{CDO}: CDO_E_RECIPIENTS_REJECTED with a relay refusal",
     "The server rejected one or more recipient addresses. The server response was: 550 5.7.1 Unable to "
     "relay", {"smtp-auth-not-enabled"}),
    # --- laminas-mail / Zend_Mail (laminas/laminas-mail:src/Protocol/AbstractProtocol.php _receive, Imap.php
    # connect; zendframework/zf1:library/Zend/Mail/Protocol/Abstract.php _receive) ------------------------
    ("laminas AbstractProtocol._receive: the read timeout on a connected socket",
     "Laminas\\Mail\\Protocol\\Exception\\RuntimeException: smtp.example.com has timed out",
     {"plaintext-on-tls-port", "server-unavailable"}),
    ("laminas AbstractProtocol._receive: uncaught, as PHP prints it",
     "PHP Fatal error:  Uncaught Laminas\\Mail\\Protocol\\Exception\\RuntimeException: mail.example.org has timed out "
     "in /var/www/vendor/laminas/laminas-mail/src/Protocol/AbstractProtocol.php:310",
     {"plaintext-on-tls-port", "server-unavailable"}),
    ("zf1 Zend_Mail_Protocol_Abstract._receive: the read timeout (Magento 1's log)",
     "exception 'Zend_Mail_Protocol_Exception' with message 'smtp.example.com has timed out' in "
     "/var/www/lib/Zend/Mail/Protocol/Abstract.php:385", {"plaintext-on-tls-port", "server-unavailable"}),
    ("laminas AbstractProtocol._receive: fgets() gave false",
     "Laminas\\Mail\\Protocol\\Exception\\RuntimeException: Could not read from smtp.example.com", None),
    ("zf1 Zend_Mail_Protocol_Abstract._receive: fgets() gave false",
     "Zend_Mail_Protocol_Exception: Could not read from smtp.example.com", None),
    ("laminas Imap.connect: a first line that is no * OK",
     "Laminas\\Mail\\Protocol\\Exception\\RuntimeException: host doesn't allow connection", None),
    ("laminas Imap.connect: STARTTLS refused or its handshake failed",
     "Laminas\\Mail\\Protocol\\Exception\\RuntimeException: cannot enable TLS", {"starttls-failed"}),
    # --- ImapFlow (postalsys/imapflow:lib/imap-flow.js upgradeToSTARTTLS) ------------------------------
    ("imapflow upgradeToSTARTTLS: bytes between the OK and the handshake",
     "Error: Server sent data after the STARTTLS response and before the TLS handshake; possible "
     "plaintext-injection attack", {"starttls-failed"}),
    ("imapflow upgradeToSTARTTLS: secure and doSTARTTLS both set",
     "Error: Misconfiguration: Cannot set both secure=true for TLS and doSTARTTLS=true for STARTTLS.", CONFIG),
    ("imapflow _failSTARTTLS: doSTARTTLS true and no STARTTLS capability",
     "Error: Server does not support STARTTLS", {"starttls-not-offered", "starttls-stripped"}),
    # --- go-mail (wneessen/go-mail:client.go checkConn) ------------------------------------------------
    # No connection held: Send without DialWithContext, or (more often, after DialAndSend) a server that closed
    # the connection before the RSET that follows a message; the words alone do not say which.
    ("go-mail checkConn: Send on a Client with no connection",
     "failed to send mail: not connected to SMTP server", None),
    # --- exchangelib (ecederstrand/exchangelib:exchangelib/transport.py, protocol.py, errors.py) ----------------
    ("exchangelib get_auth_method_from_response: no auth type it can use",
     "exchangelib.errors.UnauthorizedError: No compatible auth type was reported by server",
     {"auth-mechanism-unsupported", "basic-auth-disabled"}),
    ("exchangelib _handle_response_error: a 401 with fail_fast",
     "exchangelib.errors.UnauthorizedError: Invalid credentials for https://outlook.office365.com/EWS/Exchange.asmx",
     {"password-rejected", "basic-auth-disabled"}),
    ("exchangelib back_off: throttled past max_wait",
     "exchangelib.errors.RateLimitError: Max timeout reached (gave up when asked to back off 3600.000 seconds)", None),
    # --- lettre (error.rs Display) ---------------------------------------------------------------
    (f"{LETTRE}: Kind::Permanent with Gmail's refusal",
     "permanent error (535): 5.7.8 Username and Password not accepted. For more information, go to 5.7.8  "
     "https://support.google.com/mail/?p=BadCredentials", LOGIN),
    (f"{LETTRE}: Kind::Transient, a 421 at connect",
     "transient error (421): 4.7.0 Try again later, closing connection.", None),
    (f"{LETTRE}: Kind::Connection, a refused connect (std's io::Error)",
     "Connection error: Connection refused (os error 111)", {"port-closed"}),
    (f"{LETTRE}: Kind::Connection, the name's look-up (std's to_socket_addrs)",
     "Connection error: failed to lookup address information: Name or service not known",
     {"server-host-unknown", "server-host-typo"}),
    (f"{LETTRE}: Kind::Connection, rustls's certificate verdict",
     "Connection error: invalid peer certificate: UnknownIssuer", {"cert-untrusted-issuer", "cert-self-signed"}),
    (f"{LETTRE}: Kind::Connection, rustls's name verdict",
     "Connection error: invalid peer certificate: NotValidForName", {"cert-hostname-mismatch"}),
    (f"{LETTRE}: Kind::Connection, rustls on a plain-text port",
     "Connection error: received corrupt message of type InvalidContentType", {"tls-on-plaintext-port"}),
    (f"{LETTRE}: Kind::Client, no mechanism in common",
     "internal client error: No compatible authentication mechanism was found",
     {"auth-mechanism-unsupported", "oauth-required"}),
    (f"{LETTRE}: Kind::Client, STARTTLS required and not offered",
     "internal client error: STARTTLS is not supported on this server", {"starttls-not-offered", "starttls-stripped"}),
]


@pytest.mark.parametrize(("where", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_library_message_reads_as_its_source_says(where: str, text: str, causes: set[str] | None) -> None:
    try:
        report = explain(text)
    except InputError as e:
        pytest.fail(f"{where}: declined: {e}")
    top = report.top
    assert top is not None, f"{where}: called fine"
    if causes:
        assert top.cause in causes, (where, top.cause)

"""The fault in the mail program itself -- its data files, its profile -- and Outlook's numbered errors
beside it, and the refusals of the name a mail program introduces itself with (EHLO/HELO), as the
programs and servers word them, and which cause each reads as.

A catalogue of real messages, each checked at its source (Microsoft's support articles in
MicrosoftDocs/OfficeDocs-Support, the Windows SDK headers, Mozilla's and the servers' code, a
provider's published reference; where a program fills in a path or a name, a public paste of it),
with the causes it may honestly read as; the first cause `explain` names must be one of them. The
words decide: Outlook's data file (.pst, .ost) or profile it cannot use is the profile's
(client-profile-corrupt), and so is Thunderbird's profile it finds locked; a server's refusal of the
EHLO/HELO name is helo-name-rejected, while Gmail's "555 5.5.2 Syntax error" is the envelope
address's, not the name's. Where Microsoft names more than one cause for the same words (0x8004010F's
"An object could not be found", "The set of folders cannot be opened" alone, MAPI_E_STORE_FULL's
0x8004060C for a full .pst or a mailbox over its server quota), no reading is forced: those texts
must not be read as a connection or a server fault they do not name."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.errors import InputError
from mailexpert.explain import explain

PROFILE = ("client-profile-corrupt",)
HELO = ("helo-name-rejected",)
DOCS = "MicrosoftDocs/OfficeDocs-Support@36878e0e"

CASES = [
    # --- Outlook's data files and profile ------------------------------------------------------------
    Case("outlook-0x8004010f-data-file",
         "0x8004010F: Outlook data file cannot be accessed.",
         PROFILE, f"{DOCS} Outlook/Client/synchronization/error-0x8004010f-when-sending-or-receiving-emails.md "
                  "(KB 2659085: a corrupted Outlook profile)"),
    Case("outlook-0x8004010f-send-receive",
         "Task 'jo@example.com - Sending and Receiving' reported error (0x8004010F) : 'Outlook data file cannot be "
         "accessed.'",
         PROFILE, "the same, in Outlook's send/receive form ('Task ... reported error (0x...) : ...')"),
    Case("outlook-ost-errors-detected",
         "Errors have been detected in the file C:\\Users\\jo\\AppData\\Local\\Microsoft\\Outlook\\jo@example.com.ost",
         PROFILE, f"{DOCS} Outlook/Client/data-files/errors-have-been-detected-in-.ost-file.md (KB 3186812)"),
    Case("outlook-ost-not-a-data-file",
         "Cannot start Microsoft Outlook. Cannot open the Outlook window. The set of folders cannot be opened. "
         "The file C:\\Users\\jo\\AppData\\Local\\Microsoft\\Outlook\\jo@example.com.ost is not an Outlook data file "
         "(ost).",
         PROFILE, f"{DOCS} Outlook/Client/synchronization/synchronization-issues-occur-in-outlook-owa.md (a corrupted .ost)"),
    Case("outlook-corrupt-store",
         "Task 'jo@example.com - Receiving' reported error (0x80040600) : 'An unknown error has occurred.'",
         PROFILE, "Windows SDK um/mapicode.h MAPI_E_CORRUPT_STORE = 0x80040600"),
    Case("outlook-corrupt-data",
         "Sending and receiving reported error 0x8004011B",
         PROFILE, "Windows SDK um/mapicode.h MAPI_E_CORRUPT_DATA = 0x8004011B"),
    Case("outlook98-dial-up-settings-not-valid",
         "Dial-up networking settings not valid. Please check your password.",
         ("client-config-corrupt", "client-profile-corrupt"),
         "Microsoft KB Q179749 (OL98 IMO: wrong Internet E-mail service settings or a corrupted .pwl password file), "
         "helparchive.huntertur.net/document/99857"),
    # --- Thunderbird's locked profile ----------------------------------------------------------------
    Case("thunderbird-profile-locked",
         "Thunderbird is already running, but is not responding. To use Thunderbird, you must first close the "
         "existing Thunderbird process, restart your device, or use a different profile.",
         PROFILE, "mozilla toolkit/xre/nsAppRunner.cpp ProfileLockedDialog (restartMessageNoUnlocker2); "
                  "support.mozilla.org 'Firefox is already running but is not responding'"),
    # --- Outlook's numbered send/receive errors ------------------------------------------------------
    # The words say no mechanism is shared; Microsoft's article reads the same error as a server that wants a
    # login the account is not set to give.
    Case("outlook-0x800ccc80-words",
         "Error Message: 0x800CCC80 - None of the authentication methods supported by this client are supported by "
         "your server.",
         ("auth-mechanism-unsupported", "smtp-auth-not-enabled"),
         f"{DOCS} Outlook/Client/profiles-and-accounts/0x800ccc80-error-when-sending-mail-from-outlook.md"),
    # The number alone: no AUTH the client could use was offered; the words cannot tell whether the port
    # offers it only after STARTTLS or not at all.
    Case("outlook-0x800ccc80-number",
         "Task 'smtp.example.com - Sending' reported error (0x800CCC80)",
         ("smtp-auth-not-enabled", "auth-requires-tls"),
         f"{DOCS} Outlook/Client/profiles-and-accounts/0x800ccc80-error-when-sending-mail-from-outlook.md"),
    Case("outlook-0x8004210b",
         "Task 'user@example.com - Sending' reported error (0x8004210b) : 'The operation timed out waiting for a "
         "response from the sending (SMTP) server. If you continue to receive this message, contact your server "
         "administrator or Internet service provider (ISP).'",
         ("plaintext-on-tls-port", "port-blocked-outbound", "tls-interception", "high-latency"),
         f"{DOCS} Outlook/Client/synchronization/delete-nonexistent-messages.md (the message as Outlook words it)"),
    Case("outlook-0x800ccc1a",
         "'Receiving' reported error (0x800CCC1A): 'Your server does not support the connection encryption type you "
         "have specified. Try changing the encryption method. Contact your mail server administrator or Internet "
         "service provider (ISP) for additional assistance.'",
         ("tls-version-client-outdated", "tls-on-plaintext-port"),
         "https://kb.hosting.com/docs/migrations-and-legacy-e-mail-client-applications (Outlook 2010, Windows 7)"),
    # --- the EHLO/HELO name refused --------------------------------------------------------------------
    Case("postfix-non-fqdn",
         "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",
         HELO, "vdukhovni/postfix postfix/src/smtpd/smtpd_check.c reject_non_fqdn_helo_hostname"),
    Case("postfix-invalid-name",
         "501 5.5.2 <bad_name>: Helo command rejected: Invalid name",
         HELO, "vdukhovni/postfix postfix/src/smtpd/smtpd_check.c reject_invalid_helo_hostname"),
    Case("postfix-host-not-found",
         "450 4.7.1 <DESKTOP-ABC>: Helo command rejected: Host not found",
         HELO, "vdukhovni/postfix postfix/src/smtpd/smtpd_check.c reject_unknown_helo_hostname"),
    Case("postfix-ehlo-without-name",
         "501 Syntax: EHLO hostname",
         HELO, "vdukhovni/postfix postfix/src/smtpd/smtpd.c@17830e5c ehlo_cmd (argc < 2)"),
    Case("postfix-helo-without-name",
         "SMTP error: 501 Syntax: HELO hostname",
         HELO, "vdukhovni/postfix postfix/src/smtpd/smtpd.c@17830e5c helo_cmd (argc < 2)"),
    Case("exim-syntactically-invalid",
         "Bad response from mail server 'smtp.hdsnet.hu' to command 'EHLO':\n501 Syntactically invalid EHLO "
         "argument(s)\nThe mail server couldn't execute the command and replied with the above error message.",
         HELO, "Exim src/src/smtp_in.c ('501 Syntactically invalid %s argument(s)'), as YAM shows it (jens-maus/yam#325)"),
    Case("exim-helo-verify",
         "550 EHLO argument does not match calling host",
         HELO, "Exim/exim src/src/smtp_in.c@13835a3c (helo_verify_hosts: '%d %s argument does not match calling host')"),
    Case("gmail-helo-invalid",
         "501-5.5.4 HELO/EHLO argument \"laptop_1\" invalid, closing connection.\n"
         "501 5.5.4 https://support.google.com/mail/?p=helo 5614622812f47-3c2e2d3e0f5si1234567b6e.42 - gsmtp",
         HELO, "https://support.google.com/mail/answer/6386757 (HELO/EHLO email error, its example errors)"),
    # Google's page prints the two lines of the reply without the continuation hyphen.
    Case("gmail-helo-invalid-as-documented",
         "501 5.5.4 HELO/EHLO argument \"...\" invalid, closing connection.\n"
         "501 5.5.4 https://support.google.com/mail/?p=helo",
         HELO, "https://support.google.com/mail/answer/6386757 (as the page prints it)"),
    Case("gmail-helo-empty",
         "501 5.5.4 Empty HELO/EHLO argument not allowed, closing connection.",
         HELO, "https://support.google.com/mail/answer/6386757"),
    Case("microsoft-invalid-domain-name",
         "aiosmtplib.errors.SMTPHeloError: (501, '5.5.4 Invalid domain name [AS4P189CA0060.EURP189.PROD.OUTLOOK.COM "
         "2023-10-24T06:56:46.567Z 08DBD2CBA8497480]')",
         HELO, "sabuhish/fastapi-mail#205 (Outlook.com's answer to the EHLO name 'mylaptopname.')"),
    Case("opensmtpd-empty-helo",
         "smtp failed-command command=\"HELO \" result=\"501 5.5.4 Invalid command arguments: Invalid domain name\"",
         HELO, "OpenSMTPD/OpenSMTPD#1054 (smtpd -dv: a UPS sending 'HELO ' without a name)"),
    Case("exchange-online-bad-helo",
         "550 5.7.506 Access denied, bad HELO",
         HELO, "learn.microsoft.com non-delivery-reports-in-exchange-online (5.7.506)"),
]

# Gmail's "555 5.5.2 Syntax error" answers MAIL FROM or RCPT TO with an address it cannot parse (a display name
# sent in the envelope, an empty RCPT TO): the address's, never the EHLO name's.
NOT_HELO = [
    pytest.param("555 5.5.2 Syntax error. j10-20020ac874ca000000b0035d432f5ba3sm9240143qtr.17 - gsmtp",
                 id="gmail-555-gophish"),   # gophish/gophish#2662 (a From with a display name)
    pytest.param("Net::SMTPFatalError: 555 5.5.2 Syntax error. 4sm74508868qak.11 - gsmtp",
                 id="gmail-555-ruby"),      # ophrescue/RescueRails#260 (brackets in the address)
]

# The words cannot decide between the mail program's own files and a fault elsewhere: whatever they are read
# as (or if they are declined), it is not a connection, port or TLS fault they do not name.
UNDECIDED = [
    # KB 2659085 reads it as a corrupted profile; the same MAPI_E_NOT_FOUND words come from Exchange when the
    # offline address book or the mailbox is not found on the server.
    pytest.param("0x8004010F: The operation failed. An object could not be found.", id="0x8004010f-not-found"),
    # Outlook 2016 without a working Autodiscover (MicrosoftDocs/OfficeDocs-Support: Outlook/Client/installation/upgrade-errors-office-2016.md).
    pytest.param("Cannot start Microsoft Outlook. Cannot open Outlook window. The set of folders cannot be opened.",
                 id="set-of-folders-autodiscover"),
    # Exchange requiring RPC encryption the profile does not use
    # (MicrosoftDocs/OfficeDocs-Support:Exchange/ExchangeServer/client-connectivity/outlook-connection-issue-caused-by-rpc-encryption-requirement.md).
    pytest.param("Unable to open your default e-mail folders. The information store could not be opened.",
                 id="default-folders-rpc-encryption"),
    # MAPI_E_STORE_FULL (0x8004060C): a .pst at its size limit, or (Exchange, grommunio) a mailbox over its quota.
    pytest.param("Task 'jo@example.com - Receiving' reported error (0x8004060C) : 'Unknown Error 0x8004060C'",
                 id="0x8004060c-store-full"),
    # Thunderbird's local folder at its 4 GiB mbox limit (messenger.properties mailboxTooLarge, as its tests quote it).
    pytest.param("The folder Inbox on Local Folders is full, and can't hold any more messages.", id="thunderbird-folder-full"),
]
NOT_NAMED = {"port-blocked-outbound", "port-closed", "all-mail-ports-blocked", "smtp-port25-blocked", "tls-interception",
             "plaintext-on-tls-port", "tls-on-plaintext-port", "password-rejected", "no-internet", "server-host-unknown"}


def _causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_message_reads_as_its_cause(case: Case) -> None:
    found = _causes(case.text)
    assert found and found[0] in case.causes, (found, case.source)


@pytest.mark.parametrize("text", NOT_HELO)
def test_gmails_syntax_error_is_not_the_ehlo_name(text: str) -> None:
    found = _causes(text)
    assert found and found[0] == "server-reply-permanent", found


@pytest.mark.parametrize("text", UNDECIDED)
def test_undecided_words_are_no_connection_fault(text: str) -> None:
    try:
        found = _causes(text)
    except InputError:
        return
    assert not set(found[:1]) & NOT_NAMED, found

"""What mail programs whose source is not public -- Outlook, Windows Mail, Apple Mail and the Microsoft
account sign-in they share -- show their users, as their vendors' own support pages quote the dialog
and name its cause; each read to the cause its vendor names first.

OFFICEDOCS is MicrosoftDocs/OfficeDocs-Support at 36878e0e10fbe834858d06a771a7e51e570469d3 (the
source of support.microsoft.com's Outlook articles). IOS_MAIL_MS is Microsoft's page on Outlook.com
accounts in the iOS/iPadOS Mail app, whose table names the Microsoft account's own sign-in errors
and what each means (the fix it links: reset a forgotten password; "My username and password have
stopped working" for an account blocked after too many wrong passwords)."""

from __future__ import annotations

import pytest
from helpers import causes_of

OFFICEDOCS = "MicrosoftDocs/OfficeDocs-Support:Outlook/{}@36878e0e"
IOS_MAIL_MS = ("https://support.microsoft.com/en-us/office/ios-ipados-users-may-experience-issues-accessing-their-"
               "outlook-and-hotmail-accounts-from-the-ios-ipados-default-mail-app-3584197b-8ffb-46ce-b5c6-f4cc71ff29a7")

DOCUMENTED = [
    # KB 2659085: "This issue is caused by the corrupted Outlook profile. ... create a new profile."
    pytest.param("0x8004010F: Outlook data file cannot be accessed.", {"client-profile-corrupt"},
                 OFFICEDOCS.format("Client/synchronization/error-0x8004010f-when-sending-or-receiving-emails.md"),
                 id="outlook-8004010f-data-file"),
    pytest.param("Task 'Microsoft Exchange - Sending' reported error (0x8004010F) : 'Outlook data file cannot be accessed.'",
                 {"client-profile-corrupt"},
                 OFFICEDOCS.format("Client/synchronization/error-0x8004010f-when-sending-or-receiving-emails.md"),
                 id="outlook-8004010f-data-file-task"),
    # KB 2783881: the server's certificate does not carry the name Outlook connected to.
    pytest.param("The name on the security certificate is invalid or does not match the name of the site.\n"
                 "Do you want to proceed?", {"cert-hostname-mismatch"},
                 OFFICEDOCS.format("Client/connectivity/suppress-autodiscover-mismatch-warning.md"),
                 id="outlook-cert-name-mismatch"),
    # The Microsoft account's sign-in errors, as the iOS Mail page's table lists them.
    pytest.param("That password is incorrect for your Microsoft account.", {"password-rejected"}, IOS_MAIL_MS,
                 id="msa-password-incorrect"),
    pytest.param("You've tried to sign in too many times with an incorrect account or password.", {"account-locked"},
                 IOS_MAIL_MS, id="msa-too-many-sign-ins"),
    pytest.param("This task is temporarily unavailable because an incorrect password was entered too many times.",
                 {"account-locked"}, IOS_MAIL_MS, id="msa-task-unavailable"),
    pytest.param("You've used an incorrect account or password too many times.", {"account-locked"}, IOS_MAIL_MS,
                 id="msa-used-too-many-times"),
    # Outlook for iOS and Android against an Exchange server: the apps refuse TLS 1.0/1.1, and Microsoft reads the
    # "timed out" as that (else an expired certificate), not as a slow network.
    pytest.param("The connection to your mail server timed out.", {"tls-version-server-outdated", "cert-expired"},
                 "MicrosoftDocs/OfficeDocs-Support:Exchange/ExchangeServer/client-connectivity/"
                 "connection-to-mail-server-timed-out.md@36878e0e", id="outlook-mobile-timed-out"),
    # KB 298781 (Outlook 2001 for Mac): most such failures are the Mac's DNS settings.
    pytest.param("The name of the specified Microsoft Exchange Server could not be found on your network.",
                 {"dns-server-misconfigured", "server-host-unknown", "server-host-typo"},
                 "https://ftp.zx.net.nz/pub/archive/ftp.microsoft.com/MISC/KB/en-us/298/781.HTM",
                 id="outlook-mac2001-exchange-not-found"),
]


@pytest.mark.parametrize(("text", "causes", "source"), DOCUMENTED)
def test_a_closed_clients_dialog_reads_as_its_vendor_documents_it(text: str, causes: set[str], source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found and found[0] in causes, (text, found)


# KB 2859522: Outlook set up for an Exchange mailbox over Exchange ActiveSync, which it does not support; "Log onto"
# names the step it failed at, and the words say the server was not reached -- no refused password.
def test_outlooks_eas_server_not_found_is_no_refused_password() -> None:
    text = "Log onto Exchange ActiveSync mail server (EAS): The server cannot be found."
    found = causes_of(text)
    assert found and "password-rejected" not in found, found


# Words that carry no cause: Apple's "Cannot Get Mail" over "The connection to the server failed." is what iOS Mail
# shows for any failed connection (Microsoft's page above quotes it for an Outlook.com account whose stored password
# no longer works, Apple's for a server not reached); it is read as a failure, never as fine, with no cause forced.
@pytest.mark.parametrize("text", [
    pytest.param("Cannot Get Mail\nThe connection to the server failed.", id="ios-cannot-get-mail"),
    pytest.param("Cannot Get Mail – The connection to the server failed.", id="ios-cannot-get-mail-dash"),
    # KB 3098831: after an upgrade to Outlook 2016 with Autodiscover not working (no cause of the catalogue says it).
    pytest.param("Outlook cannot log on. Verify you are connected to the internet and are using the proper server and "
                 "mailbox name.", id="outlook-cannot-log-on"),
])
def test_a_dialog_whose_words_carry_no_cause_reads_as_a_failure(text: str) -> None:
    assert causes_of(text), text

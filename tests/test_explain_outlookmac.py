"""Microsoft's mail clients other than classic Outlook for Windows -- Outlook for Mac, Outlook for iOS and
Android, the Windows 10/11 Mail app (whose sync the new Outlook for Windows shares) -- as their own dialogs and
error numbers word a failure, and which cause each reads as.

Each wording is one Microsoft documents, with the meaning Microsoft gives it:

- Outlook for Mac's error -19738 (KB 3146087, MicrosoftDocs/OfficeDocs-Support:Exchange/ExchangeServer/mailflow/
  error-19738-send-large-email-outlook-mac.md): the Exchange server refused a message over its size limit, a
  permanent refusal by the server, not the network;
- Outlook for iOS and Android's "Insecure connection." and "Secure connection unavailable." (KB 4056392,
  MicrosoftDocs/OfficeDocs-Support:Exchange/ExchangeServer/client-connectivity/
  insecure-connection-secure-connection-unavailable-outlook-ios-android.md): a server certificate that is
  invalid, expired or not signed by a CA the apps trust; and "The connection to your mail server timed out."
  (MicrosoftDocs/OfficeDocs-Support:Exchange/ExchangeServer/client-connectivity/connection-to-mail-server-timed-out.md);
- the Mail app's HRESULTs: 0x8019019A (HTTP_E_STATUS_GONE; Microsoft's 'Fix sync issues in the Mail and Calendar
  apps': update the password, or an app password), 0x80072F8F (WinHTTP's ERROR_WINHTTP_SECURE_FAILURE 12175,
  https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages: errors in the server's certificate),
  0x800706BA (HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE), Windows SDK shared/winerror.h: the server is
  unavailable, why unsaid), 0x8007274C (HRESULT_FROM_WIN32(WSAETIMEDOUT)), and its "Your account settings are
  out-of-date." (support.microsoft.com 'Change your password in Mail for Windows 10').

Outlook for Mac's bare numbers (17099, -3253 ...) have no meaning Microsoft documents here: alone they must not
read as any cause. A text that says only that something went wrong stays without a cause."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

DOCS = "MicrosoftDocs/OfficeDocs-Support@36878e0e"
CERT = ("cert-untrusted-issuer", "cert-self-signed", "cert-expired")
CERT_ANY = (*CERT, "cert-hostname-mismatch")

CASES = [
    # --- Outlook for Mac ------------------------------------------------------------------------------
    Case("mac-19738-dialog",
         "Error: Outlook cannot send the message Quarterly report because the message size exceeds the maximum limit "
         "set on the server. Details: The message has been moved to the Drafts folder under On My Computer. Try "
         "reducing the message size by removing or resizing any large attachments, and then resend. If the problem "
         "persists, contact your administrator. Error Code: -19738",
         ("server-reply-permanent",),
         f"{DOCS} Exchange/ExchangeServer/mailflow/error-19738-send-large-email-outlook-mac.md (KB 3146087)"),
    Case("mac-19738-first-sentence",
         "Outlook cannot send the message Invoice because the message size exceeds the maximum limit set on the server.",
         ("server-reply-permanent",),
         f"{DOCS} Exchange/ExchangeServer/mailflow/error-19738-send-large-email-outlook-mac.md (KB 3146087)"),
    # --- Outlook for iOS and Android ------------------------------------------------------------------
    Case("mobile-insecure-connection",
         "Insecure connection. Would you like to log in anyway?",
         CERT,
         f"{DOCS} Exchange/ExchangeServer/client-connectivity/"
         "insecure-connection-secure-connection-unavailable-outlook-ios-android.md (KB 4056392)"),
    Case("mobile-secure-connection-unavailable",
         "Secure connection unavailable. Would you like to log in anyway?",
         CERT,
         f"{DOCS} Exchange/ExchangeServer/client-connectivity/"
         "insecure-connection-secure-connection-unavailable-outlook-ios-android.md (KB 4056392)"),
    Case("mobile-timed-out",
         "The connection to your mail server timed out.",
         ("tls-version-server-outdated", "cert-expired"),
         f"{DOCS} Exchange/ExchangeServer/client-connectivity/connection-to-mail-server-timed-out.md"),
    # --- Windows 10/11 Mail and Calendar (and the new Outlook's sync) --------------------------------
    Case("mail-app-0x80072f8f",
         "Something went wrong. We're sorry, but we weren't able to do that. Error code: 0x80072f8f",
         CERT_ANY,
         "Windows SDK um/winhttp.h ERROR_WINHTTP_SECURE_FAILURE 12175; "
         "https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages"),
    Case("mail-app-0x8019019a",
         "Something went wrong. We're sorry, but we weren't able to do that. Error code: 0x8019019a",
         ("password-rejected", "app-password-required"),
         "Windows SDK shared/winerror.h HTTP_E_STATUS_GONE; Microsoft 'Fix sync issues in the Mail and Calendar apps'"),
    Case("mail-app-settings-out-of-date",
         "Your account settings are out-of-date.",
         ("password-rejected", "app-password-required"),
         "support.microsoft.com 'Change your password in Mail for Windows 10'"),
    Case("mail-app-0x8007274c",
         "Something went wrong. We can't get your mail right now. Error code: 0x8007274c",
         ("port-blocked-outbound",),
         "Windows SDK shared/winerror.h HRESULT_FROM_WIN32(WSAETIMEDOUT 10060)"),
]

# Texts that say a failure and no reason: each must read as a failure, with no specific cause made up for it.
# 0x800706BA names the server unavailable and nothing more: it reads as MAPI_E_NETWORK_ERROR's number does.
NO_REASON = [
    ("Something went wrong and we couldn't sync your mailbox. Error code: 0x800706ba", "0x80040115"),
    ("Error code: 0x800706BA", "0x80040115"),
]

# A bare number or a bare "something went wrong" says nothing Microsoft documents: no cause.
UNREAD = [
    "Error 17099",
    "Error Code: -19738",
    "Error -3253",
    "Something went wrong.",
]

# Neighbours that must keep their own readings: a server's own size refusal; a server that refuses a login
# on an unencrypted connection (words near "insecure connection").
NEIGHBOURS = [
    ("552 5.3.4 Message size exceeds fixed maximum message size", "server-reply-permanent"),
    ("Plaintext authentication disallowed on insecure connections. Change encryption to STARTTLS or TLS for "
     "account “jo@example.org”.", "auth-requires-tls"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_message_reads_as_its_cause(case: Case) -> None:
    found = causes_of(case.text)
    assert found and found[0] in case.causes, (found, case.source)


@pytest.mark.parametrize(("text", "like"), NO_REASON)
def test_a_failure_without_reason_reads_as_its_generic_evidence(text: str, like: str) -> None:
    found = causes_of(text)
    assert found and found == causes_of(like), found


@pytest.mark.parametrize("text", UNREAD)
def test_a_bare_number_names_no_cause(text: str) -> None:
    assert causes_of(text) == []


@pytest.mark.parametrize(("text", "cause"), NEIGHBOURS)
def test_neighbours_keep_their_reading(text: str, cause: str) -> None:
    found = causes_of(text)
    assert found and found[0] == cause, found

"""A mail program that fails on a defect of its own code, read as the program to update (client-outdated).

A null where the program's code expected a value, as its runtime words it -- V8's TypeError in an Electron mail
client, ART's NullPointerException in an Android one, .NET's NullReferenceException in a mail library, CPython's
AttributeError on None in a sync tool -- is the program's bug, which its developers fix in a later release (each
source below is a bug report whose maintainers named the fix). The exception alone could be anyone's code (a
script's, a web page's), so each text is read so only where it also shows the mail program's own code failing:
its install folder or built-in packages, its Java package, its library's namespace. A trace of a mail program
that ends in a network or TLS failure keeps that reading, and a bare exception without a mail program stays what
it was (declined or not the program's age).

Each text is a public bug report's, as its reporter pasted it (shortened to the lines a user pastes first)."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

OUTDATED = "client-outdated"

CASES = [
    # --- Mailspring (Electron): V8's TypeError in its own code (app.asar, internal_packages) ----------------------
    # Foundry376/Mailspring#688 (1.1.4, "done-pending-release"): replying after deleting the signature
    pytest.param("TypeError: Cannot read property 'data' of null\n"
                 "    at FloatingEmojiPicker (/src/components/composer-editor/emoji-plugins.jsx:77:18)\n"
                 "    at beginWork (/usr/share/mailspring/resources/app.asar/node_modules/react-dom/cjs/"
                 "react-dom.production.min.js:133:310)", (OUTDATED,), id="mailspring-688-emoji-picker-null"),
    # Foundry376/Mailspring#804 ("done-pending-release"): reading mail while the cache syncs
    pytest.param("TypeError: Cannot read property 'includes' of null\n"
                 "    at files.filter.f (/internal_packages/message-list/lib/message-item.jsx:106:62)\n"
                 "    at Array.filter (native)\n"
                 "    at MessageItem._renderAttachments (/internal_packages/message-list/lib/message-item.jsx:106:33)\n"
                 "    at h (/usr/share/mailspring/resources/app.asar/node_modules/react-dom/cjs/"
                 "react-dom.production.min.js:130:280)", (OUTDATED,), id="mailspring-804-includes-of-null"),
    # Foundry376/Mailspring#1878 and #1817 (1.7.4, "done-pending-release"): blank window after adding an IMAP account
    pytest.param("Running database migrations\nApp load time: 340ms\n\n{\"error\":null}\n"
                 "Manual update check (updates.getmailspring.com/check/linux/x64/1.7.4-d54ff730/"
                 "d71ded53-1542-45fb-ba91-f800238a5def/stable) returned 204\n"
                 "{ TypeError: Cannot read property 'emailAddress' of undefined\n"
                 "    at _AccountStore.addAccount (file:///tmp/nylas-build/electron-packager/linux-x64/"
                 "mailspring-linux-x64/resources/app/src/flux/stores/account-store.ts:223:18)\n"
                 "    at OnboardingStore._onFinishAndAddAccount (file:///tmp/nylas-build/electron-packager/linux-x64/"
                 "mailspring-linux-x64/resources/app/internal_packages/onboarding/lib/onboarding-store.ts:129:20)",
                 (OUTDATED,), id="mailspring-1878-add-account-emailaddress-undefined"),
    # Foundry376/Mailspring#110 (1.0.3, Gmail account on Ubuntu)
    pytest.param("{ TypeError: Cannot read property 'emailAddress' of undefined\n"
                 "    at InitialPreferencesOptions.render (/internal_packages/onboarding/lib/"
                 "page-initial-preferences.cjsx:104:81)\n"
                 "    at ReactCompositeComponentWrapper._renderValidatedComponentWithoutOwnerOrContext (/usr/share/"
                 "mailspring/resources/app.asar/node_modules/react-dom/lib/ReactCompositeComponent.js:798:30)",
                 (OUTDATED,), id="mailspring-110-onboarding-emailaddress-undefined"),
    # Foundry376/Mailspring#626 (1.1.2, "done-pending-release"): Node's TypeError from Mailspring's attachments
    # package; only its built-in packages' folder names the program
    pytest.param("TypeError: Path must be a string. Received undefined\n    at assertPath (path.js:28:11)\n"
                 "    at Object.extname (path.js:1452:5)\n"
                 "    at Object.shouldDisplayAsImage (/src/flux/models/utils.es6:170:22)\n"
                 "    at files.filter.f (/internal_packages/attachments/lib/message-attachments.jsx:79:52)",
                 (OUTDATED,), id="mailspring-626-path-must-be-a-string"),
    # --- Nylas N1 / Nylas Mail (Electron, Mailspring's discontinued predecessor) ----------------------------------
    # nylas/nylas-mail#1785 (N1 0.4.5 on Gentoo, no third-party plugins)
    pytest.param("Streaming log data to /tmp/Nylas-N1-17041.log\nApp load time: 183ms\n"
                 "/usr/share/nylas/resources/app.asar/src/error-logger-extensions/nylas-private-error-reporter.js:130\n"
                 "    if (extra.pluginIds && extra.pluginIds.length > 0) {\n             ^\n\n"
                 "TypeError: Cannot read property 'pluginIds' of undefined\n"
                 "    at ErrorReporter.module.exports.ErrorReporter._prepareSentryCaptureObjects (/usr/share/nylas/"
                 "resources/app.asar/src/error-logger-extensions/nylas-private-error-reporter.js:130:14)",
                 (OUTDATED,), id="nylas-1785-pluginids-undefined"),
    # nylas/nylas-mail#3387 (Nylas Mail 2.0.13 on macOS, "done-pending-release"): the DevTools console
    pytest.param("/Applications/Nylas Mail.app/Contents/Resources/app.asar/src/error-logger.js:101 TypeError: Cannot read "
                 "property 'usesLabels' of undefined(…) Objectmodule.exports.ErrorLogger.reportError @ /Applications/"
                 "Nylas Mail.app/Contents/Resources/app.asar/src/error-logger.js:101\n"
                 "/Applications/Nylas Mail.app/Contents/Resources/app.asar/src/components/mail-label-set.js:59 Uncaught "
                 "TypeError: Cannot read property 'usesLabels' of undefined", (OUTDATED,),
                 id="nylas-3387-uselabels-undefined"),
    # nylas/nylas-mail#1680 (N1 0.4.14 on OS X, "This bug should be fixed now!"): the file before the error
    pytest.param("/Applications/Nylas N1.app/Contents/Resources/app.asar/internal_packages/preferences/lib/tabs/"
                 "preferences-account-details.js:243\nUncaught TypeError: Cannot read property 'split' of undefined",
                 (OUTDATED,), id="nylas-1680-manage-accounts-split-undefined"),
    # --- K-9 Mail / Thunderbird for Android (package com.fsck.k9): ART's NullPointerException ---------------------
    # thunderbird/thunderbird-android#3538 (a duplicate of k9mail/k-9#2756)
    pytest.param("java.lang.NullPointerException: Attempt to invoke virtual method 'java.lang.String "
                 "com.fsck.k9.Account.getUuid()' on a null object reference\n"
                 "  at com.fsck.k9.activity.compose.MessageActions.actionCompose(MessageActions.java:19)\n"
                 "  at com.fsck.k9.activity.MessageList.onCompose(MessageList.java:1277)",
                 (OUTDATED,), id="k9-3538-account-getuuid-null"),
    # thunderbird/thunderbird-android#3266 (5.403): replying to an encrypted message, as logcat shows it
    pytest.param("03-16 12:15:32.187 E/AndroidRuntime(31412): java.lang.NullPointerException: Attempt to invoke "
                 "interface method 'com.fsck.k9.mail.Body com.fsck.k9.mail.Part.getBody()' on a null object reference",
                 (OUTDATED,), id="k9-3266-part-getbody-null"),
    # thunderbird/thunderbird-android#8156 (6.904): the crash dialog's log
    pytest.param("FATAL EXCEPTION: main\nProcess: com.fsck.k9, PID: 16322\njava.lang.NullPointerException\n"
                 "\tat com.fsck.k9.activity.MessageList.showMessageView(MessageList.kt:1244)\n"
                 "\tat com.fsck.k9.activity.MessageList.openMessage(MessageList.kt:986)",
                 (OUTDATED,), id="k9-8156-showmessageview-npe"),
    # thunderbird/thunderbird-android#1889 (5.202, "Reproduced ... Simple to fix")
    pytest.param("java.lang.NullPointerException: Attempt to invoke virtual method 'boolean "
                 "java.lang.String.equals(java.lang.Object)' on a null object reference\n"
                 "     at com.fsck.k9.mail.Address.equals(Address.java:170)\n"
                 "     at com.fsck.k9.view.RecipientSelectView$Recipient.equals(RecipientSelectView.java:620)",
                 (OUTDATED,), id="k9-1889-address-equals-npe"),
    # thunderbird/thunderbird-android#4173 (5.600, Exchange account setup): logcat's lines
    pytest.param("08-26 21:17:56.963 E/AccountSetupCheckSettin(30633): java.lang.NullPointerException: Attempt to invoke "
                 "virtual method 'boolean java.lang.String.contains(java.lang.CharSequence)' on a null object reference\n"
                 "08-26 21:17:56.963 E/AccountSetupCheckSettin(30633): \tat com.fsck.k9.mail.store.webdav.WebDavStore."
                 "findFormAction(WebDavStore.java:716)", (OUTDATED,), id="k9-4173-webdav-setup-npe"),
    # --- DavMail (Java gateway to Exchange): NullPointerException in its own package ------------------------------
    # mguessan/davmail#16 (5.0.0-trunk, labelled "fixed")
    pytest.param("2018-12-27 12:56:34,448 ERROR [CaldavConnection-48156] davmail  - java.lang.NullPointerException\n"
                 "java.lang.NullPointerException\n"
                 "        at davmail.exchange.ews.EwsExchangeSession$Event.buildFieldUpdates(EwsExchangeSession.java:1731)\n"
                 "        at davmail.exchange.ews.EwsExchangeSession$Event.createOrUpdate(EwsExchangeSession.java:1998)",
                 (OUTDATED,), id="davmail-16-buildfieldupdates-npe"),
    # mguessan/davmail#303 (labelled "fixed"), as syslog shows it
    pytest.param("Aug 18 22:26:50 xxxxxxxxxx davmail: displayMessage - java.lang.NullPointerException\n"
                 "Aug 18 22:26:50 xxxxxxxxxx     at davmail.exchange.VCalendar.isTodo(VCalendar.java:765)\n"
                 "Aug 18 22:26:50 xxxxxxxxxx     at davmail.exchange.ExchangeSession$Event.<init>(ExchangeSession.java:2042)",
                 (OUTDATED,), id="davmail-303-vcalendar-istodo-npe"),
    # --- MailKit (.NET): NullReferenceException in the library's own frames ---------------------------------------
    # jstedfast/MailKit#74 (0.90.0, worked in 0.26.0; fixed in a later release)
    pytest.param("System.NullReferenceException: Object reference not set to an instance of an object.\n"
                 "   at MailKit.Net.Imap.ImapCommand.Step()\n   at MailKit.Net.Imap.ImapEngine.Iterate()\n"
                 "   at MailKit.Net.Imap.ImapEngine.Wait(ImapCommand ic)\n"
                 "   at MailKit.Net.Imap.ImapClient.Authenticate(ICredentials credentials, "
                 "CancellationToken cancellationToken)", (OUTDATED,), id="mailkit-74-imap-authenticate-nre"),
    # jstedfast/MailKit#382 (1.4.1 on Windows 10 IoT, "fixed by the same patch that fixed issue #381"), as Visual
    # Studio's output window shows it
    pytest.param("Exception thrown: 'System.NullReferenceException' in MailKit.dll\n"
                 "The program '[2172] backgroundTaskHost.exe' has exited with code -1 (0xffffffff).\n\nStack Trace:\n"
                 "   at MailKit.Net.Smtp.SmtpClient.IsBrokenSmtpServerThatResetsStateAfterAuthEhlo(String host)\n"
                 "   at MailKit.Net.Smtp.SmtpClient.Authenticate(Encoding encoding, ICredentials credentials, "
                 "CancellationToken cancellationToken)", (OUTDATED,), id="mailkit-382-smtp-authenticate-nre"),
    # --- OfflineIMAP (Python): AttributeError on None in its own modules ------------------------------------------
    # OfflineIMAP/offlineimap#161 (6.5.7-rc2, "Fixed in 9e63fa3")
    pytest.param("ERROR: ERROR in syncfolder for work folder Sent: Traceback (most recent call last):\n"
                 "  File \"/usr/lib/python2.7/site-packages/offlineimap/accounts.py\", line 466, in syncfolder\n"
                 "    remotefolder.syncmessagesto(localfolder, statusfolder)\n"
                 "  File \"/usr/lib/python2.7/site-packages/offlineimap/folder/Base.py\", line 277, in "
                 "getmessageuidlist\n    return self.getmessagelist().keys()\n"
                 "AttributeError: 'NoneType' object has no attribute 'keys'", (OUTDATED,),
                 id="offlineimap-161-messagelist-none"),
    # OfflineIMAP/offlineimap#239 (6.5.6.1-devel): its status cache's labels column
    pytest.param("ERROR: Exceptions occurred during the run!\n"
                 " ERROR: ERROR in syncfolder for myACCOUNT folder .Trash: Traceback (most recent call last):\n"
                 "  File \"/usr/local/lib/python2.7/dist-packages/offlineimap/accounts.py\", line 399, in syncfolder\n"
                 "    statusrepos.getsep()))\n"
                 "  File \"/usr/local/lib/python2.7/dist-packages/offlineimap/folder/LocalStatusSQLite.py\", line 187, "
                 "in cachemessagelist\n"
                 "    labels = set([lb.strip() for lb in row[3].split(',') if len(lb.strip()) > 0])\n"
                 "AttributeError: 'NoneType' object has no attribute 'split'", (OUTDATED,),
                 id="offlineimap-239-labels-none"),
    # --- Mailpile (Python, v1 no longer developed): its IMAP source's traceback -----------------------------------
    # mailpile/Mailpile#2310 (Outlook account over IMAP; "Mailpile v1 is no longer being developed"), as its log
    # holds the traceback
    pytest.param("Traceback (most recent call last):\n"
                 "  File \"/Mailpile/mailpile/mail_source/__init__.py\", line 1094, in run\n    self.sync_mail()\n"
                 "  File \"/Mailpile/mailpile/mail_source/__init__.py\", line 307, in sync_mail\n"
                 "    elif (self._has_mailbox_changed(mbx_cfg, state) or\n"
                 "  File \"/Mailpile/mailpile/mail_source/imap.py\", line 983, in _has_mailbox_changed\n"
                 "    uv = state['uv'] = shared_mbox.mailbox_info('UIDVALIDITY', ['0'])[0]\n"
                 "AttributeError: 'NoneType' object has no attribute 'mailbox_info'", (OUTDATED,),
                 id="mailpile-2310-mailbox-info-none"),
]


def _causes(text: str) -> list[str]:
    try:
        return [d.cause for d in explain(text).diagnoses]
    except InputError:
        return []


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_a_defect_of_the_mail_programs_own_code_reads_as_the_program(text: str, accepted: tuple[str, ...]) -> None:
    causes = _causes(text)
    assert causes and causes[0] in accepted, causes


@pytest.mark.parametrize("text", [
    # V8's own wording (v8/v8:src/common/message-template.h, kNonObjectPropertyLoadWithProperty "Cannot read
    # properties of % (reading '%')") with no mail program's code in sight: any script's or web page's error
    pytest.param("TypeError: Cannot read properties of undefined (reading 'length')", id="v8-bare-typeerror"),
    # .NET's message alone (dotnet/runtime: Arg_NullReferenceException), no mail library's frame
    pytest.param("System.NullReferenceException: Object reference not set to an instance of an object.",
                 id="dotnet-bare-nre"),
])
def test_a_programming_error_without_a_mail_programs_code_is_not_called_its_age(text: str) -> None:
    assert OUTDATED not in _causes(text)[:1]


def test_a_mail_programs_trace_that_ends_in_a_refused_connection_keeps_the_network_reading() -> None:
    """MailKit's frames around a socket error (jstedfast/MailKit: SocketUtils.Connect, .NET's SocketException
    10061 "No connection could be made because the target machine actively refused it"): the connection failed,
    not the library's code."""
    text = ("System.Net.Sockets.SocketException (10061): No connection could be made because the target machine "
            "actively refused it. 127.0.0.1:587\n"
            "   at MailKit.Net.SocketUtils.ConnectAsync(String host, Int32 port, IPEndPoint localEndPoint, "
            "Boolean doAsync, CancellationToken cancellationToken)\n"
            "   at MailKit.Net.Smtp.SmtpClient.ConnectAsync(String host, Int32 port, SecureSocketOptions options, "
            "Boolean doAsync, CancellationToken cancellationToken)")
    causes = _causes(text)
    assert causes and causes[0] != OUTDATED, causes


def test_a_mail_librarys_crash_beside_its_tls_failure_keeps_the_tls_reading() -> None:
    """MailKit's NullReferenceException (jstedfast/MailKit#74's words) in a trace that goes on to MailKit's own
    SslHandshakeException (MailKit/Security/SslHandshakeException.cs: "An error occurred while attempting to
    establish an SSL or TLS connection."): the handshake failed; the crash is not what to fix first."""
    text = ("System.NullReferenceException: Object reference not set to an instance of an object.\n"
            "   at MailKit.Net.Smtp.SmtpClient.Send(FormatOptions options, MimeMessage message)\n"
            "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
            "connection.")
    causes = _causes(text)
    assert causes and causes[0] != OUTDATED, causes


@pytest.mark.parametrize("text", [
    # SpiderMonkey's TypeError as Thunderbird-family dialogs show it, without its "TypeError:" prefix, under the
    # compose window's sendFailed title (JSMSG_UNEXPECTED_TYPE "{0} is {1}", JSMSG_NOT_FUNCTION "{0} is not a
    # function"): the program's (or an add-on's) script failed before anything reached a server
    pytest.param("Sending of the message failed.\nidentity.smtpServer is undefined", id="spidermonkey-undefined"),
    pytest.param("Sending of the message failed.\nthis.transport.send is not a function", id="spidermonkey-not-function"),
    pytest.param("Could not connect to the mail server.\nserver.socket is undefined", id="connect-and-undefined"),
])
def test_a_script_error_beside_a_failure_without_reason_is_the_programs_bug(text: str) -> None:
    causes = _causes(text)
    assert causes and causes[0] == OUTDATED, causes


def test_a_failure_without_reason_and_without_a_script_error_keeps_the_connection_reading() -> None:
    causes = _causes("Sending of the message failed.\nThe message could not be sent.")
    assert causes and causes[0] != OUTDATED, causes

"""A pasted text that shows a mail client's add-on in its failure, read as the add-on (client-plugin-conflict).

Add-ons run inside the mail client, on its sending and receiving path. A text shows one in the failure in three
ways (mailexpert/data/add-ons.yaml, fact client.addon): a Thunderbird error-console stack through the add-on's own
code (its moz-extension:// page, or extensions/<id>.xpi! in the profile) beside Thunderbird's own mail code; the
client's own message that it disabled an add-in (Outlook's event 59); the user's words that mail works without
add-ons (safe mode, Troubleshoot Mode) or fails only with one on, as add-ons' trackers quote them.

Where the text also holds a server's refusal (Thunderbird's "Login to server ... failed", a 5.7.1), that refusal
says what the server decided and ranks first; the add-on follows. A stack through an add-on's code without the
client's mail code, and an add-on only loaded ("Loading packed extension from ....xpi"), say nothing of the mail
failure and are not read as the add-on.

Each case names its source: the add-on tracker's report whose words it quotes, or the vendor's page."""

from __future__ import annotations

import pytest
from helpers import causes_of as _causes

PLUGIN = "client-plugin-conflict"

# Thunderbird's own wordings, as the project's tables already carry them with their sources:
# composeMsgs.properties sendFailed (data/concepts.yaml) and mailServerLoginFailed2 (data/client-messages.yaml).
SEND_FAILED = "Sending of the message failed."
LOGIN_FAILED = "Login to server smtp.example.com with username user@example.com failed."

CASES = [
    # --- the user's words that mail fails only with the add-on on, or works without add-ons ------------------
    # Extended-Thunder/send-later#674: "I'm having this error only when Send later plug-in is active." above
    # Thunderbird's "Sending of the message failed." dialog
    pytest.param("I'm having this error only when Send later plug-in is active.\n" + SEND_FAILED,
                 (PLUGIN,), id="send-later-674-only-when-active"),
    # dreadnaut/bordercolors-d#24: "I cannot send messages anymore while bordercolors-d is active. Simply nothings
    # happens, and the compose window stays open. Disabling bordercolors-d solves the problem."
    pytest.param("With the new TB 91, I cannot send messages anymore while bordercolors-d is active. Simply "
                 "nothings happens, and the compose window stays open. Disabling bordercolors-d solves the problem.",
                 (PLUGIN,), id="bordercolors-24-disabling-solves"),
    # Meatian/confirm-address#29: "After updating thunderbird 52.0 confirm-address Add-on stop sending email.
    # (Turn off this Add-on, can send mail)"
    pytest.param("After updating thunderbird 52.0 confirm-address Add-on stop sending email.\n\n"
                 "(Turn off this Add-on, can send mail)", (PLUGIN,), id="confirm-address-29-turn-off"),
    # The safe-mode test Microsoft's page starts with (MicrosoftDocs/OfficeDocs-Support crash-issues.md, Step 1:
    # outlook.exe /safe), as a user reports its result beside Outlook's send error
    pytest.param("Your message could not be sent. It works in safe mode (outlook.exe /safe) though.",
                 (PLUGIN,), id="outlook-works-in-safe-mode"),
    # Thunderbird's Troubleshoot Mode (its extensions disabled for the time: toolkit safeMode.ftl
    # troubleshoot-mode-description), as send-later#389's reporter words its result
    pytest.param(SEND_FAILED + " In Troubleshoot Mode it sends fine.", (PLUGIN,),
                 id="thunderbird-troubleshoot-mode-sends"),
    # send-later#389's words for the same test ("The restart issue does not occur in Troubleshoot Mode")
    pytest.param(SEND_FAILED + " The error does not occur in Troubleshoot Mode.", (PLUGIN,),
                 id="thunderbird-does-not-occur-in-troubleshoot-mode"),
    pytest.param("Thunderbird works in troubleshoot mode, so it must be an add-on", (PLUGIN,),
                 id="thunderbird-works-in-troubleshoot-mode"),
    # --- the client's own message that it disabled an add-in ---------------------------------------------------
    # learn.microsoft.com KB 2758876: Outlook's event 59 for an add-in it disabled
    pytest.param("Outlook disabled the following add-ins\nProgID: SlowShutdownAddin\n"
                 "GUID: {F3C2E1BA-8C08-4EF6-A05E-C67140965CB6}\nName: SlowShutdownAddin\nLoad Behavior: 3",
                 (PLUGIN,), id="outlook-event-59-disabled-addins"),
    # --- a stack through an add-on's code beside Thunderbird's mail code, with a failure that says not why -----
    # Frames as Thunderbird's error console writes them ("<function> <url>:<line>", send-later#16 and
    # darktrojan/openwith#339's moz-extension://<uuid>/background.js:79); comm-central's MessageSend.sys.mjs
    pytest.param(SEND_FAILED + "\n"
                 "    sendMessageFile resource:///modules/MessageSend.sys.mjs:180\n"
                 "    onBeforeSend moz-extension://9af64f01-5225-4d2e-bc9c-3d9598668de1/background.js:79",
                 (PLUGIN,), id="thunderbird-send-through-moz-extension"),
    # A packed add-on's frame: jar:file:///.../extensions/<id>.xpi!/<file> (gecko lcov_rewriter.py's form)
    # with the error 4ch1m/mozext#46's console showed on Send with an add-on on
    pytest.param("NS_ERROR_FAILURE: Component returned failure code: 0x80004005 (NS_ERROR_FAILURE) "
                 "[nsIEditor.getInlineSpellChecker] MsgComposeCommands.js:401\n"
                 "    onSend jar:file:///home/u/.thunderbird/abcd.default/extensions/sendlater3@kamens.us.xpi!/"
                 "background.js:412\n"
                 "    GenericSendMessage chrome://messenger/content/messengercompose/MsgComposeCommands.js:4520",
                 (PLUGIN,), id="thunderbird-compose-through-xpi-frame"),
]


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_a_text_that_shows_an_add_on_in_the_failure_reads_as_the_add_on(text: str, accepted: tuple[str, ...]) -> None:
    causes = _causes(text)
    assert causes and causes[0] in accepted, causes


def test_a_servers_refusal_beside_an_add_ons_stack_stays_first() -> None:
    """Thunderbird's "Login to server ... failed" (shown after the server refused AUTH, SmtpClient.sys.mjs
    _actionAUTHComplete) with a stack through an add-on: the server refused the credentials, whatever carried
    the request; the add-on is listed after it, as the next thing to test."""
    text = (LOGIN_FAILED + "\n"
            "    _actionAUTHComplete resource:///modules/SmtpClient.sys.mjs:812\n"
            "    onSend moz-extension://9af64f01-5225-4d2e-bc9c-3d9598668de1/background.js:79")
    causes = _causes(text)
    assert causes and causes[0] == "password-rejected", causes
    assert PLUGIN in causes, causes


@pytest.mark.parametrize("text", [
    # darktrojan/openwith#339: an add-on's own error (no native application) with its moz-extension frame, and no
    # frame of the client's mail code: not a mail failure
    pytest.param("ExtensionError: No such native application open_with 4 ExtensionUtils.jsm:58:5\n"
                 "    ExtensionError resource://gre/modules/ExtensionUtils.jsm:58\n"
                 "    startupPromise resource://gre/modules/NativeMessaging.jsm:81\n"
                 "<unavailable> null background.js:79:11\n"
                 "    error_listener moz-extension://9af64f01-5225-4d2e-bc9c-3d9598668de1/background.js:79",
                 id="openwith-339-no-mail-code"),
    # thsmi/sieve#175: the loader names the packed add-on's file, without a frame in it ("!/"): loading is no failure
    pytest.param("WebExtensions: Loading packed extension from /home/hugh/.thunderbird/tpckjxj6.default/extensions/"
                 "dkim_verifier@pl.xpi ext-legacy.js:109\n"
                 "uncaught exception: 2147746065 autosync.jsm:199:30", id="sieve-175-loading-only"),
    # The safe-mode test that fails too says the add-ons are not the cause
    pytest.param(SEND_FAILED + " It does not work in safe mode either.", id="fails-in-safe-mode-too"),
    pytest.param(SEND_FAILED + " The error appears in safe mode too.", id="appears-in-safe-mode-too"),
    pytest.param(SEND_FAILED + " Nothing works even in safe mode.", id="nothing-works-even-in-safe-mode"),
    pytest.param(SEND_FAILED + " I tried sending in safe mode and got the same error.", id="tried-sending-in-safe-mode"),
    # Windows' safe mode starts Windows without third-party services, not the mail client without add-ons
    pytest.param(SEND_FAILED + " It works in safe mode with networking.", id="windows-safe-mode-with-networking"),
    pytest.param(SEND_FAILED + " Same error in troubleshoot mode, it doesn't work in troubleshoot mode.",
                 id="fails-in-troubleshoot-mode"),
])
def test_a_text_that_does_not_show_an_add_on_in_the_failure_is_not_read_as_one(text: str) -> None:
    assert PLUGIN not in _causes(text)[:1]

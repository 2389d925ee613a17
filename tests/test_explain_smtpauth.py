"""``explain`` on a refused send as the mail programs and providers present it: the client did not log in
(smtp-auth-not-enabled: "My outgoing server requires authentication" off, a relay refused, POP before SMTP),
or it logged in and the sender is not one the account may use (sender-address-not-allowed: Send As, an
unverified sender identity). The servers' own source texts are in test_explain_senddiff.py,
test_explain_relays.py and test_explain_sender_and_client_ip.py; these are the dialogs, the NDRs and the
providers' pages. Each case carries where its words were read, and the causes it may honestly read as
first (a relay refusal that names no port may also be port 25 of an inbound server,
mx-host-used-for-submission)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

AUTH = ("smtp-auth-not-enabled",)
RELAY = ("smtp-auth-not-enabled", "mx-host-used-for-submission")
SENDER = ("sender-address-not-allowed",)


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


CASES = [
    # -- the client sends without logging in --------------------------------------------------------------
    pytest.param(
        "The message could not be sent because one of the recipients was rejected by the server. The rejected "
        "e-mail address was 'someone@example.com'. Subject: 'Test', Account: 'Test', Server: 'smtp.example.com', "
        "Protocol: SMTP, Server Response: '550 <someone@example.com>... Relaying Denied', Port: 25, Secure (SSL): "
        "No, Server Error: 550, Error Number: 0x800CCC79",
        RELAY, id="outlook-0x800ccc79-relaying-denied",
        # Microsoft KB 290842 (Outlook 2002/2003): ftp.zx.net.nz/pub/archive/ftp.microsoft.com/MISC/KB/en-us/290/842.HTM
    ),
    pytest.param(
        "The message could not be sent because one of the recipients was rejected by the server. The rejected "
        "email address was 'someone@example.com'. Subject '<Test>', Account: '<Test>', Server: 'smtp.example.com', "
        "Protocol: SMTP, Server Response: '553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)', "
        "Port: 25, Secure(SSL): No, Server Error: 553, Error Number: 0x800CCC79.",
        RELAY, id="outlook-0x800ccc79-rcpthosts",
        # support.office.com article 65b494a4-0a15-433e-829f-e73651e0245e ("I receive a 550, 553, or relay-prohibited error")
    ),
    pytest.param(
        "The message could not be sent because one of the recipients was rejected by the server. The rejected "
        "e-mail address was 'username@example.net'. Subject 'subject', Account: 'example account', Server: "
        "'smtp.example.net', Protocol: SMTP, Server Response: '553. To send mail, first check your mail with a "
        "valid POP account; this prevents unauthorized SPAM relaying. (#5.7.1)', Port: 25, Secure(SSL): No, "
        "Server Error: 553, Error Number: 0x800CCC79",
        AUTH, id="outlook-express-pop-before-smtp",
        # an ISP's help page on Outlook Express (POP before SMTP): www.oceanfree.net/services/help/tech.html
    ),
    pytest.param(
        "The message could not be sent because the server rejected the sender's e-mail address. The sender's "
        "e-mail address was user@example.com . Subject 'Subject', Account: 'mail.example.com', Server: "
        "'mail.example.com', Protocol: SMTP, Server Response: 451 user@example.com please authenticate before "
        "send', Port: 25, Secure(SSL): No, Server Error: 451, Error Number: 0x800CCC78",
        AUTH, id="outlook-express-0x800ccc78-authenticate-before-send",
        # afteroffice.com/support, faq:email:smtp_error_please_authenticate_before_sending_email
    ),
    pytest.param(
        "The message could not be sent because one of the recipients was rejected by the server.\n"
        "The rejected e-mail address was 'anemail@example.net', Subject: 'Re: Whatever,',\n"
        "Account: 'mail.yourisp.net', Server: 'mail.yourisp.net', Protocol: SMTP,\n"
        "Server Response: '550 not local host example.net, not a gateway', Port 25,\n"
        "Secure (SSL): no, Server Error: 550, Error Number: 0x800CCC79.",
        RELAY, id="outlook-express-not-a-gateway",
        # an ISP's help page, fixed by "My server requires authentication": www.ihmars.com/Irism/techtipOE550.htm
    ),
    pytest.param(
        "The message could not be sent. The authentication setting might not be correct for your outgoing e-mail "
        "[SMTP] server. For help solving this problem, go to Help, search for \"Troubleshoot Windows Mail\", and "
        "read the \"I'm having problems sending e-mail\" section. If you need help determining the proper server "
        "settings, please contact your e-mail service provider.",
        AUTH, id="windows-mail-authentication-setting",
        # Windows Mail (Vista) on 0x800CCC79, as a user quotes it: tech-archive.net/Archive/Vista/
        # microsoft.public.windows.vista.mail/2010-05/msg00771.html
    ),
    pytest.param(
        "Cannot Send Mail\nA copy has been placed in your Outbox. The recipient was rejected by the server because "
        "it does not allow relaying.",
        AUTH, id="ios-mail-does-not-allow-relaying",
        # smg.co.nz/iphone-email-shows-rejected-by-the-server-when-sending-emails (fix: the outgoing server's user name
        # and password); techzillo.com/how-to-fix-server-does-not-allow-relaying
    ),
    pytest.param(
        "An error occurred while sending mail. The mail server responded: 5.7.1\n<someone@hotmail.com>...Relaying "
        "denied. Please verify that your email address is correct in your Mail preferences and try again.",
        RELAY, id="thunderbird-1-relaying-denied",
        # Mozilla Thunderbird 1.0.2 (MK_ERROR_SENDING_FROM_COMMAND), as a forum user quotes it
    ),
    pytest.param(
        "An error occurred while sending mail. The mail server responded:\n    554 5.7.1 <bob@example.net>: Relay "
        "access denied.\n    Please check the message recipient \"bob@example.net\" and try again.",
        RELAY, id="thunderbird-recipient-relay-access-denied",
        # Thunderbird's smtp-error-sending-recipient-command (comm-central, messengercompose/send.ftl) around Postfix's
        # relay refusal (vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c, "Relay access denied")
    ),
    pytest.param(
        "The mail server responded: relay not permitted.",
        RELAY, id="thunderbird-relay-not-permitted",
        # a Thunderbird user through an ISP's smarthost (ubuntuforums.org, as quoted on a forum thread)
    ),
    pytest.param(
        "571 5.7.1 Relay access denied",
        RELAY, id="fairemail-faq-571",
        # M66B/FairEmail:FAQ.md@e23dd9df, Send errors ("please double check the username and email address")
    ),
    pytest.param(
        "550 5.7.1.You must check for new mail before sending mail ... Local senders are prohibited to send to "
        "local recipients without authentication",
        AUTH, id="fairemail-faq-check-for-new-mail",
        # M66B/FairEmail:FAQ.md@e23dd9df, Send errors ("did you enter a username/password ... Login before sending")
    ),
    pytest.param(
        "Relaying denied: You must check for new mail before sending mail",
        AUTH, id="webmail-host-pop-before-smtp",
        # a host's help page on sending (POP before SMTP): help.websiteos.com/webmail/sending_email.htm
    ),
    pytest.param(
        "Mailbox unavailable. The server response was: (WS-SVR) [203.0.113.5]:12345 is currently not permitted to "
        "relay.",
        RELAY, id="dotnet-smtpclient-not-permitted-to-relay",
        # Open Dental's e-mail setup help (System.Net.Mail's wording around the server's reply): "allow the relay"
    ),
    # -- logged in, but the sender is not one the account may use -------------------------------------------
    pytest.param(
        "An unknown error has occurred. Subject 'Test', Account 'alice', server 'mail.example.com', Protocol: SMTP, "
        "Server Response: '554 Originator address does not match authentication credentials', Port: 25, "
        "Secure(SSL): No, Server Error: 554, Error Number: 0x800CCC6F",
        SENDER, id="exchange-55-originator-outlook",
        # Microsoft KB Q186134 (jeffpar/kbarchive:kb/186/Q186134/README.md)
    ),
    pytest.param(
        "An Error occurred sending mail.\n\nThe mail server responded: Originator address does not match "
        "authentication credential.\n\nPlease check the message and try again.",
        SENDER, id="exchange-55-originator-netscape",
        # Microsoft KB Q186134, the Netscape Communicator 4.03 dialog
    ),
    pytest.param(
        "This message could not be sent. Try sending the message again later, or contact your network "
        "administrator. You do not have the permission to send the message on behalf of the specified user. "
        "Error is [0x80070005-0x0004dc-0x000524].",
        SENDER, id="outlook-ndr-send-on-behalf",
        # learn.microsoft.com/en-us/troubleshoot/exchange/mailflow/cannot-send-email-with-full-access (Cached mode)
    ),
    pytest.param(
        "You do not have the permission to send the message on behalf of the specified users.",
        SENDER, id="outlook-online-send-on-behalf",
        # the same page, Online mode
    ),
    pytest.param(
        '"ErrorSendAsDenied","message":"The user account which was used to submit this request does not have the '
        'right to send mail on behalf of the specified sending account., Cannot submit message."',
        SENDER, id="graph-error-send-as-denied",
        # microsoftgraph/microsoft-graph-docs-contrib:concepts/outlook-send-mail-from-other-user.md (HTTP 403)
    ),
    pytest.param(
        "The user account which was used to submit this request does not have the right to send mail on behalf "
        "of the specified sending account.",
        SENDER, id="ews-error-send-as-denied",
        # learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorSendAsDenied)
    ),
    pytest.param(
        "com.sun.mail.smtp.SMTPSendFailedException: 554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException."
        "MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot "
        "submit message.",
        SENDER, id="outlook-com-storedrv-send-as-denied",
        # Outlook.com's SMTP through JavaMail (a JavaMail write-up: "the login user and the sender differ")
    ),
    pytest.param(
        '"ErrorCode": "send-0008", "StatusCode": 403, "ErrorMessage": "\\"someone@example.com\\" is not an '
        'authorized sender email address for your account."',
        SENDER, id="mailjet-send-0008",
        # mailjet/mailjet-apiv3-go:mailjet_client_test.go; gist.github.com/arnaudbreton/f09ac2dcb1316790a5336756556e5f72
    ),
    pytest.param(
        "553 Relaying disallowed as <noreply@example.com>",
        SENDER, id="zeptomail-relaying-disallowed-as",
        # www.zoho.com/zeptomail/help/api/smtp-error-codes.html ("Sending email from Invalid 'from' address domain")
    ),
    pytest.param(
        "An error occurred while sending mail. The mail server responded: 550-Requested action not taken: mailbox "
        "unavailable 550 Sender address is not allowed.. Please verify that your email address is correct in your "
        "account settings and try again.",
        SENDER, id="thunderbird-from-command-gmx",
        # Thunderbird's smtp-error-sending-from-command (comm-central, messengercompose/send.ftl) around GMX's refusal
        # of MAIL FROM (infertux/zeyple#49)
    ),
    # -- the differentials: the server's words decide, not the program's guess -------------------------------
    pytest.param(
        "The message could not be sent. The authentication setting might not be correct for your outgoing e-mail "
        "[SMTP] server. For help solving this problem, go to Help, search for \"Troubleshoot Windows Mail\", and "
        "read the \"I'm having problems sending e-mail\" section. If you need help determining the proper server "
        "settings, please contact your e-mail service provider.\n\nThe rejected e-mail address was "
        "'catroy@example.com'. Subject 'Fw: Corpus Christi', Account: ' (1)', Server: 'smtp.example.com', "
        "Protocol: SMTP, Server Response: '450 Traffic is being throttled (recipients per ip limit: "
        "GlobalIPAddressLimits)', Port: 25, Secure(SSL): No, Server Error: 450, Error Number: 0x800CCC79",
        ("sending-rate-limited", "server-reply-transient"), id="windows-mail-throttled-is-no-missing-login",
        # the same quote in microsoft.public.windows.vista.mail: the server's 450 throttles, the login is fine
    ),
    pytest.param(
        "The rejected e-mail address was 'jesse@example.com'. Subject 'hee', Account: 'example.com', Server: "
        "'example.com', Protocol: SMTP, Server Response: '451 4.3.0 <jesse@example.com>: Temporary lookup failure', "
        "Port: 25, Secure(SSL): No, Server Error: 451, Error Number: 0x800CCC79",
        ("server-reply-transient",), id="outlook-0x800ccc79-lookup-failure",
        # a howtoforge forum user's Outlook Express against Postfix (a temporary lookup failure, not a relay refusal)
    ),
    pytest.param(
        "An error occurred while sending mail. The mail server responded: 530 Must issue a STARTTLS command first.. "
        "Please verify that your email address is correct in your account settings and try again.",
        ("auth-requires-tls",), id="thunderbird-from-command-starttls-first",
        # Thunderbird's smtp-error-sending-from-command around ZeptoMail's 530 (its SMTP error codes page)
    ),
    pytest.param(
        "Invalid login: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
        "Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.",
        ("basic-auth-disabled", "protocol-disabled-for-account"), id="m365-smtp-auth-disabled-mailbox",
        # Microsoft 365's 5.7.139 as nodemailer quotes it (aka.ms/smtp_auth_disabled): SMTP AUTH switched off for the
        # mailbox, a password login's refusal read as tests/test_provider_replies.py reads it -- never a missing login
    ),
    pytest.param(
        "550 Request failed; Mailbox unavailable",
        ("server-reply-permanent",), id="yahoo-request-failed-undecided",
        # Yahoo's and AT&T's outgoing servers (thunderbird/thunderbird-android's SmtpResponseParser test quotes it as
        # Yahoo's): users meet it for an envelope sender that is not the account's and for other refusals alike, so
        # its words decide nothing and the generic reading of a permanent refusal stays
    ),
    pytest.param(
        "Mail from 192.0.32.10 not allowed - 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus "
        "XBL; see http://postmaster.yahoo.com/errors/550-bl23.html [550]",
        ("client-ip-blocklisted",), id="yahoo-bl23-listed-address",
        # blog.mailchannels.com/the-worlds-most-popular-smtp-error-responses (Yahoo's refusal of a listed address)
    ),
]


@pytest.mark.parametrize(("text", "ok"), CASES)
def test_the_refused_send_reads_as_its_cause(text: str, ok: tuple[str, ...]) -> None:
    found = causes(text)
    assert found and found[0] in ok, found


@pytest.mark.parametrize("text", [case.values[0] for case in CASES if case.id in {
    # A sender refusal is not a wrong password nor a network fault, whatever else the program's words say.
    "exchange-55-originator-netscape", "outlook-ndr-send-on-behalf", "outlook-online-send-on-behalf",
    "graph-error-send-as-denied", "mailjet-send-0008",
}])
def test_a_send_as_refusal_names_neither_password_nor_network(text: str) -> None:
    found = causes(text)
    assert not {"password-rejected", "port-blocked-outbound", "port-closed"} & set(found), found

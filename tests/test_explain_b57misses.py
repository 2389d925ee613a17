"""Providers' and servers' refusals whose words, or whose place in a log line, name the cause -- and their neighbours.

A catalogue of real wordings, each checked at its source (the program that prints it, the provider's own page, or a
public log of it), with the causes each may honestly read as; the first cause ``explain`` names must be one of them.

- A reply code right after Chinese or Japanese text, with no space between (PMail logs "%v 邮件投递失败%+v" with the
  reply, Jinnrry/PMail:server/utils/send/send.go doSend): Chinese and Japanese write no spaces between words, so the
  code stands on its own; digits inside a Latin word or an identifier still do not read as a code.
- The sender refusals of submission servers: Sina Mail's own "Envolope sender mismatch with login user" (and "... with
  header from"), the shared-hosting filter's "Your domain D is not allowed in header From", AdvancedFiltering's
  'may not use "From:" address'.
- United Internet's (GMX, WEB.DE) policy refusal, whose link's case code names the verdict: "hi" and the r07NN case
  pages are the message's headers (content-filtered), r03NN the sending IP's listing (not content).
- Haraka's end-of-session line: a connection that may not relay (relay=N), no recipient accepted and DATA refused
  for it ("503 RCPT required first") had its recipients refused, as Haraka refuses one of another domain to a client
  that did not log in; its "rdns=" field names the client, no reverse-DNS refusal.
- Kerio Connect's NTLM log "performed NTLM authentication in NT domain D, this domain is not valid": the login's
  domain part, not its password.

The differential: a sender refusal is not a relay refusal nor a content verdict; a GMX block-list case is not a
header verdict; a login refusal that gives no reason stays the generic reading (password or user name); a code
after a Latin word is no code."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

from mailexpert.errors import InputError
from mailexpert.explain import explain

SENDER = ("sender-address-not-allowed",)
CONTENT = ("content-filtered",)
LOGIN = ("password-rejected", "username-wrong")
NT_DOMAIN = ("username-wrong", "auth-mechanism-unsupported")
BLOCKED = ("client-ip-blocklisted", "client-ip-refused")
RELAY = ("smtp-auth-not-enabled", "mx-host-used-for-submission")

PMAIL = "Jinnrry/PMail:server/utils/send/send.go (doSend: Errorf('%v 邮件投递失败%+v', tos, err))"
SINA = "jkgaoyuan/code:all_note/day11/inet_mail.py (smtp.sina.cn answers 553 when the From is not the login's address)"
UI_HI = ("https://newbetuts.com/1051380 (web.de/email/senderguidelines?...&c=hi and WEB.DE support's answer: headers "
         "not RFC 5321/5322 compliant); zammad/zammad#4630 (postmaster.web.de/en/case?c=hi)")
UI_R0735 = "nextcloud/mail#11368 (WEB.DE), nextcloud/mail#13665 (GMX): case?c=r0735, 'The header field To is syntactically not correct'"
HARAKA = ("haraka/Haraka:connection.js (disconnect_respond: relay=Y|N, rcpts=accepted/deferred/refused, lr=the last "
          "refusal; cmd_data '503 RCPT required first'; rcpt_respond '550 I cannot deliver mail for')")
KERIO = ("https://support.kerioconnect.gfi.com/article/130064-fixing-smtp-ntlm-authentication-failures-for-service-"
         "accounts-in-kerio-connect (Windows NT domain mismatch)")

CASES = [
    # --- a reply code glued to CJK text ----------------------------------------------------------------------------------
    Case("pmail-qq-content-denied",
         "[error][2024-11-02 00:12:28][ac10000367][/srv/pmail/send.go:114] 邮件投递失败550 Mail content denied "
         "[MJ8vvB3Z9HILDyk IP: 192.0.2.8]. https://service.mail.qq.com/detail/122/171.",
         CONTENT, PMAIL + "; QQ Mail's 550 'Mail content denied', its content filter (service.mail.qq.com/detail/122/171)"),
    Case("cjk-glued-relay-denied",
         "邮件发送失败554 5.7.1 <bob@example.net>: Relay access denied",
         RELAY, PMAIL + "; vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unauth_destination)"),
    Case("japanese-glued-auth-failed",
         "送信に失敗しました535 5.7.8 Error: authentication failed: authentication failure",
         LOGIN, "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c ('535 5.7.8 Error: authentication failed: %s'), "
         "after a Japanese message with no space, as Chinese and Japanese logs write it"),
    # --- sender refusals ---------------------------------------------------------------------------------------------------
    Case("sina-envelope-sender-login-user",
         "gomail: could not send email 1: 553 Envolope sender mismatch with login user..",
         SENDER, SINA),
    Case("sina-envelope-sender-header-from",
         "smtplib.SMTPDataError: (553, b'Envolope sender mismatch with header from..')",
         SENDER, SINA),
    Case("namecheap-domain-not-allowed-in-header-from",
         'SMTP Error: The following recipients failed: bob@example.net: "Your IP: 198.51.100.104 : Your domain '
         'example.org is not allowed in\nheader From"',
         SENDER, "https://pastebin.com/sLM0sRPg (PHPMailer on a Namecheap shared host, a WordPress From domain)"),
    Case("advancedfiltering-may-not-use-from",
         '550 Authenticated user example.org may not use "From:" address alice@example.net',
         SENDER, "roman-rybalko/af:tests/submission/10-acl/40-data/30-from/10-address-check/50-authz/20-domain/test.sh"),
    # --- GMX / WEB.DE case codes ------------------------------------------------------------------------------------------
    Case("webde-senderguidelines-hi",
         "host mx-ha02.web.de[212.227.17.8] said: 554-Transaction failed 554-Reject due to policy restrictions. 554 For "
         "explanation visit https://web.de/email/senderguidelines?ip=192.0.2.5&c=hi (in reply to end of DATA command)",
         CONTENT, UI_HI),
    Case("gmx-senderguidelines-hi",
         "Remote host said: 554-Transaction failed\n554-Reject due to policy restrictions.\n554 For explanation visit "
         "https://www.gmx.net/mail/senderguidelines?ip=192.0.2.5&c=hi",
         CONTENT, UI_HI + "; the same code behind GMX's older link"),
    Case("webde-case-r0735",
         '"The header field "To" is syntactically not correct." (554 Transaction failed Reject due to policy '
         'restrictions ) https://postmaster.web.de/en/case?c=r0735&i=ip&v=192.0.2.9&r=1MbDI4',
         CONTENT, UI_R0735),
    Case("gmx-case-r0735",
         "554-Transaction failed 554-Reject due to policy restrictions. 554 For explanation visit\n"
         "    https://postmaster.gmx.net/en/case?c=r0735",
         CONTENT, UI_R0735),
    # --- Kerio Connect NTLM -----------------------------------------------------------------------------------------------
    Case("kerio-ntlm-nt-domain-not-valid",
         "Failed SMTP login from [mailer.example.org] with SASL method NTLM\n"
         "User [svc-mail] performed NTLM authentication in NT domain [EXAMPLE], this domain is not valid.",
         NT_DOMAIN, KERIO),
    # --- Haraka's end-of-session line ------------------------------------------------------------------------------------
    Case("haraka-relay-n-no-recipient-503",
         '[NOTICE] [1F2E3D4C-5B6A-4789-9ABC-DEF012345678.2] [core] disconnect ip=192.0.2.30 rdns=host.example.internal '
         'helo=host.example.internal relay=N early=N esmtp=Y tls=N pipe=N errors=2 txns=2 rcpts=0/0/2 msgs=0/0/0 '
         'bytes=0 lr="503 RCPT required first" time=0.07',
         ("smtp-auth-not-enabled",), HARAKA),
    Case("haraka-relay-n-cannot-deliver",
         '[NOTICE] [core] disconnect ip=192.0.2.30 rdns=host.example.org helo=host.example.org relay=N early=N esmtp=Y '
         'tls=N pipe=N errors=1 txns=1 rcpts=0/0/1 msgs=0/0/0 bytes=0 lr="550 I cannot deliver mail for '
         '<bob@example.net>" time=0.05',
         RELAY, HARAKA),
    # --- neighbours that keep their reading -------------------------------------------------------------------------------
    Case("gmx-case-r0303-block-list",
         "gmx.net (mxgmx009) Nemesis ESMTP Service not available\nNo SMTP service\nIP address is block listed.\n"
         "For explanation visit https://postmaster.gmx.net/en/case?c=r0303&i=ip&v=198.51.100.1",
         BLOCKED, "postmaster.gmx.net case r0303: the sending IP is block listed (the reply's own words)"),
    Case("haraka-relay-y-user-not-found",
         '[NOTICE] [core] disconnect ip=192.0.2.30 rdns=host.example.org helo=host.example.org relay=Y early=N esmtp=Y '
         'tls=Y pipe=N errors=1 txns=1 rcpts=0/0/1 msgs=0/0/0 bytes=0 lr="550 User not found" time=0.05',
         ("server-reply-permanent",), HARAKA + " (a connection that may relay: the recipient itself)"),
    Case("postfix-reverse-hostname",
         "450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.31]",
         (*BLOCKED, "server-reply-transient"), "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c "
         "(reject_unknown_reverse_client_hostname: 'cannot find your reverse hostname')"),
    Case("postfix-not-owned-by-user",
         "553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org",
         SENDER, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_sender_login_mismatch)"),
    Case("postfix-relay-access-denied",
         "554 5.7.1 <bob@example.net>: Relay access denied",
         RELAY, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unauth_destination)"),
    Case("kerio-ntlm-failed-no-reason",
         "Failed SMTP login from [mailer.example.org] with SASL method NTLM\n535 5.7.8 Authentication failed",
         LOGIN, KERIO + " (the first line alone, and a refusal that gives no reason)"),
    Case("generic-auth-failed",
         "535 5.7.8 Error: authentication failed: authentication failure",
         LOGIN, "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_wording_reads_as_its_cause(case: Case):
    causes = causes_of(case.text)
    assert case.source and causes, f"{case.name}: no cause named"
    assert causes[0] in case.causes, f"{case.name}: {causes[:4]}"


# A number inside a Latin word or an identifier is no reply code, CJK or not beside it.
@pytest.mark.parametrize("text", [
    "build ABC550 Mail content denied",
    "订单号A550 已处理",
])
def test_a_code_inside_a_word_is_no_reply(text: str):
    try:
        report = explain(text)
    except InputError:
        return
    for d in report.diagnoses:
        for e in d.evidence:
            assert getattr(e, "kind", None) != "server.reply" or getattr(e, "code", None) != 550, (text, d.cause)


def test_a_failure_without_a_reason_stays_generic():
    report = explain("Error: Send error: permanent: 5.7.1 Message rejected")
    assert report.top is not None
    assert report.top.severity == "error"
    assert report.top.cause not in ("sender-address-not-allowed", "username-wrong")


def test_the_catalogue_names_each_wording_once():
    names = [c.name for c in CASES]
    texts = [c.text for c in CASES]
    assert len(set(names)) == len(names)
    assert len(set(texts)) == len(texts)

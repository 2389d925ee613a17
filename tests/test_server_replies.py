"""Servers' own words without their codes (mailexpert/data/server-replies.yaml): a mail program
that shows only the words of a refusal ("The mail server responded: Relay access denied") leads
where the reply with its codes leads, while generic words, somebody else's longer phrase and
texts not about mail are not taken for a server's refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailexpert.account import ServerSetting
from mailexpert.classify import error_texts
from mailexpert.errors import DataTableError, InputError
from mailexpert.explain import explain, recognise
from mailexpert.replies import server_replies, worded_reply
from mailexpert.wordfold import GAP, fold


def _top(text: str, setting: ServerSetting | None = None) -> str:
    report = explain(text, setting=setting)
    return report.diagnoses[0].cause if report.diagnoses else "none"


def _reply(text: str, setting: ServerSetting | None = None) -> dict:
    facts = [f for f in recognise(text, setting=setting).facts if f.kind == "server.reply"]
    assert len(facts) == 1, facts
    return {k: facts[0].get(k) for k in ("protocol", "status", "code", "enhanced", "response_code", "stage")}


def _words(match: str) -> str:
    return match.replace(GAP, " bob@example.org ")


#: How a client names the command a reply answers (error-texts.yaml ``stages``): the reply with its codes
#: is given the step a row's words always answer, as a log or a bounce would say it.
_STEP = {"mail": "{} (in reply to MAIL FROM command)", "rcpt": "{} (in reply to RCPT TO command)",
         "data": "{} (in reply to end of DATA command)", "auth": "SMTP ERROR: Password command failed: {}",
         "capability": "SMTP ERROR: EHLO command failed: {}", "greeting": "smtplib.SMTPConnectError: {}",
         "starttls": "SMTP ERROR: STARTTLS command failed: {}"}


def _coded(protocol: str, form: str, words: str, stage: str | None) -> str:
    if protocol == "imap":
        return f"a1 {form} {words}"
    coded = f"{form} {words}"
    return _STEP[stage].format(coded) if protocol == "smtp" and stage else coded


@pytest.mark.parametrize("row", server_replies(), ids=lambda r: r["match"][:40])
def test_the_words_alone_lead_where_the_reply_with_its_codes_leads(row: dict) -> None:
    # Words other programs use too are read only in a text about mail: as a mail program quotes them.
    said = "" if row.get("strong", True) else "The mail server responded: "
    words = said + _words(row["match"])
    for protocol, form in row["reply"]:
        setting = ServerSetting.parse(protocol, "mail.example.org") if len(row["reply"]) > 1 else None
        coded = said + _coded(protocol, form, _words(row["match"]), row.get("stage"))
        assert _top(words, setting) == _top(coded, setting), (protocol, form, coded)


@pytest.mark.parametrize("row", server_replies(), ids=lambda r: r["match"][:40])
def test_every_row_is_lower_case_with_its_source_and_codes_of_a_failure(row: dict) -> None:
    assert row["match"] == fold(row["match"]) and row["source"].strip()
    for protocol, form in row["reply"]:
        assert worded_reply(form, "x")["protocol"] == protocol


def test_no_servers_words_are_stated_twice() -> None:
    """Each of a server's words stands once: here with its codes, not again among the wordings of
    error-texts.yaml and the catalogues (which would read it without them)."""
    matches = [r["match"] for r in server_replies()]
    assert len(matches) == len(set(matches))
    assert not set(matches) & {str(r.get("match")) for r in error_texts()["wordings"]}


# A real text of each family, as its software words it (the row's source), without its codes.
@pytest.mark.parametrize(("text", "cause", "fields"), [
    # Postfix, as Thunderbird shows its refusal (composeMsgs.properties: "The mail server responded: %s")
    ("Sending of the message failed.\nAn error occurred while sending mail. The mail server responded: "
     "<bob@example.net>: Relay access denied. Please check the message recipient \"bob@example.net\" and try again.",
     "smtp-auth-not-enabled", {"code": 554, "enhanced": "5.7.1"}),
    ("Client host rejected: Access denied", "server-reply-permanent", {"code": 554, "enhanced": "5.7.1"}),
    ("<alice@example.org>: Sender address rejected: not owned by user bob@example.org", "sender-address-not-allowed",
     {"code": 553, "enhanced": "5.7.1", "stage": "mail"}),
    # A webmail that shows the refusal with the address moved out of its place (mailcow's SOGo):
    # the same words around it.
    ("Failed to add recepient\nSender address rejected(--alice@example.org--): not owned by user.",
     "sender-address-not-allowed", {"code": 553, "enhanced": "5.7.1", "stage": "mail"}),
    ("<bob@example.org>: Recipient address rejected: User unknown in local recipient table",
     "server-reply-permanent", {"code": 550, "enhanced": "5.1.1"}),
    ("<mail>: Helo command rejected: need fully-qualified hostname", "helo-name-rejected",
     {"code": 504, "enhanced": "5.5.2"}),
    ("Error: authentication failed: authentication failure", "password-rejected", {"code": 535, "enhanced": "5.7.8"}),
    # RFC 4954's words, which Thunderbird shows without the 530: the client did not log in, as with the code
    ("Sending of the message failed. An error occurred while sending mail. The mail server responded: "
     "Authentication required", "smtp-auth-not-enabled", {"code": 530, "enhanced": "5.7.0"}),
    # Exim's default configuration
    ("SMTP error from remote server: relay not permitted", "smtp-auth-not-enabled", {"code": 550}),
    ("Incorrect authentication data", "password-rejected", {"code": 535, "stage": "auth"}),
    # Sendmail
    ("<bob@example.net>... Relaying denied. Proper authentication required.", "smtp-auth-not-enabled",
     {"code": 550, "enhanced": "5.7.1"}),
    # qmail
    ("sorry, that domain isn't in my list of allowed rcpthosts", "smtp-auth-not-enabled",
     {"code": 553, "enhanced": "5.7.1"}),
    # Dovecot and Exim's mailbox quota
    ("Quota exceeded (mailbox for user is full)", "server-reply-permanent", {"code": 552, "enhanced": "5.2.2"}),
    ("Mailbox is full", "server-reply-permanent", {"code": 552, "enhanced": "5.2.2"}),
    # Microsoft 365, Gmail, iCloud, Zoho, GMX
    ("Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", "basic-auth-disabled",
     {"code": 535, "enhanced": "5.7.139"}),
    ("Client not authenticated to send mail", "smtp-auth-not-enabled", {"code": 530, "enhanced": "5.7.57"}),
    ("Application-specific password required", "app-password-required", {"code": 534, "enhanced": "5.7.9"}),
    ("From address is not one of your addresses", "sender-address-not-allowed", {"code": 550, "enhanced": "5.7.0"}),
    ("Relaying disallowed as alice@example.org", "sender-address-not-allowed", {"code": 553}),
    ("No SMTP service\nIP address is block listed.", "client-ip-blocklisted", {"code": 554}),
    # NetEase (Coremail), Mail.ru, Orange and La Poste, Alibaba Mail: the sender is not the account's
    ("Error: Mail command failed: Local user only,163 smtp5,HdxpCgA3f+63sTNhtiNZDA--.2001S2 1630777785",
     "sender-address-not-allowed", {"code": 553, "stage": "mail"}),
    ("Error: b'not local sender over smtp'", "sender-address-not-allowed", {"code": 550}),
    ("Emetteur invalide. Invalid Sender. OFR_415 [415]", "sender-address-not-allowed", {"code": 550, "enhanced": "5.1.0"}),
    ("mail from account doesn't conform with authentication", "sender-address-not-allowed", {"code": 440}),
    # JMAP's EmailSubmission refusal of a From address (RFC 8621 section 7.5), as Fastmail's Cyrus words it
    ('{"notCreated":{"k1":{"description":"User not permitted to send with this from address (unverified header)",'
     '"type":"forbiddenFrom"}}}', "sender-address-not-allowed", {"code": 553, "stage": "mail"}),
    ('{"notCreated":{"k1":{"type":"forbiddenFrom"}}}', "sender-address-not-allowed", {"code": 553}),
    # Exchange's account barred from sending; a relay's 24-hour quota
    ("Submission has been disabled for this account", "sending-limit-exceeded", {"code": 550, "enhanced": "5.7.1"}),
    ("User me@example.org has exceeded its 24-hour sending limit. Messages to 25 recipients out of 25",
     "sending-limit-exceeded", {"code": 550}),
    # GoDaddy's and Aruba's refused login, as MailKit quotes it with its enhanced code only
    ("The SMTP server has unexpectedly disconnected: 5.7.0 ...authentication rejected", "password-rejected",
     {"code": 535, "enhanced": "5.7.0"}),
    # Orange's and La Poste's refused login (OFR_305); Gmail's session that sent no login
    ("Code d'authentification invalide OFR_305 [305]", "password-rejected", {"code": 550, "stage": "auth"}),
    ("Too many unauthenticated commands.", "smtp-auth-not-enabled", {"code": 554, "enhanced": "5.7.0"}),
    # NetEase's IMAP refusal of a client that has not sent the ID command, as a library words a NO it did not expect
    ("Error: cannot select IMAP mailbox: unexpected NO response: SELECT Unsafe Login. Please contact kefu@188.com for help",
     "client-outdated", {"protocol": "imap", "status": "no"}),
])
def test_a_real_refusal_without_its_codes_is_read_as_its_reply(text: str, cause: str, fields: dict) -> None:
    assert _top(text) == cause
    reply = _reply(text)
    assert {k: reply[k] for k in fields} == fields


def test_the_reply_holds_the_servers_words_not_the_clients_label_for_them() -> None:
    outlook = "Your e-mail server rejected your message. Server Response: 'Relay access denied', Port: 25, Secure(SSL): No"
    facts = [f for f in recognise(outlook).facts if f.kind == "server.reply"]
    assert [f.get("text") for f in facts] == ["5.7.1 Relay access denied"]


def test_the_protocol_the_text_is_about_picks_the_codes_of_that_protocol() -> None:
    words = "Quota exceeded (mailbox for user is full)"
    imap = _reply(words, ServerSetting.parse("imap", "mail.example.org"))
    assert (imap["protocol"], imap["status"], imap["response_code"]) == ("imap", "no", "OVERQUOTA")
    assert (_reply(words)["protocol"], _reply(words)["code"]) == ("smtp", 552)
    assert _reply(f"IMAP error: {words}")["response_code"] == "OVERQUOTA"


def test_the_servers_words_a_client_quotes_after_its_timeout_say_why() -> None:
    # The server answered: the connection worked, whatever the client's own words before.
    text = "The connection to the server has timed out. The server responded: Authentication required"
    assert _top(text) == "smtp-auth-not-enabled"
    assert _top("The connection to the server has timed out.") == "port-blocked-outbound"


def test_gmails_imap_words_without_their_tag_are_its_imap_refusals() -> None:
    assert _reply("Invalid credentials (Failure)")["response_code"] == "AUTHENTICATIONFAILED"
    imap = ServerSetting.parse("imap", "imap.gmail.com")
    words = "Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)"
    assert _reply(words, imap)["response_code"] == "ALERT"
    assert _top(words, imap) == "app-password-required"


def test_the_codes_the_text_gives_win_over_the_table() -> None:
    reply = _reply("550 5.7.1 <bob@example.net>: Relay access denied")
    assert (reply["code"], reply["enhanced"]) == (550, "5.7.1")
    # A reply with its codes elsewhere in a pasted log says more than a server's words without them.
    log = ("535 5.7.8 Error: authentication failed: generic failure\n"
           "postfix/smtpd[1002]: warning: SASL authentication failure: cannot connect to saslauthd server: "
           "No such file or directory")
    assert _top(log) == "server-unavailable"


def test_a_reply_quoted_with_only_its_enhanced_code_takes_the_code_the_table_gives_its_words() -> None:
    # Rust's lettre (Delta Chat) prints a refusal as "permanent: 5.7.1 <words>", without the 550 or 554
    # that tells a refusal of the message from one of the sender or the login.
    posteo = "Error: Send error: permanent: 5.7.1 message content rejected"
    assert (_reply(posteo)["code"], _reply(posteo)["enhanced"]) == (550, "5.7.1")
    assert _top(posteo) == "content-filtered"
    yandex = "Permanent SMTP error: permanent: 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc"
    assert _reply(yandex)["code"] == 554 and _top(yandex) == "content-filtered"
    # Another enhanced code than the one the table gives those words is not that reply: no code is made up.
    assert _reply("Error: Send error: permanent: 5.7.0 message content rejected")["code"] is None


def test_generic_words_name_no_servers_refusal() -> None:
    for text in ("Access denied", "Proxy Authentication Required", "Quota exceeded", "Authentication required", "Over quota",
                 "git: remote: Authentication required",
                 "the server said: it is over quota again", "notrelay access denied"):
        with pytest.raises(InputError, match="not one mailexpert recognises"):
            recognise(text)


@pytest.mark.parametrize("text", [
    "fatal error: too many errors emitted, stopping now [-ferror-limit=]",  # clang
    "Admin console: Internal error occurred. Refer to server log for more information.",
    "Request rejected: Access denied for user admin",
    "ldap_bind: Invalid credentials (49) Authentication unsuccessful",
    "Cloudflare: Sorry, your IP address is block listed by the site owner",
])
def test_the_same_words_from_programs_that_are_no_mail_server_are_no_servers_reply(text: str) -> None:
    try:
        facts = recognise(text).facts
    except InputError:
        return
    # (A login refused in words alone may still be read as one, but not as the codes of a mail server's words.)
    replies = [f for f in facts if f.kind == "server.reply" and (f.get("enhanced") or f.get("response_code"))]
    assert not replies, replies


def test_those_words_in_a_text_about_mail_are_the_servers_reply() -> None:
    assert _reply("IMAP: Internal error occurred. Refer to server log for more information.")["response_code"] == "SERVERBUG"
    assert _reply("Client host rejected: Access denied")["code"] == 554


def test_a_mail_program_s_name_that_a_label_reads_says_the_text_is_about_mail() -> None:
    # OfflineIMAP's name is a label (its "offline" is no network gone offline), not its "imap".
    assert _reply("OfflineIMAP: ERROR: Over quota")["status"] in ("permanent", "no")


def test_the_words_are_found_where_they_stand_alone_after_places_inside_longer_words() -> None:
    text = "proxy authentication required for notrelay access denied\nThe server responded: Relay access denied"
    assert _reply(text)["code"] == 554
    assert _reply("the mailbox is over quota, the IMAP server says: Over quota")["response_code"] == "OVERQUOTA"


def test_words_other_programs_use_too_give_way_to_a_tls_error_beside_them() -> None:
    text = ("STARTTLS: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)\n"
            "Authentication required")
    assert _top(text) == "cert-self-signed"


def test_a_row_whose_codes_are_no_failure_is_refused_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "server-replies.yaml"
    path.write_text("replies:\n  - {match: relay access denied, reply: '554 5.7.1', source: s}\n"
                    "  - {match: over quota, reply: {smtp: '250 OK'}, source: s}\n", encoding="utf-8")
    with pytest.raises(DataTableError, match=rf"^{path}:3:32: replies: 'over quota': '250 OK' is no failing smtp"):
        server_replies(path)
    path.write_text("replies:\n  - {match: over quota, reply: {imap: '552 5.2.2'}, source: s}\n", encoding="utf-8")
    with pytest.raises(DataTableError, match="is no failing imap reply's codes"):
        server_replies(path)

"""A small, configurable SMTP server session (Postfix-like), for submission and port 25.

Enough of RFC 5321/3207/4954 for a diagnosis: greeting, EHLO/HELO, STARTTLS, AUTH
(PLAIN, LOGIN, XOAUTH2, OAUTHBEARER), MAIL/RCPT/DATA (messages are discarded), RSET,
NOOP, QUIT. Port 25 behaves like an inbound MX: no AUTH (``503 5.5.1``), relaying
denied (``554 5.7.1``). Submission ports want STARTTLS before AUTH and AUTH before MAIL.
"""

from __future__ import annotations

from mailexpert.lab import replies
from mailexpert.lab.auth import (
    OAUTH_MECHANISMS,
    XOAUTH2_ERROR,
    decide,
)
from mailexpert.lab.conn import LineTooLong, SessionEnd
from mailexpert.lab.session import Session

MESSAGE_LIMIT = 1 << 20  # bytes of DATA read at most


class SMTPSession(Session):
    async def run(self) -> None:
        host = self.server.host_name
        f = self.faults
        self.mx_style = self.server.logical_port == 25
        if f.get("endless") == "greeting":
            await self.endless(lambda n: f"220-{host} ESMTP lab, greeting line {n}")
            return
        if f.has("busy"):
            await self.send_greeting(replies.SMTP_BUSY)
            return
        if f.get("dnsbl") == "greeting":
            await self.send_greeting(replies.SMTP_DNSBL.format(peer=self.conn.peer_address))
            return
        if f.get("auth") == "limit":
            await self.send_greeting(replies.SMTP_TOO_MANY.format(host=host, peer=self.conn.peer_address))
            return
        await self.send_greeting(f"220 {host} ESMTP Postfix (Debian/GNU)")
        if f.has("agree"):
            await self.agree(lambda _line: "250 OK")
            return
        self._reset_state()
        while True:
            try:
                raw = await self.conn.readline()
            except LineTooLong:
                await self.reply("500 5.5.0 Error: line too long")
                return
            verb, _, arg = raw.decode("utf-8", "replace").partition(" ")
            handler = getattr(self, "cmd_" + verb.upper(), None)
            if handler is None:
                await self.reply("502 5.5.2 Error: command not recognized")
                continue
            if await handler(arg.strip()) is False:
                return

    def _reset_state(self) -> None:
        self.greeted = False
        self.authenticated = False
        self.login = ""  # the user name of the login the session took
        self.mail_from: str | None = None
        self.recipients: list[str] = []

    async def reply(self, text: str) -> None:
        await self.line(text)

    # -- capabilities ------------------------------------------------------------------
    @property
    def mechanisms(self) -> tuple[str, ...]:
        if self.mx_style or self.faults.has("no-auth"):
            return ()
        return super().mechanisms

    @property
    def auth_advertised(self) -> bool:
        return bool(self.mechanisms) and self.plaintext_auth_allowed

    def ehlo_lines(self) -> list[str]:
        lines = [self.server.host_name, "PIPELINING", "SIZE 10240000"]
        if not self.conn.tls and self.starttls_mode != "missing":
            lines.append("XXXXXXXA" if self.starttls_mode == "masked" else "STARTTLS")
        if self.auth_advertised:
            lines.append("AUTH " + " ".join(self.mechanisms))
        lines += ["ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8"]
        return lines

    # -- commands ----------------------------------------------------------------------
    async def cmd_EHLO(self, arg: str) -> None:
        if not arg:
            await self.reply("501 5.5.4 Syntax: EHLO hostname")
            return
        self.greeted = True
        self.mail_from, self.recipients = None, []
        if self.faults.get("endless") == "capability":
            await self.endless(lambda n: f"250-X-LAB-EXTENSION-{n}")
        lines = self.ehlo_lines()
        await self.reply("\r\n".join(f"250-{x}" for x in lines[:-1]) + f"\r\n250 {lines[-1]}")

    async def cmd_HELO(self, arg: str) -> None:
        if not arg:
            await self.reply("501 5.5.4 Syntax: HELO hostname")
            return
        self.greeted = True
        await self.reply(f"250 {self.server.host_name}")

    async def cmd_NOOP(self, arg: str) -> None:
        await self.reply("250 2.0.0 Ok")

    async def cmd_RSET(self, arg: str) -> None:
        self.mail_from, self.recipients = None, []
        await self.reply("250 2.0.0 Ok")

    async def cmd_VRFY(self, arg: str) -> None:
        await self.reply("502 5.5.1 VRFY command is disabled")

    async def cmd_QUIT(self, arg: str) -> bool:
        await self.reply("221 2.0.0 Bye")
        return False

    async def cmd_STARTTLS(self, arg: str) -> bool | None:
        mode = self.starttls_mode
        if self.conn.tls:
            await self.reply("554 5.5.1 Error: TLS already active")
            return None
        if mode == "missing":
            await self.reply("502 5.5.1 Error: command not implemented")
            return None
        if mode == "masked":
            # The middlebox turned the command into junk, too.
            await self.reply("502 5.5.2 Error: command not recognized")
            return None
        if mode == "refuse":
            await self.reply(replies.SMTP_TLS_UNAVAILABLE)
            return None
        await self.reply("220 2.0.0 Ready to start TLS")
        if not await self.upgrade(mode, f"220 {self.server.host_name} ESMTP Postfix (Debian/GNU)"):
            return False
        self._reset_state()  # RFC 3207: forget everything said before TLS
        return None

    async def cmd_AUTH(self, arg: str) -> bool | None:
        mechanism, _, initial = arg.partition(" ")
        mechanism = mechanism.upper()
        initial = initial.strip()
        if not self.greeted:
            await self.reply("503 5.5.1 Error: send HELO/EHLO first")
            return None
        if self.faults.has("auth-loop"):
            await self.challenge_forever("334 ")
        if not self.conn.tls and self.faults.has("reset-after-auth"):
            if initial:
                self.login_attempt()  # counts, then resets
            self.conn.reset()
            raise SessionEnd("reset after a cleartext AUTH")
        if not self.mechanisms:
            await self.reply(replies.SMTP_AUTH_NOT_ENABLED)
            return None
        if not self.plaintext_auth_allowed:
            if initial:
                self.server.count_login(self.conn)  # the secret crossed the wire anyway
            await self.reply(replies.SMTP_MUST_STARTTLS)
            return None
        if self.authenticated:
            await self.reply("503 5.5.1 Error: already authenticated")
            return None
        if mechanism not in self.mechanisms:
            if initial:
                self.server.count_login(self.conn)
            await self.reply(replies.SMTP_AUTH["oauth-only"] if self.faults.has("oauth-only")
                             else "504 5.5.4 Unsupported authentication mechanism")
            return None
        credentials = await self.read_sasl(mechanism, initial, challenge="334",
                                           aborted="501 5.7.0 Authentication aborted",
                                           undecodable="501 5.5.2 Cannot decode response")
        if credentials is None:
            return None
        username, secret = credentials
        self.login_attempt()
        outcome = decide(self.server.account, self.faults, username, secret, mechanism)
        if outcome in ("ok", "in-use", "limit"):
            self.authenticated = True
            self.login = username
            await self.reply(replies.SMTP_AUTH_OK)
            return None
        if mechanism in OAUTH_MECHANISMS and outcome == "wrong":
            # RFC 7628 / Gmail: an error challenge first, the failure after the client's reply.
            await self.reply(f"334 {XOAUTH2_ERROR}")
            await self.conn.readline()
        if outcome == "wrong":
            await self.reply(self.echo(replies.SMTP_WRONG.get(self.style, replies.SMTP_WRONG["dovecot"]), username, secret))
        else:
            await self.reply(self.echo(replies.SMTP_AUTH[outcome], username, secret))
        return None

    async def cmd_MAIL(self, arg: str) -> None:
        if not self.greeted:
            await self.reply("503 5.5.1 Error: send HELO/EHLO first")
            return
        if not arg.upper().startswith("FROM:"):
            await self.reply("501 5.5.4 Syntax: MAIL FROM:<address>")
            return
        if not self.mx_style and not self.faults.has("no-auth"):
            if not self.plaintext_auth_allowed:
                await self.reply(replies.SMTP_MUST_STARTTLS)
                return
            if not self.authenticated:
                await self.reply(replies.SMTP_AUTH_REQUIRED)
                return
        if self.authenticated and self.faults.get("sender") == "silent":
            await self.conn.hang()
            raise SessionEnd("silent after MAIL FROM")
        if self.authenticated and self.faults.get("sender") == "drop":
            self.conn.drop()
            raise SessionEnd("closed at MAIL FROM")
        self.mail_from = _address(arg[5:])
        await self.reply("250 2.1.0 Ok")

    async def cmd_RCPT(self, arg: str) -> bool | None:
        if self.mail_from is None:
            await self.reply("503 5.5.1 Error: need MAIL command")
            return None
        if not arg.upper().startswith("TO:"):
            await self.reply("501 5.5.4 Syntax: RCPT TO:<address>")
            return None
        rcpt = _address(arg[3:])
        if self.faults.get("dnsbl") == "rcpt" and not self.authenticated:
            await self.reply(replies.SMTP_DNSBL.format(peer=self.conn.peer_address))
            return None
        refusal = self.sender_refusal(rcpt)
        if refusal is not None:
            await self.reply(refusal)
            return False if refusal.startswith("421") else None  # 421 closes the channel
        local = rcpt.lower().endswith("@" + self.server.plan.realm)
        if not self.authenticated and not local:
            await self.reply(replies.SMTP_RELAY_DENIED.format(rcpt=rcpt))
            return None
        self.recipients.append(rcpt)
        await self.reply("250 2.1.5 Ok")
        return None

    def sender_refusal(self, rcpt: str) -> str | None:
        """The ``sender`` fault's answer to RCPT TO in a logged-in session (Postfix checks
        the sender's owner at RCPT TO: smtpd_delay_reject), or None."""
        kind = self.faults.get("sender") if self.authenticated else None
        assert self.mail_from is not None
        if kind == "not-owned" and self.mail_from.lower() != self.login.lower():
            return replies.SMTP_SENDER_NOT_OWNED.format(sender=self.mail_from, login=self.login)
        if kind == "greylist":
            return replies.SMTP_GREYLISTED.format(rcpt=rcpt, domain=rcpt.rpartition("@")[2])
        if kind == "user-unknown":
            return replies.SMTP_USER_UNKNOWN.format(rcpt=rcpt)
        if kind == "closing":
            return replies.SMTP_CLOSING
        if kind == "rate-limit":
            return replies.SMTP_RECIPIENT_RATE.format(peer=self.conn.peer_address)
        return None

    async def cmd_DATA(self, arg: str) -> bool | None:
        if not self.recipients:
            await self.reply("503 5.5.1 Error: need RCPT command")
            return None
        await self.reply("354 End data with <CR><LF>.<CR><LF>")
        size = 0
        while True:
            line = await self.conn.readline()
            if line == b".":
                break
            size += len(line) + 2
            if size > MESSAGE_LIMIT:
                await self.reply("552 5.3.4 Error: message file too big")
                return False
        self.mail_from, self.recipients = None, []
        if self.faults.has("content-filter"):
            await self.reply(replies.SMTP_CONTENT_REJECTED)
            return None
        await self.reply("250 2.0.0 Ok: queued as 4LAB0001")
        return None


def _address(text: str) -> str:
    text = text.strip()
    if text.startswith("<"):
        text = text[1:].split(">", 1)[0]
    return text.split(" ", 1)[0]

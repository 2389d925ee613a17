"""A small, configurable POP3 server session (Dovecot-like), for ports 110 and 995.

Enough of RFC 1939/2449/2595/5034 for a diagnosis: greeting, CAPA, STLS, USER/PASS,
AUTH (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER), and after login an empty maildrop (STAT,
LIST, UIDL, NOOP), QUIT. Before TLS it refuses plaintext logins like Dovecot's default
(``-ERR [AUTH] Plaintext authentication disallowed ...``).
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


class POP3Session(Session):
    async def run(self) -> None:
        if self.faults.has("busy"):
            await self.send_greeting(replies.POP3_BUSY)
            return
        self.authenticated = False
        self.user: str | None = None
        await self.send_greeting(replies.POP3_GREETING)
        if self.faults.has("agree"):
            await self.agree(lambda _line: "+OK")
            return
        while True:
            try:
                raw = await self.conn.readline()
            except LineTooLong:
                await self.line("-ERR Input line too long.")
                return
            verb, _, arg = raw.decode("utf-8", "replace").partition(" ")
            verb = verb.upper()
            handler = getattr(self, "cmd_" + verb, None)
            allowed = verb in ("CAPA", "QUIT", "NOOP") or (verb in ("USER", "PASS", "AUTH", "STLS")) != self.authenticated
            if handler is None or not allowed:
                await self.line(replies.POP3_UNKNOWN)
                continue
            if await handler(arg) is False:
                return

    async def cmd_CAPA(self, arg: str) -> None:
        if self.faults.has("endless"):
            await self.line("+OK")
            await self.endless(lambda n: f"X-LAB-CAPABILITY-{n}")
            return
        lines = ["+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE"]
        if not self.authenticated:
            if not self.conn.tls and self.starttls_mode not in ("missing", "masked"):
                lines.append("STLS")
            if self.plaintext_auth_allowed:
                if not self.faults.has("oauth-only"):
                    lines.append("USER")
                lines.append("SASL " + " ".join(self.mechanisms))
            else:
                lines.append("SASL")
        lines.append(".")
        await self.conn.send("".join(x + "\r\n" for x in lines))

    async def cmd_NOOP(self, arg: str) -> None:
        await self.line("+OK")

    async def cmd_QUIT(self, arg: str) -> bool:
        await self.line("+OK Logging out.")
        return False

    async def cmd_STLS(self, arg: str) -> bool | None:
        mode = self.starttls_mode
        if self.conn.tls:
            await self.line("-ERR TLS is already active.")
            return None
        if mode in ("missing", "masked"):
            await self.line(replies.POP3_UNKNOWN if mode == "masked" else "-ERR TLS support isn't enabled.")
            return None
        if mode == "refuse":
            await self.line("-ERR [SYS/TEMP] TLS not available due to local problem")
            return None
        await self.line("+OK Begin TLS negotiation now.")
        return None if await self.upgrade(mode, replies.POP3_GREETING) else False

    async def cmd_USER(self, arg: str) -> None:
        if not self.plaintext_auth_allowed:
            # Dovecot refuses at USER, before the password is sent.
            await self.line(replies.POP3_PRIVACY_REQUIRED)
            return
        if self.faults.has("oauth-only"):
            await self.line(replies.POP3_AUTH["oauth-only"])
            return
        self.user = arg.strip()
        await self.line("+OK")

    async def cmd_PASS(self, arg: str) -> bool | None:
        if not self.plaintext_auth_allowed:
            # The password crossed the wire anyway; Dovecot refuses it like USER.
            self.server.count_login(self.conn)
            await self.line(replies.POP3_PRIVACY_REQUIRED)
            return None
        if self.user is None:
            await self.line("-ERR No username given.")
            return None
        self._cleartext_guard(True)
        self.login_attempt()
        user, self.user = self.user, None
        return await self._finish(user, arg, "USER")

    def _cleartext_guard(self, carries_secret: bool) -> None:
        if not self.conn.tls and self.faults.has("reset-after-auth"):
            if carries_secret:
                self.login_attempt()
            self.conn.reset()
            raise SessionEnd("reset after a cleartext login")

    async def cmd_AUTH(self, arg: str) -> bool | None:
        mechanism, _, initial = arg.strip().partition(" ")
        mechanism = mechanism.upper()
        if self.faults.has("auth-loop"):
            await self.challenge_forever("+ ")
        if not mechanism:
            listed = self.mechanisms if self.plaintext_auth_allowed else ()
            await self.conn.send("".join(x + "\r\n" for x in ("+OK", *listed, ".")))
            return None
        self._cleartext_guard(bool(initial))
        if not self.plaintext_auth_allowed:
            if initial:
                self.server.count_login(self.conn)
            await self.line(replies.POP3_SASL_PRIVACY_REQUIRED)
            return None
        if mechanism not in self.mechanisms:
            if initial:
                self.server.count_login(self.conn)
            await self.line(replies.POP3_UNSUPPORTED_MECHANISM)
            return None
        credentials = await self.read_sasl(mechanism, initial.strip(), challenge="+",
                                           aborted="-ERR Authentication aborted by client.",
                                           undecodable="-ERR Invalid base64 data in continued response")
        if credentials is None:
            return None
        self.login_attempt()
        return await self._finish(credentials[0], credentials[1], mechanism)

    async def _finish(self, username: str, secret: str, mechanism: str) -> bool | None:
        outcome = decide(self.server.account, self.faults, username, secret, mechanism)
        if outcome == "ok":
            self.authenticated = True
            await self.line("+OK Logged in.")
            return None
        if mechanism in OAUTH_MECHANISMS and outcome == "wrong":
            await self.line(f"+ {XOAUTH2_ERROR}")
            await self.conn.readline()
        if outcome == "wrong":
            await self.line(self.echo(replies.POP3_WRONG.get(self.style, replies.POP3_WRONG["dovecot"]), username, secret))
        else:
            await self.line(self.echo(replies.POP3_AUTH[outcome], username, secret))
        return None

    # -- after login -------------------------------------------------------------------
    async def cmd_STAT(self, arg: str) -> None:
        await self.line(replies.POP3_STORE_FAILED if self.faults.has("store-fails") else "+OK 0 0")

    async def cmd_LIST(self, arg: str) -> None:
        await self.conn.send("+OK 0 messages:\r\n.\r\n")

    async def cmd_UIDL(self, arg: str) -> None:
        await self.conn.send("+OK\r\n.\r\n")

    async def cmd_RSET(self, arg: str) -> None:
        await self.line("+OK")

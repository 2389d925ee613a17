"""A small, configurable IMAP4rev1 server session (Dovecot-like), for ports 143 and 993.

Enough of RFC 3501 for a diagnosis: greeting with capabilities, CAPABILITY, ID,
STARTTLS, LOGIN, AUTHENTICATE (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER, with SASL-IR),
NOOP, LOGOUT, and after login an empty INBOX (SELECT/EXAMINE/LIST/STATUS). Quoted
strings and (bounded) literals are parsed. Before TLS it refuses plaintext logins like
Dovecot's default ``disable_plaintext_auth = yes``: ``LOGINDISABLED`` and
``NO [PRIVACYREQUIRED]``.
"""

from __future__ import annotations

import re

import attrs

from mailexpert.lab import replies
from mailexpert.lab.auth import (
    OAUTH_MECHANISMS,
    XOAUTH2_ERROR,
    decide,
)
from mailexpert.lab.conn import LITERAL_LIMIT, LineTooLong, SessionEnd
from mailexpert.lab.session import Session

BASE_CAPABILITIES = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+"
POST_LOGIN_CAPABILITIES = BASE_CAPABILITIES + " NAMESPACE UIDPLUS CHILDREN SPECIAL-USE"
MAX_LITERALS = 8

_LITERAL = re.compile(r"\{(\d{1,9})(\+?)\}$")


@attrs.frozen
class Command:
    tag: str
    name: str
    args: tuple[str, ...]


class BadCommand(Exception):
    pass


def tokenize(text: str) -> list[str]:
    """Atoms and quoted strings (with backslash escapes) of one command line part."""
    tokens: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == " ":
            i += 1
            continue
        if text[i] == '"':
            i += 1
            buf = []
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n:
                    i += 1
                buf.append(text[i])
                i += 1
            if i >= n:
                raise BadCommand("unterminated quoted string")
            tokens.append("".join(buf))
            i += 1
            continue
        j = text.find(" ", i)
        j = n if j < 0 else j
        tokens.append(text[i:j])
        i = j
    return tokens


class IMAPSession(Session):
    async def run(self) -> None:
        f = self.faults
        if f.has("busy"):
            await self.send_greeting(replies.IMAP_BUSY)
            return
        self.authenticated = False
        await self.send_greeting(f"* OK [CAPABILITY {self.capabilities()}] {replies.IMAP_GREETING}")
        if f.has("agree"):
            await self.agree(lambda line: (line.split(b" ", 1)[0].decode("ascii", "replace") or "*") + " OK")
            return
        while True:
            try:
                command = await self.read_command()
            except LineTooLong:
                await self.line("* BYE Too long argument.")
                return
            except BadCommand:
                await self.line(f"* {replies.IMAP_PRELOGIN_BAD}")
                continue
            if command is None:
                continue
            if f.get("endless") == "greeting":
                await self.endless(lambda n: f"* OK lab untagged line {n}")
                return
            handler = getattr(self, "cmd_" + command.name.replace("-", "_"), None)
            needs_auth = command.name in ("SELECT", "EXAMINE", "LIST", "LSUB", "STATUS", "CHECK", "CLOSE")
            if handler is None or (needs_auth and not self.authenticated):
                if self.authenticated:
                    await self.line(f"{command.tag} BAD Error in IMAP command {command.name[:32]}: Unknown command.")
                else:
                    await self.line(f"{command.tag} {replies.IMAP_PRELOGIN_BAD}")
                continue
            if await handler(command) is False:
                return

    async def read_command(self) -> Command | None:
        parts: list[str] = []
        raw = (await self.conn.readline()).decode("utf-8", "replace")
        for _ in range(MAX_LITERALS + 1):
            match = _LITERAL.search(raw)
            if not match:
                parts += tokenize(raw)
                break
            size = int(match.group(1))
            if size > LITERAL_LIMIT:
                raise LineTooLong(f"literal of {size} bytes")
            parts += tokenize(raw[: match.start()])
            if not match.group(2):
                await self.line("+ OK")
            parts.append((await self.conn.read_exactly(size)).decode("utf-8", "replace"))
            raw = (await self.conn.readline()).decode("utf-8", "replace")
        else:
            raise LineTooLong("too many literals")
        if not parts:
            return None
        if len(parts) < 2:
            await self.line(f"{parts[0]} {replies.IMAP_PRELOGIN_BAD}")
            return None
        return Command(parts[0], parts[1].upper(), tuple(parts[2:]))

    # -- capabilities ------------------------------------------------------------------
    def capabilities(self) -> str:
        caps = [BASE_CAPABILITIES]
        if not self.conn.tls and self.starttls_mode not in ("missing", "masked"):
            caps.append("STARTTLS")
        if self.plaintext_auth_allowed:
            caps += [f"AUTH={m}" for m in self.mechanisms]
        else:
            caps.append("LOGINDISABLED")
        return " ".join(caps)

    # -- commands valid in any state ---------------------------------------------------
    async def cmd_CAPABILITY(self, cmd: Command) -> bool | None:
        if self.faults.get("endless") == "capability":
            await self.endless(lambda n: f"* CAPABILITY IMAP4rev1 X-LAB-{n}")
        if self.faults.has("literal"):
            # A literal far beyond any capability list, streamed until the client gives up.
            await self.line(f"* CAPABILITY {{{int(self.faults.get('literal') or 0)}}}")
            await self.endless(lambda n: "A" * 1000)
        caps = POST_LOGIN_CAPABILITIES if self.authenticated else self.capabilities()
        await self.line(f"* CAPABILITY {caps}")
        await self.line(f"{cmd.tag} OK Pre-login capabilities listed, post-login capabilities have more.")
        return None

    async def cmd_NOOP(self, cmd: Command) -> None:
        await self.line(f"{cmd.tag} OK NOOP completed.")

    async def cmd_ID(self, cmd: Command) -> None:
        await self.line('* ID ("name" "Dovecot")')
        await self.line(f"{cmd.tag} OK ID completed.")

    async def cmd_LOGOUT(self, cmd: Command) -> bool:
        await self.line("* BYE Logging out")
        await self.line(f"{cmd.tag} OK Logout completed.")
        return False

    # -- before login ------------------------------------------------------------------
    async def cmd_STARTTLS(self, cmd: Command) -> bool | None:
        mode = self.starttls_mode
        if self.conn.tls:
            await self.line(f"{cmd.tag} BAD TLS is already active.")
            return None
        if mode == "missing":
            await self.line(f"{cmd.tag} {replies.IMAP_NO_TLS}")
            return None
        if mode == "masked":
            await self.line(f"{cmd.tag} BAD Error in IMAP command STARTTLS: Unknown command.")
            return None
        if mode == "refuse":
            await self.line(f"{cmd.tag} NO [UNAVAILABLE] TLS not available due to local problem")
            return None
        await self.line(f"{cmd.tag} OK Begin TLS negotiation now.")
        return None if await self.upgrade(mode, f"* OK {replies.IMAP_GREETING}") else False

    def _cleartext_guard(self, carries_secret: bool) -> None:
        if not self.conn.tls and self.faults.has("reset-after-auth"):
            if carries_secret:
                self.login_attempt()  # counts, then resets
            self.conn.reset()
            raise SessionEnd("reset after a cleartext login")

    async def cmd_LOGIN(self, cmd: Command) -> bool | None:
        if self.authenticated:
            await self.line(f"{cmd.tag} BAD Error in IMAP command LOGIN: Unknown command.")
            return None
        if len(cmd.args) != 2:
            await self.line(f"{cmd.tag} BAD Error in IMAP command LOGIN: Missing arguments.")
            return None
        self._cleartext_guard(True)
        if not self.plaintext_auth_allowed:
            self.server.count_login(self.conn)  # the password crossed the wire anyway
            await self.line(replies.IMAP_PLAINTEXT_ALERT)
            await self.line(f"{cmd.tag} {replies.IMAP_PRIVACY_REQUIRED}")
            return None
        self.login_attempt()
        return await self._finish(cmd, "LOGIN", cmd.args[0], cmd.args[1], "LOGIN")

    async def cmd_AUTHENTICATE(self, cmd: Command) -> bool | None:
        if self.authenticated:
            await self.line(f"{cmd.tag} BAD Error in IMAP command AUTHENTICATE: Unknown command.")
            return None
        if not cmd.args:
            await self.line(f"{cmd.tag} BAD Error in IMAP command AUTHENTICATE: Missing arguments.")
            return None
        mechanism = cmd.args[0].upper()
        initial = cmd.args[1] if len(cmd.args) > 1 else ""
        if self.faults.has("auth-loop"):
            await self.challenge_forever("+ ")
        self._cleartext_guard(bool(initial))
        if not self.plaintext_auth_allowed:
            if initial:
                self.server.count_login(self.conn)
            await self.line(f"{cmd.tag} {replies.IMAP_SASL_PRIVACY_REQUIRED}")
            return None
        if mechanism not in self.mechanisms:
            if initial:
                self.server.count_login(self.conn)
            await self.line(f"{cmd.tag} {replies.IMAP_UNSUPPORTED_MECHANISM}")
            return None
        credentials = await self.read_sasl(mechanism, initial, challenge="+",
                                           aborted=f"{cmd.tag} BAD Authentication aborted by client.",
                                           undecodable=f"{cmd.tag} BAD Invalid base64 data in continued response")
        if credentials is None:
            return None
        self.login_attempt()
        return await self._finish(cmd, "AUTHENTICATE", credentials[0], credentials[1], mechanism)

    async def _finish(self, cmd: Command, verb: str, username: str, secret: str, mechanism: str) -> bool | None:
        outcome = decide(self.server.account, self.faults, username, secret, mechanism)
        if outcome in ("ok", "in-use"):
            self.authenticated = True
            await self.line(f"{cmd.tag} OK [CAPABILITY {POST_LOGIN_CAPABILITIES}] Logged in")
            return None
        if mechanism in OAUTH_MECHANISMS and outcome == "wrong":
            await self.line(f"+ {XOAUTH2_ERROR}")
            await self.conn.readline()
        if outcome == "wrong":
            text = replies.IMAP_WRONG.get(self.style, replies.IMAP_WRONG["dovecot"])
        else:
            text = replies.IMAP_AUTH[outcome]
        if outcome in replies.IMAP_AUTH_UNTAGGED:
            await self.line(replies.IMAP_AUTH_UNTAGGED[outcome])
        await self.line(self.echo(f"{cmd.tag} {text.format(command=verb, realm=self.server.plan.realm)}", username, secret))
        if outcome == "basic-disabled-outlook":
            await self.line(replies.IMAP_OUTLOOK_BYE)
            return False
        return None

    # -- after login -------------------------------------------------------------------
    async def cmd_SELECT(self, cmd: Command) -> None:
        if self.faults.has("store-fails"):
            await self.line(f"{cmd.tag} {replies.IMAP_STORE_FAILED}")
            return
        await self.line(r"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft)")
        await self.line(r"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted.")
        await self.line("* 0 EXISTS")
        await self.line("* 0 RECENT")
        await self.line("* OK [UIDVALIDITY 1700000000] UIDs valid")
        await self.line("* OK [UIDNEXT 1] Predicted next UID")
        mode = "READ-ONLY" if cmd.name == "EXAMINE" else "READ-WRITE"
        await self.line(f"{cmd.tag} OK [{mode}] Select completed.")

    cmd_EXAMINE = cmd_SELECT

    async def cmd_LIST(self, cmd: Command) -> None:
        await self.line('* LIST (\\HasNoChildren) "." INBOX')
        await self.line(f"{cmd.tag} OK List completed.")

    cmd_LSUB = cmd_LIST

    async def cmd_STATUS(self, cmd: Command) -> None:
        await self.line("* STATUS INBOX (MESSAGES 0 UNSEEN 0)")
        await self.line(f"{cmd.tag} OK Status completed.")

    async def cmd_CHECK(self, cmd: Command) -> None:
        await self.line(f"{cmd.tag} OK Check completed.")

    async def cmd_CLOSE(self, cmd: Command) -> None:
        await self.line(f"{cmd.tag} OK Close completed.")

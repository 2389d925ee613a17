"""Session probe: talk SMTP, IMAP or POP3 to a configured server, as a mail client would.

Over raw asyncio streams (not smtplib/imaplib: every read must be bounded and every reply
kept verbatim): connect, implicit TLS or greeting, capabilities, STARTTLS/STLS and the
handshake, capabilities again, then at most ONE login per protocol per diagnosis.

Facts: ``service.greeting`` (with the fingerprint of what was actually spoken),
``service.capabilities``, ``starttls.result``, ``tls.handshake``, ``login.result`` and
``server.reply`` (greeting/capability/starttls when not positive, auth always, and the
MAIL FROM / RCPT TO replies on a port that offers no AUTH).

Safety: the password is never sent in cleartext or over TLS whose certificate failed
verification unless ``allow_insecure_login``; it is never written to the transcript
(``AUTH PLAIN <redacted>``). When the configured mode fails in a telling way, one extra
look explains it: a plaintext greeting after "wrong version number" on an implicit-TLS
setting, a TLS handshake after a silent plaintext port.
"""

from __future__ import annotations

import asyncio
import base64
import re
import time

import attrs

from mailexpert.account import ServerSetting, identity_fields
from mailexpert.classify import (
    classify_socket_error,
    clean_text,
    fingerprint_greeting,
    login_outcome,
    parse_imap_line,
    parse_pop3_line,
    parse_smtp_reply,
)
from mailexpert.errors import NetworkNotAllowed, ReadFailure, SessionStop
from mailexpert.facts import Fact
from mailexpert.probes.context import ProbeContext, elapsed_ms
from mailexpert.probes.handshake import handshake
from mailexpert.probes.net import Conn, label_for
from mailexpert.probes.resolve import ordered_addresses

OAUTH_MECHANISMS = frozenset({"XOAUTH2", "OAUTHBEARER"})
PASSWORD_MECHANISMS = ("PLAIN", "LOGIN")
# A capability a middlebox overwrote: Cisco's "XXXXXXXA" for STARTTLS, or all X's.
_MASKED = re.compile(r"X{4,}[A-Z]?")
#: Recipient of the relay test: a reserved domain (RFC 2606) that can never be local.
RELAY_PROBE_RECIPIENT = "mailexpert-relay-test@example.invalid"
_FAILURE_TO_SPOKEN = {"timeout": "silence", "closed": "closed", "reset": "reset"}



@attrs.frozen
class Caps:
    """A parsed capability list."""

    starttls: bool = False
    masked: bool = False
    mechanisms: tuple[str, ...] = ()
    user: bool = False  # POP3 USER
    login_disabled: bool = False  # IMAP LOGINDISABLED
    sasl_ir: bool = False  # IMAP SASL-IR
    raw: str = ""
    known: bool = True  # False when the server gave no list (HELO, CAPA refused)

    def auth_offered(self, protocol: str) -> bool:
        if protocol == "imap":
            return bool(self.mechanisms) or not self.login_disabled
        if protocol == "pop3":
            return bool(self.mechanisms) or self.user
        return bool(self.mechanisms)

    def password_auth(self, protocol: str) -> bool:
        if any(m in PASSWORD_MECHANISMS for m in self.mechanisms):
            return True
        if protocol == "imap":
            return not self.login_disabled
        return protocol == "pop3" and self.user

    def oauth_only(self, protocol: str) -> bool:
        return bool(self.mechanisms) and set(self.mechanisms) <= OAUTH_MECHANISMS and not self.password_auth(protocol)


def _masked(tokens: list[str]) -> bool:
    return any(_MASKED.fullmatch(t.upper()) for t in tokens)


def parse_ehlo(lines: list[str]) -> Caps:
    """EHLO reply lines (with codes) -> Caps; the first line is the server's name."""
    keywords = [ln[4:].strip() for ln in lines[1:]]
    mechs: list[str] = []
    starttls = False
    for kw in keywords:
        parts = kw.upper().replace("=", " ").split()
        if not parts:
            continue
        if parts[0] == "STARTTLS":
            starttls = True
        elif parts[0] == "AUTH":
            mechs += [m for m in parts[1:] if m not in mechs]
    return Caps(starttls=starttls, masked=_masked([k.split()[0] for k in keywords if k.split()]),
                mechanisms=tuple(mechs), raw=" | ".join(keywords))


def parse_imap_capability(words: list[str]) -> Caps:
    upper = [w.upper() for w in words]
    mechs = [w[5:] for w in upper if w.startswith("AUTH=")]
    return Caps(starttls="STARTTLS" in upper, masked=_masked(upper), mechanisms=tuple(dict.fromkeys(mechs)),
                login_disabled="LOGINDISABLED" in upper, sasl_ir="SASL-IR" in upper, raw=" ".join(words))


def parse_pop3_capa(lines: list[str]) -> Caps:
    mechs: list[str] = []
    names = []
    for ln in lines:
        parts = ln.upper().split()
        if not parts:
            continue
        names.append(parts[0])
        if parts[0] == "SASL":
            mechs += parts[1:]
    return Caps(starttls="STLS" in names, masked=_masked(names), mechanisms=tuple(dict.fromkeys(mechs)),
                user="USER" in names, raw=" | ".join(lines))


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _imap_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@attrs.define
class _State:
    conn: Conn | None
    caps: Caps = attrs.field(factory=Caps)
    mode: str = "plain"
    cert_invalid: bool = False
    cleartext: bool = False
    address: str | None = None


class ServiceProbe:
    """One session with one configured server (see the module docstring)."""

    def __init__(self, ctx: ProbeContext, setting: ServerSetting, *, login: bool = True) -> None:
        self.ctx = ctx
        self.setting = setting
        self.protocol = setting.protocol
        self.host = setting.host
        self.port = setting.port
        self.label = label_for(setting.protocol, setting.host, setting.port)
        self.login_wanted = login
        self.facts: list[Fact] = []
        self._emitted: set[str] = set()
        self._tag = 0
        self._conns: list[Conn] = []

    # -- helpers -------------------------------------------------------------------------
    def emit(self, key: str | None, kind: str, **fields: object) -> None:
        """Record a fact once per stage key (a second, unverified pass repeats stages)."""
        if key is not None:
            if key in self._emitted:
                return
            self._emitted.add(key)
        self.facts.append(self.ctx.fact(kind, **fields))

    def _keep(self, made: Fact | None) -> None:
        if made is not None:
            self.facts.append(made)

    def reply(self, stage: str, parsed: dict, key: str | None = None) -> None:
        if not parsed:
            return
        fields = {k: v for k, v in parsed.items() if k in ("status", "code", "enhanced", "response_code", "text", "meaning")}
        self.emit(key, "server.reply", host=self.host, port=self.port, protocol=self.protocol, stage=stage,
                  source="probe", **fields)

    def tag(self) -> str:
        self._tag += 1
        return f"a{self._tag}"

    def deadline(self) -> float:
        return self.ctx.step_deadline()

    # -- the run -------------------------------------------------------------------------
    async def run(self) -> list[Fact]:
        try:
            await self._run()
        except SessionStop as stop:
            self.login_skipped(stop.reason)
        finally:
            for conn in self._conns:
                await conn.close()
        return self.facts

    async def _run(self) -> None:
        state = await self.establish(verify=True)
        if state.cert_invalid:
            # The verifying handshake killed the connection; look again without verifying to
            # read greeting and capabilities, which still tell a lot.
            state = await self.establish(verify=False)
            state.cert_invalid = True
        assert state.conn is not None
        conn = state.conn
        caps = state.caps
        sends_without_auth = self.setting.auth_method == "none"
        if self.protocol == "smtp" and (sends_without_auth or (caps.known and not caps.auth_offered("smtp"))):
            # What happens to a message from this client: 530 (authentication required),
            # 554 relay denied, a DNSBL block. Nothing is sent beyond RCPT TO.
            reason = "no-login" if self.ctx.options.no_login else ("no-credentials" if sends_without_auth
                                                                   else "not-offered")
            self.login_skipped(reason, state.mode)
            await self.mail_probe(conn)
        else:
            reason = self.skip_reason(state)
            if reason:
                self.login_skipped(reason, state.mode)
            else:
                await self.login(conn, caps, state.mode)
        await self.logout(conn)

    def skip_reason(self, state: _State) -> str | None:
        opts = self.ctx.options
        if opts.no_login or not self.login_wanted:
            return "no-login"
        if not (self.ctx.account.password or self.ctx.oauth_token) or self.setting.auth_method == "none":
            return "no-credentials"
        if not opts.allow_insecure_login:
            if state.cert_invalid:
                return "cert-invalid"
            if state.cleartext:
                return "cleartext"
        if self.ctx.budget.spent(self.protocol):
            return "no-login"
        return None

    def failure(self, step: str, failure: str, mode: str | None, partial: bytes | str = b"") -> None:
        """Record a step the server broke (``service.failure``), once per step."""
        text = partial.decode("utf-8", "backslashreplace") if isinstance(partial, bytes) else partial
        self.emit(f"failure-{step}", "service.failure", host=self.host, port=self.port, protocol=self.protocol,
                  mode=mode, step=step, failure=failure, text=clean_text(text, 200) if text else None)

    def login_skipped(self, reason: str, mode: str | None = None) -> None:
        self.emit("login", "login.result", host=self.host, port=self.port, protocol=self.protocol, mode=mode,
                  outcome="skipped", skipped_reason=reason)

    # -- establishing the session -----------------------------------------------------------
    async def connect(self) -> tuple[Conn, str | None]:
        resolved = await self.ctx.dns.addresses(self.host)
        candidates: list[str | None] = list(ordered_addresses(resolved.addresses))
        if not candidates:
            if self.ctx.override(self.host, None, self.port) is None:
                self.ctx.note(self.label, f"no address: {resolved.outcome}")
                raise SessionStop("connect-failed")
            candidates = [None]
        for address in candidates:
            try:
                conn = await Conn.open(self.ctx, self.label, self.host, address, self.port)
            except NetworkNotAllowed:
                raise
            except (OSError, TimeoutError) as exc:
                outcome = classify_socket_error(exc)
                self.ctx.note(self.label, f"connect {address}: {outcome}")
                if outcome == "timeout":
                    break  # another address would cost another full timeout
                continue
            self._conns.append(conn)
            return conn, address
        raise SessionStop("connect-failed")

    async def establish(self, *, verify: bool) -> _State:
        conn, address = await self.connect()
        security = self.setting.security
        mode = "plain"
        if security == "ssl":
            hs = await handshake(self.ctx, conn, host=self.host, address=address, port=self.port,
                                 protocol=self.protocol, mode="implicit", verify=verify, emit=verify)
            self._keep(hs.fact)
            if not hs.ok:
                assert hs.verdict is not None
                if hs.verdict.outcome == "cert-invalid":
                    return _State(conn=None, cert_invalid=True, address=address)
                if hs.verdict.outcome == "wrong-version-number":
                    await self.plain_look()
                raise SessionStop("tls-failed")
            mode = "implicit"
        ok, spoken = await self.greeting(conn, "implicit" if mode == "implicit" else "plain")
        if not ok:
            if mode == "plain" and spoken == "silence" and verify:
                await self.implicit_look()
            raise SessionStop("session-failed")
        caps = await self.capabilities(conn)
        if security == "starttls":
            if not caps.starttls:
                self.emit("starttls", "starttls.result", host=self.host, port=self.port, protocol=self.protocol,
                          outcome="not-offered")
                return _State(conn=conn, caps=caps, mode="plain", cleartext=True, address=address)
            await self.starttls(conn)
            hs = await handshake(self.ctx, conn, host=self.host, address=address, port=self.port,
                                 protocol=self.protocol, mode="starttls", verify=verify, emit=verify)
            self._keep(hs.fact)
            if not hs.ok:
                assert hs.verdict is not None
                if hs.verdict.outcome == "cert-invalid":
                    return _State(conn=None, cert_invalid=True, address=address)
                raise SessionStop("tls-failed")
            caps = await self.capabilities(conn)
            mode = "starttls"
        return _State(conn=conn, caps=caps, mode=mode, cleartext=security == "plain", address=address)

    async def plain_look(self) -> None:
        """After "wrong version number": is there a plaintext greeting on this port?"""
        try:
            conn, _ = await self.connect()
        except SessionStop:
            return
        await self.greeting(conn, "plain")

    async def implicit_look(self) -> None:
        """After a silent plaintext port: does it speak TLS (an implicit-TLS port)?"""
        try:
            conn, address = await self.connect()
        except SessionStop:
            return
        hs = await handshake(self.ctx, conn, host=self.host, address=address, port=self.port,
                             protocol=self.protocol, mode="implicit", verify=True)
        self._keep(hs.fact)
        if hs.ok:
            await self.greeting(conn, "implicit")

    async def greeting(self, conn: Conn, mode: str) -> tuple[bool, str]:
        """Read and fingerprint the greeting; emit ``service.greeting`` (once per mode)."""
        start = time.monotonic()
        deadline = self.deadline()
        data, complete, failure = await conn.read_first(deadline)
        if data:
            fp = fingerprint_greeting(data)
        else:
            fp = fingerprint_greeting(b"")
            fp = attrs.evolve(fp, spoken=_FAILURE_TO_SPOKEN.get(failure or "", "unknown"))
        lines = [data.decode("utf-8", "backslashreplace")] if data else []
        if complete and fp.spoken == "smtp" and self.protocol == "smtp":
            try:
                lines = await conn.read_smtp_reply(deadline, first=data)
            except ReadFailure as exc:
                complete, failure = False, exc.reason
        status = fp.status if complete else None
        ms = elapsed_ms(start)
        self.emit(f"greeting-{mode}", "service.greeting", host=self.host, port=self.port, protocol=self.protocol,
                  mode=mode, spoken=fp.spoken, status=status, code=fp.code,
                  text=clean_text(" ".join(lines)) if lines else None, elapsed_ms=ms)
        ok = complete and fp.spoken == self.protocol and fp.status == "ok"
        if fp.spoken == "garbage":
            self.failure("greeting", "garbage", mode, data[:200])
        elif data and not complete and fp.spoken in (self.protocol, "unknown") and failure:
            # A greeting that started but never ended: overlong, endless, dripped, cut off.
            self.failure("greeting", failure, mode, data[:200])
        if complete and fp.spoken == self.protocol and not ok:
            parsed = {"smtp": lambda: parse_smtp_reply(lines), "imap": lambda: parse_imap_line(lines[0]),
                      "pop3": lambda: parse_pop3_line(lines[0])}[self.protocol]()
            self.reply("greeting", parsed, key=f"greeting-reply-{mode}")
        return ok, fp.spoken

    async def capabilities(self, conn: Conn) -> Caps:
        tls = conn.tls
        try:
            caps = await {"smtp": self._ehlo, "imap": self._imap_caps, "pop3": self._capa}[self.protocol](conn)
        except ReadFailure as exc:
            self.ctx.note(self.label, f"capabilities: {exc.reason}")
            self.failure("capability", exc.reason, self._mode(conn), exc.partial[:200])
            raise SessionStop("session-failed") from None
        p = self.protocol
        self.emit(f"caps-{tls}", "service.capabilities", host=self.host, port=self.port, protocol=p, tls=tls,
                  starttls=caps.starttls, starttls_masked=caps.masked, auth_offered=caps.auth_offered(p),
                  mechanisms=" ".join(caps.mechanisms) or None, password_auth=caps.password_auth(p),
                  oauth_only=caps.oauth_only(p), login_disabled=caps.login_disabled if p == "imap" else None,
                  raw=clean_text(caps.raw) if caps.raw else None)
        return caps

    def _mode(self, conn: Conn) -> str:
        if not conn.tls:
            return "plain"
        return "implicit" if self.setting.security == "ssl" else "starttls"

    async def _ehlo(self, conn: Conn) -> Caps:
        name = self.ctx.options.ehlo_name
        conn.send(f"EHLO {name}")
        lines = await conn.read_smtp_reply(self.deadline())
        parsed = parse_smtp_reply(lines)
        if parsed.get("status") == "positive":
            return parse_ehlo(lines)
        self.reply("capability", parsed, key=f"ehlo-reply-{conn.tls}")
        conn.send(f"HELO {name}")
        lines = await conn.read_smtp_reply(self.deadline())
        parsed = parse_smtp_reply(lines)
        if parsed.get("status") != "positive":
            self.reply("capability", parsed, key=f"helo-reply-{conn.tls}")
            raise SessionStop("session-failed")
        return Caps(known=False)

    async def _imap_caps(self, conn: Conn) -> Caps:
        tag = self.tag()
        conn.send(f"{tag} CAPABILITY")
        lines = await conn.read_until_tagged(tag, self.deadline())
        words: list[str] = []
        for ln in lines:
            if ln.upper().startswith("* CAPABILITY"):
                words += ln.split()[2:]
        final = parse_imap_line(lines[-1])
        if final.get("status") != "positive":
            self.reply("capability", final, key=f"capa-reply-{conn.tls}")
            return Caps(known=False)
        if not any(w.upper().startswith("IMAP4") for w in words):
            # RFC 3501 6.1.1: the answer must list IMAP4rev1; an OK without it is no answer.
            self.failure("capability", "no-capability-list", self._mode(conn), " | ".join(lines)[:200])
        return parse_imap_capability(words)

    async def _capa(self, conn: Conn) -> Caps:
        conn.send("CAPA")
        first = (await conn.read_line(self.deadline())).decode("utf-8", "backslashreplace")
        if not first.upper().startswith("+OK"):
            # No CAPA (RFC 2449 is optional): USER/PASS is the RFC 1939 default.
            return Caps(user=True, known=False)
        return parse_pop3_capa(await conn.read_pop3_multiline(self.deadline()))

    async def starttls(self, conn: Conn) -> None:
        """Send STARTTLS/STLS; emit ``starttls.result``; SessionStop unless the server said go ahead."""
        p = self.protocol
        try:
            if p == "smtp":
                conn.send("STARTTLS")
                parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
                accepted = parsed.get("code") == 220
            elif p == "imap":
                tag = self.tag()
                conn.send(f"{tag} STARTTLS")
                lines = await conn.read_until_tagged(tag, self.deadline())
                parsed = parse_imap_line(lines[-1])
                accepted = parsed.get("status") == "positive"
            else:
                conn.send("STLS")
                parsed = parse_pop3_line((await conn.read_line(self.deadline())).decode("utf-8", "backslashreplace"))
                accepted = parsed.get("status") == "positive"
        except ReadFailure as exc:
            outcome = {"timeout": "no-reply", "closed": "closed"}.get(exc.reason, "error")
            self.emit("starttls", "starttls.result", host=self.host, port=self.port, protocol=p, outcome=outcome,
                      text=clean_text(exc.partial.decode("utf-8", "backslashreplace")) if exc.partial else None)
            raise SessionStop("tls-failed") from None
        self.emit("starttls", "starttls.result", host=self.host, port=self.port, protocol=p,
                  outcome="accepted" if accepted else ("refused" if parsed else "error"),
                  code=parsed.get("code"), text=parsed.get("text"))
        if not accepted:
            self.reply("starttls", parsed, key="starttls-reply")
            raise SessionStop("tls-failed")

    # -- login ------------------------------------------------------------------------------
    def choose_mechanism(self, caps: Caps) -> str | None:
        """The mechanism to log in with, or None when nothing usable is offered."""
        picked = self.setting.mechanism
        if picked is not None and picked not in ("LOGIN", "USER") and picked not in caps.mechanisms:
            return None  # the client insists on a mechanism the server does not offer
        token = self.ctx.oauth_token
        if self.setting.auth_method == "password":
            token = None
        mechs = caps.mechanisms
        if token:
            for m in ("XOAUTH2", "OAUTHBEARER"):
                if m in mechs:
                    return m
            if not self.ctx.account.password:
                return None
        if not self.ctx.account.password:
            return None
        if self.protocol == "smtp":
            return next((m for m in PASSWORD_MECHANISMS if m in mechs), None)
        if self.protocol == "imap":
            if "PLAIN" in mechs:
                return "PLAIN"
            return None if caps.login_disabled else "LOGIN"
        if "PLAIN" in mechs:
            return "PLAIN"
        return "USER" if caps.user else None

    async def login(self, conn: Conn, caps: Caps, mode: str) -> None:
        mechanism = self.choose_mechanism(caps)
        if mechanism is None:
            self.emit("login", "login.result", host=self.host, port=self.port, protocol=self.protocol, mode=mode,
                      mechanism=self.setting.mechanism, outcome="skipped", skipped_reason="no-mechanism")
            return
        if not self.ctx.budget.take(self.protocol):
            self.login_skipped("no-login", mode)
            return
        start = time.monotonic()
        replies: list[dict] = []
        try:
            final = await {"smtp": self._smtp_auth, "imap": self._imap_auth, "pop3": self._pop3_auth}[self.protocol](
                conn, mechanism, caps, replies)
            outcome = login_outcome(final)
        except ReadFailure as exc:
            final = {}
            outcome = {"timeout": "timeout", "closed": "closed", "reset": "reset"}.get(exc.reason, "error")
            self.failure("login", exc.reason, mode, exc.partial[:200])
        except (OSError, TimeoutError) as exc:
            final = {}
            outcome = "reset" if classify_socket_error(exc) == "reset" else "error"
            self.failure("login", outcome, mode)
        for i, r in enumerate(replies):
            self.reply("auth", r, key=f"auth-reply-{i}")
        ident = identity_fields(self.ctx.account)
        self.emit("login", "login.result", host=self.host, port=self.port, protocol=self.protocol, mode=mode,
                  mechanism=mechanism, outcome=outcome, code=final.get("code"), enhanced=final.get("enhanced"),
                  response_code=final.get("response_code"), text=final.get("text"),
                  username_is_address=ident["username_is_address"], elapsed_ms=elapsed_ms(start))

    def _sasl_initial(self, mechanism: str) -> str:
        user = self.ctx.account.username
        if mechanism == "PLAIN":
            return _b64(f"\0{user}\0{self.ctx.account.password}")
        if mechanism == "XOAUTH2":
            return _b64(f"user={user}\x01auth=Bearer {self.ctx.oauth_token}\x01\x01")
        if mechanism == "OAUTHBEARER":
            return _b64(f"n,a={user},\x01auth=Bearer {self.ctx.oauth_token}\x01\x01")
        raise ValueError(mechanism)

    async def _smtp_auth(self, conn: Conn, mechanism: str, caps: Caps, replies: list[dict]) -> dict:
        if mechanism == "LOGIN":
            conn.send("AUTH LOGIN")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
            if parsed.get("code") == 334:
                conn.send(_b64(self.ctx.account.username), shown="<username, base64>")
                parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
                if parsed.get("code") == 334:
                    conn.send(_b64(self.ctx.account.password or ""), shown="<redacted>")
                    parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
        else:
            conn.send(f"AUTH {mechanism} {self._sasl_initial(mechanism)}", shown=f"AUTH {mechanism} <redacted>")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
            if parsed.get("code") == 334:
                # An OAuth error arrives as a 334 challenge; an empty line asks for the verdict.
                conn.send("")
                parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
        if parsed.get("code") == 334:
            raise ReadFailure("endless-challenge", str(parsed.get("text") or "334").encode())
        replies.append(parsed)
        return parsed

    async def _imap_auth(self, conn: Conn, mechanism: str, caps: Caps, replies: list[dict]) -> dict:
        tag = self.tag()
        user = self.ctx.account.username
        if mechanism == "LOGIN":
            conn.send(f"{tag} LOGIN {_imap_quote(user)} {_imap_quote(self.ctx.account.password or '')}",
                      shown=f"{tag} LOGIN {_imap_quote(user)} <redacted>")
        elif caps.sasl_ir:
            conn.send(f"{tag} AUTHENTICATE {mechanism} {self._sasl_initial(mechanism)}",
                      shown=f"{tag} AUTHENTICATE {mechanism} <redacted>")
        else:
            conn.send(f"{tag} AUTHENTICATE {mechanism}")
            lines = await conn.read_until_tagged(tag, self.deadline())
            if lines[-1].startswith("+"):
                conn.send(self._sasl_initial(mechanism), shown="<redacted>")
            else:
                return self._imap_final(lines, replies)
        lines = await conn.read_until_tagged(tag, self.deadline())
        if lines[-1].startswith("+"):
            conn.send("")  # an error challenge (XOAUTH2): answer empty, get the tagged NO
            lines += await conn.read_until_tagged(tag, self.deadline())
            if lines[-1].startswith("+"):
                raise ReadFailure("endless-challenge", lines[-1].encode())
        return self._imap_final(lines, replies)

    def _imap_final(self, lines: list[str], replies: list[dict]) -> dict:
        final: dict = {}
        for ln in lines:
            parsed = parse_imap_line(ln)
            if not parsed:
                continue
            if parsed["tagged"]:
                final = parsed
            elif parsed["status"] in ("no", "bad", "bye"):
                replies.append(parsed)  # e.g. * BAD [ALERT] Plaintext authentication ...
        if final:
            replies.append(final)
        return final

    async def _pop3_auth(self, conn: Conn, mechanism: str, caps: Caps, replies: list[dict]) -> dict:
        async def line() -> dict:
            return parse_pop3_line((await conn.read_line(self.deadline())).decode("utf-8", "backslashreplace"))

        if mechanism == "USER":
            conn.send(f"USER {self.ctx.account.username}")
            parsed = await line()
            if parsed.get("status") == "positive":
                conn.send(f"PASS {self.ctx.account.password or ''}", shown="PASS <redacted>")
                parsed = await line()
        else:
            conn.send(f"AUTH {mechanism} {self._sasl_initial(mechanism)}", shown=f"AUTH {mechanism} <redacted>")
            raw = (await conn.read_line(self.deadline())).decode("utf-8", "backslashreplace")
            if raw.startswith("+ ") or raw == "+":
                conn.send("")
                raw = (await conn.read_line(self.deadline())).decode("utf-8", "backslashreplace")
                if raw.startswith("+ ") or raw == "+":
                    raise ReadFailure("endless-challenge", raw.encode())
            parsed = parse_pop3_line(raw)
        replies.append(parsed)
        return parsed

    # -- SMTP without AUTH: what does the server say to a message? ---------------------------------
    async def mail_probe(self, conn: Conn) -> None:
        """MAIL FROM / RCPT TO (never DATA) to capture 530 or relay-denied replies."""
        try:
            conn.send(f"MAIL FROM:<{self.ctx.account.email}>")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
            self.reply("mail", parsed, key="mail")
            if parsed.get("status") != "positive":
                return
            conn.send(f"RCPT TO:<{RELAY_PROBE_RECIPIENT}>")
            parsed = parse_smtp_reply(await conn.read_smtp_reply(self.deadline()))
            self.reply("rcpt", parsed, key="rcpt")
            conn.send("RSET")
            await conn.read_smtp_reply(self.deadline())
        except ReadFailure as exc:
            self.ctx.note(self.label, f"mail probe: {exc.reason}")
            self.failure("mail", exc.reason, self._mode(conn), exc.partial[:200])

    async def logout(self, conn: Conn) -> None:
        """Say goodbye politely, without waiting long for the answer."""
        try:
            if self.protocol == "imap":
                conn.send(f"{self.tag()} LOGOUT")
            else:
                conn.send("QUIT")
            await conn.read_line(self.ctx.step_deadline(0.3))
        except (ReadFailure, OSError):
            pass


async def run_setting(ctx: ProbeContext, setting: ServerSetting, *, login: bool = True) -> list[Fact]:
    """The session probe of one server setting."""
    return await ServiceProbe(ctx, setting, login=login).run()


async def collect(ctx: ProbeContext) -> list[Fact]:
    """One session per configured server, concurrently."""
    groups = await asyncio.gather(*(run_setting(ctx, s) for s in ctx.settings))
    return [f for g in groups for f in g]

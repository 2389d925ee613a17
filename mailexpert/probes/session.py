"""Session probe: talk SMTP, IMAP or POP3 to a configured server, as a mail client would.

Over raw asyncio streams (not smtplib/imaplib: every read must be bounded and every reply
kept verbatim): connect, implicit TLS or greeting, capabilities, STARTTLS/STLS and the
handshake, capabilities again, then at most ONE login per protocol per diagnosis.

This module is the connection state machine all three protocols share; the words of each
protocol (reply format, capability command, STARTTLS, login exchanges, refusals) live in
its dialect, :mod:`mailexpert.probes.dialects`, chosen by the setting's protocol.

Facts: ``service.greeting`` (with the fingerprint of what was actually spoken; and ``service.greeted-as``, the
name an SMTP greeting gives its server),
``service.capabilities``, ``starttls.result``, ``tls.handshake``, ``login.result`` and
``server.reply`` (greeting/capability/starttls when not positive, auth always, and the
MAIL FROM / RCPT TO replies on a port that offers no AUTH); after an SMTP login the server
took, ``envelope.result``: MAIL FROM and RCPT TO the account's own address, then RSET, never
DATA (its refusals are ``server.reply`` facts of stage mail or rcpt too).

Safety: the password is never sent in cleartext or over TLS whose certificate failed
verification unless ``allow_insecure_login``; it is never written to the transcript
(``AUTH PLAIN <redacted>``), nor is a CRAM-MD5 answer, which is derived from it. When the
configured mode fails in a telling way, one extra look explains it: a plaintext greeting
after "wrong version number" on an implicit-TLS setting, a TLS handshake after a silent
plaintext port.
"""

from __future__ import annotations

import asyncio
import time

import attrs

from mailexpert.account import ServerSetting, identity_fields
from mailexpert.classify import classify_socket_error, clean_text, fingerprint_greeting
from mailexpert.errors import NetworkNotAllowed, ReadFailure, SessionStop
from mailexpert.facts import CUT_BY_DEADLINE, Fact
from mailexpert.greeting import greeted_name, registered_domain
from mailexpert.oautherror import read_challenge
from mailexpert.probes.context import ProbeContext, elapsed_ms
from mailexpert.probes.dialects import DIALECTS, Caps
from mailexpert.probes.dialects.base import CRAM_MD5, OAUTH_MECHANISMS, Reply
from mailexpert.probes.handshake import handshake
from mailexpert.probes.net import Conn, client_hello, label_for
from mailexpert.probes.resolve import ordered_addresses
from mailexpert.replies import login_outcome

_FAILURE_TO_SPOKEN = {"timeout": "silence", "closed": "closed", "reset": "reset"}
#: envelope.result's outcome for the status of the answer that decided it (any other: rejected).
_ENVELOPE_OUTCOME = {"positive": "accepted", "transient": "temporary"}


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
        self.dialect = DIALECTS[setting.protocol]
        self.host = setting.host
        self.port = setting.port
        self.label = label_for(setting.protocol, setting.host, setting.port)
        self.login_wanted = login
        self.facts: list[Fact] = []
        self._emitted: set[str] = set()
        self._tag = 0
        self._conns: list[Conn] = []
        self._patient = False  # during a login (see ProbeContext.patient_deadline)

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

    def reply(self, stage: str, parsed: Reply, key: str | None = None) -> None:
        if not parsed:
            return
        fields = {k: v for k, v in parsed.items() if k in ("status", "code", "enhanced", "response_code", "text", "meaning", "reading")}
        self.emit(key, "server.reply", host=self.host, port=self.port, protocol=self.protocol, stage=stage,
                  source="probe", **fields)

    def tag(self) -> str:
        self._tag += 1
        return f"a{self._tag}"

    def deadline(self) -> float:
        return self.ctx.patient_deadline() if self._patient else self.ctx.step_deadline()

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
        if self.dialect.probes_without_login and (
                sends_without_auth or (caps.known and not self.dialect.auth_offered(caps))):
            # What happens to a message from this client: 530 (authentication required),
            # 554 relay denied, a DNSBL block. Nothing is sent beyond RCPT TO.
            self.login_skipped(self.no_auth_reason(), state.mode)
            await self.dialect.unauthenticated_probe(self, conn)
        else:
            skipped = self.skip_reason(state)
            if skipped:
                self.login_skipped(skipped, state.mode)
            else:
                await self.login(conn, caps, state.mode)
        await self.logout(conn)

    def no_auth_reason(self) -> str:
        """Why no login was sent where the server offers none (or the client sends without).
        "not-offered" only when the client would log in: its own settings say so, or a
        password or token was given for a login that was not turned off; a client that sends
        without a login (a relay trusted by address) is not stopped by a server without AUTH."""
        method, opts, account = self.setting.auth_method, self.ctx.options, self.ctx.account
        if method in ("password", "oauth") or (
                method != "none" and not opts.no_login and bool(account.password or account.oauth_token)):
            return "not-offered"
        return "no-login" if opts.no_login else "no-credentials"

    def skip_reason(self, state: _State) -> str | None:
        opts = self.ctx.options
        if opts.no_login or not self.login_wanted:
            return "no-login"
        if not (self.ctx.account.password or self.ctx.account.oauth_token) or self.setting.auth_method == "none":
            return "no-credentials"
        # CRAM-MD5 does not send the password, but what it sends lets whoever reads it (an
        # eavesdropper on cleartext, a man in the middle behind an unverified certificate)
        # guess the password offline (RFC 2195 section 4), so it is held back as a password is.
        if not opts.allow_insecure_login:
            if state.cert_invalid:
                return "cert-invalid"
            if state.cleartext:
                return "cleartext"
        if self.ctx.budget.spent(self.protocol):
            return "no-login"
        return None

    def failure(self, step: str, failure: str, mode: str | None, partial: bytes | str = b"") -> None:
        """Record a step the server broke (``service.failure``), once per step. A step the
        global deadline cut (CUT_BY_DEADLINE) the server did not break: a note only."""
        if failure == CUT_BY_DEADLINE:
            self.ctx.note(self.label, f"{step}: cut by the diagnosis's deadline")
            return
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
                raise SessionStop(CUT_BY_DEADLINE if resolved.outcome == CUT_BY_DEADLINE else "connect-failed")
            candidates = [None]
        reset_ms = None
        for address in candidates:
            start = time.monotonic()
            try:
                conn = await Conn.open(self.ctx, self.label, self.host, address, self.port)
            except NetworkNotAllowed:
                raise
            except (OSError, TimeoutError) as exc:
                outcome = classify_socket_error(exc)
                self.ctx.note(self.label, f"connect {address}: {outcome}")
                if outcome == CUT_BY_DEADLINE:
                    raise SessionStop(CUT_BY_DEADLINE) from None
                if outcome == "timeout":
                    break  # another address would cost another full timeout
                if outcome == "reset":
                    reset_ms = elapsed_ms(start)
                continue
            self._conns.append(conn)
            return conn, address
        if reset_ms is not None:
            # The server accepted the connection and reset it at once. Whether the connect or
            # the first read sees the reset is a matter of timing (and of the Python build),
            # so both are the same observation: the server's first answer was a reset.
            self.emit("greeting-plain", "service.greeting", host=self.host, port=self.port, protocol=self.protocol,
                      mode="plain", spoken="reset", elapsed_ms=reset_ms)
            raise SessionStop("session-failed")
        raise SessionStop("connect-failed")

    async def _secure(self, conn: Conn, address: str | None, mode: str, *, verify: bool) -> _State | None:
        """The TLS handshake (``implicit``, or after STARTTLS): None when it holds, the state to
        return when only the certificate is refused; any other failure stops the session."""
        hs = await handshake(self.ctx, conn, host=self.host, address=address, port=self.port,
                             protocol=self.protocol, mode=mode, verify=verify, emit=verify)
        self._keep(hs.fact)
        if hs.ok:
            return None
        assert hs.verdict is not None
        if hs.verdict.outcome == CUT_BY_DEADLINE:
            raise SessionStop(CUT_BY_DEADLINE)
        if hs.verdict.outcome == "cert-invalid":
            return _State(conn=None, cert_invalid=True, address=address)
        # A plaintext server on the TLS port: what does it say? And when nothing, what does it answer?
        if mode == "implicit" and hs.verdict.outcome == "wrong-version-number" and await self.plain_look() == "silence":
            await self.answer_look()
        raise SessionStop("tls-failed")

    async def establish(self, *, verify: bool) -> _State:
        conn, address = await self.connect()
        security = self.setting.security
        mode = "plain"
        if security == "ssl":
            refused = await self._secure(conn, address, "implicit", verify=verify)
            if refused is not None:
                return refused
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
            refused = await self._secure(conn, address, "starttls", verify=verify)
            if refused is not None:
                return refused
            caps = await self.capabilities(conn)
            mode = "starttls"
        return _State(conn=conn, caps=caps, mode=mode, cleartext=security == "plain", address=address)

    async def plain_look(self) -> str | None:
        """After "wrong version number": is there a plaintext greeting on this port? What
        was spoken, or None when the look could not connect."""
        try:
            conn, _ = await self.connect()
        except SessionStop:
            return None
        return (await self.greeting(conn, "plain"))[1]

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
        elif hs.verdict is not None and hs.verdict.outcome == "wrong-version-number":
            await self.answer_look()

    async def answer_look(self) -> None:
        """A port that says nothing first and answers a TLS hello with something that is not
        TLS is no mail port of either kind (mail servers greet first; TLS ports answer in
        TLS): what answers? A web server waits for its request and answers the hello with an
        error of its own ("HTTP/1.1 400 Bad Request"). The hello is sent again on a
        connection of its own and the first bytes back are fingerprinted
        (``service.answer``); TLS records or nothing say no more than the handshake did."""
        try:
            conn, _ = await self.connect()
        except SessionStop:
            return
        conn.send_bytes(client_hello(self.host), "(a TLS ClientHello)")
        try:
            await conn.drain()
        except (OSError, TimeoutError):
            return
        data, _complete, _failure = await conn.read_first(self.deadline())
        spoken = fingerprint_greeting(data).spoken
        if spoken in ("silence", "tls"):
            return
        first = data.split(b"\n", 1)[0].decode("utf-8", "backslashreplace")
        self.emit("answer", "service.answer", host=self.host, port=self.port, protocol=self.protocol,
                  spoken=spoken, text=clean_text(first, 200))

    async def greeting(self, conn: Conn, mode: str) -> tuple[bool, str]:
        """Read and fingerprint the greeting; emit ``service.greeting`` (once per mode)."""
        start = time.monotonic()
        deadline = self.deadline()
        data, complete, failure = await conn.read_first(deadline)
        if failure == CUT_BY_DEADLINE:
            self.ctx.note(self.label, "greeting: cut by the diagnosis's deadline")
            raise SessionStop(CUT_BY_DEADLINE)
        if data:
            fp = fingerprint_greeting(data)
        else:
            fp = fingerprint_greeting(b"")
            fp = attrs.evolve(fp, spoken=_FAILURE_TO_SPOKEN.get(failure or "", "unknown"))
        lines = [data.decode("utf-8", "backslashreplace")] if data else []
        if complete and fp.spoken == self.protocol:
            try:
                # The rest of a greeting that has begun may come late on purpose (postscreen).
                lines = await self.dialect.complete_greeting(conn, self.ctx.patient_deadline(), data, lines)
            except ReadFailure as exc:
                complete, failure = False, exc.reason
            else:
                # A reply's last line has its verdict: postscreen's "220-" teaser may end in
                # "521 5.3.2 Service currently unavailable".
                last = fingerprint_greeting(lines[-1].encode("utf-8", "surrogateescape"))
                if len(lines) > 1 and last.spoken == fp.spoken:
                    fp = attrs.evolve(fp, status=last.status, code=last.code)
        status = fp.status if complete else None
        ms = elapsed_ms(start)
        self.emit(f"greeting-{mode}", "service.greeting", host=self.host, port=self.port, protocol=self.protocol,
                  mode=mode, spoken=fp.spoken, status=status, code=fp.code,
                  text=clean_text(" ".join(lines)) if lines else None, elapsed_ms=ms)
        ok = complete and fp.spoken == self.protocol and fp.status == "ok"
        if ok and self.protocol == "smtp" and (name := greeted_name(lines[0])) is not None:
            # Whose server answered (RFC 5321 section 4.1.1.1): the rules compare it with the provider's
            # domains (rules/firewall/port-blocked-outbound.yaml, port-blocked-outbound-greeted-as-other).
            self.emit(f"greeted-as-{mode}", "service.greeted-as", host=self.host, port=self.port, protocol="smtp",
                      name=name, domain=registered_domain(name))
        if fp.spoken == "garbage":
            self.failure("greeting", "garbage", mode, data[:200])
        elif complete and fp.spoken == "unknown":
            # A whole line of text that is no greeting of any mail protocol ("999 hi", "abc").
            self.failure("greeting", "bad-reply", mode, data[:200])
        elif data and not complete and fp.spoken in (self.protocol, "unknown") and failure:
            # A greeting that started but never ended: overlong, endless, dripped, cut off.
            self.failure("greeting", failure, mode, data[:200])
        if complete and fp.spoken == self.protocol and not ok:
            self.reply("greeting", self.dialect.parse_reply(lines), key=f"greeting-reply-{mode}")
        return ok, fp.spoken

    async def capabilities(self, conn: Conn) -> Caps:
        tls = conn.tls
        try:
            caps = await self.dialect.capabilities(self, conn)
        except ReadFailure as exc:
            self.ctx.note(self.label, f"capabilities: {exc.reason}")
            if exc.reason == CUT_BY_DEADLINE:
                raise SessionStop(CUT_BY_DEADLINE) from None
            self.failure("capability", exc.reason, self.mode_of(conn), exc.partial[:200])
            raise SessionStop("session-failed") from None
        d = self.dialect
        self.emit(f"caps-{tls}", "service.capabilities", host=self.host, port=self.port, protocol=self.protocol,
                  tls=tls, starttls=caps.starttls, starttls_masked=caps.masked, auth_offered=d.auth_offered(caps),
                  mechanisms=" ".join(caps.mechanisms) or None, password_auth=d.password_auth(caps),
                  oauth_only=d.oauth_only(caps), login_disabled=d.login_disabled(caps),
                  raw=clean_text(caps.raw) if caps.raw else None)
        return caps

    def mode_of(self, conn: Conn) -> str:
        if not conn.tls:
            return "plain"
        return "implicit" if self.setting.security == "ssl" else "starttls"

    async def starttls(self, conn: Conn) -> None:
        """Send STARTTLS/STLS; emit ``starttls.result``; SessionStop unless the server said go ahead."""
        p = self.protocol
        try:
            parsed, accepted = await self.dialect.starttls(self, conn)
        except ReadFailure as exc:
            if exc.reason == CUT_BY_DEADLINE:
                raise SessionStop(CUT_BY_DEADLINE) from None
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
        if picked == CRAM_MD5:  # "Encrypted password": log in as that client does
            return CRAM_MD5 if self.ctx.account.password else None
        token = self.ctx.account.oauth_token
        if self.setting.auth_method == "password":
            token = None
        mechs = caps.mechanisms
        if token:
            # A client set to one OAuth2 mechanism uses it (its refusal is that mechanism's).
            for m in (picked,) if picked in OAUTH_MECHANISMS else ("XOAUTH2", "OAUTHBEARER"):
                if m in mechs:
                    return m
            if not self.ctx.account.password:
                return None
        if not self.ctx.account.password:
            return None
        # Without PLAIN or LOGIN, CRAM-MD5 still checks the password; whether the client can
        # log in there is for the rules (login.result mechanism_pinned says who chose it).
        fallback = CRAM_MD5 if CRAM_MD5 in mechs else None
        return self.dialect.password_mechanism(caps) or fallback

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
        replies: list[Reply] = []
        self._patient = True  # a server may take its time to answer a login, on purpose
        try:
            final = await self.dialect.authenticate(self, conn, mechanism, caps, replies)
            outcome = login_outcome(final)
        except ReadFailure as exc:
            final = {}
            outcome = {"timeout": "timeout", "closed": "closed", "reset": "reset"}.get(exc.reason, "error")
            self.failure("login", exc.reason, mode, exc.partial[:200])
        except (OSError, TimeoutError) as exc:
            final = {}
            outcome = "reset" if classify_socket_error(exc) == "reset" else "error"
            self.failure("login", outcome, mode)
        finally:
            self._patient = False
        for i, r in enumerate(replies):
            self.reply("auth", r, key=f"auth-reply-{i}")
        ident = identity_fields(self.ctx.account)
        # What the server's error challenge said of an OAuth2 token, read as explain reads it.
        challenge = read_challenge(final.get("challenge")) if mechanism in OAUTH_MECHANISMS else None
        self.emit("login", "login.result", host=self.host, port=self.port, protocol=self.protocol, mode=mode,
                  mechanism=mechanism, mechanism_pinned=mechanism == self.setting.mechanism,
                  outcome=outcome, code=final.get("code"), enhanced=final.get("enhanced"),
                  response_code=final.get("response_code"), text=final.get("text"),
                  **(challenge.fields() if challenge and outcome != "success" else {}),
                  username_is_address=ident["username_is_address"], elapsed_ms=elapsed_ms(start))
        if outcome == "success":
            await self.open_mailbox(conn, mode)
            if self.dialect.tests_envelope and self.ctx.options.envelope_test:
                await self.envelope_test(conn, mode)

    async def open_mailbox(self, conn: Conn, mode: str) -> None:
        """A login the server takes may still lead nowhere: a server whose mail storage fails
        answers the mail program's next step, opening the mailbox ("NO [SERVERBUG] Internal
        error occurred", POP3 "-ERR [SYS/TEMP]"). A refusal there is a ``server.reply`` of
        stage ``mailbox``."""
        # A mail program waits long for its mailbox (a large one takes time to open), so this
        # step may use what is left of the deadline; running out of it is ours, no failure.
        self._patient = True
        try:
            parsed = await self.dialect.open_mailbox(self, conn)
        except ReadFailure as exc:
            if exc.reason == "timeout":
                self.ctx.note(self.label, "opening the mailbox: no answer before the deadline")
            else:
                self.failure("mailbox", exc.reason, mode, exc.partial[:200])
            return
        except (OSError, TimeoutError) as exc:
            self.failure("mailbox", "reset" if classify_socket_error(exc) == "reset" else "error", mode)
            return
        finally:
            self._patient = False
        if parsed and parsed.get("status") != "positive":
            self.reply("mailbox", parsed, key="mailbox-reply")

    async def envelope_test(self, conn: Conn, mode: str) -> None:
        """A login the server takes may still not let the account send from its address: a
        submission server that checks the sender against the login (Postfix
        reject_sender_login_mismatch, Microsoft 365 Send As) refuses MAIL FROM or RCPT TO.
        So the mail program's own transaction is started, from the account's address to that
        same address, and abandoned before DATA (``envelope.result``; each refusal is a
        ``server.reply`` of stage mail or rcpt for the rules that read replies)."""
        address = self.ctx.account.email
        answers: list[tuple[str, Reply]] = []

        def seen(stage: str, parsed: Reply) -> None:
            answers.append((stage, parsed))
            if parsed.get("status") != "positive":
                self.reply(stage, parsed, key=f"envelope-{stage}")

        broke: str | None = None
        # Mail programs wait minutes for these answers (RFC 5321 4.5.3.2: 5 minutes each), and
        # servers may check a sender slowly (DNS lookups, policy services): this step may use
        # what is left of the deadline, and running out of it is ours, no failure.
        self._patient = True
        try:
            await self.dialect.envelope(self, conn, address, address, seen)
        except ReadFailure as exc:
            broke = {"timeout": "timeout", "closed": "closed", "reset": "reset"}.get(exc.reason, "error")
            if broke == "timeout":
                self.ctx.note(self.label, "MAIL FROM / RCPT TO: no answer before the deadline")
            else:
                self.failure("mail", exc.reason, mode, exc.partial[:200])
        except (OSError, TimeoutError) as exc:
            broke = "reset" if classify_socket_error(exc) == "reset" else "error"
            self.failure("mail", broke, mode)
        finally:
            self._patient = False
        if len(answers) == 2 or (answers and broke is None):
            # The last answer decides (a session that broke only at the RSET had both).
            stage, final = answers[-1]
            outcome: str | None = _ENVELOPE_OUTCOME.get(final.get("status") or "", "rejected") if final else "error"
        else:
            stage, final, outcome = ("rcpt" if answers else "mail"), {}, broke
        self.emit("envelope", "envelope.result", host=self.host, port=self.port, protocol=self.protocol, mode=mode,
                  sender=address, recipient=address, outcome=outcome, stage=stage, code=final.get("code"),
                  enhanced=final.get("enhanced"), text=final.get("text"))

    async def logout(self, conn: Conn) -> None:
        """Say goodbye politely, without waiting long for the answer."""
        try:
            conn.send(self.dialect.logout_command(self))
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

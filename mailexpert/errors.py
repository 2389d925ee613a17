"""The one exception tree of mailexpert.

Every error mailexpert raises on purpose derives from :class:`MailexpertError`;
third-party errors (PyYAML, jsonschema, durable_rules, ssl, socket, dnspython)
are translated once, where they enter, into one of these::

    MailexpertError
    ├── InputError                 bad input from a user: exit status 2
    │   ├── SourceError            ... at a position in a file (file:line:column)
    │   │   ├── RuleFileError      a rule file is malformed or inconsistent
    │   │   │   └── UnknownCauseError  ... it names a cause no causes.yaml declares
    │   │   ├── FactTemplateError  a fact template file is malformed
    │   │   ├── BundleError        a recorded fact bundle is malformed
    │   │   └── ProviderTableError a provider table file is malformed
    │   ├── FactError              a fact of an unknown kind, field or wrong type
    │   ├── SettingsError          a server setting, e-mail address or option is wrong
    │   │   └── NetworkNotAllowed  a probe was about to contact an address outside the allowed networks
    │   └── ClientConfigError      a client configuration file cannot be read at all
    ├── EngineError                the rule engine failed (a bug, not bad input): exit 3
    │   └── RuleActionError        a rule's consequence raised while it fired
    ├── LabError                   the loopback lab could not start or stop
    ├── ProbeError                 a probe's conversation ended early (caught inside the probes,
    │   │                          turned into facts; never reaches a caller)
    │   ├── ReadFailure            a read from a server ended without a complete answer
    │   ├── DeadlineReached        a step's time ran out at the global deadline (also a TimeoutError)
    │   └── SessionStop            a mail session cannot go on (the login is skipped, with a reason)
    └── DataTableError             a table shipped in the package is inconsistent (a packaging bug)
        ├── ProfileError           ... the TLS profile table, or this OpenSSL lacks a profile
        └── ClientTableError       ... the TLS client table

Exceptions carry data (path, line, column, rule id, field) besides their text, so that
callers can present them without parsing messages.
"""

from __future__ import annotations

from pathlib import Path


class MailexpertError(Exception):
    """Root of every error mailexpert raises on purpose."""


class InputError(MailexpertError):
    """Bad input from a user (arguments, files, bundles); the CLI exits with status 2."""


class SourceError(InputError):
    """An error at a position in a file; ``str()`` gives ``file:line:column: message``.

    ``line`` and ``column`` are 1-based; either may be ``None`` when unknown.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        rule_id: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.rule_id = rule_id
        super().__init__(self.location_text())

    @property
    def location(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def location_text(self) -> str:
        rule_id = self.rule_id if self.rule_id is None or len(self.rule_id) <= 80 else self.rule_id[:80] + "…"
        rule = f" [{rule_id}]" if rule_id else ""
        return f"{self.location}:{rule} {self.message}"


class RuleFileError(SourceError):
    """A rule file failed the schema or a cross-check.

    ``cause`` is the cause id an error is about, where there is one: a rule names a cause no
    ``causes.yaml`` declares, or a declaration in ``causes.yaml`` is faulty (so that a rule
    naming that cause is not a second, misleading error)."""

    cause: str | None = None


class UnknownCauseError(RuleFileError):
    """A rule names (as its cause, in ``supersedes`` or ``for``) a cause that is not declared."""

    def __init__(self, message: str, *, cause: str, **where: object) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]
        self.cause = cause


class FactTemplateError(SourceError):
    """A fact template file in facts/ is malformed."""


class BundleError(SourceError):
    """A recorded fact bundle (JSON or YAML) is malformed."""


class ProviderTableError(SourceError):
    """A provider table file (the offline provider database) is malformed."""


class FactError(InputError):
    """A fact that does not fit its template: unknown kind or field, wrong type or value."""

    def __init__(self, message: str, *, kind: str | None = None, field: str | None = None) -> None:
        self.kind = kind
        self.field = field
        super().__init__(message)


class SettingsError(InputError):
    """A server setting, e-mail address, option or argument is not usable."""


class ClientConfigError(InputError):
    """A client configuration file could not be read at all (missing, unreadable)."""


class NetworkNotAllowed(SettingsError):
    """A probe was about to contact an address outside ``allowed_networks``."""

    def __init__(self, message: str, *, address: str, port: int | None = None) -> None:
        self.address = address
        self.port = port
        super().__init__(message)


class EngineError(MailexpertError):
    """The rule engine failed; a bug in mailexpert or a rule, not in the user's input."""


class RuleActionError(EngineError):
    """A rule's consequence raised while the rule fired."""

    def __init__(self, message: str, *, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id}: {message}")


class LabError(MailexpertError):
    """The loopback lab could not start, or a lab server failed."""


class ProbeError(MailexpertError):
    """A probe's conversation with a server ended early; the probe turns it into facts."""


class ReadFailure(ProbeError):
    """A read from a server ended without a complete answer.

    ``reason`` is one of closed, reset, timeout, deadline, too-long, too-much, too-many-lines,
    bad-reply, tls (deadline: the read's time was cut by the diagnosis's global deadline, see
    :class:`DeadlineReached`); ``partial`` holds the bytes received before it ended.
    """

    def __init__(self, reason: str, partial: bytes = b"", detail: str = "") -> None:
        self.reason = reason
        self.partial = partial
        self.detail = detail
        super().__init__(f"read failed: {reason}{': ' + detail if detail else ''}")


class SessionStop(ProbeError):
    """A mail session cannot go on; ``reason`` is the login.result skipped_reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class DataTableError(MailexpertError):
    """A data table shipped in the package is inconsistent (a packaging bug, caught by the tests)."""


class ProfileError(DataTableError):
    """The TLS profile table is inconsistent, or this OpenSSL lacks a whole profile."""


class ClientTableError(DataTableError):
    """The TLS client table is inconsistent."""


class DeadlineReached(ProbeError, TimeoutError):
    """A probe step ran out of time at the diagnosis's global deadline, with less time than its
    own step timeout (:meth:`mailexpert.probes.context.ProbeContext.step_timeout` capped it):
    our clock ran out, which says nothing of the network or the server. Its facts read
    ``deadline`` (:data:`mailexpert.facts.CUT_BY_DEADLINE`), never ``timeout``."""

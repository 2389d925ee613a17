"""The options of a live diagnosis: one validated, frozen value instead of two dozen keywords.

:class:`DiagnoseOptions` says how to diagnose (resolvers, timeouts, rule folders, answers,
where to save the facts); :class:`~mailexpert.account.Account` says what (the address,
credentials and server settings). :func:`from_keywords` is the convenience behind
``diagnose(email, imap=..., timeout=...)``: it sorts keywords into the two, and refuses an
unknown keyword or a value of the wrong type with a :class:`SettingsError` that names the
option and what it accepts -- never with a ``TypeError`` deep inside a probe.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mailexpert.errors import SettingsError

if TYPE_CHECKING:
    from mailexpert.account import Account
    from mailexpert.reasoning import Answerer

#: The longest step timeout accepted: longer than any mail client waits.
MAX_TIMEOUT = 300.0

ACCOUNT_KEYWORDS = ("username", "password", "oauth_token", "imap", "pop3", "smtp")


def _one_or_many(value: Any) -> Any:
    """One value or an iterable of them, as a tuple; a lone string is one value, not its letters.
    Anything else is left for the field's validator to refuse by name."""
    if isinstance(value, (str, Path)):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return tuple(value)
    return value


def _optional_one_or_many(value: Any) -> Any:
    return None if value is None else _one_or_many(value)


def _values(accepted: str, *, optional: bool = False) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, tuple):
            raise SettingsError(f"option {attribute.name!r} takes {accepted}, not {type(value).__name__}")

    return check


def _seconds(*, optional: bool = False) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(
                f"option {attribute.name!r} takes a number of seconds, not {type(value).__name__} {value!r}"
            )
        if not (math.isfinite(value) and value > 0):
            raise SettingsError(f"option {attribute.name!r} must be more than 0 and finite, not {value!r}")

    return check


def _of_type(types: type | tuple[type, ...], accepted: str, *, optional: bool = True) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, types) or (types is not bool and isinstance(value, bool)):
            # Never the value itself: the proxy URL may carry credentials.
            raise SettingsError(f"option {attribute.name!r} takes {accepted}, not {type(value).__name__}")

    return check


def _callable(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not callable(value):
        raise SettingsError(f"option {attribute.name!r} takes a function, not {type(value).__name__}")


def _symptom(value: Any) -> str | None:
    from mailexpert.symptoms import check_symptom

    return None if value is None else check_symptom(value)


def _error(value: Any) -> str | None:
    from mailexpert.symptoms import check_error_text

    return None if value is None else check_error_text(value)


def _answers(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise SettingsError("option 'answers' takes a mapping of question ids to answers (text to text)")
    return dict(value)


_RESOLVERS = "resolver addresses ('IP[:PORT]')"


@attrs.frozen(kw_only=True)
class DiagnoseOptions:
    """How to diagnose. Every field has a default; those that point at the internet (reference
    resolvers, reference web pages) are overridden by tests and by the lab's targets.

    ``timeout`` is the seconds one network step may take; ``deadline`` the seconds the whole
    collection may take, and once more all the follow-up probes together (default:
    max(3 × timeout, timeout + 5)).
    """

    no_login: bool = attrs.field(default=False, validator=_of_type(bool, "True or False", optional=False))
    allow_insecure_login: bool = attrs.field(default=False, validator=_of_type(bool, "True or False", optional=False))
    #: After an SMTP login the server took: MAIL FROM and RCPT TO the account's own address,
    #: then RSET (never DATA), to see whether it takes mail from that sender.
    envelope_test: bool = attrs.field(default=True, validator=_of_type(bool, "True or False", optional=False))
    #: After the TLS probe has seen a server's certificate: fetch its CA's revocation list (CRL)
    #: from the certificate's http distribution point (a plain GET to the CA's host) and check
    #: the certificate against it (tls.revocation). On by default, as "best effort": Windows'
    #: Schannel checks revocation unless told not to (curl's --ssl-no-revoke, "(Schannel) ...
    #: disable certificate revocation checks"), so programs there refuse a revoked certificate
    #: that nothing else shows; an unreachable list is no failure, as curl's
    #: --ssl-revoke-best-effort and Git for Windows' default (git-for-windows/git#2535) treat it.
    #: The list names its CA, not the server. False (--no-revocation-check): no contact with the CA.
    revocation_check: bool = attrs.field(default=True, validator=_of_type(bool, "True or False", optional=False))
    dns_servers: tuple[Any, ...] = attrs.field(default=(), converter=_one_or_many, validator=_values(_RESOLVERS))
    reference_dns: tuple[Any, ...] | None = attrs.field(
        default=None, converter=_optional_one_or_many, validator=_values(_RESOLVERS, optional=True)
    )
    connect_to: tuple[Any, ...] = attrs.field(
        default=(), converter=_one_or_many, validator=_values("'HOST:PORT:ADDR:PORT' overrides")
    )
    ca_file: str | Path | None = attrs.field(default=None, validator=_of_type((str, Path), "a file path"))
    web_urls: tuple[str, ...] | None = attrs.field(
        default=None, converter=_optional_one_or_many, validator=_values("URLs", optional=True)
    )
    proxy: str | None = attrs.field(default=None, repr=False, validator=_of_type(str, "a proxy URL"))
    timeout: float = attrs.field(default=5.0, validator=_seconds())
    deadline: float | None = attrs.field(default=None, validator=_seconds(optional=True))
    rule_folders: tuple[str | Path, ...] = attrs.field(
        default=(), converter=_one_or_many, validator=_values("folder paths")
    )
    answers: Mapping[str, str] | None = attrs.field(default=None, converter=_answers)
    answerer: Answerer | None = attrs.field(default=None, validator=_callable)
    client_config: tuple[str | Path, ...] = attrs.field(
        default=(), converter=_one_or_many, validator=_values("file paths")
    )
    progress: Callable[[str], None] | None = attrs.field(default=None, validator=_callable)
    allowed_networks: tuple[Any, ...] | None = attrs.field(
        default=None, converter=_optional_one_or_many, validator=_values("networks ('127.0.0.0/8')", optional=True)
    )
    save_facts: str | Path | None = attrs.field(default=None, validator=_of_type((str, Path), "a file path"))
    #: The hosts file to read instead of the OS's own (/etc/hosts; on Windows
    #: %SystemRoot%\System32\drivers\etc\hosts).
    hosts_file: str | Path | None = attrs.field(default=None, validator=_of_type((str, Path), "a file path"))
    #: What the user sees (see mailexpert/data/symptoms.yaml) and the error text the client showed.
    symptom: str | None = attrs.field(default=None, converter=_symptom)
    error: str | None = attrs.field(default=None, repr=False, converter=_error)

    @timeout.validator
    def _timeout_at_most(self, _attribute: attrs.Attribute[Any], value: float) -> None:
        if value > MAX_TIMEOUT:
            raise SettingsError(f"option 'timeout' must be at most {MAX_TIMEOUT:g} seconds, not {value!r}")

    @property
    def collection_deadline(self) -> float:
        """Seconds the whole collection may take."""
        return self.deadline if self.deadline is not None else max(3 * self.timeout, self.timeout + 5.0)


OPTION_KEYWORDS = tuple(a.name for a in attrs.fields(DiagnoseOptions))


def from_keywords(account: Account | str, options: DiagnoseOptions | None, keywords: Mapping[str, Any]) -> tuple[Account, DiagnoseOptions]:
    """The account and options of ``diagnose(account, options, **keywords)``."""
    from mailexpert.account import Account

    for name in keywords:
        if name not in ACCOUNT_KEYWORDS and name not in OPTION_KEYWORDS:
            close = difflib.get_close_matches(name, (*ACCOUNT_KEYWORDS, *OPTION_KEYWORDS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SettingsError(
                f"unknown option {name!r}{hint}; the options are: {', '.join(sorted((*ACCOUNT_KEYWORDS, *OPTION_KEYWORDS)))}"
            )
    account_kw = {k: v for k, v in keywords.items() if k in ACCOUNT_KEYWORDS and v is not None}
    option_kw = {k: v for k, v in keywords.items() if k in OPTION_KEYWORDS}
    if options is not None and not isinstance(options, DiagnoseOptions):
        raise SettingsError(f"the options are a DiagnoseOptions, not {type(options).__name__}")
    options = attrs.evolve(options, **option_kw) if options is not None else DiagnoseOptions(**option_kw)
    if isinstance(account, Account):
        account = attrs.evolve(account, **account_kw) if account_kw else account
    elif isinstance(account, str):
        account = Account(email=account, **account_kw)
    else:
        raise SettingsError(f"the account is an e-mail address or an Account, not {type(account).__name__}")
    return account, options


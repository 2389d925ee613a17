"""The explicit TLS client profiles of ``mailexpert/data/tls_profiles.yaml``, as SSL contexts.

Probes never use the TLS defaults of the Python build they run on: the cipher list, the
lowest version, the security level and the verification flags are all set here, from the
profile, so that the same server gives the same handshake verdict on a Debian, Fedora,
python.org or Homebrew Python. A context is cached and never changed once made (one
context serves many concurrent connections).
"""

from __future__ import annotations

import functools
import os
import ssl
import warnings
from collections.abc import Iterable
from pathlib import Path

import attrs

from mailexpert import rulecache, userfile
from mailexpert.errors import ProfileError, SettingsError, SourceError

DATA_FILE = Path(__file__).resolve().parent / "data" / "tls_profiles.yaml"

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    #: Fact vocabulary of the TLS versions -> ssl's constants, oldest first.
    VERSIONS: dict[str, ssl.TLSVersion] = {
        "TLSv1": ssl.TLSVersion.TLSv1,
        "TLSv1.1": ssl.TLSVersion.TLSv1_1,
        "TLSv1.2": ssl.TLSVersion.TLSv1_2,
        "TLSv1.3": ssl.TLSVersion.TLSv1_3,
    }

#: The class of every TLS 1.3 suite (all are AEAD with forward secrecy; Python cannot choose them).
TLS13_CLASS = "tls13"



@attrs.frozen
class Profile:
    name: str
    meaning: str
    min_version: str
    max_version: str
    classes: tuple[str, ...]
    exclude: tuple[str, ...]
    seclevel: int

    @property
    def versions(self) -> tuple[str, ...]:
        names = list(VERSIONS)
        return tuple(names[names.index(self.min_version): names.index(self.max_version) + 1])


@attrs.frozen
class Table:
    classes: dict[str, tuple[str, ...]]
    meanings: dict[str, str]
    since: dict[str, str]
    profiles: dict[str, Profile]

    def ciphers(self, profile: str, classes: Iterable[str] | None = None) -> tuple[str, ...]:
        """The TLS 1.2-and-older suites of ``profile`` (limited to ``classes``), in preference order."""
        prof = self.profiles[profile]
        chosen = prof.classes if classes is None else tuple(c for c in prof.classes if c in set(classes))
        return tuple(c for cls in chosen for c in self.classes[cls] if c not in prof.exclude)

    def class_of(self, cipher: str | None, version: str | None = None) -> str | None:
        """The class of a negotiated suite (``tls13`` for TLS 1.3), or None when it is in none."""
        if cipher is None:
            return None
        if version == "TLSv1.3" or cipher.startswith("TLS_"):
            return TLS13_CLASS
        return next((cls for cls, names in self.classes.items() if cipher in names), None)


@functools.cache
def table() -> Table:
    try:
        raw = rulecache.data_file(DATA_FILE)
        classes = {name: tuple(v["ciphers"]) for name, v in raw["classes"].items()}
        meanings = {name: str(v["meaning"]) for name, v in raw["classes"].items()}
        since = {name: str(v["since"]) for name, v in raw["classes"].items()}
        profiles = {}
        for name, p in raw["profiles"].items():
            prof = Profile(name=name, meaning=str(p["meaning"]), min_version=p["min_version"],
                           max_version=p["max_version"], classes=tuple(p["classes"]),
                           exclude=tuple(p.get("exclude") or ()), seclevel=int(p["seclevel"]))
            unknown = [c for c in prof.classes if c not in classes]
            if unknown or {prof.min_version, prof.max_version, *since.values()} - set(VERSIONS):
                raise ProfileError(f"{DATA_FILE}: profile {name}: unknown class or version")
            profiles[name] = prof
    except (OSError, SourceError, KeyError, TypeError, ValueError) as exc:
        raise ProfileError(f"{DATA_FILE}: {exc}") from exc
    return Table(classes=classes, meanings=meanings, since=since, profiles=profiles)


def class_names() -> tuple[str, ...]:
    """Every class the probes can report, TLS 1.3 last."""
    return (*table().classes, TLS13_CLASS)


def client_context(profile: str, *, version: str | None = None, classes: tuple[str, ...] | None = None,
                   verify: bool = False, ca_file: str | None = None) -> ssl.SSLContext:
    """A client context of ``profile``, optionally pinned to one ``version`` or limited to ``classes``.

    ``verify`` checks the chain (system store plus ``ca_file``) and the host name. With
    ``classes``, TLS 1.3 is left out (its suites belong to no TLS 1.2 class).
    """
    stamp = None
    if verify and ca_file:
        try:
            stamp = os.stat(ca_file).st_mtime_ns  # a rewritten CA file gets a fresh context
        except OSError:
            stamp = None
    return _context(profile, version, classes, verify, ca_file if verify else None, stamp)


@functools.lru_cache(maxsize=64)
def _context(profile: str, version: str | None, classes: tuple[str, ...] | None, verify: bool,
             ca_file: str | None, _stamp: int | None) -> ssl.SSLContext:
    return new_context(profile, version=version, classes=classes, verify=verify, ca_file=ca_file)


def new_context(profile: str, *, version: str | None = None, classes: tuple[str, ...] | None = None,
                verify: bool = False, ca_file: str | None = None, system_store: bool = True) -> ssl.SSLContext:
    """A fresh (uncached) context of ``profile``; the caller may change it. ``system_store``
    False trusts ``ca_file`` alone (the lab's clients)."""
    tab = table()
    prof = tab.profiles[profile]
    ciphers = tab.ciphers(profile, classes)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if version is not None:
            context.minimum_version = context.maximum_version = VERSIONS[version]
        else:
            context.minimum_version = VERSIONS[prof.min_version]
            context.maximum_version = VERSIONS["TLSv1.2" if classes is not None else prof.max_version]
    try:
        # Suites this OpenSSL lacks are skipped by set_ciphers; a profile with none left fails.
        context.set_ciphers(":".join(ciphers) + f":@SECLEVEL={prof.seclevel}")
    except ssl.SSLError as exc:
        raise ProfileError(f"profile {profile}: this OpenSSL supports none of its suites ({exc})") from None
    # Verification flags too: 3.13's defaults add VERIFY_X509_STRICT, which mail clients do not.
    context.verify_flags = ssl.VERIFY_X509_TRUSTED_FIRST
    if verify:
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        if system_store:
            context.load_default_certs(ssl.Purpose.SERVER_AUTH)
        if ca_file:
            # Read through the bounded reader: a FIFO or device given as the CA file must not hang.
            data = userfile.read_bytes(ca_file, userfile.LIMITS["ca-file"],
                                       lambda reason: SettingsError(f"CA file {ca_file!r}: {reason}"))
            context.load_verify_locations(cadata=data.decode("ascii", errors="replace"))
    else:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
